//! The organisation sheets: `unor` (the unit tree, with loop detection) and `pegawai`.

use super::ImportOptions;
use super::cache::*;
use super::kolom::*;
use super::sheet::*;
use crate::lembar::{Source, Value};
use crate::masalah::{Kind, Level, Problem};
use crate::nilai;
use ipasn_core::model::*;
use std::sync::atomic::{AtomicU32, Ordering};

/// NIPs of the `pegawai` sheet: the persons kept, and the NIPs whose row was refused for another
/// reason (their riwayat rows are skipped without a second, misleading "unknown NIP" error).
#[derive(Default)]
pub(super) struct Nips {
    /// The NIP of each kept person, in person order.
    order: Vec<u64>,
    /// Whether `order` is ascending (exports sorted by NIP): then a NIP is found by searching
    /// `order` itself, and no map is built.
    sorted: bool,
    /// NIP → person for an unsorted sheet, built once lookups near the hint keep missing.
    kept: std::sync::OnceLock<NipMap>,
    /// Misses answered by reading all of `order` so far.
    scans: AtomicU32,
    /// NIPs whose only rows were refused, with the first such row.
    pub(super) refused: NipMap,
}

impl Nips {
    /// The NIPs of the persons kept, in person order, and those refused.
    pub(super) fn new(order: Vec<u64>, refused: NipMap) -> Nips {
        Nips {
            sorted: order.is_sorted(),
            order,
            kept: Default::default(),
            scans: AtomicU32::new(0),
            refused,
        }
    }

    /// The person with this NIP. `hint` is a likely person (the one after the last found):
    /// riwayat sheets usually list persons in the `pegawai` sheet's order, and checking the
    /// hint, or the persons just after it (those without rows in this sheet), is a sequential
    /// read where a map lookup is a cache miss. Failing that, a sorted `order` is searched; an
    /// unsorted one is read through (a few times: each later part of a sheet starts without a
    /// hint), and after that looked up in a map built then.
    pub(super) fn person(&self, nip: u64, hint: usize) -> Option<u32> {
        /// How far past the hint to look.
        const AHEAD: usize = 512;
        /// How many misses are answered by reading all of `order` (a new part of a sheet
        /// starts without a hint) before a map is built.
        const SCANS: u32 = 16;
        if self.order.get(hint) == Some(&nip) {
            return Some(hint as u32);
        }
        if self.kept.get().is_none() {
            if let Some(after) = self.order.get(hint + 1..)
                && let Some(k) = after[..after.len().min(AHEAD)]
                    .iter()
                    .position(|n| *n == nip)
            {
                return Some((hint + 1 + k) as u32);
            }
            if !self.sorted && self.scans.fetch_add(1, Ordering::Relaxed) < SCANS {
                return self.order.iter().position(|n| *n == nip).map(|k| k as u32);
            }
        }
        if self.sorted {
            return self.order.binary_search(&nip).ok().map(|k| k as u32);
        }
        let kept = self.kept.get_or_init(|| {
            let mut m = NipMap::default();
            m.reserve(self.order.len());
            m.extend(self.order.iter().enumerate().map(|(i, n)| (*n, i as u32)));
            m
        });
        kept.get(&nip).copied()
    }
}

pub(super) struct UnorRow {
    pub(super) row: u32,
    pub(super) induk: String,
}

