//! What an import stores, computed from a package: a **snapshot** of the instansi — its units
//! with their places in the tree, its persons, and for each appraisal year every measured
//! person's score with its explanation and every unit's sums — and **what it changes** against
//! the data in force. Pure: the store writes a snapshot in one transaction; nothing here knows
//! files, SQL or the clock (today is a parameter).

use crate::agregat::{self, Agregat};
use crate::hasil::{self, Dimensi, HasilDimensi, Rekaman};
use crate::model::Dataset;
use crate::rules::RuleSet;
use crate::skor::Penilai;
use crate::tanggal::Tanggal;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// How many of the most recent appraisal years of a package are computed.
pub const TAHUN_MAKS: usize = 5;

/// A unit as stored: its id, name, parent, materialised path and depth, instansi and region.
#[derive(Clone, Debug, PartialEq)]
pub struct UnorBaris {
    /// Unit id.
    pub id: String,
    /// Name.
    pub nama: String,
    /// The parent's id.
    pub induk: Option<String>,
    /// Materialised path (`00001.00003.`): each unit's ordinal among its siblings, in package
    /// order, five digits per level; a subtree is a range of paths.
    pub path: String,
    /// Depth (a root is 0).
    pub kedalaman: i64,
    /// Instansi id.
    pub instansi_id: String,
    /// Instansi name.
    pub nama_instansi: String,
    /// Region code (`32.75.01`).
    pub kode_wilayah: String,
}

/// A person as stored: `nip, nama, unor_id, status, jenis_jabatan, jenjang_jabatan,
/// nama_jabatan, golongan` — the fields whose change an import reports.
pub type PegawaiBaris = [String; 8];

/// One measured person in one year.
#[derive(Clone, Debug)]
pub struct HasilBaris {
    /// Appraisal year.
    pub tahun: i64,
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
    /// Unit id.
    pub unor_id: String,
    /// The unit's path.
    pub path: String,
    /// Jenis jabatan.
    pub jenis: &'static str,
    /// Jenjang jabatan.
    pub jenjang: &'static str,
    /// Points per dimension (kualifikasi, kompetensi, kinerja, disiplin) in half-points.
    pub poin: [i64; 4],
    /// IP in half-points.
    pub ip: i64,
    /// Category (index into the rule set's bands).
    pub kategori: i64,
    /// Flags, `;`-separated.
    pub flags: String,
    /// The year's SKP predikat, if any.
    pub predikat: Option<&'static str>,
    /// The explanation of every dimension.
    pub penjelasan: [HasilDimensi; 4],
    /// The records the explanation refers to, described (`hasil::rekaman`).
    pub rekaman: Vec<Rekaman>,
}

/// One unit in one year: the sums of its subtree and of its own persons.
#[derive(Clone, Debug)]
pub struct RingkasanBaris {
    /// Appraisal year.
    pub tahun: i64,
    /// Unit id.
    pub unor_id: String,
    /// The unit's path.
    pub path: String,
    /// Depth.
    pub kedalaman: i64,
    /// The whole subtree.
    pub total: Agregat,
    /// The unit's own persons.
    pub sendiri: Agregat,
    /// The subtree's category.
    pub kategori: Option<i64>,
}

/// Everything an import stores.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// Units, in package order.
    pub unor: Vec<UnorBaris>,
    /// Persons, in package order.
    pub pegawai: Vec<PegawaiBaris>,
    /// Measured persons per year.
    pub hasil: Vec<HasilBaris>,
    /// Unit sums per year.
    pub ringkasan: Vec<RingkasanBaris>,
    /// The years computed with their cut-off dates (`YYYY-MM-DD`).
    pub tahun: Vec<(i64, String)>,
}

