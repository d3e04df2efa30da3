//! Reading sheets (lembar): a workbook's worksheets or a folder's CSV files, row by row, with one
//! interface for both.
//!
//! - CSV: UTF-8 with or without BOM; a file that is not UTF-8 is read as Windows-1252 (the
//!   encoding Excel on Indonesian Windows writes); the delimiter is sniffed from the header line
//!   (`,`, `;` or tab). Rows are streamed, never held all at once.
//! - XLSX: cells are streamed with calamine's cell reader, so a sheet whose declared dimension
//!   reaches row 1,048,576 costs nothing; the 1904 date system is honoured. Empty (formatted)
//!   cells are not kept, and a cell right of column 256 is kept aside with its column: a stray
//!   value at XFD costs one cell, not a row of 16,384.
//! - Limits: a CSV record longer than [`MAX_RECORD`] (4 MiB: in practice a quote that is never
//!   closed) or a row of more than [`MAX_CELLS`] cells stops the reading at its row with
//!   [`SourceError::Limit`]. The size of a whole upload is bounded before it gets here
//!   ([`crate::arsip`], [`crate::tabel`]).
//!
//! Sheet and file names match ignoring case, spaces and underscores (`Riwayat_Diklat` ≠ `diklat`,
//! but `DIKLAT` = `diklat`).

use crate::masalah::Limit;
use calamine::{DataRef, Reader, Xlsx};
use ipasn_core::Tanggal;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

mod xlsx;
pub use xlsx::excel_serial;
pub(crate) use xlsx::read_xlsx;

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
            Value::Text(s) => Cow::Borrowed(trim(s)),
            Value::Number(n) => Cow::Owned(if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{}", *n as i64)
            } else {
                format!("{n}")
            }),
            Value::Date(Some(d)) => Cow::Owned(d.to_string()),
            Value::Date(None) => Cow::Borrowed("#DATE?"),
            Value::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        }
    }

    /// Whether the cell is empty or blank text.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => trim(s).is_empty(),
            _ => false,
        }
    }
}

/// Trims white space (including the no-break space Excel exports), checking the two edge bytes
/// first: most cells have none.
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => s,
        _ => s.trim(),
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
    /// The row as one line of text and the byte range of each cell, when it is that (an
    /// unquoted CSV record): a reader then takes its cells without a call per cell.
    fn line(&self) -> Option<(&str, &[(u32, u32)])> {
        None
    }
}

/// Something wrong with a source as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// The file or folder cannot be read, with the reason.
    Unreadable(String),
    /// A limit of the reader was crossed at a row (as a spreadsheet shows it); reading stopped
    /// there.
    Limit {
        /// The row.
        row: u32,
        /// The limit.
        limit: Limit,
    },
}

/// Facts about a sheet read, for warnings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ReadInfo {
    /// Some text was not UTF-8 and was read as Windows-1252.
    pub recoded: bool,
    /// Some record held a quote character.
    pub saw_quote: bool,
    /// The number of the last row read (blank rows count, as in a spreadsheet).
    pub last_row: u32,
}

/// How far reading has come, for a progress bar: bytes of CSV read out of the folder's total.
/// (A workbook is decompressed by calamine, so it reports no bytes; show a spinner for it.)
#[derive(Debug, Default)]
pub struct Progress {
    done: std::sync::atomic::AtomicU64,
    total: std::sync::atomic::AtomicU64,
}

