"""``rotascope data update --all`` on recorded responses (respx; no network).

Every stored and bundled series is brought current from its provider; an interrupted run
resumes without downloading again what it already imported; the summary says what changed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import respx
from recorded_providers import FRENCH_FILES, NEW_DAYS, Recorded

from rotascope.cli.app import main
from rotascope.data import LocalSource, clear_cache
from rotascope.datasets import bundled_available, load_bundled
from rotascope.store import Store
from rotascope.store.update import state_path


def run(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


@pytest.fixture(autouse=True)
def _fresh_cache(rotascope_home: Path) -> None:
    clear_cache()


def test_update_all_brings_every_stored_and_bundled_series_current(
    rotascope_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recorded = Recorded()
    with respx.mock() as mock:
        recorded.mount(mock)
        assert run("data", "update", "--all") == 0
    out = capsys.readouterr().out
    tickers = [s for s in bundled_available() if ":" not in s]
    # one download per ticker and FRED series, one per Ken French dataset
    assert {c for c in recorded.calls} == (
        {f"yahoo {t}" for t in ("^RUT", "^GSPC", "^NDX")}
        | {f"yahoo {t}" for t in tickers if t not in ("RUT", "SPX", "NDX")}
        | {"fred DGS10", "fred DGS2", "fred DFF"}
        | {f"french {n}" for n in FRENCH_FILES}
    )
    assert set(recorded.calls.values()) == {1}
    src = LocalSource()
    rut = src.series("RUT")
    bundled = load_bundled("RUT")["close"]
    assert len(rut) == len(bundled) + 2  # the bundled history kept, two sessions added
    assert rut.index[-1] == pd.Timestamp(NEW_DAYS[-1]) and src.info("RUT").origin == "store"
    pd.testing.assert_series_equal(rut.iloc[:-2], bundled.rename("RUT"), check_freq=False)
    assert src.info("SMB").edition == "202611"  # a new edition of the factors
    assert src.last_date("DGS10") == pd.Timestamp(NEW_DAYS[-1])
    # the summary: every series, its last date before and after, and what was skipped
    assert "shiller" not in " ".join(recorded.calls)
    assert re.search(r"RUT\s+│\s+extended\s+│\s+2\s+│\s+2025-09-24\s+│\s+2026-11-03", out)
    assert "series changed" in out and "0 failed" in out
    assert not state_path(Store()).exists()


def test_an_interrupted_update_resumes_where_it_stopped(
    rotascope_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = Recorded(interrupt_at="IWM")
    with respx.mock(assert_all_called=False) as mock:
        first.mount(mock)
        assert run("data", "update", "--all") == 130  # Ctrl-C
    assert "interrupted" in capsys.readouterr().err
    done = set(first.calls)
    assert done == {"yahoo IJR", "yahoo IWD", "yahoo IWF"}  # sorted: IWM is the fourth
    state = json.loads(state_path(Store()).read_text())
    assert sorted(state["done"]) == ["yahoo IJR", "yahoo IWD", "yahoo IWF"]
    assert len(LocalSource().series("IJR")) == len(load_bundled("IJR")) + 2  # kept
    capsys.readouterr()

    second = Recorded()
    with respx.mock(assert_all_called=False) as mock:
        second.mount(mock)
        assert run("data", "update", "--all") == 0
    out = capsys.readouterr().out
    assert not done & set(second.calls)  # nothing downloaded twice
    assert "yahoo IWM" in second.calls and "resumed the update started" in out
    assert re.search(r"3 of \d+ downloads were done", out)
    assert not state_path(Store()).exists()


def test_a_failed_download_is_reported_and_retried_alone(
    rotascope_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import rotascope.sources.providers as providers
    from rotascope.sources.providers.http import HttpFetcher

    real = providers.provider_for

    def quick(symbol: str, *, name: str | None = None, offline: bool = False):  # type: ignore[no-untyped-def]
        p = real(symbol, name=name, offline=offline)
        p.fetcher = HttpFetcher(p.fetcher.provider, offline=offline, sleep=lambda s: None)
        return p  # retries without really sleeping

    monkeypatch.setattr(providers, "provider_for", quick)
    failing = Recorded(fred_status=503)
    with respx.mock() as mock:
        failing.mount(mock)
        assert run("data", "update", "--all") == 2
    captured = capsys.readouterr()
    assert "failed" in captured.err and "fred DGS10" in captured.err and "HTTP 503" in captured.err
    assert "Traceback" not in captured.err
    assert LocalSource().info("RUT").origin == "store"  # the other downloads were kept
    retry = Recorded()
    with respx.mock(assert_all_called=False) as mock:
        retry.mount(mock)
        assert run("data", "update", "--all") == 0
    assert set(retry.calls) == {"fred DGS10", "fred DGS2", "fred DFF"}
