//! "Thư viện ảnh" photos, end to end through the pure core: a feed body goes through `parse_feed` (as the
//! block does) and `gallery_images` picks what the grid shows. Pins which images are photos and which are
//! only their small versions, their captions (what screen readers get), which URLs are refused or resolved,
//! de-duplication (one picture, large or small, is shown once), order, the article each photo links back
//! to, and the limit. The real feeds of every format are in the "real feeds" tests at the end.

// Native only: `parse_feed` and the other native entry points read JSON with serde_json, which the WASM
// build does not have (the browser runs the JSON test files, see tests/json_support/mod.rs).
#![cfg(not(target_arch = "wasm32"))]

use news_widget::core::config::{parse_config, DEFAULT_GALLERY_LIMIT};
use news_widget::core::model::Feed;
use news_widget::core::parse::parse_feed;
use news_widget::core::select::gallery_images;

const FEED_URL: &str = "https://bao.example.vn/feeds/anh/latest.json";

fn feed(items_json: &str) -> Feed {
    let body = format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "Ảnh", "items": [{items_json}]}}"#
    );
    parse_feed(body.as_bytes(), Some(FEED_URL), None).expect("test feed parses")
}

/// (url, caption, id of the article it links to) of every gallery image, in display order.
fn gallery(feed: &Feed, limit: usize) -> Vec<(String, String, String)> {
    gallery_images(&feed.items, limit)
        .into_iter()
        .map(|g| {
            let article = feed.items.get(g.article).expect("article index is in range");
            (g.image.url, g.image.caption, article.id.clone())
        })
        .collect()
}

/// The small version the grid shows of every gallery photo (`None`: the photo itself).
fn thumbs(feed: &Feed, limit: usize) -> Vec<Option<String>> {
    gallery_images(&feed.items, limit)
        .into_iter()
        .map(|g| g.image.thumb)
        .collect()
}

fn urls(feed: &Feed, limit: usize) -> Vec<String> {
    gallery(feed, limit).into_iter().map(|(u, _, _)| u).collect()
}

fn row(url: &str, caption: &str, id: &str) -> (String, String, String) {
    (url.to_owned(), caption.to_owned(), id.to_owned())
}

#[test]
fn image_attachments_are_the_photos_and_the_item_image_is_the_first_ones_small_version() {
    let f = feed(
        r#"{"id": "a", "url": "https://bao.example.vn/a.html", "title": "Lễ hội Lồng tồng",
            "image": "https://cdn.example.vn/a/thumb.jpg",
            "banner_image": "https://cdn.example.vn/a/banner.jpg",
            "attachments": [
              {"url": "https://cdn.example.vn/a/1.jpg", "mime_type": "image/jpeg",
               "title": "Lãnh đạo tỉnh dự lễ hội. Ảnh: THU THẢO"},
              {"url": "https://cdn.example.vn/a/2.webp", "mime_type": "image/webp", "title": "Múa sư tử"}
            ]}"#,
    );
    assert_eq!(
        gallery(&f, 12),
        [
            row(
                "https://cdn.example.vn/a/1.jpg",
                "Lãnh đạo tỉnh dự lễ hội. Ảnh: THU THẢO",
                "a"
            ),
            row("https://cdn.example.vn/a/2.webp", "Múa sư tử", "a"),
        ],
        "neither the item image nor the banner is a photo of its own; the credit stays as written"
    );
    assert_eq!(
        thumbs(&f, 12),
        [Some("https://cdn.example.vn/a/thumb.jpg".to_owned()), None],
        "the grid shows the item image for the first photo"
    );
    let a = f.items.first().expect("one item");
    assert_eq!(
        a.image.as_deref(),
        Some("https://cdn.example.vn/a/thumb.jpg"),
        "lists keep the item image as their thumbnail"
    );
}

