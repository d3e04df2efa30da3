#!/usr/bin/env python3
"""Cross-checks `ipasn irr --json` against established implementations on random rating tables
(with missing ratings): pingouin (ICC), statsmodels (Fleiss' kappa, Cohen's kappa),
scikit-learn (weighted kappa) and krippendorff (alpha). Every value must agree to 1e-9, and a
statistic ipasn reports as null must be one the reference cannot compute either.

    python3 tests/irr/crosscheck.py --bin target/debug/ipasn [--tables 200] [--seed 1]

Prints `irr: N passed, M failed` (one per table) and exits non-zero on any disagreement.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import warnings

import krippendorff
import numpy as np
import pandas as pd
import pingouin as pg
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa

warnings.filterwarnings("ignore")
TOL = 1e-9


def random_table(rng):
    n = int(rng.integers(4, 31))
    k = int(rng.integers(2, 6))
    half = rng.random() < 0.3
    levels = np.arange(1, 5.5, 0.5) if half else np.arange(1, 6)
    # Raters share a subject effect, so agreement ranges from poor to high.
    truth = rng.choice(levels, size=n)
    x = np.empty((n, k))
    noise = rng.choice([0.0, 0.5, 1.0, 2.0])
    for j in range(k):
        v = truth + rng.normal(0, noise, size=n)
        x[:, j] = levels[np.abs(levels[None, :] - v[:, None]).argmin(axis=1)]
    miss = rng.choice([0.0, 0.0, 0.1, 0.25])
    mask = rng.random((n, k)) < miss
    x[mask] = np.nan
    return x


def reference(x):
    ref = {}
    complete = x[~np.isnan(x).any(axis=1)]
    n, k = complete.shape
    # ICC on complete subjects.
    if n >= 2:
        df = pd.DataFrame([(i, j, complete[i, j]) for i in range(n) for j in range(k)], columns=["s", "r", "v"])
        try:
            icc = pg.intraclass_corr(data=df, targets="s", raters="r", ratings="v").set_index("Type")["ICC"]
            for key, t in [("icc1", "ICC1"), ("icc2", "ICC2"), ("icc3", "ICC3"), ("icc1k", "ICC1k"), ("icc2k", "ICC2k"), ("icc3k", "ICC3k")]:
                ref[key] = float(icc[t])
        except Exception:
            pass
    if n >= 1:
        table, _ = aggregate_raters(complete)
        ref["fleiss_kappa"] = float(fleiss_kappa(table, method="fleiss"))
    for level in ["nominal", "ordinal", "interval", "ratio"]:
        try:
            ref["alpha_" + level] = float(krippendorff.alpha(reliability_data=x.T, level_of_measurement=level))
        except Exception:
            pass
    if x.shape[1] == 2:
        both = x[~np.isnan(x).any(axis=1)]
        if len(both):
            a, b = both[:, 0], both[:, 1]
            labels = np.unique(np.concatenate([a, b]))
            ct = np.array([[np.sum((a == p) & (b == q)) for q in labels] for p in labels], dtype=float)
            ref["cohen_kappa"] = float(cohens_kappa(ct, return_results=False))
            # scikit-learn takes class labels: the ranks of the values (its weights are rank
            # distances, as ipasn's).
            ra, rb = np.searchsorted(labels, a), np.searchsorted(labels, b)
            ref["cohen_kappa_sklearn"] = float(cohen_kappa_score(ra, rb))
            ref["kappa_linear"] = float(cohen_kappa_score(ra, rb, weights="linear"))
            ref["kappa_quadratic"] = float(cohen_kappa_score(ra, rb, weights="quadratic"))
    return ref


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--tables", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    passed = failed = compared = 0
    worst = 0.0
    with tempfile.TemporaryDirectory() as d:
        for t in range(args.tables):
            x = random_table(rng)
            path = os.path.join(d, f"t{t}.csv")
            with open(path, "w") as f:
                f.write("subject,rater,value\n")
                for i in range(x.shape[0]):
                    for j in range(x.shape[1]):
                        v = "" if math.isnan(x[i, j]) else repr(float(x[i, j]))
                        f.write(f"s{i},r{j},{v}\n")
            out = json.loads(subprocess.run([args.bin, "irr", path, "--json"], check=True, capture_output=True, text=True).stdout)
            ref = reference(x)
            problems = []
            keys = ["icc1", "icc2", "icc3", "icc1k", "icc2k", "icc3k", "fleiss_kappa",
                    "alpha_nominal", "alpha_ordinal", "alpha_interval", "alpha_ratio"]
            if x.shape[1] == 2:
                keys += ["cohen_kappa", "kappa_linear", "kappa_quadratic"]
                if "cohen_kappa" in ref:
                    ref_sk = ref.pop("cohen_kappa_sklearn")
                    if not (math.isnan(ref_sk) and math.isnan(ref["cohen_kappa"])) and abs(ref_sk - ref["cohen_kappa"]) > TOL:
                        problems.append(f"statsmodels and scikit-learn disagree: {ref['cohen_kappa']} vs {ref_sk}")
            elif any(k in out for k in ["cohen_kappa", "kappa_linear", "kappa_quadratic"]):
                problems.append("Cohen's kappa reported for more than two raters")
            for key in keys:
                mine = out.get(key)
                theirs = ref.get(key)
                if theirs is None or (isinstance(theirs, float) and not math.isfinite(theirs)):
                    if mine is not None:
                        problems.append(f"{key}: ipasn {mine}, reference cannot compute it")
                    continue
                if mine is None:
                    problems.append(f"{key}: ipasn null ({out['notes']}), reference {theirs}")
                    continue
                diff = abs(mine - theirs)
                worst = max(worst, diff)
                compared += 1
                if diff > TOL:
                    problems.append(f"{key}: ipasn {mine!r}, reference {theirs!r} (diff {diff:.3g})")
            if problems:
                failed += 1
                print(f"table {t} ({x.shape[0]}×{x.shape[1]}, {int(np.isnan(x).sum())} missing):", *problems, sep="\n  ")
            else:
                passed += 1
    print(f"irr crosscheck: {compared} values compared, largest difference {worst:.2e}")
    print(f"irr: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
