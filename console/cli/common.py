"""Shared plumbing of the CLI: the database, the acting staff member, output and errors.

Everything heavy (SQLAlchemy, the services) is imported inside the functions so
that ``hall --help`` stays cheap.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer

from console.core.i18n import t

if TYPE_CHECKING:  # pragma: no cover
    from models.engine import Database

    from console.core.auth import Actor
    from console.core.clock import Clock
    from console.core.runner import Runner
    from console.core.settings import Settings


@dataclass
class CliState:
    """What the options of one invocation set (``hall --db URL --lang en … --as E --json``).

    The shared options record themselves here through their callbacks, so a
    command's body never handles them: it calls :func:`run` or :func:`report`.
    """

    db_url: str | None = None
    lang: str | None = None
    as_: str | None = None
    json: bool = False

    def reset(self) -> None:
        self.db_url = self.lang = self.as_ = None
        self.json = False


STATE = CliState()


def _remember(name: str):
    def callback(_ctx, _param, value):
        if value not in (None, False):
            setattr(STATE, name, value)
        return value

    return callback


#: the ``--json`` option every reporting command takes
JSON_OPTION = typer.Option(False, "--json", help="Print JSON instead of a table.", callback=_remember("json"))
#: the ``--as`` option every command that needs a log-in takes
AS_OPTION = typer.Option(
    None, "--as", metavar="EMPLOYEE_NO", callback=_remember("as_"),
    help="Act as this staff member (PIN from HALL_PIN or a hidden prompt). Default: HALL_AS.",
)
#: ``--db`` on every command overrides HALL_DATABASE_URL
DB_OPTION = typer.Option(None, "--db", metavar="URL", callback=_remember("db_url"),
                         help="Database URL or SQLite file (overrides HALL_DATABASE_URL).")


def settings() -> Settings:
    """This process's settings (the file, the environment), with ``--db`` and ``--lang`` over them."""
    from console.core.settings import load_settings

    return load_settings().with_options(database_url=STATE.db_url, language=STATE.lang)


_databases: dict[str, Database] = {}


def database(*, ensure: bool = True, create: bool = False) -> Database:
    """The database for this invocation, upgraded to the current schema.

    A SQLite file that does not exist is :class:`~console.core.errors.NotFound`
    (exit 3) unless ``create`` (``hall db upgrade``): no command makes a database
    or a folder by mistake.
    """
    from models.engine import Database, normalize_url, sqlite_path

    current = settings()
    url = normalize_url(current.default_database_url)
    db = _databases.get(url)
    if db is None:
        path = sqlite_path(url)
        if path is not None and not create and not path.is_file():
            from console.core.errors import NotFound

            raise NotFound("trust.database_missing", path=str(path))
        db = Database(url, pool_size=current.pool_size)
        if ensure:
            db.ensure_schema()
        _databases[url] = db
    return db


def reset_databases() -> None:
    """Dispose cached engines (tests switch databases between invocations)."""
    for db in _databases.values():
        db.dispose()
    _databases.clear()


_clock: Clock | None = None


def set_clock(clock: Clock | None) -> None:
    """Run every command of this process on ``clock`` (in-process tests); ``None``: the settings' clock."""
    global _clock
    _clock = clock


def clock() -> Clock:
    """The hall clock of this invocation: :func:`set_clock`'s, else the settings' (``HALL_NOW``, ``HALL_TZ``)."""
    return _clock if _clock is not None else settings().clock()


def runner() -> Runner:
    """The use-case runner on this invocation's database and clock."""
    from console.core.runner import Runner

    return Runner(database(), clock=clock(), settings=settings())