#[test]
fn an_item_image_that_is_one_of_its_photos_is_that_photo_not_a_thumbnail() {
    let f = feed(
        r#"{"id": "s", "url": "https://bao.example.vn/s.html", "title": "Ảnh chính là ảnh thứ hai",
            "image": "https://cdn.example.vn/s/2.jpg",
            "attachments": [
              {"url": "https://cdn.example.vn/s/1.jpg", "mime_type": "image/jpeg", "title": "Một"},
              {"url": "https://cdn.example.vn/s/2.jpg", "mime_type": "image/jpeg", "title": "Hai"}
            ]}"#,
    );
    assert_eq!(
        urls(&f, 12),
        ["https://cdn.example.vn/s/1.jpg", "https://cdn.example.vn/s/2.jpg"]
    );
    assert_eq!(thumbs(&f, 12), [None, None]);
}

#[test]
fn an_item_without_image_attachments_has_its_banner_as_photo_when_it_has_no_image() {
    let f = feed(
        r#"{"id": "b", "url": "https://bao.example.vn/b.html", "title": "Chỉ có ảnh bìa",
            "banner_image": "https://cdn.example.vn/b/banner.jpg",
            "attachments": [{"url": "https://cdn.example.vn/b/a.mp3", "mime_type": "audio/mpeg"}]}"#,
    );
    assert_eq!(
        gallery(&f, 12),
        [row("https://cdn.example.vn/b/banner.jpg", "Chỉ có ảnh bìa", "b")]
    );
}

#[test]
fn an_item_without_attachments_contributes_its_image_captioned_with_its_title() {
    let f = feed(
        r#"{"id": "only-image", "url": "https://bao.example.vn/b.html", "title": "Thu hoạch chè vụ hè",
            "image": "https://cdn.example.vn/b.jpg"},
           {"id": "no-image", "url": "https://bao.example.vn/c.html", "title": "Tin không ảnh"},
           {"id": "empty-attachments", "url": "https://bao.example.vn/d.html", "title": "Không đính kèm",
            "attachments": []}"#,
    );
    assert_eq!(
        gallery(&f, 12),
        [row(
            "https://cdn.example.vn/b.jpg",
            "Thu hoạch chè vụ hè",
            "only-image"
        )]
    );
}

#[test]
fn non_image_attachments_are_skipped_and_image_mime_types_match_case_insensitively() {
    let f = feed(
        r#"{"id": "m", "url": "https://bao.example.vn/m.html", "title": "Đa phương tiện",
            "attachments": [
              {"url": "https://cdn.example.vn/m/podcast.mp3", "mime_type": "audio/mpeg", "title": "Bản tin"},
              {"url": "https://cdn.example.vn/m/clip.mp4", "mime_type": "video/mp4", "title": "Clip"},
              {"url": "https://cdn.example.vn/m/van-ban.pdf", "mime_type": "application/pdf"},
              {"url": "https://cdn.example.vn/m/no-type.jpg"},
              {"url": "https://cdn.example.vn/m/typo.jpg", "mime_type": "imagejpeg"},
              {"url": "https://cdn.example.vn/m/number-type.jpg", "mime_type": 5},
              "not an attachment",
              {"url": "https://cdn.example.vn/m/ok.png", "mime_type": " IMAGE/PNG ", "title": "Ảnh đúng"},
              {"url": "https://cdn.example.vn/m/ok.svg", "mime_type": "image/svg+xml", "title": "Bản đồ"}
            ]}"#,
    );
    assert_eq!(
        gallery(&f, 12),
        [
            row("https://cdn.example.vn/m/ok.png", "Ảnh đúng", "m"),
            row("https://cdn.example.vn/m/ok.svg", "Bản đồ", "m"),
        ]
    );
}

