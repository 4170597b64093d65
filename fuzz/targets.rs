//! The body of every fuzz target, shared with the regression tests (`tests/core_regressions.rs` includes
//! this file and replays `tests/fixtures/regressions/<target>/*` through [`run`]), so a crash found here is
//! replayed there exactly.
//!
//! Besides "no panic", the feed targets check the safety rules the browser edge relies on; a violated rule
//! panics, so libFuzzer keeps the input as a crash:
//! - every URL a block may put in an `href`/`src`/`srcset` (item url, image, gallery images, srcset
//!   candidates, home_page_url, next_url) is an absolute http(s) URL that `resolve` reads back unchanged
//!   (so what the core vetted is what the browser gets), with no whitespace, control or quote characters;
//! - titles are non-empty;
//! - the downstream pure code (selection, merging, gallery, snapshots, date display) accepts the result.
#![allow(dead_code)] // each fuzz binary uses one target function

use news_widget::core::bytes_json::ByteJson;
use news_widget::core::chunked::ChunkedJsonFeed;
use news_widget::core::config::{parse_config, BlockConfig, MAX_LIMIT, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS};
use news_widget::core::date::{format_datetime, format_iso, format_short, parse_date, parse_offset};
use news_widget::core::deferred::{Dated, READ_FIRST};
use news_widget::core::i18n::Lang;
use news_widget::core::jsonscan::check;
use news_widget::core::model::{Article, Feed, FeedError, FeedFormat};
use news_widget::core::parse::{detect_format, parse_feed};
use news_widget::core::select::{
    dedupe, gallery_images, has_tag, merge, sort_newest_first, top_newest, Current,
};
use news_widget::core::text::{
    clean_text, collapse_whitespace, decode_entities, first_img_src, html_to_text, truncate_chars,
};
use news_widget::core::url::{host, is_http_url, match_key, resolve, sanitize_srcset};
use news_widget::core::wordpress::next_page_url;
use news_widget::core::{snapshot, url};

/// Every target, by name (the name of its fuzz binary and of its regression folder).
pub const TARGETS: [&str; 13] = [
    "feed_detect",
    "feed_jsonfeed",
    "feed_json_check",
    "feed_chunked",
    "feed_deferred",
    "feed_wordpress",
    "feed_xml",
    "date",
    "url",
    "text",
    "config",
    "snapshot",
    "feedback",
];

/// Runs target `name` on one input; `false` for an unknown name.
pub fn run(name: &str, data: &[u8]) -> bool {
    match name {
        "feed_detect" => feed_detect(data),
        "feed_jsonfeed" => feed_forced(data, FeedFormat::JsonFeed),
        "feed_json_check" => feed_json_check(data),
        "feed_chunked" => feed_chunked(data),
        "feed_deferred" => feed_deferred(data),
        "feed_wordpress" => feed_forced(data, FeedFormat::WordPress),
        "feed_xml" => feed_xml(data),
        "date" => date(data),
        "url" => url_target(data),
        "text" => text(data),
        "config" => config(data),
        "snapshot" => snapshot_target(data),
        "feedback" => feedback_target(data),
        _ => return false,
    }
    true
}

/// The URL fuzzed feeds are "fetched" from: the base of their relative links.
pub const FEED_URL: &str = "https://portal.example/feeds/tin-moi/latest.json";

pub fn check_url(what: &str, u: &str) {
    let ok_scheme = u.starts_with("http://") || u.starts_with("https://");
    let clean = !u
        .bytes()
        .any(|c| c <= b' ' || c == 0x7F || matches!(c, b'"' | b'<' | b'>' | b'`'));
    assert!(ok_scheme && clean, "{what}: unsafe URL survived parsing: {u:?}");
    assert_eq!(
        url::resolve(None, u).as_deref(),
        Some(u),
        "{what}: resolve is not idempotent on its own output"
    );
    assert!(
        url::match_key(u).is_some(),
        "{what}: no match key for a vetted URL: {u:?}"
    );
}

pub fn check_srcset(what: &str, s: &str) {
    for candidate in s.split(", ") {
        let u = candidate.split(' ').next().unwrap_or_default();
        check_url(what, u);
    }
}

