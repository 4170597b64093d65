//! `ArticleItem`: one article as a list entry (thumbnail, title link, portal-time date, summary).
//! Every string here comes from the feed and is rendered as text; URLs were limited to http(s) by the core.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::config::{BlockConfig, TimeStyle};
#[cfg(feature = "live")]
use crate::core::date::format_relative;
use crate::core::date::{format_datetime, format_iso};
use crate::core::i18n::Lang;
use crate::core::model::{Article, Timestamp};

/// How items are drawn, derived once from the configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemOpts {
    pub tz_offset_minutes: i32,
    pub lang: Lang,
    pub thumbnails: bool,
    pub summary: bool,
    pub referrer: String,
    /// Several sources: each item names where it came from.
    pub show_source: bool,
    pub time: TimeStyle,
}

impl ItemOpts {
    pub fn new(config: &BlockConfig, sources: usize) -> Self {
        ItemOpts {
            tz_offset_minutes: config.tz_offset_minutes,
            lang: config.lang,
            thumbnails: config.thumbnails,
            summary: config.summary,
            referrer: config.referrer.clone(),
            show_source: sources > 1,
            time: config.time,
        }
    }
}

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
                    src=src
                    srcset=image_srcset
                    sizes="96px"
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
    let time = published.map(|ts| time_view(ts, &opts));
    let source = source
        .filter(|_| opts.show_source)
        .map(|s| view! { <span class="nw-source">{s}</span> });
    let summary = summary
        .filter(|s| opts.summary && !s.is_empty())
        .map(|s| view! { <p class="nw-summary">{s}</p> });
    view! {
        <li class="nw-item" data-item-id=id data-index=index>
            {thumb}
            <div class="nw-body">
                <a class="nw-title" href=url>{title}</a>
                <span class="nw-meta">{source}{time}</span>
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
    view! { <time datetime=format_iso(ts, tz) title=title>{text}</time> }
}

/// Without the clock (the lean module) times are absolute: a block with relative times is handed over to
/// the full module.
#[cfg(not(feature = "live"))]
fn time_view(ts: Timestamp, opts: &ItemOpts) -> impl IntoView {
    let (tz, lang) = (opts.tz_offset_minutes, opts.lang);
    view! { <time datetime=format_iso(ts, tz)>{format_datetime(ts, tz, lang)}</time> }
}
