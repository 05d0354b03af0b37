"""The fact engine on synthetic series: as-of rules, errors, invariants, caching."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.errors import AsOfError, UnknownSymbol
from rotascope.facts.engine import FactEngine, facts
from rotascope.facts.fact import Fact
from rotascope.facts.text import render

IDX = pd.bdate_range("2023-11-01", periods=80, name="date")


def walk(seed: int, n: int = 80, index: pd.DatetimeIndex = IDX) -> pd.Series:
    rng = np.random.default_rng(seed)
    return pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, n))), index=index[:n])


class Loader:
    """A dict-backed loader that counts its calls."""

    def __init__(self, data: dict[tuple[str, str], pd.Series]) -> None:
        self.data = data
        self.calls: list[tuple[str, str]] = []

    def __call__(self, symbol: str, column: str) -> pd.Series:
        self.calls.append((symbol, column))
        if (symbol, column) not in self.data:
            if any(s == symbol for s, _ in self.data):
                raise ValueError(f"{symbol} has no {column}")
            raise UnknownSymbol(symbol, sorted({s for s, _ in self.data}))
        return self.data[(symbol, column)]


@pytest.fixture
def loader() -> Loader:
    a, b = walk(1), walk(2)
    return Loader({("AAA", "close"): a, ("BBB", "close"): b, ("AAA", "adj_close"): a * 1.01})


def by(fs: list[Fact], kind: str, window: object = None, subject: str = "AAA") -> Fact:
    return next(f for f in fs if f.kind == kind and f.window == window and f.subject == subject)


def test_kinds_and_text_from_fields(loader: Loader) -> None:
    fs = FactEngine(loader).facts("AAA", versus="BBB", windows=(1, 5))
    kinds = {f.kind for f in fs}
    assert kinds == {"move", "period", "drawdown", "spread", "ratio"}
    for f in fs:
        assert f.text == render(f)
        assert Fact.from_dict(f.to_dict()).text == render(Fact.from_dict(f.to_dict()))
    m5 = by(fs, "move", 5)
    a = loader.data[("AAA", "close")]
    assert m5.value == pytest.approx(a.iloc[-1] / a.iloc[-6] - 1)
    assert m5.start == a.index[-6].date()
    assert m5.record is not None
    assert m5.record.direction == ("high" if m5.value > 0 else "low")


def test_spread_is_difference_and_antisymmetric(loader: Loader) -> None:
    eng = FactEngine(loader)
    ab = by(eng.facts("AAA", versus="BBB", windows=(5,)), "spread", 5)
    ba = by(eng.facts("BBB", versus="AAA", windows=(5,)), "spread", 5, subject="BBB")
    a, b = loader.data[("AAA", "close")], loader.data[("BBB", "close")]
    want = (a.iloc[-1] / a.iloc[-6]) - (b.iloc[-1] / b.iloc[-6])
    assert ab.value == pytest.approx(want)
    assert ba.value == pytest.approx(-ab.value)
    assert ab.details["subject_return"] == pytest.approx(ba.details["versus_return"])


def test_asof_not_a_session_moves_back(loader: Loader) -> None:
    saturday = pd.Timestamp("2023-12-09")
    fs = facts("AAA", asof=saturday, windows=(1,), loader=loader)
    assert all(f.asof.isoformat() == "2023-12-08" for f in fs)
    assert fs[0].details["asof_requested"] == "2023-12-09"
    on_session = facts("AAA", asof="2023-12-08", windows=(1,), loader=loader)
    assert "asof_requested" not in on_session[0].details


def test_asof_before_data_and_unknown_symbol(loader: Loader) -> None:
    with pytest.raises(AsOfError, match=r"2023-11-01 to 2024-02-20"):
        facts("AAA", asof="2020-01-01", loader=loader)
    with pytest.raises(AsOfError, match="not a date"):
        facts("AAA", asof="yesterday-ish", loader=loader)
    with pytest.raises(UnknownSymbol, match="AAA, BBB"):
        facts("ZZZ", loader=loader)
    with pytest.raises(UnknownSymbol):
        facts("AAA", versus="QQQ", loader=loader)
    with pytest.raises(UnknownSymbol):
        facts("X", loader=lambda s, c: {}[s])  # a plain KeyError becomes UnknownSymbol


def test_basis_total_return_and_fallback(loader: Loader) -> None:
    fs = facts("AAA", windows=(1,), basis="total_return", loader=loader)
    assert all(f.basis == "total_return" for f in fs)
    assert ("AAA", "adj_close") in loader.calls
    fb = facts("BBB", windows=(1,), basis="total_return", loader=loader)
    assert all(f.basis == "price" for f in fb)
    assert "basis_fallback" in fb[0].details
    with pytest.raises(ValueError, match="basis"):
        facts("AAA", basis="log", loader=loader)  # type: ignore[arg-type]


def test_missing_session_is_reported(loader: Loader) -> None:
    b = loader.data[("BBB", "close")]
    gap = b.index[-3]
    loader.data[("BBB", "close")] = b.drop(gap)
    fs = FactEngine(loader).facts("AAA", versus="BBB", windows=(5,))
    s = by(fs, "spread", 5)
    assert s.details["sessions_only_subject"] == 1
    assert s.details["recent_only_subject"] == [gap.date().isoformat()]
    a = loader.data[("AAA", "close")]
    common = a.drop(gap)
    bb = loader.data[("BBB", "close")]
    want = common.iloc[-1] / common.iloc[-6] - bb.iloc[-1] / bb.iloc[-6]
    assert s.value == pytest.approx(want)


def test_yields_move_in_basis_points() -> None:
    y = pd.Series(np.linspace(4.0, 4.5, 30), index=IDX[:30])
    fs = facts("DGS10", windows=(5,), loader=lambda s, c: y)
    m = by(fs, "move", 5, subject="DGS10")
    assert m.unit == "bp"
    assert m.value == pytest.approx((y.iloc[-1] - y.iloc[-6]) * 100)
    assert "basis points" in m.text
    assert not [f for f in fs if f.kind == "drawdown"]


def test_cache_loads_each_series_once(loader: Loader) -> None:
    eng = FactEngine(loader)
    eng.facts("AAA", versus="BBB", asof="2024-01-05")
    eng.facts("AAA", versus="BBB", asof="2024-02-01")
    assert loader.calls.count(("AAA", "close")) == 1
    assert loader.calls.count(("BBB", "close")) == 1
    eng.clear()
    eng.facts("AAA")
    assert loader.calls.count(("AAA", "close")) == 2


def test_window_longer_than_history_is_skipped(loader: Loader) -> None:
    fs = FactEngine(loader).facts("AAA", windows=(1, 500))
    assert [f.window for f in fs if f.kind == "move"] == [1]
    with pytest.raises(ValueError, match="windows"):
        FactEngine(loader).facts("AAA", windows=(0,))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(30, 70), st.integers(1, 40))
def test_no_look_ahead(seed: int, cut: int, extra: int) -> None:
    """Facts as of a date are identical whether or not later data exist."""
    full_a = walk(seed, 120, pd.bdate_range("2023-11-01", periods=120))
    full_b = walk(seed + 1, 120, pd.bdate_range("2023-11-01", periods=120))
    asof = full_a.index[cut]
    end = cut + 1 + extra
    short = {"AAA": full_a.iloc[: cut + 1], "BBB": full_b.iloc[: cut + 1]}
    longer = {"AAA": full_a.iloc[:end], "BBB": full_b.iloc[:end]}
    f1 = FactEngine(lambda s, c: short[s]).facts("AAA", "BBB", asof=asof, windows=(1, 5, 21))
    f2 = FactEngine(lambda s, c: longer[s]).facts("AAA", "BBB", asof=asof, windows=(1, 5, 21))
    assert [f.to_dict() for f in f1] == [f.to_dict() for f in f2]


def test_scoreboard_through_engine(loader: Loader) -> None:
    sb = FactEngine(loader).scoreboard(["AAA", "BBB"], ("1d", "5d", "MTD"), asof="2024-01-31")
    a = loader.data[("AAA", "close")].loc[:"2024-01-31"]
    assert sb.values.loc["AAA", "5d"] == pytest.approx(a.iloc[-1] / a.iloc[-6] - 1)
    dec = a.loc[:"2023-12-31"]
    assert sb.values.loc["AAA", "MTD"] == pytest.approx(a.iloc[-1] / dec.iloc[-1] - 1)
    with pytest.raises(AsOfError):
        FactEngine(loader).scoreboard(["AAA"], asof="2001-01-01")


def test_versus_starting_after_asof_and_subject_ending_before(loader: Loader) -> None:
    late = walk(5, 40, pd.bdate_range("2024-01-15", periods=40))
    loader.data[("LATE", "close")] = late
    with pytest.raises(AsOfError, match="LATE"):
        FactEngine(loader).facts("AAA", versus="LATE", asof="2023-12-01")
    a = loader.data[("AAA", "close")]
    fs = FactEngine(loader).facts("AAA", asof="2030-01-01", windows=(1,))
    assert fs[0].asof == a.index[-1].date()
    assert fs[0].details["asof_requested"] == "2030-01-01"


def test_factor_returns_compound(loader: Loader) -> None:
    r = pd.Series([0.01, -0.02, 0.03, 0.01, 0.0, 0.02], index=IDX[:6])
    fs = facts("SMB", windows=(3,), loader=lambda s, c: r)
    m = by(fs, "move", 3, subject="SMB")
    assert m.value == pytest.approx((1.01 * 1.0 * 1.02) - 1)
    dd = next(f for f in fs if f.kind == "drawdown")
    assert "compounded returns" in dd.text
