//! One small bad package per validation rule of `shared/spec/data.md`, asserting the sheet, row
//! (as a spreadsheet shows it) and column that the problem names.

use ipasn_core::Tanggal;
use ipasn_core::model::{Nip, TingkatHukdis, TingkatPendidikan};
use ipasn_data::masalah::{Kind, Level, Problem, TmtProblem};
use ipasn_data::paket::{self, ImportOptions, Imported};
use std::path::Path;

const UNOR: &str = "unor_id,nama_unor,induk_unor_id,instansi_id,nama_instansi,kode_wilayah
U1,Pemerintah Kota,,K1,Pemerintah Kota,32.75
U2,Dinas A,U1,K1,Pemerintah Kota,32.75
U3,Bidang B,U2,K1,Pemerintah Kota,32.75
";
const PEGAWAI: &str = "nip,nama,jenis_kelamin,tanggal_lahir,status_kepegawaian,jenis_jabatan,jenjang_jabatan,nama_jabatan,unor_id,golongan
198501012010011001,Budi,L,1985-01-01,PNS,Struktural,Administrator,Kepala Bidang,U2,III/d
199002022015032002,Sari,P,02/02/1990,PNS,Fungsional,Ahli Muda,Analis,U3,III/c
198703032012121003,Agus,L,,PNS,Pelaksana,Pelaksana,Pengadministrasi,U3,II/c
";
const PENDIDIKAN: &str = "nip,tingkat_pendidikan,nama_pendidikan,tahun_lulus,tanggal_lulus,diakui
198501012010011001,S1,Sarjana,2008,,ya
199002022015032002,S-2,Magister,2014,,ya
198703032012121003,SMA,SMA,2005,,
";
const DIKLAT: &str = "nip,jenis,nama_diklat,tanggal_mulai,tanggal_selesai,jumlah_jam,penyelenggara
198501012010011001,PKA,PKA,2016-01-01,2016-03-01,400,X
198501012010011001,Teknis,T1,2024-03-01,05-03-2024,\"12,5\",X
199002022015032002,Seminar,S1,2024-04-01,2024-04-01,4,X
";
const SKP: &str = "nip,tahun,nilai,predikat
198501012010011001,2024,88,
199002022015032002,2024,,Sangat Baik
198703032012121003,2024,\"76,5\",
";
const HUKDIS: &str = "nip,tingkat,jenis_hukuman,tmt_hukuman,akhir_hukuman,dibatalkan
198703032012121003,Pemotongan Tunjangan Kinerja,Pemotongan Tunjangan Kinerja 25% Selama 6 Bulan,2023-03-01,2023-09-01,tidak
";

fn files() -> Vec<(&'static str, String)> {
    vec![
        ("unor", UNOR.into()),
        ("pegawai", PEGAWAI.into()),
        ("pendidikan", PENDIDIKAN.into()),
        ("diklat", DIKLAT.into()),
        ("skp", SKP.into()),
        ("hukdis", HUKDIS.into()),
    ]
}

fn opts() -> ImportOptions {
    ImportOptions::new(
        Tanggal::new(2026, 11, 29).unwrap(),
        Tanggal::new(2024, 12, 31),
    )
}

fn write(dir: &Path, files: &[(&str, String)]) {
    for (name, text) in files {
        std::fs::write(dir.join(format!("{name}.csv")), text).unwrap();
    }
}

/// Imports the base package with `file`'s text changed from `from` to `to`.
fn with(file: &str, from: &str, to: &str) -> Imported {
    let dir = tempfile::tempdir().unwrap();
    let mut fs = files();
    let f = fs.iter_mut().find(|(n, _)| *n == file).unwrap();
    assert!(f.1.contains(from), "'{from}' is in {file}");
    f.1 = f.1.replacen(from, to, 1);
    write(dir.path(), &fs);
    paket::import(dir.path(), &opts())
}

fn errors(i: &Imported) -> Vec<&Problem> {
    i.problems
        .iter()
        .filter(|p| p.level == Level::Error)
        .collect()
}

