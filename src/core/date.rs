//! Dates in, Vietnamese/English display out.
//!
//! Owns parsing of the date forms real feeds use (RFC 3339, RFC 2822/822 with their many deviations, and the
//! zone-less WordPress `date_gmt`) into a [`Timestamp`], UTC offsets as written in the `tz` attribute, and the
//! display forms: the seed portal's "Thứ Bảy, 20/7/2019 8:36", the relative "5 phút trước" of
//! `time="relative"`, and ISO 8601 for `<time datetime>`.
//!
//! Nothing here reads a clock or the reader's time zone: the instant and the portal's offset are always passed
//! in, so a block shows the same text to every reader in the world. Calendar arithmetic is Howard Hinnant's
//! days-from-civil algorithm (proleptic Gregorian), which is exact and tiny compared with a date crate.

use crate::core::i18n::Lang;
#[cfg(feature = "live")]
use crate::core::i18n::{counted, labels};
use crate::core::model::Timestamp;
use crate::core::text::{push_pad2, push_u64};

/// Offsets are clamped to ±18 h, the range RFC 3339 / ECMAScript consider meaningful.
const MAX_OFFSET_MINUTES: i32 = 18 * 60;

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1..=12, day 1..=31).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a day count since 1970-01-01; inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Saturating: only absurd inputs get near the limits, and they must not panic.
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m as u32, d as u32)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Validated civil time plus offset to an instant; `None` when any field is out of range.
fn to_timestamp(fields: [i64; 6], offset_minutes: i32) -> Option<Timestamp> {
    let [year, month, day, hour, minute, second] = fields;
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    let month = month as u32;
    if day < 1 || day > i64::from(days_in_month(year, month)) {
        return None;
    }
    // 60 is a leap second (RFC 3339 allows it); it simply rolls into the next minute.
    if !(0..=23).contains(&hour) || !(0..=59).contains(&minute) || !(0..=60).contains(&second) {
        return None;
    }
    let days = days_from_civil(year, month, day as u32);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - i64::from(offset_minutes) * 60)
}

/// A byte cursor for the hand-written parsers below.
struct Cur<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cur<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Between `min` and `max` ASCII digits as a number.
    fn digits(&mut self, min: usize, max: usize) -> Option<i64> {
        let start = self.i;
        let mut n: i64 = 0;
        while self.i - start < max {
            match self.peek() {
                Some(c @ b'0'..=b'9') => {
                    // Saturating: a fraction may have any number of digits.
                    n = n.saturating_mul(10).saturating_add(i64::from(c - b'0'));
                    self.i += 1;
                }
                _ => break,
            }
        }
        (self.i - start >= min).then_some(n)
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(c) if c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    fn rest(&self) -> &'a [u8] {
        self.b.get(self.i..).unwrap_or_default()
    }
}

/// Parses the date forms found in real feeds into Unix seconds.
///
/// Accepts RFC 3339 (also lowercase `t`/`z`, a space for `T`, fractional seconds, a missing zone taken as UTC
/// as in WordPress `date_gmt`, and a bare date as midnight UTC) and RFC 2822 / 822 (optional weekday, 2- and
/// 3-digit years, optional seconds, numeric zones, `GMT`/`UT`/`UTC`/`Z`, US zone names, military letters,
/// a trailing comment). Anything else, or a field out of range, gives `None`.
pub fn parse_date(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() > 200 {
        return None;
    }
    if b.get(4) == Some(&b'-') {
        parse_rfc3339(b)
    } else {
        parse_rfc2822(s)
    }
}

