//! Choosing actions: at most one per group of alternatives, within a budget (rupiah), the
//! seats of each action and the lesson hours of each person, to add the most points (the mean IP
//! of the persons is their points' sum over their number).
//!
//! [`rakus`] is the greedy plan (points per rupiah, free actions first). [`optimal`] solves the
//! integer program with `microlp` (branch and bound), warm-started from the greedy plan, within a
//! number of branch-and-bound nodes (not a time limit: the same instance gives the same plan on
//! any machine): it reports the gap to the best bound when the limit stops it, and never returns
//! a plan worse than the greedy one. [`semua_kemungkinan`] tries every choice (small instances, to
//! check the others).

use crate::kandidat::Kandidat;
use serde::Serialize;
use std::collections::HashMap;

/// An instance.
#[derive(Clone, Debug)]
pub struct Masalah<'a> {
    /// Candidates.
    pub kandidat: &'a [Kandidat],
    /// Budget, rupiah.
    pub anggaran: u64,
    /// Seats per action (by catalogue index; absent: no limit).
    pub kapasitas: HashMap<usize, u32>,
    /// Lesson hours a person may be given (`None`: no limit).
    pub jp_maks: Option<u32>,
}

/// A chosen plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pilihan {
    /// Chosen candidates (indices), ascending.
    pub pilih: Vec<usize>,
    /// Points added, halves.
    pub poin: u64,
    /// Cost, rupiah.
    pub biaya: u64,
    /// Proven optimal.
    pub optimal: bool,
    /// Relative gap to the best bound (0 when optimal).
    pub gap: f64,
}

impl Masalah<'_> {
    /// Whether a set of candidates respects every limit.
    pub fn layak(&self, pilih: &[usize]) -> bool {
        let mut biaya = 0u64;
        let mut kelompok = std::collections::HashSet::new();
        let mut kursi: HashMap<usize, u32> = HashMap::new();
        let mut jp: HashMap<usize, u32> = HashMap::new();
        for &i in pilih {
            let k = &self.kandidat[i];
            biaya += k.biaya;
            if !kelompok.insert(k.kelompok) {
                return false;
            }
            *kursi.entry(k.aksi).or_default() += k.kali;
            *jp.entry(k.orang).or_default() += k.jp;
        }
        biaya <= self.anggaran
            && kursi
                .iter()
                .all(|(a, n)| self.kapasitas.get(a).is_none_or(|c| n <= c))
            && jp.values().all(|j| self.jp_maks.is_none_or(|m| *j <= m))
    }

    fn nilai(&self, mut pilih: Vec<usize>, optimal: bool, gap: f64) -> Pilihan {
        pilih.sort_unstable();
        Pilihan {
            poin: pilih
                .iter()
                .map(|&i| u64::from(self.kandidat[i].poin))
                .sum(),
            biaya: pilih.iter().map(|&i| self.kandidat[i].biaya).sum(),
            pilih,
            optimal,
            gap,
        }
    }
}

/// The greedy plan: free actions first, then by points per rupiah (more points first on a tie),
/// each taken if its group is still open and every limit holds.
pub fn rakus(m: &Masalah) -> Pilihan {
    let mut urut: Vec<usize> = (0..m.kandidat.len()).collect();
    let rasio = |i: usize| {
        let k = &m.kandidat[i];
        if k.biaya == 0 {
            f64::INFINITY
        } else {
            f64::from(k.poin) / k.biaya as f64
        }
    };
    urut.sort_by(|&a, &b| {
        rasio(b)
            .total_cmp(&rasio(a))
            .then(m.kandidat[b].poin.cmp(&m.kandidat[a].poin))
            .then(a.cmp(&b))
    });
    let mut sisa = m.anggaran;
    let mut kelompok = std::collections::HashSet::new();
    let mut kursi: HashMap<usize, u32> = HashMap::new();
    let mut jp: HashMap<usize, u32> = HashMap::new();
    let mut pilih = vec![];
    for i in urut {
        let k = &m.kandidat[i];
        let muat = k.biaya <= sisa
            && !kelompok.contains(&k.kelompok)
            && m.kapasitas
                .get(&k.aksi)
                .is_none_or(|c| kursi.get(&k.aksi).copied().unwrap_or(0) + k.kali <= *c)
            && m.jp_maks
                .is_none_or(|x| jp.get(&k.orang).copied().unwrap_or(0) + k.jp <= x);
        if muat {
            sisa -= k.biaya;
            kelompok.insert(k.kelompok);
            *kursi.entry(k.aksi).or_default() += k.kali;
            *jp.entry(k.orang).or_default() += k.jp;
            pilih.push(i);
        }
    }
    m.nilai(pilih, false, f64::NAN)
}

