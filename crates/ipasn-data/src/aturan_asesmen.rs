//! The assessment rules (`asesmen.toml`) edited value by value, as a form does: each change
//! names a value by its dotted path (`asesmen.berlaku_tahun`, `standar.JPT Utama`,
//! `jpm.pita.pemetaan.0.min`), and the file is rewritten with only those values changed — its
//! comments, order and layout kept, so the file downloaded afterwards still reads as the
//! shipped one. The result is checked as an uploaded file is ([`Aturan::from_toml`]).

use ipasn_asesmen::Aturan;
use toml_edit::{DocumentMut, Item, Value};

/// What went wrong with a change: the path and why (`None` path: the rules as a whole).
#[derive(Clone, Debug, PartialEq)]
pub struct GalatUbah {
    /// The value's path, as given.
    pub path: Option<String>,
    /// Why, in English (the web words its own message around it).
    pub alasan: String,
}

/// A form's text as a TOML value: a whole number, a decimal (comma or point), or text.
fn nilai(teks: &str) -> Option<Value> {
    let t = teks.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(i) = t.parse::<i64>() {
        return Some(Value::from(i));
    }
    if let Ok(x) = t.replace(',', ".").parse::<f64>() {
        if x.is_finite() {
            return Some(if x.fract() == 0.0 && x.abs() < 1e15 {
                Value::from(x as i64)
            } else {
                Value::from(x)
            });
        }
        return None;
    }
    Some(Value::from(t))
}

/// The item at a dotted path (tables, inline tables and arrays of tables; numeric segments
/// index arrays); `None` if the file has no such value.
fn cari<'a>(doc: &'a mut DocumentMut, path: &str) -> Option<&'a mut Value> {
    let parts: Vec<&str> = path.split('.').collect();
    let mut item: &mut Item = doc.as_item_mut();
    let mut i = 0;
    while i < parts.len() {
        let p = parts[i];
        item = match item {
            Item::Table(t) => t.get_mut(p)?,
            Item::ArrayOfTables(a) => {
                let n: usize = p.parse().ok()?;
                let t = a.get_mut(n)?;
                i += 1;
                t.get_mut(parts.get(i)?)?
            }
            Item::Value(Value::InlineTable(t)) => {
                let rest = &parts[i..];
                let mut v = t.get_mut(rest[0])?;
                for q in &rest[1..] {
                    v = v.as_inline_table_mut()?.get_mut(q)?;
                }
                return Some(v);
            }
            _ => return None,
        };
        i += 1;
    }
    item.as_value_mut()
}

/// `text` with each `(path, value)` changed, and the rules it now says; the value's comment
/// stays beside it. Every path must name a value the file has; the result must be valid rules.
pub fn ubah(text: &str, ubah: &[(String, String)]) -> Result<(String, Aturan), GalatUbah> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| GalatUbah {
        path: None,
        alasan: e.to_string(),
    })?;
    for (path, teks) in ubah {
        let bad = |alasan: &str| GalatUbah {
            path: Some(path.clone()),
            alasan: alasan.to_string(),
        };
        let Some(baru) = nilai(teks) else {
            return Err(bad("no value"));
        };
        let Some(v) = cari(&mut doc, path) else {
            return Err(bad("no such value in the rules"));
        };
        if v.is_str() != baru.is_str() {
            return Err(bad("a number is needed"));
        }
        let decor = v.decor().clone();
        *v = baru;
        *v.decor_mut() = decor;
    }
    let out = doc.to_string();
    let aturan = Aturan::from_toml(&out).map_err(|alasan| GalatUbah { path: None, alasan })?;
    Ok((out, aturan))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn values_change_and_comments_stay() {
        let text = Aturan::teks_bawaan();
        let (out, a) = ubah(
            text,
            &ch(&[
                ("asesmen.berlaku_tahun", "4"),
                ("asesmen.selisih_konsensus", "0,5"),
                ("standar.JPT Pratama", "5"),
                ("jpm.varian", "batas_per_kompetensi"),
                ("jpm.bobot.teknis", "50"),
                ("jpm.pita.pemetaan.0.min", "92"),
                ("potensi.bobot.jpm", "0.7"),
            ]),
        )
        .unwrap();
        assert_eq!(a.asesmen.berlaku_tahun, 4);
        assert_eq!(a.asesmen.selisih_konsensus, 0.5);
        assert_eq!(a.standar["JPT Pratama"], 5.0);
        assert_eq!(a.jpm.varian, ipasn_asesmen::jpm::Varian::BatasPerKompetensi);
        assert_eq!(a.jpm.bobot["teknis"], 50.0);
        assert_eq!(a.jpm.pita["pemetaan"][0].min, 92.0);
        assert_eq!(a.potensi.bobot.jpm, 0.7);
        assert!(
            out.contains("berlaku_tahun = 4          # results stay valid this many years"),
            "{out}"
        );
        assert!(out.contains("# Required competency level per jenjang jabatan"));
        assert_eq!(out.lines().count(), text.lines().count());
    }

    #[test]
    fn a_bad_change_names_its_path() {
        let text = Aturan::teks_bawaan();
        let e = ubah(text, &ch(&[("asesmen.tidak_ada", "1")])).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("asesmen.tidak_ada"));
        let e = ubah(text, &ch(&[("asesmen.berlaku_tahun", "tiga")])).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("asesmen.berlaku_tahun"));
        // Valid TOML, invalid rules: the bands must go down.
        let e = ubah(text, &ch(&[("jpm.pita.pemetaan.1.min", "95")])).unwrap_err();
        assert_eq!(e.path, None);
        assert!(ubah(text, &ch(&[("asesmen.berlaku_tahun", "")])).is_err());
    }
}
