"""Breadth facts: how many index members are above their averages, at highs, advancing.

Coverage is part of every fact: the members on the date, how many of them have data,
and how many have enough history. The shipped constituent closes cover only stocks
that were S&P 500 members in 2024, so earlier breadth is survivorship-biased; the
sentence says so whenever coverage is below 95%.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from rotascope.calendar import parse_date
from rotascope.errors import AsOfError
from rotascope.facts.fact import Fact, Record
from rotascope.facts.text import fmt_date, fmt_month, is_notable, ordinal, pct
from rotascope.measures.breadth import (
    above_average,
    advance_decline,
    equal_weight_returns,
    membership_mask,
    new_highs_lows,
)
from rotascope.measures.records import record_row, records

__all__ = [
    "COVERAGE_WARNING",
    "Universe",
    "breadth_facts",
    "breadth_table",
    "breadth_table_facts",
]

#: Names of universes in sentences.
UNIVERSE_NAMES = {"SP500": "S&P 500"}

#: Below this share of members with data, sentences carry a coverage warning.
COVERAGE_WARNING = 0.95


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


def breadth_table(universe: Universe, asof: object = None) -> pd.DataFrame:
    """Daily breadth series of ``universe`` up to ``asof`` (no later data used).

    Returns
    -------
    DataFrame
        Per date: ``members``, ``with_data``, ``coverage``, ``above_50``,
        ``above_200`` (shares), ``eligible_200``, ``highs``, ``lows`` (52-week),
        ``ad_line``, ``equal_weight`` (daily return of the members' average).
    """
    closes = universe.closes
    if asof is not None:
        closes = closes.loc[: parse_date(asof, "asof")]
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


def _record(series: pd.Series, date: pd.Timestamp, direction: str) -> Record | None:
    row = record_row(records(series.dropna(), direction), date)  # type: ignore[arg-type]
    return None if row is None else Record(direction=direction, **row)


def _coverage_note(row: pd.Series) -> str:
    cov = float(row["coverage"])
    if cov >= COVERAGE_WARNING:
        return ""
    return (
        f" Coverage is {pct(cov)} ({int(row['with_data'])} of {int(row['members'])} members "
        "have data; the shipped closes cover 2024 members only, so earlier breadth is "
        "survivorship-biased)."
    )


def _since_words(rec: Record | None, most: bool, date: pd.Timestamp) -> str:
    if not is_notable(rec, date.date()) or rec is None:
        return ""
    word = "most" if most else "fewest"
    if rec.since is None:
        return f", the {word} since records began in {fmt_month(rec.history_start)}"
    if rec.rank <= 3 and rec.out_of > 250:
        return f", the {word} since {fmt_date(rec.since)} ({ordinal(rec.rank)} of {rec.out_of})"
    return f", the {word} since {fmt_date(rec.since)}"


def breadth_facts(
    universe: Universe, asof: object = None, *, windows: Sequence[int] = (50, 200)
) -> list[Fact]:
    """Breadth facts as of ``asof`` (the last date with data on or before it).

    Raises
    ------
    AsOfError
        When the universe has no data on or before ``asof``.
    """
    table = breadth_table(universe, asof)
    if table[table["eligible_50"] > 0].empty:
        raise AsOfError(
            f"no breadth data on or before {asof}; the universe's closes start "
            f"{universe.closes.index.min().date()}"
        )
    return breadth_table_facts(table, universe.name, None, windows=windows)


def breadth_table_facts(
    table: pd.DataFrame, name: str, asof: object = None, *, windows: Sequence[int] = (50, 200)
) -> list[Fact]:
    """Breadth facts from a breadth table (:func:`breadth_table`, or one precomputed by
    ``scripts/build_bundled.py``), as of ``asof``: only rows dated on or before it are used.

    Raises
    ------
    AsOfError
        When the table has no row with data on or before ``asof``.
    """
    if asof is not None:
        table = table.loc[: parse_date(asof, "asof")]
    table = table[table["eligible_50"] > 0]
    if table.empty:
        raise AsOfError(f"no breadth data on or before {asof}")
    date = pd.Timestamp(table.index[-1])
    row = table.iloc[-1]
    uname = UNIVERSE_NAMES.get(name, name)
    note = _coverage_note(row)
    details = {
        "members": int(row["members"]),
        "with_data": int(row["with_data"]),
        "coverage": float(row["coverage"]),
        "universe": name,
    }
    out: list[Fact] = []
    for w in windows:
        col = f"above_{w}"
        if col not in table:
            continue
        share = float(row[col])
        series = table[col]
        hi, lo = _record(series, date, "high"), _record(series, date, "low")
        pick = hi if (hi and hi.since is None) or (hi and lo and hi.rank <= lo.rank) else lo
        most = pick is hi
        eligible = int(row[f"eligible_{w}"])
        text = (
            f"{pct(share)} of {uname} members were above their {w}-day average on "
            f"{fmt_date(date)} ({round(share * eligible)} of {eligible} with enough history)"
            f"{_since_words(pick, most, date)}.{note}"
        )
        out.append(
            Fact(
                kind="breadth",
                subject=name,
                asof=date.date(),
                value=share,
                unit="pct",
                text=text,
                window=w,
                record=pick,
                label=f"share above {w}-day average",
                details={
                    **details,
                    "eligible": eligible,
                    "excluded": int(row["members"]) - eligible,
                },
            )
        )
    highs, lows = int(row["highs"]), int(row["lows"])
    out.append(
        Fact(
            kind="breadth",
            subject=name,
            asof=date.date(),
            value=float(highs - lows),
            unit="count",
            text=(
                f"{highs} {uname} members closed at a 52-week high and {lows} at a "
                f"52-week low on {fmt_date(date)} (of {int(row['eligible_252'])} with a year "
                f"of history); {int(row['advancers'])} rose and {int(row['decliners'])} fell."
                f"{note}"
            ),
            window=252,
            label="52-week highs minus lows",
            details={
                **details,
                "highs": highs,
                "lows": lows,
                "advancers": int(row["advancers"]),
                "decliners": int(row["decliners"]),
            },
        )
    )
    return out
