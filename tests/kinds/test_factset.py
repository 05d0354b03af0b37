"""The FactSet: a sequence of facts with its as-of, notes and data version."""

from __future__ import annotations

import datetime as dt
import json

from rotascope.asof import AsOf, Note
from rotascope.kinds import Fact, FactSet, Record


def _fs() -> FactSet:
    rec = Record("high", dt.date(2020, 4, 29), 11.8, 22, 9279, dt.date(1987, 9, 10))
    facts = (
        Fact("move", "RUT", dt.date(2024, 7, 16), 11.54, "pct", "The <b>Russell</b> rose.",
             window=5, record=rec),
        Fact("spread", "RUT", dt.date(2024, 7, 16), 9.92, "pp", "It beat.", versus="SPX",
             window=5),
    )  # fmt: skip
    notes = (Note("moved", "Jul 13 is a Saturday."), Note("basis", "Price used."))
    return FactSet(facts, AsOf.at("2024-07-16"), notes, "v1")


def test_behaves_like_the_list_of_its_facts() -> None:
    fs = _fs()
    assert len(fs) == 2 and fs[0].text.startswith("The") and fs[-1].kind == "spread"
    assert [f.kind for f in fs] == ["move", "spread"]
    assert list(fs[:1]) == [fs[0]]
    assert fs.of_kind("spread") == [fs[1]]
    assert fs[0] in fs


def test_frame_and_dict() -> None:
    fs = _fs()
    frame = fs.to_frame()
    assert frame["value"].tolist() == [11.54, 9.92] and frame["unit"].tolist() == ["pct", "pp"]
    assert frame.loc[0, "rank"] == 22 and frame.loc[1, "versus"] == "SPX"
    d = json.loads(fs.to_json())
    assert d["asof"]["session"] == "2024-07-16" and d["data_version"] == "v1"
    assert [n["code"] for n in d["notes"]] == ["moved", "basis"]
    assert [Fact.from_dict(x) for x in d["facts"]] == list(fs)


def test_html_is_escaped_and_lists_notes() -> None:
    fs = _fs()
    page = fs._repr_html_()
    assert "&lt;b&gt;Russell&lt;/b&gt;" in page and "<b>Russell" not in page
    assert "Price used." in page and "2 facts as of 2024-07-16" in page
    assert "&lt;b&gt;" in fs[0]._repr_html_() and "rank 22 of 9,279" in fs[0]._repr_html_()
    assert str(fs).splitlines()[-1] == "note: Price used."
