"""Fast, line-aware parsing of the data block of a delimited file.

pandas' C parser reads the block in one go; only when something is wrong do we look at
single lines to name the line and the problem.

Examples
--------
>>> rows = parse_rows(["Date,Close", "2024-01-02,1.5", "2024-01-03,1.6"], 1, 3,
...                   ["date", "close"], path="x.csv")
>>> rows.values[:, 0].tolist(), rows.lines.tolist()
([1.5, 1.6], [2, 3])
>>> parse_dates(rows.raw_dates).astype("datetime64[D]").astype(str).tolist()
['2024-01-02', '2024-01-03']
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from rotascope.errors import DataError

__all__ = ["Rows", "parse_dates", "parse_rows"]

_C_ERROR = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_C_QUOTE = re.compile(r"inside string starting at row (\d+)")
#: The days a nanosecond timestamp can hold (pandas' Timestamp.min/max, whole days).
_NS_FIRST, _NS_LAST = np.datetime64("1677-09-22", "D"), np.datetime64("2262-04-11", "D")
_ISO_FULL = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


@dataclass(frozen=True)
class Rows:
    """Parsed data rows: date text, float values and 1-based line numbers."""

    raw_dates: npt.NDArray[np.object_]  # date texts (NaN where blank)
    values: npt.NDArray[np.float64]  # shape (rows, fields - 1); NaN in text fields
    lines: npt.NDArray[np.int64]
    texts: dict[int, npt.NDArray[np.object_]]  # field index -> raw text of text fields


def parse_rows(
    lines: Sequence[str],
    start: int,
    stop: int,
    names: Sequence[str],
    *,
    path: str,
    na_tokens: Sequence[str] = ("",),
    skip_initial_space: bool = False,
    text_fields: Sequence[int] = (),
) -> Rows:
    """Parse ``lines[start:stop]`` as rows of ``len(names)`` comma-separated fields.

    Parameters
    ----------
    lines : sequence of str
        All lines of the file.
    start, stop : int
        0-based slice of the data rows.
    names : sequence of str
        Field names as shown in messages; the first field is the date.
    path : str
        File name for messages.
    na_tokens : sequence of str
        Texts that mean "no value" (become NaN).
    skip_initial_space : bool
        Ignore spaces after commas (Ken French files pad their numbers).
    text_fields : sequence of int
        Field indices kept as text (for example a ``ticker`` column).

    Returns
    -------
    Rows

    Raises
    ------
    DataError
        A row with too many or too few fields, a blank line, or text in a value field.
    """
    n = len(names)
    block = lines[start:stop]
    numbers = np.arange(start + 1, stop + 1, dtype=np.int64)
    if not block:
        raise DataError("no data rows (header only)", path=path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            df = pd.read_csv(
                io.StringIO("\n".join(block)),
                header=None,
                names=list(range(n)),
                dtype={0: object, **{j: str for j in text_fields}},
                keep_default_na=False,
                na_values=list(na_tokens),
                skip_blank_lines=False,
                skipinitialspace=skip_initial_space,
                index_col=False,
                engine="c",
            )
    except pd.errors.ParserWarning:  # the first row has more fields than the header
        got = block[0].count(",") + 1
        raise DataError(
            f"row has {got} fields, expected {n} ({', '.join(names)})", path=path, line=start + 1
        ) from None
    except pd.errors.ParserError as exc:
        m = _C_ERROR.search(str(exc))
        if m:
            raise DataError(
                f"row has {m.group(3)} fields, expected {m.group(1)} ({', '.join(names)})",
                path=path,
                line=start + int(m.group(2)),
            ) from None
        m = _C_QUOTE.search(str(exc))
        line = start + int(m.group(1)) + 1 if m else None
        raise DataError(f"cannot parse rows: {exc}", path=path, line=line) from None
    if len(df) != len(block):  # quoted newlines
        odd = next((i for i, t in enumerate(block) if t.count('"') % 2), None)
        raise DataError(
            "quoted line breaks inside fields are not supported",
            path=path,
            line=None if odd is None else start + odd + 1,
        )

    values = np.full((len(df), n - 1), np.nan, dtype=np.float64)
    texts = {j: df[j].to_numpy(dtype=object, na_value=None) for j in text_fields}
    for j in range(1, n):
        if j in texts:
            continue
        col = df[j]
        if col.dtype.kind in "fiub":
            values[:, j - 1] = col.to_numpy(dtype=np.float64, na_value=np.nan)
            continue
        text = col.astype(str)
        num = pd.to_numeric(text.str.strip(), errors="coerce")
        bad = num.isna() & col.notna() & ~text.str.strip().isin(list(na_tokens))
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise DataError(
                f"{names[j]} is not a number: {str(col.iloc[i]).strip()!r}",
                path=path,
                line=int(numbers[i]),
            )
        values[:, j - 1] = num.to_numpy(dtype=np.float64, na_value=np.nan)

    raw_dates = df[0].to_numpy(dtype=object)
    numeric = [j - 1 for j in range(1, n) if j not in texts]
    missing = np.isnan(values[:, numeric]).any(axis=1) | pd.isna(raw_dates)
    for i in np.flatnonzero(missing):
        text = block[i]
        if not text.strip():
            raise DataError("blank line inside the data", path=path, line=int(numbers[i]))
        got = text.count(",") + 1
        if got < n:
            raise DataError(
                f"row has only {got} of {n} fields ({', '.join(names)}): truncated?",
                path=path,
                line=int(numbers[i]),
            )
    return Rows(raw_dates=raw_dates, values=values, lines=numbers, texts=texts)


def _iso_fast(raw: npt.NDArray[np.object_]) -> npt.NDArray[np.datetime64] | None:
    """Plain ``YYYY-MM-DD`` texts through NumPy's strict parser, else None (slow path)."""
    try:
        if len(raw) == 0 or not (np.fromiter(map(len, raw), np.int64, len(raw)) == 10).all():
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return raw.astype("datetime64[D]")
    except (TypeError, ValueError, Warning):  # NaN (blank), bad day, odd text
        return None


