//! Inter-rater reliability of a rating table: subjects × raters, with missing ratings.
//!
//! Each statistic follows its published definition and the established implementation the
//! tests compare with (to 1e-9):
//! - ICC: Shrout & Fleiss (1979), as `pingouin.intraclass_corr`; subjects with a missing rating
//!   are left out (the two-way ANOVA needs a complete table), and a note says how many.
//! - Cohen's κ: two raters, the subjects both rated; categories are the values seen, in order;
//!   linear and quadratic weights use the categories' ranks, as `sklearn.metrics.cohen_kappa_score`.
//! - Fleiss' κ: subjects rated by every rater (equal counts), as `statsmodels`' `fleiss_kappa`.
//! - Krippendorff's α: the coincidence-matrix form with all pairable values (missing allowed),
//!   as the `krippendorff` package; the ordinal metric uses the marginal counts of the ranks.
//!
//! A statistic the data cannot support is `None`, with the reason in [`Hasil::notes`]. That
//! includes a value that is not interpretable: one resting on fewer subjects than
//! [`Interpretasi::minimum_subjek`] (data: `data/interpretasi.toml`), or one outside the range
//! the statistic can take ([`Rentang`]): a single-measure ICC outside `[-1/(k-1), 1]`, an
//! average-measures ICC above 1 or with a negative denominator, a κ or α above 1, or a value
//! that is not a finite number. With two subjects the two-way ANOVA's mean squares can
//! contradict each other (ICC(2,1) = −1.25 and ICC(2,k) = 10 from one 2 × 2 table), and
//! such a number must never carry a verdict label.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A rating table: `nilai[s][r]` is rater `r`'s rating of subject `s`, `None` when missing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tabel {
    /// Subject names, in first-seen order.
    pub subjek: Vec<String>,
    /// Rater names, in first-seen order.
    pub penilai: Vec<String>,
    /// Ratings.
    pub nilai: Vec<Vec<Option<f64>>>,
}

/// Why a long-format row cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum Galat {
    /// The same subject and rater twice (1-based row numbers of both).
    Ganda {
        /// Subject.
        subjek: String,
        /// Rater.
        penilai: String,
        /// First row.
        baris_pertama: usize,
        /// Repeated row.
        baris: usize,
    },
}

impl Tabel {
    /// Builds a table from long-format rows `(subject, rater, value)`; `row` numbers are for
    /// error messages (as the file shows them).
    pub fn from_long<'a>(
        rows: impl IntoIterator<Item = (usize, &'a str, &'a str, Option<f64>)>,
    ) -> Result<Tabel, Galat> {
        let mut t = Tabel::default();
        let mut si: BTreeMap<String, usize> = BTreeMap::new();
        let mut ri: BTreeMap<String, usize> = BTreeMap::new();
        let mut seen: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for (row, s, r, v) in rows {
            let s_i = *si.entry(s.to_string()).or_insert_with(|| {
                t.subjek.push(s.to_string());
                t.subjek.len() - 1
            });
            let r_i = *ri.entry(r.to_string()).or_insert_with(|| {
                t.penilai.push(r.to_string());
                t.penilai.len() - 1
            });
            if let Some(first) = seen.insert((s_i, r_i), row) {
                return Err(Galat::Ganda {
                    subjek: s.into(),
                    penilai: r.into(),
                    baris_pertama: first,
                    baris: row,
                });
            }
            while t.nilai.len() <= s_i {
                t.nilai.push(vec![]);
            }
            let line = &mut t.nilai[s_i];
            if line.len() <= r_i {
                line.resize(r_i + 1, None);
            }
            line[r_i] = v;
        }
        let k = t.penilai.len();
        for line in &mut t.nilai {
            line.resize(k, None);
        }
        Ok(t)
    }
}

/// Every statistic of a table. Keys are those of `ipasn irr --json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Hasil {
    /// ICC(1,1).
    pub icc1: Option<f64>,
    /// ICC(2,1).
    pub icc2: Option<f64>,
    /// ICC(3,1).
    pub icc3: Option<f64>,
    /// ICC(1,k).
    pub icc1k: Option<f64>,
    /// ICC(2,k).
    pub icc2k: Option<f64>,
    /// ICC(3,k).
    pub icc3k: Option<f64>,
    /// Fleiss' κ.
    pub fleiss_kappa: Option<f64>,
    /// Krippendorff's α, nominal.
    pub alpha_nominal: Option<f64>,
    /// Krippendorff's α, ordinal.
    pub alpha_ordinal: Option<f64>,
    /// Krippendorff's α, interval.
    pub alpha_interval: Option<f64>,
    /// Krippendorff's α, ratio.
    pub alpha_ratio: Option<f64>,
    /// Cohen's κ, unweighted (two raters only; absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohen_kappa: Option<Option<f64>>,
    /// Cohen's κ, linear weights (two raters only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kappa_linear: Option<Option<f64>>,
    /// Cohen's κ, quadratic weights (two raters only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kappa_quadratic: Option<Option<f64>>,
    /// Subjects, raters, ratings present.
    pub subjects: usize,
    /// Raters.
    pub raters: usize,
    /// Ratings present.
    pub ratings: usize,
    /// Why a statistic is missing, or what was left out to compute it.
    pub notes: Vec<String>,
}

