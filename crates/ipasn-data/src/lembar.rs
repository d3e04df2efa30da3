//! Reading sheets (lembar): a workbook's worksheets or a folder's CSV files, row by row, with one
//! interface for both.
//!
//! - CSV: UTF-8 with or without BOM; a file that is not UTF-8 is read as Windows-1252 (the
//!   encoding Excel on Indonesian Windows writes); the delimiter is sniffed from the header line
//!   (`,`, `;` or tab). Rows are streamed, never held all at once.
//! - XLSX: cells are streamed with calamine's cell reader, so a sheet whose declared dimension
//!   reaches row 1,048,576 costs nothing; the 1904 date system is honoured.
//!
//! Sheet and file names match ignoring case, spaces and underscores (`Riwayat_Diklat` ≠ `diklat`,
//! but `DIKLAT` = `diklat`).

use calamine::{DataRef, Reader, Xlsx};
use ipasn_core::Tanggal;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// Nothing.
    Empty,
    /// Text (all CSV cells; text cells of a workbook).
    Text(&'a str),
    /// A numeric workbook cell.
    Number(f64),
    /// A workbook cell formatted as a date (`None` if it is not a valid date).
    Date(Option<Tanggal>),
    /// A boolean workbook cell.
    Bool(bool),
}

impl Value<'_> {
    /// The value as text, as a person would read it in the cell.
    pub fn display(&self) -> Cow<'_, str> {
        match self {
            Value::Empty => Cow::Borrowed(""),
            Value::Text(s) => Cow::Borrowed(s.trim()),
            Value::Number(n) => Cow::Owned(if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", *n as i64) } else { format!("{n}") }),
            Value::Date(Some(d)) => Cow::Owned(d.to_string()),
            Value::Date(None) => Cow::Borrowed("#DATE?"),
            Value::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        }
    }

    /// Whether the cell is empty or blank text.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A row handed to a visitor.
pub trait Row {
    /// Cells in the row (may be fewer than the header in a malformed file).
    fn len(&self) -> usize;
    /// The cell at a column index (`Empty` past the end).
    fn get(&self, i: usize) -> Value<'_>;
    /// Whether numeric dates in this source use the 1904 epoch.
    fn is_1904(&self) -> bool {
        false
    }
    /// Whether the row has no cells.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Something wrong with a source as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// The file or folder cannot be read, with the reason.
    Unreadable(String),
}

/// Facts about a sheet read, for warnings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ReadInfo {
    /// Some text was not UTF-8 and was read as Windows-1252.
    pub recoded: bool,
}

/// Where a data package is read from.
pub enum Source {
    /// A folder of CSV files.
    CsvDir(PathBuf),
    /// An XLSX workbook.
    Xlsx {
        /// The workbook, behind a lock (calamine reads one sheet at a time).
        book: Box<Mutex<Xlsx<BufReader<File>>>>,
        /// Its sheet names.
        sheets: Vec<String>,
    },
}

/// Normalised name: lower case without spaces and underscores.
pub fn name_key(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '_' | '\u{feff}')).flat_map(char::to_lowercase).collect()
}

impl Source {
    /// Opens a folder of CSV files or an `.xlsx` workbook.
    pub fn open(path: &Path) -> Result<Source, SourceError> {
        if path.is_dir() {
            return Ok(Source::CsvDir(path.to_path_buf()));
        }
        let file = File::open(path).map_err(|e| SourceError::Unreadable(format!("{}: {e}", path.display())))?;
        let book: Xlsx<_> = Xlsx::new(BufReader::new(file)).map_err(|e| {
            SourceError::Unreadable(format!(
                "{}: not a readable XLSX workbook ({e}); the file may be damaged or cut off",
                path.display()
            ))
        })?;
        let sheets = book.sheet_names();
        Ok(Source::Xlsx { book: Box::new(Mutex::new(book)), sheets })
    }

    /// What to call a sheet in messages: the CSV file name or the sheet name.
    pub fn label(&self, sheet: &str) -> String {
        match self {
            Source::CsvDir(_) => format!("{sheet}.csv"),
            Source::Xlsx { .. } => sheet.to_string(),
        }
    }

    /// A rough count of a sheet's rows (from a CSV file's size and its first lines), to size
    /// buffers once instead of growing them; 0 when unknown.
    pub fn estimate_rows(&self, sheet: &str) -> usize {
        let Source::CsvDir(dir) = self else { return 0 };
        let Some(path) = find_csv(dir, sheet) else { return 0 };
        let Ok(size) = std::fs::metadata(&path).map(|m| m.len()) else { return 0 };
        let mut head = vec![0u8; 64 * 1024];
        let n = File::open(&path).and_then(|mut f| read_up_to(&mut f, &mut head)).unwrap_or(0);
        let lines = head[..n].iter().filter(|b| **b == b'\n').count().max(1);
        ((size as f64 / (n as f64 / lines as f64)) * 1.02) as usize
    }

