#!/usr/bin/env python3
"""Memory of the server under a burst of anonymous logins (issue 10, item 5).

Starts `ipasn serve` on a fresh SQLite file, fires N simultaneous logins with unknown
usernames (each needs a password check), and prints the server's peak resident memory
(VmHWM) before and after, with the answers' status counts. Loopback only, bounded.

    python3 bench/login_burst.py --bin target/release/ipasn --logins 200
"""
import argparse, collections, http.cookiejar, json, os, re, socket, subprocess, sys, tempfile
import threading, time, urllib.parse, urllib.request


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/ipasn")
    ap.add_argument("--logins", type=int, default=200)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    db = f"sqlite://{tmp}/b.db"
    env = dict(os.environ, IPASN_PASSWORD="kata-sandi-bench-1")
    subprocess.run([a.bin, "akun", "--database", db, "--username", "admin"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    port = free_port()
    srv = subprocess.Popen([a.bin, "serve", "--database", db, "--listen", f"127.0.0.1:{port}"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    srv.stdout.readline()
    base = f"http://127.0.0.1:{port}"
    time.sleep(0.3)
    before = hwm_kib(srv.pid)

    openers = []
    for _ in range(a.logins):
        jar = http.cookiejar.CookieJar()
        op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        html = op.open(base + "/masuk", timeout=60).read().decode()
        token = re.search(r'name="_csrf" value="([0-9a-f]+)"', html).group(1)
        openers.append((op, token))
    statuses = collections.Counter()
    start = threading.Barrier(a.logins)

    def one(i):
        op, token = openers[i]
        data = urllib.parse.urlencode({"_csrf": token, "username": f"tamu{i}", "password": "x"}).encode()
        start.wait()
        try:
            op.open(base + "/masuk", data=data, timeout=120)
            statuses[200] += 1
        except urllib.error.HTTPError as e:
            statuses[e.code] += 1
        except Exception as e:  # noqa: BLE001
            statuses[type(e).__name__] += 1

    t0 = time.time()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(a.logins)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.time() - t0
    after = hwm_kib(srv.pid)
    srv.terminate()
    srv.wait()
    print(json.dumps({"logins": a.logins, "seconds": round(took, 2), "statuses": dict(statuses),
                      "peak_rss_mib_before": round(before / 1024, 1),
                      "peak_rss_mib_after": round(after / 1024, 1)}))


if __name__ == "__main__":
    sys.exit(main())
