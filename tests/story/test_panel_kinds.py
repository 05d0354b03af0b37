"""The editor's panel through the fact kinds: every figure of every panel date, as the
engine states it, equals the panel's plain-pandas computation from the raw files.

For each expected figure (lead, supporting figures, alternates) the engine is asked for
the subject's facts on the date (with the figure's comparison series, and for a span
return its start date); one fact must match the figure as a desk prints it
(``panel_match.matches``), and its exact value and date must equal the panel's own
computation (``panel.plain_figure``). Then the as-of discipline: the facts of each
panel date are the same from a source whose data stop that day and from the full one.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from panel import ENGINE_KINDS, PANEL, Case, Expect, as_date, plain_figure
from panel_match import INDEXES, frames, matches, since_of

from rotascope.asof import AsOf
from rotascope.data import MemorySource
from rotascope.kinds.engine import FactEngine

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def full() -> dict[str, pd.DataFrame | pd.Series]:
    """The raw files, or in a clone without them the bundled closes (no highs/lows)."""
    return frames()


@pytest.fixture(scope="module")
def engine(full: dict[str, pd.DataFrame | pd.Series]) -> FactEngine:
    return FactEngine(MemorySource(full))


def _figures() -> list[tuple[str, Expect]]:
    out = []
    for case in PANEL:
        for e in (case.expect, *case.figures, *case.alternates):
            if e.kind in ENGINE_KINDS and (case.date, e) not in out:
                out.append((case.date, e))
    return out


def _facts(engine: FactEngine, date: str, e: Expect) -> list:
    versus = [e.versus] if e.versus else []
    if e.kind == "turning_point":
        versus = [s for s in INDEXES if s != e.subject]
    windows = (1, 5, 21, 63, 252) if e.window is None else (e.window,)
    since = e.since if e.kind == "pair_return" else None
    asof = engine.asof_for(e.subject, date)
    return list(engine.facts(e.subject, versus, asof=asof, windows=windows, since=since))


@pytest.mark.parametrize(
    ("date", "e"), _figures(), ids=[f"{d}-{e.kind}-{e.subject}" for d, e in _figures()]
)
def test_every_panel_figure_is_a_fact(engine: FactEngine, date: str, e: Expect) -> None:
    plain = plain_figure(date, e)  # skips an intraday figure where there are no highs/lows
    facts = _facts(engine, date, e)
    hits = [f for f in facts if matches(f, e)]
    if e.kind == "intraday" and not hits:  # told beside the extreme reaching further back
        told = [f for f in facts if f.kind == "intraday" and f.details["field"] != e.param]
        assert told and round(told[0].details[e.param], 1) == e.value, told
        assert told[0].details[e.param] == pytest.approx(plain.value)
        return
    assert hits, [(f.kind, f.subject, f.versus, f.window, f.value, since_of(f)) for f in facts]
    f = hits[0]
    assert f.value == pytest.approx(plain.value, rel=1e-9, abs=1e-9)
    if e.kind in ("move", "spread", "level_record", "correlation", "intraday"):
        assert f.record is not None and f.record.rank == plain.rank
        assert f.record.out_of == plain.out_of
        assert as_date(plain.since) == since_of(f)


def _cut(frames_: dict[str, pd.DataFrame | pd.Series], day: str) -> MemorySource:
    return MemorySource({k: v.loc[:day] for k, v in frames_.items()})


@pytest.mark.parametrize("case", PANEL[::2], ids=lambda c: c.date)
def test_later_data_change_nothing_earlier(
    full: dict[str, pd.DataFrame | pd.Series], engine: FactEngine, case: Case
) -> None:
    """The as-of discipline for every kind: the facts of a date (the span returns and
    turning points included) are the same whether the data stop that day or go on."""
    subject = case.expect.subject if case.expect.subject in INDEXES else "SPX"
    versus = [s for s in INDEXES if s != subject]
    start = (pd.Timestamp(case.date) - pd.Timedelta(days=60)).date().isoformat()
    kw = {"windows": (1, 5, 21, 63, 252), "since": start}
    later = engine.facts(subject, versus, asof=AsOf.at(case.date), **kw)
    cut = FactEngine(_cut(full, case.date)).facts(subject, versus, asof=AsOf.at(case.date), **kw)
    assert [f.to_dict() for f in later] == [f.to_dict() for f in cut]
    kinds = {f.kind for f in later}
    assert {"move", "spread", "pair_return"} <= kinds


@pytest.mark.slow
def test_members_leaders_on_the_tariff_pause(shared_data: Path) -> None:
    """Apr 9, 2025: the best S&P 500 member of the day, through the kind, from the
    membership file and every member's closes (the panel's plain figure: MCHP +27.1%)."""
    from panel import member_close, spells

    day = "2025-04-09"
    e = next(f for c in PANEL if c.date == day for f in c.figures if f.kind == "leaders")
    sp = spells().rename(columns={"start_date": "start", "end_date": "end"})
    live = sp[(sp["start"] <= day) & (sp["end"].isna() | (sp["end"] >= day))]
    members = {}
    for t in sorted(set(live["ticker"])):
        s = member_close(t)
        if s is not None:
            members[t] = s.loc["2025-03-01":"2025-04-30"]
    src = MemorySource({"SPX": frames()["SPX"], **members}, membership={"SP500": sp})
    fs = FactEngine(src).facts("SPX", asof=AsOf.at(day), windows=(1,))
    (lead,) = [f for f in fs if f.kind == "leaders"]
    assert matches(lead, e)
    assert lead.value == pytest.approx(plain_figure(day, e).value)
    assert lead.details["members"] == len(set(live["ticker"]))
    assert lead.details["counted"] == len(members)
