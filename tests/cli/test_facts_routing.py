"""``rotascope facts``: year windows route factors to factor facts; context facts.

Routing is checked through the real entry point (``rotascope.cli.app.main``) on the
bundled dataset (an empty ``ROTASCOPE_HOME``); figures are recomputed with plain
pandas from the raw files, and the July 2024 streak is the one the issue describes
(five straight >1% gains, 2024-07-10 .. 2024-07-16), not the program's own output.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import rotascope
from published_data import PublishedData
from rotascope.asof import AsOf
from rotascope.cli.app import main
from rotascope.data import LocalSource, MemorySource
from rotascope.kinds import Fact
from rotascope.kinds.engine import FactEngine
from rotascope.kinds.windows import WindowError, split_windows


@pytest.fixture
def bundled(rotascope_home: Path) -> Iterator[None]:
    """The default source over an empty home (so the bundled dataset)."""
    yield


def facts(*args: object, **kw: object) -> rotascope.FactSet:
    return rotascope.facts(*args, **kw)  # type: ignore[arg-type]


class _Cut(LocalSource):
    """The default source without any daily value after a date."""

    def __init__(self, end: pd.Timestamp) -> None:
        super().__init__()
        self.end = end

    def series(self, symbol: str, column: str = "close") -> pd.Series:
        return super().series(symbol, column).loc[: self.end]

    def version(self) -> str:
        return super().version() + "-cut"


def _json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = 0
    try:
        main(argv)
    except SystemExit as exc:  # main() exits only on errors
        code = int(exc.code or 0)
    cap = capsys.readouterr()
    return code, cap.out, cap.err


# ---- window parsing -----------------------------------------------------------------


def test_split_windows_forms() -> None:
    assert split_windows([5, "21", " 10y ", "3Y", "5 years", 5, np.int64(63)]) == (
        (5, 21, 63),
        ("10y", "3y", "5y"),
    )


@pytest.mark.parametrize("bad", ["abc", "0", 0, "-5", "2.5", 2.5, "10m", "y", True])
def test_bad_window_names_valid_forms(bad: object) -> None:
    with pytest.raises(WindowError) as exc:
        split_windows([bad])
    msg = str(exc.value)
    assert "5" in msg and "10y" in msg


def test_cli_bad_window_is_one_red_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["facts", "RUT", "--window", "ten"], capsys)
    assert code == 2
    assert "invalid window 'ten'" in err and "10y" in err and "e.g. 5" in err
    assert "Traceback" not in err and out == ""


def test_year_window_on_a_price_series_needs_versus() -> None:
    idx = pd.bdate_range("2020-01-01", periods=50)
    s = pd.Series(np.linspace(1, 2, 50), index=idx)
    with pytest.raises(WindowError, match="--versus"):
        FactEngine(MemorySource({"AAA": s})).facts("AAA", windows=["10y"])


# ---- factor routing (synthetic) -----------------------------------------------------

IDX = pd.bdate_range("2000-01-03", "2012-12-31", name="date")
RNG = np.random.default_rng(9)
TOY = {"SMB": pd.Series(RNG.normal(0, 0.005, len(IDX)), index=IDX)}


def test_factor_year_windows_go_to_factor_facts() -> None:
    eng = FactEngine(MemorySource(TOY))
    fs = eng.facts("SMB", windows=["10y"])
    assert [f.kind for f in fs] == ["factor", "factor_drawdown"]
    assert fs[0].window == "10y"
    r = TOY["SMB"]
    end = r.index[-1]
    inside = r[(r.index > end - pd.DateOffset(years=10)) & (r.index <= end)]
    assert fs[0].value == pytest.approx(float(np.prod(1 + inside.to_numpy()) - 1) * 100, rel=1e-9)


def test_factor_session_windows_still_go_to_the_engine() -> None:
    eng = FactEngine(MemorySource(TOY))
    fs = eng.facts("SMB", windows=["3y", 5])
    kinds = [(f.kind, f.window) for f in fs]
    assert ("factor", "3y") in kinds and ("move", 5) in kinds
    move = next(f for f in fs if f.kind == "move")
    r = TOY["SMB"]
    assert move.value == pytest.approx(
        float(np.prod(1 + r.iloc[-5:].to_numpy()) - 1) * 100, rel=1e-9
    )
    # one drawdown only: the session facts' drawdown stands in for the factor's
    assert sum(1 for f in fs if "drawdown" in (f.label or f.kind)) == 1


def test_factor_defaults_skip_windows_longer_than_history() -> None:
    short = TOY["SMB"].loc["2009":]  # four years: 1y and 3y fit, 5y and 10y do not
    fs = FactEngine(MemorySource({"SMB": short})).facts("SMB", windows=None)
    assert [f.window for f in fs if f.kind == "factor"] == ["1y", "3y"]


# ---- factor routing (real data, through the CLI) ------------------------------------


@pytest.mark.realdata
def test_cli_smb_ten_years(
    published: PublishedData, bundled: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        ["facts", "SMB", "--window", "10y", "--asof", "2024-07-16", "--json"], capsys
    )
    assert code == 0, err
    rows = _json_lines(out)
    got = [(r["kind"], r["window"]) for r in rows]
    assert got == [("factor", "10y"), ("factor_drawdown", None)]
    # independent: compound the daily returns of the 202604 file (raw, else the bundled copy)
    smb = published.french("SMB")
    end = pd.Timestamp("2024-07-16")
    inside = smb[(smb.index > end - pd.DateOffset(years=10)) & (smb.index <= end)]
    want = float(np.prod(1 + inside.to_numpy()) - 1) * 100
    assert rows[0]["unit"] == "pct" and rows[0]["value"] == pytest.approx(want, rel=1e-9)
    assert rows[0]["asof"] == "2024-07-16"


@pytest.mark.realdata
def test_cli_smb_table(bundled: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["facts", "SMB", "--window", "10y"], capsys)
    assert code == 0, err
    assert "Facts for SMB" in out and "10y" in out and "small caps" in out


# ---- context facts ------------------------------------------------------------------


def _streak(fs: rotascope.FactSet) -> Fact:
    return next(f for f in fs if f.kind == "streak" and f.details["condition"] == "ret>1%")


@pytest.mark.realdata
def test_rut_context_2024_07_16(published_closes, bundled: None) -> None:  # type: ignore[no-untyped-def]
    fs = facts("RUT", versus=["SPX", "NDX"], asof="2024-07-16")
    s = _streak(fs)
    # the issue: "the Russell 2000 rose more than 1% on five consecutive sessions
    # (2024-07-10 .. 2024-07-16)"
    assert s.value == 5 and s.start == dt.date(2024, 7, 10) and s.asof == dt.date(2024, 7, 16)
    rut = published_closes.close("RUT")  # the raw file, else the bundled closes
    ret = rut.pct_change().loc["2024-07-09":"2024-07-16"]
    assert (ret.iloc[1:] > 0.01).all() and not ret.iloc[0] > 0.01  # independent check
    study = next(f for f in fs if f.kind == "event_study")
    assert study.window == 21 and study.details["length"] == 5
    rates = [f for f in fs if f.kind == "rate_beta"]
    assert sorted(f.versus for f in rates) == ["NDX", "SPX"]
    assert len([f for f in fs if f.kind == "streak"]) == 1  # not repeated per versus
    without = facts("RUT", versus=["SPX"], asof="2024-07-16", context=False)
    context = {"streak", "event_study", "catalyst", "catalyst_spread", "rate_beta"}
    assert not {f.kind for f in without} & context


@pytest.mark.realdata
def test_rut_cpi_day_context(published_closes, bundled: None) -> None:  # type: ignore[no-untyped-def]
    fs = facts("RUT", versus="SPX", asof="2024-07-11")
    cat = [f for f in fs if f.kind in ("catalyst", "catalyst_spread")]
    assert {(f.kind, f.versus, f.details["event"]) for f in cat} == {
        ("catalyst", None, "cpi"), ("catalyst_spread", "SPX", "cpi")
    }  # fmt: skip
    rut = published_closes.close("RUT")  # the raw file, else the bundled closes
    move = next(f for f in cat if f.versus is None)
    want = (rut.loc["2024-07-11"] / rut.loc["2024-07-10"] - 1) * 100
    assert move.value == pytest.approx(want, abs=1e-4)


@pytest.mark.realdata
def test_context_in_cli_json(bundled: None, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(
        ["facts", "RUT", "-v", "SPX", "--asof", "2024-07-16", "-w", "5", "--json"], capsys
    )
    assert code == 0, err
    kinds = {r["kind"] for r in _json_lines(out)}
    assert {"streak", "event_study", "rate_beta", "move", "spread"} <= kinds
    code, out, _ = _run(
        ["facts", "RUT", "--asof", "2024-07-16", "-w", "5", "--json", "--no-context"], capsys
    )
    assert "streak" not in {r["kind"] for r in _json_lines(out)}


@pytest.mark.realdata
def test_context_uses_only_data_to_asof(published_closes, bundled: None) -> None:  # type: ignore[no-untyped-def]
    cut = pd.Timestamp("2024-07-16")
    full = FactEngine(LocalSource())
    short = FactEngine(_Cut(cut))
    a = full.facts("RUT", versus="SPX", asof=AsOf.at(cut), windows=(5,))
    b = short.facts("RUT", versus="SPX", asof=AsOf.at(cut), windows=(5,))
    assert [f.to_dict() for f in a] == [f.to_dict() for f in b]
    assert any(f.kind == "streak" for f in a)


def test_context_no_look_ahead_synthetic() -> None:
    """A run of >1% days that goes on after the as-of date is reported as of the date."""
    idx = pd.bdate_range("2023-01-02", periods=300, name="date")
    rng = np.random.default_rng(4)
    r = rng.normal(0, 0.004, 300)
    r[250:262] = 0.02  # a twelve-session run
    close = pd.Series(100 * np.cumprod(1 + r), index=idx)
    asof = idx[255]  # six sessions into the run
    when = AsOf.at(asof)
    full = FactEngine(MemorySource({"AAA": close})).facts("AAA", asof=when, windows=(5,))
    short = FactEngine(MemorySource({"AAA": close.loc[:asof]})).facts(
        "AAA", asof=when, windows=(5,)
    )
    assert [f.to_dict() for f in full] == [f.to_dict() for f in short]
    assert _streak(full).value == 6


def test_engine_caches_context(monkeypatch: pytest.MonkeyPatch) -> None:
    from rotascope.kinds import _study

    calls = []
    real = _study.streak_state
    monkeypatch.setattr(_study, "streak_state", lambda *a, **k: calls.append(1) or real(*a, **k))
    idx = pd.bdate_range("2023-01-02", periods=120, name="date")
    close = pd.Series(np.linspace(100, 130, 120), index=idx)
    eng = FactEngine(MemorySource({"AAA": close}))
    first = eng.facts("AAA", windows=(5,))
    second = eng.facts("AAA", windows=(5,))
    # once per condition (>1% gains, >1% losses), then from the memo
    assert len(calls) == 2 and [f.to_dict() for f in first] == [f.to_dict() for f in second]
