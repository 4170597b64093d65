//! The last good items per block source, kept in memory and in `localStorage`, so that a returning
//! reader sees news at once and a failing feed never blanks a block that once had news.
//!
//! Storage is bounded: each snapshot at most [`MAX_SNAPSHOT_BYTES`], at most [`MAX_SNAPSHOTS`] of them
//! (least recently written dropped first). Storage that is missing, full or forbidden (private modes,
//! sandboxed iframes) only loses the cross-page part. Storage belongs to the host page's origin, so its
//! entries are not trusted: a snapshot is checked like a feed ([`snapshot::check`]), and only keys under
//! [`snapshot::KEY_PREFIX`] are ever removed, whatever the index lists.

use std::cell::RefCell;
use std::sync::Arc;

use super::registry::Registry;
use crate::core::model::{Feed, FeedFormat};
use crate::core::snapshot;

const MAX_SNAPSHOT_BYTES: usize = 96 * 1024;
const MAX_SNAPSHOTS: usize = 4;
/// The loader reads this key once while the module downloads (`STORAGE_INDEX` in `js/news-widget.js`), so that
/// the browser has loaded the page's storage by the time a block recalls its list.
const INDEX_KEY: &str = "news-widget:v2:index";
/// The index of the first storage format, whose keys (`news-widget:v1:…`) are removed once.
const OLD_INDEX_KEY: &str = "news-widget:v1:index";
const OLD_PREFIX: &str = "news-widget:v1:";

/// A remembered feed and when it was fetched (Unix ms).
#[derive(Debug, Clone)]
pub struct Remembered {
    pub feed: Arc<Feed>,
    pub saved_ms: f64,
}

thread_local! {
    static MEMORY: RefCell<Registry<String, Remembered>> = const { RefCell::new(Registry::new()) };
}

/// Remembers the good feed of a block's sources: in memory now, in `localStorage` in a later task (the
/// encoding and the write are not the reader's wait: a block calls this once its list is drawn).
pub fn remember(sources: &[String], format: Option<FeedFormat>, feed: &Arc<Feed>) {
    let key = snapshot::key(sources, format);
    let now = js_sys::Date::now();
    let already = MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        let same = m.get(&key).is_some_and(|r| Arc::ptr_eq(&r.feed, feed));
        m.insert(
            key.clone(),
            Remembered {
                feed: feed.clone(),
                saved_ms: now,
            },
        );
        same
    });
    // Several blocks showing one feed would otherwise serialise it once each.
    if already {
        return;
    }
    let feed = feed.clone();
    super::host::later(move || save(key, &feed, now));
}

/// Writes the snapshot of `feed` (read at `now`) under `key`, within the storage bounds.
fn save(key: String, feed: &Feed, now: f64) {
    let Some(storage) = local_storage() else {
        return;
    };
    let Some(json) = snapshot::encode(feed, now, snapshot::MAX_ITEMS, MAX_SNAPSHOT_BYTES) else {
        return;
    };
    forget_old_format(&storage);
    // Another script may have written the index: a key outside our prefix is not ours to remove.
    let mut index: Vec<String> = storage
        .get_item(INDEX_KEY)
        .ok()
        .flatten()
        .map(|s| {
            s.split('\n')
                .filter(|k| k.starts_with(snapshot::KEY_PREFIX) && *k != key && *k != INDEX_KEY)
                .take(MAX_SNAPSHOTS)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    while index.len() >= MAX_SNAPSHOTS {
        let old = index.remove(0);
        let _ = storage.remove_item(&old);
    }
    if storage.set_item(&key, &json).is_ok() {
        index.push(key);
    }
    let _ = storage.set_item(INDEX_KEY, &index.join("\n"));
}

/// The snapshots of the first storage format are removed once; only keys under its own prefix.
fn forget_old_format(storage: &web_sys::Storage) {
    let Some(old) = storage.get_item(OLD_INDEX_KEY).ok().flatten() else {
        return;
    };
    for k in old
        .split('\n')
        .filter(|k| k.starts_with(OLD_PREFIX))
        .take(MAX_SNAPSHOTS)
    {
        let _ = storage.remove_item(k);
    }
    let _ = storage.remove_item(OLD_INDEX_KEY);
}

/// The last good feed of these sources: from this page's memory, else from `localStorage` when the
/// snapshot there passes [`snapshot::check`].
pub fn recall(sources: &[String], format: Option<FeedFormat>) -> Option<Remembered> {
    let key = snapshot::key(sources, format);
    if let Some(r) = MEMORY.with(|m| m.borrow().get(&key).cloned()) {
        return Some(r);
    }
    let storage = local_storage()?;
    let json = storage.get_item(&key).ok().flatten()?;
    let (mut feed, saved_ms) = crate::core::snapshot::decode(&json)?;
    if let Err(why) = snapshot::check(&mut feed, saved_ms, js_sys::Date::now(), sources) {
        super::host::warn(why.as_str());
        let _ = storage.remove_item(&key);
        return None;
    }
    let r = Remembered {
        feed: Arc::new(feed),
        saved_ms,
    };
    MEMORY.with(|m| m.borrow_mut().insert(key, r.clone()));
    Some(r)
}

fn local_storage() -> Option<web_sys::Storage> {
    // Reading `localStorage` itself throws where storage is forbidden.
    web_sys::window()?.local_storage().ok().flatten()
}
