"""Test databases: a fresh database per run, emptied between tests.

``HALL_TEST_BACKEND=postgresql`` runs the suite against the PostgreSQL server at
``HALL_TEST_PG_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``): the
run creates its own database there (``hall_t_<random>``) and drops it at the
end, so concurrent runs never see each other's rows.  The default is SQLite: one
migrated template file per run, copied for every test.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


def backend() -> str:
    value = os.environ.get("HALL_TEST_BACKEND", "sqlite").lower()
    return "postgresql" if value.startswith("postg") else "sqlite"


def _pg_admin_url() -> str:
    from models.engine import normalize_url

    return normalize_url(os.environ.get("HALL_TEST_PG_URL", DEFAULT_PG))


def create_pg_database(tag: str = "") -> str:
    """Create an empty database for this run and return its URL."""
    admin = make_url(_pg_admin_url())
    name = f"hall_t_{tag}{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    admin = make_url(_pg_admin_url())
    name = make_url(url).database
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def migrate(url: str) -> None:
    from models.engine import Database

    db = Database(url)
    db.ensure_schema()
    db.dispose()


def sqlite_copy(template: Path, target: Path) -> str:
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


_pg_engines: dict = {}


def truncate_all(url: str) -> None:
    """Empty every table of a PostgreSQL test database and restart its sequences.

    ``DELETE`` with foreign-key triggers off is far cheaper than ``TRUNCATE`` for
    the few rows a test leaves behind (TRUNCATE rewrites every table's files).
    """
    import models

    models.load_all()  # complete metadata
    from models.base import Base

    engine = _pg_engines.get(url)
    if engine is None:
        engine = _pg_engines[url] = create_engine(make_url(url).set(drivername="postgresql+psycopg"),
                                                  pool_size=1)
    statements = ["SET LOCAL session_replication_role = replica"]
    statements += [f'DELETE FROM "{table.name}"' for table in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:
        sequences = [row[0] for row in conn.execute(text(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) FROM pg_sequences "
            "WHERE schemaname = current_schema()"))]
        statements += [f"ALTER SEQUENCE {name} RESTART" for name in sequences]
        conn.exec_driver_sql("; ".join(statements))
        conn.execute(text("INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, :h)"), {"h": "0" * 64})


def dispose_pg_engines() -> None:
    for engine in _pg_engines.values():
        engine.dispose()
    _pg_engines.clear()


def tampering(db):
    """A transaction that edits the database behind the console's back, as its owner could.

    On PostgreSQL the audit table refuses UPDATE and DELETE by trigger; an owner
    (the tests run as a superuser) can switch triggers off for the transaction.
    """
    from contextlib import contextmanager

    @contextmanager
    def begin():
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "postgresql":
                conn.execute(text("SET LOCAL session_replication_role = replica"))
            yield conn

    return begin()
