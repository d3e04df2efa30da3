//! Importing a data package (paket data, `shared/spec/data.md`): six sheets of one XLSX workbook
//! or six CSV files of a folder, validated row by row into a [`Dataset`].
//!
//! Every problem of the package is collected in one pass (sheet, row as the spreadsheet shows
//! it, column, value, what is wrong and how to fix it). Errors make the package unusable as a
//! whole — the caller writes nothing; warnings are reported and the import goes on.
//!
//! With a folder of CSV files the sheets are read on two threads sharing a job queue; large
//! `diklat.csv` and `skp.csv` files are read in two parts each. Riwayat rows carry their NIP as
//! a number until the `pegawai` sheet is known; then each NIP is resolved to its person (or
//! reported as unknown).

mod cache;
mod kolom;
mod org;
mod riwayat;
mod sheet;
mod templat;

pub use templat::templat;

use crate::lembar::{ReadInfo, Source, SourceError, name_key};
use crate::masalah::{Kind, Level, Problem};
use ipasn_core::Tanggal;
use ipasn_core::model::*;
use ipasn_core::skor::DiklatPerlu;
use org::{Nips, read_pegawai, read_unor};
use riwayat::{Out, Record, read_diklat, read_hukdis, read_pendidikan, read_skp};
use std::path::Path;
use std::sync::OnceLock;

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
    /// A CSV sheet larger than this many bytes is read in parts on several threads.
    pub split_over: u64,
    /// For one measurement in bulk: keep only the training records that can change it (every
    /// row is still checked, and counted as read). `None` keeps all.
    pub diklat_perlu: Option<DiklatPerlu>,
}

/// The default of [`ImportOptions::split_over`]: 16 MiB.
pub const SPLIT_OVER: u64 = 16 << 20;

impl ImportOptions {
    /// Options for an import on `today`, with T if known, keeping names.
    pub fn new(today: Tanggal, cutoff: Option<Tanggal>) -> ImportOptions {
        ImportOptions {
            today,
            cutoff,
            keep_names: true,
            split_over: SPLIT_OVER,
            diklat_perlu: None,
        }
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
        let e = self
            .problems
            .iter()
            .filter(|p| p.level == Level::Error)
            .count();
        (e, self.problems.len() - e)
    }
}

/// Imports a package from a folder of CSV files or an XLSX workbook.
pub fn import(path: &Path, opts: &ImportOptions) -> Imported {
    import_tracked(path, opts, Default::default())
}

