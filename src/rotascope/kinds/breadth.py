"""Kind ``breadth``: the share of an index's members above their N-day average, with its
record; :func:`breadth_facts` also gives the 52-week highs and lows
(``breadth_highs_lows``).

"61.2% of S&P 500 members were above their 50-day average on Jul 16, 2024 (301 of 492
with enough history), the most since Mar 28, 2024."

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("breadth", "SP500", dt.date(2024, 7, 16), 61.2, "pct", "", window=50,
...               details={"eligible": 492, "universe": "SP500"}))
'61.2% of S&P 500 members were above their 50-day average on Jul 16, 2024 (301 of 492 with enough history).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from rotascope.errors import AsOfError
from rotascope.kinds._breadth import UNIVERSE_NAMES, Universe, breadth_table, coverage_note
from rotascope.kinds.breadth_highs_lows import highs_lows_fact
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.phrases import is_notable
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.records import record_at
from rotascope.wording import count, fmt_date, fmt_month, ordinal, pct

__all__ = [
    "KIND",
    "breadth_facts",
    "breadth_table_facts",
    "template",
]


def _since_words(rec: Record | None, f: Fact) -> str:
    if rec is None or not is_notable(rec, f.asof):
        return ""
    word = "most" if rec.direction == "high" else "fewest"
    if rec.since is None:
        return f", the {word} since records began in {fmt_month(rec.history_start)}"
    if rec.rank <= 3 and rec.out_of > 250:
        return (
            f", the {word} since {fmt_date(rec.since)} ({ordinal(rec.rank)} of {count(rec.out_of)})"
        )
    return f", the {word} since {fmt_date(rec.since)}"


def template(f: Fact) -> str:
    """The sentence of a ``breadth`` fact."""
    d = f.details
    uname = UNIVERSE_NAMES.get(str(d.get("universe")), str(d.get("universe")))
    eligible = int(d["eligible"])
    return (
        f"{pct(f.value)} of {uname} members were above their {f.window}-day average on "
        f"{fmt_date(f.asof)} ({round(f.value / 100.0 * eligible)} of {eligible} with enough "
        f"history){_since_words(f.record, f)}.{coverage_note(d)}"
    )


def _record(series: pd.Series, date: pd.Timestamp, direction: str) -> Record | None:
    row = record_at(series.dropna(), date, direction)  # type: ignore[arg-type]
    if row is None:
        return None
    if row["since_value"] is not None:
        row["since_value"] *= 100.0
    return Record(direction=direction, **row)


def breadth_facts(
    universe: Universe, asof: pd.Timestamp | None = None, *, windows: Sequence[int] = (50, 200)
) -> list[Fact]:
    """Breadth facts as of ``asof`` (the last date with data on or before it).

    Raises
    ------
    AsOfError
        When the universe has no data on or before ``asof``.
    """
    table = breadth_table(universe, asof)
    if table[table["eligible_50"] > 0].empty:
        when = "" if asof is None else f" on or before {asof.date()}"
        raise AsOfError(
            f"no breadth data{when}; the universe's closes start "
            f"{universe.closes.index.min().date()}"
        )
    return breadth_table_facts(table, universe.name, windows=windows)


def breadth_table_facts(
    table: pd.DataFrame,
    name: str,
    asof: pd.Timestamp | None = None,
    *,
    windows: Sequence[int] = (50, 200),
) -> list[Fact]:
    """Breadth facts from a breadth table (:func:`~rotascope.kinds._breadth.breadth_table`,
    or the one precomputed by ``scripts/build_bundled.py``) as of ``asof``: only rows dated
    on or before it are used.

    Raises
    ------
    AsOfError
        When the table has no row with data on or before ``asof``.
    """
    if asof is not None:
        table = table.loc[:asof]
    table = table[table["eligible_50"] > 0]
    if table.empty:
        when = "" if asof is None else f" on or before {asof.date()}"
        first = "" if table.index.empty else f"; it starts {table.index.min().date()}"
        raise AsOfError(f"no {name} breadth data{when}{first}")
    date = pd.Timestamp(table.index[-1])
    row = table.iloc[-1]
    base = {
        "members": int(row["members"]),
        "with_data": int(row["with_data"]),
        "coverage_pct": float(row["coverage"]) * 100.0,
        "universe": name,
    }
    out: list[Fact] = []
    for w in windows:
        col = f"above_{w}"
        if col not in table:
            continue
        series = table[col]
        hi, lo = _record(series, date, "high"), _record(series, date, "low")
        pick = hi if (hi and hi.since is None) or (hi and lo and hi.rank <= lo.rank) else lo
        eligible = int(row[f"eligible_{w}"])
        out.append(
            make(
                "breadth",
                subject=name,
                asof=date.date(),
                value=float(row[col]) * 100.0,
                window=w,
                record=pick,
                label=f"share above {w}-day average",
                details={**base, "eligible": eligible, "excluded": int(row["members"]) - eligible},
            )
        )
    out.append(highs_lows_fact(name, date, row, base))
    return out


KIND = register(
    Kind(
        "breadth",
        "pct",
        template,
        breadth_facts,
        "The share of an index's members above their N-day average, and its record.",
    )
)
