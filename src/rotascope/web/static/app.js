// rotascope page: state lives in the URL query string (?subject=RUT&versus=NDX&asof=2024-07-16&window=5).
// Everything comes from this server's JSON API; nothing is fetched from elsewhere.
"use strict";

const $ = (sel) => document.querySelector(sel);
const MAX_VERSUS = 5;
const DEFAULT_VERSUS = ["SPX", "NDX"];

const state = { subject: "RUT", versus: [], asof: "", windows: [], condition: "", length: 0 };
let symbols = [];          // [{symbol, name, first, last}]
let sessions = [];         // sorted ISO dates of the subject
let sessionsFor = null;
let runToken = 0;

// ---------- helpers ----------
function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function fmtDate(iso) {
  if (!iso) return "";
  const d = new Date(iso + "T00:00:00Z");
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

async function api(path, params) {
  const url = params ? `${path}?${params}` : path;
  const resp = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await resp.json(); } catch (e) { body = null; }
  if (!resp.ok) {
    const err = new Error((body && body.message) || `${resp.status} ${resp.statusText}`);
    err.status = resp.status;
    err.body = body;
    throw err;
  }
  return body;
}

function setStatus(text, kind = "") {
  const s = $("#status");
  s.textContent = text;
  s.className = "status " + kind;
}

let pickerNote = "";

function setNote(text) {
  pickerNote = text || "";
  setNotes([pickerNote]);
}

// every note of a result, each once, one per line (the API's words)
function setNotes(list) {
  const n = $("#note");
  const items = [...new Set(list.filter(Boolean))];
  n.replaceChildren();
  items.forEach((t, i) => { if (i) n.append(el("br")); n.append(document.createTextNode(t)); });
  n.hidden = !items.length;
}

// ---------- URL state ----------
function paramsFor(st, withWindows = true) {
  const p = new URLSearchParams();
  p.set("subject", st.subject);
  for (const v of st.versus) p.append("versus", v);
  if (st.asof) p.set("asof", st.asof);
  if (withWindows) for (const w of st.windows) p.append("window", String(w));
  if (withWindows && st.condition) { p.set("condition", st.condition); p.set("length", String(st.length)); }
  return p;
}

function readURL() {
  const p = new URLSearchParams(location.search);
  const known = new Set(symbols.map((s) => s.symbol));
  const subject = (p.get("subject") || "").toUpperCase();
  state.subject = known.has(subject) ? subject : (known.has("RUT") ? "RUT" : (symbols[0] || {}).symbol);
  const versus = p.getAll("versus").flatMap((v) => v.split(",")).map((v) => v.trim().toUpperCase())
    .filter((v) => v && known.has(v) && v !== state.subject);
  state.versus = p.has("subject") ? [...new Set(versus)].slice(0, MAX_VERSUS)
    : DEFAULT_VERSUS.filter((v) => known.has(v) && v !== state.subject);
  state.asof = /^\d{4}-\d{2}-\d{2}$/.test(p.get("asof") || "") ? p.get("asof") : "";
  state.windows = parseWindows(p.getAll("window").join(","));
  state.condition = (p.get("condition") || "").slice(0, 40);
  const len = Number(p.get("length"));
  state.length = Number.isInteger(len) && len >= 1 && len <= 250 ? len : 5;
  return p.has("subject");
}

function writeURL(push) {
  const url = `${location.pathname}?${paramsFor(state)}`;
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}

function parseWindows(text) {
  const out = [];
  for (const part of String(text || "").split(/[\s,;]+/)) {
    if (!part) continue;
    const n = Number(part);
    if (!Number.isInteger(n) || n < 1 || n > 2520) throw new Error(`window ${part}: use whole numbers of sessions from 1 to 2520`);
    if (!out.includes(n)) out.push(n);
  }
  if (out.length > 10) throw new Error("at most 10 windows");
  return out.sort((a, b) => a - b);
}

// ---------- controls ----------
function fillSubject() {
  const sel = $("#subject");
  sel.replaceChildren();
  for (const s of symbols) {
    const o = el("option", { value: s.symbol }, `${s.symbol} — ${s.name}`);
    sel.append(o);
  }
  sel.value = state.subject;
}

function renderVersus() {
  const box = $("#versus-chips");
  box.replaceChildren();
  for (const v of state.versus) {
    const chip = el("span", { class: "chip", "data-symbol": v });
    chip.append(el("span", {}, v));
    const x = el("button", { type: "button", class: "chip-x", "aria-label": `remove ${v}`, title: `remove ${v}` }, "×");
    x.addEventListener("click", () => { state.versus = state.versus.filter((s) => s !== v); renderVersus(); });
    chip.append(x);
    box.append(chip);
  }
  if (!state.versus.length) box.append(el("span", { class: "muted small" }, "none — facts about the subject alone"));
  const add = $("#versus-add");
  add.replaceChildren(el("option", { value: "" }, state.versus.length >= MAX_VERSUS ? `(at most ${MAX_VERSUS})` : "+ add…"));
  add.disabled = state.versus.length >= MAX_VERSUS;
  for (const s of symbols) {
    if (s.symbol === state.subject || state.versus.includes(s.symbol)) continue;
    add.append(el("option", { value: s.symbol }, `${s.symbol} — ${s.name}`));
  }
}