pub fn check_article(a: &Article) {
    check_url("url", &a.url);
    assert!(!a.title.trim().is_empty(), "empty title kept: {a:?}");
    if let Some(i) = &a.image {
        check_url("image", i);
    }
    if let Some(s) = &a.image_srcset {
        check_srcset("image_srcset", s);
    }
    for img in &a.images {
        check_url("images[].url", &img.url);
        if let Some(t) = &img.thumb {
            check_url("images[].thumb", t);
        }
        if let Some(s) = &img.srcset {
            check_srcset("images[].srcset", s);
        }
    }
    if let Some(ts) = a.published {
        let _ = format_datetime(ts, 420, Lang::Vi);
        let _ = format_iso(ts, -720);
        let _ = format_short(ts, 840);
    }
}

/// Checks a parsed feed and runs it through everything downstream of the parser.
pub fn check_feed(feed: Feed) {
    if let Some(u) = &feed.home_page_url {
        check_url("home_page_url", u);
    }
    if let Some(u) = &feed.next_url {
        check_url("next_url", u);
    }
    for a in &feed.items {
        check_article(a);
    }
    // What every block reads is held to the per-item limits, whatever the parser kept.
    let mut finished = feed.clone();
    let _ = news_widget::core::select::finish_feed(&mut finished, "https://portal.example/feed", None);
    for a in &finished.items {
        use news_widget::core::rules as r;
        assert!(a.url.len() <= r::URL_BYTES && a.id.len() <= r::ID_BYTES, "{a:?}");
        assert!(
            a.title.chars().count() <= r::TITLE_CHARS + 1,
            "title of {} chars",
            a.title.chars().count()
        );
        assert!(a.tags.len() <= r::TAGS_PER_ITEM && a.authors.len() <= r::AUTHORS_PER_ITEM);
        assert!(a.images.len() <= r::IMAGES_PER_ITEM, "{} images", a.images.len());
        for s in a
            .image_srcset
            .iter()
            .chain(a.images.iter().filter_map(|i| i.srcset.as_ref()))
        {
            assert!(s.len() <= r::URL_BYTES, "srcset of {} bytes", s.len());
        }
    }

    let mut items = feed.items.clone();
    sort_newest_first(&mut items);
    let _ = top_newest(&feed.items, 10);
    let _ = gallery_images(&items, 50);
    let current = Current::new(
        items.first().map(|a| a.id.as_str()),
        None,
        Some("https://portal.example/bai-viet.html"),
    );
    let tag = items
        .first()
        .and_then(|a| a.tags.first())
        .cloned()
        .unwrap_or_default();
    let _ = items
        .iter()
        .filter(|a| !current.is_current(a) && has_tag(a, &tag))
        .count();
    let _ = dedupe(items.clone());
    let _ = merge(vec![feed.clone(), feed.clone()]);

    // What the edge stores in localStorage (a feed held to the per-item limits by `finish_feed`) must read
    // back as the same items.
    let mut stored = feed.clone();
    stored.items.retain_mut(news_widget::core::rules::bound_article);
    if let Some(json) = snapshot::encode(&stored, 1.7e12, 50, 96 * 1024) {
        let (back, saved) = snapshot::decode(&json).expect("a snapshot we wrote must decode");
        assert_eq!(saved, 1.7e12);
        assert_eq!(back.next_url, stored.next_url);
        assert_eq!(
            back.items.as_slice(),
            stored.items.get(..back.items.len()).unwrap_or_default()
        );
    }
    let _ = BlockConfig::default();
}

/// Format detection and dispatch (`parse_feed` with no forced format), as the edge calls it on every body.
pub fn feed_detect(data: &[u8]) {
    let _ = detect_format(data);
    match parse_feed(data, Some(FEED_URL), None) {
        Ok(feed) => check_feed(feed),
        // The console reason must always be printable.
        Err(e) => drop(e.to_string()),
    }
}

/// One parser forced (as with the `format` attribute), on any body.
pub fn feed_forced(data: &[u8], format: FeedFormat) {
    if let Ok(feed) = parse_feed(data, Some(FEED_URL), Some(format)) {
        check_feed(feed);
    }
}

