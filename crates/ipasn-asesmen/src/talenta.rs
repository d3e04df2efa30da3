//! Potential, the nine-box matrix, the talent pool and ranking (spec §4–5): the parts
//! ([`skor_potensi`], [`kotak`], [`peringkat`], …) and a unit's whole board from its people's
//! records ([`papan`]: JPM once per person, expiry, potential, box or [`TanpaKotak`], calibration,
//! ranking within jenjang with the fast track, the grid).

use crate::Aturan;
use crate::integrasi::{Ymd, masih_berlaku};
use crate::jpm::{Skj, jpm_pegawai, pita, round2};
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
    urutan(aturan, calon).into_iter().map(|(_, r)| r).collect()
}

/// [`peringkat`] with each person's index in `calon`, groups in key order, best first.
fn urutan(aturan: &Aturan, calon: &[Calon]) -> Vec<(usize, Peringkat)> {
    let p = &aturan.peringkat;
    let keys = ["ip_asn", "jpm", "potensi", "kinerja"];
    let mut groups: BTreeMap<&str, Vec<(usize, &Calon)>> = BTreeMap::new();
    for (i, c) in calon.iter().enumerate() {
        groups.entry(c.kelompok.as_str()).or_default().push((i, c));
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
        members.sort_by(|(_, a), (_, b)| {
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
        for (i, (at, c)) in members.iter().enumerate() {
            out.push((
                *at,
                Peringkat {
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
                },
            ));
        }
    }
    out
}

/// Why a person has no box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TanpaKotak {
    /// No potential category: no competency result with a standard and no potential test.
    BelumDinilai,
    /// No potential category because the competency result has expired (and no potential
    /// test places the person).
    Kedaluwarsa,
    /// No performance axis: the year's SKP has no predikat (none, or a number only), or one the
    /// rules do not map.
    TanpaPredikat,
}

/// A person's latest competency result: its date and `(code, level)` per competency.
#[derive(Clone, Debug, PartialEq)]
pub struct HasilKompetensi {
    /// Assessment date.
    pub tanggal: Ymd,
    /// `(code, level)`.
    pub level: Vec<(String, f64)>,
}

/// A person on the talent board of a unit, as the records give them.
#[derive(Clone, Debug, PartialEq)]
pub struct Orang {
    /// NIP (the ranking's last tie-break).
    pub nip: String,
    /// Position title (for its SKJ).
    pub jabatan: String,
    /// Jenjang jabatan: the SKJ's fallback and the ranking group.
    pub jenjang: String,
    /// IP ASN of the year.
    pub ip_asn: f64,
    /// SKP predikat of the year, if recorded as a predikat.
    pub predikat: Option<String>,
    /// The latest competency result, if any.
    pub kompetensi: Option<HasilKompetensi>,
    /// The latest potential test score.
    pub tes_potensi: Option<f64>,
    /// Its track-record score.
    pub rekam_jejak: Option<f64>,
    /// The box of the latest calibration that year.
    pub kalibrasi: Option<u8>,
}

/// A person placed on the board.
#[derive(Clone, Debug, PartialEq)]
pub struct Penempatan {
    /// Index of the person in the input.
    pub indeks: usize,
    /// JPM of a still valid competency result.
    pub jpm: Option<f64>,
    /// Potential score.
    pub potensi: Option<f64>,
    /// Potential category.
    pub kategori_potensi: Option<String>,
    /// Performance axis.
    pub kinerja: Option<String>,
    /// The box the rules give.
    pub kotak_aturan: Option<u8>,
    /// The box after calibration (the calibration wins, even over no box).
    pub kotak: Option<u8>,
    /// Why the rules give no box.
    pub tanpa_kotak: Option<TanpaKotak>,
    /// The rank within the jenjang group, its size, the composite and the fast track.
    pub peringkat: Peringkat,
}

/// One box of the grid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KotakPapan {
    /// 1–9.
    pub nomor: u8,
    /// Persons in it (after calibration).
    pub jumlah: usize,
    /// Recommended actions.
    pub tindakan: Vec<String>,
    /// In the talent pool.
    pub suksesi: bool,
}