impl Progress {
    /// Bytes read so far.
    pub fn done(&self) -> u64 {
        self.done.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Bytes to read in all (0 when unknown).
    pub fn total(&self) -> u64 {
        self.total.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn add(&self, n: usize) {
        self.done
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Where a data package is read from.
pub struct Source {
    kind: Kind,
    progress: std::sync::Arc<Progress>,
}

enum Kind {
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
    s.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '\u{feff}'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Source {
    /// Opens a folder of CSV files or an `.xlsx` workbook.
    pub fn open(path: &Path) -> Result<Source, SourceError> {
        Source::open_tracked(path, Default::default())
    }

    /// Like [`Source::open`], reporting reading progress to `progress`.
    pub fn open_tracked(
        path: &Path,
        progress: std::sync::Arc<Progress>,
    ) -> Result<Source, SourceError> {
        if path.is_dir() {
            let total: u64 = std::fs::read_dir(path)
                .map(|d| {
                    d.filter_map(|e| e.ok())
                        .filter(|e| {
                            e.path()
                                .extension()
                                .is_some_and(|x| x.eq_ignore_ascii_case("csv"))
                        })
                        .filter_map(|e| e.metadata().ok().map(|m| m.len()))
                        .sum()
                })
                .unwrap_or(0);
            progress
                .total
                .store(total, std::sync::atomic::Ordering::Relaxed);
            return Ok(Source {
                kind: Kind::CsvDir(path.to_path_buf()),
                progress,
            });
        }
        let file = File::open(path)
            .map_err(|e| SourceError::Unreadable(format!("{}: {e}", path.display())))?;
        let book: Xlsx<_> = Xlsx::new(BufReader::new(file)).map_err(|e| {
            SourceError::Unreadable(format!(
                "{}: not a readable XLSX workbook ({e}); the file may be damaged or cut off",
                path.display()
            ))
        })?;
        let sheets = book.sheet_names();
        Ok(Source {
            kind: Kind::Xlsx {
                book: Box::new(Mutex::new(book)),
                sheets,
            },
            progress,
        })
    }

    /// Whether this is a folder of CSV files (which can be read on several threads).
    pub fn is_csv(&self) -> bool {
        matches!(self.kind, Kind::CsvDir(_))
    }

    /// What to call a sheet in messages: the CSV file name or the sheet name.
    pub fn label(&self, sheet: &str) -> String {
        match &self.kind {
            Kind::CsvDir(_) => format!("{sheet}.csv"),
            Kind::Xlsx { .. } => sheet.to_string(),
        }
    }

    /// A rough count of a sheet's rows (from a CSV file's size and its first lines), to size
    /// buffers once instead of growing them; 0 when unknown. It errs high by a quarter: the
    /// first lines are often longer than the rest (senior officials' titles come first), a
    /// buffer that must grow is copied, and reserved memory that is never written costs
    /// nothing.
    pub fn estimate_rows(&self, sheet: &str) -> usize {
        self.estimate_rows_of(sheet, None)
    }

    /// Like [`Source::estimate_rows`], for one part of the sheet.
    pub fn estimate_rows_of(&self, sheet: &str, part: Option<&Part>) -> usize {
        let Kind::CsvDir(dir) = &self.kind else {
            return 0;
        };
        let Some(path) = find_csv(dir, sheet) else {
            return 0;
        };
        let Ok(file_size) = std::fs::metadata(&path).map(|m| m.len()) else {
            return 0;
        };
        let size = part.map_or(file_size, |p| p.end - p.start);
        let mut head = vec![0u8; 64 * 1024];
        let n = File::open(&path)
            .and_then(|mut f| read_up_to(&mut f, &mut head))
            .unwrap_or(0);
        let lines = head[..n].iter().filter(|b| **b == b'\n').count().max(1);
        ((size as f64 / (n as f64 / lines as f64)) * 1.25) as usize
    }

    /// Whether the sheet exists.
    pub fn has(&self, sheet: &str) -> bool {
        match &self.kind {
            Kind::CsvDir(dir) => find_csv(dir, sheet).is_some(),
            Kind::Xlsx { sheets, .. } => sheets.iter().any(|s| name_key(s) == name_key(sheet)),
        }
    }

    /// Reads a sheet: `visit(row_number, row)` for every non-blank row; row 1 is the header.
    /// Returns `Ok(None)` when the sheet does not exist.
    pub fn read(
        &self,
        sheet: &str,
        visit: &mut dyn FnMut(u32, &dyn Row),
    ) -> Result<Option<ReadInfo>, SourceError> {
        match &self.kind {
            Kind::CsvDir(dir) => match find_csv(dir, sheet) {
                None => Ok(None),
                Some(path) => {
                    read_csv_with(&path, visit, 4 << 20, None, Some(&self.progress)).map(Some)
                }
            },
            Kind::Xlsx { book, sheets } => {
                let Some(name) = sheets.iter().find(|s| name_key(s) == name_key(sheet)) else {
                    return Ok(None);
                };
                let mut book = book
                    .lock()
                    .map_err(|_| SourceError::Unreadable("workbook lock poisoned".into()))?;
                read_xlsx(&mut book, name, visit).map(Some)
            }
        }
    }
}

impl Source {
    /// Parts of a large CSV sheet for parallel reading ([`split_csv`]); `None`: read it whole.
    pub fn parts(&self, sheet: &str, n: usize, min_size: u64) -> Option<Vec<Part>> {
        let Kind::CsvDir(dir) = &self.kind else {
            return None;
        };
        split_csv(&find_csv(dir, sheet)?, n, min_size)
    }

    /// Reads one part of a CSV sheet: its header row first, then the part's rows.
    pub fn read_part(
        &self,
        sheet: &str,
        part: &Part,
        visit: &mut dyn FnMut(u32, &dyn Row),
    ) -> Result<Option<ReadInfo>, SourceError> {
        let Kind::CsvDir(dir) = &self.kind else {
            return self.read(sheet, visit);
        };
        let Some(path) = find_csv(dir, sheet) else {
            return Ok(None);
        };
        let h = read_csv_with(
            &path,
            visit,
            64 * 1024,
            Some((part.header.0, part.header.1, 1, part.delim)),
            None,
        )?;
        let first_row = if part.index == 0 { 2 } else { 1 };
        let d = read_csv_with(
            &path,
            visit,
            4 << 20,
            Some((part.start, part.end, first_row, part.delim)),
            Some(&self.progress),
        )?;
        Ok(Some(ReadInfo {
            recoded: h.recoded || d.recoded,
            saw_quote: h.saw_quote || d.saw_quote,
            last_row: d.last_row,
        }))
    }
}

fn find_csv(dir: &Path, sheet: &str) -> Option<PathBuf> {
    let want = name_key(sheet);
    let entries = std::fs::read_dir(dir).ok()?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv"))
                && p.file_stem()
                    .is_some_and(|s| name_key(&s.to_string_lossy()) == want)
        })
        .collect();
    found.sort();
    found.into_iter().next()
}

/// A CSV record without quotes: field spans into the line, no copy.
struct LineRow<'a> {
    line: &'a str,
    spans: &'a [(u32, u32)],
}

impl Row for LineRow<'_> {
    fn len(&self) -> usize {
        self.spans.len()
    }
    fn get(&self, i: usize) -> Value<'_> {
        match self.spans.get(i) {
            Some(&(a, b)) => Value::Text(&self.line[a as usize..b as usize]),
            None => Value::Empty,
        }
    }
    fn line(&self) -> Option<(&str, &[(u32, u32)])> {
        Some((self.line, self.spans))
    }
}