/// The JSON Feed read slice by slice (`chunked`, what the edge does with large bodies): whenever the slicer
/// takes a body, the result must equal one whole `parse_feed`, whatever the slice size (the first byte picks
/// it), and a body it gives up on midway must be one the whole parse refuses too.
pub fn feed_chunked(data: &[u8]) {
    let n = usize::from(data.first().copied().unwrap_or(0) % 8) + 1;
    let Some(mut chunked) = ChunkedJsonFeed::new(data, Some(FEED_URL)) else {
        return;
    };
    let whole = parse_feed(data, Some(FEED_URL), None);
    let mut steps = 0usize;
    loop {
        match chunked.step(n) {
            Ok(true) => break,
            Ok(false) => {}
            Err(()) => {
                assert!(
                    whole.is_err(),
                    "the slicer gave up on a body the whole parse reads"
                );
                return;
            }
        }
        steps += 1;
        assert!(steps <= data.len() + 1, "no progress after {steps} steps");
    }
    let sliced = chunked.finish();
    match whole {
        Ok(feed) => {
            assert_eq!(sliced, feed, "slices of {n} differ from the whole parse");
            check_feed(feed);
        }
        Err(e) => panic!("the slicer read a body the whole parse refuses ({e}): {sliced:?}"),
    }
}

/// A JSON Feed read newest first (`deferred`: dates scanned, the newest items read, the rest on demand)
/// against one whole parse + `finish_feed`: the same items in the same order, the same feed fields, the
/// first [`READ_FIRST`] read at once. A body it refuses (not delimitable, not valid JSON, a second `items`)
/// is parsed whole by the edge: nothing to compare then. Left out, as in [`feed_json_check`]: bodies that
/// `JSON.parse` reads and serde_json refuses (lone surrogates, numbers beyond the double range, nesting past
/// serde_json's limit), which only the native parser cannot read again.
pub fn feed_deferred(data: &[u8]) {
    let n = usize::from(data.first().copied().unwrap_or(0) % 8) + 1;
    let Some(dated) = Dated::<ByteJson>::new(data, Some(FEED_URL)) else {
        return;
    };
    let read = finish_scan(dated, data, n);
    // The same body scanned while it arrives, in parts of a size the input picks: the same result.
    let part = usize::from(data.get(1).copied().unwrap_or(0)) * 3 + 1;
    let mut early: Option<Dated<ByteJson>> = None;
    let mut received = 0;
    while received < data.len() {
        received = (received + part).min(data.len());
        let got = &data[..received];
        if early.is_none() {
            early = Dated::new(got, Some(FEED_URL));
        }
        if let Some(d) = early.as_mut() {
            let mut calls = 0usize;
            while d.step_received(got, n) > 0 {
                calls += 1;
                assert!(calls <= got.len(), "no progress while the body arrives");
            }
        }
    }
    let early = early.expect("a body taken whole is taken once all of it has arrived");
    let arrived = finish_scan(early, data, n);
    match (&read, &arrived) {
        (Some(a), Some(b)) => {
            assert_eq!(a.title, b.title);
            assert_eq!(a.items, b.items, "the items read first, scanned while arriving");
            assert_eq!(a.all_items(), b.all_items(), "every item, scanned while arriving");
            assert_eq!(a.warnings, b.warnings);
        }
        (a, b) => assert_eq!(a.is_none(), b.is_none(), "refused by one scan only"),
    }
    let Some(late) = read else {
        return;
    };
    let mut whole = match parse_feed(data, Some(FEED_URL), Some(FeedFormat::JsonFeed)) {
        Ok(feed) => feed,
        Err(e) if native_only(&e.to_string()) => return,
        Err(e) => panic!("read newest first a body the whole parse refuses ({e}): {late:?}"),
    };
    news_widget::core::select::finish_feed(&mut whole, FEED_URL, None);
    assert_eq!(late.title, whole.title);
    assert_eq!(late.next_url, whole.next_url);
    let first = whole.items.len().min(READ_FIRST);
    assert_eq!(
        late.items.as_slice(),
        whole.items.get(..first).unwrap_or_default(),
        "the items read first"
    );
    assert_eq!(late.all_items(), whole.items.as_slice(), "every item, in order");
    check_feed(whole);
}

/// The rest of a newest-first scan over the whole body, `n` elements per step, and the feed it reads;
/// `None` when the scan refuses the body.
fn finish_scan(mut dated: Dated<ByteJson>, data: &[u8], n: usize) -> Option<Feed> {
    let mut steps = 0usize;
    while !dated.step(data, n).ok()? {
        steps += 1;
        assert!(steps <= data.len() + 1, "no progress after {steps} steps");
    }
    Some(dated.finish(data.to_vec(), FEED_URL, None, str::to_owned).0)
}

