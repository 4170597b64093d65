//! Fetching feeds: one request per feed URL per page (blocks sharing a `src` share the request and the
//! parsed result), a timeout through `AbortController`, and console reasons a webmaster can act on.
//!
//! Parsing, caps, the next-page rule and ordering are the pure core's job (`parse`, `select`); this module
//! only moves bytes, yields to the page while a large body is parsed, and reports failures.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use futures::future::{FutureExt, Shared};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::json_node::{self, ChunkedJsonFeed};
use crate::core::model::{Article, Feed, FeedError, FeedFormat};
use crate::core::select::MAX_ITEMS;
use crate::core::{parse, select};

/// Why a feed could not be shown; `reason` is what goes to the console and the error event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub url: String,
    pub reason: String,
    pub status: Option<u16>,
}

pub type FeedResult = Result<Arc<Feed>, LoadError>;
type SharedLoad = Shared<Pin<Box<dyn Future<Output = FeedResult>>>>;

/// A finished fetch is reused by blocks mounted shortly after (several blocks on one page, or a
/// single-page site re-adding a block); older results are fetched again.
const REUSE_MS: f64 = 60_000.0;

struct Entry {
    load: SharedLoad,
    started: f64,
}

thread_local! {
    static CACHE: RefCell<HashMap<String, Entry>> = RefCell::new(HashMap::new());
}

/// Loads one feed, sharing an in-flight or recent request for the same URL (and forced format) unless
/// `fresh` is set.
pub fn load(url: &str, timeout_ms: u32, format: Option<FeedFormat>, fresh: bool) -> SharedLoad {
    let now = js_sys::Date::now();
    let key = cache_key(url, format);
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if !fresh {
            if let Some(e) = cache.get(&key) {
                let failed = matches!(e.load.peek(), Some(Err(_)));
                if !failed && now - e.started < REUSE_MS {
                    return e.load.clone();
                }
            }
        }
        let fut: Pin<Box<dyn Future<Output = FeedResult>>> =
            Box::pin(fetch_and_parse(url.to_owned(), timeout_ms, format));
        let shared = fut.shared();
        cache.insert(
            key,
            Entry {
                load: shared.clone(),
                started: now,
            },
        );
        shared
    })
}

/// Everything a block renders from: its feed (newest first; several sources merged and de-duplicated)
/// and the sources that failed.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub feed: Arc<Feed>,
    pub failures: Vec<LoadError>,
}

impl Loaded {
    pub fn items(&self) -> &[Article] {
        &self.feed.items
    }
}

/// A block forcing a format must not get the parse of a block that let it be detected.
fn cache_key(url: &str, format: Option<FeedFormat>) -> String {
    match format {
        None => url.to_owned(),
        Some(f) => [url, "\n", f.as_str()].concat(),
    }
}

/// Loads every source of a block. Fails (with every source's reason, never an empty list) only when no
/// source loaded; otherwise the failures are kept so the block can say that a source is missing.
pub async fn load_sources(
    sources: &[String],
    timeout_ms: u32,
    format: Option<FeedFormat>,
    fresh: bool,
) -> Result<Loaded, Vec<LoadError>> {
    let loads: Vec<SharedLoad> = sources
        .iter()
        .map(|u| load(u, timeout_ms, format, fresh))
        .collect();
    let results = futures::future::join_all(loads).await;
    let mut feeds = Vec::with_capacity(results.len());
    let mut failures = Vec::new();
    for r in results {
        match r {
            Ok(f) => feeds.push(f),
            Err(e) => failures.push(e),
        }
    }
    if sources.len() > 1 && !feeds.is_empty() {
        // A block of several sources always merges, even when only one answered, so its items keep
        // naming their source. Merging copies the items; a single source is shared with every block.
        let owned: Vec<Feed> = feeds.iter().map(|f| Feed::clone(f)).collect();
        let merged = Feed {
            items: select::merge(owned),
            ..Feed::default()
        };
        return Ok(Loaded {
            feed: Arc::new(merged),
            failures,
        });
    }
    match feeds.pop() {
        Some(feed) => Ok(Loaded { feed, failures }),
        None if failures.is_empty() => Err(vec![LoadError {
            url: String::new(),
            reason: "no feed URL: set the src attribute to an http(s) URL".into(),
            status: None,
        }]),
        None => Err(failures),
    }
}

