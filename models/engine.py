"""Engine and session set-up for SQLite (default) and PostgreSQL.

SQLite runs in WAL mode with foreign keys on and a busy timeout.  Transactions are
begun explicitly: read paths use a plain ``BEGIN`` (a read snapshot that never
takes the write lock); write paths use ``BEGIN IMMEDIATE`` so that they take the
write lock up front and wait for it (busy timeout) instead of failing half-way
with "database is locked".  PostgreSQL runs at READ COMMITTED through psycopg 3.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from models.urls import normalize_url  # also imported from here

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.orm import Session

    from models.direct import DirectTransaction

#: Seconds a SQLite writer waits for the write lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000


def shared_folder(folder: Path) -> bool:
    """Whether ``folder`` is a group's shared folder: set-group-ID and writable by its group (``chmod 2770``)."""
    import stat

    mode = folder.stat().st_mode
    return bool(mode & stat.S_ISGID) and bool(mode & stat.S_IWGRP)


def create_private(path: Path) -> None:
    """Make a missing SQLite file ``path`` empty, 0600, in folders made 0700 (its journals copy the mode).

    In a group's shared folder (set-group-ID and group-writable, as the README's SSH set-up
    makes ``/srv/hall``) the file is made 0660 instead, so that every account of the group can
    open it; the folder's group owns it.  An existing file and its folders are left as they are.
    """
    import os

    if path.exists():
        return
    missing = []
    folder = path.parent
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(mode=0o700, exist_ok=True)
        os.chmod(made, 0o700)
    mode = 0o660 if shared_folder(path.parent) else 0o600
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, mode))
    os.chmod(path, mode)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (``None`` for other engines and in-memory databases)."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


#: the page cache of a scratch file's connection (KiB): the bulk work of a build stays in memory
SCRATCH_CACHE_KIB = 64 * 1024


def _install_sqlite_hooks(engine: Engine, *, scratch: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        if scratch:
            # a file nobody else opens, moved into place only when complete: no write-ahead log to
            # write everything twice, no syncs, a cache that holds the bulk work
            cursor.execute("PRAGMA journal_mode=DELETE")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute(f"PRAGMA cache_size=-{SCRATCH_CACHE_KIB}")
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get("hall_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


#: PostgreSQL connections a process keeps (one more may open at a peak): a console runs one use
#: case at a time, so 1 + 1 serves it; the display's watcher holds one LISTEN connection of its own
DEFAULT_POOL_SIZE = 1


def make_engine(url: str, *, pool_size: int = DEFAULT_POOL_SIZE, application_name: str | None = None,
                scratch: bool = False) -> Engine:
    """Create the engine for ``url`` (a SQLAlchemy URL, ``postgresql://…`` or a SQLite file path).

    ``pool_size`` is the PostgreSQL connection pool per process (one more may
    overflow: ``min(pool_size, 2)``); SQLite needs none.  ``application_name``
    names the connections in ``pg_stat_activity`` (the terminal and the staff
    member).  ``scratch``: a SQLite file that only this process opens and that is thrown
    away on failure (the demo is built in one): a rollback journal instead of the
    write-ahead log, no syncs, a large page cache.  The URL comes from the settings
    (:mod:`console.core.settings`): nothing here reads the environment.
    """
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            create_private(Path(database))
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _install_sqlite_hooks(engine, scratch=scratch)
        return engine
    connect_args = {"application_name": application_name[:63]} if application_name else {}
    engine = create_engine(
        url,
        pool_size=pool_size,
        max_overflow=min(pool_size, 2),
        pool_timeout=30,
        connect_args=connect_args,
    )
    _install_ping(engine)
    return engine


#: seconds a pooled PostgreSQL connection may rest before even a direct check-out pings the server
PING_AFTER_IDLE_S = 10.0

_CHECKOUT = threading.local()


def _install_ping(engine: Engine) -> None:
    """Ping a pooled connection on check-out, as ``pool_pre_ping`` does: a dead one is replaced
    before anyone uses it.

    A direct transaction (:func:`checkout_direct`, the call path) skips the round trip for a
    connection given back less than :data:`PING_AFTER_IDLE_S` ago — a window calling in a
    burst, a script, the call path at its limit; should that connection be dead after all,
    its first statement fails before anything was done and the call runs again on a new
    one (:func:`models.direct.nothing_done`).
    """
    import time

    from sqlalchemy import exc

    dialect = engine.dialect

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection, record, _proxy):
        rested = record.info.get("hall_returned")
        if (rested is not None and getattr(_CHECKOUT, "direct", False)
                and time.monotonic() - rested < PING_AFTER_IDLE_S):
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError("the pooled connection is gone") from error

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection, record):
        if record is not None:
            record.info["hall_returned"] = time.monotonic()


