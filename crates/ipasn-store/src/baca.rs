//! The read side: everything the dashboards, lists, person pages and the map show. Dashboards
//! read the per-(year, unit) summaries written at import, never the person rows; the pegawai
//! list reads person rows through the (year, path) index.

use crate::{Db, StoreError, subtree_end, with_pool};
use ipasn_core::hasil::{Dimensi, HasilDimensi, Rekaman};
use ipasn_core::number::Decimal;
use ipasn_core::rules::RuleSet;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A computed year.
#[derive(Clone, Debug, Serialize)]
pub struct Tahun {
    /// The year.
    pub tahun: i64,
    /// Rule set id.
    pub aturan_id: String,
    /// Its SHA-256.
    pub aturan_sha256: String,
    /// Cut-off date T.
    pub tanggal_acuan: String,
    /// When computed.
    pub dihitung: String,
}

impl Tahun {
    /// The rule set as pages and downloads name it: `id@` the first 12 hex digits of its hash.
    pub fn aturan(&self) -> String {
        let hash = &self.aturan_sha256;
        format!("{}@{}", self.aturan_id, &hash[..12.min(hash.len())])
    }
}

/// The computed years, oldest first.
pub async fn tahun(db: &Db) -> Result<Vec<Tahun>, StoreError> {
    let rows: Vec<(i64, String, String, String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT tahun, aturan_id, aturan_sha256, tanggal_acuan, dihitung FROM tahun_hitung ORDER BY tahun")
        .fetch_all(p).await?);
    Ok(rows
        .into_iter()
        .map(|r| Tahun {
            tahun: r.0,
            aturan_id: r.1,
            aturan_sha256: r.2,
            tanggal_acuan: r.3,
            dihitung: r.4,
        })
        .collect())
}

/// The rule set a year was computed with. Parsed rule sets are kept by their SHA-256: the text
/// behind a hash never changes, so the cache cannot go stale (and holds no request state).
pub async fn aturan(db: &Db, tahun: i64) -> Result<Option<Arc<RuleSet>>, StoreError> {
    let row: Option<(String,)> = with_pool!(db, p => sqlx::query_as(
        "SELECT aturan_sha256 FROM tahun_hitung WHERE tahun = $1").bind(tahun).fetch_optional(p).await?);
    let Some((sha,)) = row else { return Ok(None) };
    aturan_tahun(
        db,
        &Tahun {
            tahun,
            aturan_id: String::new(),
            aturan_sha256: sha,
            tanggal_acuan: String::new(),
            dihitung: String::new(),
        },
    )
    .await
    .map(Some)
}

/// The rule set of a computed year already read with [`tahun`] (no query when cached).
pub async fn aturan_tahun(db: &Db, t: &Tahun) -> Result<Arc<RuleSet>, StoreError> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<RuleSet>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let (tahun, sha) = (t.tahun, t.aturan_sha256.clone());
    if let Some(r) = cache.lock().expect("rule cache").get(&sha) {
        return Ok(r.clone());
    }
    let (text,): (String,) = with_pool!(db, p => sqlx::query_as(
        "SELECT aturan_toml FROM tahun_hitung WHERE tahun = $1").bind(tahun).fetch_one(p).await?);
    let rules = Arc::new(
        RuleSet::from_toml(&text).map_err(|e| StoreError::Data(format!("stored rule set: {e}")))?,
    );
    cache.lock().expect("rule cache").insert(sha, rules.clone());
    Ok(rules)
}

/// A unit.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Unor {
    /// Id.
    pub unor_id: String,
    /// Name.
    pub nama: String,
    /// Parent's id.
    pub induk: Option<String>,
    /// Materialised path.
    pub path: String,
    /// Depth (roots 0).
    pub kedalaman: i64,
    /// Instansi name.
    pub nama_instansi: String,
    /// Kemendagri region code.
    pub kode_wilayah: String,
}

const UNOR_COLS: &str = "unor_id, nama, induk, path, kedalaman, nama_instansi, kode_wilayah";

/// One unit.
pub async fn unor(db: &Db, unor_id: &str) -> Result<Option<Unor>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Unor>(
        "SELECT unor_id, nama, induk, path, kedalaman, nama_instansi, kode_wilayah FROM unor WHERE unor_id = $1")
        .bind(unor_id).fetch_optional(p).await?))
}

