"""A headline and a few paragraphs built from ranked facts, by templates only.

Every number in the narrative sits in a :class:`Segment` that points at the fact it
comes from (``ref`` = position of the fact in the ranked list), so renderers can add
footnote markers and hover titles. Nothing is said that a fact does not hold: a
"since ..." clause is only written from the fact's
:class:`~rotascope.facts.fact.Record`, and a fact without a dedicated template here is
told by its own ``text`` (itself made by a template in :mod:`rotascope.facts.text`).

Layout:

1. **Lead.** The top-ranked fact picks the story. When it is a move or a spread over
   N sessions, the headline states the subject's own N-session move first ("Small caps
   had their best five sessions since April 2020"), then its margin over each
   comparison series over the same sessions whose record reaches back a year or more.
   The first paragraph gives the numbers.
2. **News.** The next few facts with a notable record (:func:`~rotascope.facts.text.
   is_notable`), in ranked order.
3. **Context.** Year to date for every series, and the subject's drawdown.

Examples
--------
>>> import datetime as dt
>>> from rotascope.facts.fact import Fact, Record
>>> from rotascope.facts.rank import rank_facts
>>> rec = Record("high", dt.date(2020, 4, 29), 0.118, 22, 9279, dt.date(1987, 9, 10))
>>> f = Fact("move", "RUT", dt.date(2024, 7, 16), 0.1154, "pct", "...", window=5,
...          record=rec)
>>> n = narrate(rank_facts([f]), subject="RUT")
>>> n.headline.text
'Small caps had their best five sessions since April 2020'
>>> n.paragraph_texts()[0]
'The Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024, its biggest five-session gain since Apr 29, 2020, the 22nd largest of 9,279 five-session moves since Sep 1987.'
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rotascope.facts.fact import Fact
from rotascope.facts.rank import ScoredFact
from rotascope.facts.text import (
    fmt_date,
    fmt_month,
    is_notable,
    number,
    ordinal,
    pct,
    points,
    window_adjective,
    window_words,
)
from rotascope.facts.text import name as the_name
from rotascope.symbols import info

__all__ = ["HEADLINE_YEARS", "Narrative", "Segment", "Sentence", "narrate"]

#: A margin over a comparison series joins the headline when its record reaches back
#: at least this many years (or is all-time).
HEADLINE_YEARS = 1.0

_LEAD_KINDS = ("move", "spread")


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence; numbers carry the fact they come from.

    Attributes
    ----------
    text : str
        The words.
    ref : int or None
        Index of the source fact (``None`` for plain words).
    """

    text: str
    ref: int | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence as a sequence of segments."""

    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        """The sentence without markers."""
        return "".join(s.text for s in self.segments)

    @property
    def refs(self) -> tuple[int, ...]:
        """Indices of the facts cited, in order of first appearance."""
        return tuple(dict.fromkeys(s.ref for s in self.segments if s.ref is not None))

    def remap(self, mapping: Mapping[int, int]) -> Sentence:
        """The same sentence with fact indices replaced through ``mapping``."""
        return Sentence(
            tuple(Segment(s.text, None if s.ref is None else mapping[s.ref]) for s in self.segments)
        )


@dataclass(frozen=True)
class Narrative:
    """Headline and paragraphs.

    Attributes
    ----------
    headline : Sentence
        One line, no final period.
    paragraphs : tuple of tuple of Sentence
        A few short paragraphs.
    """

    headline: Sentence
    paragraphs: tuple[tuple[Sentence, ...], ...] = field(default_factory=tuple)

    @property
    def refs(self) -> tuple[int, ...]:
        """Every fact index cited, in order of first appearance."""
        every = (self.headline, *(x for p in self.paragraphs for x in p))
        return tuple(dict.fromkeys(r for s in every for r in s.refs))

    def remap(self, mapping: Mapping[int, int]) -> Narrative:
        """The same narrative with fact indices replaced through ``mapping``."""
        return Narrative(
            self.headline.remap(mapping),
            tuple(tuple(s.remap(mapping) for s in p) for p in self.paragraphs),
        )

    def paragraph_texts(self) -> list[str]:
        """Paragraphs as plain strings."""
        return [" ".join(s.text for s in p) for p in self.paragraphs]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: plain texts and the facts each sentence cites."""
        return {
            "headline": self.headline.text,
            "paragraphs": self.paragraph_texts(),
            "sentences": [
                [{"text": s.text, "facts": list(s.refs)} for s in p] for p in self.paragraphs
            ],
        }


