"""``rotascope data``: import files into the local store, list, show, remove and check series.

Examples::

    rotascope data import ../shared/data/indices/RUT_ohlc.csv
    rotascope data import ../shared/data/etfs          # every CSV in the folder
    rotascope data import my_prices.csv --symbol XYZ --column adj_close
    rotascope data list
    rotascope data show RUT --start 2024-07-09 --end 2024-07-16
    rotascope data remove XYZ
    rotascope data check

Other modules may add commands to :data:`data_app` (for example ``data update``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rotascope import catalog
from rotascope.cli import export
from rotascope.cli.export import import_bars
from rotascope.errors import DataError
from rotascope.sources import ParsedSeries, UnrecognisedFormatError, read_file
from rotascope.sources.parquet import is_export
from rotascope.store import ImportResult, Store
from rotascope.symbols import canonical, display_name

__all__ = ["data_app", "expand_paths", "register"]

data_app = typer.Typer(help="Local data: import files, list, show, remove and check series.")

_SUFFIXES = (".csv", ".txt")


def expand_paths(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """Files to import, each with True when it was found inside a folder.

    Files are taken as given; folders give every ``.csv``/``.txt`` inside them (recursively,
    sorted, hidden files left out).

    Examples
    --------
    >>> expand_paths([])
    []
    """
    out: list[tuple[Path, bool]] = []
    for p in paths:
        if is_export(p):  # a Parquet folder from `data export --parquet`: read whole
            out.append((p, False))
        elif p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.suffix.lower() in _SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                raise DataError("no .csv files in this folder", path=p)
            out.extend((f, True) for f in found)
        else:
            out.append((p, False))  # read_file reports missing files, loops, devices...
    return out


def _read_all(
    files: list[tuple[Path, bool]], *, symbol: str | None, column: str | None
) -> list[ParsedSeries]:
    """Read every file; files found in a folder that are not time series are skipped."""
    err = Console(stderr=True)
    skipped: list[str] = []
    series: list[ParsedSeries] = []
    with Progress(
        TextColumn("reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=len(files) < 3,
    ) as progress:
        task = progress.add_task("", total=len(files))
        for f, in_folder in files:
            progress.update(task, description=f.name)
            try:
                series.extend(read_file(f, symbol=symbol, column=column))  # type: ignore[arg-type]
            except UnrecognisedFormatError:
                if not in_folder:
                    raise
                skipped.append(str(f))
            progress.advance(task)
    for f in skipped:
        err.print(f"[yellow]skipped[/] {f}: not a dated series file", highlight=False)
    if not series:
        raise DataError("no dated series found in the files given")
    return series


def _report(result: ImportResult, out: Console) -> None:
    table = Table(title="Import")
    for col, justify in (
        ("file", "left"),
        ("symbol", "left"),
        ("rows", "right"),
        ("new rows", "right"),
        ("conflicts", "right"),
        ("status", "left"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for s in result.series:
        table.add_row(
            Path(s.source).name,
            s.symbol,
            f"{s.rows:,}",
            f"{s.new_rows:,}",
            f"{s.conflicts:,}" if s.conflicts else "",
            s.status,
        )
    out.print(table)
    seen: set[tuple[str, str]] = set()
    for s in result.series:
        for w in s.warnings:
            if (s.source, w) not in seen:
                seen.add((s.source, w))
                out.print(
                    f"[yellow]warning[/] {Path(s.source).name} {s.symbol}: {w}", highlight=False
                )
        if s.conflicts:
            shown = "; ".join(
                f"{c.date} {c.column} stored {c.stored:g}, file {c.new:g}" for c in s.examples
            )
            out.print(
                f"[yellow]conflicts[/] {s.symbol} ({Path(s.source).name}): {s.conflicts:,} "
                f"dates differ, e.g. {shown}",
                highlight=False,
            )
    files = len({s.source for s in result.series})
    line = (
        f"{len(result.series)} series from {files} file(s): {result.new_rows:,} new rows, "
        f"{sum(1 for s in result.series if s.status == 'unchanged')} unchanged"
    )
    if result.conflicts:
        line += f", {result.conflicts:,} conflicting values"
        if not any(s.updated_rows for s in result.series if s.conflicts):
            line += " (stored values kept; --replace to overwrite)"
    out.print(line, highlight=False)


def _date_text(value: object) -> str:
    return "" if value is None or value != value else f"{value:%Y-%m-%d}"


def _cell(column: str, value: float) -> str:
    if value != value:  # NaN
        return ""
    if column == "volume":
        return f"{value / 1e6:,.1f}M" if value >= 1e6 else f"{value:,.0f}"
    return f"{value:.6g}"


def register(app: typer.Typer) -> None:
    """Add the ``data`` command group to ``app``."""
    export.register(data_app)
    app.add_typer(data_app, name="data")


@data_app.command("import")
def import_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (every CSV inside).")],
    symbol: Annotated[
        str | None, typer.Option("--symbol", help="Symbol to use (one-series files).")
    ] = None,
    column: Annotated[
        str | None,
        typer.Option("--column", help="close or adj_close: where a single value column goes."),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite stored values that conflict.")
    ] = False,
) -> None:
    """Import files into the local store (all files in one transaction)."""
    if column is not None and column not in ("close", "adj_close"):
        raise DataError(f"--column must be close or adj_close, not {column!r}")
    files = expand_paths(paths)
    if symbol is not None and len(files) > 1:
        raise DataError("--symbol applies to one file; import the files one by one")
    files = import_bars(files, replace=replace, symbol=symbol)  # intraday: own table
    if not files:
        return
    series = _read_all(files, symbol=symbol, column=column)
    store = Store()
    with Console(stderr=True).status("writing to the store", spinner="dots"):
        result = store.import_series(series, replace=replace)
    _report(result, Console())


@data_app.command("list")
def list_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the series available: stored ones, then bundled ones the store does not hide."""
    meta = Store().list_series()
    out = Console()
    rows = [
        {
            "symbol": r.symbol,
            "name": r.name or display_name(r.symbol),
            "first": r.first,
            "last": r.last,
            "rows": int(r.rows),
            "source": Path(str(r.source)).name,
        }
        for r in meta.itertuples(index=False)
    ]
    stored = {r["symbol"] for r in rows}
    for sym in catalog.symbols():
        if sym in stored:
            continue
        f = catalog.load_frame(sym)
        rows.append(
            {
                "symbol": sym,
                "name": display_name(sym),
                "first": f.index[0],
                "last": f.index[-1],
                "rows": len(f),
                "source": "bundled",
            }
        )
    if meta.empty:
        title = "Bundled series (the local store is empty: using the bundled dataset)"
    else:
        title = f"{len(stored)} stored series ({Store().path})"
        if len(rows) > len(stored):
            title += f" and {len(rows) - len(stored)} bundled"
    if as_json:
        for r in rows:
            r["first"], r["last"] = _date_text(r["first"]), _date_text(r["last"])
        out.print_json(json.dumps(rows))
        return
    table = Table(title=title)
    for col in ("symbol", "name", "first", "last", "rows", "source"):
        table.add_column(col, justify="right" if col == "rows" else "left")
    for r in rows:
        table.add_row(
            r["symbol"],
            r["name"],
            _date_text(r["first"]),
            _date_text(r["last"]),
            f"{r['rows']:,}",
            r["source"],
        )
    out.print(table)


