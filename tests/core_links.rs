//! "Liên kết website": the sites a links block lists, from a plain JSON array `[{ "title", "url", "icon"? }]`
//! or a JSON Feed whose items are sites, and the shape test that keeps WordPress posts (also a JSON array)
//! reading as WordPress.
//!
//! Runs natively and in the browser (`make test-wasm`): the same assertions over both JSON implementations.

mod json_support;

use json_support::{parse_feed, parse_link_list, parse_wordpress};
use news_widget::core::model::{Feed, FeedFormat};
use news_widget::core::parse::detect_format;
use news_widget::core::select;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const LIST_URL: &str = "https://baothainguyen.example/feeds/links.json";

fn parse(body: &str) -> Feed {
    parse_feed(body.as_bytes(), Some(LIST_URL), None).expect("parses")
}

fn sites(f: &Feed) -> Vec<(&str, &str, Option<&str>)> {
    f.items
        .iter()
        .map(|a| (a.title.as_str(), a.url.as_str(), a.image.as_deref()))
        .collect()
}

#[test]
fn a_plain_list_of_sites_keeps_its_order_resolves_urls_and_skips_what_is_not_http() {
    let f = parse(
        r#"[
          {"title": "Báo Nhân Dân", "url": "https://nhandan.vn/", "icon": "/icons/nhandan.png"},
          {"title": "  Cổng Thông tin điện tử Chính phủ ", "url": "https://chinhphu.vn/"},
          {"title": "Độc", "url": "javascript:alert(1)"},
          {"title": "Không URL"},
          {"url": "https://vov.vn/"},
          {"title": "Tương đối", "url": "../lien-he/", "icon": "data:image/png;base64,AAAA"},
          {"title": "Lặp", "url": "https://nhandan.vn/"},
          "chuỗi",
          {"title": "Đài &amp; báo", "url": "https://vtv.vn/"}
        ]"#,
    );
    assert_eq!(
        sites(&f),
        [
            (
                "Báo Nhân Dân",
                "https://nhandan.vn/",
                Some("https://baothainguyen.example/icons/nhandan.png")
            ),
            ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/", None),
            ("vov.vn", "https://vov.vn/", None),
            ("Tương đối", "https://baothainguyen.example/lien-he/", None),
            ("Đài & báo", "https://vtv.vn/", None),
        ]
    );
    assert_eq!(f.warnings.len(), 4, "{:?}", f.warnings);
    // Undated sites keep the list's order through the block's newest-first finishing.
    let mut finished = f.clone();
    select::finish_feed(&mut finished, LIST_URL, None);
    assert_eq!(finished.items, f.items);
    assert_eq!(select::latest(&finished.items, None, 2).len(), 2);
}

