//! `OthersList`: "Các tin khác" — the other stories (never the one being read) with "Xem thêm".
//!
//! The core picks the candidates of each page (`select::others`: not the current article, in the `tag`,
//! not seen before) and the page after it (`select::Pages`). This component reveals the next `limit`
//! local candidates on "Xem thêm"; when those run out and the feed has a next page, it fetches that page
//! (same fetch path, same safety rules). A failed page keeps what is shown and says so.

use std::sync::Arc;

use leptos::prelude::*;

use super::article_item::ArticleItem;
use super::fetch;
use super::host::{self, HostHandle};
use super::item_opts::ItemOpts;
use super::kind_view::{KindCtx, Shown};
#[cfg(feature = "ticker")]
use super::ticker;
use crate::core::config::BlockConfig;
use crate::core::i18n::labels;
use crate::core::model::{Article, Feed};
use crate::core::select::{self, Current, Pages, Seen, MAX_PAGES_PER_CLICK};
use crate::core::text::number_text;

/// The first page of candidates (see [`select::others`]) and the list that pages through the rest.
pub fn shown(feed: &Arc<Feed>, k: &KindCtx) -> Option<Shown> {
    let mut seen = Seen::default();
    let items = feed.items_for(k.config.tag.as_deref());
    let pool = select::others(items, k.config.tag.as_deref(), &k.current, &mut seen);
    // A large feed read newest first: the rest is read when "Xem thêm" reaches it.
    let unread = (items.len() < feed.total()).then(|| feed.clone());
    if pool.is_empty() {
        return None;
    }
    let count = pool.len().min(k.config.limit);
    let view = view! {
        <OthersList
            handle=k.handle
            sources=k.sources.clone()
            pool=pool
            seen=seen
            unread=unread
            next_url=feed.next_url.clone()
            config=k.config.clone()
            current=k.current.clone()
            opts=k.opts.clone()
        />
    };
    #[cfg(feature = "ticker")]
    let view = ticker::wrap(k, view.into_any());
    Some(Shown {
        view: view.into_any(),
        count,
    })
}

