//! Assessment-center events: setup, ratings by each assessor, integration, consensus, finalising,
//! reliability; forms that keep what was typed, drafts and confirmations before irreversible steps.

use crate::helpers::*;

/// An assessment-center event from setup to the integrated result with two assessors:
/// independence and isolation of assessors, locking, the consensus flag, finalising into the
/// person's competency result, and the event's reliability.
async fn ac_event(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let a1 = s.login_as("asesor1", Peran::Asesor, None, None).await;
    let a2 = s.login_as("asesor2", Peran::Asesor, None, None).await;
    let a3 = s.login_as("asesor3", Peran::Asesor, None, None).await;
    let (b, c) = ("198102022006021002", "198203032007031003");
    let token = admin.csrf().await;
    let form = |latihan: &str, peserta: &str| {
        vec![
            ("_csrf", token.clone()),
            ("nama", "Asesmen Administrator 2025".to_string()),
            ("tanggal", "2025-05-20".to_string()),
            ("latihan", latihan.to_string()),
            ("peserta", peserta.to_string()),
        ]
    };
    // One assessor is not enough, an unknown code and a non-asesor account are named.
    let r = admin
        .http
        .post(admin.url("/asesmen/acara"))
        .form(&form(
            "In-tray: M.01, X.1",
            &format!("{b}: asesor1\n{c}: asesor1, admin"),
        ))
        .send()
        .await
        .unwrap();
    // Refused: the form again (422), as typed, each problem beside its field (issue 10).
    assert_eq!(r.status(), 422);
    let why = r.text().await.unwrap();
    assert!(
        why.contains("X.1") && why.contains("minimal 2") && why.contains("admin"),
        "{why}"
    );
    let r = admin
        .http
        .post(admin.url("/asesmen/acara"))
        .form(&form(
            "In-tray: M.01, M.02\nWawancara: M.01, M.02",
            &format!("{b}: asesor1, asesor2\n{c}: asesor1, asesor3"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let id = r.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    // The shipped PermenPANRB 38/2017 dictionary is on the assessors' forms before any import.
    let form_b = a1.text(&format!("/asesmen/acara/{id}/nilai/{b}")).await;
    assert!(
        form_b.contains("Mampu memastikan, menanamkan keyakinan bersama"),
        "M.01 level 3 as the regulation words it"
    );
    assert!(
        form_b.contains("Membangun komitmen tim, sinergi"),
        "M.02 level 4"
    );
    // The instansi's dictionary replaces the same code and level and adds kompetensi teknis;
    // a bad file changes nothing.
    let bad = admin
        .upload_asesmen(
            "kamus.csv",
            b"kompetensi,nama,level,deskripsi\nM.01,Integritas,7,x\n".to_vec(),
        )
        .await;
    assert_eq!(bad["impor"]["status"], "ditolak");
    let kamus = "kompetensi,nama,level,deskripsi,indikator\nM.01,Integritas,3,Teks-level-tiga-contoh,\"Indikator-satu\nIndikator-dua\"\nT.ARSIP,Pengelolaan Arsip,,Kemampuan mengelola arsip dinamis,\n";
    assert_eq!(
        admin
            .upload_asesmen("kamus.csv", kamus.as_bytes().to_vec())
            .await["impor"]["status"],
        "selesai"
    );
    let form_b = a1.text(&format!("/asesmen/acara/{id}/nilai/{b}")).await;
    assert!(form_b.contains("Teks-level-tiga-contoh") && form_b.contains("<li>Indikator-dua</li>"));
    assert!(
        !form_b.contains("Mampu memastikan, menanamkan keyakinan bersama")
            && form_b.contains("Membangun komitmen tim, sinergi")
    );
    // Everyone signed in reads the dictionary page; the CSV is the import format and goes back in
    // unchanged.
    let page = a3.text("/asesmen/kamus").await;
    assert!(
        page.contains("T.ARSIP Pengelolaan Arsip")
            && page.contains("Teks-level-tiga-contoh")
            && page.contains("Lampiran PermenPANRB 38/2017")
    );
    assert!(
        page.contains("Wakil pemerintah untuk membangun hubungan sosial psikologis"),
        "SK.01 level 5"
    );
    let csv = admin.text("/asesmen/kamus.csv").await;
    assert_eq!(
        csv.lines().next().unwrap().trim_start_matches('\u{feff}'),
        "kompetensi,nama,level,deskripsi,indikator"
    );
    assert_eq!(
        admin
            .upload_asesmen("kamus.csv", csv.clone().into_bytes())
            .await["impor"]["status"],
        "selesai"
    );
    assert_eq!(
        admin.text("/asesmen/kamus.csv").await,
        csv,
        "download → upload → download is stable"
    );
    // Isolation: asesor3 does not assess B.
    assert_eq!(
        a3.status(&format!("/asesmen/acara/{id}/nilai/{b}")).await,
        403
    );
    assert!(!a3.text(&format!("/asesmen/acara/{id}")).await.contains(b));
    assert_eq!(
        a1.status(&format!("/asesmen/acara/{id}/integrasi/{b}"))
            .await,
        403
    );
    let rate = |c: &Client,
                nip: &'static str,
                levels: [&'static str; 4],
                lock: bool,
                note: &'static str| {
        let url = c.url(&format!("/asesmen/acara/{id}/nilai/{nip}"));
        let http = c.http.clone();
        async move {
            let page = http.get(&url).send().await.unwrap().text().await.unwrap();
            let token = crate::helpers::csrf_field(&page);
            let keys = [
                "In-tray|M.01",
                "In-tray|M.02",
                "Wawancara|M.01",
                "Wawancara|M.02",
            ];
            let mut f: Vec<(String, String)> = vec![("_csrf".into(), token)];
            for (k, l) in keys.iter().zip(levels) {
                f.push((format!("level|{k}"), l.to_string()));
                f.push((format!("bukti|{k}"), note.to_string()));
            }
            f.push(("kunci".into(), if lock { "1" } else { "0" }.into()));
            // Locking is confirmed (issue 10: the confirmation page sends `yakin=1`).
            if lock {
                f.push(("yakin".into(), "1".into()));
            }
            http.post(&url)
                .form(&f)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    // asesor1: M.01 3 and 4 (mean 3.5), M.02 3 and 3; asesor2: M.01 3 and 3, M.02 1 and 2 (1.5).
    assert_eq!(
        rate(&a1, b, ["3", "3", "4", "3"], false, "bukti-rahasia-satu").await,
        303
    );
    // Independence: asesor2 does not see asesor1's ratings, and the panel sees nothing unlocked.
    assert!(
        !a2.text(&format!("/asesmen/acara/{id}/nilai/{b}"))
            .await
            .contains("bukti-rahasia-satu")
    );
    let i = admin
        .json(&format!("/api/asesmen/acara/{id}/integrasi/{b}"))
        .await;
    assert!(i["kompetensi"].as_array().unwrap().is_empty() && i["final_level"].is_null());
    // Levels between steps are refused (the form again, 422).
    assert_eq!(rate(&a2, b, ["3", "3.25", "3", "2"], false, "x").await, 422);
    assert_eq!(
        rate(&a1, b, ["3", "3", "4", "3"], true, "bukti-rahasia-satu").await,
        303
    );
    assert_eq!(
        rate(&a2, b, ["3", "1", "3", "2"], true, "bukti dua").await,
        303
    );
    // Locked ratings do not change.
    assert_eq!(rate(&a1, b, ["5", "5", "5", "5"], false, "ubah").await, 400);
    let i = admin
        .json(&format!("/api/asesmen/acara/{id}/integrasi/{b}"))
        .await;
    let k = |code: &str| {
        i["kompetensi"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kompetensi"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (
            f(&k("M.01")["level"]),
            k("M.01")["perlu_konsensus"].as_bool()
        ),
        (3.25, Some(false))
    );
    assert_eq!(
        (
            f(&k("M.02")["level"]),
            f(&k("M.02")["selisih"]),
            k("M.02")["perlu_konsensus"].as_bool()
        ),
        (2.25, 1.5, Some(true))
    );
    // Finalising waits for the consensus on M.02.
    let fin = admin
        .http
        .post(admin.url(&format!("/asesmen/acara/{id}/final/{b}")))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(fin.status(), 400);
    let r = admin
        .http
        .post(admin.url(&format!("/asesmen/acara/{id}/konsensus/{b}")))
        .form(&[
            ("_csrf", token.as_str()),
            ("kompetensi", "M.02"),
            ("level", "2"),
            ("alasan", "diskusi panel: bukti in-tray lebih kuat"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // Finalising asks first (issue 10); the confirmation carries the levels it showed.
    let fin = admin
        .http
        .post(admin.url(&format!("/asesmen/acara/{id}/final/{b}")))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(fin.status(), 200);
    let page = fin.text().await.unwrap();
    assert!(page.contains("value=\"M.01=3.25;M.02=2\""), "{page}");
    let fin = admin
        .http
        .post(admin.url(&format!("/asesmen/acara/{id}/final/{b}")))
        .form(&[
            ("_csrf", token.as_str()),
            ("sidik", "M.01=3.25;M.02=2"),
            ("yakin", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(fin.status(), 303);
    // The result is B's competency result now, dated as the event.
    let p = admin.json(&format!("/api/pegawai/{b}")).await;
    assert_eq!(p["asesmen"]["tanggal"], "2025-05-20");
    let levels: Vec<(String, f64)> = p["asesmen"]["butir"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["kode"].as_str().unwrap().to_string(), f(&x["level"])))
        .collect();
    assert_eq!(
        levels,
        vec![("M.01".to_string(), 3.25), ("M.02".to_string(), 2.0)]
    );
    // Reliability per competency and pooled, from locked ratings only.
    assert_eq!(rate(&a1, c, ["2", "2", "3", "2"], true, "c1").await, 303);
    assert_eq!(rate(&a3, c, ["2", "3", "2", "3"], true, "c3").await, 303);
    let irr = admin.json(&format!("/api/asesmen/acara/{id}/irr")).await;
    assert_eq!(irr["kompetensi"].as_array().unwrap().len(), 2);
    assert_eq!(irr["semua"]["subjects"], 4);
    assert!(irr["semua"].get("alpha_interval").is_some());
    // One competency × statistic matrix with human names, and a warning: 2 assessees per
    // competency (4 pooled) are far under the 30 Koo & Li advise.
    let page = admin.text(&format!("/asesmen/acara/{id}/irr")).await;
    assert!(page.contains("id=\"matriks-irr\"") && page.contains("alpha_ordinal"));
    assert!(page.contains("ICC(2,1) — kesepakatan mutlak, satu penilai"));
    assert!(page.contains("id=\"sampel-kecil\""));
    assert!(
        page.contains("<abbr title=\"Integritas\">M.01</abbr>"),
        "{page}"
    );
    assert_eq!(page.matches("<th scope=\"row\">").count(), irr_rows(&irr));
    let en = admin
        .text(&format!("/asesmen/acara/{id}/irr?lang=en"))
        .await;
    assert!(en.contains("ICC(2,1) — absolute agreement, single rater"));
    // Every look at a person's ratings and every change is audited.
    let audit = admin.json(&format!("/api/audit?objek={b}")).await;
    let acts: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["aksi"].as_str().unwrap())
        .collect();
    for a in [
        "lihat_asesmen",
        "nilai_simpan",
        "nilai_kunci",
        "konsensus",
        "asesmen_final",
        "lihat_asesmen_ditolak",
    ] {
        assert!(acts.contains(&a), "{a} missing in {acts:?}");
    }
}
on_both!(assessment_center_event, ac_event);

/// The rating form of an event with the exercises In-tray and Wawancara × M.01, M.02.
fn rating(cells: [(&str, &str); 4]) -> Vec<(String, String)> {
    let keys = [
        "In-tray|M.01",
        "In-tray|M.02",
        "Wawancara|M.01",
        "Wawancara|M.02",
    ];
    let mut v = vec![];
    for (k, (level, note)) in keys.iter().zip(cells) {
        v.push((format!("level|{k}"), level.to_string()));
        v.push((format!("bukti|{k}"), note.to_string()));
    }
    v
}

async fn send_rating(
    c: &Client,
    url: &str,
    cells: [(&str, &str); 4],
    extra: &[(&str, &str)],
) -> (u16, String) {
    let token = c.csrf().await;
    let mut form = vec![("_csrf".to_string(), token)];
    form.extend(rating(cells));
    form.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let r = c.http.post(c.url(url)).form(&form).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// The value of the hidden input `name` in a page.
fn hidden(html: &str, name: &str) -> Option<String> {
    let key = format!("name=\"{name}\" value=\"");
    let i = html.find(&key)? + key.len();
    Some(html[i..i + html[i..].find('"')?].to_string())
}

/// The event form, the assessor's form and the panel's consensus keep everything typed on a
/// refusal, with the problem beside the field; a refused lock keeps a draft; locking and
/// finalising ask first, showing what will be locked or finalised.
async fn forms(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let a1 = s.login_as("asesor1", Peran::Asesor, None, None).await;
    let a2 = s.login_as("asesor2", Peran::Asesor, None, None).await;
    // The event form: refused with 422, every value as typed, each problem beside its field,
    // in the normal layout.
    let nama = "Asesmen <Administrator> & \"Pengawas\" 2025";
    let latihan = "In-tray: M.01, X.9\nWawancara: M.01, M.02";
    let peserta = format!("{B}: asesor1\n{C}: asesor1, asesor2");
    let r = post(
        &admin,
        "/asesmen/acara",
        &[
            ("nama", nama),
            ("tanggal", "2025-05-20"),
            ("latihan", latihan),
            ("peserta", &peserta),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("<header class=\"top\">"), "in the layout");
    assert!(
        page.contains("value=\"Asesmen &#60;Administrator&#62; &#38; &#34;Pengawas&#34; 2025\"")
            || page.contains(
                "value=\"Asesmen &lt;Administrator&gt; &amp; &quot;Pengawas&quot; 2025\""
            ),
        "the name as typed, escaped: {page}"
    );
    assert!(page.contains("value=\"2025-05-20\""));
    assert!(page.contains(">In-tray: M.01, X.9\nWawancara: M.01, M.02</textarea>"));
    assert!(page.contains(&format!(">{B}: asesor1\n{C}: asesor1, asesor2</textarea>")));
    let beside = |field: &str, what: &str| {
        page.split(&format!("data-medan=\"{field}\">"))
            .skip(1)
            .any(|p| p[..p.find('<').unwrap()].contains(what))
    };
    assert!(beside("latihan", "X.9"), "{page}");
    assert!(beside("peserta", "minimal 2"), "{page}");
    assert!(!beside("nama", "") && !beside("tanggal", ""));
    assert_eq!(
        admin.json("/api/audit?aksi=acara_buat").await,
        Value::Array(vec![])
    );
    // A form the browser did not complete (a field missing) is the same form, not a bare error.
    let r = post(&admin, "/asesmen/acara", &[("nama", "Tanpa isian")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("value=\"Tanpa isian\""));
    let r = post(
        &admin,
        "/asesmen/acara",
        &[
            ("nama", "Asesmen Administrator 2025"),
            ("tanggal", "2025-05-20"),
            ("latihan", "In-tray: M.01, M.02\nWawancara: M.01, M.02"),
            ("peserta", &format!("{B}: asesor1, asesor2")),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let id = r.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let form_url = format!("/asesmen/acara/{id}/nilai/{B}");
    let locked = |who: &'static str| {
        let admin = &admin;
        let id = id.clone();
        async move {
            let i = admin
                .json(&format!("/api/asesmen/acara/{id}/integrasi/{B}"))
                .await;
            i["asesor"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a[0] == who)
                .unwrap()[1]
                .as_bool()
                .unwrap()
        }
    };
    // "Simpan dan kunci" with one level empty: refused with 422, nothing typed lost, the empty
    // level marked; not locked.
    let cells = [
        ("3", "bukti-intray-m01"),
        ("", "bukti-intray-m02-tanpa-level"),
        ("4", "bukti-wawancara-m01"),
        ("3", "bukti-wawancara-m02"),
    ];
    let (st, page) = send_rating(&a1, &form_url, cells, &[("kunci", "1")]).await;
    assert_eq!(st, 422, "{page}");
    assert!(page.contains("<header class=\"top\">"));
    for (_, note) in cells {
        assert!(page.contains(&format!(">{note}</textarea>")), "{note} kept");
    }
    assert!(page.contains("<option selected>4</option>"));
    let row = page
        .split("<tr class=\"galat\" data-sel=\"")
        .nth(1)
        .expect("a marked row");
    assert!(
        row.starts_with("In-tray|M.02\"") && row.contains("galat-medan"),
        "{row}"
    );
    assert_eq!(page.matches("<tr class=\"galat\"").count(), 1);
    assert!(!locked("asesor1").await);
    // … and a draft of everything was kept: the form opened again (say, after the tab was
    // closed) shows it, evidence of the empty level included.
    let again = a1.text(&form_url).await;
    for (_, note) in cells {
        assert!(
            again.contains(&format!(">{note}</textarea>")),
            "{note} in the draft"
        );
    }
    assert!(again.contains("id=\"draf-tersimpan\""));
    // The draft is the assessor's own: the other assessor and the panel see nothing of it.
    assert!(!a2.text(&form_url).await.contains("bukti-intray-m01"));
    let i = admin
        .json(&format!("/api/asesmen/acara/{id}/integrasi/{B}"))
        .await;
    assert!(i["kompetensi"].as_array().unwrap().is_empty());
    // A level that is not a number is kept as typed and marked.
    let (st, page) = send_rating(
        &a1,
        &form_url,
        [("3", "a"), ("tiga", "b"), ("4", "c"), ("3", "d")],
        &[("kunci", "0")],
    )
    .await;
    assert_eq!(st, 422);
    assert!(page.contains("<option selected>tiga</option>"), "{page}");
    assert!(page.contains("bukan angka"));
    // Complete: "Simpan dan kunci" first shows what will be locked and asks; nothing is locked yet.
    let cells = [
        ("3", "bukti-intray-m01"),
        ("3", "bukti-intray-m02"),
        ("4", "bukti-wawancara-m01"),
        ("3", "bukti-wawancara-m02"),
    ];
    let (st, page) = send_rating(&a1, &form_url, cells, &[("kunci", "1")]).await;
    assert_eq!(st, 200, "{page}");
    assert!(page.contains("id=\"tabel-konfirmasi\"") && page.contains("<header class=\"top\">"));
    assert!(page.contains("<td>bukti-wawancara-m01</td>") && page.contains("<td>4</td>"));
    assert_eq!(hidden(&page, "yakin").as_deref(), Some("1"));
    assert_eq!(hidden(&page, "kunci").as_deref(), Some("1"));
    assert_eq!(
        hidden(&page, "bukti|In-tray|M.02").as_deref(),
        Some("bukti-intray-m02")
    );
    assert!(
        !locked("asesor1").await,
        "not locked before the confirmation"
    );
    // Confirmed: locked, the draft gone.
    let (st, _) = send_rating(&a1, &form_url, cells, &[("kunci", "1"), ("yakin", "1")]).await;
    assert_eq!(st, 303);
    assert!(locked("asesor1").await);
    let after = a1.text(&form_url).await;
    assert!(after.contains("id=\"terkunci\"") && !after.contains("id=\"draf-tersimpan\""));
    assert!(after.contains(">bukti-wawancara-m01</textarea>"));
    // asesor2 far apart on M.02 → the panel must enter a consensus.
    let (st, _) = send_rating(
        &a2,
        &form_url,
        [("3", "x"), ("1", "x"), ("3", "x"), ("1", "x")],
        &[("kunci", "1"), ("yakin", "1")],
    )
    .await;
    assert_eq!(st, 303);
    // The consensus: a bad level and a short rationale → the panel's page again (422) with this
    // competency's form as typed and both problems beside it.
    let r = post(
        &admin,
        &format!("/asesmen/acara/{id}/konsensus/{B}"),
        &[
            ("kompetensi", "M.02"),
            ("level", "2.3"),
            ("alasan", "singkat"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("value=\"2.3\"") && page.contains("value=\"singkat\""));
    assert!(page.contains("data-medan=\"level\"") && page.contains("data-medan=\"alasan\""));
    assert!(page.contains("<header class=\"top\">"));
    let r = post(
        &admin,
        &format!("/asesmen/acara/{id}/konsensus/{B}"),
        &[
            ("kompetensi", "M.02"),
            ("level", "2"),
            ("alasan", "panel: bukti in-tray lebih kuat"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    // Finalising shows the levels and asks; nothing is written before the confirmation.
    let r = post(&admin, &format!("/asesmen/acara/{id}/final/{B}"), &[]).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("<td>M.01</td><td>3.25</td>") && page.contains("<td>M.02</td><td>2</td>")
    );
    let sidik = hidden(&page, "sidik").unwrap();
    assert_eq!(sidik, "M.01=3.25;M.02=2");
    assert!(
        admin.json(&format!("/api/pegawai/{B}")).await["asesmen"]["tanggal"] != "2025-05-20",
        "not finalised before the confirmation"
    );
    // A confirmation of other levels than those in force asks again.
    let r = post(
        &admin,
        &format!("/asesmen/acara/{id}/final/{B}"),
        &[("yakin", "1"), ("sidik", "M.01=3.25;M.02=5")],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(admin.json(&format!("/api/pegawai/{B}")).await["asesmen"]["tanggal"] != "2025-05-20");
    let r = post(
        &admin,
        &format!("/asesmen/acara/{id}/final/{B}"),
        &[("yakin", "1"), ("sidik", &sidik)],
    )
    .await;
    assert_eq!(r.status(), 303);
    let p = admin.json(&format!("/api/pegawai/{B}")).await;
    assert_eq!(p["asesmen"]["tanggal"], "2025-05-20");
}
on_both!(forms_keep_what_was_typed, forms);

/// The statistics a reliability answer carries in any column (the matrix's rows).
fn irr_rows(irr: &Value) -> usize {
    let keys = [
        "icc1",
        "icc2",
        "icc3",
        "icc1k",
        "icc2k",
        "icc3k",
        "fleiss_kappa",
        "alpha_nominal",
        "alpha_ordinal",
        "alpha_interval",
        "alpha_ratio",
        "cohen_kappa",
        "kappa_linear",
        "kappa_quadratic",
    ];
    let mut cols: Vec<&Value> = irr["kompetensi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| &k[1])
        .collect();
    cols.push(&irr["semua"]);
    keys.iter()
        .filter(|k| cols.iter().any(|c| c.get(**k).is_some()))
        .count()
}

/// Setting up an event without the line syntax: exercises named with their competencies
/// ticked by name, assessees found by name with their assessors ticked; more rows on request;
/// a refused form keeps every tick; names, not usernames, in the tables.
async fn pickers(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    admin.import("contoh-spec.zip", contoh_spec()).await;
    for (u, n) in [("asesor1", "Rina Asesor"), ("asesor2", "Budi Asesor")] {
        ipasn_store::akun::simpan(
            &s.db,
            &ipasn_store::akun::AkunBaru {
                username: u,
                nama: n,
                password: &ipasn_store::akun::password_acak(),
                peran: Peran::Asesor,
                unor_id: None,
                nip: None,
                lihat_detail: false,
            },
        )
        .await
        .unwrap();
    }
    let page = admin.text("/asesmen/acara").await;
    assert!(
        page.contains("name=\"lat0k\" value=\"M.01\"> Integritas"),
        "competencies by name"
    );
    assert!(
        page.contains("name=\"as0\" value=\"asesor1\"> Rina Asesor"),
        "assessors by name"
    );
    assert_eq!(page.matches("data-cari-pegawai").count(), 6);
    // The search behind the assessee field.
    let found = admin.json("/api/asesmen/cari-pegawai?q=contoh%20b").await;
    assert_eq!(found[0]["nip"], B);
    assert_eq!(found[0]["unor"], "Bidang Contoh");
    assert_eq!(
        admin.json("/api/asesmen/cari-pegawai?q=co").await,
        serde_json::json!([])
    );
    assert_eq!(
        s.login_as("a9", Peran::Asesor, None, None)
            .await
            .status("/api/asesmen/cari-pegawai?q=contoh")
            .await,
        403
    );
    let token = admin.csrf().await;
    let post = |extra: Vec<(&'static str, String)>| {
        let mut f: Vec<(&str, String)> = vec![
            ("_csrf", token.clone()),
            ("nama", "Asesmen Pengawas".into()),
            ("tanggal", "2025-06-02".into()),
            ("lat0", "In-tray".into()),
            ("lat0k", "M.01".into()),
            ("lat0k", "M.04".into()),
            ("nip0", format!("{B} — Contoh B")),
            ("as0", "asesor1".into()),
            ("as0", "asesor2".into()),
        ];
        f.extend(extra);
        let admin = &admin;
        async move {
            admin
                .http
                .post(admin.url("/asesmen/acara"))
                .form(&f)
                .send()
                .await
                .unwrap()
        }
    };
    // More rows: the form again, as typed, with room for more.
    let r = post(vec![("tambah", "1".into())]).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert_eq!(page.matches("data-cari-pegawai").count(), 10);
    assert!(page.contains("name=\"lat0k\" value=\"M.04\" checked>"));
    // A second exercise ticked without a name: refused, every tick kept.
    let r = post(vec![("lat1k", "M.02".into())]).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("name=\"lat1k\" value=\"M.02\" checked>"));
    assert!(page.contains("name=\"as0\" value=\"asesor2\" checked>"));
    assert!(page.contains(&format!("value=\"{B} — Contoh B\"")));
    // As picked: one exercise with two competencies, one assessee with two assessors.
    let r = post(vec![]).await;
    assert_eq!(r.status(), 303);
    let at = r.headers()["location"].to_str().unwrap().to_string();
    let page = admin.text(&at).await;
    assert!(
        page.contains("<td>In-tray</td><td>M.01</td>")
            && page.contains("<td>In-tray</td><td>M.04</td>"),
        "{page}"
    );
    assert!(
        page.contains("<td>Contoh B</td>") && page.contains("Rina Asesor, Budi Asesor"),
        "{page}"
    );
    assert!(!page.contains(">asesor1<"));
    // The integration page: the assessee and the assessors by name.
    let integ = admin.text(&format!("{at}/integrasi/{B}")).await;
    assert!(
        integ.contains("<title>") && integ.contains("Contoh B</a> <span class=\"kecil\">"),
        "{integ}"
    );
    assert!(integ.contains("Rina Asesor: ") && integ.contains("Budi Asesor: "));
}
on_both!(event_setup_with_pickers, pickers);
