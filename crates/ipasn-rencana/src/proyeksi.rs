//! The forecast through the scorer: a person's records with the chosen actions done (each
//! training dated at the cut-off T, a degree graduating at T, a data fix recognising the record
//! it names), for the same `ipasn_core::skor::Penilai` to score again. The projected index of a
//! plan is that score, not a separate estimate; a test checks that it equals the current index
//! plus the chosen actions' points.

use crate::kandidat::{Kandidat, Tambahan};
use ipasn_core::model::{Diklat, Pendidikan, RecordRef, Riwayat, Sheet};
use ipasn_core::{Decimal, Tanggal};

/// Where a planned record says it came from (row 0: not a row of the package).
pub const SUMBER_RENCANA: u32 = 0;

/// A person's records with the actions added.
#[derive(Clone, Debug, Default)]
pub struct RiwayatBaru {
    /// Education, the recognised ones changed and the new degrees added.
    pub pendidikan: Vec<Pendidikan>,
    /// Training, the planned ones added.
    pub diklat: Vec<Diklat>,
}

impl RiwayatBaru {
    /// The records as the scorer takes them (appraisals and punishments as they were).
    pub fn riwayat<'a>(&'a self, asal: Riwayat<'a>) -> Riwayat<'a> {
        Riwayat {
            pendidikan: &self.pendidikan,
            diklat: &self.diklat,
            ..asal
        }
    }
}

/// `asal` with the actions `aksi` done by the cut-off `t`.
pub fn terapkan<'k>(
    asal: Riwayat<'_>,
    aksi: impl IntoIterator<Item = &'k Kandidat>,
    t: Tanggal,
) -> RiwayatBaru {
    let mut out = RiwayatBaru {
        pendidikan: asal.pendidikan.to_vec(),
        diklat: asal.diklat.to_vec(),
    };
    let rencana = |sheet| RecordRef {
        sheet,
        row: SUMBER_RENCANA,
    };
    for k in aksi {
        match k.tambahan {
            Tambahan::Akui(src) => {
                for p in out.pendidikan.iter_mut().filter(|p| p.src == src) {
                    p.diakui = true;
                }
            }
            Tambahan::Kompetensi => {}
            Tambahan::Pendidikan(tingkat) => out.pendidikan.push(Pendidikan {
                tingkat,
                tahun_lulus: Some(t.year()),
                tanggal_lulus: Some(t),
                diakui: true,
                src: rencana(Sheet::Pendidikan),
            }),
            Tambahan::Diklat { jenis, jam, kali } => {
                for _ in 0..kali {
                    out.diklat.push(Diklat {
                        jenis,
                        mulai: Some(t),
                        selesai: Some(t),
                        jam: Decimal::from_int(i64::from(jam)),
                        src: rencana(Sheet::Diklat),
                    });
                }
            }
        }
    }
    out
}
