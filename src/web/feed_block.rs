//! `FeedBlock`: a block that reads feeds. Loads its sources, keeps the last good data, mirrors its state
//! on the host element and hands the loaded feed to its kind's `shown` (see [`super::kind_view`]).

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::article_item::ItemOpts;
use super::empty_state::EmptyState;
use super::error_state::ErrorState;
use super::fetch::{self, LoadError, Loaded};
use super::host::{self, BlockCtx, State};
use super::kind_view::{KindCtx, ShowFn, Shown};
use super::loading_state::{Expect, LoadingState};
use super::store;
use crate::core::config::Kind;
use crate::core::date::format_short;
use crate::core::i18n::labels;
use crate::core::model::Feed;
use crate::core::select::Current;

#[component]
pub fn FeedBlock(ctx: BlockCtx, show: ShowFn) -> impl IntoView {
    let BlockCtx {
        handle,
        config,
        sources,
        canonical,
        page_url,
        page_title,
        ..
    } = ctx;
    // The `current` attribute alone names the article; without it the page's title is the last resort.
    let title = page_title.filter(|_| config.current.is_none());
    let current = Arc::new(
        Current::new(
            config.current.as_deref(),
            canonical.as_deref(),
            page_url.as_deref(),
        )
        .with_title(title.as_deref()),
    );
    let text = labels(config.lang);
    let kind = config.kind;
    let k = KindCtx {
        handle,
        opts: Arc::new(ItemOpts::new(&config, sources.len())),
        sources: sources.clone(),
        config: config.clone(),
        current,
    };
    let render = move |feed: &Arc<Feed>, k: &KindCtx| {
        show(feed, k).unwrap_or_else(|| Shown {
            view: view! { <EmptyState message=text.empty /> }.into_any(),
            count: 0,
        })
    };

    // `None` until the first answer. A retry keeps the current answer on screen until the next one arrives.
    let (answer, set_answer) = signal(None::<Result<Loaded, Vec<LoadError>>>);
    let load_config = config.clone();
    let load_sources = sources.clone();
    let load = move |fresh: bool| {
        let (config, sources) = (load_config.clone(), load_sources.clone());
        leptos::task::spawn_local(async move {
            let got = fetch::load_sources(&sources, &config, fresh).await;
            // A block removed meanwhile has disposed its signal: the answer goes nowhere.
            let _ = set_answer.try_set(Some(got));
        });
    };
    // What was last shown, from this block or from an earlier page view: shown at once while the
    // feed loads, and kept (with its age) when a refresh fails.
    let last_good = RwSignal::new(store::recall(&sources));
    host::set_state(handle, State::Loading, &[]);
    load(false);

    let retry_load = load.clone();
    let retry = Callback::new(move |_: ()| {
        host::set_state(handle, State::Loading, &[]);
        retry_load(true);
    });

    let answer_k = k.clone();
    let show_answer = move |result: Result<Loaded, Vec<LoadError>>| -> AnyView {
        let k = answer_k.clone();
        let errors = match &result {
            Ok(loaded) => loaded.failures.as_slice(),
            Err(errors) => errors.as_slice(),
        };
        if errors.iter().any(|e| e.needs_full) {
            // This module does not read one of the feeds: the loader mounts the block in the full one.
            host::later(move || host::hand_over(handle));
            return ().into_any();
        }
        match result {
            Ok(loaded) => {
                store::remember(&k.sources, &loaded.feed);
                last_good.set(store::recall(&k.sources));
                for f in &loaded.failures {
                    log_failure(f);
                }
                let shown = render(&loaded.feed, &k);
                let (count, sources_now, loaded_now) = (shown.count, k.sources.clone(), loaded.clone());
                host::later(move || report_ready(handle, kind, &sources_now, &loaded_now, count));
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
                let (stale, sources_now, errors) = (kept.is_some(), k.sources.clone(), err.clone());
                host::later(move || report_error(handle, kind, &sources_now, &errors, stale));
                match kept {
                    Some(previous) => {
                        let shown = render(&previous.feed, &k);
                        let updated = [
                            text.updated_at,
                            " ",
                            &format_short((previous.saved_ms / 1000.0) as i64, k.config.tz_offset_minutes),
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
    };

    // Before the first answer: the remembered list if there is one, else placeholders of its height.
    let expect = Expect {
        kind,
        layout: config.layout,
        rows: config.limit,
        thumbs: k.opts.thumbnails,
        summary: k.opts.summary,
    };
    let remembered = last_good.get_untracked();
    let shown = move || match answer.get() {
        Some(result) => show_answer(result),
        None => match &remembered {
            Some(r) => render(&r.feed, &k).view,
            None => view! { <LoadingState expect=expect label=text.loading /> }.into_any(),
        },
    };
    view! { {shown} }
}

fn report_ready(handle: host::HostHandle, kind: Kind, sources: &[String], loaded: &Loaded, count: usize) {
    let state = if count == 0 { State::Empty } else { State::Ready };
    let failed = loaded.failures.iter().map(|f| f.url.as_str());
    host::set_state(
        handle,
        state,
        &[
            ("kind", JsValue::from_str(kind.as_str())),
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
            ("kind", JsValue::from_str(kind.as_str())),
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
    host::error(&["could not load ", &err.url, ": ", &err.reason].concat());
}
