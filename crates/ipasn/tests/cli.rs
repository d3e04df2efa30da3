//! End-to-end tests of the `ipasn` binary: real files in, real files out.

use ipasn_data::lembar::{Source, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ipasn"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn contoh() -> PathBuf {
    repo().join("tests/paket/contoh-spec")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("ipasn runs")
}

/// `ipasn compute PACKAGE --year 2024 --out OUT` followed by `extra` (e.g. `--lang en`).
fn compute(package: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "compute",
        package.to_str().unwrap(),
        "--year",
        "2024",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Rows of a CSV file, each cut to its first `n` columns, sorted.
fn csv_rows(path: &Path, n: usize) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    let mut rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().take(n).map(str::to_string).collect())
        .collect();
    let header = rows.remove(0);
    rows.sort();
    rows.insert(0, header);
    rows
}

/// Rows of one sheet of a workbook, as text.
fn xlsx_rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let src = Source::open(path).unwrap();
    let mut rows = vec![];
    src.read(sheet, &mut |_, row| {
        rows.push(
            (0..row.len())
                .map(|i| row.get(i).display().into_owned())
                .collect::<Vec<_>>(),
        );
    })
    .unwrap()
    .expect("sheet exists");
    rows
}

#[test]
fn worked_examples_package_gives_the_spec_results() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hasil.csv");
    let units = dir.path().join("unor.csv");
    let o = compute(&contoh(), &out, &["--units", units.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        csv_rows(&out, 12),
        csv_rows(&contoh().join("expected-hasil.csv"), 12)
    );
    assert_eq!(
        csv_rows(&units, 11),
        csv_rows(&contoh().join("expected-unor.csv"), 11)
    );
    // The rule set id and hash are recorded with every row.
    let first = std::fs::read_to_string(&out).unwrap();
    let header = first.lines().next().unwrap();
    assert_eq!(
        header,
        "nip,nama,unor_id,jenis_jabatan,jenjang_jabatan,kualifikasi,kompetensi,kinerja,disiplin,ip,kategori,flags,aturan"
    );
    assert!(
        first
            .lines()
            .nth(1)
            .unwrap()
            .ends_with(&format!(",perban-8-2019@{}", &hash("perban-8-2019")[..12]))
    );
    // A clean package leaves standard error empty (no stray diagnostics).
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
    // The summary names the instansi mean.
    assert!(
        text(&o.stdout).contains("Pemerintah Kota Contoh: IP 65.5 (Rendah)"),
        "{}",
        text(&o.stdout)
    );
}

fn hash(id: &str) -> String {
    ipasn_core::rules::RuleSet::builtin(id).unwrap().hash
}

