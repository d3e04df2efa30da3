//! Small uploaded tables (tabel): a CSV file or the first sheet of an XLSX workbook read into
//! rows of text, within limits — for the assessment results, potential scores, position
//! standards and dictionary entries an admin uploads.
//!
//! The same readers as the data package ([`crate::lembar`]): CSV in UTF-8 or Windows-1252 with
//! the delimiter sniffed from the header line, quoted cells with line breaks; XLSX streamed cell
//! by cell (a cell at XFD1048576 costs one cell, not a grid of 17 billion), after
//! [`crate::arsip::periksa`] has checked the workbook's real decompressed sizes. Rows, cells per
//! row and text in all are limited ([`Batas`]); a file over a limit is refused with one clear
//! error, never cut short in silence.
//!
//! Cells are kept as a person reads them in the cell, trimmed: numbers as `88` or `3.5`, date
//! cells as `YYYY-MM-DD`. Rows of only empty cells are left out; each row keeps its number as a
//! spreadsheet shows it (header = 1).
//!
//! Writing tables — CSV with BOM or XLSX, formula-looking text neutralised — is [`tulis`].

pub mod tulis;

use crate::arsip;
use crate::lembar::{self, Row, SourceError};
use crate::masalah::{Archive, Kind, Level, Limit, Problem};

/// Limits of [`baca`], with their defaults ([`Batas::default`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Batas {
    /// Rows (the header included). Default 200,000.
    pub baris: u64,
    /// Cells of one row, up to its last non-empty one. Default 64.
    pub kolom: u64,
    /// Bytes of cell text in all. Default 100 MiB.
    pub teks: u64,
    /// The decompressed sizes of an XLSX workbook ([`arsip::Batas::tabel`]).
    pub arsip: arsip::Batas,
}

impl Default for Batas {
    fn default() -> Batas {
        Batas {
            baris: 200_000,
            kolom: 64,
            teks: 100 << 20,
            arsip: arsip::Batas::tabel(),
        }
    }
}

/// The rows of a table: all cell text in one buffer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tabel {
    teks: String,
    /// Where each cell ends in `teks`.
    akhir: Vec<u32>,
    /// Each row's number and the index of its first cell in `akhir`.
    baris: Vec<(u32, u32)>,
    /// Some CSV text was not UTF-8 and was read as Windows-1252.
    pub recoded: bool,
}

impl Tabel {
    /// Number of rows (the header included).
    pub fn len(&self) -> usize {
        self.baris.len()
    }

    /// Whether there is no row at all.
    pub fn is_empty(&self) -> bool {
        self.baris.is_empty()
    }

    /// The `k`-th row (from 0: the header).
    pub fn baris(&self, k: usize) -> Baris<'_> {
        Baris { tabel: self, k }
    }

    /// The rows in order, the header first.
    pub fn iter(&self) -> impl Iterator<Item = Baris<'_>> {
        (0..self.len()).map(|k| self.baris(k))
    }

    fn cells(&self, k: usize) -> std::ops::Range<usize> {
        let from = self.baris[k].1 as usize;
        let to = self
            .baris
            .get(k + 1)
            .map_or(self.akhir.len(), |b| b.1 as usize);
        from..to
    }
}

/// One row of a [`Tabel`].
#[derive(Clone, Copy, Debug)]
pub struct Baris<'a> {
    tabel: &'a Tabel,
    k: usize,
}

impl<'a> Baris<'a> {
    /// The row's number as a spreadsheet shows it (header = 1).
    pub fn nomor(&self) -> u32 {
        self.tabel.baris[self.k].0
    }

    /// Number of cells (up to the last non-empty one).
    pub fn len(&self) -> usize {
        self.tabel.cells(self.k).len()
    }

    /// Whether the row has no cell.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cell at column `i` (from 0), trimmed; `""` past the end.
    pub fn sel(&self, i: usize) -> &'a str {
        let cells = self.tabel.cells(self.k);
        if i >= cells.len() {
            return "";
        }
        let c = cells.start + i;
        let from = if c == 0 {
            0
        } else {
            self.tabel.akhir[c - 1] as usize
        };
        &self.tabel.teks[from..self.tabel.akhir[c] as usize]
    }

    /// The cells in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let b = *self;
        (0..b.len()).map(move |i| b.sel(i))
    }
}

