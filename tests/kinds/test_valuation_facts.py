"""Valuation and attribution facts: numbers, records and sentences."""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from published_data import RAW, SHARED_DATA, PublishedData
from rotascope.kinds import Fact, render
from rotascope.kinds.attribution import attribution_fact
from rotascope.kinds.valuation import shiller_facts, valuation_fact
from rotascope.kinds.valuation_gap import gap_fact
from rotascope.measures.attribution import attribute_return
from rotascope.measures.cape_model import cape_return_regression
from rotascope.render.valuation_chart import attribution_figure, valuation_history_figure


def monthly(values: list[float] | np.ndarray, start: str = "2000-01-31") -> pd.Series:
    idx = pd.date_range(start, periods=len(values), freq="ME", name="date")
    return pd.Series(np.asarray(values, dtype=float), index=idx)


def test_valuation_fact_numbers_record_and_sentence() -> None:
    values = [20.0] * 100 + [30.0] + [22.0] * 139 + [25.0]  # 241 months
    s = monthly(values)
    f = valuation_fact(s, subject="SPX", metric="pe_forward", years=20)
    assert f.kind == "valuation" and f.unit == "x" and f.value == 25.0
    assert f.asof == dt.date(2020, 1, 31)
    last20 = s.loc[s.index > s.index[-1] - pd.DateOffset(years=20)]
    assert f.details["percentile_20y_pct"] == pytest.approx(
        np.mean(last20.to_numpy() <= 25.0) * 100
    )
    assert f.details["median_20y"] == 22.0
    assert f.record is not None
    assert f.record.direction == "high" and f.record.since == dt.date(2008, 5, 31)  # the 30.0
    assert f.text == (
        "The S&P 500's forward P/E was 25.0 in Jan 2020: 14% above its 20-year median of 22.0 "
        "(99th percentile of the last 20 years, 99th since 2000); "
        "the highest since May 2008."
    )
    assert Fact.from_dict(f.to_dict()) == f
    assert render(Fact.from_dict(f.to_dict())) == f.text


def test_gap_fact_discount_record() -> None:
    b = monthly([20.0] * 30)
    a = monthly([18.0] * 10 + [15.0] + [19.0] * 18 + [16.2])
    f = gap_fact(a, b, subject="RUT", versus="SPX", metric="pe_forward", years=20)
    assert f.value == pytest.approx(-19.0) and f.unit == "pct" and f.versus == "SPX"
    assert f.kind == "valuation_gap"
    assert f.record is not None and f.record.direction == "low"
    assert f.record.since == dt.date(2000, 11, 30)
    assert "was 19% below the S&P 500's in Jun 2002" in f.text
    assert "the widest discount since Nov 2000" in f.text


def test_attribution_sentence_with_residual_and_dividends() -> None:
    p = monthly([100.0, 150.0])
    a = attribute_return(
        p,
        monthly([5.0, 5.5]),
        p.index[0],
        p.index[1],
        multiple=monthly([20.0, 26.0]),
        dividends=monthly([0.0, 3.0]),
    )
    f = attribution_fact(a, subject="RUT")
    resid = math.expm1(math.log(1.5) - math.log(1.1) - math.log(1.3))
    assert f.text == (
        f"From Jan 2000 to Feb 2000 the Russell 2000 rose 50%: earnings +10%, multiple +30%, "
        f"residual {resid:+.1%} (prices at these dates vs those behind the P/E); "
        f"dividends added 2.0%, for a total return of 53%."
    )
    assert f.kind == "attribution" and f.start == dt.date(2000, 1, 31)
    fig = attribution_figure(f)
    assert [t.name for t in fig.data] == [
        "earnings",
        "multiple",
        "dividends",
        "residual",
        "total (log %)",
    ]
    assert fig.data[-1].y[0] == pytest.approx(100 * math.log(1.5 * 1.02))


def test_history_figure_band_from_fact() -> None:
    s = monthly(np.linspace(10, 30, 300))
    f = valuation_fact(s, subject="SPX", metric="cape")
    fig = valuation_history_figure(s, f)
    band = fig.layout.shapes[0]
    assert (band.y0, band.y1) == (f.details["q10_20y"], f.details["q90_20y"])
    assert fig.data[-1].y[0] == f.value


def raw(path: Path) -> dict[str, list[str]]:
    with path.open(newline="") as fh:
        return {r[0]: r for r in csv.reader(fh) if r and r[0][:2] in ("18", "19", "20")}


