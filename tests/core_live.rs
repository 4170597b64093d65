//! Refreshing blocks: the jittered schedule, the body fingerprint of unchanged answers, what each kind does
//! with a changed feed, and which stories count as new.

// Native only: the stories are read from a JSON Feed with `parse_feed` (serde_json), which the WASM build
// does not have.
#![cfg(not(target_arch = "wasm32"))]

use news_widget::core::config::Kind;
use news_widget::core::live::{fingerprint, first_ids, new_ids, next_delay_ms, on_change, OnChange, JITTER};
use news_widget::core::model::Article;
use news_widget::core::parse::parse_feed;
use news_widget::core::select::Current;
use serde_json::json;

/// Stories read from a JSON Feed, newest first, with the ids given; `(id, tag)` pairs tag some.
fn stories(list: &[&str], tagged: &[(&str, &str)]) -> Vec<Article> {
    let items: Vec<serde_json::Value> = list
        .iter()
        .map(|id| {
            let tags: Vec<&str> = tagged.iter().filter(|(t, _)| t == id).map(|(_, tag)| *tag).collect();
            json!({ "id": id, "url": format!("https://tin.example/{id}.html"), "title": format!("Tin {id}"), "tags": tags })
        })
        .collect();
    let body = json!({ "version": "https://jsonfeed.org/version/1.1", "items": items }).to_string();
    parse_feed(body.as_bytes(), Some("https://tin.example/feed.json"), None)
        .expect("a JSON Feed")
        .items
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_delay_is_the_interval_moved_by_at_most_the_jitter() {
    assert_eq!(next_delay_ms(60, 0.5), 60_000);
    assert_eq!(next_delay_ms(60, 0.0), 51_000);
    assert_eq!(next_delay_ms(60, 1.0), 69_000);
    assert_eq!(next_delay_ms(30, 0.0), 25_500);
    // The largest interval the attribute accepts fits the browser's timer.
    assert!(next_delay_ms(86_400, 1.0) < i32::MAX as u32);
    let lo = (60_000.0 * (1.0 - JITTER)) as u32;
    let hi = (60_000.0 * (1.0 + JITTER)) as u32;
    for i in 0..=1000 {
        let d = next_delay_ms(60, f64::from(i) / 1000.0);
        assert!((lo..=hi).contains(&d), "{d}");
    }
}

#[test]
fn the_delay_grows_with_the_random_input() {
    let delays: Vec<u32> = (0..=10)
        .map(|i| next_delay_ms(120, f64::from(i) / 10.0))
        .collect();
    assert!(delays.windows(2).all(|w| w[0] < w[1]), "{delays:?}");
}

#[test]
fn a_random_input_out_of_range_gives_the_plain_interval() {
    for r in [f64::NAN, -0.1, 1.5, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(next_delay_ms(60, r), 60_000, "{r}");
    }
    assert_eq!(next_delay_ms(0, 0.3), 0);
}

#[test]
fn the_fingerprint_tells_bodies_apart() {
    let a = br#"{"version":"https://jsonfeed.org/version/1.1","items":[]}"#;
    let mut b = a.to_vec();
    assert_eq!(fingerprint(a), fingerprint(&b));
    b[20] ^= 1;
    assert_ne!(fingerprint(a), fingerprint(&b));
    // A body that is a prefix of another, and bodies of zero bytes, differ.
    assert_ne!(fingerprint(b""), fingerprint(b"\0"));
    assert_ne!(fingerprint(b"\0"), fingerprint(b"\0\0"));
    assert_ne!(fingerprint(&a[..a.len() - 1]), fingerprint(a));
}

#[test]
fn lists_of_stories_wait_behind_a_button_and_the_others_change_in_place() {
    assert_eq!(on_change(Kind::Latest), OnChange::NewStories);
    assert_eq!(on_change(Kind::Others), OnChange::NewStories);
    assert_eq!(on_change(Kind::Gallery), OnChange::InPlace);
    assert_eq!(on_change(Kind::Links), OnChange::InPlace);
    assert_eq!(on_change(Kind::Feedback), OnChange::InPlace);
}

#[test]
fn new_stories_are_the_ids_not_shown_before_in_feed_order() {
    let shown = ids(&["c", "b", "a"]);
    assert_eq!(new_ids(&shown, &ids(&["e", "d", "c", "b", "a"])), ["e", "d"]);
    assert!(new_ids(&shown, &ids(&["c", "b", "a"])).is_empty());
    // A story that left the list and a reordered list bring nothing new.
    assert!(new_ids(&shown, &ids(&["b", "c"])).is_empty());
    // A story inserted between older ones is new wherever it sits.
    assert_eq!(new_ids(&shown, &ids(&["c", "x", "b"])), ["x"]);
    // Nothing shown yet: every story is new.
    assert_eq!(new_ids(&[], &ids(&["a", "b"])), ["a", "b"]);
}

#[test]
fn the_first_ids_are_what_the_kind_shows_before_any_more_button() {
    let items = stories(&["e", "d", "c", "b", "a"], &[]);
    let none = Current::new(None, None, None);
    assert_eq!(
        first_ids(Kind::Latest, &items, None, 3, &none),
        ids(&["e", "d", "c"])
    );
    // "Các tin khác" never shows the article being read, so it is never new either.
    let reading = Current::new(Some("d"), None, None);
    assert_eq!(
        first_ids(Kind::Others, &items, None, 3, &reading),
        ids(&["e", "c", "b"])
    );
    let tagged = stories(&["e", "d", "c", "b", "a"], &[("d", "Thể thao")]);
    assert_eq!(
        first_ids(Kind::Latest, &tagged, Some("the thao"), 3, &none),
        ids(&["d"])
    );
    assert!(first_ids(Kind::Gallery, &items, None, 3, &none).is_empty());
    assert!(first_ids(Kind::Links, &items, None, 3, &none).is_empty());
}

#[test]
fn a_refresh_that_adds_two_stories_to_a_full_list_counts_two() {
    let before = stories(&["c", "b", "a"], &[]);
    let after = stories(&["e", "d", "c", "b", "a"], &[]);
    let none = Current::new(None, None, None);
    let shown = first_ids(Kind::Latest, &before, None, 3, &none);
    let now = first_ids(Kind::Latest, &after, None, 3, &none);
    assert_eq!(new_ids(&shown, &now), ["e", "d"]);
}
