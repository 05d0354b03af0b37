"""What every product's result carries besides its facts or tables, said once.

A product's result is a frozen dataclass with ``asof`` (an :class:`~rotascope.asof.AsOf`),
``notes`` (:class:`~rotascope.asof.Note` s, each said once) and ``data_version``, and
its own ``to_frame()`` and ``to_dict()``. :class:`Result` adds what follows from those:
the notes as plain sentences, JSON, and the notebook view.

Examples
--------
>>> from dataclasses import dataclass
>>> import pandas as pd
>>> from rotascope.asof import AsOf, Note
>>> @dataclass(frozen=True)
... class Toy(Result):
...     asof: AsOf
...     notes: tuple = ()
...     data_version: str = "v1"
...     def to_frame(self):
...         return pd.DataFrame({"x": [1]})
...     def to_dict(self):
...         return {"x": 1, **self.common_dict()}
>>> t = Toy(AsOf.at("2024-07-16"), (Note("moved", "Moved."),))
>>> t.note_texts(), t.to_dict()["asof"]["session"]
(['Moved.'], '2024-07-16')
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from rotascope.asof import AsOf, Note

__all__ = ["Result", "unique_notes"]


def unique_notes(notes: Iterable[Note]) -> tuple[Note, ...]:
    """``notes`` in order, each text once."""
    seen: dict[str, Note] = {}
    for n in notes:
        seen.setdefault(n.text, n)
    return tuple(seen.values())


class Result:
    """Mixin of the products' result dataclasses (fields ``asof``, ``notes``,
    ``data_version``; methods ``to_frame`` and ``to_dict``)."""

    asof: AsOf
    notes: tuple[Note, ...]
    data_version: str

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - every result defines it
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:  # pragma: no cover - every result defines it
        raise NotImplementedError

    def note_texts(self) -> list[str]:
        """The notes as sentences, in order."""
        return [n.text for n in self.notes]

    def common_dict(self) -> dict[str, Any]:
        """``asof``, ``notes`` and ``data_version``, JSON-ready (part of every
        ``to_dict``)."""
        return {
            "asof": self.asof.to_dict(),
            "notes": [n.to_dict() for n in self.notes],
            "data_version": self.data_version,
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, default=str)

    def _repr_html_(self) -> str:
        frame = self.to_frame()
        notes = "".join(f"<li><em>{html.escape(t)}</em></li>" for t in self.note_texts())
        when = self.asof.session.date().isoformat()
        return (
            f"<div class='rotascope-result'><p><strong>{type(self).__name__} as of {when}"
            f"</strong></p>{frame.to_html(index=False, max_rows=60)}"
            f"{f'<ul>{notes}</ul>' if notes else ''}</div>"
        )
