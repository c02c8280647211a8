"""The demo extension on the small test hall: services per department and a day of consistent traffic."""

from __future__ import annotations

import random

from sqlalchemy import func, select

from console.demo.queue import extend_demo, prefix_for
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


def test_demo_queue_on_the_test_hall(db, hall):
    ctx = _ctx(db, hall)
    with db.write() as s:
        summary = extend_demo(s, random.Random(7), ctx)
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


def test_demo_queue_is_deterministic_and_usable(db, hall):
    from console.queue.shared import KIOSK_ACTOR
    from console.queue.stats import queue_stats
    from console.queue.tickets import take_ticket

    with db.write() as s:
        extend_demo(s, random.Random(1), _ctx(db, hall))
    with db.read() as s:
        day = s.scalar(select(func.min(Ticket.day)))
        rows = queue_stats(s, factories.actor(db, "A001"), day=day, by="service")
    assert {r.key for r in rows} == {"MZ", "RS", "SCJG"}
    assert all(r.avg_service_minutes and r.avg_service_minutes > 2 for r in rows)
    noon = day_at_noon(day)
    with db.read() as s:
        scjg = s.scalar(select(QueueService).where(QueueService.code == "SCJG",
                                                   QueueService.site_id == hall["center_id"]))
        prefix, service_id = scjg.prefix, scjg.id
        today = s.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.issued_service_id == service_id, Ticket.day == noon.date()))
    with db.write() as s:  # numbering continues after the simulated tickets of today, if any
        taken = take_ticket(s, KIOSK_ACTOR, "SCJG", at=noon)
    assert prefix == "C" and taken.number == f"C{today + 1:03d}"


def day_at_noon(day):
    from datetime import datetime, time, timedelta

    return datetime.combine(day + timedelta(days=1), time(12, 0))
