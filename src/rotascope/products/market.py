"""The market story: the biggest story of a date across every series, then the rotation.

:func:`market_story` scans every series of the data source and every pair of the
rotation dashboard (:data:`rotascope.products.rotation.GAUGES`) as of one date, scores
all their facts together (:mod:`rotascope.story.score`) and writes the story
(:func:`rotascope.story.narrative.narrate` with no subject): the most remarkable fact
of any series leads, the next ones follow, then a paragraph on the rotation gauges.

Rules:

- **The market's date** is a session all of the headline indexes present (S&P 500,
  Nasdaq 100, Russell 2000) have; by default their last common one. It is resolved by
  the one as-of rule (:func:`rotascope.asof.resolve_asof`): a weekend uses the Friday,
  a date after their data is an error. Every other series is cut at that date; one
  whose data end more than :data:`STALE_DAYS` earlier is left out, with a note.
- **This week's news.** A record close, a bear market or a round number stays news for
  the week: the kinds registered ``recent`` are also looked for on the
  :data:`LOOKBACK` - 1 sessions before the date, dated to their own session ("The
  Russell 2000 closed at a record 2,467.70 on Sep 18, 2025 ..."), and keep
  :data:`~rotascope.story.score.RECENT_DECAY` of their score per session of age, so the
  day's own record outranks last Thursday's of the same reach. A round number must
  still be crossed on the date, a bear market not ended by a record; a level's
  "highest since" is news on its day only.
- **One series for one market.** A series that tracks a scanned index (IWM, SPY, QQQ,
  the market factor) is not scanned on its own (its moves are the index's); the ETFs
  stay in the rotation pairs.
- **The headline series lead.** The facts of the headline indexes and the 10- and
  2-year Treasury yields (:data:`HEADLINE_SERIES`) lead when any of them is remarkable;
  another series' (an ETF, a factor, a style pair) is news market-wide only when its
  record reaches back a year or more.
- **The rotation.** The gauges' remarkable facts not already told; when none is, the
  most unusual gauge of the dashboard over :data:`ROTATION_WINDOW` sessions, stated
  plainly.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2020-01-01", periods=300, name="date")
>>> rng = np.random.default_rng(0)
>>> walk = lambda: 100 * np.exp(np.cumsum(rng.normal(0, 0.01, 300)))
>>> src = MemorySource({s: pd.Series(walk(), idx) for s in ("SPX", "RUT")})
>>> story = market_story(src)
>>> story.asof.date().isoformat(), bool(story.headline)
('2021-02-23', True)
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from rotascope.asof import AsOf, Note, resolve_asof
from rotascope.data.port import DataSource
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.kinds.context import Context
from rotascope.kinds.engine import DEFAULT_WINDOWS, FactEngine, engine_for
from rotascope.kinds.fact import Fact
from rotascope.kinds.memo import SeriesData
from rotascope.kinds.registry import all_kinds
from rotascope.products.rotation import GAUGES, Gauge, rotation
from rotascope.story.narrative import Narrative, narrate
from rotascope.story.score import ScoredFact, explain, score_fact, score_facts
from rotascope.story.segments import Segment, Sentence, as_sentence
from rotascope.wording import fmt_date, name

__all__ = [
    "HEADLINE",
    "HEADLINE_SERIES",
    "LOOKBACK",
    "ROTATION_WINDOW",
    "STALE_DAYS",
    "TRACKERS",
    "MarketStory",
    "market_story",
]

#: The headline indexes: the market's date is a session all of those present have.
HEADLINE: tuple[str, ...] = ("SPX", "NDX", "RUT")
#: The market's headline series: their facts lead when any is remarkable; a record of
#: another series (an ETF, a factor, a style pair) is news market-wide when it reaches
#: back :data:`SECONDARY_YEARS` or more.
HEADLINE_SERIES: tuple[str, ...] = (*HEADLINE, "DGS10", "DGS2")
SECONDARY_YEARS = 1.0
#: Sessions of "this week" (the date included) whose events are still news.
LOOKBACK = 5
#: A series whose data end more than this many days before the date is left out.
STALE_DAYS = 7
#: Series that track an index (ETFs, the market factor): scanned only when the index is
#: absent.
TRACKERS: dict[str, str] = {"IWM": "RUT", "SPY": "SPX", "QQQ": "NDX", "MKT-RF": "SPX"}
#: Series that are no market (the Fama-French risk-free rate, by its id or a bare name).
SKIPPED: tuple[str, ...] = ("RF", "ff:RF", "ff5:RF")
#: Window of the rotation dashboard the last paragraph falls back on.
ROTATION_WINDOW = 21


@dataclass(frozen=True)
class MarketStory:
    """The story of a date across the market.

    Attributes
    ----------
    asof : pandas.Timestamp
        The market's session.
    asof_info : AsOf
        The date asked for, the session used and the as-of notes.
    scored : list of ScoredFact
        Every fact of every series and rotation pair, most remarkable first (folded).
    narrative : Narrative
        Headline and paragraphs; segment refs index ``scored``.
    series : tuple of str
        The series scanned.
    pairs : tuple of (str, str)
        The rotation pairs scanned.
    notes : tuple of Note
        Series left out and why, and what the facts' notes say.
    data_version : str
    """

    asof: pd.Timestamp
    asof_info: AsOf
    scored: list[ScoredFact]
    narrative: Narrative
    series: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    notes: tuple[Note, ...] = field(default=())
    data_version: str = ""

    @property
    def headline(self) -> str:
        """The headline, without a final period."""
        return self.narrative.headline.text

    @property
    def lead(self) -> ScoredFact | None:
        """The fact the headline cites (``None`` on a quiet session)."""
        refs = self.narrative.headline.refs
        return self.scored[refs[0]] if refs else None

    def explain(self) -> str:
        """How this was ranked: every fact's score and its parts."""
        return explain(self.scored)

    def to_frame(self) -> pd.DataFrame:
        """One row per scored fact: score, kind, series, window, value, unit, text."""
        rows = [
            {
                "score": s.score,
                "kind": s.fact.kind,
                "subject": s.fact.subject,
                "versus": s.fact.versus,
                "asof": s.fact.asof,
                "window": s.fact.window,
                "value": s.fact.value,
                "unit": s.fact.unit,
                "since": None if s.fact.record is None else s.fact.record.since,
                "text": s.fact.text,
            }
            for s in self.scored
        ]
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: as-of, headline, narrative, facts with scores, notes."""
        return {
            "asof": self.asof_info.to_dict(),
            "headline": self.headline,
            "narrative": self.narrative.to_dict(),
            "facts": [s.to_dict() for s in self.scored],
            "series": list(self.series),
            "pairs": [list(p) for p in self.pairs],
            "notes": [n.to_dict() for n in self.notes],
            "data_version": self.data_version,
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def _repr_html_(self) -> str:
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in self.narrative.paragraph_texts())
        return f"<div class='rotascope-market'><h3>{html.escape(self.headline)}</h3>{paras}</div>"

    def __str__(self) -> str:
        return "\n\n".join([self.headline, *self.narrative.paragraph_texts()])


def _market_dates(engine: FactEngine, symbols: Sequence[str]) -> tuple[pd.DatetimeIndex, str]:
    present = [s for s in HEADLINE if s in symbols]
    if not present:
        present = list(symbols)
    dates: pd.DatetimeIndex | None = None
    for sym in present:
        idx = pd.DatetimeIndex(engine.series(sym).values.index)
        dates = idx if dates is None else dates.intersection(idx)
    assert dates is not None
    names = [name(s) for s in present]
    what = f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else names[0]
    return dates, what


def _recent_facts(
    engine: FactEngine, data: SeriesData, day: pd.Timestamp, windows: tuple[int, ...]
) -> list[Fact]:
    """Facts of the ``recent`` kinds on the sessions of the week before ``day``."""
    kinds = [k for k in all_kinds() if k.recent and k.scope == "series"]
    index = data.values.index
    pos = int(index.searchsorted(day, side="right")) - 1
    out: list[Fact] = []
    for back in range(1, LOOKBACK):
        if pos - back < 0:
            break
        ctx = Context(engine.memo, index[pos - back], data, windows=windows)
        for kind in kinds:
            out += [f for f in kind.builder(ctx) if _still_holds(f, data, index[pos])]
    return out


def _still_holds(fact: Fact, data: SeriesData, day: pd.Timestamp) -> bool:
    """Whether the state an earlier event left still holds on ``day``: a round number
    is still crossed, a bear market (or correction) is not over by a new record."""
    close = float(data.values.loc[day])
    if fact.kind == "round_number":
        up = fact.details.get("direction") == "up"
        return close >= fact.value if up else close < fact.value
    if fact.kind == "threshold":
        since = data.values.loc[pd.Timestamp(fact.asof) : day]
        return bool(since.max() <= float(fact.details.get("peak_value", float("inf"))))
    return True


def _scan_series(
    engine: FactEngine, sym: str, day: pd.Timestamp, windows: tuple[int, ...]
) -> tuple[list[Fact], list[Note]]:
    data = engine.series(sym)
    used = data.day_on_or_before(day)
    assert used is not None
    fs = engine.facts(sym, asof=AsOf.at(used), windows=windows, context=False)
    return [*fs, *_recent_facts(engine, data, used, windows)], list(fs.notes)


def _scan_pair(
    engine: FactEngine, gauge: Gauge, day: pd.Timestamp, windows: tuple[int, ...]
) -> tuple[list[Fact], list[Note]]:
    assert gauge.versus is not None
    fs = engine.facts(
        gauge.subject,
        versus=gauge.versus,
        asof=AsOf.at(engine.series(gauge.subject, gauge.basis).day_on_or_before(day)),
        windows=windows,
        basis=gauge.basis,  # type: ignore[arg-type]
        context=False,
    )
    keep = [f for f in fs if f.versus == gauge.versus]
    notes = [n for n in fs.notes if n.code in ("gaps", "basis")]
    return keep, notes


def _available(engine: FactEngine, sym: str, basis: str = "price") -> SeriesData | None:
    try:
        return engine.series(sym, basis)
    except (UnknownSymbol, DataError):
        return None


def market_story(
    source: DataSource,
    asof: Any = None,
    *,
    windows: Sequence[int] = DEFAULT_WINDOWS,
    gauges: Sequence[Gauge] = GAUGES,
    max_news: int = 3,
) -> MarketStory:
    """The ranked story of ``asof`` across every series and rotation pair of ``source``.

    Parameters
    ----------
    source : DataSource
        Where the series come from (the engine kept for it is reused).
    asof : date-like, "latest", AsOf or None
        The market's date (see the module docstring); default the last session the
        headline indexes all have.
    windows : sequence of int
        Session windows of moves and spreads.
    gauges : sequence of Gauge
        The rotation pairs (default the dashboard's).
    max_news : int
        Items in the paragraph after the lead.

    Returns
    -------
    MarketStory

    Raises
    ------
    AsOfError
        ``asof`` is not a date, or outside the headline indexes' data.
    DataError
        The source holds no series.
    """
    engine = engine_for(source)
    symbols = [s for s in source.symbols() if s not in SKIPPED]
    if not symbols:
        raise DataError("the data source holds no series; import some with `rotascope data`")
    dates, what = _market_dates(engine, symbols)
    when = resolve_asof(asof, dates, what=what)
    day = when.session
    wins = tuple(int(w) for w in windows)
    facts: list[Fact] = []
    notes: list[Note] = list(when.notes)
    scanned: list[str] = []
    stale: list[str] = []
    for sym in symbols:
        if TRACKERS.get(sym) in symbols:
            continue
        data = _available(engine, sym)
        if data is None:
            continue
        last = data.day_on_or_before(day)
        if last is None or (day - last).days > STALE_DAYS:
            stale.append(f"{sym} ({'no data yet' if last is None else fmt_date(last)})")
            continue
        got, more = _scan_series(engine, sym, day, wins)
        facts += got
        notes += more
        scanned.append(sym)
    if stale:
        notes.append(
            Note(
                "skipped",
                f"Left out of the market story, their data ending more than {STALE_DAYS} "
                f"days before {fmt_date(day)}: {', '.join(stale)}.",
            )
        )
    pairs: list[tuple[str, str]] = []
    for g in gauges:
        if g.versus is None or _tracks_a_pair(g, gauges, symbols):
            continue
        a, b = _available(engine, g.subject, g.basis), _available(engine, g.versus, g.basis)
        if a is None or b is None:
            continue
        la, lb = a.day_on_or_before(day), b.day_on_or_before(day)
        if la is None or lb is None or (day - min(la, lb)).days > STALE_DAYS:
            continue
        got, more = _scan_pair(engine, g, day, wins)
        facts += got
        notes += more
        pairs.append((g.subject, g.versus))
    facts = _one_turning_point(facts)
    scored = _secondary(score_facts(facts, asof=day.date()))
    narrative = narrate(scored, subject=None, max_news=max_news, lead_series=HEADLINE_SERIES)
    scored, rotation = _rotation(source, scored, narrative, pairs, day, gauges)
    if rotation:
        narrative = Narrative(narrative.headline, (*narrative.paragraphs, tuple(rotation)))
    return MarketStory(
        asof=day,
        asof_info=when,
        scored=scored,
        narrative=narrative,
        series=tuple(scanned),
        pairs=tuple(pairs),
        notes=tuple(dict.fromkeys(notes)),
        data_version=engine.memo.version,
    )


def _tracks_a_pair(g: Gauge, gauges: Sequence[Gauge], symbols: Sequence[str]) -> bool:
    """An ETF pair whose indexes are a gauge too (IWM vs SPY beside RUT vs SPX)."""
    a, b = TRACKERS.get(g.subject), TRACKERS.get(g.versus or "")
    if a is None or b is None or a not in symbols or b not in symbols:
        return False
    return any(x.subject == a and x.versus == b for x in gauges)


def _secondary(scored: list[ScoredFact]) -> list[ScoredFact]:
    """A fact of a series outside the headline ones is news market-wide when it reaches
    back a year or more (a style pair's six-week high is not)."""
    out = []
    for s in scored:
        f = s.fact
        headline = f.subject in HEADLINE_SERIES and (f.versus in (None, *HEADLINE_SERIES))
        if not headline and s.remarkable and (s.reach or 0.0) < SECONDARY_YEARS:
            s = ScoredFact(f, 0.0, {**s.parts, "market": 0.0}, s.reach, s.folded)
        out.append(s)
    return sorted(out, key=lambda s: -s.score)


def _one_turning_point(facts: list[Fact]) -> list[Fact]:
    """A series' turning point once: against a rotation partner when a pair has one."""
    paired = {f.subject for f in facts if f.kind == "turning_point" and f.versus is not None}
    return [
        f
        for f in facts
        if not (f.kind == "turning_point" and f.versus is None and f.subject in paired)
    ]


def _gauge_fact(f: Fact, pairs: Sequence[tuple[str, str]], gauges: Sequence[Gauge]) -> bool:
    if f.versus is not None:
        return (f.subject, f.versus) in pairs
    factors = {g.subject for g in gauges if g.versus is None}
    return f.subject in factors and f.kind == "move"


def _rotation(
    source: DataSource,
    scored: list[ScoredFact],
    narrative: Narrative,
    pairs: Sequence[tuple[str, str]],
    day: pd.Timestamp,
    gauges: Sequence[Gauge],
) -> tuple[list[ScoredFact], list[Sentence]]:
    """The rotation paragraph: the gauges' remarkable facts not told yet, or the most
    unusual gauge of the dashboard, plainly."""
    told = set(narrative.refs)
    picks = [
        i
        for i, s in enumerate(scored)
        if i not in told and s.remarkable and _gauge_fact(s.fact, pairs, gauges)
    ][:2]
    if picks:
        first = [Segment("In the rotation gauges, ")]
        text = _lower_first(scored[picks[0]].fact.text)
        out = [as_sentence([*first, Segment(text, picks[0])])]
        out += [as_sentence([Segment(scored[i].fact.text, i)]) for i in picks[1:]]
        return scored, out
    try:
        board = rotation(source, day, ROTATION_WINDOW, gauges)
    except (AsOfError, DataError):
        return scored, []
    fresh = [f for f in board.facts if not f.details.get("stale")]
    if not fresh:
        return scored, []
    top = fresh[0]
    scored = [*scored, score_fact(top, asof=day.date())]  # stated plainly, after the rest
    ref = len(scored) - 1
    told_any = any(scored[i].remarkable and _gauge_fact(scored[i].fact, pairs, gauges)
                   for i in told)  # fmt: skip
    lead_in = (
        f"Among the rotation gauges, the most unusual over {ROTATION_WINDOW} sessions: "
        if told_any
        else "No rotation gauge set a record reaching back more than a month; the most "
        f"unusual over {ROTATION_WINDOW} sessions: "
    )
    return scored, [as_sentence([Segment(lead_in), Segment(_lower_first(top.text), ref)])]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text.startswith("The ") else text