def parse_dates(raw: pd.Series | Sequence[str]) -> npt.NDArray[np.datetime64]:
    """Parse date texts; unreadable ones become ``NaT`` (the caller names the line).

    Accepted: ``YYYY-MM-DD`` (optionally followed by a time and a UTC offset, which are
    dropped: the local calendar date is kept), ``YYYYMMDD``, ``YYYYMM`` (month end) and
    ``MM/DD/YYYY``. The format is chosen from the first date.
    """
    days = _iso_fast(np.asarray(raw, dtype=object))
    if days is not None:
        inside = (days >= _NS_FIRST) & (days <= _NS_LAST)
        return np.where(inside, days, np.datetime64("NaT")).astype("datetime64[ns]")
    s = pd.Series(raw, dtype="str").reset_index(drop=True)
    if len(s) == 0:
        return np.array([], dtype="datetime64[ns]")
    if not s.str.len().eq(10).all():
        s = s.str.strip()
    nonblank = s[s.notna() & s.ne("")]
    first = str(nonblank.iloc[0]) if len(nonblank) else ""
    if re.match(r"^\d{4}-\d{2}-\d{2}", first):
        if not (s.str.len() == 10).all():
            ok = s.str.fullmatch(_ISO_FULL.pattern).fillna(False).astype(bool)
            s = s.str.slice(0, 10).where(ok, "bad")
        out = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
    elif re.fullmatch(r"\d{8}", first):
        out = pd.to_datetime(s, format="%Y%m%d", errors="coerce")
    elif re.fullmatch(r"\d{6}", first):
        out = pd.to_datetime(s, format="%Y%m", errors="coerce") + pd.offsets.MonthEnd(0)
    elif re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", first):
        out = pd.to_datetime(s, format="%m/%d/%Y", errors="coerce")
    else:
        return np.full(len(s), np.datetime64("NaT"), dtype="datetime64[ns]")
    # pandas keeps dates outside 1677-2262 in a coarser unit; a plain cast to ns would
    # wrap them around silently (year 1000 -> 2169), so they become NaT (named by the caller).
    days = out.to_numpy().astype("datetime64[D]")
    inside = (days >= _NS_FIRST) & (days <= _NS_LAST)
    return np.where(inside, days, np.datetime64("NaT")).astype("datetime64[ns]")
