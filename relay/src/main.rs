//! `news-widget-relay --config relay.toml [--listen 127.0.0.1:8081]`
//!
//! Prints `news-widget-relay listening on http://<address>` once it accepts connections (a test or a
//! script waits for that line), refreshes every channel on its schedule, stops on SIGTERM or Ctrl-C.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use news_widget_relay::{Config, Relay, ADMIN_TOKEN_ENV};

const USAGE: &str = "usage: news-widget-relay --config <relay.toml> [--listen <addr:port>]\n\
                     environment: NEWS_WIDGET_RELAY_LISTEN, NEWS_WIDGET_RELAY_ADMIN_TOKEN, \
                     and the PostgreSQL connection string variable named by feedback.postgres_url_env";

struct Args {
    config: PathBuf,
    listen: Option<String>,
}

fn args() -> Result<Args, String> {
    let mut config = None;
    let mut listen = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--config" | "-c" => config = it.next().map(PathBuf::from),
            "--listen" | "-l" => listen = it.next(),
            "--help" | "-h" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(Args {
        config: config.ok_or_else(|| USAGE.to_owned())?,
        listen: listen.or_else(|| {
            std::env::var("NEWS_WIDGET_RELAY_LISTEN")
                .ok()
                .filter(|l| !l.is_empty())
        }),
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

async fn run() -> Result<(), String> {
    let args = args()?;
    let mut config = Config::load(&args.config).map_err(|e| e.to_string())?;
    if let Some(l) = args.listen {
        config.listen = l;
    }
    let token = std::env::var(ADMIN_TOKEN_ENV).ok().filter(|t| !t.is_empty());
    if token.is_none() {
        eprintln!("news-widget-relay: {ADMIN_TOKEN_ENV} is not set: /admin/ is disabled");
    }
    let listen = config.listen.clone();
    let relay = Relay::new(config, token).await.map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let refreshers = relay.spawn_refreshers();
    println!("news-widget-relay listening on http://{addr}");
    let _ = std::io::stdout().flush();
    let served = relay.serve(listener, shutdown_signal()).await;
    for r in refreshers {
        r.abort();
    }
    served.map_err(|e| format!("server error: {e}"))
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("news-widget-relay: {e}");
            ExitCode::FAILURE
        }
    }
}
