"""The ``rotascope`` command tree, walked: every command and subcommand with its path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer.main

from rotascope.cli.app import build_app

__all__ = ["command_paths", "root_command", "walk"]


def root_command() -> Any:
    """The Click command Typer builds for ``rotascope`` (every module registered)."""
    return typer.main.get_command(build_app())


def walk(cmd: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """``(path, command)`` for ``cmd`` and every command below it, depth first."""
    yield path, cmd
    for name, sub in getattr(cmd, "commands", {}).items():
        yield from walk(sub, (*path, name))


def command_paths() -> list[tuple[str, ...]]:
    """Every command path, the root ``()`` first."""
    return [path for path, _ in walk(root_command())]