# ---------------------------------------------------------------- wording


def _short(symbol: str) -> str:
    entry = info(symbol)
    return entry.short or the_name(symbol)


def _plural(words: str) -> bool:
    return words.lower().endswith(("caps", "stocks", "shares"))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _long_month(value: Any) -> str:
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return f"{d:%B} {d.year}"


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


def _finite(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _years(fact: Fact) -> float:
    rec = fact.record
    if rec is None:
        return 0.0
    start = rec.since if rec.since is not None else rec.history_start
    return (fact.asof - start).days / 365.25


def _extreme(fact: Fact) -> bool:
    """A best (high record of a gain) or a worst (low record of a loss) worth saying."""
    rec = fact.record
    if rec is None or not is_notable(rec, fact.asof):
        return False
    return (rec.direction == "high" and fact.value > 0) or (
        rec.direction == "low" and fact.value < 0
    )


def _sentence(segs: list[Segment]) -> Sentence:
    if not "".join(s.text for s in segs).rstrip().endswith((".", "!", "?")):
        segs = [*segs, Segment(".")]
    return Sentence(tuple(segs))


# ---------------------------------------------------------------- templates


def _headline_move(f: Fact, ref: int) -> list[Segment]:
    who = _short(f.subject)
    best = "best" if f.value > 0 else "worst"
    rec = f.record
    assert rec is not None
    since = "on record" if rec.since is None else f"since {_long_month(rec.since)}"
    own = "their" if _plural(who) else "its"
    return [Segment(f"{_cap(who)} had {own} "), Segment(f"{best} {_span(f.window)} {since}", ref)]


def _headline_spread(f: Fact, ref: int, verb: str | None, span: str = "") -> list[Segment]:
    rec = f.record
    assert rec is not None
    head = (f"{verb} {the_name(f.versus)}" if verb else the_name(f.versus)) + span
    if rec.since is None:
        return [Segment(f"{head} by "), Segment("the widest margin on record", ref)]
    return [Segment(f"{head} by "), Segment(f"the most since {_long_month(rec.since)}", ref)]


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
            Segment(f"{ordinal(rec.rank)} {word} of {rec.out_of:,} {ranked_noun}", ref),
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
    vr = f.details.get("versus_return")
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


def _lead(ranked: Sequence[ScoredFact], subject: str) -> tuple[int | None, list[int]]:
    """The subject's move and its spreads over the top fact's window, if they hold records."""
    top = ranked[0].fact
    if top.kind not in _LEAD_KINDS or not isinstance(top.window, int):
        return None, []
    w, basis = top.window, top.basis

    def pick(kind: str) -> list[int]:
        return [
            i
            for i, s in enumerate(ranked)
            if s.fact.kind == kind
            and s.fact.subject == subject
            and s.fact.window == w
            and s.fact.basis == basis
            and _extreme(s.fact)
        ]

    moves, spreads = pick("move"), pick("spread")
    move = moves[0] if moves else None
    if move is not None:
        up = ranked[move].fact.value > 0
        spreads = [i for i in spreads if (ranked[i].fact.value > 0) == up]
    return move, spreads


def _same_window(a: Fact, b: Fact) -> bool:
    return (a.kind in _LEAD_KINDS and a.subject == b.subject and a.window == b.window
            and a.basis == b.basis)  # fmt: skip


def _cluster(
    ranked: Sequence[ScoredFact], move: int | None, spreads: Sequence[int], subject: str
) -> list[Sentence]:
    """The subject's move over N sessions, then its margin over each series."""
    out: list[Sentence] = []
    if move is not None:
        out.append(_sentence(_move_sentence(ranked[move].fact, move)))
    for k, i in enumerate(spreads):
        f = ranked[i].fact
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
        out.append(_sentence(_spread_sentence(f, i, opener=opener)))
    return out


def _ytd_sentence(ranked: Sequence[ScoredFact], subject: str) -> list[Segment] | None:
    ytd = {
        s.fact.subject: i
        for i, s in enumerate(ranked)
        if s.fact.kind == "period" and s.fact.window == "YTD" and s.fact.unit == "pct"
    }
    if subject not in ytd:
        return None
    i = ytd.pop(subject)
    f = ranked[i].fact
    segs = [
        Segment(f"Year to date {the_name(subject)} is {'up' if f.value >= 0 else 'down'} "),
        Segment(pct(abs(f.value)), i),
    ]
    others = [(sym, j) for sym, j in ytd.items()]
    for k, (sym, j) in enumerate(others):
        g = ranked[j].fact
        sep = ", against " if k == 0 else (" and " if k == len(others) - 1 else ", ")
        segs += [
            Segment(sep),
            Segment(pct(g.value, signed=True), j),
            Segment(f" for {the_name(sym)}"),
        ]
    return segs


def narrate(ranked: Sequence[ScoredFact], *, subject: str, max_news: int = 3) -> Narrative:
    """Headline and paragraphs from ranked facts.

    Parameters
    ----------
    ranked : sequence of ScoredFact
        Facts, most remarkable first (:func:`rotascope.facts.rank.rank_facts`),
        near-duplicates already folded.
    subject : str
        The report's subject (its own moves lead).
    max_news : int, optional
        Sentences in the second paragraph.

    Returns
    -------
    Narrative
        Segments carry indices into ``ranked``.
    """
    if not ranked:
        return Narrative(Sentence((Segment(f"No facts for {the_name(subject)}"),)))
    move, spreads = _lead(ranked, subject)
    used: set[int] = set()
    lead: list[Sentence] = []
    if move is not None or spreads:
        head: list[Segment] = []
        big = [i for i in spreads if _years(ranked[i].fact) >= HEADLINE_YEARS]
        if move is not None:
            head += _headline_move(ranked[move].fact, move)
            clauses = [
                _headline_spread(
                    ranked[i].fact,
                    i,
                    "beating"
                    if k == 0 and ranked[i].fact.value > 0
                    else "trailing"
                    if k == 0
                    else None,
                )
                for k, i in enumerate(big)
            ]
            for k, c in enumerate(clauses):
                head += [Segment(", " if k == 0 else " and "), *c]
            used.add(move)
        else:
            first = big[0] if big else spreads[0]
            verb = "beat" if ranked[first].fact.value > 0 else "trailed"
            head += [
                Segment(f"{_cap(_short(subject))} "),
                *_headline_spread(
                    ranked[first].fact,
                    first,
                    verb,
                    _over(int(ranked[first].fact.window)),  # type: ignore[arg-type]
                ),
            ]
        lead += _cluster(ranked, move, spreads, subject)
        used.update(spreads)
        headline = Sentence(tuple(head))
    else:
        text = ranked[0].fact.text.strip().rstrip(".")
        headline = Sentence((Segment(text, 0),))
        lead.append(_sentence(_fact_sentence(ranked[0].fact, 0)))
        used.add(0)
    paragraphs = [tuple(lead)]
    candidates = [
        i
        for i, s in enumerate(ranked)
        if i not in used
        and s.fact.kind != "period"
        and s.fact.record is not None
        and is_notable(s.fact.record, s.fact.asof)
        and s.score > 0
    ]
    news: list[Sentence] = []
    items = 0
    for i in candidates:
        if i in used:
            continue
        if items >= max_news:
            break
        items += 1
        f = ranked[i].fact
        if f.kind in _LEAD_KINDS and f.subject == subject and isinstance(f.window, int):
            group = [j for j in candidates if j not in used and _same_window(ranked[j].fact, f)]
            moves = [j for j in group if ranked[j].fact.kind == "move" and _extreme(ranked[j].fact)]
            spreads_j = [j for j in group if ranked[j].fact.kind == "spread"
                         and _extreme(ranked[j].fact)]  # fmt: skip
            if moves or spreads_j:
                mv = moves[0] if moves else None
                news += _cluster(ranked, mv, spreads_j, subject)
                used.update(spreads_j + ([mv] if mv is not None else []))
                continue
        news.append(_sentence(_fact_sentence(f, i)))
        used.add(i)
    if news:
        paragraphs.append(tuple(news))
    context: list[Sentence] = []
    ytd = _ytd_sentence(ranked, subject)
    if ytd is not None:
        context.append(_sentence(ytd))
    dd = next(
        (
            i
            for i, s in enumerate(ranked)
            if s.fact.kind == "drawdown"
            and s.fact.subject == subject
            and s.fact.versus is None
            and i not in used
        ),
        None,
    )
    if dd is not None:
        context.append(_sentence(_fact_sentence(ranked[dd].fact, dd)))
    if context:
        paragraphs.append(tuple(context))
    return Narrative(headline, tuple(paragraphs))
