//! What the "Phản hồi" block decides without a browser, on top of the rules it shares with the server
//! (`feedback`): the article a submission is about (found as "Các tin khác" finds the article being read),
//! the JSON body it posts, the draft kept in `sessionStorage`, and the reading of the server's answers
//! (field errors of a `400`, `Retry-After` of a `429`, the published list), plus the texts it shows for them.
//!
//! The endpoint contract (README, "Phản hồi"): `POST <action>` with `Content-Type: application/json` and
//! `{ "article": { "id", "url", "title" }, "name", "email", "message", "address"?, "phone"?, "website",
//! "elapsed_ms" }`; `201` accepted for moderation, `400 { "errors": { "<field>": "<message>" } }`, `429` with
//! `Retry-After`; `GET <action>?article=<url>` gives `{ "items": [ { "id", "name", "message", "date" } ] }`.

use crate::core::date::parse_date;
use crate::core::feedback::{ArticleRef, Field, Input};
use crate::core::i18n::Lang;
use crate::core::json_out::{push_key, push_str};
use crate::core::model::Timestamp;
use crate::core::rules::strip_bom;
use crate::core::text::{clean_text, push_u64, truncate_chars};
use crate::core::tree::{Json, Node};
use crate::core::url::{is_http_url, resolve};

/// The article the reader is on: the `current` attribute (an item id or a URL), else the page's canonical
/// URL, else the page's own URL, as for "Các tin khác"; its title is the page's (`og:title`, else
/// `document.title`). The URL loses its fragment. An attribute that is no URL is the id, with the page's
/// URL beside it.
pub fn article(
    current_attr: Option<&str>,
    canonical: Option<&str>,
    page_url: Option<&str>,
    page_title: Option<&str>,
) -> ArticleRef {
    let page = canonical
        .and_then(|c| resolve(page_url, c))
        .or_else(|| page_url.and_then(|p| resolve(None, p)));
    let strip = |u: String| match u.split_once('#') {
        Some((head, _)) => head.to_owned(),
        None => u,
    };
    let (id, url) = match current_attr.map(str::trim).filter(|a| !a.is_empty()) {
        // A URL, absolute or relative to the page.
        Some(a) if is_http_url(a) || a.starts_with(['/', '.']) => {
            let u = resolve(page_url, a).map(strip).unwrap_or_default();
            (u.clone(), u)
        }
        // An item id: the page's URL goes with it.
        Some(a) => (a.to_owned(), page.map(strip).unwrap_or_default()),
        None => {
            let u = page.map(strip).unwrap_or_default();
            (u.clone(), u)
        }
    };
    ArticleRef {
        id,
        url,
        title: page_title.map(clean_text).unwrap_or_default(),
    }
}

/// The JSON body of a submission: values trimmed; `address` and `phone` only when the form has them
/// (`fields`), even empty; `website` is the honeypot as found; `elapsed_ms` how long the form was shown.
pub fn request_body(
    article: &ArticleRef,
    input: &Input,
    fields: &[Field],
    honeypot: &str,
    elapsed_ms: f64,
) -> String {
    let t = input.trimmed();
    let optional = |f: Field, v: &Option<String>| -> Option<String> {
        fields.contains(&f).then(|| v.clone().unwrap_or_default())
    };
    let (address, phone) = (
        optional(Field::Address, &t.address),
        optional(Field::Phone, &t.phone),
    );
    let mut out = String::from("{");
    push_key(&mut out, "article");
    out.push('{');
    for (k, v) in [
        ("id", &article.id),
        ("url", &article.url),
        ("title", &article.title),
    ] {
        push_key(&mut out, k);
        push_str(&mut out, v.trim());
    }
    out.push('}');
    let values = [
        ("name", Some(t.name.as_str())),
        ("email", Some(t.email.as_str())),
        ("message", Some(t.message.as_str())),
        ("address", address.as_deref()),
        ("phone", phone.as_deref()),
        ("website", Some(honeypot)),
    ];
    for (k, v) in values {
        if let Some(v) = v {
            push_key(&mut out, k);
            push_str(&mut out, v);
        }
    }
    push_key(&mut out, "elapsed_ms");
    // Whole milliseconds; `as` saturates a huge value.
    push_u64(
        &mut out,
        if elapsed_ms.is_finite() && elapsed_ms > 0.0 {
            elapsed_ms.round() as u64
        } else {
            0
        },
    );
    out.push('}');
    out
}

