//! A large JSON Feed read newest first (`core::deferred`: dates scanned, the newest items read, the rest
//! read when a block looks past them) gives exactly the items of a whole parse + `finish_feed`, in the same
//! order, with the same feed fields; and a body that is not valid JSON is refused, so that a whole parse
//! gives its error.
//!
//! Runs natively and in the browser (`make test-wasm`): the same assertions over both JSON implementations.

mod json_support;

use json_support::{corpus, parse_feed, Deferred, JSONFEED_LENIENT, REAL_JSON};
use news_widget::core::deferred::READ_FIRST;
use news_widget::core::model::{Feed, FeedFormat};
use news_widget::core::select::{finish_feed, Finished};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const URL: &str = "https://tin.example.vn/feeds/latest.json";

/// A visible stand-in for NFC, so that a text given to it on one path and not the other shows.
fn marked(s: &str) -> String {
    ["«", s, "»"].concat()
}

/// What the edge does with a body read whole: parse, text normalisation, finishing rules.
fn whole(body: &[u8], url: &str) -> Option<(Feed, Vec<Finished>)> {
    let mut feed = parse_feed(body, Some(url), Some(FeedFormat::JsonFeed)).ok()?;
    feed.normalize_text(&marked);
    let changed = finish_feed(&mut feed, url, None);
    Some((feed, changed))
}

/// Reads `body` newest first, `n` elements per scan step; `None` when it refuses the body.
fn deferred(body: &[u8], url: &str, n: usize) -> Option<(Feed, Vec<Finished>)> {
    let mut d = Deferred::new(body, Some(url))?;
    let mut steps = 0;
    while !d.step(body, n).ok()? {
        steps += 1;
        assert!(steps < 1_000_000, "no progress");
    }
    Some(d.finish(body.to_vec(), url, None, marked))
}

/// Reads `body` as the edge does while it arrives `chunk` bytes at a time: the scan starts on the first
/// part it can start on and takes what has arrived (up to `n` elements per call), then goes on over the
/// whole body; `None` when it refuses the body.
fn arriving(body: &[u8], url: &str, chunk: usize, n: usize) -> Option<(Feed, Vec<Finished>)> {
    let mut d = None;
    let mut received = 0;
    while received < body.len() {
        received = (received + chunk).min(body.len());
        let part = body.get(..received)?;
        if d.is_none() {
            d = Deferred::new(part, Some(url));
        }
        if let Some(d) = d.as_mut() {
            while d.step_received(part, n) > 0 {}
        }
    }
    let mut d = d?;
    while !d.step(body, n).ok()? {}
    Some(d.finish(body.to_vec(), url, None, marked))
}

/// Whether two reads of one body give the same feed: fields, every item, warnings, what finishing changed.
fn same_feed(name: &str, a: Option<(Feed, Vec<Finished>)>, b: Option<(Feed, Vec<Finished>)>) {
    let (Some((a, a_changed)), Some((b, b_changed))) = (&a, &b) else {
        assert_eq!(a.is_none(), b.is_none(), "{name}: refused by one read only");
        return;
    };
    assert_eq!(a.title, b.title, "{name}: title");
    assert_eq!(a.home_page_url, b.home_page_url, "{name}: home page");
    assert_eq!(a.next_url, b.next_url, "{name}: next page");
    assert_eq!(a.items, b.items, "{name}: the items read");
    assert_eq!(a.all_items(), b.all_items(), "{name}: every item");
    assert_eq!(a.warnings, b.warnings, "{name}: warnings");
    assert_eq!(a_changed, b_changed, "{name}: what finishing changed");
}

fn assert_same(name: &str, body: &[u8], url: &str) {
    for n in [1, 7, 100_000] {
        let Some((late, late_changed)) = deferred(body, url, n) else {
            // Refused: the edge parses it whole, so there is nothing to compare.
            return;
        };
        let (early, early_changed) =
            whole(body, url).unwrap_or_else(|| panic!("{name}: read newest first but not whole"));
        assert_eq!(late.title, early.title, "{name}: title");
        assert_eq!(late.home_page_url, early.home_page_url, "{name}: home page");
        assert_eq!(late.next_url, early.next_url, "{name}: next page");
        let first = early.items.len().min(READ_FIRST);
        assert_eq!(late.items.len(), first, "{name}: how many items are read");
        assert_eq!(
            late.items,
            early.items.get(..first).unwrap_or_default(),
            "{name}: the items read"
        );
        assert_eq!(
            late.all_items(),
            early.items.as_slice(),
            "{name}: every item (steps of {n})"
        );
        assert!(late.total() >= early.items.len(), "{name}: total");
        for c in early_changed {
            assert!(late_changed.contains(&c), "{name}: {c:?} not reported");
        }
    }
}

