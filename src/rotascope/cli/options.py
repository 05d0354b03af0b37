"""The command line's flag vocabulary: options every command spells and means the same way.

A command that takes a comparison series, a basis, an as-of date, a window, dates, JSON
output, an output file or a quiet switch declares it with the factory here, so the name,
short flag, value name and wording agree everywhere:

==================  =====  ==================  =====================================
option              short  value               meaning
==================  =====  ==================  =====================================
``--versus``        -v     SYMBOL (repeat)     a series to compare with (or SPX,NDX)
``--basis``                price|total_return  closes, or adjusted closes (dividends)
``--asof``                 DATE                use only data dated on or before DATE
``--window``        -w     N or Ny             sessions (5) or calendar years (10y)
``--since``                DATE                the start of a span (its first date)
``--from``/``--to``        DATE                the first / last date shown
``--json``                                     JSON instead of tables and sentences
``--out``           -o     FILE                write the result to FILE (``-``: stdout)
``--quiet``         -q                         no notes or progress on stderr
``--top``           -n     N                   how many to list
``--universe``             NAME or FILE        the set of series looked at
``--replace``                                  overwrite stored values that differ
==================  =====  ==================  =====================================

``tests/cli/test_vocabulary.py`` walks every command and holds the same table.

Examples
--------
>>> check_basis("total-return"), check_basis("PRICE")
('total_return', 'price')
"""

from __future__ import annotations

from typing import Any

import typer

__all__ = [
    "BASES",
    "asof",
    "basis",
    "check_basis",
    "date_from",
    "date_to",
    "json_output",
    "out",
    "quiet",
    "replace",
    "since",
    "split_commas",
    "top",
    "universe",
    "versus",
    "window",
]

#: The two bases a return is measured on.
BASES: tuple[str, ...] = ("price", "total_return")


def check_basis(value: str | None) -> str | None:
    """Validate ``--basis`` (``price`` or ``total_return``; ``total-return`` accepted).

    Raises
    ------
    typer.BadParameter
        Any other value (the command line prints one line and exits 2).
    """
    if value is None:
        return None
    v = value.strip().lower().replace("-", "_")
    if v not in BASES:
        raise typer.BadParameter(f"{value!r}: use price or total_return", param_hint="--basis")
    return v


def _complete_basis(incomplete: str) -> list[str]:
    return [b for b in BASES if b.startswith(incomplete)]


def split_commas(value: Any) -> Any:
    """A repeated option's values with comma lists split: ``["SPX,NDX", "QQQ"]`` -> 3.

    Anything that is not a list (a single value, None) is returned as it is.

    Examples
    --------
    >>> split_commas(["SPX,NDX", " QQQ "]), split_commas(None), split_commas(21)
    (['SPX', 'NDX', 'QQQ'], None, 21)
    """
    if not isinstance(value, list | tuple):
        return value
    return [part.strip() for v in value for part in str(v).split(",") if part.strip()]


def versus(help: str = "Compare with this series; repeat (or SPX,NDX) for several.") -> Any:
    """``--versus/-v SYMBOL``, repeatable (declare it as ``list[str] | None``)."""
    return typer.Option("--versus", "-v", metavar="SYMBOL", callback=split_commas, help=help)


def basis(
    help: str = "price (closes) or total_return (adjusted closes: dividends reinvested).",
) -> Any:
    """``--basis price|total_return`` (declare it as ``str``)."""
    return typer.Option(
        "--basis",
        metavar="price|total_return",
        callback=check_basis,
        autocompletion=_complete_basis,
        help=help,
    )


def asof(
    help: str = "Use only data dated on or before this day (YYYY-MM-DD); default the latest.",
) -> Any:
    """``--asof DATE``."""
    return typer.Option("--asof", metavar="DATE", help=help)


def window(help: str, *, metavar: str = "N|Ny") -> Any:
    """``--window/-w``: sessions (``5``) or calendar years (``10y``); ``5,21`` = ``-w 5 -w 21``."""
    return typer.Option("--window", "-w", metavar=metavar, callback=split_commas, help=help)


def since(help: str = "Start of the span (its first date).") -> Any:
    """``--since DATE``."""
    return typer.Option("--since", metavar="DATE", help=help)


def date_from(help: str = "First date shown (YYYY-MM-DD).") -> Any:
    """``--from DATE`` (declare the parameter as ``from_``)."""
    return typer.Option("--from", metavar="DATE", help=help)


def date_to(help: str = "Last date shown (YYYY-MM-DD).") -> Any:
    """``--to DATE``."""
    return typer.Option("--to", metavar="DATE", help=help)


def json_output(help: str = "Print JSON instead of a table.") -> Any:
    """``--json``."""
    return typer.Option("--json", help=help)


def out(help: str) -> Any:
    """``--out/-o FILE``."""
    return typer.Option("--out", "-o", metavar="FILE", help=help)


def quiet(help: str = "No notes or progress on stderr.") -> Any:
    """``--quiet/-q``."""
    return typer.Option("--quiet", "-q", help=help)


def _at_least_one(value: int) -> int:
    if value < 1:
        raise typer.BadParameter(f"{value}: give 1 or more", param_hint="--top")
    return value


def top(help: str) -> Any:
    """``--top/-n N``: how many to list (1 or more)."""
    return typer.Option("--top", "-n", metavar="N", callback=_at_least_one, help=help)


def universe(help: str, *, metavar: str = "NAME") -> Any:
    """``--universe``: the set of series looked at."""
    return typer.Option("--universe", metavar=metavar, help=help)


def replace(help: str = "Overwrite stored values that differ from the file's.") -> Any:
    """``--replace``."""
    return typer.Option("--replace", help=help)
