//! `/admin/`: the moderation page for editors, its JSON API and the CSV export.
//!
//! Every route here is behind [`require_token`]: the token comes from `NEWS_WIDGET_RELAY_ADMIN_TOKEN`
//! only (never the config file), sent as `Authorization: Bearer <token>` or as the password of HTTP Basic
//! (so a browser can log in), compared in constant time. Without the variable admin is disabled (503).
//! Changes need the `X-Admin: 1` header as well, which no cross-site form can send. The page has no inline
//! script or style and is served under a strict CSP; its script builds the DOM with `textContent`.

use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{any, delete, get, post};
use axum::{Json, Router};
use base64::Engine;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::app::{AppState, SharedState};
use crate::channel::rfc3339;
use crate::error::AppError;
use crate::store::{Entry, Status, Store};

/// The Content-Security-Policy of every admin response.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                       img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const PAGE: &str = include_str!("../assets/admin.html");
const SCRIPT: &str = include_str!("../assets/admin.js");
const STYLE: &str = include_str!("../assets/admin.css");

/// Entries listed or exported at most.
const MAX_LIST: usize = 10_000;

/// The admin routes, behind the token check (unknown `/admin/…` paths too, so nothing under it answers
/// without the token), plus the redirect of `/admin` to `/admin/`.
pub fn router(state: &SharedState) -> Router<SharedState> {
    Router::new()
        .route("/admin/", get(page))
        .route("/admin/admin.js", get(script))
        .route("/admin/admin.css", get(style))
        .route("/admin/api/feedback", get(list))
        .route("/admin/api/feedback/{id}/approve", post(approve))
        .route("/admin/api/feedback/{id}/reject", post(reject))
        .route("/admin/api/feedback/{id}", delete(remove))
        .route("/admin/export.csv", get(export))
        .route("/admin/{*rest}", any(|| async { AppError::NotFound }))
        .route_layer(middleware::from_fn_with_state(Arc::clone(state), require_token))
        .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
}

/// Constant-time equality of two secrets of any length (their SHA-256 digests are compared).
pub fn same_secret(a: &str, b: &str) -> bool {
    let (da, db) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    bool::from(da.as_slice().ct_eq(db.as_slice()))
}

/// The secret an `Authorization` header carries: a Bearer token, or the password of Basic.
fn presented(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, rest) = v.split_once(' ')?;
    if scheme.eq_ignore_ascii_case("bearer") {
        return Some(rest.trim().to_owned());
    }
    if scheme.eq_ignore_ascii_case("basic") {
        let raw = base64::engine::general_purpose::STANDARD
            .decode(rest.trim())
            .ok()?;
        let text = String::from_utf8(raw).ok()?;
        let (_user, pass) = text.split_once(':')?;
        return Some(pass.to_owned());
    }
    None
}

fn is_authorized(state: &AppState, headers: &HeaderMap) -> Result<(), AppError> {
    let token = state.admin_token.as_deref().ok_or(AppError::AdminDisabled)?;
    match presented(headers) {
        Some(p) if same_secret(&p, token) => Ok(()),
        _ => Err(AppError::Unauthorized),
    }
}

/// The token check, the CSRF header on changes, and the security headers of every admin response.
async fn require_token(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    let mut resp = match is_authorized(&state, req.headers()) {
        Err(e) => e.into_response(),
        Ok(()) => {
            let changes = !matches!(req.method().as_str(), "GET" | "HEAD");
            let marked = req.headers().get("x-admin").is_some_and(|v| v == "1");
            if changes && !marked {
                (StatusCode::FORBIDDEN, "changes need the X-Admin: 1 header\n").into_response()
            } else {
                next.run(req).await
            }
        }
    };
    let h = resp.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

async fn page() -> Response {
    asset("text/html; charset=utf-8", PAGE)
}
async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}
async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// `pending` (default), `approved`, `rejected` or `all`.
    status: Option<String>,
}

fn status_filter(q: &ListQuery) -> Result<Option<Status>, AppError> {
    match q.status.as_deref().unwrap_or("pending") {
        "all" => Ok(None),
        s => s
            .parse()
            .map(Some)
            .map_err(|()| AppError::invalid("status", "pending, approved, rejected or all")),
    }
}

