"""Light reads of a SQLite database: the standard library's driver, no SQLAlchemy.

A command that prints one small read — ``hall calendar due``, ``hall queue status`` — would
spend ten times its work importing SQLAlchemy's ORM.  :class:`LightDatabase` opens the SQLite
file with :mod:`sqlite3` and yields a :class:`LightSession` inside one read transaction
(a snapshot, never the write lock): plain SQL over the tables, rows as tuples.  Only
use cases declared ``light=True`` (:func:`console.core.runner.use_case`) run on it;
they read through SQL that works on both it and an ORM session, with :func:`rows`
(parameters bound as the engine stores them) and the ``as_*`` readers of the values
(SQLite returns dates and times as text, booleans as integers; PostgreSQL as Python values).

It is used only on a database at the current schema (:meth:`LightDatabase.is_current`);
any other — older, or PostgreSQL, whose driver costs what the ORM does — is read
through :class:`models.engine.Database` as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

#: seconds a reader waits on a database another process is changing (as the engine's busy timeout)
BUSY_TIMEOUT_S = 30.0


def sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite URL or path (``None``: another engine, memory, URI or query options).

    Reads URLs as :func:`models.engine.normalize_url` and SQLAlchemy's ``make_url`` do for the
    plain forms: a path, ``sqlite:///relative`` and ``sqlite:////absolute``.
    """
    if "://" not in url:
        return Path(url).expanduser().resolve()
    for scheme in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(scheme):
            database = url[len(scheme):]
            if not database or "?" in database or database == ":memory:" or database.startswith("file:"):
                return None
            return Path(database)
    return None


class LightSession:
    """One read transaction on a SQLite connection: ``execute(sql, params)`` → rows."""

    light = True

    def __init__(self, connection: sqlite3.Connection, url: str) -> None:
        self.connection = connection
        self.url = url

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[tuple]:
        return self.connection.execute(sql, params).fetchall()


class LightDatabase:
    """A SQLite file read through :mod:`sqlite3`: ``read()`` only.

    It keeps one connection for the thread that made it (until :meth:`dispose`): a new
    connection reads the whole schema again at its first statement, which costs a command
    more than its reads do.  Each read is still a transaction (a snapshot) of its own.
    """

    light = True

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        self._kept: tuple[int, sqlite3.Connection] | None = None

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        connection.execute("PRAGMA query_only=ON")
        return connection

    def _connection(self) -> tuple[sqlite3.Connection, bool]:
        """This thread's kept connection (made the first time), and whether it is the kept one."""
        import threading

        me = threading.get_ident()
        if self._kept is None:
            self._kept = (me, self._connect())
        if self._kept[0] == me:
            return self._kept[1], True
        return self._connect(), False  # another thread: a connection of its own for this read

    def is_current(self, heads: Sequence[str]) -> bool:
        """True when the database records exactly the migration ``heads`` (so its tables are the models')."""
        with self.read() as session:
            try:
                rows = session.execute("SELECT version_num FROM alembic_version")
            except sqlite3.OperationalError:  # no such table: a new or foreign file
                return False
        return {row[0] for row in rows} == set(heads)

    @contextmanager
    def read(self) -> Iterator[LightSession]:
        """A read snapshot (``BEGIN`` … ``ROLLBACK``): never the write lock, never a change."""
        connection, kept = self._connection()
        try:
            connection.execute("BEGIN")
            try:
                yield LightSession(connection, self.url)
            finally:
                connection.execute("ROLLBACK")
        finally:
            if not kept:
                connection.close()

    @contextmanager
    def write(self) -> Iterator[LightSession]:
        raise TypeError("a light database only reads: a writing use case runs on models.engine.Database")
        yield  # pragma: no cover

    def dispose(self) -> None:
        """Close the kept connection."""
        kept, self._kept = self._kept, None
        if kept is not None:
            kept[1].close()


# ---------------------------------------------------------------- SQL both sessions read alike


def rows(session: Any, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
    """The rows of plain ``sql`` (``:name`` parameters) on a :class:`LightSession` or an ORM session.

    On SQLite (either session) a date, time or datetime parameter is bound as text in the form
    SQLAlchemy stores it, so that comparisons with stored values are right to the microsecond.
    """
    if getattr(session, "light", False):
        return session.execute(sql, sqlite_params(params))
    from sqlalchemy import text

    if session.get_bind().dialect.name == "sqlite":
        params = sqlite_params(params)
    return [tuple(row) for row in session.execute(text(sql), dict(params or {}))]


def stored(value: Any) -> Any:
    """``value`` as SQLAlchemy stores it in SQLite (dates and times as text; anything else as it is)."""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}.{value.microsecond:06d}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value:%H:%M:%S}.{value.microsecond:06d}"
    return value


def sqlite_params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    return {key: stored(value) for key, value in (params or {}).items()}


def as_datetime(value: Any) -> datetime | None:
    """A datetime column's value as read (SQLite's text, PostgreSQL's datetime, ``None``)."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def as_date(value: Any) -> date | None:
    """A date column's value as read."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def as_time(value: Any) -> time | None:
    """A time column's value as read."""
    return time.fromisoformat(value) if isinstance(value, str) else value


def as_bool(value: Any) -> bool | None:
    """A boolean column's value as read (SQLite's 0 or 1)."""
    return None if value is None else bool(value)
