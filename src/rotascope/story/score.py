"""Score facts by how remarkable they are, with the score's parts visible.

The **score** orders the story; it is not a record's **rank** (its place in history).

**Remarkable first.** A fact is remarkable when its news reaches back at least
:data:`~rotascope.kinds.phrases.NOTABLE_DAYS` (about a month: "its worst day since Oct
7, 2022", a bear market, the first record close since November 2021; for a measure over
overlapping N-session windows, at least :data:`INDEPENDENT_WINDOWS` windows back, so a
one-year return must beat four years of them) or, for a ranked record, when it is among
the ten most extreme of its history. Anything else scores 0:
"the biggest rise since the previous session" or a big move whose record reaches back
a week is no news, and a fact with no record and no rarity (a year-to-date return)
never leads.

A remarkable fact's score is the sum of two parts, read from its
:class:`~rotascope.kinds.fact.Record` and its kind's score hints
(:class:`~rotascope.kinds.registry.Kind`):

``reach``
    How far back the news reaches: ``log2(1 + years * density)``, ``years`` from the
    record's ``since`` (or ``history_start`` when nothing earlier was as extreme), or
    from the kind's ``reach_from`` hint (a record close reaches back to the previous
    record close, a bear market to the previous one), to the fact's date. ``density``
    (:func:`density`) is 1 for daily series and the share of sessions observed for
    sparse kinds (CPI days), so "the widest on any CPI day since 2000" counts like 287
    sessions, not 24 years.
``rarity``
    How rare the value is: ``log10(out_of / rank)``, capped for kinds whose ``out_of``
    counts overlapping windows at the number of independent windows,
    ``log10(out_of / window)``; or the kind's ``rarity`` hint (a crossing into a bear
    market: sessions of history per such crossing).

A fact dated before the story's date (a record close earlier in the week) keeps
:data:`RECENT_DECAY` of its score per session of age (the ``recency`` factor).

**The same story once.** Near-duplicates are folded into the best-scoring one
(:func:`near_duplicates`): the 4-, 5- and 6-session versions of a move, the same record
reached by several windows, and the same story told by two kinds on the same day
(:func:`same_story`: a move and its level record, a spread and the ratio, a record close
and its count or recovery, a move and its intraday extreme or its catalyst-day rank).
The close is the best framing of a day (:func:`preferred`): a remarkable move keeps the
lead over its intraday extreme, its catalyst-day rank and its rank in the year.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> rec = Record("high", dt.date(2020, 4, 29), 11.8, 22, 9279, dt.date(1987, 9, 10))
>>> f = Fact("move", "RUT", dt.date(2024, 7, 16), 11.54, "pct", "...", window=5,
...          record=rec)
>>> s = score_fact(f)
>>> sorted(s.parts)
['rarity', 'reach']
>>> round(s.parts["reach"], 2), round(s.parts["rarity"], 2)
(2.38, 2.63)
>>> week = Record("high", dt.date(2024, 7, 10), 3.0, 400, 9279, dt.date(1987, 9, 10))
>>> score_fact(Fact("move", "RUT", dt.date(2024, 7, 16), 3.5, "pct", "", window=1,
...                 record=week)).score
0.0
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import NOTABLE_DAYS, NOTABLE_RANK
from rotascope.kinds.registry import Kind, get
from rotascope.story.fold import near_duplicates, preferred, same_story

__all__ = [
    "DEFAULT_WEIGHTS",
    "INDEPENDENT_WINDOWS",
    "RECENT_DECAY",
    "ScoredFact",
    "density",
    "explain",
    "near_duplicates",
    "preferred",
    "reach_date",
    "reach_years",
    "remarkable",
    "same_story",
    "score_fact",
    "score_facts",
]

#: Weight of each part in the score (score = sum of weight * part, times recency).
DEFAULT_WEIGHTS: Mapping[str, float] = {"reach": 1.0, "rarity": 1.0}

#: A record of a measure over overlapping windows must reach back this many windows.
INDEPENDENT_WINDOWS = 4

#: Share of its score a fact keeps per session it is older than the story's date.
RECENT_DECAY = 0.85

_YEAR_DAYS = 365.25

#: Histories with at least this share of sessions observed count as daily (holidays and
#: a few missing sessions do not thin out a daily series).
DAILY_SHARE = 0.8

#: NYSE sessions in an average year (to count sparse histories in session-equivalents).
SESSIONS_PER_YEAR = 252.0


@dataclass(frozen=True)
class ScoredFact:
    """A fact with its remarkability score.

    Attributes
    ----------
    fact : Fact
        The fact scored.
    score : float
        ``recency * sum(weights[part] * parts[part])``; 0 for a fact that is not
        remarkable (:func:`remarkable`).
    parts : dict of str to float
        The unweighted parts (``reach``, ``rarity``) and, for a fact older than the
        story's date, its ``recency`` factor.
    reach : float or None
        Years the news reaches back (``None`` when there is nothing to reach back to).
    folded : tuple of Fact
        Near-duplicates dropped in favour of this fact.
    """

    fact: Fact
    score: float
    parts: dict[str, float] = field(default_factory=dict)
    reach: float | None = None
    folded: tuple[Fact, ...] = ()

    @property
    def remarkable(self) -> bool:
        """True when the fact is news (its score is above 0)."""
        return self.score > 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: the fact's fields plus ``score``, ``parts``, ``folded``."""
        out = self.fact.to_dict()
        out["score"] = round(self.score, 6)
        out["parts"] = {k: round(v, 6) for k, v in self.parts.items()}
        out["reach_years"] = None if self.reach is None else round(self.reach, 4)
        out["folded"] = [f.label or f.kind for f in self.folded]
        return out


