//! Reading an uploaded file from a multipart form (assessment results, assessment rules, a
//! boundary layer). Package imports read several fields and answer an oversized body with 413:
//! [`crate::impor::mulai_impor`].

use crate::auth::Pengguna;
use crate::galat::Galat;
use axum::body::Bytes;
use axum::extract::Multipart;

/// The first field named `berkas`: its file name (if the form gives one) and its bytes.
/// `Ok(None)` when the form has no such field (or ends in a part that cannot be read); a file
/// cut off while reading is a 400 in the user's language.
pub async fn berkas(
    form: &mut Multipart,
    u: &Pengguna,
) -> Result<Option<(Option<String>, Bytes)>, Galat> {
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("berkas") {
            let name = field.file_name().map(str::to_string);
            let bytes = field.bytes().await.map_err(|e| {
                // Over the route's body limit: say so, not "cut off".
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    u.permintaan("terlalu_besar")
                } else {
                    u.permintaan("upload_cut_off")
                }
            })?;
            return Ok(Some((name, bytes)));
        }
    }
    Ok(None)
}
