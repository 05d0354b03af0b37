"""CAPE model: forward real returns and the CAPE -> next-decade return regression."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rotascope.measures.cape_model import cape_return_regression, forward_real_return


def test_forward_return_on_constant_growth() -> None:
    n = 400
    rp = 100 * 1.005 ** np.arange(n)  # +0.5% a month, no dividends
    f = pd.DataFrame(
        {"real_price": rp, "real_dividend": np.zeros(n)},
        index=pd.date_range("1900-01-31", periods=n, freq="ME"),
    )
    fwd = forward_real_return(f, years=10)
    assert fwd.iloc[0] == pytest.approx(1.005**12 - 1)
    assert fwd.iloc[: n - 120].notna().all() and fwd.iloc[n - 120 :].isna().all()
    # a gap inside a window blanks only the windows that contain it
    f.iloc[200, 0] = np.nan
    fwd = forward_real_return(f, years=10)
    assert fwd.iloc[79] == pytest.approx(1.005**12 - 1)
    assert fwd.iloc[80:201].isna().all() and fwd.iloc[201] == pytest.approx(1.005**12 - 1)


def _synthetic_cape_frame(n: int = 1200, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    cape = 10 + 25 * rng.random(n)
    idx = pd.date_range("1881-01-31", periods=n, freq="ME", name="date")
    # monthly growth tied to the month's CAPE: higher CAPE, lower following returns
    g = np.log1p(0.01 + 0.8 / cape) / 12
    rp = 100 * np.exp(np.concatenate([[0.0], np.cumsum(g[1:])]))
    return pd.DataFrame({"cape": cape, "real_price": rp, "real_dividend": 0.0}, index=idx)


def test_regression_no_look_ahead_and_intervals() -> None:
    f = _synthetic_cape_frame()
    asof = f.index[900]
    r = cape_return_regression(f, asof=asof)
    assert r.last == asof - pd.DateOffset(months=120) + pd.offsets.MonthEnd(0)
    assert r.asof_date == asof and r.x0 == f["cape"].iloc[900]
    changed = f.copy()
    changed.iloc[901:, :] = changed.iloc[901:, :] * 3.0  # anything after asof
    assert cape_return_regression(changed, asof=asof) == r
    assert r.ci_low < r.implied < r.ci_high
    assert r.pi_low < r.ci_low and r.pi_high > r.ci_high
    assert r.hac_lags == 119 and r.level == 0.95


@pytest.mark.realdata
def test_forward_return_matches_shillers_own_column(shiller_csv: Path) -> None:
    """Independent check: Shiller's '10 Year Annualized Stock Real Return' column."""
    from rotascope.sources.shiller import read_shiller

    path = shiller_csv
    df = read_shiller(path)
    with path.open(newline="") as fh:
        rows = list(csv.reader(fh))[7:]
    theirs = {r[0]: float(r[19]) for r in rows if r and r[0] and r[19]}
    ours = forward_real_return(df)
    assert ours.loc["1881-01-31"] == pytest.approx(theirs["1881.01"], abs=1e-12)
    assert ours.loc["1990-10-31"] == pytest.approx(theirs["1990.1"], abs=1e-12)
    both = ours.dropna()
    assert len(both) > 1700
    assert (both - df["fwd_real_stock_10y"].loc[both.index]).abs().max() < 1e-12


@pytest.mark.realdata
def test_cape_regression_on_shiller_matches_numpy_polyfit(shiller_csv: Path) -> None:
    from rotascope.sources.shiller import read_shiller

    df = read_shiller(shiller_csv)
    r = cape_return_regression(df, asof="2024-07-31")
    # independent: Shiller's own forward column and np.polyfit, starts 1881-01 .. 2014-07
    sample = df.loc["1881-01-31":"2014-07-31", ["cape", "fwd_real_stock_10y"]].dropna()
    assert r.n == len(sample) == (2014 - 1881) * 12 + 7
    x = 1 / sample["cape"] if r.predictor == "inverse_cape" else sample["cape"]
    slope, intercept = np.polyfit(x, sample["fwd_real_stock_10y"], 1)
    assert (r.slope, r.intercept) == pytest.approx((slope, intercept), rel=1e-9)
    r_cape = cape_return_regression(df, asof="2024-07-31", predictor="cape")
    assert r.r2 == max(r.r2_cape, r.r2_inverse) and r_cape.r2 == r.r2_cape
    assert r.x0 == pytest.approx(35.4435530789)
    x0 = 1 / r.x0 if r.predictor == "inverse_cape" else r.x0
    assert r.implied == pytest.approx(intercept + slope * x0)


def test_moved_names_still_import_from_measures_valuation() -> None:
    from rotascope.measures import cape_model, valuation

    for name in ("ReturnRegression", "cape_return_regression", "forward_real_return"):
        assert getattr(valuation, name) is getattr(cape_model, name)
    with pytest.raises(AttributeError):
        _ = valuation.no_such_name