/// Network errors and 5xx answers are retried this many times, waiting longer each time; 4xx answers,
/// timeouts and bad bodies are not (retrying would not change them, or would only wait longer).
const RETRIES: u32 = 2;
const BACKOFF_MS: u32 = 400;
async fn fetch_and_parse(url: String, timeout_ms: u32, format: Option<FeedFormat>) -> FeedResult {
    let mut attempt = 0;
    let (bytes, total_pages) = loop {
        match fetch_bytes(&url, timeout_ms).await {
            Ok(b) => break b,
            Err(e) if attempt < RETRIES && e.retryable => {
                attempt += 1;
                super::host::warn(&["retrying ", &url, " after: ", &e.error.reason].concat());
                sleep(BACKOFF_MS.saturating_mul(3u32.pow(attempt - 1))).await;
            }
            Err(e) => return Err(e.error),
        }
    };
    read_feed(bytes, url, format, total_pages).await
}

/// A received body to the feed every block reads: the core's caps, parse and finishing rules, with the
/// warnings in the console. Real fetches and the browser tests' [`prime`] both come through here.
async fn read_feed(
    mut bytes: Vec<u8>,
    url: String,
    format: Option<FeedFormat>,
    total_pages: Option<String>,
) -> FeedResult {
    if let Some(w) = select::cap_body(&mut bytes) {
        super::host::warn(&[&url, " ", w].concat());
    }
    match parse_body(&bytes, &url, format).await {
        Ok(mut feed) => {
            drop(bytes);
            for w in feed.warnings.iter().take(20) {
                super::host::warn(&[&url, ": ", w].concat());
            }
            if let Some(w) = select::finish_feed(&mut feed, &url, total_pages.as_deref()) {
                super::host::warn(&[&url, " ", w].concat());
            }
            Ok(Arc::new(feed))
        }
        Err(e) => Err(LoadError {
            reason: e.to_string(),
            url,
            status: None,
        }),
    }
}

/// A failed request and whether trying again could help.
struct Attempt {
    error: LoadError,
    retryable: bool,
}

/// JSON Feed bodies above this are parsed a slice of items at a time (see [`parse_body`]).
const SLICED_ABOVE: usize = 256 * 1024;
/// Items parsed between two looks at the clock (about a millisecond of work).
const SLICE_ITEMS: usize = 128;
/// Parsing time after which the page gets its main thread back, so that a 10 MB feed never makes a long
/// task (Lighthouse flags tasks over 50 ms).
const SLICE_MS: f64 = 15.0;

/// `parse_feed` (JSON read by `JSON.parse`), but a large JSON Feed is parsed in slices with a yield to the
/// event loop every [`SLICE_MS`]; stops early once more than [`MAX_ITEMS`] articles are read (the rest would
/// be dropped). Anything the slicer refuses, and every error, goes through one whole `parse_feed`.
async fn parse_body(bytes: &[u8], url: &str, format: Option<FeedFormat>) -> Result<Feed, FeedError> {
    let json_feed = matches!(
        format.or_else(|| parse::detect_format(bytes)),
        Some(FeedFormat::JsonFeed)
    );
    if json_feed && bytes.len() > SLICED_ABOVE {
        if let Some(mut sliced) = ChunkedJsonFeed::new(bytes, Some(url)) {
            let mut since = js_sys::Date::now();
            loop {
                match sliced.step(SLICE_ITEMS) {
                    Ok(true) => return Ok(sliced.finish()),
                    Ok(false) if sliced.len() > MAX_ITEMS => return Ok(sliced.finish()),
                    Ok(false) => {}
                    Err(()) => break,
                }
                if js_sys::Date::now() - since >= SLICE_MS {
                    yield_to_page().await;
                    since = js_sys::Date::now();
                }
            }
        }
    }
    json_node::parse_feed(bytes, Some(url), format)
}

/// Lets the page run (input, rendering, other scripts): `scheduler.yield()` where the browser has it
/// (it resumes ahead of other queued tasks), else a 0 ms timeout.
async fn yield_to_page() {
    let global = js_sys::global();
    let scheduler = js_sys::Reflect::get(&global, &JsValue::from_str("scheduler")).ok();
    let promise = scheduler.and_then(|s| {
        let f = js_sys::Reflect::get(&s, &JsValue::from_str("yield")).ok()?;
        f.dyn_ref::<js_sys::Function>()?
            .call0(&s)
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()
    });
    match promise {
        Some(p) => {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        }
        None => sleep(0).await,
    }
}

