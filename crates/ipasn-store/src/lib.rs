//! Persistence for ipasn on SQLite (embedded, the default) and PostgreSQL (for scale), with the
//! same schema, queries and behaviour on both.
//!
//! - [`Db`]: the connection pool of either backend and the migrations.
//! - [`acara`]: assessment-center events: linkage, assessors, ratings, consensus, finalising.
//! - [`asesmen`]: competency assessment results (from an assessment center or a provider).
//! - [`akun`]: accounts (argon2 passwords), sessions kept in the database, login throttling.
//! - [`audit`]: the audit log of every change and every view of a person's page.
//! - [`impor`]: importing a data package, all or nothing, and computing its years.
//! - [`baca`]: the read side: dashboards, the pegawai list, a person, the map.
//! - [`ujian`]: online tests: sessions, invited persons with hashed tokens, the server-owned
//!   clock of each attempt, answers written by one group-commit writer per process.
//! - [`pengaturan`]: settings stored as data (targets per year, the small-group threshold).
//!
//! Every query binds its values (`$1`, `$2`, …); the few statements built at run time assemble
//! only fixed fragments of SQL chosen from this crate's own lists.
#![warn(missing_docs)]

pub mod acara;
pub mod akun;
pub mod asesmen;
pub mod audit;
pub mod baca;
mod db;
pub mod impor;
pub mod instrumen;
pub mod pengaturan;
pub mod program;
pub mod rencana;
pub mod ujian;

pub use db::{Db, StoreError, format_time, now, subtree_end};
