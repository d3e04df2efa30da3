//! Psychometric instrument files (instrumen): a bundle read from a folder, from uploaded files or
//! from the shipped ones; answer sheets; norm files; score files; the template of an instansi's
//! own knowledge or situational-judgement test. Every table is read by [`crate::tabel`] (CSV or
//! XLSX, bounded) and written by [`crate::tabel::tulis`] (formula-looking text neutralised); the
//! rules are `ipasn_instrumen`'s.

use crate::tabel::{self, tulis::Sel};
use ipasn_instrumen::bundel::{self, Berkas, Bundel, Lembar};
use ipasn_instrumen::definisi::{Definisi, STRUKTUR};
use ipasn_instrumen::jawaban::{self, LembarJawaban};
use ipasn_instrumen::masalah::{Jenis, Masalah};
use ipasn_instrumen::norma::{BarisNorma, Norma, NormaSkala};
use ipasn_instrumen::skor::Hasil;
use std::collections::BTreeMap;
use std::path::Path;

/// The most bytes one file of a bundle may have (items of a large test bank fit many times).
pub const MAKS_BERKAS: u64 = 64 << 20;

/// Reads a table file into rows of text.
pub fn lembar(nama: &str, isi: &[u8]) -> Result<Lembar, Box<Masalah>> {
    lembar_dengan(nama, isi, &tabel::Batas::default())
}

/// [`lembar`] with other limits (an answer sheet has a column per item).
fn lembar_dengan(nama: &str, isi: &[u8], batas: &tabel::Batas) -> Result<Lembar, Box<Masalah>> {
    let t = tabel::baca(nama, isi, batas).map_err(|p| {
        Box::new(Masalah::berkas(
            nama,
            Jenis::TidakTerbaca {
                id: p.message(ipasn_core::teks::Lang::Id),
                en: p.message(ipasn_core::teks::Lang::En),
            },
        ))
    })?;
    Ok(Lembar {
        nama: nama.to_string(),
        baris: t
            .iter()
            .map(|b| (b.nomor(), b.iter().map(str::to_string).collect()))
            .collect(),
    })
}

/// A bundle from its files (name → bytes): the structure file, then the tables it names.
/// `perlu_kunci`: the key file must be there.
pub fn dari_berkas(
    files: &BTreeMap<String, Vec<u8>>,
    perlu_kunci: bool,
) -> Result<Bundel, Vec<Masalah>> {
    let Some(struktur) = files.get(STRUKTUR) else {
        return Err(vec![Masalah::berkas(STRUKTUR, Jenis::BerkasTidakAda)]);
    };
    let Ok(struktur) = String::from_utf8(struktur.clone()) else {
        return Err(vec![Masalah::berkas(STRUKTUR, Jenis::BukanUtf8)]);
    };
    let def = Definisi::baca(&struktur)?;
    let mut b = Berkas {
        struktur,
        ..Berkas::default()
    };
    let mut m = vec![];
    let d = &def.berkas;
    for nama in [&d.butir, &d.kunci, &d.interpretasi, &d.konversi, &d.pola] {
        if let Some(isi) = files.get(nama) {
            match lembar(nama, isi) {
                Ok(l) => {
                    b.lembar.insert(nama.clone(), l);
                }
                Err(p) => m.push(*p),
            }
        }
    }
    // The version is the files the bundle is made of: the structure and what it names (a README
    // or anything else beside them is not part of it).
    for (nama, isi) in files {
        if nama == STRUKTUR
            || [&d.butir, &d.kunci, &d.interpretasi, &d.konversi, &d.pola].contains(&nama)
        {
            b.sidik.insert(nama.clone(), bundel::sidik(isi));
        }
    }
    if !m.is_empty() {
        return Err(m);
    }
    Bundel::susun(&b, perlu_kunci)
}

