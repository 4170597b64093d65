//! Format detection and dispatch: any feed body in, one [`Feed`] out.
//!
//! Owns the decision of what a body is, made from its content and never from the `Content-Type` header
//! (portals misconfigure headers): JSON object → JSON Feed, JSON array → WordPress REST, XML with an `<rss>`,
//! `<rdf:RDF>` or `<feed>` root → RSS or Atom, an HTML page → a clear "not a feed" error. Each format's
//! reading rules live in its own module (`jsonfeed`, `wordpress`, `xml`).

use crate::core::jsonfeed::parse_json_feed_with;
use crate::core::model::{Feed, FeedError, FeedFormat};
use crate::core::rules::strip_bom;
use crate::core::tree::Json;
#[cfg(feature = "wordpress")]
use crate::core::wordpress::parse_wordpress_with;
#[cfg(feature = "xml")]
use crate::core::xml::parse_xml_feed;

/// The body without a UTF-8 byte-order mark and leading whitespace.
fn content_start(body: &[u8]) -> &[u8] {
    let body = strip_bom(body);
    let start = body
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(body.len());
    body.get(start..).unwrap_or_default()
}

/// What the first element of an XML/HTML body says: `Some(Some(format))` for a feed root, `Some(None)` for
/// HTML or an unknown root, `None` when no element was found in the first kilobytes.
fn markup_root(b: &[u8]) -> Option<Option<FeedFormat>> {
    // The root element comes after at most an XML declaration, comments and a doctype.
    let window = b.get(..b.len().min(8192)).unwrap_or_default();
    let mut i = 0;
    while let Some(off) = window
        .get(i..)
        .unwrap_or_default()
        .iter()
        .position(|&c| c == b'<')
    {
        let lt = i + off;
        let rest = window.get(lt + 1..).unwrap_or_default();
        if rest.starts_with(b"?") {
            i = lt
                + 1
                + rest
                    .windows(2)
                    .position(|w| w == b"?>")
                    .map_or(rest.len(), |p| p + 2);
        } else if rest.starts_with(b"!--") {
            i = lt
                + 1
                + rest
                    .windows(3)
                    .position(|w| w == b"-->")
                    .map_or(rest.len(), |p| p + 3);
        } else if rest.starts_with(b"!") {
            let end = rest.iter().position(|&c| c == b'>').unwrap_or(rest.len());
            let decl = rest.get(1..end).unwrap_or_default();
            let mut words = decl.split(|c| c.is_ascii_whitespace()).filter(|w| !w.is_empty());
            if words.next().is_some_and(|w| w.eq_ignore_ascii_case(b"doctype"))
                && words.next().is_some_and(|w| w.eq_ignore_ascii_case(b"html"))
            {
                return Some(None);
            }
            i = lt + 2 + end;
        } else {
            let name_len = rest
                .iter()
                .position(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
                .unwrap_or(rest.len());
            let name = rest.get(..name_len).unwrap_or_default();
            // Compare local names, so prefixed roots (`<atom:feed>`, `<rdf:RDF>`) are recognised.
            let local = name.rsplit(|&c| c == b':').next().unwrap_or_default();
            let format = if local.eq_ignore_ascii_case(b"rss") || local.eq_ignore_ascii_case(b"rdf") {
                Some(FeedFormat::Rss)
            } else if local.eq_ignore_ascii_case(b"feed") {
                Some(FeedFormat::Atom)
            } else {
                None
            };
            return Some(format);
        }
    }
    None
}

/// True when the body is an HTML page (an error page served with status 200, a login wall, …).
fn looks_like_html(b: &[u8]) -> bool {
    if b.first() != Some(&b'<') {
        return false;
    }
    if markup_root(b) == Some(None) {
        let head = b.get(..b.len().min(8192)).unwrap_or_default();
        return head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<html"))
            || head.windows(9).any(|w| w.eq_ignore_ascii_case(b"<!doctype"))
            || head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<body"))
            || head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<head"));
    }
    false
}

/// Detects the format of a body from its content, after a UTF-8 BOM and whitespace: `{` is JSON Feed, `[` is
/// WordPress REST, markup is RSS (`<rss>`, `<rdf:RDF>`) or Atom (`<feed>`); HTML and anything else is `None`.
pub fn detect_format(body: &[u8]) -> Option<FeedFormat> {
    let b = content_start(body);
    match b.first()? {
        b'{' => Some(FeedFormat::JsonFeed),
        b'[' => Some(FeedFormat::WordPress),
        b'<' => markup_root(b).flatten(),
        _ => None,
    }
}

/// Parses a feed body in the `forced` format, else in the detected one, reading JSON with the parser `J`.
/// `feed_url` is the URL the body was fetched from: relative links and images are resolved against it.
///
/// An empty body (or only a BOM and whitespace) is [`FeedError::Empty`]; an HTML page is
/// [`FeedError::NotAFeed`] whatever format was forced.
pub fn parse_feed_with<J: Json>(
    body: &[u8],
    feed_url: Option<&str>,
    forced: Option<FeedFormat>,
) -> Result<Feed, FeedError> {
    let body = strip_bom(body);
    let start = content_start(body);
    if start.is_empty() {
        return Err(FeedError::Empty);
    }
    if looks_like_html(start) {
        return Err(FeedError::NotAFeed(
            "received an HTML page instead of a feed (check the src URL and the server)".to_owned(),
        ));
    }
    // A plain list of sites (`[{"title", "url"}]`) is also a JSON array: its first object tells it from
    // WordPress posts (see `links`).
    #[cfg(feature = "links")]
    if forced.is_none() && start.first() == Some(&b'[') {
        if let Some(feed) = crate::core::links::parse_link_list_with::<J>(body, feed_url) {
            return Ok(feed);
        }
    }
    match forced.or_else(|| detect_format(start)) {
        Some(FeedFormat::JsonFeed) => parse_json_feed_with::<J>(body, feed_url),
        #[cfg(feature = "wordpress")]
        Some(FeedFormat::WordPress) => parse_wordpress_with::<J>(body, feed_url),
        #[cfg(feature = "xml")]
        Some(FeedFormat::Rss | FeedFormat::Atom) => parse_xml_feed(body, feed_url),
        #[cfg(not(all(feature = "wordpress", feature = "xml")))]
        Some(other) => Err(FeedError::Unsupported(other)),
        None => Err(FeedError::NotAFeed(
            "unrecognised content: expected JSON Feed, WordPress REST, RSS or Atom".to_owned(),
        )),
    }
}

/// [`parse_feed_with`] the JSON parser over bytes (`bytes_json`): what the modules, the relay and the tests use.
pub fn parse_feed(
    body: &[u8],
    feed_url: Option<&str>,
    forced: Option<FeedFormat>,
) -> Result<Feed, FeedError> {
    parse_feed_with::<crate::core::bytes_json::ByteJson>(body, feed_url, forced)
}
