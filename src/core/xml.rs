//! RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom 1.0 into the article model, leniently, in one streaming pass.
//!
//! Owns the XML reading rules: which elements become which [`Article`] fields, the thumbnail preference
//! (`media:thumbnail`, then image `media:content`, image `enclosure`, `itunes:image`, then the first `<img>` of
//! the description or content HTML), `xml:base` handling, and what makes an item unusable (skipped with a
//! warning) or a body "not a feed".
//!
//! The pull parser is quick-xml, chosen over feed-rs by size: in a wasm32 release build (`-Oz`, brotli) a
//! minimal RSS reader costs about 9.5 KB with quick-xml and 430 KB with feed-rs (chrono, regex, url, uuid);
//! this whole module with quick-xml adds about 14.5 KB to the JSON Feed core. Elements are matched on their local name, so any prefix bound to Media RSS, Dublin Core,
//! `content:` or iTunes works; the few local names two vocabularies share (`media:content` vs Atom `content`,
//! `media:title` vs `title`) are told apart by prefix or attributes. Only the text of elements a block uses
//! is ever copied, and each item becomes an [`Article`] as soon as its end tag is read.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::core::date::parse_date;
use crate::core::model::{Article, Feed, FeedError, ImageRef, Timestamp};
use crate::core::rules::{
    derived_title, resolve_url, strip_bom, Warnings, AUTHORS_PER_ITEM, IMAGES_PER_ITEM, SUMMARY_CHARS,
    TAGS_PER_ITEM, URL_BYTES,
};
use crate::core::text::{
    clean_text, decode_entities, excerpt, first_img_src, html_to_text, non_empty, push_u64,
};
use crate::core::url::{resolve, sanitize_srcset};

/// Text kept per captured element: enough for a title, a summary and the first `<img>` of a long article,
/// while a hostile multi-megabyte element cannot grow memory without bound.
const MAX_CAPTURE_BYTES: usize = 64 * 1024;

/// [`parse_date`], plus the US form some CMSs write in RSS: "Sat, Dec 16 2023 02:02:33 PM [zone]" (month
/// before day, 12-hour clock; no zone means UTC, as for zone-less dates elsewhere).
fn lenient_date(s: &str) -> Option<Timestamp> {
    parse_date(s).or_else(|| us_date(s))
}

fn us_date(s: &str) -> Option<Timestamp> {
    let mut toks = s
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .peekable();
    // An optional weekday: a word that is not a month.
    if toks
        .peek()
        .is_some_and(|t| t.len() > 2 && t.bytes().all(|c| c.is_ascii_alphabetic()) && !is_month(t))
    {
        toks.next();
    }
    let month = toks.next().filter(|t| is_month(t))?;
    let day = toks.next()?;
    let year = toks.next()?;
    let time = toks.next().unwrap_or("00:00");
    let mut hour_shift = None;
    if let Some(&ampm) = toks.peek() {
        if ampm.eq_ignore_ascii_case("am") || ampm.eq_ignore_ascii_case("pm") {
            hour_shift = Some(ampm.eq_ignore_ascii_case("pm"));
            toks.next();
        }
    }
    let (h, minsec) = time.split_once(':')?;
    let mut hour: u64 = h.parse().ok()?;
    if let Some(pm) = hour_shift {
        if hour == 0 || hour > 12 {
            return None;
        }
        hour = hour % 12 + if pm { 12 } else { 0 };
    }
    let mut rfc = String::with_capacity(40);
    rfc.push_str(day);
    rfc.push(' ');
    rfc.push_str(month);
    rfc.push(' ');
    rfc.push_str(year);
    rfc.push(' ');
    push_u64(&mut rfc, hour);
    rfc.push(':');
    rfc.push_str(minsec);
    for zone in toks {
        rfc.push(' ');
        rfc.push_str(zone);
    }
    parse_date(&rfc)
}

fn is_month(t: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    t.len() >= 3
        && t.bytes().all(|c| c.is_ascii_alphabetic() || c == b'.')
        && t.get(..3)
            .is_some_and(|head| MONTHS.iter().any(|m| m.eq_ignore_ascii_case(head)))
}

/// Windows-1252 for bytes 0x80..=0x9F (the rest of the range is Latin-1); 0 means undefined.
static CP1252_HIGH: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
    0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0, 0x017E, 0x0178,
];

