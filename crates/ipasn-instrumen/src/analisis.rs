//! How an instrument behaves on this population (analisis): per scale Cronbach's α and
//! McDonald's ω, per item its difficulty and its corrected item-total correlation — so a
//! psychologist can judge the instrument before trusting its norms.
//!
//! Each scale is analysed on the people who answered all of its items (listwise). Items are
//! the keyed item scores ([`crate::skor::skor_butir`]: reversed where keyed so).
//!
//! - α = k/(k−1) · (1 − Σ var(item) / var(total)), variances with n − 1.
//! - ω (total, one factor) = (Σλ)² / ((Σλ)² + Σ(1 − λ²)) on the correlation matrix, the
//!   loadings λ by iterated principal-axis factoring (start: squared multiple correlations;
//!   stop when no communality moves by 1e-10, at most 1,000 rounds; a communality above 0.995
//!   — a Heywood case — is held there). Converged, this is the unweighted least-squares
//!   (minres) solution.
//! - Difficulty: the mean item score as a share of its range (multiple choice: of its best
//!   option's score; 1 = everyone earns it all).
//! - Item-total: the Pearson correlation of the item with the sum of the scale's other items.
//!
//! Pairs and Most/Least groups are ipsative: no α, ω or item statistics (empty result).

use crate::bundel::Bundel;
use crate::definisi::JenisInstrumen;
use crate::jawaban::Respons;
use crate::skor::{maks_butir, skala_butir, skor_butir};
use serde::Serialize;

/// An item's statistics.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatistikButir {
    /// The item's id.
    pub id: String,
    /// Mean keyed score.
    pub rerata: f64,
    /// Difficulty 0–1.
    pub kesulitan: Option<f64>,
    /// Corrected item-total correlation.
    pub korelasi_total: Option<f64>,
}

/// A scale's reliability and its items.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnalisisSkala {
    /// The scale's code.
    pub kode: String,
    /// People who answered every item of the scale.
    pub n: usize,
    /// Cronbach's α.
    pub alpha: Option<f64>,
    /// McDonald's ω (total, one factor).
    pub omega: Option<f64>,
    /// Items in the bundle's order.
    pub butir: Vec<StatistikButir>,
}

/// Analyses every scale on these people's answers.
pub fn analisis(b: &Bundel, jawaban: &[Vec<Respons>]) -> Vec<AnalisisSkala> {
    if matches!(b.jenis, JenisInstrumen::Pasangan | JenisInstrumen::Paling) || b.kunci.is_none() {
        return vec![];
    }
    let skala = skala_butir(b);
    let maks = maks_butir(b);
    let lo = match b.jenis {
        JenisInstrumen::Likert => b.definisi.likert.as_ref().map_or(0.0, |l| l.min as f64),
        _ => 0.0,
    };
    let item: Vec<Vec<Option<f64>>> = jawaban
        .iter()
        .map(|r| skor_butir(b, r).expect("key checked"))
        .collect();
    let mut out = vec![];
    for (s, sk) in b.skala.iter().enumerate() {
        let idx: Vec<usize> = (0..b.butir.len())
            .filter(|i| skala[*i] == Some(s))
            .collect();
        let rows: Vec<Vec<f64>> = item
            .iter()
            .filter_map(|p| idx.iter().map(|i| p[*i]).collect::<Option<Vec<f64>>>())
            .collect();
        let n = rows.len();
        let col = |j: usize| -> Vec<f64> { rows.iter().map(|r| r[j]).collect() };
        let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
        let butir = idx
            .iter()
            .enumerate()
            .map(|(j, i)| {
                let x = col(j);
                let rerata = mean(&x);
                let range = maks[*i] - lo;
                let rest: Vec<f64> = totals.iter().zip(&x).map(|(t, v)| t - v).collect();
                StatistikButir {
                    id: b.butir[*i].id.clone(),
                    rerata,
                    kesulitan: (n > 0 && range > 0.0).then(|| (rerata - lo) / range),
                    korelasi_total: pearson(&x, &rest),
                }
            })
            .collect();
        let cols: Vec<Vec<f64>> = (0..idx.len()).map(col).collect();
        out.push(AnalisisSkala {
            kode: sk.kode.clone(),
            n,
            alpha: alpha(&cols),
            omega: omega(&cols),
            butir,
        });
    }
    out
}