/// Reads an uploaded table: an XLSX workbook's first sheet (a file starting as a ZIP does) or
/// a CSV file. `nama` (the file's name) is where problems are reported. Every refusal is one
/// error [`Problem`] (boxed: it is large and rare) with what is wrong and how to fix it in both
/// languages; a row over a limit names its row (and, for too many cells, the column as a
/// spreadsheet letters it).
pub fn baca(nama: &str, isi: &[u8], batas: &Batas) -> Result<Tabel, Box<Problem>> {
    let err = |kind| Box::new(Problem::sheet(Level::Error, nama, kind));
    let mut out = Collect {
        tabel: Tabel::default(),
        batas,
        failed: None,
    };
    let read = if isi.starts_with(b"PK") {
        read_xlsx(isi, batas, &mut out).map_err(err)?
    } else {
        if let Err(k @ Kind::Archive(Archive::OldXls)) = arsip::refuse_non_zip(isi) {
            return Err(err(k));
        }
        lembar::read_csv_bytes(isi, &mut |row, r| out.row(row, r))
    };
    if let Some(p) = out.failed {
        return Err(Box::new(Problem {
            sheet: nama.to_string(),
            ..p
        }));
    }
    match read {
        Ok(info) => {
            out.tabel.recoded = info.recoded;
            Ok(out.tabel)
        }
        Err(SourceError::Unreadable(why)) => Err(err(Kind::Unreadable(why))),
        Err(SourceError::Limit { row, limit }) => Err(Box::new(Problem {
            row: Some(row),
            ..*err(Kind::Limit(limit))
        })),
    }
}

fn read_xlsx(
    isi: &[u8],
    batas: &Batas,
    out: &mut Collect<'_>,
) -> Result<Result<lembar::ReadInfo, SourceError>, Kind> {
    let mut zip = arsip::open(isi, &batas.arsip)?;
    if !arsip::is_xlsx(&zip) {
        return Err(Kind::Archive(Archive::NotXlsx));
    }
    arsip::check(&mut zip, &batas.arsip)?;
    drop(zip);
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(isi)).map_err(|e| {
        Kind::Unreadable(format!(
            "not a readable XLSX workbook ({e}); the file may be damaged or cut off"
        ))
    })?;
    let Some(first) = book.sheet_names().first().cloned() else {
        return Err(Kind::Archive(Archive::NoSheet));
    };
    Ok(lembar::read_xlsx(&mut book, &first, &mut |row, r| {
        out.row(row, r)
    }))
}

/// Rows gathered within the limits; the first limit crossed stops the gathering.
struct Collect<'b> {
    tabel: Tabel,
    batas: &'b Batas,
    failed: Option<Problem>,
}

impl Collect<'_> {
    fn row(&mut self, nomor: u32, r: &dyn Row) {
        if self.failed.is_some() {
            return;
        }
        let at = |column: Option<String>, limit| Problem {
            row: Some(nomor),
            column,
            ..Problem::sheet(Level::Error, "", Kind::Limit(limit))
        };
        if self.tabel.baris.len() as u64 >= self.batas.baris {
            self.failed = Some(at(None, Limit::Rows(self.batas.baris)));
            return;
        }
        // Up to the last non-empty cell.
        let mut len = r.len();
        while len > 0 && r.get(len - 1).is_blank() {
            len -= 1;
        }
        if len as u64 > self.batas.kolom {
            self.failed = Some(at(
                Some(column_letters(len - 1)),
                Limit::Columns(self.batas.kolom),
            ));
            return;
        }
        let t = &mut self.tabel;
        t.baris.push((nomor, t.akhir.len() as u32));
        for i in 0..len {
            t.teks.push_str(&r.get(i).display());
            if t.teks.len() as u64 > self.batas.teks.min(u32::MAX as u64) {
                self.failed = Some(at(None, Limit::Text(self.batas.teks)));
                return;
            }
            t.akhir.push(t.teks.len() as u32);
        }
    }
}

