//! Reading a large JSON Feed newest first, and only as far as blocks look.
//!
//! A block shows ten stories of a 20 000-item feed: reading (URL resolution, text clean-up, a copy of every
//! string) all 20 000 to show ten is most of the time and memory a large feed costs. So a large body is
//! first scanned once, at the byte level: every element of `items` is checked to be valid JSON (a body
//! that is not is parsed whole, which gives the error), and only its date (`date_published`, else
//! `date_modified`, by the same rule as a whole read) is decoded. The elements are then put in the
//! newest-first order of `select::finish_feed`, and only the first [`READ_FIRST`] usable items are read,
//! by the same reader as a whole parse; the others stay in the body until a block looks past them, and are
//! then read once: a slice at a time ([`Feed::read_some`], which the edge spreads over several tasks) or at
//! once ([`Feed::all_items`]).
//!
//! The scan can start before the whole body is in ([`Dated::step_received`]): the edge scans each part as
//! it arrives, so that on a slow or long download the scan is mostly done when the last byte is.
//!
//! Every item read this way equals the same item of `parse_feed` + `finish_feed` of the whole body, in the
//! same order; the item warnings are those of the items read. Two differences, both for feeds beyond the
//! caps: the [`MAX_ITEMS`] cut counts elements, not usable items, and "Các tin khác" decides whether the
//! page's title marks the current article (see `select::others`) among the items read.

use std::marker::PhantomData;
use std::sync::{Arc, Mutex, OnceLock};

use crate::core::jsonfeed::{item_date, read_item, Top};
use crate::core::jsonscan::{checked_end, skip_ws, string_end, value_end};
use crate::core::model::{Article, Feed, Rest, Timestamp, Unread};
use crate::core::rules::{bound_article, strip_bom, Warnings};
use crate::core::select::{self, by_date, Finished, MAX_ITEMS};
use crate::core::text::needs_nfc;
use crate::core::tree::{Json, Node};

/// How many usable items are read at once: more than any block shows on its first screen (a `limit` is
/// at most 50), so a block only reads further when it filters by tag or pages through everything.
pub const READ_FIRST: usize = 64;

/// Elements read through one parse: a few parser calls instead of one per element.
const BATCH: usize = 64;

/// One element of `items`: where it is in the body, its place in the feed, and its date.
#[derive(Debug, Clone, Copy)]
struct Element {
    start: u32,
    end: u32,
    index: u32,
    date: Option<Timestamp>,
}

/// A JSON Feed body being scanned for the dates of its items, a slice of elements at a time, with the
/// parser `J` for what is read; see the module documentation.
pub struct Dated<J: Json> {
    /// Just after the `[` of `items`; where the scan goes on; whether a `,` came last.
    open: usize,
    pos: usize,
    after_comma: bool,
    /// The top level read without its items, once the scan reached the end of `items`.
    top: Option<(Top, bool)>,
    elements: Vec<Element>,
    base: Option<String>,
    parser: PhantomData<fn() -> J>,
}

/// After the key string at `i` of a top-level object and its colon: (the unescaped key, the value's start).
/// `None` for an escaped key (a parser would decode it; this scan does not) or a syntax error.
fn top_key(b: &[u8], i: usize) -> Option<(&[u8], usize)> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let end = string_end(b, i)?;
    let key = b.get(i + 1..end - 1)?;
    if key.contains(&b'\\') {
        return None;
    }
    let colon = skip_ws(b, end);
    (b.get(colon) == Some(&b':')).then(|| (key, skip_ws(b, colon + 1)))
}

