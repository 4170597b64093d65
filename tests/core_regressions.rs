//! Inputs that crashed a fuzz target or broke a safety rule it checks, kept so they never come back.
//!
//! Each file under `tests/fixtures/regressions/<target>/` is replayed through the very code of the fuzz target
//! of that name (`fuzz/targets.rs`, included below), invariants included. The named tests after that say
//! what each finding was and pin the fixed behaviour directly. To add one: copy the crash file from
//! `fuzz/artifacts/<target>/` into `tests/fixtures/regressions/<target>/` under a name that says what it is.

// Native only: `parse_feed` and the other native entry points read JSON with serde_json, which the WASM
// build does not have (the browser runs the JSON test files, see tests/json_support/mod.rs).
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/targets.rs"]
mod targets;

use std::fs;
use std::path::Path;

use news_widget::core::chunked::ChunkedJsonFeed;
use news_widget::core::model::FeedError;
use news_widget::core::parse::parse_feed;
use news_widget::core::{snapshot, url};

fn regression_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/regressions"))
}

fn fixture(rel: &str) -> Vec<u8> {
    fs::read(regression_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_saved_fuzz_input_replays_through_its_target_without_a_panic_or_a_broken_rule() {
    let mut replayed = 0;
    for entry in fs::read_dir(regression_dir()).unwrap() {
        let dir = entry.unwrap().path();
        let target = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            targets::TARGETS.contains(&target.as_str()),
            "tests/fixtures/regressions/{target}/ is not named after a fuzz target ({:?})",
            targets::TARGETS
        );
        let mut files: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            let data = fs::read(&file).unwrap();
            let replay = std::panic::catch_unwind(|| targets::run(&target, &data));
            assert!(replay.is_ok(), "{} fails again", file.display());
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no regression inputs found");
}

/// fuzz `snapshot`: a stored snapshot is written by us, but `localStorage` belongs to the host page's origin;
/// an entry edited to hold `httqs://…` in `image_srcset` came back unvetted and would have reached `srcset`.
#[test]
fn a_tampered_snapshot_loses_its_non_http_urls_but_keeps_the_item() {
    let json = String::from_utf8(fixture("snapshot/srcset-not-http.json")).unwrap();
    let (feed, _) = snapshot::decode(&json).expect("the item itself is fine");
    let a = &feed.items[0];
    assert_eq!(a.url, "https://portal.example/a1.html");
    assert_eq!(a.image.as_deref(), Some("https://portal.example/a1.jpg"));
    assert_eq!(a.image_srcset, None);
}

#[test]
fn a_tampered_snapshot_drops_items_whose_link_is_not_http_and_vets_every_url() {
    let json = r#"{"v":1,"saved":1.0,"next_url":"javascript:alert(1)","items":[
        {"id":"a","url":"javascript:alert(1)","title":"x","summary":null,"image":null,"image_alt":null,
         "image_srcset":null,"published":null,"tags":[],"authors":[],"images":[],"source":null},
        {"id":"b","url":" HTTPS://Portal.example/b ","title":"b","summary":null,"image":"data:image/png;base64,AA",
         "image_alt":null,"image_srcset":"javascript:x 1x, /rel.jpg 2x, https://portal.example/b.jpg 2x",
         "published":null,"tags":[],"authors":[],"source":null,
         "images":[{"url":"vbscript:x","caption":"c","srcset":null,"width":null,"height":null},
                   {"url":"https://portal.example/g.jpg","caption":"g","srcset":"java\tscript:x 1x","width":1,"height":1}]},
        {"id":"c","url":"https://portal.example/c","title":"  ","summary":null,"image":null,"image_alt":null,
         "image_srcset":null,"published":null,"tags":[],"authors":[],"images":[],"source":null}]}"#;
    let (feed, saved) = snapshot::decode(json).unwrap();
    assert_eq!(saved, 1.0);
    assert_eq!(feed.next_url, None);
    assert_eq!(
        feed.items.len(),
        1,
        "only the item with an http(s) link and a title is kept"
    );
    let b = &feed.items[0];
    assert_eq!(b.url, "https://portal.example/b");
    assert_eq!(b.image, None);
    assert_eq!(b.image_srcset.as_deref(), Some("https://portal.example/b.jpg 2x"));
    assert_eq!(b.images.len(), 1);
    assert_eq!(b.images[0].url, "https://portal.example/g.jpg");
    assert_eq!(b.images[0].srcset, None);
}

