"""Bounded load check of ``rotascope serve`` on 127.0.0.1 only.

Starts the app in a uvicorn subprocess bound to 127.0.0.1 on a free port, then sends a
fixed number of requests at a fixed concurrency with ``httpx.AsyncClient`` over varied
as-of dates, and prints p50/p90/p99 latency, throughput and the error count (any status
other than 200, or a transport error, counts as an error).

Request mix (seeded): 70% ``/api/facts`` (RUT vs SPX, a random session 1990-2024, random
windows), 10% ``/api/sessions``, 5% ``/api/symbols``, 10% ``/api/report`` on one of eight
dates, 5% ``/api/study`` (ret>1%, length 3-6) on one of eight dates.

Usage::

    python benchmarks/load_web.py                # 2,000 requests, concurrency 20
    python benchmarks/load_web.py -n 500 -c 10

It never talks to anything but the server it started on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict

import httpx

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable, "-m", "uvicorn", "--factory", "rotascope.web.app:create_app",
        "--host", HOST, "--port", str(port), "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    return subprocess.Popen(cmd, env=os.environ.copy())


def wait_ready(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not start")


def plan(n: int, sessions: list[str], seed: int) -> list[tuple[str, str, dict | list]]:
    """The request list: (label, path, params)."""
    rng = random.Random(seed)
    pool = [d for d in sessions if "1990-01-01" <= d <= "2024-12-31"]
    report_dates = rng.sample(pool, 8)
    study_dates = rng.sample(pool, 8)
    out: list[tuple[str, str, dict | list]] = []
    for _ in range(n):
        r = rng.random()
        if r < 0.70:
            wins = rng.sample([1, 5, 21, 63, 252], rng.randint(1, 3))
            params = [("subject", "RUT"), ("versus", "SPX"), ("asof", rng.choice(pool))]
            params += [("window", str(w)) for w in wins]
            out.append(("facts", "/api/facts", params))
        elif r < 0.80:
            out.append(("sessions", "/api/sessions", {"symbol": rng.choice(["RUT", "SPX"])}))
        elif r < 0.85:
            out.append(("symbols", "/api/symbols", {}))
        elif r < 0.95:
            params = {"subject": "RUT", "versus": "NDX", "asof": rng.choice(report_dates)}
            out.append(("report", "/api/report", params))
        else:
            params = {"subject": "RUT", "condition": "ret>1%", "length": rng.randint(3, 6),
                      "asof": rng.choice(study_dates)}  # fmt: skip
            out.append(("study", "/api/study", params))
    return out


async def run(base: str, todo: list[tuple[str, str, dict | list]], concurrency: int) -> dict:
    queue: asyncio.Queue[tuple[str, str, dict | list]] = asyncio.Queue()
    for item in todo:
        queue.put_nowait(item)
    lat: dict[str, list[float]] = defaultdict(list)
    codes: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def worker() -> None:
            while True:
                try:
                    label, path, params = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t0 = time.perf_counter()
                try:
                    resp = await client.get(path, params=params)
                    code = str(resp.status_code)
                    await resp.aread()
                except httpx.HTTPError as exc:
                    code = type(exc).__name__
                lat[label].append(time.perf_counter() - t0)
                codes[code] += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return {"lat": lat, "codes": codes, "wall": wall}


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 1000) - 1]


def report(title: str, res: dict, args: argparse.Namespace) -> int:
    """Print one run's figures; return its error count."""
    lat, codes, wall = res["lat"], res["codes"], res["wall"]
    every = sorted(x for v in lat.values() for x in v)
    errors = sum(n for code, n in codes.items() if code != "200")
    print(f"\n{args.requests} requests, concurrency {args.concurrency}, {HOST} only - {title}")
    print(f"wall {wall:.1f} s, throughput {len(every) / wall:.0f} req/s")
    print(f"latency all: p50 {pct(every, 0.5) * 1000:.1f} ms, p90 {pct(every, 0.9) * 1000:.1f} ms,"
          f" p99 {pct(every, 0.99) * 1000:.1f} ms, max {every[-1] * 1000:.0f} ms")  # fmt: skip
    for label in sorted(lat):
        v = sorted(lat[label])
        print(f"  {label:9s} n={len(v):5d}  p50 {pct(v, 0.5) * 1000:8.1f} ms  "
              f"p99 {pct(v, 0.99) * 1000:8.1f} ms  max {v[-1] * 1000:8.0f} ms")  # fmt: skip
    print(f"status codes: {dict(codes)}; errors: {errors}")
    return errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--requests", type=int, default=2000)
    ap.add_argument("-c", "--concurrency", type=int, default=20)
    ap.add_argument("--seed", type=int, default=20240716)
    ap.add_argument("--warm", action="store_true", help="repeat the same requests once cached")
    args = ap.parse_args()
    if not 1 <= args.requests <= 20_000 or not 1 <= args.concurrency <= 100:
        raise SystemExit("keep it bounded: requests 1..20000, concurrency 1..100")

    port = free_port()
    base = f"http://{HOST}:{port}"
    proc = start_server(port)
    try:
        wait_ready(base)
        sessions = httpx.get(base + "/api/sessions", params={"symbol": "RUT"}).json()["dates"]
        todo = plan(args.requests, sessions, args.seed)
        res = asyncio.run(run(base, todo, args.concurrency))
        warm = asyncio.run(run(base, todo, args.concurrency)) if args.warm else None
    finally:
        proc.terminate()
        proc.wait(10)

    errors = report("cold server (caches empty at start)", res, args)
    if warm is not None:
        errors += report("warm: the same requests again (served from the result cache)", warm, args)
    print(f"errors in all: {errors}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
