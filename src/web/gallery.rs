//! `Gallery`: "Thư viện ảnh" — a grid of thumbnail buttons and an accessible lightbox.
//!
//! The lightbox is a native `<dialog>` opened modal inside the shadow root, so the rest of the page
//! is inert. On top of what the browser gives we keep Tab inside the dialog, lock the host page's
//! scrolling (and release it however the lightbox goes away, unmounting included), give focus back
//! to the thumbnail that opened it, announce the counter politely, handle arrows, Home/End, swipes
//! and backdrop clicks, preload the neighbouring pictures, and show a notice for a broken picture.
//!
//! The grid shows each photo's small version (the feed's thumbnail, or its `srcset` at the cell's size)
//! and the lightbox the large one, with the photo's own caption.
//!
//! The dialog's elements are created once and only their attributes and texts follow the shown
//! image: re-creating them on every move would drop the keyboard focus out of the dialog.

use std::cell::RefCell;
use std::sync::Arc;

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::host::{self, HostHandle};
use super::kind_view::{KindCtx, Shown};
use crate::core::config::BlockConfig;
use crate::core::i18n::labels;
use crate::core::model::Feed;
use crate::core::select::{self, GalleryImage};
use crate::core::text::number_text;

/// The grid of the feed's newest pictures (see [`select::gallery`]).
pub fn shown(feed: &Arc<Feed>, k: &KindCtx) -> Option<Shown> {
    // Every item: a gallery block has had the rest of a large feed read already (`fetch::load_sources`).
    let images = select::gallery(feed.all_items(), k.config.tag.as_deref(), k.config.limit);
    if images.is_empty() {
        return None;
    }
    let count = images.len();
    let view = view! { <Gallery handle=k.handle images=images items=feed.clone() config=k.config.clone() /> };
    Some(Shown {
        view: view.into_any(),
        count,
    })
}

/// One gallery entry with what the lightbox needs from its article.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    /// The large picture (the lightbox).
    url: String,
    /// The small one (the grid), when the feed gives one.
    thumb: Option<String>,
    srcset: Option<String>,
    caption: String,
    article_id: String,
    article_url: String,
}

// Through constants on purpose: an element whose attributes and children are all literals is compiled by
// `view!` into a `<template>` filled through innerHTML, which pages enforcing Trusted Types refuse.
const CAPTION: &str = "nw-lb-caption";
const COUNTER: &str = "nw-lb-counter";

/// Minimum travel (CSS px) before a pointer movement counts as a swipe.
const SWIPE_PX: f64 = 50.0;

/// The page's scrolling is locked through these longhands (not the `overflow` shorthand), so a page that
/// set only one of them gets exactly that back.
const OVERFLOW: [&str; 2] = ["overflow-x", "overflow-y"];

/// The page's own inline (value, priority) of each of [`OVERFLOW`], put back when the lock is released.
type SavedOverflow = Vec<(String, String)>;

thread_local! {
    /// Which block holds the page's scroll lock, and what to put back. One lightbox at most is open:
    /// it is modal.
    static SCROLL_LOCK: RefCell<Option<(HostHandle, SavedOverflow)>> = const { RefCell::new(None) };
}

