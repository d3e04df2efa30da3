//! Psychometric instruments over HTTP: the shipped IPIP-50, a paper answer sheet scored into
//! stored results (expected scores computed by hand from IPIP's key), who sees what (the
//! instrument routes × every role, the psikolog's release, the pegawai's own plain view),
//! licence enforcement (a non-redistributable bank's files leave for no one), bad bundles and
//! bad sheets refused with file, row and column and nothing typed lost, and the audit.

use crate::helpers::*;

/// An IPIP-50 sheet: the first NIP answers odd items 5 and even items 1; the others all 3.
fn ipip_sheet(nips: &[String], bad: Option<(usize, &str)>) -> Vec<u8> {
    let mut s = kepala();
    for (k, nip) in nips.iter().enumerate() {
        s += &format!("\n{nip}");
        for i in 1..=50 {
            let v = match bad {
                Some((item, v)) if k == 0 && item == i => v.to_string(),
                _ if k == 0 => (if i % 2 == 1 { "5" } else { "1" }).to_string(),
                _ => "3".to_string(),
            };
            s += &format!(",{v}");
        }
    }
    s.into_bytes()
}

/// Posts a multipart form with files (`berkas`) and text fields, the CSRF token in its header.
async fn multipart(
    c: &Client,
    path: &str,
    files: &[(&str, Vec<u8>)],
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let token = c.csrf().await;
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in files {
        form = form.part(
            "berkas",
            reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()),
        );
    }
    c.http
        .post(c.url(path))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A made-up DISC-shaped bank (the real one is the user's licensed file): 24 groups of four.
fn disc_bank() -> Vec<(&'static str, Vec<u8>)> {
    let toml = "id = \"disc-uji\"\nnama = \"DISC uji\"\njenis = \"paling\"\nmodel = \"disc\"\n[lisensi]\nredistributable = false\ntingkat = \"C\"\npemilik = \"Penerbit (lisensi instansi)\"\n[[skala]]\nkode = \"D\"\nnama = \"D\"\n[[skala]]\nkode = \"I\"\nnama = \"I\"\n[[skala]]\nkode = \"S\"\nnama = \"S\"\n[[skala]]\nkode = \"C\"\nnama = \"C\"\n";
    let l = ["D", "I", "S", "C"];
    let mut butir = "kelompok,pilihan,teks".to_string();
    let mut kunci = "kelompok,pilihan,most,least".to_string();
    for g in 1..=24 {
        for j in 0..4 {
            butir += &format!("\n{g},{},kata {g}-{j}", j + 1);
            kunci += &format!("\n{g},{},{},{}", j + 1, l[j], l[(j + 1) % 4]);
        }
    }
    vec![
        ("instrumen.toml", toml.into()),
        ("butir.csv", butir.into_bytes()),
        ("kunci.csv", kunci.into_bytes()),
    ]
}

/// [`disc_bank`] with one key row changed.
fn disc_bank_kunci(from: &str, to: &str) -> Vec<(&'static str, Vec<u8>)> {
    let mut b = disc_bank();
    b[2].1 = String::from_utf8(b[2].1.clone())
        .unwrap()
        .replacen(from, to, 1)
        .into_bytes();
    b
}

fn id_after(html: &str, prefix: &str) -> i64 {
    let i = html
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in page"))
        + prefix.len();
    html[i..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .unwrap()
}

async fn instruments(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    let root = admin.json("/api/dasbor").await["unor"]["unor_id"]
        .as_str()
        .unwrap()
        .to_string();
    let rows = admin.json(&format!("/api/unor/{root}/pegawai")).await;
    let nips: Vec<String> = rows["baris"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .map(|r| r["nip"].as_str().unwrap().to_string())
        .collect();
    let psikolog = s.login_as("psikolog", Peran::Psikolog, None, None).await;
    let analis = s.login_as("analis", Peran::Analis, None, None).await;
    let pimpinan = s.login_as("pimpinan", Peran::Pimpinan, None, None).await;
    let asesor = s.login_as("asesor", Peran::Asesor, None, None).await;
    let pegawai = s
        .login_as("pegawai", Peran::Pegawai, None, Some(&nips[0]))
        .await;
    let lain = s
        .login_as("pegawai2", Peran::Pegawai, None, Some(&nips[1]))
        .await;

    // The shipped IPIP-50 is there for whoever opens the list.
    let list = psikolog.json("/api/instrumen").await;
    let ipip = list["instrumen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["instrumen"] == "ipip-50")
        .expect("IPIP-50 ships");
    let ipip_id = ipip["id"].as_i64().unwrap();
    assert_eq!(
        (ipip["tingkat"].as_str(), ipip["redistributable"].as_i64()),
        (Some("B"), Some(1))
    );

    // A paper sheet, scored and stored.
    let r = multipart(
        &psikolog,
        &format!("/instrumen/{ipip_id}/jawaban"),
        &[("jawaban.csv", ipip_sheet(&nips, None))],
        &[("tanggal", "2026-11-30")],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let page = psikolog.text(&format!("/instrumen/{ipip_id}")).await;
    // The first person's row (the list is newest first).
    let at = page
        .find(&format!("<td>{}</td>", nips[0]))
        .expect("the first person listed");
    let hid = id_after(
        &page[page[..at].rfind("/instrumen/hasil/").unwrap()..],
        "/instrumen/hasil/",
    );
    let profil = psikolog.text(&format!("/instrumen/hasil/{hid}")).await;
    let profil = &profil[profil
        .find("id=\"tabel-profil\"")
        .expect("the profile table")..];
    // Hand-computed from IPIP's key: E 50, A 46, C 46, ES 38, I 42 (of 50 each).
    for (nama, skor) in [
        ("Ekstraversi", "50 / 50"),
        ("Keramahan", "46 / 50"),
        ("Kesungguhan", "46 / 50"),
        ("Stabilitas emosi", "38 / 50"),
        ("Intelek dan imajinasi", "42 / 50"),
    ] {
        let i = profil
            .find(nama)
            .unwrap_or_else(|| panic!("{nama} on the profile"));
        let row_end = i + profil[i..].find("</tr>").unwrap();
        assert!(
            profil[i..row_end].contains(skor),
            "{nama}: {}",
            &profil[i..row_end]
        );
    }
    let full = psikolog.text(&format!("/instrumen/hasil/{hid}")).await;
    assert!(full.contains(&nips[0]) && full.contains("id=\"form-rilis\""));

    // Who sees it before the release: the psikolog only (IPIP is usage level B).
    for (who, c, want) in [
        ("admin", &admin, 403),
        ("analis", &analis, 403),
        ("pimpinan", &pimpinan, 403),
        ("asesor", &asesor, 403),
        ("pegawai", &pegawai, 403),
        ("pegawai lain", &lain, 403),
    ] {
        assert_eq!(
            c.status(&format!("/instrumen/hasil/{hid}")).await,
            want,
            "{who}"
        );
    }
    assert!(
        !pegawai
            .text("/instrumen/saya")
            .await
            .contains(&format!("/instrumen/hasil/{hid}"))
    );
    // Only a psikolog releases.
    assert_eq!(
        post(&admin, &format!("/instrumen/hasil/{hid}/rilis"), &[])
            .await
            .status(),
        403
    );
    assert_eq!(
        post(&psikolog, &format!("/instrumen/hasil/{hid}/rilis"), &[])
            .await
            .status(),
        303
    );
    let saya = pegawai.text("/instrumen/saya").await;
    assert!(saya.contains(&format!("/instrumen/hasil/{hid}")), "{saya}");
    let own = pegawai.text(&format!("/instrumen/hasil/{hid}")).await;
    assert!(own.contains("Ekstraversi") && own.contains("Seberapa besar Anda mendapat energi"));
    assert!(
        !own.contains("50 / 50") && !own.contains("form-rilis"),
        "no raw scores for the person"
    );
    assert_eq!(lain.status(&format!("/instrumen/hasil/{hid}")).await, 403);
    assert_eq!(
        pimpinan.status(&format!("/instrumen/hasil/{hid}")).await,
        403
    );

    // The person's own chart carries no number (no norm yet: no chart at all).
    assert!(
        own.contains("\"polos\":true") && own.contains("\"nilai\":[]"),
        "no scores in the page's data"
    );
    // A missing id looks like a refused one to the pegawai.
    assert_eq!(pegawai.status("/instrumen/hasil/999999").await, 403);
    // The same person, version and date again: refused, the released result kept.
    let r = multipart(
        &psikolog,
        &format!("/instrumen/{ipip_id}/jawaban"),
        &[("lagi.csv", ipip_sheet(&nips[..1], None))],
        &[("tanggal", "2026-11-30")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("sudah punya hasil instrumen ini")
    );
    assert_eq!(
        pegawai.status(&format!("/instrumen/hasil/{hid}")).await,
        200
    );
    // A test date that has not come.
    let r = multipart(
        &psikolog,
        &format!("/instrumen/{ipip_id}/jawaban"),
        &[("j.csv", ipip_sheet(&nips[..1], None))],
        &[("tanggal", "2099-01-01")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("belum terjadi"));
    // A scoped psikolog does not build the instansi's norms.
    let scoped = s
        .login_as("psikolog-unit", Peran::Psikolog, Some(&root), None)
        .await;
    assert_eq!(
        post(&scoped, &format!("/instrumen/{ipip_id}/norma"), &[])
            .await
            .status(),
        403
    );

    // A bad sheet: the row and column named, the date typed kept, nothing stored.
    let r = multipart(
        &psikolog,
        &format!("/instrumen/{ipip_id}/jawaban"),
        &[("jawaban.csv", ipip_sheet(&nips[..1], Some((7, "6"))))],
        &[("tanggal", "01/12/2026")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("jawaban.csv, baris 2, kolom 7: &#39;6&#39; bukan nilai yang diizinkan")
            || body.contains("jawaban.csv, baris 2, kolom 7"),
        "{body}"
    );
    assert!(
        body.contains("value=\"01/12/2026\""),
        "the date typed is kept"
    );
    // A NIP that is not a person of the data.
    let r = multipart(
        &psikolog,
        &format!("/instrumen/{ipip_id}/jawaban"),
        &[(
            "j.csv",
            ipip_sheet(&["199901012020011999".to_string()], None),
        )],
        &[("tanggal", "2026-12-01")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("199901012020011999"));

    // Norms: three people are fewer than the minimum of 100: stored, not used.
    assert_eq!(
        post(&psikolog, &format!("/instrumen/{ipip_id}/norma"), &[])
            .await
            .status(),
        303
    );
    let page = psikolog.text(&format!("/instrumen/{ipip_id}")).await;
    assert!(
        page.contains("id=\"tabel-norma\"") && page.contains("N di bawah minimum"),
        "norm table"
    );
    assert!(page.contains("id=\"tabel-analisis\""), "reliability table");

    // A licensed bank: stored, never downloadable; the shipped public-domain one is, by a psikolog.
    let mut with_junk = disc_bank();
    with_junk.push(("catatan-pribadi.exe", b"MZ".to_vec()));
    let r = multipart(&psikolog, "/instrumen/bundel", &with_junk, &[]).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let disc_id: i64 = r.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        !psikolog
            .text(&format!("/instrumen/{disc_id}"))
            .await
            .contains("catatan-pribadi.exe"),
        "only the bundle's files are kept"
    );
    for c in [&admin, &psikolog, &analis, &pegawai] {
        assert_eq!(
            c.status(&format!("/instrumen/{disc_id}/berkas/butir.csv"))
                .await,
            403
        );
        assert_eq!(
            c.status(&format!("/instrumen/{disc_id}/berkas/kunci.csv"))
                .await,
            403
        );
    }
    // A DISC sheet scored with the licensed bank: Most = word 1 (D), Least = word 2 (keyed S).
    let mut sheet = "nip".to_string();
    for g in 1..=24 {
        sheet += &format!(",{g}.M,{g}.L");
    }
    sheet += &format!("\n{}", nips[1]);
    for _ in 1..=24 {
        sheet += ",1,2";
    }
    let r = multipart(
        &psikolog,
        &format!("/instrumen/{disc_id}/jawaban"),
        &[("disc.csv", sheet.into_bytes())],
        &[("tanggal", "2026-11-30")],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let page = psikolog.text(&format!("/instrumen/{disc_id}")).await;
    let did = id_after(&page, "/instrumen/hasil/");
    let profil = psikolog.text(&format!("/instrumen/hasil/{did}")).await;
    assert!(
        profil.contains("\"disc\":[[24,0,0,0],[0,0,24,0],[24,0,-24,0]]"),
        "graphs I, II, III"
    );
    let r = psikolog
        .get(&format!("/instrumen/{ipip_id}/berkas/butir.csv"))
        .await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Am the life of the party.")
    );
    assert_eq!(
        analis
            .status(&format!("/instrumen/{ipip_id}/berkas/butir.csv"))
            .await,
        403
    );
    // The same files again are the same version; a changed key is a new one.
    let again = multipart(&psikolog, "/instrumen/bundel", &disc_bank(), &[]).await;
    assert_eq!(
        again.headers()["location"],
        format!("/instrumen/{disc_id}").as_str()
    );
    let changed = disc_bank_kunci("1,1,D,I", "1,1,C,I");
    let r = multipart(&psikolog, "/instrumen/bundel", &changed, &[]).await;
    assert_eq!(r.status(), 303);
    assert_ne!(
        r.headers()["location"],
        format!("/instrumen/{disc_id}").as_str()
    );

    // A bad bundle: every problem with its file, row and column, nothing stored.
    let bad = disc_bank_kunci("2,3,S,C", "2,3,X,C");
    let r = multipart(&psikolog, "/instrumen/bundel", &bad, &[]).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("kunci.csv, baris 8, kolom most"), "{body}");
    // Pegawai, pimpinan and asesor may not upload bundles; analis neither.
    for c in [&pegawai, &pimpinan, &asesor, &analis] {
        assert_eq!(
            multipart(c, "/instrumen/bundel", &disc_bank(), &[])
                .await
                .status(),
            403
        );
    }

    // The template of an instansi's own test, and the sections with their instructions.
    let r = psikolog.get("/instrumen/templat.zip").await;
    assert_eq!(r.status(), 200);
    let z = r.bytes().await.unwrap();
    assert!(z.starts_with(b"PK") && z.windows(14).any(|w| w == b"instrumen.toml"));
    assert_eq!(analis.status("/instrumen/templat.zip").await, 403);
    let page = psikolog.text(&format!("/instrumen/{ipip_id}")).await;
    assert!(
        page.contains("id=\"daftar-bagian\"")
            && page.contains("Tidak ada jawaban benar atau salah")
    );

    // The route × role table of the instrument pages (admin, analis, pimpinan, asesor,
    // pegawai, psikolog, anonymous; 303 = the login form).
    let anon = s.client();
    let clients = [
        &admin, &analis, &pimpinan, &asesor, &pegawai, &psikolog, &anon,
    ];
    let table: Vec<(String, [u16; 7])> = vec![
        ("/instrumen".into(), [200, 200, 403, 403, 403, 200, 303]),
        (
            format!("/instrumen/{ipip_id}"),
            [200, 200, 403, 403, 403, 200, 303],
        ),
        (
            format!("/instrumen/{disc_id}"),
            [200, 200, 403, 403, 403, 200, 303],
        ),
        (
            "/instrumen/saya".into(),
            [403, 403, 403, 403, 200, 403, 303],
        ),
        (
            format!("/instrumen/hasil/{hid}"),
            [403, 403, 403, 403, 200, 200, 303],
        ),
        ("/api/instrumen".into(), [200, 200, 403, 403, 403, 200, 401]),
        ("/dasbor".into(), [200, 200, 200, 403, 403, 403, 303]),
        (
            format!("/pegawai/{}", nips[0]),
            [200, 200, 200, 403, 200, 403, 303],
        ),
    ];
    let mut wrong = vec![];
    for (path, want) in &table {
        for (i, c) in clients.iter().enumerate() {
            let got = c.status(path).await;
            if got != want[i] {
                wrong.push(format!("role {i} GET {path}: {got}, expected {}", want[i]));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // A psikolog's home is the instruments page.
    let r = psikolog.get("/").await;
    assert_eq!(r.headers()["location"], "/instrumen");

    // In English the instrument speaks English: its name, scales and note.
    psikolog.get("/bahasa/en").await;
    let page = psikolog.text(&format!("/instrumen/{ipip_id}")).await;
    for w in [
        "IPIP-50 Big-Five Factor Markers",
        "Extraversion",
        "How calm and steady",
        "translated, back-translated",
    ] {
        assert!(page.contains(w), "{w} in English mode");
    }
    assert!(!page.contains("Ekstraversi"));

    // Every view and change is in the audit log.
    let audit = admin.json("/api/audit").await.to_string();
    for aksi in [
        "skor_instrumen",
        "lihat_instrumen",
        "lihat_instrumen_ditolak",
        "rilis_instrumen",
        "norma_instrumen",
        "unggah_instrumen",
        "unduh_instrumen",
        "unduh_instrumen_ditolak",
        "lihat_hasil_instrumen",
    ] {
        assert!(audit.contains(&format!("\"{aksi}\"")), "{aksi} audited");
    }
}
on_both!(instrumen, instruments);

/// Norm groups: each person is placed against their jenjang's norm, else their jenis
/// jabatan's, else the whole instansi's — the first with at least `norma_minimum` people — and
/// the profile names the group. Expectations come from the spec package's pegawai sheet.
async fn norm_groups(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    assert_eq!(
        admin.import("spec.zip", contoh_spec()).await["impor"]["status"],
        "selesai"
    );
    ipasn_store::pengaturan::set(&s.db, "norma_minimum", "3")
        .await
        .unwrap();
    let psikolog = s.login_as("psikolog", Peran::Psikolog, None, None).await;
    let ipip_id = psikolog.json("/api/instrumen").await["instrumen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["instrumen"] == "ipip-50")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let sheet = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/paket/contoh-spec/pegawai.csv"),
    )
    .unwrap();
    let people: Vec<(String, String, String)> = sheet
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[0].to_string(), c[5].to_string(), c[6].to_string())
        })
        .collect();
    // Everyone answers every item 1 + (their row mod 5): different A scores, so a norm exists.
    let mut csv = kepala();
    for (k, (nip, _, _)) in people.iter().enumerate() {
        csv += &format!("\n{nip}");
        for _ in 1..=50 {
            csv += &format!(",{}", 1 + k % 5);
        }
    }
    let r = multipart(
        &psikolog,
        &format!("/instrumen/{ipip_id}/jawaban"),
        &[("semua.csv", csv.into_bytes())],
        &[("tanggal", "2026-11-30")],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(
        post(&psikolog, &format!("/instrumen/{ipip_id}/norma"), &[])
            .await
            .status(),
        303
    );
    let page = psikolog.text(&format!("/instrumen/{ipip_id}")).await;
    let count = |f: &dyn Fn(&(String, String, String)) -> &str, v: &str| {
        people.iter().filter(|p| f(p) == v).count()
    };
    for (nip, jenis, jenjang) in &people {
        let at = page
            .find(&format!("<td>{nip}</td>"))
            .unwrap_or_else(|| panic!("{nip} listed"));
        let hid = id_after(
            &page[page[..at].rfind("/instrumen/hasil/").unwrap()..],
            "/instrumen/hasil/",
        );
        let profil = psikolog.text(&format!("/instrumen/hasil/{hid}")).await;
        // Every unit of the spec package is in region 32.75: that group is everyone.
        let want = if count(&|p| &p.2, jenjang) >= 3 {
            format!("norma jenjang {jenjang}, N = {}", count(&|p| &p.2, jenjang))
        } else if count(&|p| &p.1, jenis) >= 3 {
            format!("norma jabatan {jenis}, N = {}", count(&|p| &p.1, jenis))
        } else {
            format!("norma wilayah 32.75, N = {}", people.len())
        };
        assert!(
            profil.contains(&want),
            "{nip} ({jenis}, {jenjang}): want {want}"
        );
        let jn = count(&|p| &p.2, jenjang);
        if jn < 3 {
            assert!(
                profil.contains(&format!(
                    "kelompok jenjang {jenjang} terlalu kecil (N = {jn})"
                )),
                "{nip}: the narrower group passed over is named"
            );
        }
        let js = count(&|p| &p.1, jenis);
        if jn < 3 && js < 3 {
            assert!(
                profil.contains(&format!(
                    "kelompok jabatan {jenis} terlalu kecil (N = {js})"
                )),
                "{nip}: both narrower groups are named"
            );
        }
    }
    // A person tested again on another date counts once in the next norm build (N is people).
    let mut again = kepala();
    again += &format!("\n{}", people[0].0);
    for _ in 1..=50 {
        again += ",4";
    }
    let r = multipart(
        &psikolog,
        &format!("/instrumen/{ipip_id}/jawaban"),
        &[("lagi.csv", again.into_bytes())],
        &[("tanggal", "2026-12-01")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        post(&psikolog, &format!("/instrumen/{ipip_id}/norma"), &[])
            .await
            .status(),
        303
    );
    let page = psikolog.text(&format!("/instrumen/{ipip_id}")).await;
    assert!(
        !page.contains(&format!("<td class=\"n\">{}</td>", people.len() + 1)),
        "a person counted twice"
    );
    // A track record uploaded earlier stays with the person when the potential scores are sent.
    let nip0 = people[0].0.clone();
    let up = admin
        .upload_asesmen(
            "potensi-lama.csv",
            format!("nip,skor,tanggal,rekam_jejak\n{nip0},70,2024-01-01,88\n").into_bytes(),
        )
        .await;
    assert_eq!(up["impor"]["status"], "selesai", "{up}");

    // The potential test scores go to the nine-box through the assessment import.
    let r = post(&psikolog, "/instrumen/potensi", &[]).await;
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let sent: usize = loc.rsplit('=').next().unwrap().parse().unwrap();
    assert!(sent > 0 && sent <= people.len(), "{loc}");
    assert!(
        psikolog
            .text(&loc)
            .await
            .contains("id=\"potensi-terkirim\"")
    );
    let root = admin.json("/api/dasbor").await["unor"]["unor_id"]
        .as_str()
        .unwrap()
        .to_string();
    let board = admin.json(&format!("/api/unor/{root}/talenta")).await;
    fn scores(v: &serde_json::Value, out: &mut Vec<f64>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(x) = m.get("tes_potensi").and_then(|x| x.as_f64()) {
                    out.push(x);
                }
                m.values().for_each(|c| scores(c, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|c| scores(c, out)),
            _ => {}
        }
    }
    let mut got = vec![];
    scores(&board, &mut got);
    assert!(
        !got.is_empty(),
        "the board carries the potential test scores: {board}"
    );
    assert!(got.iter().all(|x| (0.0..=100.0).contains(x)), "{got:?}");
    let audit = admin.json("/api/audit").await.to_string();
    assert!(audit.contains("\"potensi_instrumen\""));
    // The row the board reads (the person's newest) carries the track record.
    let sql = format!(
        "SELECT CAST(COALESCE(rekam_jejak, -1) AS BIGINT) FROM asesmen_potensi WHERE nip = '{nip0}'
         ORDER BY tanggal DESC LIMIT 1"
    );
    let newest: i64 = match &s.db {
        Db::Sqlite(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(p)
            .await
            .unwrap(),
        Db::Pg(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(p)
            .await
            .unwrap(),
    };
    assert_eq!(
        newest, 88,
        "the track record carried forward to the new row"
    );
    // Only a psikolog sends them.
    assert_eq!(post(&admin, "/instrumen/potensi", &[]).await.status(), 403);
}
on_both!(instrumen_kelompok_norma, norm_groups);

/// The header of an IPIP-50 answer sheet: `nip,1,…,50`.
fn kepala() -> String {
    std::iter::once("nip".to_string())
        .chain((1..=50).map(|i| i.to_string()))
        .collect::<Vec<_>>()
        .join(",")
}
