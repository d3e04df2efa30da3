//! The pegawai list of a unit's subtree: the measured persons (sort, filters, numbered pages,
//! each person's unit and position, flags by their short names), or the persons not measured
//! with the reason (their status), and an empty state that says how to widen the search.

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use crate::tampilan::{Nav, half, pilih_tahun_info, render};
use crate::teks::Pesan;
use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use ipasn_store::baca::{self, Unor};
use serde::Serialize;
use serde_json::{Value, json};

/// The pegawai list's filters as the request gives them.
#[derive(Clone, Debug, Default, serde::Deserialize, Serialize)]
pub struct SaringPegawai {
    /// Year.
    pub tahun: Option<i64>,
    /// Category name.
    pub kategori: Option<String>,
    /// Jenis jabatan.
    pub jenis: Option<String>,
    /// Flag name.
    pub flag: Option<String>,
    /// Name or NIP contains.
    pub cari: Option<String>,
    /// Sort key.
    pub urut: Option<String>,
    /// `turun` for descending.
    pub arah: Option<String>,
    /// Page from 1.
    pub hal: Option<i64>,
    /// `tidak`: the persons not measured instead of the measured ones.
    pub diukur: Option<String>,
    /// With `diukur=tidak`: only this status (`CPNS`, `PPPK`, …).
    pub status: Option<String>,
}

impl SaringPegawai {
    /// Whether the list is of the persons not measured.
    pub fn tidak_diukur(&self) -> bool {
        self.diukur.as_deref() == Some("tidak")
    }
}

/// A row of the pegawai list.
#[derive(Clone, Debug, Serialize)]
pub struct PegawaiBaris {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Unit id.
    pub unor_id: String,
    /// Unit name.
    pub nama_unor: String,
    /// Position title.
    pub nama_jabatan: String,
    /// Jenis jabatan.
    pub jenis_jabatan: String,
    /// Jenjang.
    pub jenjang_jabatan: String,
    /// Points.
    pub kualifikasi: f64,
    /// Points.
    pub kompetensi: f64,
    /// Points.
    pub kinerja: f64,
    /// Points.
    pub disiplin: f64,
    /// IP.
    pub ip: f64,
    /// Category.
    pub kategori: String,
    /// Flags (the engine's names; pages show `T::flag`).
    pub flags: Vec<String>,
}

/// A person without a result in the year, and why.
#[derive(Clone, Debug, Serialize)]
pub struct TidakDiukurBaris {
    /// The person as stored.
    #[serde(flatten)]
    pub pegawai: baca::TidakDiukur,
    /// Why they are not measured, in the user's language.
    pub alasan: String,
}

/// The persons not measured: one page, and how many of each status.
#[derive(Clone, Debug, Serialize)]
pub struct TidakDiukur {
    /// The rows of this page.
    pub baris: Vec<TidakDiukurBaris>,
    /// `(status, persons)` over the whole subtree.
    pub per_status: Vec<(String, i64)>,
    /// The statuses the year's rule set measures.
    pub status_diukur: Vec<String>,
}

/// A page of the pegawai list.
#[derive(Clone, Debug, Serialize)]
pub struct DaftarPegawai {
    /// The unit whose subtree is listed.
    pub unor: Unor,
    /// Year.
    pub tahun: i64,
    /// Computed years.
    pub tahun_list: Vec<i64>,
    /// The year's rule set, `id@hash12`.
    pub aturan: String,
    /// Rows matching, in all.
    pub total: i64,
    /// This page.
    pub halaman: i64,
    /// Pages in all.
    pub jumlah_halaman: i64,
    /// Rows per page.
    pub per_halaman: i64,
    /// The measured persons of this page (empty when the persons not measured are listed).
    pub baris: Vec<PegawaiBaris>,
    /// The persons not measured (with `diukur=tidak`).
    pub tidak_diukur: Option<TidakDiukur>,
    /// The filters applied.
    pub saring: SaringPegawai,
    /// Category names (for the filter).
    pub kategori_list: Vec<String>,
    /// Flag names (for the filter).
    pub flag_list: Vec<String>,
    /// Jenis jabatan (for the filter).
    pub jenis_list: Vec<String>,
}

/// Rows per page of the pegawai list.
pub const PER_HALAMAN: i64 = 50;

fn isi(o: &Option<String>) -> Option<String> {
    o.as_ref()
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
}

