"""Kind ``yield_period``: a yield's change year, quarter and month to date, in basis points.

"The 10-year Treasury yield is down 122 basis points year to date (from the Dec 31,
2019 close) as of Oct 2, 2020." Same wording as :mod:`rotascope.kinds.period`.

Examples
--------
>>> import datetime as dt
>>> from rotascope.kinds.fact import Fact
>>> template(Fact("yield_period", "DGS10", dt.date(2020, 10, 2), -122.0, "bp", "",
...               window="YTD", start=dt.date(2019, 12, 31)))
'The 10-year Treasury yield is down 122 basis points year to date (from the Dec 31, 2019 close) as of Oct 2, 2020.'
"""  # noqa: E501

from __future__ import annotations

from rotascope.kinds.context import Context
from rotascope.kinds.fact import Fact
from rotascope.kinds.period import period_facts, template
from rotascope.kinds.registry import Kind, register

__all__ = ["KIND", "build", "template"]


def build(ctx: Context) -> list[Fact]:
    """Period-to-date changes of a yield."""
    return period_facts(ctx, "yield_period") if ctx.data.is_yield else []


KIND = register(
    Kind(
        "yield_period",
        "bp",
        template,
        build,
        "A yield's change year, quarter and month to date, in basis points.",
        scope="series",
        order=21,
    )
)
