//! Properties over whole generated packages: shuffling the rows of every file changes no result,
//! and the unit figures add up.

use ipasn_core::Tanggal;
use ipasn_core::agregat;
use ipasn_core::hasil::Dimensi;
use ipasn_core::rules::RuleSet;
use ipasn_core::skor::{Penilai, nilai_semua};
use ipasn_data::generator::{self, GenOptions};
use ipasn_data::masalah::Kind;
use ipasn_data::paket::{self, ImportOptions};
use proptest::prelude::*;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use std::collections::BTreeMap;
use std::path::Path;

fn opts() -> ImportOptions {
    ImportOptions::new(
        Tanggal::new(2026, 11, 29).unwrap(),
        Tanggal::new(2024, 12, 31),
    )
}

/// Per NIP: the four dimension points, IP, category and flags; per unit id: the unit row.
fn results(dir: &Path, threads: usize) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    results_with(dir, threads, &opts())
}

fn results_with(
    dir: &Path,
    threads: usize,
    opts: &ImportOptions,
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let imported = paket::import(dir, opts);
    assert!(
        !imported.has_errors(),
        "{:#?}",
        &imported.problems[..imported.problems.len().min(5)]
    );
    let ds = &imported.dataset;
    let rules = RuleSet::default_rules();
    let penilai = Penilai::new(&rules, 2024);
    let hasil = nilai_semua(ds, &penilai, threads);
    let unor_of: Vec<u32> = ds.pegawai.iter().map(|p| p.unor).collect();
    let units = agregat::per_unor(&ds.unor, &unor_of, &hasil, &rules);
    let mut people = BTreeMap::new();
    for (p, h) in ds.pegawai.iter().zip(&hasil) {
        let v = match h {
            Some(h) => format!(
                "{:?} {} {} {}",
                Dimensi::ALL.map(|d| h.poin(d).to_string()),
                h.ip,
                rules.kategori[h.kategori as usize].nama,
                h.flags
            ),
            None => "-".into(),
        };
        people.insert(p.nip.to_string(), v);
    }
    let mut unit_rows = BTreeMap::new();
    for (u, a) in ds.unor.iter().zip(&units) {
        assert_eq!(
            a.jumlah.iter().sum::<u64>(),
            a.jumlah_ip,
            "dimension sums add up to the IP sum"
        );
        unit_rows.insert(u.id.clone(), format!("{a:?}"));
    }
    (people, unit_rows)
}

fn shuffle_files(dir: &Path, seed: u64) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    for f in paket::SHEETS {
        let path = dir.join(format!("{f}.csv"));
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        let header = lines.remove(0);
        lines.shuffle(&mut rng);
        let mut out = String::from(header);
        out.push('\n');
        for l in lines {
            out.push_str(l);
            out.push('\n');
        }
        std::fs::write(&path, out).unwrap();
    }
}

/// Import options that keep only the training records the 2024 measurement can use.
fn opts_for_2024() -> ImportOptions {
    let rules = RuleSet::default_rules();
    let penilai = Penilai::with_cutoff(&rules, 2024, Tanggal::new(2024, 12, 31).unwrap());
    ImportOptions {
        diklat_perlu: Some(penilai.diklat_perlu()),
        ..opts()
    }
}

