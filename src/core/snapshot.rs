//! Snapshots of the last good items of a block, kept across page views (the edge stores them in
//! `localStorage`) so a returning reader sees news at once and a failing feed does not blank the block.
//!
//! The format is a small JSON object `{"v":1,"saved":<unix ms>,"next_url":…,"items":[…]}`, each item an
//! object of the [`Article`] fields by name; it is written by a small writer here and read back through
//! the [`Node`] interface, so the module needs no JSON library. Decoding is strict in shape and lenient in
//! the one way that matters: anything unreadable (another version, a truncated value, a hand-edited entry,
//! a field of the wrong type) is simply no snapshot. Storage is writable by anything on the host page's
//! origin, so a decoded snapshot is vetted like a fresh feed: URLs that are not http(s) are dropped, and so
//! are items left without a link or a title; every item is held to the feed limits
//! ([`rules::bound_article`]); [`check`] then refuses a snapshot that is too old or saved in the future,
//! and keeps its next page only on the origin of the feed it came from.

use crate::core::json_out::{push_key, push_str};
use crate::core::model::{Article, Feed, FeedFormat, ImageRef};
use crate::core::rules;
use crate::core::text::{push_i64, push_u64};
use crate::core::tree::{Json, Kind, Node};
use crate::core::url::{origin, resolve, sanitize_srcset};

/// Bumped whenever [`Article`]'s shape changes, so old snapshots are ignored rather than misread.
const VERSION: u64 = 1;

fn push_opt_str(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.push_str("null"),
    }
}

fn push_opt_u32(out: &mut String, n: Option<u32>) {
    match n {
        Some(n) => push_u64(out, n.into()),
        None => out.push_str("null"),
    }
}

fn push_str_list(out: &mut String, list: &[String]) {
    out.push('[');
    for (i, s) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_str(out, s);
    }
    out.push(']');
}

fn push_image(out: &mut String, i: &ImageRef) {
    out.push('{');
    push_key(out, "url");
    push_str(out, &i.url);
    push_key(out, "thumb");
    push_opt_str(out, i.thumb.as_deref());
    push_key(out, "caption");
    push_str(out, &i.caption);
    push_key(out, "srcset");
    push_opt_str(out, i.srcset.as_deref());
    push_key(out, "width");
    push_opt_u32(out, i.width);
    push_key(out, "height");
    push_opt_u32(out, i.height);
    out.push('}');
}

fn push_article(out: &mut String, a: &Article) {
    out.push('{');
    push_key(out, "id");
    push_str(out, &a.id);
    push_key(out, "url");
    push_str(out, &a.url);
    push_key(out, "title");
    push_str(out, &a.title);
    push_key(out, "summary");
    push_opt_str(out, a.summary.as_deref());
    push_key(out, "image");
    push_opt_str(out, a.image.as_deref());
    push_key(out, "image_alt");
    push_opt_str(out, a.image_alt.as_deref());
    push_key(out, "image_srcset");
    push_opt_str(out, a.image_srcset.as_deref());
    push_key(out, "published");
    match a.published {
        Some(t) => push_i64(out, t),
        None => out.push_str("null"),
    }
    push_key(out, "tags");
    push_str_list(out, &a.tags);
    push_key(out, "authors");
    push_str_list(out, &a.authors);
    push_key(out, "images");
    out.push('[');
    for (i, img) in a.images.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_image(out, img);
    }
    out.push(']');
    push_key(out, "source");
    push_opt_str(out, a.source.as_deref());
    out.push('}');
}

/// The snapshot of `items` (Unix ms `saved`, written as whole milliseconds).
fn write(items: &[Article], next_url: Option<&str>, saved_ms: f64) -> String {
    let mut out = String::with_capacity(256 + items.len() * 512);
    out.push('{');
    push_key(&mut out, "v");
    push_u64(&mut out, VERSION);
    push_key(&mut out, "saved");
    // Whole milliseconds (`Date.now()` always is); `as` saturates, and NaN is 0.
    push_i64(&mut out, saved_ms.round() as i64);
    push_key(&mut out, "next_url");
    push_opt_str(&mut out, next_url);
    push_key(&mut out, "items");
    out.push('[');
    for (i, a) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_article(&mut out, a);
    }
    out.push_str("]}");
    out
}

/// Encodes the first items of `feed` (newest first) into at most `max_bytes` of JSON, keeping as many
/// items as fit, up to `max_items`. Returns `None` when not even one item fits.
pub fn encode(feed: &Feed, saved_ms: f64, max_items: usize, max_bytes: usize) -> Option<String> {
    let mut n = feed.items.len().min(max_items);
    while n > 0 {
        let json = write(feed.items.get(..n)?, feed.next_url.as_deref(), saved_ms);
        if json.len() <= max_bytes {
            return Some(json);
        }
        // Shrink in proportion to the overshoot rather than one item at a time.
        let ratio = max_bytes as f64 / json.len() as f64;
        n = ((n as f64 * ratio) as usize).min(n - 1);
    }
    None
}

/// A required string field.
fn string<N: Node>(o: &N, name: &'static str) -> Option<String> {
    o.str_field(name)
}

/// An optional string field: missing or `null` is `None`; any other type makes the snapshot unreadable.
fn opt_string<N: Node>(o: &N, name: &'static str) -> Option<Option<String>> {
    match o.field(name) {
        None => Some(None),
        Some(v) if v.kind() == Kind::Null => Some(None),
        Some(v) => v.as_str().map(|s| Some(s.into_owned())),
    }
}

/// An optional whole number field, by the same rule.
fn opt_int<N: Node>(o: &N, name: &'static str) -> Option<Option<i64>> {
    match o.field(name) {
        None => Some(None),
        Some(v) if v.kind() == Kind::Null => Some(None),
        Some(v) => v.as_number()?.as_i64().map(Some),
    }
}