/// The root units (one per instansi), in tree order.
pub async fn akar(db: &Db) -> Result<Vec<Unor>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Unor>(
        "SELECT unor_id, nama, induk, path, kedalaman, nama_instansi, kode_wilayah FROM unor WHERE induk IS NULL ORDER BY path")
        .fetch_all(p).await?))
}

/// The chain of units from the root down to this one (for breadcrumbs).
pub async fn leluhur(db: &Db, u: &Unor) -> Result<Vec<Unor>, StoreError> {
    if u.induk.is_none() {
        return Ok(vec![u.clone()]);
    }
    // Every prefix of the path that ends at a '.' is an ancestor's path.
    let prefixes: Vec<String> = u
        .path
        .match_indices('.')
        .map(|(i, _)| u.path[..=i].to_string())
        .collect();
    let out = with_pool!(db, p => {
        let mut q = sqlx::QueryBuilder::new(
            "SELECT unor_id, nama, induk, path, kedalaman, nama_instansi, kode_wilayah FROM unor WHERE path IN (");
        let mut sep = q.separated(", ");
        for pre in &prefixes {
            sep.push_bind(pre);
        }
        q.push(") ORDER BY path");
        q.build_query_as::<Unor>().fetch_all(p).await?
    });
    Ok(out)
}

/// Persons whose NIP is `teks` or whose name contains it (case-insensitive), by name, at most
/// `limit`: `(nip, name, unit name)`.
pub async fn cari_pegawai(
    db: &Db,
    teks: &str,
    limit: i64,
) -> Result<Vec<(String, String, String)>, StoreError> {
    let like = format!("%{}%", teks.to_lowercase());
    Ok(with_pool!(db, p => sqlx::query_as(
        "SELECT p.nip, p.nama, u.nama FROM pegawai p JOIN unor u ON u.unor_id = p.unor_id
         WHERE p.nip = $1 OR LOWER(p.nama) LIKE $2 ORDER BY p.nama, p.nip LIMIT $3")
        .bind(teks).bind(like).bind(limit).fetch_all(p).await?))
}

/// Every unit in tree order, at most `limit` (for a unit picker).
pub async fn semua_unor(db: &Db, limit: i64) -> Result<Vec<Unor>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Unor>(
        "SELECT unor_id, nama, induk, path, kedalaman, nama_instansi, kode_wilayah FROM unor ORDER BY path LIMIT $1")
        .bind(limit).fetch_all(p).await?))
}

/// Units of a subtree whose name or id contains the text (case-insensitive), for the search box.
pub async fn cari_unor(
    db: &Db,
    path: &str,
    teks: &str,
    limit: i64,
) -> Result<Vec<Unor>, StoreError> {
    let like = format!("%{}%", teks.to_lowercase());
    Ok(with_pool!(db, p => sqlx::query_as::<_, Unor>(
        "SELECT unor_id, nama, induk, path, kedalaman, nama_instansi, kode_wilayah FROM unor
         WHERE path >= $1 AND path < $2 AND (LOWER(nama) LIKE $3 OR LOWER(unor_id) LIKE $3) ORDER BY path LIMIT $4")
        .bind(path).bind(subtree_end(path)).bind(like).bind(limit).fetch_all(p).await?))
}

/// A unit's figures for one year (its whole subtree).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Ringkasan {
    /// Year.
    pub tahun: i64,
    /// Unit.
    pub unor_id: String,
    /// Persons.
    pub pegawai: i64,
    /// Measured persons.
    pub diukur: i64,
    /// Persons in the means.
    pub dalam_rerata: i64,
    /// Sum of IP in half-points.
    pub jumlah_ip: i64,
    /// Sum of kualifikasi half-points.
    pub jumlah_kualifikasi: i64,
    /// Sum of kompetensi half-points.
    pub jumlah_kompetensi: i64,
    /// Sum of kinerja half-points.
    pub jumlah_kinerja: i64,
    /// Sum of disiplin half-points.
    pub jumlah_disiplin: i64,
    /// Category of the exact mean.
    pub kategori: Option<i64>,
    /// Persons per category (JSON array).
    pub per_kategori: String,
}