#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    date: String,
}

fn date_of(e: &Entry) -> String {
    news_widget::core::date::format_iso(e.created_ms.div_euclid(1000), 0)
}

async fn list(State(state): State<SharedState>, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    let entries = state.store.list(status_filter(&q)?, MAX_LIST).await?;
    let items: Vec<Listed<'_>> = entries
        .iter()
        .map(|e| Listed {
            entry: e,
            date: date_of(e),
        })
        .collect();
    Ok(
        Json(serde_json::json!({ "items": items, "generated": rfc3339(std::time::SystemTime::now()) }))
            .into_response(),
    )
}

async fn moderate(state: &AppState, id: &str, status: Status) -> Result<Response, AppError> {
    if state.store.set_status(id, status).await? {
        Ok(Json(serde_json::json!({ "id": id, "status": status })).into_response())
    } else {
        Err(AppError::NotFound)
    }
}

async fn approve(State(state): State<SharedState>, Path(id): Path<String>) -> Result<Response, AppError> {
    moderate(&state, &id, Status::Approved).await
}

async fn reject(State(state): State<SharedState>, Path(id): Path<String>) -> Result<Response, AppError> {
    moderate(&state, &id, Status::Rejected).await
}

async fn remove(State(state): State<SharedState>, Path(id): Path<String>) -> Result<Response, AppError> {
    if state.store.delete(&id).await? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(AppError::NotFound)
    }
}

/// One CSV cell: quoted, quotes doubled, and a leading `=`, `+`, `-`, `@` (or tab / carriage return)
/// prefixed with `'` so spreadsheets show it as text instead of running it as a formula.
pub fn csv_cell(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let mut out = String::with_capacity(s.len() + 3);
    out.push('"');
    if risky {
        out.push('\'');
    }
    out.push_str(&s.replace('"', "\"\""));
    out.push('"');
    out
}

/// The entries as CSV (UTF-8 with a byte-order mark, so spreadsheets read the Vietnamese right).
pub fn to_csv(entries: &[Entry]) -> String {
    let mut out = String::from("\u{feff}");
    let head = [
        "id",
        "date",
        "status",
        "article_url",
        "article_title",
        "name",
        "email",
        "phone",
        "address",
        "message",
    ];
    out.push_str(&head.map(csv_cell).join(","));
    out.push_str("\r\n");
    for e in entries {
        let row = [
            e.id.as_str(),
            &date_of(e),
            e.status.as_str(),
            &e.article_url,
            &e.article_title,
            &e.name,
            &e.email,
            e.phone.as_deref().unwrap_or_default(),
            e.address.as_deref().unwrap_or_default(),
            &e.message,
        ];
        out.push_str(&row.map(csv_cell).join(","));
        out.push_str("\r\n");
    }
    out
}

async fn export(State(state): State<SharedState>, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    let q = ListQuery {
        status: q.status.or_else(|| Some("all".to_owned())),
    };
    let entries = state.store.list(status_filter(&q)?, MAX_LIST).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"feedback.csv\""),
            ),
        ],
        to_csv(&entries),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_injection() {
        assert_eq!(csv_cell("=1+2"), "\"'=1+2\"");
        assert_eq!(csv_cell("+84 912"), "\"'+84 912\"");
        assert_eq!(csv_cell("-2"), "\"'-2\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("Xin chào"), "\"Xin chào\"");
        assert_eq!(csv_cell("a,b\nc"), "\"a,b\nc\"");
    }

    #[test]
    fn secrets() {
        assert!(same_secret("s3cret", "s3cret"));
        assert!(!same_secret("s3cret", "s3cre"));
        assert!(!same_secret("", "x"));
    }

    #[test]
    fn authorization_forms() {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer tok"));
        assert_eq!(presented(&h).as_deref(), Some("tok"));
        // "editor:tok"
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic ZWRpdG9yOnRvaw=="),
        );
        assert_eq!(presented(&h).as_deref(), Some("tok"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Digest x"));
        assert_eq!(presented(&h), None);
    }
}
