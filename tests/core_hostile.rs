//! Hostile feeds, natively: every vector of `tests/fixtures/hostile/vectors.json` (XSS and filter-evasion
//! strings: `javascript:` in every disguise, `data:`/`vbscript:`, markup and event handlers, `style` and
//! `srcset` tricks) is put into every field of a JSON Feed, a WordPress REST response, an RSS and an Atom
//! document, and the parsed result must obey the rules the browser edge relies on:
//!
//! - every URL a block can put in an `href`, `src` or `srcset` is an absolute http(s) URL, with nothing a
//!   browser would read differently (the checks of the fuzz targets, `fuzz/targets.rs`, included below);
//! - text is text: a title given as plain text keeps its markup as literal characters (the browser shows it
//!   as written, `tests/e2e/hostile.test.mjs`), and text read from HTML keeps no tag;
//! - a hostile field never costs the item: an item with a good link and a hostile title is still shown.
//!
//! Each document holds three items per vector: A with the vector in every field (links included), B with
//! a good link and the vector everywhere else, C with the vector in CDATA/bare-string/plain-summary forms.

// Native only: `parse_feed` and the other native entry points read JSON with serde_json, which the WASM
// build does not have (the browser runs the JSON test files, see tests/json_support/mod.rs).
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/targets.rs"]
mod targets;

mod json_support;

use json_support::hostile::{json_feed, vectors, wordpress, FEED_URL};
use news_widget::core::model::{Feed, FeedFormat};
use news_widget::core::parse::{detect_format, parse_feed};
use news_widget::core::text::clean_text;