/// Exactly one error, at this place, of this kind — besides the riwayat rows of a person whose
/// NIP could not be read, which then name an unknown NIP.
fn one_error(i: &Imported, sheet: &str, row: u32, column: &str, kind: Kind) {
    let e: Vec<_> = errors(i)
        .into_iter()
        .filter(|p| !(p.kind == Kind::NipUnknown && sheet == "pegawai.csv" && column == "nip"))
        .collect();
    assert_eq!(e.len(), 1, "expected one error, got {e:#?}");
    assert_eq!(
        (
            e[0].sheet.as_str(),
            e[0].row,
            e[0].column.as_deref(),
            &e[0].kind
        ),
        (sheet, Some(row), Some(column), &kind),
        "{}",
        e[0]
    );
}

#[test]
fn the_base_package_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &files());
    let i = paket::import(dir.path(), &opts());
    assert!(i.problems.is_empty(), "{:#?}", i.problems);
    assert_eq!(
        (
            i.counts.unor,
            i.counts.pegawai,
            i.counts.diklat,
            i.counts.hukdis
        ),
        (3, 3, 3, 1)
    );
    let ds = &i.dataset;
    // Spelling variants, decimal commas, date forms, punishment names.
    assert_eq!(ds.pendidikan.of(0)[0].tingkat, TingkatPendidikan::S1);
    assert_eq!(ds.pendidikan.of(2)[0].tingkat, TingkatPendidikan::Slta);
    assert_eq!(ds.diklat.of(0)[1].jam.to_string(), "12.5");
    assert_eq!(ds.diklat.of(0)[1].selesai, Tanggal::new(2024, 3, 5));
    assert_eq!(ds.pegawai[1].tanggal_lahir, Tanggal::new(1990, 2, 2));
    assert_eq!(ds.skp.of(2)[0].nilai.unwrap().to_string(), "76.5");
    assert_eq!(ds.hukdis.of(2)[0].tingkat, TingkatHukdis::Sedang);
    assert_eq!(ds.pegawai[2].nip, Nip(198703032012121003));
    assert_eq!(ds.unor[2].induk, Some(1));
    // Row references are spreadsheet rows (header = 1).
    assert_eq!(ds.diklat.of(0)[1].src.row, 3);
}

#[test]
fn importing_twice_gives_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &files());
    let a = paket::import(dir.path(), &opts());
    let b = paket::import(dir.path(), &opts());
    assert_eq!(a.dataset, b.dataset);
    assert_eq!(a.problems, b.problems);
}

// ---- NIP -----------------------------------------------------------------------------------

#[test]
fn nip_must_be_18_digits() {
    one_error(
        &with(
            "pegawai",
            "199002022015032002,Sari",
            "19900202201503200,Sari",
        ),
        "pegawai.csv",
        3,
        "nip",
        Kind::NipFormat,
    );
}

#[test]
fn nip_in_scientific_notation_is_refused_with_the_fix() {
    let i = with("pegawai", "198703032012121003,Agus", "1.98703E+17,Agus");
    // Agus's riwayat rows then name an unknown NIP as well.
    let e = errors(&i);
    assert_eq!(e[0].sheet, "pegawai.csv");
    assert_eq!(
        (e[0].row, e[0].column.as_deref(), &e[0].kind),
        (Some(4), Some("nip"), &Kind::NipScientific)
    );
    assert!(e[0].fix(ipasn_core::teks::Lang::Id).contains("Teks"));
    assert!(e[0].fix(ipasn_core::teks::Lang::En).contains("Text"));
    assert!(
        e.iter()
            .any(|p| p.sheet == "pendidikan.csv" && p.row == Some(4) && p.kind == Kind::NipUnknown)
    );
}

#[test]
fn nip_birth_date_must_exist() {
    one_error(
        &with(
            "pegawai",
            "199002022015032002,Sari",
            "199002302015032002,Sari",
        ),
        "pegawai.csv",
        3,
        "nip",
        Kind::NipBirthDate,
    );
}

