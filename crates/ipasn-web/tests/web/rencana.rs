//! Development plans over HTTP: a unit's plan under a budget (checked from outside: within the
//! budget, the projection and the distribution agree with the chosen points, the downloads
//! list the same actions), the catalogue replaced after a preview, and a person's plan from
//! draft to done with the pegawai and their atasan agreeing.

use crate::helpers::*;
use serde_json::Value;

async fn siap(s: &Server) -> (Client, String) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("paket.xlsx", generated_xlsx()).await["impor"]["status"],
        "selesai"
    );
    let root = admin.json("/api/dasbor").await;
    let id = root["unor"]["unor_id"].as_str().unwrap().to_string();
    (admin, id)
}

fn jumlah(v: &Value, k: &str) -> f64 {
    v.as_array().unwrap().iter().map(|x| f(&x[k])).sum()
}

/// A unit's plan: the budget holds, the projection is the current mean plus the chosen points,
/// the categories before and after count everyone, a larger budget never projects less, the
/// other objectives report their targets, and the CSV lists the chosen actions.
async fn unit_plan(s: Server) {
    let (admin, root) = siap(&s).await;
    let base = format!("/api/unor/{root}/rencana?tahun=2024");
    let p = admin.json(&format!("{base}&anggaran=150.000.000")).await;
    assert_eq!(f(&p["anggaran"]), 150_000_000.0);
    assert!(
        f(&p["biaya"]) <= 150_000_000.0 && f(&p["biaya"]) > 0.0,
        "{p}"
    );
    assert_eq!(jumlah(&p["per_aksi"], "biaya"), f(&p["biaya"]));
    let n = f(&p["diukur"]);
    assert!(n > 100.0);
    let poin = jumlah(&p["per_aksi"], "poin");
    assert!(
        (f(&p["proyeksi"]) - (f(&p["rerata"]) + poin / n)).abs() < 1e-9,
        "{p}"
    );
    assert!(f(&p["proyeksi"]) >= f(&p["proyeksi_rakus"]));
    assert_eq!(jumlah(&p["distribusi"], "sekarang"), n);
    assert_eq!(jumlah(&p["distribusi"], "proyeksi"), n);
    // The dashboard's mean is the plan's starting point.
    let dasbor = admin.json("/api/dasbor?tahun=2024").await;
    assert!(
        (f(&dasbor["ip"]) - f(&p["rerata"])).abs() < 0.006,
        "{dasbor}"
    );
    let besar = admin.json(&format!("{base}&anggaran=1500000000")).await;
    assert!(f(&besar["proyeksi"]) >= f(&p["proyeksi"]));
    // The forecast year after year rises and reaches the target or stops.
    let r = besar["ramalan"].as_array().unwrap();
    assert!(!r.is_empty());
    assert!(
        r.windows(2)
            .all(|w| f(&w[1]["rerata"]) >= f(&w[0]["rerata"]))
    );
    assert!(f(&besar["efisiensi"]) > 0.0);
    // Nothing but free data fixes with no money.
    let nol = admin.json(&format!("{base}&anggaran=0")).await;
    assert_eq!(f(&nol["biaya"]), 0.0);
    for a in nol["per_aksi"].as_array().unwrap() {
        assert_eq!(a["kode"], "perbaikan-data", "{a}");
    }
    // The other objectives count their targets, never fewer than greedy.
    for tujuan in ["kategori", "unit80"] {
        let t = admin
            .json(&format!(
                "{base}&anggaran=150000000&tujuan={tujuan}&kategori=Tinggi"
            ))
            .await;
        let c = t["tercapai"].as_array().unwrap_or_else(|| panic!("{t}"));
        assert!(f(&c[0]) >= f(&c[1]) && f(&c[0]) <= f(&c[2]), "{t}");
        assert!(f(&t["biaya"]) <= 150_000_000.0);
    }
    let kat = admin
        .json(&format!(
            "{base}&anggaran=150000000&tujuan=kategori&kategori=Tinggi"
        ))
        .await;
    let tinggi = |d: &Value, k: &str| {
        d["distribusi"]
            .as_array()
            .unwrap()
            .iter()
            .take(2)
            .map(|x| f(&x[k]))
            .sum::<f64>()
    };
    // Persons in "Tinggi" or above after the plan are those reached.
    assert_eq!(tinggi(&kat, "proyeksi"), f(&kat["tercapai"][0]), "{kat}");
    // Bad input is a clear 400, in both languages.
    for q in [
        "anggaran=satu",
        "tujuan=semua",
        "tujuan=kategori&kategori=Istimewa",
        "jp_maks=0",
    ] {
        let r = admin.get(&format!("{base}&{q}")).await;
        assert_eq!(r.status(), 400, "{q}");
        let j: Value = r.json().await.unwrap();
        assert!(j["galat"].is_string() && j["error"].is_string(), "{j}");
    }
    // On the page, a budget in words is refused beside the form, as typed.
    let r = admin
        .get(&format!(
            "/unor/{root}/rencana?tahun=2024&anggaran=dua+miliar"
        ))
        .await;
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"pesan-rencana\"") && html.contains("value=\"dua miliar\""));
    // The page: form, cards, charts' data; the CSV: the chosen actions.
    let html = admin
        .text(&format!(
            "/unor/{root}/rencana?tahun=2024&anggaran=150000000"
        ))
        .await;
    for id in [
        "form-rencana",
        "anggaran-geser",
        "chart-rencana-distribusi",
        "chart-rencana-tahun",
        "tabel-aksi",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    let csv = admin
        .text(&format!(
            "/unor/{root}/rencana/aksi.csv?tahun=2024&anggaran=150000000"
        ))
        .await;
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "nip,nama,aksi,biaya,jp,poin");
    assert_eq!(lines.len() - 1, jumlah(&p["per_aksi"], "orang") as usize);
    let audit = admin.json("/api/audit?aksi=lihat_rencana_unit").await;
    assert!(audit.as_array().unwrap().len() >= 3, "{audit}");
    // Not for a pegawai.
    let pegawai = s.login_as("pg", Peran::Pegawai, None, Some(C)).await;
    assert_eq!(pegawai.status(&base).await, 403);
}
on_both!(unit_plan_checked_from_outside, unit_plan);

