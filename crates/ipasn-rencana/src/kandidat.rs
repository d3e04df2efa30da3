//! The candidate actions of one person: from what their score misses (the explanation's
//! `kurang`, `ipasn_core::hasil::Kekurangan`), the catalogue's actions that supply it, each with
//! its cost, hours and the points it adds. Actions of one group are alternatives for the same
//! points (a recognised degree or a new one; the e-learning or the classroom course): at most one
//! of a group counts.
//!
//! Not bought: a better appraisal (kinerja) and the end of a punishment (disiplin) are not
//! actions a budget buys; they are left out (the person's page still lists them). Competency
//! gaps (JPM below standard) are [`kandidat_kompetensi`]: development without IP points, for a
//! person's plan.

use crate::katalog::{JenisAksi, Katalog};
use ipasn_core::hasil::{Dimensi, HasilDimensi, Kekurangan};
use ipasn_core::model::{JenisDiklat, RecordRef, TingkatPendidikan};
use serde::Serialize;

/// One candidate action of a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Kandidat {
    /// The person (their index in the caller's list).
    pub orang: usize,
    /// The action (its index in the catalogue).
    pub aksi: usize,
    /// How many times (technical hours may need several courses).
    pub kali: u32,
    /// Cost, rupiah.
    pub biaya: u64,
    /// Lesson hours.
    pub jp: u32,
    /// Points added, in halves (`ipasn_core::Points`).
    pub poin: u32,
    /// The group of alternatives it belongs to (unique across persons).
    pub kelompok: usize,
    /// What doing it adds to the person's records ([`crate::proyeksi`]).
    pub tambahan: Tambahan,
}

/// What an action adds to a person's records once done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Tambahan {
    /// The education record at `src` becomes recognised (a data fix).
    Akui(RecordRef),
    /// A degree at this level.
    Pendidikan(TingkatPendidikan),
    /// Competency development: no record the index counts.
    Kompetensi,
    /// `kali` trainings of this kind, `jam` lesson hours each.
    Diklat {
        /// Kind.
        jenis: JenisDiklat,
        /// Hours of each.
        jam: u32,
        /// How many.
        kali: u32,
    },
}

/// Options of candidate building.
#[derive(Clone, Copy, Debug, Default)]
pub struct Opsi {
    /// Count degrees (long term: off for a one-year plan).
    pub pendidikan: bool,
}

/// The candidates of person `orang` from their dimensions' missing items; `kelompok` is the next
/// free group number (advanced past the groups used).
pub fn kandidat(
    orang: usize,
    dimensi: &[HasilDimensi],
    katalog: &Katalog,
    opsi: Opsi,
    kelompok: &mut usize,
) -> Vec<Kandidat> {
    let mut out = vec![];
    let tambah = |aksi: usize,
                  kali: u32,
                  poin: u32,
                  g: usize,
                  tambahan: Tambahan,
                  out: &mut Vec<Kandidat>| {
        let a = &katalog.aksi[aksi];
        if poin == 0 {
            return;
        }
        out.push(Kandidat {
            orang,
            aksi,
            kali,
            biaya: a.biaya * u64::from(kali),
            jp: a.jp * kali,
            poin,
            kelompok: g,
            tambahan,
        });
    };
    let diklat = |jenis: JenisDiklat, aksi: usize, kali: u32| Tambahan::Diklat {
        jenis,
        jam: katalog.aksi[aksi].jp,
        kali,
    };
    for d in dimensi {
        // Qualification: a recognised record and a new degree are alternatives.
        let kualifikasi = (d.dimensi == Dimensi::Kualifikasi).then(|| {
            *kelompok += 1;
            *kelompok - 1
        });
        for k in &d.kurang {
            let poin = k.tambah().halves();
            match k {
                Kekurangan::PendidikanBelumDiakui { src, .. } => {
                    for a in katalog.jenis(JenisAksi::PerbaikanData) {
                        let g = kualifikasi.expect("qualification");
                        tambah(a, 1, poin, g, Tambahan::Akui(*src), &mut out);
                    }
                }
                Kekurangan::PendidikanLebihTinggi { tingkat, .. } if opsi.pendidikan => {
                    if let Some(a) = katalog.pendidikan(*tingkat) {
                        let g = kualifikasi.expect("qualification");
                        tambah(a, 1, poin, g, Tambahan::Pendidikan(*tingkat), &mut out);
                    }
                }
                Kekurangan::Pim { wajib, .. } => {
                    if let Some(a) = katalog.pim(*wajib) {
                        let g = baru(kelompok);
                        tambah(a, 1, poin, g, diklat(*wajib, a, 1), &mut out);
                    }
                }
                Kekurangan::Fungsional { .. } => {
                    let g = baru(kelompok);
                    for a in katalog.jenis(JenisAksi::Fungsional) {
                        tambah(
                            a,
                            1,
                            poin,
                            g,
                            diklat(JenisDiklat::Fungsional, a, 1),
                            &mut out,
                        );
                    }
                }
                Kekurangan::Seminar { .. } => {
                    let g = baru(kelompok);
                    for a in katalog.jenis(JenisAksi::Seminar) {
                        tambah(a, 1, poin, g, diklat(JenisDiklat::Seminar, a, 1), &mut out);
                    }
                }
                Kekurangan::Teknis {
                    kurang, tunggal, ..
                } => {
                    // Hours still needed, whole hours up.
                    let perlu = ((kurang.0 + ipasn_core::Decimal::SCALE - 1)
                        / ipasn_core::Decimal::SCALE)
                        .max(1) as u32;
                    let g = baru(kelompok);
                    for a in katalog.jenis(JenisAksi::Teknis) {
                        let jp = katalog.aksi[a].jp.max(1);
                        let kali = if *tunggal {
                            // One training of the hours needed: only a long enough one.
                            if jp < perlu {
                                continue;
                            }
                            1
                        } else {
                            perlu.div_ceil(jp)
                        };
                        tambah(
                            a,
                            kali,
                            poin,
                            g,
                            diklat(JenisDiklat::Teknis, a, kali),
                            &mut out,
                        );
                    }
                }
                _ => {}
            }
        }
    }
    buang_kalah(&mut out, katalog);
    out
}

