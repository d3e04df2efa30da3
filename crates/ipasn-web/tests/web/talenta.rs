//! The nine-box and the talent pool.

use crate::helpers::*;

/// The nine-box from stored results: the right people in the right boxes, a calibration kept
/// with who and why, the talent pool, ranking within jenjang groups, pimpinan without scores.
async fn nine_box(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let upload = |name: &'static str, body: String| {
        let admin = &admin;
        async move {
            admin.upload_asesmen(name, body.into_bytes()).await["impor"]["status"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let (d, f_, g, a) = (
        "198304042008041004",
        "198606062010062006",
        "199007072015072007",
        "198001012005011001",
    );
    let mut csv = String::from("nip,kompetensi,level,tanggal\n");
    for nip in [d, f_, g, a] {
        for c in [
            "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
        ] {
            let level = if nip == a { 2 } else { 1 };
            csv.push_str(&format!("{nip},{c},{level},2025-02-01\n"));
        }
    }
    assert_eq!(upload("kompetensi.csv", csv).await, "selesai");
    // Potential test scores (a bad score is refused first).
    assert_eq!(
        upload(
            "potensi.csv",
            format!("nip,skor,tanggal\n{f_},101,2025-02-02\n")
        )
        .await,
        "ditolak"
    );
    assert_eq!(
        upload(
            "potensi.csv",
            format!("nip,skor,tanggal\n{f_},95,2025-02-02\n{g},70,2025-02-02\n")
        )
        .await,
        "selesai"
    );
    let t = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let person = |nip: &str| {
        t["orang"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["nip"] == nip)
            .unwrap()
            .clone()
    };
    // F: JPM 100, test 95 → potential 98 (tinggi), Sangat Baik (di atas) → box 9.
    let pf = person(f_);
    assert_eq!(
        (
            f(&pf["jpm"]),
            f(&pf["potensi"]),
            pf["kategori_potensi"].as_str(),
            pf["kinerja"].as_str(),
            pf["kotak"].as_u64()
        ),
        (100.0, 98.0, Some("tinggi"), Some("di atas"), Some(9))
    );
    // G: JPM 100, test 70 → 88 (menengah), di atas → box 7.
    let pg = person(g);
    assert_eq!((f(&pg["potensi"]), pg["kotak"].as_u64()), (88.0, Some(7)));
    // D: JPM 100 and no test → potential 100 (tinggi), Butuh Perbaikan (di bawah) → box 6.
    assert_eq!(person(d)["kotak"].as_u64(), Some(6));
    // A: assessed, but the 2024 SKP is a number without a predikat → no box, with the reason.
    let pa = person(a);
    assert!(
        pa["kotak"].is_null() && pa["tanpa_kotak"].as_str().unwrap().contains("predikat"),
        "{pa}"
    );
    // H (numeric SKP too) assessed in 2019: expired, said so.
    assert_eq!(
        upload(
            "lama.csv",
            "nip,kompetensi,level,tanggal\n198808082012081008,M.01,3,2019-01-10\n".into()
        )
        .await,
        "selesai"
    );
    let t2 = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let ph = t2["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == "198808082012081008")
        .unwrap()
        .clone();
    assert!(
        ph["jpm"].is_null() && ph["tanpa_kotak"].as_str().unwrap().contains("kedaluwarsa"),
        "{ph}"
    );
    let count = |t: &Value, n: u64| {
        t["grid"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r.as_array().unwrap())
            .find(|k| k["nomor"] == n)
            .unwrap()["jumlah"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        (count(&t, 9), count(&t, 7), count(&t, 6), count(&t, 3)),
        (1, 1, 1, 0)
    );
    // Ranking within jenjang: F leads the Pelaksana and is on the fast track.
    assert_eq!(
        (
            pf["jenjang_jabatan"].as_str(),
            pf["peringkat"].as_u64(),
            pf["jalur_cepat"].as_bool()
        ),
        (Some("Pelaksana"), Some(1), Some(true))
    );
    // Calibration: D moves from 6 to 3, with the reason; the rules' box is kept beside it.
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url("/unor/K/talenta/kalibrasi"))
        .form(&[
            ("_csrf", token.as_str()),
            ("tahun", "2024"),
            ("nip", d),
            ("ke", "3"),
            ("alasan", "hasil panel kalibrasi 12 Maret"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let t = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let pd = t["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == d)
        .unwrap()
        .clone();
    assert_eq!(
        (
            pd["kotak"].as_u64(),
            pd["kotak_aturan"].as_u64(),
            pd["kalibrasi"][1].as_str()
        ),
        (Some(3), Some(6), Some("admin"))
    );
    assert_eq!((count(&t, 6), count(&t, 3)), (0, 1));
    let audit = admin
        .json(&format!("/api/audit?aksi=kalibrasi&objek={d}"))
        .await;
    assert!(
        audit[0]["rincian"].as_str().unwrap().contains("\"dari\":6"),
        "{audit}"
    );
    // A reason is required.
    let r = admin
        .http
        .post(admin.url("/unor/K/talenta/kalibrasi"))
        .form(&[
            ("_csrf", token.as_str()),
            ("tahun", "2024"),
            ("nip", d),
            ("ke", "5"),
            ("alasan", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // The page: box 9 lists F; the talent-pool boxes are marked.
    let html = admin.text("/unor/K/talenta?tahun=2024&kotak=9").await;
    assert!(html.contains(f_) && !html.contains(&format!("data-nip=\"{g}\"")));
    let csv = admin.text("/unor/K/peringkat.csv?tahun=2024").await;
    assert!(
        csv.lines().any(|l| l.contains(f_) && l.ends_with(",ya")),
        "{csv}"
    );
    // Pimpinan see boxes and the pool, not the scores; a pegawai sees none of it.
    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    let pt = pimpinan.json("/api/unor/K/talenta?tahun=2024").await;
    let pp = pt["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == f_)
        .unwrap()
        .clone();
    assert_eq!(pp["kotak"].as_u64(), Some(9));
    assert!(pp["jpm"].is_null() && pp["potensi"].is_null() && pp["tes_potensi"].is_null());
    let r = pimpinan
        .http
        .post(pimpinan.url("/unor/K/talenta/kalibrasi"))
        .form(&[
            ("_csrf", pimpinan.csrf().await.as_str()),
            ("tahun", "2024"),
            ("nip", d),
            ("ke", "5"),
            ("alasan", "tidak berwenang sama sekali"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let audit = admin.json("/api/audit?aksi=lihat_talenta").await;
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["username"] == "pimpinan")
    );
    // The instansi's own rules: potential from the test alone puts G (test 70) in "rendah" → box 4.
    let text = admin.text("/asesmen/aturan.toml").await;
    let mine = text.replace(
        "bobot = { jpm = 0.6, tes_potensi = 0.4, rekam_jejak = 0.0 }",
        "bobot = { jpm = 0.0, tes_potensi = 1.0, rekam_jejak = 0.0 }",
    );
    assert_ne!(mine, text);
    let send = |body: String| {
        let admin = &admin;
        async move {
            let token = admin.csrf().await;
            let form = reqwest::multipart::Form::new().part(
                "berkas",
                reqwest::multipart::Part::bytes(body.into_bytes()).file_name("asesmen.toml"),
            );
            admin
                .http
                .post(admin.url("/asesmen/aturan"))
                .header("X-CSRF-Token", token)
                .multipart(form)
                .send()
                .await
                .unwrap()
        }
    };
    let bad = send(mine.replace(
        "kotak = [[1, 2, 4], [3, 5, 7], [6, 8, 9]]",
        "kotak = [[1, 2, 4], [3, 5, 7], [6, 8, 8]]",
    ))
    .await;
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("exactly once"));
    assert_eq!(send(mine).await.status(), 200);
    let t = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let pg = t["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == g)
        .unwrap()
        .clone();
    assert_eq!(
        (
            f(&pg["potensi"]),
            pg["kategori_potensi"].as_str(),
            pg["kotak"].as_u64()
        ),
        (70.0, Some("rendah"), Some(4))
    );
    assert_eq!(
        admin
            .json("/api/audit?aksi=aturan_asesmen")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Track record: half test, half track record; G's record of 90 lifts 70 to 80 (menengah → box 7).
    let both = text.replace(
        "bobot = { jpm = 0.6, tes_potensi = 0.4, rekam_jejak = 0.0 }",
        "bobot = { jpm = 0.0, tes_potensi = 0.5, rekam_jejak = 0.5 }",
    );
    assert_eq!(send(both).await.status(), 200);
    assert_eq!(
        upload(
            "potensi.csv",
            format!("nip,skor,rekam_jejak,tanggal\n{g},70,90,2025-02-02\n")
        )
        .await,
        "selesai"
    );
    let t = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let pg = t["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == g)
        .unwrap()
        .clone();
    assert_eq!((f(&pg["potensi"]), pg["kotak"].as_u64()), (80.0, Some(7)));
    // A pimpinan granted the detail sees the scores.
    let pw = ipasn_store::akun::password_acak();
    ipasn_store::akun::simpan(
        &s.db,
        &ipasn_store::akun::AkunBaru {
            username: "pimpinan2",
            nama: "P2",
            password: &pw,
            peran: Peran::Pimpinan,
            unor_id: None,
            nip: None,
            lihat_detail: true,
        },
    )
    .await
    .unwrap();
    let p2 = s.client();
    assert_eq!(p2.login("pimpinan2", &pw).await, 303);
    let t = p2.json("/api/unor/K/talenta?tahun=2024").await;
    assert!(
        t["orang"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["nip"] == g && o["potensi"].as_f64() == Some(80.0))
    );
}
on_both!(nine_box_and_talent_pool, nine_box);
