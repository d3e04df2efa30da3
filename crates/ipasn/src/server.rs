//! `ipasn serve`, `ipasn demo` and `ipasn akun`: the web application and its accounts.

use anyhow::Context;
use ipasn_core::rules::RuleSet;
use ipasn_core::teks::Lang;
use ipasn_data::generator::{self, GenOptions};
use ipasn_store::akun::{self, AkunBaru, Peran};
use ipasn_store::{Db, baca, impor};
use ipasn_web::{App, Opsi};
use std::path::PathBuf;
use std::sync::Arc;

/// The default database: a SQLite file in the working directory.
pub const DB_BAWAAN: &str = "sqlite://ipasn.db";

/// Options shared by `serve` and `demo`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Alamat dan port. (Address and port.)
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Basis data: berkas SQLite (bawaan ipasn.db di folder kerja) atau postgres://…
    /// (Database: an SQLite file, or postgres://… for PostgreSQL.)
    #[arg(long, default_value = DB_BAWAAN)]
    pub database: String,
    /// Berkas GeoJSON batas wilayah yang lebih rinci (properti `kode`), dimuat ke basis data.
    /// (A finer boundary GeoJSON with a `kode` property, loaded into the database.)
    #[arg(long)]
    pub boundaries: Option<PathBuf>,
    /// Tandai cookie Secure (di balik HTTPS). (Mark cookies Secure, behind HTTPS.)
    #[arg(long)]
    pub secure_cookies: bool,
    /// Origin publik tepercaya di balik proxy, mis. https://ipasn.example.go.id (boleh berulang).
    /// (Trusted public origin behind a proxy; repeatable.)
    #[arg(long)]
    pub trusted_origin: Vec<String>,
    /// Log dalam JSON, satu objek per baris (tingkat dari RUST_LOG, bawaan info). (Logs as
    /// JSON, one object a line; level from RUST_LOG, default info.)
    #[arg(long)]
    pub log_json: bool,
}

/// `ipasn demo` options.
#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    #[command(flatten)]
    pub serve: ServeArgs,
    /// Jumlah pegawai sintetis. (Synthetic persons.)
    #[arg(long, default_value_t = 10_000)]
    pub persons: usize,
    /// Benih acak. (Seed.)
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// `ipasn akun` options: create an account or reset its password.
#[derive(clap::Args, Debug)]
pub struct AkunArgs {
    /// Basis data. (Database.)
    #[arg(long, default_value = DB_BAWAAN)]
    pub database: String,
    /// Nama pengguna. (Username.)
    #[arg(long)]
    pub username: String,
    /// Peran: admin, analis, pimpinan, asesor, pegawai, psikolog. (Role.)
    #[arg(long, default_value = "admin")]
    pub peran: String,
    /// Nama tampilan. (Display name.)
    #[arg(long)]
    pub nama: Option<String>,
    /// Unit cakupan (analis, pimpinan, psikolog). (Scope unit.)
    #[arg(long)]
    pub unor: Option<String>,
    /// NIP (pegawai).
    #[arg(long)]
    pub nip: Option<String>,
    /// Izinkan pimpinan melihat rincian hasil asesmen. (Grant a pimpinan assessment details.)
    #[arg(long)]
    pub lihat_detail: bool,
    /// Nonaktifkan akun ini: tidak dapat masuk lagi, sesinya berakhir. Menyimpan akun lagi
    /// (kata sandi baru) mengaktifkannya kembali. (Deactivate the account: no more logins, its
    /// sessions end; saving it again with a new password reactivates it.)
    #[arg(long)]
    pub nonaktif: bool,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    #[cfg(target_os = "linux")]
    crate::alloc::return_large_blocks();
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

async fn open(url: &str, lang: Lang) -> anyhow::Result<Db> {
    Db::open(url).await.with_context(|| {
        lang.pick(
            "tidak dapat membuka basis data (periksa --database)",
            "cannot open the database (check --database)",
        )
        .to_string()
    })
}

async fn start(
    db: Db,
    a: &ServeArgs,
    lang: Lang,
) -> anyhow::Result<(tokio::net::TcpListener, App)> {
    let n = impor::saat_mulai(&db).await?;
    if n > 0 {
        eprintln!(
            "ipasn: {n} {}",
            lang.pick(
                "impor yang terhenti ditandai terputus (data tidak berubah)",
                "interrupted imports marked as such (the data did not change)"
            )
        );
    }
    if let Some(f) = &a.boundaries {
        let text = std::fs::read_to_string(f).with_context(|| f.display().to_string())?;
        let app = App::baru(db.clone(), Default::default());
        let n = ipasn_web::akun::simpan_batas(&app, &f.display().to_string(), &text)
            .await
            .map_err(|p| anyhow::anyhow!("{}", p.dalam(lang)))?;
        eprintln!(
            "{} {n}",
            lang.pick(
                "batas wilayah dimuat, wilayah:",
                "boundaries loaded, regions:"
            )
        );
    }
    let listener = tokio::net::TcpListener::bind(&a.listen)
        .await
        .with_context(|| {
            format!(
                "{} {}",
                lang.pick("tidak dapat mendengar di", "cannot listen on"),
                a.listen
            )
        })?;
    let opsi = Opsi {
        cookie_aman: a.secure_cookies,
        origin_tepercaya: a.trusted_origin.clone(),
    };
    Ok((listener, App::baru(db, opsi)))
}

fn address(l: &tokio::net::TcpListener) -> String {
    l.local_addr()
        .map(|a| format!("http://{a}"))
        .unwrap_or_default()
}

/// The log of `serve` and `demo`: to standard error, level from `RUST_LOG` (default `info`),
/// text or JSON lines.
fn log(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let b = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    let _ = if json {
        b.json().try_init()
    } else {
        b.try_init()
    };
}

/// Completes on SIGTERM or Ctrl-C.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("berhenti: permintaan yang berjalan diselesaikan");
}

