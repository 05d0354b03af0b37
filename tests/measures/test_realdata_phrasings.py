"""The phrasing measures on the raw files, against plain pandas computed here.

In a clone without ``../shared/data`` the closes and yields come from the bundled dataset
(``tests/published_data.py``); the intraday test needs the raw highs and lows and skips.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from published_data import RAW, SHARED_DATA, PublishedData
from rotascope.measures import (
    drawdown_thresholds,
    intraday_moves,
    level_record,
    pair_return_between,
    pair_return_since,
    pivots,
    ratio,
    record_close_count,
    record_closes,
    rolling_comovement,
    scoped_records,
    turning_point,
    week_to_date,
)

pytestmark = pytest.mark.realdata


def _yahoo_multi(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, header=[0, 1], index_col=0, skiprows=[2])
    frame.columns = [str(c[0]) for c in frame.columns]
    frame.index = pd.to_datetime(frame.index)
    return frame.astype(float)


@pytest.fixture(scope="module")
def spx_ohlc(shared_data: Path) -> pd.DataFrame:
    return _yahoo_multi(shared_data / "indices" / "SPX_ohlc.csv")


@pytest.fixture(scope="module")
def spx(published: PublishedData) -> pd.Series:
    """The Close column of SPX_ohlc.csv (raw file or the bundled copy)."""
    return published.close("SPX")


@pytest.fixture(scope="module")
def ndx(published: PublishedData) -> pd.Series:
    return published.close("NDX")


@pytest.fixture(scope="module")
def rut(published: PublishedData) -> pd.Series:
    """RUT_close.csv (1999 ..); in a clone without it the bundled RUT (RUT_ohlc.csv's
    closes from 1987, extended by RUT_close.csv after Aug 2, 2024)."""
    if RAW:
        raw = pd.read_csv(SHARED_DATA / "indices" / "RUT_close.csv", index_col=0, parse_dates=True)
        return raw["^RUT"].astype(float).rename("RUT")
    return published.close("RUT")


@pytest.fixture(scope="module")
def dgs10(published: PublishedData) -> pd.Series:
    """FRED's DGS10 with its blank holidays as NaN; the bundle has none (dropped)."""
    if RAW:
        raw = pd.read_csv(SHARED_DATA / "fred" / "DGS10.csv", index_col=0, parse_dates=True)
        return pd.to_numeric(raw["DGS10"], errors="coerce")  # blank holidays stay NaN
    return published.fred("DGS10")


def test_pair_returns_since_and_between(rut: pd.Series, spx: pd.Series) -> None:
    both = pd.concat([rut, spx], axis=1, join="inner").dropna()
    for since, asof in [("2024-07-31", "2024-08-07"), ("2025-04-08", "2025-09-18")]:
        r = pair_return_since(rut, spx, pd.Timestamp(since), pd.Timestamp(asof))
        a, b = both.loc[:asof].iloc[-1], both.loc[:since].iloc[-1]
        assert r.a_return == pytest.approx(a.iloc[0] / b.iloc[0] - 1)
        assert r.b_return == pytest.approx(a.iloc[1] / b.iloc[1] - 1)
    # "from late October to Christmas": Sat Oct 26 snaps to Fri Oct 25, 2024
    r = pair_return_between(rut, spx, pd.Timestamp("2024-10-26"), pd.Timestamp("2024-12-24"))
    assert r.start == pd.Timestamp("2024-10-25") and r.end == pd.Timestamp("2024-12-24")
    plain = both.loc["2024-12-24"] / both.loc["2024-10-25"] - 1
    assert r.gap == pytest.approx(plain.iloc[0] - plain.iloc[1])


def test_level_records_of_the_10_year(dgs10: pd.Series) -> None:
    clean = dgs10.dropna()
    for day in clean.loc["2023-09-01":"2023-11-30"].index[::7]:
        r = level_record(dgs10, day)
        v, earlier = clean.loc[day], clean.loc[: day - pd.Timedelta(days=1)]
        hi, lo = earlier[earlier >= v], earlier[earlier <= v]
        assert (pd.isna(r.high_since) and hi.empty) or r.high_since == hi.index[-1]
        assert (pd.isna(r.low_since) and lo.empty) or r.low_since == lo.index[-1]
        assert r.high_rank == int((earlier > v).sum()) + 1
        assert r.out_of == len(earlier) + 1


