"""Draw a report: the product's result with its plotly figures, ready to write.

:func:`rotascope.products.report.report` assembles what a report says (facts, scores,
narrative, sections, the numbers behind the charts); :func:`render_report` draws its
charts (:mod:`rotascope.render.charts`, :mod:`rotascope.render.sections`) and returns a
:class:`Report`, which writes itself as HTML, Markdown or JSON. :func:`report` does
both.

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
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from rotascope.asof import AsOf
from rotascope.data.port import DataSource
from rotascope.kinds.fact import Fact
from rotascope.products.report import DEFAULT_VERSUS, ReportResult
from rotascope.products.report import report as assemble
from rotascope.render.charts import main_charts
from rotascope.render.sections import section_charts
from rotascope.story.narrative import Narrative
from rotascope.story.score import ScoredFact

__all__ = ["DrawnSection", "Report", "render_report", "report"]


@dataclass
class DrawnSection:
    """An optional section with its figures.

    Attributes
    ----------
    name, title : str
    facts : list of Fact
    charts : dict of str to plotly.graph_objects.Figure
    """

    name: str
    title: str
    facts: list[Fact] = field(default_factory=list)
    charts: dict[str, go.Figure] = field(default_factory=dict)


@dataclass
class Report:
    """A finished report: the product's result and its figures.

    Attributes
    ----------
    result : ReportResult
        What the report says (facts, scores, narrative, sections, notes).
    charts : dict of str to plotly.graph_objects.Figure
        ``ratio_<VERSUS>``, ``distribution``, ``rebased``, ``drawdown`` and the
        sections' charts (``<section>_<chart>``).
    sections : list of DrawnSection
        The optional sections that had data, with their figures.
    elapsed : float
        Seconds spent assembling and drawing.
    """

    result: ReportResult
    charts: dict[str, go.Figure]
    sections: list[DrawnSection] = field(default_factory=list)
    elapsed: float = 0.0

    # --- what the result says ------------------------------------------------------
    @property
    def subject(self) -> str:
        """Canonical symbol of the subject."""
        return self.result.subject

    @property
    def versus(self) -> tuple[str, ...]:
        """Comparison series."""
        return self.result.versus

    @property
    def asof(self) -> dt.date:
        """The session every fact of the subject uses."""
        return self.result.day

    @property
    def asof_info(self) -> AsOf:
        """The date asked for, the session used and the as-of notes."""
        return self.result.asof

    @property
    def facts(self) -> list[ScoredFact]:
        """The facts listed (footnote ``n`` is ``facts[n - 1]``)."""
        return self.result.facts

    @property
    def scored(self) -> list[ScoredFact]:
        """Every scored fact, highest score first."""
        return self.result.scored

    @property
    def narrative(self) -> Narrative:
        """Headline and paragraphs."""
        return self.result.narrative

    @property
    def notes(self) -> list[str]:
        """The notes' sentences: the facts', then the sections'."""
        return self.result.note_texts()

    @property
    def origin(self) -> str:
        """Where the data came from."""
        return self.result.origin

    @property
    def source(self) -> str:
        """The charts' source line."""
        return self.result.source

    @property
    def basis(self) -> str:
        """``price`` or ``total_return``."""
        return self.result.basis

    @property
    def provenance(self) -> dict[str, str]:
        """Per series: where its values come from and their date range."""
        return self.result.provenance

    @property
    def title(self) -> str:
        """Page title: "Russell 2000 vs S&P 500 and Nasdaq 100: Jul 16, 2024"."""
        return self.result.title

    def explain(self) -> str:
        """Score table of every scored fact (what ``--explain`` prints)."""
        return self.result.explain()

    # --- writers -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Facts with scores, the narrative, the sections and the notes, JSON-ready
        (:meth:`ReportResult.to_dict <rotascope.products.report.ReportResult.to_dict>`)."""
        return self.result.to_dict()

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON."""
        return self.result.to_json(indent=indent)

    def to_html(self) -> str:
        """One self-contained HTML page (plotly.js inlined once; opens offline)."""
        from rotascope.render.html import render_html

        return render_html(self)

    def to_markdown(self) -> str:
        """Markdown: headline, paragraphs with footnotes, fact list, chart captions."""
        from rotascope.render.markdown import render_markdown

        return render_markdown(self)

    def _repr_html_(self) -> str:
        return self.result._repr_html_()

    def __str__(self) -> str:
        return self.narrative.headline.text


def render_report(result: ReportResult) -> Report:
    """Draw the charts of an assembled report.

    Parameters
    ----------
    result : ReportResult
        From :func:`rotascope.products.report.report`.

    Returns
    -------
    Report
    """
    t0 = time.perf_counter()
    figs = main_charts(result.charts, source=result.source)
    drawn: list[DrawnSection] = []
    for sec in result.sections:
        charts = section_charts(sec)
        for name, fig in charts.items():
            figs[f"{sec.name}_{name}"] = fig
        drawn.append(DrawnSection(sec.name, sec.title, list(sec.facts), charts))
    return Report(result, figs, drawn, result.elapsed + time.perf_counter() - t0)


def report(
    subject: str = "RUT",
    versus: str | Iterable[str] | None = DEFAULT_VERSUS,
    asof: Any = None,
    *,
    source: DataSource,
    **options: Any,
) -> Report:
    """Assemble and draw the report for ``subject`` against each ``versus`` as of
    ``asof`` (see :func:`rotascope.products.report.report` for the options)."""
    return render_report(assemble(source, subject, versus, asof, **options))
