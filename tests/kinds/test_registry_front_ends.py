"""The registry through the front ends: every kind of fact reads the same, number for
number and word for word, through ``rotascope facts --json``, ``GET /api/facts`` and the
report's JSON (and, for the kinds other products state, through their command's JSON
and the report's section).

One in-memory source holds the bundled series plus what the bundled dataset lacks
(a small membership, a Shiller-like frame, stored valuations), so every product has
its data; the front ends all read it.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

import numpy as np
import pandas as pd
import pytest

from rotascope.cli.app import main
from rotascope.data import BundledSource, MemorySource
from rotascope.kinds import all_kinds
from rotascope.web.app import create_app

#: starlette warns about its httpx client; the web tests ignore it the same way
pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2.*")


#: Kinds no front end states as facts, and how they reach the reader instead.
STATED_OTHERWISE = {
    "factor_decade": "the decade table of `rotascope factors decades` (and the report's chart)",
    # the kinds below need what the bundled series lack; their own tests cover them
    "intraday": "needs highs and lows (tests/kinds/test_event_kinds.py, the panel on OHLC files)",
    "fedwatch": "needs fed funds futures prices, which the bundled dataset lacks "
    "(tests/products/test_fedwatch_section.py, tests/cli/test_fedwatch_cli.py)",
}

#: Kinds asked through a span (--since/--from/--to), which /api/facts does not take yet.
SPAN_ONLY = {"pair_return"}

#: Questions every fact front end is asked: (subject, versus, asof, windows).
QUESTIONS: list[tuple[str, tuple[str, ...], str, tuple[str, ...]]] = [
    ("RUT", ("SPX", "NDX"), "2024-07-16", ()),
    ("RUT", ("SPX",), "2024-07-11", ("1",)),  # a CPI day
    ("DGS10", (), "2020-10-02", ()),
    ("SMB", (), "2024-03-28", ()),
    ("SPX", ("NDX",), "2022-06-13", ()),  # a bear-market threshold
    ("SPX", (), "2024-01-19", ()),  # a record close recovering the 2022 loss
    ("SPX", (), "2024-02-09", ()),  # above 5,000 for the first time
]


def _shiller_like(end: str = "2024-06-30") -> pd.DataFrame:
    idx = pd.date_range("1881-01-31", end, freq="ME", name="date")
    n = len(idx)
    rng = np.random.default_rng(1)
    cape = 10 + 20 * rng.random(n)
    growth = np.log1p(0.01 + 0.6 / cape + 0.02 * rng.standard_normal(n)) / 12
    real_price = 100 * np.exp(np.cumsum(growth))
    earnings = real_price / cape * (1 + 0.1 * rng.random(n))
    return pd.DataFrame(
        {"price": real_price, "earnings": earnings, "dividend": earnings * 0.4, "cape": cape,
         "gs10": 2 + 4 * rng.random(n), "real_price": real_price,
         "real_dividend": earnings * 0.4},
        index=idx,
    )  # fmt: skip


@pytest.fixture(scope="module")
def source() -> MemorySource:
    bundled = BundledSource()
    frames: dict[str, Any] = {s: bundled.frame(s) for s in bundled.symbols()}
    idx = pd.bdate_range("2022-01-03", "2024-07-31", name="date")
    rng = np.random.default_rng(3)
    members = ("AAA", "BBB", "CCC", "DDD")
    for t in members:
        frames[t] = pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))), idx)
    spells = pd.DataFrame({"ticker": [*members, "EEE"], "start": idx[0], "end": pd.NaT})
    months = pd.date_range("2004-01-31", "2024-06-30", freq="ME", name="date")
    pe = pd.Series(15 + np.sin(np.arange(len(months)) / 9), index=months)
    return MemorySource(
        frames,
        membership={"SP500": spells},
        shiller=_shiller_like(),
        valuations={("RUT", "pe_forward", ""): pe, ("SPX", "pe_forward", ""): pe * 0 + 16.0},
    )


def _cli(args: list[str], source: MemorySource, mp: pytest.MonkeyPatch) -> str:
    """Run ``rotascope ARGS`` over ``source``; its stdout."""
    mp.setattr("rotascope.data.default_source", lambda: source)
    mp.setenv("COLUMNS", "5000")
    out, err = io.StringIO(), io.StringIO()
    code: Any = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
    assert not code, err.getvalue()
    return out.getvalue()


def _objects(text: str) -> list[dict[str, Any]]:
    """Every JSON object in ``text`` (one per line, or pretty-printed one after another)."""
    out, pos, dec = [], 0, json.JSONDecoder()
    while True:
        start = text.find("{", pos)
        if start < 0:
            return out
        obj, pos = dec.raw_decode(text, start)
        out.append(obj)


@pytest.fixture(scope="module")
def stated(source: MemorySource) -> dict[str, list[dict[str, Any]]]:
    """Every fact each front end stated, as JSON dicts, by front end."""
    mp, out = pytest.MonkeyPatch(), defaultdict(list)
    try:
        from fastapi.testclient import TestClient

        web = TestClient(create_app(source=source), base_url="http://127.0.0.1")
        for subject, versus, asof, windows in QUESTIONS:
            args = ["facts", subject, "--asof", asof, "--json"]
            args += [a for v in versus for a in ("--versus", v)]
            args += [a for w in windows for a in ("--window", w)]
            out["facts --json"] += _objects(_cli(args, source, mp))
            params = [("subject", subject), ("asof", asof)]
            params += [("versus", v) for v in versus] + [("window", w) for w in windows]
            r = web.get("/api/facts", params=params)
            assert r.status_code == 200, r.text
            out["/api/facts"] += r.json()["facts"]
        # year windows (the web's windows are sessions): a pair's long-run gap, a factor's
        # years and drawdown
        args = ["facts", "IWM", "--versus", "SPY", "--asof", "2024-07-16", "-w", "10y", "--json"]
        out["facts --json"] += _objects(_cli(args, source, mp))
        args = ["facts", "SMB", "--asof", "2024-03-28", "-w", "1y", "-w", "10y", "--json"]
        out["facts --json"] += _objects(_cli(args, source, mp))
        # a span: the return since a date, A vs B
        args = ["facts", "RUT", "-v", "SPX", "--asof", "2023-11-13", "--since", "2023-07-31"]
        out["facts --json"] += _objects(_cli([*args, "--json"], source, mp))
        args = ["report", "RUT", "-v", "SPX,NDX", "--asof", "2024-07-16", "--json", "-q"]
        report = json.loads(_cli(args, source, mp))
        out["report --json"] += report["all_facts"]
        out["report --json"] += [f for sec in report["sections"] for f in sec["facts"]]
        r = web.get("/api/report", params={"subject": "RUT", "asof": "2024-07-16"})
        assert r.status_code == 200, r.text
        out["/api/report"] += r.json()["all_facts"]
        out["/api/report"] += [f for sec in r.json()["sections"] for f in sec["facts"]]
        for symbol in ("SPX", "RUT"):
            args = ["valuation", symbol, "--asof", "2024-06", "--json", "-q"]
            out["valuation --json"] += _objects(_cli(args, source, mp))
        args = ["breadth", "--asof", "2024-07-16", "--json", "-q"]
        out["breadth --json"] += _objects(_cli(args, source, mp))
    finally:
        mp.undo()
    return dict(out)


def _key(f: dict[str, Any]) -> tuple[Any, ...]:
    """What identifies a fact: the same key in two front ends is the same statement."""
    return (f["kind"], f["subject"], f["versus"], str(f["window"]), f["asof"], f["label"],
            f["basis"], f["start"])  # fmt: skip


def test_every_kind_is_stated_by_a_front_end(stated: dict[str, list[dict[str, Any]]]) -> None:
    kinds = {f["kind"] for facts in stated.values() for f in facts}
    registered = {k.name for k in all_kinds()}
    assert kinds | set(STATED_OTHERWISE) == registered, registered - kinds


def test_a_fact_reads_the_same_in_every_front_end(
    stated: dict[str, list[dict[str, Any]]],
) -> None:
    seen: dict[tuple[Any, ...], tuple[str, dict[str, Any]]] = {}
    shared = 0
    for front, facts in stated.items():
        for f in facts:
            first = seen.setdefault(_key(f), (front, f))
            if first[0] != front:
                shared += 1
                assert f == first[1], (first[0], front, f["text"], first[1]["text"])
    assert shared > 100


def test_the_facts_front_ends_state_the_same_facts(
    stated: dict[str, list[dict[str, Any]]],
) -> None:
    """``facts --json`` and ``/api/facts`` give the same facts, in the same order, for the
    questions both were asked (the CLI's last question has year windows)."""
    web = stated["/api/facts"]
    assert stated["facts --json"][: len(web)] == web
    engine = {k.name for k in all_kinds() if k.scope != "standalone"} - set(STATED_OTHERWISE)
    assert {f["kind"] for f in stated["facts --json"]} == engine
    year_windows_only = {"long_run", "factor_drawdown"}
    assert {f["kind"] for f in web} == engine - year_windows_only - SPAN_ONLY


def test_the_report_states_every_fact_its_question_gives(
    stated: dict[str, list[dict[str, Any]]],
) -> None:
    """The report's JSON (CLI and web) holds every fact of its question as /api/facts
    gives them, and its sections the other products' kinds."""
    question = stated["/api/facts"]
    first = [f for f in question if f["subject"] in ("RUT", "SPX", "NDX")]
    for front in ("report --json", "/api/report"):
        report = stated[front]
        keys = {_key(f) for f in report}
        assert all(_key(f) in keys for f in first if f["asof"] == "2024-07-16"), front
        kinds = {f["kind"] for f in report}
        assert {"valuation", "erp", "implied_return", "breadth", "factor", "spread"} <= kinds
