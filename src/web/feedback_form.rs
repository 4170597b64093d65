//! `FeedbackForm`: "Phản hồi" — readers' feedback on the article being read, posted as JSON to the
//! `action` endpoint. Reads no feed.
//!
//! The rules a submission must meet are the ones the server applies (`core::feedback`), checked before
//! sending: each field shows its Vietnamese message next to it (`aria-invalid`, `aria-describedby`), and the
//! message has a live character counter. A honeypot field and the time the form was shown (`elapsed_ms`)
//! let the server drop bots. What the reader types is never lost: it is kept in `sessionStorage` while
//! typing (debounced) and after a failed send, restored after a reload, and cleared only once the server
//! accepted it (`201`). `400` field errors are shown on their fields, a `429` says when to try again, and
//! anything else (network failure included) offers to send again. The request and the answers are read by
//! `core::feedback_ui`.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::fetch;
use super::host::{self, HostHandle};
use crate::core::config::BlockConfig;
use crate::core::feedback::{validate, ArticleRef, Field, Input};
use crate::core::feedback_ui as ui;
use crate::core::i18n::labels;
use crate::core::text::number_text;

/// How long typing must pause before the draft is saved.
const DRAFT_DEBOUNCE_MS: u64 = 300;

/// Where a submission stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    Idle,
    /// Some fields are wrong (ours or the server's `400`).
    Invalid,
    Sending,
    /// `201`: held for moderation.
    Sent,
    /// `429`: the message says when to try again.
    Throttled(String),
    /// Network failure or any other answer.
    Failed,
}

/// The five values of the form, one signal each.
#[derive(Clone, Copy)]
struct Values {
    name: RwSignal<String>,
    email: RwSignal<String>,
    message: RwSignal<String>,
    address: RwSignal<String>,
    phone: RwSignal<String>,
}

impl Values {
    fn of(self, f: Field) -> RwSignal<String> {
        match f {
            Field::Name => self.name,
            Field::Email => self.email,
            Field::Message => self.message,
            Field::Address => self.address,
            Field::Phone => self.phone,
        }
    }

    fn input(self, fields: &[Field]) -> Input {
        let opt = |f: Field| fields.contains(&f).then(|| self.of(f).get_untracked());
        Input {
            name: self.name.get_untracked(),
            email: self.email.get_untracked(),
            message: self.message.get_untracked(),
            address: opt(Field::Address),
            phone: opt(Field::Phone),
        }
    }

