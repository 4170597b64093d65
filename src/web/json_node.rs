//! JSON in the browser: the body decoded by `TextDecoder`, parsed by `JSON.parse`, and the resulting
//! JavaScript value read through the core's [`Node`] interface with `Reflect`, so the WASM module carries no
//! JSON parser of its own (serde_json costs about 17 KB of compressed module; this, about 1 KB).
//!
//! `JSON.parse` takes exactly one value; [`jsonscan::read_exact`] gives it the value a body starts with
//! (data after it is a warning, as natively) and, when it refuses a body, finds the line and column of the
//! error. The entry points below have the signatures of the core's native ones (`parse::parse_feed`, …), so
//! the browser tests run the native test files against this implementation.

use std::borrow::Cow;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::chunked::ChunkedFeed;
use crate::core::jsonscan;
use crate::core::model::{Feed, FeedError, FeedFormat};
use crate::core::tree::{Json, Kind, Node, Number};
use crate::core::{jsonfeed, parse, snapshot, wordpress};

#[wasm_bindgen]
extern "C" {
    type TextDecoder;

    #[wasm_bindgen(constructor)]
    fn new(label: &str, options: &JsValue) -> TextDecoder;

    /// The bytes as a JavaScript string, read from the WASM memory in place.
    #[wasm_bindgen(method)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> JsValue;

    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// UTF-8, invalid bytes as U+FFFD; a byte-order mark is kept (the readers strip one, as natively, and
    /// `JSON.parse` then refuses a second one as serde_json does).
    static DECODER: TextDecoder = {
        let options = Object::new();
        let _ = Reflect::set(&options, &JsValue::from_str("ignoreBOM"), &JsValue::TRUE);
        TextDecoder::new("utf-8", &options)
    };
}

/// A value `JSON.parse` returned.
#[derive(Clone)]
pub struct JsNode(JsValue);

impl JsNode {
    fn array(&self) -> Option<&Array> {
        Array::is_array(&self.0).then(|| self.0.unchecked_ref::<Array>())
    }
}

impl Node for JsNode {
    fn kind(&self) -> Kind {
        let v = &self.0;
        if v.is_string() {
            Kind::String
        } else if v.is_object() {
            if Array::is_array(v) {
                Kind::Array
            } else {
                Kind::Object
            }
        } else if v.as_f64().is_some() {
            Kind::Number
        } else if v.as_bool().is_some() {
            Kind::Bool
        } else {
            Kind::Null
        }
    }

    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }

    fn is_array(&self) -> bool {
        Array::is_array(&self.0)
    }

    fn field(&self, name: &str) -> Option<JsNode> {
        // `JSON.parse` objects hold only data properties; the names the readers ask for are none of
        // `Object.prototype`'s. `undefined` is never a JSON value: it is a missing key.
        if !self.0.is_object() {
            return None;
        }
        let v = Reflect::get(&self.0, &JsValue::from_str(name)).ok()?;
        (!v.is_undefined()).then_some(JsNode(v))
    }

    fn len(&self) -> usize {
        self.array().map_or(0, |a| a.length() as usize)
    }

    fn at(&self, index: usize) -> Option<JsNode> {
        let a = self.array()?;
        let index = u32::try_from(index).ok().filter(|&i| i < a.length())?;
        Some(JsNode(a.get(index)))
    }

    fn elements(&self) -> impl Iterator<Item = JsNode> + '_ {
        let (array, len) = match self.array() {
            Some(a) => (Some(a), a.length()),
            None => (None, 0),
        };
        (0..len).filter_map(move |i| array.map(|a| JsNode(a.get(i))))
    }

    fn keys(&self) -> Vec<String> {
        if !self.is_object() {
            return Vec::new();
        }
        Object::keys(self.0.unchecked_ref::<Object>())
            .iter()
            .filter_map(|k| k.as_string())
            .collect()
    }

    fn as_str(&self) -> Option<Cow<'_, str>> {
        self.0.as_string().map(Cow::Owned)
    }

    fn as_number(&self) -> Option<Number> {
        self.0.as_f64().map(Number::F64)
    }

    fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }
}

/// The browser's JSON parser.
pub struct BrowserJson;

impl Json for BrowserJson {
    type Doc = JsNode;
    type Node<'d> = JsNode;

    fn read(text: &[u8]) -> Result<(JsNode, bool), FeedError> {
        jsonscan::read_exact(text, |t| {
            DECODER.with(|d| json_parse(&d.decode(t)).ok()).map(JsNode)
        })
    }

    fn root(doc: &JsNode) -> JsNode {
        doc.clone()
    }
}

/// `parse::parse_feed` with `JSON.parse`: what every fetched body goes through.
pub fn parse_feed(
    body: &[u8],
    feed_url: Option<&str>,
    forced: Option<FeedFormat>,
) -> Result<Feed, FeedError> {
    parse::parse_feed_with::<BrowserJson>(body, feed_url, forced)
}

/// `jsonfeed::parse_json_feed` with `JSON.parse`.
pub fn parse_json_feed(body: &[u8], feed_url: Option<&str>) -> Result<Feed, FeedError> {
    jsonfeed::parse_json_feed_with::<BrowserJson>(body, feed_url)
}

/// `wordpress::parse_wordpress` with `JSON.parse`.
pub fn parse_wordpress(body: &[u8], feed_url: Option<&str>) -> Result<Feed, FeedError> {
    wordpress::parse_wordpress_with::<BrowserJson>(body, feed_url)
}

/// `snapshot::decode` with `JSON.parse`.
pub fn decode_snapshot(json: &str) -> Option<(Feed, f64)> {
    snapshot::decode_with::<BrowserJson>(json)
}

/// The sliced JSON Feed reader with `JSON.parse` (one parse per slice of items).
pub type ChunkedJsonFeed<'a> = ChunkedFeed<'a, BrowserJson>;
