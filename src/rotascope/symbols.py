"""Symbol registry: names, aliases, units and namespaces of the series rotascope knows.

Every stored series has an **id**: a bare ticker for prices (``RUT``, ``SPY``, ``RF`` the
Regions Financial stock) or ``namespace:NAME`` for series from a data provider whose
names would otherwise collide (``ff:RF`` the Fama-French risk-free rate, ``ff:SMB`` and
``ff5:SMB``, ``fred:DGS10``). The namespaces are listed in :data:`NAMESPACES`.

The registry gives well-known series a **canonical symbol**: a short name kept from
earlier releases (``SMB`` is ``ff:SMB``, ``SMB5`` is ``ff5:SMB``, ``DGS10`` is
``fred:DGS10``, ``SPX`` is the S&P 500 with aliases ``^GSPC``, ``GSPC``...) or, where
the short name is also a ticker, the id itself (``ff:RF``, ``ff5:CMA``). Other series'
canonical symbol is their id. Which stored series a short name means (``CMA`` when only
the factor is stored) is decided by the data source, which knows what is stored (see
:mod:`rotascope.data.resolve`); this module knows nothing about the store.

Unknown symbols keep their own name (upper case) and are treated as prices.

Examples
--------
>>> canonical("^GSPC"), canonical("ff:smb"), canonical("ff5:SMB")
('SPX', 'SMB', 'SMB5')
>>> series_id("DGS10"), series_id("SMB5"), series_id("RF")
('fred:DGS10', 'ff5:SMB', 'RF')
>>> display_name("RUT"), info("DGS10").unit, info("ff:RF").unit
('Russell 2000', 'yield', 'pct_return')
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

from rotascope.errors import AmbiguousSymbol, UnknownSymbol

__all__ = [
    "NAMESPACES",
    "SymbolInfo",
    "canonical",
    "display_name",
    "info",
    "registry",
    "resolve",
    "series_id",
    "split_id",
    "ticker_id",
]

SeriesUnit = Literal["price", "yield", "pct_return", "level"]

#: Namespaces of series ids and what each holds (prices have none: a bare ticker).
NAMESPACES: dict[str, str] = {
    "fred": "FRED series (St. Louis Fed): yields, spreads, rates, VIX, CPI, dollar index",
    "ff": "Ken French data library, daily files: the 3 research factors, momentum, "
    "other daily factor and portfolio files",
    "ff5": "Ken French 5-factor (2x3) daily file",
    "ffm": "Ken French monthly files (3 factors, portfolios such as Portfolios_Formed_on_ME)",
    "ff5m": "Ken French 5-factor (2x3) monthly file",
    "shiller": "Robert Shiller's monthly S&P composite data (ie_data): price, earnings, CAPE...",
    "val": "valuation series imported from a valuation CSV (SUBJECT:METRIC[:BASIS])",
}


@dataclass(frozen=True)
class SymbolInfo:
    """What rotascope knows about one symbol.

    Attributes
    ----------
    symbol : str
        Canonical symbol (``RUT``, ``SPX``, ``SMB``, ``ff:RF``...).
    name : str
        Name used in sentences (``Russell 2000``).
    unit : {"price", "yield", "pct_return", "level"}
        ``price``: index or ETF level (moves in %); ``yield``: percent yield (moves in
        basis points); ``pct_return``: daily returns (factors; compounded);
        ``level``: any other level (VIX, spreads).
    aliases : tuple of str
        Other spellings that map to this symbol.
    short : str
        Short name for tables and headlines (``small caps``).
    price_index : bool
        A price index (RUT, SPX, NDX): its level leaves dividends out, and the "Adj
        Close" of its Yahoo file is the same level, so it has no total return.
    id : str
        The stored series id (``ff:SMB`` for ``SMB``); empty means the symbol itself.
    """

    symbol: str
    name: str
    unit: SeriesUnit = "price"
    aliases: tuple[str, ...] = ()
    short: str = ""
    price_index: bool = False
    id: str = ""

    @property
    def series_id(self) -> str:
        """The id of the stored series (``ff:SMB``), or the symbol (``RUT``)."""
        return self.id or self.symbol

    @property
    def namespace(self) -> str:
        """Namespace of the id (``""`` for tickers)."""
        return split_id(self.series_id)[0]


def _fred(symbol: str, name: str, unit: SeriesUnit, aliases: tuple[str, ...] = ()) -> SymbolInfo:
    return SymbolInfo(symbol, name, unit=unit, aliases=aliases, id=f"fred:{symbol}")


def _ff(ns: str, label: str, name: str, **kw: object) -> SymbolInfo:
    symbol = str(kw.pop("symbol", f"{ns}:{label}"))
    return SymbolInfo(symbol, name, unit="pct_return", id=f"{ns}:{label}", **kw)  # type: ignore[arg-type]


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
    _fred("DGS10", "10-year Treasury yield", "yield", ("US10Y",)),
    _fred("DGS2", "2-year Treasury yield", "yield", ("US2Y",)),
    _fred("DFII10", "10-year real yield", "yield"),
    _fred("T10Y2Y", "10y-2y Treasury spread", "yield"),
    _fred("DFF", "effective fed funds rate", "yield"),
    _fred("FEDFUNDS", "effective fed funds rate (monthly)", "yield"),
    _fred("VIXCLS", "VIX", "level", ("VIX", "^VIX")),
    _fred("BAMLH0A0HYM2", "high-yield credit spread", "yield"),
    _fred("DTWEXBGS", "broad trade-weighted dollar index", "level"),
    _fred("CPIAUCSL", "consumer price index", "level"),
    _ff(
        "ff",
        "MKT-RF",
        "market excess return (Fama-French)",
        symbol="MKT-RF",
        aliases=("MKT_RF", "MKTRF"),
        short="the market factor",
    ),
    _ff("ff", "SMB", "size factor (small minus big)", symbol="SMB", short="small vs big"),
    _ff("ff", "HML", "value factor (high minus low)", symbol="HML", short="value vs growth"),
    _ff("ff", "RF", "risk-free rate (Fama-French)"),
    _ff("ff", "MOM", "momentum factor", symbol="MOM", aliases=("UMD",)),
    _ff("ff5", "MKT-RF", "market excess return (Fama-French 5-factor file)"),
    _ff("ff5", "SMB", "size factor, 5-factor construction (Fama-French)", symbol="SMB5"),
    _ff("ff5", "HML", "value factor (Fama-French 5-factor file)"),
    _ff(
        "ff5",
        "RMW",
        "profitability factor (robust minus weak)",
        symbol="RMW",
        short="quality",
    ),
    _ff("ff5", "CMA", "investment factor (conservative minus aggressive)"),
    _ff("ff5", "RF", "risk-free rate (Fama-French 5-factor file)"),
)


def split_id(text: str) -> tuple[str, str]:
    """Split ``"ns:NAME"`` into ``("ns", "NAME")``; a ticker gives ``("", "TICKER")``.

    Only the namespaces of :data:`NAMESPACES` count: ``RUT:PE_FORWARD`` is a name.

    Examples
    --------
    >>> split_id("FF5:smb"), split_id("RUT"), split_id("val:RUT:CAPE")
    (('ff5', 'SMB'), ('', 'RUT'), ('val', 'RUT:CAPE'))
    """
    head, sep, rest = text.strip().partition(":")
    if sep and head.lower() in NAMESPACES and rest.strip():
        return head.lower(), rest.strip().upper()
    return "", text.strip().upper()


def _key(symbol: str) -> str:
    ns, name = split_id(symbol)
    return f"{ns}:{name}" if ns else name


_BY_KEY: dict[str, SymbolInfo] = {
    _key(k): e for e in _ENTRIES for k in (e.symbol, e.series_id, *e.aliases)
}


def _split_edition(symbol: str) -> tuple[str, str]:
    base, _, edition = symbol.strip().partition("@")
    return base, edition.strip()


def canonical(symbol: str) -> str:
    """Return the canonical spelling of ``symbol`` (aliases resolved).

    Namespaces are lower case and names upper case; a registered id gives its
    registered symbol (``ff:SMB`` -> ``SMB``); an edition suffix is kept
    (``ff:smb@202403`` -> ``SMB@202403``).
    """
    base, edition = _split_edition(symbol)
    key = _key(base)
    entry = _BY_KEY.get(key)
    out = entry.symbol if entry else key
    return f"{out}@{edition}" if edition else out


def series_id(symbol: str) -> str:
    """The stored id of a symbol: the registry's id (``SMB`` -> ``ff:SMB``), else itself.

    An edition suffix is dropped (``SMB@202403`` -> ``ff:SMB``).
    """
    key = _key(_split_edition(symbol)[0])
    entry = _BY_KEY.get(key)
    return entry.series_id if entry else key


def ticker_id(name: str) -> str:
    """The id of a *price* series named ``name`` in a file (never a namespaced one).

    Registered price aliases apply (``^GSPC`` -> ``SPX``); anything else keeps its
    name, so a stock file ``RF.csv`` is the ticker ``RF``, never the factor ``ff:RF``.
    """
    key = name.strip().upper()
    entry = _BY_KEY.get(key)
    return entry.symbol if entry is not None and not entry.namespace else key


def info(symbol: str) -> SymbolInfo:
    """Return the :class:`SymbolInfo` for ``symbol`` (a default price entry if unknown)."""
    key = canonical(symbol)
    base = _split_edition(key)[0]  # an edition suffix (SMB@202403) names the same series
    return _BY_KEY.get(base, SymbolInfo(key, key))


def display_name(symbol: str) -> str:
    """Return the name used in sentences for ``symbol``."""
    return info(symbol).name


def registry() -> tuple[SymbolInfo, ...]:
    """Return every known symbol entry."""
    return _ENTRIES


def _describe(sid: str) -> str:
    known = info(sid)
    return f"{sid} ({known.name})" if known.name != known.symbol else sid


def resolve(name: str, available: Mapping[str, Collection[str]]) -> tuple[str, str]:
    """Which available series a user's ``name`` means: ``(id, edition)``.

    Parameters
    ----------
    name : str
        What the user typed: a ticker (``RF``), a registered symbol or alias (``SMB``,
        ``^GSPC``, ``US10Y``), a full id (``ff:RF``), a short name (``CMA`` for
        ``ff5:CMA``), each optionally followed by ``@EDITION``.
    available : mapping of str to collection of str
        Id -> the editions available (``""`` for a series without editions).

    Rules, in order: a name with a namespace is that id; a registered symbol of a
    namespaced series (``SMB``, ``DGS10``) is its id; a ticker (or alias) is itself;
    else a short name is matched against the names of every namespaced id: one match
    is it, several raise :class:`~rotascope.errors.AmbiguousSymbol` listing them.
    Without ``@EDITION`` the newest edition is used.

    Raises
    ------
    UnknownSymbol
        Nothing matches (listing the canonical symbols available).
    AmbiguousSymbol
        Several namespaced series share the short name.

    Examples
    --------
    >>> avail = {"RF": [""], "ff:RF": ["202604"], "ff5:RF": ["202412"], "ff5:CMA": ["202412"]}
    >>> resolve("RF", avail), resolve("ff:rf", avail), resolve("CMA", avail)
    (('RF', ''), ('ff:RF', '202604'), ('ff5:CMA', '202412'))
    """
    base, edition = _split_edition(name)
    ns, short = split_id(base)
    entry = _BY_KEY.get(_key(base))
    hits: list[str] = []
    if ns:
        sid = series_id(base)
        hits = [sid] if sid in available else []
    elif entry is not None and entry.namespace and entry.series_id in available:
        hits = [entry.series_id]
    elif canonical(base) in available:
        hits = [canonical(base)]
    elif short in available:
        hits = [short]
    elif entry is None or not entry.namespace:  # a short name of namespaced series
        order = list(NAMESPACES)
        hits = sorted(
            (i for i in available if split_id(i)[0] and split_id(i)[1] == short),
            key=lambda i: (order.index(split_id(i)[0]), i),
        )
    if len(hits) > 1:
        raise AmbiguousSymbol(short, [_describe(h) for h in hits])
    if not hits:
        raise UnknownSymbol(canonical(name), sorted({canonical(i) for i in available}))
    sid = hits[0]
    editions = list(available[sid])
    if edition:
        if edition not in editions:
            raise UnknownSymbol(
                f"{canonical(sid)}@{edition}", [f"{canonical(sid)}@{e}" for e in editions if e]
            )
        return sid, edition
    return sid, max(editions) if editions else ""
