"""Kind ``factor_decade``: a factor's compounded return over one calendar decade.

"In the 1990s, small caps trailed big caps by 12.3% (SMB, compounded)." A decade the data
do not cover whole says so ("(from Jul 1, 1926)", "so far (to Mar 28, 2024)").
:func:`decade_frame` is the table of every factor by decade.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("factor_decade", "HML", dt.date(2024, 3, 28), 5.0, "pct", "",
...               window="2020s", start=dt.date(2020, 1, 2),
...               details={"partial_start": False, "partial_end": True}))
'In the 2020s so far (to Mar 28, 2024), value stocks beat growth stocks by 5.0% (HML, compounded).'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from rotascope.data.port import DataSource
from rotascope.errors import DataError, UnknownSymbol
from rotascope.kinds._longview import DECADE_SYMBOLS, move_phrase
from rotascope.kinds.fact import Fact
from rotascope.kinds.factor import factor_returns
from rotascope.kinds.registry import Kind, make, register
from rotascope.measures.longrun import decade_returns
from rotascope.symbols import canonical
from rotascope.wording import fmt_date

__all__ = ["KIND", "decade_facts", "decade_frame", "template"]


def template(f: Fact) -> str:
    """The sentence of a ``factor_decade`` fact."""
    d = f.details
    partial = f" (from {fmt_date(f.start)})" if d.get("partial_start") else ""
    if d.get("partial_end"):
        partial += f" so far (to {fmt_date(f.asof)})"
    return (
        f"In the {f.window}{partial}, {move_phrase(f.subject, f.value)} ({f.subject}, compounded)."
    )


def _tables(
    source: DataSource, symbols: Iterable[str], asof: pd.Timestamp | None
) -> dict[str, pd.DataFrame]:
    syms = tuple(symbols)
    explicit = syms != DECADE_SYMBOLS
    out: dict[str, pd.DataFrame] = {}
    for s in syms:
        sym = canonical(s)
        try:
            r = factor_returns(source, sym, asof)
        except UnknownSymbol:
            if explicit:
                raise
            continue
        out[sym] = decade_returns(r)
    return out


def decade_frame(
    source: DataSource,
    symbols: Iterable[str] = DECADE_SYMBOLS,
    asof: pd.Timestamp | None = None,
    *,
    first_decade: int | None = None,
) -> pd.DataFrame:
    """Compounded factor return per calendar decade, one column per factor.

    A cell is empty when its series began after the decade's first week. The table
    starts at ``first_decade`` (default: the first decade some factor covers from its
    start, 1930 for the 1926 files).

    Returns
    -------
    pandas.DataFrame
        Index ``decade`` labels (``"1930s"``); one float column per factor (fractions,
        0.12 = 12%); ``partial`` (bool: the decade is not over in the data) and
        ``through`` (last date used in that decade).

    Raises
    ------
    DataError
        No factor series to tabulate.
    """
    tables = _tables(source, symbols, asof)
    if not tables:
        raise DataError("no factor series to tabulate")
    decades = sorted({int(d) for t in tables.values() for d in t.index})
    full = [d for t in tables.values() for d in t.index[~t["partial_start"]]]
    start = first_decade if first_decade is not None else (min(full) if full else decades[0])
    rows = []
    for d in (d for d in decades if d >= start):
        row: dict[str, Any] = {"decade": f"{d}s"}
        partial, through = False, None
        for sym, t in tables.items():
            if d not in t.index or bool(t.at[d, "partial_start"]):
                row[sym] = float("nan")
                continue
            row[sym] = float(t.at[d, "value"])
            partial = partial or bool(t.at[d, "partial_end"])
            last = pd.Timestamp(t.at[d, "last"])
            through = last if through is None or last > through else through
        row["partial"] = partial
        row["through"] = through
        rows.append(row)
    return pd.DataFrame(rows).set_index("decade")


def decade_facts(
    source: DataSource,
    symbols: Iterable[str] = DECADE_SYMBOLS,
    asof: pd.Timestamp | None = None,
) -> list[Fact]:
    """One ``factor_decade`` fact per factor and calendar decade (window ``"1930s"``...)."""
    out: list[Fact] = []
    for sym, t in _tables(source, symbols, asof).items():
        for d, row in t.iterrows():
            first, last = pd.Timestamp(row["first"]), pd.Timestamp(row["last"])
            out.append(
                make(
                    "factor_decade",
                    subject=sym,
                    asof=last.date(),
                    value=float(row["value"]) * 100.0,
                    window=str(row["label"]),
                    start=first.date(),
                    basis="total_return",
                    label="decade factor return",
                    details={
                        "decade": int(d),  # type: ignore[call-overload]
                        "partial": bool(row["partial"]),
                        "partial_start": bool(row["partial_start"]),
                        "partial_end": bool(row["partial_end"]),
                        "sessions": int(row["sessions"]),
                    },
                )
            )
    return out


KIND = register(
    Kind(
        "factor_decade",
        "pct",
        template,
        decade_facts,
        "A factor's compounded return over one calendar decade.",
    )
)