def test_ratio_at_its_lowest_since(rut: pd.Series, ndx: pd.Series) -> None:
    both = pd.concat([rut, ndx], axis=1, join="inner").dropna()
    plain = both.iloc[:, 0] / both.iloc[:, 1]
    r = ratio(rut, ndx)
    for day in plain.loc["2024-01-01":"2024-12-31"].index[::10]:
        got = level_record(r, day)
        earlier = plain.loc[: day - pd.Timedelta(days=1)]
        lows = earlier[earlier <= plain.loc[day]]
        assert (pd.isna(got.low_since) and lows.empty) or got.low_since == lows.index[-1]
        assert got.low_rank == int((earlier < plain.loc[day]).sum()) + 1


def test_record_close_counts(spx: pd.Series) -> None:
    plain = spx > spx.cummax().shift(1)
    table = record_closes(spx)
    assert (table["record"] == plain.loc[table.index]).all()
    # published: 70 record closes in 2021, 57 in 2024
    for year, published in [(2021, 70), (2024, 57)]:
        c = record_close_count(spx, pd.Timestamp(f"{year}-12-31"), "year")
        assert c.count == int(plain.loc[str(year)].sum()) == published
    # 2022 and 2023 had none: the record of Jan 3, 2022 stood until Jan 19, 2024
    assert record_close_count(spx, pd.Timestamp("2023-12-29")).count == 0


def test_bear_market_crossings(spx: pd.Series) -> None:
    t = drawdown_thresholds(spx.loc["1990":])
    crossed = t.index[t["crossed_20"]]
    # plain: first close of each episode at least 20% below the running high
    s = spx.loc["1990":]
    peak = s.cummax()
    episode = (s >= peak).cumsum()
    below = s <= peak * 0.8
    first = below & ~below.groupby(episode).shift(1, fill_value=False).groupby(episode).cummax()
    assert list(crossed) == list(s.index[first])
    # published bear-market closes: Jul 9, 2008; Mar 12, 2020; Jun 13, 2022
    for day in ("2008-07-09", "2020-03-12", "2022-06-13"):
        assert pd.Timestamp(day) in crossed


def test_correlation_equals_pandas(rut: pd.Series, spx: pd.Series) -> None:
    t = rolling_comovement(rut, spx, 63)
    both = pd.concat([rut, spx], axis=1, join="inner").dropna().pct_change()
    plain = both.iloc[:, 0].rolling(63).corr(both.iloc[:, 1])
    diff = (t["correlation"] - plain).abs().max()
    assert diff < 1e-9
    assert t["correlation"].dropna().between(-1, 1).all()


def test_biggest_drops_within_each_year(ndx: pd.Series) -> None:
    r1 = ndx.pct_change()
    t = scoped_records(r1.loc["2022":"2024"], "year", "low")
    for day in r1.loc["2024-01-01":"2024-12-31"].index[::5]:
        year = r1.loc["2024-01-01":day]
        assert t.loc[day, "rank"] == int((year.iloc[:-1] < year.iloc[-1]).sum()) + 1


def test_week_to_date(rut: pd.Series) -> None:
    for day in rut.loc["2024-07-01":"2024-07-31"].index:
        w = week_to_date(rut, day)
        monday = day - pd.Timedelta(days=day.weekday())
        base = rut.loc[: monday - pd.Timedelta(days=1)].iloc[-1]
        assert w.value == pytest.approx(rut.loc[day] / base - 1)


def test_intraday_moves_equal_plain(spx_ohlc: pd.DataFrame) -> None:
    m = intraday_moves(spx_ohlc.loc["2000":])
    f = spx_ohlc.loc["2000":]
    base = f["Close"].shift(1)
    pd.testing.assert_series_equal(m["down_most"], f["Low"] / base - 1, check_names=False)
    pd.testing.assert_series_equal(m["swing"], (f["High"] - f["Low"]) / base, check_names=False)


def test_zigzag_pivots_on_the_s_and_p(spx: pd.Series) -> None:
    s = spx.loc["2018":]
    p = pivots(s, 0.10)
    assert (p["kind"].to_numpy()[1:] != p["kind"].to_numpy()[:-1]).all()
    for (_, a), (_, b) in zip(p.iloc[:-1].iterrows(), p.iloc[1:].iterrows(), strict=True):
        span = s.loc[a["date"] : b["date"]]
        if a["kind"] == "peak":  # the trough is the lowest close since the peak
            assert b["value"] == span.min() and a["value"] == span.max()
    # the 2022 bear market's high and low are pivots at 10%
    assert pd.Timestamp("2022-01-03") in set(p["date"])
    assert pd.Timestamp("2022-10-12") in set(p["date"])
    t = turning_point(s, pd.Timestamp("2022-06-13"), threshold=0.10)
    assert t is not None and t.date == pd.Timestamp("2022-01-03")
    assert t.move == pytest.approx(s.loc["2022-06-13"] / s.loc["2022-01-03"] - 1)
    assert np.isfinite(t.extreme_value)
