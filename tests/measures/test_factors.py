"""Factor windows, ranks, distinct periods, drawdowns, decades and pair gaps."""

from __future__ import annotations

import bisect
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from published_data import RAW, SHARED_DATA, PublishedData, need_raw
from rotascope.measures.factors import (
    compound,
    compound_windows,
    distinct_periods,
    trailing_windows,
    wealth_index,
    window_stat,
)
from rotascope.measures.longrun import (
    decade_returns,
    factor_drawdown,
    relative_performance,
    relative_windows,
)


def _series(values: list[float], dates: list[str]) -> pd.Series:
    return pd.Series(values, index=pd.to_datetime(dates), dtype="float64")


# ---- hand-made answers --------------------------------------------------------------------


def test_compound_not_sum() -> None:
    assert compound(pd.Series([0.5, -0.5])) == pytest.approx(-0.25)
    assert compound(pd.Series([0.1, np.nan, 0.1])) == pytest.approx(0.21)


def test_wealth_index_has_virtual_base() -> None:
    w = wealth_index(_series([0.1, -0.5], ["2020-01-02", "2020-01-03"]))
    assert w.index[0] == pd.Timestamp("2020-01-01")
    assert w.tolist() == pytest.approx([1.0, 1.1, 0.55])


def test_window_covers_returns_after_the_date_n_years_back() -> None:
    r = _series([0.1, 0.2, 0.3], ["2019-06-03", "2020-06-03", "2020-06-04"])
    w = compound_windows(r, 1)
    # to 2020-06-03: returns in (2019-06-03, 2020-06-03] -> only 0.2
    assert w.loc["2020-06-03", "value"] == pytest.approx(0.2)
    assert w.loc["2020-06-03", "start"] == pd.Timestamp("2019-06-03")
    # to 2020-06-04: (2019-06-04, 2020-06-04] -> 0.2 and 0.3 compounded
    assert w.loc["2020-06-04", "value"] == pytest.approx(1.2 * 1.3 - 1)
    # to 2019-06-03: incomplete (history starts 2019-06-02, virtual base) -> absent
    assert pd.Timestamp("2019-06-03") not in w.index


def test_first_window_uses_virtual_base() -> None:
    r = _series([0.1, 0.1], ["2020-01-02", "2021-01-01"])
    w = compound_windows(r, 1)
    assert w["value"].tolist() == pytest.approx([0.21])
    assert w["start"].iloc[0] == pd.Timestamp("2020-01-01")


def test_leap_day_window() -> None:
    lv = _series([1.0, 2.0, 4.0], ["2023-02-28", "2023-03-01", "2024-02-29"])
    w = trailing_windows(lv, 1)
    # 2024-02-29 minus one year is 2023-02-28: base is that date
    assert w.loc["2024-02-29", "value"] == pytest.approx(3.0)


def test_years_must_be_positive() -> None:
    with pytest.raises(ValueError, match="years"):
        trailing_windows(_series([1.0], ["2020-01-01"]), 0)


def test_window_stat_ranks_and_since() -> None:
    dates = ["2018-01-02", "2019-01-02", "2020-01-02", "2021-01-04", "2022-01-04"]
    lv = _series([1.0, 0.5, 1.0, 2.0, 1.0], dates)
    w = trailing_windows(lv, 1)  # values -0.5, 1.0, 1.0, -0.5
    s = window_stat(w, 1)
    assert s.value == pytest.approx(-0.5)
    assert (s.low_rank, s.high_rank, s.out_of) == (1, 3, 4)
    assert s.low_since == pd.Timestamp("2019-01-02")  # the tie counts
    assert s.high_since == pd.Timestamp("2021-01-04")
    assert s.direction == "low"
    # distinct: history ending on/before 2021-01-04 -> three periods, one as low
    assert (s.distinct_low_rank, s.distinct_low_out_of) == (1, 4)
    assert s.annualised == pytest.approx(-0.5)
    earlier = window_stat(w, 1, asof="2020-06-30")
    assert earlier.end == pd.Timestamp("2020-01-02")
    assert (earlier.high_rank, earlier.out_of) == (1, 2)


