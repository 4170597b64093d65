//! `LatestList`: the "Mới nhất" list, newest first, one `ArticleItem` per article.
//!
//! The list is drawn once per answer and never changes in place, so it is a plain collected view: a keyed
//! `<For>` would add ~2 KB (brotli) of diffing code to the lean module for nothing.

use std::sync::Arc;

use leptos::prelude::*;

use super::article_item::ArticleItem;
use super::item_opts::ItemOpts;
use super::kind_view::{KindCtx, Shown};
#[cfg(feature = "ticker")]
use super::ticker;
use crate::core::model::{Article, Feed};
use crate::core::select;

/// The list of the feed's newest items (see [`select::latest`]).
pub fn shown(feed: &Arc<Feed>, k: &KindCtx) -> Option<Shown> {
    let items = select::latest(
        feed.items_for(k.config.tag.as_deref()),
        k.config.tag.as_deref(),
        k.config.limit,
    );
    if items.is_empty() {
        return None;
    }
    let count = items.len();
    let view = view! { <LatestList articles=items opts=k.opts.clone() /> }.into_any();
    #[cfg(feature = "ticker")]
    let view = ticker::wrap(k, view);
    Some(Shown { view, count })
}

#[component]
pub fn LatestList(articles: Vec<Article>, opts: Arc<ItemOpts>) -> impl IntoView {
    view! {
        <ul class="nw-list" part="list" role="list">
            {articles
                .into_iter()
                .map(|article| view! { <ArticleItem article=article opts=opts.clone() /> })
                .collect_view()}
        </ul>
    }
}
