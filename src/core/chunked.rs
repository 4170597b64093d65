//! Parsing a large WordPress posts array ([`ChunkedPosts`]) or JSON Feed ([`ChunkedFeed`]) a slice of items
//! at a time, so that the browser edge can give the page its main thread back between slices (one parse of
//! a 10 MB, 20 000-item feed is a single task of a hundred milliseconds or more; in slices no task is
//! longer than the edge wants). The edge slices WordPress this way; a large JSON Feed it reads newest
//! first instead (`deferred`, which reads only what blocks show). [`ChunkedFeed`] stays the benchmark's
//! baseline of a sliced whole read, checked against `parse_feed` by the tests and the `feed_chunked` fuzz
//! target.
//!
//! Owns only the slicing: a light scan of the body's top level ([`jsonscan`]) finds the one `items` array
//! and, slice by slice, the bounds of its elements. The top level without its items is parsed once (so
//! feed-level fields such as `authors` apply exactly as in a whole parse), and each slice of elements is
//! parsed as a small JSON array and read item by item by the same reader as a whole parse, which numbers
//! the warnings by the item's place in the whole feed. The result equals `parse_feed` on the whole body.
//! Whatever the scan cannot delimit with certainty (not an object, no or several `items` keys, an escaped
//! key, invalid JSON) is left to a whole `parse_feed`, which also gives the exact error position.

use crate::core::jsonfeed::{ItemReader, Top};
use crate::core::jsonscan::{skip_ws, string_end, value_end};
use crate::core::model::Feed;
use crate::core::rules::strip_bom;
#[cfg(feature = "wordpress")]
use crate::core::rules::Warnings;
use crate::core::tree::{Json, Node};
#[cfg(feature = "wordpress")]
use crate::core::wordpress::PostReader;

/// The bounds of the top-level `items` array: (just after its `[`, at its `]`).
fn items_bounds(b: &[u8]) -> Option<(usize, usize)> {
    let mut i = skip_ws(b, 0);
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

/// A JSON Feed body being parsed slice by slice with the parser `J`; see the module documentation.
pub struct ChunkedFeed<'a, J: Json> {
    /// The body without its byte-order mark.
    body: &'a [u8],
    /// The elements of `items`.
    elements: Elements,
    /// The top level (read from the body without its items), and whether data follows it.
    top: Top,
    trailing: bool,
    reader: ItemReader<'a>,
    /// The small JSON array of the current slice (reused).
    buf: Vec<u8>,
    parser: std::marker::PhantomData<J>,
}

impl<'a, J: Json> ChunkedFeed<'a, J> {
    /// Prepares a body fetched from `feed_url`, or `None` when it should be parsed whole (see the module
    /// documentation).
    pub fn new(body: &'a [u8], feed_url: Option<&'a str>) -> Option<Self> {
        let body = strip_bom(body);
        let (open, close) = items_bounds(body)?;
        let mut skeleton = Vec::with_capacity(open + body.len() - close);
        skeleton.extend_from_slice(body.get(..open)?);
        skeleton.extend_from_slice(body.get(close..)?);
        let (doc, trailing) = J::read(&skeleton).ok()?;
        let top = Top::read(&J::root(&doc)).ok()?;
        skeleton.clear();
        Some(ChunkedFeed {
            body,
            elements: Elements::new(open, close),
            top,
            trailing,
            reader: ItemReader::new(feed_url),
            buf: skeleton,
            parser: std::marker::PhantomData,
        })
    }

    /// Articles parsed so far.
    pub fn len(&self) -> usize {
        self.reader.items.len()
    }

    /// True before any article was parsed.
    pub fn is_empty(&self) -> bool {
        self.reader.items.is_empty()
    }

    /// Parses the next (up to) `max_items` elements of `items`. `Ok(true)` once every element is parsed;
    /// `Err(())` when the body turned out not to be valid JSON: parse it whole to get the error.
    #[allow(clippy::result_unit_err)]
    pub fn step(&mut self, max_items: usize) -> Result<bool, ()> {
        let reader = &mut self.reader;
        self.elements
            .step::<J>(self.body, max_items, &mut self.buf, |e| reader.push(e))
    }

    /// The parsed feed (the elements not parsed yet, if any, are left out).
    pub fn finish(self) -> Feed {
        self.reader.finish(self.top, true, self.trailing)
    }
}

/// The elements of one JSON array in a body, delimited a slice at a time by the light scan, each slice read
/// as a small JSON array of its own.
struct Elements {
    /// At the array's `]`.
    close: usize,
    /// Where the scan for the next element starts, and that element's index in the array.
    pos: usize,
    index: usize,
    done: bool,
}

