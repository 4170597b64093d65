//! `LoadingState`: placeholder rows that reserve the final list's space, so the host page does not
//! shift when the items arrive.

use leptos::prelude::*;

// Classes go through constants on purpose: an element whose attributes are all literals is compiled
// by `view!` into a `<template>` filled through innerHTML, which pages enforcing Trusted Types refuse.
const SKEL_THUMB: &str = "nw-skel-thumb";
const SKEL_LINE: &str = "nw-skel-line";

#[component]
pub fn LoadingState(rows: usize, thumbs: bool, label: &'static str) -> impl IntoView {
    let rows: Vec<usize> = (0..rows.max(1)).collect();
    view! {
        <div class="nw-loading" role="status" aria-busy="true" aria-label=label>
            {rows
                .into_iter()
                .map(|i| {
                    view! {
                        <div class="nw-skel-item" data-row=i aria-hidden="true">
                            {thumbs.then(|| view! { <span class=SKEL_THUMB></span> })}
                            <span class="nw-skel-text" data-row=i>
                                <span class=SKEL_LINE></span>
                                <span class=SKEL_LINE></span>
                            </span>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