#[test]
fn a_missing_empty_or_blank_attachment_title_falls_back_to_the_item_title() {
    let f = feed(
        r#"{"id": "c", "url": "https://bao.example.vn/c.html", "title": "  Giải chạy &amp; đi bộ  ",
            "attachments": [
              {"url": "https://cdn.example.vn/c/1.jpg", "mime_type": "image/jpeg"},
              {"url": "https://cdn.example.vn/c/2.jpg", "mime_type": "image/jpeg", "title": ""},
              {"url": "https://cdn.example.vn/c/3.jpg", "mime_type": "image/jpeg", "title": " \n\t "},
              {"url": "https://cdn.example.vn/c/4.jpg", "mime_type": "image/jpeg", "title": null},
              {"url": "https://cdn.example.vn/c/5.jpg", "mime_type": "image/jpeg", "title": "V&#7853;n &#273;&#7897;ng vi&ecirc;n"}
            ]}"#,
    );
    let captions: Vec<String> = gallery(&f, 12).into_iter().map(|(_, c, _)| c).collect();
    assert_eq!(
        captions,
        [
            "Giải chạy & đi bộ",
            "Giải chạy & đi bộ",
            "Giải chạy & đi bộ",
            "Giải chạy & đi bộ",
            "Vận động viên"
        ],
        "captions are plain text: entities decoded, whitespace collapsed"
    );
}

#[test]
fn captions_with_markup_stay_literal_text() {
    let f = feed(
        r#"{"id": "x", "url": "https://bao.example.vn/x.html", "title": "<img src=x onerror=alert(1)>",
            "attachments": [{"url": "https://cdn.example.vn/x.jpg", "mime_type": "image/jpeg",
                             "title": "<b>Ảnh</b> &lt;script&gt;"}]}"#,
    );
    assert_eq!(
        gallery(&f, 12),
        [row("https://cdn.example.vn/x.jpg", "<b>Ảnh</b> <script>", "x")],
        "the caption is rendered as text by the block, so markup is harmless and kept as written"
    );
}

#[test]
fn javascript_data_and_other_non_http_image_urls_are_dropped() {
    let f = feed(
        r#"{"id": "bad", "url": "https://bao.example.vn/bad.html", "title": "URL xấu",
            "image": "javascript:alert(1)",
            "banner_image": "data:image/png;base64,iVBORw0KGgo=",
            "attachments": [
              {"url": "JaVaScRiPt:alert(1)", "mime_type": "image/png"},
              {"url": "java\tscript:alert(1)", "mime_type": "image/png"},
              {"url": " data:image/svg+xml,<svg onload=alert(1)>", "mime_type": "image/svg+xml"},
              {"url": "vbscript:msgbox(1)", "mime_type": "image/png"},
              {"url": "file:///etc/passwd", "mime_type": "image/png"},
              {"url": "ftp://cdn.example.vn/a.jpg", "mime_type": "image/jpeg"},
              {"url": "blob:https://bao.example.vn/0b1c", "mime_type": "image/jpeg"},
              {"mime_type": "image/jpeg", "title": "Không có URL"},
              {"url": "https://cdn.example.vn/bad/ok.jpg", "mime_type": "image/jpeg", "title": "Ảnh hợp lệ"}
            ]}"#,
    );
    assert_eq!(
        gallery(&f, 12),
        [row("https://cdn.example.vn/bad/ok.jpg", "Ảnh hợp lệ", "bad")]
    );
}

// An empty reference means "this document" in RFC 3986, so `resolve(feed_url, "")` is the feed URL itself and
// the feed's JSON ends up in the grid as a broken picture (and `"url": ""` makes the article link point at the
// feed, ignoring `external_url`). The parsers must treat a blank URL as missing; see the gallery report.
#[test]
fn an_empty_image_url_is_missing_not_the_feed_itself() {
    let f = feed(
        r#"{"id": "e", "url": "https://bao.example.vn/e.html", "title": "URL rỗng", "image": "",
            "banner_image": "  ",
            "attachments": [{"url": "", "mime_type": "image/jpeg"},
                            {"url": "https://cdn.example.vn/e.jpg", "mime_type": "image/jpeg"}]},
           {"id": "f", "url": "", "external_url": "https://bao.example.vn/f.html", "title": "Link rỗng"}"#,
    );
    assert_eq!(urls(&f, 12), ["https://cdn.example.vn/e.jpg"]);
    let links: Vec<&str> = f.items.iter().map(|a| a.url.as_str()).collect();
    assert_eq!(
        links,
        ["https://bao.example.vn/e.html", "https://bao.example.vn/f.html"]
    );
}

