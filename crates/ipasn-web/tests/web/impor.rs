//! Imports over HTTP: all or nothing, the preview and confirmation before persons or units leave,
//! restoring an earlier import, one import at a time, problems capped and paged.

use crate::helpers::*;
use ipasn_store::impor;
use std::time::Duration;

/// Bad packages change nothing; the same package twice changes nothing; history says who.
async fn imports(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let j = admin.import("paket.xlsx", generated_xlsx()).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    assert_eq!(
        j["impor"]["perubahan"]["tahun"],
        serde_json::json!([2021, 2022, 2023, 2024])
    );
    let before = admin.json("/api/dasbor?tahun=2024").await;
    assert!(f(&before["ip"]) > 40.0);

    // A package with errors: the duplicated NIP and a cycle in the unit tree are named with
    // sheet, row and column, and nothing changes.
    let bad = zip_dir(generated_dir(), |name, text| match name {
        "pegawai.csv" => {
            let mut lines: Vec<&str> = text.lines().collect();
            let dup = lines[1].to_string();
            lines.push(&dup);
            let mut t = lines.join("\n");
            t.push('\n');
            t
        }
        _ => text,
    });
    let j = admin.import("rusak.zip", bad).await;
    assert_eq!(j["impor"]["status"], "ditolak", "{j}");
    let m = j["masalah"].as_array().unwrap();
    let dup = m
        .iter()
        .find(|p| p["tingkat"] == "galat" && p["sheet"] == "pegawai.csv")
        .unwrap_or_else(|| panic!("the duplicate is reported: {m:?}"));
    assert_eq!(dup["kolom"], "nip");
    assert_eq!(
        dup["baris"], 602,
        "600 persons, header in row 1, the copy in row 602"
    );
    assert!(
        !dup["perbaikan"].as_str().unwrap().is_empty() && !dup["fix"].as_str().unwrap().is_empty()
    );
    let after = admin.json("/api/dasbor?tahun=2024").await;
    assert_eq!(before, after, "a refused import changes nothing");
    // The problems table downloads.
    let id = j["impor"]["id"].as_i64().unwrap();
    let csv = admin.text(&format!("/impor/{id}/masalah.csv")).await;
    assert!(csv.contains("pegawai") && csv.lines().count() >= 2);
    let page = admin.text(&format!("/impor/{id}")).await;
    assert!(page.contains("id=\"tabel-masalah\""));

    // A truncated upload.
    let mut cut = generated_xlsx();
    cut.truncate(cut.len() / 2);
    let j = admin.import("terpotong.xlsx", cut).await;
    assert_eq!(j["impor"]["status"], "ditolak");
    assert!(
        j["masalah"][0]["masalah"]
            .as_str()
            .unwrap()
            .contains("terpotong"),
        "{j}"
    );

    // The same package again: nothing changes.
    let j = admin.import("paket-lagi.xlsx", generated_xlsx()).await;
    assert_eq!(j["impor"]["status"], "sama", "{j}");
    assert_eq!(admin.json("/api/dasbor?tahun=2024").await, before);

    // The same persons as CSV: stored, with nothing new or changed.
    let j = admin
        .import("paket.zip", zip_dir(generated_dir(), |_, t| t))
        .await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    assert_eq!(j["impor"]["perubahan"]["pegawai"]["baru"], 0);
    assert_eq!(j["impor"]["perubahan"]["pegawai"]["berubah"], 0);
    assert_eq!(j["impor"]["perubahan"]["pegawai"]["keluar"], 0);
    assert_eq!(
        admin.json("/api/dasbor?tahun=2024").await["ip"],
        before["ip"]
    );

    let hist = admin.json("/api/impor").await;
    let statuses: Vec<&str> = hist
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        vec!["selesai", "sama", "ditolak", "ditolak", "selesai"]
    );
    assert!(
        hist.as_array()
            .unwrap()
            .iter()
            .all(|i| i["username"] == "admin")
    );
    let audit = admin.json("/api/audit?aksi=impor").await;
    assert_eq!(audit.as_array().unwrap().len(), 5);
}
on_both!(imports_all_or_nothing, imports);

async fn count(db: &Db, table: &str) -> i64 {
    let q = format!("SELECT COUNT(*) FROM {table}");
    match db {
        Db::Sqlite(p) => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(q))
                .fetch_one(p)
                .await
        }
        Db::Pg(p) => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(q))
                .fetch_one(p)
                .await
        }
    }
    .unwrap()
}

