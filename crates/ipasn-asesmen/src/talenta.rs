//! Potential, the nine-box matrix, the talent pool and ranking (spec §4–5).

use crate::Aturan;
use crate::jpm::{pita, round2};
use serde::Serialize;
use std::collections::BTreeMap;

/// A potential category, from the bands (`rendah`, `menengah`, `tinggi`).
pub fn kategori_potensi(aturan: &Aturan, nilai: f64) -> Option<&str> {
    pita(&aturan.potensi.pita, round2(nilai))
}

/// The potential score: the weighted mean of the parts that are present (JPM, potential test,
/// track record), each counted at most 100 (an uncapped JPM above the standard does not lift the
/// potential past the scale). Missing parts are left out and the remaining weights renormalised;
/// `None` when no weighted part is present.
pub fn skor_potensi(
    aturan: &Aturan,
    jpm: Option<f64>,
    tes: Option<f64>,
    rekam_jejak: Option<f64>,
) -> Option<f64> {
    let b = &aturan.potensi.bobot;
    let parts = [
        (jpm, b.jpm),
        (tes, b.tes_potensi),
        (rekam_jejak, b.rekam_jejak),
    ];
    let w: f64 = parts
        .iter()
        .filter(|p| p.0.is_some() && p.1 > 0.0)
        .map(|p| p.1)
        .sum();
    let sum: f64 = parts
        .iter()
        .filter(|p| p.1 > 0.0)
        .filter_map(|(v, wt)| v.map(|v| v.min(100.0) * wt))
        .sum();
    (w > 0.0).then(|| round2(sum / w))
}

/// The performance axis of an SKP predikat (`di bawah`, `sesuai`, `di atas`).
pub fn sumbu_kinerja<'a>(aturan: &'a Aturan, predikat: &str) -> Option<&'a str> {
    aturan.kinerja.get(predikat).map(String::as_str)
}

const BARIS: [&str; 3] = ["rendah", "menengah", "tinggi"];
const KOLOM: [&str; 3] = ["di bawah", "sesuai", "di atas"];

/// The box (1–9) of a potential category and a performance axis.
pub fn kotak(aturan: &Aturan, potensi: &str, kinerja: &str) -> Option<u8> {
    let r = BARIS.iter().position(|b| *b == potensi)?;
    let c = KOLOM.iter().position(|k| *k == kinerja)?;
    Some(aturan.sembilan_kotak.kotak[r][c])
}

/// The recommended actions of a box.
pub fn tindakan(aturan: &Aturan, kotak: u8) -> &[String] {
    aturan
        .sembilan_kotak
        .tindakan
        .get(&kotak.to_string())
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Whether a box is in the talent pool (kelompok rencana suksesi).
pub fn kelompok_suksesi(aturan: &Aturan, kotak: u8) -> bool {
    aturan.sembilan_kotak.kelompok_suksesi.contains(&kotak)
}

/// A person to rank, with the scores that exist (0–100 each).
#[derive(Clone, Debug, PartialEq)]
pub struct Calon {
    /// NIP (the last tie-break).
    pub nip: String,
    /// The comparable group (jenis/jenjang jabatan, unit, instansi), as one key.
    pub kelompok: String,
    /// IP ASN.
    pub ip_asn: Option<f64>,
    /// JPM.
    pub jpm: Option<f64>,
    /// Potential score.
    pub potensi: Option<f64>,
    /// Performance axis (`di atas`, `sesuai`, `di bawah`).
    pub kinerja: Option<String>,
}

/// A ranked person.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Peringkat {
    /// NIP.
    pub nip: String,
    /// Group.
    pub kelompok: String,
    /// Rank within the group, from 1.
    pub peringkat: usize,
    /// Group size.
    pub dari: usize,
    /// The composite (missing parts count as 0, so incomplete files rank lower, and say so).
    pub komposit: f64,
    /// Parts that were missing.
    pub kurang: Vec<&'static str>,
    /// In the top share of the group: the accelerated path toward JPT.
    pub jalur_cepat: bool,
}

impl Aturan {
    fn nilai(&self, c: &Calon, key: &str) -> Option<f64> {
        match key {
            "ip_asn" => c.ip_asn,
            "jpm" => c.jpm,
            "potensi" => c.potensi,
            "kinerja" => c
                .kinerja
                .as_ref()
                .and_then(|k| self.peringkat.nilai_kinerja.get(k).copied()),
            _ => None,
        }
    }
}