#[component]
pub fn Gallery(
    handle: HostHandle,
    images: Vec<GalleryImage>,
    items: Arc<Feed>,
    config: Arc<BlockConfig>,
) -> impl IntoView {
    let text = labels(config.lang);
    let referrer = config.referrer.clone();
    // The dialog always needs a name, even when the block's heading is hidden (`heading=""`).
    let dialog_name = if config.heading.trim().is_empty() {
        text.gallery.to_owned()
    } else {
        config.heading.clone()
    };
    let entries: Arc<Vec<Entry>> = Arc::new(
        images
            .into_iter()
            .filter_map(|g| {
                let article = items.all_items().get(g.article)?;
                Some(Entry {
                    url: g.image.url,
                    thumb: g.image.thumb,
                    srcset: g.image.srcset,
                    caption: g.image.caption,
                    article_id: article.id.clone(),
                    article_url: article.url.clone(),
                })
            })
            .collect(),
    );
    let total = entries.len();
    let last = total.saturating_sub(1);
    let (index, set_index) = signal(0usize);
    let (is_open, set_open) = signal(false);
    let (broken, set_broken) = signal(false);
    let dialog_ref: NodeRef<Dialog> = NodeRef::new();
    let opener = StoredValue::new(0usize);
    // (pointer id, x, y) of a pointer that went down on the picture.
    let swipe_start = StoredValue::new(None::<(i32, f64, f64)>);

    // Removing the block while its lightbox is open fires no `close` event: give the page its scrolling back.
    on_cleanup(move || unlock_page_scroll(handle));

    let go = move |i: usize| {
        let i = i.min(last);
        if total > 0 && index.try_get_untracked() != Some(i) {
            set_broken.set(false);
            set_index.set(i);
        }
    };
    let prev = move || go(index.try_get_untracked().unwrap_or(0).saturating_sub(1));
    let next = move || go(index.try_get_untracked().unwrap_or(0).saturating_add(1));

    // Everything the dialog shows follows the index, the open state and the broken flag: one effect
    // writes it into the DOM (one reactive binding per attribute costs far more code in the bundle).
    let shown_entries = entries.clone();
    let shown_referrer = referrer.clone();
    Effect::new(move |_| {
        let (i, open, broken) = (index.get(), is_open.get(), broken.get());
        let Some(dialog) = dialog_ref.get() else {
            return;
        };
        show(&dialog, shown_entries.get(i), open, broken, i, total);
        // Neighbours are fetched ahead so moving through the lightbox shows the next picture at once.
        if open {
            for n in [i.checked_sub(1), i.checked_add(1)].into_iter().flatten() {
                if let Some(e) = shown_entries.get(n) {
                    preload(e, &shown_referrer);
                }
            }
        }
    });

    let open = move |i: usize| {
        let Some(dialog) = dialog_ref.get_untracked() else {
            return;
        };
        if dialog.open() {
            return;
        }
        let _ = opener.try_set_value(i);
        go(i);
        set_broken.set(false);
        set_open.set(true);
        lock_page_scroll(handle);
        if let Err(e) = dialog.show_modal() {
            web_sys::console::error_2(&"news-widget: cannot open the lightbox".into(), &e);
            set_open.set(false);
            unlock_page_scroll(handle);
            return;
        }
        focus_selector(handle, ".nw-lb-close");
    };
    let close = move || {
        if let Some(dialog) = dialog_ref.get_untracked() {
            if dialog.open() {
                dialog.close();
            }
        }
    };
    // Runs for every way the dialog closes (Esc, the close button, swipe down, backdrop click).
    let on_closed = move |_| {
        let _ = set_open.try_set(false);
        let _ = swipe_start.try_set_value(None);
        unlock_page_scroll(handle);
        let i = opener.try_get_value().unwrap_or(0);
        focus_selector(
            handle,
            &["button[data-g=\"", &number_text(i as u64), "\"]"].concat(),
        );
    };

    let on_key = move |ev: web_sys::KeyboardEvent| {
        // Alt+← is the browser's "back", Ctrl/Meta+Home the page's: leave them alone.
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        match ev.key().as_str() {
            "ArrowLeft" => prev(),
            "ArrowRight" => next(),
            "Home" => go(0),
            "End" => go(last),
            "Tab" => {
                if trap_tab(&ev, dialog_ref.get_untracked()) {
                    ev.prevent_default();
                }
                return;
            }
            _ => return,
        }
        ev.prevent_default();
    };
    // One click handler for the whole dialog: its buttons (by `data-act`) and the backdrop (a click there
    // targets the dialog itself, outside its box).
    let on_dialog_click = move |ev: web_sys::MouseEvent| {
        let Some(dialog) = dialog_ref.get_untracked() else {
            return;
        };
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        match target.get_attribute("data-act").as_deref() {
            Some("prev") => prev(),
            Some("next") => next(),
            Some("close") => close(),
            _ if target.is_same_node(Some(dialog.unchecked_ref())) => {
                let r = dialog.get_bounding_client_rect();
                let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
                if x < r.left() || x > r.right() || y < r.top() || y > r.bottom() {
                    close();
                }
            }
            _ => {}
        }
    };
    let on_pointer_down = move |ev: web_sys::PointerEvent| {
        if !ev.is_primary() || ev.button() > 0 {
            return;
        }
        let _ = swipe_start.try_set_value(Some((
            ev.pointer_id(),
            f64::from(ev.client_x()),
            f64::from(ev.client_y()),
        )));
        // The pointer may leave the picture before it is lifted: keep receiving its events.
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    };
    let on_pointer_up = move |ev: web_sys::PointerEvent| {
        let Some((id, x0, y0)) = swipe_start.try_get_value().flatten() else {
            return;
        };
        if id != ev.pointer_id() {
            return;
        }
        let _ = swipe_start.try_set_value(None);
        let dx = f64::from(ev.client_x()) - x0;
        let dy = f64::from(ev.client_y()) - y0;
        if dx.abs() >= SWIPE_PX && dx.abs() > dy.abs() {
            if dx < 0.0 {
                next()
            } else {
                prev()
            }
        } else if dy >= SWIPE_PX * 1.5 && dy > dx.abs() {
            close();
        }
    };
    let on_pointer_cancel = move |_: web_sys::PointerEvent| {
        let _ = swipe_start.try_set_value(None);
    };

    let thumbs = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            view! {
                <li class="nw-gcell" part="item">
                    <button
                        type="button"
                        class="nw-gthumb"
                        data-item-id=e.article_id.clone()
                        data-g=i
                        on:click=move |_| open(i)
                    >
                        <img
                            part="thumbnail"
                            src=e.thumb.clone().unwrap_or_else(|| e.url.clone())
                            srcset=e.srcset.clone()
                            sizes="(max-width: 480px) 50vw, 200px"
                            alt=e.caption.clone()
                            width="400"
                            height="300"
                            loading="lazy"
                            referrerpolicy=referrer.clone()
                        />
                    </button>
                </li>
            }
        })
        .collect_view();

    let large_referrer = referrer.clone();
    view! {
        <ul class="nw-grid" part="list" role="list">{thumbs}</ul>
        <dialog
            class="nw-lightbox"
            part="dialog"
            tabindex="-1"
            node_ref=dialog_ref
            aria-label=dialog_name
            on:close=on_closed
            on:keydown=on_key
            on:click=on_dialog_click
        >
            <figure
                class="nw-lb-figure"
                on:pointerdown=on_pointer_down
                on:pointerup=on_pointer_up
                on:pointercancel=on_pointer_cancel
            >
                <img
                    class="nw-lb-img"
                    part="image"
                    alt=""
                    referrerpolicy=large_referrer
                    draggable="false"
                    on:error=move |_| {
                        if is_open.try_get_untracked() == Some(true) {
                            set_broken.set(true);
                        }
                    }
                />
                <p class="nw-lb-broken" role="note" hidden="">{text.lightbox.image_broken}</p>
                <figcaption class=CAPTION part="caption"></figcaption>
            </figure>
            <a class="nw-lb-link">{text.lightbox.view_article}</a>
            <p class=COUNTER aria-live="polite" aria-atomic="true"></p>
            <div class="nw-lb-nav">
                <button type="button" class="nw-lb-btn nw-lb-prev" part="prev" aria-label=text.lightbox.prev data-act="prev"></button>
                <button type="button" class="nw-lb-btn nw-lb-next" part="next" aria-label=text.lightbox.next data-act="next"></button>
                <button type="button" class="nw-lb-btn nw-lb-close" part="close" aria-label=text.lightbox.close data-act="close"></button>
            </div>
        </dialog>
    }
}

