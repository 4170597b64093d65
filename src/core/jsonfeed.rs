//! JSON Feed 1.0 and 1.1 into the article model, leniently and lean.
//!
//! Owns the JSON Feed reading rules: which item fields become which [`Article`] fields, what makes an item
//! unusable (skipped with a warning, the rest kept), and what makes a body "not a feed".
//!
//! Speed and memory matter (a 20 000-item, 10 MB feed must not stall the page), so the body is read in one
//! streaming pass with hand-written serde visitors: strings are borrowed from the body when they contain no
//! escapes, fields no block uses are skipped with [`IgnoredAny`] and never materialised (`content_html` only
//! when no `summary`/`content_text` came before it), each item is turned into an [`Article`] as soon as it is
//! read, and no `serde_json::Value` tree is built. Every visitor accepts any JSON value and yields "missing"
//! for a wrong type, so a field of the wrong type never fails the feed; only invalid JSON does.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::core::date::parse_date;
use crate::core::model::{Article, Feed, FeedError, ImageRef};
use crate::core::text::{clean_text, excerpt, non_empty, push_u64, truncate_chars, u64_text};
use crate::core::url::{is_http_url, resolve};

/// Titles derived from an item's text are cut to about this many characters.
const DERIVED_TITLE_CHARS: usize = 100;
/// Summaries are cut to about this many characters.
const SUMMARY_CHARS: usize = 300;
/// At most this many warnings are kept per feed; a hostile feed must not produce megabytes of them.
const MAX_WARNINGS: usize = 50;

/// Accepts any JSON value: the scalar `visit_*` methods of a lenient visitor all yield `$none`, and arrays and
/// objects it does not expect are consumed and yield `$none` as well.
macro_rules! lenient_rest {
    ($none:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok($none)
        }
    };
}

macro_rules! skip_seq {
    ($none:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($none)
        }
    };
}

macro_rules! skip_map {
    ($none:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($none)
        }
    };
}

/// A JSON string, borrowed from the body when it has no escapes; `None` for any other JSON value.
struct LStr<'a>(Option<Cow<'a, str>>);

struct LStrVisitor;

impl<'de> Visitor<'de> for LStrVisitor {
    type Value = LStr<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(LStr(Some(Cow::Borrowed(v))))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(LStr(Some(Cow::Owned(v))))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(LStr(None))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(LStr(None))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(LStr(None))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(LStr(None))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(LStr(Some(Cow::Owned(v.to_owned()))))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(LStr(None))
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(LStr(None))
    }
    skip_seq!(LStr(None));
    skip_map!(LStr(None));
}

impl<'de> Deserialize<'de> for LStr<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LStrVisitor)
    }
}

/// An item id: a string, or a number as its decimal text (JSON Feed says string, feeds send numbers).
struct LId(Option<String>);

struct LIdVisitor;

impl<'de> Visitor<'de> for LIdVisitor {
    type Value = LId;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(LId(Some(v.to_owned())))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(LId(Some(u64_text(v))))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        let mut s = String::new();
        if v < 0 {
            s.push('-');
        }
        push_u64(&mut s, v.unsigned_abs());
        Ok(LId(Some(s)))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // Whole numbers written as 1.0 or 1e3 still name an integer id; anything else has no stable text.
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
            self.visit_i64(v as i64)
        } else {
            Ok(LId(None))
        }
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(LId(None))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(LId(None))
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(LId(None))
    }
    skip_seq!(LId(None));
    skip_map!(LId(None));
}

impl<'de> Deserialize<'de> for LId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LIdVisitor)
    }
}

/// An array of lenient elements; empty for any other JSON value.
struct LVec<T>(Vec<T>);

struct LVecVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for LVecVisitor<T> {
    type Value = LVec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element::<T>()? {
            out.push(v);
        }
        Ok(LVec(out))
    }

    lenient_rest!(LVec(Vec::new()));
    skip_map!(LVec(Vec::new()));
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for LVec<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LVecVisitor(PhantomData))
    }
}

/// The `name` of an author object (1.0 `author`, 1.1 `authors[]`).
struct LName<'a>(Option<Cow<'a, str>>);

struct LNameVisitor;

impl<'de> Visitor<'de> for LNameVisitor {
    type Value = LName<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut name = None;
        while let Some(LStr(key)) = map.next_key::<LStr>()? {
            if key.as_deref() == Some("name") {
                name = map.next_value::<LStr>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(LName(name))
    }

    lenient_rest!(LName(None));
    skip_seq!(LName(None));
}

impl<'de> Deserialize<'de> for LName<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LNameVisitor)
    }
}

