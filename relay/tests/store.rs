//! One test suite for every feedback store: SQLite (a temporary file) and PostgreSQL (a throwaway server
//! started from the system's PostgreSQL binaries, on a Unix socket in a temporary directory).
//!
//! Without PostgreSQL binaries the PostgreSQL test fails, loudly; it is skipped only when
//! `NEWS_WIDGET_SKIP_POSTGRES=1` says so (scripts/tools.sh installs Debian's `postgresql`).

use std::path::PathBuf;
use std::process::Command;

use news_widget_relay::store::{AnyStore, Entry, PgStore, SqliteStore, Status, Store};
use news_widget_relay::{Config, Relay};

fn entry(id: &str, created_ms: i64, article: &str) -> Entry {
    Entry {
        id: id.to_owned(),
        created_ms,
        status: Status::Pending,
        article_id: format!("id-{article}"),
        article_url: format!("https://baothainguyen.example/{article}.html"),
        article_key: format!("baothainguyen.example/{article}.html"),
        article_title: "Đưa nghị quyết của Đảng vào cuộc sống".to_owned(),
        name: "Nguyễn Thị Hồng Nhung".to_owned(),
        email: "nhung@example.vn".to_owned(),
        message: "Xin cảm ơn toà soạn — bài viết rất bổ ích!\nDòng hai 👍".to_owned(),
        address: None,
        phone: Some("+84 912 345 678".to_owned()),
        client_ip: "203.0.113.9".to_owned(),
    }
}

async fn ids(
    v: impl std::future::Future<Output = Result<Vec<Entry>, news_widget_relay::store::StoreError>>,
) -> Vec<String> {
    v.await.unwrap().into_iter().map(|e| e.id).collect()
}

