//! `ipasn instrumen …`: psychometric bundles from the command line, for tests taken on paper and
//! for scripts — check a bundle, score answer sheets (with a norm), build a norm, analyse
//! reliability, write the template of an instansi's own test.

use crate::{Exit, aman};
use anyhow::Context;
use ipasn_core::teks::Lang;
use ipasn_data::instrumen as berkas;
use ipasn_instrumen::analisis::analisis;
use ipasn_instrumen::jawaban::LembarJawaban;
use ipasn_instrumen::norma::{self, Norma};
use ipasn_instrumen::skor::{Hasil, skor};
use ipasn_instrumen::{Bundel, Masalah};
use std::path::{Path, PathBuf};

/// `ipasn instrumen` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum InstrumenCmd {
    /// Periksa bundel instrumen (folder atau id bawaan); keluar 1 dengan setiap masalah.
    /// (Check a bundle, a folder or a shipped id; exit 1 with every problem.)
    Periksa {
        /// Folder bundel atau id bawaan (ipip-50). (Bundle folder or shipped id.)
        bundel: String,
    },
    /// Skor lembar jawaban: satu baris per orang, nip lalu satu kolom per id butir.
    /// (Score an answer sheet: a row per person, nip then a column per item id.)
    Skor {
        /// Folder bundel atau id bawaan. (Bundle folder or shipped id.)
        bundel: String,
        /// Lembar jawaban CSV/XLSX. (Answer sheet.)
        jawaban: PathBuf,
        /// Berkas skor keluaran (CSV). (Output score file.)
        #[arg(long)]
        out: PathBuf,
        /// Berkas norma (skala,n,rerata,sb atau skala,mentah,t,persentil): menambah <kode>_t
        /// dan <kode>_p. (Norm file: adds T-scores and percentiles.)
        #[arg(long)]
        norma: Option<PathBuf>,
    },
    /// Bangun norma linear dari lembar jawaban. (Build a linear norm from answer sheets.)
    Norma {
        /// Folder bundel atau id bawaan. (Bundle folder or shipped id.)
        bundel: String,
        /// Lembar jawaban. (Answer sheet.)
        jawaban: PathBuf,
        /// Berkas norma keluaran (CSV). (Output norm file.)
        #[arg(long)]
        out: PathBuf,
    },
    /// Reliabilitas skala (alfa Cronbach, omega McDonald) dan statistik butir.
    /// (Scale reliability and item statistics.)
    Analisis {
        /// Folder bundel atau id bawaan. (Bundle folder or shipped id.)
        bundel: String,
        /// Lembar jawaban. (Answer sheet.)
        jawaban: PathBuf,
        /// Keluaran JSON. (JSON output.)
        #[arg(long)]
        json: bool,
    },
    /// Tulis templat tes pengetahuan/situasional milik instansi ke sebuah folder.
    /// (Write the template of an instansi's own knowledge or SJT test to a folder.)
    Templat {
        /// Folder tujuan (dibuat bila belum ada). (Target folder, created when missing.)
        folder: PathBuf,
    },
}

