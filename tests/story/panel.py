"""The editor's panel: dated cases with the lead a desk would print, from the raw files.

Every figure here is computed in plain pandas from the raw files in ``../shared/data``
(see its SOURCES.md), independently of rotascope: this module imports nothing from it.
In a clone without them the closes come from the bundled dataset (built from the same
files the same way, and checked against them by ``tests/datasets``): every figure
computed from closes is checked there too; the intraday highs and lows and the S&P 500
members' closes are only in the raw files, so figures needing them skip
(``published_data.need_raw``).
Each case gives the lead a desk editor would print (as a comment and as ``lead``) and
its structured form (:class:`Expect`: kind, subject, window, value rounded as printed,
the "since" date), plus supporting figures. ``tests/story/test_panel_figures.py``
checks every expectation against this module's plain computation and against
rotascope's measures; the story layer asserts its lead against ``Case.lead``.

Series as the project bundles them: RUT is ``RUT_ohlc.csv`` (1987-09-10 ..
2024-08-02) extended by ``RUT_close.csv`` after its last date; SPX and NDX are the Close
columns of ``SPX_ohlc.csv`` / ``NDX_ohlc.csv``; DGS10 is FRED's file without its blank
holidays. Pairs are compared on common sessions.

Record rule (the project's): for the value ``v`` on ``D``, ``since`` is the latest
earlier date with a value ``>= v`` (``<= v`` for lows); ``None`` here means no earlier
value was as extreme ("on record", i.e. since the file's history began).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from published_data import RAW, SHARED_DATA, bundled_csv, need_raw

DATA = SHARED_DATA

#: Decimals a desk prints for each unit.
DIGITS = {"pct": 1, "pp": 1, "bp": 0, "level": 2, "count": 0, "r": 2, "sessions": 0}
#: Kinds whose panel figures the fact engine states on its own (members need the S&P
#: 500's member files; the quiet scan is the story's).
ENGINE_KINDS = frozenset({
    "move", "spread", "yield_change", "level_record", "record_close", "record_count",
    "threshold", "recovery", "round_number", "correlation", "scoped_record", "intraday",
    "turning_point", "pair_return", "week_to_date",
})  # fmt: skip
#: Every kind a panel figure may name.
KINDS = ENGINE_KINDS | {"leaders", "quiet"}


# ----------------------------------------------------------------------------- raw files
def _yahoo_multi(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, header=[0, 1], index_col=0, skiprows=[2])
    frame.columns = [str(c[0]) for c in frame.columns]
    frame.index = pd.to_datetime(frame.index)
    return frame.astype(float)


@cache
def ohlc(symbol: str) -> pd.DataFrame:
    """Raw daily Open/High/Low/Close of SPX, NDX (yfinance layout) or RUT (Yahoo CSV)."""
    if not RAW:
        need_raw("intraday highs and lows")
    if symbol == "RUT":
        frame = pd.read_csv(DATA / "indices" / "RUT_ohlc.csv", index_col="Date", parse_dates=True)
        return frame.astype(float)
    return _yahoo_multi(DATA / "indices" / f"{symbol}_ohlc.csv")


@cache
def close(symbol: str) -> pd.Series:
    """Daily closes (yields for DGS10), NaN rows dropped."""
    if not RAW:  # the bundle holds these series exactly as described above
        name = "fred_DGS10.csv.gz" if symbol == "DGS10" else f"{symbol}.csv.gz"
        return bundled_csv(name)["close"].astype(float).dropna().rename(symbol)
    if symbol == "DGS10":
        raw = pd.read_csv(DATA / "fred" / "DGS10.csv", index_col=0, parse_dates=True)
        return pd.to_numeric(raw["DGS10"], errors="coerce").dropna().rename("DGS10")
    if symbol == "RUT":
        old = ohlc("RUT")["Close"]
        new = pd.read_csv(DATA / "indices" / "RUT_close.csv", index_col=0, parse_dates=True)
        new = new["^RUT"].astype(float)
        return pd.concat([old, new[new.index > old.index.max()]]).rename("RUT")
    return ohlc(symbol)["Close"].dropna().rename(symbol)


def on_common(a: pd.Series, b: pd.Series) -> tuple[pd.Series, pd.Series]:
    both = pd.concat([a, b], axis=1, join="inner").dropna()
    return both.iloc[:, 0], both.iloc[:, 1]


# ------------------------------------------------------------------------ plain figures
@dataclass(frozen=True)
class Plain:
    """A figure computed here: its value, since-date and the history it was ranked in."""

    value: float
    since: pd.Timestamp | None
    rank: int = 0
    out_of: int = 0
    detail: str = ""


def record(values: pd.Series, date: str, direction: str = "high") -> Plain:
    """The record rule by brute force over the earlier values."""
    clean = values.dropna()
    day = pd.Timestamp(date)
    v = float(clean.loc[day])
    earlier = clean.loc[: day - pd.Timedelta(days=1)]
    at_least = earlier >= v if direction == "high" else earlier <= v
    beyond = earlier > v if direction == "high" else earlier < v
    since = earlier.index[at_least.to_numpy()][-1] if at_least.any() else None
    return Plain(v, since, int(beyond.sum()) + 1, len(earlier) + 1)


def move(symbol: str, window: int) -> pd.Series:
    s = close(symbol)
    return s / s.shift(window) - 1


def spread(a: str, b: str, window: int) -> pd.Series:
    x, y = on_common(close(a), close(b))
    return (x / x.shift(window) - 1) - (y / y.shift(window) - 1)


def yield_change_bp(window: int) -> pd.Series:
    """Changes of the 10-year yield in whole basis points (the file has two decimals)."""
    s = close("DGS10")
    return ((s - s.shift(window)) * 100).round()


def correlation(a: str, b: str, window: int) -> pd.Series:
    x, y = on_common(close(a), close(b))
    return x.pct_change().rolling(window).corr(y.pct_change())


def previous_record(symbol: str, date: str) -> Plain:
    """A record close and the date of the previous one ("first record since ...")."""
    s = close(symbol)
    day = pd.Timestamp(date)
    earlier = s.loc[: day - pd.Timedelta(days=1)]
    top = earlier.max()
    is_record = bool(s.loc[day] > top)
    when = earlier.index[(earlier == top).to_numpy()][-1]
    return Plain(float(s.loc[day]), when if is_record else None, detail=str(is_record))


def records_in_year(symbol: str, date: str) -> Plain:
    """Record closes (strictly above every earlier close) from Jan 1 to the date."""
    s = close(symbol)
    day = pd.Timestamp(date)
    is_record = s > s.cummax().shift(1)
    year = is_record.loc[str(day.year) : day]
    return Plain(float(year.sum()), None, detail=str(bool(is_record.loc[day])))


def bear_crossing(symbol: str, date: str, level: float) -> Plain:
    """Drawdown from the all-time high, and whether this is the first close beyond."""
    s = close(symbol).loc[:date]
    peak_date = s.index[(s == s.max()).to_numpy()][-1]
    since_peak = s.loc[peak_date:]
    line = s.max() * (1 - level)
    first = bool(since_peak.iloc[-1] <= line and (since_peak.iloc[:-1] > line).all())
    return Plain(float(s.iloc[-1] / s.max() - 1), peak_date, detail=str(first))


def recovery(symbol: str, date: str) -> Plain:
    """A record close: depth of the drawdown since the old high's first date."""
    s = close(symbol).loc[:date]
    earlier = s.iloc[:-1]
    top = earlier.max()
    first = earlier.index[(earlier == top).to_numpy()][0]
    depth = float(earlier.loc[first:].min() / top - 1)
    return Plain(depth, first, detail=str(bool(s.iloc[-1] > top)))