pub(super) fn read_unor(source: &Source, problems: &mut Vec<Problem>) -> (Vec<Unor>, UnorMap) {
    let mut sh = SheetReader::new(source, "unor", UNOR);
    let mut units: Vec<Unor> = vec![];
    let mut rows: Vec<UnorRow> = vec![];
    let mut ids = UnorMap::default();
    sh.read("unor", true, &mut |sh, rowno, c| {
        let Some(id) = required_text(sh, rowno, &c, 0) else {
            return;
        };
        check_id(sh, rowno, 0, &id);
        let nama = required_text(sh, rowno, &c, 1).unwrap_or_default();
        let nama = free_text(sh, rowno, 1, nama);
        let (induk, instansi_id, kode_wilayah) = (c.text(2), c.text(3), c.text(5));
        check_id(sh, rowno, 2, &induk);
        check_id(sh, rowno, 3, &instansi_id);
        check_id(sh, rowno, 5, &kode_wilayah);
        let nama_instansi = free_text(sh, rowno, 4, c.text(4));
        if let Some(&first) = ids.get(&id) {
            let first_row = rows[first as usize].row;
            sh.problem(
                Level::Error,
                rowno,
                0,
                &c.get(0),
                Kind::Duplicate { first_row },
            );
            return;
        }
        ids.insert(id.clone(), units.len() as u32);
        units.push(Unor {
            id,
            nama,
            induk: None,
            instansi_id,
            nama_instansi,
            kode_wilayah,
        });
        rows.push(UnorRow { row: rowno, induk });
    });
    // Parents.
    for (i, r) in rows.iter().enumerate() {
        if r.induk.is_empty() {
            continue;
        }
        match ids.get(&r.induk) {
            Some(&p) if p as usize != i => units[i].induk = Some(p),
            Some(_) => sh.problems.push(Problem::at(
                Level::Error,
                &sh.label,
                r.row,
                "induk_unor_id",
                &r.induk,
                Kind::UnorCycle(vec![units[i].id.clone(), units[i].id.clone()]),
            )),
            // A parent id with a control character is already an error of its own.
            None if nilai::control_char(&r.induk).is_some() => {}
            None => sh.problems.push(Problem::at(
                Level::Error,
                &sh.label,
                r.row,
                "induk_unor_id",
                &r.induk,
                Kind::UnorUnknown,
            )),
        }
    }
    // Loops: walk up from every unit; a walk that meets itself is a loop, reported once.
    let mut state = vec![0u8; units.len()]; // 0 new, 1 on the current path, 2 done
    let mut path = vec![];
    for start in 0..units.len() {
        path.clear();
        let mut cur = Some(start);
        while let Some(u) = cur {
            match state[u] {
                2 => break,
                1 => {
                    let at = path.iter().position(|&x| x == u).expect("on path");
                    let mut names: Vec<String> = path[at..]
                        .iter()
                        .map(|&x: &usize| units[x].id.clone())
                        .collect();
                    names.push(units[u].id.clone());
                    let first = path[at..]
                        .iter()
                        .min_by_key(|&&x| rows[x].row)
                        .copied()
                        .expect("non-empty");
                    sh.problems.push(Problem::at(
                        Level::Error,
                        &sh.label,
                        rows[first].row,
                        "induk_unor_id",
                        &rows[first].induk,
                        Kind::UnorCycle(names),
                    ));
                    break;
                }
                _ => {
                    state[u] = 1;
                    path.push(u);
                    cur = units[u].induk.map(|p| p as usize);
                }
            }
        }
        for &u in &path {
            state[u] = 2;
        }
    }
    problems.append(&mut sh.problems);
    (units, ids)
}

