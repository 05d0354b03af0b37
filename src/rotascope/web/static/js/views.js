// The product views besides facts: the market's story (the landing view), the rotation
// dashboard, the record scan, the streak study, breadth, valuation, factors and the fed
// funds futures odds. Each has fill (values -> controls), read (controls -> values,
// checked) and run (ask the API, show the answer, its notes, or its error in place).
"use strict";

import {
  $, api, drawCharts, el, finite, fmtDate, frac, num, pct, renderFacts, renderTable, reset,
  setStatus, showError, showNotes, signClass, valueText,
} from "./core.js";
import { fillSymbolSelect } from "./facts.js";
import { Problems, checkDate, checkSessions, checkSymbol, checkYears, queryFor } from "./state.js";

const section = (name) => $(`section.view[data-view="${name}"]`);
const form = (name) => $(`form[data-form="${name}"]`);
const field = (name, key) => form(name).elements.namedItem(key);
let symbols = [];
let known = new Map();
const tokens = {};

export function setup(list) {
  symbols = list;
  known = new Map(list.map((s) => [s.symbol.toUpperCase(), s.symbol]));
}

const nameOf = (sym) => (symbols.find((s) => s.symbol === sym) || {}).name || sym;

// run one question of a view: clear what was there, then show the answer or the error
async function ask(name, work) {
  const v = section(name);
  const token = (tokens[name] = (tokens[name] || 0) + 1);
  const started = performance.now();
  reset(v);
  const howto = $("[data-howto]", v);
  if (howto) howto.hidden = true;
  setStatus(v, "Computing…", "busy");
  try {
    const notes = await work(v, () => token !== tokens[name]);
    if (token !== tokens[name]) return;
    $("[data-results]", v).hidden = false;
    showNotes(v, notes);
    setStatus(v, `Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`, "ok");
  } catch (e) {
    if (token !== tokens[name]) return;
    setStatus(v, "");
    if (howto && e.body && /no fed funds futures prices/.test(e.message)) howto.hidden = false;
    showError(v, e);
  }
}

const params = (obj) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v)) for (const x of v) p.append(k, String(x));
    else if (v !== "" && v !== null && v !== undefined) p.set(k, String(v));
  }
  return p;
};
const asOf = (d) => `as of ${fmtDate(d.asof)}${d.requested_asof && d.requested_asof !== d.asof ? ` (asked: ${fmtDate(d.requested_asof)})` : ""}`;
const allNotes = (d) => [...(d.notes || [])];

// ---------- market: the landing view ----------
const market = {
  fill(v) { field("market", "asof").value = v.asof || ""; },
  read() { const out = new Problems(); return { values: { asof: checkDate(field("market", "asof").value, "asof", out) }, problems: out }; },
  run(values) {
    return ask("market", async (v) => {
      const story = await api("/api/market", params({ asof: values.asof }));
      // the rotation of the same session as the story
      const rot = await api("/api/rotation", params({ asof: story.asof })).catch((e) => ({ error: e }));
      $("[data-headline]", v).textContent = story.headline || `A quiet session across the market, ${fmtDate(story.asof)}`;
      $("[data-subline]", v).textContent = `Every stored series and rotation pair, ${asOf(story)}`;
      $("[data-paragraphs]", v).replaceChildren(...story.paragraphs.map((t) => el("p", {}, t)));
      const list = $("[data-facts]", v);
      renderFacts(list, story.facts, { scored: true });
      [...list.children].forEach((li, i) => {
        const f = story.facts[i] && story.facts[i].fact;
        if (!f || !known.has(f.subject.toUpperCase())) return;
        const q = queryFor("facts", { subject: f.subject, versus: f.versus ? [f.versus] : [], asof: story.asof, windows: [], basis: "price" });
        li.querySelector(".meta").append(" · ", el("a", { href: `/?${q}` }, `facts for ${f.subject}${f.versus ? ` vs ${f.versus}` : ""}`));
      });
      const notes = allNotes(story);
      if (rot.error) notes.push(`Rotation dashboard: ${rot.error.message}`);
      else { rotationTable($("[data-rotation]", v), rot); notes.push(...rot.notes); }
      $("[data-rotation-window]", v).textContent = rot.error ? "" : `over ${rot.window} sessions, ${asOf(rot)}`;
      $("[data-rotation-link]", v).href = `/?${queryFor("rotation", { asof: story.asof, window: 21 })}`;
      return notes;
    });
  },
};

