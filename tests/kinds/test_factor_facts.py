"""Factor facts: window facts with ranks, drawdown, decades, pair gaps; CLI and chart."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from published_data import RAW, SHARED_DATA, PublishedData, need_raw
from rotascope.data import MemorySource
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.kinds import Fact
from rotascope.kinds._longview import parse_years
from rotascope.kinds.factor import factor_facts
from rotascope.kinds.factor_decade import decade_facts, decade_frame
from rotascope.kinds.long_run import relative_facts
from rotascope.render.factor_chart import decade_chart


def _toy_returns(seed: int = 0, start: str = "1990-01-01", end: str = "2012-06-29") -> pd.Series:
    rng = np.random.default_rng(seed)
    idx = pd.bdate_range(start, end)
    return pd.Series(rng.normal(0.0002, 0.006, len(idx)), index=idx)


TOY = {"SMB": _toy_returns(0), "HML": _toy_returns(1), "RMW": _toy_returns(2, "1995-07-01")}
TOY_SOURCE = MemorySource(TOY)


def one(symbol: str, r: pd.Series) -> MemorySource:
    return MemorySource({symbol: r})


def test_parse_years() -> None:
    assert [parse_years(w) for w in ("10y", "3", 5, " 1 years ")] == [10, 3, 5, 1]
    for bad in ("10d", "0y", "ten", ""):
        with pytest.raises(DataError, match="window"):
            parse_years(bad)


def test_window_facts_match_a_naive_computation() -> None:
    r = TOY["SMB"].loc["1999":]
    facts = factor_facts(one("SMB", r), "smb", windows=("10y", "1y"))
    assert [f.window for f in facts] == ["10y", "1y", None]
    assert [f.kind for f in facts] == ["factor", "factor", "factor_drawdown"]
    f = facts[0]
    assert (f.kind, f.subject, f.unit, f.basis) == ("factor", "SMB", "pct", "total_return")
    end = r.index[-1]
    lo = end - pd.DateOffset(years=10)
    expected = float(np.prod(1 + r[(r.index > lo) & (r.index <= end)].to_numpy()) - 1)
    assert f.value == pytest.approx(expected * 100, rel=1e-10)
    assert f.asof == end.date()
    assert f.start == r.index[r.index <= lo][-1].date()
    # naive overlapping ranks over every earlier 10-year window
    vals = []
    first_base = r.index[0] - pd.Timedelta(days=1)
    for d in r.index:
        t = d - pd.DateOffset(years=10)
        if t >= first_base:
            vals.append(np.prod(1 + r[(r.index > t) & (r.index <= d)].to_numpy()) - 1)
    hist = np.asarray(vals[:-1])
    low, high = 1 + int((hist < expected).sum()), 1 + int((hist > expected).sum())
    assert f.record is not None
    assert f.record.rank == min(low, high)
    assert f.record.direction == ("low" if low < high else "high")
    assert f.record.out_of == len(vals)
    assert f"{f.record.rank:,} of {len(vals):,}" in f.text
    assert "Over the ten years to Jun 29, 2012" in f.text
    assert ("small caps beat big caps" if expected > 0 else "small caps trailed") in f.text
    assert f"{abs(expected) * 100:.1f}%" in f.text
    # details are JSON-ready and round-trip
    assert Fact.from_dict(json.loads(f.to_json())).to_dict() == f.to_dict()
    worst = f.details["worst_periods"]
    assert worst[0]["value"] == pytest.approx(min(vals) * 100)


def test_drawdown_fact() -> None:
    f = factor_facts(TOY_SOURCE, "SMB", windows=())[-1]
    w = (1 + TOY["SMB"]).cumprod()
    assert (f.kind, f.label, f.unit) == ("factor_drawdown", "factor drawdown", "pct")
    assert f.value == pytest.approx((w.iloc[-1] / max(1.0, w.max()) - 1) * 100)
    assert "below its peak" in f.text


def test_asof_uses_only_earlier_data() -> None:
    cut = pd.Timestamp("2008-03-31")
    full = factor_facts(TOY_SOURCE, "HML", asof=cut, windows=("5y",))
    trimmed = factor_facts(one("HML", TOY["HML"].loc[:cut]), "HML", windows=("5y",))
    assert [f.to_dict() for f in full] == [f.to_dict() for f in trimmed]
    with pytest.raises(AsOfError, match="before"):
        factor_facts(TOY_SOURCE, "HML", asof=pd.Timestamp("1980-01-01"))
    with pytest.raises(AsOfError, match="no complete 30-year window"):
        factor_facts(TOY_SOURCE, "HML", windows=("30y",))


def test_decade_frame_and_facts() -> None:
    frame = decade_frame(TOY_SOURCE)  # default symbols: missing ones skipped
    assert list(frame.index) == ["1990s", "2000s", "2010s"]
    assert [c for c in frame.columns] == ["SMB", "HML", "RMW", "partial", "through"]
    smb = TOY["SMB"]
    nineties = smb[(smb.index.year >= 1990) & (smb.index.year < 2000)]
    assert frame.loc["1990s", "SMB"] == pytest.approx(np.prod(1 + nineties.to_numpy()) - 1)
    assert np.isnan(frame.loc["1990s", "RMW"])  # began mid-decade: no cell
    assert frame["partial"].tolist() == [False, False, True]
    assert frame.loc["2010s", "through"] == pd.Timestamp("2012-06-29")
    with pytest.raises(UnknownSymbol):
        decade_frame(TOY_SOURCE, ("SMB", "CMA"))
    plain = decade_frame(TOY_SOURCE, ("SMB",))
    assert list(plain.columns) == ["SMB", "partial", "through"]
    with pytest.raises(UnknownSymbol):
        factor_facts(TOY_SOURCE, "CMA")
    facts = decade_facts(TOY_SOURCE, ("RMW",))
    assert [f.window for f in facts] == ["1990s", "2000s", "2010s"]
    assert {f.kind for f in facts} == {"factor_decade"}
    assert "(from Jul 3, 1995)" in facts[0].text
    assert "so far (to Jun 29, 2012)" in facts[-1].text
    assert facts[-1].details["partial"] is True


def test_relative_facts_total_return_and_fallback() -> None:
    idx = pd.bdate_range("2000-01-03", "2021-12-31")
    a = pd.Series(np.linspace(100, 200, len(idx)), index=idx)
    b = pd.Series(np.linspace(100, 400, len(idx)), index=idx)

    src = MemorySource({
        "IWM": pd.DataFrame({"close": a, "adj_close": a * 1.01}),
        "SPY": pd.DataFrame({"close": b, "adj_close": b * 1.01}),
    })  # fmt: skip
    f = relative_facts(src, "IWM", "SPY")[0]
    end, start = idx[-1], idx[idx <= idx[-1] - pd.DateOffset(years=10)][-1]
    ra, rb = a[end] / a[start] - 1, b[end] / b[start] - 1
    assert (f.kind, f.unit, f.basis, f.versus) == ("long_run", "pp", "total_return", "SPY")
    assert f.value == pytest.approx((ra - rb) * 100)
    assert f.details["ann_gap"] == pytest.approx(((1 + ra) ** 0.1 - (1 + rb) ** 0.1) * 100)
    assert f"{(ra - rb) * 100:+.1f} percentage points" in f.text

    price_only = MemorySource({"IWM": a, "SPY": b})
    assert relative_facts(price_only, "IWM", "SPY")[0].basis == "price"


def test_decade_chart_marks_partial_decade() -> None:
    frame = decade_frame(TOY_SOURCE, ("SMB", "HML"))
    fig = decade_chart(frame)
    assert [t.name for t in fig.data] == [
        "size factor (small minus big)",
        "value factor (high minus low)",
    ]
    assert list(fig.data[0].x)[-1] == "\u201910s*"
    words = " ".join(re.sub(r"<[^>]+>", " ", fig.layout.title.text).split())
    assert "* 2010s: decade not over, to Jun 2012 (hatched)" in words
    assert list(fig.data[0].marker.pattern.shape) == ["", "", "/"]
    assert fig.data[0].y[0] == pytest.approx(round(frame.loc["1990s", "SMB"] * 100, 1))


def test_cli_factors_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    from rotascope.cli import factors as cli_factors

    monkeypatch.setattr("rotascope.data.default_source", lambda: TOY_SOURCE)
    app = typer.Typer()
    app.command("noop")(lambda: None)  # keep "factors" a sub-command
    cli_factors.register(app)
    runner = CliRunner()
    res = runner.invoke(app, ["factors", "decades", "--symbols", "SMB,HML"])
    assert res.exit_code == 0, res.output
    assert "2010s*" in res.output and "data to 2012-06-29" in res.output
    res = runner.invoke(app, ["factors", "show", "SMB", "--window", "10y", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data[0]["window"] == "10y" and data[0]["kind"] == "factor"


# ---- real data ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def french() -> tuple[MemorySource, pd.DataFrame]:
    """The 2024 edition (202403) of the daily 3 factors: the issue's SMB figures."""
    if not RAW:
        need_raw("2024 edition (202403) of the French daily factors")
    raw = pd.read_csv(
        SHARED_DATA / "french" / "F-F_Research_Data_Factors_daily.CSV",
        skiprows=4, skipfooter=2, engine="python", index_col=0,
    )  # fmt: skip
    raw.index = pd.to_datetime(raw.index.astype(str), format="%Y%m%d")
    frame = raw.astype(float) / 100
    return MemorySource({c: frame[c] for c in ("SMB", "HML")}), frame


