//! JSON in the browser: the body decoded by `TextDecoder`, parsed by `JSON.parse`, and the resulting
//! JavaScript value read through the core's [`Node`] interface with `Reflect`, so the WASM module carries no
//! JSON parser of its own (without serde_json the module is 16 KB brotli smaller, the glue 0.3 KB larger).
//!
//! `JSON.parse` takes exactly one value; [`jsonscan::read_exact`] gives it the value a body starts with
//! (data after it is a warning, as natively) and, when it refuses a body, finds the line and column of the
//! error. The entry points below have the signatures of the core's native ones (`parse::parse_feed`, …), so
//! the browser tests run the native test files against this implementation.

use std::borrow::Cow;
use std::cell::Cell;

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

    /// `Reflect.get` without the exception wrapper of `js_sys::Reflect::get` (much of the cost of a
    /// lookup): only ever called on an object, for which it cannot throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> JsValue;
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

/// Slots of the name cache: more than the distinct field names of all readers together.
const NAME_SLOTS: usize = 64;

thread_local! {
    /// The JavaScript string of each field name the readers ask for, made once: a fresh one per lookup
    /// would cost a `TextDecoder` call each time. Keyed by the `&'static str` itself (address and length).
    static NAMES: std::cell::RefCell<Vec<(usize, usize, JsValue)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Calls `f` with the JavaScript string of `name`.
fn with_name<T>(name: &'static str, f: impl FnOnce(&JsValue) -> T) -> T {
    let id = (name.as_ptr() as usize, name.len());
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some((_, _, key)) = names.iter().find(|(p, l, _)| (*p, *l) == id) {
            return f(key);
        }
        let key = JsValue::from_str(name);
        let out = f(&key);
        if names.len() < NAME_SLOTS {
            names.push((id.0, id.1, key));
        }
        out
    })
}

/// A value `JSON.parse` returned, and whether it is an object (arrays included) once that was asked.
///
/// Reading costs one call into JavaScript per lookup and one per string copied into the WASM memory; the
/// calls are kept cheap (no exception wrapper, field names made once), which is most of the speed.
#[derive(Clone)]
pub struct JsNode(JsValue, Cell<Option<bool>>);

impl JsNode {
    fn new(value: JsValue) -> JsNode {
        JsNode(value, Cell::new(None))
    }

    /// `typeof` is "object" and not null (arrays included), asked once per node.
    fn is_js_object(&self) -> bool {
        match self.1.get() {
            Some(known) => known,
            None => {
                let known = self.0.is_object();
                self.1.set(Some(known));
                known
            }
        }
    }

    fn array(&self) -> Option<&Array> {
        Array::is_array(&self.0).then(|| self.0.unchecked_ref::<Array>())
    }
}

impl Node for JsNode {
    fn kind(&self) -> Kind {
        let v = &self.0;
        if v.is_string() {
            Kind::String
        } else if self.is_js_object() {
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
        self.is_js_object() && !Array::is_array(&self.0)
    }

    fn is_array(&self) -> bool {
        self.array().is_some()
    }

    fn field(&self, name: &'static str) -> Option<JsNode> {
        // `JSON.parse` objects hold only data properties; the names the readers ask for are none of
        // `Object.prototype`'s (nor `length`, which arrays have). `undefined` is never a JSON value: it is a
        // missing key.
        if !self.is_js_object() {
            return None;
        }
        let v = with_name(name, |key| reflect_get(&self.0, key));
        (!v.is_undefined()).then(|| JsNode::new(v))
    }

    fn len(&self) -> usize {
        self.array().map_or(0, |a| a.length() as usize)
    }

    fn at(&self, index: usize) -> Option<JsNode> {
        let a = self.array()?;
        let index = u32::try_from(index).ok().filter(|&i| i < a.length())?;
        Some(JsNode::new(a.get(index)))
    }

    fn elements(&self) -> impl Iterator<Item = JsNode> + '_ {
        let (array, len) = match self.array() {
            Some(a) => (Some(a), a.length()),
            None => (None, 0),
        };
        (0..len).filter_map(move |i| array.map(|a| JsNode::new(a.get(i))))
    }

    fn entries(&self) -> Vec<(String, JsNode)> {
        if !self.is_object() {
            return Vec::new();
        }
        Object::keys(self.0.unchecked_ref::<Object>())
            .iter()
            .filter_map(|k| Some((k.as_string()?, JsNode::new(reflect_get(&self.0, &k)))))
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
            DECODER.with(|d| json_parse(&d.decode(t)).ok()).map(JsNode::new)
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

/// The sliced WordPress posts reader with `JSON.parse`.
#[cfg(feature = "wordpress")]
pub type ChunkedWordPress<'a> = crate::core::chunked::ChunkedPosts<'a, BrowserJson>;

/// `links::parse_link_list` with `JSON.parse`.
#[cfg(feature = "links")]
pub fn parse_link_list(body: &[u8], feed_url: Option<&str>) -> Option<Feed> {
    crate::core::links::parse_link_list_with::<BrowserJson>(body, feed_url)
}

/// `feedback_ui::decode_draft` with `JSON.parse`.
#[cfg(feature = "feedback")]
pub fn decode_draft(json: &str) -> Option<crate::core::feedback::Input> {
    crate::core::feedback_ui::decode_draft_with::<BrowserJson>(json)
}

/// `feedback_ui::field_errors` with `JSON.parse`.
#[cfg(feature = "feedback")]
pub fn field_errors(body: &[u8]) -> Vec<(crate::core::feedback::Field, String)> {
    crate::core::feedback_ui::field_errors_with::<BrowserJson>(body)
}

/// `feedback_ui::parse_published` with `JSON.parse`.
#[cfg(feature = "feedback")]
pub fn parse_published(body: &[u8]) -> Vec<crate::core::feedback_ui::Published> {
    crate::core::feedback_ui::parse_published_with::<BrowserJson>(body)
}
