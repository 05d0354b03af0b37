"""Help that people read: plain value names, plain usage, commands grouped by job.

Typer labels every value with its Python type (``--json <bool>``, ``SUBJECT <str>``,
``--versus <list[str]>``) and writes a required argument as ``{subject}`` in the usage
line. :class:`RootGroup` (the class of the ``rotascope`` command) fixes that once for
the whole command tree when it is built:

- an option shows its ``metavar`` (``--asof DATE``); a flag shows nothing after its
  name; an option without a metavar shows its choices (``html|md|json``) or its name
  in capitals;
- an argument shows its name in capitals with no type (``SUBJECT``), and the usage
  line reads ``rotascope facts [OPTIONS] SUBJECT`` (optional: ``[SUBJECT]``, several:
  ``PATHS...``);
- the commands are listed in :data:`COMMAND_ORDER`, in the panels of :data:`PANELS`,
  the main job first.

Only how parameters are *shown* changes; parsing is Typer's.

Examples
--------
>>> print(examples("rotascope facts RUT --versus SPX", "rotascope facts SMB -w 10y"))
Examples:
rotascope facts RUT --versus SPX
rotascope facts SMB -w 10y
"""

from __future__ import annotations

import functools
from typing import Any

from rich.markup import escape
from typer.core import TyperArgument, TyperGroup, TyperOption

__all__ = ["COMMAND_ORDER", "PANELS", "RootGroup", "examples", "plain_tree"]

#: Panel of each top-level command, in the order the panels are shown.
PANELS: dict[str, tuple[str, ...]] = {
    "Rotations and records": ("report", "facts", "study", "rotation", "scan"),
    "Data and other measures": ("data", "events", "factors", "valuation", "breadth", "fedwatch"),
    "Web": ("serve",),
}

#: Order of the top-level commands in ``rotascope --help`` (the main job first).
COMMAND_ORDER: tuple[str, ...] = tuple(c for cmds in PANELS.values() for c in cmds)

_PANEL_OF: dict[str, str] = {c: panel for panel, cmds in PANELS.items() for c in cmds}


def examples(*lines: str) -> str:
    """An ``epilog`` listing example command lines, one per line of the help."""
    head = "Example:" if len(lines) == 1 else "Examples:"
    return "\n".join([head, *(escape(line) for line in lines)])


def _choices(param: Any) -> tuple[str, ...]:
    """The values an option accepts when they form a fixed set, else ``()``."""
    desc = getattr(param, "type_descriptor", None)
    found = getattr(desc, "choices", None) or getattr(getattr(param, "type", None), "choices", None)
    if not found:
        return ()
    return tuple(str(getattr(c, "value", c)) for c in found)


class PlainArgument(TyperArgument):
    """An argument shown as its name in capitals, without a type label."""

    __slots__ = ()

    @property
    def display_name_raw(self) -> str:
        return self.metavar or (self.name or "").upper()

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        if self.hidden:
            return []
        name = self.display_name_raw
        if self.nargs != 1:
            name += "..."
        return [name if self.required else f"[{name}]"]


def _plain_option(param: TyperOption) -> None:
    """Give an option the metavar its help shows ("" for a flag: nothing after the name)."""
    if param.metavar is not None:
        return
    if param.is_flag or getattr(param, "count", False):
        param.metavar = ""
        return
    choices = _choices(param)
    param.metavar = "|".join(choices) if choices else (param.name or "value").upper()


def _plain_params(params: list[Any]) -> list[Any]:
    for p in params:
        if isinstance(p, TyperOption):
            _plain_option(p)
        elif isinstance(p, TyperArgument) and not isinstance(p, PlainArgument):
            p.__class__ = PlainArgument  # same object, shown plainly
    return params


@functools.cache
def _plain_class(cls: type) -> type:
    """``cls`` with a ``get_params`` that shows the parameters plainly (cached per class)."""
    if getattr(cls, "_plain_help", False):
        return cls

    def get_params(self: Any, ctx: Any) -> list[Any]:
        return _plain_params(cls.get_params(self, ctx))

    body = {"get_params": get_params, "_plain_help": True, "__module__": cls.__module__}
    return type(cls.__name__, (cls,), {**body, "__slots__": ()})


def plain_tree(command: Any) -> None:
    """Show ``command`` and every command under it with plain value names.

    Each command object keeps its behaviour: its class becomes a subclass whose
    ``get_params`` (what the help and the usage line show) gives the plain parameters;
    the help option, which Click adds when help is asked for, is covered too.
    """
    command.__class__ = _plain_class(type(command))
    for sub in getattr(command, "commands", {}).values():
        plain_tree(sub)


class RootGroup(TyperGroup):
    """The ``rotascope`` group: commands grouped by job, every help plain.

    Commands are listed in :data:`COMMAND_ORDER` (any other after them) and placed in
    the panels of :data:`PANELS`.
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for name, cmd in self.commands.items():
            panel = _PANEL_OF.get(name)
            if panel is not None:
                cmd.rich_help_panel = panel  # type: ignore[attr-defined]
        for cmd in self.commands.values():
            plain_tree(cmd)

    _plain_help = True

    def get_params(self, ctx: Any) -> list[Any]:
        """The root's parameters, shown plainly."""
        return _plain_params(super().get_params(ctx))

    def list_commands(self, ctx: Any) -> list[str]:
        """Command names, the main job first."""
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        names = list(self.commands)
        return sorted(names, key=lambda n: (rank.get(n, len(rank)), names.index(n)))
