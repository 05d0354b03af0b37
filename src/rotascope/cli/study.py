"""``rotascope study``: streak episodes and what followed them.

Example::

    rotascope study RUT --condition "ret>1%" --length 5 --asof 2024-07-16

prints the streak sentence, the episode table (every earlier run that reached the
length, with forward returns after it) and the forward-return statistics against the
base rate of all sessions, from :func:`rotascope.products.study.study` (the same study
as ``/api/study`` and the report's streak section); no measure is computed here.
"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.cli._output import pct_cell, print_facts_json, print_notes
from rotascope.cli.console import err_console
from rotascope.kinds._study import StreakStudy, subject_words
from rotascope.wording import fmt_date, pct, the_name

__all__ = ["episode_table", "register", "stats_table"]


def episode_table(s: StreakStudy) -> Table:
    """Rich table: one row per episode with its forward returns (partial ones marked)."""
    words = s.condition.describe(the_name(s.versus) if s.versus else None)
    t = s.episode_table()
    hs = s.study.horizons
    pending = []
    for row in t.itertuples(index=False):
        open_h = [h for h in hs if pd.isna(getattr(row, f"fwd_{h}"))]
        if open_h:
            done = int(getattr(row, f"elapsed_{open_h[0]}"))
            pending.append(f"{row.date:%Y-%m-%d}, {done} sessions so far")
    caption = (
        "Returns from the close of the day the run reached "
        f"{s.length} sessions, over the next N sessions ({s.basis})."
    )
    if pending:
        caption += " * = window not complete: " + "; ".join(pending) + "."
    table = Table(
        title=f"{subject_words(s.subject, s.versus, s.relative, start=True)} {words} on "
        f"{s.length}+ straight sessions "
        f"(as of {fmt_date(s.state.asof)})",
        caption=caption,
    )
    table.add_column("#", justify="right")
    table.add_column(f"reached {s.length}")
    table.add_column("run start")
    table.add_column("len", justify="right")
    for h in hs:
        table.add_column(f"+{h}", justify="right")
    for i, row in enumerate(t.itertuples(index=False), start=1):
        cells = [
            str(i),
            f"{row.date:%Y-%m-%d}",
            f"{row.start:%Y-%m-%d}",
            f"{row.run_length}+" if row.ongoing else str(row.run_length),
        ]
        for h in hs:
            full = getattr(row, f"fwd_{h}")
            if pd.notna(full):
                cells.append(pct_cell(full))
            elif int(getattr(row, f"elapsed_{h}")) > 0:
                cells.append(pct_cell(getattr(row, f"so_far_{h}")) + "*")
            else:
                cells.append("*")
        table.add_row(*cells)
    return table


def stats_table(s: StreakStudy) -> Table:
    """Rich table: forward-return statistics after episodes vs the base rate."""
    es = s.study
    table = Table(
        title="After the episodes vs all sessions (base rate)",
        caption=f"Complete windows only. t: one-sample t statistic of episode returns vs the "
        f"base mean. p: two-sided random-date bootstrap p-value ({es.n_boot} draws). "
        f"History from {s.state.history_start:%Y-%m-%d}.",
    )
    table.add_column("next N sessions")
    hs = es.horizons
    for h in hs:
        table.add_column(f"+{h}", justify="right")

    def share(x: float, n: int) -> str:
        return "" if n == 0 else pct(x * 100, digits=0)

    rows: list[tuple[str, list[str]]] = [
        ("episodes", [str(es.events[h].count) for h in hs]),
        ("mean", [pct_cell(es.events[h].mean) for h in hs]),
        ("median", [pct_cell(es.events[h].median) for h in hs]),
        ("share up", [share(es.events[h].share_positive, es.events[h].count) for h in hs]),
        ("best", [pct_cell(es.events[h].best) for h in hs]),
        ("worst", [pct_cell(es.events[h].worst) for h in hs]),
        ("all sessions", [str(es.base[h].count) for h in hs]),
        ("base mean", [pct_cell(es.base[h].mean) for h in hs]),
        ("base median", [pct_cell(es.base[h].median) for h in hs]),
        ("base share up", [share(es.base[h].share_positive, es.base[h].count) for h in hs]),
        ("t vs base", ["" if pd.isna(es.t_stat[h]) else f"{es.t_stat[h]:.2f}" for h in hs]),
        ("bootstrap p", ["" if pd.isna(es.p_boot[h]) else f"{es.p_boot[h]:.3f}" for h in hs]),
    ]
    for label, cells in rows:
        table.add_row(label, *cells)
    return table


def register(app: typer.Typer) -> None:
    """Add the ``study`` command to ``app``."""

    @app.command(
        "study",
        epilog=examples(
            'rotascope study RUT --condition "ret>1%" --length 5 --asof 2024-07-16',
            "rotascope study RUT --condition beats:NDX --length 10",
            'rotascope study RUT --versus SPX --condition "ret>1%" --length 3',
        ),
    )
    def study(
        subject: Annotated[str, typer.Argument(help="The series, e.g. RUT.")],
        condition: Annotated[
            str,
            typer.Option(
                "--condition",
                "-c",
                metavar="TEST",
                help='Daily test: "ret>1%", "ret<-1%", beats:NDX, above:200.',
            ),
        ] = "ret>1%",
        length: Annotated[
            int | None,
            typer.Option(
                "--length", "-l", metavar="N", help="Run length (default: the current run)."
            ),
        ] = None,
        asof: Annotated[str | None, opt.asof()] = None,
        versus: Annotated[
            list[str] | None,
            opt.versus(
                "Study SUBJECT relative to this series (the ratio; one series); for beats: "
                "the series in the condition is used."
            ),
        ] = None,
        basis: Annotated[str, opt.basis()] = "price",
        as_json: Annotated[bool, opt.json_output("Print the facts as JSON.")] = False,
        quiet: Annotated[bool, opt.quiet()] = False,
        adjusted: Annotated[
            bool,
            typer.Option("--adjusted", hidden=True, help="Old spelling of --basis total_return."),
        ] = False,
    ) -> None:
        """Streak episodes of SUBJECT and the forward returns after them."""
        if versus and len(versus) > 1:
            raise typer.BadParameter("study compares with one series", param_hint="--versus")
        if length is not None and length < 1:
            raise typer.BadParameter("--length must be at least 1")
        from rotascope.data import default_source
        from rotascope.products.study import study as study_product

        result = study_product(
            default_source(), subject, condition, length, asof,
            versus=versus[0] if versus else None,
            basis="total_return" if adjusted or basis == "total_return" else "price",
        )  # fmt: skip
        print_notes(err_console(quiet=quiet), result.notes)
        facts, s = list(result.facts), result.streak
        out = Console()
        if as_json:
            print_facts_json(out, facts)
            return
        out.print(facts[0].text, highlight=False)
        out.print(episode_table(s))
        out.print(stats_table(s))
        month = next((f for f in facts[1:] if f.window == 21), None)
        if month is not None:
            out.print(month.text, highlight=False)
