"""The bundled dataset: small, documented, and true to the raw files."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

import pandas as pd
import pytest

from rotascope.datasets import bundled_manifest, bundled_symbols, load_bundled

DATA = resources.files("rotascope.datasets") / "data"


def test_bundle_is_small_and_complete() -> None:
    total = sum(p.stat().st_size for p in DATA.iterdir())  # type: ignore[attr-defined]
    assert total < 5_000_000
    for sym in ("RUT", "SPX", "NDX", "IWM", "SPY", "QQQ", "DGS10", "DGS2", "SMB", "HML"):
        assert sym in bundled_symbols()


def test_manifest_rows_and_dates_match_the_files() -> None:
    for sym, entry in bundled_manifest()["series"].items():
        frame = load_bundled(sym)
        assert frame is not None
        assert len(frame) == entry["rows"], sym
        assert frame.index[0] == pd.Timestamp(entry["first"])
        assert frame.index[-1] == pd.Timestamp(entry["last"])
        assert frame.index.is_monotonic_increasing and frame.index.is_unique
        assert entry["sources"], f"{sym} has no provenance"


def test_aliases_resolve_and_unknown_is_none() -> None:
    assert load_bundled("^GSPC") is not None
    assert load_bundled("NOPE") is None


def test_known_closes_from_sources_md() -> None:
    rut = load_bundled("RUT")["close"]
    assert rut["2024-07-09"] == pytest.approx(2029.47, abs=0.005)
    assert rut["2024-07-16"] == pytest.approx(2263.67, abs=0.005)
    assert rut["2023-11-14"] / rut["2023-11-13"] - 1 == pytest.approx(0.0544, abs=0.0005)


def test_bundle_matches_raw_files_and_provenance_hashes(shared_data) -> None:
    manifest = bundled_manifest()
    for sym, entry in manifest["series"].items():
        for src in entry["sources"]:
            raw = (shared_data / src["file"]).read_bytes()
            assert hashlib.sha256(raw).hexdigest() == src["sha256"], f"{sym}: {src['file']}"
    # values: plain pandas read of the raw Yahoo CSV, independent of rotascope's reader
    raw = pd.read_csv(shared_data / "indices" / "RUT_ohlc.csv", index_col="Date", parse_dates=True)
    bundled = load_bundled("RUT")["close"]
    common = raw.index.intersection(bundled.index)
    assert len(common) == len(raw)
    assert (bundled[common] - raw["Close"][common]).abs().max() < 1e-6
    # SMB in the bundle is the French daily percent / 100
    ff = pd.read_csv(
        shared_data / "french" / "F-F_Research_Data_Factors_daily_202604.csv",
        skiprows=4,
        index_col=0,
        skipfooter=2,
        engine="python",
    )
    ff.index = pd.to_datetime(ff.index.astype(str).str.strip(), format="%Y%m%d")
    smb = load_bundled("SMB")["close"]
    assert (smb - ff["SMB"].astype(float) / 100).abs().max() < 1e-9
    assert json.dumps(manifest)  # serialisable
