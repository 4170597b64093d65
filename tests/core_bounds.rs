//! Small hostile feeds that used to cost far more memory or time than their size: copies that multiply
//! (the title in every photo caption, feed-level authors in every item, nested `xml:base`) and scans that
//! grow with the square of a list (categories, tags, photos, `srcset` renditions). Each test pins the bound
//! on what the parse keeps; `report_what_each_hostile_class_costs` (ignored) prints the size, the parse
//! time and the kept bytes of each class, for comparing builds.

// Native only: the parsers read JSON with serde_json here (the browser reads it with `JSON.parse`).
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use news_widget::core::model::{Article, Feed};
use news_widget::core::parse::parse_feed;
use news_widget::core::rules::{
    AUTHORS_PER_ITEM, IMAGES_PER_ITEM, NAME_CHARS, TAGS_PER_ITEM, TITLE_CHARS, URL_BYTES,
};

const FEED_URL: &str = "https://portal.example/feed";

/// The system allocator, counting the bytes in use and their peak, for the report's peak-memory column.
struct Counting;
static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes of text a parsed feed holds: what its items cost in memory, near enough.
fn kept_bytes(feed: &Feed) -> usize {
    let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    feed.items
        .iter()
        .map(|a: &Article| {
            a.id.len()
                + a.url.len()
                + a.title.len()
                + opt(&a.summary)
                + opt(&a.image)
                + opt(&a.image_srcset)
                + a.tags.iter().chain(&a.authors).map(String::len).sum::<usize>()
                + a.images
                    .iter()
                    .map(|i| i.url.len() + i.caption.len() + opt(&i.thumb) + opt(&i.srcset))
                    .sum::<usize>()
        })
        .sum()
}

