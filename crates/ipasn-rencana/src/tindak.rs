//! Follow-up: how the IP of those who took part in development (an action of their plan done,
//! or a programme completed) moved from one year to the next, against comparable persons who
//! did not — the same starting category and jenjang. Each stratum's difference of mean
//! movements, and their mean weighted by the participants of each stratum (strata without a
//! non-participant are left out and counted). Not a controlled experiment: who took part was
//! not chosen at random.

use serde::Serialize;
use std::collections::BTreeMap;

/// One person's movement.
#[derive(Clone, Debug, PartialEq)]
pub struct Gerak {
    /// Took part.
    pub peserta: bool,
    /// Category at the start (its name).
    pub kategori: String,
    /// Jenjang at the start.
    pub jenjang: String,
    /// IP at the start.
    pub dari: f64,
    /// IP a year later.
    pub ke: f64,
}

/// One stratum.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Strata {
    /// Category.
    pub kategori: String,
    /// Jenjang.
    pub jenjang: String,
    /// Participants.
    pub peserta: usize,
    /// Their mean movement (`Some` here; a page may hide it for a small group).
    pub gerak_peserta: Option<f64>,
    /// Comparable non-participants.
    pub pembanding: usize,
    /// Their mean movement (`None`: nobody to compare with).
    pub gerak_pembanding: Option<f64>,
}

/// The comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Banding {
    /// Strata with participants.
    pub strata: Vec<Strata>,
    /// Participants with a comparable group.
    pub peserta: usize,
    /// Participants left out (no comparable non-participant).
    pub tanpa_pembanding: usize,
    /// Mean movement of the participants compared.
    pub gerak_peserta: Option<f64>,
    /// Their comparable groups' movement, weighted by participants.
    pub gerak_pembanding: Option<f64>,
}

/// Compares participants with non-participants of the same category and jenjang.
pub fn banding(orang: &[Gerak]) -> Banding {
    // (category, jenjang) → (participants' movements, the others').
    type Dua = (Vec<f64>, Vec<f64>);
    let mut per: BTreeMap<(&str, &str), Dua> = BTreeMap::new();
    for o in orang {
        let e = per.entry((&o.kategori, &o.jenjang)).or_default();
        if o.peserta { &mut e.0 } else { &mut e.1 }.push(o.ke - o.dari);
    }
    let rerata = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let mut strata = vec![];
    let (mut n, mut tanpa, mut sp, mut sb) = (0usize, 0usize, 0.0, 0.0);
    for ((k, j), (p, b)) in &per {
        if p.is_empty() {
            continue;
        }
        let gp = rerata(p);
        let gb = (!b.is_empty()).then(|| rerata(b));
        match gb {
            Some(g) => {
                n += p.len();
                sp += gp * p.len() as f64;
                sb += g * p.len() as f64;
            }
            None => tanpa += p.len(),
        }
        strata.push(Strata {
            kategori: k.to_string(),
            jenjang: j.to_string(),
            peserta: p.len(),
            gerak_peserta: Some(gp),
            pembanding: b.len(),
            gerak_pembanding: gb,
        });
    }
    Banding {
        strata,
        peserta: n,
        tanpa_pembanding: tanpa,
        gerak_peserta: (n > 0).then(|| sp / n as f64),
        gerak_pembanding: (n > 0).then(|| sb / n as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(peserta: bool, kategori: &str, jenjang: &str, dari: f64, ke: f64) -> Gerak {
        Gerak {
            peserta,
            kategori: kategori.into(),
            jenjang: jenjang.into(),
            dari,
            ke,
        }
    }

    #[test]
    fn participants_against_their_own_stratum() {
        let b = banding(&[
            // Rendah/Pelaksana: participants +10 and +6 (mean 8), others +1.
            g(true, "Rendah", "Pelaksana", 60.0, 70.0),
            g(true, "Rendah", "Pelaksana", 62.0, 68.0),
            g(false, "Rendah", "Pelaksana", 61.0, 62.0),
            // Sedang/Ahli Muda: one participant +2, others +4 and +0 (mean 2).
            g(true, "Sedang", "Ahli Muda", 72.0, 74.0),
            g(false, "Sedang", "Ahli Muda", 71.0, 75.0),
            g(false, "Sedang", "Ahli Muda", 73.0, 73.0),
            // A participant with no one to compare with.
            g(true, "Tinggi", "Pengawas", 82.0, 85.0),
            // Non-participants only: not a stratum.
            g(false, "Sangat Rendah", "Pelaksana", 50.0, 51.0),
        ]);
        assert_eq!(b.strata.len(), 3);
        assert_eq!((b.peserta, b.tanpa_pembanding), (3, 1));
        // Weighted by participants: (8·2 + 2·1) / 3 = 6 against (1·2 + 2·1) / 3 = 4/3.
        assert!((b.gerak_peserta.unwrap() - 6.0).abs() < 1e-12);
        assert!((b.gerak_pembanding.unwrap() - 4.0 / 3.0).abs() < 1e-12);
        let t = b.strata.iter().find(|s| s.kategori == "Tinggi").unwrap();
        assert_eq!(t.gerak_pembanding, None);
        assert_eq!(banding(&[]).gerak_peserta, None);
    }
}
