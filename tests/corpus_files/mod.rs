//! Where the feed corpus lives on disk (native tests only): real publishers' feeds, the project's own
//! fixtures, the end-to-end site's feeds and the demo's.
#![allow(dead_code)]

use std::path::PathBuf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const DIRS: [&str; 8] = [
    "tests/fixtures/real",
    "tests/fixtures",
    "tests/e2e/site/feeds",
    "tests/e2e/site/formats/feeds",
    "tests/e2e/site/formats/merge",
    "tests/e2e/site/gallery/feeds",
    "tests/e2e/site/others/feeds",
    "demo/feeds",
];

/// Every feed file of the corpus, relative to the repository, folder by folder and sorted by name.
pub fn feeds() -> Vec<String> {
    let mut out = Vec::new();
    for dir in DIRS {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            panic!("corpus folder {dir} is missing");
        };
        let mut names: Vec<String> = entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| [".json", ".xml", ".rss", ".atom"].iter().any(|x| n.ends_with(x)))
            .collect();
        names.sort();
        out.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
    }
    out
}
