"""The report product: the facts, their scores, the narrative, the sections and the
numbers behind the charts, for one subject against its comparisons as of a date.

:func:`report` assembles everything a report says; :mod:`rotascope.render` draws and
writes it (HTML, Markdown, JSON, plotly figures). ``rotascope report``, ``GET
/api/report`` and :func:`rotascope.report` all call it, so the facts and notes of a
report are those :func:`rotascope.products.facts.facts` gives for the same question,
followed by the sections' notes.

Examples
--------
>>> import numpy as np, pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2020-01-01", periods=400, name="date")
>>> rng = np.random.default_rng(0)
>>> src = MemorySource({s: pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, 400))), idx)
...                     for s in ("RUT", "SPX")})
>>> r = report(src, "RUT", versus=("SPX",), sections=())
>>> r.subject, r.versus, len(r.factset) > len(r.facts), sorted(r.charts.ratios)
('RUT', ('SPX',), True, ['SPX'])
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from rotascope._typing import Basis
from rotascope.asof import AsOf, Note
from rotascope.data.port import DataSource
from rotascope.kinds.engine import DEFAULT_WINDOWS, engine_for
from rotascope.kinds.factset import FactSet
from rotascope.products.chart_data import ChartData, chart_data
from rotascope.products.facts import facts as facts_product
from rotascope.products.origin import data_origin, provenance, source_line
from rotascope.products.result import Result, unique_notes
from rotascope.products.sections import Section, build_sections, relevant
from rotascope.story.narrative import Narrative, narrate
from rotascope.story.score import ScoredFact, explain, score_facts
from rotascope.symbols import canonical, display_name
from rotascope.wording import fmt_date

__all__ = ["DEFAULT_VERSUS", "ReportResult", "report"]

#: Comparison series when none are given (``rotascope report``, ``/api/report``).
DEFAULT_VERSUS: tuple[str, ...] = ("SPX", "NDX")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ReportResult(Result):
    """Everything a report says, before it is drawn.

    Attributes
    ----------
    subject : str
        Canonical symbol of the subject.
    versus : tuple of str
        Comparison series.
    day : datetime.date
        The session every fact of the subject uses.
    factset : FactSet
        Every fact the engine gave (the same as the facts product's for this question).
    scored : list of ScoredFact
        Every fact after folding near-duplicates, highest score first (``--explain``).
    facts : list of ScoredFact
        The facts listed: the top ``top`` plus any the narrative cites; footnote ``n``
        is ``facts[n - 1]``.
    narrative : Narrative
        Headline and paragraphs; segment refs are footnote numbers (1-based).
    sections : list of Section
        Optional sections that had data.
    charts : ChartData
        The numbers the main charts draw (from the engine's memo).
    asof : AsOf
        The date asked for and the session used.
    notes : tuple of Note
        The facts' notes, then the sections' (data ending earlier, sections left out).
    data_version : str
    basis : str
    origin : str
        Where the data came from (local store, bundled dataset, memory...).
    source : str
        The charts' source line.
    provenance : dict of str to str
        Per series: where its values come from and their date range.
    elapsed : float
        Seconds spent assembling (not part of :meth:`to_dict`).
    """

    subject: str
    versus: tuple[str, ...]
    day: dt.date
    factset: FactSet
    scored: list[ScoredFact]
    facts: list[ScoredFact]
    narrative: Narrative
    sections: list[Section]
    charts: ChartData
    asof: AsOf
    notes: tuple[Note, ...] = ()
    data_version: str = ""
    basis: str = "price"
    origin: str = ""
    source: str = ""
    provenance: dict[str, str] = field(default_factory=dict)
    elapsed: float = 0.0
    market: bool = False

    @property
    def title(self) -> str:
        """Page title: "Russell 2000 vs S&P 500 and Nasdaq 100: Jul 16, 2024"; a
        market-wide report: "The market, then Russell 2000 vs ...: Sep 24, 2025"."""
        others = " and ".join(display_name(v) for v in self.versus)
        vs = f" vs {others}" if others else ""
        lead = "The market, then " if self.market else ""
        return f"{lead}{display_name(self.subject)}{vs}: {fmt_date(self.day)}"

    @property
    def headline(self) -> str:
        """The headline's text."""
        return self.narrative.headline.text

    def explain(self) -> str:
        """Score table of every scored fact (what ``--explain`` prints)."""
        return explain(self.scored)

    def to_frame(self) -> pd.DataFrame:
        """The facts listed, with their scores: n, score, kind, subject, versus, window,
        value, unit, sentence."""
        rows = [
            {"n": i, "score": s.score, "kind": s.fact.kind, "subject": s.fact.subject,
             "versus": s.fact.versus, "window": s.fact.window, "value": s.fact.value,
             "unit": s.fact.unit, "sentence": s.fact.text}
            for i, s in enumerate(self.facts, 1)
        ]  # fmt: skip
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        """Facts with scores, the narrative, the sections and the notes, JSON-ready.

        ``facts`` are the facts listed (with ``score`` and ``parts``); ``all_facts``
        every fact of the question (as ``rotascope facts --json`` prints them);
        ``notes`` the notes' sentences and ``asof_info`` the as-of with its notes.
        """
        return {
            "subject": self.subject,
            "versus": list(self.versus),
            "asof": self.day.isoformat(),
            "basis": self.basis,
            "headline": self.narrative.headline.text,
            "narrative": self.narrative.to_dict(),
            "facts": [{"n": i, **s.to_dict()} for i, s in enumerate(self.facts, 1)],
            "sections": [
                {"name": s.name, "title": s.title, "facts": [f.to_dict() for f in s.facts]}
                for s in self.sections
            ],
            "notes": self.note_texts(),
            "origin": self.origin,
            "source": self.source,
            "all_facts": [f.to_dict() for f in self.factset],
            "asof_info": self.asof.to_dict(),
            "data_version": self.data_version,
            "market": self.market,
        }


def _lead_window(scored: Sequence[ScoredFact], subject: str) -> int:
    for s in scored:
        f = s.fact
        if f.kind in ("move", "spread") and f.subject == subject and isinstance(f.window, int):
            return f.window
    return 5


def _shown(scored: Sequence[ScoredFact], narrative: Narrative, top: int) -> list[int]:
    """The narrative's facts and the top remarkable ones (no score-0 filler)."""
    best = [i for i, s in enumerate(scored) if s.remarkable][:top]
    return sorted(set(best) | set(narrative.refs))


def _without_scored(built: list[Section], scored: Sequence[ScoredFact]) -> list[Section]:
    """Drop section facts the engine already scored (it may add streaks and catalysts)."""
    seen = {s.fact.text for s in scored}
    out = []
    for sec in built:
        sec.facts = [f for f in sec.facts if f.text not in seen]
        if sec.facts or sec.data:
            out.append(sec)
    return out


def report(
    source: DataSource,
    subject: str = "RUT",
    versus: str | Iterable[str] | None = DEFAULT_VERSUS,
    asof: AsOf | Any = None,
    *,
    top: int = 10,
    windows: Iterable[int] = DEFAULT_WINDOWS,
    basis: Basis = "price",
    period: str = "YTD",
    sections: Iterable[str] | None = None,
    progress: Progress | None = None,
    market: bool = False,
) -> ReportResult:
    """Assemble the report for ``subject`` against each ``versus`` as of a date.

    Parameters
    ----------
    source : DataSource
        Where the series come from.
    subject : str
        Symbol the report is about (default the Russell 2000).
    versus : str or iterable of str, optional
        Comparison series (default the S&P 500 and the Nasdaq 100).
    asof : AsOf, date-like or "latest", optional
        Resolved against the subject's dates by the one as-of rule (an ``AsOf`` built
        at the entry is used as it is).
    top : int
        Facts listed (the narrative's facts are always listed too).
    windows : iterable of int
        Session windows of moves and spreads.
    basis : {"price", "total_return"}
        Closes or adjusted closes.
    period : {"YTD", "QTD", "MTD"}
        Period of the rebased chart.
    sections : iterable of str, optional
        Optional sections to try (among
        :data:`~rotascope.products.sections.SECTIONS`); default those that belong to
        the question (:func:`~rotascope.products.sections.relevant`).
    progress : callable, optional
        Called with a short label before each step (``facts``, ``ranking``,
        ``charts``, ``sections``).
    market : bool
        Lead with the story of the date across the market
        (:func:`rotascope.products.market.market_story`: every series and rotation
        pair), then the subject's charts and sections; ``asof`` is the market's date.

    Returns
    -------
    ReportResult

    Raises
    ------
    UnknownSymbol
        A symbol with no data.
    AsOfError
        ``asof`` is not a date, or outside the subject's data.
    """
    t0 = time.perf_counter()
    say = progress or (lambda _label: None)
    subject = canonical(subject)
    others = [versus] if isinstance(versus, str) else list(versus or ())
    vs = tuple(dict.fromkeys(canonical(v) for v in others if canonical(v) != subject))
    engine = engine_for(source)

    say("facts")
    story = None
    if market:
        from rotascope.products.market import market_story

        story = market_story(source, asof.requested if isinstance(asof, AsOf) else asof)
        asof = story.asof_info
    found = facts_product(source, subject, vs, asof, tuple(windows), basis)
    when = found.asof
    day = engine.series(subject, basis).day_on_or_before(when.session)
    assert day is not None  # the engine raised before the data

    say("ranking")
    scored = score_facts(found)
    narrative = narrate(scored, subject=subject)
    if story is not None:
        scored, narrative = story.scored, story.narrative
    shown = _shown(scored, narrative, top)
    number = {old: n for n, old in enumerate(shown, 1)}
    narrative = narrative.remap(number)
    listed = [scored[i] for i in shown]

    say("charts")
    charts = chart_data(
        engine, subject, vs, day, window=_lead_window(scored, subject), basis=basis,
        period=period,
    )  # fmt: skip

    say("sections")
    at_day = AsOf(session=day, requested=when.requested, data_end=when.data_end)
    names = relevant(subject, vs, market=market) if sections is None else tuple(sections)
    built, skipped = build_sections(
        names, source, subject=subject, versus=vs, asof=at_day, basis=basis
    )
    built = _without_scored(built, scored)
    notes = unique_notes(
        (
            *(story.notes if story is not None else ()),
            *found.notes,
            *(n for sec in built for n in sec.notes),
            *skipped,
        )
    )
    symbols = (subject, *vs)
    origin = data_origin(source, symbols)
    return ReportResult(
        subject=subject, versus=vs, day=day.date(), factset=found, scored=scored,
        facts=listed, narrative=narrative, sections=built, charts=charts, asof=when,
        notes=notes, data_version=found.data_version, basis=basis, origin=origin,
        source=source_line(symbols, origin), provenance=provenance(source, symbols),
        elapsed=time.perf_counter() - t0, market=market,
    )  # fmt: skip
