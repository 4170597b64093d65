//! Reader feedback ("Phản hồi"): the rules a submission must meet, shared by the browser block (which checks
//! before sending) and the relay (which checks again before storing).
//!
//! Owns the field names of the contract (`name`, `email`, `message`, `address`, `phone`), their limits,
//! the error of each field with its Vietnamese and English message, the article a submission is about, and
//! the two bot checks (a filled honeypot, a form sent faster than a person can fill it). Text is trimmed
//! first and lengths are counted in characters, not bytes, so Vietnamese letters count once.

use crate::core::i18n::Lang;
use crate::core::model::by_name;
use crate::core::url::{host_char, is_http_url};

/// Longest name, in characters.
pub const NAME_MAX: usize = 100;
/// Longest e-mail address (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;
/// Longest message, in characters.
pub const MESSAGE_MAX: usize = 2000;
/// Longest postal address, in characters.
pub const ADDRESS_MAX: usize = 200;
/// Longest phone number, in characters.
pub const PHONE_MAX: usize = 30;
/// Longest article id and title, in characters.
pub const ARTICLE_TEXT_MAX: usize = 500;
/// Longest article URL, in characters.
pub const ARTICLE_URL_MAX: usize = 2000;
/// A form sent less than this many milliseconds after it was shown is taken for a bot.
pub const MIN_ELAPSED_MS: f64 = 3000.0;

/// A field of the feedback form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Email,
    Message,
    Address,
    Phone,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 5] = [
        Field::Name,
        Field::Email,
        Field::Message,
        Field::Address,
        Field::Phone,
    ];

    /// The field's name in the JSON contract (request keys and the keys of `errors`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Message => "message",
            Field::Address => "address",
            Field::Phone => "phone",
        }
    }

    /// Longest value, in characters.
    pub const fn max_chars(self) -> usize {
        match self {
            Field::Name => NAME_MAX,
            Field::Email => EMAIL_MAX,
            Field::Message => MESSAGE_MAX,
            Field::Address => ADDRESS_MAX,
            Field::Phone => PHONE_MAX,
        }
    }

    /// True for the fields a reader must fill in.
    pub const fn required(self) -> bool {
        matches!(self, Field::Name | Field::Email | Field::Message)
    }
}

impl core::str::FromStr for Field {
    type Err = ();

    /// The [`Field::as_str`] names, trimmed, in any letter case.
    ///
    /// # Errors
    /// `Err(())` for any other name.
    fn from_str(v: &str) -> Result<Self, ()> {
        by_name(v, &Field::ALL, |f| (f.as_str(), &[]))
    }
}

impl core::fmt::Display for Field {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is wrong with one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldError {
    /// Empty (after trimming) but required.
    Required,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Not of the shape `local@domain.tld`.
    BadEmail,
    /// Something other than digits, spaces and `+ - . ( )`, or no digit at all.
    BadPhone,
}

impl FieldError {
    /// The message shown next to `field`, in `lang`.
    pub fn message(self, field: Field, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Vi, FieldError::Required) => match field {
                Field::Name => "Vui lòng nhập họ và tên",
                Field::Email => "Vui lòng nhập thư điện tử",
                Field::Message => "Vui lòng nhập nội dung",
                Field::Address => "Vui lòng nhập địa chỉ",
                Field::Phone => "Vui lòng nhập số điện thoại",
            }
            .to_owned(),
            (Lang::En, FieldError::Required) => match field {
                Field::Name => "Please enter your name",
                Field::Email => "Please enter your email address",
                Field::Message => "Please enter a message",
                Field::Address => "Please enter your address",
                Field::Phone => "Please enter your phone number",
            }
            .to_owned(),
            (Lang::Vi, FieldError::TooLong { max }) => {
                let label = match field {
                    Field::Name => "Họ và tên",
                    Field::Email => "Thư điện tử",
                    Field::Message => "Nội dung",
                    Field::Address => "Địa chỉ",
                    Field::Phone => "Số điện thoại",
                };
                format!("{label} tối đa {max} ký tự")
            }
            (Lang::En, FieldError::TooLong { max }) => {
                let label = match field {
                    Field::Name => "Name",
                    Field::Email => "Email address",
                    Field::Message => "Message",
                    Field::Address => "Address",
                    Field::Phone => "Phone number",
                };
                format!("{label} must be at most {max} characters")
            }
            (Lang::Vi, FieldError::BadEmail) => "Thư điện tử không hợp lệ".to_owned(),
            (Lang::En, FieldError::BadEmail) => "Invalid email address".to_owned(),
            (Lang::Vi, FieldError::BadPhone) => "Số điện thoại không hợp lệ".to_owned(),
            (Lang::En, FieldError::BadPhone) => "Invalid phone number".to_owned(),
        }
    }
}

/// The reader's part of a submission, as received (untrimmed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    pub name: String,
    pub email: String,
    pub message: String,
    pub address: Option<String>,
    pub phone: Option<String>,
}