/// The number of subjects from which an ICC can be trusted (Koo & Li 2016 advise at least 30
/// heterogeneous subjects); below it a page warns that the statistics rest on a small sample.
pub const SUBJEK_DISARANKAN: usize = 30;

/// Computes every statistic with the shipped minimum number of subjects
/// ([`Interpretasi::bawaan`]).
pub fn hitung(t: &Tabel) -> Hasil {
    static BAWAAN: std::sync::LazyLock<Interpretasi> =
        std::sync::LazyLock::new(Interpretasi::bawaan);
    hitung_dengan(t, BAWAAN.minimum_subjek)
}

/// The note of a statistic resting on too few subjects.
fn too_few(names: &str, n: usize, what: &str, minimum: usize) -> String {
    format!(
        "{names}: not interpretable: {n} {what}, fewer than the minimum of {minimum} \
         (minimum_subjek in interpretasi.toml)"
    )
}

/// Checks a value against its range; `Err` is the reason it is not interpretable.
fn checked(v: f64, range: Rentang) -> Result<f64, String> {
    if !v.is_finite() {
        return Err(format!("not interpretable: not a finite number ({v})"));
    }
    if v > range.max + RENTANG_TOLERANSI || v < range.min - RENTANG_TOLERANSI {
        return Err(format!(
            "not interpretable: {v:.4} is outside its possible range {range}"
        ));
    }
    // Within rounding of a bound: the bound (e.g. 1.0000000000000002 → 1).
    Ok(v.clamp(range.min, range.max))
}

/// Computes every statistic; one resting on fewer than `minimum_subjek` subjects is `None`
/// with a note, as is one outside its possible range.
pub fn hitung_dengan(t: &Tabel, minimum_subjek: usize) -> Hasil {
    let mut h = Hasil {
        subjects: t.subjek.len(),
        raters: t.penilai.len(),
        ratings: t.nilai.iter().flatten().filter(|v| v.is_some()).count(),
        ..Hasil::default()
    };
    let complete: Vec<Vec<f64>> = t
        .nilai
        .iter()
        .filter(|r| r.iter().all(|v| v.is_some()))
        .map(|r| r.iter().map(|v| v.unwrap()).collect())
        .collect();
    let left_out = t.nilai.len() - complete.len();
    if left_out > 0 {
        h.notes.push(format!(
            "icc, fleiss_kappa: {left_out} subject(s) with a missing rating left out ({} complete)",
            complete.len()
        ));
    }
    if complete.len() < minimum_subjek && t.penilai.len() >= 2 {
        for names in ["icc", "fleiss_kappa"] {
            h.notes.push(too_few(
                names,
                complete.len(),
                "complete subject(s)",
                minimum_subjek,
            ));
        }
    } else {
        match icc_forms(&complete) {
            Ok(forms) => {
                let slots = [
                    &mut h.icc1,
                    &mut h.icc2,
                    &mut h.icc3,
                    &mut h.icc1k,
                    &mut h.icc2k,
                    &mut h.icc3k,
                ];
                let names = ["icc1", "icc2", "icc3", "icc1k", "icc2k", "icc3k"];
                for ((slot, name), form) in slots.into_iter().zip(names).zip(forms) {
                    match form {
                        Ok(v) => *slot = Some(v),
                        Err(why) => h.notes.push(format!("{name}: {why}")),
                    }
                }
            }
            Err(why) => h.notes.push(format!("icc: {why}")),
        }
        match fleiss(&complete).and_then(|v| checked(v, Rentang::KAPPA)) {
            Ok(v) => h.fleiss_kappa = Some(v),
            Err(why) => h.notes.push(format!("fleiss_kappa: {why}")),
        }
    }
    let pairable = t
        .nilai
        .iter()
        .filter(|r| r.iter().flatten().count() >= 2)
        .count();
    if pairable < minimum_subjek && pairable > 0 {
        h.notes.push(too_few(
            "alpha_nominal, alpha_ordinal, alpha_interval, alpha_ratio",
            pairable,
            "subject(s) with two or more ratings",
            minimum_subjek,
        ));
    } else {
        for (metric, slot) in [
            (Metrik::Nominal, &mut h.alpha_nominal),
            (Metrik::Ordinal, &mut h.alpha_ordinal),
            (Metrik::Interval, &mut h.alpha_interval),
            (Metrik::Ratio, &mut h.alpha_ratio),
        ] {
            match alpha(&t.nilai, metric).and_then(|v| checked(v, Rentang::ALPHA)) {
                Ok(v) => *slot = Some(v),
                Err(why) => h.notes.push(format!("alpha_{}: {why}", metric.name())),
            }
        }
    }
    if t.penilai.len() == 2 {
        let pairs: Vec<(f64, f64)> = t
            .nilai
            .iter()
            .filter_map(|r| Some((r[0]?, r[1]?)))
            .collect();
        if pairs.len() < t.nilai.len() {
            h.notes.push(format!(
                "cohen_kappa: {} subject(s) not rated by both raters left out",
                t.nilai.len() - pairs.len()
            ));
        }
        let few = !pairs.is_empty() && pairs.len() < minimum_subjek;
        if few {
            h.notes.push(too_few(
                "cohen_kappa, kappa_linear, kappa_quadratic",
                pairs.len(),
                "subject(s) rated by both raters",
                minimum_subjek,
            ));
        }
        for (w, slot, name) in [
            (Bobot::Tanpa, &mut h.cohen_kappa, "cohen_kappa"),
            (Bobot::Linear, &mut h.kappa_linear, "kappa_linear"),
            (Bobot::Kuadrat, &mut h.kappa_quadratic, "kappa_quadratic"),
        ] {
            *slot = Some(if few {
                None
            } else {
                match cohen(&pairs, w).and_then(|v| checked(v, Rentang::KAPPA)) {
                    Ok(v) => Some(v),
                    Err(why) => {
                        h.notes.push(format!("{name}: {why}"));
                        None
                    }
                }
            });
        }
    } else {
        h.notes.push(format!(
            "cohen_kappa, kappa_linear, kappa_quadratic: need exactly two raters ({} here)",
            t.penilai.len()
        ));
    }
    h
}