@pytest.mark.realdata
def test_smb_ten_year_fact_and_distinct_rank(french: tuple[MemorySource, pd.DataFrame]) -> None:
    src, frame = french
    f = factor_facts(src, "SMB", asof=pd.Timestamp("2024-03-28"), windows=("10y",))[0]
    smb = frame["SMB"]
    # independent: all 10-year windows, then a plain greedy over those that ended by
    # the current window's start, worst first, skipping any sharing a return date
    wealth = np.concatenate([[1.0], np.cumprod(1 + smb.to_numpy())])
    dates = pd.DatetimeIndex([smb.index[0] - pd.Timedelta(days=1), *smb.index])
    targets = dates - pd.DateOffset(years=10)
    base = np.searchsorted(dates.asi8, targets.asi8, side="right") - 1
    wins = [
        (dates[j], dates[k], wealth[k] / wealth[j] - 1)
        for k, j in enumerate(base)
        if k > 0 and targets[k] >= dates[0]
    ]
    cur = wins[-1]
    assert f.value == pytest.approx(cur[2] * 100, rel=1e-9)
    picks: list[tuple] = []
    for s, e, v in sorted((w for w in wins if w[1] <= cur[0]), key=lambda w: w[2]):
        if all(e <= ps or pe <= s for ps, pe, _ in picks):
            picks.append((s, e, v))
    rank = 1 + sum(1 for p in picks if p[2] < cur[2])
    assert f.details["distinct_rank"] == rank
    assert f.details["distinct_out_of"] == len(picks) + 1
    assert rank == 4  # the "4th worst of all 10-year periods since 1926"
    assert f"the {rank}th worst of {len(picks) + 1} non-overlapping" in f.text