def round_number(symbol: str, date: str, level: float) -> Plain:
    """Closed at or above ``level`` from below; since = last earlier close at or above."""
    s = close(symbol).loc[:date]
    crossed = s.iloc[-2] < level <= s.iloc[-1]
    above = s.iloc[:-1] >= level
    since = s.index[:-1][above.to_numpy()][-1] if above.any() else None
    return Plain(level if crossed else float("nan"), since)


def this_year(values: pd.Series, date: str, direction: str) -> Plain:
    """The record rule among the values of the date's calendar year."""
    day = pd.Timestamp(date)
    return record(values.loc[str(day.year) : day], date, direction)


def intraday(symbol: str, date: str) -> dict[str, Plain]:
    """Intraday low/high and swing as fractions of the previous close, with records."""
    f = ohlc(symbol)
    f = f[f["High"] > f["Low"]]  # close-only rows (old history) carry no range
    base = ohlc(symbol)["Close"].shift(1).reindex(f.index)
    table = {
        "down_most": f["Low"] / base - 1,
        "up_most": f["High"] / base - 1,
        "swing": (f["High"] - f["Low"]) / base,
    }
    return {
        "down_most": record(table["down_most"], date, "low"),
        "up_most": record(table["up_most"], date, "high"),
        "swing": record(table["swing"], date, "high"),
    }


