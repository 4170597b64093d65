//! Fetching feeds: one request per feed URL per page (blocks sharing a `src` share the request and the
//! parsed result), a timeout through `AbortController`, and console reasons a webmaster can act on.
//!
//! Parsing, caps, the next-page rule and ordering are the pure core's job (`parse`, `select`); this module
//! only moves bytes, yields to the page while a large body is parsed, and reports failures.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::registry::Registry;
use super::shared;
use crate::core::bytes_json::ByteJson;
#[cfg(feature = "wordpress")]
use crate::core::chunked::Slices;
use crate::core::config::{BlockConfig, Kind};
use crate::core::deferred::Dated;
use crate::core::model::{Feed, FeedError, FeedFormat};
use crate::core::select::MAX_ITEMS;
use crate::core::text::number_text;
use crate::core::{live, parse, select};

/// Why a feed could not be shown; `reason` is what goes to the console and the error event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub url: String,
    pub reason: String,
    pub status: Option<u16>,
    /// The feed is in a format this module does not read: the block belongs to the full module.
    pub needs_full: bool,
}

pub type FeedResult = Result<Arc<Feed>, LoadError>;
type SharedLoad = shared::SharedLoad<FeedResult>;

/// A finished fetch is reused by blocks mounted shortly after (several blocks on one page, or a
/// single-page site re-adding a block); older results are fetched again.
const REUSE_MS: f64 = 60_000.0;

struct Entry {
    load: SharedLoad,
    started: f64,
    /// The [`live::fingerprint`] of the body the load read, once it arrived: a refresh whose body has the
    /// same one changes nothing.
    #[cfg_attr(not(feature = "live"), allow(dead_code))]
    print: Rc<Cell<Option<u64>>>,
}

/// How a load may take an earlier request for the same feed instead of sending its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reuse {
    /// An in-flight or recent request ([`REUSE_MS`]; a failure for [`FAILURE_REUSE_MS`]).
    Recent,
    /// None: the retry button, "Xem thêm".
    Fresh,
    /// Whatever the page last read, however old: a refreshing block redrawing after one of its sources
    /// changed, whose other sources have their own refresh.
    Latest,
}

thread_local! {
    static CACHE: RefCell<Registry<String, Entry>> = const { RefCell::new(Registry::new()) };
}

/// A failed load is answered from memory this long, so a block re-mounted (or a second block on the same
/// feed) does not send its retries again; the retry button asks for a fresh load.
const FAILURE_REUSE_MS: f64 = 10_000.0;

/// Loads one feed as a block's configuration asks (timeout, forced format, referrer policy), sharing an
/// earlier request for the same URL (and forced format) as `reuse` allows.
pub fn load(url: &str, config: &BlockConfig, reuse: Reuse) -> SharedLoad {
    let now = js_sys::Date::now();
    let (timeout_ms, format) = (config.timeout_ms, config.format);
    let key = cache_key(url, format);
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if let Some(e) = cache.get(&key).filter(|_| reuse != Reuse::Fresh) {
            let failed = e.load.peek(|r| matches!(r, Some(Err(_))));
            let recent = if failed { FAILURE_REUSE_MS } else { REUSE_MS };
            if reuse == Reuse::Latest || now - e.started < recent {
                return e.load.clone();
            }
        }
        let print = Rc::new(Cell::new(None));
        let fut: Pin<Box<dyn Future<Output = FeedResult>>> = Box::pin(fetch_and_parse(
            url.to_owned(),
            timeout_ms,
            format,
            config.referrer.clone(),
            // A body is fingerprinted only for blocks that refresh (a pass over every byte); a refresh of a
            // feed loaded without one parses it once more.
            (cfg!(feature = "live") && config.refresh_secs.is_some()).then(|| print.clone()),
        ));
        let shared = SharedLoad::spawn(fut);
        cache.insert(
            key,
            Entry {
                load: shared.clone(),
                started: now,
                print,
            },
        );
        shared
    })
}

