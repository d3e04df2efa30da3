//! A bundle (bundel): the structure file and the tables it names, checked together into one
//! [`Bundel`]. The tables arrive already read as rows of text ([`Lembar`]: `ipasn-data` reads
//! CSV and XLSX), so every rule here is about content: columns, ids, keys, counts.
//!
//! Files and their columns (headers are matched without regard to case; a column `*_en`
//! carries the English text):
//!
//! | file | likert | pasangan | paling | pilihan |
//! |---|---|---|---|---|
//! | items `butir.csv` | `id, teks[, bagian]` | `id, a, b[, bagian]` | `kelompok, pilihan, teks[, bagian]` (a row per word) | `id, teks, a, b, …[, bagian]` (options `a`…`h`) |
//! | key `kunci.csv` | `id, skala, arah` (`+`/`-`) | `id, a, b` (scale of each statement) | `kelompok, pilihan, most, least` (scale or empty) | `id, opsi, skor` (partial credit) or `id, jawaban` |
//!
//! Optional: `interpretasi.csv` (`skala, ukuran, dari, sampai, teks`: `ukuran` is `mentah`,
//! `t` or `persentil`), and for DISC the user's `konversi.csv` (`grafik, skala, mentah,
//! segmen`) and `pola.csv` (`pola, <scale codes…>, teks`: `+` above the midline, `-` below,
//! `*` either, on graph III).

use crate::definisi::{Definisi, JenisInstrumen, Skala};
use crate::masalah::{Jenis, Masalah};
use kolom::Ctx;

mod butir;
mod kolom;
mod kunci;
mod tambahan;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// A table read from a file: the header first; each row with its number as a spreadsheet
/// shows it (header = 1).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lembar {
    /// The file's name (where problems are reported).
    pub nama: String,
    /// Rows, the header first.
    pub baris: Vec<(u32, Vec<String>)>,
}

impl Lembar {
    /// The header's columns, lower-case and trimmed.
    fn judul(&self) -> Vec<String> {
        self.baris
            .first()
            .map(|(_, r)| r.iter().map(|c| c.trim().to_lowercase()).collect())
            .unwrap_or_default()
    }

    /// The data rows.
    pub fn isi(&self) -> impl Iterator<Item = (u32, &[String])> {
        self.baris.iter().skip(1).map(|(n, r)| (*n, r.as_slice()))
    }
}

/// An option of an item (a pair's statement, a group's word, a choice).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Opsi {
    /// Code as the files write it (`a`, `1`).
    pub kode: String,
    /// Text.
    pub teks: String,
    /// Text in English.
    pub teks_en: Option<String>,
}

/// An item (for Most/Least: a group of words).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Butir {
    /// Id, as the files and answer sheets name it.
    pub id: String,
    /// Index of its section in [`Definisi::bagian`].
    pub bagian: usize,
    /// Text (a Likert statement, a question; empty for pairs and groups).
    pub teks: String,
    /// Text in English.
    pub teks_en: Option<String>,
    /// Options (empty for Likert).
    pub opsi: Vec<Opsi>,
}

/// The scoring key, per item in the order of [`Bundel::butir`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Kunci {
    /// Scale index and whether reversed.
    Likert(Vec<(usize, bool)>),
    /// The scale of statement a and of statement b.
    Pasangan(Vec<[usize; 2]>),
    /// Per word: the scale a Most choice counts for, and a Least choice.
    Paling(Vec<Vec<[Option<usize>; 2]>>),
    /// Per option: its score.
    Pilihan(Vec<Vec<f64>>),
}

/// What a score is compared with to choose an interpretation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Ukuran {
    /// The raw score.
    Mentah,
    /// The T-score against the norm.
    T,
    /// The percentile against the norm.
    Persentil,
}

/// An interpretation band of a scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Interpretasi {
    /// Scale index.
    pub skala: usize,
    /// What `dari`/`sampai` are in.
    pub ukuran: Ukuran,
    /// From (inclusive).
    pub dari: f64,
    /// To (inclusive).
    pub sampai: f64,
    /// Text, in plain language.
    pub teks: String,
    /// Text in English.
    pub teks_en: Option<String>,
}

/// A DISC raw-score → segment row (the user's conversion table).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Konversi {
    /// Graph 1, 2 or 3.
    pub grafik: u8,
    /// Scale index.
    pub skala: usize,
    /// Raw score.
    pub mentah: i32,
    /// Segment (1–7; 4 is the midline).
    pub segmen: f64,
}

/// A DISC pattern: per scale `Some(true)` above the midline, `Some(false)` below, `None`
/// either.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pola {
    /// The pattern's name.
    pub nama: String,
    /// Per scale.
    pub tanda: Vec<Option<bool>>,
    /// Narrative.
    pub teks: String,
    /// Narrative in English.
    pub teks_en: Option<String>,
}

/// A checked bundle.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bundel {
    /// The structure file.
    pub definisi: Definisi,
    /// The kind of items.
    pub jenis: JenisInstrumen,
    /// The scales scores are reported on (for multiple choice: one per section).
    pub skala: Vec<Skala>,
    /// Items in order.
    pub butir: Vec<Butir>,
    /// Scoring key; `None` when withheld.
    pub kunci: Option<Kunci>,
    /// Interpretation bands.
    pub interpretasi: Vec<Interpretasi>,
    /// DISC conversion rows.
    pub konversi: Vec<Konversi>,
    /// DISC patterns.
    pub pola: Vec<Pola>,
    /// SHA-256 (hex) of each file, by name.
    pub sidik: BTreeMap<String, String>,
}

