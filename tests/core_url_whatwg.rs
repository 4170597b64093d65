#![cfg(not(target_arch = "wasm32"))]
//! `core::url` against the WHATWG URL Standard (the `url` crate, which implements it as browsers do), over
//! every link, image and id the feed corpus carries and every hostile URL vector: where the reader's browser
//! would go (or load from) is where the core's resolution points, and what the browser would refuse or read
//! as another scheme comes out of the core as nothing.
//!
//! Two differences are the core's rules, not disagreements, and the comparison applies them to the
//! browser's answer: userinfo (`user:pass@`) is dropped, and an empty reference is no link at all (for a
//! browser it is the document itself). The core also keeps a non-ASCII host in Unicode where the browser
//! writes Punycode: both answers are compared as the browser serialises them.

use std::path::Path;

use news_widget::core::url::resolve;
use url::Url;

mod corpus_files;
use corpus_files::root;

/// Where each reference is resolved from: a feed URL with a path and a query, one on plain http with a
/// Vietnamese path and a port, and one at a host's root.
const BASES: [&str; 3] = [
    "https://portal.example.vn/rss/tin-moi-nhat.rss?page=2",
    "http://tin.example.vn:8080/chuyên-mục/thời sự/index.json",
    "https://example.com",
];

/// The browser's answer, with the core's two rules applied (see the module doc).
fn whatwg(base: &str, reference: &str) -> Option<String> {
    let blank = reference
        .chars()
        .all(|c| c <= ' ' || matches!(c, '\t' | '\n' | '\r'));
    if blank {
        return None;
    }
    let mut u = Url::parse(base).ok()?.join(reference).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    u.set_username("").ok()?;
    u.set_password(None).ok()?;
    Some(u.into())
}

/// The core's answer as the browser would read it (a URL the browser cannot parse stays as written).
fn core(base: &str, reference: &str) -> Option<String> {
    resolve(Some(base), reference).map(|s| Url::parse(&s).map_or(s, String::from))
}

/// The five entities XML escapes, as feeds write them inside attributes and links.
fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text between `open` and `close` each time it occurs in `body`.
fn between(body: &str, open: &str, close: &str, out: &mut Vec<String>) {
    let mut rest = body;
    while let Some(i) = rest.find(open) {
        rest = &rest[i + open.len()..];
        let Some(j) = rest.find(close) else { break };
        let v = rest[..j].trim();
        let v = v
            .strip_prefix("<![CDATA[")
            .and_then(|v| v.strip_suffix("]]>"))
            .unwrap_or(v);
        out.push(xml_unescape(v));
        rest = &rest[j..];
    }
}

/// What a feed file names as links, images and ids: in XML the `href`, `url` and `src` attributes and the
/// `link`, `guid`, `id` and `url` elements; in JSON every string under a key naming a URL, link, image or id.
fn references(path: &Path) -> Vec<String> {
    let body = std::fs::read_to_string(path).unwrap_or_default();
    let mut out = Vec::new();
    if path.extension().is_some_and(|x| x == "json") {
        fn walk(key: &str, v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) => {
                    let k = key.to_ascii_lowercase();
                    if ["url", "link", "image", "href", "src", "id", "icon"]
                        .iter()
                        .any(|w| k.contains(w))
                    {
                        out.push(s.clone());
                    }
                }
                serde_json::Value::Array(a) => a.iter().for_each(|v| walk(key, v, out)),
                serde_json::Value::Object(o) => o.iter().for_each(|(k, v)| walk(k, v, out)),
                _ => {}
            }
        }
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&body) {
            walk("", &v, &mut out);
        }
    } else {
        for attr in ["href=\"", "url=\"", "src=\""] {
            between(&body, attr, "\"", &mut out);
        }
        for el in ["link", "guid", "id", "url"] {
            between(&body, &format!("<{el}>"), &format!("</{el}>"), &mut out);
        }
    }
    out
}

fn corpus_references() -> Vec<String> {
    corpus_files::feeds()
        .iter()
        .flat_map(|rel| references(&root().join(rel)))
        .collect()
}

fn hostile_references() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/hostile/vectors.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["url"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect()
}

/// Every reference resolved against every base; the disagreements, one line each.
fn disagreements(references: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for base in BASES {
        for r in references {
            let (ours, theirs) = (core(base, r), whatwg(base, r));
            if ours != theirs {
                out.push(format!("{base} + {r:?}: core {ours:?}, browser {theirs:?}"));
            }
        }
    }
    out
}

