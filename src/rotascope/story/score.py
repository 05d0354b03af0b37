"""Score facts by how remarkable they are, with the score's parts visible.

The **score** orders the story; it is not a record's **rank** (its place in history).
A fact's score is the sum of three parts, each read from its :class:`~rotascope.kinds.
fact.Record` and its kind's score hints (:class:`~rotascope.kinds.registry.Kind`):

``reach``
    How far back the record reaches: ``log2(1 + years * density)`` where ``years`` runs
    from ``record.since`` (or from ``history_start`` when nothing earlier was as extreme)
    to the as-of date, and ``density`` (:func:`density`) is 1 for daily series and the
    share of sessions observed for sparse kinds (CPI days, monthly data), so "the widest
    on any CPI day since 2000" counts like 287 sessions, not 24 years. A best week
    "since April 2020" as of July 2024 reaches 4.2 years (2.4 points); a record since
    1987 reaches 37 years (5.2 points).
``rarity``
    Its rank among all history: ``log10(out_of / rank)``, capped for kinds whose
    ``out_of`` counts overlapping windows (moves, spreads, yield changes) at the number
    of *independent* windows in that history,
    ``log10(out_of / window)``. Overlapping
    windows make long-window records cheap (a 252-session window shares 251 sessions
    with yesterday's), so a rank 1 among 9,000 one-year windows counts like a rank 1
    among 36 years.
``percentile``
    Where the value sits in the series' own distribution of the same measure (the
    fact's ``details["percentile"]`` when the engine gives one, else
    ``1 - (rank - 1) / out_of``), mapped to 0..1 points above the median:
    ``max(0, 2 * pct - 1)``. It separates facts with no deep record.

Facts without a record score only what they have (zero parts are shown as 0.0).
Near-duplicates are folded into the best-scoring one: the 4-, 5- and 6-session versions
of the same move (same kind, pair, basis and direction, windows within a factor of
1.5), and the same record reached by several windows (same notable ``since`` date, see
:func:`rotascope.kinds.phrases.is_notable`; a "since yesterday" shared by two windows
is no duplicate).

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact, Record
>>> rec = Record("high", dt.date(2020, 4, 29), 11.8, 22, 9279, dt.date(1987, 9, 10))
>>> f = Fact("move", "RUT", dt.date(2024, 7, 16), 11.54, "pct", "...", window=5,
...          record=rec)
>>> s = score_fact(f)
>>> sorted(s.parts)
['percentile', 'rarity', 'reach']
>>> round(s.parts["reach"], 2), round(s.parts["rarity"], 2)
(2.38, 2.63)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rotascope.kinds.fact import Fact
from rotascope.kinds.phrases import is_notable
from rotascope.kinds.registry import Kind, get

__all__ = [
    "DEFAULT_WEIGHTS",
    "ScoredFact",
    "density",
    "explain",
    "near_duplicates",
    "reach_years",
    "score_fact",
    "score_facts",
]

#: Weight of each part in the score (score = sum of weight * part).
DEFAULT_WEIGHTS: Mapping[str, float] = {"reach": 1.0, "rarity": 1.0, "percentile": 1.0}

#: Windows within this factor of each other are "the same move" (4, 5 and 6 sessions).
WINDOW_FACTOR = 1.5

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
        Sum of ``weights[part] * parts[part]``.
    parts : dict of str to float
        The unweighted parts (``reach``, ``rarity``, ``percentile``).
    reach : float or None
        Years the record reaches back (``None`` without a record).
    folded : tuple of Fact
        Near-duplicates dropped in favour of this fact.
    """

    fact: Fact
    score: float
    parts: dict[str, float] = field(default_factory=dict)
    reach: float | None = None
    folded: tuple[Fact, ...] = ()

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


def reach_years(fact: Fact) -> float | None:
    """Years from the record's ``since`` (or ``history_start``) to the as-of date.

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact, Record
    >>> rec = Record("high", None, None, 1, 100, dt.date(2000, 1, 1))
    >>> round(reach_years(Fact("move", "X", dt.date(2010, 1, 1), 0.1, "pct", "",
    ...                        record=rec)), 1)
    10.0
    """
    rec = fact.record
    if rec is None:
        return None
    start = rec.since if rec.since is not None else rec.history_start
    if start is None:
        return None
    days = (_as_date(fact.asof) - _as_date(start)).days
    return max(days, 0) / _YEAR_DAYS


