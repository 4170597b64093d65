//! Channels: the JSON Feed served and its HTTP caching headers; conditional upstream requests; the last
//! good copy kept through every kind of upstream fault and through a restart; health reporting.

mod common;

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{channel_toml, client, feed_json, start_relay, upstream, Mode};
use news_widget::core::parse::parse_feed;

fn feed_mode(prefix: &str, n: usize, etag: &str) -> Mode {
    Mode::Feed {
        body: feed_json(prefix, n),
        etag: etag.to_owned(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_json_feed_with_cache_headers() {
    let up = upstream(feed_mode("a", 30, "\"v1\"")).await;
    let relay = start_relay(&channel_toml(&[up.url("/feed.json")]), None, None).await;
    relay.relay.refresh_all().await;
    let c = client();

    let r = c.get(relay.url("/feeds/news.json")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "application/feed+json; charset=utf-8");
    assert_eq!(h["access-control-allow-origin"], "*");
    assert_eq!(
        h["cache-control"],
        "public, max-age=300, stale-while-revalidate=300"
    );
    assert!(h.contains_key("last-modified"));
    assert!(!h.contains_key("set-cookie"));
    let etag = h["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"') && !etag.starts_with("W/"));
    let body = r.bytes().await.unwrap();

    // Valid JSON Feed 1.1, capped to `size`, read back by the core.
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(v["title"], "Tin mới");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 20);
    let first = &items[0];
    for key in [
        "id",
        "url",
        "title",
        "summary",
        "image",
        "date_published",
        "tags",
        "authors",
        "attachments",
    ] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    assert!(first["date_published"].as_str().unwrap().ends_with("+00:00"));
    let att = first["attachments"].as_array().unwrap();
    assert!(att
        .iter()
        .any(|a| a["mime_type"] == "image/png" && a["title"].as_str().unwrap().starts_with("Ảnh")));
    let parsed = parse_feed(&body, Some("http://relay.example/feeds/news.json"), None).unwrap();
    assert_eq!(parsed.items.len(), 20);
    assert_eq!(parsed.items[0].authors, vec!["Thu Thảo".to_owned()]);

    // The same bytes again: same ETag; 304 on a match, also for a list and a weak form.
    let r2 = c.get(relay.url("/feeds/news.json")).send().await.unwrap();
    assert_eq!(r2.headers()["etag"].to_str().unwrap(), etag);
    assert_eq!(r2.bytes().await.unwrap(), body);
    for inm in [etag.clone(), format!("\"nope\", {etag}"), format!("W/{etag}")] {
        let r = c
            .get(relay.url("/feeds/news.json"))
            .header("if-none-match", inm)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 304);
        assert_eq!(r.headers()["etag"].to_str().unwrap(), etag);
        assert!(r.bytes().await.unwrap().is_empty());
    }
    let r = c
        .get(relay.url("/feeds/news.json"))
        .header("if-none-match", "\"other\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // If-Modified-Since alone.
    let lm = h["last-modified"].to_str().unwrap().to_owned();
    let r = c
        .get(relay.url("/feeds/news.json"))
        .header("if-modified-since", lm)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);

    // HEAD: headers, no body.
    let r = c.head(relay.url("/feeds/news.json")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["etag"].to_str().unwrap(), etag);
    assert!(r.bytes().await.unwrap().is_empty());

    // Unknown channels and other paths.
    for path in [
        "/feeds/other.json",
        "/feeds/news",
        "/feeds/news.xml",
        "/feeds/",
        "/nothing",
    ] {
        let r = c.get(relay.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
    assert_eq!(up.hits(), 1, "readers never cause fetches");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conditional_upstream_requests_and_merge() {
    let a = upstream(feed_mode("a", 5, "\"a1\"")).await;
    let b = upstream(feed_mode("b", 5, "\"b1\"")).await;
    let relay = start_relay(&channel_toml(&[a.url("/a.json"), b.url("/b.json")]), None, None).await;
    relay.relay.refresh_all().await;
    let c = client();
    let v: serde_json::Value = c
        .get(relay.url("/feeds/news.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 10, "both upstreams merged");
    let etag1 = c
        .get(relay.url("/feeds/news.json"))
        .send()
        .await
        .unwrap()
        .headers()["etag"]
        .clone();

    // Second refresh: If-None-Match sent, 304 answered, nothing changes.
    relay.relay.refresh_all().await;
    let second = a.requests.lock().unwrap()[1].to_ascii_lowercase();
    assert!(second.contains("if-none-match: \"a1\""), "{second}");
    let health: serde_json::Value = c
        .get(relay.url("/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["channels"]["news"]["upstreams"][0]["not_modified"], 1);
    let etag2 = c
        .get(relay.url("/feeds/news.json"))
        .send()
        .await
        .unwrap()
        .headers()["etag"]
        .clone();
    assert_eq!(etag1, etag2);

    // New content upstream: new ETag.
    a.set(feed_mode("a", 6, "\"a2\""));
    relay.relay.refresh_all().await;
    let r = c.get(relay.url("/feeds/news.json")).send().await.unwrap();
    assert_ne!(r.headers()["etag"], etag1);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 11);
}

/// Each fault in turn: the channel keeps serving the very same bytes, and health says which upstream is
/// failing, since when, and why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn last_good_copy_survives_every_fault() {
    let up = upstream(feed_mode("good", 8, "\"g\"")).await;
    // Redirect loops start at /a.
    let relay = start_relay(&channel_toml(&[up.url("/a")]), None, None).await;
    relay.relay.refresh_all().await;
    let c = client();
    let good = c.get(relay.url("/feeds/news.json")).send().await.unwrap();
    let good_etag = good.headers()["etag"].clone();
    let good_body = good.bytes().await.unwrap();

    let faults: Vec<(&str, Mode, &str)> = vec![
        ("timeout", Mode::Hang, "timed out"),
        ("500", Mode::Status(500), "HTTP status 500"),
        ("404", Mode::Status(404), "HTTP status 404"),
        ("garbage", Mode::Garbage, "unreadable feed"),
        ("redirect loop", Mode::RedirectLoop, "more than 3 redirects"),
        (
            "1 GB chunked",
            Mode::Huge {
                total: 1 << 30,
                declare_length: false,
            },
            "larger than 1000000 bytes",
        ),
        (
            "1 GB declared",
            Mode::Huge {
                total: 1 << 30,
                declare_length: true,
            },
            "larger than 1000000 bytes",
        ),
    ];
    for (what, mode, why) in faults {
        up.written.store(0, Ordering::SeqCst);
        up.set(mode);
        let t0 = Instant::now();
        relay.relay.refresh_all().await;
        let took = t0.elapsed();
        assert!(took < Duration::from_secs(5), "{what}: refresh took {took:?}");

        let r = c.get(relay.url("/feeds/news.json")).send().await.unwrap();
        assert_eq!(r.status(), 200, "{what}");
        assert_eq!(r.headers()["etag"], good_etag, "{what}");
        assert_eq!(r.bytes().await.unwrap(), good_body, "{what}");

        let h: serde_json::Value = c
            .get(relay.url("/healthz"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(h["status"], "degraded", "{what}");
        let u = &h["channels"]["news"]["upstreams"][0];
        assert_eq!(u["ok"], false, "{what}");
        assert!(u["failing_since"].is_string(), "{what}");
        let err = u["last_error"].as_str().unwrap();
        assert!(err.contains(why), "{what}: {err}");
        assert_eq!(h["channels"]["news"]["items"], 8);
        // Streamed, never buffered: the relay stopped reading at the cap, long before 1 GB.
        let written = up.written.load(Ordering::SeqCst);
        assert!(
            written < 64 << 20,
            "{what}: the upstream could write {written} bytes"
        );
    }

    // Back to good: health recovers, content unchanged (same ETag: the upstream's bytes are the same).
    up.set(feed_mode("good", 8, "\"g\""));
    relay.relay.refresh_all().await;
    let h: serde_json::Value = c
        .get(relay.url("/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(h["status"], "ok");
    assert_eq!(
        h["channels"]["news"]["upstreams"][0]["failing_since"],
        serde_json::Value::Null
    );
    let r = c.get(relay.url("/feeds/news.json")).send().await.unwrap();
    assert_eq!(r.headers()["etag"], good_etag);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_failing_upstream_keeps_its_items_in_the_merge() {
    let a = upstream(feed_mode("a", 3, "\"a\"")).await;
    let b = upstream(feed_mode("b", 3, "\"b\"")).await;
    let relay = start_relay(&channel_toml(&[a.url("/a.json"), b.url("/b.json")]), None, None).await;
    relay.relay.refresh_all().await;
    b.set(Mode::Status(503));
    a.set(feed_mode("a", 4, "\"a2\""));
    relay.relay.refresh_all().await;
    let v: serde_json::Value = client()
        .get(relay.url("/feeds/news.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 7, "{ids:?}");
    assert!(ids.contains(&"b-0") && ids.contains(&"a-3"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn last_good_copy_survives_a_restart() {
    let up = upstream(feed_mode("disk", 4, "\"d\"")).await;
    let toml = channel_toml(&[up.url("/feed.json")]);
    let first = start_relay(&toml, None, None).await;
    first.relay.refresh_all().await;
    let c = client();
    let r = c.get(first.url("/feeds/news.json")).send().await.unwrap();
    let etag = r.headers()["etag"].clone();
    let lm = r.headers()["last-modified"].clone();
    let body = r.bytes().await.unwrap();

    // A new relay on the same state directory, upstream down: it serves the same bytes at once, before any
    // refresh, with the same validators.
    up.set(Mode::Status(500));
    let second = start_relay(&toml, Some(Arc::clone(&first.dir)), None).await;
    let h: serde_json::Value = c
        .get(second.url("/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(h["status"], "ok", "serving from disk, nothing tried yet: {h}");
    assert_eq!(h["channels"]["news"]["upstreams"][0]["fetches"], 0);
    let r = c.get(second.url("/feeds/news.json")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["etag"], etag);
    assert_eq!(r.headers()["last-modified"], lm);
    assert_eq!(r.bytes().await.unwrap(), body);
    second.relay.refresh_all().await;
    let r = c.get(second.url("/feeds/news.json")).send().await.unwrap();
    assert_eq!(r.headers()["etag"], etag);

    // Its conditional request carries the validators loaded from disk.
    up.set(feed_mode("disk", 4, "\"d\""));
    second.relay.refresh_all().await;
    let last = up.requests.lock().unwrap().last().unwrap().to_ascii_lowercase();
    assert!(last.contains("if-none-match: \"d\""), "{last}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_content_yet_is_503_and_health_says_so() {
    let up = upstream(Mode::Status(500)).await;
    let relay = start_relay(&channel_toml(&[up.url("/feed.json")]), None, None).await;
    let c = client();
    let r = c.get(relay.url("/feeds/news.json")).send().await.unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["cache-control"], "no-store");
    // A portal's page reads the status and Retry-After instead of a CORS failure.
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    assert_eq!(r.headers()["retry-after"], "30");
    let r = c.get(relay.url("/feeds/unknown.json")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    relay.relay.refresh_all().await;
    let r = c.get(relay.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 503);
    let h: serde_json::Value = r.json().await.unwrap();
    assert_eq!(h["status"], "unavailable");
    assert_eq!(
        h["channels"]["news"]["upstreams"][0]["last_error"],
        "HTTP status 500"
    );
}
