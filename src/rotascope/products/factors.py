"""The factors product: a factor's long windows and drawdown, its returns by decade, and a
pair's long-run gap.

:func:`factors`, :func:`factor_decades` and :func:`factor_pair` are what ``rotascope
factors show|decades|pair``, the report's factor section and the Python API call. The
as-of date is resolved against the factor's (or the pair's first series') dates: a
date after them is an error; an :class:`~rotascope.asof.AsOf` resolved elsewhere (the
report's) is a cut, with a note when the factor's data end before it.

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2000-01-03", "2012-12-31", name="date")
>>> src = MemorySource({"SMB": pd.Series(0.0001, index=idx)})
>>> r = factors(src, "SMB", windows=("10y",))
>>> [f.kind for f in r.facts], round(r.facts[0].value, 2)
(['factor', 'factor_drawdown'], 29.81)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from rotascope.asof import AsOf, Note, resolve_on
from rotascope.data.port import DataSource
from rotascope.kinds._longview import DECADE_SYMBOLS, check_factor
from rotascope.kinds.context import DEFAULT_YEARS
from rotascope.kinds.engine import engine_for
from rotascope.kinds.fact import Fact
from rotascope.kinds.factor import factor_facts
from rotascope.kinds.factor_decade import decade_frame
from rotascope.kinds.long_run import relative_facts
from rotascope.products.result import Result, unique_notes
from rotascope.symbols import canonical

__all__ = [
    "DecadeResult",
    "FactorResult",
    "factor_decades",
    "factor_pair",
    "factors",
]


def _facts_frame(facts: Sequence[Fact]) -> pd.DataFrame:
    rows = [
        {"kind": f.kind, "subject": f.subject, "versus": f.versus, "window": f.window,
         "asof": f.asof, "value": f.value, "unit": f.unit, "sentence": f.text}
        for f in facts
    ]  # fmt: skip
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class FactorResult(Result):
    """Facts of a factor (``factor``, ``factor_drawdown``) or a pair (``long_run``).

    Attributes
    ----------
    subject : str
    versus : str or None
        The pair's second series (``factor_pair``).
    facts : tuple of Fact
        Window facts (with ``worst_periods`` and ``best_periods`` in their details),
        then the drawdown.
    asof : AsOf
    notes : tuple of Note
    data_version : str
    """

    subject: str
    versus: str | None
    facts: tuple[Fact, ...]
    asof: AsOf
    notes: tuple[Note, ...] = ()
    data_version: str = ""

    def to_frame(self) -> pd.DataFrame:
        """One row per fact."""
        return _facts_frame(self.facts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the facts, the as-of, notes and version."""
        return {
            "subject": self.subject,
            "versus": self.versus,
            "facts": [f.to_dict() for f in self.facts],
            **self.common_dict(),
        }


@dataclass(frozen=True)
class DecadeResult(Result):
    """Compounded factor returns per calendar decade.

    Attributes
    ----------
    frame : pandas.DataFrame
        :func:`~rotascope.kinds.factor_decade.decade_frame`: one row per decade, one
        column of fractions per factor, ``partial`` and ``through``.
    asof : AsOf
    notes : tuple of Note
    data_version : str
    """

    frame: pd.DataFrame
    asof: AsOf
    notes: tuple[Note, ...] = ()
    data_version: str = ""

    def to_frame(self) -> pd.DataFrame:
        """The decade table."""
        return self.frame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: one record per decade, the as-of, notes and version."""
        data = self.frame.copy()
        data["through"] = data["through"].map(lambda d: None if pd.isna(d) else f"{d:%Y-%m-%d}")
        rows = data.reset_index().astype(object).where(data.reset_index().notna(), None)
        return {"decades": rows.to_dict(orient="records"), **self.common_dict()}


def _when(source: DataSource, symbol: str, asof: Any) -> AsOf:
    sym = canonical(symbol)
    dates = pd.DatetimeIndex(source.series(sym, "close").index)
    return resolve_on(asof, dates, what=sym)


def factors(
    source: DataSource,
    symbol: str,
    asof: AsOf | Any = None,
    windows: Sequence[str | int] = DEFAULT_YEARS,
    *,
    top: int = 5,
    drawdown: bool = True,
) -> FactorResult:
    """A factor's compounded return over each year window, ranked, and its drawdown.

    Raises
    ------
    UnknownSymbol, DataError
        No such symbol, or not a factor.
    AsOfError
        A date outside the factor's data, or a window longer than its history.
    """
    sym = canonical(symbol)
    check_factor(sym)
    when = _when(source, sym, asof)
    found = factor_facts(
        source, sym, asof=when.session, windows=windows, top=top, drawdown=drawdown
    )
    return FactorResult(sym, None, tuple(found), when, when.notes, source.version())


def factor_decades(
    source: DataSource, symbols: Iterable[str] | None = None, asof: AsOf | Any = None
) -> DecadeResult:
    """Compounded factor returns per calendar decade, to a date (resolved against the
    first factor's dates)."""
    syms = DECADE_SYMBOLS if symbols is None else tuple(canonical(s) for s in symbols)
    present = [s for s in syms if s in set(source.symbols())] or list(syms)
    when = _when(source, present[0], asof)
    frame = decade_frame(source, syms, when.session)
    return DecadeResult(frame, when, when.notes, source.version())


def factor_pair(
    source: DataSource,
    subject: str,
    versus: str,
    windows: Sequence[str | int] = ("10y",),
    asof: AsOf | Any = None,
    *,
    top: int = 5,
) -> FactorResult:
    """A pair's total-return gap over long windows, ranked (``long_run`` facts).

    Raises
    ------
    AsOfError
        A date outside the subject's data, or no complete window by it.
    """
    a, b = canonical(subject), canonical(versus)
    when = _when(source, a, asof)
    found = relative_facts(source, a, b, windows=windows, asof=when.session, top=top)
    engine = engine_for(source)
    basis = [n for s in (a, b) for n in engine.series(s, "total_return").notes]
    notes = unique_notes((*when.notes, *basis))
    return FactorResult(a, b, tuple(found), when, notes, source.version())
