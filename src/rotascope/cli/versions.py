"""``rotascope data undo SYMBOL`` and ``rotascope data versions``: what an import
replaced, and how to get it back.

An import that replaces values (``rotascope data import --replace``, an upload sent
with ``replace=true``) saves what it replaced first (:mod:`rotascope.store.versions`).
``undo`` puts the newest saved version back; a second ``undo`` goes one further back.
When the replaced series was the bundled one (a stored upload hid it), ``undo`` removes
the stored copy and the bundled series is used again.

Examples
--------
>>> import typer
>>> app = typer.Typer()
>>> register(app)
>>> sorted(c.name for c in app.registered_commands)
['undo', 'versions']
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.data import manage

__all__ = ["register"]


def _date(value: object) -> str:
    return "" if value is None else f"{value:%Y-%m-%d}"


def undo_cmd(
    symbol: Annotated[str, typer.Argument(help="Series to put back (RUT, ff:SMB...).")],
) -> None:
    """Put back what the last replacing import of SYMBOL replaced."""
    result = manage.undo(symbol)
    v = result.version
    if v.keys:
        what = f"back to its {v.rows:,} values from {_date(v.first)} to {_date(v.last)}"
    else:
        what = "the stored copy removed (the bundled series, if any, is used again)"
    more = f"; {result.left} earlier version(s) saved" if result.left else ""
    Console().print(
        f"{v.id}: {what}, as before the {v.reason} on {v.saved_at:%Y-%m-%d %H:%M} UTC"
        f" ({result.removed_rows:,} values taken out{more})",
        highlight=False,
    )


def versions_cmd(
    symbol: Annotated[
        str | None, typer.Argument(help="Only this series (default: every one).")
    ] = None,
    as_json: Annotated[bool, opt.json_output()] = False,
) -> None:
    """List the saved versions `data undo` can put back, newest first."""
    found = manage.versions(symbol)
    out = Console()
    if as_json:
        import json

        rows = [
            {"version": v.version, "id": v.id, "saved_at": v.saved_at.isoformat(),
             "reason": v.reason, "keys": v.keys, "rows": v.rows,
             "first": _date(v.first) or None, "last": _date(v.last) or None}
            for v in found
        ]  # fmt: skip
        out.print_json(json.dumps(rows))
        return
    if not found:
        out.print("no saved versions (one is kept when an import replaces values)")
        return
    table = Table(title="Saved versions (newest first; `rotascope data undo SYMBOL`)")
    for col in ("version", "series", "saved (UTC)", "values", "first", "last", "replaced by"):
        table.add_column(col, justify="right" if col in ("version", "values") else "left")
    for v in found:
        table.add_row(
            str(v.version), v.id, f"{v.saved_at:%Y-%m-%d %H:%M}",
            f"{v.rows:,}" if v.keys else "(not stored)", _date(v.first), _date(v.last), v.reason,
        )  # fmt: skip
    out.print(table)


def register(app: typer.Typer) -> None:
    """Add ``undo`` and ``versions`` to the ``data`` command group."""
    app.command("undo", epilog=examples("rotascope data undo RUT"))(undo_cmd)
    app.command(
        "versions", epilog=examples("rotascope data versions", "rotascope data versions RUT")
    )(versions_cmd)
