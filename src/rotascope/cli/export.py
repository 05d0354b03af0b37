"""``rotascope data export --parquet DIR``, and intraday bars in ``rotascope data import``.

``export`` writes the store as Parquet partitioned by symbol (bars also by year), see
:mod:`rotascope.store.export`. :func:`import_bars` is called by ``data import``: it
takes the intraday bar files (yfinance's one-minute or five-minute CSVs) and the bars of
Parquet exports out of the files to import and stores them in the bars table; the
daily files go on to the daily import.

Examples::

    rotascope data export --parquet /shared/rotascope-parquet
    rotascope data import /shared/rotascope-parquet
    rotascope data import AAPL_1m.csv
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rotascope.cli._help import examples

__all__ = ["import_bars", "register"]


def import_bars(
    files: list[tuple[Path, bool]], *, replace: bool = False, symbol: str | None = None
) -> list[tuple[Path, bool]]:
    """Store the intraday bars among ``files``; return the files left for the daily import.

    Parameters
    ----------
    files : list of (Path, bool)
        From :func:`rotascope.cli.data.expand_paths`.
    replace : bool
        Overwrite stored bars at the same instants.
    symbol : str, optional
        Symbol for a one-ticker bar file.
    """
    from rotascope.sources._io import read_lines
    from rotascope.sources.intraday import is_intraday, read_bars
    from rotascope.sources.parquet import is_export, manifest, read_export_bars
    from rotascope.store.bars import BarStore

    rest, found = [], []
    for path, in_folder in files:
        if is_export(path):
            found.extend(read_export_bars(path))
            if manifest(path).get("daily"):
                rest.append((path, in_folder))
        elif path.is_file() and path.suffix.lower() in (".csv", ".txt", "") and _peek(path):
            if is_intraday(read_lines(path)[:60]):
                found.extend(read_bars(path, symbol=symbol))
            else:
                rest.append((path, in_folder))
        else:
            rest.append((path, in_folder))
    if found:
        new = BarStore().import_bars(found, replace=replace)
        table = Table(title="Intraday bars")
        for col, justify in (("symbol", "left"), ("bars", "right"), ("new", "right")):
            table.add_column(col, justify=justify)  # type: ignore[arg-type]
        table.add_column("bar", justify="right")
        for b in found:
            table.add_row(b.symbol, f"{b.rows:,}", f"{new.get(b.symbol, 0):,}", f"{b.interval}s")
        Console().print(table)
    return rest


def _peek(path: Path) -> bool:
    """Cheap test before reading the whole file: does a line start with a timestamp?"""
    try:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            head = [fh.readline() for _ in range(8)]
    except OSError:
        return False
    return any(":" in line.split(",", 1)[0] for line in head)


def register(app: typer.Typer) -> None:
    """Add ``export`` to the ``data`` command group ``app``."""

    @app.command(
        "export",
        epilog=examples(
            "rotascope data export --parquet /shared/rotascope-parquet",
            "rotascope data export --parquet out RUT SPX",
        ),
    )
    def export_cmd(
        parquet: Annotated[
            Path,
            typer.Option(
                "--parquet",
                metavar="DIR",
                help="New folder for Parquet files, partitioned by symbol.",
            ),
        ],
        symbols: Annotated[
            list[str] | None,
            typer.Argument(help="Symbols to export (default: every stored series)."),
        ] = None,
    ) -> None:
        """Write the store as Parquet partitioned by symbol (bars also by year)."""
        from rotascope.store.export import export_parquet

        with Console(stderr=True).status("writing Parquet files", spinner="dots"):
            res = export_parquet(parquet, symbols=symbols or None)
        Console().print(
            f"Wrote {res.daily:,} daily series and {res.bars:,} bar series "
            f"({res.rows:,} rows, {res.files:,} files) to {res.path}",
            highlight=False,
        )
