//! WordPress REST posts (`/wp-json/wp/v2/posts?_embed`) into articles: the hand-written fixture in WordPress's
//! own output style (compact, `\/` and `\uXXXX` escapes), then leniency, errors and hostile values.
//!
//! Runs natively and in the browser (`make test-wasm`): the same assertions over both JSON implementations.

mod json_support;

use json_support::{parse_feed, parse_wordpress, WORDPRESS_POSTS};
use news_widget::core::model::{Feed, FeedError, FeedFormat};
use news_widget::core::parse::detect_format;
use news_widget::core::wordpress::next_page_url;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const API: &str = "https://tintuc.example.vn/wp-json/wp/v2/posts?_embed&per_page=4";
const UPLOADS: &str = "https://tintuc.example.vn/wp-content/uploads/2024/05/";

fn fixture() -> Feed {
    let body = WORDPRESS_POSTS;
    assert_eq!(detect_format(body), Some(FeedFormat::WordPress));
    let direct = parse_wordpress(body, Some(API)).unwrap();
    assert_eq!(parse_feed(body, Some(API), None).unwrap(), direct);
    direct
}

fn parse(json: &str) -> Feed {
    parse_wordpress(json.as_bytes(), Some(API)).unwrap()
}

#[test]
fn fixture_posts_become_articles_in_order_without_warnings() {
    let feed = fixture();
    assert!(feed.warnings.is_empty(), "{:?}", feed.warnings);
    assert_eq!(feed.title, None, "the source name is left to merging (the host)");
    let ids: Vec<&str> = feed.items.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["1842", "1839", "1835", "1830"]);
}

#[test]
fn rendered_title_and_excerpt_become_plain_text_with_entities_decoded() {
    let feed = fixture();
    let a = &feed.items[0];
    assert_eq!(
        a.title,
        "Hà Nội mưa lớn, nhiều tuyến phố “thành sông” – giao thông ùn tắc"
    );
    assert_eq!(
        a.summary.as_deref(),
        Some("Trận mưa lớn chiều 20/5 khiến nhiều tuyến phố nội thành Hà Nội ngập sâu, người dân phải dắt xe qua các điểm ngập…"),
        "markup removed and WordPress's trailing \"[…]\" folded into one ellipsis"
    );
    assert_eq!(
        a.url,
        "https://tintuc.example.vn/2024/05/ha-noi-mua-lon-nhieu-tuyen-pho-ngap-sau/"
    );
    assert_eq!(
        feed.items[1].title,
        "Giá vàng hôm nay tăng mạnh: SJC & vàng nhẫn cùng lập đỉnh"
    );
    assert_eq!(
        feed.items[3]
            .summary
            .as_deref()
            .map(|s| s.contains("đèn lồng – điểm hẹn")),
        Some(true)
    );
}

#[test]
fn date_gmt_is_read_as_utc() {
    let feed = fixture();
    let dates: Vec<_> = feed.items.iter().map(|a| a.published).collect();
    // date_gmt 2024-05-20T01:30:00 (date 08:30:00 is Hanoi time), …
    assert_eq!(
        dates,
        [
            Some(1_716_168_600),
            Some(1_716_163_512),
            Some(1_716_129_900),
            Some(1_716_120_000)
        ]
    );
}

#[test]
fn featured_image_prefers_medium_large_with_a_srcset_of_same_shape_sizes_and_alt_text() {
    let feed = fixture();
    let a = &feed.items[0];
    let medium_large = format!("{UPLOADS}ha-noi-mua-lon-768x512.jpg");
    assert_eq!(a.image.as_deref(), Some(medium_large.as_str()));
    assert_eq!(
        a.image_alt.as_deref(),
        Some("Người dân dắt xe qua đoạn đường ngập trên phố Nguyễn Khuyến")
    );
    let srcset = format!(
        "{UPLOADS}ha-noi-mua-lon-300x200.jpg 300w, {UPLOADS}ha-noi-mua-lon-768x512.jpg 768w, \
         {UPLOADS}ha-noi-mua-lon-1024x683.jpg 1024w, {UPLOADS}ha-noi-mua-lon.jpg 1600w"
    );
    assert_eq!(
        a.image_srcset.as_deref(),
        Some(srcset.as_str()),
        "the square thumbnail crop is left out"
    );
    assert_eq!(a.images.len(), 1);
    let g = &a.images[0];
    assert_eq!(
        g.url,
        format!("{UPLOADS}ha-noi-mua-lon-1024x683.jpg"),
        "the lightbox shows the large size"
    );
    assert_eq!(
        g.thumb.as_deref(),
        Some(medium_large.as_str()),
        "the grid the list size"
    );
    assert_eq!(
        g.caption, "Hà Nội mưa lớn",
        "caption.rendered is the caption, as plain text"
    );
    assert_eq!(g.srcset.as_deref(), Some(srcset.as_str()));
    assert_eq!((g.width, g.height), (Some(1024), Some(683)));
}

