//! `Gallery`: "Thư viện ảnh" — a grid of thumbnail buttons and an accessible lightbox.
//!
//! The lightbox is a native `<dialog>` opened modal inside the shadow root, so the rest of the page
//! is inert. On top of what the browser gives we keep Tab inside the dialog, lock the host page's
//! scrolling, give focus back to the thumbnail that opened it, announce the counter politely, and
//! handle arrows, Home/End and swipes.

use std::sync::Arc;

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::host::{self, HostHandle};
use crate::core::config::BlockConfig;
use crate::core::i18n::labels;
use crate::core::model::Feed;
use crate::core::select::GalleryImage;

/// One gallery entry with what the lightbox needs from its article.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    url: String,
    srcset: Option<String>,
    caption: String,
    article_id: String,
    article_url: String,
}

/// Minimum travel (CSS px) before a pointer movement counts as a swipe.
const SWIPE_PX: f64 = 50.0;

#[component]
pub fn Gallery(
    handle: HostHandle,
    images: Vec<GalleryImage>,
    items: Arc<Feed>,
    config: Arc<BlockConfig>,
) -> impl IntoView {
    let text = labels(config.lang);
    let referrer = config.referrer.clone();
    let entries: Arc<Vec<Entry>> = Arc::new(
        images
            .into_iter()
            .filter_map(|g| {
                let article = items.items.get(g.article)?;
                Some(Entry {
                    url: g.image.url,
                    srcset: g.image.srcset,
                    caption: g.image.caption,
                    article_id: article.id.clone(),
                    article_url: article.url.clone(),
                })
            })
            .collect(),
    );
    let total = entries.len();
    let (index, set_index) = signal(0usize);
    let (broken, set_broken) = signal(false);
    let dialog_ref: NodeRef<Dialog> = NodeRef::new();
    let saved_overflow = StoredValue::new(None::<String>);
    let swipe_start = StoredValue::new(None::<(f64, f64)>);

    let go = move |i: usize| {
        if total == 0 {
            return;
        }
        set_broken.set(false);
        set_index.set(i.min(total - 1));
    };
    let preload_entries = entries.clone();
    let preload_referrer = referrer.clone();
    // Neighbours are fetched ahead so moving through the lightbox shows the next picture at once.
    Effect::new(move |_| {
        if dialog_ref.get().is_none_or(|d| !d.open()) {
            return;
        }
        let i = index.get();
        for n in [i.checked_sub(1), i.checked_add(1)].into_iter().flatten() {
            if let Some(e) = preload_entries.get(n) {
                preload(&e.url, &preload_referrer);
            }
        }
    });

    let open = move |i: usize| {
        let Some(dialog) = dialog_ref.get_untracked() else {
            return;
        };
        go(i);
        saved_overflow.set_value(lock_page_scroll());
        if let Err(e) = dialog.show_modal() {
            web_sys::console::error_2(&"news-widget: cannot open the lightbox".into(), &e);
            restore_page_scroll(saved_overflow.get_value());
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
    // Runs for every way the dialog closes (Esc, the close button, swipe down).
    let on_closed = move |_| {
        restore_page_scroll(saved_overflow.get_value());
        saved_overflow.set_value(None);
        let i = index.get_untracked();
        focus_selector(handle, &["button[data-g=\"", &i.to_string(), "\"]"].concat());
    };
    let prev = move || go(index.get_untracked().saturating_sub(1));
    let next = move || go((index.get_untracked() + 1).min(total.saturating_sub(1)));

    let on_key = move |ev: web_sys::KeyboardEvent| {
        match ev.key().as_str() {
            "ArrowLeft" => prev(),
            "ArrowRight" => next(),
            "Home" => go(0),
            "End" => go(total.saturating_sub(1)),
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
    let on_pointer_down = move |ev: web_sys::PointerEvent| {
        swipe_start.set_value(Some((f64::from(ev.client_x()), f64::from(ev.client_y()))));
    };
    let on_pointer_up = move |ev: web_sys::PointerEvent| {
        let Some((x0, y0)) = swipe_start.get_value() else {
            return;
        };
        swipe_start.set_value(None);
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

    let current = {
        let entries = entries.clone();
        move || entries.get(index.get()).cloned()
    };
    let thumbs = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            view! {
                <li class="nw-gcell">
                    <button
                        type="button"
                        class="nw-gthumb"
                        data-item-id=e.article_id.clone()
                        data-g=i
                        title=e.caption.clone()
                        on:click=move |_| open(i)
                    >
                        <img
                            src=e.url.clone()
                            srcset=e.srcset.clone()
                            sizes="(max-width: 480px) 50vw, 200px"
                            alt=e.caption.clone()
                            width="400"
                            height="300"
                            loading="lazy"
                            decoding="async"
                            referrerpolicy=referrer.clone()
                        />
                    </button>
                </li>
            }
        })
        .collect_view();

    let large_referrer = referrer.clone();
    view! {
        <ul class="nw-grid" role="list">{thumbs}</ul>
        <dialog
            class="nw-lightbox"
            node_ref=dialog_ref
            aria-label=config.heading.clone()
            on:close=on_closed
            on:keydown=on_key
        >
            {move || {
                let referrer = large_referrer.clone();
                current()
                    .map(move |e| {
                        let referrer = referrer.clone();
                        let (src, srcset, alt) = (e.url.clone(), e.srcset.clone(), e.caption.clone());
                        view! {
                            <figure
                                class="nw-lb-figure"
                                on:pointerdown=on_pointer_down
                                on:pointerup=on_pointer_up
                            >
                                <Show
                                    when=move || !broken.get()
                                    fallback=move || view! { <p class="nw-lb-broken" role="note">{text.image_broken}</p> }
                                >
                                    <img
                                        class="nw-lb-img"
                                        src=src.clone()
                                        srcset=srcset.clone()
                                        alt=alt.clone()
                                        referrerpolicy=referrer.clone()
                                        draggable="false"
                                        on:error=move |_| set_broken.set(true)
                                    />
                                </Show>
                                <figcaption class="nw-lb-caption">{e.caption}</figcaption>
                            </figure>
                            <a class="nw-lb-link" href=e.article_url>{text.view_article}</a>
                        }
                    })
            }}
            <p class="nw-lb-counter" aria-live="polite" aria-atomic="true">
                {move || [(index.get() + 1).to_string(), " / ".into(), total.to_string()].concat()}
            </p>
            <div class="nw-lb-nav">
                <button type="button" class="nw-lb-btn nw-lb-prev" aria-label=text.prev disabled=move || index.get() == 0 on:click=move |_| prev()>
                    "‹"
                </button>
                <button type="button" class="nw-lb-btn nw-lb-next" aria-label=text.next disabled=move || index.get() + 1 >= total on:click=move |_| next()>
                    "›"
                </button>
                <button type="button" class="nw-lb-btn nw-lb-close" aria-label=text.close on:click=move |_| close()>
                    "×"
                </button>
            </div>
        </dialog>
    }
}

fn focus_selector(handle: HostHandle, selector: &str) {
    host::focus_in(handle, selector);
}

/// Keeps Tab and Shift+Tab cycling inside the dialog; returns whether it moved focus itself.
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
    let first = list
        .item(0)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok());
    let last = list
        .item(len - 1)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok());
    let root = dialog.get_root_node();
    let active = root
        .dyn_ref::<web_sys::ShadowRoot>()
        .and_then(|r| r.active_element());
    let (from, to) = if ev.shift_key() {
        (first, last)
    } else {
        (last, first)
    };
    let at_edge = match (&active, &from) {
        (Some(a), Some(f)) => a == f.unchecked_ref::<web_sys::Element>(),
        (None, _) => true,
        _ => false,
    };
    if at_edge {
        if let Some(t) = to {
            let _ = t.focus();
            return true;
        }
    }
    false
}

/// Stops the host page from scrolling behind the lightbox; returns the previous inline value.
fn lock_page_scroll() -> Option<String> {
    let root = page_root()?;
    let style = root.style();
    let previous = style.get_property_value("overflow").ok();
    let _ = style.set_property("overflow", "hidden");
    previous
}

fn restore_page_scroll(previous: Option<String>) {
    let Some(root) = page_root() else {
        return;
    };
    let style = root.style();
    match previous.filter(|p| !p.is_empty()) {
        Some(p) => {
            let _ = style.set_property("overflow", &p);
        }
        None => {
            let _ = style.remove_property("overflow");
        }
    }
}

fn page_root() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .document_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

fn preload(url: &str, referrer: &str) {
    if let Ok(img) = web_sys::HtmlImageElement::new() {
        img.set_referrer_policy(referrer);
        img.set_src(url);
    }
}
