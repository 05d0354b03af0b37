// The facts view: a subject against its comparisons as of a date (the report without its
// sections, which have their own views), the facts of chosen windows, and the return
// since a date or between two dates.
"use strict";

import { $, $$, api, drawCharts, el, fmtDate, renderFacts, reset, setStatus, showError, showNotes } from "./core.js";
import { MAX_VERSUS, Problems, checkDate, checkSessions, queryFor } from "./state.js";

const view = () => $('section.view[data-view="facts"]');
let symbols = [];
let byName = new Map();
let current = { subject: "", versus: [] };
let sessions = { symbol: null, dates: [] };
let runToken = 0;

const unitOf = (sym) => (byName.get(sym) || {}).unit || "price";
const nameOf = (sym) => (byName.get(sym) || {}).name || sym;

// comparisons that give pair facts: prices against prices only (a yield's moves are in
// basis points, a factor is a return series: neither makes a ratio with an index)
export function compatible(subject, other) {
  return other !== subject && unitOf(subject) === "price" && unitOf(other) === "price";
}

const GROUPS = [["price", "Indexes and ETFs"], ["yield", "Rates and yields"], ["pct_return", "Factors (daily returns)"], ["level", "Other series"]];

export function fillSymbolSelect(select, list, value, rawUnknown) {
  select.replaceChildren();
  if (rawUnknown) select.append(el("option", { value: "", "data-unknown": "1" }, `${rawUnknown} — unknown symbol`));
  for (const [unit, label] of GROUPS) {
    const items = list.filter((s) => (s.unit || "level") === unit || (unit === "level" && !GROUPS.some(([u]) => u === s.unit)));
    if (!items.length) continue;
    const group = el("optgroup", { label });
    for (const s of items) group.append(el("option", { value: s.symbol }, `${s.symbol} — ${s.name}`));
    select.append(group);
  }
  select.value = rawUnknown ? "" : value || "";
}

export function setup(list) {
  symbols = list;
  byName = new Map(list.map((s) => [s.symbol, s]));
  const v = view();
  $("#subject", v).addEventListener("change", async () => {
    current.subject = $("#subject", v).value;
    current.versus = current.versus.filter((s) => s !== current.subject);
    renderVersus();
    await loadSessions(current.subject).catch(() => {});
    dateHint();
  });
  $("#versus-add", v).addEventListener("change", (ev) => {
    const s = ev.target.value;
    if (s && !current.versus.includes(s) && current.versus.length < MAX_VERSUS) current.versus.push(s);
    renderVersus();
  });
  $("#asof", v).addEventListener("change", dateHint);
  $("#span", v).addEventListener("change", showSpanFields);
}

function showSpanFields() {
  const v = view();
  const kind = $("#span", v).value;
  for (const f of $$("[data-span]", v)) f.hidden = f.dataset.span !== kind;
}

function renderVersus() {
  const v = view();
  const box = $("#versus-chips", v);
  box.replaceChildren();
  for (const s of current.versus) {
    const ok = compatible(current.subject, s);
    const chip = el("span", { class: ok ? "chip" : "chip warn", "data-symbol": s, title: ok ? nameOf(s) : `${nameOf(s)}: no pair facts with ${nameOf(current.subject)} (see the notes)` });
    chip.append(el("span", {}, s));
    const x = el("button", { type: "button", class: "chip-x", "aria-label": `remove ${s}`, title: `remove ${s}` }, "×");
    x.addEventListener("click", () => { current.versus = current.versus.filter((t) => t !== s); renderVersus(); });
    chip.append(x);
    box.append(chip);
  }
  if (!current.versus.length) box.append(el("span", { class: "muted small" }, "none — facts about the subject alone"));
  const add = $("#versus-add", v);
  const offered = symbols.filter((s) => compatible(current.subject, s.symbol) && !current.versus.includes(s.symbol));
  const full = current.versus.length >= MAX_VERSUS;
  add.replaceChildren(el("option", { value: "" }, full ? `(at most ${MAX_VERSUS})` : offered.length ? "+ add…" : "(none to add)"));
  for (const s of offered) add.append(el("option", { value: s.symbol }, `${s.symbol} — ${s.name}`));
  add.disabled = full || !offered.length;
  const hint = $("#versus-hint", v);
  const unit = unitOf(current.subject);
  hint.textContent = unit === "price" ? "Indexes and ETFs: each pair gives spreads and ratios."
    : unit === "yield" ? "A yield's moves are in basis points: pairs with it have no spread or ratio, so none are offered."
      : "A factor is a return series: compare factors in the Factors view; no pairs are offered here.";
}

async function loadSessions(symbol) {
  if (!symbol || sessions.symbol === symbol) return;
  const data = await api("/api/sessions", new URLSearchParams({ symbol }));
  sessions = { symbol, dates: data.dates };
  const input = $("#asof", view());
  input.min = data.first;
  input.max = data.last;
}

// what the date picker's value will use (the API says it again, as a note, with the facts)
function dateHint() {
  const v = view();
  const want = $("#asof", v).value;
  const hint = $("#asof-hint", v);
  const d = sessions.dates;
  hint.textContent = "";
  if (!want || !d.length) return;
  if (want > d[d.length - 1]) { hint.textContent = `After the data (last session ${fmtDate(d[d.length - 1])}).`; return; }
  if (want < d[0]) { hint.textContent = `Before the data (first session ${fmtDate(d[0])}).`; return; }
  let lo = 0, hi = d.length - 1, ans = -1;
  while (lo <= hi) { const mid = (lo + hi) >> 1; if (d[mid] <= want) { ans = mid; lo = mid + 1; } else hi = mid - 1; }
  if (d[ans] !== want) hint.textContent = `Not a session: the previous session, ${fmtDate(d[ans])}, is used.`;
}

