"""Published figures (Jul 2024, Nov 2023) reproduced by the engine from the raw files.

The first source reads ``../shared/data`` with plain pandas (in a clone without it, the
bundled files, checked against the raw files by tests/datasets whenever they are present);
the record dates are checked against an independent plain-pandas rescan, not against the
engine's own output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pandas as pd
import pytest

from rotascope.data import LocalSource, MemorySource
from rotascope.kinds import Fact, FactSet
from rotascope.kinds.engine import FactEngine

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module", params=["raw files", "default source"])
def engine(
    request: pytest.FixtureRequest,
    published_closes,  # type: ignore[no-untyped-def]
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[FactEngine]:
    """The engine over plain-pandas reads of the raw files (or, in a clone without them,
    of the bundled files), then over the default source (an empty home: the bundled
    dataset)."""
    if request.param == "raw files":
        frames = {s: published_closes.frames[s][["close"]] for s in ("RUT", "SPX")}
        yield FactEngine(MemorySource(frames))
        return
    mp = pytest.MonkeyPatch()
    mp.setenv("ROTASCOPE_HOME", str(tmp_path_factory.mktemp("home")))
    try:
        yield FactEngine(LocalSource())
    finally:
        mp.undo()


def _facts(engine: FactEngine, subject: str, asof: str, **kw: object) -> FactSet:
    return engine.facts(subject, asof=engine.asof_for(subject, asof), **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def rut_close(published_closes) -> pd.Series:  # type: ignore[no-untyped-def]
    return published_closes.close("RUT")


def _move(fs: FactSet, subject: str, window: int) -> Fact:
    return next(f for f in fs if f.kind == "move" and f.subject == subject and f.window == window)


def _plain_since(close: pd.Series, window: int, day: str) -> dt.date:
    """Latest earlier date whose N-session gain was at least the one on ``day``."""
    r = close / close.shift(window) - 1
    t = pd.Timestamp(day)
    earlier = r.loc[r.index < t].dropna()
    return earlier[earlier >= r.loc[t]].index[-1].date()


def test_rut_five_session_gain_to_2024_07_16(engine: FactEngine, rut_close: pd.Series) -> None:
    fs = _facts(engine, "RUT", "2024-07-16", versus="SPX", windows=(5,))
    f = _move(fs, "RUT", 5)
    assert f.unit == "pct"
    assert f.value == pytest.approx((2263.67 / 2029.47 - 1) * 100, abs=1e-2)  # published +11.5%
    assert f.start == dt.date(2024, 7, 9)
    assert f.record is not None
    assert f.record.since == _plain_since(rut_close, 5, "2024-07-16")
    assert f.record.since == dt.date(2020, 4, 29)  # "the biggest since April 2020"
    assert f.text == (
        "The Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024, "
        "its biggest five-session gain since Apr 29, 2020."
    )


def test_rut_cpi_day_2024_07_11(engine: FactEngine) -> None:
    f = _move(_facts(engine, "RUT", "2024-07-11", windows=(1,)), "RUT", 1)
    assert round(f.value, 1) == 3.6
    assert f.text.startswith("The Russell 2000 rose 3.6% on Jul 11, 2024")


def test_rut_and_spx_2023_11_14(engine: FactEngine, rut_close: pd.Series) -> None:
    fs = _facts(engine, "RUT", "2023-11-14", versus="SPX", windows=(1,))
    rut = _move(fs, "RUT", 1)
    assert round(rut.value, 1) == 5.4
    assert rut.record is not None
    assert rut.record.since == _plain_since(rut_close, 1, "2023-11-14")
    assert rut.record.since == dt.date(2022, 11, 10)
    assert rut.text == (
        "The Russell 2000 rose 5.4% on Nov 14, 2023, its best day since Nov 10, 2022."
    )
    spx = _move(fs, "SPX", 1)
    assert round(spx.value, 1) == 1.9
    spread = next(f for f in fs if f.kind == "spread")
    assert spread.value == pytest.approx(rut.value - spx.value)


def test_asof_weekend_uses_friday(engine: FactEngine) -> None:
    fs = _facts(engine, "RUT", "2024-07-13", windows=(1,))
    assert fs[0].asof == dt.date(2024, 7, 12)
    assert fs.asof.requested == pd.Timestamp("2024-07-13")
    assert [n.text for n in fs.notes] == [
        "Jul 13, 2024 is a Saturday: the last RUT data before it, Jul 12, 2024, is used."
    ]
