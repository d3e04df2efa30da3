//! A running import cancelled from anywhere (another request, another server) writes nothing:
//! the service sees it at its next heartbeat, and the write transaction checks it again.

use ipasn_store::Db;
use ipasn_store::impor::{self, Izin, Status};
use std::sync::Arc;

mod common;
use common::contoh_spec_zip;

async fn count(db: &Db) -> i64 {
    match db {
        Db::Sqlite(p) => sqlx_count(p).await,
        Db::Pg(_) => unreachable!(),
    }
}

async fn sqlx_count(p: &sqlx::SqlitePool) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM pegawai")
        .fetch_one(p)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_import_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&format!("sqlite://{}", dir.path().join("t.db").display()))
        .await
        .unwrap();
    let text = ipasn_core::rules::BUILTIN[0].1;
    let rules = Arc::new(ipasn_core::rules::RuleSet::from_toml(text).unwrap());
    let isi = Arc::new(contoh_spec_zip());
    let run = |id| {
        let (db, isi, rules) = (db.clone(), isi.clone(), rules.clone());
        async move {
            ipasn_app::impor::jalankan(&db, id, None, "spec.zip", isi, rules, text, Izin::Belum)
                .await
                .unwrap()
        }
    };
    // Cancelled before it ran.
    let id = impor::mulai_paket(&db, None, "spec.zip", &isi, &rules.id, None)
        .await
        .unwrap()
        .unwrap();
    assert!(impor::batalkan(&db, id, None).await.unwrap());
    assert_eq!(run(id).await, Status::Dibatalkan);
    assert_eq!(count(&db).await, 0);
    assert_eq!(
        impor::satu(&db, id).await.unwrap().unwrap().status,
        "dibatalkan"
    );
    assert_eq!(impor::berlaku(&db).await.unwrap(), None);
    // Cancelled while it runs: whenever the cancellation lands, either nothing is written
    // (cancelled) or it had already been stored — never data with a cancelled status.
    let id = impor::mulai_paket(&db, None, "spec.zip", &isi, &rules.id, None)
        .await
        .unwrap()
        .unwrap();
    let job = tokio::spawn(run(id));
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let cancelled = impor::batalkan(&db, id, None).await.unwrap();
    let st = job.await.unwrap();
    let row = impor::satu(&db, id).await.unwrap().unwrap();
    if cancelled {
        assert_eq!(st, Status::Dibatalkan);
        assert_eq!(row.status, "dibatalkan");
        assert_eq!(count(&db).await, 0);
    } else {
        assert_eq!(st, Status::Selesai);
        assert_eq!(row.status, "selesai");
        assert_eq!(count(&db).await, 9);
    }
    // A normal run stores the package.
    let id = impor::mulai_paket(&db, None, "spec.zip", &isi, &rules.id, None)
        .await
        .unwrap()
        .unwrap();
    let st = run(id).await;
    assert!(matches!(st, Status::Selesai | Status::Sama), "{st:?}");
    assert_eq!(count(&db).await, 9);
}