#[test]
fn relative_image_urls_are_resolved_against_the_feed_url() {
    let f = feed(
        r#"{"id": "r", "url": "/bai/r.html", "title": "Ảnh tương đối",
            "image": "img/1.jpg",
            "banner_image": "/media/banner.jpg",
            "attachments": [
              {"url": "../anh/2.jpg", "mime_type": "image/jpeg"},
              {"url": "//static.example.vn/3.jpg", "mime_type": "image/jpeg"},
              {"url": "img/ảnh đẹp.jpg", "mime_type": "image/jpeg"}
            ]}"#,
    );
    assert_eq!(
        urls(&f, 12),
        [
            "https://bao.example.vn/feeds/anh/2.jpg",
            "https://static.example.vn/3.jpg",
            "https://bao.example.vn/feeds/anh/img/%E1%BA%A3nh%20%C4%91%E1%BA%B9p.jpg",
        ]
    );
    assert_eq!(
        thumbs(&f, 1),
        [Some("https://bao.example.vn/feeds/anh/img/1.jpg".to_owned())],
        "the item image, resolved, is the first photo's small version"
    );
    let article = f.items.first().expect("one item");
    assert_eq!(
        article.url, "https://bao.example.vn/bai/r.html",
        "the link back to the article is resolved too"
    );
}

#[test]
fn relative_image_urls_are_dropped_when_the_feed_url_is_unknown() {
    let body = r#"{"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": "r", "url": "https://bao.example.vn/r.html", "title": "Không biết gốc",
         "image": "img/1.jpg",
         "attachments": [{"url": "https://cdn.example.vn/abs.jpg", "mime_type": "image/jpeg"}]}]}"#;
    let f = parse_feed(body.as_bytes(), None, None).expect("parses");
    assert_eq!(urls(&f, 12), ["https://cdn.example.vn/abs.jpg"]);
}

#[test]
fn a_picture_is_shown_once_and_linked_to_the_newest_article_using_it() {
    let f = feed(
        r#"{"id": "old", "url": "https://bao.example.vn/old.html", "title": "Bài cũ",
            "date_published": "2019-07-19T08:00:00+07:00",
            "image": "https://cdn.example.vn/shared.jpg",
            "attachments": [{"url": "https://cdn.example.vn/old.jpg", "mime_type": "image/jpeg"}]},
           {"id": "older", "url": "https://bao.example.vn/older.html", "title": "Bài cũ hơn",
            "date_published": "2019-07-18T08:00:00+07:00",
            "image": "https://cdn.example.vn/older-small.jpg",
            "attachments": [{"url": "https://cdn.example.vn/new.jpg", "mime_type": "image/jpeg"},
                            {"url": "https://cdn.example.vn/older.jpg", "mime_type": "image/jpeg"}]},
           {"id": "new", "url": "https://bao.example.vn/new.html", "title": "Bài mới",
            "date_published": "2019-07-20T08:00:00+07:00",
            "image": "https://cdn.example.vn/shared.jpg",
            "banner_image": "https://cdn.example.vn/shared.jpg",
            "attachments": [
              {"url": "https://cdn.example.vn/shared.jpg", "mime_type": "image/jpeg", "title": "Chú thích sau"},
              {"url": "https://cdn.example.vn/new.jpg", "mime_type": "image/jpeg"},
              {"url": "https://cdn.example.vn/new.jpg", "mime_type": "image/jpeg", "title": "Lặp lại"}
            ]}"#,
    );
    assert_eq!(
        gallery(&f, 12),
        [
            row("https://cdn.example.vn/shared.jpg", "Chú thích sau", "new"),
            row("https://cdn.example.vn/new.jpg", "Bài mới", "new"),
            row("https://cdn.example.vn/older.jpg", "Bài cũ hơn", "older"),
        ],
        "the first occurrence wins, in display order (newest article first); old.jpg is left out because its \
         small version (shared.jpg) was already shown large, and new.jpg again (with another small version)"
    );
}

