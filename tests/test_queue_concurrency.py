"""Many terminals at once, each a process with its own engine, against one database (both engines).

* 8 windows call next at once over a few hundred tickets while a supervisor's
  status report reads in a loop: every ticket is called exactly once, none is
  lost, and no error ("database is locked" or any other) reaches a caller.
* 8 kiosks take tickets at once: numbers are unique and gapless.
"""

from __future__ import annotations

import multiprocessing as mp
import traceback

from sqlalchemy import func, select

from models import Ticket, TicketEvent, Window
from tests.queue_fixtures import make_services

PROCESSES = 8
TICKETS = 300


def _runner(url, clock):
    """A process's own engine and use-case runner, on the test's clock."""
    from models.engine import Database

    from console.core.runner import Runner

    return Runner(Database(url), clock=clock)


def _caller(url, clock, window_id, actor, start, results):
    from console.queue.window import call_next

    runner = _runner(url, clock)
    claimed, errors = [], []
    try:
        start.wait(30)
        while True:
            result = runner.run(call_next, window_id, actor=actor)
            if result.number is None:
                break
            claimed.append(result.ticket.id)
    except Exception:  # noqa: BLE001 - reported to the parent
        errors.append(traceback.format_exc())
    finally:
        runner.db.dispose()
    results.put(("caller", window_id, claimed, errors))


def _reporter(url, clock, actor, start, stop, results):
    from console.queue.stats import queue_status
    from console.queue.watch import display_state

    runner = _runner(url, clock)
    reads, errors = 0, []
    try:
        start.wait(30)
        while not stop.is_set():
            with runner.transaction(actor) as ctx:
                queue_status(ctx)
                display_state(ctx)
            reads += 1
    except Exception:  # noqa: BLE001
        errors.append(traceback.format_exc())
    finally:
        runner.db.dispose()
    results.put(("reporter", reads, [], errors))


def _taker(url, clock, count, start, results):
    from console.queue.tickets import take_ticket

    runner = _runner(url, clock)
    numbers, errors = [], []
    try:
        start.wait(30)
        for _ in range(count):
            numbers.append(runner.run(take_ticket, "RS").number)  # the kiosk: nobody logged in
    except Exception:  # noqa: BLE001
        errors.append(traceback.format_exc())
    finally:
        runner.db.dispose()
    results.put(("taker", 0, numbers, errors))


def _bulk_tickets(db, clock, count):
    """``count`` waiting SCJG tickets taken half an hour ago, every tenth a priority one, in one statement."""
    from datetime import timedelta

    from models import QueueService
    from models.queue import RANK_ORDINARY, RANK_PRIORITY

    at = clock.now() - timedelta(minutes=30)
    with db.write() as s:
        svc = s.scalar(select(QueueService).where(QueueService.code == "SCJG"))
        s.execute(Ticket.__table__.insert(), [
            {"site_id": svc.site_id, "issued_service_id": svc.id, "service_id": svc.id, "day": at.date(),
             "seq": i, "number": f"A{i:03d}", "status": "waiting", "priority": "elderly" if i % 10 == 0 else "none",
             "rank": RANK_PRIORITY if i % 10 == 0 else RANK_ORDINARY, "sort_at": at + timedelta(seconds=i),
             "taken_at": at + timedelta(seconds=i), "waiting_since": at + timedelta(seconds=i),
             "recalls": 0, "version": 1}
            for i in range(1, count + 1)
        ])


def _extra_windows(db, runner, hall, admin):
    from console.queue.services import link_window

    with db.write() as s:
        for n in range(PROCESSES):
            s.add(Window(site_id=hall["center_id"], number=f"1{n}", name=f"W1{n}"))
    with runner.transaction(admin, write=True) as ctx:
        for n in range(PROCESSES):
            link_window(ctx, "SCJG", f"1{n}")
    with db.read() as s:
        return [s.scalar(select(Window.id).where(Window.number == f"1{n}")) for n in range(PROCESSES)]


def _run(processes):
    for p in processes:
        p.start()


def test_eight_windows_calling_at_once_never_call_a_ticket_twice_or_lose_one(db, db_url, runner, clock, hall):
    actors = make_services(db, runner)
    windows = _extra_windows(db, runner, hall, actors["admin"])
    _bulk_tickets(db, clock, TICKETS)
    db.dispose()  # nothing of the parent's pool crosses the fork
    ctx = mp.get_context("fork")
    start, stop, results = ctx.Barrier(PROCESSES + 1), ctx.Event(), ctx.Queue()
    callers = [ctx.Process(target=_caller, args=(db_url, clock, w, actors["admin"], start, results))
               for w in windows]
    reporter = ctx.Process(target=_reporter, args=(db_url, clock, actors["admin"], start, stop, results))
    _run([*callers, reporter])
    outcomes = [results.get(timeout=120) for _ in callers]
    stop.set()
    outcomes.append(results.get(timeout=60))
    for p in [*callers, reporter]:
        p.join(30)
    errors = [e for o in outcomes for e in o[3]]
    assert errors == []
    claimed = [ticket for o in outcomes if o[0] == "caller" for ticket in o[2]]
    assert len(claimed) == TICKETS
    assert len(set(claimed)) == TICKETS  # nobody called twice
    with db.read() as s:
        all_ids = set(s.scalars(select(Ticket.id)))
        waiting = s.scalar(select(func.count()).select_from(Ticket).where(Ticket.status == "waiting"))
        called_events = s.execute(
            select(TicketEvent.ticket_id, func.count()).where(TicketEvent.kind == "called")
            .group_by(TicketEvent.ticket_id)).all()
    assert set(claimed) == all_ids and waiting == 0  # none lost
    assert len(called_events) == TICKETS and {n for _, n in called_events} == {1}
    assert sum(1 for o in outcomes if o[0] == "caller" and o[2]) >= 2  # the work really was shared
    reporter_reads = next(o[1] for o in outcomes if o[0] == "reporter")
    assert reporter_reads >= 1


def test_eight_kiosks_taking_at_once_get_unique_gapless_numbers(db, db_url, runner, clock, hall):
    make_services(db, runner)
    db.dispose()
    per_process = 25
    ctx = mp.get_context("fork")
    start, results = ctx.Barrier(PROCESSES), ctx.Queue()
    takers = [ctx.Process(target=_taker, args=(db_url, clock, per_process, start, results))
              for _ in range(PROCESSES)]
    _run(takers)
    outcomes = [results.get(timeout=120) for _ in takers]
    for p in takers:
        p.join(30)
    assert [e for o in outcomes for e in o[3]] == []
    numbers = sorted(n for o in outcomes for n in o[2])
    assert numbers == [f"C{i:03d}" for i in range(1, PROCESSES * per_process + 1)]
