"""Build the compact dataset bundled in ``src/rotascope/datasets/data``.

Reads the raw files in ``../shared/data`` with rotascope's own importers, keeps the
columns the main job needs, and writes one ``csv.gz`` per series plus
``MANIFEST.json`` with provenance (source files and their SHA-256, rows, date range).

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

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rotascope" / "datasets" / "data"

#: symbol -> (source files in priority order (later files only extend), columns kept)
PLAN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "RUT": (("indices/RUT_ohlc.csv", "indices/RUT_close.csv"), ("close",)),
    "SPX": (("indices/SPX_ohlc.csv",), ("close",)),
    "NDX": (("indices/NDX_ohlc.csv",), ("close",)),
    **{
        etf: ((f"etfs/{etf}.csv",), ("close", "adj_close"))
        for etf in ("IWM", "SPY", "QQQ", "MDY", "RSP", "IWD", "IWF", "IWN", "IWO", "IJR")
    },
    "DGS10": (("fred/DGS10.csv",), ("close",)),
    "DGS2": (("fred/DGS2.csv",), ("close",)),
}
#: last date kept, where the source's final row is not a finished session
END: dict[str, str] = {
    # yfinance history() files end on 2025-12-26 with a partial session (SOURCES.md)
    "IWN": "2025-12-24",
    "IWO": "2025-12-24",
}
FRENCH = {
    "french/F-F_Research_Data_Factors_daily_202604.csv": ("MKT-RF", "SMB", "HML", "RF"),
    "french/F-F_Research_Data_5_Factors_2x3_daily.CSV": ("RMW", "CMA"),
    "french/F-F_Momentum_Factor_daily.csv": ("MOM",),
}


def sha256(path: Path) -> str:
    """SHA-256 of a file, hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_series(symbol: str, frame: pd.DataFrame, sources: list[Path], unit: str) -> dict:
    """Write one series as csv.gz (deterministic bytes) and return its manifest entry."""
    frame = frame.sort_index()
    frame.index = frame.index.strftime("%Y-%m-%d")
    frame.index.name = "date"
    text = frame.to_csv(float_format="%.10g", lineterminator="\n")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode())
    name = f"{symbol}.csv.gz"
    (OUT / name).write_bytes(buf.getvalue())
    return {
        "file": name,
        "unit": unit,
        "columns": list(frame.columns),
        "rows": len(frame),
        "first": frame.index[0],
        "last": frame.index[-1],
        "sources": [
            {"file": str(p.relative_to(p.parents[1])), "sha256": sha256(p)} for p in sources
        ],
    }


def main() -> None:
    """Build every bundled series and the manifest."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    shared: Path = args.shared
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.csv.gz"):
        old.unlink()
    manifest: dict = {
        "built": dt.date.today().isoformat(),
        "built_by": "scripts/build_bundled.py",
        "origin": "../shared/data (see its SOURCES.md): public mirrors of Yahoo Finance, "
        "FRED and the Kenneth R. French Data Library",
        "series": {},
    }
    for symbol, (files, columns) in PLAN.items():
        paths = [shared / f for f in files]
        frame: pd.DataFrame | None = None
        unit = "price"
        for path in paths:
            (parsed,) = read_file(path, symbol=symbol)
            unit = parsed.unit
            part = parsed.frame[[c for c in columns if c in parsed.frame.columns]]
            if frame is None:
                frame = part
            else:  # later files only extend the series past its last date
                frame = pd.concat([frame, part[part.index > frame.index.max()]])
        assert frame is not None
        if symbol in END:
            frame = frame[frame.index <= END[symbol]]
        manifest["series"][symbol] = write_series(symbol, frame, paths, unit)
        print(
            f"{symbol:7s} {len(frame):6d} rows  {frame.index.min().date()} .. "
            f"{frame.index.max().date()}"
        )
    for file, symbols in FRENCH.items():
        path = shared / file
        for parsed in read_file(path):
            if parsed.symbol in symbols:
                frame = parsed.frame[["close"]]
                manifest["series"][parsed.symbol] = write_series(
                    parsed.symbol, frame, [path], parsed.unit
                )
                print(f"{parsed.symbol:7s} {len(frame):6d} rows  from {file}")
    (OUT / "MANIFEST.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"bundled dataset: {len(manifest['series'])} series, {total / 1e6:.2f} MB in {OUT}")


if __name__ == "__main__":
    main()
