"""``rotascope valuation``: the Shiller facts and an imported valuation CSV, end to end."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from rotascope.cli import valuation as cli_valuation
from rotascope.kinds.valuation import valuation_fact
from rotascope.kinds.valuation_gap import gap_fact


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        pass

    cli_valuation.register(app)
    return app


def raw(path: Path) -> dict[str, list[str]]:
    with path.open(newline="") as fh:
        return {r[0]: r for r in csv.reader(fh) if r and r[0][:2] in ("18", "19", "20")}


@pytest.mark.realdata
def test_cli_valuation_spx(shiller_csv: Path, rotascope_home: Path) -> None:
    path = shiller_csv
    r0, r1 = raw(path)["2022.1"], raw(path)["2024.07"]
    res = CliRunner().invoke(
        _app(),
        ["valuation", "SPX", "--asof", "2024-07-31", "--since", "2022-10", "--file", str(path)],
    )
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    assert f"trailing P/E (Shiller, reported earnings) was {float(r1[1]) / float(r1[3]):.1f}" in out
    assert f"rose {float(r1[1]) / float(r0[1]) - 1:.0%}" in out
    # independent: Shiller's own forward-return column on 1/CAPE, starts 1881.01 .. 2014.07
    # (a key's month is "1" for October: read it as 10)
    rows = raw(path)
    keys = [
        k
        for k in rows
        if (int(k[:4]), int(k[5:]) * (10 if len(k[5:]) == 1 else 1)) <= (2014, 7)
        and int(k[:4]) >= 1881
    ]
    x = np.array([1 / float(rows[k][12]) for k in keys])
    y = np.array([float(rows[k][19]) for k in keys])
    slope, intercept = np.polyfit(x, y, 1)
    implied = intercept + slope / float(r1[12])
    assert len(keys) == 1603
    assert f"implies {implied:.1%} a year" in out
    bad = CliRunner().invoke(_app(), ["valuation", "SPX", "--asof", "1850-01", "--file", str(path)])
    assert bad.exit_code != 0
    unknown = CliRunner().invoke(_app(), ["valuation", "ZZZ", "--file", str(path)])
    assert "unknown symbol 'ZZZ'" in str(unknown.exception)


def test_imported_csv_gives_the_same_facts_as_series_built_here(
    rotascope_home: Path, tmp_path: Path
) -> None:
    """Acceptance: import round trip -> the same facts as the same data built in the test."""
    idx = pd.date_range("2004-01-31", "2024-07-31", freq="ME", name="date")
    t = np.arange(len(idx))
    spx = pd.Series(16 + 4 * np.sin(t / 17.0) + t / 60.0, index=idx).round(4)
    rut = (spx * (0.95 - 0.15 * np.cos(t / 23.0))).round(4)
    lines = ["date,symbol,metric,value"]
    for d in idx:
        lines.append(f"{d:%Y-%m},SPX,pe_forward,{float(spx[d])!r}")
        lines.append(f"{d:%Y-%m},RUT,pe_forward,{float(rut[d])!r}")
    p = tmp_path / "v.csv"
    p.write_text("\n".join(lines) + "\n")

    runner = CliRunner()
    res = runner.invoke(_app(), ["valuation", "import", str(p)])
    assert res.exit_code == 0, res.output
    # a shortcut for `rotascope data import`: the same report
    assert "val:RUT:PE_FORWARD" in res.output and "val:SPX:PE_FORWARD" in res.output
    assert "2 series from 1 file(s): 494 new rows" in res.output
    res = runner.invoke(_app(), ["valuation", "RUT", "--asof", "2024-07-31", "--json"])
    assert res.exit_code == 0, res.output
    got = [json.loads(line) for line in res.output.splitlines()]

    asof = pd.Timestamp("2024-07-31")
    want = [
        valuation_fact(rut, subject="RUT", metric="pe_forward", asof=asof),
        gap_fact(rut, spx, subject="RUT", versus="SPX", metric="pe_forward", asof=asof),
    ]
    assert got == [f.to_dict() for f in want]
    # and the numbers themselves, computed here with plain numpy
    gap = rut / spx - 1
    g20 = gap.loc[gap.index > asof - pd.DateOffset(years=20)]
    assert got[1]["unit"] == "pct"
    assert got[1]["value"] == pytest.approx(gap.iloc[-1] * 100, rel=1e-12)
    assert got[1]["details"]["percentile_20y_pct"] == pytest.approx(
        np.mean(g20.to_numpy() <= gap.iloc[-1]) * 100
    )
    assert got[0]["value"] == rut.iloc[-1]
