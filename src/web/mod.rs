//! The thin browser edge: mounts one Leptos view per host element inside its own open shadow root,
//! fetches feeds, hands their bytes to the pure [`crate::core`] and renders what the core selected.
//! Parsing, ordering, caps, de-duplication, exclusion and paging rules are the core's; the edge only
//! moves bytes, keeps state and draws.
//!
//! Each block is mounted under its own reactive [`Owner`]: unmounting drops the view *and* cleans the
//! owner, which cancels the block's pending tasks, so a slow feed cannot write into a removed block.

mod article_item;
mod block;
#[cfg(feature = "live")]
mod clock;
mod empty_state;
mod error_state;
mod feed_block;
#[cfg(feature = "feedback")]
mod feedback_form;
#[cfg(feature = "feedback")]
mod feedback_list;
mod fetch;
#[cfg(feature = "gallery")]
mod gallery;
mod host;
#[doc(hidden)]
pub mod json_node;
mod kind_view;
mod latest_list;
#[cfg(feature = "links")]
mod links_list;
#[cfg(feature = "live")]
mod live;
mod loading_state;
#[cfg(feature = "live")]
mod new_stories;
#[cfg(feature = "others")]
mod others_list;
mod registry;
mod store;
#[cfg(feature = "ticker")]
mod ticker;

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use registry::Registry;

pub use host::HostHandle;

/// Hooks for the browser tests; not part of the embed contract.
#[doc(hidden)]
pub mod testing {
    pub use super::fetch::prime as prime_feed;
}

struct Mounted {
    owner: Owner,
    // Dropping the handle removes the block's DOM nodes.
    _view: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

thread_local! {
    static NEXT_HANDLE: Cell<u32> = const { Cell::new(1) };
    static MOUNTED: RefCell<Registry<u32, Mounted>> = const { RefCell::new(Registry::new()) };
}

/// Mounts a block into `host`; returns its handle (never 0) or 0 when nothing could be mounted.
pub fn mount_block(host: web_sys::HtmlElement) -> u32 {
    let id = NEXT_HANDLE.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    });
    let Some(ctx) = host::prepare(id, host) else {
        return 0;
    };
    let owner = Owner::new();
    let view = owner.with(|| {
        let root = ctx.container.clone();
        leptos::mount::mount_to(root, move || view! { <block::Block ctx=ctx /> }.into_any())
    });
    MOUNTED.with(|m| m.borrow_mut().insert(id, Mounted { owner, _view: view }));
    id
}

/// Unmounts the block behind `handle`; unknown handles are ignored.
pub fn unmount_block(handle: u32) {
    let mounted = MOUNTED.with(|m| m.borrow_mut().remove(&handle));
    if let Some(m) = mounted {
        let Mounted { owner, _view } = m;
        drop(_view);
        owner.cleanup();
        host::release(handle);
    }
}