def _kind(fact: Fact) -> Kind | None:
    try:
        return get(fact.kind)
    except KeyError:  # a fact of an unregistered kind scores without hints
        return None


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def reach_date(fact: Fact) -> dt.date | None:
    """The date the fact's news reaches back to (``None``: nothing to reach back to).

    The kind's ``reach_from`` hint when it has one, else the record's ``since`` (or its
    ``history_start`` when nothing earlier was as extreme).

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact, Record
    >>> rec = Record("high", None, None, 1, 100, dt.date(2000, 1, 1))
    >>> reach_date(Fact("move", "X", dt.date(2010, 1, 1), 0.1, "pct", "", record=rec))
    datetime.date(2000, 1, 1)
    """
    kind = _kind(fact)
    if kind is not None and kind.reach_from is not None:
        return kind.reach_from(fact)
    rec = fact.record
    if rec is None:
        return None
    start = rec.since if rec.since is not None else rec.history_start
    return None if start is None else _as_date(start)


def reach_years(fact: Fact) -> float | None:
    """Years from :func:`reach_date` to the fact's date.

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact, Record
    >>> rec = Record("high", None, None, 1, 100, dt.date(2000, 1, 1))
    >>> round(reach_years(Fact("move", "X", dt.date(2010, 1, 1), 0.1, "pct", "",
    ...                        record=rec)), 1)
    10.0
    """
    start = reach_date(fact)
    if start is None:
        return None
    days = (_as_date(fact.asof) - start).days
    return max(days, 0) / _YEAR_DAYS


def density(fact: Fact) -> float:
    """Observations per session in the record's history, at most 1.

    A daily series has one value per session (1.0). A record among sparse observations
    (287 CPI days since 2000, a monthly valuation) reaches back many years through few
    values, so its reach counts in session-equivalents: ``out_of`` values over the
    sessions from ``history_start`` to the as-of date (kinds with the ``sparse`` hint).

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact, Record
    >>> rec = Record("high", None, None, 1, 252, dt.date(2000, 1, 3))
    >>> round(density(Fact("catalyst", "X", dt.date(2021, 1, 4), 5.0, "pct", "",
    ...                    record=rec)), 3)
    0.048
    """
    rec = fact.record
    kind = _kind(fact)
    if rec is None or rec.history_start is None or kind is None or not kind.sparse:
        return 1.0
    years = (_as_date(fact.asof) - _as_date(rec.history_start)).days / _YEAR_DAYS
    sessions = years * SESSIONS_PER_YEAR
    if sessions <= 0:
        return 1.0
    share = rec.out_of / sessions
    return 1.0 if share >= DAILY_SHARE else share


