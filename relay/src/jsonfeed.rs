//! The JSON Feed 1.1 the relay serves (<https://jsonfeed.org/version/1.1>), from the core's articles.
//!
//! Every field the block reads back is written: id, url, title, summary, image, `date_published` in
//! RFC 3339, tags, authors, and one `image/*` attachment per gallery image with its caption as `title`.

use news_widget::core::date::format_iso;
use news_widget::core::model::Article;
use serde::Serialize;

pub const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct Out<'a> {
    version: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    home_page_url: Option<&'a str>,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<Attachment<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Attachment<'a> {
    url: &'a str,
    mime_type: &'static str,
    title: &'a str,
}

/// The image MIME type a URL's extension suggests (JPEG when it says nothing).
pub fn image_mime(url: &str) -> &'static str {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let ext = path.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        _ => "image/jpeg",
    }
}

/// The feed's bytes.
pub fn render(title: &str, home_page_url: Option<&str>, items: &[Article]) -> Vec<u8> {
    let out = Out {
        version: VERSION,
        title,
        home_page_url,
        items: items
            .iter()
            .map(|a| Item {
                id: &a.id,
                url: &a.url,
                title: &a.title,
                summary: a.summary.as_deref(),
                image: a.image.as_deref(),
                date_published: a.published.map(|t| format_iso(t, 0)),
                tags: &a.tags,
                authors: a.authors.iter().map(|n| Author { name: n }).collect(),
                attachments: a
                    .images
                    .iter()
                    .map(|i| Attachment {
                        url: &i.url,
                        mime_type: image_mime(&i.url),
                        title: &i.caption,
                    })
                    .collect(),
            })
            .collect(),
    };
    // Serialising these plain structs cannot fail; an empty feed is the safe answer if it ever did.
    serde_json::to_vec(&out)
        .unwrap_or_else(|_| format!("{{\"version\":\"{VERSION}\",\"title\":\"\",\"items\":[]}}").into_bytes())
}
