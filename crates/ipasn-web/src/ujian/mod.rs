//! Online tests (sesi ujian): an admin or psikolog schedules instruments for a group and prints
//! one-time token cards ([`sesi`]); a taker signs in with NIP + token (or their own account,
//! [`masuk`]) and answers one section at a time on a light page that saves every answer the moment it is
//! given and resumes anywhere ([`peserta`]); a proctor watches the room live and pauses or
//! extends ([`pengawas`]); at submission or the deadline the attempt is scored with the
//! instrument's bundle and norm and lands in the psikolog's queue with its integrity signals
//! ([`nilai`]).
//!
//! Time is the server's: each section's deadline is stored, the page only shows it. Answers go
//! through the process's group-commit writer ([`ipasn_store::ujian::Penulis`]) and are
//! acknowledged once committed. Everything a taker does is in the database, so several
//! `ipasn serve` processes on one PostgreSQL serve one session; only the admission queue is
//! per process (its rate is per process).

mod kartu;
mod masuk;
mod nilai;
mod pengawas;
mod peserta;
mod sesi;

pub use nilai::penyapu;

use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use axum::Router;
use ipasn_instrumen::Bundel;
use ipasn_instrumen::ujian::{Antrean, AturanUjian, BagianUjian};
use ipasn_store::akun::Peran;
use ipasn_store::instrumen::Versi;
use ipasn_store::ujian::{Penulis, SesiUjian};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

/// The routes.
pub fn routes() -> Router<App> {
    Router::new()
        .merge(sesi::routes())
        .merge(kartu::routes())
        .merge(peserta::routes())
        .merge(pengawas::routes())
}

/// This process's online-test state: the answer writer and the admission queue.
#[derive(Default)]
pub struct Keadaan {
    penulis: OnceLock<Penulis>,
    antrean: Mutex<Option<(u32, u32, Antrean)>>,
    /// Session plans served (a plan never changes once created).
    rencana: Mutex<HashMap<i64, Arc<Rencana>>>,
    /// The rules and the instansi's time zone as last read, and when (they are read again
    /// after [`SEGAR`]: a changed setting applies within seconds, and a save costs no read).
    pengaturan: Mutex<Option<(std::time::Instant, AturanUjian, crate::tampilan::Zona)>>,
}

/// How long the online-test settings read are used before being read again.
const SEGAR: std::time::Duration = std::time::Duration::from_secs(5);

impl std::fmt::Debug for Keadaan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keadaan")
    }
}

impl App {
    /// The answer writer (started on first use, on the serving runtime).
    fn penulis(&self) -> &Penulis {
        self.ujian
            .penulis
            .get_or_init(|| Penulis::baru(self.db.clone()))
    }

    /// Asks the admission queue for taker `id`.
    fn antre(&self, id: i64, a: &AturanUjian) -> ipasn_instrumen::ujian::Masuk {
        let mut q = self.ujian.antrean.lock().expect("queue lock");
        let kini = ipasn_store::ujian::kini_ms();
        match q.as_mut() {
            Some((r, s, antre)) if *r == a.masuk_per_detik && *s == a.masuk_sekaligus => {
                antre.minta(id, kini)
            }
            _ => {
                let mut antre = Antrean::baru(a.masuk_per_detik, a.masuk_sekaligus);
                let m = antre.minta(id, kini);
                *q = Some((a.masuk_per_detik, a.masuk_sekaligus, antre));
                m
            }
        }
    }
}

/// The rules in force: the setting `ujian_aturan`, else the shipped ones.
pub(crate) async fn aturan(app: &App) -> Result<AturanUjian, Galat> {
    Ok(pengaturan(app).await?.0)
}

/// Forgets the settings read (after this process changed them).
pub(crate) fn lupakan_pengaturan(app: &App) {
    *app.ujian.pengaturan.lock().expect("settings lock") = None;
}

/// The rules and the time zone (read at most every [`SEGAR`]).
async fn pengaturan(app: &App) -> Result<(AturanUjian, crate::tampilan::Zona), Galat> {
    if let Some((t, a, z)) = app.ujian.pengaturan.lock().expect("settings lock").as_ref()
        && t.elapsed() < SEGAR
    {
        return Ok((a.clone(), *z));
    }
    let a = match ipasn_store::pengaturan::get(&app.db, "ujian_aturan").await? {
        Some(t) => AturanUjian::baca(&t).unwrap_or_default(),
        None => AturanUjian::default(),
    };
    let z = ipasn_store::pengaturan::get(&app.db, "zona_waktu")
        .await?
        .and_then(|z| crate::tampilan::Zona::parse(&z))
        .unwrap_or_default();
    *app.ujian.pengaturan.lock().expect("settings lock") =
        Some((std::time::Instant::now(), a.clone(), z));
    Ok((a, z))
}

/// A session's plan as stored: the instrument versions in order and the time limits the
/// session sets (seconds by `"<instrument>.<section>"`, 0 = untimed).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct RencanaTersimpan {
    pub instrumen: Vec<i64>,
    #[serde(default)]
    pub waktu: BTreeMap<String, u32>,
}

