//! What the JSON test files share: the corpora and the entry points they are read through. The same files
//! run natively (`cargo test`) and in headless Chromium (`make test-wasm`), both over the modules' JSON
//! parser (`core::bytes_json`); `tests/core_json_reference.rs` reads the corpus over serde_json
//! (`core::native_json`) too and holds both to the same digest lines.
#![allow(dead_code, unused_imports)]

pub mod corpus;
pub mod fixtures;
pub mod hostile;

pub use fixtures::*;
pub use news_widget::core::{
    chunked::{ChunkedJsonFeed, ChunkedWordPress},
    feedback_ui::{decode_draft, field_errors, parse_published},
    jsonfeed::parse_json_feed,
    links::parse_link_list,
    parse::parse_feed,
    snapshot::decode as decode_snapshot,
    wordpress::parse_wordpress,
};

/// The newest-first reader of large JSON Feeds (`core::deferred`) over the modules' JSON parser.
pub type Deferred = news_widget::core::deferred::Dated<news_widget::core::bytes_json::ByteJson>;