async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u32) as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The body, and the page count a paged API (WordPress REST) announced in `X-WP-TotalPages`.
async fn fetch_bytes(url: &str, timeout_ms: u32) -> Result<(Vec<u8>, Option<String>), Attempt> {
    let fail = |reason: String, status: Option<u16>| Attempt {
        // Server errors and network failures may pass; client errors and timeouts will not.
        retryable: status.map_or(!reason.starts_with("timed out"), |s| s >= 500),
        error: LoadError {
            url: url.to_owned(),
            reason,
            status,
        },
    };
    let controller = web_sys::AbortController::new().ok();
    let timer = controller
        .as_ref()
        .and_then(|c| arm_timeout(c.clone(), timeout_ms));
    let response = send(url, controller.as_ref()).await;
    let timed_out = || controller.as_ref().is_some_and(|c| c.signal().aborted());
    let result = match response {
        Err(_) if timed_out() => Err(fail(["timed out after ", &ms_text(timeout_ms)].concat(), None)),
        Err(e) => Err(fail(
            [
                "network error, redirect loop or CORS refusal (the feed must send Access-Control-Allow-Origin): ",
                &js_reason(&e),
            ]
            .concat(),
            None,
        )),
        Ok(resp) if !resp.ok() => {
            let status = resp.status();
            Err(fail(
                ["HTTP ", &status.to_string(), " ", &resp.status_text()].concat(),
                Some(status),
            ))
        }
        Ok(resp) => {
            // Readable cross-origin only when the server exposes it; WordPress does by default.
            let total_pages = resp.headers().get("x-wp-totalpages").ok().flatten();
            match read_body(&resp).await {
                Ok(bytes) => Ok((bytes, total_pages)),
                Err(_) if timed_out() => Err(fail(["timed out after ", &ms_text(timeout_ms)].concat(), None)),
                Err(e) => Err(fail(
                    ["could not read the response body: ", &js_reason(&e)].concat(),
                    None,
                )),
            }
        }
    };
    if let (Some(id), Some(w)) = (timer, web_sys::window()) {
        w.clear_timeout_with_handle(id);
    }
    result
}

/// A plain CORS GET through the browser's `fetch`, abortable by the controller.
async fn send(
    url: &str,
    controller: Option<&web_sys::AbortController>,
) -> Result<web_sys::Response, wasm_bindgen::JsValue> {
    let window = web_sys::window().ok_or_else(|| wasm_bindgen::JsValue::from_str("no window"))?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    if let Some(c) = controller {
        init.set_signal(Some(&c.signal()));
    }
    let answer = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(url, &init)).await?;
    answer.dyn_into::<web_sys::Response>()
}

async fn read_body(resp: &web_sys::Response) -> Result<Vec<u8>, wasm_bindgen::JsValue> {
    let buffer = wasm_bindgen_futures::JsFuture::from(resp.array_buffer()?).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The message of a JS exception (e.g. "Failed to fetch"), for the console reason.
fn js_reason(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn arm_timeout(controller: web_sys::AbortController, timeout_ms: u32) -> Option<i32> {
    let cb = Closure::once_into_js(move || controller.abort());
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            cb.unchecked_ref(),
            timeout_ms.min(i32::MAX as u32) as i32,
        )
        .ok()
}

fn ms_text(ms: u32) -> String {
    let secs = ms / 1000;
    let tenths = (ms % 1000) / 100;
    if tenths == 0 {
        [secs.to_string(), " s".into()].concat()
    } else {
        [secs.to_string(), ".".into(), tenths.to_string(), " s".into()].concat()
    }
}

/// Puts a feed body into the request cache as if `url` had answered with it (through the same reading
/// pipeline as a fetched body), so browser tests can mount blocks without a server. Not part of the embed
/// contract.
#[doc(hidden)]
pub fn prime(url: &str, body: &[u8]) {
    let fut: Pin<Box<dyn Future<Output = FeedResult>>> =
        Box::pin(read_feed(body.to_vec(), url.to_owned(), None, None));
    let entry = Entry {
        load: fut.shared(),
        started: js_sys::Date::now(),
    };
    CACHE.with(|c| c.borrow_mut().insert(cache_key(url, None), entry));
}
