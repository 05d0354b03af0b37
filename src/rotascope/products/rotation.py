"""The rotation dashboard: size, style, equal weight, quality and momentum at one date.

For a window of sessions ending at a date, :func:`rotation` gives one
:class:`~rotascope.kinds.fact.Fact` per rotation gauge: the return spread of each ETF or
index pair (kind ``spread``, unit ``pp``) or the compounded return of each Fama-French
long-short factor (kind ``move``, unit ``pct``), each with its record (how far back one
must go for a spread as wide, and its rank among all windows of that length). Rows are
sorted by how unusual they are: the record's reach in whole years, then the rank
percentile. Gauges whose symbols are not in the data are skipped and listed, each with a
``skipped`` note; a row whose data end more than a week before the date gets a
``stale`` note. The as-of date is resolved against the dates of the gauges' series.

Total return (adjusted close) is used wherever the data have it: the ETFs. The Russell
2000 and S&P 500 indexes are price only. The IWN and IWO source files are fully adjusted
(close equals adjusted close) and IWF's close is split-adjusted; the bundled dataset
keeps both columns, so every ETF pair compares adjusted closes.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2024-01-01", periods=80, name="date")
>>> rng = np.random.default_rng(0)
>>> src = MemorySource({s: pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, 80))), idx)
...                     for s in ("IWM", "SPY")})
>>> d = rotation(src, window=21)
>>> [f.label for f in d.facts], d.missing[:2]
(['small vs large (ETFs, IWM vs SPY)'], ['RUT', 'SPX'])
>>> next(n.text for n in d.notes if n.code == "skipped")
'Skipped small vs large (RUT vs SPX): no data for RUT, SPX.'

"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from rotascope.asof import AsOf, Note, resolve_on
from rotascope.data.port import DataSource
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.kinds.context import Context
from rotascope.kinds.engine import FactEngine, engine_for
from rotascope.kinds.fact import Fact
from rotascope.kinds.move import move_fact
from rotascope.kinds.spread import spread_fact
from rotascope.products.result import Result, unique_notes
from rotascope.wording import fmt_date

__all__ = [
    "GAUGES",
    "Gauge",
    "RotationDashboard",
    "dashboard_frame",
    "rotation",
]

#: A row more than this many days older than the dashboard date is flagged stale.
STALE_DAYS = 7


@dataclass(frozen=True)
class Gauge:
    """One row of the dashboard.

    Attributes
    ----------
    name : str
        What the row measures ("small vs large").
    subject : str
        First symbol (a factor for single-series gauges).
    versus : str or None
        Second symbol of a pair; ``None`` for a factor (its own long-short return).
    basis : {"price", "total_return"}
        Closes or adjusted closes to load. Factors load ``price`` (their daily returns
        sit in the close column); their facts say ``total_return`` (compounded returns).
    """

    name: str
    subject: str
    versus: str | None = None
    basis: str = "total_return"

    @property
    def symbols(self) -> tuple[str, ...]:
        """The symbols this row needs."""
        return (self.subject,) if self.versus is None else (self.subject, self.versus)

    @property
    def label(self) -> str:
        """``small vs large (RUT vs SPX)`` or ``quality factor (RMW)``."""
        inner = self.subject if self.versus is None else f"{self.subject} vs {self.versus}"
        if "(" in self.name:
            return f"{self.name[:-1]}, {inner})"
        return f"{self.name} ({inner})"


#: The gauges of the July 2024 rotation reports, in display order before sorting.
GAUGES: tuple[Gauge, ...] = (
    Gauge("small vs large", "RUT", "SPX", "price"),
    Gauge("small vs large (ETFs)", "IWM", "SPY"),
    Gauge("large value vs growth", "IWD", "IWF"),
    Gauge("small value vs growth", "IWN", "IWO"),
    Gauge("small value vs large growth", "IWN", "IWF"),
    Gauge("equal vs cap weight", "RSP", "SPY"),
    Gauge("quality factor", "RMW", None, "price"),
    Gauge("momentum factor", "MOM", None, "price"),
    Gauge("size factor", "SMB", None, "price"),
    Gauge("value factor", "HML", None, "price"),
)


@dataclass(frozen=True)
class RotationDashboard(Result):
    """The dashboard's rows and what was left out.

    Attributes
    ----------
    date : datetime.date
        The date the windows end on (each row on its last common session on or before).
    window : int
        Sessions in each window.
    facts : list of Fact
        One per gauge, most unusual first; ``details`` hold ``gauge``,
        ``reach_years`` (record reach, years), ``rank_pct`` (rank / out_of) and
        ``stale`` (the row's data end more than a week before ``asof``).
    missing : list of str
        Symbols not in the data (their gauges are skipped).
    skipped : list of str
        Gauges left out, with the reason.
    asof : AsOf
        The date asked for, the date used and their notes.
    notes : tuple of Note
        The as-of's notes, a ``skipped`` note per gauge left out and a ``stale`` note
        per row whose data end more than a week before the date.
    data_version : str
    """

    date: dt.date
    window: int
    facts: list[Fact]
    missing: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    asof: AsOf | None = None
    notes: tuple[Note, ...] = ()
    data_version: str = ""

    def frame(self) -> pd.DataFrame:
        """One row per gauge (see :func:`dashboard_frame`)."""
        return dashboard_frame(self.facts)

    def to_frame(self) -> pd.DataFrame:
        """One row per gauge (see :func:`dashboard_frame`)."""
        return dashboard_frame(self.facts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (facts through :meth:`Fact.to_dict`)."""
        return {
            "date": self.date.isoformat(),
            "window": self.window,
            "facts": [f.to_dict() for f in self.facts],
            "missing": list(self.missing),
            "skipped": list(self.skipped),
            **self.common_dict(),
        }


def _reach_years(fact: Fact) -> float:
    rec = fact.record
    if rec is None:
        return 0.0
    start = rec.since if rec.since is not None else rec.history_start
    return max((fact.asof - start).days / 365.25, 0.0)


def _unusual_key(fact: Fact) -> tuple[float, float, str]:
    rec = fact.record
    pct = 1.0 if rec is None else rec.rank / rec.out_of
    return (-math.floor(_reach_years(fact)), pct, fact.label)


def _row(engine: FactEngine, gauge: Gauge, cut: pd.Timestamp, window: int) -> Fact | None:
    memo = engine.memo
    a = memo.series(gauge.subject, gauge.basis)
    day = a.day_on_or_before(cut)
    if day is None:
        raise AsOfError(f"{gauge.subject} has no data on or before {cut.date()}")
    if gauge.versus is None:
        return move_fact(Context(memo, day, a, windows=(window,)), window)
    b = memo.series(gauge.versus, gauge.basis)
    common = memo.common_day(a, b, day)
    if common is None:
        return None
    return spread_fact(Context(memo, common, a, b, windows=(window,)), window)


def rotation(
    source: DataSource,
    asof: AsOf | Any = None,
    window: int = 21,
    gauges: Sequence[Gauge] = GAUGES,
) -> RotationDashboard:
    """Spread (or factor return) and record of every rotation gauge over one window.

    Parameters
    ----------
    source : DataSource
        Where the series come from (the engine kept for it is reused, so later dates
        are row lookups).
    asof : AsOf, date-like or "latest", optional
        End of the windows; only data on or before it are used. Resolved against the
        dates of the gauges' series (an ``AsOf`` is a cut). Default: their last date.
    window : int
        Sessions per window (21 = about a month).
    gauges : sequence of Gauge
        Rows to compute (default :data:`GAUGES`).

    Returns
    -------
    RotationDashboard

    Raises
    ------
    AsOfError
        A date outside the gauges' data, or no gauge with a complete window by it.
    DataError
        ``window`` is not a positive whole number.
    """
    if isinstance(window, bool) or int(window) != window or int(window) < 1:
        raise DataError(f"window must be a positive whole number of sessions, got {window!r}")
    window = int(window)
    engine = engine_for(source)
    missing: list[str] = []
    skipped: list[str] = []
    ready: list[Gauge] = []
    for g in gauges:
        absent = []
        for sym in g.symbols:
            try:
                engine.series(sym, g.basis)
            except (UnknownSymbol, DataError):
                absent.append(sym)
        missing += [s for s in absent if s not in missing]
        if absent:
            skipped.append(f"{g.label}: no data for {', '.join(absent)}")
        else:
            ready.append(g)
    when = resolve_on(asof, _dates(engine, ready), what="rotation")
    cut = when.session
    rows: list[Fact] = []
    for g in ready:
        try:
            fact = _row(engine, g, cut, window)
        except AsOfError:
            fact = None
        if fact is None:
            skipped.append(f"{g.label}: no complete {window}-session window by the date")
            continue
        rows.append(_decorate(fact, g, cut))
    if not rows and ready:
        raise AsOfError(
            f"no rotation gauge has a {window}-session window on or before {cut.date()}"
        )
    rows.sort(key=_unusual_key)
    notes = [*when.notes, *(Note("skipped", f"Skipped {line}.") for line in skipped)]
    notes += [
        Note("stale", f"{f.label}: data end on {fmt_date(f.asof)}, before {fmt_date(cut)}.")
        for f in rows
        if f.details.get("stale")
    ]
    return RotationDashboard(
        cut.date(), window, rows, missing, skipped, when, unique_notes(notes),
        engine.memo.version,
    )  # fmt: skip


def _dates(engine: FactEngine, gauges: Sequence[Gauge]) -> pd.DatetimeIndex:
    """Every date on which a gauge's first series has a value."""
    stamps = [engine.series(g.subject, g.basis).values.index.to_numpy() for g in gauges]
    if not stamps:
        return pd.DatetimeIndex([], name="date")
    return pd.DatetimeIndex(np.unique(np.concatenate(stamps)), name="date")


def _decorate(fact: Fact, gauge: Gauge, cut: pd.Timestamp | None) -> Fact:
    rec = fact.record
    stale = cut is not None and (cut.date() - fact.asof).days > STALE_DAYS
    details = {
        **fact.details,
        "gauge": gauge.name,
        "reach_years": round(_reach_years(fact), 2),
        "rank_pct": None if rec is None else rec.rank / rec.out_of,
        "stale": stale,
    }
    basis = fact.basis if gauge.versus is not None else "total_return"  # factor returns
    return dataclasses.replace(fact, label=gauge.label, basis=basis, details=details)


def dashboard_frame(facts: Sequence[Fact]) -> pd.DataFrame:
    """A table of dashboard facts: one row per gauge, in the given order.

    Columns: ``gauge``, ``subject``, ``versus``, ``basis``, ``asof``, ``start``,
    ``window``, ``value`` (spread in percentage points, or the factor's compounded
    return in percent), ``unit``, ``subject_return``, ``versus_return`` (percent),
    ``direction``,
    ``record_since`` (None = since the history began), ``history_start``, ``rank``,
    ``out_of``, ``reach_years``, ``rank_pct``, ``stale``, ``sentence``.
    """
    rows = []
    for f in facts:
        rec = f.record
        rows.append(
            {
                "gauge": f.label,
                "subject": f.subject,
                "versus": f.versus,
                "basis": f.basis,
                "asof": f.asof,
                "start": f.start,
                "window": f.window,
                "value": f.value,
                "unit": f.unit,
                "subject_return": f.details.get("subject_return_pct", f.value),
                "versus_return": f.details.get("versus_return_pct"),
                "direction": None if rec is None else rec.direction,
                "record_since": None if rec is None else rec.since,
                "history_start": None if rec is None else rec.history_start,
                "rank": None if rec is None else rec.rank,
                "out_of": None if rec is None else rec.out_of,
                "reach_years": f.details.get("reach_years"),
                "rank_pct": f.details.get("rank_pct"),
                "stale": f.details.get("stale", False),
                "sentence": f.text,
            }
        )
    return pd.DataFrame(rows)