/// How far past a bound a value may lie and still count as the bound (rounding of sums of
/// squares); values within it are clamped to the bound.
pub const RENTANG_TOLERANSI: f64 = 1e-12;

/// The values a statistic can take; outside them it is not interpretable.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rentang {
    /// Smallest possible value (`-inf` when only the margins bound it).
    pub min: f64,
    /// Largest possible value.
    pub max: f64,
}

impl Rentang {
    /// κ (Cohen's, weighted or not, and Fleiss'): at most 1; the lower bound depends on the
    /// margins.
    pub const KAPPA: Rentang = Rentang {
        min: f64::NEG_INFINITY,
        max: 1.0,
    };
    /// Krippendorff's α: at most 1; the lower bound depends on the data.
    pub const ALPHA: Rentang = Rentang {
        min: f64::NEG_INFINITY,
        max: 1.0,
    };
    /// Average-measures ICC (k raters): at most 1 (Spearman–Brown of a single-measure ICC in
    /// `(-1/(k-1), 1]`), with a positive denominator.
    pub const ICC_RERATA: Rentang = Rentang {
        min: f64::NEG_INFINITY,
        max: 1.0,
    };

    /// Single-measure ICC with `k` raters: `[-1/(k-1), 1]` (Shrout & Fleiss 1979).
    pub fn icc_tunggal(k: usize) -> Rentang {
        Rentang {
            min: -1.0 / (k as f64 - 1.0),
            max: 1.0,
        }
    }

    /// The range of a statistic by its key (`icc2`, `icc2k`, `alpha_ordinal`, `cohen_kappa`, …)
    /// for `k` raters.
    pub fn of(key: &str, k: usize) -> Rentang {
        match key {
            "icc1" | "icc2" | "icc3" => Rentang::icc_tunggal(k),
            "icc1k" | "icc2k" | "icc3k" => Rentang::ICC_RERATA,
            k if k.starts_with("alpha") => Rentang::ALPHA,
            _ => Rentang::KAPPA,
        }
    }

    /// Whether `v` lies in the range.
    pub fn contains(&self, v: f64) -> bool {
        v.is_finite() && v >= self.min && v <= self.max
    }
}

impl std::fmt::Display for Rentang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.min == f64::NEG_INFINITY {
            write!(f, "(-inf, {}]", self.max)
        } else {
            write!(f, "[{:.4}, {}]", self.min, self.max)
        }
    }
}

