//! What a feed or a saved list can cost per item, and what a saved list must be to be shown again: the
//! per-item limits every format is held to (`rules::bound_article`, applied by `select::finish_feed` and
//! to snapshots), and `snapshot::check` (age, save time, next page) and its storage keys.

// Native only: `snapshot::decode` reads with serde_json, which the WASM build does not have.
#![cfg(not(target_arch = "wasm32"))]

use news_widget::core::model::{Article, Feed, FeedFormat, ImageRef};
use news_widget::core::rules::{
    bound_article, AUTHORS_PER_ITEM, ID_BYTES, IMAGES_PER_ITEM, NAME_CHARS, TAGS_PER_ITEM, TITLE_CHARS,
    URL_BYTES,
};
use news_widget::core::select::{finish_feed, Finished};
use news_widget::core::snapshot::{self, check, key, Refused, KEY_PREFIX, MAX_AGE_MS};

const NOW: f64 = 1_700_000_000_000.0;

fn article(id: &str) -> Article {
    Article {
        id: id.to_owned(),
        url: ["https://news.example/", id].concat(),
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

fn photo(url: String, caption: String) -> ImageRef {
    ImageRef {
        url,
        thumb: None,
        caption,
        srcset: None,
        width: None,
        height: None,
    }
}

#[test]
fn an_item_keeps_at_most_the_limits_of_every_list_and_text() {
    let mut a = article("a");
    a.id = "đ".repeat(ID_BYTES); // two bytes each
    a.title = "Tiêu đề ".repeat(200);
    a.tags = (0..1000).map(|i| format!("tag {i}")).collect();
    a.authors = (0..1000).map(|_| "Tác giả ".repeat(50)).collect();
    a.images = (0..1000)
        .map(|i| photo(format!("https://img.example/{i}.jpg"), "Chú thích ".repeat(100)))
        .collect();
    a.image = Some(["https://img.example/", &"x".repeat(URL_BYTES)].concat());
    assert!(bound_article(&mut a));
    assert!(a.id.len() <= ID_BYTES && a.id.chars().all(|c| c == 'đ'));
    assert_eq!(a.title.chars().count(), TITLE_CHARS + 1, "cut, with an ellipsis");
    assert!(a.title.ends_with('…'));
    assert_eq!(a.tags.len(), TAGS_PER_ITEM);
    assert_eq!(
        a.tags[TAGS_PER_ITEM - 1],
        format!("tag {}", TAGS_PER_ITEM - 1),
        "the first ones are kept"
    );
    assert_eq!(a.authors.len(), AUTHORS_PER_ITEM);
    assert!(a.authors.iter().all(|n| n.chars().count() <= NAME_CHARS + 1));
    assert_eq!(a.images.len(), IMAGES_PER_ITEM);
    assert!(a
        .images
        .iter()
        .all(|i| i.caption.chars().count() <= TITLE_CHARS + 1));
    assert_eq!(a.image, None, "an image URL over the limit is dropped");
}

#[test]
fn an_item_within_the_limits_is_left_as_it_is() {
    let mut a = article("b");
    a.tags = vec!["Thời sự".into()];
    a.images = vec![photo("https://img.example/1.jpg".into(), "Ảnh".into())];
    let before = a.clone();
    assert!(bound_article(&mut a));
    assert_eq!(a, before);
}

#[test]
fn finishing_a_feed_skips_items_whose_link_is_over_the_limit_and_says_so() {
    let mut long = article("long");
    long.url = ["https://news.example/", &"a".repeat(URL_BYTES)].concat();
    let mut feed = Feed {
        items: vec![article("1"), long, article("2")],
        ..Feed::default()
    };
    let changed = finish_feed(&mut feed, "https://news.example/feed.json", None);
    assert_eq!(changed, vec![Finished::LongLinksSkipped]);
    let ids: Vec<&str> = feed.items.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["1", "2"]);
}

fn saved_feed(next: Option<&str>) -> Feed {
    Feed {
        next_url: next.map(str::to_owned),
        items: vec![article("1")],
        ..Feed::default()
    }
}

#[test]
fn a_saved_list_is_shown_for_seven_days_and_not_after() {
    let sources = vec!["https://news.example/feed.json".to_owned()];
    let mut feed = saved_feed(None);
    assert_eq!(check(&mut feed, NOW - MAX_AGE_MS, NOW, &sources), Ok(()));
    assert_eq!(
        check(&mut feed, NOW - MAX_AGE_MS - 1.0, NOW, &sources),
        Err(Refused::Expired)
    );
}

#[test]
fn a_saved_list_with_an_impossible_save_time_is_not_shown() {
    let sources = vec!["https://news.example/feed.json".to_owned()];
    for saved in [f64::NAN, f64::INFINITY, -1.0, NOW + 3_600_000.0] {
        let mut feed = saved_feed(None);
        assert_eq!(
            check(&mut feed, saved, NOW, &sources),
            Err(Refused::BadSaveTime),
            "{saved}"
        );
    }
    // A clock a minute behind the one that saved it is believed.
    let mut feed = saved_feed(None);
    assert_eq!(check(&mut feed, NOW + 60_000.0, NOW, &sources), Ok(()));
}

#[test]
fn a_saved_next_page_is_kept_only_on_the_origin_of_the_feed() {
    let sources = vec!["https://news.example/feed.json".to_owned()];
    let mut same = saved_feed(Some("https://news.example/feed.json?page=2"));
    check(&mut same, NOW, NOW, &sources).unwrap();
    assert_eq!(
        same.next_url.as_deref(),
        Some("https://news.example/feed.json?page=2")
    );
    let mut other = saved_feed(Some("https://tracker.example/collect"));
    check(&mut other, NOW, NOW, &sources).unwrap();
    assert_eq!(other.next_url, None);
}

#[test]
fn a_snapshot_written_and_checked_comes_back_with_its_items() {
    let sources = vec!["https://news.example/feed.json".to_owned()];
    let json = snapshot::encode(&saved_feed(None), NOW, snapshot::MAX_ITEMS, 1 << 20).unwrap();
    let (mut feed, saved) = snapshot::decode(&json).unwrap();
    assert_eq!(check(&mut feed, saved, NOW + 1000.0, &sources), Ok(()));
    assert_eq!(feed.items, saved_feed(None).items);
}

#[test]
fn a_snapshot_reads_back_at_most_its_item_limit() {
    let feed = Feed {
        items: (0..200).map(|i| article(&i.to_string())).collect(),
        ..Feed::default()
    };
    let json = snapshot::encode(&feed, NOW, 200, 1 << 22).unwrap();
    let (back, _) = snapshot::decode(&json).unwrap();
    assert_eq!(back.items.len(), snapshot::MAX_ITEMS);
}

#[test]
fn storage_keys_are_per_feed_set_and_format_under_one_prefix() {
    let a = "https://a.example/feed.json".to_owned();
    let b = "https://b.example/feed.xml".to_owned();
    let k = key(&[a.clone(), b.clone()], None);
    assert!(k.starts_with(KEY_PREFIX));
    assert_eq!(k, key(&[b.clone(), a.clone()], None), "order does not matter");
    assert_ne!(
        k,
        key(&[a.clone(), b.clone()], Some(FeedFormat::Rss)),
        "the format does"
    );
    assert_ne!(key(std::slice::from_ref(&a), None), key(&[a, b], None));
}