fn mean(x: &[f64]) -> f64 {
    if x.is_empty() {
        f64::NAN
    } else {
        x.iter().sum::<f64>() / x.len() as f64
    }
}

fn var(x: &[f64]) -> f64 {
    let m = mean(x);
    x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() as f64 - 1.0)
}

/// Pearson's r; `None` with fewer than 3 people or a constant column.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() < 3 {
        return None;
    }
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// Cronbach's α of item columns; `None` with fewer than 2 items or 3 people (two people give
/// a number, but no meaning), or no variance.
pub fn alpha(cols: &[Vec<f64>]) -> Option<f64> {
    let k = cols.len();
    let n = cols.first()?.len();
    if k < 2 || n < 3 {
        return None;
    }
    let total: Vec<f64> = (0..n).map(|p| cols.iter().map(|c| c[p]).sum()).collect();
    let vt = var(&total);
    if vt <= 0.0 {
        return None;
    }
    let vi: f64 = cols.iter().map(|c| var(c)).sum();
    Some(k as f64 / (k as f64 - 1.0) * (1.0 - vi / vt))
}

/// McDonald's ω total from a one-factor model of the items' correlations; `None` with fewer
/// than 3 items, fewer people than items + 1, or a constant item.
pub fn omega(cols: &[Vec<f64>]) -> Option<f64> {
    let k = cols.len();
    let n = cols.first()?.len();
    if k < 3 || n <= k {
        return None;
    }
    let mut r = vec![vec![0.0; k]; k];
    for i in 0..k {
        r[i][i] = 1.0;
        for j in 0..i {
            let c = pearson(&cols[i], &cols[j])?;
            r[i][j] = c;
            r[j][i] = c;
        }
    }
    let lambda = faktor_tunggal(&r)?;
    let sum: f64 = lambda.iter().sum();
    let uniq: f64 = lambda.iter().map(|l| 1.0 - l * l).sum();
    Some(sum * sum / (sum * sum + uniq))
}

/// One-factor loadings by iterated principal-axis factoring.
fn faktor_tunggal(r: &[Vec<f64>]) -> Option<Vec<f64>> {
    let k = r.len();
    let inv = invers(r);
    let mut h: Vec<f64> = match &inv {
        Some(inv) => (0..k)
            .map(|i| (1.0 - 1.0 / inv[i][i]).clamp(0.005, 0.995))
            .collect(),
        None => (0..k)
            .map(|i| {
                (0..k)
                    .filter(|j| *j != i)
                    .map(|j| r[i][j].abs())
                    .fold(0.0, f64::max)
            })
            .collect(),
    };
    let mut lambda = vec![0.0; k];
    for _ in 0..1000 {
        let mut m = r.to_vec();
        for i in 0..k {
            m[i][i] = h[i];
        }
        let (val, vec) = eigen_terbesar(&m);
        if val <= 0.0 {
            return None;
        }
        let s = val.sqrt();
        lambda = vec.iter().map(|v| v * s).collect();
        let next: Vec<f64> = lambda.iter().map(|l| (l * l).min(0.995)).collect();
        let moved = next
            .iter()
            .zip(&h)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        h = next;
        if moved < 1e-10 {
            break;
        }
    }
    if lambda.iter().sum::<f64>() < 0.0 {
        lambda.iter_mut().for_each(|l| *l = -*l);
    }
    Some(lambda)
}

