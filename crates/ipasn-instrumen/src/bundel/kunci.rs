//! The key file: per kind, each item's scale(s) or scores; missing and unknown keys, and the
//! model's counts per scale.

use super::kolom::{Ctx, Kolom};
use super::{Butir, Kunci, Lembar, angka, cari_skala};
use crate::definisi::JenisInstrumen;
use crate::masalah::{Jenis, Masalah};
use std::collections::HashMap;

impl Ctx<'_> {
    pub(super) fn kunci(
        &self,
        jenis: JenisInstrumen,
        butir: &[Butir],
        l: &Lembar,
        m: &mut Vec<Masalah>,
    ) -> Kunci {
        let index: HashMap<&str, usize> = butir
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.as_str(), i))
            .collect();
        match jenis {
            JenisInstrumen::Likert => {
                let Some(k) = Kolom::baru(l, &["id", "skala", "arah"], m) else {
                    return Kunci::Likert(vec![]);
                };
                let mut key: Vec<Option<(usize, bool)>> = vec![None; butir.len()];
                let mut seen = HashMap::new();
                for (n, row) in l.isi() {
                    let Some(i) = self.butir_key(&k, n, row, "id", &index, &mut seen, m) else {
                        continue;
                    };
                    let s = self.skala_sel(&k, n, row, "skala", m);
                    let arah = match k.sel(row, "arah") {
                        "+" | "1" | "+1" => Some(false),
                        "-" | "−" | "–" | "-1" => Some(true),
                        v => {
                            m.push(k.masalah(n, "arah", v, Jenis::Arah));
                            None
                        }
                    };
                    if let (Some(s), Some(r)) = (s, arah) {
                        key[i] = Some((s, r));
                    }
                }
                self.lengkap(&seen, butir, l, m);
                if let Some(harus) = self.definisi.struktur.per_skala {
                    let mut count = vec![0; self.skala.len()];
                    key.iter().flatten().for_each(|(s, _)| count[*s] += 1);
                    self.per_skala(&count, harus, l, m);
                }
                Kunci::Likert(key.into_iter().map(|k| k.unwrap_or((0, false))).collect())
            }
            JenisInstrumen::Pasangan => {
                let Some(k) = Kolom::baru(l, &["id", "a", "b"], m) else {
                    return Kunci::Pasangan(vec![]);
                };
                let mut key: Vec<Option<[usize; 2]>> = vec![None; butir.len()];
                let mut seen = HashMap::new();
                for (n, row) in l.isi() {
                    let Some(i) = self.butir_key(&k, n, row, "id", &index, &mut seen, m) else {
                        continue;
                    };
                    let a = self.skala_sel(&k, n, row, "a", m);
                    let b = self.skala_sel(&k, n, row, "b", m);
                    if let (Some(a), Some(b)) = (a, b) {
                        key[i] = Some([a, b]);
                    }
                }
                self.lengkap(&seen, butir, l, m);
                if let Some(harus) = self.definisi.struktur.per_skala {
                    let mut count = vec![0; self.skala.len()];
                    key.iter().flatten().flatten().for_each(|s| count[*s] += 1);
                    self.per_skala(&count, harus, l, m);
                }
                Kunci::Pasangan(key.into_iter().map(|k| k.unwrap_or([0, 0])).collect())
            }
            JenisInstrumen::Paling => {
                let Some(k) = Kolom::baru(l, &["kelompok", "pilihan", "most", "least"], m) else {
                    return Kunci::Paling(vec![]);
                };
                let mut key: Vec<Vec<Option<[Option<usize>; 2]>>> =
                    butir.iter().map(|b| vec![None; b.opsi.len()]).collect();
                let mut seen: HashMap<(usize, usize), u32> = HashMap::new();
                for (n, row) in l.isi() {
                    let (Some(g), Some(p)) = (
                        k.wajib(n, row, "kelompok", m),
                        k.wajib(n, row, "pilihan", m),
                    ) else {
                        continue;
                    };
                    let Some(&i) = index.get(g) else {
                        m.push(k.masalah(n, "kelompok", g, Jenis::ButirTidakAda));
                        continue;
                    };
                    let Some(j) = butir[i]
                        .opsi
                        .iter()
                        .position(|o| o.kode.eq_ignore_ascii_case(p))
                    else {
                        m.push(k.masalah(n, "pilihan", p, Jenis::OpsiTidakAda));
                        continue;
                    };
                    if let Some(first) = seen.insert((i, j), n) {
                        m.push(k.masalah(n, "pilihan", p, Jenis::Ganda { pertama: first }));
                        continue;
                    }
                    let mut huruf = |kolom: &str| -> Result<Option<usize>, ()> {
                        let v = k.sel(row, kolom);
                        if matches!(v, "" | "*" | "-" | "–") {
                            return Ok(None);
                        }
                        match cari_skala(self.skala, v) {
                            Some(s) => Ok(Some(s)),
                            None => {
                                let mut ok: Vec<String> =
                                    self.skala.iter().map(|s| s.kode.clone()).collect();
                                ok.push("*".into());
                                m.push(k.masalah(n, kolom, v, Jenis::Pilihan(ok)));
                                Err(())
                            }
                        }
                    };
                    if let (Ok(most), Ok(least)) = (huruf("most"), huruf("least")) {
                        key[i][j] = Some([most, least]);
                    }
                }
                for (i, b) in butir.iter().enumerate() {
                    for (j, o) in b.opsi.iter().enumerate() {
                        if !seen.contains_key(&(i, j)) {
                            m.push(
                                Masalah::berkas(&l.nama, Jenis::TanpaKunci)
                                    .dengan_nilai(&format!("{} {}", b.id, o.kode)),
                            );
                        }
                    }
                }
                Kunci::Paling(
                    key.into_iter()
                        .map(|g| g.into_iter().map(|w| w.unwrap_or([None, None])).collect())
                        .collect(),
                )
            }
            JenisInstrumen::Pilihan => {
                let satu = l.judul().iter().any(|j| j == "jawaban");
                let wajib: &[&str] = if satu {
                    &["id", "jawaban"]
                } else {
                    &["id", "opsi", "skor"]
                };
                let Some(k) = Kolom::baru(l, wajib, m) else {
                    return Kunci::Pilihan(vec![]);
                };
                let mut key: Vec<Vec<f64>> =
                    butir.iter().map(|b| vec![0.0; b.opsi.len()]).collect();
                let mut ada = vec![false; butir.len()];
                let mut seen: HashMap<(usize, usize), u32> = HashMap::new();
                for (n, row) in l.isi() {
                    let Some(id) = k.wajib(n, row, "id", m) else {
                        continue;
                    };
                    let Some(&i) = index.get(id) else {
                        m.push(k.masalah(n, "id", id, Jenis::ButirTidakAda));
                        continue;
                    };
                    let kolom = if satu { "jawaban" } else { "opsi" };
                    let Some(o) = k.wajib(n, row, kolom, m) else {
                        continue;
                    };
                    let Some(j) = butir[i]
                        .opsi
                        .iter()
                        .position(|x| x.kode.eq_ignore_ascii_case(o))
                    else {
                        m.push(k.masalah(n, kolom, o, Jenis::OpsiTidakAda));
                        continue;
                    };
                    if let Some(first) = seen.insert((i, j), n) {
                        m.push(k.masalah(n, kolom, o, Jenis::Ganda { pertama: first }));
                        continue;
                    }
                    let skor = if satu {
                        Some(1.0)
                    } else {
                        let s = k.sel(row, "skor");
                        let v = angka(s).filter(|v| *v >= 0.0);
                        if v.is_none() {
                            m.push(k.masalah(n, "skor", s, Jenis::Angka));
                        }
                        v
                    };
                    if let Some(s) = skor {
                        key[i][j] = s;
                        ada[i] = true;
                    }
                }
                for (i, b) in butir.iter().enumerate() {
                    if !ada[i] {
                        m.push(Masalah::berkas(&l.nama, Jenis::TanpaKunci).dengan_nilai(&b.id));
                    } else if key[i].iter().all(|s| *s <= 0.0) {
                        m.push(
                            Masalah::berkas(&l.nama, Jenis::TanpaJawabanBenar).dengan_nilai(&b.id),
                        );
                    }
                }
                Kunci::Pilihan(key)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn butir_key(
        &self,
        k: &Kolom,
        n: u32,
        row: &[String],
        kolom: &str,
        index: &HashMap<&str, usize>,
        seen: &mut HashMap<usize, u32>,
        m: &mut Vec<Masalah>,
    ) -> Option<usize> {
        let id = k.wajib(n, row, kolom, m)?;
        let Some(&i) = index.get(id) else {
            m.push(k.masalah(n, kolom, id, Jenis::ButirTidakAda));
            return None;
        };
        if let Some(first) = seen.insert(i, n) {
            m.push(k.masalah(n, kolom, id, Jenis::Ganda { pertama: first }));
            return None;
        }
        Some(i)
    }

    /// Items no key row named (a row that named one but failed is reported where it failed).
    fn lengkap(
        &self,
        seen: &HashMap<usize, u32>,
        butir: &[Butir],
        l: &Lembar,
        m: &mut Vec<Masalah>,
    ) {
        for i in 0..butir.len() {
            if !seen.contains_key(&i) {
                m.push(Masalah::berkas(&l.nama, Jenis::TanpaKunci).dengan_nilai(&butir[i].id));
            }
        }
    }

    fn per_skala(&self, count: &[usize], harus: usize, l: &Lembar, m: &mut Vec<Masalah>) {
        for (s, c) in count.iter().enumerate() {
            if *c != harus {
                m.push(
                    Masalah::berkas(&l.nama, Jenis::PerSkala { harus, ada: *c })
                        .dengan_nilai(&self.skala[s].kode),
                );
            }
        }
    }
}
