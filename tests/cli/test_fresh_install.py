"""On a fresh install (an empty store) the README's examples run on the bundled dataset.

Every command of the README's command table (``## What it does``) is read from the README
itself and run on an empty ``ROTASCOPE_HOME``: each must exit 0. A row's cell gives one
or more commands (`` `rotascope data import PATH...` / `list` / ... `` are subcommands of
``rotascope data``); ``[...]`` marks options: the default run checks each command
without them (``SLOW`` ones in the slow run), the ``slow`` run once more with each option
(``a | b``: each alternative).
Placeholders get values (``DATE``, ``SUBJECT``, ``PATH...``, ``DIR``); a subcommand the
README names without its argument gets the one in ``ARGUMENTS``. No network is used:
``data update --all`` gets recorded responses; ``serve`` answers one request and stops.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from recorded_providers import Recorded

import rotascope
from rotascope.cli.app import main
from rotascope.data import clear_cache

README = Path(__file__).resolve().parents[2] / "README.md"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_breadth_and_valuation_examples_exit_0(
    rotascope_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "breadth", "--asof", "2024-07-25", "--json")
    assert code == 0, err
    facts = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    f200 = next(f for f in facts if f["window"] == 200)
    assert f200["asof"] == "2024-07-25" and f200["details"]["universe"] == "SP500"
    assert "precomputed" in err  # it says where the numbers come from
    code, out, err = run(capsys, "valuation", "SPX", "--asof", "2024-07-31")
    assert code == 0, err
    assert "bundled dataset" in out and "CAPE" in out
    assert not (rotascope_home / "rotascope.duckdb").exists()  # nothing was written


def test_short_names_follow_what_is_stored(
    rotascope_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "facts", "RF", "--asof", "2024-07-16", "--json")
    assert code == 0, err
    subjects = {json.loads(line)["subject"] for line in out.splitlines() if line.startswith("{")}
    assert subjects == {"ff:RF"}  # only the factor is there: RF means it
    stock = tmp_path / "RF.csv"
    stock.write_text("Date,Close\n2024-07-15,19.1\n2024-07-16,20.2\n")
    assert run(capsys, "data", "import", str(stock))[0] == 0
    code, out, err = run(capsys, "facts", "RF", "--asof", "2024-07-16", "-w", "1", "--json")
    assert code == 0, err
    moves = [json.loads(x) for x in out.splitlines() if x.startswith("{")]
    move = next(f for f in moves if f["kind"] == "move")
    assert move["subject"] == "RF" and move["value"] == pytest.approx((20.2 / 19.1 - 1) * 100)


# -- every command of the README's table ----------------------------------------------

#: Values of the README's placeholders (``DATE`` by the option before it).
DATES = {"--asof": "2024-07-16", "--since": "2024-07-01", "--from": "2024-07-01"}
#: Arguments of subcommands the table names bare (``show``: which series?).
ARGUMENTS = {("data", "show"): ["ABC"], ("data", "remove"): ["ABC"]}
#: Commands run in the slow run only, and what checks them in the default run.
SLOW = {("data", "update"): "tests/cli/test_update_all.py (the same command, recorded)"}
#: Commands that cannot exit 0 on an empty store, and why (strict: fixed means listed).
KNOWN: dict[tuple[str, ...], str] = {}


@dataclass(frozen=True)
class Command:
    """One command of the table: its words as written, and its ``[...]`` options."""

    text: str
    words: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]

    @property
    def key(self) -> tuple[str, ...]:
        """The command's name: ``("data", "show")``, ``("report",)``."""
        names = [w for w in self.words if re.fullmatch(r"[a-z][a-z-]*", w)]
        return (
            tuple(names[:2])
            if names[:1] in (["data"], ["factors"], ["events"])
            else (tuple(names[:1]))
        )


def table_cells(text: str) -> list[str]:
    """The first cell of each row of the README's command table."""
    lines = text.splitlines()
    start = lines.index("| command | what you get |")
    cells = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells.append(re.split(r"(?<!\\)\|", line)[1].strip())
    return cells


def _alternatives(group: str) -> tuple[str, ...]:
    """``--format html|md|json`` -> each option; ``--since D | --from D --to D`` -> each."""
    alts = [a.strip() for a in group.split("|")]
    flag = alts[0].split()[0] if alts[0].startswith("-") else ""
    return tuple(a if a.startswith("-") or not flag else f"{flag} {a}" for a in alts)


def commands(cell: str) -> list[Command]:
    """The commands of one cell: `` `rotascope data import PATH...` / `list` `` -> two."""
    spans = [s.replace("\\|", "|") for s in re.findall(r"`([^`]+)`", cell)]
    assert spans and spans[0].startswith("rotascope "), cell
    group = spans[0].split()[:2]  # rotascope data
    out = []
    for i, span in enumerate(spans):
        text = span if i == 0 else " ".join([*group, span])
        options = tuple(_alternatives(g) for g in re.findall(r"\[([^\]]*)\]", text))
        words = shlex.split(re.sub(r"\s*\[[^\]]*\]", "", text))
        assert words[0] == "rotascope", text
        out.append(Command(text, tuple(words[1:]), options))
    return out


def fill(words: list[str], tmp: Path) -> list[str]:
    """The placeholders replaced by values (unknown ones stay, and the command fails)."""
    out: list[str] = []
    for w in words:
        if w == "DATE":
            w = DATES.get(out[-1] if out else "", "2024-07-16")
        elif w == "SYMBOL":  # the README's import, replaced once (``data undo``)
            w = "ABC"
        elif w == "SUBJECT":
            w = "RUT"
        elif w == "PATH...":
            w = str(tmp / "ABC.csv")
        elif w == "DIR":
            w = str(tmp / "parquet")
        out.append(w)
    return out