/// A CSV record with quoted fields, unescaped.
struct FieldsRow<'a> {
    fields: &'a [String],
}

impl Row for FieldsRow<'_> {
    fn len(&self) -> usize {
        self.fields.len()
    }
    fn get(&self, i: usize) -> Value<'_> {
        self.fields
            .get(i)
            .map(|f| Value::Text(f.as_str()))
            .unwrap_or(Value::Empty)
    }
}

/// Reads a CSV file. Public for tests and tools that read one file.
pub fn read_csv(
    path: &Path,
    visit: &mut dyn FnMut(u32, &dyn Row),
) -> Result<ReadInfo, SourceError> {
    read_csv_with(path, visit, 4 << 20, None, None)
}

/// A byte range of a CSV file that begins and ends at line boundaries, so that parts of one
/// file can be read on several threads. The first part's rows are numbered from 2 (after the
/// header); a later part's from 1, to be shifted by the rows before it once those are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// Which part, from 0.
    pub index: usize,
    /// First byte.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
    /// The file's delimiter.
    pub delim: u8,
    /// The header line's range (after a BOM), read before the part.
    pub header: (u64, u64),
}

/// Splits a CSV file of at least `min_size` bytes into `n` parts at line boundaries, reading
/// only its first line and a little around each split point. A line break inside a quoted field
/// would make a boundary wrong: a reader that meets any quote in a part must say so
/// ([`ReadInfo::saw_quote`]) and the caller then reads the file whole.
pub fn split_csv(path: &Path, n: usize, min_size: u64) -> Option<Vec<Part>> {
    use std::io::{Seek, SeekFrom};
    let size = std::fs::metadata(path).ok()?.len();
    if n < 2 || size < min_size {
        return None;
    }
    let mut file = File::open(path).ok()?;
    let mut head = vec![0u8; 64 * 1024];
    let got = read_up_to(&mut file, &mut head).ok()?;
    let bom = if head[..got].starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let nl = memchr::memchr(b'\n', &head[bom..got])? + bom;
    let delim = sniff_delimiter(&head[bom..nl]);
    let header = (bom as u64, nl as u64 + 1);
    let mut bounds = vec![header.1];
    for k in 1..n {
        let target = (size * k as u64 / n as u64).max(*bounds.last().expect("non-empty"));
        file.seek(SeekFrom::Start(target)).ok()?;
        let got = read_up_to(&mut file, &mut head).ok()?;
        let Some(nl) = memchr::memchr(b'\n', &head[..got]) else {
            break;
        };
        bounds.push(target + nl as u64 + 1);
    }
    bounds.push(size);
    bounds.dedup();
    let parts: Vec<Part> = bounds
        .windows(2)
        .filter(|w| w[1] > w[0])
        .enumerate()
        .map(|(index, w)| Part {
            index,
            start: w[0],
            end: w[1],
            delim,
            header,
        })
        .collect();
    (parts.len() > 1).then_some(parts)
}

/// [`read_csv`] with a chosen initial buffer size (it grows for a longer record). A range of
/// 1 MiB or more is mapped into memory instead, and the buffer size does not apply.
///
/// RFC 4180 with the field's habits: a record ends at a newline outside quotes; `""` in a quoted
/// field is one quote; `\r\n` or `\n`; the last record may lack its newline. A record without
/// any quote — nearly all of them — is split in place.
///
/// With `range` = `(start, end, first_row, delimiter)`, reads only those bytes, numbering rows
/// from `first_row` (see [`split_csv`]).
pub fn read_csv_with(
    path: &Path,
    visit: &mut dyn FnMut(u32, &dyn Row),
    buf_size: usize,
    range: Option<(u64, u64, u32, u8)>,
    progress: Option<&Progress>,
) -> Result<ReadInfo, SourceError> {
    use std::io::{Seek, SeekFrom};
    let unreadable =
        |e: &dyn std::fmt::Display| SourceError::Unreadable(format!("{}: {e}", path.display()));
    let mut whole = File::open(path).map_err(|e| unreadable(&e))?;
    let (start, len) = match range {
        Some((a, b, _, _)) => (a, b.saturating_sub(a)),
        None => (0, u64::MAX),
    };
    whole
        .seek(SeekFrom::Start(start))
        .map_err(|e| unreadable(&e))?;
    let size = whole.metadata().map_err(|e| unreadable(&e))?.len();
    let len = len.min(size.saturating_sub(start));
    let mapped = (len >= MAP_OVER)
        .then(|| map_range(&whole, start, len))
        .flatten();
    let mut file = whole.take(len);
    match mapped {
        Some(m) => {
            let n = m.len();
            tokenize(
                m,
                n,
                true,
                &mut file,
                start == 0,
                range,
                visit,
                progress,
                &unreadable,
            )
        }
        None => {
            let mut v = vec![0u8; buf_size.max(64)];
            let n = read_up_to(&mut file, &mut v).map_err(|e| unreadable(&e))?;
            if let Some(p) = progress {
                p.add(n);
            }
            let eof = n < v.len();
            tokenize(
                v,
                n,
                eof,
                &mut file,
                start == 0,
                range,
                visit,
                progress,
                &unreadable,
            )
        }
    }
}

