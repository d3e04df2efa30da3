//! Online tests as stored: sessions, their proctors, the invited persons (the SHA-256 of their
//! one-time token and of their signed-in key, never the secrets), the server-owned clock of the
//! section each is in, and every answer with its sequence number.
//!
//! Answers are written by [`Penulis`], one writer task per process that commits the saves
//! arriving together in one transaction (group commit) and acknowledges each only after the
//! commit; on SQLite that connection syncs every commit to disk (`synchronous = FULL`), so an
//! acknowledged answer survives a crash of the process or of the machine. A save lands only if
//! the taker is still in that section and it is open, and replaces a stored answer only with a
//! higher sequence number (`ipasn_instrumen::ujian::menang`), in the same statement.

use crate::{Db, StoreError, now, with_pool, with_tx};
use serde::Serialize;
use tokio::sync::{mpsc, oneshot};

/// A session.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct SesiUjian {
    /// Row id.
    pub id: i64,
    /// Name.
    pub nama: String,
    /// The plan (JSON, written by the web tier: instrument versions in order and time limits).
    pub rencana: String,
    /// First day (YYYY-MM-DD, the instansi's time zone).
    pub buka: String,
    /// Last day.
    pub tutup: String,
    /// The invited group as chosen (JSON, for the record).
    pub kelompok: String,
    /// Who created it.
    pub oleh: String,
    /// When.
    pub dibuat: String,
}

/// An invited person and the state of their attempt.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Peserta {
    /// Row id.
    pub id: i64,
    /// The session.
    pub sesi_id: i64,
    /// NIP.
    pub nip: String,
    /// Name (when invited).
    pub nama: String,
    /// The unit's path when invited (proctor scopes).
    pub unor_path: String,
    /// The signed-in page's CSRF token.
    #[serde(skip)]
    pub csrf: Option<String>,
    /// First start (ms).
    pub mulai: Option<i64>,
    /// Submitted (ms).
    pub selesai: Option<i64>,
    /// `peserta`, `tenggat` (the last deadline) or `tutup` (the window closed).
    pub selesai_oleh: Option<String>,
    /// The section of the plan the taker is in.
    pub bagian: i64,
    /// When that section was started (`None`: its instructions are showing).
    pub bagian_mulai: Option<i64>,
    /// Its deadline (ms; `None`: untimed or not started).
    pub tenggat: Option<i64>,
    /// Paused since (ms).
    pub jeda_sejak: Option<i64>,
    /// The item the page shows.
    pub posisi: i64,
    /// Times the page was left.
    pub keluar: i64,
    /// The page's last call (ms).
    pub detak: Option<i64>,
    /// The last answer (ms).
    pub jawab: Option<i64>,
    /// The highest sequence number saved.
    pub seq: i64,
    /// After scoring: the results' ids and the integrity signals (JSON).
    pub hasil: Option<String>,
    /// 1 while a card token is in force (0: none made yet, revoked, or spent).
    pub bertoken: i64,
}

const KOLOM_PESERTA: &str = "id, sesi_id, nip, nama, unor_path, csrf, mulai, selesai, selesai_oleh, bagian, bagian_mulai, tenggat, jeda_sejak, posisi, keluar, detak, jawab, seq, hasil, CAST(CASE WHEN token_sidik IS NULL THEN 0 ELSE 1 END AS BIGINT) AS bertoken";

/// The current time in ms since the epoch.
pub fn kini_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

/// Creates a session with its invited persons (NIP, name, unit path); its id.
#[allow(clippy::too_many_arguments)]
pub async fn buat_sesi(
    db: &Db,
    nama: &str,
    rencana: &str,
    buka: &str,
    tutup: &str,
    kelompok: &str,
    peserta: &[(String, String, String)],
    oleh: &str,
) -> Result<i64, StoreError> {
    let dibuat = now();
    with_tx!(db, tx => {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO sesi_ujian (nama, rencana, buka, tutup, kelompok, oleh, dibuat) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
            .bind(nama).bind(rencana).bind(buka).bind(tutup).bind(kelompok).bind(oleh).bind(&dibuat)
            .fetch_one(&mut *tx).await?;
        for (nip, n, path) in peserta {
            sqlx::query("INSERT INTO peserta_ujian (sesi_id, nip, nama, unor_path) VALUES ($1, $2, $3, $4)")
                .bind(id).bind(nip).bind(n).bind(path).execute(&mut *tx).await?;
        }
        Ok::<_, StoreError>(id)
    })
}

