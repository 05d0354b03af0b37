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
from rotascope.render.distribution_chart import HEADROOM


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


def _x(trace: go.Scatter) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(pd.to_datetime(list(trace.x)))


def test_ratio_chart_marks_now_and_last_time_as_extreme(pair) -> None:
    a, b = pair
    fig = charts.ratio_chart(_data(pair).ratios["SPX"], source="synthetic")
    r = a / b
    now = _trace(fig, "now")
    assert now.y[0] == pytest.approx(r.iloc[-1])
    assert pd.Timestamp(now.x[0]) == r.index[-1]
    line = _trace(fig, "ratio")
    drawn = pd.Series(line.y, index=_x(line))
    assert drawn.iloc[-1] == pytest.approx(r.iloc[-1], rel=1e-4)
    assert drawn.to_numpy() == pytest.approx(r.reindex(drawn.index).to_numpy(), rel=1e-4)
    assert drawn.max() == pytest.approx(r.max(), rel=1e-4)  # thinning keeps the extremes
    assert drawn.min() == pytest.approx(r.min(), rel=1e-4)
    ref = [t for t in fig.data if t.name.startswith("last this")]
    if ref:  # the last earlier date at least as extreme, by plain pandas
        word = ref[0].name.split()[-1]
        earlier = r.iloc[:-1]
        hits = earlier[earlier >= r.iloc[-1]] if word == "high" else earlier[earlier <= r.iloc[-1]]
        assert pd.Timestamp(ref[0].x[0]) == hits.index[-1]
    assert "Russell 2000 / S&P 500" in fig.layout.title.text
    assert any((an.text or "").startswith("Source: synthetic") for an in fig.layout.annotations)
    label = next(an for an in fig.layout.annotations if an.xref == "x")
    assert label.text == f"{r.iloc[-1]:.4g}" and label.xanchor == "left"  # at the line's end


def test_a_long_ratio_is_thinned_but_keeps_its_recent_year(pair) -> None:
    a, b = pair
    idx = pd.bdate_range("1987-09-10", "2024-07-16", name="date")
    rng = np.random.default_rng(1)
    a = pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.012, len(idx)))), index=idx)
    b = pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.010, len(idx)))), index=idx)
    data = chart_data(FactEngine(MemorySource({"RUT": a, "SPX": b})), "RUT", ("SPX",), idx[-1])
    line = _trace(charts.ratio_chart(data.ratios["SPX"]), "ratio")
    assert len(line.x) < len(idx) / 3
    assert list(line.x[-charts.RECENT :]) == list(idx[-charts.RECENT :].strftime("%Y-%m-%d"))


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


def test_distribution_bars_count_every_move_and_mark_the_last(pair) -> None:
    a, _ = pair
    fig = charts.distribution_chart(_data(pair).moves)
    moves = (a / a.shift(5) - 1).dropna() * 100
    bars = fig.data[0]
    assert isinstance(bars, go.Bar) and sum(bars.y) == len(moves)
    centers = np.asarray(bars.x)
    edges = np.append(centers - bars.width / 2, centers[-1] + bars.width / 2)
    counts, _ = np.histogram(moves.to_numpy(), bins=edges)  # plain numpy on plain pandas
    assert list(bars.y) == counts.tolist()
    assert fig.layout.shapes[0].x0 == pytest.approx(moves.iloc[-1])
    last = moves.iloc[-1]
    earlier = moves.iloc[:-1]
    rank = int((earlier > last).sum()) + 1 if last >= 0 else int((earlier < last).sum()) + 1
    label = next(an for an in fig.layout.annotations if "2024" in an.text)
    assert f"{last:+.1f}%" in label.text and f"of {len(moves):,}" in label.text
    assert str(rank) in label.text
    # the label sits in the band above the tallest bar, inside the plot
    top = max(bars.y)
    assert top < label.y <= top * HEADROOM == fig.layout.yaxis.range[1]
    lo, hi = fig.layout.xaxis.range
    assert lo <= label.x <= hi


