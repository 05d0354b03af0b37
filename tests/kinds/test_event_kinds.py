"""The kinds of levels, thresholds, spans, turning points, comovement, intraday extremes
and members: hand-made series whose answers are known, when each kind speaks and when
it stays silent, and the as-of discipline on random data."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotascope.asof import AsOf
from rotascope.data import MemorySource
from rotascope.kinds import Fact, render
from rotascope.kinds.engine import FactEngine


def _idx(n: int, start: str = "2020-01-01") -> pd.DatetimeIndex:
    return pd.bdate_range(start, periods=n, name="date")


def _facts(src: MemorySource, subject: str, day: object, **kw: object) -> list[Fact]:
    return list(FactEngine(src).facts(subject, asof=AsOf.at(day), **kw))  # type: ignore[arg-type]


def _kind(facts: list[Fact], kind: str) -> list[Fact]:
    return [f for f in facts if f.kind == kind]


def test_record_close_after_a_long_wait_and_its_recovery() -> None:
    idx = _idx(300)
    up = np.linspace(100, 200, 50)
    down = np.linspace(200, 140, 101)[1:]  # a 30% drawdown
    back = np.linspace(140, 199, 150)[1:]
    spx = pd.Series(np.r_[up, down, back, 205.0], index=idx)
    facts = _facts(MemorySource({"SPX": spx}), "SPX", idx[-1], windows=(1, 5))
    (rc,) = _kind(facts, "record_close")
    assert rc.value == 205.0 and rc.details["previous_record"] == idx[49].date().isoformat()
    assert rc.details["sessions"] == 250 and rc.details["count_year"] == 1
    assert rc.details["recovery"]["depth_pct"] == pytest.approx(-30.0)
    assert rc.text.endswith(
        f"its first record close since {idx[49]:%b} {idx[49].day}, {idx[49].year}, "
        "recovering all of its 30.0% bear-market loss."
    )
    (rv,) = _kind(facts, "recovery")
    assert (
        rv.value == pytest.approx(-30.0)
        and rv.details["trough_date"] == idx[149].date().isoformat()
    )
    (count,) = _kind(facts, "record_count")
    assert count.value == 1
    # the day before: no record, no recovery, no count
    before = _facts(MemorySource({"SPX": spx}), "SPX", idx[-2], windows=(1,))
    assert not _kind(before, "record_close") and not _kind(before, "recovery")
    assert not _kind(before, "record_count")


def test_record_closes_soon_after_each_other_are_counted() -> None:
    idx = _idx(30, "2024-01-01")
    spx = pd.Series(np.r_[np.full(20, 90.0), np.arange(100.0, 110.0)], index=idx)
    (rc,) = _kind(_facts(MemorySource({"SPX": spx}), "SPX", idx[-1], windows=(1,)), "record_close")
    assert rc.details["count_year"] == 10  # each of the last ten closes was a record
    assert rc.text.endswith("its 10th record close of 2024.")


def test_threshold_crossed_once_per_episode_deepest_line_first() -> None:
    idx = _idx(12)
    closes = [100, 95, 91, 89.9, 92, 89, 85, 79.5, 81, 78, 101, 90]
    spx = pd.Series(np.array(closes, dtype=float), index=idx)
    src = MemorySource({"SPX": spx})
    told = {d.date(): _kind(_facts(src, "SPX", d, windows=(1,)), "threshold") for d in idx}
    crossed = {d: fs[0].details["level_pct"] for d, fs in told.items() if fs}
    # 10% on the first close at or below 90, 20% on the first at or below 80; a new
    # record (101) starts a new episode
    assert crossed == {idx[3].date(): 10, idx[7].date(): 20, idx[11].date(): 10}
    last = told[idx[11].date()][0]
    assert last.details["previous_crossing"] == idx[3].date().isoformat()
    assert last.details["crossings"] == 2 and last.value == pytest.approx((90 / 101 - 1) * 100)


def test_round_numbers_first_time_and_back_and_forth() -> None:
    idx = _idx(60)
    spx = pd.Series(np.r_[np.linspace(4500, 4990, 40), [5010.0, 4990, 5005], np.full(17, 4900.0)],
                    index=idx)  # fmt: skip
    src = MemorySource({"SPX": spx})
    first = _kind(_facts(src, "SPX", idx[40], windows=(1,)), "round_number")
    assert first and first[0].value == 5000 and first[0].details["first_time"]
    assert first[0].text == (
        f"The S&P 500 closed above 5,000 for the first time on {idx[40]:%b} {idx[40].day}, "
        f"{idx[40].year}, at 5,010.00."
    )
    # back above two sessions later: no news (the other side was two days ago)
    assert not _kind(_facts(src, "SPX", idx[42], windows=(1,)), "round_number")


def test_level_record_of_a_yield_and_its_silence_when_recent() -> None:
    idx = _idx(80)
    y = pd.Series(np.r_[np.full(40, 4.0), np.linspace(4.0, 3.0, 39), 2.95], index=idx)
    src = MemorySource({"DGS10": y})
    (lv,) = _kind(_facts(src, "DGS10", idx[-1], windows=(1,)), "level_record")
    assert lv.value == 2.95 and lv.record is not None and lv.record.since is None
    assert lv.text.startswith("The 10-year Treasury yield fell to 2.95% on ")
    flat = pd.Series(np.r_[np.full(70, 4.0), [4.1, 4.0, 4.1, 4.08, 4.09]], index=idx[:75])
    assert not _kind(_facts(MemorySource({"DGS10": flat}), "DGS10", idx[74], windows=(1,)),
                     "level_record")  # fmt: skip  # highest since 2 sessions back: no news


def test_correlation_only_when_its_record_reaches_back_a_year() -> None:
    idx = _idx(700)
    rng = np.random.default_rng(5)
    common = rng.normal(0, 0.01, 700)
    a = common + rng.normal(0, 0.002, 700)
    b = common + rng.normal(0, 0.002, 700)
    a[-21:] = -b[-21:]  # the last month: opposite moves, the lowest correlation on record
    src = MemorySource({"RUT": pd.Series(100 * np.exp(np.cumsum(a)), idx),
                        "SPX": pd.Series(100 * np.exp(np.cumsum(b)), idx)})  # fmt: skip
    facts = FactEngine(src).facts("RUT", "SPX", asof=AsOf.at(idx[-1]), windows=(1, 21))
    (c,) = _kind(list(facts), "correlation")
    ra, rb = (pd.Series(x[-21:]) for x in (a, b))
    assert c.window == 21 and c.unit == "r"
    x = src.series("RUT").pct_change().iloc[-21:]
    yv = src.series("SPX").pct_change().iloc[-21:]
    assert c.value == pytest.approx(float(np.corrcoef(x, yv)[0, 1]))
    assert c.record is not None and c.record.since is None and c.record.direction == "low"
    assert ra.corr(rb) < 0
    calm = FactEngine(src).facts("RUT", "SPX", asof=AsOf.at(idx[-40]), windows=(21,))
    assert not _kind(list(calm), "correlation")


def test_span_returns_since_and_between() -> None:
    idx = _idx(10, "2024-07-29")
    rut = pd.Series([100.0, 95, 90, 88, 85, 86, 87, 84, 85, 85.1], index=idx)
    spx = pd.Series([50.0, 49.5, 49, 48.8, 48.5, 48.4, 48.3, 48.2, 48.1, 48.05], index=idx)
    src = MemorySource({"RUT": rut, "SPX": spx})
    fs = FactEngine(src).facts(
        "RUT", "SPX", asof=AsOf.at(idx[-1]), windows=(1,), since="2024-07-29"
    )
    (p,) = _kind(list(fs), "pair_return")
    assert p.value == pytest.approx(-14.9) and p.details["versus_return_pct"] == pytest.approx(-3.9)
    assert p.text == (
        "The Russell 2000 is down 14.9% since the Jul 29, 2024 close, as of Aug 9, 2024, "
        "against a 3.9% drop for the S&P 500."
    )
    alone = FactEngine(src).facts(
        "RUT", asof=AsOf.at(idx[-1]), windows=(1,), from_=idx[1], to=idx[4]
    )
    (b,) = _kind(list(alone), "pair_return")
    assert b.versus is None and b.value == pytest.approx((85 / 95 - 1) * 100)
    assert b.asof == idx[4].date() and b.text.startswith("From the Jul 30, 2024 close to Aug 2")


def test_turning_point_with_its_gap_record_and_without_a_pair() -> None:
    idx = _idx(400)
    rng = np.random.default_rng(9)
    b = 100 * np.exp(np.cumsum(rng.normal(0.0003, 0.004, 400)))
    a = b * 2.0
    a[-61] = a[-200:].max() * 1.05  # the peak of the last six months
    a[-60:] = a[-61] * np.linspace(0.99, 0.8, 60)  # a 20% fall from it, B calm
    src = MemorySource({"RUT": pd.Series(a, idx), "SPX": pd.Series(b, idx)})
    (t,) = _kind(list(FactEngine(src).facts("RUT", "SPX", asof=AsOf.at(idx[-1]))), "turning_point")
    assert t.start == idx[-61].date() and t.value == pytest.approx(-20.0, abs=1e-9)
    assert t.details["pivot"] == "peak" and t.versus == "SPX"
    spx_move = (b[-1] / b[-61] - 1) * 100
    assert t.details["versus"][0]["move_pct"] == pytest.approx(spx_move)
    assert t.details["gap_record"]["window"] == 60
    (alone,) = _kind(list(FactEngine(src).facts("RUT", asof=AsOf.at(idx[-1]))), "turning_point")
    assert alone.versus is None and "gap_record" not in alone.details
    # a move of less than 5% from the turning point is no fact
    assert not _kind(list(FactEngine(src).facts("RUT", asof=AsOf.at(idx[-58]))), "turning_point")


def test_scoped_record_and_week_to_date() -> None:
    idx = _idx(40, "2024-01-01")
    moves = np.r_[np.full(30, 0.001), -0.01, np.full(9, 0.002)]
    moves[-1] = -0.03  # the year's biggest one-day drop, on a Friday
    ndx = pd.Series(100 * np.exp(np.cumsum(moves)), index=idx)
    facts = _facts(MemorySource({"NDX": ndx}), "NDX", idx[-1], windows=(1, 5))
    (sr,) = [f for f in _kind(facts, "scoped_record") if f.window == 1]
    assert (
        sr.text
        == f"The Nasdaq 100's 3.0% drop on {idx[-1]:%b} {idx[-1].day}, 2024 was its biggest "
        "one-day drop of 2024."
    )
    (w,) = _kind(facts, "week_to_date")
    monday = idx[-1] - pd.Timedelta(days=idx[-1].dayofweek)
    base = ndx.loc[: monday - pd.Timedelta(days=1)]
    assert w.start == base.index[-1].date()
    assert w.value == pytest.approx((ndx.iloc[-1] / base.iloc[-1] - 1) * 100)
    # a Monday has no week to date (it is the day's move)
    mon = idx[idx.dayofweek == 0][-1]
    assert not _kind(_facts(MemorySource({"NDX": ndx}), "NDX", mon, windows=(1,)), "week_to_date")


def _ohlc(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))
    return pd.DataFrame(
        {"high": close * 1.004, "low": close * 0.996, "close": close}, index=_idx(n)
    )


def test_intraday_extreme_labelled_beside_the_close() -> None:
    f = _ohlc(300, 1)
    f.iloc[-1, f.columns.get_loc("low")] = f["close"].iloc[-2] * 0.94  # down 6% intraday
    facts = _facts(MemorySource({"SPX": f}), "SPX", f.index[-1], windows=(1,))
    (x,) = _kind(facts, "intraday")
    assert x.details["field"] in ("down_most", "swing") and x.record is not None
    assert x.details["down_most"] == pytest.approx(-6.0)
    assert "intraday" in x.text and "it closed" in x.text
    closes_only = _facts(MemorySource({"SPX": f["close"]}), "SPX", f.index[-1], windows=(1,))
    assert not _kind(closes_only, "intraday")


def test_leaders_need_a_membership_and_say_why_without_one() -> None:
    idx = _idx(30)
    spx = pd.Series(np.linspace(100, 110, 30), index=idx)
    members = {t: pd.Series(np.linspace(10, 10 + k, 30), index=idx) for k, t in enumerate("ABCD")}
    members["D"].iloc[-1] = members["D"].iloc[-2] * 0.9  # D fell 10% on the day
    spells = pd.DataFrame({"ticker": ["A", "B", "C", "D", "E"], "start": idx[0], "end": pd.NaT})
    src = MemorySource({"SPX": spx, **members}, membership={"SP500": spells})
    fs = FactEngine(src).facts("SPX", asof=AsOf.at(idx[-1]), windows=(1,))
    (lead,) = _kind(list(fs), "leaders")
    assert lead.details["bottom"][0]["ticker"] == "D"
    assert lead.details["members"] == 5 and lead.details["counted"] == 4  # E has no closes
    assert lead.details["top"][0]["ticker"] == "C"
    bare = FactEngine(MemorySource({"SPX": spx})).facts("SPX", asof=AsOf.at(idx[-1]), windows=(1,))
    assert not _kind(list(bare), "leaders")
    assert any("Leaders and laggards" in n.text for n in bare.notes)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), cut=st.integers(150, 260))
def test_later_data_change_no_fact(seed: int, cut: int) -> None:
    """Every kind, as of a date, reads nothing after it: the same facts from the data
    cut at that date and from the data going on."""
    a, b = _ohlc(300, seed), _ohlc(300, seed + 1)
    day = a.index[cut]
    kw = {"windows": (1, 5, 21), "since": a.index[cut - 40]}
    full = FactEngine(MemorySource({"SPX": a, "RUT": b})).facts("SPX", "RUT", AsOf.at(day), **kw)
    short = MemorySource({"SPX": a.loc[:day], "RUT": b.loc[:day]})
    cut_fs = FactEngine(short).facts("SPX", "RUT", AsOf.at(day), **kw)
    assert [json.dumps(f.to_dict()) for f in full] == [json.dumps(f.to_dict()) for f in cut_fs]
    for f in full:
        assert render(f) == f.text


def test_dates_in_details_survive_json() -> None:
    f = Fact("record_close", "RUT", dt.date(2025, 9, 18), 2467.7, "level", "",
             details={"previous_record": "2021-11-08", "count_year": 1, "year": 2025})  # fmt: skip
    back = Fact.from_dict(json.loads(f.to_json()))
    assert render(back) == render(f)
