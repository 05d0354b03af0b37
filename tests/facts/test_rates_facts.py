"""Rates facts: yield moves in bp with records, and the small-vs-large rate beta gap."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rotascope.facts.rates_facts import rate_beta_facts, yield_facts


def _fred(shared_data: Path, name: str) -> pd.Series:
    raw = pd.read_csv(shared_data / "fred" / f"{name}.csv")
    return pd.Series(
        pd.to_numeric(raw[name], errors="coerce").to_numpy(),
        index=pd.to_datetime(raw["observation_date"]),
        name=name,
    ).dropna()


def test_hand_made_yield_facts() -> None:
    idx = pd.bdate_range("2024-01-01", periods=6)
    y = pd.Series([4.0, 4.2, 4.1, 4.3, 4.2, 3.9], index=idx, name="DGS10")
    one, two = yield_facts(y, windows=(1, 2))
    assert one.value == pytest.approx(-30.0) and one.unit == "bp"
    assert one.record.direction == "low" and one.record.since is None
    assert "fell 30 bp" in one.text and "10-year Treasury yield" in one.text
    assert two.value == pytest.approx(-40.0)  # 4.3 -> 3.9
    assert two.start == idx[3].date()


@pytest.mark.realdata
def test_dgs10_five_session_fall_to_2024_08_02(shared_data: Path) -> None:
    y = _fred(shared_data, "DGS10")
    f = yield_facts(y, windows=(5,), asof="2024-08-02")[0]
    obs = y.loc[:"2024-08-02"]
    ch = (obs - obs.shift(5)).dropna() * 100
    assert f.value == pytest.approx(ch.iloc[-1])
    assert f.value < 0
    earlier = ch.iloc[:-1]
    assert f.record.since == earlier[earlier <= ch.iloc[-1]].index[-1].date()
    assert f.record.rank == 1 + int((earlier < ch.iloc[-1]).sum())


@pytest.mark.realdata
def test_small_vs_large_rate_beta(shared_data: Path) -> None:
    raw = pd.read_csv(shared_data / "indices" / "RUT_ohlc.csv")
    rut = pd.Series(raw["Close"].to_numpy(float), index=pd.to_datetime(raw["Date"]), name="RUT")
    raw = pd.read_csv(shared_data / "indices" / "SPX_ohlc.csv", skiprows=[1, 2])
    spx = pd.Series(raw["Close"].to_numpy(float), index=pd.to_datetime(raw["Price"]), name="SPX")
    y = _fred(shared_data, "DGS10")
    (f,) = rate_beta_facts(rut, spx, y, window=252, asof="2024-08-02")
    # independent: least squares on the last 252 common sessions
    both = pd.concat([rut, spx, y], axis=1, join="inner").dropna().loc[:"2024-08-02"]
    r_a = both["RUT"].pct_change().iloc[-252:]
    r_b = both["SPX"].pct_change().iloc[-252:]
    dy = both["DGS10"].diff().iloc[-252:] * 100
    ba, bb = np.polyfit(dy, r_a, 1)[0], np.polyfit(dy, r_b, 1)[0]
    assert f.details["beta_subject_per_bp"] == pytest.approx(ba, rel=1e-6)
    assert f.details["beta_versus_per_bp"] == pytest.approx(bb, rel=1e-6)
    assert f.value == pytest.approx((ba - bb) * 10, rel=1e-6)
    assert ba < bb < 0  # small caps fall more than large caps when yields rise
    assert "per +10 bp" in f.text and "percentage points worse than the S&P 500" in f.text