/// A column as a spreadsheet letters it: 0 → `A`, 25 → `Z`, 26 → `AA`, 16,383 → `XFD`.
pub fn column_letters(mut i: usize) -> String {
    let mut s = vec![];
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(t: &Tabel) -> Vec<(u32, Vec<&str>)> {
        t.iter().map(|b| (b.nomor(), b.iter().collect())).collect()
    }

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(64), "BM");
        assert_eq!(column_letters(16_383), "XFD");
    }

    #[test]
    fn a_csv_file_is_read_as_the_package_reader_reads_it() {
        let text =
            "\u{feff}nip;kompetensi;level\n\n198501012010011001; M.01 ;\"3,5\"\n;;\nx;\"a\nb\";\n";
        let t = baca("a.csv", text.as_bytes(), &Batas::default()).unwrap();
        assert_eq!(
            rows(&t),
            vec![
                (1, vec!["nip", "kompetensi", "level"]),
                (3, vec!["198501012010011001", "M.01", "3,5"]),
                (5, vec!["x", "a\nb"]),
            ]
        );
        assert_eq!(t.baris(2).sel(7), "");
        // Windows-1252.
        let t = baca("a.csv", b"nama\nJos\xe9\n", &Batas::default()).unwrap();
        assert_eq!(t.baris(1).sel(0), "José");
        assert!(t.recoded);
    }

    #[test]
    fn limits_are_named_with_the_row() {
        let batas = Batas {
            baris: 3,
            kolom: 4,
            teks: 40,
            ..Batas::default()
        };
        let p = baca("a.csv", b"a,b\n1,2\n3,4\n5,6\n", &batas).unwrap_err();
        assert_eq!((p.sheet.as_str(), p.row), ("a.csv", Some(4)));
        assert_eq!(p.kind, Kind::Limit(Limit::Rows(3)));
        // Trailing empty cells do not count; a fifth value does.
        baca("a.csv", b"a,b,,,,,,\n", &batas).unwrap();
        let p = baca("a.csv", b"a,b\n1,2,3,4,5\n", &batas).unwrap_err();
        assert_eq!(
            (p.row, p.column.as_deref(), &p.kind),
            (Some(2), Some("E"), &Kind::Limit(Limit::Columns(4)))
        );
        let p = baca("a.csv", "x,y\n".repeat(20).as_bytes(), &batas).unwrap_err();
        assert_eq!(p.kind, Kind::Limit(Limit::Rows(3)));
        let p = baca("a.csv", "x".repeat(50).as_bytes(), &batas).unwrap_err();
        assert_eq!((p.row, &p.kind), (Some(1), &Kind::Limit(Limit::Text(40))));
        // A quote never closed makes one record of the rest; past the record limit it is
        // refused at the row where it opened.
        let mut text = b"a,b\n1,\"open\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', lembar::MAX_RECORD + 10));
        let p = baca("a.csv", &text, &Batas::default()).unwrap_err();
        assert_eq!(
            (p.row, &p.kind),
            (
                Some(2),
                &Kind::Limit(Limit::Record(lembar::MAX_RECORD as u64))
            )
        );
        assert!(
            p.message(ipasn_core::teks::Lang::En)
                .contains("a quote (\") that is opened and never closed")
        );
    }

    #[test]
    fn an_old_xls_or_a_zip_that_is_no_workbook_is_refused() {
        let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        xls.extend_from_slice(&[0; 100]);
        let p = baca("a.xls", &xls, &Batas::default()).unwrap_err();
        assert_eq!(p.kind, Kind::Archive(Archive::OldXls));
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file("a.csv", zip::write::SimpleFileOptions::default())
            .unwrap();
        let isi = z.finish().unwrap().into_inner();
        let p = baca("a.zip", &isi, &Batas::default()).unwrap_err();
        assert_eq!(p.kind, Kind::Archive(Archive::NotXlsx));
    }
}
