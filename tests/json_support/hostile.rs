//! The hostile JSON documents of `tests/core_hostile.rs` (its generators for JSON Feed and WordPress REST),
//! shared with the corpus both JSON implementations must read alike (`tests/json_corpus.rs`).

use serde_json::json;

/// The URL every hostile document is read as fetched from.
pub const FEED_URL: &str = "https://portal.example/feeds/hostile.json";

/// The vectors of `tests/fixtures/hostile/vectors.json`, each with its kind (url, markup, style, srcset).
pub struct Vectors {
    pub all: Vec<(String, String)>,
}

pub fn vectors() -> Vectors {
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/hostile/vectors.json")).unwrap();
    let mut all = Vec::new();
    for kind in ["url", "markup", "style", "srcset"] {
        for v in doc[kind].as_array().unwrap() {
            all.push((kind.to_owned(), v.as_str().unwrap().to_owned()));
        }
    }
    Vectors { all }
}

pub fn json_feed(i: usize, v: &str) -> String {
    json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": v, "home_page_url": v, "feed_url": v, "next_url": v, "icon": v, "favicon": v,
        "authors": [{"name": v, "url": v, "avatar": v}],
        "items": [
            {
                "id": v, "url": v, "external_url": v, "title": v, "content_html": v, "content_text": v,
                "summary": v, "image": v, "banner_image": v, "date_published": v, "date_modified": v,
                "tags": [v], "authors": [{"name": v, "url": v, "avatar": v}], "author": {"name": v},
                "attachments": [{"url": v, "mime_type": "image/png", "title": v}]
            },
            {
                "id": v, "url": format!("/hostile/jsonfeed/b{i}.html"), "title": v, "content_html": v,
                "image": v, "banner_image": v, "date_published": v, "tags": [v], "authors": [{"name": v}],
                "attachments": [{"url": v, "mime_type": "image/jpeg", "title": v}]
            },
            {
                "id": format!("c{i}"), "url": format!("/hostile/jsonfeed/c{i}.html"), "external_url": v,
                "title": "Tiêu đề an toàn", "summary": v, "image": "/img/thumb-1.png",
                "attachments": [{"url": "/img/thumb-2.png", "mime_type": "image/png", "title": v}]
            }
        ]
    })
    .to_string()
}

pub fn wordpress(i: usize, v: &str) -> String {
    let sizes = |medium: &str, large: &str| {
        json!({
            "medium": {"source_url": medium, "width": 300, "height": 200},
            "medium_large": {"source_url": large, "width": 768, "height": 512},
            "large": {"source_url": large, "width": 1024, "height": 683},
            "full": {"source_url": v, "width": 1200, "height": 800}
        })
    };
    json!([
        {
            "id": v, "link": v, "title": {"rendered": v}, "excerpt": {"rendered": v},
            "content": {"rendered": v}, "date": v, "date_gmt": v, "categories": [v], "tags": [v],
            "_embedded": {
                "author": [{"name": v, "link": v}],
                "wp:featuredmedia": [{
                    "source_url": v, "alt_text": v, "title": {"rendered": v},
                    "media_details": {"width": 1200, "height": 800, "sizes": sizes(v, v)}
                }]
            }
        },
        {
            "id": i, "link": format!("/hostile/wordpress/b{i}.html"), "title": {"rendered": v},
            "excerpt": {"rendered": v}, "date_gmt": v,
            "_embedded": {
                "author": [{"name": v}],
                "wp:featuredmedia": [{
                    "source_url": "/img/thumb-1.png", "alt_text": v,
                    "media_details": {"width": 1200, "height": 800, "sizes": sizes("/img/thumb-2.png", v)}
                }]
            }
        },
        {
            "id": format!("c{i}"), "link": format!("/hostile/wordpress/c{i}.html"), "title": v, "excerpt": v,
            "_embedded": {"wp:featuredmedia": [{"source_url": v, "alt_text": v}]}
        }
    ])
    .to_string()
}
