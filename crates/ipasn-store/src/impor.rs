//! Importing a data package uploaded in the browser (or given on the command line): unpack,
//! validate exactly as `ipasn compute` does, compute every year of the package, and replace the
//! stored data in **one transaction**. A package with errors changes nothing and keeps its list of
//! problems; the same package imported again under the same rule set changes nothing either.
//!
//! What a package replaces: the units, the persons, and every stored year's results and unit
//! summaries (a package carries several years of history, so the years it holds are recomputed
//! from it; see ARCHITECTURE.md "Imports replace").

use crate::{Db, StoreError, now, with_pool, with_tx};
use ipasn_core::agregat::{self, Agregat};
use ipasn_core::hasil::Dimensi;
use ipasn_core::model::Dataset;
use ipasn_core::rules::RuleSet;
use ipasn_core::skor::Penilai;
use ipasn_core::tanggal::Tanggal;
use ipasn_core::teks::Lang;
use ipasn_data::arsip;
use ipasn_data::masalah::{Level, Problem};
use ipasn_data::paket::{self, ImportOptions};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

/// How many of the most recent appraisal years of a package are computed.
pub const TAHUN_MAKS: usize = 5;

/// Today's date (UTC).
pub fn today() -> Tanggal {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Tanggal::from_days((secs / 86_400) as i64)
}

/// A problem as stored and shown: both languages, so the table can switch without re-importing.
#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct Masalah {
    /// `galat` (error) or `peringatan` (warning).
    pub tingkat: String,
    /// Sheet or file.
    pub sheet: String,
    /// Row as a spreadsheet shows it.
    pub baris: Option<u32>,
    /// Column.
    pub kolom: Option<String>,
    /// The value found.
    pub nilai: Option<String>,
    /// What is wrong, in Indonesian.
    pub masalah: String,
    /// How to fix it, in Indonesian.
    pub perbaikan: String,
    /// What is wrong, in English.
    pub problem: String,
    /// How to fix it, in English.
    pub fix: String,
}

impl Masalah {
    pub(crate) fn of(p: &Problem) -> Masalah {
        Masalah {
            tingkat: if p.level == Level::Error {
                "galat"
            } else {
                "peringatan"
            }
            .into(),
            sheet: p.sheet.clone(),
            baris: p.row,
            kolom: p.column.clone(),
            nilai: p.value.clone(),
            masalah: p.message(Lang::Id),
            perbaikan: p.fix(Lang::Id),
            problem: p.message(Lang::En),
            fix: p.fix(Lang::En),
        }
    }

    /// Whether this problem stops the import.
    pub fn is_error(&self) -> bool {
        self.tingkat == "galat"
    }
}

/// An import as listed in the history.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Impor {
    /// Id.
    pub id: i64,
    /// Started (UTC).
    pub waktu: String,
    /// Who.
    pub username: String,
    /// The uploaded file's name.
    pub nama_berkas: String,
    /// Its size in bytes.
    pub ukuran: i64,
    /// Its SHA-256.
    pub sha256: String,
    /// Rule set used.
    pub aturan_id: String,
    /// `berjalan` (running), `selesai` (stored), `sama` (identical to the stored package:
    /// nothing changed), `ditolak` (refused: errors in the package), `gagal` (failed).
    pub status: String,
    /// 0–100.
    pub progres: i64,
    /// What changed (JSON).
    pub ringkasan: String,
    /// Finished (UTC).
    pub selesai: Option<String>,
}

/// Records a new import as running and returns its id.
pub async fn mulai(
    db: &Db,
    akun: Option<(i64, &str)>,
    nama_berkas: &str,
    isi: &[u8],
    aturan_id: &str,
) -> Result<i64, StoreError> {
    let sha = hex::encode(Sha256::digest(isi));
    let (id,): (i64,) = with_pool!(db, p => sqlx::query_as(
        "INSERT INTO impor (waktu, akun_id, username, nama_berkas, ukuran, sha256, aturan_id, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'berjalan') RETURNING id")
        .bind(now()).bind(akun.map(|a| a.0)).bind(akun.map(|a| a.1).unwrap_or("sistem"))
        .bind(nama_berkas).bind(isi.len() as i64).bind(sha).bind(aturan_id)
        .fetch_one(p).await?);
    Ok(id)
}

