"""Rotation dashboard: rows, records, sorting, skipped symbols, as-of discipline.

Real-data figures are recomputed with plain pandas from the raw files in
``../shared/data/etfs`` (adjusted closes; in a clone without them, the bundled copies),
not taken from the program's output.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from published_data import PublishedData
from rotascope.asof import AsOf
from rotascope.cli.app import main
from rotascope.data import LocalSource, MemorySource
from rotascope.products.rotation import GAUGES, rotation

ASOF = pd.Timestamp("2024-07-16")
SYMBOLS = sorted({s for g in GAUGES for s in g.symbols})
FACTORS = {"RMW", "MOM", "SMB", "HML"}


# ---- plain-pandas readers of the raw files ------------------------------------------


def _plain_spread(data: PublishedData, a: str, b: str, window: int) -> pd.Series:
    """Spread of adjusted (total-return) closes: the raw ETF files read by their layouts
    (``tests/published_data.py``), or the bundled copies."""
    both = pd.concat([data.load(a, "adj_close"), data.load(b, "adj_close")], axis=1, join="inner")
    both = both.loc[:ASOF]
    ra = both.iloc[:, 0] / both.iloc[:, 0].shift(window) - 1
    rb = both.iloc[:, 1] / both.iloc[:, 1].shift(window) - 1
    return (ra - rb).dropna()


def _plain_record(s: pd.Series) -> tuple[dt.date | None, int, int]:
    v, earlier = s.iloc[-1], s.iloc[:-1]
    if v >= 0:
        hits, more = earlier[earlier >= v], int((earlier > v).sum())
    else:
        hits, more = earlier[earlier <= v], int((earlier < v).sum())
    since = hits.index[-1].date() if len(hits) else None
    return since, 1 + more, len(earlier) + 1


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSource]:
    """The default source over an empty home: the bundled dataset."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ROTASCOPE_HOME", str(tmp_path_factory.mktemp("home")))
    try:
        yield LocalSource()
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def board(bundled: LocalSource):
    return rotation(bundled, ASOF, window=21)


def _row(board, subject: str, versus: str | None):
    return next(f for f in board.facts if f.subject == subject and f.versus == versus)


# ---- real data ----------------------------------------------------------------------


@pytest.mark.realdata
@pytest.mark.parametrize(("a", "b"), [("RSP", "SPY"), ("IWN", "IWF"), ("IWM", "SPY")])
def test_spreads_match_plain_pandas(board, published: PublishedData, a: str, b: str) -> None:
    f = _row(board, a, b)
    plain = _plain_spread(published, a, b, 21)
    assert f.asof == dt.date(2024, 7, 16) and f.window == 21
    assert f.basis == "total_return" and f.unit == "pp"
    assert f.value == pytest.approx(float(plain.iloc[-1]) * 100, abs=1e-7)
    since, rank, out_of = _plain_record(plain)
    assert (f.record.since, f.record.rank, f.record.out_of) == (since, rank, out_of)


@pytest.mark.realdata
def test_every_gauge_present_and_sorted(board) -> None:
    assert board.missing == [] and board.skipped == []
    assert {(f.subject, f.versus) for f in board.facts} == {(g.subject, g.versus) for g in GAUGES}
    keys = [(-math.floor(f.details["reach_years"]), f.details["rank_pct"]) for f in board.facts]
    assert keys == sorted(keys)
    for f in board.facts:
        assert f.text and f.label
        if f.subject in FACTORS:
            assert f.kind == "move" and f.versus is None and f.basis == "total_return"
        else:
            assert f.kind == "spread"
    assert _row(board, "RUT", "SPX").basis == "price"  # indexes have no adjusted close


@pytest.mark.realdata
def test_factor_row_compounds_daily_returns(board, published: PublishedData) -> None:
    mom = published.french("MOM").loc[:ASOF]  # the momentum file (raw or bundled)
    expected = float(np.prod(1 + mom.iloc[-21:].to_numpy()) - 1)
    assert _row(board, "MOM", None).value == pytest.approx(expected * 100, rel=1e-9)


@pytest.mark.realdata
def test_dashboard_uses_only_data_to_asof(bundled: LocalSource) -> None:
    frames = {s: bundled.frame(s) for s in SYMBOLS}
    full = rotation(MemorySource(frames), ASOF)
    short = rotation(MemorySource({s: f.loc[:ASOF] for s, f in frames.items()}), ASOF)
    assert full.to_dict()["facts"] == short.to_dict()["facts"]
    assert full.notes == short.notes


