"""The web page in a real headless Chromium over a live uvicorn on 127.0.0.1.

Run with ``pytest -m browser tests/browser/test_web_browser.py``. Needs Debian's
``chromium`` at ``/usr/bin/chromium`` and the ``playwright`` package; skips when either
is missing. Every view is opened at desktop (1280 px) and phone (390 px) width from a
shareable URL, with no console error, no request leaving the server and nothing wider
than the viewport; screenshots go to ``artifacts/web-<view>-<width>.png``. Then the
robustness cases: bad URL states show their error in place, comparisons are offered by
unit, notes stay, removing every comparison removes the pair facts, a bad streak
condition clears old results, back and forward work, a shared URL restores the view.

The server reads the package's own catalog with an empty ``ROTASCOPE_HOME``, i.e. the
bundled dataset; figures are checked against the bundled closes with plain pandas.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
WAIT = 120_000  # ms: the first market story computes every series from scratch
DESKTOP, PHONE = 1280, 390
#: The console line Chromium prints for an answer the test asks for on purpose (a 4xx).
EXPECTED_4XX = re.compile(r"Failed to load resource: the server responded with a status of 4\d\d")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serving(app: object) -> Iterator[str]:
    """``app`` on a free port of 127.0.0.1, in a thread, for the ``with`` block."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")  # type: ignore[arg-type]
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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from rotascope.web.app import create_app

    home = tmp_path_factory.mktemp("home")
    old = os.environ.get("ROTASCOPE_HOME")
    os.environ["ROTASCOPE_HOME"] = str(home)
    try:
        with _serving(create_app()) as base:
            yield base
    finally:
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


@pytest.fixture(scope="module")
def closes() -> dict[str, object]:
    from rotascope.data import BundledSource

    src = BundledSource()
    return {s: src.series(s) for s in ("RUT", "SPX")}


class Page:
    """A page of the app, watching its console and every request it makes."""

    def __init__(self, browser: object, base: str, width: int = DESKTOP) -> None:
        self.base = base
        self.page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.route("**/*", self._route)

    def _route(self, r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        if url.startswith(self.base) or url.startswith(("data:", "blob:")):
            r.continue_()  # type: ignore[attr-defined]
        else:
            self.outside.append(url)
            r.abort()  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.page, name)

    def wait(self, expr: str, timeout_ms: int = WAIT) -> None:
        """Poll ``expr`` (CDP evaluate: the page's CSP forbids eval-based waits)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline:
            if self.page.evaluate(expr):
                return
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expr}")

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.settle()

    def settle(self) -> None:
        """Wait until the page is ready, the view is done and its charts are drawn."""
        self.wait("document.body.dataset.ready === '1'")
        self.wait(
            "(() => { const v = document.querySelector('section.view:not([hidden])');"
            " const s = v && v.querySelector('[data-status]');"
            " return s && !s.className.includes('busy') &&"
            " [...v.querySelectorAll('figure.chart')].every(f => f.querySelector('svg.main-svg'))"
            " })()"
        )

    def view(self) -> str:
        return str(self.page.evaluate("document.body.dataset.view"))

    def part(self, sel: str) -> str:
        """Text of ``sel`` inside the shown view ('' when hidden)."""
        return str(
            self.page.evaluate(
                "(sel) => { const v = document.querySelector('section.view:not([hidden])');"
                " const n = v && v.querySelector(sel);"
                " return n && !n.hidden && !n.closest('[hidden]') ? n.innerText : ''; }",
                sel,
            )
        )

    def texts(self, sel: str) -> list[str]:
        return list(
            self.page.eval_on_selector_all(
                f"section.view:not([hidden]) {sel}", "els => els.map(e => e.innerText)"
            )
        )

    def too_wide(self) -> list[str]:
        """Elements reaching past the viewport's right edge (outside scroll boxes)."""
        return list(
            self.page.evaluate(
                """() => { const w = document.documentElement.clientWidth; const out = [];
                if (document.documentElement.scrollWidth > w) out.push('document ' +
                    document.documentElement.scrollWidth + ' > ' + w);
                for (const e of document.querySelectorAll('body *')) {
                  if (e.closest('.table-wrap, .chart, [hidden]')) continue;
                  const r = e.getBoundingClientRect();
                  if (r.width && r.right > w + 1) out.push(e.tagName + '.' + e.className + ' ' +
                    Math.round(r.right));
                }
                return out.slice(0, 10); }"""
            )
        )

    def clean(self, *, allow_4xx: bool = False) -> None:
        errors = [e for e in self.errors if not (allow_4xx and EXPECTED_4XX.search(e))]
        assert not errors, errors
        assert not self.outside, f"requests outside the app: {self.outside}"


