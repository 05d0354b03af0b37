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


def test_facts_and_report_are_callable_packages(rotascope_home) -> None:
    # importing submodules must not shadow the callable API
    import rotascope.facts.fact
    import rotascope.report.charts

    facts = rotascope.facts("RUT", asof="2024-07-16", windows=(5,))
    move = next(f for f in facts if f.kind == "move" and f.window == 5)
    # published: +11.5% in five sessions, the biggest since April 2020
    assert move.value == pytest.approx(2263.67 / 2029.47 - 1, abs=1e-4)
    assert move.record is not None and str(move.record.since) == "2020-04-29"
    assert callable(rotascope.report)


def test_load_respects_asof(rotascope_home) -> None:
    rut = rotascope.load("RUT", asof="2024-07-16")
    assert rut.index[-1] == pd.Timestamp("2024-07-16")
    with pytest.raises(rotascope.UnknownSymbol, match="Available"):
        rotascope.load("NOT-A-SYMBOL")