impl Ringkasan {
    /// Mean IP (two decimals).
    pub fn ip(&self) -> Option<Decimal> {
        mean(self.jumlah_ip, self.dalam_rerata)
    }

    /// Mean of a dimension.
    pub fn rerata(&self, d: Dimensi) -> Option<Decimal> {
        let s = match d {
            Dimensi::Kualifikasi => self.jumlah_kualifikasi,
            Dimensi::Kompetensi => self.jumlah_kompetensi,
            Dimensi::Kinerja => self.jumlah_kinerja,
            Dimensi::Disiplin => self.jumlah_disiplin,
        };
        mean(s, self.dalam_rerata)
    }

    /// Participation in percent.
    pub fn partisipasi(&self) -> Decimal {
        Decimal::percent(self.diukur as u64, self.pegawai as u64)
    }

    /// Persons per category.
    pub fn per_kategori(&self) -> Vec<i64> {
        serde_json::from_str(&self.per_kategori).unwrap_or_default()
    }
}

/// Mean of half-point sums, rounded to two decimals; `None` over nobody.
pub fn mean(sum_halves: i64, n: i64) -> Option<Decimal> {
    (n > 0).then(|| Decimal::mean_points(sum_halves as u64, n as u64))
}

const RINGKASAN_COLS: &str = "r.tahun, r.unor_id, r.pegawai, r.diukur, r.dalam_rerata, r.jumlah_ip, r.jumlah_kualifikasi, \
    r.jumlah_kompetensi, r.jumlah_kinerja, r.jumlah_disiplin, r.kategori, r.per_kategori";

/// A unit's figures for a year.
pub async fn ringkasan(
    db: &Db,
    tahun: i64,
    unor_id: &str,
) -> Result<Option<Ringkasan>, StoreError> {
    let sql = format!(
        "SELECT {RINGKASAN_COLS} FROM ringkasan_unor r WHERE r.tahun = $1 AND r.unor_id = $2"
    );
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, Ringkasan>(sqlx::AssertSqlSafe(sql))
        .bind(tahun).bind(unor_id).fetch_optional(p).await?),
    )
}

/// A unit's figures over every computed year, oldest first.
pub async fn tren(db: &Db, unor_id: &str) -> Result<Vec<Ringkasan>, StoreError> {
    let sql = format!(
        "SELECT {RINGKASAN_COLS} FROM ringkasan_unor r WHERE r.unor_id = $1 ORDER BY r.tahun"
    );
    Ok(
        with_pool!(db, p => sqlx::query_as::<_, Ringkasan>(sqlx::AssertSqlSafe(sql))
        .bind(unor_id).fetch_all(p).await?),
    )
}

/// A child unit with its figures.
#[derive(Clone, Debug, Serialize)]
pub struct Anak {
    /// The unit.
    pub unor: Unor,
    /// Its figures.
    pub ringkasan: Ringkasan,
}

/// The direct children of a unit with their figures for a year, in tree order.
pub async fn anak(db: &Db, tahun: i64, induk: &str) -> Result<Vec<Anak>, StoreError> {
    let sql = format!(
        "SELECT u.unor_id, u.nama, u.induk, u.path, u.kedalaman, u.nama_instansi, u.kode_wilayah, {RINGKASAN_COLS}
         FROM unor u JOIN ringkasan_unor r ON r.unor_id = u.unor_id AND r.tahun = $1
         WHERE u.induk = $2 ORDER BY u.path"
    );
    let rows = with_pool!(db, p => {
        use sqlx::Row;
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(tahun).bind(induk).fetch_all(p).await?
            .into_iter()
            .map(|r| -> Result<Anak, sqlx::Error> {
                Ok(Anak {
                    unor: Unor {
                        unor_id: r.try_get(0)?, nama: r.try_get(1)?, induk: r.try_get(2)?, path: r.try_get(3)?,
                        kedalaman: r.try_get(4)?, nama_instansi: r.try_get(5)?, kode_wilayah: r.try_get(6)?,
                    },
                    ringkasan: Ringkasan {
                        tahun: r.try_get(7)?, unor_id: r.try_get(8)?, pegawai: r.try_get(9)?, diukur: r.try_get(10)?,
                        dalam_rerata: r.try_get(11)?, jumlah_ip: r.try_get(12)?, jumlah_kualifikasi: r.try_get(13)?,
                        jumlah_kompetensi: r.try_get(14)?, jumlah_kinerja: r.try_get(15)?, jumlah_disiplin: r.try_get(16)?,
                        kategori: r.try_get(17)?, per_kategori: r.try_get(18)?,
                    },
                })
            })
            .collect::<Result<Vec<_>, _>>()?
    });
    Ok(rows)
}

