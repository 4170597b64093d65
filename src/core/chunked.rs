//! Parsing a large JSON Feed a slice of items at a time, so the browser edge can give the page its main
//! thread back between slices (one `parse_feed` of a 10 MB, 20 000-item feed is a single task of hundreds
//! of milliseconds; in slices no task is longer than the edge wants).
//!
//! Owns only the slicing: a light scan of the body's top level finds the one `items` array and, slice by
//! slice, the bounds of its elements; each slice is parsed by [`parse_json_feed`] as a small feed made of the
//! body with only those elements in its `items` (so feed-level fields such as `authors` apply exactly as in a
//! whole parse), and item warnings are renumbered to their place in the whole feed. The result equals
//! `parse_feed` on the whole body. Whatever the scan cannot delimit with certainty (not an object, no or
//! several `items` keys, an escaped key, invalid JSON) is left to a whole `parse_feed`, which also gives the
//! exact error position.

use crate::core::jsonfeed::parse_json_feed;
use crate::core::model::Feed;
use crate::core::text::push_u64;

/// As in `jsonfeed`: at most this many warnings per feed.
const MAX_WARNINGS: usize = 50;

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b
        .get(i)
        .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
    {
        i += 1;
    }
    i
}

/// End (exclusive) of the JSON string starting at `i` (its opening quote).
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        let off = b.get(j..)?.iter().position(|&c| c == b'"' || c == b'\\')?;
        j += off;
        if b.get(j) == Some(&b'"') {
            return Some(j + 1);
        }
        j += 2; // a backslash and the character it escapes
    }
}

/// End (exclusive) of the JSON value starting at `i`. Containers are delimited by bracket depth outside
/// strings, without checking that brackets match: the parse of the slice does that.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let len = b
                .get(i..)?
                .iter()
                .position(|&c| matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(b.len() - i);
            (len > 0).then_some(i + len)
        }
    }
}

/// The bounds of the top-level `items` array: (just after its `[`, at its `]`).
fn items_bounds(b: &[u8]) -> Option<(usize, usize)> {
    let mut i = skip_ws(b, usize::from(b.starts_with(b"\xEF\xBB\xBF")) * 3);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    let mut items = None;
    loop {
        i = skip_ws(b, i);
        match b.get(i)? {
            b'}' => break,
            b'"' => {}
            _ => return None,
        }
        let key_end = string_end(b, i)?;
        let key = b.get(i + 1..key_end - 1)?;
        if key.contains(&b'\\') {
            return None; // the parser would decode it; this scan does not
        }
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(b, i + 1);
        let end = value_end(b, i)?;
        if key == b"items" {
            if items.is_some() || b.get(i) != Some(&b'[') {
                return None;
            }
            items = Some((i + 1, end - 1));
        }
        i = skip_ws(b, end);
        match b.get(i)? {
            b',' => i += 1,
            b'}' => break,
            _ => return None,
        }
    }
    items
}

/// A JSON Feed body being parsed slice by slice; see the module documentation.
pub struct ChunkedJsonFeed<'a> {
    body: &'a [u8],
    feed_url: Option<&'a str>,
    /// Just after the `[` of `items`, and at its `]`.
    open: usize,
    close: usize,
    /// Where the scan for the next element starts, and that element's index in `items`.
    pos: usize,
    index: usize,
    done: bool,
    /// Feed-level fields and warnings (from the body without items); items are appended slice by slice.
    feed: Feed,
    feed_warnings: Vec<String>,
    dropped_warnings: usize,
    /// The small feed of the current slice (reused).
    buf: Vec<u8>,
}

