//! # ipasn-data
//!
//! Readers and writers: the data package (XLSX workbook or folder of CSV files) with row-level
//! validation, assessment result files (`asesmen`), small uploaded tables (`tabel`), result
//! exports (CSV, XLSX, JSON), and the synthetic data generator.
//!
//! Architecture invariant: file formats live here and nowhere else; this crate knows nothing of
//! HTTP or SQL. Scoring rules live in `ipasn-core`.

#![warn(missing_docs)]

pub mod arsip;
pub mod asesmen;
pub mod aturan_asesmen;
pub mod ekspor;
pub mod generator;
pub mod instrumen;
pub mod lembar;
pub mod masalah;
pub mod nilai;
pub mod paket;
pub mod tabel;