/// The catalogue: downloaded, a changed copy previewed (what changes is listed) and only then
/// saved, audited; a broken one names its problems and changes nothing; plans use the new
/// costs; a pimpinan may read but not replace it.
async fn catalogue(s: Server) {
    let (admin, root) = siap(&s).await;
    let asli = admin.text("/rencana/katalog.toml").await;
    assert!(asli.contains("katalog-bawaan-2026"));
    let upload = |teks: String| unggah(&admin, "/rencana/katalog", "katalog.toml", teks);
    // Over the form limit: said to be too large, not "cut off".
    let (st, html) = upload("#".repeat(1_500_000)).await;
    assert_eq!(st, 400);
    assert!(html.contains("terlalu besar"), "{st}");
    // A broken catalogue: every problem named, nothing saved.
    let rusak = asli.replace("jp = 20\n", "jp = 0\n");
    let (st, html) = upload(rusak).await;
    assert_eq!(st, 200);
    assert!(
        html.contains("katalog-masalah") && html.contains("pelatihan teknis perlu jp"),
        "{html}"
    );
    assert!(!html.contains("form-katalog-simpan"));
    // A changed one: the seminar costs double, one action added.
    let baru = asli
        .replace("katalog-bawaan-2026", "katalog-kota-2027")
        .replace("biaya = 1500000", "biaya = 3000000")
        + "\n[[aksi]]\nkode = \"bimtek-daring\"\nnama = \"Bimtek daring\"\njenis = \"seminar\"\nbiaya = 100000\njp = 4\nbulan = 1\n";
    let (st, html) = upload(baru.clone()).await;
    assert_eq!(st, 200);
    assert!(
        html.contains("katalog-tambah") && html.contains("bimtek-daring"),
        "{html}"
    );
    assert!(
        html.contains("katalog-ganti") && html.contains("seminar"),
        "{html}"
    );
    // Not saved before the confirmation.
    assert!(
        admin
            .text("/rencana/katalog.toml")
            .await
            .contains("katalog-bawaan-2026")
    );
    let r = post(
        &admin,
        "/rencana/katalog/simpan",
        &[("teks", baru.as_str())],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert!(
        admin
            .text("/rencana/katalog")
            .await
            .contains("katalog-kota-2027")
    );
    let p = admin
        .json(&format!(
            "/api/unor/{root}/rencana?tahun=2024&anggaran=500000000"
        ))
        .await;
    assert_eq!(p["katalog"][0], "katalog-kota-2027");
    // The cheaper seminar now serves the seminar gaps.
    assert!(
        p["per_aksi"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kode"] == "bimtek-daring"),
        "{p}"
    );
    let audit = admin.json("/api/audit?aksi=ganti_katalog_rencana").await;
    assert_eq!(audit.as_array().unwrap().len(), 1, "{audit}");
    // A broken text sent straight to the save is refused.
    let r = post(&admin, "/rencana/katalog/simpan", &[("teks", "id = 1")]).await;
    assert_eq!(r.status(), 400);
    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    assert_eq!(pimpinan.status("/rencana/katalog.toml").await, 200);
    let r = post(
        &pimpinan,
        "/rencana/katalog/simpan",
        &[("teks", baru.as_str())],
    )
    .await;
    assert_eq!(r.status(), 403);
}
on_both!(catalogue_replaced_after_a_preview, catalogue);

/// The plan rules: downloaded, a changed file saved (the page shows the new threshold,
/// audited), a broken one refused with its problem and nothing saved.
async fn plan_rules(s: Server) {
    let (admin, _) = siap(&s).await;
    let asli = admin.text("/rencana/aturan.toml").await;
    assert!(asli.contains("ambang_pelatihan_intensif = 60"));
    let kirim_berkas = |teks: String| unggah(&admin, "/rencana/aturan", "aturan.toml", teks);
    let (st, html) = kirim_berkas(asli.replace("maks_tahun = 10", "maks_tahun = 0")).await;
    assert_eq!(st, 400);
    assert!(
        html.contains("aturan-masalah") && html.contains("maks_tahun: 1–50"),
        "{html}"
    );
    assert!(
        admin
            .text("/rencana/aturan.toml")
            .await
            .contains("maks_tahun = 10")
    );
    let (st, _) = kirim_berkas(asli.replace(
        "ambang_pelatihan_intensif = 60",
        "ambang_pelatihan_intensif = 70",
    ))
    .await;
    assert_eq!(st, 303);
    assert!(
        admin
            .text("/rencana/katalog")
            .await
            .contains("di bawah IP 70")
    );
    let audit = admin.json("/api/audit?aksi=ganti_aturan_rencana").await;
    assert_eq!(audit.as_array().unwrap().len(), 1);
    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    assert_eq!(pimpinan.status("/rencana/aturan.toml").await, 200);
}
on_both!(plan_rules_replaced_and_checked, plan_rules);

/// A person's plan: drafted by the analis (one action per group; a refused draft keeps the
/// ticks), seen by the person and their atasan, agreed by both (draf → disetujui), the actions
/// marked done (berjalan → selesai); no other pegawai sees it; every step audited.
async fn individual(s: Server) {
    let (admin, root) = siap(&s).await;
    // Someone with at least two actions offered.
    let daftar = admin
        .json(&format!("/api/unor/{root}/pegawai?tahun=2024"))
        .await;
    let mut nip = String::new();
    for b in daftar["baris"].as_array().unwrap() {
        let n = b["nip"].as_str().unwrap();
        let r = admin
            .json(&format!("/api/pegawai/{n}/rencana?tahun=2024"))
            .await;
        let pl = r["pilihan"].as_array().unwrap().clone();
        let kelompok: std::collections::HashSet<&str> =
            pl.iter().map(|p| p["kelompok"].as_str().unwrap()).collect();
        if pl.len() > kelompok.len() && kelompok.len() >= 2 {
            nip = n.to_string();
            break;
        }
    }
    assert!(!nip.is_empty(), "someone with alternatives");
    // A competency below its standard (level 1) becomes a group of development actions
    // (classroom, e-learning, coaching, mentoring, assignment) without IP points.
    let csv =
        format!("nip,kompetensi,level,tanggal\n{nip},M.01,1,2026-01-15\n{nip},M.02,5,2026-01-15\n");
    assert_eq!(
        admin
            .upload_asesmen("kompetensi.csv", csv.into_bytes())
            .await["impor"]["status"],
        "selesai"
    );
    let pilihan = admin
        .json(&format!("/api/pegawai/{nip}/rencana?tahun=2024"))
        .await["pilihan"]
        .as_array()
        .unwrap()
        .clone();
    let kompetensi: Vec<&Value> = pilihan
        .iter()
        .filter(|p| p["aksi"]["jenis"] == "kompetensi")
        .collect();
    assert_eq!(kompetensi.len(), 5, "{pilihan:?}");
    // Ranked by points per rupiah (free actions that add points first).
    let kunci: Vec<f64> = pilihan
        .iter()
        .map(|p| match p["per_juta"].as_f64() {
            Some(x) => x,
            None if p["aksi"]["poin"].as_i64().unwrap() > 0 => f64::INFINITY,
            None => 0.0,
        })
        .collect();
    assert!(kunci.windows(2).all(|w| w[0] >= w[1]), "{kunci:?}");
    assert!(
        kompetensi
            .iter()
            .all(|p| p["aksi"]["kode"].as_str().unwrap().ends_with(":M.01")
                && p["aksi"]["poin"] == 0)
    );
    assert_eq!(
        kompetensi.iter().filter(|p| p["centang"] == true).count(),
        1
    );
    let unor = admin.json(&format!("/api/pegawai/{nip}")).await["pegawai"]["unor_id"]
        .as_str()
        .unwrap()
        .to_string();
    let atasan = s
        .login_as("atasan", Peran::Pimpinan, Some(&unor), None)
        .await;
    let pegawai = s.login_as("pg", Peran::Pegawai, None, Some(&nip)).await;
    let lain = s.login_as("lain", Peran::Pegawai, None, Some(C)).await;
    let url = format!("/pegawai/{nip}/rencana");
    // Two of one group: refused, the page again with both still ticked.
    let (a, b) = {
        let mut it = pilihan.iter().filter(|p| {
            pilihan
                .iter()
                .filter(|q| q["kelompok"] == p["kelompok"])
                .count()
                > 1
        });
        (it.next().unwrap().clone(), it.next().unwrap().clone())
    };
    let (va, vb) = (a["nilai"].as_str().unwrap(), b["nilai"].as_str().unwrap());
    let r = post(
        &admin,
        &format!("{url}/draf"),
        &[("tahun", "2024"), ("aksi", va), ("aksi", vb)],
    )
    .await;
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert!(html.contains("pesan-rencana"));
    for v in [va, vb] {
        assert!(
            html.contains(&format!("value=\"{v}\" id="))
                && html.contains(&format!("value=\"{v}\" id=\"pilih-"))
        );
        let i = html.find(&format!("value=\"{v}\"")).unwrap();
        assert!(html[i..i + 80].contains("checked"), "{v} kept ticked");
    }
    // The default ticks: one per group.
    let centang: Vec<&str> = pilihan
        .iter()
        .filter(|p| p["centang"] == true)
        .map(|p| p["nilai"].as_str().unwrap())
        .collect();
    let mut form = vec![("tahun", "2024")];
    form.extend(centang.iter().map(|v| ("aksi", *v)));
    let r = post(&admin, &format!("{url}/draf"), &form).await;
    assert_eq!(r.status(), 303);
    let r = pegawai.json(&format!("/api{url}?tahun=2024")).await;
    assert_eq!(r["rencana"]["status"], "draf");
    assert_eq!(r["aksi"].as_array().unwrap().len(), centang.len());
    assert!(
        r["jp"].as_i64().unwrap() >= 20,
        "the yearly right is met: {r}"
    );
    assert_eq!(r["boleh_setuju"], "pegawai");
    // The person's page says the plan waits for them.
    assert!(
        pegawai
            .text(&format!("/pegawai/{nip}?tahun=2024"))
            .await
            .contains("id=\"rencana-menunggu\"")
    );
    assert_eq!(lain.status(&url).await, 403);
    assert_eq!(
        kirim(&lain, &format!("{url}/setuju"), &[("tahun", "2024")]).await,
        403
    );
    // The pegawai agrees, then the atasan: agreed.
    assert_eq!(
        kirim(&pegawai, &format!("{url}/setuju"), &[("tahun", "2024")]).await,
        303
    );
    // Once only.
    assert_eq!(
        kirim(&pegawai, &format!("{url}/setuju"), &[("tahun", "2024")]).await,
        400
    );
    assert!(
        !pegawai
            .text(&format!("/pegawai/{nip}?tahun=2024"))
            .await
            .contains("id=\"rencana-menunggu\"")
    );
    let r = atasan.json(&format!("/api{url}?tahun=2024")).await;
    assert_eq!(r["boleh_setuju"], "atasan");
    assert_eq!(
        kirim(&atasan, &format!("{url}/setuju"), &[("tahun", "2024")]).await,
        303
    );
    let r = admin.json(&format!("/api{url}?tahun=2024")).await;
    assert_eq!(r["rencana"]["status"], "disetujui");
    // The competency it develops: for those who may see assessment detail, not for a
    // pimpinan without the grant.
    let nama = |r: &Value| -> Vec<String> {
        r["aksi"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["jenis"] == "kompetensi")
            .map(|a| a["nama"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(nama(&r).iter().all(|n| n.contains(" — ")), "{r}");
    let ra = atasan.json(&format!("/api{url}?tahun=2024")).await;
    assert_eq!(nama(&ra).len(), 1);
    assert!(nama(&ra).iter().all(|n| !n.contains(" — ")), "{ra}");
    assert_eq!(r["rencana"]["atasan"], "atasan");
    // An agreed plan is no longer a draft.
    let r2 = post(&admin, &format!("{url}/draf"), &form).await;
    assert_eq!(r2.status(), 400);
    // Done, action by action.
    let n = r["aksi"].as_array().unwrap().len();
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/selesai"),
            &[("tahun", "2024"), ("urut", "1"), ("tanggal", "31-12-2024")]
        )
        .await,
        400
    );
    // Not in the future, not before the plan's year.
    for d in ["2999-12-31", "2023-12-31"] {
        let r = post(
            &admin,
            &format!("{url}/selesai"),
            &[("tahun", "2024"), ("urut", "1"), ("tanggal", d)],
        )
        .await;
        assert_eq!(r.status(), 400, "{d}");
    }
    for i in 1..=n {
        let u = i.to_string();
        let r = post(
            &admin,
            &format!("{url}/selesai"),
            &[("tahun", "2024"), ("urut", &u), ("tanggal", "2024-11-30")],
        )
        .await;
        assert_eq!(r.status(), 303);
        let st = admin.json(&format!("/api{url}?tahun=2024")).await["rencana"]["status"].clone();
        assert_eq!(st, if i == n { "selesai" } else { "berjalan" });
    }
    // The pegawai cannot mark actions done.
    assert_eq!(
        kirim(
            &pegawai,
            &format!("{url}/selesai"),
            &[("tahun", "2024"), ("urut", "1"), ("tanggal", "2024-11-30")]
        )
        .await,
        403
    );
    for aksi in [
        "draf_rencana_individu",
        "setuju_rencana_individu",
        "selesai_aksi_rencana",
        "lihat_rencana_individu",
    ] {
        let a = admin.json(&format!("/api/audit?aksi={aksi}")).await;
        assert!(!a.as_array().unwrap().is_empty(), "{aksi}");
    }
}
on_both!(individual_plan_from_draft_to_done, individual);

/// NIPs of the measured persons of the instansi, by IP (lowest first).
async fn nip_urut_ip(admin: &Client, root: &str) -> Vec<(String, f64)> {
    let mut out = vec![];
    let mut hal = 1;
    loop {
        let d = admin
            .json(&format!(
                "/api/unor/{root}/pegawai?tahun=2024&urut=ip&arah=naik&hal={hal}"
            ))
            .await;
        let b = d["baris"].as_array().unwrap();
        if b.is_empty() {
            break;
        }
        out.extend(
            b.iter()
                .map(|r| (r["nip"].as_str().unwrap().to_string(), f(&r["ip"]))),
        );
        hal += 1;
    }
    out
}

/// Programmes: coaching pairs with notes only the coach and the coachee read, attendance and
/// completion becoming a training record for SIASN; intensive training enrolling everyone the
/// rule names; a mentor's capacity; refused forms keep what was typed.
async fn programmes(s: Server) {
    let (admin, root) = siap(&s).await;
    let semua = nip_urut_ip(&admin, &root).await;
    assert!(semua.len() > 100);
    let (coach, coachee, lain) = (
        semua[semua.len() - 1].0.clone(),
        semua[0].0.clone(),
        semua[1].0.clone(),
    );
    // A refused programme keeps the form.
    let r = post(
        &admin,
        "/program",
        &[
            ("jenis", "coaching"),
            ("nama", "Coaching 2025"),
            ("tahun", "2025"),
            ("unor_id", root.as_str()),
            ("mulai", "2025-03-01"),
            ("selesai", "2025-02-01"),
            ("jp", "40"),
        ],
    )
    .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("value=\"Coaching 2025\""));
    let url = buat_program(
        &admin,
        &root,
        [
            "coaching",
            "Coaching 2025",
            "2025",
            "2025-03-01",
            "2025-08-31",
            "40",
        ],
    )
    .await;
    let id = url.rsplit('/').next().unwrap().to_string();
    // Coaching without an end runs six months.
    let enam = buat_program(
        &admin,
        &root,
        [
            "coaching",
            "Coaching enam bulan",
            "2025",
            "2025-03-01",
            "",
            "40",
        ],
    )
    .await;
    assert!(admin.text(&enam).await.contains("2025-03-01 – 2025-08-31"));
    // A line that is not a pair: refused, the text kept.
    let r = post(
        &admin,
        &format!("{url}/peserta"),
        &[("baris", "bukan pasangan")],
    )
    .await;
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("bukan pasangan</textarea>")
    );
    let r = post(
        &admin,
        &format!("{url}/peserta"),
        &[("baris", "199001012020011999,123")],
    )
    .await;
    assert_eq!(r.status(), 400);
    let pasangan = format!("{coach},{coachee},Memimpin rapat koordinasi");
    let r = post(
        &admin,
        &format!("{url}/peserta"),
        &[("baris", pasangan.as_str())],
    )
    .await;
    assert_eq!(r.status(), 303);
    let html = admin.text(&url).await;
    assert!(html.contains(&format!("data-nip=\"{coachee}\"")) && html.contains("Memimpin rapat"));
    // The notes: the coachee writes, the coach reads; nobody else, not even the admin.
    let pc = s
        .login_as("coach", Peran::Pegawai, None, Some(&coach))
        .await;
    let pe = s
        .login_as("coachee", Peran::Pegawai, None, Some(&coachee))
        .await;
    let pl = s.login_as("lain", Peran::Pegawai, None, Some(&lain)).await;
    let sesi = format!("{url}/sesi/{coachee}");
    let r = post(&pe, &sesi, &[("tanggal", "2025-03-10"), ("catatan", "")]).await;
    assert_eq!(r.status(), 400);
    let r = post(
        &pe,
        &sesi,
        &[
            ("tanggal", "2025-03-10"),
            ("catatan", "Rahasia: target bulan pertama"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert!(
        pc.text(&sesi)
            .await
            .contains("Rahasia: target bulan pertama")
    );
    assert_eq!(admin.status(&sesi).await, 403);
    assert_eq!(pl.status(&sesi).await, 403);
    assert_eq!(
        kirim(&pl, &sesi, &[("tanggal", "2025-03-11"), ("catatan", "x")]).await,
        403
    );
    // The pegawai's plan page links their sessions.
    assert!(
        pe.text(&format!("/pegawai/{coachee}/rencana?tahun=2024"))
            .await
            .contains(&sesi)
    );
    let audit = admin.json("/api/audit?aksi=tambah_sesi_coaching").await;
    assert_eq!(audit.as_array().unwrap().len(), 1);
    assert!(
        !audit.to_string().contains("Rahasia"),
        "notes never in the audit log"
    );
    // A coachee cannot become a coach in the same programme, nor get a second coach.
    let r = post(
        &admin,
        &format!("{url}/peserta"),
        &[("baris", format!("{coachee},{lain}").as_str())],
    )
    .await;
    assert_eq!(r.status(), 400);
    let r = post(
        &admin,
        &format!("{url}/peserta"),
        &[("baris", format!("{lain},{coachee}").as_str())],
    )
    .await;
    assert_eq!(r.status(), 400);
    // A coach takes no training record; attendance of a stranger or outside the dates is refused.
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/selesai"),
            &[("nip", coach.as_str()), ("tanggal", "2025-08-30")]
        )
        .await,
        400
    );
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/hadir"),
            &[("nip", lain.as_str()), ("tanggal", "2025-03-10")]
        )
        .await,
        400
    );
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/hadir"),
            &[("nip", coachee.as_str()), ("tanggal", "2025-02-10")]
        )
        .await,
        400
    );
    // Attendance, completion: a training record for SIASN.
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/hadir"),
            &[("nip", coachee.as_str()), ("tanggal", "2025-03-10")]
        )
        .await,
        303
    );
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/selesai"),
            &[("nip", coachee.as_str()), ("tanggal", "2025-01-01")]
        )
        .await,
        400
    );
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/selesai"),
            &[("nip", coachee.as_str()), ("tanggal", "2025-08-30")]
        )
        .await,
        303
    );
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/selesai"),
            &[("nip", coachee.as_str()), ("tanggal", "2025-08-30")]
        )
        .await,
        400
    );
    let csv = admin.text("/program/diklat.csv?tahun=2025").await;
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "nip,jenis,nama_diklat,tanggal_mulai,tanggal_selesai,jumlah_jam,penyelenggara,program_id"
    );
    assert_eq!(
        lines[1],
        format!("{coachee},Kursus,Coaching 2025,2025-03-01,2025-08-30,40,,{id}")
    );
    assert_eq!(lines.len(), 2);
    // Intensive training: everyone under the threshold (60), enrolled at once.
    let url = buat_program(
        &admin,
        &root,
        [
            "intensif",
            "Pelatihan intensif",
            "2024",
            "2024-06-01",
            "2024-06-30",
            "40",
        ],
    )
    .await;
    let bawah: Vec<&String> = semua
        .iter()
        .filter(|(_, ip)| *ip < 60.0)
        .map(|(n, _)| n)
        .collect();
    assert!(!bawah.is_empty());
    assert_eq!(kirim(&admin, &format!("{url}/saran"), &[]).await, 303);
    let html = admin.text(&url).await;
    for n in &bawah {
        assert!(html.contains(&format!("data-nip=\"{n}\"")), "{n} enrolled");
    }
    assert_eq!(html.matches("data-nip=").count(), bawah.len());
    // Mentoring: at most three mentees a mentor.
    let url = buat_program(
        &admin,
        &root,
        [
            "mentoring",
            "Mentoring",
            "2024",
            "2024-01-01",
            "2024-12-31",
            "10",
        ],
    )
    .await;
    assert!(admin.text(&url).await.contains("id=\"saran-ket\""));
    let baris: String = (0..4)
        .map(|i| format!("{coach},{}\n", semua[i].0))
        .collect();
    let r = post(
        &admin,
        &format!("{url}/peserta"),
        &[("baris", baris.as_str())],
    )
    .await;
    assert_eq!(r.status(), 400);
    let baris: String = (0..3)
        .map(|i| format!("{coach},{}\n", semua[i].0))
        .collect();
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/peserta"),
            &[("baris", baris.as_str())]
        )
        .await,
        303
    );
    // Only admins and analis manage programmes.
    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    assert_eq!(pimpinan.status("/program").await, 403);
    assert_eq!(pimpinan.status(&url).await, 403);
}
on_both!(programmes_from_enrolment_to_training_records, programmes);

