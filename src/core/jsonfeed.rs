//! JSON Feed 1.0 and 1.1 into the article model, leniently.
//!
//! Owns the JSON Feed reading rules: which item fields become which [`Article`] fields, what makes an item
//! unusable (skipped with a warning, the rest kept), and what makes a body "not a feed".
//!
//! The body is read through the [`Node`] interface, so the same rules run over the byte reader
//! (`bytes_json`) and over `serde_json` (the tests' reference). Every field accessor yields "missing" for a value of the wrong type, so
//! a field of the wrong type never fails the feed; only invalid JSON does. Only the fields a block uses are
//! read, and `content_html` (usually the largest) only when neither `summary` nor `content_text` gives a
//! summary. A large body can also be read a slice of items at a time (`chunked`), item by item through
//! [`ItemReader`] exactly as here.

use crate::core::date::parse_date;
use crate::core::model::{Article, Feed, FeedError, ImageRef, Timestamp};
use crate::core::rules::{
    derived_title, strip_bom, Warnings, AUTHORS_PER_ITEM, IMAGES_PER_ITEM, NAME_CHARS, SUMMARY_CHARS,
    TAGS_PER_ITEM, TITLE_CHARS,
};
use crate::core::text::{clean_text, excerpt, non_empty};
use crate::core::tree::{Json, Node};
use crate::core::url::{is_http_url, resolve};

/// A string field, cleaned as text; `None` when missing, of another type or empty once cleaned.
fn text_field<N: Node>(node: &N, name: &'static str, max: usize) -> Option<String> {
    // Only a prefix of a long value is cleaned: the text is cut to `max` characters anyway.
    excerpt(&node.field(name)?.as_str()?, max, false)
}

/// The `name` of an author object (1.0 `author`, 1.1 `authors[]`), cleaned.
fn author_name<N: Node>(author: &N) -> Option<String> {
    text_field(author, "name", NAME_CHARS)
}

/// The non-empty names of an array of author objects, the first [`AUTHORS_PER_ITEM`] of them (feed-level
/// authors are copied into every item that names none).
fn author_names<N: Node>(authors: Option<N>) -> Vec<String> {
    authors
        .map(|list| {
            list.elements()
                .filter_map(|a| author_name(&a))
                .take(AUTHORS_PER_ITEM)
                .collect()
        })
        .unwrap_or_default()
}

/// An item id: a string, or a number as its decimal text (JSON Feed says string, feeds send numbers); a
/// number with a fraction, or too large to be held exactly, has no stable text.
fn item_id<N: Node>(item: &N) -> Option<String> {
    item.field("id")?.str_or_whole()
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

/// The top-level fields a block uses.
#[derive(Debug, Default)]
pub(crate) struct Top {
    version: Option<String>,
    title: Option<String>,
    home_page_url: Option<String>,
    next_url: Option<String>,
    /// Feed-level authors (1.1 `authors`, else 1.0 `author`): the authors of items that name none.
    authors: Vec<String>,
}

impl Top {
    /// Reads the top level; `NotAFeed` when it is not an object.
    pub(crate) fn read<N: Node>(root: &N) -> Result<Top, FeedError> {
        if !root.is_object() {
            return Err(FeedError::NotAFeed(
                "the JSON top level is not an object".to_owned(),
            ));
        }
        let mut authors = author_names(root.field("authors"));
        if authors.is_empty() {
            authors.extend(root.field("author").and_then(|a| author_name(&a)));
        }
        Ok(Top {
            version: root.str_field("version"),
            title: root.str_field("title"),
            home_page_url: root.str_field("home_page_url"),
            next_url: root.str_field("next_url"),
            authors,
        })
    }

    /// The feed-level authors for an item that names none.
    pub(crate) fn fill_authors(&self, a: &mut Article) {
        if a.authors.is_empty() && !self.authors.is_empty() {
            a.authors.clone_from(&self.authors);
        }
    }

    /// The feed of these top-level fields (URLs resolved against `base`) and `items`.
    pub(crate) fn feed(&self, base: Option<&str>, items: Vec<Article>, warnings: Warnings) -> Feed {
        Feed {
            title: self.title.as_deref().map(clean_text).and_then(non_empty),
            home_page_url: self.home_page_url.as_deref().and_then(|u| resolve(base, u)),
            next_url: self.next_url.as_deref().and_then(|u| resolve(base, u)),
            items,
            warnings: warnings.finish(),
            ..Feed::default()
        }
    }

    fn is_jsonfeed_version(&self) -> bool {
        self.version.as_deref().is_some_and(|v| v.contains("jsonfeed"))
    }
}

/// Turns the elements of `items` into articles, in order, counting every element for the warnings.
pub(crate) struct ItemReader<'b> {
    base: Option<&'b str>,
    pub(crate) items: Vec<Article>,
    pub(crate) warnings: Warnings,
    /// Index in `items` of the next element.
    index: usize,
}