/// A bundle from a folder (its structure file and the files it names; other files are not
/// read), or a shipped bundle by id (`ipip-50`) when no such folder exists.
pub fn baca(sumber: &str, perlu_kunci: bool) -> Result<Bundel, Vec<Masalah>> {
    let dir = Path::new(sumber);
    if !dir.is_dir() {
        if let Some(files) = ipasn_instrumen::bawaan(sumber) {
            let files = files
                .into_iter()
                .map(|(n, b)| (n.to_string(), b.to_vec()))
                .collect();
            return dari_berkas(&files, perlu_kunci);
        }
        return Err(vec![Masalah::berkas(sumber, Jenis::BerkasTidakAda)]);
    }
    let mut files = BTreeMap::new();
    let baca_satu = |nama: &str| -> Result<Option<Vec<u8>>, Masalah> {
        let p = dir.join(nama);
        match std::fs::metadata(&p) {
            Err(_) => Ok(None),
            Ok(m) if m.len() > MAKS_BERKAS => Err(Masalah::berkas(
                nama,
                Jenis::TidakTerbaca {
                    id: format!("lebih dari {} MiB", MAKS_BERKAS >> 20),
                    en: format!("over {} MiB", MAKS_BERKAS >> 20),
                },
            )),
            Ok(_) => std::fs::read(&p).map(Some).map_err(|e| {
                Masalah::berkas(
                    nama,
                    Jenis::TidakTerbaca {
                        id: e.to_string(),
                        en: e.to_string(),
                    },
                )
            }),
        }
    };
    let struktur = match baca_satu(STRUKTUR) {
        Ok(Some(s)) => s,
        Ok(None) => return Err(vec![Masalah::berkas(STRUKTUR, Jenis::BerkasTidakAda)]),
        Err(m) => return Err(vec![m]),
    };
    let Ok(teks) = std::str::from_utf8(&struktur) else {
        return Err(vec![Masalah::berkas(STRUKTUR, Jenis::BukanUtf8)]);
    };
    let def = Definisi::baca(teks)?;
    files.insert(STRUKTUR.to_string(), struktur);
    let d = &def.berkas;
    for nama in [&d.butir, &d.kunci, &d.interpretasi, &d.konversi, &d.pola] {
        match baca_satu(nama) {
            Ok(Some(isi)) => {
                files.insert(nama.clone(), isi);
            }
            Ok(None) => {}
            Err(m) => return Err(vec![m]),
        }
    }
    dari_berkas(&files, perlu_kunci)
}

/// An answer sheet read against a bundle.
pub fn jawaban(b: &Bundel, nama: &str, isi: &[u8]) -> Result<Vec<LembarJawaban>, Vec<Masalah>> {
    // `nip` and a column per item (two per Most/Least group), and a few to spare.
    let batas = tabel::Batas {
        kolom: (2 * b.butir.len() as u64 + 8).max(tabel::Batas::default().kolom),
        ..tabel::Batas::default()
    };
    let l = lembar_dengan(nama, isi, &batas).map_err(|m| vec![*m])?;
    jawaban::baca(b, &l)
}

