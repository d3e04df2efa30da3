//! `ipasn irr RATINGS.csv`: inter-rater reliability of a long-format file `subject,rater,value`.

use crate::aman;
use anyhow::Context;
use ipasn_asesmen::irr::{self, Galat, Interpretasi, Tabel};
use ipasn_core::teks::Lang;
use ipasn_data::tabel;
use std::path::PathBuf;

/// `ipasn irr` options.
#[derive(clap::Args, Debug)]
pub struct IrrArgs {
    /// Berkas CSV berkolom subject,rater,value (atau subjek,penilai,nilai); nilai kosong = tidak
    /// dinilai. (Long-format CSV; an empty value is a missing rating.)
    pub ratings: PathBuf,
    /// Keluaran JSON. (JSON output.)
    #[arg(long)]
    pub json: bool,
}

fn column(header: &tabel::Baris<'_>, names: &[&str]) -> Option<usize> {
    header
        .iter()
        .position(|h| names.contains(&h.to_lowercase().as_str()))
}

/// Reads the file into a table; errors name the row and say how to fix it. The file is read
/// as every uploaded table is ([`tabel::baca`]: CSV with its encoding and delimiter sniffed, or
/// an XLSX workbook's first sheet; rows numbered as a spreadsheet shows them; bounded).
fn read(path: &PathBuf, lang: Lang) -> anyhow::Result<Tabel> {
    let isi = std::fs::read(path).with_context(|| path.display().to_string())?;
    let nama = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    );
    let t = match tabel::baca(&nama, &isi, &tabel::Batas::default()) {
        Ok(t) => t,
        Err(p) => {
            // The problem's line without its level word: `irr_cmd` prints that.
            let line = p.render(lang);
            let line = line
                .split_once(": ")
                .map_or(line.as_str(), |(_, rest)| rest);
            anyhow::bail!("{}", aman(line));
        }
    };
    let header = t.iter().next();
    let (Some(s), Some(k), Some(v)) = (
        header.and_then(|h| column(&h, &["subject", "subjek"])),
        header.and_then(|h| column(&h, &["rater", "penilai", "asesor"])),
        header.and_then(|h| column(&h, &["value", "nilai", "level"])),
    ) else {
        anyhow::bail!(
            "{}",
            lang.pick(
                "baris 1 harus berisi kolom subject, rater, value (atau subjek, penilai, nilai)",
                "row 1 must name the columns subject, rater, value (or subjek, penilai, nilai)"
            )
        );
    };
    let mut rows = vec![];
    for rec in t.iter().skip(1) {
        let row = rec.nomor() as usize;
        let (subj, rater, val) = (rec.sel(s), rec.sel(k), rec.sel(v));
        if subj.is_empty() && rater.is_empty() && val.is_empty() {
            continue;
        }
        if subj.is_empty() || rater.is_empty() {
            anyhow::bail!(
                "{}",
                match lang {
                    Lang::Id => format!("baris {row}: subject dan rater wajib diisi"),
                    Lang::En => format!("row {row}: subject and rater are required"),
                }
            );
        }
        let value = if val.is_empty() {
            None
        } else {
            Some(val.replace(',', ".").parse::<f64>().ok().filter(|x| x.is_finite()).with_context(|| match lang {
                Lang::Id => format!("baris {row}: nilai \"{}\" bukan angka (contoh: 3 atau 3,5); kosongkan bila tidak dinilai", aman(val)),
                Lang::En => format!("row {row}: value \"{}\" is not a number (e.g. 3 or 3.5); leave it empty when not rated", aman(val)),
            })?)
        };
        rows.push((row, subj, rater, value));
    }
    Tabel::from_long(rows.iter().map(|(r, s, k, v)| (*r, *s, *k, *v))).map_err(|e| match e {
        Galat::Ganda { subjek, penilai, baris_pertama, baris } => {
            let (subjek, penilai) = (aman(&subjek), aman(&penilai));
            anyhow::anyhow!(
            "{}",
            match lang {
                Lang::Id => format!("baris {baris}: {subjek} oleh {penilai} sudah dinilai di baris {baris_pertama}; hapus salah satunya"),
                Lang::En => format!("row {baris}: {subjek} by {penilai} is already rated in row {baris_pertama}; remove one of them"),
            }
        )},
    })
}

/// Runs `ipasn irr`.
pub fn irr_cmd(a: IrrArgs, lang: Lang) -> anyhow::Result<()> {
    let t = match read(&a.ratings, lang) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e:#}", lang.pick("GALAT", "ERROR"));
            return Err(crate::Exit(1).into());
        }
    };
    let h = irr::hitung(&t);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&h)?);
        return Ok(());
    }
    let labels = Interpretasi::bawaan();
    println!(
        "{}: {} · {}: {} · {}: {}",
        lang.pick("subjek", "subjects"),
        h.subjects,
        lang.pick("penilai", "raters"),
        h.raters,
        lang.pick("penilaian", "ratings"),
        h.ratings
    );
    let mut rows: Vec<(&str, &str, Option<f64>)> = vec![
        ("icc1", "ICC(1,1)", h.icc1),
        ("icc2", "ICC(2,1)", h.icc2),
        ("icc3", "ICC(3,1)", h.icc3),
        ("icc1k", "ICC(1,k)", h.icc1k),
        ("icc2k", "ICC(2,k)", h.icc2k),
        ("icc3k", "ICC(3,k)", h.icc3k),
        ("fleiss_kappa", "Fleiss κ", h.fleiss_kappa),
        ("alpha_nominal", "Krippendorff α nominal", h.alpha_nominal),
        ("alpha_ordinal", "Krippendorff α ordinal", h.alpha_ordinal),
        (
            "alpha_interval",
            "Krippendorff α interval",
            h.alpha_interval,
        ),
        ("alpha_ratio", "Krippendorff α ratio", h.alpha_ratio),
    ];
    if let (Some(c), Some(l), Some(q)) = (h.cohen_kappa, h.kappa_linear, h.kappa_quadratic) {
        rows.push(("cohen_kappa", "Cohen κ", c));
        rows.push((
            "kappa_linear",
            lang.pick("Cohen κ bobot linear", "Cohen κ linear"),
            l,
        ));
        rows.push((
            "kappa_quadratic",
            lang.pick("Cohen κ bobot kuadrat", "Cohen κ quadratic"),
            q,
        ));
    }
    for (key, name, v) in rows {
        match v {
            Some(v) => {
                let label = labels
                    .label(key, v)
                    .map(|l| lang.pick(&l.id, &l.en).to_string())
                    .unwrap_or_default();
                println!("  {name:<26} {v:>8.4}  {label}");
            }
            None => println!("  {name:<26} {:>8}", "–"),
        }
    }
    for n in &h.notes {
        println!("  {}: {n}", lang.pick("catatan", "note"));
    }
    Ok(())
}
