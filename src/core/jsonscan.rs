//! Byte-level JSON scanning that needs no parser: the light scan that delimits values (the sliced reading
//! of large JSON Feeds finds its `items` with it), and the full syntax check that says where invalid JSON
//! goes wrong.
//!
//! The check accepts exactly the grammar of `JSON.parse` (RFC 8259) and reports the first error as
//! `serde_json` does: the same message, line and column (a byte column, 1-based), so a body fails with the
//! same [`FeedError::Json`] whichever parser read it. The byte reader ([`crate::core::bytes_json`]) runs it
//! once over every body it reads; it never recurses, so no nesting depth can overflow the stack.

use crate::core::model::FeedError;

/// JSON whitespace (space, tab, line feed, carriage return) from `i` on; the index of the first other byte.
pub(crate) fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b
        .get(i)
        .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
    {
        i += 1;
    }
    i
}

/// The first index from `i` on of a `"` or a `\\` (or, with `controls`, a byte below 0x20): the bytes a
/// string scan stops at. Eight bytes at a time while none is there (string contents are most of a feed).
fn string_stop(b: &[u8], mut i: usize, controls: bool) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Nonzero when a byte of `w` is below `n` (n <= 0x80).
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH;
    while let Some(word) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let w = u64::from_ne_bytes(word);
        let found = below(w ^ (ONES * 0x22), 1)
            | below(w ^ (ONES * 0x5C), 1)
            | if controls { below(w, 0x20) } else { 0 };
        if found != 0 {
            break;
        }
        i += 8;
    }
    let off = b
        .get(i..)?
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || (controls && c < 0x20))?;
    Some(i + off)
}

/// End (exclusive) of the JSON string starting at `i` (its opening quote).
pub(crate) fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        j = string_stop(b, j, false)?;
        if b.get(j) == Some(&b'"') {
            return Some(j + 1);
        }
        j += 2; // a backslash and the character it escapes
    }
}

/// End (exclusive) of the JSON value starting at `i`. Containers are delimited by bracket depth outside
/// strings, without checking that brackets match (a parse of the value does that); for a valid value this
/// is its exact end.
pub(crate) fn value_end(b: &[u8], i: usize) -> Option<usize> {
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

/// True when something other than JSON whitespace follows `end`.
pub(crate) fn has_trailing(b: &[u8], end: usize) -> bool {
    skip_ws(b, end) < b.len()
}

const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EXPECTED_VALUE: &str = "expected value";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_COLON: &str = "expected `:`";
const LIST_COMMA_OR_END: &str = "expected `,` or `]`";
const OBJECT_COMMA_OR_END: &str = "expected `,` or `}`";
const KEY_MUST_BE_A_STRING: &str = "key must be a string";
const TRAILING_COMMA: &str = "trailing comma";
const INVALID_NUMBER: &str = "invalid number";
const INVALID_ESCAPE: &str = "invalid escape";
const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";

/// The first syntax error of a body: its message, and the index whose line and column are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError {
    /// Index into the body: the column reported is the number of bytes of its line before this index.
    pub at: usize,
    pub message: &'static str,
}

impl SyntaxError {
    /// An error about the byte at `i`, not consumed yet (reported at its own column).
    fn peeked(b: &[u8], i: usize, message: &'static str) -> SyntaxError {
        SyntaxError {
            at: (i + 1).min(b.len()),
            message,
        }
    }

    /// An error found once the bytes before `i` were consumed (reported at the column of the last one).
    fn consumed(i: usize, message: &'static str) -> SyntaxError {
        SyntaxError { at: i, message }
    }

    /// The error as [`FeedError::Json`] with its 1-based line and byte column in `b`.
    pub fn feed_error(self, b: &[u8]) -> FeedError {
        let before = b.get(..self.at).unwrap_or(b);
        let line_start = before.iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1);
        let line = 1 + before
            .get(..line_start)
            .unwrap_or_default()
            .iter()
            .filter(|&&c| c == b'\n')
            .count();
        FeedError::Json {
            line,
            column: self.at.min(b.len()) - line_start,
            message: self.message.to_owned(),
        }
    }
}

/// After the literal `true`, `false` or `null` starting at `i`.
fn literal(b: &[u8], i: usize) -> Result<usize, SyntaxError> {
    let word: &[u8] = match b.get(i) {
        Some(b't') => b"true",
        Some(b'f') => b"false",
        _ => b"null",
    };
    let mut j = i + 1;
    for &expected in word.get(1..).unwrap_or_default() {
        match b.get(j) {
            None => return Err(SyntaxError::consumed(j, EOF_VALUE)),
            Some(&c) if c != expected => return Err(SyntaxError::consumed(j + 1, EXPECTED_IDENT)),
            Some(_) => j += 1,
        }
    }
    Ok(j)
}

fn digits(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// After the number whose digits start at `i` (after its minus sign, if any).
fn number(b: &[u8], i: usize) -> Result<usize, SyntaxError> {
    let mut i = match b.get(i) {
        None => return Err(SyntaxError::consumed(i, EOF_VALUE)),
        Some(b'0') => {
            if b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                return Err(SyntaxError::peeked(b, i + 1, INVALID_NUMBER));
            }
            i + 1
        }
        Some(b'1'..=b'9') => digits(b, i + 1),
        Some(_) => return Err(SyntaxError::consumed(i + 1, INVALID_NUMBER)),
    };
    if b.get(i) == Some(&b'.') {
        let end = digits(b, i + 1);
        if end == i + 1 {
            let message = if end < b.len() { INVALID_NUMBER } else { EOF_VALUE };
            return Err(SyntaxError::peeked(b, end, message));
        }
        i = end;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        match b.get(i) {
            None => return Err(SyntaxError::consumed(i, EOF_VALUE)),
            Some(c) if c.is_ascii_digit() => i = digits(b, i + 1),
            Some(_) => return Err(SyntaxError::consumed(i + 1, INVALID_NUMBER)),
        }
    }
    Ok(i)
}

