"""`rotascope serve`: loopback by default, loud warning otherwise."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from rotascope.cli import app as cli_app
from rotascope.cli import serve as serve_mod


@pytest.fixture
def runner_app(monkeypatch) -> tuple[typer.Typer, list[dict[str, Any]]]:
    calls: list[dict[str, Any]] = []

    def fake_run(app: Any, **kwargs: Any) -> None:
        calls.append({"app": app, **kwargs})

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", fake_run)
    app = typer.Typer()
    serve_mod.register(app)

    @app.callback()
    def _root() -> None:  # keep "serve" as a subcommand
        pass

    return app, calls


def test_registered_in_command_modules():
    assert "serve" in cli_app.COMMAND_MODULES


@pytest.mark.parametrize(
    ("host", "loop"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.com", False),
    ],
)
def test_is_loopback(host, loop):
    assert serve_mod.is_loopback(host) is loop


def test_defaults_bind_loopback_without_import(runner_app):
    app, calls = runner_app
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    assert calls[0]["app"].state.service.allow_import is False
    assert "WARNING" not in result.output


def test_public_host_warns_loudly(runner_app):
    app, calls = runner_app
    result = CliRunner().invoke(
        app, ["serve", "--host", "0.0.0.0", "--port", "8123", "--allow-import"]
    )
    assert result.exit_code == 0, result.output
    assert "WARNING" in result.output and "0.0.0.0" in result.output
    assert "no authentication" in result.output
    assert calls[0]["port"] == 8123
    assert calls[0]["app"].state.service.allow_import is True
