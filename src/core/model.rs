//! The normalised article model every feed format is turned into, and every block renders from.
//!
//! Parsers (JSON Feed, WordPress REST, RSS, Atom) produce a [`Feed`]; selection and rendering only ever
//! see these types, so every block works with every format.

use crate::core::text::{needs_nfc, number_text};

/// A point in time as Unix seconds (UTC). Offsets are applied only when formatting for display.
pub type Timestamp = i64;

/// One photo of an item, shown in the gallery: the large picture (the lightbox), its small version (the
/// grid) when the feed gives one, and the caption readers (and screen readers) get. Serialisable natively
/// (the relay keeps its channels on disk); the browser writes snapshots with `snapshot`'s own writer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, serde::Deserialize))]
pub struct ImageRef {
    /// The large picture: absolute http(s) URL.
    pub url: String,
    /// The small version of the same picture for the grid (the item's `image`, `media:thumbnail`, a smaller
    /// WordPress size); `None` when the feed gives only one size.
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub thumb: Option<String>,
    /// Plain text caption as the feed writes it, credit included ("… Ảnh: THU THẢO"); the item's title
    /// only when the photo has no text of its own.
    pub caption: String,
    /// Optional `srcset` of the sizes of this picture (only http(s) candidates kept), e.g. from WordPress
    /// media sizes or the renditions of a Media RSS group.
    pub srcset: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// One normalised article. Saved in snapshots so the last good list survives a reload (see `snapshot`), and
/// natively serialisable for the relay's copies on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, serde::Deserialize))]
pub struct Article {
    /// Stable id: the feed's id, else the URL.
    pub id: String,
    /// Absolute http(s) URL of the article.
    pub url: String,
    /// Plain text title (entities decoded, markup removed, whitespace trimmed).
    pub title: String,
    /// Plain text summary, if any.
    pub summary: Option<String>,
    /// Thumbnail: absolute http(s) URL.
    pub image: Option<String>,
    /// Alt text for the thumbnail when the feed gives one (WordPress `alt_text`).
    pub image_alt: Option<String>,
    /// `srcset` for the thumbnail, http(s) candidates only.
    pub image_srcset: Option<String>,
    /// Publication instant; `None` when the feed gives no parseable date (sorted last).
    pub published: Option<Timestamp>,
    /// Tags / categories as given by the feed (WordPress ids as decimal strings).
    pub tags: Vec<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// The item's photos for the gallery block, in feed order: JSON Feed image attachments, RSS / Atom
    /// `media:content` and image enclosures, the WordPress featured media; else the item's own image.
    pub images: Vec<ImageRef>,
    /// Name of the feed this item came from (feed title, else host) — used when merging sources.
    pub source: Option<String>,
}

/// A parsed, normalised feed.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Feed {
    pub title: Option<String>,
    pub home_page_url: Option<String>,
    /// JSON Feed `next_url` (absolute http(s)), for "Xem thêm" paging.
    pub next_url: Option<String>,
    /// Items in feed order (selection sorts).
    pub items: Vec<Article>,
    /// Human-readable notes about what was skipped or repaired ("prefer a parse over no parse").
    pub warnings: Vec<String>,
    /// The items not read yet, when `items` holds only the newest of a large feed (see `deferred`); none
    /// for every feed read whole.
    pub rest: Rest,
}

/// Written as a derived `Debug` would, `rest` only when there is one: a feed read whole prints (and
/// digests, in the tests) as it always has.
impl std::fmt::Debug for Feed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Feed");
        d.field("title", &self.title)
            .field("home_page_url", &self.home_page_url)
            .field("next_url", &self.next_url)
            .field("items", &self.items)
            .field("warnings", &self.warnings);
        if self.rest.0.is_some() {
            d.field("rest", &self.rest);
        }
        d.finish()
    }
}

