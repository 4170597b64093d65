//! Which articles a block shows, and in what order.
//!
//! Owns every decision about what a block shows, so the web edge only fetches and renders: the caps on what
//! one feed may bring (body bytes, items), ordering (newest first by instant, whatever offset a date was
//! written in; undated items last, feed order kept among equals), the top-N selection that avoids sorting a
//! 20 000-item feed to show ten, de-duplication and merging of several feeds, the next-page rule and its
//! loop guard, recognising the article being read (so "Các tin khác" never offers it), tag filtering, and
//! picking the gallery's images.

use std::cmp::Ordering;

use crate::core::keyset::KeySet;
use crate::core::model::{Article, Feed, ImageRef, Timestamp};
use crate::core::rules;
use crate::core::text::fold_key;
use crate::core::url::{host, match_key, origin, resolve};
use crate::core::wordpress;

/// Bodies above this are cut (with a warning) rather than parsed whole: a widget must not freeze the page.
pub const MAX_BODY_BYTES: usize = 20 * 1024 * 1024;
/// Items beyond this are dropped with a warning.
pub const MAX_ITEMS: usize = 20_000;

/// Cuts a body to [`MAX_BODY_BYTES`]; returns the console warning when it did.
pub fn cap_body(body: &mut Vec<u8>) -> Option<&'static str> {
    if body.len() <= MAX_BODY_BYTES {
        return None;
    }
    body.truncate(MAX_BODY_BYTES);
    Some("is larger than 20 MB; only the first 20 MB are read")
}

/// Why [`finish_feed`] changed a feed, for the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished {
    /// More than [`MAX_ITEMS`] items: the rest were dropped.
    ItemsCut,
    /// The feed's next page is not http(s) on the feed's own origin: it is not followed.
    NextPageRefused,
    /// Items whose link is longer than [`rules::URL_BYTES`] were skipped.
    LongLinksSkipped,
}

impl Finished {
    /// The console text, after the feed URL.
    pub const fn as_str(self) -> &'static str {
        match self {
            Finished::ItemsCut => "has more than 20000 items; the rest are ignored",
            Finished::NextPageRefused => {
                "names a next page that is not http(s) on the feed's own origin; it is not followed"
            }
            Finished::LongLinksSkipped => "has items with links longer than 4096 bytes; they are skipped",
        }
    }
}

/// Readies a freshly parsed feed for every block that reads it: the next-page rule (JSON Feed / Atom
/// `next_url`, followed only when it is http(s) on the feed's own origin, so a feed cannot send readers'
/// browsers to arbitrary hosts; else WordPress `?page=N+1` while `X-WP-TotalPages` — `total_pages` —
/// allows), the [`MAX_ITEMS`] cap, the per-item limits of [`rules::bound_article`] and the newest-first
/// order. Returns what it changed.
pub fn finish_feed(feed: &mut Feed, feed_url: &str, total_pages: Option<&str>) -> Vec<Finished> {
    let mut changed: Vec<Finished> = next_page(feed, feed_url, total_pages).into_iter().collect();
    if feed.items.len() > MAX_ITEMS {
        feed.items.truncate(MAX_ITEMS);
        changed.push(Finished::ItemsCut);
    }
    let before = feed.items.len();
    feed.items.retain_mut(rules::bound_article);
    if feed.items.len() < before {
        changed.push(Finished::LongLinksSkipped);
    }
    sort_newest_first(&mut feed.items);
    changed
}

/// The next-page rule of [`finish_feed`] alone (a feed read newest first applies the others as it reads).
pub fn next_page(feed: &mut Feed, feed_url: &str, total_pages: Option<&str>) -> Option<Finished> {
    if let Some(next) = feed.next_url.take() {
        let same_origin = origin(&next).is_some_and(|o| origin(feed_url).as_ref() == Some(&o));
        if same_origin {
            feed.next_url = Some(next);
            return None;
        }
        return Some(Finished::NextPageRefused);
    }
    // WordPress pages by `?page=N` and announces the count in a header, not in the body.
    feed.next_url = wordpress::next_page_url(feed_url, total_pages);
    None
}

