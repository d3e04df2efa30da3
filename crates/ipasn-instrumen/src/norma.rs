//! Norms (norma): a raw score placed against a group of people.
//!
//! A scale's norm is linear (the group's mean and standard deviation: z = (x − mean) / sd,
//! T = 50 + 10z, percentile = 100·Φ(z)) or a lookup table (raw → T and percentile, the rows
//! between two listed raw scores interpolated linearly, beyond the ends the end row). Norms are
//! built from the platform's own scores ([`bangun`]) per norm group, with a minimum group size:
//! below it the next broader group is used ([`pilih_kelompok`]), and the report says which.
//! Ipsative instruments (pairs, Most/Least groups) get no norm: their profiles are read within
//! the person.

use crate::skor::Hasil;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A row of a lookup norm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarisNorma {
    /// Raw score.
    pub mentah: f64,
    /// T-score.
    pub t: f64,
    /// Percentile.
    pub persentil: f64,
}

/// One scale's norm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "bentuk")]
pub enum NormaSkala {
    /// Mean and standard deviation of `n` people.
    Linear {
        /// People.
        n: usize,
        /// Mean raw score.
        rerata: f64,
        /// Standard deviation (n − 1).
        sb: f64,
    },
    /// A table, sorted by raw score.
    Tabel {
        /// Rows.
        baris: Vec<BarisNorma>,
    },
}

impl NormaSkala {
    /// Whether the norm can place anyone: a linear norm of at least 2 people with a finite mean
    /// and a standard deviation above 0; a table with percentiles 0–100, finite T-scores and no
    /// raw score twice.
    pub fn sah(&self) -> bool {
        match self {
            NormaSkala::Linear { n, rerata, sb } => {
                *n >= 2 && rerata.is_finite() && sb.is_finite() && *sb > 0.0
            }
            NormaSkala::Tabel { baris } => {
                !baris.is_empty()
                    && baris.iter().all(|b| {
                        b.mentah.is_finite()
                            && b.t.is_finite()
                            && (0.0..=100.0).contains(&b.persentil)
                    })
                    && baris.windows(2).all(|w| w[0].mentah < w[1].mentah)
            }
        }
    }

    /// T-score and percentile of a raw score; `None` when the norm cannot place it (a
    /// standard deviation of 0, an empty table).
    pub fn nilai(&self, mentah: f64) -> Option<(f64, f64)> {
        match self {
            NormaSkala::Linear { rerata, sb, .. } => {
                if *sb <= 0.0 || !sb.is_finite() {
                    return None;
                }
                let z = (mentah - rerata) / sb;
                Some((50.0 + 10.0 * z, 100.0 * phi(z)))
            }
            NormaSkala::Tabel { baris } => {
                let first = baris.first()?;
                if mentah <= first.mentah {
                    return Some((first.t, first.persentil));
                }
                for w in baris.windows(2) {
                    let (a, b) = (&w[0], &w[1]);
                    if mentah <= b.mentah {
                        let f = (mentah - a.mentah) / (b.mentah - a.mentah);
                        return Some((
                            a.t + f * (b.t - a.t),
                            a.persentil + f * (b.persentil - a.persentil),
                        ));
                    }
                }
                let last = baris.last()?;
                Some((last.t, last.persentil))
            }
        }
    }
}

/// A norm: per scale code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Norma {
    /// The norm group's name (`instansi`, `instansi / jenjang Ahli Muda`), as the caller names it.
    pub kelompok: String,
    /// The people of the group it was built from (0 for a norm read from a file).
    #[serde(default)]
    pub orang: usize,
    /// Per scale code.
    pub skala: BTreeMap<String, NormaSkala>,
}

/// A linear norm from scored people: per scale, the mean and standard deviation (n − 1) of the
/// raw scores people have (prorated scores count; missing ones do not). A scale with fewer than
/// 2 scores or no spread is left out: it could place no one.
pub fn bangun(kelompok: &str, hasil: &[&Hasil]) -> Norma {
    let mut skala = BTreeMap::new();
    let Some(first) = hasil.first() else {
        return Norma {
            kelompok: kelompok.into(),
            orang: 0,
            skala,
        };
    };
    for (s, sk) in first.skala.iter().enumerate() {
        let xs: Vec<f64> = hasil
            .iter()
            .filter_map(|h| h.skala.get(s)?.mentah)
            .collect();
        let n = xs.len();
        let rerata = if n > 0 {
            xs.iter().sum::<f64>() / n as f64
        } else {
            0.0
        };
        let sb = if n > 1 {
            (xs.iter().map(|x| (x - rerata).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
        } else {
            0.0
        };
        // A scale that cannot place anyone (fewer than 2 scores, or all the same) gets no norm.
        if n >= 2 && sb > 0.0 && sb.is_finite() {
            skala.insert(sk.kode.clone(), NormaSkala::Linear { n, rerata, sb });
        }
    }
    Norma {
        kelompok: kelompok.into(),
        orang: hasil.len(),
        skala,
    }
}

/// The norm group to use: candidates from the narrowest to the broadest with their sizes; the
/// first with at least `minimum` people, else `None` (no norm: report raw scores only).
pub fn pilih_kelompok(kandidat: &[(String, usize)], minimum: usize) -> Option<usize> {
    kandidat.iter().position(|(_, n)| *n >= minimum)
}

/// The standard normal distribution function Φ(z), to about 1e-7 (the complementary error
/// function by the Chebyshev fit of Press et al., Numerical Recipes, 2nd ed., §6.2).
pub fn phi(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let ans = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { ans } else { 2.0 - ans }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phi_matches_known_values() {
        // Φ values from standard tables.
        for (z, p) in [
            (0.0, 0.5),
            (1.0, 0.841_344_7),
            (-1.96, 0.024_997_9),
            (2.5, 0.993_790_3),
        ] {
            assert!((phi(z) - p).abs() < 2e-7, "{z}: {}", phi(z));
        }
    }

    #[test]
    fn linear_and_table_norms() {
        let l = NormaSkala::Linear {
            n: 100,
            rerata: 30.0,
            sb: 5.0,
        };
        let (t, p) = l.nilai(40.0).unwrap();
        assert!((t - 70.0).abs() < 1e-12);
        assert!((p - 97.724_987).abs() < 1e-4);
        assert_eq!(
            NormaSkala::Linear {
                n: 1,
                rerata: 3.0,
                sb: 0.0
            }
            .nilai(3.0),
            None
        );
        let tab = NormaSkala::Tabel {
            baris: vec![
                BarisNorma {
                    mentah: 10.0,
                    t: 30.0,
                    persentil: 2.0,
                },
                BarisNorma {
                    mentah: 20.0,
                    t: 50.0,
                    persentil: 50.0,
                },
            ],
        };
        assert_eq!(tab.nilai(15.0), Some((40.0, 26.0)));
        assert_eq!(tab.nilai(5.0), Some((30.0, 2.0)));
        assert_eq!(tab.nilai(25.0), Some((50.0, 50.0)));
    }

    #[test]
    fn the_narrowest_group_with_enough_people() {
        let k = vec![("jenjang".to_string(), 40), ("instansi".to_string(), 350)];
        assert_eq!(pilih_kelompok(&k, 100), Some(1));
        assert_eq!(pilih_kelompok(&k, 30), Some(0));
        assert_eq!(pilih_kelompok(&k, 1000), None);
    }
}