/// The largest eigenvalue of a symmetric matrix and its unit eigenvector (cyclic Jacobi).
fn eigen_terbesar(a: &[Vec<f64>]) -> (f64, Vec<f64>) {
    let k = a.len();
    let mut a = a.to_vec();
    let mut v = vec![vec![0.0; k]; k];
    for (i, row) in v.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    for _ in 0..100 {
        let off: f64 = (0..k)
            .flat_map(|i| (0..k).filter(move |j| *j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off < 1e-30 {
            break;
        }
        for p in 0..k {
            for q in p + 1..k {
                if a[p][q].abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for r in 0..k {
                    let (arp, arq) = (a[r][p], a[r][q]);
                    a[r][p] = c * arp - s * arq;
                    a[r][q] = s * arp + c * arq;
                }
                for r in 0..k {
                    let (apr, aqr) = (a[p][r], a[q][r]);
                    a[p][r] = c * apr - s * aqr;
                    a[q][r] = s * apr + c * aqr;
                }
                for row in v.iter_mut() {
                    let (vp, vq) = (row[p], row[q]);
                    row[p] = c * vp - s * vq;
                    row[q] = s * vp + c * vq;
                }
            }
        }
    }
    let best = (0..k)
        .max_by(|x, y| a[*x][*x].total_cmp(&a[*y][*y]))
        .unwrap_or(0);
    (a[best][best], v.iter().map(|row| row[best]).collect())
}

/// The inverse of a matrix (Gauss–Jordan with partial pivoting); `None` when singular.
fn invers(m: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let k = m.len();
    let mut a: Vec<Vec<f64>> = m
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut r = row.clone();
            r.extend((0..k).map(|j| if i == j { 1.0 } else { 0.0 }));
            r
        })
        .collect();
    for c in 0..k {
        let p = (c..k).max_by(|x, y| a[*x][c].abs().total_cmp(&a[*y][c].abs()))?;
        if a[p][c].abs() < 1e-12 {
            return None;
        }
        a.swap(c, p);
        let d = a[c][c];
        a[c].iter_mut().for_each(|x| *x /= d);
        for r in 0..k {
            if r != c {
                let f = a[r][c];
                if f != 0.0 {
                    let pivot = a[c].clone();
                    a[r].iter_mut().zip(&pivot).for_each(|(x, p)| *x -= f * p);
                }
            }
        }
    }
    Some(a.into_iter().map(|r| r[k..].to_vec()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpha_of_a_hand_computed_table() {
        let cols = vec![
            vec![1.0, 2.0, 3.0, 3.0],
            vec![1.0, 2.0, 3.0, 3.0],
            vec![1.0, 2.0, 3.0, 3.0],
        ];
        // Identical items: item variance 2/3 each, total variance 6 → α = 1.5 · (1 − 2/6) = 1.
        assert!((alpha(&cols).unwrap() - 1.0).abs() < 1e-12);
        let cols = vec![vec![1.0, 2.0, 3.0, 4.0], vec![2.0, 1.0, 4.0, 3.0]];
        // var 5/3 each; totals 3, 3, 7, 7 → var 16/3; α = 2 · (1 − (10/3)/(16/3)) = 0.75.
        assert!((alpha(&cols).unwrap() - 0.75).abs() < 1e-12);
    }

    #[test]
    fn omega_of_a_one_factor_population() {
        // Items built as loading·f + noise: a strong common factor gives ω near α and both high.
        let n = 400;
        let f: Vec<f64> = (0..n)
            .map(|i| ((i * 37 % 101) as f64 / 101.0 - 0.5) * 3.0)
            .collect();
        let cols: Vec<Vec<f64>> = (0..5)
            .map(|j| {
                (0..n)
                    .map(|i| {
                        f[i] * (0.6 + 0.1 * j as f64)
                            + (((i * (j + 3) * 53) % 97) as f64 / 97.0 - 0.5)
                    })
                    .collect()
            })
            .collect();
        let (a, o) = (alpha(&cols).unwrap(), omega(&cols).unwrap());
        assert!(a > 0.8 && o > 0.8 && o >= a - 1e-9, "α {a} ω {o}");
    }

    #[test]
    fn largest_eigenpair() {
        let m = vec![vec![2.0, 1.0], vec![1.0, 2.0]];
        let (val, v) = eigen_terbesar(&m);
        assert!((val - 3.0).abs() < 1e-12);
        assert!((v[0].abs() - 0.5f64.sqrt()).abs() < 1e-12 && (v[0] - v[1]).abs() < 1e-12);
    }
}
