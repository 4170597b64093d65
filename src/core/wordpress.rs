//! WordPress REST API posts (`/wp-json/wp/v2/posts?_embed`) into the article model, leniently.
//!
//! Owns the WordPress reading rules: `title.rendered` / `excerpt.rendered` (HTML with entities) to plain text,
//! `date_gmt` before the site-local `date`, the featured image from `_embedded["wp:featuredmedia"][0]` with the
//! size a block shows best (`medium_large`, else `medium`, `large`, `full`, else the original) and a `srcset`
//! of every size, category and tag ids as decimal strings, embedded author names, and the "Xem thêm" paging
//! rule ([`next_page_url`] from the `X-WP-TotalPages` header).
//!
//! A response is at most 100 posts, but each carries the whole article in `content.rendered`: the body is
//! read in one pass into a small tree that keeps only the keys used here (everything else is skipped by serde
//! without being materialised), with strings borrowed from the body where possible. Every JSON type is
//! accepted everywhere; a field of the wrong type counts as missing and never fails the feed.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::core::date::parse_date;
use crate::core::model::{Article, Feed, FeedError, ImageRef};
use crate::core::text::{clean_text, excerpt, html_to_text, non_empty, push_u64, truncate_chars, u64_text};
use crate::core::url::sanitize_srcset;
use crate::core::xml::{resolve_url, Warnings, SUMMARY_CHARS};

/// Titles derived from an excerpt are cut to about this many characters.
const DERIVED_TITLE_CHARS: usize = 100;

/// Keys kept from a WordPress response (at any depth); the values of other keys are skipped unread.
const KEEP: [&str; 22] = [
    "id",
    "caption",
    "title",
    "rendered",
    "excerpt",
    "link",
    "date",
    "date_gmt",
    "categories",
    "tags",
    "_embedded",
    "wp:featuredmedia",
    "author",
    "name",
    "source_url",
    "alt_text",
    "media_details",
    "sizes",
    "width",
    "height",
    "code",
    "message",
];

/// The featured image size a list or the gallery grid shows best, in order of preference.
const SIZE_PREFERENCE: [&str; 4] = ["medium_large", "medium", "large", "full"];
/// The featured image size the lightbox shows, in order of preference (else the original `source_url`).
const LARGE_PREFERENCE: [&str; 2] = ["large", "full"];

