"""The web page in a real headless Chromium over a live uvicorn on 127.0.0.1.

Run with ``pytest -m browser tests/browser/test_web_browser.py``. Needs Debian's
``chromium`` at ``/usr/bin/chromium`` and the ``playwright`` package; skips when either
is missing. The screenshot goes to ``artifacts/web-2024-07-16.png``.

The server reads the package's own catalog with an empty ``ROTASCOPE_HOME``, i.e. the
bundled dataset (real Russell 2000 / Nasdaq 100 closes).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

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
WAIT = 120_000  # ms: the first report computes from scratch


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from rotascope.web.app import create_app

    home = tmp_path_factory.mktemp("home")
    old = os.environ.get("ROTASCOPE_HOME")
    os.environ["ROTASCOPE_HOME"] = str(home)
    port = _free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
        if old is None:
            os.environ.pop("ROTASCOPE_HOME", None)
        else:
            os.environ["ROTASCOPE_HOME"] = old


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _wait(page: object, expr: str, timeout_ms: int = WAIT) -> None:
    """Poll ``expr`` in the page (CDP evaluate; the page's CSP forbids eval-based waits)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        if page.evaluate(expr):  # type: ignore[attr-defined]
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {expr}")


def _watch(page: object, base: str) -> tuple[list[str], list[str]]:
    """Collect page errors and every request that leaves this server (and block it)."""
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))  # type: ignore[attr-defined]
    page.on(  # type: ignore[attr-defined]
        "console", lambda m: errors.append(m.text) if m.type == "error" else None
    )

    def route(r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        if url.startswith(base) or url.startswith(("data:", "blob:")):
            r.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)  # type: ignore[attr-defined]
    return errors, outside


def _view(page: object) -> dict[str, object]:
    """What the page shows: headline, fact sentences, chart names and drawn SVGs."""
    _wait(
        page,
        "document.querySelectorAll('#facts li.fact').length > 0 && "
        "document.querySelectorAll('#charts figure.chart').length > 0 && "
        "[...document.querySelectorAll('#charts figure.chart')]"
        ".every(f => f.querySelector('svg.main-svg'))",
    )
    return {
        "headline": page.inner_text("#headline"),  # type: ignore[attr-defined]
        "facts": page.eval_on_selector_all(  # type: ignore[attr-defined]
            "#facts li.fact .sentence", "els => els.map(e => e.textContent)"
        ),
        "charts": page.eval_on_selector_all(  # type: ignore[attr-defined]
            "#charts figure.chart", "els => els.map(e => e.dataset.chart)"
        ),
        "titles": page.eval_on_selector_all(  # type: ignore[attr-defined]
            "#charts .gtitle", "els => els.map(e => e.textContent)"
        ),
        "asof": page.input_value("#asof"),  # type: ignore[attr-defined]
        "subject": page.input_value("#subject"),  # type: ignore[attr-defined]
        "versus": page.eval_on_selector_all(  # type: ignore[attr-defined]
            "#versus-chips .chip", "els => els.map(e => e.dataset.symbol)"
        ),
    }


def test_pick_rut_vs_ndx_on_2024_07_16_and_share(server: str, browser: object) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    errors, outside = _watch(page, server)
    page.goto(server + "/")
    _wait(page, "document.body.dataset.ready === '1'")
    _view(page)  # the default view (latest date) loads first

    # choose RUT vs NDX only, as of 2024-07-16
    page.select_option("#subject", "RUT")
    for chip in page.eval_on_selector_all(
        "#versus-chips .chip", "els => els.map(e => e.dataset.symbol)"
    ):
        if chip != "NDX":
            page.click(f"#versus-chips .chip[data-symbol='{chip}'] .chip-x")
    if "NDX" not in page.eval_on_selector_all(
        "#versus-chips .chip", "els => els.map(e => e.dataset.symbol)"
    ):
        page.select_option("#versus-add", "NDX")
    # a Saturday snaps to the previous session with a note
    page.fill("#asof", "2024-07-13")
    assert page.input_value("#asof") == "2024-07-12"
    assert "previous session" in page.inner_text("#note")
    page.fill("#asof", "2024-07-16")
    page.click("#run")
    _wait(page, "location.search.includes('asof=2024-07-16')")
    _wait(page, "document.querySelector('#subline').textContent.includes('Jul 16, 2024')")
    view = _view(page)
    page.screenshot(path=str(ARTIFACTS / "web-2024-07-16.png"), full_page=True)

    assert view["subject"] == "RUT" and view["versus"] == ["NDX"]
    assert view["asof"] == "2024-07-16"
    facts = view["facts"]
    assert isinstance(facts, list) and len(facts) >= 3
    # the figure: five-session gain of 11.5%, the biggest since Apr 29, 2020
    assert any("11.5%" in f and "Apr 29, 2020" in f for f in facts), facts
    assert any("Nasdaq 100" in f for f in facts)
    charts = view["charts"]
    assert isinstance(charts, list)
    assert {"ratio_NDX", "distribution", "rebased", "drawdown"} <= set(charts)
    assert any("Nasdaq 100" in t for t in view["titles"])  # type: ignore[union-attr]
    query = parse_qs(urlparse(page.url).query)
    assert query["subject"] == ["RUT"] and query["versus"] == ["NDX"]
    assert query["asof"] == ["2024-07-16"]
    href = page.get_attribute("#download", "href") or ""
    assert href.startswith("/api/report.html?") and "asof=2024-07-16" in href

    # the shared URL, opened in a new page, restores the same view
    shared = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    errors2, outside2 = _watch(shared, server)
    shared.goto(page.url)
    again = _view(shared)
    assert again == view
    assert not errors and not errors2, errors + errors2
    assert not outside and not outside2, f"requests outside the app: {outside + outside2}"
    shared.close()
    page.close()


def test_download_link_serves_the_html_report(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    resp = page.request.get(server + "/api/report.html?subject=RUT&versus=NDX&asof=2024-07-16")
    assert resp.status == 200
    assert "attachment" in resp.headers["content-disposition"]
    assert "Russell 2000" in resp.text()
    page.close()


def test_bad_symbol_in_url_shows_an_error_not_a_blank_page(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/?subject=RUT&versus=NDX&asof=1900-01-01")
    _wait(
        page,
        "document.querySelector('#status').textContent.length > 0 && "
        "!document.querySelector('#status').classList.contains('busy')",
    )
    # an out-of-range date snaps to the first session instead of failing
    assert page.input_value("#asof") == "1987-09-10"
    page.close()


def test_streak_study_from_the_url(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1300, "height": 900})  # type: ignore[attr-defined]
    errors, outside = _watch(page, server)
    page.goto(server + "/?subject=RUT&versus=NDX&asof=2024-07-16&condition=ret%3E1%25&length=5")
    _wait(page, "document.querySelectorAll('#episodes tr').length > 1")
    rows = page.eval_on_selector_all(
        "#episodes tr", "rs => rs.map(r => [...r.children].map(c => c.textContent))"
    )
    # the July 2024 run: 2024-07-10 .. 2024-07-16, five sessions up more than 1% each
    assert rows[-1][0] == "Jul 16, 2024" and rows[-1][1] == "5"
    assert any(
        "5th straight session" in t
        for t in page.eval_on_selector_all(
            "#study-facts .sentence", "els => els.map(e => e.textContent)"
        )
    )
    assert not errors and not outside
    page.close()