function rotationTable(table, d) {
  renderTable(table, [
    { head: "gauge", cell: (r) => r.gauge },
    { head: "spread or return", num: true, cell: (r) => (r.unit === "pp" ? valueText(r.value, "pp") : pct(r.value)), cls: (r) => signClass(r.value) },
    { head: "first leg", num: true, cell: (r) => (r.unit === "pp" ? pct(r.subject_return) : "") },
    { head: "second leg", num: true, cell: (r) => (r.unit === "pp" ? pct(r.versus_return) : "") },
    { head: "record since", cell: (r) => (r.record_since ? fmtDate(r.record_since) : r.history_start ? `records began (${fmtDate(r.history_start)})` : "–") },
    { head: "rank", num: true, cell: (r) => (finite(r.rank) ? `${num(r.rank, 0)} of ${num(r.out_of, 0)}` : "–") },
    { head: "", cell: (r) => (r.stale ? "stale" : "") },
  ], d.rows);
}

// ---------- rotation ----------
const rotation = {
  fill(v) { field("rotation", "asof").value = v.asof || ""; field("rotation", "window").value = String(v.window ?? 21); },
  read() {
    const out = new Problems();
    const w = checkSessions([field("rotation", "window").value || "21"], "window", out, { max: 1 });
    return { values: { asof: checkDate(field("rotation", "asof").value, "asof", out), window: w ? w[0] : null }, problems: out };
  },
  run(values) {
    return ask("rotation", async (v) => {
      const d = await api("/api/rotation", params({ asof: values.asof, window: values.window }));
      $("[data-title]", v).textContent = `Rotation dashboard over ${d.window} sessions, ${asOf(d)}`;
      rotationTable($("[data-table]", v), d);
      renderFacts($("[data-facts]", v), d.facts);
      return allNotes(d);
    });
  },
};

// ---------- record scan ----------
const scan = {
  fill(v, raw) {
    field("scan", "asof").value = v.asof || "";
    field("scan", "window").value = v.windows ? v.windows.join(", ") : raw.getAll("window").join(", ");
    field("scan", "min_years").value = String(v.min_years ?? raw.get("min_years") ?? 1);
  },
  read() {
    const out = new Problems();
    const years = field("scan", "min_years").value.trim() || "1";
    const n = Number(years);
    if (!Number.isFinite(n) || n < 0 || n > 200) out.add("min_years", `${JSON.stringify(years)}: use a number of years from 0 to 200`);
    return {
      values: { asof: checkDate(field("scan", "asof").value, "asof", out), windows: checkSessions([field("scan", "window").value], "window", out), min_years: n },
      problems: out,
    };
  },
  run(values) {
    return ask("scan", async (v) => {
      const d = await api("/api/scan", params({ asof: values.asof, window: values.windows, min_years: values.min_years }));
      $("[data-title]", v).textContent = `Records set on ${fmtDate(d.asof)} reaching back ${num(d.min_years)} year${d.min_years === 1 ? "" : "s"} or more (${d.records.length})`;
      renderTable($("[data-table]", v), [
        { head: "series", cell: (r) => (r.name.includes(`(${r.symbol})`) || r.name === r.symbol ? r.name : `${r.name} (${r.symbol})`) },
        { head: "window", num: true, cell: (r) => `${r.window}-session` },
        { head: "move", num: true, cell: (r) => valueText(r.value, r.unit), cls: (r) => signClass(r.value) },
        { head: "kind", cell: (r) => (r.direction === "high" ? "biggest gain" : "biggest loss") },
        { head: "since", cell: (r) => (r.since ? fmtDate(r.since) : `records began (${fmtDate(r.history_start)})`) },
        { head: "years back", num: true, cell: (r) => num(r.years_back, 1) },
        { head: "rank", num: true, cell: (r) => `${num(r.rank, 0)} of ${num(r.out_of, 0)}` },
      ], d.records);
      const notes = allNotes(d);
      if (!d.records.length) notes.unshift("Nothing set a record reaching back that far on this date.");
      return notes;
    });
  },
};

