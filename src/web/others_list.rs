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

#[component]
pub fn OthersList(
    handle: HostHandle,
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
    let (shown, set_shown) = signal(initial);
    let (next, set_next) = signal(next_url);
    let (busy, set_busy) = signal(false);
    let (failed, set_failed) = signal(false);
    let seen = StoredValue::new(seen);

    let visible = move || {
        pool.with(|p| {
            p.iter()
                .take(shown.get())
                .cloned()
                .enumerate()
                .collect::<Vec<_>>()
        })
    };
    let local_left = move || pool.with(|p| p.len()).saturating_sub(shown.get());
    let has_more = move || local_left() > 0 || next.with(Option::is_some);
    let more_label = move || {
        let n = local_left().min(limit);
        if n > 0 {
            [text.more, " (", &n.to_string(), ")"].concat()
        } else {
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

    let config_more = config.clone();
    let current_more = current.clone();
    let load_more = move |_| {
        if busy.get_untracked() {
            return;
        }
        let first_new = shown.get_untracked();
        if local_left() > 0 {
            set_shown.update(|s| *s += limit);
            focus_item(first_new);
            return;
        }
        let Some(url) = next.get_untracked() else {
            return;
        };
        set_busy.set(true);
        set_failed.set(false);
        let config = config_more.clone();
        let current = current_more.clone();
        leptos::task::spawn_local(async move {
            let result = fetch::load(&url, config.timeout_ms, config.format, false).await;
            // The block may have been removed while the page loaded: touch nothing then.
            if busy.try_get_untracked().is_none() {
                return;
            }
            set_busy.set(false);
            match result {
                Ok(feed) => {
                    let fresh = seen
                        .try_update_value(|s| candidates(&feed.items, &config, &current, s))
                        .unwrap_or_default();
                    // A next_url pointing back at a page already read would loop forever.
                    let following = feed.next_url.clone().filter(|n| *n != url);
                    let added = fresh.len();
                    set_pool.update(|p| p.extend(fresh));
                    set_next.set(following);
                    set_shown.update(|s| *s += limit.min(added));
                    if added > 0 {
                        focus_item(first_new);
                    }
                }
                Err(e) => {
                    host::error(
                        &["news-widget: could not load more from ", &e.url, ": ", &e.reason].concat(),
                    );
                    set_failed.set(true);
                }
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
                <button
                    type="button"
                    class="nw-btn nw-more"
                    disabled=move || busy.get()
                    aria-busy=move || if busy.get() { "true" } else { "false" }
                    on:click=load_more.clone()
                >
                    {more_label}
                </button>
            </div>
        </Show>
    }
}