/// A session ready to serve: its row, its versions and bundles, its sections.
pub(crate) struct Rencana {
    pub sesi: SesiUjian,
    pub versi: Vec<Versi>,
    pub bundel: Vec<Arc<Bundel>>,
    pub bagian: Vec<BagianUjian>,
}

impl Rencana {
    /// The section's bundle.
    pub fn bundel_bagian(&self, k: usize) -> Option<(&BagianUjian, &Bundel)> {
        let b = self.bagian.get(k)?;
        Some((b, &self.bundel[b.instrumen]))
    }

    /// Items in the whole attempt.
    pub fn jumlah_butir(&self) -> usize {
        self.bagian.iter().map(|b| b.butir.len()).sum()
    }
}

/// A session's plan (kept by the application: a session's plan never changes once created).
pub(crate) async fn rencana(app: &App, sesi_id: i64) -> Result<Option<Arc<Rencana>>, Galat> {
    let cache = &app.ujian.rencana;
    if let Some(r) = cache.lock().expect("plan lock").get(&sesi_id) {
        return Ok(Some(r.clone()));
    }
    let Some(sesi) = ipasn_store::ujian::sesi(&app.db, sesi_id).await? else {
        return Ok(None);
    };
    let simpan: RencanaTersimpan = serde_json::from_str(&sesi.rencana)
        .map_err(|e| Galat::Server(format!("session plan: {e}"), false))?;
    let mut versi = vec![];
    let mut bundel = vec![];
    for id in &simpan.instrumen {
        let v = ipasn_store::instrumen::versi(&app.db, *id)
            .await?
            .ok_or_else(|| Galat::Server(format!("session plan: version {id}"), false))?;
        bundel.push(crate::instrumen::muat(app, &v).await?);
        versi.push(v);
    }
    let ganti: BTreeMap<(usize, usize), u32> = simpan
        .waktu
        .iter()
        .filter_map(|(k, v)| {
            let (a, b) = k.split_once('.')?;
            Some(((a.parse().ok()?, b.parse().ok()?), *v))
        })
        .collect();
    let refs: Vec<&Bundel> = bundel.iter().map(|b| b.as_ref()).collect();
    let bagian = ipasn_instrumen::ujian::rencana(&refs, &ganti);
    let r = Arc::new(Rencana {
        sesi,
        versi,
        bundel,
        bagian,
    });
    let mut c = cache.lock().expect("plan lock");
    if c.len() > 256 {
        c.clear();
    }
    c.insert(sesi_id, r.clone());
    Ok(Some(r))
}

impl Pengguna {
    /// Schedules sessions, prints cards, names proctors: an admin or a psikolog.
    pub(crate) fn atur_ujian(&self) -> bool {
        matches!(self.akun.peran, Peran::Admin | Peran::Psikolog)
    }

    /// Proctors a session: whoever schedules them, and the accounts named its proctors.
    pub(crate) async fn awasi_ujian(&self, app: &App, sesi_id: i64) -> Result<bool, Galat> {
        if self.atur_ujian() {
            return Ok(true);
        }
        if self.akun.peran == Peran::Pegawai {
            return Ok(false);
        }
        Ok(ipasn_store::ujian::pengawas(&app.db, sesi_id)
            .await?
            .contains(&self.akun.id))
    }
}

/// Today in the instansi's time zone (a session's window is in whole days there).
pub(crate) async fn hari_ini(app: &App) -> Result<String, Galat> {
    let zona = pengaturan(app).await?.1;
    let t = time::OffsetDateTime::now_utc() + time::Duration::hours(zona.selisih_jam().into());
    Ok(format!(
        "{:04}-{:02}-{:02}",
        t.year(),
        t.month() as u8,
        t.day()
    ))
}

/// The demo's example session (once): IPIP-50 online for the demo pegawai and 49 others, open
/// from yesterday for 30 days, so the pegawai finds an invitation at `/ujian` and the admin a
/// session to print cards for and watch.
pub async fn contoh_demo(db: &ipasn_store::Db, pegawai: &str) -> Result<(), Galat> {
    if !ipasn_store::ujian::daftar_sesi(db).await?.is_empty() {
        return Ok(());
    }
    let Some(&versi) = crate::instrumen::pastikan_bawaan(db).await?.first() else {
        return Ok(());
    };
    let mut orang = ipasn_store::ujian::pegawai_undang(db, &[pegawai.to_string()]).await?;
    for o in ipasn_store::ujian::pegawai_kelompok(db, &ipasn_store::ujian::Kelompok::Semua).await? {
        if orang.len() >= 50 {
            break;
        }
        if o.0 != pegawai {
            orang.push(o);
        }
    }
    let hari = |d: i64| {
        let t = time::OffsetDateTime::now_utc() + time::Duration::days(d);
        format!("{:04}-{:02}-{:02}", t.year(), t.month() as u8, t.day())
    };
    let rencana = serde_json::to_string(&RencanaTersimpan {
        instrumen: vec![versi],
        waktu: BTreeMap::new(),
    })
    .expect("plan serialises");
    ipasn_store::ujian::buat_sesi(
        db,
        "Contoh: IPIP-50 daring",
        &rencana,
        &hari(-1),
        &hari(30),
        r#"{"kelompok":"demo"}"#,
        &orang,
        "demo",
    )
    .await?;
    Ok(())
}
