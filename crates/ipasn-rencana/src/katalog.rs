//! The catalogue of development actions (data): each action's kind, cost per person in rupiah,
//! lesson hours (JP), duration, seats a year, and what it serves — a leadership level, an
//! education level, technical hours, a seminar. The shipped one is `data/katalog.toml`
//! (illustrative costs); an instansi replaces it with its own, checked by [`Katalog::baca`].

use ipasn_core::model::{JenisDiklat, TingkatPendidikan};
use serde::{Deserialize, Serialize};

/// The shipped catalogue.
pub const BAWAAN: &str = include_str!("../data/katalog.toml");

/// The most actions one catalogue may hold.
pub const MAKS_AKSI: usize = 1_000;

/// The highest cost per person an action may have (Rp 1 trillion): far above any training, and
/// low enough that no sum over a nation's persons overflows.
pub const MAKS_BIAYA: u64 = 1_000_000_000_000;

/// A problem of a catalogue, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Masalah {
    /// Indonesian.
    pub id: String,
    /// English.
    pub en: String,
}

impl Masalah {
    fn new(id: String, en: String) -> Masalah {
        Masalah { id, en }
    }

    /// In a language.
    pub fn teks(&self, lang: ipasn_core::teks::Lang) -> &str {
        lang.pick(&self.id, &self.en)
    }
}

/// What kind of action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisAksi {
    /// A record that exists but is not in the data: uploading it costs nothing.
    PerbaikanData,
    /// A degree (long term).
    Pendidikan,
    /// Leadership training at a level (`diklat`).
    Pim,
    /// Functional training.
    Fungsional,
    /// Technical training of `jp` hours.
    Teknis,
    /// A seminar, workshop or course.
    Seminar,
    /// Development of a competency below its standard (JPM gap): classical or non-classical
    /// training, coaching, mentoring, an assignment (`bentuk`). Adds no IP points.
    Kompetensi,
}

/// One action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aksi {
    /// Code (names the action in plans and files).
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Name in English.
    #[serde(default)]
    pub nama_en: Option<String>,
    /// Kind.
    pub jenis: JenisAksi,
    /// Cost per person, rupiah.
    pub biaya: u64,
    /// Lesson hours.
    pub jp: u32,
    /// Duration, months.
    pub bulan: u32,
    /// Seats a year (`None`: as many as needed).
    #[serde(default)]
    pub kapasitas: Option<u32>,
    /// Leadership level served (`pim`), as the data writes it (`PIM IV`, `PKP`).
    #[serde(default)]
    pub diklat: Option<String>,
    /// Education level reached (`pendidikan`), as the data writes it (`S-1`).
    #[serde(default)]
    pub tingkat: Option<String>,
    /// The form of a competency development (`kompetensi`): klasikal, nonklasikal, coaching,
    /// mentoring, penugasan.
    #[serde(default)]
    pub bentuk: Option<String>,
    /// The competency codes it serves (`kompetensi`; empty: any).
    #[serde(default)]
    pub kompetensi: Vec<String>,
}

/// The forms of competency development.
pub const BENTUK: &[&str] = &[
    "klasikal",
    "nonklasikal",
    "coaching",
    "mentoring",
    "penugasan",
];

/// A checked catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Katalog {
    /// Id (recorded with every plan).
    pub id: String,
    /// A note shown with plans (where the costs come from).
    #[serde(default)]
    pub catatan: String,
    /// The note in English.
    #[serde(default)]
    pub catatan_en: Option<String>,
    /// Actions.
    pub aksi: Vec<Aksi>,
}

impl Katalog {
    /// The shipped catalogue.
    pub fn bawaan() -> Katalog {
        Katalog::baca(BAWAAN).expect("the shipped catalogue is valid")
    }

