//! `ArticleItem`: one article as a list entry (thumbnail, title link, portal-time date, summary).
//! Every string here comes from the feed and is rendered as text; URLs were limited to http(s) by the core.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use super::item_opts::ItemOpts;

#[cfg(feature = "live")]
use crate::core::config::TimeStyle;
#[cfg(feature = "live")]
use crate::core::date::format_relative;
use crate::core::date::{format_datetime, format_iso};
use crate::core::model::{Article, Timestamp};

// Through a constant on purpose: an element whose attributes and children are all literals is compiled by
// `view!` into a `<template>` filled through innerHTML, which pages enforcing Trusted Types refuse.
const THUMB_NONE: &str = "nw-thumb nw-thumb-none";
const SUMMARY_NONE: &str = "nw-summary-none";

#[component]
pub fn ArticleItem(
    article: Article,
    opts: Arc<ItemOpts>,
    /// Position in the list, for moving focus to entries added by "Xem thêm".
    #[prop(optional)]
    index: Option<usize>,
) -> impl IntoView {
    let Article {
        id,
        url,
        title,
        summary,
        image,
        image_srcset,
        published,
        source,
        ..
    } = article;
    let thumb = image.filter(|_| opts.thumbnails).map(|src| {
        view! {
            // The title link follows; this one is for pointers only, so it is hidden from keyboard and AT.
            <a class="nw-thumb-link" href=url.clone() tabindex="-1" aria-hidden="true">
                <img
                    class="nw-thumb"
                    part="thumbnail"
                    src=src
                    srcset=image_srcset
                    sizes=opts.thumb_sizes
                    alt=""
                    width="96"
                    height="64"
                    loading="lazy"
                    decoding="async"
                    referrerpolicy=opts.referrer.clone()
                />
            </a>
        }
    });
    // An item without a picture keeps its place in a block with thumbnails: every row has the same height.
    let no_thumb = (thumb.is_none() && opts.thumbnails)
        .then(|| view! { <span class=THUMB_NONE aria-hidden="true"></span> });
    let time = published.map(|ts| time_view(ts, &opts));
    let source = source
        .filter(|_| opts.show_source)
        .map(|s| view! { <span class="nw-source" part="source">{s}</span> });
    // An item without a summary keeps its lines too, in a block that shows summaries.
    let summary = opts.summary.then(|| match summary.filter(|s| !s.is_empty()) {
        Some(s) => Either::Left(view! { <p class="nw-summary" part="summary">{s}</p> }),
        None => Either::Right(view! { <span class=SUMMARY_NONE aria-hidden="true"></span> }),
    });
    view! {
        <li class="nw-item" part="item" data-item-id=id data-index=index>
            {thumb}
            {no_thumb}
            <div class="nw-body">
                <a class="nw-title" part="title" href=url>{title}</a>
                <span class="nw-meta" part="meta">{source}{time}</span>
                {summary}
            </div>
        </li>
    }
}

/// Relative times follow the module's clock (see `clock`), as text only; `datetime` keeps the exact instant,
/// `title` the date. One element type for both styles keeps the module small.
#[cfg(feature = "live")]
fn time_view(ts: Timestamp, opts: &ItemOpts) -> impl IntoView {
    let (tz, lang) = (opts.tz_offset_minutes, opts.lang);
    let now = (opts.time == TimeStyle::Relative).then(super::clock::now);
    let title = now.is_some().then(|| format_datetime(ts, tz, lang));
    let text = move || match &now {
        Some(now) => format_relative(ts, now.get(), tz, lang),
        None => format_datetime(ts, tz, lang),
    };
    view! { <time part="time" datetime=format_iso(ts, tz) title=title>{text}</time> }
}

/// Without the clock (the lean module) times are absolute: a block with relative times is handed over to
/// the full module.
#[cfg(not(feature = "live"))]
fn time_view(ts: Timestamp, opts: &ItemOpts) -> impl IntoView {
    let (tz, lang) = (opts.tz_offset_minutes, opts.lang);
    view! { <time part="time" datetime=format_iso(ts, tz)>{format_datetime(ts, tz, lang)}</time> }
}
