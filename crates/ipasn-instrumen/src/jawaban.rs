//! Answer sheets (jawaban): one row per person, `nip` then one column per item id (for
//! Most/Least groups two columns, `<kelompok>.M` and `<kelompok>.L`); an empty cell is an item
//! not answered. Likert cells hold the answer's number, pairs `a` or `b`, groups and multiple
//! choice the option's code as the items file writes it. Every problem of the sheet is
//! reported, with its row and column.

use crate::bundel::{Bundel, Lembar};
use crate::definisi::JenisInstrumen;
use crate::masalah::{Jenis, Masalah};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One item's answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Respons {
    /// Likert: the answer's value; otherwise the chosen option's index (for groups: Most).
    pub pilih: Option<u8>,
    /// Groups: the index of the word chosen as Least.
    pub least: Option<u8>,
}

impl Respons {
    /// An answer given (for groups: Most and Least both given).
    pub fn dijawab(&self, jenis: JenisInstrumen) -> bool {
        match jenis {
            JenisInstrumen::Paling => self.pilih.is_some() && self.least.is_some(),
            _ => self.pilih.is_some(),
        }
    }
}

/// One person's answers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LembarJawaban {
    /// NIP (or another id of the person), as written.
    pub nip: String,
    /// The row of the sheet.
    pub baris: u32,
    /// Per item of the bundle, in its order.
    pub respons: Vec<Respons>,
}

/// What the cells of one item column mean.
#[derive(Clone, Copy)]
enum Peran {
    Pilih(usize),
    Least(usize),
}

