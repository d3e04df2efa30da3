//! The shipped vocabulary (`data/kosakata.toml`): field spellings mapped to canonical terms.

use std::collections::HashMap;
use std::sync::OnceLock;

const SOURCE: &str = include_str!("../data/kosakata.toml");

type Tables = HashMap<String, HashMap<String, &'static str>>;

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let raw: HashMap<String, HashMap<String, Vec<String>>> =
            toml::from_str(SOURCE).expect("the shipped kosakata.toml is valid (checked by a test)");
        raw.into_iter()
            .map(|(table, entries)| {
                let mut map = HashMap::new();
                for (canon, spellings) in entries {
                    let canon: &'static str = Box::leak(canon.into_boxed_str());
                    map.insert(normalise(canon), canon);
                    for s in spellings {
                        map.insert(normalise(&s), canon);
                    }
                }
                (table, map)
            })
            .collect()
    })
}

/// The matching key of a term: upper case, without spaces, dots, hyphens, underscores or slashes.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '_' | '/' | '\t' | '\u{a0}'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// The canonical term of `table` for the spelling `s`.
pub fn lookup(table: &str, s: &str) -> Option<&'static str> {
    tables().get(table)?.get(&normalise(s)).copied()
}

/// The canonical term of the longest spelling of `table` that begins `s` (for long free-text
/// names such as "Pembebasan Dari Jabatan Selama 6 Bulan"). Exact matches win.
pub fn lookup_prefix(table: &str, s: &str) -> Option<&'static str> {
    let key = normalise(s);
    let t = tables().get(table)?;
    if let Some(c) = t.get(&key) {
        return Some(c);
    }
    t.iter()
        .filter(|(k, _)| k.len() >= 4 && key.starts_with(k.as_str()))
        .max_by_key(|(k, _)| k.len())
        .map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_has_no_ambiguous_spelling() {
        let raw: HashMap<String, HashMap<String, Vec<String>>> = toml::from_str(SOURCE).unwrap();
        for (table, entries) in raw {
            let mut seen: HashMap<String, String> = HashMap::new();
            for (canon, spellings) in entries {
                for s in spellings.iter().chain(std::iter::once(&canon)) {
                    if let Some(other) = seen.insert(normalise(s), canon.clone()) {
                        assert_eq!(
                            other, canon,
                            "{table}: '{s}' maps to both {other} and {canon}"
                        );
                    }
                }
            }
        }
    }
}
