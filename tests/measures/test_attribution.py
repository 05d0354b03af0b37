"""Return attribution: parts add up, residual, dividends, real Shiller data."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotascope.measures.attribution import attribute_return


def monthly(values: list[float], start: str = "2022-10-31") -> pd.Series:
    idx = pd.date_range(start, periods=len(values), freq="ME", name="date")
    return pd.Series(np.asarray(values, dtype=float), index=idx)


def test_simple_split() -> None:
    p = monthly([100.0, 120.0, 150.0])
    e = monthly([5.0, 5.2, 5.5])
    a = attribute_return(p, e, p.index[0], p.index[-1])
    assert a.price_return == pytest.approx(0.5)
    assert a.earnings_growth == pytest.approx(0.1)
    assert a.multiple_change == pytest.approx((150 / 5.5) / (100 / 5.0) - 1)
    assert (1 + a.earnings_growth) * (1 + a.multiple_change) == pytest.approx(1.5)
    assert abs(a.log_residual) < 1e-15
    assert a.log_dividends is None and a.total_return is None
    assert list(a.parts()) == ["earnings", "multiple", "residual"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(0.01, 1e5), st.floats(0.01, 1e4)), min_size=2, max_size=30))
def test_parts_add_up_to_log_price_change(pairs: list[tuple[float, float]]) -> None:
    p = monthly([x for x, _ in pairs])
    e = monthly([y for _, y in pairs])
    a = attribute_return(p, e, p.index[0], p.index[-1])
    assert a.log_earnings + a.log_multiple + a.log_residual == pytest.approx(
        math.log(p.iloc[-1] / p.iloc[0]), abs=1e-12
    )
    assert abs(a.log_residual) < 1e-12


def test_external_multiple_leaves_a_residual() -> None:
    p = monthly([100.0, 110.0])
    e = monthly([5.0, 5.0])
    m = monthly([19.0, 22.0])  # a P/E on other prices (monthly averages, say)
    a = attribute_return(p, e, p.index[0], p.index[1], multiple=m)
    assert a.log_multiple == pytest.approx(math.log(22 / 19))
    assert a.log_residual == pytest.approx(math.log(1.1) - math.log(22 / 19))
    assert a.log_earnings + a.log_multiple + a.log_residual == pytest.approx(math.log(1.1))


def test_daily_prices_with_monthly_earnings_use_last_earnings_on_or_before() -> None:
    p = pd.Series([100.0, 105.0], index=pd.DatetimeIndex(["2024-01-15", "2024-03-14"]))
    e = monthly([5.0, 5.1, 5.2], start="2023-12-31")
    a = attribute_return(p, e, "2024-01-15", "2024-03-14")
    assert a.earnings_start == pd.Timestamp("2023-12-31")
    assert a.earnings_end == pd.Timestamp("2024-02-29")
    assert a.earnings_growth == pytest.approx(5.2 / 5.0 - 1)


def test_dividends_compound_like_a_total_return_index() -> None:
    p = monthly([100.0, 101.0, 99.0, 104.0])
    d = monthly([0.5, 0.5, 0.6, 0.6])
    e = monthly([5.0] * 4)
    a = attribute_return(p, e, p.index[0], p.index[-1], dividends=d)
    tr = 1.0
    for t in range(1, 4):  # reinvest each period's dividend at that period's price
        tr *= (p.iloc[t] + d.iloc[t]) / p.iloc[t - 1]
    assert a.total_return == pytest.approx(tr - 1)
    assert a.log_total == pytest.approx(a.log_price + a.log_dividends)


def test_errors() -> None:
    p = monthly([100.0, 110.0])
    with pytest.raises(ValueError, match="after"):
        attribute_return(p, p, p.index[1], p.index[0])
    with pytest.raises(ValueError, match="positive"):
        attribute_return(p, monthly([5.0, -1.0]), p.index[0], p.index[1])
    with pytest.raises(ValueError, match="no price"):
        attribute_return(p, p, "2000-01-01", p.index[1])


@pytest.mark.realdata
def test_shiller_2022_10_to_2024_07_adds_up_exactly(shiller_csv: Path) -> None:
    """Acceptance: parts for 2022-10 -> 2024-07 from the raw file sum to the log price change."""
    from rotascope.sources.shiller import read_shiller

    path = shiller_csv
    with path.open(newline="") as fh:
        raw = {r[0]: r for r in csv.reader(fh) if r and r[0][:2] in ("18", "19", "20")}
    p0, d0, e0 = (float(raw["2022.1"][i]) for i in (1, 2, 3))
    p1, e1 = float(raw["2024.07"][1]), float(raw["2024.07"][3])
    log_price = math.log(p1 / p0)

    df = read_shiller(path)
    a = attribute_return(
        df["price"], df["earnings"], "2022-10-31", "2024-07-31", dividends=df["dividend"] / 12
    )
    assert a.log_price == pytest.approx(log_price, abs=1e-15)
    assert a.log_earnings == pytest.approx(math.log(e1 / e0), abs=1e-15)
    assert a.log_multiple == pytest.approx(math.log((p1 / e1) / (p0 / e0)), abs=1e-14)
    assert a.log_earnings + a.log_multiple + a.log_residual == pytest.approx(log_price, abs=1e-15)
    assert abs(a.log_residual) < 1e-14
    assert (a.m0, a.m1) == pytest.approx((p0 / e0, p1 / e1))
    # the published shape "rose 49%: earnings +9%, multiple +37%"
    assert (round(a.price_return, 2), round(a.earnings_growth, 2), round(a.multiple_change, 2)) == (
        0.49,
        0.09,
        0.37,
    )
    # total return = Shiller's own real TR price, put back in nominal terms with CPI
    ntr = {k: float(r[9]) * float(r[4]) for k, r in raw.items() if k in ("2022.1", "2024.07")}
    assert a.log_total == pytest.approx(math.log(ntr["2024.07"] / ntr["2022.1"]), abs=1e-12)
    assert d0 > 0


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(1.0, 1e4), min_size=2, max_size=20),
    st.lists(st.floats(1.0, 1e4), min_size=1, max_size=10),
)
def test_no_look_ahead(past: list[float], future: list[float]) -> None:
    p = monthly(past)
    longer = monthly(past + future)
    e = monthly([5.0 + i for i in range(len(past))])
    e_longer = monthly([5.0 + i for i in range(len(past) + len(future))])
    a = attribute_return(p, e, p.index[0], p.index[-1], dividends=p / 100)
    b = attribute_return(longer, e_longer, p.index[0], p.index[-1], dividends=longer / 100)
    assert a == b
