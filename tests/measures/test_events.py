"""Event studies: forward returns, incomplete windows, base rate, significance figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.measures.events import (
    align_to_sessions,
    event_day_returns,
    event_study,
    forward_returns,
    summarize,
)


def _close(values, start="2024-01-01"):
    return pd.Series(
        np.asarray(values, dtype=float),
        index=pd.bdate_range(start, periods=len(values), name="date"),
        name="X",
    )


def test_forward_returns_hand_made() -> None:
    c = _close([100, 110, 121, 133.1, 120])
    fr = forward_returns(c, [c.index[0], c.index[2], c.index[4]], horizons=(1, 2))
    # from 100: +1 -> 110 (+10%), +2 -> 121 (+21%)
    assert fr.complete.loc[c.index[0], 1] == pytest.approx(0.10)
    assert fr.complete.loc[c.index[0], 2] == pytest.approx(0.21)
    # from 121 (index 2): +1 -> 133.1 (+10%), +2 -> 120 (complete: index 4 is the last)
    assert fr.complete.loc[c.index[2], 2] == pytest.approx(120 / 121 - 1)
    # from the last close nothing is complete; so far = 0 with 0 sessions elapsed
    assert np.isnan(fr.complete.loc[c.index[4], 1])
    assert fr.elapsed.loc[c.index[4], 2] == 0
    assert fr.so_far.loc[c.index[4], 2] == 0.0


def test_incomplete_window_reports_so_far() -> None:
    c = _close([100, 101, 102, 103])
    fr = forward_returns(c, [c.index[1]], horizons=(5,))
    assert np.isnan(fr.complete.iloc[0, 0])
    assert fr.elapsed.iloc[0, 0] == 2
    assert fr.so_far.iloc[0, 0] == pytest.approx(103 / 101 - 1)


def test_align_to_sessions_moves_weekends_forward() -> None:
    sessions = pd.DatetimeIndex(["2020-03-13", "2020-03-16", "2020-03-17"])
    got = align_to_sessions(["2020-03-15", "2020-03-16", "2020-03-20"], sessions)
    assert got.tolist() == [pd.Timestamp("2020-03-16")]  # duplicate merged, late one dropped


def test_summarize_and_base_rate() -> None:
    rng = np.random.default_rng(1)
    c = _close(100 * np.cumprod(1 + rng.normal(0, 0.01, 300)))
    ev = [c.index[10], c.index[50], c.index[200]]
    es = event_study(c, ev, horizons=(5, 21), n_boot=500, seed=3)
    # base rate = every complete 5-session window, recomputed by hand
    vals = c.to_numpy()
    allf = np.array([vals[i + 5] / vals[i] - 1 for i in range(len(vals) - 5)])
    assert es.base[5].count == len(allf)
    assert es.base[5].mean == pytest.approx(allf.mean())
    assert es.base[5].share_positive == pytest.approx((allf > 0).mean())
    # events: t statistic written out
    e = np.array([vals[i + 5] / vals[i] - 1 for i in (10, 50, 200)])
    t = (e.mean() - allf.mean()) / (e.std(ddof=1) / np.sqrt(3))
    assert es.t_stat[5] == pytest.approx(t)
    assert 0 < es.p_boot[5] <= 1
    # deterministic with the same seed
    again = event_study(c, ev, horizons=(5,), n_boot=500, seed=3)
    assert again.p_boot[5] == es.p_boot[5]
    s = summarize(pd.Series(e, index=ev), 5)
    assert (s.best, s.worst) == (e.max(), e.min())
    assert s.best_date == ev[int(e.argmax())]


def test_bootstrap_p_is_small_for_extreme_events() -> None:
    # a steady uptrend with 5 deep dips: the sessions right after the dips are outliers
    vals = np.full(400, 0.001)
    dips = [50, 120, 190, 260, 330]
    for d in dips:
        vals[d + 1] = 0.05
    c = _close(100 * np.cumprod(1 + vals))
    es = event_study(c, [c.index[d] for d in dips], horizons=(1,), n_boot=2000, seed=0)
    assert es.p_boot[1] < 0.01


def test_event_day_returns() -> None:
    c = _close([100, 102, 99, 99])
    r = event_day_returns(c, ["2024-01-02", "2024-01-03", "2024-01-06"])  # Sat -> Mon
    assert r.index.tolist() == [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-01-03")]
    assert r.tolist() == pytest.approx([0.02, 99 / 102 - 1])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(-0.05, 0.05), min_size=30, max_size=80),
    st.lists(st.floats(-0.05, 0.05), min_size=1, max_size=40),
)
def test_complete_windows_ignore_later_data(rets: list[float], more: list[float]) -> None:
    full = _close(100 * np.cumprod(1 + np.array(rets + more)))
    short = full.iloc[: len(rets)]
    ev = short.index[::7]
    a = forward_returns(short, ev, horizons=(3, 10)).complete
    b = forward_returns(full, ev, horizons=(3, 10), asof=short.index[-1]).complete
    pd.testing.assert_frame_equal(a, b)
    c = forward_returns(full, ev, horizons=(3, 10)).complete
    done = a.notna()
    assert np.allclose(a[done].fillna(0), c[done].fillna(0))
