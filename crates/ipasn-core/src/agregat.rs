//! Aggregation over the unor tree (spec §7): every unit's figures cover its whole subtree.
//!
//! Unit IP = arithmetic mean of the measured persons' IP; each dimension's mean is reported too,
//! and the four means add up exactly to the IP mean (sums are kept in half-points; rounding
//! happens only when presenting). Participation = measured / all persons of the subtree.

use crate::hasil::{Dimensi, Flags, Skor};
use crate::model::Unor;
use crate::number::{Decimal, Points};
use crate::rules::RuleSet;

/// Sums for one unit's subtree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Agregat {
    /// All persons in the subtree (any status).
    pub pegawai: u64,
    /// Persons measured under the rule set.
    pub diukur: u64,
    /// Measured persons that enter the means (see `kinerja_kosong_dalam_rerata`).
    pub dalam_rerata: u64,
    /// Sum of each dimension's half-points over `dalam_rerata` persons.
    pub jumlah: [u64; 4],
    /// Sum of IP half-points over `dalam_rerata` persons.
    pub jumlah_ip: u64,
    /// Persons in each category (index of the rule set's `kategori`), over `dalam_rerata`.
    pub per_kategori: Vec<u64>,
}

impl Agregat {
    /// Adds one person (measured or not).
    pub fn add(&mut self, hasil: Option<&Skor>, rules: &RuleSet) {
        self.pegawai += 1;
        let Some(h) = hasil else { return };
        self.diukur += 1;
        if !rules.pengukuran.kinerja_kosong_dalam_rerata && h.flags.has(Flags::KINERJA_KOSONG) {
            return;
        }
        self.dalam_rerata += 1;
        for d in Dimensi::ALL {
            self.jumlah[d as usize] += h.poin(d).halves() as u64;
        }
        self.jumlah_ip += h.ip.halves() as u64;
        if self.per_kategori.len() < rules.kategori.len() {
            self.per_kategori.resize(rules.kategori.len(), 0);
        }
        self.per_kategori[h.kategori as usize] += 1;
    }

    /// Adds another unit's sums (a child's subtree).
    pub fn merge(&mut self, o: &Agregat) {
        self.pegawai += o.pegawai;
        self.diukur += o.diukur;
        self.dalam_rerata += o.dalam_rerata;
        for i in 0..4 {
            self.jumlah[i] += o.jumlah[i];
        }
        self.jumlah_ip += o.jumlah_ip;
        if self.per_kategori.len() < o.per_kategori.len() {
            self.per_kategori.resize(o.per_kategori.len(), 0);
        }
        for (a, b) in self.per_kategori.iter_mut().zip(&o.per_kategori) {
            *a += b;
        }
    }

    /// Mean IP rounded to two decimals, `None` without anyone in the mean.
    pub fn ip(&self) -> Option<Decimal> {
        (self.dalam_rerata > 0).then(|| Decimal::mean_points(self.jumlah_ip, self.dalam_rerata))
    }

    /// Mean of a dimension rounded to two decimals.
    pub fn rerata(&self, d: Dimensi) -> Option<Decimal> {
        (self.dalam_rerata > 0)
            .then(|| Decimal::mean_points(self.jumlah[d as usize], self.dalam_rerata))
    }

    /// Participation in percent (two decimals).
    pub fn partisipasi(&self) -> Decimal {
        Decimal::percent(self.diukur, self.pegawai)
    }

    /// Category of the exact mean (no rounding before comparing).
    pub fn kategori(&self, rules: &RuleSet) -> Option<usize> {
        (self.dalam_rerata > 0).then(|| rules.kategori_of_mean(self.jumlah_ip, self.dalam_rerata))
    }

    /// The exact mean IP as a point total over `dalam_rerata` (for tests): `(sum, n)`.
    pub fn exact_ip(&self) -> (Points, u64) {
        (Points(self.jumlah_ip as u32), self.dalam_rerata)
    }
}

/// Per-unit figures for every unit's subtree. `unor_of[i]` is person i's unit, `hasil[i]` their
/// result (`None` if not measured). Returns one [`Agregat`] per unit, in the order of `unor`.
///
/// A parent chain that loops (the importer refuses those) is cut where it closes.
pub fn per_unor(
    unor: &[Unor],
    unor_of: &[u32],
    hasil: &[Option<Skor>],
    rules: &RuleSet,
) -> Vec<Agregat> {
    assert_eq!(unor_of.len(), hasil.len(), "one unit per person");
    let mut own: Vec<Agregat> = vec![Agregat::default(); unor.len()];
    for (u, h) in unor_of.iter().zip(hasil) {
        own[*u as usize].add(h.as_ref(), rules);
    }
    // Children before parents: deepest first.
    let depth = depths(unor);
    let mut order: Vec<usize> = (0..unor.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depth[i]));
    for i in order {
        if let Some(parent) = unor[i].induk {
            let parent = parent as usize;
            if depth[parent] < depth[i] {
                let child = std::mem::take(&mut own[i]);
                own[parent].merge(&child);
                own[i] = child;
            }
        }
    }
    own
}