/// The items of a large feed that no block has needed yet: their order is known, their reading is put off
/// until a block looks past the ones already read.
pub trait Unread: Send + Sync {
    /// How many items are left (some may still turn out unusable and be skipped).
    fn len(&self) -> usize;
    /// True when nothing is left.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Every item of the feed in its order: `read` (the items already read) followed by the rest, read on
    /// the first call (what [`Unread::read_some`] has not read yet) and kept.
    fn all(&self, read: &[Article]) -> &[Article];
    /// Reads up to `elements` more of the rest, so that a caller can spread the reading over several tasks;
    /// true once everything is read ([`Unread::all`] is then immediate).
    fn read_some(&self, read: &[Article], elements: usize) -> bool;
}

/// [`Feed::rest`]: nothing (a feed read whole), or the items not read yet.
#[derive(Clone, Default)]
pub struct Rest(pub Option<std::sync::Arc<dyn Unread>>);

/// How many items are left is all a reading in progress shows. (`Unread` itself has no `Debug`: in the
/// WASM module its vtable would carry the number formatting of `core::fmt` for nothing.)
impl std::fmt::Debug for Rest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            None => f.write_str("Rest(None)"),
            Some(unread) => f.debug_struct("Rest").field("unread", &unread.len()).finish(),
        }
    }
}

impl PartialEq for Rest {
    /// The same unread items (one reading shared), or none on either side.
    fn eq(&self, other: &Rest) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => std::ptr::addr_eq(std::sync::Arc::as_ptr(a), std::sync::Arc::as_ptr(b)),
            _ => false,
        }
    }
}

impl Eq for Rest {}

impl Feed {
    /// Gives every text a block displays (titles, summaries, captions, alt texts, tags, authors, source
    /// and feed names) to `nfc` when [`needs_nfc`] says Unicode NFC may change it (decomposed text from
    /// some CMSs): the edge passes the browser's `String.prototype.normalize`, native tests a crate, and
    /// the core carries no normalisation tables of its own.
    pub fn normalize_text(&mut self, nfc: &dyn Fn(&str) -> String) {
        if let Some(t) = self.title.as_mut().filter(|t| needs_nfc(t)) {
            *t = nfc(t);
        }
        for a in &mut self.items {
            a.normalize_text(nfc);
        }
    }

    /// Every item, newest first once finished: the ones read and, for a large feed read newest first,
    /// the rest, which this reads on the first call (see [`Rest`]). Selections that may look past the
    /// newest few (a tag filter, paging through everything) take this; the others take `items`.
    pub fn all_items(&self) -> &[Article] {
        match &self.rest.0 {
            Some(rest) => rest.all(&self.items),
            None => &self.items,
        }
    }

    /// Reads up to `elements` more items of the rest (see [`Unread::read_some`]); true once every item is read
    /// (at once for a feed read whole).
    pub fn read_some(&self, elements: usize) -> bool {
        self.rest
            .0
            .as_ref()
            .is_none_or(|r| r.read_some(&self.items, elements))
    }

    /// How many items the feed has, read or not.
    pub fn total(&self) -> usize {
        self.items.len() + self.rest.0.as_ref().map_or(0, |r| r.len())
    }

    /// The items a selection filtering by `tag` needs: all of them when a tag is set (it may be rare),
    /// else the ones read, which are the newest and always more than one block shows.
    pub fn items_for(&self, tag: Option<&str>) -> &[Article] {
        if tag.is_some_and(|t| !t.trim().is_empty()) {
            self.all_items()
        } else {
            &self.items
        }
    }
}

impl Article {
    /// [`Feed::normalize_text`] for one article.
    pub fn normalize_text(&mut self, nfc: &dyn Fn(&str) -> String) {
        let fix = |s: &mut String| {
            if needs_nfc(s) {
                *s = nfc(s);
            }
        };
        fix(&mut self.title);
        self.summary.iter_mut().for_each(fix);
        self.image_alt.iter_mut().for_each(fix);
        self.source.iter_mut().for_each(fix);
        self.tags.iter_mut().for_each(fix);
        self.authors.iter_mut().for_each(fix);
        for i in &mut self.images {
            fix(&mut i.caption);
        }
    }
}

