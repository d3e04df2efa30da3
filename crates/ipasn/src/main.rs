//! `ipasn` — Indeks Profesionalitas ASN: measure, explain, and report.
//!
//! Exit codes: 0 done; 1 the data package has errors (nothing was written) or a person was not
//! found; 2 wrong usage; 3 a file could not be read or written.

#[cfg(target_os = "linux")]
mod alloc;

#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

use anyhow::Context;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use ipasn_core::Tanggal;
use ipasn_core::agregat;
use ipasn_core::rules::{BUILTIN, RuleSet};
use ipasn_core::skor::{Penilai, nilai_semua};
use ipasn_core::teks::{self, Lang};
use ipasn_data::ekspor::{self, Hasil};
use ipasn_data::lembar::Progress;
use ipasn_data::masalah::{Kind, Level, Problem};
use ipasn_data::paket::{self, ImportOptions, Imported};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

mod aturan;
mod explain;
mod generate;
mod instrumen;
mod irr;
mod rencana;
mod server;

/// Indeks Profesionalitas ASN: hitung, jelaskan, dan laporkan.
/// (IP ASN: compute, explain and report.)
///
/// Paket data = satu berkas .xlsx atau folder berisi unor.csv, pegawai.csv, pendidikan.csv,
/// diklat.csv, skp.csv, hukdis.csv. Pesan dalam Bahasa Indonesia; `--lang en` untuk English.
#[derive(Parser, Debug)]
#[command(name = "ipasn", version, propagate_version = true)]
struct Cli {
    /// Bahasa pesan: id (bawaan) atau en. (Message language: id or en.)
    #[arg(long, global = true, default_value = "id", value_parser = parse_lang)]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Hitung IP ASN semua pegawai dan unit dari paket data. (Compute everyone's IP ASN.)
    Compute(ComputeArgs),
    /// Jelaskan nilai satu pegawai, poin demi poin. (Explain one person's score.)
    Explain(explain::ExplainArgs),
    /// Buat paket data sintetis yang realistis. (Generate a realistic synthetic package.)
    Generate(generate::GenerateArgs),
    /// Tampilkan atau periksa aturan penilaian. (Show or check a rule set.)
    Rules {
        #[command(subcommand)]
        action: aturan::RulesAction,
    },
    /// Jalankan aplikasi web. (Run the web application.)
    Serve(server::ServeArgs),
    /// Buat instansi demo (data sintetis), cetak login tiap peran, jalankan aplikasi web.
    /// (Create a demo instansi, print one login per role, run the web application.)
    Demo(server::DemoArgs),
    /// Buat akun atau ganti kata sandinya (kata sandi dari IPASN_PASSWORD atau stdin).
    /// (Create an account or reset its password; password from IPASN_PASSWORD or stdin.)
    Akun(server::AkunArgs),
    /// Impor paket ke basis data aplikasi web (semua atau tidak sama sekali).
    /// (Import a package into the web application's database, all or nothing.)
    Impor(server::ImporArgs),
    /// Reliabilitas antarpenilai dari berkas subject,rater,value: ICC, kappa Cohen dan Fleiss,
    /// alfa Krippendorff. (Inter-rater reliability of a long-format ratings file.)
    Irr(irr::IrrArgs),
    /// Instrumen psikometri: periksa bundel, skor lembar jawaban, norma, reliabilitas, templat.
    /// (Psychometric instruments: check, score, norms, reliability, template.)
    Instrumen {
        #[command(subcommand)]
        cmd: instrumen::InstrumenCmd,
    },
    /// Rencana pengembangan di bawah anggaran: aksi terpilih, proyeksi IP, celah optimalitas.
    /// (A development plan under a budget: chosen actions, projected IP, optimality gap.)
    Rencana(rencana::RencanaArgs),
}