async function loadSessions(symbol) {
  if (sessionsFor === symbol) return;
  const data = await api("/api/sessions", new URLSearchParams({ symbol }));
  sessions = data.dates;
  sessionsFor = symbol;
  const input = $("#asof");
  input.min = data.first;
  input.max = data.last;
}

// last session on or before iso (binary search); null when before the first
function snap(iso) {
  let lo = 0, hi = sessions.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sessions[mid] <= iso) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans < 0 ? null : sessions[ans];
}

function snapInput() {
  const input = $("#asof");
  const want = input.value;
  if (!want || !sessions.length) return;
  const first = sessions[0], last = sessions[sessions.length - 1];
  if (want > last) { input.value = last; setNote(`${fmtDate(want)} is after the last session in the data; using ${fmtDate(last)}.`); return; }
  if (want < first) { input.value = first; setNote(`${fmtDate(want)} is before ${state.subject}'s data begins; using ${fmtDate(first)}.`); return; }
  const got = snap(want);
  if (got !== want) { input.value = got; setNote(`${fmtDate(want)} is not a trading session; using the previous session, ${fmtDate(got)}.`); }
  else setNote("");
}

function readForm() {
  state.subject = $("#subject").value;
  state.versus = state.versus.filter((v) => v !== state.subject);
  state.asof = $("#asof").value;
  state.windows = parseWindows($("#windows").value);
}

function showState() {
  $("#subject").value = state.subject;
  $("#asof").value = state.asof;
  $("#windows").value = state.windows.join(", ");
  if (state.condition) $("#condition").value = state.condition;
  $("#length").value = String(state.length || 5);
  renderVersus();
  $("#download").href = `/api/report.html?${paramsFor(state, false)}`;
}

// ---------- results ----------
function factItem(fact, score) {
  const li = el("li", { class: "fact", "data-kind": fact.kind });
  li.append(el("p", { class: "sentence" }, fact.text));
  const meta = el("p", { class: "meta" });
  const bits = [fact.kind];
  if (fact.versus) bits.push(`vs ${fact.versus}`);
  if (fact.window !== null && fact.window !== undefined) bits.push(typeof fact.window === "number" ? `${fact.window}-session` : String(fact.window));
  if (fact.record) {
    const r = fact.record;
    bits.push(r.since ? `record since ${fmtDate(r.since)}` : `record since data began ${fmtDate(r.history_start)}`);
    bits.push(`rank ${r.rank.toLocaleString("en-US")} of ${r.out_of.toLocaleString("en-US")}`);
  }
  meta.textContent = bits.join(" · ");
  if (score !== undefined) meta.prepend(el("span", { class: "score", title: "how remarkable (report score)" }, score.toFixed(1)));
  li.append(meta);
  return li;
}

function renderFacts(list, target, scored) {
  const box = $(target);
  box.replaceChildren();
  for (const item of list) box.append(scored ? factItem(item.fact, item.score) : factItem(item));
  if (!list.length) box.append(el("li", { class: "muted" }, "No facts for these inputs."));
}

function renderCharts(charts) {
  const box = $("#charts");
  for (const div of box.querySelectorAll(".chart-plot")) { try { Plotly.purge(div); } catch (e) { /* ignore */ } }
  box.replaceChildren();
  const entries = Object.entries(charts || {});
  if (!entries.length) { box.append(el("p", { class: "muted panel" }, "No charts for these inputs.")); return; }
  for (const [name, fig] of entries) {
    const card = el("figure", { class: "chart panel", "data-chart": name });
    const plot = el("div", { class: "chart-plot" });
    card.append(plot);
    box.append(card);
    const layout = Object.assign({}, fig.layout || {}, { autosize: true });
    delete layout.width;
    layout.height = layout.height || 380;
    Plotly.newPlot(plot, fig.data || [], layout, { responsive: true, displaylogo: false });
  }
}

