//! Cell values as the data package means them: NIPs, dates, numbers, years, yes/no.

use crate::lembar::{Value, excel_serial, trim};
use crate::masalah::{Kind, TmtProblem};
use ipasn_core::model::Nip;
use ipasn_core::{Decimal, Tanggal};

/// Parses and checks a NIP baru (18 digits: birth date, TMT CPNS year and month, sex, sequence).
/// Spaces and a leading apostrophe (Excel's text marker) are ignored. A numeric cell or a
/// number in scientific notation has lost digits and is refused with [`Kind::NipScientific`].
pub fn nip(v: &Value<'_>, today: Tanggal) -> Result<Nip, Kind> {
    let text = match v {
        Value::Number(_) => return Err(Kind::NipScientific),
        Value::Empty => return Err(Kind::Required),
        Value::Text(s) => *s,
        _ => return Err(Kind::NipFormat),
    };
    // Fast path: exactly 18 digits, as almost every row has.
    let b = text.as_bytes();
    if b.len() == 18 && b.iter().all(u8::is_ascii_digit) {
        return nip_digits(b, today);
    }
    let s = text.trim().trim_start_matches('\'');
    if s.is_empty() {
        return Err(Kind::Required);
    }
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if (digits.contains(['E', 'e']) && digits.replace(',', ".").parse::<f64>().is_ok())
        || (digits.len() < 18
            && digits.contains(['.', ','])
            && digits.replace(',', ".").parse::<f64>().is_ok())
    {
        return Err(Kind::NipScientific);
    }
    if digits.len() != 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Kind::NipFormat);
    }
    nip_digits(digits.as_bytes(), today)
}

/// Checks 18 ASCII digits as a NIP.
fn nip_digits(d: &[u8], today: Tanggal) -> Result<Nip, Kind> {
    let n = |a: usize, b: usize| {
        d[a..b]
            .iter()
            .fold(0u32, |acc, x| acc * 10 + (x - b'0') as u32)
    };
    let (by, bm, bd) = (n(0, 4) as i32, n(4, 6), n(6, 8));
    if Tanggal::new(by, bm, bd).is_none() {
        return Err(Kind::NipBirthDate);
    }
    let (ty, tm) = (n(8, 12) as i32, n(12, 14));
    if !(1..=12).contains(&tm) || !(1900..=2200).contains(&ty) {
        return Err(Kind::NipTmt(TmtProblem::Month));
    }
    // Not before the 18th birthday's year − 1.
    if ty < by + 17 {
        return Err(Kind::NipTmt(TmtProblem::TooEarly));
    }
    if (ty, tm) > (today.year(), today.month()) {
        return Err(Kind::NipTmt(TmtProblem::Future));
    }
    if !matches!(n(14, 15), 1 | 2) {
        return Err(Kind::NipGender);
    }
    Ok(Nip(d
        .iter()
        .fold(0u64, |acc, x| acc * 10 + (x - b'0') as u64)))
}

/// The birth date encoded in a (valid) NIP.
pub fn nip_birth_date(nip: Nip) -> Option<Tanggal> {
    let ymd = nip.0 / 10_000_000_000;
    Tanggal::new(
        (ymd / 10_000) as i32,
        (ymd / 100 % 100) as u32,
        (ymd % 100) as u32,
    )
}

/// The sex digit (15th) of a NIP: 1 or 2.
pub fn nip_sex_digit(nip: Nip) -> u8 {
    ((nip.0 / 1000) % 10) as u8
}

/// A date from a cell: a date cell, an Excel serial number, or text as `YYYY-MM-DD`,
/// `DD-MM-YYYY` or `DD/MM/YYYY` (day and month may have one digit; a time after the date is
/// ignored). `Ok(None)` for an empty cell.
pub fn tanggal(v: &Value<'_>, is_1904: bool) -> Result<Option<Tanggal>, Kind> {
    match v {
        Value::Empty => Ok(None),
        Value::Date(Some(d)) => Ok(Some(*d)),
        Value::Date(None) => Err(Kind::Date),
        Value::Number(n) => excel_serial(*n, is_1904).map(Some).ok_or(Kind::Date),
        Value::Bool(_) => Err(Kind::Date),
        Value::Text(s) => {
            if s.len() == 10
                && let Some(d) = parse_date_text(s)
            {
                return Ok(Some(d));
            }
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            let s = s.split(['T', ' ']).next().unwrap_or(s);
            parse_date_text(s).map(Some).ok_or(Kind::Date)
        }
    }
}

