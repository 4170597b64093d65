//! Block configuration from the host element's attributes.
//!
//! Owns the attribute contract (names, accepted values, defaults, limits) of `<news-widget>` and of the
//! `[data-news-widget]` form (the edge maps `data-*` names to the plain ones before calling
//! [`parse_config`]). A bad value never stops a block: it falls back to the default and yields an English
//! warning naming the attribute and the value, for the console.

use crate::core::date::parse_offset;
use crate::core::feedback::Field;
use crate::core::i18n::{labels, Lang};
use crate::core::model::{by_name, FeedFormat};
use crate::core::text::{number_text, truncate_chars};

/// Which block to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// "Mới nhất".
    #[default]
    Latest,
    /// "Các tin khác".
    Others,
    /// "Thư viện ảnh".
    Gallery,
    /// "Liên kết website": links to other sites, as a list or a drop-down.
    Links,
    /// "Phản hồi": the readers' feedback form on the article being read; reads no feed.
    Feedback,
}

impl Kind {
    /// Every kind, in the order the `kind` attribute documents them.
    pub const ALL: [Kind; 5] = [
        Kind::Latest,
        Kind::Others,
        Kind::Gallery,
        Kind::Links,
        Kind::Feedback,
    ];

    /// The value of the `kind` attribute (and of `data-kind` and the events' `kind`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Latest => "latest",
            Kind::Others => "others",
            Kind::Gallery => "gallery",
            Kind::Links => "links",
            Kind::Feedback => "feedback",
        }
    }

    /// Other spellings accepted for the same kind.
    const fn aliases(self) -> &'static [&'static str] {
        match self {
            Kind::Latest => &[""],
            Kind::Others => &["other"],
            Kind::Gallery => &[],
            Kind::Links => &["weblinks"],
            Kind::Feedback => &["comments"],
        }
    }
}

impl core::str::FromStr for Kind {
    type Err = ();

    /// [`Kind::as_str`] names and their aliases, trimmed, in any letter case; empty is `latest`.
    ///
    /// # Errors
    /// `Err(())` for an unknown kind.
    fn from_str(v: &str) -> Result<Self, ()> {
        by_name(v, &Kind::ALL, |k| (k.as_str(), k.aliases()))
    }
}

/// How a block lays out its entries (`layout` attribute). Each kind has its own set ([`Kind::layouts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Rows: thumbnail, title, time (and summary); links with their icons.
    #[default]
    List,
    /// Rows of one line: title and time only, no thumbnails or summaries.
    Compact,
    /// Cards with their thumbnails, as many columns as the block's width holds.
    Grid,
    /// One line showing one story at a time, advancing by itself (pausable).
    Ticker,
    /// "Liên kết website": a `<select>` of the sites and a "Đi" button that opens the chosen one.
    Select,
}

impl Layout {
    /// Every layout, in the order the `layout` attribute documents them.
    pub const ALL: [Layout; 5] = [
        Layout::List,
        Layout::Compact,
        Layout::Grid,
        Layout::Ticker,
        Layout::Select,
    ];

    /// The value of the `layout` attribute (and of `data-layout` on the block's root).
    pub const fn as_str(self) -> &'static str {
        match self {
            Layout::List => "list",
            Layout::Compact => "compact",
            Layout::Grid => "grid",
            Layout::Ticker => "ticker",
            Layout::Select => "select",
        }
    }

    /// Other spellings accepted for the same layout.
    const fn aliases(self) -> &'static [&'static str] {
        match self {
            Layout::List => &["links"],
            Layout::Compact => &[],
            Layout::Grid => &["cards"],
            Layout::Ticker => &[],
            Layout::Select => &["dropdown"],
        }
    }
}

impl core::str::FromStr for Layout {
    type Err = ();

    /// [`Layout::as_str`] names and their aliases, trimmed, in any letter case.
    ///
    /// # Errors
    /// `Err(())` for an unknown layout.
    fn from_str(v: &str) -> Result<Self, ()> {
        by_name(v, &Layout::ALL, |l| (l.as_str(), l.aliases()))
    }
}

/// How a block writes its articles' times (`time` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeStyle {
    /// The portal-time date, "Thứ Bảy, 20/7/2019 8:36".
    #[default]
    Absolute,
    /// "vừa xong", "5 phút trước", "2 giờ trước", then the date after a day (see
    /// [`crate::core::date::format_relative`]).
    Relative,
}