fn parse_rfc3339(b: &[u8]) -> Option<Timestamp> {
    let mut c = Cur { b, i: 0 };
    let year = c.digits(4, 4)?;
    if !c.eat(b'-') {
        return None;
    }
    let month = c.digits(1, 2)?;
    if !c.eat(b'-') {
        return None;
    }
    let day = c.digits(1, 2)?;
    if c.peek().is_none() {
        return to_timestamp([year, month, day, 0, 0, 0], 0);
    }
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return None;
    }
    c.skip_spaces();
    let hour = c.digits(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let minute = c.digits(2, 2)?;
    let mut second = 0;
    if c.eat(b':') {
        second = c.digits(2, 2)?;
        if c.eat(b'.') || c.eat(b',') {
            // Sub-second precision is irrelevant for display and ordering of news.
            c.digits(1, usize::MAX)?;
        }
    }
    c.skip_spaces();
    let rest = core::str::from_utf8(c.rest()).ok()?;
    let offset = if rest.is_empty() { 0 } else { parse_offset(rest)? };
    to_timestamp([year, month, day, hour, minute, second], offset)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// Index of a name whose first three letters (case-insensitive) are in `table`.
fn name_index(tok: &str, table: &[&str]) -> Option<usize> {
    let head = tok.get(..3)?;
    if !tok.bytes().all(|c| c.is_ascii_alphabetic() || c == b'.') {
        return None;
    }
    table.iter().position(|n| n.eq_ignore_ascii_case(head))
}

/// Offset of an RFC 2822 zone token: numeric, `GMT`/`UT`/`Z`, US names, military letters (as UTC, which is
/// what RFC 2822 says to assume since they were historically misused).
fn zone_offset(tok: &str) -> Option<i32> {
    const NAMED: [(&str, i32); 9] = [
        ("EST", -300),
        ("EDT", -240),
        ("CST", -360),
        ("CDT", -300),
        ("MST", -420),
        ("MDT", -360),
        ("PST", -480),
        ("PDT", -420),
        // Indochina Time: Vietnamese servers occasionally write it.
        ("ICT", 420),
    ];
    if let Some((_, off)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(tok)) {
        return Some(*off);
    }
    if tok.len() == 1 && tok.bytes().all(|c| c.is_ascii_alphabetic()) {
        return Some(0);
    }
    parse_offset(tok)
}

fn parse_rfc2822(s: &str) -> Option<Timestamp> {
    // A trailing "(comment)" such as "(ICT)" or "(UTC)".
    let s = match (s.ends_with(')'), s.rfind('(')) {
        (true, Some(open)) => s.get(..open)?,
        _ => s,
    };
    let mut toks = s
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .peekable();
    if let Some(first) = toks.peek() {
        if first.bytes().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            name_index(first, &WEEKDAYS)?;
            toks.next();
        }
    }
    let day = all_digits(toks.next()?, 1, 2)?;
    let month = name_index(toks.next()?, &MONTHS)? as i64 + 1;
    let year_tok = toks.next()?;
    let mut year = all_digits(year_tok, 2, 4)?;
    year += match year_tok.len() {
        2 if year < 50 => 2000,
        2 | 3 => 1900,
        _ => 0,
    };
    let (mut hour, mut minute, mut second) = (0, 0, 0);
    if let Some(time) = toks.next() {
        let mut c = Cur {
            b: time.as_bytes(),
            i: 0,
        };
        hour = c.digits(1, 2)?;
        if !c.eat(b':') {
            return None;
        }
        minute = c.digits(1, 2)?;
        if c.eat(b':') {
            second = c.digits(1, 2)?;
        }
        if !c.rest().is_empty() {
            return None;
        }
    }
    let offset = match toks.next() {
        Some(zone) => zone_offset(zone)?,
        None => 0,
    };
    to_timestamp([year, month, day, hour, minute, second], offset)
}

fn all_digits(tok: &str, min: usize, max: usize) -> Option<i64> {
    let mut c = Cur {
        b: tok.as_bytes(),
        i: 0,
    };
    let n = c.digits(min, max)?;
    c.rest().is_empty().then_some(n)
}

/// Parses a UTC offset into minutes east of UTC.
///
/// Accepts `Z`, `UTC`, `GMT`, `UT`, `+07:00`, `+0700`, `+07`, `+7`, `-05:30`, `GMT+7`, `UTC+07:00`, and an
/// unsigned `07:00` / `7` as east. Anything else gives `None`; magnitudes beyond 18 h are clamped to 18 h.
pub fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    for name in ["Z", "UTC", "GMT", "UT"] {
        if s.eq_ignore_ascii_case(name) {
            return Some(0);
        }
    }
    let mut body = s;
    let mut prefixed = false;
    for name in ["UTC", "GMT"] {
        if let Some(head) = s.get(..3) {
            if head.eq_ignore_ascii_case(name) {
                body = s.get(3..)?;
                prefixed = true;
            }
        }
    }
    let (sign, digits) = if let Some(rest) = body.strip_prefix('+') {
        (1, rest)
    } else if let Some(rest) = body.strip_prefix('-').or_else(|| body.strip_prefix('\u{2212}')) {
        (-1, rest)
    } else if prefixed {
        return None;
    } else {
        (1, body)
    };
    let b = digits.as_bytes();
    let mut c = Cur { b, i: 0 };
    let (hours, minutes) = if b.contains(&b':') {
        let h = c.digits(1, 2)?;
        c.eat(b':');
        (h, c.digits(2, 2)?)
    } else {
        match b.len() {
            1 | 2 => (c.digits(1, 2)?, 0),
            3 => (c.digits(1, 1)?, c.digits(2, 2)?),
            4 => (c.digits(2, 2)?, c.digits(2, 2)?),
            _ => return None,
        }
    };
    if !c.rest().is_empty() || minutes >= 60 {
        return None;
    }
    let total = (hours * 60 + minutes).min(i64::from(MAX_OFFSET_MINUTES)) as i32;
    Some(sign * total)
}

