//! `LatestList`: the "Mới nhất" list, newest first, one `ArticleItem` per article.

use std::sync::Arc;

use leptos::prelude::*;

use super::article_item::ArticleItem;
use super::block::ItemOpts;
use crate::core::model::Article;

#[component]
pub fn LatestList(articles: Vec<Article>, opts: Arc<ItemOpts>) -> impl IntoView {
    view! {
        <ul class="nw-list" role="list">
            <For each=move || articles.clone() key=|a| a.id.clone() let:article>
                <ArticleItem article=article opts=opts.clone() />
            </For>
        </ul>
    }
}
