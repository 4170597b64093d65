//! `GET|HEAD /feeds/<channel>.json` and `GET /healthz`.
//!
//! Feed responses are built for a CDN in front: the same bytes for everyone (no cookies, no per-user
//! state, nothing read from the request but the channel name and the validators), a strong ETag,
//! `Last-Modified`, `Cache-Control: public, max-age=<refresh>, stale-while-revalidate=<…>`, and CORS `*`.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::app::SharedState;
use crate::channel::Rendered;
use crate::error::AppError;

/// True when `If-None-Match` lists `etag` (weak comparison, as RFC 9110 wants for this header) or `*`.
pub fn none_match(if_none_match: &str, etag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let want = bare(etag);
    if_none_match
        .split(',')
        .any(|t| t.trim() == "*" || bare(t) == want)
}

/// True when the copy is not newer than `If-Modified-Since` (only consulted without `If-None-Match`).
fn not_modified_since(headers: &HeaderMap, last_modified: SystemTime) -> bool {
    let Some(since) = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
    else {
        return false;
    };
    let secs = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    secs(last_modified) <= secs(since)
}

fn feed_headers(r: &Rendered, max_age: u64, swr: u64) -> [(header::HeaderName, HeaderValue); 6] {
    let v = |s: String| HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static(""));
    [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/feed+json; charset=utf-8"),
        ),
        (header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")),
        (header::ETAG, v(r.etag.clone())),
        (header::LAST_MODIFIED, v(httpdate::fmt_http_date(r.last_modified))),
        (
            header::CACHE_CONTROL,
            v(format!("public, max-age={max_age}, stale-while-revalidate={swr}")),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
    ]
}

/// The channel's feed; 304 when the client's validators match. HEAD is answered by axum from this with
/// the body left out.
///
/// Its error answers (no such channel, no content yet) carry CORS `*` as well: without it a portal's page
/// would see a CORS failure instead of the status and the `Retry-After`.
pub async fn feed(
    State(state): State<SharedState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    current_feed(&state, &file, &headers).unwrap_or_else(|e| {
        let mut resp = e.into_response();
        resp.headers_mut()
            .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        resp
    })
}

fn current_feed(state: &SharedState, file: &str, headers: &HeaderMap) -> Result<Response, AppError> {
    let name = file.strip_suffix(".json").ok_or(AppError::NotFound)?;
    let channel = state.by_name.get(name).ok_or(AppError::NotFound)?;
    let rendered = channel.current().ok_or(AppError::NoContentYet)?;
    let max_age = channel.config.refresh_seconds.ceil() as u64;
    let hdrs = feed_headers(&rendered, max_age, channel.stale_while_revalidate());
    let not_modified = match headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        Some(inm) => none_match(inm, &rendered.etag),
        None => not_modified_since(headers, rendered.last_modified),
    };
    if not_modified {
        return Ok((StatusCode::NOT_MODIFIED, hdrs).into_response());
    }
    Ok((StatusCode::OK, hdrs, rendered.body.clone()).into_response())
}

/// Per channel and upstream: ok, or failing since when with the last error. 200 when every channel has
/// content, 503 when one has none.
pub async fn healthz(State(state): State<SharedState>) -> Response {
    let mut channels = serde_json::Map::new();
    let mut serving = true;
    let mut all_ok = true;
    for ch in &state.channels {
        let h = ch.health();
        serving &= h.etag.is_some();
        all_ok &= h.ok;
        channels.insert(
            ch.config.name.clone(),
            serde_json::to_value(&h).unwrap_or_default(),
        );
    }
    let status = if !serving {
        "unavailable"
    } else if all_ok {
        "ok"
    } else {
        "degraded"
    };
    let code = if serving {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = json!({ "status": status, "channels": channels });
    (
        code,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(body),
    )
        .into_response()
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[cfg(test)]
mod tests {
    use super::none_match;

    #[test]
    fn if_none_match_lists() {
        let e = "\"abc\"";
        assert!(none_match("\"abc\"", e));
        assert!(none_match("W/\"abc\"", e));
        assert!(none_match("\"x\", \"abc\"", e));
        assert!(none_match("*", e));
        assert!(!none_match("\"abd\"", e));
        assert!(!none_match("", e));
    }
}