/// The body as text. UTF-8 is the norm; a body that is not UTF-8 but declares a Latin-1 family encoding is
/// decoded as Windows-1252 (its superset, as browsers do); anything else keeps what decodes, with a warning.
fn decode_body<'a>(body: &'a [u8], warnings: &mut Warnings) -> Cow<'a, str> {
    let body = strip_bom(body);
    if let Ok(s) = core::str::from_utf8(body) {
        return Cow::Borrowed(s);
    }
    let head = body
        .get(..body.len().min(256))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let latin = [
        "iso-8859-1",
        "latin1",
        "latin-1",
        "windows-1252",
        "cp1252",
        "iso-8859-15",
        "us-ascii",
    ];
    if latin
        .iter()
        .any(|name| head.windows(name.len()).any(|w| w == name.as_bytes()))
    {
        return Cow::Owned(
            body.iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH
                        .get(usize::from(b - 0x80))
                        .and_then(|&u| char::from_u32(u32::from(u)).filter(|_| u != 0))
                        .unwrap_or('\u{fffd}'),
                    _ => char::from(b),
                })
                .collect(),
        );
    }
    warnings.feed("the feed is not valid UTF-8: undecodable bytes were replaced");
    String::from_utf8_lossy(body)
}

/// Value of attribute `name` (entities decoded), if present.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    attrs(e)
        .find(|a| a.key.as_ref() == name)
        .map(|a| decode_entities(&a.value).into_owned())
}

/// The attributes of `e`, HTML-leniently (unquoted values allowed); malformed ones are passed over.
/// Duplicate checking is off: it is not needed here, and it links in a hash set.
fn attrs<'a>(e: &'a BytesStart<'_>) -> impl Iterator<Item = quick_xml::events::attributes::Attribute<'a>> {
    let mut it = e.html_attributes();
    it.with_checks(false);
    it.flatten()
}

/// True for `image/...` MIME types.
fn is_image_type(t: &str) -> bool {
    t.trim()
        .get(..6)
        .is_some_and(|p| p.eq_ignore_ascii_case("image/"))
}

/// True when a URL's path ends like an image file (for enclosures that omit their type).
fn looks_like_image_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let ext = path.rsplit('.').next().unwrap_or_default();
    ["jpg", "jpeg", "png", "gif", "webp", "avif"]
        .iter()
        .any(|x| x.eq_ignore_ascii_case(ext))
}

fn parse_dimension(v: Option<String>) -> Option<u32> {
    v?.trim().parse().ok().filter(|&n| n > 0)
}

/// Thumbnail candidates in order of preference: a lower rank wins.
const RANK_MEDIA_THUMBNAIL: u8 = 0;
const RANK_MEDIA_CONTENT: u8 = 1;
const RANK_ENCLOSURE: u8 = 2;
const RANK_ITUNES_IMAGE: u8 = 3;
const RANK_DESCRIPTION_IMG: u8 = 4;
const RANK_CONTENT_IMG: u8 = 5;

/// What a captured element's text becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Id,
    Description,
    Content,
    Published,
    Updated,
    Author,
    AuthorName,
    ItunesAuthor,
    Category,
    ItemImage,
    MediaTitle,
    MediaDescription,
    FeedTitle,
    FeedLink,
}

/// How the captured text is to be read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Plain text (RSS titles, Atom `type="text"`): entities decoded, markup kept as literal text.
    Text,
    /// HTML (RSS descriptions, Atom `type="html"`): markup removed.
    Html,
    /// Atom `type="xhtml"`: child elements are markup; only their text is kept (their `<img>` is noted).
    Xhtml,
}

/// The element whose text is being collected.
struct Capture {
    field: Field,
    kind: Kind,
    /// Depth of the capturing element (1 = root). Its base URL is still the one in effect when it ends.
    depth: usize,
    text: String,
    /// First `<img src>` met as a child element (XHTML content, or raw HTML in a description).
    child_img: Option<String>,
}

/// An item's fields as they are read.
#[derive(Default)]
struct RawItem {
    title: Option<String>,
    link: Option<String>,
    /// A link with another relation (Atom `related`, `via`, …), used when no alternate link is given.
    other_link: Option<String>,
    id: Option<String>,
    /// RSS 1.0 `rdf:about`, the item's URI.
    about: Option<String>,
    summary: Option<String>,
    content_summary: Option<String>,
    published: Option<Timestamp>,
    updated: Option<Timestamp>,
    bad_date: bool,
    thumb: Option<(u8, String)>,
    images: Vec<ImageRef>,
    authors: Vec<String>,
    itunes_author: Option<String>,
    tags: Vec<String>,
    /// The image `media:content` (or `media:group` of them) currently open: (depth, index in `images`), for
    /// its caption and thumbnail.
    open_media: Option<(usize, usize)>,
    /// The `media:group` currently open: its depth and the photo its renditions make up, once one is read.
    group: Option<(usize, Option<usize>)>,
    /// Photos (indices in `images`) whose caption came from a `media:description`, which wins over
    /// `media:title`.
    described: Vec<usize>,
    /// The first `media:thumbnail` of the item itself (not of one of its media): the small version of its
    /// first photo.
    item_thumb: Option<String>,
}

impl RawItem {
    fn offer_thumb(&mut self, rank: u8, url: Option<String>) {
        let Some(url) = url else { return };
        if self.thumb.as_ref().is_none_or(|(r, _)| rank < *r) {
            self.thumb = Some((rank, url));
        }
    }
}