/// The talent board of a unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Papan {
    /// Everyone, by jenjang group (in key order), best rank first.
    pub orang: Vec<Penempatan>,
    /// Rows tinggi, menengah, rendah (top to bottom) × columns di bawah, sesuai, di atas.
    pub grid: Vec<Vec<KotakPapan>>,
}

/// One person's place before the ranking.
struct Tempat {
    jpm: Option<f64>,
    potensi: Option<f64>,
    kategori_potensi: Option<String>,
    kinerja: Option<String>,
    kotak_aturan: Option<u8>,
    kotak: Option<u8>,
    tanpa_kotak: Option<TanpaKotak>,
}

fn tempat(aturan: &Aturan, skj: &Skj, o: &Orang, hari_ini: Ymd) -> Tempat {
    // An expired competency result places no one; a potential test still may.
    let hasil = o.kompetensi.as_ref().filter(|k| !k.level.is_empty());
    let expired = hasil.is_some_and(|k| !masih_berlaku(aturan, k.tanggal, hari_ini));
    let level = hasil
        .filter(|_| !expired)
        .map(|k| k.level.as_slice())
        .unwrap_or(&[]);
    let jpm = jpm_pegawai(
        aturan,
        skj,
        &o.jabatan,
        &o.jenjang,
        level.iter().map(|(k, l)| (k.as_str(), *l)),
    )
    .jpm;
    let potensi = skor_potensi(aturan, jpm, o.tes_potensi, o.rekam_jejak);
    let kat = potensi
        .and_then(|p| kategori_potensi(aturan, p))
        .map(str::to_string);
    let kinerja = o
        .predikat
        .as_deref()
        .and_then(|p| sumbu_kinerja(aturan, p))
        .map(str::to_string);
    let kotak_aturan = match (&kat, &kinerja) {
        (Some(k), Some(p)) => kotak(aturan, k, p),
        _ => None,
    };
    let tanpa_kotak = match (&kat, &kinerja) {
        (None, _) if expired => Some(TanpaKotak::Kedaluwarsa),
        (None, _) => Some(TanpaKotak::BelumDinilai),
        (_, None) => Some(TanpaKotak::TanpaPredikat),
        _ => None,
    };
    Tempat {
        jpm,
        potensi,
        kategori_potensi: kat,
        kinerja,
        kotak: o.kalibrasi.or(kotak_aturan),
        kotak_aturan,
        tanpa_kotak,
    }
}