/// The pegawai list of a unit's subtree. `per_halaman` of `None` is the default page size.
pub async fn daftar_pegawai(
    app: &App,
    user: &Pengguna,
    unor_id: &str,
    s: SaringPegawai,
    per_halaman: Option<i64>,
) -> Result<DaftarPegawai, Galat> {
    if !user.lihat_dasbor() {
        return Err(user.terlarang());
    }
    let Some(unor) = baca::unor(&app.db, unor_id).await? else {
        return Err(user.tidak_ada());
    };
    if !user.boleh_unor(&unor.path) {
        return Err(user.terlarang());
    }
    let (Some(info), tahun_list) = pilih_tahun_info(app, s.tahun).await? else {
        return Err(user.tidak_ada());
    };
    let tahun = info.tahun;
    let rules = baca::aturan_tahun(&app.db, &info).await?;
    let kategori_list: Vec<String> = rules.kategori.iter().map(|b| b.nama.clone()).collect();
    let flag_list: Vec<String> = ipasn_core::hasil::Flags::all()
        .iter()
        .map(|f| f.1.to_string())
        .collect();
    let jenis_list: Vec<String> = ipasn_core::model::JenisJabatan::ALL
        .iter()
        .map(|j| j.name().to_string())
        .collect();
    let kategori = match isi(&s.kategori) {
        None => None,
        Some(k) => Some(kategori_list.iter().position(|n| *n == k).ok_or_else(|| {
            user.permintaan(Pesan::new("kategori_tak_dikenal").isi(format!("{k:?}")))
        })? as i64),
    };
    let jenis = isi(&s.jenis);
    if let Some(j) = &jenis
        && !jenis_list.contains(j)
    {
        return Err(user.permintaan(Pesan::new("jenis_jabatan_tak_dikenal").isi(format!("{j:?}"))));
    }
    let flag = isi(&s.flag);
    if let Some(f) = &flag
        && !flag_list.contains(f)
    {
        return Err(user.permintaan(Pesan::new("tanda_tak_dikenal").isi(format!("{f:?}"))));
    }
    let urut = match isi(&s.urut) {
        None => baca::Urut::default(),
        Some(u) => baca::Urut::parse(&u).ok_or_else(|| {
            user.permintaan(Pesan::new("urutan_tak_dikenal").isi(format!("{u:?}")))
        })?,
    };
    let per = per_halaman.unwrap_or(PER_HALAMAN).clamp(1, 1_000_000);
    let halaman = s.hal.unwrap_or(1).clamp(1, 10_000_000);
    let (total, baris, tidak_diukur) = if s.tidak_diukur() {
        let status_diukur: Vec<String> = rules
            .pengukuran
            .status_diukur
            .iter()
            .map(|x| x.name().to_string())
            .collect();
        let (total, rows, per_status) = baca::tidak_diukur(
            &app.db,
            tahun,
            &unor.path,
            isi(&s.status).as_deref(),
            isi(&s.cari).as_deref(),
            halaman,
            per,
        )
        .await?;
        let t = user.t();
        let diukur = status_diukur.join(", ");
        let baris = rows
            .into_iter()
            .map(|p| TidakDiukurBaris {
                alasan: if status_diukur.contains(&p.status) {
                    t.s("tidak_diukur_tanpa_hasil").to_string()
                } else {
                    t.f("tidak_diukur_status", &[&p.status, &diukur])
                },
                pegawai: p,
            })
            .collect();
        let td = TidakDiukur {
            baris,
            per_status,
            status_diukur,
        };
        (total, vec![], Some(td))
    } else {
        let q = baca::Saring {
            tahun,
            path: unor.path.clone(),
            kategori,
            jenis_jabatan: jenis,
            flag,
            cari: isi(&s.cari),
            urut,
            turun: s.arah.as_deref() == Some("turun"),
            halaman,
            per_halaman: per,
        };
        let (total, rows) = baca::daftar_pegawai(&app.db, &q).await?;
        let baris = rows
            .into_iter()
            .map(|b| PegawaiBaris {
                kategori: kategori_list
                    .get(b.kategori as usize)
                    .cloned()
                    .unwrap_or_default(),
                flags: b
                    .flags
                    .split(';')
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect(),
                nip: b.nip,
                nama: b.nama,
                unor_id: b.unor_id,
                nama_unor: b.nama_unor,
                nama_jabatan: b.nama_jabatan,
                jenis_jabatan: b.jenis_jabatan,
                jenjang_jabatan: b.jenjang_jabatan,
                kualifikasi: half(b.kualifikasi),
                kompetensi: half(b.kompetensi),
                kinerja: half(b.kinerja),
                disiplin: half(b.disiplin),
                ip: half(b.ip),
            })
            .collect();
        (total, baris, None)
    };
    Ok(DaftarPegawai {
        unor,
        tahun,
        tahun_list,
        aturan: info.aturan(),
        total,
        halaman,
        jumlah_halaman: ((total + per - 1) / per).max(1),
        per_halaman: per,
        baris,
        tidak_diukur,
        saring: SaringPegawai {
            tahun: Some(tahun),
            ..s
        },
        kategori_list,
        flag_list,
        jenis_list,
    })
}

