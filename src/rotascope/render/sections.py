"""Optional report sections: rotation, streaks, catalysts, breadth, factors, valuation.

A section appears when its data exist in the data source; otherwise the report says why
in its notes. Only "no such data" (:class:`~rotascope.errors.RotascopeError`, which
covers :class:`~rotascope.errors.UnknownSymbol`) is caught; anything else is a bug and
propagates.

Examples
--------
>>> from rotascope.data import BundledSource
>>> secs, notes = build_sections((), subject="RUT", versus=(), asof=None, series={},
...                              source=BundledSource())
>>> secs, notes
([], [])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from rotascope.data.port import DataSource
from rotascope.errors import RotascopeError
from rotascope.kinds.fact import Fact

__all__ = ["SECTIONS", "Section", "build_sections"]

#: Optional sections tried by default, in page order.
SECTIONS: tuple[str, ...] = (
    "rotation",
    "streaks",
    "catalysts",
    "breadth",
    "factors",
    "valuation",
)

#: Sessions in the rotation dashboard's window (a week, like the report's lead).
ROTATION_WINDOW = 5

#: A current run this long (sessions) or longer gets a streak study.
MIN_STREAK = 3

#: Forward windows (sessions) of the streak studies.
STREAK_HORIZONS: tuple[int, ...] = (21, 63)

#: Bootstrap draws of the streak studies (as ``rotascope study`` and the facts).
STREAK_BOOT = 10_000

#: Factors whose window facts the factor section states.
FACTOR_SYMBOLS: tuple[str, ...] = ("SMB",)


@dataclass
class Section:
    """One optional block of the report.

    Attributes
    ----------
    name : str
        Machine name (``catalysts``...).
    title : str
        Heading.
    facts : list of Fact
        Its facts, in the fact module's order.
    charts : dict of str to plotly.graph_objects.Figure
        Its charts.
    """

    name: str
    title: str
    facts: list[Fact] = field(default_factory=list)
    charts: dict[str, go.Figure] = field(default_factory=dict)


def _streaks(
    subject: str, versus: Sequence[str], asof: pd.Timestamp | None,
    series: Mapping[str, pd.Series], source: DataSource,
) -> Section:  # fmt: skip
    from rotascope.kinds._study import streak_study
    from rotascope.kinds.event_study import study_facts
    from rotascope.measures.streaks import evaluate, parse_condition, streak_state

    close = series[subject]
    studies: list[tuple[str, pd.Series | None]] = [("ret>1%", None), ("ret<-1%", None)]
    studies += [(f"beats:{v}", series[v]) for v in versus]
    out: list[Fact] = []
    for spec, other in studies:
        state = streak_state(evaluate(parse_condition(spec), close, other), asof)
        if state.current >= MIN_STREAK:
            s = streak_study(
                close, spec, asof=asof, versus_close=other, horizons=STREAK_HORIZONS,
                n_boot=STREAK_BOOT,
            )  # fmt: skip
            out += study_facts(s)
    return Section("streaks", "Streaks, and what followed similar runs", out)


def _catalysts(
    subject: str, versus: Sequence[str], asof: pd.Timestamp | None,
    series: Mapping[str, pd.Series], source: DataSource,
) -> Section:  # fmt: skip
    from rotascope.kinds.catalyst import catalyst_facts

    close = series[subject]
    events = source.events()
    out: list[Fact] = []
    seen: set[str] = set()
    for kind in ("cpi", "fomc"):
        others: Sequence[str | None] = versus or (None,)
        for v in others:
            vc = series[v] if v is not None else None
            for f in catalyst_facts(close, kind, events=events, asof=asof, versus_close=vc):
                if f.text not in seen:
                    seen.add(f.text)
                    out.append(f)
    from rotascope.kinds.fedwatch import facts_near  # the coming meetings' odds, if stored

    out += facts_near(source, asof if asof is not None else close.index[-1], limit=2)
    return Section("catalysts", "Catalyst days: the latest CPI and FOMC sessions", out)


def _factors(
    subject: str, versus: Sequence[str], asof: pd.Timestamp | None,
    series: Mapping[str, pd.Series], source: DataSource,
) -> Section:  # fmt: skip
    from rotascope.kinds.factor import factor_facts
    from rotascope.kinds.factor_decade import decade_frame
    from rotascope.render.factor_chart import decade_chart

    out: list[Fact] = []
    for sym in FACTOR_SYMBOLS:
        out += factor_facts(source, sym, asof=asof, windows=("1y", "5y", "10y"))
    table = decade_frame(source, asof=asof)
    charts = {"decades": decade_chart(table)} if not table.empty else {}
    return Section("factors", "The size factor over the long run (Fama-French)", out, charts)


def _valuation(
    subject: str, versus: Sequence[str], asof: pd.Timestamp | None,
    series: Mapping[str, pd.Series], source: DataSource,
) -> Section:  # fmt: skip
    from rotascope.kinds.valuation import shiller_facts
    from rotascope.render.valuation_chart import valuation_history_figure

    frame = source.shiller()
    # Shiller months average the month's daily closes: the as-of month is not complete
    # yet, so the last month used is the one before it.
    month = None
    if asof is not None:
        month = (pd.Timestamp(asof).to_period("M") - 1).strftime("%Y-%m")
    out = shiller_facts(frame, asof=month)
    charts: dict[str, go.Figure] = {}
    cape = next((f for f in out if f.label == "cape"), None)
    if cape is not None and "cape" in frame:
        charts["cape"] = valuation_history_figure(frame["cape"], cape)
    return Section("valuation", "Valuation of the S&P 500 (Shiller data)", out, charts)


def _rotation(
    subject: str, versus: Sequence[str], asof: pd.Timestamp | None,
    series: Mapping[str, pd.Series], source: DataSource,
) -> Section:  # fmt: skip
    from rotascope.products.rotation import build_dashboard

    out = build_dashboard(source, asof, ROTATION_WINDOW).facts
    title = (
        "Rotation dashboard: size, style, equal weight, quality and momentum "
        f"over {ROTATION_WINDOW} sessions"
    )
    return Section("rotation", title, out)


def _breadth(
    subject: str, versus: Sequence[str], asof: pd.Timestamp | None,
    series: Mapping[str, pd.Series], source: DataSource,
) -> Section:  # fmt: skip
    from rotascope.kinds._breadth import Universe
    from rotascope.kinds.breadth import breadth_facts, breadth_table_facts

    spells = source.membership("SP500")  # DataError (a RotascopeError) when absent
    closes = source.member_closes(sorted(set(spells["ticker"])), end=asof)
    if closes.empty:  # no member closes stored: the bundled precomputed series
        out = breadth_table_facts(source.breadth("SP500"), "SP500", asof)
    else:
        out = breadth_facts(Universe("SP500", closes, spells), asof)
    return Section("breadth", "Breadth: how many S&P 500 stocks are joining in", out)


_BUILDERS: dict[str, Callable[..., Section]] = {
    "rotation": _rotation,
    "breadth": _breadth,
    "streaks": _streaks,
    "catalysts": _catalysts,
    "factors": _factors,
    "valuation": _valuation,
}


def build_sections(
    names: Sequence[str],
    *,
    subject: str,
    versus: Sequence[str],
    asof: dt.date | None,
    series: Mapping[str, pd.Series],
    source: DataSource,
) -> tuple[list[Section], list[str]]:
    """Build the named sections that have data; say why the others are missing.

    Returns
    -------
    (sections, notes) : tuple of list of Section and list of str
    """
    built: list[Section] = []
    notes: list[str] = []
    for name in names:
        builder = _BUILDERS.get(name)
        if builder is None:
            raise ValueError(f"unknown section {name!r}; use one of {', '.join(_BUILDERS)}")
        day = None if asof is None else pd.Timestamp(asof)
        try:
            sec = builder(subject, versus, day, series, source)
        except RotascopeError as exc:
            notes.append(f"{name} section left out: {exc}")
            continue
        if sec.facts or sec.charts:
            built.append(sec)
    return built, notes
