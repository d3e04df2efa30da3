//! One sheet being read: its header mapped onto the known columns, its problems, and the
//! helpers that turn a cell into a value or a recorded problem.

use super::cache::Memo;
use crate::lembar::{Part, ReadInfo, Row, Source, SourceError, Value, name_key};
use crate::masalah::{Kind, Level, Problem};
use crate::nilai;

/// A column of a sheet.
pub(super) struct Col {
    pub(super) name: &'static str,
    pub(super) aliases: &'static [&'static str],
    pub(super) required: bool,
}

pub(super) const fn col(name: &'static str, required: bool) -> Col {
    Col {
        name,
        aliases: &[],
        required,
    }
}

pub(super) const fn alias(
    name: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> Col {
    Col {
        name,
        aliases,
        required,
    }
}

/// A sheet's header mapped onto its columns, and the problems of one sheet.
pub(super) struct SheetReader<'s> {
    pub(super) label: String,
    pub(super) cols: &'static [Col],
    pub(super) idx: Vec<Option<usize>>,
    pub(super) width: usize,
    pub(super) strict_width: bool,
    pub(super) problems: Vec<Problem>,
    pub(super) source: &'s Source,
}

impl<'s> SheetReader<'s> {
    pub(super) fn new(source: &'s Source, name: &str, cols: &'static [Col]) -> SheetReader<'s> {
        SheetReader {
            label: source.label(name),
            cols,
            idx: vec![None; cols.len()],
            width: 0,
            strict_width: source.is_csv(),
            problems: vec![],
            source,
        }
    }

    pub(super) fn header(&mut self, row: &dyn Row) -> bool {
        let mut known = vec![false; row.len()];
        for (ci, c) in self.cols.iter().enumerate() {
            let want = name_key(c.name);
            let found = (0..row.len()).find(|&i| {
                let k = name_key(&row.get(i).display());
                k == want || c.aliases.iter().any(|a| name_key(a) == k)
            });
            if let Some(i) = found {
                known[i] = true;
            }
            self.idx[ci] = found;
            if found.is_none() && c.required {
                self.problems.push(Problem {
                    level: Level::Error,
                    sheet: self.label.clone(),
                    row: Some(1),
                    column: Some(c.name.into()),
                    value: None,
                    kind: Kind::MissingColumn,
                });
            }
        }
        // A data row must reach the last known column; missing trailing unknown columns are fine.
        self.width = self.idx.iter().flatten().max().map_or(0, |m| m + 1);
        for (i, k) in known.iter().enumerate() {
            let name = row.get(i).display().to_string();
            if !k && !name.is_empty() {
                self.problems.push(Problem::at(
                    Level::Warning,
                    &self.label,
                    1,
                    &name,
                    "",
                    Kind::UnknownColumn,
                ));
                self.problems.last_mut().expect("just pushed").value = None;
            }
        }
        self.cols
            .iter()
            .zip(&self.idx)
            .all(|(c, i)| !c.required || i.is_some())
    }

    pub(super) fn problem(
        &mut self,
        level: Level,
        row: u32,
        col: usize,
        value: &Value<'_>,
        kind: Kind,
    ) {
        self.problems.push(Problem::at(
            level,
            &self.label,
            row,
            self.cols[col].name,
            &value.display(),
            kind,
        ));
    }

    /// Reads the sheet: `f(self, row_number, cells)` per data row. Returns false when the sheet is
    /// missing or its header unusable.
    pub(super) fn read(
        &mut self,
        name: &str,
        required: bool,
        f: &mut dyn FnMut(&mut SheetReader<'s>, u32, Cells<'_>),
    ) -> bool {
        self.read_part(name, required, None, f).is_some()
    }

    /// Like [`SheetReader::read`], for one part of a split CSV file (its header is read first; the
    /// header's problems are reported by the first part only). `None` when the sheet is missing
    /// or its header unusable.
    pub(super) fn read_part(
        &mut self,
        name: &str,
        required: bool,
        part: Option<&Part>,
        f: &mut dyn FnMut(&mut SheetReader<'s>, u32, Cells<'_>),
    ) -> Option<ReadInfo> {
        let mut header_ok = None;
        let source = self.source;
        let later_part = part.is_some_and(|p| p.index > 0);
        let mut visit = |rowno: u32, row: &dyn Row| match header_ok {
            None => {
                header_ok = Some(self.header(row));
                if later_part {
                    self.problems.clear();
                }
            }
            Some(false) => {}
            Some(true) => {
                if self.strict_width && row.len() < self.width {
                    let kind = Kind::ShortRow {
                        found: row.len(),
                        expected: self.width,
                    };
                    self.problems.push(Problem {
                        level: Level::Error,
                        sheet: self.label.clone(),
                        row: Some(rowno),
                        column: None,
                        value: None,
                        kind,
                    });
                    return;
                }
                let idx = std::mem::take(&mut self.idx);
                f(
                    self,
                    rowno,
                    Cells {
                        row,
                        line: row.line(),
                        idx: &idx,
                    },
                );
                self.idx = idx;
            }
        };
        let result = match part {
            Some(p) => source.read_part(name, p, &mut visit),
            None => source.read(name, &mut visit),
        };
        match result {
            Ok(None) => {
                let (level, kind) = if required {
                    (Level::Error, Kind::MissingSheet)
                } else {
                    (Level::Warning, Kind::OptionalSheetMissing)
                };
                self.problems.push(Problem::sheet(level, &self.label, kind));
                None
            }
            Ok(Some(info)) => {
                if info.recoded {
                    self.problems
                        .push(Problem::sheet(Level::Warning, &self.label, Kind::Encoding));
                }
                if header_ok.is_none() && required {
                    self.problems.push(Problem::sheet(
                        Level::Error,
                        &self.label,
                        Kind::MissingSheet,
                    ));
                }
                (header_ok == Some(true)).then_some(info)
            }
            Err(SourceError::Unreadable(why)) => {
                self.problems.push(Problem::sheet(
                    Level::Error,
                    &self.label,
                    Kind::Unreadable(why),
                ));
                None
            }
            Err(SourceError::Limit { row, limit }) => {
                self.problems.push(Problem {
                    row: Some(row),
                    ..Problem::sheet(Level::Error, &self.label, Kind::Limit(limit))
                });
                None
            }
        }
    }
}

