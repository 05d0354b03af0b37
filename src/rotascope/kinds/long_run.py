"""Kind ``long_run``: the total-return gap of a pair over N calendar years, ranked among all
windows of that length.

"Over the ten years to Jul 16, 2024, IWM returned +95.1% and SPY +237.0% (total
return), a gap of -141.9 percentage points (-6.3 points a year), the worst of ...".
Adjusted closes are used (closes when a series has none; the fact's basis says which).

Examples
--------
>>> import numpy as np, pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2000-01-03", "2011-12-30")
>>> src = MemorySource({"A": pd.Series(np.linspace(1, 2, len(idx)), idx),
...                     "B": pd.Series(np.linspace(1, 3, len(idx)), idx)})
>>> f = relative_facts(src, "A", "B")[0]
>>> f.kind, f.unit, f.window, f.basis
('long_run', 'pp', '10y', 'price')
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from rotascope.data.port import DataSource
from rotascope.errors import AsOfError
from rotascope.kinds._longview import (
    parse_years,
    periods_list,
    ranking_clause,
    window_details,
    window_record,
)
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.memo import Memo
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.longrun import relative_performance
from rotascope.symbols import canonical
from rotascope.wording import fmt_date, pct, year_words

__all__ = ["KIND", "build", "relative_facts", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``long_run`` fact."""
    d = f.details
    span = year_words(int(d["years"]))[0]
    return (
        f"Over the {span} to {fmt_date(f.asof)}, {f.subject} returned "
        f"{pct(d['subject_return_pct'], signed=True)} and {f.versus} "
        f"{pct(d['versus_return_pct'], signed=True)} ({f.basis.replace('_', ' ')}), a gap "
        f"of {f.value:+.1f} percentage points ({d['ann_gap']:+.1f} points a year)"
        f"{ranking_clause(f)}."
    )


def _facts(
    memo: Memo,
    a_sym: str,
    b_sym: str,
    windows: Sequence[str | int],
    asof: pd.Timestamp | None,
    top: int,
) -> list[Fact]:
    a, b = memo.series(a_sym, "total_return"), memo.series(b_sym, "total_return")
    basis = "total_return" if a.basis == b.basis == "total_return" else "price"
    out: list[Fact] = []
    for w in windows:
        years = parse_years(w)
        try:
            st = relative_performance(a.values, b.values, years, asof=asof, top=top)
        except ValueError as exc:
            raise AsOfError(f"{a_sym} vs {b_sym}: {exc}") from None
        ws = st.window
        out.append(
            make(
                "long_run",
                subject=a_sym,
                versus=b_sym,
                asof=ws.end.date(),
                value=st.gap * 100.0,
                window=f"{years}y",
                start=ws.start.date(),
                record=window_record(ws),
                basis=basis,
                label=f"{year_words(years)[1]} return gap",
                details={
                    **window_details(ws),
                    "subject_return_pct": st.ret_a * 100.0,
                    "versus_return_pct": st.ret_b * 100.0,
                    "ann_subject_pct": st.ann_a * 100.0,
                    "ann_versus_pct": st.ann_b * 100.0,
                    "ann_gap": st.ann_gap * 100.0,
                    "relative_pct": st.relative * 100.0,
                    "worst_periods": periods_list(st.worst),
                    "best_periods": periods_list(st.best),
                    "first_common": st.first_common.date(),
                },
            )
        )
    return out


def relative_facts(
    source: DataSource,
    subject: str,
    versus: str,
    windows: Sequence[str | int] = ("10y",),
    asof: pd.Timestamp | None = None,
    *,
    top: int = 5,
) -> list[Fact]:
    """Long-horizon gaps between two series on total return, one ``long_run`` fact per
    window.

    Raises
    ------
    AsOfError
        The pair has no complete window of that length ending by ``asof``.
    """
    memo = Memo(source)
    return _facts(memo, canonical(subject), canonical(versus), windows, asof, top)


def build(ctx: Context) -> list[Fact]:
    """The pair's gap over each year window asked for (cached per session)."""
    if ctx.other is None or not ctx.years:
        return []
    a, b = ctx.data.symbol, ctx.other.symbol
    key = ("long_run", a, b, ctx.years, ctx.day)
    return list(ctx.memo.get(key, lambda: _facts(ctx.memo, a, b, ctx.years, ctx.day, 5)))


KIND = register(
    Kind(
        "long_run",
        "pp",
        template,
        build,
        "A pair's total-return gap over N years, ranked among all such windows.",
        scope="long_run",
        order=10,
        overlapping=True,
    )
)