/// The six ICCs of a complete table (subjects × raters): ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k.
/// A form that is not interpretable ([`icc_forms`]) is `None`.
pub fn icc(x: &[Vec<f64>]) -> Result<[Option<f64>; 6], String> {
    Ok(icc_forms(x)?.map(Result::ok))
}

/// The six ICCs of a complete table, each a value within its range ([`Rentang::of`]) or the
/// reason it is not interpretable: a zero denominator (no variance where it divides), a
/// negative one (the mean squares contradict each other), or a value outside its range.
pub fn icc_forms(x: &[Vec<f64>]) -> Result<[Result<f64, String>; 6], String> {
    let n = x.len();
    let k = x.first().map_or(0, |r| r.len());
    if n < 2 || k < 2 {
        return Err(format!(
            "needs at least 2 complete subjects and 2 raters ({n} × {k})"
        ));
    }
    let (nf, kf) = (n as f64, k as f64);
    let grand = x.iter().flatten().sum::<f64>() / (nf * kf);
    let row_means: Vec<f64> = x.iter().map(|r| r.iter().sum::<f64>() / kf).collect();
    let col_means: Vec<f64> = (0..k)
        .map(|j| x.iter().map(|r| r[j]).sum::<f64>() / nf)
        .collect();
    let sst: f64 = x.iter().flatten().map(|v| (v - grand).powi(2)).sum();
    let ssr = kf * row_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    let ssc = nf * col_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    let sse = sst - ssr - ssc;
    let msr = ssr / (nf - 1.0);
    let msc = ssc / (kf - 1.0);
    let mse = sse / ((nf - 1.0) * (kf - 1.0));
    let msw = (sst - ssr) / (nf * (kf - 1.0));
    let single = Rentang::icc_tunggal(k);
    let average = Rentang::ICC_RERATA;
    let form = |num: f64, den: f64, range: Rentang| -> Result<f64, String> {
        if den == 0.0 {
            return Err("undefined (a mean square it divides by is zero: no variance)".into());
        }
        if den < 0.0 {
            return Err(format!(
                "not interpretable: its denominator is negative ({den:.4}): the mean squares \
                 contradict each other (too few subjects?)"
            ));
        }
        checked(num / den, range)
    };
    Ok([
        form(msr - msw, msr + (kf - 1.0) * msw, single),
        form(
            msr - mse,
            msr + (kf - 1.0) * mse + kf * (msc - mse) / nf,
            single,
        ),
        form(msr - mse, msr + (kf - 1.0) * mse, single),
        form(msr - msw, msr, average),
        form(msr - mse, msr + (msc - mse) / nf, average),
        form(msr - mse, msr, average),
    ])
}

/// Distinct values in ascending order.
fn categories(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut c: Vec<f64> = values.collect();
    c.sort_by(f64::total_cmp);
    c.dedup();
    c
}

fn index_of(cats: &[f64], v: f64) -> usize {
    cats.binary_search_by(|c| c.total_cmp(&v))
        .expect("value is a category")
}

/// Fleiss' κ of a complete table (every subject rated by every rater).
pub fn fleiss(x: &[Vec<f64>]) -> Result<f64, String> {
    let n = x.len();
    let m = x.first().map_or(0, |r| r.len());
    if n < 1 || m < 2 {
        return Err(format!(
            "needs complete subjects rated by at least 2 raters ({n} × {m})"
        ));
    }
    let cats = categories(x.iter().flatten().copied());
    let mut counts = vec![vec![0f64; cats.len()]; n];
    for (i, r) in x.iter().enumerate() {
        for &v in r {
            counts[i][index_of(&cats, v)] += 1.0;
        }
    }
    let mf = m as f64;
    let total = n as f64 * mf;
    let p: Vec<f64> = (0..cats.len())
        .map(|j| counts.iter().map(|c| c[j]).sum::<f64>() / total)
        .collect();
    let p_bar = counts
        .iter()
        .map(|c| (c.iter().map(|x| x * x).sum::<f64>() - mf) / (mf * (mf - 1.0)))
        .sum::<f64>()
        / n as f64;
    let pe: f64 = p.iter().map(|x| x * x).sum();
    if pe >= 1.0 {
        return Err("every rating is the same category: chance agreement is 1".into());
    }
    Ok((p_bar - pe) / (1.0 - pe))
}

/// Weights of Cohen's κ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bobot {
    /// Unweighted.
    Tanpa,
    /// Linear in the rank distance.
    Linear,
    /// Quadratic in the rank distance.
    Kuadrat,
}

