//! `FeedBlock`: a block that reads feeds. Loads its sources, keeps the last good data, mirrors its state
//! on the host element and hands the loaded feed to its kind's `shown` (see [`super::kind_view`]).
//!
//! With `refresh`, it joins the refresh schedule of each source ([`super::live`]) and takes what a changed
//! feed brings as the core says ([`live::on_change`]): new stories wait behind the "N tin mới" button
//! ([`NewStories`]), other changes are drawn in place while the block does not hold the focus. A failed
//! refresh keeps the list with a "cập nhật lúc …" note.

#[cfg(feature = "live")]
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::empty_state::EmptyState;
use super::error_state::ErrorState;
use super::fetch::{self, LoadError, Loaded, Reuse};
use super::host::{self, BlockCtx, State};
use super::item_opts::ItemOpts;
use super::kind_view::{KindCtx, ShowFn, Shown};
#[cfg(feature = "live")]
use super::live::{self as schedule, Refreshed};
use super::loading_state::{Expect, LoadingState};
#[cfg(feature = "live")]
use super::new_stories::NewStories;
use super::report::{log_failure, report_error, report_ready, updated_note};
use super::store;
use crate::core::i18n::labels;
#[cfg(feature = "live")]
use crate::core::live::{self, OnChange};
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
            let reuse = if fresh { Reuse::Fresh } else { Reuse::Recent };
            let got = fetch::load_sources(&sources, &config, reuse).await;
            // A block removed meanwhile has disposed its signal: the answer goes nowhere.
            let _ = set_answer.try_set(Some(got));
        });
    };
    // What was last shown, from this block or from an earlier page view: shown at once while the
    // feed loads, and kept (with its age) when a refresh fails.
    let last_good = RwSignal::new(store::recall(&sources, config.format));
    host::set_state(handle, State::Loading, &[]);
    load(false);

    #[cfg(feature = "live")]
    let refresh = config.refresh_secs;
    #[cfg(feature = "live")]
    let live = Live {
        handle,
        memory: StoredValue::new(Memory::default()),
        banner: RwSignal::new(Banner::default()),
        answer,
        set_answer,
        last_good,
    };

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
                for f in &loaded.failures {
                    log_failure(f);
                }
                let shown = render(&loaded.feed, &k);
                #[cfg(feature = "live")]
                if refresh.is_some() {
                    live.shown(&k, &loaded.feed, shown.count);
                }
                let (count, sources_now, loaded_now) = (shown.count, k.sources.clone(), loaded.clone());
                host::soon(move || report_ready(handle, kind, &sources_now, &loaded_now, count));
                // After the ready report is queued: the snapshot's write waits behind it.
                store::remember(&k.sources, k.config.format, &loaded.feed);
                last_good.set(store::recall(&k.sources, k.config.format));
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
                host::soon(move || report_error(handle, kind, &sources_now, &errors, stale));
                match kept {
                    Some(previous) => {
                        let shown = render(&previous.feed, &k);
                        #[cfg(feature = "live")]
                        if refresh.is_some() {
                            live.shown(&k, &previous.feed, shown.count);
                        }
                        let updated = updated_note(text, previous.saved_ms, k.config.tz_offset_minutes);
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
    #[cfg(feature = "live")]
    let refresh_k = k.clone();
    let shown = move || match answer.get() {
        Some(result) => show_answer(result),
        None => match &remembered {
            Some(r) => render(&r.feed, &k).view,
            None => view! { <LoadingState expect=expect label=text.loading /> }.into_any(),
        },
    };
    #[cfg(not(feature = "live"))]
    return view! { {shown} }.into_any();
    #[cfg(feature = "live")]
    let Some(secs) = refresh
    else {
        return view! { {shown} }.into_any();
    };
    #[cfg(feature = "live")]
    {
        let notify_k = refresh_k.clone();
        let notify: schedule::Notify = Rc::new(move |r: &Refreshed| live.refreshed(&notify_k, r));
        let joined: Vec<schedule::Subscription> = sources
            .iter()
            .map(|url| schedule::join(url, &config, handle, secs, notify.clone()))
            .collect();
        on_cleanup(move || joined.into_iter().for_each(schedule::leave));
        let on_show = move || live.show_new(&refresh_k);
        let banner = live.banner;
        let tz = config.tz_offset_minutes;
        // Empty (and so not shown, `:empty`) while refreshes work.
        let stale_note = move || {
            banner
                .with(|b| b.stale)
                .map(|ms| updated_note(text, ms, tz))
                .unwrap_or_default()
        };
        view! {
            <div class="nw-live">
                <NewStories banner=banner lang=config.lang on_show=on_show />
                {shown}
                <p class="nw-note nw-stale" data-stale="true">{stale_note}</p>
            </div>
        }
        .into_any()
    }
}

/// What a refreshing block keeps between refreshes.
#[cfg(feature = "live")]
#[derive(Default)]
struct Memory {
    /// What the list shows first ([`live::first_ids`]), to tell a refresh's new stories from the shown ones.
    shown_ids: Vec<String>,
    /// Entries shown, for the ready event of a block whose refreshes work again.
    shown_count: usize,
    /// A changed feed waiting to be drawn: behind the button, or until the block lets go of the focus.
    pending: Option<Loaded>,
    /// When the feeds were last read (Unix ms), shown while refreshes fail; 0 before.
    checked: f64,
}

/// What a refreshing block shows besides its list.
#[cfg(feature = "live")]
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Banner {
    /// New stories behind the "N tin mới" button (none: no button).
    pub waiting: usize,
    /// While refreshes fail: when the list shown was read (Unix ms).
    pub stale: Option<f64>,
}

/// The refreshing side of a block, as plain methods (compiled once, not once per closure).
#[cfg(feature = "live")]
#[derive(Clone, Copy)]
struct Live {
    handle: host::HostHandle,
    memory: StoredValue<Memory>,
    banner: RwSignal<Banner>,
    answer: ReadSignal<Option<Result<Loaded, Vec<LoadError>>>>,
    set_answer: WriteSignal<Option<Result<Loaded, Vec<LoadError>>>>,
    last_good: RwSignal<Option<store::Remembered>>,
}

#[cfg(feature = "live")]
impl Live {
    /// A list was drawn from `feed`.
    fn shown(self, k: &KindCtx, feed: &Feed, count: usize) {
        let ids = first_ids(k, feed);
        self.memory.update_value(|m| {
            m.shown_ids = ids;
            m.shown_count = count;
            if m.checked == 0.0 {
                m.checked = js_sys::Date::now();
            }
        });
    }

    /// Whether a list is on screen (from this page or an earlier visit).
    fn drawn(self) -> bool {
        self.last_good.with_untracked(Option::is_some)
    }

    fn apply(self, loaded: Loaded) {
        self.memory.update_value(|m| m.pending = None);
        self.banner.update(|b| b.waiting = 0);
        self.set_answer.set(Some(Ok(loaded)));
    }

    /// A refreshed feed: its new stories wait behind the button; other changes are drawn now, or at the
    /// next refresh while the reader is inside the block.
    fn take(self, k: &KindCtx, loaded: Loaded) {
        let now_ids = first_ids(k, &loaded.feed);
        let fresh = self
            .memory
            .with_value(|m| live::new_ids(&m.shown_ids, &now_ids).len());
        let waits = live::on_change(k.config.kind) == OnChange::NewStories && fresh > 0;
        if self.drawn() && (waits || host::has_focus(self.handle)) {
            self.memory.update_value(|m| m.pending = Some(loaded));
            self.banner.update(|b| b.waiting = if waits { fresh } else { 0 });
        } else {
            self.apply(loaded);
        }
    }

    /// The "N tin mới" button: draws the waiting stories and puts the reader at the first of them.
    fn show_new(self, k: &KindCtx) {
        let Some(loaded) = self.memory.try_update_value(|m| m.pending.take()).flatten() else {
            return;
        };
        let now_ids = first_ids(k, &loaded.feed);
        let first_new = self.memory.with_value(|m| {
            live::new_ids(&m.shown_ids, &now_ids)
                .first()
                .map(|id| id.to_string())
        });
        self.apply(loaded);
        // Once drawn, the reader continues at the first new story instead of at a button that went away.
        let handle = self.handle;
        if let Some(id) = first_new {
            host::later(move || host::focus_item(handle, &id));
        }
    }

    /// What a refresh of one of the block's feeds came to.
    fn refreshed(self, k: &KindCtx, r: &Refreshed) {
        // Unmounted meanwhile.
        if self.answer.try_get_untracked().is_none() {
            return;
        }
        let kind = k.config.kind;
        let stale = self.banner.with_untracked(|b| b.stale.is_some());
        if let Refreshed::Failed(e) = r {
            // Said once, when the list starts to age; the next good refresh clears it. A list kept after a
            // failed first load already says its age.
            let answered = self.answer.with_untracked(|a| matches!(a, Some(Ok(_))));
            if answered && !stale {
                log_failure(e);
                let checked = self.memory.with_value(|m| m.checked);
                self.banner.update(|b| b.stale = Some(checked));
                report_error(self.handle, kind, &k.sources, std::slice::from_ref(e), true);
            }
            return;
        }
        self.memory.update_value(|m| m.checked = js_sys::Date::now());
        if stale {
            self.banner.update(|b| b.stale = None);
            let count = self.memory.with_value(|m| m.shown_count);
            self.answer.with_untracked(|a| {
                if let Some(Ok(loaded)) = a {
                    report_ready(self.handle, kind, &k.sources, loaded, count);
                }
            });
        }
        if let Refreshed::Changed = r {
            let k = k.clone();
            leptos::task::spawn_local(async move {
                // Every source as last read: the one that changed, and the others as their own refreshes
                // left them.
                let got = fetch::load_sources(&k.sources, &k.config, Reuse::Latest).await;
                if let Ok(loaded) = got {
                    if self.answer.try_get_untracked().is_some() {
                        self.take(&k, loaded);
                    }
                }
            });
            return;
        }
        let idle = self.banner.with_untracked(|b| b.waiting == 0) && !host::has_focus(self.handle);
        if idle {
            if let Some(loaded) = self.memory.try_update_value(|m| m.pending.take()).flatten() {
                self.apply(loaded);
            }
        }
    }
}

/// The stories a block of `k`'s kind shows first from `feed` (see [`live::first_ids`]).
#[cfg(feature = "live")]
fn first_ids(k: &KindCtx, feed: &Feed) -> Vec<String> {
    let c = &k.config;
    live::first_ids(
        c.kind,
        feed.items_for(c.tag.as_deref()),
        c.tag.as_deref(),
        c.limit,
        &k.current,
    )
}
