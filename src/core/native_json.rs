//! The reference [`Json`] parser: `serde_json` into a `serde_json::Value` tree, read through [`Node`].
//! Native builds only: the tests read their corpora with it and with `bytes_json` (what the modules and
//! every entry point use) and compare.
//!
//! Invalid JSON is reported by `jsonscan::check`, which words and places errors as serde_json does, so
//! both implementations fail a body alike. Keys keep their document order (serde_json's `preserve_order`, as `JSON.parse` objects do), a repeated
//! key keeps its first place and its last value, and containers nested deeper than [`MAX_DEPTH`] are
//! checked but kept empty: no reader looks that deep, and a hostile document of a million nested brackets
//! costs neither stack nor memory.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::core::jsonscan;
use crate::core::model::FeedError;
use crate::core::tree::{Json, Kind, Node, Number, ENTRIES};

/// Containers deeper than this are kept empty (readers look at most ten levels down).
pub const MAX_DEPTH: u32 = 32;

/// The parser of native builds.
pub struct NativeJson;

impl Json for NativeJson {
    type Doc = Value;
    type Node<'d> = &'d Value;

    fn read(text: &[u8]) -> Result<(Value, bool), FeedError> {
        let text = String::from_utf8_lossy(text);
        let text = lone_surrogates_replaced(&text);
        let mut de = serde_json::Deserializer::from_str(&text);
        let capped = Capped { depth: MAX_DEPTH };
        match capped.deserialize(&mut de) {
            Ok(root) => Ok((root, de.end().is_err())),
            // The syntax check reports what serde_json does (and what the browser reports), also below
            // `MAX_DEPTH`, where serde_json's checking without building words some errors differently.
            Err(e) => Err(match jsonscan::check(text.as_bytes()) {
                Err(syntax) => syntax.feed_error(text.as_bytes()),
                // Valid syntax serde_json refuses: a number beyond the double range.
                Ok(_) => json_error(&e),
            }),
        }
    }

    fn root(doc: &Value) -> &Value {
        doc
    }
}

/// `text` with every `\u` escape of a lone UTF-16 surrogate turned into `\ufffd`, as a string of
/// `JSON.parse` reads once it reaches Rust (serde_json refuses them). Same length, so error positions stay.
fn lone_surrogates_replaced(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    // A `\u` escape at `i` (its backslash) of a surrogate: `Some(true)` for a high (leading) one.
    let surrogate = |i: usize| -> Option<bool> {
        let hex = b.get(i + 2..i + 6)?;
        if b.get(i + 1) != Some(&b'u') || !hex.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        match (
            hex.first()?.to_ascii_lowercase(),
            hex.get(1)?.to_ascii_lowercase(),
        ) {
            (b'd', b'8'..=b'9' | b'a'..=b'b') => Some(true),
            (b'd', b'c'..=b'f') => Some(false),
            _ => None,
        }
    };
    let mut lone = Vec::new();
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'\\')) {
        i += off;
        match surrogate(i) {
            Some(true) if surrogate(i + 6) == Some(false) => i += 12,
            Some(_) => {
                lone.push(i + 2);
                i += 6;
            }
            // Any other escape: the backslash and the character it escapes.
            None => i += 2,
        }
    }
    if lone.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = b.to_vec();
    for at in lone {
        if let Some(hex) = out.get_mut(at..at + 4) {
            hex.copy_from_slice(b"fffd");
        }
    }
    // Only ASCII hex digits were replaced by ASCII hex digits.
    Cow::Owned(String::from_utf8(out).unwrap_or_default())
}

/// A serde_json error as [`FeedError::Json`], the message without the position suffix it also carries.
fn json_error(e: &serde_json::Error) -> FeedError {
    let mut message = e.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    FeedError::Json {
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Reads any JSON value into a [`Value`], keeping containers below `depth` more levels empty.
#[derive(Clone, Copy)]
struct Capped {
    depth: u32,
}

impl<'de> DeserializeSeed<'de> for Capped {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Capped {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        match self.depth.checked_sub(1) {
            // IgnoredAny is checked without recursion.
            None => while seq.next_element::<IgnoredAny>()?.is_some() {},
            Some(depth) => {
                while let Some(v) = seq.next_element_seed(Capped { depth })? {
                    out.push(v);
                }
            }
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        match self.depth.checked_sub(1) {
            None => while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {},
            Some(depth) => {
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value_seed(Capped { depth })?;
                    out.insert(key, value);
                }
            }
        }
        Ok(Value::Object(out))
    }
}

impl<'a> Node for &'a Value {
    fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }

    fn field(&self, name: &'static str) -> Option<&'a Value> {
        match self {
            Value::Object(map) => map.get(name),
            _ => None,
        }
    }

    fn len(&self) -> usize {
        match self {
            Value::Array(items) => items.len(),
            _ => 0,
        }
    }

    fn at(&self, index: usize) -> Option<&'a Value> {
        match self {
            Value::Array(items) => items.get(index),
            _ => None,
        }
    }

    fn entries(&self) -> Vec<(String, &'a Value)> {
        match self {
            Value::Object(map) => map.iter().take(ENTRIES).map(|(k, v)| (k.clone(), v)).collect(),
            _ => Vec::new(),
        }
    }

    fn as_str(&self) -> Option<Cow<'_, str>> {
        match self {
            Value::String(s) => Some(Cow::Borrowed(s)),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<Number> {
        let Value::Number(n) = self else { return None };
        if let Some(u) = n.as_u64() {
            Some(Number::U64(u))
        } else if let Some(i) = n.as_i64() {
            Some(Number::I64(i))
        } else {
            n.as_f64().map(Number::F64)
        }
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}