def test_middling_rank_is_not_called_worst(monkeypatch: pytest.MonkeyPatch) -> None:
    import rotascope.kinds._longview as lv

    monkeypatch.setattr(lv, "MIDDLE", 0.0)  # every rank counts as middling
    r = TOY["SMB"].loc["2008":]
    f = factor_facts(one("SMB", r), "SMB", windows=("1y",), drawdown=False)[0]
    vals = []
    for d in r.index:
        t = d - pd.DateOffset(years=1)
        if t >= r.index[0] - pd.Timedelta(days=1):
            vals.append(np.prod(1 + r[(r.index > t) & (r.index <= d)].to_numpy()) - 1)
    above = 100 * float(np.mean(np.asarray(vals[:-1]) < vals[-1]))
    assert f"a middling one-year result: above {above:.0f}% of the {len(vals) - 1:,}" in f.text
    assert "worst" not in f.text and "best" not in f.text


def test_price_series_is_not_a_factor_and_factor_pairs_compound() -> None:
    with pytest.raises(DataError, match="not factor returns"):
        factor_facts(TOY_SOURCE, "RUT")
    f = relative_facts(TOY_SOURCE, "SMB", "HML", windows=("10y",))[0]
    r_smb, r_hml = TOY["SMB"], TOY["HML"]
    end = r_smb.index[-1]
    lo = end - pd.DateOffset(years=10)

    def comp(r: pd.Series) -> float:
        return float(np.prod(1 + r[(r.index > lo) & (r.index <= end)].to_numpy()) - 1)

    assert f.basis == "total_return"
    assert f.value == pytest.approx((comp(r_smb) - comp(r_hml)) * 100, rel=1e-9)


