"""The examples in the docstrings of the phrasing measures run and are right."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "rotascope.measures",
    "rotascope.measures._common",
    "rotascope.measures.comovement",
    "rotascope.measures.intraday",
    "rotascope.measures.leaders",
    "rotascope.measures.levels",
    "rotascope.measures.periods",
    "rotascope.measures.scoped",
    "rotascope.measures.thresholds",
    "rotascope.measures.turning",
    "rotascope.measures.versus",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
