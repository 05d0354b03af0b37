"""One as-of: the date asked for, the session used, and what the reader must be told.

An :class:`AsOf` is built **once** at each entry (a CLI option, an API query, a Python
function) by :func:`resolve_asof` and passed inward; inner code takes an ``AsOf`` or a
``pandas.Timestamp``, never a raw string. The rules, said once here and nowhere else:

- no date, or ``"latest"``: the last date of the data. When that is more than
  :data:`STALE_SESSIONS` NYSE sessions before today, a ``stale`` note says how old the
  data is and how to update it.
- a date inside the data that has no value (a weekend, a holiday, a gap): the last
  date before it, with a ``moved`` note.
- a date after the last date of the data: :class:`~rotascope.errors.AsOfError` (the
  data cannot speak of that day; ask for ``latest`` or update the data), unless no
  NYSE session lies between the two (a Saturday after a Friday close): then the last
  date, with a ``moved`` note.
- a date before the first date of the data: :class:`~rotascope.errors.AsOfError`.

A product whose data have their own dates (a comparison series, a universe, Shiller's
months) takes an ``AsOf`` resolved elsewhere as a cut: :func:`resolve_on` uses the last
of its dates on or before the session, with a ``moved`` note when that is earlier.

Examples
--------
>>> import pandas as pd
>>> dates = pd.bdate_range("2024-07-01", "2024-07-16")
>>> a = resolve_asof("2024-07-13", dates, what="RUT", today=pd.Timestamp("2024-07-16"))
>>> a.session.date().isoformat(), a.moved
('2024-07-12', True)
>>> a.notes[0].text
'Jul 13, 2024 is a Saturday: the last RUT data before it, Jul 12, 2024, is used.'
>>> resolve_asof(None, dates, what="RUT", today=pd.Timestamp("2024-07-16")).notes
()
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from rotascope.errors import AsOfError

__all__ = [
    "STALE_SESSIONS",
    "AsOf",
    "Note",
    "parse_asof",
    "parse_date",
    "resolve_asof",
    "resolve_on",
]

#: Data whose last date is more than this many NYSE sessions before today is "stale".
STALE_SESSIONS = 5

NoteCode = Literal["moved", "stale", "basis", "gaps", "skipped", "coverage", "source", "other"]

_LATEST = {"latest", "last", "today", "now", ""}


@dataclass(frozen=True)
class Note:
    """One thing a reader must be told about a result (said once, by every front end).

    Attributes
    ----------
    code : str
        What kind of note: ``moved`` (the as-of date moved to an earlier session),
        ``stale`` (the data end well before today), ``basis`` (total return asked,
        price used), ``gaps`` (sessions one series of a pair lacks), ``skipped`` (a
        pair or section left out, and why), ``coverage`` (how much of a universe
        has data), ``source`` (where the data came from).
    text : str
        The sentence, complete and plain.
    """

    code: str
    text: str

    def to_dict(self) -> dict[str, str]:
        """Return ``{"code": ..., "text": ...}``."""
        return {"code": self.code, "text": self.text}

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class AsOf:
    """The as-of date of a result: what was asked, what was used, and the notes.

    Attributes
    ----------
    session : pandas.Timestamp
        The date whose data (and only earlier data) the result uses.
    requested : pandas.Timestamp or None
        The date asked for; ``None`` for "latest".
    data_end : pandas.Timestamp
        The last date of the data the date was resolved against.
    notes : tuple of Note
        ``moved`` and ``stale`` notes, when they apply.
    """

    session: pd.Timestamp
    requested: pd.Timestamp | None = None
    data_end: pd.Timestamp | None = None
    notes: tuple[Note, ...] = field(default=())

    @property
    def date(self) -> dt.date:
        """The session as a :class:`datetime.date`."""
        return self.session.date()

    @property
    def latest(self) -> bool:
        """True when no date was asked for (the data's last date is used)."""
        return self.requested is None

    @property
    def moved(self) -> bool:
        """True when the date asked for had no data and an earlier date is used."""
        return self.requested is not None and self.requested != self.session

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "session": self.session.date().isoformat(),
            "requested": None if self.requested is None else self.requested.date().isoformat(),
            "data_end": None if self.data_end is None else self.data_end.date().isoformat(),
            "notes": [n.to_dict() for n in self.notes],
        }

    @classmethod
    def at(cls, session: Any) -> AsOf:
        """An as-of pinned to ``session`` with no notes (for inner code and tests)."""
        ts = parse_date(session, "asof")
        return cls(session=ts, requested=ts, data_end=None)