/// How long a shutdown waits for running imports before it leaves them to roll back.
const TUNGGU_TUGAS: std::time::Duration = std::time::Duration::from_secs(300);

/// Serves until a stop signal; then lets requests and imports in flight finish.
async fn serve_app(app: App, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    ipasn_web::serve_until(app, listener, stop_signal()).await?;
    if !ipasn_app::tugas::tunggu(TUNGGU_TUGAS).await {
        tracing::warn!(
            "impor yang masih berjalan dihentikan: datanya tidak berubah (transaksi dibatalkan)"
        );
    }
    Ok(())
}

/// `ipasn serve`.
pub fn serve(a: ServeArgs, lang: Lang) -> anyhow::Result<()> {
    log(a.log_json);
    runtime()?.block_on(async {
        let db = open(&a.database, lang).await?;
        let (listener, app) = start(db, &a, lang).await?;
        println!("ipasn: {} ({})", address(&listener), app.db.backend());
        serve_app(app, listener).await
    })
}

/// `ipasn demo`: a demo database from the generator (unless it already holds data), one login
/// per role with fresh passwords, then the server.
pub fn demo(a: DemoArgs, lang: Lang) -> anyhow::Result<()> {
    log(a.serve.log_json);
    runtime()?.block_on(async {
        let db = open(&a.serve.database, lang).await?;
        if baca::tahun(&db).await?.is_empty() {
            eprintln!(
                "{}",
                match lang {
                    Lang::Id => format!("membuat data demo: {} pegawai sintetis…", a.persons),
                    Lang::En => format!("creating demo data: {} synthetic persons…", a.persons),
                }
            );
            let dir = tempfile::tempdir()?;
            let path = dir.path().join("paket-demo.xlsx");
            let opts = GenOptions {
                persons: a.persons,
                seed: a.seed,
                ..GenOptions::default()
            };
            generator::generate(
                opts,
                generator::xlsx_sink(&path).map_err(anyhow::Error::msg)?,
            )
            .map_err(anyhow::Error::msg)?;
            let bytes = std::fs::read(&path)?;
            let rules = RuleSet::builtin("perban-8-2019").expect("shipped");
            let text = ipasn_core::rules::BUILTIN[0].1;
            let id = impor::mulai_paket(&db, None, "paket-demo.xlsx", &bytes, &rules.id, None)
                .await?
                .map_err(|b| anyhow::anyhow!("import #{} is running", b.id))?;
            let status = ipasn_app::impor::jalankan(
                &db,
                id,
                None,
                "paket-demo.xlsx",
                Arc::new(bytes),
                Arc::new(rules),
                text,
                impor::Izin::Semua,
            )
            .await?;
            if status != impor::Status::Selesai {
                anyhow::bail!("demo import ended as {}", status.as_str());
            }
        }
        demo_asesmen(&db, a.seed).await?;
        let roots = baca::akar(&db).await?;
        let root = roots.first().context("demo data has no unit")?;
        // The analis works on one dinas: the first child unit with persons.
        let tahun = baca::tahun(&db)
            .await?
            .last()
            .map(|t| t.tahun)
            .context("no computed year")?;
        let anak = baca::anak(&db, tahun, &root.unor_id).await?;
        let dinas = anak
            .iter()
            .max_by_key(|x| x.ringkasan.pegawai)
            .map(|x| x.unor.unor_id.clone());
        let (_, list) = baca::daftar_pegawai(
            &db,
            &baca::Saring {
                tahun,
                path: root.path.clone(),
                per_halaman: 1,
                halaman: 1,
                urut: baca::Urut::Ip,
                turun: true,
                ..Default::default()
            },
        )
        .await?;
        let nip = list
            .first()
            .map(|p| p.nip.clone())
            .context("no measured person")?;
        demo_instrumen(&db, a.seed, &nip).await?;
        ipasn_web::ujian::contoh_demo(&db, &nip)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let addr_listener = start(db.clone(), &a.serve, lang).await?;
        println!(
            "ipasn demo: {} ({})",
            address(&addr_listener.0),
            db.backend()
        );
        let accounts = [
            ("admin", Peran::Admin, "Admin BKPSDM (demo)", None, None),
            (
                "analis",
                Peran::Analis,
                "Analis SDM (demo)",
                dinas.as_deref(),
                None,
            ),
            (
                "pimpinan",
                Peran::Pimpinan,
                "Sekretaris Daerah (demo)",
                None,
                None,
            ),
            ("asesor", Peran::Asesor, "Asesor (demo)", None, None),
            ("psikolog", Peran::Psikolog, "Psikolog (demo)", None, None),
            (
                "pegawai",
                Peran::Pegawai,
                "Pegawai (demo)",
                None,
                Some(nip.as_str()),
            ),
        ];
        for (username, peran, nama, unor_id, nip) in accounts {
            let password = akun::password_acak();
            akun::simpan(
                &db,
                &AkunBaru {
                    username,
                    nama,
                    password: &password,
                    peran,
                    unor_id,
                    nip,
                    lihat_detail: false,
                },
            )
            .await?;
            ipasn_store::audit::tulis(&db, None, "demo", "akun_simpan", username, peran.as_str())
                .await?;
            println!("{}: {username} / {password}", peran.as_str());
        }
        let (listener, app) = addr_listener;
        serve_app(app, listener).await
    })
}