/// The page numbers to offer: the first, the last, and two either side of the current one;
/// `None` where numbers are left out.
pub fn nomor_halaman(kini: i64, jumlah: i64) -> Vec<Option<i64>> {
    let shown = |n: i64| n == 1 || n == jumlah || (n - kini).abs() <= 2;
    let mut out = vec![];
    for n in 1..=jumlah {
        // A gap of one page shows that page rather than "…".
        if shown(n) || (shown(n - 1) && shown(n + 1) && n > 1 && n < jumlah) {
            out.push(Some(n));
        } else if out.last() != Some(&None) {
            out.push(None);
        }
    }
    out
}

#[derive(Template)]
#[template(path = "pegawai_daftar.html")]
struct DaftarPage {
    nav: Nav,
    d: DaftarPegawai,
    kolom: Vec<(String, String)>,
    nomor: Vec<Option<i64>>,
    query: String,
    query_tanpa_urut: String,
    query_tanpa_hal: String,
    disaring: bool,
}

fn query_of(s: &SaringPegawai, skip: &[&str]) -> String {
    let pairs: Vec<(&str, String)> = [
        ("tahun", s.tahun.map(|t| t.to_string())),
        ("diukur", s.diukur.clone()),
        ("status", s.status.clone()),
        ("kategori", s.kategori.clone()),
        ("jenis", s.jenis.clone()),
        ("flag", s.flag.clone()),
        ("cari", s.cari.clone()),
        ("urut", s.urut.clone()),
        ("arah", s.arah.clone()),
        ("hal", s.hal.map(|h| h.to_string())),
    ]
    .into_iter()
    .filter(|(k, v)| !skip.contains(k) && v.as_ref().is_some_and(|v| !v.is_empty()))
    .map(|(k, v)| (k, v.unwrap_or_default()))
    .collect();
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

pub(super) async fn halaman_daftar(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(s): Query<SaringPegawai>,
) -> Result<Response, Galat> {
    let d = daftar_pegawai(&app, &u, &unor, s, None).await?;
    let t = u.t();
    let kolom = [
        ("nip", "nip"),
        ("nama", "nama"),
        ("ip", "ip"),
        ("kualifikasi", "kualifikasi"),
        ("kompetensi", "kompetensi"),
        ("kinerja", "kinerja"),
        ("disiplin", "disiplin"),
    ]
    .iter()
    .map(|(k, l)| (k.to_string(), t.s(l).to_string()))
    .collect();
    let disaring = [
        &d.saring.kategori,
        &d.saring.jenis,
        &d.saring.flag,
        &d.saring.cari,
        &d.saring.status,
    ]
    .iter()
    .any(|o| isi(o).is_some());
    render(&DaftarPage {
        nav: Nav::of(&u),
        nomor: nomor_halaman(d.halaman, d.jumlah_halaman),
        query: query_of(&d.saring, &["hal"]),
        query_tanpa_urut: query_of(&d.saring, &["urut", "arah", "hal"]),
        query_tanpa_hal: query_of(&d.saring, &["hal"]),
        kolom,
        disaring,
        d,
    })
}

pub(super) async fn api_daftar(
    State(app): State<App>,
    u: Pengguna,
    Path(unor): Path<String>,
    Query(s): Query<SaringPegawai>,
) -> Result<Json<Value>, Galat> {
    Ok(Json(json!(daftar_pegawai(&app, &u, &unor, s, None).await?)))
}

#[cfg(test)]
mod tests {
    use super::nomor_halaman;

    #[test]
    fn page_numbers_keep_the_ends_and_the_neighbours() {
        let n = |v: &[i64]| v.iter().map(|&x| (x > 0).then_some(x)).collect::<Vec<_>>();
        assert_eq!(nomor_halaman(1, 1), n(&[1]));
        assert_eq!(nomor_halaman(1, 5), n(&[1, 2, 3, 4, 5]));
        assert_eq!(nomor_halaman(1, 9), n(&[1, 2, 3, 0, 9]));
        assert_eq!(nomor_halaman(6, 12), n(&[1, 0, 4, 5, 6, 7, 8, 0, 12]));
        assert_eq!(nomor_halaman(12, 12), n(&[1, 0, 10, 11, 12]));
    }
}