/// A session with its counts: invited, started, submitted.
#[derive(Clone, Debug, Serialize)]
pub struct Ringkas {
    /// The session.
    pub sesi: SesiUjian,
    /// Invited.
    pub diundang: i64,
    /// Started.
    pub mulai: i64,
    /// Submitted.
    pub selesai: i64,
}

/// Every session, newest first, with its counts.
pub async fn daftar_sesi(db: &Db) -> Result<Vec<Ringkas>, StoreError> {
    let sesi: Vec<SesiUjian> = with_pool!(db, p => sqlx::query_as(
        "SELECT id, nama, rencana, buka, tutup, kelompok, oleh, dibuat FROM sesi_ujian ORDER BY id DESC")
        .fetch_all(p).await?);
    let hitung: Vec<(i64, i64, i64, i64)> = with_pool!(db, p => sqlx::query_as(
        "SELECT sesi_id, COUNT(*), COUNT(mulai), COUNT(selesai) FROM peserta_ujian GROUP BY sesi_id")
        .fetch_all(p).await?);
    Ok(sesi
        .into_iter()
        .map(|s| {
            let h = hitung.iter().find(|h| h.0 == s.id).copied();
            let (_, diundang, mulai, selesai) = h.unwrap_or_default();
            Ringkas {
                sesi: s,
                diundang,
                mulai,
                selesai,
            }
        })
        .collect())
}

/// A session.
pub async fn sesi(db: &Db, id: i64) -> Result<Option<SesiUjian>, StoreError> {
    Ok(with_pool!(db, p => sqlx::query_as(
        "SELECT id, nama, rencana, buka, tutup, kelompok, oleh, dibuat FROM sesi_ujian WHERE id = $1")
        .bind(id).fetch_optional(p).await?))
}

/// Sets a session's proctors (account ids).
pub async fn atur_pengawas(db: &Db, sesi_id: i64, akun: &[i64]) -> Result<(), StoreError> {
    with_tx!(db, tx => {
        sqlx::query("DELETE FROM pengawas_ujian WHERE sesi_id = $1").bind(sesi_id).execute(&mut *tx).await?;
        for a in akun {
            sqlx::query("INSERT INTO pengawas_ujian (sesi_id, akun_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(sesi_id).bind(a).execute(&mut *tx).await?;
        }
        Ok::<_, StoreError>(())
    })
}

/// A session's proctors (account ids).
pub async fn pengawas(db: &Db, sesi_id: i64) -> Result<Vec<i64>, StoreError> {
    let r: Vec<(i64,)> = with_pool!(db, p => sqlx::query_as(
        "SELECT akun_id FROM pengawas_ujian WHERE sesi_id = $1 ORDER BY akun_id")
        .bind(sesi_id).fetch_all(p).await?);
    Ok(r.into_iter().map(|r| r.0).collect())
}

/// Every invited person of a session, by NIP.
pub async fn peserta_sesi(db: &Db, sesi_id: i64) -> Result<Vec<Peserta>, StoreError> {
    let q = format!("SELECT {KOLOM_PESERTA} FROM peserta_ujian WHERE sesi_id = $1 ORDER BY nip");
    Ok(
        with_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(q.clone())).bind(sesi_id).fetch_all(p).await?),
    )
}

/// One invited person.
pub async fn peserta(db: &Db, id: i64) -> Result<Option<Peserta>, StoreError> {
    let q = format!("SELECT {KOLOM_PESERTA} FROM peserta_ujian WHERE id = $1");
    Ok(
        with_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(q.clone())).bind(id).fetch_optional(p).await?),
    )
}

/// The invitations of a NIP, newest session first.
pub async fn undangan(db: &Db, nip: &str) -> Result<Vec<Peserta>, StoreError> {
    let q =
        format!("SELECT {KOLOM_PESERTA} FROM peserta_ujian WHERE nip = $1 ORDER BY sesi_id DESC");
    Ok(
        with_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(q.clone())).bind(nip).fetch_all(p).await?),
    )
}