/// Every measured person of the demo's year, by NIP (the demo's synthetic results are drawn
/// over them).
async fn demo_orang(db: &Db, tahun: i64) -> anyhow::Result<Vec<baca::BarisPegawai>> {
    let root = baca::akar(db)
        .await?
        .into_iter()
        .next()
        .context("no unit")?;
    let (_, people) = baca::daftar_pegawai(
        db,
        &baca::Saring {
            tahun,
            path: root.path.clone(),
            per_halaman: 1_000_000,
            halaman: 1,
            urut: baca::Urut::Nip,
            ..Default::default()
        },
    )
    .await?;
    Ok(people)
}

/// Synthetic IPIP-50 results for the demo (once): about a quarter of the persons, and the demo
/// pegawai, answer a paper sheet drawn from five made-up traits (two answers in a hundred left
/// empty); the norms are built and the demo pegawai's result is released, so the psikolog's
/// pages and the pegawai's own feedback show something. The answers describe no one.
async fn demo_instrumen(db: &Db, seed: u64, pegawai: &str) -> anyhow::Result<()> {
    use ipasn_instrumen::bundel::Kunci;
    use rand::{Rng, SeedableRng};
    use std::collections::BTreeMap;
    let galat = |e: ipasn_web::galat::Galat| anyhow::anyhow!("{e:?}");
    let ids = ipasn_web::instrumen::pastikan_bawaan(db)
        .await
        .map_err(galat)?;
    let Some(&versi) = ids.first() else {
        return Ok(());
    };
    if !ipasn_store::instrumen::hasil_versi(db, versi)
        .await?
        .is_empty()
    {
        return Ok(());
    }
    let files: BTreeMap<String, Vec<u8>> = ipasn_instrumen::bawaan(ipasn_instrumen::BAWAAN[0])
        .context("a shipped bundle")?
        .into_iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    let b = ipasn_data::instrumen::dari_berkas(&files, true)
        .map_err(|m| anyhow::anyhow!("shipped bundle: {:?}", m.first()))?;
    let Some(Kunci::Likert(kunci)) = &b.kunci else {
        return Ok(());
    };
    let tahun = baca::tahun(db)
        .await?
        .last()
        .map(|t| t.tahun)
        .context("no computed year")?;
    let people = demo_orang(db, tahun).await?;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x1B1B);
    let mut rows = vec![];
    for p in &people {
        if p.nip != pegawai && !rng.random_bool(0.25) {
            continue;
        }
        // A trait per scale, roughly normal (the sum of three uniforms).
        let traits: Vec<f64> = (0..b.skala.len())
            .map(|_| (0..3).map(|_| rng.random_range(-1.0..1.0_f64)).sum::<f64>())
            .collect();
        let respons: Vec<ipasn_instrumen::jawaban::Respons> = kunci
            .iter()
            .map(|(s, rev)| {
                let lean = if *rev { -0.9 } else { 0.9 } * traits[*s];
                let x = (3.0 + lean + rng.random_range(-1.2..1.2_f64))
                    .round()
                    .clamp(1.0, 5.0);
                ipasn_instrumen::jawaban::Respons {
                    pilih: (!rng.random_bool(0.02)).then_some(x as u8),
                    least: None,
                }
            })
            .collect();
        let h = ipasn_instrumen::skor::skor(&b, &respons).map_err(|e| anyhow::anyhow!("{e}"))?;
        rows.push(ipasn_store::instrumen::HasilBaru {
            nip: p.nip.clone(),
            jawaban: serde_json::to_string(&respons)?,
            skor: serde_json::to_string(&h)?,
            norma_id: None,
        });
    }
    let oleh = "psikolog (demo)";
    ipasn_store::instrumen::simpan_hasil(db, versi, "2024-10-15", &rows, oleh).await?;
    ipasn_web::instrumen::bangun_norma_versi(db, versi, oleh)
        .await
        .map_err(galat)?;
    if let Some(h) = ipasn_store::instrumen::hasil_pegawai(db, pegawai)
        .await?
        .first()
    {
        ipasn_store::instrumen::rilis(db, h.id, oleh).await?;
    }
    Ok(())
}

