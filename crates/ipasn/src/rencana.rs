//! `ipasn rencana`: the development plan of a package under a budget — every measured person's
//! candidate actions from what their score misses (`ipasn_rencana::kandidat`), the choice
//! (`ipasn_rencana::optimasi`: the integer program, never worse than greedy), the chosen actions
//! written as `nip,aksi,biaya,jp,poin`, and the projected mean IP, the cost and the optimality gap
//! printed. `--semua-aksi` writes every candidate with its group (`kelompok`: alternatives for the
//! same points, at most one counts), so the choice can be checked from outside.

use crate::{Common, cek_tahun, cutoff_of, load_rules, paket_bersih};
use ipasn_core::skor::Penilai;
use ipasn_core::teks::Lang;
use ipasn_data::tabel::tulis::{Sel, Tabel};
use ipasn_rencana::aturan::Aturan;
use ipasn_rencana::kandidat::{Kandidat, Opsi, kandidat};
use ipasn_rencana::katalog::Katalog;
use ipasn_rencana::optimasi::{Masalah, optimal, rakus};
use ipasn_rencana::proyeksi::terapkan;
use ipasn_rencana::sasaran::{Tujuan, ambang_kategori, per_orang, per_unit};
use ipasn_rencana::tahunan::{ramal, tahun_tercapai};
use std::collections::HashMap;
use std::path::PathBuf;

/// `ipasn rencana` arguments.
#[derive(clap::Args, Debug)]
pub struct RencanaArgs {
    #[command(flatten)]
    common: Common,
    /// Anggaran dalam rupiah, mis. 2500000000 atau 2.500.000.000. (Budget in rupiah.)
    #[arg(long)]
    anggaran: String,
    /// Katalog aksi (TOML); bawaan: katalog contoh ipasn. (Action catalogue; default: ipasn's
    /// illustrative one.)
    #[arg(long)]
    katalog: Option<PathBuf>,
    /// JP paling banyak per orang dalam rencana. (Most lesson hours per person.)
    #[arg(long)]
    jp_maks: Option<u32>,
    /// Ikutkan tugas belajar (jangka panjang). (Count degrees, long term.)
    #[arg(long)]
    pendidikan: bool,
    /// Batas simpul branch-and-bound (hasil sama di mesin mana pun). (Node limit.)
    #[arg(long, default_value_t = 2_000)]
    simpul: u64,
    /// Tujuan: rerata (rata-rata IP), kategori (jumlah pegawai mencapai --kategori), unit80
    /// (jumlah unit di bawah instansi yang rata-ratanya mencapai --target). (Objective.)
    #[arg(long, default_value = "rerata")]
    tujuan: String,
    /// Kategori yang dituju untuk --tujuan kategori. (Category for --tujuan kategori.)
    #[arg(long, default_value = "Tinggi")]
    kategori: String,
    /// Target rata-rata IP (unit80 dan tahun tercapai). (Target mean IP.)
    #[arg(long, default_value_t = 80.0)]
    target: f64,
    /// Tulis IP tiap pegawai sekarang dan sesudah rencana, dihitung ulang oleh penilai yang
    /// sama. (Write each person's IP now and after the plan, scored again.)
    #[arg(long)]
    proyeksi: Option<PathBuf>,
    /// Berkas aksi terpilih (.csv atau .xlsx). (Chosen actions file.)
    #[arg(long)]
    out: PathBuf,
    /// Tulis juga semua kandidat aksi ke berkas ini. (Also write every candidate action.)
    #[arg(long)]
    semua_aksi: Option<PathBuf>,
}