/// A norm file: `skala, n, rerata, sb` (linear) or `skala, mentah, t, persentil` (a table).
pub fn norma(nama: &str, isi: &[u8], b: &Bundel) -> Result<Norma, Vec<Masalah>> {
    let l = lembar(nama, isi).map_err(|m| vec![*m])?;
    let judul: Vec<String> = l
        .baris
        .first()
        .map(|(_, r)| r.iter().map(|c| c.trim().to_lowercase()).collect())
        .unwrap_or_default();
    let col = |n: &str| judul.iter().position(|j| j == n);
    let linear = col("rerata").is_some();
    let need: &[&str] = if linear {
        &["skala", "n", "rerata", "sb"]
    } else {
        &["skala", "mentah", "t", "persentil"]
    };
    let mut m = vec![];
    for n in need {
        if col(n).is_none() {
            m.push(Masalah::sel(nama, 1, n, "", Jenis::KolomTidakAda));
        }
    }
    if !m.is_empty() {
        return Err(m);
    }
    let mut out = Norma {
        kelompok: nama.to_string(),
        orang: 0,
        skala: BTreeMap::new(),
    };
    for (n, row) in l.isi() {
        let cell = |c: &str| row.get(col(c).unwrap()).map_or("", |s| s.trim());
        let kode = cell("skala");
        let Some(s) = b.skala(kode) else {
            m.push(Masalah::sel(
                nama,
                n,
                "skala",
                kode,
                Jenis::SkalaTidakDikenal,
            ));
            continue;
        };
        let kode = b.skala[s].kode.clone();
        let mut num = |c: &str| {
            let v = bundel::angka(cell(c));
            if v.is_none() {
                m.push(Masalah::sel(nama, n, c, cell(c), Jenis::Angka));
            }
            v
        };
        if linear {
            if let (Some(k), Some(r), Some(sb)) = (num("n"), num("rerata"), num("sb")) {
                out.skala.insert(
                    kode,
                    NormaSkala::Linear {
                        n: k.max(0.0) as usize,
                        rerata: r,
                        sb,
                    },
                );
            }
        } else if let (Some(x), Some(t), Some(p)) = (num("mentah"), num("t"), num("persentil")) {
            let e = out
                .skala
                .entry(kode)
                .or_insert(NormaSkala::Tabel { baris: vec![] });
            if let NormaSkala::Tabel { baris } = e {
                baris.push(BarisNorma {
                    mentah: x,
                    t,
                    persentil: p,
                });
            }
        }
    }
    for (kode, v) in out.skala.iter_mut() {
        if let NormaSkala::Tabel { baris } = v {
            baris.sort_by(|a, b| a.mentah.total_cmp(&b.mentah));
        }
        if !v.sah() {
            m.push(Masalah::berkas(nama, Jenis::NormaTidakSah).dengan_nilai(kode));
        }
    }
    if m.is_empty() { Ok(out) } else { Err(m) }
}

/// A linear norm as a CSV file (`skala, n, rerata, sb`) that [`norma`] reads back.
pub fn tulis_norma(n: &Norma) -> Vec<u8> {
    let mut rows = vec![];
    for (kode, s) in &n.skala {
        if let NormaSkala::Linear { n, rerata, sb } = s {
            rows.push(vec![
                Sel::from(kode.as_str()),
                Sel::Angka(*n as f64),
                Sel::Angka(*rerata),
                Sel::Angka(*sb),
            ]);
        }
    }
    csv(&["skala", "n", "rerata", "sb"].map(String::from), &rows)
}

/// CSV without a byte order mark (the CLI's files), neutralised as every table.
fn csv(kolom: &[String], rows: &[Vec<Sel>]) -> Vec<u8> {
    let mut w = tabel::tulis::Csv::new(Vec::new(), false).expect("writing to a Vec");
    w.kolom(kolom).expect("writing to a Vec");
    for r in rows {
        w.baris(r).expect("writing to a Vec");
    }
    w.selesai().expect("writing to a Vec")
}