/// The streaming state of one parse.
struct Parser {
    feed_url: Option<String>,
    /// `xml:base` of the open elements.
    bases: Bases,
    root_checked: bool,
    /// Prefixes the root binds to the Media RSS and iTunes namespaces ("media" and "itunes" by convention).
    media_prefix: String,
    itunes_prefix: String,
    /// Depth of the element whose children are the feed's own fields (RSS `channel`, Atom `feed`).
    channel_depth: Option<usize>,
    item_depth: Option<usize>,
    item_index: usize,
    item: RawItem,
    capture: Option<Capture>,
    feed: Feed,
    warnings: Warnings,
}

impl Parser {
    fn base(&self) -> Option<&str> {
        self.bases.current(&self.feed_url)
    }

    fn is_media_or_itunes(&self, prefix: &str) -> bool {
        ["media", "itunes", &self.media_prefix, &self.itunes_prefix].contains(&prefix)
    }

    /// The resolved `xml:base` of `e`, when it has one and it stays within [`URL_BYTES`] (nested relative
    /// bases grow with each level: a longer one is ignored, so depth never multiplies memory).
    fn own_base(&self, e: &BytesStart<'_>) -> Option<String> {
        if !e.attributes_raw().contains("xml:base") {
            return None;
        }
        attr(e, "xml:base")
            .and_then(|b| resolve_url(self.base(), &b))
            .filter(|b| b.len() <= URL_BYTES)
    }

    fn resolve(&self, url: Option<String>) -> Option<String> {
        resolve_url(self.base(), &url?)
    }

    fn capture(&mut self, field: Field, kind: Kind, depth: usize) {
        self.capture = Some(Capture {
            field,
            kind,
            depth,
            text: String::new(),
            child_img: None,
        });
    }

