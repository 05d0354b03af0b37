"""Build the report: scored facts, narrative, charts, optional sections.

:func:`report` asks the fact engine for every fact about the subject and each pair,
scores them (:mod:`rotascope.story.score`), writes the narrative
(:mod:`rotascope.story.narrative`) and draws the charts (:mod:`rotascope.render.charts`)
from series cut at the as-of date. Optional sections (rotation, streaks, catalysts,
breadth, factors, valuation) are added when their data exist.

Examples
--------
>>> import pandas as pd, numpy as np
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2020-01-01", periods=400, name="date")
>>> rng = np.random.default_rng(0)
>>> src = MemorySource({s: pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, 400))), idx)
...                     for s in ("RUT", "SPX")})
>>> rep = report("RUT", versus=("SPX",), source=src, sections=())
>>> sorted(rep.charts)
['distribution', 'drawdown', 'ratio_SPX', 'rebased']
>>> rep.to_html().startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from rotascope._typing import Basis
from rotascope.asof import AsOf, Note
from rotascope.data.port import DataSource
from rotascope.kinds.engine import DEFAULT_WINDOWS, engine_for
from rotascope.render import charts as ch
from rotascope.render.sections import SECTIONS, Section, build_sections
from rotascope.render.sources import data_origin, provenance, source_line
from rotascope.story.narrative import Narrative, narrate
from rotascope.story.score import ScoredFact, explain, score_facts
from rotascope.symbols import canonical, display_name
from rotascope.wording import fmt_date

__all__ = ["Report", "report"]

Progress = Callable[[str], None]


@dataclass
class Report:
    """A finished report.

    Attributes
    ----------
    subject : str
        Canonical symbol of the subject.
    versus : tuple of str
        Comparison series.
    asof : datetime.date
        The session every fact uses.
    facts : list of ScoredFact
        The facts shown, highest score first: the top ``top`` plus any the narrative
        cites; footnote ``n`` is ``facts[n - 1]``.
    scored : list of ScoredFact
        Every fact after folding near-duplicates, highest score first (``--explain``).
    narrative : Narrative
        Headline and paragraphs; segment refs are footnote numbers (1-based).
    charts : dict of str to plotly.graph_objects.Figure
        ``ratio_<VERSUS>``, ``distribution``, ``rebased``, ``drawdown`` and the charts of
        optional sections.
    sections : list of Section
        Optional sections that had data.
    notes : list of str
        Data caveats (the FactSet's notes: as-of moved, basis, pair gaps) and why
        optional sections were left out.
    origin : str
        Where the data came from (local store, bundled dataset, memory...).
    source : str
        The charts' source line.
    provenance : dict of str to str
        Per series: where its values come from and their date range.
    asof_info : AsOf
        The date asked for and the session used.
    elapsed : float
        Seconds spent building (not part of :meth:`to_dict`).
    """

    subject: str
    versus: tuple[str, ...]
    asof: dt.date
    facts: list[ScoredFact]
    scored: list[ScoredFact]
    narrative: Narrative
    charts: dict[str, go.Figure]
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    origin: str = ""
    source: str = ""
    basis: str = "price"
    provenance: dict[str, str] = field(default_factory=dict)
    asof_info: AsOf | None = None
    elapsed: float = 0.0
    market: bool = False

    @property
    def title(self) -> str:
        """Page title: "Russell 2000 vs S&P 500 and Nasdaq 100, Jul 16, 2024"; a
        market-wide report: "The market, then Russell 2000 vs ...: Sep 24, 2025"."""
        others = " and ".join(display_name(v) for v in self.versus)
        vs = f" vs {others}" if others else ""
        lead = "The market, then " if self.market else ""
        return f"{lead}{display_name(self.subject)}{vs}: {fmt_date(self.asof)}"

    def explain(self) -> str:
        """Score table of every scored fact (what ``--explain`` prints)."""
        return explain(self.scored)

    def to_dict(self) -> dict[str, Any]:
        """Facts with scores, the narrative and the sections, JSON-ready."""
        return {
            "subject": self.subject,
            "versus": list(self.versus),
            "asof": self.asof.isoformat(),
            "basis": self.basis,
            "headline": self.narrative.headline.text,
            "narrative": self.narrative.to_dict(),
            "facts": [{"n": i, **s.to_dict()} for i, s in enumerate(self.facts, 1)],
            "sections": [
                {"name": s.name, "title": s.title, "facts": [f.to_dict() for f in s.facts]}
                for s in self.sections
            ],
            "notes": list(self.notes),
            "market": self.market,
            "origin": self.origin,
            "source": self.source,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_html(self) -> str:
        """One self-contained HTML page (plotly.js inlined once; opens offline)."""
        from rotascope.render.html import render_html

        return render_html(self)

    def to_markdown(self) -> str:
        """Markdown: headline, paragraphs with footnotes, fact list, chart captions."""
        from rotascope.render.markdown import render_markdown

        return render_markdown(self)

    def __str__(self) -> str:
        return self.narrative.headline.text


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


def report(
    subject: str = "RUT",
    versus: str | Iterable[str] | None = ("SPX", "NDX"),
    asof: Any = None,
    *,
    source: DataSource,
    top: int = 10,
    windows: Iterable[int] = DEFAULT_WINDOWS,
    basis: Basis = "price",
    period: str = "YTD",
    sections: Iterable[str] = SECTIONS,
    progress: Progress | None = None,
    market: bool = False,
) -> Report:
    """Build the report for ``subject`` against each ``versus`` as of ``asof``.

    Parameters
    ----------
    subject : str
        Symbol the report is about (default the Russell 2000).
    versus : str or iterable of str, optional
        Comparison series (default the S&P 500 and the Nasdaq 100).
    asof : date-like, "latest" or AsOf, optional
        Use only data on or before this date (default: the subject's last date); resolved
        by the one as-of rule (:func:`rotascope.asof.resolve_asof`).
    source : DataSource
        Where the series come from.
    top : int
        Facts listed (the narrative's facts are always listed too).
    windows : iterable of int
        Session windows of moves and spreads.
    basis : {"price", "total_return"}
        Closes or adjusted closes.
    period : {"YTD", "QTD", "MTD"}
        Period of the rebased chart.
    sections : iterable of str
        Optional sections to try (``catalysts``, ``factors``, ``valuation``).
    progress : callable, optional
        Called with a short label before each step.
    market : bool
        Lead with the story of the date across the market
        (:func:`rotascope.products.market.market_story`: every series and rotation
        pair), then the subject's charts and sections; ``asof`` is the market's date.

    Returns
    -------
    Report

    Raises
    ------
    UnknownSymbol
        A symbol with no data.
    AsOfError
        ``asof`` is not a date, or outside the data.
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
    when = asof if isinstance(asof, AsOf) else engine.asof_for(subject, asof, basis)
    facts = engine.facts(subject, versus=vs, asof=when, windows=windows, basis=basis)
    day = engine.series(subject, basis).day_on_or_before(when.session)
    assert day is not None  # the engine raised before the data
    day = day.date()

    say("ranking")
    scored = score_facts(facts)
    narrative = narrate(scored, subject=subject)
    if story is not None:
        scored, narrative = story.scored, story.narrative
    shown = _shown(scored, narrative, top)
    number = {old: n for n, old in enumerate(shown, 1)}
    narrative = narrative.remap(number)
    listed = [scored[i] for i in shown]

    say("charts")
    cut = pd.Timestamp(day)
    series = {s: engine.series(s, basis).values.loc[:cut] for s in (subject, *vs)}
    origin = data_origin(source, (subject, *vs))
    line = source_line((subject, *vs), origin)
    figs: dict[str, go.Figure] = {}
    for v in vs:
        figs[f"ratio_{v}"] = ch.ratio_chart(series[subject], series[v], source=line)
    figs["distribution"] = ch.distribution_chart(
        series[subject], _lead_window(scored, subject), source=line
    )
    figs["rebased"] = ch.rebased_chart(series, period=period, source=line)
    figs["drawdown"] = ch.drawdown_chart(series, source=line)

    say("sections")
    built, notes = build_sections(
        tuple(sections), subject=subject, versus=vs, asof=day, series=series, source=source
    )
    built = _without_scored(built, scored)
    for sec in built:
        for name, fig in sec.charts.items():
            figs[f"{sec.name}_{name}"] = fig
    notes = [*_data_notes(facts.notes), *notes]
    if story is not None:
        notes = list(dict.fromkeys([*_data_notes(story.notes), *notes]))
    return Report(
        subject=subject, versus=vs, asof=day, facts=listed, scored=scored,
        narrative=narrative, charts=figs, sections=built, notes=notes, origin=origin,
        source=line, basis=basis, provenance=provenance(source, (subject, *vs)),
        asof_info=when, elapsed=time.perf_counter() - t0, market=market,
    )  # fmt: skip


def _without_scored(built: list[Section], scored: Sequence[ScoredFact]) -> list[Section]:
    """Drop section facts the engine already scored (it may add streaks and catalysts)."""
    seen = {s.fact.text for s in scored}
    out = []
    for sec in built:
        sec.facts = [f for f in sec.facts if f.text not in seen]
        if sec.facts or sec.charts:
            out.append(sec)
    return out


def _data_notes(notes: Sequence[Note]) -> list[str]:
    """The facts' notes (as-of moved, basis fallback, pair gaps), each once."""
    return list(dict.fromkeys(n.text for n in notes))
