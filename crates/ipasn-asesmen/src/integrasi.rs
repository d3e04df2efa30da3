//! Integration of assessment-center ratings (spec §3): per competency, the mean of each
//! assessor's mean over the exercises that measure it; a competency whose assessor means differ
//! by the threshold or more is flagged for the panel chair's consensus ([`integrasi`]); the final
//! level once every assessor has locked, the consensus replacing the mean ([`level_final`]); the
//! rating steps ([`cek_level`], [`langkah`]); the tables of assessor means handed to IRR
//! ([`tabel_irr`], [`reliabilitas`]); the validity of a result ([`keberlakuan`]).

use crate::{Aturan, irr};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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

/// The rating steps of the scale, from 1 to 5 (`1, 1.5, … 5` with a step of 0.5).
pub fn langkah(aturan: &Aturan) -> Vec<f64> {
    let step = aturan.asesmen.langkah_level;
    (0..)
        .map(|i| 1.0 + i as f64 * step)
        .take_while(|v| *v <= 5.0 + 1e-9)
        .collect()
}

/// The final level of each competency of one assessee, once the panel may finalise: every
/// assigned assessor has locked (`terkunci`, one entry per assessor) and there are at least
/// `asesor_minimal` of them. The level is the mean of assessor means, replaced by the panel
/// chair's consensus level (`konsensus`: code → level) wherever one was entered; a flagged
/// competency without one holds the whole result back. `None` until then, or with nothing rated.
pub fn level_final(
    aturan: &Aturan,
    kompetensi: &[Terintegrasi],
    konsensus: &[(String, f64)],
    terkunci: &[bool],
) -> Option<Vec<(String, f64)>> {
    let siap =
        terkunci.iter().all(|t| *t) && terkunci.len() as u32 >= aturan.asesmen.asesor_minimal;
    if !siap {
        return None;
    }
    kompetensi
        .iter()
        .map(|k| {
            let c = konsensus.iter().find(|c| c.0 == k.kompetensi);
            match (k.perlu_konsensus, c) {
                (true, None) => None,
                (_, Some(c)) => Some((k.kompetensi.clone(), c.1)),
                (false, None) => Some((k.kompetensi.clone(), k.level)),
            }
        })
        .collect::<Option<Vec<_>>>()
        .filter(|v| !v.is_empty())
}

/// Inter-rater reliability of an event, from its locked ratings.
#[derive(Clone, Debug, Serialize)]
pub struct Reliabilitas {
    /// Per competency (in code order): assessees × assessors.
    pub kompetensi: Vec<(String, irr::Hasil)>,
    /// All competencies pooled (subject = assessee × competency).
    pub semua: irr::Hasil,
}

/// The tables handed to IRR: each assessor's rating of an assessee on a competency is their mean
/// over the exercises that measure it; one table per competency (subjects are assessees) and
/// one pooled table (subjects are `assessee|competency`). `nilai`: `(assessee, rating)`.
pub fn tabel_irr<'a>(
    nilai: impl IntoIterator<Item = (&'a str, &'a Rating)>,
) -> (Vec<(String, irr::Tabel)>, irr::Tabel) {
    let mut sums: BTreeMap<(&str, &str, &str), (f64, f64)> = BTreeMap::new();
    for (asesi, r) in nilai {
        let e = sums
            .entry((r.kompetensi.as_str(), asesi, r.asesor.as_str()))
            .or_default();
        e.0 += r.level;
        e.1 += 1.0;
    }
    let table = |rows: Vec<(String, &str, f64)>| {
        irr::Tabel::from_long(
            rows.iter()
                .enumerate()
                .map(|(i, (s, r, v))| (i + 2, s.as_str(), *r, Some(*v))),
        )
        .expect("one mean per assessee, assessor and competency")
    };
    let comps: BTreeSet<&str> = sums.keys().map(|k| k.0).collect();
    let per = comps
        .iter()
        .map(|c| {
            let rows = sums
                .iter()
                .filter(|(k, _)| k.0 == *c)
                .map(|(k, v)| (k.1.to_string(), k.2, v.0 / v.1))
                .collect();
            (c.to_string(), table(rows))
        })
        .collect();
    let pooled = sums
        .iter()
        .map(|(k, v)| (format!("{}|{}", k.1, k.0), k.2, v.0 / v.1))
        .collect();
    (per, table(pooled))
}

/// The reliability of an event: [`irr::hitung`] on each table of [`tabel_irr`].
pub fn reliabilitas<'a>(nilai: impl IntoIterator<Item = (&'a str, &'a Rating)>) -> Reliabilitas {
    let (per, semua) = tabel_irr(nilai);
    Reliabilitas {
        kompetensi: per.into_iter().map(|(k, t)| (k, irr::hitung(&t))).collect(),
        semua: irr::hitung(&semua),
    }
}

/// A date as `(year, month, day)`.
pub type Ymd = (i32, u32, u32);

