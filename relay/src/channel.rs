//! A channel: its upstreams' last good items, the JSON Feed it serves, and the health of each upstream.
//!
//! Owns the refresh (fetch every upstream, parse and finish each feed with the core, merge, de-duplicate,
//! cap to `size`, render JSON Feed 1.1 once), the rule that a failing upstream keeps its last good items,
//! and the copy on disk that makes those items survive a restart. Readers only ever get the rendered
//! bytes: no request causes a fetch.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use news_widget::core::model::{Article, Feed};
use news_widget::core::parse::parse_feed;
use news_widget::core::select::{finish_feed, merge};
use reqwest::{Client, Url};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::{ChannelConfig, FetchConfig};
use crate::fetch::{client, fetch, FetchPolicy, Fetched, Validators};
use crate::jsonfeed;

/// What readers get: the bytes of the JSON Feed and their validators.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub body: Bytes,
    /// Strong ETag, quoted: a hash of the bytes.
    pub etag: String,
    /// When the bytes last changed (whole seconds).
    pub last_modified: SystemTime,
    pub items: usize,
}

/// The last good items of one upstream, kept on disk.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct UpstreamCopy {
    url: String,
    validators: Validators,
    title: Option<String>,
    home_page_url: Option<String>,
    items: Vec<Article>,
    /// Unix seconds of the last good response (200 or 304).
    fetched: Option<u64>,
}

/// A channel's file in the state directory.
#[derive(Debug, Default, Serialize, Deserialize)]
struct OnDisk {
    v: u32,
    upstreams: Vec<UpstreamCopy>,
    /// Unix seconds when the served bytes last changed.
    last_modified: Option<u64>,
    etag: Option<String>,
}

const DISK_VERSION: u32 = 1;

/// The health of one upstream, for `/healthz`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpstreamHealth {
    pub url: String,
    /// The last fetch was good (false before the first one).
    pub ok: bool,
    /// RFC 3339; set while failing.
    pub failing_since: Option<String>,
    pub last_error: Option<String>,
    /// RFC 3339 of the last good response (200 or 304).
    pub last_success: Option<String>,
    /// Requests made since start.
    pub fetches: u64,
    /// Of which answered 304.
    pub not_modified: u64,
}

/// The health of a channel, for `/healthz`.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelHealth {
    pub ok: bool,
    pub items: usize,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub refresh_seconds: f64,
    pub upstreams: Vec<UpstreamHealth>,
}

/// One configured channel.
#[derive(Debug)]
pub struct Channel {
    pub config: ChannelConfig,
    policy: FetchPolicy,
    client: Client,
    urls: Vec<Url>,
    path: PathBuf,
    copies: tokio::sync::Mutex<Vec<UpstreamCopy>>,
    current: RwLock<Option<Arc<Rendered>>>,
    health: Mutex<Vec<UpstreamHealth>>,
}

/// Why a channel could not be set up.
#[derive(Debug)]
pub struct ChannelError(pub String);

impl std::fmt::Display for ChannelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn unix_secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn from_unix(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

/// RFC 3339 in UTC.
pub fn rfc3339(t: SystemTime) -> String {
    news_widget::core::date::format_iso(i64::try_from(unix_secs(t)).unwrap_or(i64::MAX), 0)
}

/// Strong ETag of some bytes: the first 128 bits of their SHA-256, quoted.
pub fn etag_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(34);
    out.push('"');
    for b in digest.iter().take(16) {
        out.push_str(&format!("{b:02x}"));
    }
    out.push('"');
    out
}

/// Writes `bytes` to `path` durably: a temporary file in the same directory, fsync, rename, fsync of
/// the directory. A crash leaves the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let tmp = path.with_extension("tmp");
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    std::fs::File::open(dir)?.sync_all()
}