async function run(push) {
  const token = ++runToken;
  const started = performance.now();
  try { readForm(); } catch (e) { setStatus(e.message, "error"); return; }
  try { await loadSessions(state.subject); } catch (e) { setStatus(e.message, "error"); return; }
  if (!$("#asof").value) $("#asof").value = state.asof || sessions[sessions.length - 1];
  snapInput();
  state.asof = $("#asof").value;
  showState();
  writeURL(push);
  setStatus("Computing…", "busy");
  $("#run").disabled = true;
  try {
    const [report, facts] = await Promise.all([
      api("/api/report", paramsFor(state, false)),
      state.windows.length ? api("/api/facts", paramsFor(state)) : Promise.resolve(null),
    ]);
    if (token !== runToken) return;
    const base = report;
    const all = facts;
    $("#results").hidden = false;
    const names = [state.subject, ...state.versus].join(" vs ");
    $("#headline").textContent = (report && report.headline) || `${names}, as of ${fmtDate(base.asof)}`;
    $("#subline").textContent = `${names} · as of ${fmtDate(base.asof)}` + (base.note ? ` · ${base.note}` : "");
    const paras = $("#paragraphs");
    paras.replaceChildren(...((report && report.paragraphs) || []).map((p) => el("p", {}, p)));
    if (report) renderFacts(report.facts, "#facts", true);
    else renderFacts(base.facts, "#facts", false);
    const box = $("#all-facts-box");
    box.hidden = !all;
    if (all) { renderFacts(all.facts, "#all-facts", false); $("#all-count").textContent = all.facts.length; }
    renderCharts(report ? report.charts : {});
    setNotes([pickerNote, ...((report && report.notes) || []), ...((facts && facts.notes) || [])]);
    setStatus(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`, "ok");
    if (state.condition) runStudy(false);
  } catch (e) {
    if (token !== runToken) return;
    setStatus(e.message, "error");
  } finally {
    if (token === runToken) $("#run").disabled = false;
  }
}

// ---------- streak study ----------
function pctText(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  return `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;
}

async function runStudy(push) {
  const cond = $("#condition").value.trim();
  const len = Number($("#length").value);
  const st = $("#study-status");
  if (!cond) return;
  if (!Number.isInteger(len) || len < 1 || len > 250) { st.textContent = "Run length: a whole number of sessions from 1 to 250."; st.className = "status error"; return; }
  state.condition = cond;
  state.length = len;
  writeURL(push);
  st.textContent = "Computing…";
  st.className = "status busy";
  try {
    const p = new URLSearchParams({ subject: state.subject, condition: cond, length: String(len) });
    if (state.asof) p.set("asof", state.asof);
    const data = await api("/api/study", p);
    renderFacts(data.facts, "#study-facts", false);
    const table = $("#episodes");
    table.replaceChildren();
    const horizons = (data.stats || []).map((s) => s.horizon);
    const head = el("tr");
    for (const h of ["episode (run reached length)", "run length", ...horizons.map((h) => `next ${h} sessions`)]) head.append(el("th", {}, h));
    table.append(head);
    for (const ep of data.episodes) {
      const tr = el("tr");
      tr.append(el("td", {}, fmtDate(ep.date)), el("td", {}, String(ep.run_length ?? "")));
      for (const h of horizons) {
        const v = ep[`fwd_${h}`];
        const so = ep[`so_far_${h}`];
        const shown = v === null || v === undefined ? (so === null || so === undefined ? "–" : `${pctText(so)} so far`) : pctText(v);
        const val = v ?? so;
        tr.append(el("td", { class: val > 0 ? "pos" : val < 0 ? "neg" : "" }, shown));
      }
      table.append(tr);
    }
    table.hidden = !data.episodes.length;
    st.textContent = `${data.episodes.length} episodes to ${fmtDate(data.asof)}.`;
    st.className = "status ok";
  } catch (e) {
    st.textContent = e.message;
    st.className = "status error";
  }
}

// ---------- wiring ----------
async function init() {
  try {
    symbols = (await api("/api/symbols")).symbols;
  } catch (e) { setStatus(`Cannot list symbols: ${e.message}`, "error"); return; }
  const fromURL = readURL();
  fillSubject();
  showState();
  $("#subject").addEventListener("change", async () => {
    state.subject = $("#subject").value;
    state.versus = state.versus.filter((v) => v !== state.subject);
    renderVersus();
    try { await loadSessions(state.subject); snapInput(); } catch (e) { setStatus(e.message, "error"); }
  });
  $("#versus-add").addEventListener("change", (ev) => {
    const v = ev.target.value;
    if (v && !state.versus.includes(v) && state.versus.length < MAX_VERSUS) state.versus.push(v);
    renderVersus();
  });
  $("#asof").addEventListener("change", snapInput);
  $("#study-form").addEventListener("submit", (ev) => { ev.preventDefault(); runStudy(true); });
  $("#controls").addEventListener("submit", (ev) => { ev.preventDefault(); run(true); });
  $("#copy").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(location.href); setStatus("Link copied.", "ok"); }
    catch (e) { setStatus(`Share this link: ${location.href}`, "ok"); }
  });
  window.addEventListener("popstate", () => { readURL(); showState(); run(false); });
  document.body.dataset.ready = "1";
  if (fromURL || symbols.length) run(false);
}

document.addEventListener("DOMContentLoaded", init);
