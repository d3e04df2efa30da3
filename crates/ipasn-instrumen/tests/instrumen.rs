//! Instruments: scoring against hand-computed examples for each kind of item, one bad bundle per
//! validation rule (file, row and column named), content hashes, and invariants as properties.
//! DISC and PAPI banks here are made up in the test (the real ones are the user's licensed
//! files and never in the repository).

use ipasn_instrumen::bundel::{Berkas, Bundel, Lembar, sidik};
use ipasn_instrumen::jawaban::{self, Respons};
use ipasn_instrumen::masalah::{Jenis, Masalah};
use ipasn_instrumen::skor::skor;
use proptest::prelude::*;

/// A table from CSV text without quotes (the tests' own small files).
fn lembar(nama: &str, csv: &str) -> Lembar {
    Lembar {
        nama: nama.into(),
        baris: csv
            .lines()
            .enumerate()
            .map(|(i, l)| (i as u32 + 1, l.split(',').map(str::to_string).collect()))
            .collect(),
    }
}

fn berkas(struktur: &str, files: &[(&str, String)]) -> Berkas {
    let mut b = Berkas {
        struktur: struktur.into(),
        ..Berkas::default()
    };
    b.sidik
        .insert("instrumen.toml".into(), sidik(struktur.as_bytes()));
    for (n, t) in files {
        b.lembar.insert(n.to_string(), lembar(n, t));
        b.sidik.insert(n.to_string(), sidik(t.as_bytes()));
    }
    b
}

fn problems(r: Result<Bundel, Vec<Masalah>>) -> Vec<Masalah> {
    match r {
        Ok(_) => panic!("the bundle should be refused"),
        Err(m) => m,
    }
}

fn has(
    m: &[Masalah],
    file: &str,
    row: Option<u32>,
    col: Option<&str>,
    pred: impl Fn(&Jenis) -> bool,
) {
    assert!(
        m.iter().any(|p| p.berkas == file
            && p.baris == row
            && p.kolom.as_deref() == col
            && pred(&p.jenis)),
        "no such problem at {file} {row:?} {col:?} in {m:#?}"
    );
}

// ---------- Likert ----------

const LIKERT: &str = r#"
id = "mini"
nama = "Mini"
jenis = "likert"
[lisensi]
redistributable = true
tingkat = "B"
pemilik = "test"
[likert]
min = 1
max = 5
[[skala]]
kode = "X"
nama = "X"
[[skala]]
kode = "Y"
nama = "Y"
"#;

fn likert() -> Bundel {
    let butir = "id,teks\n1,a\n2,b\n3,c\n4,d\n5,e\n6,f".to_string();
    let kunci = "id,skala,arah\n1,X,+\n2,X,-\n3,X,+\n4,Y,+\n5,Y,-\n6,Y,-".to_string();
    Bundel::susun(
        &berkas(LIKERT, &[("butir.csv", butir), ("kunci.csv", kunci)]),
        true,
    )
    .unwrap()
}

fn r(v: &[Option<u8>]) -> Vec<Respons> {
    v.iter()
        .map(|x| Respons {
            pilih: *x,
            least: None,
        })
        .collect()
}

#[test]
fn likert_sums_with_reverse_keys() {
    let b = likert();
    // X = 5 + (6 − 2) + 3 = 12; Y = 4 + (6 − 1) + (6 − 5) = 10.
    let h = skor(
        &b,
        &r(&[Some(5), Some(2), Some(3), Some(4), Some(1), Some(5)]),
    )
    .unwrap();
    assert_eq!(h.skala[0].mentah, Some(12.0));
    assert_eq!(h.skala[1].mentah, Some(10.0));
    assert_eq!((h.skala[0].maks, h.dijawab), (15.0, 6));
}

#[test]
fn likert_prorates_one_missing_item_and_refuses_two() {
    let b = likert();
    // X: 5 and 3 answered → mean 4 × 3 items = 12, prorated; Y: two missing → no score.
    let h = skor(&b, &r(&[Some(5), None, Some(3), Some(4), None, None])).unwrap();
    assert_eq!(h.skala[0].mentah, Some(12.0));
    assert!(h.skala[0].prorata);
    assert_eq!(h.skala[1].mentah, None);
}

