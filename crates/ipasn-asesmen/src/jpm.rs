//! Job Person Match (spec §2): `JPM = 100 × Σ achieved / Σ required` over a domain's
//! competencies, with the gap per competency and the bands of a band set.

use serde::Deserialize;

/// How achieved levels above the standard count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Varian {
    /// Above-standard levels count in full (default).
    TanpaBatas,
    /// The total is capped at 100.
    BatasTotal,
    /// Each competency counts at most its standard: `min(achieved, required)`.
    BatasPerKompetensi,
}

/// One competency's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Butir {
    /// Code, e.g. `M.03`.
    pub kode: String,
    /// Level achieved.
    pub capaian: f64,
    /// Level required.
    pub standar: f64,
}

/// A domain's JPM.
#[derive(Clone, Debug, PartialEq)]
pub struct Jpm {
    /// JPM in percent, rounded to two decimals (half away from zero).
    pub jpm: f64,
    /// `(code, achieved − required)` for every competency below its standard, in input order.
    pub gap: Vec<(String, f64)>,
}

/// Rounds to two decimals, half away from zero. The tiny nudge keeps an exact decimal half
/// (88.885 stored as 88.88499…) rounding up, as a person computing by hand would.
pub fn round2(x: f64) -> f64 {
    (x * 100.0 + x.signum() * 1e-7).round() / 100.0
}

/// The JPM of one domain.
pub fn hitung(butir: &[Butir], varian: Varian) -> Result<Jpm, String> {
    let required: f64 = butir.iter().map(|b| b.standar).sum();
    if required <= 0.0 {
        return Err("no competency with a required level".into());
    }
    let achieved: f64 = butir
        .iter()
        .map(|b| {
            if varian == Varian::BatasPerKompetensi {
                b.capaian.min(b.standar)
            } else {
                b.capaian
            }
        })
        .sum();
    let mut jpm = 100.0 * achieved / required;
    if varian == Varian::BatasTotal {
        jpm = jpm.min(100.0);
    }
    let gap = butir
        .iter()
        .filter(|b| b.capaian < b.standar)
        .map(|b| (b.kode.clone(), b.capaian - b.standar))
        .collect();
    Ok(Jpm {
        jpm: round2(jpm),
        gap,
    })
}

/// A band: values from `min` up (after rounding) get `nama`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Pita {
    /// Lower bound, inclusive.
    pub min: f64,
    /// Name.
    pub nama: String,
}

/// The band of a value in a band set listed from the top.
pub fn pita(bands: &[Pita], nilai: f64) -> Option<&str> {
    bands
        .iter()
        .find(|b| nilai >= b.min)
        .map(|b| b.nama.as_str())
}

/// The overall JPM: the weighted mean of domain JPMs (`(jpm, weight)`), rounded to two decimals.
pub fn gabungan(domain: &[(f64, f64)]) -> Option<f64> {
    let w: f64 = domain.iter().map(|d| d.1).sum();
    (w > 0.0).then(|| round2(domain.iter().map(|d| d.0 * d.1).sum::<f64>() / w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Aturan;
    use proptest::prelude::*;

    fn admin_example() -> Vec<Butir> {
        let codes = [
            "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
        ];
        let got = [3., 3., 2., 3., 3., 2., 3., 2., 3.];
        codes
            .iter()
            .zip(got)
            .map(|(k, c)| Butir {
                kode: k.to_string(),
                capaian: c,
                standar: 3.0,
            })
            .collect()
    }

    /// The spec's example: Administrator, standard 3 on all nine, 24/27 = 88.89.
    #[test]
    fn spec_example() {
        let a = Aturan::bawaan();
        let j = hitung(&admin_example(), Varian::TanpaBatas).unwrap();
        assert_eq!(j.jpm, 88.89);
        assert_eq!(pita(&a.jpm.pita["pemetaan"], j.jpm), Some("Cukup Optimal"));
        assert_eq!(pita(&a.jpm.pita["seleksi"], j.jpm), Some("Memenuhi Syarat"));
        let gaps: Vec<(&str, f64)> = j.gap.iter().map(|(k, g)| (k.as_str(), *g)).collect();
        assert_eq!(gaps, vec![("M.03", -1.0), ("M.06", -1.0), ("M.08", -1.0)]);
    }

    #[test]
    fn variants() {
        let mut b = admin_example();
        b[0].capaian = 5.0;
        b[2].capaian = 5.0; // 29 / 27
        assert_eq!(hitung(&b, Varian::TanpaBatas).unwrap().jpm, 107.41);
        assert_eq!(hitung(&b, Varian::BatasTotal).unwrap().jpm, 100.0);
        assert_eq!(hitung(&b, Varian::BatasPerKompetensi).unwrap().jpm, 92.59); // 25 / 27
        assert_eq!(gabungan(&[(80.0, 40.0), (90.0, 60.0)]), Some(86.0));
    }

    proptest! {
        /// A higher JPM never falls in a lower band.
        #[test]
        fn bands_are_monotone(a in 0.0f64..130.0, b in 0.0f64..130.0) {
            let aturan = Aturan::bawaan();
            for set in aturan.jpm.pita.values() {
                let rank = |x: f64| set.iter().position(|p| x >= p.min).unwrap();
                let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
                prop_assert!(rank(round2(hi)) <= rank(round2(lo)));
            }
        }

        /// More achieved never lowers the JPM, in any variant.
        #[test]
        fn jpm_monotone(levels in proptest::collection::vec(1u8..=5, 1..10), i in 0usize..10) {
            let b: Vec<Butir> = levels.iter().enumerate().map(|(k, l)| Butir { kode: format!("K{k}"), capaian: *l as f64, standar: 3.0 }).collect();
            let mut up = b.clone();
            let i = i % up.len();
            up[i].capaian += 1.0;
            for v in [Varian::TanpaBatas, Varian::BatasTotal, Varian::BatasPerKompetensi] {
                prop_assert!(hitung(&up, v).unwrap().jpm >= hitung(&b, v).unwrap().jpm);
            }
        }
    }
}
