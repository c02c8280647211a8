"""Time slices → statistics, targets, the display's content and its change detection (both engines)."""

from __future__ import annotations

import threading
from datetime import datetime, time, timedelta

import pytest

from console.queue.shared import KIOSK_ACTOR
from console.queue.stats import queue_stats, queue_status
from console.queue.tickets import take_ticket
from console.queue.watch import display_state, watcher_for
from console.queue.window import call_next, finish, pause, recall, resume, start_serving, window_queue
from models.base import now
from tests.queue_fixtures import qhall  # noqa: F401 - fixture


class Clock:
    """A settable hall clock for the window actions."""

    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at

    def set(self, hh: int, mm: int) -> datetime:
        self.at = datetime.combine(self.at.date(), time(hh, mm))
        return self.at


@pytest.fixture
def clock(monkeypatch):
    day = now().date() - timedelta(days=1)
    c = Clock(datetime.combine(day, time(9, 0)))
    import console.queue.stats
    import console.queue.window

    monkeypatch.setattr(console.queue.window, "now", c)
    monkeypatch.setattr(console.queue.stats, "now", c)
    return c


def test_wait_service_and_idle_times(db, qhall, clock):
    c1 = qhall["c001"]
    with db.write() as s:
        take_ticket(s, KIOSK_ACTOR, "SCJG", at=clock.set(9, 0))  # A001
        take_ticket(s, KIOSK_ACTOR, "SCJG", at=clock.set(9, 5))  # A002
    clock.set(9, 10)
    with db.write() as s:
        call_next(s, c1)  # A001 waited 10
    clock.set(9, 12)
    with db.write() as s:
        start_serving(s, c1)
    clock.set(9, 20)
    with db.write() as s:
        finish(s, c1)  # service 8 (from serving)
    clock.set(9, 25)
    with db.write() as s:
        pause(s, c1)
    clock.set(9, 40)
    with db.write() as s:
        resume(s, c1)
    clock.set(9, 45)
    with db.write() as s:
        call_next(s, c1)  # A002 waited 40: over the 15-minute target
    clock.set(9, 50)
    with db.write() as s:
        recall(s, c1)
    clock.set(10, 0)
    with db.write() as s:
        finish(s, c1)  # service 15 (from the call)
    day = clock.at.date()
    with db.read() as s:
        by_window = queue_stats(s, qhall["admin"], day=day, by="window")
        by_service = queue_stats(s, qhall["admin"], day=day, by="service")
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


def test_status_and_window_list_flag_tickets_past_target(db, qhall, clock):
    from console.queue.services import update_service

    with db.write() as s:
        update_service(s, qhall["admin"], "MZ", alarm_waiting=2, max_queue_length=2)
        take_ticket(s, KIOSK_ACTOR, "MZ", at=clock.set(9, 0))
        take_ticket(s, KIOSK_ACTOR, "MZ", at=clock.set(9, 10))
        take_ticket(s, KIOSK_ACTOR, "MZ", at=clock.set(9, 12))
    clock.set(9, 20)
    with db.read() as s:
        status = queue_status(s, qhall["admin"])
        listed = window_queue(s, qhall["c002"])
    mz = {x.code: x for x in status.services}["MZ"]
    assert (mz.waiting, mz.over_wait, mz.alarm, mz.over_length) == (3, 1, True, True)
    assert mz.longest_wait_minutes == 20.0
    assert [(t.number, t.over_target) for t in listed] == [("B001", "wait"), ("B002", None), ("B003", None)]


def test_display_shows_current_numbers_last_calls_and_waiting(db, qhall):
    with db.write() as s:
        for _ in range(2):
            take_ticket(s, KIOSK_ACTOR, "SCJG")
        take_ticket(s, KIOSK_ACTOR, "MZ")
    with db.write() as s:
        call_next(s, qhall["c001"])
    with db.write() as s:
        call_next(s, qhall["c002"])
    with db.write() as s:
        recall(s, qhall["c002"])
    with db.read() as s:
        state = display_state(s, qhall["admin"])
    current = {w.number: w.current for w in state.windows}
    assert current == {"01": "A001", "02": "B001", "03": None}
    assert [(c.number, c.window, c.recall) for c in state.last_calls] == [
        ("B001", "02", True), ("B001", "02", False), ("A001", "01", False)]
    assert {w.code: w.waiting for w in state.waiting} == {"MZ": 0, "RS": 0, "SCJG": 1}


def test_watcher_notices_a_committed_call_but_not_a_read(db, qhall):
    with db.write() as s:
        take_ticket(s, KIOSK_ACTOR, "SCJG")
    watcher = watcher_for(db, interval=0.02)
    try:
        watcher.poll()  # start from now
        with db.read() as s:
            display_state(s, qhall["admin"])
        assert watcher.wait(0.3) is False
        seen = threading.Event()

        def watch():
            if watcher.wait(10):
                seen.set()

        thread = threading.Thread(target=watch)
        thread.start()
        with db.write() as s:
            call_next(s, qhall["c001"])
        thread.join(15)
        assert seen.is_set()
    finally:
        watcher.close()


def test_a_rolled_back_call_is_not_signalled(db, qhall, backend):
    if backend != "postgresql":
        pytest.skip("SQLite signals commits through data_version; nothing to roll back there")
    with db.write() as s:
        take_ticket(s, KIOSK_ACTOR, "SCJG")
    watcher = watcher_for(db)
    try:
        watcher.poll()
        with pytest.raises(RuntimeError):
            with db.write() as s:
                call_next(s, qhall["c001"])
                raise RuntimeError("clerk's terminal lost power")
        assert watcher.wait(0.3) is False
    finally:
        watcher.close()