/// One import.
pub async fn satu(db: &Db, id: i64) -> Result<Option<Impor>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Impor>(
        "SELECT id, waktu, username, nama_berkas, ukuran, sha256, aturan_id, status, progres, ringkasan, selesai
         FROM impor WHERE id = $1").bind(id).fetch_optional(p).await?))
}

/// The import history, newest first.
pub async fn riwayat(db: &Db, limit: i64) -> Result<Vec<Impor>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as::<_, Impor>(
        "SELECT id, waktu, username, nama_berkas, ukuran, sha256, aturan_id, status, progres, ringkasan, selesai
         FROM impor ORDER BY id DESC LIMIT $1").bind(limit).fetch_all(p).await?))
}

/// The problems found by an import.
pub async fn masalah(db: &Db, id: i64) -> Result<Vec<Masalah>, StoreError> {
    let (m,): (String,) = with_pool!(db, p => sqlx::query_as("SELECT masalah FROM impor WHERE id = $1")
        .bind(id).fetch_one(p).await?);
    serde_json::from_str(&m).map_err(|e| StoreError::Data(e.to_string()))
}

async fn set_progres(db: &Db, id: i64, pct: u8) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query("UPDATE impor SET progres = $1 WHERE id = $2 AND status = 'berjalan'")
        .bind(pct as i64).bind(id).execute(p).await?.rows_affected());
    Ok(())
}

pub(crate) async fn finish(
    db: &Db,
    id: i64,
    status: &str,
    ringkasan: &serde_json::Value,
    masalah: &[Masalah],
) -> Result<(), StoreError> {
    let m = serde_json::to_string(masalah).expect("problems serialise");
    with_pool!(db, p => sqlx::query(
        "UPDATE impor SET status = $1, progres = 100, ringkasan = $2, masalah = $3, selesai = $4 WHERE id = $5")
        .bind(status).bind(ringkasan.to_string()).bind(m).bind(now()).bind(id).execute(p).await?.rows_affected());
    Ok(())
}

/// Why an upload is not a package, before any sheet is read: [`arsip::unpack`] with the
/// package limits ([`arsip::Batas::default`]): a ZIP's CSV files streamed into `dir` and an
/// XLSX workbook checked, both against their real decompressed sizes. The refusal is one
/// problem, in a list as the import stores them.
fn unpack(nama_berkas: &str, isi: &[u8], dir: &Path) -> Result<std::path::PathBuf, Vec<Masalah>> {
    arsip::unpack(nama_berkas, isi, dir, &arsip::Batas::default())
        .map_err(|p| vec![Masalah::of(&p)])
}

/// Rows ready to be written, computed outside the transaction.
struct Prepared {
    unor: Vec<UnorRow>,
    pegawai: Vec<[String; 8]>,
    hasil: Vec<HasilRow>,
    ringkasan: Vec<RingkasanRow>,
    tahun: Vec<(i64, String)>,
    counts: paket::Counts,
    peringatan: usize,
}

struct UnorRow {
    id: String,
    nama: String,
    induk: Option<String>,
    path: String,
    kedalaman: i64,
    instansi_id: String,
    nama_instansi: String,
    kode_wilayah: String,
}

struct HasilRow {
    tahun: i64,
    nip: String,
    nama: String,
    unor_id: String,
    path: String,
    jenis: &'static str,
    jenjang: &'static str,
    poin: [i64; 4],
    ip: i64,
    kategori: i64,
    flags: String,
    predikat: Option<&'static str>,
    penjelasan: String,
}

struct RingkasanRow {
    tahun: i64,
    unor_id: String,
    path: String,
    kedalaman: i64,
    total: Agregat,
    sendiri: Agregat,
    kategori: Option<i64>,
}

