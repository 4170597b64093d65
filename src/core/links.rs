//! A plain JSON list of sites for the "Liên kết website" block: `[{ "title", "url", "icon"? }, …]`.
//!
//! Owns the reading rules of that shape and the test that tells it from a WordPress posts response, the
//! other JSON array a block may get: the first object of the array decides. A WordPress post has a `link`,
//! or a `title` object (`{"rendered": …}`); a site has a `url` and a plain `title`. Sites become articles
//! (title, `url`, `icon` as the image, the URL as id), so the block reads them like any feed; a JSON Feed
//! whose items are sites needs nothing of this module. Entries without an http(s) `url` are skipped with a
//! warning; a missing title becomes the site's host.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::core::model::{Article, Feed};
use crate::core::rules::{resolve_url, Warnings};
use crate::core::text::{clean_text, non_empty};
use crate::core::url::host;

/// A JSON value where a string is expected: the string, or what else it was.
enum Text {
    Str(String),
    Object,
    Other,
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E>(self, v: &str) -> Result<Text, E> {
        Ok(Text::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Text, E> {
        Ok(Text::Str(v))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Text, E> {
        Ok(Text::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Text, E> {
        Ok(Text::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Text, E> {
        Ok(Text::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Text, E> {
        Ok(Text::Other)
    }
    fn visit_unit<E>(self) -> Result<Text, E> {
        Ok(Text::Other)
    }
    fn visit_none<E>(self) -> Result<Text, E> {
        Ok(Text::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Text::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Text::Object)
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

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

struct SiteVisitor;

impl<'de> Visitor<'de> for SiteVisitor {
    type Value = Site;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Site, A::Error> {
        let mut site = Site {
            is_object: true,
            ..Site::default()
        };
        while let Some(key) = map.next_key::<String>()? {
            let text = map.next_value::<Text>()?;
            let slot = match key.as_str() {
                "link" => {
                    site.wordpress = true;
                    continue;
                }
                "title" if matches!(text, Text::Object) => {
                    site.wordpress = true;
                    continue;
                }
                "title" | "name" => &mut site.title,
                "url" => &mut site.url,
                "icon" | "favicon" => &mut site.icon,
                _ => continue,
            };
            if let (Text::Str(v), None) = (text, &slot) {
                *slot = Some(v);
            }
        }
        Ok(site)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Site, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Site::default())
    }
    fn visit_str<E>(self, _: &str) -> Result<Site, E> {
        Ok(Site::default())
    }
    fn visit_bool<E>(self, _: bool) -> Result<Site, E> {
        Ok(Site::default())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Site, E> {
        Ok(Site::default())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Site, E> {
        Ok(Site::default())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Site, E> {
        Ok(Site::default())
    }
    fn visit_unit<E>(self) -> Result<Site, E> {
        Ok(Site::default())
    }
}

impl<'de> serde::Deserialize<'de> for Site {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SiteVisitor)
    }
}

/// Reads the array; stops with an error at the first object that is not a site (a WordPress post, or an
/// object with no `url`), so a posts response costs one object's worth of reading.
struct ListSeed;

impl<'de> DeserializeSeed<'de> for ListSeed {
    type Value = Vec<Site>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Site>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListSeed {
    type Value = Vec<Site>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of sites")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Site>, A::Error> {
        let mut out: Vec<Site> = Vec::new();
        while let Some(site) = seq.next_element::<Site>()? {
            let first_object = site.is_object && !out.iter().any(|s| s.is_object);
            if first_object && (site.wordpress || site.url.is_none()) {
                return Err(A::Error::custom("not a list of sites"));
            }
            out.push(site);
        }
        Ok(out)
    }
}

/// Reads `body` as a list of sites fetched from `feed_url` (the base of relative URLs), or `None` when it
/// is not one: not a JSON array, invalid JSON, or an array whose first object is shaped like a WordPress
/// post (or has no `url`). The caller then reads it as WordPress posts.
pub fn parse_link_list(body: &[u8], feed_url: Option<&str>) -> Option<Feed> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let mut de = serde_json::Deserializer::from_slice(body);
    let sites = ListSeed.deserialize(&mut de).ok()?;
    let mut warnings = Warnings::default();
    if de.end().is_err() {
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
