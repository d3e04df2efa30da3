// The talent page of a whole instansi in a browser (not part of the test run): for each ipasn
// binary given, `ipasn demo --persons N` (one SQLite database made once by the first binary and
// copied for the others, so every binary serves the same data), log in as the admin, and report
// the page's HTML size, its element count, the server's answer time, and Chromium's navigation
// timing (domInteractive, loadEventEnd; median of the runs). Uses the Playwright setup of
// tests/browser (`cd tests/browser && npm ci`) and Debian's /usr/bin/chromium.
//
//   node bench/talenta.mjs --bin before=/tmp/ipasn-before --bin after=target/release/ipasn \
//     [--persons 10000] [--runs 7]
//
// Results go to bench/out/talenta.json and, as a table, to standard output.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "tests/browser/package.json"));
const { chromium } = require("playwright-core");

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const bins = args.flatMap((a, i) => (a === "--bin" ? [args[i + 1]] : [])).map((b) => {
  const [label, path] = b.includes("=") ? b.split("=", 2) : [b, b];
  return { label, path: resolve(path) };
});
if (!bins.length) throw new Error("give at least one --bin LABEL=PATH");
const persons = Number(opt("--persons", "10000"));
const runs = Number(opt("--runs", "7"));
const work = mkdtempSync(join(tmpdir(), "ipasn-bench-talenta-"));
const made = join(work, "demo.db");

function start(bin, db) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(bin, ["demo", "--persons", String(persons), "--database", `sqlite://${db}`, "--listen", `127.0.0.1:${port}`],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, RUST_LOG: "warn" } });
  return new Promise((ok, fail) => {
    let out = "";
    const logins = {};
    const timer = setTimeout(() => fail(new Error("the demo did not start:\n" + out)), 900000);
    server.stdout.on("data", (b) => {
      out += b;
      for (const m of out.matchAll(/^(\w+): (\S+) \/ (\S+)$/gm)) logins[m[1]] = { user: m[2], pass: m[3] };
      if (logins.pegawai) { clearTimeout(timer); ok({ server, base: `http://127.0.0.1:${port}`, logins }); }
    });
    server.on("exit", (c) => fail(new Error(`the demo exited with ${c}:\n${out}`)));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const results = [];
for (const [i, b] of bins.entries()) {
  const db = join(work, `${b.label}.db`);
  // The database with its write-ahead log, copied after the first server has exited.
  if (i > 0) for (const x of ["", "-wal", "-shm"]) if (existsSync(made + x)) copyFileSync(made + x, db + x);
  const t0 = Date.now();
  const { server, base, logins } = await start(b.path, i === 0 ? made : db);
  if (i === 0) console.error(`${b.label}: demo of ${persons} persons ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  try {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + "/masuk");
    await page.fill('input[name="username"]', logins.admin.user);
    await page.fill('input[name="password"]', logins.admin.pass);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    const rootId = await page.evaluate(async () => (await (await fetch("/api/dasbor")).json()).unor.unor_id);
    const url = `${base}/unor/${rootId}/talenta`;
    const placed = await page.evaluate(async (id) => (await (await fetch(`/api/unor/${id}/talenta`)).json()).orang.filter((o) => o.kotak !== null).length, rootId);
    const timing = [];
    for (let r = 0; r < runs + 1; r++) {
      await page.goto("about:blank");
      await page.goto(url, { waitUntil: "load", timeout: 120000 });
      const n = await page.evaluate(() => {
        const e = performance.getEntriesByType("navigation")[0];
        return { ttfb: e.responseStart - e.startTime, responseEnd: e.responseEnd - e.startTime, domInteractive: e.domInteractive - e.startTime,
          loadEventEnd: e.loadEventEnd - e.startTime, bytes: e.decodedBodySize, elements: document.getElementsByTagName("*").length,
          rows: document.querySelectorAll("#tabel-talenta tbody tr").length };
      });
      if (r > 0) timing.push(n); // the first run warms the caches
    }
    const m = (k) => Math.round(median(timing.map((t) => t[k])));
    results.push({ label: b.label, persons, placed, runs, bytes: timing[0].bytes, elements: timing[0].elements, rows: timing[0].rows,
      ttfb_ms: m("ttfb"), response_end_ms: m("responseEnd"), dom_interactive_ms: m("domInteractive"), load_event_end_ms: m("loadEventEnd") });
    await ctx.close();
  } finally {
    await new Promise((ok) => { server.on("exit", ok); server.kill(); });
  }
}
await browser.close();
mkdirSync(join(root, "bench/out"), { recursive: true });
writeFileSync(join(root, "bench/out/talenta.json"), JSON.stringify(results, null, 2) + "\n");
console.log(`Talent page of the whole instansi, ${persons}-person demo, admin, median of ${runs} loads in headless Chromium:\n`);
console.log("| binary | placed | rows on the page | HTML | elements | first byte | domInteractive | loadEventEnd |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results) {
  console.log(`| ${r.label} | ${r.placed} | ${r.rows} | ${(r.bytes / 1024).toFixed(0)} KiB | ${r.elements} | ${r.ttfb_ms} ms | ${r.dom_interactive_ms} ms | ${r.load_event_end_ms} ms |`);
}
