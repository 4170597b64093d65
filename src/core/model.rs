//! The normalised article model every feed format is turned into, and every block renders from.
//!
//! Parsers (JSON Feed, WordPress REST, RSS, Atom) produce a [`Feed`]; selection and rendering only ever
//! see these types, so every block works with every format.

/// A point in time as Unix seconds (UTC). Offsets are applied only when formatting for display.
pub type Timestamp = i64;

/// One image that can be shown in the gallery, with the caption readers (and screen readers) get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// Absolute http(s) URL.
    pub url: String,
    /// Plain text caption (attachment title, else the item's title).
    pub caption: String,
    /// Optional `srcset` (only http(s) candidates kept), e.g. from WordPress media sizes.
    pub srcset: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// One normalised article. Saved in snapshots so the last good list survives a reload (see `snapshot`).
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Images for the gallery block, in feed order (item image, banner image, image attachments).
    pub images: Vec<ImageRef>,
    /// Name of the feed this item came from (feed title, else host) — used when merging sources.
    pub source: Option<String>,
}

/// A parsed, normalised feed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Feed {
    pub title: Option<String>,
    pub home_page_url: Option<String>,
    /// JSON Feed `next_url` (absolute http(s)), for "Xem thêm" paging.
    pub next_url: Option<String>,
    /// Items in feed order (selection sorts).
    pub items: Vec<Article>,
    /// Human-readable notes about what was skipped or repaired ("prefer a parse over no parse").
    pub warnings: Vec<String>,
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

impl core::fmt::Display for FeedError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            FeedError::Json {
                line,
                column,
                message,
            } => {
                write!(f, "invalid JSON at line {line}, column {column}: {message}")
            }
            FeedError::Xml { position, message } => {
                write!(f, "invalid XML at byte {position}: {message}")
            }
            FeedError::NotAFeed(why) => write!(f, "not a feed: {why}"),
            FeedError::Empty => f.write_str("empty response body"),
            FeedError::Unsupported(format) => write!(f, "{} feeds need the full module", format.as_str()),
        }
    }
}

impl std::error::Error for FeedError {}
