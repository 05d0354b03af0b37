"""Event days for kinds ``catalyst`` and ``catalyst_spread``: which sessions are CPI or
FOMC days (or a user's kind), and the returns on them with their records.

The calendar is the data source's :meth:`~rotascope.data.port.DataSource.events`. An
event dated on a non-session day (the Sunday 2020-03-15 FOMC cut) counts on the next
session.

Examples
--------
>>> import pandas as pd
>>> cal = pd.DataFrame({"date": pd.to_datetime(["2024-01-02", "2024-01-04"]),
...                     "kind": ["cpi", "fomc"]})
>>> sessions = pd.bdate_range("2024-01-01", periods=5)
>>> events_on("2024-01-04", cal, sessions), kind_word("cpi"), article("FOMC")
(['fomc'], 'CPI', 'an')
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from rotascope.errors import DataError
from rotascope.measures.events import event_day_returns
from rotascope.measures.records import records

__all__ = ["article", "event_dates", "event_day_table", "events_on", "kind_word"]

_KIND_WORDS = {"cpi": "CPI", "fomc": "FOMC"}


def kind_word(kind: str) -> str:
    """``cpi`` -> ``CPI``; other kinds keep their spelling."""
    return _KIND_WORDS.get(kind.lower(), kind)


def article(word: str) -> str:
    """``a`` or ``an`` before an event word (``an FOMC day``, ``a CPI day``)."""
    return "an" if word[:1].upper() in "AEFHILMNORSX" and word.isupper() else "a"


def event_dates(calendar: pd.DataFrame, kind: str) -> pd.DatetimeIndex:
    """Sorted dates of one kind of event in ``calendar``.

    Raises
    ------
    DataError
        No event of that kind (the message lists the kinds there are).
    """
    k = kind.strip().lower()
    sel = calendar[calendar["kind"] == k]
    if sel.empty:
        kinds = ", ".join(sorted(calendar["kind"].unique()))
        raise DataError(f"no events of kind {kind!r}; known kinds: {kinds}")
    return pd.DatetimeIndex(sel["date"]).unique().sort_values()


def events_on(date: object, calendar: pd.DataFrame, sessions: pd.DatetimeIndex) -> list[str]:
    """Event kinds whose market reaction falls on the session ``date`` (e.g. ``["cpi"]``).

    ``sessions`` are the series' own dates: an event on a non-session day counts on the
    next one of them.
    """
    d = pd.Timestamp(date).normalize()
    pos = int(sessions.searchsorted(d, side="left"))
    if pos >= len(sessions) or sessions[pos] != d:
        return []
    prev = sessions[pos - 1] if pos > 0 else d - pd.Timedelta(days=7)
    hit = calendar[(calendar["date"] > prev) & (calendar["date"] <= d)]
    return sorted(set(hit["kind"]))


def event_day_table(
    close: pd.Series,
    dates: Iterable[object],
    *,
    asof: pd.Timestamp | None = None,
    versus_close: pd.Series | None = None,
) -> pd.DataFrame:
    """Event-day returns of a series (and spread) with their records, one row per event.

    Returns
    -------
    pandas.DataFrame
        Index = event sessions; ``ret`` (fraction) with ``since_up``/``rank_up`` (gains),
        ``since_down``/``rank_down`` (losses), ``out_of``; with ``versus_close`` also
        ``ret_versus`` and ``spread`` with ``spread_since`` and ``spread_rank``.
    """
    ev = list(dates)
    r = event_day_returns(close, ev, asof=asof)
    out = pd.DataFrame({"ret": r})
    if versus_close is not None:
        out["ret_versus"] = event_day_returns(versus_close, ev, asof=asof).reindex(out.index)
        out = out.dropna()
        out["spread"] = out["ret"] - out["ret_versus"]
    hi, lo = records(out["ret"], "high"), records(out["ret"], "low")
    out["since_up"], out["rank_up"] = hi["since"], hi["rank"]
    out["since_down"], out["rank_down"] = lo["since"], lo["rank"]
    out["out_of"] = hi["out_of"]
    if "spread" in out:
        shi, slo = records(out["spread"], "high"), records(out["spread"], "low")
        pos = out["spread"] >= 0
        out["spread_since"] = shi["since"].where(pos, slo["since"])
        out["spread_rank"] = shi["rank"].where(pos, slo["rank"])
    return out