/// True for a serde_json error about what `JSON.parse` reads (see [`feed_json_check`]).
fn native_only(message: &str) -> bool {
    ["surrogate", "hex escape", "out of range", "recursion limit"]
        .iter()
        .any(|k| message.contains(k))
}

/// The JSON syntax check (`jsonscan::check`), which locates the errors of bodies `JSON.parse` refuses in the
/// browser and of every body natively, against serde_json on the same text: a value serde_json reads must
/// pass the check and end where serde_json ends it; an error must have serde_json's message, line and
/// column. Left out: what `JSON.parse` reads and serde_json refuses (lone surrogates, numbers beyond the
/// double range, nesting past serde_json's limit).
pub fn feed_json_check(data: &[u8]) {
    use serde_json::Value;
    let text = String::from_utf8_lossy(data);
    let known = |e: &serde_json::Error| native_only(&e.to_string());
    let whole = serde_json::from_str::<Value>(&text);
    match check(text.as_bytes()) {
        Ok(end) => {
            // The check ends a value after an ASCII byte: a character boundary.
            let prefix = text
                .get(..end)
                .expect("the end of a value is a character boundary");
            match serde_json::from_str::<Value>(prefix) {
                Ok(value) => {
                    let trailing = !text[end..].trim_start_matches([' ', '\t', '\n', '\r']).is_empty();
                    match &whole {
                        Ok(v) => assert!(!trailing && *v == value, "{text:?}"),
                        Err(e) => assert!(
                            trailing && e.to_string().starts_with("trailing characters"),
                            "{text:?}: {e}"
                        ),
                    }
                }
                Err(e) => assert!(
                    known(&e),
                    "the check passed what serde_json refuses ({e}): {text:?}"
                ),
            }
        }
        Err(syntax) => {
            let e = whole.expect_err("the check refused what serde_json reads");
            if known(&e) {
                return;
            }
            match syntax.feed_error(text.as_bytes()) {
                FeedError::Json {
                    line,
                    column,
                    message,
                } => assert_eq!(
                    format!("{message} at line {line} column {column}"),
                    e.to_string(),
                    "{text:?}"
                ),
                other => panic!("{other:?}"),
            }
        }
    }
}

/// The RSS/Atom reader, forced as RSS or as Atom by the parity of the first byte (both names reach the same
/// reader today, so each input is read once; a future split is covered either way).
pub fn feed_xml(data: &[u8]) {
    let format = match data.first() {
        Some(b) if b % 2 == 1 => FeedFormat::Atom,
        _ => FeedFormat::Rss,
    };
    feed_forced(data, format);
}

/// Dates (`parse_date`), UTC offsets (`parse_offset`, the `tz` attribute) and the display forms of any
/// instant at any offset (the first 12 bytes, when present, are also an instant and an offset).
pub fn date(data: &[u8]) {
    if let Some((head, _)) = data.split_first_chunk::<12>() {
        let (ts, off) = head.split_at(8);
        let ts = i64::from_le_bytes(ts.try_into().unwrap_or_default());
        let off = i32::from_le_bytes(off.try_into().unwrap_or_default());
        let _ = format_datetime(ts, off, Lang::Vi);
        let _ = format_datetime(ts, off, Lang::En);
        let _ = format_short(ts, off);
        let _ = format_iso(ts, off);
    }
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(ts) = parse_date(s) {
        // The ISO form written for `<time datetime>` must read back as the same instant (unless the offset
        // pushed it out of the years 1..=9999 that parse_date accepts).
        let iso = format_iso(ts, 0);
        if let Some(back) = parse_date(&iso) {
            assert_eq!(back, ts, "{s:?} -> {ts} -> {iso:?}");
        }
        let _ = format_datetime(ts, 420, Lang::Vi);
    }
    if let Some(off) = parse_offset(s) {
        assert!((-18 * 60..=18 * 60).contains(&off), "{s:?} -> offset {off}");
        let _ = format_iso(0, off);
    }
}