/// Reads CSV text held in memory (a small upload) with the same reader as a file: encoding,
/// delimiter, quotes, row numbers and limits alike.
pub fn read_csv_bytes(
    bytes: &[u8],
    visit: &mut dyn FnMut(u32, &dyn Row),
) -> Result<ReadInfo, SourceError> {
    tokenize(
        bytes,
        bytes.len(),
        true,
        &mut std::io::empty(),
        true,
        None,
        visit,
        None,
        &|e| SourceError::Unreadable(e.to_string()),
    )
}

/// The longest record read, in bytes (a row with the line breaks of its quoted cells): no row of
/// a real sheet comes near it, and a quote that is never closed would otherwise make the rest of
/// the file one record, held and split at once.
pub const MAX_RECORD: usize = 4 << 20;
/// The most cells a row may have: Excel's own limit of columns (A … XFD).
pub const MAX_CELLS: usize = 16_384;
/// How far the one-pass scan looks for a record's end: a record it splits is shorter, so it has
/// at most [`MAX_CELLS`] cells and needs no check.
const SCAN_MAX: usize = MAX_CELLS - 1;

/// The tokeniser of [`read_csv_with`] over a first buffer (`filled` bytes of it valid; `eof`
/// when there is no more to read from `file`).
#[allow(clippy::too_many_arguments)]
fn tokenize<B: Bytes>(
    mut buf: B,
    mut filled: usize,
    mut eof: bool,
    file: &mut dyn Read,
    at_start: bool,
    range: Option<(u64, u64, u32, u8)>,
    visit: &mut dyn FnMut(u32, &dyn Row),
    progress: Option<&Progress>,
    unreadable: &dyn Fn(&dyn std::fmt::Display) -> SourceError,
) -> Result<ReadInfo, SourceError> {
    // Of a mapped file: the bytes already released (and counted as progress).
    let mut released = 0usize;
    let mut pos = if at_start && buf[..filled].starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let delim = match range {
        Some((_, _, _, d)) => d,
        None => sniff_delimiter(
            buf[pos..filled]
                .split(|b| *b == b'\n')
                .next()
                .unwrap_or(&[]),
        ),
    };
    let mut info = ReadInfo::default();
    let mut row: u32 = range.map_or(0, |r| r.2.saturating_sub(1));
    let mut spans: Vec<(u32, u32)> = Vec::with_capacity(32);
    let mut fields: Vec<String> = vec![];
    // Scanning state of the record that starts at `pos` (kept across buffer refills).
    let mut scan_from = pos;
    let mut quotes_open = false;
    let mut has_quote = false;
    // The buffer from `base` on, checked as UTF-8 once per refill (not once per line); `None`
    // after a refill.
    let mut text: Option<(usize, &str)> = None;
    loop {
        // The end of the record starting at `pos`: a newline outside quotes. A record without
        // quotes is usually found and split at once; the search below covers the rest.
        let mut end = None;
        // The scan looks at most `SCAN_MAX` bytes past `pos`, so the records it splits have at
        // most `MAX_CELLS` cells; a longer record is searched, measured and split below.
        let split = scan_from == pos
            && scan_record(&buf[..filled.min(pos + SCAN_MAX)], pos, delim, &mut spans)
                .inspect(|nl| end = Some(*nl))
                .is_some();
        let mut i = if split { filled } else { scan_from };
        while let Some(k) = memchr::memchr2(b'\n', b'"', &buf[i..filled]) {
            let at = i + k;
            if buf[at] == b'"' {
                quotes_open = !quotes_open;
                has_quote = true;
            } else if !quotes_open {
                end = Some(at);
                break;
            }
            i = at + 1;
        }
        let (rec_end, next) = match end {
            Some(e) => (e, e + 1),
            None if eof => {
                if pos >= filled {
                    break;
                }
                (filled, filled)
            }
            None => {
                // Need more data: keep the partial record, grow the buffer if it fills it.
                text = None;
                let Some(buf) = buf.refillable() else {
                    unreachable!("a mapped range, or bytes in memory, are read whole")
                };
                let partial = filled - pos;
                if partial > MAX_RECORD {
                    return Err(SourceError::Limit {
                        row: row + 1,
                        limit: Limit::Record(MAX_RECORD as u64),
                    });
                }
                buf.copy_within(pos..filled, 0);
                if partial == buf.len() {
                    buf.resize(buf.len() * 2, 0);
                }
                let n = read_up_to(file, &mut buf[partial..]).map_err(|e| unreadable(&e))?;
                if let Some(p) = progress {
                    p.add(n);
                }
                eof = partial + n < buf.len();
                filled = partial + n;
                scan_from = i - pos;
                pos = 0;
                continue;
            }
        };
        let rec_start = pos;
        let mut rec_stop = rec_end;
        if rec_stop > rec_start && buf[rec_stop - 1] == b'\r' {
            rec_stop -= 1;
        }
        let rec = &buf[rec_start..rec_stop];
        let quoted_record = has_quote;
        info.saw_quote |= has_quote;
        pos = next;
        scan_from = next;
        quotes_open = false;
        has_quote = false;
        row += 1;
        if !split && rec_stop - rec_start > MAX_RECORD {
            return Err(SourceError::Limit {
                row,
                limit: Limit::Record(MAX_RECORD as u64),
            });
        }
        if let Some(m) = buf.mapping()
            && pos - released >= RELEASE_EVERY
        {
            release(m, released, pos, progress);
            released = pos;
        }
        // Blank rows, and rows of empty cells (`,,,,` as spreadsheets leave them), are skipped.
        if rec.iter().all(|b| b.is_ascii_whitespace() || *b == delim) {
            continue;
        }
        let covered = |t: &Option<(usize, &str)>| {
            t.is_some_and(|(base, s)| rec_start >= base && rec_stop <= base + s.len())
        };
        if !covered(&text) {
            // Checked a stretch at a time, so that the bytes are still in the cache when they
            // are split (a mapped range would otherwise be checked whole up front).
            let rest = &buf[rec_start..filled.min((rec_start + UTF8_STRETCH).max(rec_stop))];
            let valid = match std::str::from_utf8(rest) {
                Ok(s) => s,
                Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).expect("the valid prefix"),
            };
            text = Some((rec_start, valid));
        }
        let decoded;
        let mut split = split;
        let line: &str = match text {
            // Record ends are ASCII bytes, so these offsets are character boundaries.
            Some((base, s)) if covered(&text) => &s[rec_start - base..rec_stop - base],
            _ => {
                // Recoded text is longer than its bytes: split again.
                split = false;
                info.recoded = true;
                decoded = encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(rec)
                    .0
                    .into_owned();
                &decoded
            }
        };
        let too_wide = || SourceError::Limit {
            row,
            limit: Limit::Columns(MAX_CELLS as u64),
        };
        if quoted_record {
            split_quoted(line, delim, &mut fields);
            if fields.len() > MAX_CELLS {
                return Err(too_wide());
            }
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            visit(row, &FieldsRow { fields: &fields });
        } else {
            if !split {
                split_fields(line.as_bytes(), delim, &mut spans);
                if spans.len() > MAX_CELLS {
                    return Err(too_wide());
                }
            } else if let Some(last) = spans.last_mut() {
                // The last field ends before a `\r`, if there is one.
                last.1 = line.len() as u32;
            }
            visit(
                row,
                &LineRow {
                    line,
                    spans: &spans,
                },
            );
        }
    }
    if let Some(m) = buf.mapping() {
        release(m, released, filled, progress);
    }
    info.last_row = row;
    Ok(info)
}