/// A required array of strings.
fn strings<N: Node>(o: &N, name: &'static str) -> Option<Vec<String>> {
    let list = o.field(name).filter(Node::is_array)?;
    list.elements()
        .map(|s| s.as_str().map(|s| s.into_owned()))
        .collect()
}

fn image<N: Node>(o: &N) -> Option<ImageRef> {
    let dim = |name: &'static str| -> Option<Option<u32>> {
        match opt_int(o, name)? {
            None => Some(None),
            Some(n) => u32::try_from(n).ok().map(Some),
        }
    };
    Some(ImageRef {
        url: string(o, "url")?,
        // Absent in snapshots written before photos had small versions.
        thumb: opt_string(o, "thumb")?,
        caption: string(o, "caption")?,
        srcset: opt_string(o, "srcset")?,
        width: dim("width")?,
        height: dim("height")?,
    })
}

fn article<N: Node>(o: &N) -> Option<Article> {
    if !o.is_object() {
        return None;
    }
    let images = o.field("images").filter(Node::is_array)?;
    Some(Article {
        id: string(o, "id")?,
        url: string(o, "url")?,
        title: string(o, "title")?,
        summary: opt_string(o, "summary")?,
        image: opt_string(o, "image")?,
        image_alt: opt_string(o, "image_alt")?,
        image_srcset: opt_string(o, "image_srcset")?,
        published: opt_int(o, "published")?,
        tags: strings(o, "tags")?,
        authors: strings(o, "authors")?,
        images: images
            .elements()
            .map(|i| if i.is_object() { image(&i) } else { None })
            .collect::<Option<_>>()?,
        source: opt_string(o, "source")?,
    })
}

/// Decodes a snapshot written by [`encode`], reading JSON with the parser `J`: the feed it held and when
/// it was saved (Unix ms).
pub fn decode_with<J: Json>(json: &str) -> Option<(Feed, f64)> {
    let (doc, trailing) = J::read(json.as_bytes()).ok()?;
    let root = J::root(&doc);
    if trailing || !root.is_object() || root.field("v")?.as_number()?.as_u64()? != VERSION {
        return None;
    }
    let saved = root.field("saved")?.as_number()?.as_f64();
    let next_url = opt_string(&root, "next_url")?;
    let list = root.field("items").filter(Node::is_array)?;
    let items: Vec<Article> = list
        .elements()
        .take(MAX_ITEMS)
        .map(|a| article(&a))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .filter_map(vet)
        .collect();
    if items.is_empty() {
        return None;
    }
    let feed = Feed {
        next_url: next_url.and_then(|u| resolve(None, &u)),
        items,
        ..Feed::default()
    };
    Some((feed, saved))
}

/// [`decode_with`] the module's JSON parser (`bytes_json`).
pub fn decode(json: &str) -> Option<(Feed, f64)> {
    decode_with::<crate::core::bytes_json::ByteJson>(json)
}

/// The parsers' URL rules applied again to a stored item (a tampered entry must not reach an `href`).
fn vet(mut a: Article) -> Option<Article> {
    a.url = resolve(None, &a.url)?;
    if a.title.trim().is_empty() || !rules::bound_article(&mut a) {
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

/// Items a snapshot holds at most (more are not read back).
pub const MAX_ITEMS: usize = 50;
/// A saved list older than this (7 days) is no longer shown.
pub const MAX_AGE_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;
/// Clocks drift between page views: a save time up to this far after `now` is still believed.
const CLOCK_SKEW_MS: f64 = 5.0 * 60.0 * 1000.0;

/// Why a decoded snapshot is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Saved more than [`MAX_AGE_MS`] before `now`.
    Expired,
    /// Its save time is not a finite instant at or before `now` (give or take the clock skew).
    BadSaveTime,
}

impl Refused {
    /// The console text.
    pub const fn as_str(self) -> &'static str {
        match self {
            Refused::Expired => "the saved list of this block is older than 7 days; not shown",
            Refused::BadSaveTime => "the saved list of this block has an impossible save time; not shown",
        }
    }
}

/// Whether a decoded snapshot may be shown at `now_ms` to a block reading `sources`: recent enough, saved
/// at a believable time; its next page is kept only when it is on the origin of one of `sources` (the
/// same rule as a fresh feed's, since storage is writable by the host page's scripts).
///
/// # Errors
/// [`Refused`] when the snapshot must be ignored.
pub fn check(feed: &mut Feed, saved_ms: f64, now_ms: f64, sources: &[String]) -> Result<(), Refused> {
    if !saved_ms.is_finite() || saved_ms < 0.0 || saved_ms > now_ms + CLOCK_SKEW_MS {
        return Err(Refused::BadSaveTime);
    }
    if now_ms - saved_ms > MAX_AGE_MS {
        return Err(Refused::Expired);
    }
    if let Some(next) = feed.next_url.take() {
        let o = origin(&next);
        if o.is_some() && sources.iter().any(|s| origin(s) == o) {
            feed.next_url = Some(next);
        }
    }
    Ok(())
}

/// Every storage key this widget writes starts with this; it never removes any other key.
pub const KEY_PREFIX: &str = "news-widget:v2:";

/// The storage key of a block's sources read as `format` (`None`: detected): the same feed URLs share one
/// snapshot whatever their order.
pub fn key(sources: &[String], format: Option<FeedFormat>) -> String {
    let mut sorted: Vec<&str> = sources.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let format = format.map_or("auto", FeedFormat::as_str);
    [KEY_PREFIX, format, " ", &sorted.join(" ")].concat()
}