def remarkable(fact: Fact) -> bool:
    """Whether a fact is news: its news reaches back about a month or more (in
    session-equivalents for sparse kinds; at least four windows for a measure over
    overlapping windows), or it ranks in the top ten of a ranked history of at least a
    month without tying a recent value.

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact, Record
    >>> d, h = dt.date(2024, 7, 16), dt.date(1987, 9, 10)
    >>> remarkable(Fact("move", "X", d, 3.0, "pct", "", window=1,
    ...                 record=Record("high", dt.date(2024, 7, 15), 3.1, 300, 9000, h)))
    False
    >>> remarkable(Fact("period", "X", d, 10.0, "pct", "", window="YTD"))
    False
    """
    years = reach_years(fact)
    if years is None:
        return False
    kind, rec = _kind(fact), fact.record
    if years * _YEAR_DAYS * density(fact) >= _needed_days(fact, kind):
        return True
    ranked = kind is None or kind.rarity is None
    return bool(
        ranked
        and rec is not None
        and rec.rank <= NOTABLE_RANK
        and rec.out_of > NOTABLE_DAYS
        and not _ties(fact)
    )


def _ties(fact: Fact) -> bool:
    """The value equals its record's since-value: a rank among ties says nothing rare
    (a +25 bp day ranks first beside every other +25 bp day)."""
    rec = fact.record
    if rec is None or rec.since is None or rec.since_value is None:
        return False
    return math.isclose(rec.since_value, fact.value, rel_tol=1e-12, abs_tol=1e-12)


def _needed_days(fact: Fact, kind: Kind | None) -> float:
    """About a month; for a measure over overlapping windows of N sessions (or N
    years), at least :data:`INDEPENDENT_WINDOWS` windows: a one-year return that beats
    every one-year return of the last three years only beats three independent ones."""
    w = fact.window
    if kind is None or not kind.overlapping:
        return float(NOTABLE_DAYS)
    if isinstance(w, str) and w[:-1].isdigit() and w.endswith("y"):  # a factor's 10y
        return max(float(NOTABLE_DAYS), INDEPENDENT_WINDOWS * int(w[:-1]) * _YEAR_DAYS)
    if not isinstance(w, int) or w <= 1:
        return float(NOTABLE_DAYS)
    return max(float(NOTABLE_DAYS), INDEPENDENT_WINDOWS * w * _YEAR_DAYS / SESSIONS_PER_YEAR)


def _rarity(fact: Fact) -> float:
    kind, rec = _kind(fact), fact.record
    if kind is not None and kind.rarity is not None:
        r = kind.rarity(fact)
        return max(r, 0.0) if r is not None and math.isfinite(r) else 0.0
    if rec is None or rec.rank < 1 or rec.out_of < 1:
        return 0.0
    window = fact.window if isinstance(fact.window, int) and fact.window > 0 else 1
    if kind is None or not kind.overlapping:
        window = 1
    cap = math.log10(max(rec.out_of / window, 1.0))
    return min(math.log10(rec.out_of / rec.rank), cap)


def _sessions_between(older: dt.date, day: dt.date) -> int:
    return int(np.busday_count(older, day)) if older < day else 0


def score_fact(
    fact: Fact,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
    *,
    asof: dt.date | None = None,
) -> ScoredFact:
    """Score one fact (see the module docstring for the parts).

    Parameters
    ----------
    fact : Fact
        The fact to score.
    weights : mapping, optional
        Weight of each part; missing parts weigh 1.
    asof : datetime.date, optional
        The story's date: a fact dated earlier keeps :data:`RECENT_DECAY` of its score
        per session (weekdays) of age.

    Returns
    -------
    ScoredFact

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact
    >>> score_fact(Fact("period", "RUT", dt.date(2024, 7, 16), 10.0, "pct", "")).score
    0.0
    """
    years = reach_years(fact)
    if not remarkable(fact):
        return ScoredFact(fact, 0.0, {"reach": 0.0, "rarity": 0.0}, years)
    reach = math.log2(1.0 + (years or 0.0) * density(fact))
    parts = {"reach": reach, "rarity": _rarity(fact)}
    score = sum(weights.get(k, 1.0) * v for k, v in parts.items())
    if asof is not None:
        age = _sessions_between(_as_date(fact.asof), _as_date(asof))
        if age:
            parts["recency"] = RECENT_DECAY**age
            score *= parts["recency"]
    return ScoredFact(fact, score, parts, years)


