//! `EmptyState`: the feed loaded but has nothing to show ("Chưa có tin").

use leptos::prelude::*;

#[component]
pub fn EmptyState(message: &'static str) -> impl IntoView {
    view! { <p class="nw-status nw-status-empty" part="empty" role="status">{message}</p> }
}
