"""The streak study product: the current run of a daily condition, earlier runs as long,
and what followed them against the base rate of all sessions.

:func:`study` is what ``rotascope study``, ``GET /api/study``, the report's streak
section and :func:`rotascope.study` call, so a p-value is the same wherever it is
stated (one bootstrap stream per horizon, :data:`STUDY_BOOT` draws).

Examples
--------
>>> import numpy as np, pandas as pd
>>> from rotascope.data import MemorySource
>>> idx = pd.bdate_range("2024-01-01", periods=91, name="date")
>>> close = pd.Series(100 * np.cumprod(np.r_[1, [1.02, 1.02, 0.99] * 30]), index=idx)
>>> r = study(MemorySource({"RUT": close}), "RUT", "ret>1%", length=2, horizons=(5,),
...           n_boot=200)
>>> r.streak.length, len(r.to_frame()), r.facts[0].kind
(2, 30, 'streak')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from rotascope._typing import Basis
from rotascope.asof import AsOf, resolve_on
from rotascope.data.port import DataSource
from rotascope.errors import DataError
from rotascope.kinds._study import StreakStudy, streak_study
from rotascope.kinds.engine import engine_for
from rotascope.kinds.event_study import study_facts
from rotascope.kinds.fact import Fact
from rotascope.measures.events import DEFAULT_HORIZONS
from rotascope.measures.streaks import parse_condition
from rotascope.products.result import Result, unique_notes
from rotascope.symbols import canonical

__all__ = ["STUDY_BOOT", "StudyResult", "study"]

#: Bootstrap draws of every streak study (the CLI, the web, the report and the facts).
STUDY_BOOT = 10_000

_STATS = ("count", "mean", "median", "share_positive", "best", "worst")


def _plain(x: Any) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x.item() if hasattr(x, "item") else x


@dataclass(frozen=True)
class StudyResult(Result):
    """A streak study as of a date.

    Attributes
    ----------
    subject : str
        Canonical symbol.
    condition : str
        The daily test as given (``ret>1%``, ``beats:NDX``...).
    streak : StreakStudy
        The measures behind the facts (state, episodes, event study).
    facts : tuple of Fact
        ``streak`` then one ``event_study`` fact per horizon.
    asof : AsOf
    notes : tuple of Note
    data_version : str
    """

    subject: str
    condition: str
    streak: StreakStudy
    facts: tuple[Fact, ...]
    asof: AsOf
    notes: tuple = ()
    data_version: str = ""

    @property
    def length(self) -> int:
        """Episode length in sessions."""
        return self.streak.length

    def to_frame(self) -> pd.DataFrame:
        """The episodes with their forward returns (fractions; NaN where incomplete)."""
        return self.streak.episode_table()

    def stats(self) -> list[dict[str, Any]]:
        """Per horizon: the episodes' forward-return statistics, the base rate's
        (``base_`` keys), the t statistic and the bootstrap p-value."""
        es = self.streak.study
        rows = []
        for h in es.horizons:
            row: dict[str, Any] = {"horizon": int(h)}
            for prefix, st in (("", es.events.get(h)), ("base_", es.base.get(h))):
                if st is None:
                    continue
                for key in _STATS:
                    row[prefix + key] = _plain(getattr(st, key, None))
            row["t_stat"] = _plain(es.t_stat.get(h))
            row["p_boot"] = _plain(es.p_boot.get(h))
            rows.append(row)
        return rows

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the facts, the statistics and the as-of, notes and version."""
        return {
            "subject": self.subject,
            "condition": self.condition,
            "length": self.length,
            "facts": [f.to_dict() for f in self.facts],
            "stats": self.stats(),
            **self.common_dict(),
        }


def study(
    source: DataSource,
    subject: str,
    condition: str = "ret>1%",
    length: int | None = None,
    asof: AsOf | Any = None,
    *,
    versus: str | None = None,
    basis: Basis = "price",
    horizons: Sequence[int] = DEFAULT_HORIZONS,
    n_boot: int = STUDY_BOOT,
) -> StudyResult:
    """Study the runs of ``condition`` on ``subject`` up to a date.

    Parameters
    ----------
    source : DataSource
    subject : str
        Symbol (aliases resolved).
    condition : str
        ``ret>1%``, ``ret<-1%``, ``beats:NDX``, ``above:200``.
    length : int, optional
        Episode length (sessions); default the current run (at least 1).
    asof : AsOf, date-like or "latest", optional
        Resolved against the subject's dates (an ``AsOf`` is a cut).
    versus : str, optional
        Study the ratio subject / versus (for ``beats:`` the condition's series is used).
    basis : {"price", "total_return"}
    horizons : sequence of int
        Forward windows in sessions.
    n_boot : int
        Bootstrap draws.

    Raises
    ------
    DataError
        A bad condition, or ``length`` below 1.
    UnknownSymbol, AsOfError
        A symbol with no data; a date outside the subject's data.
    """
    cond = parse_condition(condition)
    if length is not None and int(length) < 1:
        raise DataError(f"length must be 1 session or more, got {length}")
    engine = engine_for(source)
    main = engine.series(subject, basis)
    when = resolve_on(asof, pd.DatetimeIndex(main.values.index), what=main.symbol)
    other = cond.versus or versus
    other_data = engine.series(other, basis) if other else None
    s = streak_study(
        main.values.rename(main.symbol), cond, length=length, asof=when.session,
        versus_close=None if other_data is None else other_data.values,
        horizons=horizons, basis=main.basis, n_boot=n_boot,
    )  # fmt: skip
    notes = unique_notes(
        (*when.notes, *main.notes, *(() if other_data is None else other_data.notes))
    )
    return StudyResult(
        canonical(subject), condition, s, tuple(study_facts(s)), when, notes,
        engine.memo.version,
    )  # fmt: skip