impl<J: Json + 'static> Dated<J> {
    /// Prepares `body` fetched from `feed_url`, or `None` when it should be parsed whole (what the sliced
    /// reader of `chunked` refuses).
    pub fn new(body: &[u8], feed_url: Option<&str>) -> Option<Self> {
        let skip = body.len() - strip_bom(body).len();
        let mut i = skip_ws(body, skip);
        if body.get(i) != Some(&b'{') {
            return None;
        }
        i = skip_ws(body, i + 1);
        // The top-level fields before `items` (the ones after it are scanned when the items are).
        let open = loop {
            let (key, value) = top_key(body, i)?;
            if key == b"items" {
                if body.get(value) != Some(&b'[') {
                    return None;
                }
                break value + 1;
            }
            i = skip_ws(body, value_end(body, value)?);
            match body.get(i)? {
                b',' => i = skip_ws(body, i + 1),
                _ => return None, // the end, without `items`: a whole parse says what it is
            }
        };
        Some(Dated {
            open,
            pos: open,
            after_comma: false,
            top: None,
            elements: Vec::new(),
            base: feed_url.map(str::to_owned),
            parser: PhantomData,
        })
    }

    /// The rest of the top level after the `]` of `items` at `close`: no second `items` and no escaped key
    /// (else a whole parse), then the top level read without its items.
    fn read_top(&mut self, body: &[u8], close: usize) -> Result<(), ()> {
        let mut i = skip_ws(body, close + 1);
        loop {
            match body.get(i).ok_or(())? {
                b'}' => break,
                b',' => {
                    let (key, value) = top_key(body, skip_ws(body, i + 1)).ok_or(())?;
                    if key == b"items" {
                        return Err(());
                    }
                    i = skip_ws(body, value_end(body, value).ok_or(())?);
                }
                _ => return Err(()),
            }
        }
        self.top = Some(self.top_level(body, body.get(close..).ok_or(())?).ok_or(())?);
        Ok(())
    }

    /// The top level read from the body before `items`' elements followed by `tail` (the body from the
    /// `]` of `items` on, or a closing `]}` for a scan cut short), and whether data follows it.
    fn top_level(&self, body: &[u8], tail: &[u8]) -> Option<(Top, bool)> {
        let start = skip_ws(body, body.len() - strip_bom(body).len());
        let mut skeleton = Vec::with_capacity(self.open - start + tail.len());
        skeleton.extend_from_slice(body.get(start..self.open)?);
        skeleton.extend_from_slice(tail);
        let (doc, trailing) = J::read(&skeleton).ok()?;
        let top = Top::read(&J::root(&doc)).ok()?;
        Some((top, trailing))
    }

    /// Elements scanned so far.
    pub fn len(&self) -> usize {
        self.elements.len()
    }

    /// How far into the body the scan has gone.
    pub fn scanned_to(&self) -> usize {
        self.pos
    }

    /// True before any element was scanned.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }

    /// Scans the next (up to) `max` elements of `body` (the body given to [`Dated::new`]). `Ok(true)` once
    /// every element is scanned; `Err(())` when the body is not valid JSON: parse it whole for the error.
    #[allow(clippy::result_unit_err)]
    pub fn step(&mut self, body: &[u8], max: usize) -> Result<bool, ()> {
        let mut count = 0;
        while self.top.is_none() && count < max.max(1) {
            let i = skip_ws(body, self.pos);
            if body.get(i) == Some(&b']') {
                // `]` right after `[` is an empty array; after a `,` it is a trailing comma.
                if self.after_comma {
                    return Err(());
                }
                self.read_top(body, i)?;
                break;
            }
            self.scan_next(body, i).ok_or(())?;
            count += 1;
        }
        Ok(self.top.is_some())
    }

    /// Scans up to `max` elements of `received`, the part of the body that has arrived so far (`new` may
    /// be given such a part too), and returns how many it scanned. It stops before an element the end of
    /// `received` cuts off, at the end of `items`, and at anything that is not valid JSON: once the whole
    /// body is in, [`Dated::step`] goes on from there and decides. An element is only taken with the `,`
    /// or `]` after it, so nothing a later byte could change is taken.
    pub fn step_received(&mut self, received: &[u8], max: usize) -> usize {
        let mut count = 0;
        while self.top.is_none() && count < max {
            let i = skip_ws(received, self.pos);
            if received.get(i).is_none_or(|&b| b == b']') || self.scan_next(received, i).is_none() {
                break;
            }
            count += 1;
        }
        count
    }

    /// Scans the element at `i` and the `,` or `]` after it; `None`, with nothing taken, when either is
    /// not there (not valid, or not arrived yet).
    fn scan_next(&mut self, body: &[u8], i: usize) -> Option<()> {
        let (end, date) = scan_element::<J>(body, i)?;
        let next = skip_ws(body, end);
        let after_comma = match body.get(next)? {
            b',' => true,
            b']' => false,
            _ => return None,
        };
        self.elements.push(Element {
            start: u32::try_from(i).ok()?,
            end: u32::try_from(end).ok()?,
            index: u32::try_from(self.elements.len()).ok()?,
            date,
        });
        self.pos = next + usize::from(after_comma);
        self.after_comma = after_comma;
        Some(())
    }

    /// The feed: the newest [`READ_FIRST`] usable items read (each given the feed-level authors, `nfc`
    /// for its text and the per-item limits, as a whole read and `finish_feed` do), the others left in
    /// `body` for [`Feed::all_items`]; with what `finish_feed` would report. Elements not scanned yet (a
    /// scan cut short by the block's timeout) are left out. `total_pages` is what `finish_feed` takes (the
    /// `X-WP-TotalPages` header).
    pub fn finish(
        mut self,
        body: Vec<u8>,
        feed_url: &str,
        total_pages: Option<&str>,
        nfc: fn(&str) -> String,
    ) -> (Feed, Vec<Finished>) {
        let mut changed = Vec::new();
        if self.elements.len() > MAX_ITEMS {
            self.elements.truncate(MAX_ITEMS);
            changed.push(Finished::ItemsCut);
        }
        // Stable: elements of one instant keep their feed order, as the sort of a whole read does.
        self.elements.sort_by(|a, b| by_date(a.date, b.date));
        let mut warnings = Warnings::default();
        // A scan cut short (the block's timeout) has not reached the top-level fields after `items`.
        let (top, trailing) = match self.top.take() {
            Some(read) => read,
            None => self.top_level(&body, b"]}").unwrap_or_default(),
        };
        let reader = Reader::<J> {
            body,
            base: self.base,
            top,
            nfc,
            parser: PhantomData,
        };
        let (items, read, long_links) = reader.read(&self.elements, 0, READ_FIRST, &mut warnings);
        if trailing {
            warnings.feed("ignored data after the end of the JSON value");
        }
        if long_links {
            changed.push(Finished::LongLinksSkipped);
        }
        let mut feed = reader.top.feed(reader.base.as_deref(), items, warnings);
        if let Some(t) = feed.title.as_mut().filter(|t| needs_nfc(t)) {
            *t = nfc(t);
        }
        changed.extend(select::next_page(&mut feed, feed_url, total_pages));
        let left = self.elements.split_off(read.min(self.elements.len()));
        if !left.is_empty() {
            feed.rest = Rest(Some(Arc::new(Later {
                reader,
                elements: left,
                progress: Mutex::new((0, Vec::new())),
                all: OnceLock::new(),
            })));
        }
        (feed, changed)
    }
}

