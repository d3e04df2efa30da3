//! Logins and accounts under attack: the lockout holds under parallel requests and a success does
//! not wipe the failures of its window; over-long input is refused before any work; password checks
//! are bounded; a change to an account ends its sessions.

use crate::helpers::*;

async fn count(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite(p) => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
                .fetch_one(p)
                .await
        }
        Db::Pg(p) => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
                .fetch_one(p)
                .await
        }
    }
    .unwrap()
}

/// A client that has fetched the login form (so it holds the pre-session token).
async fn at_login(s: &Server) -> (Client, String) {
    let c = s.client();
    let page = c.text("/masuk").await;
    let token = csrf_field(&page);
    (c, token)
}

async fn post_login(c: &Client, token: &str, username: &str, password: &str) -> u16 {
    c.http
        .post(c.url("/masuk"))
        .form(&[
            ("_csrf", token),
            ("username", username),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// One login attempt from a fresh login form.
async fn attempt(s: &Server, username: &str, password: &str) -> u16 {
    let (c, t) = at_login(s).await;
    post_login(&c, &t, username, password).await
}

async fn lockout_holds_in_parallel(s: Server) {
    let pw = s.account("budi", Peran::Analis, None, None).await;
    // 40 wrong passwords at once: at most 5 (login_gagal_maks) are checked.
    let mut clients = vec![];
    for _ in 0..40 {
        clients.push(at_login(&s).await);
    }
    let answers = join_all(
        clients
            .iter()
            .map(|(c, t)| Box::pin(post_login(c, t, "budi", "salah-sekali")))
            .collect(),
    )
    .await;
    let checked = answers.iter().filter(|&&a| a == 401).count();
    assert!(checked <= 5, "{checked} passwords checked: {answers:?}");
    assert!(
        answers.iter().all(|a| [401, 429, 503].contains(a)),
        "{answers:?}"
    );
    // What the burst did not use of the five guesses is all that is left in the window.
    for i in checked..5 {
        assert_eq!(attempt(&s, "budi", "salah-lagi").await, 401, "guess {i}");
    }
    assert_eq!(attempt(&s, "budi", "salah-lagi").await, 429);
    // The right password now is refused too: the account is locked for the window.
    assert_eq!(attempt(&s, "budi", &pw).await, 429);

    // A success does not erase the failures made in its window.
    let pw = s.account("sari", Peran::Analis, None, None).await;
    for _ in 0..4 {
        assert_eq!(attempt(&s, "sari", "salah").await, 401);
    }
    assert_eq!(attempt(&s, "sari", &pw).await, 303);
    assert_eq!(attempt(&s, "sari", "salah").await, 401);
    // Five failures in the window now: locked, the right password included.
    assert_eq!(attempt(&s, "sari", &pw).await, 429);
    let (c3, t3) = at_login(&s).await;
    let page = c3
        .http
        .post(c3.url("/masuk"))
        .form(&[
            ("_csrf", t3.as_str()),
            ("username", "sari"),
            ("password", "x"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The wait is said in minutes, and the username stays in the form.
    assert!(page.contains("menit"), "{page}");
    assert!(page.contains("value=\"sari\""), "{page}");
}
on_both!(lockout_holds_in_parallel, lockout_holds_in_parallel);

/// Polls every future until all are done (they run concurrently on this task).
async fn join_all<F: std::future::Future<Output = u16> + Unpin>(mut fs: Vec<F>) -> Vec<u16> {
    let mut done: Vec<Option<u16>> = vec![None; fs.len()];
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in fs.iter_mut().enumerate() {
            if done[i].is_none() {
                match std::pin::Pin::new(f).poll(cx) {
                    std::task::Poll::Ready(v) => done[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    done.into_iter().map(Option::unwrap).collect()
}

async fn oversized_input_costs_nothing(s: Server) {
    let (c, t) = at_login(&s).await;
    let before = count(&s.db, "SELECT COUNT(*) FROM audit").await;
    let fails = count(&s.db, "SELECT COUNT(*) FROM login_gagal").await;
    // A 3 MiB username: refused before anything is read or stored (the server answers 413 and
    // may close the connection while the client is still sending, so either is a refusal).
    let huge = "a".repeat(3 << 20);
    let r = c
        .http
        .post(c.url("/masuk"))
        .form(&[
            ("_csrf", t.as_str()),
            ("username", &huge),
            ("password", "x"),
        ])
        .send()
        .await;
    if let Ok(r) = r {
        assert_eq!(r.status(), 413);
    }
    // A 16 KiB one, twice the login limit (a body this small is written whole before the server
    // answers, even on a loaded machine; 64 KiB sometimes met a closed socket): 413, in the
    // user's language.
    let big = "a".repeat(16 << 10);
    // The server answers before it has read the body, so now and then (a loaded machine, about
    // one run in eight) the client sees the connection closed before the answer: that is a
    // refusal too, and the request is sent again until an answer is read (at most five times).
    let mut r = None;
    for _ in 0..5 {
        match c
            .http
            .post(c.url("/masuk"))
            .form(&[("_csrf", t.as_str()), ("username", &big), ("password", "x")])
            .send()
            .await
        {
            Ok(x) => {
                r = Some(x);
                break;
            }
            Err(e) => assert!(e.is_request(), "{e}"),
        }
    }
    let r = r.expect("an answer to one of five requests");
    assert_eq!(r.status(), 413);
    let body = r.text().await.unwrap();
    assert!(body.contains("terlalu besar"), "{body}");
    assert!(!body.contains("length limit"), "{body}");
    assert_eq!(count(&s.db, "SELECT COUNT(*) FROM audit").await, before);
    assert_eq!(
        count(&s.db, "SELECT COUNT(*) FROM login_gagal").await,
        fails
    );
    // A long one under the body limit: refused as a wrong login, stored at most cut short.
    let long = "b".repeat(5000);
    assert_eq!(post_login(&c, &t, &long, "x").await, 401);
    let longest = count(
        &s.db,
        "SELECT CAST(COALESCE(MAX(LENGTH(username)), 0) AS BIGINT) FROM audit",
    )
    .await;
    assert!(longest <= 201, "{longest}");
    assert_eq!(
        count(
            &s.db,
            "SELECT CAST(COALESCE(MAX(LENGTH(username)), 0) AS BIGINT) FROM login_gagal"
        )
        .await,
        0,
        "an over-long username is never a throttling row"
    );
    // Any other route: 1 MiB at most.
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url("/pengaturan"))
        .header("X-CSRF-Token", &token)
        .form(&[("target", "80".repeat(1 << 20).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
}
on_both!(oversized_input_costs_nothing, oversized_input_costs_nothing);

async fn many_anonymous_logins_are_bounded(s: Server) {
    s.account("rina", Peran::Analis, None, None).await;
    let mut clients = vec![];
    for _ in 0..60 {
        clients.push(at_login(&s).await);
    }
    // Different unknown usernames (so the lockout does not answer first): every one needs a
    // password check; they are bounded and the excess waits or is told to come back (503).
    let names: Vec<String> = (0..60).map(|i| format!("tamu{i}")).collect();
    let answers = join_all(
        clients
            .iter()
            .zip(&names)
            .map(|((c, t), n)| Box::pin(post_login(c, t, n, "x")))
            .collect(),
    )
    .await;
    assert!(
        answers.iter().all(|a| [401, 503].contains(a)),
        "{answers:?}"
    );
}
on_both!(
    many_anonymous_logins_are_bounded,
    many_anonymous_logins_are_bounded
);

async fn account_changes_end_sessions(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let analis = s.login_as("ani", Peran::Analis, None, None).await;
    assert_eq!(analis.status("/api/saya").await, 200);
    // The admin sets a new password (the accounts form): the open session ends at once.
    let html = admin.text("/akun").await;
    let token = csrf_field(&html);
    let r = admin
        .http
        .post(admin.url("/akun"))
        .form(&[
            ("_csrf", token.as_str()),
            ("username", "ani"),
            ("nama", "Ani"),
            ("password", "kata-sandi-baru-1"),
            ("peran", "pimpinan"),
            ("unor_id", ""),
            ("nip", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(analis.status("/api/saya").await, 401);
    let again = s.client();
    assert_eq!(again.login("ani", "kata-sandi-baru-1").await, 303);
    // Deactivating needs the tick; then the session ends and no login works.
    let r = admin
        .http
        .post(admin.url("/akun/nonaktif"))
        .form(&[("_csrf", token.as_str()), ("username", "ani")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(again.status("/api/saya").await, 200, "not without the tick");
    let r = admin
        .http
        .post(admin.url("/akun/nonaktif"))
        .form(&[
            ("_csrf", token.as_str()),
            ("username", "ani"),
            ("yakin", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(again.status("/api/saya").await, 401);
    assert_eq!(s.client().login("ani", "kata-sandi-baru-1").await, 401);
    let log = admin.json("/api/audit?aksi=akun_nonaktif").await;
    assert_eq!(log.as_array().unwrap().len(), 1);
    // Not one's own account.
    let r = admin
        .http
        .post(admin.url("/akun/nonaktif"))
        .form(&[
            ("_csrf", token.as_str()),
            ("username", "admin"),
            ("yakin", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(admin.status("/api/saya").await, 200);
}
on_both!(account_changes_end_sessions, account_changes_end_sessions);

/// Times are shown in the instansi's zone (a setting), as Indonesians write them; a zone that
/// is not Indonesia's is refused with the choices, and the form keeps its page.
async fn time_zone_setting(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let j = admin.import("contoh-spec.zip", contoh_spec()).await;
    let stored = j["impor"]["waktu"].as_str().unwrap().to_string();
    assert!(stored.ends_with('Z'), "{stored}");
    let page = admin.text("/impor").await;
    assert!(page.contains(" WIB</td>"), "WIB by default");
    assert!(!page.contains(&stored));
    let r = post(&admin, "/pengaturan", &[("zona_waktu", "WITA")]).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("<option selected>WITA</option>")
    );
    let page = admin.text("/impor").await;
    let cell = page
        .split("<td>")
        .find(|c| c.contains(" WITA</td>"))
        .expect("a time in WITA");
    // "30 Nov 2026 05.06 WITA": day, month, year, hours.minutes, zone.
    let parts: Vec<&str> = cell.trim_end_matches("</td>").split(' ').collect();
    assert_eq!(parts.len(), 5, "{cell}");
    assert!(parts[3].len() == 5 && &parts[3][2..3] == ".", "{cell}");
    // A refused settings form changes nothing, comes back as typed, with the reason.
    let r = post(
        &admin,
        "/pengaturan",
        &[
            ("target", "85"),
            ("kelompok_kecil", "7"),
            ("zona_waktu", "UTC"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("id=\"galat-pengaturan\"") && page.contains("WIB, WITA"));
    assert!(page.contains("name=\"target\" type=\"number\" step=\"0.01\" min=\"0\" max=\"100\" placeholder=\"80\" value=\"85\""));
    assert!(page.contains("value=\"7\""));
    assert_eq!(admin.json("/api/dasbor").await["target"], 80.0);
    let audit = admin.json("/api/audit?aksi=pengaturan").await;
    assert!(audit.to_string().contains("zona_waktu"));
}
on_both!(time_zone_setting, time_zone_setting);

/// A refused account form keeps everything typed but the password, says why beside the form,
/// and creates nothing.
async fn account_form_keeps_input(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let r = post(
        &admin,
        "/akun",
        &[
            ("username", "penilai7"),
            ("nama", "Rina Asesor"),
            ("password", "pendek"),
            ("peran", "asesor"),
            ("unor_id", "K"),
            ("nip", "198203032007031003"),
            ("lihat_detail", "1"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("<header class=\"top\">"));
    assert!(page.contains("id=\"galat-akun\""));
    for v in [
        "value=\"penilai7\"",
        "value=\"Rina Asesor\"",
        "<option selected>asesor</option>",
        "value=\"K\"",
        "value=\"198203032007031003\"",
        "value=\"1\" checked",
    ] {
        assert!(page.contains(v), "{v} kept");
    }
    assert!(!page.contains("pendek"), "the password is never sent back");
    assert!(!admin.text("/akun").await.contains(">penilai7<"));
}
on_both!(account_form_keeps_input, account_form_keeps_input);

/// Scopes are chosen from the unit tree, not typed; the table names the unit.
async fn scope_picker(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    admin.import("contoh-spec.zip", contoh_spec()).await;
    let page = admin.text("/akun").await;
    assert!(page.contains("<select name=\"unor_id\" id=\"pilih-unor\">"));
    // In tree order, indented by depth.
    let k = page
        .find("<option value=\"K\">Pemerintah Kota Contoh (K)")
        .unwrap();
    let u1 = page
        .find("<option value=\"U1\">\u{2003}Dinas Contoh (U1)")
        .unwrap();
    let u2 = page
        .find("<option value=\"U2\">\u{2003}\u{2003}Bidang Contoh (U2)")
        .unwrap();
    assert!(k < u1 && u1 < u2);
    let r = post(
        &admin,
        "/akun",
        &[
            ("username", "analis_u1"),
            ("nama", "Analis Dinas"),
            ("password", "kata-sandi-panjang-1"),
            ("peran", "analis"),
            ("unor_id", "U1"),
        ],
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let page = admin.text("/akun").await;
    assert!(page.contains("<td>Dinas Contoh (U1)</td>"), "{page}");
    // A refused form keeps the unit chosen.
    let r = post(
        &admin,
        "/akun",
        &[
            ("username", "x"),
            ("nama", "X"),
            ("password", "pendek"),
            ("peran", "analis"),
            ("unor_id", "U2"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("<option value=\"U2\" selected>")
    );
}
on_both!(account_scope_picker, scope_picker);

/// The audit log: a date range in the instansi's zone, actions in words, downloads of every
/// match; a date that is not one comes back with the form as typed.
async fn audit_range_and_download(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    admin.import("contoh-spec.zip", contoh_spec()).await;
    admin.text(&format!("/pegawai/{B}")).await;
    // Entries at known times: 2026-03-01 16:30 UTC is 23.30 WIB on 1 March; 17:30 UTC is
    // 00.30 WIB on 2 March.
    for (t, objek) in [
        ("2026-03-01T16:30:00.000000Z", "satu"),
        ("2026-03-01T17:30:00.000000Z", "dua"),
    ] {
        let sql = format!(
            "INSERT INTO audit (waktu, akun_id, username, aksi, objek, rincian) VALUES ('{t}', NULL, 'uji', 'lihat_pegawai', '{objek}', '')"
        );
        match &s.db {
            Db::Sqlite(p) => {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(p)
                    .await
                    .unwrap();
            }
            Db::Pg(p) => {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(p)
                    .await
                    .unwrap();
            }
        }
    }
    let objek = |j: Value| -> Vec<String> {
        j.as_array()
            .unwrap()
            .iter()
            .map(|e| e["objek"].as_str().unwrap().to_string())
            .collect()
    };
    let day1 = admin
        .json("/api/audit?username=uji&dari=2026-03-01&sampai=2026-03-01")
        .await;
    assert_eq!(objek(day1), ["satu"]);
    let day2 = admin.json("/api/audit?username=uji&dari=2026-03-02").await;
    assert_eq!(objek(day2), ["dua"]);
    let both = admin
        .json("/api/audit?username=uji&sampai=2026-03-02")
        .await;
    assert_eq!(objek(both), ["dua", "satu"]);
    // Actions in words, the code beside.
    let page = admin.text("/audit?aksi=lihat_pegawai").await;
    assert!(
        page.contains("Melihat halaman pegawai <span class=\"kecil\"><code>lihat_pegawai</code>")
    );
    assert!(
        admin
            .text("/audit?aksi=lihat_pegawai&lang=en")
            .await
            .contains("<td>Viewed a person"),
        "{}",
        admin.text("/audit?aksi=lihat_pegawai&lang=en").await
    );
    // Who by name (the account's), the username beside.
    assert!(
        page.contains("<td>admin <span class=\"kecil\">(admin)</span></td>"),
        "{page}"
    );
    // Downloads hold the same entries, times local and UTC.
    let csv = admin
        .text("/audit.csv?username=uji&dari=2026-03-01&sampai=2026-03-02")
        .await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].contains("Waktu (UTC)"));
    assert!(
        lines[1].contains("2 Mar 2026 00.30 WIB")
            && lines[1].contains("2026-03-01T17:30:00.000000Z")
    );
    assert!(
        lines[2].contains("1 Mar 2026 23.30 WIB") && lines[2].contains("Melihat halaman pegawai")
    );
    let x = admin.get("/audit.xlsx?username=uji").await;
    assert_eq!(x.status(), 200);
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(x.bytes().await.unwrap().to_vec()))
            .unwrap();
    let range = calamine::Reader::worksheet_range_at(&mut wb, 0)
        .unwrap()
        .unwrap();
    // A title row, an empty row, the header, two entries; the number is a number cell.
    assert_eq!(range.height(), 5);
    assert!(matches!(
        range.get_value((3, 0)),
        Some(calamine::Data::Float(_))
    ));
    // Not a date: the form as typed, with the reason.
    let r = admin.get("/audit?dari=1%20Maret").await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("id=\"galat-audit\"") && page.contains("value=\"1 Maret\""));
    assert_eq!(admin.status("/api/audit?dari=kemarin").await, 400);
    let pimpinan = s.login_as("p", Peran::Pimpinan, None, None).await;
    assert_eq!(pimpinan.status("/audit.csv").await, 403);
}
on_both!(audit_date_range_and_download, audit_range_and_download);
