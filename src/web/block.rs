//! `Block`: one embedded block. Loads its sources, keeps the last good data, mirrors its state on the
//! host element and picks the list component for its kind.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::empty_state::EmptyState;
use super::error_state::ErrorState;
use super::fetch::{self, LoadError, Loaded};
use super::gallery::Gallery;
use super::host::{self, BlockCtx, State};
use super::latest_list::LatestList;
use super::loading_state::LoadingState;
use super::others_list::{self, OthersList};
use super::store;
use crate::core::config::{BlockConfig, Kind};
use crate::core::date::format_short;
use crate::core::i18n::{labels, Lang};
use crate::core::model::{Article, Feed};
use crate::core::select::{gallery_images, Current};

/// How items are drawn, derived once from the configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemOpts {
    pub tz_offset_minutes: i32,
    pub lang: Lang,
    pub thumbnails: bool,
    pub summary: bool,
    pub referrer: String,
    /// Several sources: each item names where it came from.
    pub show_source: bool,
}

impl ItemOpts {
    fn new(config: &BlockConfig, sources: usize) -> Self {
        ItemOpts {
            tz_offset_minutes: config.tz_offset_minutes,
            lang: config.lang,
            thumbnails: config.thumbnails,
            summary: config.summary,
            referrer: config.referrer.clone(),
            show_source: sources > 1,
        }
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Latest => "latest",
        Kind::Others => "others",
        Kind::Gallery => "gallery",
    }
}

#[component]
pub fn Block(ctx: BlockCtx) -> impl IntoView {
    let BlockCtx {
        handle,
        config,
        sources,
        canonical,
        page_url,
        ..
    } = ctx;
    let current = Arc::new(Current::new(
        config.current.as_deref(),
        canonical.as_deref(),
        page_url.as_deref(),
    ));
    let text = labels(config.lang);
    let opts = Arc::new(ItemOpts::new(&config, sources.len()));
    let kind = config.kind;

    let (attempt, set_attempt) = signal(0u32);
    let load_config = config.clone();
    let load_sources = sources.clone();
    let data = LocalResource::new(move || {
        let fresh = attempt.get() > 0;
        let config = load_config.clone();
        let sources = load_sources.clone();
        async move { fetch::load_sources(&sources, config.timeout_ms, config.format, fresh).await }
    });
    // What was last shown, from this block or from an earlier page view: shown at once while the
    // feed loads, and kept (with its age) when a refresh fails.
    let last_good = RwSignal::new(store::recall(&sources));
    host::set_state(handle, State::Loading, &[]);

    let retry = Callback::new(move |_: ()| {
        host::set_state(handle, State::Loading, &[]);
        set_attempt.update(|n| *n += 1);
    });

    let body_config = config.clone();
    let body_sources = sources.clone();
    let body_current = current.clone();
    let body_opts = opts.clone();
    let body = move || {
        let config = body_config.clone();
        let sources = body_sources.clone();
        let opts = body_opts.clone();
        let current = body_current.clone();
        Suspend::new(async move {
            match data.await {
                Ok(loaded) => {
                    store::remember(&sources, &loaded.feed);
                    last_good.set(store::recall(&sources));
                    for f in &loaded.failures {
                        log_failure(f);
                    }
                    let shown = render_kind(handle, &sources, &loaded.feed, &config, &current, &opts);
                    let (count, sources_now, loaded_now) = (shown.count, sources.clone(), loaded.clone());
                    after_render(move || report_ready(handle, kind, &sources_now, &loaded_now, count));
                    let note = (!loaded.failures.is_empty())
                        .then(|| view! { <p class="nw-note" role="status">{text.source_failed}</p> });
                    view! {
                        {shown.view}
                        {note}
                    }
                    .into_any()
                }
                Err(err) => {
                    for e in &err {
                        log_failure(e);
                    }
                    let kept = last_good.get_untracked();
                    let (stale, sources_now, errors) = (kept.is_some(), sources.clone(), err.clone());
                    after_render(move || report_error(handle, kind, &sources_now, &errors, stale));
                    match kept {
                        Some(previous) => {
                            let shown = render_kind(handle, &sources, &previous.feed, &config, &current, &opts);
                            let updated = [
                                text.updated_at,
                                " ",
                                &format_short((previous.saved_ms / 1000.0) as i64, config.tz_offset_minutes),
                            ]
                            .concat();
                            view! {
                                {shown.view}
                                <p class="nw-note nw-stale" data-stale="true">{updated}</p>
                                <ErrorState message=text.error retry_label=text.retry on_retry=retry compact=true />
                            }
                            .into_any()
                        }
                        None => view! {
                            <ErrorState message=text.error retry_label=text.retry on_retry=retry compact=false />
                        }
                        .into_any(),
                    }
                }
            }
        })
    };

    // Before the first answer: the remembered list if there is one, else placeholder rows.
    let rows = config.limit.min(10);
    let thumbs = config.thumbnails && kind != Kind::Gallery;
    let fallback = {
        let remembered = last_good.get_untracked();
        let (config, current, opts) = (config.clone(), current.clone(), opts.clone());
        move || match remembered {
            Some(r) => render_kind(handle, &sources, &r.feed, &config, &current, &opts).view,
            None => view! { <LoadingState rows=rows thumbs=thumbs label=text.loading /> }.into_any(),
        }
    };

    let heading = config.heading.clone();
    let lang = match config.lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    view! {
        <div class="nw-root" lang=lang data-kind=kind_name(kind)>
            {(!heading.is_empty()).then(|| view! { <h2 class="nw-heading">{heading}</h2> })}
            <Transition fallback=fallback>{body}</Transition>
        </div>
    }
}

