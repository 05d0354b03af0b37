"""Open a data file safely: refuse what is not a small regular text file, then decode it.

Every failure becomes a :class:`~rotascope.errors.DataError` naming the file (and the
line where that makes sense); nothing here raises another exception type on purpose.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
>>> _ = p.write_text("Date,Close\\n2024-01-02,1.5\\n")
>>> read_lines(p)
['Date,Close', '2024-01-02,1.5']
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from pathlib import Path

from rotascope.errors import DataError

__all__ = ["MAX_FILE_BYTES", "read_lines"]

#: Files larger than this are refused without being read (daily data is far smaller).
MAX_FILE_BYTES = 500 * 2**20

_NEWLINE = re.compile(r"\r\n|\r|\n")


def _check_path(path: Path) -> int:
    """Return the size of ``path`` after checking it is a readable regular file."""
    try:
        st = path.stat()  # follows symlinks; a loop raises ELOOP
    except FileNotFoundError:
        if path.is_symlink():
            raise DataError("broken symbolic link (its target does not exist)", path=path) from None
        raise DataError("file not found", path=path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DataError(
                "symbolic link loop; point the link at a real file", path=path
            ) from None
        raise DataError(f"cannot open file: {exc.strerror or exc}", path=path) from None
    except RuntimeError:  # pragma: no cover - very old Pythons report loops this way
        raise DataError("symbolic link loop; point the link at a real file", path=path) from None
    if stat.S_ISDIR(st.st_mode):
        raise DataError("is a folder, not a file (pass the files inside it)", path=path)
    if not stat.S_ISREG(st.st_mode):
        raise DataError("not a regular file (device, pipe or socket)", path=path)
    if st.st_size > MAX_FILE_BYTES:
        raise DataError(
            f"file is {st.st_size / 2**20:,.0f} MB, larger than the {MAX_FILE_BYTES // 2**20} MB "
            "limit for a daily series; is it the right file?",
            path=path,
        )
    return st.st_size


def _line_of(head: str | bytes) -> int:
    """1-based line of the position just after ``head`` (\\r\\n, \\n and \\r all end lines)."""
    if isinstance(head, bytes):
        return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def _decode(raw: bytes, path: Path) -> str:
    """Decode bytes as UTF-8 (with or without BOM) or BOM-marked UTF-16."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DataError(f"invalid UTF-16 text ({exc.reason})", path=path) from None
    nul = raw.find(b"\x00")
    if nul >= 0:  # before decoding: UTF-16 without BOM must not be blamed on a later byte
        raise DataError(
            "file contains NUL bytes: binary data, or UTF-16 without a byte-order mark; "
            "save it as UTF-8 text",
            path=path,
            line=_line_of(raw[:nul]),
        )
    encoding = "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of(raw[: exc.start])
        raise DataError(
            f"cannot decode as UTF-8 (byte 0x{raw[exc.start]:02x}); "
            "save the file as UTF-8 text (binary files are not accepted)",
            path=path,
            line=line,
        ) from None
    return text


def read_lines(path: str | os.PathLike[str]) -> list[str]:
    """Return the lines of a text data file, without line endings.

    Parameters
    ----------
    path : str or PathLike
        The file to read.

    Returns
    -------
    list of str
        The decoded lines (``\\r\\n``, ``\\n`` and ``\\r`` endings all accepted).

    Raises
    ------
    DataError
        Missing file, folder, symlink loop, non-regular file, file over
        :data:`MAX_FILE_BYTES`, undecodable bytes, or an empty file.
    """
    p = Path(path)
    size = _check_path(p)
    if size == 0:
        raise DataError("file is empty", path=p)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read file: {exc.strerror or exc}", path=p) from None
    text = _decode(raw, p)
    lines = _NEWLINE.split(text) if "\r" in text else text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not any(line.strip() for line in lines):
        raise DataError("file is empty (only blank lines)", path=p)
    return lines
