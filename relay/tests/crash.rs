//! Durability: the real binary, killed with SIGKILL in the middle of a stream of feedback posts, loses
//! none that got a 201; and a channel's last good copy is served again after the restart.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{feed_json, upstream, Mode};
use serde_json::{json, Value};

const TOKEN: &str = "crash-test-token";

/// Starts the binary and waits for its "listening on" line; returns the child and its base URL.
fn spawn_relay(config: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_news-widget-relay"))
        .arg("--config")
        .arg(config)
        .arg("--listen")
        .arg("127.0.0.1:0")
        .env("NEWS_WIDGET_RELAY_ADMIN_TOKEN", TOKEN)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let url = line
        .trim()
        .strip_prefix("news-widget-relay listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    (child, url)
}

fn body(i: usize) -> Value {
    json!({
        "article": { "id": "a1", "url": "https://baothainguyen.example/a1.html", "title": "Bài 1" },
        "name": format!("Bạn đọc {i}"),
        "email": "doc.gia@example.vn",
        "message": format!("Phản hồi số {i}"),
        "elapsed_ms": 10_000
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_loses_no_acknowledged_feedback() {
    let up = upstream(Mode::Feed {
        body: feed_json("k", 5),
        etag: "\"k\"".to_owned(),
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("relay.toml");
    std::fs::write(
        &config,
        format!(
            "state_dir = \"state\"\n[fetch]\njitter = 0.0\n[feedback]\nrate_limit_burst = 100000\n\n\
             [[channel]]\nname = \"news\"\ntitle = \"Tin\"\nupstreams = [\"{}\"]\nrefresh_seconds = 3600\n\
             allow_private = true\n",
            up.url("/f.json")
        ),
    )
    .unwrap();

    let (mut child, base) = spawn_relay(&config);
    let c = common::client();
    // Wait for the first refresh (at once: no jitter).
    let mut etag = None;
    for _ in 0..100 {
        let r = c.get(format!("{base}/feeds/news.json")).send().await.unwrap();
        if r.status() == 200 {
            etag = Some(r.headers()["etag"].clone());
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let etag = etag.expect("the channel never got content");

    // Four posters in a loop; the relay is killed once 100 posts are acknowledged, mid-stream.
    let acked: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(Vec::new()));
    let mut posters = Vec::new();
    for p in 0..4 {
        let (c, base, acked) = (c.clone(), base.clone(), Arc::clone(&acked));
        posters.push(tokio::spawn(async move {
            for i in 0..10_000 {
                let r = c
                    .post(format!("{base}/feedback"))
                    .json(&body(p * 10_000 + i))
                    .timeout(Duration::from_secs(5))
                    .send()
                    .await;
                let Ok(r) = r else { break };
                if r.status() != 201 {
                    break;
                }
                let Ok(v) = r.json::<Value>().await else { break };
                acked.lock().unwrap().push(v["id"].as_str().unwrap().to_owned());
            }
        }));
    }
    while acked.lock().unwrap().len() < 100 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    for p in posters {
        p.await.unwrap();
    }
    let acked: HashSet<String> = acked.lock().unwrap().iter().cloned().collect();
    assert!(acked.len() >= 100);

    // Restart on the same files: every acknowledged id is there.
    up.set(Mode::Status(500));
    let (mut child, base) = spawn_relay(&config);
    let v: Value = c
        .get(format!("{base}/admin/api/feedback?status=all"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let stored: HashSet<String> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    let lost: Vec<&String> = acked.difference(&stored).collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged posts lost: {lost:?}",
        lost.len()
    );
    // At most the posts in flight at the kill were stored without their 201 reaching the client.
    assert!(
        stored.len() <= acked.len() + 4,
        "{} stored, {} acknowledged",
        stored.len(),
        acked.len()
    );
    eprintln!(
        "acknowledged {} posts before SIGKILL, {} rows after restart",
        acked.len(),
        stored.len()
    );

    // The channel's last good copy came back from disk though the upstream now fails.
    let r = c.get(format!("{base}/feeds/news.json")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["etag"], etag);
    child.kill().unwrap();
    child.wait().unwrap();
}
