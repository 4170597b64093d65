//! `Block`: the shell of one embedded block. Draws the root and heading and picks the component of its
//! kind; kinds that read feeds go through [`FeedBlock`], which loads them.

use leptos::prelude::*;

use super::feed_block::FeedBlock;
#[cfg(feature = "gallery")]
use super::gallery;
use super::host::BlockCtx;
use super::latest_list;
#[cfg(feature = "links")]
use super::links_list;
#[cfg(feature = "others")]
use super::others_list;
use crate::core::config::Kind;

#[component]
pub fn Block(ctx: BlockCtx) -> impl IntoView {
    let kind = ctx.config.kind;
    let heading = ctx.config.heading.clone();
    let lang = ctx.config.lang.as_str();
    let body = match kind {
        Kind::Latest => view! { <FeedBlock ctx=ctx show=latest_list::shown /> },
        #[cfg(feature = "others")]
        Kind::Others => view! { <FeedBlock ctx=ctx show=others_list::shown /> },
        #[cfg(feature = "gallery")]
        Kind::Gallery => view! { <FeedBlock ctx=ctx show=gallery::shown /> },
        #[cfg(feature = "links")]
        Kind::Links => view! { <FeedBlock ctx=ctx show=links_list::shown /> },
        // The lean module never gets these blocks from the loader; mounted by hand, it shows the latest.
        #[cfg(not(all(feature = "others", feature = "gallery", feature = "links")))]
        _ => view! { <FeedBlock ctx=ctx show=latest_list::shown /> },
    };
    view! {
        <div class="nw-root" lang=lang data-kind=kind.as_str()>
            {(!heading.is_empty()).then(|| view! { <h2 class="nw-heading">{heading}</h2> })}
            {body}
        </div>
    }
}
