//! Exact numbers: [`Points`] (multiples of 0.5, kept as half-points) and [`Decimal`]
//! (fixed point with six decimals, for SKP values, training hours and rule thresholds).
//!
//! IP ASN points are all multiples of 0.5, so they are added as integers and never drift.
//! Means are exact rationals until they are presented, rounded half away from zero to two
//! decimals (71.375 → 71.38, as in the spec's worked example).

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::fmt;

/// A score in half-points: `Points(45)` is 22.5 points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(pub u32);

impl Points {
    /// Zero points.
    pub const ZERO: Points = Points(0);

    /// The number of half-points.
    pub fn halves(self) -> u32 {
        self.0
    }

    /// Points from a decimal number, which must be a non-negative multiple of 0.5.
    pub fn from_f64(x: f64) -> Option<Points> {
        let h = x * 2.0;
        if x.is_finite() && x >= 0.0 && h.fract() == 0.0 && h <= u32::MAX as f64 {
            Some(Points(h as u32))
        } else {
            None
        }
    }

    /// Saturating difference (`self − other`, never below zero).
    pub fn saturating_sub(self, other: Points) -> Points {
        Points(self.0.saturating_sub(other.0))
    }

    /// As a [`Decimal`].
    pub fn to_decimal(self) -> Decimal {
        Decimal(self.0 as i64 * (Decimal::SCALE / 2))
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0 + o.0)
    }
}

impl fmt::Display for Points {
    /// Plain decimal: `40`, `22.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_multiple_of(2) {
            write!(f, "{}", self.0 / 2)
        } else {
            write!(f, "{}.5", self.0 / 2)
        }
    }
}

/// Written as a plain number (`22.5`), read back exactly by [`Deserialize`].
impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.0 as f64 / 2.0)
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        Points::from_f64(x).ok_or_else(|| {
            de::Error::custom(format!(
                "{x} is not a non-negative multiple of 0.5 (points are counted in halves)"
            ))
        })
    }
}

/// A fixed-point decimal with six places: `Decimal(90_000_000)` is 90.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal(pub i64);

impl Decimal {
    /// Units per 1.
    pub const SCALE: i64 = 1_000_000;
    /// Zero.
    pub const ZERO: Decimal = Decimal(0);

    /// A whole number.
    pub fn from_int(n: i64) -> Decimal {
        Decimal(n * Self::SCALE)
    }

