#!/usr/bin/env python3
"""Load benchmark of the web application (not part of the test run).

On a generated instansi of 100,000 persons, on SQLite and on PostgreSQL: the dashboard and the
pegawai list (JSON API and HTML page), each with 50 concurrent clients on loopback driven by wrk
(Debian package `wrk`), reporting p50/p95/p99 latency and throughput. Target: p95 under 100 ms.

    python3 bench/load.py [--persons 100000] [--seconds 15] [--connections 50] [--postgres URL]

Needs: cargo (builds the release binary), wrk, and for PostgreSQL a server URL (default: start
one with scripts/postgres-for-tests). Results go to bench/out/load.json.
"""
import argparse
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def build():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    run(["cargo", "build", "--release", "-p", "ipasn"], cwd=ROOT)
    return os.path.join(target, "release", "ipasn")


def package(binary, persons, work):
    d = os.path.join(work, "paket")
    run([binary, "generate", "--persons", str(persons), "--seed", "3", "--out", d], stdout=subprocess.DEVNULL)
    z = os.path.join(work, "paket.zip")
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
        for name in sorted(os.listdir(d)):
            f.write(os.path.join(d, name), name)
    return z


def login(base, user, password):
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = op.open(base + "/masuk").read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"_csrf": token, "username": user, "password": password}).encode()
    op.open(base + "/masuk", body)
    sesi = [c.value for c in jar if c.name == "ipasn_sesi"]
    assert sesi, "login failed"
    return op, "ipasn_sesi=" + sesi[0]


def wrk(url, cookie, seconds, connections):
    env = dict(os.environ, IPASN_COOKIE=cookie)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                          "-s", os.path.join(ROOT, "bench", "p95.lua"), url],
                         check=True, capture_output=True, text=True, env=env).stdout
    line = [l for l in out.splitlines() if l.startswith("{")][-1]
    r = json.loads(line)
    r["rps"] = round(r["requests"] / r["seconds"], 1)
    return r


def bench_backend(binary, name, url, pkg, args):
    t0 = time.time()
    run([binary, "impor", pkg, "--database", url], stdout=subprocess.DEVNULL)
    import_s = time.time() - t0
    password = uuid.uuid4().hex
    run([binary, "akun", "--database", url, "--username", "bench", "--peran", "admin"],
        env=dict(os.environ, IPASN_PASSWORD=password), stdout=subprocess.DEVNULL)
    port = 21000 + (os.getpid() % 1000)
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([binary, "serve", "--database", url, "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/masuk", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        op, cookie = login(base, "bench", password)
        root = json.loads(op.open(base + "/api/dasbor").read())["unor"]["unor_id"]
        targets = {
            "dashboard (JSON)": f"{base}/api/dasbor",
            "dashboard (HTML)": f"{base}/dasbor/{root}",
            "pegawai list (JSON)": f"{base}/api/unor/{root}/pegawai",
            "pegawai list (HTML)": f"{base}/unor/{root}/pegawai",
            "pegawai list, category filter (JSON)": f"{base}/api/unor/{root}/pegawai?kategori=Rendah&urut=nama",
        }
        results = {"import_s": round(import_s, 1)}
        for label, u in targets.items():
            results[label] = wrk(u, cookie, args.seconds, args.connections)
            r = results[label]
            print(f"{name:9} {label:38} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
                  f"p99 {r['p99_ms']:7.1f} ms  {r['rps']:7.1f} req/s  errors {r['errors'] + r['non2xx']}", flush=True)
        return results
    finally:
        server.terminate()
        server.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=100_000)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--postgres", default=None, help="server URL (default: scripts/postgres-for-tests)")
    ap.add_argument("--skip-postgres", action="store_true")
    ap.add_argument("--ipasn", default=None, help="measure this ipasn binary instead of building one "
                    "(e.g. an earlier commit's, to compare)")
    ap.add_argument("--out", default="load.json", help="file name under bench/out/")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    binary = args.ipasn or build()
    work = tempfile.mkdtemp(prefix="ipasn-load-")
    pkg = package(binary, args.persons, work)
    out = {"persons": args.persons, "connections": args.connections, "seconds": args.seconds}
    out["sqlite"] = bench_backend(binary, "sqlite", "sqlite://" + os.path.join(work, "load.db"), pkg, args)
    if not args.skip_postgres:
        admin = args.postgres or subprocess.run([os.path.join(ROOT, "scripts", "postgres-for-tests")],
                                                check=True, capture_output=True, text=True).stdout.strip()
        db = "ipasn_load_" + uuid.uuid4().hex[:8]
        run(["psql", admin, "-q", "-c", f"CREATE DATABASE {db}"])
        out["postgres"] = bench_backend(binary, "postgres", admin.rsplit("/", 1)[0] + "/" + db, pkg, args)
    os.makedirs(os.path.join(ROOT, "bench", "out"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "out", args.out), "w") as f:
        json.dump(out, f, indent=2)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
