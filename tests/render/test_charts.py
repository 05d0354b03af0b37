"""Chart builders: figures (never shown) drawn from the engine's measures, values that
match plain-pandas arithmetic and the facts stated beside them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from rotascope.asof import AsOf
from rotascope.data import MemorySource
from rotascope.kinds.engine import FactEngine
from rotascope.products.chart_data import ChartData, chart_data
from rotascope.render import charts


@pytest.fixture
def pair() -> tuple[pd.Series, pd.Series]:
    idx = pd.bdate_range("2019-06-03", "2024-07-16", name="date")
    rng = np.random.default_rng(7)
    a = pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.012, len(idx)))), index=idx, name="RUT")
    b = pd.Series(200 * np.exp(np.cumsum(rng.normal(0, 0.010, len(idx)))), index=idx, name="SPX")
    return a, b


def _data(pair: tuple[pd.Series, pd.Series], window: int = 5) -> ChartData:
    a, b = pair
    engine = FactEngine(MemorySource({"RUT": a, "SPX": b}))
    return chart_data(engine, "RUT", ("SPX",), a.index[-1], window=window)


def _trace(fig: go.Figure, name: str) -> go.Scatter:
    return next(t for t in fig.data if t.name == name)


def test_ratio_chart_marks_now_and_last_time_as_extreme(pair) -> None:
    a, b = pair
    fig = charts.ratio_chart(_data(pair).ratios["SPX"], source="synthetic")
    r = a / b
    now = _trace(fig, "now")
    assert now.y[0] == pytest.approx(r.iloc[-1])
    assert pd.Timestamp(now.x[0]) == r.index[-1]
    line = _trace(fig, "ratio")
    assert len(line.y) == len(r) and line.y[-1] == pytest.approx(r.iloc[-1])
    ref = [t for t in fig.data if t.name.startswith("last this")]
    if ref:  # the last earlier date at least as extreme, by plain pandas
        word = ref[0].name.split()[-1]
        earlier = r.iloc[:-1]
        hits = earlier[earlier >= r.iloc[-1]] if word == "high" else earlier[earlier <= r.iloc[-1]]
        assert pd.Timestamp(ref[0].x[0]) == hits.index[-1]
    assert "Russell 2000 / S&P 500" in fig.layout.title.text
    assert any("Source: synthetic" in (an.text or "") for an in fig.layout.annotations)


def test_record_markers_are_all_time_highs_and_lows(pair) -> None:
    a, b = pair
    fig = charts.ratio_chart(_data(pair).ratios["SPX"])
    r = a / b
    for t in fig.data:
        if t.name in ("record highs", "record lows"):
            for x, y in zip(t.x, t.y, strict=True):
                before = r.loc[: pd.Timestamp(x)].iloc[:-1]
                if t.name == "record highs":
                    assert y > before.max()
                else:
                    assert y < before.min()


def test_distribution_histogram_holds_every_move_and_marks_the_last(pair) -> None:
    a, _ = pair
    fig = charts.distribution_chart(_data(pair).moves)
    moves = (a / a.shift(5) - 1).dropna()
    hist = fig.data[0]
    assert isinstance(hist, go.Histogram) and len(hist.x) == len(moves)
    assert fig.layout.shapes[0].x0 == pytest.approx(moves.iloc[-1])
    rank = int((moves.iloc[:-1] > moves.iloc[-1]).sum()) + 1 if moves.iloc[-1] >= 0 else int(
        (moves.iloc[:-1] < moves.iloc[-1]).sum()) + 1  # fmt: skip
    label = next(an.text for an in fig.layout.annotations if "2024" in an.text)
    assert f"{moves.iloc[-1] * 100:+.1f}%" in label and f"of {len(moves):,}" in label
    assert str(rank) in label


def test_rebased_chart_starts_at_100_on_the_prior_year_end(pair) -> None:
    a, b = pair
    fig = charts.rebased_chart(_data(pair).rebased, period="YTD")
    base_day = a.loc[:"2023-12-31"].index[-1]
    for sym, s in (("RUT", a), ("SPX", b)):
        t = next(t for t in fig.data if t.name.startswith(("Russell", "S&P")) and
                 (sym == "RUT") == t.name.startswith("Russell"))  # fmt: skip
        assert pd.Timestamp(t.x[0]) == base_day and t.y[0] == 100.0
        assert t.y[-1] == pytest.approx(100 * s.iloc[-1] / s.loc[base_day])
        assert f"{100 * s.iloc[-1] / s.loc[base_day] - 100:+.1f}%" in t.name


def test_drawdown_chart_matches_running_peak(pair) -> None:
    a, _ = pair
    fig = charts.drawdown_chart(_data(pair).drawdowns, years=2)
    t = fig.data[0]
    dd = a / a.cummax() - 1
    assert t.y[-1] == pytest.approx(dd.iloc[-1])
    assert pd.Timestamp(t.x[0]) > a.index[-1] - pd.DateOffset(years=2)
    assert (min(t.y) <= 0 and max(t.y) == 0) or max(t.y) <= 0
    assert fig.layout.yaxis.tickformat == ".0%"


def test_builders_return_figures_without_showing(pair, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(go.Figure, "show", lambda *a, **k: pytest.fail("show() called"))
    figs = list(charts.main_charts(_data(pair, window=1)).values())
    assert len(figs) == 4
    assert all(isinstance(f, go.Figure) for f in figs)
    assert all(f.layout.xaxis.type in ("date", None) for f in figs)


def test_charts_state_the_numbers_of_the_facts_beside_them(pair) -> None:
    """The distribution's rank is the move fact's; the drawdown's end is the drawdown
    fact's: both come from the engine's memo."""
    a, b = pair
    engine = FactEngine(MemorySource({"RUT": a, "SPX": b}))
    fs = engine.facts("RUT", versus="SPX", asof=AsOf.at(a.index[-1]), windows=(5,))
    data = chart_data(engine, "RUT", ("SPX",), a.index[-1], window=5)
    move = next(f for f in fs if f.kind == "move" and f.window == 5 and f.subject == "RUT")
    assert data.moves.record is not None and move.record is not None
    assert (data.moves.record.rank, data.moves.record.out_of) == (
        move.record.rank,
        move.record.out_of,
    )
    assert data.moves.moves.iloc[-1] == pytest.approx(move.value)
    dd = next(f for f in fs if f.kind == "drawdown" and f.subject == "RUT" and not f.versus)
    assert data.drawdowns["RUT"].iloc[-1] == pytest.approx(dd.value)


def test_yields_get_basis_point_moves_and_no_ratio(pair) -> None:
    a, _ = pair
    yields = pd.Series(np.round(np.linspace(4.0, 4.6, len(a)), 2), index=a.index)
    engine = FactEngine(MemorySource({"RUT": a, "DGS10": yields}))
    data = chart_data(engine, "DGS10", ("RUT",), a.index[-1], window=5)
    assert (
        data.ratios == {}
        and data.moves.unit == "bp"
        and data.drawdowns == {"RUT": data.drawdowns["RUT"]}
    )
    fig = charts.distribution_chart(data.moves)
    assert fig.layout.xaxis.ticksuffix == " bp"