def parse_date(value: Any, param: str = "date") -> pd.Timestamp:
    """Parse a user-supplied date once, at the boundary.

    Parameters
    ----------
    value : str, date, datetime, numpy.datetime64 or pandas.Timestamp
        The date; strings in ISO form (``2024-07-16``).
    param : str
        Parameter name used in the error message.

    Returns
    -------
    pandas.Timestamp
        Tz-naive, normalised to midnight.

    Raises
    ------
    AsOfError
        When the value is not a date, or is outside the years 1800-2200.

    Examples
    --------
    >>> parse_date("2024-07-16").isoformat()
    '2024-07-16T00:00:00'
    """
    if isinstance(value, pd.Timestamp):
        ts = value
    elif isinstance(value, dt.date | dt.datetime):
        ts = pd.Timestamp(value)
    else:
        text = str(value).strip()
        try:
            if len(text) > 40:
                raise ValueError
            ts = pd.Timestamp(text)
        except (ValueError, TypeError, OverflowError):
            raise AsOfError(
                f"{param}: {text[:40]!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-07-16"
            ) from None
    if pd.isna(ts):
        raise AsOfError(f"{param}: a date is required (YYYY-MM-DD)")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    if not 1800 <= ts.year <= 2200:
        raise AsOfError(f"{param}: {str(value)[:40]!r} is not a date between 1800 and 2200")
    return ts.normalize()


def parse_asof(value: Any, param: str = "asof") -> pd.Timestamp | None:
    """Parse an as-of argument: ``None``/``"latest"`` -> ``None``, else a date.

    Examples
    --------
    >>> parse_asof("latest") is None, parse_asof("2024-07-16").day
    (True, 16)
    """
    if value is None:
        return None
    if isinstance(value, AsOf):
        return value.requested
    if isinstance(value, str) and value.strip().lower() in _LATEST:
        return None
    return parse_date(value, param)


def _fmt(ts: pd.Timestamp) -> str:
    return f"{ts:%b} {ts.day}, {ts.year}"


def _sessions_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """NYSE sessions after ``start`` up to and including ``end`` (0 if none)."""
    if end <= start:
        return 0
    from rotascope.calendar import nyse_sessions

    return len(nyse_sessions(start + pd.Timedelta(days=1), end))


def _why_no_data(day: pd.Timestamp) -> str:
    if day.dayofweek >= 5:
        return f"is a {day:%A}"
    from rotascope.calendar import is_session

    try:
        return "has no data" if is_session(day) else "is a market holiday"
    except AsOfError:
        return "has no data"