impl TimeStyle {
    /// Every style, in the order the `time` attribute documents them.
    pub const ALL: [TimeStyle; 2] = [TimeStyle::Absolute, TimeStyle::Relative];

    /// The value of the `time` attribute.
    pub const fn as_str(self) -> &'static str {
        match self {
            TimeStyle::Absolute => "absolute",
            TimeStyle::Relative => "relative",
        }
    }
}

impl Kind {
    /// The layouts this kind has; the first is its default.
    pub const fn layouts(self) -> &'static [Layout] {
        match self {
            Kind::Latest | Kind::Others => &[Layout::List, Layout::Compact, Layout::Grid, Layout::Ticker],
            Kind::Gallery => &[Layout::Grid],
            Kind::Links => &[Layout::List, Layout::Select],
            // The form and, under it, the published feedback.
            Kind::Feedback => &[Layout::List],
        }
    }

    /// The layout of a block of this kind without a `layout` attribute.
    pub fn default_layout(self) -> Layout {
        self.layouts().first().copied().unwrap_or_default()
    }
}

/// The block's palette (`theme` attribute). The palettes themselves are CSS (`style/widget.css`, on the
/// host element); the attribute is read here so that a bad value warns like every other attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// Light or dark after the reader's system setting (`prefers-color-scheme`).
    Auto,
}

impl Theme {
    /// Every theme, in the order the `theme` attribute documents them.
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::Auto];

    /// The value of the `theme` attribute.
    pub const fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

impl core::str::FromStr for TimeStyle {
    type Err = ();

    /// [`TimeStyle::as_str`] names, trimmed, in any letter case.
    ///
    /// # Errors
    /// `Err(())` for an unknown style.
    fn from_str(v: &str) -> Result<Self, ()> {
        by_name(v, &TimeStyle::ALL, |t| (t.as_str(), &[]))
    }
}

impl core::str::FromStr for Theme {
    type Err = ();

    /// [`Theme::as_str`] names, trimmed, in any letter case.
    ///
    /// # Errors
    /// `Err(())` for an unknown theme.
    fn from_str(v: &str) -> Result<Self, ()> {
        by_name(v, &Theme::ALL, |t| (t.as_str(), &[]))
    }
}

/// Everything a block needs to know from its element.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockConfig {
    pub kind: Kind,
    /// Feed URLs as written (split on whitespace); the edge resolves them against the page.
    pub src: Vec<String>,
    /// Items (or gallery images) shown at once: default 10 (gallery 12), clamped to 1..=50.
    pub limit: usize,
    /// Heading text; default per kind and language; an attribute present but empty gives "" (no heading).
    pub heading: String,
    pub lang: Lang,
    /// The portal's UTC offset for displayed times, in minutes east (default +07:00 = 420).
    pub tz_offset_minutes: i32,
    /// The article being read (an item id or a URL), for "Các tin khác".
    pub current: Option<String>,
    /// Keep only items carrying this tag or category.
    pub tag: Option<String>,
    /// Show thumbnails (default on).
    pub thumbnails: bool,
    /// Show summaries (default off).
    pub summary: bool,
    /// Forced feed format; `None` detects it from the content.
    pub format: Option<FeedFormat>,
    /// Request timeout in milliseconds (attribute `timeout`, in seconds): default 10 s, clamped to 1..=120 s.
    pub timeout_ms: u32,
    /// `referrerpolicy` for images and requests: a valid referrer-policy token.
    pub referrer: String,
    /// How entries are laid out: one of the kind's [`Kind::layouts`], else its default.
    pub layout: Layout,
    /// Light, dark or the reader's system palette.
    pub theme: Theme,
    /// "Phản hồi" only: the endpoint submissions are posted to (as written; the edge resolves it).
    pub action: Option<String>,
    /// "Phản hồi" only: the optional fields the form has (`fields="address phone"`), in form order.
    pub fields: Vec<Field>,
    /// "Phản hồi" only: show the published feedback under the form (`list="on"`).
    pub list: bool,
    /// Seconds between two refreshes of the block's feeds (attribute `refresh`); `None` (the default) never
    /// refreshes. At least [`MIN_REFRESH_SECS`], at most [`MAX_REFRESH_SECS`].
    pub refresh_secs: Option<u32>,
    /// How article times are written (attribute `time`).
    pub time: TimeStyle,
}