/// The best plan the integer program finds within `simpul` branch-and-bound nodes (the greedy
/// plan if nothing better), with its gap to the best bound.
pub fn optimal(m: &Masalah, simpul: u64) -> Pilihan {
    let awal = rakus(m);
    if m.kandidat.is_empty() {
        return m.nilai(vec![], true, 0.0);
    }
    use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOptions};
    let mut p = Problem::new(OptimizationDirection::Maximize);
    let x: Vec<microlp::Variable> = m
        .kandidat
        .iter()
        .map(|k| p.add_binary_var(f64::from(k.poin)))
        .collect();
    // Budget in thousands of rupiah keeps the coefficients small.
    let ribu = |v: u64| v as f64 / 1000.0;
    let anggaran: Vec<(microlp::Variable, f64)> = m
        .kandidat
        .iter()
        .zip(&x)
        .filter(|(k, _)| k.biaya > 0)
        .map(|(k, v)| (*v, ribu(k.biaya)))
        .collect();
    if !anggaran.is_empty() {
        p.add_constraint(anggaran.as_slice(), ComparisonOp::Le, ribu(m.anggaran));
    }
    let mut per_kelompok: HashMap<usize, Vec<(microlp::Variable, f64)>> = HashMap::new();
    let mut per_aksi: HashMap<usize, Vec<(microlp::Variable, f64)>> = HashMap::new();
    let mut per_orang: HashMap<usize, Vec<(microlp::Variable, f64)>> = HashMap::new();
    for (k, v) in m.kandidat.iter().zip(&x) {
        per_kelompok.entry(k.kelompok).or_default().push((*v, 1.0));
        if m.kapasitas.contains_key(&k.aksi) {
            per_aksi
                .entry(k.aksi)
                .or_default()
                .push((*v, f64::from(k.kali)));
        }
        if m.jp_maks.is_some() && k.jp > 0 {
            per_orang
                .entry(k.orang)
                .or_default()
                .push((*v, f64::from(k.jp)));
        }
    }
    for c in per_kelompok.values().filter(|c| c.len() > 1) {
        p.add_constraint(c.as_slice(), ComparisonOp::Le, 1.0);
    }
    for (a, c) in &per_aksi {
        p.add_constraint(c.as_slice(), ComparisonOp::Le, f64::from(m.kapasitas[a]));
    }
    if let Some(j) = m.jp_maks {
        for c in per_orang.values() {
            p.add_constraint(c.as_slice(), ComparisonOp::Le, f64::from(j));
        }
    }
    let warm: Vec<(microlp::Variable, f64)> = x
        .iter()
        .enumerate()
        .map(|(i, v)| (*v, if awal.pilih.contains(&i) { 1.0 } else { 0.0 }))
        .collect();
    let mut opsi = SolveOptions::default();
    opsi.node_limit = Some(simpul);
    opsi.warm_start = Some(warm);
    let Ok(hasil) = p.solve_with(opsi) else {
        return awal;
    };
    let Some(sol) = hasil.solution() else {
        return awal;
    };
    let pilih: Vec<usize> = x
        .iter()
        .enumerate()
        .filter(|(_, v)| sol.var_value(**v) > 0.5)
        .map(|(i, _)| i)
        .collect();
    let tepat = sol.status() == microlp::SolutionStatus::Optimal;
    let gap = if tepat {
        0.0
    } else {
        sol.gap().unwrap_or(f64::NAN)
    };
    let hasil = m.nilai(pilih, tepat, gap);
    // Rounding in the solver must not break a limit, and the plan is never worse than greedy.
    if !m.layak(&hasil.pilih) || hasil.poin < awal.poin {
        return Pilihan { gap, ..awal };
    }
    hasil
}

