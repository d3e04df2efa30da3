//! A running import's stage in words: which of the four stages it is in (opening the file,
//! reading and checking the sheets, computing, storing) and its counts, from the details the
//! import service writes on the import's row while it runs (`ipasn_app::impor`).

use super::ImporInfo;
use crate::teks::T;
use serde::Serialize;

/// The stages, in order (catalogue keys).
const TAHAP: [&str; 4] = ["tahap_buka", "tahap_baca", "tahap_hitung", "tahap_simpan"];

/// Where a running import is.
#[derive(Clone, Debug, Serialize)]
pub struct Tahap {
    /// 1–4.
    pub nomor: usize,
    /// `Tahap 2 dari 4: Membaca dan memeriksa lembar`.
    pub judul: String,
    /// The counts: `3,2 MB dari 10 MB dibaca`; empty when there are none yet.
    pub rincian: String,
    /// The names of the four stages.
    pub semua: Vec<String>,
}

fn mb(bytes: u64, t: T) -> String {
    t.angka((bytes as f64 / 100_000.0).round() / 10.0)
}

/// The stage of a running import; `None` once it ended.
pub fn tahap(i: &ImporInfo, t: T) -> Option<Tahap> {
    if i.impor.status != "berjalan" {
        return None;
    }
    let v = &i.perubahan;
    let n = |k: &str| v.get(k).and_then(|x| x.as_u64());
    let nomor = match v.get("tahap").and_then(|x| x.as_str()) {
        Some("buka") => 1,
        Some("baca") => 2,
        Some("hitung") => 3,
        Some("simpan") => 4,
        _ => match i.impor.progres {
            ..5 => 1,
            5..60 => 2,
            60..90 => 3,
            _ => 4,
        },
    };
    let orang = |p: Option<u64>, r: Option<u64>| match (p, r) {
        (Some(p), Some(r)) => t.f("rinci_pegawai_riwayat", &[&t.angka(p), &t.angka(r)]),
        _ => String::new(),
    };
    let rincian = match nomor {
        2 => match (n("dibaca"), n("total")) {
            (Some(d), Some(total)) if total > 0 => {
                t.f("rinci_baca", &[&mb(d.min(total), t), &mb(total, t)])
            }
            _ => String::new(),
        },
        3 => {
            let who = orang(n("pegawai"), n("riwayat"));
            match (n("tahun"), n("dari")) {
                (Some(k), Some(d)) if d > 0 => {
                    let y = t.f("rinci_tahun", &[&k, &d]);
                    if who.is_empty() {
                        y
                    } else {
                        format!("{y} · {who}")
                    }
                }
                _ => who,
            }
        }
        4 => orang(n("pegawai"), n("riwayat")),
        _ => String::new(),
    };
    Some(Tahap {
        nomor,
        judul: t.f("tahap_ke", &[&nomor, &TAHAP.len(), &t.s(TAHAP[nomor - 1])]),
        rincian,
        semua: TAHAP.iter().map(|k| t.s(k).to_string()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipasn_core::teks::Lang;

    fn running(progres: i64, rinci: serde_json::Value) -> ImporInfo {
        ImporInfo {
            impor: ipasn_store::impor::Impor {
                id: 1,
                waktu: String::new(),
                username: String::new(),
                nama_berkas: String::new(),
                ukuran: 0,
                sha256: String::new(),
                aturan_id: String::new(),
                status: "berjalan".into(),
                progres,
                ringkasan: rinci.to_string(),
                selesai: None,
                dasar: None,
                dipulihkan_dari: None,
                ada_isi: true,
            },
            perubahan: rinci,
        }
    }

    #[test]
    fn each_stage_in_words_with_its_counts() {
        let id = T(Lang::Id);
        let r = running(
            30,
            serde_json::json!({"tahap": "baca", "dibaca": 3_250_000, "total": 10_000_000}),
        );
        let s = tahap(&r, id).unwrap();
        assert_eq!(s.judul, "Tahap 2 dari 4: Membaca dan memeriksa lembar");
        assert_eq!(s.rincian, "3,3 MB dari 10 MB dibaca");
        let r = running(
            75,
            serde_json::json!({"tahap": "hitung", "tahun": 2, "dari": 4, "pegawai": 1200, "riwayat": 34567}),
        );
        let s = tahap(&r, T(Lang::En)).unwrap();
        assert_eq!(s.judul, "Stage 3 of 4: Computing IP ASN");
        assert_eq!(s.rincian, "year 2 of 4 · 1,200 persons, 34,567 records");
        // A row from before the details were written: the stage from the percentage.
        let s = tahap(&running(95, serde_json::json!({})), id).unwrap();
        assert_eq!((s.nomor, s.rincian.as_str()), (4, ""));
        let mut done = running(100, serde_json::json!({}));
        done.impor.status = "selesai".into();
        assert!(tahap(&done, id).is_none());
    }
}
