// The page's state lives in the URL query string, one set of parameters per view:
//   /                                      the market's story (latest date), then the rotation
//   /?subject=RUT&versus=NDX&asof=2024-07-16&window=5&since=2024-07-01   facts
//   /?view=rotation&asof=2024-07-16&window=21                           and so on per view
// parseURL checks every parameter the way the API does and returns each problem with
// the parameter it is about, so a bad URL shows its error in place instead of blank
// controls; queryFor writes a view's values back (defaults left out).
"use strict";

export const VIEW_NAMES = ["market", "facts", "rotation", "scan", "study", "breadth", "valuation", "factors", "fedwatch"];
export const MAX_VERSUS = 5;
export const DEFAULT_VERSUS = ["SPX", "NDX"];

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}(-\d{2})?$/;

function realDate(text) {
  if (!ISO.test(text)) return false;
  const d = new Date(text + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export class Problems {
  constructor() { this.list = []; }
  add(param, message) { this.list.push({ message, body: { param } }); }
  get any() { return this.list.length > 0; }
}

// ---------- one parameter at a time ----------
export function checkDate(raw, param, out) {
  const v = (raw || "").trim();
  if (!v || v.toLowerCase() === "latest") return "";
  if (!realDate(v)) { out.add(param, `${JSON.stringify(v)} is not a date; use YYYY-MM-DD`); return null; }
  return v;
}

function checkMonth(raw, param, out) {
  const v = (raw || "").trim();
  if (!v || v.toLowerCase() === "latest") return "";
  if (!MONTH.test(v) || (v.length === 10 && !realDate(v)) || Number(v.slice(5, 7)) < 1 || Number(v.slice(5, 7)) > 12) {
    out.add(param, `${JSON.stringify(v)} is not a month or a date; use YYYY-MM or YYYY-MM-DD`);
    return null;
  }
  return v;
}

export function checkSessions(parts, param, out, { max = 10 } = {}) {
  const got = [];
  for (const part of parts.flatMap((p) => String(p).split(/[\s,;]+/))) {
    if (!part) continue;
    const n = Number(part);
    if (!/^\d+$/.test(part) || n < 1 || n > 2520) {
      out.add(param, `window ${JSON.stringify(part)}: use whole numbers of sessions from 1 to 2520`);
      return null;
    }
    if (!got.includes(n)) got.push(n);
  }
  if (got.length > max) { out.add(param, `at most ${max} windows`); return null; }
  return got.sort((a, b) => a - b);
}

export function checkYears(parts, param, out) {
  const got = [];
  for (const part of parts.flatMap((p) => String(p).split(/[\s,;]+/))) {
    if (!part) continue;
    const m = /^(\d+)\s*y$/i.exec(part);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 100) {
      out.add(param, `window ${JSON.stringify(part)}: use calendar years from 1y to 100y, e.g. 10y`);
      return null;
    }
    const label = `${Number(m[1])}y`;
    if (!got.includes(label)) got.push(label);
  }
  if (got.length > 10) { out.add(param, "at most 10 windows"); return null; }
  return got;
}

function checkInt(raw, param, out, lo, hi, fallback) {
  if (raw === null || raw === undefined || String(raw).trim() === "") return fallback;
  const t = String(raw).trim();
  const n = Number(t);
  if (!/^\d+$/.test(t) || n < lo || n > hi) { out.add(param, `${JSON.stringify(t)}: use a whole number from ${lo} to ${hi}`); return null; }
  return n;
}

function checkNumber(raw, param, out, lo, hi, fallback) {
  if (raw === null || raw === undefined || String(raw).trim() === "") return fallback;
  const t = String(raw).trim();
  const n = Number(t);
  if (!Number.isFinite(n) || n < lo || n > hi) { out.add(param, `${JSON.stringify(t)}: use a number from ${lo} to ${hi}`); return null; }
  return n;
}

// a symbol of the list (case-insensitive), else a problem naming it: never silently another
export function checkSymbol(raw, param, out, known, fallback) {
  const v = (raw || "").trim();
  if (!v) return fallback;
  const hit = known.get(v.toUpperCase());
  if (!hit) { out.add(param, `unknown symbol ${JSON.stringify(v.slice(0, 40))}; pick one from the list`); return null; }
  return hit;
}

function checkVersus(parts, out, known, subject) {
  const got = [];
  for (const part of parts.flatMap((p) => p.split(","))) {
    const v = part.trim();
    if (!v || v.toLowerCase() === "none") continue;
    const sym = checkSymbol(v, "versus", out, known, null);
    if (sym === null) return null;
    if (sym !== subject && !got.includes(sym)) got.push(sym);
  }
  if (got.length > MAX_VERSUS) { out.add("versus", `at most ${MAX_VERSUS} comparisons`); return null; }
  return got;
}

function checkSpan(p, out) {
  const since = checkDate(p.get("since"), "since", out);
  const from = checkDate(p.get("from"), "from", out);
  const to = checkDate(p.get("to"), "to", out);
  if (since === null || from === null || to === null) return null;
  if (since && (from || to)) { out.add("since", "give either since, or from (with to), not both"); return null; }
  if (to && !from) { out.add("to", "to needs from: give the first date too"); return null; }
  if (from && to && from > to) { out.add("from", `from (${from}) is after to (${to}); give the earlier date first`); return null; }
  return { since, from, to };
}

// ---------- a whole URL ----------
// returns { view, values, problems }; values hold what was valid (null where not)
export function parseURL(search, symbols) {
  const p = new URLSearchParams(search);
  const out = new Problems();
  const known = new Map(symbols.map((s) => [s.symbol.toUpperCase(), s.symbol]));
  const first = (names) => names.find((n) => known.has(n)) || (symbols[0] || {}).symbol || "";
  let view = (p.get("view") || "").trim().toLowerCase();
  if (!view) view = p.has("subject") ? "facts" : "market";
  if (!VIEW_NAMES.includes(view)) {
    out.add("view", `unknown view ${JSON.stringify(view.slice(0, 30))}; views: ${VIEW_NAMES.join(", ")}`);
    return { view: "market", values: { asof: "" }, problems: out, raw: p };
  }
  const v = { asof: view === "valuation" ? "" : checkDate(p.get("asof"), "asof", out) };
  if (view === "facts") {
    v.subject = checkSymbol(p.get("subject"), "subject", out, known, first(["RUT"]));
    v.versus = p.has("subject") || p.has("versus")
      ? checkVersus(p.getAll("versus"), out, known, v.subject)
      : DEFAULT_VERSUS.filter((s) => known.has(s) && s !== v.subject);
    v.windows = checkSessions(p.getAll("window"), "window", out);
    Object.assign(v, checkSpan(p, out) || { since: null, from: null, to: null });
    const basis = (p.get("basis") || "price").trim();
    v.basis = ["price", "total_return"].includes(basis) ? basis : (out.add("basis", `${JSON.stringify(basis)}: use price or total_return`), null);
  } else if (view === "rotation") {
    v.window = checkInt(p.get("window"), "window", out, 1, 2520, 21);
  } else if (view === "scan") {
    v.windows = checkSessions(p.getAll("window"), "window", out);
    v.min_years = checkNumber(p.get("min_years"), "min_years", out, 0, 200, 1);
  } else if (view === "study") {
    v.subject = checkSymbol(p.get("subject"), "subject", out, known, first(["RUT"]));
    const cond = (p.get("condition") || "ret>1%").trim();
    v.condition = cond.length <= 40 && /^[A-Za-z0-9:<>%.=\-+ ^@_]+$/.test(cond) ? cond
      : (out.add("condition", `${JSON.stringify(cond.slice(0, 40))}: use ret>1%, ret<-1%, beats:SYMBOL or above:N`), null);
    v.length = checkInt(p.get("length"), "length", out, 1, 250, 5);
  } else if (view === "breadth") {
    const u = (p.get("universe") || "SP500").trim();
    v.universe = /^[A-Za-z0-9_.-]{1,24}$/.test(u) ? u.toUpperCase() : (out.add("universe", `${JSON.stringify(u.slice(0, 30))}: letters and digits, e.g. SP500`), null);
  } else if (view === "valuation") {
    v.asof = checkMonth(p.get("asof"), "asof", out);
    v.since = checkMonth(p.get("since"), "since", out);
    const s = (p.get("symbol") || "SPX").trim();
    v.symbol = /^[A-Za-z0-9^._=:@-]{1,40}$/.test(s) ? s.toUpperCase() : (out.add("symbol", `${JSON.stringify(s.slice(0, 40))} is not a symbol`), null);
  } else if (view === "factors") {
    v.factor = checkSymbol(p.get("factor"), "factor", out, known, first(["SMB"]));
    v.windows = checkYears(p.getAll("window"), "window", out);
    v.subject = checkSymbol(p.get("subject"), "subject", out, known, first(["RUT"]));
    v.versus = checkSymbol(p.get("versus"), "versus", out, known, first(["SPX"]));
  }
  return { view, values: v, problems: out, raw: p };
}

// the query string of a view's values (defaults left out)
export function queryFor(view, v) {
  const p = new URLSearchParams();
  if (view === "facts") {
    p.set("subject", v.subject);
    if (v.versus.length) for (const s of v.versus) p.append("versus", s); else p.set("versus", "none");
  } else if (view !== "market") {
    p.set("view", view);
  }
  if (v.asof) p.set("asof", v.asof);
  if (view === "facts") {
    for (const w of v.windows || []) p.append("window", String(w));
    if (v.since) p.set("since", v.since);
    if (v.from) p.set("from", v.from);
    if (v.to) p.set("to", v.to);
    if (v.basis && v.basis !== "price") p.set("basis", v.basis);
  } else if (view === "rotation") {
    if (v.window !== 21) p.set("window", String(v.window));
  } else if (view === "scan") {
    for (const w of v.windows || []) p.append("window", String(w));
    if (v.min_years !== 1) p.set("min_years", String(v.min_years));
  } else if (view === "study") {
    p.set("subject", v.subject);
    p.set("condition", v.condition);
    p.set("length", String(v.length));
  } else if (view === "breadth") {
    if (v.universe !== "SP500") p.set("universe", v.universe);
  } else if (view === "valuation") {
    if (v.symbol !== "SPX") p.set("symbol", v.symbol);
    if (v.since) p.set("since", v.since);
  } else if (view === "factors") {
    p.set("factor", v.factor);
    for (const w of v.windows || []) p.append("window", w);
    p.set("subject", v.subject);
    p.set("versus", v.versus);
  }
  return p;
}
