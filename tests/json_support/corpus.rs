//! The corpus both JSON implementations must read alike, and the one-line digest of what each case reads
//! as. `tests/core_json_digests.rs` computes the lines natively (serde_json) and keeps them in
//! `tests/fixtures/json_digests.txt`; `tests/web_json_digests.rs` computes them in the browser and
//! `tests/core_json_reference.rs` over serde_json, and both compare with that file, embedded at build time.
//!
//! The cases: every real JSON Feed fixture, the lenient JSON Feed and the WordPress fixtures, every hostile
//! vector in a JSON Feed and a WordPress document (`tests/core_hostile.rs`'s generators), hand-written
//! edge cases, and invalid bodies (truncations and seeded mutations of the fixtures) whose error, line and
//! column must be the same. Each line digests the parse (items, warnings and a hash of everything), the
//! snapshot of the result read back, and, for JSON Feeds the sliced reader takes, the sliced parse.

use std::fmt::Debug;

use news_widget::core::model::{Feed, FeedError, FeedFormat};
use news_widget::core::snapshot;

use super::{
    decode_snapshot, hostile, parse_feed, ChunkedJsonFeed, JSONFEED_LENIENT, REAL_JSON, WORDPRESS_POSTS,
};

/// The file the native test writes and the browser test reads.
pub const DIGESTS: &str = include_str!("../fixtures/json_digests.txt");

const FEED_URL: &str = "https://example.org/feeds/feed.json";

pub struct Case {
    pub name: String,
    pub body: Vec<u8>,
    pub url: &'static str,
    /// The `format` attribute: `None` to detect the format from the content.
    pub forced: Option<FeedFormat>,
}

/// Hand-written bodies: the leniency and error rules at their edges. (Integers beyond 2^53 are left out:
/// `JSON.parse` cannot hold them exactly, see `tests/core_jsonfeed.rs`.)
const EDGE: &[&str] = &[
    "",
    " ",
    "\u{feff}",
    "\u{feff}\u{feff}{\"items\":[]}",
    "{}",
    "[]",
    "null",
    "42",
    "42x",
    "1.2.3",
    "nul",
    "nullx",
    "\"items\"",
    "{\"items\": [",
    "{\"items\": [1,]}",
    "{\"items\": [] ,}",
    "{\"items\": []} trailing",
    "{\"items\": []}\n<!-- cached -->",
    "{\"items\": []}}",
    "{\"items\" []}",
    "{items: []}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": \"t\"}]} {\"more\": 1}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": \"a\\u0000b\\ud800c\\udc00d\\ud83d\\ude00\"}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": \"\\q\"}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": \"\\u12G4\"}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": \"tab\there\"}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": 01}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": -}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": 1.}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": 1e}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": tru}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": \"t\"}], \"items\": []}",
    "{\"items\": [{\"id\": 9007199254740991, \"url\": \"https://a.vn/1\", \"title\": \"t\"}, {\"id\": -9007199254740991, \"url\": \"https://a.vn/2\", \"title\": \"t\"}]}",
    "{\"items\": [{\"id\": -0, \"url\": \"https://a.vn/1\", \"title\": \"t\"}, {\"id\": 5e0, \"url\": \"https://a.vn/2\", \"title\": \"t\"}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": \"t\", \"title\": 5}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"summary\": \" \", \"content_html\": \"<p>html</p>\"}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"content_html\": \"<p>html</p>\", \"summary\": \" \"}]}",
    "{\"items\": [{\"url\": \"https://a.vn/\", \"title\": \"t\", \"tags\": [\"a\", 1, null, [\"b\"], \" c \"]}]}",
    "{\"__proto__\": {\"items\": 1}, \"constructor\": 1, \"items\": [{\"url\": \"https://a.vn/\", \"title\": \"t\", \"toString\": 1}]}",
    "[{\"id\": 1, \"link\": \"https://wp.example/a/\", \"title\": {\"rendered\": \"A\"}, \"_embedded\": {\"wp:featuredmedia\": [{\"source_url\": \"/a.jpg\", \"media_details\": {\"width\": 300, \"height\": 200, \"sizes\": {\"b\": {\"source_url\": \"/b.jpg\", \"width\": 150, \"height\": 100}, \"a\": {\"source_url\": \"/c.jpg\", \"width\": 600, \"height\": 400}, \"x\": {\"source_url\": \"/b.jpg\", \"width\": 150}}}}]}}]",
    "[{\"id\": 1, \"link\": \"https://wp.example/a/\", \"title\": {\"rendered\": \"A\"}, \"tags\": [\"7\", 7, 7.0, 7.5, -7, 1e2]}]",
    "{\"code\": \"rest_forbidden\", \"message\": \"<b>Xin lỗi</b>\"}",
    "{\"message\": \"no code\"}",
];

/// A deterministic xorshift, so the mutated cases are the same on every run and target.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Small edits that break JSON in every way a parser reports (no out-of-range number: `JSON.parse` reads
/// one as infinity, serde_json refuses it, and that difference is known).
fn mutate(r: &mut Rng, body: &[u8]) -> Vec<u8> {
    const TOKENS: &[&[u8]] = &[
        b"{",
        b"}",
        b"[",
        b"]",
        b",",
        b":",
        b"\"",
        b"\\",
        b"\\u",
        b"\\ud800",
        b"1",
        b"-",
        b".",
        b"e",
        b"null",
        b"tru",
        b"\n",
        b" ",
        b"\x01",
        b"\xff",
        b"0",
        b"\"items\":",
        b"\"summary\":\"\",",
    ];
    let mut v = body.to_vec();
    for _ in 0..1 + r.below(3) {
        if v.is_empty() {
            break;
        }
        let at = r.below(v.len());
        let token = TOKENS[r.below(TOKENS.len())];
        match r.below(4) {
            0 => {
                v.remove(at);
            }
            1 => {
                v.splice(at..at, token.iter().copied());
            }
            2 => v.truncate(at),
            _ => {
                let end = (at + token.len()).min(v.len());
                v.splice(at..end, token.iter().copied());
            }
        }
    }
    v
}

