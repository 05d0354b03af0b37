"""Kind ``streak``: a run of sessions meeting a condition, and how long since one as long.

"The Russell 2000 rose more than 1% for a 5th straight session (Jul 10, 2024 to Jul 16,
2024), the first run this long since Apr 28, 2020; runs this long happened 4 times
before since 1987 (longest: 7 sessions)." What followed such runs is kind
``event_study``.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> rec = Record("high", dt.date(2020, 4, 28), 5.0, 3, 5, dt.date(1987, 9, 10))
>>> template(Fact("streak", "RUT", dt.date(2024, 7, 16), 5.0, "count", "", window=5,
...               start=dt.date(2024, 7, 10), record=rec,
...               details={"condition": "ret>1%", "longest": 7, "earlier_as_long": 4}))
'The Russell 2000 rose more than 1% for a 5th straight session (Jul 10, 2024 to Jul 16, 2024), the first run this long since Apr 28, 2020; runs this long happened 4 times before since 1987 (longest: 7 sessions).'
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from rotascope.kinds._study import StreakStudy, current_studies, streak_study, subject_words
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.streaks import parse_condition
from rotascope.wording import fmt_date, ordinal, the_name

__all__ = [
    "KIND",
    "StreakStudy",
    "build",
    "condition_words",
    "streak_fact",
    "streak_study",
    "template",
]


def condition_words(f: Fact) -> str:
    """The condition of a streak or event-study fact in words (``"rose more than 1%"``)."""
    cond = parse_condition(str(f.details.get("condition", "")))
    return cond.describe(the_name(f.versus) if f.versus else None)


def template(f: Fact) -> str:
    """The sentence of a ``streak`` fact."""
    d = f.details
    who = subject_words(f.subject, f.versus, bool(d.get("relative")), start=True)
    words = condition_words(f)
    current = int(f.value)
    if current == 0:
        return f"{who} did not meet the condition ({words}) on {fmt_date(f.asof)}."
    rec = f.record
    text = (
        f"{who} {words} for a {ordinal(current)} straight session "
        f"({fmt_date(f.start)} to {fmt_date(f.asof)})"
    )
    if rec is None or rec.since is None:
        year = rec.history_start.year if rec is not None else ""
        return text + f", the longest such run since records began in {year}."
    return text + (
        f", the first run this long since {fmt_date(rec.since)}; runs this long happened "
        f"{d.get('earlier_as_long')} times before since {rec.history_start.year} "
        f"(longest: {d.get('longest')} sessions)."
    )


def _date(x: Any) -> dt.date | None:
    return None if x is None or pd.isna(x) else pd.Timestamp(x).date()


def streak_fact(s: StreakStudy) -> Fact:
    """The ``streak`` fact of a study: the current run and its record."""
    st = s.state
    earlier = s.episodes[s.episodes["date"] < (st.run_start or st.asof)]
    earlier_longer = int((earlier["run_length"] > st.current).sum()) if st.current else 0
    record = None
    if st.current > 0:
        record = Record(
            direction="high",
            since=_date(st.last_as_long),
            since_value=float(st.current) if st.last_as_long is not None else None,
            rank=1 + earlier_longer,
            out_of=st.earlier_as_long + 1,
            history_start=st.history_start.date(),
        )
    return make(
        "streak",
        subject=s.subject,
        asof=st.asof.date(),
        value=float(st.current),
        versus=s.versus,
        window=st.current,
        start=_date(st.run_start),
        record=record,
        basis=s.basis,
        label=f"streak {s.condition.spec}",
        details={
            "condition": s.condition.spec,
            "relative": s.relative,
            "longest": st.longest,
            "longest_end": _date(st.longest_end),
            "earlier_as_long": st.earlier_as_long,
            "history_start": st.history_start.date(),
        },
    )


def build(ctx: Context) -> list[Fact]:
    """The current >1% gain or loss run of the subject, when three sessions or longer."""
    return [streak_fact(s) for s in current_studies(ctx)]


KIND = register(
    Kind(
        "streak",
        "count",
        template,
        build,
        "A run of sessions meeting a condition and the last time one was as long.",
        scope="context",
        order=10,
    )
)