/// Cohen's κ of paired ratings.
pub fn cohen(pairs: &[(f64, f64)], w: Bobot) -> Result<f64, String> {
    if pairs.is_empty() {
        return Err("no subject rated by both raters".into());
    }
    let cats = categories(pairs.iter().flat_map(|p| [p.0, p.1]));
    let q = cats.len();
    let mut o = vec![vec![0f64; q]; q];
    for &(a, b) in pairs {
        o[index_of(&cats, a)][index_of(&cats, b)] += 1.0;
    }
    let total = pairs.len() as f64;
    let rows: Vec<f64> = o.iter().map(|r| r.iter().sum()).collect();
    let cols: Vec<f64> = (0..q).map(|j| o.iter().map(|r| r[j]).sum()).collect();
    let weight = |i: usize, j: usize| -> f64 {
        let d = (i as f64 - j as f64).abs();
        match w {
            Bobot::Tanpa => (i != j) as u8 as f64,
            Bobot::Linear => d,
            Bobot::Kuadrat => d * d,
        }
    };
    let (mut num, mut den) = (0.0, 0.0);
    for i in 0..q {
        for j in 0..q {
            num += weight(i, j) * o[i][j];
            den += weight(i, j) * rows[i] * cols[j] / total;
        }
    }
    if den == 0.0 {
        return Err("every rating is the same category: expected disagreement is 0".into());
    }
    Ok(1.0 - num / den)
}

/// Krippendorff's level of measurement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Metrik {
    /// Categories without order.
    Nominal,
    /// Ordered categories.
    Ordinal,
    /// Equal intervals.
    Interval,
    /// Equal intervals with a true zero.
    Ratio,
}

impl Metrik {
    /// `nominal`, `ordinal`, `interval`, `ratio`.
    pub fn name(self) -> &'static str {
        match self {
            Metrik::Nominal => "nominal",
            Metrik::Ordinal => "ordinal",
            Metrik::Interval => "interval",
            Metrik::Ratio => "ratio",
        }
    }
}

/// Krippendorff's α of a table with missing ratings.
pub fn alpha(x: &[Vec<Option<f64>>], metric: Metrik) -> Result<f64, String> {
    let cats = categories(x.iter().flatten().flatten().copied());
    let q = cats.len();
    let mut o = vec![vec![0f64; q]; q];
    let mut pairable_units = 0;
    for unit in x {
        let vals: Vec<usize> = unit.iter().flatten().map(|&v| index_of(&cats, v)).collect();
        let m = vals.len();
        if m < 2 {
            continue;
        }
        pairable_units += 1;
        let mut counts = vec![0f64; q];
        for &c in &vals {
            counts[c] += 1.0;
        }
        for c in 0..q {
            if counts[c] == 0.0 {
                continue;
            }
            for k in 0..q {
                let pairs = counts[c] * (counts[k] - if c == k { 1.0 } else { 0.0 });
                o[c][k] += pairs / (m as f64 - 1.0);
            }
        }
    }
    if pairable_units == 0 {
        return Err("no subject has two or more ratings".into());
    }
    let nv: Vec<f64> = (0..q).map(|k| o.iter().map(|r| r[k]).sum()).collect();
    let n: f64 = nv.iter().sum();
    let delta = |c: usize, k: usize| -> f64 {
        let (a, b) = (cats[c], cats[k]);
        match metric {
            Metrik::Nominal => (c != k) as u8 as f64,
            Metrik::Interval => (a - b).powi(2),
            Metrik::Ratio => {
                if a + b == 0.0 {
                    0.0
                } else {
                    ((a - b) / (a + b)).powi(2)
                }
            }
            Metrik::Ordinal => {
                let (lo, hi) = if c <= k { (c, k) } else { (k, c) };
                (nv[lo..=hi].iter().sum::<f64>() - (nv[lo] + nv[hi]) / 2.0).powi(2)
            }
        }
    };
    let (mut d_o, mut d_e) = (0.0, 0.0);
    for c in 0..q {
        for k in 0..q {
            let d = delta(c, k);
            d_o += o[c][k] * d;
            let e = (nv[c] * nv[k] - if c == k { nv[c] } else { 0.0 }) / (n - 1.0);
            d_e += e * d;
        }
    }
    if d_e == 0.0 {
        return Err("no variation in the ratings: expected disagreement is 0".into());
    }
    Ok(1.0 - d_o / d_e)
}

/// An interpretation band: the label of values from `min` up.
#[derive(Clone, Debug, Deserialize)]
pub struct Pita {
    /// Lower bound, inclusive.
    pub min: f64,
    /// Label in both languages.
    pub label: Label,
}

/// A label in Indonesian and English.
#[derive(Clone, Debug, Deserialize)]
pub struct Label {
    /// Indonesian.
    pub id: String,
    /// English.
    pub en: String,
}

