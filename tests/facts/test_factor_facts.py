"""Factor facts: window facts with ranks, drawdown, decades, pair gaps; CLI and chart."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.facts.fact import Fact
from rotascope.facts.factor_facts import (
    decade_facts,
    decade_frame,
    factor_facts,
    parse_years,
    relative_facts,
)
from rotascope.report.factor_chart import decade_chart


def _toy_returns(seed: int = 0, start: str = "1990-01-01", end: str = "2012-06-29") -> pd.Series:
    rng = np.random.default_rng(seed)
    idx = pd.bdate_range(start, end)
    return pd.Series(rng.normal(0.0002, 0.006, len(idx)), index=idx)


TOY = {"SMB": _toy_returns(0), "HML": _toy_returns(1), "RMW": _toy_returns(2, "1995-07-01")}


def toy_loader(symbol: str, column: str = "close") -> pd.Series:
    if symbol not in TOY:
        raise UnknownSymbol(symbol, TOY)
    return TOY[symbol]


def test_parse_years() -> None:
    assert [parse_years(w) for w in ("10y", "3", 5, " 1 years ")] == [10, 3, 5, 1]
    for bad in ("10d", "0y", "ten", ""):
        with pytest.raises(DataError, match="window"):
            parse_years(bad)


def test_window_facts_match_a_naive_computation() -> None:
    r = TOY["SMB"].loc["1999":]
    facts = factor_facts("smb", windows=("10y", "1y"), loader=lambda s, c: r)
    assert [f.window for f in facts] == ["10y", "1y", None]
    f = facts[0]
    assert (f.kind, f.subject, f.unit, f.basis) == ("factor", "SMB", "pct", "total_return")
    end = r.index[-1]
    lo = end - pd.DateOffset(years=10)
    expected = float(np.prod(1 + r[(r.index > lo) & (r.index <= end)].to_numpy()) - 1)
    assert f.value == pytest.approx(expected, rel=1e-10)
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
    assert worst[0]["value"] == pytest.approx(min(vals))


def test_drawdown_fact() -> None:
    f = factor_facts("SMB", windows=(), loader=toy_loader)[-1]
    w = (1 + TOY["SMB"]).cumprod()
    assert f.label == "factor drawdown"
    assert f.value == pytest.approx(w.iloc[-1] / max(1.0, w.max()) - 1)
    assert "below its peak" in f.text


def test_asof_uses_only_earlier_data() -> None:
    cut = pd.Timestamp("2008-03-31")
    full = factor_facts("HML", asof=cut, windows=("5y",), loader=toy_loader)
    trimmed = factor_facts("HML", windows=("5y",), loader=lambda s, c: TOY["HML"].loc[:cut])
    assert [f.to_dict() for f in full] == [f.to_dict() for f in trimmed]
    with pytest.raises(AsOfError, match="before"):
        factor_facts("HML", asof="1980-01-01", loader=toy_loader)
    with pytest.raises(AsOfError, match="no complete 30-year window"):
        factor_facts("HML", windows=("30y",), loader=toy_loader)


def test_decade_frame_and_facts() -> None:
    frame = decade_frame(loader=toy_loader)  # default symbols: missing ones skipped
    assert list(frame.index) == ["1990s", "2000s", "2010s"]
    assert [c for c in frame.columns] == ["SMB", "HML", "RMW", "partial", "through"]
    smb = TOY["SMB"]
    nineties = smb[(smb.index.year >= 1990) & (smb.index.year < 2000)]
    assert frame.loc["1990s", "SMB"] == pytest.approx(np.prod(1 + nineties.to_numpy()) - 1)
    assert np.isnan(frame.loc["1990s", "RMW"])  # began mid-decade: no cell
    assert frame["partial"].tolist() == [False, False, True]
    assert frame.loc["2010s", "through"] == pd.Timestamp("2012-06-29")
    with pytest.raises(UnknownSymbol):
        decade_frame(("SMB", "CMA"), loader=toy_loader)
    # a plain dict-style loader (KeyError) is treated like an unknown symbol
    plain = decade_frame(("SMB",), loader=lambda s, c: TOY[s])
    assert list(plain.columns) == ["SMB", "partial", "through"]
    with pytest.raises(UnknownSymbol):
        factor_facts("CMA", loader=lambda s, c: TOY[s])
    facts = decade_facts(("RMW",), loader=toy_loader)
    assert [f.window for f in facts] == ["1990s", "2000s", "2010s"]
    assert "(from Jul 3, 1995)" in facts[0].text
    assert "so far (to Jun 29, 2012)" in facts[-1].text
    assert facts[-1].details["partial"] is True


def test_relative_facts_total_return_and_fallback() -> None:
    idx = pd.bdate_range("2000-01-03", "2021-12-31")
    a = pd.Series(np.linspace(100, 200, len(idx)), index=idx)
    b = pd.Series(np.linspace(100, 400, len(idx)), index=idx)

    def loader(symbol: str, column: str = "close") -> pd.Series:
        base = a if symbol == "IWM" else b
        return base * (1.01 if column == "adj_close" else 1.0)

    f = relative_facts("IWM", "SPY", loader=loader)[0]
    end, start = idx[-1], idx[idx <= idx[-1] - pd.DateOffset(years=10)][-1]
    ra, rb = a[end] / a[start] - 1, b[end] / b[start] - 1
    assert (f.kind, f.unit, f.basis, f.versus) == ("spread", "pp", "total_return", "SPY")
    assert f.value == pytest.approx(ra - rb)
    assert f.details["ann_gap"] == pytest.approx((1 + ra) ** 0.1 - (1 + rb) ** 0.1)
    assert f"{(ra - rb) * 100:+.1f} percentage points" in f.text

    def price_only(symbol: str, column: str = "close") -> pd.Series:
        if column == "adj_close":
            raise KeyError(column)
        return a if symbol == "IWM" else b

    assert relative_facts("IWM", "SPY", loader=price_only)[0].basis == "price"


def test_decade_chart_marks_partial_decade() -> None:
    frame = decade_frame(("SMB", "HML"), loader=toy_loader)
    fig = decade_chart(frame)
    assert [t.name for t in fig.data] == ["SMB", "HML"]
    assert list(fig.data[0].x)[-1] == "2010s (partial, to Jun 2012)"
    assert list(fig.data[0].marker.pattern.shape) == ["", "", "/"]
    assert fig.data[0].y[0] == pytest.approx(round(frame.loc["1990s", "SMB"] * 100, 2))


def test_cli_factors_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    import rotascope.facts._factor_text as ff
    from rotascope.cli import factors as cli_factors

    monkeypatch.setattr(ff, "_default_loader", toy_loader)
    app = typer.Typer()
    app.command("noop")(lambda: None)  # keep "factors" a sub-command
    cli_factors.register(app)
    runner = CliRunner()
    res = runner.invoke(app, ["factors", "decades", "--symbols", "SMB,HML"])
    assert res.exit_code == 0, res.output
    assert "2010s*" in res.output and "data to 2012-06-29" in res.output
    res = runner.invoke(app, ["factors", "show", "SMB", "--window", "10y", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data[0]["window"] == "10y" and data[0]["kind"] == "factor"


# ---- real data ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def french_loader(shared_data: Path):
    raw = pd.read_csv(
        shared_data / "french" / "F-F_Research_Data_Factors_daily.CSV",
        skiprows=4, skipfooter=2, engine="python", index_col=0,
    )  # fmt: skip
    raw.index = pd.to_datetime(raw.index.astype(str), format="%Y%m%d")
    frame = raw.astype(float) / 100

    def load(symbol: str, column: str) -> pd.Series:
        return frame[symbol]

    return load, frame


@pytest.mark.realdata
def test_smb_ten_year_fact_and_distinct_rank(french_loader) -> None:
    load, frame = french_loader
    f = factor_facts("SMB", asof="2024-03-28", windows=("10y",), loader=load)[0]
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
    assert f.value == pytest.approx(cur[2], rel=1e-9)
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
    import rotascope.facts._factor_text as ff

    monkeypatch.setattr(ff, "MIDDLE", 0.0)  # every rank counts as middling
    r = TOY["SMB"].loc["2008":]
    f = factor_facts("SMB", windows=("1y",), loader=lambda s, c: r, drawdown=False)[0]
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
        factor_facts("RUT", loader=toy_loader)
    f = relative_facts("SMB", "HML", windows=("10y",), loader=toy_loader)[0]
    r_smb, r_hml = TOY["SMB"], TOY["HML"]
    end = r_smb.index[-1]
    lo = end - pd.DateOffset(years=10)

    def comp(r: pd.Series) -> float:
        return float(np.prod(1 + r[(r.index > lo) & (r.index <= end)].to_numpy()) - 1)

    assert f.basis == "total_return"
    assert f.value == pytest.approx(comp(r_smb) - comp(r_hml), rel=1e-9)


def _french_any(path: Path) -> pd.DataFrame:
    """Plain read of any Ken French daily file: keep rows whose key is YYYYMMDD."""
    rows: list[list] = []
    header: list[str] = []
    last_text: list[str] = []
    for line in path.read_text().splitlines():
        cells = [c.strip() for c in line.split(",")]
        if len(cells[0]) == 8 and cells[0].isdigit():
            header = header or last_text
            rows.append([cells[0], *map(float, cells[1:])])
        elif len(cells) > 1:
            last_text = cells[1:]  # the header is the last such line before the data
    frame = pd.DataFrame(rows, columns=["date", *header]).set_index("date")
    frame.index = pd.to_datetime(frame.index, format="%Y%m%d")
    return frame.where(frame > -99.0) / 100.0  # -99.99 / -999 mark missing data


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("file", "column", "symbol"),
    [
        ("F-F_Research_Data_5_Factors_2x3_daily.CSV", "RMW", "RMW"),
        ("F-F_Research_Data_5_Factors_2x3_daily.CSV", "CMA", "CMA"),
        ("F-F_Momentum_Factor_daily.csv", "Mom", "MOM"),
    ],
)
def test_style_and_quality_factors_ten_years(
    shared_data: Path, file: str, column: str, symbol: str
) -> None:
    r = _french_any(shared_data / "french" / file)[column].dropna()
    f = factor_facts(symbol, windows=("10y",), loader=lambda s, c: r, drawdown=False)[0]
    end = r.index[-1]
    lo = end - pd.DateOffset(years=10)
    expected = float(np.prod(1 + r[(r.index > lo) & (r.index <= end)].to_numpy()) - 1)
    assert f.value == pytest.approx(expected, rel=1e-9)
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
