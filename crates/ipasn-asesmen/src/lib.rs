//! Assessment and talent management (spec `asesmen.md`): pure functions, no IO.
//!
//! - [`irr`]: inter-rater reliability — ICC (Shrout & Fleiss forms 1–3, single and average),
//!   Cohen's κ (unweighted, linear, quadratic), Fleiss' κ, Krippendorff's α (nominal, ordinal,
//!   interval, ratio, with missing ratings), with interpretation labels stored as data.
//! - [`integrasi`]: assessment-center integration (mean of assessor means, consensus flag, the
//!   final level with the consensus), rating steps, the IRR tables, the validity of a result.
//! - [`jpm`]: Job Person Match per domain, variants, band sets, gaps; a person's JPM against
//!   their position's standards.
//! - [`talenta`]: potential, the nine-box matrix, the talent pool, ranking with fast track, and a
//!   unit's talent board with the reason a person has no box.
//! - [`kamus`]: the competency dictionary; PermenPANRB 38/2017's definitions, level descriptions
//!   and indicators ship as data, an instansi's entries are laid over them.
//!
//! Every default of the spec is data: `data/asesmen.toml` ([`Aturan`]), recorded by id and hash.
#![warn(missing_docs)]

pub mod integrasi;
pub mod irr;
pub mod jpm;
pub mod kamus;
pub mod talenta;

use serde::Deserialize;
use std::collections::BTreeMap;

/// The assessment defaults (`data/asesmen.toml`), or an instansi's own file of the same shape.
#[derive(Clone, Debug, Deserialize)]
pub struct Aturan {
    /// Identifier.
    pub id: String,
    /// Sources.
    pub sumber: String,
    /// Manajerial and sosial kultural competencies: code → name.
    pub kompetensi: BTreeMap<String, String>,
    /// Required level per jenjang jabatan.
    pub standar: BTreeMap<String, f64>,
    /// Assessment-center parameters.
    pub asesmen: Asesmen,
    /// JPM variant, weights and band sets.
    pub jpm: JpmAturan,
    /// Potential weights and bands.
    pub potensi: Potensi,
    /// SKP predikat → performance axis.
    pub kinerja: BTreeMap<String, String>,
    /// The nine boxes.
    pub sembilan_kotak: SembilanKotak,
    /// Ranking.
    pub peringkat: PeringkatAturan,
}

/// Assessment-center parameters.
#[derive(Clone, Debug, Deserialize)]
pub struct Asesmen {
    /// Years a result stays valid.
    pub berlaku_tahun: u32,
    /// Assessors per assessee.
    pub asesor_minimal: u32,
    /// Assessor means this far apart need the panel chair's consensus.
    pub selisih_konsensus: f64,
    /// Rating step.
    pub langkah_level: f64,
}

/// JPM rules.
#[derive(Clone, Debug, Deserialize)]
pub struct JpmAturan {
    /// Variant.
    pub varian: jpm::Varian,
    /// Domain weights.
    pub bobot: BTreeMap<String, f64>,
    /// Band sets by name (`pemetaan`, `seleksi`).
    pub pita: BTreeMap<String, Vec<jpm::Pita>>,
}

/// Potential rules.
#[derive(Clone, Debug, Deserialize)]
pub struct Potensi {
    /// Weights.
    pub bobot: BobotPotensi,
    /// Bands.
    pub pita: Vec<jpm::Pita>,
}

/// Weights of the potential's parts.
#[derive(Clone, Debug, Deserialize)]
pub struct BobotPotensi {
    /// Competency JPM.
    pub jpm: f64,
    /// Potential test.
    pub tes_potensi: f64,
    /// Track record.
    pub rekam_jejak: f64,
}

/// The nine-box table.
#[derive(Clone, Debug, Deserialize)]
pub struct SembilanKotak {
    /// Version of the table.
    pub versi: String,
    /// Rows rendah, menengah, tinggi × columns di bawah, sesuai, di atas.
    pub kotak: [[u8; 3]; 3],
    /// Boxes of the talent pool.
    pub kelompok_suksesi: Vec<u8>,
    /// Actions per box.
    pub tindakan: BTreeMap<String, Vec<String>>,
}