/// Materialised paths: `00001.00003.` — each unit's ordinal among its siblings, in package
/// order, five digits per level.
fn paths(ds: &Dataset) -> (Vec<String>, Vec<u32>) {
    let depth = agregat::depths(&ds.unor);
    let mut order: Vec<usize> = (0..ds.unor.len()).collect();
    order.sort_by_key(|&i| depth[i]);
    let mut path = vec![String::new(); ds.unor.len()];
    let mut children: HashMap<Option<u32>, u32> = HashMap::new();
    for i in order {
        let parent = ds.unor[i].induk;
        let n = children.entry(parent).or_default();
        *n += 1;
        let base = parent.map(|p| path[p as usize].clone()).unwrap_or_default();
        path[i] = format!("{base}{:05}.", *n);
    }
    (path, depth)
}

fn prepare(
    ds: &Dataset,
    rules: &RuleSet,
    counts: paket::Counts,
    peringatan: usize,
    today: Tanggal,
    stage: &AtomicU8,
) -> Prepared {
    let (path, depth) = paths(ds);
    let unor = ds
        .unor
        .iter()
        .enumerate()
        .map(|(i, u)| UnorRow {
            id: u.id.clone(),
            nama: u.nama.clone(),
            induk: u.induk.map(|p| ds.unor[p as usize].id.clone()),
            path: path[i].clone(),
            kedalaman: depth[i] as i64,
            instansi_id: u.instansi_id.clone(),
            nama_instansi: u.nama_instansi.clone(),
            kode_wilayah: u.kode_wilayah.clone(),
        })
        .collect();
    let pegawai = ds
        .pegawai
        .iter()
        .map(|p| {
            [
                p.nip.to_string(),
                p.nama.to_string(),
                ds.unor[p.unor as usize].id.clone(),
                p.status.name().to_string(),
                p.jenis_jabatan.name().to_string(),
                p.jenjang.name().to_string(),
                p.nama_jabatan.to_string(),
                p.golongan.to_string(),
            ]
        })
        .collect();
    // The years: the most recent appraisal years of the package, up to this year.
    let mut years: Vec<i32> = (0..ds.pegawai.len())
        .flat_map(|i| ds.riwayat(i).skp.iter().map(|s| s.tahun))
        .filter(|&y| y <= today.year())
        .collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        years.push(today.year() - 1);
    }
    let years: Vec<i32> = years.iter().rev().take(TAHUN_MAKS).rev().copied().collect();
    let unor_of: Vec<u32> = ds.pegawai.iter().map(|p| p.unor).collect();
    let mut hasil = vec![];
    let mut ringkasan = vec![];
    let mut tahun = vec![];
    for (k, &y) in years.iter().enumerate() {
        let penilai = Penilai::new(rules, y);
        let mut skor = Vec::with_capacity(ds.pegawai.len());
        for (i, p) in ds.pegawai.iter().enumerate() {
            if !rules.pengukuran.status_diukur.contains(&p.status) {
                skor.push(None);
                continue;
            }
            let h = penilai.nilai(p, ds.riwayat(i));
            let s = h.skor();
            hasil.push(HasilRow {
                tahun: y as i64,
                nip: p.nip.to_string(),
                nama: p.nama.to_string(),
                unor_id: ds.unor[p.unor as usize].id.clone(),
                path: path[p.unor as usize].clone(),
                jenis: p.jenis_jabatan.name(),
                jenjang: p.jenjang.name(),
                poin: Dimensi::ALL.map(|d| s.poin(d).halves() as i64),
                ip: s.ip.halves() as i64,
                kategori: s.kategori as i64,
                flags: s.flags.to_string(),
                predikat: ds
                    .riwayat(i)
                    .skp
                    .iter()
                    .find(|k| k.tahun == y)
                    .and_then(|k| k.predikat)
                    .map(|p| p.name()),
                penjelasan: serde_json::to_string(&h.dimensi).expect("explanations serialise"),
            });
            skor.push(Some(s));
        }
        let total = agregat::per_unor(&ds.unor, &unor_of, &skor, rules);
        let mut own = vec![Agregat::default(); ds.unor.len()];
        for (u, s) in unor_of.iter().zip(&skor) {
            own[*u as usize].add(s.as_ref(), rules);
        }
        for (i, (t, o)) in total.into_iter().zip(own).enumerate() {
            ringkasan.push(RingkasanRow {
                tahun: y as i64,
                unor_id: ds.unor[i].id.clone(),
                path: path[i].clone(),
                kedalaman: depth[i] as i64,
                kategori: t.kategori(rules).map(|c| c as i64),
                total: t,
                sendiri: o,
            });
        }
        tahun.push((y as i64, rules.cutoff(y).to_string()));
        stage.store(60 + (30 * (k + 1) / years.len()) as u8, Ordering::Relaxed);
    }
    Prepared {
        unor,
        pegawai,
        hasil,
        ringkasan,
        tahun,
        counts,
        peringatan,
    }
}

