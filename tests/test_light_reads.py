"""The public calendar reads run on a light SQLite connection (no ORM) and answer as the ORM path does."""

from __future__ import annotations

import json
from datetime import date

import pytest

from console.calendar.workdays import count_workdays, due, import_calendar, year_entries
from console.core.runner import PUBLIC, Runner, use_case
from models.light import LightDatabase, sqlite_file
from models.migrations import SCHEMA_HEADS
from tests.factories import actor, make_hall

OVERRIDES = "date,kind,note\n2026-03-04,holiday,storm\n2026-03-07,workday,make-up\n"


@pytest.fixture
def light(db, backend):
    if backend != "sqlite":
        pytest.skip("the light connection is SQLite's")
    return LightDatabase(sqlite_file(db.url))


def test_light_and_orm_reads_give_the_same_calendar(db, light, runner, clock):
    make_hall(db)
    runner.run(import_calendar, OVERRIDES, actor=actor(db, "A001"))
    on_light = Runner(light, clock=clock)
    for fn, args in ((due, (date(2026, 3, 3), 3)), (count_workdays, (date(2026, 3, 1), date(2026, 3, 10))),
                     (year_entries, (2026,)), (due, (date(2027, 12, 20), 15))):
        assert on_light.run(fn, *args) == runner.run(fn, *args), fn
    assert on_light.run(due, date(2026, 3, 3), 3).due == date(2026, 3, 7)  # the 4th off, Saturday the 7th on


def test_the_light_database_is_current_only_at_the_schema_heads(light, tmp_path):
    assert light.is_current(SCHEMA_HEADS)
    assert not light.is_current(("0001_initial",))
    empty = tmp_path / "empty.db"
    empty.touch()
    assert not LightDatabase(empty).is_current(SCHEMA_HEADS)


def test_a_use_case_that_needs_the_orm_is_refused_on_a_light_database(light, clock):
    @use_case(PUBLIC)
    def heavy(ctx):
        return ctx.session.get  # pragma: no cover - refused first

    with pytest.raises(RuntimeError, match="needs the ORM"):
        Runner(light, clock=clock).run(heavy)
    with pytest.raises(TypeError, match="only reads"):
        use_case(PUBLIC, write=True, unaudited="test", light=True)


def test_a_light_read_never_writes(light):
    import sqlite3

    with light.read() as session, pytest.raises(sqlite3.OperationalError):
        session.execute("DELETE FROM settings")


@pytest.mark.parametrize(("url", "path"), [
    ("sqlite:////tmp/a.db", "/tmp/a.db"), ("sqlite:///rel.db", "rel.db"), ("sqlite:///:memory:", None),
    ("sqlite:///a.db?mode=ro", None), ("postgresql://u@h/db", None), ("sqlite+pysqlite:////x/b.db", "/x/b.db"),
])
def test_sqlite_urls_read_as_sqlalchemy_reads_them(url, path):
    from models.engine import sqlite_path

    found = sqlite_file(url)
    assert (str(found) if found else None) == path
    if path is not None:
        assert sqlite_path(url) == found


def test_the_cli_reads_an_old_schema_through_the_engine_which_upgrades_it(db_url, backend, cli, monkeypatch):
    if backend != "sqlite":
        pytest.skip("the light connection is SQLite's")
    import sqlite3

    with sqlite3.connect(sqlite_file(db_url)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'older'")
    monkeypatch.setattr("models.migrate.upgrade", lambda engine, target="heads": _stamp_current(engine))
    shown = cli("calendar", "due", "2026-03-03", "3", "--json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["due"] == "2026-03-06"
    assert LightDatabase(sqlite_file(db_url)).is_current(SCHEMA_HEADS)  # the engine path ran and "upgraded"


def _stamp_current(engine):
    from sqlalchemy import text

    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": SCHEMA_HEADS[0]})
