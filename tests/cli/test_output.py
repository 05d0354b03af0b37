"""Output that fits where it goes: terminal widths, pipes, NO_COLOR, sizes, warnings."""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings

import numpy as np
import pandas as pd
import pytest
import typer
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from rotascope.asof import AsOf
from rotascope.cli import facts as facts_cli
from rotascope.cli import rotation as rotation_cli
from rotascope.cli.console import Col, fit_columns, fit_table, human_size, quiet_library_warnings
from rotascope.data import MemorySource
from rotascope.kinds.engine import FactEngine
from rotascope.kinds.fact import Fact, Record
from rotascope.kinds.factset import FactSet

D = dt.date(2024, 7, 16)
ESC = "\x1b["
#: an SGR sequence that sets a colour (30-37, 90-97 foreground, 38;... extended)
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])[;m]")


def _record(since: dt.date | None, rank: int, out_of: int) -> Record:
    return Record("high", since, 0.1, rank, out_of, dt.date(1987, 9, 10))


FACTS = [
    Fact(kind="move", subject="RUT", asof=D, value=11.54, unit="pct", window=5,
         record=_record(dt.date(2020, 4, 29), 22, 9279),
         text="The Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024, its biggest "
              "five-session gain since Apr 29, 2020."),
    Fact(kind="drawdown", subject="RUT", asof=D, value=-7.3, unit="pct",
         record=_record(None, 4962, 9284),
         text="The Russell 2000 closed 7.3% below its Nov 8, 2021 record close (2,442.74) on "
              "Jul 16, 2024. It is up 38.3% from its Oct 27, 2023 low."),
    Fact(kind="spread", subject="RUT", versus="SPX", asof=D, value=9.92, unit="pp", window=5,
         record=_record(None, 1, 9279),
         text="The Russell 2000 outperformed the S&P 500 by 9.9 points in the five sessions to "
              "Jul 16, 2024 (11.5% vs 1.6%), the widest five-session gap in its favour on "
              "record (since 1987)."),
    Fact(kind="period", subject="SPX", asof=D, value=18.8, unit="pct", window="YTD",
         text="The S&P 500 is up 18.8% year to date (from the Dec 29, 2023 close) as of Jul 16, "
              "2024."),
    Fact(kind="ratio", subject="RUT", versus="SPX", asof=D, value=0.3994, unit="ratio",
         text="The Russell 2000 / S&P 500 ratio is 0.3994."),
]  # fmt: skip

DASHBOARD = [
    Fact(kind="spread", subject="IWN", versus="IWF", asof=D, value=7.5, unit="pp", window=21,
         label="small value vs large growth (IWN vs IWF)",
         record=_record(dt.date(2000, 3, 10), 3, 4895),
         text="The Russell 2000 Value ETF (IWN) outperformed the Russell 1000 Growth ETF (IWF) "
              "by 7.5 points in the 21 sessions (about a month) to Jul 16, 2024, its widest "
              "21-session gap in its favour since Mar 10, 2000."),
    Fact(kind="spread", subject="RSP", versus="SPY", asof=D, value=3.1, unit="pp", window=21,
         label="equal vs cap weight (RSP vs SPY)", record=_record(dt.date(2022, 11, 30), 80, 5210),
         text="The S&P 500 Equal Weight ETF (RSP) outperformed the SPDR S&P 500 ETF (SPY) by "
              "3.1 points in the 21 sessions (about a month) to Jul 16, 2024."),
]  # fmt: skip


def render(table: object, width: int) -> str:
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None, legacy_windows=False).print(table)
    return buf.getvalue()


def assert_fits(text: str, width: int) -> None:
    widest = max(cell_len(line) for line in text.splitlines())
    assert widest <= width, f"{widest} > {width}\n{text}"
    assert "…" not in text, f"a cell was cut short\n{text}"


def words(text: str) -> list[str]:
    return re.findall(r"[\w.,%&()/+-]+", text)


