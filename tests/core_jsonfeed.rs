//! Lenient JSON Feed reading: bad items are skipped with warnings, wrong types count as missing, and only
//! invalid JSON or a non-feed fails the whole body.
//!
//! Runs natively and in the browser (`make test-wasm`): the same assertions over both JSON implementations.

mod json_support;

use json_support::{parse_json_feed, JSONFEED_LENIENT};
use news_widget::core::model::{Article, FeedError, ImageRef};
use news_widget::core::select::sort_newest_first;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const FEED_URL: &str = "https://bao.example.vn/feeds/latest.json";

fn lenient() -> news_widget::core::model::Feed {
    parse_json_feed(JSONFEED_LENIENT, Some(FEED_URL)).unwrap()
}

fn by_id<'a>(items: &'a [Article], id: &str) -> &'a Article {
    items
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn image(url: &str, caption: &str) -> ImageRef {
    ImageRef {
        url: url.to_owned(),
        thumb: None,
        caption: caption.to_owned(),
        srcset: None,
        width: None,
        height: None,
    }
}

#[test]
fn bad_items_are_skipped_and_the_rest_kept() {
    let feed = lenient();
    let ids: Vec<&str> = feed.items.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "12345",
            "https://bao.example.vn/bai-2.html",
            "3",
            "4",
            "https://bao.example.vn/bai-5.html",
            "6",
            "7",
            "https://bao.example.vn/bai-8.html",
        ]
    );
    let w = feed.warnings.join("\n");
    for expected in [
        "item 1: skipped: not an object",
        "item 2: skipped: not an object",
        "item 3: skipped: not an object",
        "item 4: skipped: not an object",
        "item 5: skipped: not an object",
        "item 6: skipped: no usable http(s) URL",
        "item 7: skipped: no usable http(s) URL",
        "item 8: skipped: no title and no text",
        "item 11: unreadable date, ignored",
    ] {
        assert!(w.contains(expected), "missing {expected:?} in\n{w}");
    }
    assert_eq!(feed.warnings.len(), 9, "{w}");
}

#[test]
fn feed_fields_are_decoded_and_resolved_against_the_feed_url() {
    let feed = lenient();
    assert_eq!(feed.title.as_deref(), Some("Báo Mẫu & Tin"));
    assert_eq!(feed.home_page_url.as_deref(), Some("https://bao.example.vn/"));
    assert_eq!(
        feed.next_url.as_deref(),
        Some("https://bao.example.vn/feeds/latest-2.json")
    );
}

#[test]
fn numeric_id_relative_url_and_messy_title() {
    let feed = lenient();
    let a = by_id(&feed.items, "12345");
    assert_eq!(a.url, "https://bao.example.vn/thoi-su/bai-1.html");
    assert_eq!(a.title, "Bài có id số");
    assert_eq!(a.image.as_deref(), Some("https://bao.example.vn/feeds/img/1.jpg"));
    assert_eq!(
        a.images,
        [image("https://bao.example.vn/feeds/img/1.jpg", "Bài có id số")]
    );
    assert_eq!(a.published, Some(1_563_584_400));
}

#[test]
fn missing_title_comes_from_summary_text_or_html() {
    let feed = lenient();
    let a = by_id(&feed.items, "3");
    assert_eq!(a.title, "Tóm tắt dùng làm tiêu đề khi thiếu title");
    assert_eq!(
        a.summary.as_deref(),
        Some("Tóm tắt dùng làm tiêu đề khi thiếu title")
    );
    // date_published is unreadable: date_modified is used.
    assert_eq!(a.published, Some(1_563_591_600));

    assert_eq!(by_id(&feed.items, "4").title, "Tiêu đề từ content_text");
    let six = by_id(&feed.items, "6");
    assert_eq!(six.title, "Chỉ có content_html");
    assert_eq!(six.summary.as_deref(), Some("Chỉ có content_html"));
}

