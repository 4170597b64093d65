//! Refresh schedules of blocks with a `refresh` attribute: one per feed URL per page, shared by every block
//! reading that feed (one timer, one request, every block told).
//!
//! A schedule sleeps a jittered interval ([`live::next_delay_ms`], the shortest `refresh` of its blocks),
//! then asks for its feed again ([`fetch::refetch`]: a revalidation, and an unchanged body is not parsed)
//! and tells its blocks what came of it. It waits while the page is hidden or none of its blocks is on
//! screen (an `IntersectionObserver` on the host elements); a refresh that came due meanwhile is made once,
//! as soon as one of them can be seen again. The last block to leave a schedule stops it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::fetch::{self, LoadError};
use super::host::{self, HostHandle};
use crate::core::config::BlockConfig;
use crate::core::live;

/// What a refresh of one feed came to.
pub enum Refreshed {
    /// The feed changed: the request cache holds its new parse.
    Changed,
    /// The same body as last time (typically a `304`).
    Unchanged,
    Failed(LoadError),
}

pub type Notify = Rc<dyn Fn(&Refreshed)>;

/// A block's place in a schedule; give it back with [`leave`].
pub struct Subscription {
    key: String,
    id: u32,
}

struct Member {
    id: u32,
    handle: HostHandle,
    secs: u32,
    notify: Notify,
}

struct Schedule {
    /// The request cache's key (see `fetch::cache_key`): a block forcing a format has a schedule of its own.
    key: String,
    url: String,
    /// The request settings (timeout, format, referrer policy) of the block that started the schedule.
    config: Arc<BlockConfig>,
    members: Vec<Member>,
    timer: Option<i32>,
    /// A refresh came due while nobody could see the feed.
    due: bool,
    busy: bool,
}

thread_local! {
    /// A handful per page: a list is smaller than a map and as quick.
    static SCHEDULES: RefCell<Vec<Schedule>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// Hosts being watched, and whether each is on screen.
    static WATCHED: RefCell<Vec<(HostHandle, web_sys::Element, bool)>> = const { RefCell::new(Vec::new()) };
    static OBSERVER: RefCell<Option<web_sys::IntersectionObserver>> = const { RefCell::new(None) };
}

/// Joins the block `handle` to the schedule of `url`, refreshed at least every `secs` seconds.
pub fn join(
    url: &str,
    config: &Arc<BlockConfig>,
    handle: HostHandle,
    secs: u32,
    notify: Notify,
) -> Subscription {
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    let key = fetch::cache_key(url, config.format);
    let member = Member {
        id,
        handle,
        secs,
        notify,
    };
    let start = SCHEDULES.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(schedule) = s.iter_mut().find(|sc| sc.key == key) {
            schedule.members.push(member);
            return false;
        }
        s.push(Schedule {
            key: key.clone(),
            url: url.to_owned(),
            config: config.clone(),
            members: vec![member],
            timer: None,
            due: false,
            busy: false,
        });
        true
    });
    watch(handle);
    if start {
        arm(&key);
    }
    Subscription { key, id }
}

/// Leaves a schedule; the last block to leave stops it.
pub fn leave(sub: Subscription) {
    let (timer, handle) = SCHEDULES
        .with(|s| {
            let mut s = s.borrow_mut();
            let at = s.iter().position(|sc| sc.key == sub.key)?;
            let schedule = s.get_mut(at)?;
            let handle = schedule
                .members
                .iter()
                .position(|m| m.id == sub.id)
                .map(|i| schedule.members.remove(i).handle);
            if !schedule.members.is_empty() {
                return Some((None, handle));
            }
            Some((s.swap_remove(at).timer, handle))
        })
        .unwrap_or_default();
    if let (Some(id), Some(w)) = (timer, web_sys::window()) {
        w.clear_timeout_with_handle(id);
    }
    if let Some(h) = handle {
        unwatch_if_unused(h);
    }
}

fn find<'a>(schedules: &'a mut [Schedule], key: &str) -> Option<&'a mut Schedule> {
    schedules.iter_mut().find(|sc| sc.key == key)
}

/// Sets the timer of a schedule for its next refresh.
fn arm(key: &str) {
    let Some(secs) = SCHEDULES.with(|s| {
        find(&mut s.borrow_mut(), key).and_then(|schedule| schedule.members.iter().map(|m| m.secs).min())
    }) else {
        return;
    };
    let delay = live::next_delay_ms(secs, js_sys::Math::random());
    let fire_key = key.to_owned();
    let cb = Closure::once_into_js(move || fire(&fire_key));
    let timer = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(
            cb.unchecked_ref(),
            delay.min(i32::MAX as u32) as i32,
        )
        .ok()
    });
    SCHEDULES.with(|s| {
        if let Some(schedule) = find(&mut s.borrow_mut(), key) {
            schedule.timer = timer;
        }
    });
}

