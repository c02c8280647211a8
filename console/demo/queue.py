"""The demo hall's queue: a service per department with its prefix and windows, and a day of traffic.

:func:`extend_demo` is a ``console.demo.build`` extension (``fn(session, rng, ctx)``):

* at the center, one queue service per department with windows there (prefixes
  ``A``, ``B``, … ``Z``, ``AA``, …; hall hours 08:30–17:30; the wait target of 15
  minutes; an alarm at 12 waiting), linked to that department's windows — a
  comprehensive window serves the services of all its departments; a few
  services hand on to a linked business (多窗联办);
* at each township center, one service per department it has windows for;
* yesterday's traffic at the center (about 450 tickets, served first come first
  served by the windows with realistic service times, a few no-shows, then the
  daily close), and today's so far when the hall is open, so that the display,
  ``hall queue status`` and ``hall queue stats`` have something to show.

Configuration goes through :mod:`console.queue.services` (audited); the traffic
is simulated and bulk-inserted as tickets, events and counters.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models import Department, QueueCounter, Ticket, TicketEvent, Window, window_departments
from models.base import now
from models.queue import RANK_ORDINARY, RANK_PRIORITY

from console.queue.shared import ticket_number
from console.queue.services import add_service, close_day, link_window

OPENS, CLOSES = time(8, 30), time(17, 30)
#: tickets a day at the center (≈ 535,538 cases in five years, plus enquiries)
DAILY_TICKETS = 450
#: linked businesses handed on to (多窗联办), by department code, when both exist
HAND_ON = {"SCJG": "SHWJ", "ZRZYJ": "FGJ", "ZJJ": "XFDD", "FGW": "ZRZYJ"}


def prefix_for(index: int) -> str:
    """0 → ``A`` … 25 → ``Z``, 26 → ``AA`` …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _windows_by_department(session: Session, site_id: int) -> dict[int, list[tuple[int, str]]]:
    rows = session.execute(
        select(window_departments.c.department_id, Window.id, Window.number)
        .join(Window, Window.id == window_departments.c.window_id)
        .where(Window.site_id == site_id, Window.active.is_(True)).order_by(Window.number)
    ).all()
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for dept_id, window_id, number in rows:
        out[dept_id].append((window_id, number))
    return out


def _configure_site(session: Session, ctx: dict, site_code: str, site_id: int, *, hand_on: bool) -> dict:
    """One service per department with windows at the site; returns code → (service id, window ids)."""
    admin = ctx["admin"]
    departments = {d.id: d for d in session.scalars(select(Department).order_by(Department.code))}
    by_dept = _windows_by_department(session, site_id)
    made = {}
    for index, dept_id in enumerate(sorted(by_dept, key=lambda d: departments[d].code)):
        dept = departments[dept_id]
        info = add_service(session, admin, dept.code, f"{dept.name}业务", prefix_for(index), site=site_code,
                           department=dept.code, opens_at=OPENS, closes_at=CLOSES, alarm_waiting=12,
                           max_service_minutes=20, max_queue_length=30)
        for _window_id, number in by_dept[dept_id]:
            link_window(session, admin, info.code, number, site=site_code)
        made[info.code] = dept_id
    if hand_on:
        from console.queue.services import update_service

        for source, target in HAND_ON.items():
            if source in made and target in made:
                update_service(session, admin, source, site=site_code, next_service=target)
    from models import QueueService

    services = {}
    for svc in session.scalars(select(QueueService).where(QueueService.site_id == site_id)):
        services[svc.code] = (svc.id, svc.prefix, [w.id for w in svc.windows])
    return services


