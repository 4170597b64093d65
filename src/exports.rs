//! The two functions every WASM module exports. The hand-written loader `news-widget.js` initialises a
//! module and calls them from its custom-element and `[data-news-widget]` observers.

use wasm_bindgen::prelude::wasm_bindgen;

/// Mounts a block into `host` (a `<news-widget>` or `[data-news-widget]` element) and returns a
/// handle for [`unmount_block`]; 0 means nothing was mounted (the reason is in the console).
#[wasm_bindgen]
pub fn mount_block(host: web_sys::HtmlElement) -> u32 {
    news_widget::web::mount_block(host)
}

/// Unmounts the block behind `handle`, cancelling its pending work; unknown handles are ignored.
#[wasm_bindgen]
pub fn unmount_block(handle: u32) {
    news_widget::web::unmount_block(handle)
}
