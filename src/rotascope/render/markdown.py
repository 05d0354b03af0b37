"""Render a :class:`~rotascope.render.build.Report` as Markdown for notes.

Numbers keep their traceability through footnotes (``[^3]`` after each sentence, the
fact list as footnote definitions). Charts are left out; each is named by a one-line
caption so the note says what the HTML page shows.

Examples
--------
>>> from rotascope.story.segments import Segment, Sentence
>>> sentence_md(Sentence((Segment("up "), Segment("5%", 2), Segment("."))))
'up 5%.[^2]'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rotascope.story.segments import Sentence

if TYPE_CHECKING:
    from rotascope.render.build import Report

__all__ = ["render_markdown", "sentence_md"]


def _escape(text: str) -> str:
    return text.replace("*", r"\*").replace("_", r"\_")


def sentence_md(sentence: Sentence) -> str:
    """The sentence with footnote references to the facts it cites."""
    refs = "".join(f"[^{r}]" for r in sentence.refs)
    return _escape(sentence.text) + refs


def _caption(fig: object) -> str:
    title = getattr(getattr(getattr(fig, "layout", None), "title", None), "text", "") or ""
    return title.replace("<br><sup>", " — ").replace("</sup>", "").replace("<br>", " ")


def render_markdown(rep: Report) -> str:
    """The report as Markdown: headline, paragraphs, chart captions, facts as footnotes."""
    lines = [f"# {_escape(rep.narrative.headline.text)}", "", f"*{rep.title}*", ""]
    for p in rep.narrative.paragraphs:
        lines += [" ".join(sentence_md(s) for s in p), ""]
    lines += ["## Charts (in the HTML report)", ""]
    lines += [f"- {_escape(_caption(fig))}" for fig in rep.charts.values()]
    lines += ["", "## Facts, most remarkable first", ""]
    lines += [
        "| # | score | reach | rarity | percentile | fact |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for n, s in enumerate(rep.facts, 1):
        p = s.parts
        lines.append(
            f"| {n} | {s.score:.2f} | {p.get('reach', 0):.2f} | {p.get('rarity', 0):.2f} | "
            f"{p.get('percentile', 0):.2f} | {_escape(s.fact.text)} |"
        )
    for sec in rep.sections:
        lines += ["", f"## {_escape(sec.title)}", ""]
        lines += [f"- {_escape(f.text)}" for f in sec.facts]
    lines += ["", f"Data: {_escape(rep.source)}. As of {rep.asof.isoformat()}."]
    lines += [f"- {_escape(n)}" for n in rep.notes]
    lines.append("")
    for n, s in enumerate(rep.facts, 1):
        lines.append(f"[^{n}]: {_escape(s.fact.text)}")
    return "\n".join(lines) + "\n"
