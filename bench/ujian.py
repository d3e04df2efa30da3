#!/usr/bin/env python3
"""Load benchmark and crash test of online tests (ujian): N simulated takers on loopback.

    python3 bench/ujian.py --takers N [--database URL] [--servers K] [--interval S] [--items K]
                           [--spike S] [--bin PATH] [--out FILE]
    python3 bench/ujian.py --crash --takers 40 [--database URL] [--bin PATH]

Set-up (not measured): a generated instansi of about N persons imported into a fresh database
(a SQLite file in a temporary folder, or a new database on the PostgreSQL server of
`--database postgres://…`, dropped afterwards), an admin account, `ipasn serve` (K processes on
the same PostgreSQL database with `--servers K`), a test session of IPIP-50 for everyone in the
data in force with the section's time limit set, and one-time tokens for every person (the
session's "kartu" CSV).

The load (measured client-side, per request): every taker opens one keep-alive connection per
server (as a browser would; a request goes to a random server), starts at a random moment within
`--spike` seconds of the first, signs in with its NIP and token, starts the test (waiting its
turn when queued), fetches its items, answers the first `--items` items one at a time, a random
`--interval`·U(0.5, 1.5) apart (each answer autosaved alone; 5% of saves also change an earlier
answer), sends a heartbeat every `--detak` seconds, reads its state back and submits. Failed
requests are retried with backoff, as the page does. After the load every taker's state is read
back and compared with the generator's log of acknowledged answers: an acknowledged (item, seq)
is honoured when the stored seq of that item is at least the acknowledged one; `lost` counts
the others.

`--crash` (small N, short interval): when all takers have started and half the answers are
acknowledged, every server is killed with SIGKILL, left down `--down` seconds (takers keep
retrying with backoff), restarted on the same database and port; before the takers get through,
every taker's state is read and checked (no acknowledged answer lost, the item position it last
reported, its section's remaining time equal to the deadline computed at its start, ±3 s); at the
end again (answers, position, submitted). It prints `ujian: P passed, F failed` and exits 1 on any
failure.

The last line of the output is one JSON object (takers, backend, latencies per request kind,
throughput, errors, acknowledged, lost, the server processes' CPU seconds and peak RSS from
/proc, the generator's event-loop lag, ...). Python's standard library only.
"""
import argparse
import asyncio
import collections
import csv
import datetime
import gc
import io
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLK_TCK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------------------------
# Set-up: binary, database, data, accounts, servers, the session and its tokens (blocking).
# ---------------------------------------------------------------------------------------------

def log(*a):
    print("ujian.py:", *a, file=sys.stderr, flush=True)


def build():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run(["cargo", "build", "--release", "-p", "ipasn"], cwd=ROOT, check=True)
    return os.path.join(target, "release", "ipasn")


def package(binary, persons, work):
    """A generated instansi of `persons` persons as a ZIP of CSV files (as bench/load.py)."""
    d = os.path.join(work, "paket")
    subprocess.run([binary, "generate", "--persons", str(persons), "--seed", "3", "--out", d],
                   check=True, stdout=subprocess.DEVNULL)
    z = os.path.join(work, "paket.zip")
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
        for name in sorted(os.listdir(d)):
            f.write(os.path.join(d, name), name)
    return z


