//! Importing a data package (paket data, `shared/spec/data.md`): six sheets of one XLSX workbook
//! or six CSV files of a folder, validated row by row into a [`Dataset`].
//!
//! Every problem of the package is collected in one pass (sheet, row as the spreadsheet shows
//! it, column, value, what is wrong and how to fix it). Errors make the package unusable as a
//! whole — the caller writes nothing; warnings are reported and the import goes on.
//!
//! With a folder of CSV files the riwayat sheets are read on two threads.

use crate::lembar::{Row, Source, SourceError, Value, name_key};
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

/// A fast hasher for NIP keys (already well-spread 18-digit numbers).
#[derive(Default)]
struct NipHasher(u64);

impl Hasher for NipHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ *b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        self.0 ^= self.0 >> 32;
    }
}

type NipMap = HashMap<u64, u32, BuildHasherDefault<NipHasher>>;

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
            strict_width: matches!(source, Source::CsvDir(_)),
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
        let mut header_ok = None;
        let source = self.source;
        let result = source.read(name, &mut |rowno, row| {
            match header_ok {
                None => header_ok = Some(self.header(row)),
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
        });
        match result {
            Ok(None) => {
                let (level, kind) =
                    if required { (Level::Error, Kind::MissingSheet) } else { (Level::Warning, Kind::OptionalSheetMissing) };
                self.problems.push(Problem::sheet(level, &self.label, kind));
                false
            }
            Ok(Some(info)) => {
                if info.recoded {
                    self.problems.push(Problem::sheet(Level::Warning, &self.label, Kind::Encoding));
                }
                if header_ok.is_none() && required {
                    self.problems.push(Problem::sheet(Level::Error, &self.label, Kind::MissingSheet));
                }
                header_ok == Some(true)
            }
            Err(SourceError::Unreadable(why)) => {
                self.problems.push(Problem::sheet(Level::Error, &self.label, Kind::Unreadable(why)));
                false
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

fn choice<T>(
    sh: &mut Sheet<'_>,
    rowno: u32,
    cells: &Cells<'_>,
    col: usize,
    allowed: &'static [&'static str],
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let v = cells.get(col);
    let text = v.display();
    if text.is_empty() {
        sh.problem(Level::Error, rowno, col, &v, Kind::Required);
        return None;
    }
    let r = parse(&text);
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
    let source = match Source::open(path) {
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
    let mut problems = vec![];
    let (unor, unor_ids) = read_unor(source, &mut problems);
    let (pegawai, nips) = read_pegawai(source, &unor_ids, opts, &mut problems);
    let n = pegawai.len();
    let ctx = Riwayat { nips: &nips, opts, persons: n };

    let parallel = matches!(source, Source::CsvDir(_));
    let (diklat, (pendidikan, skp, hukdis)) = if parallel {
        std::thread::scope(|s| {
            let d = s.spawn(|| read_diklat(source, &ctx));
            let rest = (read_pendidikan(source, &ctx), read_skp(source, &ctx), read_hukdis(source, &ctx));
            (d.join().expect("diklat reader panicked"), rest)
        })
    } else {
        (read_diklat(source, &ctx), (read_pendidikan(source, &ctx), read_skp(source, &ctx), read_hukdis(source, &ctx)))
    };
    let counts = Counts {
        unor: unor.len(),
        pegawai: n,
        pendidikan: pendidikan.0.len(),
        diklat: diklat.0.len(),
        skp: skp.0.len(),
        hukdis: hukdis.0.len(),
    };
    for p in [pendidikan.1.as_slice(), diklat.1.as_slice(), skp.1.as_slice(), hukdis.1.as_slice()] {
        problems.extend_from_slice(p);
    }
    let dataset = Dataset {
        unor,
        pegawai,
        pendidikan: Grouped::build(n, pendidikan.0),
        diklat: Grouped::build(n, diklat.0),
        skp: Grouped::build(n, skp.0),
        hukdis: Grouped::build(n, hukdis.0),
    };
    // Sheet order, then row; a sheet's own problems (no row) first. The sort is stable.
    let order = |p: &Problem| {
        SHEETS.iter().position(|s| p.sheet == source.label(s) || name_key(&p.sheet) == name_key(s)).unwrap_or(SHEETS.len())
    };
    problems.sort_by_key(|p| (order(p), p.row.unwrap_or(0)));
    Imported { dataset, problems, counts }
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
    let mut people: Vec<Pegawai> = vec![];
    let mut nips = Nips::default();
    let mut first_row: NipMap = NipMap::default();
    sh.read("pegawai", true, &mut |sh, rowno, c| {
        let nip = field(sh, rowno, &c, 0, |v| nilai::nip(v, opts.today));
        let nama = required_text(sh, rowno, &c, 1);
        let jk_v = c.get(2);
        let jenis_kelamin = if jk_v.is_blank() {
            None
        } else {
            let r = JenisKelamin::parse(&jk_v.display());
            if r.is_none() {
                sh.problem(Level::Error, rowno, 2, &jk_v, Kind::Choice(KELAMIN));
            }
            r
        };
        let tanggal_lahir = field(sh, rowno, &c, 3, |v| nilai::tanggal(v, c.is_1904())).flatten();
        let status = choice(sh, rowno, &c, 4, STATUS, StatusKepegawaian::parse);
        let jenis = choice(sh, rowno, &c, 5, JENIS_JABATAN, JenisJabatan::parse);
        let jenjang = choice(sh, rowno, &c, 6, JENJANG, Jenjang::parse);
        let unor_text = c.text(8);
        let unor = if unor_text.is_empty() {
            sh.problem(Level::Error, rowno, 8, &Value::Empty, Kind::Required);
            None
        } else {
            let u = unor_ids.get(&unor_text).copied();
            if u.is_none() {
                sh.problem(Level::Error, rowno, 8, &c.get(8), Kind::UnorUnknown);
            }
            u
        };
        let golongan = c.text(9);
        if !golongan.is_empty() && !golongan_ok(&golongan) {
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
        if let Some(first) = first_row.get(&nip.0) {
            sh.problem(Level::Error, rowno, 0, &c.get(0), Kind::Duplicate { first_row: *first });
            return;
        }
        first_row.insert(nip.0, rowno);
        let (Some(nama), Some(status), Some(jenis), Some(jenjang), Some(unor)) = (nama, status, jenis, jenjang, unor) else {
            nips.refused.insert(nip.0, rowno);
            return;
        };
        nips.kept.insert(nip.0, people.len() as u32);
        people.push(Pegawai {
            nip,
            nama,
            jenis_kelamin,
            tanggal_lahir,
            status,
            jenis_jabatan: jenis,
            jenjang,
            nama_jabatan: c.text(7),
            unor,
            golongan,
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

/// What the riwayat readers share.
struct Riwayat<'a> {
    nips: &'a Nips,
    opts: &'a ImportOptions,
    persons: usize,
}

impl Riwayat<'_> {
    /// The person index of the row's NIP, or a recorded error.
    fn person(&self, sh: &mut Sheet<'_>, rowno: u32, c: &Cells<'_>) -> Option<u32> {
        let nip = field(sh, rowno, c, 0, |v| nilai::nip(v, self.opts.today))?;
        let p = self.nips.kept.get(&nip.0).copied();
        if p.is_none() && !self.nips.refused.contains_key(&nip.0) {
            sh.problem(Level::Error, rowno, 0, &c.get(0), Kind::NipUnknown);
        }
        p
    }

    fn after_cutoff(&self, sh: &mut Sheet<'_>, rowno: u32, c: &Cells<'_>, col: usize, d: Option<Tanggal>) {
        if let (Some(t), Some(d)) = (self.opts.cutoff, d) {
            if d > t {
                sh.problem(Level::Warning, rowno, col, &c.get(col), Kind::AfterCutoff(t.to_string()));
            }
        }
    }
}

type Out<T> = (Vec<(u32, T)>, Vec<Problem>);

fn read_pendidikan(source: &Source, ctx: &Riwayat<'_>) -> Out<Pendidikan> {
    let mut sh = Sheet::new(source, "pendidikan", PENDIDIKAN);
    let mut out = Vec::with_capacity(ctx.persons * 3 / 2);
    sh.read("pendidikan", false, &mut |sh, rowno, c| {
        let person = ctx.person(sh, rowno, &c);
        let tingkat = choice(sh, rowno, &c, 1, TINGKAT_PENDIDIKAN, TingkatPendidikan::parse);
        let tahun_lulus = field(sh, rowno, &c, 3, nilai::tahun).flatten();
        let tanggal_lulus = field(sh, rowno, &c, 4, |v| nilai::tanggal(v, c.is_1904())).flatten();
        let diakui = field(sh, rowno, &c, 5, nilai::ya_tidak).flatten().unwrap_or(true);
        if tahun_lulus.is_none() && tanggal_lulus.is_none() && c.idx[3].is_some() {
            sh.problem(Level::Warning, rowno, 3, &Value::Empty, Kind::Required);
        }
        let (Some(person), Some(tingkat)) = (person, tingkat) else { return };
        let rec = Pendidikan {
            tingkat,
            nama: c.text(2),
            tahun_lulus,
            tanggal_lulus,
            diakui,
            src: RecordRef { sheet: ipasn_core::model::Sheet::Pendidikan, row: rowno },
        };
        let col = if tanggal_lulus.is_some() { 4 } else { 3 };
        ctx.after_cutoff(sh, rowno, &c, col, rec.lulus());
        out.push((person, rec));
    });
    (out, sh.problems)
}

fn read_diklat(source: &Source, ctx: &Riwayat<'_>) -> Out<Diklat> {
    let mut sh = Sheet::new(source, "diklat", DIKLAT);
    let mut out = Vec::with_capacity(ctx.persons * 4);
    let max_jp = Decimal::from_int(10_000);
    sh.read("diklat", false, &mut |sh, rowno, c| {
        let person = ctx.person(sh, rowno, &c);
        let jenis = choice(sh, rowno, &c, 1, JENIS_DIKLAT, JenisDiklat::parse);
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
        let (Some(person), Some(jenis), Some(jam)) = (person, jenis, jam) else { return };
        let rec = Diklat {
            jenis,
            nama: c.text(2),
            mulai,
            selesai,
            jam,
            src: RecordRef { sheet: ipasn_core::model::Sheet::Diklat, row: rowno },
        };
        ctx.after_cutoff(sh, rowno, &c, if selesai.is_some() { 4 } else { 3 }, rec.tanggal());
        out.push((person, rec));
    });
    (out, sh.problems)
}

fn read_skp(source: &Source, ctx: &Riwayat<'_>) -> Out<Skp> {
    let mut sh = Sheet::new(source, "skp", SKP);
    let mut out = Vec::with_capacity(ctx.persons * 2);
    let mut seen: HashMap<(u32, i32), u32> = HashMap::new();
    let hundred = Decimal::from_int(100);
    sh.read("skp", false, &mut |sh, rowno, c| {
        let person = ctx.person(sh, rowno, &c);
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
            let p = Predikat::parse(&pred_v.display());
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
        let (Some(person), Some(tahun), Some(nilai_v), Some(predikat)) = (person, tahun, nilai_v, predikat) else { return };
        if let Some(first) = seen.insert((person, tahun), rowno) {
            seen.insert((person, tahun), first);
            sh.problem(Level::Error, rowno, 1, &c.get(1), Kind::SkpDuplicate { first_row: first });
            return;
        }
        out.push((
            person,
            Skp { tahun, nilai: nilai_v, predikat, src: RecordRef { sheet: ipasn_core::model::Sheet::Skp, row: rowno } },
        ));
    });
    (out, sh.problems)
}

fn read_hukdis(source: &Source, ctx: &Riwayat<'_>) -> Out<Hukdis> {
    let mut sh = Sheet::new(source, "hukdis", HUKDIS);
    let mut out = vec![];
    sh.read("hukdis", false, &mut |sh, rowno, c| {
        let person = ctx.person(sh, rowno, &c);
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
            choice(sh, rowno, &c, 1, TINGKAT_HUKDIS, TingkatHukdis::parse_name)
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
        let (Some(person), Some(tingkat)) = (person, tingkat) else { return };
        ctx.after_cutoff(sh, rowno, &c, 3, Some(tmt));
        out.push((
            person,
            Hukdis {
                tingkat,
                jenis,
                tmt: Some(tmt),
                akhir,
                dibatalkan,
                src: RecordRef { sheet: ipasn_core::model::Sheet::Hukdis, row: rowno },
            },
        ));
    });
    (out, sh.problems)
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