# -- every view, at desktop and phone width ---------------------------------------------

VIEWS = {
    "market": "/?asof=2024-07-16",
    "facts": "/?subject=RUT&versus=NDX&asof=2024-07-16&window=5",
    "since": "/?subject=RUT&versus=SPX&asof=2024-07-16&since=2024-06-28",
    "rotation": "/?view=rotation&asof=2024-07-16",
    "scan": "/?view=scan&asof=2024-07-16",
    "study": "/?view=study&subject=RUT&condition=ret%3E1%25&length=5&asof=2024-07-16",
    "breadth": "/?view=breadth&asof=2024-07-16",
    "valuation": "/?view=valuation&asof=2024-07",
    "factors": "/?view=factors&asof=2024-07-16",
    "fedwatch": "/?view=fedwatch",
}


def _check_view(name: str, p: Page, closes: dict[str, object]) -> None:
    """What each view must show (figures from plain pandas where the view states one)."""
    if name == "market":
        assert p.view() == "market"
        assert p.part("[data-headline]").startswith("Small caps had their best five sessions")
        assert len(p.texts("[data-facts] li.fact")) == 12
        assert len(p.texts("[data-rotation] tbody tr")) >= 8
        assert "Jul 16, 2024" in p.part("[data-rotation-window]")  # the story's session
    elif name in ("facts", "since"):
        facts = p.texts("#facts li.fact .sentence")
        assert len(facts) >= 3 and p.part("#headline")
        charts = p.page.eval_on_selector_all(
            "#charts figure.chart", "els => els.map(e => e.dataset.chart)"
        )
        assert {"distribution", "rebased", "drawdown"} <= set(charts)
        if name == "facts":
            assert any("11.5%" in f and "Apr 29, 2020" in f for f in facts), facts
            assert "ratio_NDX" in charts
        else:
            rut, spx = (closes[s].loc["2024-06-28":"2024-07-16"] for s in ("RUT", "SPX"))  # type: ignore[attr-defined]
            want = [f"{(c.iloc[-1] / c.iloc[0] - 1) * 100:.1f}%" for c in (rut, spx)]
            [span] = p.texts("#span-facts li.fact .sentence")
            assert "since the Jun 28, 2024 close" in span and all(w in span for w in want), span
            assert p.part("#span-title") == "Since Jun 28, 2024"
    elif name == "rotation":
        rows = p.texts("[data-table] tbody tr")
        assert len(rows) == 10 and rows[0].startswith("small vs large (ETFs, IWM vs SPY)")
        assert "+6.8 pts" in rows[0]
    elif name == "scan":
        rows = p.texts("[data-table] tbody tr")
        rut = [r for r in rows if r.startswith("Russell 2000 (RUT)\t")]
        assert rut and "+11.5%" in rut[0] and "Apr 29, 2020" in rut[0], rows
    elif name == "study":
        assert p.texts("#study-facts li.fact") and p.texts("#episodes tbody tr")
        assert "inf" not in p.part("[data-results]").lower()
    elif name == "breadth":
        assert p.texts("[data-facts] li.fact .sentence")[0].startswith("77.2% of S&P 500 members")
    elif name == "valuation":
        assert any("CAPE was" in t for t in p.texts("[data-facts] li.fact .sentence"))
        assert p.texts("figure.chart")
    elif name == "factors":
        assert p.texts("[data-factor-facts] li.fact") and p.texts("[data-pair-facts] li.fact")
        assert p.texts("figure.chart") and len(p.texts("[data-table] tbody tr")) >= 9
    elif name == "fedwatch":
        assert "No fed funds futures prices are stored" in p.part("[data-howto]")
        assert "rotascope data import" in p.part("[data-howto]")