/// Like [`import`], reporting reading progress.
pub fn import_tracked(
    path: &Path,
    opts: &ImportOptions,
    progress: std::sync::Arc<crate::lembar::Progress>,
) -> Imported {
    let source = match Source::open_tracked(path, progress) {
        Ok(s) => s,
        Err(e) => {
            let kind = match e {
                SourceError::Unreadable(why) => Kind::Unreadable(why),
                SourceError::Limit { limit, .. } => Kind::Limit(limit),
            };
            return Imported {
                dataset: Dataset::default(),
                problems: vec![Problem::sheet(
                    Level::Error,
                    &path.display().to_string(),
                    kind,
                )],
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

    // Work for two threads: the organisation (unor, then pegawai) on one; on the other, the
    // sheets that gain least from knowing the persons (skp, then pendidikan: their NIPs are
    // resolved afterwards), so that diklat is read once the persons are known (resolving as it
    // reads, and leaving out the training no window can use, see `diklat_perlu`); then
    // whichever job is left. Large quote-free diklat.csv files (some two thirds of a package)
    // are read in four parts and skp.csv in two, so that a thread slowed by the machine leaves
    // work to the other (four parts were ~5% faster than two on the 1M benchmark package, six
    // no better).
    let parallel = source.is_csv();
    let parts_of = |sheet, n| {
        parallel
            .then(|| source.parts(sheet, n, opts.split_over))
            .flatten()
    };
    let (diklat_parts, skp_parts) = (parts_of("diklat", 4), parts_of("skp", 2));
    let n_diklat = diklat_parts.as_ref().map_or(1, Vec::len);
    let n_skp = skp_parts.as_ref().map_or(1, Vec::len);
    fn slots<T>(n: usize) -> Parts<T> {
        Mutex::new((0..n).map(|_| None).collect())
    }
    let diklat_out: Parts<Diklat> = slots(n_diklat);
    let skp_out: Parts<Skp> = slots(n_skp);
    let pendidikan_out = Mutex::new(None);
    let hukdis_out = Mutex::new(None);
    #[derive(Clone, Copy)]
    enum Job {
        Diklat(usize),
        Skp(usize),
        Pendidikan,
        Hukdis,
    }
    // The pegawai sheet's NIPs, published as soon as it is read: a job that starts later
    // resolves each record's person as it reads it; one that started before but finishes later
    // resolves its records at once (`resolved`, a no-op for the former), off the serial path.
    let nips_ready: OnceLock<Nips> = OnceLock::new();
    fn resolved<T: Record>(mut out: Out<T>, nips: &OnceLock<Nips>, label: &str) -> Out<T> {
        if let Some(n) = nips.get() {
            out.resolve(n, label);
        }
        out
    }
    // A split sheet is joined by whichever thread completes it (its last part, or the pegawai
    // sheet the parts wait for), while the other thread still reads: off the serial path.
    let diklat_joined: OnceLock<Vec<Out<Diklat>>> = OnceLock::new();
    let skp_joined: OnceLock<Vec<Out<Skp>>> = OnceLock::new();
    let join_diklat = || {
        join_when_ready(
            &diklat_out,
            &diklat_joined,
            &nips_ready,
            &source.label("diklat"),
            || read_diklat(source, opts, None, None).0,
        )
    };
    let join_skp = || {
        join_when_ready(
            &skp_out,
            &skp_joined,
            &nips_ready,
            &source.label("skp"),
            || read_skp(source, opts, None, None).0,
        )
    };
    let run = |job: Job| match job {
        Job::Diklat(k) => {
            let (out, info) = read_diklat(
                source,
                opts,
                diklat_parts.as_ref().map(|p| &p[k]),
                nips_ready.get(),
            );
            // A part's rows are relative until the parts are joined; resolving keeps that.
            let out = resolved(out, &nips_ready, &source.label("diklat"));
            diklat_out.lock().expect("no panics while holding")[k] = Some((out, info));
            join_diklat();
        }
        Job::Pendidikan => {
            let out = resolved(
                read_pendidikan(source, opts, nips_ready.get()),
                &nips_ready,
                &source.label("pendidikan"),
            );
            *pendidikan_out.lock().expect("no panics") = Some(out)
        }
        Job::Skp(k) => {
            let (out, info) = read_skp(
                source,
                opts,
                skp_parts.as_ref().map(|p| &p[k]),
                nips_ready.get(),
            );
            let out = resolved(out, &nips_ready, &source.label("skp"));
            skp_out.lock().expect("no panics while holding")[k] = Some((out, info));
            join_skp();
        }
        Job::Hukdis => {
            let out = resolved(
                read_hukdis(source, opts, nips_ready.get()),
                &nips_ready,
                &source.label("hukdis"),
            );
            *hukdis_out.lock().expect("no panics") = Some(out)
        }
    };
    // The small hukdis last, so that the two threads finish together.
    let mut queue: Vec<Job> = (0..n_skp).map(Job::Skp).collect();
    queue.push(Job::Pendidikan);
    queue.extend((0..n_diklat).map(Job::Diklat));
    queue.push(Job::Hukdis);
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
        let _ = nips_ready.set(nips);
        join_diklat();
        join_skp();
        (unor, pegawai, problems)
    };
    let (unor, pegawai, mut problems) = if parallel {
        std::thread::scope(|s| {
            let other = s.spawn(drain);
            let o = org();
            drain();
            other.join().expect("a reader thread panicked");
            o
        })
    } else {
        // A workbook is read one sheet at a time.
        let o = org();
        drain();
        o
    };
    // Every part is read and the persons are known: join what is not joined yet.
    join_diklat();
    join_skp();
    let nips = nips_ready.into_inner().expect("the pegawai job ran");
    let diklat = diklat_joined.into_inner().expect("joined above");
    let skp = skp_joined.into_inner().expect("joined above");
    let pendidikan: Vec<Out<Pendidikan>> = vec![
        pendidikan_out
            .into_inner()
            .expect("no panics")
            .expect("job ran"),
    ];
    let hukdis: Vec<Out<Hukdis>> = vec![
        hukdis_out
            .into_inner()
            .expect("no panics")
            .expect("job ran"),
    ];
    let n = pegawai.len();
    fn rows<T>(parts: &[Out<T>]) -> usize {
        parts.iter().map(|p| p.records.len() + p.left_out).sum()
    }
    let counts = Counts {
        unor: unor.len(),
        pegawai: n,
        pendidikan: rows(&pendidikan),
        diklat: rows(&diklat),
        skp: rows(&skp),
        hukdis: rows(&hukdis),
    };
    // Group by person: diklat on one thread, the rest on this one.
    let ((diklat, p_d), (pendidikan, p_p), (skp, p_s), (hukdis, p_h)) = std::thread::scope(|s| {
        let d = s.spawn(|| group(n, diklat, &nips, &source.label("diklat")));
        let rest = (
            group(n, pendidikan, &nips, &source.label("pendidikan")),
            group(n, skp, &nips, &source.label("skp")),
            group(n, hukdis, &nips, &source.label("hukdis")),
        );
        (
            d.join().expect("grouping diklat panicked"),
            rest.0,
            rest.1,
            rest.2,
        )
    });
    for mut p in [p_p, p_d, p_s, p_h] {
        problems.append(&mut p);
    }
    let skp = skp_duplicates(n, skp, &source.label("skp"), &mut problems);
    let dataset = Dataset {
        unor,
        pegawai,
        pendidikan,
        diklat,
        skp,
        hukdis,
    };
    // Sheet order, then row; a sheet's own problems (no row) first. The sort is stable.
    let order = |p: &Problem| {
        SHEETS
            .iter()
            .position(|s| p.sheet == source.label(s) || name_key(&p.sheet) == name_key(s))
            .unwrap_or(SHEETS.len())
    };
    problems.sort_by_key(|p| (order(p), p.row.unwrap_or(0)));
    Imported {
        dataset,
        problems,
        counts,
    }
}

/// The parts of a split sheet as the reading threads complete them.
type Parts<T> = std::sync::Mutex<Vec<Option<(Out<T>, ReadInfo)>>>;

/// Joins a split sheet's parts once every part is read and the persons are known; the thread
/// that takes the parts out of `slots` does it (at most once), otherwise nothing happens.
fn join_when_ready<T: Record>(
    slots: &Parts<T>,
    joined: &OnceLock<Vec<Out<T>>>,
    nips: &OnceLock<Nips>,
    label: &str,
    reread: impl FnOnce() -> Out<T>,
) {
    let Some(n) = nips.get() else { return };
    let parts = {
        let mut s = slots.lock().expect("no panics while holding");
        if s.is_empty() || s.iter().any(Option::is_none) {
            return;
        }
        std::mem::take(&mut *s)
    };
    let _ = joined.set(join_parts(parts, n, label, reread));
}

/// Joins the parts of a split sheet: later parts' rows are shifted by the rows before them; the
/// records stay in their parts (grouping keeps them there). If any part met a quote (a record
/// might then straddle a boundary), `reread` reads the sheet again whole.
fn join_parts<T: Record>(
    parts: Vec<Option<(Out<T>, ReadInfo)>>,
    nips: &Nips,
    label: &str,
    reread: impl FnOnce() -> Out<T>,
) -> Vec<Out<T>> {
    let parts: Vec<(Out<T>, ReadInfo)> = parts.into_iter().flatten().collect();
    if parts.len() > 1 && parts.iter().any(|(_, i)| i.saw_quote) {
        return vec![reread()];
    }
    let mut joined: Vec<Out<T>> = Vec::with_capacity(parts.len());
    let mut sheet_level: Vec<Problem> = vec![];
    let mut offset = 0;
    for (mut out, info) in parts {
        out.resolve(nips, label);
        out.shift_rows(offset);
        // A sheet-level problem (e.g. the encoding warning) is said once.
        out.problems.retain(|p| {
            let new = p.row.is_some() || !sheet_level.contains(p);
            if new && p.row.is_none() {
                sheet_level.push(p.clone());
            }
            new
        });
        offset += info.last_row;
        joined.push(out);
    }
    joined
}

/// Groups a sheet's records, read in one or more consecutive parts, by person (resolving NIPs
/// first if no job did). The problems come in part order.
fn group<T: Record + Clone>(
    n: usize,
    parts: Vec<Out<T>>,
    nips: &Nips,
    label: &str,
) -> (Grouped<T>, Vec<Problem>) {
    let mut problems = vec![];
    let parts = parts
        .into_iter()
        .map(|mut out| {
            out.resolve(nips, label);
            problems.append(&mut out.problems);
            (out.persons.expect("resolved"), out.records, out.names)
        })
        .collect();
    (Grouped::build_parts(n, parts), problems)
}

/// One SKP per person and year: a second one is an error naming the first row, and is dropped.
fn skp_duplicates(
    n: usize,
    skp: Grouped<Skp>,
    label: &str,
    problems: &mut Vec<Problem>,
) -> Grouped<Skp> {
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
                    Kind::SkpDuplicate {
                        first_row: first.src.row,
                    },
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
