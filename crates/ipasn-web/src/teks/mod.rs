//! The interface's words in Indonesian (default) and English: one keyed catalogue for every
//! word a page, a message or a JSON label shows. Templates call `t.s("key")` (or
//! `t.f("key", &[..])` with values for its `{}`), handlers `T(lang).s(..)`, and messages that an
//! answer may carry in both languages are a [`Pesan`]. Tests fail on a key missing in either
//! language and on a key used (in a template or in the crate's code) that is not here; the tidy
//! test refuses `pick(` and inline messages elsewhere in this crate.
//!
//! Domain crates word their own texts per [`Lang`] (`ipasn_core::teks`, `ipasn_data::masalah`);
//! this catalogue holds the web's words, and `nama` the English names of the words that come
//! from rule-set data (categories, bands, nine-box actions), which stay Indonesian in the data.

mod halaman;
mod instrumen;
mod nama;
mod pesan;
mod rencana;
mod rinci;
mod ujian;

use ipasn_core::teks::Lang;
use std::collections::HashMap;
use std::fmt::{Display, Write};
use std::sync::OnceLock;

/// Every (key, Indonesian, English), by part.
const BAGIAN: &[&[(&str, &str, &str)]] = &[
    halaman::KATA,
    rinci::KATA,
    pesan::KATA,
    nama::KATA,
    instrumen::KATA,
    ujian::KATA,
    rencana::KATA,
];

fn katalog() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static K: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    K.get_or_init(|| {
        BAGIAN
            .iter()
            .flat_map(|b| b.iter())
            .map(|k| (k.0, (k.1, k.2)))
            .collect()
    })
}

/// Fills the `{}` of a text with values, in order (a missing value leaves `{}`).
fn isi(text: &str, nilai: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut it = nilai.iter();
    let mut rest = text;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        match it.next() {
            Some(v) => {
                let _ = write!(out, "{v}");
            }
            None => out.push_str("{}"),
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// The words of one language.
#[derive(Clone, Copy, Debug)]
pub struct T(pub Lang);

impl T {
    /// The word for `key`; an unknown key shows as itself (and fails the tests).
    pub fn s<'a>(&self, key: &'a str) -> &'a str {
        match katalog().get(key) {
            Some(&(id, en)) => self.0.pick(id, en),
            None => key,
        }
    }

    /// The text for `key` with its `{}` filled by `nilai`, in order.
    pub fn f(&self, key: &str, nilai: &[&dyn Display]) -> String {
        isi(self.s(key), nilai)
    }

    /// The text for `key` with its one `{}` filled (for templates).
    pub fn f1(&self, key: &str, a: impl Display) -> String {
        isi(self.s(key), &[&a])
    }

    /// The text for `key` with its two `{}` filled (for templates).
    pub fn f2(&self, key: &str, a: impl Display, b: impl Display) -> String {
        isi(self.s(key), &[&a, &b])
    }

    /// A word that comes from rule-set data (a category, a band, a nine-box action): its
    /// English name in English; the word itself in Indonesian, or when the catalogue does not
    /// know it (an instansi's own name).
    pub fn nama<'a>(&self, word: &'a str) -> &'a str {
        match self.0 {
            Lang::Id => word,
            Lang::En => nama::inggris(word).unwrap_or(word),
        }
    }

    /// A flag's short label (the catalogue's `tanda_<name>`); the name itself if unknown.
    pub fn flag<'a>(&self, name: &'a str) -> &'a str {
        let key = format!("tanda_{name}");
        match katalog().get(key.as_str()) {
            Some(&(id, en)) => self.0.pick(id, en),
            None => name,
        }
    }

    /// An audit action in words (the catalogue's `aksi:<code>`); the code itself if unknown.
    pub fn aksi<'a>(&self, code: &'a str) -> &'a str {
        let key = format!("aksi:{code}");
        match katalog().get(key.as_str()) {
            Some(&(id, en)) => self.0.pick(id, en),
            None => code,
        }
    }

    /// What a flag means, in a sentence (worded by `ipasn_core::teks::flag`).
    pub fn flag_arti<'a>(&self, name: &'a str) -> &'a str {
        match ipasn_core::teks::flag(name, self.0) {
            "" => name,
            s => s,
        }
    }

    /// A text that a domain crate or a data file gives in both languages (the IRR
    /// interpretation presets): the one of this language. The web's own words are keys here.
    pub fn dwibahasa<'a>(&self, id: &'a str, en: &'a str) -> &'a str {
        self.0.pick(id, en)
    }

    /// `id` or `en`.
    pub fn code(&self) -> &'static str {
        match self.0 {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Whether a key exists (for tests).
    pub fn has(key: &str) -> bool {
        katalog().contains_key(key)
    }
}

/// A value of a [`Pesan`]: the same in both languages, or worded per language (a domain
/// crate's text).
#[derive(Clone, Debug)]
enum Nilai {
    Sama(String),
    Dua(String, String),
}

/// A message of the catalogue with its values, to be said in either language (the API answers
/// both: `{"galat": …, "error": …}`).
#[derive(Clone, Debug)]
pub struct Pesan {
    kunci: &'static str,
    nilai: Vec<Nilai>,
}