/// A result's validity on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keberlakuan {
    /// Still valid.
    pub berlaku: bool,
    /// Valid until (exclusive): the same day `berlaku_tahun` years later.
    pub sampai: Ymd,
}

impl Keberlakuan {
    /// `sampai` as `YYYY-MM-DD`.
    pub fn sampai_iso(&self) -> String {
        let (y, m, d) = self.sampai;
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// The validity on `hari_ini` of a result dated `tanggal`: valid until the same day
/// `berlaku_tahun` years later (exclusive).
pub fn keberlakuan(aturan: &Aturan, tanggal: Ymd, hari_ini: Ymd) -> Keberlakuan {
    let sampai = (
        tanggal.0 + aturan.asesmen.berlaku_tahun as i32,
        tanggal.1,
        tanggal.2,
    );
    Keberlakuan {
        berlaku: hari_ini < sampai,
        sampai,
    }
}

/// Whether a result dated `(year, month, day)` is still valid on `today`.
pub fn masih_berlaku(aturan: &Aturan, tanggal: Ymd, hari_ini: Ymd) -> bool {
    keberlakuan(aturan, tanggal, hari_ini).berlaku
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

    #[test]
    fn final_levels_wait_for_every_lock_and_every_flag() {
        let a = Aturan::bawaan();
        let k = integrasi(
            &a,
            &[
                r("A", "in-tray", "M.01", 3.0),
                r("A", "wawancara", "M.01", 4.0),
                r("B", "in-tray", "M.01", 3.0), // 3.25, not flagged
                r("A", "in-tray", "M.02", 2.0),
                r("B", "in-tray", "M.02", 3.0), // 2.5, flagged
            ],
        );
        assert_eq!(
            level_final(&a, &k, &[], &[true, true]),
            None,
            "M.02 needs a consensus"
        );
        let c = [("M.02".to_string(), 3.0)];
        assert_eq!(
            level_final(&a, &k, &c, &[true, true]),
            Some(vec![("M.01".into(), 3.25), ("M.02".into(), 3.0)])
        );
        assert_eq!(level_final(&a, &k, &c, &[true, false]), None, "not locked");
        assert_eq!(
            level_final(&a, &k, &c, &[true]),
            None,
            "fewer than 2 assessors"
        );
        // A consensus level entered on an unflagged competency replaces the mean too.
        let c2 = [("M.02".to_string(), 3.0), ("M.01".to_string(), 4.0)];
        assert_eq!(
            level_final(&a, &k, &c2, &[true, true]).unwrap()[0],
            ("M.01".into(), 4.0)
        );
        assert_eq!(
            level_final(&a, &[], &[], &[true, true]),
            None,
            "nothing rated"
        );
    }

    /// Each assessor's mean over the exercises goes into the tables, by hand: P1 on M.01 is
    /// rated 3 and 4 by A (3.5) and 3 by B; P2 on M.01 2 by A and 2 and 3 by B (2.5).
    #[test]
    fn irr_tables_hold_assessor_means() {
        let rows = [
            ("P1", r("A", "in-tray", "M.01", 3.0)),
            ("P1", r("A", "wawancara", "M.01", 4.0)),
            ("P1", r("B", "in-tray", "M.01", 3.0)),
            ("P2", r("A", "in-tray", "M.01", 2.0)),
            ("P2", r("B", "in-tray", "M.01", 2.0)),
            ("P2", r("B", "wawancara", "M.01", 3.0)),
            ("P1", r("A", "in-tray", "M.02", 4.0)),
            ("P1", r("B", "in-tray", "M.02", 5.0)),
        ];
        let (per, semua) = tabel_irr(rows.iter().map(|(p, r)| (*p, r)));
        assert_eq!(per.len(), 2);
        let (k, t) = &per[0];
        assert_eq!(k, "M.01");
        assert_eq!(t.subjek, ["P1", "P2"]);
        assert_eq!(t.penilai, ["A", "B"]);
        assert_eq!(
            t.nilai,
            vec![vec![Some(3.5), Some(3.0)], vec![Some(2.0), Some(2.5)]]
        );
        assert_eq!(per[1].1.nilai, vec![vec![Some(4.0), Some(5.0)]]);
        assert_eq!(semua.subjek, ["P1|M.01", "P2|M.01", "P1|M.02"]);
        assert_eq!(semua.nilai[2], vec![Some(4.0), Some(5.0)]);
        let h = reliabilitas(rows.iter().map(|(p, r)| (*p, r)));
        assert_eq!(h.kompetensi.len(), 2);
        assert_eq!(h.semua, irr::hitung(&semua));
    }

    #[test]
    fn steps_and_validity_dates() {
        let a = Aturan::bawaan();
        assert_eq!(langkah(&a), [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0]);
        let k = keberlakuan(&a, (2023, 5, 10), (2026, 5, 9));
        assert!(k.berlaku);
        assert_eq!(k.sampai_iso(), "2026-05-10");
        assert!(!keberlakuan(&a, (2023, 5, 10), (2026, 5, 10)).berlaku);
    }
}
