//! The one read interface the JSON formats (JSON Feed, WordPress REST, saved snapshots) are read through, so
//! that the same reading rules run over whichever JSON parser the build has.
//!
//! Two implementations: the body's own bytes read in place (`bytes_json`: the modules, the relay, every
//! entry point), and a `serde_json::Value` tree (`native_json`), native only, that the tests compare the
//! first one with. A [`Node`] is one JSON value; readers only ever go down a fixed number of levels from the root,
//! so reading is bounded whatever the document's depth.
//!
//! [`Json`] is the parser side: one value from bytes, whether anything but whitespace follows it, and, for
//! invalid JSON, the [`FeedError::Json`] with the position of the first error (`jsonscan` locates it for
//! parsers that give none).

use std::borrow::Cow;

use crate::core::model::FeedError;
use crate::core::text::{push_i64, push_u64};

/// The type of a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// A JSON number as the parser kept it: exactly when it was an integer the parser could hold, else as a
/// double.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    U64(u64),
    I64(i64),
    F64(f64),
}

/// Whole doubles below this in magnitude (2^53) are exactly the integer the document wrote; above it, a
/// double may be a neighbour of it.
const EXACT_F64: f64 = 9_007_199_254_740_992.0;

impl Number {
    /// The number as a whole `i64`: an integer the parser kept, or a double with no fraction below 2^53 in
    /// magnitude (a double above that may not be the integer the feed wrote).
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::U64(n) => i64::try_from(n).ok(),
            Number::I64(n) => Some(n),
            Number::F64(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < EXACT_F64 => Some(v as i64),
            Number::F64(_) => None,
        }
    }

    /// The number as a whole non-negative `u64`, by the same rule as [`Number::as_i64`].
    pub fn as_u64(self) -> Option<u64> {
        match self {
            Number::U64(n) => Some(n),
            other => other.as_i64().and_then(|n| u64::try_from(n).ok()),
        }
    }

    /// The number as a double.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::U64(n) => n as f64,
            Number::I64(n) => n as f64,
            Number::F64(v) => v,
        }
    }
}

/// At most this many keys of an object are listed by [`Node::entries`] (the first ones in document order):
/// readers list an object only for a few named fields or image sizes, and a hostile body of millions of
/// keys must not cost memory per key.
pub const ENTRIES: usize = 1024;

/// One JSON value, read-only. Every accessor answers "missing" (`None`, empty) for a value of another type,
/// so readers stay lenient without checking types first.
pub trait Node: Sized {
    /// The value's type.
    fn kind(&self) -> Kind;

    /// The value of `name` in an object (the last one when the document repeats the key, as `JSON.parse`
    /// does); `None` for a missing key and for anything but an object. Names are the readers' own literals,
    /// so an implementation may keep a handle per name.
    fn field(&self, name: &'static str) -> Option<Self>;

    /// The number of elements of an array; 0 for anything else.
    fn len(&self) -> usize;

    /// Element `index` of an array.
    fn at(&self, index: usize) -> Option<Self>;

    /// The keys and values of an object in document order (a repeated key where it first appeared, with
    /// its last value), the first [`ENTRIES`] keys only; empty for anything else.
    fn entries(&self) -> Vec<(String, Self)>;

    /// The text of a string.
    fn as_str(&self) -> Option<Cow<'_, str>>;

    /// The value of a number.
    fn as_number(&self) -> Option<Number>;

    /// The value of a boolean.
    fn as_bool(&self) -> Option<bool>;

    /// True for an array with no element, and for anything that is not an array.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True for an object.
    fn is_object(&self) -> bool {
        self.kind() == Kind::Object
    }

    /// True for an array.
    fn is_array(&self) -> bool {
        self.kind() == Kind::Array
    }

    /// The elements of an array, in order; none for anything else.
    fn elements(&self) -> impl Iterator<Item = Self> + '_ {
        (0..self.len()).filter_map(move |i| self.at(i))
    }

    /// The text of the string `name` of an object.
    fn str_field(&self, name: &'static str) -> Option<String> {
        self.field(name)?.as_str().map(Cow::into_owned)
    }

    /// The text of a string, or a whole number as its decimal digits (ids are written either way); `None`
    /// for anything else, and for a number with a fraction or too large to be held exactly.
    fn str_or_whole(&self) -> Option<String> {
        if let Some(s) = self.as_str() {
            return Some(s.into_owned());
        }
        let n = self.as_number()?;
        let mut s = String::new();
        match n.as_u64() {
            Some(u) => push_u64(&mut s, u),
            None => push_i64(&mut s, n.as_i64()?),
        }
        Some(s)
    }
}

/// A JSON parser the readers can run on.
pub trait Json {
    /// A parsed document.
    type Doc;
    /// A value inside a parsed document.
    type Node<'d>: Node
    where
        Self: 'd;

    /// Parses the JSON value `text` starts with (after optional whitespace; invalid UTF-8 reads as U+FFFD).
    /// Returns the document and whether anything but whitespace follows the value; invalid JSON is
    /// [`FeedError::Json`] with the line and column of the first error.
    fn read(text: &[u8]) -> Result<(Self::Doc, bool), FeedError>;

    /// The value a document holds.
    fn root(doc: &Self::Doc) -> Self::Node<'_>;
}