    fn fill(self, input: Input) {
        self.name.set(input.name);
        self.email.set(input.email);
        self.message.set(input.message);
        self.address.set(input.address.unwrap_or_default());
        self.phone.set(input.phone.unwrap_or_default());
    }
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn field_id(f: Field) -> String {
    ["nw-fb-", f.as_str()].concat()
}

fn error_id(f: Field) -> String {
    ["nw-fb-", f.as_str(), "-err"].concat()
}

// Through constants on purpose: an element whose attributes and children are all literals is compiled by
// `view!` into a `<template>` filled through innerHTML, which pages enforcing Trusted Types refuse.
const REQ: &str = "nw-fb-req";
const STAR: &str = "*";
const HONEYPOT: &str = "nw-fb-hp";
const COUNT_ID: &str = "nw-fb-message-count";
const COUNT_VALUE: &str = "nw-fb-count-value";
const STATUS_TEXT: &str = "nw-fb-status-text";
const INPUT: &str = "nw-fb-input";
const TEXTAREA: &str = "nw-fb-input nw-fb-textarea";
const HONEYPOT_ID: &str = "nw-fb-website";

#[component]
pub fn FeedbackForm(
    handle: HostHandle,
    config: Arc<BlockConfig>,
    /// The endpoint, resolved against the page (http(s) only).
    action: Option<String>,
    article: ArticleRef,
    /// The page's own URL, to tell whether the endpoint is on the page's origin.
    page_url: Option<String>,
) -> impl IntoView {
    let lang = config.lang;
    let text = labels(lang);
    let timeout_ms = config.timeout_ms;
    // The form's fields in display order: the optional ones before the message, as portals lay them out.
    let mut order = vec![Field::Name, Field::Email];
    order.extend(config.fields.iter().copied());
    order.push(Field::Message);
    let order = Arc::new(order);
    let fields: Arc<Vec<Field>> = Arc::new(config.fields.clone());
    let values = Values {
        name: RwSignal::new(String::new()),
        email: RwSignal::new(String::new()),
        message: RwSignal::new(String::new()),
        address: RwSignal::new(String::new()),
        phone: RwSignal::new(String::new()),
    };
    let honeypot = RwSignal::new(String::new());
    let errors: RwSignal<Vec<(Field, String)>> = RwSignal::new(Vec::new());
    let status = RwSignal::new(Status::Idle);
    let shown_at = js_sys::Date::now();
    let draft_key = ui::draft_key(action.as_deref().unwrap_or_default(), &article.url);
    let pending_save: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let form_ref: NodeRef<leptos::html::Form> = NodeRef::new();

    // A draft from before a reload (or a failed send) comes back.
    if let Some(input) = session()
        .and_then(|s| s.get_item(&draft_key).ok().flatten())
        .and_then(|json| crate::core::feedback_ui::decode_draft(&json))
    {
        values.fill(input);
    }

    let save_draft = {
        let key = draft_key.clone();
        let fields = fields.clone();
        move || {
            let Some(s) = session() else { return };
            let _ = match ui::encode_draft(&values.input(&fields)) {
                Some(json) => s.set_item(&key, &json),
                None => s.remove_item(&key),
            };
        }
    };
    let save_later = {
        let save = save_draft.clone();
        move || {
            if let Some(Some(h)) = pending_save.try_update_value(Option::take) {
                h.clear();
            }
            let save = save.clone();
            let handle = set_timeout_with_handle(
                move || {
                    let _ = pending_save.try_set_value(None);
                    save();
                },
                Duration::from_millis(DRAFT_DEBOUNCE_MS),
            )
            .ok();
            let _ = pending_save.try_set_value(handle);
        }
    };
    on_cleanup(move || {
        if let Some(Some(h)) = pending_save.try_update_value(Option::take) {
            h.clear();
        }
    });

    let message_of = move |f: Field| errors.with(|e| e.iter().find(|(g, _)| *g == f).map(|(_, m)| m.clone()));
    // One field checked again (on leaving it, or while it shows an error): its error follows its value.
    let recheck = move |f: Field| {
        let problem =
            crate::core::feedback::check_field(f, &values.of(f).get_untracked()).map(|e| e.message(f, lang));
        errors.update(|list| {
            list.retain(|(g, _)| *g != f);
            if let Some(m) = problem {
                list.push((f, m));
            }
        });
    };
    let focus_first_error = {
        let order = order.clone();
        move || {
            let first =
                errors.with_untracked(|e| order.iter().copied().find(|f| e.iter().any(|(g, _)| g == f)));
            if let Some(f) = first {
                // After the error texts are in the DOM, so the field is announced with its error.
                let selector = ["#", &field_id(f)].concat();
                request_animation_frame(move || host::focus_in(handle, &selector));
            }
        }
    };

    let send = {
        let fields = fields.clone();
        let order = order.clone();
        let focus_first_error = focus_first_error.clone();
        let save_draft = save_draft.clone();
        let draft_key = draft_key.clone();
        let article = article.clone();
        move || {
            if status.get_untracked() == Status::Sending {
                return;
            }
            let input = values.input(&fields);
            let problems: Vec<(Field, String)> = validate(&input)
                .into_iter()
                .filter(|(f, _)| order.contains(f))
                .map(|(f, e)| (f, e.message(f, lang)))
                .collect();
            if !problems.is_empty() {
                errors.set(problems);
                status.set(Status::Invalid);
                focus_first_error();
                return;
            }
            let Some(action) = action.clone() else {
                host::error("attribute action is missing or not an http(s) URL: feedback cannot be sent");
                status.set(Status::Failed);
                return;
            };
            errors.set(Vec::new());
            status.set(Status::Sending);
            save_draft();
            let body = ui::request_body(
                &article,
                &input,
                &fields,
                &honeypot.get_untracked(),
                js_sys::Date::now() - shown_at,
            );
            let same_origin = page_url.as_deref().is_some_and(|p| ui::same_origin(p, &action));
            let focus_first_error = focus_first_error.clone();
            let draft_key = draft_key.clone();
            leptos::task::spawn_local(async move {
                let answer = fetch::post_json(&action, &body, timeout_ms, same_origin).await;
                // The block may have been removed meanwhile.
                if status.try_get_untracked().is_none() {
                    return;
                }
                let next = match answer {
                    Ok(a) if a.status == 201 => {
                        if let Some(s) = session() {
                            let _ = s.remove_item(&draft_key);
                        }
                        values.fill(Input::default());
                        if let Some(form) = form_ref.get_untracked() {
                            clear_controls(&form);
                        }
                        Status::Sent
                    }
                    Ok(a) if a.status == 400 => {
                        let server = crate::core::feedback_ui::field_errors(&a.body);
                        if server.is_empty() {
                            host::warn("the feedback endpoint answered 400 without field errors");
                            Status::Failed
                        } else {
                            errors.set(server);
                            Status::Invalid
                        }
                    }
                    Ok(a) if a.status == 429 => {
                        let now = (js_sys::Date::now() / 1000.0) as i64;
                        let secs = a
                            .retry_after
                            .as_deref()
                            .and_then(|v| ui::retry_after_secs(v, now));
                        Status::Throttled(ui::retry_message(secs, lang))
                    }
                    Ok(a) => {
                        host::error(
                            &[
                                "the feedback endpoint answered HTTP ",
                                &number_text(a.status.into()),
                            ]
                            .concat(),
                        );
                        Status::Failed
                    }
                    Err(reason) => {
                        host::error(&["could not send feedback: ", &reason].concat());
                        Status::Failed
                    }
                };
                let invalid = next == Status::Invalid;
                status.set(next);
                if invalid {
                    focus_first_error();
                } else {
                    request_animation_frame(move || host::focus_in(handle, ".nw-fb-status"));
                }
            });
        }
    };

    let on_submit = {
        let send = send.clone();
        move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            send();
        }
    };