fn case(name: String, body: Vec<u8>, url: &'static str, forced: Option<FeedFormat>) -> Case {
    Case {
        name,
        body,
        url,
        forced,
    }
}

pub fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let fixtures: Vec<(String, &[u8])> = REAL_JSON
        .iter()
        .map(|(n, b)| (["real/", n].concat(), *b))
        .chain([
            ("jsonfeed_lenient.json".to_owned(), JSONFEED_LENIENT),
            ("wordpress_posts.json".to_owned(), WORDPRESS_POSTS),
        ])
        .collect();
    for (name, body) in &fixtures {
        out.push(case(name.clone(), body.to_vec(), FEED_URL, None));
    }
    for (i, body) in EDGE.iter().enumerate() {
        out.push(case(
            format!("edge/{i}"),
            body.as_bytes().to_vec(),
            FEED_URL,
            None,
        ));
        // Read as a forced format too: scalars and the other container reach the JSON readers.
        for (format, name) in [
            (FeedFormat::JsonFeed, "json"),
            (FeedFormat::WordPress, "wordpress"),
        ] {
            out.push(case(
                format!("edge/{i}/{name}"),
                body.as_bytes().to_vec(),
                FEED_URL,
                Some(format),
            ));
        }
    }
    for (i, (kind, v)) in hostile::vectors().all.iter().enumerate() {
        out.push(case(
            format!("hostile/{i}/{kind}/jsonfeed"),
            hostile::json_feed(i, v).into_bytes(),
            hostile::FEED_URL,
            None,
        ));
        out.push(case(
            format!("hostile/{i}/{kind}/wordpress"),
            hostile::wordpress(i, v).into_bytes(),
            hostile::FEED_URL,
            None,
        ));
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for (name, body) in &fixtures {
        for k in 1..=12 {
            let at = body.len() * k / 13;
            out.push(case(
                format!("{name}/cut-{at}"),
                body[..at].to_vec(),
                FEED_URL,
                None,
            ));
        }
        for k in 0..60 {
            out.push(case(
                format!("{name}/mutation-{k}"),
                mutate(&mut rng, body),
                FEED_URL,
                None,
            ));
        }
    }
    out
}

/// FNV-1a, 64 bits: a stable hash on every target.
fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn digest_of(result: &Result<Feed, FeedError>) -> String {
    match result {
        Ok(feed) => format!(
            "ok {} items {} warnings {:016x}",
            feed.items.len(),
            feed.warnings.len(),
            hash(&format!("{feed:?}"))
        ),
        Err(e) => format!("err {e}"),
    }
}

fn hash_of<T: Debug>(v: &T) -> String {
    format!("{:016x}", hash(&format!("{v:?}")))
}

/// The sliced parse (slices of `n` items), when the slicer takes the body: `Ok` once read to the end.
fn sliced(body: &[u8], url: &str, n: usize) -> Option<Result<Feed, ()>> {
    let mut c = ChunkedJsonFeed::new(body, Some(url))?;
    loop {
        match c.step(n) {
            Ok(true) => return Some(Ok(c.finish())),
            Ok(false) => {}
            Err(()) => return Some(Err(())),
        }
    }
}

/// The digest line of a case: its name, what it parses as, and what the snapshot of that reads back as.
/// Panics when the sliced parse disagrees with the whole one.
pub fn line(case: &Case) -> String {
    let parsed = parse_feed(&case.body, Some(case.url), case.forced);
    let json_feed = case.forced.is_none_or(|f| f == FeedFormat::JsonFeed);
    for n in [1, 3].into_iter().filter(|_| json_feed) {
        match (sliced(&case.body, case.url, n), &parsed) {
            (None, _) | (Some(Err(())), Err(_)) => {}
            (Some(Ok(s)), Ok(whole)) => assert_eq!(&s, whole, "{}: slices of {n}", case.name),
            (s, whole) => panic!(
                "{}: slices of {n} gave {s:?}, the whole parse {whole:?}",
                case.name
            ),
        }
    }
    let snapshot = match &parsed {
        Ok(feed) => match snapshot::encode(feed, 1.7e12, 50, 96 * 1024) {
            Some(json) => hash_of(&decode_snapshot(&json)),
            None => "-".to_owned(),
        },
        Err(_) => "-".to_owned(),
    };
    format!("{}\t{}\t{}", case.name, digest_of(&parsed), snapshot)
}

/// The expected lines, by case name.
pub fn expected() -> Vec<(&'static str, &'static str)> {
    DIGESTS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split_once('\t').unwrap_or((l, "")))
        .collect()
}

/// Checks that every case reads as its line of the digest file, and panics with each case that does not
/// (what it read, and the file's line).
pub fn assert_every_case_matches_the_digests() {
    let cases = cases();
    let expected = expected();
    assert_eq!(
        expected.len(),
        cases.len(),
        "tests/fixtures/json_digests.txt is out of date"
    );
    let differ: Vec<String> = cases
        .iter()
        .zip(&expected)
        .map(|(case, (name, want))| (line(case), [*name, "\t", want].concat()))
        .filter(|(got, want)| got != want)
        .map(|(got, want)| format!("{got}\n  digest file: {want}"))
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} cases differ:\n{}",
        differ.len(),
        cases.len(),
        differ.join("\n")
    );
}
