//! Choosing actions: at most one per group of alternatives, within a budget (rupiah), the
//! seats of each action and the lesson hours of each person, to add the most points (the mean IP
//! of the persons is their points' sum over their number).
//!
//! With targets ([`Sasaran`]: persons reaching a category, units reaching 80) the objective is
//! the number of targets reached, and what the limits still allow then buys the most points.
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
    /// What to reach: empty — the most points (the mean IP); otherwise the most of these
    /// targets reached, the rest of the budget then spent on the most points.
    pub sasaran: &'a [Sasaran],
}

/// A target: its persons' chosen points together reach `perlu` (a person reaching a category:
/// one person, the points they lack; a unit reaching 80: its persons, 80 × their number minus
/// their sum).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sasaran {
    /// The persons (as in [`Kandidat::orang`]).
    pub anggota: Vec<usize>,
    /// Points needed, halves (0: reached already).
    pub perlu: u64,
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
    /// Targets reached (with [`Masalah::sasaran`]).
    pub tercapai: usize,
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

    /// How many targets a set of candidates reaches.
    pub fn tercapai(&self, pilih: &[usize]) -> usize {
        if self.sasaran.is_empty() {
            return 0;
        }
        let mut per_orang: HashMap<usize, u64> = HashMap::new();
        for &i in pilih {
            let k = &self.kandidat[i];
            *per_orang.entry(k.orang).or_default() += u64::from(k.poin);
        }
        self.sasaran
            .iter()
            .filter(|s| {
                s.anggota
                    .iter()
                    .map(|o| per_orang.get(o).copied().unwrap_or(0))
                    .sum::<u64>()
                    >= s.perlu
            })
            .count()
    }

    fn nilai(&self, mut pilih: Vec<usize>, optimal: bool, gap: f64) -> Pilihan {
        pilih.sort_unstable();
        Pilihan {
            tercapai: self.tercapai(&pilih),
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

/// The limits used so far by a plan being built.
struct Keranjang<'m, 'a> {
    m: &'m Masalah<'a>,
    sisa: u64,
    kelompok: std::collections::HashSet<usize>,
    kursi: HashMap<usize, u32>,
    jp: HashMap<usize, u32>,
    pilih: Vec<usize>,
}

impl<'m, 'a> Keranjang<'m, 'a> {
    fn baru(m: &'m Masalah<'a>) -> Self {
        Keranjang {
            m,
            sisa: m.anggaran,
            kelompok: Default::default(),
            kursi: HashMap::new(),
            jp: HashMap::new(),
            pilih: vec![],
        }
    }

    /// Takes candidate `i` if its group is open and every limit holds.
    fn ambil(&mut self, i: usize) -> bool {
        let m = self.m;
        let k = &m.kandidat[i];
        let muat = k.biaya <= self.sisa
            && !self.kelompok.contains(&k.kelompok)
            && m.kapasitas
                .get(&k.aksi)
                .is_none_or(|c| self.kursi.get(&k.aksi).copied().unwrap_or(0) + k.kali <= *c)
            && m.jp_maks
                .is_none_or(|x| self.jp.get(&k.orang).copied().unwrap_or(0) + k.jp <= x);
        if muat {
            self.sisa -= k.biaya;
            self.kelompok.insert(k.kelompok);
            *self.kursi.entry(k.aksi).or_default() += k.kali;
            *self.jp.entry(k.orang).or_default() += k.jp;
            self.pilih.push(i);
        }
        muat
    }

    /// Gives back the candidates taken after the first `n`.
    fn kembalikan(&mut self, n: usize) {
        for i in self.pilih.split_off(n) {
            let k = &self.m.kandidat[i];
            self.sisa += k.biaya;
            self.kelompok.remove(&k.kelompok);
            *self.kursi.get_mut(&k.aksi).expect("taken") -= k.kali;
            *self.jp.get_mut(&k.orang).expect("taken") -= k.jp;
        }
    }
}

/// Candidates by value: free first, then points per rupiah, more points on a tie.
fn urut_rasio(m: &Masalah, calon: &mut [usize]) {
    let rasio = |i: usize| {
        let k = &m.kandidat[i];
        if k.biaya == 0 {
            f64::INFINITY
        } else {
            f64::from(k.poin) / k.biaya as f64
        }
    };
    calon.sort_by(|&a, &b| {
        rasio(b)
            .total_cmp(&rasio(a))
            .then(m.kandidat[b].poin.cmp(&m.kandidat[a].poin))
            .then(a.cmp(&b))
    });
}

/// Fills what is left of the limits with the most points per rupiah.
fn isi(k: &mut Keranjang) {
    let mut urut: Vec<usize> = (0..k.m.kandidat.len()).collect();
    urut_rasio(k.m, &mut urut);
    let sudah: std::collections::HashSet<usize> = k.pilih.iter().copied().collect();
    for i in urut {
        if !sudah.contains(&i) {
            k.ambil(i);
        }
    }
}

/// The greedy plan. For points: free actions first, then by points per rupiah, each taken if
/// its group is still open and every limit holds. For targets: the targets in order of what
/// reaching each alone would cost, each reached with its own candidates by points per rupiah or
/// given up (what it took given back); then the rest as for points.
pub fn rakus(m: &Masalah) -> Pilihan {
    let mut k = Keranjang::baru(m);
    if !m.sasaran.is_empty() {
        let mut per_orang: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, c) in m.kandidat.iter().enumerate() {
            per_orang.entry(c.orang).or_default().push(i);
        }
        let calon = |s: &Sasaran| {
            let mut c: Vec<usize> = s
                .anggota
                .iter()
                .flat_map(|o| per_orang.get(o).into_iter().flatten().copied())
                .collect();
            urut_rasio(m, &mut c);
            c
        };
        // What reaching a target alone costs (None: it cannot be reached alone).
        let biaya_sendiri = |s: &Sasaran| {
            let mut kk = Keranjang::baru(m);
            let mut poin = 0u64;
            for i in calon(s) {
                if poin >= s.perlu {
                    break;
                }
                if kk.ambil(i) {
                    poin += u64::from(m.kandidat[i].poin);
                }
            }
            (poin >= s.perlu).then_some(m.anggaran - kk.sisa)
        };
        let mut urut: Vec<(u64, usize)> = m
            .sasaran
            .iter()
            .enumerate()
            .filter(|(_, s)| s.perlu > 0)
            .filter_map(|(t, s)| biaya_sendiri(s).map(|b| (b, t)))
            .collect();
        urut.sort_unstable();
        for (_, t) in urut {
            let s = &m.sasaran[t];
            let n = k.pilih.len();
            let anggota: std::collections::HashSet<usize> = s.anggota.iter().copied().collect();
            let mut poin: u64 = k
                .pilih
                .iter()
                .filter(|&&i| anggota.contains(&m.kandidat[i].orang))
                .map(|&i| u64::from(m.kandidat[i].poin))
                .sum();
            for i in calon(s) {
                if poin >= s.perlu {
                    break;
                }
                if !k.pilih.contains(&i) && k.ambil(i) {
                    poin += u64::from(m.kandidat[i].poin);
                }
            }
            if poin < s.perlu {
                k.kembalikan(n);
            }
        }
    }
    isi(&mut k);
    m.nilai(k.pilih, false, f64::NAN)
}

/// The most combinations of one person's actions tried for their cheapest way to a target.
const MAKS_KOMBINASI: usize = 4_096;

/// Targets of one person each (persons reaching a category): each person's cheapest way to
/// their target, tried exactly over their own actions (one per group, within the hours per
/// person); then the persons by that cost, cheapest first, each taken whole or not at all; then
/// the rest of the limits on points. The bound is the budget's fractional knapsack over those
/// cheapest costs (seats left out, so it is never below the optimum): when the plan reaches as
/// many as its whole part, it is proven optimal. `None` when a target is not one person's, or a
/// person has too many combinations.
fn per_orang_tepat(m: &Masalah) -> Option<Pilihan> {
    let mut orang_target: HashMap<usize, usize> = HashMap::new();
    for (t, s) in m.sasaran.iter().enumerate() {
        if s.anggota.len() != 1 || orang_target.insert(s.anggota[0], t).is_some() {
            return None;
        }
    }
    // Each person's candidates by group.
    let mut per_orang: HashMap<usize, std::collections::BTreeMap<usize, Vec<usize>>> =
        HashMap::new();
    for (i, k) in m.kandidat.iter().enumerate() {
        per_orang
            .entry(k.orang)
            .or_default()
            .entry(k.kelompok)
            .or_default()
            .push(i);
    }
    let mut biaya_min: Vec<(u64, usize, Vec<usize>)> = vec![];
    let mut sudah = 0usize;
    for s in m.sasaran {
        if s.perlu == 0 {
            sudah += 1;
            continue;
        }
        let Some(grup) = per_orang.get(&s.anggota[0]) else {
            continue;
        };
        let grup: Vec<&Vec<usize>> = grup.values().collect();
        let n: usize = grup
            .iter()
            .try_fold(1usize, |a, g| a.checked_mul(g.len() + 1))
            .filter(|n| *n <= MAKS_KOMBINASI)?;
        let mut best: Option<(u64, u32, Vec<usize>)> = None;
        for mut c in 0..n {
            let mut pilih = vec![];
            for g in &grup {
                let j = c % (g.len() + 1);
                c /= g.len() + 1;
                if j > 0 {
                    pilih.push(g[j - 1]);
                }
            }
            let poin: u64 = pilih.iter().map(|&i| u64::from(m.kandidat[i].poin)).sum();
            let biaya: u64 = pilih.iter().map(|&i| m.kandidat[i].biaya).sum();
            let jp: u32 = pilih.iter().map(|&i| m.kandidat[i].jp).sum();
            if poin < s.perlu || m.jp_maks.is_some_and(|x| jp > x) {
                continue;
            }
            if best.as_ref().is_none_or(|b| (biaya, jp) < (b.0, b.1)) {
                best = Some((biaya, jp, pilih));
            }
        }
        if let Some((biaya, _, pilih)) = best {
            biaya_min.push((biaya, s.anggota[0], pilih));
        }
    }
    biaya_min.sort_unstable();
    let mut k = Keranjang::baru(m);
    for (_, _, pilih) in &biaya_min {
        let n = k.pilih.len();
        if !pilih.iter().all(|&i| k.ambil(i)) {
            k.kembalikan(n);
        }
    }
    isi(&mut k);
    let mut hasil = m.nilai(k.pilih, false, f64::NAN);
    // The bound: as many cheapest costs as the budget holds, whole.
    let mut sisa = m.anggaran;
    let mut batas = sudah;
    for (b, _, _) in &biaya_min {
        if *b > sisa {
            break;
        }
        sisa -= b;
        batas += 1;
    }
    hasil.optimal = hasil.tercapai >= batas;
    hasil.gap = if batas == 0 {
        0.0
    } else {
        (batas.saturating_sub(hasil.tercapai)) as f64 / batas as f64
    };
    Some(hasil)
}

/// The best plan the integer program finds within `simpul` branch-and-bound nodes (the greedy
/// plan if nothing better), with its gap to the best bound. Targets of one person each are
/// solved by [`per_orang_tepat`] instead (exact per person, a much tighter bound).
pub fn optimal(m: &Masalah, simpul: u64) -> Pilihan {
    let awal = rakus(m);
    if !m.sasaran.is_empty()
        && let Some(p) = per_orang_tepat(m)
    {
        return if (p.tercapai, p.poin) >= (awal.tercapai, awal.poin) && m.layak(&p.pilih) {
            p
        } else {
            Pilihan {
                optimal: false,
                gap: p.gap,
                ..awal
            }
        };
    }
    if m.kandidat.is_empty() {
        return m.nilai(vec![], true, 0.0);
    }
    use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOptions};
    let mut p = Problem::new(OptimizationDirection::Maximize);
    let x: Vec<microlp::Variable> = m
        .kandidat
        .iter()
        .map(|k| {
            p.add_binary_var(if m.sasaran.is_empty() {
                f64::from(k.poin)
            } else {
                0.0
            })
        })
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
    // Targets: z_t = 1 only if the chosen points of its persons reach what it needs.
    let mut z = vec![];
    if !m.sasaran.is_empty() {
        let mut per_orang: HashMap<usize, Vec<(microlp::Variable, f64)>> = HashMap::new();
        for (k, v) in m.kandidat.iter().zip(&x) {
            per_orang
                .entry(k.orang)
                .or_default()
                .push((*v, f64::from(k.poin)));
        }
        for s in m.sasaran.iter().filter(|s| s.perlu > 0) {
            let mut c: Vec<(microlp::Variable, f64)> = s
                .anggota
                .iter()
                .flat_map(|o| per_orang.get(o).into_iter().flatten().copied())
                .collect();
            if c.iter().map(|(_, p)| *p).sum::<f64>() < s.perlu as f64 {
                continue; // cannot be reached
            }
            let zt = p.add_binary_var(1.0);
            c.push((zt, -(s.perlu as f64)));
            p.add_constraint(c.as_slice(), ComparisonOp::Ge, 0.0);
            z.push((zt, s));
        }
    }
    let dipilih: std::collections::HashSet<usize> = awal.pilih.iter().copied().collect();
    let mut warm: Vec<(microlp::Variable, f64)> = x
        .iter()
        .enumerate()
        .map(|(i, v)| (*v, if dipilih.contains(&i) { 1.0 } else { 0.0 }))
        .collect();
    if !z.is_empty() {
        let mut per_orang: HashMap<usize, u64> = HashMap::new();
        for &i in &awal.pilih {
            *per_orang.entry(m.kandidat[i].orang).or_default() += u64::from(m.kandidat[i].poin);
        }
        for (zt, s) in &z {
            let punya: u64 = s.anggota.iter().filter_map(|o| per_orang.get(o)).sum();
            warm.push((*zt, if punya >= s.perlu { 1.0 } else { 0.0 }));
        }
    }
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
    let pilih = if m.sasaran.is_empty() {
        pilih
    } else {
        // The targets reached, then the rest of the limits on the most points.
        let mut k = Keranjang::baru(m);
        let mut sah = true;
        for i in pilih {
            sah &= k.ambil(i);
        }
        if !sah {
            return Pilihan { gap, ..awal };
        }
        isi(&mut k);
        k.pilih
    };
    let hasil = m.nilai(pilih, tepat, gap);
    // Rounding in the solver must not break a limit, and the plan is never worse than greedy.
    let lebih_buruk = if m.sasaran.is_empty() {
        hasil.poin < awal.poin
    } else {
        (hasil.tercapai, hasil.poin) < (awal.tercapai, awal.poin)
    };
    if !m.layak(&hasil.pilih) || lebih_buruk {
        return Pilihan { gap, ..awal };
    }
    hasil
}

