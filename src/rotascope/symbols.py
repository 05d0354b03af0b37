"""Symbol registry: names, aliases and units of the series rotascope knows.

Unknown symbols keep their own name and are treated as prices.

Examples
--------
>>> canonical("^GSPC")
'SPX'
>>> display_name("RUT")
'Russell 2000'
>>> info("DGS10").unit
'yield'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["SymbolInfo", "canonical", "display_name", "info", "registry"]

SeriesUnit = Literal["price", "yield", "pct_return", "level"]


@dataclass(frozen=True)
class SymbolInfo:
    """What rotascope knows about one symbol.

    Attributes
    ----------
    symbol : str
        Canonical symbol (``RUT``, ``SPX``...).
    name : str
        Name used in sentences (``Russell 2000``).
    unit : {"price", "yield", "pct_return", "level"}
        ``price``: index or ETF level (moves in %); ``yield``: percent yield (moves in
        basis points); ``pct_return``: daily returns in percent (factors; compounded);
        ``level``: any other level (VIX, spreads).
    aliases : tuple of str
        Other spellings that map to this symbol.
    short : str
        Short name for tables and headlines (``small caps``).
    price_index : bool
        A price index (RUT, SPX, NDX): its level leaves dividends out, and the "Adj
        Close" of its Yahoo file is the same level, so it has no total return.
    """

    symbol: str
    name: str
    unit: SeriesUnit = "price"
    aliases: tuple[str, ...] = ()
    short: str = ""
    price_index: bool = False


_ENTRIES: tuple[SymbolInfo, ...] = (
    SymbolInfo(
        "RUT",
        "Russell 2000",
        aliases=("^RUT", "RUSSELL2000", "R2K"),
        short="small caps",
        price_index=True,
    ),
    SymbolInfo(
        "SPX",
        "S&P 500",
        aliases=("GSPC", "^GSPC", "^SPX", "SP500"),
        short="the S&P 500",
        price_index=True,
    ),
    SymbolInfo(
        "NDX", "Nasdaq 100", aliases=("^NDX", "NASDAQ100"), short="the Nasdaq 100", price_index=True
    ),
    SymbolInfo("IWM", "iShares Russell 2000 ETF (IWM)"),
    SymbolInfo("SPY", "SPDR S&P 500 ETF (SPY)"),
    SymbolInfo("QQQ", "Invesco QQQ (Nasdaq 100 ETF)"),
    SymbolInfo("RSP", "S&P 500 Equal Weight ETF (RSP)"),
    SymbolInfo("IWD", "Russell 1000 Value ETF (IWD)"),
    SymbolInfo("IWF", "Russell 1000 Growth ETF (IWF)"),
    SymbolInfo("IWN", "Russell 2000 Value ETF (IWN)"),
    SymbolInfo("IWO", "Russell 2000 Growth ETF (IWO)"),
    SymbolInfo("IJR", "S&P SmallCap 600 ETF (IJR)"),
    SymbolInfo("MDY", "S&P MidCap 400 ETF (MDY)"),
    SymbolInfo("VTI", "Vanguard Total Stock Market ETF (VTI)"),
    SymbolInfo("TLT", "20+ Year Treasury ETF (TLT)"),
    SymbolInfo("IEF", "7-10 Year Treasury ETF (IEF)"),
    SymbolInfo("HYG", "High Yield Corporate Bond ETF (HYG)"),
    SymbolInfo("DGS10", "10-year Treasury yield", unit="yield", aliases=("US10Y",)),
    SymbolInfo("DGS2", "2-year Treasury yield", unit="yield", aliases=("US2Y",)),
    SymbolInfo("DFII10", "10-year real yield", unit="yield"),
    SymbolInfo("T10Y2Y", "10y-2y Treasury spread", unit="yield"),
    SymbolInfo("DFF", "effective fed funds rate", unit="yield"),
    SymbolInfo("FEDFUNDS", "effective fed funds rate (monthly)", unit="yield"),
    SymbolInfo("VIXCLS", "VIX", unit="level", aliases=("VIX", "^VIX")),
    SymbolInfo("BAMLH0A0HYM2", "high-yield credit spread", unit="yield"),
    SymbolInfo("DTWEXBGS", "broad trade-weighted dollar index", unit="level"),
    SymbolInfo("CPIAUCSL", "consumer price index", unit="level"),
    SymbolInfo(
        "MKT-RF",
        "market excess return (Fama-French)",
        unit="pct_return",
        aliases=("MKT_RF", "MKTRF"),
        short="the market factor",
    ),
    SymbolInfo("SMB", "size factor (small minus big)", unit="pct_return", short="small vs big"),
    SymbolInfo("SMB5", "size factor, 5-factor construction (Fama-French)", unit="pct_return"),
    SymbolInfo("HML", "value factor (high minus low)", unit="pct_return", short="value vs growth"),
    SymbolInfo(
        "RMW", "profitability factor (robust minus weak)", unit="pct_return", short="quality"
    ),
    SymbolInfo("CMA", "investment factor (conservative minus aggressive)", unit="pct_return"),
    SymbolInfo("MOM", "momentum factor", unit="pct_return", aliases=("UMD",)),
    SymbolInfo("RF", "risk-free rate (Fama-French)", unit="pct_return"),
)

_BY_KEY: dict[str, SymbolInfo] = {}
for _e in _ENTRIES:
    _BY_KEY[_e.symbol] = _e
    for _a in _e.aliases:
        _BY_KEY[_a.upper()] = _e


def canonical(symbol: str) -> str:
    """Return the canonical spelling of ``symbol`` (aliases resolved, upper case)."""
    key = symbol.strip().upper()
    entry = _BY_KEY.get(key)
    return entry.symbol if entry else key


def info(symbol: str) -> SymbolInfo:
    """Return the :class:`SymbolInfo` for ``symbol`` (a default entry if unknown)."""
    key = canonical(symbol)
    return _BY_KEY.get(key, SymbolInfo(key, key))


def display_name(symbol: str) -> str:
    """Return the name used in sentences for ``symbol``."""
    return info(symbol).name


def registry() -> tuple[SymbolInfo, ...]:
    """Return every known symbol entry."""
    return _ENTRIES
