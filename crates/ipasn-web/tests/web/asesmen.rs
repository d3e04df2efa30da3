//! Assessment results uploaded and the JPM.

use crate::helpers::*;

/// Competency assessment results from a provider: the spec's JPM example, bands and gaps;
/// validity; a bad file refused with its rows named; pimpinan see the JPM, not the levels.
async fn assessment_results(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let upload = |name: &'static str, body: String| admin.upload_asesmen(name, body.into_bytes());
    // Contoh B is an Administrator (standard 3 on all nine): the spec's example.
    let b = "198102022006021002";
    let levels = ["3", "3", "2", "3", "3", "2", "3", "2", "3"];
    let codes = [
        "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
    ];
    let mut csv = String::from("nip,kompetensi,level,tanggal,sumber\n");
    for (c, l) in codes.iter().zip(levels) {
        csv.push_str(&format!(
            "{b},{c},{l},2025-03-10,UPT Penilaian Kompetensi\n"
        ));
    }
    // Contoh A, assessed in 2020: the result has expired.
    csv.push_str("198001012005011001,M.01,2,2020-01-15,\n");
    let j = upload("asesmen.csv", csv.clone()).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    assert_eq!(j["impor"]["perubahan"]["asesmen"]["baris"], 10);
    let p = admin.json(&format!("/api/pegawai/{b}")).await;
    let a = &p["asesmen"];
    assert_eq!(f(&a["jpm"]), 88.89);
    assert_eq!(a["pita_pemetaan"], "Cukup Optimal");
    assert_eq!(a["pita_seleksi"], "Memenuhi Syarat");
    assert_eq!(a["berlaku"], true);
    let gaps: Vec<&str> = a["butir"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| f(&x["gap"]) < 0.0)
        .map(|x| x["kode"].as_str().unwrap())
        .collect();
    assert_eq!(gaps, vec!["M.03", "M.06", "M.08"]);
    let html = admin.text(&format!("/pegawai/{b}")).await;
    assert!(html.contains("id=\"tabel-asesmen\"") && html.contains("Pengambilan Keputusan"));
    let old = admin.json("/api/pegawai/198001012005011001").await;
    assert_eq!(old["asesmen"]["berlaku"], false);
    assert_eq!(old["asesmen"]["berlaku_sampai"], "2023-01-15");
    // The same file again changes nothing.
    assert_eq!(
        upload("asesmen.csv", csv).await["impor"]["status"],
        "selesai"
    );
    assert_eq!(
        admin.json(&format!("/api/pegawai/{b}")).await["asesmen"],
        p["asesmen"]
    );
    // A bad file: an unknown NIP, a level between steps, an unknown code, a duplicate; nothing stored.
    let bad = format!(
        "nip,kompetensi,level,tanggal\n199901012020011999,M.01,3,2025-01-01\n{b},M.01,3.25,2025-06-01\n{b},X.9,3,2025-06-01\n{b},M.02,4,2025-06-01\n{b},M.02,4,2025-06-01\n"
    );
    let j = upload("rusak.csv", bad).await;
    assert_eq!(j["impor"]["status"], "ditolak");
    let m: Vec<(u64, &str)> = j["masalah"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["baris"].as_u64().unwrap(), m["kolom"].as_str().unwrap()))
        .collect();
    assert_eq!(
        m,
        vec![
            (2, "nip"),
            (3, "level"),
            (4, "kompetensi"),
            (6, "kompetensi")
        ]
    );
    assert_eq!(
        admin.json(&format!("/api/pegawai/{b}")).await["asesmen"]["tanggal"],
        "2025-03-10",
        "nothing stored"
    );
    // Position standards (SKJ) override the jenjang default: Kepala Bidang needs only 2 on M.03,
    // so B's JPM becomes 24 / 26. A standard outside 1–5 is refused and changes nothing.
    let defaults = admin.text("/asesmen/standar.csv").await;
    assert!(
        defaults.contains("Administrator,M.01,3") && defaults.contains("JPT Pratama,SK.01,4"),
        "{defaults}"
    );
    assert_eq!(
        upload(
            "skj.csv",
            "jabatan,kompetensi,level\nKepala Bidang,M.03,6\n".into()
        )
        .await["impor"]["status"],
        "ditolak"
    );
    assert_eq!(
        f(&admin.json(&format!("/api/pegawai/{b}")).await["asesmen"]["jpm"]),
        88.89
    );
    assert_eq!(
        upload(
            "skj.csv",
            "jabatan,kompetensi,level\n  kepala  bidang ,M.03,2\n".into()
        )
        .await["impor"]["status"],
        "selesai"
    );
    let a = admin.json(&format!("/api/pegawai/{b}")).await["asesmen"].clone();
    assert_eq!(
        (f(&a["jpm"]), a["pita_pemetaan"].as_str()),
        (92.31, Some("Optimal"))
    );
    assert!(
        admin
            .text("/asesmen/standar.csv")
            .await
            .contains("kepala bidang,M.03,2")
    );
    // Edited in the app: M.06 also at 2 (23 + … → 24 / 25 = 96), then removed again.
    let token = admin.csrf().await;
    let edit = |level: &'static str| {
        let (admin, token) = (&admin, token.clone());
        async move {
            admin
                .http
                .post(admin.url("/asesmen/standar"))
                .form(&[
                    ("_csrf", token.as_str()),
                    ("jabatan", "Kepala Bidang"),
                    ("kompetensi", "m.06"),
                    ("level", level),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(edit("2").await, 200);
    assert_eq!(
        f(&admin.json(&format!("/api/pegawai/{b}")).await["asesmen"]["jpm"]),
        96.0
    );
    assert_eq!(edit("9").await, 400);
    assert_eq!(edit("").await, 200);
    assert_eq!(
        f(&admin.json(&format!("/api/pegawai/{b}")).await["asesmen"]["jpm"]),
        92.31
    );
    let m03 = a["butir"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["kode"] == "M.03")
        .unwrap()
        .clone();
    assert_eq!((f(&m03["standar"]), f(&m03["gap"])), (2.0, 0.0));
    // Pimpinan see the JPM's bands, not the JPM or the levels (issue 10: the same on every page
    // and download); the person sees their own levels.
    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    let pp = pimpinan.json(&format!("/api/pegawai/{b}")).await;
    assert!(pp["asesmen"]["jpm"].is_null() && pp["asesmen"]["pita_pemetaan"].is_string());
    assert!(pp["asesmen"]["butir"].is_null());
    let own = s.login_as("b", Peran::Pegawai, None, Some(b)).await;
    assert_eq!(
        own.json(&format!("/api/pegawai/{b}")).await["asesmen"]["butir"]
            .as_array()
            .unwrap()
            .len(),
        9
    );
    // XLSX from a provider: numeric level cells, a DD-MM-YYYY date, another person (Contoh C).
    use ipasn_data::tabel::tulis::{self, Sel};
    let wb = tulis::Tabel::new(
        ["nip", "kompetensi", "level", "tanggal"]
            .map(String::from)
            .to_vec(),
        vec![vec![
            "198203032007031003".into(),
            "M.01".into(),
            Sel::Angka(1.5),
            "10-03-2025".into(),
        ]],
    );
    let token = admin.csrf().await;
    let form = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(wb.xlsx(None).unwrap()).file_name("hasil.xlsx"),
    );
    let r = admin
        .http
        .post(admin.url("/api/asesmen/impor"))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "selesai");
    let c = admin.json("/api/pegawai/198203032007031003").await;
    assert_eq!(
        (
            c["asesmen"]["tanggal"].as_str(),
            f(&c["asesmen"]["butir"][0]["level"])
        ),
        (Some("2025-03-10"), 1.5)
    );
    // Only importers may upload results.
    let token = pimpinan.csrf().await;
    let form = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(b"nip\n".to_vec()).file_name("x.csv"),
    );
    let r = pimpinan
        .http
        .post(pimpinan.url("/api/asesmen/impor"))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}
