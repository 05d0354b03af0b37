"""Records on quantized series match exact integer arithmetic: ties are ties.

Yields with two decimals change by whole basis points; Fama-French returns with two
decimals of a percent compound into exact rationals ``prod(10000 + k) / 10000**w``. For
every date, ``since``, ``rank`` and ``out_of`` of the engine's moves must equal those
found with Python integers.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.data import MemorySource
from rotascope.kinds.memo import Memo
from rotascope.measures.exact import compound_order, quantum


def _exact_records(values: list[int | None]) -> list[tuple[int | None, int, int] | None]:
    """(since index, rank, out_of) of each value against all earlier ones; ``None`` rows
    have no value. Direction: high for values >= 0 (``values`` are already relative to
    zero), else low."""
    out: list[tuple[int | None, int, int] | None] = []
    for t, v in enumerate(values):
        if v is None:
            out.append(None)
            continue
        earlier = [(i, x) for i, x in enumerate(values[:t]) if x is not None]
        if v >= 0:
            hits = [i for i, x in earlier if x >= v]
            rank = 1 + sum(1 for _, x in earlier if x > v)
        else:
            hits = [i for i, x in earlier if x <= v]
            rank = 1 + sum(1 for _, x in earlier if x < v)
        out.append((hits[-1] if hits else None, rank, len(earlier) + 1))
    return out


def _check(memo: Memo, symbol: str, window: int, exact: list[int | None]) -> None:
    data = memo.series(symbol)
    m = memo.moves(data, window)
    want = _exact_records(exact)
    for t, day in enumerate(data.values.index):
        if want[t] is None:
            assert math.isnan(m.at(day)), (window, t)
            continue
        since_i, rank, out_of = want[t]  # type: ignore[misc]
        rec = m.record(day, "high" if exact[t] >= 0 else "low")  # type: ignore[operator]
        assert rec is not None
        since = None if since_i is None else data.values.index[since_i].date()
        assert (rec.since, rec.rank, rec.out_of) == (since, rank, out_of), (window, t)
    # the whole-history table (built from the order keys) answers the same
    for direction in ("high", "low"):
        m.table(direction)
    for t, day in enumerate(data.values.index):
        if want[t] is not None:
            rec = m.record(day, "high" if exact[t] >= 0 else "low")  # type: ignore[operator]
            since_i, rank, out_of = want[t]  # type: ignore[misc]
            since = None if since_i is None else data.values.index[since_i].date()
            assert rec is not None and (rec.since, rec.rank, rec.out_of) == (since, rank, out_of)
    # a scope (the values from a date on) is the record rule over those values only
    cut = len(exact) // 2
    scoped = _exact_records([None] * cut + exact[cut:])
    start = data.values.index[cut]
    for t in range(cut, len(exact)):
        if scoped[t] is None:
            continue
        since_i, rank, out_of = scoped[t]  # type: ignore[misc]
        direction = "high" if exact[t] >= 0 else "low"  # type: ignore[operator]
        rec = m.record(data.values.index[t], direction, start=start)
        since = None if since_i is None else data.values.index[since_i].date()
        assert rec is not None and (rec.since, rec.rank, rec.out_of) == (since, rank, out_of)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 30), min_size=8, max_size=60),
    st.sampled_from([1, 2, 3, 5]),
    st.sampled_from([400, 150]),
)
def test_two_decimal_yields_rank_in_whole_basis_points(
    steps: list[int], window: int, base: int
) -> None:
    hundredths = [base + s for s in steps]  # 4.00 + small moves: many equal changes
    idx = pd.bdate_range("2024-01-01", periods=len(hundredths))
    y = pd.Series([h / 100 for h in hundredths], index=idx)  # 4.07, 4.1... as in FRED
    memo = Memo(MemorySource({"DGS10": y}))
    assert memo.series("DGS10").decimals in (0, 1, 2)  # the fewest decimals that fit
    exact = [
        None if t < window else hundredths[t] - hundredths[t - window]
        for t in range(len(hundredths))
    ]
    _check(memo, "DGS10", window, exact)
    m = memo.moves(memo.series("DGS10"), window)
    assert m.value.dropna().tolist() == [float(v) for v in exact if v is not None]  # bp


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(-6, 6), min_size=8, max_size=50),
    st.sampled_from([1, 2, 3, 4, 5]),
)
def test_two_decimal_percent_returns_compound_exactly(units: list[int], window: int) -> None:
    """Returns of -0.06% .. +0.06%: compounded windows tie whenever their exact products
    do (for instance the same returns in another order)."""
    idx = pd.bdate_range("2024-01-01", periods=len(units))
    r = pd.Series([k / 10_000 for k in units], index=idx)  # fractions, as the store holds
    memo = Memo(MemorySource({"SMB": r}))
    assert memo.series("SMB").decimals in (0, 1, 2, 3, 4)
    scale = 10_000**window
    exact: list[int | None] = []
    for t in range(len(units)):
        if t < window:
            exact.append(None)  # the first window has no base close
            continue
        exact.append(math.prod(10_000 + k for k in units[t - window + 1 : t + 1]) - scale)
    _check(memo, "SMB", window, exact)


def test_permuted_windows_tie_although_floats_differ() -> None:
    """(1 + a)(1 + b)(1 + c) in two orders: equal exactly, not always in floating point."""
    units = np.array([37, -12, 5, 5, 37, -12, -12, 5, 37])
    value, order = compound_order(units, 10_000, 3)
    assert order[2] == order[5] == order[8]  # (37, -12, 5), (5, 37, -12), (-12, 5, 37)
    assert order[3] != order[2]
    assert np.isfinite(value[2:]).all()


def test_quantum_of_published_series() -> None:
    assert quantum(np.array([4.07, 4.1, 3.99])) == 2
    assert quantum(np.array([0.0027, -0.0046])) == 4
    assert quantum(np.array([2263.669922])) == 6
    assert quantum(np.array([np.pi])) is None