#[test]
fn nip_tmt_must_be_a_real_plausible_month() {
    let month = with(
        "pegawai",
        "199002022015032002,Sari",
        "199002022015132002,Sari",
    );
    one_error(
        &month,
        "pegawai.csv",
        3,
        "nip",
        Kind::NipTmt(TmtProblem::Month),
    );
    let early = with(
        "pegawai",
        "199002022015032002,Sari",
        "199002022005032002,Sari",
    );
    one_error(
        &early,
        "pegawai.csv",
        3,
        "nip",
        Kind::NipTmt(TmtProblem::TooEarly),
    );
    let future = with(
        "pegawai",
        "199002022015032002,Sari",
        "199002022027032002,Sari",
    );
    one_error(
        &future,
        "pegawai.csv",
        3,
        "nip",
        Kind::NipTmt(TmtProblem::Future),
    );
}

#[test]
fn nip_sex_digit_must_be_1_or_2() {
    one_error(
        &with(
            "pegawai",
            "199002022015032002,Sari",
            "199002022015033002,Sari",
        ),
        "pegawai.csv",
        3,
        "nip",
        Kind::NipGender,
    );
}

#[test]
fn duplicate_nip_names_the_first_row() {
    let i = with(
        "pegawai",
        "198703032012121003,Agus",
        "199002022015032002,Sari Lagi,P,,PNS,Pelaksana,Pelaksana,X,U3,\n198703032012121003,Agus",
    );
    one_error(
        &i,
        "pegawai.csv",
        4,
        "nip",
        Kind::Duplicate { first_row: 3 },
    );
}

#[test]
fn every_later_duplicate_is_reported_and_the_first_row_stands() {
    // Sari three times; the first time her row is refused (unknown unit).
    let i = with(
        "pegawai",
        "199002022015032002,Sari,P,02/02/1990,PNS,Fungsional,Ahli Muda,Analis,U3,III/c",
        "199002022015032002,Sari,P,02/02/1990,PNS,Fungsional,Ahli Muda,Analis,U9,III/c\n\
         199002022015032002,Sari Dua,P,,PNS,Pelaksana,Pelaksana,X,U3,\n\
         199002022015032002,Sari Tiga,P,,PNS,Pelaksana,Pelaksana,X,U3,",
    );
    let e: Vec<_> = errors(&i)
        .into_iter()
        .map(|p| (p.row.unwrap(), p.column.clone().unwrap(), p.kind.clone()))
        .collect();
    assert_eq!(
        e,
        vec![
            (3, "unor_id".into(), Kind::UnorUnknown),
            (4, "nip".into(), Kind::Duplicate { first_row: 3 }),
            (5, "nip".into(), Kind::Duplicate { first_row: 3 }),
        ]
    );
    // Nobody named Sari is kept, and her riwayat rows raise no second error.
    assert!(
        i.dataset
            .pegawai
            .iter()
            .all(|p| !p.nama.starts_with("Sari"))
    );
}

#[test]
fn sex_and_birth_date_must_agree_with_the_nip_as_warnings() {
    let i = with("pegawai", "Sari,P,02/02/1990", "Sari,L,03/02/1990");
    assert!(errors(&i).is_empty());
    let w: Vec<_> = i
        .problems
        .iter()
        .map(|p| (p.row, p.column.clone().unwrap(), p.kind.clone()))
        .collect();
    assert_eq!(
        w,
        vec![
            (Some(3), "jenis_kelamin".into(), Kind::GenderMismatch),
            (Some(3), "tanggal_lahir".into(), Kind::BirthDateMismatch)
        ]
    );
}

// ---- pegawai fields --------------------------------------------------------------------------