/// UTF-8 is checked this many bytes (or one record, if longer) at a time.
const UTF8_STRETCH: usize = 256 << 10;
/// A range of at least this many bytes is mapped into memory rather than read in copies.
const MAP_OVER: u64 = 1 << 20;
/// A mapped range is given back to the kernel in steps of this many bytes as it is read, so
/// that the part of the file held in the process's memory stays small.
const RELEASE_EVERY: usize = 4 << 20;

/// The bytes being tokenised: a buffer refilled by reads (`Vec<u8>`), a whole mapped range
/// (`Mmap`), or bytes already in memory (`&[u8]`). The tokeniser is compiled for each, so that
/// its loop reaches the bytes without asking which they are.
trait Bytes: std::ops::Deref<Target = [u8]> {
    /// The buffer to refill (only a buffer read in copies is).
    fn refillable(&mut self) -> Option<&mut Vec<u8>> {
        None
    }
    /// The mapping, whose pages are released behind the cursor.
    fn mapping(&self) -> Option<&memmap2::Mmap> {
        None
    }
}

impl Bytes for Vec<u8> {
    fn refillable(&mut self) -> Option<&mut Vec<u8>> {
        Some(self)
    }
}

impl Bytes for memmap2::Mmap {
    fn mapping(&self) -> Option<&memmap2::Mmap> {
        Some(self)
    }
}

impl Bytes for &[u8] {}

/// Maps `len` bytes of `file` from `start`; `None` when the file cannot be mapped (a pipe, say),
/// and the caller reads it instead.
fn map_range(file: &File, start: u64, len: u64) -> Option<memmap2::Mmap> {
    // SAFETY: the mapping is read-only and lives while this range is tokenised. Another
    // process rewriting the file meanwhile would change the bytes under us, and one cutting
    // it short would stop this process (SIGBUS): a package must not be rewritten while it is
    // imported (uploads are imported from ipasn's own copy).
    let m = unsafe {
        memmap2::MmapOptions::new()
            .offset(start)
            .len(usize::try_from(len).ok()?)
            .map(file)
    }
    .ok()?;
    let _ = m.advise(memmap2::Advice::Sequential);
    Some(m)
}

/// Gives the pages of `from..to` of a mapped range back (they stay in the page cache) and counts
/// them as read.
fn release(m: &memmap2::Mmap, from: usize, to: usize, progress: Option<&Progress>) {
    if to > from {
        // SAFETY: the mapping is private and read-only, so dropping its pages loses nothing: a
        // later access reads the same bytes from the file again.
        let _ = unsafe {
            m.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from)
        };
        if let Some(p) = progress {
            p.add(to - from);
        }
    }
}

