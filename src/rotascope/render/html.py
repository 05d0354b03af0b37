"""Render a :class:`~rotascope.render.build.Report` as one self-contained HTML page.

The page opens offline and fetches nothing: it carries plotly.js's basic bundle once
(:mod:`rotascope.render.plotlyjs`, 395 KB gzipped, inlined as base64 and inflated by
the browser's ``DecompressionStream``), and each chart as a ``<div>`` with its figure
as JSON beside it; a short script draws them once the bundle is loaded. Text goes
through Jinja2 with autoescaping on; the only markup built here is escaped segment by
segment.

Examples
--------
>>> from rotascope.story.segments import Segment, Sentence
>>> str(sentence_html(Sentence((Segment("up "), Segment("5%", 1), Segment("."))),
...                   {1: "X <rose> 5%"}))
'up <span class="num" title="X &lt;rose&gt; 5%" data-fact="1">5%</span>.<sup class="fn"><a href="#fact-1">1</a></sup>'
"""  # noqa: E501

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from rotascope.render.markdown import RANKING
from rotascope.story.segments import Sentence

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from rotascope.render.build import Report

__all__ = ["chart_html", "render_html", "sentence_html"]

#: Cited segments up to this length are numbers or short phrases (underlined); longer
#: ones are whole fact sentences (hover title only).
_NUMBER_CHARS = 48


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("rotascope.render", "templates"),
        autoescape=select_autoescape(["html", "j2", "html.j2"], default=True),
        trim_blocks=False,
        lstrip_blocks=False,
    )


@lru_cache(maxsize=1)
def _plotly_gz() -> Markup:
    from rotascope.render.plotlyjs import gzip_base64

    return Markup(gzip_base64())


def _config() -> Markup:
    from rotascope.render.style import CONFIG

    return Markup(json.dumps(CONFIG))


def sentence_html(sentence: Sentence, titles: Mapping[int, str], *, markers: bool = True) -> Markup:
    """A sentence with numbers wrapped (hover title = the fact) and footnote markers.

    Parameters
    ----------
    sentence : Sentence
        Segments whose ``ref`` are footnote numbers.
    titles : mapping of int to str
        Footnote number -> the fact's sentence.
    markers : bool
        Append ``<sup>`` links to the facts cited.
    """
    parts: list[str] = []
    for seg in sentence.segments:
        if seg.ref is None:
            parts.append(str(escape(seg.text)))
        else:
            kind = "num" if len(seg.text) <= _NUMBER_CHARS else "cite"
            parts.append(
                f'<span class="{kind}" title="{escape(titles.get(seg.ref, ""))}" '
                f'data-fact="{seg.ref}">{escape(seg.text)}</span>'
            )
    if markers and sentence.refs:
        links = ",".join(f'<a href="#fact-{r}">{r}</a>' for r in sentence.refs)
        parts.append(f'<sup class="fn">{links}</sup>')
    return Markup("".join(parts))


def figure_json(fig: go.Figure) -> str:
    """A figure's ``{"data", "layout"}`` as JSON safe inside a ``<script>`` element
    (every ``<`` escaped).

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> text = figure_json(go.Figure(layout={"title": {"text": "a<br>b"}}))
    >>> "<" in text, json.loads(text)["layout"]["title"]["text"]
    (False, 'a<br>b')
    """
    spec = fig.to_plotly_json()
    layout = {k: v for k, v in spec.get("layout", {}).items() if k != "template"}
    from plotly.io.json import to_json_plotly

    text = to_json_plotly({"data": spec.get("data", []), "layout": layout})
    return text.replace("<", "\\u003c")


def chart_html(name: str, fig: go.Figure) -> Markup:
    """A figure as an empty ``<div>`` and its JSON; the page's script draws it."""
    return Markup(
        f'<div class="plot" id="chart-{name}" data-figure="figure-{name}"></div>'
        f'<script type="application/json" id="figure-{name}">{figure_json(fig)}</script>'
    )


def render_html(rep: Report) -> str:
    """The report page.

    Parameters
    ----------
    rep : Report
        A built report.

    Returns
    -------
    str
        A complete HTML document.
    """
    from rotascope._version import version

    titles = {n: s.fact.text for n, s in enumerate(rep.facts, 1)}
    headline = sentence_html(rep.narrative.headline, titles, markers=False)
    paragraphs = [
        Markup(" ").join(sentence_html(s, titles) for s in p) for p in rep.narrative.paragraphs
    ]
    facts: list[dict[str, Any]] = []
    for n, s in enumerate(rep.facts, 1):
        facts.append({
            "n": n, "text": s.fact.text, "kind": s.fact.kind, "label": s.fact.label,
            "folded": ", ".join(f.label or str(f.window) for f in s.folded),
        })  # fmt: skip
    section_names = {f"{s.name}_": s for s in rep.sections}
    main_charts = [
        {"name": k, "html": chart_html(k, fig)}
        for k, fig in rep.charts.items()
        if not any(k.startswith(p) for p in section_names)
    ]
    sections = [
        {
            "name": s.name,
            "title": s.title,
            "facts": [f.text for f in s.facts],
            "charts": [
                {"name": f"{s.name}_{k}", "html": chart_html(f"{s.name}_{k}", fig)}
                for k, fig in s.charts.items()
            ],
        }
        for s in rep.sections
    ]
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            title=rep.title,
            headline=headline,
            paragraphs=paragraphs,
            charts=main_charts,
            facts=facts,
            sections=sections,
            source=rep.source,
            asof=rep.asof.isoformat(),
            basis=rep.basis,
            notes=rep.notes,
            provenance=sorted(rep.provenance.items()),
            ranking=RANKING,
            explain=rep.explain(),
            plotly_gz=_plotly_gz(),
            plotly_config=_config(),
            version=version(),
        )
    )
