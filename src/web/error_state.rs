//! `ErrorState`: the visible error ("Không tải được tin") with a retry button. The technical reason
//! goes to the console, not to readers. `compact` is the note under a list that is kept from before.

use leptos::prelude::*;

#[component]
pub fn ErrorState(
    message: &'static str,
    retry_label: &'static str,
    on_retry: Callback<()>,
    compact: bool,
) -> impl IntoView {
    let class = if compact {
        "nw-status nw-status-error nw-note"
    } else {
        "nw-status nw-status-error"
    };
    view! {
        <div class=class part="error" role="alert">
            <span>{message}</span>
            <span class="nw-actions">
                <button type="button" class="nw-btn nw-retry" part="button retry" on:click=move |_| on_retry.run(())>
                    {retry_label}
                </button>
            </span>
        </div>
    }
}