on_both!(assessment_results_and_jpm, assessment_results);

/// The assessment rules in a form: the values in force shown, a change written into the file
/// with its comments kept (the download still reads as the shipped file), every later JPM uses
/// it; a value that makes the rules invalid is refused with the form as typed.
async fn rules_form(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    admin.import("contoh-spec.zip", contoh_spec()).await;
    let page = admin.text("/akun").await;
    assert!(
        page.contains("name=\"asesmen.berlaku_tahun\" value=\"3\""),
        "{page}"
    );
    assert!(page.contains("name=\"standar.Pelaksana\" value=\"1\""));
    assert!(page.contains("<option selected>tanpa_batas</option>"));
    // Contoh C, a Pelaksana, at level 2 on all nine: 200 % with the default standard 1 …
    let codes = [
        "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
    ];
    let mut csv = String::from("nip,kompetensi,level,tanggal,sumber\n");
    for c in codes {
        csv.push_str(&format!("{C},{c},2,2025-03-10,UPT\n"));
    }
    admin.upload_asesmen("c.csv", csv.into_bytes()).await;
    assert_eq!(jpm_c(&admin).await, 200.0);
    // … and 100 % once the form raises the Pelaksana standard to 2 (18 / 18).
    let r = post(
        &admin,
        "/asesmen/aturan/isian",
        &[("standar.Pelaksana", "2"), ("asesmen.berlaku_tahun", "3")],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("name=\"standar.Pelaksana\" value=\"2\"")
    );
    assert_eq!(jpm_c(&admin).await, 100.0);
    let text = admin.text("/asesmen/aturan.toml").await;
    assert!(text.contains("\"Pelaksana\" = 2\n"), "{text}");
    assert!(text.contains("# Required competency level per jenjang jabatan"));
    assert!(text.contains("berlaku_tahun = 3          # results stay valid this many years"));
    let log = admin.json("/api/audit?aksi=aturan_asesmen").await;
    assert_eq!(log[0]["rincian"], "standar.Pelaksana=2");
    // Bands must go down: refused, as typed, with the reason; nothing changes.
    let r = post(
        &admin,
        "/asesmen/aturan/isian",
        &[("jpm.pita.pemetaan.1.min", "95")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("id=\"galat-aturan\"")
            && page.contains("name=\"jpm.pita.pemetaan.1.min\" value=\"95\"")
    );
    let r = post(
        &admin,
        "/asesmen/aturan/isian",
        &[("asesmen.asesor_minimal", "dua")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Asesor minimal per peserta")
    );
    assert_eq!(admin.text("/asesmen/aturan.toml").await, text);
}
on_both!(assessment_rules_in_a_form, rules_form);

async fn jpm_c(a: &Client) -> f64 {
    f(&a.json(&format!("/api/pegawai/{C}")).await["asesmen"]["jpm"])
}