/// A JSON Feed item with a long title and many untitled photo attachments (each would take a copy).
fn photos_json(photos: usize) -> Vec<u8> {
    let attachments: Vec<String> = (0..photos)
        .map(|i| format!(r#"{{"url":"/p/{i}.jpg","mime_type":"image/jpeg"}}"#))
        .collect();
    format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","items":[{{"id":"1","url":"/a","title":"{}","attachments":[{}]}}]}}"#,
        "Tiêu đề dài ".repeat(2000),
        attachments.join(",")
    )
    .into_bytes()
}

/// A JSON Feed whose one feed-level author (a long name) applies to every item.
fn authors_json(items: usize) -> Vec<u8> {
    let list: Vec<String> = (0..items)
        .map(|i| format!(r#"{{"id":"{i}","url":"/{i}","title":"T"}}"#))
        .collect();
    format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","authors":[{{"name":"{}"}}],"items":[{}]}}"#,
        "Tác giả ".repeat(20_000),
        list.join(",")
    )
    .into_bytes()
}

/// An RSS item with many distinct categories and many image `media:content` elements.
fn lists_rss(n: usize) -> Vec<u8> {
    let mut item = String::from("<item><title>T</title><link>https://portal.example/a</link>");
    for i in 0..n {
        item.push_str(&format!(
            "<category>c{i}</category><media:content url=\"/m/{i}.jpg\" medium=\"image\"/>"
        ));
    }
    item.push_str("</item>");
    format!(
        "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>F</title>{item}</channel></rss>"
    )
    .into_bytes()
}

/// One `media:group` of renditions of the same shape: each merged into the photo's `srcset`.
fn renditions_rss(n: usize) -> Vec<u8> {
    let mut group = String::from("<media:group>");
    for i in 1..=n {
        group.push_str(&format!(
            "<media:content url=\"/r/{i}.jpg\" medium=\"image\" width=\"{}\" height=\"{}\"/>",
            i * 4,
            i * 3
        ));
    }
    group.push_str("</media:group>");
    format!(
        "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item><title>T</title><link>https://portal.example/a</link>{group}</item></channel></rss>"
    )
    .into_bytes()
}

/// Elements each with a relative `xml:base`, nested `depth` deep, with an item at the bottom.
fn bases_atom(depth: usize) -> Vec<u8> {
    format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">{}<entry><title>T</title><link href=\"x\"/></entry>{}</feed>",
        "<div xml:base=\"abcdefgh/\">".repeat(depth),
        "</div>".repeat(depth)
    )
    .into_bytes()
}

/// A WordPress post with many category ids and a featured image with many sizes of one shape.
fn lists_wordpress(n: usize) -> Vec<u8> {
    let ids: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    let sizes: Vec<String> = (1..=n)
        .map(|i| {
            format!(
                r#""s{i}":{{"source_url":"/w/{i}.jpg","width":{},"height":{}}}"#,
                i * 4,
                i * 3
            )
        })
        .collect();
    format!(
        r#"[{{"id":1,"link":"https://portal.example/a","title":{{"rendered":"T"}},"categories":[{}],"_embedded":{{"wp:featuredmedia":[{{"source_url":"/w/0.jpg","media_details":{{"width":4,"height":3,"sizes":{{{}}}}}}}]}}}}]"#,
        ids.join(","),
        sizes.join(",")
    )
    .into_bytes()
}

fn parse(body: &[u8]) -> Feed {
    parse_feed(body, Some(FEED_URL), None).expect("a feed")
}

#[test]
fn a_title_is_copied_into_at_most_the_photo_limit_of_captions() {
    let feed = parse(&photos_json(50_000));
    let a = &feed.items[0];
    assert_eq!(a.images.len(), IMAGES_PER_ITEM);
    assert!(a
        .images
        .iter()
        .all(|i| i.caption.chars().count() <= TITLE_CHARS + 1));
    assert!(kept_bytes(&feed) < 64 * 1024, "{}", kept_bytes(&feed));
}

#[test]
fn feed_level_authors_are_copied_short_and_few() {
    let body = authors_json(20_000);
    let feed = parse(&body);
    assert_eq!(feed.items.len(), 20_000);
    for a in &feed.items {
        assert_eq!(a.authors.len(), 1);
        assert!(a.authors[0].chars().count() <= NAME_CHARS + 1);
    }
    // Without the name limit: 160 KB × 20 000 items.
    assert!(
        kept_bytes(&feed) < 8 * body.len(),
        "{} for {} bytes",
        kept_bytes(&feed),
        body.len()
    );
}

#[test]
fn rss_categories_and_photos_stop_at_their_limits() {
    let feed = parse(&lists_rss(50_000));
    let a = &feed.items[0];
    assert_eq!(a.tags.len(), TAGS_PER_ITEM);
    assert_eq!(a.tags[0], "c0");
    assert_eq!(a.images.len(), IMAGES_PER_ITEM);
}

#[test]
fn a_group_of_renditions_fills_one_srcset_up_to_the_url_limit() {
    let feed = parse(&renditions_rss(20_000));
    let a = &feed.items[0];
    assert_eq!(a.images.len(), 1, "one photo");
    let srcset = a.images[0].srcset.as_deref().expect("a srcset");
    assert!(srcset.len() <= URL_BYTES, "{}", srcset.len());
    assert!(srcset.split(", ").count() > 10);
}

#[test]
fn nested_xml_bases_cost_memory_linear_in_depth_and_stop_at_the_depth_limit() {
    let feed = parse(&bases_atom(100_000));
    assert_eq!(feed.items.len(), 0, "the entry is below the depth limit");
    assert!(
        feed.warnings.iter().any(|w| w.contains("deeper than 256")),
        "{:?}",
        feed.warnings
    );
    // Within the limit: the entry's link resolves against all the bases above it.
    let feed = parse(&bases_atom(200));
    let url = &feed.items[0].url;
    assert!(
        url.starts_with("https://portal.example/abcdefgh/abcdefgh/"),
        "{url}"
    );
    assert!(url.ends_with("/x"));
}

#[test]
fn wordpress_category_ids_and_sizes_stop_at_their_limits() {
    let feed = parse(&lists_wordpress(20_000));
    let a = &feed.items[0];
    assert_eq!(a.tags.len(), TAGS_PER_ITEM);
    let srcset = a.images[0]
        .srcset
        .as_deref()
        .or(a.image_srcset.as_deref())
        .expect("a srcset");
    assert!(srcset.len() <= URL_BYTES, "{}", srcset.len());
    assert!(a.authors.len() <= AUTHORS_PER_ITEM);
}

#[test]
#[ignore = "a report, not a check: cargo test --test core_bounds -- --ignored --nocapture --test-threads=1"]
fn report_what_each_hostile_class_costs() {
    let classes: [(&str, Vec<u8>); 6] = [
        ("title in 50 000 photo captions (JSON Feed)", photos_json(50_000)),
        ("feed author in 20 000 items (JSON Feed)", authors_json(20_000)),
        ("50 000 categories + media:content (RSS)", lists_rss(50_000)),
        (
            "20 000 renditions in one media:group (RSS)",
            renditions_rss(20_000),
        ),
        ("10 000 nested xml:base (Atom)", bases_atom(10_000)),
        ("20 000 category ids + sizes (WordPress)", lists_wordpress(20_000)),
    ];
    // Run alone (`--test-threads=1` or only this test) for a meaningful peak.
    for (name, body) in classes {
        let base = IN_USE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let t = Instant::now();
        let feed = parse_feed(&body, Some(FEED_URL), None);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
        let kept = feed.as_ref().map_or(0, kept_bytes);
        println!(
            "{name}: input {} KB, parse {ms:.0} ms, peak {} KB, kept {} KB",
            body.len() / 1024,
            peak / 1024,
            kept / 1024
        );
    }
}
