"""``rotascope report``: the ranked story of a rotation, as one HTML page (or MD/JSON).

With no SUBJECT it leads with the story of the date across the market (every stored
series and every rotation pair, :func:`rotascope.products.market.market_story`), then
reports the Russell 2000 against the S&P 500 and the Nasdaq 100, as of the latest date
the headline indexes share, from the local store or the bundled dataset (stderr says
which), writes ``./rotascope-report-market-<date>.html`` and prints where the file went
and its size. With a SUBJECT the report is that series' story. A progress bar runs on
stderr while it computes (none with ``--quiet``).

Examples
--------
``rotascope report --asof 2024-07-16``
``rotascope report IWM --versus SPY --versus QQQ --format md --out note.md``
``rotascope report --asof 2023-11-14 --json --explain``
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from rotascope.cli import options as opt
from rotascope.cli._help import examples
from rotascope.cli._output import print_notes
from rotascope.cli.console import err_console, human_size

__all__ = ["Format", "default_path", "register"]

_STEPS = ("facts", "ranking", "charts", "sections", "rendering")


class Format(StrEnum):
    """Output formats."""

    html = "html"
    md = "md"
    json = "json"


_SUFFIX = {Format.html: "html", Format.md: "md", Format.json: "json"}


def default_path(subject: str, asof: str, fmt: Format = Format.html) -> Path:
    """``./rotascope-report-<subject>-<date>.<ext>``.

    Examples
    --------
    >>> default_path("RUT", "2024-07-16").name
    'rotascope-report-RUT-2024-07-16.html'
    """
    return Path(f"rotascope-report-{subject}-{asof}.{_SUFFIX[fmt]}")


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""

    @app.command(
        "report",
        epilog=examples(
            "rotascope report --asof 2024-07-16",
            "rotascope report IWM --versus SPY --versus QQQ --format md --out note.md",
            "rotascope report --asof 2023-11-14 --json --explain",
        ),
    )
    def report_cmd(
        subject_arg: Annotated[
            str | None,
            typer.Argument(
                metavar="SUBJECT",
                help="Series the report is about (default: the market's story, then RUT).",
            ),
        ] = None,
        versus: Annotated[
            list[str] | None,
            opt.versus("Comparison series (repeat, or SPX,NDX); default SPX and NDX."),
        ] = None,
        asof: Annotated[str | None, opt.asof()] = None,
        out: Annotated[
            str | None,
            opt.out("Output file, '-' for stdout (default ./rotascope-report-SUBJECT-DATE.EXT)."),
        ] = None,
        fmt: Annotated[
            Format,
            typer.Option("--format", "-f", help="html (one self-contained page), md or json."),
        ] = Format.html,
        as_json: Annotated[
            bool, opt.json_output("Print the report as JSON (same as --format json --out -).")
        ] = False,
        explain: Annotated[
            bool, typer.Option("--explain", help="Print every fact's score and its parts.")
        ] = False,
        top: Annotated[int, opt.top("Facts listed (the narrative's are always listed).")] = 10,
        basis: Annotated[str, opt.basis()] = "price",
        quiet: Annotated[bool, opt.quiet("No progress bar or notes on stderr.")] = False,
        subject: Annotated[
            str | None,
            typer.Option("--subject", "-s", hidden=True, help="Old spelling of SUBJECT."),
        ] = None,
    ) -> None:
        """Write the report: headline, narrative, charts and ranked facts."""
        from rotascope.data import default_source
        from rotascope.errors import RotascopeError
        from rotascope.render.build import report

        if basis not in ("price", "total_return"):
            raise typer.BadParameter("use price or total_return", param_hint="--basis")
        market = subject_arg is None and subject is None
        subject = subject_arg or subject or "RUT"
        if as_json:
            fmt, out = Format.json, out or "-"
        err = err_console(quiet=quiet)
        vs = (
            tuple(p.strip() for v in versus for p in v.split(",") if p.strip())
            if versus
            else (
                "SPX",
                "NDX",
            )
        )
        with Progress(
            TextColumn("[bold]report[/] {task.description:<10}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("loading", total=len(_STEPS))

            def step(label: str) -> None:
                bar.update(task, description=label, completed=_STEPS.index(label))

            rep = report(
                subject, vs, asof, source=default_source(), top=top, basis=basis,  # type: ignore[arg-type]
                progress=step, market=market,
            )  # fmt: skip
            step("rendering")
            if fmt is Format.html:
                text = rep.to_html()
            elif fmt is Format.md:
                text = rep.to_markdown()
            else:
                text = rep.to_json() + "\n"
            bar.update(task, completed=len(_STEPS))
        err.print(f"data: {rep.origin}; as of {rep.asof.isoformat()}", highlight=False)
        print_notes(err, rep.result.notes)
        to_stdout = out == "-"
        if explain:
            target = err if to_stdout else Console(soft_wrap=True)
            target.print(rep.explain(), highlight=False, markup=False, soft_wrap=True)
        if to_stdout:
            sys.stdout.write(text)
            return
        name = "market" if market else rep.subject
        path = Path(out) if out else default_path(name, rep.asof.isoformat(), fmt)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise RotascopeError(
                f"cannot write {path}: {exc.strerror}; pick another --out"
            ) from exc
        err.print(f"[bold]{rep.narrative.headline.text}[/]", highlight=False, soft_wrap=True)
        typer.echo(f"Report written to {path} ({human_size(path.stat().st_size)}, "
                   f"{rep.elapsed:.1f} s)")  # fmt: skip