pub const DEFAULT_LIMIT: usize = 10;
pub const DEFAULT_GALLERY_LIMIT: usize = 12;
/// Sites a "Liên kết website" block lists by default.
pub const DEFAULT_LINKS_LIMIT: usize = 30;
pub const MAX_LIMIT: usize = 50;
/// +07:00, Vietnam.
pub const DEFAULT_TZ_OFFSET_MINUTES: i32 = 420;
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
pub const MIN_TIMEOUT_MS: u32 = 1_000;
pub const MAX_TIMEOUT_MS: u32 = 120_000;
pub const DEFAULT_REFERRER: &str = "strict-origin-when-cross-origin";
/// Refreshing more often than this would load the feed's origin for little news.
pub const MIN_REFRESH_SECS: u32 = 30;
/// A day: longer waits are better served by a reload, and stay far below the browser's timer limit.
pub const MAX_REFRESH_SECS: u32 = 86_400;

const REFERRER_POLICIES: [&str; 8] = [
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
];

impl Default for BlockConfig {
    fn default() -> Self {
        BlockConfig {
            kind: Kind::Latest,
            src: Vec::new(),
            limit: DEFAULT_LIMIT,
            heading: labels(Lang::Vi).latest.to_owned(),
            lang: Lang::Vi,
            tz_offset_minutes: DEFAULT_TZ_OFFSET_MINUTES,
            current: None,
            tag: None,
            thumbnails: true,
            summary: false,
            format: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            referrer: DEFAULT_REFERRER.to_owned(),
            layout: Layout::List,
            theme: Theme::Light,
            action: None,
            fields: Vec::new(),
            list: false,
            refresh_secs: None,
            time: TimeStyle::Absolute,
        }
    }
}

/// The default heading of a kind of block in a language.
pub fn default_heading(kind: Kind, lang: Lang) -> &'static str {
    let l = labels(lang);
    match kind {
        Kind::Latest => l.latest,
        Kind::Others => l.others,
        Kind::Gallery => l.gallery,
        Kind::Links => l.links,
        Kind::Feedback => l.feedback,
    }
}

/// Adds `attribute NAME="VALUE" <problem>; using DEFAULT` (the edge prefixes console lines with the product name).
fn warn(warnings: &mut Vec<String>, name: &str, value: &str, problem: &str, using: &str) {
    // Attribute values are the page's data: keep the console line short whatever they hold.
    let value = truncate_chars(value, 60);
    let mut s = String::with_capacity(48 + name.len() + value.len() + problem.len() + using.len());
    s.push_str("attribute ");
    s.push_str(name);
    s.push_str("=\"");
    s.push_str(&value);
    s.push_str("\" ");
    s.push_str(problem);
    s.push_str("; using ");
    s.push_str(using);
    warnings.push(s);
}

/// An on/off attribute: `on`/`true`/`1`/`yes` or empty (present as a bare attribute) is true,
/// `off`/`false`/`0`/`no` is false.
fn parse_bool(v: &str) -> Option<bool> {
    const ON: [&str; 5] = ["", "on", "true", "1", "yes"];
    const OFF: [&str; 4] = ["off", "false", "0", "no"];
    let v = v.trim();
    if ON.iter().any(|o| o.eq_ignore_ascii_case(v)) {
        Some(true)
    } else if OFF.iter().any(|o| o.eq_ignore_ascii_case(v)) {
        Some(false)
    } else {
        None
    }
}

/// A whole number, possibly signed; saturates instead of overflowing.
fn parse_int(v: &str) -> Option<i64> {
    let v = v.trim();
    let (neg, digits) = match v.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, v.strip_prefix('+').unwrap_or(v)),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n = digits.bytes().fold(0i64, |n, c| {
        n.saturating_mul(10).saturating_add(i64::from(c - b'0'))
    });
    Some(if neg { -n } else { n })
}

/// Seconds, possibly fractional ("2.5", "10s"), as milliseconds; saturates instead of overflowing.
fn parse_seconds_ms(v: &str) -> Option<u64> {
    let v = v.trim();
    let v = v.strip_suffix('s').unwrap_or(v).trim_end();
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if (int.is_empty() && frac.is_empty())
        || !int.bytes().all(|c| c.is_ascii_digit())
        || !frac.bytes().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let secs = int.bytes().fold(0u64, |n, c| {
        n.saturating_mul(10).saturating_add(u64::from(c - b'0'))
    });
    let mut ms = secs.saturating_mul(1000);
    for (scale, c) in [100, 10, 1].into_iter().zip(frac.bytes()) {
        ms = ms.saturating_add(scale * u64::from(c - b'0'));
    }
    Some(ms)
}

