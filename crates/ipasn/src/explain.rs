//! `ipasn explain`: one person's score, point by point.

use crate::{
    Common, DaftarLengkap, Exit, Hasil, Lang, Level, Penilai, aman, aman_baris, cek_tahun,
    cutoff_of, json_aman, laporkan, load_rules, masalah_pegawai, paket_bersih, teks, today,
};

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    #[command(flatten)]
    common: Common,
    /// NIP pegawai (18 angka). (The person's NIP.)
    #[arg(long)]
    nip: String,
    /// Keluaran JSON. (JSON output.)
    #[arg(long)]
    json: bool,
}

/// Runs `ipasn explain`.
pub fn explain(a: ExplainArgs, lang: Lang) -> anyhow::Result<()> {
    cek_tahun(a.common.year, lang)?;
    let rules = load_rules(&a.common.rules, lang)?;
    let cutoff = cutoff_of(&a.common, &rules, lang)?;
    let nip = match ipasn_data::nilai::nip(&ipasn_data::lembar::Value::Text(&a.nip), today()) {
        Ok(n) => n,
        Err(kind) => {
            let p = ipasn_data::masalah::Problem::at(Level::Error, "--nip", 0, "nip", &a.nip, kind);
            eprintln!(
                "{}: {}. {}",
                lang.pick("GALAT", "ERROR"),
                p.message(lang),
                p.fix(lang)
            );
            return Err(Exit(2).into());
        }
    };
    let imported = paket_bersih(&a.common, cutoff, lang)?;
    let ds = &imported.dataset;
    let Some(i) = ds.find(nip) else {
        eprintln!(
            "{}",
            match lang {
                Lang::Id => format!("NIP {nip} tidak ada di sheet pegawai paket ini."),
                Lang::En => format!("NIP {nip} is not in this package's pegawai sheet."),
            }
        );
        return Err(Exit(1).into());
    };
    // Only this person's problems, and those about a whole sheet.
    laporkan(
        &masalah_pegawai(&a.common.package, &imported, i, nip),
        lang,
        DaftarLengkap::Compute,
    );
    let p = &ds.pegawai[i];
    let penilai = Penilai::with_cutoff(&rules, a.common.year, cutoff);
    if !penilai.diukur(p) {
        let measured: Vec<&str> = rules
            .pengukuran
            .status_diukur
            .iter()
            .map(|s| s.name())
            .collect();
        let (nip, nama, status, measured) = (p.nip, &p.nama, p.status.name(), measured.join(", "));
        println!(
            "{}",
            aman(&match lang {
                Lang::Id => format!(
                    "{nip} — {nama}: berstatus {status}, tidak diukur menurut aturan {} (status diukur: {measured}). Nilai di bawah hanya informasi.",
                    rules.id
                ),
                Lang::En => format!(
                    "{nip} — {nama}: status {status}, not measured under rule set {} (measured: {measured}). The score below is for information only.",
                    rules.id
                ),
            })
        );
    }
    let h = penilai.nilai(p, ds.riwayat(i));
    if a.json {
        let out = Hasil {
            dataset: ds,
            penilai: &penilai,
            pegawai: &[],
            unor: &[],
        };
        println!(
            "{}",
            json_aman(&serde_json::to_string_pretty(
                &out.person_json(i, &h, lang)
            )?)
        );
    } else {
        let unit = &ds.unor[p.unor as usize];
        // The package's texts escaped before they are set into lines, so that a line break in
        // a cell cannot make a line of its own.
        let shown = ipasn_core::model::Pegawai {
            nama: aman(&p.nama).into(),
            nama_jabatan: aman(&p.nama_jabatan).as_ref().into(),
            golongan: aman(&p.golongan).as_ref().into(),
            ..p.clone()
        };
        print!(
            "{}",
            aman_baris(&teks::explain(
                &shown,
                &format!("{} ({})", aman(&unit.nama), aman(&unit.id)),
                &h,
                &rules,
                cutoff,
                lang
            ))
        );
    }
    Ok(())
}
