//! The optional tables: interpretation bands, and the user's DISC conversion and patterns.

use super::kolom::{Ctx, Kolom};
use super::{Interpretasi, Konversi, Lembar, Pola, Ukuran, angka};
use crate::masalah::{Jenis, Masalah};

impl Ctx<'_> {
    pub(super) fn interpretasi(&self, l: &Lembar, m: &mut Vec<Masalah>) -> Vec<Interpretasi> {
        let Some(k) = Kolom::baru(l, &["skala", "dari", "sampai", "teks"], m) else {
            return vec![];
        };
        let mut out = vec![];
        for (n, row) in l.isi() {
            let skala = self.skala_sel(&k, n, row, "skala", m);
            let ukuran = match k.sel(row, "ukuran").to_lowercase().as_str() {
                "" | "mentah" | "raw" => Some(Ukuran::Mentah),
                "t" => Some(Ukuran::T),
                "persentil" | "percentile" | "p" => Some(Ukuran::Persentil),
                v => {
                    m.push(k.masalah(
                        n,
                        "ukuran",
                        v,
                        Jenis::Pilihan(vec!["mentah".into(), "t".into(), "persentil".into()]),
                    ));
                    None
                }
            };
            let mut num = |c: &str| {
                let s = k.sel(row, c);
                let v = angka(s);
                if v.is_none() {
                    m.push(k.masalah(n, c, s, Jenis::Angka));
                }
                v
            };
            let (dari, sampai) = (num("dari"), num("sampai"));
            let teks = k.wajib(n, row, "teks", m);
            if let (Some(skala), Some(ukuran), Some(dari), Some(sampai), Some(teks)) =
                (skala, ukuran, dari, sampai, teks)
            {
                out.push(Interpretasi {
                    skala,
                    ukuran,
                    dari,
                    sampai,
                    teks: teks.into(),
                    teks_en: k.opt(row, "teks_en"),
                });
            }
        }
        out
    }

    pub(super) fn konversi(&self, l: &Lembar, m: &mut Vec<Masalah>) -> Vec<Konversi> {
        let Some(k) = Kolom::baru(l, &["grafik", "skala", "mentah", "segmen"], m) else {
            return vec![];
        };
        let mut out = vec![];
        for (n, row) in l.isi() {
            let g = k.sel(row, "grafik");
            let grafik = match g.to_uppercase().as_str() {
                "1" | "I" => Some(1),
                "2" | "II" => Some(2),
                "3" | "III" => Some(3),
                _ => {
                    m.push(k.masalah(
                        n,
                        "grafik",
                        g,
                        Jenis::Pilihan(vec!["I".into(), "II".into(), "III".into()]),
                    ));
                    None
                }
            };
            let skala = self.skala_sel(&k, n, row, "skala", m);
            let mentah = k.sel(row, "mentah");
            let mentah_v = mentah.parse::<i32>().ok();
            if mentah_v.is_none() {
                m.push(k.masalah(n, "mentah", mentah, Jenis::Angka));
            }
            let seg = k.sel(row, "segmen");
            let segmen = angka(seg);
            if segmen.is_none() {
                m.push(k.masalah(n, "segmen", seg, Jenis::Angka));
            }
            if let (Some(grafik), Some(skala), Some(mentah), Some(segmen)) =
                (grafik, skala, mentah_v, segmen)
            {
                out.push(Konversi {
                    grafik,
                    skala,
                    mentah,
                    segmen,
                });
            }
        }
        out
    }

    pub(super) fn pola(&self, l: &Lembar, m: &mut Vec<Masalah>) -> Vec<Pola> {
        let mut wajib: Vec<String> = vec!["pola".into(), "teks".into()];
        wajib.extend(self.skala.iter().map(|s| s.kode.to_lowercase()));
        let w: Vec<&str> = wajib.iter().map(String::as_str).collect();
        let Some(k) = Kolom::baru(l, &w, m) else {
            return vec![];
        };
        let mut out = vec![];
        for (n, row) in l.isi() {
            let nama = k.wajib(n, row, "pola", m);
            let mut tanda = vec![];
            for s in self.skala {
                let c = s.kode.to_lowercase();
                let v = k.sel(row, &c);
                tanda.push(match v {
                    "+" => Some(Some(true)),
                    "-" | "−" => Some(Some(false)),
                    "*" | "" => Some(None),
                    _ => {
                        m.push(k.masalah(
                            n,
                            &c,
                            v,
                            Jenis::Pilihan(vec!["+".into(), "-".into(), "*".into()]),
                        ));
                        None
                    }
                });
            }
            let teks = k.wajib(n, row, "teks", m);
            if let (Some(nama), Some(teks), Some(tanda)) =
                (nama, teks, tanda.into_iter().collect::<Option<Vec<_>>>())
            {
                out.push(Pola {
                    nama: nama.into(),
                    tanda,
                    teks: teks.into(),
                    teks_en: k.opt(row, "teks_en"),
                });
            }
        }
        out
    }
}
