//! Who may see what: the route × role table, CSRF, login throttling, sessions ending on logout, and
//! no scores for a pimpinan without the grant.

use crate::helpers::*;

/// Every route × role: who gets what.
async fn roles(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("paket.xlsx", generated_xlsx()).await["impor"]["status"],
        "selesai"
    );
    let root = admin.json("/api/dasbor").await;
    let root_id = root["unor"]["unor_id"].as_str().unwrap().to_string();
    let units: Vec<String> = root["sub_unit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["diukur"].as_i64().unwrap() > 0)
        .map(|u| u["unor_id"].as_str().unwrap().to_string())
        .collect();
    let (a, b) = (units[0].clone(), units[1].clone());
    let nip_in = |u: String| {
        let admin = &admin;
        async move {
            admin.json(&format!("/api/unor/{u}/pegawai")).await["baris"][0]["nip"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let (nip_a, nip_b) = (nip_in(a.clone()).await, nip_in(b.clone()).await);
    let analis = s.login_as("analis", Peran::Analis, Some(&a), None).await;
    let pimpinan = s
        .login_as("pimpinan", Peran::Pimpinan, Some(&a), None)
        .await;
    let asesor = s.login_as("asesor", Peran::Asesor, None, None).await;
    let pegawai = s
        .login_as("pegawai", Peran::Pegawai, None, Some(&nip_a))
        .await;
    let anon = s.client();
    let clients: [(&str, &Client); 6] = [
        ("admin", &admin),
        ("analis", &analis),
        ("pimpinan", &pimpinan),
        ("asesor", &asesor),
        ("pegawai", &pegawai),
        ("anonim", &anon),
    ];
    // Expected status per role, in the order above; 303 = sent to the login form.
    let table: Vec<(String, [u16; 6])> = vec![
        ("/dasbor".into(), [200, 200, 200, 403, 403, 303]),
        (format!("/dasbor/{root_id}"), [200, 403, 403, 403, 403, 303]),
        (format!("/dasbor/{a}"), [200, 200, 200, 403, 403, 303]),
        (format!("/dasbor/{b}"), [200, 403, 403, 403, 403, 303]),
        (format!("/unor/{a}/pegawai"), [200, 200, 200, 403, 403, 303]),
        (format!("/unor/{b}/pegawai"), [200, 403, 403, 403, 403, 303]),
        (
            format!("/unor/{b}/pegawai.csv"),
            [200, 403, 403, 403, 403, 303],
        ),
        (
            format!("/unor/{b}/tabel/kategori.csv"),
            [200, 403, 403, 403, 403, 303],
        ),
        (format!("/unor/{a}/talenta"), [200, 200, 200, 403, 403, 303]),
        (format!("/unor/{b}/talenta"), [200, 403, 403, 403, 403, 303]),
        (
            format!("/unor/{b}/peringkat.csv"),
            [200, 403, 403, 403, 403, 303],
        ),
        (
            format!("/api/unor/{b}/talenta"),
            [200, 403, 403, 403, 403, 401],
        ),
        (format!("/unor/{a}/rencana"), [200, 200, 200, 403, 403, 303]),
        (format!("/unor/{b}/rencana"), [200, 403, 403, 403, 403, 303]),
        (
            format!("/unor/{b}/rencana/aksi.csv"),
            [200, 403, 403, 403, 403, 303],
        ),
        (
            format!("/api/unor/{b}/rencana"),
            [200, 403, 403, 403, 403, 401],
        ),
        (
            format!("/pegawai/{nip_a}/rencana"),
            [200, 200, 200, 403, 200, 303],
        ),
        (
            format!("/pegawai/{nip_b}/rencana"),
            [200, 403, 403, 403, 403, 303],
        ),
        (
            format!("/api/pegawai/{nip_b}/rencana"),
            [200, 403, 403, 403, 403, 401],
        ),
        ("/rencana/katalog".into(), [200, 200, 200, 403, 403, 303]),
        (
            format!("/unor/{a}/tindak-lanjut"),
            [200, 200, 200, 403, 403, 303],
        ),
        (
            format!("/unor/{b}/tindak-lanjut"),
            [200, 403, 403, 403, 403, 303],
        ),
        (
            format!("/api/unor/{b}/tindak-lanjut"),
            [200, 403, 403, 403, 403, 401],
        ),
        ("/program".into(), [200, 200, 403, 403, 403, 303]),
        ("/program/diklat.csv".into(), [200, 200, 403, 403, 403, 303]),
        (
            "/rencana/katalog.toml".into(),
            [200, 200, 200, 403, 403, 303],
        ),
        (format!("/pegawai/{nip_a}"), [200, 200, 200, 403, 200, 303]),
        (format!("/pegawai/{nip_b}"), [200, 403, 403, 403, 403, 303]),
        (
            "/pegawai/199001012020011999".into(),
            [404, 403, 403, 403, 403, 303],
        ),
        ("/peta".into(), [200, 200, 200, 403, 403, 303]),
        ("/impor".into(), [200, 403, 403, 403, 403, 303]),
        ("/impor/1".into(), [200, 403, 403, 403, 403, 303]),
        ("/audit".into(), [200, 403, 403, 403, 403, 303]),
        ("/akun".into(), [200, 403, 403, 403, 403, 303]),
        ("/asesmen/kamus".into(), [200, 200, 200, 200, 200, 303]),
        ("/asesmen/kamus.csv".into(), [200, 200, 200, 200, 200, 303]),
        ("/api/dasbor".into(), [200, 200, 200, 403, 403, 401]),
        (
            format!("/api/unor/{b}/dasbor"),
            [200, 403, 403, 403, 403, 401],
        ),
        (
            format!("/api/unor/{b}/pegawai"),
            [200, 403, 403, 403, 403, 401],
        ),
        (
            format!("/api/pegawai/{nip_a}"),
            [200, 200, 200, 403, 200, 401],
        ),
        (
            format!("/api/pegawai/{nip_b}"),
            [200, 403, 403, 403, 403, 401],
        ),
        ("/api/peta".into(), [200, 200, 200, 403, 403, 401]),
        ("/api/tahun".into(), [200, 200, 200, 403, 403, 401]),
        ("/api/impor".into(), [200, 403, 403, 403, 403, 401]),
        ("/api/impor/1".into(), [200, 403, 403, 403, 403, 401]),
        ("/api/audit".into(), [200, 403, 403, 403, 403, 401]),
        ("/api/saya".into(), [200, 200, 200, 200, 200, 401]),
        ("/api/openapi.json".into(), [200, 200, 200, 200, 200, 200]),
        ("/masuk".into(), [200, 200, 200, 200, 200, 200]),
    ];
    let mut wrong = vec![];
    for (path, want) in &table {
        for (i, (role, c)) in clients.iter().enumerate() {
            let got = c.status(path).await;
            if got != want[i] {
                wrong.push(format!("{role} GET {path}: {got}, expected {}", want[i]));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The home page sends each role to its place.
    assert_eq!(
        pegawai.get("/").await.headers()["location"],
        format!("/pegawai/{nip_a}")
    );
    assert_eq!(admin.get("/").await.headers()["location"], "/dasbor");
    assert_eq!(
        asesor.get("/").await.headers()["location"],
        "/asesmen/acara"
    );
    // The analis starts on their own unit.
    assert_eq!(
        analis.json("/api/dasbor").await["unor"]["unor_id"],
        a.as_str()
    );
    // A refused look at someone's page is audited too.
    let audit = admin
        .json(&format!(
            "/api/audit?aksi=lihat_pegawai_ditolak&objek={nip_b}"
        ))
        .await;
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["username"] == "pegawai")
    );
    // POST routes: only admins (and an unscoped analis for imports).
    let token = pegawai.csrf().await;
    let r = pegawai
        .http
        .post(pegawai.url("/akun"))
        .form(&[
            ("_csrf", token.as_str()),
            ("username", "x"),
            ("nama", "x"),
            ("password", "0123456789ab"),
            ("peran", "admin"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let token = analis.csrf().await;
    let form = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(generated_xlsx()).file_name("p.xlsx"),
    );
    let r = analis
        .http
        .post(analis.url("/api/impor"))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        403,
        "a scoped analis cannot replace the instansi's data"
    );
}
on_both!(route_role_table, roles);

/// CSRF, login throttling, sessions and the audit of logins.
async fn guards(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let form = |t: &str| {
        vec![
            ("_csrf", t.to_string()),
            ("username", "baru".to_string()),
            ("nama", "Baru".to_string()),
            ("password", "0123456789ab".to_string()),
            ("peran", "analis".to_string()),
        ]
    };
    // No token, a wrong token, a foreign origin: refused, and nothing is created.
    let r = admin
        .http
        .post(admin.url("/akun"))
        .form(&form("")[1..])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = admin
        .http
        .post(admin.url("/akun"))
        .form(&form("salah"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url("/akun"))
        .header("Origin", "http://penyerang.example")
        .form(&form(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // (A small body: a server that refuses early may close the connection before a large one is sent.)
    let form_multi = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(contoh_spec()).file_name("p.zip"),
    );
    let r = admin
        .http
        .post(admin.url("/api/impor"))
        .multipart(form_multi)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "an upload without the header");
    assert!(
        admin
            .json("/api/impor")
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(!admin.text("/akun").await.contains(">baru<"));
    // With the token: created.
    let r = admin
        .http
        .post(admin.url("/akun"))
        .form(&form(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(admin.text("/akun").await.contains(">baru<"));
    // The login form needs its own token.
    let c = s.client();
    let r = c
        .http
        .post(c.url("/masuk"))
        .form(&[("username", "baru"), ("password", "0123456789ab")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(c.login("baru", "0123456789ab").await, 303);
    // Five wrong passwords lock the account for a while, even with the right one after.
    let pw = s.account("korban", Peran::Analis, None, None).await;
    let c = s.client();
    for _ in 0..5 {
        assert_eq!(c.login("korban", "salah-salah").await, 401);
    }
    assert_eq!(c.login("korban", &pw).await, 429);
    // Another account is not affected (limits are per account, not per address).
    assert_eq!(s.client().login("baru", "0123456789ab").await, 303);
    let audit = admin.json("/api/audit?username=korban").await;
    let acts: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["aksi"].as_str().unwrap())
        .collect();
    assert_eq!(acts.iter().filter(|a| **a == "masuk_gagal").count(), 5);
    assert!(acts.contains(&"masuk_terkunci"));
    assert_eq!(
        c.status("/api/saya").await,
        401,
        "the locked client never got a session"
    );
}
on_both!(csrf_and_login_throttling, guards);

/// Logging out ends the session in the database.
async fn logout(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url("/keluar"))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(admin.status("/api/saya").await, 401);
    assert_eq!(admin.status("/dasbor").await, 303);
}
on_both!(session_ends_on_logout, logout);

/// With the person page's IP and the performance axis, the ranking composite gives back the
/// potential exactly (and with the JPM, the test score): a pimpinan without `lihat_detail` gets
/// none of them — not in the talent API, the pages, the ranking CSV or the person's page — and
/// with the grant gets all of them.
async fn scores(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let (d, f_, g) = (
        "198304042008041004",
        "198606062010062006",
        "199007072015072007",
    );
    let mut csv = String::from("nip,kompetensi,level,tanggal\n");
    for nip in [d, f_, g] {
        for c in [
            "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
        ] {
            csv.push_str(&format!("{nip},{c},1,2025-02-01\n"));
        }
    }
    assert_eq!(
        admin
            .upload_asesmen("kompetensi.csv", csv.into_bytes())
            .await["impor"]["status"],
        "selesai"
    );
    assert_eq!(
        admin
            .upload_asesmen(
                "potensi.csv",
                format!("nip,skor,tanggal\n{f_},95,2025-02-02\n{g},70,2025-02-02\n").into_bytes()
            )
            .await["impor"]["status"],
        "selesai"
    );
    // What the admin sees: the numbers a pimpinan must not get.
    let t = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let of = |t: &Value, nip: &str| {
        t["orang"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["nip"] == nip)
            .unwrap()
            .clone()
    };
    let pf = of(&t, f_);
    assert_eq!((f(&pf["potensi"]), f(&pf["tes_potensi"])), (98.0, 95.0));
    let komposit_f = f(&pf["komposit"]);
    let admin_csv = admin.text("/unor/K/peringkat.csv?tahun=2024").await;
    assert!(admin_csv.contains(",komposit,ip,jpm,potensi,"));
    let admin_html = admin.text("/unor/K/talenta?tahun=2024").await;
    assert!(
        admin_html.contains("<th>JPM</th>")
            && admin_html.contains("<span class=\"kecil\">98</span>")
    );
    let secret = |text: &str| {
        // The composite of F as it would be written, and the potential and test scores.
        let k = format!("{komposit_f}");
        text.contains(&k)
            || text.contains("<span class=\"kecil\">98</span>")
            || text.contains(",98,")
            || text.contains(",95,")
    };
    assert!(secret(&admin_csv) && secret(&admin_html));

    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    let pt = pimpinan.json("/api/unor/K/talenta?tahun=2024").await;
    for o in pt["orang"].as_array().unwrap() {
        for k in ["komposit", "jpm", "potensi", "tes_potensi"] {
            assert!(o[k].is_null(), "{k} of {}: {o}", o["nip"]);
        }
    }
    // Ranks, boxes and the potential category stay.
    let pp = of(&pt, f_);
    assert_eq!(
        (
            pp["peringkat"].as_u64(),
            pp["kotak"].as_u64(),
            pp["kategori_potensi"].as_str()
        ),
        (
            pf["peringkat"].as_u64(),
            pf["kotak"].as_u64(),
            Some("tinggi")
        )
    );
    assert!(!pt.to_string().contains(&format!("{komposit_f}")));
    let csv = pimpinan.text("/unor/K/peringkat.csv?tahun=2024").await;
    let header = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(
        header,
        "kelompok,peringkat,dari,nip,nama,unor_id,ip,kategori_potensi,kinerja,kotak,jalur_cepat"
    );
    assert!(!secret(&csv), "{csv}");
    let html = pimpinan.text("/unor/K/talenta?tahun=2024").await;
    assert!(!html.contains("<th>JPM</th>") && !secret(&html));
    // The person's page and its JSON: the JPM's bands, not the JPM.
    let pj = pimpinan.json(&format!("/api/pegawai/{f_}")).await;
    assert!(pj["asesmen"]["jpm"].is_null() && pj["asesmen"]["butir"].is_null());
    assert!(pj["asesmen"]["pita_pemetaan"].is_string());
    let html = pimpinan.text(&format!("/pegawai/{f_}")).await;
    assert!(!html.contains("id=\"jpm\"") && html.contains("id=\"jpm-pita\""));
    assert!(html.contains("\"jpm\":null") && !html.contains("\"jpm\":100"));

    // Granted: everything.
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
    let t2 = p2.json("/api/unor/K/talenta?tahun=2024").await;
    let q = of(&t2, f_);
    assert_eq!(
        (
            f(&q["komposit"]),
            f(&q["jpm"]),
            f(&q["potensi"]),
            f(&q["tes_potensi"])
        ),
        (komposit_f, 100.0, 98.0, 95.0)
    );
    let csv = p2.text("/unor/K/peringkat.csv?tahun=2024").await;
    assert!(csv.contains(",komposit,ip,jpm,potensi,") && secret(&csv));
    assert!(secret(&p2.text("/unor/K/talenta?tahun=2024").await));
    let pj = p2.json(&format!("/api/pegawai/{f_}")).await;
    assert_eq!(f(&pj["asesmen"]["jpm"]), 100.0);
    assert!(
        p2.text(&format!("/pegawai/{f_}"))
            .await
            .contains("id=\"jpm\"")
    );
}
on_both!(pimpinan_without_grant_gets_no_scores, scores);
