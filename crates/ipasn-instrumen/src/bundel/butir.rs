//! The items file: one row per item (per word for Most/Least groups).

use super::kolom::{Ctx, Kolom};
use super::{Butir, Lembar, Opsi};
use crate::definisi::JenisInstrumen;
use crate::masalah::{Jenis, Masalah};
use std::collections::HashMap;

/// The most items (or Most/Least groups) one bundle may have: far above any published
/// instrument (PAPI has 90), low enough that a bundle is read in a blink.
pub const MAKS_BUTIR: usize = 5_000;

impl Ctx<'_> {
    pub(super) fn butir(
        &self,
        jenis: JenisInstrumen,
        l: &Lembar,
        m: &mut Vec<Masalah>,
    ) -> Vec<Butir> {
        let wajib: &[&str] = match jenis {
            JenisInstrumen::Likert => &["id", "teks"],
            JenisInstrumen::Pasangan => &["id", "a", "b"],
            JenisInstrumen::Paling => &["kelompok", "pilihan", "teks"],
            JenisInstrumen::Pilihan => &["id", "teks", "a"],
        };
        let Some(k) = Kolom::baru(l, wajib, m) else {
            return vec![];
        };
        let mut out: Vec<Butir> = vec![];
        let mut seen: HashMap<String, u32> = HashMap::new();
        if jenis == JenisInstrumen::Paling {
            let mut kata_seen: HashMap<(String, String), u32> = HashMap::new();
            let mut index: HashMap<String, usize> = HashMap::new();
            for (n, row) in l.isi() {
                let (Some(g), Some(p), Some(t)) = (
                    k.wajib(n, row, "kelompok", m),
                    k.wajib(n, row, "pilihan", m),
                    k.wajib(n, row, "teks", m),
                ) else {
                    continue;
                };
                if let Some(first) = kata_seen.insert((g.to_lowercase(), p.to_lowercase()), n) {
                    m.push(k.masalah(n, "pilihan", p, Jenis::Ganda { pertama: first }));
                    continue;
                }
                let bagian = self.bagian(&k, n, row, m);
                let opsi = Opsi {
                    kode: p.into(),
                    teks: t.into(),
                    teks_en: k.opt(row, "teks_en"),
                };
                match seen
                    .get(&g.to_lowercase())
                    .and_then(|_| index.get(&g.to_lowercase()))
                {
                    Some(&i) => out[i].opsi.push(opsi),
                    None => {
                        seen.insert(g.to_lowercase(), n);
                        index.insert(g.to_lowercase(), out.len());
                        out.push(Butir {
                            id: g.into(),
                            bagian,
                            teks: String::new(),
                            teks_en: None,
                            opsi: vec![opsi],
                        })
                    }
                }
            }
            if let Some(harus) = self.definisi.struktur.kata {
                for b in &out {
                    if b.opsi.len() != harus {
                        m.push(k.masalah(
                            seen[&b.id.to_lowercase()],
                            "kelompok",
                            &b.id,
                            Jenis::KataPerKelompok {
                                harus,
                                ada: b.opsi.len(),
                            },
                        ));
                    }
                }
            }
        } else {
            let opsi_kolom: Vec<&str> = match jenis {
                JenisInstrumen::Pasangan => vec!["a", "b"],
                JenisInstrumen::Pilihan => ["a", "b", "c", "d", "e", "f", "g", "h"]
                    .into_iter()
                    .filter(|c| k.i(c).is_some())
                    .collect(),
                _ => vec![],
            };
            for (n, row) in l.isi() {
                let Some(id) = k.wajib(n, row, "id", m) else {
                    continue;
                };
                if let Some(first) = seen.get(&id.to_lowercase()) {
                    m.push(k.masalah(n, "id", id, Jenis::Ganda { pertama: *first }));
                    continue;
                }
                seen.insert(id.to_lowercase(), n);
                let teks = if jenis == JenisInstrumen::Pasangan {
                    k.sel(row, "teks").to_string()
                } else {
                    k.wajib(n, row, "teks", m).unwrap_or_default().to_string()
                };
                let mut opsi = vec![];
                for c in &opsi_kolom {
                    let t = k.sel(row, c);
                    if t.is_empty() {
                        if jenis == JenisInstrumen::Pasangan || *c == "a" || *c == "b" {
                            m.push(k.masalah(n, c, "", Jenis::Wajib));
                        }
                        continue;
                    }
                    opsi.push(Opsi {
                        kode: (*c).into(),
                        teks: t.into(),
                        teks_en: k.opt(row, &format!("{c}_en")),
                    });
                }
                out.push(Butir {
                    id: id.into(),
                    bagian: self.bagian(&k, n, row, m),
                    teks,
                    teks_en: k.opt(row, "teks_en"),
                    opsi,
                });
            }
        }
        if out.len() > MAKS_BUTIR {
            m.push(Masalah::berkas(
                &l.nama,
                Jenis::TerlaluBanyak { batas: MAKS_BUTIR },
            ));
        }
        if let Some(harus) = self.definisi.struktur.butir
            && out.len() != harus
        {
            m.push(Masalah::berkas(
                &l.nama,
                Jenis::JumlahButir {
                    harus,
                    ada: out.len(),
                },
            ));
        }
        out
    }
}