// ---------- streak study ----------
const study = {
  fill(v, raw) {
    fillSymbolSelect(field("study", "subject"), symbols, v.subject, v.subject === null ? raw.get("subject") || "" : "");
    field("study", "condition").value = v.condition ?? raw.get("condition") ?? "ret>1%";
    field("study", "length").value = String(v.length ?? raw.get("length") ?? 5);
    field("study", "asof").value = v.asof || "";
  },
  read() {
    const out = new Problems();
    const subject = field("study", "subject").value;
    if (!subject) out.add("subject", "pick a subject from the list");
    const condition = field("study", "condition").value.trim();
    if (!condition) out.add("condition", "give a condition: ret>1%, ret<-1%, beats:SYMBOL or above:N");
    const len = field("study", "length").value.trim();
    if (!/^\d+$/.test(len) || Number(len) < 1 || Number(len) > 250) out.add("length", "run length: a whole number of sessions from 1 to 250");
    return { values: { subject, condition, length: Number(len), asof: checkDate(field("study", "asof").value, "asof", out) }, problems: out };
  },
  run(values) {
    return ask("study", async (v) => {
      const d = await api("/api/study", params({ subject: values.subject, condition: values.condition, length: values.length, asof: values.asof }));
      renderFacts($("#study-facts", v), d.facts);
      const horizons = (d.stats || []).map((s) => s.horizon);
      const cell = (ep, h) => {
        const done = ep[`fwd_${h}`];
        const sofar = ep[`so_far_${h}`];
        if (finite(done)) return frac(done);
        return finite(sofar) ? `${frac(sofar)} so far` : "–";
      };
      renderTable($("#episodes", v), [
        { head: "run reached length", cell: (ep) => fmtDate(ep.date) },
        { head: "run length", num: true, cell: (ep) => String(ep.run_length ?? "") },
        ...horizons.map((h) => ({ head: `next ${h} sessions`, num: true, cell: (ep) => cell(ep, h), cls: (ep) => signClass(ep[`fwd_${h}`] ?? ep[`so_far_${h}`]) })),
      ], d.episodes);
      return [`${d.episodes.length} earlier episode${d.episodes.length === 1 ? "" : "s"} to ${fmtDate(d.asof)}.`, ...allNotes(d)];
    });
  },
};

// ---------- breadth ----------
const breadth = {
  fill(v, raw) { field("breadth", "asof").value = v.asof || ""; field("breadth", "universe").value = v.universe ?? raw.get("universe") ?? "SP500"; },
  read() {
    const out = new Problems();
    const u = field("breadth", "universe").value.trim() || "SP500";
    if (!/^[A-Za-z0-9_.-]{1,24}$/.test(u)) out.add("universe", `${JSON.stringify(u)}: letters and digits, e.g. SP500`);
    return { values: { asof: checkDate(field("breadth", "asof").value, "asof", out), universe: u.toUpperCase() }, problems: out };
  },
  run(values) {
    return ask("breadth", async (v) => {
      const d = await api("/api/breadth", params({ asof: values.asof, universe: values.universe }));
      const members = d.stocks ? ` (${num(d.stocks, 0)} members with closes)` : "";
      $("[data-title]", v).textContent = `Breadth of the ${d.universe} ${asOf(d)}${members}`;
      renderFacts($("[data-facts]", v), d.facts);
      renderTable($("[data-table]", v), [
        { head: "measure", cell: (r) => r.measure },
        { head: "value", num: true, cell: (r) => (r.unit === "pct" ? pct(r.value, 1, false) : num(r.value, 0)) },
        { head: "members", num: true, cell: (r) => num(r.members, 0) },
        { head: "with data", num: true, cell: (r) => num(r.with_data, 0) },
        { head: "record since", cell: (r) => (r.record_since ? fmtDate(r.record_since) : "–") },
      ], d.rows);
      return allNotes(d);
    });
  },
};

// ---------- valuation ----------
const MONTH = /^(\d{4}-\d{2}(-\d{2})?)?$/;
const valuation = {
  fill(v, raw) {
    field("valuation", "symbol").value = v.symbol ?? raw.get("symbol") ?? "SPX";
    field("valuation", "asof").value = v.asof ?? raw.get("asof") ?? "";
    field("valuation", "since").value = v.since ?? raw.get("since") ?? "";
  },
  read() {
    const out = new Problems();
    const get = (k) => field("valuation", k).value.trim();
    for (const k of ["asof", "since"]) if (!MONTH.test(get(k))) out.add(k, `${JSON.stringify(get(k))}: use YYYY-MM or YYYY-MM-DD`);
    const symbol = (get("symbol") || "SPX").toUpperCase();
    if (!/^[A-Z0-9^._=:@-]{1,40}$/.test(symbol)) out.add("symbol", `${JSON.stringify(symbol)} is not a symbol`);
    return { values: { symbol, asof: get("asof"), since: get("since") }, problems: out };
  },
  run(values) {
    return ask("valuation", async (v) => {
      const d = await api("/api/valuation", params(values));
      $("[data-title]", v).textContent = `Valuation of ${nameOf(d.symbol)} ${asOf(d)}`;
      renderFacts($("[data-facts]", v), d.facts);
      drawCharts($("[data-charts]", v), d.charts, { empty: "" });
      return [...allNotes(d), `Data: ${d.where}.`];
    });
  },
};