    /// Handles a start tag (or an empty-element tag) at `depth`; the element's own `xml:base` is already in
    /// effect. Returns `Err` with a reason when the root element is not a feed.
    fn start(&mut self, e: &BytesStart<'_>, depth: usize) -> Result<(), &'static str> {
        let qname = e.name();
        let (local, prefix) = qname.decompose();
        let local = local.as_ref();
        let prefix = prefix.as_ref().map(AsRef::as_ref).unwrap_or_default();
        if !self.root_checked {
            self.root_checked = true;
            match local {
                "feed" => self.channel_depth = Some(depth),
                "rss" | "RDF" | "channel" => {}
                _ => return Err("the XML root element is not <rss>, <rdf:RDF> or <feed>"),
            }
            for a in attrs(e) {
                if let Some(bound) = a.key.as_ref().strip_prefix("xmlns:") {
                    if a.value.contains("search.yahoo.com/mrss") {
                        bound.clone_into(&mut self.media_prefix);
                    } else if a.value.contains("itunes.com/dtds/podcast") {
                        bound.clone_into(&mut self.itunes_prefix);
                    }
                }
            }
        }
        if let Some(cap) = &mut self.capture {
            if cap.field == Field::Author && local == "name" && depth == cap.depth + 1 {
                cap.field = Field::AuthorName;
                cap.depth = depth;
                cap.text.clear();
            } else if local.eq_ignore_ascii_case("img") && cap.child_img.is_none() {
                cap.child_img = attr(e, "src");
            }
            return Ok(());
        }
        let Some(item_depth) = self.item_depth else {
            if local == "item" || local == "entry" {
                self.item_depth = Some(depth);
                self.item = RawItem {
                    about: attr(e, "rdf:about"),
                    ..RawItem::default()
                };
            } else if local == "channel" {
                self.channel_depth = Some(depth);
            } else if self.channel_depth.is_some_and(|d| d + 1 == depth) {
                self.start_feed_child(e, local, prefix, depth);
            }
            return Ok(());
        };
        let media = prefix == "media" || prefix == self.media_prefix;
        let itunes = !media && self.is_media_or_itunes(prefix);
        // Media RSS: thumbnails, image contents and their captions, at any depth (media:group nests them).
        match local {
            "thumbnail" => {
                let url = self.resolve(attr(e, "url"));
                let item = &mut self.item;
                match item.open_media.and_then(|(_, i)| item.images.get_mut(i)) {
                    // The small version of the photo it is inside.
                    Some(img) if img.thumb.is_none() && url.as_ref() != Some(&img.url) => {
                        img.thumb.clone_from(&url);
                    }
                    Some(_) => {}
                    None if depth == item_depth + 1 && item.item_thumb.is_none() => {
                        item.item_thumb.clone_from(&url);
                    }
                    None => {}
                }
                item.offer_thumb(RANK_MEDIA_THUMBNAIL, url);
                return Ok(());
            }
            "group" if media => {
                self.item.group = Some((depth, None));
                return Ok(());
            }
            "content" if media || attr(e, "url").is_some() => {
                self.media_content(e, depth);
                return Ok(());
            }
            "title" | "description" if self.item.open_media.is_some() && depth > item_depth + 1 => {
                let field = if local == "title" {
                    Field::MediaTitle
                } else {
                    Field::MediaDescription
                };
                self.capture(field, Kind::Text, depth);
                return Ok(());
            }
            _ => {}
        }
        if depth != item_depth + 1 || media {
            return Ok(());
        }
        let atom_kind = || match attr(e, "type").as_deref().map(str::trim) {
            Some("html") | Some("text/html") => Kind::Html,
            Some("xhtml") | Some("application/xhtml+xml") => Kind::Xhtml,
            _ => Kind::Text,
        };
        match local {
            "title" if !itunes => {
                let kind = atom_kind();
                self.capture(Field::Title, kind, depth);
            }
            "link" => match attr(e, "href") {
                Some(href) => self.atom_link(e, href),
                None => self.capture(Field::Link, Kind::Text, depth),
            },
            "guid" | "id" => self.capture(Field::Id, Kind::Text, depth),
            "description" if !itunes => self.capture(Field::Description, Kind::Html, depth),
            "summary" if !itunes => {
                let kind = atom_kind();
                self.capture(Field::Description, kind, depth);
            }
            // Atom content given by reference (`src`) has no text here.
            "content" if attr(e, "src").is_none() => {
                let kind = match attr(e, "type") {
                    None => Kind::Text,
                    Some(_) => atom_kind(),
                };
                self.capture(Field::Content, kind, depth);
            }
            "encoded" => self.capture(Field::Content, Kind::Html, depth),
            "pubDate" | "published" | "date" | "issued" | "created" => {
                self.capture(Field::Published, Kind::Text, depth)
            }
            "updated" | "modified" => self.capture(Field::Updated, Kind::Text, depth),
            "author" | "creator" if itunes => self.capture(Field::ItunesAuthor, Kind::Text, depth),
            "author" | "creator" => self.capture(Field::Author, Kind::Text, depth),
            "category" | "subject" if !itunes => match attr(e, "label").or_else(|| attr(e, "term")) {
                Some(term) => push_unique(&mut self.item.tags, clean_text(&term), TAGS_PER_ITEM),
                None => self.capture(Field::Category, Kind::Text, depth),
            },
            "enclosure" => {
                let url = self.resolve(attr(e, "url"));
                let is_image = match attr(e, "type") {
                    Some(t) => is_image_type(&t),
                    None => url.as_deref().is_some_and(looks_like_image_url),
                };
                if is_image {
                    self.item.offer_thumb(RANK_ENCLOSURE, url.clone());
                    self.push_image(url, None, None);
                }
            }
            "image" => match attr(e, "href").or_else(|| attr(e, "url")) {
                Some(href) => {
                    let url = self.resolve(Some(href));
                    self.item.offer_thumb(RANK_ITUNES_IMAGE, url);
                }
                None => self.capture(Field::ItemImage, Kind::Text, depth),
            },
            _ => {}
        }
        Ok(())
    }

    /// A direct child of `channel` (RSS) or `feed` (Atom).
    fn start_feed_child(&mut self, e: &BytesStart<'_>, local: &str, prefix: &str, depth: usize) {
        match local {
            "title" if !self.is_media_or_itunes(prefix) => {
                let kind = match attr(e, "type").as_deref() {
                    Some("html") | Some("xhtml") => Kind::Html,
                    _ => Kind::Text,
                };
                self.capture(Field::FeedTitle, kind, depth);
            }
            "link" => match attr(e, "href") {
                Some(href) => {
                    let url = self.resolve(Some(href));
                    match attr(e, "rel").as_deref().map(str::trim) {
                        None | Some("alternate") if self.feed.home_page_url.is_none() => {
                            self.feed.home_page_url = url;
                        }
                        Some("next") if self.feed.next_url.is_none() => self.feed.next_url = url,
                        _ => {}
                    }
                }
                None => self.capture(Field::FeedLink, Kind::Text, depth),
            },
            _ => {}
        }
    }

    /// An Atom `<link href rel type>` (also `atom:link` inside RSS items).
    fn atom_link(&mut self, e: &BytesStart<'_>, href: String) {
        let url = self.resolve(Some(href));
        match attr(e, "rel").as_deref().map(str::trim) {
            None | Some("alternate") => {
                if self.item.link.is_none() {
                    self.item.link = url;
                }
            }
            Some("enclosure") => {
                if attr(e, "type").is_some_and(|t| is_image_type(&t)) {
                    self.item.offer_thumb(RANK_ENCLOSURE, url.clone());
                    self.push_image(url, None, None);
                }
            }
            // Links to the entry's own machine-readable document, never a page for readers.
            Some("self" | "edit" | "edit-media" | "replies" | "license") => {}
            Some(_) => {
                if self.item.other_link.is_none() {
                    self.item.other_link = url;
                }
            }
        }
    }

    /// A `media:content`: an image (by `medium` or `type`) is a thumbnail candidate and a gallery photo whose
    /// caption may follow as `media:description` / `media:title`. The contents of one `media:group` are
    /// renditions of one photo: the widest is shown large, and all of known width make its `srcset`.
    fn media_content(&mut self, e: &BytesStart<'_>, depth: usize) {
        let is_image = match (attr(e, "medium"), attr(e, "type")) {
            (Some(m), _) => m.trim().eq_ignore_ascii_case("image"),
            (None, Some(t)) => is_image_type(&t),
            (None, None) => attr(e, "url").is_some_and(|u| looks_like_image_url(&u)),
        };
        if !is_image {
            return;
        }
        let url = self.resolve(attr(e, "url"));
        self.item.offer_thumb(RANK_MEDIA_CONTENT, url.clone());
        let (w, h) = (
            parse_dimension(attr(e, "width")),
            parse_dimension(attr(e, "height")),
        );
        let in_group = self.item.group.and_then(|(_, i)| i);
        let merged = match (in_group.and_then(|i| self.item.images.get_mut(i)), &url) {
            (Some(img), Some(u)) => add_rendition(img, u, w, h),
            _ => false,
        };
        let index = if merged {
            in_group
        } else {
            let index = self.push_image(url, w, h);
            if let Some((gd, None)) = self.item.group {
                self.item.group = Some((gd, index));
            }
            index
        };
        if let Some(index) = index {
            self.item.open_media = Some((depth, index));
        }
    }

    /// Adds a gallery image (caption filled in later) unless its URL is already there; returns its index.
    fn push_image(&mut self, url: Option<String>, width: Option<u32>, height: Option<u32>) -> Option<usize> {
        let url = url?;
        let images = &mut self.item.images;
        if let Some(i) = images.iter().position(|im| im.url == url) {
            return Some(i);
        }
        if images.len() >= IMAGES_PER_ITEM {
            return None;
        }
        images.push(ImageRef {
            url,
            thumb: None,
            caption: String::new(),
            srcset: None,
            width,
            height,
        });
        Some(images.len() - 1)
    }

    fn text(&mut self, s: &str) {
        if let Some(cap) = &mut self.capture {
            let mut end = s.len().min(MAX_CAPTURE_BYTES.saturating_sub(cap.text.len()));
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            cap.text.push_str(s.get(..end).unwrap_or_default());
        }
    }

    /// A general reference (`&amp;`, `&#233;`, `&eacute;` …): the XML five, numeric ones, and — leniently, as
    /// RSS 0.91 allowed them — HTML's named ones; an unknown name stays as written.
    fn reference(&mut self, name: &str) {
        if self.capture.is_none() {
            return;
        }
        let mut raw = String::with_capacity(name.len() + 2);
        raw.push('&');
        raw.push_str(name);
        raw.push(';');
        let decoded = decode_entities(&raw).into_owned();
        self.text(&decoded);
    }

    /// Handles the end of the element at `depth`.
    fn end(&mut self, depth: usize) {
        if self.capture.as_ref().is_some_and(|c| c.depth == depth) {
            if let Some(cap) = self.capture.take() {
                self.commit(cap);
            }
        }
        if self.item.open_media.is_some_and(|(d, _)| d == depth) {
            // Back to the group's photo, if this was one of its renditions.
            self.item.open_media = match self.item.group {
                Some((gd, Some(i))) if gd < depth => Some((gd, i)),
                _ => None,
            };
        }
        if self.item.group.is_some_and(|(d, _)| d == depth) {
            self.item.group = None;
        }
        if self.item_depth == Some(depth) {
            self.item_depth = None;
            self.finish_item();
        }
    }

    /// Stores the text of a finished capture.
    fn commit(&mut self, cap: Capture) {
        let base = self.bases.current(&self.feed_url);
        let plain = |text: &str| match cap.kind {
            Kind::Html => html_to_text(text),
            Kind::Text | Kind::Xhtml => clean_text(text),
        };
        let item = &mut self.item;
        match cap.field {
            Field::Title => {
                if item.title.is_none() {
                    item.title = non_empty(plain(&cap.text));
                }
            }
            Field::Link => {
                if item.link.is_none() {
                    item.link = resolve_url(base, &cap.text);
                }
            }
            Field::Id => {
                if item.id.is_none() {
                    item.id = non_empty(cap.text.trim().to_owned());
                }
            }
            Field::Description | Field::Content => {
                let html = cap.kind == Kind::Html;
                let summary = excerpt(&cap.text, SUMMARY_CHARS, html);
                let img = if html { first_img_src(&cap.text) } else { None }.or(cap.child_img);
                let img = img.and_then(|src| resolve_url(base, &src));
                if cap.field == Field::Description {
                    item.summary = item.summary.take().or(summary);
                    item.offer_thumb(RANK_DESCRIPTION_IMG, img);
                } else {
                    item.content_summary = item.content_summary.take().or(summary);
                    item.offer_thumb(RANK_CONTENT_IMG, img);
                }
            }
            Field::Published | Field::Updated => {
                let text = cap.text.trim();
                if text.is_empty() {
                    return;
                }
                let ts = lenient_date(text);
                item.bad_date |= ts.is_none();
                let slot = if cap.field == Field::Published {
                    &mut item.published
                } else {
                    &mut item.updated
                };
                *slot = slot.or(ts);
            }
            Field::Author | Field::AuthorName => {
                push_unique(&mut item.authors, author_name(&cap.text), AUTHORS_PER_ITEM)
            }
            Field::ItunesAuthor => {
                item.itunes_author = item
                    .itunes_author
                    .take()
                    .or_else(|| non_empty(clean_text(&cap.text)))
            }
            Field::Category => push_unique(&mut item.tags, clean_text(&cap.text), TAGS_PER_ITEM),
            Field::ItemImage => {
                let url = resolve_url(base, &cap.text);
                item.offer_thumb(RANK_ITUNES_IMAGE, url);
            }
            Field::MediaTitle | Field::MediaDescription => {
                // The description (the caption proper) wins over the title, whichever comes first.
                let caption = clean_text(&cap.text);
                let Some((_, i)) = item.open_media else { return };
                let described = item.described.contains(&i);
                if let Some(img) = item.images.get_mut(i) {
                    if caption.is_empty() || described {
                        return;
                    }
                    if cap.field == Field::MediaDescription {
                        item.described.push(i);
                        img.caption = caption;
                    } else if img.caption.is_empty() {
                        img.caption = caption;
                    }
                }
            }
            Field::FeedTitle => {
                if self.feed.title.is_none() {
                    self.feed.title = non_empty(plain(&cap.text));
                }
            }
            Field::FeedLink => {
                if self.feed.home_page_url.is_none() {
                    self.feed.home_page_url = resolve_url(base, &cap.text);
                }
            }
        }
    }

    /// Turns the finished item into an article, or skips it with a warning.
    fn finish_item(&mut self) {
        let raw = std::mem::take(&mut self.item);
        let index = self.item_index;
        self.item_index += 1;
        // An item without a link may still name its page by its id: Atom `id`, RSS `guid` (a permalink by
        // default), RSS 1.0 `rdf:about`, when that is an absolute http(s) URL.
        let url = raw
            .link
            .or(raw.other_link)
            .or_else(|| raw.id.as_deref().and_then(|id| resolve(None, id)))
            .or_else(|| raw.about.as_deref().and_then(|id| resolve(None, id)));
        let Some(url) = url else {
            self.warnings.item(index, "skipped: no usable http(s) link");
            return;
        };
        let summary = raw.summary.or(raw.content_summary);
        let title = match (raw.title, &summary) {
            (Some(t), _) => t,
            (None, Some(s)) => derived_title(s),
            (None, None) => {
                self.warnings.item(index, "skipped: no title and no description");
                return;
            }
        };
        if raw.bad_date {
            self.warnings.item(index, "unreadable date, ignored");
        }
        let mut images = raw.images;
        for img in &mut images {
            if img.caption.is_empty() {
                img.caption.clone_from(&title);
            }
            img.srcset = img.srcset.take().and_then(|s| sanitize_srcset(&s, None));
        }
        // The item's own `media:thumbnail` is the small version of its first photo (unless it is a photo).
        if let Some(thumb) = raw.item_thumb.filter(|t| !images.iter().any(|i| &i.url == t)) {
            if let Some(first) = images.first_mut().filter(|f| f.thumb.is_none()) {
                first.thumb = Some(thumb);
            }
        }
        let mut authors = raw.authors;
        if authors.is_empty() {
            authors.extend(raw.itunes_author);
        }
        self.feed.items.push(Article {
            id: raw.id.unwrap_or_else(|| url.clone()),
            url,
            title,
            summary,
            image: raw.thumb.map(|(_, u)| u),
            image_alt: None,
            image_srcset: None,
            published: raw.published.or(raw.updated),
            tags: raw.tags,
            authors,
            images,
            source: None,
        });
    }
}

/// Adds `url` (`width` × `height`) to a photo of a `media:group` as another rendition of it when it is one:
/// the same URL, or another width of the same shape (both sizes known). Renditions go into the photo's
/// `srcset`, and the widest becomes the picture shown large. Returns false for another picture (feeds also
/// use a group as a plain list of photos).
fn add_rendition(img: &mut ImageRef, url: &str, width: Option<u32>, height: Option<u32>) -> bool {
    let listed = |s: &str| s.split(", ").any(|c| c.split(' ').next() == Some(url));
    // A full `srcset` takes no more renditions: they are dropped, and the scan above stays short.
    let full = |s: &String| s.len() + url.len() + 16 > URL_BYTES;
    if img.url == url || img.srcset.as_ref().is_some_and(full) || img.srcset.as_deref().is_some_and(listed) {
        return true;
    }
    let (Some(w0), Some(h0), Some(w1), Some(h1)) = (img.width, img.height, width, height) else {
        return false;
    };
    let (a, b) = (u64::from(w0) * u64::from(h1), u64::from(w1) * u64::from(h0));
    // The same aspect ratio, within a pixel of height at the larger width.
    if w0 == w1 || a.abs_diff(b) > u64::from(w0.max(w1)) {
        return false;
    }
    let srcset = img.srcset.get_or_insert_with(|| {
        let mut s = img.url.clone();
        s.push(' ');
        push_u64(&mut s, w0.into());
        s.push('w');
        s
    });
    srcset.push_str(", ");
    srcset.push_str(url);
    srcset.push(' ');
    push_u64(srcset, w1.into());
    srcset.push('w');
    if w1 > w0 {
        url.clone_into(&mut img.url);
        img.width = width;
        img.height = height;
    }
    true
}

/// The base URL for the element at the top of `bases`: the innermost `xml:base`, else the feed URL.
/// Elements nested deeper than this are ignored (with a warning): real feeds nest about ten deep, and every
/// open element costs memory and work.
pub const MAX_DEPTH: usize = 256;

/// The `xml:base` in effect for each open element, found in constant time: the bases themselves are kept
/// only for the elements that set one.
#[derive(Default)]
struct Bases {
    /// Per open element: whether it set its own base (the top of `set`).
    open: Vec<bool>,
    set: Vec<String>,
}

impl Bases {
    fn push(&mut self, base: Option<String>) {
        self.open.push(base.is_some());
        self.set.extend(base);
    }

