"""The demo extension on the small test hall: services per department and a day of consistent traffic.

It runs through the test's runner, on the test's clock (a working Tuesday afternoon).
"""

from __future__ import annotations

import random

import pytest

from sqlalchemy import func, select

from console.demo.queue import extend, prefix_for
from models import QueueService, Ticket, TicketEvent, Window
from tests import factories


def _ctx(db, hall):
    with db.read() as s:
        windows = {(w.site.code, w.number): w.id for w in s.scalars(select(Window))}
    return {"center_code": "410185", "center_id": hall["center_id"],
            "site_ids": {"410185": hall["center_id"], "410185101": hall["town_id"]},
            "township_ids": [hall["town_id"]], "window_ids": windows,
            "staff_ids": {}, "clerk_windows": {}, "admin": factories.actor(db, "A001")}


def test_prefixes():
    assert [prefix_for(i) for i in (0, 1, 25, 26, 27, 35)] == ["A", "B", "Z", "AA", "AB", "AJ"]


def test_demo_queue_on_the_test_hall(db, hall, runner):
    ctx = _ctx(db, hall)
    summary = runner.run(extend, random.Random(7), ctx, actor=ctx["admin"])
    assert summary["services"] == 3 and summary["yesterday"] > 100
    assert ctx["queue_services"] == ["MZ", "RS", "SCJG"]
    with db.read() as s:
        town = s.scalars(select(QueueService.code).where(QueueService.site_id == hall["town_id"])).all()
        assert town == ["MZ"]
        # each window has at most one ticket at it, each ticket one number, yesterday fully closed
        active = s.execute(select(Ticket.window_id, func.count()).where(Ticket.status.in_(["called", "serving"]))
                           .group_by(Ticket.window_id)).all()
        assert all(n == 1 for _, n in active)
        day = s.scalar(select(func.min(Ticket.day)))
        left = s.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.day == day, Ticket.status.in_(["waiting", "called", "serving"])))
        assert left == 0
        called = s.scalar(select(func.count()).select_from(TicketEvent).join(Ticket).where(
            TicketEvent.kind == "called", Ticket.day == day))
        # every ticket of yesterday was either called once or closed as not served at the end
        assert called + summary["closed"] == summary["yesterday"]
        assert called > 50 and summary["closed"] > 0


def test_demo_queue_is_deterministic_and_usable(db, hall, runner):
    from console.queue.stats import queue_stats
    from console.queue.tickets import take_ticket

    runner.run(extend, random.Random(1), _ctx(db, hall), actor=factories.actor(db, "A001"))
    with db.read() as s:
        day = s.scalar(select(func.min(Ticket.day)))
    rows = runner.run(queue_stats, day=day, by="service", actor=factories.actor(db, "A001"))
    assert {r.key for r in rows} == {"MZ", "RS", "SCJG"}
    assert all(r.avg_service_minutes and r.avg_service_minutes > 2 for r in rows)
    noon = day_at_noon(day)
    with db.read() as s:
        scjg = s.scalar(select(QueueService).where(QueueService.code == "SCJG",
                                                   QueueService.site_id == hall["center_id"]))
        prefix, service_id = scjg.prefix, scjg.id
        today = s.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.issued_service_id == service_id, Ticket.day == noon.date()))
    # numbering continues after the simulated tickets of today, if any
    taken = runner.run(take_ticket, "SCJG", at=noon)  # at the kiosk: nobody logged in
    assert prefix == "C" and taken.number == f"C{today + 1:03d}"


def day_at_noon(day):
    from datetime import datetime, time, timedelta

    return datetime.combine(day + timedelta(days=1), time(12, 0))


def _today(db, day):
    with db.read() as s:
        tickets = s.execute(select(Ticket.taken_at, Ticket.status, Ticket.window_id).where(Ticket.day == day)).all()
        last_event = s.scalar(select(func.max(TicketEvent.at)).join(Ticket).where(Ticket.day == day))
    return tickets, last_event


def test_today_stops_at_the_present(db, hall, runner, clock):
    from datetime import date

    summary = runner.run(extend, random.Random(7), _ctx(db, hall), actor=factories.actor(db, "A001"))
    assert summary["previous_day"] == date(2026, 3, 2) and summary["today"] > 0
    tickets, last_event = _today(db, date(2026, 3, 3))
    assert len(tickets) == summary["today"]
    assert max(t.taken_at for t in tickets) <= clock.now() and last_event <= clock.now()
    at_windows = [t.window_id for t in tickets if t.status in ("called", "serving")]
    assert at_windows and len(at_windows) == len(set(at_windows))  # applicants still at the windows


def test_nobody_before_opening_nor_on_a_closed_day(db, hall, runner, clock):
    from datetime import date

    clock.set("2026-03-03 08:10:00")  # Tuesday, before 08:30
    summary = runner.run(extend, random.Random(7), _ctx(db, hall), actor=factories.actor(db, "A001"))
    assert summary["today"] == 0 and summary["yesterday"] > 100
    assert _today(db, date(2026, 3, 3)) == ([], None)


@pytest.mark.parametrize("moment, previous, open_today", [
    ("2026-03-07 10:00:00", "2026-03-06", False),  # Saturday: closed, Friday was the last working day
    ("2026-03-09 10:00:00", "2026-03-06", True),  # Monday: the traffic before it is Friday's
    ("2026-10-01 10:00:00", "2026-09-30", False),  # National Day
    ("2026-02-24 09:00:00", "2026-02-14", True),  # after the Spring Festival: Sat 02-14 was a make-up workday
    ("2026-02-28 11:00:00", "2026-02-27", True),  # Saturday 02-28 is a make-up workday: the hall is open
])
def test_the_previous_day_is_the_last_working_day(db, hall, runner, clock, moment, previous, open_today):
    from datetime import date

    clock.set(moment)
    summary = runner.run(extend, random.Random(7), _ctx(db, hall), actor=factories.actor(db, "A001"))
    assert summary["previous_day"] == date.fromisoformat(previous)
    with db.read() as s:
        days = set(s.scalars(select(Ticket.day)))
    assert date.fromisoformat(previous) in days
    assert (clock.today() in days) is open_today and (summary["today"] > 0) is open_today
