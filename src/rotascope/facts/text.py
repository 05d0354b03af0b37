"""Sentences for facts: number, date and window wording, and one template per kind.

Every sentence is built by :func:`render` from the fields of a
:class:`~rotascope.facts.fact.Fact` (and the symbol registry for names), never by
hand, so ``render(fact) == fact.text`` holds for every fact the engine makes.

Examples
--------
>>> import datetime as dt
>>> pct(0.11539), points(0.1021), fmt_date(dt.date(2020, 4, 29))
('11.5%', '10.2 points', 'Apr 29, 2020')
>>> window_words(5), window_words(21), window_adjective(5)
('five sessions', '21 sessions (about a month)', 'five-session')
>>> ordinal(2), ordinal(11), ordinal(23)
('2nd', '11th', '23rd')
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from rotascope.facts.fact import Fact, Record
from rotascope.symbols import display_name, info

__all__ = [
    "fmt_date",
    "fmt_month",
    "is_notable",
    "name",
    "number",
    "ordinal",
    "pct",
    "points",
    "record_phrase",
    "render",
    "window_adjective",
    "window_words",
]

_SMALL = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}
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
_PERIOD_WORDS = {"YTD": "year to date", "QTD": "quarter to date", "MTD": "month to date"}
#: A record is worth saying when it reaches back this many days or ranks this high.
NOTABLE_DAYS = 28
NOTABLE_RANK = 10


# ---------------------------------------------------------------- numbers and dates
def pct(value: float, *, signed: bool = False) -> str:
    """A fraction as a percentage with one decimal ("11.5%"); two below 0.1%.

    Examples
    --------
    >>> pct(0.0004), pct(-0.034), pct(0.02, signed=True)
    ('0.04%', '-3.4%', '+2.0%')
    """
    if value is None or not math.isfinite(value):
        return "n/a"
    p = value * 100
    digits = 2 if 0 < abs(p) < 0.095 else 1
    text = f"{p:+.{digits}f}%" if signed else f"{p:.{digits}f}%"
    return text.replace("-0.0%", "0.0%").replace("+-", "-")


def points(value: float) -> str:
    """A fraction difference in percentage points ("10.2 points").

    Examples
    --------
    >>> points(0.01), points(-0.0345)
    ('1.0 point', '3.5 points')
    """
    if value is None or not math.isfinite(value):
        return "n/a"
    p = abs(value) * 100
    digits = 2 if 0 < p < 0.095 else 1
    text = f"{p:.{digits}f}"
    return f"{text} point" if text == "1.0" else f"{text} points"


def number(value: float, *, digits: int | None = None) -> str:
    """A level with thousands separators ("2,263.67"); 4 significant digits below 10.

    Examples
    --------
    >>> number(2263.671), number(0.399876)
    ('2,263.67', '0.3999')
    """
    if value is None or not math.isfinite(value):
        return "n/a"
    if digits is None:
        digits = 2 if abs(value) >= 10 else 4
    return f"{value:,.{digits}f}"


def basis_points(value: float) -> str:
    """A change already in basis points ("25 basis points")."""
    n = abs(value)
    return f"{n:.0f} basis point" if round(n) == 1 else f"{n:.0f} basis points"


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date"):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def fmt_date(value: Any) -> str:
    """A date as "Apr 29, 2020"."""
    d = _as_date(value)
    return f"{d:%b} {d.day}, {d.year}"


def fmt_month(value: Any) -> str:
    """A date as "Sep 1987"."""
    d = _as_date(value)
    return f"{d:%b} {d.year}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st..."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def window_words(window: int) -> str:
    """Sessions in words: "one session", "five sessions", "21 sessions (about a month)"."""
    w = int(window)
    if w in _SMALL:
        return f"{_SMALL[w]} session" if w == 1 else f"{_SMALL[w]} sessions"
    about = _ABOUT.get(w)
    return f"{w} sessions ({about})" if about else f"{w} sessions"


def window_adjective(window: int) -> str:
    """Window as an adjective: "one-day", "five-session", "21-session"."""
    w = int(window)
    if w == 1:
        return "one-day"
    return f"{_SMALL[w]}-session" if w in _SMALL else f"{w}-session"


def name(symbol: str | None, *, start: bool = False) -> str:
    """Name of a symbol for a sentence ("the S&P 500"; "The S&P 500" at the start).

    Symbols the registry does not know keep their own spelling, without an article.
    """
    if symbol is None:
        return ""
    full = display_name(symbol)
    if full == symbol and info(symbol).name == symbol:
        return full
    return ("The " if start else "the ") + full


def _span(window: Any, asof: dt.date) -> str:
    """ "on Jul 16, 2024" or "in the five sessions to Jul 16, 2024"."""
    if window == 1:
        return f"on {fmt_date(asof)}"
    return f"in the {window_words(int(window))} to {fmt_date(asof)}"


# ---------------------------------------------------------------- records
def is_notable(record: Record | None, asof: dt.date) -> bool:
    """Whether a record is worth a clause: all-time, older than four weeks, or top 10."""
    if record is None:
        return False
    if record.since is None:
        return record.out_of > 1
    return (asof - record.since).days >= NOTABLE_DAYS or record.rank <= NOTABLE_RANK


def record_phrase(
    record: Record | None,
    asof: dt.date,
    superlative: str,
    noun: str,
    *,
    rank_noun: str = "",
    rank_word: str = "largest",
) -> str:
    """Clause such as "its biggest five-session gain since Apr 29, 2020".

    Parameters
    ----------
    record : Record or None
    asof : datetime.date
    superlative : str
        "biggest", "best", "widest", "highest"...
    noun : str
        "five-session gain", "day", "gap in its favour"...
    rank_noun : str
        What is ranked ("five-session gain"); no rank clause when empty.
    rank_word : str
        Superlative of the rank clause ("largest", "widest").

    Returns
    -------
    str
        Empty when the record is not notable (see :func:`is_notable`).
    """
    if record is None or not is_notable(record, asof):
        return ""
    start = fmt_month(record.history_start)
    if record.since is None:
        return f"the {superlative} {noun} on record (since {start})"
    text = f"its {superlative} {noun} since {fmt_date(record.since)}"
    if rank_noun and 1 < record.rank <= NOTABLE_RANK:
        text += (
            f" (the {ordinal(record.rank)} {rank_word} {rank_noun} "
            f"since {record.history_start.year})"
        )
    return text


def _join(main: str, clause: str) -> str:
    return f"{main}, {clause}." if clause else f"{main}."


# ---------------------------------------------------------------- templates
def _move(f: Fact) -> str:
    subject = name(f.subject, start=True)
    w = f.window
    amount = basis_points(f.value) if f.unit == "bp" else pct(abs(f.value))
    if f.value == 0:
        return f"{subject} was unchanged {_span(w, f.asof)}."
    verb = "rose" if f.value > 0 else "fell"
    gain = f.value > 0
    if w == 1:
        superlative, noun = ("best", "day") if gain else ("worst", "day")
        noun_rank = "one-day " + ("gain" if gain else "loss")
    else:
        superlative = "biggest"
        noun = f"{window_adjective(int(w))} {'gain' if gain else 'loss'}"  # type: ignore[arg-type]
        noun_rank = noun
    clause = record_phrase(f.record, f.asof, superlative, noun, rank_noun=noun_rank)
    return _join(f"{subject} {verb} {amount} {_span(w, f.asof)}", clause)


def _spread(f: Fact) -> str:
    subject = name(f.subject, start=True)
    other = name(f.versus)
    d = f.details
    own = ""
    if "subject_return" in d and "versus_return" in d:
        own = f" ({pct(d['subject_return'])} vs {pct(d['versus_return'])})"
    if f.value == 0:
        return f"{subject} matched {other} {_span(f.window, f.asof)}{own}."
    verb = "outperformed" if f.value > 0 else "underperformed"
    adj = window_adjective(int(f.window))  # type: ignore[arg-type]
    noun = f"{adj} gap {'in its favour' if f.value > 0 else 'against it'}"
    clause = record_phrase(f.record, f.asof, "widest", noun, rank_noun=noun, rank_word="widest")
    main = f"{subject} {verb} {other} by {points(f.value)} {_span(f.window, f.asof)}{own}"
    return _join(main, clause)


def _ratio(f: Fact) -> str:
    title = f"The ratio of {display_name(f.subject)} to {display_name(f.versus or '')}"
    main = f"{title} closed at {number(f.value)} on {fmt_date(f.asof)}"
    rec = f.record
    clause = ""
    if rec is not None and is_notable(rec, f.asof):
        word = "highest" if rec.direction == "high" else "lowest"
        if rec.since is None:
            clause = f"a record {'high' if rec.direction == 'high' else 'low'} "
            clause += f"(since {fmt_month(rec.history_start)})"
        else:
            clause = f"its {word} since {fmt_date(rec.since)}"
    text = _join(main, clause)
    cw = f.details.get("change_window")
    change = f.details.get("change")
    if cw is not None and change is not None and math.isfinite(change):
        verb = "rose" if change > 0 else "fell" if change < 0 else "was unchanged"
        amount = f" {pct(abs(change))}" if change != 0 else ""
        text += f" It {verb}{amount} {_span(int(cw), f.asof)}."
    return text


def _drawdown(f: Fact) -> str:
    subject = name(f.subject, start=True)
    d = f.details
    peak = d.get("peak_date")
    if f.value == 0 and d.get("compounded"):
        main = f"{subject} was at a record high (compounded returns) on {fmt_date(f.asof)}"
    elif f.value == 0:
        main = f"{subject} closed at a record high of {number(d.get('close', math.nan))}"
        main += f" on {fmt_date(f.asof)}"
    elif d.get("compounded"):  # a growth index of compounded returns (factors)
        main = f"{subject} was {pct(abs(f.value))} below its {fmt_date(peak)} peak"
        main += f" (compounded returns) on {fmt_date(f.asof)}"
    else:
        main = f"{subject} closed {pct(abs(f.value))} below its {fmt_date(peak)} record close"
        main += f" ({number(d.get('peak_value', math.nan))}) on {fmt_date(f.asof)}"
    if f.versus is not None and "versus_change" in d:
        ch = d["versus_change"]
        word = "gain" if ch > 0 else "loss" if ch < 0 else "no change"
        amount = f"a {pct(abs(ch))} {word}" if ch != 0 else "no change"
        since_peak = "over the same dates" if f.value != 0 else f"since {fmt_date(f.start)}"
        return f"{main}, vs {amount} for {name(f.versus)} {since_peak}."
    clause = record_phrase(f.record, f.asof, "deepest", "drawdown")
    text = _join(main, clause)
    trough = d.get("trough_date")
    rally = d.get("rally")
    if f.value != 0 and trough is not None and rally is not None and rally > 0:
        text += f" It is up {pct(rally)} from its {fmt_date(trough)} low."
    return text


def _period_words(labels: list[str]) -> str:
    """ "year to date"; "quarter and month to date"; "year, quarter and month to date"."""
    heads = [_PERIOD_WORDS.get(x, x).removesuffix(" to date") for x in labels]
    if len(heads) == 1:
        return _PERIOD_WORDS.get(labels[0], labels[0])
    return f"{', '.join(heads[:-1])} and {heads[-1]} to date"


def _period(f: Fact) -> str:
    subject = name(f.subject, start=True)
    labels = [str(f.window), *f.details.get("also", [])]
    words = _period_words(labels)
    amount = basis_points(f.value) if f.unit == "bp" else pct(abs(f.value))
    base = f" (from the {fmt_date(f.start)} close)" if f.start is not None else ""
    if f.value == 0:
        return f"{subject} is unchanged {words}{base} as of {fmt_date(f.asof)}."
    direction = "up" if f.value > 0 else "down"
    return f"{subject} is {direction} {amount} {words}{base} as of {fmt_date(f.asof)}."


_TEMPLATES: dict[str, Callable[[Fact], str]] = {
    "move": _move,
    "spread": _spread,
    "ratio": _ratio,
    "drawdown": _drawdown,
    "period": _period,
}


def render(fact: Fact) -> str:
    """The sentence for ``fact``, from its fields only.

    Raises
    ------
    KeyError
        For a kind without a template here.
    """
    return _TEMPLATES[fact.kind](fact)