    fn pop(&mut self) {
        if self.open.pop() == Some(true) {
            self.set.pop();
        }
    }

    fn depth(&self) -> usize {
        self.open.len()
    }

    /// The innermost base, else the feed's own URL.
    fn current<'a>(&'a self, feed_url: &'a Option<String>) -> Option<&'a str> {
        self.set.last().map(String::as_str).or(feed_url.as_deref())
    }
}

/// Adds a non-empty string unless already present or the list is full (so the check stays a short scan
/// however many the item lists).
fn push_unique(list: &mut Vec<String>, s: String, max: usize) {
    if list.len() < max && !s.is_empty() && !list.contains(&s) {
        list.push(s);
    }
}

/// The name in an RSS `author` ("editor@example.com (Jane Doe)" → "Jane Doe"), else the cleaned text.
fn author_name(text: &str) -> String {
    let text = clean_text(text);
    if let (Some(open), true) = (text.find('('), text.ends_with(')')) {
        let name = text.get(open + 1..text.len() - 1).unwrap_or_default().trim();
        if !name.is_empty() {
            return name.to_owned();
        }
    }
    text
}

/// A short English description of a parse error. quick-xml's own `Display` covers every error type of the
/// crate and costs about 2 KB of the brotli bundle; the cases feeds hit are named here, with the tag names
/// of a mismatch (the most useful clue to a webmaster).
fn xml_error_message(e: &quick_xml::Error) -> String {
    use quick_xml::errors::{IllFormedError, SyntaxError};
    use quick_xml::Error;
    let fixed = match e {
        Error::Syntax(SyntaxError::UnclosedTag) => "unclosed tag",
        Error::Syntax(SyntaxError::UnclosedCData) => "unclosed CDATA section",
        Error::Syntax(SyntaxError::UnclosedComment) => "unclosed comment",
        Error::Syntax(_) => "syntax error",
        Error::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            let mut m = String::with_capacity(40 + expected.len() + found.len());
            m.push_str("expected </");
            m.push_str(expected);
            m.push_str(">, found </");
            m.push_str(found);
            m.push('>');
            return m;
        }
        Error::IllFormed(_) => "ill-formed document",
        Error::InvalidAttr(_) => "invalid attribute",
        _ => "unreadable document",
    };
    fixed.to_owned()
}