/// Newest first by instant; undated after every dated item.
pub fn by_date(a: Option<Timestamp>, b: Option<Timestamp>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Newest first; undated after every dated item.
fn newest_first(a: &Article, b: &Article) -> Ordering {
    by_date(a.published, b.published)
}

/// Sorts newest first by instant, undated last; stable, so equal dates keep feed order.
pub fn sort_newest_first(items: &mut [Article]) {
    items.sort_by(newest_first);
}

/// Indices of the `n` newest items in display order (the order [`sort_newest_first`] gives), found by partial
/// selection: O(len + n log n) instead of sorting everything.
pub fn top_newest(items: &[Article], n: usize) -> Vec<usize> {
    let n = n.min(items.len());
    if n == 0 {
        return Vec::new();
    }
    // Ties are broken by index, which makes the unstable selection agree with the stable sort.
    let cmp = |&x: &usize, &y: &usize| match (items.get(x), items.get(y)) {
        (Some(a), Some(b)) => newest_first(a, b).then(x.cmp(&y)),
        _ => x.cmp(&y),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    if n < idx.len() {
        idx.select_nth_unstable_by(n - 1, cmp);
        idx.truncate(n);
    }
    idx.sort_unstable_by(cmp);
    idx
}

/// The ids and URL keys (by [`match_key`]) of the articles already taken: two articles are the same when
/// they share either. One rule for merging sources and for the pages "Xem thêm" adds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    ids: KeySet,
    keys: KeySet,
}

impl Seen {
    /// True the first time an article with this id and this URL is offered. Both are recorded either way,
    /// so a duplicate's other identity counts as seen too.
    pub fn first_time(&mut self, a: &Article) -> bool {
        let key = match_key(&a.url).unwrap_or_else(|| a.url.clone());
        let fresh = !self.ids.contains(&a.id) && !self.keys.contains(&key);
        if !self.ids.contains(&a.id) {
            self.ids.insert(a.id.clone());
        }
        self.keys.insert(key);
        fresh
    }
}

/// Keeps the first of the items that share a URL (by [`match_key`]) or an id; order is kept.
pub fn dedupe(items: Vec<Article>) -> Vec<Article> {
    let mut seen = Seen::default();
    items.into_iter().filter(|a| seen.first_time(a)).collect()
}

/// The name a feed's items are credited to: its title, else the host of its home page or first item.
fn source_name(feed: &Feed) -> Option<String> {
    if let Some(t) = feed.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return Some(t.to_owned());
    }
    feed.home_page_url
        .as_deref()
        .and_then(host)
        .or_else(|| feed.items.first().and_then(|a| host(&a.url)))
        .map(str::to_owned)
}

/// Merges several feeds into one list: each item lacking a source is credited to its feed, then items are
/// de-duplicated (earlier feeds win) and sorted newest first.
pub fn merge(feeds: Vec<Feed>) -> Vec<Article> {
    let mut all = Vec::with_capacity(feeds.iter().map(|f| f.items.len()).sum());
    for feed in feeds {
        let source = source_name(&feed);
        for mut a in feed.items {
            if a.source.is_none() {
                a.source.clone_from(&source);
            }
            all.push(a);
        }
    }
    let mut all = dedupe(all);
    sort_newest_first(&mut all);
    all
}

/// The article being read, to keep out of "Các tin khác".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Current {
    /// Item ids that denote it.
    pub ids: Vec<String>,
    /// [`match_key`]s of URLs that denote it.
    pub url_keys: Vec<String>,
    /// [`fold_key`]s of the page's title, for when no item matches by id or URL (see [`Current::with_title`]).
    pub title_keys: Vec<String>,
}