fn parse_date_text(s: &str) -> Option<Tanggal> {
    // Fast path: ISO YYYY-MM-DD.
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let n = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |acc, x| {
                x.is_ascii_digit().then(|| acc * 10 + (x - b'0') as u32)
            })
        };
        return Tanggal::new(n(0..4)? as i32, n(5..7)?, n(8..10)?);
    }
    let sep = if s.contains('-') {
        '-'
    } else if s.contains('/') {
        '/'
    } else if s.contains('.') {
        '.'
    } else {
        // A bare number in a CSV: an Excel serial that lost its format.
        return s
            .parse::<f64>()
            .ok()
            .filter(|n| *n > 3000.0)
            .and_then(|n| excel_serial(n, false));
    };
    let mut it = s.split(sep);
    let parts = [it.next()?, it.next()?, it.next()?];
    if it.next().is_some()
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let num = |p: &str| p.parse::<u32>().ok();
    if parts[0].len() == 4 {
        Tanggal::new(num(parts[0])? as i32, num(parts[1])?, num(parts[2])?)
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        Tanggal::new(num(parts[2])? as i32, num(parts[1])?, num(parts[0])?)
    } else {
        None
    }
}

/// A decimal number (`88.5`, `88,5`, or a numeric cell). `Ok(None)` when empty.
pub fn angka(v: &Value<'_>) -> Result<Option<Decimal>, Kind> {
    match v {
        Value::Empty => Ok(None),
        Value::Number(n) => Decimal::from_f64(*n).map(Some).ok_or(Kind::Number),
        Value::Text(s) => match trim(s) {
            "" => Ok(None),
            t => Decimal::parse(t).map(Some).ok_or(Kind::Number),
        },
        _ => Err(Kind::Number),
    }
}

/// A year between 1900 and 2200. `Ok(None)` when empty.
pub fn tahun(v: &Value<'_>) -> Result<Option<i32>, Kind> {
    // Four digits, as nearly every year is written.
    if let Value::Text(s) = v
        && let [a, b, c, d] = s.as_bytes()
        && [a, b, c, d].iter().all(|x| x.is_ascii_digit())
    {
        let y = [a, b, c, d]
            .iter()
            .fold(0, |y, x| y * 10 + (**x - b'0') as i32);
        if (1900..=2200).contains(&y) {
            return Ok(Some(y));
        }
    }
    let Some(d) = angka(v)? else { return Ok(None) };
    if !d.is_integer() {
        return Err(Kind::Number);
    }
    let y = d.0 / Decimal::SCALE;
    if !(1900..=2200).contains(&y) {
        return Err(Kind::Range {
            min: "1900".into(),
            max: "2200".into(),
        });
    }
    Ok(Some(y as i32))
}

/// Yes/no: `ya/tidak`, `y/t`, `yes/no`, `true/false`, `1/0`, or a boolean cell. `Ok(None)` when empty.
pub fn ya_tidak(v: &Value<'_>) -> Result<Option<bool>, Kind> {
    const CHOICES: &[&str] = &["ya", "tidak"];
    match v {
        Value::Empty => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        Value::Number(n) if *n == 1.0 => Ok(Some(true)),
        Value::Number(n) if *n == 0.0 => Ok(Some(false)),
        Value::Text(s) => match s.trim().to_ascii_lowercase().as_str() {
            "" => Ok(None),
            "ya" | "y" | "yes" | "true" | "1" | "benar" => Ok(Some(true)),
            "tidak" | "t" | "no" | "n" | "false" | "0" | "salah" | "bukan" => Ok(Some(false)),
            _ => Err(Kind::Choice(CHOICES)),
        },
        _ => Err(Kind::Choice(CHOICES)),
    }
}