class Database:
    """A fresh SQLite file in `work`, or a fresh database on the PostgreSQL server of `admin`
    (created with psql, dropped by `drop`)."""

    def __init__(self, admin, work):
        self.admin = admin
        self.name = None
        if admin:
            self.backend = "postgres"
            self.name = f"ipasn_ujian_{os.getpid()}_{uuid.uuid4().hex[:8]}"
            self.psql(f"CREATE DATABASE {self.name}")
            head = admin.split("?", 1)[0].rsplit("/", 1)[0]
            query = ("?" + admin.split("?", 1)[1]) if "?" in admin else ""
            self.url = f"{head}/{self.name}{query}"
        else:
            self.backend = "sqlite"
            self.url = "sqlite://" + os.path.join(work, "ujian.db")

    def psql(self, sql):
        subprocess.run(["psql", self.admin, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                       stdout=subprocess.DEVNULL)

    def drop(self):
        if self.name:
            try:
                self.psql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
            except subprocess.CalledProcessError as e:
                log(f"could not drop database {self.name}: {e}")

    def server_pids(self):
        """The PostgreSQL server's processes (postmaster and children), for their CPU time."""
        if not self.admin:
            return None
        try:
            out = subprocess.run(["psql", self.admin, "-Atc", "SHOW data_directory"], check=True,
                                 capture_output=True, text=True).stdout.strip()
            with open(os.path.join(out, "postmaster.pid")) as f:
                return int(f.readline())
        except (OSError, ValueError, subprocess.CalledProcessError):
            return None


def proc_cpu(pid, children=False):
    """CPU seconds (user + system) of a process from /proc; with `children`, of its reaped
    children too and of its live ones."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
        try:
            kids = open(f"/proc/{pid}/task/{pid}/children").read().split()
        except OSError:
            kids = []
        for k in kids:
            ticks += proc_cpu(int(k)) * CLK_TCK
    return ticks / CLK_TCK


def proc_status(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def machine_cpu():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return sum(v) - idle, sum(v)


class Server:
    """One `ipasn serve` process on a port; restartable on the same port and database. CPU
    seconds and peak RSS are kept across restarts (read just before the process ends)."""

    def __init__(self, binary, url, port, work):
        self.binary, self.url, self.port, self.work = binary, url, port, work
        self.proc = None
        self.cpu_done = 0.0
        self.hwm_kib = 0
        self.starts = 0

    def start(self, timeout=120):
        out = os.path.join(self.work, f"serve-{self.port}.out")
        err = open(os.path.join(self.work, f"serve-{self.port}.log"), "ab")
        open(out, "w").close()
        self.proc = subprocess.Popen([self.binary, "serve", "--database", self.url, "--listen",
                                      f"127.0.0.1:{self.port}"], stdout=open(out, "ab"), stderr=err,
                                     stdin=subprocess.DEVNULL)
        self.starts += 1
        t = time.time()
        while time.time() - t < timeout:
            if "http://" in open(out).read():
                return
            if self.proc.poll() is not None:
                raise SystemExit(f"ujian.py: ipasn serve on port {self.port} exited "
                                 f"({self.proc.returncode}):\n{self.log_tail()}")
            time.sleep(0.02)
        raise SystemExit(f"ujian.py: ipasn serve on port {self.port} did not start in {timeout} s")

    def log_tail(self, n=20):
        try:
            with open(os.path.join(self.work, f"serve-{self.port}.log"), "rb") as f:
                return b"\n".join(f.read().splitlines()[-n:]).decode(errors="replace")
        except OSError:
            return ""

    def sample(self):
        if self.proc and self.proc.poll() is None:
            self.hwm_kib = max(self.hwm_kib, proc_status(self.proc.pid, "VmHWM"))
            return self.cpu_done + proc_cpu(self.proc.pid)
        return self.cpu_done

    def _end(self, sig):
        if not self.proc or self.proc.poll() is not None:
            return
        self.cpu_done = self.sample()
        self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def kill9(self):
        self._end(signal.SIGKILL)

    def stop(self):
        self._end(signal.SIGTERM)

    def rss_kib(self):
        return proc_status(self.proc.pid, "VmRSS") if self.proc and self.proc.poll() is None else 0


def free_ports(k):
    import socket
    socks, ports = [], []
    for _ in range(k):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    return ports


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **kw):
        return None


class Admin:
    """The admin's browser: a cookie jar, CSRF tokens from the pages, forms and uploads."""

    def __init__(self, base, user, password):
        self.base = base
        self.jar = urllib.request.HTTPCookieProcessor()
        self.op = urllib.request.build_opener(self.jar, NoRedirect)
        page = self.get("/masuk")
        body = urllib.parse.urlencode({"_csrf": self.csrf(page), "username": user,
                                       "password": password}).encode()
        status, _, _ = self.send("POST", "/masuk", body,
                                 {"Content-Type": "application/x-www-form-urlencoded"})
        if not any(c.name == "ipasn_sesi" for c in self.jar.cookiejar):
            raise SystemExit(f"ujian.py: admin login failed ({status})")

    @staticmethod
    def csrf(html):
        m = re.search(r'name="_csrf" value="([^"]+)"', html)
        if not m:
            raise SystemExit("ujian.py: no CSRF field in the page")
        return m.group(1)

    def send(self, method, path, data=None, headers=None, timeout=600):
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers=dict(headers or {}, Origin=self.base))
        try:
            with self.op.open(req, timeout=timeout) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def get(self, path):
        status, _, body = self.send("GET", path)
        if status != 200:
            raise SystemExit(f"ujian.py: GET {path} answered {status}: {body[:400]!r}")
        return body.decode()


