"""Windows of a question: whole sessions (``5``) or calendar years (``10y``).

Examples
--------
>>> split_windows([5, "21", "10y", "3Y"])
((5, 21), ('10y', '3y'))
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable

from rotascope.errors import RotascopeError

__all__ = ["WindowError", "split_windows"]

_SESSIONS = re.compile(r"\s*(\d+)\s*")
_YEARS = re.compile(r"\s*(\d+)\s*(?:y|yr|yrs|year|years)\s*", re.IGNORECASE)


class WindowError(RotascopeError, ValueError):
    """A window that is neither a number of sessions (``5``) nor of years (``10y``)."""


def split_windows(windows: Iterable[int | str]) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Split window specs into session counts and year labels (duplicates dropped).

    Parameters
    ----------
    windows : iterable of int or str
        ``5`` or ``"5"`` (sessions), ``"10y"`` (calendar years).

    Returns
    -------
    tuple
        ``(sessions, years)``: ints in the order given, and labels normalised to ``"10y"``.

    Raises
    ------
    WindowError
        For anything else (``"abc"``, ``0``, ``"2.5"``), naming the valid forms.

    Examples
    --------
    >>> split_windows([5, "21", "10y", "3Y"])
    ((5, 21), ('10y', '3y'))
    """
    sessions: list[int] = []
    years: list[str] = []
    for w in windows:
        if isinstance(w, bool):
            raise _bad_window(w)
        if isinstance(w, numbers.Real):
            if not math.isfinite(w) or w != int(w) or int(w) < 1:
                raise _bad_window(w)
            n = int(w)
            sessions.extend([] if n in sessions else [n])
            continue
        text = str(w)
        m = _SESSIONS.fullmatch(text)
        if m and int(m.group(1)) >= 1:
            n = int(m.group(1))
            sessions.extend([] if n in sessions else [n])
            continue
        m = _YEARS.fullmatch(text)
        if m and int(m.group(1)) >= 1:
            label = f"{int(m.group(1))}y"
            years.extend([] if label in years else [label])
            continue
        raise _bad_window(w)
    return tuple(sessions), tuple(years)


def _bad_window(w: object) -> WindowError:
    return WindowError(
        f"invalid window {w!r}: windows are a whole number of sessions (e.g. 5, 21, 252) "
        "or of calendar years (e.g. 10y, for factor series such as SMB, HML, RMW, CMA, MOM, "
        "MKT-RF, or for a pair with --versus)"
    )