impl<'b> ItemReader<'b> {
    pub(crate) fn new(base: Option<&'b str>) -> ItemReader<'b> {
        ItemReader {
            base,
            items: Vec::new(),
            warnings: Warnings::default(),
            index: 0,
        }
    }

    /// Reads the next element of `items`.
    pub(crate) fn push<N: Node>(&mut self, element: &N) {
        let index = self.index;
        self.index += 1;
        if let Some(a) = read_item(element, self.base, index, &mut self.warnings) {
            self.items.push(a);
        }
    }

    /// The feed: feed-level authors given to the items that name none, the warnings of the top level
    /// added after the item warnings.
    pub(crate) fn finish(mut self, top: Top, items_is_array: bool, trailing: bool) -> Feed {
        if !items_is_array {
            self.warnings.feed("\"items\" is missing or not an array");
        }
        for a in &mut self.items {
            top.fill_authors(a);
        }
        if trailing {
            self.warnings.feed("ignored data after the end of the JSON value");
        }
        top.feed(self.base, self.items, self.warnings)
    }
}

/// An item's instant: `date_published`, else `date_modified` (each only when it parses); `unreadable` hears
/// of every date that is there but does not parse. One rule for reading items and for ordering them by date
/// before they are read (`deferred`).
pub(crate) fn item_date(
    published: Option<String>,
    modified: Option<String>,
    mut unreadable: impl FnMut(&'static str),
) -> Option<Timestamp> {
    for date in [published, modified].into_iter().flatten() {
        if let Some(t) = parse_date(&date) {
            return Some(t);
        }
        unreadable("unreadable date, ignored");
    }
    None
}

/// The element at `index` of `items` into an article, as [`ItemReader`] reads it (without the feed-level
/// authors, which [`Top::fill_authors`] gives).
pub(crate) fn read_item<N: Node>(
    element: &N,
    base: Option<&str>,
    index: usize,
    warnings: &mut Warnings,
) -> Option<Article> {
    if !element.is_object() {
        warnings.item(index, "skipped: not an object");
        return None;
    }
    to_article(element, base, index, warnings)
}

/// One item (an object) into an article, or `None` (with a warning) when it has no usable URL or no text.
fn to_article<N: Node>(
    item: &N,
    base: Option<&str>,
    index: usize,
    warnings: &mut Warnings,
) -> Option<Article> {
    let str_of = |name: &'static str| item.str_field(name);
    let id = item_id(item);
    let url = ["url", "external_url"]
        .into_iter()
        .filter_map(|name| item.field(name))
        .find_map(|u| u.as_str().and_then(|u| resolve(base, &u)))
        .or_else(|| {
            id.as_deref()
                .filter(|id| is_http_url(id))
                .and_then(|id| resolve(None, id))
        });
    let Some(url) = url else {
        warnings.item(index, "skipped: no usable http(s) URL");
        return None;
    };

    let plain = |name: &'static str| {
        item.field(name)?
            .as_str()
            .and_then(|s| excerpt(&s, SUMMARY_CHARS, false))
    };
    let summary = plain("summary").or_else(|| plain("content_text")).or_else(|| {
        item.field("content_html")?
            .as_str()
            .and_then(|s| excerpt(&s, SUMMARY_CHARS, true))
    });
    let title = match text_field(item, "title", TITLE_CHARS) {
        Some(t) => t,
        None => match &summary {
            Some(s) => derived_title(s),
            None => {
                warnings.item(index, "skipped: no title and no text");
                return None;
            }
        },
    };

    let published = item_date(str_of("date_published"), str_of("date_modified"), |what| {
        warnings.item(index, what);
    });

    // The photos are the image attachments, each captioned by its own title. The item's `image` is the
    // small version of the first one (unless it is one of them); only an item without image attachments
    // has its `image` (else `banner_image`) as its one photo.
    let mut images = Vec::new();
    for a in item.field("attachments").iter().flat_map(|list| list.elements()) {
        // Each photo may carry a copy of the title: the count is what bounds the copies.
        if images.len() >= IMAGES_PER_ITEM {
            break;
        }
        if !a.is_object() {
            continue;
        }
        let is_image = a
            .field("mime_type")
            .and_then(|m| {
                m.as_str().map(|m| {
                    m.trim()
                        .get(..6)
                        .is_some_and(|m| m.eq_ignore_ascii_case("image/"))
                })
            })
            .unwrap_or(false);
        if !is_image {
            continue;
        }
        let caption = text_field(&a, "title", TITLE_CHARS);
        let url = a.str_field("url").and_then(|u| resolve(base, &u));
        push_image(&mut images, url, caption.as_deref().unwrap_or(&title));
    }
    let image = str_of("image").and_then(|u| resolve(base, &u));
    let banner = str_of("banner_image").and_then(|u| resolve(base, &u));
    if images.is_empty() {
        push_image(&mut images, image.clone().or_else(|| banner.clone()), &title);
    } else if let Some(thumb) = image.as_ref().filter(|t| !images.iter().any(|i| &i.url == *t)) {
        if let Some(first) = images.first_mut() {
            first.thumb = Some(thumb.clone());
        }
    }
    let image = image.or(banner).or_else(|| images.first().map(|i| i.url.clone()));

    let mut authors = author_names(item.field("authors"));
    if authors.is_empty() {
        authors.extend(item.field("author").and_then(|a| author_name(&a)));
    }
    let tags = item
        .field("tags")
        .map(|list| {
            list.elements()
                .filter_map(|t| t.as_str().and_then(|t| excerpt(&t, NAME_CHARS, false)))
                .take(TAGS_PER_ITEM)
                .collect()
        })
        .unwrap_or_default();

    let id = id
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

/// Parses a JSON Feed (1.0 or 1.1) body fetched from `feed_url` (the base for relative URLs) with the
/// parser `J`.
///
/// Items that are not objects, have neither title nor text, or have no usable http(s) URL (`url`, else
/// `external_url`, else an http(s) `id`) are skipped with a warning; wrong field types count as missing.
/// A top level that is not an object, or an object with neither an `items` array nor a JSON Feed `version`,
/// is [`FeedError::NotAFeed`]; invalid JSON is [`FeedError::Json`].
pub fn parse_json_feed_with<J: Json>(body: &[u8], feed_url: Option<&str>) -> Result<Feed, FeedError> {
    let (doc, trailing) = J::read(strip_bom(body))?;
    let root = J::root(&doc);
    let top = Top::read(&root)?;
    let mut reader = ItemReader::new(feed_url);
    let items = root.field("items").filter(Node::is_array);
    if let Some(items) = &items {
        for element in items.elements() {
            reader.push(&element);
        }
    } else if !top.is_jsonfeed_version() {
        return Err(FeedError::NotAFeed(
            "the JSON object has no \"items\" array".to_owned(),
        ));
    }
    Ok(reader.finish(top, items.is_some(), trailing))
}

/// [`parse_json_feed_with`] the module's JSON parser (`bytes_json`).
pub fn parse_json_feed(body: &[u8], feed_url: Option<&str>) -> Result<Feed, FeedError> {
    parse_json_feed_with::<crate::core::bytes_json::ByteJson>(body, feed_url)
}
