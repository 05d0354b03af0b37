"""Writers serialise through the store lock; a writer that waits too long gets StoreBusyError."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from rotascope.errors import StoreBusyError
from rotascope.sources import ParsedSeries
from rotascope.store import Store
from rotascope.store._lock import store_lock


def one(symbol: str) -> ParsedSeries:
    frame = pd.DataFrame(
        {"close": [1.0, 2.0]},
        index=pd.DatetimeIndex(pd.to_datetime(["2024-01-02", "2024-01-03"]).as_unit("ns"),
                               name="date"),
    )  # fmt: skip
    return ParsedSeries(symbol, frame, f"{symbol}.csv", "single_column", "price")


def test_writer_gives_up_with_store_busy(rotascope_home: Path) -> None:
    store = Store(timeout=0.2)
    store.import_series([one("AAA")])
    with store_lock(store.lock_path, exclusive=True), pytest.raises(StoreBusyError, match="busy"):
        store.import_series([one("BBB")])
    with store_lock(store.lock_path, exclusive=True), pytest.raises(StoreBusyError):
        store.symbols()  # readers wait for writers too
    assert store.symbols() == ["AAA"]


def test_writer_waits_for_the_lock(rotascope_home: Path) -> None:
    store = Store(timeout=30)
    held = threading.Event()

    def hold() -> None:
        with store_lock(store.lock_path, exclusive=True):
            held.set()
            time.sleep(0.5)

    t = threading.Thread(target=hold)
    t.start()
    held.wait()
    result = store.import_series([one("AAA")])  # blocks until the thread lets go
    t.join()
    assert result.series[0].status == "new"
    assert store.symbols() == ["AAA"]


def test_two_processes_import_at_once(rotascope_home: Path) -> None:
    code = (
        "import sys, pandas as pd\n"
        "from rotascope.sources import ParsedSeries\n"
        "from rotascope.store import Store\n"
        "sym = sys.argv[1]\n"
        "idx = pd.DatetimeIndex(pd.bdate_range('2000-01-03', periods=3000).as_unit('ns'), "
        "name='date')\n"
        "f = pd.DataFrame({'close': range(1, 3001)}, index=idx).astype(float)\n"
        "for i in range(5):\n"
        "    Store().import_series([ParsedSeries(f'{sym}{i}', f, 'x', 'single_column', 'price')])\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, s]) for s in ("AA", "BB")]
    assert [p.wait(timeout=240) for p in procs] == [0, 0]
    store = Store()
    assert store.symbols() == sorted(f"{s}{i}" for s in ("AA", "BB") for i in range(5))
    assert store.check().ok
