// The online test page: one item at a time, every answer saved the moment it is given.
//
// Answers are first written to this browser's storage (localStorage), then sent; an answer
// leaves the storage only when the server acknowledges it (after its commit). Sends that fail
// are retried with backoff; the banner says "connection lost / connected again". Each answer
// carries a sequence number higher than any before it, so a retried or late save never
// overwrites a later one on the server. The remaining time comes from the server on every
// answer, heartbeat and state; the page only counts it down between them.
(function () {
  "use strict";
  const kata = JSON.parse(document.getElementById("kata").textContent);
  const el = document.getElementById("uji");
  const koneksi = document.getElementById("uji-koneksi");
  const waktuEl = document.getElementById("uji-waktu");
  const sesiEl = document.getElementById("uji-sesi");
  const f = (s, ...v) => { let i = 0; return s.replace(/\{\}/g, () => String(v[i++] ?? "")); };
  const fmt = new Intl.NumberFormat(document.documentElement.lang === "en" ? "en" : "id-ID");

  let st = null;          // the server's last state
  let csrf = "";
  let posisi = 0;         // the item shown
  let ditampilkan = Date.now();
  let tenggat = null;     // local time the section ends (from the server's remaining time)
  let keluar = 0;         // page leaves since the last heartbeat
  let kirimJalan = false;
  let gagal = 0;
  let terputus = false;
  let habis = false;

  // Each attempt keeps its own queue (a shared computer: one taker's unsent answers never go to
  // the next taker's attempt; they wait for their own taker to sign in here again).
  let KUNCI = null;
  let memori = { seq: 0, antre: [] };
  function pakaiKunci(peserta) {
    const k = "ipasn-ujian-" + peserta;
    if (k === KUNCI) return;
    KUNCI = k;
    try { memori = JSON.parse(localStorage.getItem(k)) || { seq: 0, antre: [] }; } catch (_) { memori = { seq: 0, antre: [] }; }
  }
  function tulis(s) {
    memori = s;
    if (KUNCI) { try { localStorage.setItem(KUNCI, JSON.stringify(s)); } catch (_) { /* storage full: the queue lives in memory */ } }
  }

  function seqBaru() {
    const s = memori;
    s.seq = Math.max(s.seq || 0, (st && st.seq) || 0) + 1;
    tulis(s);
    return s.seq;
  }

  async function panggil(method, url, body) {
    const r = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: Object.assign({ "Content-Type": "application/json" }, csrf ? { "X-CSRF-Token": csrf } : {}),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await r.json(); } catch (_) { data = null; }
    return { status: r.status, data };
  }

  function banner(teks, galat) {
    if (!teks) { koneksi.hidden = true; return; }
    koneksi.hidden = false;
    koneksi.textContent = teks;
    koneksi.className = "uji-koneksi" + (galat ? " galat" : "");
  }

  function putus() {
    if (!terputus) { terputus = true; banner(kata.uji_terputus, true); }
  }
  function sambung() {
    if (terputus && memori.antre.length === 0) { terputus = false; banner(kata.uji_tersambung, false); setTimeout(() => { if (!terputus) banner(""); }, 4000); }
  }

  // Sends the queued answers (up to 100 at a time) until the queue is empty or a send fails.
  async function kirim() {
    if (kirimJalan) return;
    kirimJalan = true;
    try {
      while (memori.antre.length) {
        const bagian = memori.antre[0].bagian;
        const paket = memori.antre.filter((j) => j.bagian === bagian).slice(0, 100);
        let r;
        try {
          r = await panggil("POST", "/ujian/api/jawab", {
            bagian,
            posisi: Math.max(posisi, posisiKirim),
            jawaban: paket.map((j) => ({ butir: j.butir, nilai: j.nilai, seq: j.seq, ms: j.ms })),
          });
        } catch (_) { r = { status: 0 }; }
        if (r.status === 200) {
          const seqs = new Set(r.data.diterima);
          const s = memori;
          // What the server took is now the saved answer the page shows.
          if (st && st.bagian && st.bagian.no === bagian) {
            st.jawaban = st.jawaban || {};
            for (const j of paket) {
              const ada = st.jawaban[j.butir];
              if (!ada || (ada.seq || 0) < j.seq) st.jawaban[j.butir] = { nilai: j.nilai, seq: j.seq };
            }
          }
          s.antre = s.antre.filter((j) => !seqs.has(j.seq));
          tulis(s);
          gagal = 0;
          if (r.data.sisa_detik != null) setSisa(r.data.sisa_detik);
          sambung();
          tandaSimpan();
        } else if (r.status === 409 || (r.status >= 400 && r.status < 500 && r.status !== 401 && r.status !== 403 && r.status !== 429)) {
          // The section closed (or the answer is not valid): these cannot be taken any more.
          const s = memori;
          const buang = new Set(paket.map((j) => j.seq));
          s.antre = s.antre.filter((j) => !buang.has(j.seq));
          tulis(s);
          if (r.status === 409) { banner(kata.uji_tidak_diterima, true); await muat(); }
        } else if (r.status === 401 || r.status === 403) {
          tampilPesan(kata.uji_masuk_lain, true);
          return;
        } else {
          putus();
          gagal++;
          const tunggu = Math.min(30000, 1000 * 2 ** Math.min(gagal, 5)) * (0.75 + Math.random() / 2);
          setTimeout(() => { kirimJalan = false; kirim(); }, tunggu);
          return;
        }
      }
    } finally {
      if (kirimJalan && memori.antre.length === 0) kirimJalan = false;
    }
    kirimJalan = false;
  }
  window.addEventListener("online", () => { gagal = 0; kirim(); });

  function tandaSimpan() {
    const t = document.getElementById("uji-simpan");
    if (t) t.textContent = memori.antre.length ? kata.uji_menyimpan : kata.uji_tersimpan;
  }

  function setSisa(detik) { tenggat = detik == null ? null : Date.now() + detik * 1000; jam(); }
  function jam() {
    if (!st || st.status !== "mengerjakan" || tenggat == null) { waktuEl.textContent = ""; return; }
    const s = Math.max(0, Math.round((tenggat - Date.now()) / 1000));
    const m = Math.floor(s / 60), d = s % 60;
    waktuEl.textContent = `${kata.uji_sisa} ${m}:${String(d).padStart(2, "0")}`;
    waktuEl.classList.toggle("mendesak", s <= 60);
    if (s === 0 && !habis) {
      habis = true;
      tampilPesan(kata.uji_waktu_habis, false);
      // The server closes the section a few seconds after its deadline.
      kirim().then(() => setTimeout(muat, 6000));
    }
  }
  setInterval(jam, 1000);

  // Replaces the page's content (empty parts left out).
  function isi(...anak) { el.replaceChildren(...anak.flat().filter((a) => a != null)); }

  function tampilPesan(teks, galat) {
    isi(h("p", { class: "pesan" + (galat ? " galat" : ""), role: "alert" }, teks));
    if (galat) el.appendChild(h("p", {}, h("a", { href: "/ujian" }, "/ujian")));
  }

  function h(tag, attrs, ...anak) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else if (v !== false && v != null) e.setAttribute(k, v === true ? "" : v);
    }
    for (const a of anak.flat()) if (a != null) e.append(a.nodeType ? a : document.createTextNode(String(a)));
    return e;
  }

  // The answer of an item: the server's, overridden by one still queued here.
  function jawabanDari(id) {
    const q = memori.antre.filter((j) => j.butir === id && j.bagian === st.bagian.no);
    if (q.length) return q[q.length - 1].nilai;
    const s = st.jawaban && st.jawaban[id];
    return s ? s.nilai : null;
  }

  let posisiKirim = 0;   // the item the page will show, sent with saves and heartbeats
  function jawab(id, nilai, berikut) {
    posisiKirim = berikut === undefined ? posisi : berikut;
    const s = memori;
    s.antre.push({ bagian: st.bagian.no, butir: id, nilai, seq: seqBaru(), ms: Date.now() - ditampilkan });
    tulis(s);
    tandaSimpan();
    kirim();
  }

  function render() {
    sesiEl.textContent = st.sesi || "";
    if (st.status === "selesai") {
      tulis({ seq: memori.seq, antre: [] });
      isi(h("h1", {}, kata.uji_selesai_judul), h("p", { class: "pesan" }, kata.uji_selesai_terima_kasih));
      return;
    }
    const b = st.bagian;
    if (!b) return;
    const kepala = h("p", { class: "kecil" }, f(kata.uji_bagian_dari, b.no, b.dari), " · ", b.instrumen);
    if (st.status === "jeda") {
      isi(kepala, h("p", { class: "pesan", role: "alert" }, kata.uji_jeda));
      return;
    }
    if (st.status === "antre") {
      const a = st.antre;
      isi(kepala, h("p", { class: "pesan", role: "status" }, f(kata.uji_antre, fmt.format(a.posisi), fmt.format(a.tunggu_detik))));
      setTimeout(mulai, a.tunggu_detik * 1000 * (0.9 + Math.random() / 5));
      return;
    }
    if (st.status === "belum") {
      const batas = b.detik == null ? kata.uji_tanpa_batas
        : b.detik < 60 ? f(kata.uji_detik_teks, fmt.format(b.detik))
          : f(kata.uji_menit_teks, fmt.format(Math.round(b.detik / 6) / 10));
      isi(kepala, h("h1", {}, b.judul), b.petunjuk ? h("p", {}, b.petunjuk) : null,
        h("p", { class: "kecil" }, `${f(kata.uji_n_butir, fmt.format(b.jumlah))} · ${batas}`),
        h("button", { type: "button", id: "uji-mulai", onclick: mulai }, kata.uji_mulai));
      document.getElementById("uji-mulai").focus();
      return;
    }
    renderButir();
  }

  function renderButir() {
    const b = st.bagian;
    const n = b.butir.length;
    posisi = Math.max(0, Math.min(posisi, n - 1));
    const x = b.butir[posisi];
    ditampilkan = Date.now();
    const nilai = jawabanDari(x.id);
    const nama = "butir-" + x.id;
    let pilihan;
    if (b.jenis === "paling") {
      const [m, l] = (nilai || "|").split("|");
      const baris = x.opsi.map((o) => h("tr", {},
        h("td", {}, h("input", { type: "radio", name: nama + "-m", value: o.kode, "aria-label": `${kata.uji_paling}: ${o.teks}`, checked: o.kode === m, onchange: () => pilihPaling(x, "m", o.kode) })),
        h("td", {}, h("input", { type: "radio", name: nama + "-l", value: o.kode, "aria-label": `${kata.uji_kurang}: ${o.teks}`, checked: o.kode === l, onchange: () => pilihPaling(x, "l", o.kode) })),
        h("td", {}, o.teks)));
      pilihan = h("table", { class: "uji-paling" }, h("thead", {}, h("tr", {}, h("th", {}, kata.uji_paling), h("th", {}, kata.uji_kurang), h("th", {}, ""))), h("tbody", {}, baris));
    } else {
      const opsi = b.jenis === "likert" ? b.pilihan : x.opsi;
      pilihan = h("fieldset", { class: "uji-opsi" }, h("legend", { class: "sr" }, x.teks || x.id),
        opsi.map((o, i) => h("label", { class: "uji-pilih" },
          h("input", { type: "radio", name: nama, value: o.kode, checked: o.kode === nilai, onchange: () => {
            // A Likert or pair answer moves on to the next item (after a moment to see the
            // choice): the save already names that item as the one shown, for a resume.
            const maju = posisi < n - 1 && b.jenis !== "pilihan";
            jawab(x.id, o.kode, maju ? posisi + 1 : posisi);
            // Moving on, or (last item, multiple choice) the counts and the submit button anew.
            if (maju) setTimeout(() => pindah(1), 250); else renderButir();
          } }),
          h("span", {}, (b.jenis === "likert" ? "" : o.kode + ". ") + o.teks, h("kbd", { class: "kecil" }, ` ${i + 1}`)))));
    }
    const belum = b.butir.filter((y) => !jawabanDari(y.id)).length;
    const akhir = b.no === b.dari;
    isi(
      h("p", { class: "kecil" }, f(kata.uji_bagian_dari, b.no, b.dari), " · ", f(kata.uji_butir_dari, posisi + 1, n), " · ", h("span", { id: "uji-simpan", role: "status" }, memori.antre.length ? kata.uji_menyimpan : kata.uji_tersimpan)),
      h("progress", { max: n, value: n - belum, "aria-hidden": "true" }),
      x.teks ? h("h1", { class: "uji-teks", id: "uji-teks" }, x.teks) : null,
      pilihan,
      h("nav", { class: "uji-nav" },
        h("button", { type: "button", id: "uji-sebelum", disabled: posisi === 0, onclick: () => pindah(-1) }, kata.uji_sebelumnya),
        posisi < n - 1 ? h("button", { type: "button", id: "uji-lanjut", onclick: () => pindah(1) }, kata.uji_berikutnya) : null),
      posisi === n - 1 || belum === 0
        ? h("p", {}, belum ? h("span", { class: "kecil" }, f(kata.uji_belum_dijawab, belum), " ") : null,
          h("button", { type: "button", id: akhir ? "uji-serahkan" : "uji-bagian-lanjut", onclick: () => akhiri(akhir, belum) }, akhir ? kata.uji_selesai : kata.uji_lanjut_bagian))
        : null);
    const c = el.querySelector("input:checked") || el.querySelector("input");
    if (c && document.activeElement && document.activeElement.tagName !== "INPUT") c.focus({ preventScroll: true });
  }

  function pilihPaling(x, sisi, kode) {
    const [m, l] = (jawabanDari(x.id) || "|").split("|");
    let mm = sisi === "m" ? kode : m, ll = sisi === "l" ? kode : l;
    if (mm && mm === ll) { if (sisi === "m") ll = ""; else mm = ""; }
    if (mm && ll) jawab(x.id, `${mm}|${ll}`);
    else {
      // Half an answer waits on the page until both are chosen.
      st.jawaban = st.jawaban || {};
      st.jawaban[x.id] = { nilai: `${mm || ""}|${ll || ""}`, seq: 0 };
    }
    renderButir();
  }

  // Moving between items tells the server soon (so a reload or another device resumes here).
  function pindah(d) {
    posisi += d;
    posisiKirim = posisi;
    renderButir();
    clearTimeout(detakTimer);
    detakTimer = setTimeout(detak, 1500);
  }

  async function akhiri(akhir, belum) {
    const tanya = (belum ? f(kata.uji_belum_dijawab, belum) + "\n" : "") + (akhir ? kata.uji_yakin_selesai : kata.uji_yakin_lanjut);
    if (!window.confirm(tanya)) return;
    await kirim();
    if (memori.antre.length) { putus(); return; }
    const r = await panggil("POST", akhir ? "/ujian/api/selesai" : "/ujian/api/lanjut", {});
    if (r.status === 200) { st = Object.assign(st, r.data); if (r.data.bagian) st.bagian = r.data.bagian; posisi = 0; habis = false; render(); }
    else await muat();
  }

  async function mulai() {
    let r;
    try { r = await panggil("POST", "/ujian/api/mulai", {}); } catch (_) { putus(); setTimeout(mulai, 3000); return; }
    if (r.status === 200) terima(r.data, true);
    else if (r.status === 401 || r.status === 403) tampilPesan(kata.uji_masuk_lain, true);
    else await muat();
  }

  function terima(data, awal) {
    if (data.peserta != null) pakaiKunci(data.peserta);
    st = data;
    if (data.csrf) csrf = data.csrf;
    if (awal) posisi = data.posisi || 0;
    habis = false;
    setSisa(data.bagian ? data.bagian.sisa_detik : null);
    render();
  }

  async function muat() {
    let r;
    try { r = await panggil("GET", "/ujian/api/keadaan"); } catch (_) { putus(); setTimeout(muat, 3000); return; }
    if (r.status === 200) { terima(r.data, true); sambung(); kirim(); }
    else if (r.status === 401 || r.status === 403) tampilPesan(kata.uji_masuk_lain, true);
    else { putus(); setTimeout(muat, 3000); }
  }

  // Heartbeat: the server learns the page is there, which item it shows, and how often it was
  // left; its answer carries the remaining time and a pause.
  let detakTimer = null;
  function detakNanti() {
    clearTimeout(detakTimer);
    detakTimer = setTimeout(detak, ((st && st.detak_detik) || 30) * 1000);
  }
  async function detak() {
    detakNanti();
    if (!st || st.status === "selesai") return;
    try {
      const r = await panggil("POST", "/ujian/api/detak", { keluar, posisi, bagian: st.bagian && st.bagian.no });
      if (r.status === 200) {
        keluar = 0;
        sambung();
        if ((r.data.status === "jeda") !== (st.status === "jeda")) await muat();
        else if (r.data.sisa_detik != null) setSisa(r.data.sisa_detik);
      } else if (r.status === 401 || r.status === 403) tampilPesan(kata.uji_masuk_lain, true);
    } catch (_) { putus(); }
    kirim();
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && st && st.status === "mengerjakan") keluar++;
    if (document.visibilityState === "visible") detak();
  });

  // Keyboard: digits choose an option, arrows or Enter move between items.
  document.addEventListener("keydown", (e) => {
    if (!st || st.status !== "mengerjakan" || e.altKey || e.ctrlKey || e.metaKey) return;
    if (/^[1-9]$/.test(e.key) && st.bagian.jenis !== "paling") {
      const r = el.querySelectorAll(".uji-opsi input")[Number(e.key) - 1];
      if (r) { r.click(); e.preventDefault(); }
    } else if ((e.key === "ArrowRight" || e.key === "Enter") && e.target.tagName !== "BUTTON" && posisi < st.bagian.butir.length - 1) { pindah(1); e.preventDefault(); }
    else if (e.key === "ArrowLeft" && e.target.tagName !== "BUTTON" && posisi > 0) { pindah(-1); e.preventDefault(); }
  });

  muat();
  detakNanti();
})();
