//! `ipasn instrumen …` end to end: real files in, real files out. Expected numbers are computed
//! by hand from IPIP-50's published key (`shared/spec/asesmen.md` §6).

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ipasn"))
        .args(args)
        .output()
        .expect("ipasn runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Two persons: odd items 5 and even items 1; then all 3 with items 1, 2 and 12 unanswered and
/// a formula-looking id.
fn ipip_sheet(dir: &Path) -> std::path::PathBuf {
    let mut s = kepala();
    s += "\n198001012005011001";
    for i in 1..=50 {
        s += if i % 2 == 1 { ",5" } else { ",1" };
    }
    // Second person: every answer 3, item 1 (E) empty; items 2 and 12 (A) empty.
    s += "\n=1+2";
    for i in 1..=50 {
        s += if [1, 2, 12].contains(&i) { "," } else { ",3" };
    }
    s += "\n";
    let f = dir.join("jawaban.csv");
    std::fs::write(&f, s).unwrap();
    f
}

#[test]
fn periksa_accepts_the_shipped_bundle_and_the_template() {
    let o = run(&["instrumen", "periksa", "ipip-50"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("50 butir, 5 skala"),
        "{}",
        text(&o.stdout)
    );
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("tes");
    assert!(run(&["instrumen", "templat", p(&t)]).status.success());
    let o = run(&["--lang", "en", "instrumen", "periksa", p(&t)]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("3 items, 2 scales"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn periksa_names_every_problem_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path();
    std::fs::write(
        b.join("instrumen.toml"),
        "id = \"x\"\nnama = \"X\"\njenis = \"likert\"\n[lisensi]\nredistributable = true\ntingkat = \"B\"\npemilik = \"t\"\n[likert]\nmin = 1\nmax = 5\n[[skala]]\nkode = \"E\"\nnama = \"E\"\n",
    )
    .unwrap();
    std::fs::write(b.join("butir.csv"), "id,teks\n1,a\n2,b\n").unwrap();
    std::fs::write(b.join("kunci.csv"), "id,skala,arah\n1,E,+\n2,Q,-\n").unwrap();
    let o = run(&["--lang", "en", "instrumen", "periksa", p(b)]);
    assert_eq!(o.status.code(), Some(1));
    let e = text(&o.stderr);
    assert!(
        e.contains("kunci.csv, row 3, column skala: scale 'Q' is not defined"),
        "{e}"
    );
    assert!(e.contains("Problems found, nothing was written: 1"), "{e}");
}

#[test]
fn skor_writes_raw_scores_t_scores_and_percentiles() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = ipip_sheet(dir.path());
    let out = dir.path().join("skor.csv");
    let o = run(&["instrumen", "skor", "ipip-50", p(&sheet), "--out", p(&out)]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let got = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(lines[0], "nip,E,A,C,ES,I");
    // Person 1 (see ipasn-instrumen's test): E 50, A 46, C 46, ES 38, I 42.
    assert_eq!(lines[1], "198001012005011001,50,46,46,38,42");
    // Person 2: all 3s score 3 either way: 30 per complete scale; E misses one item →
    // prorated 27 / 9 × 10 = 30; A misses two → empty. The formula-looking NIP is neutralised.
    assert_eq!(lines[2], "'=1+2,30,,30,30,30", "{got}");

    // A norm: E mean 40, SD 10 → person 1's 50 is z = 1: T 60, percentile 84.13.
    let norma = dir.path().join("norma.csv");
    std::fs::write(
        &norma,
        "skala,n,rerata,sb\nE,120,40,10\nA,120,40,10\nC,120,40,10\nES,120,40,10\nI,120,40,10\n",
    )
    .unwrap();
    let o = run(&[
        "instrumen",
        "skor",
        "ipip-50",
        p(&sheet),
        "--out",
        p(&out),
        "--norma",
        p(&norma),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let got = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = got.lines().collect();
    assert!(
        lines[0].starts_with("nip,E,A,C,ES,I,E_t,E_p,A_t,A_p"),
        "{}",
        lines[0]
    );
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert_eq!((cells[6], cells[7]), ("60", "84.13"));
    // A: 46 → z 0.6, T 56, Φ(0.6) = 0.72575 → 72.57.
    assert_eq!((cells[8], cells[9]), ("56", "72.57"));
}

#[test]
fn norma_and_analisis_from_a_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = kepala();
    // Four persons: all 1, all 2, all 4, all 5 → every keyed item is x or 6 − x.
    for (k, v) in [1, 2, 4, 5].iter().enumerate() {
        s += &format!("\n19800101200501100{k}");
        for _ in 1..=50 {
            s += &format!(",{v}");
        }
    }
    let sheet = dir.path().join("j.csv");
    std::fs::write(&sheet, s).unwrap();
    let norma = dir.path().join("n.csv");
    let o = run(&[
        "instrumen",
        "norma",
        "ipip-50",
        p(&sheet),
        "--out",
        p(&norma),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // E has five + and five − items: every person scores 5x + 5(6 − x) = 30: no spread, so no
    // norm for E (said on stderr); A (six +, four −) scores 24 + 2x: 26, 28, 32, 34 → mean 30.
    let n = std::fs::read_to_string(&norma).unwrap();
    assert!(!n.lines().any(|l| l.starts_with("E,")), "{n}");
    assert!(n.lines().any(|l| l.starts_with("A,4,30,")), "{n}");
    assert!(
        text(&o.stderr).contains("E tanpa norma"),
        "{}",
        text(&o.stderr)
    );
    let o = run(&["instrumen", "analisis", "ipip-50", p(&sheet), "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    for k in ["E", "A", "C", "ES", "I"] {
        assert_eq!(v[k]["n"], 4);
        assert_eq!(v[k]["items"].as_array().unwrap().len(), 10);
        assert!(v[k].get("alpha").is_some() && v[k].get("omega").is_some());
    }
    // E's total is constant: no alpha.
    assert!(v["E"]["alpha"].is_null());
}

#[test]
fn skor_refuses_a_bad_sheet_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("j.csv");
    let mut s = kepala();
    s += "\n198001012005011001";
    for i in 1..=50 {
        s += if i == 7 { ",6" } else { ",3" };
    }
    std::fs::write(&sheet, s).unwrap();
    let out = dir.path().join("skor.csv");
    let o = run(&[
        "--lang",
        "en",
        "instrumen",
        "skor",
        "ipip-50",
        p(&sheet),
        "--out",
        p(&out),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains(
            "j.csv, row 2, column 7: '6' is not an allowed value. Use one of: 1, 2, 3, 4, 5."
        ),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists());
}

#[test]
fn a_ninety_pair_sheet_is_scored_and_pairs_sum_to_ninety() {
    // A made-up PAPI-shaped bank (the real one is the user's licensed file): statement s keyed
    // to scale s mod 20. The sheet has 91 columns, past the 64 of other uploads.
    let scales = [
        "N", "G", "A", "L", "P", "I", "T", "V", "X", "S", "B", "O", "R", "D", "C", "Z", "E", "K",
        "F", "W",
    ];
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("papi");
    std::fs::create_dir(&b).unwrap();
    let mut toml = "id = \"papi-uji\"\nnama = \"Uji\"\njenis = \"pasangan\"\nmodel = \"papi-kostick\"\n[lisensi]\nredistributable = false\ntingkat = \"C\"\npemilik = \"t\"\n".to_string();
    for k in scales {
        toml += &format!("[[skala]]\nkode = \"{k}\"\nnama = \"{k}\"\n");
    }
    std::fs::write(b.join("instrumen.toml"), toml).unwrap();
    let (mut butir, mut kunci, mut sheet) = (
        "id,a,b".to_string(),
        "id,a,b".to_string(),
        "nip".to_string(),
    );
    for p in 1..=90 {
        butir += &format!("\n{p},pernyataan {p}a,pernyataan {p}b");
        kunci += &format!(
            "\n{p},{},{}",
            scales[(2 * (p - 1)) % 20],
            scales[(2 * (p - 1) + 1) % 20]
        );
        sheet += &format!(",{p}");
    }
    sheet += "\n198001012005011001";
    for p in 1..=90 {
        sheet += if p % 2 == 0 { ",a" } else { ",b" };
    }
    std::fs::write(b.join("butir.csv"), butir).unwrap();
    std::fs::write(b.join("kunci.csv"), kunci).unwrap();
    let j = dir.path().join("j.csv");
    std::fs::write(&j, sheet).unwrap();
    let out = dir.path().join("s.csv");
    let o = run(&["instrumen", "skor", p(&b), p(&j), "--out", p(&out)]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let got = std::fs::read_to_string(&out).unwrap();
    let row: Vec<f64> = got
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .skip(1)
        .map(|c| c.parse().unwrap())
        .collect();
    assert_eq!((row.len(), row.iter().sum::<f64>()), (20, 90.0));
    // A norm for an ipsative instrument is refused.
    let n = dir.path().join("n.csv");
    std::fs::write(&n, "skala,n,rerata,sb\nN,100,4,2\n").unwrap();
    assert_eq!(
        run(&[
            "instrumen",
            "skor",
            p(&b),
            p(&j),
            "--out",
            p(&out),
            "--norma",
            p(&n)
        ])
        .status
        .code(),
        Some(1)
    );
}

#[test]
fn a_norm_file_that_places_no_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = ipip_sheet(dir.path());
    let out = dir.path().join("skor.csv");
    let n = dir.path().join("n.csv");
    for bad in [
        "skala,n,rerata,sb\nE,100,30,0\n",
        "skala,n,rerata,sb\nE,1,30,5\n",
        "skala,n,rerata,sb\nE,100,30,-4\n",
        "skala,mentah,t,persentil\nE,10,40,150\n",
        "skala,mentah,t,persentil\nE,10,40,20\nE,10,45,30\n",
    ] {
        std::fs::write(&n, bad).unwrap();
        let o = run(&[
            "--lang",
            "en",
            "instrumen",
            "skor",
            "ipip-50",
            p(&sheet),
            "--out",
            p(&out),
            "--norma",
            p(&n),
        ]);
        assert_eq!(o.status.code(), Some(1), "{bad}");
        assert!(
            text(&o.stderr).contains("not a valid norm: E"),
            "{bad}: {}",
            text(&o.stderr)
        );
    }
}

/// The header of an IPIP-50 answer sheet: `nip,1,…,50`.
fn kepala() -> String {
    std::iter::once("nip".to_string())
        .chain((1..=50).map(|i| i.to_string()))
        .collect::<Vec<_>>()
        .join(",")
}
