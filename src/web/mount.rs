//! Mounting a block in the full module: one Leptos view per host element, under its own reactive [`Owner`].
//! Unmounting drops the view *and* cleans the owner, which cancels the block's pending tasks, so a slow
//! feed cannot write into a removed block.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos::reactive::owner::Owner;

use super::block;
use super::host;
use super::registry::Registry;

struct Mounted {
    owner: Owner,
    // Dropping the handle removes the block's DOM nodes.
    _view: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

thread_local! {
    static MOUNTED: RefCell<Registry<u32, Mounted>> = const { RefCell::new(Registry::new()) };
}

/// Mounts a block into `host`; returns its handle (never 0) or 0 when nothing could be mounted.
pub fn mount_block(host: web_sys::HtmlElement) -> u32 {
    let id = host::next_handle();
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