def trailing_extreme(symbol: str, date: str, sessions: int, highest: bool) -> Plain:
    """The highest (lowest) close of the trailing ``sessions`` and the move from it."""
    s = close(symbol).loc[:date].iloc[-(sessions + 1) :]
    target = s.max() if highest else s.min()
    when = s.index[(s == target).to_numpy()][-1]
    return Plain(float(s.iloc[-1] / target - 1), when)


def change_between(symbol: str, start: pd.Timestamp, date: str) -> float:
    s = close(symbol)
    return float(s.loc[:date].iloc[-1] / s.loc[:start].iloc[-1] - 1)


def week_to_date(symbol: str, date: str) -> Plain:
    s = close(symbol).loc[:date]
    monday = pd.Timestamp(date) - pd.Timedelta(days=pd.Timestamp(date).weekday())
    base = s.loc[: monday - pd.Timedelta(days=1)]
    return Plain(float(s.iloc[-1] / base.iloc[-1] - 1), base.index[-1])


@cache
def spells() -> pd.DataFrame:
    if not RAW:
        need_raw("S&P 500 member closes")
    raw = pd.read_csv(DATA / "constituents" / "sp500_ticker_start_end.csv")
    raw["start_date"] = pd.to_datetime(raw["start_date"])
    raw["end_date"] = pd.to_datetime(raw["end_date"])
    return raw


def members_on(date: str) -> list[str]:
    day = pd.Timestamp(date)
    sp = spells()
    live = (sp["start_date"] <= day) & (sp["end_date"].isna() | (sp["end_date"] >= day))
    return sorted(set(sp.loc[live, "ticker"]))


@cache
def member_close(ticker: str) -> pd.Series | None:
    if not RAW:
        need_raw("S&P 500 member closes")
    path = DATA / "constituents" / "closes" / f"{ticker.replace('.', '-')}.csv"
    if not path.exists():
        return None
    raw = pd.read_csv(path, index_col="Date", parse_dates=True)
    return raw["Close"].astype(float)


def member_returns(date: str, start: str) -> pd.Series:
    """One return per member of the as-of date with closes on both days."""
    out = {}
    for t in members_on(date):
        s = member_close(t)
        if s is None or pd.Timestamp(start) not in s.index or pd.Timestamp(date) not in s.index:
            continue
        out[t] = s.loc[date] / s.loc[start] - 1
    return pd.Series(out).sort_values(ascending=False)