/// The first control character of a text (Unicode category Cc: C0 including CR, LF and TAB,
/// DEL, and C1), if any. Cheap on the usual cell: eight bytes at a time in a word, looking for
/// a byte below 0x20, DEL, or 0xC2 (the first byte of U+0080–U+00BF, where C1 lies); only a
/// text with such a byte is looked at character by character.
#[inline]
pub fn control_char(s: &str) -> Option<char> {
    if !may_hold_control(s.as_bytes()) {
        return None;
    }
    first_control(s)
}

#[cold]
#[inline(never)]
fn first_control(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_control())
}

/// Whether any byte is below 0x20, DEL or 0xC2 (word-wise, without a branch per byte).
#[inline]
fn may_hold_control(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of a byte is set where that byte of `x` is zero (exact as a whole: some
    // byte is zero if and only if the result is not zero).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    // … where a byte of `x` is below 0x20 (same exactness).
    let below_space = |x: u64| x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    let word = |x: u64| below_space(x) | zero(x ^ (ONES * 0x7F)) | zero(x ^ (ONES * 0xC2));
    let load = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"));
    if b.len() < 8 {
        return b.iter().any(|&x| x < 0x20 || x == 0x7F || x == 0xC2);
    }
    let mut hits = 0;
    let mut at = 0;
    while at + 8 < b.len() {
        hits |= word(load(at));
        at += 8;
    }
    // The last eight bytes (overlapping the previous word when the length is not a multiple).
    hits |= word(load(b.len() - 8));
    hits != 0
}

/// The text with each run of control characters replaced by one space and the ends trimmed
/// (`"Budi\r\nSantoso"` → `"Budi Santoso"`).
pub fn without_control(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_run = false;
    for c in s.chars() {
        if c.is_control() {
            if !in_run {
                out.push(' ');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// The word-wise test agrees with a byte at a time.
        #[test]
        fn word_wise_control_check_is_exact(b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40)) {
            let want = b.iter().any(|&x| x < 0x20 || x == 0x7F || x == 0xC2);
            proptest::prop_assert_eq!(super::may_hold_control(&b), want);
        }
    }

    #[test]
    fn control_characters_are_found_and_replaced() {
        use super::{control_char, without_control};
        assert_eq!(control_char("Budi Santoso, S.Kom."), None);
        assert_eq!(
            control_char("Zoë © 2024\u{a0}x"),
            None,
            "Latin-1 letters and NBSP are text"
        );
        assert_eq!(control_char("U\n1"), Some('\n'));
        assert_eq!(control_char("a\tb"), Some('\t'));
        assert_eq!(control_char("a\u{7f}"), Some('\u{7f}'));
        assert_eq!(control_char("a\u{85}b"), Some('\u{85}'), "C1 next line");
        assert_eq!(control_char("\u{9f}"), Some('\u{9f}'));
        assert_eq!(control_char("\0"), Some('\0'));
        assert_eq!(
            control_char("abcdefgh\u{1f}"),
            Some('\u{1f}'),
            "in the tail"
        );
        assert_eq!(
            control_char("abcdefg\u{1f}"),
            Some('\u{1f}'),
            "in a whole word"
        );
        assert_eq!(
            control_char("~!\u{7e} \u{ff}\u{100}"),
            None,
            "neighbours of DEL and 0xC2"
        );
        assert_eq!(control_char(""), None);
        assert_eq!(without_control("Budi\r\nSantoso"), "Budi Santoso");
        assert_eq!(without_control("\tKepala\u{85}Bidang\n"), "Kepala Bidang");
    }

    use super::*;

    fn today() -> Tanggal {
        Tanggal::new(2026, 11, 29).unwrap()
    }

    fn nip_of(s: &str) -> Result<Nip, Kind> {
        nip(&Value::Text(s), today())
    }

    #[test]
    fn nip_rules() {
        assert_eq!(nip_of("198501012010011001"), Ok(Nip(198501012010011001)));
        assert_eq!(nip_of("19850101 201001 1 001"), Ok(Nip(198501012010011001)));
        assert_eq!(nip_of("'198501012010011001"), Ok(Nip(198501012010011001)));
        assert_eq!(nip_of("1.98501E+17"), Err(Kind::NipScientific));
        assert_eq!(
            nip(&Value::Number(1.98501012010011e17), today()),
            Err(Kind::NipScientific)
        );
        assert_eq!(nip_of("19850101201001100"), Err(Kind::NipFormat));
        assert_eq!(nip_of("19850101201001100A"), Err(Kind::NipFormat));
        assert_eq!(nip_of("198502302010011001"), Err(Kind::NipBirthDate));
        assert_eq!(
            nip_of("198501012010131001"),
            Err(Kind::NipTmt(TmtProblem::Month))
        );
        assert_eq!(
            nip_of("198501012001011001"),
            Err(Kind::NipTmt(TmtProblem::TooEarly))
        );
        assert_eq!(
            nip_of("198501012002011001"),
            Ok(Nip(198501012002011001)),
            "TMT in the 18th birthday's year − 1"
        );
        assert_eq!(
            nip_of("198501012027011001"),
            Err(Kind::NipTmt(TmtProblem::Future))
        );
        assert_eq!(nip_of("198501012010013001"), Err(Kind::NipGender));
        assert_eq!(nip_of(""), Err(Kind::Required));
    }

    #[test]
    fn nip_parts() {
        let n = Nip(198501012010012001);
        assert_eq!(nip_birth_date(n).unwrap().to_string(), "1985-01-01");
        assert_eq!(nip_sex_digit(n), 2);
    }

    #[test]
    fn dates_in_every_listed_form() {
        let t = |s: &str| tanggal(&Value::Text(s), false).map(|d| d.map(|d| d.to_string()));
        assert_eq!(t("2024-03-05"), Ok(Some("2024-03-05".into())));
        assert_eq!(t("05-03-2024"), Ok(Some("2024-03-05".into())));
        assert_eq!(t("05/03/2024"), Ok(Some("2024-03-05".into())));
        assert_eq!(t("5/3/2024"), Ok(Some("2024-03-05".into())));
        assert_eq!(t("2024-03-05 00:00:00"), Ok(Some("2024-03-05".into())));
        assert_eq!(t("45356"), Ok(Some("2024-03-05".into())));
        assert_eq!(t(""), Ok(None));
        assert_eq!(t("31-02-2024"), Err(Kind::Date));
        assert_eq!(t("03/25/2024"), Err(Kind::Date));
        assert_eq!(t("kemarin"), Err(Kind::Date));
        assert_eq!(
            tanggal(&Value::Number(45_356.0), false),
            Ok(Tanggal::new(2024, 3, 5))
        );
        assert_eq!(
            tanggal(&Value::Number(43_894.0), true),
            Ok(Tanggal::new(2024, 3, 5))
        );
    }

    #[test]
    fn numbers_years_flags() {
        assert_eq!(
            angka(&Value::Text("88,5")).unwrap().unwrap().to_string(),
            "88.5"
        );
        assert_eq!(
            angka(&Value::Number(88.5)).unwrap().unwrap().to_string(),
            "88.5"
        );
        assert_eq!(angka(&Value::Text("delapan")), Err(Kind::Number));
        assert_eq!(tahun(&Value::Text("2015")), Ok(Some(2015)));
        assert!(matches!(
            tahun(&Value::Text("215")),
            Err(Kind::Range { .. })
        ));
        assert_eq!(tahun(&Value::Text("2015.5")), Err(Kind::Number));
        // Four digits as text read as the number would, in range or not.
        for y in 0..10_000 {
            let text = format!("{y:04}");
            assert_eq!(
                tahun(&Value::Text(&text)),
                tahun(&Value::Number(y as f64)),
                "{text}"
            );
        }
        assert_eq!(tahun(&Value::Text(" 2015 ")), Ok(Some(2015)));
        assert_eq!(angka(&Value::Text("  ")), Ok(None));
        assert_eq!(
            angka(&Value::Text(" 7,5 ")).unwrap().unwrap().to_string(),
            "7.5"
        );
        assert_eq!(ya_tidak(&Value::Text("Ya")), Ok(Some(true)));
        assert_eq!(ya_tidak(&Value::Text("tidak")), Ok(Some(false)));
        assert_eq!(ya_tidak(&Value::Text("")), Ok(None));
        assert!(ya_tidak(&Value::Text("mungkin")).is_err());
    }
}