#[derive(clap::Args, Debug)]
struct Common {
    /// Paket data: berkas .xlsx atau folder CSV. (Data package: .xlsx file or CSV folder.)
    package: PathBuf,
    /// Tahun data yang diukur, mis. 2024. (Data year.)
    #[arg(long, alias = "tahun")]
    year: i32,
    /// Aturan: id bawaan (perban-8-2019, perban-8-2019-varian) atau berkas TOML.
    /// (Rule set: a shipped id or a TOML file.)
    #[arg(long, default_value = "perban-8-2019")]
    rules: String,
    /// Tanggal acuan T (YYYY-MM-DD); bawaan dari aturan (31 Desember). (Cut-off date.)
    #[arg(long)]
    cutoff: Option<String>,
}

#[derive(clap::Args, Debug)]
struct ComputeArgs {
    #[command(flatten)]
    common: Common,
    /// Berkas hasil per pegawai (.csv, .xlsx atau .json). (Person results file.)
    #[arg(long)]
    out: PathBuf,
    /// Berkas hasil per unit (.csv, .xlsx atau .json). (Unit results file.)
    #[arg(long)]
    units: Option<PathBuf>,
    /// Tulis semua masalah data ke berkas CSV ini. (Write all data problems to this CSV.)
    #[arg(long)]
    problems: Option<PathBuf>,
    /// Jumlah thread; bawaan semua inti. (Threads; default all cores.)
    #[arg(long)]
    threads: Option<usize>,
    /// Tampilkan lama tiap tahap. (Print how long each phase took.)
    #[arg(long)]
    timing: bool,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("'{s}': gunakan id atau en (use id or en)"))
}

/// An error with its exit code, already explained to the user.
#[derive(Debug)]
pub(crate) struct Exit(pub(crate) u8);

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}", self.0)
    }
}

impl std::error::Error for Exit {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    let result = match cli.command {
        Command::Compute(a) => compute(a, lang),
        Command::Explain(a) => explain::explain(a, lang),
        Command::Generate(a) => generate::generate(a, lang),
        Command::Rules { action } => aturan::rules_cmd(action, lang),
        Command::Serve(a) => server::serve(a, lang),
        Command::Demo(a) => server::demo(a, lang),
        Command::Akun(a) => server::akun_cmd(a, lang),
        Command::Impor(a) => server::impor_cmd(a, lang),
        Command::Irr(a) => irr::irr_cmd(a, lang),
        Command::Instrumen { cmd } => instrumen::instrumen_cmd(cmd, lang),
        Command::Rencana(a) => rencana::rencana_cmd(a, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(Exit(code)) = e.downcast_ref::<Exit>() {
                return ExitCode::from(*code);
            }
            eprintln!("{}: {e:#}", lang.pick("GALAT", "ERROR"));
            ExitCode::from(3)
        }
    }
}

/// The data years `compute`, `explain` and `generate` accept. Dates are supported from 1800 to
/// 2200 and the rules' windows reach years back; a year outside this range is a typing error.
const TAHUN: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Refuses (exit 2) a data year outside [`TAHUN`].
pub(crate) fn cek_tahun(year: i32, lang: Lang) -> anyhow::Result<()> {
    if TAHUN.contains(&year) {
        return Ok(());
    }
    let (lo, hi) = (TAHUN.start(), TAHUN.end());
    eprintln!(
        "{}",
        match lang {
            Lang::Id => format!(
                "GALAT: --year {year} di luar rentang {lo}–{hi}. Tulis tahun data yang diukur, mis. --year 2024."
            ),
            Lang::En => format!(
                "ERROR: --year {year} is outside {lo}–{hi}. Give the data year to measure, e.g. --year 2024."
            ),
        }
    );
    Err(Exit(2).into())
}

/// Whether a character must not reach a terminal as it is: control characters (C0, DEL, C1:
/// escape sequences, carriage returns, bells), the bidirectional embedding, override and
/// isolate marks that reorder what is shown, and the Unicode line and paragraph separators.
fn kendali(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}'
        )
}