/// Writes the entry at `i` (of `total`) into the dialog: picture (requested only while `open`; hidden and
/// replaced by the notice when `broken`), caption as text, article link, counter, and which of previous /
/// next is unavailable (`aria-disabled`, not `disabled`: a disabled button loses the focus, and the keys
/// with it).
fn show(dialog: &web_sys::Element, e: Option<&Entry>, open: bool, broken: bool, i: usize, total: usize) {
    let find = |sel: &str| dialog.query_selector(sel).ok().flatten();
    let caption = e.map_or("", |e| e.caption.as_str());
    if let Some(img) = find(".nw-lb-img") {
        match e.filter(|_| open) {
            Some(e) => {
                match &e.srcset {
                    Some(srcset) => set(&img, "srcset", srcset),
                    None => drop(img.remove_attribute("srcset")),
                }
                set(&img, "src", &e.url);
            }
            None => {
                let _ = img.remove_attribute("srcset");
                let _ = img.remove_attribute("src");
            }
        }
        set(&img, "alt", caption);
        let _ = img.toggle_attribute_with_force("hidden", broken);
    }
    if let Some(notice) = find(".nw-lb-broken") {
        let _ = notice.toggle_attribute_with_force("hidden", !broken);
    }
    if let Some(el) = find(".nw-lb-caption") {
        el.set_text_content(Some(caption));
    }
    if let (Some(el), Some(e)) = (find(".nw-lb-link"), e) {
        set(&el, "href", &e.article_url);
    }
    if let Some(el) = find(".nw-lb-counter") {
        let counter = [number_text(i as u64 + 1), " / ".into(), number_text(total as u64)].concat();
        el.set_text_content(Some(&counter));
    }
    for (sel, unavailable) in [(".nw-lb-prev", i == 0), (".nw-lb-next", i + 1 >= total)] {
        if let Some(el) = find(sel) {
            set(&el, "aria-disabled", if unavailable { "true" } else { "false" });
        }
    }
}

