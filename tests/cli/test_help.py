"""Help people read: ``--help`` of every command, ``--version``, usage errors."""

from __future__ import annotations

import re
from importlib.metadata import version

import pytest
from cli_tree import command_paths

from rotascope.cli._help import COMMAND_ORDER, PANELS
from rotascope.cli.app import main

PATHS = command_paths()

#: A Python type shown as a value label: ``<bool>``, ``<str>``, ``<list[str]>``,
#: ``<int range>``, ``<path>``, ``<html|md|json>``...
TYPE_LABEL = re.compile(r"<[a-z][a-z0-9_ ,|\[\].-]*>")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``rotascope argv`` as the console script does; (exit code, stdout, stderr)."""
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_tree_has_every_command() -> None:
    top = {p[0] for p in PATHS if len(p) == 1}
    assert top == set(COMMAND_ORDER)
    assert ("data", "import") in PATHS and ("valuation", "show") in PATHS
    assert len(PATHS) >= 25


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "rotascope")
def test_help_has_no_type_label_and_an_example(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, err = run([*path, "--help"], capsys)
    assert code == 0, err
    assert not TYPE_LABEL.findall(out), TYPE_LABEL.findall(out)
    for bad in ("<bool>", "<str>", "<int>", "<float>", "<list[str]>", "<path>"):
        assert bad not in out
    usage = next(line for line in out.splitlines() if "Usage:" in line)
    assert usage.split("Usage:")[1].split()[0] == "rotascope"
    assert "{" not in usage and "<" not in usage, usage
    # an example of this very command, written as people type it
    lines = [line.strip() for line in out.splitlines()]
    start = next(i for i, line in enumerate(lines) if line in ("Example:", "Examples:"))
    examples = [line for line in lines[start + 1 :] if line]
    assert examples, out
    assert all(line.startswith("rotascope") for line in examples), examples
    prefix = " ".join(("rotascope", *path))
    assert any(line.startswith(prefix) for line in examples) or path == ()
    assert "\x1b[" not in out  # captured output is not a terminal: plain text


def test_root_help_lists_commands_by_job_main_job_first(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    names = [m.group(1) for m in re.finditer(r"^\W*([a-z]+)\s{2,}\S", out, re.MULTILINE)]
    listed = [n for n in names if n in COMMAND_ORDER]
    assert listed == list(COMMAND_ORDER)
    assert listed[0] == "report"
    panels = [out.index(title) for title in PANELS]
    assert panels == sorted(panels)
    assert "--install-completion" in out and "--version" in out


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    import rotascope

    code, out, _ = run(["--version"], capsys)
    assert code == 0
    assert out.strip() == f"rotascope {version('rotascope')}"
    assert rotascope.__version__ == version("rotascope")


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["facts"], "Missing argument 'SUBJECT'"),
        (["facts", "RUT", "--basis", "log"], "use price or total_return"),
        (["facts", "RUT", "--no-such-option"], "No such option"),
        (["report", "--top", "0"], "give 1 or more"),
        (["nosuchcommand"], "No such command"),
    ],
)
def test_usage_errors_are_one_red_line_exit_2(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and says in lines[0]
    assert "Traceback" not in err


def test_bad_input_from_the_core_is_still_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["facts", "RUT", "--asof", "not-a-date"], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ")


def test_exit_code_of_a_command_reaches_the_shell(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``typer.Exit(1)`` inside a command (e.g. ``data check`` finding problems) exits 1."""
    from rotascope.cli import data as data_cli

    class Broken:
        ok, problems = False, ["duplicate rows for XYZ"]

    monkeypatch.setattr(data_cli.manage, "check", lambda *a, **k: Broken())
    code, out, _ = run(["data", "check"], capsys)
    assert code == 1
    assert "duplicate rows for XYZ" in out


@pytest.mark.parametrize("argv", [[], ["data"], ["factors"], ["valuation"]])
def test_no_arguments_shows_the_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2  # Click's convention: nothing was done
    assert "Usage: rotascope" in out and "Example" in out
    assert err == ""
