"""Shared plumbing of the CLI: the database, the acting staff member, output and errors.

Everything heavy (SQLAlchemy, the services) is imported inside the functions so
that ``hall --help`` stays cheap.
"""

from __future__ import annotations

import dataclasses
import functools
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
    #: ``--format table|json|csv|xlsx`` (``None``: a table, or JSON with ``--json``)
    format: str | None = None
    #: ``-o FILE``: where the report goes instead of standard output
    output: str | None = None
    #: ``--debug``: unexpected errors show their traceback
    debug: bool = False
    #: the log file of this invocation (``None``: none could be opened)
    log_file: str | None = None

    @property
    def human(self) -> bool:
        """Tables for a person on standard output (no ``--json``, no other ``--format``, no ``-o``)."""
        return not self.json and self.format in (None, "table") and self.output is None

    def reset(self) -> None:
        self.db_url = self.lang = self.as_ = self.format = self.output = self.log_file = None
        self.json = self.debug = False


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


def _output_params() -> list:
    """``--format`` and ``-o`` as parameters of this Typer's click (built by Typer once, then copied:
    each command has its own, whose help may be translated)."""
    import copy

    return [copy.copy(param) for param in _output_template()]


@functools.cache
def _output_template() -> tuple:
    def remember_format(_ctx, _param, value):
        if value is not None:  # the formats' module (csv, decimal) only when a format is asked for
            from console.core.tabular import FORMATS

            if value not in FORMATS:
                raise typer.BadParameter(t("ops.bad_format", value=value, choices=", ".join(FORMATS)))
        return _remember("format")(_ctx, _param, value)

    holder = typer.Typer(add_completion=False)

    @holder.command()
    def options(
        output_format: str | None = typer.Option(None, "--format", metavar="table|json|csv|xlsx|html",
                                                 callback=remember_format,
                                                 help="Output: table, json, csv, xlsx (needs -o) or html (with a chart where the report has one)."),
        output_file: str | None = typer.Option(None, "-o", "--output", metavar="FILE", callback=_remember("output"),
                                               help="Write the output to FILE instead of standard output."),
    ) -> None:  # pragma: no cover - never run: only its parameters are used
        pass

    params = typer.main.get_command(holder).params
    for param in params:
        param.expose_value = False
    return tuple(params)


def add_output_options(command) -> None:
    """Give every command of the tree under ``command`` that has ``--json`` also ``--format`` and ``-o``.

    Called on the ``hall`` click tree each time it is built (:class:`console.cli.main.HallGroup`),
    so every report and listing takes them without declaring them; :func:`show` honours them.
    """
    subcommands = getattr(command, "commands", None)
    if subcommands is not None:
        if getattr(subcommands, "lazy", False):  # built when used, and given them then (console.cli.lazy)
            return
        for sub in subcommands.values():
            add_output_options(sub)
        return
    opts = {o for p in command.params for o in getattr(p, "opts", ())}
    if "--json" not in opts or "--format" in opts or "-o" in opts:
        return
    command.params.extend(_output_params())


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
    from console.cli.lightdb import found_current  # a light read found it current: not asked again
    from models.engine import Database, normalize_url, sqlite_path

    current = settings()
    url = normalize_url(current.default_database_url)
    db = _databases.get(url)
    if db is None:
        path = sqlite_path(url)
        if path is not None and not create and not path.is_file():
            from console.cli.missing import database_missing

            raise database_missing(path)
        from console.core.terminal import application_name

        db = Database(url, pool_size=current.pool_size,
                      application_name=application_name(STATE.as_ or os.environ.get("HALL_AS")))
        if ensure and not found_current(current.default_database_url):
            db.ensure_schema()
        _databases[url] = db
    return db


def reset_databases() -> None:
    """Dispose cached engines (tests switch databases between invocations)."""
    for db in _databases.values():
        db.dispose()
    _databases.clear()
    from console.cli.lightdb import forget

    forget()


_clock: Clock | None = None


def set_clock(clock: Clock | None) -> None:
    """Run every command of this process on ``clock`` (in-process tests); ``None``: the settings' clock."""
    global _clock
    _clock = clock


