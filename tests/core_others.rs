//! "Các tin khác" (other articles), the pure part: which URLs denote the same article (`url::match_key`)
//! and how the article being read is found and recognised (`select::Current`), the rule that keeps it out of
//! the block.

use news_widget::core::model::Article;
use news_widget::core::select::Current;
use news_widget::core::url::match_key;

fn art(id: &str, url: &str) -> Article {
    Article {
        id: id.to_owned(),
        url: url.to_owned(),
        title: ["Tin ", id].concat(),
        summary: None,
        image: None,
        image_alt: None,
        image_srcset: None,
        published: None,
        tags: Vec::new(),
        authors: Vec::new(),
        images: Vec::new(),
        source: None,
    }
}

const ARTICLE: &str = "https://portal.vn/thoi-su/bai-hien-tai.html";

/// Pairs that must denote the same article, with what makes them differ.
#[rustfmt::skip]
const SAME: &[(&str, &str, &str)] = &[
    ("fragment", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html#binh-luan"),
    ("empty fragment", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html#"),
    ("scheme letter case", ARTICLE, "HTTPS://portal.vn/thoi-su/bai-hien-tai.html"),
    ("host letter case", ARTICLE, "https://Portal.VN/thoi-su/bai-hien-tai.html"),
    ("trailing slash", "https://portal.vn/thoi-su/bai-hien-tai", "https://portal.vn/thoi-su/bai-hien-tai/"),
    ("empty path is /", "https://portal.vn", "https://portal.vn/"),
    ("default https port", ARTICLE, "https://portal.vn:443/thoi-su/bai-hien-tai.html"),
    ("default http port", "http://portal.vn/a.html", "http://portal.vn:80/a.html"),
    ("empty port", ARTICLE, "https://portal.vn:/thoi-su/bai-hien-tai.html"),
    ("http and https of one host and path", ARTICLE, "http://portal.vn/thoi-su/bai-hien-tai.html"),
    ("utm_source", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html?utm_source=x"),
    (
        "every utm_* parameter",
        ARTICLE,
        "https://portal.vn/thoi-su/bai-hien-tai.html?utm_source=fb&utm_medium=social&utm_campaign=he&utm_term=a&utm_content=b",
    ),
    ("tracking names in any letter case", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html?UTM_Source=x&FBCLID=y"),
    ("fbclid", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html?fbclid=IwAR0abc"),
    ("gclid", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html?gclid=Cj0KCQ"),
    ("tracking parameter without a value", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html?utm_source"),
    ("empty query", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html?"),
    (
        "tracking around a kept parameter",
        "https://portal.vn/bai.php?id=5",
        "https://portal.vn/bai.php?utm_source=x&id=5&fbclid=y",
    ),
    (
        "kept parameters keep their order",
        "https://portal.vn/bai.php?id=5&trang=2",
        "https://portal.vn/bai.php?id=5&gclid=z&trang=2",
    ),
    (
        "everything at once",
        "https://portal.vn/thoi-su/bai-hien-tai.html?id=7",
        "HTTP://PORTAL.VN:80/thoi-su/bai-hien-tai.html/?utm_medium=x&id=7&gclid=1#top",
    ),
    ("userinfo", ARTICLE, "https://user:pass@portal.vn/thoi-su/bai-hien-tai.html"),
    ("percent-escape hex case", "https://portal.vn/tin-t%E1%BB%A9c", "https://portal.vn/tin-t%e1%bb%a9c"),
    ("raw Vietnamese path and its encoded form", "https://portal.vn/tin-t%E1%BB%A9c/bài", "https://portal.vn/tin-tức/b%C3%A0i"),
    ("dot segments", ARTICLE, "https://portal.vn/the-thao/../thoi-su/./bai-hien-tai.html"),
    ("surrounding whitespace", ARTICLE, "  https://portal.vn/thoi-su/bai-hien-tai.html\n"),
];

/// Pairs that must stay two articles, with what makes them differ.
#[rustfmt::skip]
const DIFFERENT: &[(&str, &str, &str)] = &[
    ("different path", ARTICLE, "https://portal.vn/thoi-su/bai-khac.html"),
    ("path letter case", ARTICLE, "https://portal.vn/Thoi-Su/bai-hien-tai.html"),
    ("different host", ARTICLE, "https://baomoi.vn/thoi-su/bai-hien-tai.html"),
    ("www is a different host", ARTICLE, "https://www.portal.vn/thoi-su/bai-hien-tai.html"),
    ("subdomain", ARTICLE, "https://m.portal.vn/thoi-su/bai-hien-tai.html"),
    ("non-default port", ARTICLE, "https://portal.vn:8443/thoi-su/bai-hien-tai.html"),
    ("https's port on http", "https://portal.vn/a.html", "http://portal.vn:443/a.html"),
    ("other query parameter is kept", "https://portal.vn/bai.php?id=5", "https://portal.vn/bai.php?id=6"),
    ("query parameter versus none", "https://portal.vn/bai.php?id=5", "https://portal.vn/bai.php"),
    ("a parameter that only looks like tracking", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html?utm=1"),
    ("source is not a tracking parameter", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html?source=rss"),
    ("kept parameter order counts", "https://portal.vn/bai.php?a=1&b=2", "https://portal.vn/bai.php?b=2&a=1"),
    ("page parameter", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html?trang=2"),
    ("one more path segment", ARTICLE, "https://portal.vn/thoi-su/bai-hien-tai.html/anh"),
    ("prefix of the path", "https://portal.vn/thoi-su/bai-1", "https://portal.vn/thoi-su/bai-10"),
];

#[test]
fn url_pairs_that_denote_the_same_article_share_a_match_key() {
    for (why, a, b) in SAME {
        let ka = match_key(a);
        assert!(ka.is_some(), "{why}: {a:?} has no key");
        assert_eq!(ka, match_key(b), "{why}: {a:?} and {b:?} must match");
    }
}

#[test]
fn url_pairs_of_different_articles_do_not_match() {
    for (why, a, b) in DIFFERENT {
        let (ka, kb) = (match_key(a), match_key(b));
        assert!(
            ka.is_some() && kb.is_some(),
            "{why}: {a:?} / {b:?} must have keys"
        );
        assert_ne!(ka, kb, "{why}: {a:?} and {b:?} must not match");
    }
}

#[test]
fn non_http_urls_have_no_match_key_so_never_match_anything() {
    for u in [
        "",
        "bai-hien-tai.html",
        "/thoi-su/bai-hien-tai.html",
        "//portal.vn/thoi-su/bai-hien-tai.html",
        "javascript:alert(1)",
        "ftp://portal.vn/thoi-su/bai-hien-tai.html",
        "mailto:toa-soan@portal.vn",
    ] {
        assert_eq!(match_key(u), None, "{u:?}");
    }
}

const PAGE: &str = "https://portal.vn/thoi-su/bai-dang-doc.html?utm_source=zalo#dau-trang";
const CANONICAL: &str = "https://portal.vn/thoi-su/bai-chinh-thuc.html";

/// One item per source of "current", plus an unrelated one.
fn items() -> [Article; 5] {
    [
        art("o03", "https://portal.vn/thoi-su/bai-ba.html"),
        art("a-url", "https://portal.vn/thoi-su/bai-theo-url.html"),
        art("canon", "https://portal.vn/thoi-su/bai-chinh-thuc.html"),
        art("page", "https://portal.vn/thoi-su/bai-dang-doc.html"),
        art("other", "https://portal.vn/thoi-su/bai-khac.html"),
    ]
}

fn current_ids(cur: &Current) -> Vec<String> {
    items()
        .iter()
        .filter(|a| cur.is_current(a))
        .map(|a| a.id.clone())
        .collect()
}

#[test]
fn the_current_attribute_as_an_id_wins_over_canonical_and_page_url() {
    let cur = Current::new(Some("o03"), Some(CANONICAL), Some(PAGE));
    assert_eq!(current_ids(&cur), ["o03"]);
}

#[test]
fn the_current_attribute_as_a_url_matches_by_url_rule_and_wins_over_canonical() {
    let cur = Current::new(
        Some("HTTPS://Portal.VN:443/thoi-su/bai-theo-url.html/?utm_campaign=x#binh-luan"),
        Some(CANONICAL),
        Some(PAGE),
    );
    assert_eq!(current_ids(&cur), ["a-url"]);
}

#[test]
fn a_relative_current_attribute_is_resolved_against_the_page() {
    let cur = Current::new(Some("bai-theo-url.html"), Some(CANONICAL), Some(PAGE));
    assert_eq!(current_ids(&cur), ["a-url"]);
    let cur = Current::new(Some("/thoi-su/bai-theo-url.html?fbclid=1"), None, Some(PAGE));
    assert_eq!(current_ids(&cur), ["a-url"]);
}

#[test]
fn the_current_attribute_is_trimmed_and_a_blank_one_counts_as_absent() {
    assert_eq!(
        current_ids(&Current::new(Some("  o03\n"), Some(CANONICAL), Some(PAGE))),
        ["o03"]
    );
    assert_eq!(
        current_ids(&Current::new(Some(" \t "), Some(CANONICAL), Some(PAGE))),
        ["canon"]
    );
    assert_eq!(current_ids(&Current::new(Some(""), None, Some(PAGE))), ["page"]);
}

#[test]
fn without_the_attribute_the_canonical_link_wins_over_the_page_url() {
    let cur = Current::new(None, Some(CANONICAL), Some(PAGE));
    assert_eq!(current_ids(&cur), ["canon"]);
    // A relative canonical is resolved against the page, and matched by the URL rule.
    let cur = Current::new(None, Some("/thoi-su/bai-chinh-thuc.html/#x"), Some(PAGE));
    assert_eq!(current_ids(&cur), ["canon"]);
}

#[test]
fn without_attribute_or_usable_canonical_the_page_url_is_current() {
    assert_eq!(current_ids(&Current::new(None, None, Some(PAGE))), ["page"]);
    // A canonical that is not http(s) is no canonical.
    assert_eq!(
        current_ids(&Current::new(None, Some("javascript:alert(1)"), Some(PAGE))),
        ["page"]
    );
}

#[test]
fn with_no_source_at_all_nothing_is_current() {
    assert!(current_ids(&Current::new(None, None, None)).is_empty());
    // A page URL that is not http(s) (a file:// preview) gives nothing to exclude.
    assert!(current_ids(&Current::new(None, None, Some("file:///tmp/bai.html"))).is_empty());
}

#[test]
fn an_item_whose_id_is_the_current_url_is_current_whatever_its_url() {
    // Feeds without ids use the URL as id; some carry a mobile or AMP URL in `url`.
    let item = art(
        "https://portal.vn/thoi-su/bai-chinh-thuc.html",
        "https://m.portal.vn/thoi-su/bai-chinh-thuc.html",
    );
    assert!(Current::new(None, Some(CANONICAL), Some(PAGE)).is_current(&item));
}

#[test]
fn an_id_attribute_does_not_match_items_by_title_or_by_a_similar_id() {
    let cur = Current::new(Some("o03"), None, Some(PAGE));
    assert!(!cur.is_current(&art("o030", "https://portal.vn/a.html")));
    assert!(!cur.is_current(&art("O03", "https://portal.vn/b.html")));
    assert!(cur.is_current(&art("o03", "https://portal.vn/c.html")));
}

#[test]
fn is_current_never_panics_on_odd_item_urls() {
    let cur = Current::new(Some("https://portal.vn/a.html"), None, Some(PAGE));
    for u in [
        "",
        "::::",
        "http://",
        "https://[",
        "https://portal.vn:99999/a",
        "\u{0}",
        "https://ả.vn/ả",
    ] {
        assert!(!cur.is_current(&art("x", u)), "{u:?}");
    }
}