# ------------------------------------------------------------------ the quiet-day scan
#: What "nothing set a record reaching back more than a month" scans.
QUIET_SERIES = ("SPX", "RUT", "NDX")
QUIET_PAIRS = (("RUT", "SPX"), ("NDX", "SPX"), ("RUT", "NDX"))
QUIET_WINDOWS = (1, 5, 21, 63)
QUIET_YIELD_WINDOWS = (1, 5, 21)
#: A month of sessions: a record reaching back further is news.
QUIET_REACH = 21


def quiet_measures() -> dict[str, pd.Series]:
    """Every series the quiet-day scan ranks (levels, moves, spreads, yield changes)."""
    out: dict[str, pd.Series] = {}
    for sym in QUIET_SERIES:
        out[f"{sym} level"] = close(sym)
        for w in QUIET_WINDOWS:
            out[f"{sym} {w}-session move"] = move(sym, w)
    for a, b in QUIET_PAIRS:
        for w in QUIET_WINDOWS:
            out[f"{a}-{b} {w}-session spread"] = spread(a, b, w)
    out["DGS10 level"] = close("DGS10")
    for w in QUIET_YIELD_WINDOWS:
        out[f"DGS10 {w}-session change"] = yield_change_bp(w)
    return out


def reach(values: pd.Series, date: str, direction: str) -> float:
    """Sessions (rows) back to the record's since-date; infinite for a record."""
    clean = values.dropna()
    r = record(clean, date, direction)
    if r.since is None:
        return float("inf")
    return float(len(clean.loc[r.since : date]) - 1)


def max_reach(date: str) -> tuple[float, str]:
    """The farthest-reaching record of the day over :func:`quiet_measures`."""
    best, name = -1.0, ""
    for key, values in quiet_measures().items():
        if pd.Timestamp(date) not in values.dropna().index:
            continue
        for direction in ("high", "low"):
            r = reach(values, date, direction)
            if r > best:
                best, name = r, f"{key} ({direction})"
    return best, name


# ------------------------------------------------------------------------- the panel
@dataclass(frozen=True)
class Expect:
    """One figure as a desk prints it.

    kind : the fact kind (``move``, ``spread``, ``yield_change``, ``level_record``,
        ``record_close``, ``record_count``, ``threshold``, ``recovery``,
        ``round_number``, ``correlation``, ``scoped_record``, ``intraday``,
        ``turning_point``, ``pair_return``, ``week_to_date``, ``leaders``, ``quiet``).
    value : rounded as printed, in ``unit`` (pct and pp in percent: 11.5 = 11.5%).
    since : ISO date of the record's since-date (the previous record for
        ``record_close``, the peak for ``threshold``/``recovery``/``turning_point``,
        the base close for ``week_to_date``); ``None`` = on record / first time.
    param : kind-specific: drawdown level (``threshold``), round number, scope
        (``scoped_record``), intraday field (``down_most``, ``up_most``, ``swing``),
        leader's ticker (``leaders``), B's move in percent (``turning_point``,
        ``pair_return``, whose ``since`` is the start date asked for).
    """

    kind: str
    subject: str
    value: float
    unit: str
    since: str | None
    versus: str | None = None
    window: int | None = None
    direction: str = "high"
    param: str | float | None = None


@dataclass(frozen=True)
class Case:
    """A panel date: the lead, its structured form, and the figures beside it."""

    date: str
    lead: str
    expect: Expect
    figures: tuple[Expect, ...] = ()
    alternates: tuple[Expect, ...] = ()  # other leads an honest desk could print
    calm: bool = False
    note: str = ""


