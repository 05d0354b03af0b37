"""A headline and a few paragraphs built from scored facts, by templates only.

Every number in the narrative sits in a :class:`~rotascope.story.segments.Segment` that
points at the fact it comes from (``ref`` = position of the fact in the scored list), so
renderers can add footnote markers and hover titles. ``Segment``, ``Sentence`` and
``Narrative`` live in :mod:`rotascope.story.segments`, the headline wording in
:mod:`rotascope.story.headline`; both are re-exported here with ``HEADLINE_YEARS``.

Nothing is said that a fact does not hold: a "since ..." clause is only written from the
fact's :class:`~rotascope.kinds.fact.Record`, and a fact without a lead template here is
told by its own ``text`` (made by its kind's registered template). Only kinds registered
with ``may_lead`` (moves and spreads, in percent and points) get a lead template, so a
yield change in basis points can never be worded as a percent.

Layout:

1. **Lead.** The top-scored remarkable fact (:func:`~rotascope.story.score.remarkable`)
   of a kind that may lead, about the subject (any series for a market-wide story,
   ``subject=None``), picks the story. When it is a move or a spread over N sessions,
   the headline states the subject's own N-session move first ("Small caps had their
   best five sessions since April 2020"), then its margin over each comparison series
   over the same sessions whose record reaches back a year or more; the first
   paragraph gives the numbers. Other kinds lead with their kind's headline
   (:attr:`~rotascope.kinds.registry.Kind.headline`) and their sentence: the headline
   never repeats the sentence word for word.
2. **News.** The next few remarkable facts, in score order. A fact that is not
   remarkable is never news, and a score is never shown.
3. **Context.** Year to date for every series, and the subject's drawdown.

**A quiet session.** When nothing about the subject (or, market-wide, nothing at all)
is remarkable, the headline says so, :data:`QUIET`, and the first paragraph states the
day's moves plainly.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> from rotascope.story.score import score_facts
>>> rec = Record("high", dt.date(2020, 4, 29), 11.8, 22, 9279, dt.date(1987, 9, 10))
>>> f = Fact("move", "RUT", dt.date(2024, 7, 16), 11.54, "pct", "...", window=5,
...          record=rec)
>>> n = narrate(score_facts([f]), subject="RUT")
>>> n.headline.text
'Small caps had their best five sessions since April 2020'
>>> n.paragraph_texts()[0]
'The Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024, its biggest five-session gain since Apr 29, 2020, the 22nd largest of 9,279 five-session moves since Sep 1987.'
"""  # noqa: E501

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import Any

from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import is_notable
from rotascope.kinds.registry import get
from rotascope.story.headline import HEADLINE_YEARS, lead_headline
from rotascope.story.score import ScoredFact
from rotascope.story.segments import Narrative, Segment, Sentence, as_sentence
from rotascope.wording import (
    count,
    fmt_date,
    fmt_month,
    number,
    ordinal,
    pct,
    points,
    the_name,
    window_adjective,
    window_words,
)

__all__ = ["HEADLINE_YEARS", "QUIET", "Narrative", "Segment", "Sentence", "narrate"]

#: Kinds whose lead (headline and first paragraph) is written here.
_LEAD_KINDS = ("move", "spread")

#: The headline of a session where nothing set a record reaching back a month.
QUIET = "A quiet session: nothing set a record reaching back more than a month"

#: Series whose day a market-wide quiet session states, in this order (when present).
QUIET_SERIES = ("SPX", "NDX", "RUT", "DGS10")


def _may_lead(fact: Fact) -> bool:
    """A move or a spread, whose lead the story writes itself."""
    if fact.kind not in _LEAD_KINDS:
        return False
    try:
        return get(fact.kind).may_lead
    except KeyError:
        return False


def _leads(fact: Fact) -> bool:
    """Any kind registered with ``may_lead``."""
    try:
        return get(fact.kind).may_lead
    except KeyError:
        return False


# ---------------------------------------------------------------- wording


