//! A set of strings for de-duplication (article ids, URL keys, image URLs): insert and look up, nothing else.
//!
//! `std`'s `HashSet<String>` brought its own copy of the hash table and SipHash into each WASM module for
//! this one use (about 3 KB of code; 1.1 KB of the brotli-compressed module). This one is an open-addressing
//! table of indices into the inserted strings, hashed with FNV-1a. The hash is not keyed, so a feed can make
//! its own strings collide; that costs it time, bounded by the item caps (20 000 items), and never
//! correctness: lookups compare the strings themselves.

/// Strings inserted so far, each once.
#[derive(Debug, Clone, Default)]
pub struct KeySet {
    strings: Vec<String>,
    /// A power of two of slots, at most half full: 0 is empty, `i + 1` is `strings[i]`.
    slots: Vec<u32>,
}

fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl KeySet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// The slot holding `s`, or the empty slot where it would go. `slots` is never empty here.
    fn find(&self, s: &str) -> (usize, bool) {
        let mask = self.slots.len().wrapping_sub(1);
        // Truncation is the point: the low bits pick the slot.
        #[allow(clippy::cast_possible_truncation)]
        let mut at = fnv1a(s) as usize & mask;
        loop {
            match self.slots.get(at).copied() {
                Some(0) | None => return (at, false),
                Some(i) => {
                    if self.strings.get(i as usize - 1).is_some_and(|t| t == s) {
                        return (at, true);
                    }
                }
            }
            at = (at + 1) & mask;
        }
    }

    pub fn contains(&self, s: &str) -> bool {
        !self.slots.is_empty() && self.find(s).1
    }

    /// Adds `s`; true when it was not there yet (as `HashSet::insert`).
    pub fn insert(&mut self, s: String) -> bool {
        if (self.strings.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let (at, found) = self.find(&s);
        if found {
            return false;
        }
        self.strings.push(s);
        if let Some(slot) = self.slots.get_mut(at) {
            // At most u32::MAX strings: the item caps keep it far below.
            #[allow(clippy::cast_possible_truncation)]
            let n = self.strings.len() as u32;
            *slot = n;
        }
        true
    }

    fn grow(&mut self) {
        self.slots = vec![0; (self.slots.len() * 2).max(16)];
        for i in 0..self.strings.len() {
            // The strings are distinct, so `find` stops at an empty slot for each.
            let Some((at, _)) = self.strings.get(i).map(|s| self.find(s)) else {
                continue;
            };
            if let Some(slot) = self.slots.get_mut(at) {
                #[allow(clippy::cast_possible_truncation)]
                let n = i as u32 + 1;
                *slot = n;
            }
        }
    }
}

impl Extend<String> for KeySet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, iter: I) {
        for s in iter {
            self.insert(s);
        }
    }
}

/// Two sets are equal when they hold the same strings, whatever the order they were inserted in.
impl PartialEq for KeySet {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.strings.iter().all(|s| other.contains(s))
    }
}

impl Eq for KeySet {}

#[cfg(test)]
mod tests {
    use super::KeySet;

    #[test]
    fn insert_reports_only_the_first_time_and_contains_finds_every_string() {
        let mut set = KeySet::new();
        assert!(!set.contains("a"));
        assert!(set.insert("a".into()));
        assert!(!set.insert("a".into()));
        assert!(set.contains("a"));
        assert!(!set.contains("b"));
        assert!(!set.contains(""));
        assert!(set.insert(String::new()));
        assert!(set.contains(""));
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn thousands_of_strings_survive_the_table_growing() {
        let mut set = KeySet::new();
        for i in 0..5_000 {
            assert!(set.insert(format!("https://example.vn/{i}")));
        }
        for i in 0..5_000 {
            assert!(set.contains(&format!("https://example.vn/{i}")));
            assert!(!set.insert(format!("https://example.vn/{i}")));
        }
        assert!(!set.contains("https://example.vn/5000"));
        assert_eq!(set.len(), 5_000);
    }

    #[test]
    fn equality_ignores_the_order_of_insertion() {
        let mut a = KeySet::new();
        a.extend(["x".to_owned(), "y".to_owned()]);
        let mut b = KeySet::new();
        b.extend(["y".to_owned(), "x".to_owned(), "x".to_owned()]);
        assert_eq!(a, b);
        b.insert("z".into());
        assert_ne!(a, b);
    }
}
