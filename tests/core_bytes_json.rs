//! The modules' JSON parser over bytes (`core::bytes_json`) at the edges of the grammar, each case held
//! to serde_json's reading (`core::native_json`) where the two agree, and to `JSON.parse`'s where
//! serde_json refuses what browsers read.
#![cfg(not(target_arch = "wasm32"))]

use news_widget::core::bytes_json::ByteJson;
use news_widget::core::native_json::NativeJson;
use news_widget::core::tree::{Json, Kind, Node, Number, ENTRIES};

/// What a value reads as, written out through the read interface: the same text for the same reading.
fn dump<N: Node>(n: &N, depth: usize, out: &mut String) {
    match n.kind() {
        Kind::Null => out.push_str("null"),
        Kind::Bool => out.push_str(&format!("{:?}", n.as_bool())),
        Kind::Number => out.push_str(&format!("{:?}", n.as_number())),
        Kind::String => out.push_str(&format!("{:?}", n.as_str())),
        Kind::Array => {
            out.push_str(&format!("[{}:", n.len()));
            for e in n.elements() {
                if depth < 20 {
                    dump(&e, depth + 1, out);
                }
                out.push(',');
            }
            out.push(']');
        }
        Kind::Object => {
            out.push('{');
            for (k, v) in n.entries() {
                out.push_str(&format!("{k:?}="));
                if depth < 20 {
                    dump(&v, depth + 1, out);
                }
                out.push(',');
            }
            out.push('}');
        }
    }
}

fn both(text: &str) -> (String, String) {
    let read = |r: Result<String, String>| r.unwrap_or_else(|e| format!("error {e}"));
    let bytes = ByteJson::read(text.as_bytes()).map(|(doc, trailing)| {
        let mut s = format!("{trailing} ");
        dump(&ByteJson::root(&doc), 0, &mut s);
        s
    });
    let native = NativeJson::read(text.as_bytes()).map(|(doc, trailing)| {
        let mut s = format!("{trailing} ");
        dump(&NativeJson::root(&doc), 0, &mut s);
        s
    });
    (
        read(bytes.map_err(|e| e.to_string())),
        read(native.map_err(|e| e.to_string())),
    )
}

#[test]
fn every_value_reads_as_serde_json_reads_it() {
    for text in [
        r#"{"a": 1, "b": [true, false, null], "c": {"d": "e"}}"#,
        r#"  [1, -1, 0, -0, 18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809]  "#,
        r#"[1.5, 1e3, 1E-3, -2.5e+2, 0.1, 123456.789, 1700000000000.25, 1.0e22, 9007199254740993]"#,
        r#"["plain", "tiếng Việt", "\"\\\/\b\f\n\r\t", "\u0041\u00e9\u1ec7", "\ud83d\ude00", ""]"#,
        r#"{"b": 1, "a": 2, "b": 3}"#,
        r#"{"\u0074itle": "escaped key", "title": "plain key"}"#,
        r#"{"title": "plain key", "\u0074itle": "escaped key"}"#,
        r#"{"a": 1} trailing"#,
        r#"{"a": 1}   "#,
        "[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]",
        r#"{"a": [1, 2,]}"#,
        r#"{"a" 1}"#,
        "[\"tab\tinside\"]",
        "",
        "nul",
        "\u{feff}{}",
    ] {
        let (bytes, native) = both(text);
        assert_eq!(bytes, native, "{text}");
    }
}

#[test]
fn numbers_far_from_the_usual_ones_read_within_a_few_units_in_the_last_place() {
    for text in [
        "1e300",
        "-2.5e-300",
        "123456789012345678901234567890",
        "0.000000000000000000000000123",
        "1.5e200",
    ] {
        let (doc, _) = ByteJson::read(text.as_bytes()).unwrap();
        let got = ByteJson::root(&doc).as_number().unwrap().as_f64();
        let want: f64 = text.parse().unwrap();
        assert!(
            ((got - want) / want).abs() < 1e-14,
            "{text}: {got} against {want}"
        );
    }
}

#[test]
fn a_field_is_the_last_of_repeated_keys_and_entries_keep_the_first_place() {
    let (doc, _) = ByteJson::read(br#"{"b": 1, "a": 2, "\u0062": 3}"#).unwrap();
    let root = ByteJson::root(&doc);
    assert_eq!(root.field("b").and_then(|n| n.as_number()), Some(Number::U64(3)));
    let keys: Vec<String> = root.entries().into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["b", "a"]);
}

