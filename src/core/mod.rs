//! The pure feed core: everything that can be decided without a browser.
//!
//! Owns the article model, feed parsing (format detection; JSON Feed, WordPress REST, RSS and Atom, plain
//! lists of sites), text and URL hygiene, date parsing and display, everything that decides what a block
//! shows (`select`: caps, sorting, merging, de-duplication, exclusion of the current article, paging, gallery
//! images), block configuration from element attributes, saved snapshots, the UI labels, the reader feedback
//! rules shared with the server (`feedback`), the feedback block's side of its endpoint (`feedback_ui`) and
//! what refreshing blocks do (`live`: jittered schedule, unchanged answers, new stories).
//! Nothing here imports web-sys, js-sys or Leptos, so
//! it is tested natively with `cargo test`; the wasm32-only `web` module is the thin edge on top.
//!
//! JSON is read through one small interface (`tree`), generic over the parser: the modules and native
//! callers read the body's bytes in place (`bytes_json`, behind the entry points such as
//! `parse::parse_feed`); natively `serde_json` (`native_json`, the only module that uses it) is the
//! reference the tests hold that reader to.
//!
//! One panic in the WASM build kills every block on the page, so panicking constructs are denied here.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

pub mod bytes_json;
pub mod chunked;
pub mod config;
pub mod date;
pub mod deferred;
pub mod feedback;
#[cfg(feature = "feedback")]
pub mod feedback_ui;
pub mod i18n;
pub mod json_out;
pub mod jsonfeed;
pub mod jsonscan;
pub mod keyset;
#[cfg(feature = "links")]
pub mod links;
pub mod live;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod native_json;
pub mod parse;
pub mod rules;
pub mod select;
pub mod snapshot;
pub mod text;
pub mod tree;
pub mod url;
pub mod wordpress;
pub mod xml;