#[test]
fn status_and_jabatan_must_be_known_and_fit() {
    let i = with(
        "pegawai",
        ",PNS,Pelaksana,Pelaksana,",
        ",Honorer,Pelaksana,Pelaksana,",
    );
    let e = errors(&i);
    assert_eq!(e.len(), 1);
    assert_eq!(
        (e[0].row, e[0].column.as_deref()),
        (Some(4), Some("status_kepegawaian"))
    );
    assert!(matches!(e[0].kind, Kind::Choice(list) if list.contains(&"PPPK")));
    let i = with("pegawai", "Fungsional,Ahli Muda", "Struktural,Ahli Muda");
    one_error(
        &i,
        "pegawai.csv",
        3,
        "jenjang_jabatan",
        Kind::JenjangMismatch {
            jenis: "Struktural".into(),
        },
    );
}

#[test]
fn impossible_dates_are_errors() {
    one_error(
        &with("pegawai", "02/02/1990", "30/02/1990"),
        "pegawai.csv",
        3,
        "tanggal_lahir",
        Kind::Date,
    );
    one_error(
        &with("diklat", "05-03-2024", "31-04-2024"),
        "diklat.csv",
        3,
        "tanggal_selesai",
        Kind::Date,
    );
}

#[test]
fn unor_references_must_exist() {
    one_error(
        &with("pegawai", ",U3,III/c", ",U9,III/c"),
        "pegawai.csv",
        3,
        "unor_id",
        Kind::UnorUnknown,
    );
    one_error(
        &with("unor", "U3,Bidang B,U2", "U3,Bidang B,U7"),
        "unor.csv",
        4,
        "induk_unor_id",
        Kind::UnorUnknown,
    );
}

#[test]
fn unor_ids_are_unique() {
    let i = with("unor", "U3,Bidang B,U2", "U2,Bidang B,U1");
    let e = errors(&i);
    assert_eq!(
        (e[0].sheet.as_str(), e[0].row, e[0].column.as_deref()),
        ("unor.csv", Some(4), Some("unor_id"))
    );
    assert_eq!(e[0].kind, Kind::Duplicate { first_row: 3 });
}

#[test]
fn unor_cycles_are_found() {
    // U1 → U3 → U2 → U1.
    let i = with("unor", "U1,Pemerintah Kota,,", "U1,Pemerintah Kota,U3,");
    let e = errors(&i);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(
        (e[0].row, e[0].column.as_deref()),
        (Some(2), Some("induk_unor_id"))
    );
    let Kind::UnorCycle(ids) = &e[0].kind else {
        panic!("{:?}", e[0].kind)
    };
    assert_eq!(ids.len(), 4);
    assert_eq!(ids.first(), ids.last());
    assert!(e[0].message(ipasn_core::teks::Lang::En).contains("loop"));
}

// ---- control characters ----------------------------------------------------------------------

/// The problems of a package as (sheet, row, column, kind, value).
fn places(i: &Imported) -> Vec<(&str, u32, &str, Kind, &str)> {
    i.problems
        .iter()
        .map(|p| {
            (
                p.sheet.as_str(),
                p.row.unwrap_or(0),
                p.column.as_deref().unwrap_or(""),
                p.kind.clone(),
                p.value.as_deref().unwrap_or(""),
            )
        })
        .collect()
}

