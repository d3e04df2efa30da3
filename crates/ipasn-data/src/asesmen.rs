//! Assessment result files read and checked row by row: competency levels (a CSV or XLSX file
//! of `nip, kompetensi, level, tanggal[, sumber]`), potential test scores (`nip, skor,
//! tanggal[, sumber]`, 0–100), position standards (`jabatan, kompetensi, level`) and the
//! competency dictionary (`kompetensi, nama, level, deskripsi[, indikator]`). The file is read
//! within limits by [`crate::tabel`]; every problem of the file is returned at once, with its
//! row and column, as for a data package. Storing is `ipasn-store`'s.

use crate::lembar::Value;
use crate::masalah::{Kind, Level, Problem};
use crate::nilai;
use crate::tabel::{self, Tabel};
use ipasn_asesmen::Aturan;
use ipasn_core::tanggal::Tanggal;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The lembar name problems are reported under.
const LEMBAR: &str = "asesmen";

/// One stored result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Baris {
    /// NIP.
    pub nip: String,
    /// Competency code (`M.01` … `SK.01`, `T.…`).
    pub kode: String,
    /// Level achieved.
    pub level: f64,
    /// Assessment date (ISO).
    pub tanggal: String,
    /// Who assessed.
    pub sumber: String,
}

/// A potential test score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Potensi {
    /// NIP.
    pub nip: String,
    /// Score 0–100.
    pub skor: f64,
    /// Track-record score 0–100, when the file has the column `rekam_jejak`.
    pub rekam_jejak: Option<f64>,
    /// Test date (ISO).
    pub tanggal: String,
    /// Who tested.
    pub sumber: String,
}

/// A position's required level for one competency.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Standar {
    /// Position title or jenjang, lower-case.
    pub jabatan: String,
    /// Competency code.
    pub kode: String,
    /// Required level.
    pub level: f64,
}

/// What a results file holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Berkas {
    /// Competency levels.
    Kompetensi(Vec<Baris>),
    /// Potential test scores.
    Potensi(Vec<Potensi>),
    /// Position standards (SKJ): `jabatan, kompetensi, level` — the whole set, replacing the
    /// stored one.
    Standar(Vec<Standar>),
    /// The competency dictionary: `kompetensi, nama, level, deskripsi[, indikator]` (level empty
    /// or 0 for the definition; indicators one per line of the cell) — the instansi's whole
    /// dictionary, replacing the stored one and laid over the shipped PermenPANRB 38/2017 text.
    Kamus(Vec<Kamus>),
}

/// An entry of the competency dictionary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kamus {
    /// Code.
    pub kode: String,
    /// 0 for the definition, 1–5 for a level.
    pub level: i64,
    /// Name of the competency.
    pub nama: String,
    /// The text.
    pub deskripsi: String,
    /// Behaviour indicators, one per line of the cell.
    pub indikator: Vec<String>,
}

