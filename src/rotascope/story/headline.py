"""The headline of a narrative: wording and the lead cluster's headline sentence.

"Small caps had their best five sessions since April 2020, beating the S&P 500 by the
most since March 2000": the subject's own move first, then each comparison series it
beat (or trailed) by a margin whose record reaches back :data:`HEADLINE_YEARS` or more.
Used by :func:`rotascope.story.narrative.narrate`.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> from rotascope.story.score import score_facts
>>> low = Record("low", dt.date(2022, 6, 13), -9.0, 40, 9279, dt.date(1987, 9, 10))
>>> loss = Fact("move", "NDX", dt.date(2024, 7, 24), -3.6, "pct", "", window=1,
...             record=low)
>>> lead_headline(score_facts([loss]), 0, [], "NDX").text
'The Nasdaq 100 had its worst day since June 2022'
"""

from __future__ import annotations

from collections.abc import Sequence

from rotascope.kinds.fact import Fact
from rotascope.story.score import ScoredFact
from rotascope.story.segments import Segment, Sentence
from rotascope.symbols import info
from rotascope.wording import long_month, the_name, window_words

__all__ = ["HEADLINE_YEARS", "lead_headline"]

#: A margin over a comparison series joins the headline when its record reaches back
#: at least this many years (or is all-time).
HEADLINE_YEARS = 1.0


def _short(symbol: str) -> str:
    entry = info(symbol)
    return entry.short or the_name(symbol)


def _plural(words: str) -> bool:
    return words.lower().endswith(("caps", "stocks", "shares"))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _span(window: int) -> str:
    """Window for a headline: "day", "five sessions", "21-session stretch"."""
    if window == 1:
        return "day"
    return window_words(window) if window <= 10 else f"{window}-session stretch"


def _over(window: int) -> str:
    """ " on the day", " over five sessions", " over 21 sessions"."""
    if window == 1:
        return " on the day"
    return f" over {window_words(window) if window <= 10 else f'{window} sessions'}"


def _years(fact: Fact) -> float:
    rec = fact.record
    if rec is None:
        return 0.0
    start = rec.since if rec.since is not None else rec.history_start
    return (fact.asof - start).days / 365.25


def _headline_move(f: Fact, ref: int) -> list[Segment]:
    who = _short(f.subject)
    best = "best" if f.value > 0 else "worst"
    rec = f.record
    assert rec is not None
    since = "on record" if rec.since is None else f"since {long_month(rec.since)}"
    own = "their" if _plural(who) else "its"
    return [Segment(f"{_cap(who)} had {own} "), Segment(f"{best} {_span(f.window)} {since}", ref)]


def _headline_spread(f: Fact, ref: int, verb: str | None, span: str = "") -> list[Segment]:
    rec = f.record
    assert rec is not None
    head = (f"{verb} {the_name(f.versus)}" if verb else the_name(f.versus)) + span
    if rec.since is None:
        return [Segment(f"{head} by "), Segment("the widest margin on record", ref)]
    return [Segment(f"{head} by "), Segment(f"the most since {long_month(rec.since)}", ref)]


def lead_headline(
    scored: Sequence[ScoredFact], move: int | None, spreads: Sequence[int], subject: str
) -> Sentence:
    """Headline for the lead cluster: the subject's move, then its record margins.

    Parameters
    ----------
    scored : sequence of ScoredFact
        Scored facts (segments carry indices into it).
    move : int or None
        Index of the subject's move over the lead window, if it holds a record.
    spreads : sequence of int
        Indices of its spreads over the same window (at least one when ``move`` is None).
    subject : str
        The report's subject.

    Returns
    -------
    Sentence
        Without a final period. A margin joins a move's headline only when its record
        reaches back :data:`HEADLINE_YEARS` or more.
    """
    head: list[Segment] = []
    big = [i for i in spreads if _years(scored[i].fact) >= HEADLINE_YEARS]
    if move is not None:
        head += _headline_move(scored[move].fact, move)
        clauses = [
            _headline_spread(
                scored[i].fact,
                i,
                "beating"
                if k == 0 and scored[i].fact.value > 0
                else "trailing"
                if k == 0
                else None,
            )
            for k, i in enumerate(big)
        ]
        for k, c in enumerate(clauses):
            head += [Segment(", " if k == 0 else " and "), *c]
    else:
        first = big[0] if big else spreads[0]
        verb = "beat" if scored[first].fact.value > 0 else "trailed"
        head += [
            Segment(f"{_cap(_short(subject))} "),
            *_headline_spread(
                scored[first].fact,
                first,
                verb,
                _over(int(scored[first].fact.window)),  # type: ignore[arg-type]
            ),
        ]
    return Sentence(tuple(head))