#[test]
fn images_follow_articles_newest_first_across_utc_offsets_with_undated_articles_last() {
    let f = feed(
        r#"{"id": "undated", "url": "https://bao.example.vn/u.html", "title": "Không ngày",
            "image": "https://cdn.example.vn/u.jpg"},
           {"id": "hanoi-8h", "url": "https://bao.example.vn/h.html", "title": "8 giờ Hà Nội",
            "date_published": "2019-07-20T08:00:00+07:00", "image": "https://cdn.example.vn/h.jpg"},
           {"id": "utc-2h", "url": "https://bao.example.vn/z.html", "title": "2 giờ UTC (9 giờ Hà Nội)",
            "date_published": "Sat, 20 Jul 2019 02:00:00 +0000", "image": "https://cdn.example.vn/z.jpg"}"#,
    );
    let ids: Vec<String> = gallery(&f, 12).into_iter().map(|(_, _, id)| id).collect();
    assert_eq!(ids, ["utc-2h", "hanoi-8h", "undated"]);
}

#[test]
fn the_limit_cuts_across_articles_and_defaults_to_twelve_for_the_gallery() {
    let items: Vec<String> = (1..=8)
        .map(|i| {
            format!(
                r#"{{"id": "i{i}", "url": "https://bao.example.vn/{i}.html", "title": "Bài {i}",
                    "date_published": "2019-07-{d:02}T08:00:00+07:00",
                    "image": "https://cdn.example.vn/{i}/a.jpg",
                    "attachments": [{{"url": "https://cdn.example.vn/{i}/b.jpg", "mime_type": "image/jpeg"}},
                                    {{"url": "https://cdn.example.vn/{i}/c.jpg", "mime_type": "image/jpeg"}}]}}"#,
                d = 30 - i
            )
        })
        .collect();
    let f = feed(&items.join(","));
    assert_eq!(gallery_images(&f.items, 100).len(), 16);
    assert_eq!(
        urls(&f, 3),
        [
            "https://cdn.example.vn/1/b.jpg",
            "https://cdn.example.vn/1/c.jpg",
            "https://cdn.example.vn/2/b.jpg"
        ],
        "the limit counts photos, not articles"
    );
    assert!(gallery_images(&f.items, 0).is_empty());

    let (config, warnings) = parse_config(&|name: &str| match name {
        "kind" => Some("gallery".to_owned()),
        "src" => Some("/feeds/anh.json".to_owned()),
        _ => None,
    });
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(config.limit, DEFAULT_GALLERY_LIMIT);
    assert_eq!(config.limit, 12);
    let shown = gallery(&f, config.limit);
    assert_eq!(shown.len(), 12);
    assert_eq!(
        shown.last().map(|(u, _, _)| u.as_str()),
        Some("https://cdn.example.vn/6/c.jpg")
    );
}

#[test]
fn items_skipped_by_the_parser_never_reach_the_gallery() {
    let f = feed(
        r#"{"id": "no-url", "title": "Không URL", "image": "https://cdn.example.vn/lost-1.jpg"},
           {"id": "js-url", "url": "javascript:alert(1)", "title": "URL độc", "image": "https://cdn.example.vn/lost-2.jpg"},
           {"id": "ok", "url": "https://bao.example.vn/ok.html", "title": "Hợp lệ", "image": "https://cdn.example.vn/ok.jpg"}"#,
    );
    assert_eq!(
        gallery(&f, 12),
        [row("https://cdn.example.vn/ok.jpg", "Hợp lệ", "ok")]
    );
}

#[test]
fn an_rss_enclosure_and_media_content_feed_the_same_gallery() {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Báo Thái Nguyên</title>
    <link>https://bao.example.vn/</link>
    <item>
      <title>Hồ Núi Cốc mùa cao điểm</title>
      <link>https://bao.example.vn/ho-nui-coc.html</link>
      <pubDate>Sat, 20 Jul 2019 08:00:00 +0700</pubDate>
      <enclosure url="https://cdn.example.vn/nui-coc.mp3" type="audio/mpeg" length="1"/>
      <enclosure url="img/nui-coc.jpg" type="image/jpeg" length="1"/>
      <media:content url="javascript:alert(1)" medium="image"/>
    </item>
  </channel>
</rss>"#;
    let f = parse_feed(body.as_bytes(), Some(FEED_URL), None).expect("parses");
    let got = gallery(&f, 12);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        got.first().map(|(u, c, _)| (u.as_str(), c.as_str())),
        Some((
            "https://bao.example.vn/feeds/anh/img/nui-coc.jpg",
            "Hồ Núi Cốc mùa cao điểm"
        ))
    );
}

