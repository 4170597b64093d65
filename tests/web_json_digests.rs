//! The JSON corpus (`tests/json_support/corpus.rs`) read in the browser by the modules' JSON parser
//! (`core::bytes_json`, compiled to WASM) must give, case by case, the digest lines serde_json's reading wrote into
//! `tests/fixtures/json_digests.txt`: the same articles, warnings, errors (line and column included),
//! snapshots and sliced parses.
#![cfg(target_arch = "wasm32")]

mod json_support;

use json_support::corpus::assert_every_case_matches_the_digests;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_case_reads_in_the_browser_as_natively() {
    assert_every_case_matches_the_digests();
}

/// `tests/core_regressions.rs`'s tampered snapshots, decoded through `JSON.parse`: what comes back from
/// `localStorage` is vetted like a fresh feed.
#[wasm_bindgen_test]
fn tampered_snapshots_are_vetted_in_the_browser_too() {
    let json = include_str!("fixtures/regressions/snapshot/srcset-not-http.json");
    let (feed, saved) = json_support::decode_snapshot(json).expect("the item itself is fine");
    assert_eq!(saved, 1_700_000_000_000.0);
    let a = &feed.items[0];
    assert_eq!(a.url, "https://portal.example/a1.html");
    assert_eq!(a.image.as_deref(), Some("https://portal.example/a1.jpg"));
    assert_eq!(a.image_srcset, None);
    assert_eq!(a.published, Some(1_563_586_560));

    let json = r#"{"v":1,"saved":1.0,"next_url":"javascript:alert(1)","items":[
        {"id":"a","url":"javascript:alert(1)","title":"x","summary":null,"image":null,"image_alt":null,
         "image_srcset":null,"published":null,"tags":[],"authors":[],"images":[],"source":null},
        {"id":"b","url":" HTTPS://Portal.example/b ","title":"b","summary":null,"image":"data:image/png;base64,AA",
         "image_alt":null,"image_srcset":"javascript:x 1x, /rel.jpg 2x, https://portal.example/b.jpg 2x",
         "published":null,"tags":[],"authors":[],"source":null,
         "images":[{"url":"vbscript:x","caption":"c","srcset":null,"width":null,"height":null},
                   {"url":"https://portal.example/g.jpg","caption":"g","srcset":"java\tscript:x 1x","width":1,"height":1}]}]}"#;
    let (feed, saved) = json_support::decode_snapshot(json).unwrap();
    assert_eq!(saved, 1.0);
    assert_eq!(feed.next_url, None);
    assert_eq!(feed.items.len(), 1);
    let b = &feed.items[0];
    assert_eq!(b.url, "https://portal.example/b");
    assert_eq!(b.image, None);
    assert_eq!(b.image_srcset.as_deref(), Some("https://portal.example/b.jpg 2x"));
    assert_eq!(b.images.len(), 1);
    assert_eq!(b.images[0].srcset, None);
    assert_eq!(
        json_support::decode_snapshot("{\"v\":1,\"saved\":1,\"items\":[]}"),
        None
    );
    assert_eq!(json_support::decode_snapshot("not json"), None);
}