#[test]
fn a_snapshot_with_no_usable_item_is_no_snapshot() {
    let json = r#"{"v":1,"saved":1.0,"items":[{"id":"a","url":"data:,x","title":"x","summary":null,
        "image":null,"image_alt":null,"image_srcset":null,"published":null,"tags":[],"authors":[],"images":[],
        "source":null}]}"#;
    assert_eq!(snapshot::decode(json), None);
}

/// fuzz `url`: `https:vn./imf/anh:\.j.pg,<U+0010>  4x` as a srcset. The control character kept the comma
/// inside the candidate's URL, `resolve` then trimmed the control character, and the output
/// `https://vn./imf/anh:/.j.pg, 4x` read back by a browser is two candidates: the URL (its trailing comma
/// ends it) and a relative URL `4x`. Trailing commas of a kept URL are now escaped.
#[test]
fn a_srcset_url_ending_in_a_comma_keeps_its_descriptor_and_adds_no_candidate() {
    let input = String::from_utf8(fixture("url/srcset-url-ending-in-comma.txt")).unwrap();
    assert_eq!(
        url::sanitize_srcset(&input, Some("https://portal.example/feeds/a.json")).as_deref(),
        Some("https://portal.example/feeds/vn./imf/anh:/.j.pg%2C 4x"),
        "`https:` without slashes on an https feed is relative to it, as browsers read it"
    );
    assert_eq!(
        url::sanitize_srcset(&input, None).as_deref(),
        Some("https://vn./imf/anh:/.j.pg%2C 4x")
    );
    assert_eq!(
        url::sanitize_srcset("https://a.example/x.jpg,,\u{1} 2x, /y.jpg 1x", None).as_deref(),
        Some("https://a.example/x.jpg%2C%2C 2x")
    );
    // Commas inside a URL are fine where whitespace delimits it, and stay as they are.
    assert_eq!(
        url::sanitize_srcset("https://a.example/x,y.jpg 2x", None).as_deref(),
        Some("https://a.example/x,y.jpg 2x")
    );
}

/// fuzz `feed_chunked`: `"items": [ {…}, {…} , ]`. The slice-by-slice reader took the trailing comma for the
/// end of the array and showed the items, while one whole parse (what small bodies get) refuses the body as
/// invalid JSON: the same feed rendered or failed depending on its size. The slicer now gives up on it too.
#[test]
fn a_trailing_comma_in_items_fails_sliced_exactly_as_whole() {
    let body = fixture("feed_chunked/trailing-comma-in-items.json");
    let whole = parse_feed(&body, Some(targets::FEED_URL), None);
    assert!(matches!(whole, Err(FeedError::Json { .. })), "{whole:?}");
    for n in 1..=3 {
        let mut sliced = ChunkedJsonFeed::new(&body, Some(targets::FEED_URL)).expect("an object with items");
        let outcome = loop {
            match sliced.step(n) {
                Ok(true) => break Ok(()),
                Ok(false) => {}
                Err(()) => break Err(()),
            }
        };
        assert_eq!(outcome, Err(()), "slices of {n}");
    }
    // An empty array is not a trailing comma.
    let empty = br#"{"version":"https://jsonfeed.org/version/1.1","items":[ ]}"#;
    let mut sliced = ChunkedJsonFeed::new(empty, None).unwrap();
    assert_eq!(sliced.step(1), Ok(true));
    assert_eq!(sliced.finish().items.len(), 0);
}

/// A media size of 2^64 − 1 pixels: the aspect-ratio test multiplied two of the feed's numbers in 64 bits
/// and overflowed (a panic in debug builds, a wrong answer in release). Found by an in-process mutation run
/// of the `feed_wordpress` target; the test is now done in 128 bits.
#[test]
fn a_media_size_beyond_u32_is_not_an_overflow() {
    let body = fixture("feed_wordpress/size-beyond-u32.json");
    let feed = parse_feed(&body, Some("https://a.vn/wp-json/wp/v2/posts"), None).unwrap();
    let a = &feed.items[0];
    assert_eq!(a.image.as_deref(), Some("https://a.vn/c.jpg"));
    assert_eq!(a.image_srcset.as_deref(), Some("https://a.vn/c.jpg 150w"));
}