#[test]
fn every_json_feed_of_the_corpus_reads_the_same_newest_first() {
    let mut compared = 0;
    for case in corpus::cases() {
        if case.forced == Some(FeedFormat::WordPress) {
            continue;
        }
        assert_same(&case.name, &case.body, case.url);
        compared += usize::from(Deferred::new(&case.body, Some(case.url)).is_some());
    }
    assert!(compared >= 40, "only {compared} cases were read newest first");
    for (name, body) in REAL_JSON {
        assert!(deferred(body, URL, 3).is_some(), "{name} refused");
    }
    assert!(deferred(JSONFEED_LENIENT, URL, 3).is_some());
}

/// A generated item: dates out of order, some equal, some missing or unreadable, relative URLs, entities.
fn item(i: usize) -> String {
    let date = match i % 9 {
        0 => String::new(),
        1 => r#","date_published":"hôm qua""#.to_owned(),
        2 => format!(r#","date_modified":"2026-11-{:02}T08:00:00+07:00""#, i % 28 + 1),
        3 => r#","date_published":"2026-11-05T08:00:00+07:00""#.to_owned(),
        4 => format!(
            r#","date_pub\u006cished":"Sat, {:02} Nov 2026 08:00:00 GMT""#,
            i % 28 + 1
        ),
        // Escapes in a date, and a lone surrogate (read as U+FFFD: an unreadable date).
        5 => format!(
            r#","date_published":"2026\u002d11-{:02}T08:00:00\u002B07:00""#,
            i % 28 + 1
        ),
        6 => r#","date_published":"2026-11-05T08:00:00\ud800Z","date_modified":"2026-11-06T08:00:00\/""#
            .to_owned(),
        _ => format!(
            r#","date_published":"2026-{:02}-{:02}T{:02}:00:00Z""#,
            i % 12 + 1,
            i % 28 + 1,
            i % 24
        ),
    };
    format!(
        r#"{{"id":"{i}","url":"/bai/{i}.html","title":"Tin &amp; ảnh {i}","tags":["t{}"],"content_html":"<p>Đoạn {i}</p>"{date}}}"#,
        i % 5
    )
}

fn generated(n: usize, extra: &str) -> String {
    let items: Vec<String> = (0..n).map(item).collect();
    format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"Tin mới","items":[{}],"authors":[{{"name":"Tòa soạn"}}]{extra}}}"#,
        items.join(",")
    )
}

