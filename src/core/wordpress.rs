//! WordPress REST API posts (`/wp-json/wp/v2/posts?_embed`) into the article model, leniently.
//!
//! Owns the WordPress reading rules: `title.rendered` / `excerpt.rendered` (HTML with entities) to plain text,
//! `date_gmt` before the site-local `date`, the featured image from `_embedded["wp:featuredmedia"][0]` with the
//! size a block shows best (`medium_large`, else `medium`, `large`, `full`, else the original) and a `srcset`
//! of every size, category and tag ids as decimal strings, embedded author names, and the "Xem thêm" paging
//! rule ([`next_page_url`] from the `X-WP-TotalPages` header).
//!
//! The body is read through the [`Node`] interface, so the same rules run over the byte reader
//! (`bytes_json`) and over `serde_json` (the tests' reference). Every JSON type is accepted everywhere; a field of the wrong type counts
//! as missing and never fails the feed.

use crate::core::date::parse_date;
use crate::core::model::{Article, Feed, FeedError, ImageRef};
use crate::core::rules::{
    cap_srcset, derived_title, resolve_url, strip_bom, Warnings, AUTHORS_PER_ITEM, NAME_CHARS, SUMMARY_CHARS,
    TAGS_PER_ITEM, URL_BYTES,
};
use crate::core::text::{clean_text, excerpt, html_to_text, non_empty, push_u64, u64_text};
use crate::core::tree::{Json, Node};
use crate::core::url::sanitize_srcset;

/// The featured image size a list or the gallery grid shows best, in order of preference.
const SIZE_PREFERENCE: [&str; 4] = ["medium_large", "medium", "large", "full"];
/// The featured image size the lightbox shows, in order of preference (else the original `source_url`).
const LARGE_PREFERENCE: [&str; 2] = ["large", "full"];

/// The text of a string.
fn str_of<N: Node>(node: &N) -> Option<String> {
    node.as_str().map(std::borrow::Cow::into_owned)
}

/// A non-negative whole number (ids, widths), also when written as a string ("12").
fn num<N: Node>(node: &N) -> Option<u64> {
    match node.as_number() {
        Some(n) => n.as_u64(),
        None => node.as_str()?.trim().parse().ok(),
    }
}

/// WordPress "rendered" text: `{"rendered": "…"}`, or leniently a bare string.
fn rendered<N: Node>(node: &N) -> Option<String> {
    match node.field("rendered").and_then(|r| str_of(&r)) {
        Some(s) => Some(s),
        None => str_of(node),
    }
}

/// Parses a WordPress REST posts response (a JSON array of posts, ideally fetched with `?_embed`) from
/// `feed_url` (the base for relative URLs) with the parser `J`.
///
/// Elements that are not objects, posts without a usable http(s) `link`, and posts with neither title nor
/// excerpt are skipped with a warning. A WordPress error object (`{"code": …, "message": …}`) or any other
/// non-array top level is [`FeedError::NotAFeed`] (with WordPress's message); invalid JSON is
/// [`FeedError::Json`].
pub fn parse_wordpress_with<J: Json>(body: &[u8], feed_url: Option<&str>) -> Result<Feed, FeedError> {
    let (doc, trailing) = J::read(strip_bom(body))?;
    let top = J::root(&doc);
    let mut warnings = Warnings::default();
    if trailing {
        warnings.feed("ignored data after the end of the JSON value");
    }
    if top.is_object() {
        let code = top.field("code");
        let mut why = String::from("WordPress answered with an error");
        if let Some(code) = code.as_ref().and_then(str_of) {
            why.push_str(" (");
            why.push_str(&code);
            why.push(')');
        }
        match top.field("message").and_then(|m| str_of(&m)) {
            Some(message) => {
                why.push_str(": ");
                why.push_str(&html_to_text(&message));
            }
            None if code.is_none() => {
                why = "a JSON object without \"code\" is not a WordPress posts response".to_owned();
            }
            None => {}
        }
        return Err(FeedError::NotAFeed(why));
    }
    if !top.is_array() {
        return Err(FeedError::NotAFeed(
            "the JSON top level is not an array of posts".to_owned(),
        ));
    }
    let mut reader = PostReader::new(feed_url, warnings);
    for post in top.elements() {
        reader.push(&post);
    }
    Ok(reader.finish())
}

/// Turns the elements of a posts array into articles, in order, counting every element for the warnings:
/// what one whole parse and the slices of [`crate::core::chunked::ChunkedPosts`] share.
pub(crate) struct PostReader<'b> {
    base: Option<&'b str>,
    pub(crate) items: Vec<Article>,
    warnings: Warnings,
    /// Index in the array of the next element.
    index: usize,
}

