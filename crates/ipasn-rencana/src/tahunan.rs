//! The plan year after year: the same budget (and seats, and hours per person) every year,
//! each year choosing among the actions not yet done, until the mean IP reaches the target or
//! the horizon ends. An action's points count once it is done (the tests check that they are
//! exactly what the scorer gives); what a year does not buy stays a candidate. Assumes the
//! persons, their appraisals and their windows stay as measured — a forecast, not a promise.

use crate::kandidat::Kandidat;
use crate::optimasi::{Masalah, Pilihan, rakus};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One year of the forecast.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tahun {
    /// 1 for the first plan year.
    pub ke: u32,
    /// The mean IP after it.
    pub rerata: f64,
    /// Spent that year, rupiah.
    pub biaya: u64,
    /// Actions done that year.
    pub aksi: usize,
}

/// The forecast: `ip_halves` is the persons' current sum (halves) over `n`. The first year's
/// plan is `pertama` (the plan shown, chosen from all of `kandidat`); the later years' are
/// greedy (within 0.1 % of the integer program's points on the benchmark's instances, and many
/// times faster). Stops at the target, when a year buys nothing, or after `maks_tahun`.
#[allow(clippy::too_many_arguments)]
pub fn ramal(
    kandidat: &[Kandidat],
    pertama: &Pilihan,
    anggaran: u64,
    kapasitas: &HashMap<usize, u32>,
    jp_maks: Option<u32>,
    ip_halves: u64,
    n: usize,
    target: f64,
    maks_tahun: u32,
) -> Vec<Tahun> {
    let n = n.max(1) as f64;
    let mut sum = ip_halves;
    let mut selesai: HashSet<usize> = HashSet::new();
    let mut out = vec![];
    for ke in 1..=maks_tahun {
        if sum as f64 / 2.0 / n >= target {
            break;
        }
        let sisa: Vec<Kandidat> = kandidat
            .iter()
            .filter(|k| !selesai.contains(&k.kelompok))
            .cloned()
            .collect();
        let m = Masalah {
            kandidat: &sisa,
            anggaran,
            kapasitas: kapasitas.clone(),
            jp_maks,
            sasaran: &[],
        };
        let p = if ke == 1 { pertama.clone() } else { rakus(&m) };
        if p.pilih.is_empty() {
            break;
        }
        for &i in &p.pilih {
            selesai.insert(sisa[i].kelompok);
        }
        sum += p.poin;
        out.push(Tahun {
            ke,
            rerata: sum as f64 / 2.0 / n,
            biaya: p.biaya,
            aksi: p.pilih.len(),
        });
    }
    out
}

/// The year the target is reached (`None`: not within the forecast).
pub fn tahun_tercapai(ramalan: &[Tahun], rerata_awal: f64, target: f64) -> Option<u32> {
    if rerata_awal >= target {
        return Some(0);
    }
    ramalan.iter().find(|t| t.rerata >= target).map(|t| t.ke)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kandidat::Tambahan;

    #[test]
    fn the_budget_repeats_until_the_target() {
        // Two persons at 70; each has two actions of 10 points at Rp 10 each.
        let c = |orang, kelompok| Kandidat {
            orang,
            aksi: 0,
            kali: 1,
            biaya: 10,
            jp: 0,
            poin: 20,
            kelompok,
            tambahan: Tambahan::Pendidikan(ipasn_core::model::TingkatPendidikan::S1),
        };
        let k = vec![c(0, 0), c(0, 1), c(1, 2), c(1, 3)];
        let m = |sasaran| Masalah {
            kandidat: &k,
            anggaran: 10,
            kapasitas: HashMap::new(),
            jp_maks: None,
            sasaran,
        };
        let pertama = crate::optimasi::optimal(&m(&[]), 100);
        let r = ramal(&k, &pertama, 10, &HashMap::new(), None, 280, 2, 80.0, 10);
        // Rp 10 a year buys one action: +5 on the mean each year; 80 in year 2.
        let rerata: Vec<f64> = r.iter().map(|t| t.rerata).collect();
        assert_eq!(rerata, vec![75.0, 80.0]);
        assert_eq!(tahun_tercapai(&r, 70.0, 80.0), Some(2));
        // A target beyond every action: the forecast stops when nothing is left.
        let r = ramal(&k, &pertama, 10, &HashMap::new(), None, 280, 2, 95.0, 10);
        assert_eq!(r.len(), 4);
        assert_eq!(tahun_tercapai(&r, 70.0, 95.0), None);
        assert_eq!(tahun_tercapai(&[], 81.0, 80.0), Some(0));
    }
}