impl Elements {
    /// The elements between `open` (just after the `[`) and `close` (at the `]`).
    fn new(open: usize, close: usize) -> Elements {
        Elements {
            close,
            pos: open,
            index: 0,
            done: false,
        }
    }

    /// Reads the next (up to) `max` elements with the parser `J` (through `buf`) and hands each to `read`.
    /// `Ok(true)` once every element is read; `Err(())` when the body turned out not to be valid JSON.
    fn step<J: Json>(
        &mut self,
        b: &[u8],
        max: usize,
        buf: &mut Vec<u8>,
        mut read: impl FnMut(&J::Node<'_>),
    ) -> Result<bool, ()> {
        if self.done {
            return Ok(true);
        }
        let start = skip_ws(b, self.pos);
        let mut i = start;
        let mut end = start;
        let mut count = 0;
        while count < max.max(1) {
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
        buf.clear();
        buf.push(b'[');
        buf.extend_from_slice(b.get(start..end).ok_or(())?);
        buf.push(b']');
        let (doc, _) = J::read(buf).map_err(|_| ())?;
        let slice = J::root(&doc);
        if slice.len() != count {
            return Err(());
        }
        for element in slice.elements() {
            read(&element);
        }
        Ok(self.done)
    }
}

/// A WordPress REST posts array (the top level) being parsed slice by slice with the parser `J`, as
/// [`ChunkedFeed`] reads a JSON Feed's `items`. Anything but an array (an error object) is left to a whole
/// parse, which says what WordPress answered.
#[cfg(feature = "wordpress")]
pub struct ChunkedPosts<'a, J: Json> {
    body: &'a [u8],
    elements: Elements,
    reader: PostReader<'a>,
    buf: Vec<u8>,
    parser: std::marker::PhantomData<J>,
}

#[cfg(feature = "wordpress")]
impl<'a, J: Json> ChunkedPosts<'a, J> {
    /// Prepares a body fetched from `feed_url`, or `None` when it should be parsed whole.
    pub fn new(body: &'a [u8], feed_url: Option<&'a str>) -> Option<Self> {
        let body = strip_bom(body);
        let open = skip_ws(body, 0);
        if body.get(open) != Some(&b'[') {
            return None;
        }
        let end = value_end(body, open)?;
        let mut warnings = Warnings::default();
        if skip_ws(body, end) < body.len() {
            warnings.feed("ignored data after the end of the JSON value");
        }
        Some(ChunkedPosts {
            body,
            elements: Elements::new(open + 1, end - 1),
            reader: PostReader::new(feed_url, warnings),
            buf: Vec::new(),
            parser: std::marker::PhantomData,
        })
    }
}

/// A reader that parses a body a slice at a time ([`ChunkedFeed`], [`ChunkedPosts`]), for the edge's loop
/// that yields between slices.
pub trait Slices {
    /// Parses the next (up to) `max_items` elements; `Ok(true)` once all are; `Err(())`: parse it whole.
    #[allow(clippy::result_unit_err)]
    fn step(&mut self, max_items: usize) -> Result<bool, ()>;
    /// How many articles were parsed so far.
    fn articles(&self) -> usize;
    /// The feed parsed so far.
    fn finish(self) -> Feed;
}

impl<J: Json> Slices for ChunkedFeed<'_, J> {
    fn step(&mut self, max_items: usize) -> Result<bool, ()> {
        ChunkedFeed::step(self, max_items)
    }
    fn articles(&self) -> usize {
        ChunkedFeed::len(self)
    }
    fn finish(self) -> Feed {
        ChunkedFeed::finish(self)
    }
}

/// The posts are read as [`ChunkedFeed`] reads items; `finish` leaves out the posts not parsed yet.
#[cfg(feature = "wordpress")]
impl<J: Json> Slices for ChunkedPosts<'_, J> {
    fn step(&mut self, max_items: usize) -> Result<bool, ()> {
        let reader = &mut self.reader;
        self.elements
            .step::<J>(self.body, max_items, &mut self.buf, |e| reader.push(e))
    }
    fn articles(&self) -> usize {
        self.reader.items.len()
    }
    fn finish(self) -> Feed {
        self.reader.finish()
    }
}

/// [`ChunkedPosts`] with the module's JSON parser (`bytes_json`).
#[cfg(feature = "wordpress")]
pub type ChunkedWordPress<'a> = ChunkedPosts<'a, crate::core::bytes_json::ByteJson>;

/// [`ChunkedFeed`] with the module's JSON parser (`bytes_json`).
pub type ChunkedJsonFeed<'a> = ChunkedFeed<'a, crate::core::bytes_json::ByteJson>;