/// The fields of an attachment a block uses.
#[derive(Default)]
struct RawAttachment<'a> {
    url: Option<Cow<'a, str>>,
    mime_type: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
}

struct LAttachment<'a>(Option<RawAttachment<'a>>);

struct LAttachmentVisitor;

impl<'de> Visitor<'de> for LAttachmentVisitor {
    type Value = LAttachment<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut a = RawAttachment::default();
        while let Some(LStr(key)) = map.next_key::<LStr>()? {
            let slot = match key.as_deref() {
                Some("url") => &mut a.url,
                Some("mime_type") => &mut a.mime_type,
                Some("title") => &mut a.title,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value::<LStr>()?.0;
        }
        Ok(LAttachment(Some(a)))
    }

    lenient_rest!(LAttachment(None));
    skip_seq!(LAttachment(None));
}

impl<'de> Deserialize<'de> for LAttachment<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LAttachmentVisitor)
    }
}

/// The fields of an item a block uses, borrowed from the body where possible.
#[derive(Default)]
struct RawItem<'a> {
    id: Option<String>,
    url: Option<Cow<'a, str>>,
    external_url: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
    summary: Option<Cow<'a, str>>,
    content_text: Option<Cow<'a, str>>,
    content_html: Option<Cow<'a, str>>,
    image: Option<Cow<'a, str>>,
    banner_image: Option<Cow<'a, str>>,
    date_published: Option<Cow<'a, str>>,
    date_modified: Option<Cow<'a, str>>,
    tags: Vec<LStr<'a>>,
    authors: Vec<LName<'a>>,
    author: Option<Cow<'a, str>>,
    attachments: Vec<LAttachment<'a>>,
}

/// An item, or `None` when the element of `items` is not an object.
struct LItem<'a>(Option<RawItem<'a>>);

struct LItemVisitor;

impl<'de> Visitor<'de> for LItemVisitor {
    type Value = LItem<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut it = RawItem::default();
        while let Some(LStr(key)) = map.next_key::<LStr>()? {
            let key = key.as_deref().unwrap_or_default();
            let slot = match key {
                "id" => {
                    it.id = map.next_value::<LId>()?.0;
                    continue;
                }
                "tags" => {
                    it.tags = map.next_value::<LVec<LStr>>()?.0;
                    continue;
                }
                "authors" => {
                    it.authors = map.next_value::<LVec<LName>>()?.0;
                    continue;
                }
                "author" => {
                    it.author = map.next_value::<LName>()?.0;
                    continue;
                }
                "attachments" => {
                    it.attachments = map.next_value::<LVec<LAttachment>>()?.0;
                    continue;
                }
                // Only read when nothing cheaper has given a summary so far: it is usually the largest field.
                "content_html" if it.summary.is_none() && it.content_text.is_none() => &mut it.content_html,
                "url" => &mut it.url,
                "external_url" => &mut it.external_url,
                "title" => &mut it.title,
                "summary" => &mut it.summary,
                "content_text" => &mut it.content_text,
                "image" => &mut it.image,
                "banner_image" => &mut it.banner_image,
                "date_published" => &mut it.date_published,
                "date_modified" => &mut it.date_modified,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value::<LStr>()?.0;
        }
        Ok(LItem(Some(it)))
    }

    lenient_rest!(LItem(None));
    skip_seq!(LItem(None));
}

impl<'de> Deserialize<'de> for LItem<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LItemVisitor)
    }
}

/// Warnings of one feed, capped at [`MAX_WARNINGS`].
#[derive(Default)]
struct Warnings {
    list: Vec<String>,
    dropped: usize,
}

impl Warnings {
    /// Adds "item N: <what>" (N counted from 1, as people count).
    fn item(&mut self, index: usize, what: &str) {
        if self.list.len() >= MAX_WARNINGS {
            self.dropped += 1;
            return;
        }
        let mut s = String::with_capacity(16 + what.len());
        s.push_str("item ");
        push_u64(&mut s, index as u64 + 1);
        s.push_str(": ");
        s.push_str(what);
        self.list.push(s);
    }

    fn feed(&mut self, what: &str) {
        self.list.push(what.to_owned());
    }

    fn finish(mut self) -> Vec<String> {
        if self.dropped > 0 {
            let mut s = String::from("… and ");
            push_u64(&mut s, self.dropped as u64);
            s.push_str(" more warnings");
            self.list.push(s);
        }
        self.list
    }
}

