//! news-widget: embeddable news blocks.
//!
//! `core` is pure Rust (feed model, parsing, normalisation, selection, dates, configuration) and is
//! tested natively. `web` is the thin wasm32-only edge that fetches and renders with Leptos.
pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod web;