impl<'b> PostReader<'b> {
    /// A reader of the posts of `base`, with the warnings so far (data after the array).
    pub(crate) fn new(base: Option<&'b str>, warnings: Warnings) -> PostReader<'b> {
        PostReader {
            base,
            items: Vec::new(),
            warnings,
            index: 0,
        }
    }

    /// Reads the next element of the array.
    pub(crate) fn push<N: Node>(&mut self, post: &N) {
        let index = self.index;
        self.index += 1;
        if !post.is_object() {
            self.warnings.item(index, "skipped: not an object");
            return;
        }
        if let Some(article) = to_article(post, self.base, index, &mut self.warnings) {
            self.items.push(article);
        }
    }

    pub(crate) fn finish(self) -> Feed {
        Feed {
            title: None,
            home_page_url: None,
            next_url: None,
            items: self.items,
            warnings: self.warnings.finish(),
            ..Feed::default()
        }
    }
}

/// [`parse_wordpress_with`] the module's JSON parser (`bytes_json`).
pub fn parse_wordpress(body: &[u8], feed_url: Option<&str>) -> Result<Feed, FeedError> {
    parse_wordpress_with::<crate::core::bytes_json::ByteJson>(body, feed_url)
}

/// The featured image: the size lists show, the large one, srcset, the large one's size, texts.
struct Featured {
    url: String,
    srcset: Option<String>,
    /// The picture for the lightbox, with its width and height.
    large: String,
    width: Option<u32>,
    height: Option<u32>,
    alt: Option<String>,
    /// `caption.rendered` as plain text.
    caption: Option<String>,
}

/// Reads `_embedded["wp:featuredmedia"][0]`; `None` for a missing one or an error object
/// (`{"code": "rest_forbidden", …}` when the media is private).
fn featured<N: Node>(post: &N, base: Option<&str>) -> Option<Featured> {
    let media = post.field("_embedded")?.field("wp:featuredmedia")?.at(0)?;
    if media.field("code").is_some() {
        return None;
    }
    let details = media.field("media_details");
    let sizes = details.as_ref().and_then(|d| d.field("sizes"));
    let size_url = |s: &N| {
        s.field("source_url")
            .and_then(|u| str_of(&u))
            .and_then(|u| resolve_url(base, &u))
    };
    let dim = |s: &N, key: &'static str| {
        s.field(key)
            .and_then(|n| num(&n))
            .and_then(|n| u32::try_from(n).ok())
    };
    let original = || {
        let url = media
            .field("source_url")
            .and_then(|u| str_of(&u))
            .and_then(|u| resolve_url(base, &u))?;
        Some((
            url,
            details.as_ref().and_then(|d| dim(d, "width")),
            details.as_ref().and_then(|d| dim(d, "height")),
        ))
    };
    let pick = |names: &[&'static str]| {
        names
            .iter()
            .filter_map(|name| sizes.as_ref().and_then(|s| s.field(name)))
            .find_map(|s| size_url(&s).map(|u| (u, dim(&s, "width"), dim(&s, "height"))))
    };
    let (url, width, height) = pick(&SIZE_PREFERENCE).or_else(original)?;
    // Every size of the chosen one's shape, each URL once: the browser picks what fits the block. Crops of
    // another aspect ratio (the square `thumbnail`) are left out, as WordPress itself does for `srcset`.
    let mut srcset = String::new();
    let mut seen: Vec<String> = Vec::new();
    if let Some(sizes) = &sizes {
        for (_, s) in sizes.entries() {
            let (Some(u), Some(w)) = (
                s.field("source_url").and_then(|u| str_of(&u)),
                s.field("width").and_then(|w| num(&w)),
            ) else {
                continue;
            };
            let h = s.field("height").and_then(|h| num(&h));
            if w == 0 || seen.contains(&u) || !same_shape(width, height, w, h) {
                continue;
            }
            // A full `srcset` takes no more sizes, which also keeps the `seen` scan short.
            if srcset.len() + u.len() + 16 > URL_BYTES {
                break;
            }
            if !srcset.is_empty() {
                srcset.push_str(", ");
            }
            srcset.push_str(u.trim());
            srcset.push(' ');
            push_u64(&mut srcset, w);
            srcset.push('w');
            seen.push(u);
        }
    }
    let alt = media
        .field("alt_text")
        .and_then(|a| str_of(&a))
        .map(|a| clean_text(&a))
        .and_then(non_empty);
    let caption = media
        .field("caption")
        .and_then(|c| rendered(&c))
        .map(|c| html_to_text(&c))
        .and_then(non_empty);
    let (large, width, height) = pick(&LARGE_PREFERENCE)
        .or_else(original)
        .unwrap_or_else(|| (url.clone(), width, height));
    let mut srcset = sanitize_srcset(&srcset, base);
    // Resolved against the base, the candidates may have grown past the limit.
    cap_srcset(&mut srcset);
    Some(Featured {
        url,
        srcset,
        large,
        width,
        height,
        alt,
        caption,
    })
}

/// True when a `w`×`h` size has the aspect ratio of the chosen `cw`×`ch` one, within a pixel of rounding
/// (or when either is unknown).
fn same_shape(cw: Option<u32>, ch: Option<u32>, w: u64, h: Option<u64>) -> bool {
    let (Some(cw), Some(ch), Some(h)) = (cw, ch, h) else {
        return true;
    };
    let (cw, ch, w, h) = (u128::from(cw), u128::from(ch), u128::from(w), u128::from(h));
    // h / w == ch / cw, cross-multiplied (in 128 bits: sizes are the feed's numbers, up to 2^64); one pixel
    // of height at the larger width is tolerated.
    (h * cw).abs_diff(w * ch) <= cw.max(w)
}