    /// Parses `88`, `88.5`, `88,5`, `-1.25`. Digits past the sixth decimal are rounded half away
    /// from zero. Thousands separators are not accepted (they are ambiguous with the decimal comma).
    pub fn parse(s: &str) -> Option<Decimal> {
        // Fast path: a plain whole number such as a JP count.
        let b = s.as_bytes();
        if !b.is_empty() && b.len() <= 9 && b.iter().all(u8::is_ascii_digit) {
            let v = b.iter().fold(0i64, |a, d| a * 10 + (d - b'0') as i64);
            return Some(Decimal(v * Self::SCALE));
        }
        let s = s.trim();
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        if body.is_empty() {
            return None;
        }
        let (int_part, frac_part) = match body.find(['.', ',']) {
            Some(i) => (&body[..i], &body[i + 1..]),
            None => (body, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        if int_part.len() > 12 {
            return None;
        }
        let mut v: i64 = 0;
        for b in int_part.bytes() {
            v = v * 10 + (b - b'0') as i64;
        }
        v *= Self::SCALE;
        let mut place = Self::SCALE / 10;
        let mut round_up = false;
        for (i, b) in frac_part.bytes().enumerate() {
            let digit = (b - b'0') as i64;
            if i < 6 {
                v += digit * place;
                place /= 10;
            } else {
                round_up = i == 6 && digit >= 5;
                if i == 6 {
                    break;
                }
            }
        }
        if round_up {
            v += 1;
        }
        Some(Decimal(if neg { -v } else { v }))
    }

    /// From a binary float (used for numeric spreadsheet cells), rounded to six decimals.
    pub fn from_f64(x: f64) -> Option<Decimal> {
        if !x.is_finite() || x.abs() > 1e12 {
            return None;
        }
        Some(Decimal((x * Self::SCALE as f64).round() as i64))
    }

    /// `true` when the value is a whole number.
    pub fn is_integer(self) -> bool {
        self.0 % Self::SCALE == 0
    }

    /// Rounded half away from zero to `places` decimals (0–6), as a decimal.
    pub fn round(self, places: u32) -> Decimal {
        let unit = 10i64.pow(6 - places.min(6));
        let half = unit / 2;
        let q = if self.0 >= 0 {
            (self.0 + half) / unit
        } else {
            (self.0 - half) / unit
        };
        Decimal(q * unit)
    }

    /// The exact quotient `num / den` (den > 0) rounded half away from zero to six decimals.
    pub fn ratio(num: i128, den: i128) -> Decimal {
        assert!(den > 0, "ratio with a non-positive denominator");
        let scaled = num * Self::SCALE as i128;
        let q = if scaled >= 0 {
            (scaled * 2 + den) / (2 * den)
        } else {
            (scaled * 2 - den) / (2 * den)
        };
        Decimal(q as i64)
    }

    /// The mean of `n` scores whose sum is `sum`, rounded half away from zero to two decimals
    /// from the exact rational (not from an already rounded six-decimal value).
    pub fn mean_points(sum: u64, n: u64) -> Decimal {
        assert!(n > 0, "mean of nothing");
        // value × 100 = sum_halves × 50 / n, rounded half up (all non-negative).
        let num = sum as i128 * 50;
        let den = n as i128;
        let hundredths = (num * 2 + den) / (2 * den);
        Decimal(hundredths as i64 * (Self::SCALE / 100))
    }

    /// Percentage `100 × part / whole` rounded to two decimals.
    pub fn percent(part: u64, whole: u64) -> Decimal {
        if whole == 0 {
            return Decimal::ZERO;
        }
        let num = part as i128 * 10_000;
        let den = whole as i128;
        let hundredths = (num * 2 + den) / (2 * den);
        Decimal(hundredths as i64 * (Self::SCALE / 100))
    }
}

impl std::ops::Add for Decimal {
    type Output = Decimal;
    fn add(self, o: Decimal) -> Decimal {
        Decimal(self.0 + o.0)
    }
}

impl std::ops::Sub for Decimal {
    type Output = Decimal;
    fn sub(self, o: Decimal) -> Decimal {
        Decimal(self.0 - o.0)
    }
}

impl fmt::Display for Decimal {
    /// Plain decimal without trailing zeros: `90`, `22.5`, `71.38`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.0 < 0;
        let a = self.0.unsigned_abs();
        let int = a / Self::SCALE as u64;
        let mut frac = a % Self::SCALE as u64;
        if neg {
            f.write_str("-")?;
        }
        write!(f, "{int}")?;
        if frac != 0 {
            let mut digits = 6;
            while frac.is_multiple_of(10) {
                frac /= 10;
                digits -= 1;
            }
            write!(f, ".{frac:0digits$}")?;
        }
        Ok(())
    }
}

/// Written as a plain number; six decimals survive the round trip through `f64`.
impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.0 as f64 / Self::SCALE as f64)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        Decimal::from_f64(x).ok_or_else(|| de::Error::custom(format!("{x} is not a usable number")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_display_and_parse() {
        assert_eq!(Points(45).to_string(), "22.5");
        assert_eq!(Points(80).to_string(), "40");
        assert_eq!(Points::from_f64(17.5), Some(Points(35)));
        assert_eq!(Points::from_f64(17.25), None);
        assert_eq!(Points::from_f64(-1.0), None);
    }

    #[test]
    fn decimal_parse_forms() {
        assert_eq!(Decimal::parse("88"), Some(Decimal::from_int(88)));
        assert_eq!(Decimal::parse("88,5"), Decimal::parse("88.5"));
        assert_eq!(Decimal::parse("88.5").unwrap().to_string(), "88.5");
        assert_eq!(Decimal::parse(".5").unwrap().to_string(), "0.5");
        assert_eq!(Decimal::parse("90.0000004").unwrap(), Decimal::from_int(90));
        assert_eq!(
            Decimal::parse("90.0000005").unwrap().to_string(),
            "90.000001"
        );
        assert_eq!(Decimal::parse("1.234.5"), None);
        assert_eq!(Decimal::parse("abc"), None);
        assert_eq!(Decimal::parse(""), None);
        assert_eq!(Decimal::parse("-2,25").unwrap().to_string(), "-2.25");
    }

    #[test]
    fn mean_rounds_half_up_from_exact_value() {
        // Spec §9: unit of A–D: 285.5 / 4 = 71.375 → 71.38.
        assert_eq!(Decimal::mean_points(571, 4).to_string(), "71.38");
        assert_eq!(Decimal::mean_points(200, 3).to_string(), "33.33");
        assert_eq!(Decimal::mean_points(50, 1).to_string(), "25");
        assert_eq!(Decimal::percent(2, 3).to_string(), "66.67");
        assert_eq!(Decimal::percent(0, 0), Decimal::ZERO);
    }

    #[test]
    fn ratio_and_round() {
        assert_eq!(Decimal::ratio(2400, 27).round(2).to_string(), "88.89");
        assert_eq!(
            Decimal::parse("88.885").unwrap().round(2).to_string(),
            "88.89"
        );
        assert_eq!(
            Decimal::parse("-0.125").unwrap().round(2).to_string(),
            "-0.13"
        );
    }
}
