//! The regional map: layers, matching units to regions, boundary uploads.

use crate::helpers::*;

/// The map: the shipped province layer, then the finer kab/kota file of ../shared/data/peta;
/// a unit with a code that is on no layer is listed, not dropped.
async fn map(s: Server) {
    let admin = s.login_as("admin", Peran::Admin, None, None).await;
    let pkg = zip_dir(generated_dir(), |name, text| {
        if name == "unor.csv" {
            // One kecamatan moves to a code that exists on no map.
            text.replacen("32.75.01,", "99.99.01,", 1)
                .replacen("32.75.01\n", "99.99.01\n", 1)
        } else {
            text
        }
    });
    assert_eq!(
        admin.import("paket.zip", pkg).await["impor"]["status"],
        "selesai"
    );
    // Without a layer asked for: the finest the units are coded at — kab/kota here, shipped.
    let p = admin.json("/api/peta").await;
    assert_eq!(p["lapisan"], "kabkota");
    assert_eq!(p["wilayah"][0]["kode"], "32.75");
    assert_eq!(p["wilayah"][0]["nama"], "Kota Bekasi");
    assert_eq!(admin.status("/peta/lapisan/kabkota.geojson").await, 200);
    // The 38 provinces and 514 kab/kota ship with the binary (Kalimantan Utara, the new Papua
    // provinces included).
    for (layer, n, kode) in [("provinsi", 38, "65"), ("kabkota", 514, "96.01")] {
        let g: Value =
            serde_json::from_str(&admin.text(&format!("/peta/lapisan/{layer}.geojson")).await)
                .unwrap();
        let f = g["features"].as_array().unwrap();
        assert_eq!(f.len(), n, "{layer}");
        assert!(
            f.iter().any(|x| x["properties"]["kode"] == kode),
            "{layer} {kode}"
        );
    }
    // The legend's five category bands (the rule set's), and why a region is grey.
    assert_eq!(p["pita"].as_array().unwrap().len(), 5, "{}", p["pita"]);
    assert!(admin.text("/peta").await.contains("id=\"tanpa-data\""));
    let p = admin.json("/api/peta?lapisan=provinsi").await;
    assert_eq!(p["lapisan"], "provinsi");
    let w = p["wilayah"].as_array().unwrap();
    assert_eq!(w.len(), 1, "{p}");
    assert_eq!(w[0]["kode"], "32");
    assert_eq!(w[0]["nama"], "Jawa Barat");
    let unknown = p["tak_dikenal"].as_array().unwrap();
    assert!(
        unknown
            .iter()
            .any(|u| u["kode_wilayah"].as_str().unwrap().starts_with("99.99")),
        "{p}"
    );
    // Persons on the map plus the unknown ones are everyone.
    let total: i64 = w
        .iter()
        .chain(unknown)
        .map(|x| x["pegawai"].as_i64().unwrap())
        .sum();
    assert_eq!(
        total,
        admin.json("/api/dasbor").await["pegawai"].as_i64().unwrap()
    );
    // The finer layer, uploaded by the admin.
    let geo = crate::helpers::kabkota_geojson();
    let token = admin.csrf().await;
    let form = reqwest::multipart::Form::new().part(
        "berkas",
        reqwest::multipart::Part::bytes(geo).file_name("kabkota.geojson"),
    );
    let r = admin
        .http
        .post(admin.url("/peta/batas"))
        .header("X-CSRF-Token", token.clone())
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let p = admin.json("/api/peta?lapisan=rinci").await;
    assert_eq!(p["wilayah"][0]["kode"], "32.75");
    assert_eq!(p["wilayah"][0]["nama"], "Kota Bekasi");
    assert!(p["wilayah"][0]["ip"].as_f64().is_some());
    assert_eq!(admin.status("/peta/lapisan/rinci.geojson").await, 200);
    assert_eq!(admin.status("/peta/lapisan/provinsi.geojson").await, 200);
    // Click-through: the region's units.
    // Click-through: the region's top-level units with their figures, as a sortable table.
    let p = admin.json("/api/peta?lapisan=rinci&kode=32.75").await;
    let units = p["unit_wilayah"].as_array().unwrap();
    assert!(!units.is_empty() && units.len() < 100, "{}", units.len());
    assert!(
        units
            .iter()
            .any(|u| u["ip"].as_f64().is_some() && u["kategori"].is_string())
    );
    // Without the admin's file the region is still there, on the shipped kab/kota layer.
    let k = admin.json("/api/peta?lapisan=kabkota&kode=32.75").await;
    assert_eq!(k["unit_wilayah"], p["unit_wilayah"]);
    let html = admin.text("/peta?lapisan=rinci&kode=32.75").await;
    assert!(
        html.contains("chart-peta")
            && html.contains("tabel-unit-wilayah")
            && html.contains("cara-kecamatan")
            && html.contains("tabel-tak-dikenal")
    );
    // A file without region codes is refused with the reason.
    let form = reqwest::multipart::Form::new().part("berkas", reqwest::multipart::Part::bytes(br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":null}]}"#.to_vec()).file_name("x.geojson"));
    let r = admin
        .http
        .post(admin.url("/peta/batas"))
        .header("X-CSRF-Token", token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("kode"));
}
on_both!(regional_map, map);
