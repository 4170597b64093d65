//! The JSON parser of the WASM modules and of native callers: the read interface ([`Node`]) over the
//! body's own bytes, with no tree built and no JavaScript involved.
//!
//! A body is checked once by `jsonscan::check` (the grammar of `JSON.parse`, errors worded and placed as
//! serde_json words them); a [`ByteNode`] is then an index into the checked bytes plus, for a container,
//! where each of its members starts (one pass over that level, found by bracket depth, so no nesting depth
//! costs stack). Strings are unescaped only when read, and borrowed when they hold no escape; numbers are
//! read only when asked. In the browser this replaces decoding the body into a JavaScript string, parsing
//! it with `JSON.parse` and copying every field back into the module one call at a time.
//!
//! It reads as `JSON.parse` does, which `serde_json` (`native_json`, the reference the tests compare
//! against) also does but for two cases: a number beyond the double range is infinity (serde_json refuses
//! the document), and an escaped lone UTF-16 surrogate is U+FFFD (what a string of `JSON.parse` becomes
//! in Rust). Integers are kept exactly as serde_json keeps them (`u64`, then `i64`, else a double).

use std::borrow::Cow;

use crate::core::jsonscan::{check, has_trailing, skip_ws, string_end, value_end};
use crate::core::model::FeedError;
use crate::core::tree::{Json, Kind, Node, Number, ENTRIES};

/// The parser over bytes.
pub struct ByteJson;

/// A checked JSON value: its bytes (valid UTF-8), from its first byte to its last.
pub struct Doc(Vec<u8>);

impl Json for ByteJson {
    type Doc = Doc;
    type Node<'d> = ByteNode<'d>;

    fn read(text: &[u8]) -> Result<(Doc, bool), FeedError> {
        // Invalid UTF-8 reads as U+FFFD, as `TextDecoder` decodes it; valid text is not copied here.
        let decoded = String::from_utf8_lossy(text);
        let t = decoded.as_bytes();
        let end = check(t).map_err(|e| e.feed_error(t))?;
        let value = t.get(skip_ws(t, 0)..end).unwrap_or_default();
        Ok((Doc(value.to_vec()), has_trailing(t, end)))
    }

    fn root(doc: &Doc) -> ByteNode<'_> {
        ByteNode::new(&doc.0, 0)
    }
}

/// Objects with more members than this are not indexed: their lookups scan them (bounded memory for any
/// body; feeds' objects have a few dozen members).
const INDEXED: usize = 1024;

/// One value of a checked document: where it starts and, for an object of at most [`INDEXED`] members,
/// where each key and its value start. Arrays are never indexed: readers go through their elements once.
pub struct ByteNode<'d> {
    b: &'d [u8],
    at: usize,
    index: Option<Vec<(usize, usize)>>,
}

/// The members of a container, in order: (key, value) starts for an object, (value, value) for an array.
struct Members<'d> {
    b: &'d [u8],
    i: usize,
    object: bool,
}

impl Iterator for Members<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let b = self.b;
        // The document is valid JSON: every step succeeds, and a `None` only ends the list early.
        if matches!(b.get(self.i), Some(b'}' | b']') | None) {
            return None;
        }
        let key = self.i;
        let mut value = key;
        if self.object {
            value = skip_ws(b, skip_ws(b, string_end(b, key)?) + 1);
        }
        let end = skip_ws(b, value_end(b, value)?);
        self.i = if b.get(end) == Some(&b',') {
            skip_ws(b, end + 1)
        } else {
            end
        };
        Some((key, value))
    }
}

impl<'d> ByteNode<'d> {
    fn new(b: &'d [u8], at: usize) -> ByteNode<'d> {
        let mut node = ByteNode { b, at, index: None };
        if b.get(at) == Some(&b'{') {
            let members: Vec<(usize, usize)> = node.members().take(INDEXED + 1).collect();
            node.index = (members.len() <= INDEXED).then_some(members);
        }
        node
    }

    /// The members of an object or an array (none for anything else), read from the bytes.
    fn members(&self) -> Members<'d> {
        let container = matches!(self.b.get(self.at), Some(b'{' | b'['));
        Members {
            b: self.b,
            // Past the end for a scalar: no member.
            i: if container {
                skip_ws(self.b, self.at + 1)
            } else {
                self.b.len()
            },
            object: self.b.get(self.at) == Some(&b'{'),
        }
    }

