//! The ticker (`layout="ticker"` of the list kinds): the kind's own list, one story at a time on one line,
//! the next one every [`TICK_MS`], and a pause / play button after it.
//!
//! The line never takes the focus and is not a live region, so advancing neither moves the reader nor
//! speaks. It holds still while the pointer is over the story or the focus is on it, does not start by
//! itself when the reader asked for reduced motion (the button still starts it), and its timer only exists
//! while the page is visible and the ticker playing. The render that drew the list owns the ticker: when it
//! is cleaned up (the block unmounted, or drawn again), the timer, the listener and the button go.
//!
//! Plain DOM calls rather than a component, signals and effects: the state is three numbers, and a view
//! type of its own would cost the lean module kilobytes.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::host::{self, HostHandle};
use super::kind_view::KindCtx;
use crate::core::config::Layout;
use crate::core::i18n::labels;

/// Time each story stays on the line.
const TICK_MS: u32 = 5_000;
const LIST: &str = ".nw-list";
const BUTTON: &str = ".nw-tick-btn";

/// The story shown (counting up, taken modulo the stories there are), the interval while one runs, and
/// whether the ticker is stopped (by the reader, or from the start under reduced motion).
#[derive(Clone, Copy)]
struct State {
    at: u32,
    timer: Option<f64>,
    paused: bool,
}

/// The kind's list, made a ticker when the block's layout is `ticker`.
pub fn wrap(k: &KindCtx, list: AnyView) -> AnyView {
    if k.config.layout == Layout::Ticker {
        start(
            k.handle,
            labels(k.config.lang).ticker.pause,
            labels(k.config.lang).ticker.play,
        );
    }
    list
}

fn start(handle: HostHandle, pause: &'static str, play: &'static str) {
    let state = StoredValue::new(State {
        at: 0,
        timer: None,
        paused: reduced_motion(),
    });
    let tick = move || {
        let Some(list) = host::find(handle, LIST) else {
            return;
        };
        // A reader pointing at the story or focused on it is reading it. The button does not hold the
        // line: the focus stays there after "play".
        let items = list.children();
        if list.matches(":hover, :focus-within").unwrap_or(true) || items.length() < 2 {
            return;
        }
        let Some(at) = state.try_update_value(|s| {
            s.at = s.at.wrapping_add(1);
            s.at
        }) else {
            return;
        };
        for n in 0..items.length() {
            if let Some(item) = items.item(n) {
                let _ = item.toggle_attribute_with_force("hidden", n != at % items.length());
            }
        }
        // From now on the items' own `hidden` decides (the CSS shows the first one until then).
        let _ = list.set_attribute("data-started", "");
    };
    // Runs the timer while the ticker plays on a visible page, and only then.
    let arm = move || {
        let Some(s) = state.try_get_value() else {
            return;
        };
        match (!s.paused && !page_hidden(), s.timer) {
            (true, None) => {
                let f = Closure::<dyn FnMut()>::new(tick).into_js_value();
                let id = timers("setInterval", &f, &JsValue::from(TICK_MS)).as_f64();
                state.update_value(|s| s.timer = id);
            }
            (false, Some(id)) => {
                timers("clearInterval", &JsValue::from(id), &JsValue::UNDEFINED);
                state.update_value(|s| s.timer = None);
            }
            _ => {}
        }
    };
    let toggle = move || {
        let Some(paused) = state.try_update_value(|s| {
            s.paused = !s.paused;
            s.paused
        }) else {
            return;
        };
        if let Some(b) = host::find(handle, BUTTON) {
            label(&b, paused, pause, play);
        }
        arm();
    };
    arm();
    let on_visibility = window_event_listener_untyped("visibilitychange", move |_| arm());
    // The list is in the shadow root once the render that called us is mounted.
    host::later(move || {
        let (Some(s), Some(list)) = (state.try_get_value(), host::find(handle, LIST)) else {
            return;
        };
        let Some(b) = list
            .owner_document()
            .and_then(|d| d.create_element("button").ok())
        else {
            return;
        };
        for (name, value) in [
            ("type", "button"),
            ("class", "nw-btn nw-tick-btn"),
            ("part", "button pause"),
        ] {
            let _ = b.set_attribute(name, value);
        }
        label(&b, s.paused, pause, play);
        let click = Closure::<dyn FnMut()>::new(toggle).into_js_value();
        let _ = b.add_event_listener_with_callback("click", click.unchecked_ref());
        let _ = list.after_with_node_1(&b);
    });
    on_cleanup(move || {
        on_visibility.remove();
        if let Some(id) = state.try_get_value().and_then(|s| s.timer) {
            timers("clearInterval", &JsValue::from(id), &JsValue::UNDEFINED);
        }
        if let Some(b) = host::find(handle, BUTTON) {
            b.remove();
        }
    });
}

/// The button names what it does next: pause while playing, play while paused.
fn label(button: &web_sys::Element, paused: bool, pause: &str, play: &str) {
    let _ = button.set_attribute("aria-label", if paused { play } else { pause });
    let _ = button.toggle_attribute_with_force("data-paused", paused);
}

/// Calls the window's `setInterval` or `clearInterval` as the page has it. The interval's id stays the
/// number it returned: web-sys narrows it to an `i32`, and a page's own timers (a wrapper, a fake clock)
/// may hand out larger ones.
fn timers(name: &str, a: &JsValue, b: &JsValue) -> JsValue {
    web_sys::window()
        .and_then(|w| {
            let f = js_sys::Reflect::get(&w, &JsValue::from_str(name)).ok()?;
            f.dyn_ref::<js_sys::Function>()?.call2(&w, a, b).ok()
        })
        .unwrap_or(JsValue::UNDEFINED)
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}
