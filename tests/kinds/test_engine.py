"""The fact engine on synthetic series: as-of rules, notes, errors, invariants, caching."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.asof import AsOf, resolve_asof
from rotascope.data import MemorySource
from rotascope.errors import AsOfError, UnknownSymbol
from rotascope.kinds import Fact, FactSet, render
from rotascope.kinds.engine import FactEngine, engine_for


def facts(source, subject, **kw):  # type: ignore[no-untyped-def]
    """The facts of the engine kept for ``source``."""
    return engine_for(source).facts(subject, **kw)


IDX = pd.bdate_range("2023-11-01", periods=80, name="date")


def walk(seed: int, n: int = 80, index: pd.DatetimeIndex = IDX) -> pd.Series:
    rng = np.random.default_rng(seed)
    return pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, n))), index=index[:n])


class Counting(MemorySource):
    """A memory source that counts the series it hands out."""

    def __init__(self, series: dict, **kw: object) -> None:
        super().__init__(series, **kw)  # type: ignore[arg-type]
        self.calls: list[tuple[str, str]] = []

    def series(self, symbol: str, column: str = "close") -> pd.Series:
        self.calls.append((symbol, column))
        return super().series(symbol, column)


@pytest.fixture
def src() -> Counting:
    a, b = walk(1), walk(2)
    return Counting({"AAA": pd.DataFrame({"close": a, "adj_close": a * 1.01}), "BBB": b})


def at(source: MemorySource, day: str, subject: str = "AAA") -> AsOf:
    return resolve_asof(day, source.series(subject).index, what=subject)


def by(fs: FactSet, kind: str, window: object = None, subject: str = "AAA") -> Fact:
    return next(f for f in fs if f.kind == kind and f.window == window and f.subject == subject)


def test_kinds_units_and_text_from_fields(src: Counting) -> None:
    fs = FactEngine(src).facts("AAA", versus="BBB", windows=(1, 5))
    assert isinstance(fs, FactSet)
    kinds = {f.kind for f in fs}
    assert kinds >= {"move", "period", "drawdown", "spread", "ratio", "drawdown_vs"}
    # the event kinds appear only when their event happened (a record, a crossing...)
    events = {
        "level_record",
        "record_close",
        "record_count",
        "recovery",
        "threshold",
        "round_number",
        "scoped_record",
        "week_to_date",
        "turning_point",
        "correlation",
    }
    assert kinds <= {"move", "period", "drawdown", "spread", "ratio", "drawdown_vs", *events}
    for f in fs:
        assert f.text == render(f)
        back = Fact.from_dict(f.to_dict())
        assert render(back) == f.text
    m5 = by(fs, "move", 5)
    a = src.series("AAA")
    assert m5.unit == "pct"
    assert m5.value == pytest.approx((a.iloc[-1] / a.iloc[-6] - 1) * 100)  # percent
    assert m5.start == a.index[-6].date()
    assert m5.record is not None
    assert m5.record.direction == ("high" if m5.value > 0 else "low")
    assert fs.data_version == src.version()
    assert fs.asof.session == a.index[-1]


def test_spread_is_difference_in_points_and_antisymmetric(src: Counting) -> None:
    eng = FactEngine(src)
    ab = by(eng.facts("AAA", versus="BBB", windows=(5,)), "spread", 5)
    ba = by(eng.facts("BBB", versus="AAA", windows=(5,)), "spread", 5, subject="BBB")
    a, b = src.series("AAA"), src.series("BBB")
    want = ((a.iloc[-1] / a.iloc[-6]) - (b.iloc[-1] / b.iloc[-6])) * 100
    assert ab.unit == "pp" and ab.value == pytest.approx(want)
    assert ba.value == pytest.approx(-ab.value)
    assert ab.details["subject_return_pct"] == pytest.approx(ba.details["versus_return_pct"])
    assert (ab.record is not None and ab.record.since_value is None) or abs(
        ab.record.since_value  # type: ignore[union-attr]
    ) > 0.01  # points, not fractions


def test_asof_not_a_session_moves_back_with_a_note(src: Counting) -> None:
    saturday = at(src, "2023-12-09")
    fs = facts(src, "AAA", asof=saturday, windows=(1,))
    assert all(f.asof.isoformat() == "2023-12-08" for f in fs)
    assert [n.code for n in fs.notes] == ["moved"]
    assert "Dec 9, 2023 is a Saturday" in fs.notes[0].text
    assert all("asof_requested" not in f.details for f in fs)  # caveats are notes now
    on_session = facts(src, "AAA", asof=at(src, "2023-12-08"), windows=(1,))
    assert on_session.notes == ()


def test_asof_outside_the_data_and_unknown_symbol(src: Counting) -> None:
    eng = FactEngine(src)
    with pytest.raises(AsOfError, match=r"2023-11-01 to 2024-02-20"):
        eng.asof_for("AAA", "2020-01-01")
    with pytest.raises(AsOfError, match="after the last AAA data"):
        eng.asof_for("AAA", "2030-01-01")
    with pytest.raises(AsOfError, match="not a date"):
        eng.asof_for("AAA", "yesterday-ish")
    with pytest.raises(UnknownSymbol, match="AAA, BBB"):
        facts(src, "ZZZ")
    with pytest.raises(UnknownSymbol):
        facts(src, "AAA", versus="QQQ")


def test_basis_total_return_and_fallback_note(src: Counting) -> None:
    fs = facts(src, "AAA", windows=(1,), basis="total_return")
    assert all(f.basis == "total_return" for f in fs)
    assert ("AAA", "adj_close") in src.calls
    fb = facts(src, "BBB", windows=(1,), basis="total_return")
    assert all(f.basis == "price" for f in fb)
    basis = [n for n in fb.notes if n.code == "basis"]
    assert len(basis) == 1 and "BBB has no adjusted close" in basis[0].text
    assert [n.code for n in fb.notes] == ["stale", "basis"]  # latest: the data are old
    with pytest.raises(ValueError, match="basis"):
        facts(src, "AAA", basis="log")  # type: ignore[arg-type]


def test_missing_session_is_a_note(src: Counting) -> None:
    a = src.series("AAA")
    b = src.series("BBB")
    gap = b.index[-3]
    holed = Counting({"AAA": a, "BBB": b.drop(gap)})
    fs = FactEngine(holed).facts("AAA", versus="BBB", windows=(5,))
    s = by(fs, "spread", 5)
    assert not {k for k in s.details if k.startswith(("sessions_only", "recent_only"))}
    gaps = [n for n in fs.notes if n.code == "gaps"]
    assert len(gaps) == 1
    assert "1 sessions only in the first and 0 only in the second" in gaps[0].text
    assert gap.date().isoformat() in gaps[0].text
    common, bb = a.drop(gap), b.drop(gap)
    want = common.iloc[-1] / common.iloc[-6] - bb.iloc[-1] / bb.iloc[-6]
    assert s.value == pytest.approx(want * 100)


def test_yields_change_in_whole_basis_points() -> None:
    y = pd.Series(np.round(np.linspace(4.0, 4.5, 30), 2), index=IDX[:30])
    fs = facts(MemorySource({"DGS10": y}), "DGS10", windows=(5,))
    m = by(fs, "yield_change", 5, subject="DGS10")
    assert m.unit == "bp"
    assert m.value == round((y.iloc[-1] - y.iloc[-6]) * 100)
    assert m.value == int(m.value)
    assert "basis points" in m.text and "%" in m.text  # the level is a percent
    assert not [f for f in fs if f.kind in ("drawdown", "move")]
    ytd = by(fs, "yield_period", "MTD", subject="DGS10")
    assert ytd.unit == "bp"


def test_cache_loads_each_series_once_per_version(src: Counting) -> None:
    eng = FactEngine(src)
    eng.facts("AAA", versus="BBB", asof=at(src, "2024-01-05"))
    eng.facts("AAA", versus="BBB", asof=at(src, "2024-02-01"))
    loads = [c for c in src.calls if c == ("AAA", "close")]
    assert len(loads) == 3  # once in the engine, twice by the test's at()
    eng.clear()
    eng.facts("AAA")
    assert src.calls.count(("AAA", "close")) == 4


def test_two_sources_never_share_measures() -> None:
    a1, a2 = walk(1), walk(7)
    s1, s2 = MemorySource({"AAA": a1}), MemorySource({"AAA": a2})
    f1 = by(facts(s1, "AAA", windows=(5,)), "move", 5)
    f2 = by(facts(s2, "AAA", windows=(5,)), "move", 5)
    assert f1.value == pytest.approx((a1.iloc[-1] / a1.iloc[-6] - 1) * 100)
    assert f2.value == pytest.approx((a2.iloc[-1] / a2.iloc[-6] - 1) * 100)
    assert engine_for(s1) is not engine_for(s2)


def test_a_new_data_version_drops_the_memo() -> None:
    a = walk(1)

    class Versioned(MemorySource):
        tag = "v1"

        def version(self) -> str:
            return self.tag

    src = Versioned({"AAA": a})
    eng = FactEngine(src)
    memo = eng.memo
    assert eng.memo is memo
    src.tag = "v2"
    assert eng.memo is not memo and eng.memo.version == "v2"


def test_window_longer_than_history_is_skipped(src: Counting) -> None:
    fs = FactEngine(src).facts("AAA", windows=(1, 500))
    assert [f.window for f in fs if f.kind == "move"] == [1]
    with pytest.raises(ValueError, match="windows"):
        FactEngine(src).facts("AAA", windows=(0,))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(30, 70), st.integers(1, 40))
def test_no_look_ahead(seed: int, cut: int, extra: int) -> None:
    """Facts as of a date are identical whether or not later data exist."""
    full_a = walk(seed, 120, pd.bdate_range("2023-11-01", periods=120))
    full_b = walk(seed + 1, 120, pd.bdate_range("2023-11-01", periods=120))
    asof = AsOf.at(full_a.index[cut])
    end = cut + 1 + extra
    short = MemorySource({"AAA": full_a.iloc[: cut + 1], "BBB": full_b.iloc[: cut + 1]})
    longer = MemorySource({"AAA": full_a.iloc[:end], "BBB": full_b.iloc[:end]})
    f1 = FactEngine(short).facts("AAA", "BBB", asof=asof, windows=(1, 5, 21))
    f2 = FactEngine(longer).facts("AAA", "BBB", asof=asof, windows=(1, 5, 21))
    assert [f.to_dict() for f in f1] == [f.to_dict() for f in f2]


def test_scoreboard_through_engine(src: Counting) -> None:
    sb = FactEngine(src).scoreboard(
        ["AAA", "BBB"], ("1d", "5d", "MTD"), asof=pd.Timestamp("2024-01-31")
    )
    a = src.series("AAA").loc[:"2024-01-31"]
    assert sb.values.loc["AAA", "5d"] == pytest.approx(a.iloc[-1] / a.iloc[-6] - 1)
    dec = a.loc[:"2023-12-31"]
    assert sb.values.loc["AAA", "MTD"] == pytest.approx(a.iloc[-1] / dec.iloc[-1] - 1)
    with pytest.raises(AsOfError):
        FactEngine(src).scoreboard(["AAA"], asof=pd.Timestamp("2001-01-01"))


def test_versus_starting_after_asof_and_ending_before(src: Counting) -> None:
    late = walk(5, 40, pd.bdate_range("2024-01-15", periods=40))
    early = walk(6, 40)
    both = MemorySource({"AAA": src.series("AAA"), "LATE": late, "EARLY": early})
    with pytest.raises(AsOfError, match="LATE"):
        FactEngine(both).facts("AAA", versus="LATE", asof=at(both, "2023-12-01"))
    fs = FactEngine(both).facts("AAA", versus="EARLY", windows=(1,))
    moved = [n for n in fs.notes if n.code == "moved"]
    assert moved and "EARLY has no data on" in moved[0].text
    e = by(fs, "move", 1, subject="EARLY")
    assert e.asof == early.index[-1].date()


def test_factor_returns_compound_from_the_file_returns() -> None:
    r = pd.Series([0.01, -0.02, 0.03, 0.01, 0.0, 0.02], index=IDX[:6])
    fs = facts(MemorySource({"SMB": r}), "SMB", windows=(3,))
    m = by(fs, "move", 3, subject="SMB")
    assert m.value == pytest.approx(((1.01 * 1.0 * 1.02) - 1) * 100)
    dd = next(f for f in fs if f.kind == "drawdown")
    assert "compounded returns" in dd.text
