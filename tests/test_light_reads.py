"""The light reads — the public calendar, the queue's services and status, resuming a session — run on a light
SQLite connection (no ORM) and answer as the ORM path does (on PostgreSQL that path is the only one)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest

from console.calendar.workdays import count_workdays, due, import_calendar, year_entries
from console.core.runner import PUBLIC, Runner, use_case
from models.light import LightDatabase, sqlite_file
from models.migrations import SCHEMA_HEADS
from tests.factories import actor, make_hall
from tests.queue_fixtures import qhall  # noqa: F401 - fixture

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


# --------------------------------------------------------------------------- the queue and the sessions


def _busy_queue(runner, qhall, clock):
    """Tickets waiting (one past its target), one called at 01, one being served at 02, window 03 paused."""
    from console.queue.services import add_service, update_service
    from console.queue.tickets import take_ticket
    from console.queue.window import call_next, pause, start_serving

    admin = qhall["admin"]
    runner.run(update_service, "MZ", alarm_waiting=2, max_service_minutes=5, opens_at=time(8, 30),
               closes_at=time(17, 0), actor=admin)
    runner.run(add_service, "GONE", "停办业务", "G", items=("SCJG-001", "MZ-001"), windows=("02",), actor=admin)
    runner.run(update_service, "GONE", active=False, actor=admin)
    for code, hh, mm in (("SCJG", 9, 0), ("SCJG", 9, 40), ("MZ", 9, 5), ("MZ", 9, 10), ("RS", 9, 50)):
        clock.set(datetime.combine(clock.today(), time(hh, mm)))
        runner.run(take_ticket, code)
    clock.set(datetime.combine(clock.today(), time(10, 0)))
    runner.run(call_next, actor=qhall["c001"])
    runner.run(call_next, actor=qhall["c002"])
    runner.run(start_serving, actor=qhall["c002"])
    runner.run(pause, "03", actor=admin)
    clock.set(datetime.combine(clock.today(), time(10, 30)))


def test_the_queue_reads_light_as_through_the_orm(db, backend, runner, clock, qhall):
    from console.queue.reads import list_services, queue_status

    _busy_queue(runner, qhall, clock)
    admin = qhall["admin"]
    status = runner.run(queue_status, actor=admin)  # the ORM session's answer (PostgreSQL's only one)
    mz = {s.code: s for s in status.services}["MZ"]
    assert (mz.waiting, mz.alarm, mz.issued_today, mz.longest_wait_minutes) == (1, False, 2, 80.0)
    scjg = {s.code: s for s in status.services}["SCJG"]
    assert (scjg.waiting, scjg.over_wait, scjg.windows) == (1, 1, ("01", "03"))  # A002 has waited 50 minutes
    windows = {w.number: w for w in status.windows}
    assert (windows["02"].current, windows["02"].current_status, windows["02"].over_target) == ("B001", "serving",
                                                                                               True)
    assert windows["02"].since == datetime.combine(clock.today(), time(10, 0))
    assert (windows["03"].status, windows["01"].current, windows["01"].over_target) == ("paused", "A001", False)
    services = {s.code: s for s in runner.run(list_services, include_inactive=True)}
    assert (services["GONE"].items, services["GONE"].windows, services["GONE"].active) == (
        ("MZ-001", "SCJG-001"), ("02",), False)
    assert (services["MZ"].opens_at, services["MZ"].closes_at, services["SCJG"].next_service) == (
        time(8, 30), time(17), "MZ")
    assert "GONE" not in {s.code for s in runner.run(list_services)}
    if backend != "sqlite":
        return
    on_light = Runner(LightDatabase(sqlite_file(db.url)), clock=clock)
    assert on_light.run(queue_status, actor=admin) == status
    assert on_light.run(queue_status, site="410185101", actor=admin) == runner.run(
        queue_status, site="410185101", actor=admin)
    for kwargs in ({}, {"include_inactive": True}, {"site": "410185101"}):
        assert on_light.run(list_services, **kwargs) == runner.run(list_services, **kwargs), kwargs


def test_a_session_is_resumed_light_as_through_the_orm_to_the_second(db, backend, runner, clock, hall):
    from console.org.sessions import open_session, resume_session, revoke_session
    from tests.factories import actor

    clerk = actor(db, "C001")
    opened = runner.run(open_session, "test", actor=clerk)
    runners = [runner] + ([Runner(LightDatabase(sqlite_file(db.url)), clock=clock)] if backend == "sqlite" else [])
    for each in runners:
        assert each.run(resume_session, opened.token) == clerk
        assert each.run(resume_session, "forged") is None
    clock.set(opened.expires_at)  # a session ends at 23:59:59: not ``expires_at > now`` any more
    assert [each.run(resume_session, opened.token) for each in runners] == [None] * len(runners)
    clock.set(opened.expires_at - timedelta(seconds=1))
    assert [each.run(resume_session, opened.token) for each in runners] == [clerk] * len(runners)
    runner.run(revoke_session, opened.id, actor=actor(db, "A001"))
    assert [each.run(resume_session, opened.token) for each in runners] == [None] * len(runners)


def test_parameters_are_bound_as_the_engine_stores_them(db, light):
    from models.light import as_date, as_datetime, as_time, rows, stored

    moment = datetime(2026, 3, 3, 9, 5, 7)
    assert stored(moment) == "2026-03-03 09:05:07.000000"
    assert stored(date(2026, 3, 3)) == "2026-03-03" and stored(time(8, 30)) == "08:30:00.000000"
    assert stored(True) is True and stored("x") == "x"
    assert as_datetime("2026-03-03 09:05:07.000000") == moment == as_datetime(moment)
    assert as_date("2026-03-03") == date(2026, 3, 3) and as_time("08:30:00.000000") == time(8, 30)
    assert as_datetime(None) is None
    with db.read() as session:  # an ORM session takes the same SQL and binds the same way on SQLite
        assert rows(session, "SELECT :at", {"at": moment}) == [("2026-03-03 09:05:07.000000",)]
    with light.read() as session:
        assert rows(session, "SELECT :at", {"at": moment}) == [("2026-03-03 09:05:07.000000",)]
