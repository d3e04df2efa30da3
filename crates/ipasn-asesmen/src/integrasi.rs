//! Integration of assessment-center ratings (spec §3): per competency, the mean of each
//! assessor's mean over the exercises that measure it; a competency whose assessor means differ
//! by the threshold or more is flagged for the panel chair's consensus.

use crate::Aturan;
use serde::Serialize;
use std::collections::BTreeMap;

/// One assessor's rating of one competency in one exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct Rating {
    /// Assessor.
    pub asesor: String,
    /// Exercise.
    pub latihan: String,
    /// Competency code.
    pub kompetensi: String,
    /// Level.
    pub level: f64,
}

/// Why a rating is refused.
pub fn cek_level(aturan: &Aturan, level: f64) -> Result<(), String> {
    let step = aturan.asesmen.langkah_level;
    let steps = level / step;
    if !(1.0..=5.0).contains(&level) || (steps - steps.round()).abs() > 1e-9 {
        return Err(format!(
            "level {level} must be between 1 and 5 in steps of {step}"
        ));
    }
    Ok(())
}

/// One competency's integrated result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Terintegrasi {
    /// Competency code.
    pub kompetensi: String,
    /// Each assessor's mean over the exercises.
    pub rerata_asesor: BTreeMap<String, f64>,
    /// The mean of the assessor means.
    pub level: f64,
    /// Largest difference between two assessors' means.
    pub selisih: f64,
    /// Needs the panel chair's consensus level.
    pub perlu_konsensus: bool,
    /// Fewer assessors than required rated it.
    pub asesor_kurang: bool,
}

/// Integrates one assessee's locked ratings, competency by competency (in code order).
pub fn integrasi(aturan: &Aturan, ratings: &[Rating]) -> Vec<Terintegrasi> {
    let mut by: BTreeMap<&str, BTreeMap<&str, Vec<f64>>> = BTreeMap::new();
    for r in ratings {
        by.entry(r.kompetensi.as_str())
            .or_default()
            .entry(r.asesor.as_str())
            .or_default()
            .push(r.level);
    }
    by.into_iter()
        .map(|(k, per)| {
            let means: BTreeMap<String, f64> = per
                .iter()
                .map(|(a, v)| (a.to_string(), v.iter().sum::<f64>() / v.len() as f64))
                .collect();
            let vals: Vec<f64> = means.values().copied().collect();
            let max = vals.iter().copied().fold(f64::MIN, f64::max);
            let min = vals.iter().copied().fold(f64::MAX, f64::min);
            let selisih = max - min;
            Terintegrasi {
                kompetensi: k.to_string(),
                level: vals.iter().sum::<f64>() / vals.len() as f64,
                selisih,
                perlu_konsensus: selisih + 1e-9 >= aturan.asesmen.selisih_konsensus,
                asesor_kurang: (means.len() as u32) < aturan.asesmen.asesor_minimal,
                rerata_asesor: means,
            }
        })
        .collect()
}

/// Whether a result dated `(year, month, day)` is still valid on `today`.
pub fn masih_berlaku(aturan: &Aturan, tanggal: (i32, u32, u32), hari_ini: (i32, u32, u32)) -> bool {
    let until = (
        tanggal.0 + aturan.asesmen.berlaku_tahun as i32,
        tanggal.1,
        tanggal.2,
    );
    hari_ini < until
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: &str, l: &str, k: &str, level: f64) -> Rating {
        Rating {
            asesor: a.into(),
            latihan: l.into(),
            kompetensi: k.into(),
            level,
        }
    }

    #[test]
    fn mean_of_assessor_means_and_the_consensus_flag() {
        let a = Aturan::bawaan();
        let got = integrasi(
            &a,
            &[
                r("A", "in-tray", "M.01", 3.0),
                r("A", "wawancara", "M.01", 4.0), // A: 3.5
                r("B", "in-tray", "M.01", 3.0),   // B: 3
                r("A", "in-tray", "M.02", 2.0),
                r("B", "in-tray", "M.02", 3.0),    // 1 apart: flagged
                r("A", "presentasi", "M.03", 3.0), // one assessor only
            ],
        );
        assert_eq!(got[0].kompetensi, "M.01");
        assert_eq!(
            (got[0].level, got[0].selisih, got[0].perlu_konsensus),
            (3.25, 0.5, false)
        );
        assert_eq!((got[1].level, got[1].perlu_konsensus), (2.5, true));
        assert!(got[2].asesor_kurang && !got[0].asesor_kurang);
    }

    #[test]
    fn levels_and_validity() {
        let a = Aturan::bawaan();
        assert!(cek_level(&a, 3.5).is_ok());
        assert!(cek_level(&a, 3.25).is_err());
        assert!(cek_level(&a, 0.5).is_err());
        assert!(masih_berlaku(&a, (2023, 5, 10), (2026, 5, 9)));
        assert!(
            !masih_berlaku(&a, (2023, 5, 10), (2026, 5, 10)),
            "expired after 3 years"
        );
    }
}