impl Current {
    /// Finds the current article in this order of precedence: the `current` attribute (an item id or a URL,
    /// relative URLs resolved against the page), else the page's canonical URL, else the page's own URL.
    /// When the attribute is given only it counts, as an id and — when it resolves to an http(s) URL — as
    /// a URL.
    pub fn new(current_attr: Option<&str>, canonical: Option<&str>, page_url: Option<&str>) -> Current {
        let mut cur = Current::default();
        if let Some(attr) = current_attr.map(str::trim).filter(|a| !a.is_empty()) {
            cur.ids.push(attr.to_owned());
            if let Some(url) = resolve(page_url, attr) {
                cur.add_url(url);
            }
            return cur;
        }
        let url = canonical
            .and_then(|c| resolve(page_url, c))
            .or_else(|| page_url.and_then(|p| resolve(None, p)));
        if let Some(url) = url {
            cur.add_url(url);
        }
        cur
    }

    /// Adds the page's title (`og:title`, else `document.title`) as the last resort: when no item of a list
    /// is the current article by id or URL, an item whose title is the page's title, compared by
    /// [`fold_key`] (letter case, NFC/NFD, Đ/Ð and diacritics ignored), is. A `document.title` usually
    /// ends with the site's name ("Đưa nghị quyết … - Báo Thái Nguyên điện tử"), so the part before its last
    /// " - ", " – ", " — " or " | " counts too. The edge adds it only when the `current` attribute is not
    /// set (the attribute alone names the article).
    pub fn with_title(mut self, title: Option<&str>) -> Current {
        let Some(title) = title.map(str::trim).filter(|t| !t.is_empty()) else {
            return self;
        };
        let mut push = |t: &str| {
            let key = fold_key(t);
            if !key.is_empty() && !self.title_keys.contains(&key) {
                self.title_keys.push(key);
            }
        };
        push(title);
        if let Some(cut) = [" - ", " – ", " — ", " | "]
            .iter()
            .filter_map(|sep| title.rfind(sep))
            .max()
        {
            push(title.get(..cut).unwrap_or_default());
        }
        self
    }

    /// True when `a`'s title is the page's (see [`Current::with_title`]).
    pub fn same_title(&self, a: &Article) -> bool {
        !self.title_keys.is_empty() && self.title_keys.contains(&fold_key(&a.title))
    }

    /// Feeds often use the article URL as the id, so a URL counts as an id too.
    fn add_url(&mut self, url: String) {
        if let Some(key) = match_key(&url) {
            self.url_keys.push(key);
        }
        if !self.ids.contains(&url) {
            self.ids.push(url);
        }
    }

    /// True when `a` is the current article: same id, or same URL by [`match_key`].
    pub fn is_current(&self, a: &Article) -> bool {
        if self.ids.contains(&a.id) {
            return true;
        }
        !self.url_keys.is_empty() && match_key(&a.url).is_some_and(|k| self.url_keys.contains(&k))
    }
}

/// True when `a` carries `tag`, compared by [`fold_key`]: letter case, Unicode normalisation form (NFC or
/// NFD), Đ/Ð and Vietnamese diacritics are ignored, so "chinh tri" finds "Chính trị". An empty `tag`
/// filters nothing.
pub fn has_tag(a: &Article, tag: &str) -> bool {
    tag_filter(Some(tag))(a)
}

/// The test of [`has_tag`] for one `tag` (folded once, not once per item); everything passes without one.
fn tag_filter(tag: Option<&str>) -> impl Fn(&Article) -> bool {
    let want = tag.map(fold_key).filter(|t| !t.is_empty());
    move |a: &Article| {
        want.as_ref()
            .is_none_or(|w| a.tags.iter().any(|t| fold_key(t) == *w))
    }
}

/// "Mới nhất": the first `limit` items (already newest first, see [`finish_feed`]) carrying `tag`.
pub fn latest(items: &[Article], tag: Option<&str>, limit: usize) -> Vec<Article> {
    let tagged = tag_filter(tag);
    items.iter().filter(|a| tagged(a)).take(limit).cloned().collect()
}

