"""``hall demo`` at any moment: before opening, open, at lunch, after closing, on closed days, in 2027.

Each build stands on an injected clock (never the wall clock).  The hall of a
seed depends on the calendar day only; today's queue is cut at the moment of the
build; the proxy section hands off only tickets really being served then; a
failed build leaves nothing behind.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import DateTime, func, select

from console.core.clock import FixedClock
from console.demo.target import build_file, build_into
from models import AuditEvent, Case, Project, ProjectStatus, QueueCounter, Ticket, TicketEvent
from tests import factories
from tests.factories import actor

#: (moment, the hall open then) — 2026-12-01 is a working Tuesday
MOMENTS = [
    ("2026-12-01 08:00:00", False),  # before opening (08:30)
    ("2026-12-01 12:10:00", True),  # lunch time: the hall works through it
    ("2026-12-01 19:40:00", True),  # after closing: the day's traffic is over, not yet closed
    ("2026-12-05 10:00:00", False),  # Saturday
    ("2026-10-01 10:00:00", False),  # National Day
    ("2026-09-20 10:30:00", True),  # Sunday, a make-up workday (调休) of 2026
    ("2027-03-01 10:30:00", True),  # Monday of a year without an official calendar yet
]
#: two hours of one day built in the same-hall test (and checked like the moments above)
MORNING, AFTERNOON = "2026-12-01 10:30:00", "2026-12-01 15:08:00"


def _build(db, moment: str):
    return build_into(db, clock=FixedClock(moment), pin_hash=factories.pin_hash())


def _check_the_hall_of(db, result, moment: str, open_now: bool) -> None:
    """What holds for a demo built at ``moment``."""
    from console.core.audit import verify

    at = datetime.fromisoformat(moment)
    assert result.moment == at and result.counts["staff"] == 210
    with db.read() as s:
        today = s.execute(select(Ticket.number, Ticket.status, Ticket.taken_at, Ticket.closed_at)
                          .where(Ticket.day == at.date())).all()
        assert s.scalar(select(func.max(Ticket.taken_at))) <= at
        assert s.scalar(select(func.max(TicketEvent.at))) <= at
        assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.day > at.date())) == 0
        projects = s.execute(select(Project.number, Project.ticket_ref, Project.status, Project.handed_off_at)
                             .order_by(Project.id)).all()
        assert s.scalar(select(func.max(Case.accepted_at))) <= at
        assert (s.scalar(select(func.max(Case.completed_at))) or at) <= at
        assert verify(s).ok
        built = s.scalar(select(AuditEvent).where(AuditEvent.action == "demo.built"))
        assert built.at == at and s.scalar(select(func.max(AuditEvent.at))) == at
        previous_day = s.scalar(select(func.max(QueueCounter.day)).where(QueueCounter.day < at.date()))
    assert previous_day is not None and at.date() > previous_day  # the last working day's traffic
    served = {number: (status, closed) for number, status, _taken, closed in today}
    if open_now:
        assert today
    else:  # before opening or a closed day: nobody came, nobody is served, nothing is handed off
        assert not today and not any(ref for _n, ref, _s, _h in projects)
    # every ticket handed off was really at its window today, and the hand-off closed it now
    for _number, ref, _status, _handed in projects:
        if ref:
            assert served[ref] == ("finished", at)
    assert len(projects) == 13
    assert [p.status for p in projects].count(ProjectStatus.completed) == 10
    assert all(handed <= at for _n, _r, _s, handed in projects)


#: the moments also built on PostgreSQL (the build's logic is the same on both engines; these three
#: cover an open day, a closed day and a year without a calendar, the engine-specific SQL with them)
ON_POSTGRESQL = {"2026-12-01 12:10:00", "2026-12-05 10:00:00", "2027-03-01 10:30:00"}


@pytest.mark.slow
@pytest.mark.parametrize("moment, open_now", MOMENTS)
def test_the_demo_builds_at_any_moment(db, backend, moment, open_now):
    if backend == "postgresql" and moment not in ON_POSTGRESQL:
        pytest.skip("built on SQLite; PostgreSQL builds the moments of ON_POSTGRESQL")
    result = _build(db, moment)
    _check_the_hall_of(db, result, moment, open_now)


def test_the_closed_days_and_the_make_up_workday_are_what_the_calendar_says():
    import chinese_calendar

    for day, workday in (("2026-12-01", True), ("2026-12-05", False), ("2026-10-01", False), ("2026-09-20", True)):
        assert chinese_calendar.is_workday(date.fromisoformat(day)) is workday
    assert date(2026, 9, 20).weekday() == 6  # a Sunday worked


def _dump(db, moment: datetime) -> dict:
    """Every table's rows but the audit trail and the queue, stamps of the build's moment made equal."""
    import models  # noqa: F401
    from models.base import Base

    skip = {"audit_events", "audit_head", "alembic_version", "queue_tickets", "queue_events", "queue_counters"}
    out = {}
    with db.read() as s:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            columns = [c for c in table.columns if c.name != "pin_hash"
                       and (table.name, c.name) != ("proxy_projects", "ticket_ref")]
            stamps = [i for i, c in enumerate(columns) if isinstance(c.type, DateTime)]
            rows = s.execute(select(*columns).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple("<the build's moment>" if i in stamps and v == moment else v
                                     for i, v in enumerate(row)) for row in rows]
    return out


def _queue(db, before: datetime) -> tuple[list, list]:
    """The tickets taken and the ticket events before ``before``, by ticket number."""
    with db.read() as s:
        tickets = s.execute(select(Ticket.day, Ticket.number, Ticket.seq, Ticket.service_id, Ticket.priority,
                                   Ticket.taken_at).where(Ticket.taken_at < before)
                            .order_by(Ticket.day, Ticket.number)).all()
        events = s.execute(select(Ticket.number, TicketEvent.kind, TicketEvent.at, TicketEvent.window_id,
                                  TicketEvent.staff_id).join(Ticket, Ticket.id == TicketEvent.ticket_id)
                           .where(TicketEvent.at < before)
                           .order_by(TicketEvent.at, Ticket.number, TicketEvent.kind)).all()
    return [tuple(t) for t in tickets], [tuple(e) for e in events]


@pytest.mark.slow
def test_the_same_seed_and_day_give_the_same_hall_at_two_hours(backend, db, demo_db):
    from models.engine import Database
    from tests import dbutil
    from tests.demo_fixtures import DEMO_NOW

    assert DEMO_NOW == AFTERNOON  # the session's demo hall is the afternoon's
    morning, afternoon = datetime.fromisoformat(MORNING), datetime.fromisoformat(AFTERNOON)
    fresh = None
    if backend == "postgresql":  # freshly migrated like the template (an emptied database lacks the seed rows)
        fresh = dbutil.create_pg_database("morning")
        dbutil.migrate(fresh)
        db = Database(fresh)
    try:
        first = _build(db, MORNING)
        _check_the_hall_of(db, first, MORNING, True)
        later, second = demo_db
        _check_the_hall_of(later, second, AFTERNOON, True)
        assert _dump(later, afternoon) == _dump(db, morning)
        # the morning's queue is exactly the afternoon's as it stood in the morning
        assert _queue(later, morning) == _queue(db, morning)
        assert len(_queue(later, afternoon)[0]) > len(_queue(db, morning)[0])
    finally:
        if fresh is not None:
            db.dispose()
            dbutil.drop_pg_database(fresh)


def failing_extension(ctx, rng, demo):
    """A demo extension that breaks the build."""
    raise RuntimeError("the build breaks here")


@pytest.fixture
def failing_build(monkeypatch):
    from console.demo import build as demo_module

    monkeypatch.setattr(demo_module, "EXTENSIONS", ["tests.test_demo_moments:failing_extension"])


def test_a_failed_build_leaves_no_file(failing_build, tmp_path):
    target = tmp_path / "demo.db"
    with pytest.raises(RuntimeError):
        build_file(target, clock=FixedClock(AFTERNOON), pin_hash=factories.pin_hash())
    assert list(tmp_path.iterdir()) == []


def test_a_failed_build_keeps_the_old_file(failing_build, tmp_path):
    target = tmp_path / "demo.db"
    target.write_text("the hall of yesterday")
    with pytest.raises(RuntimeError):
        build_file(target, clock=FixedClock(AFTERNOON), pin_hash=factories.pin_hash())
    assert list(tmp_path.iterdir()) == [target] and target.read_text() == "the hall of yesterday"


def test_hall_demo_that_fails_leaves_no_file_and_an_empty_database(failing_build, cli, db, tmp_path):
    from console.demo.build import is_empty

    result = cli("demo", "--no-open", "--path", str(tmp_path / "d.db"))
    assert result.exit_code != 0 and not (tmp_path / "d.db").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith((".d.db", "d.db"))] == []
    result = cli("demo", "--no-open")  # into the (empty) test database named by --db: one transaction
    assert result.exit_code != 0
    with db.read() as s:
        assert is_empty(s) and s.scalar(select(func.count()).select_from(AuditEvent)) == 0


@pytest.mark.slow
def test_hall_demo_builds_on_hall_now(tmp_path):
    """``hall demo`` reads the settings' clock: HALL_NOW on a Saturday builds Saturday's hall."""
    from typer.testing import CliRunner

    from console.cli import common
    from console.cli.main import app
    from models.engine import Database

    target = tmp_path / "demo.db"
    common.STATE.db_url = None
    result = CliRunner().invoke(app, ["--lang", "en", "demo", "--no-open", "--path", str(target)],
                                env={"HALL_LANG": "en", "HALL_NOW": "2026-12-05 10:00:00"})
    assert result.exit_code == 0, result.output
    assert "A001" in result.stdout and not [p for p in tmp_path.iterdir() if p != target]
    built = Database(f"sqlite:///{target}")
    try:
        with built.read() as s:
            stamp = s.scalar(select(AuditEvent.at).where(AuditEvent.action == "demo.built"))
            days = set(s.scalars(select(Ticket.day)))
    finally:
        built.dispose()
    assert stamp.date() == date(2026, 12, 5)
    assert days == {date(2026, 12, 4)}  # Friday's traffic, nobody on Saturday


@pytest.mark.parametrize("module", ["queue", "cases", "assess", "proxy"])
def test_an_extension_runs_only_for_whom_may_set_up_its_part(runner, db, hall, module):
    import importlib
    import random

    from console.core.errors import LoginRequired, PermissionDenied

    extension = importlib.import_module(f"console.demo.{module}").extend
    with pytest.raises(LoginRequired):
        runner.run(extension, random.Random(1), {})
    with pytest.raises(PermissionDenied):
        runner.run(extension, random.Random(1), {}, actor=actor(db, "C001"))