@pytest.mark.realdata
@pytest.mark.parametrize("symbol", ["RMW", "CMA", "MOM"])
def test_style_and_quality_factors_ten_years(published: PublishedData, symbol: str) -> None:
    """RMW and CMA from the 5-factor file, MOM from the momentum file (raw files, or
    the bundled copies of the same editions)."""
    r = published.french(symbol)
    f = factor_facts(one(symbol, r), symbol, windows=("10y",), drawdown=False)[0]
    end = r.index[-1]
    lo = end - pd.DateOffset(years=10)
    expected = float(np.prod(1 + r[(r.index > lo) & (r.index <= end)].to_numpy()) - 1)
    assert f.value == pytest.approx(expected * 100, rel=1e-9)
    # every earlier 10-year window by log sums (independent of the wealth-index path)
    logs = np.concatenate([[0.0], np.cumsum(np.log1p(r.to_numpy()))])
    days = r.index.to_numpy(dtype="datetime64[D]").astype(np.int64)
    targets = (r.index - pd.DateOffset(years=10)).to_numpy(dtype="datetime64[D]").astype(np.int64)
    ok = targets >= days[0] - 1
    outside = np.searchsorted(days, targets, side="right")  # returns before are outside
    vals = np.expm1(logs[1:] - logs[outside])[ok].tolist()
    hist = np.asarray(vals[:-1])
    assert f.record.out_of == len(vals)
    assert f.details["low_rank"] == 1 + int((hist < vals[-1]).sum())
    assert f.details["high_rank"] == 1 + int((hist > vals[-1]).sum())


@pytest.mark.realdata
def test_smb_daily_return_ties_rank_exactly_2018_09_17(published: PublishedData) -> None:
    """The issue's case: SMB's move on 2018-09-17 is the file's -0.46%, ranked in whole
    hundredths of a percent (ties count), not rebuilt from compounded levels."""
    from rotascope.asof import AsOf
    from rotascope.kinds.engine import FactEngine

    r = published.french("SMB")  # the 202604 file (raw or bundled)
    fs = FactEngine(one("SMB", r)).facts("SMB", asof=AsOf.at("2018-09-17"), windows=(1,))
    move = next(f for f in fs if f.kind == "move")
    units = (r * 10_000).round().astype("int64")  # hundredths of a percent
    t = pd.Timestamp("2018-09-17")
    earlier, v = units.loc[: t - pd.Timedelta(days=1)].iloc[1:], int(units.loc[t])
    assert v == -46 and move.value == pytest.approx(-0.46)
    assert move.record.rank == 1 + int((earlier < v).sum()) == 3103
    assert move.record.out_of == len(earlier) + 1
    assert move.record.since == earlier[earlier <= v].index[-1].date()
