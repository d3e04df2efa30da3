"""Benchmark: `ipasn compute` against the same rules written as DuckDB SQL, on generated packages.

    python3 bench/compute.py [--sizes 100000,1000000] [--runs 3] [--threads 2]

Builds ipasn (release), generates each package once under bench/out/ (seed 1, data year 2024),
then runs ipasn and DuckDB alternately, `--runs` times each, measuring wall time and peak
resident memory of each process (getrusage via wait4). Every person's four dimensions and IP,
and every unit's means, are compared between the two implementations: a mismatch fails the
benchmark. Prints a table and writes bench/out/results.md and results.json.

Needs `pip install duckdb` (the version used is printed). Not part of the test run.
"""

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def run(cmd: list[str]) -> tuple[float, int]:
    """Runs a command; returns (wall seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss // 1024


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def build() -> Path:
    subprocess.run(["cargo", "build", "--release", "--locked", "-p", "ipasn"], cwd=ROOT, check=True)
    return target_dir() / "release" / "ipasn"


def compare(size: int, ours: Path, theirs: Path, ours_units: Path, theirs_units: Path) -> str:
    cols = ["kualifikasi", "kompetensi", "kinerja", "disiplin", "ip"]
    a = {r["nip"]: r for r in csv.DictReader(open(ours))}
    b = {r["nip"]: r for r in csv.DictReader(open(theirs))}
    if a.keys() != b.keys():
        sys.exit(f"{size}: the measured persons differ ({len(a)} vs {len(b)})")
    bad = [k for k in a if any(abs(float(a[k][c]) - float(b[k][c])) > 1e-9 for c in cols)]
    if bad:
        sys.exit(f"{size}: {len(bad)} persons score differently, e.g. {a[bad[0]]} vs {b[bad[0]]}")
    ua = {r["unor_id"]: r for r in csv.DictReader(open(ours_units))}
    ub = {r["unor_id"]: r for r in csv.DictReader(open(theirs_units))}
    worst = 0.0
    for k, r in ua.items():
        s = ub[k]
        if (r["pegawai"], r["diukur"]) != (s["pegawai"], s["diukur"]):
            sys.exit(f"{size}: unit {k} counts differ: {r} vs {s}")
        for c in cols[:-1] + ["ip"]:
            if r[c] and s[c]:
                # DuckDB rounds a binary double; ipasn rounds the exact mean half up.
                worst = max(worst, abs(float(r[c]) - float(s[c])))
    if worst > 0.011:
        sys.exit(f"{size}: unit means differ by {worst}")
    return f"{len(a):,} persons identical; {len(ua):,} units, means within {worst:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--baseline", default=None,
                    help="another ipasn binary (e.g. an earlier commit's) run alternately with this one; "
                         "prints the median of the paired time ratios this/baseline")
    args = ap.parse_args()
    try:
        import duckdb
    except ImportError:
        sys.exit("DuckDB is missing: pip install duckdb")
    OUT.mkdir(parents=True, exist_ok=True)
    ipasn = build()
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        pkg = OUT / f"paket-{size}"
        if not (pkg / "diklat.csv").exists():
            subprocess.run([str(ipasn), "generate", "--persons", str(size), "--seed", "1", "--out", str(pkg)], check=True)
        mb = sum(f.stat().st_size for f in pkg.iterdir()) / 2**20
        ours, ours_u = OUT / f"ipasn-{size}.csv", OUT / f"ipasn-unor-{size}.csv"
        theirs, theirs_u = OUT / f"duckdb-{size}.csv", OUT / f"duckdb-unor-{size}.csv"
        cmd_ipasn = [str(ipasn), "compute", str(pkg), "--year", "2024", "--threads", str(args.threads),
                     "--out", str(ours), "--units", str(ours_u)]
        cmd_duck = [sys.executable, str(ROOT / "bench" / "ipasn_duckdb.py"), str(pkg), "2024", str(theirs),
                    str(theirs_u), str(args.threads)]
        t_i, m_i, t_d, m_d, t_b, m_b = [], [], [], [], [], []
        base_out, base_u = OUT / f"baseline-{size}.csv", OUT / f"baseline-unor-{size}.csv"
        cmd_base = [args.baseline, *cmd_ipasn[1:-4], "--out", str(base_out), "--units", str(base_u)] if args.baseline else None
        for r in range(args.runs):
            order = [(cmd_ipasn, t_i, m_i), (cmd_duck, t_d, m_d)]
            if cmd_base:
                order.insert(1, (cmd_base, t_b, m_b))
            for cmd, ts, ms in order if r % 2 == 0 else reversed(order):
                wall, peak = run(cmd)
                ts.append(wall)
                ms.append(peak)
        check = compare(size, ours, theirs, ours_u, theirs_u)
        if cmd_base:
            compare(size, base_out, theirs, base_u, theirs_u)
            paired = sorted(a / b for a, b in zip(t_i, t_b))
            print(json.dumps({"persons": size, "baseline": args.baseline, "ipasn_s": [round(t, 2) for t in t_i],
                              "baseline_s": [round(t, 2) for t in t_b],
                              "paired_ratio_median": round(statistics.median(paired), 3),
                              "paired_ratios": [round(x, 3) for x in paired],
                              "ipasn_peak_mib": max(m_i), "baseline_peak_mib": max(m_b)}))
        row = {
            "persons": size,
            "package_mib": round(mb),
            "ipasn_s": round(statistics.median(t_i), 2),
            "duckdb_s": round(statistics.median(t_d), 2),
            "time_ratio": round(statistics.median(t_i) / statistics.median(t_d), 2),
            "ipasn_peak_mib": max(m_i),
            "duckdb_peak_mib": max(m_d),
            "memory_ratio": round(max(m_i) / max(m_d), 2),
            "check": check,
        }
        rows.append(row)
        print(json.dumps(row))
    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Linux {platform.release()}",
        "duckdb": duckdb.__version__,
        "threads": args.threads,
        "runs": args.runs,
    }
    (OUT / "results.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2))
    lines = [
        f"Measured {meta['date']} on {meta['machine']}; DuckDB {meta['duckdb']}; {args.threads} threads each; "
        f"median of {args.runs} runs; peak = max resident set size.",
        "",
        "| persons | package | ipasn | DuckDB | time ratio | ipasn peak | DuckDB peak | memory ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['persons']:,} | {r['package_mib']} MiB | {r['ipasn_s']} s | {r['duckdb_s']} s | {r['time_ratio']} | "
            f"{r['ipasn_peak_mib']} MiB | {r['duckdb_peak_mib']} MiB | {r['memory_ratio']} |"
        )
    lines += ["", *[f"- {r['persons']:,}: {r['check']}" for r in rows]]
    (OUT / "results.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
