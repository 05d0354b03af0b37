"""Series of a Parquet export (``rotascope data export --parquet``), for Dask workers.

A Dask worker reads its partition's series straight from the export folder (a path or
URL every worker can reach) rather than from this machine's store; this module is the
data port's door to that folder, so that ``scale/`` never opens files itself.

Examples
--------
>>> ParquetSeries("/data/export")
ParquetSeries('/data/export')
"""

from __future__ import annotations

import os

import pandas as pd

from rotascope.sources.parquet import ParquetLoader

__all__ = ["ParquetSeries"]


class ParquetSeries:
    """``loader(symbol) -> Series`` over an export folder, picklable for Dask workers.

    Parameters
    ----------
    root : str or PathLike
        The export folder (or URL).
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self._loader = ParquetLoader(root)
        self.root = self._loader.root

    def __repr__(self) -> str:
        return f"ParquetSeries({str(self.root)!r})"

    def symbols(self) -> list[str]:
        """The daily series of the export."""
        return self._loader.symbols()

    def __call__(self, symbol: str) -> pd.Series:
        """One series' closes."""
        return self._loader(symbol)