#[test]
fn the_shipped_ipip_50_scores_by_its_key() {
    let files: Vec<(String, Vec<u8>)> = ipasn_instrumen::bawaan("ipip-50")
        .unwrap()
        .into_iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    let mut b = Berkas::default();
    for (n, isi) in &files {
        b.sidik.insert(n.clone(), sidik(isi));
        if n == "instrumen.toml" {
            b.struktur = String::from_utf8(isi.clone()).unwrap();
        } else if n.ends_with(".csv") {
            // The shipped CSV files quote cells with commas: read them with a real reader in
            // ipasn-data's tests; here only the unquoted items and key.
            if n != "interpretasi.csv" {
                b.lembar
                    .insert(n.clone(), lembar(n, std::str::from_utf8(isi).unwrap()));
            }
        }
    }
    let bundel = Bundel::susun(&b, true).unwrap();
    assert_eq!((bundel.butir.len(), bundel.skala.len()), (50, 5));
    // Odd items answered 5, even items 1. E: +1,11,21,31,41 (odd: 5 each) and −6,16,26,36,46
    // (even: 6 − 1 = 5 each) = 50. A: +7,17,27,37,47 (25) + 42 (1) and −2,12,22,32 (5 each)
    // = 46. C: +3,13,23,33,43 (25) + 48 (1), −8,18,28,38 (20) = 46. ES: +9,19 (10),
    // −4,14,24,34,44 (25), −29,39,49 (odd: 6 − 5 = 1 each, 3) = 38. I: +5,15,25,35,45 (25),
    // +40,50 (2), −10,20,30 (15) = 42.
    let ans: Vec<Respons> = (1..=50)
        .map(|i| Respons {
            pilih: Some(if i % 2 == 1 { 5 } else { 1 }),
            least: None,
        })
        .collect();
    let h = skor(&bundel, &ans).unwrap();
    let got: Vec<(String, f64)> = h
        .skala
        .iter()
        .map(|s| (s.kode.clone(), s.mentah.unwrap()))
        .collect();
    let want: Vec<(String, f64)> = [
        ("E", 50.0),
        ("A", 46.0),
        ("C", 46.0),
        ("ES", 38.0),
        ("I", 42.0),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), *v))
    .collect();
    assert_eq!(got, want);
}

// ---------- PAPI-shaped pairs (made-up bank) ----------

const PAPI: &[&str] = &[
    "N", "G", "A", "L", "P", "I", "T", "V", "X", "S", "B", "O", "R", "D", "C", "Z", "E", "K", "F",
    "W",
];

fn papi_toml() -> String {
    let mut s = "id = \"pasangan-uji\"\nnama = \"Uji\"\njenis = \"pasangan\"\nmodel = \"papi-kostick\"\n[lisensi]\nredistributable = false\ntingkat = \"C\"\npemilik = \"test\"\n".to_string();
    for k in PAPI {
        s += &format!("[[skala]]\nkode = \"{k}\"\nnama = \"{k}\"\n");
    }
    s
}

/// 90 pairs; statement `s` (a of pair p is 2p, b is 2p + 1) keyed to scale `s mod 20`: 9 each.
fn papi(pairs: usize, key: impl Fn(usize) -> String) -> Berkas {
    let mut butir = "id,a,b".to_string();
    let mut kunci = "id,a,b".to_string();
    for p in 1..=pairs {
        butir += &format!("\n{p},pernyataan {p}a,pernyataan {p}b");
        kunci += &format!("\n{p},{},{}", key(2 * (p - 1)), key(2 * (p - 1) + 1));
    }
    berkas(&papi_toml(), &[("butir.csv", butir), ("kunci.csv", kunci)])
}

