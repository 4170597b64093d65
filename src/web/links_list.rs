//! `LinksList`: "Liên kết website" — links to other sites, as a list (with their icons) or as the classic
//! drop-down: a real `<select>` with its label and a "Đi" button that opens the chosen site in a new tab.
//! Choosing in the drop-down never navigates by itself (keyboard users move through the options with the
//! arrows); only the button does. Every link leaves the portal: a new tab, `rel="noopener"`, and a note for
//! screen readers. URLs were limited to http(s) by the core.

use std::sync::Arc;

use super::host::{self, HostHandle};
use super::kind_view::{KindCtx, Shown};
use crate::core::config::{BlockConfig, Layout};
use crate::core::i18n::labels;
use crate::core::model::{Article, Feed};
use crate::core::select;
use crate::core::text::number_text;
use leptos::html::Select;
use leptos::prelude::*;

/// The feed's sites in feed order (see [`select::latest`]: `tag` and `limit` apply as in every list).
pub fn shown(feed: &Arc<Feed>, k: &KindCtx) -> Option<Shown> {
    let links = select::latest(
        feed.items_for(k.config.tag.as_deref()),
        k.config.tag.as_deref(),
        k.config.limit,
    );
    if links.is_empty() {
        return None;
    }
    let count = links.len();
    let view = view! { <LinksList handle=k.handle links=links config=k.config.clone() /> };
    Some(Shown {
        view: view.into_any(),
        count,
    })
}

// Through constants on purpose: an element whose attributes and children are all literals is compiled by
// `view!` into a `<template>` filled through innerHTML, which pages enforcing Trusted Types refuse.
const NEW_TAB: &str = "_blank";
const NOOPENER: &str = "noopener";
const SR_ONLY: &str = "nw-sr";

#[component]
pub fn LinksList(handle: HostHandle, links: Vec<Article>, config: Arc<BlockConfig>) -> impl IntoView {
    let text = labels(config.lang);
    let referrer = config.referrer.clone();
    match config.layout {
        // The configuration gives a links block no layout but these two.
        Layout::List | Layout::Compact | Layout::Grid | Layout::Ticker => {
            let items = links
                .into_iter()
                .map(|a| {
                    let icon = a.image.map(|src| {
                        view! {
                            <img
                                class="nw-link-icon"
                                src=src
                                alt=""
                                width="16"
                                height="16"
                                loading="lazy"
                                referrerpolicy=referrer.clone()
                            />
                        }
                    });
                    view! {
                        <li class="nw-link-item" part="item" data-item-id=a.id>
                            <a class="nw-link" part="link" href=a.url target=NEW_TAB rel=NOOPENER referrerpolicy=referrer.clone()>
                                {icon}
                                <span class="nw-link-text">{a.title}</span>
                                <span class=SR_ONLY>{text.links_ui.new_tab}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="nw-links" part="list" role="list">{items}</ul> }.into_any()
        }
        Layout::Select => {
            let select_ref: NodeRef<Select> = NodeRef::new();
            let id = ["nw-links-", &number_text(handle.into())].concat();
            let urls: Arc<Vec<String>> = Arc::new(links.iter().map(|a| a.url.clone()).collect());
            let go = move |_| {
                let Some(select) = select_ref.get_untracked() else {
                    return;
                };
                let chosen = select.value();
                // Only a URL of the list (the option values could have been edited in the DOM).
                if !urls.contains(&chosen) {
                    let _ = select.focus();
                    return;
                }
                if let Some(w) = web_sys::window() {
                    if w.open_with_url_and_target_and_features(&chosen, NEW_TAB, NOOPENER)
                        .is_err()
                    {
                        host::warn("the browser refused to open the chosen site");
                    }
                }
            };
            let options = links
                .into_iter()
                .map(|a| view! { <option value=a.url data-item-id=a.id>{a.title}</option> })
                .collect_view();
            view! {
                <div class="nw-links-select">
                    <label class=SR_ONLY for=id.clone()>{text.links_ui.label}</label>
                    <select class="nw-select" part="select" id=id node_ref=select_ref>
                        <option value="">{text.links_ui.placeholder}</option>
                        {options}
                    </select>
                    <button type="button" class="nw-btn nw-go" part="button go" on:click=go>{text.links_ui.go}</button>
                </div>
            }
            .into_any()
        }
    }
}