fn dua(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The score file: `nip`, each scale's raw score under its code; with a norm each scale's
/// `<code>_t` and `<code>_p`; multiple choice adds `total`; Most/Least groups add graphs I and
/// II as `<code>_I`, `<code>_II` (the code's column is graph III) and the matching `pola`.
/// Decimals are rounded to two places; a score that cannot be given is an empty cell.
pub fn tulis_skor(b: &Bundel, hasil: &[(String, Hasil)], norma: Option<&Norma>) -> Vec<u8> {
    let mut kolom = vec!["nip".to_string()];
    kolom.extend(b.skala.iter().map(|s| s.kode.clone()));
    if norma.is_some() {
        for s in &b.skala {
            kolom.push(format!("{}_t", s.kode));
            kolom.push(format!("{}_p", s.kode));
        }
    }
    let mc = b.jenis == ipasn_instrumen::definisi::JenisInstrumen::Pilihan;
    let disc = b.jenis == ipasn_instrumen::definisi::JenisInstrumen::Paling;
    if mc {
        kolom.push("total".into());
    }
    if disc {
        for s in &b.skala {
            kolom.push(format!("{}_I", s.kode));
            kolom.push(format!("{}_II", s.kode));
        }
        kolom.push("pola".into());
    }
    let mut rows = vec![];
    for (nip, h) in hasil {
        let mut r = vec![Sel::from(nip.as_str())];
        r.extend(h.skala.iter().map(|s| Sel::from(s.mentah.map(dua))));
        if let Some(n) = norma {
            for s in &h.skala {
                let tp = s.mentah.and_then(|x| n.skala.get(&s.kode)?.nilai(x));
                r.push(Sel::from(tp.map(|v| dua(v.0))));
                r.push(Sel::from(tp.map(|v| dua(v.1))));
            }
        }
        if mc {
            r.push(Sel::from(h.total.map(|t| dua(t.0))));
        }
        if let Some(g) = h.disc.as_ref().filter(|_| disc) {
            for s in 0..b.skala.len() {
                r.push(Sel::Angka(g.most[s] as f64));
                r.push(Sel::Angka(g.least[s] as f64));
            }
            r.push(Sel::from(g.pola.map(|p| b.pola[p].nama.clone())));
        }
        rows.push(r);
    }
    csv(&kolom, &rows)
}

/// The template of an instansi's own multiple-choice test (knowledge or situational judgement):
/// files (name, bytes) of a bundle that `ipasn instrumen periksa` accepts as it is — a commented
/// `instrumen.toml` with two timed sections, `butir.xlsx` (the items with example rows, and a
/// sheet of instructions) and `kunci.xlsx` (a score per option, partial credit shown).
pub fn templat() -> Result<Vec<(String, Vec<u8>)>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let e = |x: rust_xlsxwriter::XlsxError| x.to_string();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let sheet =
        |wb: &mut Workbook, name: &str, rows: &[&[&str]], widths: &[f64]| -> Result<(), String> {
            let ws = wb.add_worksheet().set_name(name).map_err(e)?;
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    if r == 0 {
                        ws.write_string_with_format(r as u32, c as u16, *v, &bold)
                            .map_err(e)?;
                    } else {
                        ws.write_string_with_format(r as u32, c as u16, *v, &wrap)
                            .map_err(e)?;
                    }
                }
            }
            for (c, w) in widths.iter().enumerate() {
                ws.set_column_width(c as u16, *w).map_err(e)?;
            }
            Ok(())
        };
    let mut butir = Workbook::new();
    sheet(
        &mut butir,
        "butir",
        TEMPLAT_BUTIR,
        &[6.0, 8.0, 60.0, 30.0, 30.0, 30.0, 30.0],
    )?;
    sheet(&mut butir, "petunjuk", TEMPLAT_PETUNJUK, &[110.0])?;
    let mut kunci = Workbook::new();
    sheet(&mut kunci, "kunci", TEMPLAT_KUNCI, &[6.0, 8.0, 8.0])?;
    sheet(&mut kunci, "petunjuk", TEMPLAT_PETUNJUK_KUNCI, &[110.0])?;
    Ok(vec![
        (STRUKTUR.into(), TEMPLAT_TOML.as_bytes().to_vec()),
        ("butir.xlsx".into(), butir.save_to_buffer().map_err(e)?),
        ("kunci.xlsx".into(), kunci.save_to_buffer().map_err(e)?),
    ])
}

const TEMPLAT_TOML: &str = r#"# Tes pengetahuan / situational judgement milik instansi — templat ipasn.
# (An instansi's own knowledge or situational-judgement test — ipasn template.)
# Ubah id, nama, bagian dan waktu; isi butir.xlsx dan kunci.xlsx; periksa dengan
#   ipasn instrumen periksa FOLDER
id = "tes-instansi"
nama = "Tes pengetahuan dan situasional"
nama_en = "Knowledge and situational judgement test"
versi = "1"
jenis = "pilihan"

[lisensi]
redistributable = false   # butir milik instansi: tidak diekspor dari aplikasi
tingkat = "A"             # HIMPSI A: dapat diselenggarakan tanpa psikolog
pemilik = "Instansi"

[berkas]
butir = "butir.xlsx"
kunci = "kunci.xlsx"

[[bagian]]
id = "1"
judul = "Pengetahuan"
judul_en = "Knowledge"
waktu = "20m"             # 20 menit; juga 1j30m, 90s, 00:20:00
petunjuk = "Pilih satu jawaban yang paling benar untuk setiap soal."
petunjuk_en = "Choose the one best answer to each question."

[[bagian]]
id = "2"
judul = "Situasional"
judul_en = "Situational judgement"
waktu = "15m"
petunjuk = "Bacalah setiap situasi, lalu pilih tindakan yang paling tepat menurut Anda."
petunjuk_en = "Read each situation, then choose the action you think is most appropriate."
"#;

