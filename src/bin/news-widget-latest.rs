//! Entry of the lean WASM module: the same exports as the full one, built with no default features so
//! that only the "Mới nhất" block and JSON Feed are in it. The loader picks it for pages whose blocks need
//! nothing more.

#[cfg(target_arch = "wasm32")]
#[path = "../exports.rs"]
mod exports;

fn main() {}
