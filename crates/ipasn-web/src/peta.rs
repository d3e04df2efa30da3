//! The map: mean IP per region of a layer (the shipped provinces or a finer uploaded layer),
//! unknown region codes listed — view model, page and API.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{KosongPage, Nav, num, pilih_tahun, render, script_json};
use crate::teks::Pesan;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use ipasn_core::agregat::{KelompokKecil, Lapisan};
use ipasn_core::teks::Lang;
use ipasn_store::baca::{self, Unor};
use ipasn_store::pengaturan;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The map's routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/peta", get(halaman_peta))
        .route("/api/peta", get(api_peta))
}

/// The map's query.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct PetaQ {
    /// Year.
    pub tahun: Option<i64>,
    /// `provinsi` or `rinci`.
    pub lapisan: Option<String>,
    /// A clicked region.
    pub kode: Option<String>,
}

/// A region on the map.
#[derive(Clone, Debug, Serialize)]
pub struct WilayahPeta {
    /// The layer's code (`32`, `32.75`).
    pub kode: String,
    /// Its name in the layer.
    pub nama: String,
    /// Persons in units with this region.
    pub pegawai: i64,
    /// Measured.
    pub diukur: i64,
    /// Mean IP (absent when suppressed).
    pub ip: Option<f64>,
    /// Category of the mean.
    pub kategori: Option<String>,
    /// Suppressed as a small group.
    pub disembunyikan: bool,
}

/// A region code of the data that the layer does not have.
#[derive(Clone, Debug, Serialize)]
pub struct KodeTakDikenal {
    /// The code as the units give it (empty when missing).
    pub kode_wilayah: String,
    /// Persons in those units.
    pub pegawai: i64,
}

/// The map page.
#[derive(Clone, Debug, Serialize)]
pub struct Peta {
    /// Year.
    pub tahun: i64,
    /// Computed years.
    pub tahun_list: Vec<i64>,
    /// `provinsi` (shipped) or `rinci` (the admin's file).
    pub lapisan: String,
    /// Whether a finer layer is loaded.
    pub ada_rinci: bool,
    /// The year's target.
    pub target: f64,
    /// Regions with data.
    pub wilayah: Vec<WilayahPeta>,
    /// Codes not on this layer.
    pub tak_dikenal: Vec<KodeTakDikenal>,
    /// The units of a clicked region.
    pub unit_wilayah: Vec<Unor>,
    /// The clicked region.
    pub kode: Option<String>,
}

/// The shipped province layer.
pub fn provinsi_geojson() -> &'static str {
    static S: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let f = crate::aset::Aset::get("peta/provinsi.geojson")
            .expect("the province layer is embedded");
        String::from_utf8_lossy(&f.data).into_owned()
    })
}

/// `(kode, nama)` of a layer's features.
pub fn fitur(geojson: &str) -> Result<Vec<(String, String)>, Pesan> {
    let v: serde_json::Value = serde_json::from_str(geojson)
        .map_err(|e| Pesan::new("batas_tidak_sah").isi(format!("GeoJSON: {e}")))?;
    let fs = v
        .get("features")
        .and_then(|f| f.as_array())
        .ok_or(Pesan::new("geojson_tanpa_features"))?;
    let mut out = vec![];
    for (i, f) in fs.iter().enumerate() {
        let p = f.get("properties");
        let kode = p
            .and_then(|p| p.get("kode"))
            .and_then(|k| k.as_str())
            .ok_or_else(|| Pesan::new("geojson_tanpa_kode").isi(i + 1))?;
        let nama = p
            .and_then(|p| p.get("nama"))
            .and_then(|k| k.as_str())
            .unwrap_or(kode);
        out.push((kode.to_string(), nama.to_string()));
    }
    Ok(out)
}

