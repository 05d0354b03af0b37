"""``rotascope serve``: the local web page and JSON API (FastAPI + uvicorn).

Binds to 127.0.0.1 by default. Any other host prints a loud warning: the app has no
authentication. Imports through the web are off unless ``--allow-import`` is given.

Examples
--------
>>> import typer
>>> app = typer.Typer()
>>> register(app)
>>> [c.name for c in app.registered_commands]
['serve']
"""

from __future__ import annotations

import ipaddress
import threading
import webbrowser

import typer
from rich.console import Console

from rotascope.cli._help import examples

__all__ = ["is_loopback", "register"]


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("0.0.0.0"), is_loopback("localhost")
    (True, False, True)
    """
    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    host: str = typer.Option(
        "127.0.0.1", "--host", metavar="HOST", help="Interface to bind (default loopback)."
    ),
    port: int = typer.Option(8000, "--port", metavar="PORT", min=0, max=65535, help="TCP port."),
    allow_import: bool = typer.Option(
        False, "--allow-import", help="Accept file uploads into the local store (POST /api/import)."
    ),
    open_browser: bool = typer.Option(False, "--open", help="Open the page in a browser."),
    workers: int = typer.Option(
        4, "--threads", metavar="N", min=1, max=32, help="Threads for heavy work."
    ),
    timeout: float = typer.Option(
        30.0,
        "--timeout",
        metavar="SECONDS",
        min=1.0,
        help="Seconds before a slow request answers 503.",
    ),
    allow_host: list[str] | None = typer.Option(  # noqa: B008
        None,
        "--allow-host",
        metavar="NAME",
        help="Accept requests addressed to this host name too (repeatable); loopback always.",
    ),
) -> None:
    """Serve the page and the JSON API (docs at /docs) over the local store or bundled data."""
    import uvicorn

    from rotascope.web.app import create_app
    from rotascope.web.service import Limits

    err = Console(stderr=True)
    if not is_loopback(host):
        err.print(
            f"[bold red]WARNING:[/] binding to {host}: anyone who can reach this machine on "
            f"port {port} can use this server. It has no authentication"
            + (" and --allow-import lets them write to your store." if allow_import else ".")
            + " Use the default --host 127.0.0.1 unless you mean it.",
            highlight=False,
        )
    app = create_app(
        allow_import=allow_import,
        workers=workers,
        limits=Limits(timeout=timeout),
        allowed_hosts=allow_host or (),
    )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    err.print(f"rotascope: serving on [bold]{url}[/] (API docs: {url}docs) — Ctrl+C to stop")
    if allow_import:
        err.print(
            "[yellow]imports enabled:[/] POST /api/import writes uploads to the store; "
            f"send the header X-Rotascope-Token: {app.state.token}",
            highlight=False,
        )
    if open_browser:
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``rotascope`` command."""
    app.command(
        "serve",
        epilog=examples("rotascope serve", "rotascope serve --port 8080 --open"),
    )(serve)
