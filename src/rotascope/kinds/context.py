"""What a kind's builder is given: the memo, the session, the series and the request.

The engine makes one :class:`Context` per call of a builder (see the scopes of
:mod:`rotascope.kinds.registry`); builders read measures through ``ctx.memo`` (so each
whole-history measure is computed once) and look only at data dated ``ctx.day`` or
earlier.

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> from rotascope.kinds.memo import Memo
>>> idx = pd.bdate_range("2024-01-01", periods=3, name="date")
>>> memo = Memo(MemorySource({"AAA": pd.Series([1.0, 2.0, 3.0], idx)}))
>>> ctx = Context(memo, idx[-1], memo.series("AAA"), windows=(1,))
>>> ctx.price_pair, float(ctx.close.iloc[-1])
(False, 3.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from rotascope.asof import Note
from rotascope.kinds.memo import Memo, SeriesData
from rotascope.symbols import info

__all__ = ["DEFAULT_YEARS", "Context", "Span"]

#: Year windows of factor facts when none are asked for.
DEFAULT_YEARS: tuple[str, ...] = ("1y", "3y", "5y", "10y")


@dataclass(frozen=True)
class Span:
    """A span the question names: ``since`` a date, or ``from_`` a date ``to`` another.

    Attributes
    ----------
    start : pandas.Timestamp
        The first date (the base close is the close on it, or the last one before).
    end : pandas.Timestamp
        The last date (the as-of session for ``since``).
    since : bool
        True for "since" (to the as-of session), False for "from ... to ...".
    """

    start: pd.Timestamp
    end: pd.Timestamp
    since: bool = True


@dataclass(frozen=True)
class Context:
    """One call of a kind's builder.

    Attributes
    ----------
    memo : Memo
        Series and whole-history measures of the data source.
    day : pandas.Timestamp
        The session the facts are as of (for a pair: the pair's last common session).
    data : SeriesData
        The series the facts are about (the subject, or a comparison series in scope
        ``series``).
    other : SeriesData or None
        The pair's second series (scopes ``pair``, ``pair_context``, ``long_run``).
    windows : tuple of int
        Session windows asked for.
    years : tuple of str
        Year windows asked for (``"10y"``).
    main : bool
        True for the subject, False for a comparison series (scope ``series``).
    others : tuple of SeriesData
        The subject's comparison series (scope ``series`` for the subject).
    span : Span or None
        The span the question names (scope ``span``; ``None`` otherwise).
    notes : list of Note
        Where a builder says why it made nothing (data it needs are absent); the
        engine adds them to the FactSet's notes.
    """

    memo: Memo
    day: pd.Timestamp
    data: SeriesData
    other: SeriesData | None = None
    windows: tuple[int, ...] = ()
    years: tuple[str, ...] = ()
    main: bool = True
    others: tuple[SeriesData, ...] = ()
    span: Span | None = None
    notes: list[Note] = field(default_factory=list, compare=False)

    @property
    def close(self) -> pd.Series:
        """``data``'s values up to ``day``."""
        return self.data.values.loc[: self.day]

    @property
    def other_close(self) -> pd.Series:
        """``other``'s values up to ``day``."""
        assert self.other is not None
        return self.other.values.loc[: self.day]

    @property
    def price_pair(self) -> bool:
        """True when both series of a pair are prices or levels (not yields)."""
        return self.other is not None and not self.data.is_yield and not self.other.is_yield

    def is_price(self, data: SeriesData | None = None) -> bool:
        """True when the series is an index or ETF price (the symbol registry's unit)."""
        d = self.data if data is None else data
        return info(d.symbol).unit == "price"
