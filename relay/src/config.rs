//! The relay's one TOML configuration file (see README, "news-widget-relay").
//!
//! Owns the field names, their defaults and the checks made once at start: a configuration that loads is
//! one the relay can run (channel names usable in a URL path, upstreams that are http(s) URLs, positive
//! intervals). Relative paths are taken from the directory of the file. Secrets are never read from here:
//! the admin token and the PostgreSQL URL come from the environment.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use news_widget::core::select::{MAX_BODY_BYTES, MAX_ITEMS};
use serde::Deserialize;

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address to listen on; `--listen` and `NEWS_WIDGET_RELAY_LISTEN` override it.
    #[serde(default = "default_listen")]
    pub listen: String,
    /// Directory for the last good copy of every channel and the SQLite feedback file.
    pub state_dir: PathBuf,
    /// Origins of the portal pages allowed to post feedback from a browser (CORS), e.g.
    /// `https://baothainguyen.vn`.
    #[serde(default)]
    pub site_origins: Vec<String>,
    #[serde(default)]
    pub fetch: FetchConfig,
    #[serde(default)]
    pub feedback: FeedbackConfig,
    #[serde(default, rename = "channel")]
    pub channels: Vec<ChannelConfig>,
}

/// How upstreams are fetched (defaults for every channel).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FetchConfig {
    /// Whole request, headers and body, in seconds.
    pub timeout_seconds: f64,
    /// Largest body read; bigger bodies are refused (early when `Content-Length` says so).
    pub max_bytes: usize,
    /// Redirects followed at most; each target is checked again against the private-address rule.
    pub max_redirects: usize,
    /// Next try after a failed refresh, when shorter than the channel's refresh interval.
    pub retry_seconds: f64,
    /// Share of the interval by which each wait is moved at random (0.1 = ±10 %).
    pub jitter: f64,
    pub user_agent: String,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            timeout_seconds: 10.0,
            max_bytes: 5 * 1024 * 1024,
            max_redirects: 3,
            retry_seconds: 30.0,
            jitter: 0.1,
            user_agent: concat!("news-widget-relay/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

/// One channel: `GET /feeds/<name>.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelConfig {
    /// Letters, digits, `-` and `_`: the file name of the channel's URL.
    pub name: String,
    /// The JSON Feed `title`.
    pub title: String,
    /// Optional JSON Feed `home_page_url`.
    #[serde(default)]
    pub home_page_url: Option<String>,
    /// Feeds in any format the core reads, merged and de-duplicated (earlier upstreams win).
    pub upstreams: Vec<String>,
    /// Seconds between refreshes; also the `max-age` readers and CDNs get.
    #[serde(default = "default_refresh")]
    pub refresh_seconds: f64,
    /// Items kept (newest first).
    #[serde(default = "default_size")]
    pub size: usize,
    /// `stale-while-revalidate` in seconds (default: the refresh interval).
    #[serde(default)]
    pub stale_while_revalidate_seconds: Option<u64>,
    /// Allow upstreams on loopback, private, link-local, CGNAT or unspecified addresses.
    #[serde(default)]
    pub allow_private: bool,
    /// Override of `fetch.timeout_seconds` for this channel.
    #[serde(default)]
    pub timeout_seconds: Option<f64>,
    /// Override of `fetch.max_bytes` for this channel.
    #[serde(default)]
    pub max_bytes: Option<usize>,
}

/// Where feedback goes and how much of it is taken.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedbackConfig {
    pub store: StoreKind,
    /// SQLite file, relative to `state_dir` unless absolute.
    pub sqlite_path: PathBuf,
    /// Name of the environment variable holding the PostgreSQL connection string.
    pub postgres_url_env: String,
    /// Submissions one client address may make at once…
    pub rate_limit_burst: u32,
    /// …and the seconds in which that many are given back.
    pub rate_limit_seconds: f64,
    /// Faster submissions are taken for bots.
    pub min_elapsed_ms: f64,
    /// Larger request bodies get 413.
    pub max_body_bytes: usize,
    /// Header carrying the reader's address when the relay is behind a proxy or CDN (e.g.
    /// `x-forwarded-for`, whose last entry is used). Unset: the connection's address.
    pub client_ip_header: Option<String>,
    /// Approved entries returned per article at most.
    pub public_limit: usize,
}

impl Default for FeedbackConfig {
    fn default() -> Self {
        FeedbackConfig {
            store: StoreKind::Sqlite,
            sqlite_path: PathBuf::from("feedback.sqlite3"),
            postgres_url_env: "NEWS_WIDGET_RELAY_POSTGRES_URL".to_owned(),
            rate_limit_burst: 5,
            rate_limit_seconds: 600.0,
            min_elapsed_ms: news_widget::core::feedback::MIN_ELAPSED_MS,
            max_body_bytes: 16 * 1024,
            client_ip_header: None,
            public_limit: 100,
        }
    }
}

/// The feedback store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    #[default]
    Sqlite,
    Postgres,
}

