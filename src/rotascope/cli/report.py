"""``rotascope report``: the ranked story of a rotation, as one HTML page (or MD/JSON).

With no arguments it reports the Russell 2000 against the S&P 500 and the Nasdaq 100
as of the latest date, from the local store or the bundled dataset (stderr says which),
writes ``./rotascope-report-RUT-<date>.html`` and prints where the file went. A progress
bar runs on stderr while it computes.

Examples
--------
``rotascope report --asof 2024-07-16``
``rotascope report --subject IWM --versus SPY --versus QQQ --format md --out note.md``
``rotascope report --asof 2023-11-14 --format json --out - --explain``
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

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

    @app.command("report")
    def report_cmd(
        subject: Annotated[
            str, typer.Option("--subject", "-s", help="Series the report is about.")
        ] = "RUT",
        versus: Annotated[
            list[str] | None,
            typer.Option(
                "--versus", "-v", help="Comparison series (repeat, or SPX,NDX); default SPX, NDX."
            ),
        ] = None,
        asof: Annotated[
            str | None,
            typer.Option(
                "--asof", help="Use data up to this date (YYYY-MM-DD); default the latest."
            ),
        ] = None,
        out: Annotated[
            str | None,
            typer.Option(
                "--out",
                "-o",
                help="Output file, '-' for stdout (default ./rotascope-report-SUBJECT-DATE.EXT).",
            ),
        ] = None,
        fmt: Annotated[
            Format,
            typer.Option("--format", "-f", help="html (one self-contained page), md or json."),
        ] = Format.html,
        explain: Annotated[
            bool, typer.Option("--explain", help="Print every fact's score and its parts.")
        ] = False,
        top: Annotated[
            int,
            typer.Option(
                "--top", "-n", min=1, help="Facts listed (the narrative's are always listed)."
            ),
        ] = 10,
        basis: Annotated[str, typer.Option("--basis", help="price or total_return.")] = "price",
    ) -> None:
        """Write the report: headline, narrative, charts and ranked facts."""
        from rotascope.data import default_source
        from rotascope.errors import RotascopeError
        from rotascope.render.build import report

        if basis not in ("price", "total_return"):
            raise typer.BadParameter("use price or total_return", param_hint="--basis")
        err = Console(stderr=True)
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
                progress=step,
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
        for note in rep.notes:
            err.print(f"note: {note}", highlight=False, soft_wrap=True)
        to_stdout = out == "-"
        if explain:
            target = err if to_stdout else Console(soft_wrap=True)
            target.print(rep.explain(), highlight=False, markup=False, soft_wrap=True)
        if to_stdout:
            sys.stdout.write(text)
            return
        path = Path(out) if out else default_path(rep.subject, rep.asof.isoformat(), fmt)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise RotascopeError(
                f"cannot write {path}: {exc.strerror}; pick another --out"
            ) from exc
        err.print(f"[bold]{rep.narrative.headline.text}[/]", highlight=False, soft_wrap=True)
        typer.echo(f"Report written to {path} ({path.stat().st_size / 1e6:.1f} MB, "
                   f"{rep.elapsed:.1f} s)")  # fmt: skip
