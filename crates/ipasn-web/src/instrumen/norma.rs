//! Norm groups: a person is placed against the narrowest group that has enough people — their
//! jenjang jabatan, else their jenis jabatan, else their unit's region (kode wilayah), else the
//! whole instansi (`norma_minimum` people, default 100) — and the profile says which group, and
//! why a narrower one was passed over.
//! A norm build makes one version per group present in the stored results.

use crate::teks::T;
use ipasn_instrumen::norma::{self, Norma};
use ipasn_instrumen::skor::Hasil;
use ipasn_store::instrumen as simpan;
use std::collections::BTreeMap;

/// The whole instansi's group key.
pub const INSTANSI: &str = "instansi";

/// A person's norm groups: jenjang jabatan, jenis jabatan, region code (empty: unknown).
#[derive(Clone, Debug, Default)]
pub struct Posisi {
    /// Jenjang jabatan.
    pub jenjang: String,
    /// Jenis jabatan.
    pub jenis: String,
    /// The unit's kode wilayah.
    pub wilayah: String,
}

/// A person's group keys, narrowest first.
pub fn kelompok(p: &Posisi) -> Vec<String> {
    let mut k = vec![];
    if !p.jenjang.is_empty() {
        k.push(format!("jenjang:{}", p.jenjang));
    }
    if !p.jenis.is_empty() {
        k.push(format!("jenis:{}", p.jenis));
    }
    if !p.wilayah.is_empty() {
        k.push(format!("wilayah:{}", p.wilayah));
    }
    k.push(INSTANSI.to_string());
    k
}

/// The newest stored norm of each of the person's groups, narrowest first, and the one to use:
/// the first that rests on at least `minimum` people.
pub fn pilih<'a>(
    stored: &'a [simpan::Norma],
    posisi: &Posisi,
    minimum: i64,
) -> (Vec<&'a simpan::Norma>, Option<&'a simpan::Norma>) {
    let calon: Vec<&simpan::Norma> = kelompok(posisi)
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
        Some(("wilayah", v)) => t.f1("ins_kelompok_wilayah", v),
        _ => t.s("ins_kelompok_instansi").to_string(),
    }
}

/// Linear norms of every group present: (group key, norm), from each result's scores and the
/// person's groups.
pub fn bangun(rows: &[(Posisi, Hasil)]) -> Vec<(String, Norma)> {
    let mut groups: BTreeMap<String, Vec<&Hasil>> = BTreeMap::new();
    for (posisi, h) in rows {
        for k in kelompok(posisi) {
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
