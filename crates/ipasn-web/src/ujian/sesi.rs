//! Scheduling sessions: the list, the new-session form (instruments in order with their time
//! limits, a window of days, the invited group: a unit subtree, a jenjang, a NIP file, or
//! everyone whose assessment is due), the session page (token cards are [`super::kartu`]), the
//! session's proctors and the rules. Audited.

use super::{RencanaTersimpan, aturan, rencana};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, render};
use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use ipasn_store::akun::Peran;
use ipasn_store::ujian::{self as simpan, Kelompok, Ringkas};
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route(
            "/ujian/sesi",
            get(daftar)
                .post(buat)
                .layer(DefaultBodyLimit::max(crate::BERKAS_MAKS)),
        )
        .route("/ujian/sesi/{id}", get(halaman))
        .route("/ujian/sesi/{id}/pengawas-akun", post(atur_pengawas))
        .route("/ujian/aturan", post(simpan_aturan))
}

#[derive(Template)]
#[template(path = "ujian_daftar.html")]
struct DaftarPage {
    nav: Nav,
    sesi: Vec<Ringkas>,
    /// Instruments to choose: (version id, name).
    instrumen: Vec<(i64, String)>,
    /// Units to choose (tree order): (id, indented name).
    unor: Vec<(String, String)>,
    /// The form as typed (after a refusal) and the problem.
    isi: BTreeMap<String, String>,
    masalah: Vec<String>,
    atur: bool,
    /// The rules as stored (or the shipped file) for the admin's form, and a problem with a
    /// refused change.
    aturan_teks: String,
    aturan_masalah: String,
    admin: bool,
    /// The invitation groups: (code, words, chosen).
    kelompok: Vec<(&'static str, String, bool)>,
    unor_dipilih: String,
}

async fn daftar(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    tampil_daftar(&app, &u, BTreeMap::new(), vec![]).await
}

async fn tampil_daftar(
    app: &App,
    u: &Pengguna,
    isi: BTreeMap<String, String>,
    masalah: Vec<String>,
) -> Result<Response, Galat> {
    if u.akun.peran == Peran::Pegawai {
        return Ok(Redirect::to("/ujian").into_response());
    }
    let atur = u.atur_ujian();
    let mut sesi = vec![];
    for mut r in simpan::daftar_sesi(&app.db).await? {
        if atur || u.awasi_ujian(app, r.sesi.id).await? {
            // A scoped user's counts are of their subtree's takers.
            if u.cakupan.is_some() {
                let p: Vec<_> = simpan::peserta_sesi(&app.db, r.sesi.id)
                    .await?
                    .into_iter()
                    .filter(|p| u.dalam_cakupan(&p.unor_path))
                    .collect();
                r.diundang = p.len() as i64;
                r.mulai = p.iter().filter(|p| p.mulai.is_some()).count() as i64;
                r.selesai = p.iter().filter(|p| p.selesai.is_some()).count() as i64;
            }
            sesi.push(r);
        }
    }
    if !atur && sesi.is_empty() {
        return Err(u.terlarang());
    }
    let mut instrumen = vec![];
    let mut unor = vec![];
    if atur {
        crate::instrumen::pastikan_bawaan(&app.db).await?;
        // The newest version of each instrument first.
        let mut v = ipasn_store::instrumen::daftar_versi(&app.db).await?;
        v.sort_by(|a, b| b.id.cmp(&a.id));
        instrumen = v
            .into_iter()
            .map(|v| {
                (
                    v.id,
                    format!(
                        "{} ({}, {})",
                        v.nama,
                        v.instrumen,
                        &v.versi[..8.min(v.versi.len())]
                    ),
                )
            })
            .collect();
        unor = crate::akun::pilihan_unor(app, u).await?;
    }
    let t = u.t();
    let dipilih = isi.get("kelompok").cloned().unwrap_or_default();
    let kelompok = [
        ("semua", "uji_kelompok_semua"),
        ("unor", "uji_kelompok_unor"),
        ("jenjang", "uji_kelompok_jenjang"),
        ("nip", "uji_kelompok_nip"),
        ("jatuh_tempo", "uji_kelompok_jatuh_tempo"),
    ]
    .into_iter()
    .map(|(k, kunci)| (k, t.s(kunci).to_string(), dipilih == k))
    .collect();
    let unor_dipilih = isi.get("unor_id").cloned().unwrap_or_default();
    let aturan_teks = match isi.get("aturan") {
        Some(t) => t.clone(),
        None => ipasn_store::pengaturan::get(&app.db, "ujian_aturan")
            .await?
            .unwrap_or_else(|| ipasn_instrumen::ujian::ATURAN_BAWAAN.to_string()),
    };
    let aturan_masalah = isi.get("aturan_masalah").cloned().unwrap_or_default();
    render(&DaftarPage {
        aturan_teks,
        aturan_masalah,
        admin: u.admin(),
        nav: Nav::of(u),
        sesi,
        instrumen,
        unor,
        isi,
        masalah,
        atur,
        kelompok,
        unor_dipilih,
    })
}

/// The new-session form's fields (multipart: a NIP file may come with it).
async fn baca_form(
    form: &mut Multipart,
    u: &Pengguna,
) -> Result<(Vec<(String, String)>, Option<(String, Vec<u8>)>), Galat> {
    let mut fields = vec![];
    let mut file = None;
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        if name == "berkas" {
            let fname = field.file_name().unwrap_or("nip.csv").to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| u.permintaan("upload_cut_off"))?;
            if !bytes.is_empty() {
                file = Some((fname, bytes.to_vec()));
            }
        } else if fields.len() < 200 {
            let v = field
                .text()
                .await
                .map_err(|_| u.permintaan("upload_cut_off"))?;
            fields.push((name, v.chars().take(2000).collect()));
        }
    }
    Ok((fields, file))
}

