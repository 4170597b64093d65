//! news-widget-relay: the companion server of news-widget.
//!
//! - `channel`, `fetch`, `guard`, `jsonfeed`: cached JSON Feed channels from configured upstreams only
//!   (no open proxy), refreshed on a schedule, kept on disk.
//! - `feedback`, `store`, `ratelimit`: reader feedback ("Phản hồi") with the core's rules, stored durably
//!   in SQLite or PostgreSQL.
//! - `admin`: the moderation page and CSV export.
//! - `app`: state, router and serving; `config`: the TOML file.
//!
//! A panic in a handler would drop a request and, in a refresh task, stop a channel's updates, so
//! panicking constructs are denied outside tests, as in the core.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod admin;
pub mod app;
pub mod channel;
pub mod config;
pub mod error;
pub mod feedback;
pub mod feeds;
pub mod fetch;
pub mod guard;
pub mod jsonfeed;
pub mod ratelimit;
pub mod store;

pub use app::{Relay, ADMIN_TOKEN_ENV};
pub use config::Config;