#[test]
fn papi_scales_sum_to_ninety_on_a_complete_sheet() {
    let b = Bundel::susun(&papi(90, |s| PAPI[s % 20].into()), true).unwrap();
    let ans: Vec<Respons> = (0..90)
        .map(|i| Respons {
            pilih: Some((i % 3 == 0) as u8),
            least: None,
        })
        .collect();
    let h = skor(&b, &ans).unwrap();
    let sum: f64 = h.skala.iter().map(|s| s.mentah.unwrap()).sum();
    assert_eq!(sum, 90.0);
    assert!(
        h.skala
            .iter()
            .all(|s| s.maks == 9.0 && (0.0..=9.0).contains(&s.mentah.unwrap()))
    );
    // Pair 1 (i = 0) chose b: statement 1 → scale G; pair 2 chose a: statement 2 → A.
    let g = h.skala.iter().find(|s| s.kode == "G").unwrap();
    assert!(g.mentah.unwrap() >= 1.0);
}

#[test]
fn papi_structure_is_checked() {
    let m = problems(Bundel::susun(&papi(89, |s| PAPI[s % 20].into()), true));
    has(&m, "butir.csv", None, None, |j| {
        *j == Jenis::JumlahButir { harus: 90, ada: 89 }
    });
    // Statement 0 keyed to G instead of N: N has 8, G has 10.
    let m = problems(Bundel::susun(
        &papi(90, |s| {
            if s == 0 {
                "G".into()
            } else {
                PAPI[s % 20].into()
            }
        }),
        true,
    ));
    assert!(m.iter().any(|p| p.berkas == "kunci.csv"
        && p.nilai == "N"
        && p.jenis == Jenis::PerSkala { harus: 9, ada: 8 }));
    assert!(
        m.iter()
            .any(|p| p.nilai == "G" && p.jenis == Jenis::PerSkala { harus: 9, ada: 10 })
    );
    // A key to a scale that does not exist, row 2 (pair 1), column a.
    let m = problems(Bundel::susun(
        &papi(90, |s| {
            if s == 0 {
                "Q".into()
            } else {
                PAPI[s % 20].into()
            }
        }),
        true,
    ));
    has(&m, "kunci.csv", Some(2), Some("a"), |j| {
        *j == Jenis::SkalaTidakDikenal
    });
}

// ---------- DISC-shaped groups (made-up bank) ----------

const DISC_TOML: &str = r#"
id = "paling-uji"
nama = "Uji"
jenis = "paling"
model = "disc"
[lisensi]
redistributable = false
tingkat = "C"
pemilik = "test"
[[skala]]
kode = "D"
nama = "D"
[[skala]]
kode = "I"
nama = "I"
[[skala]]
kode = "S"
nama = "S"
[[skala]]
kode = "C"
nama = "C"
"#;

/// `groups` groups of `words` words; word j: Most → DISC[j], Least → DISC[(j + 1) % 4], except
/// word 3's Least, keyed to none.
fn disc(groups: usize, words: usize, most: impl Fn(usize, usize) -> String) -> Berkas {
    let l = ["D", "I", "S", "C"];
    let mut butir = "kelompok,pilihan,teks".to_string();
    let mut kunci = "kelompok,pilihan,most,least".to_string();
    for g in 1..=groups {
        for j in 0..words {
            butir += &format!("\n{g},{},kata {g}-{j}", j + 1);
            let least = if j == 3 { "" } else { l[(j + 1) % 4] };
            kunci += &format!("\n{g},{},{},{least}", j + 1, most(g, j));
        }
    }
    berkas(DISC_TOML, &[("butir.csv", butir), ("kunci.csv", kunci)])
}

fn disc_ok() -> Bundel {
    let l = ["D", "I", "S", "C"];
    Bundel::susun(&disc(24, 4, |_, j| l[j].into()), true).unwrap()
}

#[test]
fn disc_graphs_and_graph_three_is_most_minus_least() {
    let b = disc_ok();
    // Groups 1–12: Most word 1 (D), Least word 2 (its Least key: S). Groups 13–24: Most word 3
    // (S), Least word 4 (keyed to none).
    let ans: Vec<Respons> = (0..24)
        .map(|g| {
            if g < 12 {
                Respons {
                    pilih: Some(0),
                    least: Some(1),
                }
            } else {
                Respons {
                    pilih: Some(2),
                    least: Some(3),
                }
            }
        })
        .collect();
    let h = skor(&b, &ans).unwrap();
    let g = h.disc.as_ref().unwrap();
    assert_eq!(g.most, vec![12, 0, 12, 0]);
    assert_eq!(g.least, vec![0, 0, 12, 0]);
    assert_eq!(g.selisih, vec![12, 0, 0, 0]);
    let raw: Vec<f64> = h.skala.iter().map(|s| s.mentah.unwrap()).collect();
    assert_eq!(raw, vec![12.0, 0.0, 0.0, 0.0]);
}

