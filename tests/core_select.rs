//! Ordering, top-N selection, de-duplication, merging, the current article, tags and gallery images.

use news_widget::core::model::{Article, Feed, ImageRef};
use news_widget::core::select::{
    dedupe, gallery_images, has_tag, merge, sort_newest_first, top_newest, Current, GalleryImage,
};

fn art(id: &str, url: &str, published: Option<i64>) -> Article {
    Article {
        id: id.to_owned(),
        url: url.to_owned(),
        title: format!("Tin {id}"),
        summary: None,
        image: None,
        image_alt: None,
        image_srcset: None,
        published,
        tags: Vec::new(),
        authors: Vec::new(),
        images: Vec::new(),
        source: None,
    }
}

fn img(url: &str) -> ImageRef {
    ImageRef {
        url: url.to_owned(),
        thumb: None,
        caption: format!("Ảnh {url}"),
        srcset: None,
        width: None,
        height: None,
    }
}

fn ids(items: &[Article]) -> Vec<&str> {
    items.iter().map(|a| a.id.as_str()).collect()
}

/// A small deterministic generator (xorshift), so "random" inputs are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn sorting_is_newest_first_stable_with_undated_last() {
    let mut items = vec![
        art("undated-1", "https://a.vn/1", None),
        art("old", "https://a.vn/2", Some(100)),
        art("new", "https://a.vn/3", Some(300)),
        art("tie-1", "https://a.vn/4", Some(200)),
        art("undated-2", "https://a.vn/5", None),
        art("tie-2", "https://a.vn/6", Some(200)),
        art("before-1970", "https://a.vn/7", Some(-5)),
    ];
    sort_newest_first(&mut items);
    assert_eq!(
        ids(&items),
        [
            "new",
            "tie-1",
            "tie-2",
            "old",
            "before-1970",
            "undated-1",
            "undated-2"
        ]
    );
}

#[test]
fn top_newest_equals_sort_then_take_on_many_inputs() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..300 {
        let len = (rng.next() % 60) as usize;
        let items: Vec<Article> = (0..len)
            .map(|i| {
                // Few distinct dates, so ties are common; about one in five undated.
                let published = match rng.next() % 5 {
                    0 => None,
                    _ => Some((rng.next() % 8) as i64 * 3600 - 7200),
                };
                art(&i.to_string(), &format!("https://a.vn/{i}"), published)
            })
            .collect();
        let mut sorted: Vec<(usize, Article)> = items.iter().cloned().enumerate().collect();
        sorted.sort_by(|(_, a), (_, b)| match (a.published, b.published) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        for n in [0, 1, 2, 5, 10, len.saturating_sub(1), len, len + 3] {
            let want: Vec<usize> = sorted.iter().take(n).map(|(i, _)| *i).collect();
            assert_eq!(top_newest(&items, n), want, "round {round}, len {len}, n {n}");
        }
        // And the library's own sort agrees.
        let mut own = items.clone();
        sort_newest_first(&mut own);
        let want: Vec<&str> = sorted.iter().map(|(_, a)| a.id.as_str()).collect();
        assert_eq!(ids(&own), want);
    }
}

#[test]
fn top_newest_of_nothing_is_nothing() {
    assert!(top_newest(&[], 10).is_empty());
    assert!(top_newest(&[art("a", "https://a.vn/", Some(1))], 0).is_empty());
}

#[test]
fn dedupe_drops_later_items_with_a_seen_url_or_id() {
    let items = vec![
        art("1", "https://a.vn/x", Some(1)),
        art("2", "http://A.VN/x/?utm_source=fb#c", Some(2)),
        art("1", "https://a.vn/other", Some(3)),
        art("3", "https://a.vn/y", Some(4)),
        art("4", "https://a.vn/y?page=2", Some(5)),
    ];
    assert_eq!(ids(&dedupe(items)), ["1", "3", "4"]);
}

#[test]
fn merge_credits_sources_dedupes_and_sorts() {
    let mut pre_named = art("b2", "https://b.vn/2", Some(40));
    pre_named.source = Some("Đã có nguồn".to_owned());
    let feeds = vec![
        Feed {
            title: Some("Báo A".to_owned()),
            items: vec![
                art("a1", "https://a.vn/1", Some(10)),
                art("a2", "https://shared.vn/x", Some(30)),
            ],
            ..Feed::default()
        },
        Feed {
            title: None,
            home_page_url: Some("https://b.vn/".to_owned()),
            items: vec![
                art("b1", "https://shared.vn/x/", Some(50)),
                pre_named,
                art("b3", "https://b.vn/3", None),
            ],
            ..Feed::default()
        },
        Feed {
            title: Some("  ".to_owned()),
            items: vec![art("c1", "https://c.vn/1", Some(20))],
            ..Feed::default()
        },
    ];
    let merged = merge(feeds);
    assert_eq!(ids(&merged), ["b2", "a2", "c1", "a1", "b3"]);
    let sources: Vec<Option<&str>> = merged.iter().map(|a| a.source.as_deref()).collect();
    assert_eq!(
        sources,
        [
            Some("Đã có nguồn"),
            Some("Báo A"),
            Some("c.vn"),
            Some("Báo A"),
            Some("b.vn")
        ]
    );
}

