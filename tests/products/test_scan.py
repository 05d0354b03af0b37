"""The record scan on hand-made universes, on real Russell 2000 data, and through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

import rotascope
from published_data import PublishedData
from rotascope.cli import scan as scan_cli
from rotascope.data import MemorySource
from rotascope.errors import AsOfError, DataError, UnknownSymbol
from rotascope.products import scan as scan_module
from rotascope.products.scan import ScanResult
from rotascope.products.scan import scan as scan_result


def scan(*args: object, **kwargs: object) -> pd.DataFrame:
    """The records' frame of :func:`rotascope.products.scan.scan`."""
    return scan_result(*args, **kwargs).frame  # type: ignore[arg-type]


DATES = pd.bdate_range("2019-01-01", "2024-06-28", name="date")
D_BIG = pd.Timestamp("2021-03-15")  # a -8% day, about 3.3 years before the end
D_MID = pd.Timestamp("2022-11-15")  # a -5% day, about 1.6 years before the end


def prices_from(returns: np.ndarray, start: float = 100.0) -> pd.Series:
    return pd.Series(start * np.cumprod(1.0 + returns), index=DATES, name="close")


def universe() -> dict[str, pd.Series]:
    n = len(DATES)
    wiggle = np.where(np.arange(n) % 2 == 0, 0.001, -0.001)
    a = wiggle.copy()
    a[DATES.get_loc(D_BIG)] = -0.08
    a[DATES.get_loc(D_MID)] = -0.05
    a[-1] = -0.06
    b = wiggle.copy()
    b[-1] = 0.0005  # a small gain: the previous +0.1% day is as large -> not a record
    yields = 2.0 + np.cumsum(np.where(np.arange(n) % 3 == 0, 0.02, -0.01))
    yields[-1] = yields[-2] - 0.40  # the biggest one-day fall of its history
    return {
        "AAA": prices_from(a),
        "BBB": prices_from(b),
        "DGS10": pd.Series(yields, index=DATES, name="close"),
    }


def source_for(data: dict[str, pd.Series]) -> MemorySource:
    return MemorySource(data)


def test_hand_made_universe_returns_the_planted_records() -> None:
    data = universe()
    out = scan(source_for(data), ["AAA", "BBB", "DGS10"], windows=(1,))
    asof = DATES[-1]
    assert set(out["symbol"]) == {"AAA", "DGS10"}  # BBB's gain reaches back one session
    aaa = out[out["symbol"] == "AAA"].iloc[0]
    assert aaa["direction"] == "low"
    assert aaa["value"] == pytest.approx(-6.0) and aaa["unit"] == "pct"
    assert aaa["since"] == D_BIG and aaa["since_value"] == pytest.approx(-8.0)
    assert aaa["rank"] == 2 and aaa["out_of"] == len(DATES) - 1
    assert aaa["years_back"] == pytest.approx((asof - D_BIG).days / 365.25)
    assert aaa["history_start"] == DATES[1] and aaa["asof"] == asof
    y = out[out["symbol"] == "DGS10"].iloc[0]
    assert y["unit"] == "bp" and y["value"] == pytest.approx(-40.0)
    assert pd.isna(y["since"]) and y["rank"] == 1
    assert y["years_back"] == pytest.approx((asof - DATES[1]).days / 365.25)
    assert out["years_back"].is_monotonic_decreasing
    assert list(out.columns) == list(scan_module.SCAN_COLUMNS)


def test_min_years_filters_and_zero_keeps_everything() -> None:
    data = universe()
    out = scan(source_for(data), ["AAA", "BBB", "DGS10"], windows=(1, 5), min_years=0)
    assert len(out) == 6
    bbb = out[(out["symbol"] == "BBB") & (out["window"] == 1)].iloc[0]
    last_up = max(i for i in range(len(DATES) - 1) if i % 2 == 0)  # latest earlier +0.1%
    assert bbb["since"] == DATES[last_up]
    far = scan(source_for(data), ["AAA"], windows=(1,), min_years=3.5)
    assert far.empty  # AAA's -6% reaches back 3.3 years only


