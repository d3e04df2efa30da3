//! The potential test score from the instruments, into the nine-box: the mapping table (the
//! instansi's own, setting `potensi_instrumen`, else `ipasn_instrumen::potensi::BAWAAN`) turns
//! each person's latest result of each instrument — a scale's percentile against the norm it was
//! scored with, or a test's share of its maximum — into a potential test score 0–100 per person.
//! The scores enter through the assessment import (`ipasn_store::asesmen::impor`, a file of
//! `nip, skor, tanggal, sumber`), the same checked, audited path as an uploaded file, so the
//! talent board's potential uses them as its "potential test" input. The psikolog runs it;
//! the table can be downloaded and replaced (checked first).

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use ipasn_data::tabel::tulis::Sel;
use ipasn_instrumen::norma::Norma;
use ipasn_instrumen::potensi::{PetaPotensi, UkuranSumber};
use ipasn_instrumen::skor::Hasil;
use ipasn_store::instrumen as simpan;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

pub(super) fn routes() -> Router<App> {
    Router::new()
        .route("/instrumen/potensi", post(kirim))
        .route("/instrumen/potensi.toml", get(unduh_peta))
        .route("/instrumen/potensi/peta", post(simpan_peta))
}

/// The mapping table in force.
pub(super) async fn peta(app: &App) -> Result<PetaPotensi, Galat> {
    match ipasn_store::pengaturan::get(&app.db, "potensi_instrumen").await? {
        Some(t) => PetaPotensi::baca(&t)
            .map_err(|e| Galat::Server(format!("stored potential table: {e}"), false)),
        None => Ok(PetaPotensi::bawaan()),
    }
}

/// A person's sources: per (instrument id, scale code) the percentile and the percent of the
/// maximum, and the latest test date.
#[derive(Default)]
struct Sumber {
    nilai: HashMap<(String, String), (Option<f64>, Option<f64>)>,
    tanggal: String,
}

