//! Norm groups: a person is placed against the narrowest group that has enough people — their
//! jenjang jabatan, else their jenis jabatan, else the whole instansi (`norma_minimum` people,
//! default 100) — and the profile says which group, and why a narrower one was passed over.
//! A norm build makes one version per group present in the stored results.

use crate::teks::T;
use ipasn_instrumen::norma::{self, Norma};
use ipasn_instrumen::skor::Hasil;
use ipasn_store::instrumen as simpan;
use std::collections::BTreeMap;

/// The whole instansi's group key.
pub const INSTANSI: &str = "instansi";

/// A person's group keys, narrowest first.
pub fn kelompok(jenjang: &str, jenis: &str) -> Vec<String> {
    let mut k = vec![];
    if !jenjang.is_empty() {
        k.push(format!("jenjang:{jenjang}"));
    }
    if !jenis.is_empty() {
        k.push(format!("jenis:{jenis}"));
    }
    k.push(INSTANSI.to_string());
    k
}

/// The newest stored norm of each of the person's groups, narrowest first, and the one to use:
/// the first that rests on at least `minimum` people.
pub fn pilih<'a>(
    stored: &'a [simpan::Norma],
    jenjang: &str,
    jenis: &str,
    minimum: i64,
) -> (Vec<&'a simpan::Norma>, Option<&'a simpan::Norma>) {
    let calon: Vec<&simpan::Norma> = kelompok(jenjang, jenis)
        .iter()
        .filter_map(|k| {
            stored
                .iter()
                .filter(|n| &n.kelompok == k)
                .max_by_key(|n| n.id)
        })
        .collect();
    let sizes: Vec<(String, usize)> = calon
        .iter()
        .map(|n| (n.kelompok.clone(), n.n.max(0) as usize))
        .collect();
    let pakai = norma::pilih_kelompok(&sizes, minimum.max(0) as usize).map(|i| calon[i]);
    (calon, pakai)
}

/// A group key in words.
pub fn nama(key: &str, t: T) -> String {
    match key.split_once(':') {
        Some(("jenjang", v)) => t.f1("ins_kelompok_jenjang", v),
        Some(("jenis", v)) => t.f1("ins_kelompok_jenis", v),
        _ => t.s("ins_kelompok_instansi").to_string(),
    }
}

/// Linear norms of every group present: (group key, norm), from each result's scores and the
/// person's jenjang and jenis.
pub fn bangun(rows: &[(String, String, Hasil)]) -> Vec<(String, Norma)> {
    let mut groups: BTreeMap<String, Vec<&Hasil>> = BTreeMap::new();
    for (jenjang, jenis, h) in rows {
        for k in kelompok(jenjang, jenis) {
            groups.entry(k).or_default().push(h);
        }
    }
    groups
        .into_iter()
        .map(|(k, hs)| {
            let n = norma::bangun(&k, &hs);
            (k, n)
        })
        .collect()
}
