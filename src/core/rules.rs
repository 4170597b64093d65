//! The reading rules every feed format shares: the length limits, the capped warnings (with the item they
//! are about), the title derived from a summary, the byte-order mark, and what a feed's URL field means.

use crate::core::text::{push_u64, truncate_chars};
use crate::core::url::resolve;

/// Summaries are cut to about this many characters.
pub(crate) const SUMMARY_CHARS: usize = 300;
/// Titles derived from an item's text are cut to about this many characters.
pub(crate) const DERIVED_TITLE_CHARS: usize = 100;
/// At most this many item warnings are kept per feed; a hostile feed must not produce megabytes of them.
pub(crate) const MAX_WARNINGS: usize = 50;

const BOM: &[u8] = b"\xEF\xBB\xBF";

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
#[derive(Debug, Default)]
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