/// The map of a user's scope: per region of the layer, the mean IP of the units there.
pub async fn peta(
    app: &App,
    user: &Pengguna,
    tahun: Option<i64>,
    lapisan: Option<&str>,
    kode: Option<&str>,
) -> Result<Option<Peta>, Galat> {
    if !user.lihat_dasbor() {
        return Err(user.terlarang());
    }
    let (Some(tahun), tahun_list) = pilih_tahun(app, tahun).await? else {
        return Ok(None);
    };
    let Some(root) = user.unor_awal(app).await? else {
        return Ok(None);
    };
    let Some(root) = baca::unor(&app.db, &root).await? else {
        return Ok(None);
    };
    // An admin's map covers every instansi; others their subtree.
    let path = if user.cakupan.is_none() {
        String::new()
    } else {
        root.path.clone()
    };
    if !path.is_empty() && !user.boleh_unor(&path) {
        return Err(user.terlarang());
    }
    let rinci = baca::peta_batas(&app.db).await?;
    let (lapisan, features) = match (lapisan, &rinci) {
        (Some("rinci"), Some((_, g))) => (
            "rinci",
            fitur(g).map_err(|e| Galat::Server(e.dalam(Lang::En), user.api))?,
        ),
        _ => (
            "provinsi",
            fitur(provinsi_geojson()).map_err(|e| Galat::Server(e.dalam(Lang::En), user.api))?,
        ),
    };
    let rules = baca::aturan(&app.db, tahun)
        .await?
        .ok_or_else(|| user.tidak_ada())?;
    let kecil = KelompokKecil::new(pengaturan::kelompok_kecil(&app.db).await?);
    let mut sums: BTreeMap<String, (i64, i64, i64, i64)> = BTreeMap::new();
    let mut unknown: BTreeMap<String, i64> = BTreeMap::new();
    let lapisan_kode = Lapisan::new(features.iter().map(|f| f.0.as_str()));
    for w in baca::wilayah(&app.db, tahun, &path).await? {
        match lapisan_kode.wilayah(&w.kode_wilayah) {
            Some(c) => {
                let e = sums.entry(c.to_string()).or_default();
                e.0 += w.pegawai;
                e.1 += w.diukur;
                e.2 += w.dalam_rerata;
                e.3 += w.jumlah_ip;
            }
            None => {
                *unknown
                    .entry(w.kode_wilayah.trim().to_string())
                    .or_default() += w.pegawai
            }
        }
    }
    let names: BTreeMap<&str, &str> = features
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str()))
        .collect();
    let wilayah = sums
        .into_iter()
        .map(|(kode, (pegawai, diukur, n, s))| WilayahPeta {
            nama: names.get(kode.as_str()).copied().unwrap_or("").to_string(),
            ip: kecil.tampil(n, num(baca::mean(s, n))),
            kategori: kecil.tampil(
                n,
                (n > 0)
                    .then(|| {
                        rules
                            .kategori
                            .get(rules.kategori_of_mean(s as u64, n as u64))
                    })
                    .flatten()
                    .map(|b| b.nama.clone()),
            ),
            disembunyikan: kecil.sembunyikan(n),
            kode,
            pegawai,
            diukur,
        })
        .collect();
    let unit_wilayah = match kode {
        Some(c) if !c.is_empty() => baca::unor_wilayah(&app.db, &path, c).await?,
        _ => vec![],
    };
    Ok(Some(Peta {
        tahun,
        tahun_list,
        lapisan: lapisan.to_string(),
        ada_rinci: rinci.is_some(),
        target: pengaturan::target(&app.db, tahun).await?,
        wilayah,
        tak_dikenal: unknown
            .into_iter()
            .map(|(kode_wilayah, pegawai)| KodeTakDikenal {
                kode_wilayah,
                pegawai,
            })
            .collect(),
        unit_wilayah,
        kode: kode.map(str::to_string),
    }))
}

#[derive(Template)]
#[template(path = "peta.html")]
struct PetaPage {
    nav: Nav,
    d: Peta,
    json: String,
}

async fn halaman_peta(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<PetaQ>,
) -> Result<Response, Galat> {
    match peta(&app, &u, q.tahun, q.lapisan.as_deref(), q.kode.as_deref()).await? {
        Some(d) => render(&PetaPage {
            nav: Nav::of(&u),
            json: script_json(&d),
            d,
        }),
        None => render(&KosongPage {
            nav: Nav::of(&u),
            pesan: u.t().s("tidak_ada_data").into(),
        }),
    }
}

async fn api_peta(
    State(app): State<App>,
    u: Pengguna,
    Query(q): Query<PetaQ>,
) -> Result<Json<Value>, Galat> {
    Ok(Json(json!(
        peta(&app, &u, q.tahun, q.lapisan.as_deref(), q.kode.as_deref()).await?
    )))
}
