//! Words for people: explanations rendered in Indonesian (default) or English.

use crate::hasil::{Alasan, Dimensi, HasilDimensi, HasilPegawai, JendelaText, Kekurangan};
use crate::model::{JenisDiklat, Pegawai};
use crate::rules::RuleSet;
use crate::tanggal::Tanggal;

/// Display language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Bahasa Indonesia (default).
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// `id`/`en` (also `in`, `indonesia`, `english`).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "id" | "in" | "indonesia" | "bahasa" | "id-id" => Some(Lang::Id),
            "en" | "english" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the text of this language.
    pub fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}

/// The dimension's name.
pub fn dimensi(d: Dimensi, lang: Lang) -> &'static str {
    match (d, lang) {
        (Dimensi::Kualifikasi, Lang::Id) => "Kualifikasi",
        (Dimensi::Kualifikasi, Lang::En) => "Qualification",
        (Dimensi::Kompetensi, Lang::Id) => "Kompetensi",
        (Dimensi::Kompetensi, Lang::En) => "Competence",
        (Dimensi::Kinerja, Lang::Id) => "Kinerja",
        (Dimensi::Kinerja, Lang::En) => "Performance",
        (Dimensi::Disiplin, Lang::Id) => "Disiplin",
        (Dimensi::Disiplin, Lang::En) => "Discipline",
    }
}

fn pim_name(j: JenisDiklat) -> String {
    match j.pim_new_name() {
        Some(new) => format!("{} ({new})", j.name()),
        None => j.name().to_string(),
    }
}

fn window(w: JendelaText, lang: Lang) -> String {
    match (w, lang) {
        (JendelaText::Tahun(n), Lang::Id) => format!("dalam {n} tahun terakhir"),
        (JendelaText::Tahun(n), Lang::En) => format!("in the last {n} years"),
        (JendelaText::Selamanya, Lang::Id) => "selama masa kerja".into(),
        (JendelaText::Selamanya, Lang::En) => "ever".into(),
        (JendelaText::MasaHukuman, Lang::Id) => {
            "yang masa hukumannya mencakup tanggal acuan".into()
        }
        (JendelaText::MasaHukuman, Lang::En) => "whose period covers the cut-off date".into(),
    }
}

/// One reason, as a sentence.
pub fn alasan(a: &Alasan, lang: Lang) -> String {
    let id = lang == Lang::Id;
    match a {
        Alasan::Pendidikan {
            tingkat,
            tahun_lulus,
            terakhir,
            poin,
        } => {
            let year = tahun_lulus
                .map(|y| format!(" ({} {y})", if id { "lulus" } else { "graduated" }))
                .unwrap_or_default();
            if id {
                let which = if *terakhir { "terakhir" } else { "tertinggi" };
                format!("pendidikan {which} yang diakui: {tingkat}{year} → {poin} poin")
            } else {
                let which = if *terakhir { "latest" } else { "highest" };
                format!("{which} recognised education: {tingkat}{year} → {poin} points")
            }
        }
        Alasan::PendidikanKosong => lang
            .pick(
                "tidak ada riwayat pendidikan yang diakui sampai tanggal acuan → 0 poin",
                "no recognised education record up to the cut-off date → 0 points",
            )
            .into(),
        Alasan::Pim {
            wajib,
            ada,
            tepat,
            poin,
        } => {
            let req = pim_name(*wajib);
            let rule = match (tepat, id) {
                (true, true) => "tepat setingkat",
                (false, true) => "setingkat atau lebih tinggi",
                (true, false) => "exactly that level",
                (false, false) => "that level or higher",
            };
            let held = match (ada, id) {
                (Some(j), true) => format!("memiliki {}", pim_name(*j)),
                (Some(j), false) => format!("holds {}", pim_name(*j)),
                (None, true) => "belum memiliki diklat kepemimpinan".into(),
                (None, false) => "no leadership training".into(),
            };
            if id {
                format!("diklat kepemimpinan wajib {req} ({rule}); {held} → {poin} poin")
            } else {
                format!("required leadership training {req} ({rule}); {held} → {poin} points")
            }
        }
        Alasan::Fungsional { ada, poin } => match (ada, id) {
            (true, true) => format!("diklat fungsional ada → {poin} poin"),
            (false, true) => format!("belum ada diklat fungsional → {poin} poin"),
            (true, false) => format!("functional training held → {poin} points"),
            (false, false) => format!("no functional training → {poin} points"),
        },
        Alasan::Teknis {
            jam,
            minimal,
            bulan,
            tunggal,
            poin,
        } => match (tunggal, id) {
            (false, true) => format!(
                "diklat teknis: {jam} JP dalam {bulan} bulan terakhir (minimal {minimal} JP) → {poin} poin"
            ),
            (true, true) => {
                format!(
                    "diklat teknis: terpanjang {jam} JP dalam {bulan} bulan terakhir (minimal {minimal} JP dalam satu diklat) → {poin} poin"
                )
            }
            (false, false) => format!(
                "technical training: {jam} JP in the last {bulan} months (at least {minimal} JP) → {poin} points"
            ),
            (true, false) => {
                format!(
                    "technical training: longest {jam} JP in the last {bulan} months (at least {minimal} JP in one training) → {poin} points"
                )
            }
        },
        Alasan::Seminar {
            jumlah,
            bulan,
            poin,
        } => {
            if id {
                format!(
                    "seminar/workshop/magang/kursus: {jumlah} dalam {bulan} bulan terakhir → {poin} poin"
                )
            } else {
                format!(
                    "seminar/workshop/internship/course: {jumlah} in the last {bulan} months → {poin} points"
                )
            }
        }
        Alasan::KinerjaPredikat {
            tahun,
            predikat,
            poin,
        } => {
            if id {
                format!("SKP {tahun}: predikat {predikat} → {poin} poin")
            } else {
                format!("SKP {tahun}: rating {predikat} → {poin} points")
            }
        }
        Alasan::KinerjaNilai {
            tahun,
            nilai,
            batas,
            poin,
        } => {
            let band = if batas.is_empty() {
                String::new()
            } else {
                format!(" ({batas})")
            };
            if id {
                format!("SKP {tahun}: nilai {nilai}{band} → {poin} poin")
            } else {
                format!("SKP {tahun}: score {nilai}{band} → {poin} points")
            }
        }
        Alasan::KinerjaKosong { tahun, poin } => {
            if id {
                format!("SKP tahun {tahun} belum tercatat → {poin} poin")
            } else {
                format!("no SKP recorded for {tahun} → {poin} points")
            }
        }
        Alasan::Disiplin {
            tingkat,
            jumlah,
            jendela,
            poin,
        } => {
            let w = window(*jendela, lang);
            match (tingkat, id) {
                (None, true) => format!("tidak ada hukuman disiplin {w} → {poin} poin"),
                (None, false) => format!("no disciplinary punishment {w} → {poin} points"),
                (Some(t), true) => {
                    format!("hukuman disiplin terberat {w}: {t} ({jumlah} hukuman) → {poin} poin")
                }
                (Some(t), false) => {
                    format!(
                        "worst disciplinary punishment {w}: {} ({jumlah} in all) → {poin} points",
                        tingkat_en(t.name())
                    )
                }
            }
        }
    }
}

