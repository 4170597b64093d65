//! The "Phản hồi" block's side of the endpoint contract, natively: which article a submission is about,
//! the JSON it posts, the draft kept across a reload, and how it reads the answers (`400` field errors,
//! `429` `Retry-After`, the published list).
//!
//! Runs natively and in the browser (`make test-wasm`): the answers are read over both JSON implementations.

mod json_support;

use json_support::{decode_draft, field_errors, parse_published};
use news_widget::core::feedback::{ArticleRef, Field, Input};
use news_widget::core::feedback_ui::{
    article, counter_text, draft_key, encode_draft, published_url, request_body, retry_after_secs,
    retry_message, same_origin,
};
use news_widget::core::i18n::Lang;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const CANONICAL: &str =
    "https://baothainguyen.example/chinh-tri/dua-nghi-quyet-cua-dang-vao-cuoc-song-20190720.html";
const PAGE: &str = "http://127.0.0.1:8080/?utm_source=x#phan-hoi";
const TITLE: &str = "Đưa nghị quyết của Đảng vào cuộc sống - Báo Thái Nguyên điện tử";

fn input() -> Input {
    Input {
        name: "  Nguyễn Văn An ".to_owned(),
        email: "an@example.vn".to_owned(),
        message: "Bài viết hay.\nCảm ơn.".to_owned(),
        address: Some(" Phường Tân Lập ".to_owned()),
        phone: None,
    }
}

#[test]
fn the_article_is_found_as_cac_tin_khac_finds_it() {
    assert_eq!(
        article(None, Some(CANONICAL), Some(PAGE), Some(TITLE)),
        ArticleRef {
            id: CANONICAL.to_owned(),
            url: CANONICAL.to_owned(),
            title: TITLE.to_owned()
        },
        "the canonical link first"
    );
    let own = article(None, None, Some(PAGE), None);
    assert_eq!(
        own.url, "http://127.0.0.1:8080/?utm_source=x",
        "the page's URL, without its fragment"
    );
    assert_eq!(own.title, "");
    let by_id = article(Some(" 260118 "), Some(CANONICAL), Some(PAGE), Some(TITLE));
    assert_eq!((by_id.id.as_str(), by_id.url.as_str()), ("260118", CANONICAL));
    let by_url = article(Some("/bai/khac.html#x"), Some(CANONICAL), Some(PAGE), None);
    assert_eq!(by_url.url, "http://127.0.0.1:8080/bai/khac.html");
    assert_eq!(by_url.id, by_url.url);
}

#[test]
fn the_request_body_is_the_contract() {
    let a = article(None, Some(CANONICAL), Some(PAGE), Some(TITLE));
    let json = request_body(&a, &input(), &[Field::Address, Field::Phone], "", 5234.6);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        v,
        serde_json::json!({
            "article": { "id": CANONICAL, "url": CANONICAL, "title": TITLE },
            "name": "Nguyễn Văn An",
            "email": "an@example.vn",
            "message": "Bài viết hay.\nCảm ơn.",
            "address": "Phường Tân Lập",
            "phone": "",
            "website": "",
            "elapsed_ms": 5235
        })
    );
    let without: serde_json::Value =
        serde_json::from_str(&request_body(&a, &input(), &[], "spam", -1.0)).expect("JSON");
    assert!(
        without.get("address").is_none() && without.get("phone").is_none(),
        "{without}"
    );
    assert_eq!(without["website"], "spam", "the honeypot goes as found");
    assert_eq!(without["elapsed_ms"], 0);
}

