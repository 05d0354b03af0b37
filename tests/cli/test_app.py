"""The console script's entry point: the collector is spared the imported modules only
when ``rotascope`` runs as a command, never for callers passing ``argv``."""

from __future__ import annotations

import gc
import sys

import pytest

from rotascope.cli import app


def _run(monkeypatch: pytest.MonkeyPatch, argv: list[str] | None) -> list[bool]:
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(sys, "argv", ["rotascope", "--version"])
    try:
        app.main(argv)  # --version prints and returns, or exits 0
    except SystemExit as exc:
        assert exc.code in (0, None)
    return frozen


def test_the_console_script_freezes_what_it_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(monkeypatch, None) == [True]


def test_callers_passing_argv_keep_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(monkeypatch, ["--version"]) == []