/// Finds the end (a newline) of the record that starts at `start` and splits it at `delim`,
/// in one pass of sixteen bytes at a time (SSE2, part of the x86-64 baseline): the spans are
/// relative to `start`, the last one ending at the newline. `None` when a quote comes first
/// or fewer than sixteen bytes are left before the newline is found; then the caller searches
/// and splits as for any record.
fn scan_record(buf: &[u8], start: usize, delim: u8, spans: &mut Vec<(u32, u32)>) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
        };
        spans.clear();
        // SAFETY (here and below): SSE2 is part of every x86-64 processor.
        let (d, n, q) = unsafe {
            (
                _mm_set1_epi8(delim as i8),
                _mm_set1_epi8(b'\n' as i8),
                _mm_set1_epi8(b'"' as i8),
            )
        };
        let (mut at, mut field) = (start, 0u32);
        while at + 16 <= buf.len() {
            // SAFETY: `buf[at..at + 16]` is readable; the load has no alignment requirement.
            let v = unsafe { _mm_loadu_si128(buf.as_ptr().add(at).cast::<__m128i>()) };
            let mask = |p| unsafe { _mm_movemask_epi8(_mm_cmpeq_epi8(v, p)) } as u32;
            let (mut hits, stops) = (mask(d), mask(n) | mask(q));
            let rel = (at - start) as u32;
            if stops != 0 {
                let first = stops.trailing_zeros();
                if buf[at + first as usize] == b'"' {
                    return None;
                }
                hits &= (1 << first) - 1;
                while hits != 0 {
                    let k = rel + hits.trailing_zeros();
                    spans.push((field, k));
                    field = k + 1;
                    hits &= hits - 1;
                }
                spans.push((field, rel + first));
                return Some(at + first as usize);
            }
            while hits != 0 {
                let k = rel + hits.trailing_zeros();
                spans.push((field, k));
                field = k + 1;
                hits &= hits - 1;
            }
            at += 16;
        }
        None
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (buf, start, delim, spans);
        None
    }
}

/// Splits a record without quotes at `delim` into field spans in one pass (fields are short, so
/// one pass beats a search call per field): sixteen bytes at a time with SSE2 on x86-64 (part of
/// the x86-64 baseline), then eight at a time in a word.
fn split_fields(line: &[u8], delim: u8, spans: &mut Vec<(u32, u32)>) {
    spans.clear();
    #[cfg(target_arch = "x86_64")]
    let (done, start) = {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
        };
        // SAFETY (here and below): SSE2 is part of every x86-64 processor.
        let pattern = unsafe { _mm_set1_epi8(delim as i8) };
        let mut chunks = line.chunks_exact(16);
        let (mut base, mut start) = (0usize, 0usize);
        for chunk in &mut chunks {
            // SAFETY: `chunk` is 16 readable bytes; the load has no alignment requirement.
            let v = unsafe { _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>()) };
            let mut hits = unsafe { _mm_movemask_epi8(_mm_cmpeq_epi8(v, pattern)) } as u32;
            while hits != 0 {
                let at = base + hits.trailing_zeros() as usize;
                spans.push((start as u32, at as u32));
                start = at + 1;
                hits &= hits - 1;
            }
            base += 16;
        }
        (base, start)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let (done, start) = (0usize, 0usize);
    split_words(line, done, start, delim, spans);
}

/// The word-wise split of `line[from..]`, the current field starting at `start`.
fn split_words(line: &[u8], from: usize, mut start: usize, delim: u8, spans: &mut Vec<(u32, u32)>) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = ONES * delim as u64;
    let mut chunks = line[from..].chunks_exact(8);
    let mut base = from;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) ^ pattern;
        // The high bit of each byte is set exactly where that byte of x is zero.
        let mut hits = !(((x & LOW7) + LOW7) | x | LOW7);
        while hits != 0 {
            let at = base + (hits.trailing_zeros() / 8) as usize;
            spans.push((start as u32, at as u32));
            start = at + 1;
            hits &= hits - 1;
        }
        base += 8;
    }
    for (k, b) in chunks.remainder().iter().enumerate() {
        if *b == delim {
            spans.push((start as u32, (base + k) as u32));
            start = base + k + 1;
        }
    }
    spans.push((start as u32, line.len() as u32));
}

/// Splits one record that contains quotes into unescaped fields.
/// Stops after [`MAX_CELLS`] + 1 fields (the caller refuses such a row).
fn split_quoted(line: &str, delim: u8, fields: &mut Vec<String>) {
    fields.clear();
    let delim = delim as char;
    let mut cur = String::new();
    let mut quoted = false;
    let mut at_start = true;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        if fields.len() > MAX_CELLS {
            return;
        }
        if quoted {
            if ch == '"' {
                if chars.peek() == Some(&'"') {
                    cur.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cur.push(ch);
            }
            continue;
        }
        if ch == delim {
            fields.push(std::mem::take(&mut cur));
            at_start = true;
            continue;
        }
        if ch == '"' && at_start {
            quoted = true;
        } else {
            cur.push(ch);
        }
        at_start = false;
    }
    fields.push(cur);
}