@data_app.command("show")
def show_cmd(
    symbol: Annotated[str, typer.Argument(help="Symbol (RUT, ^GSPC, DGS10...).")],
    start: Annotated[str | None, typer.Option("--start", help="First date (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Last date (YYYY-MM-DD).")] = None,
    rows: Annotated[int, typer.Option("--rows", help="Show at most this many (latest) rows.")] = 20,
) -> None:
    """Show the values of one series."""
    frame = catalog.load_frame(symbol, start=start, end=end)
    source = catalog.source_of(symbol)
    out = Console()
    shown = frame.tail(rows) if rows > 0 else frame
    table = Table(
        title=f"{display_name(symbol)} ({len(frame):,} rows, {source}"
        + (", showing the last " + str(len(shown)) if len(shown) < len(frame) else "")
        + ")"
    )
    table.add_column("date")
    for c in frame.columns:
        table.add_column(c, justify="right")
    for d, row in shown.iterrows():
        table.add_row(
            f"{d:%Y-%m-%d}",
            *(
                "" if v != v else f"{v:,.0f}" if c == "volume" else f"{v:.6g}"
                for c, v in row.items()
            ),
        )
    out.print(table)


@data_app.command("remove")
def remove_cmd(symbol: Annotated[str, typer.Argument(help="Symbol to delete.")]) -> None:
    """Delete a series from the local store."""
    n = Store().remove(symbol)
    Console().print(f"removed {symbol.upper()} ({n:,} rows)", highlight=False)


@data_app.command("check")
def check_cmd() -> None:
    """Verify the store (duplicates, metadata, checksums); exit code 1 on problems."""
    report = Store().check()
    out = Console()
    if report.ok:
        out.print(f"store OK: {report.symbols} series, {report.rows:,} rows", highlight=False)
        return
    for p in report.problems:
        out.print(f"[red]problem[/] {p}", highlight=False)
    raise typer.Exit(1)


@data_app.command("update")
def update_cmd(
    symbols: Annotated[list[str], typer.Argument(help="Symbols to download (RUT, DGS10, SMB...).")],
    offline: Annotated[
        bool, typer.Option("--offline", help="Never touch the network (also ROTASCOPE_OFFLINE=1).")
    ] = False,
    provider: Annotated[
        str | None, typer.Option("--provider", help="yahoo, fred or french (default: by symbol).")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite stored values that conflict.")
    ] = False,
) -> None:
    """Download series from their providers and import them (all in one transaction).

    Every symbol is fetched before the store is touched, so a network failure leaves
    the store as it was; values that contradict the store are reported as conflicts and
    the stored values kept (unless ``--replace``).
    """
    from rotascope.sources.providers import provider_for

    series: list[ParsedSeries] = []
    for sym in symbols:
        if any(s.symbol == canonical(sym) for s in series):
            continue  # already came with an earlier download (Ken French files hold several)
        source = provider_for(sym, name=provider, offline=offline)
        with Console(stderr=True).status(f"downloading {sym} from {source.name}", spinner="dots"):
            series.extend(source.fetch(sym))
    with Console(stderr=True).status("writing to the store", spinner="dots"):
        result = Store().import_series(series, replace=replace)
    _report(result, Console())
