"""``hall serve display|kiosk|stars``: a public screen in a web browser, through textual-serve.

Only the public, read-only screens are served — the hall display, the ticket kiosk
and the star board — never the staff console, which has no web log-in.  Every
browser that opens the page gets its own ``hall display`` (…) process with the same
database, site and language; the TV's browser only needs the URL:
``http://HOST:PORT/``.  It listens on 127.0.0.1 unless ``--host`` says otherwise.
"""

from __future__ import annotations

import shlex
import sys
from typing import Optional

import typer

from console.cli.common import DB_OPTION, STATE, settings

SCREENS = ("display", "kiosk", "stars")


def command_for(screen: str, *, site: str | None, voice: bool = False) -> str:
    """The ``hall`` command line textual-serve runs for each browser."""
    current = settings()
    args = [sys.executable, "-m", "console", "--db", current.default_database_url, "--lang",
            STATE.lang or current.language, screen]
    if site and screen in ("display", "kiosk"):
        args += ["--site", site]
    if voice and screen == "display":
        args.append("--voice")
    return shlex.join(args)


def serve(
    screen: str = typer.Argument(..., metavar="display|kiosk|stars", help="The public screen to serve."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    site: Optional[str] = typer.Option(None, "--site", metavar="CODE", help="Site code (default: the hall's only center)."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """Serve the hall display, the kiosk or the star board to web browsers (read-only, no log-in)."""
    from console.core.errors import Invalid

    if screen not in SCREENS:
        raise Invalid("ops.serve_screen", field="screen", screen=screen, choices=", ".join(SCREENS))
    from textual_serve.server import Server

    typer.echo(f"http://{host}:{port}/", err=True)
    Server(command_for(screen, site=site), host=host, port=port, title=f"hall {screen}").serve()