/// Every choice tried (at most 20 candidates): the best plan, for checking the others.
pub fn semua_kemungkinan(m: &Masalah) -> Pilihan {
    let n = m.kandidat.len();
    assert!(n <= 20, "brute force is for small instances");
    let mut best: ((usize, u64), Vec<usize>) = ((0, 0), vec![]);
    for mask in 0u32..(1 << n) {
        let pilih: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
        let poin: u64 = pilih.iter().map(|&i| u64::from(m.kandidat[i].poin)).sum();
        let nilai = (m.tercapai(&pilih), poin);
        if nilai > best.0 && m.layak(&pilih) {
            best = (nilai, pilih);
        }
    }
    m.nilai(best.1, true, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kandidat::Tambahan;
    use proptest::prelude::*;

    const TAMBAHAN: Tambahan = Tambahan::Pendidikan(ipasn_core::model::TingkatPendidikan::S1);

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
                    tambahan: TAMBAHAN,
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
            let m = Masalah { kandidat: &k, anggaran: anggaran * 1_000_000, kapasitas, jp_maks, sasaran: &[] };
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// With targets (persons reaching a category; groups of persons reaching a sum), the
        /// integer program reaches as many as brute force, never fewer than greedy, and keeps
        /// every limit.
        #[test]
        fn targets_reached_as_brute_force(
            k in kandidat(),
            anggaran in 0u64..60,
            jp_maks in proptest::option::of(10u32..60),
            perlu in proptest::collection::vec((0usize..4, 0usize..4, 0u64..40), 1..5),
        ) {
            let sasaran: Vec<Sasaran> = perlu
                .into_iter()
                .map(|(a, b, p)| Sasaran { anggota: if a == b { vec![a] } else { vec![a, b] }, perlu: p })
                .collect();
            let m = Masalah {
                kandidat: &k, anggaran: anggaran * 1_000_000, kapasitas: HashMap::new(), jp_maks,
                sasaran: &sasaran,
            };
            let g = rakus(&m);
            let o = optimal(&m, 100_000);
            let b = semua_kemungkinan(&m);
            prop_assert!(m.layak(&g.pilih));
            prop_assert!(m.layak(&o.pilih));
            prop_assert!(o.tercapai >= g.tercapai);
            prop_assert_eq!(o.tercapai, b.tercapai);
            prop_assert_eq!(o.tercapai, m.tercapai(&o.pilih));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Persons reaching a category (one person a target): as many as brute force, proven
        /// optimal whenever the plan says so, every limit kept.
        #[test]
        fn persons_reached_as_brute_force(
            k in kandidat(),
            anggaran in 0u64..60,
            kap in proptest::option::of(1u32..4),
            jp_maks in proptest::option::of(10u32..60),
            perlu in proptest::collection::vec(0u64..40, 4),
        ) {
            let sasaran: Vec<Sasaran> = perlu
                .into_iter()
                .enumerate()
                .map(|(o, p)| Sasaran { anggota: vec![o], perlu: p })
                .collect();
            let mut kapasitas = HashMap::new();
            if let Some(c) = kap {
                kapasitas.insert(1usize, c);
            }
            let m = Masalah {
                kandidat: &k, anggaran: anggaran * 1_000_000, kapasitas, jp_maks,
                sasaran: &sasaran,
            };
            let o = optimal(&m, 100_000);
            let b = semua_kemungkinan(&m);
            prop_assert!(m.layak(&o.pilih));
            prop_assert!(o.tercapai >= rakus(&m).tercapai);
            prop_assert!(o.tercapai <= b.tercapai);
            if o.optimal {
                prop_assert_eq!(o.tercapai, b.tercapai);
            }
            if kap.is_none() {
                // Without seats, cheapest first is exact.
                prop_assert_eq!(o.tercapai, b.tercapai);
            }
        }
    }

    #[test]
    fn targets_first_then_points() {
        // Person 0 needs 10 (two actions of 6 and 5), person 1 needs 4 (one of 4); a budget of
        // 3 reaches both only by skipping the best ratio (person 2's 9 points for 1).
        let c = |orang, biaya, poin, kelompok| Kandidat {
            orang,
            aksi: 0,
            kali: 1,
            biaya,
            jp: 0,
            poin,
            kelompok,
            tambahan: TAMBAHAN,
        };
        let k = vec![c(0, 1, 6, 0), c(0, 1, 5, 1), c(1, 1, 4, 2), c(2, 1, 9, 3)];
        let sasaran = vec![
            Sasaran {
                anggota: vec![0],
                perlu: 10,
            },
            Sasaran {
                anggota: vec![1],
                perlu: 4,
            },
            Sasaran {
                anggota: vec![2],
                perlu: 0,
            },
        ];
        let mut m = Masalah {
            kandidat: &k,
            anggaran: 3,
            kapasitas: HashMap::new(),
            jp_maks: None,
            sasaran: &sasaran,
        };
        let o = optimal(&m, 1_000);
        assert_eq!((o.pilih.clone(), o.tercapai), (vec![0, 1, 2], 3));
        assert_eq!(rakus(&m).tercapai, 3);
        // For points, the same budget buys 9 + 6 + 5.
        m.sasaran = &[];
        assert_eq!(optimal(&m, 1_000).pilih, vec![0, 1, 3]);
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
                tambahan: TAMBAHAN,
            },
            Kandidat {
                orang: 1,
                aksi: 1,
                kali: 1,
                biaya: 10,
                jp: 20,
                poin: 10,
                kelompok: 1,
                tambahan: TAMBAHAN,
            },
            Kandidat {
                orang: 2,
                aksi: 1,
                kali: 1,
                biaya: 10,
                jp: 20,
                poin: 6,
                kelompok: 2,
                tambahan: TAMBAHAN,
            },
            Kandidat {
                orang: 2,
                aksi: 2,
                kali: 1,
                biaya: 4,
                jp: 20,
                poin: 5,
                kelompok: 2,
                tambahan: TAMBAHAN,
            },
        ];
        let m = Masalah {
            kandidat: &k,
            anggaran: 14,
            kapasitas: HashMap::new(),
            jp_maks: None,
            sasaran: &[],
        };
        let g = rakus(&m);
        // Free (0), then 5/4 (3), then 10/10 (1); 6/10 is the same group as 3.
        assert_eq!(g.pilih, vec![0, 1, 3]);
        assert_eq!((g.poin, g.biaya), (19, 14));
    }
}
