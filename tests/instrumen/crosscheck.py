#!/usr/bin/env python3
"""Cross-checks `ipasn instrumen analisis --json`, `norma` and `skor --norma` on random IPIP-50
answer sheets (with unanswered items) against established implementations:

- Cronbach's alpha: pingouin.cronbach_alpha (listwise), to 1e-9;
- item mean, difficulty ((mean - 1) / 4) and corrected item-total correlation: pandas, to 1e-9;
- McDonald's omega (total, one factor): factor_analyzer's minres loadings, to 1e-4 (an
  iterative optimiser on both sides);
- the norm (mean and SD with n - 1 of each scale's raw scores, prorated when one item is
  missing) and each person's T-score (50 + 10z) and percentile (100 * Phi(z), scipy), to the
  0.005 of the two decimals the score file keeps.

Each sheet's people answer from one latent trait per scale (keyed items lean with it, reversed
items against it), so the scales are realistic; some people leave items empty.

    python3 tests/instrumen/crosscheck.py --bin target/debug/ipasn [--sheets 40] [--seed 1]

Prints `instrumen: N passed, M failed` (one per sheet) and exits non-zero on any disagreement.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd
import pingouin as pg
from factor_analyzer import FactorAnalyzer
from scipy.stats import norm

warnings.filterwarnings("ignore")
WORST = {}


def seen(name, diff):
    WORST[name] = max(WORST.get(name, 0.0), float(diff))


HERE = os.path.dirname(os.path.abspath(__file__))
KEY = os.path.join(HERE, "../../crates/ipasn-instrumen/data/ipip-50/kunci.csv")


def key():
    with open(KEY) as f:
        return [(r["id"], r["skala"], r["arah"] == "-") for r in csv.DictReader(f)]


def sheet(rng, n, missing):
    """Answers 1-5 (NaN = empty), one latent trait per scale."""
    k = key()
    traits = {s: rng.normal(size=n) for s in {s for _, s, _ in k}}
    cols = {}
    for item, s, rev in k:
        load = rng.uniform(0.4, 1.2)
        raw = 3 + (-1 if rev else 1) * load * traits[s] + rng.normal(scale=1.0, size=n)
        x = np.clip(np.rint(raw), 1, 5)
        x[rng.random(n) < missing] = np.nan
        cols[item] = x
    return pd.DataFrame(cols)


def write(df, path):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["nip"] + list(df.columns))
        for i, row in df.iterrows():
            w.writerow([f"19800101200501{i:04d}"] + ["" if np.isnan(v) else str(int(v)) for v in row])


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {p.stderr}")
    return p.stdout


def check(bin_, rng, work, t):
    n = int(rng.integers(40, 400))
    missing = float(rng.choice([0.0, 0.01, 0.03]))
    df = sheet(rng, n, missing)
    path = os.path.join(work, f"jawaban-{t}.csv")
    write(df, path)
    got = json.loads(run([bin_, "instrumen", "analisis", "ipip-50", path, "--json"]))
    bad = []
    keyed = df.copy()
    for item, s, rev in key():
        if rev:
            keyed[item] = 6 - keyed[item]
    scales = {}
    for item, s, _ in key():
        scales.setdefault(s, []).append(item)
    for s, items in scales.items():
        sub = keyed[items].dropna()
        g = got[s]
        if g["n"] != len(sub):
            bad.append(f"{s}: n {g['n']} vs {len(sub)}")
            continue
        a = pg.cronbach_alpha(data=sub, nan_policy="listwise")[0]
        seen("alpha", abs(g["alpha"] - a))
        if abs(g["alpha"] - a) > 1e-9:
            bad.append(f"{s}: alpha {g['alpha']} vs pingouin {a}")
        total = sub.sum(axis=1)
        for it, gi in zip(items, g["items"]):
            assert gi["id"] == it
            m = sub[it].mean()
            r = np.corrcoef(sub[it], total - sub[it])[0, 1]
            for name, want, have in [("mean", m, gi["mean"]), ("difficulty", (m - 1) / 4, gi["difficulty"]),
                                     ("item_total", r, gi["item_total"])]:
                if have is not None:
                    seen(name, abs(have - want))
                if have is None or abs(have - want) > 1e-9:
                    bad.append(f"{s} item {it}: {name} {have} vs {want}")
        fa = FactorAnalyzer(n_factors=1, rotation=None, method="minres")
        fa.fit(sub.values)
        lam = fa.loadings_[:, 0] * (1 if fa.loadings_[:, 0].sum() >= 0 else -1)
        om = lam.sum() ** 2 / (lam.sum() ** 2 + (1 - lam ** 2).sum())
        if g["omega"] is not None:
            seen("omega", abs(g["omega"] - om))
        if g["omega"] is None or abs(g["omega"] - om) > 1e-4:
            bad.append(f"{s}: omega {g['omega']} vs factor_analyzer {om}")
    # The norm and the T-scores / percentiles.
    norma = os.path.join(work, f"norma-{t}.csv")
    skor = os.path.join(work, f"skor-{t}.csv")
    run([bin_, "instrumen", "norma", "ipip-50", path, "--out", norma])
    run([bin_, "instrumen", "skor", "ipip-50", path, "--norma", norma, "--out", skor])
    out = pd.read_csv(skor, dtype={"nip": str})
    for s, items in scales.items():
        k = keyed[items]
        answered = k.notna().sum(axis=1)
        raw = k.sum(axis=1) / answered * len(items)
        raw[len(items) - answered > 1] = np.nan
        mean, sd = raw.mean(), raw.std(ddof=1)
        z = (raw - mean) / sd
        for col, want in [(s, raw.round(2)), (f"{s}_t", 50 + 10 * z), (f"{s}_p", 100 * norm.cdf(z))]:
            have = out[col].to_numpy()
            w = np.asarray(want, dtype=float)
            both_nan = np.isnan(have) & np.isnan(w)
            diff = np.where(both_nan, 0, np.abs(have - w))
            seen(col.split("_")[-1] if "_" in col else "raw", np.nanmax(diff))
            if np.isnan(diff).any() or diff.max() > 0.0051:
                i = int(np.nanargmax(np.where(np.isnan(diff), np.inf, diff)))
                bad.append(f"{s}: {col} row {i}: {have[i]} vs {w[i]}")
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--sheets", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    passed = failed = 0
    with tempfile.TemporaryDirectory() as work:
        for t in range(a.sheets):
            bad = check(a.bin, rng, work, t)
            if bad:
                failed += 1
                print(f"sheet {t}: " + "; ".join(bad[:5]), file=sys.stderr)
            else:
                passed += 1
    print("largest differences: " + ", ".join(f"{k} {v:.1e}" for k, v in sorted(WORST.items())))
    print(f"instrumen: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
