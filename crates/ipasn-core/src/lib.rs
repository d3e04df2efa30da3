//! # ipasn-core
//!
//! The IP ASN domain: civil servants (pegawai), units (unor) and their records (riwayat), rule
//! sets as data, scoring with a reason for every point, and aggregation over the unit tree.
//!
//! Architecture invariant: this crate does no IO — no files, no network, no database, no
//! clock. It takes values and returns values, so every rule is testable in microseconds and
//! the same code serves the CLI, the web server and the benchmarks.
//!
//! ```
//! use ipasn_core::{rules::RuleSet, skor::Penilai};
//! let rules = RuleSet::default_rules();
//! let penilai = Penilai::new(&rules, 2024);
//! assert_eq!(penilai.cutoff().to_string(), "2024-12-31");
//! ```

#![warn(missing_docs)]

pub mod agregat;
pub mod hasil;
pub mod kosakata;
pub mod model;
pub mod number;
pub mod rules;
pub mod skor;
pub mod snapshot;
pub mod tanggal;
pub mod teks;

pub use number::{Decimal, Points};
pub use tanggal::Tanggal;