#[test]
fn disc_structure_is_checked() {
    let l = ["D", "I", "S", "C"];
    let m = problems(Bundel::susun(&disc(23, 4, |_, j| l[j].into()), true));
    has(&m, "butir.csv", None, None, |j| {
        *j == Jenis::JumlahButir { harus: 24, ada: 23 }
    });
    // Three words per group: the first row of each group is named.
    let m = problems(Bundel::susun(&disc(24, 3, |_, j| l[j].into()), true));
    has(&m, "butir.csv", Some(2), Some("kelompok"), |j| {
        *j == Jenis::KataPerKelompok { harus: 4, ada: 3 }
    });
    // A Most letter that is no scale: group 2, word 3 is row 1 + 4 + 3 = 8 of the key.
    let m = problems(Bundel::susun(
        &disc(24, 4, |g, j| {
            if g == 2 && j == 2 {
                "X".into()
            } else {
                l[j].into()
            }
        }),
        true,
    ));
    has(&m, "kunci.csv", Some(8), Some("most"), |j| {
        matches!(j, Jenis::Pilihan(_))
    });
}

#[test]
fn disc_most_equal_to_least_is_an_answer_error() {
    let b = disc_ok();
    let mut sheet = "nip".to_string();
    for g in 1..=24 {
        sheet += &format!(",{g}.M,{g}.L");
    }
    sheet += "\n198001012005011001";
    for g in 1..=24 {
        sheet += if g == 3 { ",2,2" } else { ",1,2" };
    }
    let m = jawaban::baca(&b, &lembar("jawaban.csv", &sheet)).unwrap_err();
    assert_eq!(m.len(), 1);
    assert_eq!(
        (m[0].baris, m[0].kolom.as_deref(), &m[0].jenis),
        (Some(2), Some("3.L"), &Jenis::MostSamaLeast)
    );
}

// ---------- multiple choice ----------

const MC: &str = r#"
id = "tes"
nama = "Tes"
jenis = "pilihan"
[lisensi]
redistributable = false
tingkat = "A"
pemilik = "test"
[[bagian]]
id = "P"
waktu = "20m"
[[bagian]]
id = "S"
waktu = "1j30m"
"#;

fn mc(kunci: &str) -> Result<Bundel, Vec<Masalah>> {
    let butir = "id,bagian,teks,a,b,c\n1,P,q1,x,y,z\n2,P,q2,x,y,z\n3,S,q3,x,y,z".to_string();
    Bundel::susun(
        &berkas(
            MC,
            &[("butir.csv", butir), ("kunci.csv", kunci.to_string())],
        ),
        true,
    )
}

#[test]
fn multiple_choice_per_section_with_partial_credit() {
    let b = mc("id,opsi,skor\n1,a,1\n2,c,1\n3,b,2\n3,a,1").unwrap();
    assert_eq!(b.definisi.waktu_bagian(1), Some(5400));
    // Answers: 1 → a (1), 2 → b (0), 3 → a (partial, 1). P = 1 of 2, S = 1 of 2, total 2 of 4.
    let h = skor(&b, &r(&[Some(0), Some(1), Some(0)])).unwrap();
    assert_eq!((h.skala[0].mentah, h.skala[0].maks), (Some(1.0), 2.0));
    assert_eq!((h.skala[1].mentah, h.skala[1].maks), (Some(1.0), 2.0));
    assert_eq!(h.total, Some((2.0, 4.0)));
    // Unanswered earns nothing.
    let h = skor(&b, &r(&[None, Some(2), Some(1)])).unwrap();
    assert_eq!(h.total, Some((3.0, 4.0)));
}