#[test]
fn what_serde_json_refuses_reads_as_in_the_browser() {
    // Beyond the double range: infinity, as `JSON.parse` reads it.
    let (doc, _) = ByteJson::read(b"[1e400, -1e400, 1e-400]").unwrap();
    let root = ByteJson::root(&doc);
    let n: Vec<f64> = root
        .elements()
        .filter_map(|e| e.as_number())
        .map(Number::as_f64)
        .collect();
    assert_eq!(n, [f64::INFINITY, f64::NEG_INFINITY, 0.0]);
    // A lone surrogate: U+FFFD, what a `JSON.parse` string becomes in Rust.
    let (doc, _) = ByteJson::read(br#"["\ud800", "a\udc00b", "\ud800\ud800\udc00"]"#).unwrap();
    let s: Vec<String> = ByteJson::root(&doc)
        .elements()
        .filter_map(|e| e.str_field_free())
        .collect();
    assert_eq!(s, ["\u{fffd}", "a\u{fffd}b", "\u{fffd}\u{10000}"]);
}

#[test]
fn invalid_utf8_reads_as_replacement_characters() {
    let (doc, _) = ByteJson::read(b"[\"a\xffb\", \"\xe1\xbb\"]").unwrap();
    let s: Vec<String> = ByteJson::root(&doc)
        .elements()
        .filter_map(|e| e.str_field_free())
        .collect();
    assert_eq!(s, ["a\u{fffd}b", "\u{fffd}"]);
}

#[test]
fn a_million_nested_brackets_cost_no_stack() {
    let deep = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
    let (doc, trailing) = ByteJson::read(deep.as_bytes()).unwrap();
    assert!(!trailing);
    assert_eq!(ByteJson::root(&doc).len(), 1);
    assert!(ByteJson::read(&deep.as_bytes()[..deep.len() - 1]).is_err());
}

/// The text of a string value, owned.
trait Owned {
    fn str_field_free(&self) -> Option<String>;
}

impl<N: Node> Owned for N {
    fn str_field_free(&self) -> Option<String> {
        self.as_str().map(|s| s.into_owned())
    }
}

#[test]
fn objects_too_large_to_index_and_long_arrays_read_as_small_ones() {
    let keys: Vec<String> = (0..3000).map(|i| format!("\"k{}\": {i}", i % 2000)).collect();
    let text = format!("{{{}}}", keys.join(", "));
    let (bytes, native) = both(&text);
    assert_eq!(bytes, native);
    let (doc, _) = ByteJson::read(text.as_bytes()).unwrap();
    let root = ByteJson::root(&doc);
    // "k5" is written at 5 and at 2005: the last one counts.
    assert_eq!(
        root.field("k5").and_then(|n| n.as_number()),
        Some(Number::U64(2005))
    );
    assert_eq!(root.entries().len(), ENTRIES);
    let list = format!("[{}]", vec!["0"; 100_000].join(","));
    let (doc, _) = ByteJson::read(list.as_bytes()).unwrap();
    let root = ByteJson::root(&doc);
    assert_eq!(root.len(), 100_000);
    assert_eq!(root.elements().count(), 100_000);
    assert_eq!(root.at(99_999).and_then(|n| n.as_number()), Some(Number::U64(0)));
    assert!(root.at(100_000).is_none());
}

#[test]
fn entries_list_the_first_keys_only_with_their_last_values() {
    // 50 000 distinct keys, then the first one again: the listing stops at ENTRIES keys, and a key it
    // holds still takes the value written last, past the point where listing stopped.
    let mut members: Vec<String> = (0..50_000).map(|i| format!("\"k{i}\":{i}")).collect();
    members.push("\"k0\":\"last\"".to_string());
    let text = format!("{{{}}}", members.join(","));
    let (bytes, native) = both(&text);
    assert_eq!(bytes, native);
    let (doc, _) = ByteJson::read(text.as_bytes()).unwrap();
    let entries = ByteJson::root(&doc).entries();
    assert_eq!(entries.len(), ENTRIES);
    let (first, value) = &entries[0];
    assert_eq!((first.as_str(), value.as_str().as_deref()), ("k0", Some("last")));
    let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys[ENTRIES - 1], format!("k{}", ENTRIES - 1));
}