fn tingkat_en(s: &str) -> &str {
    match s {
        "Ringan" => "light (ringan)",
        "Sedang" => "moderate (sedang)",
        "Berat" => "severe (berat)",
        other => other,
    }
}

/// One missing item, as a sentence ending with the points it adds.
pub fn kekurangan(k: &Kekurangan, lang: Lang) -> String {
    let id = lang == Lang::Id;
    let gain = k.tambah();
    match k {
        Kekurangan::PendidikanLebihTinggi { tingkat, .. } => {
            if id {
                format!("pendidikan {tingkat} memberi +{gain}")
            } else {
                format!("completing {tingkat} gives +{gain}")
            }
        }
        Kekurangan::PendidikanBelumDiakui { src, tingkat, .. } => {
            if id {
                format!("riwayat {tingkat} ({src}) belum diakui; jika diakui memberi +{gain}")
            } else {
                format!(
                    "the {tingkat} record ({src}) is not recognised; recognising it gives +{gain}"
                )
            }
        }
        Kekurangan::Pim { wajib, .. } => {
            if id {
                format!("diklat kepemimpinan {} memberi +{gain}", pim_name(*wajib))
            } else {
                format!("leadership training {} gives +{gain}", pim_name(*wajib))
            }
        }
        Kekurangan::Fungsional { .. } => lang
            .pick(
                &format!("diklat fungsional jabatan memberi +{gain}"),
                &format!("functional training for the position gives +{gain}"),
            )
            .to_string(),
        Kekurangan::Teknis {
            jam,
            kurang,
            tunggal,
            bulan,
            ..
        } => match (tunggal, id) {
            (false, true) => format!(
                "diklat teknis: {jam} JP dalam {bulan} bulan terakhir; {kurang} JP lagi memberi +{gain}"
            ),
            (false, false) => format!(
                "technical training: {jam} JP in the last {bulan} months; {kurang} JP more gives +{gain}"
            ),
            (true, true) => format!(
                "diklat teknis: satu diklat minimal {kurang} JP dalam {bulan} bulan terakhir memberi +{gain}"
            ),
            (true, false) => format!(
                "technical training: one training of at least {kurang} JP in the last {bulan} months gives +{gain}"
            ),
        },
        Kekurangan::Seminar { bulan, .. } => {
            if id {
                format!(
                    "satu seminar/workshop/magang/kursus dalam {bulan} bulan terakhir memberi +{gain}"
                )
            } else {
                format!(
                    "one seminar/workshop/internship/course in the last {bulan} months gives +{gain}"
                )
            }
        }
        Kekurangan::Kinerja {
            tahun,
            kosong,
            predikat,
            ..
        } => match (kosong, id) {
            (true, true) => format!(
                "SKP {tahun} belum tercatat; SKP dengan predikat {predikat} memberi +{gain}"
            ),
            (true, false) => {
                format!("no SKP for {tahun} on record; an SKP rated {predikat} gives +{gain}")
            }
            (false, true) => format!("predikat SKP {predikat} memberi +{gain}"),
            (false, false) => format!("an SKP rated {predikat} gives +{gain}"),
        },
        Kekurangan::Disiplin { sejak, .. } => match (sejak, id) {
            (Some(d), true) => {
                format!("hukuman tidak dihitung lagi untuk tanggal acuan mulai {d}: +{gain}")
            }
            (Some(d), false) => {
                format!("the punishment stops counting for cut-off dates from {d}: +{gain}")
            }
            (None, true) => {
                format!("hukuman tetap dihitung menurut aturan ini (+{gain} tidak dapat dicapai)")
            }
            (None, false) => format!(
                "the punishment always counts under this rule set (+{gain} cannot be reached)"
            ),
        },
    }
}