    // Every field is drawn once; what follows the state (errors, counter, status line, button) is written
    // into the DOM by one effect below: one reactive binding per attribute would cost far more code.
    let rows = order
        .iter()
        .copied()
        .map(|f| {
            let label = text
                .form
                .fields
                .get(Field::ALL.iter().position(|g| *g == f).unwrap_or(0))
                .copied()
                .unwrap_or_default();
            let value = values.of(f);
            let save_later = save_later.clone();
            let on_input = move |ev: web_sys::Event| {
                value.set(event_target_value(&ev));
                if message_of(f).is_some() {
                    recheck(f);
                }
                if matches!(status.get_untracked(), Status::Sent) {
                    status.set(Status::Idle);
                }
                save_later();
            };
            let on_blur = move |_: web_sys::FocusEvent| {
                if !value.with_untracked(String::is_empty) || message_of(f).is_some() {
                    recheck(f);
                }
            };
            let id = field_id(f);
            let required = f.required();
            let (kind, autocomplete) = match f {
                Field::Email => ("email", "email"),
                Field::Phone => ("tel", "tel"),
                Field::Address => ("text", "street-address"),
                Field::Message => ("textarea", "off"),
                Field::Name => ("text", "name"),
            };
            let initial = value.get_untracked();
            let control = if f == Field::Message {
                view! {
                    <textarea
                        id=id.clone()
                        name=f.as_str()
                        class=TEXTAREA
                        part="input"
                        rows="5"
                        required=required
                        aria-required="true"
                        aria-invalid="false"
                        aria-describedby=COUNT_ID
                        on:input=on_input
                        on:blur=on_blur
                    >
                        {initial}
                    </textarea>
                }
                .into_any()
            } else {
                view! {
                    <input
                        id=id.clone()
                        name=f.as_str()
                        class=INPUT
                        part="input"
                        type=kind
                        autocomplete=autocomplete
                        required=required
                        aria-required=if required { "true" } else { "false" }
                        aria-invalid="false"
                        value=initial
                        on:input=on_input
                        on:blur=on_blur
                    />
                }
                .into_any()
            };
            let extra = (f == Field::Message).then(|| {
                view! {
                    <p id=COUNT_ID class="nw-fb-count" part="counter">
                        <span class="nw-sr">{text.form.counter}</span>
                        <span class=COUNT_VALUE></span>
                    </p>
                }
            });
            view! {
                <div class="nw-fb-field" data-field=f.as_str()>
                    <label class="nw-fb-label" part="label" for=id>
                        {label}
                        {required.then(|| view! { <span class=REQ aria-hidden="true">{STAR}</span> })}
                    </label>
                    {control}
                    {extra}
                    <p class="nw-fb-error" part="field-error" id=error_id(f) hidden=true></p>
                </div>
            }
        })
        .collect_view();

