//! `Block`: the shell of one embedded block. Draws the root and heading and picks the component of its
//! kind; kinds that read feeds go through [`FeedBlock`], which loads them.

use leptos::prelude::*;

use super::feed_block::FeedBlock;
#[cfg(feature = "feedback")]
use super::feedback_form::FeedbackForm;
#[cfg(feature = "feedback")]
use super::feedback_list::FeedbackList;
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
    // The lean module has no refresh schedules, clock or ticker: such a block is the full module's.
    #[cfg(not(feature = "live"))]
    let live =
        ctx.config.refresh_secs.is_some() || ctx.config.time == crate::core::config::TimeStyle::Relative;
    #[cfg(feature = "live")]
    let live = false;
    #[cfg(not(feature = "ticker"))]
    let ticker = ctx.config.layout == crate::core::config::Layout::Ticker;
    #[cfg(feature = "ticker")]
    let ticker = false;
    let elsewhere = live || ticker;
    let layout = ctx.config.layout.as_str();
    let body = match kind {
        _ if elsewhere => {
            let handle = ctx.handle;
            super::host::later(move || super::host::hand_over(handle));
            ().into_any()
        }
        Kind::Latest => view! { <FeedBlock ctx=ctx show=latest_list::shown /> }.into_any(),
        #[cfg(feature = "others")]
        Kind::Others => view! { <FeedBlock ctx=ctx show=others_list::shown /> }.into_any(),
        #[cfg(feature = "gallery")]
        Kind::Gallery => view! { <FeedBlock ctx=ctx show=gallery::shown /> }.into_any(),
        #[cfg(feature = "links")]
        Kind::Links => view! { <FeedBlock ctx=ctx show=links_list::shown /> }.into_any(),
        #[cfg(feature = "feedback")]
        Kind::Feedback => feedback(ctx).into_any(),
        // A kind this module lacks: the loader mounts the block in the full module.
        #[cfg(not(all(
            feature = "others",
            feature = "gallery",
            feature = "links",
            feature = "feedback"
        )))]
        _ => {
            let handle = ctx.handle;
            super::host::later(move || super::host::hand_over(handle));
            ().into_any()
        }
    };
    view! {
        <div class="nw-root" lang=lang data-kind=kind.as_str() data-layout=layout>
            {(!heading.is_empty()).then(|| view! { <h2 class="nw-heading" part="heading">{heading}</h2> })}
            {body}
        </div>
    }
}

/// "Phản hồi": the form, and the published feedback under it with `list="on"`. Needs no feed: the block is
/// ready at once (or in error when its `action` is missing or not an http(s) URL).
#[cfg(feature = "feedback")]
fn feedback(ctx: BlockCtx) -> impl IntoView {
    use super::host;
    use crate::core::feedback_ui;
    use crate::core::url;
    use wasm_bindgen::JsValue;

    let BlockCtx {
        handle,
        config,
        canonical,
        page_url,
        page_title,
        ..
    } = ctx;
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    let action = config
        .action
        .as_deref()
        .and_then(|a| url::resolve(base.as_deref().or(page_url.as_deref()), a));
    let article = feedback_ui::article(
        config.current.as_deref(),
        canonical.as_deref(),
        page_url.as_deref(),
        page_title.as_deref(),
    );
    let kind = JsValue::from_str(config.kind.as_str());
    match &action {
        Some(_) => super::host::soon(move || {
            host::set_state(
                handle,
                host::State::Ready,
                &[("kind", kind), ("count", JsValue::from_f64(0.0))],
            )
        }),
        None => {
            host::error("attribute action is missing or not an http(s) URL: feedback cannot be sent");
            super::host::soon(move || {
                host::set_state(
                    handle,
                    host::State::Error,
                    &[
                        ("kind", kind),
                        (
                            "reason",
                            JsValue::from_str("attribute action is missing or not an http(s) URL"),
                        ),
                        ("status", JsValue::NULL),
                        ("stale", JsValue::FALSE),
                    ],
                )
            });
        }
    }
    let list = action
        .as_deref()
        .filter(|_| config.list)
        .map(|a| feedback_ui::published_url(a, &article.url));
    let (timeout_ms, tz, lang) = (config.timeout_ms, config.tz_offset_minutes, config.lang);
    view! {
        <FeedbackForm handle=handle config=config action=action article=article page_url=page_url />
        {list.map(|url| view! { <FeedbackList url=url timeout_ms=timeout_ms tz_offset_minutes=tz lang=lang /> })}
    }
}