/// The text of the JSON string `raw` (quotes included, checked), exactly as the parser `J` reads it; without
/// escapes, its bytes (invalid UTF-8 read as U+FFFD, as the decoded body is).
fn text_of<J: Json>(raw: &[u8]) -> Option<String> {
    let inner = raw.get(1..raw.len().saturating_sub(1))?;
    if !inner.contains(&b'\\') {
        return Some(String::from_utf8_lossy(inner).into_owned());
    }
    let (doc, _) = J::read(raw).ok()?;
    let text = J::root(&doc).as_str().map(std::borrow::Cow::into_owned);
    text
}

/// The end of the element at `i` (checked to be valid JSON) and, for an object, its date.
fn scan_element<J: Json>(b: &[u8], i: usize) -> Option<(usize, Option<Timestamp>)> {
    if b.get(i) != Some(&b'{') {
        return Some((checked_end(b, i)?, None));
    }
    let (mut published, mut modified) = (None, None);
    let mut j = skip_ws(b, i + 1);
    if b.get(j) == Some(&b'}') {
        return Some((j + 1, None));
    }
    loop {
        if b.get(j) != Some(&b'"') {
            return None;
        }
        let key_end = checked_end(b, j)?;
        let key = b.get(j..key_end)?;
        j = skip_ws(b, key_end);
        if b.get(j) != Some(&b':') {
            return None;
        }
        j = skip_ws(b, j + 1);
        let value_end = checked_end(b, j)?;
        let slot = match key {
            b"\"date_published\"" => Some(&mut published),
            b"\"date_modified\"" => Some(&mut modified),
            k if k.contains(&b'\\') => match text_of::<J>(k).as_deref() {
                Some("date_published") => Some(&mut published),
                Some("date_modified") => Some(&mut modified),
                _ => None,
            },
            _ => None,
        };
        if let Some(slot) = slot {
            // The last of repeated keys counts, as in `JSON.parse`; a value of another type is no date.
            let value = b.get(j..value_end)?;
            *slot = (value.first() == Some(&b'"'))
                .then(|| text_of::<J>(value))
                .flatten();
        }
        j = skip_ws(b, value_end);
        match b.get(j)? {
            b',' => j = skip_ws(b, j + 1),
            b'}' => return Some((j + 1, item_date(published, modified, |_| {}))),
            _ => return None,
        }
    }
}

