//! The reading rules every feed format shares: the length limits, the capped warnings (with the item they
//! are about), the title derived from a summary, the byte-order mark, and what a feed's URL field means.

use crate::core::model::Article;
use crate::core::text::{push_u64, truncate_chars};
use crate::core::url::resolve;

/// Summaries are cut to about this many characters.
pub(crate) const SUMMARY_CHARS: usize = 300;
/// Titles derived from an item's text are cut to about this many characters.
pub(crate) const DERIVED_TITLE_CHARS: usize = 100;
/// At most this many item warnings are kept per feed; a hostile feed must not produce megabytes of them.
pub(crate) const MAX_WARNINGS: usize = 50;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Titles (and photo captions) are cut to this many characters.
pub const TITLE_CHARS: usize = 300;
/// Tag, author and source names are cut to this many characters.
pub const NAME_CHARS: usize = 100;
/// Ids are cut to this many bytes (at a character boundary): an id only has to tell items apart.
pub const ID_BYTES: usize = 1024;
/// An item whose link is longer than this is skipped; a longer image URL or `srcset` is dropped.
pub const URL_BYTES: usize = 4096;
/// At most this many tags, authors and photos are kept per item.
pub const TAGS_PER_ITEM: usize = 32;
pub const AUTHORS_PER_ITEM: usize = 16;
pub const IMAGES_PER_ITEM: usize = 32;

/// Cuts `s` to at most `max` bytes at a character boundary, without an ellipsis (for ids).
fn cut_bytes(s: &mut String, max: usize) {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
}

fn cut_chars(s: &mut String, max: usize) {
    // Characters are at most 4 bytes: a string of at most `max` bytes needs no count.
    if s.len() > max && s.chars().nth(max).is_some() {
        *s = truncate_chars(s, max);
    }
}

fn short_url(u: &Option<String>) -> bool {
    u.as_ref().is_none_or(|u| u.len() <= URL_BYTES)
}

/// A `srcset` over [`URL_BYTES`] keeps its first candidates that fit; one whose first candidate does not
/// fit is no `srcset`.
pub(crate) fn cap_srcset(srcset: &mut Option<String>) {
    let Some(s) = srcset.as_mut() else { return };
    if s.len() <= URL_BYTES {
        return;
    }
    match s.get(..URL_BYTES).and_then(|head| head.rfind(", ")) {
        Some(cut) => s.truncate(cut),
        None => *srcset = None,
    }
}

/// Holds one item to the limits above, whatever format it was read from (or storage it was read back
/// from), so that no feed can make one item cost more than a bounded amount of memory and drawing.
/// Returns `false` when the item cannot be kept (its link is over [`URL_BYTES`]).
pub fn bound_article(a: &mut Article) -> bool {
    if a.url.len() > URL_BYTES {
        return false;
    }
    cut_bytes(&mut a.id, ID_BYTES);
    cut_chars(&mut a.title, TITLE_CHARS);
    if let Some(s) = a.summary.as_mut() {
        // Parsers cut summaries to SUMMARY_CHARS already; stored ones may be anything.
        cut_chars(s, SUMMARY_CHARS + 1);
    }
    if let Some(s) = a.image_alt.as_mut() {
        cut_chars(s, TITLE_CHARS);
    }
    if let Some(s) = a.source.as_mut() {
        cut_chars(s, NAME_CHARS);
    }
    if !short_url(&a.image) {
        a.image = None;
    }
    cap_srcset(&mut a.image_srcset);
    a.tags.truncate(TAGS_PER_ITEM);
    a.authors.truncate(AUTHORS_PER_ITEM);
    for name in a.tags.iter_mut().chain(a.authors.iter_mut()) {
        cut_chars(name, NAME_CHARS);
    }
    a.images.retain(|i| i.url.len() <= URL_BYTES);
    a.images.truncate(IMAGES_PER_ITEM);
    for i in &mut a.images {
        cut_chars(&mut i.caption, TITLE_CHARS);
        if !short_url(&i.thumb) {
            i.thumb = None;
        }
        cap_srcset(&mut i.srcset);
    }
    true
}

/// The body without one leading UTF-8 byte-order mark.
pub(crate) fn strip_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(BOM).unwrap_or(body)
}

/// The title of an item that has none, from its summary: the summary cut shorter, without its ellipsis.
pub(crate) fn derived_title(summary: &str) -> String {
    truncate_chars(summary.trim_end_matches('…'), DERIVED_TITLE_CHARS)
}

/// [`resolve`] for a URL written in the feed; an empty one is no URL (resolving it would give the base).
pub(crate) fn resolve_url(base: Option<&str>, url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    resolve(base, url)
}

/// Warnings of one feed: item warnings capped at [`MAX_WARNINGS`] (counting the feed warnings before them),
/// then a count of those left out.
#[derive(Debug, Default, Clone)]
pub(crate) struct Warnings {
    list: Vec<String>,
    dropped: usize,
}

impl Warnings {
    /// Adds "item N: <what>" about the item at `index` (N counted from 1, as people count).
    pub(crate) fn item(&mut self, index: usize, what: &str) {
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

    /// Adds a warning about the feed as a whole (never capped: there are only a few kinds).
    pub(crate) fn feed(&mut self, what: &str) {
        self.list.push(what.to_owned());
    }

    /// The warnings, with "… and N more warnings" last when some were left out.
    pub(crate) fn finish(mut self) -> Vec<String> {
        if self.dropped > 0 {
            let mut s = String::from("… and ");
            push_u64(&mut s, self.dropped as u64);
            s.push_str(" more warnings");
            self.list.push(s);
        }
        self.list
    }
}