/// Runs an import recorded by [`mulai`]: unpack, validate, compute, store. Returns the final
/// status (`selesai`, `sama`, `ditolak` or `gagal`); the problems and what changed are stored
/// with the import.
pub async fn jalankan(
    db: &Db,
    id: i64,
    akun: Option<(i64, &str)>,
    nama_berkas: &str,
    isi: Arc<Vec<u8>>,
    rules: Arc<RuleSet>,
    aturan_toml: &str,
) -> Result<String, StoreError> {
    let sha = hex::encode(Sha256::digest(&isi[..]));
    // The same package under the same rule set as the last stored import: nothing to do.
    let last: Option<(String, String)> = with_pool!(db, p => sqlx::query_as(
        "SELECT sha256, aturan_id FROM impor WHERE status = 'selesai' ORDER BY id DESC LIMIT 1")
        .fetch_optional(p).await?);
    let same_rules: Option<(String,)> = with_pool!(db, p => sqlx::query_as(
        "SELECT aturan_sha256 FROM tahun_hitung LIMIT 1").fetch_optional(p).await?);
    if let Some((s, a)) = last
        && s == sha
        && a == rules.id
        && same_rules.as_ref().is_some_and(|h| h.0 == rules.hash)
    {
        finish(db, id, "sama", &json!({"sama": true}), &[]).await?;
        crate::audit::tulis(
            db,
            akun.map(|a| a.0),
            akun.map(|a| a.1).unwrap_or("sistem"),
            "impor",
            &id.to_string(),
            &json!({"berkas": nama_berkas, "status": "sama"}).to_string(),
        )
        .await?;
        return Ok("sama".into());
    }

    let stage = Arc::new(AtomicU8::new(1));
    let progress: Arc<ipasn_data::lembar::Progress> = Default::default();
    let job = {
        let (stage, progress, isi, rules) =
            (stage.clone(), progress.clone(), isi.clone(), rules.clone());
        let nama = nama_berkas.to_string();
        tokio::task::spawn_blocking(move || -> Result<(Prepared, Vec<Masalah>), Vec<Masalah>> {
            let dir = tempfile::tempdir()
                .map_err(|e| vec![unreadable(&nama, &format!("{e}"), &format!("{e}"))])?;
            let path = unpack(&nama, &isi, dir.path())?;
            stage.store(5, Ordering::Relaxed);
            let t = today();
            let opts = ImportOptions::new(t, None);
            let imported = paket::import_tracked(&path, &opts, progress);
            let masalah: Vec<Masalah> = imported.problems.iter().map(Masalah::of).collect();
            if imported.has_errors() {
                return Err(masalah);
            }
            stage.store(60, Ordering::Relaxed);
            let prepared = prepare(
                &imported.dataset,
                &rules,
                imported.counts,
                masalah.len(),
                t,
                &stage,
            );
            Ok((prepared, masalah))
        })
    };
    // Report progress while the job runs: reading is 5–60 %, computing 60–90 %, writing 90–100 %.
    let mut job = std::pin::pin!(job);
    let outcome = loop {
        tokio::select! {
            r = &mut job => break r,
            _ = tokio::time::sleep(std::time::Duration::from_millis(300)) => {
                let s = stage.load(Ordering::Relaxed);
                let pct = if s == 5 && progress.total() > 0 {
                    5 + (55 * progress.done() / progress.total()) as u8
                } else { s };
                set_progres(db, id, pct).await?;
            }
        }
    };
    let who = akun.map(|a| a.1).unwrap_or("sistem");
    let (prepared, warnings) = match outcome {
        Err(e) => {
            finish(db, id, "gagal", &json!({"galat": e.to_string()}), &[]).await?;
            return Ok("gagal".into());
        }
        Ok(Err(masalah)) => {
            let errors = masalah.iter().filter(|m| m.is_error()).count();
            finish(
                db,
                id,
                "ditolak",
                &json!({"galat": errors, "peringatan": masalah.len() - errors}),
                &masalah,
            )
            .await?;
            crate::audit::tulis(
                db,
                akun.map(|a| a.0),
                who,
                "impor",
                &id.to_string(),
                &json!({"berkas": nama_berkas, "status": "ditolak", "galat": errors}).to_string(),
            )
            .await?;
            return Ok("ditolak".into());
        }
        Ok(Ok(p)) => p,
    };
    let _ = set_progres(db, id, 90).await;
    let ringkasan = simpan(db, id, &prepared, &rules, aturan_toml, nama_berkas, &isi).await?;
    finish(db, id, "selesai", &ringkasan, &warnings).await?;
    crate::audit::tulis(
        db,
        akun.map(|a| a.0),
        who,
        "impor",
        &id.to_string(),
        &ringkasan.to_string(),
    )
    .await?;
    Ok("selesai".into())
}