/// One post into an article, or `None` (with a warning) when it has no usable link or no text at all.
fn to_article<N: Node>(
    post: &N,
    base: Option<&str>,
    index: usize,
    warnings: &mut Warnings,
) -> Option<Article> {
    let Some(url) = post
        .field("link")
        .and_then(|u| str_of(&u))
        .and_then(|u| resolve_url(base, &u))
    else {
        warnings.item(index, "skipped: no usable http(s) link");
        return None;
    };
    let summary = post
        .field("excerpt")
        .and_then(|e| rendered(&e))
        .and_then(|h| excerpt(&h, SUMMARY_CHARS, true))
        .map(|s| match s.strip_suffix("[…]") {
            // WordPress ends automatic excerpts with "[…]"; one ellipsis reads better.
            Some(head) => {
                let mut s = head.trim_end().trim_end_matches(['…', '.']).trim_end().to_owned();
                s.push('…');
                s
            }
            None => s,
        });
    let title = match post
        .field("title")
        .and_then(|t| rendered(&t))
        .map(|t| html_to_text(&t))
        .and_then(non_empty)
    {
        Some(t) => t,
        None => match &summary {
            Some(s) => derived_title(s),
            None => {
                warnings.item(index, "skipped: no title and no excerpt");
                return None;
            }
        },
    };
    let mut published = None;
    for key in ["date_gmt", "date"] {
        if let Some(d) = post
            .field(key)
            .and_then(|d| str_of(&d))
            .filter(|d| !d.trim().is_empty())
        {
            published = parse_date(&d);
            if published.is_some() {
                break;
            }
            warnings.item(index, "unreadable date, ignored");
        }
    }
    let mut tags = Vec::new();
    for key in ["categories", "tags"] {
        for id in post.field(key).iter().flat_map(|list| list.elements()) {
            if let Some(n) = num(&id) {
                let t = u64_text(n);
                if tags.len() < TAGS_PER_ITEM && !tags.contains(&t) {
                    tags.push(t);
                }
            }
        }
    }
    let authors = post
        .field("_embedded")
        .and_then(|e| e.field("author"))
        .map(|list| {
            list.elements()
                .filter_map(|a| a.field("name").and_then(|n| str_of(&n)))
                .filter_map(|n| excerpt(&n, NAME_CHARS, false))
                .take(AUTHORS_PER_ITEM)
                .collect()
        })
        .unwrap_or_default();
    let id = match post.field("id") {
        Some(id) => match (id.as_number().and_then(|n| n.as_u64()), str_of(&id)) {
            (Some(n), _) => u64_text(n),
            (None, Some(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            _ => url.clone(),
        },
        None => url.clone(),
    };
    // The featured media is the post's photo: the large size in the lightbox, the list size in the grid,
    // captioned by its caption, else its alt text, else the post's title.
    let featured = featured(post, base);
    let images = featured
        .iter()
        .map(|f| ImageRef {
            url: f.large.clone(),
            thumb: (f.large != f.url).then(|| f.url.clone()),
            caption: f
                .caption
                .clone()
                .or_else(|| f.alt.clone())
                .unwrap_or_else(|| title.clone()),
            srcset: f.srcset.clone(),
            width: f.width,
            height: f.height,
        })
        .collect();
    let (image, image_alt, image_srcset) = match featured {
        Some(f) => (Some(f.url), f.alt, f.srcset),
        None => (None, None, None),
    };
    Some(Article {
        id,
        url,
        title,
        summary,
        image,
        image_alt,
        image_srcset,
        published,
        tags,
        authors,
        images,
        source: None,
    })
}

/// The URL of the next page of a WordPress posts listing ("Xem thêm"): `feed_url` with its `page` parameter
/// (1 when absent) plus one, or `None` when `total_pages` (the `X-WP-TotalPages` header) says there is no
/// further page or is missing or unreadable.
pub fn next_page_url(feed_url: &str, total_pages: Option<&str>) -> Option<String> {
    let total: u64 = total_pages?.trim().parse().ok()?;
    let url = resolve_url(None, feed_url)?;
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (url.as_str(), None),
    };
    let (path, query) = before_fragment.split_once('?').unwrap_or((before_fragment, ""));
    let mut page = 1u64;
    let mut params: Vec<&str> = Vec::new();
    for param in query.split('&').filter(|p| !p.is_empty()) {
        match param.strip_prefix("page=") {
            Some(n) => page = n.parse().ok().filter(|&n| n > 0)?,
            None => params.push(param),
        }
    }
    if page >= total {
        return None;
    }
    let mut out = String::with_capacity(url.len() + 8);
    out.push_str(path);
    out.push('?');
    for p in params {
        out.push_str(p);
        out.push('&');
    }
    out.push_str("page=");
    push_u64(&mut out, page + 1);
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}