/// `Some(None)` is "detect" (`auto` or empty).
fn parse_format(v: &str) -> Option<Option<FeedFormat>> {
    let v = v.trim();
    if v.is_empty() || v.eq_ignore_ascii_case("auto") {
        return Some(None);
    }
    v.parse().ok().map(Some)
}

/// "a, b or c" from a list of names, for warnings that list what is accepted.
fn one_of(names: &[&str]) -> String {
    let mut s = String::new();
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            s.push_str(if i + 1 == names.len() { " or " } else { ", " });
        }
        s.push_str(n);
    }
    s
}

/// Reads a block's configuration through `get` (the raw attribute value by plain name, `None` when absent).
/// Returns the configuration and one warning per attribute that was ignored or adjusted.
pub fn parse_config(get: &dyn Fn(&str) -> Option<String>) -> (BlockConfig, Vec<String>) {
    let mut w = Vec::new();
    let mut c = BlockConfig::default();

    if let Some(v) = get("kind") {
        c.kind = parse_named(&mut w, "kind", &v, &Kind::ALL, Kind::as_str);
    }
    if let Some(v) = get("lang") {
        match v.parse::<Lang>() {
            Ok(l) => c.lang = l,
            Err(()) if v.trim().is_empty() => {}
            Err(()) => warn(&mut w, "lang", &v, "is not vi or en", Lang::default().as_str()),
        }
    }

    c.src = get("src")
        .map(|v| v.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    if c.src.is_empty() && c.kind != Kind::Feedback {
        w.push("attribute src is missing or empty: there is no feed to load".to_owned());
    }

    let default_limit = match c.kind {
        Kind::Gallery => DEFAULT_GALLERY_LIMIT,
        Kind::Links => DEFAULT_LINKS_LIMIT,
        _ => DEFAULT_LIMIT,
    };
    c.limit = default_limit;
    if let Some(v) = get("limit").filter(|v| !v.trim().is_empty()) {
        match parse_int(&v) {
            Some(n) => {
                let clamped = n.clamp(1, MAX_LIMIT as i64) as usize;
                if clamped as i64 != n {
                    warn(
                        &mut w,
                        "limit",
                        &v,
                        "is outside 1..50",
                        &number_text(clamped as u64),
                    );
                }
                c.limit = clamped;
            }
            None => warn(
                &mut w,
                "limit",
                &v,
                "is not a whole number",
                &number_text(default_limit as u64),
            ),
        }
    }

    c.heading = match get("heading") {
        Some(v) => v.trim().to_owned(),
        None => default_heading(c.kind, c.lang).to_owned(),
    };

    if let Some(v) = get("tz").filter(|v| !v.trim().is_empty()) {
        match parse_offset(&v) {
            Some(off) => c.tz_offset_minutes = off,
            None => warn(&mut w, "tz", &v, "is not a UTC offset like +07:00", "+07:00"),
        }
    }

    c.current = get("current")
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty());
    c.tag = get("tag").map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());

    if let Some(v) = get("thumbnails") {
        match parse_bool(&v) {
            Some(b) => c.thumbnails = b,
            None => warn(&mut w, "thumbnails", &v, "is not on or off", "on"),
        }
    }
    if let Some(v) = get("summary") {
        match parse_bool(&v) {
            Some(b) => c.summary = b,
            None => warn(&mut w, "summary", &v, "is not on or off", "off"),
        }
    }

    if let Some(v) = get("format") {
        match parse_format(&v) {
            Some(f) => c.format = f,
            None => {
                let mut names: Vec<&str> = FeedFormat::ALL.iter().map(|f| f.as_str()).collect();
                names.push("auto");
                let problem = ["is not ", &one_of(&names)].concat();
                warn(&mut w, "format", &v, &problem, "auto");
            }
        }
    }

    if let Some(v) = get("timeout").filter(|v| !v.trim().is_empty()) {
        match parse_seconds_ms(&v) {
            Some(ms) => {
                let clamped = ms.clamp(u64::from(MIN_TIMEOUT_MS), u64::from(MAX_TIMEOUT_MS));
                if clamped != ms {
                    let mut using = number_text(clamped / 1000);
                    using.push_str(" s");
                    warn(&mut w, "timeout", &v, "is outside 1..120 seconds", &using);
                }
                c.timeout_ms = clamped as u32;
            }
            None => warn(&mut w, "timeout", &v, "is not a number of seconds", "10 s"),
        }
    }

    if let Some(v) = get("referrer").filter(|v| !v.trim().is_empty()) {
        let t = v.trim();
        match REFERRER_POLICIES.iter().find(|p| p.eq_ignore_ascii_case(t)) {
            Some(p) => (*p).clone_into(&mut c.referrer),
            None => warn(
                &mut w,
                "referrer",
                &v,
                "is not a referrer policy",
                DEFAULT_REFERRER,
            ),
        }
    }

    if c.kind == Kind::Feedback {
        c.action = get("action")
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty());
        if c.action.is_none() {
            w.push("attribute action is missing or empty: there is nowhere to send feedback".to_owned());
        }
        for name in get("fields").unwrap_or_default().split([' ', ',', '\t', '\n']) {
            if name.is_empty() {
                continue;
            }
            match name.parse::<Field>() {
                Ok(f) if !f.required() => {
                    if !c.fields.contains(&f) {
                        c.fields.push(f);
                    }
                }
                // The required fields are always there.
                Ok(_) => {}
                Err(()) => warn(&mut w, "fields", name, "is not address or phone", "the others"),
            }
        }
        c.fields.sort();
        if let Some(v) = get("list") {
            match parse_bool(&v) {
                Some(b) => c.list = b,
                None => warn(&mut w, "list", &v, "is not on or off", "off"),
            }
        }
    }

    c.layout = c.kind.default_layout();
    if let Some(v) = get("layout").filter(|v| !v.trim().is_empty()) {
        let layouts = c.kind.layouts();
        match v.parse::<Layout>() {
            Ok(l) if layouts.contains(&l) => c.layout = l,
            _ => {
                let names: Vec<&str> = layouts.iter().map(|l| l.as_str()).collect();
                let problem = [
                    "is not ",
                    &one_of(&names),
                    " (the layouts of ",
                    c.kind.as_str(),
                    ")",
                ]
                .concat();
                warn(&mut w, "layout", &v, &problem, c.layout.as_str());
            }
        }
    }

    if let Some(v) = get("refresh").filter(|v| !v.trim().is_empty()) {
        c.refresh_secs = parse_refresh(&v, &mut w);
    }
    if let Some(v) = get("time").filter(|v| !v.trim().is_empty()) {
        c.time = parse_named(&mut w, "time", &v, &TimeStyle::ALL, TimeStyle::as_str);
    }

    if let Some(v) = get("theme").filter(|v| !v.trim().is_empty()) {
        match v.parse::<Theme>() {
            Ok(t) => c.theme = t,
            Err(()) => warn(
                &mut w,
                "theme",
                &v,
                "is not light, dark or auto",
                Theme::default().as_str(),
            ),
        }
    }

    (c, w)
}

