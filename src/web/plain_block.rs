//! The lean module's block: "Mới nhất" drawn with plain DOM calls instead of Leptos. It writes the markup,
//! states and events of the full module's `Block`, `FeedBlock` and `LatestList` for a block that reads its
//! feeds once, with absolute times and not as a ticker; any other block is handed over to the full module.
//! The e2e suite compares the two views' markup, so they cannot drift apart.
//!
//! Feed strings only ever become text nodes and attribute values; URLs were limited to http(s) by the core.
//! No `innerHTML` and no `<template>`: pages enforcing Trusted Types accept every call here.
//!
//! The block's state lives in a registry keyed by its handle. A load that finishes after the block was
//! unmounted finds nothing there and is dropped. Nothing here dispatches events while it holds the
//! registry: the page's listeners may unmount blocks from inside them.

use std::cell::RefCell;
use std::sync::Arc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

use super::fetch::{self, LoadError, Loaded, Reuse};
use super::host::{self, BlockCtx, HostHandle, State};
use super::item_opts::ItemOpts;
use super::registry::Registry;
use super::report::{log_failure, report_error, report_ready, updated_note};
use super::store;
use crate::core::config::{BlockConfig, Kind, Layout, TimeStyle};
use crate::core::date::{format_datetime, format_iso};
use crate::core::i18n::{labels, Labels};
use crate::core::model::{Article, Feed};
use crate::core::select;

struct Plain {
    config: Arc<BlockConfig>,
    sources: Arc<Vec<String>>,
    opts: ItemOpts,
    text: &'static Labels,
    root: Element,
    heading: Option<Element>,
    /// What was last shown, from this block or an earlier page view: kept (with its age) when a load fails.
    last_good: Option<store::Remembered>,
    /// The retry buttons' listener, alive as long as the block.
    retry: Closure<dyn FnMut()>,
}

thread_local! {
    static BLOCKS: RefCell<Registry<HostHandle, Plain>> = const { RefCell::new(Registry::new()) };
}

/// Mounts a block into `host`; returns its handle (never 0) or 0 when nothing could be mounted.
pub fn mount_block(host: HtmlElement) -> u32 {
    let handle = host::next_handle();
    let Some(ctx) = host::prepare(handle, host) else {
        return 0;
    };
    match mount(handle, ctx) {
        Ok(()) => handle,
        Err(e) => {
            host::error_js("could not draw the block", &e);
            host::release(handle);
            0
        }
    }
}

/// Unmounts the block behind `handle`; unknown handles are ignored.
pub fn unmount_block(handle: u32) {
    let removed = BLOCKS.with(|b| b.try_borrow_mut().ok().and_then(|mut b| b.remove(&handle)));
    if let Some(block) = removed {
        block.root.remove();
    }
    // A block handed over at once drew nothing and has no entry, but its host is registered.
    host::release(handle);
}

fn mount(handle: HostHandle, ctx: BlockCtx) -> Result<(), JsValue> {
    let BlockCtx {
        config,
        sources,
        container,
        ..
    } = ctx;
    let kind = config.kind;
    // Refreshing, relative times and the ticker are the full module's, as is every other kind: such a
    // block draws nothing here.
    let elsewhere = kind != Kind::Latest
        || config.refresh_secs.is_some()
        || config.time == TimeStyle::Relative
        || config.layout == Layout::Ticker;
    if elsewhere {
        host::later(move || host::hand_over(handle));
        return Ok(());
    }
    let doc = document()?;
    let root = el(
        &doc,
        "div",
        &[
            ("class", "nw-root"),
            ("lang", config.lang.as_str()),
            ("data-kind", kind.as_str()),
            ("data-layout", config.layout.as_str()),
        ],
    )?;
    let heading = match config.heading.as_str() {
        "" => None,
        h => Some(text_el(
            &doc,
            "h2",
            &[("class", "nw-heading"), ("part", "heading")],
            h,
        )?),
    };
    if let Some(h) = &heading {
        root.append_child(h)?;
    }
    add(&container, &root)?;
    let text = labels(config.lang);
    let opts = ItemOpts::new(&config, sources.len());
    let last_good = store::recall(&sources, config.format);
    // Before the first answer: the remembered list if there is one, else placeholders of its height.
    match &last_good {
        Some(r) => {
            draw_feed(&doc, &root, &r.feed, &config, &opts, text)?;
        }
        None => add(&root, &loading(&doc, &opts, config.limit, text.loading)?)?,
    }
    let retry = Closure::<dyn FnMut()>::new(move || {
        host::set_state(handle, State::Loading, &[]);
        load(handle, Reuse::Fresh);
    });
    let block = Plain {
        config,
        sources,
        opts,
        text,
        root,
        heading,
        last_good,
        retry,
    };
    BLOCKS
        .with(|b| b.try_borrow_mut().map(|mut b| b.insert(handle, block)))
        .map_err(|_| JsValue::from_str("block registry busy"))?;
    host::set_state(handle, State::Loading, &[]);
    load(handle, Reuse::Recent);
    Ok(())
}

