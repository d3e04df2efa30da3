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

/// The rows of a talent page, by their NIPs, in order.
fn rows(html: &str) -> Vec<String> {
    html.split("<tr data-nip=\"")
        .skip(1)
        .map(|r| r.split('"').next().unwrap().to_string())
        .collect()
}

/// The page links of a talent page (the `href`s in its page navigation).
fn page_links(html: &str) -> Vec<String> {
    let Some(nav) = html.split("id=\"halaman-talenta\"").nth(1) else {
        return vec![];
    };
    let nav = nav.split("</nav>").next().unwrap();
    nav.split("href=\"")
        .skip(1)
        .map(|h| h.split('"').next().unwrap().replace("&#38;", "&"))
        .collect()
}

/// The talent page of a whole instansi is paged: at most 50 rows a page, every placed person on
/// exactly one page in the API's order, the box and the search kept in the page links, one
/// calibration form on a page of its own that comes back to the page it was opened from.
async fn paged(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin
            .import("paket.zip", zip_dir(generated_dir(), |_, t| t))
            .await["impor"]["status"],
        "selesai"
    );
    let root = admin.json("/api/dasbor?tahun=2024").await["unor"]["unor_id"]
        .as_str()
        .unwrap()
        .to_string();
    // Everyone measured in 2024 assessed at level 5 on the nine competencies: potential "tinggi".
    let mut nips = vec![];
    for hal in 1.. {
        let list = admin
            .json(&format!("/api/unor/{root}/pegawai?tahun=2024&hal={hal}"))
            .await;
        let baris = list["baris"].as_array().unwrap();
        if baris.is_empty() {
            break;
        }
        nips.extend(baris.iter().map(|b| b["nip"].as_str().unwrap().to_string()));
    }
    let mut csv = String::from("nip,kompetensi,level,tanggal\n");
    for nip in &nips {
        for c in [
            "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
        ] {
            csv.push_str(&format!("{nip},{c},5,2025-02-01\n"));
        }
    }
    assert_eq!(
        admin
            .upload_asesmen("kompetensi.csv", csv.into_bytes())
            .await["impor"]["status"],
        "selesai"
    );
    let t = admin
        .json(&format!("/api/unor/{root}/talenta?tahun=2024"))
        .await;
    // The API stays whole: everyone measured, placed or not.
    let placed: Vec<(String, u64)> = t["orang"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| Some((o["nip"].as_str()?.to_string(), o["kotak"].as_u64()?)))
        .collect();
    assert!(placed.len() > 100, "{} placed", placed.len());
    let base = format!("/unor/{root}/talenta");

    // Page 1: 50 rows, no calibration form, one calibration link a row, a link to page 2.
    let p1 = admin.text(&format!("{base}?tahun=2024")).await;
    let r1 = rows(&p1);
    assert_eq!(r1.len(), 50);
    assert!(!p1.contains("name=\"alasan\"") && !p1.contains("name=\"ke\""));
    assert_eq!(p1.matches("/talenta/kalibrasi?nip=").count(), 50);
    let links = page_links(&p1);
    assert!(
        links.contains(&"?tahun=2024&hal=2".to_string()),
        "{links:?}"
    );
    // Every page in turn: each placed person once, in the API's order (jenjang group, rank).
    let pages = placed.len().div_ceil(50);
    let mut all = r1.clone();
    for hal in 2..=pages {
        let p = admin.text(&format!("{base}?tahun=2024&hal={hal}")).await;
        let r = rows(&p);
        assert!(
            !r.is_empty() && r.len() <= 50,
            "page {hal}: {} rows",
            r.len()
        );
        if hal == 2 {
            assert!(r.iter().all(|n| !r1.contains(n)), "page 2 repeats page 1");
            assert!(p.contains("id=\"sebelumnya\""));
        }
        all.extend(r);
    }
    let expected: Vec<String> = placed.iter().map(|p| p.0.clone()).collect();
    assert_eq!(all, expected);
    // Past the last page: the last page.
    let last = admin.text(&format!("{base}?tahun=2024&hal=9999")).await;
    assert_eq!(rows(&last), expected[(pages - 1) * 50..].to_vec());

    // A box with more than a page of people: its pages keep the box.
    let mut per_box = std::collections::BTreeMap::<u64, Vec<String>>::new();
    for (nip, k) in &placed {
        per_box.entry(*k).or_default().push(nip.clone());
    }
    let (k, in_box) = per_box.iter().max_by_key(|(_, v)| v.len()).unwrap();
    assert!(in_box.len() > 50, "box {k}: {}", in_box.len());
    let b1 = admin.text(&format!("{base}?tahun=2024&kotak={k}")).await;
    assert_eq!(rows(&b1), in_box[..50].to_vec());
    let links = page_links(&b1);
    assert!(
        !links.is_empty() && links.iter().all(|l| l.contains(&format!("kotak={k}"))),
        "{links:?}"
    );
    let b2 = admin
        .text(&format!("{base}?tahun=2024&kotak={k}&hal=2"))
        .await;
    assert_eq!(
        rows(&b2),
        in_box[50..in_box.len().min(100)].to_vec(),
        "page 2 of box {k}"
    );

    // The search: by NIP one person; by a name (any case) everyone of that name; it too
    // survives the page links.
    let (nip, _) = &placed[60];
    let one = admin.text(&format!("{base}?tahun=2024&cari={nip}")).await;
    assert_eq!(rows(&one), vec![nip.clone()]);
    assert!(page_links(&one).is_empty());
    let name = t["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == nip.as_str())
        .unwrap()["nama"]
        .as_str()
        .unwrap()
        .to_string();
    let word = name.split_whitespace().next().unwrap().to_uppercase();
    let by_name = admin
        .text(&format!(
            "{base}?tahun=2024&cari={}",
            word.replace(' ', "+")
        ))
        .await;
    assert!(rows(&by_name).contains(nip), "{word}");
    let many = admin
        .text(&format!("{base}?tahun=2024&kotak={k}&cari=a"))
        .await;
    let links = page_links(&many);
    assert!(
        !links.is_empty()
            && links
                .iter()
                .all(|l| l.contains(&format!("kotak={k}")) && l.contains("cari=a")),
        "{links:?}"
    );
    let none = admin
        .text(&format!("{base}?tahun=2024&cari=tidak-ada-nama-ini"))
        .await;
    assert!(rows(&none).is_empty() && none.contains("data-total=\"0\""));

    // The calibration form of one person, opened from page 2 of the box.
    let (nip, _) = (&in_box[55], k);
    let form_url = format!("{base}/kalibrasi?nip={nip}&tahun=2024&kotak={k}&hal=2");
    let form = admin.text(&form_url).await;
    assert_eq!(form.matches("name=\"alasan\"").count(), 1, "{form}");
    assert!(
        form.contains(&format!("<option value=\"{k}\" selected>")),
        "{form}"
    );
    assert!(
        form.contains("name=\"alasan\"")
            && form.contains(&format!("name=\"nip\" value=\"{nip}\""))
            && form.contains("name=\"hal\" value=\"2\"")
            && form.contains(&format!("name=\"kotak\" value=\"{k}\""))
    );
    let back = format!("/unor/{root}/talenta?tahun=2024&#38;kotak={k}&#38;hal=2");
    assert!(form.contains(&back), "{form}");
    let ke = if *k == 5 { "4" } else { "5" };
    let r = post(
        &admin,
        &format!("{base}/kalibrasi"),
        &[
            ("tahun", "2024"),
            ("nip", nip),
            ("ke", ke),
            ("alasan", "rapat kalibrasi 3 Maret"),
            ("kotak", &k.to_string()),
            ("hal", "2"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("/unor/{root}/talenta?tahun=2024&kotak={k}&hal=2").as_str()
    );
    let again = admin.text(&form_url).await;
    assert!(
        again.contains(&format!("<option value=\"{ke}\" selected>"))
            && again.contains(&format!("id=\"kotak-aturan\">{k}<"))
            && again.contains("rapat kalibrasi 3 Maret"),
        "{again}"
    );
    let audit = admin
        .json(&format!("/api/audit?aksi=kalibrasi&objek={nip}"))
        .await;
    assert!(
        audit[0]["rincian"]
            .as_str()
            .unwrap()
            .contains(&format!("\"dari\":{k}")),
        "{audit}"
    );
    // Not for a pimpinan; not for someone unknown; not for someone without a box.
    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    assert_eq!(pimpinan.status(&form_url).await, 403);
    let p = pimpinan.text(&format!("{base}?tahun=2024&hal=2")).await;
    assert_eq!(rows(&p).len(), 50);
    assert!(!p.contains("/talenta/kalibrasi?"));
    assert_eq!(
        admin
            .status(&format!(
                "{base}/kalibrasi?nip=199001012020011999&tahun=2024"
            ))
            .await,
        404
    );
    if let Some(o) = t["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kotak"].is_null())
    {
        let nip = o["nip"].as_str().unwrap();
        assert_eq!(
            admin
                .status(&format!("{base}/kalibrasi?nip={nip}&tahun=2024"))
                .await,
            400
        );
    }
}
on_both!(paged_talent_page_and_one_calibration_form, paged);
