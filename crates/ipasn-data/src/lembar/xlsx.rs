//! Workbook sheets: calamine's streaming cell reader turned into rows of the [`Row`]
//! interface, with far cells kept aside and the 1904 date system honoured.

use super::*;

/// An owned workbook cell.
#[derive(Clone, Debug, PartialEq)]
enum Owned {
    Empty,
    Text(String),
    Number(f64),
    Date(Option<Tanggal>),
    Bool(bool),
}

/// Columns held in a workbook row's array. A cell further right (a stray value at column XFD,
/// say) is kept aside with its column, so that it costs its own size rather than a row of
/// sixteen thousand cells.
const DENSE_COLS: usize = 256;

struct XlsxRow<'a> {
    cells: &'a [Owned],
    /// Cells at column [`DENSE_COLS`] or further, by column.
    far: &'a [(u32, Owned)],
    is_1904: bool,
}

impl Row for XlsxRow<'_> {
    fn len(&self) -> usize {
        self.far
            .last()
            .map_or(self.cells.len(), |(c, _)| *c as usize + 1)
    }
    fn get(&self, i: usize) -> Value<'_> {
        let cell = match self.cells.get(i) {
            Some(c) => Some(c),
            None if i < DENSE_COLS || self.far.is_empty() => None,
            None => self
                .far
                .binary_search_by_key(&(i as u32), |(c, _)| *c)
                .ok()
                .map(|k| &self.far[k].1),
        };
        match cell {
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

fn is_blank(c: &Owned) -> bool {
    match c {
        Owned::Empty => true,
        Owned::Text(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Reads a workbook's sheet with calamine's streaming cell reader: nothing is allocated for
/// the sheet's declared dimension or for empty (formatted) cells; a row costs its cells.
pub(crate) fn read_xlsx<RS: Read + Seek>(
    book: &mut Xlsx<RS>,
    sheet: &str,
    visit: &mut dyn FnMut(u32, &dyn Row),
) -> Result<ReadInfo, SourceError> {
    let is_1904 = book.has_1904_epoch();
    let mut cells = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| SourceError::Unreadable(format!("sheet {sheet}: {e}")))?;
    let mut row_cells: Vec<Owned> = vec![];
    let mut far: Vec<(u32, Owned)> = vec![];
    let mut current: Option<u32> = None;
    let mut flush = |row: u32, cells: &mut Vec<Owned>, far: &mut Vec<(u32, Owned)>| {
        while matches!(cells.last(), Some(Owned::Empty)) {
            cells.pop();
        }
        if !far.is_empty() {
            // Stream order is column order in any workbook Excel writes; a stable sort keeps
            // the last of a repeated column last, and that one stands.
            far.sort_by_key(|(c, _)| *c);
            far.reverse();
            far.dedup_by_key(|(c, _)| *c);
            far.reverse();
        }
        let blank = cells.iter().all(is_blank) && far.iter().all(|(_, c)| is_blank(c));
        if !blank {
            visit(
                row + 1,
                &XlsxRow {
                    cells,
                    far,
                    is_1904,
                },
            );
        }
        cells.clear();
        far.clear();
    };
    loop {
        let next = cells.next_cell().map_err(|e| {
            SourceError::Unreadable(format!(
                "sheet {sheet}: {e}; the workbook may be damaged or cut off"
            ))
        })?;
        let Some(cell) = next else { break };
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if let Some(prev) = current {
                flush(prev, &mut row_cells, &mut far);
            }
            current = Some(r);
        }
        let c = c as usize;
        let value = cell.get_value();
        if c > 16_384 || matches!(value, DataRef::Empty) {
            // Beyond Excel's last column, or a cell with formatting only.
            continue;
        }
        if c >= DENSE_COLS {
            far.push((c as u32, owned(value)));
            continue;
        }
        if row_cells.len() <= c {
            row_cells.resize(c + 1, Owned::Empty);
        }
        row_cells[c] = owned(value);
    }
    if let Some(prev) = current {
        flush(prev, &mut row_cells, &mut far);
    }
    Ok(ReadInfo::default())
}

/// Converts an Excel serial day number to a date (1900 system with its phantom 29 Feb 1900, or
/// the 1904 system). Fractions (times of day) are dropped.
pub fn excel_serial(serial: f64, is_1904: bool) -> Option<Tanggal> {
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
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