def multipart(fields):
    """multipart/form-data of (name, value) pairs; a value may be (filename, bytes, type)."""
    b = "----ujian" + uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields:
        out.write(f"--{b}\r\n".encode())
        if isinstance(value, tuple):
            fn, data, ctype = value
            out.write(f'Content-Disposition: form-data; name="{name}"; filename="{fn}"\r\n'
                      f"Content-Type: {ctype}\r\n\r\n".encode())
            out.write(data)
        else:
            out.write(f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
            out.write(str(value).encode())
        out.write(b"\r\n")
    out.write(f"--{b}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={b}"


def find_version(obj, name="ipip-50"):
    """The id of the newest version of instrument `name` in /api/instrumen's answer."""
    found = []

    def walk(o):
        if isinstance(o, dict):
            if str(o.get("instrumen", "")).lower() == name and "id" in o:
                found.append(o["id"])
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(obj)
    if not found:
        raise SystemExit(f"ujian.py: no {name} version in /api/instrumen: {json.dumps(obj)[:400]}")
    return found[-1]


def create_session(admin, minutes):
    """A session of IPIP-50 for everyone in the data in force, open from today for a week, with
    the first section's time limit `minutes`. Returns its id."""
    page = admin.get("/ujian/sesi")  # stores the shipped IPIP-50 bundle
    versi = find_version(json.loads(admin.get("/api/instrumen")))
    today = datetime.datetime.now(datetime.timezone.utc)
    wib = today + datetime.timedelta(hours=7)
    buka = min(today.date(), wib.date())
    fields = [("_csrf", Admin.csrf(page)), ("nama", "Beban ujian " + uuid.uuid4().hex[:6]),
              ("instrumen", versi), ("buka", buka.isoformat()),
              ("tutup", (buka + datetime.timedelta(days=7)).isoformat()), ("kelompok", "semua"),
              ("menit_0_0", str(minutes))]
    body, ctype = multipart(fields)
    status, headers, answer = admin.send("POST", "/ujian/sesi", body,
                                         {"Content-Type": ctype, "X-CSRF-Token": Admin.csrf(page)})
    loc = headers.get("Location", "") if headers else ""
    m = re.search(r"/ujian/sesi/([^/?#]+)", loc)
    if status != 303 or not m:
        text = re.sub(r"<[^>]+>", " ", answer.decode(errors="replace"))
        raise SystemExit(f"ujian.py: POST /ujian/sesi answered {status} {loc}: "
                         f"{' '.join(text.split())[:800]}")
    return m.group(1)


def session_tokens(admin, sesi):
    """The session's cards: (nip, token) of every invited person who has not started."""
    page = admin.get(f"/ujian/sesi/{sesi}")
    data = urllib.parse.urlencode({"_csrf": Admin.csrf(page), "format": "csv",
                                   "konfirmasi": "1"}).encode()
    status, _, body = admin.send("POST", f"/ujian/sesi/{sesi}/kartu", data,
                                 {"Content-Type": "application/x-www-form-urlencoded"})
    if status != 200:
        raise SystemExit(f"ujian.py: POST /ujian/sesi/{sesi}/kartu answered {status}: {body[:400]!r}")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    head = [h.strip().lower() for h in rows[0]]
    try:
        i_nip, i_token = head.index("nip"), head.index("token")
    except ValueError:
        raise SystemExit(f"ujian.py: the card CSV has no nip or token column: {rows[0]}")
    return [(r[i_nip].strip(), r[i_token].strip()) for r in rows[1:] if len(r) > i_token]


# ---------------------------------------------------------------------------------------------
# The load: a hand-written HTTP/1.1 keep-alive client on asyncio streams.
# ---------------------------------------------------------------------------------------------

class HttpError(Exception):
    pass


def pct(values, p):
    if not values:
        return None
    v = sorted(values)
    return round(v[min(len(v) - 1, max(0, math.ceil(p / 100 * len(v)) - 1))], 1)


class Run:
    """Shared state of one load: counters, latencies, the crash gate."""

    def __init__(self, args, ports):
        self.args = args
        self.ports = ports
        self.lat = collections.defaultdict(list)      # kind -> ms of completed requests
        self.status = collections.Counter()           # "kind status" -> count
        self.errors = collections.Counter()           # "kind what" -> count (outside a crash)
        self.crash_failures = collections.Counter()   # failures while the servers were down
        self.throttled = 0
        self.queued = 0
        self.rejected = 0
        self.sisa_drift = []                          # |server sisa_detik - expected| (s)
        self.per_second = collections.Counter()       # completed requests per second
        self.jawab_at = []                            # (completion time, ms) of autosaves
        self.start_waits = []                         # s from a taker's start to its items
        self.spike_end = None                         # perf_counter time the spike ends
        self.gate = asyncio.Event()
        self.gate.set()
        self.inflight = 0
        self.crashing = False
        self.acks_total = 0
        self.t_first = None
        self.t_last = None
        self.started = 0
        self.end_by = None
        self.failures = []                            # crash-mode check failures (messages)
        self.passed = 0

    def check(self, ok, msg):
        if ok:
            self.passed += 1
        else:
            self.failures.append(msg)
        return ok


class GiveUp(Exception):
    pass


class Taker:
    def __init__(self, run, i, nip, token, t_start):
        self.run = run
        self.i = i
        self.nip = nip
        self.token = token
        self.t_start = t_start
        self.rng = random.Random(run.args.seed * 1_000_003 + i)
        self.conns = {}
        self.cookies = {}
        self.csrf = None
        self.seq = 0
        self.acked = []             # (item, seq, value) acknowledged
        self.posisi_ack = None      # the last acknowledged posisi (jawab or detak)
        self.posisi_unsure = set()  # posisi sent since, with no answer
        self.deadline = None        # monotonic seconds: start + the section's limit
        self.limit = None
        self.done = False
        self.fail = None
        self.pre_submit = None      # state read back before submitting
        self.final = None           # state read back after the load
        self.final_status = None    # its HTTP status (401 once submitted: the key dies)
        self.submitted = None       # the status the submission answered
        self.missing = []

    # -- HTTP ---------------------------------------------------------------------------------

    async def http(self, port, method, path, obj):
        """One request on the keep-alive connection to `port`. As browsers do, a request that
        fails on a reused connection before any byte of an answer (the server closed it while
        idle, or a restarted server never had it) is sent again once on a new connection."""
        if port in self.conns:
            try:
                return await self.http1(port, method, path, obj)
            except (ConnectionResetError, BrokenPipeError):
                self.close(port)
            except asyncio.IncompleteReadError as e:
                self.close(port)
                if e.partial:
                    raise
        return await self.http1(port, method, path, obj)

    async def http1(self, port, method, path, obj):
        conn = self.conns.get(port)
        if conn is None:
            conn = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
            self.conns[port] = conn
        reader, writer = conn
        host = f"127.0.0.1:{port}"
        lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Accept: application/json"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        body = b""
        if method == "POST":
            body = json.dumps(obj, separators=(",", ":")).encode()
            lines += [f"Origin: http://{host}", "Content-Type: application/json",
                      f"Content-Length: {len(body)}"]
            if self.csrf:
                lines.append("X-CSRF-Token: " + self.csrf)
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        head = await reader.readuntil(b"\r\n\r\n")
        hl = head.decode("latin-1").split("\r\n")
        status = int(hl[0].split(" ", 2)[1])
        headers = {}
        for h in hl[1:]:
            if not h:
                continue
            k, _, v = h.partition(":")
            k = k.strip().lower()
            v = v.strip()
            if k == "set-cookie":
                name, _, val = v.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = val.strip()
            headers[k] = v
        if "content-length" in headers:
            data = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await reader.readuntil(b"\r\n")
                    break
                parts.append(await reader.readexactly(size))
                await reader.readexactly(2)
            data = b"".join(parts)
        else:
            data = await reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self.close(port)
        return status, headers, data

    def close(self, port=None):
        for p in ([port] if port is not None else list(self.conns)):
            c = self.conns.pop(p, None)
            if c:
                try:
                    c[1].close()
                except Exception:  # noqa: BLE001
                    pass

    async def call(self, kind, method, path, obj=None, fatal=(400, 401, 403, 404, 410, 422),
                   unsure_posisi=None):
        """One request with retries as the page makes them: connection failures, timeouts and 5xx
        back off (2, 4, 8, 16, then 30 s) and retry; 429 waits Retry-After; a status in `fatal` ends the taker; any other
        answer (200, 409) is returned as (status, json)."""
        R = self.run
        a = R.args
        fails = 0
        while True:
            if time.monotonic() > R.end_by:
                raise GiveUp(f"{kind}: out of time")
            if not R.gate.is_set():
                await R.gate.wait()
            port = R.ports[self.rng.randrange(len(R.ports))]
            R.inflight += 1
            crashing = R.crashing
            t0 = time.perf_counter()
            what = None
            try:
                async with asyncio.timeout(a.request_timeout):
                    status, headers, data = await self.http(port, method, path, obj)
            except TimeoutError:
                what = "timeout"
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                    IndexError) as e:
                what = type(e).__name__
            finally:
                R.inflight -= 1
            t1 = time.perf_counter()
            if what is not None:
                self.close(port)
                if unsure_posisi is not None:
                    self.posisi_unsure.add(unsure_posisi)
                if crashing or R.crashing:
                    R.crash_failures[f"{kind} {what}"] += 1
                else:
                    R.errors[f"{kind} {what}"] += 1
            else:
                if R.t_first is None:
                    R.t_first = t0
                R.t_last = t1
                R.status[f"{kind} {status}"] += 1
                R.lat[kind].append((t1 - t0) * 1000)
                R.per_second[int(t1)] += 1
                if kind == "jawab":
                    R.jawab_at.append((t1, (t1 - t0) * 1000))
                if status == 429:
                    R.throttled += 1
                    try:
                        wait = float(headers.get("retry-after", "1"))
                    except ValueError:
                        wait = 1.0
                    await asyncio.sleep(wait * self.rng.uniform(1.0, 1.5))
                    continue
                if status >= 500:
                    R.errors[f"{kind} {status}"] += 1
                    if unsure_posisi is not None:
                        self.posisi_unsure.add(unsure_posisi)
                elif status in fatal:
                    R.errors[f"{kind} {status}"] += 1
                    raise GiveUp(f"{kind} {method} {path} -> {status}: {data[:300]!r}")
                else:
                    try:
                        js = json.loads(data) if data else {}
                    except ValueError:
                        R.errors[f"{kind} badjson"] += 1
                        raise GiveUp(f"{kind} {method} {path} -> {status}: not JSON {data[:200]!r}")
                    if isinstance(js, dict) and js.get("csrf"):
                        self.csrf = js["csrf"]
                    return status, js
            # The page's backoff: 2, 4, 8, 16, 30 s (±25%).
            fails += 1
            await asyncio.sleep(min(a.max_backoff, 2 ** min(fails, 5)) * self.rng.uniform(0.75, 1.25))

    # -- the taker's test -----------------------------------------------------------------------

    def note_sisa(self, sisa, t):
        if sisa is None or self.deadline is None:
            return None
        d = abs(sisa - (self.deadline - t))
        self.run.sisa_drift.append(d)
        return d

    async def run_test(self):
        R = self.run
        a = R.args
        await asyncio.sleep(max(0.0, self.t_start - time.monotonic()))
        _, st = await self.call("masuk", "POST", "/ujian/api/masuk",
                                {"nip": self.nip, "token": self.token})
        if st.get("status") != "mengerjakan":
            while True:
                t0 = time.monotonic()
                _, st = await self.call("mulai", "POST", "/ujian/api/mulai", {})
                if st.get("status") != "antre":
                    break
                R.queued += 1
                wait = float((st.get("antre") or {}).get("tunggu_detik") or 1)
                await asyncio.sleep(max(0.2, wait) * self.rng.uniform(1.0, 1.2))
            t_start = (t0 + time.monotonic()) / 2
        else:
            t_start = time.monotonic()
        R.started += 1
        _, st = await self.call("keadaan", "GET", "/ujian/api/keadaan")
        R.start_waits.append(time.monotonic() - self.t_start)
        answered = 0
        t_detak = time.monotonic() + a.detak if a.detak else None
        values = {}
        while True:
            bagian = st.get("bagian") or {}
            if st.get("status") != "mengerjakan" or not bagian:
                raise GiveUp(f"no section to answer: status {st.get('status')}")
            if a.menit:
                self.limit = a.menit * 60
                self.deadline = t_start + self.limit
            if self.posisi_ack is None:
                self.posisi_ack = st.get("posisi", 0)
            items = bagian.get("butir") or []
            likert = bagian.get("pilihan") or []
            start = st.get("posisi") or 0
            closed = False
            for idx in range(start, len(items)):
                if answered >= a.items:
                    break
                wait = a.interval * self.rng.uniform(0.5, 1.5)
                t_item = time.monotonic()
                while t_detak is not None and t_detak <= t_item + wait:
                    await asyncio.sleep(max(0.0, t_detak - time.monotonic()))
                    p = idx
                    code, js = await self.call("detak", "POST", "/ujian/api/detak",
                                               {"keluar": 0, "posisi": p}, unsure_posisi=p)
                    if code == 200:
                        self.posisi_ack = p
                        self.posisi_unsure.clear()
                    t_detak += a.detak
                await asyncio.sleep(max(0.0, t_item + wait - time.monotonic()))
                item = items[idx]
                opsi = [o["kode"] for o in (item.get("opsi") or likert)] or ["1", "2", "3", "4", "5"]
                self.seq += 1
                entries = [{"butir": item["id"], "nilai": self.rng.choice(opsi), "seq": self.seq,
                            "ms": int(wait * 1000)}]
                if values and self.rng.random() < a.revise:
                    old = self.rng.choice(sorted(values))
                    self.seq += 1
                    entries.append({"butir": old, "nilai": self.rng.choice(opsi), "seq": self.seq,
                                    "ms": 1500})
                code, js = await self.call("jawab", "POST", "/ujian/api/jawab",
                                           {"jawaban": entries, "posisi": idx + 1},
                                           unsure_posisi=idx + 1)
                if code == 409:
                    closed = True
                    break
                if code != 200:
                    R.errors[f"jawab {code}"] += 1
                    raise GiveUp(f"jawab answered {code}: {js}")
                t_ack = time.monotonic()
                ok = set(js.get("diterima") or [])
                for e in entries:
                    if e["seq"] in ok:
                        self.acked.append((e["butir"], e["seq"], e["nilai"]))
                        values[e["butir"]] = e["nilai"]
                        R.acks_total += 1
                    else:
                        R.rejected += 1
                self.posisi_ack = idx + 1
                self.posisi_unsure.clear()
                self.note_sisa(js.get("sisa_detik"), t_ack)
                answered += 1
            if closed or answered >= a.items or bagian.get("no", 1) >= bagian.get("dari", 1):
                break
            _, st = await self.call("lanjut", "POST", "/ujian/api/lanjut", {})
            if st.get("status") != "mengerjakan":
                break
            t_start = time.monotonic()
            self.posisi_ack = None
            _, st = await self.call("keadaan", "GET", "/ujian/api/keadaan")
        _, self.pre_submit = await self.call("verify", "GET", "/ujian/api/keadaan")
        _, js = await self.call("selesai", "POST", "/ujian/api/selesai", {})
        self.submitted = js.get("status")
        self.done = True

    async def main(self):
        try:
            await self.run_test()
        except GiveUp as e:
            self.fail = str(e)
        except Exception as e:  # noqa: BLE001  (a generator bug must not stop the others)
            self.fail = f"{type(e).__name__}: {e}"
        finally:
            self.close()

    # -- checks ---------------------------------------------------------------------------------

    def lost(self, state):
        """(acknowledged, lost, changed) against a state's `jawaban`: an ack of (item, seq) is
        honoured when the stored seq is at least the acked one; `changed` counts items whose
        stored seq equals the last acked seq but whose value differs."""
        jaw = (state or {}).get("jawaban")
        if jaw is None:
            return len(self.acked), None, None
        lost = 0
        last = {}
        self.missing = []
        for item, seq, val in self.acked:
            got = jaw.get(str(item)) or {}
            if (got.get("seq") or -1) < seq:
                lost += 1
                self.missing.append(f"{item} seq {seq} (stored {got.get('seq')})")
            if seq >= last.get(item, (-1, None))[0]:
                last[item] = (seq, val)
        changed = sum(1 for item, (seq, val) in last.items()
                      if (jaw.get(str(item)) or {}).get("seq") == seq
                      and str(jaw[str(item)].get("nilai")) != str(val))
        return len(self.acked), lost, changed


async def fetch_state(run, taker, port):
    """A taker's state through a separate connection (the checker's), with its cookie."""
    t = Taker(run, -1, taker.nip, None, 0)
    t.cookies = dict(taker.cookies)
    try:
        async with asyncio.timeout(run.args.request_timeout):
            status, _, data = await t.http(port, "GET", "/ujian/api/keadaan", None)
    finally:
        t.close()
    return status, (json.loads(data) if status == 200 and data else None), data


class GcWatch:
    """The generator's garbage-collector pauses (ms by generation): a full collection over the
    objects of 10,000 connections takes long enough to show as latency."""

    def __init__(self):
        self.pauses = collections.defaultdict(list)
        self.t = 0.0

    def __call__(self, phase, info):
        if phase == "start":
            self.t = time.perf_counter()
        else:
            self.pauses[info["generation"]].append((time.perf_counter() - self.t) * 1000)


async def loop_lag(samples, stop):
    """The generator's own delay: how late a 50 ms sleep wakes up (ms), with its time."""
    while not stop.is_set():
        t = time.perf_counter()
        await asyncio.sleep(0.05)
        t1 = time.perf_counter()
        samples.append((t1, (t1 - t - 0.05) * 1000))


async def crash_and_restart(run, takers, servers, expected_acks, info):
    """Waits until every taker started and half the answers are acknowledged, then kills every
    server (SIGKILL), keeps them down, restarts them, checks each taker's state before the
    takers get through, and lets them on."""
    a = run.args
    while not (run.started >= len(takers) and run.acks_total >= expected_acks / 2):
        if all(t.done or t.fail for t in takers):
            run.check(False, "the crash never happened: the takers ended first")
            return
        await asyncio.sleep(0.02)
    info["acks_before_kill"] = run.acks_total
    run.crashing = True
    t_kill = time.monotonic()
    for s in servers:
        s.kill9()
    log(f"killed {len(servers)} server(s) with SIGKILL after {run.acks_total} acknowledged answers")
    await asyncio.sleep(a.down)
    run.gate.clear()
    while run.inflight:
        await asyncio.sleep(0.01)
    loop = asyncio.get_running_loop()
    for s in servers:
        await loop.run_in_executor(None, s.start)
    info["down_s"] = round(time.monotonic() - t_kill, 2)
    log(f"restarted after {info['down_s']} s; checking every taker's state")
    for k, t in enumerate(takers):
        if t.fail:
            run.check(False, f"taker {t.nip} failed before the check: {t.fail}")
            continue
        port = run.ports[k % len(run.ports)]
        try:
            status, st, raw = await fetch_state(run, t, port)
        except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as e:
            run.check(False, f"taker {t.nip}: state after the restart: {type(e).__name__} {e}")
            continue
        now = time.monotonic()
        if not run.check(status == 200 and st is not None,
                         f"taker {t.nip}: GET /ujian/api/keadaan after the restart answered "
                         f"{status}: {raw[:300]!r}"):
            continue
        _, lost, _ = t.lost(st)
        run.check(lost == 0, f"taker {t.nip}: {lost} acknowledged answer(s) missing after the "
                             f"restart: {', '.join(t.missing[:5])}")
        allowed = {t.posisi_ack} | t.posisi_unsure
        run.check(st.get("posisi") in allowed,
                  f"taker {t.nip}: posisi after the restart {st.get('posisi')}, last reported "
                  f"{t.posisi_ack} (or unanswered {sorted(t.posisi_unsure)})")
        sisa = (st.get("bagian") or {}).get("sisa_detik")
        if t.deadline is None:
            run.check(False, f"taker {t.nip}: had not started before the crash")
        else:
            exp = t.deadline - now
            run.check(sisa is not None and abs(sisa - exp) <= 3,
                      f"taker {t.nip}: sisa_detik after the restart {sisa}, expected "
                      f"{exp:.1f} (start + {t.limit} s - elapsed)")
    run.crashing = False
    run.gate.set()


async def load(args, tokens, servers, dbinfo):
    run = Run(args, [s.port for s in servers])
    n = len(tokens)
    t0 = time.monotonic() + 0.5
    rng = random.Random(args.seed)
    takers = [Taker(run, i, nip, tok, t0 + rng.uniform(0, args.spike))
              for i, (nip, tok) in enumerate(tokens)]
    run.end_by = t0 + args.spike + args.items * args.interval * 1.5 + args.run_margin
    run.spike_end = time.perf_counter() + 0.5 + args.spike
    lag = []
    stop = asyncio.Event()
    lag_task = asyncio.create_task(loop_lag(lag, stop))
    cpu0 = [s.sample() for s in servers]
    db_pid = dbinfo.server_pids()
    db_cpu0 = proc_cpu(db_pid, children=True) if db_pid else None
    m0 = machine_cpu()
    g0 = resource.getrusage(resource.RUSAGE_SELF)
    rss_samples = []

    series = []  # (time, server CPU s, database CPU s, machine busy, machine total, RSS KiB)

    async def sampler():
        while not stop.is_set():
            cpu = sum(s.sample() for s in servers)
            rss = sum(s.rss_kib() for s in servers)
            rss_samples.append(rss)
            busy, total = machine_cpu()
            series.append((time.perf_counter(), cpu,
                           proc_cpu(db_pid, children=True) if db_pid else 0.0, busy, total, rss))
            if not args.gc:
                # What survived a second (connections, takers, logs) leaves the collector's
                # view, so its collections stay short; the garbage cycles of a bounded run stay.
                gc.freeze()
            await asyncio.sleep(1)

    samp = asyncio.create_task(sampler())
    info = {}
    crash = None
    if args.crash:
        crash = asyncio.create_task(crash_and_restart(run, takers, servers,
                                                      n * min(args.items, 50), info))
    gcw = GcWatch()
    gc.callbacks.append(gcw)
    if not args.gc:
        gc.collect()
        gc.freeze()
    w0 = time.monotonic()
    await asyncio.gather(*(t.main() for t in takers))
    wall = time.monotonic() - w0
    gc.callbacks.remove(gcw)
    if crash:
        if not crash.done():
            crash.cancel()
            run.check(False, "the crash did not complete before the takers ended")
        else:
            crash.result()
    stop.set()
    await lag_task
    await samp
    cpu = sum(s.sample() for s in servers) - sum(cpu0)
    db_cpu = (proc_cpu(db_pid, children=True) - db_cpu0) if db_pid else None
    m1 = machine_cpu()
    g1 = resource.getrusage(resource.RUSAGE_SELF)
    # After the load: every taker's state, read back (not timed as fetches).
    sem = asyncio.Semaphore(200)

    async def final(k, t):
        async with sem:
            try:
                status, st, _ = await fetch_state(run, t, run.ports[k % len(run.ports)])
                t.final_status = status
                t.final = st if status == 200 else None
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError):
                t.final = None
    await asyncio.gather(*(final(k, t) for k, t in enumerate(takers) if t.cookies))
    return run, takers, {
        "wall": wall, "lag": lag, "cpu": cpu, "db_cpu": db_cpu,
        "machine_busy": (m1[0] - m0[0]) / max(1, m1[1] - m0[1]),
        "machine_busy_s": (m1[0] - m0[0]) / CLK_TCK,
        "gen_cpu": (g1.ru_utime - g0.ru_utime) + (g1.ru_stime - g0.ru_stime),
        "rss_peak_sum_kib": max(rss_samples or [0]), "crash": info, "series": series,
        "gc": gcw.pauses,
    }