/// Ranking rules.
#[derive(Clone, Debug, Deserialize)]
pub struct PeringkatAturan {
    /// Weights of `ip_asn`, `jpm`, `potensi`, `kinerja`.
    pub bobot: BTreeMap<String, f64>,
    /// Scores of the performance axis.
    pub nilai_kinerja: BTreeMap<String, f64>,
    /// Tie-breaks in order.
    pub pemecah_seri: Vec<String>,
    /// Share of each group on the fast track, in percent.
    pub jalur_cepat_persen: f64,
}

impl Aturan {
    /// The shipped defaults.
    pub fn bawaan() -> Aturan {
        Aturan::from_toml(Self::teks_bawaan()).expect("the shipped defaults parse")
    }

    /// Whether a code names a competency: one of the dictionary's, or a teknis code `T.…`.
    pub fn kode_sah(&self, kode: &str) -> bool {
        self.kompetensi.contains_key(kode) || (kode.starts_with("T.") && kode.len() > 2)
    }

    /// The JPM domain of a code: `teknis` or `manajerial_sosial_kultural`.
    pub fn domain(kode: &str) -> &'static str {
        if kode.starts_with("T.") {
            "teknis"
        } else {
            "manajerial_sosial_kultural"
        }
    }

    /// Reads a rules file and checks what the types cannot: the nine boxes are 1–9 once each,
    /// band sets go from the top down, weights are not negative and add up to more than zero.
    pub fn from_toml(text: &str) -> Result<Aturan, String> {
        let a: Aturan = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut boxes: Vec<u8> = a.sembilan_kotak.kotak.iter().flatten().copied().collect();
        boxes.sort_unstable();
        if boxes != (1..=9).collect::<Vec<u8>>() {
            return Err("sembilan_kotak.kotak must hold each box 1–9 exactly once".into());
        }
        let descending = |name: &str, b: &[jpm::Pita]| {
            if b.is_empty() || b.windows(2).any(|w| w[0].min <= w[1].min) {
                Err(format!(
                    "{name}: bands must go from the highest lower bound down"
                ))
            } else {
                Ok(())
            }
        };
        for (k, v) in &a.jpm.pita {
            descending(&format!("jpm.pita.{k}"), v)?;
        }
        descending("potensi.pita", &a.potensi.pita)?;
        let w = &a.potensi.bobot;
        let weights = [
            ("potensi.bobot", vec![w.jpm, w.tes_potensi, w.rekam_jejak]),
            (
                "peringkat.bobot",
                a.peringkat.bobot.values().copied().collect(),
            ),
            ("jpm.bobot", a.jpm.bobot.values().copied().collect()),
        ];
        for (name, ws) in weights {
            if ws.iter().any(|x| *x < 0.0 || !x.is_finite()) || ws.iter().sum::<f64>() <= 0.0 {
                return Err(format!(
                    "{name}: weights must not be negative and must add up to more than 0"
                ));
            }
        }
        if !(0.0..=100.0).contains(&a.peringkat.jalur_cepat_persen) {
            return Err("peringkat.jalur_cepat_persen must be 0–100".into());
        }
        Ok(a)
    }

    /// The shipped defaults as text (to download, adapt and upload).
    pub fn teks_bawaan() -> &'static str {
        include_str!("../data/asesmen.toml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_files_are_checked() {
        let text = Aturan::teks_bawaan();
        assert!(Aturan::from_toml(text).is_ok());
        let swapped = text.replace(
            "kotak = [[1, 2, 4], [3, 5, 7], [6, 8, 9]]",
            "kotak = [[1, 2, 4], [3, 5, 7], [6, 8, 8]]",
        );
        assert!(
            Aturan::from_toml(&swapped)
                .unwrap_err()
                .contains("exactly once")
        );
        let bands = text.replacen(
            "min = 78\nnama = \"menengah\"",
            "min = 95\nnama = \"menengah\"",
            1,
        );
        assert!(
            Aturan::from_toml(&bands)
                .unwrap_err()
                .contains("potensi.pita")
        );
        let weights = text.replace(
            "bobot = { jpm = 0.6, tes_potensi = 0.4, rekam_jejak = 0.0 }",
            "bobot = { jpm = -0.6, tes_potensi = 0.4, rekam_jejak = 0.0 }",
        );
        assert!(
            Aturan::from_toml(&weights)
                .unwrap_err()
                .contains("potensi.bobot")
        );
    }
}
