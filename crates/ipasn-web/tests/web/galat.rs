//! Error pages keep the layout and a way back that suits the role.

use crate::helpers::*;

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