fn fire(key: &str) {
    let seen = SCHEDULES.with(|s| {
        let mut s = s.borrow_mut();
        let schedule = find(&mut s, key)?;
        schedule.timer = None;
        let seen = is_seen(schedule);
        schedule.due = !seen;
        Some(seen)
    });
    if seen == Some(true) {
        start(key);
    }
}

/// Whether someone can see the feed: the page is shown and one of the schedule's blocks is on screen.
fn is_seen(schedule: &Schedule) -> bool {
    !host::page_hidden() && schedule.members.iter().any(|m| on_screen(m.handle))
}

fn start(key: &str) {
    let request = SCHEDULES.with(|s| {
        let mut s = s.borrow_mut();
        let schedule = find(&mut s, key).filter(|sc| !sc.busy)?;
        schedule.busy = true;
        schedule.due = false;
        Some((schedule.url.clone(), schedule.config.clone()))
    });
    let Some((url, config)) = request else {
        return;
    };
    let key = key.to_owned();
    wasm_bindgen_futures::spawn_local(async move {
        let result = match fetch::refetch(&url, &config).await {
            Ok(true) => Refreshed::Changed,
            Ok(false) => Refreshed::Unchanged,
            Err(e) => Refreshed::Failed(e),
        };
        // The blocks are told outside the borrow: they may load, draw, or leave the schedule.
        let told: Vec<Notify> = SCHEDULES.with(|s| {
            let mut s = s.borrow_mut();
            let Some(schedule) = find(&mut s, &key) else {
                return Vec::new();
            };
            schedule.busy = false;
            schedule.members.iter().map(|m| m.notify.clone()).collect()
        });
        for notify in &told {
            notify(&result);
        }
        let rearm = SCHEDULES
            .with(|s| find(&mut s.borrow_mut(), &key).is_some_and(|sc| sc.timer.is_none() && !sc.busy));
        if rearm {
            arm(&key);
        }
    });
}

/// The page was shown or a block came on screen: every schedule that came due meanwhile refreshes now.
fn wake() {
    let due: Vec<String> = SCHEDULES.with(|s| {
        s.borrow()
            .iter()
            .filter(|sc| sc.due && !sc.busy && is_seen(sc))
            .map(|sc| sc.key.clone())
            .collect()
    });
    for key in due {
        start(&key);
    }
}

fn on_screen(handle: HostHandle) -> bool {
    WATCHED.with(|w| w.borrow().iter().any(|(h, _, seen)| *h == handle && *seen))
}

/// Starts watching whether the host of `handle` is on screen (once per block, whatever its sources).
fn watch(handle: HostHandle) {
    if WATCHED.with(|w| w.borrow().iter().any(|(h, ..)| *h == handle)) {
        return;
    }
    let Some(el) = host::element(handle) else {
        return;
    };
    let el: web_sys::Element = el.into();
    let observer = observer();
    // Off screen until the observer's first report (at once, on `observe`), so that a block that is on
    // screen wakes a schedule that came due while nobody saw it. Without an observer, always on screen.
    WATCHED.with(|w| w.borrow_mut().push((handle, el.clone(), observer.is_none())));
    if let Some(observer) = observer {
        observer.observe(&el);
    }
}

fn unwatch_if_unused(handle: HostHandle) {
    let used = SCHEDULES.with(|s| {
        s.borrow()
            .iter()
            .any(|sc| sc.members.iter().any(|m| m.handle == handle))
    });
    if used {
        return;
    }
    let el = WATCHED.with(|w| {
        let mut w = w.borrow_mut();
        let i = w.iter().position(|(h, ..)| *h == handle)?;
        Some(w.remove(i).1)
    });
    if let (Some(el), Some(observer)) = (el, OBSERVER.with(|o| o.borrow().clone())) {
        observer.unobserve(&el);
    }
}

/// The page's one observer of the watched hosts (created with the first refreshing block), and the page
/// visibility hook of the schedules.
fn observer() -> Option<web_sys::IntersectionObserver> {
    if let Some(o) = OBSERVER.with(|o| o.borrow().clone()) {
        return Some(o);
    }
    let seen = Closure::<dyn Fn(js_sys::Array)>::new(|entries: js_sys::Array| {
        let mut came_back = false;
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<web_sys::IntersectionObserverEntry>() else {
                continue;
            };
            let (target, visible) = (entry.target(), entry.is_intersecting());
            WATCHED.with(|w| {
                for (_, el, seen) in w.borrow_mut().iter_mut() {
                    if *el == target {
                        came_back |= visible && !*seen;
                        *seen = visible;
                    }
                }
            });
        }
        if came_back {
            wake();
        }
    });
    host::on_page_visibility(wake);
    let observer = web_sys::IntersectionObserver::new(seen.as_ref().unchecked_ref()).ok()?;
    // Observes for as long as the page lives.
    seen.forget();
    OBSERVER.with(|o| *o.borrow_mut() = Some(observer.clone()));
    Some(observer)
}
