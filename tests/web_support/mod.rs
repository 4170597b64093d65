//! Helpers shared by the browser tests (`tests/web_*.rs`): host elements, waiting for a settled
//! `data-state` (bounded, polling every 10 ms) and queries inside a block's shadow root.
#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

pub fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("document")
}

/// A `tag` element with `attrs`, appended to the body.
pub fn host(tag: &str, attrs: &[(&str, &str)]) -> HtmlElement {
    let el = document().create_element(tag).expect("element");
    for (k, v) in attrs {
        el.set_attribute(k, v).expect("attribute");
    }
    document()
        .body()
        .expect("body")
        .append_child(&el)
        .expect("append");
    el.dyn_into().expect("html element")
}

pub async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("timeout");
    });
    wasm_bindgen_futures::JsFuture::from(p).await.expect("sleep");
}

/// Waits until the host leaves `loading` (at most 2 s) and returns its state, or "timeout".
pub async fn settled(el: &HtmlElement) -> String {
    for _ in 0..200 {
        match el.get_attribute("data-state").as_deref() {
            Some("loading") | None => sleep(10).await,
            Some(s) => return s.to_owned(),
        }
    }
    "timeout".into()
}

/// Every element matching `sel` inside the block's open shadow root.
pub fn shadow_all(el: &HtmlElement, sel: &str) -> Vec<Element> {
    let root = el.shadow_root().expect("open shadow root");
    let list = root.query_selector_all(sel).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// The text of every element matching `sel` inside the shadow root.
pub fn shadow_texts(el: &HtmlElement, sel: &str) -> Vec<String> {
    shadow_all(el, sel)
        .iter()
        .filter_map(|e| e.text_content())
        .collect()
}