#[test]
fn wrong_field_types_count_as_missing() {
    let feed = lenient();
    let a = by_id(&feed.items, "4");
    assert_eq!(
        a.url, "https://other.example.com/bai-4",
        "url of the wrong type: external_url is used"
    );
    assert!(a.tags.is_empty());
    assert!(a.authors.is_empty());
    assert_eq!(a.image, None);
    assert_eq!(a.published, None);
}

#[test]
fn images_tags_and_authors_of_a_full_item() {
    let feed = lenient();
    let a = by_id(&feed.items, "https://bao.example.vn/bai-5.html");
    assert_eq!(
        a.url, "https://bao.example.vn/bai-5.html",
        "an http(s) id serves as URL"
    );
    assert_eq!(a.summary.as_deref(), Some("Đoạn một Đoạn hai"));
    assert_eq!(a.tags, ["Thời sự", "Kinh tế"]);
    assert_eq!(a.authors, ["Thu Thảo"]);
    assert_eq!(
        a.images,
        [
            image("https://bao.example.vn/feeds/a1.jpg", "Ảnh: THU THẢO"),
            image("https://bao.example.vn/feeds/img/a2.png", "URL từ id"),
        ],
        "the photos are the image attachments (once each); the banner is not one of them"
    );
    assert_eq!(
        a.image.as_deref(),
        Some("https://bao.example.vn/feeds/banner.jpg"),
        "banner when no image"
    );
}

#[test]
fn empty_id_falls_back_to_url_and_summary_beats_content_html() {
    let feed = lenient();
    let a = by_id(&feed.items, "https://bao.example.vn/bai-8.html");
    assert_eq!(a.summary.as_deref(), Some("Tóm tắt thắng"));
}

#[test]
fn newest_first_across_offsets_with_undated_last() {
    let mut items = lenient().items;
    sort_newest_first(&mut items);
    let ids: Vec<&str> = items.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            // 2019-07-19T23:00-05:00 = 04:00Z
            "https://bao.example.vn/bai-8.html",
            // 10:00+07:00 = 03:00Z
            "3",
            // 02:00Z is newer than 08:00+07:00 (01:00Z) although its wall-clock time is earlier.
            "https://bao.example.vn/bai-2.html",
            "12345",
            // Undated, feed order.
            "4",
            "https://bao.example.vn/bai-5.html",
            "6",
            "7",
        ]
    );
}

#[test]
fn numeric_ids_keep_their_decimal_text() {
    let body = br#"{"items":[
        {"id": 0, "url": "https://a.vn/0", "title": "zero"},
        {"id": -3, "url": "https://a.vn/1", "title": "negative"},
        {"id": 18446744073709551615, "url": "https://a.vn/2", "title": "u64 max"},
        {"id": 1.0, "url": "https://a.vn/3", "title": "whole float"},
        {"id": 1e3, "url": "https://a.vn/4", "title": "exponent"},
        {"id": 1.5, "url": "https://a.vn/5", "title": "fraction"},
        {"id": true, "url": "https://a.vn/6", "title": "bool"},
        {"id": {"x": 1}, "url": "https://a.vn/7", "title": "object"}
    ]}"#;
    let feed = parse_json_feed(body, None).unwrap();
    let ids: Vec<&str> = feed.items.iter().map(|a| a.id.as_str()).collect();
    // Integers are kept exactly, beyond 2^53 too; a fraction is no id (the URL is).
    assert_eq!(
        ids,
        [
            "0",
            "-3",
            "18446744073709551615",
            "1",
            "1000",
            "https://a.vn/5",
            "https://a.vn/6",
            "https://a.vn/7"
        ]
    );
}

#[test]
fn url_precedence_is_url_then_external_url_then_id() {
    let body = br#"{"items":[
        {"url": "https://a.vn/url", "external_url": "https://b.vn/ext", "id": "https://c.vn/id", "title": "1"},
        {"url": "javascript:alert(1)", "external_url": "https://b.vn/ext", "title": "2"},
        {"url": "data:text/html,x", "id": "https://c.vn/id", "title": "3"},
        {"id": "relative/id", "title": "4"}
    ]}"#;
    let feed = parse_json_feed(body, Some("https://feed.vn/f.json")).unwrap();
    let urls: Vec<&str> = feed.items.iter().map(|a| a.url.as_str()).collect();
    assert_eq!(urls, ["https://a.vn/url", "https://b.vn/ext", "https://c.vn/id"]);
}

