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

/// A rupiah amount as people type it: digits with `.`, `,`, `_` or spaces between thousands,
/// an optional leading `Rp`; at most 16 digits. `None` for anything else (words, a sign, an
/// exponent).
pub fn rupiah(s: &str) -> Option<u64> {
    let d: String = s
        .trim()
        .trim_start_matches("Rp")
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | '_' | ' '))
        .collect();
    (!d.is_empty() && d.len() <= 16 && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| d.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    #[test]
    fn budgets_as_typed() {
        use super::rupiah;
        assert_eq!(rupiah("2500000000"), Some(2_500_000_000));
        assert_eq!(rupiah("2.500.000.000"), Some(2_500_000_000));
        assert_eq!(rupiah("Rp 1,000,000"), Some(1_000_000));
        assert_eq!(rupiah("1e9"), None);
        assert_eq!(rupiah("-5"), None);
        assert_eq!(rupiah(""), None);
        assert_eq!(rupiah("99999999999999999"), None);
    }
}
