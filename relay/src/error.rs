//! Every failure a handler can answer with, and the response each one becomes.

use std::collections::BTreeMap;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::store::StoreError;

/// The realm browsers show when asking an editor for the admin token.
pub const ADMIN_REALM: &str = "Basic realm=\"news-widget-relay admin\", charset=\"UTF-8\"";

#[derive(Debug)]
pub enum AppError {
    NotFound,
    /// The channel has never had a good fetch (and nothing was on disk).
    NoContentYet,
    /// `{ "errors": { field: message } }`.
    Invalid(BTreeMap<String, String>),
    PayloadTooLarge,
    UnsupportedMediaType,
    /// A browser `Origin` not in `site_origins`.
    ForbiddenOrigin,
    RateLimited {
        retry_after: u64,
    },
    Unauthorized,
    AdminDisabled,
    Store(StoreError),
}

impl AppError {
    /// One field error.
    pub fn invalid(field: &str, message: impl Into<String>) -> AppError {
        AppError::Invalid(BTreeMap::from([(field.to_owned(), message.into())]))
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::Store(e)
    }
}

fn error_body(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut resp = match self {
            AppError::NotFound => error_body(StatusCode::NOT_FOUND, "not found"),
            AppError::NoContentYet => {
                let mut r = error_body(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "this channel has no content yet: its upstreams have not answered",
                );
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
                r
            }
            AppError::Invalid(errors) => {
                (StatusCode::BAD_REQUEST, Json(json!({ "errors": errors }))).into_response()
            }
            AppError::PayloadTooLarge => error_body(StatusCode::PAYLOAD_TOO_LARGE, "request body too large"),
            AppError::UnsupportedMediaType => error_body(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send Content-Type: application/json",
            ),
            AppError::ForbiddenOrigin => error_body(StatusCode::FORBIDDEN, "origin not allowed"),
            AppError::RateLimited { retry_after } => {
                let mut r = error_body(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too many submissions, try again later",
                );
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
                r
            }
            AppError::Unauthorized => {
                let mut r = (StatusCode::UNAUTHORIZED, "admin token required\n").into_response();
                r.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(ADMIN_REALM));
                r
            }
            AppError::AdminDisabled => (
                StatusCode::SERVICE_UNAVAILABLE,
                "admin is disabled: set NEWS_WIDGET_RELAY_ADMIN_TOKEN in the relay's environment\n",
            )
                .into_response(),
            AppError::Store(e) => {
                eprintln!("news-widget-relay: {e}");
                error_body(StatusCode::SERVICE_UNAVAILABLE, "feedback store unavailable")
            }
        };
        resp.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        resp
    }
}
