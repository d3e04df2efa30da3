//! Health and readiness endpoints.

use crate::helpers::*;

async fn health_and_readiness(s: Server) {
    let c = s.client();
    let r = c.get("/healthz").await;
    assert_eq!(r.status(), 200);
    let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 16, "{id}");
    assert_eq!(r.text().await.unwrap(), "ok");
    let r = c.get("/readyz").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), r#"{"siap":true}"#);
    // Two requests, two ids; a client's own id is kept.
    let r2 = c.get("/healthz").await;
    assert_ne!(r2.headers()["x-request-id"].to_str().unwrap(), id);
    let r3 = c
        .http
        .get(c.url("/healthz"))
        .header("x-request-id", "dari-klien-1")
        .send()
        .await
        .unwrap();
    assert_eq!(r3.headers()["x-request-id"], "dari-klien-1");
    // A schema this build does not know (a migration missing): not ready, and it says why.
    let sql = "DELETE FROM _sqlx_migrations WHERE version = 12";
    let n = match &s.db {
        Db::Sqlite(p) => sqlx::query(sql).execute(p).await.unwrap().rows_affected(),
        Db::Pg(p) => sqlx::query(sql).execute(p).await.unwrap().rows_affected(),
    };
    assert_eq!(n, 1);
    let r = c.get("/readyz").await;
    assert_eq!(r.status(), 503);
    let j: serde_json::Value = r.json().await.unwrap();
    assert_eq!(j["siap"], false);
    assert!(j["alasan"].as_str().unwrap().contains("schema"), "{j}");
    assert_eq!(c.status("/healthz").await, 200);
}
on_both!(health_and_readiness, health_and_readiness);