    /// Whether the sheet exists.
    pub fn has(&self, sheet: &str) -> bool {
        match self {
            Source::CsvDir(dir) => find_csv(dir, sheet).is_some(),
            Source::Xlsx { sheets, .. } => sheets.iter().any(|s| name_key(s) == name_key(sheet)),
        }
    }

    /// Reads a sheet: `visit(row_number, row)` for every non-blank row; row 1 is the header.
    /// Returns `Ok(None)` when the sheet does not exist.
    pub fn read(
        &self,
        sheet: &str,
        visit: &mut dyn FnMut(u32, &dyn Row),
    ) -> Result<Option<ReadInfo>, SourceError> {
        match self {
            Source::CsvDir(dir) => match find_csv(dir, sheet) {
                None => Ok(None),
                Some(path) => read_csv(&path, visit).map(Some),
            },
            Source::Xlsx { book, sheets } => {
                let Some(name) = sheets.iter().find(|s| name_key(s) == name_key(sheet)) else { return Ok(None) };
                let mut book = book.lock().map_err(|_| SourceError::Unreadable("workbook lock poisoned".into()))?;
                read_xlsx(&mut book, name, visit).map(Some)
            }
        }
    }
}

fn find_csv(dir: &Path, sheet: &str) -> Option<PathBuf> {
    let want = name_key(sheet);
    let entries = std::fs::read_dir(dir).ok()?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv"))
                && p.file_stem().is_some_and(|s| name_key(&s.to_string_lossy()) == want)
        })
        .collect();
    found.sort();
    found.into_iter().next()
}

struct DecodedRow<'a> {
    rec: &'a csv::StringRecord,
}

impl Row for DecodedRow<'_> {
    fn len(&self) -> usize {
        self.rec.len()
    }
    fn get(&self, i: usize) -> Value<'_> {
        self.rec.get(i).map(Value::Text).unwrap_or(Value::Empty)
    }
}

/// Reads a CSV file. Public for tests and tools that read one file.
pub fn read_csv(path: &Path, visit: &mut dyn FnMut(u32, &dyn Row)) -> Result<ReadInfo, SourceError> {
    let unreadable = |e: &dyn std::fmt::Display| SourceError::Unreadable(format!("{}: {e}", path.display()));
    let mut file = File::open(path).map_err(|e| unreadable(&e))?;
    let mut head = vec![0u8; 64 * 1024];
    let n = read_up_to(&mut file, &mut head).map_err(|e| unreadable(&e))?;
    head.truncate(n);
    let bom = head.starts_with(&[0xEF, 0xBB, 0xBF]);
    let body_start = if bom { 3 } else { 0 };
    let first_line = head[body_start..].split(|b| *b == b'\n').next().unwrap_or(&[]);
    let delimiter = sniff_delimiter(first_line);
    file.seek(std::io::SeekFrom::Start(body_start as u64)).map_err(|e| unreadable(&e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 20)
        .from_reader(file);
    let mut rec = csv::ByteRecord::new();
    let mut info = ReadInfo::default();
    let mut row: u32 = 0;
    loop {
        match reader.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(unreadable(&e)),
        }
        row += 1;
        if rec.iter().all(|f| f.iter().all(|b| b.is_ascii_whitespace())) {
            continue;
        }
        // Checked once as UTF-8 and reused without copying; else decoded as Windows-1252.
        match csv::StringRecord::from_byte_record(std::mem::take(&mut rec)) {
            Ok(srec) => {
                visit(row, &DecodedRow { rec: &srec });
                rec = srec.into_byte_record();
            }
            Err(e) => {
                rec = e.into_byte_record();
                info.recoded = true;
                let fields: Vec<String> =
                    rec.iter().map(|f| encoding_rs::WINDOWS_1252.decode_without_bom_handling(f).0.into_owned()).collect();
                let srec = csv::StringRecord::from(fields);
                visit(row, &DecodedRow { rec: &srec });
            }
        }
    }
    Ok(info)
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// The delimiter of a header line: the most frequent of `,`, `;` and tab outside quotes.
pub fn sniff_delimiter(line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 2 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// An owned workbook cell.
#[derive(Clone, Debug, PartialEq)]
enum Owned {
    Empty,
    Text(String),
    Number(f64),
    Date(Option<Tanggal>),
    Bool(bool),
}

struct XlsxRow<'a> {
    cells: &'a [Owned],
    is_1904: bool,
}

impl Row for XlsxRow<'_> {
    fn len(&self) -> usize {
        self.cells.len()
    }
    fn get(&self, i: usize) -> Value<'_> {
        match self.cells.get(i) {
            None | Some(Owned::Empty) => Value::Empty,
            Some(Owned::Text(s)) => Value::Text(s),
            Some(Owned::Number(n)) => Value::Number(*n),
            Some(Owned::Date(d)) => Value::Date(*d),
            Some(Owned::Bool(b)) => Value::Bool(*b),
        }
    }
    fn is_1904(&self) -> bool {
        self.is_1904
    }
}

