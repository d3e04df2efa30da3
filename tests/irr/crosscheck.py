#!/usr/bin/env python3
"""Cross-checks `ipasn irr --json` against established implementations on random rating tables
(with missing ratings): pingouin (ICC), statsmodels (Fleiss' kappa, Cohen's kappa),
scikit-learn (weighted kappa) and krippendorff (alpha). Every value must agree to 1e-9, and a
statistic ipasn reports as null must be one the reference cannot compute either, or one ipasn
must not interpret, with the reason in its notes:
- it rests on fewer subjects than `minimum_subjek` of crates/ipasn-asesmen/data/interpretasi.toml
  (counted here from the table: complete subjects for ICC and Fleiss' kappa, subjects with two or
  more ratings for alpha, subjects both raters rated for Cohen's kappa); ipasn must then give
  null, whatever the reference says;
- the reference's value lies outside the statistic's possible range (single-measure ICC
  [-1/(k-1), 1]; average-measures ICC, kappa and alpha at most 1; 1e-12 of rounding allowed);
  ipasn must then give null.
A null for any other reason, or a value where null is required, fails.

    python3 tests/irr/crosscheck.py --bin target/debug/ipasn [--tables 200] [--seed 1]

Prints `irr: N passed, M failed` (one per table) and exits non-zero on any disagreement.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import re
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
# Rounding allowed past a bound of a statistic's range (as ipasn's RENTANG_TOLERANSI).
RANGE_TOL = 1e-12
PRESETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../crates/ipasn-asesmen/data/interpretasi.toml")


def minimum_subjects():
    try:
        import tomllib  # Python 3.11+
    except ImportError:
        with open(PRESETS) as f:
            return int(re.search(r"(?m)^minimum_subjek\s*=\s*(\d+)", f.read()).group(1))
    with open(PRESETS, "rb") as f:
        return int(tomllib.load(f)["minimum_subjek"])


def subjects_used(x):
    """How many subjects each statistic rests on, counted from the table."""
    present = ~np.isnan(x)
    complete = int(present.all(axis=1).sum())
    pairable = int((present.sum(axis=1) >= 2).sum())
    used = {k: complete for k in ["icc1", "icc2", "icc3", "icc1k", "icc2k", "icc3k", "fleiss_kappa"]}
    used.update({k: pairable for k in ["alpha_nominal", "alpha_ordinal", "alpha_interval", "alpha_ratio"]})
    if x.shape[1] == 2:
        used.update({k: complete for k in ["cohen_kappa", "kappa_linear", "kappa_quadratic"]})
    return used


def possible_range(key, k):
    if key in ("icc1", "icc2", "icc3"):
        return -1.0 / (k - 1), 1.0
    return -math.inf, 1.0


def noted(out, key, phrase):
    """Whether a note names the statistic (or its family `icc`) and says `phrase`."""
    family = "icc" if key.startswith("icc") else key
    for n in out["notes"]:
        head, _, rest = n.partition(": ")
        if any(x in (key, family) for x in head.split(", ")) and phrase in rest:
            return True
    return False


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
    minimum = minimum_subjects()
    passed = failed = compared = 0
    null_few = null_range = 0
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
            used = subjects_used(x)
            for key in keys:
                mine = out.get(key)
                theirs = ref.get(key)
                computable = not (theirs is None or (isinstance(theirs, float) and not math.isfinite(theirs)))
                if used[key] < minimum:
                    if mine is not None:
                        problems.append(f"{key}: ipasn {mine} from {used[key]} subject(s), fewer than the minimum of {minimum}")
                    elif computable:
                        if noted(out, key, f"fewer than the minimum of {minimum}"):
                            null_few += 1
                        else:
                            problems.append(f"{key}: ipasn null without the minimum as its reason ({out['notes']}), reference {theirs}")
                    continue
                if not computable:
                    if mine is not None:
                        problems.append(f"{key}: ipasn {mine}, reference cannot compute it")
                    continue
                lo, hi = possible_range(key, x.shape[1])
                if not (lo - RANGE_TOL <= theirs <= hi + RANGE_TOL):
                    if mine is not None:
                        problems.append(f"{key}: ipasn {mine}, reference {theirs} lies outside [{lo}, {hi}]: must be null")
                    elif noted(out, key, "not interpretable"):
                        null_range += 1
                    else:
                        problems.append(f"{key}: ipasn null without the reason ({out['notes']}), reference {theirs} out of range")
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
    print(f"irr crosscheck: null where the reference has a value: {null_few} from fewer than {minimum} subjects, {null_range} outside the possible range")
    print(f"irr: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
