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

from rotascope.facts.engine import FactEngine
from rotascope.facts.longrun_facts import relative_facts
from rotascope.symbols import info

IDX = pd.bdate_range("1999-01-04", "2011-12-30", name="date")


def _levels(seed: int) -> pd.Series:
    rng = np.random.default_rng(seed)
    return pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(IDX)))), index=IDX)


#: closes, and an "adj_close" column equal to them, as an imported Yahoo index file has
STORE = {
    "RUT": {"close": _levels(1), "adj_close": _levels(1)},
    "SPX": {"close": _levels(2), "adj_close": _levels(2)},
    "IWM": {"close": _levels(3), "adj_close": _levels(3) * np.linspace(1, 1.3, len(IDX))},
}


def loader(symbol: str, column: str) -> pd.Series:
    return STORE[symbol][column]


def test_registry_knows_the_price_indices() -> None:
    assert info("RUT").price_index and info("^GSPC").price_index and info("NDX").price_index
    assert not info("IWM").price_index and not info("SMB").price_index


def test_factors_pair_of_two_price_indices_says_price() -> None:
    f = relative_facts("RUT", "SPX", windows=("10y",), loader=loader)[0]
    assert f.basis == "price"
    assert "(price)" in f.text and "total return" not in f.text
    # the gap is the one of the closes (plain pandas over the same ten years)
    a, b = STORE["RUT"]["close"], STORE["SPX"]["close"]
    start = f.start
    ra = a.iloc[-1] / a.loc[: pd.Timestamp(start)].iloc[-1] - 1
    rb = b.iloc[-1] / b.loc[: pd.Timestamp(start)].iloc[-1] - 1
    assert f.value == pytest.approx(ra - rb)


def test_an_etf_with_dividends_keeps_total_return() -> None:
    f = relative_facts("IWM", "SPX", windows=("10y",), loader=loader)[0]
    assert f.basis == "price"  # one side is a price index: the pair is on price
    g = relative_facts("IWM", "IWM", windows=("10y",), loader=loader)[0]
    assert g.basis == "total_return"


def test_facts_on_total_return_fall_back_to_price_for_an_index_and_say_so() -> None:
    eng = FactEngine(loader)
    data = eng.series("RUT", "total_return")
    assert data.basis == "price"
    assert "price index" in data.notes["basis_fallback"]
    pd.testing.assert_series_equal(data.values, STORE["RUT"]["close"], check_names=False)
    assert eng.series("IWM", "total_return").basis == "total_return"