# ---------------------------------------------------------------------------------------------

def raise_nofile(need):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = max(soft, need)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, max(hard, want)))
    except (ValueError, OSError):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            pass
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < need:
        log(f"warning: RLIMIT_NOFILE is {soft}, below the {need} this load needs")
    return soft


def summarize(args, dbinfo, servers, run, takers, m, setup_s, commit):
    acknowledged = lost = changed = unverified = 0
    posisi_bad = 0
    source = collections.Counter()
    for t in takers:
        st = t.final if (t.final or {}).get("jawaban") is not None else t.pre_submit
        source["final" if st is t.final and st is not None else "pre_submit"] += 1
        ack, lo, ch = t.lost(st)
        acknowledged += ack
        if lo is None:
            unverified += ack
        else:
            lost += lo
            changed += ch or 0
        if t.pre_submit is not None and t.pre_submit.get("posisi") != t.posisi_ack:
            posisi_bad += 1
    jawab = run.lat.get("jawab", [])
    lag = [ms for _, ms in m["lag"]]
    in_spike = [ms for t, ms in run.jawab_at if t <= run.spike_end]
    after = [ms for t, ms in run.jawab_at if t > run.spike_end]
    keadaan = run.lat.get("keadaan", [])
    requests = sum(len(v) for v in run.lat.values())
    span = (run.t_last - run.t_first) if run.t_first else 0
    res = {
        "takers": len(takers), "backend": dbinfo.backend, "servers": len(servers),
        "interval_s": args.interval, "items": args.items, "spike_s": args.spike,
        "duration_s": round(m["wall"], 1), "requests": requests,
        "throughput_rps": round(requests / span, 1) if span else 0,
        "saves": run.status.get("jawab 200", 0), "fetches": len(keadaan),
        "autosave_p50_ms": pct(jawab, 50), "autosave_p90_ms": pct(jawab, 90),
        "autosave_p99_ms": pct(jawab, 99), "autosave_max_ms": pct(jawab, 100),
        "fetch_p50_ms": pct(keadaan, 50), "fetch_p99_ms": pct(keadaan, 99),
        "signin_p50_ms": pct(run.lat.get("masuk"), 50), "signin_p99_ms": pct(run.lat.get("masuk"), 99),
        "start_p50_ms": pct(run.lat.get("mulai"), 50), "start_p99_ms": pct(run.lat.get("mulai"), 99),
        "detak_p99_ms": pct(run.lat.get("detak"), 99), "submit_p99_ms": pct(run.lat.get("selesai"), 99),
        "autosave_p99_in_spike_ms": pct(in_spike, 99), "autosave_p99_after_spike_ms": pct(after, 99),
        "start_wait_p50_s": round(sorted(run.start_waits)[len(run.start_waits) // 2], 2) if run.start_waits else None,
        "start_wait_p99_s": round(sorted(run.start_waits)[math.ceil(0.99 * len(run.start_waits)) - 1], 2)
        if run.start_waits else None,
        "peak_rps": max(run.per_second.values()) if run.per_second else 0,
        "errors": sum(run.errors.values()), "error_kinds": dict(run.errors),
        "throttled": run.throttled, "queued": run.queued, "rejected": run.rejected,
        "acknowledged": acknowledged, "lost": lost, "unverified": unverified, "changed_value": changed,
        "posisi_mismatch": posisi_bad, "lost_checked_on": dict(source),
        "completed": sum(1 for t in takers if t.done),
        "gave_up": sum(1 for t in takers if t.fail),
        "sisa_drift_max_s": round(max(run.sisa_drift), 1) if run.sisa_drift else None,
        "server_cpu_s": round(m["cpu"], 1),
        "server_cpu_pct": round(100 * m["cpu"] / m["wall"], 1) if m["wall"] else None,
        "server_peak_rss_mib": round(sum(s.hwm_kib for s in servers) / 1024, 1),
        "db_cpu_s": round(m["db_cpu"], 1) if m["db_cpu"] is not None else None,
        "generator_cpu_s": round(m["gen_cpu"], 1),
        "machine_busy_pct": round(100 * m["machine_busy"], 1),
        # CPU of everything else on the machine (other work disturbs the measurement).
        "other_cpu_pct": round(100 * (m["machine_busy_s"] - m["cpu"] - (m["db_cpu"] or 0)
                                      - m["gen_cpu"]) / m["wall"], 1) if m["wall"] else None,
        "loop_lag_p50_ms": pct(lag, 50), "loop_lag_p99_ms": pct(lag, 99),
        "loop_lag_max_ms": pct(lag, 100),
        "gc_pause_max_ms": {g: pct(v, 100) for g, v in sorted(m["gc"].items())},
        "gc_collections": {g: len(v) for g, v in sorted(m["gc"].items())},
        "setup_s": round(setup_s, 1),
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "commit": commit, "loadavg_before": args.loadavg,
    }
    if run.crash_failures:
        res["crash_failures"] = dict(run.crash_failures)
    if m["crash"]:
        res.update(m["crash"])
    fails = [f"{t.nip}: {t.fail}" for t in takers if t.fail]
    if fails:
        res["first_failures"] = fails[:5]
    return res


def timeline(run, m, width=10.0):
    """The run in windows of `width` seconds: requests/s, autosave p50/p99, the servers' and the
    database's CPU %, the machine's busy %, the generator's worst loop lag."""
    if not run.t_first:
        return []
    t0 = run.t_first
    saves = collections.defaultdict(list)
    for t, ms in run.jawab_at:
        saves[int((t - t0) // width)].append(ms)
    reqs = collections.Counter()
    for sec, n in run.per_second.items():
        reqs[int((sec - t0) // width)] += n
    lag = collections.defaultdict(float)
    for t, ms in m["lag"]:
        k = int((t - t0) // width)
        lag[k] = max(lag[k], ms)
    series = m["series"]
    out = []
    for k in range(0, int((run.t_last - t0) // width) + 1):
        a, b = t0 + k * width, t0 + (k + 1) * width
        pts = [x for x in series if a <= x[0] < b + 1]
        row = {"t": int(k * width), "rps": round(reqs[k] / width, 1),
               "saves": len(saves[k]), "autosave_p50_ms": pct(saves[k], 50),
               "autosave_p99_ms": pct(saves[k], 99), "loop_lag_max_ms": round(lag[k], 1)}
        if len(pts) >= 2:
            f, l = pts[0], pts[-1]
            dt = l[0] - f[0]
            row["server_cpu_pct"] = round(100 * (l[1] - f[1]) / dt, 1)
            if l[2]:
                row["db_cpu_pct"] = round(100 * (l[2] - f[2]) / dt, 1)
            row["machine_busy_pct"] = round(100 * (l[3] - f[3]) / max(1, l[4] - f[4]), 1)
            row["rss_mib"] = round(l[5] / 1024, 1)
        out.append(row)
    return out


def crash_checks(run, takers, res):
    """The end-of-run checks of --crash (the after-restart ones ran during the load)."""
    for t in takers:
        if not run.check(t.done, f"taker {t.nip} did not finish: {t.fail}"):
            continue
        _, lost, _ = t.lost(t.pre_submit)
        run.check(lost == 0, f"taker {t.nip}: {lost} acknowledged answer(s) missing at the end: "
                             f"{', '.join(t.missing[:5])}")
        run.check(t.pre_submit.get("posisi") == t.posisi_ack,
                  f"taker {t.nip}: posisi at the end {t.pre_submit.get('posisi')}, last reported "
                  f"{t.posisi_ack}")
        # Submitted: the submission says so, and the attempt is closed to its cookie (401) or
        # shows itself submitted.
        run.check(t.submitted == "selesai" and (t.final_status in (401, 410) or
                                                (t.final or {}).get("status") == "selesai"),
                  f"taker {t.nip}: submission answered status {t.submitted}; the state after it "
                  f"{t.final_status} {(t.final or {}).get('status')}")
    run.check(res["errors"] == 0, f"{res['errors']} request error(s) outside the crash: "
                                  f"{res['error_kinds']}")
    run.check(res["lost"] == 0, f"{res['lost']} acknowledged answer(s) lost in all")
    run.check(res["acknowledged"] > 0, "no answer was acknowledged")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--takers", type=int, default=1000)
    ap.add_argument("--database", help="postgres://… server (a fresh database is created on it "
                    "and dropped); absent: a fresh SQLite file")
    ap.add_argument("--servers", type=int, default=1, help="ipasn serve processes (PostgreSQL)")
    ap.add_argument("--interval", type=float, default=None,
                    help="seconds between a taker's answers (mean; default 10, --crash 0.2)")
    ap.add_argument("--items", type=int, default=50, help="answer only the first K items")
    ap.add_argument("--spike", type=float, default=None,
                    help="every taker starts within this many seconds (default 60, --crash 2)")
    ap.add_argument("--detak", type=float, default=None,
                    help="heartbeat every S seconds (0: none; default 30, --crash 1)")
    ap.add_argument("--revise", type=float, default=0.05,
                    help="share of saves that also change an earlier answer")
    ap.add_argument("--menit", type=int, default=None,
                    help="the section's time limit in minutes (default: enough for the run)")
    ap.add_argument("--crash", action="store_true", help="kill -9 and restart the servers midway")
    ap.add_argument("--down", type=float, default=2.0, help="--crash: seconds the servers stay down")
    ap.add_argument("--bin", help="ipasn binary (default: cargo build --release)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--request-timeout", type=float, default=30)
    ap.add_argument("--max-backoff", type=float, default=30)
    ap.add_argument("--run-margin", type=float, default=300,
                    help="seconds a run may overrun its schedule before takers give up")
    ap.add_argument("--out", help="also write the JSON result to this file")
    ap.add_argument("--gc", action="store_true",
                    help="leave Python's garbage collector as it is (its full collections over "
                         "10,000 connections stall the generator; by default they are kept short)")
    args = ap.parse_args()
    if args.interval is None:
        args.interval = 0.2 if args.crash else 10.0
    if args.detak is None:
        args.detak = 1.0 if args.crash else 30.0
    if args.spike is None:
        args.spike = 2.0 if args.crash else 60.0
    if not 0 <= args.spike <= 300:
        ap.error("--spike must be between 0 and 300 seconds")
    if args.servers < 1 or (args.servers > 1 and not args.database):
        ap.error("--servers K > 1 needs --database postgres://…")
    if args.database and not args.database.startswith(("postgres://", "postgresql://")):
        ap.error("--database must be a postgres:// URL (absent: a fresh SQLite file)")
    if args.menit is None:
        args.menit = max(10, math.ceil((args.items * args.interval * 1.5 + args.run_margin) / 60))
    args.loadavg = os.getloadavg()[0]
    raise_nofile(args.takers * args.servers + 2000)

    binary = args.bin or build()
    try:
        commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = ""
    work = tempfile.mkdtemp(prefix="ipasn-ujian-")
    dbinfo = None
    servers = []
    t_setup = time.time()
    try:
        dbinfo = Database(args.database, work)
        log(f"{dbinfo.backend}: generating and importing {args.takers} persons")
        pkg = package(binary, args.takers + max(20, args.takers // 20), work)
        subprocess.run([binary, "impor", pkg, "--database", dbinfo.url, "--ya"], check=True,
                       stdout=subprocess.DEVNULL)
        password = uuid.uuid4().hex
        subprocess.run([binary, "akun", "--database", dbinfo.url, "--username", "bench",
                        "--peran", "admin"], env=dict(os.environ, IPASN_PASSWORD=password),
                       check=True, stdout=subprocess.DEVNULL)
        servers = [Server(binary, dbinfo.url, p, work) for p in free_ports(args.servers)]
        for s in servers:
            s.start()
        admin = Admin(f"http://127.0.0.1:{servers[0].port}", "bench", password)
        sesi = create_session(admin, args.menit)
        cards = session_tokens(admin, sesi)
        if len(cards) < args.takers:
            raise SystemExit(f"ujian.py: only {len(cards)} tokens for {args.takers} takers")
        cards = cards[:args.takers]
        setup_s = time.time() - t_setup
        log(f"session {sesi}: {len(cards)} takers on {len(servers)} server(s), interval "
            f"{args.interval} s, {args.items} items, spike {args.spike} s (set-up {setup_s:.0f} s)")
        run, takers, m = asyncio.run(load(args, cards, servers, dbinfo))
        for s in servers:
            s.sample()
        res = summarize(args, dbinfo, servers, run, takers, m, setup_s, commit)
        status = 0
        if args.crash:
            crash_checks(run, takers, res)
            for f in run.failures[:30]:
                print("ujian.py: FAILED", f)
            if len(run.failures) > 30:
                print(f"ujian.py: … and {len(run.failures) - 30} more failures")
            res["checks_passed"], res["checks_failed"] = run.passed, len(run.failures)
            print(f"ujian: {run.passed} passed, {len(run.failures)} failed")
            status = 1 if run.failures else 0
        elif res["lost"]:
            status = 1
        for k in ("masuk", "mulai", "keadaan", "jawab", "detak", "selesai", "verify"):
            v = run.lat.get(k)
            if v:
                print(f"ujian.py: {k:8} n={len(v):7}  p50 {pct(v, 50):8.1f} ms  p90 {pct(v, 90):8.1f} ms"
                      f"  p99 {pct(v, 99):8.1f} ms  max {pct(v, 100):8.1f} ms", file=sys.stderr)
        if args.out:
            os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
            with open(args.out, "w") as f:
                json.dump(dict(res, timeline=timeline(run, m)), f, indent=1)
        print(json.dumps(res), flush=True)
        return status
    finally:
        for s in servers:
            s.stop()
        if dbinfo:
            dbinfo.drop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
