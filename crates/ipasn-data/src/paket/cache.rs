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
/// per distinct value, up to a bound. Free text: a value with control characters is shared
/// with them replaced by a space, and says which it had (checked once per distinct value).
pub(super) struct Intern {
    #[allow(clippy::type_complexity)]
    seen: HashMap<Box<str>, (std::sync::Arc<str>, Option<char>), BuildHasherDefault<FastHasher>>,
}

impl Intern {
    pub(super) fn new() -> Intern {
        Intern {
            seen: HashMap::default(),
        }
    }

    /// The shared text of `s`, and the control character it had (then the text is
    /// [`crate::nilai::without_control`]).
    pub(super) fn get(&mut self, s: &str) -> (std::sync::Arc<str>, Option<char>) {
        if let Some((a, c)) = self.seen.get(s) {
            return (a.clone(), *c);
        }
        let c = crate::nilai::control_char(s);
        let a: std::sync::Arc<str> = match c {
            None => s.into(),
            Some(_) => crate::nilai::without_control(s).into(),
        };
        if self.seen.len() < 200_000 {
            self.seen.insert(s.into(), (a.clone(), c));
        }
        (a, c)
    }
}

/// Remembers how the distinct spellings of a column were understood (a column such as `jenis`
/// has a few dozen distinct values over millions of rows).
///
/// Spellings of up to 15 bytes, which is nearly all of them, are held as one 16-byte number
/// each (the bytes and the length) in a short list: finding one is a few integer comparisons
/// rather than hashing and comparing text. Longer ones go to a map.
pub(super) struct Memo<T> {
    short: Vec<(u128, Option<T>)>,
    long: HashMap<Box<str>, Option<T>, BuildHasherDefault<FastHasher>>,
    /// The previous cell's short spelling and meaning: neighbouring rows often say the same.
    last: Option<(u128, Option<T>)>,
}

/// How many short spellings are listed; further ones go to the map.
const SHORT_LISTED: usize = 64;

/// A spelling of up to 15 bytes as one number: its bytes, then its length in the last byte.
fn short_key(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut k = [0u8; 16];
    k[..b.len()].copy_from_slice(b);
    k[15] = b.len() as u8;
    Some(u128::from_le_bytes(k))
}

impl<T: Copy> Memo<T> {
    pub(super) fn new() -> Memo<T> {
        Memo {
            short: Vec::new(),
            long: HashMap::default(),
            last: None,
        }
    }

    pub(super) fn get(&mut self, s: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        let Some(k) = short_key(s) else {
            if let Some(v) = self.long.get(s) {
                return *v;
            }
            let v = parse(s);
            if self.long.len() < 4096 {
                self.long.insert(s.into(), v);
            }
            return v;
        };
        if let Some((l, v)) = self.last
            && l == k
        {
            return v;
        }
        let v = match self.short.iter().find(|(l, _)| *l == k) {
            Some((_, v)) => *v,
            None => match self.long.get(s) {
                Some(v) => *v,
                None => {
                    let v = parse(s);
                    if self.short.len() < SHORT_LISTED {
                        self.short.push((k, v));
                    } else if self.long.len() < 4096 {
                        self.long.insert(s.into(), v);
                    }
                    v
                }
            },
        };
        self.last = Some((k, v));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    proptest::proptest! {
        /// The memo answers as the parser does, for short and long spellings, past the short
        /// list's size, and parses each spelling once.
        #[test]
        fn memo_answers_as_parsing(picks in proptest::collection::vec(0usize..150, 1..600)) {
            let spellings: Vec<String> = (0..150)
                .map(|i| if i % 3 == 0 { format!("ejaan yang panjang sekali {i}") } else { format!("e{i}") })
                .collect();
            let parse = |s: &str| s.bytes().filter(u8::is_ascii_digit).last().filter(|d| *d != b'7');
            let calls = Cell::new(0);
            let mut memo = Memo::new();
            let mut distinct = std::collections::HashSet::new();
            for p in picks {
                let s = &spellings[p];
                distinct.insert(p);
                let got = memo.get(s, |t| {
                    calls.set(calls.get() + 1);
                    parse(t)
                });
                proptest::prop_assert_eq!(got, parse(s), "{}", s);
            }
            proptest::prop_assert_eq!(calls.get(), distinct.len());
        }
    }

    #[test]
    fn short_keys_tell_length_apart() {
        assert_ne!(short_key("a"), short_key("a\0"));
        assert_eq!(short_key("x".repeat(16).as_str()), None);
        assert!(short_key("x".repeat(15).as_str()).is_some());
    }
}
