//! Entry of the lean WASM module: the same exports as the full one, built with no default features so
//! that only the "Mới nhất" block and JSON Feed are in it. The loader picks it for pages whose blocks need
//! nothing more.
// No `main` in the module: the loader calls the exports, and Rust's start-up (thread set-up, stdout flushing
// at exit) would only add code. Native builds (tests, clippy) keep an empty one.
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
#[path = "../exports.rs"]
mod exports;

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