def _simulate(session: Session, rng: random.Random, site_id: int, services: dict, clerk_of: dict,
              day: date, until: datetime, count: int) -> int:
    """Bulk-insert one day's tickets and events, served first come first served; returns tickets made.

    Nobody is called after ``until``; on a past day (``until`` at closing time) the
    applicants at the windows are served to the end, today they are still there.
    """
    past = until >= datetime.combine(day, CLOSES)
    horizon = datetime.max if past else until
    start = datetime.combine(day, OPENS)
    end = min(until, datetime.combine(day, CLOSES))
    if end <= start or not services:
        return 0
    codes = sorted(services)
    weights = [(len(services[code][2]) or 0.2) * (0.6 + rng.random()) for code in codes]
    span = (datetime.combine(day, CLOSES) - start).total_seconds() - 1800
    arrivals = sorted(
        (start + timedelta(seconds=rng.random() * span), rng.choices(codes, weights)[0]) for _ in range(count))
    arrivals = [(at.replace(microsecond=0), code) for at, code in arrivals if at < end]
    free_at: dict[int, datetime] = {}
    seqs: dict[str, int] = defaultdict(int)
    tickets, plans = [], []
    for taken, code in arrivals:
        service_id, prefix, window_ids = services[code]
        seqs[code] += 1
        seq = seqs[code]
        priority = "elderly" if rng.random() < 0.05 else "none"
        row = {"site_id": site_id, "issued_service_id": service_id, "service_id": service_id, "day": day,
               "seq": seq, "number": ticket_number(prefix, seq), "status": "waiting", "priority": priority,
               "rank": RANK_PRIORITY if priority != "none" else RANK_ORDINARY, "sort_at": taken,
               "taken_at": taken, "waiting_since": taken, "recalls": 0, "version": 1, "window_id": None,
               "called_at": None, "serving_at": None, "closed_at": None}
        events = [("waiting", taken, None)]
        if window_ids:
            window = min(window_ids, key=lambda w: free_at.get(w, start))
            called = max(taken, free_at.get(window, start)) + timedelta(seconds=rng.randint(10, 60))
            if called < end:
                row.update(window_id=window, called_at=called, status="called", version=2)
                events.append(("called", called, window))
                if rng.random() < 0.04:
                    gone = called + timedelta(minutes=2)
                    row.update(recalls=1)
                    events.append(("recalled", called + timedelta(minutes=1), window))
                    if gone < horizon:
                        row.update(status="no_show", closed_at=gone, version=4)
                        events.append(("no_show", gone, window))
                    free_at[window] = gone
                else:
                    serving = called + timedelta(seconds=rng.randint(30, 90))
                    done = serving + timedelta(seconds=int(rng.triangular(180, 1500, 420)))
                    if serving < horizon:
                        row.update(status="serving", serving_at=serving, version=3)
                        events.append(("serving", serving, window))
                        if done < horizon:
                            row.update(status="finished", closed_at=done, version=4)
                            events.append(("finished", done, window))
                    free_at[window] = done
        tickets.append(row)
        plans.append((row, events))
    ids = session.execute(insert(Ticket.__table__).returning(Ticket.__table__.c.id, sort_by_parameter_order=True),
                          tickets).scalars().all()
    event_rows = []
    for ticket_id, (row, events) in zip(ids, plans):
        for kind, at, window in events:
            event_rows.append({"site_id": site_id, "ticket_id": ticket_id, "at": at, "kind": kind,
                               "service_id": row["service_id"], "window_id": window,
                               "staff_id": clerk_of.get(window) if window else None, "note": ""})
    if event_rows:
        session.execute(insert(TicketEvent.__table__), event_rows)
    counters = [{"service_id": services[code][0], "day": day, "last_seq": n} for code, n in seqs.items()]
    if counters:
        session.execute(insert(QueueCounter.__table__), counters)
    return len(tickets)


def extend_demo(session: Session, rng: random.Random, ctx: dict) -> dict:
    """Queue services for every site of the demo hall, and yesterday's and today's traffic at the center."""
    center_code = ctx["center_code"]
    center_id = ctx["center_id"]
    services = _configure_site(session, ctx, center_code, center_id, hand_on=True)
    code_of_site = {v: k for k, v in ctx.get("site_ids", {}).items()}
    for township_id in ctx.get("township_ids", ()):
        _configure_site(session, ctx, code_of_site[township_id], township_id, hand_on=False)
    window_ids = ctx.get("window_ids", {})
    staff_ids = ctx.get("staff_ids", {})
    clerk_of = {}
    for employee_no, where in ctx.get("clerk_windows", {}).items():
        window_id = window_ids.get(tuple(where))
        if window_id is not None and employee_no in staff_ids:
            clerk_of.setdefault(window_id, staff_ids[employee_no])
    current = now()
    yesterday = current.date() - timedelta(days=1)
    made = _simulate(session, rng, center_id, services, clerk_of, yesterday,
                     datetime.combine(yesterday, CLOSES), DAILY_TICKETS)
    closed = close_day(session, ctx["admin"], day=yesterday, site=center_code,
                       at=datetime.combine(yesterday, CLOSES)).closed
    today = _simulate(session, rng, center_id, services, clerk_of, current.date(), current, DAILY_TICKETS)
    ctx["queue_services"] = sorted(services)
    return {"services": len(services), "yesterday": made, "closed": closed, "today": today}