/// Materialised paths and depths of the units (see [`UnorBaris::path`]).
pub fn paths(ds: &Dataset) -> (Vec<String>, Vec<u32>) {
    let depth = agregat::depths(&ds.unor);
    let mut order: Vec<usize> = (0..ds.unor.len()).collect();
    order.sort_by_key(|&i| depth[i]);
    let mut path = vec![String::new(); ds.unor.len()];
    let mut children: HashMap<Option<u32>, u32> = HashMap::new();
    for i in order {
        let parent = ds.unor[i].induk;
        let n = children.entry(parent).or_default();
        *n += 1;
        let base = parent.map(|p| path[p as usize].clone()).unwrap_or_default();
        path[i] = format!("{base}{:05}.", *n);
    }
    (path, depth)
}

/// The years an import computes: the most recent appraisal years of the package (years with
/// an SKP), up to `today`'s year, at most [`TAHUN_MAKS`]; last year when there is none.
pub fn years(ds: &Dataset, today: Tanggal) -> Vec<i32> {
    let mut years: Vec<i32> = (0..ds.pegawai.len())
        .flat_map(|i| ds.riwayat(i).skp.iter().map(|s| s.tahun))
        .filter(|&y| y <= today.year())
        .collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        years.push(today.year() - 1);
    }
    years.iter().rev().take(TAHUN_MAKS).rev().copied().collect()
}

/// The snapshot of a package under a rule set. `progress(done, total)` is called after each
/// year.
pub fn build(
    ds: &Dataset,
    rules: &RuleSet,
    today: Tanggal,
    progress: &mut dyn FnMut(usize, usize),
) -> Snapshot {
    let (path, depth) = paths(ds);
    let unor = ds
        .unor
        .iter()
        .enumerate()
        .map(|(i, u)| UnorBaris {
            id: u.id.clone(),
            nama: u.nama.clone(),
            induk: u.induk.map(|p| ds.unor[p as usize].id.clone()),
            path: path[i].clone(),
            kedalaman: depth[i] as i64,
            instansi_id: u.instansi_id.clone(),
            nama_instansi: u.nama_instansi.clone(),
            kode_wilayah: u.kode_wilayah.clone(),
        })
        .collect();
    let pegawai = ds
        .pegawai
        .iter()
        .map(|p| {
            [
                p.nip.to_string(),
                p.nama.to_string(),
                ds.unor[p.unor as usize].id.clone(),
                p.status.name().to_string(),
                p.jenis_jabatan.name().to_string(),
                p.jenjang.name().to_string(),
                p.nama_jabatan.to_string(),
                p.golongan.to_string(),
            ]
        })
        .collect();
    let years = years(ds, today);
    let unor_of: Vec<u32> = ds.pegawai.iter().map(|p| p.unor).collect();
    let mut hasil = vec![];
    let mut ringkasan = vec![];
    let mut tahun = vec![];
    for (k, &y) in years.iter().enumerate() {
        let penilai = Penilai::new(rules, y);
        let mut skor = Vec::with_capacity(ds.pegawai.len());
        for (i, p) in ds.pegawai.iter().enumerate() {
            if !rules.pengukuran.status_diukur.contains(&p.status) {
                skor.push(None);
                continue;
            }
            let r = ds.riwayat(i);
            let h = penilai.nilai(p, r);
            let s = h.skor();
            let names = [
                ds.pendidikan.names_of(i),
                ds.diklat.names_of(i),
                ds.skp.names_of(i),
                ds.hukdis.names_of(i),
            ];
            let rekaman = hasil::rekaman(r, names, hasil::rujukan(&h.dimensi));
            hasil.push(HasilBaris {
                tahun: y as i64,
                nip: p.nip.to_string(),
                nama: p.nama.to_string(),
                unor_id: ds.unor[p.unor as usize].id.clone(),
                path: path[p.unor as usize].clone(),
                jenis: p.jenis_jabatan.name(),
                jenjang: p.jenjang.name(),
                poin: Dimensi::ALL.map(|d| s.poin(d).halves() as i64),
                ip: s.ip.halves() as i64,
                kategori: s.kategori as i64,
                flags: s.flags.to_string(),
                predikat: ds
                    .riwayat(i)
                    .skp
                    .iter()
                    .find(|k| k.tahun == y)
                    .and_then(|k| k.predikat)
                    .map(|p| p.name()),
                penjelasan: h.dimensi,
                rekaman,
            });
            skor.push(Some(s));
        }
        let total = agregat::per_unor(&ds.unor, &unor_of, &skor, rules);
        let mut own = vec![Agregat::default(); ds.unor.len()];
        for (u, s) in unor_of.iter().zip(&skor) {
            own[*u as usize].add(s.as_ref(), rules);
        }
        for (i, (t, o)) in total.into_iter().zip(own).enumerate() {
            ringkasan.push(RingkasanBaris {
                tahun: y as i64,
                unor_id: ds.unor[i].id.clone(),
                path: path[i].clone(),
                kedalaman: depth[i] as i64,
                kategori: t.kategori(rules).map(|c| c as i64),
                total: t,
                sendiri: o,
            });
        }
        tahun.push((y as i64, rules.cutoff(y).to_string()));
        progress(k + 1, years.len());
    }
    Snapshot {
        unor,
        pegawai,
        hasil,
        ringkasan,
        tahun,
    }
}