#[test]
fn a_control_character_in_an_id_is_an_error_at_its_cell() {
    // A tab inside an unquoted instansi id (not the delimiter here).
    let i = with("unor", "U3,Bidang B,U2,K1", "U3,Bidang B,U2,K\t1");
    one_error(&i, "unor.csv", 4, "instansi_id", Kind::ControlChar('\t'));
    assert_eq!(
        i.problems[0].value.as_deref(),
        Some("K\u{2409}1"),
        "shown, not hidden"
    );
    assert!(
        i.problems[0]
            .message(ipasn_core::teks::Lang::En)
            .contains("tab (TAB, U+0009)")
    );
    assert!(
        i.problems[0]
            .fix(ipasn_core::teks::Lang::Id)
            .contains("=CLEAN")
    );
    // A bare carriage return in a region code, DEL at the end of another.
    one_error(
        &with(
            "unor",
            "Bidang B,U2,K1,Pemerintah Kota,32.75",
            "Bidang B,U2,K1,Pemerintah Kota,32.\r75",
        ),
        "unor.csv",
        4,
        "kode_wilayah",
        Kind::ControlChar('\r'),
    );
    one_error(
        &with(
            "unor",
            "Dinas A,U1,K1,Pemerintah Kota,32.75",
            "Dinas A,U1,K1,Pemerintah Kota,32.75\u{7f}",
        ),
        "unor.csv",
        3,
        "kode_wilayah",
        Kind::ControlChar('\u{7f}'),
    );
    // A line break in a quoted parent id: one error, not a second "unknown parent".
    one_error(
        &with("unor", "U3,Bidang B,U2,", "U3,Bidang B,\"U\n2\","),
        "unor.csv",
        4,
        "induk_unor_id",
        Kind::ControlChar('\n'),
    );
    // A line break in a unit id and in the persons' references to it: each cell once.
    let mut fs = files();
    for (name, text) in &mut fs {
        if *name == "unor" {
            *text = text.replace("U3,Bidang B", "\"U\n3\",Bidang B");
        }
        if *name == "pegawai" {
            *text = text.replace(",U3,", ",\"U\n3\",");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &fs);
    let i = paket::import(dir.path(), &opts());
    let e: Vec<_> = places(&i)
        .into_iter()
        .filter(|p| matches!(p.3, Kind::ControlChar(_)) || p.3 == Kind::UnorUnknown)
        .collect();
    assert_eq!(
        e,
        vec![
            (
                "unor.csv",
                4,
                "unor_id",
                Kind::ControlChar('\n'),
                "U\u{240a}3"
            ),
            (
                "pegawai.csv",
                3,
                "unor_id",
                Kind::ControlChar('\n'),
                "U\u{240a}3"
            ),
            (
                "pegawai.csv",
                4,
                "unor_id",
                Kind::ControlChar('\n'),
                "U\u{240a}3"
            ),
        ]
    );
}

/// Decision: a control character in free text (a name, a title) is a paste from Word or an
/// Alt+Enter in Excel. It is replaced by a space with a warning; the import goes on.
#[test]
fn a_control_character_in_free_text_is_replaced_by_a_space_with_a_warning() {
    let mut fs = files();
    let edits = [
        ("unor", "Dinas A,", "\"Dinas\r\nA\","),
        ("pegawai", ",Budi,", ",\"Budi\nSantoso\","),
        ("pegawai", "Analis", "Analis\u{85}Kebijakan"),
        ("diklat", "Teknis,T1,", "Teknis,\"T\n1\","),
        (
            "hukdis",
            ",Pemotongan Tunjangan Kinerja 25%",
            ",\"Pemotongan Tunjangan Kinerja\n25%",
        ),
    ];
    for (file, from, to) in edits {
        let f = fs.iter_mut().find(|(n, _)| *n == file).unwrap();
        assert!(f.1.contains(from), "{from}");
        f.1 = f.1.replacen(from, to, 1);
    }
    let hukdis = fs.iter_mut().find(|(n, _)| *n == "hukdis").unwrap();
    hukdis.1 = hukdis.1.replacen("Bulan,", "Bulan\",", 1);
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &fs);
    let i = paket::import(dir.path(), &opts());
    assert!(!i.has_errors(), "{:#?}", errors(&i));
    assert_eq!(
        places(&i),
        vec![
            (
                "unor.csv",
                3,
                "nama_unor",
                Kind::ControlCharReplaced('\r'),
                "Dinas\u{240d}\u{240a}A"
            ),
            (
                "pegawai.csv",
                2,
                "nama",
                Kind::ControlCharReplaced('\n'),
                "Budi\u{240a}Santoso"
            ),
            (
                "pegawai.csv",
                3,
                "nama_jabatan",
                Kind::ControlCharReplaced('\u{85}'),
                "Analis<U+0085>Kebijakan"
            ),
            (
                "diklat.csv",
                3,
                "nama_diklat",
                Kind::ControlCharReplaced('\n'),
                "T\u{240a}1"
            ),
            (
                "hukdis.csv",
                2,
                "jenis_hukuman",
                Kind::ControlCharReplaced('\n'),
                "Pemotongan Tunjangan Kinerja\u{240a}25% Selama 6 Bulan"
            ),
        ]
    );
    let ds = &i.dataset;
    assert_eq!(
        &*ds.unor[1].nama, "Dinas A",
        "a run of control characters is one space"
    );
    assert_eq!(&*ds.pegawai[0].nama, "Budi Santoso");
    assert_eq!(&*ds.pegawai[1].nama_jabatan, "Analis Kebijakan");
    assert_eq!(
        ds.hukdis.of(2)[0].tingkat,
        TingkatHukdis::Sedang,
        "read from the cleaned text"
    );
    assert!(
        i.problems[0]
            .message(ipasn_core::teks::Lang::Id)
            .contains("diganti spasi")
    );
}

