"""Fixtures: a fresh database per test on the backend chosen by HALL_TEST_BACKEND.

The same tests run on SQLite (default) and PostgreSQL (``HALL_TEST_BACKEND=postgresql``);
``.ci/run`` runs the suite once for each.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests import dbutil, factories
from tests.demo_fixtures import demo_db, demo_template  # noqa: F401 - the demo hall, built once per session

# A shell that asks Python not to write bytecode (PYTHONDONTWRITEBYTECODE) would have every test
# worker and every `hall` process a test starts compile the whole project again (about a fifth of
# the suite's time): compiled files go to a cache folder of the tests' own instead, outside the tree.
if sys.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE"):
    _prefix = os.environ.get("PYTHONPYCACHEPREFIX") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hall-console-tests" / "pycache")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = _prefix
    sys.dont_write_bytecode = False
    sys.pycache_prefix = _prefix

# Textual's pilot waits after every key and pause until the process looks idle, checking in steps of
# 20 ms (at least two steps a key): a console test spent a third of its time in those steps. Steps of
# 5 ms keep the same test for idleness (under a twentieth of the step spent on the CPU) and the tests
# still wait for every worker themselves (tests/tuihelp.py, tests/snaphelp.py).
def _shorter_idle_steps() -> None:
    import textual._wait as wait

    wait.SLEEP_GRANULARITY = 0.005
    wait.SLEEP_IDLE = wait.SLEEP_GRANULARITY / 20


_shorter_idle_steps()


# A console freezes its long-lived objects out of the collector's sight once started
# (screens/apps/memory.py).  The suite runs hundreds of Apps in one process, each of whose objects
# must go when its test ends: no App freezes here, except in tests/test_memory.py, which turns it on.
def _no_freezing() -> None:
    from screens.apps.memory import QuietCollector

    QuietCollector.FREEZE_AFTER = None


_no_freezing()

# The tests are hermetic: no user locale, config or data directory leaks in.
os.environ.setdefault("HALL_LANG", "en")
os.environ.pop("HALL_DATABASE_URL", None)
os.environ.pop("HALL_AS", None)
os.environ.pop("HALL_PIN", None)


@pytest.fixture(autouse=True)
def _english_first():
    """Every test starts in English (HALL_LANG); one that switches the language leaves no trace."""
    from console.core.i18n import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def _own_directories(tmp_path_factory, monkeypatch):
    """Each test's config, data and state directories (session files, keys, checkpoints) are its own."""
    base = tmp_path_factory.mktemp("home")
    for var, name in (("HALL_CONFIG_DIR", "config"), ("HALL_DATA_DIR", "data"), ("HALL_STATE_DIR", "state")):
        monkeypatch.setenv(var, str(base / name))
    return base


@pytest.fixture(scope="session")
def backend() -> str:
    return dbutil.backend()


@pytest.fixture(scope="session")
def _run_database(backend, tmp_path_factory, worker_id="master"):
    """A migrated database for this run (PostgreSQL) or a migrated template file (SQLite)."""
    if backend == "postgresql":
        url = dbutil.create_pg_database()
        dbutil.migrate(url)
        yield url
        from console.cli.common import reset_databases

        reset_databases()
        dbutil.dispose_pg_engines()
        dbutil.drop_pg_database(url)
    else:
        template = tmp_path_factory.mktemp("template") / "template.db"
        url = f"sqlite:///{template}"
        dbutil.migrate(url)
        yield template


@pytest.fixture
def db_url(backend, _run_database, tmp_path) -> str:
    """The URL of an empty, current database for one test."""
    if backend == "postgresql":
        dbutil.truncate_all(_run_database)
        return _run_database
    return dbutil.sqlite_copy(Path(_run_database), tmp_path / "hall.db")


@pytest.fixture
def db(db_url):
    """A :class:`models.engine.Database` on an empty current schema."""
    from console.cli.common import reset_databases
    from models.engine import Database

    reset_databases()
    handle = Database(db_url)
    yield handle
    handle.dispose()
    reset_databases()


#: the moment the tests' hall clock stands at unless a test sets it: a working Tuesday
#: afternoon (the hall is open), so that no test depends on the wall clock
TEST_NOW = "2026-03-03 14:30:00"


@pytest.fixture
def clock():
    """The hall clock of one test: fixed at :data:`TEST_NOW`; move it with ``set``/``advance``."""
    from console.core.clock import FixedClock

    return FixedClock(TEST_NOW)


@pytest.fixture
def runner(db, clock):
    """The use-case runner on the test database with the test's fixed clock."""
    from console.core.runner import Runner

    return Runner(db, clock=clock)


@pytest.fixture
def hall(db):
    """The small test hall of :mod:`tests.factories`."""
    return factories.make_hall(db)


@pytest.fixture
def cli(db_url, clock, monkeypatch):
    """Run ``hall`` in-process against the test database: ``cli("catalog", "list")``.

    Returns the click ``Result``; ``as_=`` sets ``--as`` via HALL_AS with the demo PIN.
    """
    from typer.testing import CliRunner

    from console.cli import common
    from console.cli.main import app

    runner = CliRunner()
    common.set_clock(clock)

    def invoke(*args: str, as_: str | None = None, pin: str = factories.PIN, input: str | None = None,
               lang: str = "en", env: dict | None = None):
        environment = {"HALL_LANG": lang}
        if as_:
            environment.update({"HALL_AS": as_, "HALL_PIN": pin})
        environment.update(env or {})
        common.STATE.db_url = None
        return runner.invoke(app, ["--db", db_url, "--lang", lang, *args], env=environment, input=input)

    yield invoke
    common.STATE.db_url = None
    common.set_clock(None)


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL the pictures of the screens are not drawn again: a screen shows what its use cases
    return, and those run on both engines in their own tests (the live screens' tests, watchers
    included, run on both too); the snapshot suite is the slowest part and draws the same on each."""
    if dbutil.backend() != "postgresql":
        return
    skip = pytest.mark.skip(reason="snapshots draw the same on every engine; they run on SQLite")
    for item in items:
        if item.module is not None and item.module.__name__.rsplit(".", 1)[-1].startswith("test_snapshots_"):
            item.add_marker(skip)
