//! Importing a data package (paket data, `shared/spec/data.md`): six sheets of one XLSX workbook
//! or six CSV files of a folder, validated row by row into a [`Dataset`].
//!
//! Every problem of the package is collected in one pass (sheet, row as the spreadsheet shows
//! it, column, value, what is wrong and how to fix it). Errors make the package unusable as a
//! whole — the caller writes nothing; warnings are reported and the import goes on.
//!
//! With a folder of CSV files the sheets are read on two threads: `diklat` (usually the largest)
//! on one, the others on the other. Riwayat rows carry their NIP as a number until both are
//! done; then each NIP is resolved to its person (or reported as unknown).

use crate::lembar::{Part, ReadInfo, Row, Source, SourceError, Value, name_key};
use crate::masalah::{Kind, Level, Problem};
use crate::nilai;
use ipasn_core::model::*;
use ipasn_core::{Decimal, Tanggal};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// Sheet names in package order.
pub const SHEETS: [&str; 6] = ["unor", "pegawai", "pendidikan", "diklat", "skp", "hukdis"];

/// Options of an import.
#[derive(Clone, Copy, Debug)]
pub struct ImportOptions {
    /// The import date (NIP TMT must not be later).
    pub today: Tanggal,
    /// The cut-off date T of the measurement, if known: records after it get a warning.
    pub cutoff: Option<Tanggal>,
    /// Keep the names of riwayat records (training titles, schools, punishment wording). The
    /// scores do not need them; bulk computation leaves them out to save memory.
    pub keep_names: bool,
}

impl ImportOptions {
    /// Options for an import on `today`, with T if known, keeping names.
    pub fn new(today: Tanggal, cutoff: Option<Tanggal>) -> ImportOptions {
        ImportOptions { today, cutoff, keep_names: true }
    }
}

/// Row counts per sheet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Units.
    pub unor: usize,
    /// Persons.
    pub pegawai: usize,
    /// Education records.
    pub pendidikan: usize,
    /// Training records.
    pub diklat: usize,
    /// Appraisals.
    pub skp: usize,
    /// Punishments.
    pub hukdis: usize,
}

/// The outcome of an import: the data (complete only when there is no error) and every problem.
#[derive(Debug)]
pub struct Imported {
    /// The package's data. Do not use it when [`Imported::has_errors`].
    pub dataset: Dataset,
    /// All problems, errors and warnings, in sheet and row order.
    pub problems: Vec<Problem>,
    /// Rows read per sheet.
    pub counts: Counts,
}

impl Imported {
    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.level == Level::Error)
    }

    /// Number of errors and warnings.
    pub fn tally(&self) -> (usize, usize) {
        let e = self.problems.iter().filter(|p| p.level == Level::Error).count();
        (e, self.problems.len() - e)
    }
}

/// A fast hasher for NIP numbers and short vocabulary strings (the keys are local data, not
/// attacker-chosen, and the memo of strings is bounded).
#[derive(Default)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // A word at a time, each mixed in; the tail padded with zeros and the length.
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        self.write_u64(u64::from_le_bytes(tail) ^ ((bytes.len() as u64) << 56));
    }
    fn write_u64(&mut self, n: u64) {
        // SplitMix64's finaliser: every input bit reaches the low bits hashbrown indexes by.
        let mut z = n ^ self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        self.0 = z ^ (z >> 31);
    }
}

type NipMap = HashMap<u64, u32, BuildHasherDefault<FastHasher>>;

/// Shares the text of a column whose values repeat (position titles, golongan): one allocation
/// per distinct value, up to a bound.
struct Intern {
    seen: HashMap<Box<str>, std::sync::Arc<str>, BuildHasherDefault<FastHasher>>,
}

impl Intern {
    fn new() -> Intern {
        Intern { seen: HashMap::default() }
    }

    fn get(&mut self, s: &str) -> std::sync::Arc<str> {
        if let Some(a) = self.seen.get(s) {
            return a.clone();
        }
        let a: std::sync::Arc<str> = s.into();
        if self.seen.len() < 200_000 {
            self.seen.insert(s.into(), a.clone());
        }
        a
    }
}

/// Remembers how the distinct spellings of a column were understood (a column such as `jenis`
/// has a few dozen distinct values over millions of rows).
struct Memo<T> {
    seen: HashMap<Box<str>, Option<T>, BuildHasherDefault<FastHasher>>,
}

impl<T: Copy> Memo<T> {
    fn new() -> Memo<T> {
        Memo { seen: HashMap::default() }
    }

    fn get(&mut self, s: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        if let Some(v) = self.seen.get(s) {
            return *v;
        }
        let v = parse(s);
        if self.seen.len() < 4096 {
            self.seen.insert(s.into(), v);
        }
        v
    }
}

/// NIPs of the `pegawai` sheet: the persons kept, and the NIPs whose row was refused for another
/// reason (their riwayat rows are skipped without a second, misleading "unknown NIP" error).
#[derive(Default)]
struct Nips {
    kept: NipMap,
    refused: NipMap,
}

/// A column of a sheet.
struct Col {
    name: &'static str,
    aliases: &'static [&'static str],
    required: bool,
}

const fn col(name: &'static str, required: bool) -> Col {
    Col { name, aliases: &[], required }
}