pub(super) fn read_pegawai(
    source: &Source,
    unor_ids: &UnorMap,
    opts: &ImportOptions,
    problems: &mut Vec<Problem>,
) -> (Vec<Pegawai>, Nips) {
    let mut sh = SheetReader::new(source, "pegawai", PEGAWAI);
    let mut people: Vec<Pegawai> = Vec::with_capacity(source.estimate_rows("pegawai"));
    let mut refused = NipMap::default();
    // (NIP, row, person or u32::MAX for a refused row) of every row with a readable NIP.
    let mut seen: Vec<(u64, u32, u32)> = Vec::with_capacity(people.capacity());
    let (mut m_status, mut m_jenis, mut m_jenjang) = (Memo::new(), Memo::new(), Memo::new());
    let (mut m_kelamin, mut m_golongan) = (Memo::new(), Memo::new());
    let (mut i_jabatan, mut i_golongan) = (Intern::new(), Intern::new());
    sh.read("pegawai", true, &mut |sh, rowno, c| {
        let nip = field(sh, rowno, &c, 0, |v| nilai::nip(v, opts.today));
        let nama = required_text(sh, rowno, &c, 1).map(|n| free_text(sh, rowno, 1, n));
        let jk_v = c.get(2);
        let jenis_kelamin = if jk_v.is_blank() {
            None
        } else {
            let r = m_kelamin.get(&jk_v.display(), JenisKelamin::parse);
            if r.is_none() {
                sh.problem(Level::Error, rowno, 2, &jk_v, Kind::Choice(KELAMIN));
            }
            r
        };
        let tanggal_lahir = field(sh, rowno, &c, 3, |v| nilai::tanggal(v, c.is_1904())).flatten();
        let status = choice(
            sh,
            rowno,
            &c,
            4,
            STATUS,
            &mut m_status,
            StatusKepegawaian::parse,
        );
        let jenis = choice(
            sh,
            rowno,
            &c,
            5,
            JENIS_JABATAN,
            &mut m_jenis,
            JenisJabatan::parse,
        );
        let jenjang = choice(sh, rowno, &c, 6, JENJANG, &mut m_jenjang, Jenjang::parse);
        let unor_cell = c.get(8);
        let unor_text = unor_cell.display();
        let unor = if unor_text.is_empty() {
            sh.problem(Level::Error, rowno, 8, &Value::Empty, Kind::Required);
            None
        } else {
            let u = unor_ids.get(unor_text.as_ref()).copied();
            if nilai::control_char(&unor_text).is_some() {
                check_id(sh, rowno, 8, &unor_text);
            } else if u.is_none() {
                sh.problem(Level::Error, rowno, 8, &c.get(8), Kind::UnorUnknown);
            }
            u
        };
        let (golongan, replaced) = i_golongan.get(&c.get(9).display());
        if let Some(ch) = replaced {
            replaced_warning(sh, rowno, 9, &c.get(9), ch);
        }
        let (nama_jabatan, replaced) = i_jabatan.get(&c.get(7).display());
        if let Some(ch) = replaced {
            replaced_warning(sh, rowno, 7, &c.get(7), ch);
        }
        if !golongan.is_empty()
            && m_golongan
                .get(&golongan, |g| golongan_ok(g).then_some(()))
                .is_none()
        {
            sh.problem(Level::Warning, rowno, 9, &c.get(9), Kind::Choice(GOLONGAN));
        }
        if let (Some(j), Some(g)) = (jenis, jenjang)
            && !g.fits(j)
        {
            sh.problem(
                Level::Error,
                rowno,
                6,
                &c.get(6),
                Kind::JenjangMismatch {
                    jenis: j.name().into(),
                },
            );
        }
        let Some(nip) = nip else { return };
        // Consistency with the NIP: warnings.
        if let Some(jk) = jenis_kelamin {
            let digit = nilai::nip_sex_digit(nip);
            if (jk == JenisKelamin::L) != (digit == 1) {
                sh.problem(Level::Warning, rowno, 2, &jk_v, Kind::GenderMismatch);
            }
        }
        if let Some(tl) = tanggal_lahir
            && nilai::nip_birth_date(nip) != Some(tl)
        {
            sh.problem(Level::Warning, rowno, 3, &c.get(3), Kind::BirthDateMismatch);
        }
        let valid = (nama, status, jenis, jenjang, unor);
        let (Some(nama), Some(status), Some(jenis), Some(jenjang), Some(unor)) = valid else {
            seen.push((nip.0, rowno, u32::MAX));
            return;
        };
        seen.push((nip.0, rowno, people.len() as u32));
        people.push(Pegawai {
            nip,
            nama: nama.into_boxed_str(),
            jenis_kelamin,
            tanggal_lahir,
            status,
            jenis_jabatan: jenis,
            jenjang,
            nama_jabatan,
            unor,
            golongan,
        });
    });
    // Duplicate NIPs: the earliest row stands, every later one is an error (and is dropped).
    seen.sort_unstable();
    let mut drop_person = vec![false; people.len()];
    for group in seen.chunk_by(|a, b| a.0 == b.0) {
        let (nip, first_row, first_person) = group[0];
        for &(_, row, person) in &group[1..] {
            sh.problems.push(Problem::at(
                Level::Error,
                &sh.label,
                row,
                "nip",
                &format!("{nip:018}"),
                Kind::Duplicate { first_row },
            ));
            if person != u32::MAX {
                drop_person[person as usize] = true;
            }
        }
        if first_person == u32::MAX {
            refused.insert(nip, first_row);
        }
    }
    if drop_person.contains(&true) {
        let mut k = 0;
        people.retain(|_| {
            k += 1;
            !drop_person[k - 1]
        });
    }
    let nips = Nips::new(people.iter().map(|p| p.nip.0).collect(), refused);
    problems.append(&mut sh.problems);
    (people, nips)
}

pub(super) fn golongan_ok(g: &str) -> bool {
    let g = g.trim().to_ascii_uppercase().replace(' ', "");
    if let Some((ruang, huruf)) = g.split_once('/') {
        let max = match ruang {
            "I" | "II" | "III" => 'D',
            "IV" => 'E',
            _ => return false,
        };
        return huruf.len() == 1 && huruf.chars().all(|c| ('A'..=max).contains(&c));
    }
    const PPPK: [&str; 17] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII",
    ];
    PPPK.contains(&g.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn golongan_forms() {
        for g in ["III/a", "iv/e", "II/d", "I/a", "IX", "XVII", "III / b"] {
            assert!(golongan_ok(g), "{g}");
        }
        for g in ["III/e", "V/a", "XVIII", "3a"] {
            assert!(!golongan_ok(g), "{g}");
        }
    }

    use proptest::prelude::*;

    proptest! {
        /// Near the hint, or else searched (sorted) or mapped (unsorted): every person is
        /// found, and no one else, whatever the hint.
        #[test]
        fn nips_found_in_either_order(
            mut order in proptest::collection::btree_set(1u64..3000, 0..1200)
                .prop_map(|s| s.into_iter().collect::<Vec<_>>()),
            shuffle in any::<bool>(),
            hint in 0usize..1300,
        ) {
            if shuffle {
                order.reverse();
                let third = order.len() / 3;
                order.rotate_left(third);
            }
            let nips = Nips::new(order.clone(), NipMap::default());
            for nip in 0u64..3001 {
                let want = order.iter().position(|n| *n == nip).map(|p| p as u32);
                prop_assert_eq!(nips.person(nip, hint), want, "NIP {}", nip);
            }
        }
    }
}