/// Sort keys of the pegawai list (a fixed list: the column names never come from the request).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Urut {
    /// By IP (default: lowest first, those who need attention).
    #[default]
    Ip,
    /// By name.
    Nama,
    /// By NIP.
    Nip,
    /// By kualifikasi.
    Kualifikasi,
    /// By kompetensi.
    Kompetensi,
    /// By kinerja.
    Kinerja,
    /// By disiplin.
    Disiplin,
}

impl Urut {
    /// Parses a request's `urut` value.
    pub fn parse(s: &str) -> Option<Urut> {
        Some(match s {
            "ip" => Urut::Ip,
            "nama" => Urut::Nama,
            "nip" => Urut::Nip,
            "kualifikasi" => Urut::Kualifikasi,
            "kompetensi" => Urut::Kompetensi,
            "kinerja" => Urut::Kinerja,
            "disiplin" => Urut::Disiplin,
            _ => return None,
        })
    }

    fn column(self) -> &'static str {
        match self {
            Urut::Ip => "ip",
            Urut::Nama => "nama",
            Urut::Nip => "nip",
            Urut::Kualifikasi => "kualifikasi",
            Urut::Kompetensi => "kompetensi",
            Urut::Kinerja => "kinerja",
            Urut::Disiplin => "disiplin",
        }
    }
}

/// The pegawai list's query.
#[derive(Clone, Debug, Default)]
pub struct Saring {
    /// Year.
    pub tahun: i64,
    /// Subtree (a unit's path).
    pub path: String,
    /// Only this category index.
    pub kategori: Option<i64>,
    /// Only this jenis jabatan (canonical name).
    pub jenis_jabatan: Option<String>,
    /// Only persons with this flag (one of the engine's flag names).
    pub flag: Option<String>,
    /// Name or NIP contains.
    pub cari: Option<String>,
    /// Sort.
    pub urut: Urut,
    /// Descending.
    pub turun: bool,
    /// Page (from 1).
    pub halaman: i64,
    /// Rows per page.
    pub per_halaman: i64,
}

/// A row of the pegawai list.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct BarisPegawai {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Unit id.
    pub unor_id: String,
    /// Jenis jabatan.
    pub jenis_jabatan: String,
    /// Jenjang jabatan.
    pub jenjang_jabatan: String,
    /// Half-points.
    pub kualifikasi: i64,
    /// Half-points.
    pub kompetensi: i64,
    /// Half-points.
    pub kinerja: i64,
    /// Half-points.
    pub disiplin: i64,
    /// Half-points.
    pub ip: i64,
    /// Category index.
    pub kategori: i64,
    /// Flags, `;`-separated.
    pub flags: String,
    /// The unit's name.
    #[sqlx(default)]
    pub nama_unor: String,
    /// The position title as the persons sheet gives it now.
    #[sqlx(default)]
    pub nama_jabatan: String,
}

fn where_clause(s: &Saring) -> String {
    // Fixed fragments only; every value is bound.
    let mut w = String::from("tahun = $1 AND path >= $2 AND path < $3");
    if s.kategori.is_some() {
        w.push_str(" AND kategori = $4");
    }
    if s.jenis_jabatan.is_some() {
        w.push_str(" AND jenis_jabatan = $5");
    }
    if s.flag.is_some() {
        w.push_str(" AND flags LIKE $6");
    }
    if s.cari.is_some() {
        w.push_str(" AND (nip = $7 OR LOWER(nama) LIKE $8)");
    }
    w
}

macro_rules! bind_saring {
    ($q:expr, $s:expr) => {{
        let s = $s;
        $q.bind(s.tahun)
            .bind(&s.path)
            .bind(subtree_end(&s.path))
            .bind(s.kategori.unwrap_or(-1))
            .bind(s.jenis_jabatan.clone().unwrap_or_default())
            .bind(format!("%{}%", s.flag.clone().unwrap_or_default()))
            .bind(s.cari.clone().unwrap_or_default())
            .bind(format!(
                "%{}%",
                s.cari.clone().unwrap_or_default().to_lowercase()
            ))
    }};
}