    let shown_order = order.clone();
    Effect::new(move |_| {
        let st = status.get();
        let errs = errors.get();
        let typed = values
            .message
            .with(|v| ui::counter_text(v, Field::Message.max_chars()));
        let Some(form) = form_ref.get() else { return };
        let find = |sel: &str| form.query_selector(sel).ok().flatten();
        for &f in shown_order.iter() {
            let error = errs.iter().find(|(g, _)| *g == f).map(|(_, m)| m.as_str());
            if let Some(c) = find(&["#", &field_id(f)].concat()) {
                set(&c, "aria-invalid", if error.is_some() { "true" } else { "false" });
                let mut described = String::new();
                if f == Field::Message {
                    described.push_str(COUNT_ID);
                }
                if error.is_some() {
                    if !described.is_empty() {
                        described.push(' ');
                    }
                    described.push_str(&error_id(f));
                }
                if described.is_empty() {
                    let _ = c.remove_attribute("aria-describedby");
                } else {
                    set(&c, "aria-describedby", &described);
                }
            }
            if let Some(e) = find(&["#", &error_id(f)].concat()) {
                e.set_text_content(error);
                let _ = e.toggle_attribute_with_force("hidden", error.is_none());
            }
        }
        if let Some(c) = find(".nw-fb-count") {
            let over = typed
                .split_once('/')
                .and_then(|(n, max)| Some(n.parse::<usize>().ok()? > max.parse::<usize>().ok()?))
                .unwrap_or(false);
            let _ = c.class_list().toggle_with_force("nw-fb-over", over);
        }
        if let Some(c) = find(".nw-fb-count-value") {
            c.set_text_content(Some(&typed));
        }
        let sending = st == Status::Sending;
        if let Some(b) = find(".nw-fb-submit") {
            let _ = b.toggle_attribute_with_force("disabled", sending);
            set(&b, "aria-busy", if sending { "true" } else { "false" });
            b.set_text_content(Some(if sending {
                text.form.sending
            } else {
                text.form.submit
            }));
        }
        set(&form, "aria-busy", if sending { "true" } else { "false" });
        let (kind, line) = match &st {
            Status::Idle => ("idle", ""),
            Status::Invalid => ("invalid", text.form.fix),
            Status::Sending => ("sending", ""),
            Status::Sent => ("sent", text.form.sent),
            Status::Throttled(m) => ("throttled", m.as_str()),
            Status::Failed => ("failed", text.form.failed),
        };
        if let Some(box_) = find(".nw-fb-status") {
            set(&box_, "data-status", kind);
            let _ = box_.toggle_attribute_with_force("hidden", line.is_empty());
        }
        if let Some(t) = find(".nw-fb-status-text") {
            t.set_text_content(Some(line));
        }
        if let Some(r) = find(".nw-fb-retry") {
            let _ = r.toggle_attribute_with_force("hidden", st != Status::Failed);
        }
    });

    let retry = send.clone();
    view! {
        <form class="nw-fb" novalidate=true node_ref=form_ref on:submit=on_submit>
            <p class="nw-fb-note">{text.form.note}</p>
            {rows}
            <div class=HONEYPOT aria-hidden="true">
                <label for=HONEYPOT_ID>{text.form.honeypot}</label>
                <input
                    id=HONEYPOT_ID
                    name="website"
                    type="text"
                    tabindex="-1"
                    autocomplete="off"
                    on:input=move |ev| honeypot.set(event_target_value(&ev))
                />
            </div>
            <div class="nw-fb-actions">
                <button type="submit" class="nw-btn nw-fb-submit" part="button submit" aria-busy="false">{text.form.submit}</button>
            </div>
            <div class="nw-fb-status" part="status" tabindex="-1" role="status" data-status="idle" hidden=true>
                <span class=STATUS_TEXT></span>
                <button type="button" class="nw-btn nw-fb-retry" part="button retry" hidden=true on:click=move |_| retry()>
                    {text.form.retry}
                </button>
            </div>
        </form>
    }
}

/// Empties the form's fields once their content was accepted (they are not bound to the signals).
fn clear_controls(form: &web_sys::Element) {
    let Ok(list) = form.query_selector_all(".nw-fb-input") else {
        return;
    };
    for i in 0..list.length() {
        if let Some(el) = list.item(i) {
            let _ = js_sys::Reflect::set(&el, &"value".into(), &"".into());
        }
    }
}

fn set(el: &web_sys::Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}
