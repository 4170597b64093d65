//! news-widget: embeddable news blocks.
//!
//! `core` is pure Rust (feed model, parsing, normalisation, selection, dates, configuration) and is
//! tested natively. `web` is the thin wasm32-only edge that fetches and renders: with Leptos in the full
//! module, with plain DOM calls in the lean one.
//!
//! One panic in the WASM build kills every block on the page, so panicking constructs are denied in all
//! non-test code of the crate, the web edge included (unit tests keep them).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]
pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod web;
