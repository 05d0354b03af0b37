"""Breadth of an index: its members' closes, point-in-time membership and daily counts.

Coverage is part of every breadth fact: the members on the date, how many of them have
data, and how many have enough history. The shipped constituent closes cover only stocks
that were S&P 500 members in 2024, so earlier breadth is survivorship-biased; the
sentences say so whenever coverage is below :data:`COVERAGE_WARNING`.

Examples
--------
>>> import pandas as pd
>>> idx = pd.bdate_range("2024-01-01", periods=3)
>>> u = Universe("X", pd.DataFrame({"A": [1.0, 2.0, 3.0]}, index=idx),
...              pd.DataFrame({"ticker": ["A"], "start": [idx[0]], "end": [pd.NaT]}))
>>> u.members().sum().tolist()
[3]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from rotascope.data.port import DataSource
from rotascope.measures.breadth import (
    above_average,
    advance_decline,
    equal_weight_returns,
    membership_mask,
    new_highs_lows,
)
from rotascope.wording import pct

__all__ = [
    "COVERAGE_WARNING",
    "UNIVERSE_NAMES",
    "Universe",
    "breadth_table",
    "coverage_note",
    "universe_from",
]

#: Names of universes in sentences.
UNIVERSE_NAMES = {"SP500": "S&P 500"}

#: Below this share of members with data (percent), sentences carry a coverage warning.
COVERAGE_WARNING = 95.0


@dataclass(frozen=True)
class Universe:
    """Closes of an index's stocks and its point-in-time membership.

    Attributes
    ----------
    name : str
        Universe name (``SP500``).
    closes : DataFrame
        (dates x tickers) closes; NaN where a stock has no value.
    spells : DataFrame
        Membership spells: ``ticker``, ``start``, ``end``.
    """

    name: str
    closes: pd.DataFrame
    spells: pd.DataFrame

    def members(self, closes: pd.DataFrame | None = None) -> pd.DataFrame:
        """Membership mask over the rows of ``closes`` (default: all)."""
        c = self.closes if closes is None else closes
        tickers = pd.Index(sorted(set(self.spells["ticker"])), dtype=object)
        return membership_mask(self.spells, pd.DatetimeIndex(c.index), tickers)


def universe_from(
    source: DataSource, name: str = "SP500", end: pd.Timestamp | None = None
) -> Universe:
    """The universe ``name`` from a data source: its membership and members' closes.

    Raises
    ------
    DataError
        The source has no membership for ``name``.
    """
    spells = source.membership(name)
    closes = source.member_closes(sorted(set(spells["ticker"])), end=end)
    return Universe(name.upper(), closes, spells)


def breadth_table(universe: Universe, asof: pd.Timestamp | None = None) -> pd.DataFrame:
    """Daily breadth series of ``universe`` up to ``asof`` (no later data used).

    Returns
    -------
    DataFrame
        Per date: ``members``, ``with_data``, ``coverage`` (fraction), ``above_50``,
        ``above_200`` (fractions), ``eligible_*``, ``highs``, ``lows`` (52-week),
        ``ad_line``, ``advancers``, ``decliners``, ``equal_weight``.
    """
    closes = universe.closes
    if asof is not None:
        closes = closes.loc[:asof]
    # a year and a half of warm-up before the first spell is all the averages need
    first = pd.Timestamp(universe.spells["start"].min()) - pd.DateOffset(days=550)
    closes = closes.loc[first:]
    tickers = pd.Index(sorted(set(universe.spells["ticker"])), dtype=object)
    closes = closes.reindex(columns=tickers)
    members = membership_mask(universe.spells, pd.DatetimeIndex(closes.index), tickers)
    a50 = above_average(closes, members, window=50)
    a200 = above_average(closes, members, window=200)
    hl = new_highs_lows(closes, members, window=252)
    ad = advance_decline(closes, members)
    return pd.DataFrame(
        {
            "members": a200["members"],
            "with_data": a200["with_data"],
            "coverage": a200["with_data"] / a200["members"].where(a200["members"] > 0),
            "above_50": a50["share"],
            "eligible_50": a50["eligible"],
            "above_200": a200["share"],
            "eligible_200": a200["eligible"],
            "count_200": a200["count"],
            "highs": hl["highs"],
            "lows": hl["lows"],
            "eligible_252": hl["eligible"],
            "ad_line": ad["line"],
            "advancers": ad["advancers"],
            "decliners": ad["decliners"],
            "equal_weight": equal_weight_returns(closes, members),
        }
    )


def coverage_note(d: dict | object) -> str:
    """The coverage warning of a breadth fact's details (empty at 95% or more)."""
    get = d.get  # type: ignore[attr-defined]
    cov = get("coverage_pct")
    if cov is None or cov >= COVERAGE_WARNING:
        return ""
    return (
        f" Coverage is {pct(cov)} ({get('with_data')} of {get('members')} members "
        "have data; the shipped closes cover 2024 members only, so earlier breadth is "
        "survivorship-biased)."
    )
