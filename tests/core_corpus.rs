#![cfg(not(target_arch = "wasm32"))]
//! The whole feed corpus — real publishers' feeds, the project's own fixtures and the end-to-end site's
//! feeds — parses to exactly the articles, feed fields and warnings recorded in `tests/fixtures/expected/`,
//! item by item. A change to any parser that alters what readers see shows up here as a diff.
//!
//! After a deliberate change, `NEWS_WIDGET_UPDATE_EXPECTED=1 cargo test --test core_corpus` rewrites the
//! records; review the diff before committing it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use news_widget::core::model::{Article, Feed};
use news_widget::core::parse::parse_feed;

mod corpus_files;
use corpus_files::root;

/// Every feed of the corpus: (path relative to the repository, the URL it is read from).
fn corpus() -> Vec<(String, String)> {
    corpus_files::feeds()
        .into_iter()
        .map(|rel| {
            let url = format!("https://portal.example/{rel}");
            (rel, url)
        })
        .collect()
}

fn article(out: &mut String, i: usize, a: &Article) {
    let _ = writeln!(out, "item {i}");
    let _ = writeln!(out, "  id {:?}", a.id);
    let _ = writeln!(out, "  url {:?}", a.url);
    let _ = writeln!(out, "  title {:?}", a.title);
    let _ = writeln!(out, "  summary {:?}", a.summary);
    let _ = writeln!(
        out,
        "  image {:?} alt {:?} srcset {:?}",
        a.image, a.image_alt, a.image_srcset
    );
    let _ = writeln!(out, "  published {:?}", a.published);
    let _ = writeln!(out, "  tags {:?}", a.tags);
    let _ = writeln!(out, "  authors {:?}", a.authors);
    let _ = writeln!(out, "  source {:?}", a.source);
    for img in &a.images {
        let _ = writeln!(
            out,
            "  photo {:?} thumb {:?} caption {:?} srcset {:?} size {:?}x{:?}",
            img.url, img.thumb, img.caption, img.srcset, img.width, img.height
        );
    }
}

fn record(result: &Result<Feed, news_widget::core::model::FeedError>) -> String {
    let mut out = String::new();
    match result {
        Err(e) => {
            let _ = writeln!(out, "error {e}");
        }
        Ok(f) => {
            let _ = writeln!(out, "title {:?}", f.title);
            let _ = writeln!(out, "home {:?}", f.home_page_url);
            let _ = writeln!(out, "next {:?}", f.next_url);
            for w in &f.warnings {
                let _ = writeln!(out, "warning {w:?}");
            }
            for (i, a) in f.items.iter().enumerate() {
                article(&mut out, i, a);
            }
        }
    }
    out
}

fn expected_path(rel: &str) -> PathBuf {
    root()
        .join("tests/fixtures/expected")
        .join(format!("{}.txt", rel.replace('/', "__")))
}

#[test]
fn every_feed_of_the_corpus_parses_to_its_recorded_articles() {
    let update = std::env::var_os("NEWS_WIDGET_UPDATE_EXPECTED").is_some();
    let corpus = corpus();
    assert!(corpus.len() >= 38, "the corpus shrank to {} feeds", corpus.len());
    let mut differ = Vec::new();
    for (rel, url) in &corpus {
        let body = std::fs::read(root().join(rel)).unwrap();
        let got = record(&parse_feed(&body, Some(url), None));
        let path = expected_path(rel);
        if update {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == got => {}
            Ok(want) => {
                let line = want
                    .lines()
                    .zip(got.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(want.lines().count().min(got.lines().count()));
                differ.push(format!("{rel}: first difference at line {}", line + 1));
            }
            Err(_) => differ.push(format!("{rel}: no record at {}", Path::new(&path).display())),
        }
    }
    assert!(differ.is_empty(), "parse results changed:\n{}", differ.join("\n"));
}
