//! Drill-down from the instansi to a unit and a person, the person's page and its downloads.

use crate::helpers::*;

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
    // The history chart's target per year and the rule set's category bands behind it.
    assert_eq!(f(&p["riwayat"][0]["target"]), 80.0);
    let pita: Vec<(String, f64)> = p["pita"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["nama"].as_str().unwrap().to_string(), f(&b["dari"])))
        .collect();
    assert_eq!(pita.len(), 5, "{pita:?}");
    assert!(
        pita.iter().any(|b| b.0 == "Sangat Rendah" && b.1 == 0.0),
        "{pita:?}"
    );
    assert!(
        pita.iter().any(|b| b.0 == "Sangat Tinggi" && b.1 > 80.0),
        "{pita:?}"
    );
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