/// Runs `ipasn rencana`.
pub fn rencana_cmd(a: RencanaArgs, lang: Lang) -> anyhow::Result<()> {
    cek_tahun(a.common.year, lang)?;
    let Some(anggaran) = ipasn_rencana::rupiah(&a.anggaran) else {
        eprintln!(
            "{}",
            lang.pick(
                "--anggaran: tulis jumlah rupiah dengan angka, mis. 2500000000 atau 2.500.000.000.",
                "--anggaran: write the rupiah amount in digits, e.g. 2500000000 or 2.500.000.000."
            )
        );
        return Err(crate::Exit(2).into());
    };
    let katalog = match &a.katalog {
        None => Katalog::bawaan(),
        Some(f) => {
            let teks = std::fs::read_to_string(f)?;
            Katalog::baca(&teks).map_err(|m| {
                let m: Vec<&str> = m.iter().map(|x| x.teks(lang)).collect();
                anyhow::anyhow!("{}: {}", f.display(), m.join("; "))
            })?
        }
    };
    let Some(tujuan) = Tujuan::parse(&a.tujuan) else {
        eprintln!(
            "{}",
            lang.pick(
                "--tujuan: pilih rerata, kategori atau unit80.",
                "--tujuan: choose rerata, kategori or unit80."
            )
        );
        return Err(crate::Exit(2).into());
    };
    let rules = load_rules(&a.common.rules, lang)?;
    let ambang = match tujuan {
        Tujuan::Kategori => match ambang_kategori(&rules, &a.kategori) {
            Some(p) => Some(p),
            None => {
                let nama: Vec<&str> = rules.kategori.iter().map(|k| k.nama.as_str()).collect();
                eprintln!(
                    "{} {}",
                    lang.pick(
                        "--kategori: tidak ada di aturan; pilih salah satu:",
                        "--kategori: not in the rule set; choose one of:"
                    ),
                    nama.join(", ")
                );
                return Err(crate::Exit(2).into());
            }
        },
        _ => None,
    };
    let cutoff = cutoff_of(&a.common, &rules, lang)?;
    let imported = paket_bersih(&a.common, cutoff, lang)?;
    let ds = &imported.dataset;
    let penilai = Penilai::with_cutoff(&rules, a.common.year, cutoff);
    let mut orang = vec![];
    let mut indeks = vec![];
    let mut ip_orang = vec![];
    let mut semua: Vec<Kandidat> = vec![];
    let mut kelompok = 0;
    let mut ip = 0u64;
    let opsi = Opsi {
        pendidikan: a.pendidikan,
    };
    for (i, p) in ds.pegawai.iter().enumerate() {
        if !penilai.diukur(p) {
            continue;
        }
        let h = penilai.nilai(p, ds.riwayat(i));
        ip += u64::from(h.ip.halves());
        semua.extend(kandidat(
            orang.len(),
            &h.dimensi,
            &katalog,
            opsi,
            &mut kelompok,
        ));
        orang.push(p.nip);
        indeks.push(i);
        ip_orang.push(h.ip);
    }
    let sasaran = match tujuan {
        Tujuan::Rerata => vec![],
        Tujuan::Kategori => per_orang(&ip_orang, ambang.expect("checked")),
        Tujuan::Unit80 => per_unit(unit_teratas(ds, &indeks), &ip_orang, a.target),
    };
    let kapasitas: HashMap<usize, u32> = katalog
        .aksi
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.kapasitas.map(|c| (i, c)))
        .collect();
    let m = Masalah {
        kandidat: &semua,
        anggaran,
        kapasitas,
        jp_maks: a.jp_maks,
        sasaran: &sasaran,
    };
    let g = rakus(&m);
    let o = optimal(&m, a.simpul);
    let n = orang.len().max(1) as f64;
    let baris = |k: &Kandidat, kel: bool| {
        let mut b = vec![
            Sel::Teks(orang[k.orang].to_string()),
            Sel::Teks(katalog.aksi[k.aksi].kode.clone()),
            Sel::Angka(k.biaya as f64),
            Sel::Angka(f64::from(k.jp)),
            Sel::Angka(f64::from(k.poin) / 2.0),
        ];
        if kel {
            b.push(Sel::Angka(k.kelompok as f64));
        }
        b
    };
    let kolom = |kel: bool| {
        let mut k: Vec<String> = ["nip", "aksi", "biaya", "jp", "poin"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        if kel {
            k.push("kelompok".into());
        }
        k
    };
    tulis(
        &a.out,
        Tabel::new(
            kolom(false),
            o.pilih.iter().map(|&i| baris(&semua[i], false)).collect(),
        ),
    )?;
    if let Some(f) = &a.semua_aksi {
        tulis(
            f,
            Tabel::new(kolom(true), semua.iter().map(|k| baris(k, true)).collect()),
        )?;
    }
    // The projection is the scorer's: every person's records with the chosen actions done,
    // scored again.
    let mut per_orang_pilih: Vec<Vec<&Kandidat>> = vec![vec![]; orang.len()];
    for &i in &o.pilih {
        per_orang_pilih[semua[i].orang].push(&semua[i]);
    }
    let t = penilai.cutoff();
    let mut ip_baru = 0u64;
    let mut baris_proyeksi = vec![];
    for (j, &i) in indeks.iter().enumerate() {
        let asal = ds.riwayat(i);
        let baru = terapkan(asal, per_orang_pilih[j].iter().copied(), t);
        let skor = penilai.nilai(&ds.pegawai[i], baru.riwayat(asal)).ip;
        ip_baru += u64::from(skor.halves());
        baris_proyeksi.push(vec![
            Sel::Teks(orang[j].to_string()),
            Sel::Angka(f64::from(ip_orang[j].halves()) / 2.0),
            Sel::Angka(f64::from(skor.halves()) / 2.0),
        ]);
    }
    if let Some(f) = &a.proyeksi {
        tulis(
            f,
            Tabel::new(
                ["nip", "ip", "ip_proyeksi"].map(String::from).to_vec(),
                baris_proyeksi,
            ),
        )?;
    }
    let sekarang = ip as f64 / 2.0 / n;
    let nanti = ip_baru as f64 / 2.0 / n;
    let aturan = Aturan::bawaan();
    let ramalan = ramal(
        &semua,
        &o,
        anggaran,
        &m.kapasitas,
        a.jp_maks,
        ip,
        orang.len(),
        a.target,
        aturan.maks_tahun,
    );
    let tercapai = match tahun_tercapai(&ramalan, sekarang, a.target) {
        Some(0) => lang.pick("sudah tercapai", "reached already").to_string(),
        Some(k) => match lang {
            Lang::Id => format!("tercapai pada tahun ke-{k}"),
            Lang::En => format!("reached in plan year {k}"),
        },
        None => format!(
            "{} {}",
            lang.pick("tidak tercapai dalam (tahun)", "not reached within (years)"),
            aturan.maks_tahun
        ),
    };
    let gap = if o.optimal {
        lang.pick("optimal (terbukti)", "optimal (proven)")
            .to_string()
    } else if o.gap.is_finite() {
        format!("{:.2}%", o.gap * 100.0)
    } else {
        lang.pick("tidak diketahui", "unknown").to_string()
    };
    let w = |id: &'static str, en: &'static str| lang.pick(id, en);
    let efisiensi = aturan.efisiensi(nanti - sekarang, orang.len() as u64);
    let per_poin = if nanti > sekarang {
        format!("Rp{:.0}", o.biaya as f64 / (nanti - sekarang))
    } else {
        "-".into()
    };
    println!(
        "{} {}, {} {}. {} {sekarang:.2} → {nanti:.2} ({}). {} Rp{} {} Rp{}; {} {}; {} {gap} ({}: +{:.2}). {} {}: {}",
        orang.len(),
        w("pegawai diukur", "persons measured"),
        semua.len(),
        w("kandidat aksi", "candidate actions"),
        w("Rata-rata IP", "Mean IP"),
        w("proyeksi", "projected"),
        w("Biaya", "Cost"),
        o.biaya,
        w("dari anggaran", "of a budget of"),
        anggaran,
        o.pilih.len(),
        w("aksi", "actions"),
        w("celah optimalitas", "optimality gap"),
        w("rakus", "greedy"),
        g.poin as f64 / 2.0 / n,
        w("Katalog", "Catalogue"),
        katalog.id,
        lang.pick(
            &katalog.catatan,
            katalog.catatan_en.as_deref().unwrap_or(&katalog.catatan)
        )
    );
    if !sasaran.is_empty() {
        println!(
            "{} {}: {} {} {} ({}: {}).",
            w("Tujuan", "Objective"),
            tujuan.nama(),
            o.tercapai,
            w("dari", "of"),
            sasaran.len(),
            w("rakus", "greedy"),
            g.tercapai
        );
    }
    println!(
        "{} {per_poin}. {} {:.2} ({}) {tercapai}. {} Rp{efisiensi:.0} {}",
        w("Biaya per poin rata-rata IP:", "Cost per point of mean IP:"),
        w("Target", "Target"),
        a.target,
        w(
            "dengan anggaran yang sama tiap tahun",
            "with the same budget every year"
        ),
        w(
            "Perkiraan efisiensi per tahun:",
            "Estimated efficiency a year:"
        ),
        w(
            "(perkiraan, bukan audit; lihat sumber koefisien di aturan rencana).",
            "(an estimate, not an audit; see the coefficient's source in the plan rules)."
        ),
    );
    Ok(())
}

/// The persons (as indices into `indeks`) of each unit directly under a root unit, by subtree.
fn unit_teratas(ds: &ipasn_core::model::Dataset, indeks: &[usize]) -> Vec<Vec<usize>> {
    // The top unit under a root of each unit, following parents.
    let atas = |mut u: u32| -> Option<u32> {
        let mut prev = None;
        loop {
            match ds.unor[u as usize].induk {
                None => return prev,
                Some(p) => {
                    prev = Some(u);
                    u = p;
                }
            }
        }
    };
    let mut per: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (j, &i) in indeks.iter().enumerate() {
        if let Some(u) = atas(ds.pegawai[i].unor) {
            per.entry(u).or_default().push(j);
        }
    }
    per.into_values().collect()
}

fn tulis(f: &std::path::Path, t: Tabel) -> anyhow::Result<()> {
    let xlsx = f
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if xlsx {
        t.xlsx(None).map_err(anyhow::Error::msg)?
    } else {
        t.csv()
    };
    std::fs::write(f, bytes)?;
    Ok(())
}