/// Civil fields of an instant seen at `offset_minutes`: (year, month, day, hour, minute, second, weekday with
/// 0 = Sunday).
fn breakdown(ts: Timestamp, offset_minutes: i32) -> (i64, u32, u32, u32, u32, u32, usize) {
    let offset = offset_minutes.clamp(-MAX_OFFSET_MINUTES, MAX_OFFSET_MINUTES);
    let local = ts.saturating_add(i64::from(offset) * 60);
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400) as u32;
    let (y, m, d) = civil_from_days(days);
    // 1970-01-01 was a Thursday (4).
    let weekday = (days.rem_euclid(7) + 4) % 7;
    (y, m, d, secs / 3600, secs / 60 % 60, secs % 60, weekday as usize)
}

const WEEKDAYS_VI: [&str; 7] = [
    "Chủ Nhật",
    "Thứ Hai",
    "Thứ Ba",
    "Thứ Tư",
    "Thứ Năm",
    "Thứ Sáu",
    "Thứ Bảy",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

fn push_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_u64(out, n.unsigned_abs());
}

/// The seed portal's date form: "Thứ Bảy, 20/7/2019 8:36" (vi) or "Saturday, 20/7/2019 8:36" (en), in the
/// given offset (clamped to ±18 h): day, month and hour without leading zeros, minutes with two digits, 24 h.
pub fn format_datetime(ts: Timestamp, offset_minutes: i32, lang: Lang) -> String {
    let (y, m, d, hh, mm, _, wd) = breakdown(ts, offset_minutes);
    let names = match lang {
        Lang::Vi => &WEEKDAYS_VI,
        Lang::En => &WEEKDAYS_EN,
    };
    let mut out = String::with_capacity(28);
    out.push_str(names.get(wd).copied().unwrap_or_default());
    out.push_str(", ");
    push_u64(&mut out, d.into());
    out.push('/');
    push_u64(&mut out, m.into());
    out.push('/');
    push_i64(&mut out, y);
    out.push(' ');
    push_u64(&mut out, hh.into());
    out.push(':');
    push_pad2(&mut out, mm);
    out
}

/// A time this far ahead of `now` (a feed server or reader whose clock is off) is still "just now".
pub const FUTURE_SKEW_SECS: i64 = 5 * 60;

/// The relative form of `time="relative"`, at `now` (Unix seconds): "vừa xong" / "just now" under a minute
/// old, "5 phút trước" / "5 minutes ago" under an hour, "2 giờ trước" / "2 hours ago" under a day, then the
/// absolute [`format_datetime`] in the portal's offset. A time in the future by up to [`FUTURE_SKEW_SECS`]
/// is "just now"; further ahead it is written absolute.
#[cfg(feature = "live")]
pub fn format_relative(ts: Timestamp, now: Timestamp, offset_minutes: i32, lang: Lang) -> String {
    let l = labels(lang);
    let age = now.saturating_sub(ts);
    if !(-FUTURE_SKEW_SECS..86_400).contains(&age) {
        format_datetime(ts, offset_minutes, lang)
    } else if age < 60 {
        l.live.just_now.to_owned()
    } else if age < 3600 {
        counted((age / 60) as u64, l.live.minutes_ago)
    } else {
        counted((age / 3600) as u64, l.live.hours_ago)
    }
}

/// A short stamp for notes such as "cập nhật lúc 8:36 20/7": hour, minutes, day and month in the given
/// offset (clamped to ±18 h), in the same digit style as [`format_datetime`].
pub fn format_short(ts: Timestamp, offset_minutes: i32) -> String {
    let (_, m, d, hh, mm, _, _) = breakdown(ts, offset_minutes);
    let mut out = String::with_capacity(12);
    push_u64(&mut out, hh.into());
    out.push(':');
    push_pad2(&mut out, mm);
    out.push(' ');
    push_u64(&mut out, d.into());
    out.push('/');
    push_u64(&mut out, m.into());
    out
}

/// ISO 8601 / RFC 3339 with the offset, for `<time datetime>`: "2019-07-20T08:36:00+07:00"; offset 0 is
/// written "+00:00". The offset is clamped to ±18 h.
pub fn format_iso(ts: Timestamp, offset_minutes: i32) -> String {
    let offset = offset_minutes.clamp(-MAX_OFFSET_MINUTES, MAX_OFFSET_MINUTES);
    let (y, m, d, hh, mm, ss, _) = breakdown(ts, offset);
    let mut out = String::with_capacity(25);
    if y < 0 {
        out.push('-');
    }
    let ya = y.unsigned_abs();
    for pad in [1000, 100, 10] {
        if ya < pad {
            out.push('0');
        }
    }
    push_u64(&mut out, ya);
    out.push('-');
    push_pad2(&mut out, m);
    out.push('-');
    push_pad2(&mut out, d);
    out.push('T');
    push_pad2(&mut out, hh);
    out.push(':');
    push_pad2(&mut out, mm);
    out.push(':');
    push_pad2(&mut out, ss);
    out.push(if offset < 0 { '-' } else { '+' });
    let abs = offset.unsigned_abs();
    push_pad2(&mut out, abs / 60);
    out.push(':');
    push_pad2(&mut out, abs % 60);
    out
}
