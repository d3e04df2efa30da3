//! Writing results (ekspor): person results and unit results as CSV, XLSX or JSON (chosen by
//! the file extension), and the list of import problems as CSV.
//!
//! The person file lists only measured persons, one row each, beginning with exactly
//! `nip,nama,unor_id,jenis_jabatan,jenjang_jabatan,kualifikasi,kompetensi,kinerja,disiplin,ip,kategori,flags`
//! and then `aturan` (rule set id `@` the first 12 hex digits of its SHA-256). The unit file
//! begins with `unor_id,nama_unor,pegawai,diukur,partisipasi,ip,kualifikasi,kompetensi,kinerja,disiplin,kategori`.
//! Numbers are plain decimals (`22.5`, `40`, `71.38`); flags are separated by `;`.
//!
//! CSV and XLSX are written through [`crate::tabel::tulis`], the one table writer: a text cell
//! that a spreadsheet would run as a formula (a name `=HYPERLINK(…)`, a rule set id `+x`)
//! leaves CSV with a leading `'` and XLSX as a text cell; numbers stay numbers (number cells in
//! XLSX). The CSV files have no byte order mark (their format is documented and read by
//! programs).

use crate::masalah::Problem;
use crate::tabel::tulis::{self, Sel};
use ipasn_core::agregat::Agregat;
use ipasn_core::hasil::{Dimensi, HasilPegawai, Skor};
use ipasn_core::model::Dataset;
use ipasn_core::rules::RuleSet;
use ipasn_core::skor::Penilai;
use ipasn_core::teks::{self, Lang};
use serde_json::{Value as Json, json};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Columns of the person results, in order.
pub const PERSON_COLUMNS: [&str; 13] = [
    "nip",
    "nama",
    "unor_id",
    "jenis_jabatan",
    "jenjang_jabatan",
    "kualifikasi",
    "kompetensi",
    "kinerja",
    "disiplin",
    "ip",
    "kategori",
    "flags",
    "aturan",
];

/// Columns of the unit results, in order.
pub const UNIT_COLUMNS: [&str; 11] = [
    "unor_id",
    "nama_unor",
    "pegawai",
    "diukur",
    "partisipasi",
    "ip",
    "kualifikasi",
    "kompetensi",
    "kinerja",
    "disiplin",
    "kategori",
];

/// An export failure, with the file.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ExportError {
    /// The file.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

fn err(path: &Path, e: impl std::fmt::Display) -> ExportError {
    ExportError {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// The output format, from a file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// `.csv` (also the default for unknown extensions).
    Csv,
    /// `.xlsx`.
    Xlsx,
    /// `.json`.
    Json,
}

impl FileFormat {
    /// From the extension.
    pub fn of(path: &Path) -> FileFormat {
        match path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref()
        {
            Some("xlsx") => FileFormat::Xlsx,
            Some("json") => FileFormat::Json,
            _ => FileFormat::Csv,
        }
    }
}

/// What a measurement produced, with what it needs to be written out.
pub struct Hasil<'a> {
    /// The package.
    pub dataset: &'a Dataset,
    /// The scorer used (rule set, year, cut-off date); it re-scores a person when an
    /// explanation is written.
    pub penilai: &'a Penilai<'a>,
    /// Per person, `None` if not measured.
    pub pegawai: &'a [Option<Skor>],
    /// Per unit.
    pub unor: &'a [Agregat],
}

