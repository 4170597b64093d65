//! The JSON corpus (`tests/json_support/corpus.rs`) as read natively, one digest line per case, kept in
//! `tests/fixtures/json_digests.txt`: the browser test `tests/web_json_digests.rs` reads the same cases in
//! WASM and `tests/core_json_reference.rs` over serde_json, and both must find the same lines. A change to
//! a reading rule changes lines here first; rewrite the file with `UPDATE_JSON_DIGESTS=1 cargo test --test core_json_digests` and review the diff.
#![cfg(not(target_arch = "wasm32"))]

mod json_support;

use json_support::corpus::{cases, expected, line};

const HEADER: &str = "# What each case of tests/json_support/corpus.rs reads as: name, parse (items, warnings, hash of the \
                      feed; or the error), hash of its snapshot read back.\n# Written by `UPDATE_JSON_DIGESTS=1 cargo \
                      test --test core_json_digests`; compared natively and in the browser (tests/web_json_digests.rs) and over serde_json (tests/core_json_reference.rs).\n";

#[test]
fn every_case_reads_as_its_digest_line() {
    let lines: Vec<String> = cases().iter().map(line).collect();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/json_digests.txt");
    if std::env::var_os("UPDATE_JSON_DIGESTS").is_some() {
        std::fs::write(path, [HEADER, &lines.join("\n"), "\n"].concat()).unwrap();
        return;
    }
    let expected = expected();
    assert_eq!(
        expected.len(),
        lines.len(),
        "tests/fixtures/json_digests.txt is out of date: UPDATE_JSON_DIGESTS=1 cargo test --test core_json_digests"
    );
    for (got, (name, want)) in lines.iter().zip(&expected) {
        assert_eq!(got, &[name, "\t", want].concat());
    }
}