/// A data row with its column mapping.
pub(super) struct Cells<'a> {
    pub(super) row: &'a dyn Row,
    /// The row's text and cell ranges, when it is a CSV line ([`Row::line`]).
    line: Option<(&'a str, &'a [(u32, u32)])>,
    pub(super) idx: &'a [Option<usize>],
}

impl Cells<'_> {
    #[inline]
    pub(super) fn get(&self, col: usize) -> Value<'_> {
        match (self.idx[col], self.line) {
            (Some(i), Some((line, spans))) => match spans.get(i) {
                Some(&(a, b)) => Value::Text(&line[a as usize..b as usize]),
                None => Value::Empty,
            },
            (Some(i), None) => self.row.get(i),
            (None, _) => Value::Empty,
        }
    }
    pub(super) fn text(&self, col: usize) -> String {
        self.get(col).display().into_owned()
    }
    pub(super) fn is_1904(&self) -> bool {
        self.row.is_1904()
    }
}

/// Checks the cell of `col` with `parse`; on failure records an error and returns `None`.
pub(super) fn field<T>(
    sh: &mut SheetReader<'_>,
    rowno: u32,
    cells: &Cells<'_>,
    col: usize,
    parse: impl FnOnce(&Value<'_>) -> Result<T, Kind>,
) -> Option<T> {
    let v = cells.get(col);
    match parse(&v) {
        Ok(x) => Some(x),
        Err(kind) => {
            sh.problem(Level::Error, rowno, col, &v, kind);
            None
        }
    }
}

/// Checks an identifier cell (a unit id, a parent id, an instansi id, a region code) for
/// control characters: one is an error at the cell. The text is kept as it is, so that the rest
/// of the package is still checked against it without a second, misleading error.
#[inline]
pub(super) fn check_id(sh: &mut SheetReader<'_>, rowno: u32, col: usize, text: &str) {
    if let Some(ch) = nilai::control_char(text) {
        id_error(sh, rowno, col, text, ch);
    }
}

#[cold]
fn id_error(sh: &mut SheetReader<'_>, rowno: u32, col: usize, text: &str, ch: char) {
    sh.problem(
        Level::Error,
        rowno,
        col,
        &Value::Text(&visible(text)),
        Kind::ControlChar(ch),
    );
}

/// A free-text cell's text (a name, a title) with each run of control characters replaced by
/// one space, and a warning at the cell when there was one (see [`Kind::ControlCharReplaced`]
/// for why this is not an error).
#[inline(always)]
pub(super) fn free_text(sh: &mut SheetReader<'_>, rowno: u32, col: usize, text: String) -> String {
    match nilai::control_char(&text) {
        None => text,
        Some(ch) => cleaned(sh, rowno, col, &text, ch),
    }
}

#[cold]
#[inline(never)]
fn cleaned(sh: &mut SheetReader<'_>, rowno: u32, col: usize, text: &str, ch: char) -> String {
    replaced_warning(sh, rowno, col, &Value::Text(text), ch);
    nilai::without_control(text)
}

/// The warning of [`free_text`], for a cell whose text was cleaned elsewhere.
#[cold]
pub(super) fn replaced_warning(
    sh: &mut SheetReader<'_>,
    rowno: u32,
    col: usize,
    value: &Value<'_>,
    ch: char,
) {
    sh.problem(
        Level::Warning,
        rowno,
        col,
        &Value::Text(&visible(&value.display())),
        Kind::ControlCharReplaced(ch),
    );
}

/// A text with its control characters shown (`␊` for a line break, `␉` for a tab, `<U+0085>`
/// for a C1 character), for the value column of a problem.
pub(super) fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            n @ 0..=0x1F => char::from_u32(0x2400 + n).unwrap_or('?').to_string(),
            0x7F => "\u{2421}".to_string(),
            n if c.is_control() => format!("<U+{n:04X}>"),
            _ => c.to_string(),
        })
        .collect()
}

pub(super) fn required_text(
    sh: &mut SheetReader<'_>,
    rowno: u32,
    cells: &Cells<'_>,
    col: usize,
) -> Option<String> {
    let t = cells.text(col);
    if t.is_empty() {
        sh.problem(Level::Error, rowno, col, &Value::Empty, Kind::Required);
        None
    } else {
        Some(t)
    }
}

pub(super) fn choice<T: Copy>(
    sh: &mut SheetReader<'_>,
    rowno: u32,
    cells: &Cells<'_>,
    col: usize,
    allowed: &'static [&'static str],
    memo: &mut Memo<T>,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let v = cells.get(col);
    let text = v.display();
    if text.is_empty() {
        sh.problem(Level::Error, rowno, col, &v, Kind::Required);
        return None;
    }
    let r = memo.get(&text, parse);
    if r.is_none() {
        sh.problem(Level::Error, rowno, col, &v, Kind::Choice(allowed));
    }
    r
}
