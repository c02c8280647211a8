"""The full demo hall for tests: built once per test session into a template, copied for each test.

Building the demo costs seconds (SQLite) to many seconds (PostgreSQL); the tests
that read it get a copy of one build instead.  On SQLite each test gets a file
copy of the template.  On PostgreSQL the tests share the one database the
template was built in (its own database, which the per-test emptying of the run's
database does not touch): copying it per test (``CREATE DATABASE … TEMPLATE``,
then ``DROP DATABASE``, which waits for a checkpoint) costs more than a build.
The template is built on a fixed clock (:data:`DEMO_NOW`), never on the wall clock.

``tests/conftest.py`` imports the fixtures, so one build serves the whole session
(one per xdist worker that needs it).  Also here: :func:`call`,
which runs a part's function in a transaction of the test's runner whether that
part is on contexts yet or not.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import dbutil, factories

#: the moment the template is built at: a working Tuesday afternoon, the hall open
DEMO_NOW = "2026-12-01 15:08:00"

#: what :func:`probe_extension` saw during the template's build
PROBE: dict = {}


def probe_extension(ctx, rng, demo):
    """A demo extension that records what it was given."""
    from models import Staff

    PROBE["ctx"] = dict(demo)
    PROBE["rng"] = isinstance(rng, random.Random)
    PROBE["staff"] = ctx.session.scalar(select(func.count(Staff.id)))
    PROBE["now"] = ctx.now()


def call(runner, fn, /, *args, actor=None, write=False, **kwargs):
    """``fn(...)`` in one transaction of ``runner`` (on its clock) as ``actor``, old-style or on a context."""
    from console.demo.acting import Acting

    with runner.transaction(actor, write=write) as ctx:
        return Acting(ctx, actor)(fn, *args, **kwargs)


@pytest.fixture(scope="session")
def demo_template(backend, _run_database, tmp_path_factory):
    """(where the template is, the build's result): the full demo hall (default seed) with the probe."""
    from console.core.clock import FixedClock
    from console.demo import build as demo_module
    from console.demo.target import build_into
    from models.engine import Database

    if backend == "postgresql":
        where = dbutil.create_pg_database("demo")
        dbutil.migrate(where)
        url = where
    else:
        where = tmp_path_factory.mktemp("demo") / "template.db"
        url = dbutil.sqlite_copy(Path(_run_database), where)
    saved = list(demo_module.EXTENSIONS)
    demo_module.EXTENSIONS[:] = [*saved, "tests.demo_fixtures:probe_extension"]
    handle = Database(url)
    try:
        result = build_into(handle, clock=FixedClock(DEMO_NOW), pin_hash=factories.pin_hash())
    finally:
        demo_module.EXTENSIONS[:] = saved
        handle.dispose()
    yield where, result
    if backend == "postgresql":
        dbutil.drop_pg_database(where)


@pytest.fixture
def demo_db(backend, demo_template, tmp_path):
    """(a Database holding the demo hall — on SQLite a copy for this test alone —, the build's result)."""
    from console.cli.common import reset_databases
    from models.engine import Database

    where, result = demo_template
    handle = Database(where if backend == "postgresql" else dbutil.sqlite_copy(where, tmp_path / "demo.db"))
    yield handle, result
    handle.dispose()
    reset_databases()
