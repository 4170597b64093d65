//! Parsing a JSON Feed slice by slice (what the browser edge does with large bodies, yielding between
//! slices) gives exactly what one `parse_feed` of the whole body gives, whatever the slice size; bodies the
//! slicer cannot delimit with certainty are refused so that they are parsed whole.
//!
//! Runs natively and in the browser (`make test-wasm`): the same assertions over both JSON implementations.

mod json_support;

use json_support::{
    parse_feed, parse_wordpress, ChunkedJsonFeed, ChunkedWordPress, JSONFEED_LENIENT, REAL_JSON,
    WORDPRESS_POSTS,
};
use news_widget::core::chunked::Slices;
use news_widget::core::model::Feed;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const URL: &str = "https://tin.example.vn/feeds/latest.json";

/// Reads a sliced reader to the end, `n` elements at a time; `None` when it refuses the body.
fn drain<S: Slices>(reader: Option<S>, n: usize) -> Option<Feed> {
    let mut c = reader?;
    let mut steps = 0;
    while !c.step(n).ok()? {
        steps += 1;
        assert!(steps < 1_000_000, "no progress");
    }
    Some(c.finish())
}

/// Parses a JSON Feed `body` in slices of `n` elements, to the end.
fn sliced(body: &[u8], n: usize) -> Option<Feed> {
    drain(ChunkedJsonFeed::new(body, Some(URL)), n)
}

fn assert_same_as_whole(name: &str, body: &[u8]) {
    let whole = parse_feed(body, Some(URL), None).unwrap();
    for n in [1, 2, 3, 7, 64, 100_000] {
        let s = sliced(body, n).unwrap_or_else(|| panic!("{name}: refused (slice {n})"));
        assert_eq!(s, whole, "{name}, slices of {n}");
    }
}

fn item(i: usize) -> String {
    format!(
        r#"{{"id":"{i}","url":"/bai/{i}.html","title":"Tin &amp; ảnh {i}","date_published":"2026-11-{:02}T08:00:00+07:00","tags":["a","b"],"content_html":"<p>Đoạn {i}</p>"}}"#,
        i % 28 + 1
    )
}

#[test]
fn slices_of_any_size_give_the_whole_parse_of_real_and_project_feeds() {
    let mut seen = 0;
    for (name, body) in REAL_JSON {
        assert_same_as_whole(name, body);
        seen += 1;
    }
    assert!(seen >= 3, "real JSON fixtures not found");
    assert_same_as_whole("jsonfeed_lenient.json", JSONFEED_LENIENT);
}

#[test]
fn feed_level_fields_after_the_items_still_apply_to_every_slice() {
    let items: Vec<String> = (0..10).map(item).collect();
    let body = format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","items":[{}],"title":"Tin &amp; mới","authors":[{{"name":"Tòa soạn"}}],"next_url":"/feeds/2.json"}}"#,
        items.join(",")
    );
    assert_same_as_whole("fields after items", body.as_bytes());
    let feed = sliced(body.as_bytes(), 3).unwrap();
    assert_eq!(feed.items.len(), 10);
    assert!(feed.items.iter().all(|a| a.authors == ["Tòa soạn"]));
    assert_eq!(
        feed.next_url.as_deref(),
        Some("https://tin.example.vn/feeds/2.json")
    );
}

#[test]
fn skipped_items_are_warned_with_their_place_in_the_whole_feed() {
    // Non-objects, items without a URL or a title, brackets and quotes inside strings, a BOM, odd spacing.
    let body = "\u{feff} { \"items\" : [ 1 , {\"title\":\"no url\"}, \"x\", {\"url\":\"/a\",\"title\":\"[{\\\"]}\"},\n\
                {\"url\":\"/b\"}, null, [1,[2]], {\"url\":\"/c\",\"title\":\"c\",\"date_published\":\"hôm qua\"} ] ,\n\
                \"version\":\"https://jsonfeed.org/version/1\" } trailing";
    assert_same_as_whole("lenient items", body.as_bytes());
    let feed = sliced(body.as_bytes(), 2).unwrap();
    assert_eq!(feed.items.len(), 2);
    assert!(
        feed.warnings.iter().any(|w| w.starts_with("item 8: ")),
        "{:?}",
        feed.warnings
    );
    assert!(
        feed.warnings.iter().any(|w| w.contains("after the end")),
        "{:?}",
        feed.warnings
    );
}

