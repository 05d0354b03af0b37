// rotascope page: one view per product, its state in the URL (shareable; back and
// forward work). The URL is checked first: a bad parameter shows its error in the view,
// with the controls holding what was valid, and nothing runs until it is fixed.
"use strict";

import { $, $$, api, showError, showNotes } from "./core.js";
import * as facts from "./facts.js";
import { VIEW_NAMES, parseURL, queryFor } from "./state.js";
import { VIEWS, setup as setupViews } from "./views.js";

const ALL = { ...VIEWS, facts };
let symbols = [];
let active = null;

function activate(name) {
  active = name;
  for (const s of $$("section.view")) s.hidden = s.dataset.view !== name;
  for (const a of $$("#views a")) {
    if (a.dataset.view === name) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  document.body.dataset.view = name;
}

// show the view the URL names, its values in the controls; run it when the URL is valid
function fromURL() {
  const { view, values, problems, raw } = parseURL(location.search, symbols);
  const pageError = $("#page-error");
  pageError.hidden = true;
  activate(view);
  const section = $(`section.view[data-view="${view}"]`);
  ALL[view].fill(values, raw);
  if (problems.any) {
    const onView = problems.list.filter((p) => p.body.param !== "view");
    const onPage = problems.list.filter((p) => p.body.param === "view");
    if (onPage.length) { pageError.textContent = onPage.map((p) => p.message).join(" "); pageError.hidden = false; }
    showNotes(section, []);
    $("[data-results]", section).hidden = true;
    showError(section, onView.length ? onView : null);
    if (onPage.length) return;
    if (onView.length) return;
  }
  showError(section, null);
  ALL[view].run(values);
}

function submit(name) {
  const { values, problems } = ALL[name].read();
  const section = $(`section.view[data-view="${name}"]`);
  if (problems.any) { showError(section, problems.list); return; }
  const url = `/?${queryFor(name, values)}`.replace(/\?$/, "");
  if (url !== `${location.pathname}${location.search}`) history.pushState(null, "", url);
  ALL[name].run(values);
}

async function init() {
  try {
    symbols = (await api("/api/symbols")).symbols;
  } catch (e) {
    const err = $("#page-error");
    err.textContent = `Cannot list the symbols: ${e.message}`;
    err.hidden = false;
    return;
  }
  facts.setup(symbols);
  setupViews(symbols);
  for (const name of VIEW_NAMES) {
    const f = $(`form[data-form="${name}"]`);
    f.addEventListener("submit", (ev) => { ev.preventDefault(); submit(name); });
  }
  for (const b of $$("[data-copy]")) {
    b.addEventListener("click", async () => {
      const section = b.closest("section.view");
      const status = $("[data-status]", section);
      try { await navigator.clipboard.writeText(location.href); status.textContent = "Link copied."; }
      catch (e) { status.textContent = `Share this link: ${location.href}`; }
    });
  }
  // the view tabs keep the date of the view on show
  for (const a of $$("#views a")) {
    a.addEventListener("click", (ev) => {
      if (ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
      ev.preventDefault();
      const here = parseURL(location.search, symbols).values;
      const target = a.dataset.view;
      const q = new URLSearchParams(a.getAttribute("href").split("?")[1] || "");
      if (here.asof && target !== "valuation") q.set("asof", here.asof);
      history.pushState(null, "", `/${q.toString() ? `?${q}` : ""}`);
      fromURL();
    });
  }
  window.addEventListener("popstate", fromURL);
  fromURL();
  document.body.dataset.ready = "1";
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
