//! What every list kind is given and gives back, so a block's shell can pick a kind without knowing how
//! it draws: each kind's component file has a `shown` function from a loaded feed to a [`Shown`].

use std::sync::Arc;

use leptos::prelude::*;

use super::host::HostHandle;
use super::item_opts::ItemOpts;
use crate::core::config::BlockConfig;
use crate::core::model::Feed;
use crate::core::select::Current;

/// A feed block's fixed context, built once per mount.
#[derive(Clone)]
#[cfg_attr(not(all(feature = "others", feature = "gallery")), allow(dead_code))]
pub struct KindCtx {
    pub handle: HostHandle,
    /// The feed URLs the block was loaded from.
    pub sources: Arc<Vec<String>>,
    pub config: Arc<BlockConfig>,
    /// The article being read, for "Các tin khác".
    pub current: Arc<Current>,
    pub opts: Arc<ItemOpts>,
}

/// What a kind rendered and how many entries it shows (never 0: nothing to show is `None`).
pub struct Shown {
    pub view: AnyView,
    pub count: usize,
}

/// The signature of every kind's `shown`: `None` when the feed has nothing this kind would show.
pub type ShowFn = fn(&Arc<Feed>, &KindCtx) -> Option<Shown>;
