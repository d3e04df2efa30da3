//! Submission and scoring: the attempt is claimed (one request or process wins; no answer lands
//! after the claim), its answers are scored per instrument with the session's bundle version
//! against the narrowest norm group with enough people, and stored as results (dated today) in
//! the psikolog's queue (unreleased), with the attempt's integrity signals beside them.
//!
//! The sweeper of each process finishes what no taker will: attempts past their last deadline,
//! in a session whose window closed, or claimed but not scored (a process stopped in between).

use super::{Rencana, aturan, hari_ini, rencana};
use crate::App;
use crate::galat::Galat;
use ipasn_instrumen::jawaban::Respons;
use ipasn_instrumen::ujian::{JawabanTersimpan, sinyal};
use ipasn_store::ujian::{self as simpan, kini_ms};
use serde_json::json;
use std::time::Duration;

/// Submits an attempt (`oleh`: `peserta`, `tenggat`, `tutup`) and scores it. Nothing happens
/// when it was submitted already (and scored).
pub(crate) async fn selesaikan(
    app: &App,
    r: &Rencana,
    peserta_id: i64,
    oleh: &str,
) -> Result<(), Galat> {
    // Only the request (or process) that wins the claim scores; a stopped one is finished by
    // the sweeper.
    if simpan::klaim_selesai(&app.db, peserta_id, kini_ms(), oleh).await? {
        skor(app, r, peserta_id).await?;
    }
    Ok(())
}

/// Scores a submitted attempt that has no results yet.
async fn skor(app: &App, r: &Rencana, peserta_id: i64) -> Result<(), Galat> {
    let Some(p) = simpan::peserta(&app.db, peserta_id).await? else {
        return Ok(());
    };
    if p.selesai.is_none() || p.hasil.is_some() {
        return Ok(());
    }
    let a = aturan(app).await?;
    let jawaban = simpan::jawaban(&app.db, p.id, None).await?;
    let mut hasil = vec![];
    let mut tersimpan = vec![];
    let mut urut = 0usize;
    for (i, v) in r.versi.iter().enumerate() {
        let b = &r.bundel[i];
        let mut respons = vec![Respons::default(); b.butir.len()];
        let mut dijawab = false;
        for (k, bag) in r.bagian.iter().enumerate() {
            if bag.instrumen != i {
                continue;
            }
            for (n, &butir) in bag.butir.iter().enumerate() {
                let j = jawaban
                    .iter()
                    .find(|j| j.bagian == k as i64 && j.butir == butir as i64);
                if let Some(j) = j
                    && let Some(x) = ipasn_instrumen::ujian::respons(b, butir, &j.nilai)
                {
                    respons[butir] = x;
                    dijawab = true;
                    tersimpan.push(JawabanTersimpan {
                        urut: urut + n,
                        nilai: j.nilai.clone(),
                        ms: j.ms,
                        waktu: j.waktu,
                    });
                }
            }
            urut += bag.butir.len() + 1;
        }
        // An instrument with no answer at all gives no result (nothing to score).
        if dijawab {
            let mut s =
                crate::instrumen::skor_orang(app, v.id, b, &[(p.nip.clone(), respons)]).await?;
            hasil.push((v.id, s.remove(0)));
        }
    }
    let s = sinyal(&tersimpan, r.jumlah_butir(), p.keluar, &a);
    let tanggal = hari_ini(app).await?;
    let versi: Vec<i64> = hasil.iter().map(|h| h.0).collect();
    let hasil_simpan = simpan::simpan_hasil(
        &app.db,
        p.id,
        &tanggal,
        &hasil,
        |ids| {
            json!({
                "hasil": ids,
                "versi": versi,
                "sinyal": s,
            })
            .to_string()
        },
        &format!("ujian:{}", r.sesi.id),
    )
    .await;
    match hasil_simpan {
        // Another scorer recorded it first (its transaction holds the results).
        Err(ipasn_store::StoreError::Data(_)) => Ok(()),
        r => Ok(r?),
    }
}

/// Finishes, every `jeda`, the attempts no taker will finish: past the last deadline, the
/// window closed, or claimed and not scored. Runs until the process ends.
pub async fn penyapu(app: App, jeda: Duration) {
    loop {
        tokio::time::sleep(jeda).await;
        if let Err(e) = sapu(&app).await {
            tracing::warn!(error = ?e, "online-test sweeper");
        }
    }
}

async fn sapu(app: &App) -> Result<usize, Galat> {
    let a = aturan(app).await?;
    let hari = hari_ini(app).await?;
    let daftar = simpan::perlu_selesai(
        &app.db,
        kini_ms(),
        i64::from(a.tenggang_detik) * 1000,
        &hari,
    )
    .await?;
    let mut n = 0;
    for (id, sesi) in daftar {
        let Some(r) = rencana(app, sesi).await? else {
            continue;
        };
        let Some(p) = simpan::peserta(&app.db, id).await? else {
            continue;
        };
        if p.selesai.is_some() {
            skor(app, &r, id).await?;
        } else if hari > r.sesi.tutup {
            selesaikan(app, &r, id, "tutup").await?;
        } else if p.bagian as usize + 1 >= r.bagian.len() {
            selesaikan(app, &r, id, "tenggat").await?;
        } else {
            // A middle section ran out with the page away: the next one waits for the taker.
            simpan::maju(&app.db, id, p.bagian).await?;
        }
        n += 1;
    }
    Ok(n)
}