/// Asks again for a feed of a refreshing block and tells whether it changed: `Ok(true)` when the cache now
/// holds a new parse of it (blocks load it with [`Reuse::Latest`]), `Ok(false)` when the body is the one
/// read last (or a load of it is still on its way). The request revalidates the browser's HTTP cache
/// (`cache: "no-cache"`): the browser sends `If-None-Match` / `If-Modified-Since` itself, without a CORS
/// preflight, and hands a `304` over as the cached body, which is then neither parsed nor drawn again.
/// Not retried: the next refresh is the retry. A failure leaves the last good parse in the cache.
#[cfg(feature = "live")]
pub async fn refetch(url: &str, config: &BlockConfig) -> Result<bool, LoadError> {
    let key = cache_key(url, config.format);
    let in_flight = CACHE.with(|c| c.borrow().get(&key).is_some_and(|e| e.load.peek(|r| r.is_none())));
    if in_flight {
        return Ok(false);
    }
    let deadline = js_sys::Date::now() + f64::from(config.timeout_ms);
    let (bytes, total_pages) = fetch_bytes(url, config.timeout_ms, &config.referrer, true, None)
        .await
        .map_err(|a| a.error)?;
    let print = live::fingerprint(&bytes);
    let now = js_sys::Date::now();
    let unchanged = CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        let e = cache.get_mut(&key)?;
        let same = e.print.get() == Some(print) && e.load.peek(|r| matches!(r, Some(Ok(_))));
        if same {
            e.started = now;
        }
        Some(same)
    });
    if unchanged == Some(true) {
        return Ok(false);
    }
    let feed = read_feed(bytes, url.to_owned(), config.format, total_pages, deadline, None).await?;
    let load = SharedLoad::ready(Ok(feed));
    let entry = Entry {
        load,
        started: now,
        print: Rc::new(Cell::new(Some(print))),
    };
    CACHE.with(|c| c.borrow_mut().insert(key, entry));
    Ok(true)
}

/// Everything a block renders from: its feed (newest first; several sources merged and de-duplicated)
/// and the sources that failed.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub feed: Arc<Feed>,
    pub failures: Vec<LoadError>,
}

/// A block forcing a format must not get the parse of a block that let it be detected.
pub(super) fn cache_key(url: &str, format: Option<FeedFormat>) -> String {
    match format {
        None => url.to_owned(),
        Some(f) => [url, "\n", f.as_str()].concat(),
    }
}

/// Loads every source of a block. Fails (with every source's reason, never an empty list) only when no
/// source loaded; otherwise the failures are kept so the block can say that a source is missing.
pub async fn load_sources(
    sources: &[String],
    config: &BlockConfig,
    reuse: Reuse,
) -> Result<Loaded, Vec<LoadError>> {
    // Every request is on its way before the first is awaited: awaiting them in turn waits as long as
    // the slowest.
    let loads: Vec<SharedLoad> = sources.iter().map(|u| load(u, config, reuse)).collect();
    let mut feeds = Vec::with_capacity(loads.len());
    let mut failures = Vec::new();
    for l in loads {
        match l.await {
            Ok(f) => feeds.push(f),
            Err(e) => failures.push(e),
        }
    }
    // Blocks that look through every item read what a large feed left unread now, in slices, rather than
    // in one long task when they draw.
    let tagged = config.tag.as_deref().is_some_and(|t| !t.trim().is_empty());
    if sources.len() > 1 || tagged || config.kind == Kind::Gallery {
        for f in &feeds {
            read_rest(f).await;
        }
    }
    if sources.len() > 1 && !feeds.is_empty() {
        // A block of several sources always merges, even when only one answered, so its items keep
        // naming their source. Merging copies the items; a single source is shared with every block.
        let owned: Vec<Feed> = feeds
            .iter()
            .map(|f| Feed {
                title: f.title.clone(),
                home_page_url: f.home_page_url.clone(),
                items: f.all_items().to_vec(),
                ..Feed::default()
            })
            .collect();
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
            needs_full: false,
        }]),
        None => Err(failures),
    }
}

/// Reads the items a large feed left unread (see [`Feed::all_items`]) a few at a time, giving the page its
/// main thread back every [`SLICE_MS`]: for blocks that look through every item (a tag filter, several
/// sources, a gallery, "Xem thêm" past the items read first).
pub async fn read_rest(feed: &Feed) {
    let mut since = js_sys::Date::now();
    while !feed.read_some(REST_ITEMS) {
        if js_sys::Date::now() - since >= SLICE_MS {
            yield_to_page().await;
            since = js_sys::Date::now();
        }
    }
}