/// The generated package (600 persons) as a ZIP.
fn generated() -> Vec<u8> {
    zip_dir(generated_dir(), |_, t| t)
}

async fn wait(c: &Client, id: i64) -> Value {
    for _ in 0..600 {
        let j = c.json(&format!("/api/impor/{id}")).await;
        if j["impor"]["status"] != "berjalan" {
            return j;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("import {id} did not finish");
}

/// POSTs an empty form with the page's CSRF token; returns (status, Location).
async fn post_form(c: &Client, page: &str, action: &str) -> (u16, String) {
    let html = c.text(page).await;
    let token = csrf_field(&html);
    let r = c
        .http
        .post(c.url(action))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    let loc = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (r.status().as_u16(), loc)
}

/// Uploads through the API without waiting; returns (status, JSON).
async fn upload(c: &Client, name: &str, bytes: Vec<u8>, query: &str) -> (u16, Value) {
    let token = c.csrf().await;
    let form = reqwest::multipart::Form::new()
        .part(
            "berkas",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        )
        .text("aturan", "perban-8-2019");
    let r = c
        .http
        .post(c.url(&format!("/api/impor{query}")))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let st = r.status().as_u16();
    (st, r.json().await.unwrap_or(Value::Null))
}

fn id_of(j: &Value) -> i64 {
    j["impor"]["id"].as_i64().unwrap()
}

/// Preview, confirmation, dry run, a preview gone stale, cancel and restore.
async fn preview_confirm_restore(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    // The first import removes nobody: stored at once.
    let j = admin.import("pemda.zip", generated()).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    let id1 = id_of(&j);
    assert_eq!(count(&s.db, "pegawai").await, 600);
    assert_eq!(impor::berlaku(&s.db).await.unwrap(), Some(id1));
    // A page number far past any list (or crafted to overflow the offset) is harmless.
    let root: String = match &s.db {
        Db::Sqlite(p) => {
            sqlx::query_scalar("SELECT unor_id FROM unor ORDER BY path LIMIT 1")
                .fetch_one(p)
                .await
        }
        Db::Pg(p) => {
            sqlx::query_scalar("SELECT unor_id FROM unor ORDER BY path LIMIT 1")
                .fetch_one(p)
                .await
        }
    }
    .unwrap();
    let j = admin
        .json(&format!("/api/unor/{root}/pegawai?hal=9223372036854775807"))
        .await;
    assert_eq!(j["baris"].as_array().map(|a| a.len()), Some(0), "{j}");

    // One OPD's file by mistake: 9 persons, so 600 would leave. Nothing is written.
    let units = count(&s.db, "unor").await as u64;
    let j = admin.import("satu-opd.zip", contoh_spec()).await;
    assert_eq!(j["impor"]["status"], "menunggu", "{j}");
    let id2 = id_of(&j);
    let p = &j["impor"]["perubahan"];
    assert_eq!(p["pegawai"]["keluar"], 600);
    assert_eq!(p["pegawai"]["baru"], 9);
    assert_eq!(p["unor"]["hapus"].as_u64(), Some(units));
    assert_eq!(p["pegawai"]["keluar_contoh"].as_array().unwrap().len(), 20);
    assert_eq!(count(&s.db, "pegawai").await, 600, "nothing written yet");
    assert_eq!(impor::berlaku(&s.db).await.unwrap(), Some(id1));
    // The page says what will go, with the number in the button.
    let html = admin.text(&format!("/impor/{id2}")).await;
    assert!(
        html.contains(&format!("Hapus 600 pegawai dan {units} unor, lalu simpan")),
        "{html}"
    );
    // In English too.
    let en = admin.text(&format!("/impor/{id2}?lang=en")).await;
    assert!(en.contains("Remove 600 persons and"), "{en}");

    // A dry run of the same file: the same figures, nothing stored, nothing waiting.
    let (st, r) = upload(&admin, "satu-opd.zip", contoh_spec(), "?periksa=1").await;
    assert_eq!(st, 200, "{r}");
    let d = wait(&admin, r["id"].as_i64().unwrap()).await;
    assert_eq!(d["impor"]["status"], "diperiksa", "{d}");
    assert_eq!(d["impor"]["perubahan"]["pegawai"]["keluar"], 600);
    assert_eq!(count(&s.db, "pegawai").await, 600);

    // Confirmed through the page's form: stored, and named as the data in force.
    let (st, loc) = post_form(
        &admin,
        &format!("/impor/{id2}"),
        &format!("/impor/{id2}/konfirmasi"),
    )
    .await;
    assert_eq!((st, loc.as_str()), (303, format!("/impor/{id2}").as_str()));
    let j = wait(&admin, id2).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    assert_eq!(count(&s.db, "pegawai").await, 9);
    assert_eq!(impor::berlaku(&s.db).await.unwrap(), Some(id2));
    // A second confirmation is refused (not waiting any more).
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url(&format!("/api/impor/{id2}/konfirmasi")))
        .header("X-CSRF-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    // A preview that goes stale: the big package waits (9 would leave) …
    let j = admin.import("pemda.zip", generated()).await;
    assert_eq!(j["impor"]["status"], "menunggu", "{j}");
    let id3 = id_of(&j);
    assert_eq!(j["impor"]["perubahan"]["pegawai"]["keluar"], 9);
    // … meanwhile another package is stored (one name corrected: nobody leaves) …
    let fixed = zip_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/paket/contoh-spec"),
        |name, t| {
            if name == "pegawai.csv" {
                t.replacen("Contoh A,", "Contoh Aa,", 1)
            } else {
                t
            }
        },
    );
    let j = admin.import("satu-opd-diperbaiki.zip", fixed).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    assert_eq!(j["impor"]["perubahan"]["pegawai"]["berubah"], 1, "{j}");
    let id4 = id_of(&j);
    // … so confirming the old preview previews again against the data now.
    let r = admin
        .http
        .post(admin.url(&format!("/api/impor/{id3}/konfirmasi")))
        .header("X-CSRF-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let j = wait(&admin, id3).await;
    assert_eq!(j["impor"]["status"], "menunggu", "{j}");
    assert_eq!(j["impor"]["perubahan"]["dasar_berubah"], true, "{j}");
    assert_eq!(j["impor"]["dasar"].as_i64(), Some(id4));
    assert_eq!(impor::berlaku(&s.db).await.unwrap(), Some(id4));
    // Cancelled: nothing changes and it no longer waits.
    let (st, _) = post_form(
        &admin,
        &format!("/impor/{id3}"),
        &format!("/impor/{id3}/batal"),
    )
    .await;
    assert_eq!(st, 303);
    let j = admin.json(&format!("/api/impor/{id3}")).await;
    assert_eq!(j["impor"]["status"], "dibatalkan");
    assert_eq!(count(&s.db, "pegawai").await, 9);

    // Assessment files stored meanwhile do not push the package out of those kept.
    for _ in 0..3 {
        let j = admin
            .upload_asesmen(
                "standar.csv",
                b"jabatan,kompetensi,level\nAhli Muda,M.01,3\n".to_vec(),
            )
            .await;
        assert_eq!(j["impor"]["status"], "selesai", "{j}");
    }
    // The way back: restore the first import (kept), previewed and confirmed like any other.
    let html = admin.text(&format!("/impor/{id1}")).await;
    assert!(html.contains("/pulihkan"), "{html}");
    let r = admin
        .http
        .post(admin.url(&format!("/api/impor/{id1}/pulihkan")))
        .header("X-CSRF-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let id5 = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let j = wait(&admin, id5).await;
    assert_eq!(j["impor"]["status"], "menunggu", "{j}");
    assert_eq!(j["impor"]["dipulihkan_dari"].as_i64(), Some(id1));
    let r = admin
        .http
        .post(admin.url(&format!("/api/impor/{id5}/konfirmasi")))
        .header("X-CSRF-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let j = wait(&admin, id5).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    assert_eq!(count(&s.db, "pegawai").await, 600);
    assert_eq!(impor::berlaku(&s.db).await.unwrap(), Some(id5));
    // Uploading the package in force again changes nothing.
    let j = admin.import("pemda.zip", generated()).await;
    assert_eq!(j["impor"]["status"], "sama", "{j}");
    // Every step is in the audit log.
    let log = admin.json("/api/audit?aksi=impor_pulihkan").await;
    assert_eq!(log.as_array().unwrap().len(), 1, "{log}");
    let log = admin.json("/api/audit?aksi=impor_konfirmasi").await;
    assert_eq!(log.as_array().unwrap().len(), 3, "{log}");
    let log = admin.json("/api/audit?aksi=impor_batal").await;
    assert_eq!(log.as_array().unwrap().len(), 1, "{log}");
}
on_both!(preview_confirm_restore, preview_confirm_restore);

/// One import at a time; whatever the interleaving, the history names the data in force.
async fn one_at_a_time(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    // An import running (its row beating): a second upload is told so, with 409.
    let running = impor::mulai_paket(&s.db, None, "lain.zip", b"PK", "perban-8-2019", None)
        .await
        .unwrap()
        .unwrap();
    let (st, j) = upload(&admin, "pemda.zip", generated(), "").await;
    assert_eq!(st, 409, "{j}");
    assert_eq!(j["berjalan"]["id"].as_i64(), Some(running), "{j}");
    assert!(
        j["galat"]
            .as_str()
            .unwrap()
            .contains("Impor lain sedang berjalan")
    );
    // The page form answers with the upload page and the message (nothing typed is lost: it
    // is a file input, the page keeps the history).
    let token = admin.csrf().await;
    let form = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(generated()).file_name("pemda.zip"),
    );
    let r = admin
        .http
        .post(admin.url(&format!("/impor?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("pesan-impor"));
    // A row left running by a dead process (no heartbeat) is marked interrupted.
    assert_eq!(impor::tandai_terputus(&s.db, -5).await.unwrap(), 1);
    let j = admin.json(&format!("/api/impor/{running}")).await;
    assert_eq!(j["impor"]["status"], "terputus");

    // Two uploads at the same moment.
    let other = s.client();
    let pw = s.account("admin2", Peran::Admin, None, None).await;
    assert_eq!(other.login("admin2", &pw).await, 303);
    let (a, b) = tokio::join!(
        upload(&admin, "pemda.zip", generated(), ""),
        upload(&other, "spec.zip", contoh_spec(), "")
    );
    let mut ids = vec![];
    for (st, j) in [a, b] {
        assert!(st == 200 || st == 409, "{st} {j}");
        if st == 200 {
            ids.push(j["id"].as_i64().unwrap());
        }
    }
    assert!(!ids.is_empty());
    for id in &ids {
        wait(&admin, *id).await;
    }
    // The data in force is the newest stored import's, and its person count is that package's.
    let hist = admin.json("/api/impor").await;
    let newest_stored = hist
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["status"] == "selesai")
        .unwrap();
    assert_eq!(
        impor::berlaku(&s.db).await.unwrap(),
        newest_stored["id"].as_i64()
    );
    let persons = newest_stored["perubahan"]["pegawai"]["jumlah"]
        .as_i64()
        .unwrap();
    assert_eq!(count(&s.db, "pegawai").await, persons);
}
on_both!(one_at_a_time, one_at_a_time);

/// A package of a thousand duplicates stores a hundred of them and the count; the page is
/// paged, and a crafted page number is harmless.
async fn problems_capped_and_paged(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let dup = zip_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/paket/contoh-spec"),
        |name, t| {
            if name == "pegawai.csv" {
                let line = t.lines().nth(1).unwrap().to_string();
                let mut t = t;
                for _ in 0..1000 {
                    t.push_str(&line);
                    t.push('\n');
                }
                t
            } else {
                t
            }
        },
    );
    let j = admin.import("dup.zip", dup).await;
    assert_eq!(j["impor"]["status"], "ditolak", "{j}");
    let p = &j["impor"]["perubahan"];
    assert!(p["galat"].as_u64().unwrap() >= 1000, "{p}");
    let cut = p["masalah_dipotong"].as_array().unwrap();
    let dup_cut = cut.iter().find(|c| c["jenis"] == "Duplicate").unwrap();
    assert_eq!(dup_cut["jumlah"], 1000);
    let stored = j["masalah"].as_array().unwrap();
    assert_eq!(
        stored.iter().filter(|m| m["jenis"] == "Duplicate").count(),
        impor::MASALAH_PER_JENIS
    );
    let id = id_of(&j);
    let html = admin.text(&format!("/impor/{id}")).await;
    assert!(html.contains("1.000 masalah sejenis"), "{html}");
    for q in [
        "?hal=2",
        "?hal=-9223372036854775808",
        "?hal=99999",
        "?hal=x",
    ] {
        assert_eq!(admin.status(&format!("/impor/{id}{q}")).await, 200, "{q}");
    }
}
on_both!(problems_capped_and_paged, problems_capped_and_paged);

/// The package template: the six sheets with the spec package's columns, an example row each,
/// the instructions in the user's language; it imports as it is. A running import names its
/// stage and counts; a finished one links to the dashboard.
async fn template_and_progress(s: Server) {
    use calamine::{Data, Reader};
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert!(admin.text("/impor").await.contains("id=\"unduh-templat\""));
    let r = admin.get("/impor/templat-paket.xlsx").await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".xlsx")
    );
    let bytes = r.bytes().await.unwrap().to_vec();
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "petunjuk",
            "unor",
            "pegawai",
            "pendidikan",
            "diklat",
            "skp",
            "hukdis"
        ]
    );
    let spec =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/paket/contoh-spec");
    for sheet in ["unor", "pegawai", "pendidikan", "diklat", "skp", "hukdis"] {
        let range = wb.worksheet_range(sheet).unwrap();
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let csv = std::fs::read_to_string(spec.join(format!("{sheet}.csv"))).unwrap();
        let want: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        assert_eq!(header, want, "{sheet}");
        assert_eq!(range.height(), 2, "{sheet}: the header and one example");
        if sheet == "pegawai" {
            assert_eq!(
                range.get_value((1, 0)),
                Some(&Data::String("198001012005011001".into()))
            );
        }
    }
    let petunjuk = wb.worksheet_range("petunjuk").unwrap();
    assert_eq!(
        petunjuk.get_value((0, 0)),
        Some(&Data::String("Templat paket data IP ASN".into()))
    );
    let text: String = petunjuk
        .rows()
        .flatten()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("status_kepegawaian") && text.contains("PNS, CPNS, PPPK"));
    let en = admin
        .get("/impor/templat-paket.xlsx?lang=en")
        .await
        .bytes()
        .await
        .unwrap();
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(en.to_vec())).unwrap();
    assert_eq!(
        wb.worksheet_range("petunjuk").unwrap().get_value((0, 0)),
        Some(&Data::String("IP ASN data package template".into()))
    );
    // Not for those who cannot import.
    let pegawai = s.login_as("pg", Peran::Pegawai, None, Some(B)).await;
    assert_eq!(pegawai.status("/impor/templat-paket.xlsx").await, 403);
    // The template as it is: Contoh A under one unit. By hand: S-2 → 20; 24 JP teknis → 15, no
    // functional training, no seminar → 15; SKP 88 → 25; the only punishment annulled → 5: 65.
    let j = admin.import("templat-paket.xlsx", bytes).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    assert!(j["tahap"].is_null());
    let p = admin.json("/api/pegawai/198001012005011001").await;
    assert_eq!(f(&p["ip"]), 65.0);
    let id = j["impor"]["id"].as_i64().unwrap();
    let html = admin.text(&format!("/impor/{id}")).await;
    assert!(html.contains("id=\"lihat-dasbor\"") && !html.contains("id=\"tahap-impor\""));
    // A running import: its stage and counts, in the reader's words.
    let id = impor::mulai_paket(&s.db, None, "besar.zip", b"x", "perban-8-2019", None)
        .await
        .unwrap()
        .unwrap();
    let rinci = serde_json::json!({"tahap": "baca", "dibaca": 3_250_000, "total": 10_000_000});
    assert!(
        impor::set_progres_rinci(&s.db, id, 23, &rinci)
            .await
            .unwrap()
    );
    let j = admin.json(&format!("/api/impor/{id}")).await;
    assert_eq!(
        j["tahap"]["judul"],
        "Tahap 2 dari 4: Membaca dan memeriksa lembar"
    );
    assert_eq!(j["tahap"]["rincian"], "3,3 MB dari 10 MB dibaca");
    let html = admin.text(&format!("/impor/{id}?lang=en")).await;
    assert!(
        html.contains("Stage 2 of 4: Reading and checking the sheets"),
        "{html}"
    );
    assert!(html.contains("3.3 MB of 10 MB read") && html.contains("aria-current=\"step\""));
    assert!(!html.contains("id=\"lihat-dasbor\""));
    let rinci = serde_json::json!({"tahap": "hitung", "tahun": 1, "dari": 4, "pegawai": 1200, "riwayat": 34567});
    assert!(
        impor::set_progres_rinci(&s.db, id, 67, &rinci)
            .await
            .unwrap()
    );
    let j = admin.json(&format!("/api/impor/{id}")).await;
    assert_eq!(
        j["tahap"]["rincian"],
        "tahun 1 dari 4 · 1.200 pegawai, 34.567 riwayat"
    );
    // The history does not take the stage for what changed.
    assert!(admin.text("/impor").await.contains("besar.zip"));
}
on_both!(package_template_and_import_progress, template_and_progress);