PANEL: tuple[Case, ...] = (
    # 2024-07-16. Lead: "Small caps had their best five sessions since April 2020: the
    # Russell 2000 rose 11.5% in the five sessions to Jul 16, 2024, beating the S&P 500
    # by 9.9 points, the widest five-session margin on record."
    # Published: +11.5%, best five days since April 2020 (RUT 2029.47 -> 2263.67); the
    # margin "widest on record" is on this file's history, from 1987.
    Case(
        date="2024-07-16",
        lead="Small caps had their best five sessions since April 2020: the Russell 2000 "
        "rose 11.5% in the five sessions to Jul 16, 2024, beating the S&P 500 by 9.9 "
        "points, the widest five-session margin on record.",
        expect=Expect("move", "RUT", 11.5, "pct", "2020-04-29", window=5),
        figures=(
            Expect("spread", "RUT", 9.9, "pp", None, versus="SPX", window=5),
            # the S&P 500 closed at a record that day, its 38th of 2024 (as published)
            Expect("record_count", "SPX", 38, "count", None, param="year"),
            Expect("week_to_date", "RUT", 5.4, "pct", "2024-07-12"),
            # 63-session correlation of daily returns RUT vs S&P 500: lowest since 2000
            Expect("correlation", "RUT", 0.50, "r", "2000-04-13", "SPX", 63, "low"),
        ),
        alternates=(Expect("spread", "RUT", 9.9, "pp", None, versus="SPX", window=5),),
    ),
    # 2023-11-13, the eve of the CPI rally. Lead: "The Russell 2000 is down 14.9% from its
    # Jul 31 high, against 3.9% for the S&P 500." This is the issue's own example ("down
    # 15% since its July 31 high, against 3.9% for the S&P 500"); the Jul 31 close is
    # the pivot of the 5% zigzag and the highest close of the trailing six months.
    # Nothing else reaches back further than the Nasdaq 100's best 63 sessions in 42.
    Case(
        date="2023-11-13",
        lead="The Russell 2000 is down 14.9% from its Jul 31 high, against 3.9% for the S&P 500.",
        expect=Expect("turning_point", "RUT", -14.9, "pct", "2023-07-31", "SPX", param=-3.9),
        figures=(Expect("pair_return", "RUT", -14.9, "pct", "2023-07-31", "SPX", param=-3.9),),
    ),
    # 2023-11-14 (CPI day). Lead: "The Russell 2000 jumped 5.4%, its best day since
    # Nov 10, 2022." Published: +5.44%, best day since November 2022. The "3.3 points"
    # of the issue is the margin over the Nasdaq 100 (3.31 pp); over the S&P 500 it
    # was 3.5 pp, the widest since March 2020. The 10-year yield fell 19 bp.
    Case(
        date="2023-11-14",
        lead="The Russell 2000 jumped 5.4%, its best day since Nov 10, 2022, and beat the "
        "S&P 500 by 3.5 points, the widest margin since March 2020.",
        expect=Expect("move", "RUT", 5.4, "pct", "2022-11-10", window=1),
        figures=(
            Expect("spread", "RUT", 3.5, "pp", "2020-03-19", versus="SPX", window=1),
            Expect("spread", "RUT", 3.3, "pp", "2023-06-07", versus="NDX", window=1),
            Expect("yield_change", "DGS10", -19, "bp", "2023-03-10", window=1, direction="low"),
        ),
    ),
    # 2020-03-16. Lead: "The S&P 500 plunged 12.0%, its worst day since Oct 19, 1987."
    # Published: -11.98%, worst since Black Monday. The Russell 2000's -14.3% was its
    # worst day on record (published: "worst day ever"), the file beginning in 1987.
    Case(
        date="2020-03-16",
        lead="The S&P 500 plunged 12.0%, its worst day since Oct 19, 1987; the Russell "
        "2000 fell 14.3%, its worst day on record.",
        expect=Expect("move", "SPX", -12.0, "pct", "1987-10-19", window=1, direction="low"),
        figures=(
            Expect("move", "RUT", -14.3, "pct", None, window=1, direction="low"),
            Expect("move", "NDX", -12.2, "pct", "1987-10-19", window=1, direction="low"),
            # intraday the S&P 500 was down as much as 12.2% (low 2,380.94), the most
            # since Oct 19, 1987 as well
            Expect(
                "intraday", "SPX", -12.2, "pct", "1987-10-19", direction="low", param="down_most"
            ),
        ),
        alternates=(Expect("move", "RUT", -14.3, "pct", None, window=1, direction="low"),),
    ),
    # 2025-04-09 (tariff pause). Lead: "The S&P 500 soared 9.5%, its best day since Oct
    # 28, 2008." Published: +9.52%, best day since 2008. The Nasdaq 100's +12.0% was its
    # best since Oct 13, 2008 in this file (the Nasdaq Composite's +12.2% was reported
    # as its best since January 2001: a different index).
    Case(
        date="2025-04-09",
        lead="The S&P 500 soared 9.5%, its best day since Oct 28, 2008; the Nasdaq 100 "
        "gained 12.0%.",
        expect=Expect("move", "SPX", 9.5, "pct", "2008-10-28", window=1),
        figures=(
            Expect("move", "NDX", 12.0, "pct", "2008-10-13", window=1),
            Expect("intraday", "SPX", 10.0, "pct", "2008-10-28", param="up_most"),
            # the best S&P 500 member of the day (members as of Apr 9, 2025): Microchip
            # +27.1%, then United Airlines +26.1% and AMD +23.8%; 489 of the 503 members
            # have a closes file (14 absent, listed in SOURCES.md)
            Expect("leaders", "SPX", 27.1, "pct", None, window=1, param="MCHP"),
        ),
    ),
    # 2025-09-18. Lead: "The Russell 2000 closed at a record 2,467.70, its first record
    # close since Nov 8, 2021." Published: first record close since November 2021
    # (previous record 2,442.74). The S&P 500 and Nasdaq 100 closed at records too.
    Case(
        date="2025-09-18",
        lead="The Russell 2000 closed at a record 2,467.70, its first record close since "
        "Nov 8, 2021.",
        expect=Expect("record_close", "RUT", 2467.70, "level", "2021-11-08"),
        figures=(
            # up 40.2% from its Apr 8 low (the 5% zigzag's last trough; the lowest close
            # of the trailing six months), against 33.1% for the S&P 500
            Expect(
                "turning_point",
                "RUT",
                40.2,
                "pct",
                "2025-04-08",
                "SPX",
                direction="low",
                param=33.1,
            ),
        ),
    ),
    # 2022-06-13. Lead: "The S&P 500 closed in a bear market, 21.8% below its Jan 3
    # record." Published: down 21.8% from the Jan 3 record of 4,796.56 (it had dipped
    # below -20% intraday on May 20, but closed -18.7% that day).
    Case(
        date="2022-06-13",
        lead="The S&P 500 fell 3.9% and closed in a bear market, 21.8% below its Jan 3, "
        "2022 record.",
        expect=Expect("threshold", "SPX", -21.8, "pct", "2022-01-03", param=0.20),
        figures=(
            # the 10-year yield at 3.43%, its highest since Apr 20, 2011
            Expect("level_record", "DGS10", 3.43, "level", "2011-04-20"),
        ),
    ),
    # 2024-01-19. Lead: "The S&P 500 closed at a record 4,839.81, its first since Jan 3,
    # 2022, recovering all of its 25.4% bear-market loss." Published: first record close
    # in two years, above the 4,796.56 of Jan 3, 2022.
    Case(
        date="2024-01-19",
        lead="The S&P 500 closed at a record 4,839.81, its first since Jan 3, 2022, "
        "recovering all of its 25.4% bear-market loss.",
        expect=Expect("record_close", "SPX", 4839.81, "level", "2022-01-03"),
        figures=(Expect("recovery", "SPX", -25.4, "pct", "2022-01-03"),),
    ),
    # 2023-10-19. Lead: "The 10-year Treasury yield rose to 4.98%, its highest since
    # Jul 19, 2007." Published: highest since 2007 (it touched 5% intraday on Oct 23).
    Case(
        date="2023-10-19",
        lead="The 10-year Treasury yield rose to 4.98%, its highest since Jul 19, 2007.",
        expect=Expect("level_record", "DGS10", 4.98, "level", "2007-07-19"),
    ),
    # 2024-02-09. Lead: "The S&P 500 closed above 5,000 for the first time, at 5,026.61."
    Case(
        date="2024-02-09",
        lead="The S&P 500 closed above 5,000 for the first time, at 5,026.61.",
        expect=Expect("round_number", "SPX", 5000, "level", None, param=5000.0),
    ),
    # 2024-07-11 (June CPI). Lead: "The Russell 2000 rose 3.6% as the S&P 500 fell 0.9%:
    # small caps beat the S&P 500 by 4.4 points, the widest one-day margin since Mar 19,
    # 2020." Published (vs the Russell 1000, the closest large-cap measure): a gap of
    # more than 4 points had occurred four times before, the latest Mar 19, 2020. The
    # margin over the Nasdaq 100, 5.8 points, was the widest since Jul 25, 2002: an
    # alternate lead reaching further back. The 21-session correlation of the two
    # indices' daily returns fell to -0.18, the lowest on record.
    Case(
        date="2024-07-11",
        lead="The Russell 2000 rose 3.6% as the S&P 500 fell 0.9%: small caps beat the "
        "S&P 500 by 4.4 points, the widest one-day margin since Mar 19, 2020.",
        expect=Expect("spread", "RUT", 4.4, "pp", "2020-03-19", versus="SPX", window=1),
        figures=(
            Expect("spread", "RUT", 5.8, "pp", "2002-07-25", versus="NDX", window=1),
            Expect("correlation", "RUT", -0.18, "r", None, "SPX", 21, "low"),
        ),
        alternates=(Expect("spread", "RUT", 5.8, "pp", "2002-07-25", versus="NDX", window=1),),
    ),
    # 2024-07-24. Lead: "The Nasdaq 100 fell 3.7%, its worst day since Oct 7, 2022 and
    # its biggest drop this year." Published: worst day since 2022 for the S&P 500
    # (-2.3%, worst since Dec 15, 2022) and the Nasdaq.
    Case(
        date="2024-07-24",
        lead="The Nasdaq 100 fell 3.7%, its worst day since Oct 7, 2022 and its biggest "
        "one-day drop this year; the S&P 500 lost 2.3%, its worst day since Dec 15, 2022.",
        expect=Expect("move", "NDX", -3.7, "pct", "2022-10-07", window=1, direction="low"),
        figures=(
            Expect(
                "scoped_record", "NDX", -3.7, "pct", None, window=1, direction="low", param="year"
            ),
            Expect("move", "SPX", -2.3, "pct", "2022-12-15", window=1, direction="low"),
        ),
    ),
    # 2025-04-07. Lead: "The S&P 500 swung 8.1% between its intraday low and high, the
    # widest intraday range since Mar 13, 2020: down as much as 4.7%, it closed 0.2%
    # lower, 17.6% below its Feb 19 record." Published: fell as much as 4.7% at the open
    # before a false rally; the widest swing since 2020. Intraday figures are labelled.
    Case(
        date="2025-04-07",
        lead="The S&P 500 swung 8.1% between its intraday low and high, the widest "
        "intraday range since Mar 13, 2020; down as much as 4.7%, it closed 0.2% lower.",
        expect=Expect("intraday", "SPX", 8.1, "pct", "2020-03-13", param="swing"),
        figures=(
            Expect(
                "intraday", "SPX", -4.7, "pct", "2025-04-04", direction="low", param="down_most"
            ),
            # 17.6% below its Feb 19 record (the 5% zigzag's last peak), the Russell
            # 2000 down 20.7% over the same sessions
            Expect("turning_point", "SPX", -17.6, "pct", "2025-02-19", "RUT", param=-20.7),
        ),
    ),
    # Calm: Friday 2019-06-14. Lead: "A quiet session: nothing set a record reaching back
    # more than a month." The farthest-reaching record of the scan goes back 10 sessions.
    Case(
        date="2019-06-14",
        lead="A quiet session: nothing set a record reaching back more than a month; the "
        "S&P 500 slipped 0.2%.",
        expect=Expect("quiet", "market", 10, "sessions", None),
        figures=(Expect("move", "SPX", -0.2, "pct", "2019-06-12", window=1, direction="low"),),
        calm=True,
    ),
    # Calm: Thursday 2012-06-07. The S&P 500 closed flat (-0.01%); the farthest record
    # of the scan, the S&P 500's 21-session gain, reaches back 16 sessions.
    Case(
        date="2012-06-07",
        lead="A quiet session: nothing set a record reaching back more than a month; the "
        "S&P 500 ended little changed.",
        expect=Expect("quiet", "market", 16, "sessions", None),
        figures=(Expect("move", "SPX", -0.0, "pct", "2012-06-01", window=1, direction="low"),),
        calm=True,
    ),
)