/// A named attribute value (`T`'s `FromStr`), else `T::default()` with a warning listing the names of `all`.
fn parse_named<T: core::str::FromStr + Copy + Default>(
    w: &mut Vec<String>,
    name: &str,
    v: &str,
    all: &[T],
    as_str: fn(T) -> &'static str,
) -> T {
    v.parse().unwrap_or_else(|_| {
        let names: Vec<&str> = all.iter().map(|&t| as_str(t)).collect();
        let problem = ["is not ", &one_of(&names)].concat();
        warn(w, name, v, &problem, as_str(T::default()));
        T::default()
    })
}

/// The `refresh` attribute: `off` (or `0`, `no`, `false`) never refreshes; seconds ("60", "90s") are kept
/// within [`MIN_REFRESH_SECS`]..=[`MAX_REFRESH_SECS`]; anything else is off, with a warning.
fn parse_refresh(v: &str, w: &mut Vec<String>) -> Option<u32> {
    if parse_bool(v) == Some(false) {
        return None;
    }
    let Some(ms) = parse_seconds_ms(v) else {
        warn(w, "refresh", v, "is not a number of seconds", "off");
        return None;
    };
    let secs = ms / 1000;
    let clamped = secs.clamp(u64::from(MIN_REFRESH_SECS), u64::from(MAX_REFRESH_SECS));
    if clamped != secs || ms % 1000 != 0 {
        let mut using = number_text(clamped);
        using.push_str(" s");
        let problem = if secs < u64::from(MIN_REFRESH_SECS) {
            "is under 30 seconds"
        } else if secs > u64::from(MAX_REFRESH_SECS) {
            "is over a day"
        } else {
            "is not a whole number of seconds"
        };
        warn(w, "refresh", v, problem, &using);
    }
    Some(clamped as u32)
}
