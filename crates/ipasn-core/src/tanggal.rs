//! Calendar dates (`tanggal`) and the windows of the rules.
//!
//! A window `(T − n months, T]` excludes its start and includes T. Subtracting months clamps the
//! day to the month's length (29 Feb 2024 − 12 months = 28 Feb 2023).

use std::fmt;

/// A valid Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tanggal {
    year: i16,
    month: u8,
    day: u8,
}

impl Tanggal {
    /// A date, or `None` when it does not exist (30 February, month 13, year outside 1800–2200).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Tanggal> {
        if !(1800..=2200).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Tanggal {
            year: year as i16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year as i32
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month as u32
    }

    /// The day of the month.
    pub fn day(self) -> u32 {
        self.day as u32
    }

    /// The same day `n` months earlier, clamped to the end of that month.
    pub fn minus_months(self, n: u32) -> Tanggal {
        let total = self.year() * 12 + (self.month() as i32 - 1) - n as i32;
        self.with_month_index(total)
    }

    /// The same day `n` months later, clamped to the end of that month.
    pub fn plus_months(self, n: u32) -> Tanggal {
        let total = self.year() * 12 + (self.month() as i32 - 1) + n as i32;
        self.with_month_index(total)
    }

    fn with_month_index(self, total: i32) -> Tanggal {
        let year = total.div_euclid(12).clamp(1800, 2200);
        let month = total.rem_euclid(12) as u32 + 1;
        let day = (self.day()).min(days_in_month(year, month));
        Tanggal {
            year: year as i16,
            month: month as u8,
            day: day as u8,
        }
    }

    /// The day after.
    pub fn next_day(self) -> Tanggal {
        Tanggal::from_days(self.to_days() + 1)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year() as i64 - if self.month <= 2 { 1 } else { 0 };
        let m = self.month() as i64;
        let d = self.day() as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (clamped to the supported years).
    pub fn from_days(days: i64) -> Tanggal {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
        Tanggal::new(y, m, d).unwrap_or(if y < 1800 {
            Tanggal {
                year: 1800,
                month: 1,
                day: 1,
            }
        } else {
            Tanggal {
                year: 2200,
                month: 12,
                day: 31,
            }
        })
    }

    /// Parses ISO `YYYY-MM-DD` only. (The importer accepts more forms.)
    pub fn parse_iso(s: &str) -> Option<Tanggal> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y = s[0..4].parse().ok()?;
        let m = s[5..7].parse().ok()?;
        let d = s[8..10].parse().ok()?;
        Tanggal::new(y, m, d)
    }
}

/// Days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Tanggal {
    /// ISO 8601: `2024-12-31`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A half-open window `(start, end]` of dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Excluded lower end.
    pub after: Tanggal,
    /// Included upper end (the cut-off date T).
    pub until: Tanggal,
}

impl Window {
    /// `(T − months, T]`.
    pub fn months_before(t: Tanggal, months: u32) -> Window {
        Window {
            after: t.minus_months(months),
            until: t,
        }
    }

    /// Whether `d` lies in the window.
    pub fn contains(&self, d: Tanggal) -> bool {
        d > self.after && d <= self.until
    }
}

/// Written as ISO 8601 text (`2024-12-31`).
impl serde::Serialize for Tanggal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Tanggal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let bad = || serde::de::Error::custom(format!("{s:?} is not a date YYYY-MM-DD"));
        let mut it = s.splitn(3, '-').map(|x| x.parse::<u32>().ok());
        match (
            it.next().flatten(),
            it.next().flatten(),
            it.next().flatten(),
        ) {
            (Some(y), Some(m), Some(d)) => Tanggal::new(y as i32, m, d).ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Tanggal {
        Tanggal::parse_iso(s).unwrap()
    }

    #[test]
    fn invalid_dates_are_refused() {
        assert!(Tanggal::new(2023, 2, 29).is_none());
        assert!(Tanggal::new(2024, 2, 29).is_some());
        assert!(Tanggal::new(1900, 2, 29).is_none());
        assert!(Tanggal::new(2000, 2, 29).is_some());
        assert!(Tanggal::new(2024, 13, 1).is_none());
        assert!(Tanggal::new(2024, 4, 31).is_none());
        assert!(Tanggal::parse_iso("2024-1-01").is_none());
    }

    #[test]
    fn month_arithmetic_clamps() {
        assert_eq!(d("2024-02-29").minus_months(12), d("2023-02-28"));
        assert_eq!(d("2024-12-31").minus_months(12), d("2023-12-31"));
        assert_eq!(d("2024-03-31").minus_months(1), d("2024-02-29"));
        assert_eq!(d("2024-12-31").minus_months(60), d("2019-12-31"));
        assert_eq!(d("2024-01-15").minus_months(1), d("2023-12-15"));
        assert_eq!(d("2023-11-30").plus_months(3), d("2024-02-29"));
    }

    #[test]
    fn window_is_open_below_closed_above() {
        let w = Window::months_before(d("2024-12-31"), 12);
        assert!(!w.contains(d("2023-12-31")));
        assert!(w.contains(d("2024-01-01")));
        assert!(w.contains(d("2024-12-31")));
        assert!(!w.contains(d("2025-01-01")));
    }

    #[test]
    fn known_day_numbers() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
        assert_eq!(Tanggal::from_days(19_723), d("2024-01-01"));
    }

    proptest! {
        #[test]
        fn days_round_trip(n in -60_000i64..80_000) {
            let t = Tanggal::from_days(n);
            prop_assert_eq!(t.to_days(), n);
            prop_assert_eq!(t.next_day().to_days(), n + 1);
        }
    }
}
