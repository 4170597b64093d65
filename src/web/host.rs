//! The host element: reads its configuration, gives it an open shadow root with our stylesheet, and
//! reports the block's state back to the page (`data-state` and the `news-widget:*` events).
//!
//! Host elements are kept in a registry keyed by the block handle so that reactive code only carries a
//! plain `u32` (DOM objects are not `Send`, and Leptos 0.8 signals want `Send` values).

use std::cell::RefCell;
use std::sync::Arc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, HtmlElement, ShadowRootInit, ShadowRootMode};

use super::registry::Registry;
use crate::core::config::{parse_config, BlockConfig};
use crate::core::url;

/// What a mounted block needs to know about where it lives.
// The lean module's one kind never names the current article, and its handle is kept beside the context.
#[cfg_attr(not(feature = "leptos"), allow(dead_code))]
pub struct BlockCtx {
    pub handle: HostHandle,
    pub config: Arc<BlockConfig>,
    /// Feed URLs, resolved against the page and limited to http(s).
    pub sources: Arc<Vec<String>>,
    /// The page's `<link rel="canonical">`, resolved.
    pub canonical: Option<String>,
    /// The page's own URL.
    pub page_url: Option<String>,
    /// The page's title: `og:title`, else `document.title` (the current article's last resort).
    pub page_title: Option<String>,
    /// The element inside the shadow root that the block's view renders into.
    pub container: HtmlElement,
}

/// A block's handle; also the key of its host element in the registry.
pub type HostHandle = u32;

thread_local! {
    static NEXT_HANDLE: std::cell::Cell<HostHandle> = const { std::cell::Cell::new(1) };
    static HOSTS: RefCell<Registry<HostHandle, HtmlElement>> = const { RefCell::new(Registry::new()) };
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    /// What to call when the page is hidden or shown again (refresh schedules, the relative-time clock),
    /// behind one `visibilitychange` listener.
    #[cfg(feature = "live")]
    static ON_VISIBILITY: RefCell<Vec<fn()>> = const { RefCell::new(Vec::new()) };
}

// One stylesheet for every kind the module has: a block of each kind on a page is the common case, and one
// adopted sheet is shared by all shadow roots. Each file is minified at build time (build.rs).
const WIDGET_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));
#[cfg(feature = "ticker")]
const TICKER_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/ticker.css"));
#[cfg(feature = "live")]
const LIVE_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/live.css"));
#[cfg(feature = "gallery")]
const GALLERY_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/gallery.css"));
#[cfg(feature = "links")]
const LINKS_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/links.css"));
#[cfg(feature = "feedback")]
const FEEDBACK_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/feedback.css"));

/// The rules of every kind this module has.
fn widget_css() -> String {
    #[allow(unused_mut)]
    let mut css = WIDGET_CSS.to_owned();
    #[cfg(feature = "ticker")]
    css.push_str(TICKER_CSS);
    #[cfg(feature = "live")]
    css.push_str(LIVE_CSS);
    #[cfg(feature = "gallery")]
    css.push_str(GALLERY_CSS);
    #[cfg(feature = "links")]
    css.push_str(LINKS_CSS);
    #[cfg(feature = "feedback")]
    css.push_str(FEEDBACK_CSS);
    css
}