#[test]
fn relative_urls_without_a_feed_url_are_unusable() {
    let body = br#"{"items":[{"url": "/a.html", "title": "t"}, {"url": "https://a.vn/b", "title": "u", "image": "x.jpg"}]}"#;
    let feed = parse_json_feed(body, None).unwrap();
    assert_eq!(feed.items.len(), 1);
    assert_eq!(feed.items[0].image, None);
}

#[test]
fn escaped_strings_decode_like_borrowed_ones() {
    let body =
        br#"{"items":[{"url": "https:\/\/a.vn\/b", "title": "H\u00e0 N\u1ed9i \"m\u1edbi\"\nnh\u1ea5t"}]}"#;
    let feed = parse_json_feed(body, None).unwrap();
    assert_eq!(feed.items[0].url, "https://a.vn/b");
    assert_eq!(feed.items[0].title, "Hà Nội \"mới\" nhất");
}

#[test]
fn hostile_text_stays_text_and_hostile_urls_never_come_out() {
    let body = br#"{"items":[{
        "url": "https://a.vn/x",
        "title": "<img src=x onerror=alert(1)> &lt;script&gt;",
        "summary": "<script>alert(1)</script>",
        "image": " JaVaScRiPt:alert(1)",
        "banner_image": "java\tscript:alert(1)",
        "attachments": [{"url": "data:image/svg+xml,<svg onload=alert(1)>", "mime_type": "image/svg+xml"}]
    }]}"#;
    let feed = parse_json_feed(body, None).unwrap();
    let a = &feed.items[0];
    assert_eq!(
        a.title, "<img src=x onerror=alert(1)> <script>",
        "rendered as text, so it is shown literally"
    );
    assert_eq!(a.summary.as_deref(), Some("<script>alert(1)</script>"));
    assert_eq!(a.image, None);
    assert!(a.images.is_empty());
}

#[test]
fn long_texts_are_cut_to_summary_and_title_length() {
    let long = "Nội dung rất dài. ".repeat(10_000);
    let html = format!("<p>{}</p>", "Đoạn <b>văn</b> dài. ".repeat(10_000));
    let body = serde_json::to_vec(&serde_json::json!({"items": [
        {"url": "https://a.vn/1", "content_text": long},
        {"url": "https://a.vn/2", "title": "t", "content_html": html},
    ]}))
    .unwrap();
    let feed = parse_json_feed(&body, None).unwrap();
    let a = &feed.items[0];
    assert!(
        a.title.chars().count() <= 101 && a.title.ends_with('…'),
        "{}",
        a.title
    );
    let s = a.summary.as_deref().unwrap();
    assert!(s.chars().count() <= 301 && s.ends_with('…'), "{s}");
    let s = feed.items[1].summary.as_deref().unwrap();
    assert!(
        s.starts_with("Đoạn văn dài. Đoạn văn dài.") && s.chars().count() <= 301 && s.ends_with('…'),
        "{s}"
    );
}

#[test]
fn invalid_json_reports_line_and_column() {
    let err = parse_json_feed(b"{\n  \"items\": [\n    {\"title\": }\n  ]\n}", None).unwrap_err();
    match err {
        FeedError::Json {
            line,
            column,
            message,
        } => {
            assert_eq!((line, column), (3, 15));
            assert!(!message.contains("line"), "{message}");
            assert!(!message.is_empty());
        }
        other => panic!("{other:?}"),
    }
    // Truncated bodies, as when a connection drops.
    let truncated = br#"{"items":[{"url":"https://a.vn/1","title":"t"},{"url":"https://a"#;
    assert!(matches!(
        parse_json_feed(truncated, None),
        Err(FeedError::Json { line: 1, .. })
    ));
    assert!(matches!(parse_json_feed(b"", None), Err(FeedError::Json { .. })));
    assert!(matches!(
        parse_json_feed(b"{'items': []}", None),
        Err(FeedError::Json { .. })
    ));
}