// put values (some may be null: invalid in the URL) into the controls
export function fill(values, raw) {
  const v = view();
  const unknown = values.subject === null ? (raw.get("subject") || "") : "";
  fillSymbolSelect($("#subject", v), symbols, values.subject, unknown);
  current = { subject: values.subject || "", versus: values.versus || [] };
  renderVersus();
  $("#asof", v).value = values.asof || "";
  $("#windows", v).value = values.windows ? values.windows.join(", ") : raw.getAll("window").join(", ");
  const span = values.since ? "since" : values.from ? "between" : "";
  $("#span", v).value = span;
  $("#since", v).value = values.since || "";
  $("#from", v).value = values.from || "";
  $("#to", v).value = values.to || "";
  $("#basis", v).value = values.basis || "price";
  showSpanFields();
  if (values.subject) loadSessions(values.subject).then(dateHint).catch(() => {});
}

// the controls' values, checked
export function read() {
  const v = view();
  const out = new Problems();
  const subject = $("#subject", v).value;
  if (!subject) out.add("subject", "pick a subject from the list");
  const span = $("#span", v).value;
  const values = {
    subject,
    versus: current.versus.filter((s) => s !== subject),
    asof: checkDate($("#asof", v).value, "asof", out),
    windows: checkSessions([$("#windows", v).value], "window", out),
    since: span === "since" ? checkDate($("#since", v).value, "since", out) : "",
    from: span === "between" ? checkDate($("#from", v).value, "from", out) : "",
    to: span === "between" ? checkDate($("#to", v).value, "to", out) : "",
    basis: $("#basis", v).value,
  };
  if (span === "since" && !values.since && values.since !== null) out.add("since", "give the date the span starts on");
  if (span === "between" && !values.from && values.from !== null) out.add("from", "give the first date of the span");
  if (values.from && values.to && values.from > values.to) out.add("from", `from (${values.from}) is after to (${values.to}); give the earlier date first`);
  return { values, problems: out };
}

function apiParams(values, withFacts) {
  const p = new URLSearchParams({ subject: values.subject });
  if (values.versus.length) for (const s of values.versus) p.append("versus", s); else p.set("versus", "none");
  if (values.asof) p.set("asof", values.asof);
  if (values.basis !== "price") p.set("basis", values.basis);
  if (!withFacts) { p.set("sections", "none"); return p; }
  for (const w of values.windows) p.append("window", String(w));
  for (const k of ["since", "from", "to"]) if (values[k]) p.set(k, values[k]);
  return p;
}

export function links(values) {
  const v = view();
  const p = new URLSearchParams({ subject: values.subject });
  if (values.versus.length) for (const s of values.versus) p.append("versus", s); else p.set("versus", "none");
  if (values.asof) p.set("asof", values.asof);
  if (values.basis !== "price") p.set("basis", values.basis);
  $("#download", v).href = `/api/report.html?${p}`;
  for (const a of $$("[data-link]", v)) {
    const target = a.dataset.link;
    const q = target === "study" ? queryFor("study", { subject: values.subject, condition: "ret>1%", length: 5, asof: values.asof })
      : queryFor(target, { asof: values.asof, window: 21, windows: [], min_years: 1, universe: "SP500", symbol: "SPX", since: "", factor: "SMB", subject: values.subject, versus: values.versus[0] || "SPX" });
    if (target === "valuation") q.delete("asof");
    a.href = `/?${q}`;
  }
}

export async function run(values) {
  const v = view();
  const token = ++runToken;
  const started = performance.now();
  reset(v);
  setStatus(v, "Computing…", "busy");
  $("#run", v).disabled = true;
  links(values);
  const wantFacts = values.windows.length || values.since || values.from;
  try {
    const [report, facts] = await Promise.all([
      api("/api/report", apiParams(values, false)),
      wantFacts ? api("/api/facts", apiParams(values, true)) : Promise.resolve(null),
    ]);
    if (token !== runToken) return;
    const names = [values.subject, ...values.versus].map(nameOf).join(" vs ");
    $("#headline", v).textContent = report.headline || `${names}, as of ${fmtDate(report.asof)}`;
    const asked = report.requested_asof && report.requested_asof !== report.asof ? ` (asked: ${fmtDate(report.requested_asof)})` : "";
    $("#subline", v).textContent = `${names} · as of ${fmtDate(report.asof)}${asked}`;
    $("#paragraphs", v).replaceChildren(...(report.paragraphs || []).map((t) => el("p", {}, t)));
    renderFacts($("#facts", v), report.facts, { scored: true });
    const spanFacts = facts ? facts.facts.filter((f) => f.kind === "pair_return") : [];
    $("#span-box", v).hidden = !(values.since || values.from);
    $("#span-title", v).textContent = values.since ? `Since ${fmtDate(values.since)}` : values.from ? `From ${fmtDate(values.from)} to ${fmtDate(values.to || report.asof)}` : "";
    renderFacts($("#span-facts", v), spanFacts, { empty: "No return over this span (see the notes)." });
    const box = $("#all-facts-box", v);
    box.hidden = !(facts && values.windows.length);
    if (facts) { renderFacts($("#all-facts", v), facts.facts); $("#all-count", v).textContent = String(facts.facts.length); }
    $("#results", v).hidden = false;
    drawCharts($("#charts", v), report.charts);
    showNotes(v, [...(report.notes || []), ...((facts && facts.notes) || [])]);
    setStatus(v, `Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`, "ok");
  } catch (e) {
    if (token !== runToken) return;
    setStatus(v, "");
    showError(v, e);
  } finally {
    if (token === runToken) $("#run", v).disabled = false;
  }
}
