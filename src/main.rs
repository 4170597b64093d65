//! Entry of the full WASM module (`news-widget-core`): every block kind and feed format.
// No `main` in the module: the loader calls the exports, and Rust's start-up (thread set-up, stdout flushing
// at exit) would only add code. Native builds (tests, clippy) keep an empty one.
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
mod exports;

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