#[test]
fn a_large_feed_reads_its_newest_items_first_and_the_rest_when_asked() {
    let body = generated(1_000, r#","next_url":"/feeds/2.json""#);
    assert_same("1000 items", body.as_bytes(), URL);
    let (feed, _) = deferred(body.as_bytes(), URL, 64).unwrap();
    assert_eq!(feed.items.len(), READ_FIRST);
    assert_eq!(feed.total(), 1_000);
    assert!(feed.items.iter().all(|a| a.authors == ["Tòa soạn"]));
    assert!(feed.items.windows(2).all(|w| w[0].published >= w[1].published));
    assert_eq!(feed.all_items().len(), 1_000);
    // A tag filter looks at every item; no tag, only at the ones read.
    assert_eq!(feed.items_for(Some("t3")).len(), 1_000);
    assert_eq!(feed.items_for(None).len(), READ_FIRST);
}

#[test]
fn the_rest_read_a_few_at_a_time_is_the_rest_read_at_once() {
    let body = generated(700, "");
    let (at_once, _) = deferred(body.as_bytes(), URL, 50).unwrap();
    let (in_steps, _) = deferred(body.as_bytes(), URL, 50).unwrap();
    let mut steps = 0;
    while !in_steps.read_some(7) {
        steps += 1;
        assert!(steps < 1_000, "no progress");
    }
    assert_eq!(steps, (700 - READ_FIRST).div_ceil(7) - 1);
    assert_eq!(in_steps.all_items(), at_once.all_items());
    assert!(in_steps.read_some(7), "nothing is left");
}

#[test]
fn a_scan_cut_short_gives_the_items_scanned_with_the_fields_before_them() {
    // As when the block's timeout ends the scan: the top-level fields after `items` are not reached.
    let items: Vec<String> = (0..50).map(item).collect();
    let body = format!(
        r#"{{"title":"Tin mới","items":[{}],"authors":[{{"name":"Tòa soạn"}}]}}"#,
        items.join(",")
    );
    let mut d = Deferred::new(body.as_bytes(), Some(URL)).unwrap();
    assert_eq!(d.step(body.as_bytes(), 20), Ok(false));
    let (feed, _) = d.finish(body.clone().into_bytes(), URL, None, marked);
    assert_eq!(feed.title.as_deref(), Some("Tin mới"));
    assert_eq!(feed.total(), 20);
    assert!(
        feed.items.iter().all(|a| a.authors.is_empty()),
        "the authors after items were not read"
    );
}

#[test]
fn a_feed_with_fewer_items_than_are_read_first_has_nothing_left() {
    let body = generated(30, "");
    assert_same("30 items", body.as_bytes(), URL);
    let (feed, _) = deferred(body.as_bytes(), URL, 4).unwrap();
    assert!(feed.rest.0.is_none());
    assert_eq!(feed.total(), 30);
}

#[test]
fn unusable_and_over_long_items_are_skipped_as_in_a_whole_read() {
    let long = "x".repeat(5_000);
    let mut items: Vec<String> = (0..300).map(item).collect();
    items.insert(
        5,
        r#"{"title":"no url","date_published":"2030-01-01T00:00:00Z"}"#.to_owned(),
    );
    items.insert(
        9,
        format!(r#"{{"url":"/{long}","title":"long","date_published":"2030-01-02T00:00:00Z"}}"#),
    );
    items.insert(12, "[1,2]".to_owned());
    let body = format!(r#"{{"items":[{}]}}"#, items.join(","));
    assert_same("skipped items", body.as_bytes(), URL);
    let (feed, changed) = deferred(body.as_bytes(), URL, 10).unwrap();
    assert!(changed.contains(&Finished::LongLinksSkipped));
    assert!(
        feed.warnings.iter().any(|w| w.starts_with("item 6: skipped")),
        "{:?}",
        feed.warnings
    );
}

#[test]
fn a_body_that_is_not_valid_json_is_left_to_a_whole_parse() {
    for body in [
        r#"{"items":[{"url":"/a","title":"a"},]}"#.to_owned(),
        r#"{"items":[{"url":"/a","title":"a",}]}"#.to_owned(),
        r#"{"items":[{"url":"/a" "title":"a"}]}"#.to_owned(),
        r#"{"items":[{"url":"/a","title":tru}]}"#.to_owned(),
        r#"{"items":[{"url":"/a","title":"a\q"}]}"#.to_owned(),
        format!(r#"{{"items":[{}, {{"url":"/a","title":"a","n":01}}]}}"#, item(1)),
        r#"{"items":[{"url":"/a","title":"a"} {"url":"/b"}]}"#.to_owned(),
    ] {
        let refused = deferred(body.as_bytes(), URL, 5).is_none();
        assert!(refused, "{body}");
        assert!(parse_feed(body.as_bytes(), Some(URL), None).is_err(), "{body}");
    }
}

#[test]
fn more_than_the_item_cap_is_cut_and_said() {
    let items = vec![r#"{"url":"/a","title":"a"}"#; 20_005].join(",");
    let body = format!(r#"{{"items":[{items}]}}"#);
    let (feed, changed) = deferred(body.as_bytes(), URL, 4_096).unwrap();
    assert!(changed.contains(&Finished::ItemsCut));
    assert_eq!(feed.total(), 20_000);
}

#[test]
fn a_body_scanned_while_it_arrives_reads_as_the_whole_body_does() {
    let mut bodies: Vec<(String, Vec<u8>, &str)> = corpus::cases()
        .into_iter()
        .filter(|c| c.forced != Some(FeedFormat::WordPress))
        .map(|c| (c.name, c.body, c.url))
        .collect();
    bodies.push((
        "1000 items".into(),
        generated(1_000, r#","next_url":"/2.json""#).into(),
        URL,
    ));
    bodies.push((
        "cut".into(),
        generated(300, "").replace("]}", "").into_bytes(),
        URL,
    ));
    bodies.push((
        "not valid".into(),
        format!(r#"{{"items":[{}, {{"url":"/a","n":01}},{}]}}"#, item(1), item(2)).into_bytes(),
        URL,
    ));
    for (name, body, url) in &bodies {
        // Byte by byte only for small bodies: each call scans the part of an element that has arrived again.
        let chunks: &[usize] = if body.len() < 20_000 {
            &[1, 3, 64, 65_536]
        } else {
            &[64, 1_000, 65_536]
        };
        for &chunk in chunks {
            for n in [1, 1_024] {
                let name = format!("{name} ({chunk}-byte parts, {n} per call)");
                same_feed(&name, arriving(body, url, chunk, n), deferred(body, url, 7));
            }
        }
    }
}
