"""Rate-cut odds: what fed funds futures imply for each coming FOMC meeting, as of a date.

:func:`fedwatch` reads the futures prices, the effective fed funds rate (``DFF``) and the
FOMC calendar through a :class:`~rotascope.data.port.DataSource`, resolves the as-of
date against the dates with prices (the one as-of rule), prices every meeting still to
come with the CME FedWatch method (:mod:`rotascope.measures.fedwatch`) and states one
``fedwatch`` fact per meeting, with its change over a week and a month and its record.

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> futures = pd.DataFrame({"date": ["2024-08-15"] * 2, "contract": ["2024-08", "2024-09"],
...                         "price": [94.67, 94.75]})
>>> dff = pd.Series([5.33], index=pd.to_datetime(["2024-08-14"]))
>>> res = fedwatch(MemorySource({"DFF": dff}, futures=futures))
>>> res.facts[0].text
'The futures put the odds of a cut at the September 18 meeting at 74%.'
>>> res.to_frame()[["cut", "hold", "hike"]].round(1).values.tolist()
[[73.8, 26.2, 0.0]]
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from rotascope.asof import AsOf, Note, resolve_asof
from rotascope.data.port import DataSource
from rotascope.errors import AsOfError, DataError, RotascopeError
from rotascope.kinds._events import event_dates
from rotascope.kinds.factset import FactSet
from rotascope.kinds.fedwatch import SUBJECT, fedwatch_facts, fedwatch_history
from rotascope.wording import fmt_date

__all__ = ["ODDS_TABLE_COLUMNS", "FedWatchResult", "RateState", "fedwatch", "rate_state"]

#: Columns of :meth:`FedWatchResult.to_frame`.
ODDS_TABLE_COLUMNS: tuple[str, ...] = (
    "meeting", "contract", "cut", "hold", "hike", "expected_bp", "likely", "likely_pct",
    "side", "week_ago", "month_ago",
)  # fmt: skip

#: The effective rate used is flagged when it is older than this (calendar days).
RATE_STALE_DAYS = 7

_UPDATE = "run `rotascope data update --all`"
_IMPORT = "import newer prices with `rotascope data import FILE`"


@dataclass(frozen=True)
class FedWatchResult:
    """The meetings' odds as of one date.

    Attributes
    ----------
    facts : FactSet
        One ``fedwatch`` fact per meeting priced, with the as-of and the notes.
    asof : AsOf
        The date asked for and the date of the prices used.
    rate : float
        The effective fed funds rate used (percent).
    rate_date : pandas.Timestamp
        Its date (on or before the as-of date).
    target : (float, float)
        The target range the moves start from (the 25 bp band holding ``rate``).
    """

    facts: FactSet
    asof: AsOf
    rate: float
    rate_date: pd.Timestamp
    target: tuple[float, float]

    @property
    def notes(self) -> tuple[Note, ...]:
        """What a reader must be told (the as-of notes first)."""
        return self.facts.notes

    def to_frame(self) -> pd.DataFrame:
        """One row per meeting: odds of a cut, no change and a hike (percent), the expected
        move (bp), the most likely range, the side the futures lean to and its odds a
        week and a month earlier."""
        rows = []
        for f in self.facts:
            d = f.details
            rows.append(
                {
                    "meeting": pd.Timestamp(d["meeting"]),
                    "contract": d["contract"],
                    "cut": d["cut"],
                    "hold": d["hold"],
                    "hike": d["hike"],
                    "expected_bp": d["expected_bp"],
                    "likely": d["likely"],
                    "likely_pct": d["likely_pct"],
                    "side": d["side"],
                    "week_ago": d["week_ago"],
                    "month_ago": d["month_ago"],
                }
            )
        return pd.DataFrame(rows, columns=list(ODDS_TABLE_COLUMNS))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the as-of, notes, rate, target range, facts (with every range's odds)."""
        return {
            "asof": self.asof.to_dict(),
            "notes": [n.to_dict() for n in self.notes],
            "rate": self.rate,
            "rate_date": self.rate_date.date().isoformat(),
            "target": list(self.target),
            "data_version": self.facts.data_version,
            "facts": [f.to_dict() for f in self.facts],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def _repr_html_(self) -> str:
        table = self.to_frame().to_html(index=False, float_format=lambda v: f"{v:.1f}")
        items = "".join(f"<li>{html.escape(f.text)}</li>" for f in self.facts)
        notes = "".join(f"<li><em>{html.escape(n.text)}</em></li>" for n in self.notes)
        return (
            f"<div class='rotascope-fedwatch'><p><strong>Fed funds futures as of "
            f"{self.asof.session.date()}</strong></p>{table}<ul>{items}</ul>"
            f"{f'<ul>{notes}</ul>' if notes else ''}</div>"
        )

    def __str__(self) -> str:
        return str(self.facts)


@dataclass(frozen=True)
class RateState:
    """What is known without futures prices: the effective rate's last value and the
    FOMC meetings after its date.

    Attributes
    ----------
    rate : float or None
        The last effective fed funds rate (percent); None when ``DFF`` is absent.
    rate_date : pandas.Timestamp or None
        Its date.
    coming : tuple of pandas.Timestamp
        The next FOMC meetings after ``rate_date`` (at most ``meetings``).
    """

    rate: float | None
    rate_date: pd.Timestamp | None
    coming: tuple[pd.Timestamp, ...] = ()


def rate_state(source: DataSource, meetings: int = 3) -> RateState:
    """The last effective rate and the next ``meetings`` FOMC meetings after it.

    Examples
    --------
    >>> from rotascope.data import MemorySource
    >>> dff = pd.Series([5.33], index=pd.to_datetime(["2024-08-14"]))
    >>> rate_state(MemorySource({"DFF": dff})).rate
    5.33
    """
    try:
        rate = source.series(SUBJECT).dropna()
    except RotascopeError:
        return RateState(None, None)
    if rate.empty:
        return RateState(None, None)
    last = pd.Timestamp(rate.index[-1])
    fomc = event_dates(source.events(), "fomc")
    coming = tuple(pd.Timestamp(d) for d in fomc[fomc > last][:meetings])
    return RateState(float(rate.iloc[-1]), last, coming)


def _futures_dates(source: DataSource) -> pd.DatetimeIndex:
    futures = source.futures()
    if futures.empty:
        raise DataError(
            "no fed funds futures prices: import a file of them with `rotascope data import "
            "FILE` (columns date,contract,price; see docs/fedwatch.md)"
        )
    return pd.DatetimeIndex(futures["date"]).unique().sort_values()


def fedwatch(source: DataSource, asof: Any = None) -> FedWatchResult:
    """The odds fed funds futures put on each coming FOMC meeting, as of a date.

    Parameters
    ----------
    source : DataSource
        Futures prices (:meth:`~rotascope.data.port.DataSource.futures`), the effective
        fed funds rate ``DFF`` and the FOMC calendar (``events()``).
    asof : date-like, "latest", None or AsOf
        Resolved against the dates with futures prices: a date without prices uses the
        last one before it (a note says so). Default: the last date with prices.

    Returns
    -------
    FedWatchResult

    Raises
    ------
    DataError
        No futures prices, no effective rate on or before the date, or prices that
        reach no coming meeting.
    AsOfError
        A date outside the prices' dates.
    """
    dates = _futures_dates(source)
    try:
        when = resolve_asof(asof, dates, what="fed funds futures")
    except AsOfError as exc:  # futures have no provider: newer prices are imported
        raise AsOfError(str(exc).replace(_UPDATE, _IMPORT)) from None
    when = replace(
        when, notes=tuple(Note(n.code, n.text.replace(_UPDATE, _IMPORT)) for n in when.notes)
    )
    day = when.session
    rate = source.series(SUBJECT)
    history = fedwatch_history(source, rate, until=day)
    facts = fedwatch_facts(history, day)
    if not facts:
        contracts = source.futures().query("date == @day")["contract"].tolist()
        raise DataError(
            f"the futures prices of {day.date()} ({', '.join(contracts)}) price no coming "
            "FOMC meeting: add the contract months of the coming meetings (and of a month "
            "without one), or import the coming meetings with `rotascope events import FILE`"
        )
    used = rate.loc[:day]
    rate_date, rate_value = pd.Timestamp(used.index[-1]), float(used.iloc[-1])
    notes = list(when.notes)
    if (day - rate_date).days > RATE_STALE_DAYS:
        notes.append(
            Note(
                "stale",
                f"The effective fed funds rate (DFF) ends on {fmt_date(rate_date)}; its last "
                f"value, {rate_value:.2f}%, is used as the current rate on {fmt_date(day)}.",
            )
        )
    first = facts[0].details
    target = tuple(float(x) for x in first["target"].split("-"))
    result = FactSet(tuple(facts), when, tuple(notes), source.version())
    return FedWatchResult(result, when, rate_value, rate_date, (target[0], target[1]))