fn owned(v: &DataRef<'_>) -> Owned {
    match v {
        DataRef::Empty => Owned::Empty,
        DataRef::String(s) => Owned::Text(s.clone()),
        DataRef::SharedString(s) => Owned::Text((*s).to_string()),
        DataRef::Int(i) => Owned::Number(*i as f64),
        DataRef::Float(f) => Owned::Number(*f),
        DataRef::Bool(b) => Owned::Bool(*b),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Owned::Date(Tanggal::new(y as i32, m as u32, d as u32))
        }
        DataRef::DateTime(dt) => Owned::Number(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Owned::Text(s.clone()),
        DataRef::Error(e) => Owned::Text(format!("#{e:?}")),
    }
}

fn read_xlsx(
    book: &mut Xlsx<BufReader<File>>,
    sheet: &str,
    visit: &mut dyn FnMut(u32, &dyn Row),
) -> Result<ReadInfo, SourceError> {
    let is_1904 = book.has_1904_epoch();
    let mut cells = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| SourceError::Unreadable(format!("sheet {sheet}: {e}")))?;
    let mut row_cells: Vec<Owned> = vec![];
    let mut current: Option<u32> = None;
    let mut flush = |row: u32, cells: &mut Vec<Owned>| {
        while matches!(cells.last(), Some(Owned::Empty)) {
            cells.pop();
        }
        let blank = cells.iter().all(|c| match c {
            Owned::Empty => true,
            Owned::Text(s) => s.trim().is_empty(),
            _ => false,
        });
        if !blank {
            visit(row + 1, &XlsxRow { cells, is_1904 });
        }
        cells.clear();
    };
    loop {
        let next = cells
            .next_cell()
            .map_err(|e| SourceError::Unreadable(format!("sheet {sheet}: {e}; the workbook may be damaged or cut off")))?;
        let Some(cell) = next else { break };
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if let Some(prev) = current {
                flush(prev, &mut row_cells);
            }
            current = Some(r);
        }
        let c = c as usize;
        if c > 16_384 {
            continue;
        }
        if row_cells.len() <= c {
            row_cells.resize(c + 1, Owned::Empty);
        }
        row_cells[c] = owned(cell.get_value());
    }
    if let Some(prev) = current {
        flush(prev, &mut row_cells);
    }
    Ok(ReadInfo::default())
}

/// Converts an Excel serial day number to a date (1900 system with its phantom 29 Feb 1900, or
/// the 1904 system). Fractions (times of day) are dropped.
pub fn excel_serial(serial: f64, is_1904: bool) -> Option<Tanggal> {
    if !serial.is_finite() || serial < 1.0 || serial > 2_958_465.0 {
        return None;
    }
    let days = serial.floor() as i64;
    let epoch = if is_1904 {
        Tanggal::new(1904, 1, 1)?.to_days()
    } else if days >= 61 {
        // Serial 61 is 1 March 1900; Excel counts a 29 February 1900 that never was.
        Tanggal::new(1899, 12, 30)?.to_days()
    } else {
        Tanggal::new(1899, 12, 31)?.to_days()
    };
    let d = Tanggal::from_days(epoch + days);
    (d.to_days() == epoch + days).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials() {
        assert_eq!(excel_serial(45_657.0, false).unwrap().to_string(), "2024-12-31");
        assert_eq!(excel_serial(1.0, false).unwrap().to_string(), "1900-01-01");
        assert_eq!(excel_serial(61.0, false).unwrap().to_string(), "1900-03-01");
        assert_eq!(excel_serial(44_196.0, true).unwrap().to_string(), "2025-01-01");
        assert_eq!(excel_serial(45_657.75, false).unwrap().to_string(), "2024-12-31");
        assert!(excel_serial(0.0, false).is_none());
        assert!(excel_serial(f64::NAN, false).is_none());
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter(b"nip;nama;unor_id"), b';');
        assert_eq!(sniff_delimiter(b"nip,nama,unor_id"), b',');
        assert_eq!(sniff_delimiter(b"nip\tnama"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b\",c"), b',');
        assert_eq!(sniff_delimiter(b"nip"), b',');
    }

    #[test]
    fn names_match_loosely() {
        assert_eq!(name_key("Tanggal_Lahir "), "tanggallahir");
        assert_eq!(name_key("\u{feff}NIP"), "nip");
    }
}