/// The behaviour every store must have.
async fn suite<S: Store>(s: &S) {
    s.insert(entry("e1", 1_000, "a")).await.unwrap();
    s.insert(entry("e2", 3_000, "a")).await.unwrap();
    s.insert(entry("e3", 2_000, "b")).await.unwrap();
    let mut with_address = entry("e4", 4_000, "a");
    with_address.address = Some("Số 1 đường Hoàng Văn Thụ, Thái Nguyên".to_owned());
    with_address.phone = None;
    s.insert(with_address.clone()).await.unwrap();
    // Ids are unique.
    assert!(s.insert(entry("e1", 9_000, "a")).await.is_err());

    // Round trip of every field, Vietnamese and emoji included.
    assert_eq!(s.get("e4").await.unwrap(), Some(with_address));
    assert_eq!(s.get("e1").await.unwrap(), Some(entry("e1", 1_000, "a")));
    assert_eq!(s.get("missing").await.unwrap(), None);

    // Newest first.
    assert_eq!(
        ids(s.list(Some(Status::Pending), 100)).await,
        ["e4", "e2", "e3", "e1"]
    );
    assert_eq!(ids(s.list(None, 2)).await, ["e4", "e2"]);
    assert!(s
        .approved("baothainguyen.example/a.html", 100)
        .await
        .unwrap()
        .is_empty());

    // Moderation.
    assert!(s.set_status("e1", Status::Approved).await.unwrap());
    assert!(s.set_status("e2", Status::Approved).await.unwrap());
    assert!(s.set_status("e3", Status::Approved).await.unwrap());
    assert!(s.set_status("e4", Status::Rejected).await.unwrap());
    assert!(!s.set_status("missing", Status::Approved).await.unwrap());
    assert_eq!(
        ids(s.approved("baothainguyen.example/a.html", 100)).await,
        ["e2", "e1"]
    );
    assert_eq!(ids(s.approved("baothainguyen.example/a.html", 1)).await, ["e2"]);
    assert_eq!(ids(s.approved("baothainguyen.example/b.html", 100)).await, ["e3"]);
    assert_eq!(ids(s.list(Some(Status::Rejected), 100)).await, ["e4"]);
    assert!(s.list(Some(Status::Pending), 100).await.unwrap().is_empty());
    assert_eq!(s.get("e4").await.unwrap().unwrap().status, Status::Rejected);

    // Deletion.
    assert!(s.delete("e2").await.unwrap());
    assert!(!s.delete("e2").await.unwrap());
    assert_eq!(ids(s.approved("baothainguyen.example/a.html", 100)).await, ["e1"]);
    assert_eq!(ids(s.list(None, 100)).await, ["e4", "e3", "e1"]);

    // Concurrent inserts all land.
    let mut tasks = Vec::new();
    for i in 0..20 {
        let e = entry(&format!("c{i:02}"), 10_000 + i, "c");
        tasks.push(s.insert(e));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(s.list(None, 1000).await.unwrap().len(), 23);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feedback.sqlite3");
    let s = SqliteStore::open(&path).unwrap();
    suite(&s).await;
    // Durable settings, and the data is there after reopening.
    drop(s);
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.list(None, 1000).await.unwrap().len(), 23);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

/// A PostgreSQL server of its own in a temporary directory, stopped on drop.
struct Postgres {
    bin: PathBuf,
    dir: tempfile::TempDir,
    as_postgres: bool,
    url: String,
}

fn find_pg_bin() -> Option<PathBuf> {
    if let Ok(b) = std::env::var("NEWS_WIDGET_PG_BIN") {
        return Some(PathBuf::from(b));
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    found.sort();
    found.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl Postgres {
    fn run(&self, tool: &str, args: &[&str]) -> std::process::Output {
        let exe = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        cmd.args(args).output().unwrap()
    }

    fn start() -> Result<Postgres, String> {
        let bin = find_pg_bin().ok_or("no PostgreSQL binaries in /usr/lib/postgresql/*/bin")?;
        let dir = tempfile::Builder::new().prefix("nw-relay-pg-").tempdir().unwrap();
        let as_postgres = is_root();
        if as_postgres {
            // initdb refuses to run as root: the server runs as the postgres user, in a directory it owns.
            let st = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(st.success(), "chown to postgres failed");
        }
        let mut pg = Postgres {
            bin,
            url: String::new(),
            as_postgres,
            dir,
        };
        let data = pg.dir.path().join("data");
        let data_s = data.to_str().unwrap().to_owned();
        let sock = pg.dir.path().to_str().unwrap().to_owned();
        let out = pg.run(
            "initdb",
            &[
                "-D",
                &data_s,
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
                "--locale=C",
            ],
        );
        if !out.status.success() {
            return Err(format!("initdb failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
        // Any port number will do: the server listens on a Unix socket in our directory only.
        let port = "54329";
        let opts = format!("-k {sock} -c listen_addresses='' -p {port} -F");
        let log = pg.dir.path().join("log").to_str().unwrap().to_owned();
        let out = pg.run(
            "pg_ctl",
            &["-D", &data_s, "-o", &opts, "-l", &log, "-w", "-t", "60", "start"],
        );
        if !out.status.success() {
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            return Err(format!(
                "pg_ctl start failed: {}{}\n{log}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        pg.url = format!("host={sock} port={port} user=postgres dbname=postgres");
        Ok(pg)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap_or("/nonexistent"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }
}

fn skip_postgres() -> bool {
    std::env::var("NEWS_WIDGET_SKIP_POSTGRES").is_ok_and(|v| v == "1")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_store() {
    let pg = match Postgres::start() {
        Ok(pg) => pg,
        Err(e) if skip_postgres() => {
            eprintln!("postgres_store skipped (NEWS_WIDGET_SKIP_POSTGRES=1): {e}");
            return;
        }
        Err(e) => panic!(
            "cannot start PostgreSQL for the store tests: {e}\n\
             install it (apt-get install -y postgresql; scripts/tools.sh does) or set NEWS_WIDGET_SKIP_POSTGRES=1"
        ),
    };
    let s = PgStore::connect(&pg.url).await.unwrap();
    suite(&s).await;
    // The schema step is idempotent, and a second connection sees the committed rows.
    let again = PgStore::connect(&pg.url).await.unwrap();
    assert_eq!(again.list(None, 1000).await.unwrap().len(), 23);

    // The relay itself on PostgreSQL: post, approve, read back over HTTP.
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config::from_toml(&format!(
        "state_dir = {:?}\n[feedback]\nstore = \"postgres\"\n",
        dir.path().display().to_string()
    ))
    .unwrap();
    let relay = Relay::with_store(cfg, AnyStore::Postgres(again), Some("tok".to_owned())).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let served = relay.clone();
    tokio::spawn(async move { served.serve(listener, std::future::pending()).await });
    let c = reqwest::Client::builder().no_proxy().build().unwrap();
    let body = serde_json::json!({
        "article": { "id": "pg", "url": "https://baothainguyen.example/pg.html", "title": "PG" },
        "name": "Lê Minh", "email": "minh@example.vn", "message": "Qua PostgreSQL", "elapsed_ms": 9000
    });
    let r = c
        .post(format!("{base}/feedback"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let id = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = c
        .post(format!("{base}/admin/api/feedback/{id}/approve"))
        .bearer_auth("tok")
        .header("x-admin", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: serde_json::Value = c
        .get(format!(
            "{base}/feedback?article=https://baothainguyen.example/pg.html"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["items"][0]["id"], id.as_str());
    assert_eq!(v["items"][0]["message"], "Qua PostgreSQL");
}