fn default_listen() -> String {
    "127.0.0.1:8081".to_owned()
}
fn default_refresh() -> f64 {
    300.0
}
fn default_size() -> usize {
    50
}

/// Why a configuration cannot be used.
#[derive(Debug)]
pub enum ConfigError {
    Read(PathBuf, std::io::Error),
    Toml(String),
    Invalid(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Read(p, e) => write!(f, "cannot read {}: {e}", p.display()),
            ConfigError::Toml(e) => write!(f, "invalid TOML: {e}"),
            ConfigError::Invalid(e) => write!(f, "invalid configuration: {e}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads, parses and checks the file; relative paths become relative to its directory.
    ///
    /// # Errors
    /// When the file cannot be read, is not TOML of this shape, or fails [`Config::check`].
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read(path.to_owned(), e))?;
        let mut cfg = Config::from_toml(&text)?;
        let base = path.parent().unwrap_or_else(|| Path::new("."));
        if cfg.state_dir.is_relative() {
            cfg.state_dir = base.join(&cfg.state_dir);
        }
        Ok(cfg)
    }

    /// Parses and checks TOML text (paths left as written).
    ///
    /// # Errors
    /// When the text is not TOML of this shape or fails [`Config::check`].
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let cfg: Config = toml::from_str(text).map_err(|e| ConfigError::Toml(e.to_string()))?;
        cfg.check()?;
        Ok(cfg)
    }

    /// The SQLite file: `feedback.sqlite_path`, under `state_dir` when relative.
    pub fn sqlite_path(&self) -> PathBuf {
        if self.feedback.sqlite_path.is_absolute() {
            self.feedback.sqlite_path.clone()
        } else {
            self.state_dir.join(&self.feedback.sqlite_path)
        }
    }

    /// The checks [`Config::load`] makes.
    ///
    /// # Errors
    /// The first problem found, naming the field.
    pub fn check(&self) -> Result<(), ConfigError> {
        let bad = |m: String| Err(ConfigError::Invalid(m));
        let f = &self.fetch;
        if !(f.timeout_seconds > 0.0 && f.timeout_seconds.is_finite()) {
            return bad("fetch.timeout_seconds must be a positive number".into());
        }
        if f.max_bytes == 0 || f.max_bytes > MAX_BODY_BYTES {
            return bad(format!("fetch.max_bytes must be between 1 and {MAX_BODY_BYTES}"));
        }
        if !(f.retry_seconds > 0.0 && f.retry_seconds.is_finite()) {
            return bad("fetch.retry_seconds must be a positive number".into());
        }
        if !(0.0..=0.5).contains(&f.jitter) {
            return bad("fetch.jitter must be between 0 and 0.5".into());
        }
        let fb = &self.feedback;
        if fb.rate_limit_burst == 0 || !(fb.rate_limit_seconds > 0.0 && fb.rate_limit_seconds.is_finite()) {
            return bad("feedback.rate_limit_burst and rate_limit_seconds must be positive".into());
        }
        if fb.max_body_bytes < 1024 {
            return bad("feedback.max_body_bytes must be at least 1024".into());
        }
        for o in &self.site_origins {
            if !(o.starts_with("http://") || o.starts_with("https://")) || o.ends_with('/') {
                return bad(format!(
                    "site_origins: {o:?} is not an origin like https://portal.example (no path, no trailing /)"
                ));
            }
        }
        let mut names = HashSet::new();
        for c in &self.channels {
            let ok_name = !c.name.is_empty()
                && c.name.len() <= 64
                && c.name
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
            if !ok_name {
                return bad(format!(
                    "channel name {:?}: use 1-64 letters, digits, '-' or '_'",
                    c.name
                ));
            }
            if !names.insert(c.name.as_str()) {
                return bad(format!("channel name {:?} is used twice", c.name));
            }
            if c.upstreams.is_empty() {
                return bad(format!("channel {:?} has no upstreams", c.name));
            }
            for u in &c.upstreams {
                match reqwest::Url::parse(u) {
                    Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {}
                    _ => {
                        return bad(format!(
                            "channel {:?}: upstream {u:?} is not an http(s) URL",
                            c.name
                        ))
                    }
                }
            }
            if !(c.refresh_seconds >= 1.0 && c.refresh_seconds.is_finite()) {
                return bad(format!(
                    "channel {:?}: refresh_seconds must be at least 1",
                    c.name
                ));
            }
            if c.size == 0 || c.size > MAX_ITEMS {
                return bad(format!(
                    "channel {:?}: size must be between 1 and {MAX_ITEMS}",
                    c.name
                ));
            }
            if c.timeout_seconds.is_some_and(|t| !(t > 0.0 && t.is_finite())) {
                return bad(format!("channel {:?}: timeout_seconds must be positive", c.name));
            }
            if c.max_bytes.is_some_and(|m| m == 0 || m > MAX_BODY_BYTES) {
                return bad(format!(
                    "channel {:?}: max_bytes must be between 1 and {MAX_BODY_BYTES}",
                    c.name
                ));
            }
        }
        Ok(())
    }
}