#[test]
fn multiple_choice_key_rules() {
    // Item 2 without a key; item 9 unknown; option d not there; item 3 worth nothing.
    let m = problems(mc("id,opsi,skor\n1,a,1\n9,a,1\n1,d,1\n3,b,0"));
    has(&m, "kunci.csv", None, None, |j| *j == Jenis::TanpaKunci);
    assert!(
        m.iter()
            .any(|p| p.jenis == Jenis::TanpaKunci && p.nilai == "2")
    );
    has(&m, "kunci.csv", Some(3), Some("id"), |j| {
        *j == Jenis::ButirTidakAda
    });
    has(&m, "kunci.csv", Some(4), Some("opsi"), |j| {
        *j == Jenis::OpsiTidakAda
    });
    assert!(
        m.iter()
            .any(|p| p.jenis == Jenis::TanpaJawabanBenar && p.nilai == "3")
    );
}

#[test]
fn time_limits_that_do_not_parse_are_named() {
    let bad = MC.replace("waktu = \"20m\"", "waktu = \"dua puluh menit\"");
    let butir = "id,bagian,teks,a,b\n1,P,q,x,y".to_string();
    let m = problems(Bundel::susun(
        &berkas(
            &bad,
            &[
                ("butir.csv", butir),
                ("kunci.csv", "id,jawaban\n1,a".into()),
            ],
        ),
        true,
    ));
    has(&m, "instrumen.toml", None, Some("bagian[1].waktu"), |j| {
        *j == Jenis::Waktu
    });
}

#[test]
fn duplicate_ids_missing_keys_and_unknown_items() {
    let butir = "id,teks\n1,a\n2,b\n2,c\n4,d\n5,e\n6,f".to_string();
    let kunci = "id,skala,arah\n1,X,+\n2,X,x\n3,X,+\n4,Z,+\n5,Y,-".to_string();
    let m = problems(Bundel::susun(
        &berkas(LIKERT, &[("butir.csv", butir), ("kunci.csv", kunci)]),
        true,
    ));
    has(&m, "butir.csv", Some(4), Some("id"), |j| {
        *j == Jenis::Ganda { pertama: 3 }
    });
    has(&m, "kunci.csv", Some(3), Some("arah"), |j| {
        *j == Jenis::Arah
    });
    has(&m, "kunci.csv", Some(4), Some("id"), |j| {
        *j == Jenis::ButirTidakAda
    });
    has(&m, "kunci.csv", Some(5), Some("skala"), |j| {
        *j == Jenis::SkalaTidakDikenal
    });
    assert!(
        m.iter()
            .any(|p| p.jenis == Jenis::TanpaKunci && p.nilai == "6")
    );
    // Every problem has both languages, a message and a fix.
    for p in &m {
        use ipasn_core::teks::Lang;
        assert!(!p.pesan(Lang::Id).is_empty() && !p.saran(Lang::En).is_empty());
        assert_ne!(p.pesan(Lang::Id), p.pesan(Lang::En));
    }
}

#[test]
fn ipip_model_needs_ten_items_per_scale() {
    // Fifty items, five scales, but item 50 keyed to E instead of I: E 11, I 9.
    let mut s = LIKERT.replace(
        "[[skala]]\nkode = \"X\"\nnama = \"X\"\n[[skala]]\nkode = \"Y\"\nnama = \"Y\"\n",
        "",
    );
    s = s.replace(
        "jenis = \"likert\"",
        "jenis = \"likert\"\nmodel = \"ipip-50\"",
    );
    for k in ["E", "A", "C", "ES", "I"] {
        s += &format!("[[skala]]\nkode = \"{k}\"\nnama = \"{k}\"\n");
    }
    let scales = ["E", "A", "C", "ES", "I"];
    let mut butir = "id,teks".to_string();
    let mut kunci = "id,skala,arah".to_string();
    for i in 1..=50 {
        butir += &format!("\n{i},t");
        let sc = if i == 50 { "E" } else { scales[(i - 1) % 5] };
        kunci += &format!("\n{i},{sc},+");
    }
    let m = problems(Bundel::susun(
        &berkas(&s, &[("butir.csv", butir), ("kunci.csv", kunci)]),
        true,
    ));
    assert!(
        m.iter()
            .any(|p| p.nilai == "E" && p.jenis == Jenis::PerSkala { harus: 10, ada: 11 })
    );
    assert!(
        m.iter()
            .any(|p| p.nilai == "I" && p.jenis == Jenis::PerSkala { harus: 10, ada: 9 })
    );
}