/// The person a card's token (its SHA-256) belongs to, if the NIP matches.
pub async fn peserta_token(
    db: &Db,
    nip: &str,
    token_sidik: &str,
) -> Result<Option<Peserta>, StoreError> {
    let q =
        format!("SELECT {KOLOM_PESERTA} FROM peserta_ujian WHERE token_sidik = $1 AND nip = $2");
    Ok(
        with_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(q.clone())).bind(token_sidik).bind(nip).fetch_optional(p).await?),
    )
}

/// The person signed in with this key (its SHA-256).
pub async fn peserta_kunci(db: &Db, kunci_sidik: &str) -> Result<Option<Peserta>, StoreError> {
    let q = format!("SELECT {KOLOM_PESERTA} FROM peserta_ujian WHERE kunci_sidik = $1");
    Ok(
        with_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(q.clone())).bind(kunci_sidik).fetch_optional(p).await?),
    )
}

/// Signs a person in: a new key (its SHA-256) and CSRF token replace any earlier one, so the
/// page on another device stops.
pub async fn pasang_kunci(
    db: &Db,
    id: i64,
    kunci_sidik: &str,
    csrf: &str,
    kini: i64,
) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query("UPDATE peserta_ujian SET kunci_sidik = $2, csrf = $3, detak = $4 WHERE id = $1")
        .bind(id).bind(kunci_sidik).bind(csrf).bind(kini).execute(p).await?.rows_affected());
    Ok(())
}

/// New card tokens (their SHA-256, by person id) for persons who have not started, or whose
/// card was revoked and who have not submitted.
pub async fn simpan_token(db: &Db, token: &[(i64, String)]) -> Result<u64, StoreError> {
    with_tx!(db, tx => {
        let mut n = 0;
        for (id, sidik) in token {
            n += sqlx::query("UPDATE peserta_ujian SET token_sidik = $2 WHERE id = $1 AND selesai IS NULL AND (mulai IS NULL OR token_sidik IS NULL)")
                .bind(id).bind(sidik).execute(&mut *tx).await?.rows_affected();
        }
        Ok::<_, StoreError>(n)
    })
}