/// One page of the pegawai list and the number of rows in all.
pub async fn daftar_pegawai(db: &Db, s: &Saring) -> Result<(i64, Vec<BarisPegawai>), StoreError> {
    let w = where_clause(s);
    // Unused placeholders are still bound, so every query takes $1..$8; PostgreSQL needs each
    // referenced, hence the no-op conjunct.
    let noop = " AND ($4 = $4 AND $5 = $5 AND $6 = $6 AND $7 = $7 AND $8 = $8)";
    let count_sql = format!("SELECT COUNT(*) FROM hasil WHERE {w}{noop}");
    let dir = if s.turun { "DESC" } else { "ASC" };
    let col = s.urut.column();
    let per = s.per_halaman.clamp(1, 1_000_000);
    // A page number past any real list (or a huge one from a crafted address) is capped, so
    // the offset never overflows into a negative OFFSET.
    let off = (s.halaman.clamp(1, 10_000_000) - 1).saturating_mul(per);
    // The page first (from `hasil` alone, as its indexes serve), then its rows' unit names and
    // position titles joined to that page only, in the page's order.
    let page_sql = format!(
        "SELECT h.nip, h.nama, h.unor_id, h.jenis_jabatan, h.jenjang_jabatan, h.kualifikasi, h.kompetensi,
                h.kinerja, h.disiplin, h.ip, h.kategori, h.flags,
                COALESCE(u.nama, '') AS nama_unor, COALESCE(p.nama_jabatan, '') AS nama_jabatan
         FROM (SELECT nip, nama, unor_id, jenis_jabatan, jenjang_jabatan, kualifikasi, kompetensi, kinerja,
                      disiplin, ip, kategori, flags
               FROM hasil WHERE {w}{noop} ORDER BY {col} {dir}, nip ASC LIMIT {per} OFFSET {off}) h
         LEFT JOIN unor u ON u.unor_id = h.unor_id
         LEFT JOIN pegawai p ON p.nip = h.nip
         ORDER BY h.{col} {dir}, h.nip ASC"
    );
    let unfiltered =
        s.kategori.is_none() && s.jenis_jabatan.is_none() && s.flag.is_none() && s.cari.is_none();
    let summary: Option<(i64,)> = if unfiltered {
        // The unit's summary already counts its measured persons.
        with_pool!(db, p => sqlx::query_as("SELECT diukur FROM ringkasan_unor WHERE tahun = $1 AND path = $2")
            .bind(s.tahun).bind(&s.path).fetch_optional(p).await?)
    } else {
        None
    };
    let (total,): (i64,) = match summary {
        Some(t) => t,
        None => {
            with_pool!(db, p => bind_saring!(sqlx::query_as(sqlx::AssertSqlSafe(count_sql)), s).fetch_one(p).await?)
        }
    };
    let rows = with_pool!(db, p => bind_saring!(sqlx::query_as::<_, BarisPegawai>(sqlx::AssertSqlSafe(page_sql)), s).fetch_all(p).await?);
    Ok((total, rows))
}

/// A person of a subtree who has no result for a year (their status is not measured).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct TidakDiukur {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Unit id.
    pub unor_id: String,
    /// Unit name.
    pub nama_unor: String,
    /// PNS, CPNS, PPPK.
    pub status: String,
    /// Jenis jabatan.
    pub jenis_jabatan: String,
    /// Jenjang jabatan.
    pub jenjang_jabatan: String,
    /// Position title.
    pub nama_jabatan: String,
}

