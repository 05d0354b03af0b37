"""Bring every series current from its provider: the engine of ``rotascope data update --all``.

:func:`plan_update` turns the list of series (stored and bundled) into jobs, one per
download: one per ticker (Yahoo), one per FRED series, one per Ken French dataset (a
dataset holds several factors). Series no provider serves (Shiller's data, your own
valuation files, unknown library files) are listed as skipped, with the reason. Prices
are downloaded from a few days before their last date; a bundled price series is first
copied into the store, so the download extends the bundled history rather than replace it.

:func:`run_update` runs the jobs one by one, each download imported in its own
transaction, and records progress in a state file beside the store. If the run is
interrupted (Ctrl-C, a lost connection, a crash), the next run within a day resumes:
jobs already done are not downloaded again. A job that fails (network, bad content) is
reported and the others go on; the state file is removed once every job succeeded.

Examples
--------
>>> inv = pd.DataFrame({"id": ["RUT", "ff:SMB", "ff:HML", "shiller:CAPE"],
...                     "origin": ["store", "bundled", "bundled", "store"],
...                     "last": pd.to_datetime(["2025-09-24"] * 4)})
>>> jobs, skipped = plan_update(inv)
>>> [(j.name, j.ids, j.start) for j in jobs]
[('yahoo RUT', ('RUT',), '2025-09-14'), ('french factors_daily', ('ff:HML', 'ff:SMB'), None)]
>>> skipped[0][0]
'shiller:CAPE'
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from rotascope.errors import DataError, ProviderError
from rotascope.sources.parsed import ParsedSeries
from rotascope.sources.providers.french import dataset_of
from rotascope.store.database import Store
from rotascope.symbols import split_id

__all__ = [
    "RESUME_WITHIN",
    "JobOutcome",
    "UpdateJob",
    "UpdateReport",
    "plan_update",
    "run_update",
    "state_path",
]

#: An interrupted run is resumed when the next one starts within this time.
RESUME_WITHIN = dt.timedelta(hours=24)
#: Yahoo downloads start this many days before the last stored date (overlap is checked).
OVERLAP_DAYS = 10


@dataclass(frozen=True)
class UpdateJob:
    """One download: ``provider`` fetches ``target`` (a symbol or a dataset)."""

    name: str
    provider: str
    target: str
    ids: tuple[str, ...]
    start: str | None = None  # ISO date, or None for the whole history
    seed: str | None = None  # a bundled key copied into the store before the download


@dataclass
class JobOutcome:
    """What one job did: per stored key its status, new rows and last dates."""

    name: str
    ok: bool
    message: str = ""
    series: list[dict[str, Any]] = field(default_factory=list)
    resumed: bool = False


@dataclass
class UpdateReport:
    """The outcome of :func:`run_update`."""

    outcomes: list[JobOutcome]
    skipped: list[tuple[str, str]]
    resumed_from: str | None = None

    @property
    def failed(self) -> list[JobOutcome]:
        """Jobs that failed this time."""
        return [o for o in self.outcomes if not o.ok]

    @property
    def changed(self) -> list[dict[str, Any]]:
        """Series whose stored values changed."""
        return [
            s
            for o in self.outcomes
            if not o.resumed
            for s in o.series
            if s["status"] not in ("unchanged", "refused")
        ]


def state_path(store: Store) -> Path:
    """Where an interrupted ``update --all`` keeps its progress (beside the store)."""
    return store.path.with_name("update-all.json")


def plan_update(inventory: pd.DataFrame) -> tuple[list[UpdateJob], list[tuple[str, str]]]:
    """Jobs that bring the series of ``inventory`` current, and the series skipped.

    Parameters
    ----------
    inventory : pandas.DataFrame
        At least ``id``, ``origin`` (``store`` or ``bundled``) and ``last``, as from
        :meth:`rotascope.data.DataSource.inventory`.

    Returns
    -------
    (jobs, skipped) : list of UpdateJob, list of (id, reason)
    """
    newest = inventory.sort_values("last").drop_duplicates("id", keep="last")
    french: dict[str, list[str]] = {}
    jobs: list[UpdateJob] = []
    skipped: list[tuple[str, str]] = []
    for row in newest.sort_values("id").itertuples(index=False):
        sid = str(row.id)
        ns, name = split_id(sid)
        if ns == "shiller":
            skipped.append((sid, "no provider: import Shiller's newest ie_data export"))
        elif ns == "val":
            skipped.append((sid, "your own valuation file: import its newer version"))
        elif ns == "fred":
            jobs.append(UpdateJob(f"fred {name}", "fred", sid, (sid,)))
        elif ns:
            dataset = dataset_of(sid)
            if dataset is None:
                skipped.append((sid, "no Ken French dataset known for it: import the file"))
            else:
                french.setdefault(dataset, []).append(sid)
        else:
            # the stored (or bundled) history is kept; the download extends it
            start = (pd.Timestamp(row.last) - pd.Timedelta(days=OVERLAP_DAYS)).date()
            seed = sid if row.origin == "bundled" else None
            jobs.append(UpdateJob(f"yahoo {sid}", "yahoo", sid, (sid,), str(start), seed))
    jobs += [
        UpdateJob(f"french {d}", "french", d, tuple(sorted(ids)))
        for d, ids in sorted(french.items())
    ]
    return jobs, skipped


def _load_state(path: Path, restart: bool, now: dt.datetime) -> dict[str, Any] | None:
    if restart or not path.is_file():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        started = dt.datetime.fromisoformat(state["started"])
    except (ValueError, KeyError, TypeError):
        return None  # a damaged state file: start afresh
    return state if now - started <= RESUME_WITHIN else None


def _save_state(path: Path, state: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)


def _bundled_copy(key: str) -> ParsedSeries:
    """A bundled series as a parsed series, to copy into the store."""
    from rotascope.datasets import bundled_manifest, load_bundled_key

    entry = bundled_manifest()["series"][key]
    return ParsedSeries(
        symbol=entry["id"],
        frame=load_bundled_key(key),
        source="bundled dataset",
        format="bundled",
        unit=entry.get("unit", "price"),
        edition=entry.get("edition", ""),
    )


def _fetch(job: UpdateJob, provider_for: Callable[..., Any], offline: bool) -> list[ParsedSeries]:
    provider = provider_for(job.target, name=job.provider, offline=offline)
    if job.provider == "french":
        return list(provider.fetch_dataset(job.target))
    start = None if job.start is None else pd.Timestamp(job.start)
    return list(provider.fetch(job.target, start=start))


def run_update(
    jobs: Sequence[UpdateJob],
    store: Store,
    *,
    provider_for: Callable[..., Any],
    replace: bool = False,
    offline: bool = False,
    restart: bool = False,
    last_before: dict[str, pd.Timestamp] | None = None,
    progress: Callable[[UpdateJob, int, int], None] | None = None,
    now: dt.datetime | None = None,
) -> UpdateReport:
    """Run ``jobs`` one by one (see the module docstring); return what each did.

    Parameters
    ----------
    jobs : sequence of UpdateJob
        From :func:`plan_update`.
    store : Store
        Where downloads are imported (one transaction per job).
    provider_for : callable
        ``provider_for(target, name=..., offline=...)``, as
        :func:`rotascope.sources.providers.provider_for`.
    replace : bool
        Let new values and editions replace the stored ones.
    offline : bool
        Never touch the network (every job then fails with a clear message).
    restart : bool
        Ignore an interrupted run's progress and start again.
    last_before : dict, optional
        Id -> last date before the update, for the summary.
    progress : callable, optional
        Called as ``progress(job, done, total)`` before each job.
    now : datetime, optional
        The clock (tests).
    """
    now = now or dt.datetime.now()
    path = state_path(store)
    state = _load_state(path, restart, now)
    resumed_from = None if state is None else str(state["started"])
    if state is None:
        state = {"started": now.isoformat(timespec="seconds"), "done": {}, "failed": {}}
    outcomes: list[JobOutcome] = []
    last_before = last_before or {}
    for i, job in enumerate(jobs):
        if progress is not None:
            progress(job, i, len(jobs))
        if job.name in state["done"]:
            outcomes.append(
                JobOutcome(job.name, True, series=state["done"][job.name], resumed=True)
            )
            continue
        try:
            series = _fetch(job, provider_for, offline)
            if job.seed is not None:
                series = [_bundled_copy(job.seed), *series]
            result = store.import_series(series, replace=replace)
        except (ProviderError, DataError) as exc:
            state["failed"][job.name] = str(exc)
            _save_state(path, state)
            outcomes.append(JobOutcome(job.name, False, message=str(exc)))
            continue
        meta = store.list_series().set_index("symbol")
        rows = []
        for s in result.series[1:] if job.seed is not None else result.series:
            sid = s.symbol.split("@", 1)[0]
            before = last_before.get(sid)
            rows.append(
                {
                    "symbol": s.symbol,
                    "status": s.status,
                    "new_rows": s.new_rows,
                    "conflicts": s.conflicts,
                    "differs": s.differs,
                    "last_before": None if before is None else f"{pd.Timestamp(before):%Y-%m-%d}",
                    "last_after": f"{meta.loc[s.symbol, 'last']:%Y-%m-%d}"
                    if s.symbol in meta.index
                    else None,
                }
            )
        state["done"][job.name] = rows
        state["failed"].pop(job.name, None)
        _save_state(path, state)
        outcomes.append(JobOutcome(job.name, True, series=rows))
    if not state["failed"] and all(j.name in state["done"] for j in jobs):
        path.unlink(missing_ok=True)
    return UpdateReport(outcomes, [], resumed_from)
