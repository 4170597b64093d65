//! The feedback contract (README, "Feedback endpoint") and the moderation routes, over HTTP.

mod common;

use common::{client, raw, start_relay, TestRelay};
use serde_json::{json, Value};

const ORIGIN: &str = "https://baothainguyen.example";
const ARTICLE: &str = "https://baothainguyen.example/chinh-tri/dua-nghi-quyet-20190720.html";
const TOKEN: &str = "editor-token-0123456789";

fn toml(burst: u32) -> String {
    format!(
        "site_origins = [\"{ORIGIN}\"]\n[feedback]\nrate_limit_burst = {burst}\nrate_limit_seconds = 600\n"
    )
}

fn good() -> Value {
    json!({
        "article": { "id": "20190720-dua-nghi-quyet", "url": ARTICLE, "title": "Đưa nghị quyết vào cuộc sống" },
        "name": "  Nguyễn Văn An ",
        "email": "an@example.vn",
        "message": "Bài viết rất hay.",
        "phone": "0912 345 678",
        "website": "",
        "elapsed_ms": 8000
    })
}

async fn post(relay: &TestRelay, body: &Value, origin: Option<&str>) -> reqwest::Response {
    let mut req = client().post(relay.url("/feedback")).json(body);
    if let Some(o) = origin {
        req = req.header("origin", o);
    }
    req.send().await.unwrap()
}

