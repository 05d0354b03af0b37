"""One flag vocabulary: every option of every command is a word of it, or listed here.

The table :data:`VOCABULARY` says what each shared option is called, its short flag,
whether it takes a value (and which value name the help shows), whether it may be
repeated, and what it means. An option outside it must be in :data:`COMMAND_SPECIFIC`
with the reason it is particular to its command; a hidden option must be an old
spelling kept working, listed in :data:`OLD_SPELLINGS`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from cli_tree import root_command, walk
from typer.core import TyperOption


@dataclass(frozen=True)
class Word:
    """One option of the vocabulary."""

    meaning: str
    short: str | None = None
    values: frozenset[str] | None = None  # the value names the help may show; None: a flag
    repeat: bool | None = None  # True: always repeatable; None: the command decides


def _values(*names: str) -> frozenset[str]:
    return frozenset(names)


VOCABULARY: dict[str, Word] = {
    "--versus": Word("a series to compare with", "-v", _values("SYMBOL"), repeat=True),
    "--basis": Word(
        "price (closes) or total_return (adjusted closes)", None, _values("price|total_return")
    ),
    "--asof": Word("use only data dated on or before this day", None, _values("DATE")),
    "--window": Word("sessions (5) or calendar years (10y)", "-w", _values("N", "Ny", "N|Ny")),
    "--since": Word("the start of a span", None, _values("DATE")),
    "--from": Word("the first date shown", None, _values("DATE")),
    "--to": Word("the last date shown", None, _values("DATE")),
    "--json": Word("JSON instead of tables and sentences"),
    "--out": Word("write the result to this file ('-': stdout)", "-o", _values("FILE")),
    "--quiet": Word("no notes or progress on stderr", "-q"),
    "--top": Word("how many to list", "-n", _values("N")),
    "--universe": Word("the set of series looked at", None, _values("NAME", "all|FILE")),
    "--replace": Word("overwrite stored values that differ"),
    "--help": Word("show the help"),
}

#: (command, option) -> why the option belongs to that command alone.
COMMAND_SPECIFIC: dict[tuple[str, str], str] = {
    ("rotascope", "--version"): "the program's version",
    ("rotascope", "--install-completion"): "shell completion (Typer)",
    ("rotascope", "--show-completion"): "shell completion (Typer)",
    ("report", "--format"): "the report's file format: html, md or json",
    ("report", "--explain"): "the report's scoring, fact by fact",
    ("facts", "--context"): "streak, catalyst and rates facts besides the windows",
    ("study", "--condition"): "the daily test whose streaks are studied",
    ("study", "--length"): "the streak length studied",
    ("scan", "--min-years"): "how far back a record must reach to be listed",
    ("serve", "--host"): "network interface of the web server",
    ("serve", "--port"): "TCP port of the web server",
    ("serve", "--allow-import"): "lets the web page write to the store",
    ("serve", "--allow-host"): "host names the web server answers besides loopback",
    ("serve", "--open"): "opens a browser on the page",
    ("serve", "--threads"): "threads of the web server",
    ("serve", "--timeout"): "seconds before a slow web request answers 503",
    ("data import", "--symbol"): "symbol for a file holding one series",
    ("data import", "--column"): "store column a single value column fills",
    ("data show", "--rows"): "how many rows of one series are printed",
    ("data update", "--offline"): "forbids network access to providers",
    ("data update", "--provider"): "which provider to download from",
    ("data export", "--parquet"): "the folder the Parquet export is written to",
    ("scan", "--engine"): "where the scan runs: this process or a Dask cluster",
    ("scan", "--scheduler"): "the Dask scheduler's address",
    ("data update", "--all"): "every stored and bundled series instead of named ones",
    ("data update", "--restart"): "with --all: ignore an interrupted run's progress",
    ("events list", "--kind"): "event kind (cpi, fomc, a user kind)",
    ("events list", "--year"): "one calendar year of the event calendar",
    ("factors decades", "--symbols"): "which factors make the columns of the decade table",
    ("valuation show", "--file"): "which Shiller file to read",
    ("valuation show", "--years"): "years of monthly history for medians and percentiles",
    ("valuation show", "--daily"): "attribution on daily closes instead of monthly averages",
}

#: (command, hidden option) -> the vocabulary spelling that replaced it.
OLD_SPELLINGS: dict[tuple[str, str], str] = {
    ("report", "--subject"): "SUBJECT argument",
    ("study", "--adjusted"): "--basis total_return",
    ("scan", "--windows"): "--window",
    ("data show", "--start"): "--from",
    ("data show", "--end"): "--to",
}


def _options() -> list[tuple[str, TyperOption]]:
    found = []
    for path, cmd in walk(root_command()):
        name = " ".join(path) or "rotascope"
        found.extend((name, p) for p in cmd.params if isinstance(p, TyperOption))
    return found


OPTIONS = _options()


def _long(param: TyperOption) -> str:
    return next(o for o in param.opts if o.startswith("--"))


def _short(param: TyperOption) -> str | None:
    shorts = [o for o in param.opts if not o.startswith("--")]
    assert len(shorts) <= 1, param.opts
    return shorts[0] if shorts else None


@pytest.mark.parametrize(("command", "param"), OPTIONS, ids=[f"{c} {_long(p)}" for c, p in OPTIONS])
def test_every_option_is_a_word_of_the_vocabulary_or_listed(
    command: str, param: TyperOption
) -> None:
    name = _long(param)
    if param.hidden:
        assert (command, name) in OLD_SPELLINGS, f"hidden {command} {name}: list it"
        return
    assert (param.help or "").strip(), f"{command} {name} has no help"
    word = VOCABULARY.get(name)
    if word is None:
        assert (command, name) in COMMAND_SPECIFIC, (
            f"{command} {name} is not in the vocabulary; use the shared spelling or list it "
            "in COMMAND_SPECIFIC with its reason"
        )
        return
    assert (command, name) not in COMMAND_SPECIFIC, f"{name} is a vocabulary word"
    assert _short(param) == word.short, f"{command} {name}: short flag should be {word.short}"
    if word.values is None:
        assert param.is_flag, f"{command} {name} is a flag"
    else:
        assert not param.is_flag, f"{command} {name} takes a value"
        assert param.metavar in word.values, f"{command} {name} shows {param.metavar!r}"
    if word.repeat:
        assert param.multiple, f"{command} {name} is repeatable"


def test_the_lists_name_only_options_that_exist() -> None:
    seen = {(c, _long(p)) for c, p in OPTIONS}
    assert set(COMMAND_SPECIFIC) <= seen, set(COMMAND_SPECIFIC) - seen
    assert set(OLD_SPELLINGS) <= seen, set(OLD_SPELLINGS) - seen


def test_a_short_flag_means_one_option_everywhere() -> None:
    meaning: dict[str, set[str]] = {}
    for _command, p in OPTIONS:
        short = _short(p)
        if short is not None:
            meaning.setdefault(short, set()).add(_long(p))
    clashes = {s: longs for s, longs in meaning.items() if len(longs) > 1}
    assert not clashes


def test_old_spellings_are_not_vocabulary_words() -> None:
    for (_command, name), new in OLD_SPELLINGS.items():
        assert name not in VOCABULARY
        assert new.split()[0] in VOCABULARY or new.endswith("argument")


def test_the_vocabulary_is_used() -> None:
    """Each word (but --help) is an option of at least one command."""
    used = {_long(p) for _c, p in OPTIONS}
    assert set(VOCABULARY) - {"--help"} <= used, set(VOCABULARY) - used


@pytest.mark.parametrize("command", ["facts", "report", "study"])
def test_basis_reads_the_same_everywhere(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    from rotascope.cli.app import main

    argv = [command, "RUT", "--basis", "dividends"] if command != "report" else [
        command, "--basis", "dividends"]  # fmt: skip
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "'dividends': use price or total_return" in capsys.readouterr().err


def test_study_takes_one_versus(capsys: pytest.CaptureFixture[str]) -> None:
    from rotascope.cli.app import main

    with pytest.raises(SystemExit) as exc:
        main(["study", "RUT", "-v", "SPX", "-v", "NDX"])
    assert exc.value.code == 2
    assert "study compares with one series" in capsys.readouterr().err
