//! The OpenAPI document.

use crate::helpers::*;

/// The OpenAPI document lists every API route, and every listed GET route exists.
async fn openapi(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let doc = admin.json("/api/openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for (method, path, _, _) in ipasn_web::api::ROUTES {
        assert!(paths[*path][*method].is_object(), "{method} {path}");
        if path.starts_with("/ujian/api/") {
            // The taker's calls answer a taker's cookie only.
            if *method == "get" {
                assert_eq!(admin.status(path).await, 401, "{path}");
            }
        } else if *method == "get" {
            let concrete = path
                .replace("{unor}", "K")
                .replace("{nip}", "198001012005011001")
                .replace("{id}", "1");
            assert_eq!(admin.status(&concrete).await, 200, "{concrete}");
        }
    }
}
on_both!(openapi_document, openapi);
