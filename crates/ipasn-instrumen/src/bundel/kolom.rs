//! Columns of a table by name, and what the checks of one bundle share.

use super::{Lembar, cari_skala};
use crate::definisi::{Definisi, Skala};
use crate::masalah::{Jenis, Masalah};

/// Columns of a table by name.
pub(super) struct Kolom<'a> {
    lembar: &'a Lembar,
    judul: Vec<String>,
}

impl<'a> Kolom<'a> {
    /// The table's columns; the required ones missing are reported (then `None`).
    pub(super) fn baru(
        lembar: &'a Lembar,
        wajib: &[&str],
        m: &mut Vec<Masalah>,
    ) -> Option<Kolom<'a>> {
        let k = Kolom {
            lembar,
            judul: lembar.judul(),
        };
        let mut ok = true;
        for w in wajib {
            if k.i(w).is_none() {
                m.push(Masalah {
                    berkas: lembar.nama.clone(),
                    baris: Some(1),
                    kolom: Some((*w).into()),
                    nilai: String::new(),
                    jenis: Jenis::KolomTidakAda,
                });
                ok = false;
            }
        }
        // Control and direction-override characters in any cell: texts shown to people must
        // read as they are stored.
        for (n, row) in &lembar.baris {
            for (c, cell) in row.iter().enumerate() {
                if cell.chars().any(crate::definisi::teks_terlarang) {
                    let kolom = lembar
                        .judul()
                        .get(c)
                        .cloned()
                        .unwrap_or_else(|| (c + 1).to_string());
                    m.push(Masalah::sel(
                        &lembar.nama,
                        *n,
                        &kolom,
                        &cell.escape_debug().to_string(),
                        Jenis::Kendali,
                    ));
                }
            }
        }
        ok.then_some(k)
    }

    pub(super) fn i(&self, nama: &str) -> Option<usize> {
        self.judul.iter().position(|j| j == nama)
    }

    pub(super) fn sel<'r>(&self, row: &'r [String], nama: &str) -> &'r str {
        self.i(nama)
            .and_then(|i| row.get(i))
            .map_or("", |s| s.trim())
    }

    pub(super) fn opt(&self, row: &[String], nama: &str) -> Option<String> {
        let s = self.sel(row, nama);
        (!s.is_empty()).then(|| s.to_string())
    }

    pub(super) fn masalah(&self, baris: u32, kolom: &str, nilai: &str, jenis: Jenis) -> Masalah {
        Masalah::sel(&self.lembar.nama, baris, kolom, nilai, jenis)
    }

    /// A required cell; reports it when empty.
    pub(super) fn wajib<'r>(
        &self,
        n: u32,
        row: &'r [String],
        nama: &str,
        m: &mut Vec<Masalah>,
    ) -> Option<&'r str> {
        let s = self.sel(row, nama);
        if s.is_empty() {
            m.push(self.masalah(n, nama, "", Jenis::Wajib));
            None
        } else {
            Some(s)
        }
    }
}

pub(super) struct Ctx<'a> {
    pub(super) definisi: &'a Definisi,
    pub(super) skala: &'a [Skala],
}

impl Ctx<'_> {
    pub(super) fn bagian(&self, k: &Kolom, n: u32, row: &[String], m: &mut Vec<Masalah>) -> usize {
        let b = k.sel(row, "bagian");
        if b.is_empty() {
            return 0;
        }
        match self.definisi.bagian.iter().position(|x| x.id == b) {
            Some(i) => i,
            None => {
                m.push(k.masalah(n, "bagian", b, Jenis::BagianTidakDikenal));
                0
            }
        }
    }

    pub(super) fn skala_sel(
        &self,
        k: &Kolom,
        n: u32,
        row: &[String],
        kolom: &str,
        m: &mut Vec<Masalah>,
    ) -> Option<usize> {
        let s = k.wajib(n, row, kolom, m)?;
        let i = cari_skala(self.skala, s);
        if i.is_none() {
            m.push(k.masalah(n, kolom, s, Jenis::SkalaTidakDikenal));
        }
        i
    }
}