#[test]
fn control_characters_in_a_workbook_are_found_as_in_csv() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paket.xlsx");
    let mut wb = Workbook::new();
    for (name, text) in files() {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, line) in text.lines().enumerate() {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_bytes());
            let rec = rdr.records().next().unwrap().unwrap();
            for (c, v) in rec.iter().enumerate() {
                let v = match (name, r, c) {
                    ("unor", 2, 5) => "32.\n75".to_string(), // Alt+Enter in a code
                    ("pegawai", 2, 1) => "Sari\nDewi".to_string(), // … and in a name
                    _ => v.to_string(),
                };
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
    }
    wb.save(&path).unwrap();
    let i = paket::import(&path, &opts());
    assert_eq!(
        places(&i),
        vec![
            (
                "unor",
                3,
                "kode_wilayah",
                Kind::ControlChar('\n'),
                "32.\u{240a}75"
            ),
            (
                "pegawai",
                3,
                "nama",
                Kind::ControlCharReplaced('\n'),
                "Sari\u{240a}Dewi"
            ),
        ]
    );
    assert_eq!(i.problems[0].level, Level::Error);
    assert_eq!(i.problems[1].level, Level::Warning);
}

// ---- riwayat -----------------------------------------------------------------------------------

#[test]
fn riwayat_nip_must_be_in_pegawai() {
    one_error(
        &with(
            "diklat",
            "199002022015032002,Seminar",
            "199002022015032001,Seminar",
        ),
        "diklat.csv",
        4,
        "nip",
        Kind::NipUnknown,
    );
}

#[test]
fn unknown_spellings_are_errors_with_the_choices() {
    let i = with("pendidikan", "S-2,Magister", "S-9,Magister");
    let e = errors(&i);
    assert_eq!(
        (e[0].row, e[0].column.as_deref()),
        (Some(3), Some("tingkat_pendidikan"))
    );
    assert!(e[0].message(ipasn_core::teks::Lang::Id).contains("S-1"));
    let i = with(
        "hukdis",
        "Pemotongan Tunjangan Kinerja,Pemotongan",
        "Dipecat dulu,Pemotongan",
    );
    assert_eq!(errors(&i)[0].column.as_deref(), Some("tingkat"));
}

#[test]
fn punishment_name_in_jenis_hukuman_gives_the_level() {
    let i = with(
        "hukdis",
        "Pemotongan Tunjangan Kinerja,Pemotongan Tunjangan Kinerja 25%",
        ",Pembebasan Dari Jabatan",
    );
    assert!(errors(&i).is_empty(), "{:#?}", i.problems);
    assert_eq!(i.dataset.hukdis.of(2)[0].tingkat, TingkatHukdis::Berat);
}