const fn alias(name: &'static str, aliases: &'static [&'static str], required: bool) -> Col {
    Col { name, aliases, required }
}

const NIP_ALIASES: &[&str] = &["nipbaru", "nip_baru"];

const UNOR: &[Col] = &[
    col("unor_id", true),
    col("nama_unor", true),
    col("induk_unor_id", false),
    col("instansi_id", false),
    col("nama_instansi", false),
    col("kode_wilayah", false),
];
const PEGAWAI: &[Col] = &[
    alias("nip", NIP_ALIASES, true),
    col("nama", true),
    col("jenis_kelamin", false),
    col("tanggal_lahir", false),
    col("status_kepegawaian", true),
    col("jenis_jabatan", true),
    col("jenjang_jabatan", true),
    col("nama_jabatan", false),
    col("unor_id", true),
    col("golongan", false),
];
const PENDIDIKAN: &[Col] = &[
    alias("nip", NIP_ALIASES, true),
    col("tingkat_pendidikan", true),
    col("nama_pendidikan", false),
    col("tahun_lulus", false),
    col("tanggal_lulus", false),
    col("diakui", false),
];
const DIKLAT: &[Col] = &[
    alias("nip", NIP_ALIASES, true),
    col("jenis", true),
    col("nama_diklat", false),
    col("tanggal_mulai", false),
    col("tanggal_selesai", false),
    col("jumlah_jam", false),
    col("penyelenggara", false),
];
const SKP: &[Col] = &[
    alias("nip", NIP_ALIASES, true),
    col("tahun", true),
    col("nilai", false),
    col("predikat", false),
];
const HUKDIS: &[Col] = &[
    alias("nip", NIP_ALIASES, true),
    col("tingkat", true),
    col("jenis_hukuman", false),
    col("tmt_hukuman", true),
    col("akhir_hukuman", false),
    col("dibatalkan", false),
];

const STATUS: &[&str] = &["PNS", "CPNS", "PPPK"];
const JENIS_JABATAN: &[&str] = &["Struktural", "Fungsional", "Pelaksana"];
const JENJANG: &[&str] = &[
    "JPT Utama", "JPT Madya", "JPT Pratama", "Administrator", "Pengawas", "Ahli Utama", "Ahli Madya", "Ahli Muda",
    "Ahli Pertama", "Penyelia", "Mahir", "Terampil", "Pemula", "Pelaksana",
];
const KELAMIN: &[&str] = &["L", "P"];
const TINGKAT_PENDIDIKAN: &[&str] =
    &["SD", "SLTP", "SLTA", "D-I", "D-II", "D-III", "D-IV", "S-1", "Profesi", "S-2", "Sp-1", "S-3", "Sp-2"];
const JENIS_DIKLAT: &[&str] = &[
    "PIM I", "PIM II", "PIM III", "PIM IV", "PKN I", "PKN II", "PKA", "PKP", "Fungsional", "Teknis", "Seminar",
    "Workshop", "Magang", "Kursus", "Lainnya",
];
const PREDIKAT: &[&str] =
    &["Sangat Baik", "Baik", "Butuh Perbaikan", "Cukup", "Kurang", "Sangat Kurang", "Buruk"];
const TINGKAT_HUKDIS: &[&str] = &["Ringan", "Sedang", "Berat", "(nama hukuman PP 94/2021)"];
const GOLONGAN: &[&str] = &["I/a … IV/e", "PPPK: I … XVII"];

/// A sheet's header mapped onto its columns, and the problems of one sheet.
struct Sheet<'s> {
    label: String,
    cols: &'static [Col],
    idx: Vec<Option<usize>>,
    width: usize,
    strict_width: bool,
    problems: Vec<Problem>,
    source: &'s Source,
}

impl<'s> Sheet<'s> {
    fn new(source: &'s Source, name: &str, cols: &'static [Col]) -> Sheet<'s> {
        Sheet {
            label: source.label(name),
            cols,
            idx: vec![None; cols.len()],
            width: 0,
            strict_width: source.is_csv(),
            problems: vec![],
            source,
        }
    }

    fn header(&mut self, row: &dyn Row) -> bool {
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
                self.problems.push(Problem::at(Level::Warning, &self.label, 1, &name, "", Kind::UnknownColumn));
                self.problems.last_mut().expect("just pushed").value = None;
            }
        }
        self.cols.iter().zip(&self.idx).all(|(c, i)| !c.required || i.is_some())
    }

    fn problem(&mut self, level: Level, row: u32, col: usize, value: &Value<'_>, kind: Kind) {
        self.problems.push(Problem::at(level, &self.label, row, self.cols[col].name, &value.display(), kind));
    }

    /// Reads the sheet: `f(self, row_number, cells)` per data row. Returns false when the sheet is
    /// missing or its header unusable.
    fn read(&mut self, name: &str, required: bool, f: &mut dyn FnMut(&mut Sheet<'s>, u32, Cells<'_>)) -> bool {
        self.read_part(name, required, None, f).is_some()
    }

    /// Like [`Sheet::read`], for one part of a split CSV file (its header is read first; the
    /// header's problems are reported by the first part only). `None` when the sheet is missing
    /// or its header unusable.
    fn read_part(
        &mut self,
        name: &str,
        required: bool,
        part: Option<&Part>,
        f: &mut dyn FnMut(&mut Sheet<'s>, u32, Cells<'_>),
    ) -> Option<ReadInfo> {
        let mut header_ok = None;
        let source = self.source;
        let later_part = part.is_some_and(|p| p.index > 0);
        let mut visit = |rowno: u32, row: &dyn Row| {
            match header_ok {
                None => {
                    header_ok = Some(self.header(row));
                    if later_part {
                        self.problems.clear();
                    }
                }
                Some(false) => {}
                Some(true) => {
                    if self.strict_width && row.len() < self.width {
                        let kind = Kind::ShortRow { found: row.len(), expected: self.width };
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
                    f(self, rowno, Cells { row, idx: &idx });
                    self.idx = idx;
                }
            }
        };
        let result = match part {
            Some(p) => source.read_part(name, p, &mut visit),
            None => source.read(name, &mut visit),
        };
        match result {
            Ok(None) => {
                let (level, kind) =
                    if required { (Level::Error, Kind::MissingSheet) } else { (Level::Warning, Kind::OptionalSheetMissing) };
                self.problems.push(Problem::sheet(level, &self.label, kind));
                None
            }
            Ok(Some(info)) => {
                if info.recoded {
                    self.problems.push(Problem::sheet(Level::Warning, &self.label, Kind::Encoding));
                }
                if header_ok.is_none() && required {
                    self.problems.push(Problem::sheet(Level::Error, &self.label, Kind::MissingSheet));
                }
                (header_ok == Some(true)).then_some(info)
            }
            Err(SourceError::Unreadable(why)) => {
                self.problems.push(Problem::sheet(Level::Error, &self.label, Kind::Unreadable(why)));
                None
            }
        }
    }
}

