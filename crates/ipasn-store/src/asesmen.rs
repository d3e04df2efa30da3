//! Assessment results from an assessment center or an external provider, checked row by row and
//! stored all or nothing, like a data package: competency levels (a CSV or XLSX file of
//! `nip, kompetensi, level, tanggal[, sumber]`) or potential test scores (`nip, skor, tanggal
//! [, sumber]`, 0–100); the file is read and checked by `ipasn_data::asesmen`. Also the nine-box
//! calibration moves.

use crate::impor::{Masalah, finish, mulai, today};
use crate::{Db, StoreError, with_pool, with_tx};
use ipasn_asesmen::Aturan;
use serde::Serialize;
use serde_json::json;
use std::collections::{HashMap, HashSet};

pub use ipasn_data::asesmen::{Baris, Berkas, Kamus, Potensi, Standar, baca, kunci_jabatan};

/// The dictionary in force: the shipped PermenPANRB 38/2017 text with the instansi's entries laid
/// over it.
pub async fn kamus(db: &Db) -> Result<ipasn_asesmen::kamus::Kamus, StoreError> {
    use ipasn_asesmen::kamus::{Entri, Kamus, SUMBER_INSTANSI};
    let rows: Vec<(String, i64, String, String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT kode, level, nama, deskripsi, indikator FROM kamus_kompetensi").fetch_all(p).await?);
    Ok(Kamus::bawaan().timpa(rows.into_iter().map(|r| {
        let indikator =
            r.4.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
        (
            (r.0, r.1),
            Entri {
                nama: r.2,
                deskripsi: r.3,
                indikator,
                sumber: SUMBER_INSTANSI.into(),
            },
        )
    })))
}

/// Imports a results file; returns the import id and its status (`selesai` or `ditolak`).
pub async fn impor(
    db: &Db,
    akun: Option<(i64, &str)>,
    nama: &str,
    isi: &[u8],
    aturan: &Aturan,
) -> Result<(i64, String), StoreError> {
    let id = mulai(db, akun, nama, isi, "asesmen").await?;
    let nips: Vec<(String,)> =
        with_pool!(db, p => sqlx::query_as("SELECT nip FROM pegawai").fetch_all(p).await?);
    let nips: HashSet<String> = nips.into_iter().map(|n| n.0).collect();
    let who = akun.map(|a| a.1).unwrap_or("sistem");
    // Parsed off the request threads (a file of 200,000 rows takes a moment).
    let parsed = {
        let (nama, isi, aturan) = (nama.to_string(), isi.to_vec(), aturan.clone());
        tokio::task::spawn_blocking(move || {
            baca(&nama, &isi, &nips, &aturan, today())
                .map_err(|p| p.iter().map(Masalah::of).collect::<Vec<_>>())
        })
        .await
        .map_err(|e| StoreError::Data(format!("reading the file: {e}")))?
    };
    let rows = match parsed {
        Ok(r) => r,
        Err(m) => {
            finish(
                db,
                id,
                "ditolak",
                &json!({"galat": m.len(), "peringatan": 0}),
                &m,
            )
            .await?;
            crate::audit::tulis(
                db,
                akun.map(|a| a.0),
                who,
                "impor_asesmen",
                &id.to_string(),
                &json!({"berkas": nama, "status": "ditolak"}).to_string(),
            )
            .await?;
            return Ok((id, "ditolak".into()));
        }
    };
    // Write in one transaction; then one summary line and one audit entry for every kind.
    let (aksi, ringkasan) = match &rows {
        Berkas::Standar(st) => {
            let r: Result<(), StoreError> = with_tx!(db, tx => {
                sqlx::query("DELETE FROM standar_kompetensi").execute(&mut *tx).await?;
                for chunk in st.chunks(500) {
                    let mut q = sqlx::QueryBuilder::new("INSERT INTO standar_kompetensi (jabatan, kode, level, impor_id) ");
                    q.push_values(chunk, |mut b, r| {
                        b.push_bind(&r.jabatan).push_bind(&r.kode).push_bind(r.level).push_bind(id);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                Ok(())
            });
            r?;
            let jabatan: HashSet<&str> = st.iter().map(|r| r.jabatan.as_str()).collect();
            (
                "impor_standar",
                json!({"standar": {"baris": st.len(), "jabatan": jabatan.len()}}),
            )
        }
        Berkas::Kamus(k) => {
            let r: Result<(), StoreError> = with_tx!(db, tx => {
                sqlx::query("DELETE FROM kamus_kompetensi").execute(&mut *tx).await?;
                for chunk in k.chunks(500) {
                    let mut q = sqlx::QueryBuilder::new("INSERT INTO kamus_kompetensi (kode, level, nama, deskripsi, indikator) ");
                    q.push_values(chunk, |mut b, r| {
                        b.push_bind(&r.kode).push_bind(r.level).push_bind(&r.nama).push_bind(&r.deskripsi).push_bind(r.indikator.join("\n"));
                    });
                    q.build().execute(&mut *tx).await?;
                }
                Ok(())
            });
            r?;
            ("impor_kamus", json!({"kamus": {"baris": k.len()}}))
        }
        Berkas::Potensi(p) => {
            let r: Result<(), StoreError> = with_tx!(db, tx => {
                for chunk in p.chunks(500) {
                    let mut q = sqlx::QueryBuilder::new("INSERT INTO asesmen_potensi (nip, skor, rekam_jejak, tanggal, sumber, impor_id) ");
                    q.push_values(chunk, |mut b, r| {
                        b.push_bind(&r.nip).push_bind(r.skor).push_bind(r.rekam_jejak).push_bind(&r.tanggal).push_bind(&r.sumber).push_bind(id);
                    });
                    q.push(" ON CONFLICT (nip, tanggal) DO UPDATE SET skor = excluded.skor, rekam_jejak = COALESCE(excluded.rekam_jejak, asesmen_potensi.rekam_jejak), sumber = excluded.sumber, impor_id = excluded.impor_id");
                    q.build().execute(&mut *tx).await?;
                }
                Ok(())
            });
            r?;
            ("impor_asesmen", json!({"potensi": {"baris": p.len()}}))
        }
        Berkas::Kompetensi(rows) => {
            let r: Result<(), StoreError> = with_tx!(db, tx => {
                for chunk in rows.chunks(500) {
                    let mut q = sqlx::QueryBuilder::new("INSERT INTO asesmen_kompetensi (nip, kode, level, tanggal, sumber, impor_id) ");
                    q.push_values(chunk, |mut b, r| {
                        b.push_bind(&r.nip).push_bind(&r.kode).push_bind(r.level).push_bind(&r.tanggal).push_bind(&r.sumber).push_bind(id);
                    });
                    q.push(" ON CONFLICT (nip, kode, tanggal) DO UPDATE SET level = excluded.level, sumber = excluded.sumber, impor_id = excluded.impor_id");
                    q.build().execute(&mut *tx).await?;
                }
                Ok(())
            });
            r?;
            let persons: HashSet<&str> = rows.iter().map(|r| r.nip.as_str()).collect();
            (
                "impor_asesmen",
                json!({"asesmen": {"baris": rows.len(), "pegawai": persons.len()}}),
            )
        }
    };
    finish(db, id, "selesai", &ringkasan, &[]).await?;
    crate::audit::tulis(
        db,
        akun.map(|a| a.0),
        who,
        aksi,
        &id.to_string(),
        &ringkasan.to_string(),
    )
    .await?;
    Ok((id, "selesai".into()))
}

/// A person's latest assessment (every competency of their most recent assessment date).
pub async fn terakhir(db: &Db, nip: &str) -> Result<Vec<Baris>, StoreError> {
    let rows: Vec<(String, String, f64, String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT nip, kode, level, tanggal, sumber FROM asesmen_kompetensi
         WHERE nip = $1 AND tanggal = (SELECT MAX(tanggal) FROM asesmen_kompetensi WHERE nip = $1)
         ORDER BY kode").bind(nip).fetch_all(p).await?);
    Ok(rows
        .into_iter()
        .map(|r| Baris {
            nip: r.0,
            kode: r.1,
            level: r.2,
            tanggal: r.3,
            sumber: r.4,
        })
        .collect())
}

/// What the nine-box of a subtree needs for one person in one year.
#[derive(Clone, Debug, Serialize)]
pub struct DataTalenta {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Unit.
    pub unor_id: String,
    /// Jenis jabatan.
    pub jenis_jabatan: String,
    /// Jenjang jabatan.
    pub jenjang_jabatan: String,
    /// Position title.
    pub nama_jabatan: String,
    /// IP ASN in half-points.
    pub ip: i64,
    /// SKP predikat of the year, if recorded as a predikat.
    pub predikat: Option<String>,
    /// Latest competency results.
    pub kompetensi: Vec<Baris>,
    /// Latest potential test score.
    pub potensi: Option<f64>,
    /// Track-record score of the same file.
    pub rekam_jejak: Option<f64>,
    /// The latest calibration: `(box, reason, who, when)`.
    pub kalibrasi: Option<(i64, String, String, String)>,
}

/// The measured persons of a subtree in a year, with their assessments and calibrations.
pub async fn talenta(db: &Db, tahun: i64, path: &str) -> Result<Vec<DataTalenta>, StoreError> {
    let end = crate::subtree_end(path);
    let people: Vec<(
        String,
        String,
        String,
        String,
        String,
        i64,
        Option<String>,
        Option<String>,
    )> = with_pool!(db, p => sqlx::query_as(
        "SELECT h.nip, h.nama, h.unor_id, h.jenis_jabatan, h.jenjang_jabatan, h.ip, h.predikat, g.nama_jabatan FROM hasil h
         LEFT JOIN pegawai g ON g.nip = h.nip
         WHERE h.tahun = $1 AND h.path >= $2 AND h.path < $3 ORDER BY h.nip").bind(tahun).bind(path).bind(&end).fetch_all(p).await?);
    let komp: Vec<(String, String, f64, String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT a.nip, a.kode, a.level, a.tanggal, a.sumber FROM asesmen_kompetensi a
         JOIN hasil h ON h.nip = a.nip AND h.tahun = $1 AND h.path >= $2 AND h.path < $3
         WHERE a.tanggal = (SELECT MAX(b.tanggal) FROM asesmen_kompetensi b WHERE b.nip = a.nip)")
        .bind(tahun).bind(path).bind(&end).fetch_all(p).await?);
    let pot: Vec<(String, f64, Option<f64>)> = with_pool!(db, p => sqlx::query_as(
        "SELECT a.nip, a.skor, a.rekam_jejak FROM asesmen_potensi a
         JOIN hasil h ON h.nip = a.nip AND h.tahun = $1 AND h.path >= $2 AND h.path < $3
         WHERE a.tanggal = (SELECT MAX(b.tanggal) FROM asesmen_potensi b WHERE b.nip = a.nip)")
        .bind(tahun).bind(path).bind(&end).fetch_all(p).await?);
    let kal: Vec<(String, i64, String, String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT k.nip, k.ke, k.alasan, k.username, k.waktu FROM kalibrasi k
         WHERE k.tahun = $1 AND k.id = (SELECT MAX(j.id) FROM kalibrasi j WHERE j.tahun = k.tahun AND j.nip = k.nip)")
        .bind(tahun).fetch_all(p).await?);
    let mut by_komp: HashMap<String, Vec<Baris>> = HashMap::new();
    for r in komp {
        by_komp.entry(r.0.clone()).or_default().push(Baris {
            nip: r.0,
            kode: r.1,
            level: r.2,
            tanggal: r.3,
            sumber: r.4,
        });
    }
    let pot: HashMap<String, (f64, Option<f64>)> =
        pot.into_iter().map(|p| (p.0, (p.1, p.2))).collect();
    let kal: HashMap<String, (i64, String, String, String)> = kal
        .into_iter()
        .map(|k| (k.0, (k.1, k.2, k.3, k.4)))
        .collect();
    Ok(people
        .into_iter()
        .map(|p| DataTalenta {
            kompetensi: by_komp.remove(&p.0).unwrap_or_default(),
            potensi: pot.get(&p.0).map(|x| x.0),
            rekam_jejak: pot.get(&p.0).and_then(|x| x.1),
            kalibrasi: kal.get(&p.0).cloned(),
            nip: p.0,
            nama: p.1,
            unor_id: p.2,
            jenis_jabatan: p.3,
            jenjang_jabatan: p.4,
            ip: p.5,
            predikat: p.6,
            nama_jabatan: p.7.unwrap_or_default(),
        })
        .collect())
}

/// Records a calibration move of a person's box in a year.
pub async fn kalibrasi(
    db: &Db,
    tahun: i64,
    nip: &str,
    dari: i64,
    ke: i64,
    alasan: &str,
    username: &str,
) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query(
        "INSERT INTO kalibrasi (tahun, nip, dari, ke, alasan, username, waktu) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(tahun).bind(nip).bind(dari).bind(ke).bind(alasan).bind(username).bind(crate::now())
        .execute(p).await?.rows_affected());
    Ok(())
}

/// Every stored position standard: `(position or jenjang key, code) → level`.
pub async fn standar(db: &Db) -> Result<HashMap<(String, String), f64>, StoreError> {
    let rows: Vec<(String, String, f64)> = with_pool!(db, p => sqlx::query_as(
        "SELECT jabatan, kode, level FROM standar_kompetensi").fetch_all(p).await?);
    Ok(rows.into_iter().map(|r| ((r.0, r.1), r.2)).collect())
}

/// Sets (or with `None` removes) one position standard, edited in the app.
pub async fn ubah_standar(
    db: &Db,
    jabatan: &str,
    kode: &str,
    level: Option<f64>,
) -> Result<(), StoreError> {
    let key = kunci_jabatan(jabatan);
    match level {
        Some(l) => with_pool!(db, p => sqlx::query(
            "INSERT INTO standar_kompetensi (jabatan, kode, level, impor_id) VALUES ($1, $2, $3, 0)
             ON CONFLICT (jabatan, kode) DO UPDATE SET level = excluded.level, impor_id = 0")
            .bind(&key).bind(kode).bind(l).execute(p).await?.rows_affected()),
        None => {
            with_pool!(db, p => sqlx::query("DELETE FROM standar_kompetensi WHERE jabatan = $1 AND kode = $2")
            .bind(&key).bind(kode).execute(p).await?.rows_affected())
        }
    };
    Ok(())
}

/// Whether any competency result is stored.
pub async fn ada_hasil(db: &Db) -> Result<bool, StoreError> {
    let r: Option<(String,)> = with_pool!(db, p => sqlx::query_as("SELECT nip FROM asesmen_kompetensi LIMIT 1").fetch_optional(p).await?);
    Ok(r.is_some())
}

/// Each person's latest track-record score (from the newest potential row that has one), so a
/// new potential test score can carry it forward.
pub async fn rekam_jejak_terakhir(db: &Db) -> Result<HashMap<String, f64>, StoreError> {
    let rows: Vec<(String, f64)> = with_pool!(db, p => sqlx::query_as(
        "SELECT a.nip, a.rekam_jejak FROM asesmen_potensi a
         WHERE a.rekam_jejak IS NOT NULL AND a.tanggal = (SELECT MAX(b.tanggal) FROM asesmen_potensi b
               WHERE b.nip = a.nip AND b.rekam_jejak IS NOT NULL)")
        .fetch_all(p).await?);
    Ok(rows.into_iter().collect())
}
