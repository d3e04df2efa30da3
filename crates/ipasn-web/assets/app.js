// ipasn pages: charts (Apache ECharts, vendored), sortable tables, the import upload with its
// progress. Every chart's numbers are also in a table on the page.
"use strict";
(function () {
  // The menu: folded behind its button on small screens (the CSS hides it only when this
  // script runs), and the current page marked for the eye and for screen readers.
  document.documentElement.classList.add("js");
  const menuButton = document.getElementById("menu-tombol");
  if (menuButton) {
    menuButton.addEventListener("click", () => {
      const open = menuButton.closest("header").classList.toggle("buka");
      menuButton.setAttribute("aria-expanded", String(open));
    });
  }
  const here = location.pathname;
  let best = null;
  for (const a of document.querySelectorAll("header.top nav a")) {
    const h = a.getAttribute("href");
    if ((here === h || here.startsWith(h + "/")) && (!best || h.length > best.getAttribute("href").length)) best = a;
  }
  if (best) best.setAttribute("aria-current", "page");
  const lang = document.body ? document.body.dataset.lang : "id";
  const L = (id, en) => (lang === "en" ? en : id);
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  // Numbers as the reader writes them: 67,98 and 2.500 in Indonesian, 67.98 and 2,500 in English.
  const NF = new Intl.NumberFormat(lang === "en" ? "en-US" : "id-ID", { maximumFractionDigits: 2 });
  const fmt = (v) => (typeof v === "number" && isFinite(v) ? NF.format(v) : v);
  const parseNum = (t) => {
    const s = t.replace(/[%\s]/g, "");
    if (!/^-?[\d.,]+$/.test(s)) return NaN;
    return parseFloat(lang === "en" ? s.replace(/,/g, "") : s.replace(/\./g, "").replace(",", "."));
  };
  // Every chart speaks the page's number format: value axes, labels and tooltips.
  function localise(o) {
    for (const ax of [].concat(o.xAxis || [], o.yAxis || [])) {
      if (ax.type === "value") ax.axisLabel = Object.assign({ formatter: fmt }, ax.axisLabel || {});
    }
    if (o.tooltip && !o.tooltip.formatter) o.tooltip.valueFormatter = fmt;
    for (const s of [].concat(o.series || [])) {
      if (s.label && s.label.show && !s.label.formatter) {
        s.label.formatter = (p) => fmt(Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value);
      }
    }
    return o;
  }
  const COLORS = ["#1b7f3b", "#6cbf4b", "#f2c230", "#f08a24", "#d7301f"];
  window.ipasnCharts = {};
  // Text from data (names of regions, units, persons) put into HTML, e.g. a chart's tooltip:
  // always through here, never raw (a name in an uploaded file is not markup).
  const esc = (v) => String(v === null || v === undefined ? "" : v).replace(/[&<>"'`]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" })[c]);
  window.ipasnEsc = esc;

  function data(el) {
    const s = document.getElementById(el.dataset.src);
    return s ? JSON.parse(s.textContent) : null;
  }

  const builders = {
    // A psychometric profile: scales as bars (T-scores against the grey average band, or % of
    // the maximum), the PAPI wheel, or DISC's three graphs stacked.
    profil(d, el) {
      if (d.jenis === "batang") {
        if (!d.nilai.some((v) => v !== null)) return null;
        const vals = d.nilai.filter((v) => v !== null);
        const lo = d.pita ? Math.min(20, Math.floor(Math.min(...vals) / 10) * 10) : 0;
        const hi = d.pita ? Math.max(80, Math.ceil(Math.max(...vals) / 10) * 10) : 100;
        return {
          tooltip: d.polos ? { show: false } : { trigger: "axis" },
          grid: { left: 8, right: 40, top: 30, bottom: 10, containLabel: true },
          xAxis: { type: "value", min: lo, max: hi, name: d.judul[0], nameLocation: "middle", nameGap: 22, position: "top",
            axisLabel: { show: !d.polos } },
          yAxis: { type: "category", data: d.skala, inverse: true },
          series: [{
            type: "bar", data: d.nilai, itemStyle: { color: "#2b6cb0" }, label: { show: !d.polos, position: "right" },
            markArea: d.pita ? { silent: true, itemStyle: { color: "rgba(120,120,120,0.18)" }, data: [[{ xAxis: d.pita[0] }, { xAxis: d.pita[1] }]] } : undefined,
            markLine: d.pita ? { silent: true, symbol: "none", label: { formatter: "50" }, lineStyle: { color: "#444" }, data: [{ xAxis: 50 }] } : undefined,
          }],
        };
      }
      if (d.jenis === "roda") {
        if (!d.nilai.some((v) => v !== null)) return null;
        return {
          tooltip: {},
          radar: { radius: "65%", indicator: d.skala.map((k) => ({ name: k, max: d.maks || 9 })) },
          series: [{ type: "radar", areaStyle: { opacity: 0.25 }, data: [{ value: d.nilai, name: "" }] }],
        };
      }
      if (d.jenis === "disc" && d.disc) {
        el.style.height = "620px";
        const grids = [0, 1, 2].map((i) => ({ left: 40, right: 16, top: 30 + i * 200, height: 150 }));
        return {
          tooltip: { trigger: "axis" },
          title: d.judul.map((t, i) => ({ text: t, top: 6 + i * 200, left: 0, textStyle: { fontSize: 13 } })),
          grid: grids,
          xAxis: grids.map((_, i) => ({ type: "category", gridIndex: i, data: d.skala })),
          yAxis: grids.map((_, i) => ({ type: "value", gridIndex: i, min: i === 2 ? -d.maks : 0, max: d.maks })),
          series: d.disc.map((v, i) => ({ type: "line", xAxisIndex: i, yAxisIndex: i, data: v, label: { show: true } })),
        };
      }
      return null;
    },
    // A plan: each category's persons now and after the plan.
    rencana_distribusi(d) {
      return {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 40, right: 10, top: 30, bottom: 50 },
        xAxis: { type: "category", data: d.distribusi.map((k) => k.label), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: "value", name: L("orang", "persons") },
        series: [
          { name: L("Sekarang", "Now"), type: "bar", data: d.distribusi.map((k) => k.sekarang), itemStyle: { color: "#9aa5b1" } },
          { name: L("Sesudah rencana", "After the plan"), type: "bar", data: d.distribusi.map((k) => k.proyeksi), itemStyle: { color: "#1b7f3b" } },
        ],
      };
    },
    // The follow-up: each programme's participants and those done.
    tindak_program(d) {
      if (!d.program.length) return null;
      return {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 8, right: 20, top: 30, bottom: 10, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: d.program.map((p) => p.nama), inverse: true, axisLabel: { width: 120, overflow: "truncate" } },
        series: [
          { name: L("Peserta", "Participants"), type: "bar", data: d.program.map((p) => p.peserta), itemStyle: { color: "#9aa5b1" } },
          { name: L("Selesai", "Done"), type: "bar", data: d.program.map((p) => p.selesai), itemStyle: { color: "#1b7f3b" } },
        ],
      };
    },
    // A plan year after year: the mean IP against the target.
    rencana_tahun(d) {
      if (!d.ramalan.length) return null;
      const tahun = [d.tahun].concat(d.ramalan.map((r) => d.tahun + r.ke));
      return {
        tooltip: { trigger: "axis" },
        grid: { left: 40, right: 90, top: 20, bottom: 30 },
        xAxis: { type: "category", data: tahun.map(String) },
        yAxis: { type: "value", min: (v) => Math.floor(Math.min(v.min, d.target) - 2), max: (v) => Math.ceil(Math.max(v.max, d.target) + 2) },
        series: [{
          type: "line", data: [d.rerata].concat(d.ramalan.map((r) => r.rerata)), label: { show: true },
          markLine: { silent: true, symbol: "none", lineStyle: { color: "#d7301f", type: "dashed" }, label: { formatter: () => "target " + fmt(d.target) }, data: [{ yAxis: d.target }] },
        }],
      };
    },
    kategori(d) {
      return {
        tooltip: { trigger: "axis" },
        grid: { left: 40, right: 10, top: 20, bottom: 50 },
        xAxis: { type: "category", data: d.kategori_list.map((k) => k.label || k.nama), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: "value", name: L("orang", "persons") },
        series: [{ type: "bar", data: d.kategori_list.map((k, i) => ({ value: k.jumlah, itemStyle: { color: COLORS[i % 5] } })),
          label: { show: true, position: "top", formatter: (p) => fmt(d.kategori_list[p.dataIndex].persen) + "%" } }],
      };
    },
    dimensi(d) {
      return {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 40, right: 10, top: 30, bottom: 30 },
        xAxis: { type: "category", data: d.dimensi.map((x) => x.nama) },
        yAxis: { type: "value" },
        series: [
          { name: L("Rerata", "Mean"), type: "bar", data: d.dimensi.map((x) => x.rerata), label: { show: true, position: "top" } },
          { name: L("Maksimum", "Maximum"), type: "bar", data: d.dimensi.map((x) => x.maks), itemStyle: { color: "#ccc" } },
        ],
      };
    },
    tren(d) {
      return {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 40, right: 10, top: 30, bottom: 30 },
        xAxis: { type: "category", data: d.tren.map((x) => String(x.tahun)) },
        yAxis: { type: "value", min: (v) => Math.max(0, Math.floor(v.min - 10)), max: 100 },
        series: [
          { name: L("Rerata IP", "Mean IP"), type: "line", data: d.tren.map((x) => x.ip), label: { show: true } },
          { name: L("Target", "Target"), type: "line", data: d.tren.map((x) => x.target), lineStyle: { type: "dashed" }, symbol: "none" },
        ],
      };
    },
    // Sub-units ranked: every bar named (the chart grows with the count), coloured by its
    // category, the target labelled inside the chart. Over 60 units, the top and bottom 25 with
    // a button to show them all; with none to show, the reason instead of an empty frame.
    subunit(d, el) {
      const ranked = d.sub_unit.filter((s) => s.ip !== null);
      if (!ranked.length) return null;
      const all = el.dataset.semua === "1" || ranked.length <= 60;
      let rows = all ? ranked : ranked.slice(0, 25).concat([{ nama: "…", ip: null, kategori: null, jeda: true }], ranked.slice(-25));
      rows = rows.slice().reverse();
      el.style.height = Math.max(280, rows.length * 22 + 50) + "px";
      const order = d.kategori_list.map((k) => k.nama);
      const color = (k) => (order.indexOf(k) >= 0 ? COLORS[order.indexOf(k) % 5] : "#999");
      return {
        tooltip: { trigger: "axis" },
        grid: { left: 10, right: 50, top: 24, bottom: 20, containLabel: true },
        xAxis: { type: "value", max: 100 },
        yAxis: { type: "category", data: rows.map((s) => s.nama), axisLabel: { interval: 0, width: Math.min(240, Math.round(el.clientWidth * 0.4)), overflow: "truncate" } },
        series: [{ type: "bar", data: rows.map((s) => ({ value: s.ip, itemStyle: { color: color(s.kategori) } })),
          label: { show: true, position: "right" },
          markLine: { symbol: "none", data: [{ xAxis: d.target }], lineStyle: { color: "#333", type: "dashed" },
            label: { position: "insideEndTop", formatter: `${L("Target", "Target")} ${fmt(d.target)}` } } }],
      };
    },
    // A person's IP over the years, with the target and the category bands behind it.
    riwayat(d) {
      const bands = (d.pita || []).slice().sort((a, b) => a.dari - b.dari);
      const n = bands.length;
      const areas = bands.map((b, i) => [
        { yAxis: b.dari, name: b.label || b.nama, itemStyle: { color: COLORS[(n - 1 - i) % 5], opacity: 0.1 } },
        { yAxis: i + 1 < n ? bands[i + 1].dari : 100 },
      ]);
      return {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 40, right: 90, top: 30, bottom: 30 },
        xAxis: { type: "category", data: d.riwayat.map((x) => String(x.tahun)) },
        yAxis: { type: "value", min: 0, max: 100 },
        series: [
          { name: L("IP", "IP"), type: "line", data: d.riwayat.map((x) => x.ip), label: { show: true },
            markArea: { silent: true, label: { position: "right", color: "#333", fontSize: 11 }, data: areas } },
          { name: L("Target", "Target"), type: "line", data: d.riwayat.map((x) => x.target), lineStyle: { type: "dashed" }, symbol: "none" },
        ],
      };
    },
  };

  async function peta(el, d) {
    const res = await fetch(el.dataset.geo, { credentials: "same-origin" });
    let geo = await res.json();
    // On a finer layer, when every region with data lies in one province, show that province's
    // regions only (a Pemkot's map should not be a speck on the national map).
    const provs = new Set(d.wilayah.map((w) => w.kode.split(".")[0]));
    let name = "ipasn-" + d.lapisan;
    if (d.lapisan !== "provinsi" && provs.size === 1) {
      const p = [...provs][0];
      const feats = geo.features.filter((f) => String(f.properties.kode).split(".")[0] === p);
      if (feats.length) { geo = { type: "FeatureCollection", features: feats }; name += "-" + p; }
    }
    echarts.registerMap(name, geo);
    const chart = echarts.init(el);
    window.ipasnCharts[el.id] = chart;
    const values = d.wilayah.filter((w) => w.ip !== null).map((w) => ({ name: w.kode, value: w.ip, nama: w.nama, diukur: w.diukur }));
    chart.setOption({
      tooltip: { trigger: "item", formatter: (p) => (p.data && p.data.nama !== undefined
        ? `${esc(p.data.nama)} (${esc(p.name)})<br>${esc(L("Rerata IP", "Mean IP"))}: ${esc(fmt(p.data.value))}<br>${esc(L("Diukur", "Measured"))}: ${esc(fmt(p.data.diukur))}`
        : esc(p.name)) },
      // The legend: the rule set's five category bands, coloured as everywhere else.
      visualMap: (d.pita && d.pita.length) ? {
        type: "piecewise", left: 10, bottom: 10,
        pieces: d.pita.slice().sort((a, b) => b.dari - a.dari).map((b, i, all) => ({
          min: b.dari, max: i === 0 ? 100 : all[i - 1].dari, label: b.label || b.nama, color: COLORS[i % 5] })),
      } : { min: 40, max: 100, left: 10, bottom: 10, text: ["100", "40"], calculable: true,
        inRange: { color: ["#d7301f", "#f08a24", "#f2c230", "#6cbf4b", "#1b7f3b"] } },
      series: [{ type: "map", map: name, nameProperty: "kode", roam: true, data: values,
        emphasis: { label: { show: false } }, itemStyle: { areaColor: "#eee", borderColor: "#999", borderWidth: 0.5 } }],
    });
    chart.on("click", (p) => {
      const u = new URL(window.location.href);
      u.searchParams.set("kode", p.name);
      window.location.href = u.toString();
    });
  }

  function charts() {
    if (typeof echarts === "undefined") return;
    document.querySelectorAll("[data-chart]").forEach((el) => {
      const d = data(el);
      if (!d) return;
      if (el.dataset.chart === "peta") {
        peta(el, d).catch((e) => { el.textContent = L("Peta tidak dapat dimuat: ", "The map could not load: ") + e; });
        return;
      }
      const option = builders[el.dataset.chart](d, el);
      if (!option) {
        // Nothing to draw: say why (the page's own words, in data-kosong).
        el.classList.add("kosong");
        el.textContent = el.dataset.kosong || L("Tidak ada data.", "No data.");
        return;
      }
      const chart = echarts.init(el);
      chart.setOption(localise(option));
      window.ipasnCharts[el.id] = chart;
      const semua = document.querySelector(`[data-semua-untuk="${el.id}"]`);
      if (semua) {
        semua.hidden = el.dataset.semua === "1" || d.sub_unit.filter((s) => s.ip !== null).length <= 60;
        semua.onclick = () => {
          el.dataset.semua = "1";
          semua.hidden = true;
          chart.resize();
          chart.setOption(localise(builders[el.dataset.chart](d, el)), true);
          chart.resize();
        };
      }
    });
    window.addEventListener("resize", () => Object.values(window.ipasnCharts).forEach((c) => c.resize()));
  }

  function sortable() {
    document.querySelectorAll("table.sortable").forEach((table) => {
      table.querySelectorAll("th").forEach((th, col) => {
        th.classList.add("sort");
        th.addEventListener("click", () => {
          const body = table.tBodies[0];
          const asc = th.dataset.dir !== "asc";
          th.dataset.dir = asc ? "asc" : "desc";
          const key = (tr) => {
            const t = tr.children[col] ? tr.children[col].textContent.trim() : "";
            const n = parseNum(t);
            return isNaN(n) ? t.toLowerCase() : n;
          };
          const rows = Array.from(body.rows);
          rows.sort((a, b) => {
            const x = key(a), y = key(b);
            const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
            return asc ? c : -c;
          });
          rows.forEach((r) => body.appendChild(r));
        });
      });
    });
  }

  function upload() {
    const form = document.getElementById("form-impor");
    if (!form) return;
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const bar = document.getElementById("progres-unggah");
      bar.hidden = false;
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/impor");
      xhr.setRequestHeader("X-CSRF-Token", csrf());
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; };
      xhr.onload = () => {
        if (xhr.status === 200) {
          window.location.href = "/impor/" + JSON.parse(xhr.responseText).id;
        } else {
          let msg = xhr.statusText;
          try { const j = JSON.parse(xhr.responseText); msg = lang === "en" ? j.error : j.galat; } catch (e) {}
          alert(msg);
          bar.hidden = true;
        }
      };
      xhr.onerror = () => { alert(L("Unggahan gagal; periksa koneksi lalu coba lagi.", "The upload failed; check the connection and try again.")); bar.hidden = true; };
      xhr.send(new FormData(form));
    });
  }

  function follow() {
    const st = document.getElementById("status-impor");
    if (!st || st.dataset.status !== "berjalan") return;
    const bar = document.getElementById("progres-impor");
    const tick = async () => {
      const r = await fetch("/api/impor/" + st.dataset.id, { credentials: "same-origin" });
      if (!r.ok) return;
      const j = await r.json();
      if (bar) bar.value = j.impor.progres;
      // The stage and its counts, as the server words them.
      if (j.tahap) {
        const judul = document.getElementById("tahap-judul"), rinci = document.getElementById("tahap-rincian");
        if (judul) judul.textContent = j.tahap.judul;
        if (rinci) rinci.textContent = j.tahap.rincian;
        document.querySelectorAll("#daftar-tahap li").forEach((li, i) => {
          li.className = i + 1 < j.tahap.nomor ? "lewat" : i + 1 === j.tahap.nomor ? "kini" : "";
          if (i + 1 === j.tahap.nomor) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
        });
      }
      if (j.impor.status !== "berjalan") window.location.reload();
      else setTimeout(tick, 500);
    };
    setTimeout(tick, 300);
  }

  // A select that submits its form on change (instead of an inline onchange, which a strict
  // Content-Security-Policy forbids); the form's button is for browsers without JavaScript.
  function autoSubmit() {
    document.querySelectorAll("select[data-kirim-otomatis]").forEach((sel) => {
      sel.addEventListener("change", () => sel.form && sel.form.submit());
      const b = sel.form && sel.form.querySelector("button.tanpa-js");
      if (b) b.hidden = true;
    });
  }

  // A budget slider beside its number field: moving one moves the other (and the rupiah text);
  // letting go computes the plan again.
  function budget() {
    document.querySelectorAll("input[data-anggaran-untuk]").forEach((range) => {
      const field = document.getElementById(range.dataset.anggaranUntuk);
      const out = document.getElementById("anggaran-teks");
      if (!field) return;
      const show = (v) => { if (out) out.textContent = "Rp" + fmt(Number(v)); };
      // A pointer lets go once; arrow keys change it step by step: compute after a pause.
      let timer = null;
      const submit = (wait) => {
        clearTimeout(timer);
        timer = setTimeout(() => range.form && range.form.submit(), wait);
      };
      range.addEventListener("input", () => { field.value = fmt(Number(range.value)); show(range.value); });
      range.addEventListener("change", () => submit(700));
      range.addEventListener("keydown", () => clearTimeout(timer));
      field.addEventListener("input", () => {
        const v = parseNum(field.value);
        if (!isNaN(v)) { range.value = String(v); show(v); }
      });
    });
  }

  function print() {
    document.querySelectorAll("[data-cetak]").forEach((b) => b.addEventListener("click", () => window.print()));
  }

  // The event setup's assessee fields: typing three or more letters of a name (or a NIP) offers
  // the persons found, as "NIP — name (unit)"; the server takes the NIP before the dash.
  function cariPegawai() {
    const list = document.getElementById("cari-pegawai");
    if (!list) return;
    let timer = null;
    document.querySelectorAll("input[data-cari-pegawai]").forEach((input) => {
      input.addEventListener("input", () => {
        clearTimeout(timer);
        const q = input.value.trim();
        if (q.length < 3 || /^\d{18}( |$)/.test(q)) return;
        timer = setTimeout(async () => {
          const r = await fetch("/api/asesmen/cari-pegawai?q=" + encodeURIComponent(q), { credentials: "same-origin" });
          if (!r.ok) return;
          list.replaceChildren(...(await r.json()).map((p) => {
            const o = document.createElement("option");
            o.value = `${p.nip} — ${p.nama}`;
            o.label = p.unor;
            return o;
          }));
        }, 250);
      });
    });
  }


  // The proctor's live table: the first state is in the page; server-sent events bring the
  // counts and the changed rows, and only those rows are redrawn (a room of thousands stays
  // responsive). Ticked rows stay ticked.
  function pengawas() {
    const form = document.getElementById("form-atur");
    const data = document.getElementById("data-pengawas");
    if (!form || !data) return;
    const tbody = form.querySelector("#tabel-pengawas tbody");
    const hitungEl = document.getElementById("hitung-pengawas");
    const kata = JSON.parse(document.getElementById("kata-pengawas").textContent);
    const tr = new Map();
    const fmt = (s) => s == null ? "" : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
    function baris(b, lama) {
      const t = document.createElement("tr");
      t.className = "st-" + b.status;
      t.dataset.nip = b.nip;
      const c = document.createElement("input");
      c.type = "checkbox"; c.name = "peserta"; c.value = String(b.id);
      c.checked = !!(lama && lama.querySelector("input:checked"));
      c.setAttribute("aria-label", b.nama);
      [c, b.nip, b.nama, kata[b.status] || b.status, b.tempat, fmt(b.sisa)].forEach((v, i) => {
        const td = document.createElement("td");
        if (i === 5) td.className = "n";
        if (v && v.nodeType) td.append(v); else td.textContent = v;
        t.append(td);
      });
      return t;
    }
    function hitung(h) {
      if (h) hitungEl.textContent = Object.keys(kata).filter((k) => h[k]).map((k) => `${kata[k]}: ${h[k]}`).join(" · ");
    }
    function semua(rows) {
      const lama = new Map(tr);
      tr.clear();
      const urut = [...rows].sort((a, b) => a.nip.localeCompare(b.nip));
      tbody.replaceChildren(...urut.map((b) => { const t = baris(b, lama.get(b.id)); tr.set(b.id, t); return t; }));
    }
    const awal = JSON.parse(data.textContent);
    semua(awal.baris);
    hitung(awal.hitung);
    if (!window.EventSource) return;
    const es = new EventSource(form.dataset.langsung);
    es.onmessage = (e) => {
      const d = JSON.parse(e.data);
      if (d.penuh) { semua(d.baris); hitung(d.hitung); return; }
      for (const b of d.baris) {
        const lama = tr.get(b.id);
        const t = baris(b, lama);
        tr.set(b.id, t);
        if (lama) lama.replaceWith(t); else tbody.append(t);
      }
      hitung(d.hitung);
    };
  }

  document.addEventListener("DOMContentLoaded", () => { charts(); sortable(); upload(); follow(); autoSubmit(); budget(); cariPegawai(); print(); pengawas(); });
})();
