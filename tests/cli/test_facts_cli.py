"""``rotascope facts``: table and JSON output, notes on stderr, errors."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from rotascope.cli import facts as facts_cli
from rotascope.data import MemorySource
from rotascope.kinds import Fact

IDX = pd.bdate_range("2024-01-01", periods=60, name="date")


def _app() -> typer.Typer:
    app = typer.Typer()
    facts_cli.register(app)

    @app.callback()
    def _root() -> None:
        """Test root (keeps `facts` as a sub-command)."""

    return app


@pytest.fixture
def synthetic(monkeypatch: pytest.MonkeyPatch) -> dict[str, pd.Series]:
    rng = np.random.default_rng(3)
    data = {
        "RUT": pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, 60))), index=IDX),
        "SPX": pd.Series(50 * np.exp(np.cumsum(rng.normal(0, 0.01, 60))), index=IDX),
    }
    src = MemorySource(data)
    monkeypatch.setattr("rotascope.data.default_source", lambda: src)
    return data


def test_table(synthetic: dict[str, pd.Series]) -> None:
    runner = CliRunner()
    args = ["facts", "RUT", "--versus", "SPX", "--asof", "2024-03-02"]
    r = runner.invoke(_app(), args, env={"COLUMNS": "200"})  # wide: every column shown
    assert r.exit_code == 0, r.output
    assert "Facts for RUT vs SPX as of 2024-03-01" in r.output
    for word in ("move", "spread", "ratio", "drawdown", "period", "The Russell 2000"):
        assert word in r.output
    # CliRunner mixes stderr in
    note = "Mar 2, 2024 is a Saturday: the last RUT data before it, Mar 1, 2024, is used."
    assert f"note: {note}" in " ".join(r.output.split())


def test_json_lines(synthetic: dict[str, pd.Series]) -> None:
    r = CliRunner().invoke(
        _app(),
        ["facts", "RUT", "-v", "SPX", "-w", "5", "-w", "1", "--json", "--asof", "2024-03-01"],
    )
    assert r.exit_code == 0, r.output
    lines = [ln for ln in r.output.splitlines() if ln.startswith("{")]
    parsed = [Fact.from_dict(json.loads(ln)) for ln in lines]
    moves = [f for f in parsed if f.kind == "move" and f.subject == "RUT"]
    assert [f.window for f in moves] == [5, 1]
    rut = synthetic["RUT"]
    want = rut.loc[:"2024-03-01"]
    assert moves[0].unit == "pct"
    assert moves[0].value == pytest.approx((want.iloc[-1] / want.iloc[-6] - 1) * 100)


def test_bad_basis_and_unknown_symbol(synthetic: dict[str, pd.Series]) -> None:
    r = CliRunner().invoke(_app(), ["facts", "RUT", "--basis", "log"])
    assert r.exit_code != 0
    r = CliRunner().invoke(_app(), ["facts", "NOPE"])
    assert r.exit_code != 0
    r = CliRunner().invoke(_app(), ["facts", "RUT", "--asof", "2030-01-01"])
    assert r.exit_code != 0 and "after the last RUT data" in str(r.exception)


def test_format_value() -> None:
    import datetime as dt

    def f(value: float, unit: str) -> Fact:
        return Fact(kind="x", subject="A", asof=dt.date(2024, 1, 1), value=value, unit=unit,
                    text="")  # fmt: skip

    assert facts_cli.format_value(f(11.54, "pct")) == "+11.5%"
    assert facts_cli.format_value(f(-9.92, "pp")) == "-9.9 pp"
    assert facts_cli.format_value(f(25.0, "bp")) == "+25 bp"
    assert facts_cli.format_value(f(0.39937, "ratio")) == "0.3994"
    assert facts_cli.format_value(f(float("nan"), "pct")) == "n/a"


@pytest.mark.realdata
def test_bundled_rut(monkeypatch: pytest.MonkeyPatch, rotascope_home: object) -> None:
    """With an empty home, the command reads the bundled dataset and says so."""
    args = ["facts", "RUT", "--asof", "2024-07-16", "-w", "5"]
    r = CliRunner().invoke(_app(), args, env={"COLUMNS": "200"})
    if r.exit_code != 0 and "unknown symbol" in r.output.lower():
        pytest.skip("bundled dataset without RUT")
    assert r.exit_code == 0, r.output
    assert "bundled" in r.output
    assert "its biggest five-session gain since Apr 29, 2020" in " ".join(r.output.split())


def test_since_and_from_to_spans(synthetic: dict[str, pd.Series]) -> None:
    """``--since`` and ``--from/--to``: the span's returns, against each pair, from the
    closes on both dates (a weekend start uses the Friday's close, with a note)."""
    rut, spx = synthetic["RUT"], synthetic["SPX"]
    args = ["facts", "RUT", "-v", "SPX", "--since", "2024-01-13", "--asof", "2024-03-01"]
    r = CliRunner().invoke(_app(), [*args, "--json"])
    assert r.exit_code == 0, r.output
    spans = [Fact.from_dict(json.loads(x)) for x in r.output.splitlines() if "pair_return" in x]
    assert len(spans) == 1 and spans[0].versus == "SPX" and spans[0].window == "since"
    base = pd.Timestamp("2024-01-12")  # Jan 13, 2024 is a Saturday
    want = (rut.loc["2024-03-01"] / rut.loc[base] - 1) * 100
    assert spans[0].value == pytest.approx(want)
    assert spans[0].details["versus_return_pct"] == pytest.approx(
        (spx.loc["2024-03-01"] / spx.loc[base] - 1) * 100
    )
    assert "its last close before it, Jan 12, 2024" in " ".join(r.output.split())
    r = CliRunner().invoke(
        _app(), ["facts", "RUT", "--from", "2024-01-02", "--to", "2024-02-01", "--json"]
    )
    assert r.exit_code == 0, r.output
    between = [Fact.from_dict(json.loads(x)) for x in r.output.splitlines() if "pair_return" in x]
    assert between[0].asof.isoformat() == "2024-02-01"  # --to is the as-of date too
    assert between[0].value == pytest.approx(
        (rut.loc["2024-02-01"] / rut.loc["2024-01-02"] - 1) * 100
    )
    assert between[0].text.startswith("From the Jan 2, 2024 close to Feb 1, 2024, the Russell")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2024-03-05", "--asof", "2024-03-01"], "after the as-of session"),
        (["--since", "2024-01-05", "--from", "2024-01-02"], "not both"),
        (["--from", "2024-02-05", "--to", "2024-01-05"], "before --from"),
        (["--to", "2024-02-05"], "--to needs --from"),
        (["--since", "2023-06-01"], "before the data"),
        (["--since", "someday"], "not a date"),
    ],
)
def test_bad_spans_are_one_clear_error(
    synthetic: dict[str, pd.Series], args: list[str], message: str
) -> None:
    r = CliRunner().invoke(_app(), ["facts", "RUT", *args])
    assert r.exit_code != 0
    assert message in str(r.exception), r.exception
