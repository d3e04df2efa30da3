//! Assessment and talent management (spec `asesmen.md`): pure functions, no IO.
//!
//! - [`irr`]: inter-rater reliability — ICC (Shrout & Fleiss forms 1–3, single and average),
//!   Cohen's κ (unweighted, linear, quadratic), Fleiss' κ, Krippendorff's α (nominal, ordinal,
//!   interval, ratio, with missing ratings), with interpretation labels stored as data.
#![warn(missing_docs)]

pub mod irr;