def score_facts(
    facts: Iterable[Fact],
    *,
    top: int | None = None,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
    asof: dt.date | None = None,
) -> list[ScoredFact]:
    """Score, fold near-duplicates and sort facts, most remarkable first.

    Parameters
    ----------
    facts : iterable of Fact
        All facts for a subject and its pairs as of one date (a FactSet, or any
        iterable of facts).
    top : int, optional
        Keep only the first ``top`` after folding.
    weights : mapping, optional
        Weight of each part.
    asof : datetime.date, optional
        The story's date (facts dated earlier lose score with age, see
        :func:`score_fact`).

    Returns
    -------
    list of ScoredFact
        Sorted by score (ties: shorter window first, then kind and versus, so the order
        is deterministic). Facts that are not remarkable are kept, with score 0, after
        the others (for the "how this was ranked" table and the context).

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact, Record
    >>> d, h = dt.date(2024, 7, 16), dt.date(1987, 9, 10)
    >>> mk = lambda w, since: Fact("move", "RUT", d, 10.0, "pct", "", window=w,
    ...                            record=Record("high", since, 10.0, 5, 9000, h))
    >>> scored = score_facts([mk(4, dt.date(2020, 4, 9)), mk(5, dt.date(2020, 4, 29)),
    ...                       mk(63, dt.date(2021, 1, 8))])
    >>> [(s.fact.window, len(s.folded)) for s in scored]
    [(4, 1), (63, 0)]
    """
    scored = [score_fact(f, weights, asof=asof) for f in facts]
    scored.sort(key=_sort_key)
    kept: list[ScoredFact] = []
    folded: list[list[Fact]] = []
    for s in scored:
        for i, k in enumerate(kept):
            if near_duplicates(k.fact, s.fact):
                if s.remarkable and preferred(s.fact, k.fact):
                    kept[i], s = s, k
                folded[i].append(s.fact)
                break
        else:
            kept.append(s)
            folded.append([])
    out = [
        ScoredFact(k.fact, k.score, k.parts, k.reach, tuple(extra))
        for k, extra in zip(kept, folded, strict=True)
    ]
    out.sort(key=_sort_key)  # a preferred framing may score lower than what it folded
    return out if top is None else out[: max(int(top), 0)]


def _sort_key(s: ScoredFact) -> tuple[Any, ...]:
    w = s.fact.window
    wkey = (0, w, "") if isinstance(w, int) else (1, 0, str(w))
    return (-round(s.score, 9), wkey, s.fact.kind, s.fact.subject, s.fact.versus or "",
            s.fact.label)  # fmt: skip


def explain(scored: Sequence[ScoredFact], weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> str:
    """How this was ranked: a plain-text table of scores and their parts.

    Not for the reader's text: the story's sentences never show a score or a test
    statistic; this table (``--explain``, the report's appendix) does.

    Examples
    --------
    >>> print(explain([]).splitlines()[0])
      #   score   reach  rarity  recent  reach_y  fact
    """
    lines = [f"{'#':>3} {'score':>7} {'reach':>7} {'rarity':>7} {'recent':>7} {'reach_y':>8}  fact"]
    for i, s in enumerate(scored, 1):
        p = s.parts
        years = "-" if s.reach is None else f"{s.reach:.1f}"
        text = s.fact.text
        stats = _statistics(s.fact)
        if stats:
            text += f"  [{stats}]"
        if s.folded:
            text += f"  [folded: {', '.join(f.label or str(f.window) for f in s.folded)}]"
        lines.append(
            f"{i:>3} {s.score:>7.2f} {p.get('reach', 0.0):>7.2f} {p.get('rarity', 0.0):>7.2f} "
            f"{p.get('recency', 1.0):>7.2f} {years:>8}  {text}"
        )
    if any(v != 1.0 for v in weights.values()):
        lines.append("weights: " + ", ".join(f"{k}={v:g}" for k, v in weights.items()))
    return "\n".join(lines)


def _statistics(fact: Fact) -> str:
    """Test statistics a fact carries (kept out of its sentence)."""
    d = fact.details or {}
    out = []
    t, p, n = d.get("t_stat"), d.get("p_boot"), d.get("n_boot")
    if isinstance(t, float) and math.isfinite(t):
        out.append(f"t {t:.2f}")
    if isinstance(p, float) and math.isfinite(p):
        out.append(f"bootstrap p {p:.3f}" + (f" ({n} draws)" if n else ""))
    return ", ".join(out)
