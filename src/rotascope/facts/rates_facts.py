"""Rates facts: yield moves in basis points with records, and stocks' sensitivity to yields.

* :func:`yield_facts` — "the 10-year yield fell 20 bp in five sessions, the most
  since ...": the change over each window to ``asof``, ranked against every earlier
  change over the same window (direction from its sign).
* :func:`rate_beta_facts` — "small caps move about X% per 10 bp": the rolling beta of
  two indexes' daily returns to daily yield changes and their difference.

Examples
--------
>>> import pandas as pd
>>> y = pd.Series([4.0, 4.1, 4.2, 3.9], index=pd.bdate_range("2024-01-01", periods=4),
...               name="DGS10")
>>> f = yield_facts(y, windows=(1,))[0]
>>> round(f.value, 6), f.unit, f.record.rank
(-30.0, 'bp', 1)
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from rotascope.facts.fact import Fact, Record
from rotascope.facts.streak_facts import fmt_pct, the_name
from rotascope.facts.text import fmt_date
from rotascope.measures.rates import beta_gap, yield_change_bp
from rotascope.measures.records import record_row, records
from rotascope.symbols import canonical

__all__ = ["rate_beta_facts", "yield_facts"]

_WINDOW_WORDS = {1: "one session", 5: "five sessions", 21: "21 sessions", 63: "63 sessions"}


def yield_facts(
    yields: pd.Series,
    *,
    windows: Sequence[int] = (1, 5, 21),
    asof: object | None = None,
) -> list[Fact]:
    """Yield changes in basis points over each window to ``asof``, with records.

    Parameters
    ----------
    yields : pandas.Series
        Yield in percent (``name`` = symbol, e.g. ``DGS10``); blanks are dropped.
    windows : sequence of int
        Windows in observed sessions.
    asof : date-like, optional
        Last date used.

    Returns
    -------
    list of Fact
        Kind ``rates``, unit ``bp``, one per window (windows longer than the history
        are skipped).
    """
    subject = canonical(str(yields.name))
    y = yields.dropna().astype("float64")
    if asof is not None:
        y = y.loc[: pd.Timestamp(asof)]  # type: ignore[misc]
    out: list[Fact] = []
    for w in windows:
        ch = yield_change_bp(y, int(w))
        if ch.empty:
            continue
        day = ch.index[-1]
        v = float(ch.iloc[-1])
        direction = "high" if v >= 0 else "low"
        row = record_row(records(ch, direction), day)  # type: ignore[arg-type]
        if row is None:
            continue
        rec = Record(direction=direction, **row)
        start = y.index[y.index.get_loc(day) - int(w)]
        name = the_name(subject, capital=True)
        verb = "rose" if v > 0 else ("fell" if v < 0 else "was unchanged")
        most = "biggest rise" if v >= 0 else "biggest fall"
        span = _WINDOW_WORDS.get(int(w), f"{w} sessions")
        text = (
            f"{name} {verb} {abs(v):.0f} bp in {span} to {float(y.loc[day]):.2f}% "
            f"({fmt_date(start)} to {fmt_date(day)}): "
        )
        if rec.since is None:
            text += f"the {most} over {span} since {rec.history_start.year}."
        else:
            text += (
                f"the {most} over {span} since {fmt_date(rec.since)} "
                f"(rank {rec.rank} of {rec.out_of})."
            )
        out.append(
            Fact(
                kind="rates",
                subject=subject,
                asof=day.date(),
                value=v,
                unit="bp",
                text=text,
                window=int(w),
                start=start.date(),
                record=rec,
                label=f"{w}-session yield change",
                details={"level": float(y.loc[day]), "level_start": float(y.loc[start])},
            )
        )
    return out


def rate_beta_facts(
    close_a: pd.Series,
    close_b: pd.Series,
    yields: pd.Series,
    *,
    window: int = 252,
    asof: object | None = None,
    per: int = 10,
    basis: str = "price",
) -> list[Fact]:
    """How much two indexes move per ``per`` bp of yield change, and the difference.

    Parameters
    ----------
    close_a : pandas.Series
        Closes of the subject (e.g. RUT, small caps).
    close_b : pandas.Series
        Closes of the comparison (e.g. SPX, large caps).
    yields : pandas.Series
        Yield in percent (``name`` = symbol).
    window : int
        Sessions in the rolling regression.
    asof : date-like, optional
        Last date used.
    per : int
        Basis points to quote the sensitivity for.
    basis : {"price", "total_return"}
        What the closes are.

    Returns
    -------
    list of Fact
        One ``rates`` fact, unit ``pp``: the difference in return per ``per`` bp.
    """
    a, b = canonical(str(close_a.name)), canonical(str(close_b.name))
    ysym = canonical(str(yields.name))
    g = beta_gap(close_a, close_b, yields, window=window, asof=asof, per=per)
    an, bn, yn = the_name(a), the_name(b), the_name(ysym)
    better = "better" if g.gap >= 0 else "worse"
    text = (
        f"Over the last {window} sessions to {fmt_date(g.asof)}, {an} moved "
        f"{fmt_pct(g.a_per, digits=2)} and {bn} {fmt_pct(g.b_per, digits=2)} per +{per} bp in "
        f"{yn}: for each {per} bp rise, {an} does about {abs(g.gap_per) * 100:.2f} percentage "
        f"points {better} than {bn} (slope of daily returns on daily yield changes)."
    )
    return [
        Fact(
            kind="rates",
            subject=a,
            asof=g.asof.date(),
            value=g.gap_per,
            unit="pp",
            text=text,
            versus=b,
            window=int(window),
            basis=basis,
            label=f"rate beta gap per {per} bp of {ysym}",
            details={
                "yield": ysym,
                "per_bp": per,
                "beta_subject_per_bp": g.beta_a,
                "beta_versus_per_bp": g.beta_b,
                "subject_per": g.a_per,
                "versus_per": g.b_per,
            },
        )
    ]
