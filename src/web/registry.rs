//! The map behind the module's per-page registries (mounted blocks, their hosts, loaded feeds, saved
//! lists). A page holds tens of entries, not thousands: a search through a `Vec` is as fast there and
//! costs the module far less code than a hash map per key and value type.

pub struct Registry<K, V>(Vec<(K, V)>);

impl<K: PartialEq, V> Registry<K, V> {
    pub const fn new() -> Self {
        Registry(Vec::new())
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets the value of `key`, replacing the one it had.
    pub fn insert(&mut self, key: K, value: V) {
        match self.get_mut(&key) {
            Some(v) => *v = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn remove(&mut self, key: &K) -> Option<V> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.swap_remove(at).1)
    }
}