async fn buat(State(app): State<App>, u: Pengguna, mut form: Multipart) -> Result<Response, Galat> {
    if !u.atur_ujian() {
        return Err(u.terlarang());
    }
    let (fields, file) = baca_form(&mut form, &u).await?;
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let isi: BTreeMap<String, String> = fields
        .iter()
        .filter(|(k, _)| k != "instrumen")
        .cloned()
        .collect();
    let t = u.t();
    let mut masalah = vec![];
    let nama = get("nama");
    if nama.is_empty() {
        masalah.push(t.s("uji_nama_wajib").to_string());
    }
    let mut versi: Vec<i64> = vec![];
    for (k, v) in &fields {
        if k == "instrumen"
            && let Ok(id) = v.trim().parse::<i64>()
            && !versi.contains(&id)
        {
            versi.push(id);
        }
    }
    if versi.is_empty() {
        masalah.push(t.s("uji_instrumen_wajib").to_string());
    }
    for id in &versi {
        if ipasn_store::instrumen::versi(&app.db, *id).await?.is_none() {
            masalah.push(t.s("uji_instrumen_wajib").to_string());
        }
    }
    let buka = ipasn_data::instrumen::tanggal(&get("buka")).map(|d| d.to_string());
    let tutup = ipasn_data::instrumen::tanggal(&get("tutup")).map(|d| d.to_string());
    let (buka, tutup) = match (buka, tutup) {
        (Some(b), Some(c)) if b <= c => (b, c),
        _ => {
            masalah.push(t.s("uji_jendela_salah").to_string());
            (String::new(), String::new())
        }
    };
    // Time limits the session sets: `menit_<instrument>_<section>` (blank = the bundle's).
    let mut waktu = BTreeMap::new();
    for (k, v) in &fields {
        if let Some(rest) = k.strip_prefix("menit_")
            && let Some((a, b)) = rest.split_once('_')
            && !v.trim().is_empty()
        {
            match (
                a.parse::<usize>(),
                b.parse::<usize>(),
                v.trim().replace(',', ".").parse::<f64>(),
            ) {
                (Ok(a), Ok(b), Ok(m)) if (0.0..=1440.0).contains(&m) => {
                    waktu.insert(format!("{a}.{b}"), (m * 60.0).round() as u32);
                }
                _ => masalah.push(t.f1("uji_menit_salah", v.trim())),
            }
        }
    }
    let a = aturan(&app).await?;
    let kelompok = get("kelompok");
    let orang: Vec<(String, String, String)> = match kelompok.as_str() {
        "semua" => simpan::pegawai_kelompok(&app.db, &Kelompok::Semua).await?,
        "unor" => match ipasn_store::baca::unor(&app.db, &get("unor_id")).await? {
            Some(x) => simpan::pegawai_kelompok(&app.db, &Kelompok::Unor(x.path)).await?,
            None => {
                masalah.push(t.s("uji_unor_wajib").to_string());
                vec![]
            }
        },
        "jenjang" if !get("jenjang").is_empty() => {
            simpan::pegawai_kelompok(&app.db, &Kelompok::Jenjang(get("jenjang"))).await?
        }
        "jatuh_tempo" => {
            let hari = super::hari_ini(&app).await?;
            let tahun: i32 = hari[..4].parse().unwrap_or(2000) - a.berlaku_tahun as i32;
            let sejak = format!("{tahun:04}{}", &hari[4..]);
            simpan::pegawai_kelompok(&app.db, &Kelompok::JatuhTempo(sejak)).await?
        }
        "nip" => match &file {
            Some((fname, bytes)) => match {
                // Read off the async threads (a large XLSX takes a moment).
                let (fname, bytes, lang) = (fname.clone(), bytes.clone(), u.lang);
                tokio::task::spawn_blocking(move || nip_berkas(&fname, &bytes, lang))
                    .await
                    .map_err(|e| Galat::Server(e.to_string(), false))?
            } {
                Ok(nip) => {
                    // Outside the user's scope reads as not there (a scoped user learns
                    // nothing of others).
                    let ada: Vec<_> = simpan::pegawai_undang(&app.db, &nip)
                        .await?
                        .into_iter()
                        .filter(|o| u.dalam_cakupan(&o.2))
                        .collect();
                    let kenal: std::collections::HashSet<&str> =
                        ada.iter().map(|r| r.0.as_str()).collect();
                    let asing: Vec<&String> =
                        nip.iter().filter(|n| !kenal.contains(n.as_str())).collect();
                    if !asing.is_empty() {
                        let contoh: Vec<&str> = asing.iter().take(10).map(|s| s.as_str()).collect();
                        masalah.push(t.f2("uji_nip_asing", asing.len(), contoh.join(", ")));
                    }
                    ada
                }
                Err(m) => {
                    masalah.push(m);
                    vec![]
                }
            },
            None => {
                masalah.push(t.s("uji_berkas_nip_wajib").to_string());
                vec![]
            }
        },
        _ => {
            masalah.push(t.s("uji_kelompok_wajib").to_string());
            vec![]
        }
    };
    // A scoped psikolog invites persons of their subtree only.
    let orang: Vec<_> = orang
        .into_iter()
        .filter(|o| u.dalam_cakupan(&o.2))
        .collect();
    if masalah.is_empty() && orang.is_empty() {
        masalah.push(t.s("uji_kelompok_kosong").to_string());
    }
    if orang.len() > a.maks_peserta as usize {
        masalah.push(t.f2("uji_terlalu_banyak_peserta", orang.len(), a.maks_peserta));
    }
    if !masalah.is_empty() {
        return tampil_daftar(&app, &u, isi, masalah).await;
    }
    let rencana = RencanaTersimpan {
        instrumen: versi.clone(),
        waktu,
    };
    let rencana = serde_json::to_string(&rencana).expect("plan serialises");
    let kel = json!({"kelompok": kelompok, "unor_id": get("unor_id"), "jenjang": get("jenjang"), "berkas": file.as_ref().map(|f| f.0.clone())}).to_string();
    let id = simpan::buat_sesi(
        &app.db,
        &nama,
        &rencana,
        &buka,
        &tutup,
        &kel,
        &orang,
        &u.akun.username,
    )
    .await?;
    u.catat(
        &app,
        "buat_sesi_ujian",
        &format!("sesi:{id}"),
        &json!({"nama": nama, "instrumen": versi, "buka": buka, "tutup": tutup, "peserta": orang.len(), "kelompok": kelompok}).to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/ujian/sesi/{id}")).into_response())
}

/// The NIPs of an uploaded file (a `nip` column, else the first column), in order, once each.
fn nip_berkas(nama: &str, isi: &[u8], lang: ipasn_core::teks::Lang) -> Result<Vec<String>, String> {
    let l = ipasn_data::instrumen::lembar(nama, isi).map_err(|m| m.baris_teks(lang))?;
    let judul: Vec<String> = l
        .baris
        .first()
        .map(|(_, r)| r.iter().map(|c| c.trim().to_lowercase()).collect())
        .unwrap_or_default();
    let (kolom, lewati) = match judul.iter().position(|c| c == "nip") {
        Some(k) => (k, 1),
        None => (0, 0),
    };
    let mut out = vec![];
    let mut seen = std::collections::HashSet::new();
    for (_, r) in l.baris.iter().skip(lewati) {
        let n: String = r
            .get(kolom)
            .map(|c| c.trim().trim_start_matches('\'').to_string())
            .unwrap_or_default();
        if !n.is_empty() && seen.insert(n.clone()) {
            out.push(n);
        }
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "ujian_sesi.html")]
struct SesiPage {
    nav: Nav,
    id: i64,
    nama: String,
    buka: String,
    tutup: String,
    /// Sections: (instrument, section title, limit in words).
    bagian: Vec<(String, String, String)>,
    diundang: usize,
    belum_mulai: usize,
    atur: bool,
    /// Accounts that may proctor: (id, name, role, chosen).
    akun: Vec<(i64, String, String, bool)>,
    /// Whether the viewer may see results and integrity signals.
    lihat_hasil: bool,
    /// Submitted attempts: (NIP, name, ended by, signals in words, flagged).
    hasil: Vec<(String, String, String, String, bool)>,
    /// The live table's first state (the proctor view keeps it current).
    awal: String,
    /// The statuses in words, for the live table.
    kata_status: String,
}

async fn halaman(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    if !u.awasi_ujian(&app, id).await? {
        return Err(u.terlarang());
    }
    let Some(r) = rencana(&app, id).await? else {
        return Err(u.tidak_ada());
    };
    let t = u.t();
    let bagian = r
        .bagian
        .iter()
        .map(|b| {
            let bd = &r.bundel[b.instrumen];
            let judul = bd
                .definisi
                .bagian
                .get(b.bagian)
                .and_then(|s| s.judul.clone())
                .unwrap_or_else(|| format!("{}", b.bagian + 1));
            let w = match b.detik {
                Some(d) => t.f1("uji_menit", t.angka(f64::from(d) / 60.0)),
                None => t.s("uji_tanpa_batas").to_string(),
            };
            (bd.definisi.nama.clone(), judul, w)
        })
        .collect();
    let peserta = simpan::peserta_sesi(&app.db, id).await?;
    let atur = u.atur_ujian();
    let akun = if atur {
        let dipilih = simpan::pengawas(&app.db, id).await?;
        ipasn_store::akun::daftar(&app.db)
            .await?
            .into_iter()
            .filter(|a| {
                matches!(
                    a.peran,
                    Peran::Analis | Peran::Asesor | Peran::Psikolog | Peran::Admin
                )
            })
            .map(|a| {
                (
                    a.id,
                    a.nama.clone(),
                    a.peran.as_str().to_string(),
                    dipilih.contains(&a.id),
                )
            })
            .collect()
    } else {
        vec![]
    };
    // Results and integrity signals: only who may read this session's instruments' results.
    let lihat_hasil = r.versi.iter().all(|v| u.boleh_hasil(v));
    let mut hasil = vec![];
    if lihat_hasil {
        for p in peserta
            .iter()
            .filter(|p| p.selesai.is_some() && u.dalam_cakupan(&p.unor_path))
        {
            let v: serde_json::Value = p
                .hasil
                .as_deref()
                .and_then(|h| serde_json::from_str(h).ok())
                .unwrap_or_default();
            let s: ipasn_instrumen::ujian::Sinyal =
                serde_json::from_value(v["sinyal"].clone()).unwrap_or_default();
            let oleh = t.s(match p.selesai_oleh.as_deref() {
                Some("tenggat") => "uji_oleh_tenggat",
                Some("tutup") => "uji_oleh_tutup",
                _ => "uji_oleh_peserta",
            });
            let teks = t.f(
                "uji_sinyal",
                &[
                    &s.dijawab,
                    &s.butir,
                    &s.median_ms
                        .map(|m| t.angka(m as f64 / 1000.0))
                        .unwrap_or_else(|| "–".into()),
                    &s.median_server_ms
                        .map(|m| t.angka(m as f64 / 1000.0))
                        .unwrap_or_else(|| "–".into()),
                    &s.cepat,
                    &s.sama_beruntun,
                    &s.keluar,
                ],
            );
            hasil.push((
                p.nip.clone(),
                p.nama.clone(),
                oleh.to_string(),
                teks,
                s.mencolok,
            ));
        }
        let nip: Vec<&String> = hasil.iter().map(|h| &h.0).collect();
        u.catat(
            &app,
            "lihat_hasil_ujian",
            &format!("sesi:{id}"),
            &json!({"nip": nip}).to_string(),
        )
        .await?;
    }
    let awal = super::pengawas::baris(&app, &r, &peserta, &u).await?;
    u.catat(&app, "lihat_sesi_ujian", &format!("sesi:{id}"), "")
        .await?;
    render(&SesiPage {
        nav: Nav::of(&u),
        id,
        nama: r.sesi.nama.clone(),
        buka: r.sesi.buka.clone(),
        tutup: r.sesi.tutup.clone(),
        bagian,
        diundang: peserta
            .iter()
            .filter(|p| u.dalam_cakupan(&p.unor_path))
            .count(),
        belum_mulai: peserta
            .iter()
            .filter(|p| p.mulai.is_none() && u.dalam_cakupan(&p.unor_path))
            .count(),
        atur,
        akun,
        lihat_hasil,
        hasil,
        awal: crate::tampilan::script_json(&awal),
        kata_status: crate::tampilan::script_json(
            &[
                "belum",
                "mengerjakan",
                "diam",
                "terputus",
                "jeda",
                "selesai",
            ]
            .iter()
            .map(|k| (k.to_string(), t.s(&format!("uji_st_{k}")).to_string()))
            .collect::<BTreeMap<_, _>>(),
        ),
    })
}

/// Sets the session's proctors (ticked accounts).
async fn atur_pengawas(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, Galat> {
    if !u.atur_ujian() {
        return Err(u.terlarang());
    }
    let Some(sesi) = simpan::sesi(&app.db, id).await? else {
        return Err(u.tidak_ada());
    };
    // A session's proctors are named by an admin, an unscoped psikolog, or whoever created it.
    if !(u.admin() || u.cakupan.is_none() || sesi.oleh == u.akun.username) {
        return Err(u.terlarang());
    }
    let dipilih: std::collections::HashSet<i64> = f
        .iter()
        .filter(|(k, _)| k == "akun")
        .filter_map(|(_, v)| v.parse().ok())
        .take(500)
        .collect();
    // Only existing accounts of the roles offered (a pimpinan or a pegawai never proctors).
    let akun: Vec<i64> = ipasn_store::akun::daftar(&app.db)
        .await?
        .into_iter()
        .filter(|a| {
            dipilih.contains(&a.id)
                && matches!(
                    a.peran,
                    Peran::Analis | Peran::Asesor | Peran::Psikolog | Peran::Admin
                )
        })
        .map(|a| a.id)
        .collect();
    simpan::atur_pengawas(&app.db, id, &akun).await?;
    u.catat(
        &app,
        "pengawas_ujian",
        &format!("sesi:{id}"),
        &json!({"akun": akun}).to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/ujian/sesi/{id}#pengawas")).into_response())
}

#[derive(Deserialize)]
struct FormAturan {
    #[serde(default)]
    aturan: String,
}

/// The admin changes the online-test rules (the same keys as the shipped file; checked; a
/// refused text stays in the form with the problem). Audited.
async fn simpan_aturan(
    State(app): State<App>,
    u: Pengguna,
    Form(f): Form<FormAturan>,
) -> Result<Response, Galat> {
    if !u.admin() {
        return Err(u.terlarang());
    }
    let teks: String = f.aturan.chars().take(20_000).collect();
    match ipasn_instrumen::ujian::AturanUjian::baca(&teks) {
        Ok(_) => {
            ipasn_store::pengaturan::set(&app.db, "ujian_aturan", &teks).await?;
            super::lupakan_pengaturan(&app);
            u.catat(&app, "pengaturan", "ujian_aturan", &teks).await?;
            Ok(Redirect::to("/ujian/sesi#aturan").into_response())
        }
        Err(e) => {
            let mut isi = BTreeMap::new();
            isi.insert("aturan".to_string(), teks);
            isi.insert(
                "aturan_masalah".to_string(),
                u.t().f1("uji_aturan_salah", e),
            );
            tampil_daftar(&app, &u, isi, vec![]).await
        }
    }
}