@pytest.mark.realdata
def test_cli_rotation(
    bundled, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # wide: every column on one line
    main(["rotation", "--asof", "2024-07-16"])
    out = capsys.readouterr().out
    assert "Rotation dashboard: 21-session windows to 2024-07-16" in out
    for word in ("equal vs cap weight", "RSP vs SPY", "IWN vs IWF", "quality factor"):
        assert word in out
    main(["rotation", "--asof", "2024-07-16", "--window", "5", "--json"])
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.startswith("{")]
    assert len(rows) == len(GAUGES) and {r["window"] for r in rows} == {5}


@pytest.mark.realdata
def test_pairs_work_in_facts(published: PublishedData, bundled) -> None:
    from rotascope.kinds.engine import engine_for

    for a, b in (("RSP", "SPY"), ("IWN", "IWF")):
        fs = engine_for(bundled).facts(
            a, versus=b, asof=AsOf.at(ASOF), windows=(21,), basis="total_return"
        )
        spread = next(f for f in fs if f.kind == "spread" and f.window == 21)
        plain = _plain_spread(published, a, b, 21)
        assert spread.value == pytest.approx(float(plain.iloc[-1]) * 100, abs=1e-7)
        assert spread.basis == "total_return"
        assert any(f.kind == "ratio" for f in fs)


# ---- synthetic ----------------------------------------------------------------------


def _walks(seed: int, n: int, symbols=SYMBOLS) -> dict[str, pd.Series]:
    rng = np.random.default_rng(seed)
    idx = pd.bdate_range("2020-01-01", periods=n, name="date")
    out = {}
    for s in symbols:
        r = rng.normal(0, 0.01, n)
        out[s] = pd.Series(r if s in FACTORS else 100 * np.cumprod(1 + r), index=idx)
    return out


def test_missing_symbols_are_skipped_and_listed() -> None:
    data = _walks(1, 80, ["RSP", "SPY", "MOM"])
    board = rotation(MemorySource(data), window=5)
    assert {(f.subject, f.versus) for f in board.facts} == {("RSP", "SPY"), ("MOM", None)}
    assert set(board.missing) == set(SYMBOLS) - {"RSP", "SPY", "MOM"}
    assert any(line.startswith("small vs large (RUT vs SPX)") for line in board.skipped)
    skipped = [n.text for n in board.notes if n.code == "skipped"]
    assert "Skipped small vs large (RUT vs SPX): no data for RUT, SPX." in skipped
    frame = board.to_frame()
    assert list(frame["gauge"]) == [f.label for f in board.facts]
    rsp, spy = data["RSP"], data["SPY"]
    expected = (rsp.iloc[-1] / rsp.iloc[-6] - 1) - (spy.iloc[-1] / spy.iloc[-6] - 1)
    got = frame.set_index("subject").loc["RSP", "value"]
    assert got == pytest.approx(expected * 100, rel=1e-12)


def test_stale_rows_are_flagged() -> None:
    data = _walks(2, 120)
    data["RMW"] = data["RMW"].iloc[:90]
    board = rotation(MemorySource(data), window=5)
    stale = {f.subject for f in board.facts if f.details["stale"]}
    assert stale == {"RMW"}
    rmw = next(f for f in board.facts if f.subject == "RMW")
    assert [n.text for n in board.notes if n.code == "stale"][1:] == [
        f"quality factor (RMW): data end on {rmw.asof:%b} {rmw.asof.day}, {rmw.asof.year}, "
        f"before {board.date:%b} {board.date.day}, {board.date.year}."
    ]


def test_a_date_after_the_gauges_data_is_an_error_and_a_weekend_moves() -> None:
    from rotascope.errors import AsOfError

    data = _walks(3, 120)
    last = data["SPY"].index[-1]
    with pytest.raises(AsOfError, match="after the last rotation data"):
        rotation(MemorySource(data), last + pd.Timedelta(days=30), window=5)
    saturday = data["SPY"].index[60] + pd.offsets.Week(weekday=5)
    board = rotation(MemorySource(data), saturday.strftime("%Y-%m-%d"), window=5)
    assert board.date == (saturday - pd.Timedelta(days=1)).date()
    assert board.notes[0].code == "moved" and "is a Saturday" in board.notes[0].text


def test_bad_window() -> None:
    from rotascope.errors import DataError

    with pytest.raises(DataError, match="window"):
        rotation(MemorySource({}), window=0)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(40, 90), st.integers(1, 30))
def test_no_look_ahead(seed: int, cut: int, extra: int) -> None:
    data = _walks(seed, 120)
    asof = data["SPY"].index[cut]
    longer = {s: v.iloc[: cut + 1 + extra] for s, v in data.items()}
    short = {s: v.iloc[: cut + 1] for s, v in data.items()}
    a = rotation(MemorySource(longer), asof, window=10)
    b = rotation(MemorySource(short), asof, window=10)
    assert a.to_dict()["facts"] == b.to_dict()["facts"]
    assert a.skipped == b.skipped and a.date == b.date
