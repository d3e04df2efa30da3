//! `ipasn rencana` end to end on a generated package: the chosen actions are checked from
//! outside against every candidate (`--semua-aksi`): within the budget, at most one action per
//! group of alternatives, within each action's seats; the projected mean is the current mean of
//! the measured persons (from `ipasn compute`) plus the chosen points over their number; a
//! larger budget never projects less.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ipasn"))
}

fn rows(f: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(f).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let h: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|x| {
            h.iter()
                .cloned()
                .zip(x.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn rencana(
    dir: &Path,
    anggaran: &str,
    nama: &str,
    lagi: &[&str],
) -> (
    String,
    Vec<HashMap<String, String>>,
    Vec<HashMap<String, String>>,
) {
    let out = dir.join(format!("{nama}.csv"));
    let semua = dir.join(format!("{nama}-semua.csv"));
    let o = bin()
        .args([
            "rencana",
            dir.join("paket").to_str().unwrap(),
            "--year",
            "2024",
            "--anggaran",
            anggaran,
        ])
        .args([
            "--out",
            out.to_str().unwrap(),
            "--semua-aksi",
            semua.to_str().unwrap(),
            "--proyeksi",
            dir.join(format!("{nama}-proyeksi.csv")).to_str().unwrap(),
        ])
        .args(lagi)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (
        String::from_utf8(o.stdout).unwrap(),
        rows(&out),
        rows(&semua),
    )
}

fn mean_after(stdout: &str) -> f64 {
    let i = stdout.find("→ ").unwrap() + "→ ".len();
    stdout[i..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn plan_checked_from_outside() {
    let dir = tempfile::tempdir().unwrap();
    let g = bin()
        .args(["generate", "--persons", "600", "--seed", "5", "--out"])
        .arg(dir.path().join("paket"))
        .output()
        .unwrap();
    assert!(g.status.success());
    let (stdout, pilih, semua) = rencana(dir.path(), "150.000.000", "kecil", &[]);
    // Each chosen row is a candidate; its group's alternatives are not chosen with it.
    let kelompok: HashMap<(String, String), String> = semua
        .iter()
        .map(|r| ((r["nip"].clone(), r["aksi"].clone()), r["kelompok"].clone()))
        .collect();
    let mut dipakai = HashSet::new();
    let mut biaya = 0f64;
    let mut poin = 0f64;
    let mut per_aksi: HashMap<String, usize> = HashMap::new();
    for r in &pilih {
        let g = kelompok
            .get(&(r["nip"].clone(), r["aksi"].clone()))
            .expect("a chosen action is a candidate");
        assert!(dipakai.insert(g.clone()), "two actions of group {g}");
        biaya += r["biaya"].parse::<f64>().unwrap();
        poin += r["poin"].parse::<f64>().unwrap();
        *per_aksi.entry(r["aksi"].clone()).or_default() += 1;
    }
    assert!(biaya <= 150_000_000.0, "{biaya}");
    assert!(!pilih.is_empty() && poin > 0.0);
    assert!(per_aksi.get("teknis-elearning-20jp").copied().unwrap_or(0) <= 2000);
    // The projection is the current mean of the measured persons plus the chosen points.
    let out = dir.path().join("hasil.csv");
    let c = bin()
        .args([
            "compute",
            dir.path().join("paket").to_str().unwrap(),
            "--year",
            "2024",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(c.status.success());
    let hasil = rows(&out);
    let diukur: Vec<f64> = hasil
        .iter()
        .filter(|r| {
            r.get("diukur")
                .is_none_or(|d| d == "ya" || d == "true" || d == "1")
        })
        .filter_map(|r| r.get("ip").and_then(|x| x.parse().ok()))
        .collect();
    let n: usize = stdout.split_whitespace().next().unwrap().parse().unwrap();
    assert_eq!(diukur.len(), n, "{stdout}");
    let sekarang = diukur.iter().sum::<f64>() / n as f64;
    assert!(
        (mean_after(&stdout) - (sekarang + poin / n as f64)).abs() < 0.006,
        "{stdout}"
    );
    // The forecast is the scorer's: each person's records with the chosen actions done,
    // scored again, give exactly their IP (as `compute` has it) plus the chosen points.
    let ip: HashMap<String, f64> = hasil
        .iter()
        .filter_map(|r| Some((r["nip"].clone(), r.get("ip")?.parse().ok()?)))
        .collect();
    let mut poin_orang: HashMap<String, f64> = HashMap::new();
    for r in &pilih {
        *poin_orang.entry(r["nip"].clone()).or_default() += r["poin"].parse::<f64>().unwrap();
    }
    let proyeksi = rows(&dir.path().join("kecil-proyeksi.csv"));
    assert_eq!(proyeksi.len(), n);
    let mut naik = 0;
    for r in &proyeksi {
        let sekarang = ip[&r["nip"]];
        let tambah = poin_orang.get(&r["nip"]).copied().unwrap_or(0.0);
        assert_eq!(r["ip"].parse::<f64>().unwrap(), sekarang);
        assert_eq!(
            r["ip_proyeksi"].parse::<f64>().unwrap(),
            sekarang + tambah,
            "{}",
            r["nip"]
        );
        naik += usize::from(tambah > 0.0);
    }
    assert!(naik > 10, "{naik}");
    // More money never projects less.
    let (besar, _, _) = rencana(dir.path(), "1500000000", "besar", &[]);
    assert!(mean_after(&besar) >= mean_after(&stdout));
}

/// The other objectives: the persons reaching "Tinggi" (more than 80) as printed are those
/// whose scored-again IP is over 80, and never fewer than the greedy plan's; units reaching 80
/// are counted out of the units under the instansi.
#[test]
fn objectives_category_and_units() {
    let dir = tempfile::tempdir().unwrap();
    let g = bin()
        .args(["generate", "--persons", "400", "--seed", "9", "--out"])
        .arg(dir.path().join("paket"))
        .output()
        .unwrap();
    assert!(g.status.success());
    let (stdout, _, _) = rencana(
        dir.path(),
        "300000000",
        "kategori",
        &["--tujuan", "kategori", "--kategori", "Tinggi"],
    );
    let line = stdout
        .lines()
        .find(|l| l.starts_with("Tujuan kategori: "))
        .unwrap_or_else(|| panic!("{stdout}"));
    let angka: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|x| x.parse().ok())
        .collect();
    let (tercapai, rakus) = (angka[0], angka[2]);
    let proyeksi = rows(&dir.path().join("kategori-proyeksi.csv"));
    let di_atas = proyeksi
        .iter()
        .filter(|r| r["ip_proyeksi"].parse::<f64>().unwrap() > 80.0)
        .count();
    assert_eq!(tercapai, di_atas, "{stdout}");
    assert!(tercapai >= rakus, "{stdout}");
    let sebelum = proyeksi
        .iter()
        .filter(|r| r["ip"].parse::<f64>().unwrap() > 80.0)
        .count();
    assert!(tercapai > sebelum, "{stdout}");
    let (stdout, _, _) = rencana(dir.path(), "300000000", "unit", &["--tujuan", "unit80"]);
    assert!(stdout.contains("Tujuan unit80: "), "{stdout}");
    let o = bin()
        .args(["rencana", dir.path().join("paket").to_str().unwrap()])
        .args(["--year", "2024", "--anggaran", "1", "--tujuan", "kategori"])
        .args(["--kategori", "Istimewa", "--out"])
        .arg(dir.path().join("x.csv"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Sangat Tinggi"));
}
