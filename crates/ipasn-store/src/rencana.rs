//! Development plans: what a unit's plan is made from (each measured person's score and what
//! it misses, from the stored explanations), and individual development plans with their
//! actions and agreements. The decisions (candidates, choice, statuses) are
//! `ipasn_rencana`'s and the web's; this module stores and reads.

use crate::{Db, StoreError, now, subtree_end, with_pool, with_tx};
use ipasn_core::hasil::HasilDimensi;
use serde::Serialize;

/// A measured person as a plan needs them.
#[derive(Clone, Debug)]
pub struct Bahan {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Unit path.
    pub path: String,
    /// Jenjang jabatan.
    pub jenjang_jabatan: String,
    /// IP, halves.
    pub ip: i64,
    /// Category index.
    pub kategori: i64,
    /// The four dimensions with what each misses.
    pub dimensi: Vec<HasilDimensi>,
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Isi {
    Lengkap { dimensi: Vec<HasilDimensi> },
    Lama(Vec<HasilDimensi>),
}

fn dimensi(nip: &str, isi: &str) -> Result<Vec<HasilDimensi>, StoreError> {
    match serde_json::from_str(isi) {
        Ok(Isi::Lengkap { dimensi }) | Ok(Isi::Lama(dimensi)) => Ok(dimensi),
        Err(e) => Err(StoreError::Data(format!("explanation of {nip}: {e}"))),
    }
}

type BarisBahan = (String, String, String, String, i64, i64, String);

const PILIH_BAHAN: &str = "SELECT h.nip, h.nama, h.path, h.jenjang_jabatan, h.ip, h.kategori, j.isi
     FROM hasil h JOIN penjelasan j ON j.tahun = h.tahun AND j.nip = h.nip";

fn bahan_dari(r: BarisBahan) -> Result<Bahan, StoreError> {
    let (nip, nama, path, jenjang_jabatan, ip, kategori, isi) = r;
    Ok(Bahan {
        dimensi: dimensi(&nip, &isi)?,
        nip,
        nama,
        path,
        jenjang_jabatan,
        ip,
        kategori,
    })
}

/// Every measured person of a subtree in a year, with what their score misses (NIP order).
pub async fn bahan(db: &Db, tahun: i64, path: &str) -> Result<Vec<Bahan>, StoreError> {
    let end = subtree_end(path);
    let rows: Vec<BarisBahan> = with_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{PILIH_BAHAN} WHERE h.tahun = $1 AND h.path >= $2 AND h.path < $3 ORDER BY h.nip")))
        .bind(tahun).bind(path).bind(&end).fetch_all(p).await?);
    rows.into_iter().map(bahan_dari).collect()
}

/// One person's year as a plan needs it (`None`: not measured that year).
pub async fn bahan_pegawai(db: &Db, tahun: i64, nip: &str) -> Result<Option<Bahan>, StoreError> {
    let row: Option<BarisBahan> = with_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{PILIH_BAHAN} WHERE h.tahun = $1 AND h.nip = $2")))
        .bind(tahun).bind(nip).fetch_optional(p).await?);
    row.map(bahan_dari).transpose()
}

/// An individual development plan.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Rencana {
    /// Id.
    pub id: i64,
    /// NIP.
    pub nip: String,
    /// Year.
    pub tahun: i64,
    /// `draf`, `disetujui`, `berjalan`, `selesai`.
    pub status: String,
    /// The catalogue's id when drafted.
    pub katalog: String,
    /// Who drafted it.
    pub dibuat_oleh: String,
    /// When.
    pub dibuat: String,
    /// Last change.
    pub diubah: String,
    /// When the pegawai agreed.
    pub setuju_pegawai: Option<String>,
    /// When the atasan agreed.
    pub setuju_atasan: Option<String>,
    /// The atasan who agreed (username).
    pub atasan: Option<String>,
}

