"""Kind ``event_study``: what followed earlier runs like the current one, against the base
rate of all sessions.

"After the 103 runs in which the Russell 2000 rose more than 1% on 5 straight sessions
(history since 1987), it returned +1.2% on average over the next 21 sessions (about a
month; ...)". Episodes whose forward window is not complete by the as-of date are named.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("event_study", "RUT", dt.date(2024, 7, 16), float("nan"), "pct", "",
...               window=21, details={"condition": "ret>1%", "length": 9, "count": 0,
...                                   "history_start": "1987-09-10"}))
'No earlier run in which the Russell 2000 rose more than 1% for 9 straight sessions has a complete 21-session window since 1987.'
"""  # noqa: E501

from __future__ import annotations

import math
from typing import Any

from rotascope.kinds._study import StreakStudy, current_studies, subject_words
from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import as_date
from rotascope.kinds.registry import Kind, make, register
from rotascope.kinds.streak import condition_words, streak_fact
from rotascope.wording import fmt_date, horizon_words, pct

__all__ = ["KIND", "build", "study_fact", "study_facts", "template"]


def _ok(x: Any) -> bool:
    return isinstance(x, int | float) and math.isfinite(x)


def template(f: Fact) -> str:
    """The sentence of an ``event_study`` fact."""
    d = f.details
    h = int(f.window)  # type: ignore[arg-type]
    who = subject_words(f.subject, f.versus, bool(d.get("relative")))
    words = condition_words(f)
    hist = as_date(d.get("history_start")).year
    count, length = int(d.get("count", 0)), d.get("length")
    if count == 0:
        text = (
            f"No earlier run in which {who} {words} for {length} straight sessions has a "
            f"complete {h}-session window since {hist}."
        )
    else:
        ups = round(d["share_positive"] / 100.0 * count)
        text = (
            f"After the {count} runs in which {who} {words} on {length} straight sessions "
            f"(history since {hist}), it returned {pct(f.value, signed=True)} on average over "
            f"the next {h} sessions (about {horizon_words(h)}; median "
            f"{pct(d['median'], signed=True)}, {ups} of {count} higher, best "
            f"{pct(d['best'], signed=True)} from {fmt_date(d['best_date'])}, worst "
            f"{pct(d['worst'], signed=True)} from {fmt_date(d['worst_date'])}), against "
            f"{pct(d['base_mean'], signed=True)} for all {h}-session windows "
            f"({pct(d['base_share_positive'], digits=0)} higher)."
        )
    pending = [str(x)[:10] for x in d.get("incomplete", [])]
    if pending:
        eps = {str(e["date"])[:10]: e for e in d.get("episodes", [])}
        parts = [
            f"{fmt_date(p)} ({eps[p]['elapsed']} of {h} sessions, "
            f"{pct(eps[p]['so_far'], signed=True)} so far)"
            for p in pending
        ]
        text += " Not complete yet: " + "; ".join(parts) + "."
    return text


def _pct(x: Any) -> float | None:
    return None if x is None or not _ok(float(x)) else float(x) * 100.0


def study_fact(s: StreakStudy, h: int) -> Fact:
    """The ``event_study`` fact of a study for the forward horizon ``h``."""
    es = s.study
    ev, base = es.events[h], es.base[h]
    days = es.forward.complete.index
    columns = (
        es.forward.complete[h].to_numpy(dtype=float),
        es.forward.so_far[h].reindex(days).to_numpy(dtype=float),
        es.forward.elapsed[h].reindex(days).to_numpy(),
    )  # one column each, read once (a .loc per episode costs ~40 us)
    eps = [
        {"date": d.date(), "forward": _pct(c), "so_far": _pct(f), "elapsed": int(e)}
        for d, c, f, e in zip(days, *columns, strict=True)
    ]
    return make(
        "event_study",
        subject=s.subject,
        asof=s.state.asof.date(),
        value=ev.mean * 100.0,
        versus=s.versus,
        window=h,
        basis=s.basis,
        label=f"{h}-session return after {s.length}x {s.condition.spec}",
        details={
            "condition": s.condition.spec,
            "relative": s.relative,
            "length": s.length,
            "count": ev.count,
            "median": _pct(ev.median),
            "share_positive": _pct(ev.share_positive),
            "best": _pct(ev.best),
            "best_date": None if ev.best_date is None else ev.best_date.date(),
            "worst": _pct(ev.worst),
            "worst_date": None if ev.worst_date is None else ev.worst_date.date(),
            "base_count": base.count,
            "base_mean": _pct(base.mean),
            "base_median": _pct(base.median),
            "base_share_positive": _pct(base.share_positive),
            "t_stat": es.t_stat[h],
            "p_boot": es.p_boot[h],
            "n_boot": es.n_boot,
            "history_start": s.state.history_start.date(),
            "incomplete": [d.date() for d in es.incomplete[h]],
            "episodes": eps,
        },
    )


def study_facts(s: StreakStudy) -> list[Fact]:
    """The ``streak`` fact and one ``event_study`` fact per horizon of a study."""
    return [streak_fact(s)] + [study_fact(s, int(h)) for h in s.study.horizons]


def build(ctx: Context) -> list[Fact]:
    """What followed earlier runs like the current >1% gain or loss run (21 sessions)."""
    return [study_fact(s, int(h)) for s in current_studies(ctx) for h in s.study.horizons]


KIND = register(
    Kind(
        "event_study",
        "pct",
        template,
        build,
        "What followed earlier runs like the current one, against all sessions.",
        scope="context",
        order=20,
    )
)
