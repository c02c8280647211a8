"""Direct statements: prepared statements run on the driver's own connection, without a session.

The call path (``call_next``) runs a handful of statements thousands of times a day
from every window at once.  Through a :class:`~sqlalchemy.orm.Session` each costs
several times its work on the driver (the execution context, events, the result
object), and the session itself costs as much again.  Here a statement is a
:class:`~models.prepared.Prepared` one (compiled once per dialect, its types' own
processors applied), and a call costs the driver's ``execute`` and a tuple.

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
from collections.abc import Mapping
from typing import Any

from sqlalchemy import exc

from models.engine import SQLITE_BUSY_TIMEOUT_MS, checkout_direct
from models.prepared import Form, Prepared

#: seconds a SQLite writer waits for its turn in line (as for the write lock: the engine's busy timeout)
SQLITE_BUSY_TIMEOUT_S = SQLITE_BUSY_TIMEOUT_MS / 1000


class DirectSession:
    """One write transaction on a driver connection (see :class:`DirectPool`)."""

    __slots__ = ("driver", "cursor", "dialect", "pooled", "broken", "begun", "fresh", "sqlite", "line", "in_line")

    #: not a light read session (models.light): a writing use case may run on it
    light = False

    def __init__(self, driver, cursor, dialect, pooled=None, line=None) -> None:
        self.driver = driver
        #: what statements are executed on (see _target)
        self.cursor = cursor
        self.dialect = dialect
        #: PostgreSQL: the engine pool's connection (None for a SQLite connection of the DirectPool)
        self.pooled = pooled
        self.broken = False
        #: the transaction has begun (at its first statement, as a session's does)
        self.begun = False
        #: no statement of this transaction has run yet
        self.fresh = True
        self.sqlite = dialect.name == "sqlite"
        #: SQLite: the writers' line of the database's folder (:mod:`models.writers`), and whether this
        #: transaction waited in it and holds its turn
        self.line = line
        self.in_line = False

    def begin(self) -> None:
        """SQLite: this writer's turn in the line, then ``BEGIN IMMEDIATE`` (the write lock, waited for
        up to the busy timeout); PostgreSQL: nothing (the driver begins before the first statement)."""
        self.begun = True
        if self.sqlite:
            if self.line is not None:
                self.in_line = self.line.enter(SQLITE_BUSY_TIMEOUT_S)
            try:
                self.cursor.execute("BEGIN IMMEDIATE")
            except self.dialect.loaded_dbapi.Error as error:
                self.begun = False
                raise exc.DBAPIError.instance("BEGIN IMMEDIATE", (), error, self.dialect.loaded_dbapi.Error,
                                              dialect=self.dialect) from error

    def end(self) -> None:
        """After the commit or the rollback: the next writer in line goes."""
        if self.in_line:
            self.in_line = False
            self.line.leave()

    def invalidate(self, error: BaseException | None = None) -> None:
        """The connection is lost: it goes back to no pool."""
        if not self.broken and self.pooled is not None:
            self.pooled.invalidate(error)
        self.broken = True


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
        self._line = self._find_line()

    def _find_line(self):
        database = self.engine.url.database if self.sqlite else None
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        from models.writers import line_for

        return line_for(database)

    def transaction(self) -> DirectTransaction:
        return DirectTransaction(self)

    def acquire(self) -> DirectSession:
        if not self.sqlite:
            pooled = checkout_direct(self.engine)
            driver = pooled.driver_connection
            kept = pooled.info.get("hall_cursor")  # one cursor per driver connection, kept with it
            if kept is None or kept[0] is not driver:
                kept = pooled.info["hall_cursor"] = (driver, driver.cursor())
            return DirectSession(driver, kept[1], self.dialect, pooled)
        if self._pid != os.getpid():  # a forked child never uses its parent's connections, nor its line
            self._idle, self._pid = [], os.getpid()
            self._line = self._find_line()
        try:
            session = self._idle.pop()
        except IndexError:
            pass
        else:
            session.begun, session.fresh = False, True
            session.line = self._line
            return session
        pooled = self.engine.raw_connection()
        driver = pooled.driver_connection
        pooled.detach()  # the engine's pool forgets it: it is this pool's now
        return DirectSession(driver, driver, self.dialect, line=self._line)  # a statement's cursor: see _target

    def release(self, session: DirectSession) -> None:
        session.end()
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

    Begun as :meth:`models.engine.Database.write`'s session begins, at the first statement
    (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: the driver's ``BEGIN``), committed when the
    block ends and rolled back entirely on any exception; a driver error is raised as
    SQLAlchemy's.
    """

    __slots__ = ("pool", "session")

    def __init__(self, pool: DirectPool) -> None:
        self.pool = pool
        self.session: DirectSession | None = None

    def __enter__(self) -> DirectSession:
        session = self.session = self.pool.acquire()
        return session

    def __exit__(self, kind, error, _tb) -> None:
        if error is not None:
            self._end(error)
            return
        try:
            if self.session.begun:
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

    #: a session's statements are never retried here (its own may have run)
    fresh = False

    def __init__(self, pooled) -> None:
        self.pooled = pooled

    def invalidate(self, error=None) -> None:
        self.pooled.invalidate(error)