/// Starts section `bagian` at `kini` with this deadline, if the taker is in it, it has not
/// started, the attempt is not paused and not submitted. Whether it started.
pub async fn mulai_bagian(
    db: &Db,
    id: i64,
    bagian: i64,
    kini: i64,
    tenggat: Option<i64>,
) -> Result<bool, StoreError> {
    Ok(with_pool!(db, p => sqlx::query(
        "UPDATE peserta_ujian SET bagian_mulai = $3, tenggat = $4, posisi = 0, detak = $3, mulai = COALESCE(mulai, $3)
         WHERE id = $1 AND bagian = $2 AND bagian_mulai IS NULL AND selesai IS NULL AND jeda_sejak IS NULL")
        .bind(id).bind(bagian).bind(kini).bind(tenggat).execute(p).await?.rows_affected())
        == 1)
}

/// Moves a taker from section `dari` to the next (whose instructions then show). Whether it
/// moved (another request may have moved it first).
pub async fn maju(db: &Db, id: i64, dari: i64) -> Result<bool, StoreError> {
    Ok(with_pool!(db, p => sqlx::query(
        "UPDATE peserta_ujian SET bagian = bagian + 1, bagian_mulai = NULL, tenggat = NULL, posisi = 0
         WHERE id = $1 AND bagian = $2 AND selesai IS NULL AND bagian_mulai IS NOT NULL")
        .bind(id).bind(dari).execute(p).await?.rows_affected())
        == 1)
}

/// A stored answer.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Jawaban {
    /// The plan's section.
    pub bagian: i64,
    /// The item's index in its bundle.
    pub butir: i64,
    /// The value as sent.
    pub nilai: String,
    /// Its sequence number.
    pub seq: i64,
    /// Time on the item (ms, as the page measured).
    pub ms: i64,
    /// When the server took it (ms since the epoch).
    pub waktu: i64,
}

/// A taker's answers (of one section, or all).
pub async fn jawaban(
    db: &Db,
    peserta_id: i64,
    bagian: Option<i64>,
) -> Result<Vec<Jawaban>, StoreError> {
    Ok(match bagian {
        Some(b) => with_pool!(db, p => sqlx::query_as(
            "SELECT bagian, butir, nilai, seq, ms, waktu FROM jawaban_ujian WHERE peserta_id = $1 AND bagian = $2 ORDER BY butir")
            .bind(peserta_id).bind(b).fetch_all(p).await?),
        None => with_pool!(db, p => sqlx::query_as(
            "SELECT bagian, butir, nilai, seq, ms, waktu FROM jawaban_ujian WHERE peserta_id = $1 ORDER BY bagian, butir")
            .bind(peserta_id).fetch_all(p).await?),
    })
}

/// Which persons of a session a proctor's action touches: all who have not submitted, or
/// these ids (none: no one).
fn pilih_sql(ids: Option<&[i64]>) -> String {
    match ids {
        None => String::new(),
        Some([]) => " AND 1 = 0".into(),
        Some(ids) => {
            let daftar: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
            format!(" AND id IN ({})", daftar.join(","))
        }
    }
}

/// Pauses persons of a session at `kini` (a paused clock keeps its first pause; a section whose
/// deadline passed more than `tenggang` ms ago is closed, not paused). How many.
pub async fn jeda(
    db: &Db,
    sesi_id: i64,
    ids: Option<&[i64]>,
    kini: i64,
    tenggang: i64,
) -> Result<u64, StoreError> {
    // The ids are numbers parsed by the caller; the statement binds the rest.
    let q = format!(
        "UPDATE peserta_ujian SET jeda_sejak = $2 WHERE sesi_id = $1 AND selesai IS NULL AND jeda_sejak IS NULL
           AND (tenggat IS NULL OR tenggat + $3 >= $2){}",
        pilih_sql(ids)
    );
    Ok(
        with_pool!(db, p => sqlx::query(sqlx::AssertSqlSafe(q.clone())).bind(sesi_id).bind(kini).bind(tenggang).execute(p).await?.rows_affected()),
    )
}

/// Revokes the cards of persons who have not submitted: their token and signed-in key are
/// cleared (the page on their device stops); a new card is made for them on the cards page.
/// How many.
pub async fn cabut(db: &Db, sesi_id: i64, ids: Option<&[i64]>) -> Result<u64, StoreError> {
    let q = format!(
        "UPDATE peserta_ujian SET token_sidik = NULL, kunci_sidik = NULL WHERE sesi_id = $1 AND selesai IS NULL{}",
        pilih_sql(ids)
    );
    Ok(
        with_pool!(db, p => sqlx::query(sqlx::AssertSqlSafe(q.clone())).bind(sesi_id).execute(p).await?.rows_affected()),
    )
}

/// Resumes paused persons at `kini`: each deadline moves by the time paused. How many.
pub async fn lanjut(
    db: &Db,
    sesi_id: i64,
    ids: Option<&[i64]>,
    kini: i64,
) -> Result<u64, StoreError> {
    let q = format!(
        "UPDATE peserta_ujian SET tenggat = CASE WHEN tenggat IS NULL THEN NULL ELSE tenggat + ($2 - jeda_sejak) END, jeda_sejak = NULL
         WHERE sesi_id = $1 AND selesai IS NULL AND jeda_sejak IS NOT NULL{}",
        pilih_sql(ids)
    );
    Ok(
        with_pool!(db, p => sqlx::query(sqlx::AssertSqlSafe(q.clone())).bind(sesi_id).bind(kini).execute(p).await?.rows_affected()),
    )
}

/// Extends the running section of persons by `ms`. How many (untimed or not started sections
/// are not changed).
pub async fn tambah(
    db: &Db,
    sesi_id: i64,
    ids: Option<&[i64]>,
    ms: i64,
) -> Result<u64, StoreError> {
    let q = format!(
        "UPDATE peserta_ujian SET tenggat = tenggat + $2 WHERE sesi_id = $1 AND selesai IS NULL AND tenggat IS NOT NULL{}",
        pilih_sql(ids)
    );
    Ok(
        with_pool!(db, p => sqlx::query(sqlx::AssertSqlSafe(q.clone())).bind(sesi_id).bind(ms).execute(p).await?.rows_affected()),
    )
}

/// Claims a taker's submission (by `oleh`: `peserta`, `tenggat`, `tutup`): only one request or
/// process wins, and no answer lands after it (saves check `selesai` in the same row). The card's
/// token dies; the page's key stays, so the page learns that the attempt is over.
pub async fn klaim_selesai(db: &Db, id: i64, kini: i64, oleh: &str) -> Result<bool, StoreError> {
    Ok(with_pool!(db, p => sqlx::query(
        "UPDATE peserta_ujian SET selesai = $2, selesai_oleh = $3, token_sidik = NULL WHERE id = $1 AND selesai IS NULL")
        .bind(id).bind(kini).bind(oleh).execute(p).await?.rows_affected())
        == 1)
}

/// Stores a submitted attempt's scores (one result per instrument, dated `tanggal`) and its
/// record (`hasil`: result ids, signals) in one transaction. A result already there for that
/// person, version and date (a paper sheet of the same day) is kept, and the record says so.
pub async fn simpan_hasil(
    db: &Db,
    id: i64,
    tanggal: &str,
    hasil: &[(i64, crate::instrumen::HasilBaru)],
    catatan: impl Fn(&[Option<i64>]) -> String,
    oleh: &str,
) -> Result<(), StoreError> {
    let dibuat = now();
    with_tx!(db, tx => {
        let mut ids = vec![];
        for (versi_id, h) in hasil {
            let r: Option<(i64,)> = sqlx::query_as(
                "INSERT INTO hasil_instrumen (nip, versi_id, tanggal, jawaban, skor, norma_id, oleh, dibuat)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (nip, versi_id, tanggal) DO NOTHING RETURNING id")
                .bind(&h.nip).bind(versi_id).bind(tanggal).bind(&h.jawaban).bind(&h.skor).bind(h.norma_id)
                .bind(oleh).bind(&dibuat).fetch_optional(&mut *tx).await?;
            ids.push(r.map(|r| r.0));
        }
        // Only the first scorer records (a second one, racing, rolls back).
        let n = sqlx::query("UPDATE peserta_ujian SET hasil = $2 WHERE id = $1 AND hasil IS NULL")
            .bind(id).bind(catatan(&ids)).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Err(StoreError::Data("attempt already scored".into()));
        }
        Ok::<_, StoreError>(())
    })
}