/// Synthetic assessment results for the demo (once): about a fifth of the measured persons, all
/// structural heads among them, assessed on the nine competencies around their standard, with a
/// potential test score, so that JPM, the nine-box and the ranking show people.
async fn demo_asesmen(db: &Db, seed: u64) -> anyhow::Result<()> {
    use rand::{Rng, SeedableRng};
    let aturan = ipasn_asesmen::Aturan::bawaan();
    let tahun = baca::tahun(db)
        .await?
        .last()
        .map(|t| t.tahun)
        .context("no computed year")?;
    if ipasn_store::asesmen::ada_hasil(db).await? {
        return Ok(());
    }
    let people = demo_orang(db, tahun).await?;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0xA5E5);
    let (mut komp, mut pot) = (
        String::from("nip,kompetensi,level,tanggal,sumber\n"),
        String::from("nip,skor,tanggal,sumber\n"),
    );
    let mut any = false;
    for p in &people {
        let head = p.jenis_jabatan == "Struktural";
        if !head && !rng.random_bool(0.18) {
            continue;
        }
        let Some(std) = aturan.standar.get(&p.jenjang_jabatan).copied() else {
            continue;
        };
        let shift: f64 = [-1.0, -0.5, 0.0, 0.0, 0.5, 1.0][rng.random_range(0..6)];
        let date = format!(
            "2024-{:02}-{:02}",
            rng.random_range(2..=11),
            rng.random_range(1..=28)
        );
        for code in aturan.kompetensi.keys() {
            let noise: f64 = [-0.5, 0.0, 0.0, 0.5][rng.random_range(0..4)];
            let level = (std + shift + noise).clamp(1.0, 5.0);
            komp.push_str(&format!(
                "{},{code},{level},{date},UPT Penilaian Kompetensi (demo)\n",
                p.nip
            ));
        }
        let score = (60.0 + 10.0 * shift + rng.random_range(0.0..35.0_f64))
            .clamp(0.0, 100.0)
            .round();
        pot.push_str(&format!("{},{score},{date},Tes potensi (demo)\n", p.nip));
        any = true;
    }
    if any {
        ipasn_store::asesmen::impor(db, None, "asesmen-demo.csv", komp.as_bytes(), &aturan).await?;
        ipasn_store::asesmen::impor(db, None, "potensi-demo.csv", pot.as_bytes(), &aturan).await?;
    }
    Ok(())
}