async fn kirim(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    if !u.rilis_instrumen() {
        return Err(u.terlarang());
    }
    let peta = peta(&app).await?;
    let mut orang: BTreeMap<String, Sumber> = BTreeMap::new();
    // The versions' results, newest version first: a person's latest result per instrument wins.
    let mut versi = simpan::daftar_versi(&app.db).await?;
    versi.sort_by_key(|v| std::cmp::Reverse(v.id));
    let mut norma_cache: HashMap<i64, Option<Norma>> = HashMap::new();
    let mut dipakai: HashMap<(String, String), String> = HashMap::new();
    for v in &versi {
        let rows = simpan::hasil_versi(&app.db, v.id).await?;
        if rows.is_empty() {
            continue;
        }
        for h in rows
            .iter()
            .filter(|h| !h.path.is_empty() && u.dalam_cakupan(&h.path))
        {
            let key = (h.nip.clone(), v.instrumen.clone());
            if dipakai.get(&key).is_some_and(|t| *t >= h.tanggal) {
                continue;
            }
            dipakai.insert(key, h.tanggal.clone());
            let Ok(skor) = serde_json::from_str::<Hasil>(&h.skor) else {
                continue;
            };
            let norma = match h.norma_id {
                Some(n) => {
                    if !norma_cache.contains_key(&n) {
                        let isi = simpan::norma(&app.db, n)
                            .await?
                            .and_then(|r| serde_json::from_str(&r.isi).ok());
                        norma_cache.insert(n, isi);
                    }
                    norma_cache[&n].clone()
                }
                None => None,
            };
            let s = orang.entry(h.nip.clone()).or_default();
            s.nilai.retain(|(ins, _), _| *ins != v.instrumen);
            for sk in &skor.skala {
                let p = sk
                    .mentah
                    .and_then(|x| norma.as_ref()?.skala.get(&sk.kode)?.nilai(x))
                    .map(|v| v.1);
                let persen = sk
                    .mentah
                    .filter(|_| sk.maks > 0.0)
                    .map(|x| 100.0 * x / sk.maks);
                s.nilai
                    .insert((v.instrumen.clone(), sk.kode.to_uppercase()), (p, persen));
            }
            if let Some((t, m)) = skor.total.filter(|t| t.1 > 0.0) {
                s.nilai.insert(
                    (v.instrumen.clone(), "TOTAL".into()),
                    (None, Some(100.0 * t / m)),
                );
            }
            if h.tanggal > s.tanggal {
                s.tanggal = h.tanggal.clone();
            }
        }
    }
    // The import file, written as every table is (formula-looking text neutralised).
    // The track record stays with the person: the new row carries their latest one.
    let rekam = ipasn_store::asesmen::rekam_jejak_terakhir(&app.db).await?;
    let mut baris = vec![];
    for (nip, s) in &orang {
        let hasil = peta.hitung(|ins, skala, ukuran| {
            let (p, persen) = *s.nilai.get(&(ins.to_string(), skala.to_uppercase()))?;
            match ukuran {
                UkuranSumber::Persentil => p,
                UkuranSumber::Persen => persen,
            }
        });
        if let Some(skor) = hasil.skor {
            baris.push(vec![
                Sel::from(nip.as_str()),
                Sel::Angka((skor * 100.0).round() / 100.0),
                Sel::from(s.tanggal.as_str()),
                Sel::from(peta.id.as_str()),
                Sel::from(rekam.get(nip).copied()),
            ]);
        }
    }
    let n = baris.len();
    let kolom = ["nip", "skor", "tanggal", "sumber", "rekam_jejak"]
        .map(String::from)
        .to_vec();
    let csv = ipasn_data::tabel::tulis::Tabel::new(kolom, baris).csv();
    if n == 0 {
        return Ok(Redirect::to("/instrumen?potensi=0").into_response());
    }
    let aturan = crate::asesmen::aturan_asesmen(&app).await?;
    let (impor_id, status) = ipasn_store::asesmen::impor(
        &app.db,
        Some((u.akun.id, &u.akun.username)),
        "potensi-instrumen.csv",
        &csv,
        &aturan,
    )
    .await?;
    u.catat(
        &app,
        "potensi_instrumen",
        &impor_id.to_string(),
        &json!({"orang": n, "peta": peta.id, "status": status}).to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/instrumen?potensi={n}")).into_response())
}

async fn unduh_peta(State(app): State<App>, u: Pengguna) -> Result<Response, Galat> {
    if !u.unggah_bundel() {
        return Err(u.terlarang());
    }
    let text = ipasn_store::pengaturan::get(&app.db, "potensi_instrumen")
        .await?
        .unwrap_or_else(|| ipasn_instrumen::potensi::BAWAAN.to_string());
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/toml; charset=utf-8",
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"potensi.toml\"",
            ),
        ],
        text,
    )
        .into_response())
}

async fn simpan_peta(
    State(app): State<App>,
    u: Pengguna,
    mut form: Multipart,
) -> Result<Response, Galat> {
    if !u.rilis_instrumen() {
        return Err(u.terlarang());
    }
    let Some((_, bytes)) = crate::unggahan::berkas(&mut form, &u).await? else {
        return Err(u.permintaan("choose_toml_file"));
    };
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| u.permintaan("file_must_be_toml"))?;
    let p = PetaPotensi::baca(&text)
        .map_err(|e| u.permintaan(crate::teks::Pesan::new("ins_peta_tidak_sah").isi(e)))?;
    ipasn_store::pengaturan::set(&app.db, "potensi_instrumen", &text).await?;
    u.catat(
        &app,
        "peta_potensi",
        &p.id,
        &ipasn_instrumen::bundel::sidik(text.as_bytes()),
    )
    .await?;
    Ok(Redirect::to("/instrumen#potensi").into_response())
}