/// Every choice tried (at most 20 candidates): the best plan, for checking the others.
pub fn semua_kemungkinan(m: &Masalah) -> Pilihan {
    let n = m.kandidat.len();
    assert!(n <= 20, "brute force is for small instances");
    let mut best: (u64, Vec<usize>) = (0, vec![]);
    for mask in 0u32..(1 << n) {
        let pilih: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
        let poin: u64 = pilih.iter().map(|&i| u64::from(m.kandidat[i].poin)).sum();
        if poin > best.0 && m.layak(&pilih) {
            best = (poin, pilih);
        }
    }
    m.nilai(best.1, true, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kandidat() -> impl Strategy<Value = Vec<Kandidat>> {
        proptest::collection::vec(
            (
                0usize..4,
                0usize..3,
                1u32..3,
                0u64..20,
                0u32..40,
                1u32..20,
                0usize..6,
            ),
            0..14,
        )
        .prop_map(|v| {
            v.into_iter()
                .map(|(orang, aksi, kali, biaya, jp, poin, kelompok)| Kandidat {
                    orang,
                    aksi,
                    kali,
                    biaya: biaya * 1_000_000,
                    jp,
                    poin,
                    // Groups belong to one person.
                    kelompok: orang * 10 + kelompok,
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// The integer program equals brute force, is never worse than greedy, and every plan
        /// keeps the budget, the seats, the hours and one action per group.
        #[test]
        fn optimal_equals_brute_force(
            k in kandidat(),
            anggaran in 0u64..60,
            kap in proptest::option::of(1u32..4),
            jp_maks in proptest::option::of(10u32..60),
        ) {
            let mut kapasitas = HashMap::new();
            if let Some(c) = kap {
                kapasitas.insert(1usize, c);
            }
            let m = Masalah { kandidat: &k, anggaran: anggaran * 1_000_000, kapasitas, jp_maks };
            let g = rakus(&m);
            let o = optimal(&m, 100_000);
            let b = semua_kemungkinan(&m);
            prop_assert!(m.layak(&g.pilih));
            prop_assert!(m.layak(&o.pilih));
            prop_assert!(o.poin >= g.poin);
            prop_assert_eq!(o.poin, b.poin);
            prop_assert!(o.optimal);
        }
    }

    #[test]
    fn free_actions_first_then_points_per_rupiah() {
        let k = vec![
            Kandidat {
                orang: 0,
                aksi: 0,
                kali: 1,
                biaya: 0,
                jp: 0,
                poin: 4,
                kelompok: 0,
            },
            Kandidat {
                orang: 1,
                aksi: 1,
                kali: 1,
                biaya: 10,
                jp: 20,
                poin: 10,
                kelompok: 1,
            },
            Kandidat {
                orang: 2,
                aksi: 1,
                kali: 1,
                biaya: 10,
                jp: 20,
                poin: 6,
                kelompok: 2,
            },
            Kandidat {
                orang: 2,
                aksi: 2,
                kali: 1,
                biaya: 4,
                jp: 20,
                poin: 5,
                kelompok: 2,
            },
        ];
        let m = Masalah {
            kandidat: &k,
            anggaran: 14,
            kapasitas: HashMap::new(),
            jp_maks: None,
        };
        let g = rakus(&m);
        // Free (0), then 5/4 (3), then 10/10 (1); 6/10 is the same group as 3.
        assert_eq!(g.pilih, vec![0, 1, 3]);
        assert_eq!((g.poin, g.biaya), (19, 14));
    }
}
