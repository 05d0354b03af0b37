"""A price index has no total return, even when its file carries an "Adj Close".

Yahoo's index files (``RUT_ohlc.csv``: ``Date,Open,High,Low,Close,Adj Close,Volume``)
repeat the close as "Adj Close": an index level leaves dividends out. Imported, that
column becomes ``adj_close``; read as total return it made ``rotascope factors pair RUT
SPX`` say "(total return)" of two price indices.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rotascope.data import MemorySource
from rotascope.kinds.long_run import relative_facts
from rotascope.kinds.memo import Memo
from rotascope.symbols import info

IDX = pd.bdate_range("1999-01-04", "2011-12-30", name="date")


def _levels(seed: int) -> pd.Series:
    rng = np.random.default_rng(seed)
    return pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(IDX)))), index=IDX)


def _frame(close: pd.Series, adj: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"close": close, "adj_close": adj})


#: closes, and an "adj_close" column equal to them, as an imported Yahoo index file has
SOURCE = MemorySource(
    {
        "RUT": _frame(_levels(1), _levels(1)),
        "SPX": _frame(_levels(2), _levels(2)),
        "IWM": _frame(_levels(3), _levels(3) * np.linspace(1, 1.3, len(IDX))),
    }
)


def test_registry_knows_the_price_indices() -> None:
    assert info("RUT").price_index and info("^GSPC").price_index and info("NDX").price_index
    assert not info("IWM").price_index and not info("SMB").price_index


def test_a_price_index_on_total_return_reads_price_with_a_note() -> None:
    data = Memo(SOURCE).series("RUT", "total_return")
    assert data.basis == "price"
    assert [n.code for n in data.notes] == ["basis"] and "price index" in data.notes[0].text


def test_factors_pair_of_two_price_indices_says_price() -> None:
    f = relative_facts(SOURCE, "RUT", "SPX", windows=("10y",))[0]
    assert f.basis == "price"
    assert "(price)" in f.text and "total return" not in f.text
    # the gap is the one of the closes (plain pandas over the same ten years), in points
    a, b = SOURCE.series("RUT"), SOURCE.series("SPX")
    start = pd.Timestamp(f.start)
    ra = a.iloc[-1] / a.loc[:start].iloc[-1] - 1
    rb = b.iloc[-1] / b.loc[:start].iloc[-1] - 1
    assert f.value == pytest.approx((ra - rb) * 100)


def test_an_etf_with_dividends_keeps_total_return() -> None:
    f = relative_facts(SOURCE, "IWM", "SPX", windows=("10y",))[0]
    assert f.basis == "price"  # one side is a price index: the pair is on price
    g = relative_facts(SOURCE, "IWM", "IWM", windows=("10y",))[0]
    assert g.basis == "total_return"