/// Runs a subcommand.
pub fn instrumen_cmd(cmd: InstrumenCmd, lang: Lang) -> anyhow::Result<()> {
    match cmd {
        InstrumenCmd::Periksa { bundel } => {
            let b = muat(&bundel, lang)?;
            println!(
                "{} {} ({}): {} {}, {} {}, {} {}",
                lang.pick("OK", "OK"),
                aman(&b.definisi.id),
                b.jenis.kode(),
                b.butir.len(),
                lang.pick("butir", "items"),
                b.skala.len(),
                lang.pick("skala", "scales"),
                lang.pick("versi", "version"),
                &b.versi()[..12],
            );
            Ok(())
        }
        InstrumenCmd::Skor {
            bundel,
            jawaban,
            out,
            norma,
        } => {
            let b = muat(&bundel, lang)?;
            let orang = lembar_jawaban(&b, &jawaban, lang)?;
            let n = match norma {
                Some(p) => {
                    if b.ipsatif() {
                        eprintln!(
                            "{}",
                            lang.pick(
                                "GALAT: instrumen ipsatif (pasangan, Most/Least) tidak dinormakan: profilnya dibaca di dalam diri orang itu.",
                                "ERROR: ipsative instruments (pairs, Most/Least) take no norm: a profile is read within the person."
                            )
                        );
                        return Err(Exit(1).into());
                    }
                    let isi = std::fs::read(&p).with_context(|| p.display().to_string())?;
                    Some(periksa(berkas::norma(&nama(&p), &isi, &b), lang)?)
                }
                None => None,
            };
            let hasil = skor_semua(&b, &orang);
            std::fs::write(&out, berkas::tulis_skor(&b, &hasil, n.as_ref()))
                .with_context(|| out.display().to_string())?;
            eprintln!(
                "{} {} {} → {} ({} {})",
                hasil.len(),
                lang.pick("orang diskor dengan", "persons scored with"),
                aman(&b.definisi.id),
                out.display(),
                lang.pick("versi bundel", "bundle version"),
                b.versi()
            );
            Ok(())
        }
        InstrumenCmd::Norma {
            bundel,
            jawaban,
            out,
        } => {
            let b = muat(&bundel, lang)?;
            if b.ipsatif() {
                eprintln!(
                    "{}",
                    lang.pick(
                        "GALAT: instrumen ipsatif tidak dinormakan.",
                        "ERROR: ipsative instruments take no norm."
                    )
                );
                return Err(Exit(1).into());
            }
            let orang = lembar_jawaban(&b, &jawaban, lang)?;
            let hasil = skor_semua(&b, &orang);
            let refs: Vec<&Hasil> = hasil.iter().map(|(_, h)| h).collect();
            let n: Norma = norma::bangun(&nama(&jawaban), &refs);
            for s in &b.skala {
                if !n.skala.contains_key(&s.kode) {
                    eprintln!(
                        "{}: {} {}",
                        lang.pick("PERINGATAN", "WARNING"),
                        aman(&s.kode),
                        lang.pick(
                            "tanpa norma: kurang dari 2 skor, atau semua skor sama",
                            "has no norm: fewer than 2 scores, or all the same"
                        )
                    );
                }
            }
            if n.skala.is_empty() {
                eprintln!(
                    "{}",
                    lang.pick(
                        "GALAT: tidak ada skala yang dapat dinormakan; tidak ada yang ditulis.",
                        "ERROR: no scale can be normed; nothing was written."
                    )
                );
                return Err(Exit(1).into());
            }
            std::fs::write(&out, berkas::tulis_norma(&n))
                .with_context(|| out.display().to_string())?;
            eprintln!(
                "{} {} → {}",
                n.orang,
                lang.pick("orang dalam norma", "persons in the norm"),
                out.display()
            );
            Ok(())
        }
        InstrumenCmd::Analisis {
            bundel,
            jawaban,
            json,
        } => {
            let b = muat(&bundel, lang)?;
            let orang = lembar_jawaban(&b, &jawaban, lang)?;
            let r: Vec<_> = orang.iter().map(|o| o.respons.clone()).collect();
            let a = analisis(&b, &r);
            if json {
                let mut obj = serde_json::Map::new();
                for s in &a {
                    let items: Vec<_> = s
                        .butir
                        .iter()
                        .map(|i| {
                            serde_json::json!({
                                "id": i.id, "mean": i.rerata, "difficulty": i.kesulitan,
                                "item_total": i.korelasi_total
                            })
                        })
                        .collect();
                    obj.insert(
                        s.kode.clone(),
                        serde_json::json!({"alpha": s.alpha, "omega": s.omega, "n": s.n, "items": items}),
                    );
                }
                println!("{}", serde_json::Value::Object(obj));
            } else {
                let f = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{v:.3}"));
                println!(
                    "{:8} {:>6} {:>7} {:>7}",
                    lang.pick("skala", "scale"),
                    "n",
                    "alpha",
                    "omega"
                );
                for s in &a {
                    println!(
                        "{:8} {:>6} {:>7} {:>7}",
                        aman(&s.kode),
                        s.n,
                        f(s.alpha),
                        f(s.omega)
                    );
                }
            }
            Ok(())
        }
        InstrumenCmd::Templat { folder } => {
            std::fs::create_dir_all(&folder).with_context(|| folder.display().to_string())?;
            for (n, isi) in berkas::templat().map_err(anyhow::Error::msg)? {
                let p = folder.join(&n);
                std::fs::write(&p, isi).with_context(|| p.display().to_string())?;
            }
            println!(
                "{} {}",
                lang.pick("Templat ditulis ke", "Template written to"),
                folder.display()
            );
            Ok(())
        }
    }
}

fn nama(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    )
}

/// Prints every problem and stops with exit 1, or gives the value.
fn periksa<T>(r: Result<T, Vec<Masalah>>, lang: Lang) -> anyhow::Result<T> {
    match r {
        Ok(v) => Ok(v),
        Err(m) => {
            for p in &m {
                eprintln!(
                    "{}: {}",
                    lang.pick("GALAT", "ERROR"),
                    aman(&p.baris_teks(lang))
                );
            }
            eprintln!(
                "{} {}",
                lang.pick(
                    "Masalah ditemukan, tidak ada yang ditulis:",
                    "Problems found, nothing was written:"
                ),
                m.len()
            );
            Err(Exit(1).into())
        }
    }
}

fn muat(bundel: &str, lang: Lang) -> anyhow::Result<Bundel> {
    periksa(berkas::baca(bundel, true), lang)
}

fn lembar_jawaban(b: &Bundel, p: &Path, lang: Lang) -> anyhow::Result<Vec<LembarJawaban>> {
    let isi = std::fs::read(p).with_context(|| p.display().to_string())?;
    periksa(berkas::jawaban(b, &nama(p), &isi), lang)
}

fn skor_semua(b: &Bundel, orang: &[LembarJawaban]) -> Vec<(String, Hasil)> {
    orang
        .iter()
        .map(|o| {
            (
                o.nip.clone(),
                skor(b, &o.respons).expect("the key is required to load"),
            )
        })
        .collect()
}