/// The kept part of a JSON value.
enum J<'a> {
    Str(Cow<'a, str>),
    /// A non-negative whole number (ids, widths).
    Num(u64),
    Arr(Vec<J<'a>>),
    Obj(Vec<(Cow<'a, str>, J<'a>)>),
    /// Anything else (null, booleans, negative or fractional numbers): "missing" to every reader.
    Other,
}

impl<'a> J<'a> {
    /// The value of `key` in an object.
    fn get(&self, key: &str) -> Option<&J<'a>> {
        match self {
            J::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn str(&self) -> Option<&str> {
        match self {
            J::Str(s) => Some(s),
            _ => None,
        }
    }

    fn num(&self) -> Option<u64> {
        match self {
            J::Num(n) => Some(*n),
            J::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    fn first(&self) -> Option<&J<'a>> {
        match self {
            J::Arr(items) => items.first(),
            _ => None,
        }
    }

    fn items(&self) -> &[J<'a>] {
        match self {
            J::Arr(items) => items,
            _ => &[],
        }
    }

    /// WordPress "rendered" text: `{"rendered": "…"}`, or leniently a bare string.
    fn rendered(&self) -> Option<&str> {
        self.get("rendered").and_then(J::str).or_else(|| self.str())
    }
}

/// Reads any JSON value into a [`J`], keeping only [`KEEP`] keys of objects (all keys when `all_keys`: the
/// size names under `sizes` are the theme's own).
#[derive(Clone, Copy)]
struct Seed {
    all_keys: bool,
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = J<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<J<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed {
    type Value = J<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Owned(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<J<'de>, E> {
        Ok(J::Num(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<J<'de>, E> {
        Ok(u64::try_from(v).map_or(J::Other, J::Num))
    }
    fn visit_f64<E>(self, v: f64) -> Result<J<'de>, E> {
        // Whole numbers written as 300.0 still are a width.
        let whole = v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v < 9.0e15;
        Ok(if whole { J::Num(v as u64) } else { J::Other })
    }
    fn visit_bool<E>(self, _: bool) -> Result<J<'de>, E> {
        Ok(J::Other)
    }
    fn visit_unit<E>(self) -> Result<J<'de>, E> {
        Ok(J::Other)
    }
    fn visit_none<E>(self) -> Result<J<'de>, E> {
        Ok(J::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J<'de>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(128));
        while let Some(v) = seq.next_element_seed(Seed { all_keys: false })? {
            out.push(v);
        }
        Ok(J::Arr(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J<'de>, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key_seed(Seed { all_keys: false })? {
            let J::Str(key) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if self.all_keys || KEEP.contains(&key.as_ref()) {
                let value = map.next_value_seed(Seed {
                    all_keys: key == "sizes",
                })?;
                out.push((key, value));
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(J::Obj(out))
    }
}

/// A serde_json error as [`FeedError::Json`], the message without the position suffix it also carries.
fn json_error(e: &serde_json::Error) -> FeedError {
    let mut message = e.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    FeedError::Json {
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Parses a WordPress REST posts response (a JSON array of posts, ideally fetched with `?_embed`) from
/// `feed_url` (the base for relative URLs).
///
/// Elements that are not objects, posts without a usable http(s) `link`, and posts with neither title nor
/// excerpt are skipped with a warning. A WordPress error object (`{"code": …, "message": …}`) or any other
/// non-array top level is [`FeedError::NotAFeed`] (with WordPress's message); invalid JSON is
/// [`FeedError::Json`].
pub fn parse_wordpress(body: &[u8], feed_url: Option<&str>) -> Result<Feed, FeedError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let mut de = serde_json::Deserializer::from_slice(body);
    let top = Seed { all_keys: false }
        .deserialize(&mut de)
        .map_err(|e| json_error(&e))?;
    let mut warnings = Warnings::default();
    if de.end().is_err() {
        warnings.feed("ignored data after the end of the JSON value");
    }
    let posts = match &top {
        J::Arr(posts) => posts,
        J::Obj(_) => {
            let mut why = String::from("WordPress answered with an error");
            if let Some(code) = top.get("code").and_then(J::str) {
                why.push_str(" (");
                why.push_str(code);
                why.push(')');
            }
            match top.get("message").and_then(J::str) {
                Some(message) => {
                    why.push_str(": ");
                    why.push_str(&html_to_text(message));
                }
                None if top.get("code").is_none() => {
                    why = "a JSON object without \"code\" is not a WordPress posts response".to_owned();
                }
                None => {}
            }
            return Err(FeedError::NotAFeed(why));
        }
        _ => {
            return Err(FeedError::NotAFeed(
                "the JSON top level is not an array of posts".to_owned(),
            ))
        }
    };
    let mut items = Vec::with_capacity(posts.len());
    for (index, post) in posts.iter().enumerate() {
        if !matches!(post, J::Obj(_)) {
            warnings.item(index, "skipped: not an object");
            continue;
        }
        if let Some(article) = to_article(post, feed_url, index, &mut warnings) {
            items.push(article);
        }
    }
    Ok(Feed {
        title: None,
        home_page_url: None,
        next_url: None,
        items,
        warnings: warnings.finish(),
    })
}

/// The featured image: the size lists show, the large one, srcset, the large one's size, texts.
struct Featured {
    url: String,
    srcset: Option<String>,
    /// The picture for the lightbox, with its width and height.
    large: String,
    width: Option<u32>,
    height: Option<u32>,
    alt: Option<String>,
    /// `caption.rendered` as plain text.
    caption: Option<String>,
}

/// Reads `_embedded["wp:featuredmedia"][0]`; `None` for a missing one or an error object
/// (`{"code": "rest_forbidden", …}` when the media is private).
fn featured(post: &J<'_>, base: Option<&str>) -> Option<Featured> {
    let media = post.get("_embedded")?.get("wp:featuredmedia")?.first()?;
    if media.get("code").is_some() {
        return None;
    }
    let sizes = media.get("media_details").and_then(|d| d.get("sizes"));
    let size_url = |s: &J<'_>| {
        s.get("source_url")
            .and_then(J::str)
            .and_then(|u| resolve_url(base, u))
    };
    let dim = |s: &J<'_>, key: &str| s.get(key).and_then(J::num).and_then(|n| u32::try_from(n).ok());
    let original = || {
        let url = media
            .get("source_url")
            .and_then(J::str)
            .and_then(|u| resolve_url(base, u))?;
        let details = media.get("media_details");
        Some((
            url,
            details.and_then(|d| dim(d, "width")),
            details.and_then(|d| dim(d, "height")),
        ))
    };
    let pick = |names: &[&str]| {
        names
            .iter()
            .filter_map(|name| sizes.and_then(|s| s.get(name)))
            .find_map(|s| size_url(s).map(|u| (u, dim(s, "width"), dim(s, "height"))))
    };
    let (url, width, height) = pick(&SIZE_PREFERENCE).or_else(original)?;
    // Every size of the chosen one's shape, each URL once: the browser picks what fits the block. Crops of
    // another aspect ratio (the square `thumbnail`) are left out, as WordPress itself does for `srcset`.
    let mut srcset = String::new();
    let mut seen: Vec<&str> = Vec::new();
    if let Some(J::Obj(all)) = sizes {
        for (_, s) in all {
            let (Some(u), Some(w)) = (
                s.get("source_url").and_then(J::str),
                s.get("width").and_then(J::num),
            ) else {
                continue;
            };
            if w == 0 || seen.contains(&u) || !same_shape(width, height, w, s.get("height").and_then(J::num))
            {
                continue;
            }
            seen.push(u);
            if !srcset.is_empty() {
                srcset.push_str(", ");
            }
            srcset.push_str(u.trim());
            srcset.push(' ');
            push_u64(&mut srcset, w);
            srcset.push('w');
        }
    }
    let alt = media
        .get("alt_text")
        .and_then(J::str)
        .map(clean_text)
        .and_then(non_empty);
    let caption = media
        .get("caption")
        .and_then(J::rendered)
        .map(html_to_text)
        .and_then(non_empty);
    let (large, width, height) = pick(&LARGE_PREFERENCE)
        .or_else(original)
        .unwrap_or_else(|| (url.clone(), width, height));
    Some(Featured {
        url,
        srcset: sanitize_srcset(&srcset, base),
        large,
        width,
        height,
        alt,
        caption,
    })
}

/// True when a `w`×`h` size has the aspect ratio of the chosen `cw`×`ch` one, within a pixel of rounding
/// (or when either is unknown).
fn same_shape(cw: Option<u32>, ch: Option<u32>, w: u64, h: Option<u64>) -> bool {
    let (Some(cw), Some(ch), Some(h)) = (cw, ch, h) else {
        return true;
    };
    let (cw, ch) = (u64::from(cw), u64::from(ch));
    // h / w == ch / cw, cross-multiplied; one pixel of height at the larger width is tolerated.
    (h * cw).abs_diff(w * ch) <= cw.max(w)
}

/// One post into an article, or `None` (with a warning) when it has no usable link or no text at all.
fn to_article(post: &J<'_>, base: Option<&str>, index: usize, warnings: &mut Warnings) -> Option<Article> {
    let Some(url) = post
        .get("link")
        .and_then(J::str)
        .and_then(|u| resolve_url(base, u))
    else {
        warnings.item(index, "skipped: no usable http(s) link");
        return None;
    };
    let summary = post
        .get("excerpt")
        .and_then(J::rendered)
        .and_then(|h| excerpt(h, SUMMARY_CHARS, true))
        .map(|s| match s.strip_suffix("[…]") {
            // WordPress ends automatic excerpts with "[…]"; one ellipsis reads better.
            Some(head) => {
                let mut s = head.trim_end().trim_end_matches(['…', '.']).trim_end().to_owned();
                s.push('…');
                s
            }
            None => s,
        });
    let title = match post
        .get("title")
        .and_then(J::rendered)
        .map(html_to_text)
        .and_then(non_empty)
    {
        Some(t) => t,
        None => match &summary {
            Some(s) => truncate_chars(s.trim_end_matches('…'), DERIVED_TITLE_CHARS),
            None => {
                warnings.item(index, "skipped: no title and no excerpt");
                return None;
            }
        },
    };
    let mut published = None;
    for key in ["date_gmt", "date"] {
        if let Some(d) = post.get(key).and_then(J::str).filter(|d| !d.trim().is_empty()) {
            published = parse_date(d);
            if published.is_some() {
                break;
            }
            warnings.item(index, "unreadable date, ignored");
        }
    }
    let mut tags = Vec::new();
    for key in ["categories", "tags"] {
        for id in post.get(key).map(J::items).unwrap_or_default() {
            if let Some(n) = id.num() {
                let t = u64_text(n);
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
        }
    }
    let embedded_authors = post
        .get("_embedded")
        .and_then(|e| e.get("author"))
        .map(J::items)
        .unwrap_or_default();
    let authors = embedded_authors
        .iter()
        .filter_map(|a| a.get("name").and_then(J::str))
        .map(clean_text)
        .filter(|n| !n.is_empty())
        .collect();
    let id = match post.get("id") {
        Some(J::Num(n)) => u64_text(*n),
        Some(J::Str(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        _ => url.clone(),
    };
    // The featured media is the post's photo: the large size in the lightbox, the list size in the grid,
    // captioned by its caption, else its alt text, else the post's title.
    let featured = featured(post, base);
    let images = featured
        .iter()
        .map(|f| ImageRef {
            url: f.large.clone(),
            thumb: (f.large != f.url).then(|| f.url.clone()),
            caption: f
                .caption
                .clone()
                .or_else(|| f.alt.clone())
                .unwrap_or_else(|| title.clone()),
            srcset: f.srcset.clone(),
            width: f.width,
            height: f.height,
        })
        .collect();
    let (image, image_alt, image_srcset) = match featured {
        Some(f) => (Some(f.url), f.alt, f.srcset),
        None => (None, None, None),
    };
    Some(Article {
        id,
        url,
        title,
        summary,
        image,
        image_alt,
        image_srcset,
        published,
        tags,
        authors,
        images,
        source: None,
    })
}

/// The URL of the next page of a WordPress posts listing ("Xem thêm"): `feed_url` with its `page` parameter
/// (1 when absent) plus one, or `None` when `total_pages` (the `X-WP-TotalPages` header) says there is no
/// further page or is missing or unreadable.
pub fn next_page_url(feed_url: &str, total_pages: Option<&str>) -> Option<String> {
    let total: u64 = total_pages?.trim().parse().ok()?;
    let url = resolve_url(None, feed_url)?;
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (url.as_str(), None),
    };
    let (path, query) = before_fragment.split_once('?').unwrap_or((before_fragment, ""));
    let mut page = 1u64;
    let mut params: Vec<&str> = Vec::new();
    for param in query.split('&').filter(|p| !p.is_empty()) {
        match param.strip_prefix("page=") {
            Some(n) => page = n.parse().ok().filter(|&n| n > 0)?,
            None => params.push(param),
        }
    }
    if page >= total {
        return None;
    }
    let mut out = String::with_capacity(url.len() + 8);
    out.push_str(path);
    out.push('?');
    for p in params {
        out.push_str(p);
        out.push('&');
    }
    out.push_str("page=");
    push_u64(&mut out, page + 1);
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}
