//! Norm groups: a person is placed against the narrowest group that has enough people — their
//! jenjang jabatan, else their jenis jabatan, else their unit's region (kode wilayah), else the
//! whole instansi (`norma_minimum` people, default 100) — and the profile says which group, and
//! why a narrower one was passed over.
//! A norm build makes one version per group present in the stored results.

use super::{minimum_db, muat, versi_row};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::teks::T;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use ipasn_instrumen::norma::{self, Norma};
use ipasn_instrumen::skor::Hasil;
use ipasn_store::Db;
use ipasn_store::instrumen as simpan;
use serde_json::json;
use std::collections::BTreeMap;

/// The whole instansi's group key.
pub const INSTANSI: &str = "instansi";

/// A person's norm groups: jenjang jabatan, jenis jabatan, region code (empty: unknown).
#[derive(Clone, Debug, Default)]
pub struct Posisi {
    /// Jenjang jabatan.
    pub jenjang: String,
    /// Jenis jabatan.
    pub jenis: String,
    /// The unit's kode wilayah.
    pub wilayah: String,
}

/// A person's group keys, narrowest first.
pub fn kelompok(p: &Posisi) -> Vec<String> {
    let mut k = vec![];
    if !p.jenjang.is_empty() {
        k.push(format!("jenjang:{}", p.jenjang));
    }
    if !p.jenis.is_empty() {
        k.push(format!("jenis:{}", p.jenis));
    }
    if !p.wilayah.is_empty() {
        k.push(format!("wilayah:{}", p.wilayah));
    }
    k.push(INSTANSI.to_string());
    k
}

/// The person's groups in the newest build of `stored`, narrowest first, and the one to use:
/// the first that rests on at least `minimum` people.
pub fn pilih<'a>(
    stored: &'a [simpan::Norma],
    posisi: &Posisi,
    minimum: i64,
) -> (Vec<&'a simpan::Norma>, Option<&'a simpan::Norma>) {
    // Only the newest build: a group missing from it is not taken from an older one.
    let terbaru = stored
        .iter()
        .map(|n| n.dibuat.as_str())
        .max()
        .unwrap_or_default();
    let calon: Vec<&simpan::Norma> = kelompok(posisi)
        .iter()
        .filter_map(|k| {
            stored
                .iter()
                .filter(|n| &n.kelompok == k && n.dibuat == terbaru)
                .max_by_key(|n| n.id)
        })
        .collect();
    let sizes: Vec<(String, usize)> = calon
        .iter()
        .map(|n| (n.kelompok.clone(), n.n.max(0) as usize))
        .collect();
    let pakai = norma::pilih_kelompok(&sizes, minimum.max(0) as usize).map(|i| calon[i]);
    (calon, pakai)
}

/// A group key in words.
pub fn nama(key: &str, t: T) -> String {
    match key.split_once(':') {
        Some(("jenjang", v)) => t.f1("ins_kelompok_jenjang", v),
        Some(("jenis", v)) => t.f1("ins_kelompok_jenis", v),
        Some(("wilayah", v)) => t.f1("ins_kelompok_wilayah", v),
        _ => t.s("ins_kelompok_instansi").to_string(),
    }
}

/// Linear norms of every group present: (group key, norm), from each result's scores and the
/// person's groups.
pub fn bangun(rows: &[(Posisi, Hasil)]) -> Vec<(String, Norma)> {
    let mut groups: BTreeMap<String, Vec<&Hasil>> = BTreeMap::new();
    for (posisi, h) in rows {
        for k in kelompok(posisi) {
            groups.entry(k).or_default().push(h);
        }
    }
    groups
        .into_iter()
        .map(|(k, hs)| {
            let n = norma::bangun(&k, &hs);
            (k, n)
        })
        .collect()
}

/// Builds norm versions from every stored result of this version — one per group present
/// (jenjang, jenis jabatan, the whole instansi) — and scores the results that had no norm
/// against the narrowest group with enough people. Audited with each group's size.
pub(super) async fn bangun_norma(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
) -> Result<Response, Galat> {
    let v = versi_row(&app, &u, id).await?;
    // A norm is the instansi's: built by someone who sees every result.
    if !u.boleh_hasil(&v) || u.cakupan.is_some() {
        return Err(u.terlarang());
    }
    let b = muat(&app, &v).await?;
    if b.ipsatif() {
        return Err(u.permintaan("ins_ipsatif"));
    }
    let Some((dibuat, dinormakan)) = bangun_norma_versi(&app.db, id, &u.akun.username).await?
    else {
        return Err(u.permintaan("ins_norma_terlalu_kecil"));
    };
    u.catat(
        &app,
        "norma_instrumen",
        &id.to_string(),
        &json!({"kelompok": dibuat, "dinormakan": dinormakan}).to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/instrumen/{id}#norma")).into_response())
}

/// The norm groups of a stored result's person.
pub(crate) fn posisi_of(h: &simpan::Hasil) -> Posisi {
    Posisi {
        jenjang: h.jenjang.clone(),
        jenis: h.jenis.clone(),
        wilayah: h.wilayah.clone(),
    }
}

/// Builds the norms of a version from every stored result — one per group present, in one
/// transaction — and scores the results that had none against the narrowest group with
/// enough people. The groups built `{key: (norm id, N)}` and how many results took a norm, or
/// `None` when no group can place anyone (nothing is stored then).
pub async fn bangun_norma_versi(
    db: &Db,
    id: i64,
    oleh: &str,
) -> Result<Option<(BTreeMap<String, (i64, i64)>, usize)>, Galat> {
    let rows = satu_per_orang(simpan::hasil_versi(db, id).await?);
    let skor: Vec<(Posisi, ipasn_instrumen::skor::Hasil)> = rows
        .iter()
        .filter_map(|h| Some((posisi_of(h), serde_json::from_str(&h.skor).ok()?)))
        .collect();
    let baru: Vec<(String, i64, String)> = bangun(&skor)
        .into_iter()
        .map(|(k, n)| {
            (
                k,
                n.orang as i64,
                serde_json::to_string(&n).expect("norm serialises"),
            )
        })
        .collect();
    // Groups too small or without spread are stored too (N is what the profile explains a
    // fallback with); a build where no group can place anyone is refused.
    if !baru
        .iter()
        .any(|(_, _, isi)| serde_json::from_str::<Norma>(isi).is_ok_and(|n| !n.skala.is_empty()))
    {
        return Ok(None);
    }
    let ids = simpan::simpan_norma(db, id, &baru, oleh).await?;
    let dibuat: BTreeMap<String, (i64, i64)> = baru
        .iter()
        .zip(&ids)
        .map(|((k, n, _), i)| (k.clone(), (*i, *n)))
        .collect();
    let stored = simpan::norma_versi(db, id).await?;
    let minimum = minimum_db(db).await?;
    let pilihan: Vec<(i64, i64)> = rows
        .iter()
        .filter(|h| h.norma_id.is_none())
        .filter_map(|h| Some((h.id, pilih(&stored, &posisi_of(h), minimum).1?.id)))
        .collect();
    simpan::pakai_norma(db, &pilihan).await?;
    Ok(Some((dibuat, pilihan.len())))
}

/// Each person's latest result only (the store lists them newest first): someone tested twice
/// counts once in a norm and in the reliability figures, and N is people.
pub(crate) fn satu_per_orang(rows: Vec<simpan::Hasil>) -> Vec<simpan::Hasil> {
    let mut seen = std::collections::HashSet::new();
    rows.into_iter()
        .filter(|h| seen.insert(h.nip.clone()))
        .collect()
}