/// An action of a plan.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Aksi {
    /// Position in the plan (1, 2, …).
    pub urut: i64,
    /// The catalogue's code.
    pub kode: String,
    /// Name.
    pub nama: String,
    /// Name in English.
    pub nama_en: String,
    /// Kind.
    pub jenis: String,
    /// Lesson hours.
    pub jp: i64,
    /// Cost, rupiah.
    pub biaya: i64,
    /// IP points it adds, halves.
    pub poin: i64,
    /// When it was done (a date), if done.
    pub selesai: Option<String>,
}

/// A plan and its actions.
pub async fn rencana(
    db: &Db,
    nip: &str,
    tahun: i64,
) -> Result<Option<(Rencana, Vec<Aksi>)>, StoreError> {
    let r: Option<Rencana> = with_pool!(db, p => sqlx::query_as::<_, Rencana>(
        "SELECT id, nip, tahun, status, katalog, dibuat_oleh, dibuat, diubah, setuju_pegawai, setuju_atasan, atasan
         FROM rencana_individu WHERE nip = $1 AND tahun = $2").bind(nip).bind(tahun).fetch_optional(p).await?);
    let Some(r) = r else { return Ok(None) };
    let aksi: Vec<Aksi> = with_pool!(db, p => sqlx::query_as::<_, Aksi>(
        "SELECT urut, kode, nama, nama_en, jenis, jp, biaya, poin, selesai FROM rencana_aksi
         WHERE rencana_id = $1 ORDER BY urut").bind(r.id).fetch_all(p).await?);
    Ok(Some((r, aksi)))
}

/// Writes a draft (a new one, or replacing a draft's actions; agreements cleared). Refused
/// (`Ok(false)`) when the plan is past its draft.
pub async fn simpan_draf(
    db: &Db,
    nip: &str,
    tahun: i64,
    katalog: &str,
    oleh: &str,
    aksi: &[Aksi],
) -> Result<bool, StoreError> {
    let w = now();
    with_tx!(db, tx => {
        let ada: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, status FROM rencana_individu WHERE nip = $1 AND tahun = $2")
            .bind(nip).bind(tahun).fetch_optional(&mut *tx).await?;
        let id = match ada {
            Some((_, s)) if s != "draf" => return Ok(false),
            Some((id, _)) => {
                sqlx::query("UPDATE rencana_individu SET katalog = $1, dibuat_oleh = $2, diubah = $3,
                    setuju_pegawai = NULL, setuju_atasan = NULL, atasan = NULL WHERE id = $4")
                    .bind(katalog).bind(oleh).bind(&w).bind(id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM rencana_aksi WHERE rencana_id = $1").bind(id).execute(&mut *tx).await?;
                id
            }
            None => {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO rencana_individu (nip, tahun, status, katalog, dibuat_oleh, dibuat, diubah)
                     VALUES ($1, $2, 'draf', $3, $4, $5, $5) RETURNING id")
                    .bind(nip).bind(tahun).bind(katalog).bind(oleh).bind(&w).fetch_one(&mut *tx).await?;
                id
            }
        };
        for (i, a) in aksi.iter().enumerate() {
            sqlx::query("INSERT INTO rencana_aksi (rencana_id, urut, kode, nama, nama_en, jenis, jp, biaya, poin)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .bind(id).bind(i as i64 + 1).bind(&a.kode).bind(&a.nama).bind(&a.nama_en).bind(&a.jenis)
                .bind(a.jp).bind(a.biaya).bind(a.poin).execute(&mut *tx).await?;
        }
        Ok::<bool, StoreError>(true)
    })
}

/// Who agrees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pihak {
    /// The pegawai.
    Pegawai,
    /// The atasan.
    Atasan,
}

/// Records an agreement to a draft; when both have agreed the plan is `disetujui`. `Ok(None)`
/// when there is no draft to agree to; else the new status.
pub async fn setujui(
    db: &Db,
    nip: &str,
    tahun: i64,
    pihak: Pihak,
    atasan: &str,
) -> Result<Option<String>, StoreError> {
    let w = now();
    with_tx!(db, tx => {
        let sql = match pihak {
            Pihak::Pegawai => "UPDATE rencana_individu SET setuju_pegawai = $1, diubah = $1
                WHERE nip = $2 AND tahun = $3 AND status = 'draf' AND setuju_pegawai IS NULL",
            Pihak::Atasan => "UPDATE rencana_individu SET setuju_atasan = $1, atasan = $4, diubah = $1
                WHERE nip = $2 AND tahun = $3 AND status = 'draf' AND setuju_atasan IS NULL",
        };
        let q = sqlx::query(sql).bind(&w).bind(nip).bind(tahun);
        let q = if pihak == Pihak::Atasan { q.bind(atasan) } else { q };
        if q.execute(&mut *tx).await?.rows_affected() == 0 {
            return Ok(None);
        }
        sqlx::query("UPDATE rencana_individu SET status = 'disetujui'
            WHERE nip = $1 AND tahun = $2 AND setuju_pegawai IS NOT NULL AND setuju_atasan IS NOT NULL")
            .bind(nip).bind(tahun).execute(&mut *tx).await?;
        let (s,): (String,) = sqlx::query_as("SELECT status FROM rencana_individu WHERE nip = $1 AND tahun = $2")
            .bind(nip).bind(tahun).fetch_one(&mut *tx).await?;
        Ok::<Option<String>, StoreError>(Some(s))
    })
}

/// Marks an action of an agreed plan done on `tanggal` (YYYY-MM-DD): the plan is `berjalan`,
/// or `selesai` once every action is done. `Ok(None)`: no such action in an agreed plan.
pub async fn selesaikan(
    db: &Db,
    nip: &str,
    tahun: i64,
    urut: i64,
    tanggal: &str,
) -> Result<Option<String>, StoreError> {
    let w = now();
    with_tx!(db, tx => {
        let r: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM rencana_individu WHERE nip = $1 AND tahun = $2 AND status IN ('disetujui', 'berjalan')")
            .bind(nip).bind(tahun).fetch_optional(&mut *tx).await?;
        let Some((id,)) = r else { return Ok(None) };
        let n = sqlx::query("UPDATE rencana_aksi SET selesai = $1 WHERE rencana_id = $2 AND urut = $3 AND selesai IS NULL")
            .bind(tanggal).bind(id).bind(urut).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Ok(None);
        }
        let (sisa,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rencana_aksi WHERE rencana_id = $1 AND selesai IS NULL")
            .bind(id).fetch_one(&mut *tx).await?;
        let status = if sisa == 0 { "selesai" } else { "berjalan" };
        sqlx::query("UPDATE rencana_individu SET status = $1, diubah = $2 WHERE id = $3")
            .bind(status).bind(&w).bind(id).execute(&mut *tx).await?;
        Ok::<Option<String>, StoreError>(Some(status.to_string()))
    })
}

/// A subtree's individual plans of a year, planned against done.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Ringkas {
    /// Plans by status: (status, count).
    pub status: Vec<(String, i64)>,
    /// Persons with a plan.
    pub orang: i64,
    /// Persons with at least one action done.
    pub orang_selesai: i64,
    /// Actions planned.
    pub aksi: i64,
    /// Actions done.
    pub aksi_selesai: i64,
    /// JP planned.
    pub jp: i64,
    /// JP done.
    pub jp_selesai: i64,
    /// Budget planned, rupiah.
    pub biaya: i64,
    /// Spent on the actions done.
    pub biaya_selesai: i64,
}

/// The individual plans of a subtree's persons in a year: by status, and planned against done.
pub async fn ringkas(db: &Db, tahun: i64, path: &str) -> Result<Ringkas, StoreError> {
    let end = subtree_end(path);
    const DARI: &str = "FROM rencana_individu r JOIN hasil h ON h.nip = r.nip AND h.tahun = r.tahun
         WHERE r.tahun = $1 AND h.path >= $2 AND h.path < $3";
    let status: Vec<(String, i64)> = with_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT r.status, COUNT(*) {DARI} GROUP BY r.status ORDER BY r.status")))
        .bind(tahun).bind(path).bind(&end).fetch_all(p).await?);
    type Row = (i64, i64, i64, i64, i64, i64, i64, i64);
    let r: Row = with_pool!(db, p => sqlx::query_as(
        "SELECT COUNT(DISTINCT r.nip),
                COUNT(DISTINCT CASE WHEN a.selesai IS NOT NULL THEN r.nip END),
                COUNT(a.urut), COUNT(a.selesai),
                CAST(COALESCE(SUM(a.jp), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN a.selesai IS NOT NULL THEN a.jp ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(a.biaya), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN a.selesai IS NOT NULL THEN a.biaya ELSE 0 END), 0) AS BIGINT)
         FROM rencana_individu r JOIN hasil h ON h.nip = r.nip AND h.tahun = r.tahun
         LEFT JOIN rencana_aksi a ON a.rencana_id = r.id
         WHERE r.tahun = $1 AND h.path >= $2 AND h.path < $3")
        .bind(tahun).bind(path).bind(&end).fetch_one(p).await?);
    Ok(Ringkas {
        status,
        orang: r.0,
        orang_selesai: r.1,
        aksi: r.2,
        aksi_selesai: r.3,
        jp: r.4,
        jp_selesai: r.5,
        biaya: r.6,
        biaya_selesai: r.7,
    })
}

/// A programme's completion, for the follow-up.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Penyelesaian {
    /// Programme id.
    pub id: i64,
    /// Name.
    pub nama: String,
    /// Kind.
    pub jenis: String,
    /// Enrolled.
    pub peserta: i64,
    /// Completed.
    pub selesai: i64,
}

/// The programmes of a year of units within a subtree, with their completion.
pub async fn penyelesaian(
    db: &Db,
    tahun: i64,
    path: &str,
) -> Result<Vec<Penyelesaian>, StoreError> {
    let end = subtree_end(path);
    Ok(with_pool!(db, p => sqlx::query_as::<_, Penyelesaian>(
        "SELECT g.id, g.nama, g.jenis, COUNT(s.nip) AS peserta,
                COUNT(CASE WHEN s.status = 'selesai' THEN 1 END) AS selesai
         FROM program g JOIN unor u ON u.unor_id = g.unor_id
         LEFT JOIN program_peserta s ON s.program_id = g.id AND s.peran NOT IN ('coach', 'mentor')
         WHERE g.tahun = $1 AND u.path >= $2 AND u.path < $3
         GROUP BY g.id, g.nama, g.jenis ORDER BY g.id")
        .bind(tahun).bind(path).bind(&end).fetch_all(p).await?))
}

/// A person's year and the next, for the follow-up: (NIP, category index, jenjang, IP halves in
/// `tahun`, IP halves in `tahun + 1`, took part in `tahun`: an action of their plan done or a
/// programme of that year completed). Only persons measured in both years.
pub async fn gerak(
    db: &Db,
    tahun: i64,
    path: &str,
) -> Result<Vec<(String, i64, String, i64, i64, bool)>, StoreError> {
    let end = subtree_end(path);
    let rows: Vec<(String, i64, String, i64, i64, i64)> = with_pool!(db, p => sqlx::query_as(
        "SELECT h.nip, h.kategori, h.jenjang_jabatan, h.ip, n.ip,
                CAST(CASE WHEN EXISTS (SELECT 1 FROM rencana_individu r JOIN rencana_aksi a ON a.rencana_id = r.id
                                  WHERE r.nip = h.nip AND r.tahun = h.tahun AND a.selesai IS NOT NULL)
                       OR EXISTS (SELECT 1 FROM program_peserta s JOIN program g ON g.id = s.program_id
                                  WHERE s.nip = h.nip AND g.tahun = h.tahun AND s.status = 'selesai')
                     THEN 1 ELSE 0 END AS BIGINT)
         FROM hasil h JOIN hasil n ON n.nip = h.nip AND n.tahun = h.tahun + 1
         WHERE h.tahun = $1 AND h.path >= $2 AND h.path < $3 ORDER BY h.nip")
        .bind(tahun).bind(path).bind(&end).fetch_all(p).await?);
    Ok(rows
        .into_iter()
        .map(|(a, b, c, d, e, f)| (a, b, c, d, e, f == 1))
        .collect())
}