@pytest.mark.realdata
def test_shiller_facts_2024_07(shiller_csv: Path) -> None:
    from rotascope.sources.shiller import read_shiller

    path = shiller_csv
    rows = raw(path)
    pe = {k: float(r[1]) / float(r[3]) for k, r in rows.items() if r[3]}
    df = read_shiller(path)
    facts = shiller_facts(df, asof="2024-07", since="2022-10")
    by = {f.label: f for f in facts}
    assert set(by) == {
        "pe_trailing",
        "cape",
        "equity risk premium",
        "return attribution",
        "CAPE-implied 10-year real return",
    }
    f = by["pe_trailing"]
    assert f.value == pytest.approx(pe["2024.07"], rel=1e-15)
    hist = np.array(
        [
            v
            for k, v in pe.items()
            if (int(k[:4]), k[5:]) <= (2024, "07") and not (k[:4] == "2024" and k[5:] > "07")
        ]
    )
    assert f.details["percentile_all_pct"] == pytest.approx(np.mean(hist <= pe["2024.07"]) * 100)
    assert f.record is not None and f.record.since == dt.date(2021, 5, 31)
    assert (
        pe["2021.05"]
        >= pe["2024.07"]
        > max(v for k, v in pe.items() if "2021.06" <= k <= "2024.06" and k != "2021.1")
    )
    a = by["return attribution"]
    p0, p1 = float(rows["2022.1"][1]), float(rows["2024.07"][1])
    e0, e1 = float(rows["2022.1"][3]), float(rows["2024.07"][3])
    assert a.value == pytest.approx((p1 / p0 - 1) * 100)
    assert a.text.startswith(
        f"From Oct 2022 to Jul 2024 the S&P 500 rose {p1 / p0 - 1:.0%}: "
        f"earnings {e1 / e0 - 1:+.0%}, multiple {(p1 / e1) / (p0 / e0) - 1:+.0%}"
    )
    erp = by["equity risk premium"]
    assert erp.value == pytest.approx(
        (1 / float(rows["2024.07"][12]) - float(rows["2024.07"][6]) / 100) * 100
    )
    imp = by["CAPE-implied 10-year real return"]
    assert imp.value == pytest.approx(cape_return_regression(df, asof="2024-07-31").implied * 100)
    assert "confidence band" in imp.text and "prediction interval" in imp.text


@pytest.mark.realdata
def test_oct_2022_trailing_pe(shiller_csv: Path) -> None:
    from rotascope.sources.shiller import read_shiller

    path = shiller_csv
    r = raw(path)["2022.1"]
    f = shiller_facts(read_shiller(path), asof="2022-10-31")[0]
    assert f.asof == dt.date(2022, 10, 31)
    assert f.value == pytest.approx(float(r[1]) / float(r[3]), rel=1e-15)
    assert "was 20.4 in Oct 2022" in f.text


@pytest.mark.realdata
def test_bundled_shaped_frame_gives_the_same_facts(shiller_csv: Path) -> None:
    from rotascope.sources.shiller import normalize_shiller_frame, read_shiller

    df = read_shiller(shiller_csv)
    extract = pd.DataFrame(
        {
            "date": df.index.to_period("M").to_timestamp(),
            "P": df["price"].to_numpy(),
            "D": df["dividend"].to_numpy(),
            "E": df["earnings"].to_numpy(),
            "CAPE": df["cape"].to_numpy(),
            "Rate GS10": df["gs10"].to_numpy(),
            "real_price": df["real_price"].to_numpy(),
            "real_dividend": df["real_dividend"].to_numpy(),
        }
    )
    got = shiller_facts(normalize_shiller_frame(extract), asof="2024-07", since="2022-10")
    want = shiller_facts(df, asof="2024-07", since="2022-10")
    assert [f.to_dict() for f in got] == [f.to_dict() for f in want]


@pytest.mark.realdata
def test_all_shiller_facts_round_trip_through_dicts(shiller_csv: Path) -> None:
    from rotascope.sources.shiller import read_shiller

    df = read_shiller(shiller_csv)
    for f in shiller_facts(df, asof="2024-07", since="2022-10"):
        assert Fact.from_dict(f.to_dict()) == f
        assert render(Fact.from_dict(f.to_dict())) == f.text


@pytest.mark.realdata
def test_daily_closes_show_the_residual_against_monthly_averages(
    shiller_csv: Path, published: PublishedData
) -> None:
    from rotascope.sources.shiller import read_shiller

    path = shiller_csv
    rows = raw(path)
    if RAW:
        daily = pd.read_csv(SHARED_DATA / "indices" / "GSPC_close.csv", index_col=0)
        daily.index = pd.to_datetime(daily.index)
        close = daily.iloc[:, 0].astype(float)
    else:  # the bundled S&P 500 closes (SPX_ohlc.csv's Close column)
        close = published.close("SPX")
    facts = shiller_facts(
        read_shiller(path), asof="2024-07-31", since="2022-10-12", daily_price=close
    )
    a = next(f for f in facts if f.kind == "attribution")
    d0, d1 = close.loc["2022-10-12"], close.loc["2024-07-31"]
    # as of 12 Oct 2022 the latest Shiller month is September (dated at its month end)
    pm0, pm1 = float(rows["2022.09"][1]), float(rows["2024.07"][1])
    e0, e1 = float(rows["2022.09"][3]), float(rows["2024.07"][3])
    assert a.details["log_earnings"] == pytest.approx(math.log(e1 / e0))
    assert a.details["log_multiple"] == pytest.approx(math.log((pm1 / e1) / (pm0 / e0)))
    assert a.details["log_residual"] == pytest.approx(math.log(d1 / d0) - math.log(pm1 / pm0))
    parts = sum(a.details[k] for k in ("log_earnings", "log_multiple", "log_residual"))
    assert parts == pytest.approx(math.log(d1 / d0), abs=1e-14)
    assert a.text.startswith("From Oct 12, 2022 to Jul 31, 2024 the S&P 500 rose")
    assert "residual" in a.text


@pytest.mark.realdata
def test_no_look_ahead_later_rows_change_nothing(shiller_csv: Path) -> None:
    from rotascope.sources.shiller import read_shiller

    df = read_shiller(shiller_csv)
    cut = df.loc[:"2024-07-31"]
    full = shiller_facts(df, asof="2024-07", since="2022-10")
    truncated = shiller_facts(cut, since="2022-10")
    assert [f.to_dict() for f in full] == [f.to_dict() for f in truncated]
