//! Psychometric instruments (spec `asesmen.md` §4, §6): pure functions, no IO.
//!
//! - [`definisi`]: the structure file of a bundle (`instrumen.toml`): kind, scales, sections with
//!   instructions and time limits, licence (`redistributable`, HIMPSI usage level, owner).
//! - [`bundel`]: the bundle's files checked together — items, key, interpretations, DISC
//!   conversion and patterns — with every problem named by file, row and column ([`masalah`]);
//!   each file's SHA-256 and the bundle's version.
//! - [`jawaban`]: answer sheets (one row per person, one column per item).
//! - [`skor`]: scoring per kind: Likert with reverse keys, forced-choice pairs (PAPI Kostick),
//!   Most/Least groups (DISC graphs I, II, III), multiple choice with partial credit per section.
//! - [`norma`]: linear and lookup norms, T-scores and percentiles, norms built from scores, the
//!   norm group with enough people.
//! - [`analisis`]: Cronbach's α, McDonald's ω, item difficulty and item-total correlation.
//! - [`ujian`]: online tests: a session's sections, the server's clock (deadline, pause,
//!   extension), which save of an answer wins, integrity signals, the admission queue.
//! - [`potensi`]: the potential test score from scales, by a table (data) of the eight aspects.
//!
//! Shipped: IPIP-50 (public domain items, our Indonesian translation) — [`bawaan`].
#![warn(missing_docs)]

pub mod analisis;
pub mod bundel;
pub mod definisi;
pub mod jawaban;
pub mod masalah;
pub mod norma;
pub mod potensi;
pub mod skor;
pub mod ujian;

pub use bundel::{Bundel, Lembar};
pub use masalah::Masalah;

/// The bundles that ship with ipasn, by id.
pub const BAWAAN: &[&str] = &["ipip-50"];

/// A shipped bundle's files (name, bytes), or `None` for an id that does not ship.
pub fn bawaan(id: &str) -> Option<Vec<(&'static str, &'static [u8])>> {
    match id {
        "ipip-50" => Some(vec![
            (
                definisi::STRUKTUR,
                include_bytes!("../data/ipip-50/instrumen.toml"),
            ),
            ("butir.csv", include_bytes!("../data/ipip-50/butir.csv")),
            ("kunci.csv", include_bytes!("../data/ipip-50/kunci.csv")),
            (
                "interpretasi.csv",
                include_bytes!("../data/ipip-50/interpretasi.csv"),
            ),
            ("README.md", include_bytes!("../data/ipip-50/README.md")),
        ]),
        _ => None,
    }
}
