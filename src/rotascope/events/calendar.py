"""The macro event calendar: bundled CPI and FOMC dates plus the user's own events.

The bundled file ``data/us_macro_events.csv`` lists US CPI release dates and FOMC
decision (statement) dates from 2000 (sources and checks in its header). User events
imported with ``rotascope data import FILE`` or ``rotascope events import FILE``
(:func:`rotascope.events.user.import_events`) are kept in the local store and added to it.

Examples
--------
>>> cal = load_calendar(include_user=False)
>>> "2024-07-11" in set(cal.loc[cal["kind"] == "cpi", "date"].dt.strftime("%Y-%m-%d"))
True
>>> event_dates("fomc", year=2024, include_user=False).strftime("%m-%d").tolist()[:3]
['01-31', '03-20', '05-01']
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pandas as pd

from rotascope.errors import DataError
from rotascope.sources.events import (
    EVENT_COLUMNS,
    merge_user_events,
    normalize_events,
    parse_events,
)

__all__ = [
    "COLUMNS",
    "bundled_calendar",
    "event_dates",
    "load_calendar",
    "normalize",
]

#: Columns of a calendar frame.
COLUMNS: tuple[str, ...] = EVENT_COLUMNS

#: Validate an events table (kept under its old name).
normalize = normalize_events

_FILE = "us_macro_events.csv"


def _read(text: str, origin: str, source: str) -> pd.DataFrame:
    return parse_events(text, origin=origin, source=source)


@lru_cache(maxsize=1)
def _bundled() -> pd.DataFrame:
    path = resources.files("rotascope.events").joinpath("data", _FILE)
    return parse_events(path.read_text(encoding="utf-8"), origin=_FILE, source="bundled")


def bundled_calendar() -> pd.DataFrame:
    """The bundled CPI and FOMC calendar (a copy; see the CSV header for sources)."""
    return _bundled().copy()


def load_calendar(include_user: bool = True) -> pd.DataFrame:
    """Bundled events plus, when asked, the user's imported events.

    Parameters
    ----------
    include_user : bool
        Add the events imported into the local store (default True).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`, sorted by date; a user event with the same date and
        kind as a bundled one replaces it.
    """
    cal = bundled_calendar()
    if include_user:
        from rotascope.events.user import user_events

        cal = merge_user_events(cal, user_events())
    return cal


def event_dates(
    kind: str,
    *,
    year: int | None = None,
    scheduled_only: bool = False,
    include_user: bool = True,
) -> pd.DatetimeIndex:
    """Dates of one kind of event (``cpi``, ``fomc`` or a user kind).

    Parameters
    ----------
    kind : str
        Event kind, case-insensitive.
    year : int, optional
        Keep one calendar year.
    scheduled_only : bool
        Leave out unscheduled events (e.g. the FOMC's emergency cuts).
    include_user : bool
        Include imported user events.

    Returns
    -------
    pandas.DatetimeIndex
        Sorted, unique dates (not shifted to sessions; see
        :func:`rotascope.measures.events.align_to_sessions`).
    """
    cal = load_calendar(include_user=include_user)
    k = kind.strip().lower()
    sel = cal[cal["kind"] == k]
    if sel.empty:
        kinds = ", ".join(sorted(cal["kind"].unique()))
        raise DataError(f"no events of kind {kind!r}; known kinds: {kinds}")
    if year is not None:
        sel = sel[sel["date"].dt.year == int(year)]
    if scheduled_only:
        sel = sel[sel["schedule"] == "scheduled"]
    return pd.DatetimeIndex(sel["date"]).unique().sort_values()
