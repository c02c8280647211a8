"""Direct statements: Core statements compiled once per dialect and run on the driver's own cursor.

The call path (``call_next``) runs a handful of statements thousands of times a day
from every window at once.  Through a :class:`~sqlalchemy.orm.Session` each costs
several times its work on the driver (the execution context, events, the result
object), and the session itself costs as much again.  Here a statement written with
SQLAlchemy Core is compiled **once per dialect** (:class:`Prepared`): its SQL text,
the order of its parameters, and the types' own bind and result processors (so a
date, a time stamp or an enum goes in and comes out exactly as through SQLAlchemy).
A call then costs the driver's ``execute`` and a tuple.

The statements run on either

* a :class:`DirectSession` — one write transaction on a pooled driver connection,
  begun and ended by :meth:`models.engine.Database.direct`, for use cases declared
  ``direct=True`` (:func:`console.core.runner.use_case`); or
* an ORM :class:`~sqlalchemy.orm.Session`, on the driver connection under its
  transaction (a direct use case called by another use case shares its transaction).

Driver errors are raised as SQLAlchemy's (:class:`sqlalchemy.exc.DBAPIError` and its
kinds), as a session would raise them, and a lost connection is invalidated.
"""

from __future__ import annotations

import os
from collections import namedtuple
from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any

from sqlalchemy import exc


def _last_one(proc):
    """``proc`` remembering its last value: a call passes one time stamp to all its statements."""
    box = [(_NOTHING, None)]

    def process(value):
        last, out = box[0]  # one tuple, read and written whole: safe between threads
        if value is last:
            return out
        out = proc(value)
        box[0] = (value, out)
        return out

    return process


_NOTHING = object()


class _Form:
    """One statement compiled for one dialect."""

    __slots__ = ("sql", "names", "positional", "defaults", "binds", "row", "results", "pick")

    def __init__(self, stmt, dialect) -> None:
        compiled = stmt.compile(dialect=dialect)
        sql = compiled.string
        if "POSTCOMPILE" in sql:
            raise TypeError("a prepared statement takes no expanding or literal-execute parameters")
        self.sql = sql
        self.positional = bool(compiled.positional)
        self.names = tuple(compiled.positiontup or ()) if self.positional else tuple(compiled.binds)
        self.defaults = {name: bp.effective_value for name, bp in compiled.binds.items() if not bp.required}
        procs = {}
        for name, bp in compiled.binds.items():
            proc = bp.type.dialect_impl(dialect).bind_processor(dialect)
            if proc is not None:
                procs[name] = _last_one(proc)
        self.binds = procs
        names = self.names
        if not names:
            self.pick = lambda merged: ()
        elif len(names) == 1:
            self.pick = lambda merged, name=names[0]: (merged[name],)
        else:
            self.pick = itemgetter(*names)
        columns = list(getattr(stmt, "exported_columns", ()) or ())
        if columns:
            self.row = namedtuple("Row", [c.key for c in columns], rename=True)
            self.results = tuple(
                (i, proc) for i, c in enumerate(columns)
                if (proc := c.type.dialect_impl(dialect).result_processor(dialect, None)) is not None)
        else:
            self.row, self.results = None, ()

    def parameters(self, values: Mapping[str, Any]):
        merged = {**self.defaults, **values} if self.defaults else dict(values)
        for name, proc in self.binds.items():
            if name in merged:
                merged[name] = proc(merged[name])
        if self.positional:
            return self.pick(merged)
        return merged

    def make_row(self, raw):
        if self.results:
            raw = list(raw)
            for i, proc in self.results:
                raw[i] = proc(raw[i])
        return self.row._make(raw)


class Prepared:
    """A Core statement (select, insert, update, delete — with RETURNING or not) run directly.

    Parameters are the statement's bind parameter names (``bindparam("p_window")``);
    values of bound literals (``limit(1)``, ``version + 1``) are the statement's own.
    """

    __slots__ = ("stmt", "_forms")

    def __init__(self, stmt) -> None:
        self.stmt = stmt
        self._forms: dict[str, _Form] = {}

    def form(self, dialect) -> _Form:
        form = self._forms.get(dialect.name)
        if form is None:
            form = self._forms[dialect.name] = _Form(self.stmt, dialect)
        return form