/// Reads the host's attributes, attaches (or reuses) its shadow root and registers it.
/// Returns `None` only when the browser refuses a shadow root (the reason goes to the console).
pub fn prepare(handle: HostHandle, host: HtmlElement) -> Option<BlockCtx> {
    let tag = host.tag_name();
    if ["html", "head", "body"]
        .iter()
        .any(|t| tag.eq_ignore_ascii_case(t))
    {
        error("a block never takes over <html>, <head> or <body>; put it on its own element");
        return None;
    }
    let is_div_form = !tag.eq_ignore_ascii_case("news-widget");
    let get = |name: &str| -> Option<String> {
        if is_div_form {
            if name == "kind" {
                host.get_attribute("data-news-widget")
            } else {
                host.get_attribute(&["data-", name].concat())
            }
        } else {
            host.get_attribute(name)
        }
    };
    let (config, warnings) = parse_config(&get);
    for w in &warnings {
        warn(w);
    }

    let document = web_sys::window().and_then(|w| w.document());
    let base = document.as_ref().and_then(|d| d.base_uri().ok().flatten());
    let page_url = document.as_ref().and_then(|d| d.url().ok());
    let allowed = allowed_origins(document.as_ref());
    let mut sources = Vec::with_capacity(config.src.len());
    for raw in &config.src {
        match url::resolve(base.as_deref(), raw) {
            Some(u) if !is_allowed(allowed.as_deref(), &u) => warn(
                &[
                    "ignoring src \"",
                    raw,
                    "\": its origin is not in the page's <meta name=\"news-widget-sources\">",
                ]
                .concat(),
            ),
            Some(u) if !sources.contains(&u) => sources.push(u),
            Some(_) => {}
            None => warn(&["ignoring src \"", raw, "\": not an http(s) URL"].concat()),
        }
    }
    let canonical = document
        .as_ref()
        .and_then(|d| d.query_selector("link[rel~=\"canonical\"][href]").ok().flatten())
        .and_then(|l| l.get_attribute("href"))
        .and_then(|href| url::resolve(base.as_deref(), &href));

    let page_title = document
        .as_ref()
        .and_then(|d| {
            d.query_selector("meta[property=\"og:title\"][content]")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .or_else(|| document.as_ref().map(web_sys::Document::title))
        .filter(|t| !t.trim().is_empty());

    let shadow = match host.shadow_root() {
        // Ours from an earlier mount (an attribute changed): only our empty mount points are left.
        Some(s) if is_ours(&s) => {
            s.set_text_content(None);
            s
        }
        Some(_) => {
            error("this element already has a shadow root of another script; not rendering into it");
            return None;
        }
        None => match host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)) {
            Ok(s) => s,
            Err(e) => {
                error_js("cannot attach a shadow root to this element", &e);
                return None;
            }
        },
    };
    if let Some(sheet) = stylesheet() {
        shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    }
    let create = |tag: &str, class: &str| {
        let el = document.as_ref()?.create_element(tag).ok()?;
        let _ = el.set_attribute("class", class);
        el.dyn_into::<HtmlElement>().ok()
    };
    let container = create("div", "nw-host")?;
    // The portal's own markup inside the host (a server-rendered list of links) stays on screen through a
    // slot, over the placeholder, until the block shows items (style/widget.css, "Fallback").
    let top = match host.child_element_count() {
        0 => container.clone(),
        _ => {
            let stack = create("div", NW_STACK)?;
            let slot = create("slot", "nw-fallback")?;
            let _ = stack.append_child(&slot);
            let _ = stack.append_child(&container);
            stack
        }
    };
    if let Err(e) = shadow.append_child(&top) {
        error_js("cannot render into the shadow root", &e);
        return None;
    }

    HOSTS.with(|h| h.borrow_mut().insert(handle, host));
    Some(BlockCtx {
        handle,
        config: Arc::new(config),
        sources: Arc::new(sources),
        canonical,
        page_url,
        page_title,
        container,
    })
}

/// The wrapper of the mount point and the fallback's slot, when the host has a fallback.
const NW_STACK: &str = "nw-stack";

/// A shadow root we made holds nothing but our `.nw-host` mount points (or their `.nw-stack` wrappers).
fn is_ours(root: &web_sys::ShadowRoot) -> bool {
    let children = root.children();
    (0..children.length()).all(|i| {
        children
            .item(i)
            .is_some_and(|c| ["nw-host", NW_STACK].contains(&c.class_name().as_str()))
    }) && children.length() == root.child_nodes().length()
}

/// A new block's handle: never 0, which the exports return when nothing was mounted.
pub fn next_handle() -> HostHandle {
    NEXT_HANDLE.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    })
}