/// After the string whose content starts at `i` (just after its opening quote).
fn string(b: &[u8], mut i: usize) -> Result<usize, SyntaxError> {
    loop {
        let Some(stop) = string_stop(b, i, true) else {
            return Err(SyntaxError::consumed(b.len(), EOF_STRING));
        };
        i = stop;
        match b.get(i) {
            Some(b'"') => return Ok(i + 1),
            Some(b'\\') => {
                let Some(&c) = b.get(i + 1) else {
                    return Err(SyntaxError::consumed(b.len(), EOF_STRING));
                };
                i += 2;
                match c {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                    b'u' => {
                        let Some(hex) = b.get(i..i + 4) else {
                            return Err(SyntaxError::consumed(b.len(), EOF_STRING));
                        };
                        i += 4;
                        if !hex.iter().all(u8::is_ascii_hexdigit) {
                            return Err(SyntaxError::consumed(i, INVALID_ESCAPE));
                        }
                    }
                    _ => return Err(SyntaxError::consumed(i, INVALID_ESCAPE)),
                }
            }
            _ => return Err(SyntaxError::consumed(i + 1, CONTROL_CHARACTER)),
        }
    }
}

/// After the key string at `i` (its opening quote) and the colon that must follow it.
fn key_and_colon(b: &[u8], i: usize) -> Result<usize, SyntaxError> {
    let i = skip_ws(b, string(b, i + 1)?);
    match b.get(i) {
        Some(b':') => Ok(i + 1),
        Some(_) => Err(SyntaxError::peeked(b, i, EXPECTED_COLON)),
        None => Err(SyntaxError::peeked(b, i, EOF_OBJECT)),
    }
}

/// Checks the JSON value `b` starts with (after optional whitespace): `Ok` with the index just after it
/// (what follows is not looked at), or the first syntax error.
pub fn check(b: &[u8]) -> Result<usize, SyntaxError> {
    // The open containers: true for an object.
    let mut open: Vec<bool> = Vec::new();
    let mut i = 0;
    'value: loop {
        i = skip_ws(b, i);
        let Some(&c) = b.get(i) else {
            return Err(SyntaxError::peeked(b, i, EOF_VALUE));
        };
        match c {
            b't' | b'f' | b'n' => i = literal(b, i)?,
            b'-' => i = number(b, i + 1)?,
            b'0'..=b'9' => i = number(b, i)?,
            b'"' => i = string(b, i + 1)?,
            b'[' => {
                i = skip_ws(b, i + 1);
                match b.get(i) {
                    None => return Err(SyntaxError::peeked(b, i, EOF_LIST)),
                    Some(b']') => i += 1,
                    Some(_) => {
                        open.push(false);
                        continue 'value;
                    }
                }
            }
            b'{' => {
                i = skip_ws(b, i + 1);
                match b.get(i) {
                    None => return Err(SyntaxError::peeked(b, i, EOF_OBJECT)),
                    Some(b'}') => i += 1,
                    Some(b'"') => {
                        i = key_and_colon(b, i)?;
                        open.push(true);
                        continue 'value;
                    }
                    Some(_) => return Err(SyntaxError::peeked(b, i, KEY_MUST_BE_A_STRING)),
                }
            }
            _ => return Err(SyntaxError::peeked(b, i, EXPECTED_VALUE)),
        }
        // A value is complete: close the containers it completes, or go on to the next element.
        loop {
            let Some(&object) = open.last() else {
                return Ok(i);
            };
            i = skip_ws(b, i);
            let (close, comma_or_end) = if object {
                (b'}', OBJECT_COMMA_OR_END)
            } else {
                (b']', LIST_COMMA_OR_END)
            };
            match b.get(i) {
                None => {
                    let message = if object { EOF_OBJECT } else { EOF_LIST };
                    return Err(SyntaxError::peeked(b, i, message));
                }
                Some(&c) if c == close => {
                    i += 1;
                    open.pop();
                }
                Some(b',') => {
                    i = skip_ws(b, i + 1);
                    match b.get(i) {
                        None => return Err(SyntaxError::peeked(b, i, EOF_VALUE)),
                        Some(&c) if c == close => return Err(SyntaxError::peeked(b, i, TRAILING_COMMA)),
                        Some(b'"') if object => {
                            i = key_and_colon(b, i)?;
                            continue 'value;
                        }
                        Some(_) if object => return Err(SyntaxError::peeked(b, i, KEY_MUST_BE_A_STRING)),
                        Some(_) => continue 'value,
                    }
                }
                Some(_) => return Err(SyntaxError::peeked(b, i, comma_or_end)),
            }
        }
    }
}

/// End (exclusive) of the valid JSON value starting at `i` (after optional whitespace), by [`check`];
/// `None` when it is not valid.
pub(crate) fn checked_end(b: &[u8], i: usize) -> Option<usize> {
    Some(i + check(b.get(i..)?).ok()?)
}