/// Everything the streaming pass collects.
struct Collect<'b> {
    base: Option<&'b str>,
    items: Vec<Article>,
    warnings: Warnings,
}

/// Reads the `items` array, converting each item on the spot; yields whether `items` was an array.
struct ItemsSeed<'c, 'b>(&'c mut Collect<'b>);

impl<'de> DeserializeSeed<'de> for ItemsSeed<'_, '_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ItemsSeed<'_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let c = self.0;
        if let Some(n) = seq.size_hint() {
            c.items.reserve(n);
        }
        let mut index = 0;
        while let Some(LItem(raw)) = seq.next_element::<LItem>()? {
            match raw {
                Some(raw) => {
                    if let Some(a) = to_article(raw, c.base, index, &mut c.warnings) {
                        c.items.push(a);
                    }
                }
                None => c.warnings.item(index, "skipped: not an object"),
            }
            index += 1;
        }
        Ok(true)
    }

    lenient_rest!(false);
    skip_map!(false);
}

/// The top-level fields a block uses.
#[derive(Default)]
struct Top {
    is_object: bool,
    version: Option<String>,
    title: Option<String>,
    home_page_url: Option<String>,
    next_url: Option<String>,
    /// Feed-level authors (1.1 `authors`, else 1.0 `author`): the authors of items that name none.
    authors: Vec<String>,
    author: Option<String>,
    items_is_array: bool,
}

struct TopSeed<'c, 'b>(&'c mut Collect<'b>);

impl<'de> DeserializeSeed<'de> for TopSeed<'_, '_> {
    type Value = Top;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Top, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, '_> {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON Feed object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
        let mut top = Top {
            is_object: true,
            ..Top::default()
        };
        while let Some(LStr(key)) = map.next_key::<LStr>()? {
            let slot = match key.as_deref().unwrap_or_default() {
                "items" => {
                    top.items_is_array |= map.next_value_seed(ItemsSeed(&mut *self.0))?;
                    continue;
                }
                "authors" => {
                    top.authors = names(&map.next_value::<LVec<LName>>()?.0);
                    continue;
                }
                "author" => {
                    top.author = map
                        .next_value::<LName>()?
                        .0
                        .as_deref()
                        .map(clean_text)
                        .and_then(non_empty);
                    continue;
                }
                "version" => &mut top.version,
                "title" => &mut top.title,
                "home_page_url" => &mut top.home_page_url,
                "next_url" => &mut top.next_url,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value::<LStr>()?.0.map(Cow::into_owned);
        }
        Ok(top)
    }

    lenient_rest!(Top::default());
    skip_seq!(Top::default());
}