impl Hasil<'_> {
    fn rules(&self) -> &RuleSet {
        self.penilai.rules()
    }

    /// `id@hash12`.
    pub fn aturan(&self) -> String {
        format!("{}@{}", self.rules().id, &self.rules().hash[..12])
    }

    fn person_cells(&self, i: usize, h: &Skor, aturan: &str) -> Vec<Sel> {
        let p = &self.dataset.pegawai[i];
        let poin = |d| Sel::Angka(points_f64(h.poin(d)));
        vec![
            Sel::Teks(p.nip.to_string()),
            Sel::Teks(p.nama.to_string()),
            Sel::Teks(self.dataset.unor[p.unor as usize].id.clone()),
            p.jenis_jabatan.name().into(),
            p.jenjang.name().into(),
            poin(Dimensi::Kualifikasi),
            poin(Dimensi::Kompetensi),
            poin(Dimensi::Kinerja),
            poin(Dimensi::Disiplin),
            Sel::Angka(points_f64(h.ip)),
            Sel::Teks(self.rules().kategori[h.kategori as usize].nama.clone()),
            Sel::Teks(h.flags.to_string()),
            aturan.into(),
        ]
    }

    /// A unit's cells: a mean of no measured person is empty.
    fn unit_cells(&self, u: usize) -> [Sel; 11] {
        let a = &self.unor[u];
        let unit = &self.dataset.unor[u];
        let n = |n: u64| Sel::Angka(n as f64);
        let d = |d: ipasn_core::Decimal| Sel::Angka(decimal_f64(d));
        let opt = |x: Option<ipasn_core::Decimal>| x.map_or(Sel::Kosong, d);
        [
            Sel::Teks(unit.id.clone()),
            Sel::Teks(unit.nama.clone()),
            n(a.pegawai),
            n(a.diukur),
            d(a.partisipasi()),
            opt(a.ip()),
            opt(a.rerata(Dimensi::Kualifikasi)),
            opt(a.rerata(Dimensi::Kompetensi)),
            opt(a.rerata(Dimensi::Kinerja)),
            opt(a.rerata(Dimensi::Disiplin)),
            a.kategori(self.rules())
                .map(|k| Sel::Teks(self.rules().kategori[k].nama.clone()))
                .unwrap_or(Sel::Kosong),
        ]
    }

    /// Writes the person results (format by extension).
    pub fn write_pegawai(&self, path: &Path, lang: Lang) -> Result<(), ExportError> {
        match FileFormat::of(path) {
            FileFormat::Csv => self.write_pegawai_csv(path),
            FileFormat::Xlsx => self.write_xlsx(path, true),
            FileFormat::Json => self.write_pegawai_json(path, lang),
        }
    }

    /// Writes the unit results (format by extension).
    pub fn write_unor(&self, path: &Path) -> Result<(), ExportError> {
        match FileFormat::of(path) {
            FileFormat::Csv => {
                let mut w = csv_writer(path)?;
                w.kolom(&UNIT_COLUMNS).map_err(|e| err(path, e))?;
                for u in 0..self.unor.len() {
                    w.baris(&self.unit_cells(u)).map_err(|e| err(path, e))?;
                }
                w.selesai().map(drop).map_err(|e| err(path, e))
            }
            FileFormat::Xlsx => self.write_xlsx(path, false),
            FileFormat::Json => {
                let rows: Vec<Json> = (0..self.unor.len())
                    .map(|u| {
                        let c = self.unit_cells(u);
                        let mut o = serde_json::Map::new();
                        for (k, v) in UNIT_COLUMNS.iter().zip(c) {
                            o.insert(k.to_string(), json_value(v));
                        }
                        o.insert(
                            "induk_unor_id".into(),
                            json!(
                                self.dataset.unor[u]
                                    .induk
                                    .map(|p| self.dataset.unor[p as usize].id.clone())
                            ),
                        );
                        Json::Object(o)
                    })
                    .collect();
                let doc = json!({ "tahun": self.penilai.tahun(), "tanggal_acuan": self.penilai.cutoff().to_string(), "aturan": self.rules().id, "aturan_sha256": self.rules().hash, "unor": rows });
                write_json(path, &doc)
            }
        }
    }

    fn write_pegawai_csv(&self, path: &Path) -> Result<(), ExportError> {
        let mut w = csv_writer(path)?;
        w.kolom(&PERSON_COLUMNS).map_err(|e| err(path, e))?;
        let mut w = w.selesai().map_err(|e| err(path, e))?;
        // Rows are formatted in parallel chunks; a batch is written, in order, while the next
        // one is formatted.
        let n = self.pegawai.len();
        let threads = std::thread::available_parallelism()
            .map(|t| t.get())
            .unwrap_or(1)
            .min(8);
        let chunk = 50_000;
        let mut start = 0;
        let mut formatted: Vec<Vec<u8>> = vec![];
        while start < n || !formatted.is_empty() {
            let ends: Vec<usize> = (1..=threads).map(|t| (start + t * chunk).min(n)).collect();
            let (next, written) = std::thread::scope(|s| {
                let (w, formatted) = (&mut w, &formatted);
                let writer =
                    s.spawn(move || formatted.iter().try_for_each(|part| w.write_all(part)));
                let handles: Vec<_> = (0..threads)
                    .filter(|_| start < n)
                    .map(|t| {
                        let from = if t == 0 { start } else { ends[t - 1] };
                        let to = ends[t];
                        s.spawn(move || self.format_rows(from, to))
                    })
                    .collect();
                let next: Vec<Vec<u8>> = handles
                    .into_iter()
                    .map(|h| h.join().expect("a formatting thread panicked"))
                    .collect();
                (next, writer.join().expect("the writing thread panicked"))
            });
            written.map_err(|e| err(path, e))?;
            formatted = next;
            start = *ends.last().expect("at least one thread");
        }
        w.flush().map_err(|e| err(path, e))
    }

    /// CSV lines of the measured persons among `from..to`: the cells of
    /// [`Hasil::person_cells`], formatted without allocating per person. Text from the package
    /// or the rule set goes through [`tulis::teks_csv`] (neutralised, quoted); the NIP's digits,
    /// the names of positions and flags (fixed words) and the points are written as they are.
    fn format_rows(&self, from: usize, to: usize) -> Vec<u8> {
        let mut aturan = vec![];
        tulis::teks_csv(&mut aturan, &self.aturan());
        let mut out = Vec::with_capacity((to - from) * 120);
        for i in from..to {
            let Some(h) = &self.pegawai[i] else { continue };
            let p = &self.dataset.pegawai[i];
            let mut nip = [b'0'; 18];
            let mut v = p.nip.0;
            for d in nip.iter_mut().rev() {
                *d = b'0' + (v % 10) as u8;
                v /= 10;
            }
            out.extend_from_slice(&nip);
            out.push(b',');
            tulis::teks_csv(&mut out, &p.nama);
            out.push(b',');
            tulis::teks_csv(&mut out, &self.dataset.unor[p.unor as usize].id);
            out.push(b',');
            out.extend_from_slice(p.jenis_jabatan.name().as_bytes());
            out.push(b',');
            out.extend_from_slice(p.jenjang.name().as_bytes());
            for x in h.poin.iter().chain(std::iter::once(&h.ip)) {
                out.push(b',');
                points(&mut out, *x);
            }
            out.push(b',');
            tulis::teks_csv(&mut out, &self.rules().kategori[h.kategori as usize].nama);
            out.push(b',');
            for (k, name) in h.flags.names().enumerate() {
                if k > 0 {
                    out.push(b';');
                }
                out.extend_from_slice(name.as_bytes());
            }
            out.push(b',');
            out.extend_from_slice(&aturan);
            out.push(b'\n');
        }
        out
    }

    fn write_pegawai_json(&self, path: &Path, lang: Lang) -> Result<(), ExportError> {
        let rows: Vec<Json> = self
            .pegawai
            .iter()
            .enumerate()
            .filter(|(_, h)| h.is_some())
            .map(|(i, _)| {
                let h = self
                    .penilai
                    .nilai(&self.dataset.pegawai[i], self.dataset.riwayat(i));
                self.person_json(i, &h, lang)
            })
            .collect();
        let doc = json!({
            "tahun": self.penilai.tahun(),
            "tanggal_acuan": self.penilai.cutoff().to_string(),
            "aturan": self.rules().id,
            "aturan_sha256": self.rules().hash,
            "pegawai": rows,
        });
        write_json(path, &doc)
    }

    /// One person's result with its full explanation, as JSON.
    pub fn person_json(&self, i: usize, h: &HasilPegawai, lang: Lang) -> Json {
        let p = &self.dataset.pegawai[i];
        let dims: Vec<Json> = h
            .dimensi
            .iter()
            .map(|d| {
                json!({
                    "dimensi": d.dimensi.name(),
                    "poin": num(&d.poin.to_string()),
                    "maks": num(&d.maks.to_string()),
                    "alasan": d.alasan.iter().map(|a| teks::alasan(a, lang)).collect::<Vec<_>>(),
                    "dipakai": d.dipakai.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
                    "kurang": d.kurang.iter().map(|k| json!({"teks": teks::kekurangan(k, lang), "tambah": num(&k.tambah().to_string())})).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "nip": p.nip.to_string(),
            "nama": p.nama,
            "unor_id": self.dataset.unor[p.unor as usize].id,
            "jenis_jabatan": p.jenis_jabatan.name(),
            "jenjang_jabatan": p.jenjang.name(),
            "ip": num(&h.ip.to_string()),
            "kategori": self.rules().kategori[h.kategori].nama,
            "flags": h.flags.names().collect::<Vec<_>>(),
            "dimensi": dims,
        })
    }

    fn write_xlsx(&self, path: &Path, persons: bool) -> Result<(), ExportError> {
        let rows = if persons {
            self.pegawai.iter().filter(|h| h.is_some()).count()
        } else {
            self.unor.len()
        };
        if rows >= tulis::XLSX_BARIS_MAKS as usize {
            return Err(err(
                path,
                "more than 1,048,575 rows do not fit in an Excel sheet; write .csv or .json",
            ));
        }
        let e = |e| err(path, e);
        let mut x = tulis::Xlsx::new(Some(if persons {
            "hasil_pegawai"
        } else {
            "hasil_unor"
        }))
        .map_err(e)?;
        if persons {
            x.kolom(&PERSON_COLUMNS).map_err(e)?;
            let aturan = self.aturan();
            for (i, h) in self.pegawai.iter().enumerate() {
                if let Some(h) = h {
                    x.baris(&self.person_cells(i, h, &aturan)).map_err(e)?;
                }
            }
        } else {
            x.kolom(&UNIT_COLUMNS).map_err(e)?;
            for u in 0..self.unor.len() {
                x.baris(&self.unit_cells(u)).map_err(e)?;
            }
        }
        x.simpan(path).map_err(e)
    }
}

/// Points as a plain decimal (`22.5`, `40`) without the formatting machinery.
fn points(out: &mut Vec<u8>, p: ipasn_core::Points) {
    let whole = p.halves() / 2;
    let mut digits = [0u8; 10];
    let mut k = digits.len();
    let mut v = whole;
    loop {
        k -= 1;
        digits[k] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[k..]);
    if p.halves() % 2 == 1 {
        out.extend_from_slice(b".5");
    }
}

/// Points as a number: halves are exact in binary.
fn points_f64(p: ipasn_core::Points) -> f64 {
    p.halves() as f64 / 2.0
}

/// A decimal as the nearest `f64`: the same number its text (`71.375`) reads as, since the
/// division of two exact integers is rounded once.
fn decimal_f64(d: ipasn_core::Decimal) -> f64 {
    d.0 as f64 / ipasn_core::Decimal::SCALE as f64
}

fn num(s: &str) -> Json {
    s.parse::<serde_json::Number>()
        .map(Json::Number)
        .unwrap_or(Json::Null)
}

/// A cell as JSON: text as a string, a number as the number its shortest decimal reads as
/// (`12`, `71.375`), an empty cell as `null`.
fn json_value(v: Sel) -> Json {
    match v {
        Sel::Teks(s) => Json::String(s),
        Sel::Angka(x) => num(&x.to_string()),
        Sel::Kosong => Json::Null,
    }
}

/// A CSV file of the CLI's formats: no byte order mark.
fn csv_writer(path: &Path) -> Result<tulis::Csv<BufWriter<File>>, ExportError> {
    let f = File::create(path).map_err(|e| err(path, e))?;
    tulis::Csv::new(BufWriter::with_capacity(1 << 20, f), false).map_err(|e| err(path, e))
}

fn write_json(path: &Path, doc: &Json) -> Result<(), ExportError> {
    let f = File::create(path).map_err(|e| err(path, e))?;
    let mut w = BufWriter::new(f);
    serde_json::to_writer_pretty(&mut w, doc).map_err(|e| err(path, e))?;
    w.write_all(b"\n").map_err(|e| err(path, e))?;
    w.flush().map_err(|e| err(path, e))
}

/// Writes import problems as CSV: `tingkat,sheet,baris,kolom,nilai,masalah,perbaikan`.
pub fn write_problems(path: &Path, problems: &[Problem], lang: Lang) -> Result<(), ExportError> {
    let mut w = csv_writer(path)?;
    let header = match lang {
        Lang::Id => [
            "tingkat",
            "sheet",
            "baris",
            "kolom",
            "nilai",
            "masalah",
            "perbaikan",
        ],
        Lang::En => ["level", "sheet", "row", "column", "value", "problem", "fix"],
    };
    w.kolom(&header).map_err(|e| err(path, e))?;
    for p in problems {
        let level = match (p.level, lang) {
            (crate::masalah::Level::Error, Lang::Id) => "galat",
            (crate::masalah::Level::Error, Lang::En) => "error",
            (crate::masalah::Level::Warning, Lang::Id) => "peringatan",
            (crate::masalah::Level::Warning, Lang::En) => "warning",
        };
        w.baris(&[
            level.into(),
            p.sheet.as_str().into(),
            p.row.map(i64::from).into(),
            p.column.as_deref().into(),
            p.value.as_deref().into(),
            p.message(lang).into(),
            p.fix(lang).into(),
        ])
        .map_err(|e| err(path, e))?;
    }
    w.selesai().map(drop).map_err(|e| err(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipasn_core::Points;

    #[test]
    fn points_and_decimals_read_as_their_text() {
        for h in [0u32, 1, 45, 80, 200, 201] {
            let mut out = vec![];
            points(&mut out, Points(h));
            assert_eq!(String::from_utf8(out).unwrap(), Points(h).to_string());
            assert_eq!(points_f64(Points(h)).to_string(), Points(h).to_string());
        }
        for d in [
            0,
            1,
            71_375_000,
            88_888_889,
            100_000_000,
            -3_000_000,
            -1_250_000,
        ] {
            let d = ipasn_core::Decimal(d);
            assert_eq!(decimal_f64(d).to_string(), d.to_string());
            assert_eq!(json_value(Sel::Angka(decimal_f64(d))), num(&d.to_string()));
        }
        assert_eq!(json_value(Sel::Kosong), Json::Null);
    }
}
