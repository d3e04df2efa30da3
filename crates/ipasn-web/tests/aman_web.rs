//! Issue 10, "safe by default", over real HTTP on SQLite and PostgreSQL: forms that keep what
//! was typed (with drafts and confirmations before irreversible steps), error pages in the
//! layout, no scores for a pimpinan without the grant, and no formulas in CSV downloads.

mod common;

use common::{Client, Server, contoh_spec, zip_dir};
use ipasn_store::akun::Peran;
use serde_json::Value;
use std::path::Path;

const B: &str = "198102022006021002";

/// Every field of every row of a CSV download (BOM removed).
fn cells(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Cells a spreadsheet would run as formulas leave every web CSV download with a leading `'`;
/// plain numbers (also negative ones) stay numbers.
async fn formulas(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let evil = "=HYPERLINK(\"http://x\",\"y\")";
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/paket/contoh-spec");
    let pkg = zip_dir(&dir, |name, text| match name {
        "pegawai.csv" => text.replacen(
            ",Contoh F,",
            ",\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",",
            1,
        ),
        "unor.csv" => text.replacen(",Dinas Contoh,", ",@SUM(1+1),", 1),
        _ => text,
    });
    let j = admin.import("contoh-spec.zip", pkg).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    let f_ = "198606062010062006";
    assert_eq!(
        admin.json(&format!("/api/pegawai/{f_}")).await["pegawai"]["nama"],
        evil
    );
    let name_cell = |csv: &str| -> Vec<String> {
        cells(csv)
            .into_iter()
            .flatten()
            .filter(|c| c.contains("HYPERLINK"))
            .collect()
    };
    let want = format!("'{evil}");
    // The pegawai list, the ranking.
    for path in [
        "/unor/K/pegawai.csv?tahun=2024",
        "/unor/K/peringkat.csv?tahun=2024",
    ] {
        let csv = admin.text(path).await;
        assert_eq!(name_cell(&csv), vec![want.clone()], "{path}: {csv}");
    }
    // Unit names in the dashboard's tables.
    let csv = admin.text("/unor/K/tabel/subunit.csv?tahun=2024").await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(all.contains(&"'@SUM(1+1)".to_string()), "{csv}");
    assert!(
        !all.iter().any(|c| c.starts_with(['=', '+', '-', '@'])),
        "{csv}"
    );
    // Standards (position titles) and the dictionary (names) as uploaded.
    assert_eq!(
        admin
            .upload_asesmen(
                "skj.csv",
                b"jabatan,kompetensi,level\n+Kepala Bidang,M.03,2\n".to_vec()
            )
            .await["impor"]["status"],
        "selesai"
    );
    let csv = admin.text("/asesmen/standar.csv").await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(
        all.iter().any(|c| c.starts_with("'+")) && !all.iter().any(|c| c.starts_with('+')),
        "{csv}"
    );
    assert_eq!(
        admin
            .upload_asesmen(
                "kamus.csv",
                b"kompetensi,nama,level,deskripsi\nT.ARSIP,-Arsip dinamis,,\"=1+2\"\n".to_vec()
            )
            .await["impor"]["status"],
        "selesai"
    );
    let csv = admin.text("/asesmen/kamus.csv").await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(
        all.contains(&"'-Arsip dinamis".to_string()) && all.contains(&"'=1+2".to_string()),
        "{csv}"
    );
    // An import's problems: the values as read (a formula, a tab) are neutralised, a negative
    // number stays a number.
    let bad = zip_dir(&dir, |name, text| match name {
        "skp.csv" => text.replacen(
            "198001012005011001,2024,88,",
            "198001012005011001,2024,-5,",
            1,
        ),
        "diklat.csv" => text.replacen(",24,BKPSDM", ",=1+1,BKPSDM", 1),
        _ => text,
    });
    let j = admin.import("buruk.zip", bad).await;
    assert_eq!(j["impor"]["status"], "ditolak", "{j}");
    let id = j["impor"]["id"].as_i64().unwrap();
    let csv = admin.text(&format!("/impor/{id}/masalah.csv")).await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(all.contains(&"'=1+1".to_string()), "{csv}");
    assert!(
        all.contains(&"-5".to_string()),
        "a negative number stays numeric: {csv}"
    );
    assert!(!all.iter().any(|c| c.starts_with('=')));
    // XLSX is unchanged: the name is a text cell, as it always was.
    let r = admin.get("/unor/K/pegawai.xlsx?tahun=2024").await;
    assert_eq!(r.status(), 200);
}
on_both!(csv_cells_cannot_be_formulas, formulas);

/// Error pages: inside the layout with the menu and a way back that suits the role (and the page
/// one came from); a plain page with the login link for a visitor; JSON for the API.
async fn error_pages(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let pegawai = s.login_as("b", Peran::Pegawai, None, Some(B)).await;
    let asesor = s.login_as("asesor1", Peran::Asesor, None, None).await;
    let page = |c: &Client, path: &'static str, status: u16| {
        let http = c.http.clone();
        let url = c.url(path);
        async move {
            let r = http.get(&url).send().await.unwrap();
            assert_eq!(r.status().as_u16(), status, "{path}");
            assert!(
                r.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("text/html")
            );
            r.text().await.unwrap()
        }
    };
    let back = |html: &str| {
        let i = html.find("id=\"kembali\"").expect("a way back");
        let a = html[..i].rfind("href=\"").unwrap() + 6;
        html[a..a + html[a..].find('"').unwrap()].to_string()
    };
    // 403 for a pegawai: layout, menu, back to their own page.
    let h = page(&pegawai, "/dasbor", 403).await;
    assert!(h.contains("<header class=\"top\">") && h.contains("href=\"/asesmen/kamus\""));
    assert!(h.contains("b (pegawai)") && h.contains("name=\"_csrf\""));
    assert_eq!(back(&h), format!("/pegawai/{B}"));
    assert!(h.contains("403"));
    // 403 for an asesor: back to the events.
    let h = page(&asesor, "/peta", 403).await;
    assert!(h.contains("href=\"/asesmen/acara\"") && h.contains("<header class=\"top\">"));
    assert_eq!(back(&h), "/asesmen/acara");
    // 404 for the admin (a person not in the data, and an address that does not exist).
    let h = page(&admin, "/pegawai/199001012020011999", 404).await;
    assert!(h.contains("<header class=\"top\">") && h.contains("href=\"/audit\""));
    assert_eq!(back(&h), "/dasbor");
    let h = page(&admin, "/tidak/ada/di/sini", 404).await;
    assert!(h.contains("<header class=\"top\">") && h.contains("404"));
    // In English when the user chose it.
    let h = page(&admin, "/pegawai/199001012020011999?lang=en", 404).await;
    assert!(h.contains("Back to the dashboard") && h.contains("Not found"));
    // 400 from a form: the message, and a link back to the page the form was on.
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url("/unor/K/talenta/kalibrasi"))
        .header("Referer", admin.url("/unor/K/talenta?tahun=2024"))
        .form(&[
            ("_csrf", token.as_str()),
            ("tahun", "2024"),
            ("nip", B),
            ("ke", "5"),
            ("alasan", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let h = r.text().await.unwrap();
    assert!(h.contains("<header class=\"top\">"));
    assert!(
        h.contains("href=\"/unor/K/talenta?tahun=2024\" id=\"kembali-asal\""),
        "{h}"
    );
    // A referer of another site is not offered.
    let r = admin
        .http
        .post(admin.url("/unor/K/talenta/kalibrasi"))
        .header("Referer", "http://evil.example/x")
        .form(&[("_csrf", token.as_str()), ("tahun", "2024"), ("nip", B)])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    let h = r.text().await.unwrap();
    assert!(
        h.contains("<header class=\"top\">") && !h.contains("evil.example"),
        "{h}"
    );
    // The framework's own refusal (a malformed path) is dressed the same way.
    let h = page(&admin, "/asesmen/acara/bukan-angka", 400).await;
    assert!(h.contains("<header class=\"top\">"), "{h}");
    // A visitor: a plain page with the login link.
    let anon = s.client();
    let h = page(&anon, "/tidak/ada", 404).await;
    assert!(!h.contains("<header class=\"top\">") && h.contains("href=\"/masuk\""));
    // The API answers JSON, never a page.
    let r = pegawai.get("/api/dasbor").await;
    assert_eq!(r.status(), 403);
    let j: Value = r.json().await.unwrap();
    assert!(j["error"].is_string());
    let r = admin.get("/api/tidak-ada").await;
    assert_eq!(r.status(), 404);
    assert!(
        !r.headers()
            .get("content-type")
            .is_some_and(|c| c.to_str().unwrap().starts_with("text/html"))
    );
}
on_both!(error_pages_keep_the_layout, error_pages);