/// Depth of every unit (roots 0). Loops are cut: a unit met again gets no deeper.
pub fn depths(unor: &[Unor]) -> Vec<u32> {
    let mut depth: Vec<Option<u32>> = vec![None; unor.len()];
    let mut chain = vec![];
    for start in 0..unor.len() {
        let mut cur = start;
        chain.clear();
        let base = loop {
            if let Some(d) = depth[cur] {
                break d + 1;
            }
            if chain.contains(&cur) || chain.len() > unor.len() {
                break 0;
            }
            chain.push(cur);
            match unor[cur].induk {
                Some(p) => cur = p as usize,
                None => break 0,
            }
        };
        for (k, &u) in chain.iter().rev().enumerate() {
            depth[u].get_or_insert(base + k as u32);
        }
    }
    depth.into_iter().map(|d| d.unwrap_or(0)).collect()
}

/// The small-group rule: a group's figures (mean IP, categories, dimension means) are shown only
/// when at least `ambang` persons enter its mean, so that no one's score can be read back from a
/// small unit, year or region. `ambang` is the instansi's setting `kelompok_kecil` (default 5).
/// Every dashboard, sub-unit ranking, trend and map region asks this one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KelompokKecil {
    /// Fewest persons in a mean that may be shown.
    pub ambang: u64,
}

impl KelompokKecil {
    /// The rule for a threshold as stored (a threshold of 0 or below hides nothing).
    pub fn new(ambang: i64) -> KelompokKecil {
        KelompokKecil {
            ambang: ambang.max(0) as u64,
        }
    }

    /// Whether a group with `dalam_rerata` persons in its mean is hidden.
    pub fn sembunyikan(self, dalam_rerata: i64) -> bool {
        dalam_rerata < 0 || (dalam_rerata as u64) < self.ambang
    }

    /// A figure of a group with `dalam_rerata` persons in its mean: `None` when it is hidden.
    pub fn tampil<T>(self, dalam_rerata: i64, nilai: Option<T>) -> Option<T> {
        nilai.filter(|_| !self.sembunyikan(dalam_rerata))
    }
}

/// A map layer's region codes (Kemendagri, `32`, `32.75`), to place units by their own code.
#[derive(Clone, Debug)]
pub struct Lapisan<'a> {
    /// Longest first.
    kode: Vec<&'a str>,
}

impl<'a> Lapisan<'a> {
    /// The layer of these feature codes.
    pub fn new(kode: impl IntoIterator<Item = &'a str>) -> Lapisan<'a> {
        let mut kode: Vec<&str> = kode.into_iter().collect();
        kode.sort_by_key(|c| std::cmp::Reverse(c.len()));
        Lapisan { kode }
    }

    /// The feature a unit's region code belongs to: the longest feature code equal to it or
    /// followed in it by a dot (a unit coded `32.75.01` belongs to `32.75` on the kab/kota layer
    /// and to `32` on the province layer). Surrounding spaces are ignored. `None`: not on the
    /// layer.
    pub fn wilayah(&self, kode_unit: &str) -> Option<&'a str> {
        let code = kode_unit.trim();
        self.kode.iter().copied().find(|c| {
            code == *c || (code.starts_with(c) && code.as_bytes().get(c.len()) == Some(&b'.'))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_groups_are_hidden() {
        let k = KelompokKecil::new(5);
        assert!(k.sembunyikan(4) && !k.sembunyikan(5) && k.sembunyikan(0));
        assert_eq!(k.tampil(4, Some(71.5)), None);
        assert_eq!(k.tampil(5, Some(71.5)), Some(71.5));
        assert!(!KelompokKecil::new(0).sembunyikan(0));
        assert!(
            !KelompokKecil::new(-3).sembunyikan(0),
            "no threshold hides nothing"
        );
    }

    #[test]
    fn longest_region_code_first() {
        let l = Lapisan::new(["32", "32.75", "3", "33"]);
        assert_eq!(l.wilayah("32.75.01"), Some("32.75"));
        assert_eq!(l.wilayah(" 32.75 "), Some("32.75"));
        assert_eq!(l.wilayah("32.04"), Some("32"));
        assert_eq!(l.wilayah("33"), Some("33"));
        assert_eq!(l.wilayah("327"), None, "a prefix must end at a dot");
        assert_eq!(l.wilayah("34.01"), None);
        assert_eq!(l.wilayah(""), None);
    }

    proptest! {
        /// A group below the threshold is never shown; one at or above it always is.
        #[test]
        fn suppression_never_reveals_a_small_group(ambang in -5i64..50, n in 0i64..60) {
            let k = KelompokKecil::new(ambang);
            let shown = k.tampil(n, Some(n));
            prop_assert_eq!(shown.is_none(), n < ambang);
        }
    }
}