const TEMPLAT_BUTIR: &[&[&str]] = &[
    &["id", "bagian", "teks", "a", "b", "c", "d"],
    &[
        "1",
        "1",
        "Nilai dasar ASN menurut UU 20/2023 dikenal dengan singkatan …",
        "BerAKHLAK",
        "SMART",
        "PANCA",
        "KORPRI",
    ],
    &[
        "2",
        "1",
        "Berapa bobot dimensi kompetensi dalam Indeks Profesionalitas ASN?",
        "25",
        "30",
        "40",
        "5",
    ],
    &[
        "3",
        "2",
        "Rekan kerja Anda berulang kali terlambat menyerahkan bagian laporan yang Anda butuhkan. Apa yang paling tepat Anda lakukan?",
        "Melaporkannya kepada atasan tanpa berbicara dengannya lebih dulu",
        "Mengajaknya berbicara untuk memahami kendalanya dan menyepakati jadwal",
        "Mengerjakan bagiannya sendiri tanpa memberi tahu",
        "Membiarkannya karena itu bukan tanggung jawab Anda",
    ],
];

const TEMPLAT_PETUNJUK: &[&[&str]] = &[
    &["Petunjuk / Instructions"],
    &[
        "Satu baris per soal. Kolom: id (unik), bagian (id bagian di instrumen.toml), teks (soal), a–h (teks opsi; paling sedikit a dan b).",
    ],
    &[
        "One row per question. Columns: id (unique), bagian (a section id of instrumen.toml), teks (the question), a–h (option texts; at least a and b).",
    ],
    &["Kolom teks_en dan a_en … h_en (opsional) berisi teks bahasa Inggris."],
    &["Optional columns teks_en and a_en … h_en hold the English texts."],
    &[
        "Hapus baris contoh sebelum dipakai. Lembar pertama (butir) yang dibaca; lembar ini diabaikan.",
    ],
    &[
        "Delete the example rows before use. The first sheet (butir) is read; this sheet is ignored.",
    ],
];

const TEMPLAT_KUNCI: &[&[&str]] = &[
    &["id", "opsi", "skor"],
    &["1", "a", "1"],
    &["2", "c", "1"],
    &["3", "b", "2"],
    &["3", "a", "1"],
];

const TEMPLAT_PETUNJUK_KUNCI: &[&[&str]] = &[
    &["Petunjuk / Instructions"],
    &[
        "Satu baris per opsi yang bernilai: id soal, opsi (a–h), skor. Opsi yang tidak ditulis bernilai 0. Soal situasional boleh memberi nilai sebagian (contoh: soal 3).",
    ],
    &[
        "One row per option that earns points: question id, option (a–h), score. Options not listed score 0. Situational items may give partial credit (example: question 3).",
    ],
    &["Untuk soal dengan satu jawaban benar cukup kolom id dan jawaban (mis. 1, a)."],
    &["For single-answer questions the columns id and jawaban (e.g. 1, a) are enough."],
    &[
        "Berkas kunci dapat disimpan terpisah dari butir: orang yang boleh melihat soal belum tentu boleh melihat kunci.",
    ],
    &[
        "The key file can be kept apart from the items: people who may see the questions need not see the key.",
    ],
];

/// A test date as a person types it (`2026-12-06`, `06/12/2026`, `6 Des 2026` — the package's
/// date forms), or `None`.
pub fn tanggal(s: &str) -> Option<ipasn_core::tanggal::Tanggal> {
    crate::nilai::tanggal(&crate::lembar::Value::Text(s.trim()), false)
        .ok()
        .flatten()
}

/// [`templat`] as one ZIP file, for a download.
pub fn templat_zip() -> Result<Vec<u8>, String> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (nama, isi) in templat()? {
        z.start_file(nama, zip::write::SimpleFileOptions::default())
            .map_err(|e| e.to_string())?;
        std::io::Write::write_all(&mut z, &isi).map_err(|e| e.to_string())?;
    }
    Ok(z.finish().map_err(|e| e.to_string())?.into_inner())
}
