"""Where data comes from: file readers (format detection, parsing, validation) and providers.

Examples
--------
>>> from rotascope.sources import read_file  # doctest: +SKIP
>>> [s] = read_file("RUT_close.csv")  # doctest: +SKIP
>>> s.symbol, s.frame.loc["2024-07-16", "close"]  # doctest: +SKIP
('RUT', 2263.67...)
"""

from __future__ import annotations

from rotascope.sources._io import MAX_FILE_BYTES
from rotascope.sources.parsed import COLUMNS, PRICE_COLUMNS, ParsedSeries
from rotascope.sources.reader import FORMATS, UnrecognisedFormatError, detect_format, read_file

__all__ = [
    "COLUMNS",
    "FORMATS",
    "MAX_FILE_BYTES",
    "PRICE_COLUMNS",
    "ParsedSeries",
    "UnrecognisedFormatError",
    "detect_format",
    "read_file",
]