def resolve_asof(
    value: Any,
    dates: pd.DatetimeIndex,
    *,
    what: str,
    today: pd.Timestamp | None = None,
    param: str = "asof",
) -> AsOf:
    """Resolve an as-of argument against the dates of the data, once.

    Parameters
    ----------
    value : date-like, "latest", None or AsOf
        What the caller asked for. An :class:`AsOf` is re-resolved from its
        ``requested`` date (so one request resolves the same against every series).
    dates : pandas.DatetimeIndex
        Sorted dates with data (the subject's, or a universe's).
    what : str
        How to name the data in notes and errors (``"RUT"``, ``"the S&P 500 members"``).
    today : pandas.Timestamp, optional
        "Today" for the staleness note (default: the machine's date).
    param : str
        The parameter's name in error messages.

    Returns
    -------
    AsOf

    Raises
    ------
    AsOfError
        The date cannot be parsed, is before the first date of the data, or after the
        last one (ask for ``latest`` or update the data), or there is no data at all.
    """
    requested = parse_asof(value, param)
    if len(dates) == 0:
        raise AsOfError(f"{what} has no data; import it with `rotascope data import FILE`")
    first, last = pd.Timestamp(dates[0]), pd.Timestamp(dates[-1])
    if requested is None:
        notes: tuple[Note, ...] = ()
        now = pd.Timestamp(today if today is not None else dt.date.today()).normalize()
        behind = _sessions_between(last, now)
        if behind > STALE_SESSIONS:
            notes = (
                Note(
                    "stale",
                    f"The {what} data end on {_fmt(last)}, {behind:,} sessions before "
                    f"{_fmt(now)}; run `rotascope data update --all` to bring them up to date.",
                ),
            )
        return AsOf(session=last, requested=None, data_end=last, notes=notes)
    if requested < first:
        raise AsOfError(
            f"{param} {requested.date()} is before the {what} data, which run from "
            f"{first.date()} to {last.date()}; pick a date in that range"
        )
    if requested > last and _sessions_between(last, requested) > 0:
        raise AsOfError(
            f"{param} {requested.date()} is after the last {what} data ({last.date()}); "
            f"pick a date up to {last.date()}, ask for 'latest', or run "
            "`rotascope data update --all`"
        )
    pos = int(dates.searchsorted(requested, side="right")) - 1
    session = pd.Timestamp(dates[pos])
    if session == requested:
        return AsOf(session=session, requested=requested, data_end=last)
    note = Note(
        "moved",
        f"{_fmt(requested)} {_why_no_data(requested)}: the last {what} data before it, "
        f"{_fmt(session)}, is used.",
    )
    return AsOf(session=session, requested=requested, data_end=last, notes=(note,))


def resolve_on(value: Any, dates: pd.DatetimeIndex, *, what: str) -> AsOf:
    """The as-of of a result whose data have their own ``dates``.

    A raw value (a date, ``"latest"``, ``None``) is resolved by :func:`resolve_asof`. An
    :class:`AsOf` resolved elsewhere (the report's, the subject's) is a cut: the last of
    ``dates`` on or before its session is used, with a ``moved`` note when that is an
    earlier date; its own notes are kept.

    Parameters
    ----------
    value : AsOf, date-like, "latest" or None
    dates : pandas.DatetimeIndex
        Sorted dates with data.
    what : str
        How to name the data in notes and errors.

    Returns
    -------
    AsOf

    Raises
    ------
    AsOfError
        As :func:`resolve_asof`; for an ``AsOf``, when its session is before ``dates``.

    Examples
    --------
    >>> dates = pd.bdate_range("2024-07-01", "2024-07-12")
    >>> a = resolve_on(AsOf.at("2024-07-16"), dates, what="SMB")
    >>> a.session.date().isoformat(), a.notes[0].text
    ('2024-07-12', 'SMB has no data on Jul 16, 2024; its facts use its last data before it, Jul 12, 2024.')
    """  # noqa: E501
    if not isinstance(value, AsOf):
        return resolve_asof(value, dates, what=what)
    if len(dates) == 0:
        raise AsOfError(f"{what} has no data; import it with `rotascope data import FILE`")
    pos = int(dates.searchsorted(value.session, side="right")) - 1
    if pos < 0:
        raise AsOfError(
            f"asof {value.session.date()} is before the {what} data, which run from "
            f"{pd.Timestamp(dates[0]).date()} to {pd.Timestamp(dates[-1]).date()}; pick a "
            "date in that range"
        )
    used = pd.Timestamp(dates[pos])
    notes = value.notes
    if used != value.session:
        notes = (
            *notes,
            Note(
                "moved",
                f"{what} has no data on {_fmt(value.session)}; its facts use its last data "
                f"before it, {_fmt(used)}.",
            ),
        )
    return AsOf(session=used, requested=value.requested, data_end=pd.Timestamp(dates[-1]),
                notes=notes)  # fmt: skip