/// Loads the block's sources; the answer replaces what the block shows (a retry keeps the current answer on
/// screen until then).
fn load(handle: HostHandle, reuse: Reuse) {
    let Some((config, sources)) = with_block(handle, |b| (b.config.clone(), b.sources.clone())) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let got = fetch::load_sources(&sources, &config, reuse).await;
        if let Some(Err(e)) = with_block(handle, |b| answer(handle, b, got)) {
            host::error_js("could not draw the block", &e);
        }
    });
}

fn with_block<R>(handle: HostHandle, f: impl FnOnce(&mut Plain) -> R) -> Option<R> {
    BLOCKS.with(|b| {
        let mut b = b.try_borrow_mut().ok()?;
        b.get_mut(&handle).map(f)
    })
}

/// Draws what a load came to and queues the state it reports.
fn answer(handle: HostHandle, b: &mut Plain, result: Result<Loaded, Vec<LoadError>>) -> Result<(), JsValue> {
    let doc = document()?;
    let errors = match &result {
        Ok(loaded) => loaded.failures.as_slice(),
        Err(errors) => errors.as_slice(),
    };
    let needs_full = errors.iter().any(|e| e.needs_full);
    for e in errors.iter().filter(|_| !needs_full) {
        log_failure(e);
    }
    // What the block showed goes; the heading stays.
    b.root.set_text_content(None);
    if let Some(h) = &b.heading {
        b.root.append_child(h)?;
    }
    if needs_full {
        // This module does not read one of the feeds: the loader mounts the block in the full one.
        host::later(move || host::hand_over(handle));
        return Ok(());
    }
    let (kind, text) = (b.config.kind, b.text);
    match result {
        Ok(loaded) => {
            let count = draw_feed(&doc, &b.root, &loaded.feed, &b.config, &b.opts, text)?;
            if !loaded.failures.is_empty() {
                let note = text_el(
                    &doc,
                    "p",
                    &[("class", "nw-note"), ("role", "status")],
                    text.source_failed,
                )?;
                add(&b.root, &note)?;
            }
            let (sources, feed) = (b.sources.clone(), loaded.feed.clone());
            host::soon(move || report_ready(handle, kind, &sources, &loaded, count));
            // After the ready report is queued: the snapshot's write waits behind it.
            store::remember(&b.sources, b.config.format, &feed);
            b.last_good = store::recall(&b.sources, b.config.format);
        }
        Err(errors) => {
            let stale = b.last_good.is_some();
            if let Some(previous) = &b.last_good {
                draw_feed(&doc, &b.root, &previous.feed, &b.config, &b.opts, text)?;
                let updated = updated_note(text, previous.saved_ms, b.config.tz_offset_minutes);
                let note = text_el(
                    &doc,
                    "p",
                    &[("class", "nw-note nw-stale"), ("data-stale", "true")],
                    &updated,
                )?;
                add(&b.root, &note)?;
            }
            add(&b.root, &error_state(&doc, b, stale)?)?;
            let sources = b.sources.clone();
            host::soon(move || report_error(handle, kind, &sources, &errors, stale));
        }
    }
    Ok(())
}

/// The feed's newest items (see [`select::latest`]) as the list, or the empty state; returns how many
/// entries were drawn.
fn draw_feed(
    doc: &Document,
    root: &Element,
    feed: &Feed,
    config: &BlockConfig,
    opts: &ItemOpts,
    text: &Labels,
) -> Result<usize, JsValue> {
    let tag = config.tag.as_deref();
    let items = select::latest(feed.items_for(tag), tag, config.limit);
    if items.is_empty() {
        let empty = text_el(
            doc,
            "p",
            &[
                ("class", "nw-status nw-status-empty"),
                ("part", "empty"),
                ("role", "status"),
            ],
            text.empty,
        )?;
        add(root, &empty)?;
        return Ok(0);
    }
    let list = el(
        doc,
        "ul",
        &[("class", "nw-list"), ("part", "list"), ("role", "list")],
    )?;
    for article in &items {
        add(&list, &item(doc, article, opts)?)?;
    }
    add(root, &list)?;
    Ok(items.len())
}