class DirectSession:
    """One write transaction on a driver connection (see :class:`DirectPool`)."""

    __slots__ = ("driver", "cursor", "dialect", "pooled", "broken")

    #: not a light read session (models.light): a writing use case may run on it
    light = False

    def __init__(self, driver, cursor, dialect, pooled=None) -> None:
        self.driver = driver
        self.cursor = cursor
        self.dialect = dialect
        #: PostgreSQL: the engine pool's connection (None for a SQLite connection of the DirectPool)
        self.pooled = pooled
        self.broken = False

    def invalidate(self, error: BaseException | None = None) -> None:
        """The connection is lost: it goes back to no pool."""
        self.broken = True
        if self.pooled is not None:
            self.pooled.invalidate(error)


class DirectPool:
    """The driver connections of a :class:`~models.engine.Database`'s direct transactions.

    SQLite: connections made by the engine (its connect hooks: WAL, foreign keys, busy
    timeout), detached from its pool and kept here, idle ones on a stack — a SQLite
    connection is only a file handle, and the engine pool's check-out and return cost
    as much as the call's statements.  PostgreSQL: the engine's own pool (its size is the
    number of server connections a terminal holds; its round trips outweigh the pool).
    """

    def __init__(self, engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect
        self.sqlite = self.dialect.name == "sqlite"
        self._idle: list[DirectSession] = []
        self._pid = os.getpid()

    def transaction(self) -> DirectTransaction:
        return DirectTransaction(self)

    def acquire(self) -> DirectSession:
        if not self.sqlite:
            pooled = self.engine.raw_connection()
            cursor = pooled.info.get("hall_cursor")  # one cursor per driver connection, kept with it
            if cursor is None:
                cursor = pooled.info["hall_cursor"] = pooled.driver_connection.cursor()
            return DirectSession(pooled.driver_connection, cursor, self.dialect, pooled)
        if self._pid != os.getpid():  # a forked child never uses its parent's connections
            self._idle, self._pid = [], os.getpid()
        try:
            return self._idle.pop()
        except IndexError:
            pass
        pooled = self.engine.raw_connection()
        driver = pooled.driver_connection
        pooled.detach()  # the engine's pool forgets it: it is this pool's now
        return DirectSession(driver, driver.cursor(), self.dialect)

    def release(self, session: DirectSession) -> None:
        if session.pooled is not None:
            session.pooled.close()
        elif session.broken or self._pid != os.getpid():
            _close_quietly(session.driver)
        else:
            self._idle.append(session)

    def dispose(self) -> None:
        """Close the idle connections (the engine's own are its pool's)."""
        idle, self._idle = self._idle, []
        if self._pid == os.getpid():
            for session in idle:
                _close_quietly(session.driver)


def _close_quietly(driver) -> None:
    try:
        driver.close()
    except Exception:  # noqa: BLE001 - closing a connection that is already gone
        pass


class DirectTransaction:
    """``with pool.transaction() as session:`` one write transaction, no ORM session.

    Begun as :meth:`models.engine.Database.write` begins (SQLite: ``BEGIN IMMEDIATE``;
    PostgreSQL: the driver's ``BEGIN`` before the first statement), committed when the
    block ends and rolled back entirely on any exception; a driver error is raised as
    SQLAlchemy's.
    """

    __slots__ = ("pool", "session")

    def __init__(self, pool: DirectPool) -> None:
        self.pool = pool
        self.session: DirectSession | None = None

    def __enter__(self) -> DirectSession:
        session = self.session = self.pool.acquire()
        if self.pool.sqlite:
            try:
                session.cursor.execute("BEGIN IMMEDIATE")
            except BaseException as error:
                self._end(error)
                raise
        return session

    def __exit__(self, kind, error, _tb) -> None:
        if error is not None:
            self._end(error)
            return
        try:
            self.session.driver.commit()
        except BaseException as failed:
            self._end(failed)
            raise
        self.pool.release(self.session)

    def _end(self, error: BaseException) -> None:
        """Roll back, give the connection back, and raise a driver error as SQLAlchemy's."""
        session, dialect = self.session, self.pool.dialect
        try:
            try:
                session.driver.rollback()
            except Exception:  # noqa: BLE001 - the connection is gone
                session.invalidate()
            dbapi_error = dialect.loaded_dbapi.Error
            if isinstance(error, dbapi_error):
                if dialect.is_disconnect(error, session.driver, None):
                    session.invalidate(error)
                raise exc.DBAPIError.instance(None, None, error, dbapi_error, dialect=dialect) from error
        finally:
            self.pool.release(session)


class _Orm:
    """A statement's target inside an ORM session: the driver connection under its transaction."""

    __slots__ = ("pooled",)

    def __init__(self, pooled) -> None:
        self.pooled = pooled

    def invalidate(self, error=None) -> None:
        self.pooled.invalidate(error)


def _target(session):
    """The driver cursor, dialect and owner a statement runs on in ``session``."""
    if type(session) is DirectSession:
        return session.cursor, session.dialect, session
    conn = session.connection()  # an ORM session: its transaction begins here if it has not
    pooled = conn.connection
    return pooled.driver_connection.cursor(), conn.dialect, _Orm(pooled)


def _raise(error: Exception, form: _Form, params, dialect, cursor, owner):
    if dialect.is_disconnect(error, getattr(cursor, "connection", None), cursor):
        owner.invalidate(error)
    raise exc.DBAPIError.instance(form.sql, params, error, dialect.loaded_dbapi.Error,
                                  dialect=dialect) from error


def rows(session, prepared: Prepared, values: Mapping[str, Any] = {}) -> list:  # noqa: B006 - never changed
    """All rows of the statement (named tuples), run in ``session``'s transaction."""
    cursor, dialect, owner = _target(session)
    form = prepared.form(dialect)
    params = form.parameters(values)
    try:
        cursor.execute(form.sql, params)
        fetched = cursor.fetchall() if form.row is not None else ()
    except dialect.loaded_dbapi.Error as error:
        _raise(error, form, params, dialect, cursor, owner)
    return [form.make_row(r) for r in fetched]


def first(session, prepared: Prepared, values: Mapping[str, Any] = {}):  # noqa: B006
    """The first row of the statement, or ``None``."""
    cursor, dialect, owner = _target(session)
    form = prepared.form(dialect)
    params = form.parameters(values)
    try:
        cursor.execute(form.sql, params)
        raw = cursor.fetchone()
        if raw is not None:
            cursor.fetchall()  # the rest (RETURNING rows are all produced once the statement ran)
    except dialect.loaded_dbapi.Error as error:
        _raise(error, form, params, dialect, cursor, owner)
    return None if raw is None else form.make_row(raw)


def scalar(session, prepared: Prepared, values: Mapping[str, Any] = {}):  # noqa: B006
    """The first column of the first row, or ``None``."""
    row = first(session, prepared, values)
    return None if row is None else row[0]


def execute_many(session, prepared: Prepared, rows_: Iterable[Mapping[str, Any]]) -> None:
    """The statement once per parameter set (an INSERT of several rows), without results."""
    cursor, dialect, owner = _target(session)
    form = prepared.form(dialect)
    params = [form.parameters(r) for r in rows_]
    if not params:
        return
    try:
        if len(params) == 1:
            cursor.execute(form.sql, params[0])
        else:
            cursor.executemany(form.sql, params)
    except dialect.loaded_dbapi.Error as error:
        _raise(error, form, params, dialect, cursor, owner)


def dialect_name(session) -> str:
    """``sqlite`` or ``postgresql``: the engine ``session`` runs on."""
    if type(session) is DirectSession:
        return session.dialect.name
    return session.get_bind().dialect.name


def run(session, prepared: Prepared, values: Mapping[str, Any] = {}) -> None:  # noqa: B006
    """The statement for its effect (its rows, if any, are not read)."""
    cursor, dialect, owner = _target(session)
    form = prepared.form(dialect)
    params = form.parameters(values)
    try:
        cursor.execute(form.sql, params)
    except dialect.loaded_dbapi.Error as error:
        _raise(error, form, params, dialect, cursor, owner)
