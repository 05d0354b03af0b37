"""Concurrency: two writers at once, and readers while a writer works.

* Two ``rotascope data import`` processes started together both succeed (they
  serialise on the store lock), or, with a short ``ROTASCOPE_LOCK_TIMEOUT``, the loser
  exits with the one-line "store is busy ... retry" error and changes nothing.
* Reader processes loading a series through :func:`rotascope.catalog.load` (and
  computing facts on it) while another process keeps extending it only ever see a
  complete import: the length is a whole number of import steps and every value is
  the value that step wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from reliability_support import TALLY, read_loop, rotascope_cmd, store_digest

from rotascope.cli.app import main
from rotascope.store import Store
from rotascope.store._lock import store_lock


def write_files(folder: Path, prefix: str, files: int, rows: int) -> dict[str, np.ndarray]:
    folder.mkdir(parents=True)
    days = np.datetime_as_string(np.datetime64("1900-01-01", "D") + np.arange(rows))
    out = {}
    for j in range(files):
        v = np.round(np.linspace(10, 20, rows) + j, 6)
        pd.DataFrame({"Date": days, "Close": v}).to_csv(
            folder / f"{prefix}{j}.csv", index=False, float_format="%.17g"
        )
        out[f"{prefix}{j}"] = v
    return out


def start_import(home: Path, folder: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*rotascope_cmd(), "data", "import", str(folder)],
        env={**os.environ, "ROTASCOPE_HOME": str(home), "COLUMNS": "200", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def two_writers(home: Path, k: int, *, timeout: str | None, files: int, rows: int) -> list[int]:
    """Start two imports together; return their exit codes after checking the store."""
    a = write_files(home / f"a{k}", f"A{k}X", files, rows)
    b = write_files(home / f"b{k}", f"B{k}X", files, rows)
    env = {} if timeout is None else {"ROTASCOPE_LOCK_TIMEOUT": timeout}
    procs = [start_import(home, home / f"{x}{k}", env) for x in "ab"]
    codes = []
    for p in procs:
        _, err = p.communicate(timeout=600)
        codes.append(p.returncode)
        if p.returncode != 0:  # only ever the clear busy error
            assert p.returncode == 2, err
            assert "store is busy" in err and "retry" in err, err
            assert "Traceback" not in err
            TALLY["concurrent imports refused as busy"] += 1
    TALLY["concurrent import pairs"] += 1
    store = Store(home / "rotascope.duckdb")
    stored = set(store.symbols())
    for code, want in zip(codes, (a, b), strict=True):
        for sym, values in want.items():
            if code == 0:
                np.testing.assert_array_equal(store.load(sym)["close"].to_numpy(), values)
            else:
                assert sym not in stored
    assert store.check().ok
    return codes


def test_two_imports_at_once_serialise(tmp_path: Path) -> None:
    assert two_writers(tmp_path, 0, timeout=None, files=2, rows=2000) == [0, 0]


def test_busy_store_gives_the_retry_error_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``rotascope data import`` (in-process) while another holder keeps the lock."""
    monkeypatch.setenv("ROTASCOPE_HOME", str(tmp_path))
    monkeypatch.setenv("ROTASCOPE_LOCK_TIMEOUT", "0.3")
    store = Store(tmp_path / "rotascope.duckdb")
    write_files(tmp_path / "first", "F", 1, 10)
    main(["data", "import", str(tmp_path / "first")])
    write_files(tmp_path / "second", "S", 1, 10)
    before = store_digest(store.path)
    capsys.readouterr()
    # a reader holds the lock
    with store_lock(store.lock_path, exclusive=False, timeout=5), pytest.raises(SystemExit) as ex:
        main(["data", "import", str(tmp_path / "second")])
    err = capsys.readouterr().err
    assert ex.value.code == 2
    assert "store is busy" in err and "retry" in err
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    assert store_digest(store.path) == before
    assert store.symbols() == ["F0"]
    TALLY["busy-store refusals checked"] += 1


@pytest.mark.reliability
def test_many_import_pairs(tmp_path: Path) -> None:
    outcomes = []
    for k in range(6):
        outcomes += two_writers(tmp_path, k, timeout=None, files=4, rows=20_000)
    assert set(outcomes) == {0}
    for k in range(6, 12):  # short timeout: a loser may give up, cleanly
        outcomes += two_writers(tmp_path, k, timeout="0.05", files=4, rows=20_000)
    assert set(outcomes) <= {0, 2}


# -- readers during writes ----------------------------------------------------------

STEP = 250

WRITER = """
import sys, numpy as np, pandas as pd
from rotascope.sources import ParsedSeries
from rotascope.cli.app import main
from rotascope.store import Store
step, rounds = int(sys.argv[1]), int(sys.argv[2])
for m in range(1, rounds + 1):
    n = m * step
    idx = pd.DatetimeIndex(pd.bdate_range("1990-01-02", periods=n).as_unit("ns"), name="date")
    v = np.round(100 * 1.0005 ** np.arange(n), 6)
    frames = [pd.DataFrame({"close": v * (1 + j)}, index=idx) for j in range(3)]
    Store().import_series([ParsedSeries(f"W{j}", f, "w.csv", "single_column", "price")
                           for j, f in enumerate(frames)])
"""

READER = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from reliability_support import read_loop
out = read_loop(int(sys.argv[1]), Path(sys.argv[2]), with_facts=sys.argv[3] == "1")
print(json.dumps(out))
"""


def readers_during_writes(home: Path, rounds: int, readers: int, with_facts: bool) -> None:
    """One writer process; ``readers`` reader processes, or one reader here when 0."""
    env = {**os.environ, "ROTASCOPE_HOME": str(home)}
    done = home / "writer-done"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(STEP), str(rounds)], env=env, stderr=subprocess.PIPE
    )
    here = str(Path(__file__).parent)
    flag = "1" if with_facts else "0"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(STEP), str(done), flag, here],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(readers)
    ]
    reports = []
    if not readers:  # read in this process while the writer works
        old = os.environ.get("ROTASCOPE_HOME")
        os.environ["ROTASCOPE_HOME"] = str(home)
        try:
            watcher = threading.Thread(target=lambda: (writer.wait(900), done.touch()))
            watcher.start()
            reports.append(read_loop(STEP, done, with_facts=with_facts))
            watcher.join()
        finally:
            if old is None:
                del os.environ["ROTASCOPE_HOME"]
            else:
                os.environ["ROTASCOPE_HOME"] = old
    _, werr = writer.communicate(timeout=900)
    assert writer.returncode == 0, werr
    done.touch()
    for p in procs:
        out, err = p.communicate(timeout=900)
        assert p.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    for report in reports:
        assert report["bad"] == [], report["bad"][:5]
        lengths = set(report["seen"])
        assert max(lengths) == rounds * STEP  # the final read sees everything
        TALLY["reads during writes"] += len(report["seen"])
        TALLY["distinct versions seen by readers"] += len(lengths)
        TALLY["fact computations during writes"] += report["facts"][0]
    TALLY["write transactions under readers"] += rounds
    assert Store(home / "rotascope.duckdb").check().ok


def test_readers_never_see_half_an_import(tmp_path: Path) -> None:
    readers_during_writes(tmp_path, rounds=4, readers=0, with_facts=False)


@pytest.mark.reliability
def test_readers_and_facts_during_many_imports(tmp_path: Path) -> None:
    readers_during_writes(tmp_path, rounds=40, readers=2, with_facts=True)
