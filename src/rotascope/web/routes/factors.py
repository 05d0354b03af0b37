"""``/api/factors`` (a factor's long windows and drawdown), ``/api/factors/decades``
(factor returns per decade) and ``/api/factors/pair`` (a pair's long-run gap).

Examples
--------
>>> sorted(r.path for r in router().routes)
['/factors', '/factors/decades', '/factors/pair']
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from rotascope.errors import DataError
from rotascope.web.errors import WebError
from rotascope.web.payloads import fact_models, json_response, pack, rows
from rotascope.web.product_schemas import DecadesResponse, FactorsResponse
from rotascope.web.routes.common import AsofQ, SubjectQ, Work, date_fields, errors, svc
from rotascope.web.service import Service

__all__ = ["router"]

YearsQ = Annotated[
    list[str],
    Query(
        max_length=10,
        description="Calendar-year windows, repeated: window=10y (default 1y, 3y, 5y, 10y; a "
        "pair 10y)",
    ),
]


def _years(windows: list[str], default: tuple[str, ...]) -> tuple[str, ...]:
    """Year windows, checked (422 naming the window)."""
    from rotascope.kinds.windows import WindowError, split_windows

    if not windows:
        return default
    try:
        sessions, years = split_windows([w.strip() for w in windows])
    except WindowError as exc:
        raise WebError(422, "bad_window", str(exc), param="window", valid="e.g. 10y") from None
    if sessions or any(int(y[:-1]) > 100 for y in years):
        raise WebError(
            422, "bad_window", "factor windows are calendar years from 1y to 100y, e.g. 10y",
            param="window", valid={"min": "1y", "max": "100y"},
        )  # fmt: skip
    return years


def _factor(s: Service, symbol: str) -> str:
    """A canonical factor symbol (422 for a series that is not factor returns)."""
    from rotascope.kinds._longview import check_factor

    sym = s.check_symbol(symbol, "symbol")
    try:
        check_factor(sym)
    except DataError as exc:
        exc.param = "symbol"  # type: ignore[attr-defined]
        raise
    return sym


def _figure(fig: Any) -> dict[str, Any]:
    from rotascope.render.html import figure_json

    return json.loads(figure_json(fig))  # type: ignore[no-any-return]


def router() -> APIRouter:
    """The factor routes (mounted under ``/api``)."""
    r = APIRouter()

    @r.get("/factors", response_model=FactorsResponse, tags=["products"], responses=errors(404))
    async def factor(
        request: Request, symbol: SubjectQ = "SMB", asof: AsofQ = None,
        window: YearsQ = [],  # noqa: B006 - FastAPI reads the default, never mutates it
    ) -> Response:  # fmt: skip
        """A factor's compounded return over each year window, ranked among all such
        windows since 1926, and its drawdown."""
        s = svc(request)

        def prepare() -> Work:
            from rotascope.kinds.context import DEFAULT_YEARS

            sym = _factor(s, symbol)
            wins = _years(window, DEFAULT_YEARS)
            day = s.check_date(asof, "asof", latest=True)

            def work() -> tuple[bytes, bytes | None]:
                from rotascope.products.factors import factors

                res = factors(s.source, sym, day, wins)
                body = FactorsResponse(
                    **date_fields(res.asof, res.notes, res.data_version),
                    subject=sym, windows=list(wins), facts=fact_models(res.facts),
                )  # fmt: skip
                return pack(body.model_dump_json().encode())

            return ("factors", sym, wins, day), work

        raw = ("factors", symbol, asof, tuple(window))
        return json_response(request, await s.answer(raw, prepare))

    @r.get(
        "/factors/decades", response_model=DecadesResponse, tags=["products"],
        responses=errors(404),
    )  # fmt: skip
    async def decades(
        request: Request, asof: AsofQ = None,
        symbol: Annotated[
            list[str], Query(max_length=8, description="Factors, repeated (default all)")
        ] = [],  # noqa: B006
    ) -> Response:  # fmt: skip
        """Compounded factor returns per calendar decade since the 1930s (the current
        decade marked partial)."""
        s = svc(request)

        def prepare() -> Work:
            syms = tuple(dict.fromkeys(_factor(s, x) for x in symbol)) or None
            day = s.check_date(asof, "asof", latest=True)

            def work() -> tuple[bytes, bytes | None]:
                from rotascope.products.factors import factor_decades
                from rotascope.products.sections import FACTOR_SOURCE
                from rotascope.render.sections import CHARTS

                res = factor_decades(s.source, syms, day)
                table = res.frame
                names = [c for c in table.columns if c not in ("partial", "through")]
                charts = (
                    {}
                    if table.empty
                    else {"decades": _figure(CHARTS["decades"]((table, None), FACTOR_SOURCE))}
                )
                body = DecadesResponse(
                    **date_fields(res.asof, res.notes, res.data_version),
                    factors=names, decades=rows(table), charts=charts,
                )  # fmt: skip
                return pack(body.model_dump_json().encode())

            return ("decades", syms, day), work

        raw = ("decades", asof, tuple(symbol))
        return json_response(request, await s.answer(raw, prepare))

    @r.get(
        "/factors/pair", response_model=FactorsResponse, tags=["products"],
        responses=errors(404),
    )  # fmt: skip
    async def pair(
        request: Request, subject: SubjectQ, versus: SubjectQ, asof: AsofQ = None,
        window: YearsQ = [],  # noqa: B006
    ) -> Response:  # fmt: skip
        """A pair's total-return gap over long windows, ranked among all such windows."""
        s = svc(request)

        def prepare() -> Work:
            a = s.check_symbol(subject, "subject")
            b = s.check_symbol(versus, "versus")
            wins = _years(window, ("10y",))
            day = s.check_date(asof, "asof", latest=True)

            def work() -> tuple[bytes, bytes | None]:
                from rotascope.products.factors import factor_pair

                res = factor_pair(s.source, a, b, wins, day)
                body = FactorsResponse(
                    **date_fields(res.asof, res.notes, res.data_version),
                    subject=a, versus=b, windows=list(wins), facts=fact_models(res.facts),
                )  # fmt: skip
                return pack(body.model_dump_json().encode())

            return ("factor-pair", a, b, wins, day), work

        raw = ("factor-pair", subject, versus, asof, tuple(window))
        return json_response(request, await s.answer(raw, prepare))

    return r
