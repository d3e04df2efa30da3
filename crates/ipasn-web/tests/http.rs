//! The web application over real HTTP against a real database, on SQLite and on PostgreSQL:
//! login, import (good, bad, repeated, truncated), dashboards, drill-down, a person's page, the
//! map, downloads, role isolation for every route, CSRF, login throttling and the audit log.

mod common;

use common::{Client, Server, contoh_spec, generated_dir, generated_xlsx, zip_dir};
use ipasn_store::akun::Peran;
use serde_json::Value;

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The spec's worked examples, imported in the browser's way, give the spec's numbers.
async fn spec_examples(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let j = admin.import("contoh-spec.zip", contoh_spec()).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    assert_eq!(j["impor"]["perubahan"]["pegawai"]["baru"], 9);
    // Unit figures of the expected file (spec §7 example).
    let d = admin.json("/api/unor/K/dasbor?tahun=2024").await;
    assert_eq!(f(&d["ip"]), 65.5);
    assert_eq!(d["kategori"], "Rendah");
    assert_eq!(
        (d["pegawai"].as_i64(), d["diukur"].as_i64()),
        (Some(9), Some(8))
    );
    assert_eq!(f(&d["partisipasi"]), 88.89);
    let means: Vec<f64> = d["dimensi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| f(&x["rerata"]))
        .collect();
    assert_eq!(means, vec![14.5, 28.13, 19.5, 3.38]);
    // Every person of the expected file, through the person API.
    let expected = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/paket/contoh-spec/expected-hasil.csv"
    ))
    .unwrap();
    let mut r = csv::Reader::from_reader(expected.as_bytes());
    let mut n = 0;
    for row in r.records() {
        let row = row.unwrap();
        let p = admin
            .json(&format!("/api/pegawai/{}?tahun=2024", &row[0]))
            .await;
        assert_eq!(
            f(&p["ip"]),
            row[9].parse::<f64>().unwrap(),
            "IP of {}",
            &row[0]
        );
        assert_eq!(p["kategori"], row[10], "category of {}", &row[0]);
        let dims: Vec<f64> = p["dimensi"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| f(&x["poin"]))
            .collect();
        let want: Vec<f64> = (5..9).map(|i| row[i].parse().unwrap()).collect();
        assert_eq!(dims, want, "dimensions of {}", &row[0]);
        // Each dimension explains itself.
        for x in p["dimensi"].as_array().unwrap() {
            assert!(
                !x["alasan"].as_array().unwrap().is_empty(),
                "no reason for {x}"
            );
            let gap = f(&x["maks"]) - f(&x["poin"]);
            let adds: f64 = x["kurang"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| f(&k["tambah"]))
                .sum();
            assert!(
                gap == 0.0 || adds > 0.0,
                "a missing {gap} points without a remedy: {x}"
            );
        }
        n += 1;
    }
    assert_eq!(n, 8);
    // U2 has 4 measured persons: suppressed under the default threshold of 5 …
    let u2 = admin.json("/api/unor/U2/dasbor?tahun=2024").await;
    assert_eq!(u2["disembunyikan"], true);
    assert!(u2["ip"].is_null() && u2["kategori_list"].as_array().unwrap().is_empty());
    // … and shown once the admin lowers it (a setting stored as data).
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url("/pengaturan"))
        .form(&[("_csrf", token.as_str()), ("kelompok_kecil", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let u2 = admin.json("/api/unor/U2/dasbor?tahun=2024").await;
    assert_eq!(f(&u2["ip"]), 71.38);
    assert_eq!(u2["kategori"], "Sedang");
    // The target is configurable per year.
    let r = admin
        .http
        .post(admin.url("/pengaturan"))
        .form(&[
            ("_csrf", token.as_str()),
            ("tahun", "2024"),
            ("target", "60"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let d = admin.json("/api/unor/K/dasbor?tahun=2024").await;
    assert_eq!(
        (f(&d["target"]), d["tercapai"].as_bool()),
        (60.0, Some(true))
    );
    let d = admin.json("/api/unor/K/dasbor?tahun=2023").await;
    assert_eq!(f(&d["target"]), 80.0, "other years keep the default");
}
on_both!(spec_examples_via_http, spec_examples);

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

/// Instansi → unit → sub-unit → pegawai list → a person, with sorting, filters and pages.
async fn drill_down(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("paket.xlsx", generated_xlsx()).await["impor"]["status"],
        "selesai"
    );
    let root = admin.json("/api/dasbor").await;
    let tahun = root["tahun"].as_i64().unwrap();
    assert_eq!(tahun, 2024);
    // Categories add up to the persons in the mean; dimension means add up to the mean IP.
    let cats: i64 = root["kategori_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["jumlah"].as_i64().unwrap())
        .sum();
    assert_eq!(cats, root["dalam_rerata"].as_i64().unwrap());
    let sum: f64 = root["dimensi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| f(&x["rerata"]))
        .sum();
    assert!(
        (sum - f(&root["ip"])).abs() <= 0.021,
        "{sum} vs {}",
        root["ip"]
    );
    assert_eq!(root["tren"].as_array().unwrap().len(), 4);
    // The biggest sub-unit, then its biggest sub-unit.
    let biggest = |d: &Value| {
        d["sub_unit"]
            .as_array()
            .unwrap()
            .iter()
            .max_by_key(|u| u["pegawai"].as_i64().unwrap())
            .unwrap()["unor_id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let unit = biggest(&root);
    let d = admin.json(&format!("/api/unor/{unit}/dasbor")).await;
    assert_eq!(d["jejak"][0]["unor_id"], root["unor"]["unor_id"]);
    let html = admin.text(&format!("/dasbor/{unit}")).await;
    assert!(html.contains("chart-kategori") && html.contains(d["unor"]["nama"].as_str().unwrap()));
    // The pegawai list of the unit's subtree: as many rows as measured persons.
    let list = admin.json(&format!("/api/unor/{unit}/pegawai")).await;
    assert_eq!(list["total"], d["diukur"]);
    let rows = list["baris"].as_array().unwrap();
    assert!(rows.len() <= 50 && !rows.is_empty());
    let ips: Vec<f64> = rows.iter().map(|r| f(&r["ip"])).collect();
    assert!(
        ips.windows(2).all(|w| w[0] <= w[1]),
        "lowest IP first by default"
    );
    // Sorted by name descending, second page.
    let p2 = admin
        .json(&format!(
            "/api/unor/{unit}/pegawai?urut=nama&arah=turun&hal=2"
        ))
        .await;
    let names: Vec<&str> = p2["baris"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["nama"].as_str().unwrap())
        .collect();
    assert!(names.windows(2).all(|w| w[0] >= w[1]), "{names:?}");
    // Filters: category, jenis jabatan, flag; the counts agree with the dashboard.
    for k in d["kategori_list"].as_array().unwrap() {
        let name = k["nama"].as_str().unwrap();
        let l = admin
            .json(&format!(
                "/api/unor/{unit}/pegawai?kategori={}",
                name.replace(' ', "%20")
            ))
            .await;
        assert_eq!(l["total"], k["jumlah"], "category {name}");
        assert!(
            l["baris"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["kategori"] == name)
        );
    }
    let l = admin
        .json(&format!("/api/unor/{unit}/pegawai?jenis=Fungsional"))
        .await;
    assert!(
        l["baris"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["jenis_jabatan"] == "Fungsional")
    );
    let bad = admin
        .get(&format!("/api/unor/{unit}/pegawai?kategori=Luar%20Biasa"))
        .await;
    assert_eq!(bad.status(), 400);
    // The whole instansi's list downloads in full (more rows than any page).
    let all = admin
        .text(&format!(
            "/unor/{}/pegawai.csv",
            root["unor"]["unor_id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(
        all.lines().count() as i64 - 1,
        root["diukur"].as_i64().unwrap()
    );
    assert!(root["diukur"].as_i64().unwrap() > 500);
    // The HTML list and its downloads.
    let html = admin
        .text(&format!("/unor/{unit}/pegawai?urut=ip&arah=turun"))
        .await;
    assert!(html.contains("id=\"tabel-pegawai\""));
    let csv = admin.text(&format!("/unor/{unit}/pegawai.csv")).await;
    assert_eq!(
        csv.lines().count() as i64 - 1,
        list["total"].as_i64().unwrap()
    );
    assert!(csv.starts_with("\u{feff}nip,nama,unor_id,jenis_jabatan,jenjang_jabatan,kualifikasi,kompetensi,kinerja,disiplin,ip,kategori,flags"));
    let xlsx = admin
        .get(&format!("/unor/{unit}/pegawai.xlsx"))
        .await
        .bytes()
        .await
        .unwrap();
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let range = calamine::Reader::worksheet_range_at(&mut wb, 0)
        .unwrap()
        .unwrap();
    // Two title rows (the unit; the year and the rule set), an empty row, the header, the rows.
    use calamine::Data;
    let unit_name = list["unor"]["nama"].as_str().unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String(format!("{unit_name} ({unit})")))
    );
    let aturan = list["aturan"].as_str().unwrap();
    assert!(aturan.starts_with("perban-8-2019@"), "{aturan}");
    assert_eq!(
        range.get_value((1, 0)),
        Some(&Data::String(format!(
            "Tahun {} · Aturan: {aturan}",
            list["tahun"]
        )))
    );
    assert_eq!(range.get_value((3, 0)), Some(&Data::String("nip".into())));
    assert_eq!(range.height() as i64 - 4, list["total"].as_i64().unwrap());
    // Numbers are number cells (a spreadsheet sums them), NIPs text with all 18 digits.
    let first = range.rows().nth(4).unwrap();
    assert!(
        matches!(&first[0], Data::String(n) if n.len() == 18),
        "{first:?}"
    );
    for c in 5..10 {
        assert!(matches!(first[c], Data::Float(_)), "{first:?}");
    }
    for t in ["kategori", "dimensi", "tren", "subunit"] {
        let r = admin.get(&format!("/unor/{unit}/tabel/{t}.csv")).await;
        assert_eq!(r.status(), 200, "{t}");
        let r = admin.get(&format!("/unor/{unit}/tabel/{t}.xlsx")).await;
        assert_eq!(r.status(), 200, "{t}");
    }
    // A person: dimensions add up to the IP, history over the four years, the view is audited.
    let nip = rows[0]["nip"].as_str().unwrap();
    let p = admin.json(&format!("/api/pegawai/{nip}")).await;
    let dims: f64 = p["dimensi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| f(&x["poin"]))
        .sum();
    assert_eq!(dims, f(&p["ip"]));
    assert_eq!(f(&p["ip"]), f(&rows[0]["ip"]));
    assert_eq!(p["riwayat"].as_array().unwrap().len(), 4);
    let html = admin.text(&format!("/pegawai/{nip}")).await;
    assert!(html.contains("dimensi-kualifikasi") && html.contains("chart-riwayat"));
    let audit = admin
        .json(&format!("/api/audit?aksi=lihat_pegawai&objek={nip}"))
        .await;
    assert_eq!(audit.as_array().unwrap().len(), 2, "each view is logged");
    assert_eq!(audit[0]["username"], "admin");
    // English.
    let en = admin.text(&format!("/pegawai/{nip}?lang=en")).await;
    assert!(en.contains("Qualification") && en.contains("IP ASN history"));
}
on_both!(drill_down_to_a_person, drill_down);

/// The map: the shipped province layer, then the finer kab/kota file of ../shared/data/peta;
/// a unit with a code that is on no layer is listed, not dropped.
async fn map(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let pkg = zip_dir(generated_dir(), |name, text| {
        if name == "unor.csv" {
            // One kecamatan moves to a code that exists on no map.
            text.replacen("32.75.01,", "99.99.01,", 1)
                .replacen("32.75.01\n", "99.99.01\n", 1)
        } else {
            text
        }
    });
    assert_eq!(
        admin.import("paket.zip", pkg).await["impor"]["status"],
        "selesai"
    );
    let p = admin.json("/api/peta").await;
    assert_eq!(p["lapisan"], "provinsi");
    let w = p["wilayah"].as_array().unwrap();
    assert_eq!(w.len(), 1, "{p}");
    assert_eq!(w[0]["kode"], "32");
    assert_eq!(w[0]["nama"], "Jawa Barat");
    let unknown = p["tak_dikenal"].as_array().unwrap();
    assert!(
        unknown
            .iter()
            .any(|u| u["kode_wilayah"].as_str().unwrap().starts_with("99.99")),
        "{p}"
    );
    // Persons on the map plus the unknown ones are everyone.
    let total: i64 = w
        .iter()
        .chain(unknown)
        .map(|x| x["pegawai"].as_i64().unwrap())
        .sum();
    assert_eq!(
        total,
        admin.json("/api/dasbor").await["pegawai"].as_i64().unwrap()
    );
    // The finer layer, uploaded by the admin.
    let geo = common::kabkota_geojson();
    let token = admin.csrf().await;
    let form = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(geo).file_name("kabkota.geojson"),
    );
    let r = admin
        .http
        .post(admin.url("/peta/batas"))
        .header("X-CSRF-Token", token.clone())
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let p = admin.json("/api/peta?lapisan=rinci").await;
    assert_eq!(p["wilayah"][0]["kode"], "32.75");
    assert_eq!(p["wilayah"][0]["nama"], "Kota Bekasi");
    assert!(p["wilayah"][0]["ip"].as_f64().is_some());
    assert_eq!(admin.status("/peta/lapisan/rinci.geojson").await, 200);
    assert_eq!(admin.status("/peta/lapisan/provinsi.geojson").await, 200);
    // Click-through: the region's units.
    let p = admin.json("/api/peta?lapisan=rinci&kode=32.75").await;
    assert!(p["unit_wilayah"].as_array().unwrap().len() > 10);
    let html = admin.text("/peta?lapisan=rinci&kode=32.75").await;
    assert!(
        html.contains("chart-peta")
            && html.contains("unit-wilayah")
            && html.contains("tabel-tak-dikenal")
    );
    // A file without region codes is refused with the reason.
    let form = reqwest::multipart::Form::new().part("berkas", reqwest::multipart::Part::bytes(br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":null}]}"#.to_vec()).file_name("x.geojson"));
    let r = admin
        .http
        .post(admin.url("/peta/batas"))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("kode"));
}
on_both!(regional_map, map);

/// Every route × role: who gets what.
async fn roles(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("paket.xlsx", generated_xlsx()).await["impor"]["status"],
        "selesai"
    );
    let root = admin.json("/api/dasbor").await;
    let root_id = root["unor"]["unor_id"].as_str().unwrap().to_string();
    let units: Vec<String> = root["sub_unit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["diukur"].as_i64().unwrap() > 0)
        .map(|u| u["unor_id"].as_str().unwrap().to_string())
        .collect();
    let (a, b) = (units[0].clone(), units[1].clone());
    let nip_in = |u: String| {
        let admin = &admin;
        async move {
            admin.json(&format!("/api/unor/{u}/pegawai")).await["baris"][0]["nip"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let (nip_a, nip_b) = (nip_in(a.clone()).await, nip_in(b.clone()).await);
    let analis = s.login_as("analis", Peran::Analis, Some(&a), None).await;
    let pimpinan = s
        .login_as("pimpinan", Peran::Pimpinan, Some(&a), None)
        .await;
    let asesor = s.login_as("asesor", Peran::Asesor, None, None).await;
    let pegawai = s
        .login_as("pegawai", Peran::Pegawai, None, Some(&nip_a))
        .await;
    let anon = s.client();
    let clients: [(&str, &Client); 6] = [
        ("admin", &admin),
        ("analis", &analis),
        ("pimpinan", &pimpinan),
        ("asesor", &asesor),
        ("pegawai", &pegawai),
        ("anonim", &anon),
    ];
    // Expected status per role, in the order above; 303 = sent to the login form.
    let table: Vec<(String, [u16; 6])> = vec![
        ("/dasbor".into(), [200, 200, 200, 403, 403, 303]),
        (format!("/dasbor/{root_id}"), [200, 403, 403, 403, 403, 303]),
        (format!("/dasbor/{a}"), [200, 200, 200, 403, 403, 303]),
        (format!("/dasbor/{b}"), [200, 403, 403, 403, 403, 303]),
        (format!("/unor/{a}/pegawai"), [200, 200, 200, 403, 403, 303]),
        (format!("/unor/{b}/pegawai"), [200, 403, 403, 403, 403, 303]),
        (
            format!("/unor/{b}/pegawai.csv"),
            [200, 403, 403, 403, 403, 303],
        ),
        (
            format!("/unor/{b}/tabel/kategori.csv"),
            [200, 403, 403, 403, 403, 303],
        ),
        (format!("/unor/{a}/talenta"), [200, 200, 200, 403, 403, 303]),
        (format!("/unor/{b}/talenta"), [200, 403, 403, 403, 403, 303]),
        (
            format!("/unor/{b}/peringkat.csv"),
            [200, 403, 403, 403, 403, 303],
        ),
        (
            format!("/api/unor/{b}/talenta"),
            [200, 403, 403, 403, 403, 401],
        ),
        (format!("/pegawai/{nip_a}"), [200, 200, 200, 403, 200, 303]),
        (format!("/pegawai/{nip_b}"), [200, 403, 403, 403, 403, 303]),
        (
            "/pegawai/199001012020011999".into(),
            [404, 403, 403, 403, 403, 303],
        ),
        ("/peta".into(), [200, 200, 200, 403, 403, 303]),
        ("/impor".into(), [200, 403, 403, 403, 403, 303]),
        ("/impor/1".into(), [200, 403, 403, 403, 403, 303]),
        ("/audit".into(), [200, 403, 403, 403, 403, 303]),
        ("/akun".into(), [200, 403, 403, 403, 403, 303]),
        ("/asesmen/kamus".into(), [200, 200, 200, 200, 200, 303]),
        ("/asesmen/kamus.csv".into(), [200, 200, 200, 200, 200, 303]),
        ("/api/dasbor".into(), [200, 200, 200, 403, 403, 401]),
        (
            format!("/api/unor/{b}/dasbor"),
            [200, 403, 403, 403, 403, 401],
        ),
        (
            format!("/api/unor/{b}/pegawai"),
            [200, 403, 403, 403, 403, 401],
        ),
        (
            format!("/api/pegawai/{nip_a}"),
            [200, 200, 200, 403, 200, 401],
        ),
        (
            format!("/api/pegawai/{nip_b}"),
            [200, 403, 403, 403, 403, 401],
        ),
        ("/api/peta".into(), [200, 200, 200, 403, 403, 401]),
        ("/api/tahun".into(), [200, 200, 200, 403, 403, 401]),
        ("/api/impor".into(), [200, 403, 403, 403, 403, 401]),
        ("/api/impor/1".into(), [200, 403, 403, 403, 403, 401]),
        ("/api/audit".into(), [200, 403, 403, 403, 403, 401]),
        ("/api/saya".into(), [200, 200, 200, 200, 200, 401]),
        ("/api/openapi.json".into(), [200, 200, 200, 200, 200, 200]),
        ("/masuk".into(), [200, 200, 200, 200, 200, 200]),
    ];
    let mut wrong = vec![];
    for (path, want) in &table {
        for (i, (role, c)) in clients.iter().enumerate() {
            let got = c.status(path).await;
            if got != want[i] {
                wrong.push(format!("{role} GET {path}: {got}, expected {}", want[i]));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The home page sends each role to its place.
    assert_eq!(
        pegawai.get("/").await.headers()["location"],
        format!("/pegawai/{nip_a}")
    );
    assert_eq!(admin.get("/").await.headers()["location"], "/dasbor");
    assert_eq!(
        asesor.get("/").await.headers()["location"],
        "/asesmen/acara"
    );
    // The analis starts on their own unit.
    assert_eq!(
        analis.json("/api/dasbor").await["unor"]["unor_id"],
        a.as_str()
    );
    // A refused look at someone's page is audited too.
    let audit = admin
        .json(&format!(
            "/api/audit?aksi=lihat_pegawai_ditolak&objek={nip_b}"
        ))
        .await;
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["username"] == "pegawai")
    );
    // POST routes: only admins (and an unscoped analis for imports).
    let token = pegawai.csrf().await;
    let r = pegawai
        .http
        .post(pegawai.url("/akun"))
        .form(&[
            ("_csrf", token.as_str()),
            ("username", "x"),
            ("nama", "x"),
            ("password", "0123456789ab"),
            ("peran", "admin"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let token = analis.csrf().await;
    let form = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(generated_xlsx()).file_name("p.xlsx"),
    );
    let r = analis
        .http
        .post(analis.url("/api/impor"))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        403,
        "a scoped analis cannot replace the instansi's data"
    );
}
on_both!(route_role_table, roles);

/// CSRF, login throttling, sessions and the audit of logins.
async fn guards(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let form = |t: &str| {
        vec![
            ("_csrf", t.to_string()),
            ("username", "baru".to_string()),
            ("nama", "Baru".to_string()),
            ("password", "0123456789ab".to_string()),
            ("peran", "analis".to_string()),
        ]
    };
    // No token, a wrong token, a foreign origin: refused, and nothing is created.
    let r = admin
        .http
        .post(admin.url("/akun"))
        .form(&form("")[1..])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = admin
        .http
        .post(admin.url("/akun"))
        .form(&form("salah"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url("/akun"))
        .header("Origin", "http://penyerang.example")
        .form(&form(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // (A small body: a server that refuses early may close the connection before a large one is sent.)
    let form_multi = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(contoh_spec()).file_name("p.zip"),
    );
    let r = admin
        .http
        .post(admin.url("/api/impor"))
        .multipart(form_multi)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "an upload without the header");
    assert!(
        admin
            .json("/api/impor")
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(!admin.text("/akun").await.contains(">baru<"));
    // With the token: created.
    let r = admin
        .http
        .post(admin.url("/akun"))
        .form(&form(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(admin.text("/akun").await.contains(">baru<"));
    // The login form needs its own token.
    let c = s.client();
    let r = c
        .http
        .post(c.url("/masuk"))
        .form(&[("username", "baru"), ("password", "0123456789ab")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(c.login("baru", "0123456789ab").await, 303);
    // Five wrong passwords lock the account for a while, even with the right one after.
    let pw = s.account("korban", Peran::Analis, None, None).await;
    let c = s.client();
    for _ in 0..5 {
        assert_eq!(c.login("korban", "salah-salah").await, 401);
    }
    assert_eq!(c.login("korban", &pw).await, 429);
    // Another account is not affected (limits are per account, not per address).
    assert_eq!(s.client().login("baru", "0123456789ab").await, 303);
    let audit = admin.json("/api/audit?username=korban").await;
    let acts: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["aksi"].as_str().unwrap())
        .collect();
    assert_eq!(acts.iter().filter(|a| **a == "masuk_gagal").count(), 5);
    assert!(acts.contains(&"masuk_terkunci"));
    assert_eq!(
        c.status("/api/saya").await,
        401,
        "the locked client never got a session"
    );
}
on_both!(csrf_and_login_throttling, guards);

/// Logging out ends the session in the database.
async fn logout(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url("/keluar"))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(admin.status("/api/saya").await, 401);
    assert_eq!(admin.status("/dasbor").await, 303);
}
on_both!(session_ends_on_logout, logout);

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
        if *method == "get" {
            let concrete = path
                .replace("{unor}", "K")
                .replace("{nip}", "198001012005011001")
                .replace("{id}", "1");
            assert_eq!(admin.status(&concrete).await, 200, "{concrete}");
        }
    }
}
on_both!(openapi_document, openapi);

/// Competency assessment results from a provider: the spec's JPM example, bands and gaps;
/// validity; a bad file refused with its rows named; pimpinan see the JPM, not the levels.
async fn assessment_results(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let upload = |name: &'static str, body: String| admin.upload_asesmen(name, body.into_bytes());
    // Contoh B is an Administrator (standard 3 on all nine): the spec's example.
    let b = "198102022006021002";
    let levels = ["3", "3", "2", "3", "3", "2", "3", "2", "3"];
    let codes = [
        "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
    ];
    let mut csv = String::from("nip,kompetensi,level,tanggal,sumber\n");
    for (c, l) in codes.iter().zip(levels) {
        csv.push_str(&format!(
            "{b},{c},{l},2025-03-10,UPT Penilaian Kompetensi\n"
        ));
    }
    // Contoh A, assessed in 2020: the result has expired.
    csv.push_str("198001012005011001,M.01,2,2020-01-15,\n");
    let j = upload("asesmen.csv", csv.clone()).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    assert_eq!(j["impor"]["perubahan"]["asesmen"]["baris"], 10);
    let p = admin.json(&format!("/api/pegawai/{b}")).await;
    let a = &p["asesmen"];
    assert_eq!(f(&a["jpm"]), 88.89);
    assert_eq!(a["pita_pemetaan"], "Cukup Optimal");
    assert_eq!(a["pita_seleksi"], "Memenuhi Syarat");
    assert_eq!(a["berlaku"], true);
    let gaps: Vec<&str> = a["butir"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| f(&x["gap"]) < 0.0)
        .map(|x| x["kode"].as_str().unwrap())
        .collect();
    assert_eq!(gaps, vec!["M.03", "M.06", "M.08"]);
    let html = admin.text(&format!("/pegawai/{b}")).await;
    assert!(html.contains("id=\"tabel-asesmen\"") && html.contains("Pengambilan Keputusan"));
    let old = admin.json("/api/pegawai/198001012005011001").await;
    assert_eq!(old["asesmen"]["berlaku"], false);
    assert_eq!(old["asesmen"]["berlaku_sampai"], "2023-01-15");
    // The same file again changes nothing.
    assert_eq!(
        upload("asesmen.csv", csv).await["impor"]["status"],
        "selesai"
    );
    assert_eq!(
        admin.json(&format!("/api/pegawai/{b}")).await["asesmen"],
        p["asesmen"]
    );
    // A bad file: an unknown NIP, a level between steps, an unknown code, a duplicate; nothing stored.
    let bad = format!(
        "nip,kompetensi,level,tanggal\n199901012020011999,M.01,3,2025-01-01\n{b},M.01,3.25,2025-06-01\n{b},X.9,3,2025-06-01\n{b},M.02,4,2025-06-01\n{b},M.02,4,2025-06-01\n"
    );
    let j = upload("rusak.csv", bad).await;
    assert_eq!(j["impor"]["status"], "ditolak");
    let m: Vec<(u64, &str)> = j["masalah"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["baris"].as_u64().unwrap(), m["kolom"].as_str().unwrap()))
        .collect();
    assert_eq!(
        m,
        vec![
            (2, "nip"),
            (3, "level"),
            (4, "kompetensi"),
            (6, "kompetensi")
        ]
    );
    assert_eq!(
        admin.json(&format!("/api/pegawai/{b}")).await["asesmen"]["tanggal"],
        "2025-03-10",
        "nothing stored"
    );
    // Position standards (SKJ) override the jenjang default: Kepala Bidang needs only 2 on M.03,
    // so B's JPM becomes 24 / 26. A standard outside 1–5 is refused and changes nothing.
    let defaults = admin.text("/asesmen/standar.csv").await;
    assert!(
        defaults.contains("Administrator,M.01,3") && defaults.contains("JPT Pratama,SK.01,4"),
        "{defaults}"
    );
    assert_eq!(
        upload(
            "skj.csv",
            "jabatan,kompetensi,level\nKepala Bidang,M.03,6\n".into()
        )
        .await["impor"]["status"],
        "ditolak"
    );
    assert_eq!(
        f(&admin.json(&format!("/api/pegawai/{b}")).await["asesmen"]["jpm"]),
        88.89
    );
    assert_eq!(
        upload(
            "skj.csv",
            "jabatan,kompetensi,level\n  kepala  bidang ,M.03,2\n".into()
        )
        .await["impor"]["status"],
        "selesai"
    );
    let a = admin.json(&format!("/api/pegawai/{b}")).await["asesmen"].clone();
    assert_eq!(
        (f(&a["jpm"]), a["pita_pemetaan"].as_str()),
        (92.31, Some("Optimal"))
    );
    assert!(
        admin
            .text("/asesmen/standar.csv")
            .await
            .contains("kepala bidang,M.03,2")
    );
    // Edited in the app: M.06 also at 2 (23 + … → 24 / 25 = 96), then removed again.
    let token = admin.csrf().await;
    let edit = |level: &'static str| {
        let (admin, token) = (&admin, token.clone());
        async move {
            admin
                .http
                .post(admin.url("/asesmen/standar"))
                .form(&[
                    ("_csrf", token.as_str()),
                    ("jabatan", "Kepala Bidang"),
                    ("kompetensi", "m.06"),
                    ("level", level),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(edit("2").await, 200);
    assert_eq!(
        f(&admin.json(&format!("/api/pegawai/{b}")).await["asesmen"]["jpm"]),
        96.0
    );
    assert_eq!(edit("9").await, 400);
    assert_eq!(edit("").await, 200);
    assert_eq!(
        f(&admin.json(&format!("/api/pegawai/{b}")).await["asesmen"]["jpm"]),
        92.31
    );
    let m03 = a["butir"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["kode"] == "M.03")
        .unwrap()
        .clone();
    assert_eq!((f(&m03["standar"]), f(&m03["gap"])), (2.0, 0.0));
    // Pimpinan see the JPM's bands, not the JPM or the levels (issue 10: the same on every page
    // and download); the person sees their own levels.
    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    let pp = pimpinan.json(&format!("/api/pegawai/{b}")).await;
    assert!(pp["asesmen"]["jpm"].is_null() && pp["asesmen"]["pita_pemetaan"].is_string());
    assert!(pp["asesmen"]["butir"].is_null());
    let own = s.login_as("b", Peran::Pegawai, None, Some(b)).await;
    assert_eq!(
        own.json(&format!("/api/pegawai/{b}")).await["asesmen"]["butir"]
            .as_array()
            .unwrap()
            .len(),
        9
    );
    // XLSX from a provider: numeric level cells, a DD-MM-YYYY date, another person (Contoh C).
    use ipasn_data::tabel::tulis::{self, Sel};
    let wb = tulis::Tabel::new(
        ["nip", "kompetensi", "level", "tanggal"]
            .map(String::from)
            .to_vec(),
        vec![vec![
            "198203032007031003".into(),
            "M.01".into(),
            Sel::Angka(1.5),
            "10-03-2025".into(),
        ]],
    );
    let token = admin.csrf().await;
    let form = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(wb.xlsx(None).unwrap()).file_name("hasil.xlsx"),
    );
    let r = admin
        .http
        .post(admin.url("/api/asesmen/impor"))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "selesai");
    let c = admin.json("/api/pegawai/198203032007031003").await;
    assert_eq!(
        (
            c["asesmen"]["tanggal"].as_str(),
            f(&c["asesmen"]["butir"][0]["level"])
        ),
        (Some("2025-03-10"), 1.5)
    );
    // Only importers may upload results.
    let token = pimpinan.csrf().await;
    let form = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(b"nip\n".to_vec()).file_name("x.csv"),
    );
    let r = pimpinan
        .http
        .post(pimpinan.url("/api/asesmen/impor"))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}
on_both!(assessment_results_and_jpm, assessment_results);

/// The nine-box from stored results: the right people in the right boxes, a calibration kept
/// with who and why, the talent pool, ranking within jenjang groups, pimpinan without scores.
async fn nine_box(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let upload = |name: &'static str, body: String| {
        let admin = &admin;
        async move {
            admin.upload_asesmen(name, body.into_bytes()).await["impor"]["status"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let (d, f_, g, a) = (
        "198304042008041004",
        "198606062010062006",
        "199007072015072007",
        "198001012005011001",
    );
    let mut csv = String::from("nip,kompetensi,level,tanggal\n");
    for nip in [d, f_, g, a] {
        for c in [
            "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
        ] {
            let level = if nip == a { 2 } else { 1 };
            csv.push_str(&format!("{nip},{c},{level},2025-02-01\n"));
        }
    }
    assert_eq!(upload("kompetensi.csv", csv).await, "selesai");
    // Potential test scores (a bad score is refused first).
    assert_eq!(
        upload(
            "potensi.csv",
            format!("nip,skor,tanggal\n{f_},101,2025-02-02\n")
        )
        .await,
        "ditolak"
    );
    assert_eq!(
        upload(
            "potensi.csv",
            format!("nip,skor,tanggal\n{f_},95,2025-02-02\n{g},70,2025-02-02\n")
        )
        .await,
        "selesai"
    );
    let t = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let person = |nip: &str| {
        t["orang"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["nip"] == nip)
            .unwrap()
            .clone()
    };
    // F: JPM 100, test 95 → potential 98 (tinggi), Sangat Baik (di atas) → box 9.
    let pf = person(f_);
    assert_eq!(
        (
            f(&pf["jpm"]),
            f(&pf["potensi"]),
            pf["kategori_potensi"].as_str(),
            pf["kinerja"].as_str(),
            pf["kotak"].as_u64()
        ),
        (100.0, 98.0, Some("tinggi"), Some("di atas"), Some(9))
    );
    // G: JPM 100, test 70 → 88 (menengah), di atas → box 7.
    let pg = person(g);
    assert_eq!((f(&pg["potensi"]), pg["kotak"].as_u64()), (88.0, Some(7)));
    // D: JPM 100 and no test → potential 100 (tinggi), Butuh Perbaikan (di bawah) → box 6.
    assert_eq!(person(d)["kotak"].as_u64(), Some(6));
    // A: assessed, but the 2024 SKP is a number without a predikat → no box, with the reason.
    let pa = person(a);
    assert!(
        pa["kotak"].is_null() && pa["tanpa_kotak"].as_str().unwrap().contains("predikat"),
        "{pa}"
    );
    // H (numeric SKP too) assessed in 2019: expired, said so.
    assert_eq!(
        upload(
            "lama.csv",
            "nip,kompetensi,level,tanggal\n198808082012081008,M.01,3,2019-01-10\n".into()
        )
        .await,
        "selesai"
    );
    let t2 = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let ph = t2["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == "198808082012081008")
        .unwrap()
        .clone();
    assert!(
        ph["jpm"].is_null() && ph["tanpa_kotak"].as_str().unwrap().contains("kedaluwarsa"),
        "{ph}"
    );
    let count = |t: &Value, n: u64| {
        t["grid"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r.as_array().unwrap())
            .find(|k| k["nomor"] == n)
            .unwrap()["jumlah"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        (count(&t, 9), count(&t, 7), count(&t, 6), count(&t, 3)),
        (1, 1, 1, 0)
    );
    // Ranking within jenjang: F leads the Pelaksana and is on the fast track.
    assert_eq!(
        (
            pf["jenjang_jabatan"].as_str(),
            pf["peringkat"].as_u64(),
            pf["jalur_cepat"].as_bool()
        ),
        (Some("Pelaksana"), Some(1), Some(true))
    );
    // Calibration: D moves from 6 to 3, with the reason; the rules' box is kept beside it.
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url("/unor/K/talenta/kalibrasi"))
        .form(&[
            ("_csrf", token.as_str()),
            ("tahun", "2024"),
            ("nip", d),
            ("ke", "3"),
            ("alasan", "hasil panel kalibrasi 12 Maret"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let t = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let pd = t["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == d)
        .unwrap()
        .clone();
    assert_eq!(
        (
            pd["kotak"].as_u64(),
            pd["kotak_aturan"].as_u64(),
            pd["kalibrasi"][1].as_str()
        ),
        (Some(3), Some(6), Some("admin"))
    );
    assert_eq!((count(&t, 6), count(&t, 3)), (0, 1));
    let audit = admin
        .json(&format!("/api/audit?aksi=kalibrasi&objek={d}"))
        .await;
    assert!(
        audit[0]["rincian"].as_str().unwrap().contains("\"dari\":6"),
        "{audit}"
    );
    // A reason is required.
    let r = admin
        .http
        .post(admin.url("/unor/K/talenta/kalibrasi"))
        .form(&[
            ("_csrf", token.as_str()),
            ("tahun", "2024"),
            ("nip", d),
            ("ke", "5"),
            ("alasan", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // The page: box 9 lists F; the talent-pool boxes are marked.
    let html = admin.text("/unor/K/talenta?tahun=2024&kotak=9").await;
    assert!(html.contains(f_) && !html.contains(&format!("data-nip=\"{g}\"")));
    let csv = admin.text("/unor/K/peringkat.csv?tahun=2024").await;
    assert!(
        csv.lines().any(|l| l.contains(f_) && l.ends_with(",ya")),
        "{csv}"
    );
    // Pimpinan see boxes and the pool, not the scores; a pegawai sees none of it.
    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    let pt = pimpinan.json("/api/unor/K/talenta?tahun=2024").await;
    let pp = pt["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == f_)
        .unwrap()
        .clone();
    assert_eq!(pp["kotak"].as_u64(), Some(9));
    assert!(pp["jpm"].is_null() && pp["potensi"].is_null() && pp["tes_potensi"].is_null());
    let r = pimpinan
        .http
        .post(pimpinan.url("/unor/K/talenta/kalibrasi"))
        .form(&[
            ("_csrf", pimpinan.csrf().await.as_str()),
            ("tahun", "2024"),
            ("nip", d),
            ("ke", "5"),
            ("alasan", "tidak berwenang sama sekali"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let audit = admin.json("/api/audit?aksi=lihat_talenta").await;
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["username"] == "pimpinan")
    );
    // The instansi's own rules: potential from the test alone puts G (test 70) in "rendah" → box 4.
    let text = admin.text("/asesmen/aturan.toml").await;
    let mine = text.replace(
        "bobot = { jpm = 0.6, tes_potensi = 0.4, rekam_jejak = 0.0 }",
        "bobot = { jpm = 0.0, tes_potensi = 1.0, rekam_jejak = 0.0 }",
    );
    assert_ne!(mine, text);
    let send = |body: String| {
        let admin = &admin;
        async move {
            let token = admin.csrf().await;
            let form = reqwest::multipart::Form::new().part(
                "berkas",
                reqwest::multipart::Part::bytes(body.into_bytes()).file_name("asesmen.toml"),
            );
            admin
                .http
                .post(admin.url("/asesmen/aturan"))
                .header("X-CSRF-Token", token)
                .multipart(form)
                .send()
                .await
                .unwrap()
        }
    };
    let bad = send(mine.replace(
        "kotak = [[1, 2, 4], [3, 5, 7], [6, 8, 9]]",
        "kotak = [[1, 2, 4], [3, 5, 7], [6, 8, 8]]",
    ))
    .await;
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("exactly once"));
    assert_eq!(send(mine).await.status(), 200);
    let t = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let pg = t["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == g)
        .unwrap()
        .clone();
    assert_eq!(
        (
            f(&pg["potensi"]),
            pg["kategori_potensi"].as_str(),
            pg["kotak"].as_u64()
        ),
        (70.0, Some("rendah"), Some(4))
    );
    assert_eq!(
        admin
            .json("/api/audit?aksi=aturan_asesmen")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Track record: half test, half track record; G's record of 90 lifts 70 to 80 (menengah → box 7).
    let both = text.replace(
        "bobot = { jpm = 0.6, tes_potensi = 0.4, rekam_jejak = 0.0 }",
        "bobot = { jpm = 0.0, tes_potensi = 0.5, rekam_jejak = 0.5 }",
    );
    assert_eq!(send(both).await.status(), 200);
    assert_eq!(
        upload(
            "potensi.csv",
            format!("nip,skor,rekam_jejak,tanggal\n{g},70,90,2025-02-02\n")
        )
        .await,
        "selesai"
    );
    let t = admin.json("/api/unor/K/talenta?tahun=2024").await;
    let pg = t["orang"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["nip"] == g)
        .unwrap()
        .clone();
    assert_eq!((f(&pg["potensi"]), pg["kotak"].as_u64()), (80.0, Some(7)));
    // A pimpinan granted the detail sees the scores.
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
    let t = p2.json("/api/unor/K/talenta?tahun=2024").await;
    assert!(
        t["orang"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["nip"] == g && o["potensi"].as_f64() == Some(80.0))
    );
}
on_both!(nine_box_and_talent_pool, nine_box);

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
            let token = common::csrf_field(&page);
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
    assert!(
        admin
            .text(&format!("/asesmen/acara/{id}/irr"))
            .await
            .contains("alpha_ordinal")
    );
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