/// The persons of a subtree without a result in a year, by name then NIP (one page), the
/// number of them in all, and how many there are of each status. `status` and `cari` (name or
/// NIP) narrow the list, not the counts per status.
pub async fn tidak_diukur(
    db: &Db,
    tahun: i64,
    path: &str,
    status: Option<&str>,
    cari: Option<&str>,
    halaman: i64,
    per_halaman: i64,
) -> Result<(i64, Vec<TidakDiukur>, Vec<(String, i64)>), StoreError> {
    const FROM: &str = "FROM pegawai p JOIN unor u ON u.unor_id = p.unor_id
         WHERE u.path >= $1 AND u.path < $2
           AND NOT EXISTS (SELECT 1 FROM hasil h WHERE h.tahun = $3 AND h.nip = p.nip)";
    let mut w = String::from(FROM);
    w.push_str(if status.is_some() {
        " AND p.status = $4"
    } else {
        " AND $4 = $4"
    });
    w.push_str(if cari.is_some() {
        " AND (p.nip = $5 OR LOWER(p.nama) LIKE $6)"
    } else {
        " AND $5 = $5 AND $6 = $6"
    });
    let end = subtree_end(path);
    let st = status.unwrap_or_default().to_string();
    let c = cari.unwrap_or_default().to_string();
    let like = format!("%{}%", c.to_lowercase());
    let per = per_halaman.clamp(1, 1_000_000);
    let off = (halaman.clamp(1, 10_000_000) - 1).saturating_mul(per);
    let count_sql = format!("SELECT COUNT(*) {w}");
    let page_sql = format!(
        "SELECT p.nip, p.nama, p.unor_id, u.nama AS nama_unor, p.status, p.jenis_jabatan, p.jenjang_jabatan, p.nama_jabatan
         {w} ORDER BY p.nama, p.nip LIMIT {per} OFFSET {off}"
    );
    let status_sql =
        format!("SELECT p.status, COUNT(*) {FROM} GROUP BY p.status ORDER BY p.status");
    let (total,): (i64,) = with_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(count_sql))
        .bind(path).bind(&end).bind(tahun).bind(&st).bind(&c).bind(&like).fetch_one(p).await?);
    let rows = with_pool!(db, p => sqlx::query_as::<_, TidakDiukur>(sqlx::AssertSqlSafe(page_sql))
        .bind(path).bind(&end).bind(tahun).bind(&st).bind(&c).bind(&like).fetch_all(p).await?);
    let per_status: Vec<(String, i64)> = with_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(status_sql))
        .bind(path).bind(&end).bind(tahun).fetch_all(p).await?);
    Ok((total, rows, per_status))
}

/// A person as stored.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Pegawai {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Unit id.
    pub unor_id: String,
    /// PNS, CPNS, PPPK.
    pub status: String,
    /// Jenis jabatan.
    pub jenis_jabatan: String,
    /// Jenjang jabatan.
    pub jenjang_jabatan: String,
    /// Position title.
    pub nama_jabatan: String,
    /// Golongan.
    pub golongan: String,
}

/// One person.
pub async fn pegawai(db: &Db, nip: &str) -> Result<Option<Pegawai>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Pegawai>(
        "SELECT nip, nama, unor_id, status, jenis_jabatan, jenjang_jabatan, nama_jabatan, golongan FROM pegawai WHERE nip = $1")
        .bind(nip).fetch_optional(p).await?))
}

/// A person's result for one year with its explanation.
#[derive(Clone, Debug, Serialize)]
pub struct HasilTahun {
    /// Year.
    pub tahun: i64,
    /// The row.
    pub baris: BarisPegawai,
    /// Per dimension: points, maximum, reasons, records used, what is missing.
    pub dimensi: Vec<HasilDimensi>,
    /// The records the explanation refers to, described (none for rows stored before they
    /// were kept).
    pub rekaman: Vec<Rekaman>,
}

/// What `penjelasan.isi` holds: the dimensions' explanations and the records they refer to.
/// Rows stored before the records were kept hold the bare array of the four dimensions.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum IsiPenjelasan {
    Lengkap {
        dimensi: Vec<HasilDimensi>,
        #[serde(default)]
        rekaman: Vec<Rekaman>,
    },
    Lama(Vec<HasilDimensi>),
}

/// The text of `penjelasan.isi` for a person's year.
pub(crate) fn isi_penjelasan(dimensi: &[HasilDimensi], rekaman: &[Rekaman]) -> String {
    serde_json::to_string(&serde_json::json!({ "dimensi": dimensi, "rekaman": rekaman }))
        .expect("explanations serialise")
}

