//! A PostgreSQL import whose write transaction runs longer than a heartbeat still finishes.
//! The beat used to be awaited while the write was not polled, and it waited for the import's
//! own row, locked by that write: every import whose write took over 5 s (any instansi of a
//! realistic size) hung for ever, the transaction "idle in transaction".
//!
//! Here the write is held up on purpose: another connection holds `tahun_hitung`, which the
//! write reads after it has locked the import's row, for longer than one beat.

use ipasn_store::Db;
use ipasn_store::impor::{self, Izin, Status};
use std::sync::Arc;
use std::time::Duration;

mod common;
use common::contoh_spec_zip;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_postgres_write_keeps_beating_and_finishes() {
    let admin = match std::env::var("IPASN_TEST_POSTGRES") {
        Ok(u) if !u.is_empty() => u,
        _ => {
            assert!(
                std::env::var("IPASN_REQUIRE_POSTGRES").is_err(),
                "IPASN_REQUIRE_POSTGRES is set but IPASN_TEST_POSTGRES is not"
            );
            eprintln!("skipped: set IPASN_TEST_POSTGRES");
            return;
        }
    };
    let name = format!(
        "ipasn_detak_{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    let admin_pool = sqlx::PgPool::connect(&admin).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin_pool)
        .await
        .unwrap();
    let url = format!("{}/{name}", admin.rsplit_once('/').unwrap().0);
    let db = Db::open(&url).await.unwrap();
    let text = ipasn_core::rules::BUILTIN[0].1;
    let rules = Arc::new(ipasn_core::rules::RuleSet::from_toml(text).unwrap());
    let isi = Arc::new(contoh_spec_zip());
    let id = impor::mulai_paket(&db, None, "spec.zip", &isi, &rules.id, None)
        .await
        .unwrap()
        .unwrap();

    // Hold the write up for longer than one beat (5 s).
    let locker = sqlx::PgPool::connect(&url).await.unwrap();
    let mut tx = locker.begin().await.unwrap();
    sqlx::query("LOCK TABLE tahun_hitung IN ACCESS EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await
        .unwrap();
    let run = {
        let (db, isi, rules) = (db.clone(), isi.clone(), rules.clone());
        tokio::spawn(async move {
            ipasn_app::impor::jalankan(&db, id, None, "spec.zip", isi, rules, text, Izin::Belum)
                .await
                .unwrap()
        })
    };
    tokio::time::sleep(Duration::from_secs(7)).await;
    assert!(
        !run.is_finished(),
        "the write should be waiting for the lock"
    );
    tx.commit().await.unwrap();
    let status = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the import finishes once the lock is gone (it hung: the heartbeat deadlock)")
        .unwrap();
    assert_eq!(status, Status::Selesai);
    assert_eq!(
        impor::satu(&db, id).await.unwrap().unwrap().status,
        "selesai"
    );
    locker.close().await;
    if let Db::Pg(p) = &db {
        p.close().await;
    }
    let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name}")))
        .execute(&admin_pool)
        .await;
}
