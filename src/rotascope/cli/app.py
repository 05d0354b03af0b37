"""The ``rotascope`` command: one Typer app, command groups registered from modules.

Each module named in :data:`COMMAND_MODULES` defines ``register(app)``; the root group
(:class:`~rotascope.cli._help.RootGroup`) lists the commands by job, the main job
first, and shows every help without type labels. Errors that a user can cause (a
:class:`~rotascope.errors.RotascopeError`, or a bad option or argument) become one red
line on stderr and exit code 2; anything else is a bug and keeps its traceback.
Library warnings never reach the terminal.
"""

from __future__ import annotations

import gc
import importlib
import sys
from typing import Annotated

import typer
from rich.markup import escape

from rotascope.cli._help import COMMAND_ORDER, RootGroup, examples
from rotascope.cli.console import err_console, quiet_library_warnings
from rotascope.errors import RotascopeError

__all__ = ["COMMAND_MODULES", "app", "build_app", "main"]

#: Modules under ``rotascope.cli`` that add commands; each defines ``register(app)``.
#: Registered in the order ``rotascope --help`` lists them (the main job first).
COMMAND_MODULES: tuple[str, ...] = COMMAND_ORDER

app = typer.Typer(
    name="rotascope",
    cls=RootGroup,
    help="Measure market rotations and state the facts about them, with their records.",
    epilog=examples(
        "rotascope report --asof 2024-07-16",
        "rotascope facts RUT --versus SPX --asof 2024-07-16",
        "rotascope COMMAND --help",
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from rotascope._version import version

        typer.echo(f"rotascope {version()}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Print the version of rotascope and exit.",
        ),
    ] = False,
) -> None:
    """Measure market rotations and state the facts about them, with their records."""


_registered = False


def build_app() -> typer.Typer:
    """Register every command module on :data:`app` once and return it."""
    global _registered
    if not _registered:
        for name in COMMAND_MODULES:
            module = importlib.import_module(f"rotascope.cli.{name}")
            module.register(app)
        _registered = True
    return app


def _usage_error_types() -> tuple[type[Exception], ...]:
    """Click's exception base, from Typer's bundled Click and from Click if installed."""
    found: list[type[Exception]] = []
    for module in ("typer._click.exceptions", "click.exceptions"):
        try:
            found.append(importlib.import_module(module).ClickException)
        except (ImportError, AttributeError):
            continue
    return tuple(found)


def _usage_line(exc: Exception) -> str:
    """One line for a bad option or argument: what is wrong and where help is."""
    ctx = getattr(exc, "ctx", None)
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
    return " ".join(message.split()) + where


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``rotascope`` console script.

    Called without ``argv`` (the console script), the objects of the modules just
    imported (pandas, plotly, Typer: about a million, none of them ever garbage) are
    moved out of the cycle collector's reach (:func:`gc.freeze`): its passes over them
    cost a short command about 0.15 s. Callers passing ``argv`` (tests, scripts) keep
    the collector as it is.
    """
    build_app()
    if argv is None:
        gc.freeze()
    err = err_console()
    try:
        with quiet_library_warnings():
            code = app(args=argv, prog_name="rotascope", standalone_mode=False)
    except RotascopeError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("[red]aborted[/]")
        sys.exit(1)
    except _usage_error_types() as exc:
        code = getattr(exc, "exit_code", 2)
        if type(exc).__name__ == "NoArgsIsHelpError":  # the help is printed already
            sys.exit(code)
        if code == 2:  # a usage error: bad option, value or argument
            err.print(f"[bold red]error:[/] {escape(_usage_line(exc))}", soft_wrap=True)
        else:
            exc.show()  # type: ignore[attr-defined]
        sys.exit(code)
    # Typer hands back the code of a ``typer.Exit`` raised by a command (commands return None)
    if isinstance(code, int) and not isinstance(code, bool) and code != 0:
        if code == 130:
            err.print("[red]interrupted[/]")
        sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