/// The `sessionStorage` key of the draft for one endpoint and article.
pub fn draft_key(action: &str, article_url: &str) -> String {
    ["news-widget:feedback:v1:", action, " ", article_url].concat()
}

/// The draft to store (a JSON object of the five values); `None` when nothing was typed (the stored draft
/// is then removed).
pub fn encode_draft(input: &Input) -> Option<String> {
    let values = [
        ("name", input.name.as_str()),
        ("email", input.email.as_str()),
        ("message", input.message.as_str()),
        ("address", input.address.as_deref().unwrap_or_default()),
        ("phone", input.phone.as_deref().unwrap_or_default()),
    ];
    if values.iter().all(|(_, v)| v.trim().is_empty()) {
        return None;
    }
    let mut out = String::from("{");
    for (k, v) in values {
        push_key(&mut out, k);
        push_str(&mut out, v);
    }
    out.push('}');
    Some(out)
}

/// A stored draft (anything unreadable is no draft), read with the JSON parser `J`. Values are cut to their
/// field's limit and a little more, so a tampered entry cannot fill the form with megabytes.
pub fn decode_draft_with<J: Json>(json: &str) -> Option<Input> {
    let doc = read_answer::<J>(json.as_bytes())?;
    let d = J::root(&doc);
    if !d.is_object() {
        return None;
    }
    let cut = |f: Field| -> String {
        d.field(f.as_str())
            .and_then(|v| v.str_or_whole())
            .unwrap_or_default()
            .chars()
            .take(f.max_chars() + 100)
            .collect()
    };
    let opt = |f: Field| Some(cut(f)).filter(|v| !v.is_empty());
    Some(Input {
        name: cut(Field::Name),
        email: cut(Field::Email),
        message: cut(Field::Message),
        address: opt(Field::Address),
        phone: opt(Field::Phone),
    })
}

/// [`decode_draft_with`] the module's JSON parser (`bytes_json`).
pub fn decode_draft(json: &str) -> Option<Input> {
    decode_draft_with::<crate::core::bytes_json::ByteJson>(json)
}

/// The top-level value of an answer or a stored draft, read with `J` after a byte-order mark; `None` for
/// invalid JSON. Data after the value is ignored.
fn read_answer<J: Json>(body: &[u8]) -> Option<J::Doc> {
    J::read(strip_bom(body)).ok().map(|(doc, _)| doc)
}

/// The field errors of a `400` answer, `{ "errors": { "<field>": "<message>" } }`, in form order, read with
/// `J`: known fields only, messages as plain text (at most 200 characters). Empty when the body has none.
pub fn field_errors_with<J: Json>(body: &[u8]) -> Vec<(Field, String)> {
    let Some(doc) = read_answer::<J>(body) else {
        return Vec::new();
    };
    let Some(errors) = J::root(&doc).field("errors") else {
        return Vec::new();
    };
    let mut out: Vec<(Field, String)> = errors
        .entries()
        .iter()
        .filter_map(|(k, v)| {
            let field = k.parse::<Field>().ok()?;
            let text = clean_text(&v.str_or_whole()?);
            (!text.is_empty()).then(|| (field, truncate_chars(&text, 200)))
        })
        .collect();
    out.sort_by_key(|(f, _)| *f);
    out.dedup_by_key(|(f, _)| *f);
    out
}

/// [`field_errors_with`] the module's JSON parser (`bytes_json`).
pub fn field_errors(body: &[u8]) -> Vec<(Field, String)> {
    field_errors_with::<crate::core::bytes_json::ByteJson>(body)
}

/// Seconds to wait from a `Retry-After` value: a number of seconds, or an HTTP date (`now` in Unix
/// seconds); `None` when unreadable. Capped at a day.
pub fn retry_after_secs(value: &str, now: Timestamp) -> Option<u64> {
    let v = value.trim();
    let secs = if !v.is_empty() && v.bytes().all(|c| c.is_ascii_digit()) {
        v.parse::<u64>().ok()?
    } else {
        u64::try_from(parse_date(v)?.saturating_sub(now)).unwrap_or(0)
    };
    Some(secs.min(86_400))
}

