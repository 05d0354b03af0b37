"""The Dask scan equals the local scan exactly, on random universes with gaps and ties."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotascope.errors import AsOfError
from rotascope.products.scan import scan as _products_scan
from rotascope.scale import DaskMissingError, dask_scan, require_dask


def scan(symbols: Any, *, loader: Any, asof: Any = None, **kw: Any) -> pd.DataFrame:
    """The local scan over the same series, served as they are (gaps and NaN kept)."""
    names = list(symbols)
    source = SimpleNamespace(series=loader, symbols=lambda: names, version=lambda: "test")
    when = None if asof is None else pd.Timestamp(asof)
    return _products_scan(source, names, asof=when, **kw).frame  # type: ignore[arg-type]


NAMES = ("AAA", "BBB", "CCC", "DDD", "DGS10", "SMB")  # DGS10 moves in bp, SMB compounds


@st.composite
def universes(draw: Any) -> tuple[dict[str, pd.Series], object, tuple[int, ...], float]:
    """Series on weekly dates with gaps (missing dates and NaN values) and many ties."""
    n = draw(st.integers(4, 90))
    dates = pd.date_range("2015-01-02", periods=n, freq="W-FRI", name="date")
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=len(NAMES), unique=True))
    data = {}
    for name in names:
        keep = draw(st.lists(st.booleans(), min_size=n, max_size=n))
        levels = draw(st.lists(st.integers(1, 4), min_size=n, max_size=n))  # ties galore
        values = np.asarray(levels, dtype=float)
        if name == "SMB":
            values = (values - 2.5) / 100.0  # daily returns as fractions
        holes = draw(st.lists(st.integers(0, n - 1), max_size=3))
        values[holes] = np.nan
        mask = np.asarray(keep)
        data[name] = pd.Series(values[mask], index=dates[mask])
    pick = draw(st.one_of(st.none(), st.integers(0, n - 1)))
    asof = None if pick is None else dates[pick]
    windows = tuple(draw(st.lists(st.sampled_from((1, 2, 3, 5, 13)), min_size=1, unique=True)))
    min_years = draw(st.sampled_from((0.0, 0.25, 1.0)))
    return data, asof, windows, min_years


def _both(data: dict[str, pd.Series], client: Any, **kw: Any) -> tuple[Any, Any]:
    outcome = []
    for run in (scan, dask_scan):
        extra = {"client": client, "partition_size": 2} if run is dask_scan else {}
        try:
            outcome.append(run(list(data), loader=data.__getitem__, **kw, **extra))
        except (AsOfError, IndexError) as exc:
            # IndexError: the local scan's default date when no date has 3/4 of the
            # universe (a known gap of the local scan); the Dask scan must fail alike
            outcome.append((type(exc).__name__, str(exc)))
    return outcome[0], outcome[1]


def _same(local: Any, remote: Any) -> None:
    if isinstance(local, tuple):  # both refuse, with the same kind of error
        assert isinstance(remote, tuple) and remote[0] == local[0], (local, remote)
        return
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    assert remote.attrs == local.attrs


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=universes())
def test_dask_scan_equals_local_scan(case: Any, dask_client: Any) -> None:
    data, asof, windows, min_years = case
    local, remote = _both(data, dask_client, asof=asof, windows=windows, min_years=min_years)
    _same(local, remote)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=universes())
def test_dask_scan_equals_local_scan_many(case: Any, dask_client: Any) -> None:
    data, asof, windows, min_years = case
    local, remote = _both(data, dask_client, asof=asof, windows=windows, min_years=min_years)
    _same(local, remote)


def _walks(n_series: int, n_dates: int, seed: int) -> dict[str, pd.Series]:
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range("2012-01-02", periods=n_dates, name="date")
    out = {}
    for j in range(n_series):
        steps = rng.choice([-0.02, -0.01, 0.0, 0.01, 0.02], size=n_dates)  # ties
        s = pd.Series(100.0 * np.cumprod(1.0 + steps), index=dates)
        out[f"S{j:02d}"] = s[rng.random(n_dates) > 0.03]  # gaps
    return out


def test_asof_discipline_later_data_changes_nothing(dask_client: Any) -> None:
    data = _walks(12, 1500, seed=3)
    asof = data["S00"].index[900]
    cut = {k: v[v.index <= asof] for k, v in data.items()}
    kw = {"asof": asof, "windows": (1, 5, 21), "min_years": 0.0, "client": dask_client}
    full = dask_scan(list(data), loader=data.__getitem__, **kw)
    short = dask_scan(list(cut), loader=cut.__getitem__, **kw)
    pd.testing.assert_frame_equal(full, short, check_exact=True)
    assert full.attrs == short.attrs
    assert len(full) > 0 and (full["asof"] == asof).all()
    # one record checked by hand: a 5-session move on the union calendar
    row = full[full["window"] == 5].iloc[0]
    union = pd.DatetimeIndex(sorted(set().union(*(v.index for v in cut.values()))))
    x = cut[row["symbol"]].reindex(union)
    moves = (x / x.shift(5) - 1.0).iloc[:-1]
    v = x.iloc[-1] / x.iloc[-6] - 1.0
    beyond = (moves > v).sum() if v >= 0 else (moves < v).sum()
    assert row["value"] == pytest.approx(v * 100, rel=1e-12)  # percent, the unit of the scan
    assert row["rank"] == beyond + 1
    assert row["out_of"] == moves.notna().sum() + 1


def test_default_date_and_skipped_match_the_local_scan(dask_client: Any) -> None:
    data = _walks(8, 600, seed=5)
    data["S07"] = data["S07"].iloc[:-30]  # ends early: skipped, no record
    data["S06"] = pd.concat(  # one extra late date held by one series only
        [data["S06"], pd.Series([123.0], index=[data["S06"].index[-1] + pd.Timedelta(days=3)])]
    )
    local = scan(list(data), loader=data.__getitem__, windows=(1, 5), min_years=0)
    remote = dask_scan(
        list(data), loader=data.__getitem__, windows=(1, 5), min_years=0, client=dask_client
    )
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    assert remote.attrs["skipped"] == ["S07"]
    assert remote.attrs["asof"] == data["S00"].index[-1]


def test_asof_before_every_value_is_one_clear_error(dask_client: Any) -> None:
    data = _walks(2, 50, seed=1)
    with pytest.raises(AsOfError, match="no series has a value"):
        dask_scan(list(data), asof="2000-01-03", loader=data.__getitem__, client=dask_client)


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(DaskMissingError, match=r"rotascope\[dask\]"):
        require_dask()


def _universe_file(tmp_path: Path) -> str:
    path = tmp_path / "universe.txt"
    path.write_text("RUT\nSPX\nIWM\nDGS10\nSMB\n", encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from rotascope.cli.app import main

    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_engine_dask_prints_the_local_records(
    tmp_path: Path, dask_client: Any, rotascope_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["scan", "--universe", _universe_file(tmp_path), "--asof", "2024-07-16"]
    args += ["--windows", "1", "5", "21", "--min-years", "1", "--json"]
    address = dask_client.scheduler.address
    code, local, _ = run(capsys, *args)
    assert code == 0
    code, remote, err = run(capsys, *args, "--engine", "dask", "--scheduler", address)
    assert code == 0, err
    assert json.loads(remote) == json.loads(local)
    assert any(r["symbol"] == "RUT" and r["window"] == 5 for r in json.loads(local))


def test_cli_scheduler_without_dask_engine_is_a_usage_error() -> None:
    from typer.testing import CliRunner

    from rotascope.cli.app import build_app

    res = CliRunner().invoke(build_app(), ["scan", "--scheduler", "tcp://127.0.0.1:1"])
    assert res.exit_code == 2 and "--engine dask" in res.output


def test_cli_missing_dask_is_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rotascope_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    code, _, err = run(capsys, "scan", "--engine", "dask", "--universe", _universe_file(tmp_path))
    assert code == 2
    assert "rotascope[dask]" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_worker_missing_a_module_is_one_clear_error(dask_client: Any) -> None:
    from rotascope.scale import SchedulerError

    def loader(symbol: str) -> pd.Series:
        import rotascope_not_installed_here  # noqa: F401  # a worker without the package

        raise AssertionError("unreachable")

    with pytest.raises(SchedulerError, match="install 'rotascope\\[dask\\]'"):
        dask_scan(["AAA"], loader=loader, client=dask_client)
