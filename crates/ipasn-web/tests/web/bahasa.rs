//! English mode is English everywhere: the words that come from rule-set data (categories,
//! bands, the performance axis, nine-box actions, competency names) and flags are shown by
//! their English names, while the JSON keeps the rule set's names as keys.

use crate::helpers::*;

/// Indonesian words of the data that must not show on an English page (as a cell or a label).
const INDONESIAN: &[&str] = &[
    ">Sangat Tinggi<",
    ">Tinggi<",
    ">Sedang<",
    ">Rendah<",
    ">Sangat Rendah<",
    "belum tercapai",
    "Diukur",
    "dipromosikan dan dipertahankan",
    "bimbingan kinerja",
    "penempatan yang sesuai",
    "pengembangan kompetensi",
    "kelompok rencana suksesi",
    ">tinggi<",
    ">menengah<",
    ">di atas<",
    ">di bawah<",
    "Integritas",
    "Perekat Bangsa",
    "Cukup Optimal",
    "Kurang Optimal",
    "Memenuhi Syarat",
    ">kinerja_kosong<",
    "kinerja_kosong;",
    "SKP tahun pengukuran",
];

/// The Indonesian data words a page shows (the data embedded for its charts, JSON keyed by
/// the rule set's names, left out).
fn indonesian_in(page: &str) -> Vec<&'static str> {
    let mut shown = String::new();
    let mut rest = page;
    while let Some(i) = rest.find("<script type=\"application/json\"") {
        shown.push_str(&rest[..i]);
        let end = rest[i..].find("</script>").map_or(rest.len(), |e| i + e);
        rest = &rest[end..];
    }
    shown.push_str(rest);
    INDONESIAN
        .iter()
        .copied()
        .filter(|w| shown.contains(w))
        .collect()
}

async fn english_everywhere(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    // F gets a full assessment and a potential score: a box, bands and competency names.
    let f_ = "198606062010062006";
    let mut csv = String::from("nip,kompetensi,level,tanggal\n");
    for c in [
        "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
    ] {
        csv.push_str(&format!("{f_},{c},1,2025-02-01\n"));
    }
    let up = admin
        .upload_asesmen("kompetensi.csv", csv.into_bytes())
        .await;
    assert_eq!(up["impor"]["status"], "selesai", "{up}");
    let up = admin
        .upload_asesmen(
            "potensi.csv",
            format!("nip,skor,tanggal\n{f_},95,2025-02-02\n").into_bytes(),
        )
        .await;
    assert_eq!(up["impor"]["status"], "selesai", "{up}");

    // In Indonesian (the default) the data's words show as they are.
    let id_talenta = admin.text("/unor/K/talenta?tahun=2024").await;
    assert!(id_talenta.contains("dipromosikan dan dipertahankan"));

    // Switch to English.
    admin.get("/bahasa/en").await;

    let dasbor = admin.text("/dasbor/K?tahun=2024").await;
    assert_eq!(indonesian_in(&dasbor), Vec::<&str>::new(), "{dasbor}");
    for w in [">Very high<", ">High<", ">Moderate<", ">Low<", ">Very low<"] {
        assert!(dasbor.contains(w), "{w} missing on the dashboard");
    }
    assert!(dasbor.contains("civil servants measured"));
    // The chart's data carries a display label beside the stable name.
    let d = admin.json("/api/unor/K/dasbor?tahun=2024").await;
    assert_eq!(d["kategori_list"][0]["nama"], "Sangat Tinggi");
    assert_eq!(d["kategori_list"][0]["label"], "Very high");

    let list = admin.text("/unor/K/pegawai?tahun=2024").await;
    assert_eq!(indonesian_in(&list), Vec::<&str>::new(), "{list}");
    assert!(list.contains("<option value=\"Sangat Tinggi\">Very high</option>"));
    // The filter still takes the rule set's name.
    let filtered = admin
        .text("/unor/K/pegawai?tahun=2024&kategori=Sangat+Tinggi")
        .await;
    assert!(
        filtered.contains("selected>Very high</option>"),
        "{filtered}"
    );

    let talenta = admin.text("/unor/K/talenta?tahun=2024").await;
    assert_eq!(indonesian_in(&talenta), Vec::<&str>::new(), "{talenta}");
    for w in [
        "promote and retain",
        "performance coaching",
        ">high<",
        ">above<",
    ] {
        assert!(talenta.contains(w), "{w} missing on the nine-box page");
    }
    // The JSON keeps the rule set's names as keys.
    let t = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let pf = t["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == f_)
        .unwrap();
    assert_eq!(pf["kategori_potensi"], "tinggi");

    let person = admin.text(&format!("/pegawai/{f_}?tahun=2024")).await;
    assert_eq!(indonesian_in(&person), Vec::<&str>::new(), "{person}");
    for w in [
        "Integrity",
        "National cohesion",
        "selection: <strong>Qualified</strong>",
    ] {
        assert!(person.contains(w), "{w} missing on the person's page");
    }
}

on_both!(english_mode, english_everywhere);