#[test]
fn skp_rules() {
    one_error(
        &with("skp", "199002022015032002,2024", "198501012010011001,2024"),
        "skp.csv",
        3,
        "tahun",
        Kind::SkpDuplicate { first_row: 2 },
    );
    one_error(
        &with("skp", ",,Sangat Baik", ",,"),
        "skp.csv",
        3,
        "nilai",
        Kind::SkpEmpty,
    );
    one_error(
        &with("skp", "2024,88,", "2024,101,"),
        "skp.csv",
        2,
        "nilai",
        Kind::Range {
            min: "0".into(),
            max: "100".into(),
        },
    );
    let i = with("skp", "Sangat Baik", "Luar Biasa");
    assert_eq!(errors(&i)[0].column.as_deref(), Some("predikat"));
}

#[test]
fn end_before_start_is_an_error() {
    one_error(
        &with("diklat", "2016-01-01,2016-03-01", "2016-03-01,2016-01-01"),
        "diklat.csv",
        2,
        "tanggal_selesai",
        Kind::EndBeforeStart,
    );
    one_error(
        &with("hukdis", "2023-03-01,2023-09-01", "2023-03-01,2022-09-01"),
        "hukdis.csv",
        2,
        "akhir_hukuman",
        Kind::EndBeforeStart,
    );
}

#[test]
fn records_after_the_cutoff_are_warnings() {
    let i = with("pendidikan", "S-2,Magister,2014", "S-2,Magister,2025");
    assert!(errors(&i).is_empty());
    let w = &i.problems[0];
    assert_eq!(
        (w.level, w.sheet.as_str(), w.row, w.column.as_deref()),
        (
            Level::Warning,
            "pendidikan.csv",
            Some(3),
            Some("tahun_lulus")
        )
    );
    assert_eq!(w.kind, Kind::AfterCutoff("2024-12-31".into()));
}

// ---- files and structure ---------------------------------------------------------------------

#[test]
fn a_missing_required_column_is_named() {
    let i = with("pegawai", "status_kepegawaian,", "status,");
    let e = errors(&i);
    assert!(
        e.iter().any(|p| p.row == Some(1)
            && p.column.as_deref() == Some("status_kepegawaian")
            && p.kind == Kind::MissingColumn),
        "{e:#?}"
    );
    // The unknown header is reported as a warning.
    assert!(i.problems.iter().any(|p| p.level == Level::Warning
        && p.column.as_deref() == Some("status")
        && p.kind == Kind::UnknownColumn));
}

#[test]
fn headers_match_loosely_and_extra_columns_are_reported() {
    let i = with(
        "pegawai",
        "nip,nama,jenis_kelamin",
        "NIP,Nama,Jenis Kelamin",
    );
    assert!(errors(&i).is_empty(), "{:#?}", i.problems);
    let i = with(
        "skp",
        "nip,tahun,nilai,predikat",
        "nip,tahun,nilai,predikat,catatan",
    );
    assert!(errors(&i).is_empty());
    assert!(
        i.problems
            .iter()
            .any(|p| p.kind == Kind::UnknownColumn && p.column.as_deref() == Some("catatan"))
    );
}

#[test]
fn missing_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let fs: Vec<_> = files()
        .into_iter()
        .filter(|(n, _)| *n != "pegawai" && *n != "hukdis")
        .collect();
    write(dir.path(), &fs);
    let i = paket::import(dir.path(), &opts());
    assert!(i.problems.iter().any(|p| p.sheet == "pegawai.csv"
        && p.level == Level::Error
        && p.kind == Kind::MissingSheet));
    assert!(i.problems.iter().any(|p| p.sheet == "hukdis.csv"
        && p.level == Level::Warning
        && p.kind == Kind::OptionalSheetMissing));
}

#[test]
fn a_truncated_csv_row_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut fs = files();
    fs[3].1 = DIKLAT
        .trim_end()
        .rsplit_once(',')
        .unwrap()
        .0
        .rsplit_once(',')
        .unwrap()
        .0
        .to_string();
    write(dir.path(), &fs);
    let i = paket::import(dir.path(), &opts());
    let e = errors(&i);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!((e[0].sheet.as_str(), e[0].row), ("diklat.csv", Some(4)));
    assert_eq!(
        e[0].kind,
        Kind::ShortRow {
            found: 5,
            expected: 7
        }
    );
}