/// Network errors and 5xx answers are retried this many times, waiting longer each time; 4xx answers,
/// timeouts and bad bodies are not (retrying would not change them, or would only wait longer).
const RETRIES: u32 = 2;
const BACKOFF_MS: u32 = 400;
async fn fetch_and_parse(
    url: String,
    timeout_ms: u32,
    format: Option<FeedFormat>,
    referrer: String,
    print: Option<Rc<Cell<Option<u64>>>>,
) -> FeedResult {
    let mut attempt = 0;
    // Reading the body is bounded by the same timeout as the request, counted from the first attempt.
    let deadline = js_sys::Date::now() + f64::from(timeout_ms);
    let (bytes, total_pages, early) = loop {
        let mut arriving = Arriving::new(&url, format);
        match fetch_bytes(&url, timeout_ms, &referrer, false, Some(&mut arriving)).await {
            Ok((bytes, total_pages)) => break (bytes, total_pages, arriving.dated),
            Err(e) if attempt < RETRIES && e.retryable => {
                attempt += 1;
                super::host::warn(&["retrying ", &url, " after: ", &e.error.reason].concat());
                // Jittered (1 to 1.5 times the step), so readers who opened the page together do not retry
                // together, and never sooner than the step.
                let step = f64::from(BACKOFF_MS.saturating_mul(3u32.pow(attempt - 1)));
                sleep((step * (1.0 + 0.5 * js_sys::Math::random())) as u32).await;
            }
            Err(e) => return Err(e.error),
        }
    };
    mark("news-widget:body");
    if let Some(print) = print {
        print.set(Some(live::fingerprint(&bytes)));
    }
    read_feed(bytes, url, format, total_pages, deadline, early).await
}

/// A received body to the feed every block reads: the core's caps, parse and finishing rules, with the
/// warnings in the console. Real fetches and the browser tests' [`prime`] both come through here.
async fn read_feed(
    mut bytes: Vec<u8>,
    url: String,
    format: Option<FeedFormat>,
    total_pages: Option<String>,
    deadline: f64,
    mut early: Option<Dated<ByteJson>>,
) -> FeedResult {
    if let Some(w) = select::cap_body(&mut bytes) {
        super::host::warn(&[&url, " ", w].concat());
        // Cut: a scan of what arrived may have reached past the end.
        early = None;
    }
    if bytes.len() > SLICED_ABOVE {
        // The body arrived, and was copied into the module, in the task that read its last chunk: reading
        // it starts in a task of its own.
        yield_to_page().await;
    }
    if is_json_feed(format, &bytes) && bytes.len() > SLICED_ABOVE {
        match scan_dates(&bytes, &url, deadline, early).await {
            Ok(Some(dated)) => {
                let (feed, changed) = dated.finish(bytes, &url, total_pages.as_deref(), nfc);
                return Ok(finished(feed, &url, &changed));
            }
            Ok(None) => {}
            Err(TimedOut) => return Err(timed_out(url)),
        }
    }
    let parsed = match parse_body(&bytes, &url, format, deadline).await {
        Ok(parsed) => parsed,
        Err(TimedOut) => return Err(timed_out(url)),
    };
    match parsed {
        Ok(mut feed) => {
            drop(bytes);
            feed.normalize_text(&nfc);
            let changed = select::finish_feed(&mut feed, &url, total_pages.as_deref());
            Ok(finished(feed, &url, &changed))
        }
        Err(e) => Err(LoadError {
            needs_full: matches!(e, FeedError::Unsupported(_)),
            reason: e.reason(),
            url,
            status: None,
        }),
    }
}

/// Whether `body` is read as a JSON Feed: the block's `format`, else the detected one.
fn is_json_feed(format: Option<FeedFormat>, body: &[u8]) -> bool {
    format.or_else(|| parse::detect_format(body)) == Some(FeedFormat::JsonFeed)
}

/// A named point on the page's performance timeline (the body in the module's memory, the feed read), for
/// `make bench` and for webmasters' profiles.
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

fn timed_out(url: String) -> LoadError {
    LoadError {
        needs_full: false,
        reason: "timed out while reading the feed (attribute timeout)".into(),
        url,
        status: None,
    }
}

/// A feed read and finished: its warnings and what finishing changed go to the console.
fn finished(feed: Feed, url: &str, changed: &[select::Finished]) -> Arc<Feed> {
    mark("news-widget:parsed");
    for w in feed.warnings.iter().take(20) {
        super::host::warn(&[url, ": ", w].concat());
    }
    for change in changed {
        super::host::warn(&[url, " ", change.as_str()].concat());
    }
    Arc::new(feed)
}