impl Input {
    /// The raw value of `field` (an absent optional field is empty).
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Name => &self.name,
            Field::Email => &self.email,
            Field::Message => &self.message,
            Field::Address => self.address.as_deref().unwrap_or_default(),
            Field::Phone => self.phone.as_deref().unwrap_or_default(),
        }
    }

    /// Every value trimmed; optional fields left empty become `None`. This is what gets stored.
    pub fn trimmed(&self) -> Input {
        let opt = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        Input {
            name: self.name.trim().to_owned(),
            email: self.email.trim().to_owned(),
            message: self.message.trim().to_owned(),
            address: opt(&self.address),
            phone: opt(&self.phone),
        }
    }
}

/// The first problem of one value of `field` (trimmed here), if any.
pub fn check_field(field: Field, value: &str) -> Option<FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return field.required().then_some(FieldError::Required);
    }
    let max = field.max_chars();
    if value.chars().count() > max {
        return Some(FieldError::TooLong { max });
    }
    match field {
        Field::Email if !is_email(value) => Some(FieldError::BadEmail),
        Field::Phone if !is_phone(value) => Some(FieldError::BadPhone),
        _ => None,
    }
}

/// Every problem of a submission, one per field at most, in form order. Empty means valid.
pub fn validate(input: &Input) -> Vec<(Field, FieldError)> {
    Field::ALL
        .iter()
        .filter_map(|&f| check_field(f, input.get(f)).map(|e| (f, e)))
        .collect()
}

/// E-mail shape: one `@`, a non-empty local part of at most 64 characters, a domain of dot-separated
/// non-empty labels (at least two) of ASCII letters, digits, `-` and what a host may hold beyond ASCII
/// ([`host_char`]: Vietnamese letters and other scripts), that neither start nor end with `-`; no
/// whitespace or control characters, no quotes or angle brackets anywhere.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty() || local.chars().count() > 64 || domain.contains('@') {
        return false;
    }
    let bad = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '"' | '<' | '>' | '(' | ')' | ',' | ';' | '\\' | '[' | ']')
    };
    if s.chars().any(bad) || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars()
                    .all(|c| c == '-' || c.is_ascii_alphanumeric() || (!c.is_ascii() && host_char(c)))
        })
}

/// Phone shape: digits, spaces and `+ - . ( )`, with at least one digit.
pub fn is_phone(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '.' | '(' | ')'))
}

/// The article a submission is about, as the block sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleRef {
    pub id: String,
    pub url: String,
    pub title: String,
}

/// What is wrong with the article of a submission (a block bug or a forged request, not a reader error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleError {
    /// No id, or an id or title over [`ARTICLE_TEXT_MAX`] characters.
    BadId,
    /// Not an http(s) URL, or over [`ARTICLE_URL_MAX`] characters.
    BadUrl,
    BadTitle,
}

impl ArticleError {
    /// The message for `lang`.
    pub const fn message(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, ArticleError::BadId) => "Mã bài viết không hợp lệ",
            (Lang::Vi, ArticleError::BadUrl) => "Địa chỉ bài viết không hợp lệ",
            (Lang::Vi, ArticleError::BadTitle) => "Tiêu đề bài viết không hợp lệ",
            (Lang::En, ArticleError::BadId) => "Invalid article id",
            (Lang::En, ArticleError::BadUrl) => "Invalid article URL",
            (Lang::En, ArticleError::BadTitle) => "Invalid article title",
        }
    }
}

/// The first problem of the article of a submission, if any (values trimmed; the title may be empty).
pub fn check_article(a: &ArticleRef) -> Option<ArticleError> {
    let id = a.id.trim();
    let url = a.url.trim();
    if id.is_empty() || id.chars().count() > ARTICLE_TEXT_MAX {
        return Some(ArticleError::BadId);
    }
    if url.chars().count() > ARTICLE_URL_MAX || !is_http_url(url) {
        return Some(ArticleError::BadUrl);
    }
    if a.title.trim().chars().count() > ARTICLE_TEXT_MAX {
        return Some(ArticleError::BadTitle);
    }
    None
}

/// Why a submission was taken for a bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bot {
    /// The hidden `website` field (a honeypot people never see) was filled.
    Honeypot,
    /// Sent less than [`MIN_ELAPSED_MS`] (or the configured minimum) after the form was shown.
    TooFast,
}

/// The bot checks: `honeypot` is the `website` field, `elapsed_ms` the time the reader spent on the form
/// (absent means unknown and passes: a form without script cannot measure it), `min_elapsed_ms` the
/// minimum (normally [`MIN_ELAPSED_MS`]). A negative or non-finite time counts as too fast.
pub fn bot_check(honeypot: Option<&str>, elapsed_ms: Option<f64>, min_elapsed_ms: f64) -> Option<Bot> {
    if honeypot.is_some_and(|h| !h.trim().is_empty()) {
        return Some(Bot::Honeypot);
    }
    match elapsed_ms {
        Some(ms) if !ms.is_finite() || ms < min_elapsed_ms => Some(Bot::TooFast),
        _ => None,
    }
}
