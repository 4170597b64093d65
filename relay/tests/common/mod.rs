//! Test helpers: scriptable upstream servers on 127.0.0.1 (raw HTTP/1.1 over tokio, so a test can make
//! one hang, lie, loop or stream a gigabyte), and a relay started in-process on a free port.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use news_widget_relay::{Config, Relay};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What an upstream answers.
#[derive(Debug, Clone)]
pub enum Mode {
    /// 200 with this body and ETag; 304 when `If-None-Match` matches.
    Feed { body: Vec<u8>, etag: String },
    /// This status with a short body.
    Status(u16),
    /// 200 with bytes that are no feed.
    Garbage,
    /// Accepts, reads the request, never answers.
    Hang,
    /// 302 to this location.
    Redirect(String),
    /// `/a` redirects to `/b` and `/b` to `/a`, forever.
    RedirectLoop,
    /// 200 streaming `total` bytes (chunked, or with a `Content-Length` saying so).
    Huge { total: u64, declare_length: bool },
}

/// A running upstream.
#[derive(Clone)]
pub struct Upstream {
    pub addr: SocketAddr,
    pub mode: Arc<Mutex<Mode>>,
    /// Requests received.
    pub hits: Arc<AtomicUsize>,
    /// Body bytes written (for the huge mode).
    pub written: Arc<AtomicU64>,
    /// Request lines and headers received, for inspection.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl Upstream {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
    pub fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }
}

/// A JSON Feed with `n` items whose ids start with `prefix`.
pub fn feed_json(prefix: &str, n: usize) -> Vec<u8> {
    let items: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": format!("{prefix}-{i}"),
                "url": format!("https://baothainguyen.example/{prefix}/{i}.html"),
                "title": format!("Tin {prefix} số {i}"),
                "summary": "Tóm tắt",
                "image": format!("https://baothainguyen.example/img/{prefix}-{i}.jpg"),
                "date_published": format!("2019-07-{:02}T08:36:00+07:00", 1 + i % 28),
                "tags": ["Thời sự"],
                "authors": [{ "name": "Thu Thảo" }],
                "attachments": [{ "url": format!("https://baothainguyen.example/img/{prefix}-{i}-big.png"),
                                  "mime_type": "image/png", "title": format!("Ảnh {i}. Ảnh: THU THẢO") }],
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": format!("Nguồn {prefix}"),
        "items": items,
    }))
    .unwrap()
}

async fn read_head(sock: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = sock.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() > 65536 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(String::from_utf8_lossy(&buf).into_owned())
}

fn header_of<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

async fn answer(mut sock: TcpStream, up: Upstream) {
    let Some(head) = read_head(&mut sock).await else {
        return;
    };
    up.hits.fetch_add(1, Ordering::SeqCst);
    up.requests.lock().unwrap().push(head.clone());
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mode = up.mode.lock().unwrap().clone();
    let simple = |status: &str, extra: &str, body: &[u8]| {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    };
    match mode {
        Mode::Feed { body, etag } => {
            let out = if header_of(&head, "if-none-match") == Some(etag.as_str()) {
                format!("HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n").into_bytes()
            } else {
                simple(
                    "200 OK",
                    &format!("Content-Type: application/feed+json\r\nETag: {etag}\r\n"),
                    &body,
                )
            };
            let _ = sock.write_all(&out).await;
        }
        Mode::Status(code) => {
            let _ = sock
                .write_all(&simple(&format!("{code} Oops"), "", b"upstream error"))
                .await;
        }
        Mode::Garbage => {
            let _ = sock
                .write_all(&simple(
                    "200 OK",
                    "Content-Type: application/json\r\n",
                    b"\x00\x01garbage{{{ not a feed ]]]",
                ))
                .await;
        }
        Mode::Hang => {
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
        Mode::Redirect(to) => {
            let _ = sock
                .write_all(&simple("302 Found", &format!("Location: {to}\r\n"), b""))
                .await;
        }
        Mode::RedirectLoop => {
            let next = if path == "/a" { "/b" } else { "/a" };
            let _ = sock
                .write_all(&simple("302 Found", &format!("Location: {next}\r\n"), b""))
                .await;
        }
        Mode::Huge {
            total,
            declare_length,
        } => {
            let head = if declare_length {
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {total}\r\n\r\n"
                )
            } else {
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .to_owned()
            };
            if sock.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let block = vec![b' '; 64 * 1024];
            let mut sent = 0u64;
            while sent < total {
                let res = if declare_length {
                    sock.write_all(&block).await
                } else {
                    let mut framed = format!("{:x}\r\n", block.len()).into_bytes();
                    framed.extend_from_slice(&block);
                    framed.extend_from_slice(b"\r\n");
                    sock.write_all(&framed).await
                };
                if res.is_err() {
                    break;
                }
                sent += block.len() as u64;
                up.written.fetch_add(block.len() as u64, Ordering::SeqCst);
            }
        }
    }
}

/// Starts an upstream on 127.0.0.1 with a free port.
pub async fn upstream(mode: Mode) -> Upstream {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let up = Upstream {
        addr: listener.local_addr().unwrap(),
        mode: Arc::new(Mutex::new(mode)),
        hits: Arc::new(AtomicUsize::new(0)),
        written: Arc::new(AtomicU64::new(0)),
        requests: Arc::new(Mutex::new(Vec::new())),
    };
    let served = up.clone();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            tokio::spawn(answer(sock, served.clone()));
        }
    });
    up
}

/// A relay running in this process (no refresh tasks: tests refresh explicitly).
pub struct TestRelay {
    pub relay: Relay,
    pub addr: SocketAddr,
    pub dir: Arc<tempfile::TempDir>,
}

impl TestRelay {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

/// The TOML of a test relay: `state_dir` is filled in, the rest is `body`.
pub fn config(dir: &std::path::Path, body: &str) -> Config {
    let text = format!("state_dir = {:?}\n{body}", dir.display().to_string());
    Config::from_toml(&text).unwrap()
}

/// Starts a relay from `body` (TOML without `state_dir`) in `dir` (a new temporary directory when
/// `None`).
pub async fn start_relay(body: &str, dir: Option<Arc<tempfile::TempDir>>, token: Option<&str>) -> TestRelay {
    let dir = dir.unwrap_or_else(|| Arc::new(tempfile::tempdir().unwrap()));
    let relay = Relay::new(config(dir.path(), body), token.map(str::to_owned))
        .await
        .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let served = relay.clone();
    tokio::spawn(async move { served.serve(listener, std::future::pending()).await });
    TestRelay { relay, addr, dir }
}

/// One channel `news` on these upstream URLs, loopback allowed, short timeout and a 1 MB cap.
pub fn channel_toml(upstreams: &[String]) -> String {
    let list = upstreams
        .iter()
        .map(|u| format!("{u:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "[fetch]\ntimeout_seconds = 0.5\nmax_bytes = 1_000_000\nmax_redirects = 3\n\n\
         [[channel]]\nname = \"news\"\ntitle = \"Tin mới\"\nupstreams = [{list}]\nrefresh_seconds = 300\n\
         size = 20\nallow_private = true\n"
    )
}

/// A plain HTTP client for talking to the relay.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// Sends raw bytes to `addr` and returns the raw answer (the connection is closed by the request).
pub async fn raw(addr: SocketAddr, request: &str) -> String {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}
