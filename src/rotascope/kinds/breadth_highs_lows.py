"""Kind ``breadth_highs_lows``: how many members closed at 52-week highs and lows, and how
many rose and fell.

"41 S&P 500 members closed at a 52-week high and 3 at a 52-week low on Jul 16, 2024 (of
492 with a year of history); 402 rose and 97 fell." The value is highs minus lows.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("breadth_highs_lows", "SP500", dt.date(2024, 7, 16), 38.0, "count", "",
...               details={"highs": 41, "lows": 3, "eligible": 492, "advancers": 402,
...                        "decliners": 97, "universe": "SP500"}))
'41 S&P 500 members closed at a 52-week high and 3 at a 52-week low on Jul 16, 2024 (of 492 with a year of history); 402 rose and 97 fell.'
"""  # noqa: E501

from __future__ import annotations

from typing import Any

import pandas as pd

from rotascope.kinds._breadth import UNIVERSE_NAMES, coverage_note
from rotascope.kinds.fact import Fact
from rotascope.kinds.registry import Kind, make, register
from rotascope.wording import fmt_date

__all__ = ["KIND", "highs_lows_fact", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``breadth_highs_lows`` fact."""
    d = f.details
    uname = UNIVERSE_NAMES.get(str(d.get("universe")), str(d.get("universe")))
    return (
        f"{d['highs']} {uname} members closed at a 52-week high and {d['lows']} at a "
        f"52-week low on {fmt_date(f.asof)} (of {d['eligible']} with a year of history); "
        f"{d['advancers']} rose and {d['decliners']} fell.{coverage_note(d)}"
    )


def highs_lows_fact(
    universe: str, date: pd.Timestamp, row: pd.Series, base: dict[str, Any]
) -> Fact:
    """The fact of one row of :func:`~rotascope.kinds._breadth.breadth_table`."""
    highs, lows = int(row["highs"]), int(row["lows"])
    return make(
        "breadth_highs_lows",
        subject=universe,
        asof=date.date(),
        value=float(highs - lows),
        window=252,
        label="52-week highs minus lows",
        details={
            **base,
            "highs": highs,
            "lows": lows,
            "eligible": int(row["eligible_252"]),
            "advancers": int(row["advancers"]),
            "decliners": int(row["decliners"]),
        },
    )


KIND = register(
    Kind(
        "breadth_highs_lows",
        "count",
        template,
        highs_lows_fact,
        "Members at 52-week highs and lows, and how many rose and fell.",
    )
)