#[test]
fn a_changed_key_is_another_version_and_old_scores_recompute_with_the_old_key() {
    let old = likert();
    let butir = "id,teks\n1,a\n2,b\n3,c\n4,d\n5,e\n6,f".to_string();
    let kunci = "id,skala,arah\n1,X,+\n2,X,+\n3,X,+\n4,Y,+\n5,Y,-\n6,Y,-".to_string();
    let new = Bundel::susun(
        &berkas(LIKERT, &[("butir.csv", butir), ("kunci.csv", kunci)]),
        true,
    )
    .unwrap();
    assert_ne!(old.versi(), new.versi());
    assert_eq!(old.sidik["butir.csv"], new.sidik["butir.csv"]);
    assert_ne!(old.sidik["kunci.csv"], new.sidik["kunci.csv"]);
    let a = r(&[Some(5), Some(2), Some(3), Some(4), Some(1), Some(5)]);
    assert_eq!(skor(&old, &a).unwrap().skala[0].mentah, Some(12.0));
    assert_eq!(skor(&new, &a).unwrap().skala[0].mentah, Some(10.0));
    assert_eq!(skor(&old, &a).unwrap().skala[0].mentah, Some(12.0));
}

#[test]
fn a_withheld_key_loads_the_items_and_refuses_to_score() {
    let butir = "id,teks\n1,a\n2,b\n3,c\n4,d\n5,e\n6,f".to_string();
    let b = Bundel::susun(&berkas(LIKERT, &[("butir.csv", butir.clone())]), false).unwrap();
    assert!(b.kunci.is_none());
    assert!(skor(&b, &r(&[Some(1); 6])).is_err());
    let m = problems(Bundel::susun(
        &berkas(LIKERT, &[("butir.csv", butir)]),
        true,
    ));
    has(&m, "kunci.csv", None, None, |j| *j == Jenis::BerkasTidakAda);
}

proptest! {
    #[test]
    fn likert_scales_stay_in_range(ans in proptest::collection::vec(proptest::option::weighted(0.9, 1u8..=5), 6)) {
        let b = likert();
        let h = skor(&b, &r(&ans)).unwrap();
        for s in &h.skala {
            if let Some(x) = s.mentah {
                prop_assert!((3.0..=15.0).contains(&x), "{x}");
            }
        }
    }

    #[test]
    fn disc_graphs_count_the_key_of_each_choice(ans in proptest::collection::vec((0u8..4, 0u8..3), 24)) {
        // The made-up key, counted here on its own: word j's Most is scale j; its Least is scale
        // j + 1 (mod 4), and word 4 has none. Least is drawn as an offset so it differs from Most.
        let b = disc_ok();
        let rs: Vec<Respons> = ans.iter().map(|(m, o)| Respons { pilih: Some(*m), least: Some((*m + 1 + *o) % 4) }).collect();
        let (mut most, mut least) = ([0i32; 4], [0i32; 4]);
        for r in &rs {
            most[r.pilih.unwrap() as usize] += 1;
            let l = r.least.unwrap() as usize;
            if l != 3 {
                least[(l + 1) % 4] += 1;
            }
        }
        let g = skor(&b, &rs).unwrap().disc.unwrap();
        prop_assert_eq!(&g.most, &most.to_vec());
        prop_assert_eq!(&g.least, &least.to_vec());
        let iii: Vec<i32> = (0..4).map(|s| most[s] - least[s]).collect();
        prop_assert_eq!(&g.selisih, &iii);
    }

    #[test]
    fn papi_counts_every_answered_pair_once(ans in proptest::collection::vec(proptest::option::of(0u8..2), 90)) {
        let b = Bundel::susun(&papi(90, |s| PAPI[s % 20].into()), true).unwrap();
        let rs: Vec<Respons> = ans.iter().map(|x| Respons { pilih: *x, least: None }).collect();
        let h = skor(&b, &rs).unwrap();
        let sum: f64 = h.skala.iter().map(|s| s.mentah.unwrap()).sum();
        prop_assert_eq!(sum as usize, ans.iter().filter(|x| x.is_some()).count());
    }
}

