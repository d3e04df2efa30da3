//! What a plan aims at, as targets for [`crate::optimasi`]: the mean IP (no targets), persons
//! reaching a category (one target per person: the points they lack), or units reaching the IP
//! target (one target per unit: the target times its persons minus their sum).

use crate::optimasi::Sasaran;
use ipasn_core::Points;
use ipasn_core::rules::RuleSet;

/// What to maximise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tujuan {
    /// The mean IP.
    Rerata,
    /// The number of persons in a category or above.
    Kategori,
    /// The number of units whose mean reaches the target.
    Unit80,
}

impl Tujuan {
    /// From its name (`rerata`, `kategori`, `unit80`).
    pub fn parse(s: &str) -> Option<Tujuan> {
        match s.trim().to_lowercase().as_str() {
            "rerata" => Some(Tujuan::Rerata),
            "kategori" => Some(Tujuan::Kategori),
            "unit80" => Some(Tujuan::Unit80),
            _ => None,
        }
    }

    /// Its name.
    pub fn nama(self) -> &'static str {
        match self {
            Tujuan::Rerata => "rerata",
            Tujuan::Kategori => "kategori",
            Tujuan::Unit80 => "unit80",
        }
    }
}

/// The least IP in category `kategori` or a higher one (`None`: no such category, or none
/// reachable).
pub fn ambang_kategori(rules: &RuleSet, kategori: &str) -> Option<Points> {
    let c = rules
        .kategori
        .iter()
        .position(|b| b.nama.eq_ignore_ascii_case(kategori.trim()))?;
    (0..=rules.maks_ip().halves())
        .map(Points)
        .find(|p| rules.kategori_of(*p) <= c)
}

/// One target per person: the points each lacks to reach `ambang`.
pub fn per_orang(ip: &[Points], ambang: Points) -> Vec<Sasaran> {
    ip.iter()
        .enumerate()
        .map(|(i, p)| Sasaran {
            anggota: vec![i],
            perlu: u64::from(ambang.halves().saturating_sub(p.halves())),
        })
        .collect()
}

/// One target per unit (its persons' indices): reaching a mean of `target` (an IP, e.g. 80).
pub fn per_unit(unit: Vec<Vec<usize>>, ip: &[Points], target: f64) -> Vec<Sasaran> {
    unit.into_iter()
        .filter(|u| !u.is_empty())
        .map(|anggota| {
            let punya: u64 = anggota.iter().map(|&i| u64::from(ip[i].halves())).sum();
            let perlu = (target * 2.0 * anggota.len() as f64).ceil().max(0.0) as u64;
            Sasaran {
                perlu: perlu.saturating_sub(punya),
                anggota,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_from_the_rule_set() {
        let r = RuleSet::default_rules();
        // "Tinggi" is more than 80: 80.5 is the least; "Sangat Rendah" takes everyone.
        assert_eq!(ambang_kategori(&r, "Tinggi"), Some(Points(161)));
        assert_eq!(ambang_kategori(&r, "tinggi"), Some(Points(161)));
        assert_eq!(ambang_kategori(&r, "Sangat Rendah"), Some(Points(0)));
        assert_eq!(ambang_kategori(&r, "Istimewa"), None);
        let s = per_orang(&[Points(150), Points(170)], Points(161));
        assert_eq!((s[0].perlu, s[1].perlu), (11, 0));
        // Two persons at 79 and 80.5 need 0.5 more for a mean of 80.
        let u = per_unit(vec![vec![0, 1], vec![]], &[Points(158), Points(161)], 80.0);
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].perlu, 1);
    }
}