/// A flag's meaning.
pub fn flag(name: &str, lang: Lang) -> &'static str {
    match (name, lang) {
        ("pendidikan_kosong", Lang::Id) => "tidak ada riwayat pendidikan yang dapat dipakai",
        ("pendidikan_kosong", Lang::En) => "no usable education record",
        ("kinerja_kosong", Lang::Id) => "SKP tahun pengukuran belum tercatat",
        ("kinerja_kosong", Lang::En) => "no appraisal (SKP) for the measured year",
        ("data_setelah_t", Lang::Id) => {
            "ada riwayat bertanggal setelah tanggal acuan; tidak dihitung"
        }
        ("data_setelah_t", Lang::En) => "records dated after the cut-off date were ignored",
        ("data_konflik", Lang::Id) => {
            "data saling bertentangan (mis. nilai dan predikat SKP berbeda kategori)"
        }
        ("data_konflik", Lang::En) => {
            "records disagree (e.g. SKP score and rating in different bands)"
        }
        ("tanggal_kosong", Lang::Id) => {
            "ada riwayat tanpa tanggal; tidak dihitung dalam jendela waktu"
        }
        ("tanggal_kosong", Lang::En) => "records without a date were not counted in time windows",
        _ => "",
    }
}

fn dimension_block(out: &mut String, d: &HasilDimensi, lang: Lang) {
    use std::fmt::Write;
    let _ = writeln!(out, "{} {} / {}", dimensi(d.dimensi, lang), d.poin, d.maks);
    for a in &d.alasan {
        let _ = writeln!(out, "  - {}", alasan(a, lang));
    }
    if !d.dipakai.is_empty() {
        let refs: Vec<String> = d.dipakai.iter().map(|r| r.to_string()).collect();
        let _ = writeln!(
            out,
            "  {}: {}",
            lang.pick("riwayat dipakai", "records used"),
            refs.join(", ")
        );
    }
    for k in &d.kurang {
        let _ = writeln!(
            out,
            "  {} {}",
            lang.pick("+ kurang:", "+ missing:"),
            kekurangan(k, lang)
        );
    }
}

/// A person's full explanation, as readable text.
pub fn explain(
    p: &Pegawai,
    unor: &str,
    h: &HasilPegawai,
    rules: &RuleSet,
    t: Tanggal,
    lang: Lang,
) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", p.nip, p.nama);
    let _ = writeln!(
        out,
        "{} {} ({}), {}",
        p.nama_jabatan, p.jenjang, p.jenis_jabatan, unor
    );
    let _ = writeln!(
        out,
        "{}: {} · {}: {} · {}: {}",
        lang.pick("Aturan", "Rule set"),
        rules,
        lang.pick("Tanggal acuan", "Cut-off date"),
        t,
        lang.pick("Status", "Status"),
        p.status.name()
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "IP ASN {} / {} — {}",
        h.ip,
        rules.maks_ip(),
        rules.kategori[h.kategori].nama
    );
    let _ = writeln!(out);
    for d in &h.dimensi {
        dimension_block(&mut out, d, lang);
    }
    let flags: Vec<_> = h.flags.names().collect();
    if !flags.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}:", lang.pick("Catatan data", "Data flags"));
        for f in flags {
            let _ = writeln!(out, "  ! {f}: {}", flag(f, lang));
        }
    }
    out
}
