//! A real server on a random port with a fresh database (SQLite file or a new PostgreSQL
//! database), real accounts, and an HTTP client with a cookie jar.

pub use ipasn_store::akun::Peran;
pub use serde_json::Value;

use ipasn_data::generator::{self, GenOptions};
pub use ipasn_store::Db;
use ipasn_store::akun::{self, AkunBaru};
use ipasn_web::{App, Opsi};
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

/// Which database the server runs on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server of the tests (`IPASN_TEST_POSTGRES`), or `None` to skip. With
/// `IPASN_REQUIRE_POSTGRES=1` (as `.ci/run` sets) a missing server fails the test instead.
pub fn postgres_url() -> Option<String> {
    match std::env::var("IPASN_TEST_POSTGRES") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var("IPASN_REQUIRE_POSTGRES").is_err(),
                "IPASN_REQUIRE_POSTGRES is set but IPASN_TEST_POSTGRES is not: start scripts/postgres-for-tests"
            );
            eprintln!(
                "skipped: set IPASN_TEST_POSTGRES (see scripts/postgres-for-tests) to run on PostgreSQL"
            );
            None
        }
    }
}

pub struct Server {
    pub base: String,
    pub db: Db,
    _dir: tempfile::TempDir,
}

/// A test database's name: the test process's id, then a random part, so that a later run can
/// tell its leftovers from a running binary's.
fn random_name() -> String {
    use rand::RngCore;
    format!(
        "ipasn_test_{}_{:016x}",
        std::process::id(),
        rand::rng().next_u64()
    )
}

/// Drops the test databases of test processes that no longer run (once per test binary): every
/// test creates one and none drops its own (a test may still be using it when another ends), so
/// without this they pile up run after run (gigabytes on a developer's machine).
async fn drop_leftovers(admin: &sqlx::PgPool) {
    static ONCE: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    ONCE.get_or_init(|| async {
        let names: Vec<(String,)> =
            sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE 'ipasn_test_%'")
                .fetch_all(admin)
                .await
                .unwrap_or_default();
        for (name,) in names {
            let pid = name
                .strip_prefix("ipasn_test_")
                .and_then(|r| r.split_once('_'))
                .and_then(|(pid, _)| pid.parse::<u32>().ok());
            let running = pid.is_some_and(|p| {
                p == std::process::id() || std::path::Path::new(&format!("/proc/{p}")).exists()
            });
            if !running && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(admin)
                .await;
            }
        }
    })
    .await;
}

impl Server {
    /// Starts a server, or `None` when the backend is not available here.
    pub async fn start(backend: Backend) -> Option<Server> {
        let dir = tempfile::tempdir().unwrap();
        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}", dir.path().join("t.db").display()),
            Backend::Postgres => {
                let admin = postgres_url()?;
                let name = random_name();
                // The server's own database only creates the test's (no schema there).
                let admin_pool = sqlx::PgPool::connect(&admin)
                    .await
                    .expect("connect to the test PostgreSQL");
                drop_leftovers(&admin_pool).await;
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&admin_pool)
                    .await
                    .unwrap();
                admin_pool.close().await;
                let (head, _) = admin.rsplit_once('/').expect("URL with a database name");
                format!("{head}/{name}")
            }
        };
        let db = Db::open(&url).await.expect("open the test database");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let app = App::baru(db.clone(), Opsi::default());
        tokio::spawn(ipasn_web::serve(app, listener));
        Some(Server {
            base,
            db,
            _dir: dir,
        })
    }

    /// Creates an account and returns its password.
    pub async fn account(
        &self,
        username: &str,
        peran: Peran,
        unor: Option<&str>,
        nip: Option<&str>,
    ) -> String {
        let password = akun::password_acak();
        akun::simpan(
            &self.db,
            &AkunBaru {
                username,
                nama: username,
                password: &password,
                peran,
                unor_id: unor,
                nip,
                lihat_detail: false,
            },
        )
        .await
        .unwrap();
        password
    }

    pub fn client(&self) -> Client {
        Client {
            base: self.base.clone(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(120))
                .build()
                .unwrap(),
        }
    }

    /// A client logged in as a new account of this role.
    pub async fn login_as(
        &self,
        username: &str,
        peran: Peran,
        unor: Option<&str>,
        nip: Option<&str>,
    ) -> Client {
        let pw = self.account(username, peran, unor, nip).await;
        let c = self.client();
        assert_eq!(c.login(username, &pw).await, 303, "login as {username}");
        c
    }
}

pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
}

/// The value of `name="_csrf"` in a page.
pub fn csrf_field(html: &str) -> String {
    let i = html.find("name=\"_csrf\" value=\"").expect("a CSRF field") + 20;
    html[i..i + html[i..].find('"').unwrap()].to_string()
}