/// A data row with its column mapping.
struct Cells<'a> {
    row: &'a dyn Row,
    idx: &'a [Option<usize>],
}

impl Cells<'_> {
    fn get(&self, col: usize) -> Value<'_> {
        match self.idx[col] {
            Some(i) => self.row.get(i),
            None => Value::Empty,
        }
    }
    fn text(&self, col: usize) -> String {
        self.get(col).display().into_owned()
    }
    fn is_1904(&self) -> bool {
        self.row.is_1904()
    }
}

/// Checks the cell of `col` with `parse`; on failure records an error and returns `None`.
fn field<T>(
    sh: &mut Sheet<'_>,
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

fn required_text(sh: &mut Sheet<'_>, rowno: u32, cells: &Cells<'_>, col: usize) -> Option<String> {
    let t = cells.text(col);
    if t.is_empty() {
        sh.problem(Level::Error, rowno, col, &Value::Empty, Kind::Required);
        None
    } else {
        Some(t)
    }
}

fn choice<T: Copy>(
    sh: &mut Sheet<'_>,
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

struct UnorRow {
    row: u32,
    induk: String,
}

/// Imports a package from a folder of CSV files or an XLSX workbook.
pub fn import(path: &Path, opts: &ImportOptions) -> Imported {
    import_tracked(path, opts, Default::default())
}

/// Like [`import`], reporting reading progress.
pub fn import_tracked(path: &Path, opts: &ImportOptions, progress: std::sync::Arc<crate::lembar::Progress>) -> Imported {
    let source = match Source::open_tracked(path, progress) {
        Ok(s) => s,
        Err(SourceError::Unreadable(why)) => {
            return Imported {
                dataset: Dataset::default(),
                problems: vec![Problem::sheet(Level::Error, &path.display().to_string(), Kind::Unreadable(why))],
                counts: Counts::default(),
            };
        }
    };
    import_from(&source, opts)
}

/// Imports a package from an opened source.
pub fn import_from(source: &Source, opts: &ImportOptions) -> Imported {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    // Work for two threads: the organisation (unor, then pegawai) on one, the first part of
    // diklat on the other, then whichever job is left, largest first. A large quote-free
    // diklat.csv is read as two parts.
    let parallel = source.is_csv();
    let diklat_parts = if parallel { source.parts("diklat", 2) } else { None };
    let n_parts = diklat_parts.as_ref().map_or(1, Vec::len);
    let diklat_out: Mutex<Vec<Option<(Out<Diklat>, ReadInfo)>>> = Mutex::new((0..n_parts).map(|_| None).collect());
    let pendidikan_out = Mutex::new(None);
    let skp_out = Mutex::new(None);
    let hukdis_out = Mutex::new(None);
    #[derive(Clone, Copy)]
    enum Job {
        Diklat(usize),
        Pendidikan,
        Skp,
        Hukdis,
    }
    let run = |job: Job| match job {
        Job::Diklat(k) => {
            let out = read_diklat(source, opts, diklat_parts.as_ref().map(|p| &p[k]));
            diklat_out.lock().expect("no panics while holding")[k] = Some(out);
        }
        Job::Pendidikan => *pendidikan_out.lock().expect("no panics") = Some(read_pendidikan(source, opts)),
        Job::Skp => *skp_out.lock().expect("no panics") = Some(read_skp(source, opts)),
        Job::Hukdis => *hukdis_out.lock().expect("no panics") = Some(read_hukdis(source, opts)),
    };
    let mut queue: Vec<Job> = (1..n_parts).map(Job::Diklat).collect();
    queue.extend([Job::Skp, Job::Pendidikan, Job::Hukdis]);
    let next = AtomicUsize::new(0);
    let drain = || {
        while let Some(job) = queue.get(next.fetch_add(1, Ordering::Relaxed)) {
            run(*job);
        }
    };
    let org = || {
        let mut problems = vec![];
        let (unor, unor_ids) = read_unor(source, &mut problems);
        let (pegawai, nips) = read_pegawai(source, &unor_ids, opts, &mut problems);
        (unor, pegawai, nips, problems)
    };
    let (unor, pegawai, nips, mut problems) = if parallel {
        std::thread::scope(|s| {
            let other = s.spawn(|| {
                run(Job::Diklat(0));
                drain();
            });
            let o = org();
            drain();
            other.join().expect("a reader thread panicked");
            o
        })
    } else {
        // A workbook is read one sheet at a time.
        let o = org();
        run(Job::Diklat(0));
        drain();
        o
    };
    let diklat = join_parts(source, opts, diklat_out.into_inner().expect("no panics"));
    let pendidikan: Out<Pendidikan> = pendidikan_out.into_inner().expect("no panics").expect("job ran");
    let skp: Out<Skp> = skp_out.into_inner().expect("no panics").expect("job ran");
    let hukdis: Out<Hukdis> = hukdis_out.into_inner().expect("no panics").expect("job ran");
    let n = pegawai.len();
    let counts = Counts {
        unor: unor.len(),
        pegawai: n,
        pendidikan: pendidikan.records.len(),
        diklat: diklat.records.len(),
        skp: skp.records.len(),
        hukdis: hukdis.records.len(),
    };
    // Group by person: diklat on one thread, the rest on this one.
    let ((diklat, p_d), (pendidikan, p_p), (skp, p_s), (hukdis, p_h)) = std::thread::scope(|s| {
        let d = s.spawn(|| group(n, diklat, &nips, &source.label("diklat"), |r: &Diklat| r.src.row));
        let rest = (
            group(n, pendidikan, &nips, &source.label("pendidikan"), |r: &Pendidikan| r.src.row),
            group(n, skp, &nips, &source.label("skp"), |r: &Skp| r.src.row),
            group(n, hukdis, &nips, &source.label("hukdis"), |r: &Hukdis| r.src.row),
        );
        (d.join().expect("grouping diklat panicked"), rest.0, rest.1, rest.2)
    });
    for mut p in [p_p, p_d, p_s, p_h] {
        problems.append(&mut p);
    }
    let skp = skp_duplicates(n, skp, &source.label("skp"), &mut problems);
    let dataset = Dataset { unor, pegawai, pendidikan, diklat, skp, hukdis };
    // Sheet order, then row; a sheet's own problems (no row) first. The sort is stable.
    let order = |p: &Problem| {
        SHEETS.iter().position(|s| p.sheet == source.label(s) || name_key(&p.sheet) == name_key(s)).unwrap_or(SHEETS.len())
    };
    problems.sort_by_key(|p| (order(p), p.row.unwrap_or(0)));
    Imported { dataset, problems, counts }
}

/// Joins the parts of diklat: later parts' rows are shifted by the rows before them. If any
/// part met a quote (a record might then straddle a boundary), the sheet is read again whole.
fn join_parts(source: &Source, opts: &ImportOptions, parts: Vec<Option<(Out<Diklat>, ReadInfo)>>) -> Out<Diklat> {
    let parts: Vec<(Out<Diklat>, ReadInfo)> = parts.into_iter().flatten().collect();
    if parts.len() == 1 || parts.iter().any(|(_, i)| i.saw_quote) {
        if parts.len() == 1 {
            return parts.into_iter().next().expect("one part").0;
        }
        return read_diklat(source, opts, None).0;
    }
    let mut iter = parts.into_iter();
    let (mut all, first) = iter.next().expect("several parts");
    let mut offset = first.last_row;
    for (mut out, info) in iter {
        for r in &mut out.records {
            r.src.row += offset;
        }
        for p in &mut out.problems {
            if let Some(r) = &mut p.row {
                *r += offset;
            }
        }
        // A sheet-level problem (e.g. the encoding warning) is said once.
        out.problems.retain(|p| p.row.is_some() || !all.problems.contains(p));
        all.append(out);
        offset += info.last_row;
    }
    all
}

/// A riwayat sheet as read: each record's NIP (as a number) beside the record, and the
/// sheet's problems.
struct Out<T> {
    nips: Vec<u64>,
    records: Vec<T>,
    names: Vec<Box<str>>,
    problems: Vec<Problem>,
}

impl<T> Out<T> {
    fn with_capacity(n: usize) -> Out<T> {
        Out { nips: Vec::with_capacity(n), records: Vec::with_capacity(n), names: vec![], problems: vec![] }
    }

    /// Appends the records of a later part of the same sheet.
    fn append(&mut self, mut other: Out<T>) {
        self.nips.append(&mut other.nips);
        self.records.append(&mut other.records);
        self.names.append(&mut other.names);
        self.problems.append(&mut other.problems);
    }

    /// Adds a record; its name is kept when `name` is given.
    fn push(&mut self, nip: u64, rec: T, name: Option<Box<str>>) {
        self.nips.push(nip);
        self.records.push(rec);
        if let Some(n) = name {
            self.names.push(n);
        }
    }
}

/// Groups a sheet's records by person; reports NIPs not in `pegawai`. `row_of` gives a
/// record's row for the message.
fn group<T>(n: usize, out: Out<T>, nips: &Nips, label: &str, row_of: impl Fn(&T) -> u32) -> (Grouped<T>, Vec<Problem>) {
    let Out { nips: keys, records, names, mut problems } = out;
    let mut persons = Vec::with_capacity(keys.len());
    // Rows of one person usually follow each other: remember the last NIP looked up.
    let mut last: Option<(u64, u32)> = None;
    for (k, nip) in keys.iter().enumerate() {
        let person = match last {
            Some((l, p)) if l == *nip => p,
            _ => {
                let p = match nips.kept.get(nip) {
                    Some(&p) => p,
                    None => {
                        if !nips.refused.contains_key(nip) {
                            let row = row_of(&records[k]);
                            problems.push(Problem::at(Level::Error, label, row, "nip", &format!("{nip:018}"), Kind::NipUnknown));
                        }
                        u32::MAX
                    }
                };
                last = Some((*nip, p));
                p
            }
        };
        persons.push(person);
    }
    drop(keys);
    (Grouped::build_named(n, persons, records, names), problems)
}

/// One SKP per person and year: a second one is an error naming the first row, and is dropped.
fn skp_duplicates(n: usize, skp: Grouped<Skp>, label: &str, problems: &mut Vec<Problem>) -> Grouped<Skp> {
    let mut dup = false;
    for i in 0..n {
        let mine = skp.of(i);
        for (k, s) in mine.iter().enumerate() {
            if let Some(first) = mine[..k].iter().find(|f| f.tahun == s.tahun) {
                problems.push(Problem::at(
                    Level::Error,
                    label,
                    s.src.row,
                    "tahun",
                    &s.tahun.to_string(),
                    Kind::SkpDuplicate { first_row: first.src.row },
                ));
                dup = true;
            }
        }
    }
    if !dup {
        return skp;
    }
    // The import has failed anyway; keep the first of each year so the data stays consistent.
    let mut persons = vec![];
    let mut records = vec![];
    for i in 0..n {
        let mine = skp.of(i);
        for (k, s) in mine.iter().enumerate() {
            if !mine[..k].iter().any(|f| f.tahun == s.tahun) {
                persons.push(i as u32);
                records.push(s.clone());
            }
        }
    }
    Grouped::build(n, persons, records)
}

fn read_unor(source: &Source, problems: &mut Vec<Problem>) -> (Vec<Unor>, HashMap<String, u32>) {
    let mut sh = Sheet::new(source, "unor", UNOR);
    let mut units: Vec<Unor> = vec![];
    let mut rows: Vec<UnorRow> = vec![];
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut first_row: HashMap<String, u32> = HashMap::new();
    sh.read("unor", true, &mut |sh, rowno, c| {
        let Some(id) = required_text(sh, rowno, &c, 0) else { return };
        let nama = required_text(sh, rowno, &c, 1).unwrap_or_default();
        if let Some(first) = first_row.get(&id) {
            sh.problem(Level::Error, rowno, 0, &c.get(0), Kind::Duplicate { first_row: *first });
            return;
        }
        first_row.insert(id.clone(), rowno);
        ids.insert(id.clone(), units.len() as u32);
        units.push(Unor {
            id,
            nama,
            induk: None,
            instansi_id: c.text(3),
            nama_instansi: c.text(4),
            kode_wilayah: c.text(5),
        });
        rows.push(UnorRow { row: rowno, induk: c.text(2) });
    });
    // Parents.
    for (i, r) in rows.iter().enumerate() {
        if r.induk.is_empty() {
            continue;
        }
        match ids.get(&r.induk) {
            Some(&p) if p as usize != i => units[i].induk = Some(p),
            Some(_) => sh.problems.push(Problem::at(
                Level::Error,
                &sh.label,
                r.row,
                "induk_unor_id",
                &r.induk,
                Kind::UnorCycle(vec![units[i].id.clone(), units[i].id.clone()]),
            )),
            None => sh.problems.push(Problem::at(Level::Error, &sh.label, r.row, "induk_unor_id", &r.induk, Kind::UnorUnknown)),
        }
    }
    // Loops: walk up from every unit; a walk that meets itself is a loop, reported once.
    let mut state = vec![0u8; units.len()]; // 0 new, 1 on the current path, 2 done
    for start in 0..units.len() {
        let mut path = vec![];
        let mut cur = Some(start);
        while let Some(u) = cur {
            match state[u] {
                2 => break,
                1 => {
                    let at = path.iter().position(|&x| x == u).expect("on path");
                    let mut names: Vec<String> = path[at..].iter().map(|&x: &usize| units[x].id.clone()).collect();
                    names.push(units[u].id.clone());
                    let first = path[at..].iter().min_by_key(|&&x| rows[x].row).copied().expect("non-empty");
                    sh.problems.push(Problem::at(
                        Level::Error,
                        &sh.label,
                        rows[first].row,
                        "induk_unor_id",
                        &rows[first].induk,
                        Kind::UnorCycle(names),
                    ));
                    break;
                }
                _ => {
                    state[u] = 1;
                    path.push(u);
                    cur = units[u].induk.map(|p| p as usize);
                }
            }
        }
        for u in path {
            state[u] = 2;
        }
    }
    problems.append(&mut sh.problems);
    (units, ids)
}

fn read_pegawai(
    source: &Source,
    unor_ids: &HashMap<String, u32>,
    opts: &ImportOptions,
    problems: &mut Vec<Problem>,
) -> (Vec<Pegawai>, Nips) {
    let mut sh = Sheet::new(source, "pegawai", PEGAWAI);
    let mut people: Vec<Pegawai> = Vec::with_capacity(source.estimate_rows("pegawai"));
    let mut nips = Nips::default();
    nips.kept.reserve(people.capacity());
    let mut rows: Vec<u32> = vec![];
    let (mut m_status, mut m_jenis, mut m_jenjang) = (Memo::new(), Memo::new(), Memo::new());
    let (mut m_kelamin, mut m_golongan) = (Memo::new(), Memo::new());
    let (mut i_jabatan, mut i_golongan) = (Intern::new(), Intern::new());
    sh.read("pegawai", true, &mut |sh, rowno, c| {
        let nip = field(sh, rowno, &c, 0, |v| nilai::nip(v, opts.today));
        let nama = required_text(sh, rowno, &c, 1);
        let jk_v = c.get(2);
        let jenis_kelamin = if jk_v.is_blank() {
            None
        } else {
            let r = m_kelamin.get(&jk_v.display(), JenisKelamin::parse);
            if r.is_none() {
                sh.problem(Level::Error, rowno, 2, &jk_v, Kind::Choice(KELAMIN));
            }
            r
        };
        let tanggal_lahir = field(sh, rowno, &c, 3, |v| nilai::tanggal(v, c.is_1904())).flatten();
        let status = choice(sh, rowno, &c, 4, STATUS, &mut m_status, StatusKepegawaian::parse);
        let jenis = choice(sh, rowno, &c, 5, JENIS_JABATAN, &mut m_jenis, JenisJabatan::parse);
        let jenjang = choice(sh, rowno, &c, 6, JENJANG, &mut m_jenjang, Jenjang::parse);
        let unor_cell = c.get(8);
        let unor_text = unor_cell.display();
        let unor = if unor_text.is_empty() {
            sh.problem(Level::Error, rowno, 8, &Value::Empty, Kind::Required);
            None
        } else {
            let u = unor_ids.get(unor_text.as_ref()).copied();
            if u.is_none() {
                sh.problem(Level::Error, rowno, 8, &c.get(8), Kind::UnorUnknown);
            }
            u
        };
        let golongan_cell = c.get(9);
        let golongan = golongan_cell.display();
        if !golongan.is_empty() && m_golongan.get(&golongan, |g| golongan_ok(g).then_some(())).is_none() {
            sh.problem(Level::Warning, rowno, 9, &c.get(9), Kind::Choice(GOLONGAN));
        }
        if let (Some(j), Some(g)) = (jenis, jenjang) {
            if !g.fits(j) {
                sh.problem(Level::Error, rowno, 6, &c.get(6), Kind::JenjangMismatch { jenis: j.name().into() });
            }
        }
        let Some(nip) = nip else { return };
        // Consistency with the NIP: warnings.
        if let Some(jk) = jenis_kelamin {
            let digit = nilai::nip_sex_digit(nip);
            if (jk == JenisKelamin::L) != (digit == 1) {
                sh.problem(Level::Warning, rowno, 2, &jk_v, Kind::GenderMismatch);
            }
        }
        if let Some(tl) = tanggal_lahir {
            if nilai::nip_birth_date(nip) != Some(tl) {
                sh.problem(Level::Warning, rowno, 3, &c.get(3), Kind::BirthDateMismatch);
            }
        }
        let refused = |r: &NipMap| if r.is_empty() { None } else { r.get(&nip.0).copied() };
        let valid = (nama, status, jenis, jenjang, unor);
        let (Some(nama), Some(status), Some(jenis), Some(jenjang), Some(unor)) = valid else {
            match nips.kept.get(&nip.0).map(|&i| rows[i as usize]).or_else(|| refused(&nips.refused)) {
                Some(first_row) => sh.problem(Level::Error, rowno, 0, &c.get(0), Kind::Duplicate { first_row }),
                None => {
                    nips.refused.insert(nip.0, rowno);
                }
            }
            return;
        };
        // One probe of the NIP map for the duplicate check and the insert.
        let next = people.len() as u32;
        let first = match nips.kept.entry(nip.0) {
            std::collections::hash_map::Entry::Occupied(e) => Some(rows[*e.get() as usize]),
            std::collections::hash_map::Entry::Vacant(v) => match refused(&nips.refused) {
                Some(r) => Some(r),
                None => {
                    v.insert(next);
                    None
                }
            },
        };
        if let Some(first_row) = first {
            sh.problem(Level::Error, rowno, 0, &c.get(0), Kind::Duplicate { first_row });
            return;
        }
        rows.push(rowno);
        people.push(Pegawai {
            nip,
            nama: nama.into_boxed_str(),
            jenis_kelamin,
            tanggal_lahir,
            status,
            jenis_jabatan: jenis,
            jenjang,
            nama_jabatan: i_jabatan.get(&c.get(7).display()),
            unor,
            golongan: i_golongan.get(&golongan),
        });
    });
    problems.append(&mut sh.problems);
    (people, nips)
}

fn golongan_ok(g: &str) -> bool {
    let g = g.trim().to_ascii_uppercase().replace(' ', "");
    if let Some((ruang, huruf)) = g.split_once('/') {
        let max = match ruang {
            "I" | "II" | "III" => 'D',
            "IV" => 'E',
            _ => return false,
        };
        return huruf.len() == 1 && huruf.chars().all(|c| ('A'..=max).contains(&c));
    }
    const PPPK: [&str; 17] =
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"];
    PPPK.contains(&g.as_str())
}

/// The NIP of a riwayat row as a number, or a recorded error. A person's rows usually follow
/// each other, so the last NIP text and its number are remembered.
fn row_nip(sh: &mut Sheet<'_>, rowno: u32, c: &Cells<'_>, opts: &ImportOptions, last: &mut (String, u64)) -> Option<u64> {
    if let Value::Text(t) = c.get(0) {
        if !last.0.is_empty() && t == last.0 {
            return Some(last.1);
        }
    }
    let n = field(sh, rowno, c, 0, |v| nilai::nip(v, opts.today)).map(|n| n.0)?;
    if let Value::Text(t) = c.get(0) {
        last.0.clear();
        last.0.push_str(t);
        last.1 = n;
    }
    Some(n)
}

/// A warning when a record is dated after T.
fn after_cutoff(sh: &mut Sheet<'_>, rowno: u32, c: &Cells<'_>, col: usize, d: Option<Tanggal>, opts: &ImportOptions) {
    if let (Some(t), Some(d)) = (opts.cutoff, d) {
        if d > t {
            sh.problem(Level::Warning, rowno, col, &c.get(col), Kind::AfterCutoff(t.to_string()));
        }
    }
}

/// A name cell, kept only when the options say so.
fn name(c: &Cells<'_>, col: usize, opts: &ImportOptions) -> Option<Box<str>> {
    opts.keep_names.then(|| c.text(col).into_boxed_str())
}

fn read_pendidikan(source: &Source, opts: &ImportOptions) -> Out<Pendidikan> {
    let mut sh = Sheet::new(source, "pendidikan", PENDIDIKAN);
    let mut out = Out::with_capacity(source.estimate_rows("pendidikan"));
    let mut last_nip = (String::new(), 0u64);
    let mut m_tingkat = Memo::new();
    sh.read("pendidikan", false, &mut |sh, rowno, c| {
        let nip = row_nip(sh, rowno, &c, opts, &mut last_nip);
        let tingkat = choice(sh, rowno, &c, 1, TINGKAT_PENDIDIKAN, &mut m_tingkat, TingkatPendidikan::parse);
        let tahun_lulus = field(sh, rowno, &c, 3, nilai::tahun).flatten();
        let tanggal_lulus = field(sh, rowno, &c, 4, |v| nilai::tanggal(v, c.is_1904())).flatten();
        let diakui = field(sh, rowno, &c, 5, nilai::ya_tidak).flatten().unwrap_or(true);
        if tahun_lulus.is_none() && tanggal_lulus.is_none() && c.idx[3].is_some() {
            sh.problem(Level::Warning, rowno, 3, &Value::Empty, Kind::Required);
        }
        let (Some(nip), Some(tingkat)) = (nip, tingkat) else { return };
        let rec = Pendidikan {
            tingkat,
            tahun_lulus,
            tanggal_lulus,
            diakui,
            src: RecordRef { sheet: ipasn_core::model::Sheet::Pendidikan, row: rowno },
        };
        after_cutoff(sh, rowno, &c, if tanggal_lulus.is_some() { 4 } else { 3 }, rec.lulus(), opts);
        out.push(nip, rec, name(&c, 2, opts));
    });
    out.problems = sh.problems;
    out
}

fn read_diklat(source: &Source, opts: &ImportOptions, part: Option<&Part>) -> (Out<Diklat>, ReadInfo) {
    let mut sh = Sheet::new(source, "diklat", DIKLAT);
    // The first part reserves room for the whole sheet, so that later parts append without
    // moving it (reserved but unwritten memory costs nothing).
    let mut out = Out::with_capacity(source.estimate_rows_of("diklat", part.filter(|p| p.index > 0)));
    let mut last_nip = (String::new(), 0u64);
    let max_jp = Decimal::from_int(10_000);
    let mut m_jenis = Memo::new();
    let info = sh.read_part("diklat", false, part, &mut |sh, rowno, c| {
        let nip = row_nip(sh, rowno, &c, opts, &mut last_nip);
        let jenis = choice(sh, rowno, &c, 1, JENIS_DIKLAT, &mut m_jenis, JenisDiklat::parse);
        let mulai = field(sh, rowno, &c, 3, |v| nilai::tanggal(v, c.is_1904())).flatten();
        let selesai = field(sh, rowno, &c, 4, |v| nilai::tanggal(v, c.is_1904())).flatten();
        let jam = field(sh, rowno, &c, 5, |v| {
            let x = nilai::angka(v)?.unwrap_or(Decimal::ZERO);
            if x < Decimal::ZERO || x > max_jp {
                return Err(Kind::Range { min: "0".into(), max: max_jp.to_string() });
            }
            Ok(x)
        });
        if let (Some(m), Some(s)) = (mulai, selesai) {
            if s < m {
                sh.problem(Level::Error, rowno, 4, &c.get(4), Kind::EndBeforeStart);
                return;
            }
        }
        if c.get(3).is_blank() && c.get(4).is_blank() {
            sh.problem(Level::Warning, rowno, 4, &Value::Empty, Kind::Required);
        }
        let (Some(nip), Some(jenis), Some(jam)) = (nip, jenis, jam) else { return };
        let rec = Diklat {
            jenis,
            mulai,
            selesai,
            jam,
            src: RecordRef { sheet: ipasn_core::model::Sheet::Diklat, row: rowno },
        };
        after_cutoff(sh, rowno, &c, if selesai.is_some() { 4 } else { 3 }, rec.tanggal(), opts);
        out.push(nip, rec, name(&c, 2, opts));
    });
    out.problems = sh.problems;
    (out, info.unwrap_or_default())
}

fn read_skp(source: &Source, opts: &ImportOptions) -> Out<Skp> {
    let mut sh = Sheet::new(source, "skp", SKP);
    let mut out = Out::with_capacity(source.estimate_rows("skp"));
    let mut last_nip = (String::new(), 0u64);
    let hundred = Decimal::from_int(100);
    let mut m_predikat = Memo::new();
    sh.read("skp", false, &mut |sh, rowno, c| {
        let nip = row_nip(sh, rowno, &c, opts, &mut last_nip);
        let tahun = field(sh, rowno, &c, 1, nilai::tahun).flatten();
        if tahun.is_none() && c.get(1).is_blank() {
            sh.problem(Level::Error, rowno, 1, &Value::Empty, Kind::Required);
        }
        let nilai_v = field(sh, rowno, &c, 2, |v| {
            let x = nilai::angka(v)?;
            if x.is_some_and(|x| x < Decimal::ZERO || x > hundred) {
                return Err(Kind::Range { min: "0".into(), max: "100".into() });
            }
            Ok(x)
        });
        let pred_v = c.get(3);
        let predikat = if pred_v.is_blank() {
            Some(None)
        } else {
            let p = m_predikat.get(&pred_v.display(), Predikat::parse);
            if p.is_none() {
                sh.problem(Level::Error, rowno, 3, &pred_v, Kind::Choice(PREDIKAT));
                None
            } else {
                Some(p)
            }
        };
        if let (Some(None), Some(None)) = (nilai_v, predikat) {
            sh.problem(Level::Error, rowno, 2, &Value::Empty, Kind::SkpEmpty);
            return;
        }
        let (Some(nip), Some(tahun), Some(nilai_v), Some(predikat)) = (nip, tahun, nilai_v, predikat) else { return };
        out.push(
            nip,
            Skp { tahun, nilai: nilai_v, predikat, src: RecordRef { sheet: ipasn_core::model::Sheet::Skp, row: rowno } },
            None,
        );
    });
    out.problems = sh.problems;
    out
}

fn read_hukdis(source: &Source, opts: &ImportOptions) -> Out<Hukdis> {
    let mut sh = Sheet::new(source, "hukdis", HUKDIS);
    let mut out = Out::with_capacity(source.estimate_rows("hukdis"));
    let mut last_nip = (String::new(), 0u64);
    let mut m_tingkat = Memo::new();
    sh.read("hukdis", false, &mut |sh, rowno, c| {
        let nip = row_nip(sh, rowno, &c, opts, &mut last_nip);
        let jenis = c.text(2);
        let tingkat_v = c.get(1);
        // The level, or the punishment's name in the level column or in jenis_hukuman.
        let tingkat = if tingkat_v.is_blank() && !jenis.is_empty() {
            let t = TingkatHukdis::parse_name(&jenis);
            if t.is_none() {
                sh.problem(Level::Error, rowno, 2, &c.get(2), Kind::Choice(TINGKAT_HUKDIS));
            }
            t
        } else {
            choice(sh, rowno, &c, 1, TINGKAT_HUKDIS, &mut m_tingkat, TingkatHukdis::parse_name)
        };
        let tmt = field(sh, rowno, &c, 3, |v| nilai::tanggal(v, c.is_1904()));
        if let Some(None) = tmt {
            sh.problem(Level::Error, rowno, 3, &Value::Empty, Kind::Required);
        }
        let akhir = field(sh, rowno, &c, 4, |v| nilai::tanggal(v, c.is_1904())).flatten();
        let dibatalkan = field(sh, rowno, &c, 5, nilai::ya_tidak).flatten().unwrap_or(false);
        let Some(Some(tmt)) = tmt else { return };
        if akhir.is_some_and(|a| a < tmt) {
            sh.problem(Level::Error, rowno, 4, &c.get(4), Kind::EndBeforeStart);
            return;
        }
        let (Some(nip), Some(tingkat)) = (nip, tingkat) else { return };
        after_cutoff(sh, rowno, &c, 3, Some(tmt), opts);
        out.push(
            nip,
            Hukdis {
                tingkat,
                tmt: Some(tmt),
                akhir,
                dibatalkan,
                src: RecordRef { sheet: ipasn_core::model::Sheet::Hukdis, row: rowno },
            },
            opts.keep_names.then(|| jenis.into_boxed_str()),
        );
    });
    out.problems = sh.problems;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golongan_forms() {
        for g in ["III/a", "iv/e", "II/d", "I/a", "IX", "XVII", "III / b"] {
            assert!(golongan_ok(g), "{g}");
        }
        for g in ["III/e", "V/a", "XVIII", "3a"] {
            assert!(!golongan_ok(g), "{g}");
        }
    }
}
