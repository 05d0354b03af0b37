"""``rotascope data``: import files of every kind, list, show, remove, check and update.

Examples::

    rotascope data import ../shared/data               # every file, any kind, one transaction
    rotascope data import prices.csv --symbol XYZ --column adj_close
    rotascope data import members.csv --universe SP500
    rotascope data list                                 # namespace, source file, edition
    rotascope data show RUT --start 2024-07-09 --end 2024-07-16
    rotascope data remove XYZ
    rotascope data undo RUT                             # what the last --replace replaced
    rotascope data check
    rotascope data update --all                         # every series from its provider

Other modules may add commands to :data:`data_app`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rotascope.cli import export, versions
from rotascope.cli import options as opt
from rotascope.cli._data_report import report_import as _report
from rotascope.cli._help import examples
from rotascope.cli.export import import_bars
from rotascope.data import manage
from rotascope.errors import DataError, RotascopeError

__all__ = ["data_app", "expand_paths", "import_paths", "register"]

data_app = typer.Typer(
    help="Local data: import files, list, show, remove, check and update.",
    epilog=examples(
        "rotascope data import ../shared/data",
        "rotascope data list",
        "rotascope data show RUT --from 2024-07-09 --to 2024-07-16",
        "rotascope data update --all",
    ),
    no_args_is_help=True,
)


def expand_paths(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """Files to import (see :func:`rotascope.data.manage.expand_paths`).

    Examples
    --------
    >>> expand_paths([])
    []
    """
    return manage.expand_paths(paths)


def import_paths(
    paths: Iterable[Path],
    *,
    symbol: str | None = None,
    column: str | None = None,
    universe: str | None = None,
    replace: bool = False,
    err: Console | None = None,
    exclude: Collection[Path] = (),
) -> Any:
    """Read ``paths`` (files and folders, any kind) and store them in one transaction,
    with a progress bar on stderr while reading; return the
    :class:`~rotascope.store.FilesImport`.

    The ``valuation --file``/``valuation import``, ``breadth members`` and
    ``events import`` commands use this too.
    """
    err = err or Console(stderr=True)
    paths = list(paths)
    with Progress(
        TextColumn("reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=len(paths) < 3 and not any(Path(p).is_dir() for p in paths),
    ) as progress:
        task = progress.add_task("", total=None)

        def step(f: Path, done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, description=f.name)

        parsed, skipped = manage.read_paths(
            paths,
            symbol=symbol,
            column=column,
            universe=universe,
            progress=step,
            exclude=exclude,
        )
    for s in skipped:
        err.print(f"[yellow]skipped[/] {s}", highlight=False)
    for f in parsed:
        for w in f.warnings:
            err.print(f"[yellow]warning[/] {Path(f.path).name}: {w}", highlight=False)
    with err.status("writing to the store", spinner="dots"):
        return manage.import_parsed(parsed, replace=replace)


def _date_text(value: object) -> str:
    return "" if value is None or value != value else f"{value:%Y-%m-%d}"


def register(app: typer.Typer) -> None:
    """Add the ``data`` command group to ``app``."""
    export.register(data_app)
    versions.register(data_app)
    app.add_typer(data_app, name="data")


@data_app.command(
    "import",
    epilog=examples(
        "rotascope data import ../shared/data",
        "rotascope data import prices.csv --symbol XYZ --column adj_close",
        "rotascope data import members.csv --universe SP500",
    ),
)
def import_cmd(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (every CSV inside), in any order.")
    ],
    symbol: Annotated[
        str | None,
        typer.Option("--symbol", metavar="SYMBOL", help="Name to store a one-series file under."),
    ] = None,
    column: Annotated[
        str | None,
        typer.Option(
            "--column",
            metavar="close|adj_close",
            help="close or adj_close: where a single value column goes.",
        ),
    ] = None,
    universe: Annotated[
        str | None, opt.universe("Index of a membership or member file (e.g. SP500).")
    ] = None,
    replace: Annotated[bool, opt.replace("Replace conflicting values and other editions.")] = False,
) -> None:
    """Import files of any kind rotascope reads into the local store (one transaction).

    Price series, rates, factor files, Shiller's ie_data export, index membership
    spells, member lists with sectors, valuation CSVs, event calendars and fed funds
    futures prices (date,contract,price): each file is recognised from its first lines
    and stored in its place.
    """
    files = manage.expand_paths(paths)
    rest = import_bars(files, replace=replace, symbol=symbol)  # intraday bars: own table
    if not rest:
        return
    bars = {p for p, _ in files} - {p for p, _ in rest}
    result = import_paths(
        paths, symbol=symbol, column=column, universe=universe, replace=replace, exclude=bars
    )
    _report(result, Console())
    refused = result.series.refused
    if refused:
        Console(stderr=True).print(
            f"[red]{len(refused)} series refused[/] (the same edition with different "
            "values); run again with --replace to replace them",
            highlight=False,
        )
    if result.refused:
        Console(stderr=True).print(
            f"[red]{len(result.refused)} futures file(s) refused[/] (prices that differ from "
            "the stored ones); run again with --replace to replace them",
            highlight=False,
        )
    if refused or result.refused:
        raise typer.Exit(1)


@data_app.command("list", epilog=examples("rotascope data list", "rotascope data list --json"))
def list_cmd(
    as_json: Annotated[bool, opt.json_output()] = False,
) -> None:
    """List every series: namespace, name, edition, dates, rows, origin and source file."""
    from rotascope.data import default_source

    source = default_source()
    inv = source.inventory()
    out = Console()
    if as_json:
        rows = inv.assign(first=inv["first"].map(_date_text), last=inv["last"].map(_date_text))
        out.print_json(json.dumps(rows.to_dict("records")))
        return
    stored = int((inv["origin"] == "store").sum())
    if stored == 0:
        title = "Bundled series (the local store is empty: using the bundled dataset)"
    else:
        title = f"{stored} stored series ({manage.store_path()})"
        if len(inv) > stored:
            title += f" and {len(inv) - stored} bundled"
    table = Table(title=title)
    names = out.width >= 120  # names only where they fit
    cols = ("symbol", "ns", *(("name",) if names else ()), "edition", "first", "last", "rows",
            "origin: file")  # fmt: skip
    for col in cols:
        wrap = col in ("name", "origin: file")
        table.add_column(
            col, justify="right" if col == "rows" else "left", no_wrap=not wrap, overflow="fold"
        )
    for r in inv.itertuples(index=False):
        cells = [r.symbol, r.namespace or "-", *((r.name,) if names else ()), r.edition]
        table.add_row(
            *cells,
            _date_text(r.first),
            _date_text(r.last),
            f"{r.rows:,}",
            f"{r.origin}: {r.source}",
        )
    out.print(table)
    from rotascope.asof import resolve_asof

    last = source.last_date()
    stale = resolve_asof(None, pd.DatetimeIndex([last]), what="daily").notes
    out.print(
        stale[0].text if stale else f"The daily data end on {last:%Y-%m-%d}.", highlight=False
    )
    extra = [f"universes with membership: {', '.join(source.universes()) or 'none'}"]
    try:
        shiller = source.shiller()
        extra.append(f"Shiller monthly data: {shiller.index[0]:%Y-%m} .. {shiller.index[-1]:%Y-%m}")
    except DataError:
        extra.append("Shiller monthly data: none")
    days = source.futures()["date"]
    if len(days):
        extra.append(
            f"fed funds futures: {len(days):,} prices on {days.nunique():,} trading days, "
            f"{_date_text(days.iloc[0])} .. {_date_text(days.iloc[-1])}"
        )
    out.print("; ".join(extra), highlight=False)


@data_app.command(
    "show",
    epilog=examples(
        "rotascope data show RUT --from 2024-07-09 --to 2024-07-16",
        "rotascope data show ff:SMB@202403 --rows 5",
    ),
)
def show_cmd(
    symbol: Annotated[str, typer.Argument(help="Symbol (RUT, ^GSPC, DGS10, ff:RF...).")],
    from_: Annotated[str | None, opt.date_from()] = None,
    to: Annotated[str | None, opt.date_to()] = None,
    rows: Annotated[
        int, typer.Option("--rows", metavar="N", help="Show at most this many (latest) rows.")
    ] = 20,
    start: Annotated[
        str | None, typer.Option("--start", hidden=True, help="Old spelling of --from.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--end", hidden=True, help="Old spelling of --to.")
    ] = None,
) -> None:
    """Show the values of one series."""
    start, end = from_ or start, to or end
    from rotascope.asof import parse_date
    from rotascope.data import default_source
    from rotascope.symbols import display_name

    source = default_source()
    info = source.info(symbol)
    frame = source.frame(symbol)
    lo = None if start is None else parse_date(start, "--from")
    hi = None if end is None else parse_date(end, "--to")
    frame = frame.loc[lo:hi]
    out = Console()
    shown = frame.tail(rows) if rows > 0 else frame
    origin = "store" if info.origin == "store" else "bundled"
    where = ", ".join(
        x for x in (origin, info.source, info.edition and f"edition {info.edition}") if x
    )
    table = Table(
        title=f"{display_name(info.symbol)} [{info.id}] ({len(frame):,} rows, {where}"
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


@data_app.command("remove", epilog=examples("rotascope data remove XYZ"))
def remove_cmd(
    symbol: Annotated[
        str, typer.Argument(help="Series to delete (every edition unless @EDITION).")
    ],
) -> None:
    """Delete a series from the local store."""
    n = manage.remove(symbol)
    Console().print(f"removed {symbol} ({n:,} rows)", highlight=False)


@data_app.command("check", epilog=examples("rotascope data check"))
def check_cmd() -> None:
    """Verify the store (duplicates, metadata, checksums); exit code 1 on problems."""
    report = manage.check()
    out = Console()
    if report.ok:
        out.print(f"store OK: {report.symbols} series, {report.rows:,} rows", highlight=False)
        return
    for p in report.problems:
        out.print(f"[red]problem[/] {p}", highlight=False)
    raise typer.Exit(1)


@data_app.command(
    "update",
    epilog=examples(
        "rotascope data update --all",
        "rotascope data update RUT DGS10 SMB",
        "rotascope data update SPY --offline",
    ),
)
def update_cmd(
    symbols: Annotated[
        list[str] | None, typer.Argument(help="Symbols to download (RUT, DGS10, SMB...).")
    ] = None,
    all_: Annotated[
        bool,
        typer.Option("--all", help="Every stored and bundled series, each from its provider."),
    ] = False,
    offline: Annotated[
        bool, typer.Option("--offline", help="Never touch the network (also ROTASCOPE_OFFLINE=1).")
    ] = False,
    provider: Annotated[
        str | None,
        typer.Option(
            "--provider", metavar="NAME", help="yahoo, fred or french (default: by symbol)."
        ),
    ] = None,
    replace: Annotated[bool, opt.replace("Replace conflicting values and other editions.")] = False,
    restart: Annotated[
        bool, typer.Option("--restart", help="With --all: ignore an interrupted run's progress.")
    ] = False,
) -> None:
    """Download series from their providers and import them.

    With symbols: every symbol is fetched before the store is touched (one transaction),
    so a network failure leaves the store as it was. With ``--all``: every stored and
    bundled series, one download at a time, each imported as it arrives; an interrupted
    run resumes where it stopped, and a summary says what changed.
    """
    if all_:
        if symbols:
            raise DataError("give symbols or --all, not both")
        _update_all(offline=offline, replace=replace, restart=restart)
        return
    if not symbols:
        raise DataError("name the symbols to update, or use --all")
    err = Console(stderr=True)
    status = err.status("downloading", spinner="dots")
    with status:
        result = manage.update_symbols(
            symbols,
            provider=provider,
            offline=offline,
            replace=replace,
            status=lambda sym, name: status.update(f"downloading {sym} from {name}"),
        )
    _report(SimpleNamespace(series=result, tables=()), Console())


def _update_all(*, offline: bool, replace: bool, restart: bool) -> None:
    err = Console(stderr=True)
    with Progress(
        TextColumn("updating"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def step(job: Any, done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, description=job.name)

        report, jobs, skipped = manage.update_all(
            offline=offline, replace=replace, restart=restart, progress=step
        )
    out = Console()
    if report.resumed_from:
        out.print(
            f"resumed the update started {report.resumed_from}: "
            f"{sum(o.resumed for o in report.outcomes)} of {len(jobs)} downloads were done",
            highlight=False,
        )
    table = Table(title="Update")
    for col in ("series", "status", "new rows", "last before", "last after"):
        table.add_column(col, justify="right" if col == "new rows" else "left")
    for o in report.outcomes:
        if not o.ok:
            table.add_row(o.name, "[red]failed[/]", "", "", "")
        for s in o.series:
            status = s["status"] + (" (earlier run)" if o.resumed else "")
            table.add_row(
                s["symbol"], status, f"{s['new_rows']:,}", s["last_before"] or "",
                s["last_after"] or "",
            )  # fmt: skip
    out.print(table)
    for sid, why in skipped:
        out.print(f"[yellow]skipped[/] {sid}: {why}", highlight=False)
    changed = report.changed
    out.print(
        f"{len(jobs)} downloads: {len(changed)} series changed, "
        f"{sum(1 for o in report.outcomes if o.ok)} done, {len(report.failed)} failed, "
        f"{len(skipped)} series skipped (no provider)",
        highlight=False,
    )
    if report.failed:
        for o in report.failed:
            err.print(f"[red]failed[/] {o.name}: {o.message}", highlight=False)
        raise RotascopeError(
            f"{len(report.failed)} of {len(jobs)} downloads failed; run "
            "`rotascope data update --all` again to retry them (the others are kept)"
        )