#[test]
fn more_than_fifty_warnings_are_capped_as_in_a_whole_parse() {
    let body = format!(r#"{{"items":[{}]}}"#, vec!["1"; 130].join(","));
    assert_same_as_whole("130 bad items", body.as_bytes());
    let feed = sliced(body.as_bytes(), 9).unwrap();
    assert_eq!(
        feed.warnings.last().map(String::as_str),
        Some("… and 80 more warnings")
    );
}

#[test]
fn a_large_generated_feed_parses_the_same_in_slices() {
    let items: Vec<String> = (0..2_000).map(item).collect();
    let body = format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","items":[{}]}}"#,
        items.join(",")
    );
    assert_same_as_whole("2000 items", body.as_bytes());
}

#[test]
fn an_empty_items_array_is_done_at_once() {
    let body = br#"{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[ ]}"#;
    let mut c = ChunkedJsonFeed::new(body, Some(URL)).unwrap();
    assert_eq!(c.step(10), Ok(true));
    assert!(c.is_empty());
    assert_eq!(c.finish(), parse_feed(body, Some(URL), None).unwrap());
}

#[test]
fn bodies_the_scan_cannot_delimit_are_left_to_a_whole_parse() {
    for body in [
        &br#"[{"id":1}]"#[..],                                 // WordPress array
        br#"{"items":[{"url":"/a","title":"a"}],"items":[]}"#, // two items keys
        br#"{"ite\u006ds":[{"url":"/a","title":"a"}]}"#,       // escaped key
        br#"{"items":{"url":"/a"}}"#,                          // items not an array
        br#"{"title":"no items"}"#,                            // no items at all
        br#"{"items":[{"url":"/a","title":"a"}]"#,             // unterminated object
        br#"{"items":[{"url":"/a","title":"a"}] "x":1}"#,      // missing comma
        b"",
    ] {
        assert!(
            ChunkedJsonFeed::new(body, Some(URL)).is_none(),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn invalid_json_inside_the_items_is_reported_for_a_whole_parse() {
    let body = br#"{"items":[{"url":"/a","title":"a"},{"url":"/b","title":}]}"#;
    let mut c = ChunkedJsonFeed::new(body, Some(URL)).unwrap();
    let mut result = Ok(false);
    for _ in 0..4 {
        result = c.step(1);
        if result != Ok(false) {
            break;
        }
    }
    assert_eq!(result, Err(()));
    assert!(parse_feed(body, Some(URL), None).is_err());
}

/// Parses a WordPress posts array in slices of `n` posts, to the end.
fn sliced_posts(body: &[u8], n: usize) -> Option<Feed> {
    drain(ChunkedWordPress::new(body, Some(URL)), n)
}

#[test]
fn wordpress_posts_in_slices_of_any_size_give_the_whole_parse() {
    let post = |i: usize| {
        format!(
            r#"{{"id":{i},"link":"/bai/{i}.html","date_gmt":"2026-11-{:02}T01:00:00","title":{{"rendered":"Tin &#8211; {i}"}},"categories":[1,2]}}"#,
            i % 28 + 1
        )
    };
    let generated = format!(
        "[{}, 7, {{\"id\": 0}}]",
        (0..300).map(post).collect::<Vec<_>>().join(",")
    );
    let trailing = format!("\u{feff}[{}] x", post(1));
    for (name, body) in [
        ("wordpress_posts.json", WORDPRESS_POSTS.to_vec()),
        ("generated", generated.into_bytes()),
        ("trailing data", trailing.into_bytes()),
        ("empty", b" [ ] ".to_vec()),
    ] {
        let whole = parse_wordpress(&body, Some(URL)).unwrap();
        for n in [1, 2, 7, 100_000] {
            let s = sliced_posts(&body, n).unwrap_or_else(|| panic!("{name}: refused (slice {n})"));
            assert_eq!(s, whole, "{name}, slices of {n}");
        }
    }
}

#[test]
fn wordpress_bodies_the_slicer_cannot_read_are_left_to_a_whole_parse() {
    // An error object, invalid JSON inside, a trailing comma: refused, so the whole parse says why.
    assert!(ChunkedWordPress::new(br#"{"code":"rest_forbidden","message":"no"}"#, Some(URL)).is_none());
    assert_eq!(
        sliced_posts(br#"[{"id":1,"link":"/a","title":{"rendered":"T"}}, {"id": ]"#, 1),
        None
    );
    assert_eq!(
        sliced_posts(br#"[{"id":1,"link":"/a","title":{"rendered":"T"}},]"#, 1),
        None
    );
}
