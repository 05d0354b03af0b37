// Renders /openapi.json as a readable reference, offline (no CDN). Descriptions are
// Markdown (FastAPI takes them from docstrings): paragraphs, ``code`` and `code`,
// **bold**, *emphasis* and [links](/path) are drawn as such, built as DOM nodes (never
// as HTML strings), so nothing in a description can inject markup.
"use strict";

const INLINE = /(``(.+?)``|`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(([^)\s]+)\))/g;

// the inline Markdown of one paragraph, as nodes
function inline(text) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(document.createTextNode(text.slice(last, m.index)));
    if (m[2] !== undefined || m[3] !== undefined) out.push(el("code", {}, m[2] ?? m[3]));
    else if (m[4] !== undefined) out.push(el("strong", {}, m[4]));
    else if (m[5] !== undefined) out.push(el("em", {}, m[5]));
    else {
      const safe = /^(\/|https?:\/\/|#)/.test(m[7]) ? m[7] : "#";
      out.push(el("a", { href: safe }, m[6]));
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

// Markdown text as paragraphs (blank lines separate them; single newlines are spaces)
function markdown(text, cls) {
  const box = el("div", cls ? { class: cls } : {});
  for (const para of String(text || "").split(/\n\s*\n/)) {
    const t = para.replace(/\s*\n\s*/g, " ").trim();
    if (!t) continue;
    const p = el("p");
    p.append(...inline(t));
    box.append(p);
  }
  return box;
}

function cellWith(text) {
  const td = el("td");
  td.append(...inline(String(text || "")));
  return td;
}

function el(tag, attrs = {}, text) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  return n;
}

function typeOf(schema, spec) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.anyOf) return schema.anyOf.map((s) => typeOf(s, spec)).join(" | ");
  if (schema.type === "array") return `list[${typeOf(schema.items, spec)}]`;
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  let t = schema.type || "any";
  if (schema.format) t += ` (${schema.format})`;
  const bounds = [];
  if (schema.minimum !== undefined) bounds.push(`>= ${schema.minimum}`);
  if (schema.maximum !== undefined) bounds.push(`<= ${schema.maximum}`);
  if (schema.maxLength !== undefined) bounds.push(`max length ${schema.maxLength}`);
  if (schema.maxItems !== undefined) bounds.push(`at most ${schema.maxItems}`);
  return bounds.length ? `${t}, ${bounds.join(", ")}` : t;
}

function table(head, rows) {
  const t = el("table");
  const tr = el("tr");
  for (const h of head) tr.append(el("th", {}, h));
  t.append(tr);
  for (const r of rows) {
    const row = el("tr");
    for (const c of r) row.append(cellWith(c));
    t.append(row);
  }
  return t;
}

async function main() {
  const spec = await (await fetch("/openapi.json")).json();
  const intro = document.getElementById("intro");
  intro.replaceChildren(...inline(`${spec.info.title} ${spec.info.version}. ${spec.info.description || ""}`));
  const box = document.getElementById("endpoints");
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const sec = el("section", { class: "panel endpoint" });
      const h = el("h2");
      h.append(el("span", { class: `method ${method}` }, method.toUpperCase()), document.createTextNode(path));
      sec.append(h);
      if (op.description || op.summary) sec.append(markdown(op.description || op.summary, "description"));
      const params = (op.parameters || []).map((p) => [p.name, p.in, typeOf(p.schema, spec) + (p.required ? ", required" : ""), p.description || (p.schema && p.schema.description) || ""]);
      if (params.length) sec.append(table(["parameter", "in", "type", "description"], params));
      const rows = Object.entries(op.responses || {}).map(([code, r]) => {
        const content = r.content || {};
        const kinds = Object.entries(content).map(([ct, c]) => `${ct}${c.schema ? ": " + typeOf(c.schema, spec) : ""}`);
        return [code, r.description || "", kinds.join("; ")];
      });
      sec.append(table(["status", "meaning", "body"], rows));
      if (method === "get" && !path.includes("{")) {
        const a = el("a", { href: path, class: "try" }, `open ${path}`);
        sec.append(a);
      }
      box.append(sec);
    }
  }
  const sbox = document.getElementById("schemas");
  for (const [name, s] of Object.entries((spec.components || {}).schemas || {})) {
    sbox.append(el("h3", {}, name));
    if (s.description) sbox.append(markdown(s.description, "muted"));
    const req = new Set(s.required || []);
    const rows = Object.entries(s.properties || {}).map(([k, p]) => [k + (req.has(k) ? " *" : ""), typeOf(p, spec), p.description || ""]);
    if (rows.length) sbox.append(table(["field", "type", "description"], rows));
  }
}

document.addEventListener("DOMContentLoaded", main);
