//! Snapshots of the last good items of a block, kept across page views (the edge stores them in
//! `localStorage`) so a returning reader sees news at once and a failing feed does not blank the block.
//!
//! The format is a small JSON object `{"v":1,"saved":<unix ms>,"items":[…]}`. Decoding is lenient in the
//! one way that matters: anything unreadable (another version, a truncated value, a hand-edited entry)
//! is simply no snapshot. Storage is writable by anything on the host page's origin, so a decoded snapshot
//! is vetted like a fresh feed: URLs that are not http(s) are dropped, and so are items left without a
//! link or a title.

use crate::core::model::{Article, Feed};
use crate::core::url::{resolve, sanitize_srcset};

/// Bumped whenever [`Article`]'s shape changes, so old snapshots are ignored rather than misread.
const VERSION: u32 = 1;

#[derive(serde::Serialize)]
struct SnapshotOut<'a> {
    v: u32,
    saved: f64,
    next_url: Option<&'a str>,
    items: &'a [Article],
}

#[derive(serde::Deserialize)]
struct SnapshotIn {
    v: u32,
    saved: f64,
    #[serde(default)]
    next_url: Option<String>,
    items: Vec<Article>,
}

/// Encodes the first items of `feed` (newest first) into at most `max_bytes` of JSON, keeping as many
/// items as fit, up to `max_items`. Returns `None` when not even one item fits.
pub fn encode(feed: &Feed, saved_ms: f64, max_items: usize, max_bytes: usize) -> Option<String> {
    let mut n = feed.items.len().min(max_items);
    while n > 0 {
        let out = SnapshotOut {
            v: VERSION,
            saved: saved_ms,
            next_url: feed.next_url.as_deref(),
            items: feed.items.get(..n)?,
        };
        let json = serde_json::to_string(&out).ok()?;
        if json.len() <= max_bytes {
            return Some(json);
        }
        // Shrink in proportion to the overshoot rather than one item at a time.
        let ratio = max_bytes as f64 / json.len() as f64;
        n = ((n as f64 * ratio) as usize).min(n - 1);
    }
    None
}

/// Decodes a snapshot written by [`encode`]: the feed it held and when it was saved (Unix ms).
pub fn decode(json: &str) -> Option<(Feed, f64)> {
    let snap: SnapshotIn = serde_json::from_str(json).ok()?;
    if snap.v != VERSION {
        return None;
    }
    let items: Vec<Article> = snap.items.into_iter().filter_map(vet).collect();
    if items.is_empty() {
        return None;
    }
    let feed = Feed {
        next_url: snap.next_url.and_then(|u| resolve(None, &u)),
        items,
        ..Feed::default()
    };
    Some((feed, snap.saved))
}

/// The parsers' URL rules applied again to a stored item (a tampered entry must not reach an `href`).
fn vet(mut a: Article) -> Option<Article> {
    a.url = resolve(None, &a.url)?;
    if a.title.trim().is_empty() {
        return None;
    }
    a.image = a.image.and_then(|u| resolve(None, &u));
    a.image_srcset = a.image_srcset.and_then(|s| sanitize_srcset(&s, None));
    a.images.retain_mut(|i| match resolve(None, &i.url) {
        Some(u) => {
            i.url = u;
            i.thumb = i.thumb.take().and_then(|t| resolve(None, &t));
            i.srcset = i.srcset.take().and_then(|s| sanitize_srcset(&s, None));
            true
        }
        None => false,
    });
    Some(a)
}

/// The storage key of a block's sources: the same feed URLs share one snapshot whatever their order.
pub fn key(sources: &[String]) -> String {
    let mut sorted: Vec<&str> = sources.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    ["news-widget:v1:", &sorted.join(" ")].concat()
}
