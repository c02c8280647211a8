"""``hall db check`` and ``hall db downgrade REV`` (on a database of their own), the PostgreSQL pool
and application_name."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from console.core.exitcodes import ExitCode
from tests import dbutil


@pytest.fixture
def own_url(backend, tmp_path):
    """A migrated database nobody else uses (these tests change its schema)."""
    from console.cli.common import reset_databases

    url = dbutil.create_pg_database("ops") if backend == "postgresql" else f"sqlite:///{tmp_path / 'own.db'}"
    dbutil.migrate(url)
    yield url
    reset_databases()
    if backend == "postgresql":
        dbutil.dispose_pg_engines()
        dbutil.drop_pg_database(url)


def hall(url, *args):
    from console.cli import common
    from console.cli.main import app

    common.reset_databases()
    return CliRunner().invoke(app, ["--db", url, *args], env={"HALL_LANG": "en"})


def _engine(url):
    from models.engine import make_engine

    return make_engine(url)


def test_check_passes_on_a_migrated_database_and_finds_drift(own_url):
    ok = hall(own_url, "db", "check")
    assert ok.exit_code == 0, ok.output
    assert "matches the models" in ok.stdout
    engine = _engine(own_url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE staff ADD COLUMN nickname VARCHAR(20)"))
    engine.dispose()
    drift = hall(own_url, "db", "check", "--json")
    assert drift.exit_code == ExitCode.INTEGRITY
    info = json.loads(drift.stdout)
    assert info["ok"] is False and any("staff" in d and "nickname" in d for d in info["differences"])


def test_downgrade_asks_for_yes_and_goes_back(own_url):
    assert hall(own_url, "db", "downgrade", "0004_assess").exit_code == ExitCode.INVALID
    assert hall(own_url, "db", "downgrade", "nonsense", "--yes").exit_code == ExitCode.INVALID
    done = hall(own_url, "db", "downgrade", "0004_assess", "--yes")
    assert done.exit_code == 0, done.output
    engine = _engine(own_url)
    assert not inspect(engine).has_table("proxy_projects")
    engine.dispose()
    status = json.loads(hall(own_url, "db", "status", "--json").stdout)
    assert status["revisions"] == ["0004_assess"] and status["current"] is False
    assert hall(own_url, "db", "check").exit_code == ExitCode.INTEGRITY  # behind the code
    assert hall(own_url, "db", "upgrade").exit_code == 0
    assert hall(own_url, "db", "check").exit_code == 0


def test_only_the_databases_owner_may_downgrade_it(own_url, backend, monkeypatch):
    """Another account of the hall (an SSH clerk's) cannot drop the schema's tables."""
    assert hall(own_url, "db", "upgrade").exit_code == 0
    if backend == "sqlite":
        import os

        owner = os.geteuid()
        monkeypatch.setattr("console.org.recovery.os.geteuid", lambda: owner + 1)
    else:  # the test's role owns its database; another role's answer is the server's
        monkeypatch.setattr("console.org.recovery.owns_database", lambda connection: False)
    refused = hall(own_url, "db", "downgrade", "0004_assess", "--yes")
    assert refused.exit_code == ExitCode.PERMISSION, refused.output
    assert "only the owner of the database" in refused.output
    engine = _engine(own_url)
    assert inspect(engine).has_table("proxy_projects")  # nothing dropped
    engine.dispose()


def test_small_pools_and_application_name(backend, db_url):
    from models.engine import Database

    handle = Database(db_url, application_name="hall pts/3 C001")
    try:
        if backend != "postgresql":
            handle.name_connections("hall pts/3 S001")  # nothing to name on SQLite; no error either
            return
        pool = handle.engine.pool
        assert pool.size() == 1 and pool._max_overflow == 1  # one connection, one more at a peak
        with handle.read() as session:
            name = session.execute(text("SELECT current_setting('application_name')")).scalar()
        assert name == "hall pts/3 C001"
        handle.name_connections("hall pts/3 S001")
        with handle.read() as session:
            assert session.execute(text("SELECT current_setting('application_name')")).scalar() == "hall pts/3 S001"
    finally:
        handle.dispose()


def test_the_terminal_names_the_connections(monkeypatch):
    from console.core.terminal import application_name

    monkeypatch.setenv("HALL_TERMINAL", "window-03")
    assert application_name("C003") == "hall window-03 C003"
    assert len(application_name("x" * 100)) == 63


def test_default_settings_give_a_small_pool():
    from console.core.settings import load_settings

    assert load_settings().pool_size == 1
