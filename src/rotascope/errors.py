"""One exception tree for rotascope.

Every error a user can cause derives from :class:`RotascopeError`. Input errors
also derive from :class:`ValueError` so generic callers can catch them. Messages
say what went wrong *and* what to do. The CLI turns these into one red line and
exit code 2; the web app turns them into 4xx JSON.

Examples
--------
>>> from rotascope.errors import DataError
>>> err = DataError("price is not a number: 'abc'", path="x.csv", line=12)
>>> str(err)
"x.csv, line 12: price is not a number: 'abc'"
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "AmbiguousSymbol",
    "AsOfError",
    "DataError",
    "ProviderError",
    "RotascopeError",
    "SeriesExistsError",
    "StoreBusyError",
    "UnknownSymbol",
]


class RotascopeError(Exception):
    """Root of every error rotascope raises on purpose."""


class DataError(RotascopeError, ValueError):
    """A file, row or value that cannot be accepted.

    Parameters
    ----------
    message : str
        What is wrong, in plain words.
    path : str or Path, optional
        The file the problem is in.
    line : int, optional
        1-based line number in that file.
    """

    def __init__(
        self, message: str, *, path: str | Path | None = None, line: int | None = None
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f", line {self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        return where + self.message


class UnknownSymbol(RotascopeError, KeyError):  # noqa: N818 (name fixed by the design)
    """A symbol that is neither in the store nor in the bundled dataset."""

    def __init__(self, symbol: str, available: Iterable[str] = ()) -> None:
        self.symbol = symbol
        self.available = sorted(set(available))
        shown = ", ".join(self.available[:40])
        more = "" if len(self.available) <= 40 else f" (and {len(self.available) - 40} more)"
        msg = f"unknown symbol {symbol!r}."
        if self.available:
            msg += f" Available: {shown}{more}."
        msg += " Import it with `rotascope data import FILE --symbol " + symbol + "`."
        self.message = msg
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would add quotes
        return self.message


class AmbiguousSymbol(UnknownSymbol):
    """A short name that several stored series answer to (``RF``: ``ff:RF`` and ``ff5:RF``).

    Parameters
    ----------
    symbol : str
        The name asked for.
    choices : iterable of str
        The full ids it could mean, each optionally followed by `` (what it is)``.

    Examples
    --------
    >>> str(AmbiguousSymbol("RF", ["ff:RF", "ff5:RF"]))  # doctest: +NORMALIZE_WHITESPACE
    "symbol 'RF' is ambiguous: it could mean ff:RF or ff5:RF. Use the full name,
    e.g. `ff:RF`."
    """

    def __init__(self, symbol: str, choices: Iterable[str]) -> None:
        self.symbol = symbol
        self.choices = list(dict.fromkeys(choices))
        self.available = list(self.choices)
        listed = ", ".join(self.choices[:-1]) + " or " + self.choices[-1]
        first = self.choices[0].split(" ", 1)[0]
        self.message = (
            f"symbol {symbol!r} is ambiguous: it could mean {listed}. "
            f"Use the full name, e.g. `{first}`."
        )
        Exception.__init__(self, self.message)


class AsOfError(RotascopeError, ValueError):
    """An as-of date outside the data, or a date that cannot be parsed."""


class ProviderError(RotascopeError):
    """A live data provider failed (network, HTTP status, unexpected content)."""

    def __init__(self, provider: str, message: str) -> None:
        self.provider = provider
        super().__init__(
            f"{provider}: {message}. Work offline with local files "
            "(`rotascope data import FILE`) or retry later."
        )


class StoreBusyError(RotascopeError):
    """Another process holds the store's write lock for longer than the timeout."""


class SeriesExistsError(RotascopeError, ValueError):
    """An upload would replace or hide a series that is already there.

    Parameters
    ----------
    symbols : iterable of str
        The series the upload names.
    where : str
        Where they are now (``stored`` or ``bundled``, with their dates).

    Examples
    --------
    >>> str(SeriesExistsError(["RUT"], "RUT: bundled, 1987-09-10 to 2025-09-24"))
    ... # doctest: +NORMALIZE_WHITESPACE
    'RUT is already there (RUT: bundled, 1987-09-10 to 2025-09-24); nothing was stored.
    Upload again with replace=true to use this file instead (the values it replaces come
    back with `rotascope data undo RUT`), or give the file another symbol.'
    """

    def __init__(self, symbols: Iterable[str], where: str) -> None:
        self.symbols = list(symbols)
        names = ", ".join(self.symbols)
        self.message = (
            f"{names} {'is' if len(self.symbols) == 1 else 'are'} already there ({where}); "
            "nothing was stored. Upload again with replace=true to use this file instead "
            f"(the values it replaces come back with `rotascope data undo "
            f"{self.symbols[0]}`), or give the file another symbol."
        )
        super().__init__(self.message)
