"""The registry of fact kinds: every kind has all its parts, and every fact it makes on
bundled data renders by its template, carries its kind's unit and round-trips through
JSON."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from rotascope.asof import AsOf
from rotascope.data import BundledSource, MemorySource
from rotascope.errors import DataError
from rotascope.kinds import UNITS, Fact, all_kinds, get, render
from rotascope.kinds._breadth import Universe
from rotascope.kinds.breadth import breadth_facts
from rotascope.kinds.engine import FactEngine
from rotascope.kinds.factor_decade import decade_facts
from rotascope.kinds.registry import SCOPES, Kind, register
from rotascope.kinds.valuation import shiller_facts
from rotascope.kinds.valuation_gap import gap_fact
from rotascope.products.fedwatch import fedwatch


def test_every_kind_has_all_its_parts() -> None:
    kinds = all_kinds()
    assert len(kinds) >= 20
    for k in kinds:
        assert callable(k.builder) and callable(k.template), k.name
        assert k.unit in UNITS, k.name
        assert k.scope in SCOPES, k.name
        assert k.description and k.description.endswith("."), k.name
        assert isinstance(k.overlapping, bool) and isinstance(k.sparse, bool), k.name
        assert isinstance(k.may_lead, bool), k.name
        assert get(k.name) is k
    leads = {k.name for k in kinds if k.may_lead}
    assert leads == {"move", "spread", "yield_change", "level_record", "record_close",
                     "threshold", "round_number", "turning_point", "intraday"}  # fmt: skip
    for k in kinds:  # every kind that may lead has a headline of its own
        if k.may_lead:
            assert k.headline is not None or k.name in ("move", "spread"), k.name


def test_a_kind_without_a_valid_unit_or_scope_is_refused() -> None:
    with pytest.raises(ValueError, match="unit"):
        Kind("bad", "percent", lambda f: "", lambda ctx: [], "Bad.")
    with pytest.raises(ValueError, match="scope"):
        Kind("bad", "pct", lambda f: "", lambda ctx: [], "Bad.", scope="nowhere")  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="registered"):
        get("no-such-kind")


def test_register_replaces_a_kind_of_the_same_name() -> None:
    original = get("move")
    try:
        register(Kind("move", "pct", lambda f: "x", original.builder, "Test."))
        assert get("move").template(None) == "x"  # type: ignore[arg-type]
    finally:
        register(original)
    assert get("move") is original


@pytest.fixture(scope="module")
def bundled_facts() -> list[Fact]:
    """Facts of every kind from the bundled dataset (breadth, Shiller's valuations and a
    valuation gap from small hand-made inputs: the bundled dataset has no membership, no
    Shiller extract and no stored valuations)."""
    src = BundledSource()
    eng = FactEngine(src)
    out: list[Fact] = []
    out += eng.facts("RUT", versus=["SPX", "NDX"], asof=AsOf.at("2024-07-16"))
    out += eng.facts("RUT", versus="SPX", asof=AsOf.at("2024-07-11"), windows=(1,))
    out += eng.facts("DGS10", asof=AsOf.at("2020-10-02"))
    out += eng.facts("SMB", asof=AsOf.at("2024-03-28"), windows=("1y", "10y"))
    out += eng.facts("IWM", versus="SPY", asof=AsOf.at("2024-07-16"), windows=("10y",))
    # the kinds of levels, thresholds and spans (bundled closes)
    out += eng.facts("SPX", versus="RUT", asof=AsOf.at("2022-06-13"))  # bear market
    out += eng.facts("SPX", asof=AsOf.at("2024-01-19"))  # first record in two years
    out += eng.facts("SPX", asof=AsOf.at("2024-02-09"))  # above 5,000
    out += eng.facts("RUT", versus="SPX", asof=AsOf.at("2023-11-13"), since="2023-07-31")
    out += eng.facts("RUT", asof=AsOf.at("2023-11-13"), from_="2023-07-31", to="2023-10-27")
    out += eng.facts("DGS10", asof=AsOf.at("2023-10-19"))  # highest since 2007
    out += _intraday_and_members()
    out += decade_facts(src, ("SMB", "HML"))
    try:
        shiller = src.shiller()
    except DataError:
        shiller = _shiller_like()
    out += shiller_facts(shiller, since=shiller.index[-13].strftime("%Y-%m"))
    idx = pd.bdate_range("2023-01-02", periods=300)
    rng = np.random.default_rng(0)
    closes = pd.DataFrame(
        100 * np.exp(np.cumsum(rng.normal(0, 0.01, (300, 3)), axis=0)), index=idx,
        columns=["A", "B", "C"],
    )  # fmt: skip
    spells = pd.DataFrame({"ticker": ["A", "B", "C", "D"], "start": idx[0], "end": pd.NaT})
    out += breadth_facts(Universe("TOY", closes, spells), idx[-1])
    months = pd.date_range("2004-01-31", periods=250, freq="ME")
    a = pd.Series(15 + np.sin(np.arange(250) / 9), index=months)
    out.append(gap_fact(a, a * 0 + 16.0, subject="RUT", versus="SPX", metric="pe_forward"))
    futures = pd.DataFrame(  # the bundled dataset has no futures prices
        {"date": ["2024-08-15"] * 2, "contract": ["2024-08", "2024-09"], "price": [94.67, 94.75]}
    )
    dff = pd.Series([5.33], index=pd.to_datetime(["2024-08-14"]))
    out += fedwatch(MemorySource({"DFF": dff}, futures=futures)).facts
    return out


def _intraday_and_members() -> list[Fact]:
    """Intraday extremes and members' leaders need highs and lows and a membership,
    which the bundled dataset lacks: a small hand-made source has them."""
    from rotascope.data import MemorySource

    idx = pd.bdate_range("2024-01-01", periods=80, name="date")
    rng = np.random.default_rng(3)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, 80)))
    high, low = close * 1.005, close * 0.995
    high[-1], low[-1] = close[-2] * 1.06, close[-2] * 0.93  # the widest range on record
    spx = pd.DataFrame({"high": high, "low": low, "close": close}, index=idx)
    members = {t: pd.Series(close * (1 + 0.01 * k), index=idx) for k, t in enumerate("ABC")}
    spells = pd.DataFrame({"ticker": list("ABC"), "start": idx[0], "end": pd.NaT})
    src = MemorySource({"SPX": spx, **members}, membership={"SP500": spells})
    return list(FactEngine(src).facts("SPX", windows=(1, 5)))


def _shiller_like(n: int = 700) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    idx = pd.date_range("1881-01-31", periods=n, freq="ME", name="date")
    cape = 10 + 20 * rng.random(n)
    growth = np.log1p(0.01 + 0.6 / cape + 0.02 * rng.standard_normal(n)) / 12
    real_price = 100 * np.exp(np.cumsum(growth))
    earnings = real_price / cape * (1 + 0.1 * rng.random(n))
    return pd.DataFrame(
        {
            "price": real_price,
            "earnings": earnings,
            "dividend": earnings * 0.4,
            "cape": cape,
            "gs10": 2 + 4 * rng.random(n),
            "real_price": real_price,
            "real_dividend": earnings * 0.4,
        },
        index=idx,
    )


def test_bundled_facts_cover_every_registered_kind(bundled_facts: list[Fact]) -> None:
    assert {f.kind for f in bundled_facts} == {k.name for k in all_kinds()}


def test_every_fact_renders_by_its_template_in_its_kind_unit(bundled_facts: list[Fact]) -> None:
    for f in bundled_facts:
        assert f.unit == get(f.kind).unit, (f.kind, f.unit)
        assert f.text and render(f) == f.text, f.kind


def test_every_fact_round_trips_through_json(bundled_facts: list[Fact]) -> None:
    for f in bundled_facts:
        back = Fact.from_dict(json.loads(f.to_json()))
        assert back.to_dict() == f.to_dict(), f.kind
        assert render(back) == f.text, f.kind
        assert back.unit == f.unit


def test_run_caveats_never_travel_in_details(bundled_facts: list[Fact]) -> None:
    banned = ("asof_requested", "asof_common", "basis_fallback", "sessions_only", "recent_only")
    for f in bundled_facts:
        assert not [k for k in f.details if k.startswith(banned)], f.kind


def test_percent_numbers_read_in_percent(bundled_facts: list[Fact]) -> None:
    """The July 2024 five-session move is 11.54 (percent), its record's value too."""
    move = next(
        f for f in bundled_facts if f.kind == "move" and f.subject == "RUT" and f.window == 5
    )
    assert move.value == pytest.approx((2263.67 / 2029.47 - 1) * 100, abs=1e-3)
    assert move.record is not None and move.record.since_value is not None
    assert 11.54 < move.record.since_value < 20  # the Apr 29, 2020 gain, in percent
    spread = next(f for f in bundled_facts if f.kind == "spread" and f.window == 5)
    assert spread.unit == "pp" and 9 < spread.value < 11  # 9.9 points
