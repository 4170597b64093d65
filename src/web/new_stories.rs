//! `NewStories`: the stories a refresh brought that wait for the reader. A "3 tin mới" button floats over
//! the top of the list (it never pushes the list down under the reader's finger) and draws them when
//! pressed; a polite live region says the count once per batch.

use leptos::prelude::*;

use super::feed_block::Banner;
use crate::core::i18n::{counted, labels, Lang};

// Through constants on purpose: an element whose attributes and children are all literals is compiled by
// `view!` into a `<template>` filled through innerHTML, which pages enforcing Trusted Types refuse.
const BUTTON: &str = "nw-btn nw-new";
const ANNOUNCER: &str = "nw-sr nw-announce";

#[component]
pub fn NewStories(banner: RwSignal<Banner>, lang: Lang, on_show: impl Fn() + 'static) -> impl IntoView {
    let text = labels(lang);
    // One text for the button and the live region: the region changes once per batch, and is emptied when
    // the stories are drawn, so that the next batch is said even with the same count. An empty button is
    // not shown (`:empty` in the stylesheet): one element and one text node for the block's lifetime.
    let label = move || {
        let n = banner.with(|b| b.waiting);
        if n == 0 {
            String::new()
        } else {
            counted(n as u64, text.live.new_stories)
        }
    };
    view! {
        <button type="button" class=BUTTON on:click=move |_| on_show()>
            {label}
        </button>
        <p class=ANNOUNCER role="status">{label}</p>
    }
}