// ---------- careless and hostile input ----------

#[test]
fn answer_sheets_refuse_doubled_columns_empty_rows_and_empty_sheets() {
    let b = likert();
    // Column 1 twice: which holds the answer? Refused, not guessed.
    let m = jawaban::baca(
        &b,
        &lembar(
            "j.csv",
            "nip,1,2,3,4,5,6,1\n198001012005011001,1,2,3,4,5,1,5",
        ),
    )
    .unwrap_err();
    assert!(
        m.iter().any(|p| p.baris == Some(1)
            && p.kolom.as_deref() == Some("1")
            && matches!(p.jenis, Jenis::Ganda { .. })),
        "{m:?}"
    );
    // A row without any answer, and a sheet with no person.
    let m = jawaban::baca(
        &b,
        &lembar("j.csv", "nip,1,2,3,4,5,6\n198001012005011001,,,,,,"),
    )
    .unwrap_err();
    assert_eq!((m[0].baris, &m[0].jenis), (Some(2), &Jenis::TanpaJawaban));
    let m = jawaban::baca(&b, &lembar("j.csv", "nip,1,2,3,4,5,6")).unwrap_err();
    assert_eq!(m[0].jenis, Jenis::TanpaJawaban);
}

#[test]
fn item_ids_that_differ_only_in_case_are_one_id() {
    let butir = "id,teks\na,x\nA,y\n3,c\n4,d\n5,e\n6,f".to_string();
    let kunci = "id,skala,arah\na,X,+\n3,X,+\n4,Y,+\n5,Y,-\n6,Y,-".to_string();
    let m = problems(Bundel::susun(
        &berkas(LIKERT, &[("butir.csv", butir), ("kunci.csv", kunci)]),
        true,
    ));
    has(&m, "butir.csv", Some(3), Some("id"), |j| {
        *j == Jenis::Ganda { pertama: 2 }
    });
}

#[test]
fn codes_and_texts_that_could_mislead_are_refused() {
    let bad = LIKERT
        .replace("kode = \"X\"", "kode = \"=HYPERLINK(1)\"")
        .replace("nama = \"Mini\"", "nama = \"Mi\u{202e}ni\"");
    let butir = "id,teks\n1,a".to_string();
    let m = problems(Bundel::susun(&berkas(&bad, &[("butir.csv", butir)]), false));
    has(&m, "instrumen.toml", None, Some("skala[1].kode"), |j| {
        *j == Jenis::Kode
    });
    has(&m, "instrumen.toml", None, Some("nama"), |j| {
        *j == Jenis::Kendali
    });
}

#[test]
fn norms_that_place_no_one_are_not_built_or_read() {
    use ipasn_instrumen::norma::{BarisNorma, NormaSkala, bangun};
    let b = likert();
    // Everyone answers X the same: X has no spread, so no norm; Y does.
    let a = skor(
        &b,
        &r(&[Some(3), Some(3), Some(3), Some(1), Some(2), Some(3)]),
    )
    .unwrap();
    let c = skor(
        &b,
        &r(&[Some(3), Some(3), Some(3), Some(5), Some(4), Some(3)]),
    )
    .unwrap();
    let n = bangun("uji", &[&a, &c]);
    assert!(!n.skala.contains_key("X") && n.skala.contains_key("Y"));
    assert!(
        bangun("uji", &[&a]).skala.is_empty(),
        "one person is no norm"
    );
    assert!(
        !NormaSkala::Linear {
            n: 1,
            rerata: 30.0,
            sb: 4.0
        }
        .sah()
    );
    assert!(
        !NormaSkala::Linear {
            n: 100,
            rerata: 30.0,
            sb: -4.0
        }
        .sah()
    );
    let row = |m, t, p| BarisNorma {
        mentah: m,
        t,
        persentil: p,
    };
    assert!(
        !NormaSkala::Tabel {
            baris: vec![row(10.0, 40.0, 150.0)]
        }
        .sah()
    );
    assert!(
        !NormaSkala::Tabel {
            baris: vec![row(10.0, 40.0, 20.0), row(10.0, 45.0, 30.0)]
        }
        .sah()
    );
    assert!(
        NormaSkala::Tabel {
            baris: vec![row(10.0, 40.0, 20.0), row(12.0, 45.0, 30.0)]
        }
        .sah()
    );
}

