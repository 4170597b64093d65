//! `POST /feedback` (a reader's submission), `GET /feedback?article=<url>` (the approved ones) and the
//! CORS preflight. The contract is in README ("Feedback endpoint"); the rules are the core's
//! (`news_widget::core::feedback`), so the block and the relay agree on every message.
//!
//! Order of checks on a submission: origin, rate limit (every attempt takes a token), media type, size
//! (413), JSON shape, bots (answered 201 without storing, so they learn nothing), article, fields; then
//! the row is committed and only then is 201 sent.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use news_widget::core::feedback::{bot_check, check_article, validate, ArticleRef, Input};
use news_widget::core::i18n::Lang;
use news_widget::core::url::match_key;
use serde::Deserialize;
use serde_json::json;

use crate::app::{AppState, SharedState};
use crate::error::AppError;
use crate::store::{Entry, Status, Store};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ArticleIn {
    id: String,
    url: String,
    title: String,
}

/// The request body. Missing text fields are empty (so they get "required", not a parse error).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SubmitIn {
    article: Option<ArticleIn>,
    name: String,
    email: String,
    message: String,
    address: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    elapsed_ms: Option<f64>,
}

/// The allowed origin of the request, if it sent one that is in `site_origins`.
fn allowed_origin<'a>(state: &AppState, headers: &'a HeaderMap) -> Result<Option<&'a str>, AppError> {
    match headers.get(header::ORIGIN).map(|v| v.to_str()) {
        None => Ok(None),
        Some(Ok(o)) if state.site_origins.iter().any(|s| s == o) => Ok(Some(o)),
        Some(_) => Err(AppError::ForbiddenOrigin),
    }
}

fn with_cors(mut resp: Response, origin: Option<&str>) -> Response {
    let h = resp.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(v) = origin.and_then(|o| HeaderValue::from_str(o).ok()) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
    }
    resp
}

/// The reader's address: the connection's, or the last entry of the configured header (the address the
/// proxy in front saw) when there is one.
pub fn client_ip(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> IpAddr {
    state
        .feedback
        .client_ip_header
        .as_deref()
        .and_then(|name| headers.get(name))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse::<IpAddr>().ok())
        .unwrap_or_else(|| peer.ip())
}

/// A new random id: 16 bytes, hex.
pub fn new_id() -> Result<String, AppError> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| AppError::Store(crate::store::StoreError(format!("random: {e}"))))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn created(id: &str) -> Response {
    (
        StatusCode::CREATED,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(json!({ "id": id, "status": "pending" })),
    )
        .into_response()
}

/// `POST /feedback`.
pub async fn submit(
    State(state): State<SharedState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let origin = match allowed_origin(&state, &headers) {
        Ok(o) => o,
        Err(e) => return e.into_response(),
    };
    let resp = match accept(&state, &headers, peer, body).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    };
    with_cors(resp, origin)
}

async fn accept(
    state: &AppState,
    headers: &HeaderMap,
    peer: SocketAddr,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    let ip = client_ip(state, headers, peer);
    state
        .limiter
        .take(ip, Instant::now())
        .map_err(|retry_after| AppError::RateLimited { retry_after })?;
    let json_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
    if !json_type {
        return Err(AppError::UnsupportedMediaType);
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::invalid("body", "Không đọc được dữ liệu gửi lên")
        }
    })?;
    let req: SubmitIn = serde_json::from_slice(&body)
        .map_err(|_| AppError::invalid("body", "Dữ liệu gửi lên không hợp lệ"))?;
    if let Some(bot) = bot_check(
        req.website.as_deref(),
        req.elapsed_ms,
        state.feedback.min_elapsed_ms,
    ) {
        eprintln!("news-widget-relay: feedback from {ip} dropped as a bot ({bot:?})");
        return Ok(created(&new_id()?));
    }
    let article = req.article.unwrap_or_default();
    let article = ArticleRef {
        id: article.id,
        url: article.url,
        title: article.title,
    };
    let input = Input {
        name: req.name,
        email: req.email,
        message: req.message,
        address: req.address,
        phone: req.phone,
    };
    let mut errors = BTreeMap::new();
    if let Some(e) = check_article(&article) {
        errors.insert("article".to_owned(), e.message(Lang::Vi).to_owned());
    }
    for (field, e) in validate(&input) {
        errors.insert(field.as_str().to_owned(), e.message(field, Lang::Vi));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let input = input.trimmed();
    let url = article.url.trim().to_owned();
    let entry = Entry {
        id: new_id()?,
        created_ms: now_ms(),
        status: Status::Pending,
        article_id: article.id.trim().to_owned(),
        article_key: match_key(&url).unwrap_or_else(|| url.clone()),
        article_url: url,
        article_title: article.title.trim().to_owned(),
        name: input.name,
        email: input.email,
        message: input.message,
        address: input.address,
        phone: input.phone,
        client_ip: ip.to_string(),
    };
    let id = entry.id.clone();
    state.store.insert(entry).await?;
    Ok(created(&id))
}

/// `OPTIONS /feedback`: the preflight of a browser post. Allowed origins get the CORS answer, others a
/// bare 204 the browser treats as a refusal.
pub async fn preflight(State(state): State<SharedState>, headers: HeaderMap) -> Response {
    let mut resp = StatusCode::NO_CONTENT.into_response();
    let origin = allowed_origin(&state, &headers).ok().flatten();
    if origin.is_some() {
        let h = resp.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("POST, GET, OPTIONS"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("content-type"),
        );
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    }
    with_cors(resp, origin)
}

#[derive(Debug, Deserialize)]
pub struct ArticleQuery {
    article: Option<String>,
}

/// `GET /feedback?article=<url>`: the approved entries of that article, newest first; public and
/// cacheable for a minute.
pub async fn list_approved(
    State(state): State<SharedState>,
    Query(q): Query<ArticleQuery>,
) -> Result<Response, AppError> {
    let url = q.article.as_deref().map(str::trim).unwrap_or_default();
    if url.is_empty() {
        return Err(AppError::invalid("article", "Thiếu địa chỉ bài viết"));
    }
    let key = match_key(url).unwrap_or_else(|| url.to_owned());
    let entries = state.store.approved(&key, state.feedback.public_limit).await?;
    let items: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "name": e.name,
                "message": e.message,
                "date": news_widget::core::date::format_iso(e.created_ms.div_euclid(1000), 0),
            })
        })
        .collect();
    Ok((
        StatusCode::OK,
        [
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=60"),
            ),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")),
        ],
        Json(json!({ "items": items })),
    )
        .into_response())
}
