"""Sixteen terminals at once on SQLite: "database is locked" never reaches a user.

Each process has its own engine and does 100 mixed queue and case actions —
taking tickets, calling at its own window, accepting cases, reading the queue's
status and the case list — all against one SQLite file; each process also starts
over as a new command every 25 actions (a new engine, the schema check, a log-in
with argon2), as terminals running ``hall`` commands do.  Domain refusals
(nobody waiting) are fine; a busy or locked database is not.
"""

from __future__ import annotations

import multiprocessing as mp
import traceback

import pytest
from sqlalchemy import func, select

from models import Case, Ticket, Window
from tests.queue_fixtures import make_services

PROCESSES = 16
ACTIONS = 100


def _terminal(url, clock, window_id, actors, start, results, fresh=False):
    from models.engine import Database

    from console.cases.access import list_cases
    from console.core.auth import log_in
    from tests.factories import PIN
    from console.core.errors import DatabaseBusy, HallError
    from console.core.runner import Runner
    from console.queue.stats import queue_status
    from console.queue.tickets import take_ticket
    from console.queue.window import call_next
    from tests.test_cases import form

    runner = Runner(Database(url), clock=clock)
    busy, unexpected, refused, done = [], [], 0, 0
    steps = [
        lambda: runner.run(take_ticket, "SCJG"),
        lambda: runner.run(call_next, window_id, actor=actors["admin"]),
        lambda: runner.run(accept_case, form(), actor=actors["c001"]),
        lambda: runner.run(queue_status, actor=actors["admin"]),
        lambda: runner.run(list_cases, limit=20, actor=actors["supervisor"]),
    ]
    from console.cases.intake import accept as accept_case

    start.wait(60)
    for i in range(ACTIONS):
        try:
            if fresh and i % 25 == 0:  # a new command: its own engine, its schema check, its log-in
                runner.db.dispose()
                runner.db = Database(url)
                runner.db.ensure_schema()
                runner.run(log_in, "C001", PIN).accepted()
            steps[i % len(steps)]()
            done += 1
        except DatabaseBusy:
            busy.append(traceback.format_exc())
        except HallError:
            refused += 1
        except Exception as error:  # noqa: BLE001 - reported to the parent
            (busy if "locked" in str(error) else unexpected).append(traceback.format_exc())
    runner.db.dispose()
    results.put((done, refused, busy, unexpected))


@pytest.mark.slow
def test_sixteen_processes_never_see_database_is_locked(db, db_url, runner, clock, hall, backend, fresh=True):
    if backend != "sqlite":
        pytest.skip("the write lock in question is SQLite's")
    from console.queue.services import link_window
    from tests.factories import actor

    actors = {**make_services(db, runner), "supervisor": actor(db, "S001")}
    with db.write() as s:
        for n in range(PROCESSES):
            s.add(Window(site_id=hall["center_id"], number=f"2{n:02d}", name=f"W2{n:02d}"))
    with runner.transaction(actors["admin"], write=True) as ctx:
        for n in range(PROCESSES):
            link_window(ctx, "SCJG", f"2{n:02d}")
    with db.read() as s:
        windows = [s.scalar(select(Window.id).where(Window.number == f"2{n:02d}")) for n in range(PROCESSES)]
    db.dispose()
    ctx = mp.get_context("fork")
    start, results = ctx.Barrier(PROCESSES), ctx.Queue()
    terminals = [ctx.Process(target=_terminal, args=(db_url, clock, w, actors, start, results, fresh)) for w in windows]
    for p in terminals:
        p.start()
    outcomes = [results.get(timeout=240) for _ in terminals]
    for p in terminals:
        p.join(30)
    busy = [e for o in outcomes for e in o[2]]
    unexpected = [e for o in outcomes for e in o[3]]
    assert busy == [], busy[0]
    assert unexpected == [], unexpected[0]
    done = sum(o[0] for o in outcomes)
    assert done + sum(o[1] for o in outcomes) == PROCESSES * ACTIONS
    with db.read() as s:
        taken = s.scalar(select(func.count()).select_from(Ticket))
        cases = s.scalar(select(func.count()).select_from(Case))
    assert taken == PROCESSES * 20 and cases == PROCESSES * 20  # every write landed


def test_a_busy_database_is_waited_for_again_not_reported(runner, db, hall):
    """Past the busy timeout the transaction rolled back whole: the runner runs the use case again."""
    from sqlalchemy.exc import OperationalError

    from console.core.runner import use_case
    from models import Setting
    from tests.factories import actor

    calls = []

    @use_case("staff.manage", write=True, unaudited="a test's own row")
    def flaky(ctx):
        ctx.session.add(Setting(key=f"attempt{len(calls)}", value="x"))
        ctx.session.flush()
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))
        return "done"

    assert runner.run(flaky, actor=actor(db, "A001")) == "done" and len(calls) == 3
    with db.read() as s:  # the failed attempts left nothing behind
        assert s.scalars(select(Setting.key).where(Setting.key.like("attempt%"))).all() == ["attempt2"]


def test_a_database_busy_for_good_is_reported_after_the_retries(runner, db, hall):
    from sqlalchemy.exc import OperationalError

    from console.core.errors import DatabaseBusy
    from console.core.runner import BUSY_RETRIES, use_case

    calls = []

    @use_case("staff.read")
    def always_busy(ctx):
        calls.append(1)
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    from tests.factories import actor

    with pytest.raises(DatabaseBusy):
        runner.run(always_busy, actor=actor(db, "A001"))
    assert len(calls) == BUSY_RETRIES + 1