/// Every candidate of these persons (their position as `orang`), groups numbered across them.
pub fn semua<'a>(
    orang: impl IntoIterator<Item = &'a [HasilDimensi]>,
    katalog: &Katalog,
    opsi: Opsi,
) -> Vec<Kandidat> {
    let mut kelompok = 0;
    let mut out = vec![];
    for (i, d) in orang.into_iter().enumerate() {
        out.extend(kandidat(i, d, katalog, opsi, &mut kelompok));
    }
    out
}

/// Drops an alternative that another of its group beats on every count: no more cost, no more
/// hours, no fewer points, and no seat limit of its own (a cheaper course with limited seats does
/// not hide a dearer unlimited one). A catalogue of many similar courses then gives each person a
/// handful of candidates, not one per course.
fn buang_kalah(c: &mut Vec<Kandidat>, katalog: &Katalog) {
    let kalah = |b: &Kandidat| {
        c.iter().any(|a| {
            a.kelompok == b.kelompok
                && a.aksi != b.aksi
                && katalog.aksi[a.aksi].kapasitas.is_none()
                && a.biaya <= b.biaya
                && a.jp <= b.jp
                && a.poin >= b.poin
                // Equal on every count: the first in the catalogue stays.
                && ((a.biaya, a.jp, a.poin) != (b.biaya, b.jp, b.poin) || a.aksi < b.aksi)
        })
    };
    let keep: Vec<bool> = c.iter().map(|b| !kalah(b)).collect();
    let mut i = 0;
    c.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// The candidates of person `orang` for one competency below its standard (`kode`): every
/// competency action of the catalogue that serves it, as alternatives of one group. They add
/// no IP points (the JPM is not part of the index).
pub fn kandidat_kompetensi(
    orang: usize,
    kode: &str,
    katalog: &Katalog,
    kelompok: &mut usize,
) -> Vec<Kandidat> {
    let g = baru(kelompok);
    katalog
        .jenis(JenisAksi::Kompetensi)
        .filter(|&a| {
            let k = &katalog.aksi[a].kompetensi;
            k.is_empty() || k.iter().any(|c| c.eq_ignore_ascii_case(kode))
        })
        .map(|a| Kandidat {
            orang,
            aksi: a,
            kali: 1,
            biaya: katalog.aksi[a].biaya,
            jp: katalog.aksi[a].jp,
            poin: 0,
            kelompok: g,
            tambahan: Tambahan::Kompetensi,
        })
        .collect()
}

fn baru(kelompok: &mut usize) -> usize {
    *kelompok += 1;
    *kelompok - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipasn_core::{Decimal, Points};

    fn dim(d: Dimensi, kurang: Vec<Kekurangan>) -> HasilDimensi {
        HasilDimensi {
            dimensi: d,
            poin: Points::ZERO,
            maks: Points(80),
            alasan: vec![],
            dipakai: vec![],
            kurang,
        }
    }

    #[test]
    fn missing_items_become_actions() {
        let k = Katalog::bawaan();
        let dimensi = vec![
            dim(
                Dimensi::Kualifikasi,
                vec![Kekurangan::PendidikanLebihTinggi {
                    tingkat: TingkatPendidikan::S2,
                    tambah: Points(10),
                }],
            ),
            dim(
                Dimensi::Kompetensi,
                vec![
                    Kekurangan::Pim {
                        wajib: JenisDiklat::Pim4,
                        tambah: Points(30),
                    },
                    Kekurangan::Teknis {
                        jam: Decimal::from_int(12),
                        kurang: Decimal::from_int(28),
                        tunggal: false,
                        bulan: 12,
                        tambah: Points(20),
                    },
                    Kekurangan::Seminar {
                        bulan: 12,
                        tambah: Points(10),
                    },
                ],
            ),
            dim(
                Dimensi::Kinerja,
                vec![Kekurangan::Kinerja {
                    tahun: 2025,
                    kosong: true,
                    predikat: ipasn_core::model::Predikat::Baik,
                    tambah: Points(60),
                }],
            ),
        ];
        let mut g = 0;
        let c = kandidat(7, &dimensi, &k, Opsi::default(), &mut g);
        let kode: Vec<(&str, u32, u32)> = c
            .iter()
            .map(|x| (k.aksi[x.aksi].kode.as_str(), x.kali, x.poin))
            .collect();
        // No degree in a one-year plan; PKP for PIM IV; 28 hours = two 20-JP courses of either
        // kind (alternatives); a seminar; nothing for the appraisal.
        assert_eq!(
            kode,
            vec![
                ("pkp", 1, 30),
                ("teknis-20jp", 2, 20),
                ("teknis-elearning-20jp", 2, 20),
                ("seminar", 1, 10),
            ]
        );
        assert!(c.iter().all(|x| x.orang == 7));
        assert_eq!(
            c[1].kelompok, c[2].kelompok,
            "the two technical courses are alternatives"
        );
        assert_ne!(c[0].kelompok, c[1].kelompok);
        assert_eq!(c[1].biaya, 7_000_000);
        assert_eq!(c[1].jp, 40);
        // A competency gap: the five forms as alternatives of one group, no IP points.
        let mut g = 10;
        let c = kandidat_kompetensi(3, "M.01", &k, &mut g);
        assert_eq!(c.len(), 5);
        assert!(
            c.iter()
                .all(|x| x.kelompok == 10 && x.poin == 0 && x.orang == 3)
        );
        assert_eq!(g, 11);
        // Many similar unlimited courses: only those no other beats on cost and hours stay.
        let mut banyak = k.clone();
        for (i, (biaya, jp)) in [
            (5_000_000, 20),
            (4_000_000, 20),
            (4_000_000, 20),
            (9_000_000, 40),
        ]
        .into_iter()
        .enumerate()
        {
            let mut a = banyak.aksi[1].clone();
            a.kode = format!("teknis-lain-{i}");
            (a.biaya, a.jp) = (biaya, jp);
            banyak.aksi.push(a);
        }
        let mut g = 0;
        let c = kandidat(0, &dimensi, &banyak, Opsi::default(), &mut g);
        let teknis: Vec<&str> = c
            .iter()
            .filter(|x| banyak.aksi[x.aksi].jenis == JenisAksi::Teknis)
            .map(|x| banyak.aksi[x.aksi].kode.as_str())
            .collect();
        // 3.5 M beats 5 M and both 4 M; a 40-JP course once costs 9 M against two 20-JP courses
        // (7 M, 40 JP): beaten too. The e-learning has seats, so it beats nothing and stays.
        assert_eq!(teknis, vec!["teknis-20jp", "teknis-elearning-20jp"]);
        // With degrees counted, S-2 appears, in the qualification group.
        let mut g = 0;
        let c = kandidat(0, &dimensi, &k, Opsi { pendidikan: true }, &mut g);
        assert_eq!(k.aksi[c[0].aksi].kode, "tugas-belajar-s2");
    }
}
