"""Time slices → statistics, targets, the display's content and its change detection (both engines)."""

from __future__ import annotations

import threading
from datetime import datetime, time

import pytest

from console.queue.stats import queue_stats, queue_status
from console.queue.tickets import take_ticket
from console.queue.watch import display_state, watcher_for
from console.queue.window import call_next, finish, pause, recall, resume, start_serving, window_queue
from tests.queue_fixtures import qhall  # noqa: F401 - fixture


def at(clock, hh: int, mm: int) -> datetime:
    """Move the test's hall clock to ``hh:mm`` of its day; returns the new moment."""
    moment = datetime.combine(clock.today(), time(hh, mm))
    clock.set(moment)
    return moment


def test_wait_service_and_idle_times(runner, qhall, clock):
    c1 = qhall["c001"]
    runner.run(take_ticket, "SCJG", at=at(clock, 9, 0))  # A001
    runner.run(take_ticket, "SCJG", at=at(clock, 9, 5))  # A002
    at(clock, 9, 10)
    runner.run(call_next, actor=c1)  # A001 waited 10
    at(clock, 9, 12)
    runner.run(start_serving, actor=c1)
    at(clock, 9, 20)
    runner.run(finish, actor=c1)  # service 8 (from serving)
    at(clock, 9, 25)
    runner.run(pause, actor=c1)
    at(clock, 9, 40)
    runner.run(resume, actor=c1)
    at(clock, 9, 45)
    runner.run(call_next, actor=c1)  # A002 waited 40: over the 15-minute target
    at(clock, 9, 50)
    runner.run(recall, actor=c1)
    at(clock, 10, 0)
    runner.run(finish, actor=c1)  # service 15 (from the call)
    day = clock.today()
    by_window = runner.run(queue_stats, day=day, by="window", actor=qhall["admin"])
    by_service = runner.run(queue_stats, day=day, by="service", actor=qhall["admin"])
    assert len(by_window) == 1
    w = by_window[0]
    assert (w.key, w.called, w.finished, w.no_show) == ("01", 2, 2, 0)
    assert (w.avg_wait_minutes, w.max_wait_minutes) == (25.0, 40.0)
    assert (w.avg_service_minutes, w.max_service_minutes) == (11.5, 15.0)
    assert w.over_wait_target == 1
    # idle: 9:20 → 9:25 (then paused until 9:40) and 9:40 → 9:45
    assert w.idle_minutes == 10.0
    svc = {r.key: r for r in by_service}["SCJG"]
    assert (svc.taken, svc.called, svc.finished, svc.avg_wait_minutes) == (2, 2, 2, 25.0)


def test_status_and_window_list_flag_tickets_past_target(runner, qhall, clock):
    from console.queue.services import update_service

    runner.run(update_service, "MZ", alarm_waiting=2, max_queue_length=2, actor=qhall["admin"])
    runner.run(take_ticket, "MZ", at=at(clock, 9, 0))
    runner.run(take_ticket, "MZ", at=at(clock, 9, 10))
    runner.run(take_ticket, "MZ", at=at(clock, 9, 12))
    at(clock, 9, 20)
    status = runner.run(queue_status, actor=qhall["admin"])
    listed = runner.run(window_queue, actor=qhall["c002"])
    mz = {x.code: x for x in status.services}["MZ"]
    assert (mz.waiting, mz.over_wait, mz.alarm, mz.over_length) == (3, 1, True, True)
    assert mz.longest_wait_minutes == 20.0
    assert [(t.number, t.over_target) for t in listed] == [("B001", "wait"), ("B002", None), ("B003", None)]


def test_display_shows_current_numbers_last_calls_and_waiting(runner, qhall):
    with runner.transaction(write=True) as ctx:  # the kiosk: nobody logged in
        for _ in range(2):
            take_ticket(ctx, "SCJG")
        take_ticket(ctx, "MZ")
    runner.run(call_next, actor=qhall["c001"])
    runner.run(call_next, actor=qhall["c002"])
    runner.run(recall, actor=qhall["c002"])
    state = runner.run(display_state, actor=qhall["admin"])
    current = {w.number: w.current for w in state.windows}
    assert current == {"01": "A001", "02": "B001", "03": None}
    assert [(c.number, c.window, c.recall) for c in state.last_calls] == [
        ("B001", "02", True), ("B001", "02", False), ("A001", "01", False)]
    assert {w.code: w.waiting for w in state.waiting} == {"MZ": 0, "RS": 0, "SCJG": 1}


def test_watcher_notices_a_committed_call_but_not_a_read(db, runner, qhall):
    runner.run(take_ticket, "SCJG")
    watcher = watcher_for(db, interval=0.02)
    try:
        watcher.poll()  # start from now
        runner.run(display_state, actor=qhall["admin"])
        assert watcher.wait(0.3) is False
        seen = threading.Event()

        def watch():
            if watcher.wait(10):
                seen.set()

        thread = threading.Thread(target=watch)
        thread.start()
        runner.run(call_next, actor=qhall["c001"])
        thread.join(15)
        assert seen.is_set()
    finally:
        watcher.close()


def test_a_rolled_back_call_is_not_signalled(db, runner, qhall, backend):
    if backend != "postgresql":
        pytest.skip("SQLite signals commits through data_version; nothing to roll back there")
    runner.run(take_ticket, "SCJG")
    watcher = watcher_for(db)
    try:
        watcher.poll()
        with pytest.raises(RuntimeError):
            with runner.transaction(qhall["c001"], write=True) as ctx:
                call_next(ctx)
                raise RuntimeError("clerk's terminal lost power")
        assert watcher.wait(0.3) is False
    finally:
        watcher.close()
