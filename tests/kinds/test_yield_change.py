"""Yield changes in whole basis points, ranked exactly (ties are ties); the rate beta gap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from published_data import PublishedData
from rotascope.asof import resolve_asof
from rotascope.data import MemorySource
from rotascope.kinds.engine import FactEngine
from rotascope.kinds.rate_beta import rate_beta_facts


def _yield_facts(y: pd.Series, asof: str, windows: tuple[int, ...]) -> dict[int, object]:
    src = MemorySource({"DGS10": y})
    eng = FactEngine(src)
    when = resolve_asof(asof, src.series("DGS10").index, what="DGS10")
    fs = eng.facts("DGS10", asof=when, windows=windows, context=False)
    return {f.window: f for f in fs if f.kind == "yield_change"}


def test_hand_made_yield_changes() -> None:
    idx = pd.bdate_range("2024-01-01", periods=6)
    y = pd.Series([4.0, 4.2, 4.1, 4.3, 4.2, 3.9], index=idx, name="DGS10")
    got = _yield_facts(y, "2024-01-08", (1, 2))
    one, two = got[1], got[2]
    assert one.value == -30.0 and one.unit == "bp"  # type: ignore[attr-defined]
    assert one.record.direction == "low" and one.record.since is None  # type: ignore[attr-defined]
    assert "fell 30 basis points to 3.90%" in one.text  # type: ignore[attr-defined]
    assert two.value == -40.0  # 4.3 -> 3.9  # type: ignore[attr-defined]
    assert two.start == idx[3].date()  # type: ignore[attr-defined]


def _exact(y: pd.Series, window: int, day: str) -> tuple[int, pd.Timestamp | None, int, int]:
    """Plain pandas on integer basis points: (change, since, rank, out_of)."""
    bp = (y * 100).round().astype("int64")
    ch = (bp - bp.shift(window)).dropna().astype("int64")
    t = ch.loc[:day].index[-1]
    v, earlier = int(ch.loc[t]), ch.loc[: t - pd.Timedelta(days=1)]
    if v >= 0:
        ties = earlier[earlier >= v]
        rank = 1 + int((earlier > v).sum())
    else:
        ties = earlier[earlier <= v]
        rank = 1 + int((earlier < v).sum())
    since = ties.index[-1] if len(ties) else None
    return v, since, rank, len(earlier) + 1


@pytest.mark.realdata
def test_dgs10_ties_rank_exactly_as_of_2020_10_03(published: PublishedData) -> None:
    """The issue's case: a +2 bp day ties 403 earlier +2 bp days; rank 1,622, not 1,926."""
    y = published.fred("DGS10")  # the FRED file without its blank holidays
    got = _yield_facts(y, "2020-10-03", (1, 5, 21, 63, 252))
    one = got[1]
    assert one.asof.isoformat() == "2020-10-02"  # type: ignore[attr-defined]
    assert (one.value, one.record.rank, one.record.out_of) == (2.0, 1622, 5443)  # type: ignore[attr-defined]
    for w, f in got.items():
        v, since, rank, out_of = _exact(y, w, "2020-10-02")
        assert f.value == v, w  # type: ignore[attr-defined]
        rec = f.record  # type: ignore[attr-defined]
        assert (rec.rank, rec.out_of) == (rank, out_of), w
        assert rec.since == (None if since is None else since.date()), w
    assert got[252].record.rank == 879  # type: ignore[attr-defined]


@pytest.mark.realdata
def test_dgs10_five_session_fall_to_2024_08_02(published: PublishedData) -> None:
    y = published.fred("DGS10")  # the FRED file without its blank holidays
    f = _yield_facts(y, "2024-08-02", (5,))[5]
    v, since, rank, out_of = _exact(y, 5, "2024-08-02")
    assert f.value == v < 0  # type: ignore[attr-defined]
    assert f.record.since == since.date()  # type: ignore[attr-defined,union-attr]
    assert (f.record.rank, f.record.out_of) == (rank, out_of)  # type: ignore[attr-defined]


@pytest.mark.realdata
def test_small_vs_large_rate_beta(published: PublishedData) -> None:
    rut, spx = published.close("RUT"), published.close("SPX")  # raw files or bundled copies
    y = published.fred("DGS10")  # the FRED file without its blank holidays
    (f,) = rate_beta_facts(rut, spx, y, window=252, asof=pd.Timestamp("2024-08-02"))
    # independent: least squares on the last 252 common sessions
    both = pd.concat([rut, spx, y], axis=1, join="inner").dropna().loc[:"2024-08-02"]
    r_a = both["RUT"].pct_change().iloc[-252:]
    r_b = both["SPX"].pct_change().iloc[-252:]
    dy = both["DGS10"].diff().iloc[-252:] * 100
    ba, bb = np.polyfit(dy, r_a, 1)[0], np.polyfit(dy, r_b, 1)[0]
    assert f.unit == "pp"
    assert f.details["beta_subject_pct_per_bp"] == pytest.approx(ba * 100, rel=1e-6)
    assert f.details["beta_versus_pct_per_bp"] == pytest.approx(bb * 100, rel=1e-6)
    assert f.value == pytest.approx((ba - bb) * 10 * 100, rel=1e-6)
    assert ba < bb < 0  # small caps fall more than large caps when yields rise
    assert "per +10 bp" in f.text and "percentage points worse than the S&P 500" in f.text
