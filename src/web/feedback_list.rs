//! `FeedbackList`: the published feedback on the article (`list="on"`), newest first: name, date in the
//! portal's time, message, all as text. Read from `GET <action>?article=<url>`; a failure only goes to the
//! console (the form still works).

use leptos::prelude::*;

use super::fetch;
use super::host;
use crate::core::date::{format_datetime, format_iso};
use crate::core::feedback_ui::Published;
use crate::core::i18n::{labels, Lang};
use crate::core::text::needs_nfc;

#[component]
pub fn FeedbackList(url: String, timeout_ms: u32, tz_offset_minutes: i32, lang: Lang) -> impl IntoView {
    let text = labels(lang);
    let items: RwSignal<Vec<Published>> = RwSignal::new(Vec::new());
    leptos::task::spawn_local(async move {
        let list = match fetch::get_body(&url, timeout_ms).await {
            Ok(body) => {
                let mut list = crate::core::feedback_ui::parse_published(&body);
                for p in &mut list {
                    for s in [&mut p.name, &mut p.message] {
                        if needs_nfc(s) {
                            *s = fetch::nfc(s);
                        }
                    }
                }
                list
            }
            Err(reason) => {
                host::warn(&["could not load the published feedback from ", &url, ": ", &reason].concat());
                Vec::new()
            }
        };
        // The block may have been removed meanwhile.
        let _ = items.try_set(list);
    });
    let entry = move |p: Published| {
        let time = p.date.map(|ts| {
            view! {
                <time datetime=format_iso(ts, tz_offset_minutes)>{format_datetime(ts, tz_offset_minutes, lang)}</time>
            }
        });
        view! {
            <li class="nw-fb-item" part="item" data-item-id=p.id>
                <p class="nw-fb-meta">
                    <span class="nw-fb-name">{p.name}</span>
                    {time}
                </p>
                <p class="nw-fb-message">{p.message}</p>
            </li>
        }
    };
    move || {
        let list = items.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="nw-fb-list">
                    <h3 class="nw-fb-list-title">{text.form.list}</h3>
                    <ol class="nw-fb-items" part="list" role="list">{list.into_iter().map(entry).collect_view()}</ol>
                </section>
            }
        })
    }
}