/// Forgets the host of a block that was unmounted.
pub fn release(handle: HostHandle) {
    HOSTS.with(|h| h.borrow_mut().remove(&handle));
}

/// One constructed stylesheet shared by every block: adopted sheets pass a strict `style-src` CSP,
/// where an inline `<style>` would not.
fn stylesheet() -> Option<CssStyleSheet> {
    SHEET.with(|s| {
        if let Some(sheet) = s.borrow().as_ref() {
            return Some(sheet.clone());
        }
        let sheet = CssStyleSheet::new().ok()?;
        if let Err(e) = sheet.replace_sync(&widget_css()) {
            error_js("stylesheet rejected", &e);
        }
        *s.borrow_mut() = Some(sheet.clone());
        Some(sheet)
    })
}

/// The block's lifecycle state, mirrored on the host as `data-state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Loading,
    Ready,
    Empty,
    Error,
}

impl State {
    fn as_str(self) -> &'static str {
        match self {
            State::Loading => "loading",
            State::Ready => "ready",
            State::Empty => "empty",
            State::Error => "error",
        }
    }
}

/// Sets `data-state` on the host and, for settled states, fires the matching event.
/// `detail` pairs become the event's `detail` object (plus `state`).
pub fn set_state(handle: HostHandle, state: State, detail: &[(&str, JsValue)]) {
    let Some(host) = HOSTS.with(|h| h.borrow().get(&handle).cloned()) else {
        return;
    };
    let _ = host.set_attribute("data-state", state.as_str());
    let event_name = match state {
        State::Loading => return,
        State::Error => "news-widget:error",
        State::Ready | State::Empty => "news-widget:ready",
    };
    let obj = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &obj,
        &JsValue::from_str("state"),
        &JsValue::from_str(state.as_str()),
    );
    for (k, v) in detail {
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), v);
    }
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&obj);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(event_name, &init) {
        let _ = host.dispatch_event(&ev);
    }
}

/// The feed origins the page allows blocks to read from (`<meta name="news-widget-sources" content="…">`,
/// origins separated by spaces), so that markup slipped into user content cannot point a block anywhere;
/// `None` when the page sets no list.
fn allowed_origins(document: Option<&web_sys::Document>) -> Option<Vec<String>> {
    let meta = document?
        .query_selector("meta[name=\"news-widget-sources\"]")
        .ok()
        .flatten()?;
    let content = meta.get_attribute("content").unwrap_or_default();
    Some(content.split_whitespace().filter_map(url::origin).collect())
}

fn is_allowed(allowed: Option<&[String]>, feed_url: &str) -> bool {
    allowed.is_none_or(|list| url::origin(feed_url).is_some_and(|o| list.contains(&o)))
}

/// How many reports [`soon`] runs in microtasks before a task has run in between. A page that remounts a
/// block on every event would otherwise chain render → report → remount in microtasks without end; past
/// this many the reports wait for a later task, where the page stays responsive.
const SOON_LIMIT: u32 = 16;

thread_local! {
    static SOON_RUN: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Runs `f` once the current render is in the DOM: in a microtask, so `data-state` and the events follow
/// the content in the same task, before the browser paints (a listener that counts items sees them, and
/// none can unmount a block in the middle of its render). Bounded by [`SOON_LIMIT`]; beyond it, [`later`].
pub fn soon(f: impl FnOnce() + 'static) {
    soon_boxed(Box::new(f));
}

// One instance of the scheduling code for every caller's closure.
fn soon_boxed(f: Box<dyn FnOnce()>) {
    let run = SOON_RUN.get();
    if run >= SOON_LIMIT {
        return later_boxed(f);
    }
    if run == 0 {
        later_boxed(Box::new(|| SOON_RUN.set(0)));
    }
    SOON_RUN.set(run + 1);
    wasm_bindgen_futures::spawn_local(async move { f() });
}

/// Runs `f` in a later task: for what may wait for the paint, and for [`soon`]'s overflow. A block
/// unmounted meanwhile is ignored by `set_state`.
pub fn later(f: impl FnOnce() + 'static) {
    later_boxed(Box::new(f));
}

fn later_boxed(f: Box<dyn FnOnce()>) {
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 0);
    }
}