/// The first pass over a large JSON Feed (see [`Dated`]): every item's date, a slice at a time within the
/// budget; `None` when the body must be parsed whole (not delimitable, or not valid JSON).
/// `early` is the scan done while the body arrived (see [`Arriving`]), which goes on from where it stopped.
async fn scan_dates(
    bytes: &[u8],
    url: &str,
    deadline: f64,
    early: Option<Dated<ByteJson>>,
) -> Result<Option<Dated<ByteJson>>, TimedOut> {
    let Some(mut dated) = early.or_else(|| Dated::new(bytes, Some(url))) else {
        return Ok(None);
    };
    let mut budget = Budget::new(deadline);
    loop {
        match dated.step(bytes, SCAN_ITEMS) {
            Ok(true) => return Ok(Some(dated)),
            Ok(false) if dated.len() > MAX_ITEMS => return Ok(Some(dated)),
            Ok(false) => {}
            Err(()) => return Ok(None),
        }
        if !budget.next(url, dated.len()).await? {
            return Ok(Some(dated));
        }
    }
}

#[cfg(feature = "feedback")]
/// What an endpoint answered: status, `Retry-After` (readable cross-origin when the server exposes it) and
/// body.
pub struct Answer {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: Vec<u8>,
}

#[cfg(feature = "feedback")]
/// POSTs a JSON body to `url` (CORS, `Content-Type: application/json`), sending cookies only when
/// `same_origin`, with a timeout; `Err` carries the console reason (network, CORS refusal, timeout).
pub async fn post_json(url: &str, body: &str, timeout_ms: u32, same_origin: bool) -> Result<Answer, String> {
    let window = web_sys::window().ok_or("no window")?;
    let controller = web_sys::AbortController::new().ok();
    let timer = controller
        .as_ref()
        .and_then(|c| arm_timeout(c.clone(), timeout_ms));
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_credentials(if same_origin {
        web_sys::RequestCredentials::SameOrigin
    } else {
        web_sys::RequestCredentials::Omit
    });
    if let Ok(headers) = web_sys::Headers::new() {
        let _ = headers.set("Content-Type", "application/json");
        init.set_headers(&headers);
    }
    init.set_body(&JsValue::from_str(body));
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let result = async {
        let answer = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(|e| js_reason(&e))?;
        let resp: web_sys::Response = answer.dyn_into().map_err(|e| js_reason(&e))?;
        let body = read_response(&resp, None).await.unwrap_or_default();
        Ok(Answer {
            status: resp.status(),
            retry_after: resp.headers().get("retry-after").ok().flatten(),
            body,
        })
    }
    .await;
    if let (Some(id), Some(w)) = (timer, web_sys::window()) {
        w.clear_timeout_with_handle(id);
    }
    let timed_out = controller.as_ref().is_some_and(|c| c.signal().aborted());
    result.map_err(|e: String| {
        if timed_out {
            ["timed out after ", &ms_text(timeout_ms)].concat()
        } else {
            e
        }
    })
}

#[cfg(feature = "feedback")]
/// GETs `url` (a plain CORS request with a timeout) and gives its body; `Err` carries the console reason.
pub async fn get_body(url: &str, timeout_ms: u32) -> Result<Vec<u8>, String> {
    fetch_bytes(
        url,
        timeout_ms,
        crate::core::config::DEFAULT_REFERRER,
        false,
        None,
    )
    .await
    .map(|(body, _)| body)
    .map_err(|a| a.error.reason)
}

/// Unicode NFC by the browser (`String.prototype.normalize`): no normalisation tables in the module.
pub fn nfc(s: &str) -> String {
    String::from(js_sys::JsString::from(s).normalize("NFC"))
}

/// A failed request and whether trying again could help.
struct Attempt {
    error: LoadError,
    retryable: bool,
}