/// Parses an RSS (0.9x, 1.0, 2.0) or Atom 1.0 body fetched from `feed_url` (the base for relative URLs, under
/// any `xml:base`).
///
/// Items with neither title nor description, or without a usable http(s) link (link, else an http(s)
/// id/guid), are skipped with a warning. Malformed XML keeps the items read before the error (with a
/// warning) and is [`FeedError::Xml`] only when none was read; a root element other than `rss`, `rdf:RDF`,
/// `feed` (or a bare `channel`) is [`FeedError::NotAFeed`].
///
/// # Errors
/// As above. [`XmlText`] reads the same feed in slices.
pub fn parse_xml_feed(body: &[u8], feed_url: Option<&str>) -> Result<Feed, FeedError> {
    let text = XmlText::decode(body);
    let mut slices = text.slices(feed_url);
    loop {
        if let Some(done) = slices.step(usize::MAX) {
            return done;
        }
    }
}

/// An XML body decoded to text (UTF-8, or Latin-1/Windows-1252 when it says so), ready to be read in
/// slices by [`XmlText::slices`], so that the edge can give the page its main thread back between them.
pub struct XmlText<'a> {
    text: Cow<'a, str>,
    warnings: Warnings,
}

impl<'a> XmlText<'a> {
    pub fn decode(body: &'a [u8]) -> XmlText<'a> {
        let mut warnings = Warnings::default();
        let text = decode_body(body, &mut warnings);
        XmlText { text, warnings }
    }

    /// The reading of this text as a feed from `feed_url`.
    pub fn slices<'t>(&'t self, feed_url: Option<&str>) -> XmlSlices<'t> {
        let mut reader = Reader::from_str(&self.text);
        let config = reader.config_mut();
        // A raw `&` in a URL is the commonest feed error; keep it as text rather than fail the feed.
        config.allow_dangling_amp = true;
        config.allow_unmatched_ends = true;
        XmlSlices {
            reader,
            p: Parser {
                feed_url: feed_url.and_then(|u| resolve(None, u)),
                bases: Bases::default(),
                root_checked: false,
                media_prefix: "media".to_owned(),
                itunes_prefix: "itunes".to_owned(),
                channel_depth: None,
                item_depth: None,
                item_index: 0,
                item: RawItem::default(),
                capture: None,
                feed: Feed::default(),
                // The decoding's warnings (a charset guessed) come first.
                warnings: self.warnings.clone(),
            },
            too_deep: 0,
            warned_deep: false,
        }
    }
}

