//! `Block`: the shell of one embedded block. Draws the root and heading and picks the component of its
//! kind; kinds that read feeds go through [`FeedBlock`], which loads them.

use leptos::prelude::*;

use super::feed_block::FeedBlock;
#[cfg(feature = "gallery")]
use super::gallery;
use super::host::BlockCtx;
use super::latest_list;
#[cfg(feature = "others")]
use super::others_list;
use crate::core::config::Kind;

#[component]
pub fn Block(ctx: BlockCtx) -> impl IntoView {
    let kind = ctx.config.kind;
    let heading = ctx.config.heading.clone();
    let lang = ctx.config.lang.as_str();
    let body = match kind {
        Kind::Latest => view! { <FeedBlock ctx=ctx show=latest_list::shown /> }.into_any(),
        #[cfg(feature = "others")]
        Kind::Others => view! { <FeedBlock ctx=ctx show=others_list::shown /> }.into_any(),
        #[cfg(feature = "gallery")]
        Kind::Gallery => view! { <FeedBlock ctx=ctx show=gallery::shown /> }.into_any(),
        // A kind this module lacks: the loader mounts the block in the full module.
        #[cfg(not(all(feature = "others", feature = "gallery")))]
        _ => {
            let handle = ctx.handle;
            super::host::later(move || super::host::hand_over(handle));
            ().into_any()
        }
    };
    view! {
        <div class="nw-root" lang=lang data-kind=kind.as_str()>
            {(!heading.is_empty()).then(|| view! { <h2 class="nw-heading">{heading}</h2> })}
            {body}
        </div>
    }
}
