"""Regenerate the reliability figures: run tests/reliability and tabulate what was tried.

Runs ``pytest tests/reliability`` (every test, the long ``reliability``-marked ones
included; ``--quick`` for the default quick set only) with ``ROTASCOPE_RELIABILITY_STATS``
pointing at a temporary file. Each test adds what it tried (fuzz cases, SIGKILLs,
concurrent runs, provider faults, API examples...) to that file. The counts and the
pytest result are then written into the figures table of ``docs/reliability.md``
(between the ``figures`` markers) and printed.

Usage::

    python benchmarks/reliability.py            # full run (about 20-30 min on 2 cores)
    python benchmarks/reliability.py --quick    # the default quick set only
    python benchmarks/reliability.py --no-write # print, leave the docs alone
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "reliability.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"

#: (label, stats keys summed) in table order.
# fmt: off
ROWS: list[tuple[str, tuple[str, ...]]] = [
    ("Importer fuzz cases (files through read_file + Store.import_series)", ("fuzz cases",)),
    ("… imported (and read back exactly)", ("fuzz cases imported",)),
    ("… refused with one DataError naming the file", ("fuzz cases rejected with a DataError",)),
    ("Valid files with one corrupted cell: refused at that line", ("corrupted cells rejected",)),
    ("Valid files with one corrupted cell: accepted, other rows exact",
     ("corrupted cells accepted",)),
    ("SIGKILLs during `rotascope data import`", ("SIGKILLs during an import",)),
    ("… inside the write transaction", ("SIGKILLs inside the write",)),
    ("… at a random moment", ("SIGKILLs at a random time",)),
    ("… store kept the whole import", ("killed imports kept all",)),
    ("… store kept none of the import", ("killed imports kept none",)),
    ("Imports that finished before the kill landed", ("imports that finished before the kill",)),
    ("Concurrent `data import` pairs", ("concurrent import pairs",)),
    ("… imports refused as busy (clean one-line error)", ("concurrent imports refused as busy",)),
    ("Busy-store refusals checked (store byte-identical)", ("busy-store refusals checked",)),
    ("Write transactions while readers read", ("write transactions under readers",)),
    ("Reads during writes (catalog.load)", ("reads during writes",)),
    ("Fact computations during writes", ("fact computations during writes",)),
    ("Provider fault cases (timeouts, resets, 429, 5xx, HTML, layouts…)",
     ("provider fault cases",)),
    ("Fuzzed provider bodies (mutated JSON, truncated, bit-flipped)",
     ("fuzzed provider bodies rejected", "fuzzed provider bodies accepted")),
    ("API examples (schemathesis, in-process)", ("API examples (schemathesis)",)),
    ("API responses with status 5xx", ("API 5xx",)),
    ("Path traversal attempts (all refused)", ("path traversal attempts",)),
    ("Upload abuse cases (403 without --allow-import, 413 oversized)", ("upload abuse cases",)),
    ("Non-loopback `serve --host` bindings warned", ("serve bindings checked",)),
    ("Slow requests answered 503 without stalling others", ("request timeout cases",)),
]
# fmt: on


def run(quick: bool) -> tuple[dict[str, int], str, float, int]:
    """Run the tests; return (stats, pytest's closing line, seconds, exit code)."""
    with tempfile.TemporaryDirectory() as tmp:
        stats_path = Path(tmp) / "stats.json"
        env = {**os.environ, "ROTASCOPE_RELIABILITY_STATS": str(stats_path)}
        marks = "not slow and not browser and not reliability" if quick else "not browser"
        cmd = [sys.executable, "-m", "pytest", "tests/reliability", "-q", "-p",
               "no:cacheprovider", "-m", marks]  # fmt: skip
        t0 = time.monotonic()
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.monotonic() - t0
        stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
    lines = [x for x in proc.stdout.splitlines() if re.search(r"\d+ (passed|failed)", x)]
    closing = lines[-1].strip("= ") if lines else "no result line"
    if proc.returncode:
        sys.stderr.write(proc.stdout[-6000:] + proc.stderr[-2000:])
    return stats, closing, seconds, proc.returncode


def table(stats: dict[str, int], closing: str, seconds: float, quick: bool) -> str:
    out = ["| What was tried | Count |", "| --- | ---: |"]
    for label, keys in ROWS:
        out.append(f"| {label} | {sum(stats.get(k, 0) for k in keys):,} |")
    out.append(f"| Tests (`pytest tests/reliability`{' quick set' if quick else ''}) | "
               f"{closing} |")  # fmt: skip
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out.append("")
    out.append(
        f"Generated by `python benchmarks/reliability.py{' --quick' if quick else ''}` on "
        f"{when} in {seconds / 60:.1f} min ({os.cpu_count()} cores, Python "
        f"{platform.python_version()})."
    )
    return "\n".join(out)


def write_doc(text: str) -> None:
    doc = DOC.read_text()
    if START not in doc or END not in doc:
        raise SystemExit(f"{DOC} has no {START} ... {END} markers")
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{text}\n{END}{tail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the default quick tests")
    parser.add_argument("--no-write", action="store_true", help="do not update the docs")
    args = parser.parse_args()
    stats, closing, seconds, code = run(args.quick)
    text = table(stats, closing, seconds, args.quick)
    print(text)
    print(json.dumps(stats, indent=1, sort_keys=True))
    if not args.no_write:
        write_doc(text)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
