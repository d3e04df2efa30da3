//! The columns of each sheet of the data package, and the allowed values named in messages.

use super::sheet::{Col, alias, col};

pub(super) const NIP_ALIASES: &[&str] = &["nipbaru", "nip_baru"];

pub(super) const UNOR: &[Col] = &[
    col("unor_id", true),
    col("nama_unor", true),
    col("induk_unor_id", false),
    col("instansi_id", false),
    col("nama_instansi", false),
    col("kode_wilayah", false),
];
pub(super) const PEGAWAI: &[Col] = &[
    alias("nip", NIP_ALIASES, true),
    col("nama", true),
    col("jenis_kelamin", false),
    col("tanggal_lahir", false),
    col("status_kepegawaian", true),
    col("jenis_jabatan", true),
    col("jenjang_jabatan", true),
    col("nama_jabatan", false),
    col("unor_id", true),
    col("golongan", false),
];
pub(super) const PENDIDIKAN: &[Col] = &[
    alias("nip", NIP_ALIASES, true),
    col("tingkat_pendidikan", true),
    col("nama_pendidikan", false),
    col("tahun_lulus", false),
    col("tanggal_lulus", false),
    col("diakui", false),
];
pub(super) const DIKLAT: &[Col] = &[
    alias("nip", NIP_ALIASES, true),
    col("jenis", true),
    col("nama_diklat", false),
    col("tanggal_mulai", false),
    col("tanggal_selesai", false),
    col("jumlah_jam", false),
    col("penyelenggara", false),
];
pub(super) const SKP: &[Col] = &[
    alias("nip", NIP_ALIASES, true),
    col("tahun", true),
    col("nilai", false),
    col("predikat", false),
];
pub(super) const HUKDIS: &[Col] = &[
    alias("nip", NIP_ALIASES, true),
    col("tingkat", true),
    col("jenis_hukuman", false),
    col("tmt_hukuman", true),
    col("akhir_hukuman", false),
    col("dibatalkan", false),
];

pub(super) const STATUS: &[&str] = &["PNS", "CPNS", "PPPK"];
pub(super) const JENIS_JABATAN: &[&str] = &["Struktural", "Fungsional", "Pelaksana"];
pub(super) const JENJANG: &[&str] = &[
    "JPT Utama",
    "JPT Madya",
    "JPT Pratama",
    "Administrator",
    "Pengawas",
    "Ahli Utama",
    "Ahli Madya",
    "Ahli Muda",
    "Ahli Pertama",
    "Penyelia",
    "Mahir",
    "Terampil",
    "Pemula",
    "Pelaksana",
];
pub(super) const KELAMIN: &[&str] = &["L", "P"];
pub(super) const TINGKAT_PENDIDIKAN: &[&str] = &[
    "SD", "SLTP", "SLTA", "D-I", "D-II", "D-III", "D-IV", "S-1", "Profesi", "S-2", "Sp-1", "S-3",
    "Sp-2",
];
pub(super) const JENIS_DIKLAT: &[&str] = &[
    "PIM I",
    "PIM II",
    "PIM III",
    "PIM IV",
    "PKN I",
    "PKN II",
    "PKA",
    "PKP",
    "Fungsional",
    "Teknis",
    "Seminar",
    "Workshop",
    "Magang",
    "Kursus",
    "Lainnya",
];
pub(super) const PREDIKAT: &[&str] = &[
    "Sangat Baik",
    "Baik",
    "Butuh Perbaikan",
    "Cukup",
    "Kurang",
    "Sangat Kurang",
    "Buruk",
];
pub(super) const TINGKAT_HUKDIS: &[&str] =
    &["Ringan", "Sedang", "Berat", "(nama hukuman PP 94/2021)"];
pub(super) const GOLONGAN: &[&str] = &["I/a … IV/e", "PPPK: I … XVII"];
