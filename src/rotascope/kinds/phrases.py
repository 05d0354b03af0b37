"""Clauses shared by the kinds' templates: when a record is worth saying, and how.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Record
>>> r = Record("high", dt.date(2020, 4, 29), 11.8, 22, 9279, dt.date(1987, 9, 10))
>>> record_phrase(r, dt.date(2024, 7, 16), "biggest", "five-session gain")
'its biggest five-session gain since Apr 29, 2020'
>>> is_notable(r, dt.date(2020, 5, 1))  # two days back, but 22nd of 9,279: not top 10
False
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rotascope._typing import DateLike
from rotascope.kinds.fact import Record
from rotascope.wording import fmt_date, fmt_month, ordinal

__all__ = [
    "NOTABLE_DAYS",
    "NOTABLE_RANK",
    "as_date",
    "far_back",
    "is_notable",
    "join",
    "record_phrase",
    "since_phrase",
]

#: A record is worth a clause when it reaches back this many days ...
NOTABLE_DAYS = 28
#: ... or ranks this high.
NOTABLE_RANK = 10


def as_date(value: Any) -> dt.date:
    """A date from a date, datetime, Timestamp or ISO string (details read from JSON)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def is_notable(record: Record | None, asof: dt.date) -> bool:
    """Whether a record is worth a clause: all-time, older than four weeks, or top 10."""
    if record is None:
        return False
    if record.since is None:
        return record.out_of > 1
    return (as_date(asof) - record.since).days >= NOTABLE_DAYS or record.rank <= NOTABLE_RANK


def far_back(since: DateLike | float | None, asof: DateLike) -> bool:
    """Whether news dated back to ``since`` reaches at least :data:`NOTABLE_DAYS` (``None``:
    never before, so yes).

    Examples
    --------
    >>> far_back("2024-06-01", "2024-07-16"), far_back("2024-07-10", "2024-07-16")
    (True, False)
    """
    if since is None or (isinstance(since, float) and since != since):
        return True
    return (as_date(asof) - as_date(since)).days >= NOTABLE_DAYS


def since_phrase(record: Record, noun: str) -> str:
    """``"its highest since Apr 1, 2024"`` or ``"its highest on record (since Sep 1987)"``.

    Examples
    --------
    >>> import datetime as dt
    >>> r = Record("low", None, None, 1, 99, dt.date(1987, 9, 10))
    >>> since_phrase(r, "lowest")
    'its lowest on record (since Sep 1987)'
    """
    if record.since is None:
        return f"its {noun} on record (since {fmt_month(record.history_start)})"
    return f"its {noun} since {fmt_date(record.since)}"


def record_phrase(
    record: Record | None,
    asof: dt.date,
    superlative: str,
    noun: str,
    *,
    rank_noun: str = "",
    rank_word: str = "largest",
) -> str:
    """Clause such as ``"its biggest five-session gain since Apr 29, 2020"``.

    Parameters
    ----------
    record : Record or None
    asof : datetime.date
    superlative : str
        ``"biggest"``, ``"best"``, ``"widest"``...
    noun : str
        ``"five-session gain"``, ``"day"``...
    rank_noun : str
        What is ranked; no rank clause when empty.
    rank_word : str
        Superlative of the rank clause (``"largest"``, ``"widest"``).

    Returns
    -------
    str
        Empty when the record is not notable (:func:`is_notable`).
    """
    if record is None or not is_notable(record, asof):
        return ""
    if record.since is None:
        return f"the {superlative} {noun} on record (since {fmt_month(record.history_start)})"
    text = f"its {superlative} {noun} since {fmt_date(record.since)}"
    if rank_noun and 1 < record.rank <= NOTABLE_RANK:
        text += (
            f" (the {ordinal(record.rank)} {rank_word} {rank_noun} "
            f"since {record.history_start.year})"
        )
    return text


def join(main: str, clause: str) -> str:
    """``"main, clause."`` or ``"main."``."""
    return f"{main}, {clause}." if clause else f"{main}."