#[test]
fn the_draft_round_trips_and_nothing_typed_is_no_draft() {
    let json = encode_draft(&input()).expect("something typed");
    let back = decode_draft(&json).expect("decodes");
    assert_eq!(back, input());
    assert_eq!(encode_draft(&Input::default()), None);
    assert_eq!(decode_draft("not json"), None);
    let huge = format!(r#"{{"message": "{}"}}"#, "a".repeat(100_000));
    let cut = decode_draft(&huge).expect("decodes");
    assert_eq!(cut.message.chars().count(), 2100, "a tampered draft is cut");
    assert_eq!(
        draft_key("https://relay.example/feedback", CANONICAL),
        format!("news-widget:feedback:v1:https://relay.example/feedback {CANONICAL}")
    );
}

#[test]
fn server_field_errors_are_read_in_form_order() {
    let body = r#"{"errors": {"message": "Nội dung quá ngắn", "email": "  Thư   điện tử đã bị chặn ",
                    "website": "x", "phone": null, "name": [1], "bogus": "y"}}"#;
    assert_eq!(
        field_errors(body.as_bytes()),
        [
            (Field::Email, "Thư điện tử đã bị chặn".to_owned()),
            (Field::Message, "Nội dung quá ngắn".to_owned()),
        ]
    );
    assert!(field_errors(b"<html>").is_empty());
    assert!(field_errors(br#"{"error": "x"}"#).is_empty());
}

#[test]
fn retry_after_in_seconds_or_as_a_date_says_when_to_try_again() {
    assert_eq!(retry_after_secs("120", 0), Some(120));
    // Wed, 21 Oct 2015 07:28:00 GMT is 1445412480.
    assert_eq!(
        retry_after_secs("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_450),
        Some(30)
    );
    assert_eq!(
        retry_after_secs("Wed, 21 Oct 2015 07:28:00 GMT", 1_445_412_500),
        Some(0)
    );
    assert_eq!(retry_after_secs("soon", 0), None);
    assert_eq!(retry_after_secs("9999999", 0), Some(86_400));
    assert_eq!(
        retry_message(Some(30), Lang::Vi),
        "Bạn gửi phản hồi quá nhanh. Vui lòng thử lại sau 30 giây."
    );
    assert_eq!(
        retry_message(Some(90), Lang::Vi),
        "Bạn gửi phản hồi quá nhanh. Vui lòng thử lại sau 2 phút."
    );
    assert_eq!(
        retry_message(None, Lang::Vi),
        "Bạn gửi phản hồi quá nhanh. Vui lòng thử lại sau ít phút."
    );
    assert_eq!(
        retry_message(Some(7200), Lang::En),
        "Too many submissions. Please try again in 2 hours."
    );
}

#[test]
fn the_counter_counts_characters_as_the_rules_do() {
    assert_eq!(counter_text("", 2000), "0/2000");
    assert_eq!(counter_text("  Đảng  ", 2000), "4/2000");
    assert_eq!(counter_text(&"ệ".repeat(120), 2000), "120/2000");
}

#[test]
fn the_published_list_is_text_newest_first() {
    let body = r#"{"items": [
        {"id": 1, "name": "Trần &amp; Lê", "message": "Cũ", "date": "2019-07-20T09:00:00+07:00"},
        {"id": "b", "name": "Mới", "message": " Dòng một \n\n  Dòng   hai <b>x</b>", "date": "2019-07-21T09:00:00Z"},
        {"id": "c", "name": "Không nội dung", "message": "  "},
        {"id": "d", "name": "Không ngày", "message": "Chưa ghi ngày"}
    ]}"#;
    let got = parse_published(body.as_bytes());
    let rows: Vec<(&str, &str, &str, Option<i64>)> = got
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str(), p.message.as_str(), p.date))
        .collect();
    assert_eq!(
        rows,
        [
            ("b", "Mới", "Dòng một\nDòng hai <b>x</b>", Some(1_563_699_600)),
            ("1", "Trần & Lê", "Cũ", Some(1_563_588_000)),
            ("d", "Không ngày", "Chưa ghi ngày", None),
        ]
    );
    assert!(parse_published(b"[]").is_empty());
    assert!(parse_published(b"nope").is_empty());
}

#[test]
fn published_url_and_same_origin() {
    assert_eq!(
        published_url(
            "http://127.0.0.1:8081/feedback",
            "https://bao.example/a b.html?x=1"
        ),
        "http://127.0.0.1:8081/feedback?article=https%3A%2F%2Fbao.example%2Fa%20b.html%3Fx%3D1"
    );
    assert_eq!(
        published_url("https://r.example/f?site=tn", "https://a.vn/"),
        "https://r.example/f?site=tn&article=https%3A%2F%2Fa.vn%2F"
    );
    assert!(same_origin("https://a.vn/x", "https://A.vn:443/y?z"));
    assert!(!same_origin(
        "http://127.0.0.1:8080/",
        "http://127.0.0.1:8081/feedback"
    ));
    assert!(!same_origin("https://a.vn/", "http://a.vn/"));
}

#[test]
fn what_is_sent_and_stored_escapes_quotes_backslashes_and_control_characters() {
    let tricky = "A \"B\" \\ C\u{1}\u{8}\u{c}\r\n\tD </script>";
    let a = ArticleRef {
        id: tricky.to_owned(),
        url: "https://a.example/x".to_owned(),
        title: tricky.to_owned(),
    };
    let typed = Input {
        name: tricky.to_owned(),
        email: "an@example.vn".to_owned(),
        message: tricky.to_owned(),
        address: None,
        phone: Some(tricky.to_owned()),
    };
    let json = request_body(&a, &typed, &[Field::Phone], tricky, 1.0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let trimmed = tricky.trim();
    assert_eq!(v["article"]["title"], trimmed);
    assert_eq!(v["name"], trimmed);
    assert_eq!(v["phone"], trimmed);
    assert_eq!(v["website"], tricky, "the honeypot goes as found");
    let draft = encode_draft(&typed).expect("a draft");
    assert_eq!(decode_draft(&draft).map(|d| d.message), Some(tricky.to_owned()));
}

#[test]
fn answers_read_whole_numbers_as_text_and_skip_other_values() {
    let body = r#"{"items": [
        {"id": -12, "name": 5, "message": "Số"},
        {"id": 1.5, "name": true, "message": "Phân số"},
        {"id": "x", "message": 7}
    ]}"#;
    let got = parse_published(body.as_bytes());
    let rows: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(rows, [("-12", "5", "Số"), ("", "", "Phân số"), ("x", "", "7")]);
    let errors = r#"{"errors": {"email": 404, "name": ["x"], "message": "Quá ngắn"}}"#;
    assert_eq!(
        field_errors(errors.as_bytes()),
        [
            (Field::Email, "404".to_owned()),
            (Field::Message, "Quá ngắn".to_owned())
        ]
    );
}