impl<'a> ChunkedJsonFeed<'a> {
    /// Prepares a body fetched from `feed_url`, or `None` when it should be parsed whole (see the module
    /// documentation).
    pub fn new(body: &'a [u8], feed_url: Option<&'a str>) -> Option<Self> {
        let (open, close) = items_bounds(body)?;
        let mut skeleton = Vec::with_capacity(open + body.len() - close);
        skeleton.extend_from_slice(body.get(..open)?);
        skeleton.extend_from_slice(body.get(close..)?);
        let mut feed = parse_json_feed(&skeleton, feed_url).ok()?;
        let feed_warnings = std::mem::take(&mut feed.warnings);
        Some(ChunkedJsonFeed {
            body,
            feed_url,
            open,
            close,
            pos: open,
            index: 0,
            done: false,
            feed,
            feed_warnings,
            dropped_warnings: 0,
            buf: skeleton,
        })
    }

    /// Articles parsed so far.
    pub fn len(&self) -> usize {
        self.feed.items.len()
    }

    /// True before any article was parsed.
    pub fn is_empty(&self) -> bool {
        self.feed.items.is_empty()
    }

    /// Parses the next (up to) `max_items` elements of `items`. `Ok(true)` once every element is parsed;
    /// `Err(())` when the body turned out not to be valid JSON: parse it whole to get the error.
    #[allow(clippy::result_unit_err)]
    pub fn step(&mut self, max_items: usize) -> Result<bool, ()> {
        if self.done {
            return Ok(true);
        }
        let b = self.body;
        let first = self.index;
        let start = skip_ws(b, self.pos);
        let mut i = start;
        let mut end = start;
        let mut count = 0;
        while count < max_items.max(1) {
            i = skip_ws(b, i);
            if i >= self.close {
                // `]` right after `[` is an empty array; right after a `,` it is a trailing comma, which
                // the whole parse refuses: so must the slices.
                if self.index + count > 0 {
                    return Err(());
                }
                self.done = true;
                break;
            }
            end = value_end(b, i).ok_or(())?;
            if end > self.close {
                return Err(());
            }
            count += 1;
            i = skip_ws(b, end);
            match b.get(i) {
                Some(b',') if i < self.close => i += 1,
                _ if i == self.close => {
                    self.done = true;
                    break;
                }
                _ => return Err(()),
            }
        }
        self.pos = i;
        self.index += count;
        if count == 0 {
            return Ok(self.done);
        }
        self.buf.clear();
        self.buf.extend_from_slice(b.get(..self.open).ok_or(())?);
        self.buf.extend_from_slice(b.get(start..end).ok_or(())?);
        self.buf.extend_from_slice(b.get(self.close..).ok_or(())?);
        let slice = parse_json_feed(&self.buf, self.feed_url).map_err(|_| ())?;
        self.feed.items.extend(slice.items);
        for w in slice.warnings {
            self.add_warning(w, first);
        }
        Ok(self.done)
    }

    /// Keeps an item warning of a slice, renumbered from the slice's first element `base`; feed-level
    /// warnings of slices repeat those of the whole feed and are dropped.
    fn add_warning(&mut self, w: String, base: usize) {
        if let Some(n) = w
            .strip_prefix("… and ")
            .and_then(|r| r.strip_suffix(" more warnings"))
            .and_then(|n| n.parse::<usize>().ok())
        {
            self.dropped_warnings += n;
            return;
        }
        let Some((num, rest)) = w.strip_prefix("item ").and_then(|r| r.split_once(':')) else {
            return;
        };
        let Ok(n) = num.parse::<usize>() else { return };
        if self.feed.warnings.len() >= MAX_WARNINGS {
            self.dropped_warnings += 1;
            return;
        }
        let mut s = String::with_capacity(w.len() + 4);
        s.push_str("item ");
        push_u64(&mut s, (n + base) as u64);
        s.push(':');
        s.push_str(rest);
        self.feed.warnings.push(s);
    }

    /// The parsed feed (the elements not parsed yet, if any, are left out).
    pub fn finish(mut self) -> Feed {
        let feed_warnings = std::mem::take(&mut self.feed_warnings);
        self.feed.warnings.extend(feed_warnings);
        if self.dropped_warnings > 0 {
            let mut s = String::from("… and ");
            push_u64(&mut s, self.dropped_warnings as u64);
            s.push_str(" more warnings");
            self.feed.warnings.push(s);
        }
        self.feed
    }
}