#[test]
fn disc_pattern_with_the_users_tables_and_none_from_a_partial_table() {
    let l = ["D", "I", "S", "C"];
    let mut b = disc(24, 4, |_, j| l[j].into());
    // Made-up conversion: graph III raw r → segment 4 + r/4 (so r > 0 is above the midline 4).
    let mut konversi = "grafik,skala,mentah,segmen".to_string();
    for s in l {
        for r in -24..=24 {
            konversi += &format!("\nIII,{s},{r},{}", 4.0 + r as f64 / 4.0);
        }
    }
    let pola = "pola,d,i,s,c,teks\nPengarah,+,-,*,*,Tegas dan cepat memutuskan.\nLainnya,*,*,*,*,Profil lain.".to_string();
    b.lembar
        .insert("konversi.csv".into(), lembar("konversi.csv", &konversi));
    b.lembar
        .insert("pola.csv".into(), lembar("pola.csv", &pola));
    let bundel = Bundel::susun(&b, true).unwrap();
    // Most = D word, Least = I word (word 4's Least key is none; word 1's Least is I).
    let ans: Vec<Respons> = (0..24)
        .map(|_| Respons {
            pilih: Some(0),
            least: Some(0 + 1),
        })
        .collect();
    let h = skor(&bundel, &ans).unwrap();
    let g = h.disc.unwrap();
    // Graph III: D +24, I 0, S −24 (word 2's Least key is S), C 0 → D above, I not: Pengarah.
    assert_eq!(g.selisih, vec![24, 0, -24, 0]);
    assert_eq!(
        g.pola.map(|p| bundel.pola[p].nama.clone()),
        Some("Pengarah".into())
    );
    // A conversion table without the row for D at +24: no pattern rather than a wrong one.
    let partial = konversi.replace("\nIII,D,24,10", "");
    b.lembar
        .insert("konversi.csv".into(), lembar("konversi.csv", &partial));
    let bundel = Bundel::susun(&b, true).unwrap();
    assert_eq!(skor(&bundel, &ans).unwrap().disc.unwrap().pola, None);
}

#[test]
fn a_model_cannot_be_relaxed_and_section_ids_are_codes() {
    let l = ["D", "I", "S", "C"];
    let mut b = disc(20, 4, |_, j| l[j].into());
    b.struktur = b.struktur.replace(
        "model = \"disc\"",
        "model = \"disc\"\n[struktur]\nbutir = 20",
    );
    let m = problems(Bundel::susun(&b, true));
    has(&m, "instrumen.toml", None, Some("struktur.butir"), |j| {
        *j == Jenis::Model
    });
    let bad = MC.replace("id = \"S\"", "id = \"P\"");
    let m = problems(mc_with(&bad, "id,opsi,skor\n1,a,1\n2,c,1\n3,b,2"));
    has(&m, "instrumen.toml", None, Some("bagian[2].id"), |j| {
        matches!(j, Jenis::Ganda { .. })
    });
    // Control characters in an item's text: the file, row and column named.
    let butir = "id,teks\n1,a\u{7}b\n2,b\n3,c\n4,d\n5,e\n6,f".to_string();
    let kunci = "id,skala,arah\n1,X,+\n2,X,-\n3,X,+\n4,Y,+\n5,Y,-\n6,Y,-".to_string();
    let m = problems(Bundel::susun(
        &berkas(LIKERT, &[("butir.csv", butir), ("kunci.csv", kunci)]),
        true,
    ));
    has(&m, "butir.csv", Some(2), Some("teks"), |j| {
        *j == Jenis::Kendali
    });
}

fn mc_with(struktur: &str, kunci: &str) -> Result<Bundel, Vec<Masalah>> {
    let butir = "id,bagian,teks,a,b,c\n1,P,q1,x,y,z\n2,P,q2,x,y,z\n3,P,q3,x,y,z".to_string();
    Bundel::susun(
        &berkas(
            struktur,
            &[("butir.csv", butir), ("kunci.csv", kunci.to_string())],
        ),
        true,
    )
}
