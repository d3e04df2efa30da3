//! Small caches for the importer: a fast hasher for NIP numbers and short strings, the memo
//! of how a column's spellings were understood, and interned repeated texts.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hasher for NIP numbers and short vocabulary strings (the keys are local data, not
/// attacker-chosen, and the memo of strings is bounded).
#[derive(Default)]
pub(super) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // A word at a time, each mixed in; the tail padded with zeros and the length.
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        self.write_u64(u64::from_le_bytes(tail) ^ ((bytes.len() as u64) << 56));
    }
    fn write_u64(&mut self, n: u64) {
        // SplitMix64's finaliser: every input bit reaches the low bits hashbrown indexes by.
        let mut z = n ^ self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        self.0 = z ^ (z >> 31);
    }
}

pub(super) type NipMap = HashMap<u64, u32, BuildHasherDefault<FastHasher>>;

/// Unit ids → unit index (looked up once per person).
pub(super) type UnorMap = HashMap<String, u32, BuildHasherDefault<FastHasher>>;

/// Shares the text of a column whose values repeat (position titles, golongan): one allocation
/// per distinct value, up to a bound.
pub(super) struct Intern {
    seen: HashMap<Box<str>, std::sync::Arc<str>, BuildHasherDefault<FastHasher>>,
}

impl Intern {
    pub(super) fn new() -> Intern {
        Intern {
            seen: HashMap::default(),
        }
    }

    pub(super) fn get(&mut self, s: &str) -> std::sync::Arc<str> {
        if let Some(a) = self.seen.get(s) {
            return a.clone();
        }
        let a: std::sync::Arc<str> = s.into();
        if self.seen.len() < 200_000 {
            self.seen.insert(s.into(), a.clone());
        }
        a
    }
}

/// Remembers how the distinct spellings of a column were understood (a column such as `jenis`
/// has a few dozen distinct values over millions of rows).
pub(super) struct Memo<T> {
    seen: HashMap<Box<str>, Option<T>, BuildHasherDefault<FastHasher>>,
    /// The previous cell's text and meaning (when there was one): neighbouring rows often say
    /// the same.
    last: Option<(String, Option<T>)>,
}

impl<T: Copy> Memo<T> {
    pub(super) fn new() -> Memo<T> {
        Memo {
            seen: HashMap::default(),
            last: None,
        }
    }

    pub(super) fn get(&mut self, s: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        if let Some((text, v)) = &self.last
            && text == s
        {
            return *v;
        }
        let v = match self.seen.get(s) {
            Some(v) => *v,
            None => {
                let v = parse(s);
                if self.seen.len() < 4096 {
                    self.seen.insert(s.into(), v);
                }
                v
            }
        };
        match &mut self.last {
            Some((text, value)) => {
                text.clear();
                text.push_str(s);
                *value = v;
            }
            None => self.last = Some((s.to_string(), v)),
        }
        v
    }
}