/// Attempts to finish without the taker: submitted a minute ago or more but not yet scored (a
/// process stopped in between), past their last deadline (`tenggang` ms after it), or in a session whose window
/// closed before `hari_ini`. Each with its session.
pub async fn perlu_selesai(
    db: &Db,
    kini: i64,
    tenggang: i64,
    hari_ini: &str,
) -> Result<Vec<(i64, i64)>, StoreError> {
    let r: Vec<(i64, i64)> = with_pool!(db, p => sqlx::query_as(
        "SELECT pu.id, pu.sesi_id FROM peserta_ujian pu JOIN sesi_ujian s ON s.id = pu.sesi_id
         WHERE (pu.selesai IS NOT NULL AND pu.hasil IS NULL AND pu.selesai < $1 - 60000)
            OR (pu.selesai IS NULL AND pu.mulai IS NOT NULL AND pu.jeda_sejak IS NULL AND pu.tenggat IS NOT NULL AND pu.tenggat + $2 < $1)
            OR (pu.selesai IS NULL AND pu.mulai IS NOT NULL AND s.tutup < $3)
         ORDER BY pu.id LIMIT 500")
        .bind(kini).bind(tenggang).bind(hari_ini).fetch_all(p).await?);
    Ok(r)
}

/// Persons of these NIPs in the data in force: (NIP, name, unit path), in the order given,
/// unknown NIPs left out.
pub async fn pegawai_undang(
    db: &Db,
    nip: &[String],
) -> Result<Vec<(String, String, String)>, StoreError> {
    let mut out = vec![];
    for chunk in nip.chunks(500) {
        let daftar: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let q = format!(
            "SELECT p.nip, p.nama, COALESCE(u.path, '') FROM pegawai p LEFT JOIN unor u ON u.unor_id = p.unor_id
             WHERE p.nip IN ({})",
            daftar.join(",")
        );
        let rows: Vec<(String, String, String)> = with_pool!(db, p => {
            let mut s = sqlx::query_as(sqlx::AssertSqlSafe(q.clone()));
            for n in chunk {
                s = s.bind(n);
            }
            s.fetch_all(p).await?
        });
        out.extend(rows);
    }
    let urut: std::collections::HashMap<&str, usize> = nip
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    out.sort_by_key(|r| urut.get(r.0.as_str()).copied().unwrap_or(usize::MAX));
    Ok(out)
}

/// Who a session invites.
#[derive(Clone, Debug)]
pub enum Kelompok {
    /// Everyone in the data in force.
    Semua,
    /// A unit's subtree (its path).
    Unor(String),
    /// A jenjang jabatan (as the data writes it; case ignored).
    Jenjang(String),
    /// Persons with no competency assessment dated on or after this day (YYYY-MM-DD).
    JatuhTempo(String),
}

/// The persons of a group in the data in force, by NIP: (NIP, name, unit path).
pub async fn pegawai_kelompok(
    db: &Db,
    k: &Kelompok,
) -> Result<Vec<(String, String, String)>, StoreError> {
    const DASAR: &str =
        "SELECT p.nip, p.nama, u.path FROM pegawai p JOIN unor u ON u.unor_id = p.unor_id";
    Ok(match k {
        Kelompok::Semua => with_pool!(db, p => sqlx::query_as(
            sqlx::AssertSqlSafe(format!("{DASAR} ORDER BY p.nip"))).fetch_all(p).await?),
        Kelompok::Unor(path) => with_pool!(db, p => sqlx::query_as(
            sqlx::AssertSqlSafe(format!("{DASAR} WHERE u.path >= $1 AND u.path < $2 ORDER BY p.nip")))
            .bind(path).bind(crate::subtree_end(path)).fetch_all(p).await?),
        Kelompok::Jenjang(j) => with_pool!(db, p => sqlx::query_as(
            sqlx::AssertSqlSafe(format!("{DASAR} WHERE LOWER(p.jenjang_jabatan) = LOWER($1) ORDER BY p.nip")))
            .bind(j).fetch_all(p).await?),
        Kelompok::JatuhTempo(sejak) => with_pool!(db, p => sqlx::query_as(
            sqlx::AssertSqlSafe(format!("{DASAR} WHERE NOT EXISTS (SELECT 1 FROM asesmen_kompetensi a WHERE a.nip = p.nip AND a.tanggal >= $1) ORDER BY p.nip")))
            .bind(sejak).fetch_all(p).await?),
    })
}

/// One request's answers to save.
#[derive(Clone, Debug)]
pub struct Simpan {
    /// The taker.
    pub peserta_id: i64,
    /// The plan's section the answers belong to (refused if the taker is elsewhere).
    pub bagian: i64,
    /// The item the page shows now.
    pub posisi: i64,
    /// The server's time of the request.
    pub kini: i64,
    /// Milliseconds after the deadline still taken.
    pub tenggang: i64,
    /// (item index, value, sequence number, ms on the item).
    pub jawaban: Vec<(i64, String, i64, i64)>,
    /// Instead of answers, the page's heartbeat: page leaves since the last one and the item
    /// shown (it goes through the same writer so that, on SQLite, no heartbeat waits on the
    /// answers' lock nor makes them wait).
    pub detak: Option<(i64, Option<i64>)>,
}

type Antre = (Vec<Simpan>, oneshot::Sender<Result<Vec<bool>, String>>);

/// The answer writer of this process (group commit).
#[derive(Clone, Debug)]
pub struct Penulis {
    tx: mpsc::Sender<Antre>,
}

/// The most requests committed in one transaction.
const KELOMPOK_MAKS: usize = 512;

impl Penulis {
    /// Starts the writer task on the current runtime.
    pub fn baru(db: Db) -> Penulis {
        let (tx, mut rx) = mpsc::channel::<Antre>(8192);
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut batch = vec![first];
                let mut n = batch[0].0.len();
                while n < KELOMPOK_MAKS {
                    match rx.try_recv() {
                        Ok(x) => {
                            n += x.0.len();
                            batch.push(x);
                        }
                        Err(_) => break,
                    }
                }
                let semua: Vec<Simpan> =
                    batch.iter().flat_map(|(s, _)| s.iter().cloned()).collect();
                let r = tulis(&db, &semua).await;
                let mut k = 0;
                for (s, reply) in batch {
                    let part = match &r {
                        Ok(v) => Ok(v[k..k + s.len()].to_vec()),
                        Err(e) => Err(e.to_string()),
                    };
                    k += s.len();
                    let _ = reply.send(part);
                }
            }
        });
        Penulis { tx }
    }

    /// Saves requests; per request whether it landed (`false`: the taker is not in that open
    /// section any more). Returns once committed.
    pub async fn simpan(&self, s: Vec<Simpan>) -> Result<Vec<bool>, StoreError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send((s, reply))
            .await
            .map_err(|_| StoreError::Data("answer writer stopped".into()))?;
        rx.await
            .map_err(|_| StoreError::Data("answer writer stopped".into()))?
            .map_err(StoreError::Data)
    }
}

