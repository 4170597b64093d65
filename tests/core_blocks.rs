//! What each block kind shows from a loaded feed, decided in the core: the feed's caps and finishing rules,
//! "Mới nhất" (tag and limit), "Các tin khác" candidates across pages (current article, tag, duplicates),
//! the next-page loop guard, the gallery's tag filter, and the names of kinds, formats and languages.

use news_widget::core::config::Kind;
use news_widget::core::i18n::Lang;
use news_widget::core::model::{Article, Feed, FeedFormat, ImageRef};
use news_widget::core::select::{
    cap_body, finish_feed, gallery, latest, others, Current, Finished, Pages, Seen, MAX_BODY_BYTES, MAX_ITEMS,
};

fn art(id: &str, url: &str, published: Option<i64>, tags: &[&str]) -> Article {
    Article {
        id: id.to_owned(),
        url: url.to_owned(),
        title: format!("Tin {id}"),
        summary: None,
        image: Some(format!("{url}.jpg")),
        image_alt: None,
        image_srcset: None,
        published,
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        authors: Vec::new(),
        images: Vec::<ImageRef>::new(),
        source: None,
    }
}

fn ids(items: &[Article]) -> Vec<&str> {
    items.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn finishing_a_feed_sorts_newest_first_and_caps_the_items() {
    let mut feed = Feed {
        items: (0..MAX_ITEMS as i64 + 5)
            .map(|i| art(&i.to_string(), &format!("https://a.vn/{i}"), Some(i), &[]))
            .collect(),
        ..Feed::default()
    };
    let changed = finish_feed(&mut feed, "https://a.vn/feed.json", None);
    assert_eq!(changed, [Finished::ItemsCut]);
    assert!(Finished::ItemsCut.as_str().contains("20000"));
    assert_eq!(feed.items.len(), MAX_ITEMS);
    // The cap keeps feed order (the first 20 000), then the order is newest first.
    assert_eq!(
        feed.items.first().map(|a| a.published),
        Some(Some(MAX_ITEMS as i64 - 1))
    );
    assert_eq!(feed.items.last().map(|a| a.published), Some(Some(0)));

    let mut small = Feed {
        items: vec![
            art("old", "https://a.vn/o", Some(1), &[]),
            art("new", "https://a.vn/n", Some(2), &[]),
        ],
        ..Feed::default()
    };
    assert_eq!(finish_feed(&mut small, "https://a.vn/feed.json", None), []);
    assert_eq!(ids(&small.items), ["new", "old"]);
}

#[test]
fn finishing_a_feed_applies_the_wordpress_page_rule_only_without_a_next_url() {
    let mut wp = Feed::default();
    finish_feed(&mut wp, "https://wp.vn/wp-json/wp/v2/posts?_embed", Some("3"));
    assert_eq!(
        wp.next_url.as_deref(),
        Some("https://wp.vn/wp-json/wp/v2/posts?_embed&page=2")
    );

    let mut last_page = Feed::default();
    finish_feed(
        &mut last_page,
        "https://wp.vn/wp-json/wp/v2/posts?page=3",
        Some("3"),
    );
    assert_eq!(last_page.next_url, None);

    let mut json = Feed {
        next_url: Some("https://a.vn/page-2.json".to_owned()),
        ..Feed::default()
    };
    finish_feed(&mut json, "https://a.vn/feed.json", Some("9"));
    assert_eq!(json.next_url.as_deref(), Some("https://a.vn/page-2.json"));
}

#[test]
fn bodies_over_the_cap_are_cut_with_a_warning() {
    let mut small = vec![b'x'; 10];
    assert_eq!(cap_body(&mut small), None);
    assert_eq!(small.len(), 10);
    let mut big = vec![b' '; MAX_BODY_BYTES + 1];
    assert!(cap_body(&mut big).is_some_and(|w| w.contains("20 MB")));
    assert_eq!(big.len(), MAX_BODY_BYTES);
}

#[test]
fn latest_keeps_the_tag_and_the_limit_in_feed_order() {
    let items = vec![
        art("1", "https://a.vn/1", Some(5), &["Chính trị"]),
        art("2", "https://a.vn/2", Some(4), &["Thể thao"]),
        art("3", "https://a.vn/3", Some(3), &["chính trị"]),
        art("4", "https://a.vn/4", Some(2), &["CHÍNH TRỊ"]),
    ];
    assert_eq!(ids(&latest(&items, None, 3)), ["1", "2", "3"]);
    assert_eq!(ids(&latest(&items, Some("Chính trị"), 2)), ["1", "3"]);
    assert_eq!(ids(&latest(&items, Some("Chính trị"), 10)), ["1", "3", "4"]);
    assert!(latest(&items, Some("Kinh tế"), 10).is_empty());
}

#[test]
fn others_leave_out_the_current_article_other_tags_and_what_was_seen() {
    let current = Current::new(Some("https://a.vn/2"), None, Some("https://a.vn/2"));
    let page1 = vec![
        art("1", "https://a.vn/1", Some(9), &["Xã hội"]),
        art("2", "https://a.vn/2", Some(8), &["Xã hội"]),
        art("3", "https://a.vn/3", Some(7), &["Thể thao"]),
        // The same article as 1 under another id and a tracking parameter.
        art("1b", "https://a.vn/1?utm_source=x", Some(6), &["Xã hội"]),
        art("5", "https://a.vn/5", Some(5), &["Xã hội"]),
    ];
    let mut seen = Seen::default();
    assert_eq!(
        ids(&others(&page1, Some("xã hội"), &current, &mut seen)),
        ["1", "5"]
    );
    // The next page repeats 5 (by id) and 1 (by URL): only the new one is a candidate.
    let page2 = vec![
        art("5", "https://a.vn/5-moved", Some(4), &["Xã hội"]),
        art("9", "https://a.vn/1#comments", Some(3), &["Xã hội"]),
        art("6", "https://a.vn/6", Some(2), &["Xã hội"]),
    ];
    assert_eq!(ids(&others(&page2, Some("Xã hội"), &current, &mut seen)), ["6"]);
}

#[test]
fn seen_counts_a_duplicates_other_identity_too() {
    let mut seen = Seen::default();
    assert!(seen.first_time(&art("a", "https://a.vn/1", None, &[])));
    // Same id, new URL: a duplicate, and its URL is now taken as well.
    assert!(!seen.first_time(&art("a", "https://a.vn/2", None, &[])));
    assert!(!seen.first_time(&art("b", "https://a.vn/2", None, &[])));
    assert!(seen.first_time(&art("c", "https://a.vn/3", None, &[])));
}

#[test]
fn paging_ends_when_a_next_url_loops_back() {
    let sources = vec!["https://a.vn/p1.json".to_owned()];
    let mut pages = Pages::new(&sources);
    assert_eq!(
        pages
            .after("https://a.vn/p2.json", Some("https://a.vn/p3.json"))
            .as_deref(),
        Some("https://a.vn/p3.json")
    );
    // p3 points back at p2 (read) and p1 (the block's own source): both end the chain.
    assert_eq!(
        pages.after("https://a.vn/p3.json", Some("https://a.vn/p2.json")),
        None
    );
    assert_eq!(
        pages.after("https://a.vn/p3.json", Some("https://a.vn/p1.json")),
        None
    );
    assert_eq!(pages.after("https://a.vn/p3.json", None), None);
}

#[test]
fn the_gallery_keeps_only_items_of_the_tag_and_indexes_the_whole_list() {
    let items = vec![
        art("1", "https://a.vn/1", Some(3), &["Du lịch"]),
        art("2", "https://a.vn/2", Some(2), &["Thể thao"]),
        art("3", "https://a.vn/3", Some(1), &["du lịch"]),
    ];
    let all: Vec<usize> = gallery(&items, None, 10).iter().map(|g| g.article).collect();
    assert_eq!(all, [0, 1, 2]);
    let tagged: Vec<usize> = gallery(&items, Some("Du lịch"), 10)
        .iter()
        .map(|g| g.article)
        .collect();
    assert_eq!(tagged, [0, 2]);
}

#[test]
fn kinds_formats_and_languages_read_back_their_own_names() {
    for k in Kind::ALL {
        assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
        assert_eq!(k.as_str().to_uppercase().parse::<Kind>(), Ok(k));
    }
    for f in FeedFormat::ALL {
        assert_eq!(f.as_str().parse::<FeedFormat>(), Ok(f));
    }
    for l in [Lang::Vi, Lang::En] {
        assert_eq!(l.as_str().parse::<Lang>(), Ok(l));
    }
    assert_eq!("gallery".parse::<Kind>(), Ok(Kind::Gallery));
    assert_eq!("slideshow".parse::<Kind>(), Err(()));
    assert_eq!("auto".parse::<FeedFormat>(), Err(()));
    assert_eq!("vi-VN".parse::<Lang>(), Ok(Lang::Vi));
    assert_eq!("fr".parse::<Lang>(), Err(()));
}

#[test]
fn a_next_page_is_followed_only_on_the_feeds_own_origin() {
    let next = |feed_url: &str, next: &str| {
        let mut feed = Feed {
            next_url: Some(next.to_owned()),
            ..Feed::default()
        };
        let changed = finish_feed(&mut feed, feed_url, None);
        (feed.next_url, changed)
    };
    let same = next("https://a.vn/feed.json", "https://A.vn:443/feed-2.json");
    assert_eq!(same, (Some("https://A.vn:443/feed-2.json".to_owned()), vec![]));
    for (feed_url, other) in [
        ("https://a.vn/feed.json", "https://b.vn/feed-2.json"),
        ("https://a.vn/feed.json", "http://a.vn/feed-2.json"),
        ("https://a.vn/feed.json", "https://a.vn:8443/feed-2.json"),
        ("https://a.vn/feed.json", "https://a.vn.evil.example/feed-2.json"),
        ("https://a.vn/feed.json", "javascript:alert(1)"),
    ] {
        assert_eq!(
            next(feed_url, other),
            (None, vec![Finished::NextPageRefused]),
            "{other}"
        );
    }
}

#[test]
fn origins_are_lowercase_without_default_ports() {
    use news_widget::core::url::origin;
    assert_eq!(
        origin("HTTPS://Báo.VN:443/a?b#c")
            .as_deref()
            .map(|o| o.starts_with("https://")),
        Some(true)
    );
    assert_eq!(origin("http://a.vn:80/x").as_deref(), Some("http://a.vn"));
    assert_eq!(
        origin("https://u:p@a.vn:8443/x").as_deref(),
        Some("https://a.vn:8443")
    );
    assert_eq!(origin("ftp://a.vn/x"), None);
    assert_eq!(origin("/relative"), None);
}
