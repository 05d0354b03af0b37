"""The facts product: every fact about a series and its pairs as of a date, with notes.

:func:`facts` is what ``rotascope facts``, ``GET /api/facts``, the report and
:func:`rotascope.facts` all call. It resolves the as-of against the subject's dates
(the one as-of rule, :func:`rotascope.asof.resolve_asof`) unless it is given an
:class:`~rotascope.asof.AsOf` already, runs the fact engine and adds the notes the
engine leaves to products: a pair that gets no pair facts, and why.

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2024-01-01", periods=30, name="date")
>>> src = MemorySource({"AAA": pd.Series([100.0] * 25 + [101, 103, 105, 108, 110.0], idx),
...                     "DGS10": pd.Series(4.0, idx)})
>>> fs = facts(src, "AAA", versus="DGS10", asof="2024-02-10", windows=(5,), context=False)
>>> [n.code for n in fs.notes]
['moved', 'skipped']
>>> fs.notes[1].text
'AAA vs the 10-year Treasury yield: no pair facts (spread, ratio): the 10-year Treasury yield is a yield (its changes are in basis points), not a price.'
"""  # noqa: E501

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from rotascope._typing import Basis
from rotascope.asof import AsOf, Note
from rotascope.data.port import DataSource
from rotascope.kinds.engine import DEFAULT_WINDOWS, FactEngine, engine_for
from rotascope.kinds.factset import FactSet
from rotascope.kinds.memo import SeriesData
from rotascope.kinds.windows import split_windows
from rotascope.products.result import unique_notes
from rotascope.wording import the_name

__all__ = ["DEFAULT_WINDOWS", "asof_for", "facts"]


def asof_for(source: DataSource, subject: str, asof: Any = None, basis: Basis = "price") -> AsOf:
    """Resolve ``asof`` against ``subject``'s dates (for entries that key a cache on it).

    Raises
    ------
    AsOfError
        Not a date, or outside the subject's data.
    UnknownSymbol
        ``subject`` is not in the source.
    """
    return engine_for(source).asof_for(subject, asof, basis)


def facts(
    source: DataSource,
    subject: str,
    versus: str | Sequence[str] | None = None,
    asof: AsOf | Any = None,
    windows: Iterable[int | str] | None = None,
    basis: Basis = "price",
    *,
    context: bool = True,
    since: Any = None,
    from_: Any = None,
    to: Any = None,
) -> FactSet:
    """Every fact about ``subject`` and each pair with ``versus``, as of a date.

    Parameters
    ----------
    source : DataSource
        Where the series come from.
    subject : str
        Symbol (aliases such as ``^GSPC`` are resolved).
    versus : str or sequence of str, optional
        Series to compare with.
    asof : AsOf, date-like or "latest", optional
        An ``AsOf`` built at the entry, or a value resolved here against the subject's
        dates (a non-session moves to the session before, with a note; a date after the
        data is an error). Default: the subject's last date.
    windows : iterable of int or str, optional
        Sessions (``5``) and calendar years (``"10y"``). Default 1, 5, 21, 63, 252.
    basis : {"price", "total_return"}
        Closes or adjusted closes.
    context : bool
        Add streak, event-study, catalyst and rate-beta facts.
    since : date-like, optional
        Add the return since this date (and, for a pair, the gap) as of the as-of date.
    from_, to : date-like, optional
        Add the return between two dates (``to`` is also the as-of date when ``asof``
        is not given).

    Returns
    -------
    FactSet
        The facts, the as-of, the notes (the as-of's, the engine's, and a ``skipped``
        note for each pair that gets no pair facts) and the data version.

    Raises
    ------
    WindowError
        A window that is neither sessions nor years (before any data is read).
    UnknownSymbol, AsOfError
        A symbol with no data; a date outside the subject's data.
    """
    wins = DEFAULT_WINDOWS if windows is None else tuple(windows)
    split_windows(wins)  # a bad window fails before any data is read
    engine = engine_for(source)
    if isinstance(asof, AsOf):
        when = asof
    else:
        when = engine.asof_for(subject, asof if asof is not None else to, basis)
    found = engine.facts(
        subject, versus=versus, asof=when, windows=wins or DEFAULT_WINDOWS, basis=basis,
        context=context, since=since, from_=from_, to=to,
    )  # fmt: skip
    extra = _skipped_pairs(engine, subject, versus, basis, when)
    if not extra:
        return found
    return dataclasses.replace(found, notes=unique_notes((*found.notes, *extra)))


def _skipped_pairs(
    engine: FactEngine,
    subject: str,
    versus: str | Sequence[str] | None,
    basis: Basis,
    when: AsOf,
) -> list[Note]:
    """A ``skipped`` note for each pair the engine gives no pair facts, saying why."""
    if versus is None:
        return []
    others = [versus] if isinstance(versus, str) else list(versus)
    resolve = engine.source.resolve  # the data decide what a short name means
    sym = resolve(subject)
    main = engine.series(sym, basis)
    out: list[Note] = []
    for other in dict.fromkeys(resolve(v) for v in others):
        if other == sym:
            continue
        data = engine.series(other, basis)
        why = _why_no_pair(main, data)
        if why is None:
            day = main.day_on_or_before(when.session)
            if day is not None and engine.memo.common_day(main, data, day) is None:
                why = "the two series have no session in common by that date"
        if why is not None:
            out.append(
                Note(
                    "skipped",
                    f"{the_name(sym, start=True)} vs {the_name(other)}: no pair facts (spread, "
                    f"ratio): {why}.",
                )
            )
    return out


def _why_no_pair(a: SeriesData, b: SeriesData) -> str | None:
    yields = [d for d in (a, b) if d.is_yield]
    if not yields:
        return None
    if len(yields) == 2:
        return "both are yields; each one's changes in basis points are stated above"
    return f"{the_name(yields[0].symbol)} is a yield (its changes are in basis points), not a price"
