//! Issue 10, "safe by default", over real HTTP on SQLite and PostgreSQL: forms that keep what
//! was typed (with drafts and confirmations before irreversible steps), error pages in the
//! layout, no scores for a pimpinan without the grant, and no formulas in CSV downloads.

mod common;

use common::{Client, Server, contoh_spec, zip_dir};
use ipasn_store::akun::Peran;
use serde_json::Value;
use std::path::Path;

const B: &str = "198102022006021002";
const C: &str = "198203032007031003";

/// Every field of every row of a CSV download (BOM removed).
fn cells(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Cells a spreadsheet would run as formulas leave every web CSV download with a leading `'`;
/// plain numbers (also negative ones) stay numbers.
async fn formulas(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let evil = "=HYPERLINK(\"http://x\",\"y\")";
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/paket/contoh-spec");
    let pkg = zip_dir(&dir, |name, text| match name {
        "pegawai.csv" => text.replacen(
            ",Contoh F,",
            ",\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",",
            1,
        ),
        "unor.csv" => text.replacen(",Dinas Contoh,", ",@SUM(1+1),", 1),
        _ => text,
    });
    let j = admin.import("contoh-spec.zip", pkg).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    let f_ = "198606062010062006";
    assert_eq!(
        admin.json(&format!("/api/pegawai/{f_}")).await["pegawai"]["nama"],
        evil
    );
    let name_cell = |csv: &str| -> Vec<String> {
        cells(csv)
            .into_iter()
            .flatten()
            .filter(|c| c.contains("HYPERLINK"))
            .collect()
    };
    let want = format!("'{evil}");
    // The pegawai list, the ranking.
    for path in [
        "/unor/K/pegawai.csv?tahun=2024",
        "/unor/K/peringkat.csv?tahun=2024",
    ] {
        let csv = admin.text(path).await;
        assert_eq!(name_cell(&csv), vec![want.clone()], "{path}: {csv}");
    }
    // Unit names in the dashboard's tables.
    let csv = admin.text("/unor/K/tabel/subunit.csv?tahun=2024").await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(all.contains(&"'@SUM(1+1)".to_string()), "{csv}");
    assert!(
        !all.iter().any(|c| c.starts_with(['=', '+', '-', '@'])),
        "{csv}"
    );
    // Standards (position titles) and the dictionary (names) as uploaded.
    assert_eq!(
        admin
            .upload_asesmen(
                "skj.csv",
                b"jabatan,kompetensi,level\n+Kepala Bidang,M.03,2\n".to_vec()
            )
            .await["impor"]["status"],
        "selesai"
    );
    let csv = admin.text("/asesmen/standar.csv").await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(
        all.iter().any(|c| c.starts_with("'+")) && !all.iter().any(|c| c.starts_with('+')),
        "{csv}"
    );
    assert_eq!(
        admin
            .upload_asesmen(
                "kamus.csv",
                b"kompetensi,nama,level,deskripsi\nT.ARSIP,-Arsip dinamis,,\"=1+2\"\n".to_vec()
            )
            .await["impor"]["status"],
        "selesai"
    );
    let csv = admin.text("/asesmen/kamus.csv").await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(
        all.contains(&"'-Arsip dinamis".to_string()) && all.contains(&"'=1+2".to_string()),
        "{csv}"
    );
    // An import's problems: the values as read (a formula, a tab) are neutralised, a negative
    // number stays a number.
    let bad = zip_dir(&dir, |name, text| match name {
        "skp.csv" => text.replacen(
            "198001012005011001,2024,88,",
            "198001012005011001,2024,-5,",
            1,
        ),
        "diklat.csv" => text.replacen(",24,BKPSDM", ",=1+1,BKPSDM", 1),
        _ => text,
    });
    let j = admin.import("buruk.zip", bad).await;
    assert_eq!(j["impor"]["status"], "ditolak", "{j}");
    let id = j["impor"]["id"].as_i64().unwrap();
    let csv = admin.text(&format!("/impor/{id}/masalah.csv")).await;
    let all: Vec<String> = cells(&csv).into_iter().flatten().collect();
    assert!(all.contains(&"'=1+1".to_string()), "{csv}");
    assert!(
        all.contains(&"-5".to_string()),
        "a negative number stays numeric: {csv}"
    );
    assert!(!all.iter().any(|c| c.starts_with('=')));
    // XLSX: the name as it is, in a text cell, never a formula; the scores in number cells.
    let r = admin.get("/unor/K/pegawai.xlsx?tahun=2024").await;
    assert_eq!(r.status(), 200);
    use calamine::{Data, Reader};
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(r.bytes().await.unwrap().to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let row = range
        .rows()
        .find(|r| r[0] == Data::String(f_.into()))
        .unwrap();
    assert_eq!(row[1], Data::String(evil.into()));
    assert_eq!(row[9], Data::Float(70.5));
    assert!(book.worksheet_formula("Sheet1").unwrap().is_empty());
}
on_both!(csv_cells_cannot_be_formulas, formulas);

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

async fn post(c: &Client, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    let token = c.csrf().await;
    let mut body: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
    body.extend_from_slice(form);
    c.http.post(c.url(path)).form(&body).send().await.unwrap()
}

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
        assert!(page.contains(&format!("value=\"{note}\"")), "{note} kept");
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
            again.contains(&format!("value=\"{note}\"")),
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
    assert!(after.contains("value=\"bukti-wawancara-m01\""));
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

/// With the person page's IP and the performance axis, the ranking composite gives back the
/// potential exactly (and with the JPM, the test score): a pimpinan without `lihat_detail` gets
/// none of them — not in the talent API, the pages, the ranking CSV or the person's page — and
/// with the grant gets all of them.
async fn scores(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let (d, f_, g) = (
        "198304042008041004",
        "198606062010062006",
        "199007072015072007",
    );
    let mut csv = String::from("nip,kompetensi,level,tanggal\n");
    for nip in [d, f_, g] {
        for c in [
            "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
        ] {
            csv.push_str(&format!("{nip},{c},1,2025-02-01\n"));
        }
    }
    assert_eq!(
        admin
            .upload_asesmen("kompetensi.csv", csv.into_bytes())
            .await["impor"]["status"],
        "selesai"
    );
    assert_eq!(
        admin
            .upload_asesmen(
                "potensi.csv",
                format!("nip,skor,tanggal\n{f_},95,2025-02-02\n{g},70,2025-02-02\n").into_bytes()
            )
            .await["impor"]["status"],
        "selesai"
    );
    // What the admin sees: the numbers a pimpinan must not get.
    let t = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let of = |t: &Value, nip: &str| {
        t["orang"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["nip"] == nip)
            .unwrap()
            .clone()
    };
    let pf = of(&t, f_);
    assert_eq!((f(&pf["potensi"]), f(&pf["tes_potensi"])), (98.0, 95.0));
    let komposit_f = f(&pf["komposit"]);
    let admin_csv = admin.text("/unor/K/peringkat.csv?tahun=2024").await;
    assert!(admin_csv.contains(",komposit,ip,jpm,potensi,"));
    let admin_html = admin.text("/unor/K/talenta?tahun=2024").await;
    assert!(
        admin_html.contains("<th>JPM</th>")
            && admin_html.contains("<span class=\"kecil\">98</span>")
    );
    let secret = |text: &str| {
        // The composite of F as it would be written, and the potential and test scores.
        let k = format!("{komposit_f}");
        text.contains(&k)
            || text.contains("<span class=\"kecil\">98</span>")
            || text.contains(",98,")
            || text.contains(",95,")
    };
    assert!(secret(&admin_csv) && secret(&admin_html));

    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    let pt = pimpinan.json("/api/unor/K/talenta?tahun=2024").await;
    for o in pt["orang"].as_array().unwrap() {
        for k in ["komposit", "jpm", "potensi", "tes_potensi"] {
            assert!(o[k].is_null(), "{k} of {}: {o}", o["nip"]);
        }
    }
    // Ranks, boxes and the potential category stay.
    let pp = of(&pt, f_);
    assert_eq!(
        (
            pp["peringkat"].as_u64(),
            pp["kotak"].as_u64(),
            pp["kategori_potensi"].as_str()
        ),
        (
            pf["peringkat"].as_u64(),
            pf["kotak"].as_u64(),
            Some("tinggi")
        )
    );
    assert!(!pt.to_string().contains(&format!("{komposit_f}")));
    let csv = pimpinan.text("/unor/K/peringkat.csv?tahun=2024").await;
    let header = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(
        header,
        "kelompok,peringkat,dari,nip,nama,unor_id,ip,kategori_potensi,kinerja,kotak,jalur_cepat"
    );
    assert!(!secret(&csv), "{csv}");
    let html = pimpinan.text("/unor/K/talenta?tahun=2024").await;
    assert!(!html.contains("<th>JPM</th>") && !secret(&html));
    // The person's page and its JSON: the JPM's bands, not the JPM.
    let pj = pimpinan.json(&format!("/api/pegawai/{f_}")).await;
    assert!(pj["asesmen"]["jpm"].is_null() && pj["asesmen"]["butir"].is_null());
    assert!(pj["asesmen"]["pita_pemetaan"].is_string());
    let html = pimpinan.text(&format!("/pegawai/{f_}")).await;
    assert!(!html.contains("id=\"jpm\"") && html.contains("id=\"jpm-pita\""));
    assert!(html.contains("\"jpm\":null") && !html.contains("\"jpm\":100"));

    // Granted: everything.
    let pw = ipasn_store::akun::password_acak();
    ipasn_store::akun::simpan(
        &s.db,
        &ipasn_store::akun::AkunBaru {
            username: "pimpinan2",
            nama: "P2",
            password: &pw,
            peran: Peran::Pimpinan,
            unor_id: None,
            nip: None,
            lihat_detail: true,
        },
    )
    .await
    .unwrap();
    let p2 = s.client();
    assert_eq!(p2.login("pimpinan2", &pw).await, 303);
    let t2 = p2.json("/api/unor/K/talenta?tahun=2024").await;
    let q = of(&t2, f_);
    assert_eq!(
        (
            f(&q["komposit"]),
            f(&q["jpm"]),
            f(&q["potensi"]),
            f(&q["tes_potensi"])
        ),
        (komposit_f, 100.0, 98.0, 95.0)
    );
    let csv = p2.text("/unor/K/peringkat.csv?tahun=2024").await;
    assert!(csv.contains(",komposit,ip,jpm,potensi,") && secret(&csv));
    assert!(secret(&p2.text("/unor/K/talenta?tahun=2024").await));
    let pj = p2.json(&format!("/api/pegawai/{f_}")).await;
    assert_eq!(f(&pj["asesmen"]["jpm"]), 100.0);
    assert!(
        p2.text(&format!("/pegawai/{f_}"))
            .await
            .contains("id=\"jpm\"")
    );
}
on_both!(pimpinan_without_grant_gets_no_scores, scores);

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}