@pytest.mark.parametrize(
    ("n", "want"),
    [(0, "0 bytes"), (999, "999 bytes"), (1_000, "1.0 KB"), (14_700, "14.7 KB"),
     (15_695, "15.7 KB"), (999_960, "1.0 MB"), (5_431_328, "5.4 MB"), (2.5e9, "2.5 GB")],
)  # fmt: skip
def test_human_size(n: float, want: str) -> None:
    assert human_size(n) == want


def test_fit_columns_drops_highest_first_and_squeezes_before_dropping() -> None:
    cols = [
        Col("label", squeeze=6),
        Col("a", drop=1),
        Col("b", drop=2),
        Col("value"),
        Col("sentence", flex=True),
    ]
    rows = [("a long label here", "aaaa", "bbbbbbbb", "+1.0%", "x" * 100)]
    full = fit_columns(cols, rows, 200, flex_min=20)
    assert full == [(0, None), (1, None), (2, None), (3, None), (4, None)]
    # label 17 -> 6 saves 11 columns: enough at 65, nothing dropped
    width_all = 17 + 4 + 8 + 5 + 20 + (5 + 1 + 10)
    assert fit_columns(cols, rows, width_all - 5, flex_min=20) == [
        (0, 6), (1, None), (2, None), (3, None), (4, None)]  # fmt: skip
    # narrower: "b" (drop 2) goes before "a" (drop 1); "value" (drop 0) never goes
    narrow = fit_columns(cols, rows, 6 + 4 + 5 + 20 + (4 + 1 + 8), flex_min=20)
    assert [i for i, _ in narrow] == [0, 1, 3, 4]
    tiny = fit_columns(cols, rows, 10, flex_min=20)
    assert [i for i, _ in tiny] == [0, 3, 4]


@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_facts_table_fits_the_terminal(width: int) -> None:
    text = render(facts_cli.facts_table(FACTS, title="Facts for RUT vs SPX", width=width), width)
    assert_fits(text, width)
    flat = " ".join(text.split())
    for f in FACTS:  # every word of every sentence is there, only wrapped
        for w in words(f.text):
            assert w in flat, w
    assert "+11.5%" in text and "+9.9 pp" in text


def test_facts_table_keeps_more_columns_when_wider() -> None:
    narrow = render(facts_cli.facts_table(FACTS, width=80), 80)
    wide = render(facts_cli.facts_table(FACTS, width=200), 200)
    assert "22/9,279" in wide and "2020-04-29" in wide and "drawdown" in wide
    assert "kind" not in narrow.split("\n")[1]  # dropped at 80
    assert len(narrow.splitlines()) > len(wide.splitlines())  # sentences wrap


@pytest.mark.parametrize("width", [80, 120])
def test_dashboard_table_fits_the_terminal(width: int) -> None:
    table = rotation_cli.dashboard_table(DASHBOARD, title="Rotation dashboard", width=width)
    text = render(table, width)
    assert_fits(text, width)
    flat = " ".join(text.split())
    for f in DASHBOARD:
        for w in words(f.text) + words(f.label):
            assert w in flat, w


def test_fit_table_without_width_shows_everything() -> None:
    table = fit_table([Col("a", drop=1), Col("s", flex=True)], [("x", "y")])
    assert [c.header for c in table.columns] == ["a", "s"]


# ------------------------------------------------------------------ the commands


def _app() -> typer.Typer:
    app = typer.Typer()
    facts_cli.register(app)

    @app.callback()
    def _root() -> None:
        """Test root."""

    return app


@pytest.fixture
def synthetic(monkeypatch: pytest.MonkeyPatch) -> None:
    idx = pd.bdate_range("2023-01-02", periods=300, name="date")
    rng = np.random.default_rng(5)
    data = {
        s: pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))), index=idx)
        for s in ("RUT", "SPX", "NDX")
    }
    source = MemorySource(data)
    monkeypatch.setattr("rotascope.data.default_source", lambda: source)


ARGS = ["facts", "RUT", "--versus", "SPX", "--asof", "2024-02-03"]  # a Saturday: a note


