"""The one wording module: every number, date, window and name a sentence prints.

Numbers come in the **reader's unit** (see :class:`~rotascope.kinds.fact.Fact`): a
percent is ``11.54`` for +11.54%, percentage points ``9.92``, basis points ``46``.
Each unit has one formatter here and nothing else in rotascope formats them, so a
yield change (basis points) can never come out as a percent change.

Examples
--------
>>> pct(11.539), points(10.21), basis_points(-46), number(2263.671)
('11.5%', '10.2 points', '46 basis points', '2,263.67')
>>> fmt_date("2020-04-29"), fmt_month("1987-09-10"), long_month("2020-04-29")
('Apr 29, 2020', 'Sep 1987', 'April 2020')
>>> ordinal(2), ordinal(1234), window_words(21), window_adjective(5)
('2nd', '1,234th', '21 sessions (about a month)', 'five-session')
>>> the_name("RUT", start=True), name("RUT"), the_name("ZZZ")
('The Russell 2000', 'Russell 2000', 'ZZZ')
>>> format_value(9.92, "pp"), format_value(-46.0, "bp"), format_value(0.39941, "ratio")
('+9.9 pp', '-46 bp', '0.3994')
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from rotascope.symbols import display_name, info

__all__ = [
    "basis_points",
    "coefficient",
    "count",
    "fmt_date",
    "fmt_month",
    "format_value",
    "horizon_words",
    "long_month",
    "multiple",
    "name",
    "number",
    "ordinal",
    "pct",
    "percentile_ordinal",
    "points",
    "span",
    "the_name",
    "window_adjective",
    "window_words",
    "year_words",
    "yield_level",
]

_SMALL = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
          8: "eight", 9: "nine", 10: "ten", 15: "fifteen", 20: "twenty",
          25: "twenty-five", 30: "thirty"}  # fmt: skip
_ABOUT = {
    21: "about a month",
    42: "about two months",
    63: "about three months",
    126: "about six months",
    252: "about a year",
    504: "about two years",
    756: "about three years",
    1260: "about five years",
}
_HORIZONS = {5: "a week", 21: "a month", 63: "three months", 126: "six months", 252: "a year"}
_NA = "n/a"


def _finite(value: Any) -> bool:
    return value is not None and isinstance(value, int | float) and math.isfinite(value)


# ---------------------------------------------------------------- numbers
def pct(value: float | None, *, signed: bool = False, digits: int | None = None) -> str:
    """A percent (``11.54`` = +11.54%) with one decimal, two below 0.095%.

    Parameters
    ----------
    value : float
        The percent, in the reader's unit.
    signed : bool
        Print ``+`` for gains.
    digits : int, optional
        Fixed number of decimals instead of the default rule.

    Examples
    --------
    >>> pct(0.04), pct(-3.4), pct(2.0, signed=True), pct(3.619, digits=2)
    ('0.04%', '-3.4%', '+2.0%', '3.62%')
    """
    if not _finite(value):
        return _NA
    assert value is not None
    if digits is None:
        digits = 2 if 0 < abs(value) < 0.095 else 1
    text = f"{value:+.{digits}f}%" if signed else f"{value:.{digits}f}%"
    zero = f"{0:.{digits}f}%"
    return text.replace("-" + zero, zero).replace("+-", "-")


def points(value: float | None, *, digits: int | None = None, long: bool = False) -> str:
    """Percentage points, unsigned: ``"10.2 points"``, ``"1.0 point"``.

    ``long=True`` says ``"percentage points"``. One decimal by default, two below 0.095.

    Examples
    --------
    >>> points(1.0), points(-3.45), points(2.904, digits=2, long=True)
    ('1.0 point', '3.5 points', '2.90 percentage points')
    """
    if not _finite(value):
        return _NA
    assert value is not None
    p = abs(value)
    if digits is None:
        digits = 2 if 0 < p < 0.095 else 1
    text = f"{p:.{digits}f}"
    word = "percentage point" if long else "point"
    return f"{text} {word}" if text == f"{1:.{digits}f}" else f"{text} {word}s"


def basis_points(value: float | None, *, short: bool = False, signed: bool = False) -> str:
    """Basis points, whole: ``"25 basis points"``, ``"1 basis point"``, ``"+25 bp"``.

    Unsigned unless ``signed`` (the sentence's verb carries the direction).

    Examples
    --------
    >>> basis_points(-25.0), basis_points(1), basis_points(12, short=True, signed=True)
    ('25 basis points', '1 basis point', '+12 bp')
    """
    if not _finite(value):
        return _NA
    assert value is not None
    n = round(value) if signed else abs(round(value))
    text = f"{n:+d}" if signed else f"{n:d}"
    if short:
        return f"{text} bp"
    return f"{text} basis point" if abs(n) == 1 else f"{text} basis points"


def number(value: float | None, *, digits: int | None = None) -> str:
    """A level with thousands separators (``"2,263.67"``); four decimals below 10.

    Examples
    --------
    >>> number(2263.671), number(0.399876), number(1212.5, digits=0)
    ('2,263.67', '0.3999', '1,212')
    """
    if not _finite(value):
        return _NA
    assert value is not None
    if digits is None:
        digits = 2 if abs(value) >= 10 else 4
    return f"{value:,.{digits}f}"


def yield_level(value: float | None) -> str:
    """A yield level in percent with two decimals (``"4.17%"``).

    Examples
    --------
    >>> yield_level(4.1699999)
    '4.17%'
    """
    return pct(value, digits=2)


def coefficient(value: float | None) -> str:
    """A correlation coefficient or a beta, two decimals (``"0.50"``, ``"-0.18"``).

    Examples
    --------
    >>> coefficient(0.4981), coefficient(-0.1849), coefficient(-0.001)
    ('0.50', '-0.18', '0.00')
    """
    if not _finite(value):
        return _NA
    assert value is not None
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def multiple(value: float | None, *, digits: int = 1) -> str:
    """A valuation multiple (P/E, CAPE): ``"21.3"``.

    Examples
    --------
    >>> multiple(35.987)
    '36.0'
    """
    if not _finite(value):
        return _NA
    return f"{value:.{digits}f}"


def count(value: int | float | None) -> str:
    """A count with thousands separators (``"9,279"``).

    Examples
    --------
    >>> count(9279)
    '9,279'
    """
    if not _finite(value):
        return _NA
    assert value is not None
    return f"{int(value):,}"


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``, ``1,234th``.

    Examples
    --------
    >>> [ordinal(k) for k in (1, 2, 3, 4, 11, 12, 13, 21, 112, 1234)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '112th', '1,234th']
    """
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def percentile_ordinal(p: float) -> str:
    """A percentile in percent (``99.58``) as an ordinal, ``1st`` to ``100th``.

    Only the very top is the 100th, and nothing is the 0th.

    Examples
    --------
    >>> percentile_ordinal(99.58), percentile_ordinal(100.0), percentile_ordinal(0.1)
    ('99th', '100th', '1st')
    """
    return ordinal(min(100 if p >= 100.0 else 99, max(1, round(p))))


def format_value(value: float | None, unit: str, *, signed: bool = True) -> str:
    """A fact's value for a table cell, by its unit.

    Examples
    --------
    >>> format_value(11.54, "pct"), format_value(25, "bp"), format_value(21.34, "x")
    ('+11.5%', '+25 bp', '21.3x')
    >>> format_value(5, "count"), format_value(12.5, "years")
    ('5', '12.5 years')
    """
    if not _finite(value):
        return _NA
    assert value is not None
    if unit == "pct":
        return pct(value, signed=signed)
    if unit == "pp":
        return pct(value, signed=signed).replace("%", " pp")
    if unit == "bp":
        return basis_points(value, short=True, signed=signed)
    if unit == "ratio":
        return f"{value:.4f}"
    if unit == "x":
        return f"{value:.1f}x"
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "years":
        return f"{value:.1f} years"
    if unit == "r":
        return coefficient(value)
    return f"{value:,.4g}"


# ---------------------------------------------------------------- dates
def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date") and callable(value.date):  # pandas Timestamp
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def fmt_date(value: Any) -> str:
    """A date as ``"Apr 29, 2020"`` (dates, Timestamps or ISO strings)."""
    d = _as_date(value)
    return f"{d:%b} {d.day}, {d.year}"


def fmt_month(value: Any) -> str:
    """A date's month as ``"Sep 1987"``."""
    d = _as_date(value)
    return f"{d:%b} {d.year}"


def long_month(value: Any) -> str:
    """A date's month spelled out: ``"April 2020"`` (headlines)."""
    d = _as_date(value)
    return f"{d:%B} {d.year}"


# ---------------------------------------------------------------- windows
def window_words(window: int) -> str:
    """Sessions in words: ``"one session"``, ``"five sessions"``, ``"21 sessions (about a
    month)"``."""
    w = int(window)
    if w <= 10:
        return f"{_SMALL[w]} session" if w == 1 else f"{_SMALL[w]} sessions"
    about = _ABOUT.get(w)
    return f"{w} sessions ({about})" if about else f"{w} sessions"


def window_adjective(window: int) -> str:
    """A window as an adjective: ``"one-day"``, ``"five-session"``, ``"21-session"``."""
    w = int(window)
    if w == 1:
        return "one-day"
    return f"{_SMALL[w]}-session" if w <= 10 else f"{w}-session"


def span(window: int, asof: Any) -> str:
    """``"on Jul 16, 2024"`` (one session) or ``"in the five sessions to Jul 16, 2024"``.

    Examples
    --------
    >>> span(1, "2024-07-16"), span(5, "2024-07-16")
    ('on Jul 16, 2024', 'in the five sessions to Jul 16, 2024')
    """
    if int(window) == 1:
        return f"on {fmt_date(asof)}"
    return f"in the {window_words(int(window))} to {fmt_date(asof)}"


def horizon_words(sessions: int) -> str:
    """A forward horizon in plain time: 21 sessions -> ``"a month"``.

    Examples
    --------
    >>> horizon_words(21), horizon_words(40)
    ('a month', '40 sessions')
    """
    return _HORIZONS.get(int(sessions), f"{int(sessions)} sessions")


def year_words(years: int) -> tuple[str, str]:
    """Calendar years as a noun and an adjective: ``("ten years", "ten-year")``.

    Examples
    --------
    >>> year_words(1), year_words(10), year_words(12)
    (('year', 'one-year'), ('ten years', 'ten-year'), ('12 years', '12-year'))
    """
    n = _SMALL.get(int(years), str(int(years)))
    return ("year" if years == 1 else f"{n} years"), f"{n}-year"


# ---------------------------------------------------------------- names
def name(symbol: str | None) -> str:
    """The bare name of a symbol (``"Russell 2000"``); unknown symbols keep their spelling."""
    return "" if symbol is None else display_name(symbol)


def the_name(symbol: str | None, *, start: bool = False) -> str:
    """A symbol's name in a sentence: ``"the Russell 2000"`` (``"The ..."`` to start one).

    Symbols the registry does not know keep their own spelling, without an article.
    """
    if symbol is None:
        return ""
    full = display_name(symbol)
    if full == symbol and info(symbol).name == symbol:
        return full
    return ("The " if start else "the ") + full
