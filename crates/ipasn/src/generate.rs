//! `ipasn generate`: a realistic synthetic package.

use crate::{cek_tahun, spinner};
use ipasn_core::teks::Lang;
use ipasn_data::generator::{self, GenOptions};
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct GenerateArgs {
    /// Jumlah pegawai. (Number of persons.)
    #[arg(long, default_value_t = 10_000)]
    persons: usize,
    /// Benih acak: benih sama, paket sama. (Seed: same seed, same package.)
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Tahun data terakhir. (Latest data year.)
    #[arg(long, default_value_t = 2024)]
    year: i32,
    /// Folder CSV, atau berkas .xlsx. (CSV folder, or an .xlsx file.)
    #[arg(long)]
    out: PathBuf,
}

/// Runs `ipasn generate`.
pub fn generate(a: GenerateArgs, lang: Lang) -> anyhow::Result<()> {
    let started = Instant::now();
    cek_tahun(a.year, lang)?;
    let opts = GenOptions {
        persons: a.persons,
        seed: a.seed,
        tahun: a.year,
        ..GenOptions::default()
    };
    let xlsx = a
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let sink = if xlsx {
        generator::xlsx_sink(&a.out)
    } else {
        generator::csv_sink(&a.out)
    }
    .map_err(anyhow::Error::msg)?;
    let pb = spinner(format!(
        "{} {} {}",
        lang.pick("Membuat paket sintetis:", "Generating a synthetic package:"),
        a.persons,
        lang.pick("pegawai", "persons")
    ));
    generator::generate(opts, sink).map_err(anyhow::Error::msg)?;
    pb.finish_and_clear();
    let (n, seed, year, out) = (a.persons, a.seed, a.year, a.out.display());
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{}",
        match lang {
            Lang::Id => format!(
                "Paket sintetis {n} pegawai (benih {seed}, tahun {year}) ditulis ke {out} ({secs:.1} s)."
            ),
            Lang::En => format!(
                "Synthetic package of {n} persons (seed {seed}, year {year}) written to {out} ({secs:.1} s)."
            ),
        }
    );
    Ok(())
}