@pytest.mark.parametrize("columns", ["80", "120"])
def test_facts_command_fits_columns_and_pipes_plain_text(synthetic: None, columns: str) -> None:
    r = CliRunner().invoke(_app(), ARGS, env={"COLUMNS": columns, "NO_COLOR": None})
    assert r.exit_code == 0, r.output
    assert ESC not in r.output  # not a terminal: no escape codes at all
    assert_fits(r.output, int(columns))
    assert "note:" in r.output and "The Russell 2000" in r.output


def test_piped_without_columns_is_80_wide(synthetic: None) -> None:
    r = CliRunner().invoke(_app(), ARGS, env={"COLUMNS": None})
    assert r.exit_code == 0, r.output
    assert ESC not in r.output
    assert max(cell_len(line) for line in r.output.splitlines()) == 80


def test_no_color_is_honoured_on_a_terminal(synthetic: None) -> None:
    coloured = CliRunner().invoke(_app(), ARGS, env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert COLOUR.search(coloured.output)  # a terminal gets colours...
    plain = CliRunner().invoke(_app(), ARGS, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.exit_code == 0, plain.output
    assert not COLOUR.search(plain.output)  # ...unless NO_COLOR is set
    assert "The Russell 2000" in plain.output


def test_quiet_leaves_stderr_empty(synthetic: None) -> None:
    r = CliRunner().invoke(_app(), [*ARGS, "--quiet"], env={"COLUMNS": "120"})
    assert r.exit_code == 0, r.output
    assert r.stderr == ""
    loud = CliRunner().invoke(_app(), ARGS, env={"COLUMNS": "120"})
    assert "note:" in loud.stderr


def test_json_lines_are_never_wrapped(synthetic: None) -> None:
    r = CliRunner().invoke(_app(), [*ARGS, "--json"], env={"COLUMNS": "40"})
    assert r.exit_code == 0, r.output
    lines = [ln for ln in r.stdout.splitlines() if ln]
    assert lines and all(ln.startswith("{") and ln.endswith("}") for ln in lines)


def test_comma_lists_equal_repeated_options(synthetic: None) -> None:
    base = ["facts", "RUT", "--asof", "2024-02-02", "--json", "--no-context"]
    joined = CliRunner().invoke(_app(), [*base, "-v", "SPX,NDX", "-w", "5,1"])
    repeated = CliRunner().invoke(_app(), [*base, "-v", "SPX", "-v", "NDX", "-w", "5", "-w", "1"])
    assert joined.exit_code == 0, joined.output
    assert joined.stdout == repeated.stdout
    assert '"versus": "NDX"' in joined.stdout and '"window": 1' in joined.stdout


def test_library_warnings_do_not_reach_the_terminal() -> None:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with quiet_library_warnings():
            np.array([1.0, 0.0]) / np.array([0.0, 0.0])  # divide and invalid
            warnings.warn("deprecated", FutureWarning, stacklevel=1)
    assert seen == []


def test_main_hides_library_warnings(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, synthetic: None
) -> None:
    import sys

    from rotascope.cli.app import main

    def noisy(*args: object, **kwargs: object) -> FactSet:
        np.array([1.0]) / np.array([0.0])  # RuntimeWarning: divide by zero
        warnings.warn("old pandas spelling", FutureWarning, stacklevel=1)
        return FactSet(tuple(FACTS), AsOf.at("2024-02-02"))

    monkeypatch.setattr(FactEngine, "facts", noisy)
    monkeypatch.setattr(sys, "warnoptions", [])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        main(["facts", "RUT", "--asof", "2024-02-02"])
    assert seen == []
    assert "The Russell 2000" in capsys.readouterr().out
    # a developer who asks for warnings (python -W ...) still gets them
    monkeypatch.setattr(sys, "warnoptions", ["default"])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        main(["facts", "RUT", "--asof", "2024-02-02"])
    assert {w.category for w in seen} == {RuntimeWarning, FutureWarning}
