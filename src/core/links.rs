//! A plain JSON list of sites for the "Liên kết website" block: `[{ "title", "url", "icon"? }, …]`.
//!
//! Owns the reading rules of that shape and the test that tells it from a WordPress posts response, the
//! other JSON array a block may get: the first object of the array decides. A WordPress post has a `link`,
//! or a `title` object (`{"rendered": …}`); a site has a `url` and a plain `title`. Sites become articles
//! (title, `url`, `icon` as the image, the URL as id), so the block reads them like any feed; a JSON Feed
//! whose items are sites needs nothing of this module. Entries without an http(s) `url` are skipped with a
//! warning; a missing title becomes the site's host.

use crate::core::jsonscan::{skip_ws, value_end};
use crate::core::model::{Article, Feed};
use crate::core::rules::{resolve_url, strip_bom, Warnings};
use crate::core::text::{clean_text, non_empty};
use crate::core::tree::{Json, Node};
use crate::core::url::host;

/// One element of the list: a site, something else, or proof that the array is WordPress posts.
#[derive(Default)]
struct Site {
    is_object: bool,
    title: Option<String>,
    url: Option<String>,
    icon: Option<String>,
    /// A `link` key or a `title` object: the shape of a WordPress post.
    wordpress: bool,
}

/// An element of the array as a site: its fields in document order, the first string of each role kept.
fn site<N: Node>(v: &N) -> Site {
    if !v.is_object() {
        return Site::default();
    }
    let mut site = Site {
        is_object: true,
        ..Site::default()
    };
    for (key, value) in v.entries() {
        let slot = match key.as_str() {
            "link" => {
                site.wordpress = true;
                continue;
            }
            "title" if value.is_object() => {
                site.wordpress = true;
                continue;
            }
            "title" | "name" => &mut site.title,
            "url" => &mut site.url,
            "icon" | "favicon" => &mut site.icon,
            _ => continue,
        };
        if slot.is_none() {
            *slot = value.as_str().map(|s| s.into_owned());
        }
    }
    site
}

/// The bytes of the first object in the array `b` starts with; `None` when it has none (or is not an
/// array). Elements before it are only delimited, so deciding costs one object's parse, not the body's.
fn first_object(b: &[u8]) -> Option<&[u8]> {
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    loop {
        i = skip_ws(b, i);
        match b.get(i)? {
            b'{' => return b.get(i..value_end(b, i)?),
            b']' => return None,
            b',' => i += 1,
            _ => {
                let end = value_end(b, i)?;
                if end <= i {
                    return None;
                }
                i = end;
            }
        }
    }
}

/// Reads `body` as a list of sites fetched from `feed_url` (the base of relative URLs), or `None` when it
/// is not one: not a JSON array, invalid JSON, or an array whose first object is shaped like a WordPress
/// post (or has no `url`). The caller then reads it as WordPress posts. JSON is read with the parser `J`.
pub fn parse_link_list_with<J: Json>(body: &[u8], feed_url: Option<&str>) -> Option<Feed> {
    let body = strip_bom(body);
    // A posts response is told by its first object alone, before the whole body is parsed.
    if let Some(first) = first_object(body) {
        let (doc, _) = J::read(first).ok()?;
        let first = site(&J::root(&doc));
        if first.wordpress || first.url.is_none() {
            return None;
        }
    }
    let (doc, trailing) = J::read(body).ok()?;
    let list = J::root(&doc);
    if !list.is_array() {
        return None;
    }
    let sites: Vec<Site> = list.elements().map(|v| site(&v)).collect();
    let mut warnings = Warnings::default();
    if trailing {
        warnings.feed("ignored data after the end of the JSON value");
    }
    let mut items: Vec<Article> = Vec::with_capacity(sites.len());
    for (index, site) in sites.into_iter().enumerate() {
        if !site.is_object {
            warnings.item(index, "skipped: not an object");
            continue;
        }
        let Some(url) = site.url.as_deref().and_then(|u| resolve_url(feed_url, u)) else {
            warnings.item(index, "skipped: no usable http(s) url");
            continue;
        };
        if items.iter().any(|a| a.url == url) {
            warnings.item(index, "skipped: the same url again");
            continue;
        }
        let title = site
            .title
            .as_deref()
            .map(clean_text)
            .and_then(non_empty)
            .or_else(|| host(&url).map(str::to_owned))
            .unwrap_or_else(|| url.clone());
        items.push(Article {
            id: url.clone(),
            image: site.icon.as_deref().and_then(|u| resolve_url(feed_url, u)),
            url,
            title,
            summary: None,
            image_alt: None,
            image_srcset: None,
            published: None,
            tags: Vec::new(),
            authors: Vec::new(),
            images: Vec::new(),
            source: None,
        });
    }
    Some(Feed {
        items,
        warnings: warnings.finish(),
        ..Feed::default()
    })
}

/// [`parse_link_list_with`] the module's JSON parser (`bytes_json`).
pub fn parse_link_list(body: &[u8], feed_url: Option<&str>) -> Option<Feed> {
    parse_link_list_with::<crate::core::bytes_json::ByteJson>(body, feed_url)
}