fn baca_kamus(rows: &Tabel, aturan: &Aturan) -> Result<Vec<Kamus>, Vec<Problem>> {
    let header = rows.baris(0);
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .expect("checked by the caller")
    };
    let (ck, cn, cl, cd) = (
        col("kompetensi"),
        col("nama"),
        col("level"),
        col("deskripsi"),
    );
    let ci = header
        .iter()
        .position(|h| h.eq_ignore_ascii_case("indikator"));
    let mut problems = vec![];
    let mut out = vec![];
    let mut seen: HashMap<(String, i64), u32> = HashMap::new();
    for r in rows.iter().skip(1) {
        let row = r.nomor();
        let cell = |c: usize| r.sel(c);
        let mut bad = |column: &str, value: &str, kind: Kind| {
            problems.push(Problem::at(Level::Error, LEMBAR, row, column, value, kind))
        };
        let kode = cell(ck).to_uppercase();
        if !aturan.kode_sah(&kode) {
            bad(
                "kompetensi",
                cell(ck),
                Kind::Choice(&[
                    "M.01",
                    "M.02",
                    "M.03",
                    "M.04",
                    "M.05",
                    "M.06",
                    "M.07",
                    "M.08",
                    "SK.01",
                    "T.<kode teknis>",
                ]),
            );
            continue;
        }
        let level = match cell(cl) {
            "" => Some(0),
            v => v.parse::<i64>().ok().filter(|l| (0..=5).contains(l)),
        };
        let Some(level) = level else {
            bad(
                "level",
                cell(cl),
                Kind::Range {
                    min: "0".into(),
                    max: "5".into(),
                },
            );
            continue;
        };
        if cell(cn).is_empty() && cell(cd).is_empty() {
            bad("deskripsi", "", Kind::Required);
            continue;
        }
        if let Some(first) = seen.insert((kode.clone(), level), row) {
            bad("level", cell(cl), Kind::Duplicate { first_row: first });
            continue;
        }
        let indikator = ci
            .map(|c| {
                cell(c)
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        out.push(Kamus {
            kode,
            level,
            nama: cell(cn).to_string(),
            deskripsi: cell(cd).to_string(),
            indikator,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The key a position title or jenjang is matched by.
pub fn kunci_jabatan(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn baca_standar(rows: &Tabel, aturan: &Aturan) -> Result<Vec<Standar>, Vec<Problem>> {
    let header = rows.baris(0);
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .expect("checked by the caller")
    };
    let (cj, ck, cl) = (col("jabatan"), col("kompetensi"), col("level"));
    let mut problems = vec![];
    let mut out = vec![];
    let mut seen: HashMap<(String, String), u32> = HashMap::new();
    for r in rows.iter().skip(1) {
        let row = r.nomor();
        let cell = |c: usize| r.sel(c);
        let mut bad = |column: &str, value: &str, kind: Kind| {
            problems.push(Problem::at(Level::Error, LEMBAR, row, column, value, kind))
        };
        let jabatan = kunci_jabatan(cell(cj));
        if jabatan.is_empty() {
            bad("jabatan", "", Kind::Required);
        }
        let kode = cell(ck).to_uppercase();
        if !aturan.kode_sah(&kode) {
            bad(
                "kompetensi",
                cell(ck),
                Kind::Choice(&[
                    "M.01",
                    "M.02",
                    "M.03",
                    "M.04",
                    "M.05",
                    "M.06",
                    "M.07",
                    "M.08",
                    "SK.01",
                    "T.<kode teknis>",
                ]),
            );
        }
        let level = cell(cl)
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|l| (1.0..=5.0).contains(l) && l.fract() == 0.0);
        if level.is_none() {
            bad(
                "level",
                cell(cl),
                Kind::Range {
                    min: "1".into(),
                    max: "5".into(),
                },
            );
        }
        if let (Some(level), false) = (level, jabatan.is_empty()) {
            if let Some(first) = seen.insert((jabatan.clone(), kode.clone()), row) {
                bad("kompetensi", cell(ck), Kind::Duplicate { first_row: first });
                continue;
            }
            out.push(Standar {
                jabatan,
                kode,
                level,
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Reads and checks a results file against the persons stored (`nips`). A file with a `skor`
/// column (and no `kompetensi`) holds potential test scores. Every problem of the file is
/// returned at once. Dates after `hari_ini` are refused.
pub fn baca(
    nama: &str,
    isi: &[u8],
    nips: &HashSet<String>,
    aturan: &Aturan,
    hari_ini: Tanggal,
) -> Result<Berkas, Vec<Problem>> {
    let unreadable = |why: String| vec![Problem::sheet(Level::Error, nama, Kind::Unreadable(why))];
    // Streamed within limits: a cell at XFD1048576 or a ZIP bomb is refused, not allocated.
    let rows = tabel::baca(nama, isi, &tabel::Batas::default()).map_err(|p| vec![*p])?;
    if rows.is_empty() {
        return Err(unreadable("empty file".into()));
    }
    let header = rows.baris(0);
    let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    if col("deskripsi").is_some()
        && col("kompetensi").is_some()
        && col("level").is_some()
        && col("nama").is_some()
    {
        return baca_kamus(&rows, aturan).map(Berkas::Kamus);
    }
    if col("jabatan").is_some()
        && col("kompetensi").is_some()
        && col("level").is_some()
        && col("nip").is_none()
    {
        return baca_standar(&rows, aturan).map(Berkas::Standar);
    }
    let potensi = col("skor").is_some() && col("kompetensi").is_none();
    let mut problems: Vec<Problem> = vec![];
    let mut need = |name: &str| {
        let c = col(name);
        if c.is_none() {
            problems.push(Problem::at(
                Level::Error,
                LEMBAR,
                1,
                name,
                "",
                Kind::MissingColumn,
            ));
        }
        c
    };
    let (c_nip, c_kode, c_level, c_tanggal) = if potensi {
        (need("nip"), need("skor"), need("skor"), need("tanggal"))
    } else {
        (
            need("nip"),
            need("kompetensi"),
            need("level"),
            need("tanggal"),
        )
    };
    let c_sumber = col("sumber");
    let c_rekam = if potensi { col("rekam_jejak") } else { None };
    let (Some(c_nip), Some(c_kode), Some(c_level), Some(c_tanggal)) =
        (c_nip, c_kode, c_level, c_tanggal)
    else {
        return Err(problems);
    };
    let t = hari_ini;
    let mut out = vec![];
    let mut scores = vec![];
    let mut seen: HashMap<(String, String, String), u32> = HashMap::new();
    let step = aturan.asesmen.langkah_level;
    for r in rows.iter().skip(1) {
        let row = r.nomor();
        let cell = |c: usize| r.sel(c);
        let mut bad = |column: &str, value: &str, kind: Kind| {
            problems.push(Problem::at(Level::Error, LEMBAR, row, column, value, kind))
        };
        let nip = match nilai::nip(&Value::Text(cell(c_nip)), t) {
            Ok(n) if nips.contains(&n.to_string()) => Some(n.to_string()),
            Ok(_) => {
                bad("nip", cell(c_nip), Kind::NipUnknown);
                None
            }
            Err(k) => {
                bad("nip", cell(c_nip), k);
                None
            }
        };
        let kode = if potensi {
            String::new()
        } else {
            cell(c_kode).to_uppercase()
        };
        if !potensi && !aturan.kode_sah(&kode) {
            bad(
                "kompetensi",
                cell(c_kode),
                Kind::Choice(&[
                    "M.01",
                    "M.02",
                    "M.03",
                    "M.04",
                    "M.05",
                    "M.06",
                    "M.07",
                    "M.08",
                    "SK.01",
                    "T.<kode teknis>",
                ]),
            );
        }
        let level = cell(c_level)
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite());
        let level_col = if potensi { "skor" } else { "level" };
        match level {
            None => bad(level_col, cell(c_level), Kind::Number),
            Some(l) if potensi && !(0.0..=100.0).contains(&l) => bad(
                "skor",
                cell(c_level),
                Kind::Range {
                    min: "0".into(),
                    max: "100".into(),
                },
            ),
            Some(l) if !potensi && ipasn_asesmen::integrasi::cek_level(aturan, l).is_err() => bad(
                "level",
                cell(c_level),
                Kind::Range {
                    min: "1".into(),
                    max: format!("5 (langkah/step {step})"),
                },
            ),
            _ => {}
        }
        let tanggal = match nilai::tanggal(&Value::Text(cell(c_tanggal)), false) {
            Ok(Some(d)) if d <= t => Some(d.to_string()),
            Ok(Some(_)) => {
                bad(
                    "tanggal",
                    cell(c_tanggal),
                    Kind::Range {
                        min: "-".into(),
                        max: t.to_string(),
                    },
                );
                None
            }
            Ok(None) => {
                bad("tanggal", cell(c_tanggal), Kind::Required);
                None
            }
            Err(k) => {
                bad("tanggal", cell(c_tanggal), k);
                None
            }
        };
        if let (Some(nip), Some(level), Some(tanggal)) = (nip, level, tanggal) {
            if let Some(first) = seen.insert((nip.clone(), kode.clone(), tanggal.clone()), row) {
                bad(
                    if potensi { "nip" } else { "kompetensi" },
                    cell(c_kode),
                    Kind::Duplicate { first_row: first },
                );
                continue;
            }
            let sumber = c_sumber.map(|c| cell(c).to_string()).unwrap_or_default();
            let rekam = c_rekam.map(cell).filter(|v| !v.is_empty());
            let rekam_jejak = rekam
                .and_then(|v| v.replace(',', ".").parse::<f64>().ok())
                .filter(|x| (0.0..=100.0).contains(x));
            if rekam.is_some() && rekam_jejak.is_none() {
                bad(
                    "rekam_jejak",
                    rekam.unwrap_or(""),
                    Kind::Range {
                        min: "0".into(),
                        max: "100".into(),
                    },
                );
                continue;
            }
            if potensi {
                scores.push(Potensi {
                    nip,
                    skor: level,
                    rekam_jejak,
                    tanggal,
                    sumber,
                });
            } else {
                out.push(Baris {
                    nip,
                    kode,
                    level,
                    tanggal,
                    sumber,
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(if potensi {
        Berkas::Potensi(scores)
    } else {
        Berkas::Kompetensi(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipasn_core::teks::Lang;

    const NIP: &str = "198501012010011001";

    fn hari_ini() -> Tanggal {
        Tanggal::new(2026, 12, 6).unwrap()
    }

    fn nips() -> HashSet<String> {
        HashSet::from([NIP.to_string()])
    }

    fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (r, c, v) in cells {
            ws.write_string(*r, *c, *v).unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    /// A 5 KB results workbook with one value in its last cell (XFD1048576) used to make the
    /// reader ask for a dense grid to that cell (549 GB) and abort the server. It is refused
    /// at that cell, with the fix.
    #[test]
    fn a_value_in_the_last_cell_of_a_sheet_is_refused_not_allocated() {
        let isi = workbook(&[
            (0, 0, "nip"),
            (0, 1, "kompetensi"),
            (0, 2, "level"),
            (0, 3, "tanggal"),
            (1, 0, NIP),
            (1, 1, "M.01"),
            (1, 2, "3"),
            (1, 3, "2024-05-01"),
            (1_048_575, 16_383, "x"),
        ]);
        assert!(isi.len() < 10_000);
        let e = baca("hasil.xlsx", &isi, &nips(), &Aturan::bawaan(), hari_ini()).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            (e[0].row, e[0].column.as_deref()),
            (Some(1_048_576), Some("XFD"))
        );
        assert!(e[0].message(Lang::Id).contains("64 kolom"), "{e:?}");
        assert!(e[0].fix(Lang::En).contains("delete the columns"), "{e:?}");
    }

    #[test]
    fn a_workbook_and_a_csv_are_read_alike_with_spreadsheet_row_numbers() {
        let isi = workbook(&[
            (0, 0, "NIP"),
            (0, 1, "kompetensi"),
            (0, 2, "level"),
            (0, 3, "tanggal"),
            (2, 0, NIP),
            (2, 1, "m.01"),
            (2, 2, "3,5"),
            (2, 3, "2024-05-01"),
            (3, 0, NIP),
            (3, 1, "M.02"),
            (3, 2, "9"),
            (3, 3, "2024-05-01"),
        ]);
        let csv = format!(
            "NIP;kompetensi;level;tanggal\n\n{NIP};m.01;3,5;2024-05-01\n{NIP};M.02;9;2024-05-01\n"
        );
        for (nama, isi) in [("a.xlsx", isi), ("a.csv", csv.into_bytes())] {
            let e = baca(nama, &isi, &nips(), &Aturan::bawaan(), hari_ini()).unwrap_err();
            assert_eq!(e.len(), 1, "{nama}: {e:?}");
            assert_eq!(
                (e[0].row, e[0].column.as_deref()),
                (Some(4), Some("level")),
                "{nama}"
            );
        }
        let csv = format!("nip,kompetensi,level,tanggal\n{NIP},M.01,3.5,2024-05-01\n");
        let Ok(Berkas::Kompetensi(rows)) = baca(
            "a.csv",
            csv.as_bytes(),
            &nips(),
            &Aturan::bawaan(),
            hari_ini(),
        ) else {
            panic!()
        };
        assert_eq!((rows[0].kode.as_str(), rows[0].level), ("M.01", 3.5));
    }
}