def acting_staff(employee_no: str | None = None, *, fresh: bool = False) -> Actor:
    """Who acts: the session kept by ``hall login``, or the staff member named by ``--as`` (or ``HALL_AS``).

    A kept session of the same staff member (or of anybody, when nobody is named)
    is used without a PIN; otherwise the log-in is :func:`console.core.auth.log_in`
    with ``HALL_PIN`` or a prompt (``fresh``: always, as ``hall login`` does).  A
    wrong PIN is committed (it counts towards lock-out) before the refusal is raised.
    """
    from console.core.auth import log_in
    from console.core.errors import AuthFailed

    employee_no = employee_no or STATE.as_ or os.environ.get("HALL_AS")
    if not fresh:
        from console.cli.session import session_actor

        kept = session_actor()
        if kept is not None and (not employee_no or kept.employee_no == employee_no.strip()):
            return kept
    if not employee_no:
        raise AuthFailed("errors.as_required")
    pin = os.environ.get("HALL_PIN")
    if pin is None:
        if not sys.stdin or not sys.stdin.isatty():
            raise AuthFailed("errors.pin_required")
        pin = typer.prompt(t("cli.pin_prompt"), hide_input=True)
    return runner().run(log_in, employee_no, pin).accepted()


def actor_for(fn: Callable[..., Any]) -> Actor | None:
    """Who runs ``fn``: the session of ``hall login``, the staff member named by ``--as``/``HALL_AS``, or nobody.

    Nobody runs only the public scope: outside it, nobody is refused before
    anything else (:class:`~console.core.errors.LoginRequired`), and so is a role
    without the use case's permission.
    """
    from console.core.errors import AuthFailed
    from console.core.runner import check, spec_of

    spec = spec_of(fn)
    if STATE.as_ or os.environ.get("HALL_AS") or not spec.public:
        try:
            actor = acting_staff()
        except AuthFailed as error:
            if error.key == "errors.as_required":
                check(None, spec)
            raise
        check(actor, spec)
        return actor
    return None


def run(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Run the use case ``fn`` as the acting staff member (see :func:`actor_for`); its result."""
    actor = actor_for(fn)
    return runner().run(fn, *args, actor=actor, **kwargs)


def report(fn: Callable[..., Any], /, *args: Any, table: Callable[[Any], Any] | None = None,
           text: Callable[[Any], str] | None = None, json: Callable[[Any], Any] | None = None,
           **kwargs: Any) -> Any:
    """Run the use case ``fn``, then print its result: JSON with ``--json``, else a table or a text.

    ``table(result)`` returns ``(columns, rows)`` or ``(columns, rows, title)``;
    ``text(result)`` a line or lines; ``json(result)`` what to print as JSON
    (default: :func:`jsonable` of the result).
    """
    result = run(fn, *args, **kwargs)
    show(result, table=table, text=text, json=json)
    return result


def show(result: Any, *, table: Callable[[Any], Any] | None = None, text: Callable[[Any], str] | None = None,
         json: Callable[[Any], Any] | None = None) -> None:
    """Print ``result`` the way :func:`report` does."""
    if STATE.json:
        emit_json(json(result) if json is not None else jsonable(result))
    elif table is not None:
        emit_table(*table(result))
    elif text is not None:
        from console.core.text import printable

        typer.echo(printable(text(result)))
    else:
        emit_json(jsonable(result))


def jsonable(value: Any) -> Any:
    """Results as JSON-able data: ``as_dict()`` where a result has it, lists and dicts inside out."""
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def emit_json(data: Any) -> None:
    """Print ``data`` as JSON (UTF-8, not ASCII-escaped; direction-changing characters escaped)."""
    from console.core.text import json_safe

    typer.echo(json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str)))


def emit_table(columns: list[str], rows: list[list[Any]], title: str | None = None) -> None:
    """Print a Rich table of ``rows`` under translated ``columns``."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from console.core.text import printable

    table = Table(title=printable(title) if title else None, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:  # plain text: neither markup nor escape sequences of older rows are obeyed
        table.add_row(*(Text(printable(v)) for v in row))
    Console().print(table)


def echo_ok(message: str) -> None:
    typer.echo(message)
