//! Development plans (issue "From gaps to a plan"): pure functions, no IO.
//!
//! - [`katalog`]: the catalogue of actions as data (kind, cost, hours, duration, seats, what it
//!   serves); the shipped one has illustrative costs, for the instansi to replace.
//! - [`kandidat`]: a person's candidate actions from what their score misses, each with its
//!   cost, hours and the points it adds; alternatives grouped.
//! - [`optimasi`]: the choice under a budget, seats and hours — greedy, and the integer program
//!   (microlp, warm-started from greedy, node-limited, its gap reported), for the mean IP or for
//!   targets ([`sasaran`]: persons reaching a category, units reaching the IP target).
//! - [`proyeksi`]: a person's records with the chosen actions done, for the scorer to score
//!   again — the forecast is the scorer's, not an estimate.
//! - [`tahunan`]: the same budget year after year until the target, and the year it is reached.
//! - [`tindak`]: the follow-up — participants' IP movement against comparable non-participants.
//! - [`aturan`]: the plans rules as data (the right to 20 JP a year, the efficiency
//!   coefficient and its source, the programmes' rules).
#![warn(missing_docs)]

pub mod aturan;
pub mod kandidat;
pub mod katalog;
pub mod optimasi;
pub mod proyeksi;
pub mod sasaran;
pub mod tahunan;
pub mod tindak;
