//! Format detection from content (never from headers) and dispatch.

// Native only: `parse_feed` and the other native entry points read JSON with serde_json, which the WASM
// build does not have (the browser runs the JSON test files, see tests/json_support/mod.rs).
#![cfg(not(target_arch = "wasm32"))]

use news_widget::core::model::{FeedError, FeedFormat};
use news_widget::core::parse::{detect_format, parse_feed};

#[test]
fn formats_are_detected_from_content() {
    let cases: [(&[u8], Option<FeedFormat>); 20] = [
        (b"{\"items\": []}", Some(FeedFormat::JsonFeed)),
        (b"  \n\t{", Some(FeedFormat::JsonFeed)),
        (b"\xEF\xBB\xBF{\"items\": []}", Some(FeedFormat::JsonFeed)),
        (b"[{\"id\": 1}]", Some(FeedFormat::WordPress)),
        (b"\xEF\xBB\xBF  []", Some(FeedFormat::WordPress)),
        (
            b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>",
            Some(FeedFormat::Rss),
        ),
        (b"<rss version=\"2.0\">", Some(FeedFormat::Rss)),
        (
            b"<?xml version=\"1.0\"?>\n<!-- generator --><rdf:RDF xmlns:rdf=\"x\">",
            Some(FeedFormat::Rss),
        ),
        (b"<RDF>", Some(FeedFormat::Rss)),
        (
            b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">",
            Some(FeedFormat::Atom),
        ),
        (
            b"<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\">",
            Some(FeedFormat::Atom),
        ),
        (
            b"<?xml version=\"1.0\"?><?xml-stylesheet href=\"a.xsl\"?><!DOCTYPE rss><rss>",
            Some(FeedFormat::Rss),
        ),
        (b"<!DOCTYPE html><html><body>502</body></html>", None),
        (b"<!doctype HTML>", None),
        (b"<html lang=\"vi\">", None),
        (b"<opml version=\"2.0\">", None),
        (b"", None),
        (b"   ", None),
        (b"Not Found", None),
        (b"\xEF\xBB\xBF", None),
    ];
    for (body, want) in cases {
        assert_eq!(detect_format(body), want, "{}", String::from_utf8_lossy(body));
    }
}

#[test]
fn empty_bodies_are_empty() {
    for body in [&b""[..], b"   \n\t ", b"\xEF\xBB\xBF", b"\xEF\xBB\xBF \r\n"] {
        assert_eq!(parse_feed(body, None, None), Err(FeedError::Empty));
        assert_eq!(
            parse_feed(body, None, Some(FeedFormat::JsonFeed)),
            Err(FeedError::Empty)
        );
    }
}

#[test]
fn html_pages_are_reported_as_html_whatever_was_forced() {
    for body in [
        &b"<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not found</body></html>"[..],
        b"\xEF\xBB\xBF\n<html><body>Error</body></html>",
        b"<!-- cache --><!doctype html><title>x</title>",
    ] {
        for forced in [None, Some(FeedFormat::JsonFeed), Some(FeedFormat::Rss)] {
            match parse_feed(body, None, forced) {
                Err(FeedError::NotAFeed(why)) => {
                    assert!(why.starts_with("received an HTML page"), "{why}")
                }
                other => panic!("{other:?}"),
            }
        }
    }
}

#[test]
fn json_feed_with_bom_and_any_content_type_is_read() {
    let body = b"\xEF\xBB\xBF{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"url\":\"/a\",\"title\":\"A\"}]}";
    let feed = parse_feed(body, Some("https://x.vn/feed.json"), None).unwrap();
    assert_eq!(feed.items[0].url, "https://x.vn/a");
    let forced = parse_feed(body, Some("https://x.vn/feed.json"), Some(FeedFormat::JsonFeed)).unwrap();
    assert_eq!(feed, forced);
}

#[test]
fn every_detected_format_is_dispatched_to_a_parser() {
    let cases: [&[u8]; 3] = [
        b"[]",
        b"<rss version=\"2.0\"><channel></channel></rss>",
        b"<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>",
    ];
    for body in cases {
        if let Err(FeedError::NotAFeed(why)) = parse_feed(body, None, None) {
            assert!(!why.starts_with("unrecognised"), "{why}");
        }
    }
}

#[test]
fn unrecognised_content_is_not_a_feed_and_invalid_json_is_json() {
    assert!(matches!(
        parse_feed(b"Service Unavailable", None, None),
        Err(FeedError::NotAFeed(_))
    ));
    assert!(matches!(
        parse_feed(b"<opml/>", None, None),
        Err(FeedError::NotAFeed(_))
    ));
    assert!(matches!(
        parse_feed(b"{\"items\": [", None, None),
        Err(FeedError::Json { .. })
    ));
}

/// Every file of `tests/fixtures/real/` (its README aside) and the format it must be detected as.
const REAL_FIXTURES: [(&str, FeedFormat); 11] = [
    ("atom_mediarss_newscred_1.xml", FeedFormat::Atom),
    ("atom_xml_base.xml", FeedFormat::Atom),
    ("jsonfeed_elastic_1.1.json", FeedFormat::JsonFeed),
    ("jsonfeed_example_1.json", FeedFormat::JsonFeed),
    ("jsonfeed_spec_1.json", FeedFormat::JsonFeed),
    ("rss_2.0_bbc.xml", FeedFormat::Rss),
    ("rss_2.0_ilgiornale.xml", FeedFormat::Rss),
    ("rss_2.0_nbcny.xml", FeedFormat::Rss),
    ("rss_2.0_relurl_1.xml", FeedFormat::Rss),
    ("rss_2.0_spiegel.xml", FeedFormat::Rss),
    ("vnexpress_tin-moi-nhat_2017-07-26.rss", FeedFormat::Rss),
];

#[test]
fn the_real_fixtures_are_all_present_and_detected() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "README.md")
        .collect();
    found.sort();
    let expected: Vec<&str> = REAL_FIXTURES.iter().map(|(name, _)| *name).collect();
    assert_eq!(found, expected, "the files of {}", dir.display());
    for (name, format) in REAL_FIXTURES {
        let body = std::fs::read(dir.join(name)).unwrap();
        assert_eq!(detect_format(&body), Some(format), "{name}");
    }
}
