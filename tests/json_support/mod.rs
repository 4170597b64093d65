//! What the JSON test files share so that they run against both implementations of the core's JSON read
//! interface (`core::tree`): natively (`cargo test`) the serde_json one, in headless Chromium (`make
//! test-wasm`) the `JSON.parse` one of the browser edge. The entry points have the same names and
//! signatures on both targets, and the fixtures are embedded, so the same assertions run on both.
#![allow(dead_code, unused_imports)]

pub mod corpus;
pub mod hostile;

#[cfg(not(target_arch = "wasm32"))]
pub use news_widget::core::{
    chunked::{ChunkedJsonFeed, ChunkedWordPress},
    feedback_ui::{decode_draft, field_errors, parse_published},
    jsonfeed::parse_json_feed,
    links::parse_link_list,
    parse::parse_feed,
    snapshot::decode as decode_snapshot,
    wordpress::parse_wordpress,
};
#[cfg(target_arch = "wasm32")]
pub use news_widget::web::json_node::{
    decode_draft, decode_snapshot, field_errors, parse_feed, parse_json_feed, parse_link_list,
    parse_published, parse_wordpress, ChunkedJsonFeed, ChunkedWordPress,
};

/// The newest-first reader of large JSON Feeds (`core::deferred`) over this target's JSON parser.
#[cfg(not(target_arch = "wasm32"))]
pub type Deferred = news_widget::core::deferred::Dated<news_widget::core::native_json::NativeJson>;
#[cfg(target_arch = "wasm32")]
pub type Deferred = news_widget::core::deferred::Dated<news_widget::web::json_node::BrowserJson>;

/// True when the JSON is read by `JSON.parse` (numbers are doubles there).
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

/// The JSON Feeds of `tests/fixtures/real/` (real publishers' feeds, byte for byte), by file name.
pub const REAL_JSON: [(&str, &[u8]); 3] = [
    (
        "jsonfeed_elastic_1.1.json",
        include_bytes!("../fixtures/real/jsonfeed_elastic_1.1.json"),
    ),
    (
        "jsonfeed_example_1.json",
        include_bytes!("../fixtures/real/jsonfeed_example_1.json"),
    ),
    (
        "jsonfeed_spec_1.json",
        include_bytes!("../fixtures/real/jsonfeed_spec_1.json"),
    ),
];

/// `tests/fixtures/jsonfeed_lenient.json`: every leniency rule of the JSON Feed reader.
pub const JSONFEED_LENIENT: &[u8] = include_bytes!("../fixtures/jsonfeed_lenient.json");

/// `tests/fixtures/wordpress_posts.json`: a WordPress REST response in WordPress's own output style.
pub const WORDPRESS_POSTS: &[u8] = include_bytes!("../fixtures/wordpress_posts.json");

/// The body of a real JSON Feed fixture.
pub fn real(name: &str) -> &'static [u8] {
    REAL_JSON
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| *b)
        .unwrap_or_else(|| panic!("no real fixture {name}"))
}
