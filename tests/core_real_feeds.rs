//! Every JSON file in tests/fixtures/real/ (real publishers' feeds, kept byte for byte) parses into the
//! expected articles.
//!
//! Runs natively and in the browser (`make test-wasm`): the same assertions over both JSON implementations.

mod json_support;

use json_support::{parse_feed, parse_json_feed, real, REAL_JSON};
use news_widget::core::model::{Feed, FeedFormat};
use news_widget::core::parse::detect_format;
use news_widget::core::select::sort_newest_first;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn load(name: &str, feed_url: &str) -> Feed {
    let body = real(name);
    assert_eq!(detect_format(body), Some(FeedFormat::JsonFeed), "{name}");
    let via_dispatch = parse_feed(body, Some(feed_url), None).unwrap();
    let direct = parse_json_feed(body, Some(feed_url)).unwrap();
    assert_eq!(via_dispatch, direct);
    direct
}

#[test]
fn every_real_json_file_parses_with_items() {
    let mut seen = 0;
    for (path, body) in REAL_JSON {
        let feed = parse_feed(body, Some("https://example.org/feed.json"), None).unwrap();
        assert!(!feed.items.is_empty(), "{path:?}");
        for a in &feed.items {
            assert!(
                a.url.starts_with("https://") || a.url.starts_with("http://"),
                "{path:?}: {}",
                a.url
            );
            assert!(!a.title.is_empty() && !a.id.is_empty(), "{path:?}");
        }
        seen += 1;
    }
    assert_eq!(seen, 3, "expected the three JSON Feed fixtures");
}

/// The embedded list (the browser has no file system) is every JSON file of the directory.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_embedded_fixtures_are_every_real_json_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    found.sort();
    let listed: Vec<&str> = REAL_JSON.iter().map(|(n, _)| *n).collect();
    assert_eq!(found, listed);
    for (name, body) in REAL_JSON {
        assert_eq!(std::fs::read(dir.join(name)).unwrap(), body, "{name}");
    }
}

#[test]
fn elastic_feed_has_rfc2822_dates_decoded_entities_and_both_author_forms() {
    let feed = load(
        "jsonfeed_elastic_1.1.json",
        "https://w2.influxdata.com/blog/feed/json",
    );
    assert_eq!(feed.title.as_deref(), Some("Blog – InfluxData"));
    assert_eq!(
        feed.home_page_url.as_deref(),
        Some("https://www.influxdata.com/blog/")
    );
    assert_eq!(feed.next_url, None);
    assert_eq!(feed.items.len(), 3);

    let a = &feed.items[0];
    assert_eq!(
        a.title,
        "InfluxDB vs. Graphite for Time Series Data & Metrics Benchmark"
    );
    assert_eq!(
        a.url,
        "https://www.influxdata.com/blog/influxdb-outperforms-graphite-in-time-series-data-metrics-benchmark"
    );
    assert_eq!(a.id, a.url, "no id: the URL is the id");
    // "Fri, 31 May 2019 12:17:58 -0700".
    assert_eq!(a.published, Some(1_559_330_278));
    assert_eq!(
        a.authors,
        ["Chris Churilo", "Fake Author 1"],
        "1.1 authors win over 1.0 author"
    );
    assert_eq!(
        a.tags,
        ["InfluxDB", "Community", "Elasticsearch", "Time Series Database"]
    );
    assert!(a
        .summary
        .as_deref()
        .unwrap()
        .starts_with("This blog post has been updated on September 10, 2020"));
    assert_eq!(a.image, None);
    assert!(a.images.is_empty());

    let b = &feed.items[1];
    assert_eq!(
        b.title,
        "InfluxDB vs. Elasticsearch for Time Series Data & Metrics Benchmark"
    );
    // "Tue, 06 Feb 2018 06:34:12 -0700".
    assert_eq!(b.published, Some(1_517_924_052));
    assert_eq!(
        b.authors,
        ["Chris Churilo"],
        "1.0 author when there is no authors array"
    );

    let c = &feed.items[2];
    assert_eq!(c.title, "Fake item");
    assert_eq!(c.url, "https://example.com/");
    assert_eq!(c.published, None);
    assert_eq!(c.summary, None);
    assert_eq!(
        c.authors,
        ["Fake Author 3", "Fake Author 4"],
        "feed authors are the authors of an item naming none"
    );

    let mut sorted = feed.items.clone();
    sort_newest_first(&mut sorted);
    let titles: Vec<&str> = sorted.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, [a.title.as_str(), b.title.as_str(), "Fake item"]);
    assert!(feed.warnings.is_empty(), "{:?}", feed.warnings);
}

#[test]
fn daring_fireball_example_feed_parses() {
    let feed = load("jsonfeed_example_1.json", "https://daringfireball.net/feeds/json");
    assert_eq!(feed.title.as_deref(), Some("Daring Fireball"));
    assert_eq!(feed.items.len(), 2);
    let a = &feed.items[0];
    assert_eq!(a.title, "How Jeff Bezos’s iPhone X Was Hacked");
    assert_eq!(
        a.url,
        "https://daringfireball.net/linked/2020/01/24/bezos-iphone-x"
    );
    assert_eq!(
        a.id,
        "https://daringfireball.net/linked/2020/01/24/bezos-iphone-x"
    );
    assert_eq!(a.published, Some(1_579_909_617));
    assert_eq!(a.authors, ["John Gruber"]);
    assert_eq!(
        a.summary.as_deref(),
        Some(
            "Good summary from The New York Times. Until this week’s news, I don’t believe we knew what type \
             of phone Bezos was using when he was hacked. Now we know: an iPhone X."
        )
    );
    let b = &feed.items[1];
    assert_eq!(b.title, "Instagram for Windows 95");
    assert_eq!(
        b.url,
        "https://daringfireball.net/linked/2020/01/20/instagram-for-win95"
    );
    assert_eq!(
        b.published,
        Some(1_579_568_820),
        "date_published wins over date_modified"
    );
    assert_eq!(b.summary.as_deref(), Some("Delightful work by Petrick Studio."));
    assert!(feed.items.iter().all(|a| a.image.is_none()));
}

#[test]
fn jsonfeed_spec_example_parses_with_html_summary() {
    let feed = load("jsonfeed_spec_1.json", "https://jsonfeed.org/feed.json");
    assert_eq!(feed.title.as_deref(), Some("JSON Feed"));
    assert_eq!(feed.home_page_url.as_deref(), Some("https://jsonfeed.org/"));
    assert_eq!(feed.items.len(), 1);
    let a = &feed.items[0];
    assert_eq!(a.title, "Announcing JSON Feed");
    assert_eq!(a.url, "https://jsonfeed.org/2017/05/17/announcing_json_feed");
    assert_eq!(a.published, Some(1_495_033_332));
    assert_eq!(a.authors, ["Brent Simmons and Manton Reece"]);
    let summary = a.summary.as_deref().unwrap();
    assert!(
        summary.starts_with("We — Manton Reece and Brent Simmons — have noticed that JSON"),
        "{summary}"
    );
    assert!(!summary.contains('<'), "markup removed: {summary}");
    assert!(summary.chars().count() <= 301, "{}", summary.chars().count());
    assert!(summary.ends_with('…'));
}
