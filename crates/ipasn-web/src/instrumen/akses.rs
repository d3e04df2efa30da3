//! Who may do what with instruments, as methods of the signed-in user. Psychometric results are
//! sensitive personal data (UU PDP): least privilege, and nothing a role may not see is
//! derivable from what it sees.

use crate::auth::Pengguna;
use ipasn_store::akun::Peran;
use ipasn_store::instrumen::Versi;

impl Pengguna {
    /// Opens the instrument pages (the list, a version's structure and licence).
    pub(crate) fn lihat_instrumen(&self) -> bool {
        matches!(
            self.akun.peran,
            Peran::Admin | Peran::Psikolog | Peran::Analis
        )
    }

    /// Uploads bundles and downloads the files of redistributable ones.
    pub(crate) fn unggah_bundel(&self) -> bool {
        matches!(self.akun.peran, Peran::Admin | Peran::Psikolog)
    }

    /// Administers this instrument (answer sheets, norms) and reads its raw results: a
    /// psikolog always; for usage level A (knowledge tests, SJT) also an admin and an analis.
    pub(crate) fn boleh_hasil(&self, v: &Versi) -> bool {
        match self.akun.peran {
            Peran::Psikolog => true,
            Peran::Admin | Peran::Analis => v.tingkat == "A",
            _ => false,
        }
    }

    /// Releases a person's feedback.
    pub(crate) fn rilis_instrumen(&self) -> bool {
        self.akun.peran == Peran::Psikolog
    }

    /// Whether a person working in a unit with this path is in the user's subtree. An account
    /// without a unit (an admin, or a psikolog or analis given none) sees every unit, and the
    /// results of persons no longer in the package (empty path); a scoped one sees neither.
    pub(crate) fn dalam_cakupan(&self, path: &str) -> bool {
        match &self.cakupan {
            None => true,
            Some(None) => false,
            Some(Some(root)) => !path.is_empty() && path.starts_with(root.as_str()),
        }
    }
}