// ---------------------------------------------------------------------------------------------------------
// Real feeds of every format: which photos, which small versions, which captions.

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).expect("fixture exists")
}

/// (large, small, caption) of every photo the gallery shows, in order.
fn photos(f: &Feed, limit: usize) -> Vec<(String, Option<String>, String)> {
    gallery_images(&f.items, limit)
        .into_iter()
        .map(|g| (g.image.url, g.image.thumb, g.image.caption))
        .collect()
}

/// No picture appears twice in the grid or the lightbox, large or small.
fn assert_each_picture_once(f: &Feed) {
    let mut all = std::collections::HashSet::new();
    for (large, small, _) in photos(f, 1000) {
        assert!(all.insert(large.clone()), "{large} shown twice");
        if let Some(small) = small {
            assert!(all.insert(small.clone()), "{small} shown twice");
        }
    }
}

#[test]
fn the_demo_feed_captions_the_seed_photo_as_the_article_page_does() {
    let base = "http://127.0.0.1:8080/feeds/latest.json";
    let f = parse_feed(&read("demo/feeds/latest.json"), Some(base), None).expect("parses");
    let all = photos(&f, 1000);
    let seed = all
        .iter()
        .find(|(large, _, _)| large.ends_with("/img/tn-dua-nghi-quyet-vao-cuoc-song-anh-1.jpg"))
        .expect("the seed photo is in the gallery");
    assert_eq!(
        seed.2,
        "Lãnh đạo tỉnh Thái Nguyên và thành phố Thái Nguyên đi kiểm tra công tác thực hiện quy hoạch, \
         xây dựng. Ảnh: THU THẢO",
        "the attachment title, credit as written"
    );
    assert_eq!(
        seed.1.as_deref(),
        Some("http://127.0.0.1:8080/img/tn-dua-nghi-quyet-vao-cuoc-song.jpg"),
        "the item image is the grid's small version of it"
    );
    assert!(
        !all.iter()
            .any(|(large, _, _)| large.ends_with("/img/tn-dua-nghi-quyet-vao-cuoc-song.jpg")),
        "and never a photo of its own"
    );
    assert_each_picture_once(&f);
    // Every item with image attachments: the photos are exactly those, each with its own caption.
    for a in &f.items {
        assert!(a.images.iter().all(|i| !i.caption.is_empty()));
    }
}

#[test]
fn the_e2e_gallery_feed_gives_thirteen_photos_with_the_item_images_as_small_versions() {
    let base = "http://localhost:8000/gallery/feeds/gallery.json";
    let f = parse_feed(
        &read("tests/e2e/site/gallery/feeds/gallery.json"),
        Some(base),
        None,
    )
    .expect("parses");
    let img = |n: &str| format!("http://localhost:8000/gallery/img/{n}.svg");
    let got = photos(&f, 100);
    assert_eq!(got.len(), 13);
    assert_eq!(
        got.get(..3).expect("three"),
        [
            (
                img("g02"),
                Some(img("g01")),
                "Lãnh đạo tỉnh Thái Nguyên dự lễ hội Lồng tồng. Ảnh: THU THẢO".to_owned()
            ),
            (
                img("khong-co"),
                Some(img("g03")),
                "Thuyền đưa khách ra đảo Cò (ảnh hỏng)".to_owned()
            ),
            (
                img("g04"),
                None,
                "<b>Chữ đậm</b> & <img src=x onerror=alert(1)>".to_owned()
            ),
        ]
    );
    assert_eq!(
        got.get(3),
        Some(&(img("g05"), None, "Thu hoạch chè vụ hè ở Tân Cương".to_owned())),
        "an item with no attachment has its image as its photo, captioned with its title"
    );
    assert_each_picture_once(&f);
}

