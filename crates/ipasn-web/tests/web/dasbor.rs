//! The dashboards over HTTP: the spec's worked examples as the API and the pages show them.

use crate::helpers::*;

async fn spec_examples(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let j = admin.import("contoh-spec.zip", contoh_spec()).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    assert_eq!(j["impor"]["perubahan"]["pegawai"]["baru"], 9);
    // Unit figures of the expected file (spec §7 example).
    let d = admin.json("/api/unor/K/dasbor?tahun=2024").await;
    assert_eq!(f(&d["ip"]), 65.5);
    assert_eq!(d["kategori"], "Rendah");
    assert_eq!(
        (d["pegawai"].as_i64(), d["diukur"].as_i64()),
        (Some(9), Some(8))
    );
    assert_eq!(f(&d["partisipasi"]), 88.89);
    let means: Vec<f64> = d["dimensi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| f(&x["rerata"]))
        .collect();
    assert_eq!(means, vec![14.5, 28.13, 19.5, 3.38]);
    // Every person of the expected file, through the person API.
    let expected = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/paket/contoh-spec/expected-hasil.csv"
    ))
    .unwrap();
    let mut r = csv::Reader::from_reader(expected.as_bytes());
    let mut n = 0;
    for row in r.records() {
        let row = row.unwrap();
        let p = admin
            .json(&format!("/api/pegawai/{}?tahun=2024", &row[0]))
            .await;
        assert_eq!(
            f(&p["ip"]),
            row[9].parse::<f64>().unwrap(),
            "IP of {}",
            &row[0]
        );
        assert_eq!(p["kategori"], row[10], "category of {}", &row[0]);
        let dims: Vec<f64> = p["dimensi"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| f(&x["poin"]))
            .collect();
        let want: Vec<f64> = (5..9).map(|i| row[i].parse().unwrap()).collect();
        assert_eq!(dims, want, "dimensions of {}", &row[0]);
        // Each dimension explains itself.
        for x in p["dimensi"].as_array().unwrap() {
            assert!(
                !x["alasan"].as_array().unwrap().is_empty(),
                "no reason for {x}"
            );
            let gap = f(&x["maks"]) - f(&x["poin"]);
            let adds: f64 = x["kurang"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| f(&k["tambah"]))
                .sum();
            assert!(
                gap == 0.0 || adds > 0.0,
                "a missing {gap} points without a remedy: {x}"
            );
        }
        n += 1;
    }
    assert_eq!(n, 8);
    // U2 has 4 measured persons: suppressed under the default threshold of 5 …
    let u2 = admin.json("/api/unor/U2/dasbor?tahun=2024").await;
    assert_eq!(u2["disembunyikan"], true);
    assert!(u2["ip"].is_null() && u2["kategori_list"].as_array().unwrap().is_empty());
    // … and shown once the admin lowers it (a setting stored as data).
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url("/pengaturan"))
        .form(&[("_csrf", token.as_str()), ("kelompok_kecil", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let u2 = admin.json("/api/unor/U2/dasbor?tahun=2024").await;
    assert_eq!(f(&u2["ip"]), 71.38);
    assert_eq!(u2["kategori"], "Sedang");
    // The target is configurable per year.
    let r = admin
        .http
        .post(admin.url("/pengaturan"))
        .form(&[
            ("_csrf", token.as_str()),
            ("tahun", "2024"),
            ("target", "60"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let d = admin.json("/api/unor/K/dasbor?tahun=2024").await;
    assert_eq!(
        (f(&d["target"]), d["tercapai"].as_bool()),
        (60.0, Some(true))
    );
    let d = admin.json("/api/unor/K/dasbor?tahun=2023").await;
    assert_eq!(f(&d["target"]), 80.0, "other years keep the default");
}
on_both!(spec_examples_via_http, spec_examples);

/// Pages write numbers as their reader does: `88,89` and `28,13` in Indonesian, `88.89` and
/// `28.13` in English (the API keeps JSON numbers).
async fn numbers_in_each_language(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let j = admin.import("contoh-spec.zip", contoh_spec()).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    let page = admin.text("/dasbor/K?tahun=2024").await;
    // (The charts' JSON on the page holds numbers as JSON writes them; the text never does.)
    for id in ["65,5", "88,89", "28,13", "3,38"] {
        assert!(page.contains(id), "{id} missing");
    }
    assert!(!page.contains(">88.89") && !page.contains(">28.13"));
    admin.get("/bahasa/en").await;
    let page = admin.text("/dasbor/K?tahun=2024").await;
    assert!(page.contains(">Dashboard<"), "switched to English");
    for id in ["65,5", "88,89", "28,13", "3,38"] {
        assert!(!page.contains(id), "{id} in English");
    }
    assert!(page.contains(">28.13") || page.contains(">88.89"));
}
on_both!(numbers_in_each_language, numbers_in_each_language);

/// Every page names the favicon, which is served from the binary (no 404 in the log).
async fn favicon(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    // The login page is seen signed out (a signed-in admin is sent on to the dashboard).
    let visitor = s.client();
    for (c, page) in [(&admin, "/dasbor"), (&visitor, "/masuk")] {
        assert!(
            c.text(page)
                .await
                .contains("rel=\"icon\" href=\"/aset/favicon.svg\"")
        );
    }
    let r = admin.get("/aset/favicon.svg").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    assert!(r.text().await.unwrap().starts_with("<svg"));
}
on_both!(favicon, favicon);