/// The `429` message: when to try again ("sau 30 giây", "sau 2 phút"), or "in a few minutes" without a
/// readable `Retry-After`.
pub fn retry_message(secs: Option<u64>, lang: Lang) -> String {
    let (head, later, sec, min, hour) = match lang {
        Lang::Vi => (
            "Bạn gửi phản hồi quá nhanh. Vui lòng thử lại sau ",
            "ít phút",
            " giây",
            " phút",
            " giờ",
        ),
        Lang::En => (
            "Too many submissions. Please try again in ",
            "a few minutes",
            " seconds",
            " minutes",
            " hours",
        ),
    };
    let mut s = String::from(head);
    match secs {
        None => s.push_str(later),
        Some(n) if n < 60 => {
            push_u64(&mut s, n.max(1));
            s.push_str(sec);
        }
        Some(n) if n < 3600 => {
            push_u64(&mut s, n.div_ceil(60));
            s.push_str(min);
        }
        Some(n) => {
            push_u64(&mut s, n.div_ceil(3600));
            s.push_str(hour);
        }
    }
    s.push('.');
    s
}

/// The live counter of the message: characters typed (after trimming, as the rules count) over the limit.
pub fn counter_text(message: &str, max: usize) -> String {
    let mut s = String::new();
    push_u64(&mut s, message.trim().chars().count() as u64);
    s.push('/');
    push_u64(&mut s, max as u64);
    s
}

/// One published piece of feedback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub id: String,
    pub name: String,
    pub message: String,
    pub date: Option<Timestamp>,
}

/// At most this many published items are shown.
pub const MAX_PUBLISHED: usize = 100;

/// The published list, `{ "items": [ { "id", "name", "message", "date" } ] }`, read with `J`, newest first
/// (undated last), as plain text; items without a message are skipped. Empty for anything unreadable.
pub fn parse_published_with<J: Json>(body: &[u8]) -> Vec<Published> {
    let Some(doc) = read_answer::<J>(body) else {
        return Vec::new();
    };
    let Some(items) = J::root(&doc).field("items").filter(Node::is_array) else {
        return Vec::new();
    };
    let mut out: Vec<Published> = items
        .elements()
        .filter_map(|it| {
            let text = |k: &'static str| it.field(k).and_then(|v| v.str_or_whole());
            let message = collapse_lines(&text("message")?);
            if message.is_empty() {
                return None;
            }
            Some(Published {
                id: text("id").unwrap_or_default(),
                name: truncate_chars(&clean_text(&text("name").unwrap_or_default()), 100),
                message: truncate_chars(&message, 4000),
                date: text("date").as_deref().and_then(parse_date),
            })
        })
        .take(MAX_PUBLISHED * 4)
        .collect();
    out.sort_by(|a, b| match (a.date, b.date) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    out.truncate(MAX_PUBLISHED);
    out
}

/// [`parse_published_with`] the module's JSON parser (`bytes_json`).
pub fn parse_published(body: &[u8]) -> Vec<Published> {
    parse_published_with::<crate::core::bytes_json::ByteJson>(body)
}

/// A message as plain text that keeps its line breaks (collapsing spaces within lines).
fn collapse_lines(s: &str) -> String {
    s.lines()
        .map(clean_text)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `action` with `article=<url>` added to its query (percent-encoded), for the published list.
pub fn published_url(action: &str, article_url: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let (head, fragment) = action.split_once('#').unwrap_or((action, ""));
    let mut s = String::with_capacity(head.len() + article_url.len() * 2 + 10);
    s.push_str(head);
    s.push(if head.contains('?') { '&' } else { '?' });
    s.push_str("article=");
    for b in article_url.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            s.push(char::from(b));
        } else {
            s.push('%');
            s.push(char::from(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0')));
            s.push(char::from(HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0')));
        }
    }
    if !fragment.is_empty() {
        s.push('#');
        s.push_str(fragment);
    }
    s
}

/// True when two absolute http(s) URLs (as [`resolve`] writes them) have the same origin: scheme, host and
/// port. The block sends cookies only to its own origin.
pub fn same_origin(a: &str, b: &str) -> bool {
    let origin = |u: &str| -> Option<String> {
        let u = resolve(None, u)?;
        let after = u.find("://")? + 3;
        let end = u
            .get(after..)?
            .find(['/', '?', '#'])
            .map_or(u.len(), |i| after + i);
        Some(u.get(..end)?.to_owned())
    };
    matches!((origin(a), origin(b)), (Some(x), Some(y)) if x == y)
}