impl Pesan {
    /// The message of `kunci`.
    pub fn new(kunci: &'static str) -> Pesan {
        Pesan {
            kunci,
            nilai: vec![],
        }
    }

    /// Adds the value of the next `{}`, the same in both languages (a name, a number, a code).
    pub fn isi(mut self, v: impl Display) -> Pesan {
        self.nilai.push(Nilai::Sama(v.to_string()));
        self
    }

    /// Adds the value of the next `{}`, worded per language by a domain crate.
    pub fn isi2(mut self, id: impl Into<String>, en: impl Into<String>) -> Pesan {
        self.nilai.push(Nilai::Dua(id.into(), en.into()));
        self
    }

    /// The message in `lang`.
    pub fn dalam(&self, lang: Lang) -> String {
        let vals: Vec<&str> = self
            .nilai
            .iter()
            .map(|v| match v {
                Nilai::Sama(s) => s.as_str(),
                Nilai::Dua(id, en) => lang.pick(id, en),
            })
            .collect();
        let refs: Vec<&dyn Display> = vals.iter().map(|v| v as &dyn Display).collect();
        T(lang).f(self.kunci, &refs)
    }
}

impl From<&'static str> for Pesan {
    fn from(kunci: &'static str) -> Pesan {
        Pesan::new(kunci)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys a text uses through the catalogue's entry points.
    fn keys_used(text: &str) -> Vec<String> {
        let mut out = vec![];
        for call in [
            ".s(\"",
            ".f(\"",
            ".f2(\"",
            "Pesan::new(\"",
            ".permintaan(\"",
        ] {
            for part in text.split(call).skip(1) {
                if let Some(end) = part.find('"') {
                    out.push(part[..end].to_string());
                }
            }
        }
        out
    }

    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                files(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut all = vec![];
        files(&root.join("templates"), &mut all);
        files(&root.join("src"), &mut all);
        let mut missing = vec![];
        for f in all {
            if f.ends_with("teks/mod.rs") {
                continue; // this file's own examples
            }
            let text = std::fs::read_to_string(&f).unwrap();
            for key in keys_used(&text) {
                if !T::has(&key) {
                    missing.push(format!("{}: {key}", f.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing in the catalogue: {missing:#?}"
        );
    }

    /// The scan finds keys in each kind of use (so the test above fails on a typo).
    #[test]
    fn the_scan_sees_a_missing_key() {
        let used = keys_used(
            "{{ nav.t.s(\"no_such_key\") }} u.permintaan(\"nor_this\") Pesan::new(\"x_y\") t.f(\"z\", &[])",
        );
        assert_eq!(used, ["no_such_key", "z", "x_y", "nor_this"]);
        assert!(used.iter().all(|k| !T::has(k)));
    }

    #[test]
    fn every_key_speaks_both_languages_once() {
        let mut keys: Vec<&str> = vec![];
        let mut bad = vec![];
        for (k, id, en) in BAGIAN.iter().flat_map(|b| b.iter()) {
            keys.push(k);
            if id.trim().is_empty() || en.trim().is_empty() {
                bad.push(format!("{k}: a language is empty"));
            }
            if id.matches("{}").count() != en.matches("{}").count() {
                bad.push(format!("{k}: the languages have different numbers of {{}}"));
            }
        }
        assert!(bad.is_empty(), "{bad:#?}");
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(n, keys.len(), "duplicate keys");
    }

    #[test]
    fn values_fill_the_placeholders_in_each_language() {
        let p = Pesan::new("kategori_tak_dikenal").isi("\"X\"");
        assert_eq!(p.dalam(Lang::Id), "Kategori \"X\" tidak dikenal.");
        assert_eq!(p.dalam(Lang::En), "Unknown category \"X\".");
        assert_eq!(isi("{} of {}", &[&1, &2]), "1 of 2");
        assert_eq!(T(Lang::En).nama("Sangat Tinggi"), "Very high");
        assert_eq!(T(Lang::Id).nama("Sangat Tinggi"), "Sangat Tinggi");
        assert_eq!(T(Lang::En).nama("Nama sendiri"), "Nama sendiri");
    }

    /// Every flag the engine sets has a short label in both languages.
    #[test]
    fn every_flag_has_a_short_label() {
        for (_, name) in ipasn_core::hasil::Flags::all() {
            assert!(T::has(&format!("tanda_{name}")), "tanda_{name}");
            assert_ne!(T(Lang::En).flag(name), *name);
            assert_ne!(T(Lang::En).flag(name), T(Lang::Id).flag(name));
        }
    }

    /// Every audit action the filter offers has its words.
    #[test]
    fn every_audit_action_has_words() {
        for a in crate::audit::AKSI {
            assert!(T::has(&format!("aksi:{a}")), "aksi:{a}");
        }
    }

    /// A page's `<title>` block holds words only (an edit once pasted a form into it).
    #[test]
    fn title_blocks_hold_text_only() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            if let Some(i) = text.find("{% block title %}") {
                let rest = &text[i..];
                let block = &rest[..rest.find("{% endblock %}").unwrap()];
                assert!(
                    !block.contains('<') && !block.contains('\n'),
                    "{}: {block}",
                    path.display()
                );
            }
        }
    }
}