/// Bodies above this are read a slice at a time with yields: a JSON Feed newest first ([`scan_dates`]),
/// WordPress and XML in slices ([`parse_body`]).
const SLICED_ABOVE: usize = 256 * 1024;
/// Items parsed between two looks at the clock (about a millisecond of work).
#[cfg(feature = "wordpress")]
const SLICE_ITEMS: usize = 128;
/// Unread items of a large feed read between two looks at the clock (each is read in full).
const REST_ITEMS: usize = 32;
/// Elements of a large JSON Feed whose dates are scanned between two looks at the budget (a byte-level
/// pass: ~1 µs per element).
const SCAN_ITEMS: usize = 1024;
/// XML events read between two looks at the clock (well under a millisecond of work).
#[cfg(feature = "xml")]
const XML_SLICE_EVENTS: usize = 2048;
/// Elements scanned, and milliseconds of scanning, between two looks at the clock and two yields while a
/// body arrives ([`Arriving`]): shorter than [`SLICE_MS`], because the loader reads the download's chunks
/// on the same thread, and a download whose chunks are not read is held up by the browser.
const ARRIVING_ITEMS: usize = 64;
const ARRIVING_SLICE_MS: f64 = 4.0;
/// Parsing time after which the page gets its main thread back, so that a 10 MB feed never makes a long
/// task (Lighthouse flags tasks over 50 ms).
const SLICE_MS: f64 = 15.0;

/// The block's timeout passed while its feed was being read, before any item was.
struct TimedOut;

/// Whether reading a feed in slices goes on: gives the page its main thread back every [`SLICE_MS`], and
/// stops at the block's timeout (a warning when some items were read, else [`TimedOut`]).
struct Budget {
    since: f64,
    deadline: f64,
}

impl Budget {
    fn new(deadline: f64) -> Budget {
        Budget {
            since: js_sys::Date::now(),
            deadline,
        }
    }

    /// `Ok(true)`: go on; `Ok(false)`: stop with the items read; `Err`: stop with nothing.
    async fn next(&mut self, url: &str, items: usize) -> Result<bool, TimedOut> {
        let now = js_sys::Date::now();
        if now > self.deadline {
            if items == 0 {
                return Err(TimedOut);
            }
            super::host::warn(
                &[
                    url,
                    " took longer than its timeout to read; showing the items read",
                ]
                .concat(),
            );
            return Ok(false);
        }
        if now - self.since >= SLICE_MS {
            yield_to_page().await;
            self.since = js_sys::Date::now();
        }
        Ok(true)
    }
}

/// The newest-first scan of a large JSON Feed (see [`scan_dates`]) while its body still arrives: what has
/// arrived is scanned between two chunks, so that the scan is mostly done when the last byte is in.
struct Arriving {
    url: String,
    format: Option<FeedFormat>,
    dated: Option<Dated<ByteJson>>,
    /// The body length at which to try again. The scan stops before an element not all in yet; trying
    /// again only once as many bytes again as it left unscanned have arrived keeps the work linear when
    /// what stops it is an error (which the scan of the whole body then reports).
    retry_at: usize,
    off: bool,
}

impl Arriving {
    fn new(url: &str, format: Option<FeedFormat>) -> Arriving {
        Arriving {
            url: url.to_owned(),
            format,
            dated: None,
            retry_at: SLICED_ABOVE,
            off: false,
        }
    }

    /// Scans what has arrived of a body larger than [`SLICED_ABOVE`], when it is a JSON Feed.
    async fn advance(&mut self, received: &[u8]) {
        if self.off || received.len() <= self.retry_at {
            return;
        }
        if !is_json_feed(self.format, received) {
            self.off = true;
            return;
        }
        let dated = match self.dated.as_mut() {
            Some(d) => d,
            None => match Dated::new(received, Some(&self.url)) {
                Some(d) => self.dated.insert(d),
                None => {
                    self.retry_at = received.len() * 2;
                    return;
                }
            },
        };
        let mut since = js_sys::Date::now();
        while dated.step_received(received, ARRIVING_ITEMS) > 0 && dated.len() <= MAX_ITEMS {
            if js_sys::Date::now() - since >= ARRIVING_SLICE_MS {
                yield_to_page().await;
                since = js_sys::Date::now();
            }
        }
        self.retry_at = received.len() + received.len().saturating_sub(dated.scanned_to());
        // Past the item cap the rest is dropped anyway (the scan of the whole body stops there too).
        self.off |= dated.len() > MAX_ITEMS;
    }
}

