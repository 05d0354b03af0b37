"""Long-horizon gap of a pair on total return, as ``spread`` facts.

``relative_facts("IWM", "SPY", windows=("10y",))`` loads both adjusted closes (falling
back to closes), measures the trailing window with
:func:`rotascope.measures.longrun.relative_performance` and ranks the gap among all
windows of the same length for the pair.

Examples
--------
>>> import numpy as np, pandas as pd
>>> idx = pd.bdate_range("2000-01-03", "2011-12-30")
>>> lv = {"A": pd.Series(np.linspace(1, 2, len(idx)), idx),
...       "B": pd.Series(np.linspace(1, 3, len(idx)), idx)}
>>> f = relative_facts("A", "B", loader=lambda s, c: lv[s])[0]
>>> f.kind, f.unit, f.window
('spread', 'pp', '10y')
"""

from __future__ import annotations

from collections.abc import Sequence

from rotascope._typing import DateLike
from rotascope.errors import AsOfError
from rotascope.facts._factor_text import (
    PAIR_TEMPLATE,
    Loader,
    day,
    load_levels,
    parse_years,
    pct,
    periods_list,
    ranking_clause,
    span_words,
    window_record,
)
from rotascope.facts.fact import Fact
from rotascope.measures.longrun import relative_performance
from rotascope.symbols import canonical

__all__ = ["relative_facts"]


def relative_facts(
    subject: str,
    versus: str,
    windows: Sequence[str | int] = ("10y",),
    asof: DateLike | None = None,
    loader: Loader | None = None,
    *,
    top: int = 5,
) -> list[Fact]:
    """Long-horizon gap between two series on total return (adjusted close).

    Parameters
    ----------
    subject, versus : str
        The pair (e.g. ``IWM``, ``SPY``).
    windows : sequence of str or int
        Window lengths in years.
    asof : date-like, optional
        End of the windows (last common date on or before it).
    loader : callable, optional
        ``loader(symbol, column) -> pd.Series``; asked for ``"adj_close"`` first, then
        ``"close"`` (``basis="price"``) when a series has no adjusted close.

    Returns
    -------
    list of Fact
        Kind ``spread``, unit ``pp`` (fraction points), one per window.
    """
    a_sym, b_sym = canonical(subject), canonical(versus)
    a, basis_a = load_levels(a_sym, loader)
    b, basis_b = load_levels(b_sym, loader)
    basis = "total_return" if basis_a == basis_b == "total_return" else "price"
    out: list[Fact] = []
    for w in windows:
        years = parse_years(w)
        try:
            st = relative_performance(a, b, years, asof=asof, top=top)
        except ValueError as exc:
            raise AsOfError(f"{a_sym} vs {b_sym}: {exc}") from None
        ws = st.window
        rec = window_record(ws)
        span, span_adj = span_words(years)
        ranking, drank, dout = ranking_clause(ws)
        text = PAIR_TEMPLATE.format(
            span=span, end=day(ws.end), a=a_sym, b=b_sym, ra=pct(st.ret_a, True),
            rb=pct(st.ret_b, True), basis=basis.replace("_", " "),
            gap=f"{st.gap * 100:+.1f}", ann=f"{st.ann_gap * 100:+.1f}", ranking=ranking,
        )  # fmt: skip
        out.append(
            Fact(
                kind="spread",
                subject=a_sym,
                versus=b_sym,
                asof=ws.end.date(),
                value=st.gap,
                unit="pp",
                text=text,
                window=f"{years}y",
                start=ws.start.date(),
                record=rec,
                basis=basis,
                label=f"{span_adj} return gap",
                details={
                    "ret_subject": st.ret_a,
                    "ret_versus": st.ret_b,
                    "ann_subject": st.ann_a,
                    "ann_versus": st.ann_b,
                    "ann_gap": st.ann_gap,
                    "relative": st.relative,
                    "distinct_rank": drank,
                    "distinct_out_of": dout,
                    "worst_periods": periods_list(st.worst),
                    "best_periods": periods_list(st.best),
                    "first_common": st.first_common.date(),
                },
            )
        )
    return out
