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
use ipasn_store::baca;
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
    /// `provinsi`, `kabkota` (both shipped) or `rinci` (the admin's file); absent: the finest
    /// level the units are coded at.
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

/// A unit of a clicked region, with its figures of the year.
#[derive(Clone, Debug, Serialize)]
pub struct UnitWilayah {
    /// The unit.
    pub unor_id: String,
    /// Its name.
    pub nama: String,
    /// Its region code.
    pub kode_wilayah: String,
    /// Persons in its subtree.
    pub pegawai: i64,
    /// Mean IP (absent when suppressed or nobody is measured).
    pub ip: Option<f64>,
    /// Category of the mean.
    pub kategori: Option<String>,
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
    /// `provinsi`, `kabkota` (shipped) or `rinci` (the admin's file).
    pub lapisan: String,
    /// Whether a finer layer is loaded.
    pub ada_rinci: bool,
    /// The year's target.
    pub target: f64,
    /// The small-group threshold (regions under it are hidden).
    pub kelompok_kecil: i64,
    /// The year's category bands, for the legend.
    pub pita: Vec<crate::tampilan::PitaKategori>,
    /// Regions with data.
    pub wilayah: Vec<WilayahPeta>,
    /// Codes not on this layer.
    pub tak_dikenal: Vec<KodeTakDikenal>,
    /// The top-level units of a clicked region (those whose parent is not in the region),
    /// with their figures.
    pub unit_wilayah: Vec<UnitWilayah>,
    /// The clicked region.
    pub kode: Option<String>,
}

/// A shipped layer (`peta/provinsi.geojson`: 38 provinces; `peta/kabkota.geojson`: 514
/// kabupaten/kota; simplified from cahyadsn/wilayah_boundaries, MIT — `assets/peta/LICENSE`).
pub fn lapisan_bawaan(nama: &str) -> Option<&'static str> {
    static PROVINSI: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    static KABKOTA: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let (cell, path) = match nama {
        "provinsi" => (&PROVINSI, "peta/provinsi.geojson"),
        "kabkota" => (&KABKOTA, "peta/kabkota.geojson"),
        _ => return None,
    };
    Some(cell.get_or_init(|| {
        let f = crate::aset::Aset::get(path).expect("the shipped layers are embedded");
        String::from_utf8_lossy(&f.data).into_owned()
    }))
}

/// The shipped province layer.
pub fn provinsi_geojson() -> &'static str {
    lapisan_bawaan("provinsi").unwrap_or_default()
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
    let layer = |nama: &str| -> Result<Option<Vec<(String, String)>>, Galat> {
        let text = match nama {
            "rinci" => rinci.as_ref().map(|r| r.1.as_str()),
            other => lapisan_bawaan(other),
        };
        text.map(|t| fitur(t).map_err(|e| Galat::Server(e.dalam(Lang::En), user.api)))
            .transpose()
    };
    let data_wilayah = baca::wilayah(&app.db, tahun, &path).await?;
    // The layer asked for; else the finest one any unit's region code is on (an uploaded
    // kecamatan file, then kab/kota, then provinces).
    let (lapisan, features) = match lapisan.filter(|l| ["provinsi", "kabkota", "rinci"].contains(l))
    {
        Some(l) => match layer(l)? {
            Some(f) => (l, f),
            None => ("provinsi", layer("provinsi")?.unwrap_or_default()),
        },
        None => {
            let mut chosen = None;
            for l in ["rinci", "kabkota", "provinsi"] {
                if let Some(f) = layer(l)? {
                    let kode = Lapisan::new(f.iter().map(|f| f.0.as_str()));
                    let exact = data_wilayah
                        .iter()
                        .any(|w| kode.wilayah(&w.kode_wilayah) == Some(w.kode_wilayah.trim()));
                    if exact || l == "provinsi" {
                        chosen = Some((l, f));
                        break;
                    }
                }
            }
            chosen.unwrap_or(("provinsi", vec![]))
        }
    };
    let rules = baca::aturan(&app.db, tahun)
        .await?
        .ok_or_else(|| user.tidak_ada())?;
    let ambang = pengaturan::kelompok_kecil(&app.db).await?;
    let kecil = KelompokKecil::new(ambang);
    let mut sums: BTreeMap<String, (i64, i64, i64, i64)> = BTreeMap::new();
    let mut unknown: BTreeMap<String, i64> = BTreeMap::new();
    let lapisan_kode = Lapisan::new(features.iter().map(|f| f.0.as_str()));
    for w in data_wilayah {
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
        Some(c) if !c.is_empty() => {
            let units = baca::unor_wilayah(&app.db, &path, c).await?;
            let ids: std::collections::HashSet<&str> =
                units.iter().map(|u| u.unor_id.as_str()).collect();
            let mut out = vec![];
            for u in units
                .iter()
                .filter(|u| u.induk.as_deref().is_none_or(|i| !ids.contains(i)))
            {
                let r = baca::ringkasan(&app.db, tahun, &u.unor_id).await?;
                let n = r.as_ref().map_or(0, |r| r.dalam_rerata);
                out.push(UnitWilayah {
                    unor_id: u.unor_id.clone(),
                    nama: u.nama.clone(),
                    kode_wilayah: u.kode_wilayah.clone(),
                    pegawai: r.as_ref().map_or(0, |r| r.pegawai),
                    ip: kecil.tampil(n, r.as_ref().and_then(|r| num(r.ip()))),
                    kategori: kecil.tampil(
                        n,
                        r.as_ref()
                            .and_then(|r| r.kategori)
                            .and_then(|k| rules.kategori.get(k as usize))
                            .map(|b| b.nama.clone()),
                    ),
                });
            }
            out
        }
        _ => vec![],
    };
    Ok(Some(Peta {
        tahun,
        tahun_list,
        lapisan: lapisan.to_string(),
        ada_rinci: rinci.is_some(),
        target: pengaturan::target(&app.db, tahun).await?,
        kelompok_kecil: ambang,
        pita: crate::tampilan::PitaKategori::dari_aturan(&rules, user.t()),
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