#[test]
fn wordpress_posts_are_still_wordpress_posts() {
    let body = json_support::WORDPRESS_POSTS;
    assert_eq!(detect_format(body), Some(FeedFormat::WordPress));
    assert!(parse_link_list(body, Some(LIST_URL)).is_none());
    let api = "https://tintuc.example.vn/wp-json/wp/v2/posts?_embed";
    assert_eq!(
        parse_feed(body, Some(api), None).expect("parses"),
        parse_wordpress(body, Some(api)).expect("parses")
    );
    // The first object decides: a `link`, or a `title` object, is a post even with a `url` beside it.
    for post in [
        r#"[{"id": 1, "link": "https://wp.example.vn/a/", "url": "https://wp.example.vn/a/", "title": "A"}]"#,
        r#"[{"id": 1, "title": {"rendered": "A"}, "url": "https://wp.example.vn/a/"}]"#,
        r#"[7, {"id": 1, "link": "https://wp.example.vn/a/", "title": {"rendered": "A"}}]"#,
        r#"[{"title": "no url", "slug": "x"}, {"title": "A", "url": "https://a.vn/"}]"#,
    ] {
        assert!(parse_link_list(post.as_bytes(), None).is_none(), "{post}");
    }
    let wp =
        parse(r#"[{"id": 1, "link": "https://wp.example.vn/a/", "title": {"rendered": "Bài &amp; viết"}}]"#);
    assert_eq!(sites(&wp), [("Bài & viết", "https://wp.example.vn/a/", None)]);
    assert!(
        parse_feed(b"[]", None, None).expect("parses").items.is_empty(),
        "an empty array is an empty list either way"
    );
}

#[test]
fn a_json_feed_of_sites_and_a_forced_format_read_as_usual() {
    let f = parse(
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Liên kết", "items": [
            {"id": "nd", "url": "https://nhandan.vn/", "title": "Báo Nhân Dân", "image": "/icons/nd.png"},
            {"id": "cp", "url": "https://chinhphu.vn/", "title": "Cổng Chính phủ"}]}"#,
    );
    assert_eq!(
        sites(&f),
        [
            (
                "Báo Nhân Dân",
                "https://nhandan.vn/",
                Some("https://baothainguyen.example/icons/nd.png")
            ),
            ("Cổng Chính phủ", "https://chinhphu.vn/", None),
        ]
    );
    let list = br#"[{"title": "A", "url": "https://a.vn/"}]"#;
    let forced = parse_feed(list, None, Some(FeedFormat::WordPress)).expect("parses");
    assert!(
        forced.items.is_empty(),
        "format=\"wordpress\" reads it as posts (none usable)"
    );
}

#[test]
fn the_demo_links_file_is_a_list_of_http_sites() {
    let body = include_bytes!("../demo/feeds/links.json");
    let f = parse_feed(body, Some("http://127.0.0.1:8080/feeds/links.json"), None).expect("parses");
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
    assert!(f.items.len() >= 6);
    assert!(f
        .items
        .iter()
        .all(|a| a.url.starts_with("https://") && !a.title.is_empty()));
}

#[test]
fn a_site_takes_the_first_string_of_each_role_in_document_order() {
    let f = parse(
        r#"[
          {"name": "Tên trước", "title": "Tên sau", "url": "https://a.example/", "favicon": "https://a.example/f.png", "icon": "https://a.example/i.png"},
          {"title": 7, "name": "Tên chữ", "url": "https://b.example/"},
          {"url": "https://c.example/", "url2": "https://x.example/"}
        ]"#,
    );
    assert_eq!(
        sites(&f),
        [
            ("Tên trước", "https://a.example/", Some("https://a.example/f.png")),
            ("Tên chữ", "https://b.example/", None),
            ("c.example", "https://c.example/", None),
        ]
    );
}

#[test]
fn posts_are_told_by_their_first_object_even_after_other_values_and_invalid_json_is_no_list() {
    let posts = br#"[1, "x", [2, {"url": "https://a.example/"}], {"link": "https://a.example/p", "title": {"rendered": "P"}}, {"url": "https://b.example/"}]"#;
    assert!(parse_link_list(posts, Some(LIST_URL)).is_none());
    let sites_after_scalars = br#"[1, "x", {"title": "A", "url": "https://a.example/"}]"#;
    let f = parse_link_list(sites_after_scalars, Some(LIST_URL)).expect("a list of sites");
    assert_eq!(sites(&f), [("A", "https://a.example/", None)]);
    assert_eq!(f.warnings.len(), 2, "{:?}", f.warnings);
    let broken = br#"[{"title": "A", "url": "https://a.example/"}, {"title": "#;
    assert!(parse_link_list(broken, Some(LIST_URL)).is_none());
    assert!(parse_link_list(b"[]", Some(LIST_URL)).is_some_and(|f| f.items.is_empty()));
    let trailing =
        parse_link_list(br#"[{"title": "A", "url": "https://a.example/"}] x"#, None).expect("list");
    assert_eq!(trailing.warnings.len(), 1, "{:?}", trailing.warnings);
}