/// The same package as an XLSX workbook, with cells as a spreadsheet user leaves them: numbers
/// as numbers, dates as date cells, and an Excel serial number in a text-less date column.
fn contoh_as_xlsx(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for sheet in ["unor", "pegawai", "pendidikan", "diklat", "skp", "hukdis"] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(contoh().join(format!("{sheet}.csv")))
            .unwrap();
        for (ri, rec) in r.records().enumerate() {
            for (ci, v) in rec.unwrap().iter().enumerate() {
                let (ri, ci) = (ri as u32, ci as u16);
                let is_nip = ci == 0 && sheet != "unor";
                if !is_nip && v.len() == 10 && v.as_bytes()[4] == b'-' && ri > 0 {
                    let d = ExcelDateTime::parse_from_str(v).unwrap();
                    ws.write_datetime_with_format(ri, ci, &d, &date).unwrap();
                } else if !is_nip && !v.is_empty() && v.parse::<f64>().is_ok() && ri > 0 {
                    ws.write_number(ri, ci, v.parse::<f64>().unwrap()).unwrap();
                } else {
                    ws.write_string(ri, ci, v).unwrap();
                }
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn the_same_package_as_xlsx_gives_the_same_results() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("paket.xlsx");
    contoh_as_xlsx(&book);
    let out = dir.path().join("hasil.xlsx");
    let units = dir.path().join("unor.json");
    let o = compute(&book, &out, &["--units", units.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut got: Vec<Vec<String>> = xlsx_rows(&out, "hasil_pegawai")
        .into_iter()
        .map(|r| r.into_iter().take(12).collect())
        .collect();
    let header = got.remove(0);
    got.sort();
    got.insert(0, header);
    let mut want = csv_rows(&contoh().join("expected-hasil.csv"), 12);
    // An empty trailing flags cell is not stored in a workbook row.
    for r in want.iter_mut().chain(got.iter_mut()) {
        r.resize(12, String::new());
    }
    assert_eq!(got, want);
    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&units).unwrap()).unwrap();
    let u2 = j["unor"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unor_id"] == "U2")
        .unwrap();
    assert_eq!(u2["ip"], serde_json::json!(71.38));
    assert_eq!(u2["kategori"], "Sedang");
}

#[test]
fn json_results_carry_the_explanation() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hasil.json");
    let o = compute(&contoh(), &out, &["--lang", "en"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(j["aturan_sha256"], hash("perban-8-2019"));
    let b = j["pegawai"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["nama"] == "Contoh B")
        .unwrap();
    let komp = &b["dimensi"][1];
    assert_eq!(komp["poin"], serde_json::json!(25));
    assert_eq!(
        komp["kurang"][0]["teks"],
        "technical training: 12 JP in the last 12 months; 8 JP more gives +15"
    );
    assert_eq!(komp["kurang"][0]["tambah"], serde_json::json!(15));
    assert_eq!(komp["dipakai"], serde_json::json!(["diklat:5", "diklat:7"]));
}

#[test]
fn explain_names_records_and_gaps() {
    let o = run(&[
        "explain",
        contoh().to_str().unwrap(),
        "--year",
        "2024",
        "--nip",
        "19810202 200602 1 002",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let s = text(&o.stdout);
    assert!(s.contains("IP ASN 67 / 100 — Rendah"), "{s}");
    assert!(s.contains("8 JP lagi memberi +15"), "{s}");
    assert!(
        s.contains("hukuman disiplin terberat dalam 5 tahun terakhir: Sedang"),
        "{s}"
    );
    assert!(s.contains("mulai 2027-04-01"), "{s}");
    let o = run(&[
        "--lang",
        "en",
        "explain",
        contoh().to_str().unwrap(),
        "--year",
        "2024",
        "--nip",
        "198808082012081009",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("is not in this package"),
        "{}",
        text(&o.stderr)
    );
}

/// Copies the examples package into a folder, with one file's text changed.
fn bad_package(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    changed_package(&[(file, from, to)])
}

/// The spec's package as CSV files in a temporary folder, with each `(file, from, to)` applied
/// once.
fn changed_package(changes: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["unor", "pegawai", "pendidikan", "diklat", "skp", "hukdis"] {
        let mut s = std::fs::read_to_string(contoh().join(format!("{f}.csv"))).unwrap();
        for (file, from, to) in changes.iter().filter(|c| c.0 == f) {
            assert!(s.contains(from), "{from} in {file}");
            s = s.replacen(from, to, 1);
        }
        std::fs::write(dir.path().join(format!("{f}.csv")), s).unwrap();
    }
    dir
}

#[test]
fn errors_stop_the_computation_and_write_nothing() {
    let pkg = bad_package(
        "pegawai",
        "198102022006021002,Contoh B",
        "1.98102E+17,Contoh B",
    );
    let out = pkg.path().join("hasil.csv");
    let o = compute(pkg.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !out.exists(),
        "no results are written when the package has errors"
    );
    let err = text(&o.stderr);
    assert!(
        err.contains("GALAT: pegawai.csv baris 3 kolom nip \"1.98102E+17\""),
        "{err}"
    );
    assert!(err.contains("Format Cells → Text"), "{err}");
    // The riwayat rows of that person now name an unknown NIP too: all reported in one run.
    assert!(err.contains("diklat.csv baris 5 kolom nip"), "{err}");
    assert!(err.contains("Tidak ada hasil yang ditulis"), "{err}");
    // In English, and to a file.
    let problems = pkg.path().join("masalah.csv");
    let o = compute(
        pkg.path(),
        &out,
        &["--lang", "en", "--problems", problems.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("No results were written"));
    let rows = csv_rows(&problems, 7);
    assert_eq!(
        rows[0],
        ["level", "sheet", "row", "column", "value", "problem", "fix"]
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "error" && r[1] == "pegawai.csv" && r[2] == "3" && r[3] == "nip")
    );
}

#[test]
fn warnings_do_not_stop_the_computation() {
    // Sex disagrees with NIP digit 15: a warning.
    let pkg = bad_package("pegawai", "Contoh F,P,", "Contoh F,L,");
    let out = pkg.path().join("hasil.csv");
    let o = compute(pkg.path(), &out, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("PERINGATAN: pegawai.csv baris 7 kolom jenis_kelamin \"L\""),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        csv_rows(&out, 12),
        csv_rows(&contoh().join("expected-hasil.csv"), 12)
    );
}

#[test]
fn timing_prints_each_phase() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hasil.csv");
    let o = compute(&contoh(), &out, &["--lang", "en", "--timing"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    let phases: Vec<&str> = err.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(
        phases,
        ["read and check", "score", "aggregate", "write"],
        "{err}"
    );
}

#[test]
fn the_variant_rule_set_changes_what_it_should() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hasil.csv");
    let o = compute(&contoh(), &out, &["--rules", "perban-8-2019-varian"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let rows = csv_rows(&out, 12);
    let by_name = |n: &str| rows.iter().find(|r| r[1] == n).unwrap().clone();
    // H: SKP 45 gives 5 (not 1); discipline under masa_hukuman: the 2021 punishment ended in 2022.
    assert_eq!(by_name("Contoh H")[7..10], ["5", "5", "11"]);
    // D: 18 + 12 JP no longer count in single-training mode.
    assert_eq!(by_name("Contoh D")[6], "0");
    // The CPNS is measured under the variant.
    assert!(rows.iter().any(|r| r[1] == "Contoh CPNS"));
    // A: 90 is "Tinggi" under >= 91 bounds as well; G stays Sangat Tinggi.
    assert_eq!(by_name("Contoh A")[10], "Tinggi");
}

#[test]
fn broken_rule_files_name_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let shown = run(&["rules", "show", "perban-8-2019"]);
    assert!(shown.status.success());
    let text_rules = text(&shown.stdout).replace("\"S-2\" = 20", "\"S-2\" = 20.3");
    let file = dir.path().join("aturan.toml");
    std::fs::write(&file, text_rules).unwrap();
    let o = run(&["rules", "check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("kualifikasi.poin") && err.contains("0.5"),
        "{err}"
    );
    let o = compute(
        &contoh(),
        Path::new("/dev/null"),
        &["--rules", file.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = compute(&contoh(), Path::new("/dev/null"), &["--rules", "tidak-ada"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("perban-8-2019-varian"));
}

#[test]
fn generated_packages_are_valid_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    for d in [&a, &b] {
        let o = run(&[
            "generate",
            "--persons",
            "3000",
            "--seed",
            "11",
            "--out",
            d.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    for f in ["unor", "pegawai", "pendidikan", "diklat", "skp", "hukdis"] {
        let x = std::fs::read(a.join(format!("{f}.csv"))).unwrap();
        let y = std::fs::read(b.join(format!("{f}.csv"))).unwrap();
        assert!(
            x == y,
            "{f}.csv differs between two runs with the same seed"
        );
    }
    let out = dir.path().join("hasil.csv");
    let o = compute(&a, &out, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        !text(&o.stderr).contains("GALAT"),
        "a generated package has no errors: {}",
        text(&o.stderr)
    );
    // Only measured persons (PNS) are listed.
    let pns = csv_rows(&a.join("pegawai.csv"), 5)
        .iter()
        .filter(|r| r[4] == "PNS")
        .count();
    assert_eq!(csv_rows(&out, 1).len() - 1, pns);
}

#[test]
fn generated_xlsx_package_imports() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("paket.xlsx");
    let o = run(&[
        "generate",
        "--persons",
        "500",
        "--seed",
        "3",
        "--out",
        book.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = dir.path().join("hasil.csv");
    let o = compute(&book, &out, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // Same seed as CSV gives the same results.
    let csvdir = dir.path().join("csv");
    run(&[
        "generate",
        "--persons",
        "500",
        "--seed",
        "3",
        "--out",
        csvdir.to_str().unwrap(),
    ]);
    let out2 = dir.path().join("hasil2.csv");
    let o = compute(&csvdir, &out2, &[]);
    assert!(o.status.success());
    assert_eq!(csv_rows(&out, 13), csv_rows(&out2, 13));
}

#[test]
fn a_cut_off_workbook_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("paket.xlsx");
    contoh_as_xlsx(&book);
    let bytes = std::fs::read(&book).unwrap();
    std::fs::write(&book, &bytes[..bytes.len() / 2]).unwrap();
    let o = compute(&book, &dir.path().join("h.csv"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("berkas tidak dapat dibaca") && err.contains("unggah ulang"),
        "{err}"
    );
    let _ = Value::Empty;
}

/// `ipasn irr`: the spec's Cohen example, the exact JSON keys, and a duplicate row refused.
#[test]
fn irr_reports_every_statistic_with_the_documented_keys() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.csv");
    // Spec: A = [1,1,2,2,3,3], B = [1,2,2,2,3,1] gives Cohen's kappa 0.5; semicolons and a
    // decimal comma are accepted as in Indonesian spreadsheets.
    let a = [1, 1, 2, 2, 3, 3];
    let b = [1, 2, 2, 2, 3, 1];
    let mut text = String::from("subjek;penilai;nilai\n");
    for i in 0..6 {
        text.push_str(&format!("s{i};A;{},0\ns{i};B;{}\n", a[i], b[i]));
    }
    std::fs::write(&f, &text).unwrap();
    let out = run(&["irr", f.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = j.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "icc1",
        "icc2",
        "icc3",
        "icc1k",
        "icc2k",
        "icc3k",
        "fleiss_kappa",
        "alpha_nominal",
        "alpha_ordinal",
        "alpha_interval",
        "alpha_ratio",
        "cohen_kappa",
        "kappa_linear",
        "kappa_quadratic",
        "notes",
    ] {
        assert!(keys.contains(&k), "{k} missing in {keys:?}");
    }
    assert!((j["cohen_kappa"].as_f64().unwrap() - 0.5).abs() < 1e-12);
    // Three raters: no Cohen keys; a rater who rated one subject only makes the ICC leave out the rest.
    std::fs::write(
        &f,
        "subject,rater,value\n1,a,1\n1,b,1\n1,c,2\n2,a,3\n2,b,3\n2,c,\n3,a,2\n3,b,2\n3,c,2\n",
    )
    .unwrap();
    let j: serde_json::Value =
        serde_json::from_slice(&run(&["irr", f.to_str().unwrap(), "--json"]).stdout).unwrap();
    assert!(j.get("cohen_kappa").is_none());
    assert!(
        j["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("left out")),
        "{j}"
    );
    // The readable table names the interpretation.
    let out = run(&["irr", f.to_str().unwrap(), "--lang", "en"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Krippendorff α ordinal"));
    // A duplicate rating: exit 1, both rows named.
    std::fs::write(&f, "subject,rater,value\n1,a,1\n1,b,2\n1,a,3\n").unwrap();
    let out = run(&["irr", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("baris 4") && err.contains("baris 2"), "{err}");
}

/// Issue 11: the result and problem files are written by the one table writer. A name that a
/// spreadsheet would run as a formula leaves CSV with a leading `'` and XLSX as a text cell (never
/// a formula); a name that is a plain number such as `-3`, a negative value in the problem file,
/// and the scores stay numbers.
#[test]
fn formula_looking_text_leaves_the_exports_neutralised() {
    let evil = "=HYPERLINK(\"http://x\",\"y\")";
    let pkg = changed_package(&[
        (
            "pegawai",
            ",Contoh F,",
            ",\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",",
        ),
        ("unor", "U1,Dinas Contoh,", "U1,-3,"),
        ("unor", "U2,Bidang Contoh,", "U2,+Bidang Contoh,"),
    ]);
    let (out, units) = (
        pkg.path().join("hasil.csv"),
        pkg.path().join("unor-hasil.csv"),
    );
    let o = compute(pkg.path(), &out, &["--units", units.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let rows = csv_rows(&out, 12);
    let f = rows.iter().find(|r| r[0] == "198606062010062006").unwrap();
    assert_eq!(f[1], format!("'{evil}"));
    // The scores as before: plain numbers.
    let want = csv_rows(&contoh().join("expected-hasil.csv"), 12);
    let want = want.iter().find(|r| r[0] == f[0]).unwrap();
    assert_eq!(f[5..10], want[5..10]);
    let rows = csv_rows(&units, 11);
    let name = |id: &str| rows.iter().find(|r| r[0] == id).unwrap()[1].clone();
    assert_eq!(
        (name("U1"), name("U2")),
        ("-3".into(), "'+Bidang Contoh".into())
    );
    assert!(!std::fs::read(&out).unwrap().starts_with(b"\xEF\xBB\xBF"));

    // XLSX: the name as it is, in a text cell; scores and counts in number cells; no formula.
    use calamine::{Data, Reader};
    let (out, units) = (
        pkg.path().join("hasil.xlsx"),
        pkg.path().join("unor-hasil.xlsx"),
    );
    let o = compute(pkg.path(), &out, &["--units", units.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let r = book.worksheet_range("hasil_pegawai").unwrap();
    let f = r
        .rows()
        .find(|r| r[0] == Data::String("198606062010062006".into()))
        .unwrap();
    assert_eq!(f[1], Data::String(evil.into()));
    assert!(matches!(f[9], Data::Float(_)), "{f:?}");
    assert!(book.worksheet_formula("hasil_pegawai").unwrap().is_empty());
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&units).unwrap();
    let r = book.worksheet_range("hasil_unor").unwrap();
    let u1 = r
        .rows()
        .find(|r| r[0] == Data::String("U1".into()))
        .unwrap();
    assert_eq!(u1[1], Data::String("-3".into()));
    assert_eq!((&u1[2], &u1[5]), (&Data::Float(8.0), &Data::Float(65.5)));

    // The problem file: a value as read, neutralised; a negative number stays a number.
    let pkg = changed_package(&[
        ("diklat", ",24,BKPSDM", ",=1+1,BKPSDM"),
        (
            "skp",
            "198001012005011001,2024,88,",
            "198001012005011001,2024,-5,",
        ),
    ]);
    let problems = pkg.path().join("masalah.csv");
    let o = compute(
        pkg.path(),
        &pkg.path().join("hasil.csv"),
        &["--problems", problems.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let values: Vec<String> = csv_rows(&problems, 7)
        .into_iter()
        .map(|r| r[4].clone())
        .collect();
    assert!(values.contains(&"'=1+1".to_string()), "{values:?}");
    assert!(values.contains(&"-5".to_string()), "{values:?}");
    assert!(!values.iter().any(|v| v.starts_with('=')), "{values:?}");
}

/// `ipasn irr` reads its file as every uploaded table is read (`ipasn_data::tabel::baca`): the
/// delimiter sniffed (a tab, as Excel saves "Unicode Text"), Windows-1252 text, an XLSX
/// workbook's first sheet; rows numbered as a spreadsheet shows them; a file over a bound is
/// refused once, naming the row.
#[test]
fn irr_reads_tables_as_the_uploads_are_read() {
    use ipasn_data::tabel::tulis::{Sel, Tabel};
    let dir = tempfile::tempdir().unwrap();
    let a = [1.0, 1.0, 2.0, 2.0, 3.0, 3.0];
    let b = [1.0, 2.0, 2.0, 2.0, 3.0, 1.0];
    let rows: Vec<(String, &str, f64)> = (0..6)
        .flat_map(|i| [(format!("s{i}"), "A", a[i]), (format!("s{i}"), "B", b[i])])
        .collect();
    let kappa = |f: &Path| -> f64 {
        let o = run(&["irr", f.to_str().unwrap(), "--json"]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        j["cohen_kappa"].as_f64().unwrap()
    };
    // Tab-separated, Windows-1252 (a rater named José), a blank line.
    let mut tsv = b"subject\trater\tvalue\n\n".to_vec();
    for (s, r, v) in &rows {
        let r: &[u8] = if *r == "A" { b"Jos\xe9" } else { b"B" };
        tsv.extend_from_slice(format!("{s}\t").as_bytes());
        tsv.extend_from_slice(r);
        tsv.extend_from_slice(format!("\t{v}\n").as_bytes());
    }
    let f = dir.path().join("r.tsv");
    std::fs::write(&f, &tsv).unwrap();
    assert!((kappa(&f) - 0.5).abs() < 1e-12);
    // A workbook with number cells.
    let t = Tabel::new(
        ["subjek", "penilai", "nilai"].map(String::from).to_vec(),
        rows.iter()
            .map(|(s, r, v)| vec![s.as_str().into(), (*r).into(), Sel::Angka(*v)])
            .collect(),
    );
    let f = dir.path().join("r.xlsx");
    std::fs::write(&f, t.xlsx(None).unwrap()).unwrap();
    assert!((kappa(&f) - 0.5).abs() < 1e-12);
    // Row numbers as the spreadsheet shows them, past a blank line.
    let f = dir.path().join("r.csv");
    std::fs::write(&f, "subject;rater;value\n\n1;a;1\n1;a;2\n").unwrap();
    let o = run(&["irr", f.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        text(&o.stderr),
        "ERROR: row 4: 1 by a is already rated in row 3; remove one of them\n"
    );
    // A row over the bound of 64 cells: refused once, naming the row and the column.
    std::fs::write(
        &f,
        format!("subject,rater,value\n1,a,1{}\n", ",x".repeat(64)),
    )
    .unwrap();
    let o = run(&["irr", f.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.starts_with("ERROR: r.csv row 2 column BO: "), "{err}");
    assert_eq!(err.matches("ERROR").count(), 1, "{err}");
}