/// A person's results over every computed year, oldest first.
pub async fn hasil_pegawai(db: &Db, nip: &str) -> Result<Vec<HasilTahun>, StoreError> {
    let rows: Vec<(i64, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT h.tahun, j.isi FROM hasil h JOIN penjelasan j ON j.tahun = h.tahun AND j.nip = h.nip
         WHERE h.nip = $1 ORDER BY h.tahun").bind(nip).fetch_all(p).await?);
    let baris: Vec<BarisPegawai> = with_pool!(db, p => sqlx::query_as::<_, BarisPegawai>(
        "SELECT nip, nama, unor_id, jenis_jabatan, jenjang_jabatan, kualifikasi, kompetensi, kinerja, disiplin, ip, kategori, flags
         FROM hasil WHERE nip = $1 ORDER BY tahun").bind(nip).fetch_all(p).await?);
    rows.into_iter()
        .zip(baris)
        .map(|((tahun, j), b)| {
            let isi = serde_json::from_str(&j)
                .map_err(|e| StoreError::Data(format!("explanation of {nip} {tahun}: {e}")))?;
            let (dimensi, rekaman) = match isi {
                IsiPenjelasan::Lengkap { dimensi, rekaman } => (dimensi, rekaman),
                IsiPenjelasan::Lama(dimensi) => (dimensi, vec![]),
            };
            Ok(HasilTahun {
                tahun,
                baris: b,
                dimensi,
                rekaman,
            })
        })
        .collect()
}

/// Sums per region code of the units in a subtree (each unit's own persons), for the map.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Wilayah {
    /// Kemendagri code as the units give it (any depth).
    pub kode_wilayah: String,
    /// Persons.
    pub pegawai: i64,
    /// Measured.
    pub diukur: i64,
    /// In the means.
    pub dalam_rerata: i64,
    /// Sum of IP half-points.
    pub jumlah_ip: i64,
}

/// Per region code, the sums of a subtree's units for a year.
pub async fn wilayah(db: &Db, tahun: i64, path: &str) -> Result<Vec<Wilayah>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Wilayah>(
        "SELECT u.kode_wilayah, CAST(SUM(r.sendiri_pegawai) AS BIGINT) AS pegawai, CAST(SUM(r.sendiri_diukur) AS BIGINT) AS diukur,
                CAST(SUM(r.sendiri_dalam_rerata) AS BIGINT) AS dalam_rerata, CAST(SUM(r.sendiri_jumlah_ip) AS BIGINT) AS jumlah_ip
         FROM ringkasan_unor r JOIN unor u ON u.unor_id = r.unor_id
         WHERE r.tahun = $1 AND r.path >= $2 AND r.path < $3
         GROUP BY u.kode_wilayah ORDER BY u.kode_wilayah")
        .bind(tahun).bind(path).bind(subtree_end(path)).fetch_all(p).await?))
}

/// Units of a subtree whose region code starts with `kode` (the map's click-through).
pub async fn unor_wilayah(db: &Db, path: &str, kode: &str) -> Result<Vec<Unor>, StoreError> {
    let _ = UNOR_COLS;
    Ok(with_pool!(db, p => sqlx::query_as::<_, Unor>(
        "SELECT unor_id, nama, induk, path, kedalaman, nama_instansi, kode_wilayah FROM unor
         WHERE path >= $1 AND path < $2 AND (kode_wilayah = $3 OR kode_wilayah LIKE $4) ORDER BY path LIMIT 500")
        .bind(path).bind(subtree_end(path)).bind(kode).bind(format!("{kode}.%")).fetch_all(p).await?))
}

/// The admin's finer boundary file, if one was loaded: (file name, GeoJSON text).
pub async fn peta_batas(db: &Db) -> Result<Option<(String, String)>, StoreError> {
    Ok(
        with_pool!(db, p => sqlx::query_as("SELECT nama_berkas, geojson FROM peta_batas WHERE id = 1").fetch_optional(p).await?),
    )
}

/// Stores (replaces) the finer boundary file.
pub async fn simpan_peta_batas(
    db: &Db,
    nama_berkas: &str,
    geojson: &str,
) -> Result<(), StoreError> {
    crate::with_tx!(db, tx => {
        sqlx::query("DELETE FROM peta_batas").execute(&mut *tx).await?;
        sqlx::query("INSERT INTO peta_batas (id, nama_berkas, geojson, diunggah) VALUES (1, $1, $2, $3)")
            .bind(nama_berkas).bind(geojson).bind(crate::now()).execute(&mut *tx).await?;
        Ok::<(), StoreError>(())
    })
}