fn unreadable(sheet: &str, id: &str, en: &str) -> Masalah {
    Masalah {
        tingkat: "galat".into(),
        sheet: sheet.into(),
        baris: None,
        kolom: None,
        nilai: None,
        masalah: id.into(),
        perbaikan: String::new(),
        problem: en.into(),
        fix: String::new(),
    }
}

/// Rows per multi-row INSERT (well under both backends' limits on bound values).
const BATCH: usize = 400;

/// Writes a prepared package in one transaction and returns what changed.
async fn simpan(
    db: &Db,
    id: i64,
    pr: &Prepared,
    rules: &RuleSet,
    aturan_toml: &str,
    nama_berkas: &str,
    isi: &[u8],
) -> Result<serde_json::Value, StoreError> {
    // What changed, against the persons stored now.
    let old: Vec<(
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    )> = with_pool!(db, p => sqlx::query_as(
        "SELECT nip, nama, unor_id, status, jenis_jabatan, jenjang_jabatan, nama_jabatan, golongan FROM pegawai")
        .fetch_all(p).await?);
    let old: HashMap<String, [String; 7]> = old
        .into_iter()
        .map(|r| (r.0, [r.1, r.2, r.3, r.4, r.5, r.6, r.7]))
        .collect();
    let (mut baru, mut berubah) = (0, 0);
    for p in &pr.pegawai {
        match old.get(&p[0]) {
            None => baru += 1,
            Some(o) if o[..] != p[1..] => berubah += 1,
            Some(_) => {}
        }
    }
    let keluar = old.len() + baru - pr.pegawai.len();
    let (old_unor,): (i64,) =
        with_pool!(db, p => sqlx::query_as("SELECT COUNT(*) FROM unor").fetch_one(p).await?);
    let ringkasan = json!({
        "pegawai": {"jumlah": pr.pegawai.len(), "baru": baru, "berubah": berubah, "keluar": keluar},
        "unor": {"jumlah": pr.unor.len(), "sebelumnya": old_unor},
        "baris": {"unor": pr.counts.unor, "pegawai": pr.counts.pegawai, "pendidikan": pr.counts.pendidikan,
                  "diklat": pr.counts.diklat, "skp": pr.counts.skp, "hukdis": pr.counts.hukdis},
        "tahun": pr.tahun.iter().map(|t| t.0).collect::<Vec<_>>(),
        "diukur": pr.hasil.len(),
        "peringatan": pr.peringatan,
        "aturan": rules.id,
        "aturan_sha256": rules.hash,
    });
    let waktu = now();
    let r: Result<(), StoreError> = with_tx!(db, tx => {
        for t in ["DELETE FROM hasil", "DELETE FROM penjelasan", "DELETE FROM ringkasan_unor", "DELETE FROM tahun_hitung", "DELETE FROM pegawai", "DELETE FROM unor"] {
            sqlx::query(t).execute(&mut *tx).await?;
        }
        for chunk in pr.unor.chunks(BATCH) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO unor (unor_id, nama, induk, path, kedalaman, instansi_id, nama_instansi, kode_wilayah) ");
            q.push_values(chunk, |mut b, u| {
                b.push_bind(&u.id).push_bind(&u.nama).push_bind(&u.induk).push_bind(&u.path)
                    .push_bind(u.kedalaman).push_bind(&u.instansi_id).push_bind(&u.nama_instansi).push_bind(&u.kode_wilayah);
            });
            q.build().execute(&mut *tx).await?;
        }
        for chunk in pr.pegawai.chunks(BATCH) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO pegawai (nip, nama, unor_id, status, jenis_jabatan, jenjang_jabatan, nama_jabatan, golongan) ");
            q.push_values(chunk, |mut b, p| {
                for v in p {
                    b.push_bind(v);
                }
            });
            q.build().execute(&mut *tx).await?;
        }
        for chunk in pr.hasil.chunks(BATCH) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO hasil (tahun, nip, nama, unor_id, path, jenis_jabatan, jenjang_jabatan,
                 kualifikasi, kompetensi, kinerja, disiplin, ip, kategori, flags, predikat) ");
            q.push_values(chunk, |mut b, h| {
                b.push_bind(h.tahun).push_bind(&h.nip).push_bind(&h.nama).push_bind(&h.unor_id).push_bind(&h.path)
                    .push_bind(h.jenis).push_bind(h.jenjang);
                for v in h.poin {
                    b.push_bind(v);
                }
                b.push_bind(h.ip).push_bind(h.kategori).push_bind(&h.flags).push_bind(h.predikat);
            });
            q.build().execute(&mut *tx).await?;
            let mut q = sqlx::QueryBuilder::new("INSERT INTO penjelasan (tahun, nip, isi) ");
            q.push_values(chunk, |mut b, h| {
                b.push_bind(h.tahun).push_bind(&h.nip).push_bind(&h.penjelasan);
            });
            q.build().execute(&mut *tx).await?;
        }
        for chunk in pr.ringkasan.chunks(BATCH) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO ringkasan_unor (tahun, unor_id, path, kedalaman, pegawai, diukur, dalam_rerata, jumlah_ip,
                 jumlah_kualifikasi, jumlah_kompetensi, jumlah_kinerja, jumlah_disiplin, kategori, per_kategori,
                 sendiri_pegawai, sendiri_diukur, sendiri_dalam_rerata, sendiri_jumlah_ip) ");
            q.push_values(chunk, |mut b, r| {
                let t = &r.total;
                b.push_bind(r.tahun).push_bind(&r.unor_id).push_bind(&r.path).push_bind(r.kedalaman)
                    .push_bind(t.pegawai as i64).push_bind(t.diukur as i64).push_bind(t.dalam_rerata as i64)
                    .push_bind(t.jumlah_ip as i64);
                for v in t.jumlah {
                    b.push_bind(v as i64);
                }
                b.push_bind(r.kategori)
                    .push_bind(serde_json::to_string(&t.per_kategori).expect("counts serialise"))
                    .push_bind(r.sendiri.pegawai as i64).push_bind(r.sendiri.diukur as i64)
                    .push_bind(r.sendiri.dalam_rerata as i64).push_bind(r.sendiri.jumlah_ip as i64);
            });
            q.build().execute(&mut *tx).await?;
        }
        for (tahun, acuan) in &pr.tahun {
            sqlx::query("INSERT INTO tahun_hitung (tahun, aturan_id, aturan_sha256, aturan_toml, tanggal_acuan, impor_id, dihitung)
                         VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(tahun).bind(&rules.id).bind(&rules.hash).bind(aturan_toml).bind(acuan).bind(id).bind(&waktu)
                .execute(&mut *tx).await?;
        }
        sqlx::query("DELETE FROM paket").execute(&mut *tx).await?;
        sqlx::query("INSERT INTO paket (id, impor_id, nama_berkas, isi) VALUES (1, $1, $2, $3)")
            .bind(id).bind(nama_berkas).bind(isi).execute(&mut *tx).await?;
        Ok(())
    });
    r?;
    // Fresh statistics for the query planners after a bulk replace.
    with_pool!(db, p => sqlx::query("ANALYZE").execute(p).await?.rows_affected());
    Ok(ringkasan)
}

