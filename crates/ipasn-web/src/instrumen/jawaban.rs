//! Paper answer sheets scored into stored results: the sheet read off the async threads, every
//! person checked against the data in force and the user's scope, a person's result of the same
//! version and date never replaced, each person scored against the narrowest norm group with
//! enough people, one transaction, audited.

use super::{
    Baris, masalah_baris, muat, norma, norma_minimum, semua_berkas, versi_row, versi_tampil,
};
use crate::App;
use crate::auth::Pengguna;
use crate::galat::Galat;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use ipasn_store::instrumen as simpan;
use serde_json::json;

/// Scores persons' answers with a version's bundle, each against the narrowest norm group with
/// enough people (none for ipsative instruments): the results to store.
pub(crate) async fn skor_orang(
    app: &App,
    versi_id: i64,
    b: &ipasn_instrumen::Bundel,
    orang: &[(String, Vec<ipasn_instrumen::jawaban::Respons>)],
) -> Result<Vec<simpan::HasilBaru>, Galat> {
    let stored = if b.ipsatif() {
        vec![]
    } else {
        simpan::norma_versi(&app.db, versi_id).await?
    };
    let minimum = norma_minimum(app).await?;
    let nip: Vec<String> = orang.iter().map(|o| o.0.clone()).collect();
    let pegawai = simpan::pegawai_jabatan(&app.db, &nip).await?;
    let mut baru = vec![];
    for (nip, respons) in orang {
        let h = ipasn_instrumen::skor::skor(b, respons)
            .map_err(|e| Galat::Server(e.to_string(), false))?;
        let (jenjang, jenis, wilayah) = pegawai.get(nip).cloned().unwrap_or_default();
        let posisi = norma::Posisi {
            jenjang,
            jenis,
            wilayah,
        };
        let norma_id = norma::pilih(&stored, &posisi, minimum).1.map(|n| n.id);
        baru.push(simpan::HasilBaru {
            nip: nip.clone(),
            jawaban: serde_json::to_string(respons).expect("answers serialise"),
            skor: serde_json::to_string(&h).expect("scores serialise"),
            norma_id,
        });
    }
    Ok(baru)
}

pub(super) async fn unggah_jawaban(
    State(app): State<App>,
    u: Pengguna,
    Path(id): Path<i64>,
    mut form: Multipart,
) -> Result<Response, Galat> {
    let v = versi_row(&app, &u, id).await?;
    if !u.boleh_hasil(&v) {
        return Err(u.terlarang());
    }
    let b = muat(&app, &v).await?;
    let (files, fields) = semua_berkas(&mut form, &u).await?;
    let tanggal = fields
        .get("tanggal")
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    let Some((nama, isi)) = files.into_iter().next() else {
        return Err(u.permintaan("choose_csv_xlsx_file"));
    };
    let lang = u.lang;
    let sah_tanggal = ipasn_data::instrumen::tanggal(&tanggal).is_some();
    let bundel = b.clone();
    let dibaca =
        tokio::task::spawn_blocking(move || ipasn_data::instrumen::jawaban(&bundel, &nama, &isi))
            .await
            .map_err(|e| Galat::Server(e.to_string(), false))?;
    let orang = match dibaca {
        Ok(o) => o,
        Err(m) => return versi_tampil(&app, &u, id, masalah_baris(&m, lang), tanggal).await,
    };
    if !sah_tanggal {
        let t = u.t().s("ins_tanggal_salah").to_string();
        return versi_tampil(&app, &u, id, vec![Baris { teks: t }], tanggal).await;
    }
    let tanggal_iso = ipasn_data::instrumen::tanggal(&tanggal)
        .expect("checked")
        .to_string();
    if tanggal_iso > ipasn_store::impor::today().to_string() {
        let t = u.t().f1("ins_tanggal_depan", &tanggal_iso);
        return versi_tampil(&app, &u, id, vec![Baris { teks: t }], tanggal).await;
    }
    // Every person must be in the package in force and in the user's scope.
    let nip: Vec<String> = orang.iter().map(|o| o.nip.clone()).collect();
    let ada = simpan::pegawai_ada(&app.db, &nip).await?;
    // A result already stored for this person, version and date is kept (it may have been
    // released: a release is not withdrawn); the sheet is refused and says whose.
    let sudah = simpan::sudah_ada(&app.db, id, &tanggal_iso, &nip).await?;
    let mut salah = vec![];
    let mut lebih = 0usize;
    for o in &orang {
        let teks = match ada.get(&o.nip) {
            // Outside the scope reads as not there: a scoped user learns nothing of others.
            Some(path) if !u.dalam_cakupan(path) => u.t().f2("ins_nip_tidak_ada", o.baris, &o.nip),
            None => u.t().f2("ins_nip_tidak_ada", o.baris, &o.nip),
            Some(_) if sudah.contains(&o.nip) => u.t().f(
                "ins_sudah_ada",
                &[
                    &o.baris,
                    &o.nip,
                    &crate::tampilan::tanggal(&tanggal_iso, u.lang),
                ],
            ),
            Some(_) => continue,
        };
        if salah.len() < 200 {
            salah.push(Baris { teks });
        } else {
            lebih += 1;
        }
    }
    if lebih > 0 {
        salah.push(Baris {
            teks: u.t().f1("ins_masalah_lain", lebih),
        });
    }
    if !salah.is_empty() {
        return versi_tampil(&app, &u, id, salah, tanggal).await;
    }
    let orang: Vec<(String, Vec<ipasn_instrumen::jawaban::Respons>)> =
        orang.into_iter().map(|o| (o.nip, o.respons)).collect();
    let baru = skor_orang(&app, id, &b, &orang).await?;
    simpan::simpan_hasil(&app.db, id, &tanggal_iso, &baru, &u.akun.username).await?;
    let dinormakan = baru.iter().filter(|h| h.norma_id.is_some()).count();
    u.catat(
        &app,
        "skor_instrumen",
        &id.to_string(),
        &json!({"instrumen": v.instrumen, "versi": v.versi, "orang": baru.len(), "tanggal": tanggal_iso,
                "dinormakan": dinormakan}).to_string(),
    )
    .await?;
    Ok(Redirect::to(&format!("/instrumen/{id}#hasil")).into_response())
}
