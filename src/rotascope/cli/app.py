"""The ``rotascope`` command: one Typer app, command groups registered from modules.

Each module named in :data:`COMMAND_MODULES` defines ``register(app)``. Errors that a
user can cause (:class:`~rotascope.errors.RotascopeError`) become one red line on
stderr and exit code 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import importlib
import sys

import typer
from rich.console import Console
from rich.markup import escape

from rotascope.errors import RotascopeError

__all__ = ["COMMAND_MODULES", "app", "main"]

#: Modules under ``rotascope.cli`` that add commands; each defines ``register(app)``.
COMMAND_MODULES: tuple[str, ...] = (
    "data",
    "valuation",
    "study",
    "events",
    "factors",
    "serve",
    "facts",
    "report",
    "scan",
    "breadth",
    "rotation",
)

app = typer.Typer(
    name="rotascope",
    help="Measure market rotations and state the facts about them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

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


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``rotascope`` console script."""
    build_app()
    err = Console(stderr=True)
    try:
        app(args=argv, standalone_mode=False)
    except RotascopeError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("[red]aborted[/]")
        sys.exit(1)
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise


if __name__ == "__main__":  # pragma: no cover
    main()
