//! Every response carries the security headers; the framework's rejections are answered in the
//! user's language.

use crate::helpers::*;

async fn headers_and_rejections(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    for path in ["/", "/api/saya", "/masuk", "/tidak-ada"] {
        let r = admin.get(path).await;
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"));
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert_eq!(h["cache-control"], "no-store", "{path}");
    }
    let r = admin.get("/aset/app.js").await;
    assert_eq!(r.status(), 200);
    assert_ne!(r.headers()["cache-control"], "no-store");
    // Unknown paths: our page, in the user's language.
    let r = admin.get("/tidak-ada?lang=en").await;
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("Not found"));
    // A query that does not parse: our words, not the framework's.
    let r = admin.get("/api/unor/X/pegawai?hal=abc").await;
    assert_eq!(r.status(), 400);
    let body = r.text().await.unwrap();
    assert!(!body.contains("Failed to deserialize"), "{body}");
    let j: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(j["galat"].as_str().is_some() && j["error"].as_str().is_some());
    // The Origin check compares scheme and host: https:// on this http server is not ours.
    let token = admin.csrf().await;
    let host = admin.base.trim_start_matches("http://").to_string();
    let r = admin
        .http
        .post(admin.url("/pengaturan"))
        .header("X-CSRF-Token", &token)
        .header("Origin", format!("https://{host}"))
        .form(&[("target", "80")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = admin
        .http
        .post(admin.url("/pengaturan"))
        .header("X-CSRF-Token", &token)
        .header("Origin", format!("http://{host}"))
        .form(&[("target", "80")])
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 400);
}
on_both!(headers_and_rejections, headers_and_rejections);
