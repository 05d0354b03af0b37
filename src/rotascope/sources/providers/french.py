"""Kenneth R. French Data Library: zipped text CSVs of factors and portfolios."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field

import pandas as pd

from rotascope.errors import DataError
from rotascope.sources.parsed import ParsedSeries
from rotascope.sources.providers.base import cache_dir, cache_validated, looks_like_html
from rotascope.sources.providers.http import HttpFetcher
from rotascope.sources.reader import read_file
from rotascope.symbols import series_id

__all__ = ["DATASETS", "FrenchProvider", "dataset_of"]

BASE = "https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/ftp/"
#: dataset name -> zip file in the library
DATASETS: dict[str, str] = {
    "factors_daily": "F-F_Research_Data_Factors_daily_CSV.zip",
    "factors_monthly": "F-F_Research_Data_Factors_CSV.zip",
    "factors5_daily": "F-F_Research_Data_5_Factors_2x3_daily_CSV.zip",
    "momentum_daily": "F-F_Momentum_Factor_daily_CSV.zip",
    "size_portfolios": "Portfolios_Formed_on_ME_CSV.zip",
}
#: series id -> the dataset that holds it
_SYMBOL_DATASET = {
    **{f"ff:{f}": "factors_daily" for f in ("MKT-RF", "SMB", "HML", "RF")},
    **{f"ffm:{f}": "factors_monthly" for f in ("MKT-RF", "SMB", "HML", "RF")},
    **{f"ff5:{f}": "factors5_daily" for f in ("MKT-RF", "SMB", "HML", "RMW", "CMA", "RF")},
    "ff:MOM": "momentum_daily",
    **{
        f"ffm:ME_{c}": "size_portfolios"
        for c in (
            *("LO30", "MED40", "HI30", "LO20", "QNT2", "QNT3", "QNT4", "HI20", "LO10"),
            *(f"DEC{i}" for i in range(2, 10)),
            "HI10",
        )
    },
}


def dataset_of(symbol: str) -> str | None:
    """The library dataset that holds ``symbol`` (``SMB`` -> ``factors_daily``), or None.

    Examples
    --------
    >>> dataset_of("SMB"), dataset_of("ff5:CMA"), dataset_of("RUT")
    ('factors_daily', 'factors5_daily', None)
    """
    return _SYMBOL_DATASET.get(series_id(symbol))


@dataclass
class FrenchProvider:
    """Fama-French factors (daily and monthly) and size portfolios."""

    fetcher: HttpFetcher = field(default_factory=lambda: HttpFetcher("Ken French"))
    name: str = "french"

    def handles(self, symbol: str) -> bool:
        """Factor symbols (SMB, HML, ...) and dataset names (``size_portfolios``)."""
        return dataset_of(symbol) is not None or symbol in DATASETS

    def fetch_dataset(self, dataset: str) -> list[ParsedSeries]:
        """Download one library file and read every series in it."""
        if dataset not in DATASETS:
            raise DataError(f"unknown Ken French dataset {dataset!r}; known: {sorted(DATASETS)}")
        response = self.fetcher.get(BASE + DATASETS[dataset])
        body = response.content
        if looks_like_html(body):
            raise DataError("the library returned an HTML page, not a zip", path=str(response.url))
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as zf:
                names = [n for n in zf.namelist() if n.lower().endswith(".csv")]
                if not names:
                    raise DataError("zip holds no CSV file", path=str(response.url))
                data = zf.read(names[0])
        except DataError:
            raise
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            NotImplementedError,
            RuntimeError,
            ValueError,
            OSError,
        ):
            # damaged data or offsets, a cut-off member, unknown compression, encryption
            raise DataError(
                "download is not a valid zip (truncated?)", path=str(response.url)
            ) from None
        return cache_validated(cache_dir(self.name) / names[0].split("/")[-1], data, read_file)

    def fetch(
        self, symbol: str, *, start: pd.Timestamp | None = None, end: pd.Timestamp | None = None
    ) -> list[ParsedSeries]:
        """Download the dataset that holds ``symbol`` (all its series are returned)."""
        dataset = symbol if symbol in DATASETS else dataset_of(symbol)
        if dataset is None:
            raise DataError(f"{symbol} is not in the Ken French datasets rotascope knows")
        return self.fetch_dataset(dataset)
