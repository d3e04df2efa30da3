//! The web application over real HTTP against a real database, on SQLite and on PostgreSQL: one
//! test binary, one module per feature as in `src/` (the route × role table in [`akses`]).
//! [`helpers`] starts a real server on a random port with a fresh database and real accounts,
//! and gives a client with a cookie jar and helpers for forms, uploads and JSON.

#[macro_use]
mod helpers;

mod acara;
mod akses;
mod akun;
mod aman;
mod api;
mod asesmen;
mod bahasa;
mod dasbor;
mod galat;
mod impor;
mod instrumen;
mod operasi;
mod pegawai;
mod peta;
mod rencana;
mod talenta;
mod ujian;
mod unduh;
