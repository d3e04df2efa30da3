//! A person's explanation in words a reader recognises: each record as the package holds it
//! ("S-1 Sarjana Ekonomi, lulus 2004") with its sheet and row as detail, and the change from
//! the year before with the reasons that changed.

use crate::tampilan::{half, tanggal};
use crate::teks::T;
use ipasn_core::hasil::{HasilDimensi, IsiRekaman, Rekaman};
use ipasn_core::model::RecordRef;
use ipasn_core::teks;
use serde::Serialize;

/// A record on the page: what it says, and where it is in the package.
#[derive(Clone, Debug, Serialize)]
pub struct RekamanTampil {
    /// `pendidikan:3`: the sheet and the row as a spreadsheet shows it.
    pub sumber: String,
    /// The record in words (the sheet and row when it was not kept).
    pub teks: String,
}

fn angka(t: T, s: impl std::fmt::Display) -> String {
    match s.to_string().parse::<f64>() {
        Ok(v) => t.angka(v),
        Err(_) => s.to_string(),
    }
}

/// A record in words, in `t`'s language.
pub fn teks_rekaman(r: &Rekaman, t: T) -> String {
    let tgl = |d: &Option<ipasn_core::Tanggal>| d.map(|d| tanggal(&d.to_string(), t.0));
    let mut parts: Vec<String> = vec![];
    let join = |head: String, nama: &str| {
        if nama.trim().is_empty() {
            head
        } else {
            format!("{head} {}", nama.trim())
        }
    };
    match &r.isi {
        IsiRekaman::Pendidikan {
            tingkat,
            nama,
            tahun_lulus,
            diakui,
        } => {
            parts.push(join(tingkat.name().to_string(), nama));
            if let Some(y) = tahun_lulus {
                parts.push(t.f1("rek_lulus", y));
            }
            if !diakui {
                parts.push(t.s("rek_belum_diakui").to_string());
            }
        }
        IsiRekaman::Diklat {
            jenis,
            nama,
            jam,
            tanggal,
        } => {
            parts.push(if nama.trim().is_empty() {
                jenis.name().to_string()
            } else {
                format!("{}: {}", jenis.name(), nama.trim())
            });
            parts.push(t.f1("rek_jp", angka(t, jam)));
            if let Some(d) = tgl(tanggal) {
                parts.push(d);
            }
        }
        IsiRekaman::Skp {
            tahun,
            nilai,
            predikat,
        } => {
            parts.push(t.f1("rek_skp", tahun));
            if let Some(v) = nilai {
                parts.push(t.f1("rek_nilai", angka(t, v)));
            }
            if let Some(p) = predikat {
                parts.push(t.f1("rek_predikat", p.name()));
            }
        }
        IsiRekaman::Hukdis { tingkat, nama, tmt } => {
            parts.push(join(t.f1("rek_hukdis", tingkat.name()), nama));
            if let Some(d) = tgl(tmt) {
                parts.push(t.f1("rek_tmt", d));
            }
        }
    }
    parts.join(", ")
}

/// The records a dimension used, in words.
pub fn dipakai(d: &HasilDimensi, rekaman: &[Rekaman], t: T) -> Vec<RekamanTampil> {
    d.dipakai
        .iter()
        .map(|src| tampil(*src, rekaman, t))
        .collect()
}

fn tampil(src: RecordRef, rekaman: &[Rekaman], t: T) -> RekamanTampil {
    RekamanTampil {
        sumber: src.to_string(),
        teks: rekaman
            .iter()
            .find(|r| r.src == src)
            .map(|r| teks_rekaman(r, t))
            .unwrap_or_else(|| src.to_string()),
    }
}

/// A dimension whose points changed from the year before.
#[derive(Clone, Debug, Serialize)]
pub struct PerubahanDimensi {
    /// `kualifikasi`, …
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Points now minus points then.
    pub selisih: f64,
    /// The reasons of the year before that no longer hold.
    pub sebelum: Vec<String>,
    /// The reasons of this year that did not hold the year before.
    pub sekarang: Vec<String>,
}

/// The change of the index from the year before, and why.
#[derive(Clone, Debug, Serialize)]
pub struct Perubahan {
    /// The year before (the previous computed year).
    pub tahun_lalu: i64,
    /// Its IP.
    pub ip_lalu: f64,
    /// IP now minus IP then.
    pub selisih: f64,
    /// The dimensions that changed.
    pub dimensi: Vec<PerubahanDimensi>,
}

/// The change from `lalu` (year, IP in half-points, dimensions) to `kini`.
pub fn perubahan(
    lalu: (i64, i64, &[HasilDimensi]),
    kini: (i64, &[HasilDimensi]),
    t: T,
) -> Perubahan {
    let (tahun_lalu, ip_lalu, dulu) = lalu;
    let (ip_kini, sekarang) = kini;
    let dimensi = sekarang
        .iter()
        .filter_map(|d| {
            let old = dulu.iter().find(|o| o.dimensi == d.dimensi)?;
            if old.poin == d.poin {
                return None;
            }
            let words = |x: &HasilDimensi| -> Vec<String> {
                x.alasan.iter().map(|a| teks::alasan(a, t.0)).collect()
            };
            let (then, now) = (words(old), words(d));
            Some(PerubahanDimensi {
                kode: d.dimensi.name().to_string(),
                nama: teks::dimensi(d.dimensi, t.0).to_string(),
                selisih: half(d.poin.halves() as i64) - half(old.poin.halves() as i64),
                sebelum: then.iter().filter(|a| !now.contains(a)).cloned().collect(),
                sekarang: now.iter().filter(|a| !then.contains(a)).cloned().collect(),
            })
        })
        .collect();
    Perubahan {
        tahun_lalu,
        ip_lalu: half(ip_lalu),
        selisih: half(ip_kini) - half(ip_lalu),
        dimensi,
    }
}