/// What a kind rendered and how many entries it shows (0 means the block is empty).
struct Shown {
    view: AnyView,
    count: usize,
}

fn render_kind(
    handle: host::HostHandle,
    sources: &Arc<Vec<String>>,
    feed: &Arc<Feed>,
    config: &Arc<BlockConfig>,
    current: &Arc<Current>,
    opts: &Arc<ItemOpts>,
) -> Shown {
    let text = labels(config.lang);
    let empty = || Shown {
        view: view! { <EmptyState message=text.empty /> }.into_any(),
        count: 0,
    };
    match config.kind {
        Kind::Latest => {
            let items: Vec<Article> = feed.items.iter().take(config.limit).cloned().collect();
            if items.is_empty() {
                return empty();
            }
            let count = items.len();
            Shown {
                view: view! { <LatestList articles=items opts=opts.clone() /> }.into_any(),
                count,
            }
        }
        Kind::Others => {
            let mut seen = HashSet::new();
            let pool = others_list::candidates(&feed.items, config, current, &mut seen);
            if pool.is_empty() {
                return empty();
            }
            let count = pool.len().min(config.limit);
            let view = view! {
                <OthersList
                    handle=handle
                    sources=sources.clone()
                    pool=pool
                    seen=seen
                    next_url=feed.next_url.clone()
                    config=config.clone()
                    current=current.clone()
                    opts=opts.clone()
                />
            };
            Shown {
                view: view.into_any(),
                count,
            }
        }
        Kind::Gallery => {
            let images = gallery_images(&feed.items, config.limit);
            if images.is_empty() {
                return empty();
            }
            let count = images.len();
            let view =
                view! { <Gallery handle=handle images=images items=feed.clone() config=config.clone() /> };
            Shown {
                view: view.into_any(),
                count,
            }
        }
    }
}

/// Runs `f` in a later task: the state and events must follow the rendered content, so a listener that
/// counts items sees them, and a page that remounts on every event cannot spin in microtasks.
/// A block unmounted meanwhile is ignored by `set_state`.
fn after_render(f: impl FnOnce() + 'static) {
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
            wasm_bindgen::JsCast::unchecked_ref(&cb),
            0,
        );
    }
}

fn report_ready(handle: host::HostHandle, kind: Kind, sources: &[String], loaded: &Loaded, count: usize) {
    let state = if count == 0 { State::Empty } else { State::Ready };
    let failed = loaded.failures.iter().map(|f| f.url.as_str());
    host::set_state(
        handle,
        state,
        &[
            ("kind", JsValue::from_str(kind_name(kind))),
            ("count", JsValue::from_f64(count as f64)),
            ("total", JsValue::from_f64(loaded.items().len() as f64)),
            ("src", host::js_strings(sources.iter().map(String::as_str))),
            ("failedSources", host::js_strings(failed)),
        ],
    );
}

/// The error event names every source (like the ready event) and the ones that failed; `reason` and
/// `status` are those of the first failure, with the others' reasons appended.
fn report_error(handle: host::HostHandle, kind: Kind, sources: &[String], errors: &[LoadError], stale: bool) {
    let first = errors.first();
    let status = first
        .and_then(|e| e.status)
        .map_or(JsValue::NULL, |s| JsValue::from_f64(f64::from(s)));
    let reason = errors
        .iter()
        .map(|e| {
            if errors.len() > 1 {
                [e.url.as_str(), ": ", &e.reason].concat()
            } else {
                e.reason.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    host::set_state(
        handle,
        State::Error,
        &[
            ("kind", JsValue::from_str(kind_name(kind))),
            ("src", host::js_strings(sources.iter().map(String::as_str))),
            (
                "failedSources",
                host::js_strings(errors.iter().map(|e| e.url.as_str())),
            ),
            ("reason", JsValue::from_str(&reason)),
            ("status", status),
            ("stale", JsValue::from_bool(stale)),
        ],
    );
}

fn log_failure(err: &LoadError) {
    host::error(&["news-widget: could not load ", &err.url, ": ", &err.reason].concat());
}