/// Ranks people within their groups by the documented composite: `Σ weight × score` over IP ASN,
/// JPM, potential and performance (weights in `[peringkat]`), ties broken by the listed keys
/// (higher first), then by NIP ascending. The top `jalur_cepat_persen` % of each group (rounded
/// up, at least one person) are marked for the fast track. Groups are never mixed.
pub fn peringkat(aturan: &Aturan, calon: &[Calon]) -> Vec<Peringkat> {
    let p = &aturan.peringkat;
    let keys = ["ip_asn", "jpm", "potensi", "kinerja"];
    let mut groups: BTreeMap<&str, Vec<&Calon>> = BTreeMap::new();
    for c in calon {
        groups.entry(c.kelompok.as_str()).or_default().push(c);
    }
    let mut out = vec![];
    for (g, mut members) in groups {
        let composite = |c: &Calon| -> f64 {
            round2(
                keys.iter()
                    .map(|k| {
                        p.bobot.get(*k).copied().unwrap_or(0.0) * aturan.nilai(c, k).unwrap_or(0.0)
                    })
                    .sum(),
            )
        };
        members.sort_by(|a, b| {
            composite(b)
                .total_cmp(&composite(a))
                .then_with(|| {
                    p.pemecah_seri
                        .iter()
                        .fold(std::cmp::Ordering::Equal, |o, k| {
                            o.then_with(|| {
                                aturan
                                    .nilai(b, k)
                                    .unwrap_or(-1.0)
                                    .total_cmp(&aturan.nilai(a, k).unwrap_or(-1.0))
                            })
                        })
                })
                .then_with(|| a.nip.cmp(&b.nip))
        });
        let n = members.len();
        let top = ((n as f64) * p.jalur_cepat_persen / 100.0).ceil().max(1.0) as usize;
        for (i, c) in members.iter().enumerate() {
            out.push(Peringkat {
                nip: c.nip.clone(),
                kelompok: g.to_string(),
                peringkat: i + 1,
                dari: n,
                komposit: composite(c),
                kurang: keys
                    .iter()
                    .filter(|k| aturan.nilai(c, k).is_none())
                    .copied()
                    .collect(),
                jalur_cepat: i < top,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diagonal_table() {
        let a = Aturan::bawaan();
        assert_eq!(kotak(&a, "tinggi", "di atas"), Some(9));
        assert_eq!(kotak(&a, "tinggi", "di bawah"), Some(6));
        assert_eq!(kotak(&a, "menengah", "di atas"), Some(7));
        assert_eq!(kotak(&a, "rendah", "di atas"), Some(4));
        assert_eq!(kotak(&a, "rendah", "di bawah"), Some(1));
        assert_eq!(kotak(&a, "sedang", "di atas"), None);
    }

    /// Every box is reached by exactly one (potential, performance) pair, and each has actions.
    #[test]
    fn each_box_reachable_exactly_once() {
        let a = Aturan::bawaan();
        let mut seen = [0; 10];
        for p in BARIS {
            for k in KOLOM {
                seen[kotak(&a, p, k).unwrap() as usize] += 1;
            }
        }
        assert_eq!(&seen[1..], &[1; 9]);
        for b in 1..=9u8 {
            assert!(!tindakan(&a, b).is_empty(), "box {b}");
            assert_eq!(kelompok_suksesi(&a, b), b >= 7);
        }
        assert_eq!(
            tindakan(&a, 1),
            ["diproses sesuai ketentuan peraturan perundang-undangan"]
        );
    }

    #[test]
    fn potential_and_performance() {
        let a = Aturan::bawaan();
        assert_eq!(skor_potensi(&a, Some(88.89), Some(70.0), None), Some(81.33));
        assert_eq!(kategori_potensi(&a, 81.33), Some("menengah"));
        assert_eq!(
            skor_potensi(&a, Some(95.0), None, None),
            Some(95.0),
            "missing parts renormalise"
        );
        assert_eq!(skor_potensi(&a, None, None, None), None);
        assert_eq!(
            skor_potensi(&a, Some(125.0), Some(80.0), None),
            Some(92.0),
            "JPM counts at most 100"
        );
        assert_eq!(sumbu_kinerja(&a, "Sangat Baik"), Some("di atas"));
        assert_eq!(sumbu_kinerja(&a, "Butuh Perbaikan"), Some("di bawah"));
    }

    #[test]
    fn ranking_within_groups_with_tie_breaks_and_fast_track() {
        let a = Aturan::bawaan();
        let c = |nip: &str, g: &str, ip: f64, jpm: f64, pot: f64| Calon {
            nip: nip.into(),
            kelompok: g.into(),
            ip_asn: Some(ip),
            jpm: Some(jpm),
            potensi: Some(pot),
            kinerja: Some("sesuai".into()),
        };
        let mut list: Vec<Calon> = (0..20)
            .map(|i| {
                c(
                    &format!("{i:02}"),
                    "Administrator",
                    60.0 + i as f64,
                    80.0,
                    80.0,
                )
            })
            .collect();
        list.push(c("x1", "Pengawas", 99.0, 99.0, 99.0));
        list.push(c("t1", "Ahli Muda", 80.0, 80.0, 70.0));
        list.push(c("t2", "Ahli Muda", 70.0, 80.0, 80.0));
        let r = peringkat(&a, &list);
        let admin: Vec<&Peringkat> = r.iter().filter(|p| p.kelompok == "Administrator").collect();
        assert_eq!(admin[0].nip, "19");
        assert_eq!(
            admin.iter().filter(|p| p.jalur_cepat).count(),
            2,
            "10% of 20"
        );
        assert!(
            r.iter()
                .any(|p| p.nip == "x1" && p.peringkat == 1 && p.dari == 1 && p.jalur_cepat)
        );
        let muda: Vec<&Peringkat> = r.iter().filter(|p| p.kelompok == "Ahli Muda").collect();
        // t1: 0.3·80 + 0.3·80 + 0.2·70 + 0.2·75 = 77; t2: 0.3·70 + 0.3·80 + 0.2·80 + 0.2·75 = 76.
        assert_eq!(
            (muda[0].nip.as_str(), muda[0].komposit, muda[1].komposit),
            ("t1", 77.0, 76.0)
        );
    }
}
