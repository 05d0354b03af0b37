"""The report page in a real headless Chromium, at desktop and phone width.

Run with ``pytest -m browser tests/browser``. Needs Debian's ``chromium`` at
``/usr/bin/chromium`` and the ``playwright`` package; skips when either is missing.

Three reports of the bundled dataset (the market's story of Jul 16, 2024 with the
Russell 2000 against the S&P 500 and the Nasdaq 100; the 10-year yield against the
2-year; value against growth ETFs) are opened from a file at 1280 and 390 pixels wide.
Each must draw every chart with the inlined plotly.js (no console error, no request
outside the file), fit the width (no horizontal scrolling), and keep every chart's
text inside its figure and apart: title above the plot, labels not overlapping, the
source line under the axis. Screenshots go to ``artifacts/report-<name>-<width>.png``
(the whole page) and ``artifacts/report-<name>-<width>-<chart>.png`` (each chart).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
REPORTS: dict[str, dict[str, Any]] = {
    "market-2024-07-16": {"subject": "RUT", "versus": ("SPX", "NDX"), "market": True},
    "DGS10-2024-07-16": {"subject": "DGS10", "versus": ("DGS2",)},
    "IWD-2024-07-16": {"subject": "IWD", "versus": ("IWF",)},
}

#: Boxes (relative to each chart's svg) of the texts that must not collide or spill.
_BOXES = """ds => ds.map(d => {
  const svg = d.querySelector('svg.main-svg').getBoundingClientRect();
  const box = e => { const r = e.getBoundingClientRect();
    return {l: r.left - svg.left, t: r.top - svg.top, r: r.right - svg.left,
            b: r.bottom - svg.top, text: e.textContent}; };
  const size = d._fullLayout._size;
  return {
    id: d.id, width: svg.width, height: svg.height,
    plot: {l: size.l, t: size.t, r: size.l + size.w, b: size.t + size.h},
    title: [...d.querySelectorAll('.gtitle')].map(box),
    annotations: [...d.querySelectorAll('.annotation')].map(box),
    xticks: [...d.querySelectorAll('.xtick text')].map(box),
    legend: d.querySelectorAll('.legend').length,
    traces: d.querySelectorAll('g.trace, g.scatterlayer path, g.barlayer path').length,
  };
})"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["l"] < b["r"] - 1 and b["l"] < a["r"] - 1 and a["t"] < b["b"] - 1 and b["t"] < a["b"] - 1
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import rotascope
    from rotascope.data import BundledSource

    source = BundledSource()
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for name, ask in REPORTS.items():
        rep = rotascope.report(asof="2024-07-16", source=source, **ask)
        path = folder / f"{name}.html"
        path.write_text(rep.to_html(), encoding="utf-8")
        assert path.stat().st_size < 1_500_000, (name, path.stat().st_size)
        out[name] = path
    return out


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(REPORTS))
def test_report_draws_and_fits(browser: Any, pages: dict[str, Path], name: str, width: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    w, h = WIDTHS[width]
    page = browser.new_page(viewport={"width": w, "height": h})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(pages[name].as_uri())
        expected = page.eval_on_selector_all("div.plot[data-figure]", "ds => ds.length")
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot').length === {expected} && "
            "[...document.querySelectorAll('.js-plotly-plot')].every("
            "d => d.querySelector('svg.main-svg'))",
            timeout=60_000,
        )
        scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        charts = page.eval_on_selector_all(".js-plotly-plot", _BOXES)
        page.screenshot(path=str(ARTIFACTS / f"report-{name}-{width}.png"), full_page=True)
        for fig in page.query_selector_all("figure.chart"):
            chart = (fig.get_attribute("id") or "chart").removeprefix("fig-")
            fig.screenshot(path=str(ARTIFACTS / f"report-{name}-{width}-{chart}.png"))
    finally:
        page.close()
    assert not errors, errors
    outside = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
    assert not outside, f"the page asked for {outside}: it must open offline"
    assert scroll[0] <= scroll[1], f"{scroll[0] - scroll[1]} px wider than the screen"
    assert expected >= 3
    for c in charts:
        where = f"{name} {width} {c['id']}"
        assert c["traces"] > 0 and c["legend"] == 0, where
        plot = c["plot"]
        texts = [*c["title"], *c["annotations"], *c["xticks"]]
        for t in texts:  # nothing spills out of the figure
            assert t["l"] >= -1 and t["r"] <= c["width"] + 1, (where, t)
            assert t["t"] >= -1 and t["b"] <= c["height"] + 1, (where, t)
        for t in c["title"]:
            assert t["b"] <= plot["t"] + 1, (where, "title over the plot", t)
        labels = [a for a in c["annotations"] if not a["text"].startswith("Source")]
        source = [a for a in c["annotations"] if a["text"].startswith("Source")]
        assert len(source) == 1, where
        for a in labels:
            assert not _overlap(a, source[0]), (where, a)
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                assert not _overlap(a, b), (where, a, b)
        ticks_bottom = max((t["b"] for t in c["xticks"]), default=plot["b"])
        assert source[0]["t"] >= ticks_bottom - 1, (where, "source line over the axis")
        xticks = [t["text"] for t in c["xticks"]]
        assert len(set(xticks)) == len(xticks), (where, xticks)
        for a, b in zip(c["xticks"], c["xticks"][1:], strict=False):
            assert not _overlap(a, b), (where, "tick labels collide", a, b)