#[test]
fn without_medium_large_the_medium_size_is_chosen_and_without_large_the_full_size_is_shown_large() {
    let a = &fixture().items[3];
    let medium = format!("{UPLOADS}hoi-an-den-long-300x200.jpg");
    assert_eq!(a.image.as_deref(), Some(medium.as_str()));
    assert_eq!(a.image_alt, None);
    assert_eq!(a.images[0].caption, "Hội An đèn lồng");
    assert_eq!(a.images[0].url, format!("{UPLOADS}hoi-an-den-long.jpg"));
    assert_eq!(a.images[0].thumb.as_deref(), Some(medium.as_str()));
    assert_eq!(
        a.image_srcset.as_deref(),
        Some(format!("{medium} 300w, {UPLOADS}hoi-an-den-long.jpg 1200w").as_str())
    );
}

#[test]
fn posts_without_featured_media_or_with_a_forbidden_one_have_no_image() {
    let feed = fixture();
    for a in [&feed.items[1], &feed.items[2]] {
        assert_eq!(
            (&a.image, &a.image_alt, &a.image_srcset),
            (&None, &None, &None),
            "{}",
            a.title
        );
        assert!(a.images.is_empty());
    }
}

#[test]
fn categories_then_tags_are_ids_as_decimal_strings_and_embedded_authors_are_names() {
    let feed = fixture();
    assert_eq!(feed.items[0].tags, ["5", "12", "40", "41"]);
    assert_eq!(feed.items[2].tags, ["9", "52", "53", "54"]);
    assert_eq!(feed.items[0].authors, ["Nguyễn Thu Hà"]);
    assert_eq!(feed.items[1].authors, ["Trần Minh & Cộng sự"]);
}

#[test]
fn without_embed_the_post_still_reads_and_date_is_the_fallback() {
    let feed = parse(
        r#"[{"id":7,"date":"2024-05-20T08:30:00","link":"https:\/\/tintuc.example.vn\/a\/","title":{"rendered":"A"},
             "excerpt":{"rendered":""},"featured_media":12,"categories":[3],"tags":[]}]"#,
    );
    let a = &feed.items[0];
    assert_eq!(
        a.published,
        Some(1_716_193_800),
        "zone-less `date` read as UTC (the site's zone is unknown)"
    );
    assert_eq!((a.image.as_deref(), a.summary.as_deref()), (None, None));
    assert_eq!(a.tags, ["3"]);
    assert!(a.authors.is_empty());
}

#[test]
fn a_featured_image_without_sizes_uses_its_source_url() {
    let feed = parse(
        r#"[{"id":1,"link":"https://tintuc.example.vn/a/","title":{"rendered":"A"},
             "_embedded":{"wp:featuredmedia":[{"source_url":"/wp-content/uploads/a.gif","alt_text":"Ảnh",
               "media_details":{"width":640,"height":480,"sizes":{}}}]}}]"#,
    );
    let a = &feed.items[0];
    assert_eq!(
        a.image.as_deref(),
        Some("https://tintuc.example.vn/wp-content/uploads/a.gif")
    );
    assert_eq!(a.image_srcset, None);
    assert_eq!((a.images[0].width, a.images[0].height), (Some(640), Some(480)));
}

#[test]
fn wrong_types_count_as_missing_and_bad_posts_are_skipped_with_warnings() {
    let feed = parse(
        r#"[
          42,
          {"id":"abc","link":"https://tintuc.example.vn/s/","title":"Tiêu đề là chuỗi","excerpt":{"rendered":5},
           "date_gmt":false,"date":"không phải ngày","categories":"1","tags":[2,"3",-4,null,2.0],
           "_embedded":{"wp:featuredmedia":"x","author":[{"code":"rest_user_invalid_id"},{"name":7},{"name":"Vy"}]}},
          {"id":2,"link":" ","title":{"rendered":"Không link"},"_embedded":{"wp:featuredmedia":[{"source_url":""}]}},
          {"id":3,"link":"https://tintuc.example.vn/e/","title":{"rendered":"  "},"excerpt":{"rendered":"<p></p>"}},
          {"id":4,"link":"https://tintuc.example.vn/x/","title":{"rendered":""},"excerpt":{"rendered":"<p>Chỉ có đoạn trích</p>"}}
        ]"#,
    );
    let titles: Vec<&str> = feed.items.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Tiêu đề là chuỗi", "Chỉ có đoạn trích"]);
    let a = &feed.items[0];
    assert_eq!(a.id, "abc");
    assert_eq!(a.published, None);
    assert_eq!(a.tags, ["2", "3"]);
    assert_eq!(a.authors, ["Vy"]);
    assert_eq!(a.image, None);
    assert_eq!(
        feed.warnings,
        [
            "item 1: skipped: not an object",
            "item 2: unreadable date, ignored",
            "item 3: skipped: no usable http(s) link",
            "item 4: skipped: no title and no excerpt",
        ]
    );
}