/// Which format a feed body is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    JsonFeed,
    WordPress,
    Rss,
    Atom,
}

impl FeedFormat {
    /// Every format, in the order the `format` attribute documents them.
    pub const ALL: [FeedFormat; 4] = [
        FeedFormat::JsonFeed,
        FeedFormat::WordPress,
        FeedFormat::Rss,
        FeedFormat::Atom,
    ];

    /// The name the `format` attribute takes (and cache keys and messages use).
    pub const fn as_str(self) -> &'static str {
        match self {
            FeedFormat::JsonFeed => "json",
            FeedFormat::WordPress => "wordpress",
            FeedFormat::Rss => "rss",
            FeedFormat::Atom => "atom",
        }
    }

    /// Other spellings webmasters write for the same format.
    const fn aliases(self) -> &'static [&'static str] {
        match self {
            FeedFormat::JsonFeed => &["jsonfeed", "json-feed"],
            FeedFormat::WordPress => &["wp"],
            FeedFormat::Rss | FeedFormat::Atom => &[],
        }
    }
}

impl core::str::FromStr for FeedFormat {
    type Err = ();

    /// [`FeedFormat::as_str`] names and their aliases, trimmed, in any letter case.
    ///
    /// # Errors
    /// `Err(())` for anything else (`auto` included: that is no forced format, see `config`).
    fn from_str(v: &str) -> Result<Self, ()> {
        by_name(v, &FeedFormat::ALL, |f| (f.as_str(), f.aliases()))
    }
}

/// The member of `all` whose name or one of whose aliases (`names`) is `v`, trimmed, in any letter case:
/// the one `FromStr` rule of the core's named enums.
pub(crate) fn by_name<T: Copy>(
    v: &str,
    all: &[T],
    names: impl Fn(T) -> (&'static str, &'static [&'static str]),
) -> Result<T, ()> {
    let v = v.trim();
    all.iter()
        .copied()
        .find(|&t| {
            let (name, aliases) = names(t);
            name.eq_ignore_ascii_case(v) || aliases.iter().any(|a| a.eq_ignore_ascii_case(v))
        })
        .ok_or(())
}

/// Why a whole feed could not be read (a single bad item never produces this: it is skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedError {
    /// The body is not valid JSON; line and column are 1-based as reported by the parser.
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// The body is not well-formed XML.
    Xml { position: usize, message: String },
    /// The body parsed but is not a feed this crate understands (e.g. an HTML error page).
    NotAFeed(String),
    /// The body is empty (or only whitespace / BOM).
    Empty,
    /// A format this build of the module does not read (the lean module reads JSON Feed only); the loader
    /// then hands the block to the full module.
    Unsupported(FeedFormat),
}

impl FeedError {
    /// The sentence a console line and the error event's `reason` give: what was wrong and where.
    /// Written without `format!`, whose machinery would be the WASM module's only use of it.
    pub fn reason(&self) -> String {
        let n = |v: &usize| number_text(*v as u64);
        match self {
            FeedError::Json {
                line,
                column,
                message,
            } => [
                "invalid JSON at line ",
                &n(line),
                ", column ",
                &n(column),
                ": ",
                message,
            ]
            .concat(),
            FeedError::Xml { position, message } => {
                ["invalid XML at byte ", &n(position), ": ", message].concat()
            }
            FeedError::NotAFeed(why) => ["not a feed: ", why].concat(),
            FeedError::Empty => "empty response body".into(),
            FeedError::Unsupported(format) => [format.as_str(), " feeds need the full module"].concat(),
        }
    }
}

impl core::fmt::Display for FeedError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.reason())
    }
}

impl std::error::Error for FeedError {}
