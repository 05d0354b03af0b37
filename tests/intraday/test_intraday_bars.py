"""Intraday bars: yfinance CSV layouts, the bars table, records in bars or sessions, as-of."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rotascope.cli.app import main
from rotascope.errors import DataError
from rotascope.measures.bars import bar_records, session_closes
from rotascope.sources.intraday import is_intraday, read_bars
from rotascope.store.bars import BarStore

# five sessions across the US switch to summer time (Mar 10, 2024): offsets -05:00, -04:00
SESSIONS = pd.bdate_range("2024-03-06", periods=5)


def make_bars(
    freq: str = "5min", seed: int = 0, symbols: tuple[str, ...] = ("AAPL",)
) -> pd.DataFrame:
    """Regular-hours bars in New York time, closes on a tick grid (ties)."""
    per = 390 // (5 if freq == "5min" else 1)
    stamps = [
        pd.date_range(
            d + pd.Timedelta(hours=9, minutes=30), periods=per, freq=freq, tz="America/New_York"
        )
        for d in SESSIONS
    ]
    idx = stamps[0].append(stamps[1:])
    rng = np.random.default_rng(seed)
    cols = {}
    for s in symbols:
        close = 100 + np.cumsum(rng.choice([-0.5, -0.25, 0.0, 0.25, 0.5], size=len(idx)))
        cols[s] = close
    return pd.DataFrame(cols, index=pd.DatetimeIndex(idx, name="Datetime"))


def write_flat(path: Path, closes: pd.Series) -> Path:
    """The layout of ``yf.Ticker(...).history(interval="5m").to_csv()`` (older yfinance)."""
    c = closes.to_numpy()
    df = pd.DataFrame(
        {"Open": c, "High": c + 0.25, "Low": c - 0.25, "Close": c, "Adj Close": c, "Volume": 1e4},
        index=closes.index,
    )
    df.to_csv(path)
    return path


def write_multiheader(path: Path, closes: pd.DataFrame) -> Path:
    """The layout of ``yf.download([...], interval="1m").to_csv()`` (Price/Ticker/Datetime)."""
    parts = {}
    for field in ("Close", "High", "Low", "Open", "Volume"):
        for t in closes.columns:
            parts[(field, t)] = closes[t] if field != "Volume" else 1e4
    df = pd.DataFrame(parts, index=closes.index)
    df.columns = pd.MultiIndex.from_tuples(df.columns, names=["Price", "Ticker"])
    df.to_csv(path)
    return path


def test_flat_layout_reads_instants_sessions_and_interval(tmp_path: Path) -> None:
    bars = make_bars()
    path = write_flat(tmp_path / "AAPL_5m.csv", bars["AAPL"])
    text = path.read_text().splitlines()
    assert text[1].startswith("2024-03-06 09:30:00-05:00") and is_intraday(text)
    [b] = read_bars(path)
    assert b.symbol == "AAPL" and b.interval == 300 and b.rows == len(bars)
    assert b.frame.index[0] == pd.Timestamp("2024-03-06 14:30", tz="UTC")
    after_switch = b.frame.loc["2024-03-11"]  # summer time: 09:30 New York = 13:30 UTC
    assert after_switch.index[0] == pd.Timestamp("2024-03-11 13:30", tz="UTC")
    assert (b.frame["session"].dt.normalize().unique() == SESSIONS).all()
    np.testing.assert_array_equal(b.frame["close"].to_numpy(), bars["AAPL"].to_numpy())


def test_multiheader_layout_gives_one_series_per_ticker(tmp_path: Path) -> None:
    bars = make_bars("1min", symbols=("AAPL", "MSFT"))
    path = write_multiheader(tmp_path / "bars.csv", bars)
    assert path.read_text().splitlines()[2].startswith("Datetime")
    got = {b.symbol: b for b in read_bars(path)}
    assert set(got) == {"AAPL", "MSFT"} and got["MSFT"].interval == 60
    np.testing.assert_array_equal(got["MSFT"].frame["close"].to_numpy(), bars["MSFT"].to_numpy())


def test_daily_files_are_not_intraday() -> None:
    assert not is_intraday(["Date,Close", "2024-07-16,1.0", "2024-07-17,2.0"])
    assert not is_intraday(["Date,Close", "2024-07-16 00:00:00-04:00,1.0"])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2024-03-06 09:35:00,1,1,1,1,1,1", "no UTC offset"),
        ("2024-03-06 09:35:00-05:00,1,1,1,abc,1,1", "not a number"),
        ("yesterday,1,1,1,1,1,1", "not a timestamp"),
    ],
)
def test_bad_rows_are_one_clear_error_with_the_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "X_1m.csv"
    path.write_text(
        "Datetime,Open,High,Low,Close,Adj Close,Volume\n"
        f"2024-03-06 09:30:00-05:00,1,1,1,1,1,1\n{row}\n"
    )
    with pytest.raises(DataError, match=message) as err:
        read_bars(path)
    assert "line 3" in str(err.value)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_import_stores_bars_in_their_own_table(
    tmp_path: Path, rotascope_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bars = make_bars()
    path = write_flat(tmp_path / "AAPL_5m.csv", bars["AAPL"])
    code, out, err = run(capsys, "data", "import", str(path))
    assert code == 0, err
    assert "AAPL" in out and "390" in out
    store = BarStore(rotascope_home / "rotascope.duckdb")
    loaded = store.load("AAPL")
    np.testing.assert_array_equal(loaded["close"].to_numpy(), bars["AAPL"].to_numpy())
    assert (loaded.index == bars.index.tz_convert("UTC")).all()
    assert (loaded["interval"] == 300).all()
    code, out, _ = run(capsys, "data", "import", str(path))  # again: nothing new
    assert code == 0 and store.load("AAPL").shape[0] == len(bars)
    cut = store.load("AAPL", end="2024-03-06 15:00-05:00")
    assert cut.index[-1] == pd.Timestamp("2024-03-06 20:00", tz="UTC")


def _naive(series: pd.Series, w: int) -> tuple[float, int, int, object]:
    """Move of the last row over ``w`` rows, rank, out_of and since: plain pandas rescan."""
    moves = series / series.shift(w) - 1.0
    v = moves.iloc[-1]
    earlier = moves.iloc[:-1]
    beyond = (earlier > v) if v >= 0 else (earlier < v)
    match = (earlier >= v) if v >= 0 else (earlier <= v)
    since = earlier.index[match.to_numpy()][-1] if match.any() else pd.NaT
    return float(v), int(beyond.sum()) + 1, int(earlier.notna().sum()) + 1, since


@pytest.mark.parametrize("asof", ["2024-03-08 11:02", "2024-03-12 15:55", "2024-03-11 09:30"])
def test_records_in_bars_match_a_plain_rescan(asof: str) -> None:
    bars = make_bars().rename(columns={"AAPL": "close"})
    bars.index = bars.index.tz_convert("UTC")
    bars["session"] = bars.index.tz_convert("America/New_York").tz_localize(None).normalize()
    t = pd.Timestamp(asof, tz="America/New_York")
    out = bar_records(bars, asof=t, windows=(1, 6, 78), count="bars").set_index("window")
    seen = bars["close"][bars.index <= t]
    for w in (1, 6, 78):
        v, rank, out_of, since = _naive(seen, w)
        row = out.loc[w]
        assert row["asof"] == seen.index[-1] and row["value"] == pytest.approx(v, abs=1e-15)
        assert (row["rank"], row["out_of"]) == (rank, out_of)
        assert row["since"] == since or (pd.isna(row["since"]) and pd.isna(since))


def test_records_in_sessions_compare_the_day_so_far_with_session_closes() -> None:
    bars = make_bars().rename(columns={"AAPL": "close"})
    bars.index = bars.index.tz_convert("UTC")
    bars["session"] = bars.index.tz_convert("America/New_York").tz_localize(None).normalize()
    t = pd.Timestamp("2024-03-12 11:00", tz="America/New_York")
    closes = session_closes(bars, asof=t)
    # by hand: the last 5-minute bar of each earlier session, and the 11:00 bar today
    want = [bars["close"][bars["session"] == d].iloc[-1] for d in SESSIONS[:4]]
    want.append(bars["close"][bars.index == t.tz_convert("UTC")].iloc[0])
    assert closes.tolist() == want
    out = bar_records(bars, asof=t, windows=(1, 2), count="sessions").set_index("window")
    for w in (1, 2):
        v, rank, out_of, _ = _naive(pd.Series(want, index=SESSIONS), w)
        assert out.loc[w, "value"] == pytest.approx(v, abs=1e-15)
        assert (out.loc[w, "rank"], out.loc[w, "out_of"]) == (rank, out_of)
        assert out.loc[w, "asof"] == SESSIONS[-1]


@pytest.mark.parametrize(("count", "wins"), [("bars", (1, 3, 12)), ("sessions", (1, 2, 3))])
def test_asof_a_timestamp_never_reads_later_bars(count: str, wins: tuple[int, ...]) -> None:
    bars = make_bars(seed=4).rename(columns={"AAPL": "close"})
    bars.index = bars.index.tz_convert("UTC")
    bars["session"] = bars.index.tz_convert("America/New_York").tz_localize(None).normalize()
    t = pd.Timestamp("2024-03-11 12:17", tz="America/New_York")  # mid-session, between bars
    full = bar_records(bars, asof=t, windows=wins, count=count)  # type: ignore[arg-type]
    later = bars.copy()
    later.loc[later.index > t, "close"] *= 3.0  # wild later bars, same session included
    short = bar_records(bars[bars.index <= t], asof=None, windows=wins, count=count)  # type: ignore[arg-type]
    moved = bar_records(later, asof=t, windows=wins, count=count)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(full, short)
    pd.testing.assert_frame_equal(full, moved)
    assert len(full) == 3