/// `ipasn akun`: creates an account (or resets it). The password is read from the environment
/// variable `IPASN_PASSWORD` or from the first line of standard input, never from an argument
/// (arguments are visible to other users of the machine).
pub fn akun_cmd(a: AkunArgs, lang: Lang) -> anyhow::Result<()> {
    if a.nonaktif {
        return runtime()?.block_on(async {
            let db = open(&a.database, lang).await?;
            if !akun::nonaktifkan(&db, &a.username).await? {
                eprintln!(
                    "{} {}",
                    lang.pick("tidak ada akun aktif bernama", "no active account named"),
                    a.username
                );
                return Err(crate::Exit(1).into());
            }
            ipasn_store::audit::tulis(&db, None, "cli", "akun_nonaktif", &a.username, "").await?;
            println!(
                "{} {}",
                lang.pick("dinonaktifkan:", "deactivated:"),
                a.username
            );
            Ok(())
        });
    }
    let peran = Peran::parse(&a.peran).with_context(|| {
        lang.pick(
            "peran harus admin, analis, pimpinan, asesor, pegawai atau psikolog",
            "role must be admin, analis, pimpinan, asesor, pegawai or psikolog",
        )
        .to_string()
    })?;
    let password = match std::env::var("IPASN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!(
                "{}",
                lang.pick("Kata sandi (satu baris):", "Password (one line):")
            );
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\n', '\r']).to_string()
        }
    };
    if password.chars().count() < 10 {
        anyhow::bail!(
            "{}",
            lang.pick(
                "kata sandi minimal 10 karakter",
                "passwords need at least 10 characters"
            )
        );
    }
    runtime()?.block_on(async {
        let db = open(&a.database, lang).await?;
        let nama = a.nama.clone().unwrap_or_else(|| a.username.clone());
        akun::simpan(
            &db,
            &AkunBaru {
                username: &a.username,
                nama: &nama,
                password: &password,
                peran,
                unor_id: a.unor.as_deref(),
                nip: a.nip.as_deref(),
                lihat_detail: a.lihat_detail,
            },
        )
        .await?;
        ipasn_store::audit::tulis(&db, None, "cli", "akun_simpan", &a.username, peran.as_str())
            .await?;
        println!("{}: {}", peran.as_str(), a.username);
        Ok(())
    })
}