/// `parse_feed`, but a large WordPress or XML feed is parsed in slices with a
/// yield to the event loop every [`SLICE_MS`], up to the block's deadline; stops early once more than
/// [`MAX_ITEMS`] articles are read (the rest would be dropped). Anything the JSON slicer refuses, and every
/// error, goes through one whole `parse_feed`. (A large JSON Feed is read newest first before this, see
/// [`scan_dates`]; what that refuses is not valid or not delimitable, so it is parsed whole here.)
#[cfg_attr(not(any(feature = "xml", feature = "wordpress")), allow(unused_variables))]
async fn parse_body(
    bytes: &[u8],
    url: &str,
    forced: Option<FeedFormat>,
    deadline: f64,
) -> Result<Result<Feed, FeedError>, TimedOut> {
    let format = forced.or_else(|| parse::detect_format(bytes));
    #[cfg(feature = "xml")]
    if matches!(format, Some(FeedFormat::Rss | FeedFormat::Atom)) && bytes.len() > SLICED_ABOVE {
        let text = crate::core::xml::XmlText::decode(bytes);
        let mut sliced = text.slices(Some(url));
        let mut budget = Budget::new(deadline);
        loop {
            if let Some(done) = sliced.step(XML_SLICE_EVENTS) {
                return Ok(done);
            }
            if sliced.len() > MAX_ITEMS || !budget.next(url, sliced.len()).await? {
                return Ok(sliced.finish());
            }
        }
    }
    #[cfg(feature = "wordpress")]
    if format == Some(FeedFormat::WordPress) && bytes.len() > SLICED_ABOVE {
        let posts = crate::core::chunked::ChunkedWordPress::new(bytes, Some(url));
        if let Some(feed) = read_slices(posts, url, deadline).await? {
            return Ok(Ok(feed));
        }
    }
    Ok(parse::parse_feed(bytes, Some(url), forced))
}