def test_asof_sees_only_earlier_values() -> None:
    data = universe()
    asof = D_MID
    cut = {k: v[v.index <= asof] for k, v in data.items()}
    a = scan(source_for(data), list(data), asof=asof, min_years=0)
    b = scan(source_for(cut), list(data), min_years=0)
    pd.testing.assert_frame_equal(a, b)
    aaa = a[(a["symbol"] == "AAA") & (a["window"] == 1)].iloc[0]
    assert aaa["since"] == D_BIG and aaa["value"] == pytest.approx(-5.0)
    assert (a["asof"] == asof).all()


def test_union_calendar_makes_moves_missing_across_gaps() -> None:
    data = universe()
    gap = data["BBB"].drop(DATES[-2])  # BBB has no value the day before the as-of date
    out = scan(source_for({**data, "BBB": gap}), ["AAA", "BBB"], windows=(1, 2), min_years=0)
    bbb = out[out["symbol"] == "BBB"]
    assert bbb["window"].tolist() == [2]  # the one-session move spans the gap: NaN
    assert out.attrs["skipped"] == []
    late = scan(
        source_for({**data, "BBB": gap.iloc[:-1]}), ["AAA", "BBB"], asof=DATES[-1], windows=(1,)
    )
    assert late.attrs["skipped"] == ["BBB"]
    result = scan_result(
        source_for({**data, "BBB": gap.iloc[:-1]}), ["AAA", "BBB"], asof=DATES[-1], windows=(1,)
    )
    assert result.skipped == ("BBB",)
    assert result.note_texts() == [
        "1 series have no value on the as-of date and were skipped: BBB."
    ]
    expected = gap.iloc[-1] / gap.iloc[-2] - 1  # two union sessions back
    assert bbb["value"].iloc[0] == pytest.approx(expected * 100)


def test_factor_returns_are_compounded() -> None:
    rng = np.random.default_rng(11)
    r = pd.Series(rng.normal(0, 0.01, len(DATES)), index=DATES)
    out = scan(MemorySource({"SMB": r}), ["SMB"], windows=(5,), min_years=0)
    assert out["value"].iloc[0] == pytest.approx((np.prod(1 + r.iloc[-5:]) - 1) * 100)


def test_errors() -> None:
    data = universe()
    with pytest.raises(AsOfError):
        scan(source_for(data), ["AAA"], asof=pd.Timestamp("2001-01-02"))
    with pytest.raises(ValueError, match="windows"):
        scan(source_for(data), ["AAA"], windows=(0,))
    with pytest.raises(UnknownSymbol):
        scan(source_for(data), ["ZZZ"])
    with pytest.raises(AsOfError, match="after the last universe data"):
        scan(source_for(data), ["AAA"], asof="2024-08-01")


def test_result_carries_the_asof_and_its_notes() -> None:
    data = universe()
    saturday = pd.Timestamp("2024-06-29")  # the day after the last date, no session between
    sunday = pd.Timestamp("2023-06-25")
    result = scan_result(source_for(data), ["AAA", "BBB"], asof=sunday, windows=(1,))
    assert isinstance(result, ScanResult)
    assert result.asof.session == pd.Timestamp("2023-06-23")
    assert result.asof.requested == sunday
    assert result.note_texts() == [
        "Jun 25, 2023 is a Sunday: the last universe data before it, Jun 23, 2023, is used."
    ]
    assert scan_result(source_for(data), ["AAA"], asof=saturday).asof.session == DATES[-1]
    d = result.to_dict()
    assert d["asof"]["session"] == "2023-06-23" and d["records"] == result.records()


def test_package_attribute_is_callable() -> None:
    data = universe()
    out = rotascope.scan(["AAA"], windows=(1,), source=source_for(data)).frame
    assert out["since"].tolist() == [D_BIG]