/// What reading an element needs once the scan is over.
struct Reader<J: Json> {
    body: Vec<u8>,
    base: Option<String>,
    top: Top,
    nfc: fn(&str) -> String,
    parser: PhantomData<fn() -> J>,
}

impl<J: Json> Reader<J> {
    /// Reads `elements` from `from` on until `want` usable items are read: the items, how many elements
    /// that took, and whether an item was skipped for a link over the limit.
    fn read(
        &self,
        elements: &[Element],
        from: usize,
        want: usize,
        warnings: &mut Warnings,
    ) -> (Vec<Article>, usize, bool) {
        let mut items = Vec::with_capacity(want.min(elements.len()));
        let mut long_links = false;
        let mut at = from;
        let mut buf = Vec::new();
        while items.len() < want && at < elements.len() {
            // No more elements than items still wanted: most elements are usable items.
            let size = (want - items.len()).min(BATCH);
            let batch = elements
                .get(at..(at + size).min(elements.len()))
                .unwrap_or_default();
            at += batch.len().max(1);
            buf.clear();
            buf.push(b'[');
            for (n, e) in batch.iter().enumerate() {
                if n > 0 {
                    buf.push(b',');
                }
                buf.extend_from_slice(self.body.get(e.start as usize..e.end as usize).unwrap_or(b"null"));
            }
            buf.push(b']');
            let Ok((doc, _)) = J::read(&buf) else {
                // Checked by the scan: not expected. Those items are missing rather than the feed.
                warnings.feed("some items could not be read again");
                continue;
            };
            let list = J::root(&doc);
            for (e, node) in batch.iter().zip(list.elements()) {
                let Some(mut a) = read_item(&node, self.base.as_deref(), e.index as usize, warnings) else {
                    continue;
                };
                self.top.fill_authors(&mut a);
                a.normalize_text(&self.nfc);
                if bound_article(&mut a) {
                    items.push(a);
                } else {
                    long_links = true;
                }
            }
        }
        (items, at.min(elements.len()) - from, long_links)
    }
}

/// The elements not read by [`Dated::finish`], read a part at a time ([`Unread::read_some`]) or all at once
/// when a block first needs them.
struct Later<J: Json> {
    reader: Reader<J>,
    elements: Vec<Element>,
    /// The next element to read, and the items read so far by `read_some`.
    progress: Mutex<(usize, Vec<Article>)>,
    all: OnceLock<Vec<Article>>,
}

impl<J: Json> Later<J> {
    /// Reads `elements` more from the progress; true when none is left.
    fn advance(&self, progress: &mut (usize, Vec<Article>), elements: usize) -> bool {
        let (at, items) = progress;
        let end = at.saturating_add(elements).min(self.elements.len());
        let part = self.elements.get(*at..end).unwrap_or_default();
        let mut warnings = Warnings::default();
        items.extend(self.reader.read(part, 0, usize::MAX, &mut warnings).0);
        *at = end;
        end >= self.elements.len()
    }

    /// `read` followed by every item read from the rest.
    fn complete(read: &[Article], rest: Vec<Article>) -> Vec<Article> {
        let mut all = Vec::with_capacity(read.len() + rest.len());
        all.extend_from_slice(read);
        all.extend(rest);
        all
    }
}

impl<J: Json> Unread for Later<J> {
    fn len(&self) -> usize {
        self.elements.len()
    }

    fn all(&self, read: &[Article]) -> &[Article] {
        self.all.get_or_init(|| {
            let mut progress = self
                .progress
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            self.advance(&mut progress, usize::MAX);
            Self::complete(read, std::mem::take(&mut progress.1))
        })
    }

    fn read_some(&self, read: &[Article], elements: usize) -> bool {
        if self.all.get().is_some() {
            return true;
        }
        let mut progress = self
            .progress
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !self.advance(&mut progress, elements.max(1)) {
            return false;
        }
        let rest = std::mem::take(&mut progress.1);
        drop(progress);
        let _ = self.all.set(Self::complete(read, rest));
        true
    }
}
