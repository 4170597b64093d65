//! Fetching one upstream: conditional requests, a timeout, a streamed size cap and a checked redirect
//! chain, through a client whose DNS answers are checked by [`crate::guard`].
//!
//! Owns the HTTP side of a refresh and nothing else: what a body means is the core's business
//! (`news_widget::core::parse`), what to keep is the channel's.

use std::time::Duration;

use reqwest::header::{HeaderMap, CONTENT_LENGTH, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::{redirect, Client, StatusCode, Url};

use crate::guard::{check_url, GuardedResolver};

/// The validators of the last good response, sent back as `If-None-Match` / `If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A fresh body, or "not modified".
#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Body {
        bytes: Vec<u8>,
        /// The URL the body came from after redirects: relative links resolve against it.
        final_url: String,
        validators: Validators,
        /// WordPress `X-WP-TotalPages`.
        total_pages: Option<String>,
    },
}

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The private-address rule, a bad scheme, or a redirect chain over the limit.
    Refused(String),
    Timeout,
    /// A status other than 2xx and 304.
    Status(u16),
    /// `Content-Length` or the streamed body went over the cap.
    TooLarge {
        limit: usize,
    },
    Network(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Refused(why) => f.write_str(why),
            FetchError::Timeout => f.write_str("timed out"),
            FetchError::Status(s) => write!(f, "HTTP status {s}"),
            FetchError::TooLarge { limit } => write!(f, "body larger than {limit} bytes"),
            FetchError::Network(e) => write!(f, "network error: {e}"),
        }
    }
}

/// How one channel fetches.
#[derive(Debug, Clone)]
pub struct FetchPolicy {
    pub timeout: Duration,
    pub max_bytes: usize,
    pub max_redirects: usize,
    pub allow_private: bool,
    pub user_agent: String,
}

/// The HTTP client of one channel: no proxy from the environment (it would bypass the address checks),
/// the guarded resolver, and a redirect policy that counts hops and checks every target.
///
/// # Errors
/// When the TLS backend cannot be set up.
pub fn client(policy: &FetchPolicy) -> Result<Client, reqwest::Error> {
    let allow_private = policy.allow_private;
    let max_redirects = policy.max_redirects;
    let redirects = redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > max_redirects {
            return attempt.error(format!("refused: more than {max_redirects} redirects"));
        }
        match check_url(attempt.url(), allow_private) {
            Ok(()) => attempt.follow(),
            Err(why) => attempt.error(why),
        }
    });
    Client::builder()
        .no_proxy()
        .dns_resolver(GuardedResolver::shared(allow_private))
        .redirect(redirects)
        .timeout(policy.timeout)
        .connect_timeout(policy.timeout)
        .user_agent(policy.user_agent.clone())
        .build()
}

/// The message of an error and of its sources ("error sending request: …: refused: …").
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        let m = s.to_string();
        if !out.contains(&m) {
            out.push_str(": ");
            out.push_str(&m);
        }
        src = s.source();
    }
    out
}

fn classify(e: &reqwest::Error) -> FetchError {
    if e.is_timeout() {
        return FetchError::Timeout;
    }
    let msg = chain(e);
    if let Some(i) = msg.find("refused: ") {
        return FetchError::Refused(msg.get(i..).unwrap_or_default().to_owned());
    }
    FetchError::Network(msg)
}

fn header(h: &HeaderMap, name: impl reqwest::header::AsHeaderName) -> Option<String> {
    h.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// One GET of `url`, conditional on `prev`; reads at most `policy.max_bytes` of body, stopping as soon as
/// that is passed (the connection is dropped, nothing more is read).
///
/// # Errors
/// See [`FetchError`].
pub async fn fetch(
    client: &Client,
    url: &Url,
    prev: &Validators,
    policy: &FetchPolicy,
) -> Result<Fetched, FetchError> {
    check_url(url, policy.allow_private).map_err(FetchError::Refused)?;
    let mut req = client.get(url.clone());
    if let Some(etag) = &prev.etag {
        req = req.header(IF_NONE_MATCH, etag);
    }
    if let Some(lm) = &prev.last_modified {
        req = req.header(IF_MODIFIED_SINCE, lm);
    }
    let mut resp = req.send().await.map_err(|e| classify(&e))?;
    let status = resp.status();
    if status == StatusCode::NOT_MODIFIED {
        return Ok(Fetched::NotModified);
    }
    if !status.is_success() {
        return Err(FetchError::Status(status.as_u16()));
    }
    let limit = policy.max_bytes;
    let declared = header(resp.headers(), CONTENT_LENGTH).and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(FetchError::TooLarge { limit });
    }
    let validators = Validators {
        etag: header(resp.headers(), ETAG),
        last_modified: header(resp.headers(), LAST_MODIFIED),
    };
    let total_pages = header(resp.headers(), "x-wp-totalpages");
    let final_url = resp.url().to_string();
    let mut bytes = Vec::with_capacity(declared.map_or(64 * 1024, |n| n as usize).min(limit));
    while let Some(chunk) = resp.chunk().await.map_err(|e| classify(&e))? {
        if bytes.len() + chunk.len() > limit {
            return Err(FetchError::TooLarge { limit });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Fetched::Body {
        bytes,
        final_url,
        validators,
        total_pages,
    })
}
