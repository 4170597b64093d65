//! `OthersList`: "Các tin khác" — the other stories (never the one being read) with "Xem thêm".
//!
//! The candidates are the loaded items minus the current article and, with `tag`, minus other
//! columns. "Xem thêm" first reveals the next `limit` local candidates; when those run out and the
//! feed has a JSON Feed `next_url`, it fetches that page (same fetch path, same safety rules),
//! de-duplicating by id and URL. A failed page keeps what is shown and says so.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;

use super::article_item::ArticleItem;
use super::block::ItemOpts;
use super::fetch;
use super::host::{self, HostHandle};
use crate::core::config::BlockConfig;
use crate::core::i18n::labels;
use crate::core::model::Article;
use crate::core::select::{has_tag, Current};
use crate::core::url::match_key;

/// Candidates of one page of the feed: not the current article, in the tag when one is set, and not
/// already seen (by id or URL key).
pub fn candidates(
    items: &[Article],
    config: &BlockConfig,
    current: &Current,
    seen: &mut HashSet<String>,
) -> Vec<Article> {
    items
        .iter()
        .filter(|a| !current.is_current(a))
        .filter(|a| config.tag.as_deref().is_none_or(|t| has_tag(a, t)))
        .filter(|a| {
            let key = match_key(&a.url).unwrap_or_else(|| a.url.clone());
            let fresh = !seen.contains(&a.id) && !seen.contains(&key);
            seen.insert(a.id.clone());
            seen.insert(key);
            fresh
        })
        .cloned()
        .collect()
}

/// Pages fetched for one click at most: a page that only repeats items already shown (or the article being
/// read) would otherwise leave the reader clicking for nothing.
const MAX_PAGES_PER_CLICK: usize = 3;

#[component]
pub fn OthersList(
    handle: HostHandle,
    /// The feed URLs the block was loaded from.
    sources: Arc<Vec<String>>,
    pool: Vec<Article>,
    seen: HashSet<String>,
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
    // Pages already read: a `next_url` chain that loops back (A → B → A) ends instead of cycling.
    // The block's own sources count as read: a `next_url` back to page 1 adds nothing.
    let pages = StoredValue::new(sources.to_vec());

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
    let has_more = move || local_left() > 0 || next.with(Option::is_some);
    let more_label = move || {
        let n = local_left().min(limit);
        if n > 0 {
            [text.more, " (", &n.to_string(), ")"].concat()
        } else {
            // Only the next page is left: how many it brings is unknown until it is read.
            text.more.to_owned()
        }
    };

    let focus_item = move |index: usize| {
        // After the new entries are in the DOM, focus the first of them so keyboard and screen-reader
        // users continue where the list grew instead of at a button that may have disappeared.
        request_animation_frame(move || {
            let selector = ["li[data-index=\"", &index.to_string(), "\"] .nw-title"].concat();
            host::focus_in(handle, &selector);
        });
    };

    let load_more = move |_| {
        if busy.get_untracked() {
            return;
        }
        let total = pool.with_untracked(Vec::len);
        let first_new = shown.get_untracked().min(total);
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
            for _ in 0..MAX_PAGES_PER_CLICK {
                let result = fetch::load(&url, config.timeout_ms, config.format, false).await;
                // The block may have been removed while the page loaded: touch nothing then.
                if busy.try_get_untracked().is_none() {
                    return;
                }
                let feed = match result {
                    Ok(feed) => feed,
                    Err(e) => {
                        host::error(
                            &["news-widget: could not load more from ", &e.url, ": ", &e.reason].concat(),
                        );
                        // `next` still names this page, so the button (still there) retries it.
                        set_failed.set(true);
                        break;
                    }
                };
                let fresh = seen
                    .try_update_value(|s| candidates(&feed.items, &config, &current, s))
                    .unwrap_or_default();
                let following = pages
                    .try_update_value(|read| {
                        read.push(url.clone());
                        feed.next_url.clone().filter(|n| !read.contains(n))
                    })
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
        <ul class="nw-list" role="list">
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
