"""``hall terminal``: bind this terminal (a desk's PC or SSH account) to a window, list and remove bindings.

``hall terminal bind 03 --as A001`` on the desk's terminal (or ``--terminal NAME`` from
anywhere) makes every clerk who logs in there call for window 03; a clerk who may not
serve that window is refused at log-in.  The terminal's name is ``HALL_TERMINAL`` when
set, else its tty (``pts/3``), else the host name (``hall terminal name`` prints it).
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, echo_ok, report, run
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)

TERMINAL_OPTION = typer.Option(None, "--terminal", metavar="NAME", help="The terminal (default: this one).")


def _terminal(name: str | None) -> str:
    from console.core.terminal import terminal_name

    return name or terminal_name()


@app.command("name")
def name() -> None:
    """Print this terminal's name (HALL_TERMINAL, else the tty, else the host)."""
    typer.echo(_terminal(None))


@app.command("bind")
def bind(window: str = typer.Argument(..., metavar="WINDOW", help="Window number."),
         terminal: Optional[str] = TERMINAL_OPTION, site: Optional[str] = typer.Option(None, "--site", metavar="CODE",
                                                                                       help="Site of the window."),
         as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Bind this terminal to WINDOW: clerks who log in here call for it (permission org.manage)."""
    from console.status.terminals import bind_terminal

    row = run(bind_terminal, _terminal(terminal), window, site=site)
    echo_ok(t("ops.terminal_bound", terminal=row.terminal, window=row.window))


@app.command("unbind")
def unbind(terminal: Optional[str] = TERMINAL_OPTION, as_: Optional[str] = AS_OPTION,
           db: Optional[str] = DB_OPTION) -> None:
    """Remove this terminal's binding."""
    from console.status.terminals import unbind_terminal

    echo_ok(t("ops.terminal_unbound", terminal=run(unbind_terminal, _terminal(terminal))))


@app.command("list")
def list_(as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Every terminal binding."""
    from console.status.terminals import list_bindings

    report(list_bindings, table=lambda rows: (
        [t("ops.col.terminal"), t("ops.col.window"), t("ops.col.bound_by"), t("ops.col.bound_at")],
        [[r.terminal, r.window, r.bound_by or "", r.bound_at] for r in rows]))