/// Reads an answer sheet against a bundle.
pub fn baca(bundel: &Bundel, l: &Lembar) -> Result<Vec<LembarJawaban>, Vec<Masalah>> {
    let mut m = vec![];
    let judul: Vec<String> = l
        .baris
        .first()
        .map(|(_, r)| r.iter().map(|c| c.trim().to_string()).collect())
        .unwrap_or_default();
    let paling = bundel.jenis == JenisInstrumen::Paling;
    let mut peran: HashMap<String, Peran> = HashMap::new();
    for (i, b) in bundel.butir.iter().enumerate() {
        if paling {
            for (suffix, p) in [("m", Peran::Pilih(i)), ("l", Peran::Least(i))] {
                for sep in [".", "_"] {
                    peran.insert(format!("{}{sep}{suffix}", b.id.to_lowercase()), p);
                }
            }
        } else {
            peran.insert(b.id.to_lowercase(), Peran::Pilih(i));
        }
    }
    let mut nip_kolom = None;
    let mut kolom: Vec<Option<Peran>> = vec![];
    let mut ada = vec![[false; 2]; bundel.butir.len()];
    let mut dilihat = std::collections::HashSet::new();
    for j in &judul {
        let key = j.to_lowercase();
        if !key.is_empty() && !dilihat.insert(key.clone()) {
            // A column twice: which one holds the answers? Refused rather than guessed.
            m.push(Masalah::sel(&l.nama, 1, j, j, Jenis::Ganda { pertama: 1 }));
            kolom.push(None);
            continue;
        }
        if key == "nip" {
            nip_kolom = Some(kolom.len());
            kolom.push(None);
            continue;
        }
        match peran.get(&key) {
            Some(p) => {
                let (i, k) = match *p {
                    Peran::Pilih(i) => (i, 0),
                    Peran::Least(i) => (i, 1),
                };
                if ada[i][k] {
                    // `1.M` and `1_M` both: the same answer twice.
                    m.push(Masalah::sel(&l.nama, 1, j, j, Jenis::Ganda { pertama: 1 }));
                    kolom.push(None);
                    continue;
                }
                ada[i][k] = true;
                kolom.push(Some(*p));
            }
            None => {
                if !j.is_empty() {
                    m.push(Masalah::sel(&l.nama, 1, j, j, Jenis::KolomTidakDikenal));
                }
                kolom.push(None);
            }
        }
    }
    if nip_kolom.is_none() {
        m.push(Masalah::sel(&l.nama, 1, "nip", "", Jenis::KolomTidakAda));
    }
    for (i, b) in bundel.butir.iter().enumerate() {
        let perlu: &[(usize, &str)] = if paling {
            &[(0, ".M"), (1, ".L")]
        } else {
            &[(0, "")]
        };
        for (k, s) in perlu {
            if !ada[i][*k] {
                m.push(Masalah::sel(
                    &l.nama,
                    1,
                    &format!("{}{s}", b.id),
                    "",
                    Jenis::KolomTidakAda,
                ));
            }
        }
    }
    if !m.is_empty() {
        return Err(m);
    }
    let nip_kolom = nip_kolom.expect("checked");
    let mut out = vec![];
    let mut seen: HashMap<String, u32> = HashMap::new();
    for (n, row) in l.isi() {
        let nip = row.get(nip_kolom).map_or("", |s| s.trim());
        if nip.is_empty() {
            m.push(Masalah::sel(&l.nama, n, "nip", "", Jenis::Wajib));
            continue;
        }
        if let Some(first) = seen.insert(nip.to_string(), n) {
            m.push(Masalah::sel(
                &l.nama,
                n,
                "nip",
                nip,
                Jenis::Ganda { pertama: first },
            ));
            continue;
        }
        let mut respons = vec![Respons::default(); bundel.butir.len()];
        for (c, p) in kolom.iter().enumerate() {
            let Some(p) = p else { continue };
            let v = row.get(c).map_or("", |s| s.trim());
            if v.is_empty() {
                continue;
            }
            let i = match p {
                Peran::Pilih(i) | Peran::Least(i) => *i,
            };
            match nilai(bundel, i, v) {
                Ok(x) => match p {
                    Peran::Pilih(_) => respons[i].pilih = Some(x),
                    Peran::Least(_) => respons[i].least = Some(x),
                },
                Err(ok) => m.push(Masalah::sel(&l.nama, n, &judul[c], v, Jenis::Pilihan(ok))),
            }
        }
        if !respons
            .iter()
            .any(|r| r.pilih.is_some() || r.least.is_some())
        {
            m.push(Masalah::sel(&l.nama, n, "nip", nip, Jenis::TanpaJawaban));
        }
        if paling {
            for (i, r) in respons.iter().enumerate() {
                if r.pilih.is_some() && r.pilih == r.least {
                    let c = format!("{}.L", bundel.butir[i].id);
                    let v = bundel.butir[i].opsi[r.least.unwrap() as usize].kode.clone();
                    m.push(Masalah::sel(&l.nama, n, &c, &v, Jenis::MostSamaLeast));
                }
            }
        }
        out.push(LembarJawaban {
            nip: nip.to_string(),
            baris: n,
            respons,
        });
    }
    if out.is_empty() && m.is_empty() {
        m.push(Masalah::berkas(&l.nama, Jenis::TanpaJawaban));
    }
    if m.is_empty() { Ok(out) } else { Err(m) }
}

/// A cell's answer to item `i` (a Likert value, else the option's index), or the values
/// allowed.
pub fn nilai(bundel: &Bundel, i: usize, v: &str) -> Result<u8, Vec<String>> {
    if bundel.jenis == JenisInstrumen::Likert {
        let l = bundel
            .definisi
            .likert
            .as_ref()
            .expect("a Likert bundle has its scale");
        let x = v.trim_end_matches(".0").parse::<u8>().ok();
        return match x {
            Some(x) if (l.min..=l.max).contains(&x) => Ok(x),
            _ => Err((l.min..=l.max).map(|x| x.to_string()).collect()),
        };
    }
    let opsi = &bundel.butir[i].opsi;
    opsi.iter()
        .position(|o| o.kode.eq_ignore_ascii_case(v))
        .map(|p| p as u8)
        .ok_or_else(|| opsi.iter().map(|o| o.kode.clone()).collect())
}