/// The non-empty names of author objects, cleaned.
fn names(list: &[LName<'_>]) -> Vec<String> {
    list.iter()
        .filter_map(|LName(n)| n.as_deref().map(clean_text).and_then(non_empty))
        .collect()
}

/// Adds a photo unless its URL is already there.
fn push_image(images: &mut Vec<ImageRef>, url: Option<String>, caption: &str) {
    let Some(url) = url else { return };
    if images.iter().any(|i| i.url == url) {
        return;
    }
    images.push(ImageRef {
        url,
        thumb: None,
        caption: caption.to_owned(),
        srcset: None,
        width: None,
        height: None,
    });
}

/// One raw item into an article, or `None` (with a warning) when it has no usable URL or no text at all.
fn to_article(
    raw: RawItem<'_>,
    base: Option<&str>,
    index: usize,
    warnings: &mut Warnings,
) -> Option<Article> {
    let url = [&raw.url, &raw.external_url]
        .into_iter()
        .flatten()
        .find_map(|u| resolve(base, u))
        .or_else(|| {
            raw.id
                .as_deref()
                .filter(|id| is_http_url(id))
                .and_then(|id| resolve(None, id))
        });
    let Some(url) = url else {
        warnings.item(index, "skipped: no usable http(s) URL");
        return None;
    };

    let summary = raw
        .summary
        .as_deref()
        .and_then(|s| excerpt(s, SUMMARY_CHARS, false))
        .or_else(|| {
            raw.content_text
                .as_deref()
                .and_then(|s| excerpt(s, SUMMARY_CHARS, false))
        })
        .or_else(|| {
            raw.content_html
                .as_deref()
                .and_then(|s| excerpt(s, SUMMARY_CHARS, true))
        });
    let title = match raw.title.as_deref().map(clean_text).and_then(non_empty) {
        Some(t) => t,
        None => match &summary {
            Some(s) => truncate_chars(s.trim_end_matches('…'), DERIVED_TITLE_CHARS),
            None => {
                warnings.item(index, "skipped: no title and no text");
                return None;
            }
        },
    };

    let mut published = None;
    for date in [&raw.date_published, &raw.date_modified].into_iter().flatten() {
        published = parse_date(date);
        if published.is_some() {
            break;
        }
        warnings.item(index, "unreadable date, ignored");
    }

    // The photos are the image attachments, each captioned by its own title. The item's `image` is the
    // small version of the first one (unless it is one of them); only an item without image attachments
    // has its `image` (else `banner_image`) as its one photo.
    let mut images = Vec::new();
    for LAttachment(a) in &raw.attachments {
        let Some(a) = a else { continue };
        let is_image = a
            .mime_type
            .as_deref()
            .and_then(|m| m.trim().get(..6))
            .is_some_and(|m| m.eq_ignore_ascii_case("image/"));
        if !is_image {
            continue;
        }
        let caption = a.title.as_deref().map(clean_text).and_then(non_empty);
        let url = a.url.as_deref().and_then(|u| resolve(base, u));
        push_image(&mut images, url, caption.as_deref().unwrap_or(&title));
    }
    let image = raw.image.as_deref().and_then(|u| resolve(base, u));
    let banner = raw.banner_image.as_deref().and_then(|u| resolve(base, u));
    if images.is_empty() {
        push_image(&mut images, image.clone().or_else(|| banner.clone()), &title);
    } else if let Some(thumb) = image.as_ref().filter(|t| !images.iter().any(|i| &i.url == *t)) {
        if let Some(first) = images.first_mut() {
            first.thumb = Some(thumb.clone());
        }
    }
    let image = image.or(banner).or_else(|| images.first().map(|i| i.url.clone()));

    let mut authors = names(&raw.authors);
    if authors.is_empty() {
        authors.extend(raw.author.as_deref().map(clean_text).and_then(non_empty));
    }
    let tags = raw
        .tags
        .iter()
        .filter_map(|LStr(t)| t.as_deref().map(clean_text).and_then(non_empty))
        .collect();

    let id = raw
        .id
        .filter(|id| !id.trim().is_empty())
        .unwrap_or_else(|| url.clone());
    Some(Article {
        id,
        url,
        title,
        summary,
        image,
        image_alt: None,
        image_srcset: None,
        published,
        tags,
        authors,
        images,
        source: None,
    })
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

/// Parses a JSON Feed (1.0 or 1.1) body fetched from `feed_url` (the base for relative URLs).
///
/// Items that are not objects, have neither title nor text, or have no usable http(s) URL (`url`, else
/// `external_url`, else an http(s) `id`) are skipped with a warning; wrong field types count as missing.
/// A top level that is not an object, or an object with neither an `items` array nor a JSON Feed `version`,
/// is [`FeedError::NotAFeed`]; invalid JSON is [`FeedError::Json`].
pub fn parse_json_feed(body: &[u8], feed_url: Option<&str>) -> Result<Feed, FeedError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let mut collect = Collect {
        base: feed_url,
        items: Vec::new(),
        warnings: Warnings::default(),
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let top = TopSeed(&mut collect)
        .deserialize(&mut de)
        .map_err(|e| json_error(&e))?;
    if !top.is_object {
        return Err(FeedError::NotAFeed(
            "the JSON top level is not an object".to_owned(),
        ));
    }
    let is_jsonfeed_version = top.version.as_deref().is_some_and(|v| v.contains("jsonfeed"));
    if !top.items_is_array {
        if !is_jsonfeed_version {
            return Err(FeedError::NotAFeed(
                "the JSON object has no \"items\" array".to_owned(),
            ));
        }
        collect.warnings.feed("\"items\" is missing or not an array");
    }
    let mut feed_authors = top.authors;
    if feed_authors.is_empty() {
        feed_authors.extend(top.author);
    }
    if !feed_authors.is_empty() {
        for a in collect.items.iter_mut().filter(|a| a.authors.is_empty()) {
            a.authors.clone_from(&feed_authors);
        }
    }
    if de.end().is_err() {
        collect
            .warnings
            .feed("ignored data after the end of the JSON value");
    }
    Ok(Feed {
        title: top.title.as_deref().map(clean_text).and_then(non_empty),
        home_page_url: top.home_page_url.as_deref().and_then(|u| resolve(feed_url, u)),
        next_url: top.next_url.as_deref().and_then(|u| resolve(feed_url, u)),
        items: collect.items,
        warnings: collect.warnings.finish(),
    })
}