async fn admin_list(relay: &TestRelay, status: &str) -> Vec<Value> {
    let v: Value = client()
        .get(relay.url(&format!("/admin/api/feedback?status={status}")))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["items"].as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submit_moderate_and_list() {
    let relay = start_relay(&toml(100), None, Some(TOKEN)).await;
    let r = post(&relay, &good(), Some(ORIGIN)).await;
    assert_eq!(r.status(), 201);
    assert_eq!(r.headers()["access-control-allow-origin"], ORIGIN);
    assert_eq!(r.headers()["vary"], "Origin");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["status"], "pending");
    let id = v["id"].as_str().unwrap().to_owned();

    // Stored trimmed, pending; not public yet.
    let pending = admin_list(&relay, "pending").await;
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["id"], id.as_str());
    assert_eq!(pending[0]["name"], "Nguyễn Văn An");
    assert_eq!(pending[0]["phone"], "0912 345 678");
    let c = client();
    let public = |url: String| {
        let c = c.clone();
        async move {
            let r = c.get(url).send().await.unwrap();
            assert_eq!(r.status(), 200);
            assert_eq!(r.headers()["cache-control"], "public, max-age=60");
            assert_eq!(r.headers()["access-control-allow-origin"], "*");
            r.json::<Value>().await.unwrap()
        }
    };
    let q = format!("/feedback?article={ARTICLE}");
    assert_eq!(public(relay.url(&q)).await["items"], json!([]));

    // Approve: public, under the same article written another way (http, trailing slash, utm_*).
    let r = c
        .post(relay.url(&format!("/admin/api/feedback/{id}/approve")))
        .bearer_auth(TOKEN)
        .header("x-admin", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let second = post(&relay, &good(), None).await.json::<Value>().await.unwrap();
    let id2 = second["id"].as_str().unwrap().to_owned();
    c.post(relay.url(&format!("/admin/api/feedback/{id2}/approve")))
        .bearer_auth(TOKEN)
        .header("x-admin", "1")
        .send()
        .await
        .unwrap();
    let variant = "http://BAOTHAINGUYEN.example/chinh-tri/dua-nghi-quyet-20190720.html/?utm_source=fb";
    let v = public(relay.url(&format!("/feedback?article={}", urlencode(variant)))).await;
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], id2.as_str(), "newest first");
    assert_eq!(items[1]["id"], id.as_str());
    assert_eq!(items[0]["name"], "Nguyễn Văn An");
    assert!(items[0]["date"].as_str().unwrap().ends_with("+00:00"));
    assert!(
        items[0].get("email").is_none(),
        "e-mail addresses are never public"
    );
    // Reject and delete.
    let r = c
        .post(relay.url(&format!("/admin/api/feedback/{id2}/reject")))
        .bearer_auth(TOKEN)
        .header("x-admin", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(public(relay.url(&q)).await["items"].as_array().unwrap().len(), 1);
    let r = c
        .delete(relay.url(&format!("/admin/api/feedback/{id}")))
        .bearer_auth(TOKEN)
        .header("x-admin", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(public(relay.url(&q)).await["items"], json!([]));
    let r = c
        .delete(relay.url(&format!("/admin/api/feedback/{id}")))
        .bearer_auth(TOKEN)
        .header("x-admin", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(admin_list(&relay, "all").await.len(), 1);
    // Missing article parameter.
    let r = c.get(relay.url("/feedback")).send().await.unwrap();
    assert_eq!(r.status(), 400);
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validation_errors_in_vietnamese() {
    let relay = start_relay(&toml(100), None, Some(TOKEN)).await;
    let mut bad = good();
    bad["name"] = json!("   ");
    bad["email"] = json!("khong-phai-email");
    bad["message"] = json!("ă".repeat(2001));
    bad["phone"] = json!("gọi tôi");
    bad["address"] = json!("đ".repeat(201));
    let r = post(&relay, &bad, Some(ORIGIN)).await;
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        ORIGIN,
        "the page must be able to read errors"
    );
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        v,
        json!({ "errors": {
            "name": "Vui lòng nhập họ và tên",
            "email": "Thư điện tử không hợp lệ",
            "message": "Nội dung tối đa 2000 ký tự",
            "phone": "Số điện thoại không hợp lệ",
            "address": "Địa chỉ tối đa 200 ký tự",
        }})
    );
    // The article must be an http(s) URL.
    let mut bad = good();
    bad["article"]["url"] = json!("javascript:alert(1)");
    let v: Value = post(&relay, &bad, None).await.json().await.unwrap();
    assert_eq!(v["errors"]["article"], "Địa chỉ bài viết không hợp lệ");
    // Missing fields are "required", wrong types and broken JSON a body error.
    let v: Value = post(&relay, &json!({ "article": good()["article"] }), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["errors"]["email"], "Vui lòng nhập thư điện tử");
    let v: Value = post(&relay, &json!({ "name": 5 }), None)
        .await
        .json()
        .await
        .unwrap();
    assert!(v["errors"]["body"].is_string());
    let r = client()
        .post(relay.url("/feedback"))
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // Not JSON: 415.
    let r = client()
        .post(relay.url("/feedback"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("name=a")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    assert!(admin_list(&relay, "all").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn size_cap_is_413() {
    let relay = start_relay(&toml(100), None, Some(TOKEN)).await;
    let mut big = good();
    big["message"] = json!("x".repeat(17 * 1024));
    let r = post(&relay, &big, Some(ORIGIN)).await;
    assert_eq!(r.status(), 413);
    // Also when the client lies about the length: the body is cut at the cap while streaming.
    let body = "x".repeat(20 * 1024);
    let answer = raw(
        relay.addr,
        &format!(
            "POST /feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\
             Connection: close\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
            body.len()
        ),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bots_get_201_and_are_not_stored() {
    let relay = start_relay(&toml(100), None, Some(TOKEN)).await;
    let mut honeypot = good();
    honeypot["website"] = json!("http://spam.example");
    let mut fast = good();
    fast["elapsed_ms"] = json!(1200);
    for b in [honeypot, fast] {
        let r = post(&relay, &b, Some(ORIGIN)).await;
        assert_eq!(r.status(), 201);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["status"], "pending");
        assert_eq!(v["id"].as_str().unwrap().len(), 32);
    }
    assert!(admin_list(&relay, "all").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_per_client_with_retry_after() {
    let relay = start_relay(&toml(5), None, Some(TOKEN)).await;
    for _ in 0..5 {
        assert_eq!(post(&relay, &good(), Some(ORIGIN)).await.status(), 201);
    }
    let r = post(&relay, &good(), Some(ORIGIN)).await;
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["access-control-allow-origin"], ORIGIN);
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=120).contains(&retry), "{retry}");
    assert_eq!(admin_list(&relay, "all").await.len(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_only_for_site_origins() {
    let relay = start_relay(&toml(100), None, Some(TOKEN)).await;
    let c = client();
    // Preflight from the portal.
    let r = c
        .request(reqwest::Method::OPTIONS, relay.url("/feedback"))
        .header("origin", ORIGIN)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(r.headers()["access-control-allow-origin"], ORIGIN);
    assert!(r.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("POST"));
    assert_eq!(r.headers()["access-control-allow-headers"], "content-type");
    // Preflight from elsewhere: no CORS headers, so the browser never sends the post.
    let r = c
        .request(reqwest::Method::OPTIONS, relay.url("/feedback"))
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    assert!(r.headers().get("access-control-allow-methods").is_none());
    // A post from elsewhere is refused outright.
    let r = post(&relay, &good(), Some("https://evil.example")).await;
    assert_eq!(r.status(), 403);
    assert!(r.headers().get("access-control-allow-origin").is_none());
    assert!(admin_list(&relay, "all").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_needs_the_token() {
    let relay = start_relay(&toml(100), None, Some(TOKEN)).await;
    post(&relay, &good(), None).await;
    let c = client();
    let routes = [
        "/admin/",
        "/admin/admin.js",
        "/admin/admin.css",
        "/admin/api/feedback",
        "/admin/export.csv",
        "/admin/anything",
    ];
    for path in routes {
        let r = c.get(relay.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 401, "{path}");
        assert!(r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic realm="));
        let r = c.get(relay.url(path)).bearer_auth("wrong").send().await.unwrap();
        assert_eq!(r.status(), 401, "{path}");
        let r = c
            .get(relay.url(path))
            .basic_auth("editor", Some("wrong"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{path}");
    }
    for path in ["/admin/api/feedback/x/approve", "/admin/api/feedback/x/reject"] {
        let r = c
            .post(relay.url(path))
            .header("x-admin", "1")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{path}");
    }
    let r = c.delete(relay.url("/admin/api/feedback/x")).send().await.unwrap();
    assert_eq!(r.status(), 401);

    // Bearer, and Basic with the token as the password (any user name).
    let r = c
        .get(relay.url("/admin/"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c
        .get(relay.url("/admin/"))
        .basic_auth("biên tập", Some(TOKEN))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-security-policy"],
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("src=\"/admin/admin.js\"") && html.contains("href=\"/admin/admin.css\""));
    assert!(!html.contains("<style") && !html.contains("style=") && !html.contains(" on"));
    assert_eq!(html.matches("<script").count(), 1, "only the external script");
    let js = c
        .get(relay.url("/admin/admin.js"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert!(js.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let js = js.text().await.unwrap();
    assert!(!js.contains("innerHTML") && !js.contains("outerHTML") && !js.contains("insertAdjacentHTML"));
    assert!(js.contains("textContent"));

    // Changes need X-Admin: 1 (no cross-site form can send it).
    let id = admin_list(&relay, "pending").await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = c
        .post(relay.url(&format!("/admin/api/feedback/{id}/approve")))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(admin_list(&relay, "pending").await.len(), 1);
    // Unknown status filter.
    let r = c
        .get(relay.url("/admin/api/feedback?status=bogus"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_disabled_without_the_variable() {
    let relay = start_relay(&toml(100), None, None).await;
    for path in ["/admin/", "/admin/export.csv", "/admin/api/feedback"] {
        let r = client()
            .get(relay.url(path))
            .bearer_auth("")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 503, "{path}");
        let r = client()
            .get(relay.url(path))
            .basic_auth("x", Some(""))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 503, "{path}");
    }
    // An empty variable is no token.
    let relay = start_relay(&toml(100), None, Some("")).await;
    let r = client()
        .get(relay.url("/admin/"))
        .bearer_auth("")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_export_is_injection_safe() {
    let relay = start_relay(&toml(100), None, Some(TOKEN)).await;
    let mut b = good();
    b["name"] = json!("=HYPERLINK(\"http://evil\")");
    b["message"] = json!("@SUM(A1:A9) \"trích dẫn\", dòng\nhai");
    b["phone"] = json!("+84 912 345 678");
    assert_eq!(post(&relay, &b, None).await.status(), 201);
    let r = client()
        .get(relay.url("/admin/export.csv"))
        .basic_auth("editor", Some(TOKEN))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("feedback.csv"));
    let csv = r.text().await.unwrap();
    assert!(csv.starts_with("\u{feff}\"id\",\"date\",\"status\""), "{csv}");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "{csv}");
    assert!(
        csv.contains("\"'@SUM(A1:A9) \"\"trích dẫn\"\", dòng\nhai\""),
        "{csv}"
    );
    assert!(csv.contains("\"'+84 912 345 678\""), "{csv}");
    assert_eq!(csv.matches("\r\n").count(), 2, "header and one row");
}