/// Interpretation presets (`data/interpretasi.toml`, or an instansi's own file).
#[derive(Clone, Debug, Deserialize)]
pub struct Interpretasi {
    /// The fewest subjects a statistic may rest on to be reported and interpreted; below it
    /// the statistic is `None` with a note.
    pub minimum_subjek: usize,
    /// ICC bands (Koo & Li 2016).
    pub icc: Vec<Pita>,
    /// Krippendorff's α bands.
    pub alpha: Vec<Pita>,
    /// κ bands (Landis & Koch 1977).
    pub kappa: Vec<Pita>,
}

impl Interpretasi {
    /// The shipped presets.
    pub fn bawaan() -> Interpretasi {
        toml::from_str(include_str!("../data/interpretasi.toml"))
            .expect("the shipped presets parse")
    }

    /// The label of a statistic by its key (`icc2k`, `alpha_ordinal`, `cohen_kappa`, …); none
    /// for a value no statistic can take (not finite, or above 1).
    pub fn label(&self, key: &str, v: f64) -> Option<&Label> {
        if !v.is_finite() || v > 1.0 {
            return None;
        }
        let bands = if key.starts_with("icc") {
            &self.icc
        } else if key.starts_with("alpha") {
            &self.alpha
        } else {
            &self.kappa
        };
        bands.iter().find(|b| v >= b.min).map(|b| &b.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// Shrout & Fleiss (1979), Table 2: six targets, four judges.
    #[test]
    fn shrout_fleiss_table() {
        let x = vec![
            vec![9.0, 2.0, 5.0, 8.0],
            vec![6.0, 1.0, 3.0, 2.0],
            vec![8.0, 4.0, 6.0, 8.0],
            vec![7.0, 1.0, 2.0, 6.0],
            vec![10.0, 5.0, 6.0, 9.0],
            vec![6.0, 2.0, 4.0, 7.0],
        ];
        let v = icc(&x).unwrap();
        let want = [0.17, 0.29, 0.71, 0.44, 0.62, 0.91];
        for (got, want) in v.iter().zip(want) {
            assert!(close(got.unwrap(), want, 0.005), "{v:?}");
        }
    }

    /// The spec's example: A = [1,1,2,2,3,3], B = [1,2,2,2,3,1] gives κ = 0.5.
    #[test]
    fn cohen_example() {
        let a = [1.0, 1.0, 2.0, 2.0, 3.0, 3.0];
        let b = [1.0, 2.0, 2.0, 2.0, 3.0, 1.0];
        let pairs: Vec<_> = a.into_iter().zip(b).collect();
        assert!(close(cohen(&pairs, Bobot::Tanpa).unwrap(), 0.5, 1e-12));
    }

    /// Krippendorff's (2011) worked example: 4 coders, 12 units, nominal α = 0.743,
    /// interval α = 0.849 (his "Computing Krippendorff's Alpha-Reliability", section C).
    #[test]
    fn krippendorff_example() {
        let n = None;
        let s = |v: f64| Some(v);
        let coders = [
            [
                s(1.),
                s(2.),
                s(3.),
                s(3.),
                s(2.),
                s(1.),
                s(4.),
                s(1.),
                s(2.),
                n,
                n,
                n,
            ],
            [
                s(1.),
                s(2.),
                s(3.),
                s(3.),
                s(2.),
                s(2.),
                s(4.),
                s(1.),
                s(2.),
                s(5.),
                n,
                s(3.),
            ],
            [
                n,
                s(3.),
                s(3.),
                s(3.),
                s(2.),
                s(3.),
                s(4.),
                s(2.),
                s(2.),
                s(5.),
                s(1.),
                n,
            ],
            [
                s(1.),
                s(2.),
                s(3.),
                s(3.),
                s(2.),
                s(4.),
                s(4.),
                s(1.),
                s(2.),
                s(5.),
                s(1.),
                n,
            ],
        ];
        let units: Vec<Vec<Option<f64>>> = (0..12)
            .map(|u| coders.iter().map(|c| c[u]).collect())
            .collect();
        assert!(close(
            alpha(&units, Metrik::Nominal).unwrap(),
            0.743,
            0.0005
        ));
        assert!(close(
            alpha(&units, Metrik::Interval).unwrap(),
            0.849,
            0.0005
        ));
    }

    #[test]
    fn what_the_data_cannot_support_is_null_with_a_note() {
        let t = Tabel::from_long([
            (2, "s1", "r1", Some(3.0)),
            (3, "s1", "r2", Some(3.0)),
            (4, "s2", "r1", Some(3.0)),
        ])
        .unwrap();
        let h = hitung(&t);
        assert_eq!(h.icc1, None);
        assert_eq!(h.alpha_nominal, None);
        assert!(
            h.notes.iter().any(|n| n.starts_with("icc:")),
            "{:?}",
            h.notes
        );
        assert!(noted(&h, "alpha_nominal"), "{:?}", h.notes);
        // Below the floor of subjects the floor is the reason; with the floor at 1 the data's
        // own shortcomings are.
        let h = hitung_dengan(&t, 1);
        assert_eq!((h.icc1, h.alpha_nominal), (None, None));
        assert!(
            h.notes
                .iter()
                .any(|n| n.starts_with("icc: needs at least 2")),
            "{:?}",
            h.notes
        );
        assert!(
            h.notes
                .iter()
                .any(|n| n.starts_with("alpha_nominal: no variation")),
            "{:?}",
            h.notes
        );
        let e =
            Tabel::from_long([(2, "s1", "r1", Some(3.0)), (5, "s1", "r1", Some(2.0))]).unwrap_err();
        assert_eq!(
            e,
            Galat::Ganda {
                subjek: "s1".into(),
                penilai: "r1".into(),
                baris_pertama: 2,
                baris: 5
            }
        );
    }

    /// A 2 × 2 table, worked by hand: rows (1, 2.5) and (3.5, 2). Grand mean 2.25; subject
    /// means 1.75, 2.75 → SSR = 2 · (0.25 + 0.25) = 1, MSR = 1; rater means 2.25, 2.25 → SSC = 0;
    /// SST = 1.5625 + 0.0625 + 1.5625 + 0.0625 = 3.25 → SSE = 2.25, MSE = 2.25, MSW = 1.125.
    /// ICC(2,1) = (1 − 2.25) / (1 + 2.25 − 2 · 2.25 / 2) = −1.25 / 1 = −1.25, below −1/(k−1);
    /// ICC(2,k) = −1.25 / (1 − 2.25 / 2) = −1.25 / −0.125 = 10: a negative denominator.
    fn two_subjects() -> Tabel {
        Tabel::from_long([
            (2, "s1", "A", Some(1.0)),
            (3, "s1", "B", Some(2.5)),
            (4, "s2", "A", Some(3.5)),
            (5, "s2", "B", Some(2.0)),
        ])
        .unwrap()
    }

    #[test]
    fn a_negative_denominator_or_a_value_out_of_range_is_not_interpretable() {
        // With the floor lowered to 2 subjects, only the range check stands between the ANOVA
        // and the page.
        let h = hitung_dengan(&two_subjects(), 2);
        assert_eq!(h.icc2, None, "{h:?}");
        assert_eq!(h.icc2k, None, "{h:?}");
        assert!(
            h.notes
                .iter()
                .any(|n| n.starts_with("icc2: not interpretable: -1.2500 is outside")),
            "{:?}",
            h.notes
        );
        assert!(
            h.notes
                .iter()
                .any(|n| n.starts_with("icc2k: not interpretable: its denominator is negative")),
            "{:?}",
            h.notes
        );
        // The forms that stay in range are reported (hand values: ICC(1,1) = (1 − 1.125) /
        // (1 + 1.125) = −1/17, ICC(3,1) = −1.25 / 3.25, ICC(1,k) = −0.125, ICC(3,k) = −1.25).
        assert!(close(h.icc1.unwrap(), -1.0 / 17.0, 1e-12));
        assert!(close(h.icc3.unwrap(), -1.25 / 3.25, 1e-12));
        assert!(close(h.icc1k.unwrap(), -0.125, 1e-12));
        assert!(close(h.icc3k.unwrap(), -1.25, 1e-12));
        // The raw forms still say so.
        let v = icc(&[vec![1.0, 2.5], vec![3.5, 2.0]]).unwrap();
        assert_eq!((v[1], v[4]), (None, None));
    }

    #[test]
    fn too_few_subjects_is_not_interpretable() {
        // The shipped floor is data, and 3.
        assert_eq!(Interpretasi::bawaan().minimum_subjek, 3);
        let h = hitung(&two_subjects());
        let all = [
            h.icc1,
            h.icc2,
            h.icc3,
            h.icc1k,
            h.icc2k,
            h.icc3k,
            h.fleiss_kappa,
            h.alpha_nominal,
            h.alpha_ordinal,
            h.alpha_interval,
            h.alpha_ratio,
            h.cohen_kappa.unwrap(),
            h.kappa_linear.unwrap(),
            h.kappa_quadratic.unwrap(),
        ];
        assert_eq!(all, [None; 14], "{h:?}");
        for head in [
            "icc: not interpretable: 2 complete subject(s), fewer than the minimum of 3",
            "fleiss_kappa: not interpretable: 2 complete subject(s)",
            "alpha_nominal, alpha_ordinal, alpha_interval, alpha_ratio: not interpretable: 2 subject(s) with two or more ratings",
            "cohen_kappa, kappa_linear, kappa_quadratic: not interpretable: 2 subject(s) rated by both raters",
        ] {
            assert!(
                h.notes.iter().any(|n| n.starts_with(head)),
                "{head} in {:?}",
                h.notes
            );
        }
        // Three subjects are enough for a value.
        let mut t = two_subjects();
        t.subjek.push("s3".into());
        t.nilai.push(vec![Some(4.0), Some(4.5)]);
        let h = hitung(&t);
        assert!(h.icc1.is_some() && h.alpha_interval.is_some() && h.fleiss_kappa.is_some());
        assert!(h.cohen_kappa.unwrap().is_some(), "{h:?}");
    }

    #[test]
    fn no_label_for_what_no_statistic_can_be() {
        let i = Interpretasi::bawaan();
        assert!(i.label("icc2k", 10.0).is_none());
        assert!(i.label("icc2", f64::NAN).is_none());
        assert!(i.label("cohen_kappa", f64::INFINITY).is_none());
        assert_eq!(i.label("icc2k", 1.0).unwrap().en, "excellent");
    }

    /// Whether a note names the statistic (or its family, `icc`) before its colon.
    fn noted(h: &Hasil, key: &str) -> bool {
        let family = if key.starts_with("icc") { "icc" } else { key };
        h.notes.iter().any(|n| {
            let head = n.split(": ").next().unwrap_or("");
            head.split(", ").any(|x| x == key || x == family)
        })
    }

    fn key_values(h: &Hasil) -> Vec<(&'static str, Option<f64>)> {
        let mut v = vec![
            ("icc1", h.icc1),
            ("icc2", h.icc2),
            ("icc3", h.icc3),
            ("icc1k", h.icc1k),
            ("icc2k", h.icc2k),
            ("icc3k", h.icc3k),
            ("fleiss_kappa", h.fleiss_kappa),
            ("alpha_nominal", h.alpha_nominal),
            ("alpha_ordinal", h.alpha_ordinal),
            ("alpha_interval", h.alpha_interval),
            ("alpha_ratio", h.alpha_ratio),
        ];
        for (k, x) in [
            ("cohen_kappa", h.cohen_kappa),
            ("kappa_linear", h.kappa_linear),
            ("kappa_quadratic", h.kappa_quadratic),
        ] {
            if let Some(x) = x {
                v.push((k, x));
            }
        }
        v
    }

    proptest::proptest! {
        /// Every reported value lies in its range, and every missing one says why — on small
        /// tables (2–6 subjects, 2–4 raters, half levels 1–5, missing ratings), where the
        /// ANOVA is least stable, with the floor at 2 so the range check is what is tested.
        #[test]
        fn every_value_lies_in_its_range(
            k in 2usize..5,
            cells in proptest::collection::vec(proptest::option::weighted(0.85, 2u8..=10), 2 * 2..6 * 4),
            floor in 2usize..4,
        ) {
            let n = cells.len() / k;
            proptest::prop_assume!(n >= 2);
            let rows = (0..n).flat_map(|s| (0..k).map(move |r| (s, r)));
            let names: Vec<(String, String)> =
                rows.clone().map(|(s, r)| (format!("s{s}"), format!("r{r}"))).collect();
            let t = Tabel::from_long(names.iter().zip(&cells).enumerate().map(
                |(i, ((s, r), v))| (i + 2, s.as_str(), r.as_str(), v.map(|v| v as f64 / 2.0)),
            ))
            .unwrap();
            let h = hitung_dengan(&t, floor);
            for (key, v) in key_values(&h) {
                match v {
                    Some(v) => proptest::prop_assert!(
                        Rentang::of(key, t.penilai.len()).contains(v),
                        "{key} = {v} outside {}", Rentang::of(key, t.penilai.len())
                    ),
                    None => proptest::prop_assert!(
                        noted(&h, key),
                        "{key} missing without a note: {:?}", h.notes
                    ),
                }
            }
        }
    }

    #[test]
    fn labels() {
        let i = Interpretasi::bawaan();
        assert_eq!(i.label("icc2k", 0.91).unwrap().en, "excellent");
        assert_eq!(i.label("icc1", 0.49).unwrap().en, "poor");
        assert_eq!(i.label("alpha_ordinal", 0.7).unwrap().id, "tentatif");
        assert_eq!(i.label("cohen_kappa", 0.5).unwrap().en, "moderate");
    }
}
