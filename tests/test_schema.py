"""The migrations build exactly the models' schema, and start-up knows the heads."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import models
from models.migrate import current_revisions, script_heads
from models.migrations import SCHEMA_HEADS


def test_schema_heads_constant_matches_revision_files():
    assert set(SCHEMA_HEADS) == script_heads()


def test_migrated_database_matches_models(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), models.Base.metadata)
    assert diff == []


def test_new_database_is_upgraded_on_first_use(tmp_path):
    from models.engine import Database

    db = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert current_revisions(db.engine) == set()
    db.ensure_schema()
    assert current_revisions(db.engine) == set(SCHEMA_HEADS)
    db.dispose()


def test_sqlite_pragmas(tmp_path):
    from models.engine import Database

    db = Database(f"sqlite:///{tmp_path / 'p.db'}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    db.dispose()


def test_write_rolls_back_everything_on_error(db, hall):
    import pytest
    from sqlalchemy import func, select

    from models import Site, SiteKind

    with pytest.raises(RuntimeError):
        with db.write() as s:
            s.add(Site(code="X1", name="x", kind=SiteKind.village))
            s.flush()
            raise RuntimeError("boom")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Site).where(Site.code == "X1")) == 0