# ------------------------------------------------------------ one figure, in plain pandas
def plain_figure(date: str, e: Expect) -> Plain:
    """Compute an expectation's figure from the raw files (value in ``e.unit``)."""
    pct = 100.0
    if e.kind == "move":
        r = record(move(e.subject, int(e.window or 1)), date, e.direction)
        return Plain(r.value * pct, r.since, r.rank, r.out_of)
    if e.kind == "spread":
        r = record(spread(e.subject, str(e.versus), int(e.window or 1)), date, e.direction)
        return Plain(r.value * pct, r.since, r.rank, r.out_of)
    if e.kind == "yield_change":
        return record(yield_change_bp(int(e.window or 1)), date, e.direction)
    if e.kind == "level_record":
        return record(close(e.subject), date, e.direction)
    if e.kind == "record_close":
        return previous_record(e.subject, date)
    if e.kind == "record_count":
        return records_in_year(e.subject, date)
    if e.kind == "threshold":
        r = bear_crossing(e.subject, date, float(e.param or 0.2))
        return Plain(r.value * pct, r.since, detail=r.detail)
    if e.kind == "recovery":
        r = recovery(e.subject, date)
        return Plain(r.value * pct, r.since, detail=r.detail)
    if e.kind == "round_number":
        return round_number(e.subject, date, float(e.param or e.value))
    if e.kind == "correlation":
        return record(correlation(e.subject, str(e.versus), int(e.window or 63)), date, e.direction)
    if e.kind == "scoped_record":
        r = this_year(move(e.subject, int(e.window or 1)), date, e.direction)
        return Plain(r.value * pct, r.since, r.rank, r.out_of)
    if e.kind == "intraday":
        r = intraday(e.subject, date)[str(e.param)]
        return Plain(r.value * pct, r.since, r.rank, r.out_of)
    if e.kind == "turning_point":
        r = trailing_extreme(e.subject, date, 126, highest=e.direction == "high")
        other = change_between(str(e.versus), r.since, date) if e.versus else float("nan")
        return Plain(r.value * pct, r.since, detail=f"{other * pct:.1f}")
    if e.kind == "pair_return":
        start = pd.Timestamp(str(e.since))
        other = change_between(str(e.versus), start, date)
        return Plain(
            change_between(e.subject, start, date) * pct, start, detail=f"{other * pct:.1f}"
        )
    if e.kind == "week_to_date":
        r = week_to_date(e.subject, date)
        return Plain(r.value * pct, r.since)
    if e.kind == "leaders":
        prev = close(e.subject).loc[:date].index[-1 - int(e.window or 1)]
        ranked = member_returns(date, str(prev.date()))
        return Plain(float(ranked.iloc[0]) * pct, None, detail=str(ranked.index[0]))
    if e.kind == "quiet":
        best, name = max_reach(date)
        return Plain(best, None, detail=name)
    raise ValueError(f"unknown kind {e.kind!r}")


def as_date(value: pd.Timestamp | None) -> str | None:
    return None if value is None else pd.Timestamp(value).date().isoformat()
