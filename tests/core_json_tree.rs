//! The pieces under the JSON readers, natively: the serde_json implementation of the read interface, the
//! syntax check that locates errors (with serde_json's wording and positions, which the byte reader gives
//! too), and the snapshot writer.
#![cfg(not(target_arch = "wasm32"))]

mod json_support;

use news_widget::core::bytes_json::ByteJson;
use news_widget::core::jsonscan::check;
use news_widget::core::model::{Article, Feed, FeedError, ImageRef};
use news_widget::core::native_json::NativeJson;
use news_widget::core::snapshot;
use news_widget::core::tree::{Json, Kind, Node, Number};
use serde_json::Value;

fn read(text: &str) -> (Value, bool) {
    NativeJson::read(text.as_bytes()).unwrap()
}

#[test]
fn keys_keep_document_order_and_a_repeated_key_keeps_its_place_with_the_last_value() {
    let (v, trailing) = read(r#"{"b": 1, "a": 2, "b": 3, "c": {"z": 1, "y": 2}}"#);
    assert!(!trailing);
    let root = NativeJson::root(&v);
    let keys = |n: &Value| -> Vec<String> { Node::entries(&n).into_iter().map(|(k, _)| k).collect() };
    assert_eq!(keys(root), ["b", "a", "c"]);
    let (_, b) = &Node::entries(&root)[0];
    assert_eq!(Node::as_number(b), Some(Number::U64(3)));
    assert_eq!(
        root.field("b").and_then(|n| Node::as_number(&n)),
        Some(Number::U64(3))
    );
    assert_eq!(keys(root.field("c").unwrap()), ["z", "y"]);
    assert_eq!(root.field("missing").map(|n| n.kind()), None);
    assert_eq!(root.field("a").unwrap().field("x").map(|n| n.kind()), None);
}

#[test]
fn every_accessor_says_missing_for_another_type() {
    let (v, _) = read(r#"[null, true, -3, 1.5, "s", [1], {"k": "v"}]"#);
    let root = NativeJson::root(&v);
    let kinds: Vec<Kind> = root.elements().map(|n| n.kind()).collect();
    use Kind::*;
    assert_eq!(kinds, [Null, Bool, Number, Number, String, Array, Object]);
    for n in root.elements() {
        // (serde_json's own `as_str`, `as_number`, `as_bool` would shadow the trait's.)
        assert_eq!(Node::as_str(&n).is_some(), n.kind() == String);
        assert_eq!(Node::as_number(&n).is_some(), n.kind() == Number);
        assert_eq!(Node::as_bool(&n).is_some(), n.kind() == Bool);
        assert_eq!(n.len() > 0, n.kind() == Array);
        assert_eq!(!n.entries().is_empty(), n.kind() == Object);
        assert_eq!(n.field("k").is_some(), n.kind() == Object);
        assert_eq!(n.at(0).is_some(), n.kind() == Array);
    }
    assert_eq!(Node::as_number(&root.at(2).unwrap()).unwrap().as_i64(), Some(-3));
    assert_eq!(Node::as_number(&root.at(3).unwrap()).unwrap().as_i64(), None);
    assert_eq!(root.at(99).map(|n| n.kind()), None);
}

#[test]
fn whole_doubles_are_integers_only_below_two_to_the_53() {
    assert_eq!(
        Number::F64(9_007_199_254_740_991.0).as_i64(),
        Some(9_007_199_254_740_991)
    );
    assert_eq!(Number::F64(9_007_199_254_740_992.0).as_i64(), None);
    assert_eq!(Number::F64(-0.0).as_u64(), Some(0));
    assert_eq!(Number::F64(-1.0).as_u64(), None);
    assert_eq!(Number::F64(f64::INFINITY).as_i64(), None);
    assert_eq!(Number::U64(u64::MAX).as_u64(), Some(u64::MAX));
    assert_eq!(Number::U64(u64::MAX).as_i64(), None);
}

#[test]
fn containers_deeper_than_the_cap_are_checked_but_kept_empty() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (v, _) = read(&format!(r#"{{"a": {deep}, "b": "after"}}"#));
    let root = NativeJson::root(&v);
    assert_eq!(root.str_field("b").as_deref(), Some("after"));
    let mut n = root.field("a").unwrap();
    let mut depth = 1;
    while let Some(inner) = n.at(0) {
        n = inner;
        depth += 1;
    }
    assert!((30..=33).contains(&depth), "{depth}");
    // Invalid JSON below the cap is still an error.
    let bad = format!(r#"{{"a": {}1,]{}}}"#, "[".repeat(200), "]".repeat(199));
    assert!(matches!(
        NativeJson::read(bad.as_bytes()),
        Err(FeedError::Json { .. })
    ));
}

#[test]
fn invalid_utf8_and_lone_surrogates_read_as_replacement_characters_as_in_the_browser() {
    let (v, _) = NativeJson::read(b"[\"a\xffb\", \"\\ud800\", \"\\udc00x\", \"\\ud83d\\ude00\", \"\\\\ud800\", \"\\ud800\\ud83d\\ude00\"]")
        .unwrap();
    let got: Vec<String> = NativeJson::root(&v)
        .elements()
        .map(|n| Node::as_str(&n).unwrap().into_owned())
        .collect();
    assert_eq!(
        got,
        [
            "a\u{fffd}b",
            "\u{fffd}",
            "\u{fffd}x",
            "😀",
            "\\ud800",
            "\u{fffd}😀"
        ]
    );
}

/// Invalid bodies and the error serde_json reports for each: the check must report the same.
const INVALID: &[(&str, usize, usize, &str)] = &[
    ("", 1, 0, "EOF while parsing a value"),
    ("   \n  ", 2, 2, "EOF while parsing a value"),
    (
        "{\n  \"items\": [\n    {\"title\": }\n  ]\n}",
        3,
        15,
        "expected value",
    ),
    ("[1,]", 1, 4, "trailing comma"),
    ("{\"a\":1,}", 1, 8, "trailing comma"),
    ("[1 2]", 1, 4, "expected `,` or `]`"),
    ("{\"a\":1 \"b\":2}", 1, 8, "expected `,` or `}`"),
    ("{\"a\" 1}", 1, 6, "expected `:`"),
    ("{1:2}", 1, 2, "key must be a string"),
    ("{\"a\":1,2}", 1, 8, "key must be a string"),
    ("[", 1, 1, "EOF while parsing a list"),
    ("{", 1, 1, "EOF while parsing an object"),
    ("{\"a\"", 1, 4, "EOF while parsing an object"),
    ("[1,", 1, 3, "EOF while parsing a value"),
    ("\"abc", 1, 4, "EOF while parsing a string"),
    ("\"a\\", 1, 3, "EOF while parsing a string"),
    ("\"\\u12", 1, 5, "EOF while parsing a string"),
    ("\"\\u12x4\"", 1, 7, "invalid escape"),
    ("\"\\x\"", 1, 3, "invalid escape"),
    (
        "\"a\u{1}\"",
        1,
        3,
        "control character (\\u0000-\\u001F) found while parsing a string",
    ),
    (
        "\"a\nb\"",
        2,
        0,
        "control character (\\u0000-\\u001F) found while parsing a string",
    ),
    ("01", 1, 2, "invalid number"),
    ("-", 1, 1, "EOF while parsing a value"),
    ("-x", 1, 2, "invalid number"),
    ("1.", 1, 2, "EOF while parsing a value"),
    ("1.x", 1, 3, "invalid number"),
    ("1e", 1, 2, "EOF while parsing a value"),
    ("1e+x", 1, 4, "invalid number"),
    ("nul", 1, 3, "EOF while parsing a value"),
    ("nulL", 1, 4, "expected ident"),
    ("tx", 1, 2, "expected ident"),
    ("x", 1, 1, "expected value"),
    ("[}", 1, 2, "expected value"),
    ("{'a': 1}", 1, 2, "key must be a string"),
];

#[test]
fn the_check_reports_each_syntax_error_where_and_as_serde_json_does() {
    for &(text, line, column, message) in INVALID {
        let want = FeedError::Json {
            line,
            column,
            message: message.to_owned(),
        };
        let serde = serde_json::from_str::<Value>(text).unwrap_err();
        assert_eq!(
            (serde.line(), serde.column(), serde.to_string()),
            (line, column, format!("{message} at line {line} column {column}")),
            "serde_json on {text:?}"
        );
        assert_eq!(
            NativeJson::read(text.as_bytes()).map(|_| ()).unwrap_err(),
            want,
            "{text:?}"
        );
        let ours = check(text.as_bytes()).unwrap_err().feed_error(text.as_bytes());
        assert_eq!(ours, want, "check on {text:?}");
        assert_eq!(
            ByteJson::read(text.as_bytes()).map(|_| ()).unwrap_err(),
            want,
            "byte reader on {text:?}"
        );
    }
}

#[test]
fn a_valid_value_ends_where_serde_json_ends_it_and_what_follows_is_trailing_data() {
    for (text, end) in [
        ("{} x", 2),
        ("[1, [2, {\"a\": \"]\"}]]]", 20),
        ("\"s\\\"\" ", 5),
        ("42x", 2),
        ("1.2.3", 3),
        ("nullx", 4),
        ("-0.5e+3,", 7),
        (" \t\r\n true", 9),
    ] {
        assert_eq!(check(text.as_bytes()), Ok(end), "{text:?}");
        let (_, trailing) = ByteJson::read(text.as_bytes()).unwrap();
        assert_eq!(trailing, read(text).1, "{text:?}");
    }
}

fn article(text: &str) -> Article {
    Article {
        id: text.to_owned(),
        url: "https://portal.example/a.html".to_owned(),
        title: text.to_owned(),
        summary: Some(text.to_owned()),
        image: None,
        image_alt: Some(text.to_owned()),
        image_srcset: None,
        published: Some(-86_400),
        tags: vec![text.to_owned(), String::new()],
        authors: vec![text.to_owned()],
        images: vec![ImageRef {
            url: "https://portal.example/a.jpg".to_owned(),
            thumb: Some("https://portal.example/a-small.jpg".to_owned()),
            caption: text.to_owned(),
            srcset: Some("https://portal.example/a-2x.jpg 2x".to_owned()),
            width: Some(u32::MAX),
            height: None,
        }],
        source: Some(text.to_owned()),
    }
}

#[test]
fn the_snapshot_writer_escapes_every_string_and_reads_back_the_same_items() {
    let controls: String = (0u8..0x20).map(char::from).collect();
    let texts = [
        "Tin \"nóng\" \\ mới / </script> \u{7f} \u{2028}".to_owned(),
        controls,
        "😀 Đ ₫ \u{fffd}".to_owned(),
        String::new(),
    ];
    let feed = Feed {
        next_url: Some("https://portal.example/p2.json?a=b&c=%22".to_owned()),
        items: texts.iter().map(|t| article(t)).collect(),
        ..Feed::default()
    };
    let json = snapshot::encode(&feed, 1_700_000_000_123.0, 50, 1 << 20).unwrap();
    // Valid JSON by another reader too.
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["v"], 1);
    assert_eq!(v["items"][1]["title"], texts[1].as_str());
    let (back, saved) = snapshot::decode(&json).unwrap();
    assert_eq!(saved, 1_700_000_000_123.0);
    assert_eq!(back.next_url, feed.next_url);
    // The item with an empty title is not kept (as for a tampered snapshot).
    assert_eq!(back.items, feed.items[..3]);
}

#[test]
fn snapshots_written_before_the_writer_still_read() {
    // The format serde_json wrote: `saved` as a float, every field present.
    let json = include_str!("fixtures/regressions/snapshot/srcset-not-http.json");
    let (feed, saved) = snapshot::decode(json).unwrap();
    assert_eq!(saved, 1_700_000_000_000.0);
    assert_eq!(feed.items[0].published, Some(1_563_586_560));
    assert_eq!(feed.items[0].images[0].width, Some(400));
    // Fields of the wrong type, or missing required ones, are no snapshot.
    for bad in [
        r#"{"v":2,"saved":1,"items":[]}"#,
        r#"{"v":1,"saved":"1","items":[]}"#,
        r#"{"v":1,"saved":1,"next_url":5,"items":[{"id":"a","url":"https://a.vn/","title":"t","tags":[],"authors":[],"images":[]}]}"#,
        r#"{"v":1,"saved":1,"items":[{"id":"a","url":"https://a.vn/","title":"t","tags":[1],"authors":[],"images":[]}]}"#,
        r#"{"v":1,"saved":1,"items":[{"id":"a","url":"https://a.vn/","title":"t","tags":[],"authors":[]}]}"#,
        r#"{"v":1,"saved":1,"items":[{"id":"a","url":"https://a.vn/","title":"t","tags":[],"authors":[],"images":[],"published":1.5}]}"#,
        r#"{"v":1,"saved":1,"items":[{"id":"a","url":"https://a.vn/","title":"t","tags":[],"authors":[],"images":[{"url":"https://a.vn/i","caption":"c","width":-1}]}]}"#,
        r#"{"v":1,"saved":1,"items":[]} x"#,
    ] {
        assert_eq!(snapshot::decode(bad), None, "{bad}");
    }
    let minimal = r#"{"v":1,"saved":1,"items":[{"id":"a","url":"https://a.vn/","title":"t","tags":[],"authors":[],"images":[]}]}"#;
    assert_eq!(snapshot::decode(minimal).unwrap().0.items[0].summary, None);
}
