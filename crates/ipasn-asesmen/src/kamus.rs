//! The competency dictionary (kamus kompetensi): each competency's definition and, per level
//! 1–5, the level description and its behaviour indicators.
//!
//! The nine manajerial and sosial kultural competencies of PermenPANRB 38/2017 ship as data
//! (`data/kamus-permenpanrb-38-2017.toml`, regulation text). An instansi's own dictionary
//! (kompetensi teknis, or its own copy of the nine) is laid over it entry by entry with
//! [`Kamus::timpa`]: what the instansi gives wins, what it leaves out stays as shipped.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One entry: a competency's definition (level 0) or one of its levels.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entri {
    /// Name of the competency.
    pub nama: String,
    /// The definition (level 0) or the level description.
    pub deskripsi: String,
    /// Behaviour indicators (levels only; may be empty).
    pub indikator: Vec<String>,
    /// Where the text comes from: the shipped regulation or `instansi`.
    pub sumber: String,
}

/// A dictionary: `(code, level) → entry`, level 0 holding the definition.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Kamus {
    /// The entries, ordered by code then level.
    pub entri: BTreeMap<(String, i64), Entri>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Berkas {
    sumber: String,
    kompetensi: Vec<KompetensiBerkas>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KompetensiBerkas {
    kode: String,
    nama: String,
    definisi: String,
    level: Vec<LevelBerkas>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelBerkas {
    level: i64,
    deskripsi: String,
    indikator: Vec<String>,
}

/// The source label of entries an instansi loaded.
pub const SUMBER_INSTANSI: &str = "instansi";

impl Kamus {
    /// The text of the shipped dictionary.
    pub fn teks_bawaan() -> &'static str {
        include_str!("../data/kamus-permenpanrb-38-2017.toml")
    }

    /// The shipped PermenPANRB 38/2017 dictionary (read once per process).
    pub fn bawaan() -> Kamus {
        static BAWAAN: std::sync::OnceLock<Kamus> = std::sync::OnceLock::new();
        BAWAAN
            .get_or_init(|| {
                Kamus::from_toml(Kamus::teks_bawaan())
                    .expect("the shipped dictionary is checked by its tests")
            })
            .clone()
    }

    /// Reads a dictionary file of the shipped shape; every competency must have levels 1–5 once
    /// each, with a description.
    pub fn from_toml(text: &str) -> Result<Kamus, String> {
        let b: Berkas = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut entri = BTreeMap::new();
        for k in b.kompetensi {
            let mut levels: Vec<i64> = k.level.iter().map(|l| l.level).collect();
            levels.sort();
            if levels != [1, 2, 3, 4, 5] {
                return Err(format!(
                    "{}: levels must be 1–5 once each, found {levels:?}",
                    k.kode
                ));
            }
            let entry = |deskripsi: String, indikator: Vec<String>| Entri {
                nama: k.nama.clone(),
                deskripsi,
                indikator,
                sumber: b.sumber.clone(),
            };
            if entri
                .insert((k.kode.clone(), 0), entry(k.definisi.clone(), vec![]))
                .is_some()
            {
                return Err(format!("{}: listed twice", k.kode));
            }
            for l in k.level {
                if l.deskripsi.trim().is_empty() {
                    return Err(format!("{} level {}: empty description", k.kode, l.level));
                }
                entri.insert((k.kode.clone(), l.level), entry(l.deskripsi, l.indikator));
            }
        }
        Ok(Kamus { entri })
    }

    /// Lays `other` over this dictionary: each of its entries replaces the one with the same code
    /// and level. An entry with an empty name takes the name known for its code.
    pub fn timpa(mut self, other: impl IntoIterator<Item = ((String, i64), Entri)>) -> Kamus {
        for (key, mut e) in other {
            if e.nama.is_empty() {
                e.nama = self.nama(&key.0).unwrap_or_default().to_string();
            }
            self.entri.insert(key, e);
        }
        self
    }

    /// The name of a competency, from its definition or any of its levels.
    pub fn nama(&self, kode: &str) -> Option<&str> {
        self.entri
            .range((kode.to_string(), i64::MIN)..=(kode.to_string(), i64::MAX))
            .map(|(_, e)| e.nama.as_str())
            .find(|n| !n.is_empty())
    }

    /// One entry.
    pub fn get(&self, kode: &str, level: i64) -> Option<&Entri> {
        self.entri.get(&(kode.to_string(), level))
    }

    /// The codes present, in order.
    pub fn kode(&self) -> Vec<String> {
        let mut out: Vec<String> = self.entri.keys().map(|k| k.0.clone()).collect();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Aturan;

    #[test]
    fn shipped_dictionary_covers_the_nine_competencies_at_every_level() {
        let k = Kamus::bawaan();
        let aturan = Aturan::bawaan();
        assert_eq!(
            k.kode(),
            aturan.kompetensi.keys().cloned().collect::<Vec<_>>()
        );
        for (kode, nama) in &aturan.kompetensi {
            assert_eq!(
                k.nama(kode),
                Some(nama.as_str()),
                "{kode}: the dictionary and asesmen.toml name it alike"
            );
            assert!(
                k.get(kode, 0).unwrap().deskripsi.starts_with(['K', 'k']),
                "{kode}: a definition"
            );
            for level in 1..=5 {
                let e = k.get(kode, level).unwrap();
                assert!(e.deskripsi.len() > 10, "{kode} {level}");
                assert_eq!(
                    e.indikator.len(),
                    3,
                    "{kode} {level}: the regulation lists three indicators"
                );
                assert!(
                    e.indikator
                        .iter()
                        .all(|i| !i.contains('<') && !i.contains("  ")),
                    "{kode} {level}: plain text"
                );
            }
        }
        assert_eq!(
            k.get("M.01", 1).unwrap().deskripsi,
            "Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi"
        );
        assert_eq!(
            k.get("M.08", 4).unwrap().sumber,
            "Lampiran PermenPANRB 38/2017"
        );
    }

    #[test]
    fn an_instansi_entry_replaces_only_its_own_code_and_level() {
        let own = Entri {
            nama: String::new(),
            deskripsi: "Versi instansi".into(),
            indikator: vec![],
            sumber: SUMBER_INSTANSI.into(),
        };
        let teknis = Entri {
            nama: "Pengelolaan Arsip".into(),
            deskripsi: "Mampu menata arsip".into(),
            indikator: vec![],
            sumber: SUMBER_INSTANSI.into(),
        };
        let k = Kamus::bawaan().timpa([
            (("M.03".to_string(), 2), own),
            (("T.ARSIP".to_string(), 1), teknis),
        ]);
        assert_eq!(k.get("M.03", 2).unwrap().deskripsi, "Versi instansi");
        assert_eq!(
            k.get("M.03", 2).unwrap().nama,
            "Komunikasi",
            "an empty name takes the known one"
        );
        assert_eq!(
            k.get("M.03", 3).unwrap().sumber,
            "Lampiran PermenPANRB 38/2017"
        );
        assert_eq!(k.nama("T.ARSIP"), Some("Pengelolaan Arsip"));
        assert_eq!(k.kode().len(), 10);
    }

    #[test]
    fn a_broken_dictionary_file_is_refused_with_the_competency_named() {
        let missing = "sumber = \"x\"\n[[kompetensi]]\nkode = \"T.A\"\nnama = \"A\"\ndefinisi = \"d\"\n[[kompetensi.level]]\nlevel = 1\ndeskripsi = \"satu\"\nindikator = []\n";
        assert!(
            Kamus::from_toml(missing)
                .unwrap_err()
                .starts_with("T.A: levels must be 1–5")
        );
        assert!(Kamus::from_toml("sumber = 1").is_err());
    }
}
