"""Kind ``factor_drawdown``: how far a factor's cumulative (compounded) return is below its
peak, and its deepest drawdown ever.

"As of Mar 28, 2024, the cumulative size factor (SMB) is 45.0% below its peak of Dec 21,
1983, its lowest level since Apr 2, 1938; its deepest drawdown was 58.1%, from Dec 21,
1983 to Mar 9, 1999." Stated for a factor subject when no session windows are asked
for (otherwise the session ``drawdown`` stands in).

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("factor_drawdown", "SMB", dt.date(2024, 3, 28), -45.0, "pct", "",
...               start=dt.date(1983, 12, 21), details={"level_low_since": None,
...               "max_drawdown": -58.1, "max_drawdown_peak": "1983-12-21",
...               "max_drawdown_date": "1999-03-09"}))
'As of Mar 28, 2024, the cumulative size factor (SMB) is 45.0% below its peak of Dec 21, 1983, its lowest level on record; its deepest drawdown was 58.1%, from Dec 21, 1983 to Mar 9, 1999.'
"""  # noqa: E501

from __future__ import annotations

import pandas as pd

from rotascope.kinds._longview import FACTOR_NAMES
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.phrases import as_date
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.longrun import factor_drawdown
from rotascope.symbols import info
from rotascope.wording import fmt_date, pct

__all__ = ["KIND", "build", "factor_drawdown_fact", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``factor_drawdown`` fact."""
    d = f.details
    since = d.get("level_low_since")
    if since is None:
        level = ", its lowest level on record"
    elif pd.Timestamp(as_date(since)) < pd.Timestamp(f.asof) - pd.DateOffset(years=1):
        level = f", its lowest level since {fmt_date(since)}"
    else:
        level = ""
    name = FACTOR_NAMES.get(f.subject, info(f.subject).name)
    return (
        f"As of {fmt_date(f.asof)}, the cumulative {name} ({f.subject}) is "
        f"{pct(abs(f.value))} below its peak of {fmt_date(f.start)}{level}; its deepest "
        f"drawdown was {pct(abs(d['max_drawdown']))}, from {fmt_date(d['max_drawdown_peak'])} "
        f"to {fmt_date(d['max_drawdown_date'])}."
    )


def factor_drawdown_fact(sym: str, returns: pd.Series) -> Fact:
    """The drawdown of a factor's compounded daily returns (fractions) at their last date."""
    dd = factor_drawdown(returns)
    since = dd.level_low_since
    return make(
        "factor_drawdown",
        subject=sym,
        asof=dd.asof.date(),
        value=dd.drawdown * 100.0,
        start=dd.peak_date.date(),
        record=Record(
            direction="low",
            since=None if dd.drawdown_low_since is None else dd.drawdown_low_since.date(),
            since_value=None,
            rank=dd.drawdown_rank,
            out_of=dd.out_of,
            history_start=dd.history_start.date(),
        ),
        basis="total_return",
        label="factor drawdown",
        details={
            "level": dd.level,
            "level_low_since": None if since is None else since.date(),
            "max_drawdown": dd.max_drawdown * 100.0,
            "max_drawdown_date": dd.max_drawdown_date.date(),
            "max_drawdown_peak": dd.max_drawdown_peak.date(),
        },
    )


def build(ctx: Context) -> list[Fact]:
    """The factor subject's drawdown, when no session windows were asked for."""
    data = ctx.data
    if ctx.windows or data.returns is None:
        return []
    returns = data.returns.loc[: ctx.day]
    key = ("factor_drawdown", data.symbol, ctx.day)
    return list(ctx.memo.get(key, lambda: [factor_drawdown_fact(data.symbol, returns)]))


KIND = register(
    Kind(
        "factor_drawdown",
        "pct",
        template,
        build,
        "How far a factor's cumulative return is below its peak, and its deepest drawdown.",
        scope="factor",
        order=20,
    )
)
