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
    // Numbered pages: the first, the last, the current one and its neighbours.
    let root_id = root["unor"]["unor_id"].as_str().unwrap();
    let last = (root["diukur"].as_i64().unwrap() + 49) / 50;
    let html = admin.text(&format!("/unor/{root_id}/pegawai?hal=5")).await;
    assert!(
        html.contains("<strong aria-current=\"page\">5</strong>"),
        "{html}"
    );
    for n in [1, 3, 4, 6, 7, last] {
        assert!(html.contains(&format!("&hal={n}\">{n}</a>")), "page {n}");
    }
    assert!(!html.contains(&format!("&hal=8\">8</a>")) && html.contains("<span>…</span>"));
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

/// The list an analyst works with, on the spec's package: each person's unit and position,
/// flags by short name in both languages, the persons not measured with the reason, an empty
/// state with a way back; the sub-units ranked and searchable.
async fn working_list(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("contoh-spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let l = admin.json("/api/unor/K/pegawai?tahun=2024").await;
    assert_eq!(l["total"], 8);
    let a = l["baris"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["nip"] == "198001012005011001")
        .unwrap();
    assert_eq!(a["nama_unor"], "Bidang Contoh");
    assert_eq!(a["nama_jabatan"], "Analis Kebijakan Ahli Muda");
    let html = admin.text("/unor/K/pegawai?tahun=2024").await;
    assert!(html.contains("Bidang Contoh") && html.contains("Pranata Komputer Ahli Pertama"));
    // Contoh E has no SKP for 2024: the flag by its short name, the sentence as its title.
    assert!(html.contains(">SKP belum tercatat</span>"), "{html}");
    assert!(html.contains("title=\"SKP tahun pengukuran belum tercatat\""));
    let en = admin.text("/unor/K/pegawai?tahun=2024&lang=en").await;
    assert!(en.contains(">No SKP on record</span>") && !en.contains("SKP belum tercatat"));
    // The download carries the unit and the position too.
    let csv = admin.text("/unor/K/pegawai.csv?tahun=2024").await;
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",flags,nama_unor,nama_jabatan")
    );
    assert!(csv.contains(",Bidang Contoh,Analis Kebijakan Ahli Muda"));
    // Not measured: the CPNS, with the reason (the rule set measures PNS only).
    let t = admin
        .json("/api/unor/K/pegawai?tahun=2024&diukur=tidak")
        .await;
    assert_eq!(t["total"], 1);
    let row = &t["tidak_diukur"]["baris"][0];
    assert_eq!(row["nip"], "199909092024011009");
    assert_eq!(row["status"], "CPNS");
    assert_eq!(row["nama_unor"], "Pemerintah Kota Contoh");
    assert_eq!(
        row["alasan"],
        "Status CPNS tidak diukur: aturan tahun ini hanya mengukur PNS."
    );
    assert_eq!(
        t["tidak_diukur"]["per_status"],
        serde_json::json!([["CPNS", 1]])
    );
    let html = admin.text("/unor/K/pegawai?tahun=2024&diukur=tidak").await;
    assert!(html.contains("id=\"tabel-tidak-diukur\"") && html.contains("Contoh CPNS"));
    let en = admin
        .json("/api/unor/K/pegawai?tahun=2024&diukur=tidak&lang=en")
        .await;
    assert_eq!(
        en["tidak_diukur"]["baris"][0]["alasan"],
        "Status CPNS is not measured: this year's rule set measures PNS only."
    );
    // No PPPK here: an empty state with the way back.
    let html = admin
        .text("/unor/K/pegawai?tahun=2024&diukur=tidak&status=PPPK")
        .await;
    assert!(html.contains("id=\"kosong\"") && !html.contains("tabel-tidak-diukur"));
    assert!(html.contains("href=\"?tahun=2024&diukur=tidak\""), "{html}");
    // Everyone of U1 is measured.
    let html = admin.text("/unor/U1/pegawai?tahun=2024&diukur=tidak").await;
    assert!(html.contains("Semua pegawai unit ini diukur"));
    // A search that finds no one: the empty state and the reset link.
    let html = admin.text("/unor/K/pegawai?tahun=2024&cari=zzz").await;
    assert!(html.contains("id=\"kosong\"") && html.contains("href=\"?tahun=2024\""));
    assert!(!html.contains("id=\"tabel-pegawai\""));
    // Sub-units: ranked, and found by name.
    let token = admin.csrf().await;
    let r = admin
        .http
        .post(admin.url("/pengaturan"))
        .form(&[("_csrf", token.as_str()), ("kelompok_kecil", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let d = admin.json("/api/unor/U1/dasbor?tahun=2024").await;
    assert_eq!(d["sub_unit"][0]["unor_id"], "U2");
    assert_eq!(d["sub_unit"][0]["peringkat"], 1);
    let html = admin.text("/dasbor/K?tahun=2024&cari=dinas").await;
    assert!(html.contains("id=\"tabel-subunit\"") && html.contains("Dinas Contoh"));
    let html = admin.text("/dasbor/K?tahun=2024&cari=sekolah").await;
    assert!(!html.contains("id=\"tabel-subunit\"") && html.contains("Tidak ada sub-unit"));
}
on_both!(the_list_an_analyst_works_with, working_list);

/// A person's page on the spec's package with one more year of SKP for Contoh B: each record
/// as itself with its sheet and row, what is missing said once, the index with all of it, the
/// change from the year before with its reasons, and the JPM as a percentage with its bands
/// and the sign of each gap explained.
async fn person_page(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    // 2023: SKP 70 (> 60 → 15); no teknis and no seminar in the windows ending 2023-12-31
    // (kompetensi: PIM III 15); the 2022 punishment (sedang, 2); kualifikasi S-1 15 → IP 47.
    let zip = zip_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/paket/contoh-spec"),
        |name, t| {
            if name == "skp.csv" {
                format!("{t}198102022006021002,2023,70,\n")
            } else {
                t
            }
        },
    );
    assert_eq!(
        admin.import("b.zip", zip).await["impor"]["status"],
        "selesai"
    );
    let p = admin.json(&format!("/api/pegawai/{B}?tahun=2024")).await;
    assert_eq!(f(&p["ip"]), 67.0);
    // S-2 +5, teknis +15, Sangat Baik +5, the punishment out of the window +3: 95.
    assert_eq!(f(&p["ip_lengkap"]), 95.0);
    assert_eq!(p["kategori_lengkap"], "Sangat Tinggi");
    let used = |d: usize| p["dimensi"][d]["dipakai"].as_array().unwrap().clone();
    assert_eq!(used(0)[0]["teks"], "S-1 Sarjana Ekonomi, lulus 2004");
    assert_eq!(used(0)[0]["sumber"], "pendidikan:4");
    assert_eq!(used(2)[0]["teks"], "SKP 2024, nilai 80");
    assert!(
        used(1).iter().any(|r| r["teks"]
            == "Workshop: Workshop Reformasi Birokrasi, 8 JP, 1 Feb 2024"
            && r["sumber"] == "diklat:7"),
        "{:?}",
        used(1)
    );
    let c = &p["perubahan"];
    assert_eq!(c["tahun_lalu"], 2023);
    assert_eq!((f(&c["ip_lalu"]), f(&c["selisih"])), (47.0, 20.0));
    let changed: Vec<(&str, f64)> = c["dimensi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["kode"].as_str().unwrap(), f(&x["selisih"])))
        .collect();
    assert_eq!(changed, vec![("kompetensi", 10.0), ("kinerja", 10.0)]);
    let html = admin.text(&format!("/pegawai/{B}?tahun=2024")).await;
    assert!(html.contains("S-1 Sarjana Ekonomi, lulus 2004 <span class=\"kecil sumber\""));
    assert!(html.contains("Dengan semua ini: <strong>IP 95 (Sangat Tinggi)</strong>"));
    assert!(html.contains("Dibanding 2023: IP 47 → 67"));
    assert!(
        html.contains("8 JP lagi memberi +15</li>"),
        "the gain said once"
    );
    assert!(!html.contains("+15 <strong>"));
    // Contoh H: the next level up is SLTA (5), not a degree; 5 + 40 + 30 + 5 = 80, which is
    // Sedang (Tinggi starts above 80).
    let h = admin
        .json("/api/pegawai/198808082012081008?tahun=2024")
        .await;
    assert_eq!(
        (f(&h["ip_lengkap"]), h["kategori_lengkap"].as_str()),
        (80.0, Some("Sedang"))
    );
    // Contoh G has everything: no such line.
    let g = admin
        .json("/api/pegawai/199007072015072007?tahun=2024")
        .await;
    assert!(g["ip_lengkap"].is_null());
    // JPM: the spec's example (88.89, Cukup Optimal, Memenuhi Syarat) with one level above.
    let levels = ["3", "3", "2", "3", "3", "2", "3", "2", "4"];
    let codes = [
        "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
    ];
    let mut csv = String::from("nip,kompetensi,level,tanggal,sumber\n");
    for (c, l) in codes.iter().zip(levels) {
        csv.push_str(&format!("{B},{c},{l},2025-03-10,UPT\n"));
    }
    let j = admin.upload_asesmen("asesmen.csv", csv.into_bytes()).await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    // 25 / 27 = 92.59: Optimal, Memenuhi Syarat.
    let html = admin.text(&format!("/pegawai/{B}")).await;
    assert!(
        html.contains("JPM <strong id=\"jpm\">92,59%</strong>"),
        "{html}"
    );
    assert!(html.contains("pemetaan: <strong>Optimal</strong>"));
    assert!(html.contains("seleksi: <strong>Memenuhi Syarat</strong>"));
    assert!(html.contains("−1 <span class=\"kecil\">di bawah standar</span>"));
    assert!(html.contains("+1 <span class=\"kecil\">di atas standar</span>"));
    assert!(html.contains("0 <span class=\"kecil\">sesuai standar</span>"));
    assert!(html.contains("bukan kekurangan"));
    assert!(!html.contains("id=\"jpm-di-atas-100\""));
    // Contoh C is a Pelaksana (standard 1 on all nine): level 2 on each is 18 / 9 = 200 %,
    // Optimal — over 100 because the default variant counts levels above the standard in full,
    // which the page says.
    let mut csv = String::from("nip,kompetensi,level,tanggal,sumber\n");
    for c in codes {
        csv.push_str(&format!("{C},{c},2,2025-03-10,UPT\n"));
    }
    let j = admin
        .upload_asesmen("asesmen-c.csv", csv.into_bytes())
        .await;
    assert_eq!(j["impor"]["status"], "selesai", "{j}");
    let html = admin.text(&format!("/pegawai/{C}")).await;
    assert!(
        html.contains("JPM <strong id=\"jpm\">200%</strong>"),
        "{html}"
    );
    assert!(html.contains("pemetaan: <strong>Optimal</strong>"));
    assert!(html.contains("id=\"jpm-di-atas-100\"") && html.contains("varian tanpa batas"));
}
on_both!(a_persons_page_in_the_readers_words, person_page);
