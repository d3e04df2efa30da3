//! The potential test score (skor tes potensi) from psychometric scales: a table (data,
//! `data/potensi.toml` by default, an instansi's file of the same shape instead) maps scales and
//! tests to the eight potential aspects of PermenPANRB 3/2020 (as amended by 20/2025). Each
//! source gives 0–100 (a percentile against the norm, or a multiple-choice share of the
//! maximum); an aspect is the weighted mean of the sources a person has, the score the weighted
//! mean of the aspects that have one. The parts are kept so the score can be explained. The
//! result is the "potential test" input of `ipasn_asesmen::talenta::skor_potensi`.

use serde::{Deserialize, Serialize};

/// The shipped table (a starting point for the instansi's psychologist).
pub const BAWAAN: &str = include_str!("../data/potensi.toml");

/// What a source's 0–100 is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UkuranSumber {
    /// The scale's percentile against its norm.
    #[default]
    Persentil,
    /// The share of the maximum score, in percent (multiple choice; `skala = "total"` for the
    /// whole test).
    Persen,
}

/// One scale or test feeding an aspect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sumber {
    /// The bundle's id.
    pub instrumen: String,
    /// The scale's code (`total`: a multiple-choice test's total).
    pub skala: String,
    /// What its 0–100 is.
    #[serde(default)]
    pub ukuran: UkuranSumber,
    /// Weight within the aspect.
    pub bobot: f64,
}

/// A potential aspect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aspek {
    /// Code.
    pub kode: String,
    /// Name (Indonesian, as the regulation).
    pub nama: String,
    /// Name in English.
    pub nama_en: String,
    /// Weight within the score.
    pub bobot: f64,
    /// Sources.
    pub sumber: Vec<Sumber>,
}

/// The mapping table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PetaPotensi {
    /// Identifier (recorded with every score).
    pub id: String,
    /// Note on where the table comes from.
    #[serde(default)]
    pub catatan: String,
    /// The aspects.
    pub aspek: Vec<Aspek>,
}

impl PetaPotensi {
    /// Reads a table; weights must be positive and finite, every aspect needs a source.
    pub fn baca(teks: &str) -> Result<PetaPotensi, String> {
        let p: PetaPotensi = toml::from_str(teks).map_err(|e| e.message().to_string())?;
        if !crate::definisi::kode_sah(&p.id) {
            return Err(format!(
                "id '{}': letters, digits, _, - and . only",
                p.id.escape_debug()
            ));
        }
        for a in &p.aspek {
            if !(a.bobot.is_finite() && a.bobot > 0.0) {
                return Err(format!("aspek {}: bobot {} must be > 0", a.kode, a.bobot));
            }
            if a.sumber.is_empty() {
                return Err(format!("aspek {}: no sumber", a.kode));
            }
            for s in &a.sumber {
                if !(s.bobot.is_finite() && s.bobot > 0.0) {
                    return Err(format!(
                        "aspek {} sumber {}/{}: bobot must be > 0",
                        a.kode, s.instrumen, s.skala
                    ));
                }
            }
        }
        if p.aspek.is_empty() {
            return Err("no aspek".into());
        }
        Ok(p)
    }

    /// The shipped table.
    pub fn bawaan() -> PetaPotensi {
        PetaPotensi::baca(BAWAAN).expect("the shipped table is valid")
    }

    /// A person's score: `nilai(instrumen, skala, ukuran)` gives a source's 0–100 when the
    /// person has it.
    pub fn hitung(&self, nilai: impl Fn(&str, &str, UkuranSumber) -> Option<f64>) -> SkorPotensi {
        let mut aspek = vec![];
        let (mut sum, mut w) = (0.0, 0.0);
        for a in &self.aspek {
            let mut bagian = vec![];
            let (mut s, mut ws) = (0.0, 0.0);
            for src in &a.sumber {
                let v = nilai(&src.instrumen, &src.skala, src.ukuran).map(|v| v.clamp(0.0, 100.0));
                if let Some(v) = v {
                    s += src.bobot * v;
                    ws += src.bobot;
                }
                bagian.push(BagianSumber {
                    instrumen: src.instrumen.clone(),
                    skala: src.skala.clone(),
                    bobot: src.bobot,
                    nilai: v,
                });
            }
            let skor = (ws > 0.0).then(|| s / ws);
            if let Some(x) = skor {
                sum += a.bobot * x;
                w += a.bobot;
            }
            aspek.push(BagianAspek {
                kode: a.kode.clone(),
                bobot: a.bobot,
                skor,
                sumber: bagian,
            });
        }
        SkorPotensi {
            skor: (w > 0.0).then(|| sum / w),
            aspek,
        }
    }
}

/// A source's part in an aspect.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BagianSumber {
    /// Bundle id.
    pub instrumen: String,
    /// Scale code.
    pub skala: String,
    /// Weight.
    pub bobot: f64,
    /// 0–100, when the person has it.
    pub nilai: Option<f64>,
}

/// An aspect's part in the score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BagianAspek {
    /// Aspect code.
    pub kode: String,
    /// Weight.
    pub bobot: f64,
    /// 0–100, when any source is there.
    pub skor: Option<f64>,
    /// Its sources.
    pub sumber: Vec<BagianSumber>,
}

/// A person's potential test score with its parts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SkorPotensi {
    /// 0–100; `None` when no aspect has a source.
    pub skor: Option<f64>,
    /// Per aspect.
    pub aspek: Vec<BagianAspek>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_means_of_what_is_there() {
        let p = PetaPotensi::bawaan();
        assert_eq!(p.aspek.len(), 8);
        // IPIP only: E 80, A 60, C 50, ES 40, I 70; no cognitive test.
        let v = |i: &str, s: &str, _| match (i, s) {
            ("ipip-50", "E") => Some(80.0),
            ("ipip-50", "A") => Some(60.0),
            ("ipip-50", "C") => Some(50.0),
            ("ipip-50", "ES") => Some(40.0),
            ("ipip-50", "I") => Some(70.0),
            _ => None,
        };
        let h = p.hitung(v);
        // Aspects: intelektual 70, interpersonal 70, kesadaran 40, kritis 70, masalah 60,
        // emosional 50, belajar 70, motivasi 50 → mean 60.
        let got: Vec<f64> = h.aspek.iter().map(|a| a.skor.unwrap()).collect();
        assert_eq!(got, vec![70.0, 70.0, 40.0, 70.0, 60.0, 50.0, 70.0, 50.0]);
        assert_eq!(h.skor, Some(60.0));
        // A cognitive total of 90% weighs 3 to IPIP I's 1 in intelektual: (270 + 70) / 4 = 85.
        let h = p.hitung(|i, s, u| {
            if i == "kognitif" {
                assert_eq!(u, UkuranSumber::Persen);
                Some(90.0)
            } else {
                v(i, s, u)
            }
        });
        assert_eq!(h.aspek[0].skor, Some(85.0));
        assert_eq!(p.hitung(|_, _, _| None).skor, None);
    }
}
