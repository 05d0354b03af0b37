"""The report page in a real headless Chromium: charts draw, titles show, screenshot saved.

Run with ``pytest -m browser tests/browser``. Needs Debian's ``chromium`` at
``/usr/bin/chromium`` and the ``playwright`` package; skips when either is missing.
The screenshot goes to ``artifacts/report-2024-07-16.png``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

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


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    import rotascope

    rep = rotascope.report("RUT", versus=("SPX", "NDX"), asof="2024-07-16")
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(rep.to_html(), encoding="utf-8")
    return path


def test_report_draws_in_chromium(page_file: Path) -> None:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            page.wait_for_function(
                "document.querySelectorAll('.js-plotly-plot').length >= 5 && "
                "[...document.querySelectorAll('.js-plotly-plot')].every("
                "d => d.querySelector('svg.main-svg'))",
                timeout=60_000,
            )
            plots = page.eval_on_selector_all(
                ".js-plotly-plot",
                """ds => ds.map(d => ({
                    id: d.id,
                    traces: d.querySelectorAll(
                        'g.trace, g.scatterlayer path, g.barlayer path').length,
                    title: (d.querySelector('.gtitle') || {}).textContent || '',
                    width: d.getBoundingClientRect().width,
                }))""",
            )
            headline = page.inner_text("#headline")
            page.screenshot(path=str(ARTIFACTS / "report-2024-07-16.png"), full_page=True)
        finally:
            browser.close()
    assert not errors, errors
    external = [u for u in requests if u.startswith(("http://", "https://"))]
    assert not external, f"the page fetched {external}: it must open offline"
    by_id = {p["id"]: p for p in plots}
    for chart_id in (
        "chart-ratio_SPX",
        "chart-ratio_NDX",
        "chart-distribution",
        "chart-rebased",
        "chart-drawdown",
    ):
        assert chart_id in by_id, sorted(by_id)
        assert by_id[chart_id]["traces"] > 0, by_id[chart_id]
        assert by_id[chart_id]["width"] > 300
    titles = " | ".join(p["title"] for p in plots)
    for expected in (
        "Russell 2000 / S&P 500: price ratio",
        "every 5-session move",
        "Year to date, rebased to 100",
        "Drawdown from all-time high",
    ):
        assert expected in titles, titles
    assert "since April 2020" in headline
    assert (ARTIFACTS / "report-2024-07-16.png").stat().st_size > 50_000
