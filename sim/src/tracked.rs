//! A map that remembers which entries changed since the last save, so `--state-file` writes
//! what a request changed instead of the whole ledger (a save used to cost time in proportion to
//! everything ever recorded). Reads go through `Deref`; every write goes through `insert`,
//! `get_mut` or `remove_first`, which mark the entry: with no `DerefMut`, the compiler refuses
//! a write that would not be saved.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;

#[derive(Debug)]
pub struct Tracked<K: Ord, V> {
    map: BTreeMap<K, V>,
    changed: BTreeSet<K>,
}

impl<K: Ord, V> Default for Tracked<K, V> {
    fn default() -> Self {
        Tracked {
            map: BTreeMap::new(),
            changed: BTreeSet::new(),
        }
    }
}

impl<K: Ord, V> Deref for Tracked<K, V> {
    type Target = BTreeMap<K, V>;

    fn deref(&self) -> &Self::Target {
        &self.map
    }
}

impl<K: Ord + Clone, V> Tracked<K, V> {
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.changed.insert(key.clone());
        self.map.insert(key, value)
    }

    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        let value = self.map.get_mut(key)?;
        self.changed.insert(key.clone());
        Some(value)
    }

    /// Removes the first `n` entries in key order (the oldest, for keys that count up).
    pub fn remove_first(&mut self, n: usize) {
        let first: Vec<K> = self.map.keys().take(n).cloned().collect();
        for key in first {
            self.map.remove(&key);
            self.changed.insert(key);
        }
    }

    /// Every entry changed since the last call, with its value now (`None`: removed).
    pub fn take_changes(&mut self) -> Vec<(K, Option<&V>)> {
        let changed = std::mem::take(&mut self.changed);
        changed
            .into_iter()
            .map(|key| {
                let value = self.map.get(&key);
                (key, value)
            })
            .collect()
    }

    /// Marks every entry changed: the next save writes them all.
    pub fn mark_all(&mut self) {
        self.changed = self.map.keys().cloned().collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_remembered_once_and_removals_as_none() {
        let mut t: Tracked<u64, &str> = Tracked::default();
        t.insert(1, "a");
        t.insert(2, "b");
        assert_eq!(t.take_changes(), [(1, Some(&"a")), (2, Some(&"b"))]);
        assert!(t.take_changes().is_empty());
        *t.get_mut(&2).expect("present") = "c";
        assert!(t.get_mut(&9).is_none());
        t.remove_first(1);
        assert_eq!(t.take_changes(), [(1, None), (2, Some(&"c"))]);
        t.mark_all();
        assert_eq!(t.take_changes(), [(2, Some(&"c"))]);
    }
}