def checkout_direct(engine: Engine):
    """A pooled connection for a direct transaction (no ping if it was given back moments ago)."""
    _CHECKOUT.direct = True
    try:
        return engine.raw_connection()
    finally:
        _CHECKOUT.direct = False


class Database:
    """The data layer handed to the CLI and the Textual app.

    ``read()`` yields a session for queries (rolled back at the end); ``write()``
    yields a session in one transaction that commits when the block ends and rolls
    back entirely on any exception, so nothing is ever half-written.
    """

    def __init__(self, url: str | None = None, *, engine: Engine | None = None, pool_size: int = DEFAULT_POOL_SIZE,
                 application_name: str | None = None, scratch: bool = False) -> None:
        if engine is None and url is None:
            raise TypeError("Database needs a url or an engine")
        # no model is imported here: each use case imports the models it reads, and the mappers
        # configured are theirs and those they need (models.NEEDS, the hook in models.base)
        self.engine = engine or make_engine(url, pool_size=pool_size, application_name=application_name,
                                            scratch=scratch)
        self.application_name = application_name
        #: the name new connections are opened with (the engine's connect arguments)
        self._connect_name = application_name[:63] if application_name else None
        if self.engine.dialect.name == "postgresql":
            event.listen(self.engine, "checkout", self._name_connection)
        self.url = self.engine.url.render_as_string(hide_password=True)
        self._sessions: tuple | None = None  # (read, write) session makers, made on first use
        self._direct = None

    def _makers(self) -> tuple:
        """The read and write session makers; the ORM loads with the first session, not with the
        engine (the console checks the schema before the ORM has loaded: ``benchmarks/bench_startup.py``)."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = (sessionmaker(self.engine, expire_on_commit=False),
                              sessionmaker(self.engine.execution_options(hall_write=True), expire_on_commit=False))
        return self._sessions

    def name_connections(self, application_name: str) -> None:
        """Name this process's PostgreSQL connections ``application_name`` from now on (after a log-in:
        the staff member); each pooled connection takes the name when it is next checked out."""
        self.application_name = application_name[:63]

    def _name_connection(self, dbapi_connection, record, _proxy) -> None:
        wanted = self.application_name
        current = record.info.get("application_name", self._connect_name)
        if wanted and current != wanted:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute("SELECT set_config('application_name', %s, false)", (wanted,))
            finally:
                cursor.close()
            if not dbapi_connection.autocommit:
                dbapi_connection.commit()
            record.info["application_name"] = wanted

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.backend == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session: a consistent snapshot, never the write lock."""
        session = self._makers()[0]()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def direct(self) -> DirectTransaction:
        """``with db.direct() as session:`` one write transaction on a driver connection, no ORM
        session, for prepared statements (:mod:`models.direct`); it begins, commits and rolls
        back as :meth:`write` does."""
        pool = self._direct
        if pool is None:
            from models.direct import DirectPool

            pool = self._direct = DirectPool(self.engine)
        return pool.transaction()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commit on success, roll back on any error."""
        session = self._makers()[1]()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def ensure_schema(self) -> None:
        """Upgrade the database to the newest schema if it is not there yet."""
        from models.migrate import ensure_current

        ensure_current(self.engine)

    def analyze(self) -> None:
        """Refresh the query planner's statistics (``ANALYZE``), after bulk work such as the demo or an import.

        Without them SQLite and PostgreSQL plan the filtered case lists from guesses and
        can pick an index that scans most of the table.
        """
        from models.bulk import analyze

        with self.engine.begin() as conn:
            analyze(conn)

    def dispose(self) -> None:
        if self._direct is not None:
            self._direct.dispose()
        self.engine.dispose()
