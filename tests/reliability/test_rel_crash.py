"""Crash safety: ``rotascope data import`` SIGKILLed at random points, again and again.

Each round writes new files (new symbols, plus a file that extends a stored series),
starts ``rotascope data import`` in a subprocess and kills it with SIGKILL either at a
random moment or just after the store file starts changing (inside the transaction).
After every kill:

* the store opens and ``rotascope data check`` passes (row counts, date order, no
  duplicates, checksums against what the last successful import recorded);
* the round's import is there entirely or not at all;
* the lock file the dead process left behind does not block the next writer
  (``ROTASCOPE_LOCK_TIMEOUT`` is short, so a stale lock would fail the next round).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from reliability_support import TALLY, rotascope_cmd, run_cli, synthetic
from typer.testing import CliRunner

from rotascope.cli.app import build_app
from rotascope.store import Store

LOCK_ENV = {"ROTASCOPE_LOCK_TIMEOUT": "5"}


class Rounds:
    """Files for successive import rounds into one store, and what each should add."""

    def __init__(self, home: Path, files: int, rows: int) -> None:
        self.home = home
        self.files, self.rows = files, rows
        self.store = Store(home / "rotascope.duckdb", timeout=30)
        base = synthetic("BASE", 1000, seed=3)
        self.base = base.frame["close"]
        self.store.import_series([base])

    def write(self, k: int) -> tuple[list[Path], dict[str, pd.Series]]:
        """Round ``k``: ``files`` new symbols and a BASE file extended by 25 sessions."""
        folder = self.home / f"round{k}"
        folder.mkdir()
        want: dict[str, pd.Series] = {}
        days = np.datetime64("1800-01-01", "D") + np.arange(self.rows) * 1
        rng = np.random.default_rng(k)
        for j in range(self.files):
            sym = f"R{k}X{j}"
            v = np.round(100 * np.exp(np.cumsum(rng.normal(0, 0.01, self.rows))), 6)
            frame = pd.DataFrame({"Date": np.datetime_as_string(days), "Close": v})
            frame.to_csv(folder / f"{sym}.csv", index=False, float_format="%.17g")
            want[sym] = pd.Series(v, index=pd.DatetimeIndex(days.astype("datetime64[ns]")))
        last = self.base.index[-1]
        more = pd.bdate_range(last + pd.offsets.BDay(1), periods=25).as_unit("ns")
        ext = pd.concat([self.base, pd.Series(np.linspace(50, 60, 25), index=more)])
        pd.DataFrame({"Date": ext.index.strftime("%Y-%m-%d"), "Close": ext.to_numpy()}).to_csv(
            folder / "BASE.csv", index=False, float_format="%.17g"
        )
        want["BASE"] = ext
        return [folder], want

    def state(self, want: dict[str, pd.Series]) -> str:
        """``"all"`` or ``"none"`` of a round's import (fails the test on anything else)."""
        stored = set(self.store.symbols())
        new = [s for s in want if s != "BASE"]
        present = [s for s in new if s in stored]
        base = self.store.load("BASE")["close"]
        extended = len(base) == len(want["BASE"])
        if not present and not extended:
            assert len(base) == len(self.base)
            np.testing.assert_array_equal(base.to_numpy(), self.base.to_numpy())
            return "none"
        assert len(present) == len(new) and extended, (
            f"half an import: {len(present)}/{len(new)} new series, BASE extended={extended}"
        )
        for sym, series in want.items():
            got = self.store.load(sym)["close"]
            np.testing.assert_array_equal(got.index.to_numpy(), series.index.to_numpy())
            np.testing.assert_array_equal(got.to_numpy(), series.to_numpy())
        self.base = want["BASE"]
        return "all"


def check_cli(home: Path) -> None:
    """``rotascope data check`` (in-process through Typer) exits 0."""
    result = CliRunner().invoke(
        build_app(), ["data", "check"], env={"ROTASCOPE_HOME": str(home), **LOCK_ENV}
    )
    assert result.exit_code == 0, result.output
    assert "store OK" in result.output


