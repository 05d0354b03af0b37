"""The breadth product: how many of an index's members join a move, with coverage.

:func:`breadth` is what ``rotascope breadth``, the report's breadth section and
:func:`rotascope.breadth` call. The as-of date is resolved against the dates of the
universe's member closes (not any one index's), and a ``coverage`` note says how many
tickers of the membership history have no closes.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2023-01-02", periods=300, name="date")
>>> rng = np.random.default_rng(0)
>>> closes = {t: pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, 300))), idx)
...           for t in ("A", "B", "C")}
>>> spells = pd.DataFrame({"ticker": ["A", "B", "C", "D"], "start": idx[0], "end": pd.NaT})
>>> r = breadth(MemorySource(closes, membership={"TOY": spells}), "2024-02-24", "TOY")
>>> r.date.isoformat(), [f.kind for f in r.facts]
('2024-02-23', ['breadth', 'breadth', 'breadth_highs_lows'])
>>> [n.code for n in r.notes]
['moved', 'coverage']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from rotascope.asof import AsOf, Note, resolve_on
from rotascope.data.port import DataSource
from rotascope.kinds._breadth import UNIVERSE_NAMES, universe_from
from rotascope.kinds.breadth import breadth_facts, breadth_table_facts
from rotascope.kinds.fact import Fact
from rotascope.products.result import Result, unique_notes

__all__ = ["BreadthResult", "breadth"]


@dataclass(frozen=True)
class BreadthResult(Result):
    """Breadth facts of a universe as of a date.

    Attributes
    ----------
    universe : str
        The universe's name (``SP500``).
    facts : tuple of Fact
        ``breadth`` (above the 50- and 200-day averages) and ``breadth_highs_lows``.
    stocks : int
        Tickers with closes.
    without_closes : int
        Tickers of the membership history with no closes.
    asof : AsOf
    notes : tuple of Note
    data_version : str
    """

    universe: str
    facts: tuple[Fact, ...]
    stocks: int
    without_closes: int
    asof: AsOf
    notes: tuple[Note, ...] = ()
    data_version: str = ""

    @property
    def date(self) -> dt.date:
        """The date the facts are as of."""
        return self.facts[0].asof

    def to_frame(self) -> pd.DataFrame:
        """One row per fact: measure, value, members, with data, eligible, record since,
        sentence."""
        rows = []
        for f in self.facts:
            d = f.details
            rows.append(
                {
                    "measure": f.label,
                    "value": f.value,
                    "unit": f.unit,
                    "highs": d.get("highs"),
                    "lows": d.get("lows"),
                    "members": d.get("members"),
                    "with_data": d.get("with_data"),
                    "eligible": d.get("eligible"),
                    "record_since": None if f.record is None else f.record.since,
                    "sentence": f.text,
                }
            )
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the facts, the coverage counts, the as-of, notes and version."""
        return {
            "universe": self.universe,
            "facts": [f.to_dict() for f in self.facts],
            "stocks": self.stocks,
            "without_closes": self.without_closes,
            **self.common_dict(),
        }


def breadth(source: DataSource, asof: AsOf | Any = None, universe: str = "SP500") -> BreadthResult:
    """Breadth facts of ``universe`` as of a date.

    Parameters
    ----------
    source : DataSource
        Needs the universe's membership and its members' closes.
    asof : AsOf, date-like or "latest", optional
        Resolved against the dates of the members' closes (an ``AsOf`` is a cut).
    universe : str
        The stored membership's name.

    Raises
    ------
    DataError
        The source has no membership for ``universe``.
    AsOfError
        A date outside the members' closes.
    """
    u = universe_from(source, universe)
    name = UNIVERSE_NAMES.get(u.name, u.name)
    missing = sorted(set(u.spells["ticker"]) - set(u.closes.columns))
    if u.closes.empty:  # no member closes: the breadth series precomputed for the source
        table = source.breadth(u.name)
        when = resolve_on(asof, pd.DatetimeIndex(table.index), what=f"{name} breadth")
        facts = breadth_table_facts(table, u.name, when.session)
        coverage = Note(
            "coverage",
            f"No {name} member closes are stored: the breadth series precomputed from the "
            "bundled dataset's member closes are used (import closes with `rotascope data "
            "import FOLDER` to compute them yourself).",
        )
    else:
        dates = pd.DatetimeIndex(u.closes.dropna(how="all").index)
        when = resolve_on(asof, dates, what=f"{name} members'")
        facts = breadth_facts(u, when.session)
        coverage = Note(
            "coverage",
            f"{u.closes.shape[1]:,} stocks with closes; {len(missing):,} tickers of the "
            f"{name} membership history have none (mostly stocks that left the index before "
            "the closes' coverage).",
        )
    return BreadthResult(
        u.name, tuple(facts), int(u.closes.shape[1]), len(missing), when,
        unique_notes((*when.notes, coverage)), source.version(),
    )  # fmt: skip