def _finite(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _extreme(fact: Fact) -> bool:
    """A best (high record of a gain) or a worst (low record of a loss) worth saying."""
    rec = fact.record
    if rec is None or not is_notable(rec, fact.asof):
        return False
    return (rec.direction == "high" and fact.value > 0) or (
        rec.direction == "low" and fact.value < 0
    )


# ---------------------------------------------------------------- templates


#: Ranks up to this are worth a clause ("the 22nd largest of 9,279 ...").
RANK_CLAUSE = 50


def _record_clause(f: Fact, ref: int, noun: str, ranked_noun: str) -> list[Segment]:
    rec = f.record
    assert rec is not None
    if rec.since is None:
        return [
            Segment(", "),
            Segment(f"the {noun} on record", ref),
            Segment(f" (data from {fmt_month(rec.history_start)})"),
        ]
    segs = [Segment(", "), Segment(f"the {noun} since {fmt_date(rec.since)}", ref)]
    if 1 < rec.rank <= RANK_CLAUSE:
        word = "largest" if rec.direction == "high" else "worst"
        segs += [
            Segment(", the "),
            Segment(f"{ordinal(rec.rank)} {word} of {count(rec.out_of)} {ranked_noun}", ref),
            Segment(f" since {fmt_month(rec.history_start)}"),
        ]
    return segs


def _ranked_noun(f: Fact, noun: str) -> str:
    if f.window == 1:
        return f"one-day {noun}"
    return f"{window_adjective(int(f.window))} {noun}"  # type: ignore[arg-type]


def _move_sentence(f: Fact, ref: int) -> list[Segment]:
    verb = "rose" if f.value > 0 else "fell"
    when = (
        f"on {fmt_date(f.asof)}"
        if f.window == 1
        else (f"in the {window_words(int(f.window))} to {fmt_date(f.asof)}")
    )  # type: ignore[arg-type]
    segs = [
        Segment(f"{the_name(f.subject, start=True)} {verb} "),
        Segment(pct(abs(f.value)), ref),
        Segment(f" {when}"),
    ]
    a, b = f.details.get("start_close"), f.details.get("close")
    if _finite(a) and _finite(b):
        segs += [
            Segment(" ("),
            Segment(number(a), ref),
            Segment(" to "),
            Segment(number(b), ref),
            Segment(")"),
        ]
    if _extreme(f):
        if f.window == 1:
            noun = "best day" if f.value > 0 else "worst day"
        else:
            adj = window_adjective(int(f.window))  # type: ignore[arg-type]
            noun = f"biggest {adj} {'gain' if f.value > 0 else 'loss'}"
        segs = _its([*segs, *_record_clause(f, ref, noun, _ranked_noun(f, "moves"))], noun)
    return segs


def _its(segs: list[Segment], noun: str) -> list[Segment]:
    """'the biggest ... since' reads 'its biggest ... since' when it is a dated record."""
    out = []
    for s in segs:
        if s.ref is not None and s.text.startswith(f"the {noun} since"):
            s = Segment("its" + s.text[3:], s.ref)
        out.append(s)
    return out


def _spread_sentence(f: Fact, ref: int, *, opener: str) -> list[Segment]:
    verb = "beat" if f.value > 0 else "trailed"
    segs = [Segment(f"{opener}{verb} {the_name(f.versus)}")]
    vr = f.details.get("versus_return_pct")
    if _finite(vr):
        segs += [
            Segment(" ("),
            Segment(f"{'up' if vr >= 0 else 'down'} {pct(abs(vr))}", ref),
            Segment(")"),
        ]
    segs += [Segment(" by "), Segment(points(f.value), ref)]
    if _extreme(f):
        segs += _record_clause(f, ref, "widest margin", _ranked_noun(f, "gaps"))
    return segs


def _fact_sentence(f: Fact, ref: int) -> list[Segment]:
    text = f.text.strip() or (f.label or f.kind)
    return [Segment(text, ref)]


# ---------------------------------------------------------------- assembly


def _lead(scored: Sequence[ScoredFact], top: int) -> tuple[int | None, list[int]]:
    """The top fact's series' move and its spreads over the top fact's window, if they
    hold records."""
    first = scored[top].fact
    if not _may_lead(first) or not isinstance(first.window, int):
        return None, []
    w, basis, who = first.window, first.basis, first.subject

    def pick(kind: str) -> list[int]:
        return [
            i
            for i, s in enumerate(scored)
            if s.fact.kind == kind
            and s.fact.subject == who
            and s.fact.window == w
            and s.fact.basis == basis
            and s.remarkable
            and _extreme(s.fact)
        ]

    moves, spreads = pick("move"), pick("spread")
    move = moves[0] if moves else None
    if move is not None:
        up = scored[move].fact.value > 0
        spreads = [i for i in spreads if (scored[i].fact.value > 0) == up]
    return move, spreads


def _same_window(a: Fact, b: Fact) -> bool:
    return (_may_lead(a) and a.subject == b.subject and a.window == b.window
            and a.basis == b.basis)  # fmt: skip


def _cluster(
    scored: Sequence[ScoredFact], move: int | None, spreads: Sequence[int], subject: str
) -> list[Sentence]:
    """The subject's move over N sessions, then its margin over each series."""
    out: list[Sentence] = []
    if move is not None:
        out.append(as_sentence(_move_sentence(scored[move].fact, move)))
    for k, i in enumerate(spreads):
        f = scored[i].fact
        if move is not None:
            same = "On the same day" if f.window == 1 else "Over the same sessions"
            opener = f"{same} it " if k == 0 else "It "
        else:
            when = (
                f"On {fmt_date(f.asof)}"
                if f.window == 1
                else f"In the {window_words(int(f.window))} to {fmt_date(f.asof)}"  # type: ignore[arg-type]
            )
            opener = f"{when} {the_name(subject)} " if k == 0 else "It "
        out.append(as_sentence(_spread_sentence(f, i, opener=opener)))
    return out


def _ytd_sentence(scored: Sequence[ScoredFact], subject: str) -> list[Segment] | None:
    ytd = {
        s.fact.subject: i
        for i, s in enumerate(scored)
        if s.fact.kind == "period" and s.fact.window == "YTD" and s.fact.unit == "pct"
    }
    if subject not in ytd:
        return None
    i = ytd.pop(subject)
    f = scored[i].fact
    segs = [
        Segment(f"Year to date {the_name(subject)} is {'up' if f.value >= 0 else 'down'} "),
        Segment(pct(abs(f.value)), i),
    ]
    others = [(sym, j) for sym, j in ytd.items()]
    for k, (sym, j) in enumerate(others):
        g = scored[j].fact
        sep = ", against " if k == 0 else (" and " if k == len(others) - 1 else ", ")
        segs += [
            Segment(sep),
            Segment(pct(g.value, signed=True), j),
            Segment(f" for {the_name(sym)}"),
        ]
    return segs


def _in(fact: Fact, series: Collection[str]) -> bool:
    return fact.subject in series and (fact.versus is None or fact.versus in series)


def _about(fact: Fact, subject: str | None) -> bool:
    return subject is None or fact.subject == subject


def _quiet(
    scored: Sequence[ScoredFact], subject: str | None
) -> tuple[Sentence, list[Sentence], set[int]]:
    """The quiet session's headline and the day's moves, stated plainly."""
    day = [
        i
        for i, s in enumerate(scored)
        if s.fact.kind in ("move", "yield_change") and s.fact.window == 1
    ]
    if subject is None:
        order = {sym: k for k, sym in enumerate(QUIET_SERIES)}
        day = sorted((i for i in day if scored[i].fact.subject in order),
                     key=lambda i: order[scored[i].fact.subject])  # fmt: skip
        headline = QUIET
    else:
        day.sort(key=lambda i: scored[i].fact.subject != subject)
        headline = QUIET.replace("session:", f"session for {the_name(subject)}:")
    seen: set[str] = set()
    picked = []
    for i in day:
        if scored[i].fact.subject not in seen:
            seen.add(scored[i].fact.subject)
            picked.append(i)
    lines = [as_sentence(_fact_sentence(scored[i].fact, i)) for i in picked]
    return Sentence((Segment(headline),)), lines, set(picked)


def narrate(
    scored: Sequence[ScoredFact],
    *,
    subject: str | None,
    max_news: int = 3,
    lead_series: Collection[str] | None = None,
) -> Narrative:
    """Headline and paragraphs from scored facts.

    Parameters
    ----------
    scored : sequence of ScoredFact
        Facts, most remarkable first (:func:`rotascope.story.score.score_facts`),
        near-duplicates already folded.
    subject : str or None
        The report's subject (its facts lead); ``None`` for a market-wide story (any
        series' fact may lead).
    max_news : int, optional
        Items in the second paragraph.
    lead_series : collection of str, optional
        Market-wide: the series whose facts (a pair's: both series) lead when any of
        them is remarkable (the headline indexes before an ETF or a factor).

    Returns
    -------
    Narrative
        Segments carry indices into ``scored``.
    """
    if not scored:
        who = f" for {the_name(subject)}" if subject else ""
        return Narrative(Sentence((Segment(f"No facts{who}"),)))
    leads = [
        i
        for i, s in enumerate(scored)
        if s.remarkable and _leads(s.fact) and _about(s.fact, subject)
    ]
    if lead_series is not None:
        first = [i for i in leads if _in(scored[i].fact, lead_series)]
        leads = first or leads
    used: set[int] = set()
    lead: list[Sentence] = []
    if leads:
        top = leads[0]
        who = scored[top].fact.subject
        move, spreads = _lead(scored, top)
        if move is not None or spreads:
            headline = lead_headline(scored, move, spreads, who)
            lead += _cluster(scored, move, spreads, who)
            used.update(spreads + ([move] if move is not None else []))
        else:
            f = scored[top].fact
            headline = Sentence((Segment(_dated(_headline_text(f), f, scored), top),))
            lead.append(as_sentence(_fact_sentence(f, top)))
            used.add(top)
    elif any(s.remarkable and _about(s.fact, subject) for s in scored):
        top = next(i for i, s in enumerate(scored) if s.remarkable and _about(s.fact, subject))
        f = scored[top].fact
        headline = Sentence((Segment(f.text.strip().rstrip("."), top),))
        used.add(top)
    else:
        headline, lead, quiet_used = _quiet(scored, subject)
        used |= quiet_used
    paragraphs = [tuple(lead)] if lead else []
    news = _news(scored, used, max_news)
    if news:
        paragraphs.append(tuple(news))
    context: list[Sentence] = []
    ytd = _ytd_sentence(scored, subject) if subject is not None else None
    if ytd is not None:
        context.append(as_sentence(ytd))
    dd = next(
        (
            i
            for i, s in enumerate(scored)
            if s.fact.kind == "drawdown" and s.fact.subject == subject and i not in used
        ),
        None,
    )
    if dd is not None:
        context.append(as_sentence(_fact_sentence(scored[dd].fact, dd)))
    if context:
        paragraphs.append(tuple(context))
    return Narrative(headline, tuple(paragraphs))


def _dated(text: str, f: Fact, scored: Sequence[ScoredFact]) -> str:
    """A headline from earlier in the week says when: "On Sep 18, the Russell 2000 ..."."""
    latest = max(s.fact.asof for s in scored)
    if f.asof >= latest:
        return text
    body = text[:1].lower() + text[1:] if text.startswith("The ") else text
    return f"On {f.asof:%b} {f.asof.day}, {body}"


def _headline_text(f: Fact) -> str:
    kind = get(f.kind)
    if kind.headline is not None:
        return kind.headline(f)
    return f.text.strip().rstrip(".")


def _news(scored: Sequence[ScoredFact], used: set[int], max_news: int) -> list[Sentence]:
    """The next remarkable facts, a move and its margins over one window told together."""
    candidates = [
        i
        for i, s in enumerate(scored)
        if i not in used and s.remarkable and s.fact.kind != "period"
    ]
    news: list[Sentence] = []
    items = 0
    for i in candidates:
        if i in used:
            continue
        if items >= max_news:
            break
        items += 1
        f = scored[i].fact
        if _may_lead(f) and isinstance(f.window, int):
            group = [j for j in candidates if j not in used and _same_window(scored[j].fact, f)]
            moves = [j for j in group if scored[j].fact.kind == "move" and _extreme(scored[j].fact)]
            spreads_j = [j for j in group if scored[j].fact.kind == "spread"
                         and _extreme(scored[j].fact)]  # fmt: skip
            if moves or spreads_j:
                mv = moves[0] if moves else None
                news += _cluster(scored, mv, spreads_j, f.subject)
                used.update(spreads_j + ([mv] if mv is not None else []))
                continue
        news.append(as_sentence(_fact_sentence(f, i)))
        used.add(i)
    return news
