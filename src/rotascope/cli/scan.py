"""``rotascope scan``: which series set a "biggest since" record as of a date.

``rotascope scan [--universe FILE|all] [--asof D] [--window 1 5 21 63 252]
[--min-years K] [--json] [--quiet] [--engine local|dask] [--scheduler ADDRESS]``

``--universe`` is ``all`` (every symbol the data source holds) or a text file with one
symbol per line (blank lines and ``#`` comments are ignored). ``--window`` (``-w``)
takes one or more numbers of sessions (``-w 5 -w 21``, ``--window 5 21`` or
``--window 5,21``; ``--windows`` is the old spelling). The records come from
:func:`rotascope.products.scan.scan` (``--engine dask``: from
:func:`rotascope.scale.dask_scan`, on the cluster at ``--scheduler`` or a local one);
this module only formats them.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich import box
from rich.console import Console
from rich.table import Table

from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.cli._output import print_notes
from rotascope.cli.console import err_console
from rotascope.errors import DataError
from rotascope.wording import basis_points, pct

__all__ = ["parse_windows", "read_universe", "records_table", "register"]


def read_universe(value: str) -> list[str] | None:
    """Symbols named by ``--universe``: ``None`` for ``all``, else the file's lines.

    Raises
    ------
    DataError
        The file is missing, unreadable or names no symbol.
    """
    if value.strip().lower() == "all":
        return None
    path = Path(value)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(
            f"cannot read the universe file ({exc.strerror}); give a text file with one "
            "symbol per line, or --universe all",
            path=path,
        ) from exc
    symbols = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    symbols = [s for s in symbols if s]
    if not symbols:
        raise DataError("the universe file names no symbol (one per line)", path=path)
    return symbols


def parse_windows(values: list[str]) -> tuple[int, ...]:
    """Windows from ``--window`` values (``["5", "21"]`` or ``["5,21"]``).

    Examples
    --------
    >>> parse_windows(["1", "5,21"])
    (1, 5, 21)
    """
    out: list[int] = []
    for value in values:
        for part in value.replace(",", " ").split():
            try:
                w = int(part)
            except ValueError:
                w = 0
            if w < 1:
                raise typer.BadParameter(
                    f"{part!r} is not a window; give whole numbers of sessions, e.g. 5 21",
                    param_hint="--window",
                )
            out.append(w)
    return tuple(dict.fromkeys(out))


def _move(value: float, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if unit == "bp":
        return basis_points(value, short=True, signed=True).replace(" ", "")
    return pct(value, signed=True, digits=2)


def _day(value: object) -> str:
    return "" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"  # type: ignore[arg-type]


def records_table(frame: pd.DataFrame, min_years: float) -> Table:
    """Rich table of :func:`rotascope.products.scan.scan` results (no printing).

    Parameters
    ----------
    frame : pandas.DataFrame
        The scan result.
    min_years : float
        Shown in the title.
    """
    asof = _day(frame["asof"].iloc[0]) if len(frame) else ""
    title = f"Records reaching back {min_years:g}+ years" + (f", as of {asof}" if asof else "")
    table = Table(title=title, box=box.SIMPLE_HEAD)
    for name, justify in (
        ("symbol", "left"),
        ("window", "right"),
        ("move", "right"),
        ("biggest since", "left"),
        ("then", "right"),
        ("years", "right"),
        ("rank", "right"),
    ):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for row in frame.itertuples(index=False):
        since = _day(row.since) or f"start {_day(row.history_start)}"
        table.add_row(
            str(row.symbol),
            f"{row.window}d",
            _move(row.value, row.unit),
            since,
            _move(row.since_value, row.unit),
            f"{row.years_back:.1f}",
            f"{row.rank}/{row.out_of}",
        )
    return table


def register(app: typer.Typer) -> None:
    """Add the ``scan`` command to ``app``."""

    @app.command(
        "scan",
        epilog=examples(
            "rotascope scan --asof 2024-07-16",
            "rotascope scan --universe my_universe.txt --window 5 21 --min-years 10",
            "rotascope scan --json",
        ),
    )
    def scan_command(
        more_windows: Annotated[
            list[str] | None,
            typer.Argument(help="More windows after --window (--window 1 5 21).", hidden=True),
        ] = None,
        universe: Annotated[
            str,
            opt.universe(
                "'all' (every series available) or a file with one symbol per line.",
                metavar="all|FILE",
            ),
        ] = "all",
        asof: Annotated[str | None, opt.asof()] = None,
        window: Annotated[
            list[str] | None,
            opt.window("Windows in sessions: -w 5 -w 21, or --window 1 5 21 63 252.", metavar="N"),
        ] = None,
        min_years: Annotated[
            float,
            typer.Option(
                "--min-years", metavar="K", help="Keep records reaching back K years or more."
            ),
        ] = 1.0,
        as_json: Annotated[bool, opt.json_output("Print the records as JSON.")] = False,
        quiet: Annotated[bool, opt.quiet("No note on stderr about skipped series.")] = False,
        windows: Annotated[
            list[str] | None,
            typer.Option("--windows", hidden=True, help="Old spelling of --window."),
        ] = None,
        engine: Annotated[
            str,
            typer.Option(
                "--engine",
                metavar="local|dask",
                help="'local' (this process) or 'dask' (a cluster).",
            ),
        ] = "local",
        scheduler: Annotated[
            str | None,
            typer.Option(
                "--scheduler",
                metavar="ADDRESS",
                help="Dask scheduler address; a local cluster if none.",
            ),
        ] = None,
    ) -> None:
        """Scan a universe for moves that set a record reaching back years."""
        from rotascope.data import default_source
        from rotascope.products.scan import DEFAULT_WINDOWS, scan

        given = [*(window or []), *(windows or []), *(more_windows or [])]
        wins = parse_windows(given) if given else DEFAULT_WINDOWS
        if min_years < 0:
            raise typer.BadParameter("must be zero or more", param_hint="--min-years")
        if engine not in ("local", "dask"):
            raise typer.BadParameter("choose 'local' or 'dask'", param_hint="--engine")
        if scheduler and engine != "dask":
            raise typer.BadParameter("goes with --engine dask", param_hint="--scheduler")
        source = default_source()
        symbols = read_universe(universe)
        if engine == "dask":  # the same records, computed on a Dask cluster
            from rotascope.scale import dask_scan_result

            result = dask_scan_result(
                source, symbols, asof=asof, windows=wins, min_years=min_years,
                scheduler=scheduler,
            )  # fmt: skip
        else:
            result = scan(source, symbols, asof=asof, windows=wins, min_years=min_years)
        if as_json:
            typer.echo(json.dumps(result.records(), indent=2))
        elif result.empty:
            day = result.asof.session.date()
            Console().print(f"No record reaching back {min_years:g}+ years as of {day}.")
        else:
            Console().print(records_table(result.frame, min_years))
        print_notes(err_console(quiet=quiet), result.notes)