const SIMPAN_PESERTA: &str = "UPDATE peserta_ujian SET
        posisi = CASE WHEN $5 >= seq THEN $2 ELSE posisi END,
        seq = CASE WHEN $5 > seq THEN $5 ELSE seq END,
        jawab = $3, detak = $3
     WHERE id = $1 AND selesai IS NULL AND bagian = $4 AND bagian_mulai IS NOT NULL
       AND (jeda_sejak IS NULL OR $3 <= jeda_sejak + $6)
       AND (tenggat IS NULL OR tenggat + $6 >= CASE WHEN jeda_sejak IS NULL THEN $3 ELSE jeda_sejak END)";

const DETAK: &str = "UPDATE peserta_ujian SET detak = $2, keluar = keluar + $3, posisi = COALESCE($4, posisi) WHERE id = $1 AND selesai IS NULL";

const SIMPAN_JAWABAN: &str = "INSERT INTO jawaban_ujian (peserta_id, bagian, butir, nilai, seq, ms, waktu)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (peserta_id, bagian, butir) DO UPDATE SET nilai = excluded.nilai, seq = excluded.seq, ms = excluded.ms, waktu = excluded.waktu
     WHERE jawaban_ujian.seq < excluded.seq";

macro_rules! tulis_semua {
    ($tx:ident, $s:expr) => {{
        let mut out = Vec::with_capacity($s.len());
        for s in $s {
            if let Some((keluar, posisi)) = s.detak {
                sqlx::query(DETAK)
                    .bind(s.peserta_id)
                    .bind(s.kini)
                    .bind(keluar.clamp(0, 1000))
                    .bind(posisi)
                    .execute(&mut *$tx)
                    .await?;
                out.push(true);
                continue;
            }
            let maks = s.jawaban.iter().map(|j| j.2).max().unwrap_or(0);
            let ok = sqlx::query(SIMPAN_PESERTA)
                .bind(s.peserta_id)
                .bind(s.posisi)
                .bind(s.kini)
                .bind(s.bagian)
                .bind(maks)
                .bind(s.tenggang)
                .execute(&mut *$tx)
                .await?
                .rows_affected()
                == 1;
            if ok {
                for (butir, nilai, seq, ms) in &s.jawaban {
                    sqlx::query(SIMPAN_JAWABAN)
                        .bind(s.peserta_id)
                        .bind(s.bagian)
                        .bind(butir)
                        .bind(nilai)
                        .bind(seq)
                        .bind(ms)
                        .bind(s.kini)
                        .execute(&mut *$tx)
                        .await?;
                }
            }
            out.push(ok);
        }
        out
    }};
}

/// Writes saves in one transaction; per save whether it landed.
async fn tulis(db: &Db, s: &[Simpan]) -> Result<Vec<bool>, StoreError> {
    match db {
        Db::Sqlite(p) => {
            let mut c = p.acquire().await?;
            // Every answer commit reaches the disk before it is acknowledged.
            sqlx::query("PRAGMA synchronous = FULL")
                .execute(&mut *c)
                .await?;
            let r = async {
                sqlx::query("BEGIN IMMEDIATE").execute(&mut *c).await?;
                let out = tulis_semua!(c, s);
                sqlx::query("COMMIT").execute(&mut *c).await?;
                Ok::<_, StoreError>(out)
            }
            .await;
            if r.is_err() {
                let _ = sqlx::query("ROLLBACK").execute(&mut *c).await;
            }
            let _ = sqlx::query("PRAGMA synchronous = NORMAL")
                .execute(&mut *c)
                .await;
            r
        }
        Db::Pg(p) => {
            let mut tx = p.begin().await?;
            let out = tulis_semua!(tx, s);
            tx.commit().await?;
            Ok(out)
        }
    }
}