impl Client {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Logs in through the form; returns the status.
    pub async fn login(&self, username: &str, password: &str) -> u16 {
        let page = self
            .http
            .get(self.url("/masuk"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let token = csrf_field(&page);
        self.http
            .post(self.url("/masuk"))
            .form(&[
                ("_csrf", token.as_str()),
                ("username", username),
                ("password", password),
            ])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.unwrap()
    }

    pub async fn status(&self, path: &str) -> u16 {
        self.get(path).await.status().as_u16()
    }

    pub async fn text(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.text().await.unwrap()
    }

    pub async fn json(&self, path: &str) -> Value {
        let r = self.get(path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.json().await.unwrap()
    }

    pub async fn csrf(&self) -> String {
        self.json("/api/saya").await["csrf"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Uploads a package through the API and waits until the import ends; returns its JSON.
    pub async fn import(&self, name: &str, bytes: Vec<u8>) -> Value {
        let token = self.csrf().await;
        let form = reqwest::multipart::Form::new()
            .part(
                "berkas",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
            )
            .text("aturan", "perban-8-2019");
        let r = self
            .http
            .post(self.url("/api/impor"))
            .header("X-CSRF-Token", token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            200,
            "upload {name}: {}",
            r.text().await.unwrap_or_default()
        );
        let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        for _ in 0..600 {
            let j = self.json(&format!("/api/impor/{id}")).await;
            if j["impor"]["status"] != "berjalan" {
                return j;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("import {id} did not finish");
    }
}

impl Client {
    /// Uploads an assessment file (results, potential scores or standards) through the API;
    /// returns the import's JSON.
    pub async fn upload_asesmen(&self, name: &'static str, body: Vec<u8>) -> Value {
        let token = self.csrf().await;
        let form = reqwest::multipart::Form::new().part(
            "berkas",
            reqwest::multipart::Part::bytes(body).file_name(name),
        );
        let r = self
            .http
            .post(self.url("/api/asesmen/impor"))
            .header("X-CSRF-Token", token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "upload {name}");
        let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        self.json(&format!("/api/impor/{id}")).await
    }
}

/// A ZIP of the CSV files of a folder, with `edit` applied to each file's text.
pub fn zip_dir(dir: &Path, edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in names {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".csv") || name.starts_with("expected") {
            continue;
        }
        let text = edit(&name, std::fs::read_to_string(&p).unwrap());
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The spec's worked examples (A–H) as a ZIP of CSV files.
pub fn contoh_spec() -> Vec<u8> {
    zip_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/paket/contoh-spec"),
        |_, t| t,
    )
}

/// A generated Pemda of 600 persons (years 2021–2024), as a CSV folder.
pub fn generated_dir() -> &'static Path {
    static D: OnceLock<tempfile::TempDir> = OnceLock::new();
    D.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        let opts = GenOptions {
            persons: 600,
            seed: 7,
            ..GenOptions::default()
        };
        generator::generate(opts, generator::csv_sink(d.path()).unwrap()).unwrap();
        d
    })
    .path()
}

/// The generated package as XLSX bytes.
pub fn generated_xlsx() -> Vec<u8> {
    static X: OnceLock<Vec<u8>> = OnceLock::new();
    X.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("paket.xlsx");
        let opts = GenOptions {
            persons: 600,
            seed: 7,
            ..GenOptions::default()
        };
        generator::generate(opts, generator::xlsx_sink(&p).unwrap()).unwrap();
        std::fs::read(p).unwrap()
    })
    .clone()
}

/// Runs a test body on both backends: `sqlite_NAME` and `postgres_NAME`.
macro_rules! on_both {
    ($name:ident, $body:path) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(s) =
                    crate::helpers::Server::start(crate::helpers::Backend::Sqlite).await
                {
                    $body(s).await;
                }
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(s) =
                    crate::helpers::Server::start(crate::helpers::Backend::Postgres).await
                {
                    $body(s).await;
                }
            }
        }
    };
}

/// The kab/kota boundary file of `../shared/data/peta` (or `$IPASN_PETA_DIR`), for the finer map
/// layer. Where the shared folder is not beside the checkout, a three-region file in the same
/// format stands in, so the code path is still exercised.
pub fn kabkota_geojson() -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut candidates = vec![
        root.join("../shared/data/peta/kabkota.geojson"),
        "/work/shared/data/peta/kabkota.geojson".into(),
    ];
    if let Ok(d) = std::env::var("IPASN_PETA_DIR") {
        candidates.insert(0, Path::new(&d).join("kabkota.geojson"));
    }
    for c in candidates {
        if let Ok(b) = std::fs::read(&c) {
            return b;
        }
    }
    eprintln!("../shared/data/peta not found: using a three-region stand-in");
    let square = |x: f64, y: f64| {
        format!(
            "[[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]]",
            x + 0.2,
            x + 0.2,
            y + 0.2,
            y + 0.2
        )
    };
    format!(
        r#"{{"type":"FeatureCollection","features":[
{{"type":"Feature","properties":{{"kode":"32.73","nama":"Kota Bandung"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
{{"type":"Feature","properties":{{"kode":"32.75","nama":"Kota Bekasi"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
{{"type":"Feature","properties":{{"kode":"31.71","nama":"Kota Adm. Jakarta Pusat"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}]}}"#,
        square(107.5, -7.0), square(106.9, -6.3), square(106.8, -6.2)
    )
    .into_bytes()
}

/// Two persons of the spec's worked examples (`contoh-spec.zip`).
pub const B: &str = "198102022006021002";
pub const C: &str = "198203032007031003";

/// A JSON number, or a panic naming what was there instead.
pub fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Posts a form as a browser would: the session's CSRF token first, then `form`.
pub async fn post(c: &Client, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    let token = c.csrf().await;
    let mut body: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
    body.extend_from_slice(form);
    c.http.post(c.url(path)).form(&body).send().await.unwrap()
}