#[test]
fn a_wordpress_error_object_is_not_a_feed_and_says_why() {
    let body = br#"{"code":"rest_post_invalid_page_number","message":"The page number requested is larger than the number of pages available.","data":{"status":400}}"#;
    match parse_feed(body, Some(API), Some(FeedFormat::WordPress)) {
        Err(FeedError::NotAFeed(why)) => {
            assert!(why.contains("rest_post_invalid_page_number"), "{why}");
            assert!(why.contains("The page number requested is larger"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        parse_wordpress(b"{\"items\":[]}", None),
        Err(FeedError::NotAFeed(_))
    ));
    assert!(matches!(
        parse_wordpress(b"\"posts\"", None),
        Err(FeedError::NotAFeed(_))
    ));
}

#[test]
fn invalid_json_is_a_json_error_and_an_empty_array_is_an_empty_feed() {
    match parse_wordpress(b"[{\"id\":1,", None) {
        Err(FeedError::Json { line: 1, column, .. }) => assert!(column >= 9),
        other => panic!("{other:?}"),
    }
    let feed = parse_feed(b"[]", None, None).unwrap();
    assert!(feed.items.is_empty() && feed.warnings.is_empty());
}

#[test]
fn hostile_links_and_images_are_dropped_and_markup_is_never_kept() {
    let feed = parse(
        r#"[{"id":1,"link":"javascript:alert(1)","title":{"rendered":"X"}},
            {"id":2,"link":"https://tintuc.example.vn/ok/","title":{"rendered":"<img src=x onerror=alert(1)>Tin <script>alert(2)</script>nóng"},
             "excerpt":{"rendered":"<p onclick=\"x\">Đoạn &lt;b&gt;trích&lt;/b&gt;</p>"},
             "_embedded":{"wp:featuredmedia":[{"source_url":"javascript:alert(3)","alt_text":"<b>alt</b>",
               "media_details":{"sizes":{"medium":{"source_url":"data:image/png;base64,AA","width":300,"height":200},
                                         "large":{"source_url":"https://cdn.example.vn/l.jpg","width":1024,"height":683}}}}]}}]"#,
    );
    assert_eq!(feed.items.len(), 1);
    assert_eq!(feed.warnings, ["item 1: skipped: no usable http(s) link"]);
    let a = &feed.items[0];
    assert_eq!(a.title, "Tin nóng");
    assert_eq!(
        a.summary.as_deref(),
        Some("Đoạn <b>trích</b>"),
        "escaped markup is text, shown as text"
    );
    assert_eq!(
        a.image.as_deref(),
        Some("https://cdn.example.vn/l.jpg"),
        "the data: medium size is passed over"
    );
    assert_eq!(
        a.image_srcset.as_deref(),
        Some("https://cdn.example.vn/l.jpg 1024w")
    );
    assert_eq!(
        a.image_alt.as_deref(),
        Some("<b>alt</b>"),
        "alt text is plain text: shown as text"
    );
}

#[test]
fn next_page_url_follows_the_page_parameter_until_x_wp_totalpages() {
    assert_eq!(
        next_page_url(API, Some("3")).as_deref(),
        Some("https://tintuc.example.vn/wp-json/wp/v2/posts?_embed&per_page=4&page=2")
    );
    assert_eq!(
        next_page_url(
            "https://tintuc.example.vn/wp-json/wp/v2/posts?page=2&_embed",
            Some(" 3 ")
        )
        .as_deref(),
        Some("https://tintuc.example.vn/wp-json/wp/v2/posts?_embed&page=3")
    );
    assert_eq!(
        next_page_url("https://tintuc.example.vn/wp-json/wp/v2/posts?page=3", Some("3")),
        None
    );
    assert_eq!(next_page_url(API, None), None);
    assert_eq!(next_page_url(API, Some("many")), None);
    assert_eq!(
        next_page_url("https://tintuc.example.vn/wp-json/wp/v2/posts?page=x", Some("3")),
        None
    );
    assert_eq!(
        next_page_url("/wp-json/wp/v2/posts", Some("3")),
        None,
        "needs an absolute URL"
    );
}