#[test]
fn every_link_and_image_of_the_corpus_resolves_where_the_browser_resolves_it() {
    let refs = corpus_references();
    assert!(refs.len() > 500, "the corpus names only {} URLs", refs.len());
    let bad = disagreements(&refs);
    assert!(
        bad.is_empty(),
        "{} of {} disagree:\n{}",
        bad.len(),
        refs.len() * BASES.len(),
        bad.join("\n")
    );
}

/// References that take the less travelled paths of the standard.
const EDGES: &[&str] = &[
    "https:a/b",
    "http:/a",
    "http:a",
    "HTTPS:a",
    "https:",
    "https:?q",
    "https:#f",
    "//cdn.example.vn",
    "\\\\cdn.example.vn\\a",
    "https:\\\\cdn.example.vn\\a",
    "https://ｔｉｎ．Example．vn/a",
    "https://TIN.example.vn.:443/a",
    "https://tin.example.vn:0443/a",
    "https://tin.example.vn:/a",
    "http://[::1]:8080/a",
    "https://user:pass@tin.example.vn/a",
    "https://@tin.example.vn/a",
    "a/%2e%2E/b",
    "a/.%2e/b/%2e",
    "/a b/c\"d<e>`f{g}",
    "?a b",
    "#a b",
    "..//a",
    "/./../a/",
    "  \t/tin-mới/ảnh.jpg\n",
];

#[test]
fn the_edges_of_the_standard_resolve_where_the_browser_resolves_them() {
    let refs: Vec<String> = EDGES.iter().map(|s| (*s).to_owned()).collect();
    let bad = disagreements(&refs);
    assert!(bad.is_empty(), "{} disagree:\n{}", bad.len(), bad.join("\n"));
}

/// Three slashes on an http(s) page: the standard skips every slash before the host, and browsers (and
/// Node's `URL`) do, while the `url` crate refuses the reference; the core goes with the browsers.
#[test]
fn three_slashes_skip_to_the_host_as_in_browsers() {
    for base in BASES {
        let https = base.starts_with("https:");
        let want = if https { "https://a/" } else { "http://a/" };
        assert_eq!(resolve(Some(base), "///a").as_deref(), Some(want), "{base}");
        assert_eq!(resolve(Some(base), "\\\\/a").as_deref(), Some(want), "{base}");
    }
}

#[test]
fn every_hostile_url_is_refused_or_resolved_as_the_browser_reads_it() {
    let refs = hostile_references();
    assert!(refs.len() > 50, "only {} hostile URLs", refs.len());
    let bad = disagreements(&refs);
    assert!(bad.is_empty(), "{} disagree:\n{}", bad.len(), bad.join("\n"));
}

/// Hosts beyond ASCII: the core either goes where the browser goes (it writes the host in Unicode, the
/// browser in Punycode) or refuses the link. It refuses spaces, controls, punctuation, symbols and the forms
/// that would map onto a forbidden ASCII character, even where the browser would map or drop them.
#[test]
fn a_host_beyond_ascii_is_the_browsers_host_or_refused() {
    const HOSTS: &[&str] = &[
        "https://báo.example.vn/a",
        "https://tin-tức.việt.vn/a",
        "https://例え.テスト/",
        "https://☃.example/a",
        "https://exa\u{A0}mple.vn/a",
        "https://exa\u{3000}mple.vn/a",
        "https://exa\u{200B}mple.vn/a",
        "https://exa\u{2215}mple.vn/a",
        "https://example.vn\u{FE6B}evil.test/",
        "https://example.vn\u{FF20}evil.test/",
        "https://exa\u{85}mple.vn/a",
        "https://exa\u{AD}mple.vn/a",
        "https://exa\u{E000}mple.vn/a",
        "https://exa\u{FEFF}mple.vn/a",
        "https://exa\u{34F}mple.vn/a",
        "https://exa\u{180E}mple.vn/a",
        "https://exa\u{E0041}mple.vn/a",
    ];
    let mut accepted = 0;
    for base in BASES {
        for r in HOSTS {
            let ours = core(base, r);
            if ours.is_some() {
                accepted += 1;
                assert_eq!(ours, whatwg(base, r), "{base} + {r:?}");
            }
        }
    }
    // The letters of real host names are kept, not refused with the rest.
    assert_eq!(accepted, 3 * BASES.len());
}