def _target(session):
    """What a statement is executed on in ``session`` (its ``execute`` returns the cursor to read),
    the dialect, and the owner of the connection.

    SQLite: the connection itself (each statement its own cursor, reset when dropped, as
    ``sqlite3`` code does); PostgreSQL: one cursor (each statement discards the last result).
    """
    if type(session) is DirectSession:
        if not session.begun:
            session.begin()
        return session.cursor, session.dialect, session
    conn = session.connection()  # an ORM session: its transaction begins here if it has not
    pooled = conn.connection
    driver = pooled.driver_connection
    return (driver if conn.dialect.name == "sqlite" else driver.cursor()), conn.dialect, _Orm(pooled)


def _raise(error: Exception, form: Form, params, dialect, cursor, owner):
    lost = dialect.is_disconnect(error, getattr(cursor, "connection", cursor), None)
    if lost:
        owner.invalidate(error)
    raised = exc.DBAPIError.instance(form.sql, params, error, dialect.loaded_dbapi.Error, dialect=dialect,
                                     connection_invalidated=lost)
    raised.hall_nothing_done = lost and owner.fresh  # the transaction's first statement found it dead
    raise raised from error


def nothing_done(error: BaseException) -> bool:
    """True when a direct transaction failed at its first statement on a lost connection: nothing
    was done, and the use case may run again on a new connection."""
    while error is not None:
        if getattr(error, "hall_nothing_done", False):
            return True
        error = error.__cause__
    return False


def _execute(session, prepared: Prepared, values: Mapping[str, Any], many: bool = False):
    """Run the statement in ``session``'s transaction: ``(form, cursor)`` to read the rows from."""
    cursor, dialect, owner = _target(session)
    form = prepared._forms.get(dialect.name) or prepared.form(dialect)
    params = [form.parameters(v) for v in values] if many else form.parameters(values)
    try:
        result = cursor.executemany(form.sql, params) if many else cursor.execute(form.sql, params)
    except dialect.loaded_dbapi.Error as error:
        _raise(error, form, params, dialect, cursor, owner)
    if owner.fresh:
        owner.fresh = False
    return form, result


def rows(session, prepared: Prepared, values: Mapping[str, Any] = {}) -> list:  # noqa: B006 - never changed
    """All rows of the statement (named tuples), run in ``session``'s transaction."""
    form, result = _execute(session, prepared, values)
    make = form.make_row
    return [make(r) for r in result.fetchall()] if make is not None else []


def first(session, prepared: Prepared, values: Mapping[str, Any] = {}):  # noqa: B006
    """The first row of the statement, or ``None``.

    The rest are not read: an ``UPDATE … RETURNING`` has made all its changes by its
    first row on both engines.
    """
    form, result = _execute(session, prepared, values)
    raw = result.fetchone()
    return None if raw is None else form.make_row(raw)


def scalar(session, prepared: Prepared, values: Mapping[str, Any] = {}):  # noqa: B006
    """The first column of the first row, or ``None``."""
    row = first(session, prepared, values)
    return None if row is None else row[0]


def execute_many(session, prepared: Prepared, rows_: list[Mapping[str, Any]]) -> None:
    """The statement once per parameter set (an INSERT of several rows), without results."""
    if len(rows_) == 1:
        _execute(session, prepared, rows_[0])
    elif rows_:
        _execute(session, prepared, rows_, many=True)


def run(session, prepared: Prepared, values: Mapping[str, Any] = {}) -> None:  # noqa: B006
    """The statement for its effect (its rows, if any, are not read)."""
    _execute(session, prepared, values)


def dialect_name(session) -> str:
    """``sqlite`` or ``postgresql``: the engine ``session`` runs on."""
    if type(session) is DirectSession:
        return session.dialect.name
    return session.get_bind().dialect.name