#[component]
pub fn OthersList(
    handle: HostHandle,
    /// The feed URLs the block was loaded from.
    sources: Arc<Vec<String>>,
    pool: Vec<Article>,
    seen: Seen,
    /// The feed, when it has items not read yet (see [`Feed::all_items`]): they come before a next page.
    unread: Option<Arc<Feed>>,
    next_url: Option<String>,
    config: Arc<BlockConfig>,
    current: Arc<Current>,
    opts: Arc<ItemOpts>,
) -> impl IntoView {
    let text = labels(config.lang);
    let limit = config.limit;
    let initial = pool.len().min(limit);
    let (pool, set_pool) = signal(pool);
    // Invariant: `shown <= pool.len()`, so the first entry a click adds is always at index `shown`.
    let (shown, set_shown) = signal(initial);
    let (next, set_next) = signal(next_url);
    let (busy, set_busy) = signal(false);
    let (failed, set_failed) = signal(false);
    let seen = StoredValue::new(seen);
    let unread = StoredValue::new(unread);
    let pages = StoredValue::new(Pages::new(&sources));

    let visible = move || {
        pool.with(|p| {
            p.iter()
                .take(shown.get())
                .cloned()
                .enumerate()
                .collect::<Vec<_>>()
        })
    };
    let local_left = move || pool.with(Vec::len).saturating_sub(shown.get());
    let has_more =
        move || local_left() > 0 || next.with(Option::is_some) || unread.with_value(Option::is_some);
    let more_label = move || {
        let n = local_left().min(limit);
        // With the rest of a large feed still unread, a page short of `limit` grows by how many the rest
        // holds, unknown until it is read.
        if n > 0 && (n == limit || unread.with_value(Option::is_none)) {
            [text.more, " (", &number_text(n as u64), ")"].concat()
        } else {
            // Only the next page is left: how many it brings is unknown until it is read.
            text.more.to_owned()
        }
    };

    let focus_item = move |index: usize| {
        // After the new entries are in the DOM, focus the first of them so keyboard and screen-reader
        // users continue where the list grew instead of at a button that may have disappeared.
        request_animation_frame(move || {
            let selector = ["li[data-index=\"", &number_text(index as u64), "\"] .nw-title"].concat();
            host::focus_in(handle, &selector);
        });
    };

    let load_more = move |_| {
        if busy.get_untracked() {
            return;
        }
        let total = pool.with_untracked(Vec::len);
        let first_new = shown.get_untracked().min(total);
        // A click shows a whole page: when the items read so far do not fill it, the rest is read first.
        if first_new + limit > total {
            if let Some(feed) = unread.try_update_value(Option::take).flatten() {
                // The rest of a large feed, read in slices before it joins the candidates.
                set_busy.set(true);
                let (config, current) = (config.clone(), current.clone());
                leptos::task::spawn_local(async move {
                    fetch::read_rest(&feed).await;
                    if busy.try_get_untracked().is_none() {
                        return;
                    }
                    let rest = feed.all_items().get(feed.items.len()..).unwrap_or_default();
                    let fresh = seen
                        .try_update_value(|s| select::others(rest, config.tag.as_deref(), &current, s))
                        .unwrap_or_default();
                    let now_total = total + fresh.len();
                    set_pool.update(|p| p.extend(fresh));
                    set_busy.set(false);
                    if now_total > first_new {
                        set_shown.set((first_new + limit).min(now_total));
                        focus_item(first_new);
                    }
                });
                return;
            }
        }
        if first_new < total {
            set_shown.set((first_new + limit).min(total));
            focus_item(first_new);
            return;
        }
        let Some(first_url) = next.get_untracked() else {
            return;
        };
        set_busy.set(true);
        set_failed.set(false);
        let config = config.clone();
        let current = current.clone();
        leptos::task::spawn_local(async move {
            let mut url = first_url;
            let mut added = 0;
            // A click asks for the page afresh: a failure remembered from the last click is not an answer.
            for _ in 0..MAX_PAGES_PER_CLICK {
                let result = fetch::load(&url, &config, fetch::Reuse::Fresh).await;
                // The block may have been removed while the page loaded: touch nothing then.
                if busy.try_get_untracked().is_none() {
                    return;
                }
                let feed = match result {
                    Ok(feed) => feed,
                    Err(e) => {
                        host::error(&["could not load more from ", &e.url, ": ", &e.reason].concat());
                        // `next` still names this page, so the button (still there) retries it.
                        set_failed.set(true);
                        break;
                    }
                };
                let fresh = seen
                    .try_update_value(|s| select::others(&feed.items, config.tag.as_deref(), &current, s))
                    .unwrap_or_default();
                let following = pages
                    .try_update_value(|read| read.after(&url, feed.next_url.as_deref()))
                    .flatten();
                added = fresh.len();
                set_pool.update(|p| p.extend(fresh));
                set_next.set(following.clone());
                match following {
                    Some(n) if added == 0 => url = n,
                    _ => break,
                }
            }
            set_busy.set(false);
            if added > 0 {
                set_shown.set(first_new + added.min(limit));
                focus_item(first_new);
            } else if next.get_untracked().is_none() && first_new > 0 {
                // Nothing new and nothing left: the button is gone, so keep the reader at the list's end.
                focus_item(first_new - 1);
            }
        });
    };

    view! {
        <ul class="nw-list" part="list" role="list">
            <For each=visible key=|(_, a)| a.id.clone() let:entry>
                <ArticleItem article=entry.1 opts=opts.clone() index=entry.0 />
            </For>
        </ul>
        <Show when=move || failed.get()>
            <p class="nw-note nw-status-error" role="alert">{text.more_failed}</p>
        </Show>
        <Show when=has_more>
            <div class="nw-actions">
                // Not `disabled` while loading: disabling the focused button would drop keyboard focus to
                // the page. Clicks during a load are ignored instead.
                <button
                    type="button"
                    class="nw-btn nw-more"
                    part="button more"
                    aria-disabled=move || if busy.get() { "true" } else { "false" }
                    aria-busy=move || if busy.get() { "true" } else { "false" }
                    on:click=load_more.clone()
                >
                    {more_label}
                </button>
            </div>
        </Show>
    }
}