// ---------- factors ----------
const factors = {
  fill(v, raw) {
    const factorsOnly = symbols.filter((s) => s.unit === "pct_return");
    const prices = symbols.filter((s) => s.unit === "price");
    fillSymbolSelect(field("factors", "factor"), factorsOnly, v.factor, v.factor === null ? raw.get("factor") || "" : "");
    fillSymbolSelect(field("factors", "subject"), prices, v.subject, v.subject === null ? raw.get("subject") || "" : "");
    fillSymbolSelect(field("factors", "versus"), prices, v.versus, v.versus === null ? raw.get("versus") || "" : "");
    field("factors", "window").value = v.windows ? v.windows.join(", ") : raw.getAll("window").join(", ");
    field("factors", "asof").value = v.asof || "";
  },
  read() {
    const out = new Problems();
    const pick = (k) => checkSymbol(field("factors", k).value, k, out, known, null) || (field("factors", k).value ? null : (out.add(k, "pick one from the list"), null));
    return {
      values: {
        factor: pick("factor"), subject: pick("subject"), versus: pick("versus"),
        windows: checkYears([field("factors", "window").value], "window", out),
        asof: checkDate(field("factors", "asof").value, "asof", out),
      },
      problems: out,
    };
  },
  run(values) {
    return ask("factors", async (v) => {
      const wins = values.windows || [];
      const [one, pair, decades] = await Promise.all([
        api("/api/factors", params({ symbol: values.factor, asof: values.asof, window: wins })),
        api("/api/factors/pair", params({ subject: values.subject, versus: values.versus, asof: values.asof })).catch((e) => ({ error: e })),
        api("/api/factors/decades", params({ asof: values.asof })),
      ]);
      $("[data-factor-title]", v).textContent = `${nameOf(one.subject)} over long windows, ${asOf(one)}`;
      renderFacts($("[data-factor-facts]", v), one.facts);
      $("[data-pair-title]", v).textContent = `${nameOf(values.subject)} vs ${nameOf(values.versus)} over the long run`;
      if (pair.error) renderFacts($("[data-pair-facts]", v), [], { empty: pair.error.message });
      else renderFacts($("[data-pair-facts]", v), pair.facts, { empty: "No complete window by this date." });
      drawCharts($("[data-charts]", v), decades.charts, { empty: "" });
      renderTable($("[data-table]", v), [
        { head: "decade", cell: (r) => (r.partial ? `${r.decade} (to ${fmtDate(r.through)})` : r.decade) },
        ...decades.factors.map((f) => ({ head: f, num: true, cell: (r) => frac(r[f], 0), cls: (r) => signClass(r[f]) })),
      ], decades.decades);
      return [...allNotes(one), ...(pair.error ? [] : allNotes(pair)), ...allNotes(decades)];
    });
  },
};

// ---------- fed funds futures odds ----------
const fedwatch = {
  fill(v) { field("fedwatch", "asof").value = v.asof || ""; },
  read() { const out = new Problems(); return { values: { asof: checkDate(field("fedwatch", "asof").value, "asof", out) }, problems: out }; },
  run(values) {
    return ask("fedwatch", async (v) => {
      const health = await api("/api/health");
      if (!health.features.fedwatch) {  // no futures stored: say how to import them
        $("[data-howto]", v).hidden = false;
        $("[data-title]", v).textContent = "Rate odds by FOMC meeting";
        renderTable($("[data-table]", v), [], []);
        renderFacts($("[data-facts]", v), [], { empty: "No odds without futures prices." });
        return [];
      }
      const d = await api("/api/fedwatch", params({ asof: values.asof }));
      const when = d.asof && d.asof.session ? d.asof.session : "";
      $("[data-title]", v).textContent = `Rate odds by FOMC meeting, from futures prices of ${fmtDate(when)} (effective rate ${num(d.rate)}%)`;
      renderTable($("[data-table]", v), [
        { head: "meeting", cell: (f) => fmtDate(f.details.meeting) },
        { head: "cut", num: true, cell: (f) => pct(f.details.cut, 0, false) },
        { head: "no change", num: true, cell: (f) => pct(f.details.hold, 0, false) },
        { head: "hike", num: true, cell: (f) => pct(f.details.hike, 0, false) },
        { head: "most likely", cell: (f) => `${f.details.likely} (${pct(f.details.likely_pct, 0, false)})` },
      ], d.facts);
      renderFacts($("[data-facts]", v), d.facts);
      return (d.notes || []).map((n) => n.text || n);
    });
  },
};

export const VIEWS = { market, rotation, scan, study, breadth, valuation, factors, fedwatch };