/// "Các tin khác" candidates of one page of a feed, in order: not the current article, carrying `tag` when
/// one is set, and not `seen` before (on an earlier page or earlier on this one). The page's title (see
/// [`Current::with_title`]) only counts when no item of `items` is the current article by id or URL.
pub fn others(items: &[Article], tag: Option<&str>, current: &Current, seen: &mut Seen) -> Vec<Article> {
    let tagged = tag_filter(tag);
    let by_title = !current.title_keys.is_empty() && !items.iter().any(|a| current.is_current(a));
    items
        .iter()
        .filter(|a| !(current.is_current(a) || (by_title && current.same_title(a))))
        .filter(|a| tagged(a))
        .filter(|a| seen.first_time(a))
        .cloned()
        .collect()
}

/// Pages fetched for one "Xem thêm" click at most: a page that only repeats items already shown (or the
/// article being read) would otherwise leave the reader clicking for nothing.
pub const MAX_PAGES_PER_CLICK: usize = 3;

/// The pages of a paged feed already read, so that a `next_url` chain that loops back (A → B → A) ends
/// instead of cycling. A block's own sources count as read: a `next_url` back to page 1 adds nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pages {
    read: Vec<String>,
}

impl Pages {
    /// Starts with the block's own source URLs as read.
    pub fn new(sources: &[String]) -> Pages {
        Pages {
            read: sources.to_vec(),
        }
    }

    /// Records `page` as read and returns the page to read after it: `next`, unless that was read already.
    pub fn after(&mut self, page: &str, next: Option<&str>) -> Option<String> {
        if !self.read.iter().any(|r| r == page) {
            self.read.push(page.to_owned());
        }
        next.filter(|n| !self.read.iter().any(|r| r == n))
            .map(str::to_owned)
    }
}

/// One gallery image and the item (index into the slice given) it links back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GalleryImage {
    pub image: ImageRef,
    pub article: usize,
}

/// Up to `limit` photos for the gallery, newest items first, each picture once: a photo whose large or
/// small URL was already shown (by an earlier photo, large or small) is left out.
pub fn gallery_images(items: &[Article], limit: usize) -> Vec<GalleryImage> {
    gallery(items, None, limit)
}

/// [`gallery_images`] of the items carrying `tag` (indices still into `items`).
pub fn gallery(items: &[Article], tag: Option<&str>, limit: usize) -> Vec<GalleryImage> {
    let mut out = Vec::new();
    if limit == 0 {
        return out;
    }
    let tagged = tag_filter(tag);
    let mut seen = KeySet::new();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&x, &y| match (items.get(x), items.get(y)) {
        (Some(a), Some(b)) => newest_first(a, b),
        _ => Ordering::Equal,
    });
    for i in order {
        let Some(a) = items.get(i).filter(|a| tagged(a)) else {
            continue;
        };
        // A parser that only set the thumbnail still feeds the gallery.
        let fallback;
        let images: &[ImageRef] = match (&a.image, a.images.is_empty()) {
            (Some(url), true) => {
                fallback = [ImageRef {
                    url: url.clone(),
                    thumb: None,
                    caption: a.image_alt.clone().unwrap_or_else(|| a.title.clone()),
                    srcset: a.image_srcset.clone(),
                    width: None,
                    height: None,
                }];
                &fallback
            }
            _ => &a.images,
        };
        for img in images {
            let small = img.thumb.as_deref();
            if seen.contains(img.url.as_str()) || small.is_some_and(|t| seen.contains(t)) {
                continue;
            }
            seen.insert(img.url.clone());
            seen.extend(img.thumb.clone());
            out.push(GalleryImage {
                image: img.clone(),
                article: i,
            });
            if out.len() >= limit {
                return out;
            }
        }
    }
    out
}