def readme_commands() -> list[Command]:
    return [c for cell in table_cells(README.read_text()) for c in commands(cell)]


def test_the_readme_table_is_read_whole() -> None:
    cells = table_cells(README.read_text())
    found = readme_commands()
    assert len(cells) >= 12 and len(found) >= len(cells)
    keys = {c.key for c in found}
    for key in [("report",), ("facts",), ("data", "import"), ("factors", "pair"), ("serve",)]:
        assert key in keys
    # the options of a row are read as the README writes them
    facts = next(c for c in found if c.key == ("facts",))
    assert ("--since DATE", "--from DATE --to DATE") in facts.options
    report = next(c for c in found if c.key == ("report",))
    assert ("--format html", "--format md", "--format json") in report.options
    assert fill(["--from", "DATE", "--to", "DATE"], Path("/x")) == [
        "--from", "2024-07-01", "--to", "2024-07-16",
    ]  # fmt: skip


def _known(command: Command) -> list[Any]:
    """A strict xfail for a command listed in ``KNOWN``."""
    if command.key not in KNOWN:
        return []
    return [pytest.mark.xfail(reason=KNOWN[command.key], strict=True)]


def _commands() -> list[Any]:
    out = []
    for c in readme_commands():
        marks = _known(c) + ([pytest.mark.slow] if c.key in SLOW else [])
        out.append(pytest.param(c, id=" ".join(c.key), marks=marks))
    return out


def _variants() -> list[Any]:
    out = []
    for c in readme_commands():
        for group in c.options:
            for option in group:
                marks = (
                    [pytest.mark.xfail(reason=KNOWN[c.key], strict=True)] if c.key in KNOWN else []
                )
                out.append(pytest.param(c, option, id=f"{' '.join(c.key)} {option}", marks=marks))
    return out


@pytest.fixture
def fresh(rotascope_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store, a working folder (reports are written there), a file to import."""
    clear_cache()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("COLUMNS", "120")
    (work / "ABC.csv").write_text("Date,Close\n2024-07-15,10.0\n2024-07-16,10.5\n")
    return work


def _fake_serve(monkeypatch: pytest.MonkeyPatch, answers: list[int]) -> None:
    """``uvicorn.run`` answers ``GET /`` once through the app and returns (no socket)."""
    import uvicorn
    from fastapi.testclient import TestClient

    def once(app: Any, **kwargs: Any) -> None:
        with TestClient(app, base_url=f"http://{kwargs.get('host', '127.0.0.1')}") as client:
            answers.append(client.get("/").status_code)

    monkeypatch.setattr(uvicorn, "run", once)


def run_readme(
    command: Command, extra: str, work: Path, capsys: pytest.CaptureFixture[str], mp: Any
) -> tuple[list[str], int, str, str]:
    """Run one README command (plus one of its options) in this process."""
    argv = fill([*command.words, *ARGUMENTS.get(command.key, []), *shlex.split(extra)], work)
    before = set(work.iterdir())
    answers: list[int] = []
    if command.key == ("serve",):
        _fake_serve(mp, answers)
    with respx.mock(assert_all_called=False) as mock:
        Recorded().mount(mock)  # ``data update --all``: recorded responses, no network
        mock.route().mock(side_effect=AssertionError("network"))
        try:
            main(argv)
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err, (argv, err)
    if code == 0:  # it did something: printed, wrote a file, or served the page
        assert out.strip() or set(work.iterdir()) - before or answers == [200], argv
    return argv, code, out, err


def _import_first(command: Command, work: Path, capsys: Any, mp: Any) -> None:
    """``data show ABC`` and the other ``data`` commands after the README's import."""
    if command.key[0] == "data" and command.key != ("data", "import"):
        run_readme(Command("", ("data", "import", "PATH..."), ()), "", work, capsys, mp)
    if command.key == ("data", "undo"):  # an import that replaces: a version to undo
        (work / "ABC.csv").write_text("Date,Close\n2024-07-15,10.0\n2024-07-16,11.0\n")
        words = ("data", "import", "PATH...", "--symbol", "ABC", "--replace")
        run_readme(Command("", words, ()), "", work, capsys, mp)


@pytest.mark.parametrize("command", _commands())
def test_every_command_of_the_readme_table_exits_0(
    command: Command,
    fresh: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _import_first(command, fresh, capsys, monkeypatch)
    argv, code, _, err = run_readme(command, "", fresh, capsys, monkeypatch)
    assert code == 0, (argv, err)


@pytest.mark.slow
@pytest.mark.parametrize(("command", "option"), _variants())
def test_every_option_of_the_readme_table_exits_0(
    command: Command,
    option: str,
    fresh: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _import_first(command, fresh, capsys, monkeypatch)
    argv, code, _, err = run_readme(command, option, fresh, capsys, monkeypatch)
    assert code == 0, (argv, err)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_as_written_answers_and_stops_with_exit_0(rotascope_home: Path) -> None:
    """The README's ``rotascope serve`` in its own process: the page answers; Ctrl-C
    stops it with exit code 0 (a free port instead of 8000, which may be taken)."""
    (serve,) = [c for c in readme_commands() if c.key == ("serve",)]
    port = _free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(rotascope.__file__).parents[1]), env.get("PYTHONPATH", "")]
    )
    code = "from rotascope.cli.app import main; main()"
    argv = [sys.executable, "-c", code, *serve.words, "--port", str(port)]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        status = 0
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code
                break
            except httpx.TransportError:
                time.sleep(0.5)
        assert status == 200, proc.stderr.read().decode() if proc.poll() is not None else status
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
