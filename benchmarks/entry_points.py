"""Time the entry points a user meets, against a baseline checkout, in one run.

What is timed (each as a whole process or a real HTTP request, on the bundled data with
an empty store, so both trees read the same data):

- ``rotascope facts RUT --versus SPX --asof 2024-07-16`` (warm compile cache);
- ``rotascope report RUT --versus SPX --versus NDX --asof 2024-07-16`` to a file: the
  first after a fresh install (empty compile cache, ``NUMBA_CACHE_DIR`` pointing to a new
  folder) and later ones; the same for the market report (``rotascope report --asof``,
  no subject) where the tree has it;
- the web API on a warm server: ``/api/facts`` for a date or pair not asked before
  (p50 over many), the same requests again (cached), and ``/api/report`` for new dates;
- what the page asks for a new date or pair (its facts view: ``/api/report`` without the
  sections, which have their own views, beside ``/api/facts``; a tree whose page asked
  for the whole report is timed on that);
- each product view of the page on new dates (``/api/market``, ``/api/rotation``,
  ``/api/scan``, ``/api/breadth``, ``/api/valuation``, ``/api/factors``), where the tree
  has the route.

Child processes cache bytecode as on a user's machine (``PYTHONDONTWRITEBYTECODE`` is
removed from their environment); the first run of each tree writes the caches.

Runs alternate between the trees (A B A B ...) so that drift of a shared machine hits
both alike; medians and the ratio current/baseline are printed.

Usage::

    python benchmarks/entry_points.py --baseline ../rotascope-old   # a checkout to compare
    python benchmarks/entry_points.py --repeat 3 --quick             # this tree alone

``--baseline`` is any checkout of rotascope (its ``src`` is put first on PYTHONPATH).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
CLI = "from rotascope.cli.app import main; main()"

#: (subject, versus, asof) asked of the web API, each once cold then once cached.
WEB_CASES: list[tuple[str, str, str]] = [
    (s, v, d)
    for d in ("2024-07-16", "2023-11-14", "2020-03-16", "2022-06-16", "2019-01-04",
              "2015-08-24", "2008-10-13", "2001-09-17")
    for s, v in (("RUT", "SPX"), ("RUT", "NDX"))
]  # fmt: skip
REPORT_DATES = ("2024-07-16", "2023-11-14", "2020-03-16", "2022-06-16")
#: (subject, versus, asof) the page's facts view asks for, each new to the server.
PAGE_CASES: list[tuple[str, str, str]] = [
    (s, v, d)
    for d in ("2021-03-03", "2018-02-05", "2016-06-24", "2011-08-08", "2007-02-27",
              "2013-06-20", "2019-08-05", "2022-09-13")
    for s, v in (("RUT", "SPX"), ("RUT", "NDX"))
]  # fmt: skip
#: Dates each product view is asked for (new to the server).
VIEW_DATES = ("2024-07-16", "2023-11-14", "2020-03-16", "2022-06-16", "2019-01-04", "2015-08-24")
VIEW_ROUTES: dict[str, tuple[str, dict[str, str]]] = {
    "web market view, new date": ("/api/market", {}),
    "web rotation view, new date": ("/api/rotation", {}),
    "web scan view, new date": ("/api/scan", {}),
    "web breadth view, new date": ("/api/breadth", {}),
    "web valuation view, new date": ("/api/valuation", {}),
    "web factors view, new date": ("/api/factors", {"symbol": "SMB"}),
}


@dataclass
class Tree:
    name: str
    src: Path
    home: Path
    numba: Path
    times: dict[str, list[float]] = field(default_factory=dict)

    def env(self, *, numba: Path | None = None) -> dict[str, str]:
        env = os.environ.copy()
        env["PYTHONPATH"] = str(self.src)
        env["ROTASCOPE_HOME"] = str(self.home)
        env["NUMBA_CACHE_DIR"] = str(numba or self.numba)
        env["COLUMNS"] = "120"
        # a user's machine caches bytecode (this sandbox sets PYTHONDONTWRITEBYTECODE,
        # which makes every process compile every module again: ~0.18 s)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env

    def add(self, key: str, value: float) -> None:
        self.times.setdefault(key, []).append(value)


def _run(tree: Tree, args: list[str], *, numba: Path | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CLI, *args],
        env=tree.env(numba=numba),
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{tree.name}: {' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    return took


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _serve(tree: Tree) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    cmd = [
        sys.executable, "-m", "uvicorn", "--factory", "rotascope.web.app:create_app",
        "--host", HOST, "--port", str(port), "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, env=tree.env(), stdout=subprocess.DEVNULL)
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{tree.name}: server did not start")


def _get(client: httpx.Client, url: str, params: dict[str, str]) -> float:
    t0 = time.perf_counter()
    r = client.get(url, params=params)
    took = time.perf_counter() - t0
    if r.status_code != 200:
        raise SystemExit(f"GET {url} {params}: {r.status_code} {r.text[:300]}")
    return took


def _web(
    tree: Tree,
    cases: list[tuple[str, str, str]],
    report_dates: tuple[str, ...],
    page_cases: list[tuple[str, str, str]],
    view_dates: tuple[str, ...],
) -> None:
    proc, base = _serve(tree)
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            # warm the server: the first request pays imports and compilation
            _get(client, "/api/facts", {"subject": "RUT", "versus": "SPX", "asof": "2010-05-06"})
            for label in ("web facts, new date or pair", "web facts, cached"):
                for s, v, d in cases:
                    params = {"subject": s, "versus": v, "asof": d}
                    tree.add(label, _get(client, "/api/facts", params))
            for d in report_dates:
                params = {"subject": "RUT", "versus": "SPX", "asof": d}
                tree.add("web report, new date", _get(client, "/api/report", params))
            paths = set(client.get("/openapi.json").json()["paths"])
            for s, v, d in page_cases:  # the page's facts view: what each tree's page asks
                params = {"subject": s, "versus": v, "asof": d}
                if "/api/market" in paths:  # the page with product views: no sections
                    params["sections"] = "none"
                tree.add("web page facts view, new", _get(client, "/api/report", params))
            for label, (path, extra) in VIEW_ROUTES.items():
                if path not in paths:
                    continue
                for d in view_dates:
                    tree.add(label, _get(client, path, {**extra, "asof": d}))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _cli(tree: Tree, out: Path, fresh: Path) -> None:
    tree.add("cli facts", _run(tree, ["facts", "RUT", "--versus", "SPX", "--asof", "2024-07-16"]))
    html = ["--asof", "2024-07-16", "--out", str(out / f"{tree.name}.html")]
    # the same question in both trees: the Russell 2000 against the S&P 500 and Nasdaq 100
    # (a baseline without the market report answers plain ``report`` with it)
    market_report = (tree.src / "rotascope" / "products" / "market.py").exists()
    subject = ["RUT"] if market_report else ["--subject", "RUT"]  # positional since then
    report = ["report", *subject, "--versus", "SPX", "--versus", "NDX", *html]
    tree.add("cli report, fresh install", _run(tree, report, numba=fresh))
    tree.add("cli report, later", _run(tree, report))
    if market_report:
        market = ["report", *html]  # no subject: the market's story, then the rotation
        tree.add("cli market report, fresh", _run(tree, market, numba=Path(f"{fresh}-market")))
        tree.add("cli market report, later", _run(tree, market))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, help="another rotascope checkout to compare with")
    ap.add_argument("--repeat", type=int, default=5, help="CLI runs per tree (default 5)")
    ap.add_argument("--quick", action="store_true", help="fewer web cases")
    ap.add_argument("--web-only", action="store_true", help="skip the command-line timings")
    args = ap.parse_args(argv)
    cases = WEB_CASES[:4] if args.quick else WEB_CASES
    dates = REPORT_DATES[:1] if args.quick else REPORT_DATES
    page = PAGE_CASES[:4] if args.quick else PAGE_CASES
    views = VIEW_DATES[:2] if args.quick else VIEW_DATES
    with tempfile.TemporaryDirectory(prefix="rotascope-bench-") as tmp:
        root = Path(tmp)
        trees = [Tree("current", HERE / "src", root / "home-current", root / "numba-current")]
        if args.baseline is not None:
            base = args.baseline.resolve()
            trees.append(Tree("baseline", base / "src", root / "home-base", root / "numba-base"))
        for t in trees:
            t.home.mkdir()
            _run(t, ["facts", "RUT", "--asof", "2024-07-16"])  # fill the compile cache
        for i in range(0 if args.web_only else args.repeat):
            for t in trees if i % 2 == 0 else trees[::-1]:
                fresh = root / f"numba-fresh-{t.name}-{i}"
                _cli(t, root, fresh)
            print(f"cli round {i + 1}/{args.repeat} done", file=sys.stderr)
        for t in trees:
            _web(t, cases, dates, page, views)
    _print(trees)


def _print(trees: list[Tree]) -> None:
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f}")
    head = f"{'what':<30}" + "".join(f"{t.name + ' p50':>16}" for t in trees)
    print(head + ("      ratio" if len(trees) > 1 else ""))
    for key in trees[0].times:
        meds = [statistics.median(t.times[key]) if key in t.times else None for t in trees]
        row = f"{key:<30}" + "".join(
            f"{m * 1000:>13.0f} ms" if m is not None else f"{'(n/a)':>16}" for m in meds
        )
        if len(meds) == 2 and meds[0] is not None and meds[1]:
            row += f"   {meds[0] / meds[1]:>8.2f}x"
        n = len(trees[0].times[key])
        print(row + f"   (n={n})")


if __name__ == "__main__":
    main()