/// Asks the loader to mount this block in the full module (`news-widget:needs-full` on the host): this
/// module lacks its kind or the format of one of its feeds.
pub fn hand_over(handle: HostHandle) {
    let Some(host) = HOSTS.with(|h| h.borrow().get(&handle).cloned()) else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("news-widget:needs-full", &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// The first element matching `selector` inside the block's shadow root.
pub fn find(handle: HostHandle, selector: &str) -> Option<web_sys::Element> {
    HOSTS
        .with(|h| h.borrow().get(&handle).cloned())
        .and_then(|host| host.shadow_root())
        .and_then(|root| root.query_selector(selector).ok().flatten())
}

/// Focuses the first element matching `selector` inside the block's shadow root.
#[cfg_attr(not(any(feature = "others", feature = "feedback")), allow(dead_code))]
pub fn focus_in(handle: HostHandle, selector: &str) {
    if let Some(el) = find(handle, selector).and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

#[cfg(feature = "live")]
/// The host element of a mounted block.
pub fn element(handle: HostHandle) -> Option<HtmlElement> {
    HOSTS.with(|h| h.borrow().get(&handle).cloned())
}

#[cfg(feature = "live")]
/// Whether the keyboard focus is inside the block (a link of its list, its open lightbox, its drop-down).
pub fn has_focus(handle: HostHandle) -> bool {
    element(handle)
        .and_then(|host| host.shadow_root())
        .and_then(|root| root.active_element())
        .is_some()
}

#[cfg(feature = "live")]
/// Focuses the title link of the entry whose `data-item-id` is `id` (compared as text, so that no feed id
/// is ever read as a selector).
pub fn focus_item(handle: HostHandle, id: &str) {
    let Some(root) = element(handle).and_then(|host| host.shadow_root()) else {
        return;
    };
    let Ok(entries) = root.query_selector_all("[data-item-id]") else {
        return;
    };
    let found = (0..entries.length())
        .filter_map(|i| entries.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|e| e.get_attribute("data-item-id").as_deref() == Some(id));
    let target = found
        .and_then(|e| e.query_selector(".nw-title").ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(el) = target {
        let _ = el.focus();
    }
}

#[cfg(feature = "live")]
/// Whether the page is hidden (a background tab, a minimised window): `document.visibilityState`.
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| js_sys::Reflect::get(&d, &JsValue::from_str("visibilityState")).ok())
        .is_some_and(|v| v.as_string().as_deref() == Some("hidden"))
}

#[cfg(feature = "live")]
/// Calls `f` whenever the page is hidden or shown again (read [`page_hidden`] in it).
pub fn on_page_visibility(f: fn()) {
    let first = ON_VISIBILITY.with(|v| {
        let mut v = v.borrow_mut();
        v.push(f);
        v.len() == 1
    });
    if !first {
        return;
    }
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
        let all = ON_VISIBILITY.with(|v| v.borrow().clone());
        for f in all {
            f();
        }
    });
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        let _ = d.add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
    }
    // Listens for as long as the page lives.
    listener.forget();
}

/// A JS array of strings, for event details.
pub fn js_strings<'a>(items: impl IntoIterator<Item = &'a str>) -> JsValue {
    let arr = js_sys::Array::new();
    for s in items {
        arr.push(&JsValue::from_str(s));
    }
    arr.into()
}

/// Every console line of the widget starts with this, once, so webmasters can filter for it.
const PREFIX: &str = "news-widget: ";

pub fn warn(msg: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&[PREFIX, msg].concat()));
}

pub fn error(msg: &str) {
    web_sys::console::error_1(&JsValue::from_str(&[PREFIX, msg].concat()));
}

pub fn error_js(msg: &str, e: &JsValue) {
    web_sys::console::error_2(&JsValue::from_str(&[PREFIX, msg].concat()), e);
}
