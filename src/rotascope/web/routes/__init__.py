"""The JSON API routes (``/api/...``), one module per product, documented at ``/docs``.

Every route checks its inputs and makes them canonical (symbols, windows, the as-of
session), then asks the :class:`~rotascope.web.service.Service` for the answer of a
product (:mod:`rotascope.products`) under that canonical key, computed off the event
loop. Answers are serialised once and cached as bytes; ``response_model`` documents
their schema and ``responses`` every status a route can answer; every answer about a
date carries the date used, the date asked for and the product's ``notes``.

==================  =======================================================
module              routes
==================  =======================================================
``data``            ``/api/health``, ``/api/symbols``, ``/api/sessions``,
                    ``/api/series/{symbol}``
``facts``           ``/api/facts``, ``/api/study``
``report``          ``/api/report``, ``/api/report.html``, ``/api/market``
``rotation``        ``/api/rotation``
``scan``            ``/api/scan``
``breadth``         ``/api/breadth``
``valuation``       ``/api/valuation``
``factors``         ``/api/factors``, ``/api/factors/decades``, ``/api/factors/pair``
``fedwatch``        ``/api/fedwatch``
``imports``         ``POST /api/import``
==================  =======================================================

Examples
--------
>>> paths = sorted(r.path for r in build_router().routes)
>>> paths[:3]
['/api/breadth', '/api/facts', '/api/factors']
"""

from __future__ import annotations

from fastapi import APIRouter

from rotascope.web.routes import (
    breadth,
    data,
    factors,
    facts,
    fedwatch,
    imports,
    report,
    rotation,
    scan,
    valuation,
)

__all__ = ["build_router"]

_MODULES = (data, facts, report, rotation, scan, breadth, valuation, factors, fedwatch, imports)


def build_router() -> APIRouter:
    """The ``/api`` router: every module's routes."""
    router = APIRouter(prefix="/api")
    for module in _MODULES:
        router.include_router(module.router())
    return router
