//! Development plans (issue "From gaps to a plan"): `unit` (a unit's plan under a budget — the
//! choice, its forecast through the same points the scorer gives, the year the target is
//! reached, the efficiency estimate — and its downloads), `katalog` (the catalogue of actions
//! and the plan rules: download, upload — the catalogue previewed first —, audited), `individu`
//! (a person's development plan: drafted from their actions, agreed by the pegawai and the
//! atasan, followed to done), `program` (coaching, mentoring, intensive training, assignments:
//! enrolment, attendance, completion into training records), `sesi` (coaching notes, the coach
//! and the coachee only), `tindak` (the follow-up of a unit and year). The decisions are
//! `ipasn_rencana`'s; this module checks roles, reads, and shows.
//!
//! The atasan: the package carries no supervisor, so a person's atasan is a pimpinan account
//! whose scope holds the person's unit (any of them may agree; the one who did is recorded).

mod individu;
mod katalog;
mod program;
mod sesi;
mod tindak;
mod unit;

use crate::App;
use crate::galat::Galat;
use axum::Router;
use ipasn_rencana::aturan::Aturan;
use ipasn_rencana::katalog::Katalog;

/// The setting that holds the instansi's catalogue (TOML); absent: the shipped one.
pub const SETELAN_KATALOG: &str = "rencana_katalog";
/// The setting that holds the instansi's plan rules (TOML); absent: the shipped ones.
pub const SETELAN_ATURAN: &str = ipasn_rencana::aturan::SETELAN;

/// The plan routes.
pub fn routes() -> Router<App> {
    Router::new()
        .merge(unit::routes())
        .merge(katalog::routes())
        .merge(individu::routes())
        .merge(program::routes())
        .merge(tindak::routes())
}

/// The catalogue in force.
pub async fn katalog_berlaku(app: &App) -> Result<Katalog, Galat> {
    Ok(
        match ipasn_store::pengaturan::get(&app.db, SETELAN_KATALOG).await? {
            Some(t) => Katalog::baca(&t).map_err(|m| {
                let m: Vec<&str> = m.iter().map(|x| x.en.as_str()).collect();
                Galat::Server(format!("stored catalogue: {}", m.join("; ")), false)
            })?,
            None => Katalog::bawaan(),
        },
    )
}

/// The plan rules in force.
pub async fn aturan_berlaku(app: &App) -> Result<Aturan, Galat> {
    Ok(
        match ipasn_store::pengaturan::get(&app.db, SETELAN_ATURAN).await? {
            Some(t) => Aturan::baca(&t).map_err(|m| {
                Galat::Server(format!("stored plan rules: {}", m.join("; ")), false)
            })?,
            None => Aturan::bawaan(),
        },
    )
}

/// Whether a form's date is a date (`YYYY-MM-DD`).
pub(crate) fn tanggal_sah(s: &str) -> bool {
    s.len() == 10
        && time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
}

/// Today (UTC) as `YYYY-MM-DD`, the form dates' bound.
pub(crate) fn hari_ini() -> String {
    ipasn_store::now()[..10].to_string()
}

/// A unit the user may see the dashboards of, and the year asked for (else the latest): the
/// unit, the year's computation, and every computed year.
pub(crate) async fn unit_tahun(
    app: &App,
    u: &crate::auth::Pengguna,
    unor_id: &str,
    tahun: Option<i64>,
) -> Result<(ipasn_store::baca::Unor, ipasn_store::baca::Tahun, Vec<i64>), Galat> {
    if !u.lihat_dasbor() {
        return Err(u.terlarang());
    }
    let Some(unor) = ipasn_store::baca::unor(&app.db, unor_id).await? else {
        return Err(u.tidak_ada());
    };
    if !u.boleh_unor(&unor.path) {
        return Err(u.terlarang());
    }
    let (Some(info), tahun_list) = crate::tampilan::pilih_tahun_info(app, tahun).await? else {
        return Err(u.tidak_ada());
    };
    Ok((unor, info, tahun_list))
}
