//! Development plans (issue "From gaps to a plan"): pure functions, no IO.
//!
//! - [`katalog`]: the catalogue of actions as data (kind, cost, hours, duration, seats, what it
//!   serves); the shipped one has illustrative costs, for the instansi to replace.
//! - [`kandidat`]: a person's candidate actions from what their score misses, each with its
//!   cost, hours and the points it adds; alternatives grouped.
//! - [`optimasi`]: the choice under a budget, seats and hours — greedy, and the integer program
//!   (microlp, warm-started from greedy, time-limited, its gap reported).
#![warn(missing_docs)]

pub mod kandidat;
pub mod katalog;
pub mod optimasi;