/// SHA-256 of a file's bytes, hex.
pub fn sidik(isi: &[u8]) -> String {
    Sha256::digest(isi)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The files of a bundle as given to [`Bundel::susun`]: the structure file's text, the tables
/// by file name, and each file's hash.
#[derive(Clone, Debug, Default)]
pub struct Berkas {
    /// `instrumen.toml`.
    pub struktur: String,
    /// Tables by file name.
    pub lembar: BTreeMap<String, Lembar>,
    /// SHA-256 of every file, by name (the structure file included).
    pub sidik: BTreeMap<String, String>,
}

impl Bundel {
    /// Checks the files together. `perlu_kunci`: a missing key file is an error (otherwise the
    /// bundle loads without a key, for people who may see the items only). Every problem of
    /// every file is returned.
    pub fn susun(berkas: &Berkas, perlu_kunci: bool) -> Result<Bundel, Vec<Masalah>> {
        let definisi = Definisi::baca(&berkas.struktur)?;
        let jenis = definisi.jenis().expect("checked by Definisi::baca");
        let mut m = vec![];
        let skala: Vec<Skala> = if jenis == JenisInstrumen::Pilihan {
            definisi
                .bagian
                .iter()
                .map(|b| Skala {
                    kode: b.id.clone(),
                    nama: b.judul.clone().unwrap_or_else(|| b.id.clone()),
                    nama_en: b.judul_en.clone(),
                    deskripsi: None,
                    deskripsi_en: None,
                })
                .collect()
        } else {
            definisi.skala.clone()
        };
        let ctx = Ctx {
            definisi: &definisi,
            skala: &skala,
        };
        let butir = match berkas.lembar.get(&definisi.berkas.butir) {
            Some(l) => ctx.butir(jenis, l, &mut m),
            None => {
                m.push(Masalah::berkas(
                    &definisi.berkas.butir,
                    Jenis::BerkasTidakAda,
                ));
                vec![]
            }
        };
        let kunci = match berkas.lembar.get(&definisi.berkas.kunci) {
            Some(l) => Some(ctx.kunci(jenis, &butir, l, &mut m)),
            None if perlu_kunci => {
                m.push(Masalah::berkas(
                    &definisi.berkas.kunci,
                    Jenis::BerkasTidakAda,
                ));
                None
            }
            None => None,
        };
        let interpretasi = berkas
            .lembar
            .get(&definisi.berkas.interpretasi)
            .map(|l| ctx.interpretasi(l, &mut m))
            .unwrap_or_default();
        let konversi = berkas
            .lembar
            .get(&definisi.berkas.konversi)
            .map(|l| ctx.konversi(l, &mut m))
            .unwrap_or_default();
        let pola = berkas
            .lembar
            .get(&definisi.berkas.pola)
            .map(|l| ctx.pola(l, &mut m))
            .unwrap_or_default();
        if !m.is_empty() {
            return Err(m);
        }
        Ok(Bundel {
            jenis,
            skala,
            butir,
            kunci,
            interpretasi,
            konversi,
            pola,
            sidik: berkas.sidik.clone(),
            definisi,
        })
    }

    /// The bundle's version: SHA-256 over every file's name and hash. A changed key, item or
    /// interpretation file gives another version; scores keep the version they were computed with.
    pub fn versi(&self) -> String {
        let mut s = String::new();
        for (k, v) in &self.sidik {
            s += &format!("{k}\0{v}\n");
        }
        sidik(s.as_bytes())
    }

    /// The scale with this code (case-insensitive).
    pub fn skala(&self, kode: &str) -> Option<usize> {
        cari_skala(&self.skala, kode)
    }
}

fn cari_skala(skala: &[Skala], kode: &str) -> Option<usize> {
    let kode = kode.trim();
    skala.iter().position(|s| s.kode.eq_ignore_ascii_case(kode))
}

impl Masalah {
    /// The same problem with the value it is about.
    pub fn dengan_nilai(mut self, nilai: &str) -> Masalah {
        self.nilai = nilai.to_string();
        self
    }
}

impl Bundel {
    /// The interpretation of a scale's score: the first band of the scale that contains the
    /// value in its measure (a band in T or percentile needs those).
    pub fn tafsir(
        &self,
        skala: usize,
        mentah: f64,
        t: Option<f64>,
        persentil: Option<f64>,
    ) -> Option<&Interpretasi> {
        self.interpretasi.iter().find(|i| {
            let v = match i.ukuran {
                Ukuran::Mentah => Some(mentah),
                Ukuran::T => t,
                Ukuran::Persentil => persentil,
            };
            i.skala == skala && v.is_some_and(|v| i.dari <= v && v <= i.sampai)
        })
    }

    /// Whether scores are read only within the person (pairs, Most/Least groups): no norm, no
    /// ranking across people.
    pub fn ipsatif(&self) -> bool {
        matches!(
            self.jenis,
            JenisInstrumen::Pasangan | JenisInstrumen::Paling
        )
    }
}

/// A number as a spreadsheet user writes it (`2`, `0,5`, `0.5`).
pub fn angka(s: &str) -> Option<f64> {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
}
