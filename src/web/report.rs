//! What a feed block tells the page and the console about a load: the `ready`/`empty`/`error` states
//! with their event details, the console line of a failed source, and the age note of a kept list. Shared
//! by both views of a feed block, so the contract is written once.

use wasm_bindgen::JsValue;

use super::fetch::{LoadError, Loaded};
use super::host::{self, State};
use crate::core::config::Kind;
use crate::core::date::format_short;
use crate::core::i18n::Labels;

/// "cập nhật lúc 8:36 20/7": when the list shown was read (Unix ms), in the portal's zone.
pub fn updated_note(text: &Labels, ms: f64, tz_offset_minutes: i32) -> String {
    [
        text.updated_at,
        " ",
        &format_short((ms / 1000.0) as i64, tz_offset_minutes),
    ]
    .concat()
}

pub fn report_ready(handle: host::HostHandle, kind: Kind, sources: &[String], loaded: &Loaded, count: usize) {
    let state = if count == 0 { State::Empty } else { State::Ready };
    let failed = loaded.failures.iter().map(|f| f.url.as_str());
    host::set_state(
        handle,
        state,
        &[
            ("kind", JsValue::from_str(kind.as_str())),
            ("count", JsValue::from_f64(count as f64)),
            ("total", JsValue::from_f64(loaded.feed.total() as f64)),
            ("src", host::js_strings(sources.iter().map(String::as_str))),
            ("failedSources", host::js_strings(failed)),
        ],
    );
}

/// The error event names every source (like the ready event) and the ones that failed; `reason` and
/// `status` are those of the first failure, with the others' reasons appended.
pub fn report_error(
    handle: host::HostHandle,
    kind: Kind,
    sources: &[String],
    errors: &[LoadError],
    stale: bool,
) {
    let first = errors.first();
    let status = first
        .and_then(|e| e.status)
        .map_or(JsValue::NULL, |s| JsValue::from_f64(f64::from(s)));
    let reason = errors
        .iter()
        .map(|e| {
            if errors.len() > 1 {
                [e.url.as_str(), ": ", &e.reason].concat()
            } else {
                e.reason.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    host::set_state(
        handle,
        State::Error,
        &[
            ("kind", JsValue::from_str(kind.as_str())),
            ("src", host::js_strings(sources.iter().map(String::as_str))),
            (
                "failedSources",
                host::js_strings(errors.iter().map(|e| e.url.as_str())),
            ),
            ("reason", JsValue::from_str(&reason)),
            ("status", status),
            ("stale", JsValue::from_bool(stale)),
        ],
    );
}

pub fn log_failure(err: &LoadError) {
    host::error(&["could not load ", &err.url, ": ", &err.reason].concat());
}
