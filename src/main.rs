//! Entry of the full WASM module (`news-widget-core`): every block kind and feed format.

#[cfg(target_arch = "wasm32")]
mod exports;

fn main() {}
