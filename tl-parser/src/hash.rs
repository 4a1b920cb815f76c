//! A small, fast hasher for the checker's tables.
//!
//! The checker looks up every type name a schema mentions; std's default
//! SipHash spent more instructions hashing those short keys than the
//! lookups themselves. The keys here are names and ids from the schema being
//! checked, whose author already controls the generated code, so resistance
//! to hash flooding buys nothing.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` using [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` using [`FastHasher`].
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

/// A table from keys to indices (their order of insertion) that scans its
/// keys while it holds few and hashes them past that.
///
/// For the checker's tables per definition (fields by name, flag groups by
/// bit): nearly every definition has a handful, for which a scan is cheaper
/// than building a map, but a hostile one may have thousands, for which a
/// scan per lookup would make checking it quadratic.
#[derive(Debug)]
pub(crate) struct Lookup<K> {
    keys: Vec<K>,
    /// Empty until there are [`Lookup::SCAN`] keys; then every key.
    map: FastMap<K, usize>,
}

impl<K: Copy + Eq + std::hash::Hash> Lookup<K> {
    /// Up to how many keys are scanned.
    const SCAN: usize = 16;

    /// An empty table.
    pub(crate) fn new() -> Self {
        Lookup {
            keys: Vec::new(),
            map: FastMap::default(),
        }
    }

    /// The index of `key`: when it was first inserted.
    pub(crate) fn get(&self, key: K) -> Option<usize> {
        if self.keys.len() < Self::SCAN {
            self.keys.iter().position(|&k| k == key)
        } else {
            self.map.get(&key).copied()
        }
    }

    /// Inserts `key` unless it is there already; returns its index.
    pub(crate) fn insert(&mut self, key: K) -> usize {
        if let Some(index) = self.get(key) {
            return index;
        }
        let index = self.keys.len();
        self.keys.push(key);
        if self.keys.len() == Self::SCAN {
            self.map = self.keys.iter().enumerate().map(|(i, &k)| (k, i)).collect();
        } else if self.keys.len() > Self::SCAN {
            self.map.insert(key, index);
        }
        index
    }
}

/// An odd 64-bit constant with well-spread bits (the fractional part of the
/// golden ratio).
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// Mixes words in with a folded 64x64->128-bit multiply: each input bit
/// affects both halves of the product, and folding them keeps that in the
/// low bits the table indexes by as well as in the high bits.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher {
    state: u64,
}

impl FastHasher {
    fn mix(&mut self, word: u64) {
        let product = u128::from(self.state ^ word) * u128::from(MULTIPLIER);
        // Truncations intended: the two halves of the product are folded.
        self.state = (product as u64) ^ ((product >> 64) as u64);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let mut word = [0; 8];
            word[..tail.len()].copy_from_slice(tail);
            // The length keeps "a" and "a\0" apart.
            self.mix(u64::from_le_bytes(word) ^ ((tail.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.mix(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    fn finish(&self) -> u64 {
        self.state
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn distinct_short_keys_hash_apart() {
        let build = BuildHasherDefault::<FastHasher>::default();
        let keys = ["", "a", "a\0", "b", "User", "Users", "users", "InputPeer"];
        let mut hashes: Vec<u64> = keys.iter().map(|k| build.hash_one(k)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), keys.len());
    }

    #[test]
    fn lookups_find_the_first_index_of_a_key_before_and_after_hashing() {
        let mut lookup = Lookup::new();
        // Past 16 keys the table hashes: every key is still found, at the
        // index it was first inserted at.
        let keys: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(lookup.get(key.as_str()), None);
            assert_eq!(lookup.insert(key.as_str()), i);
            assert_eq!(lookup.insert(key.as_str()), i);
            for (j, earlier) in keys.iter().take(i + 1).enumerate() {
                assert_eq!(lookup.get(earlier.as_str()), Some(j), "{earlier} after {i}");
            }
        }
        assert_eq!(lookup.get("k40"), None);
    }

    #[test]
    fn maps_find_what_was_inserted() {
        let mut map: FastMap<&str, usize> = FastMap::default();
        for (i, name) in ["inputPeerEmpty", "inputPeerSelf", "InputPeer"]
            .iter()
            .enumerate()
        {
            map.insert(name, i);
        }
        assert_eq!(map.get("inputPeerSelf"), Some(&1));
        assert_eq!(map.get("inputPeer"), None);
    }
}