#[test]
fn rss_media_content_captions_from_the_real_feeds() {
    let newscred = parse_feed(
        &read("tests/fixtures/real/atom_mediarss_newscred_1.xml"),
        Some("https://www.example.com/feed.atom"),
        None,
    )
    .expect("parses");
    assert_eq!(
        photos(&newscred, 12),
        [(
            "https://www.example.com/Zz1hNjRiMWFjMzdhYWIzNTEwNjk2YjIzYjc5NWQxNWFlMA==/.jpeg".to_owned(),
            Some(
                "https://www.example.com/Zz1hNjRiMWFjMzdhYWIzNTEwNjk2YjIzYjc5NWQxNWFlMA==?width=75&height=75"
                    .to_owned()
            ),
            "media description".to_owned()
        )]
    );
    let spiegel = parse_feed(
        &read("tests/fixtures/real/rss_2.0_spiegel.xml"),
        Some("https://example.org/feed.xml"),
        None,
    )
    .expect("parses");
    let got = photos(&spiegel, 12);
    assert_eq!(got.len(), 1, "the audio media:content is no photo");
    let title = &spiegel.items.first().expect("one item").title;
    assert_eq!(
        got.first().map(|(_, _, c)| c),
        Some(title),
        "no caption of its own: the item title"
    );
    for name in ["rss_2.0_bbc.xml", "vnexpress_tin-moi-nhat_2017-07-26.rss"] {
        let f = parse_feed(
            &read(&format!("tests/fixtures/real/{name}")),
            Some("https://example.org/feed.xml"),
            None,
        )
        .expect("parses");
        assert_each_picture_once(&f);
    }
}

#[test]
fn wordpress_featured_media_is_captioned_by_its_caption_and_shown_large_in_the_lightbox() {
    let api = "https://tintuc.example.vn/wp-json/wp/v2/posts?_embed";
    let f = parse_feed(&read("tests/fixtures/wordpress_posts.json"), Some(api), None).expect("parses");
    let up = "https://tintuc.example.vn/wp-content/uploads/2024/05/";
    assert_eq!(
        photos(&f, 12),
        [
            (
                format!("{up}ha-noi-mua-lon-1024x683.jpg"),
                Some(format!("{up}ha-noi-mua-lon-768x512.jpg")),
                "Hà Nội mưa lớn".to_owned()
            ),
            (
                format!("{up}hoi-an-den-long.jpg"),
                Some(format!("{up}hoi-an-den-long-300x200.jpg")),
                "Hội An đèn lồng".to_owned()
            ),
        ]
    );
    let first = gallery_images(&f.items, 1);
    let srcset = first
        .first()
        .and_then(|g| g.image.srcset.as_deref())
        .unwrap_or_default();
    assert!(srcset.contains("768w") && srcset.contains("1600w"), "{srcset}");
}

#[test]
fn a_wordpress_caption_falls_back_to_the_alt_text_then_to_the_post_title() {
    let post = |id: u32, media: &str| {
        format!(
            r#"{{"id": {id}, "link": "https://wp.example.vn/p/{id}/", "title": {{"rendered": "Bài {id}"}},
                "date_gmt": "2024-05-2{id}T00:00:00",
                "_embedded": {{"wp:featuredmedia": [{{"source_url": "https://wp.example.vn/u/{id}.jpg", {media}}}]}}}}"#
        )
    };
    let body = format!(
        "[{}, {}, {}]",
        post(
            3,
            r#""caption": {"rendered": "<p>Ch&uacute; th&iacute;ch <em>ảnh</em>. Ảnh: TTXVN</p>\n"}, "alt_text": "Alt""#
        ),
        post(2, r#""caption": {"rendered": ""}, "alt_text": "Mô tả thay thế""#),
        post(1, r#""alt_text": "  ""#),
    );
    let f = parse_feed(
        body.as_bytes(),
        Some("https://wp.example.vn/wp-json/wp/v2/posts"),
        None,
    )
    .expect("parses");
    let captions: Vec<String> = photos(&f, 12).into_iter().map(|(_, _, c)| c).collect();
    assert_eq!(captions, ["Chú thích ảnh. Ảnh: TTXVN", "Mô tả thay thế", "Bài 1"]);
}
