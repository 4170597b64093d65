//! A tiny RFC 3986 resolver and vetter for the URLs feeds carry (the `url` crate is too big for the bundle).
//!
//! Owns the rule that only `http:` and `https:` URLs ever reach an `href` or `src`: [`resolve`] returns an
//! absolute http(s) URL or nothing. It follows what browsers do before judging a scheme — strip leading and
//! trailing C0 controls and spaces, delete tabs and newlines anywhere (so `java\tscript:` is seen as
//! `javascript:`), compare schemes case-insensitively, read `\` as `/` — so a URL we accept is one the browser
//! reads the same way. The userinfo part (`user:pass@`) is dropped: it only serves to disguise the real host.
//!
//! It also owns the article identity rule [`match_key`], used to keep the article being read out of
//! "Các tin khác" and to de-duplicate merged feeds. Two URLs denote the same article when they agree after:
//! - dropping the fragment (`#comments`) and any userinfo;
//! - ignoring the scheme (`http` and `https` of the same host and path are one article);
//! - lowercasing the host and dropping the default port (`:80` for http, `:443` for https);
//! - dropping one trailing `/` of the path (`/a/` = `/a`, and an empty path = `/`);
//! - uppercasing percent-escapes (`%c3` = `%C3`), and percent-encoding raw non-ASCII and spaces the way
//!   [`resolve`] does (so a raw Vietnamese path matches its encoded form);
//! - removing tracking parameters: names starting with `utm_`, and `fbclid`, `gclid`, `dclid`, `msclkid`,
//!   `mc_cid`, `mc_eid`, `_ga` (names compared case-insensitively); other parameters are kept in their order.
//!
//! Path letter case, other query parameters and their order, and the host (`www.` included) still count.
//!
//! Where the reader's browser would go, [`resolve`] points: `tests/core_url_whatwg.rs` compares it with the
//! WHATWG URL Standard (the `url` crate, natively) over every URL of the feed corpus and the hostile vectors.

use std::borrow::Cow;

/// An absolute http(s) URL taken apart, already normalised (host lowercased, default port and userinfo
/// dropped, dot segments removed, unsafe bytes percent-encoded).
struct Abs {
    https: bool,
    /// `host` or `host:port`.
    authority: String,
    /// Starts with `/`.
    path: String,
    query: Option<String>,
    fragment: Option<String>,
}

impl Abs {
    fn into_string(self) -> String {
        let mut out = String::with_capacity(
            8 + self.authority.len()
                + self.path.len()
                + self.query.as_ref().map_or(0, |q| q.len() + 1)
                + self.fragment.as_ref().map_or(0, |f| f.len() + 1),
        );
        out.push_str(if self.https { "https://" } else { "http://" });
        out.push_str(&self.authority);
        out.push_str(&self.path);
        if let Some(q) = &self.query {
            out.push('?');
            out.push_str(q);
        }
        if let Some(f) = &self.fragment {
            out.push('#');
            out.push_str(f);
        }
        out
    }
}