    /// The raw bytes between the quotes of the string starting at `i`.
    fn raw_string(&self, i: usize) -> Option<&'d [u8]> {
        let end = string_end(self.b, i)?;
        self.b.get(i + 1..end - 1)
    }

    /// The text of the key at `i`.
    fn key(&self, i: usize) -> Option<Cow<'d, str>> {
        text(self.raw_string(i)?)
    }

    /// Whether the key at `i` is `name`.
    fn key_is(&self, i: usize, name: &str) -> bool {
        self.raw_string(i)
            .is_some_and(|raw| raw == name.as_bytes() || (raw.contains(&b'\\') && unescape(raw) == name))
    }
}

/// The text of a string's raw bytes: borrowed when it has no escape.
fn text(raw: &[u8]) -> Option<Cow<'_, str>> {
    if raw.contains(&b'\\') {
        Some(Cow::Owned(unescape(raw)))
    } else {
        std::str::from_utf8(raw).ok().map(Cow::Borrowed)
    }
}

/// The four hex digits at `i` as a number.
fn hex4(raw: &[u8], i: usize) -> Option<u32> {
    let digits = raw.get(i..i + 4)?;
    digits
        .iter()
        .try_fold(0u32, |n, &c| Some(n * 16 + char::from(c).to_digit(16)?))
}

/// A string's raw bytes with their escapes decoded (a checked string has only valid ones); an escaped
/// lone surrogate is U+FFFD.
fn unescape(raw: &[u8]) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(off) = raw.get(i..).and_then(|r| r.iter().position(|&c| c == b'\\')) {
        out.extend_from_slice(raw.get(i..i + off).unwrap_or_default());
        i += off;
        let escaped = raw.get(i + 1).copied().unwrap_or(b'\\');
        i += 2;
        let byte = match escaped {
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let unit = hex4(raw, i).unwrap_or(0xfffd);
                i += 4;
                let c = match unit {
                    0xd800..=0xdbff => match (raw.get(i..i + 2), hex4(raw, i + 2)) {
                        (Some(b"\\u"), Some(low @ 0xdc00..=0xdfff)) => {
                            i += 6;
                            char::from_u32(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00))
                        }
                        _ => None,
                    },
                    _ => char::from_u32(unit),
                };
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.unwrap_or('\u{fffd}').encode_utf8(&mut buf).as_bytes());
                continue;
            }
            // `"`, `\` and `/` stand for themselves.
            other => other,
        };
        out.push(byte);
    }
    out.extend_from_slice(raw.get(i..).unwrap_or_default());
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A checked number's text as serde_json keeps it: an integer exactly when it fits `u64` (or, negative,
/// `i64`), anything else as a double.
fn number(t: &[u8]) -> Number {
    let negative = t.first() == Some(&b'-');
    let digits = t.get(usize::from(negative)..).unwrap_or_default();
    if digits.iter().all(u8::is_ascii_digit) {
        let exact = digits
            .iter()
            .try_fold(0u64, |n, &d| n.checked_mul(10)?.checked_add(u64::from(d - b'0')));
        match (exact, negative) {
            (Some(n), false) => return Number::U64(n),
            // `-0` is a double, as serde_json reads it.
            (Some(n), true) if n > 0 => {
                if let Some(v) = 0i64.checked_sub_unsigned(n) {
                    return Number::I64(v);
                }
            }
            (Some(_), true) => {}
            (None, _) => {}
        }
    }
    Number::F64(double(digits, negative))
}

