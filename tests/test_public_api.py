"""The package root: what `import rotascope` offers, lazily and without side effects."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import rotascope


def test_every_public_name_resolves() -> None:
    for name in rotascope.__all__:
        assert getattr(rotascope, name) is not None, name


def test_import_is_light() -> None:
    code = "import sys, rotascope; print('numba' in sys.modules, 'plotly' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_facts_report_and_scan_are_plain_functions(rotascope_home) -> None:
    # importing the packages behind them must not shadow the functions
    import types

    import rotascope.kinds.fact
    import rotascope.products.scan
    import rotascope.render.charts

    for name in ("facts", "report", "scan"):
        assert isinstance(getattr(rotascope, name), types.FunctionType), name
    assert type(rotascope) is types.ModuleType  # no module-class swap
    facts = rotascope.facts("RUT", asof="2024-07-16", windows=(5,))
    assert isinstance(facts, rotascope.FactSet)
    move = next(f for f in facts if f.kind == "move" and f.window == 5)
    # published: +11.5% in five sessions, the biggest since April 2020
    assert move.unit == "pct"
    assert move.value == pytest.approx((2263.67 / 2029.47 - 1) * 100, abs=1e-2)
    assert move.record is not None and str(move.record.since) == "2020-04-29"


def test_load_respects_asof(rotascope_home) -> None:
    rut = rotascope.load("RUT", asof="2024-07-16")
    assert rut.index[-1] == pd.Timestamp("2024-07-16")
    with pytest.raises(rotascope.UnknownSymbol, match="Available"):
        rotascope.load("NOT-A-SYMBOL")
