//! Writing tables (tulis): optional title rows, a header and rows of typed cells (text, number
//! or empty) as CSV or as an XLSX sheet — the one writer of the web downloads, of the CLI's
//! result and problem files ([`crate::ekspor`]) and of the workbooks tests build.
//!
//! **Formula-looking text is neutralised here, and only here** (OWASP, CSV injection): in CSV a
//! text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
//! ([`sel_csv`]), so `=HYPERLINK(…)` opens as text; a number cell, or a text cell that is a plain
//! number such as `-1.5` ([`angka_polos`]), stays as it is. In XLSX text is always written as a
//! text cell, never as a formula; numbers are number cells, so a spreadsheet sums them.
//!
//! CSV is RFC 4180 with `,` and `\n`; a field is quoted when it holds a comma, a quote or a line
//! break; a number is the shortest decimal with a point (`71.38`, `-3`, `40`), as the CLI's
//! documented formats and the web's downloads have always written them. [`Tabel::csv`] (the web
//! downloads) begins with a UTF-8 byte order mark so Excel reads the text as UTF-8; [`Csv::new`]
//! lets a file without it (the CLI's documented formats) be written row by row.
//!
//! Title rows (a unit, a year, a rule set) stand above the header with one empty row between, so
//! that a spreadsheet's table and filter tools, which take the block of rows around a cell, find
//! the header and the rows without the titles.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::borrow::Cow;
use std::io::Write;

/// One cell to write. The writer of a table says what each cell is; nothing is guessed from
/// the text (an 18-digit NIP or a unit id `007` is text because it is given as text).
#[derive(Clone, Debug, PartialEq)]
pub enum Sel {
    /// Text: neutralised in CSV when it looks like a formula; a text cell in XLSX.
    Teks(String),
    /// A number: as the shortest decimal in CSV (`71.38`, `40`); a number cell in XLSX.
    Angka(f64),
    /// No value: an empty field in CSV, no cell in XLSX.
    Kosong,
}

impl From<String> for Sel {
    fn from(s: String) -> Sel {
        Sel::Teks(s)
    }
}

impl From<&str> for Sel {
    fn from(s: &str) -> Sel {
        Sel::Teks(s.to_string())
    }
}

impl From<f64> for Sel {
    fn from(x: f64) -> Sel {
        Sel::Angka(x)
    }
}

impl From<i64> for Sel {
    /// Exact up to 2⁵³, far beyond any count or year a table holds.
    fn from(n: i64) -> Sel {
        Sel::Angka(n as f64)
    }
}

impl<T: Into<Sel>> From<Option<T>> for Sel {
    /// `None` is an empty cell.
    fn from(x: Option<T>) -> Sel {
        x.map_or(Sel::Kosong, Into::into)
    }
}

/// Whether a cell is a plain decimal number (`12`, `-1.5`, `+3`, `71.38`): digits with an
/// optional sign and one decimal point, nothing else (not `1e5`, `inf`, `-` or `-.5`).
pub fn angka_polos(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a CSV text cell needs the leading `'`: it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return and is not a plain number. The first byte decides almost always, so a hot
/// loop pays one comparison per cell.
#[inline]
pub fn perlu_netral(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    ) && !angka_polos(s)
}

