//! `LoadingState`: placeholders drawn with the classes of the final layout (rows, cards, photo cells, the
//! ticker's line, links), so they take the height the loaded block will take and the host page does not
//! shift when the items arrive.

use leptos::prelude::*;

use crate::core::config::{Kind, Layout};

// Classes go through constants on purpose: an element whose attributes are all literals is compiled
// by `view!` into a `<template>` filled through innerHTML, which pages enforcing Trusted Types refuse.
const THUMB: &str = "nw-thumb nw-skel";
const BODY: &str = "nw-body";
const TITLE: &str = "nw-title nw-skel";
const META: &str = "nw-meta nw-skel";
const SUMMARY: &str = "nw-summary nw-skel";
const ACTIONS: &str = "nw-actions";
const MORE: &str = "nw-btn nw-skel-more";

/// What the loaded block will show, as far as its height goes.
#[derive(Debug, Clone, Copy)]
pub struct Expect {
    pub kind: Kind,
    pub layout: Layout,
    /// Entries at most (`limit`).
    pub rows: usize,
    pub thumbs: bool,
    pub summary: bool,
}

#[component]
pub fn LoadingState(expect: Expect, label: &'static str) -> impl IntoView {
    let Expect {
        kind,
        layout,
        mut rows,
        thumbs,
        summary,
    } = expect;
    let stories = matches!(kind, Kind::Latest | Kind::Others);
    // (container, entry, what an entry holds besides a story's parts)
    let (list, row, inner) = match (kind, layout) {
        (Kind::Gallery, _) => ("nw-grid", "nw-gcell nw-skel nw-skel-photo", None),
        (Kind::Links, Layout::Select) => {
            rows = 1;
            ("nw-links-select", "nw-select nw-skel", None)
        }
        (Kind::Links, _) => ("nw-links", "nw-link-item", Some("nw-link nw-skel")),
        _ => ("nw-list", "nw-item", None),
    };
    let ticker = stories && layout == Layout::Ticker;
    if ticker {
        rows = 1;
    }
    // "Xem thêm" is under the list of "Các tin khác" as soon as the feed has more than `limit` stories.
    let more = kind == Kind::Others && !ticker;
    let entries = (0..rows.max(1))
        .map(|_| {
            view! {
                <div class=row>
                    {(stories && thumbs).then(|| view! { <span class=THUMB></span> })}
                    {stories
                        .then(|| {
                            view! {
                                <span class=BODY>
                                    <span class=TITLE></span>
                                    <span class=META></span>
                                    {summary.then(|| view! { <span class=SUMMARY></span> })}
                                </span>
                            }
                        })}
                    {inner.map(|class| view! { <span class=class></span> })}
                </div>
            }
        })
        .collect_view();
    let entries = view! { <div class=list aria-hidden="true">{entries}</div> };
    view! {
        <div class="nw-loading" part="loading" role="status" aria-busy="true" aria-label=label>
            {entries}
            {more.then(|| view! { <div class=ACTIONS aria-hidden="true"><span class=MORE>{"\u{a0}"}</span></div> })}
        </div>
    }
}
