"""Helpers shared by the data sources (shapes, one column, info, names, inventory)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

import pandas as pd

from rotascope.data.port import COLUMNS, FUTURES_COLUMNS, INVENTORY_COLUMNS, SeriesInfo
from rotascope.errors import DataError
from rotascope.symbols import canonical, info, resolve, split_id

__all__ = [
    "UNLISTED_NAMESPACES",
    "as_frame",
    "futures_frame",
    "info_of",
    "inventory_frame",
    "last_listed",
    "listed",
    "resolve_key",
    "series_of",
    "symbol_of",
]

#: Namespaces that are not daily series for facts and scans (reached through
#: ``shiller()`` and ``valuation()``); :meth:`DataSource.symbols` leaves them out.
UNLISTED_NAMESPACES = frozenset({"shiller", "val"})


def listed(sid: str) -> bool:
    """True when ``sid`` belongs in :meth:`DataSource.symbols` (not Shiller, not valuations)."""
    return split_id(sid)[0] not in UNLISTED_NAMESPACES


def symbol_of(sid: str, edition: str, editions: Collection[str]) -> str:
    """The canonical symbol of a series: ``SMB``, or ``SMB@202403`` for an older edition."""
    newest = max(editions) if editions else ""
    base = canonical(sid)
    return f"{base}@{edition}" if edition and edition != newest else base


def resolve_key(name: str, available: Mapping[str, Collection[str]]) -> tuple[str, str, str]:
    """``(symbol, id, key)`` of the series ``name`` means among ``available``."""
    sid, edition = resolve(name, available)
    key = f"{sid}@{edition}" if edition else sid
    return symbol_of(sid, edition, available[sid]), sid, key


def as_frame(value: pd.DataFrame | pd.Series, symbol: str) -> pd.DataFrame:
    """A frame in the port's shape: DatetimeIndex ``date`` (sorted, unique), float64."""
    frame = value.to_frame("close") if isinstance(value, pd.Series) else value.copy()
    bad = [c for c in frame.columns if c not in COLUMNS]
    if bad:
        raise DataError(f"{symbol}: unknown column(s) {bad}; use {', '.join(COLUMNS)}")
    frame.index = pd.DatetimeIndex(frame.index).normalize()
    frame = frame[~frame.index.duplicated(keep="last")].sort_index().astype("float64")
    frame.index.name = "date"
    return frame


def series_of(frame: pd.DataFrame, symbol: str, column: str) -> pd.Series:
    """One column without missing values, named ``symbol``."""
    if column not in COLUMNS:
        raise DataError(f"unknown column {column!r}; choose among {', '.join(COLUMNS)}")
    if column not in frame.columns or frame[column].isna().all():
        have = [c for c in frame.columns if frame[c].notna().any()]
        hint = "; try column='close'" if column == "adj_close" else ""
        raise DataError(f"{symbol} has no {column} values (it has {', '.join(have)}){hint}")
    s = frame[column].dropna().astype("float64")
    s.name = symbol
    return s


def info_of(
    frame: pd.DataFrame,
    symbol: str,
    origin: str,
    *,
    sid: str = "",
    edition: str = "",
    source: str = "",
) -> SeriesInfo:
    """The :class:`SeriesInfo` of a frame."""
    have = tuple(c for c in frame.columns if frame[c].notna().any())
    valid = frame.dropna(how="all")
    if valid.empty:
        raise DataError(f"{symbol} has no values")
    return SeriesInfo(
        symbol=symbol,
        origin=origin,
        first=pd.Timestamp(valid.index[0]),
        last=pd.Timestamp(valid.index[-1]),
        rows=len(valid),
        columns=have,
        id=sid or symbol,
        edition=edition,
        source=source,
    )


def inventory_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows (dicts with ``id``, ``edition``, ``origin``, ``source``, ``first``, ``last``,
    ``rows``, optional ``name``/``unit``) as the :meth:`DataSource.inventory` frame."""
    rows = list(rows)
    editions: dict[str, list[str]] = {}
    for r in rows:
        editions.setdefault(r["id"], []).append(r.get("edition") or "")
    out = []
    for r in rows:
        known = info(r["id"])
        registered = known.name != known.symbol
        out.append(
            {
                "symbol": symbol_of(r["id"], r.get("edition") or "", editions[r["id"]]),
                "id": r["id"],
                "namespace": split_id(r["id"])[0],
                "edition": r.get("edition") or "",
                "name": r.get("name") or (known.name if registered else ""),
                "unit": r.get("unit") or known.unit,
                "origin": r["origin"],
                "source": r.get("source") or "",
                "first": pd.Timestamp(r["first"]),
                "last": pd.Timestamp(r["last"]),
                "rows": int(r["rows"]),
            }
        )
    frame = pd.DataFrame(out, columns=list(INVENTORY_COLUMNS))
    return frame.sort_values(["namespace", "id", "edition"], kind="stable").reset_index(drop=True)


def last_listed(inventory: pd.DataFrame, empty: str) -> pd.Timestamp:
    """The last date of any listed series of ``inventory`` (``DataError(empty)`` if none)."""
    inv = inventory[[listed(i) for i in inventory["id"]]]
    if inv.empty:
        raise DataError(empty)
    return pd.Timestamp(inv["last"].max())


def futures_frame(prices: pd.DataFrame | None = None) -> pd.DataFrame:
    """Futures prices in the port's shape (:meth:`DataSource.futures`): ``date``
    (datetime64), ``contract`` (``YYYY-MM``), ``price`` (float64), sorted, one row per
    date and contract (the last one given wins); empty with those columns for ``None``.

    Raises
    ------
    DataError
        A missing column.
    """
    if prices is None:
        prices = pd.DataFrame({c: [] for c in FUTURES_COLUMNS})
    missing = [c for c in FUTURES_COLUMNS if c not in prices.columns]
    if missing:
        raise DataError(f"futures prices need the columns {', '.join(FUTURES_COLUMNS)}")
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(prices["date"]).astype("datetime64[ns]").dt.normalize(),
            "contract": prices["contract"].astype(str),
            "price": prices["price"].astype("float64"),
        }
    )
    out = out.drop_duplicates(["date", "contract"], keep="last")
    return out.sort_values(["date", "contract"], kind="stable").reset_index(drop=True)