/// How many persons and units a preview names (the counts are always whole).
pub const CONTOH_KELUAR: usize = 20;

/// A person named in a preview.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Orang {
    /// NIP.
    pub nip: String,
    /// Name.
    pub nama: String,
}

/// A unit named in a preview.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unit {
    /// Unit id.
    pub unor_id: String,
    /// Name.
    pub nama: String,
}

/// What a snapshot changes in the persons.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PerubahanPegawai {
    /// Persons in the package.
    pub jumlah: usize,
    /// Not stored before.
    pub baru: usize,
    /// Stored with other values (name, unit, status, position, golongan).
    pub berubah: usize,
    /// Stored but not in the package: removed.
    pub keluar: usize,
    /// Persons stored before.
    pub sebelumnya: usize,
    /// The first [`CONTOH_KELUAR`] of those removed.
    pub keluar_contoh: Vec<Orang>,
}

/// What a snapshot changes in the units.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PerubahanUnor {
    /// Units in the package.
    pub jumlah: usize,
    /// Units stored before.
    pub sebelumnya: usize,
    /// Not stored before.
    pub tambah: usize,
    /// Stored but not in the package: removed.
    pub hapus: usize,
    /// The first [`CONTOH_KELUAR`] of those removed.
    pub hapus_contoh: Vec<Unit>,
}

/// What a snapshot changes against the data in force.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Perubahan {
    /// Persons.
    pub pegawai: PerubahanPegawai,
    /// Units.
    pub unor: PerubahanUnor,
    /// The years computed.
    pub tahun: Vec<i64>,
    /// Results (person × year) computed.
    pub diukur: usize,
}

impl Perubahan {
    /// Whether persons or units would be removed (a preview must be confirmed).
    pub fn ada_yang_keluar(&self) -> bool {
        self.pegawai.keluar > 0 || self.unor.hapus > 0
    }
}

