"""Build the compact dataset bundled in ``src/rotascope/datasets/data``.

Reads the raw files in ``../shared/data`` with rotascope's own readers, keeps what the
README's examples need, and writes one ``csv.gz`` per series or table plus
``MANIFEST.json`` with provenance (source files and their SHA-256, rows, date range,
edition):

- daily series: the Russell 2000, S&P 500 and Nasdaq 100 closes, ten ETFs (close and
  adjusted close), the 10- and 2-year Treasury yields, the effective fed funds rate
  (``DFF``, the current rate of ``rotascope fedwatch``, on NYSE sessions only), the
  Fama-French daily factors;
- ``shiller``: Shiller's monthly S&P composite data (every column of his ie_data sheet);
- ``membership/SP500``: S&P 500 membership spells; ``constituents/SP500``: the member
  list with names and sectors;
- ``breadth/SP500``: the S&P 500 breadth series (members above their 50/200-day
  averages, 52-week highs and lows, advancers...) for every date, computed by
  :func:`rotascope.kinds._breadth.breadth_table` from the 501 member close files
  and the membership spells (the closes themselves, 4.3 million rows, are not shipped).

Run from the repository root::

    python scripts/build_bundled.py [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import io
import json
from pathlib import Path

import pandas as pd

from rotascope.sources import read_file
from rotascope.sources.constituents import read_constituents
from rotascope.sources.membership import read_membership
from rotascope.sources.shiller import read_shiller

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rotascope" / "datasets" / "data"

#: id -> (source files in priority order (later files only extend), columns kept)
PLAN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "RUT": (("indices/RUT_ohlc.csv", "indices/RUT_close.csv"), ("close",)),
    "SPX": (("indices/SPX_ohlc.csv",), ("close",)),
    "NDX": (("indices/NDX_ohlc.csv",), ("close",)),
    **{
        etf: ((f"etfs/{etf}.csv",), ("close", "adj_close"))
        for etf in ("IWM", "SPY", "QQQ", "MDY", "RSP", "IWD", "IWF", "IWN", "IWO", "IJR")
    },
    "fred:DGS10": (("fred/DGS10.csv",), ("close",)),
    "fred:DGS2": (("fred/DGS2.csv",), ("close",)),
    "fred:DFF": (("fred/DFF.csv",), ("close",)),
}
#: daily-with-weekends series kept on NYSE sessions only (FRED's DFF repeats Friday's rate
#: on Saturday and Sunday), so that its windows count sessions like every other series
SESSIONS_ONLY = ("fred:DFF",)
#: last date kept, where the source's final row is not a finished session
END: dict[str, str] = {
    # yfinance history() files end on 2025-12-26 with a partial session (SOURCES.md)
    "IWN": "2025-12-24",
    "IWO": "2025-12-24",
}
#: Ken French file -> ids kept (each with the file's edition)
FRENCH = {
    "french/F-F_Research_Data_Factors_daily_202604.csv": (
        "ff:MKT-RF",
        "ff:SMB",
        "ff:HML",
        "ff:RF",
    ),
    "french/F-F_Research_Data_5_Factors_2x3_daily.CSV": ("ff5:RMW", "ff5:CMA"),
    "french/F-F_Momentum_Factor_daily.csv": ("ff:MOM",),
}
SHILLER = "fundamentals/shiller.csv"
SPELLS = "constituents/sp500_ticker_start_end.csv"
MEMBERS = "constituents/constituents.csv"
CLOSES = "constituents/closes"


def sha256(path: Path) -> str:
    """SHA-256 of a file, hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _gzip(text: str, name: str) -> int:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode())
    (OUT / name).write_bytes(buf.getvalue())
    return len(buf.getvalue())


def _provenance(sources: list[Path], shared: Path) -> list[dict[str, str]]:
    return [{"file": p.relative_to(shared).as_posix(), "sha256": sha256(p)} for p in sources]


def file_name(key: str) -> str:
    """A portable file name for a key (``ff:SMB@202604`` -> ``ff_SMB_202604.csv.gz``)."""
    return key.replace(":", "_").replace("@", "_").replace("/", "_") + ".csv.gz"


def write_dated(
    key: str,
    frame: pd.DataFrame,
    sources: list[Path],
    shared: Path,
    *,
    float_format: str | None = "%.10g",
    **extra: object,
) -> dict:
    """Write a dated frame as csv.gz (deterministic bytes) and return its manifest entry.

    Daily series keep 10 significant digits (more than any source file has); tables of
    unrounded floats (Shiller's, the breadth shares) pass ``float_format=None`` (exact).
    """
    frame = frame.sort_index()
    frame.index = frame.index.strftime("%Y-%m-%d")
    frame.index.name = "date"
    name = file_name(key)
    _gzip(frame.to_csv(float_format=float_format, lineterminator="\n"), name)
    return {
        "file": name,
        "columns": list(frame.columns),
        "rows": len(frame),
        "first": frame.index[0],
        "last": frame.index[-1],
        "sources": _provenance(sources, shared),
        **extra,
    }


