//! Live blocks: when a refreshing block asks for its feeds again, whether an answer changed anything, and
//! which stories of a changed feed the reader has not seen.
//!
//! Owns the jitter of the refresh interval, the body fingerprint that lets an unchanged answer skip parsing
//! and rendering, what each kind does with a changed feed, and the choice of "new" stories. Nothing here
//! reads a clock or a random source: the edge passes both in, so the schedule is tested (and simulated for
//! many readers, `make bench`) natively.

use crate::core::config::Kind;
use crate::core::model::Article;
#[cfg(feature = "others")]
use crate::core::select::Seen;
use crate::core::select::{self, Current};

/// Each wait is moved at random by up to this share of the interval, either way: readers who opened the
/// page in the same second spread their refreshes over 30 % of the interval instead of arriving together.
pub const JITTER: f64 = 0.15;

/// Milliseconds until the next refresh of an `interval_secs` schedule: the interval moved by up to
/// ±[`JITTER`], `random` (in 0..1, e.g. `Math.random()`) choosing where. A `random` outside 0..1, or not a
/// number, is taken as the middle (no jitter) rather than trusted.
pub fn next_delay_ms(interval_secs: u32, random: f64) -> u32 {
    let r = if (0.0..=1.0).contains(&random) {
        random
    } else {
        0.5
    };
    let ms = f64::from(interval_secs) * 1000.0 * (1.0 - JITTER + 2.0 * JITTER * r);
    // In range by construction (interval at most a day); the cast saturates anyway.
    ms.round() as u32
}

/// A cheap fingerprint of a feed body (FNV-1a style, over 8-byte words so that a 10 MB body takes a few
/// milliseconds, then the length): two answers with the same fingerprint are taken as the same feed, so a
/// revalidated answer (`304`, which `fetch` hands over as the cached `200`) is neither parsed nor rendered
/// again.
pub fn fingerprint(body: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    let mut words = body.chunks_exact(8);
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(PRIME);
        // The product's low bits depend only on the low bits of the word: fold the high bits back in.
        h ^= h >> 32;
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME);
    }
    (h ^ body.len() as u64).wrapping_mul(PRIME)
}

/// What a block does with a refreshed feed that changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnChange {
    /// Lists of stories ("Mới nhất", "Các tin khác"): stories the reader has not seen wait behind a
    /// "N tin mới" button at the top, so the list never moves under the reader's finger; a change without new
    /// stories (an edited title, a removed story) is drawn in place.
    NewStories,
    /// The gallery and the links: drawn in place, at the first refresh that finds the block without the
    /// keyboard focus (an open lightbox, a drop-down in use).
    InPlace,
}

/// How a kind takes a changed feed (see [`OnChange`]).
pub const fn on_change(kind: Kind) -> OnChange {
    match kind {
        Kind::Latest | Kind::Others => OnChange::NewStories,
        Kind::Gallery | Kind::Links | Kind::Feedback => OnChange::InPlace,
    }
}

/// The ids of the stories a `kind` block shows first from a feed's `items` (newest first): what the reader
/// sees before any "Xem thêm". Kinds that draw changes in place show no stories to compare and give none.
#[cfg_attr(not(feature = "others"), allow(unused_variables))]
pub fn first_ids(
    kind: Kind,
    items: &[Article],
    tag: Option<&str>,
    limit: usize,
    current: &Current,
) -> Vec<String> {
    let shown = match kind {
        Kind::Latest => select::latest(items, tag, limit),
        // Only the full module has this kind: the lean one need not carry its rules.
        #[cfg(feature = "others")]
        Kind::Others => {
            let mut pool = select::others(items, tag, current, &mut Seen::default());
            pool.truncate(limit);
            pool
        }
        _ => Vec::new(),
    };
    shown.into_iter().map(|a| a.id).collect()
}

/// The ids of `now` that are not in `shown`, in `now`'s order: the stories a refresh brings that the reader
/// has not seen. Both lists are at most a block's limit (50), so the quadratic look-up stays small.
pub fn new_ids<'a>(shown: &[String], now: &'a [String]) -> Vec<&'a str> {
    now.iter()
        .filter(|id| !shown.contains(id))
        .map(String::as_str)
        .collect()
}
