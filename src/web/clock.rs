//! The clock of relative times (`time="relative"`): one `now` signal (Unix seconds) for the whole module,
//! moved by one timer on each minute, however many times are shown. Each `<time>` text reads it in a closure
//! of its own, so a tick rewrites text nodes and nothing else. The timer stops while the page is hidden;
//! when the page is shown again, `now` catches up at once and the timer is set for the next minute.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::core::model::Timestamp;

thread_local! {
    static NOW: RefCell<Option<ArcRwSignal<Timestamp>>> = const { RefCell::new(None) };
    static TIMER: Cell<Option<i32>> = const { Cell::new(None) };
}

/// A few milliseconds past the minute, so a timer that fires early still lands in the new minute.
const PAST_THE_MINUTE_MS: f64 = 20.0;

/// The current time in seconds, ticking each minute; the clock starts with its first reader.
pub fn now() -> ArcRwSignal<Timestamp> {
    if let Some(now) = NOW.with(|n| n.borrow().clone()) {
        return now;
    }
    let now = ArcRwSignal::new(seconds());
    NOW.with(|n| *n.borrow_mut() = Some(now.clone()));
    super::host::on_page_visibility(on_visibility);
    arm();
    now
}

fn seconds() -> Timestamp {
    (js_sys::Date::now() / 1000.0).floor() as Timestamp
}

fn arm() {
    let ms = 60_000.0 - js_sys::Date::now().rem_euclid(60_000.0) + PAST_THE_MINUTE_MS;
    let cb = Closure::once_into_js(tick);
    let timer = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms as i32)
            .ok()
    });
    TIMER.with(|t| t.set(timer));
}

fn tick() {
    TIMER.with(|t| t.set(None));
    set_now();
    if !super::host::page_hidden() {
        arm();
    }
}

fn set_now() {
    if let Some(now) = NOW.with(|n| n.borrow().clone()) {
        let s = seconds();
        // Untouched within a minute: no text is rewritten for nothing.
        if now.get_untracked() / 60 != s / 60 {
            now.set(s);
        }
    }
}

fn on_visibility() {
    let timer = TIMER.with(Cell::take);
    if let (Some(id), Some(w)) = (timer, web_sys::window()) {
        w.clear_timeout_with_handle(id);
    }
    if !super::host::page_hidden() {
        set_now();
        arm();
    }
}