impl Channel {
    /// Sets up the channel and loads its last good copy from `state_dir`, if any, so it serves at once.
    ///
    /// # Errors
    /// When an upstream URL does not parse or the HTTP client cannot be built.
    pub fn new(
        config: ChannelConfig,
        fetch: &FetchConfig,
        state_dir: &Path,
    ) -> Result<Channel, ChannelError> {
        let policy = FetchPolicy {
            timeout: Duration::from_secs_f64(config.timeout_seconds.unwrap_or(fetch.timeout_seconds)),
            max_bytes: config.max_bytes.unwrap_or(fetch.max_bytes),
            max_redirects: fetch.max_redirects,
            allow_private: config.allow_private,
            user_agent: fetch.user_agent.clone(),
        };
        let client = client(&policy).map_err(|e| ChannelError(format!("HTTP client: {e}")))?;
        let urls = config
            .upstreams
            .iter()
            .map(|u| Url::parse(u).map_err(|e| ChannelError(format!("{u}: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let path = state_dir.join(format!("channel-{}.json", config.name));
        let health = urls
            .iter()
            .map(|u| UpstreamHealth {
                url: u.to_string(),
                ..UpstreamHealth::default()
            })
            .collect();
        let ch = Channel {
            policy,
            client,
            path,
            copies: tokio::sync::Mutex::new(Vec::new()),
            current: RwLock::new(None),
            health: Mutex::new(health),
            urls,
            config,
        };
        ch.load();
        Ok(ch)
    }

    /// Reads the copy on disk; a missing or unreadable file (another version, a crash mid-write of an
    /// older relay) is no copy.
    fn load(&self) {
        let disk: Option<OnDisk> = std::fs::read(&self.path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .filter(|d: &OnDisk| d.v == DISK_VERSION);
        let Some(disk) = disk else { return };
        // Only the upstreams still configured, in configured order.
        let copies: Vec<UpstreamCopy> = self
            .urls
            .iter()
            .map(|u| {
                disk.upstreams
                    .iter()
                    .find(|c| c.url == u.as_str())
                    .cloned()
                    .unwrap_or_else(|| UpstreamCopy {
                        url: u.to_string(),
                        ..UpstreamCopy::default()
                    })
            })
            .collect();
        let rendered = self.render(&copies, disk.last_modified.map(from_unix), disk.etag.as_deref());
        if let Ok(mut c) = self.copies.try_lock() {
            *c = copies;
        }
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = rendered.map(Arc::new);
    }

    /// What readers get now; `None` before the first good fetch.
    pub fn current(&self) -> Option<Arc<Rendered>> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The refresh interval.
    pub fn refresh_interval(&self) -> Duration {
        Duration::from_secs_f64(self.config.refresh_seconds)
    }

    /// `stale-while-revalidate` seconds.
    pub fn stale_while_revalidate(&self) -> u64 {
        self.config
            .stale_while_revalidate_seconds
            .unwrap_or(self.config.refresh_seconds.ceil() as u64)
    }

    /// Renders the merged items of `copies`; `None` when no upstream ever gave items. The last-modified
    /// time is kept when the bytes hash to `prev_etag`, else it is now.
    fn render(
        &self,
        copies: &[UpstreamCopy],
        prev_modified: Option<SystemTime>,
        prev_etag: Option<&str>,
    ) -> Option<Rendered> {
        if copies.iter().all(|c| c.fetched.is_none()) {
            return None;
        }
        let feeds = copies
            .iter()
            .map(|c| Feed {
                title: c.title.clone(),
                home_page_url: c.home_page_url.clone(),
                items: c.items.clone(),
                ..Feed::default()
            })
            .collect();
        let mut items = merge(feeds);
        items.truncate(self.config.size);
        let body = jsonfeed::render(&self.config.title, self.config.home_page_url.as_deref(), &items);
        let etag = etag_of(&body);
        let last_modified = match prev_modified {
            Some(t) if prev_etag == Some(etag.as_str()) => t,
            _ => from_unix(unix_secs(SystemTime::now())),
        };
        Some(Rendered {
            body: Bytes::from(body),
            etag,
            last_modified,
            items: items.len(),
        })
    }

    /// Fetches every upstream once (in order), keeps what is good, and renders and saves when anything
    /// changed. A failing upstream keeps its last good items. Returns true when every upstream answered.
    pub async fn refresh(&self) -> bool {
        // One refresh at a time per channel; readers are never blocked by it.
        let mut copies = self.copies.lock().await;
        if copies.len() != self.urls.len() {
            *copies = self
                .urls
                .iter()
                .map(|u| UpstreamCopy {
                    url: u.to_string(),
                    ..UpstreamCopy::default()
                })
                .collect();
        }
        let mut changed = false;
        let mut all_ok = true;
        for (i, url) in self.urls.iter().enumerate() {
            let Some(copy) = copies.get_mut(i) else { continue };
            let result = fetch(&self.client, url, &copy.validators, &self.policy).await;
            let now = SystemTime::now();
            let outcome = match result {
                Ok(Fetched::NotModified) => {
                    copy.fetched = Some(unix_secs(now));
                    Ok(true)
                }
                Ok(Fetched::Body {
                    bytes,
                    final_url,
                    validators,
                    total_pages,
                }) => match parse_feed(&bytes, Some(&final_url), None) {
                    Ok(mut feed) => {
                        finish_feed(&mut feed, &final_url, total_pages.as_deref());
                        copy.validators = validators;
                        copy.title = feed.title;
                        copy.home_page_url = feed.home_page_url;
                        copy.items = feed.items;
                        copy.fetched = Some(unix_secs(now));
                        changed = true;
                        Ok(false)
                    }
                    Err(e) => Err(format!("unreadable feed: {e}")),
                },
                Err(e) => Err(e.to_string()),
            };
            let mut health = self.health.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(h) = health.get_mut(i) {
                h.fetches += 1;
                match outcome {
                    Ok(not_modified) => {
                        h.not_modified += u64::from(not_modified);
                        h.ok = true;
                        h.failing_since = None;
                        h.last_error = None;
                        h.last_success = Some(rfc3339(now));
                    }
                    Err(e) => {
                        all_ok = false;
                        if h.ok || h.failing_since.is_none() {
                            h.failing_since = Some(rfc3339(now));
                        }
                        h.ok = false;
                        h.last_error = Some(e);
                    }
                }
            }
        }
        if changed || self.current().is_none() {
            let prev = self.current();
            let rendered = self.render(
                &copies,
                prev.as_ref().map(|r| r.last_modified),
                prev.as_ref().map(|r| r.etag.as_str()),
            );
            if let Some(r) = rendered {
                self.save(&copies, &r);
                *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(r));
            }
        }
        all_ok
    }

    /// Saves the copies; a failure is logged and the channel goes on serving from memory.
    fn save(&self, copies: &[UpstreamCopy], r: &Rendered) {
        let disk = OnDisk {
            v: DISK_VERSION,
            upstreams: copies.to_vec(),
            last_modified: Some(unix_secs(r.last_modified)),
            etag: Some(r.etag.clone()),
        };
        let written = serde_json::to_vec(&disk)
            .map_err(std::io::Error::other)
            .and_then(|bytes| write_atomic(&self.path, &bytes));
        if let Err(e) = written {
            eprintln!(
                "news-widget-relay: channel {}: cannot save {}: {e}",
                self.config.name,
                self.path.display()
            );
        }
    }

    /// For `/healthz`.
    pub fn health(&self) -> ChannelHealth {
        let upstreams = self.health.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let current = self.current();
        ChannelHealth {
            // An upstream not tried yet since start (a copy loaded from disk) is not failing.
            ok: current.is_some() && upstreams.iter().all(|u| u.ok || u.fetches == 0),
            items: current.as_ref().map_or(0, |r| r.items),
            etag: current.as_ref().map(|r| r.etag.clone()),
            last_modified: current.as_ref().map(|r| rfc3339(r.last_modified)),
            refresh_seconds: self.config.refresh_seconds,
            upstreams,
        }
    }
}

/// A fraction in [0, 1) from the system's random source (0.5 if it fails).
pub fn random_unit() -> f64 {
    let mut b = [0u8; 8];
    match getrandom::fill(&mut b) {
        Ok(()) => (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64,
        Err(_) => 0.5,
    }
}

/// Refreshes `channel` forever: first after a short random delay, then every refresh interval moved by
/// up to ±`jitter`, sooner (`retry`) after a failure.
pub async fn run_refresher(channel: Arc<Channel>, jitter: f64, retry: Duration) {
    let interval = channel.refresh_interval();
    let first = interval
        .mul_f64(jitter * random_unit())
        .min(Duration::from_secs(2));
    tokio::time::sleep(first).await;
    loop {
        let ok = channel.refresh().await;
        let base = if ok { interval } else { interval.min(retry) };
        let factor = 1.0 + jitter * (2.0 * random_unit() - 1.0);
        tokio::time::sleep(base.mul_f64(factor.max(0.1))).await;
    }
}