/// What browsers do to a URL string before parsing: trim C0 controls and spaces at both ends and delete tab,
/// CR and LF everywhere.
fn clean_input(s: &str) -> Cow<'_, str> {
    let s = s.trim_matches(|c: char| c <= ' ');
    if s.contains(['\t', '\n', '\r']) {
        Cow::Owned(s.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Splits `scheme:rest` when `s` starts with a syntactically valid scheme.
fn split_scheme(s: &str) -> Option<(&str, &str)> {
    let colon = s.find(':')?;
    let scheme = s.get(..colon)?;
    let mut bytes = scheme.bytes();
    if !bytes.next()?.is_ascii_alphabetic()
        || !bytes.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
    {
        return None;
    }
    Some((scheme, s.get(colon + 1..)?))
}

fn scheme_is_https(scheme: &str) -> Option<bool> {
    if scheme.eq_ignore_ascii_case("https") {
        Some(true)
    } else if scheme.eq_ignore_ascii_case("http") {
        Some(false)
    } else {
        None
    }
}

/// Appends `s` percent-encoding controls, space, non-ASCII bytes and the characters browsers encode in paths
/// (`"` `<` `>` `` ` `` `{` `}`); existing escapes are kept as they are.
fn push_encoded(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b <= 0x20 || b >= 0x7F || matches!(b, b'"' | b'<' | b'>' | b'`' | b'{' | b'}') {
            out.push('%');
            out.push(char::from(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0')));
            out.push(char::from(HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0')));
        } else {
            out.push(char::from(b));
        }
    }
}

fn encoded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_encoded(&mut out, s);
    out
}

fn is_dot(seg: &str) -> bool {
    seg == "." || seg.eq_ignore_ascii_case("%2e")
}

fn is_dot_dot(seg: &str) -> bool {
    matches!(seg.len(), 2 | 4 | 6)
        && matches!(
            seg.to_ascii_lowercase().as_str(),
            ".." | ".%2e" | "%2e." | "%2e%2e"
        )
}

/// RFC 3986 §5.2.4 on a path starting with `/` (WHATWG also reads `%2e` as `.`). The result starts with `/`.
fn remove_dot_segments(path: &str) -> String {
    let mut segs: Vec<&str> = Vec::new();
    let mut trailing_slash = false;
    for seg in path.split('/').skip(1) {
        trailing_slash = false;
        if is_dot(seg) {
            trailing_slash = true;
        } else if is_dot_dot(seg) {
            segs.pop();
            trailing_slash = true;
        } else {
            segs.push(seg);
        }
    }
    let mut out = String::with_capacity(path.len() + 1);
    for seg in &segs {
        out.push('/');
        out.push_str(seg);
    }
    if trailing_slash || out.is_empty() {
        out.push('/');
    }
    out
}

/// Splits a reference into (path, query, fragment), reading `\` in the path as `/` as browsers do for http(s).
fn split_ref(s: &str) -> (Cow<'_, str>, Option<&str>, Option<&str>) {
    let (before_frag, fragment) = match s.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (s, None),
    };
    let (path, query) = match before_frag.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (before_frag, None),
    };
    let path = if path.contains('\\') {
        Cow::Owned(path.replace('\\', "/"))
    } else {
        Cow::Borrowed(path)
    };
    (path, query, fragment)
}

/// A host as the browser maps it before use (the mapping step of UTS #46, for what a feed may write):
/// full-width letters, digits and hyphens as their ASCII forms, the ideographic full stops as `.`, and
/// lower case. So `ｔｉｎ．Example．vn` is the host `tin.example.vn` the reader's browser goes to, and
/// matches it. (The browser then writes a non-ASCII host in Punycode; this module keeps it in Unicode.)
fn fold_host(host: &str) -> String {
    host.chars()
        .map(|c| match c {
            '\u{FF0D}'
            | '\u{FF0E}'
            | '\u{FF10}'..='\u{FF19}'
            | '\u{FF21}'..='\u{FF3A}'
            | '\u{FF41}'..='\u{FF5A}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3002}' | '\u{FF61}' => '.',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a character may stand in a host after [`fold_host`]. ASCII: letters, digits and `-._~[]:` (the
/// rest are forbidden host code points, or `%`, which a feed has no reason to write there). Beyond ASCII the
/// browser takes a host to Punycode; what it rejects or maps onto a forbidden ASCII character is kept out:
/// controls, Latin-1 punctuation, spaces, the punctuation and symbol blocks, CJK punctuation, the small,
/// vertical and remaining full-width forms (`／` and `：` would become `/` and `:`), private use, the
/// specials, and the invisible characters the browser drops (so `exa\u{FEFF}mple.vn` cannot pass for a host
/// it is not). Ranges rather than Unicode's letter tables, which would cost the module ~1.8 KB (brotli).
pub fn host_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '[' | ']' | ':');
    }
    !c.is_whitespace()
        && !matches!(
            c,
            '\0'..='\u{BF}'
                | '\u{2000}'..='\u{2BFF}'
                | '\u{3000}'..='\u{303F}'
                | '\u{FE00}'..='\u{FE6F}'
                | '\u{FF00}'..='\u{FFEF}'
                | '\u{FFF0}'..='\u{FFFF}'
                | '\u{E000}'..='\u{F8FF}'
                | '\u{F0000}'..
                // Default-ignorable code points outside the blocks above.
                | '\u{34F}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Normalises an authority: drops userinfo, folds the host ([`fold_host`]), validates it, drops a default or
/// empty port.
fn normalise_authority(auth: &str, https: bool) -> Option<String> {
    let hostport = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
    let (host, port) = if hostport.starts_with('[') {
        let close = hostport.find(']')?;
        let (h, rest) = hostport.split_at(close + 1);
        if !h
            .bytes()
            .all(|c| c.is_ascii_hexdigit() || matches!(c, b':' | b'.' | b'[' | b']'))
        {
            return None;
        }
        (
            h,
            if rest.is_empty() {
                None
            } else {
                Some(rest.strip_prefix(':')?)
            },
        )
    } else {
        match hostport.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    };
    let host = fold_host(host);
    if host.is_empty() || !host.chars().all(host_char) {
        return None;
    }
    let mut out = host;
    if let Some(port) = port.filter(|p| !p.is_empty()) {
        if port.len() > 5 || !port.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let n: u32 = port.bytes().fold(0, |n, c| n * 10 + u32::from(c - b'0'));
        if n > 65_535 {
            return None;
        }
        let default = if https { 443 } else { 80 };
        if n != default {
            out.push(':');
            out.push_str(port.trim_start_matches('0'));
            if n == 0 {
                out.push('0');
            }
        }
    }
    Some(out)
}

/// Parses what follows `http:` / `https:`. Any number of slashes (or backslashes) may precede the host, as in
/// browsers.
fn parse_after_scheme(https: bool, rest: &str) -> Option<Abs> {
    let rest = rest.trim_start_matches(['/', '\\']);
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let authority = normalise_authority(rest.get(..end)?, https)?;
    let (path, query, fragment) = split_ref(rest.get(end..)?);
    Some(Abs {
        https,
        authority,
        path: remove_dot_segments(&encoded(&path)),
        query: query.map(encoded),
        fragment: fragment.map(encoded),
    })
}

/// Parses an absolute http(s) URL.
fn parse_absolute(s: &str) -> Option<Abs> {
    let s = clean_input(s);
    let (scheme, rest) = split_scheme(&s)?;
    parse_after_scheme(scheme_is_https(scheme)?, rest)
}

/// Resolves `reference` against `base` into an absolute `http://` or `https://` URL, or `None`.
///
/// Any other scheme is refused (`javascript:`, `data:`, `vbscript:`, `file:` …, whatever their case or the
/// tabs, newlines and control characters around or inside them). Relative references (`img/a.jpg`, `/a`,
/// `../a`, `//host/a`, `?q`, `#f`) need a `base` that is itself an absolute http(s) URL. Dot segments are
/// removed, scheme and host lowercased, default ports and userinfo dropped, spaces and non-ASCII characters
/// in path, query and fragment percent-encoded (so Vietnamese paths work); the fragment is kept. An empty
/// (or blank) reference is `None`: in a feed it is a missing value, not a link to the feed itself.
pub fn resolve(base: Option<&str>, reference: &str) -> Option<String> {
    let r = clean_input(reference);
    // For a browser an empty reference means "this document"; in a feed it means the field is missing.
    // Taking it as the base would link articles, and show pictures of, the feed itself.
    if r.is_empty() {
        return None;
    }
    let two_slashes = |s: &str| s.len() >= 2 && s.bytes().take(2).all(|c| c == b'/' || c == b'\\');
    let mut rel: &str = &r;
    let mut same_scheme_base = None;
    if let Some((scheme, rest)) = split_scheme(&r) {
        let https = scheme_is_https(scheme)?;
        // As browsers read it: the page's own scheme without `//` (`https:a/b`, `http:/a`) is a relative
        // reference; any other is absolute, with any number of slashes.
        // (`https://…`, nearly every URL a feed carries, never needs the base parsed.)
        same_scheme_base = base
            .filter(|_| !two_slashes(rest))
            .and_then(parse_absolute)
            .filter(|b| b.https == https);
        if same_scheme_base.is_none() {
            return parse_after_scheme(https, rest).map(Abs::into_string);
        }
        rel = rest;
    }
    let base = match same_scheme_base {
        Some(b) => b,
        None => parse_absolute(base?)?,
    };
    if two_slashes(rel) {
        return parse_after_scheme(base.https, rel).map(Abs::into_string);
    }
    let (path, query, fragment) = split_ref(rel);
    let (path, query) = if path.is_empty() {
        (base.path, query.map(encoded).or(base.query))
    } else if path.starts_with('/') {
        (remove_dot_segments(&encoded(&path)), query.map(encoded))
    } else {
        let dir = base
            .path
            .rfind('/')
            .and_then(|i| base.path.get(..=i))
            .unwrap_or("/");
        let mut merged = String::with_capacity(dir.len() + path.len());
        merged.push_str(dir);
        push_encoded(&mut merged, &path);
        (remove_dot_segments(&merged), query.map(encoded))
    };
    let abs = Abs {
        https: base.https,
        authority: base.authority,
        path,
        query,
        fragment: fragment.map(encoded),
    };
    Some(abs.into_string())
}

/// True when `s` is an absolute http(s) URL that [`resolve`] accepts on its own.
pub fn is_http_url(s: &str) -> bool {
    parse_absolute(s).is_some()
}

/// The host of an absolute http(s) URL as written (no userinfo, no port), e.g. for naming a merged source.
pub fn host(url: &str) -> Option<&str> {
    let s = url.trim();
    let (scheme, rest) = split_scheme(s)?;
    scheme_is_https(scheme)?;
    let rest = rest.trim_start_matches(['/', '\\']);
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let auth = rest.get(..end)?;
    let hostport = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
    let host = if hostport.starts_with('[') {
        hostport.get(..=hostport.find(']')?)?
    } else {
        hostport.split(':').next()?
    };
    (!host.is_empty()).then_some(host)
}

/// The origin (`scheme://host[:port]`, lowercase, default port dropped) of an absolute http(s) URL: what a
/// feed's next page must share with the feed, and what a page's list of allowed feed origins names.
pub fn origin(url: &str) -> Option<String> {
    let abs = resolve(None, url)?;
    let (scheme, rest) = abs.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let auth = rest.get(..end)?;
    let hostport = auth
        .rsplit_once('@')
        .map_or(auth, |(_, h)| h)
        .to_ascii_lowercase();
    let scheme = scheme.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let hostport = hostport.strip_suffix(default_port).unwrap_or(&hostport);
    Some([scheme.as_str(), "://", hostport].concat())
}

fn is_tracking_param(name: &str) -> bool {
    const TRACKING: [&str; 7] = ["fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga"];
    name.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("utm_"))
        || TRACKING.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// Appends `s` with the hex digits of percent-escapes uppercased.
fn push_upper_escapes(out: &mut String, s: &str) {
    let mut after_percent = 0;
    for c in s.chars() {
        if after_percent > 0 {
            out.push(c.to_ascii_uppercase());
            after_percent -= 1;
        } else {
            if c == '%' {
                after_percent = 2;
            }
            out.push(c);
        }
    }
}

/// The "same article" key of an http(s) URL; the rule is in the module documentation. `None` for anything
/// that is not an absolute http(s) URL.
pub fn match_key(url: &str) -> Option<String> {
    let abs = parse_absolute(url)?;
    let mut key = String::with_capacity(abs.authority.len() + abs.path.len() + 8);
    key.push_str(&abs.authority);
    let path = abs.path.strip_suffix('/').unwrap_or(&abs.path);
    push_upper_escapes(&mut key, path);
    let mut first = true;
    for param in abs.query.as_deref().unwrap_or_default().split('&') {
        let name = param.split('=').next().unwrap_or_default();
        if param.is_empty() || is_tracking_param(name) {
            continue;
        }
        key.push(if first { '?' } else { '&' });
        first = false;
        push_upper_escapes(&mut key, param);
    }
    Some(key)
}

/// Keeps only the http(s) candidates of a `srcset`, each resolved against `base`, with a width (`640w`) or
/// density (`2x`) descriptor when it has a valid one; `None` when no candidate is left.
pub fn sanitize_srcset(srcset: &str, base: Option<&str>) -> Option<String> {
    let mut out = String::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len());
        let raw_url = rest.get(..url_end).unwrap_or_default();
        rest = rest.get(url_end..).unwrap_or_default();
        // HTML: a URL ending in commas has no descriptor.
        let (raw_url, descriptor) = if raw_url.ends_with(',') {
            (raw_url.trim_end_matches(','), "")
        } else {
            let d_end = rest.find(',').unwrap_or(rest.len());
            let d = rest.get(..d_end).unwrap_or_default().trim();
            rest = rest.get(d_end..).unwrap_or_default();
            (raw_url, d)
        };
        let Some(url) = resolve(base, raw_url) else {
            continue;
        };
        if !out.is_empty() {
            out.push_str(", ");
        }
        // Read back by a browser, a URL ending in commas would end its candidate there and turn the
        // descriptor into a (relative) URL of its own: escape those commas.
        let kept = url.trim_end_matches(',');
        out.push_str(kept);
        for _ in kept.len()..url.len() {
            out.push_str("%2C");
        }
        if is_valid_descriptor(descriptor) {
            out.push(' ');
            out.push_str(descriptor);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `640w` (positive integer) or `1.5x` (positive number).
fn is_valid_descriptor(d: &str) -> bool {
    let Some(last) = d.chars().last() else {
        return false;
    };
    let num = d.get(..d.len() - 1).unwrap_or_default();
    if num.is_empty() || num.bytes().all(|c| c == b'0' || c == b'.') {
        return false;
    }
    match last {
        'w' => num.bytes().all(|c| c.is_ascii_digit()),
        'x' => {
            num.bytes().all(|c| c.is_ascii_digit() || c == b'.')
                && num.bytes().filter(|&c| c == b'.').count() <= 1
                && !num.starts_with('.')
                && !num.ends_with('.')
        }
        _ => false,
    }
}