fn read_up_to(r: &mut (impl Read + ?Sized), buf: &mut [u8]) -> std::io::Result<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials() {
        assert_eq!(
            excel_serial(45_657.0, false).unwrap().to_string(),
            "2024-12-31"
        );
        assert_eq!(excel_serial(1.0, false).unwrap().to_string(), "1900-01-01");
        assert_eq!(excel_serial(61.0, false).unwrap().to_string(), "1900-03-01");
        assert_eq!(
            excel_serial(44_196.0, true).unwrap().to_string(),
            "2025-01-01"
        );
        assert_eq!(
            excel_serial(45_657.75, false).unwrap().to_string(),
            "2024-12-31"
        );
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

    /// Reads a file with our reader and with the csv crate, with a given buffer size.
    type Rows = Vec<Vec<String>>;

    fn both(bytes: &[u8], buf: usize) -> (Vec<(u32, Vec<String>)>, Rows) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, bytes).unwrap();
        let mut ours = vec![];
        read_csv_with(
            &path,
            &mut |row, r| {
                ours.push((
                    row,
                    (0..r.len())
                        .map(|i| r.get(i).display().into_owned())
                        .collect(),
                ))
            },
            buf,
            None,
            None,
        )
        .unwrap();
        let theirs = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes)
            .records()
            .map(|r| r.unwrap().iter().map(|f| f.trim().to_string()).collect())
            .collect();
        (ours, theirs)
    }

    proptest::proptest! {
        #[test]
        fn one_pass_scan_ends_and_splits_a_record_as_search_and_split_do(
            bytes in proptest::collection::vec(proptest::sample::select(b"ab,;\n\r\"".to_vec()), 0..120),
            start in 0usize..40,
        ) {
            let start = start.min(bytes.len());
            let mut spans = vec![];
            let newline = bytes[start..].iter().position(|b| *b == b'\n').map(|k| start + k);
            let quote = bytes[start..].iter().position(|b| *b == b'"').map(|k| start + k);
            match scan_record(&bytes, start, b',', &mut spans) {
                Some(nl) => {
                    proptest::prop_assert_eq!(Some(nl), newline);
                    proptest::prop_assert!(quote.is_none_or(|q| q > nl), "no quote before the end");
                    let mut want = vec![];
                    split_fields(&bytes[start..nl], b',', &mut want);
                    proptest::prop_assert_eq!(spans, want);
                }
                None => {
                    // A quote first, or the end not within whole blocks of sixteen bytes.
                    let stop = match (newline, quote) {
                        (Some(n), Some(q)) => Some(n.min(q)),
                        (n, q) => n.or(q),
                    };
                    #[cfg(target_arch = "x86_64")]
                    proptest::prop_assert!(
                        stop.is_none_or(|s| bytes[s] == b'"' || (s - start) / 16 * 16 + 16 > bytes.len() - start),
                        "a newline within reach was missed"
                    );
                }
            }
        }

        #[test]
        fn word_wise_split_finds_every_delimiter(line in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..80), delim in proptest::prelude::any::<u8>()) {
            let mut spans = vec![];
            split_fields(&line, delim, &mut spans);
            let mut want = vec![];
            let mut a = 0;
            for (k, b) in line.iter().enumerate() {
                if *b == delim {
                    want.push((a as u32, k as u32));
                    a = k + 1;
                }
            }
            want.push((a as u32, line.len() as u32));
            proptest::prop_assert_eq!(spans, want);
        }
    }

    #[test]
    fn csv_edge_cases() {
        let text = "a,b,c\r\n1,\"x, y\",3\r\n\n2,\"say \"\"hi\"\"\",\"multi\nline\"\n3,,\n4,last";
        for buf in [64, 7, 3, 1 << 20] {
            let (ours, theirs) = both(text.as_bytes(), buf);
            let fields: Vec<_> = ours.iter().map(|(_, f)| f.clone()).collect();
            assert_eq!(fields, theirs, "buffer {buf}");
            // Row numbers are records as a spreadsheet counts them; the blank line is skipped.
            assert_eq!(
                ours.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
                vec![1, 2, 4, 5, 6],
                "buffer {buf}"
            );
        }
    }

    #[test]
    fn a_large_file_is_mapped_released_in_steps_and_reads_like_the_csv_crate() {
        let block =
            "1,\"x, y\",3\r\n\n2,\"say \"\"hi\"\"\",\"multi\nline\"\n3,,\n4,Jos\u{e9},Zo\u{eb}\n";
        let mut text = String::from("a,b,c\n");
        while text.len() < RELEASE_EVERY * 2 + 12_345 {
            text.push_str(block);
        }
        text.push_str("5,last");
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(text.as_bytes());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, &bytes).unwrap();
        let file = File::open(&path).unwrap();
        assert!(map_range(&file, 0, bytes.len() as u64).is_some());
        let progress = Progress::default();
        let mut ours: Rows = vec![];
        read_csv_with(
            &path,
            &mut |_, r| {
                ours.push(
                    (0..r.len())
                        .map(|i| r.get(i).display().into_owned())
                        .collect(),
                )
            },
            4096,
            None,
            Some(&progress),
        )
        .unwrap();
        let theirs: Rows = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(|f| f.trim().to_string()).collect())
            .filter(|r: &Vec<String>| !r.iter().all(|f| f.is_empty()))
            .collect();
        assert_eq!(ours.len(), theirs.len());
        assert_eq!(ours, theirs);
        assert_eq!(
            progress.done(),
            bytes.len() as u64,
            "every byte counted once as read"
        );
    }

    #[test]
    fn a_windows_1252_line_among_utf8_lines() {
        let mut bytes = "nip,nama\n1,Ani\n2,".as_bytes().to_vec();
        bytes.push(0xC9); // É in Windows-1252, invalid alone in UTF-8
        bytes.extend_from_slice("va\n3,José\n4,\"Zoë, B\"\n5,Budi".as_bytes());
        for buf in [16, 64, 4096] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("x.csv");
            std::fs::write(&path, &bytes).unwrap();
            let mut got = vec![];
            let info = read_csv_with(
                &path,
                &mut |row, r| got.push((row, r.get(1).display().into_owned())),
                buf,
                None,
                None,
            )
            .unwrap();
            assert!(info.recoded);
            let want: Vec<(u32, String)> = [
                (1, "nama"),
                (2, "Ani"),
                (3, "Éva"),
                (4, "José"),
                (5, "Zoë, B"),
                (6, "Budi"),
            ]
            .map(|(r, s)| (r, s.to_string()))
            .into();
            assert_eq!(got, want, "buffer {buf}");
        }
    }

    proptest::proptest! {
        #[test]
        fn csv_reader_agrees_with_the_csv_crate(
            rows in proptest::collection::vec(proptest::collection::vec("[a-zA-Z0-9 ,;\"\n\r\u{e9}\u{4e2d}]{0,12}", 3), 1..20),
            buf in 16usize..200,
        ) {
            let mut w = csv::Writer::from_writer(vec![]);
            // A header row, as every package sheet has; it also decides the delimiter.
            w.write_record(["nip", "nama", "jenis"]).unwrap();
            for r in &rows {
                w.write_record(r).unwrap();
            }
            let bytes = w.into_inner().unwrap();
            let (ours, theirs) = both(&bytes, buf);
            let theirs: Vec<_> = theirs.into_iter().filter(|r| !r.iter().all(|f| f.trim().is_empty())).collect();
            let ours: Vec<_> = ours.into_iter().map(|(_, f)| f).collect();
            proptest::prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn split_parts_read_like_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        let mut text = String::from("\u{feff}nip;nama\n");
        for i in 0..5000 {
            text.push_str(&format!("{i};nama {i}\r\n"));
            if i % 777 == 0 {
                text.push('\n');
            }
        }
        std::fs::write(&path, &text).unwrap();
        let mut whole = vec![];
        read_csv(&path, &mut |row, r| {
            whole.push((
                row,
                r.get(0).display().into_owned(),
                r.get(1).display().into_owned(),
            ))
        })
        .unwrap();
        for n in [2, 3, 7] {
            let parts = split_csv(&path, n, 0).unwrap();
            assert_eq!(parts.len(), n);
            assert_eq!(parts[0].delim, b';');
            let mut joined = vec![whole[0].clone()];
            let mut offset = 0;
            for p in &parts {
                let first = if p.index == 0 { 2 } else { 1 };
                let mut mine = vec![];
                let info = read_csv_with(
                    &path,
                    &mut |row, r| {
                        mine.push((
                            row,
                            r.get(0).display().into_owned(),
                            r.get(1).display().into_owned(),
                        ))
                    },
                    1024,
                    Some((p.start, p.end, first, p.delim)),
                    None,
                )
                .unwrap();
                assert!(!info.saw_quote);
                joined.extend(mine.into_iter().map(|(r, a, b)| (r + offset, a, b)));
                offset += info.last_row;
            }
            assert_eq!(joined, whole, "{n} parts");
        }
        // A quote is reported, so that the caller can read the file whole.
        std::fs::write(&path, "a,b\n1,\"x\"\n").unwrap();
        let info = read_csv(&path, &mut |_, _| {}).unwrap();
        assert!(info.saw_quote);
    }

    #[test]
    fn a_row_of_more_cells_than_excel_has_columns_is_refused_at_its_row() {
        let mut ok = String::from("a,b\n");
        ok.push_str(&",".repeat(MAX_CELLS - 1));
        ok.push_str("x\n");
        let mut widths = vec![];
        read_csv_bytes(ok.as_bytes(), &mut |_, r| widths.push(r.len())).unwrap();
        assert_eq!(widths, [2, MAX_CELLS]);
        for quoted in [false, true] {
            let mut text = String::from("a,b\n1,2\n");
            if quoted {
                text.push_str("\"q\"");
            }
            text.push_str(&"x,".repeat(MAX_CELLS));
            text.push_str("\n3,4\n");
            let e = read_csv_bytes(text.as_bytes(), &mut |_, _| {}).unwrap_err();
            assert_eq!(
                e,
                SourceError::Limit {
                    row: 3,
                    limit: Limit::Columns(MAX_CELLS as u64)
                },
                "quoted: {quoted}"
            );
        }
    }

    #[test]
    fn names_match_loosely() {
        assert_eq!(name_key("Tanggal_Lahir "), "tanggallahir");
        assert_eq!(name_key("\u{feff}NIP"), "nip");
    }
}
