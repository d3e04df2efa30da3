//! The interface's words in Indonesian (default) and English. Templates call `t.s("key")`; a
//! test checks that every key a template uses is here.

use ipasn_core::teks::Lang;

/// (key, Indonesian, English).
const KATA: &[(&str, &str, &str)] = &[
    ("app", "IP ASN", "IP ASN"),
    (
        "judul",
        "Indeks Profesionalitas ASN",
        "Civil Service Professionalism Index",
    ),
    ("masuk", "Masuk", "Log in"),
    ("keluar", "Keluar", "Log out"),
    ("menu", "Menu", "Menu"),
    (
        "lewati_ke_isi",
        "Lewati ke isi halaman",
        "Skip to the content",
    ),
    ("username", "Nama pengguna", "Username"),
    ("password", "Kata sandi", "Password"),
    (
        "login_gagal",
        "Nama pengguna atau kata sandi salah.",
        "Wrong username or password.",
    ),
    (
        "login_terkunci",
        "Terlalu banyak percobaan gagal. Coba lagi dalam",
        "Too many failed attempts. Try again in",
    ),
    ("detik", "detik", "seconds"),
    ("menit", "menit", "minutes"),
    (
        "login_sibuk",
        "Server sedang memeriksa banyak login sekaligus. Tunggu beberapa detik lalu coba lagi.",
        "The server is checking many logins at once. Wait a few seconds and try again.",
    ),
    ("dasbor", "Dasbor", "Dashboard"),
    ("peta", "Peta profesionalitas", "Professionalism map"),
    ("impor", "Impor data", "Import data"),
    ("audit", "Log audit", "Audit log"),
    ("akun", "Akun & pengaturan", "Accounts & settings"),
    ("tahun", "Tahun", "Year"),
    ("unit", "Unit", "Unit"),
    ("rerata_ip", "Rerata IP ASN", "Mean IP ASN"),
    ("target", "Target", "Target"),
    ("tercapai", "tercapai", "met"),
    ("belum_tercapai", "belum tercapai", "not met"),
    ("kategori", "Kategori", "Category"),
    ("partisipasi", "Partisipasi", "Participation"),
    ("pegawai", "Pegawai", "Civil servants"),
    ("diukur", "Diukur", "Measured"),
    ("dalam_rerata", "Dalam rerata", "In the mean"),
    ("dimensi", "Dimensi", "Dimension"),
    ("rerata", "Rerata", "Mean"),
    ("maks", "Maks", "Max"),
    ("jumlah", "Jumlah", "Count"),
    ("persen", "Persen", "Percent"),
    ("tren", "Tren per tahun", "Trend over the years"),
    ("peringkat_unit", "Peringkat sub-unit", "Sub-units ranked"),
    ("tabel", "Tabel angka", "Numbers as a table"),
    ("unduh", "Unduh", "Download"),
    ("daftar_pegawai", "Daftar pegawai", "Civil servants list"),
    ("cari", "Cari nama atau NIP", "Search name or NIP"),
    ("semua", "Semua", "All"),
    ("jenis_jabatan", "Jenis jabatan", "Position type"),
    ("jenjang_jabatan", "Jenjang", "Level"),
    ("flag", "Tanda", "Flag"),
    ("saring", "Saring", "Filter"),
    ("halaman", "Halaman", "Page"),
    ("dari", "dari", "of"),
    ("sebelumnya", "Sebelumnya", "Previous"),
    ("berikutnya", "Berikutnya", "Next"),
    ("nama", "Nama", "Name"),
    ("nip", "NIP", "NIP"),
    ("ip", "IP", "IP"),
    ("kualifikasi", "Kualifikasi", "Qualification"),
    ("kompetensi", "Kompetensi", "Competence"),
    ("kinerja", "Kinerja", "Performance"),
    ("disiplin", "Disiplin", "Discipline"),
    ("poin", "Poin", "Points"),
    ("alasan", "Alasan", "Reasons"),
    (
        "rekaman",
        "Rekaman yang dipakai (lembar:baris pada paket yang diimpor)",
        "Records used (sheet:row in the imported package)",
    ),
    (
        "kurang",
        "Yang kurang dan tambahannya",
        "What is missing and what it adds",
    ),
    ("riwayat_ip", "Riwayat IP ASN", "IP ASN history"),
    ("jabatan", "Jabatan", "Position"),
    ("golongan", "Golongan", "Rank"),
    ("status", "Status", "Status"),
    (
        "tidak_ada_data",
        "Belum ada data. Admin atau analis dapat mengimpor paket data.",
        "No data yet. An admin or analyst can import a data package.",
    ),
    (
        "tidak_diukur",
        "Tidak diukur pada tahun ini.",
        "Not measured in this year.",
    ),
    (
        "disembunyikan",
        "disembunyikan (kelompok kecil)",
        "suppressed (small group)",
    ),
    (
        "kelompok_kecil_ket",
        "Agregat atas kurang dari",
        "Aggregates over fewer than",
    ),
    (
        "orang_disembunyikan",
        "orang tidak ditampilkan.",
        "persons are not shown.",
    ),
    ("unggah", "Unggah dan impor", "Upload and import"),
    ("berkas", "Berkas", "File"),
    (
        "berkas_ket",
        "Buku kerja XLSX atau ZIP berisi berkas CSV (unor, pegawai, pendidikan, diklat, skp, hukdis).",
        "An XLSX workbook or a ZIP of CSV files (unor, pegawai, pendidikan, diklat, skp, hukdis).",
    ),
    ("aturan", "Aturan", "Rule set"),
    ("riwayat_impor", "Riwayat impor", "Import history"),
    ("waktu", "Waktu", "Time"),
    ("oleh", "Oleh", "By"),
    ("ukuran", "Ukuran", "Size"),
    ("hasil", "Hasil", "Result"),
    ("perubahan", "Perubahan", "Changes"),
    ("masalah", "Masalah", "Problems"),
    ("tingkat", "Tingkat", "Level"),
    ("sheet", "Lembar", "Sheet"),
    ("baris", "Baris", "Row"),
    ("kolom", "Kolom", "Column"),
    ("nilai", "Nilai", "Value"),
    ("perbaikan", "Perbaikan", "Fix"),
    ("st_berjalan", "sedang berjalan", "running"),
    ("st_selesai", "selesai, data tersimpan", "done, data stored"),
    (
        "st_sama",
        "sama dengan paket tersimpan; tidak ada yang berubah",
        "identical to the stored package; nothing changed",
    ),
    (
        "st_ditolak",
        "ditolak: paket berisi galat, tidak ada yang berubah",
        "refused: the package has errors, nothing changed",
    ),
    ("st_gagal", "gagal", "failed"),
    (
        "st_menunggu",
        "menunggu konfirmasi: belum ada yang berubah",
        "waiting for confirmation: nothing has changed yet",
    ),
    (
        "st_diperiksa",
        "diperiksa saja: tidak ada yang disimpan",
        "checked only: nothing was stored",
    ),
    (
        "st_terputus",
        "terputus (server berhenti); tidak ada yang berubah — unggah lagi",
        "interrupted (the server stopped); nothing changed — upload again",
    ),
    (
        "st_dibatalkan",
        "dibatalkan; tidak ada yang berubah",
        "cancelled; nothing changed",
    ),
    ("impor_berlaku", "data yang berlaku", "data in force"),
    (
        "impor_ganti_ket",
        "Satu paket adalah seluruh data instansi: pegawai dan unor yang tidak ada di dalamnya akan dihapus. Sebelum menyimpan, ipasn menunjukkan apa yang akan berubah dan meminta konfirmasi bila ada yang dihapus.",
        "A package is the instansi's whole data: persons and units not in it are removed. Before storing, ipasn shows what will change and asks for a confirmation when anything would be removed.",
    ),
    (
        "periksa_saja",
        "Periksa saja (tunjukkan perubahan tanpa menyimpan)",
        "Check only (show the changes without storing)",
    ),
    (
        "pratinjau_menunggu",
        "Yang akan berubah bila disimpan",
        "What will change if stored",
    ),
    (
        "pratinjau_periksa",
        "Yang akan berubah (pemeriksaan saja)",
        "What would change (check only)",
    ),
    (
        "dasar_berubah",
        "Data berubah sejak pratinjau sebelumnya (impor lain disimpan). Angka di bawah dihitung ulang terhadap data sekarang; periksa lagi sebelum mengonfirmasi.",
        "The data changed since the previous preview (another import was stored). The figures below are recomputed against the data now; check them again before confirming.",
    ),
    (
        "pegawai_sekarang",
        "Pegawai tersimpan sekarang",
        "Persons stored now",
    ),
    (
        "pegawai_dalam_paket",
        "Pegawai dalam paket",
        "Persons in the package",
    ),
    ("pegawai_baru", "Pegawai baru", "New persons"),
    (
        "pegawai_berubah",
        "Pegawai dengan data berubah",
        "Persons with changed data",
    ),
    (
        "pegawai_keluar",
        "Pegawai yang akan dihapus",
        "Persons to be removed",
    ),
    ("unor_tambah", "Unor baru", "New units"),
    (
        "unor_hapus",
        "Unor yang akan dihapus",
        "Units to be removed",
    ),
    (
        "tahun_dihitung",
        "Tahun yang dihitung ulang",
        "Years recomputed",
    ),
    (
        "contoh_keluar",
        "Pegawai yang akan dihapus",
        "Persons to be removed",
    ),
    (
        "contoh_unor_hapus",
        "Unor yang akan dihapus",
        "Units to be removed",
    ),
    (
        "konfirmasi_ket",
        "Pegawai dan unor yang dihapus kehilangan hasil IP ASN tersimpan mereka. Impor ini dapat dibatalkan kembali dengan memulihkan impor sebelumnya.",
        "Removed persons and units lose their stored IP ASN results. This can be undone by restoring the previous import.",
    ),
    ("batal_impor", "Batalkan impor ini", "Cancel this import"),
    ("pulihkan", "Pulihkan impor ini", "Restore this import"),
    (
        "pulihkan_ket",
        "Memulihkan membaca dan menghitung ulang paket impor ini, lalu menunjukkan apa yang akan berubah sebelum menyimpan.",
        "Restoring reads and computes this import's package again, then shows what will change before storing.",
    ),
    ("dipulihkan_dari", "memulihkan impor", "restores import"),
    ("tingkat_galat", "galat", "error"),
    ("yakin", "yakin", "sure"),
    ("nonaktifkan", "Nonaktifkan", "Deactivate"),
    ("tingkat_peringatan", "peringatan", "warning"),
    ("progres", "Progres", "Progress"),
    ("aksi", "Aksi", "Action"),
    ("objek", "Objek", "Object"),
    ("rincian", "Rincian", "Details"),
    ("peran", "Peran", "Role"),
    ("cakupan", "Cakupan unit", "Unit scope"),
    ("simpan", "Simpan", "Save"),
    (
        "akun_baru",
        "Akun baru atau ganti kata sandi",
        "New account or password change",
    ),
    ("pengaturan", "Pengaturan", "Settings"),
    (
        "target_tahun",
        "Target IP untuk tahun",
        "IP target for year",
    ),
    (
        "kelompok_kecil",
        "Ambang kelompok kecil (orang)",
        "Small-group threshold (persons)",
    ),
    (
        "batas_wilayah",
        "Batas wilayah lebih rinci (GeoJSON dengan properti kode)",
        "Finer region boundaries (GeoJSON with a kode property)",
    ),
    ("wilayah", "Wilayah", "Region"),
    ("kode", "Kode", "Code"),
    (
        "kode_tak_dikenal",
        "Kode wilayah yang tidak ada di peta ini",
        "Region codes not on this map",
    ),
    ("unit_wilayah", "Unit di wilayah", "Units in region"),
    ("lapisan", "Lapisan", "Layer"),
    ("provinsi", "Provinsi", "Provinces"),
    ("rinci", "Rinci (berkas admin)", "Finer (admin's file)"),
    (
        "tidak_berwenang",
        "Anda tidak berwenang membuka halaman ini.",
        "You are not allowed to open this page.",
    ),
    ("tidak_ditemukan", "Tidak ditemukan.", "Not found."),
    ("kembali", "Kembali", "Back"),
    ("sub_unit", "Sub-unit", "Sub-units"),
    ("lihat_pegawai", "Lihat pegawai", "See civil servants"),
    ("tanggal_acuan", "Tanggal acuan", "Cut-off date"),
    ("semua_instansi", "Instansi", "Instansi"),
    ("api", "API", "API"),
    (
        "impor_asesmen",
        "Impor hasil asesmen kompetensi",
        "Import competency assessment results",
    ),
    (
        "impor_asesmen_ket",
        "CSV atau XLSX: hasil kompetensi (nip, kompetensi M.01–M.08/SK.01/T.…, level 1–5 langkah 0,5, tanggal, sumber opsional), skor tes potensi (nip, skor 0–100, tanggal), atau standar kompetensi jabatan (jabatan, kompetensi, level; menggantikan seluruh standar — unduh yang berlaku di /asesmen/standar.csv). Skor tes potensi boleh disertai kolom rekam_jejak (0–100). Kamus kompetensi: kompetensi, nama, level (kosong = definisi), deskripsi, indikator opsional (satu per baris); teks PermenPANRB 38/2017 sudah bawaan, yang diimpor menggantikan kode dan level yang sama. Pegawai harus sudah ada di data.",
        "CSV or XLSX: competency results (nip, kompetensi M.01–M.08/SK.01/T.…, level 1–5 in steps of 0.5, tanggal, optional sumber), potential test scores (nip, skor 0–100, tanggal), or position standards (jabatan, kompetensi, level; replaces all standards — download those in force at /asesmen/standar.csv). Potential scores may carry a rekam_jejak column (0–100). Competency dictionary: kompetensi, nama, level (empty = definition), deskripsi, optional indikator (one per line); the PermenPANRB 38/2017 text ships built in, imported entries replace the same code and level. The persons must already be in the data.",
    ),
    (
        "asesmen_kompetensi",
        "Asesmen kompetensi dan Job Person Match",
        "Competency assessment and Job Person Match",
    ),
    ("tanggal_asesmen", "Tanggal asesmen", "Assessed on"),
    ("berlaku_sampai", "berlaku sampai", "valid until"),
    ("kedaluwarsa", "kedaluwarsa", "expired"),
    ("standar", "Standar", "Standard"),
    (
        "talenta",
        "Manajemen talenta (9 kotak)",
        "Talent management (nine-box)",
    ),
    ("peringkat", "Peringkat", "Ranking"),
    ("potensi", "Potensi", "Potential"),
    ("di_bawah", "di bawah ekspektasi", "below expectations"),
    ("sesuai", "sesuai ekspektasi", "meets expectations"),
    ("di_atas", "di atas ekspektasi", "above expectations"),
    ("tinggi", "tinggi", "high"),
    ("menengah", "menengah", "medium"),
    ("rendah", "rendah", "low"),
    ("kotak", "Kotak", "Box"),
    ("jalur_cepat", "Jalur cepat", "Fast track"),
    ("kalibrasi", "Kalibrasi", "Calibration"),
    ("dikalibrasi", "dikalibrasi oleh", "calibrated by"),
    (
        "aturan_asesmen",
        "Aturan asesmen dan talenta instansi",
        "The instansi's assessment and talent rules",
    ),
    (
        "aturan_asesmen_ket",
        "Bobot potensi dan peringkat, pita JPM dan potensi, tabel 9 kotak, standar bawaan per jenjang, persentase jalur cepat. Unduh berkas yang berlaku, ubah, lalu unggah:",
        "Potential and ranking weights, JPM and potential bands, the nine-box table, default standards per jenjang, the fast-track share. Download the file in force, change it, upload it:",
    ),
    ("acara", "Acara asesmen", "Assessment events"),
    ("acara_baru", "Acara baru", "New event"),
    (
        "latihan",
        "Latihan (satu per baris: nama: kode kompetensi, …)",
        "Exercises (one a line: name: competency codes, …)",
    ),
    (
        "peserta_asesor",
        "Peserta dan asesor (satu per baris: NIP: asesor, asesor)",
        "Assessees and assessors (one a line: NIP: assessor, assessor)",
    ),
    ("asesor", "Asesor", "Assessors"),
    ("integrasi", "Integrasi", "Integration"),
    ("final", "final", "final"),
    ("penilaian", "Penilaian", "Ratings"),
    (
        "reliabilitas",
        "Reliabilitas antarpenilai",
        "Inter-rater reliability",
    ),
    (
        "sudah_dikunci",
        "Penilaian Anda sudah dikunci.",
        "Your ratings are locked.",
    ),
    ("bukti", "Bukti perilaku", "Evidence"),
    ("simpan_kunci", "Simpan dan kunci", "Save and lock"),
    ("terkunci", "terkunci", "locked"),
    ("belum_dikunci", "belum dikunci", "not locked yet"),
    (
        "rerata_asesor",
        "Rerata tiap asesor",
        "Each assessor's mean",
    ),
    ("selisih", "Selisih", "Difference"),
    (
        "konsensus",
        "Konsensus ketua panel",
        "Panel chair's consensus",
    ),
    ("finalkan", "Finalkan hasil", "Finalise the result"),
    (
        "belum_dapat_final",
        "Dapat difinalkan setelah semua asesor mengunci dan setiap kompetensi bertanda ⚑ diberi level konsensus.",
        "Can be finalised once every assessor has locked and every ⚑ competency has a consensus level.",
    ),
    (
        "lihat_detail",
        "Boleh melihat rincian asesmen (pimpinan)",
        "May see assessment details (pimpinan)",
    ),
    ("kamus", "Kamus kompetensi", "Competency dictionary"),
    (
        "kamus_ket",
        "Definisi, deskripsi level dan indikator perilaku kompetensi manajerial dan sosial kultural menurut Lampiran PermenPANRB 38/2017, ditambah entri yang diimpor instansi (kompetensi teknis atau versi instansi), yang menggantikan teks bawaan pada kode dan level yang sama.",
        "Definitions, level descriptions and behaviour indicators of the managerial and socio-cultural competencies as in the annex of PermenPANRB 38/2017 (in Indonesian, as the regulation has them), plus the entries the instansi imported (technical competencies or its own wording), which replace the shipped text for the same code and level.",
    ),
    (
        "kamus_unduh",
        "Unduh kamus (CSV, format impor)",
        "Download the dictionary (CSV, import format)",
    ),
    ("deskripsi", "Deskripsi", "Description"),
    ("indikator", "Indikator perilaku", "Behaviour indicators"),
    (
        "kamus_kosong",
        "Belum ada deskripsi level untuk kompetensi ini; admin mengimpor kamus (kompetensi, nama, level, deskripsi, indikator).",
        "No level descriptions for this competency yet; an admin imports the dictionary (kompetensi, nama, level, deskripsi, indikator).",
    ),
    ("sumber", "Sumber", "Source"),
    (
        "ubah_standar",
        "Standar kompetensi jabatan (SKJ)",
        "Position competency standards (SKJ)",
    ),
    (
        "ubah_standar_ket",
        "Jabatan = nama jabatan seperti di data pegawai, atau jenjang. Level kosong menghapus standar (bawaan jenjang berlaku lagi). Semua standar:",
        "Position = the title as in the pegawai data, or a jenjang. An empty level removes the standard (the jenjang default applies again). All standards:",
    ),
    (
        "ditempatkan",
        "Pegawai yang sudah ditempatkan",
        "Persons placed",
    ),
    (
        "talenta_ket",
        "Pegawai tanpa hasil asesmen, tes potensi, atau predikat SKP tahun ini belum dapat ditempatkan; peringkat lengkap per jenjang ada di unduhan CSV.",
        "Persons without an assessment, a potential test or an SKP predikat this year cannot be placed yet; the full ranking per jenjang is in the CSV download.",
    ),
    // Safe by default (issue 10): forms that keep what was typed, confirmations, error pages.
    ("tampilkan", "Tampilkan", "Show"),
    ("pita_jpm", "Pita JPM", "JPM band"),
    (
        "periksa_isian",
        "Acara belum dibuat: perbaiki isian yang ditandai. Semua yang sudah diisi tetap ada.",
        "The event was not created: fix the marked fields. Everything entered is still here.",
    ),
    ("draf_tersimpan", "Draf tersimpan", "Draft saved"),
    (
        "kunci_ket",
        "Simpan dan kunci menampilkan ringkasan untuk dikonfirmasi dahulu; setelah dikunci, penilaian tidak dapat diubah.",
        "Save and lock shows a summary to confirm first; once locked, the ratings cannot be changed.",
    ),
    ("konfirmasi_kunci", "Kunci penilaian", "Lock the ratings"),
    (
        "konfirmasi_kunci_ket",
        "Periksa penilaian di bawah. Setelah dikunci, penilaian tidak dapat diubah lagi dan diteruskan ke panel. Semua isian sudah tersimpan sebagai draf.",
        "Check the ratings below. Once locked they cannot be changed and go to the panel. Everything is already saved as a draft.",
    ),
    (
        "ya_kunci",
        "Ya, kunci penilaian ini",
        "Yes, lock these ratings",
    ),
    ("kembali_ubah", "Kembali dan ubah", "Go back and change"),
    ("konfirmasi_final", "Finalkan hasil", "Finalise the result"),
    (
        "konfirmasi_final_ket",
        "Level berikut akan menjadi hasil kompetensi pegawai ini (bertanggal sama dengan acara) dan dipakai untuk JPM, sembilan kotak, dan peringkat.",
        "These levels will become this person's competency result (dated as the event) and feed the JPM, the nine-box and the ranking.",
    ),
    (
        "konfirmasi_berubah",
        "Level berubah sejak konfirmasi tadi; periksa lagi.",
        "The levels changed since the confirmation; check again.",
    ),
    (
        "sudah_final_ganti",
        "Hasil ini sudah pernah difinalkan; memfinalkan lagi menggantinya.",
        "This result was finalised before; finalising again replaces it.",
    ),
    ("ya_finalkan", "Ya, finalkan", "Yes, finalise"),
    ("batal", "Batal", "Cancel"),
    ("nama_latihan", "Latihan", "Exercise"),
];

