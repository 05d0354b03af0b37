"""Render a :class:`~rotascope.render.build.Report` as Markdown for notes.

Numbers keep their traceability through footnotes (``[^3]`` after each sentence, the
fact list as footnote definitions). Charts are left out; each is named by a one-line
caption so the note says what the HTML page shows. Scores and test statistics are never
in the reader's text: they are in the "How this was ranked" appendix at the end.

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

__all__ = ["RANKING", "render_markdown", "sentence_md"]

#: What the "how this was ranked" appendix says before its table.
RANKING = (
    "Only remarkable facts are news: a record reaching back about a month or more (four "
    "windows for a measure over overlapping windows), or one of the ten most extreme "
    "values of its history. Score = reach (log2 of 1 + the years the record reaches "
    "back) + rarity (log10 of history / rank, capped at the number of independent "
    "windows); an event earlier in the week keeps 0.85 of its score per session. "
    "Near-duplicates (neighbouring windows, the same record, the same story told by two "
    "kinds) are folded into the best framing."
)


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
    lines += [f"{n}. {_escape(s.fact.text)}" for n, s in enumerate(rep.facts, 1)]
    for sec in rep.sections:
        lines += ["", f"## {_escape(sec.title)}", ""]
        lines += [f"- {_escape(f.text)}" for f in sec.facts]
    lines += ["", f"Data: {_escape(rep.source)}. As of {rep.asof.isoformat()}."]
    lines += [f"- {_escape(n)}" for n in rep.notes]
    lines += ["", "## How this was ranked", "", RANKING, "", "```", rep.explain(), "```"]
    lines.append("")
    for n, s in enumerate(rep.facts, 1):
        lines.append(f"[^{n}]: {_escape(s.fact.text)}")
    return "\n".join(lines) + "\n"
