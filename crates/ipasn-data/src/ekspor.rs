//! Writing results (ekspor): person results and unit results as CSV, XLSX or JSON (chosen by
//! the file extension), and the list of import problems as CSV.
//!
//! The person file lists only measured persons, one row each, beginning with exactly
//! `nip,nama,unor_id,jenis_jabatan,jenjang_jabatan,kualifikasi,kompetensi,kinerja,disiplin,ip,kategori,flags`
//! and then `aturan` (rule set id `@` the first 12 hex digits of its SHA-256). The unit file
//! begins with `unor_id,nama_unor,pegawai,diukur,partisipasi,ip,kualifikasi,kompetensi,kinerja,disiplin,kategori`.
//! Numbers are plain decimals (`22.5`, `40`, `71.38`); flags are separated by `;`.

use crate::masalah::Problem;
use ipasn_core::agregat::Agregat;
use ipasn_core::hasil::{Dimensi, HasilPegawai, Skor};
use ipasn_core::model::Dataset;
use ipasn_core::rules::RuleSet;
use ipasn_core::skor::Penilai;
use ipasn_core::teks::{self, Lang};
use rust_xlsxwriter::{Format, Workbook};
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

    fn person_cells(&self, i: usize, h: &Skor, aturan: &str) -> [String; 13] {
        let p = &self.dataset.pegawai[i];
        [
            p.nip.to_string(),
            p.nama.to_string(),
            self.dataset.unor[p.unor as usize].id.clone(),
            p.jenis_jabatan.name().to_string(),
            p.jenjang.name().to_string(),
            h.poin(Dimensi::Kualifikasi).to_string(),
            h.poin(Dimensi::Kompetensi).to_string(),
            h.poin(Dimensi::Kinerja).to_string(),
            h.poin(Dimensi::Disiplin).to_string(),
            h.ip.to_string(),
            self.rules().kategori[h.kategori as usize].nama.clone(),
            h.flags.to_string(),
            aturan.to_string(),
        ]
    }

    fn unit_cells(&self, u: usize) -> [String; 11] {
        let a = &self.unor[u];
        let unit = &self.dataset.unor[u];
        let opt = |d: Option<ipasn_core::Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
        [
            unit.id.clone(),
            unit.nama.clone(),
            a.pegawai.to_string(),
            a.diukur.to_string(),
            a.partisipasi().to_string(),
            opt(a.ip()),
            opt(a.rerata(Dimensi::Kualifikasi)),
            opt(a.rerata(Dimensi::Kompetensi)),
            opt(a.rerata(Dimensi::Kinerja)),
            opt(a.rerata(Dimensi::Disiplin)),
            a.kategori(self.rules())
                .map(|k| self.rules().kategori[k].nama.clone())
                .unwrap_or_default(),
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
                w.write_record(UNIT_COLUMNS).map_err(|e| err(path, e))?;
                for u in 0..self.unor.len() {
                    w.write_record(self.unit_cells(u))
                        .map_err(|e| err(path, e))?;
                }
                w.flush().map_err(|e| err(path, e))
            }
            FileFormat::Xlsx => self.write_xlsx(path, false),
            FileFormat::Json => {
                let rows: Vec<Json> = (0..self.unor.len())
                    .map(|u| {
                        let c = self.unit_cells(u);
                        let mut o = serde_json::Map::new();
                        for (k, v) in UNIT_COLUMNS.iter().zip(c) {
                            o.insert(k.to_string(), unit_json_value(k, v));
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
        let f = File::create(path).map_err(|e| err(path, e))?;
        let mut w = BufWriter::with_capacity(1 << 20, f);
        let mut header = PERSON_COLUMNS.join(",");
        header.push('\n');
        w.write_all(header.as_bytes()).map_err(|e| err(path, e))?;
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

    /// CSV lines of the measured persons among `from..to`.
    fn format_rows(&self, from: usize, to: usize) -> Vec<u8> {
        let aturan = self.aturan();
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
            csv_field(&mut out, &p.nama);
            out.push(b',');
            csv_field(&mut out, &self.dataset.unor[p.unor as usize].id);
            out.push(b',');
            out.extend_from_slice(p.jenis_jabatan.name().as_bytes());
            out.push(b',');
            out.extend_from_slice(p.jenjang.name().as_bytes());
            for x in h.poin.iter().chain(std::iter::once(&h.ip)) {
                out.push(b',');
                points(&mut out, *x);
            }
            out.push(b',');
            csv_field(&mut out, &self.rules().kategori[h.kategori as usize].nama);
            out.push(b',');
            for (k, name) in h.flags.names().enumerate() {
                if k > 0 {
                    out.push(b';');
                }
                out.extend_from_slice(name.as_bytes());
            }
            out.push(b',');
            out.extend_from_slice(aturan.as_bytes());
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
        let mut wb = Workbook::new();
        let bold = Format::new().set_bold();
        let ws = wb
            .add_worksheet_with_constant_memory()
            .map_err(|e| err(path, e))?;
        ws.set_name(if persons {
            "hasil_pegawai"
        } else {
            "hasil_unor"
        })
        .map_err(|e| err(path, e))?;
        let (cols, numeric): (&[&str], &[usize]) = if persons {
            (&PERSON_COLUMNS, &[5, 6, 7, 8, 9])
        } else {
            (&UNIT_COLUMNS, &[2, 3, 4, 5, 6, 7, 8, 9])
        };
        for (c, name) in cols.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *name, &bold)
                .map_err(|e| err(path, e))?;
        }
        let mut row = 1u32;
        let put = |ws: &mut rust_xlsxwriter::Worksheet,
                   row: &mut u32,
                   cells: &[String]|
         -> Result<(), ExportError> {
            if *row >= 1_048_576 {
                return Err(err(
                    path,
                    "more than 1,048,575 rows do not fit in an Excel sheet; write .csv or .json",
                ));
            }
            for (c, v) in cells.iter().enumerate() {
                let c16 = c as u16;
                if numeric.contains(&c) && !v.is_empty() {
                    let x: f64 = v.parse().map_err(|e| err(path, e))?;
                    ws.write_number(*row, c16, x).map_err(|e| err(path, e))?;
                } else {
                    ws.write_string(*row, c16, v).map_err(|e| err(path, e))?;
                }
            }
            *row += 1;
            Ok(())
        };
        if persons {
            let aturan = self.aturan();
            for (i, h) in self.pegawai.iter().enumerate() {
                if let Some(h) = h {
                    put(ws, &mut row, &self.person_cells(i, h, &aturan))?;
                }
            }
        } else {
            for u in 0..self.unor.len() {
                put(ws, &mut row, &self.unit_cells(u))?;
            }
        }
        wb.save(path).map_err(|e| err(path, e))
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
fn csv_field(out: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for b in s.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
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

fn num(s: &str) -> Json {
    s.parse::<serde_json::Number>()
        .map(Json::Number)
        .unwrap_or(Json::Null)
}

fn unit_json_value(col: &str, v: String) -> Json {
    match col {
        "unor_id" | "nama_unor" | "kategori" => {
            if v.is_empty() && col == "kategori" {
                Json::Null
            } else {
                Json::String(v)
            }
        }
        _ if v.is_empty() => Json::Null,
        _ => num(&v),
    }
}

fn csv_writer(path: &Path) -> Result<csv::Writer<BufWriter<File>>, ExportError> {
    let f = File::create(path).map_err(|e| err(path, e))?;
    Ok(csv::WriterBuilder::new().from_writer(BufWriter::with_capacity(1 << 20, f)))
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
    w.write_record(header).map_err(|e| err(path, e))?;
    for p in problems {
        let level = match (p.level, lang) {
            (crate::masalah::Level::Error, Lang::Id) => "galat",
            (crate::masalah::Level::Error, Lang::En) => "error",
            (crate::masalah::Level::Warning, Lang::Id) => "peringatan",
            (crate::masalah::Level::Warning, Lang::En) => "warning",
        };
        w.write_record([
            level.to_string(),
            p.sheet.clone(),
            p.row.map(|r| r.to_string()).unwrap_or_default(),
            p.column.clone().unwrap_or_default(),
            p.value.clone().unwrap_or_default(),
            p.message(lang),
            p.fix(lang),
        ])
        .map_err(|e| err(path, e))?;
    }
    w.flush().map_err(|e| err(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipasn_core::Points;

    #[test]
    fn csv_fields_and_points() {
        let mut out = vec![];
        csv_field(&mut out, "Dr. Budi, S.H.");
        out.push(b' ');
        csv_field(&mut out, "say \"hi\"");
        out.push(b' ');
        csv_field(&mut out, "plain");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"Dr. Budi, S.H.\" \"say \"\"hi\"\"\" plain"
        );
        for h in [0u32, 1, 45, 80, 200, 201] {
            let mut out = vec![];
            points(&mut out, Points(h));
            assert_eq!(String::from_utf8(out).unwrap(), Points(h).to_string());
        }
    }
}