/// The talent board: per person the JPM of a competency result still valid on `hari_ini`
/// (computed once), the potential from it and the test, the box with the reason when there is
/// none, the calibrated box; then the ranking within each jenjang group with the fast track, and
/// the grid's counts with each box's actions and pool membership.
pub fn papan(aturan: &Aturan, skj: &Skj, orang: &[Orang], hari_ini: Ymd) -> Papan {
    let (mut tempat, calon): (Vec<Option<Tempat>>, Vec<Calon>) = orang
        .iter()
        .map(|o| {
            let t = tempat(aturan, skj, o, hari_ini);
            let calon = Calon {
                nip: o.nip.clone(),
                kelompok: o.jenjang.clone(),
                ip_asn: Some(o.ip_asn),
                jpm: t.jpm,
                potensi: t.potensi,
                kinerja: t.kinerja.clone(),
            };
            (Some(t), calon)
        })
        .unzip();
    let orang: Vec<Penempatan> = urutan(aturan, &calon)
        .into_iter()
        .filter_map(|(i, peringkat)| {
            let t = tempat[i].take()?;
            Some(Penempatan {
                indeks: i,
                jpm: t.jpm,
                potensi: t.potensi,
                kategori_potensi: t.kategori_potensi,
                kinerja: t.kinerja,
                kotak_aturan: t.kotak_aturan,
                kotak: t.kotak,
                tanpa_kotak: t.tanpa_kotak,
                peringkat,
            })
        })
        .collect();
    let count = |n: u8| orang.iter().filter(|o| o.kotak == Some(n)).count();
    let grid = [2usize, 1, 0] // tinggi, menengah, rendah from the top
        .iter()
        .map(|&r| {
            (0..3)
                .map(|c| {
                    let n = aturan.sembilan_kotak.kotak[r][c];
                    KotakPapan {
                        nomor: n,
                        jumlah: count(n),
                        tindakan: tindakan(aturan, n).to_vec(),
                        suksesi: kelompok_suksesi(aturan, n),
                    }
                })
                .collect()
        })
        .collect();
    Papan { orang, grid }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    fn orang(nip: &str, jenjang: &str, ip: f64) -> Orang {
        Orang {
            nip: nip.into(),
            jabatan: String::new(),
            jenjang: jenjang.into(),
            ip_asn: ip,
            predikat: Some("Baik".into()),
            kompetensi: None,
            tes_potensi: None,
            rekam_jejak: None,
            kalibrasi: None,
        }
    }

    /// The spec's Administrator example (JPM 88.89), dated `tanggal`.
    fn contoh(tanggal: Ymd) -> Option<HasilKompetensi> {
        let codes = [
            "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
        ];
        let got = [3., 3., 2., 3., 3., 2., 3., 2., 3.];
        Some(HasilKompetensi {
            tanggal,
            level: codes.iter().map(|k| k.to_string()).zip(got).collect(),
        })
    }

    /// A board worked by hand (today 2026-06-01, results valid 3 years):
    /// - a: valid result (JPM 88.89), test 70 → potential 0.6·88.89 + 0.4·70 = 81.33, menengah;
    ///   Baik → sesuai: box 5. Composite 0.3·80 + 0.3·88.89 + 0.2·81.33 + 0.2·75 = 81.93.
    /// - b: result of 2022 (expired), no test: no box, because it expired. 0.3·85 + 0.2·75 = 40.5.
    /// - c: expired result but test 95 → potential 95, tinggi; Sangat Baik → box 9.
    ///   0.3·70 + 0.2·95 + 0.2·100 = 60.
    /// - d: no result, test 80 → menengah; no predikat: no box. 0.3·75 + 0.2·80 = 38.5.
    /// - e: nothing assessed, calibrated to box 7. 0.3·90 + 0.2·75 = 42.
    #[test]
    fn the_board_by_hand() {
        let a = Aturan::bawaan();
        let skj = Skj::new(Default::default(), |s| s.to_lowercase());
        let mut list = vec![
            orang("a", "Administrator", 80.0),
            orang("b", "Administrator", 85.0),
            orang("c", "Administrator", 70.0),
            orang("d", "Pengawas", 75.0),
            orang("e", "Pengawas", 90.0),
        ];
        list[0].kompetensi = contoh((2025, 1, 15));
        list[0].tes_potensi = Some(70.0);
        list[1].kompetensi = contoh((2022, 1, 15));
        list[2].kompetensi = contoh((2022, 1, 15));
        list[2].tes_potensi = Some(95.0);
        list[2].predikat = Some("Sangat Baik".into());
        list[3].tes_potensi = Some(80.0);
        list[3].predikat = None;
        list[4].kalibrasi = Some(7);
        let p = papan(&a, &skj, &list, (2026, 6, 1));
        let order: Vec<usize> = p.orang.iter().map(|o| o.indeks).collect();
        assert_eq!(order, [0, 2, 1, 4, 3], "by jenjang, then rank");
        let by = |nip: &str| p.orang.iter().find(|o| o.peringkat.nip == nip).unwrap();
        let x = by("a");
        assert_eq!((x.jpm, x.potensi), (Some(88.89), Some(81.33)));
        assert_eq!(x.kategori_potensi.as_deref(), Some("menengah"));
        assert_eq!(
            (x.kotak_aturan, x.kotak, x.tanpa_kotak),
            (Some(5), Some(5), None)
        );
        assert_eq!((x.peringkat.peringkat, x.peringkat.dari), (1, 3));
        assert_eq!(x.peringkat.komposit, 81.93);
        assert!(x.peringkat.jalur_cepat);
        let x = by("b");
        assert_eq!((x.jpm, x.kotak), (None, None));
        assert_eq!(x.tanpa_kotak, Some(TanpaKotak::Kedaluwarsa));
        assert_eq!((x.peringkat.peringkat, x.peringkat.komposit), (3, 40.5));
        let x = by("c");
        assert_eq!(
            (x.jpm, x.potensi, x.kotak, x.tanpa_kotak),
            (None, Some(95.0), Some(9), None)
        );
        assert_eq!((x.peringkat.peringkat, x.peringkat.komposit), (2, 60.0));
        assert!(!x.peringkat.jalur_cepat);
        let x = by("d");
        assert_eq!(x.kinerja, None);
        assert_eq!(
            (x.kotak, x.tanpa_kotak),
            (None, Some(TanpaKotak::TanpaPredikat))
        );
        assert_eq!((x.peringkat.peringkat, x.peringkat.komposit), (2, 38.5));
        let x = by("e");
        assert_eq!(
            (x.kotak_aturan, x.kotak),
            (None, Some(7)),
            "the calibration wins"
        );
        assert_eq!(x.tanpa_kotak, Some(TanpaKotak::BelumDinilai));
        assert_eq!((x.peringkat.peringkat, x.peringkat.komposit), (1, 42.0));
        let grid: Vec<Vec<(u8, usize, bool)>> = p
            .grid
            .iter()
            .map(|r| r.iter().map(|k| (k.nomor, k.jumlah, k.suksesi)).collect())
            .collect();
        assert_eq!(
            grid,
            [
                [(6, 0, false), (8, 0, true), (9, 1, true)],
                [(3, 0, false), (5, 1, false), (7, 1, true)],
                [(1, 0, false), (2, 0, false), (4, 0, false)],
            ]
        );
        assert_eq!(p.grid[2][0].tindakan, tindakan(&a, 1));
    }

    proptest! {
        /// The potential stays on the 0–100 scale whatever parts are present.
        #[test]
        fn potential_between_0_and_100(
            jpm in proptest::option::of(0.0f64..200.0),
            tes in proptest::option::of(0.0f64..=100.0),
            rj in proptest::option::of(0.0f64..=100.0),
        ) {
            let a = Aturan::bawaan();
            if let Some(p) = skor_potensi(&a, jpm, tes, rj) {
                prop_assert!((0.0..=100.0).contains(&p), "{p}");
            } else {
                prop_assert!(jpm.is_none() && tes.is_none());
            }
        }

        /// The board is a permutation of its input, and each group is ranked 1..=n exactly once.
        #[test]
        fn ranking_is_a_permutation(
            people in proptest::collection::vec((0usize..3, 0.0f64..100.0, proptest::option::of(0.0f64..100.0)), 0..30),
        ) {
            let a = Aturan::bawaan();
            let skj = Skj::new(Default::default(), |s| s.to_string());
            let jenjang = ["Administrator", "Pengawas", "Ahli Muda"];
            let list: Vec<Orang> = people
                .iter()
                .enumerate()
                .map(|(i, (g, ip, tes))| Orang {
                    tes_potensi: *tes,
                    ..orang(&format!("{i:03}"), jenjang[*g], *ip)
                })
                .collect();
            let p = papan(&a, &skj, &list, (2026, 1, 1));
            let mut seen: Vec<usize> = p.orang.iter().map(|o| o.indeks).collect();
            seen.sort();
            prop_assert_eq!(seen, (0..list.len()).collect::<Vec<_>>());
            for g in jenjang {
                let mut ranks: Vec<usize> = p
                    .orang
                    .iter()
                    .filter(|o| o.peringkat.kelompok == g)
                    .map(|o| o.peringkat.peringkat)
                    .collect();
                let n = ranks.len();
                prop_assert!(p.orang.iter().filter(|o| o.peringkat.kelompok == g).all(|o| o.peringkat.dari == n));
                ranks.sort();
                prop_assert_eq!(ranks, (1..=n).collect::<Vec<_>>());
            }
        }
    }
}