def build_series(shared: Path, manifest: dict) -> None:
    """The daily series of :data:`PLAN` and :data:`FRENCH`."""
    for sid, (files, columns) in PLAN.items():
        paths = [shared / f for f in files]
        frame: pd.DataFrame | None = None
        unit = "price"
        for path in paths:
            (parsed,) = read_file(path)
            assert parsed.symbol == sid, (parsed.symbol, sid)
            unit = parsed.unit
            part = parsed.frame[[c for c in columns if c in parsed.frame.columns]]
            if frame is None:
                frame = part
            else:  # later files only extend the series past its last date
                frame = pd.concat([frame, part[part.index > frame.index.max()]])
        assert frame is not None
        if sid in END:
            frame = frame[frame.index <= END[sid]]
        if sid in SESSIONS_ONLY:
            from rotascope.calendar import nyse_sessions

            frame = frame[frame.index.isin(nyse_sessions(frame.index[0], frame.index[-1]))]
        manifest["series"][sid] = write_dated(
            sid, frame, paths, shared, id=sid, edition="", unit=unit
        )
        first, last = frame.index.min().date(), frame.index.max().date()
        print(f"{sid:12s} {len(frame):6d} rows  {first} .. {last}")
    for file, ids in FRENCH.items():
        path = shared / file
        for parsed in read_file(path):
            if parsed.symbol in ids:
                manifest["series"][parsed.key] = write_dated(
                    parsed.key,
                    parsed.frame[["close"]],
                    [path],
                    shared,
                    id=parsed.symbol,
                    edition=parsed.edition,
                    unit=parsed.unit,
                )
                print(f"{parsed.key:20s} {parsed.rows:6d} rows  from {file}")


def member_closes(shared: Path) -> pd.DataFrame:
    """Every member close file as one (dates x tickers) matrix, read by rotascope."""
    cols = {}
    for path in sorted((shared / CLOSES).glob("*.csv")):
        (parsed,) = read_file(path)
        cols[parsed.symbol] = parsed.frame["close"]
    return pd.DataFrame(cols).sort_index()


def breadth(shared: Path) -> pd.DataFrame:
    """The S&P 500 breadth table over every date, with rotascope's own code."""
    from rotascope.kinds._breadth import Universe, breadth_table

    spells = read_membership(shared / SPELLS)
    closes = member_closes(shared)
    return breadth_table(Universe("SP500", closes, spells))


def build_tables(shared: Path, manifest: dict) -> None:
    """Shiller's data, the S&P 500 membership and member list, and its breadth series."""
    tables = manifest["tables"]
    path = shared / SHILLER
    frame = read_shiller(path)
    tables["shiller"] = write_dated(
        "shiller", frame, [path], shared, float_format=None, edition=f"{frame.index[-1]:%Y%m}"
    )
    print(f"shiller      {len(frame):6d} rows  {frame.index[0]:%Y-%m} .. {frame.index[-1]:%Y-%m}")

    path = shared / SPELLS
    spells = read_membership(path)
    text = spells.assign(
        start=spells["start"].dt.strftime("%Y-%m-%d"),
        end=spells["end"].dt.strftime("%Y-%m-%d").fillna(""),
    ).to_csv(index=False, lineterminator="\n")
    _gzip(text, "membership_SP500.csv.gz")
    tables["membership/SP500"] = {
        "file": "membership_SP500.csv.gz",
        "rows": len(spells),
        "tickers": int(spells["ticker"].nunique()),
        "first": f"{spells['start'].min():%Y-%m-%d}",
        "last": f"{max(spells['start'].max(), spells['end'].max()):%Y-%m-%d}",
        "sources": _provenance([path], shared),
    }
    print(f"membership   {len(spells):6d} spells")

    path = shared / MEMBERS
    members = read_constituents(path)
    _gzip(members.to_csv(index=False, lineterminator="\n"), "constituents_SP500.csv.gz")
    tables["constituents/SP500"] = {
        "file": "constituents_SP500.csv.gz",
        "rows": len(members),
        "columns": list(members.columns),
        "sources": _provenance([path], shared),
    }
    print(f"constituents {len(members):6d} members")

    table = breadth(shared)
    table = table[table["members"] > 0]
    closes = sorted((shared / CLOSES).glob("*.csv"))
    tables["breadth/SP500"] = write_dated(
        "breadth_SP500",
        table,
        [shared / SPELLS],
        shared,
        float_format=None,
        built_with="rotascope.kinds._breadth.breadth_table",
        closes={
            "folder": CLOSES,
            "files": len(closes),
            "sha256_of_sorted_file_hashes": hashlib.sha256(
                "".join(sha256(p) for p in closes).encode()
            ).hexdigest(),
        },
    )
    first, last = table.index.min().date(), table.index.max().date()
    print(f"breadth      {len(table):6d} rows  {first} .. {last}")


def main() -> None:
    """Build every bundled series and table, and the manifest."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    shared: Path = args.shared.resolve()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.csv.gz"):
        old.unlink()
    manifest: dict = {
        "built": dt.date.today().isoformat(),
        "built_by": "scripts/build_bundled.py",
        "origin": "../shared/data (see its SOURCES.md): public mirrors of Yahoo Finance, "
        "FRED, the Kenneth R. French Data Library, Robert Shiller's online data and S&P 500 "
        "membership lists",
        "series": {},
        "tables": {},
    }
    build_series(shared, manifest)
    build_tables(shared, manifest)
    (OUT / "MANIFEST.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(
        f"bundled dataset: {len(manifest['series'])} series and {len(manifest['tables'])} "
        f"tables, {total / 1e6:.2f} MB in {OUT}"
    )


if __name__ == "__main__":
    main()
