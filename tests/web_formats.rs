//! Browser tests of format detection and merged sources in the rendered block (wasm-bindgen-test in
//! headless Chromium), with bodies primed into the request cache.
#![cfg(target_arch = "wasm32")]

use news_widget::web::{mount_block, testing::prime_feed, unmount_block};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod web_support;
use web_support::{settled, shadow_all, shadow_texts};

wasm_bindgen_test_configure!(run_in_browser);

const VNEXPRESS: &str = include_str!("fixtures/real/vnexpress_tin-moi-nhat_2017-07-26.rss");

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/news/">
  <title>Atom thử</title>
  <entry><id>tag:atom.example,2019:1</id><title>  Tin Atom một  </title><link href="mot.html"/>
    <updated>2019-07-20T10:00:00+07:00</updated></entry>
  <entry><id>https://atom.example/hai</id><title>Tin Atom hai</title><updated>2019-07-19T10:00:00Z</updated></entry>
</feed>"#;

const WORDPRESS: &str = r#"[
  {"id": 7, "link": "https://wp.example/tin-bay/", "date_gmt": "2019-07-20T01:00:00",
   "title": {"rendered": "Tin &#8220;WordPress&#8221; &amp; b\u1ea1n"}, "excerpt": {"rendered": "<p>T\u00f3m t\u1eaft</p>"}}
]"#;

const JSON_A: &str = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Báo A", "items": [
  {"id": "a1", "url": "https://a.example/1.html", "title": "Tin A1", "date_published": "2019-07-20T09:00:00+07:00"},
  {"id": "shared-a", "url": "https://shared.example/same.html", "title": "Tin chung", "date_published": "2019-07-19T09:00:00+07:00"}
]}"#;

const JSON_B: &str = r#"{"version": "https://jsonfeed.org/version/1.1", "items": [
  {"id": "b1", "url": "https://b.example/1.html", "title": "Tin B1", "date_published": "2019-07-20T10:00:00+07:00"},
  {"id": "shared-b", "url": "https://shared.example/same.html#x", "title": "Tin chung (bản B)", "date_published": "2019-07-19T09:00:00+07:00"}
]}"#;

fn host(attrs: &[(&str, &str)]) -> HtmlElement {
    web_support::host("news-widget", attrs)
}

fn all(el: &HtmlElement, sel: &str) -> Vec<Element> {
    shadow_all(el, sel)
}

fn texts(el: &HtmlElement, sel: &str) -> Vec<String> {
    shadow_texts(el, sel)
}

#[wasm_bindgen_test]
async fn rss_is_detected_from_the_content_and_rendered_with_its_thumbnails() {
    prime_feed(
        "https://vnexpress.example/rss/tin-moi-nhat.rss",
        VNEXPRESS.as_bytes(),
    );
    let el = host(&[
        ("src", "https://vnexpress.example/rss/tin-moi-nhat.rss"),
        ("limit", "50"),
    ]);
    let h = mount_block(el.clone());
    assert_eq!(settled(&el).await, "ready");
    assert_eq!(all(&el, "[data-item-id]").len(), 25, "every VnExpress item");
    for t in texts(&el, ".nw-title") {
        assert_eq!(t.trim(), t, "titles are trimmed");
    }
    let thumbs = all(&el, "img.nw-thumb");
    assert!(!thumbs.is_empty());
    assert!(thumbs
        .iter()
        .all(|i| i.get_attribute("src").is_some_and(|s| s.starts_with("https://"))));
    unmount_block(h);
    el.remove();
}

#[wasm_bindgen_test]
async fn atom_links_resolve_against_xml_base_and_an_id_link() {
    prime_feed("https://atom.example/feed.xml", ATOM.as_bytes());
    let el = host(&[("src", "https://atom.example/feed.xml")]);
    let h = mount_block(el.clone());
    assert_eq!(settled(&el).await, "ready");
    let hrefs: Vec<String> = all(&el, ".nw-title")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert_eq!(
        hrefs,
        ["https://atom.example/news/mot.html", "https://atom.example/hai"]
    );
    assert_eq!(texts(&el, ".nw-title")[0], "Tin Atom một");
    unmount_block(h);
    el.remove();
}

#[wasm_bindgen_test]
async fn wordpress_posts_render_with_decoded_titles() {
    prime_feed(
        "https://wp.example/wp-json/wp/v2/posts?_embed",
        WORDPRESS.as_bytes(),
    );
    let el = host(&[
        ("src", "https://wp.example/wp-json/wp/v2/posts?_embed"),
        ("summary", "on"),
    ]);
    let h = mount_block(el.clone());
    assert_eq!(settled(&el).await, "ready");
    assert_eq!(texts(&el, ".nw-title"), ["Tin “WordPress” & bạn"]);
    assert_eq!(texts(&el, ".nw-summary"), ["Tóm tắt"]);
    assert!(
        texts(&el, "time")[0].contains("Thứ Bảy, 20/7/2019 8:00"),
        "date_gmt is UTC, shown at +07:00"
    );
    unmount_block(h);
    el.remove();
}

#[wasm_bindgen_test]
async fn two_sources_merge_newest_first_deduplicated_and_name_their_source() {
    prime_feed("https://a.example/feed.json", JSON_A.as_bytes());
    prime_feed("https://b.example/feed.json", JSON_B.as_bytes());
    let el = host(&[("src", "https://a.example/feed.json https://b.example/feed.json")]);
    let h = mount_block(el.clone());
    assert_eq!(settled(&el).await, "ready");
    let ids: Vec<String> = all(&el, "[data-item-id]")
        .iter()
        .filter_map(|i| i.get_attribute("data-item-id"))
        .collect();
    assert_eq!(ids.len(), 3, "the shared article once: {ids:?}");
    assert_eq!(ids[0], "b1");
    assert_eq!(ids[1], "a1");
    let sources = texts(&el, ".nw-source");
    assert_eq!(sources[0], "b.example", "untitled feed named by its host");
    assert_eq!(sources[1], "Báo A", "titled feed named by its title");
    unmount_block(h);
    el.remove();
}

#[wasm_bindgen_test]
async fn a_failing_source_keeps_the_others_and_says_so() {
    prime_feed("https://a.example/ok.json", JSON_A.as_bytes());
    prime_feed(
        "https://broken.example/bad.json",
        b"<!doctype html><html><body>502</body></html>",
    );
    let el = host(&[("src", "https://a.example/ok.json https://broken.example/bad.json")]);
    let h = mount_block(el.clone());
    assert_eq!(settled(&el).await, "ready");
    assert_eq!(all(&el, "[data-item-id]").len(), 2);
    assert!(texts(&el, ".nw-note")
        .iter()
        .any(|t| t.contains("Một nguồn tin không tải được")));
    unmount_block(h);
    el.remove();
}