#[test]
fn non_feeds_are_not_a_feed() {
    for body in [
        &b"[]"[..],
        b"[1,2]",
        b"\"items\"",
        b"42",
        b"null",
        b"true",
        b"{}",
        br#"{"items": {}}"#,
        br#"{"version": "1.1", "title": "x"}"#,
        br#"{"data": [1]}"#,
    ] {
        assert!(
            matches!(parse_json_feed(body, None), Err(FeedError::NotAFeed(_))),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn a_jsonfeed_version_without_items_is_an_empty_feed() {
    let feed = parse_json_feed(
        br#"{"version": "https://jsonfeed.org/version/1", "items": 5}"#,
        None,
    )
    .unwrap();
    assert!(feed.items.is_empty());
    assert_eq!(feed.warnings, ["\"items\" is missing or not an array"]);
    let feed = parse_json_feed(br#"{"items": []}"#, None).unwrap();
    assert!(feed.items.is_empty() && feed.warnings.is_empty());
}

#[test]
fn bom_and_trailing_garbage_are_tolerated() {
    let feed = parse_json_feed(
        b"\xEF\xBB\xBF{\"items\":[{\"url\":\"https://a.vn/\",\"title\":\"t\"}]}",
        None,
    )
    .unwrap();
    assert_eq!(feed.items.len(), 1);
    let feed = parse_json_feed(
        b"{\"items\":[{\"url\":\"https://a.vn/\",\"title\":\"t\"}]}\n<!-- cached -->",
        None,
    )
    .unwrap();
    assert_eq!(feed.items.len(), 1);
    assert_eq!(feed.warnings, ["ignored data after the end of the JSON value"]);
}

#[test]
fn warnings_are_capped_for_hostile_feeds() {
    let body = format!("{{\"items\": [{}1]}}", "1,".repeat(10_000));
    let feed = parse_json_feed(body.as_bytes(), None).unwrap();
    assert!(feed.items.is_empty());
    assert_eq!(feed.warnings.len(), 51);
    assert_eq!(
        feed.warnings.last().map(String::as_str),
        Some("… and 9951 more warnings")
    );
}

#[test]
fn deep_nesting_in_skipped_values_neither_overflows_nor_fails_the_feed() {
    let (open, close) = ("[".repeat(100_000), "]".repeat(100_000));
    let body = format!(
        "{{\"x\": {open}{close}, \"items\": [{open}{close}, {{\"url\": \"https://a.vn/\", \"title\": {open}{close}, \
         \"content_text\": \"t\", \"x\": {open}{close}}}]}}"
    );
    let feed = parse_json_feed(body.as_bytes(), None).unwrap();
    assert_eq!(feed.items.len(), 1);
    assert_eq!(feed.items[0].title, "t");
    let objects = format!(
        "{{\"items\": [{}]}}",
        "{\"a\":".repeat(50_000) + "1" + &"}".repeat(50_000)
    );
    assert_eq!(
        parse_json_feed(objects.as_bytes(), None).unwrap().warnings.len(),
        1
    );
}

#[test]
fn twenty_thousand_items_parse() {
    let mut body = String::from("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[");
    for i in 0..20_000 {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&format!(
            "{{\"id\":\"{i}\",\"url\":\"https://bao.example.vn/tin/{i}.html\",\"title\":\"Tin số {i}\",\
             \"summary\":\"Tóm tắt {i}\",\"content_html\":\"<p>{}</p>\",\"image\":\"/img/{i}.jpg\",\
             \"date_published\":\"2024-06-16T08:{:02}:00+07:00\",\"tags\":[\"Thời sự\"]}}",
            "x".repeat(200),
            i % 60
        ));
    }
    body.push_str("]}");
    let feed = parse_json_feed(body.as_bytes(), Some(FEED_URL)).unwrap();
    assert_eq!(feed.items.len(), 20_000);
    assert_eq!(
        feed.items[19_999].image.as_deref(),
        Some("https://bao.example.vn/img/19999.jpg")
    );
}
