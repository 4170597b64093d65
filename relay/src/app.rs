//! The relay as a value: its state (channels, feedback store, rate limiter, admin token), the router, the
//! refresh tasks and serving. `main` builds one from the configuration; tests build one too and drive
//! refreshes themselves.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::channel::{run_refresher, Channel};
use crate::config::{Config, FeedbackConfig, StoreKind};
use crate::ratelimit::RateLimiter;
use crate::store::{AnyStore, PgStore, SqliteStore};
use crate::{admin, feedback, feeds};

/// What every handler can reach.
#[derive(Debug)]
pub struct AppState {
    /// In configured order.
    pub channels: Vec<Arc<Channel>>,
    pub by_name: HashMap<String, Arc<Channel>>,
    pub store: AnyStore,
    pub limiter: RateLimiter,
    pub feedback: FeedbackConfig,
    pub site_origins: Vec<String>,
    /// `NEWS_WIDGET_RELAY_ADMIN_TOKEN`; `None` disables admin.
    pub admin_token: Option<String>,
    pub fetch_jitter: f64,
    pub fetch_retry: Duration,
}

pub type SharedState = Arc<AppState>;

/// Why the relay cannot start.
#[derive(Debug)]
pub struct StartError(pub String);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

/// The environment variable of the admin token.
pub const ADMIN_TOKEN_ENV: &str = "NEWS_WIDGET_RELAY_ADMIN_TOKEN";

/// A configured relay.
#[derive(Debug, Clone)]
pub struct Relay {
    pub state: SharedState,
}

impl Relay {
    /// Creates the state directory, opens the feedback store the configuration names, and loads every
    /// channel's last good copy. `admin_token` is normally the value of [`ADMIN_TOKEN_ENV`] (empty counts
    /// as unset).
    ///
    /// # Errors
    /// When the state directory or the store cannot be opened, or a channel cannot be set up.
    pub async fn new(config: Config, admin_token: Option<String>) -> Result<Relay, StartError> {
        std::fs::create_dir_all(&config.state_dir)
            .map_err(|e| StartError(format!("state_dir {}: {e}", config.state_dir.display())))?;
        let store = match config.feedback.store {
            StoreKind::Sqlite => {
                let path = config.sqlite_path();
                AnyStore::Sqlite(
                    SqliteStore::open(&path).map_err(|e| StartError(format!("{}: {e}", path.display())))?,
                )
            }
            StoreKind::Postgres => {
                let var = &config.feedback.postgres_url_env;
                let url = std::env::var(var)
                    .ok()
                    .filter(|u| !u.trim().is_empty())
                    .ok_or_else(|| {
                        StartError(format!(
                            "store = \"postgres\" needs the connection string in {var}"
                        ))
                    })?;
                AnyStore::Postgres(
                    PgStore::connect(&url)
                        .await
                        .map_err(|e| StartError(e.to_string()))?,
                )
            }
        };
        Relay::with_store(config, store, admin_token)
    }

    /// [`Relay::new`] with a store opened by the caller (`feedback.store` is then not consulted).
    ///
    /// # Errors
    /// When the state directory cannot be created or a channel cannot be set up.
    pub fn with_store(
        config: Config,
        store: AnyStore,
        admin_token: Option<String>,
    ) -> Result<Relay, StartError> {
        std::fs::create_dir_all(&config.state_dir)
            .map_err(|e| StartError(format!("state_dir {}: {e}", config.state_dir.display())))?;
        let mut channels = Vec::new();
        let mut by_name = HashMap::new();
        for c in &config.channels {
            let ch = Arc::new(
                Channel::new(c.clone(), &config.fetch, &config.state_dir)
                    .map_err(|e| StartError(format!("channel {}: {e}", c.name)))?,
            );
            by_name.insert(c.name.clone(), Arc::clone(&ch));
            channels.push(ch);
        }
        let fb = &config.feedback;
        let state = AppState {
            channels,
            by_name,
            limiter: RateLimiter::new(
                fb.rate_limit_burst,
                Duration::from_secs_f64(fb.rate_limit_seconds),
            ),
            store,
            feedback: fb.clone(),
            site_origins: config.site_origins.clone(),
            admin_token: admin_token.filter(|t| !t.is_empty()),
            fetch_jitter: config.fetch.jitter,
            fetch_retry: Duration::from_secs_f64(config.fetch.retry_seconds),
        };
        Ok(Relay {
            state: Arc::new(state),
        })
    }

    /// Every route.
    pub fn router(&self) -> Router {
        let limit = self.state.feedback.max_body_bytes;
        Router::new()
            .route("/feeds/{file}", get(feeds::feed))
            .route("/healthz", get(feeds::healthz))
            .route(
                "/feedback",
                post(feedback::submit)
                    .get(feedback::list_approved)
                    .options(feedback::preflight)
                    .layer(DefaultBodyLimit::max(limit)),
            )
            .merge(admin::router(&self.state))
            .fallback(feeds::not_found)
            .with_state(Arc::clone(&self.state))
    }

    /// Refreshes every channel once, one after the other (tests, and `--once`).
    pub async fn refresh_all(&self) {
        for ch in &self.state.channels {
            ch.refresh().await;
        }
    }

    /// Refreshes the named channel once; false when there is no such channel.
    pub async fn refresh(&self, name: &str) -> bool {
        match self.state.by_name.get(name) {
            Some(ch) => {
                ch.refresh().await;
                true
            }
            None => false,
        }
    }

    /// Starts the refresh task of every channel.
    pub fn spawn_refreshers(&self) -> Vec<JoinHandle<()>> {
        self.state
            .channels
            .iter()
            .map(|ch| {
                tokio::spawn(run_refresher(
                    Arc::clone(ch),
                    self.state.fetch_jitter,
                    self.state.fetch_retry,
                ))
            })
            .collect()
    }

    /// Serves on `listener` until `shutdown` completes.
    ///
    /// # Errors
    /// When accepting connections fails.
    pub async fn serve(
        &self,
        listener: TcpListener,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(
            listener,
            self.router().into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
    }
}
