//! The JSON fixtures the corpora are built from, embedded so that the same tests run natively and in the
//! browser.

/// The JSON Feeds of `tests/fixtures/real/` (real publishers' feeds, byte for byte), by file name.
pub const REAL_JSON: [(&str, &[u8]); 3] = [
    (
        "jsonfeed_elastic_1.1.json",
        include_bytes!("../fixtures/real/jsonfeed_elastic_1.1.json"),
    ),
    (
        "jsonfeed_example_1.json",
        include_bytes!("../fixtures/real/jsonfeed_example_1.json"),
    ),
    (
        "jsonfeed_spec_1.json",
        include_bytes!("../fixtures/real/jsonfeed_spec_1.json"),
    ),
];

/// `tests/fixtures/jsonfeed_lenient.json`: every leniency rule of the JSON Feed reader.
pub const JSONFEED_LENIENT: &[u8] = include_bytes!("../fixtures/jsonfeed_lenient.json");

/// `tests/fixtures/wordpress_posts.json`: a WordPress REST response in WordPress's own output style.
pub const WORDPRESS_POSTS: &[u8] = include_bytes!("../fixtures/wordpress_posts.json");

/// The body of a real JSON Feed fixture.
pub fn real(name: &str) -> &'static [u8] {
    REAL_JSON
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| *b)
        .unwrap_or_else(|| panic!("no real fixture {name}"))
}
