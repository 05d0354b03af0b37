"""Import a whole data tree with ``rotascope data import``: as one folder command, and
file by file in sorted order (one CLI process per file, as a user would type them).

Usage::

    python benchmarks/import_tree.py [--data ../shared/data] [--one-by-one/--no-one-by-one]

Each run starts from an empty ``ROTASCOPE_HOME``. Prints the wall time of the folder
command, of the file-by-file run (total, median and slowest file), the exit code of
every command, the store's series, rows and size, and checks afterwards that both the
stock ``RF`` (Regions Financial) and the Fama-French factor ``ff:RF`` are available and
that the two stores hold the same series (ids, editions, rows). Documentation files
(``SOURCES.md``) are not data and are left out of the file list.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECK = """
import json
from rotascope.data import LocalSource
src = LocalSource()
inv = src.inventory()
stored = inv[inv["origin"] == "store"]
rf_stock, rf_factor = src.series("RF"), src.series("ff:RF")
print(json.dumps({
    "series": int(len(stored)),
    "rows": int(stored["rows"].sum()),
    "keys": sorted(f"{i}@{e}" for i, e in zip(stored["id"], stored["edition"])),
    "rows_by_key": {
        f"{i}@{e}": int(r) for i, e, r in zip(stored["id"], stored["edition"], stored["rows"])
    },
    "RF": [src.info("RF").id, round(float(rf_stock.iloc[-1]), 4), str(rf_stock.index[-1].date())],
    "ff:RF": [src.info("ff:RF").id, src.info("ff:RF").edition, float(rf_factor.iloc[-1])],
    "universes": src.universes(),
    "shiller_last": str(src.shiller().index[-1].date()),
}))
"""


def _run(args: list[str], home: Path) -> tuple[int, float, str]:
    env = {**os.environ, "ROTASCOPE_HOME": str(home), "COLUMNS": "200"}
    t0 = time.perf_counter()
    proc = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    lines = proc.stderr.strip().splitlines()
    return proc.returncode, time.perf_counter() - t0, lines[-1] if lines else ""


def _check(home: Path) -> dict:
    env = {**os.environ, "ROTASCOPE_HOME": str(home)}
    out = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def _size(home: Path) -> float:
    return (home / "rotascope.duckdb").stat().st_size / 2**20


def main() -> None:
    """Run both imports and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("..") / "shared" / "data")
    parser.add_argument("--one-by-one", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    data: Path = args.data.resolve()
    files = sorted(p for p in data.rglob("*") if p.is_file() and p.suffix.lower() not in (".md",))
    docs = sorted(p.name for p in data.rglob("*.md"))
    cli = [sys.executable, "-m", "rotascope.cli.app", "data", "import"]
    print(f"{len(files)} data files under {data} (left out as documentation: {', '.join(docs)})")

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        code, secs, err = _run([*cli, str(data)], home)
        folder = _check(home) if code == 0 else {}
        print(
            f"one folder command: exit {code}, {secs:.1f} s, {folder.get('series')} series, "
            f"{folder.get('rows', 0):,} rows, store {_size(home):.1f} MiB {err}"
        )
        print(f"  RF -> {folder.get('RF')}; ff:RF -> {folder.get('ff:RF')}")
        print(f"  universes {folder.get('universes')}, Shiller to {folder.get('shiller_last')}")

    if not args.one_by_one:
        return
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        times: list[tuple[float, str]] = []
        failed: list[tuple[str, int, str]] = []
        t0 = time.perf_counter()
        for f in files:
            code, secs, err = _run([*cli, str(f)], home)
            times.append((secs, str(f.relative_to(data))))
            if code != 0:
                failed.append((str(f.relative_to(data)), code, err))
        total = time.perf_counter() - t0
        each = _check(home)
        slow = max(times)
        print(
            f"file by file: {len(files)} commands, {len(files) - len(failed)} exit 0, "
            f"{total:.1f} s in all (median {statistics.median(t for t, _ in times):.2f} s, "
            f"slowest {slow[0]:.1f} s: {slow[1]}), {each['series']} series, "
            f"{each['rows']:,} rows, store {_size(home):.1f} MiB"
        )
        for name, code, err in failed:
            print(f"  FAILED {name}: exit {code}: {err}")
        print(f"  RF -> {each['RF']}; ff:RF -> {each['ff:RF']}")
        if folder:
            same = folder["rows_by_key"] == each["rows_by_key"]
            print(f"  same series, editions and rows as the folder command: {same}")


if __name__ == "__main__":
    main()
