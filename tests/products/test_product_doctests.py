"""The examples in the docstrings of the products, renderers and web parts run and are
right."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "rotascope.asof",
    "rotascope.products",
    "rotascope.products.breadth",
    "rotascope.products.chart_data",
    "rotascope.products.factors",
    "rotascope.products.facts",
    "rotascope.products.origin",
    "rotascope.products.report",
    "rotascope.products.result",
    "rotascope.products.rotation",
    "rotascope.products.scan",
    "rotascope.products.sections",
    "rotascope.products.study",
    "rotascope.products.valuation",
    "rotascope.render.build",
    "rotascope.render.charts",
    "rotascope.render.sections",
    "rotascope.measures.columns",
    "rotascope.web.cache",
    "rotascope.web.service",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