    /// Reads and checks a catalogue; every problem is returned in both languages, each naming
    /// the action (its position and code) and the field.
    pub fn baca(teks: &str) -> Result<Katalog, Vec<Masalah>> {
        let k: Katalog = toml::from_str(teks).map_err(|e| {
            let baris = e
                .span()
                .map(|s| teks[..s.start.min(teks.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            vec![Masalah::new(
                format!(
                    "Berkas TOML tidak dapat dibaca di baris {baris}: {}",
                    e.message()
                ),
                format!(
                    "The TOML file cannot be read at line {baris}: {}",
                    e.message()
                ),
            )]
        })?;
        let mut m = vec![];
        if k.aksi.is_empty() {
            m.push(Masalah::new(
                "aksi: katalog tidak berisi aksi satu pun".into(),
                "aksi: the catalogue has no action".into(),
            ));
        }
        if k.aksi.len() > MAKS_AKSI {
            let n = k.aksi.len();
            m.push(Masalah::new(
                format!("aksi: {n} aksi, paling banyak {MAKS_AKSI}"),
                format!("aksi: {n} actions, at most {MAKS_AKSI}"),
            ));
        }
        let mut kode = std::collections::HashSet::new();
        for (i, a) in k.aksi.iter().enumerate() {
            let at = format!("aksi[{}] {}", i + 1, a.kode);
            let mut salah = |id: &str, en: &str| {
                m.push(Masalah::new(format!("{at}: {id}"), format!("{at}: {en}")))
            };
            let sah = !a.kode.is_empty()
                && a.kode.len() <= 40
                && a.kode
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !sah {
                salah(
                    "kode harus 1–40 huruf, angka, '-', '_' atau '.'",
                    "kode must be 1–40 letters, digits, '-', '_' or '.'",
                );
            }
            if !kode.insert(a.kode.to_lowercase()) {
                salah("kode dipakai dua kali", "kode used twice");
            }
            if a.nama.trim().is_empty() {
                salah("nama kosong", "nama is empty");
            }
            if a.biaya > MAKS_BIAYA {
                salah(
                    "biaya lebih dari Rp1 triliun per orang",
                    "biaya over Rp 1 trillion a person",
                );
            }
            if a.jp > 10_000 || a.bulan > 120 {
                salah(
                    "jp paling banyak 10.000 dan bulan paling banyak 120",
                    "jp at most 10,000 and bulan at most 120",
                );
            }
            match a.jenis {
                JenisAksi::Pim => match a.diklat.as_deref().map(JenisDiklat::parse) {
                    Some(Some(d)) if d.pim_level().is_some() => {}
                    _ => salah(
                        "diklat harus jenjang kepemimpinan (PIM I–IV, PKN I/II, PKA, PKP)",
                        "diklat must name a leadership level (PIM I–IV, PKN I/II, PKA, PKP)",
                    ),
                },
                JenisAksi::Pendidikan => {
                    if a.tingkat
                        .as_deref()
                        .and_then(TingkatPendidikan::parse)
                        .is_none()
                    {
                        salah(
                            "tingkat harus jenjang pendidikan (S-1, S-2, …)",
                            "tingkat must name an education level (S-1, S-2, …)",
                        );
                    }
                }
                JenisAksi::Teknis if a.jp == 0 => salah(
                    "pelatihan teknis perlu jp (jam pelajaran)",
                    "a technical training needs its jp (lesson hours)",
                ),
                _ => {}
            }
            if a.jenis == JenisAksi::Kompetensi
                && !a.bentuk.as_deref().is_some_and(|b| BENTUK.contains(&b))
            {
                let b = BENTUK.join(", ");
                salah(
                    &format!("bentuk harus salah satu dari {b}"),
                    &format!("bentuk must be one of {b}"),
                );
            }
            if a.kapasitas == Some(0) {
                salah(
                    "kapasitas 0 (hapus baris itu bila tanpa batas)",
                    "kapasitas 0 (leave it out for no limit)",
                );
            }
        }
        if m.is_empty() { Ok(k) } else { Err(m) }
    }

    /// The leadership action for a level.
    pub fn pim(&self, level: JenisDiklat) -> Option<usize> {
        self.aksi.iter().position(|a| {
            a.jenis == JenisAksi::Pim
                && a.diklat.as_deref().and_then(JenisDiklat::parse) == Some(level)
        })
    }

    /// The degree action reaching a level.
    pub fn pendidikan(&self, tingkat: TingkatPendidikan) -> Option<usize> {
        self.aksi.iter().position(|a| {
            a.jenis == JenisAksi::Pendidikan
                && a.tingkat.as_deref().and_then(TingkatPendidikan::parse) == Some(tingkat)
        })
    }

    /// The actions of a kind, in catalogue order.
    pub fn jenis(&self, j: JenisAksi) -> impl Iterator<Item = usize> + '_ {
        self.aksi
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.jenis == j)
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalogue_reads() {
        let k = Katalog::bawaan();
        assert!(k.pim(JenisDiklat::Pim4).is_some());
        assert!(k.pendidikan(TingkatPendidikan::S2).is_some());
        assert_eq!(k.jenis(JenisAksi::PerbaikanData).count(), 1);
    }

    #[test]
    fn bad_catalogues_name_the_action_and_field() {
        let bad = |t: &str| {
            Katalog::baca(t)
                .unwrap_err()
                .iter()
                .map(|m| m.en.clone())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let head = "id = \"x\"\n";
        let m = bad(&format!(
            "{head}[[aksi]]\nkode = \"a\"\nnama = \"A\"\njenis = \"pim\"\nbiaya = 1\njp = 1\nbulan = 1\ndiklat = \"Teknis\"\n"
        ));
        assert!(m.contains("aksi[1] a: diklat"), "{m}");
        let m = bad(&format!(
            "{head}[[aksi]]\nkode = \"a\"\nnama = \"A\"\njenis = \"teknis\"\nbiaya = 1\njp = 0\nbulan = 1\n[[aksi]]\nkode = \"A\"\nnama = \"B\"\njenis = \"seminar\"\nbiaya = 1\njp = 1\nbulan = 1\n"
        ));
        assert!(
            m.contains("needs its jp") && m.contains("aksi[2] A: kode used twice"),
            "{m}"
        );
        assert!(bad(&format!("{head}aksi = []\n")).contains("no action"));
        let m = bad(&format!(
            "{head}[[aksi]]\nkode = \"a\"\nnama = \"A\"\njenis = \"seminar\"\nbiaya = 18446744073709551615\njp = 1\nbulan = 1\n"
        ));
        assert!(m.contains("over Rp 1 trillion"), "{m}");
        assert!(bad("id = 1").contains("at line 1"));
        let m =
            Katalog::baca("id = \"x\"\n\n[[aksi]]\nkode = \"a\"\nbiaya = \"murah\"\n").unwrap_err();
        assert!(
            m[0].id.contains("baris 5") && m[0].en.contains("line 5"),
            "{m:?}"
        );
    }
}