@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", list(VIEWS))
def test_every_view_at_desktop_and_phone_width(
    server: str, browser: object, closes: dict[str, object], name: str, width: int
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    p = Page(browser, server, width)
    try:
        p.open(VIEWS[name])
        _check_view(name, p, closes)
        assert not p.part("[data-error]"), p.part("[data-error]")
        assert p.too_wide() == [], p.too_wide()
        p.page.screenshot(path=str(ARTIFACTS / f"web-{name}-{width}.png"), full_page=True)
        p.clean()
    finally:
        p.page.close()


def test_the_landing_view_is_the_latest_market_story_then_the_rotation(
    server: str, browser: object
) -> None:
    p = Page(browser, server)
    try:
        p.open("/")
        assert p.view() == "market" and p.part("[data-headline]")
        story_date = p.part("[data-subline]").split("as of ")[-1]
        assert story_date and story_date in p.part("[data-rotation-window]")
        p.clean()
    finally:
        p.page.close()


# -- robustness --------------------------------------------------------------------------


def test_bad_url_states_show_their_error_in_place(server: str, browser: object) -> None:
    p = Page(browser, server)
    try:
        p.open("/?subject=RUT&asof=2024-07-16&window=abc")
        assert "window" in p.part("[data-error]") and "abc" in p.part("[data-error]")
        assert p.input_value("#subject") == "RUT" and p.input_value("#asof") == "2024-07-16"
        assert p.input_value("#windows") == "abc" and not p.part("[data-results]")

        p.open("/?subject=XYZ&asof=2024-07-16")  # never silently another subject
        assert "unknown symbol" in p.part("[data-error]") and "XYZ" in p.part("[data-error]")
        shown = p.evaluate("document.querySelector('#subject').selectedOptions[0].textContent")
        assert "XYZ" in shown and p.input_value("#subject") != "RUT"

        p.open("/?subject=RUT&from=2024-07-16&to=2024-07-01")
        assert "after to" in p.part("[data-error]")
        p.open("/?view=rotation&window=0")
        assert "window" in p.part("[data-error]")
        p.open("/?view=nope")
        assert "unknown view" in p.inner_text("#page-error")
        p.clean()
    finally:
        p.page.close()


def test_comparisons_are_offered_by_unit_and_a_skipped_pair_says_why(
    server: str, browser: object
) -> None:
    p = Page(browser, server)
    try:
        p.open("/?subject=RUT&versus=DGS10&asof=2024-07-16")
        offered = p.eval_on_selector_all("#versus-add option", "os => os.map(o => o.value)")
        units = {s["symbol"]: s["unit"] for s in p.evaluate(
            "fetch('/api/symbols').then(r => r.json()).then(b => b.symbols)"
        )}  # fmt: skip
        assert offered[0] == "" and {units[s] for s in offered[1:]} == {"price"}
        assert "SMB" not in offered and "DGS10" not in offered
        assert "no pair facts" in p.part("[data-notes]") and "yield" in p.part("[data-notes]")
        assert "warn" in p.get_attribute("#versus-chips .chip[data-symbol='DGS10']", "class")
        p.select_option("#subject", "DGS10")  # a yield: nothing to compare with
        assert p.evaluate("document.querySelector('#versus-add').disabled")
        assert "basis points" in p.inner_text("#versus-hint")
        p.clean()
    finally:
        p.page.close()


def test_notes_stay_after_show_facts(server: str, browser: object) -> None:
    p = Page(browser, server)
    try:
        p.open("/?subject=RUT&versus=NDX&asof=2024-07-13")  # a Saturday
        assert "Saturday" in p.part("[data-notes]")
        assert "Jul 12, 2024" in p.part("#subline")
        p.click("#run")
        p.settle()
        assert "Saturday" in p.part("[data-notes]")
        p.fill("#asof", "2024-07-14")
        p.dispatch_event("#asof", "change")
        assert "previous session" in p.inner_text("#asof-hint")
        p.click("#run")
        p.wait("location.search.includes('asof=2024-07-14')")
        p.settle()
        assert "Sunday" in p.part("[data-notes]")
        p.clean()
    finally:
        p.page.close()


def test_removing_every_comparison_removes_the_pair_facts(server: str, browser: object) -> None:
    p = Page(browser, server)
    try:
        p.open("/?subject=RUT&versus=NDX&asof=2024-07-16")
        assert any("Nasdaq 100" in f for f in p.texts("#facts li.fact .sentence"))
        p.click("#versus-chips .chip[data-symbol='NDX'] .chip-x")
        p.click("#run")
        p.wait("location.search.includes('versus=none')")
        p.settle()
        facts = p.texts("#facts li.fact .sentence")
        assert facts and not any("Nasdaq 100" in f or "S&P 500" in f for f in facts), facts
        charts = p.eval_on_selector_all(
            "#charts figure.chart", "els => els.map(e => e.dataset.chart)"
        )
        assert not any(c.startswith("ratio") for c in charts)
        # the shared URL gives the same view
        shared = Page(browser, server)
        shared.open(urlparse(p.url).path + "?" + urlparse(p.url).query)
        assert shared.texts("#facts li.fact .sentence") == facts
        shared.clean()
        shared.page.close()
        p.clean()
    finally:
        p.page.close()


def test_a_bad_condition_clears_old_results(server: str, browser: object) -> None:
    p = Page(browser, server)
    try:
        p.open("/?view=study&subject=RUT&condition=ret%3E1%25&length=5&asof=2024-07-16")
        assert p.texts("#episodes tbody tr")
        p.fill("#condition", "bogus")
        p.click("#study-run")
        p.wait("!!document.querySelector('section.view:not([hidden]) [data-error]:not([hidden])')")
        assert "not understood" in p.part("[data-error]")
        assert not p.part("[data-results]") and not p.part("[data-notes]")
        assert "condition=bogus" in p.url
        p.clean(allow_4xx=True)  # the 400 is the point
    finally:
        p.page.close()


def test_a_factor_study_prints_no_infinity(server: str, browser: object) -> None:
    p = Page(browser, server)
    try:
        p.open("/?view=study&subject=ff:RF&condition=beats:SPX&length=5")
        text = p.part("[data-results]").lower()
        assert p.texts("#episodes tbody tr") and "inf" not in text and "nan" not in text
        p.clean()
    finally:
        p.page.close()


def test_back_and_forward_and_the_view_tabs(server: str, browser: object) -> None:
    p = Page(browser, server)
    try:
        p.open("/?subject=RUT&versus=NDX&asof=2024-07-16")
        p.click("#views a[data-view='rotation']")
        p.settle()
        assert p.view() == "rotation" and parse_qs(urlparse(p.url).query)["asof"] == ["2024-07-16"]
        p.go_back()
        p.settle()
        assert p.view() == "facts" and p.input_value("#subject") == "RUT"
        assert p.eval_on_selector_all(
            "#versus-chips .chip", "e => e.map(c => c.dataset.symbol)"
        ) == ["NDX"]
        p.go_forward()
        p.settle()
        assert p.view() == "rotation"
        p.clean()
    finally:
        p.page.close()


def test_docs_render_markdown(server: str, browser: object) -> None:
    p = Page(browser, server)
    try:
        p.page.goto(server + "/docs")
        p.wait("document.querySelectorAll('.endpoint').length > 10")
        text = p.inner_text("main")
        assert "``" not in text and "`" not in text
        assert p.eval_on_selector_all(".endpoint .description code", "e => e.length") > 5
        p.page.screenshot(path=str(ARTIFACTS / "web-docs-1280.png"), full_page=False)
        p.clean()
    finally:
        p.page.close()


@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_fed_odds_view_with_stored_futures(browser: object, width: int) -> None:
    """Futures prices built from a known path of odds (tests/fedwatch_cases.py): the
    view shows each meeting's odds as the product states them."""
    from fedwatch_cases import DATES, DFF, futures_file
    from rotascope.data import MemorySource
    from rotascope.products.fedwatch import fedwatch
    from rotascope.web.app import create_app

    source = MemorySource({"DFF": DFF}, futures=futures_file(DATES))
    want = fedwatch(source, "2024-09-13").to_frame()
    with _serving(create_app(source=source)) as base:
        p = Page(browser, base, width)
        try:
            p.open("/?view=fedwatch&asof=2024-09-13")
            rows = p.texts("[data-table] tbody tr")
            assert len(rows) == len(want) and rows[0].startswith("Sep 18, 2024")
            assert f"{want['cut'].iloc[0]:.0f}%" in rows[0].split("\t")[1]
            assert not p.part("[data-howto]") and p.too_wide() == []
            p.page.screenshot(
                path=str(ARTIFACTS / f"web-fedwatch-odds-{width}.png"), full_page=True
            )
            p.clean()
        finally:
            p.page.close()