/// Reads a JSON body in slices of [`SLICE_ITEMS`] within the budget; `None` when the slicer refused it
/// (it is then parsed whole, which also finds the error).
#[cfg(feature = "wordpress")]
async fn read_slices<S: Slices>(
    sliced: Option<S>,
    url: &str,
    deadline: f64,
) -> Result<Option<Feed>, TimedOut> {
    let Some(mut sliced) = sliced else {
        return Ok(None);
    };
    let mut budget = Budget::new(deadline);
    loop {
        match sliced.step(SLICE_ITEMS) {
            Ok(true) => return Ok(Some(sliced.finish())),
            Ok(false) if sliced.articles() > MAX_ITEMS => return Ok(Some(sliced.finish())),
            Ok(false) => {}
            Err(()) => return Ok(None),
        }
        if !budget.next(url, sliced.articles()).await? {
            return Ok(Some(sliced.finish()));
        }
    }
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

/// The body, and the page count a paged API (WordPress REST) announced in `X-WP-TotalPages`. `revalidate`
/// asks the browser's HTTP cache to check its copy with the server (see [`refetch`]).
async fn fetch_bytes(
    url: &str,
    timeout_ms: u32,
    referrer: &str,
    revalidate: bool,
    arriving: Option<&mut Arriving>,
) -> Result<(Vec<u8>, Option<String>), Attempt> {
    let fail = |reason: String, status: Option<u16>| Attempt {
        // Server errors and network failures may pass; client errors and timeouts will not.
        retryable: status.map_or(!reason.starts_with("timed out"), |s| s >= 500),
        error: LoadError {
            url: url.to_owned(),
            reason,
            status,
            needs_full: false,
        },
    };
    // The loader may have started this request while the module downloaded: take it (once) instead. It
    // sends the default referrer policy only, so a block that set its own sends its own request.
    let prefetched = (referrer == crate::core::config::DEFAULT_REFERRER && !revalidate)
        .then(|| take_prefetched(url))
        .flatten();
    let (controller, pending, early_body) = match prefetched {
        Some(p) => (Some(p.controller), Some(p.response), p.body),
        None => (web_sys::AbortController::new().ok(), None, None),
    };
    let timer = controller
        .as_ref()
        .and_then(|c| arm_timeout(c.clone(), timeout_ms));
    let response = match pending {
        Some(request) => wasm_bindgen_futures::JsFuture::from(request)
            .await
            .and_then(|r| r.dyn_into::<web_sys::Response>()),
        None => send(url, controller.as_ref(), referrer, revalidate).await,
    };
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
                // The status code only: the status text is the server's words, not ours.
                ["HTTP ", &number_text(status.into())].concat(),
                Some(status),
            ))
        }
        Ok(resp) if declared_length(&resp).is_some_and(|n| n > select::MAX_BODY_BYTES as u64) => {
            // Not downloaded at all: a reader on a phone must not pay for a body the block would cut.
            if let Some(body) = resp.body() {
                let _ = body.cancel();
            }
            Err(Attempt {
                retryable: false,
                ..fail("is larger than 20 MB (Content-Length); not downloaded".into(), None)
            })
        }
        Ok(resp) => {
            // Readable cross-origin only when the server exposes it; WordPress does by default.
            let total_pages = resp.headers().get("x-wp-totalpages").ok().flatten();
            // The loader leaves a body it does not read (no stream, or over the cap) to be read here.
            let from_loader = match early_body {
                Some(b) => wasm_bindgen_futures::JsFuture::from(b).await,
                None => Ok(JsValue::NULL),
            };
            let body = match from_loader {
                Ok(take) => match take.dyn_into::<js_sys::Function>() {
                    Ok(take) => read_body(Chunks::Loader(take), &resp, arriving).await,
                    Err(_) => read_response(&resp, arriving).await,
                },
                Err(e) => Err(e),
            };
            match body {
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

/// A request the loader started while the module downloaded.
struct Prefetched {
    /// The `fetch` promise.
    response: js_sys::Promise,
    /// A promise of the loader's reader of its body ([`Chunks::Loader`]; `null` when it left the body to
    /// the module): the loader reads the body as it arrives, so the module neither waits a task for each
    /// chunk nor holds up the download while it loads.
    body: Option<js_sys::Promise>,
    controller: web_sys::AbortController,
}

/// The request the loader started for `url`, removed from the loader's table so that it is used once:
/// retries and refreshes send their own.
fn take_prefetched(url: &str) -> Option<Prefetched> {
    let table =
        js_sys::Reflect::get(&js_sys::global(), &js_sys::Symbol::for_("news-widget.prefetch")).ok()?;
    let table = table.dyn_into::<js_sys::Map>().ok()?;
    let key = JsValue::from_str(url);
    let entry = table.get(&key);
    if entry.is_undefined() {
        return None;
    }
    table.delete(&key);
    let get = |name: &str| js_sys::Reflect::get(&entry, &JsValue::from_str(name)).ok();
    Some(Prefetched {
        response: get("response")?.dyn_into().ok()?,
        body: get("body").and_then(|b| b.dyn_into().ok()),
        controller: get("controller")?.dyn_into().ok()?,
    })
}

/// A plain CORS GET through the browser's `fetch`, abortable by the controller, with the block's referrer
/// policy. Credentials stay the default `same-origin`: a feed on another origin gets no cookies.
async fn send(
    url: &str,
    controller: Option<&web_sys::AbortController>,
    referrer: &str,
    revalidate: bool,
) -> Result<web_sys::Response, wasm_bindgen::JsValue> {
    let window = web_sys::window().ok_or_else(|| wasm_bindgen::JsValue::from_str("no window"))?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let _ = js_sys::Reflect::set(
        &init,
        &JsValue::from_str("referrerPolicy"),
        &JsValue::from_str(referrer),
    );
    if revalidate {
        let _ = js_sys::Reflect::set(&init, &JsValue::from_str("cache"), &JsValue::from_str("no-cache"));
    }
    if let Some(c) = controller {
        init.set_signal(Some(&c.signal()));
    }
    let answer = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(url, &init)).await?;
    answer.dyn_into::<web_sys::Response>()
}

/// The `Content-Length` the server declared (readable cross-origin: it is a CORS-safelisted header). With a
/// `Content-Encoding` it is the compressed size, so it only ever refuses early; the cap holds while reading.
fn declared_length(resp: &web_sys::Response) -> Option<u64> {
    let v = resp.headers().get("content-length").ok().flatten()?;
    // An integer parse: `f64`'s parser would add ~14 KB to the module.
    v.trim().parse::<u64>().ok()
}

/// [`read_body`] of the response's own stream.
async fn read_response(
    resp: &web_sys::Response,
    arriving: Option<&mut Arriving>,
) -> Result<Vec<u8>, wasm_bindgen::JsValue> {
    let Some(stream) = resp.body() else {
        return Ok(Vec::new());
    };
    read_body(
        Chunks::Stream(stream.get_reader().unchecked_into()),
        resp,
        arriving,
    )
    .await
}

/// Where a body's chunks come from.
enum Chunks {
    Stream(web_sys::ReadableStreamDefaultReader),
    /// The loader's reader of a request it started while the module downloaded: each call gives a
    /// promise of the bytes that arrived since the last call, or of `null` at the end.
    Loader(js_sys::Function),
}

impl Chunks {
    /// The next chunk; `None` at the end of the body.
    async fn next(&self) -> Result<Option<js_sys::Uint8Array>, JsValue> {
        let chunk = match self {
            Chunks::Stream(reader) => {
                let read = wasm_bindgen_futures::JsFuture::from(reader.read()).await?;
                if js_sys::Reflect::get(&read, &JsValue::from_str("done"))?.is_truthy() {
                    return Ok(None);
                }
                js_sys::Reflect::get(&read, &JsValue::from_str("value"))?
            }
            Chunks::Loader(take) => {
                let promise = take.call0(&JsValue::NULL)?.dyn_into::<js_sys::Promise>()?;
                wasm_bindgen_futures::JsFuture::from(promise).await?
            }
        };
        Ok(chunk.dyn_into::<js_sys::Uint8Array>().ok())
    }

    /// Stops the download (the loader stops its own past the same cap).
    fn cancel(&self) {
        if let Chunks::Stream(reader) = self {
            let _ = reader.cancel();
        }
    }
}

/// Reads the body as it arrives, one chunk at a time (scanning it meanwhile when `arriving` is given), and
/// stops (cancelling the rest of the download) once it is over [`select::MAX_BODY_BYTES`]: a 1.5 GB answer
/// or a compressed bomb never sits whole in memory. Keeps one byte over the cap, so that
/// [`select::cap_body`] cuts it and says so, as for any body.
///
/// # Errors
/// The browser's error when the download fails or is aborted (timeout).
async fn read_body(
    chunks: Chunks,
    resp: &web_sys::Response,
    mut arriving: Option<&mut Arriving>,
) -> Result<Vec<u8>, wasm_bindgen::JsValue> {
    let limit = select::MAX_BODY_BYTES + 1;
    let hint = declared_length(resp).map_or(0, |n| n.min(limit as u64) as usize);
    let mut bytes = Vec::with_capacity(hint);
    let mut since = 0.0;
    while let Some(part) = chunks.next().await? {
        // A large body is copied and scanned in tasks of their own: its first part often comes in the
        // task that mounted the block (it arrived while the module loaded), and parts already here come
        // one after another in one task.
        if bytes.len() + part.length() as usize > SLICED_ABOVE
            && js_sys::Date::now() - since >= ARRIVING_SLICE_MS
        {
            yield_to_page().await;
            since = js_sys::Date::now();
        }
        let room = limit - bytes.len();
        let take = (part.length() as usize).min(room);
        let start = bytes.len();
        bytes.resize(start + take, 0);
        if let Some(dst) = bytes.get_mut(start..) {
            part.subarray(0, take as u32).copy_to(dst);
        }
        if bytes.len() >= limit {
            chunks.cancel();
            break;
        }
        if let Some(a) = arriving.as_deref_mut() {
            a.advance(&bytes).await;
        }
    }
    Ok(bytes)
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
        [number_text(secs.into()), " s".into()].concat()
    } else {
        [
            number_text(secs.into()),
            ".".into(),
            number_text(tenths.into()),
            " s".into(),
        ]
        .concat()
    }
}

/// Puts a feed body into the request cache as if `url` had answered with it (through the same reading
/// pipeline as a fetched body), so browser tests can mount blocks without a server. Not part of the embed
/// contract.
#[doc(hidden)]
pub fn prime(url: &str, body: &[u8]) {
    let fut: Pin<Box<dyn Future<Output = FeedResult>>> = Box::pin(read_feed(
        body.to_vec(),
        url.to_owned(),
        None,
        None,
        f64::INFINITY,
        None,
    ));
    let entry = Entry {
        load: SharedLoad::spawn(fut),
        started: js_sys::Date::now(),
        print: Rc::new(Cell::new(Some(live::fingerprint(body)))),
    };
    CACHE.with(|c| c.borrow_mut().insert(cache_key(url, None), entry));
}