/// One article as a list entry: thumbnail, title link, portal-time date, summary.
fn item(doc: &Document, a: &Article, opts: &ItemOpts) -> Result<Element, JsValue> {
    let li = el(
        doc,
        "li",
        &[("class", "nw-item"), ("part", "item"), ("data-item-id", &a.id)],
    )?;
    if opts.thumbnails {
        match &a.image {
            Some(src) => {
                // The title link follows; this one is for pointers only, so it is hidden from keyboard and AT.
                let link = el(
                    doc,
                    "a",
                    &[
                        ("class", "nw-thumb-link"),
                        ("href", &a.url),
                        ("tabindex", "-1"),
                        ("aria-hidden", "true"),
                    ],
                )?;
                let img = el(
                    doc,
                    "img",
                    &[("class", "nw-thumb"), ("part", "thumbnail"), ("src", src)],
                )?;
                if let Some(srcset) = &a.image_srcset {
                    img.set_attribute("srcset", srcset)?;
                }
                set_attrs(
                    &img,
                    &[
                        ("sizes", opts.thumb_sizes),
                        ("alt", ""),
                        ("width", "96"),
                        ("height", "64"),
                        ("loading", "lazy"),
                        ("decoding", "async"),
                        ("referrerpolicy", &opts.referrer),
                    ],
                )?;
                add(&link, &img)?;
                add(&li, &link)?;
            }
            // An item without a picture keeps its place: every row has the same height.
            None => {
                let none = el(
                    doc,
                    "span",
                    &[("class", "nw-thumb nw-thumb-none"), ("aria-hidden", "true")],
                )?;
                add(&li, &none)?;
            }
        }
    }
    let body = el(doc, "div", &[("class", "nw-body")])?;
    add(
        &body,
        &text_el(
            doc,
            "a",
            &[("class", "nw-title"), ("part", "title"), ("href", &a.url)],
            &a.title,
        )?,
    )?;
    let meta = el(doc, "span", &[("class", "nw-meta"), ("part", "meta")])?;
    if let Some(source) = a.source.as_deref().filter(|_| opts.show_source) {
        add(
            &meta,
            &text_el(doc, "span", &[("class", "nw-source"), ("part", "source")], source)?,
        )?;
    }
    if let Some(ts) = a.published {
        let (tz, lang) = (opts.tz_offset_minutes, opts.lang);
        add(
            &meta,
            &text_el(
                doc,
                "time",
                &[("part", "time"), ("datetime", &format_iso(ts, tz))],
                &format_datetime(ts, tz, lang),
            )?,
        )?;
    }
    add(&body, &meta)?;
    if opts.summary {
        // An item without a summary keeps its lines too.
        let summary = match a.summary.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => text_el(doc, "p", &[("class", "nw-summary"), ("part", "summary")], s)?,
            None => el(
                doc,
                "span",
                &[("class", "nw-summary-none"), ("aria-hidden", "true")],
            )?,
        };
        add(&body, &summary)?;
    }
    add(&li, &body)?;
    Ok(li)
}

/// Placeholders with the classes of the loaded list, so they take its height and the page does not shift.
fn loading(doc: &Document, opts: &ItemOpts, rows: usize, label: &str) -> Result<Element, JsValue> {
    let wrap = el(
        doc,
        "div",
        &[
            ("class", "nw-loading"),
            ("part", "loading"),
            ("role", "status"),
            ("aria-busy", "true"),
            ("aria-label", label),
        ],
    )?;
    let list = el(doc, "div", &[("class", "nw-list"), ("aria-hidden", "true")])?;
    let row = el(doc, "div", &[("class", "nw-item")])?;
    if opts.thumbnails {
        add(&row, &el(doc, "span", &[("class", "nw-thumb nw-skel")])?)?;
    }
    let body = el(doc, "span", &[("class", "nw-body")])?;
    add(&body, &el(doc, "span", &[("class", "nw-title nw-skel")])?)?;
    add(&body, &el(doc, "span", &[("class", "nw-meta nw-skel")])?)?;
    if opts.summary {
        add(&body, &el(doc, "span", &[("class", "nw-summary nw-skel")])?)?;
    }
    add(&row, &body)?;
    for _ in 1..rows.max(1) {
        list.append_child(&row.clone_node_with_deep(true)?)?;
    }
    add(&list, &row)?;
    add(&wrap, &list)?;
    Ok(wrap)
}

/// The visible error with its retry button; `compact` is the note under a list kept from before. The
/// technical reason went to the console.
fn error_state(doc: &Document, b: &Plain, compact: bool) -> Result<Element, JsValue> {
    let class = if compact {
        "nw-status nw-status-error nw-note"
    } else {
        "nw-status nw-status-error"
    };
    let wrap = el(
        doc,
        "div",
        &[("class", class), ("part", "error"), ("role", "alert")],
    )?;
    add(&wrap, &text_el(doc, "span", &[], b.text.error)?)?;
    let actions = el(doc, "span", &[("class", "nw-actions")])?;
    let button = text_el(
        doc,
        "button",
        &[
            ("type", "button"),
            ("class", "nw-btn nw-retry"),
            ("part", "button retry"),
        ],
        b.text.retry,
    )?;
    button.add_event_listener_with_callback("click", b.retry.as_ref().unchecked_ref())?;
    add(&actions, &button)?;
    add(&wrap, &actions)?;
    Ok(wrap)
}

fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

fn el(doc: &Document, tag: &str, attrs: &[(&str, &str)]) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    set_attrs(&e, attrs)?;
    Ok(e)
}

fn text_el(doc: &Document, tag: &str, attrs: &[(&str, &str)], text: &str) -> Result<Element, JsValue> {
    let e = el(doc, tag, attrs)?;
    e.set_text_content(Some(text));
    Ok(e)
}

fn add(parent: &Element, child: &Element) -> Result<(), JsValue> {
    parent.append_child(child).map(drop)
}

fn set_attrs(e: &Element, attrs: &[(&str, &str)]) -> Result<(), JsValue> {
    for (name, value) in attrs {
        e.set_attribute(name, value)?;
    }
    Ok(())
}