@pytest.mark.realdata
def test_rut_five_session_gain_of_july_2024(published: PublishedData) -> None:
    close = published.close("RUT")  # RUT_ohlc.csv, or the bundled closes
    out = scan(
        MemorySource({"RUT": close}), ["RUT"], asof=pd.Timestamp("2024-07-16"), windows=(5,),
        min_years=0,
    )  # fmt: skip
    row = out.iloc[0]
    assert row["value"] == pytest.approx((2263.67 / 2029.47 - 1) * 100, abs=1e-3)  # SOURCES.md
    # independent recomputation with plain pandas
    moves = (close / close.shift(5) - 1).loc[:"2024-07-16"].dropna()
    v, earlier = moves.iloc[-1], moves.iloc[:-1]
    assert row["since"] == earlier[earlier >= v].index[-1]
    assert row["rank"] == 1 + int((earlier > v).sum())
    assert row["out_of"] == len(earlier) + 1
    assert row["history_start"] == moves.index[0]


def make_app(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    data = universe()
    monkeypatch.setattr("rotascope.data.default_source", lambda: source_for(data))
    app = typer.Typer()
    scan_cli.register(app)

    @app.callback()
    def _root() -> None:
        pass

    return app


def test_cli_table_and_json(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    app = make_app(monkeypatch)
    runner = CliRunner()
    res = runner.invoke(app, ["scan", "--window", "1", "5", "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)  # the notes (stale data) go to stderr
    assert "data update" in res.stderr
    assert {(r["symbol"], r["window"]) for r in rows} >= {("AAA", 1), ("DGS10", 1)}
    aaa = next(r for r in rows if r["symbol"] == "AAA" and r["window"] == 1)
    assert aaa["since"] == D_BIG.date().isoformat() and aaa["rank"] == 2
    universe_file = tmp_path / "u.txt"
    universe_file.write_text("# mine\nAAA\n\n", encoding="utf-8")
    res = runner.invoke(app, ["scan", "--universe", str(universe_file), "-w", "1"])
    assert res.exit_code == 0, res.output
    assert "AAA" in res.output and "DGS10" not in res.output
    assert "2021-03-15" in res.output
    old = runner.invoke(app, ["scan", "--universe", str(universe_file), "--windows", "1"])
    assert old.output == res.output  # the old spelling still works


def test_cli_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    app = make_app(monkeypatch)
    runner = CliRunner()
    res = runner.invoke(app, ["scan", "--universe", str(tmp_path / "missing.txt")])
    assert isinstance(res.exception, DataError)
    res = runner.invoke(app, ["scan", "--window", "x"])
    assert res.exit_code != 0
    assert scan_cli.parse_windows(["1,5", "21"]) == (1, 5, 21)


def test_messy_index_is_cleaned_like_a_clean_one() -> None:
    data = universe()
    clean = data["AAA"]
    wrong = clean.iloc[::-1].copy()
    wrong.loc[clean.index[5]] = 999.0  # superseded by the later duplicate row below
    messy = pd.concat([wrong, clean.iloc[[5]]])
    messy.index = (messy.index + pd.Timedelta(hours=16)).tz_localize("America/New_York")
    a = scan(source_for(data), ["AAA"], windows=(1, 5), min_years=0)
    b = scan(MemorySource({"AAA": messy}), ["AAA"], windows=(1, 5), min_years=0)
    pd.testing.assert_frame_equal(a, b)


def test_table_formats_percent_and_basis_points() -> None:
    from rich.console import Console

    out = scan(source_for(universe()), ["AAA", "DGS10"], windows=(1,))
    console = Console(width=120, record=True)
    console.print(scan_cli.records_table(out, 1.0))
    text = console.export_text()
    assert "-6.00%" in text and "-8.00%" in text  # AAA's move and its since value
    assert "-40bp" in text and f"start {DATES[1]:%Y-%m-%d}" in text
    assert f"2/{len(DATES) - 1}" in text


def test_default_asof_is_the_latest_date_most_series_share() -> None:
    from rotascope.products.scan import scan as scan_fn

    idx = pd.bdate_range("2020-01-01", periods=400)
    series = {f"S{i}": pd.Series(np.linspace(100, 200, 400), index=idx) for i in range(4)}
    # one series runs two more days: the default date must not be its last day alone
    longer = pd.bdate_range("2020-01-01", periods=402)
    series["S0"] = pd.Series(np.linspace(100, 200, 402), index=longer)
    frame = scan_fn(MemorySource(series), list(series), windows=(1,), min_years=0).frame
    assert frame.attrs["asof"] == idx[-1]
    assert frame.attrs["skipped"] == []