#[test]
fn current_article_from_the_attribute_by_id_or_url() {
    let page = Some("https://portal.vn/thoi-su/bai-1.html?utm_source=x");
    let items = [
        art("42", "https://portal.vn/thoi-su/bai-9.html", None),
        art("43", "https://portal.vn/thoi-su/bai-2.html", None),
        art(
            "https://portal.vn/thoi-su/bai-1.html",
            "https://portal.vn/thoi-su/bai-1.html",
            None,
        ),
    ];
    let by_id = Current::new(Some(" 42 "), Some("https://portal.vn/thoi-su/bai-1.html"), page);
    let flags: Vec<bool> = items.iter().map(|a| by_id.is_current(a)).collect();
    assert_eq!(
        flags,
        [true, false, false],
        "the attribute wins; canonical and page URL are not used"
    );

    let by_url = Current::new(Some("bai-2.html#top"), None, page);
    let flags: Vec<bool> = items.iter().map(|a| by_url.is_current(a)).collect();
    assert_eq!(
        flags,
        [false, true, false],
        "a relative URL resolves against the page"
    );
}

#[test]
fn current_article_from_canonical_else_page_url() {
    let a = art("x", "https://portal.vn/bai-1.html", None);
    let b = art("y", "https://portal.vn/bai-2.html", None);
    let canonical = Current::new(
        None,
        Some("/bai-1.html"),
        Some("https://portal.vn/bai-1.html?amp=1"),
    );
    assert!(canonical.is_current(&a));
    assert!(!canonical.is_current(&b));

    let page = Current::new(
        Some("  "),
        None,
        Some("http://PORTAL.vn:80/bai-2.html/?fbclid=1#binh-luan"),
    );
    assert!(page.is_current(&b));
    assert!(!page.is_current(&a));

    // A canonical that is not http(s) is ignored in favour of the page URL.
    let fallback = Current::new(
        None,
        Some("javascript:alert(1)"),
        Some("https://portal.vn/bai-2.html"),
    );
    assert!(fallback.is_current(&b));

    let none = Current::new(None, None, None);
    assert!(!none.is_current(&a));
}

#[test]
fn url_ids_match_the_current_page_too() {
    let item = art(
        "https://portal.vn/bai-1.html",
        "https://m.portal.vn/bai-1.html",
        None,
    );
    assert!(Current::new(None, Some("https://portal.vn/bai-1.html"), None).is_current(&item));
}

#[test]
fn tags_match_trimmed_and_case_insensitively() {
    let mut a = art("1", "https://a.vn/1", None);
    a.tags = vec![" Thời Sự ".to_owned(), "Kinh tế".to_owned()];
    assert!(has_tag(&a, "thời sự"));
    assert!(has_tag(&a, "THỜI SỰ"));
    assert!(has_tag(&a, " kinh TẾ "));
    assert!(!has_tag(&a, "thời"));
    assert!(!has_tag(&a, "Thể thao"));
    assert!(has_tag(&a, ""), "an empty tag filters nothing");
    assert!(!has_tag(&art("2", "https://a.vn/2", None), "Thời sự"));
}

#[test]
fn gallery_takes_newest_items_images_once_up_to_limit() {
    let mut old = art("old", "https://a.vn/old", Some(10));
    old.images = vec![img("https://i.vn/1.jpg"), img("https://i.vn/2.jpg")];
    let mut new = art("new", "https://a.vn/new", Some(20));
    new.images = vec![img("https://i.vn/3.jpg"), img("https://i.vn/1.jpg")];
    let none = art("none", "https://a.vn/none", Some(30));
    let mut thumb_only = art("thumb", "https://a.vn/thumb", None);
    thumb_only.image = Some("https://i.vn/4.jpg".to_owned());
    let items = [old, new, none, thumb_only];

    let got = gallery_images(&items, 10);
    let urls: Vec<(&str, usize)> = got.iter().map(|g| (g.image.url.as_str(), g.article)).collect();
    assert_eq!(
        urls,
        [
            ("https://i.vn/3.jpg", 1),
            ("https://i.vn/1.jpg", 1),
            ("https://i.vn/2.jpg", 0),
            ("https://i.vn/4.jpg", 3)
        ]
    );
    assert_eq!(
        got[3].image.caption, "Tin thumb",
        "a thumbnail-only item is captioned with its title"
    );

    assert_eq!(gallery_images(&items, 2).len(), 2);
    assert!(gallery_images(&items, 0).is_empty());
    assert_eq!(
        gallery_images(&items, 1),
        [GalleryImage {
            image: img("https://i.vn/3.jpg"),
            article: 1
        }]
    );
}