#[test]
fn leaving_out_unneeded_training_changes_no_result() {
    // A workbook is read one sheet at a time, the persons first: every training row is
    // filtered. (A folder's first part may be read before the persons are known; it is kept.)
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("paket.xlsx");
    generator::generate(
        GenOptions {
            persons: 800,
            seed: 11,
            ..GenOptions::default()
        },
        generator::xlsx_sink(&book).unwrap(),
    )
    .unwrap();
    let all = paket::import(&book, &opts());
    let needed = paket::import(&book, &opts_for_2024());
    assert!(!all.has_errors());
    assert_eq!(needed.problems, all.problems);
    assert_eq!(
        needed.counts, all.counts,
        "left-out rows are counted as read"
    );
    assert!(
        needed.dataset.diklat.len() * 10 < all.dataset.diklat.len() * 8,
        "a good share of old training is left out: {} of {}",
        needed.dataset.diklat.len(),
        all.dataset.diklat.len()
    );
    assert_eq!(
        results_with(&book, 2, &opts_for_2024()),
        results_with(&book, 2, &opts())
    );

    // In a folder, read in parts: same results; a left-out row's NIP is still checked.
    let csv = dir.path().join("csv");
    generator::generate(
        GenOptions {
            persons: 1500,
            seed: 12,
            ..GenOptions::default()
        },
        generator::csv_sink(&csv).unwrap(),
    )
    .unwrap();
    let parts = ImportOptions {
        split_over: 0,
        ..opts_for_2024()
    };
    assert_eq!(results_with(&csv, 2, &parts), results(&csv, 2));
    let mut diklat = std::fs::read_to_string(csv.join("diklat.csv")).unwrap();
    diklat.push_str("199001012015031099,Teknis,Pelatihan Lama,2010-03-01,2010-03-04,30,BKPSDM\n");
    let rows = diklat.lines().count() as u32;
    std::fs::write(csv.join("diklat.csv"), diklat).unwrap();
    let with_unknown = paket::import(&csv, &parts);
    let unknown: Vec<_> = with_unknown
        .problems
        .iter()
        .filter(|p| p.sheet == "diklat.csv")
        .map(|p| {
            (
                p.row,
                p.column.as_deref(),
                matches!(p.kind, Kind::NipUnknown),
            )
        })
        .collect();
    assert_eq!(unknown, vec![(Some(rows), Some("nip"), true)]);
}

#[test]
fn a_sheet_read_in_parts_gives_what_it_gives_whole() {
    let dir = tempfile::tempdir().unwrap();
    let sink = generator::csv_sink(dir.path()).unwrap();
    generator::generate(
        GenOptions {
            persons: 1500,
            seed: 5,
            ..GenOptions::default()
        },
        sink,
    )
    .unwrap();
    // Plant problems in the second half of diklat.csv: an unknown NIP and an impossible date.
    let path = dir.path().join("diklat.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let k = lines.len() * 3 / 4;
    let set = |line: &str, col: usize, value: &str| {
        let mut f: Vec<&str> = line.split(',').collect();
        f[col] = value;
        f.join(",")
    };
    lines[k] = set(&lines[k], 0, "199912312024011999");
    let m = k + 7;
    lines[m] = set(&lines[m], 3, "2024-02-30");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let whole = paket::import(
        dir.path(),
        &ImportOptions {
            split_over: u64::MAX,
            ..opts()
        },
    );
    let parts = paket::import(
        dir.path(),
        &ImportOptions {
            split_over: 0,
            ..opts()
        },
    );
    assert_eq!(parts.dataset, whole.dataset);
    assert_eq!(parts.problems, whole.problems);
    assert_eq!(parts.counts, whole.counts);
    let rows: Vec<u32> = whole
        .problems
        .iter()
        .filter(|p| p.sheet == "diklat.csv")
        .filter_map(|p| p.row)
        .collect();
    assert_eq!(
        rows,
        vec![k as u32 + 1, m as u32 + 1],
        "{:#?}",
        whole.problems
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn shuffling_rows_changes_no_result(seed in 0u64..1000, shuffle_seed in any::<u64>()) {
        let dir = tempfile::tempdir().unwrap();
        let sink = generator::csv_sink(dir.path()).unwrap();
        generator::generate(GenOptions { persons: 1500, seed, ..GenOptions::default() }, sink).unwrap();
        let before = results(dir.path(), 1);
        shuffle_files(dir.path(), shuffle_seed);
        let after = results(dir.path(), 2);
        prop_assert_eq!(before.0, after.0);
        prop_assert_eq!(before.1, after.1);
    }
}
