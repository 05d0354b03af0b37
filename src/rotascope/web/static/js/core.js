// Shared helpers of the page: DOM building, the JSON API, number and date formats, and
// the parts every view has (status line, error box, notes, fact lists, tables, charts).
// Everything comes from this server; nothing is fetched from elsewhere.
"use strict";

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, v);
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

// ---------- the API ----------
export class ApiError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body || {};
  }
}

export async function api(path, params) {
  const qs = params ? String(params) : "";
  const resp = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await resp.json(); } catch (e) { body = null; }
  if (!resp.ok) throw new ApiError((body && body.message) || `${resp.status} ${resp.statusText}`, resp.status, body);
  return body;
}

// ---------- formats ----------
export function fmtDate(iso) {
  if (!iso) return "";
  const d = new Date(String(iso).slice(0, 10) + "T00:00:00Z");
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

export const finite = (x) => typeof x === "number" && Number.isFinite(x);

// a value in percent (11.5 -> "+11.5%"); "–" for anything not a finite number
export function pct(x, digits = 1, signed = true) {
  if (!finite(x)) return "–";
  return `${signed && x > 0 ? "+" : ""}${x.toFixed(digits)}%`;
}

// a fraction (0.115 -> "+11.5%")
export const frac = (x, digits = 1) => (finite(x) ? pct(x * 100, digits) : "–");

export function num(x, digits = 2) {
  if (!finite(x)) return "–";
  return x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

// a fact's value in its unit
export function valueText(value, unit) {
  if (!finite(value)) return "–";
  if (unit === "pct") return pct(value);
  if (unit === "pp") return `${value > 0 ? "+" : ""}${value.toFixed(1)} pts`;
  if (unit === "bp") return `${value > 0 ? "+" : ""}${value.toFixed(0)} bp`;
  return num(value);
}

// ---------- the parts of a view ----------
export function setStatus(view, text, kind = "") {
  const s = $("[data-status]", view);
  s.textContent = text;
  s.className = `status ${kind}`;
}

export function showError(view, err) {
  const box = $("[data-error]", view);
  box.replaceChildren();
  if (!err) { box.hidden = true; return; }
  const list = Array.isArray(err) ? err : [err];
  for (const e of list) {
    const p = el("p", {}, e.message || String(e));
    const body = e.body || {};
    if (body.param) p.prepend(el("strong", {}, `${body.param}: `));
    box.append(p);
    const valid = body.valid;
    if (valid && typeof valid === "object" && !Array.isArray(valid)) {
      box.append(el("p", { class: "small" }, "Valid: " + Object.entries(valid).map(([k, v]) => `${k} ${v}`).join(", ")));
    } else if (Array.isArray(valid) && valid.length && valid.length <= 40) {
      box.append(el("p", { class: "small" }, "Valid: " + valid.join(", ")));
    }
  }
  box.hidden = false;
}

// every note of a result, each once, one per line (the API's words)
export function showNotes(view, list) {
  const box = $("[data-notes]", view);
  const items = [...new Set((list || []).filter(Boolean))];
  box.replaceChildren(...items.map((t) => el("p", {}, t)));
  box.hidden = !items.length;
}

// clear a view's results, notes and error before a new question
export function reset(view) {
  showError(view, null);
  showNotes(view, []);
  const res = $("[data-results]", view);
  if (res) res.hidden = true;
  purgeCharts(view);
}

// ---------- facts ----------
export function factItem(fact, score) {
  const li = el("li", { class: "fact", "data-kind": fact.kind });
  li.append(el("p", { class: "sentence" }, fact.text));
  const bits = [fact.label || fact.kind];
  if (fact.versus) bits.push(`vs ${fact.versus}`);
  if (fact.window !== null && fact.window !== undefined && fact.window !== 0) {
    bits.push(typeof fact.window === "number" ? `${fact.window}-session` : String(fact.window));
  }
  const r = fact.record;
  if (r) {
    bits.push(r.since ? `record since ${fmtDate(r.since)}` : `record since data began ${fmtDate(r.history_start)}`);
    bits.push(`rank ${r.rank.toLocaleString("en-US")} of ${r.out_of.toLocaleString("en-US")}`);
  }
  const meta = el("p", { class: "meta" }, bits.join(" · "));
  if (score !== undefined) meta.prepend(el("span", { class: "score", title: "how remarkable (the report's score)" }, score.toFixed(1)));
  li.append(meta);
  return li;
}

export function renderFacts(box, list, { scored = false, empty = "No facts for these inputs." } = {}) {
  box.replaceChildren();
  for (const item of list || []) box.append(scored ? factItem(item.fact, item.score) : factItem(item));
  if (!box.children.length) box.append(el("li", { class: "muted" }, empty));
}

// ---------- tables ----------
// columns: [{ head, cell: (row) => text | Node, num: bool, cls: (row) => class }]
export function renderTable(table, columns, rows) {
  table.replaceChildren();
  const head = el("tr");
  for (const c of columns) head.append(el("th", { class: c.num ? "num" : null }, c.head));
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    for (const c of columns) {
      const v = c.cell(row);
      const td = el("td", { class: [c.num ? "num" : "", c.cls ? c.cls(row) : ""].join(" ").trim() || null });
      if (v instanceof Node) td.append(v); else td.textContent = v ?? "";
      tr.append(td);
    }
    tbody.append(tr);
  }
  table.append(thead, tbody);
  table.hidden = !rows.length;
}

export const signClass = (x) => (finite(x) ? (x > 0 ? "pos" : x < 0 ? "neg" : "") : "");

// ---------- charts (plotly.js from this server) ----------
export function purgeCharts(root) {
  if (typeof Plotly === "undefined") return;
  for (const div of $$(".chart-plot", root)) { try { Plotly.purge(div); } catch (e) { /* already gone */ } }
}

export function drawCharts(box, charts, { empty = "No charts for these inputs." } = {}) {
  purgeCharts(box);
  box.replaceChildren();
  const entries = Object.entries(charts || {});
  if (!entries.length) { if (empty) box.append(el("p", { class: "muted panel" }, empty)); return; }
  for (const [name, fig] of entries) {
    const card = el("figure", { class: "chart panel", "data-chart": name });
    const plot = el("div", { class: "chart-plot" });
    card.append(plot);
    box.append(card);
    const layout = Object.assign({}, fig.layout || {}, { autosize: true });
    delete layout.width;
    layout.height = layout.height || 380;
    if (typeof Plotly === "undefined") { card.append(el("p", { class: "muted" }, "plotly.js did not load.")); continue; }
    Plotly.newPlot(plot, fig.data || [], layout, { responsive: true, displaylogo: false });
  }
}