/// XML text or attribute value: the five specials escaped, C0 controls as character references.
fn esc(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 16);
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {
                out.push_str(&format!("&#{};", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// A CDATA section holding `v` raw, or its escaped text when `v` would end the section.
fn cdata(v: &str) -> String {
    if v.contains("]]>") {
        esc(v)
    } else {
        format!("<![CDATA[{v}]]>")
    }
}

/// Field placements per document, per format: how many times each generator below puts the vector in a
/// document (checked against the generators by `placements_per_document`).
const PLACEMENTS: [(FeedFormat, usize); 4] = [
    (FeedFormat::JsonFeed, 40),
    (FeedFormat::WordPress, 30),
    (FeedFormat::Rss, 36),
    (FeedFormat::Atom, 36),
];

/// Vectors in `tests/fixtures/hostile/vectors.json` (url, markup, style, srcset).
const VECTORS: usize = 210;

/// A string every generator copies unchanged (no character to escape, no `]]>`): counting it in a document
/// generated around it counts the fields the vector is put in.
const MARKER: &str = "zzPLACEDzz";

/// The placements of one document of `format`, counted in the document its generator writes.
fn placements_per_document(format: FeedFormat) -> usize {
    let body = match format {
        FeedFormat::JsonFeed => json_feed(0, MARKER),
        FeedFormat::WordPress => wordpress(0, MARKER),
        FeedFormat::Rss => rss(0, MARKER),
        FeedFormat::Atom => atom(0, MARKER),
    };
    body.matches(MARKER).count()
}

pub fn rss(i: usize, v: &str) -> String {
    let t = esc(v);
    let c = cdata(v);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel>
<title>{t}</title><link>{t}</link><description>{t}</description><atom:link rel="next" href="{t}"/>
<image><url>{t}</url><title>{t}</title><link>{t}</link></image>
<item>
<title>{t}</title><link>{t}</link><guid>{t}</guid><description>{t}</description><content:encoded>{c}</content:encoded>
<pubDate>{t}</pubDate><dc:creator>{t}</dc:creator><author>{t}</author><category>{t}</category>
<enclosure url="{t}" type="image/jpeg" length="1"/><media:thumbnail url="{t}"/>
<media:content url="{t}" medium="image"><media:title>{t}</media:title><media:description>{t}</media:description></media:content>
<itunes:image href="{t}"/><source url="{t}">{t}</source><comments>{t}</comments>
</item>
<item xml:base="{t}">
<title>{t}</title><link>/hostile/rss/b{i}.html</link><guid isPermaLink="false">{t}</guid><description>{t}</description>
<pubDate>{t}</pubDate><dc:creator>{t}</dc:creator><category>{t}</category>
<enclosure url="{t}" type="image/png"/><media:content url="{t}" medium="image"/>
</item>
<item>
<title>{c}</title><link>/hostile/rss/c{i}.html</link><description>{c}</description>
</item>
</channel>
</rss>
"#
    )
}

pub fn atom(i: usize, v: &str) -> String {
    let t = esc(v);
    let c = cdata(v);
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<title type="html">{t}</title><subtitle>{t}</subtitle><id>{t}</id><updated>{t}</updated>
<link rel="alternate" href="{t}"/><link rel="next" href="{t}"/><icon>{t}</icon><logo>{t}</logo>
<author><name>{t}</name><uri>{t}</uri></author>
<entry>
<id>{t}</id><title type="html">{t}</title><link href="{t}"/><link rel="alternate" type="text/html" href="{t}"/>
<link rel="enclosure" type="image/png" href="{t}"/><summary type="html">{t}</summary><content type="html">{t}</content>
<published>{t}</published><updated>{t}</updated><author><name>{t}</name><uri>{t}</uri><email>{t}</email></author>
<category term="{t}" label="{t}"/><media:thumbnail url="{t}"/>
</entry>
<entry xml:base="{t}">
<id>urn:hostile:b{i}</id><title type="text">{t}</title><link rel="alternate" href="/hostile/atom/b{i}.html"/>
<summary type="text">{t}</summary><content type="html">{t}</content><updated>{t}</updated>
<author><name>{t}</name></author><link rel="enclosure" type="image/jpeg" href="{t}"/>
</entry>
<entry>
<id>urn:hostile:c{i}</id><title type="html">{c}</title><link href="/hostile/atom/c{i}.html"/>
<content type="html">{c}</content>
<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{t}<img src="{t}"/></div></summary>
</entry>
</feed>
"#
    )
}

/// True when `s` holds something an HTML parser would start a tag with.
fn has_tag(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

/// Parses one generated document (format detected, as the edge does) and checks every rule.
fn check(format: FeedFormat, body: &str, i: usize, v: &str) -> Feed {
    assert_eq!(
        detect_format(body.as_bytes()),
        Some(format),
        "vector {i} {v:?}: format not detected"
    );
    let feed = parse_feed(body.as_bytes(), Some(FEED_URL), None)
        .unwrap_or_else(|e| panic!("vector {i} {v:?} in {format:?}: the feed failed as a whole: {e}"));
    targets::check_feed(feed.clone());
    feed
}

#[test]
fn no_unsafe_url_survives_and_text_stays_text_for_every_vector_in_every_field_of_every_format() {
    let vectors = vectors();
    assert_eq!(vectors.all.len(), VECTORS, "tests/fixtures/hostile/vectors.json");
    for (format, n) in PLACEMENTS {
        assert_eq!(
            placements_per_document(format),
            n,
            "{format:?}: fields the generator fills"
        );
    }
    let mut kept = [0usize; 4];
    let mut documents = 0;
    let mut placements = 0;
    for (i, (kind, v)) in vectors.all.iter().enumerate() {
        let docs = [
            (FeedFormat::JsonFeed, json_feed(i, v)),
            (FeedFormat::WordPress, wordpress(i, v)),
            (FeedFormat::Rss, rss(i, v)),
            (FeedFormat::Atom, atom(i, v)),
        ];
        for (n, (format, body)) in docs.iter().enumerate() {
            let feed = check(*format, body, i, v);
            documents += 1;
            placements += PLACEMENTS
                .iter()
                .find(|(f, _)| f == format)
                .map_or(0, |(_, p)| *p);
            kept[n] += feed.items.len();
            let b_url = |prefix: &str| {
                let name = match format {
                    FeedFormat::JsonFeed => "jsonfeed",
                    FeedFormat::WordPress => "wordpress",
                    FeedFormat::Rss => "rss",
                    FeedFormat::Atom => "atom",
                };
                format!("/hostile/{name}/{prefix}{i}.html")
            };
            // Text read from HTML keeps no tag, unless the vector itself spells one with entities
            // (`&lt;b&gt;` is the text "<b>", shown as such). HTML-read fields here: JSON Feed B's
            // content_html, every WordPress title and excerpt, every RSS description, Atom A's summary.
            if !v.contains('&') {
                for a in &feed.items {
                    let is_b = a.url.ends_with(&b_url("b"));
                    let is_c = a.url.ends_with(&b_url("c"));
                    let html_summary = match format {
                        FeedFormat::JsonFeed => is_b,
                        FeedFormat::WordPress | FeedFormat::Rss => true,
                        FeedFormat::Atom => !is_b && !is_c,
                    };
                    if let Some(s) = a.summary.as_ref().filter(|_| html_summary) {
                        assert!(
                            !has_tag(s),
                            "{kind} vector {i} {v:?} in {format:?}: tag in summary {s:?}"
                        );
                    }
                    if *format == FeedFormat::WordPress {
                        assert!(
                            !has_tag(&a.title),
                            "{kind} vector {i} {v:?}: tag in title {:?}",
                            a.title
                        );
                    }
                }
            }
            if *format == FeedFormat::JsonFeed {
                // A JSON Feed title is plain text: markup in it is kept, literally, and so is the item.
                let b = feed
                    .items
                    .iter()
                    .find(|a| a.url.ends_with(&b_url("b")))
                    .unwrap_or_else(|| panic!("vector {i} {v:?}: item with a good link lost"));
                assert_eq!(
                    b.title,
                    clean_text(v),
                    "vector {i}: the title is not the text as written"
                );
                let c = feed.items.iter().find(|a| a.id == format!("c{i}")).unwrap();
                assert_eq!(c.title, "Tiêu đề an toàn");
            }
        }
    }
    // 210 vectors in 4 formats: 840 documents, 210 × (40 + 30 + 36 + 36) = 29 820 placements checked.
    assert_eq!(documents, VECTORS * 4);
    assert_eq!(placements, 29_820);
    println!(
        "hostile: {} vectors x 4 formats = {documents} documents, {placements} field placements; items kept \
         (JSON Feed, WordPress, RSS, Atom): {kept:?} of {} each",
        vectors.all.len(),
        vectors.all.len() * 3
    );
}

#[test]
fn the_vector_corpus_covers_every_kind_of_attack() {
    let vectors = vectors();
    let count = |kind: &str| vectors.all.iter().filter(|(k, _)| k == kind).count();
    assert!(count("url") >= 50 && count("markup") >= 50 && count("style") >= 10 && count("srcset") >= 10);
    let any = |needle: &str| vectors.all.iter().any(|(_, v)| v.contains(needle));
    for needle in [
        "JaVaScRiPt:",
        "java\tscript:",
        "java\nscript:",
        "&#106;avascript:",
        "\u{1}",
        "data:",
        "vbscript:",
        "onerror=",
        "<svg onload=",
        "\"><script>",
        "style=",
        " 2x",
    ] {
        assert!(any(needle), "no vector contains {needle:?}");
    }
}

#[test]
fn javascript_links_in_every_disguise_are_refused_and_their_items_skipped() {
    // Item A of a `javascript:` vector has no other link: the item must go, not render with a bad href.
    // "javascript:" as a browser reads it: C0 controls and spaces trimmed, tabs and newlines deleted.
    let mut tried = 0;
    for (i, (kind, v)) in vectors().all.iter().enumerate() {
        let seen: String = v
            .trim_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        if kind != "url" || !seen.to_ascii_lowercase().starts_with("javascript:") {
            continue;
        }
        tried += 1;
        let feed = parse_feed(json_feed(i, v).as_bytes(), Some(FEED_URL), None).unwrap();
        for a in &feed.items {
            assert!(
                a.url.starts_with("https://") || a.url.starts_with("http://"),
                "{v:?} gave {:?}",
                a.url
            );
            let ours = a.url.ends_with(&format!("/b{i}.html")) || a.url.ends_with(&format!("/c{i}.html"));
            assert!(
                ours,
                "{v:?}: the item whose only link is the vector was kept: {a:?}"
            );
        }
    }
    assert!(tried >= 15, "only {tried} javascript: vectors");
}