def density(fact: Fact) -> float:
    """Observations per session in the record's history, at most 1.

    A daily series has one value per session (1.0). A record among sparse observations
    (287 CPI days since 2000, a monthly valuation) reaches back many years through few
    values, so its reach counts in session-equivalents: ``out_of`` values over the
    sessions from ``history_start`` to the as-of date (kinds with the ``sparse`` hint).
    A streak's ``out_of`` counts earlier runs as long, not observations, so streaks
    keep calendar reach.

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


def _percentile(fact: Fact) -> float | None:
    given = fact.details.get("percentile") if fact.details else None
    if isinstance(given, (int, float)) and math.isfinite(given):
        return float(given) / 100.0 if given > 1.0 else float(given)
    rec = fact.record
    if rec is None or rec.out_of <= 0:
        return None
    return 1.0 - (rec.rank - 1) / rec.out_of


def score_fact(fact: Fact, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> ScoredFact:
    """Score one fact (see the module docstring for the parts).

    Parameters
    ----------
    fact : Fact
        The fact to score.
    weights : mapping, optional
        Weight of each part; missing parts weigh 1.

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
    rec = fact.record
    reach = math.log2(1.0 + years * density(fact)) if years is not None else 0.0
    rarity = 0.0
    if rec is not None and rec.rank >= 1 and rec.out_of >= 1:
        window = fact.window if isinstance(fact.window, int) and fact.window > 0 else 1
        kind = _kind(fact)
        if kind is None or not kind.overlapping:
            window = 1
        cap = math.log10(max(rec.out_of / window, 1.0))
        rarity = min(math.log10(rec.out_of / rec.rank), cap)
    pct = _percentile(fact)
    percentile = max(0.0, 2.0 * pct - 1.0) if pct is not None else 0.0
    parts = {"reach": reach, "rarity": rarity, "percentile": percentile}
    score = sum(weights.get(k, 1.0) * v for k, v in parts.items())
    return ScoredFact(fact, score, parts, years)


def _direction(fact: Fact) -> str:
    if fact.record is not None:
        return fact.record.direction
    return "high" if fact.value >= 0 else "low"


def _family(fact: Fact) -> tuple[Any, ...]:
    return (fact.kind, fact.subject, fact.versus, fact.basis, _direction(fact))


def near_duplicates(a: Fact, b: Fact) -> bool:
    """True when ``a`` and ``b`` state the same thing (see the module docstring).

    Examples
    --------
    >>> import datetime as dt
    >>> from rotascope.kinds.fact import Fact
    >>> d = dt.date(2024, 7, 16)
    >>> f4, f5, f21 = (Fact("move", "RUT", d, 10.0, "pct", "", window=w) for w in (4, 5, 21))
    >>> near_duplicates(f4, f5), near_duplicates(f5, f21)
    (True, False)
    """
    if _family(a) != _family(b):
        return False
    if a.window == b.window:
        return True
    ra, rb = a.record, b.record
    if (
        ra is not None
        and rb is not None
        and ra.since is not None
        and ra.since == rb.since
        and is_notable(ra, _as_date(a.asof))
    ):
        return True
    wa, wb = a.window, b.window
    if isinstance(wa, int) and isinstance(wb, int) and wa > 0 and wb > 0:
        return max(wa, wb) / min(wa, wb) <= WINDOW_FACTOR
    return False


def score_facts(
    facts: Iterable[Fact],
    *,
    top: int | None = None,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
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

    Returns
    -------
    list of ScoredFact
        Sorted by score (ties: shorter window first, then kind and versus, so the order
        is deterministic).

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
    scored = [score_fact(f, weights) for f in facts]
    scored.sort(key=_sort_key)
    kept: list[ScoredFact] = []
    folded: list[list[Fact]] = []
    for s in scored:
        for i, k in enumerate(kept):
            if near_duplicates(k.fact, s.fact):
                folded[i].append(s.fact)
                break
        else:
            kept.append(s)
            folded.append([])
    out = [
        ScoredFact(k.fact, k.score, k.parts, k.reach, tuple(extra))
        for k, extra in zip(kept, folded, strict=True)
    ]
    return out if top is None else out[: max(int(top), 0)]


def _sort_key(s: ScoredFact) -> tuple[Any, ...]:
    w = s.fact.window
    wkey = (0, w, "") if isinstance(w, int) else (1, 0, str(w))
    return (-round(s.score, 9), wkey, s.fact.kind, s.fact.versus or "", s.fact.label)


def explain(scored: Sequence[ScoredFact], weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> str:
    """Plain-text table of scores and their parts, one line per fact.

    Examples
    --------
    >>> print(explain([]).splitlines()[0])
      #   score   reach  rarity    pctl  reach_y  fact
    """
    lines = [f"{'#':>3} {'score':>7} {'reach':>7} {'rarity':>7} {'pctl':>7} {'reach_y':>8}  fact"]
    for i, s in enumerate(scored, 1):
        p = s.parts
        years = "-" if s.reach is None else f"{s.reach:.1f}"
        text = s.fact.text
        if s.folded:
            text += f"  [folded: {', '.join(f.label or str(f.window) for f in s.folded)}]"
        lines.append(
            f"{i:>3} {s.score:>7.2f} {p.get('reach', 0.0):>7.2f} {p.get('rarity', 0.0):>7.2f} "
            f"{p.get('percentile', 0.0):>7.2f} {years:>8}  {text}"
        )
    if any(v != 1.0 for v in weights.values()):
        lines.append("weights: " + ", ".join(f"{k}={v:g}" for k, v in weights.items()))
    return "\n".join(lines)