/// The double of a checked number's digits (after its sign): the nearest one when the significant digits
/// fit 2^53 and the power of ten is at most 22 (every whole number and every short decimal), within a few
/// units in the last place beyond, and infinity at the very top of the double range. No reader needs more
/// (they read whole numbers and milliseconds), and an exact reader would add its tables to the modules.
fn double(digits: &[u8], negative: bool) -> f64 {
    const KEPT: u64 = 100_000_000_000_000_000; // 10^17: more significant digits only move the exponent
    let mut mantissa = 0u64;
    let mut exp10: i64 = 0;
    let mut i = 0;
    let mut fraction = false;
    while let Some(&c) = digits.get(i) {
        match c {
            b'0'..=b'9' if mantissa < KEPT => {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                exp10 -= i64::from(fraction);
            }
            b'0'..=b'9' => exp10 += i64::from(!fraction),
            b'.' => fraction = true,
            _ => break,
        }
        i += 1;
    }
    if matches!(digits.get(i), Some(b'e' | b'E')) {
        i += 1;
        let minus = digits.get(i) == Some(&b'-');
        i += usize::from(matches!(digits.get(i), Some(b'-' | b'+')));
        let e = digits
            .get(i..)
            .unwrap_or_default()
            .iter()
            .fold(0i64, |e, &d| (e * 10 + i64::from(d - b'0')).min(100_000));
        exp10 += if minus { -e } else { e };
    }
    let m = mantissa as f64;
    let v = if mantissa == 0 {
        0.0
    } else if exp10 >= 0 {
        m * 10f64.powi(exp10.min(400) as i32)
    } else if exp10 >= -308 {
        m / 10f64.powi((-exp10) as i32)
    } else {
        // Below the normal range: two steps, so that 10^-exp10 itself does not overflow to infinity.
        m / 1e300 / 10f64.powi((-exp10 - 300).min(400) as i32)
    };
    if negative {
        -v
    } else {
        v
    }
}

impl Node for ByteNode<'_> {
    fn kind(&self) -> Kind {
        match self.b.get(self.at) {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b'"') => Kind::String,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'n') | None => Kind::Null,
            Some(_) => Kind::Number,
        }
    }

    fn field(&self, name: &'static str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        // The last one, as `JSON.parse` keeps it.
        let value = match &self.index {
            Some(index) => index.iter().rev().find(|&&(key, _)| self.key_is(key, name))?.1,
            None => {
                self.members()
                    .filter(|&(key, _)| self.key_is(key, name))
                    .last()?
                    .1
            }
        };
        Some(ByteNode::new(self.b, value))
    }

    fn len(&self) -> usize {
        if self.is_array() {
            self.members().count()
        } else {
            0
        }
    }

    fn at(&self, index: usize) -> Option<Self> {
        if !self.is_array() {
            return None;
        }
        let (value, _) = self.members().nth(index)?;
        Some(ByteNode::new(self.b, value))
    }

    fn entries(&self) -> Vec<(String, Self)> {
        if !self.is_object() {
            return Vec::new();
        }
        // The first ENTRIES distinct keys with their last values, found with a sorted list of them: each
        // member costs one search, and memory stays at ENTRIES keys however many the object has.
        let mut kept: Vec<(Cow<'_, str>, usize)> = Vec::new();
        let mut sorted: Vec<usize> = Vec::new();
        for (key, value) in self.members() {
            let key = self.key(key).unwrap_or_default();
            let found =
                sorted.binary_search_by(|&i| kept.get(i).map(|(k, _)| k.as_ref()).cmp(&Some(key.as_ref())));
            match found {
                Ok(at) => {
                    if let Some(slot) = sorted.get(at).and_then(|&i| kept.get_mut(i)) {
                        slot.1 = value;
                    }
                }
                Err(at) if kept.len() < ENTRIES => {
                    sorted.insert(at, kept.len());
                    kept.push((key, value));
                }
                Err(_) => {}
            }
        }
        // The values are not indexed: the list holds them all at once, and ENTRIES objects of INDEXED
        // members each would hold 16 MB of indexes; readers look up a few fields of each, by a scan.
        kept.into_iter()
            .map(|(key, value)| {
                let node = ByteNode {
                    b: self.b,
                    at: value,
                    index: None,
                };
                (key.into_owned(), node)
            })
            .collect()
    }

    fn as_str(&self) -> Option<Cow<'_, str>> {
        if self.b.get(self.at) != Some(&b'"') {
            return None;
        }
        text(self.raw_string(self.at)?)
    }

    fn as_number(&self) -> Option<Number> {
        if self.kind() != Kind::Number {
            return None;
        }
        let end = value_end(self.b, self.at)?;
        Some(number(self.b.get(self.at..end)?))
    }

    fn as_bool(&self) -> Option<bool> {
        match self.b.get(self.at) {
            Some(b't') => Some(true),
            Some(b'f') => Some(false),
            _ => None,
        }
    }

    fn elements(&self) -> impl Iterator<Item = Self> + '_ {
        let array = self.is_array();
        self.members()
            .take_while(move |_| array)
            .map(|(value, _)| ByteNode::new(self.b, value))
    }
}