/// A feed being read from an [`XmlText`], a number of XML events at a time.
pub struct XmlSlices<'t> {
    reader: Reader<&'t [u8]>,
    p: Parser,
    /// Elements open below [`MAX_DEPTH`], ignored: only their count is kept, so their end tags close nothing.
    too_deep: usize,
    warned_deep: bool,
}

impl XmlSlices<'_> {
    /// Items read so far.
    pub fn len(&self) -> usize {
        self.p.feed.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.p.feed.items.is_empty()
    }

    /// Reads up to `events` more XML events; `Some` with the outcome of [`parse_xml_feed`] once the document
    /// ended (or failed), `None` while there is more.
    pub fn step(&mut self, events: usize) -> Option<Result<Feed, FeedError>> {
        let p = &mut self.p;
        for _ in 0..events {
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let message = xml_error_message(&e);
                    if p.feed.items.is_empty() {
                        return Some(Err(FeedError::Xml {
                            position: self.reader.error_position() as usize,
                            message,
                        }));
                    }
                    let mut w = String::from("the feed is malformed XML after ");
                    push_u64(&mut w, p.feed.items.len() as u64);
                    w.push_str(" items; the rest was ignored: ");
                    w.push_str(&message);
                    p.warnings.feed(&w);
                    p.item_depth = None;
                    return Some(self.finish());
                }
            };
            let result = match &event {
                Event::Start(_) | Event::Empty(_) if p.bases.depth() >= MAX_DEPTH => {
                    if matches!(event, Event::Start(_)) {
                        self.too_deep += 1;
                    }
                    if !self.warned_deep {
                        self.warned_deep = true;
                        p.warnings
                            .feed("elements nested deeper than 256 levels were ignored");
                    }
                    Ok(())
                }
                Event::End(_) if self.too_deep > 0 => {
                    self.too_deep -= 1;
                    Ok(())
                }
                Event::Start(e) | Event::Empty(e) => {
                    let base = p.own_base(e);
                    p.bases.push(base);
                    let depth = p.bases.depth();
                    let result = p.start(e, depth);
                    if matches!(event, Event::Empty(_)) {
                        p.end(depth);
                        p.bases.pop();
                    }
                    result
                }
                Event::End(_) => {
                    // `allow_unmatched_ends` lets a stray end tag through: it closes nothing.
                    if p.bases.depth() > 0 {
                        p.end(p.bases.depth());
                        p.bases.pop();
                    }
                    Ok(())
                }
                Event::Text(t) => {
                    p.text(t);
                    Ok(())
                }
                Event::CData(t) => {
                    p.text(t);
                    Ok(())
                }
                Event::GeneralRef(r) => {
                    p.reference(r);
                    Ok(())
                }
                Event::Eof => return Some(self.finish()),
                _ => Ok(()),
            };
            if let Err(why) = result {
                return Some(Err(FeedError::NotAFeed(why.to_owned())));
            }
        }
        None
    }

    /// The feed read so far, as [`parse_xml_feed`] ends it: the items read, the open item ignored.
    ///
    /// # Errors
    /// [`FeedError::NotAFeed`] when no root element was read.
    pub fn finish(&mut self) -> Result<Feed, FeedError> {
        let p = &mut self.p;
        if !p.root_checked {
            return Err(FeedError::NotAFeed(
                "the XML document has no root element".to_owned(),
            ));
        }
        if p.item_depth.take().is_some() {
            p.warnings
                .feed("the feed ends inside an item: that item was ignored");
        }
        let mut feed = core::mem::take(&mut p.feed);
        feed.warnings = core::mem::take(&mut p.warnings).finish();
        Ok(feed)
    }
}