fn set(el: &web_sys::Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

fn focus_selector(handle: HostHandle, selector: &str) {
    host::focus_in(handle, selector);
}

/// Keeps Tab and Shift+Tab cycling inside the dialog; returns whether it moved focus itself.
/// Focus on the dialog itself (after a click on the picture) or on nothing counts as "before the first".
fn trap_tab(ev: &web_sys::KeyboardEvent, dialog: Option<web_sys::HtmlDialogElement>) -> bool {
    let Some(dialog) = dialog else {
        return false;
    };
    let Ok(list) = dialog
        .unchecked_ref::<web_sys::Element>()
        .query_selector_all("a[href], button:not([disabled])")
    else {
        return false;
    };
    let len = list.length();
    if len == 0 {
        return false;
    }
    let active = dialog
        .get_root_node()
        .dyn_ref::<web_sys::ShadowRoot>()
        .and_then(|r| r.active_element());
    let pos = active.and_then(|a| (0..len).find(|&i| list.item(i).is_some_and(|n| a.is_same_node(Some(&n)))));
    let target = match (ev.shift_key(), pos) {
        (false, Some(p)) if p + 1 < len => return false,
        (false, _) => 0,
        (true, Some(p)) if p > 0 => return false,
        (true, _) => len - 1,
    };
    list.item(target)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.focus().is_ok())
}

fn page_style() -> Option<web_sys::CssStyleDeclaration> {
    let root = web_sys::window()?
        .document()?
        .document_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?;
    Some(root.style())
}

/// Stops the host page from scrolling behind the lightbox, remembering the page's own inline values.
/// `!important` so that a page stylesheet's own `!important` overflow does not win.
fn lock_page_scroll(handle: HostHandle) {
    let Some(style) = page_style() else {
        return;
    };
    SCROLL_LOCK.with(|lock| {
        let mut lock = lock.borrow_mut();
        let saved = match lock.take() {
            Some((_, saved)) => saved,
            None => OVERFLOW
                .iter()
                .map(|p| {
                    (
                        style.get_property_value(p).unwrap_or_default(),
                        style.get_property_priority(p),
                    )
                })
                .collect(),
        };
        *lock = Some((handle, saved));
    });
    for p in OVERFLOW {
        let _ = style.set_property_with_priority(p, "hidden", "important");
    }
}

/// Puts the page's own inline overflow back, if `handle` holds the lock.
fn unlock_page_scroll(handle: HostHandle) {
    let saved = SCROLL_LOCK.with(|lock| {
        let mut lock = lock.borrow_mut();
        match lock.take() {
            Some((owner, saved)) if owner == handle => Some(saved),
            other => {
                *lock = other;
                None
            }
        }
    });
    let (Some(saved), Some(style)) = (saved, page_style()) else {
        return;
    };
    for (p, (value, priority)) in OVERFLOW.iter().zip(saved) {
        let _ = if value.is_empty() {
            style.remove_property(p).map(drop)
        } else {
            style.set_property_with_priority(p, &value, &priority)
        };
    }
}

fn preload(e: &Entry, referrer: &str) {
    if let Ok(img) = web_sys::HtmlImageElement::new() {
        img.set_referrer_policy(referrer);
        if let Some(srcset) = &e.srcset {
            img.set_srcset(srcset);
        }
        img.set_src(&e.url);
    }
}