#[test]
fn semicolons_bom_and_windows_1252_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut fs = files();
    write(dir.path(), &fs);
    // pegawai.csv as Excel on an Indonesian Windows saves it: ';', decimal comma, BOM-less 1252.
    let p = PEGAWAI.replace(',', ";").replace("Agus", "Agus Séptian");
    let mut bytes: Vec<u8> = vec![];
    for ch in p.chars() {
        if ch == 'é' {
            bytes.push(0xE9);
        } else {
            bytes.extend(ch.to_string().as_bytes());
        }
    }
    std::fs::write(dir.path().join("pegawai.csv"), &bytes).unwrap();
    fs[4].1 = format!(
        "\u{feff}{}",
        SKP.replace(',', ";").replace("\"76;5\"", "76,5")
    );
    std::fs::write(dir.path().join("skp.csv"), &fs[4].1).unwrap();
    let i = paket::import(dir.path(), &opts());
    assert!(errors(&i).is_empty(), "{:#?}", i.problems);
    assert_eq!(&*i.dataset.pegawai[2].nama, "Agus Séptian");
    assert_eq!(i.dataset.skp.of(2)[0].nilai.unwrap().to_string(), "76.5");
    assert!(
        i.problems
            .iter()
            .any(|p| p.kind == Kind::Encoding && p.sheet == "pegawai.csv")
    );
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut fs = files();
    fs[1].1 = fs[1]
        .1
        .replacen("199002022015032002,Sari", "19900202201503200,Sari", 1);
    fs[3].1 = fs[3].1.replacen("05-03-2024", "31-02-2024", 1);
    fs[4].1 = fs[4].1.replacen("2024,88,", "2024,seratus,", 1);
    write(dir.path(), &fs);
    let i = paket::import(dir.path(), &opts());
    let places: Vec<_> = errors(&i)
        .iter()
        .map(|p| (p.sheet.clone(), p.row.unwrap(), p.column.clone().unwrap()))
        .collect();
    assert!(
        places.contains(&("pegawai.csv".into(), 3, "nip".into())),
        "{places:?}"
    );
    assert!(
        places.contains(&("diklat.csv".into(), 3, "tanggal_selesai".into())),
        "{places:?}"
    );
    assert!(
        places.contains(&("skp.csv".into(), 2, "nilai".into())),
        "{places:?}"
    );
    // Sari's riwayat rows now point to an unknown NIP: reported too, in sheet order.
    assert!(places.contains(&("pendidikan.csv".into(), 3, "nip".into())));
    let sheets: Vec<_> = places.iter().map(|p| p.0.clone()).collect();
    let mut sorted = sheets.clone();
    sorted.sort_by_key(|s| paket::SHEETS.iter().position(|x| s.starts_with(x)));
    assert_eq!(sheets, sorted, "problems come in package order");
}

#[test]
fn an_xlsx_workbook_with_a_numeric_nip_is_refused_at_the_right_cell() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paket.xlsx");
    let mut wb = Workbook::new();
    for (name, text) in files() {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, line) in text.lines().enumerate() {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_bytes());
            let rec = rdr.records().next().unwrap().unwrap();
            for (c, v) in rec.iter().enumerate() {
                if name == "pegawai" && r == 3 && c == 0 {
                    ws.write_number(r as u32, c as u16, v.parse::<f64>().unwrap())
                        .unwrap();
                } else {
                    ws.write_string(r as u32, c as u16, v).unwrap();
                }
            }
        }
    }
    wb.save(&path).unwrap();
    let i = paket::import(&path, &opts());
    let e = errors(&i);
    assert_eq!(
        (
            e[0].sheet.as_str(),
            e[0].row,
            e[0].column.as_deref(),
            &e[0].kind
        ),
        ("pegawai", Some(4), Some("nip"), &Kind::NipScientific)
    );
}
