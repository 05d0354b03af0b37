"""HTML and Markdown rendering: self-contained, escaped, footnotes that resolve."""

from __future__ import annotations

import base64
import gzip
import html
import json
import re

import numpy as np
import pandas as pd
import pytest

from rotascope.data import MemorySource
from rotascope.render.build import Report, report
from rotascope.render.html import sentence_html
from rotascope.story.segments import Segment, Sentence


@pytest.fixture(scope="module")
def rep() -> Report:
    idx = pd.bdate_range("2015-01-02", "2024-07-16", name="date")
    rng = np.random.default_rng(3)
    data = {
        s: pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.011, len(idx)))), index=idx)
        for s in ("RUT", "SPX", "NDX")
    }
    data["RUT"].iloc[-5:] *= 1.25  # a late surge makes records
    return report("RUT", ("SPX", "NDX"), "2024-07-16", source=MemorySource(data), sections=())


def test_html_is_one_offline_page_with_plotly_inlined_once(rep: Report) -> None:
    page = rep.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]+src=", page)  # no external script
    from rotascope.render import plotlyjs

    packed = plotlyjs.gzip_base64()
    assert page.count(packed) == 1  # plotly.js, gzip + base64, once
    assert gzip.decompress(base64.b64decode(packed)).decode() == plotlyjs.script()
    assert "DecompressionStream" in page
    assert "https://" not in page and "http://" not in page  # nothing to fetch
    for name, fig in rep.charts.items():
        assert f'id="chart-{name}"' in page
        blob = re.search(rf'<script type="application/json" id="figure-{name}">(.*?)</script>',
                         page, flags=re.S)  # fmt: skip
        assert blob is not None
        drawn = json.loads(blob.group(1))
        assert {t["type"] for t in drawn["data"]} <= plotlyjs.TRACES  # the bundle draws them
        assert drawn["layout"]["title"]["text"] == fig.layout.title.text


def test_html_report_is_small(rep: Report) -> None:
    """The bundle (about 530 KB as base64) and the figures stay well under 1.5 MB."""
    assert len(rep.to_html().encode("utf-8")) < 1_000_000


def test_footnotes_link_to_listed_facts(rep: Report) -> None:
    page = rep.to_html()
    links = set(re.findall(r'href="#fact-(\d+)"', page))
    anchors = set(re.findall(r'id="fact-(\d+)"', page))
    assert links and links <= anchors
    assert len(anchors) == len(rep.facts)
    h1 = re.search(r'<h1 id="headline">(.*?)</h1>', page, flags=re.S)
    assert h1 is not None
    assert html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))) == rep.narrative.headline.text


def test_text_is_escaped() -> None:
    s = Sentence((Segment("<b>"), Segment("5%", 1)))
    html = str(sentence_html(s, {1: 'x "<script>alert(1)</script>'}))
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_markdown_has_footnotes_for_every_reference(rep: Report) -> None:
    md = rep.to_markdown()
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    defs = set(re.findall(r"^\[\^(\d+)\]:", md, flags=re.M))
    assert refs and refs <= defs
    assert md.startswith("# ")
    assert "## Charts (in the HTML report)" in md and "<div" not in md


def test_json_is_facts_plus_scores(rep: Report) -> None:
    data = json.loads(rep.to_json())
    assert data["asof"] == "2024-07-16"
    assert [f["n"] for f in data["facts"]] == list(range(1, len(rep.facts) + 1))
    for f, s in zip(data["facts"], rep.facts, strict=True):
        assert f["score"] == pytest.approx(s.score, abs=1e-6)
        assert set(f["parts"]) <= {"reach", "rarity", "recency"}
    assert data["headline"] == rep.narrative.headline.text


def test_listed_facts_are_top_n_plus_those_cited(rep: Report) -> None:
    cited = set(rep.narrative.refs)
    assert cited <= set(range(1, len(rep.facts) + 1))
    top = [s for s in rep.scored if s.remarkable][:10]
    assert all(any(s is t for t in rep.facts) for s in top)
    # no score-0 filler: a listed fact is remarkable or cited by the narrative
    for n, s in enumerate(rep.facts, 1):
        assert s.remarkable or n in cited


def test_report_is_a_plain_function_of_the_api() -> None:
    import rotascope
    import rotascope.render.charts  # importing the renderers must not shadow the API

    idx = pd.bdate_range("2020-01-01", periods=300, name="date")
    s = pd.Series(np.linspace(100, 130, 300), index=idx)
    src = MemorySource({"RUT": s, "SPX": s * 2})
    rep = rotascope.report("RUT", ("SPX",), source=src, sections=())
    assert isinstance(rep, Report)
    assert rep.asof.isoformat() == idx[-1].date().isoformat()
    assert callable(rotascope.report) and callable(rotascope.render.charts.ratio_chart)
    assert type(rotascope).__name__ == "module"  # no module-class swap