/// Marks an import as failed (the store could not finish it); nothing was changed.
pub async fn gagal(db: &Db, id: i64, why: &str) -> Result<(), StoreError> {
    finish(db, id, "gagal", &json!({"galat": why}), &[]).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpack_refuses_what_is_not_a_package_with_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let e = unpack("x.xlsx", b"hello", dir.path())
            .unwrap_err()
            .remove(0);
        assert!(e.masalah.contains("bukan XLSX"), "{e:?}");
        assert!(e.fix.contains("Excel workbook (.xlsx)"), "{e:?}");
        assert_eq!((e.sheet.as_str(), e.is_error()), ("x.xlsx", true));
        // A ZIP cut in the middle: the central directory is missing.
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file("unor.csv", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, &vec![b'a'; 4000]).unwrap();
        let full = z.finish().unwrap().into_inner();
        let e = unpack("p.zip", &full[..full.len() / 2], dir.path())
            .unwrap_err()
            .remove(0);
        assert!(e.masalah.contains("terpotong"), "{e:?}");
        assert!(e.problem.contains("truncated"), "{e:?}");
        assert!(!e.perbaikan.is_empty());
        // A whole ZIP with no CSV in it.
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file("catatan.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        let e = unpack("p.zip", &z.finish().unwrap().into_inner(), dir.path())
            .unwrap_err()
            .remove(0);
        assert!(e.masalah.contains("tidak berisi berkas CSV"), "{e:?}");
        // A valid one: its CSV files, unchanged.
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file("paket/unor.csv", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"unor_id,nama_unor\nU1,Kota\n").unwrap();
        let path = unpack("p.zip", &z.finish().unwrap().into_inner(), dir.path()).unwrap();
        assert_eq!(
            std::fs::read(path.join("unor.csv")).unwrap(),
            b"unor_id,nama_unor\nU1,Kota\n"
        );
    }

    /// An XLSX upload used to be written out and opened by calamine as it came, which reads
    /// the shared strings whole into memory; now its real decompressed sizes are checked first
    /// (a bomb of 257 MiB in about 0.3 MB passes the 256 MiB limit of such a part).
    #[test]
    fn a_workbook_with_a_bomb_inside_is_refused_before_it_is_opened() {
        let dir = tempfile::tempdir().unwrap();
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_level(Some(9));
        z.start_file("xl/workbook.xml", opts).unwrap();
        std::io::Write::write_all(&mut z, b"<workbook/>").unwrap();
        z.start_file("xl/sharedStrings.xml", opts).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..257 {
            std::io::Write::write_all(&mut z, &block).unwrap();
        }
        let isi = z.finish().unwrap().into_inner();
        assert!(isi.len() < 1 << 20, "{} bytes", isi.len());
        let e = unpack("paket.xlsx", &isi, dir.path())
            .unwrap_err()
            .remove(0);
        assert!(e.masalah.contains("xl/sharedStrings.xml"), "{e:?}");
        assert!(e.problem.contains("more than 256 MiB"), "{e:?}");
        assert!(!dir.path().join("paket.xlsx").exists());
    }
}