/// A value from a package made safe to print on a terminal: every character [`kendali`] names
/// is shown as an escape (`\n`, `\r`, `\t`, `\x1b`, `\u{202e}`); everything else as it is
/// (a backslash too: a cell that reads `\x1b` and one holding ESC look alike, neither acts).
/// The one helper the CLI prints package values through.
pub(crate) fn aman(s: &str) -> Cow<'_, str> {
    if !s.chars().any(kendali) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if kendali(c) && (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if kendali(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text of several lines made safe line by line ([`aman`]), its line breaks kept.
fn aman_baris(s: &str) -> String {
    s.split('\n')
        .map(|l| aman(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// JSON text made safe for a terminal: serde_json escapes C0 controls but not DEL, C1 or the
/// marks [`kendali`] names; those can only stand inside strings, where `\uXXXX` means the same.
fn json_aman(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if kendali(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn load_rules(spec: &str, lang: Lang) -> anyhow::Result<RuleSet> {
    if let Some(r) = RuleSet::builtin(spec) {
        return Ok(r);
    }
    let path = Path::new(spec);
    if !path.exists() {
        let ids: Vec<&str> = BUILTIN.iter().map(|(i, _)| *i).collect();
        eprintln!(
            "{}",
            match lang {
                Lang::Id => format!(
                    "GALAT: aturan '{spec}' tidak ada. Pilih salah satu: {}, atau beri nama berkas TOML.",
                    ids.join(", ")
                ),
                Lang::En => format!(
                    "ERROR: rule set '{spec}' not found. Use one of {}, or a TOML file.",
                    ids.join(", ")
                ),
            }
        );
        return Err(Exit(2).into());
    }
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    RuleSet::from_toml(&text).map_err(|e| {
        eprintln!(
            "{}",
            match lang {
                Lang::Id => format!(
                    "GALAT: berkas aturan {} tidak dapat dipakai: kunci {}: {}",
                    path.display(),
                    e.key,
                    e.message
                ),
                Lang::En => format!(
                    "ERROR: rule file {} cannot be used: key {}: {}",
                    path.display(),
                    e.key,
                    e.message
                ),
            }
        );
        Exit(2).into()
    })
}

fn cutoff_of(common: &Common, rules: &RuleSet, lang: Lang) -> anyhow::Result<Tanggal> {
    match &common.cutoff {
        None => Ok(rules.cutoff(common.year)),
        Some(s) => Tanggal::parse_iso(s).ok_or_else(|| {
            eprintln!(
                "{}",
                lang.pick(
                    "GALAT: --cutoff harus tanggal YYYY-MM-DD.",
                    "ERROR: --cutoff must be a date YYYY-MM-DD."
                )
            );
            Exit(2).into()
        }),
    }
}

fn today() -> Tanggal {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Tanggal::from_days((secs / 86_400) as i64)
}

pub(crate) fn spinner(msg: String) -> ProgressBar {
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").expect("valid template"),
    );
    pb.set_message(msg);
    pb.enable_steady_tick(Duration::from_millis(120));
    pb
}

/// Reads a package, with a progress bar on a terminal.
fn import_package(common: &Common, opts: ImportOptions, lang: Lang) -> Imported {
    let progress = std::sync::Arc::new(Progress::default());
    std::thread::scope(|s| {
        let job = s.spawn(|| paket::import_tracked(&common.package, &opts, progress.clone()));
        let msg = format!(
            "{} {}",
            lang.pick("Membaca paket data", "Reading the data package"),
            common.package.display()
        );
        let mut pb: Option<ProgressBar> = None;
        while !job.is_finished() {
            std::thread::sleep(Duration::from_millis(50));
            let bar = pb.get_or_insert_with(|| match progress.total() {
                0 => spinner(msg.clone()),
                total => {
                    let bar = ProgressBar::new(total);
                    bar.set_style(
                        ProgressStyle::with_template("{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} [{elapsed}, {eta}]")
                            .expect("valid template")
                            .progress_chars("=> "),
                    );
                    bar.set_message(msg.clone());
                    bar
                }
            });
            bar.set_position(progress.done());
        }
        if let Some(bar) = pb {
            bar.finish_and_clear();
        }
        job.join().expect("the import thread panicked")
    })
}

/// How many rows of a group of like problems the terminal shows.
const CONTOH: usize = 3;

/// Where the full list of problems is, for the line under a shortened list.
enum DaftarLengkap<'a> {
    /// Written to this file (`--problems FILE`).
    Berkas(&'a Path),
    /// Not written: `--problems FILE` would.
    Opsi,
    /// `explain` has no list: `compute --problems FILE` writes it.
    Compute,
}

/// The location part of a problem line: `pegawai.csv baris 5 kolom nip "…"`.
fn letak(p: &Problem, lang: Lang) -> String {
    let mut s = p.sheet.clone();
    if let Some(r) = p.row {
        s.push_str(lang.pick(" baris ", " row "));
        s.push_str(&r.to_string());
    }
    if let Some(c) = &p.column {
        s.push_str(lang.pick(" kolom ", " column "));
        s.push_str(c);
    }
    if let Some(v) = &p.value {
        s.push_str(&format!(" \"{v}\""));
    }
    s
}

/// Prints problems to standard error, grouped: errors first, then warnings, each group (one
/// kind of problem in one column of one sheet) as its rows when it has at most [`CONTOH`], else
/// as one line with the count, what is wrong and the fix, and its first [`CONTOH`] rows. Records
/// dated after the cut-off are information: one line with their count. Every package value is
/// escaped ([`aman`]).
fn laporkan(problems: &[&Problem], lang: Lang, lengkap: DaftarLengkap<'_>) {
    type Kunci<'p> = (
        Level,
        &'p str,
        Option<&'p str>,
        std::mem::Discriminant<Kind>,
    );
    let mut groups: Vec<(Kunci<'_>, Vec<&Problem>)> = vec![];
    let mut index: HashMap<Kunci<'_>, usize> = HashMap::new();
    // Records after T, by T, then by sheet in first-seen order.
    let mut after: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
    for &p in problems {
        if let Kind::AfterCutoff(t) = &p.kind {
            let sheets = after.entry(t.as_str()).or_default();
            match sheets.iter_mut().find(|(s, _)| *s == p.sheet) {
                Some((_, n)) => *n += 1,
                None => sheets.push((&p.sheet, 1)),
            }
            continue;
        }
        let key = (
            p.level,
            p.sheet.as_str(),
            p.column.as_deref(),
            std::mem::discriminant(&p.kind),
        );
        let i = *index.entry(key).or_insert_with(|| {
            groups.push((key, vec![]));
            groups.len() - 1
        });
        groups[i].1.push(p);
    }
    // Errors first; otherwise as found.
    groups.sort_by_key(|(k, _)| k.0);
    let mut shortened = false;
    for (_, group) in &groups {
        if group.len() <= CONTOH {
            for p in group {
                eprintln!("{}", aman(&p.render(lang)));
            }
            continue;
        }
        shortened = true;
        let first = group[0];
        let message = first.message(lang);
        let same = group.iter().all(|p| p.message(lang) == message);
        let mut head = format!(
            "{}: {}",
            match first.level {
                Level::Error => lang.pick("GALAT", "ERROR"),
                Level::Warning => lang.pick("PERINGATAN", "WARNING"),
            },
            first.sheet
        );
        if let Some(c) = &first.column {
            head.push_str(lang.pick(" kolom ", " column "));
            head.push_str(c);
        }
        head.push_str(&match lang {
            Lang::Id => format!(", {} baris", group.len()),
            Lang::En => format!(", {} rows", group.len()),
        });
        if same {
            head.push_str(": ");
            head.push_str(&message);
        }
        head.push_str(&format!(
            ". {}{}.",
            lang.pick("Perbaikan: ", "Fix: "),
            first.fix(lang)
        ));
        eprintln!("{}", aman(&head));
        for p in group.iter().take(CONTOH) {
            let mut line = format!("  {}", letak(p, lang));
            if !same {
                line.push_str(": ");
                line.push_str(&p.message(lang));
            }
            eprintln!("{}", aman(&line));
        }
        let rest = group.len() - CONTOH;
        eprintln!(
            "  {}",
            match lang {
                Lang::Id => format!("… dan {rest} baris lagi"),
                Lang::En => format!("… and {rest} more rows"),
            }
        );
    }
    for (t, sheets) in &after {
        let n: usize = sheets.iter().map(|(_, n)| n).sum();
        let per: Vec<String> = sheets.iter().map(|(s, n)| format!("{s} {n}")).collect();
        let per = per.join(", ");
        eprintln!(
            "{}",
            aman(&match lang {
                Lang::Id => format!(
                    "INFO: {n} catatan bertanggal setelah tanggal acuan {t} tidak dihitung ({per})."
                ),
                Lang::En => format!(
                    "INFO: {n} records dated after the cut-off date {t} were not counted ({per})."
                ),
            })
        );
    }
    if shortened {
        match lengkap {
            DaftarLengkap::Berkas(path) => eprintln!(
                "{} {}",
                lang.pick(
                    "Daftar lengkap setiap baris:",
                    "The full list of every row:"
                ),
                path.display()
            ),
            DaftarLengkap::Opsi => eprintln!(
                "{}",
                lang.pick(
                    "Daftar lengkap setiap baris: jalankan lagi dengan --problems FILE.",
                    "The full list of every row: run again with --problems FILE."
                )
            ),
            DaftarLengkap::Compute => eprintln!(
                "{}",
                lang.pick(
                    "Daftar lengkap setiap baris: ipasn compute … --problems FILE.",
                    "The full list of every row: ipasn compute … --problems FILE."
                )
            ),
        }
    }
}

/// Errors, warnings (not counting records after the cut-off) and records after the cut-off.
fn hitung_masalah(problems: &[Problem]) -> (usize, usize, usize) {
    let (mut e, mut w, mut i) = (0, 0, 0);
    for p in problems {
        match (p.level, &p.kind) {
            (Level::Error, _) => e += 1,
            (Level::Warning, Kind::AfterCutoff(_)) => i += 1,
            (Level::Warning, _) => w += 1,
        }
    }
    (e, w, i)
}

/// The closing line of a package with errors; exit 1.
fn berhenti(imported: &Imported, lang: Lang) -> anyhow::Error {
    let (errors, warnings, _) = hitung_masalah(&imported.problems);
    eprintln!(
        "{}",
        match lang {
            Lang::Id => format!(
                "Paket data berisi {errors} galat dan {warnings} peringatan. Tidak ada hasil yang ditulis. Perbaiki galat di atas lalu jalankan lagi."
            ),
            Lang::En => format!(
                "The data package has {errors} errors and {warnings} warnings. No results were written. Fix the errors above and run again."
            ),
        }
    );
    Exit(1).into()
}

/// Imports a package for `compute`, reports its problems grouped (all of them to
/// `problems_file` when given), and stops (exit 1) on errors.
fn import_checked(
    common: &Common,
    opts: ImportOptions,
    problems_file: Option<&Path>,
    lang: Lang,
) -> anyhow::Result<Imported> {
    let imported = import_package(common, opts, lang);
    let all: Vec<&Problem> = imported.problems.iter().collect();
    match problems_file {
        Some(path) => {
            ekspor::write_problems(path, &imported.problems, lang)?;
            laporkan(&all, lang, DaftarLengkap::Berkas(path));
            if !imported.problems.is_empty() {
                let (errors, warnings, after) = hitung_masalah(&imported.problems);
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Id => format!(
                            "{errors} galat, {warnings} peringatan, {after} catatan setelah tanggal acuan; semuanya ditulis ke {}",
                            path.display()
                        ),
                        Lang::En => format!(
                            "{errors} errors, {warnings} warnings, {after} records after the cut-off; all written to {}",
                            path.display()
                        ),
                    }
                );
            }
        }
        None => laporkan(&all, lang, DaftarLengkap::Opsi),
    }
    if imported.has_errors() {
        return Err(berhenti(&imported, lang));
    }
    Ok(imported)
}

/// The problems `explain` shows for person `i`: those on the person's `pegawai` row and on the
/// rows of their records, and those about a whole sheet or file.
fn masalah_pegawai<'p>(
    package: &Path,
    imported: &'p Imported,
    i: usize,
    nip: ipasn_core::model::Nip,
) -> Vec<&'p Problem> {
    use ipasn_data::lembar::{Source, name_key};
    let key = |label: &str| name_key(label.strip_suffix(".csv").unwrap_or(label));
    let r = imported.dataset.riwayat(i);
    let mut rows: HashSet<(String, u32)> = r
        .pendidikan
        .iter()
        .map(|x| x.src)
        .chain(r.diklat.iter().map(|x| x.src))
        .chain(r.skp.iter().map(|x| x.src))
        .chain(r.hukdis.iter().map(|x| x.src))
        .map(|src| (src.sheet.name().to_string(), src.row))
        .collect();
    // The person's pegawai row is not kept by the import: read it again, only when a problem
    // is on some pegawai row.
    let pegawai = name_key("pegawai");
    if imported
        .problems
        .iter()
        .any(|p| p.row.is_some() && key(&p.sheet) == pegawai)
        && let Ok(src) = Source::open(package)
    {
        let mut nip_col = None;
        let today = today();
        let _ = src.read("pegawai", &mut |row, cells| {
            if row == 1 {
                nip_col = (0..cells.len()).find(|&c| name_key(&cells.get(c).display()) == "nip");
            } else if let Some(c) = nip_col
                && ipasn_data::nilai::nip(&cells.get(c), today) == Ok(nip)
            {
                rows.insert((pegawai.clone(), row));
            }
        });
    }
    imported
        .problems
        .iter()
        .filter(|p| match p.row {
            None => true,
            Some(row) => rows.contains(&(key(&p.sheet), row)),
        })
        .collect()
}

fn compute(a: ComputeArgs, lang: Lang) -> anyhow::Result<()> {
    let started = Instant::now();
    cek_tahun(a.common.year, lang)?;
    let rules = load_rules(&a.common.rules, lang)?;
    let cutoff = cutoff_of(&a.common, &rules, lang)?;
    let opts = ImportOptions {
        // Riwayat names are only needed in JSON explanations.
        keep_names: ekspor::FileFormat::of(&a.out) == ekspor::FileFormat::Json,
        // Training too old for any window of this measurement is checked, not kept.
        diklat_perlu: Some(Penilai::with_cutoff(&rules, a.common.year, cutoff).diklat_perlu()),
        ..ImportOptions::new(today(), Some(cutoff))
    };
    let imported = import_checked(&a.common, opts, a.problems.as_deref(), lang)?;
    let ds = &imported.dataset;
    let read_time = started.elapsed();
    let mut phase = Instant::now();
    let mut timing = |name: &str| {
        if a.timing {
            eprintln!("{name}: {:.3} s", phase.elapsed().as_secs_f64());
        }
        phase = Instant::now();
    };
    if a.timing {
        eprintln!(
            "{}: {:.3} s",
            lang.pick("baca dan periksa", "read and check"),
            read_time.as_secs_f64()
        );
    }

    let penilai = Penilai::with_cutoff(&rules, a.common.year, cutoff);
    let threads = a.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let pb = spinner(format!(
        "{} {} {}",
        lang.pick("Menghitung", "Scoring"),
        ds.pegawai.len(),
        lang.pick("pegawai", "persons")
    ));
    let hasil = nilai_semua(ds, &penilai, threads);
    timing(lang.pick("nilai", "score"));
    let unor_of: Vec<u32> = ds.pegawai.iter().map(|p| p.unor).collect();
    let units = agregat::per_unor(&ds.unor, &unor_of, &hasil, &rules);
    timing(lang.pick("agregasi", "aggregate"));
    pb.finish_and_clear();

    let out = Hasil {
        dataset: ds,
        penilai: &penilai,
        pegawai: &hasil,
        unor: &units,
    };
    let pb = spinner(format!(
        "{} {}",
        lang.pick("Menulis", "Writing"),
        a.out.display()
    ));
    // The units file is written while the persons' file is.
    std::thread::scope(|s| {
        let units = a.units.as_ref().map(|u| s.spawn(|| out.write_unor(u)));
        out.write_pegawai(&a.out, lang)?;
        if let Some(units) = units {
            units.join().expect("the units writer panicked")?;
        }
        anyhow::Ok(())
    })?;
    timing(lang.pick("tulis", "write"));
    pb.finish_and_clear();

    // Summary.
    let measured = hasil.iter().filter(|h| h.is_some()).count();
    println!(
        "{}",
        match lang {
            Lang::Id => format!(
                "IP ASN {} · aturan {} · tanggal acuan {} · {} pegawai, {} diukur",
                a.common.year,
                rules,
                cutoff,
                ds.pegawai.len(),
                measured
            ),
            Lang::En => format!(
                "IP ASN {} · rule set {} · cut-off {} · {} persons, {} measured",
                a.common.year,
                rules,
                cutoff,
                ds.pegawai.len(),
                measured
            ),
        }
    );
    for (u, unit) in ds
        .unor
        .iter()
        .enumerate()
        .filter(|(_, u)| u.induk.is_none())
    {
        let agg = &units[u];
        if let (Some(ip), Some(k)) = (agg.ip(), agg.kategori(&rules)) {
            let dims: Vec<String> = ipasn_core::hasil::Dimensi::ALL
                .iter()
                .map(|d| {
                    format!(
                        "{} {}",
                        teks::dimensi(*d, lang),
                        agg.rerata(*d).map(|x| x.to_string()).unwrap_or_default()
                    )
                })
                .collect();
            let line = format!(
                "  {}: IP {ip} ({}) — {}",
                unit.nama,
                rules.kategori[k].nama,
                dims.join(", ")
            );
            println!("{}", aman(&line));
        }
    }
    println!(
        "{} {} ({:.1} s; {} {:.1} s)",
        lang.pick("Hasil ditulis ke", "Results written to"),
        a.out.display(),
        started.elapsed().as_secs_f64(),
        lang.pick("baca", "read"),
        read_time.as_secs_f64()
    );
    // The process ends here: let the OS reclaim millions of records at once instead of
    // freeing them one by one (a tenth of a second per million persons).
    std::mem::forget(imported);
    Ok(())
}

/// The package read for one computation, or (its errors reported, grouped; not its warnings)
/// the stop: nothing can be computed from a package with errors.
pub(crate) fn paket_bersih(
    common: &Common,
    cutoff: Tanggal,
    lang: Lang,
) -> anyhow::Result<Imported> {
    let imported = import_package(common, ImportOptions::new(today(), Some(cutoff)), lang);
    if imported.has_errors() {
        let errors: Vec<&Problem> = imported
            .problems
            .iter()
            .filter(|p| p.level == Level::Error)
            .collect();
        laporkan(&errors, lang, DaftarLengkap::Compute);
        return Err(berhenti(&imported, lang));
    }
    Ok(imported)
}
