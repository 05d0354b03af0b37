"""The data port: the one way anything above ``sources/`` and ``store/`` reaches data.

:class:`DataSource` is a protocol. Products, fact kinds, the story and the front ends
take a ``DataSource`` as an argument (never look one up, never open the store, never
search the file system); entry points (the CLI, the web app, the Python API) build one
with :func:`rotascope.data.default_source` and pass it in.

Implementations:

- :class:`rotascope.data.local.LocalSource`: the local store with the bundled dataset
  as fallback (what users get).
- :class:`rotascope.data.bundled.BundledSource`: the bundled dataset alone.
- :class:`rotascope.data.memory.MemorySource`: frames held in memory (tests, notebooks).

Examples
--------
>>> import pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2024-01-01", periods=3, name="date")
>>> src = MemorySource({"AAA": pd.DataFrame({"close": [1.0, 2.0, 3.0]}, index=idx)})
>>> isinstance(src, DataSource), float(src.series("AAA").iloc[-1])
(True, 3.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import pandas as pd

__all__ = ["COLUMNS", "FUTURES_COLUMNS", "INVENTORY_COLUMNS", "DataSource", "SeriesInfo"]

#: Columns a price frame may hold (every one float64; NaN = no value).
COLUMNS: tuple[str, ...] = ("open", "high", "low", "close", "adj_close", "volume", "dividends")

#: Columns of :meth:`DataSource.futures`.
FUTURES_COLUMNS: tuple[str, ...] = ("date", "contract", "price")

#: Columns of :meth:`DataSource.inventory`.
INVENTORY_COLUMNS: tuple[str, ...] = (
    "symbol",
    "id",
    "namespace",
    "edition",
    "name",
    "unit",
    "origin",
    "source",
    "first",
    "last",
    "rows",
)


@dataclass(frozen=True)
class SeriesInfo:
    """What a source knows about one series, besides its values.

    Attributes
    ----------
    symbol : str
        The canonical symbol the source resolved the name to.
    origin : str
        Where the values come from, in words (``"store"``, ``"bundled dataset"``,
        ``"memory"``), with the file or edition when known.
    first, last : pandas.Timestamp
        First and last dates with a value.
    rows : int
        Dates with a value.
    columns : tuple of str
        Columns that hold at least one value.
    id : str
        The full id of the series (``ff:SMB`` for ``SMB``, ``RF`` for the stock).
    edition : str
        Its edition (``202604``), ``""`` when it has none.
    source : str
        The file it was imported from (base name), when known.
    """

    symbol: str
    origin: str
    first: pd.Timestamp
    last: pd.Timestamp
    rows: int
    columns: tuple[str, ...]
    id: str = ""
    edition: str = ""
    source: str = ""


@runtime_checkable
class DataSource(Protocol):
    """Where series, universes, valuations and events come from.

    Every method returns full histories (callers cut them as of a date) or raises
    :class:`~rotascope.errors.UnknownSymbol` / :class:`~rotascope.errors.DataError`
    with a message that says what to import.
    """

    def symbols(self) -> list[str]:
        """Every symbol available, sorted."""
        ...

    def resolve(self, symbol: str) -> str:
        """The canonical symbol for a user's spelling (``^GSPC`` -> ``SPX``, ``ff:SMB`` ->
        ``SMB``, ``CMA`` -> ``ff5:CMA`` when only the factor is there; an older edition
        keeps its suffix: ``SMB@202403``).

        Raises ``UnknownSymbol`` (listing what exists) when nothing matches, and
        ``AmbiguousSymbol`` (a subclass listing the choices) when a short name could
        mean several series (``RF`` with ``ff:RF`` and ``ff5:RF`` but no stock ``RF``).
        """
        ...

    def frame(self, symbol: str) -> pd.DataFrame:
        """Every column of ``symbol`` that holds a value: DatetimeIndex ``date``
        (sorted, unique), float64 columns among :data:`COLUMNS`."""
        ...

    def series(self, symbol: str, column: str = "close") -> pd.Series:
        """One column of ``symbol`` without missing values, named by the canonical
        symbol. Raises ``DataError`` when the column holds no value."""
        ...

    def info(self, symbol: str) -> SeriesInfo:
        """Origin, date range and columns of ``symbol``."""
        ...

    def version(self) -> str:
        """A short string that changes whenever any data behind this source changes."""
        ...

    def membership(self, universe: str = "SP500") -> pd.DataFrame:
        """Membership spells of an index: columns ``ticker``, ``start``, ``end``
        (``NaT`` = still a member). Raises ``DataError`` when none is available."""
        ...

    def member_closes(
        self,
        tickers: list[str],
        *,
        start: pd.Timestamp | None = None,
        end: pd.Timestamp | None = None,
    ) -> pd.DataFrame:
        """Closes of many tickers as one (dates x tickers) float64 matrix; tickers
        with no closes are left out (the caller counts them)."""
        ...

    def shiller(self) -> pd.DataFrame:
        """Shiller's monthly S&P 500 data (normalised frame, month-end dates).
        Raises ``DataError`` when none is available."""
        ...

    def valuations(self) -> list[tuple[str, str, str]]:
        """(subject, metric, basis) of every valuation series available."""
        ...

    def valuation(self, subject: str, metric: str, basis: str = "") -> pd.Series:
        """One valuation series (e.g. ``RUT``, ``pe``, ``forward``)."""
        ...

    def events(self) -> pd.DataFrame:
        """The event calendar (CPI, FOMC and imported events), sorted by date."""
        ...

    def futures(self) -> pd.DataFrame:
        """30-day fed funds futures prices: columns :data:`FUTURES_COLUMNS` (``date``
        datetime64, ``contract`` ``YYYY-MM``, ``price`` float), one row per date and
        contract, sorted by date then contract; empty (with those columns) when none are
        available. Callers cut them as of a date."""
        ...

    def inventory(self) -> pd.DataFrame:
        """Every series available, one row per id and edition (older editions too).

        Columns :data:`INVENTORY_COLUMNS`: ``symbol`` (canonical; ``@edition`` for an
        older edition), ``id``, ``namespace``, ``edition``, ``name``, ``unit``,
        ``origin`` (``store``, ``bundled``, ``memory``), ``source`` (file), ``first``,
        ``last``, ``rows``. Reads no values (cheap).
        """
        ...

    def last_date(self, symbol: str | None = None) -> pd.Timestamp:
        """The last date with a value: of ``symbol``, or of the data as a whole (the
        latest last date of the daily series in :meth:`symbols`), so that front ends can
        say how old the data are. Raises ``DataError`` when the source holds nothing."""
        ...

    def universes(self) -> list[str]:
        """Universes with membership spells (``["SP500"]``)."""
        ...

    def constituents(self, universe: str = "SP500") -> pd.DataFrame:
        """The member list of ``universe`` with names and sectors: ``ticker``, ``name``,
        ``sector``, ``sub_industry``. Raises ``DataError`` when none is available."""
        ...

    def breadth(self, universe: str = "SP500") -> pd.DataFrame:
        """Precomputed daily breadth series of ``universe`` (the columns of
        :func:`rotascope.kinds._breadth.breadth_table`), for when the member closes
        are not available (:meth:`member_closes` returns nothing). Raises ``DataError``
        when none is available."""
        ...