/// `ipasn impor` options.
#[derive(clap::Args, Debug)]
pub struct ImporArgs {
    /// Paket data: .xlsx atau .zip berisi CSV. (Package: .xlsx or a .zip of CSV files.)
    pub package: PathBuf,
    /// Basis data. (Database.)
    #[arg(long, default_value = DB_BAWAAN)]
    pub database: String,
    /// Aturan bawaan. (Shipped rule set id.)
    #[arg(long, default_value = "perban-8-2019")]
    pub rules: String,
    /// Periksa saja: tunjukkan apa yang akan berubah, tanpa menyimpan. (Dry run: show what
    /// would change, store nothing.)
    #[arg(long)]
    pub periksa: bool,
    /// Setujui penghapusan pegawai dan unor yang tidak ada di paket. Tanpa ini, impor yang
    /// menghapus berhenti di pratinjau (exit 1). (Agree to removing persons and units missing
    /// from the package; without it such an import stops at the preview, exit 1.)
    #[arg(long)]
    pub ya: bool,
}

/// `ipasn impor`: imports a package into the database exactly as the web upload does (all or
/// nothing; every problem listed). Exit code 1 when the package is refused.
pub fn impor_cmd(a: ImporArgs, lang: Lang) -> anyhow::Result<()> {
    let Some(text) = ipasn_core::rules::BUILTIN
        .iter()
        .find(|b| b.0 == a.rules)
        .map(|b| b.1)
    else {
        anyhow::bail!(
            "{} {:?}",
            lang.pick("aturan tidak dikenal:", "unknown rule set:"),
            a.rules
        );
    };
    let rules = RuleSet::from_toml(text).map_err(|e| anyhow::anyhow!("{e}"))?;
    let bytes = std::fs::read(&a.package).with_context(|| a.package.display().to_string())?;
    let name = a
        .package
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    runtime()?.block_on(async {
        let db = open(&a.database, lang).await?;
        let t0 = std::time::Instant::now();
        let id = match impor::mulai_paket(&db, None, &name, &bytes, &rules.id, None).await? {
            Ok(id) => id,
            Err(b) => {
                eprintln!("{}", ipasn_web::impor::pesan_berjalan(&b).dalam(lang));
                return Err(crate::Exit(1).into());
            }
        };
        let izin = if a.periksa {
            impor::Izin::Periksa
        } else if a.ya {
            impor::Izin::Semua
        } else {
            impor::Izin::Belum
        };
        let status = ipasn_app::impor::jalankan(
            &db,
            id,
            None,
            &name,
            Arc::new(bytes),
            Arc::new(rules),
            text,
            izin,
        )
        .await?;
        let info = impor::satu(&db, id).await?.context("import row")?;
        for m in impor::masalah(&db, id).await? {
            let (msg, fix) = match lang {
                Lang::Id => (&m.masalah, &m.perbaikan),
                Lang::En => (&m.problem, &m.fix),
            };
            // Package values never reach the terminal raw (control characters escaped).
            eprintln!(
                "{} {}:{} {} \"{}\": {} — {}",
                m.tingkat,
                crate::aman(&m.sheet),
                m.baris.unwrap_or(0),
                crate::aman(m.kolom.as_deref().unwrap_or("")),
                crate::aman(m.nilai.as_deref().unwrap_or("")),
                crate::aman(msg),
                crate::aman(fix)
            );
        }
        let v: serde_json::Value = serde_json::from_str(&info.ringkasan).unwrap_or_default();
        println!(
            "impor #{id}: {} ({:.1} s) {}",
            status.as_str(),
            t0.elapsed().as_secs_f64(),
            info.ringkasan
        );
        if status == impor::Status::Menunggu {
            let (p, u) = (&v["pegawai"]["keluar"], &v["unor"]["hapus"]);
            eprintln!(
                "{}",
                match lang {
                    Lang::Id => format!(
                        "Tidak disimpan: {p} pegawai dan {u} unor yang tersimpan tidak ada di paket ini dan akan dihapus. Periksa paketnya; bila memang demikian, jalankan lagi dengan --ya."
                    ),
                    Lang::En => format!(
                        "Not stored: {p} stored persons and {u} units are not in this package and would be removed. Check the package; if that is right, run again with --ya."
                    ),
                }
            );
            impor::batalkan(&db, id, None).await?;
            return Err(crate::Exit(1).into());
        }
        if matches!(
            status,
            impor::Status::Selesai | impor::Status::Sama | impor::Status::Diperiksa
        ) {
            Ok(())
        } else {
            Err(crate::Exit(1).into())
        }
    })
}