/// Everyone measured in a year: NIP → (IP, category, jenjang).
async fn hasil_tahun(
    admin: &Client,
    root: &str,
    tahun: i64,
) -> std::collections::HashMap<String, (f64, String, String)> {
    let mut out = std::collections::HashMap::new();
    let mut hal = 1;
    loop {
        let d = admin
            .json(&format!("/api/unor/{root}/pegawai?tahun={tahun}&hal={hal}"))
            .await;
        let b = d["baris"].as_array().unwrap();
        if b.is_empty() {
            break;
        }
        for r in b {
            out.insert(
                r["nip"].as_str().unwrap().to_string(),
                (
                    f(&r["ip"]),
                    r["kategori"].as_str().unwrap().to_string(),
                    r["jenjang_jabatan"].as_str().unwrap().to_string(),
                ),
            );
        }
        hal += 1;
    }
    out
}

/// The follow-up: a programme's completion, and the participants' IP movement against the
/// same category and jenjang recomputed here from the pegawai lists of both years.
async fn follow_up(s: Server) {
    let (admin, root) = siap(&s).await;
    let tahun: Vec<i64> = admin
        .json("/api/tahun")
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tahun"].as_i64().unwrap())
        .collect();
    let y = *tahun
        .iter()
        .find(|y| tahun.contains(&(*y + 1)))
        .expect("two consecutive years");
    let a = hasil_tahun(&admin, &root, y).await;
    let b = hasil_tahun(&admin, &root, y + 1).await;
    let mut urut: Vec<(&String, &(f64, String, String))> =
        a.iter().filter(|(n, _)| b.contains_key(*n)).collect();
    urut.sort_by(|x, y| x.1.0.total_cmp(&y.1.0).then(x.0.cmp(y.0)));
    let peserta: Vec<String> = urut.iter().take(12).map(|(n, _)| n.to_string()).collect();
    let ys = y.to_string();
    let (mulai, selesai) = (format!("{y}-03-01"), format!("{y}-03-31"));
    let url = buat_program(
        &admin,
        &root,
        ["intensif", "Intensif", &ys, &mulai, &selesai, "40"],
    )
    .await;
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/peserta"),
            &[("baris", peserta.join("\n").as_str())]
        )
        .await,
        303
    );
    for n in &peserta[..10] {
        let r = post(
            &admin,
            &format!("{url}/selesai"),
            &[("nip", n.as_str()), ("tanggal", &format!("{y}-03-31"))],
        )
        .await;
        assert_eq!(r.status(), 303);
    }
    let d = admin
        .json(&format!("/api/unor/{root}/tindak-lanjut?tahun={y}"))
        .await;
    assert_eq!(d["program"][0]["peserta"], 12);
    assert_eq!(d["program"][0]["selesai"], 10);
    assert_eq!(d["rencana"]["orang"], 0);
    // From outside: the ten who completed against everyone else of their category and jenjang.
    let selesai: std::collections::HashSet<&String> = peserta[..10].iter().collect();
    let mut strata: std::collections::BTreeMap<(String, String), (Vec<f64>, Vec<f64>)> =
        Default::default();
    for (n, (ip, k, j)) in &a {
        let Some((ip2, _, _)) = b.get(n) else {
            continue;
        };
        let e = strata.entry((k.clone(), j.clone())).or_default();
        if selesai.contains(n) {
            &mut e.0
        } else {
            &mut e.1
        }
        .push(ip2 - ip);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (mut np, mut sp, mut sb, mut tanpa) = (0usize, 0.0, 0.0, 0usize);
    for (p, q) in strata.values().filter(|(p, _)| !p.is_empty()) {
        if q.is_empty() {
            tanpa += p.len();
        } else {
            np += p.len();
            sp += mean(p) * p.len() as f64;
            sb += mean(q) * p.len() as f64;
        }
    }
    assert_eq!(
        d["banding"]["peserta"].as_u64().unwrap() as usize,
        np,
        "{d}"
    );
    assert_eq!(
        d["banding"]["tanpa_pembanding"].as_u64().unwrap() as usize,
        tanpa
    );
    if np >= 5 {
        assert!(
            (f(&d["banding"]["gerak_peserta"]) - sp / np as f64).abs() < 1e-9,
            "{d}"
        );
        assert!(
            (f(&d["banding"]["gerak_pembanding"]) - sb / np as f64).abs() < 1e-9,
            "{d}"
        );
    }
    // Strata under the small-group threshold show counts, not means.
    for st in d["banding"]["strata"].as_array().unwrap() {
        if st["peserta"].as_u64().unwrap() < 5 || st["pembanding"].as_u64().unwrap() < 5 {
            assert!(
                st["gerak_peserta"].is_null() && st["gerak_pembanding"].is_null(),
                "{st}"
            );
        }
    }
    let html = admin
        .text(&format!("/unor/{root}/tindak-lanjut?tahun={y}"))
        .await;
    assert!(html.contains("id=\"tindak-caveat\"") && html.contains("chart-tindak-program"));
    let last = tahun.iter().max().unwrap();
    assert!(
        admin
            .text(&format!("/unor/{root}/tindak-lanjut?tahun={last}"))
            .await
            .contains("id=\"tindak-tanpa-berikut\"")
    );
}
on_both!(follow_up_against_comparable_persons, follow_up);

