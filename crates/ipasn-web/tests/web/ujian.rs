//! Online tests over HTTP: a psikolog schedules IPIP-50 for everyone and prints token cards; a
//! taker signs in with NIP + token, starts, saves answers out of order (the later sequence
//! wins), is paused and extended by a proctor (the server's clock), resumes, and submits (the
//! result lands in the psikolog's queue with its signals); token misuse (another person's
//! token, reuse after submission, a closed window, a missing CSRF token); a section's deadline
//! closing it; and who may do what.

use crate::helpers::*;
use serde_json::{Value, json};

/// An admin, with the spec's package imported.
async fn admin_dengan_data(s: &Server) -> Client {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    admin
}

/// The shipped IPIP-50's version id (stored once someone opened the list).
async fn ipip_id(c: &Client) -> String {
    assert_eq!(c.status("/ujian/sesi").await, 200);
    c.json("/api/instrumen").await["instrumen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["instrumen"] == "ipip-50")
        .unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string()
}

/// Posts the new-session form (multipart).
async fn buat_sesi(c: &Client, fields: &[(&str, &str)]) -> reqwest::Response {
    let token = c.csrf().await;
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    c.http
        .post(c.url("/ujian/sesi"))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn sesi_id(r: &reqwest::Response) -> i64 {
    let loc = r.headers()["location"].to_str().unwrap();
    loc.rsplit('/').next().unwrap().parse().unwrap()
}

/// New cards as CSV: NIP → token.
async fn kartu(c: &Client, id: i64) -> std::collections::HashMap<String, String> {
    let r = post(
        c,
        &format!("/ujian/sesi/{id}/kartu"),
        &[("format", "csv"), ("konfirmasi", "1")],
    )
    .await;
    assert_eq!(r.status(), 200);
    let body = r.bytes().await.unwrap();
    let text = String::from_utf8(body.to_vec()).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let h = rd.headers().unwrap().clone();
    let ni = h.iter().position(|x| x == "nip").unwrap();
    let ti = h.iter().position(|x| x == "token").unwrap();
    rd.records()
        .map(|r| {
            let r = r.unwrap();
            (r[ni].to_string(), r[ti].to_string())
        })
        .collect()
}

/// A taker's client: signs in with the JSON call; its CSRF token.
struct Peserta {
    c: Client,
    csrf: String,
}

impl Peserta {
    async fn masuk(s: &Server, nip: &str, token: &str) -> (u16, Option<Peserta>, Value) {
        let c = s.client();
        let r = c
            .http
            .post(c.url("/ujian/api/masuk"))
            .json(&json!({"nip": nip, "token": token}))
            .send()
            .await
            .unwrap();
        let st = r.status().as_u16();
        let v: Value = r.json().await.unwrap();
        if st != 200 {
            return (st, None, v);
        }
        let csrf = v["csrf"].as_str().unwrap().to_string();
        (st, Some(Peserta { c, csrf }), v)
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let r = self
            .c
            .http
            .post(self.c.url(path))
            .header("X-CSRF-Token", &self.csrf)
            .json(&body)
            .send()
            .await
            .unwrap();
        let st = r.status().as_u16();
        (st, r.json().await.unwrap_or(Value::Null))
    }

    async fn keadaan(&self) -> Value {
        self.c.json("/ujian/api/keadaan").await
    }
}

async fn sessions(s: Server) {
    let admin = admin_dengan_data(&s).await;
    let psikolog = s.login_as("psikolog", Peran::Psikolog, None, None).await;
    let asesor = s.login_as("asesor", Peran::Asesor, None, None).await;
    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    // The list stores the shipped IPIP-50 and offers it.
    assert_eq!(psikolog.status("/ujian/sesi").await, 200);
    let ipip = ipip_id(&psikolog).await;

    // A refused form keeps what was typed.
    let r = buat_sesi(
        &psikolog,
        &[
            ("nama", "Tes ulang"),
            ("buka", "2020-01-01"),
            ("tutup", "2019-01-01"),
            ("kelompok", "semua"),
            ("instrumen", &ipip),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("id=\"masalah-sesi\"") && page.contains("value=\"Tes ulang\""),
        "{page}"
    );

    let r = buat_sesi(
        &psikolog,
        &[
            ("nama", "Uji IPIP"),
            ("instrumen", &ipip),
            ("menit_0_0", "30"),
            ("buka", "2020-01-01"),
            ("tutup", "2099-12-31"),
            ("kelompok", "semua"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let id = sesi_id(&r);
    let page = psikolog.text(&format!("/ujian/sesi/{id}")).await;
    assert!(page.contains("30 menit"), "the section's limit shown");
    // Cards: a confirmation first, then one token per invited person.
    let tanya = psikolog.text(&format!("/ujian/sesi/{id}/kartu")).await;
    assert!(tanya.contains("id=\"tanya-kartu\""));
    let token = kartu(&psikolog, id).await;
    assert!(token.len() >= 3, "{token:?}");
    let mut nips: Vec<&String> = token.keys().collect();
    nips.sort();
    let (a, b) = (nips[0].clone(), nips[1].clone());

    // Token misuse: another person's token, a wrong one.
    let (st, _, v) = Peserta::masuk(&s, &a, &token[&b]).await;
    assert_eq!(st, 401, "{v}");
    let (st, _, _) = Peserta::masuk(&s, &a, "AAAA-BBBB-CCCC").await;
    assert_eq!(st, 401);
    // Typed in lower case without dashes: the same token.
    let tk = token[&a].to_lowercase().replace('-', "");
    let (st, pa, v) = Peserta::masuk(&s, &a, &tk).await;
    assert_eq!(st, 200, "{v}");
    let pa = pa.unwrap();
    assert_eq!(v["status"], "belum");
    assert_eq!(v["bagian"]["detik"], 1800);
    // No CSRF token: refused.
    let r =
        pa.c.http
            .post(pa.c.url("/ujian/api/mulai"))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
    assert_eq!(r.status(), 403);

    let (st, v) = pa.post("/ujian/api/mulai", json!({})).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["status"], "mengerjakan");
    assert_eq!(v["bagian"]["butir"].as_array().unwrap().len(), 50);
    let sisa0 = v["bagian"]["sisa_detik"].as_i64().unwrap();
    assert!((1798..=1800).contains(&sisa0), "{sisa0}");

    // Out of order: seq 5 then seq 3 for item 1; the later (5) stays. Retried 5: idempotent.
    for (seq, nilai) in [(5, "4"), (3, "2"), (5, "4")] {
        let (st, v) = pa
            .post("/ujian/api/jawab", json!({"bagian": 1, "posisi": 1, "jawaban": [{"butir": "1", "nilai": nilai, "seq": seq, "ms": 3000}]}))
            .await;
        assert_eq!(st, 200, "{v}");
        assert_eq!(v["diterima"], json!([seq]));
    }
    let (st, _) = pa
        .post("/ujian/api/jawab", json!({"posisi": 2, "jawaban": [{"butir": "2", "nilai": "1", "seq": 6, "ms": 2000}, {"butir": "3", "nilai": "5", "seq": 7, "ms": 2500}]}))
        .await;
    assert_eq!(st, 200);
    // A value outside the scale, an unknown item: 400, nothing stored.
    let (st, _) = pa
        .post(
            "/ujian/api/jawab",
            json!({"jawaban": [{"butir": "4", "nilai": "9", "seq": 8}]}),
        )
        .await;
    assert_eq!(st, 400);
    let (st, _) = pa
        .post(
            "/ujian/api/jawab",
            json!({"jawaban": [{"butir": "99", "nilai": "1", "seq": 8}]}),
        )
        .await;
    assert_eq!(st, 400);
    let v = pa.keadaan().await;
    assert_eq!(v["jawaban"]["1"], json!({"nilai": "4", "seq": 5}));
    assert_eq!(v["jawaban"]["3"]["nilai"], "5");
    assert!(v["jawaban"].get("4").is_none());
    assert_eq!(v["posisi"], 2);
    assert_eq!(v["seq"], 7);

    // Resume on another device: the same item, the same answers; the first page stops.
    let (st, pa2, v) = Peserta::masuk(&s, &a, &token[&a]).await;
    assert_eq!(st, 200);
    let pa2 = pa2.unwrap();
    assert_eq!(
        (v["status"].as_str(), v["posisi"].as_i64()),
        (Some("mengerjakan"), Some(2))
    );
    assert_eq!(v["jawaban"]["1"]["nilai"], "4");
    assert_eq!(pa.c.status("/ujian/api/keadaan").await, 401);
    let pa = pa2;

    // Pause (with a reason) stops the clock; resume moves the deadline; extend adds time.
    let peserta_id: i64 = sqlx_id(&s, &a).await;
    let pid = peserta_id.to_string();
    let r = post(
        &psikolog,
        &format!("/ujian/sesi/{id}/atur"),
        &[("aksi", "jeda"), ("peserta", &pid)],
    )
    .await;
    assert_eq!(r.status(), 400, "a reason is required");
    let r = post(
        &psikolog,
        &format!("/ujian/sesi/{id}/atur"),
        &[
            ("aksi", "jeda"),
            ("alasan", "listrik padam"),
            ("peserta", &pid),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let v = pa.keadaan().await;
    assert_eq!(v["status"], "jeda");
    let beku = v["bagian"]["sisa_detik"].as_i64().unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(
        pa.keadaan().await["bagian"]["sisa_detik"].as_i64().unwrap(),
        beku,
        "a paused clock does not run"
    );
    let (st, _) = pa.post("/ujian/api/selesai", json!({})).await;
    assert_eq!(st, 409, "no submission while paused");
    let r = post(
        &psikolog,
        &format!("/ujian/sesi/{id}/atur"),
        &[("aksi", "lanjut"), ("alasan", "listrik menyala")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let v = pa.keadaan().await;
    assert_eq!(v["status"], "mengerjakan");
    let sisa = v["bagian"]["sisa_detik"].as_i64().unwrap();
    assert!((beku - 1..=beku).contains(&sisa), "{beku} → {sisa}");
    let r = post(
        &psikolog,
        &format!("/ujian/sesi/{id}/atur"),
        &[
            ("aksi", "tambah"),
            ("menit", "5"),
            ("alasan", "gangguan"),
            ("peserta", &pid),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let sisa2 = pa.keadaan().await["bagian"]["sisa_detik"].as_i64().unwrap();
    assert!(
        (sisa + 299..=sisa + 300).contains(&sisa2),
        "{sisa} → {sisa2}"
    );
    let audit = admin.text("/audit").await;
    assert!(
        audit.contains("listrik padam"),
        "the pause and its reason audited"
    );

    // Roles: an asesor not named proctor, a pimpinan: no session; named: the room only.
    assert_eq!(asesor.status(&format!("/ujian/sesi/{id}")).await, 403);
    assert_eq!(pimpinan.status(&format!("/ujian/sesi/{id}")).await, 403);
    assert_eq!(pimpinan.status("/ujian/sesi").await, 403);
    let asesor_id: i64 = ipasn_store::akun::daftar(&s.db)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.username == "asesor")
        .unwrap()
        .id;
    let r = post(
        &psikolog,
        &format!("/ujian/sesi/{id}/pengawas-akun"),
        &[("akun", &asesor_id.to_string())],
    )
    .await;
    assert_eq!(r.status(), 303);
    let room = asesor.text(&format!("/ujian/sesi/{id}")).await;
    assert!(room.contains("id=\"tabel-pengawas\"") && !room.contains("id=\"tabel-hasil-ujian\""));
    assert_eq!(
        post(
            &asesor,
            &format!("/ujian/sesi/{id}/kartu"),
            &[("format", "csv"), ("konfirmasi", "1")]
        )
        .await
        .status(),
        403
    );
    assert_eq!(buat_sesi(&asesor, &[("nama", "x")]).await.status(), 403);
    let r = post(
        &asesor,
        &format!("/ujian/sesi/{id}/atur"),
        &[("aksi", "tambah"), ("menit", "1"), ("alasan", "uji")],
    )
    .await;
    assert_eq!(r.status(), 303, "a proctor extends");
    // The live table over server-sent events: its first event holds the room.
    let mut sse = asesor.get(&format!("/ujian/sesi/{id}/langsung")).await;
    assert_eq!(sse.headers()["content-type"], "text/event-stream");
    let chunk = String::from_utf8(sse.chunk().await.unwrap().unwrap().to_vec()).unwrap();
    assert!(
        chunk.starts_with("data: ") && chunk.contains(&a) && chunk.contains("\"penuh\":true"),
        "{chunk}"
    );

    // Submit: scored into the psikolog's queue; the token is dead after it, and the page only
    // learns that the attempt is over (no answer is taken).
    let (st, v) = pa.post("/ujian/api/selesai", json!({})).await;
    assert_eq!(st, 200, "{v}");
    let v = pa.keadaan().await;
    assert_eq!(v["status"], "selesai");
    assert!(v.get("bagian").is_none() && v.get("jawaban").is_none());
    let (st, _) = pa
        .post(
            "/ujian/api/jawab",
            json!({"jawaban": [{"butir": "4", "nilai": "2", "seq": 99}]}),
        )
        .await;
    assert_eq!(st, 409, "no answer after submission");
    let (st, _, _) = Peserta::masuk(&s, &a, &token[&a]).await;
    assert_eq!(st, 401, "a token is not reused after submission");
    let hasil = ipasn_store::instrumen::hasil_pegawai(&s.db, &a)
        .await
        .unwrap();
    assert_eq!(hasil.len(), 1);
    assert!(hasil[0].dirilis.is_none(), "in the queue, not released");
    let skor: Value = serde_json::from_str(&hasil[0].skor).unwrap();
    assert!(skor.to_string().contains("\"E\""), "{skor}");
    let page = psikolog.text(&format!("/ujian/sesi/{id}")).await;
    assert!(
        page.contains("id=\"tabel-hasil-ujian\"") && page.contains("3 dari 50 dijawab"),
        "signals shown"
    );

    // A closed window: sign-in refused with 410.
    let r = buat_sesi(
        &psikolog,
        &[
            ("nama", "Lama"),
            ("instrumen", &ipip),
            ("buka", "2020-01-01"),
            ("tutup", "2020-01-02"),
            ("kelompok", "semua"),
        ],
    )
    .await;
    let lama = sesi_id(&r);
    let t2 = kartu(&psikolog, lama).await;
    let (st, _, v) = Peserta::masuk(&s, &b, &t2[&b]).await;
    assert_eq!(st, 410, "{v}");

    // A section's deadline closes it (no grace here): the saved answers count.
    // The admin changes the rules in the page: a bad key is refused with the text kept.
    let r = post(&admin, "/ujian/aturan", &[("aturan", "tenggang = 0")]).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("id=\"aturan-masalah\"") && page.contains("tenggang = 0"),
        "{page}"
    );
    assert_eq!(
        post(
            &psikolog,
            "/ujian/aturan",
            &[("aturan", "tenggang_detik = 9")]
        )
        .await
        .status(),
        403
    );
    let r = post(&admin, "/ujian/aturan", &[("aturan", "tenggang_detik = 0")]).await;
    assert_eq!(r.status(), 303);
    let r = buat_sesi(
        &psikolog,
        &[
            ("nama", "Singkat"),
            ("instrumen", &ipip),
            ("menit_0_0", "0,02"),
            ("buka", "2020-01-01"),
            ("tutup", "2099-12-31"),
            ("kelompok", "semua"),
        ],
    )
    .await;
    let singkat = sesi_id(&r);
    let t3 = kartu(&psikolog, singkat).await;
    let (_, pb, _) = Peserta::masuk(&s, &b, &t3[&b]).await;
    let pb = pb.unwrap();
    let (_, v) = pb.post("/ujian/api/mulai", json!({})).await;
    assert_eq!(v["bagian"]["sisa_detik"], 1);
    let (st, _) = pb
        .post(
            "/ujian/api/jawab",
            json!({"jawaban": [{"butir": "1", "nilai": "5", "seq": 1}]}),
        )
        .await;
    assert_eq!(st, 200);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let (st, v) = pb
        .post(
            "/ujian/api/jawab",
            json!({"jawaban": [{"butir": "2", "nilai": "5", "seq": 2}]}),
        )
        .await;
    assert_eq!(st, 409, "{v}");
    assert_eq!(
        v["status"], "selesai",
        "the last section's deadline submits"
    );
    let hasil = ipasn_store::instrumen::hasil_pegawai(&s.db, &b)
        .await
        .unwrap();
    assert_eq!(hasil.len(), 1);
    let jawaban: Value = serde_json::from_str(&hasil[0].jawaban).unwrap();
    assert_eq!(
        jawaban[0]["pilih"], 5,
        "the answer saved before the deadline counts"
    );
    assert!(jawaban[1]["pilih"].is_null(), "the late one does not");
}
on_both!(ujian_sesi, sessions);

/// The attempt id of a NIP's newest invitation.
async fn sqlx_id(s: &Server, nip: &str) -> i64 {
    ipasn_store::ujian::undangan(&s.db, nip).await.unwrap()[0].id
}

/// Posts the new-session form with a NIP file.
async fn buat_sesi_nip(c: &Client, nama: &str, ipip: &str, csv: &str) -> reqwest::Response {
    let token = c.csrf().await;
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in [
        ("nama", nama),
        ("instrumen", ipip),
        ("buka", "2020-01-01"),
        ("tutup", "2099-12-31"),
        ("kelompok", "nip"),
    ] {
        form = form.text(k, v.to_string());
    }
    form = form.part(
        "berkas",
        reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("nip.csv"),
    );
    c.http
        .post(c.url("/ujian/sesi"))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A NIP file (an unknown NIP refused by name, the form kept), the admission queue of a start
/// spike (a waiting taker keeps its place), and a pegawai starting from their own account.
async fn admission(s: Server) {
    let admin = admin_dengan_data(&s).await;
    let root = admin.json("/api/dasbor").await["unor"]["unor_id"]
        .as_str()
        .unwrap()
        .to_string();
    let nips: Vec<String> = admin.json(&format!("/api/unor/{root}/pegawai")).await["baris"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .map(|r| r["nip"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(admin.status("/ujian/sesi").await, 200);
    let ipip = ipip_id(&admin).await;
    let r = buat_sesi_nip(
        &admin,
        "Daftar",
        &ipip,
        &format!("nip\n{}\n199901012020011999\n", nips[0]),
    )
    .await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("199901012020011999") && page.contains("value=\"Daftar\""),
        "the unknown NIP named, the name kept"
    );
    let r = buat_sesi_nip(
        &admin,
        "Daftar",
        &ipip,
        &format!("nip\n{}\n{}\n", nips[0], nips[1]),
    )
    .await;
    assert_eq!(r.status(), 303);
    let id = sesi_id(&r);
    assert!(
        admin
            .text(&format!("/ujian/sesi/{id}"))
            .await
            .contains("2 orang diundang")
    );

    // One start a second: the second taker waits with a position, then gets in.
    let r = post(
        &admin,
        "/ujian/aturan",
        &[("aturan", "masuk_per_detik = 1\nmasuk_sekaligus = 1")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let token = kartu(&admin, id).await;
    let (_, pa, _) = Peserta::masuk(&s, &nips[0], &token[&nips[0]]).await;
    let (_, pb, _) = Peserta::masuk(&s, &nips[1], &token[&nips[1]]).await;
    let (pa, pb) = (pa.unwrap(), pb.unwrap());
    assert_eq!(
        pa.post("/ujian/api/mulai", json!({})).await.1["status"],
        "mengerjakan"
    );
    let (_, v) = pb.post("/ujian/api/mulai", json!({})).await;
    assert_eq!(v["status"], "antre", "{v}");
    assert_eq!(v["antre"]["posisi"], 1);
    assert!(v["antre"]["tunggu_detik"].as_i64().unwrap() >= 1);
    assert!(
        v["bagian"].get("butir").is_none(),
        "no items before the start"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(
        pb.post("/ujian/api/mulai", json!({})).await.1["status"],
        "mengerjakan"
    );

    // A pegawai starts from their own account (no token).
    let r = buat_sesi_nip(&admin, "Akun", &ipip, &format!("nip\n{}\n", nips[2])).await;
    assert_eq!(r.status(), 303);
    let pegawai = s
        .login_as("pegawai", Peran::Pegawai, None, Some(&nips[2]))
        .await;
    let page = pegawai.text("/ujian").await;
    let at = page
        .find("action=\"/ujian/akun/")
        .expect("the invitation offered");
    let pid: String = page[at + 20..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let csrf = csrf_field(&page[at..]);
    let r = pegawai
        .http
        .post(pegawai.url(&format!("/ujian/akun/{pid}")))
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let v = pegawai.json("/ujian/api/keadaan").await;
    assert_eq!(
        (v["status"].as_str(), v["sesi"].as_str()),
        (Some("belum"), Some("Akun"))
    );
    // Another pegawai cannot start it.
    let lain = s
        .login_as("lain", Peran::Pegawai, None, Some(&nips[0]))
        .await;
    let c2 = lain.csrf().await;
    let r = lain
        .http
        .post(lain.url(&format!("/ujian/akun/{pid}")))
        .form(&[("_csrf", c2.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
on_both!(ujian_antrean, admission);

/// What a hostile-input probe found, fixed: a pause stops saves, no items while paused; one
/// result however many submissions race; a revoked card stops the page and a new one resumes;
/// a lock-out is lifted by the proctor; only proctor roles can be named; bad section numbers.
async fn hardening(s: Server) {
    let admin = admin_dengan_data(&s).await;
    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    assert_eq!(admin.status("/ujian/sesi").await, 200);
    let ipip = ipip_id(&admin).await;
    let r = buat_sesi(
        &admin,
        &[
            ("nama", "Keras"),
            ("instrumen", &ipip),
            ("menit_0_0", "30"),
            ("buka", "2020-01-01"),
            ("tutup", "2099-12-31"),
            ("kelompok", "semua"),
        ],
    )
    .await;
    let id = sesi_id(&r);
    let token = kartu(&admin, id).await;
    let mut nips: Vec<String> = token.keys().cloned().collect();
    nips.sort();
    let a = &nips[0];
    let (_, pa, _) = Peserta::masuk(&s, a, &token[a]).await;
    let pa = pa.unwrap();
    pa.post("/ujian/api/mulai", json!({})).await;
    let pid = sqlx_id(&s, a).await.to_string();

    // Paused: no items, no saves (after the grace); resumed: saves again.
    let r = post(
        &admin,
        &format!("/ujian/sesi/{id}/atur"),
        &[("aksi", "jeda"), ("alasan", "uji"), ("peserta", &pid)],
    )
    .await;
    assert_eq!(r.status(), 303);
    let v = pa.keadaan().await;
    assert_eq!(v["status"], "jeda");
    assert!(
        v["bagian"].get("butir").is_none() && v.get("jawaban").is_none(),
        "{v}"
    );
    let r = post(&admin, "/ujian/aturan", &[("aturan", "tenggang_detik = 0")]).await;
    assert_eq!(r.status(), 303);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let (st, _) = pa
        .post(
            "/ujian/api/jawab",
            json!({"jawaban": [{"butir": "1", "nilai": "3", "seq": 1}]}),
        )
        .await;
    assert_eq!(st, 409, "no answer while paused");
    post(
        &admin,
        &format!("/ujian/sesi/{id}/atur"),
        &[("aksi", "lanjut"), ("alasan", "uji")],
    )
    .await;
    let (st, _) = pa
        .post(
            "/ujian/api/jawab",
            json!({"jawaban": [{"butir": "1", "nilai": "3", "seq": 2}]}),
        )
        .await;
    assert_eq!(st, 200);
    let (st, _) = pa
        .post(
            "/ujian/api/jawab",
            json!({"bagian": i64::MIN, "jawaban": [{"butir": "1", "nilai": "3", "seq": 3}]}),
        )
        .await;
    assert_eq!(st, 400);

    // A revoked card: the page stops, the old token too; a new card resumes the attempt.
    let r = post(
        &admin,
        &format!("/ujian/sesi/{id}/atur"),
        &[
            ("aksi", "cabut"),
            ("alasan", "kartu hilang"),
            ("peserta", &pid),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(pa.c.status("/ujian/api/keadaan").await, 401);
    assert_eq!(Peserta::masuk(&s, a, &token[a]).await.0, 401);
    let baru = kartu(&admin, id).await;
    assert!(baru.contains_key(a), "a revoked card is made anew");
    let (st, pa, v) = Peserta::masuk(&s, a, &baru[a]).await;
    assert_eq!(st, 200);
    assert_eq!(v["status"], "mengerjakan");
    assert_eq!(v["jawaban"]["1"]["nilai"], "3", "the attempt resumes");
    let pa = pa.unwrap();

    // A lock-out (too many wrong tokens for a NIP) is lifted by the proctor.
    let b = &nips[1];
    let mut terkunci = false;
    for _ in 0..31 {
        if Peserta::masuk(&s, b, "0000-0000-0000").await.0 == 429 {
            terkunci = true;
            break;
        }
    }
    assert!(terkunci);
    assert_eq!(Peserta::masuk(&s, b, &baru[b]).await.0, 429);
    let pb_id = sqlx_id(&s, b).await.to_string();
    let r = post(
        &admin,
        &format!("/ujian/sesi/{id}/atur"),
        &[
            ("aksi", "buka_kunci"),
            ("alasan", "rekan salah ketik"),
            ("peserta", &pb_id),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(Peserta::masuk(&s, b, &baru[b]).await.0, 200);

    // Racing submissions: one result, recorded on the attempt.
    let tugas: Vec<_> = (0..6)
        .map(|_| {
            let (http, url, csrf) = (
                pa.c.http.clone(),
                pa.c.url("/ujian/api/selesai"),
                pa.csrf.clone(),
            );
            tokio::spawn(async move {
                http.post(url)
                    .header("X-CSRF-Token", csrf)
                    .json(&json!({}))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            })
        })
        .collect();
    let mut kode = vec![];
    for t in tugas {
        kode.push(t.await.unwrap());
    }
    assert!(kode.contains(&200), "{kode:?}");
    let rows = ipasn_store::instrumen::hasil_pegawai(&s.db, a)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let rec: Value = serde_json::from_str(
        ipasn_store::ujian::undangan(&s.db, a).await.unwrap()[0]
            .hasil
            .as_deref()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        rec["hasil"],
        json!([rows[0].id]),
        "the attempt names its result"
    );

    // Only proctor roles can be named: a pimpinan ticked by a crafted form is ignored.
    let pim = ipasn_store::akun::daftar(&s.db)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.username == "pimpinan")
        .unwrap()
        .id;
    let r = post(
        &admin,
        &format!("/ujian/sesi/{id}/pengawas-akun"),
        &[("akun", &pim.to_string()), ("akun", "999999")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(pimpinan.status(&format!("/ujian/sesi/{id}")).await, 403);
}
on_both!(ujian_keras, hardening);