def clock() -> Clock:
    """The hall clock of this invocation: :func:`set_clock`'s, else the settings' (``HALL_NOW``, ``HALL_TZ``),
    made when first read (:class:`console.core.clock.DeferredClock`: no time zone loaded before)."""
    if _clock is not None:
        return _clock
    from console.core.clock import DeferredClock

    current = settings()
    return DeferredClock(current.clock, current.timezone)


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
    from console.core.errors import AuthFailed

    employee_no = employee_no or STATE.as_ or os.environ.get("HALL_AS")
    if not fresh:
        from console.cli.session import session_actor

        kept = session_actor()
        if kept is not None and (not employee_no or kept.employee_no == employee_no.strip()):
            return at_this_desk(kept)  # the session was opened elsewhere maybe: this desk's window rules
    if not employee_no:
        raise AuthFailed("errors.as_required")
    pin = os.environ.get("HALL_PIN")
    if pin is None:
        if not sys.stdin or not sys.stdin.isatty():
            raise AuthFailed("errors.pin_required")
        pin = typer.prompt(t("cli.pin_prompt"), hide_input=True)
    import logging

    from console.core.auth import log_in

    log = logging.getLogger("hall.auth")
    try:
        # a fresh log-in (``hall login``) opens a session: audited; a script's --as is not
        actor = runner().run(log_in, employee_no, pin, via="cli_session" if fresh else None).accepted()
    except AuthFailed:
        log.warning("log-in refused: %s (command line)", employee_no)
        raise
    log.info("log-in %s (%s, command line)", actor.employee_no, actor.role.value)
    return at_this_desk(actor)


def at_this_desk(actor: Actor) -> Actor:
    """A clerk as they act at this terminal: with the window it is bound to (``hall terminal bind``)."""
    from models.roles import Role

    if actor.role != Role.clerk:
        return actor
    from console.core.terminal import terminal_name
    from console.status.terminals import desk_actor

    return runner().run(desk_actor, terminal_name(), actor=actor)


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
    """Run the use case ``fn`` as the acting staff member (see :func:`actor_for`); its result.

    A light read (``@use_case(..., light=True)``) of a SQLite database at the current schema runs
    on :class:`models.light.LightDatabase`: no SQLAlchemy in the process
    (:func:`console.cli.lightdb.runner_for`).
    """
    from console.cli.lightdb import runner_for

    actor = actor_for(fn)
    return runner_for(fn).run(fn, *args, actor=actor, **kwargs)


def report(fn: Callable[..., Any], /, *args: Any, table: Callable[[Any], Any] | None = None,
           text: Callable[[Any], str] | None = None, json: Callable[[Any], Any] | None = None,
           chart: Callable[[Any], Any] | None = None, **kwargs: Any) -> Any:
    """Run the use case ``fn``, then print its result: JSON with ``--json``, else a table or a text.

    ``table(result)`` returns ``(columns, rows)`` or ``(columns, rows, title)``;
    ``text(result)`` a line or lines; ``json(result)`` what to print as JSON
    (default: :func:`jsonable` of the result).
    """
    result = run(fn, *args, **kwargs)
    show(result, table=table, text=text, json=json, chart=chart)
    return result


def show(result: Any, *, table: Callable[[Any], Any] | None = None, text: Callable[[Any], str] | None = None,
         json: Callable[[Any], Any] | None = None, chart: Callable[[Any], Any] | None = None) -> None:
    """Print ``result`` the way :func:`report` does, in the ``--format`` asked for, to ``-o FILE`` if given.

    ``csv`` and ``xlsx`` write the ``table`` (typed values: dates, :class:`~console.core.money.Yuan`,
    numbers), or the JSON of a result that is a list of records; ``html`` a print-ready page of the
    table with ``chart(result)`` — ``(labels, {series: values}, title)`` — as an inline SVG bar chart.
    """
    from console.cli.output import _tabular, _write_text, _written

    fmt = STATE.format or ("json" if STATE.json else "table")
    target = STATE.output
    if fmt == "table" and table is None and text is not None:
        _write_text(target, text(result))
        return
    from console.core import tabular as out

    if fmt == "json" or (fmt == "table" and table is None and text is None):
        data = json(result) if json is not None else jsonable(result)
        out.write_json(target or sys.stdout, data)
        if target:
            _written(target)
        return
    columns, rows, title = _tabular(result, table, json)
    if fmt == "table":
        if target is None:
            out.render_table(columns, rows, title)
        else:
            with open(target, "w", encoding="utf-8") as handle:
                out.render_table(columns, rows, title, file=handle)
            _written(target, len(rows))
    elif fmt == "csv":
        out.write_csv(target or sys.stdout, columns, rows)
        if target:
            _written(target, len(rows))
    elif fmt == "html":
        from console.core.i18n import get_language

        out.write_html(target or sys.stdout, columns, rows, title, get_language(),
                       chart=chart(result) if chart is not None else None)
        if target:
            _written(target, len(rows))
    else:
        if not target:
            from console.core.errors import Invalid

            raise Invalid("ops.xlsx_needs_file", field="output")
        out.write_xlsx(target, columns, rows, title=title or "report")
        _written(target, len(rows))


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
    import json

    from console.core.tabular import plain
    from console.core.text import json_safe

    typer.echo(json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=lambda v: str(plain(v)))))


def emit_table(columns: list[str], rows: list[list[Any]], title: str | None = None) -> None:
    """Print a Rich table of ``rows`` under translated ``columns``."""
    from console.core.tabular import render_table

    render_table(columns, rows, title)


def echo_ok(message: str) -> None:
    typer.echo(message)