/// A completed intensive training counts in the next computation (the plan rules allow it by
/// default): the same package imported again is not "the same" any more, and the person's
/// index rises by exactly the points their technical-hours gap was worth.
async fn programme_counts(s: Server) {
    let (admin, root) = siap(&s).await;
    let daftar = admin
        .json(&format!("/api/unor/{root}/pegawai?tahun=2024"))
        .await;
    let mut pilih = None;
    for b in daftar["baris"].as_array().unwrap() {
        let n = b["nip"].as_str().unwrap();
        let r = admin
            .json(&format!("/api/pegawai/{n}/rencana?tahun=2024"))
            .await;
        if let Some(p) = r["pilihan"].as_array().unwrap().iter().find(|p| {
            p["aksi"]["kode"] == "teknis-20jp"
                && p["aksi"]["jp"].as_i64().unwrap() <= 40
                && p["aksi"]["poin"].as_i64().unwrap() > 0
        }) {
            pilih = Some((
                n.to_string(),
                f(&b["ip"]),
                p["aksi"]["poin"].as_i64().unwrap() as f64 / 2.0,
            ));
            break;
        }
    }
    let (nip, sebelum, poin) = pilih.expect("someone short of technical hours");
    let url = buat_program(
        &admin,
        &root,
        [
            "intensif",
            "Bimtek intensif",
            "2024",
            "2024-06-01",
            "2024-06-30",
            "40",
        ],
    )
    .await;
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/peserta"),
            &[("baris", nip.as_str())]
        )
        .await,
        303
    );
    assert_eq!(
        kirim(
            &admin,
            &format!("{url}/selesai"),
            &[("nip", nip.as_str()), ("tanggal", "2024-06-30")]
        )
        .await,
        303
    );
    let i = admin.import("paket.xlsx", generated_xlsx()).await;
    assert_eq!(i["impor"]["status"], "selesai", "{i}");
    let sesudah = admin.json(&format!("/api/pegawai/{nip}?tahun=2024")).await;
    let ip = |v: &Value| {
        v["riwayat"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["tahun"] == 2024)
            .map(|h| f(&h["baris"]["ip"]) / 2.0)
    };
    let _ = ip;
    let d = admin
        .json(&format!("/api/unor/{root}/pegawai?tahun=2024&cari={nip}"))
        .await;
    let baru = f(&d["baris"][0]["ip"]);
    assert_eq!(
        baru,
        sebelum + poin,
        "{nip}: {sebelum} + {poin} → {baru}; {sesudah}"
    );
}
on_both!(
    completed_programme_counts_in_the_next_import,
    programme_counts
);

/// Makes a programme in the unit `root` from (jenis, nama, tahun, mulai, selesai, jp); its page.
async fn buat_program(admin: &Client, root: &str, f: [&str; 6]) -> String {
    let r = post(
        admin,
        "/program",
        &[
            ("jenis", f[0]),
            ("nama", f[1]),
            ("tahun", f[2]),
            ("unor_id", root),
            ("mulai", f[3]),
            ("selesai", f[4]),
            ("jp", f[5]),
        ],
    )
    .await;
    assert_eq!(r.status(), 303, "{f:?}");
    r.headers()["location"].to_str().unwrap().to_string()
}

/// A form posted as a browser would; its status.
async fn kirim(c: &Client, path: &str, form: &[(&str, &str)]) -> u16 {
    post(c, path, form).await.status().as_u16()
}

/// Uploads `teks` as the form's file `berkas` named `berkas` to `path` (the CSRF token in the
/// query, as the pages do); the status and the page.
async fn unggah(c: &Client, path: &str, berkas: &str, teks: String) -> (u16, String) {
    let token = c.csrf().await;
    let form = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(teks.into_bytes()).file_name(berkas.to_string()),
    );
    let r = c
        .http
        .post(c.url(&format!("{path}?_csrf={token}")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}
