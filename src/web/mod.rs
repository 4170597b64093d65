//! The thin browser edge: mounts one view per host element inside its own open shadow root, fetches feeds,
//! hands their bytes to the pure [`crate::core`] and renders what the core selected. Parsing, ordering,
//! caps, de-duplication, exclusion and paging rules are the core's; the edge only moves bytes, keeps state
//! and draws.
//!
//! The full module draws with Leptos: each block is mounted under its own reactive owner ([`mount`]), and
//! unmounting drops the view *and* cleans the owner, which cancels the block's pending tasks, so a slow
//! feed cannot write into a removed block. The lean module (no `leptos` feature) draws its one block kind
//! with plain DOM calls ([`plain_block`]), the same markup and states for a fraction of the code.

#[cfg(feature = "leptos")]
mod article_item;
#[cfg(feature = "leptos")]
mod block;
#[cfg(feature = "live")]
mod clock;
#[cfg(feature = "leptos")]
mod empty_state;
#[cfg(feature = "leptos")]
mod error_state;
#[cfg(feature = "leptos")]
mod feed_block;
#[cfg(feature = "feedback")]
mod feedback_form;
#[cfg(feature = "feedback")]
mod feedback_list;
mod fetch;
#[cfg(feature = "gallery")]
mod gallery;
mod host;
mod item_opts;
#[doc(hidden)]
#[cfg(feature = "leptos")]
mod kind_view;
#[cfg(feature = "leptos")]
mod latest_list;
#[cfg(feature = "links")]
mod links_list;
#[cfg(feature = "live")]
mod live;
#[cfg(feature = "leptos")]
mod loading_state;
#[cfg(feature = "leptos")]
mod mount;
#[cfg(feature = "live")]
mod new_stories;
#[cfg(feature = "others")]
mod others_list;
#[cfg(not(feature = "leptos"))]
mod plain_block;
mod registry;
mod report;
mod shared;
mod store;
#[cfg(feature = "ticker")]
mod ticker;

#[cfg(feature = "leptos")]
pub use mount::{mount_block, unmount_block};
#[cfg(not(feature = "leptos"))]
pub use plain_block::{mount_block, unmount_block};

pub use host::HostHandle;

/// Hooks for the browser tests; not part of the embed contract.
#[doc(hidden)]
pub mod testing {
    pub use super::fetch::prime as prime_feed;
}