def test_rebased_chart_starts_at_100_on_the_prior_year_end(pair) -> None:
    a, b = pair
    fig = charts.rebased_chart(_data(pair).rebased, period="YTD")
    base_day = a.loc[:"2023-12-31"].index[-1]
    labels = {an.text for an in fig.layout.annotations}
    for name, s in (("Russell 2000", a), ("S&P 500", b)):
        t = _trace(fig, name)
        assert pd.Timestamp(t.x[0]) == base_day and t.y[0] == 100.0
        assert t.y[-1] == pytest.approx(100 * s.iloc[-1] / s.loc[base_day], rel=1e-4)
        assert f"{100 * s.iloc[-1] / s.loc[base_day] - 100:+.1f}%" in labels


def test_drawdown_chart_matches_running_peak(pair) -> None:
    a, _ = pair
    fig = charts.drawdown_chart(_data(pair).drawdowns, years=2)
    t = fig.data[0]
    dd = (a / a.cummax() - 1) * 100
    assert t.y[-1] == pytest.approx(dd.iloc[-1], rel=1e-3)
    assert pd.Timestamp(t.x[0]) > a.index[-1] - pd.DateOffset(years=2)
    assert max(t.y) <= 0
    assert fig.layout.yaxis.ticksuffix == "%"


def test_drawdown_date_axis_has_unique_ticks_inside_its_range(pair) -> None:
    """One tick per year (the axis repeated each year before: "2020 2020 2021 2021")."""
    fig = charts.drawdown_chart(_data(pair).drawdowns)
    ax = fig.layout.xaxis
    assert ax.tickmode == "array" and len(ax.ticktext) >= 3
    assert len(set(ax.ticktext)) == len(ax.ticktext)
    lo, hi = (pd.Timestamp(x) for x in ax.range)
    assert all(lo <= pd.Timestamp(v) <= hi for v in ax.tickvals)
    assert list(ax.ticktext) == [v[:4] for v in ax.tickvals]


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


def test_yields_get_basis_point_charts_and_no_ratio(pair) -> None:
    a, _ = pair
    ten = pd.Series(np.round(np.linspace(4.0, 4.6, len(a)), 2), index=a.index)
    two = pd.Series(np.round(np.linspace(4.8, 4.4, len(a)), 2), index=a.index)
    engine = FactEngine(MemorySource({"RUT": a, "DGS10": ten, "DGS2": two}))
    data = chart_data(engine, "DGS10", ("DGS2", "RUT"), a.index[-1], window=5)
    assert data.kind == "yield" and data.ratios == {} and data.moves.unit == "bp"
    assert data.rebased == [] and data.drawdowns == {}
    figs = charts.main_charts(data)
    assert sorted(figs) == ["distribution", "level", "spread_DGS2"]
    assert figs["distribution"].layout.xaxis.ticksuffix == " bp"
    spread = figs["spread_DGS2"]
    assert spread.layout.yaxis.ticksuffix == " bp"
    assert spread.data[0].y[-1] == pytest.approx((4.6 - 4.4) * 100)  # 20 bp, by hand
    assert "+20 bp" in spread.layout.title.text
    level = figs["level"]
    assert [t.name for t in level.data] == ["10-year Treasury yield", "2-year Treasury yield"]
    # a price subject against a yield: no ratio, no yield line in its charts
    data = chart_data(engine, "RUT", ("DGS10",), a.index[-1], window=5)
    assert data.ratios == {} and sorted(data.drawdowns) == ["RUT"]


def test_factor_subjects_get_no_ratio_to_a_price(pair) -> None:
    a, _ = pair
    smb = pd.Series(np.round(np.random.default_rng(2).normal(0, 0.005, len(a)), 4), a.index)
    engine = FactEngine(MemorySource({"RUT": a, "SMB": smb}))
    data = chart_data(engine, "SMB", ("RUT",), a.index[-1], window=5)
    assert data.kind == "factor" and data.ratios == {}
    assert sorted(charts.main_charts(data)) == ["distribution", "drawdown", "rebased"]
