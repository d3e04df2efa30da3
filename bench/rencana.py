#!/usr/bin/env python3
"""Benchmark of the plan optimiser (`ipasn rencana`) on a generated instansi.

    python3 bench/rencana.py [--persons 10000] [--bin PATH] [--budgets 500000000,2500000000,10000000000]
                             [--tujuan rerata,kategori,unit80] [--runs 3] [--out FILE]

Set-up (not measured): a generated package of `--persons` persons (seed 1), kept in
bench/out/rencana-paket-N. For each objective and budget, `ipasn rencana` (a release build)
reads the package, scores everyone, builds every person's candidate actions from what their
score misses, and chooses under the budget: the integer program (node-limited, warm-started
from greedy) and the greedy plan beside it, then scores everyone again with the chosen actions
done (the projection). Measured: the wall time of the whole command (best of `--runs`), the
candidates, the optimality gap the solver reports, and the gain over what an analyst would do
by hand — a spreadsheet sorted by points per rupiah, which is the greedy plan: the ratio of the
plan's gain (mean IP points, or targets reached) to greedy's.

The last line is one JSON object; the table is also written to bench/out/rencana.json.
Python's standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=10000)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "target"))
    ap.add_argument("--bin", default=os.path.join(target, "release", "ipasn"))
    ap.add_argument("--budgets", default="500000000,2500000000,10000000000")
    ap.add_argument("--tujuan", default="rerata,kategori,unit80")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(HERE, "out", "rencana.json"))
    a = ap.parse_args()
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    paket = os.path.join(HERE, "out", f"rencana-paket-{a.persons}")
    if not os.path.isdir(paket):
        subprocess.run([a.bin, "generate", "--persons", str(a.persons), "--seed", "1", "--out", paket],
                       check=True, stdout=subprocess.DEVNULL)
    rows = []
    for tujuan in a.tujuan.split(","):
        for budget in [int(b) for b in a.budgets.split(",")]:
            best = None
            for _ in range(a.runs):
                t0 = time.perf_counter()
                p = subprocess.run(
                    [a.bin, "rencana", paket, "--year", "2024", "--lang", "en", "--anggaran", str(budget),
                     "--tujuan", tujuan, "--out", os.path.join(HERE, "out", "rencana-aksi.csv")],
                    check=True, capture_output=True, text=True)
                dt = time.perf_counter() - t0
                best = dt if best is None else min(best, dt)
            out = p.stdout
            m = re.search(r"(\d+) persons measured, (\d+) candidate actions\. Mean IP ([\d.]+) → ([\d.]+)", out)
            gap = re.search(r"optimality gap (.+?) \(greedy: \+([\d.]+)\)", out)
            n, cand, before, after = int(m[1]), int(m[2]), float(m[3]), float(m[4])
            row = {
                "tujuan": tujuan, "anggaran": budget, "persons": n, "candidates": cand,
                "seconds": round(best, 3), "mean_before": before, "mean_after": after,
                "gain": round(after - before, 4), "greedy_gain": float(gap[2]), "gap": gap[1].strip(),
            }
            t = re.search(r"Objective \w+: (\d+) of (\d+) \(greedy: (\d+)\)", out)
            if t:
                row.update(reached=int(t[1]), targets=int(t[2]), greedy_reached=int(t[3]))
                row["ratio_vs_greedy"] = round(int(t[1]) / max(int(t[3]), 1), 4)
            else:
                row["ratio_vs_greedy"] = round(row["gain"] / max(row["greedy_gain"], 1e-9), 4)
            rows.append(row)
            print(f"{tujuan:9} Rp{budget:>15,}  {best:6.2f} s  mean {before:.2f} → {after:.2f}"
                  f"  gap {row['gap']:>18}  vs greedy ×{row['ratio_vs_greedy']}"
                  + (f"  reached {row['reached']}/{row['targets']} (greedy {row['greedy_reached']})" if t else ""),
                  file=sys.stderr)
    result = {"persons": a.persons, "runs": a.runs, "rows": rows}
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
