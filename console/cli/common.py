"""Shared plumbing of the CLI: the database, the acting staff member, output and errors.

Everything heavy (SQLAlchemy, the services) is imported inside the functions so
that ``hall --help`` stays cheap.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer

from console.core.i18n import t

if TYPE_CHECKING:  # pragma: no cover
    from console.core.auth import Actor
    from models.engine import Database


@dataclass
class CliState:
    """Options given before the sub-command (``hall --db URL --lang en …``)."""

    db_url: str | None = None
    lang: str | None = None


STATE = CliState()

#: the ``--json`` option every reporting command takes
JSON_OPTION = typer.Option(False, "--json", help="Print JSON instead of a table.")
#: the ``--as`` option every changing command takes
AS_OPTION = typer.Option(
    None, "--as", metavar="EMPLOYEE_NO",
    help="Act as this staff member (PIN from HALL_PIN or a hidden prompt). Default: HALL_AS.",
)
#: ``--db`` on every command overrides HALL_DATABASE_URL
DB_OPTION = typer.Option(None, "--db", metavar="URL", help="Database URL or SQLite file (overrides HALL_DATABASE_URL).")


def use_db(url: str | None) -> None:
    """Record a per-command ``--db``."""
    if url:
        STATE.db_url = url


_databases: dict[str, Database] = {}


def database(*, ensure: bool = True) -> Database:
    """The database for this invocation, upgraded to the current schema."""
    from models.engine import Database, default_database_url, normalize_url

    url = normalize_url(STATE.db_url or default_database_url())
    db = _databases.get(url)
    if db is None:
        db = Database(url)
        if ensure:
            db.ensure_schema()
        _databases[url] = db
    return db


def reset_databases() -> None:
    """Dispose cached engines (tests switch databases between invocations)."""
    for db in _databases.values():
        db.dispose()
    _databases.clear()


def acting_staff(employee_no: str | None) -> Actor:
    """Log in the staff member named by ``--as`` (or ``HALL_AS``) with ``HALL_PIN`` or a prompt."""
    from console.core.auth import authenticate
    from console.core.errors import AuthFailed

    employee_no = employee_no or os.environ.get("HALL_AS")
    if not employee_no:
        raise AuthFailed("errors.as_required")
    pin = os.environ.get("HALL_PIN")
    if pin is None:
        if not sys.stdin or not sys.stdin.isatty():
            raise AuthFailed("errors.pin_required")
        pin = typer.prompt(t("cli.pin_prompt"), hide_input=True)
    with database().write() as session:
        return authenticate(session, employee_no, pin)


def reader(employee_no: str | None = None) -> Actor:
    """The actor of a reading command: ``--as``/``HALL_AS`` when given, else the read-only shell actor.

    The shell actor may read everything a supervisor may, with personal data masked,
    and can change nothing.
    """
    from console.core.auth import SHELL_ACTOR

    if employee_no or os.environ.get("HALL_AS"):
        return acting_staff(employee_no)
    return SHELL_ACTOR


def emit_json(data: Any) -> None:
    """Print ``data`` as JSON (UTF-8, not ASCII-escaped)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def emit_table(columns: list[str], rows: list[list[Any]], title: str | None = None) -> None:
    """Print a Rich table of ``rows`` under translated ``columns``."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console().print(table)


def echo_ok(message: str) -> None:
    typer.echo(message)