def kill_during_import(rounds: Rounds, k: int, rng: random.Random, *, max_delay: float) -> str:
    """One round: start the import, SIGKILL it, verify; return what was kept."""
    paths, want = rounds.write(k)
    db = rounds.store.path
    wal = db.with_name(db.name + ".wal")
    before = db.stat().st_mtime_ns
    env = {**os.environ, "ROTASCOPE_HOME": str(rounds.home), **LOCK_ENV}
    proc = subprocess.Popen(
        [*rotascope_cmd(), "data", "import", *map(str, paths)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    in_write = rng.random() < 0.5  # half the kills inside the transaction
    t0 = time.monotonic()
    delay = rng.uniform(0, max_delay)
    while proc.poll() is None:
        started = wal.exists() or db.stat().st_mtime_ns != before
        if (in_write and started) or (not in_write and time.monotonic() - t0 >= delay):
            if in_write:
                time.sleep(rng.uniform(0, 0.05))
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.002)
    code = proc.wait(timeout=300)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if code == -signal.SIGKILL:
        TALLY["SIGKILLs during an import"] += 1
        TALLY[f"SIGKILLs {'inside the write' if in_write else 'at a random time'}"] += 1
    else:
        assert code == 0, err  # finished before the kill landed
        TALLY["imports that finished before the kill"] += 1
    assert rounds.store.lock_path.exists()  # the dead process's lock file stays behind
    check_cli(rounds.home)
    assert rounds.store.check().ok
    state = rounds.state(want)
    TALLY[f"killed imports kept {state}"] += code == -signal.SIGKILL
    return state


def import_in_process(rounds: Rounds, k: int) -> None:
    """A round run to completion through the CLI in this process (fast)."""
    paths, want = rounds.write(k)
    result = CliRunner().invoke(
        build_app(),
        ["data", "import", *map(str, paths)],
        env={"ROTASCOPE_HOME": str(rounds.home), **LOCK_ENV},
    )
    assert result.exit_code == 0, result.output
    assert rounds.state(want) == "all"


def crash_rounds(
    home: Path, kills: int, *, files: int, rows: int, seed: int, max_delay: float | None
) -> list[str]:
    """``kills`` killed rounds, then one that must complete; ``max_delay`` None = measure."""
    rounds = Rounds(home, files, rows)
    rng = random.Random(seed)
    start = 0
    if max_delay is None:  # time one whole import in a subprocess: kills fall inside it
        paths, want = rounds.write(0)
        t0 = time.monotonic()
        done = run_cli(["data", "import", *map(str, paths)], home, env=LOCK_ENV)
        max_delay = time.monotonic() - t0
        assert done.returncode == 0, done.stderr
        assert rounds.state(want) == "all"
        start = 1
    out: list[str] = []
    k = start
    while len(out) < kills and k < start + 3 * kills:  # until `kills` kills have landed
        before = TALLY["SIGKILLs during an import"]
        state = kill_during_import(rounds, k, rng, max_delay=max_delay)
        if TALLY["SIGKILLs during an import"] > before:
            out.append(state)
        k += 1
    assert len(out) == kills
    # a writer after all those kills is not blocked by their lock files
    import_in_process(rounds, k)
    check_cli(home)
    return out


def test_two_kills_leave_all_or_nothing(tmp_path: Path) -> None:
    crash_rounds(tmp_path, 2, files=3, rows=3000, seed=1, max_delay=3.0)


@pytest.mark.reliability
def test_twenty_kills_leave_all_or_nothing(tmp_path: Path) -> None:
    states = crash_rounds(tmp_path, 20, files=8, rows=40_000, seed=2, max_delay=None)
    assert set(states) <= {"all", "none"}
    assert TALLY["SIGKILLs inside the write"] > 0