def test_distinct_periods_hand_made() -> None:
    dates = pd.bdate_range("2000-01-03", "2009-12-31")
    r = pd.Series(0.0, index=dates)
    r.loc["2002-06-03"] = -0.30  # one crash
    r.loc["2007-06-01"] = 0.50  # one boom
    w = compound_windows(r, 1)
    worst = distinct_periods(w, direction="low", limit=1)
    best = distinct_periods(w, direction="high", limit=1)
    assert worst["value"].iloc[0] == pytest.approx(-0.30)
    assert worst["start"].iloc[0] < pd.Timestamp("2002-06-03") <= worst["end"].iloc[0]
    assert best["value"].iloc[0] == pytest.approx(0.50)


def test_drawdown_hand_made() -> None:
    r = _series(
        [0.1, -0.5, 0.2, 0.5, -0.1],
        ["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04", "2020-01-05"],
    )
    dd = factor_drawdown(r)
    # wealth 1.1, 0.55, 0.66, 0.99, 0.891 ; peak 1.1 on 2020-01-01
    assert dd.drawdown == pytest.approx(0.891 / 1.1 - 1)
    assert dd.peak_date == pd.Timestamp("2020-01-01")
    assert dd.max_drawdown == pytest.approx(-0.5)
    assert dd.max_drawdown_date == pd.Timestamp("2020-01-02")
    assert dd.level_low_since == pd.Timestamp("2020-01-03")  # 0.66 <= 0.891
    assert dd.drawdown_low_since == pd.Timestamp("2020-01-03")
    assert dd.drawdown_rank == 3  # -0.5 and -0.4 were deeper


def test_decade_returns_and_partial_flags() -> None:
    r = _series(
        [0.1, 0.1, -0.5, 0.2],
        ["1936-07-01", "1939-12-29", "1940-01-02", "1949-12-30"],
    )
    d = decade_returns(r)
    assert d["label"].tolist() == ["1930s", "1940s"]
    assert d.loc[1930, "value"] == pytest.approx(0.21)
    assert d.loc[1940, "value"] == pytest.approx(0.5 * 1.2 - 1)
    assert d.loc[1930, "partial_start"] and not d.loc[1930, "partial_end"]
    assert not d.loc[1940, "partial"]
    cut = decade_returns(r, asof="1945-06-30")
    assert bool(cut.loc[1940, "partial_end"])
    assert cut.loc[1940, "value"] == pytest.approx(-0.5)


def test_relative_windows_hand_made() -> None:
    idx = ["2014-07-16", "2020-01-02", "2024-07-16"]
    a = _series([100.0, 150.0, 224.6], idx)
    b = _series([100.0, 200.0, 340.9], idx)
    st_ = relative_performance(a, b, 10)
    assert st_.ret_a == pytest.approx(1.246)
    assert st_.gap == pytest.approx(1.246 - 2.409)
    assert st_.ann_gap == pytest.approx(2.246**0.1 - 3.409**0.1)
    assert st_.relative == pytest.approx(2.246 / 3.409 - 1)


def test_relative_needs_a_complete_window() -> None:
    idx = ["2020-01-02", "2021-01-04"]
    with pytest.raises(ValueError, match="complete 10-year window"):
        relative_performance(_series([1, 2], idx), _series([1, 3], idx), 10)


# ---- properties ---------------------------------------------------------------------------

returns_st = st.lists(
    st.floats(-0.2, 0.2, allow_nan=False, allow_infinity=False), min_size=10, max_size=120
)


def _monthly(values: list[float]) -> pd.Series:
    return pd.Series(values, index=pd.date_range("2000-01-31", periods=len(values), freq="ME"))