/// A CSV text cell as written (before quoting): a cell a spreadsheet would read as a formula
/// gets a leading `'` ([`perlu_netral`]); anything else is kept.
pub fn sel_csv(s: &str) -> Cow<'_, str> {
    if perlu_netral(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Appends a CSV text field: neutralised ([`sel_csv`]), then quoted when it holds a comma, a
/// quote or a line break (RFC 4180). Without allocation.
pub fn teks_csv(out: &mut Vec<u8>, s: &str) {
    let quote = s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    if quote {
        out.push(b'"');
    }
    if perlu_netral(s) {
        out.push(b'\'');
    }
    if quote {
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

/// Appends a CSV number field: the shortest decimal that reads back as the same number.
pub fn angka_csv(out: &mut Vec<u8>, x: f64) {
    write!(out, "{x}").expect("writing to a Vec");
}

fn sel_ke(out: &mut Vec<u8>, c: &Sel) {
    match c {
        Sel::Teks(s) => teks_csv(out, s),
        Sel::Angka(x) => angka_csv(out, *x),
        Sel::Kosong => {}
    }
}

/// A table to write: title rows (one cell each, may be none; an empty row follows them), a
/// header and rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tabel {
    /// Title rows above the header (one cell each).
    pub judul: Vec<String>,
    /// The header: column names.
    pub kolom: Vec<String>,
    /// The rows.
    pub baris: Vec<Vec<Sel>>,
}

impl Tabel {
    /// A table with a header and rows, without title rows.
    pub fn new(kolom: Vec<String>, baris: Vec<Vec<Sel>>) -> Tabel {
        Tabel {
            judul: vec![],
            kolom,
            baris,
        }
    }

    /// As CSV: UTF-8 with a byte order mark, `,`, neutralised text.
    pub fn csv(&self) -> Vec<u8> {
        let mut w = Csv::new(Vec::new(), true).expect("writing to a Vec");
        for t in &self.judul {
            w.judul(t).expect("writing to a Vec");
        }
        if !self.judul.is_empty() {
            w.baris(&[]).expect("writing to a Vec");
        }
        w.kolom(&self.kolom).expect("writing to a Vec");
        for r in &self.baris {
            w.baris(r).expect("writing to a Vec");
        }
        w.selesai().expect("writing to a Vec")
    }

    /// As an XLSX workbook of one sheet (`lembar` names it; `None`: `Sheet1`).
    pub fn xlsx(&self, lembar: Option<&str>) -> Result<Vec<u8>, String> {
        let mut x = Xlsx::new(lembar)?;
        for t in &self.judul {
            x.judul(t)?;
        }
        if !self.judul.is_empty() {
            x.baris(&[])?;
        }
        x.kolom(&self.kolom)?;
        for r in &self.baris {
            x.baris(r)?;
        }
        x.buffer()
    }
}

/// A CSV file written row by row.
pub struct Csv<W: Write> {
    w: W,
    line: Vec<u8>,
}

impl<W: Write> Csv<W> {
    /// Starts a CSV file in `w`, with a UTF-8 byte order mark if `bom`.
    pub fn new(mut w: W, bom: bool) -> std::io::Result<Csv<W>> {
        if bom {
            w.write_all(b"\xEF\xBB\xBF")?;
        }
        Ok(Csv {
            w,
            line: Vec::with_capacity(256),
        })
    }

    fn put(&mut self, n: usize, cell: impl Fn(&mut Vec<u8>, usize)) -> std::io::Result<()> {
        self.line.clear();
        for i in 0..n {
            if i > 0 {
                self.line.push(b',');
            }
            cell(&mut self.line, i);
        }
        // A record of one empty field is written `""`, so that it is not an empty line.
        if self.line.is_empty() && n == 1 {
            self.line.extend_from_slice(b"\"\"");
        }
        self.line.push(b'\n');
        self.w.write_all(&self.line)
    }

    /// A title row: one text cell.
    pub fn judul(&mut self, t: &str) -> std::io::Result<()> {
        self.put(1, |out, _| teks_csv(out, t))
    }

    /// A row of text cells (the header).
    pub fn kolom<S: AsRef<str>>(&mut self, kolom: &[S]) -> std::io::Result<()> {
        self.put(kolom.len(), |out, i| teks_csv(out, kolom[i].as_ref()))
    }

    /// A row (no cell: an empty line).
    pub fn baris(&mut self, sel: &[Sel]) -> std::io::Result<()> {
        self.put(sel.len(), |out, i| sel_ke(out, &sel[i]))
    }

    /// Flushes and gives the writer back.
    pub fn selesai(mut self) -> std::io::Result<W> {
        self.w.flush()?;
        Ok(self.w)
    }
}

/// Rows of an Excel sheet.
pub const XLSX_BARIS_MAKS: u32 = 1_048_576;

/// An XLSX workbook of one sheet written row by row (constant memory: a row is written out as
/// the next one begins). The header is bold.
pub struct Xlsx {
    wb: Workbook,
    bold: Format,
    row: u32,
}

fn galat(e: XlsxError) -> String {
    e.to_string()
}

impl Xlsx {
    /// Starts a workbook; `lembar` names its sheet (`None`: `Sheet1`).
    pub fn new(lembar: Option<&str>) -> Result<Xlsx, String> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet_with_constant_memory().map_err(galat)?;
        if let Some(n) = lembar {
            ws.set_name(n).map_err(galat)?;
        }
        Ok(Xlsx {
            wb,
            bold: Format::new().set_bold(),
            row: 0,
        })
    }

    fn next_row(&mut self) -> Result<u32, String> {
        if self.row >= XLSX_BARIS_MAKS {
            return Err(format!(
                "more than {} rows do not fit in an Excel sheet",
                XLSX_BARIS_MAKS - 1
            ));
        }
        self.row += 1;
        Ok(self.row - 1)
    }

    /// A title row: one bold text cell.
    pub fn judul(&mut self, t: &str) -> Result<(), String> {
        let r = self.next_row()?;
        let ws = self.wb.worksheet_from_index(0).map_err(galat)?;
        ws.write_string_with_format(r, 0, t, &self.bold)
            .map_err(galat)?;
        Ok(())
    }

    /// The header: bold text cells.
    pub fn kolom<S: AsRef<str>>(&mut self, kolom: &[S]) -> Result<(), String> {
        let r = self.next_row()?;
        let ws = self.wb.worksheet_from_index(0).map_err(galat)?;
        for (c, k) in kolom.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, k.as_ref(), &self.bold)
                .map_err(galat)?;
        }
        Ok(())
    }

    /// A row: text as text cells (never a formula), numbers as number cells (a number that is
    /// not finite as its text), nothing for an empty cell; no cell at all leaves the row empty.
    pub fn baris(&mut self, sel: &[Sel]) -> Result<(), String> {
        let r = self.next_row()?;
        let ws = self.wb.worksheet_from_index(0).map_err(galat)?;
        for (c, v) in sel.iter().enumerate() {
            let c = c as u16;
            match v {
                Sel::Angka(x) if x.is_finite() => ws.write_number(r, c, *x),
                Sel::Angka(x) => ws.write_string(r, c, x.to_string()),
                Sel::Teks(s) => ws.write_string(r, c, s),
                Sel::Kosong => continue,
            }
            .map_err(galat)?;
        }
        Ok(())
    }

    /// The workbook's bytes.
    pub fn buffer(mut self) -> Result<Vec<u8>, String> {
        self.wb.save_to_buffer().map_err(galat)
    }

    /// Saves the workbook to `path`.
    pub fn simpan(mut self, path: &std::path::Path) -> Result<(), String> {
        self.wb.save(path).map_err(galat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_numbers_kept() {
        for (cell, out) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+SUM(1)", "'+SUM(1)"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-inf", "'-inf"),
            ("-1e5", "'-1e5"),
            ("-.5", "'-.5"),
            ("-1.", "'-1."),
            ("-1.5", "-1.5"),
            ("-12", "-12"),
            ("+3", "+3"),
            ("71.38", "71.38"),
            ("Contoh A", "Contoh A"),
            ("198001012005011001", "198001012005011001"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(sel_csv(cell), out, "{cell:?}");
        }
        let t = Tabel::new(
            vec!["nama".into(), "n".into()],
            vec![
                vec!["=1+1".into(), Sel::Angka(-0.5)],
                vec!["-3".into(), Sel::Angka(-3.0)],
                vec!["-3 Kota".into(), Sel::Kosong],
            ],
        );
        assert_eq!(
            String::from_utf8(t.csv()).unwrap(),
            "\u{feff}nama,n\n'=1+1,-0.5\n-3,-3\n'-3 Kota,\n"
        );
    }

    #[test]
    fn csv_quotes_after_neutralising_and_writes_titles() {
        let mut out = vec![];
        for s in ["Dr. Budi, S.H.", "say \"hi\"", "plain", "=A1,B1", "\r=1"] {
            teks_csv(&mut out, s);
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"Dr. Budi, S.H.\" \"say \"\"hi\"\"\" plain \"'=A1,B1\" \"'\r=1\" "
        );
        let t = Tabel {
            judul: vec!["Rekap 2024".into()],
            kolom: vec!["a".into()],
            baris: vec![vec![Sel::Teks(String::new())], vec![Sel::Angka(40.0)]],
        };
        assert_eq!(
            String::from_utf8(t.csv()).unwrap(),
            "\u{feff}Rekap 2024\n\na\n\"\"\n40\n"
        );
    }

    #[test]
    fn numbers_are_written_as_the_shortest_decimal() {
        let mut out = vec![];
        for x in [71.38, 40.0, -3.0, 0.5, 1e20, 1_234_567.0, 88.888_889] {
            angka_csv(&mut out, x);
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "71.38 40 -3 0.5 100000000000000000000 1234567 88.888889 "
        );
        assert_eq!(Sel::from(Some(2.5)), Sel::Angka(2.5));
        assert_eq!(Sel::from(None::<f64>), Sel::Kosong);
        assert_eq!(Sel::from(7_i64), Sel::Angka(7.0));
    }

    #[test]
    fn xlsx_keeps_numbers_numeric_and_formulas_as_text() {
        use calamine::{Data, Reader};
        let t = Tabel {
            judul: vec!["Judul".into()],
            kolom: vec!["nama".into(), "n".into(), "m".into()],
            baris: vec![
                vec!["=1+1".into(), Sel::Angka(-1.5), Sel::Angka(-3.0)],
                vec!["198001012005011001".into(), Sel::Kosong, "".into()],
            ],
        };
        let bytes = t.xlsx(Some("hasil")).unwrap();
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), vec!["hasil".to_string()]);
        let r = book.worksheet_range("hasil").unwrap();
        assert_eq!(r.get_value((0, 0)), Some(&Data::String("Judul".into())));
        assert_eq!(r.get_value((1, 0)), Some(&Data::Empty));
        assert_eq!(r.get_value((2, 1)), Some(&Data::String("n".into())));
        assert_eq!(r.get_value((3, 0)), Some(&Data::String("=1+1".into())));
        assert_eq!(r.get_value((3, 1)), Some(&Data::Float(-1.5)));
        assert_eq!(r.get_value((3, 2)), Some(&Data::Float(-3.0)));
        assert_eq!(
            r.get_value((4, 0)),
            Some(&Data::String("198001012005011001".into()))
        );
        assert_eq!(r.get_value((4, 1)), Some(&Data::Empty));
        assert_eq!(r.get_value((4, 2)), Some(&Data::Empty));
        assert!(book.worksheet_formula("hasil").unwrap().is_empty());
    }

    #[test]
    fn a_sheet_holds_at_most_excels_rows_and_empty_rows_cost_nothing() {
        let mut x = Xlsx::new(None).unwrap();
        x.kolom(&["a"]).unwrap();
        for _ in 1..XLSX_BARIS_MAKS - 1 {
            x.baris(&[]).unwrap();
        }
        let mut last = vec![Sel::Kosong; 16_383];
        last.push("x".into());
        x.baris(&last).unwrap();
        assert!(x.baris(&[]).unwrap_err().contains("1048575 rows"));
        assert!(x.buffer().unwrap().len() < 10_000);
    }
}
