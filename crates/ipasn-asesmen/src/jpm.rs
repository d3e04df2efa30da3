//! Job Person Match (spec §2): `JPM = 100 × Σ achieved / Σ required` over a domain's
//! competencies, with the gap per competency and the bands of a band set ([`hitung`], [`pita`],
//! [`gabungan`]); a person's JPM against the standard of their position, jenjang or the rules'
//! default ([`Skj`], [`jpm_pegawai`]).

use crate::Aturan;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

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

/// Position standards (SKJ) as stored: `(position or jenjang key, code) → level`, with the
/// function that made the keys from a title (so a lookup matches the stored rows exactly).
#[derive(Clone, Debug)]
pub struct Skj {
    level: HashMap<(String, String), f64>,
    kunci: fn(&str) -> String,
}

impl Skj {
    /// The standards, keyed by `kunci` of the position title or jenjang.
    pub fn new(level: HashMap<(String, String), f64>, kunci: fn(&str) -> String) -> Skj {
        Skj { level, kunci }
    }

    /// The required level of a competency for a person: the position's SKJ, else the jenjang's
    /// SKJ, else the rules' default for the jenjang (`[standar]`).
    pub fn standar(
        &self,
        aturan: &Aturan,
        jabatan: &str,
        jenjang: &str,
        kode: &str,
    ) -> Option<f64> {
        let k = |s: &str| ((self.kunci)(s), kode.to_string());
        self.level
            .get(&k(jabatan))
            .or_else(|| self.level.get(&k(jenjang)))
            .copied()
            .or_else(|| aturan.standar.get(jenjang).copied())
    }
}

/// One competency of a person's result against the standard of their position.
#[derive(Clone, Debug, PartialEq)]
pub struct ButirPegawai {
    /// Code.
    pub kode: String,
    /// Level achieved.
    pub capaian: f64,
    /// Level required; `None` when no standard applies.
    pub standar: Option<f64>,
}

impl ButirPegawai {
    /// `achieved − required`, a missing standard counting as 0.
    pub fn gap(&self) -> f64 {
        self.capaian - self.standar.unwrap_or(0.0)
    }
}

/// A person's Job Person Match.
#[derive(Clone, Debug, PartialEq)]
pub struct JpmPegawai {
    /// Every competency of the result, in input order.
    pub butir: Vec<ButirPegawai>,
    /// The overall JPM: each domain's JPM (`teknis`, `manajerial_sosial_kultural`) weighted by
    /// `[jpm.bobot]` over the domains assessed. `None` with no result, when a competency has no
    /// standard, or when no assessed domain has a weight.
    pub jpm: Option<f64>,
}

impl JpmPegawai {
    /// The band of the overall JPM in a band set (`pemetaan`, `seleksi`).
    pub fn pita<'a>(&self, aturan: &'a Aturan, set: &str) -> Option<&'a str> {
        let j = self.jpm?;
        pita(aturan.jpm.pita.get(set)?, j)
    }
}

/// The JPM of a person's latest results (`(code, level)`) against the standards of their position
/// title and jenjang.
pub fn jpm_pegawai<'a>(
    aturan: &Aturan,
    skj: &Skj,
    jabatan: &str,
    jenjang: &str,
    hasil: impl IntoIterator<Item = (&'a str, f64)>,
) -> JpmPegawai {
    let butir: Vec<ButirPegawai> = hasil
        .into_iter()
        .map(|(kode, capaian)| ButirPegawai {
            standar: skj.standar(aturan, jabatan, jenjang, kode),
            kode: kode.to_string(),
            capaian,
        })
        .collect();
    let mut domains: BTreeMap<&str, Vec<Butir>> = BTreeMap::new();
    let mut lengkap = !butir.is_empty();
    for b in &butir {
        let Some(standar) = b.standar else {
            lengkap = false;
            break;
        };
        domains
            .entry(Aturan::domain(&b.kode))
            .or_default()
            .push(Butir {
                kode: b.kode.clone(),
                capaian: b.capaian,
                standar,
            });
    }
    let jpm = lengkap
        .then(|| {
            let parts: Vec<(f64, f64)> = domains
                .iter()
                .filter_map(|(d, b)| {
                    let j = hitung(b, aturan.jpm.varian).ok()?;
                    Some((j.jpm, aturan.jpm.bobot.get(*d).copied().unwrap_or(0.0)))
                })
                .collect();
            gabungan(&parts)
        })
        .flatten();
    JpmPegawai { butir, jpm }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    fn kunci(s: &str) -> String {
        s.to_lowercase()
    }

    /// The spec's example as a person's result: standard 3 from the rules' default for
    /// Administrator, 24/27 = 88.89; a position's SKJ comes before the jenjang's, which comes
    /// before the default.
    #[test]
    fn a_persons_jpm_against_their_standards() {
        let a = Aturan::bawaan();
        let ex = admin_example();
        let hasil = || ex.iter().map(|b| (b.kode.as_str(), b.capaian));
        let none = Skj::new(HashMap::new(), kunci);
        let j = jpm_pegawai(&a, &none, "Kepala Bagian Umum", "Administrator", hasil());
        assert_eq!(j.jpm, Some(88.89));
        assert_eq!(j.pita(&a, "pemetaan"), Some("Cukup Optimal"));
        assert_eq!(j.pita(&a, "seleksi"), Some("Memenuhi Syarat"));
        assert_eq!(j.pita(&a, "lain"), None);
        assert_eq!((j.butir[2].standar, j.butir[2].gap()), (Some(3.0), -1.0));
        // The position requires 2 on M.03 (now met), the jenjang 5 on M.01: 24 / 28 = 85.71.
        let mut m = HashMap::new();
        m.insert(("kepala bagian umum".into(), "M.03".into()), 2.0);
        m.insert(("administrator".into(), "M.01".into()), 5.0);
        m.insert(("administrator".into(), "M.03".into()), 5.0);
        let skj = Skj::new(m, kunci);
        let j = jpm_pegawai(&a, &skj, "Kepala Bagian Umum", "Administrator", hasil());
        assert_eq!(j.jpm, Some(85.71));
        assert_eq!((j.butir[0].standar, j.butir[0].gap()), (Some(5.0), -2.0));
        assert_eq!((j.butir[2].standar, j.butir[2].gap()), (Some(2.0), 0.0));
        // A teknis result adds a domain: (88.89 · 60 + 75 · 40) / 100 = 83.33.
        let mut with_t: Vec<(&str, f64)> = hasil().collect();
        with_t.push(("T.01", 2.25));
        let j = jpm_pegawai(&a, &none, "", "Administrator", with_t);
        assert_eq!(j.jpm, Some(83.33));
        // No standard for a competency (unknown jenjang): no JPM, the gap counts from 0.
        let j = jpm_pegawai(&a, &none, "", "Tidak Dikenal", [("M.01", 3.0)]);
        assert_eq!(
            (j.jpm, j.butir[0].standar, j.butir[0].gap()),
            (None, None, 3.0)
        );
        assert_eq!(jpm_pegawai(&a, &none, "", "Administrator", []).jpm, None);
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
