//! Browser tests of the block component in headless Chromium (wasm-bindgen-test): rendering, states,
//! events, safety and unmounting, with feeds primed into the request cache (no server needed).
#![cfg(target_arch = "wasm32")]

use news_widget::web::{mount_block, testing::prime_feed, unmount_block};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod web_support;
use web_support::{host, settled, shadow_all};

wasm_bindgen_test_configure!(run_in_browser);

const FEED: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Báo thử",
  "items": [
    {"id": "a1", "url": "https://portal.example/a1.html", "title": "Tin thứ nhất",
     "image": "/img/a1.jpg", "date_published": "2019-07-20T08:36:00+07:00"},
    {"id": "a2", "url": "https://portal.example/a2.html", "title": "<b>Tin</b> &amp; <script>alert(1)</script>",
     "date_published": "2019-07-20T01:00:00Z"},
    {"id": "bad", "url": "javascript:alert(1)", "title": "Không được hiện"},
    {"id": "a3", "url": "/a3.html", "title": "Tin tương đối", "date_published": "2019-07-19T08:00:00+07:00"}
  ]
}"#;

fn shadow_text(el: &HtmlElement) -> String {
    el.shadow_root()
        .and_then(|r| r.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn latest_block_renders_items_newest_first_with_links_and_portal_time() {
    prime_feed("https://feeds.example/t1.json", FEED.as_bytes());
    let el = host(
        "news-widget",
        &[("kind", "latest"), ("src", "https://feeds.example/t1.json")],
    );
    let handle = mount_block(el.clone());
    assert_ne!(handle, 0);
    assert_eq!(settled(&el).await, "ready");

    let items = shadow_all(&el, "[data-item-id]");
    let ids: Vec<String> = items
        .iter()
        .filter_map(|i| i.get_attribute("data-item-id"))
        .collect();
    assert_eq!(ids, ["a1", "a2", "a3"], "javascript: item skipped, newest first");
    let hrefs: Vec<String> = shadow_all(&el, "[data-item-id] a.nw-title")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "https://portal.example/a1.html",
            "https://portal.example/a2.html",
            "https://feeds.example/a3.html"
        ]
    );
    let text = shadow_text(&el);
    assert!(text.contains("Mới nhất"), "default heading: {text}");
    assert!(text.contains("Thứ Bảy, 20/7/2019 8:36"), "portal time: {text}");
    let img = shadow_all(&el, "img.nw-thumb");
    assert_eq!(img.len(), 1);
    assert_eq!(
        img[0].get_attribute("src").as_deref(),
        Some("https://feeds.example/img/a1.jpg")
    );
    assert_eq!(img[0].get_attribute("loading").as_deref(), Some("lazy"));
    assert!(img[0].get_attribute("width").is_some() && img[0].get_attribute("height").is_some());
    unmount_block(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn markup_in_titles_is_shown_as_text_and_never_becomes_elements() {
    prime_feed("https://feeds.example/t2.json", FEED.as_bytes());
    let el = host("news-widget", &[("src", "https://feeds.example/t2.json")]);
    let handle = mount_block(el.clone());
    assert_eq!(settled(&el).await, "ready");
    assert!(
        shadow_all(&el, "script, b").is_empty(),
        "no element created from feed text"
    );
    let titles: Vec<String> = shadow_all(&el, ".nw-title")
        .iter()
        .filter_map(|t| t.text_content())
        .collect();
    assert!(
        titles.iter().any(|t| t.contains("Tin") && t.contains('&')),
        "{titles:?}"
    );
    unmount_block(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn time_follows_the_tz_attribute_not_the_readers_zone() {
    prime_feed("https://feeds.example/t3.json", FEED.as_bytes());
    let el = host(
        "news-widget",
        &[
            ("src", "https://feeds.example/t3.json"),
            ("tz", "+00:00"),
            ("limit", "1"),
        ],
    );
    let handle = mount_block(el.clone());
    assert_eq!(settled(&el).await, "ready");
    assert!(
        shadow_text(&el).contains("Thứ Bảy, 20/7/2019 1:36"),
        "{}",
        shadow_text(&el)
    );
    assert_eq!(shadow_all(&el, "[data-item-id]").len(), 1, "limit=1");
    unmount_block(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn div_form_reads_data_attributes_and_custom_heading() {
    prime_feed("https://feeds.example/t4.json", FEED.as_bytes());
    let el = host(
        "div",
        &[
            ("data-news-widget", "latest"),
            ("data-src", "https://feeds.example/t4.json"),
            ("data-limit", "2"),
            ("data-heading", "Tin nóng"),
        ],
    );
    let handle = mount_block(el.clone());
    assert_eq!(settled(&el).await, "ready");
    assert_eq!(shadow_all(&el, "[data-item-id]").len(), 2);
    assert_eq!(
        shadow_all(&el, "h2")[0].text_content().as_deref(),
        Some("Tin nóng")
    );
    unmount_block(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn empty_heading_hides_it_and_lang_en_switches_labels() {
    prime_feed(
        "https://feeds.example/t5.json",
        br#"{"version":"https://jsonfeed.org/version/1.1","items":[]}"#,
    );
    let el = host(
        "news-widget",
        &[
            ("src", "https://feeds.example/t5.json"),
            ("heading", ""),
            ("lang", "en"),
        ],
    );
    let handle = mount_block(el.clone());
    assert_eq!(settled(&el).await, "empty");
    assert!(shadow_all(&el, "h2").is_empty());
    assert!(
        shadow_text(&el).contains("No stories yet"),
        "{}",
        shadow_text(&el)
    );
    unmount_block(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn empty_feed_shows_the_vietnamese_empty_state() {
    prime_feed(
        "https://feeds.example/t6.json",
        br#"{"version":"https://jsonfeed.org/version/1.1","items":[]}"#,
    );
    let el = host("news-widget", &[("src", "https://feeds.example/t6.json")]);
    let handle = mount_block(el.clone());
    assert_eq!(settled(&el).await, "empty");
    assert!(shadow_text(&el).contains("Chưa có tin"));
    unmount_block(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn invalid_json_shows_the_error_state_with_retry_and_fires_the_error_event() {
    prime_feed("https://feeds.example/t7.json", b"{\"items\": [ {\"title\": ");
    let el = host("news-widget", &[("src", "https://feeds.example/t7.json")]);
    let seen = std::rc::Rc::new(std::cell::RefCell::new(None::<JsValue>));
    let sink = seen.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::CustomEvent)>::new(
        move |e: web_sys::CustomEvent| *sink.borrow_mut() = Some(e.detail()),
    );
    el.add_event_listener_with_callback("news-widget:error", listener.as_ref().unchecked_ref())
        .expect("listener");
    let handle = mount_block(el.clone());
    assert_eq!(settled(&el).await, "error");
    assert!(shadow_text(&el).contains("Không tải được tin"));
    assert_eq!(shadow_all(&el, "button").len(), 1, "retry button");
    let detail = seen.borrow().clone().expect("error event fired");
    let reason = js_sys::Reflect::get(&detail, &"reason".into())
        .ok()
        .and_then(|r| r.as_string());
    assert!(
        reason.unwrap_or_default().contains("line 1"),
        "reason names the JSON position"
    );
    unmount_block(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn unmounting_removes_the_rendered_block() {
    prime_feed("https://feeds.example/t8.json", FEED.as_bytes());
    let el = host("news-widget", &[("src", "https://feeds.example/t8.json")]);
    let handle = mount_block(el.clone());
    assert_eq!(settled(&el).await, "ready");
    assert!(!shadow_all(&el, "[data-item-id]").is_empty());
    unmount_block(handle);
    assert!(shadow_all(&el, "[data-item-id]").is_empty());
    unmount_block(handle); // a second unmount is harmless
    el.remove();
}

#[wasm_bindgen_test]
async fn bad_attribute_values_fall_back_to_defaults_without_crashing() {
    prime_feed("https://feeds.example/t9.json", FEED.as_bytes());
    let el = host(
        "news-widget",
        &[
            ("src", "https://feeds.example/t9.json"),
            ("limit", "nhiều"),
            ("tz", "sao Hỏa"),
            ("kind", "???"),
        ],
    );
    let handle = mount_block(el.clone());
    assert_eq!(settled(&el).await, "ready");
    assert_eq!(shadow_all(&el, "[data-item-id]").len(), 3);
    assert!(shadow_text(&el).contains("8:36"), "default +07:00");
    unmount_block(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn a_block_without_src_is_an_error_not_a_crash() {
    let el = host("news-widget", &[("kind", "latest")]);
    let handle = mount_block(el.clone());
    assert_eq!(settled(&el).await, "error");
    unmount_block(handle);
    el.remove();
}