/// The words of one language.
#[derive(Clone, Copy, Debug)]
pub struct T(pub Lang);

impl T {
    /// The word for `key`; an unknown key shows as itself (and fails the template test).
    pub fn s<'a>(&self, key: &'a str) -> &'a str {
        match KATA.iter().find(|k| k.0 == key) {
            Some(k) => self.0.pick(k.1, k.2),
            None => key,
        }
    }

    /// `id` or `en`.
    pub fn code(&self) -> &'static str {
        match self.0 {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Whether a key exists (for tests).
    pub fn has(key: &str) -> bool {
        KATA.iter().any(|k| k.0 == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_a_template_uses_exists_and_keys_are_unique() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut missing = vec![];
        for e in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            for part in text.split("t.s(\"").skip(1) {
                let key = &part[..part.find('"').unwrap()];
                if !T::has(key) {
                    missing.push(key.to_string());
                }
            }
        }
        assert!(missing.is_empty(), "keys missing in teks.rs: {missing:?}");
        let mut keys: Vec<_> = KATA.iter().map(|k| k.0).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len(), "duplicate keys");
    }

    /// A page's `<title>` block holds words only (an edit once pasted a form into it).
    #[test]
    fn title_blocks_hold_text_only() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            if let Some(i) = text.find("{% block title %}") {
                let rest = &text[i..];
                let block = &rest[..rest.find("{% endblock %}").unwrap()];
                assert!(
                    !block.contains('<') && !block.contains('\n'),
                    "{}: {block}",
                    path.display()
                );
            }
        }
    }
}
