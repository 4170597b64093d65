//! The JSON corpus read over serde_json (`core::native_json`, the reference parser) instead of the
//! modules' byte reader (`core::bytes_json`) must give the same digest lines, case by case: the same
//! articles, warnings, errors (line and column included), snapshots and sliced parses. Together with
//! `tests/core_json_digests.rs` (the byte reader natively) and `tests/web_json_digests.rs` (the byte
//! reader in WASM), the three readings agree on every case.
#![cfg(not(target_arch = "wasm32"))]

/// The corpus of `tests/json_support/`, with its entry points over serde_json.
mod json_support {
    #![allow(dead_code)]

    pub mod corpus;
    pub mod fixtures;
    pub mod hostile;

    pub use fixtures::*;
    use news_widget::core::model::{Feed, FeedError, FeedFormat};
    use news_widget::core::native_json::NativeJson;

    pub type ChunkedJsonFeed<'a> = news_widget::core::chunked::ChunkedFeed<'a, NativeJson>;

    pub fn parse_feed(
        body: &[u8],
        feed_url: Option<&str>,
        forced: Option<FeedFormat>,
    ) -> Result<Feed, FeedError> {
        news_widget::core::parse::parse_feed_with::<NativeJson>(body, feed_url, forced)
    }

    pub fn decode_snapshot(json: &str) -> Option<(Feed, f64)> {
        news_widget::core::snapshot::decode_with::<NativeJson>(json)
    }
}

use json_support::corpus::assert_every_case_matches_the_digests;

#[test]
fn serde_json_reads_every_case_as_the_byte_reader_does() {
    assert_every_case_matches_the_digests();
}
