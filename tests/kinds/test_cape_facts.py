"""CAPE facts: earnings yield vs bonds and the CAPE-implied return."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rotascope.kinds.erp import erp_fact
from rotascope.kinds.implied_return import implied_return_fact
from rotascope.measures.cape_model import cape_return_regression


def test_erp_fact_is_cape_yield_minus_bond_yield_with_its_record() -> None:
    idx = pd.date_range("2000-01-31", periods=4, freq="ME", name="date")
    cape = [20.0, 25.0, 40.0, 30.0]
    gs10 = [5.0, 4.0, 3.0, 6.0]
    frame = pd.DataFrame({"price": 100.0, "earnings": 5.0, "cape": cape, "gs10": gs10}, idx)
    f = erp_fact(frame, asof=pd.Timestamp("2000-03-31"))
    assert f.value == pytest.approx((1 / 40 - 0.03) * 100)  # later rows ignored
    assert f.kind == "erp"
    assert f.asof.isoformat() == "2000-03-31" and f.unit == "pp" and f.versus == "GS10"
    # -0.5 points is below every earlier gap (0.0, 1.0): a low record, none as low before
    assert f.record is not None and f.record.direction == "low" and f.record.since is None
    assert "0.5 percentage points below" in f.text and "(3.00%)" in f.text


def test_implied_return_fact_text_states_band_and_interval() -> None:
    n = 600
    rng = np.random.default_rng(1)
    cape = 10 + 20 * rng.random(n)
    g = np.log1p(0.01 + 0.6 / cape + 0.02 * rng.standard_normal(n)) / 12
    idx = pd.date_range("1881-01-31", periods=n, freq="ME", name="date")
    rp = 100 * np.exp(np.cumsum(g))
    frame = pd.DataFrame({"cape": cape, "real_price": rp, "real_dividend": 0.0}, index=idx)
    reg = cape_return_regression(frame)
    f = implied_return_fact(reg)
    assert f.value == pytest.approx(reg.implied * 100) and f.unit == "pct" and f.window == "10y"
    assert f.kind == "implied_return"
    assert f"{reg.ci_low:.1%} to {reg.ci_high:.1%}" in f.text
    assert f"{reg.pi_low:.1%} to {reg.pi_high:.1%}" in f.text
    assert f.to_dict()["details"]["first"] == "1881-01-31"