/// URLs: `resolve` (against a base and alone), `match_key`, `sanitize_srcset`, `host`, and the WordPress
/// `next_page_url` built on them. The input is `base\nreference`, or a reference resolved against [`FEED_URL`].
pub fn url_target(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let (base, reference) = s.split_once('\n').unwrap_or((FEED_URL, s));
    for b in [Some(base), Some(FEED_URL), None] {
        if let Some(u) = resolve(b, reference) {
            check_url("resolve", &u);
            let _ = host(&u);
            if let Some(next) = next_page_url(&u, Some("3")) {
                check_url("next_page_url", &next);
            }
        }
        if let Some(set) = sanitize_srcset(reference, b) {
            check_srcset("sanitize_srcset", &set);
        }
    }
    let _ = match_key(reference);
    let _ = host(reference);
    let _ = is_http_url(reference);
    let _ = next_page_url(reference, Some(base));
}

/// Feed text: `html_to_text`, `decode_entities`, `first_img_src`, `clean_text`, `truncate_chars`.
pub fn text(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let plain = html_to_text(s);
    assert_eq!(plain, plain.trim(), "html_to_text must trim");
    let _ = decode_entities(s);
    let _ = clean_text(s);
    let _ = collapse_whitespace(s);
    if let Some(src) = first_img_src(s) {
        let _ = resolve(Some("https://portal.example/a/b.html"), &src);
    }
    let n = usize::from(data.first().copied().unwrap_or(0));
    let cut = truncate_chars(s, n);
    assert!(
        cut.chars().count() <= n + 1,
        "truncate_chars({n}) gave {} chars",
        cut.chars().count()
    );
}

/// Block configuration from attributes (`parse_config`). The input is lines `name=value`: the attributes a
/// host element carries (a name without `=` is a bare attribute, value ""); the first occurrence wins.
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let attrs: Vec<(&str, &str)> = text
        .split('\n')
        .map(|line| line.split_once('=').unwrap_or((line, "")))
        .collect();
    let get = |name: &str| -> Option<String> {
        attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    };
    let (config, warnings) = parse_config(&get);
    assert!((1..=MAX_LIMIT).contains(&config.limit), "limit {}", config.limit);
    assert!((MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS).contains(&config.timeout_ms));
    assert!((-18 * 60..=18 * 60).contains(&config.tz_offset_minutes));
    assert!(!config.referrer.is_empty());
    // A warning quotes the attribute value cut short: the console line stays bounded.
    for w in &warnings {
        assert!(
            w.chars().count() < 400,
            "warning too long: {} chars",
            w.chars().count()
        );
    }
}

/// Snapshot decoding: `localStorage` is the page's (and the reader's) to edit, so any string may come back,
/// and what decodes is rendered like a fresh feed.
pub fn snapshot_target(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Some((feed, saved)) = snapshot::decode(s) {
        if let Some(u) = &feed.next_url {
            check_url("snapshot next_url", u);
        }
        for a in &feed.items {
            check_article(a);
        }
        // What the edge does with a recalled snapshot: show its age, keep it, write it again.
        let _ = format_short((saved / 1000.0) as i64, 420);
        if let Some(json) = snapshot::encode(&feed, saved, 50, 96 * 1024) {
            let _ = snapshot::decode(&json);
        }
    }
}

/// The feedback endpoint's answers and the stored draft are read by the block: a `400` body's field errors,
/// a `Retry-After` value, the published list and a `sessionStorage` draft never panic, and what they give is
/// bounded plain text.
pub fn feedback_target(data: &[u8]) {
    use news_widget::core::feedback_ui;
    for (_, message) in feedback_ui::field_errors(data) {
        assert!(
            !message.is_empty() && message.chars().count() <= 201,
            "{message:?}"
        );
    }
    let list = feedback_ui::parse_published(data);
    assert!(list.len() <= feedback_ui::MAX_PUBLISHED);
    for p in &list {
        assert!(!p.message.trim().is_empty());
        if let Some(ts) = p.date {
            let _ = format_datetime(ts, 420, Lang::Vi);
        }
    }
    if let Ok(s) = std::str::from_utf8(data) {
        if let Some(secs) = feedback_ui::retry_after_secs(s, 1_700_000_000) {
            assert!(secs <= 86_400);
            let _ = feedback_ui::retry_message(Some(secs), Lang::Vi);
        }
        if let Some(draft) = feedback_ui::decode_draft(s) {
            let _ = feedback_ui::encode_draft(&draft);
        }
    }
}