@settings(max_examples=60, deadline=None)
@given(returns_st, st.integers(1, 3))
def test_window_values_equal_naive_product(values: list[float], years: int) -> None:
    r = _monthly(values)
    w = compound_windows(r, years)
    first_base = r.index[0] - pd.Timedelta(days=1)
    for end, row in w.iterrows():
        lo = end - pd.DateOffset(years=years)
        assert lo >= first_base
        naive = np.prod(1 + r[(r.index > lo) & (r.index <= end)].to_numpy()) - 1
        assert row["value"] == pytest.approx(naive, rel=1e-9, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(returns_st, st.integers(1, 3))
def test_ranks_equal_naive(values: list[float], years: int) -> None:
    w = compound_windows(_monthly(values), years)
    if w.empty:
        return
    s = window_stat(w, years)
    v = w["value"].to_numpy()
    hist, cur = v[:-1], v[-1]
    assert s.low_rank == 1 + int((hist < cur).sum())
    assert s.high_rank == 1 + int((hist > cur).sum())
    assert s.out_of == len(v)


@settings(max_examples=60, deadline=None)
@given(returns_st, st.integers(1, 3), st.sampled_from(["low", "high"]))
def test_distinct_periods_are_disjoint_and_maximal(
    values: list[float], years: int, direction: str
) -> None:
    w = compound_windows(_monthly(values), years)
    picks = distinct_periods(w, direction=direction)
    spans = list(zip(picks["start"], picks["end"], picks["value"], strict=True))
    for i, (s1, e1, _) in enumerate(spans):
        for s2, e2, _ in spans[i + 1 :]:
            assert e1 <= s2 or e2 <= s1  # no shared return date
    sign = 1 if direction == "low" else -1
    for end, row in w.iterrows():  # every window meets a pick at least as extreme
        assert any(
            row["start"] < e and s < end and sign * v <= sign * row["value"] + 1e-15
            for s, e, v in spans
        )


@settings(max_examples=40, deadline=None)
@given(returns_st, returns_st)
def test_appending_future_data_changes_nothing(values: list[float], future: list[float]) -> None:
    r = _monthly(values)
    longer = _monthly(values + future)
    cut = r.index[-1]
    a = compound_windows(r, 1)
    b = compound_windows(longer, 1).loc[:cut]
    pd.testing.assert_frame_equal(a, b)
    if not a.empty:
        assert window_stat(a, 1) == window_stat(compound_windows(longer, 1), 1, asof=cut)
    assert factor_drawdown(r) == factor_drawdown(longer, asof=cut)


@settings(max_examples=40, deadline=None)
@given(returns_st, returns_st)
def test_pair_gap_antisymmetric(xs: list[float], ys: list[float]) -> None:
    n = min(len(xs), len(ys))
    a = (1 + _monthly(xs[:n])).cumprod()
    b = (1 + _monthly(ys[:n])).cumprod()
    wa, wb = relative_windows(a, b, 1), relative_windows(b, a, 1)
    np.testing.assert_allclose(wa["value"], -wb["value"])
    if not wa.empty:
        sa, sb = window_stat(wa, 1), window_stat(wb, 1)
        if not np.any(np.isclose(wa["value"].to_numpy()[:-1], wa["value"].iloc[-1])):
            assert (sa.low_rank, sa.high_rank) == (sb.high_rank, sb.low_rank)


# ---- real data ----------------------------------------------------------------------------


def _french_daily(path: Path) -> pd.DataFrame:
    """Plain-pandas read of the 3-factor daily file: percent -> fractions."""
    raw = pd.read_csv(path, skiprows=4, index_col=0, dtype=str)
    keys = raw.index.astype(str).str.strip()
    raw = raw[keys.str.fullmatch(r"\d{8}")]  # drops the blank and copyright trailer
    raw.index = pd.to_datetime(raw.index.astype(str).str.strip(), format="%Y%m%d")
    return raw.apply(lambda c: c.str.strip().astype(float)) / 100.0


#: The 3-factor file the published SMB figures were read from (docs/factors.md).
FRENCH_2024 = "F-F_Research_Data_Factors_daily.CSV"


@pytest.fixture(scope="module")
def french() -> pd.DataFrame:
    """The 2024 edition (202403) of the daily 3 factors, which the bundle does not carry."""
    if not RAW:
        need_raw("2024 edition (202403) of the French daily factors")
    return _french_daily(SHARED_DATA / "french" / FRENCH_2024)


@pytest.mark.realdata
def test_smb_ten_years_to_2024_03_28(french: pd.DataFrame) -> None:
    smb = french["SMB"]
    end = pd.Timestamp("2024-03-28")
    lo = end - pd.DateOffset(years=10)
    expected = float(np.prod(1 + smb[(smb.index > lo) & (smb.index <= end)].to_numpy()) - 1)
    # independent: every 10-year window by log sums and a bisect loop
    dates = list(smb.index)
    logs = np.concatenate([[0.0], np.cumsum(np.log1p(smb.to_numpy()))])  # logs[k]: first k
    first_base = dates[0] - pd.Timedelta(days=1)
    vals = []
    for k, d in enumerate(dates):
        target = d - pd.DateOffset(years=10)
        if target < first_base:
            continue
        j = bisect.bisect_right(dates, target)  # returns before j are outside the window
        vals.append(math.expm1(logs[k + 1] - logs[j]))
    assert vals[-1] == pytest.approx(expected, rel=1e-9)
    earlier = np.asarray(vals[:-1])
    w = compound_windows(smb, 10)
    s = window_stat(w, 10, asof=end)
    assert s.end == end
    assert s.value == pytest.approx(expected, rel=1e-9)
    assert s.out_of == len(vals)
    assert s.low_rank == 1 + int((earlier < vals[-1]).sum())
    assert s.high_rank == 1 + int((earlier > vals[-1]).sum())
    assert expected == pytest.approx(-0.219, abs=0.001)


@pytest.mark.realdata
def test_decades_1930s_to_2010s_from_raw_file(published: PublishedData) -> None:
    """Decades of SMB and HML against the file's daily percent compounded by hand: the
    2024 edition's file, or in a clone without it the bundled 202604 edition (whose
    decades docs/factors.md prints too)."""
    if RAW:
        french = _french_daily(SHARED_DATA / "french" / FRENCH_2024)
        raw = pd.read_csv(
            SHARED_DATA / "french" / FRENCH_2024,
            skiprows=4, skipfooter=2, engine="python", index_col=0,
        )  # fmt: skip
        years = raw.index.astype(int) // 10000
    else:
        french = pd.concat({c: published.french(c) for c in ("SMB", "HML")}, axis=1)
        raw = (french * 100).round(2)  # the file's percent, two decimals
        years = raw.index.year
        # 1930s SMB and 1970s HML of the 202604 edition, as docs/factors.md prints them
        assert round(decade_returns(french["SMB"]).loc[1930, "value"] * 100, 1) == 41.9
        assert round(decade_returns(french["HML"]).loc[1970, "value"] * 100, 1) == 118.3
    for col in ("SMB", "HML"):
        pct = raw[col].astype(float)
        got = decade_returns(french[col])
        for decade in range(1930, 2020, 10):
            sel = pct[(years >= decade) & (years < decade + 10)]
            expected = float(np.prod(1 + sel.to_numpy() / 100) - 1)
            assert got.loc[decade, "value"] == pytest.approx(expected, rel=1e-10)
            assert not got.loc[decade, "partial"]
        assert bool(got.loc[2020, "partial_end"])


@pytest.mark.realdata
def test_iwm_vs_spy_ten_years_to_2024_07_16(published_closes) -> None:  # type: ignore[no-untyped-def]
    iwm = published_closes.load("IWM", "adj_close")  # raw files, else the bundled copies
    spy = published_closes.load("SPY", "adj_close")
    s = relative_performance(iwm, spy, 10, asof="2024-07-16")
    a0, a1 = iwm["2014-07-16"], iwm["2024-07-16"]
    b0, b1 = spy["2014-07-16"], spy["2024-07-16"]
    assert s.window.start == pd.Timestamp("2014-07-16")
    assert s.ret_a == pytest.approx(a1 / a0 - 1)
    assert s.gap == pytest.approx((a1 / a0) - (b1 / b0))
    # Published: small caps lagged by "about 100 percentage points" over the decade.
    # ETF total return on these dates gives ~116 points (see docs/factors.md).
    assert -1.30 < s.gap < -0.90


# -- distinct factor periods: the greedy pick, by position ranges or by pairs ----------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 8), min_size=0, max_size=60), st.integers(0, 2**32 - 1))
def test_greedy_by_position_ranges_equals_pairwise(lengths: list[int], seed: int) -> None:
    """Trailing windows (start and end in date order) take the position-range path;
    the same windows with their order shuffled take the pairwise path: same picks."""
    from rotascope.measures.factors import _greedy

    n = len(lengths)
    end = np.arange(n, dtype=np.int64) + 8
    base = np.maximum.accumulate(end - np.array(lengths, dtype=np.int64)) if n else end
    order = np.random.default_rng(seed).permutation(n).astype(np.int64)
    fast = _greedy(order, base, end)
    # the pairwise rule, written out
    picks: list[int] = []
    for i in order:
        if all(not (base[i] < end[j] and base[j] < end[i]) for j in picks):
            picks.append(int(i))
    np.testing.assert_array_equal(fast, np.array(picks, dtype=np.int64))