/// What `s` changes against the stored persons (`old_pegawai`, in the order of
/// [`PegawaiBaris`]) and units (`(unor_id, nama)`).
pub fn perubahan(
    s: &Snapshot,
    old_pegawai: &[PegawaiBaris],
    old_unor: &[(String, String)],
) -> Perubahan {
    let old: HashMap<&str, &PegawaiBaris> =
        old_pegawai.iter().map(|r| (r[0].as_str(), r)).collect();
    let (mut baru, mut berubah) = (0, 0);
    let mut ada = HashSet::with_capacity(s.pegawai.len());
    for p in &s.pegawai {
        ada.insert(p[0].as_str());
        match old.get(p[0].as_str()) {
            None => baru += 1,
            Some(o) if o[1..] != p[1..] => berubah += 1,
            Some(_) => {}
        }
    }
    let keluar: Vec<&PegawaiBaris> = old_pegawai
        .iter()
        .filter(|r| !ada.contains(r[0].as_str()))
        .collect();
    let unor_baru: HashSet<&str> = s.unor.iter().map(|u| u.id.as_str()).collect();
    let unor_lama: HashSet<&str> = old_unor.iter().map(|u| u.0.as_str()).collect();
    let hapus: Vec<&(String, String)> = old_unor
        .iter()
        .filter(|u| !unor_baru.contains(u.0.as_str()))
        .collect();
    Perubahan {
        pegawai: PerubahanPegawai {
            jumlah: s.pegawai.len(),
            baru,
            berubah,
            keluar: keluar.len(),
            sebelumnya: old_pegawai.len(),
            keluar_contoh: keluar
                .iter()
                .take(CONTOH_KELUAR)
                .map(|r| Orang {
                    nip: r[0].clone(),
                    nama: r[1].clone(),
                })
                .collect(),
        },
        unor: PerubahanUnor {
            jumlah: s.unor.len(),
            sebelumnya: old_unor.len(),
            tambah: s
                .unor
                .iter()
                .filter(|u| !unor_lama.contains(u.id.as_str()))
                .count(),
            hapus: hapus.len(),
            hapus_contoh: hapus
                .iter()
                .take(CONTOH_KELUAR)
                .map(|u| Unit {
                    unor_id: u.0.clone(),
                    nama: u.1.clone(),
                })
                .collect(),
        },
        tahun: s.tahun.iter().map(|t| t.0).collect(),
        diukur: s.hasil.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot_of(pegawai: &[(&str, &str)], unor: &[(&str, &str)]) -> Snapshot {
        Snapshot {
            unor: unor
                .iter()
                .map(|(id, nama)| UnorBaris {
                    id: id.to_string(),
                    nama: nama.to_string(),
                    induk: None,
                    path: String::new(),
                    kedalaman: 0,
                    instansi_id: String::new(),
                    nama_instansi: String::new(),
                    kode_wilayah: String::new(),
                })
                .collect(),
            pegawai: pegawai.iter().map(|(n, u)| row(n, u)).collect(),
            hasil: vec![],
            ringkasan: vec![],
            tahun: vec![(2024, "2024-12-31".into())],
        }
    }

    fn row(nip: &str, unor: &str) -> PegawaiBaris {
        [
            nip.into(),
            format!("Nama {nip}"),
            unor.into(),
            "PNS".into(),
            "Pelaksana".into(),
            "Pelaksana".into(),
            "Staf".into(),
            "II/c".into(),
        ]
    }

    #[test]
    fn changes_are_counted_against_what_is_stored() {
        let s = snapshot_of(
            &[("1", "A"), ("2", "B"), ("4", "A")],
            &[("A", "a"), ("B", "b")],
        );
        let mut moved = row("2", "A");
        moved[1] = "Nama 2".into();
        let old = vec![row("1", "A"), moved, row("3", "C")];
        let old_unor = vec![("A".to_string(), "a".to_string()), ("C".into(), "c".into())];
        let p = perubahan(&s, &old, &old_unor);
        assert_eq!(
            (p.pegawai.baru, p.pegawai.berubah, p.pegawai.keluar),
            (1, 1, 1)
        );
        assert_eq!(
            p.pegawai.keluar_contoh,
            vec![Orang {
                nip: "3".into(),
                nama: "Nama 3".into()
            }]
        );
        assert_eq!((p.unor.tambah, p.unor.hapus), (1, 1));
        assert_eq!(p.unor.hapus_contoh[0].unor_id, "C");
        assert!(p.ada_yang_keluar());
        // The same data again changes nothing and removes no one.
        let same = perubahan(
            &s,
            &s.pegawai,
            &[("A".into(), "a".into()), ("B".into(), "b".into())],
        );
        assert_eq!((same.pegawai.baru, same.pegawai.berubah), (0, 0));
        assert!(!same.ada_yang_keluar());
    }

    #[test]
    fn a_preview_names_at_most_twenty() {
        let s = snapshot_of(&[], &[]);
        let old: Vec<PegawaiBaris> = (0..50).map(|i| row(&i.to_string(), "A")).collect();
        let p = perubahan(&s, &old, &[]);
        assert_eq!(p.pegawai.keluar, 50);
        assert_eq!(p.pegawai.keluar_contoh.len(), CONTOH_KELUAR);
    }
}
