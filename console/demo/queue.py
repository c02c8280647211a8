"""The demo hall's queue: a service per department with its prefix and windows, and a day of traffic.

:func:`extend` is a ``console.demo.build`` extension (``fn(ctx, rng, demo)``):

* at the center, one queue service per department with windows there (prefixes
  ``A``, ``B``, … ``Z``, ``AA``, …; hall hours 08:30–17:30; the wait target of 15
  minutes; an alarm at 12 waiting), linked to that department's windows — a
  comprehensive window serves the services of all its departments; a few
  services hand on to a linked business (多窗联办);
* at each township center, one service per department it has windows for;
* the traffic at the center of the last working day before today (about 450
  tickets, served first come first served by the windows with realistic service
  times, a few no-shows, then the daily close), and — when today is a working day
  — today's up to the present, so that the display, ``hall queue status`` and
  ``hall queue stats`` have something to show.

Today's traffic is drawn for the whole day, the same way at any hour, and cut at
the clock's present: built at 15:08 the hall holds exactly what one built at 17:00
held at 15:08 — the tickets taken by then, each in the state it was in then (the
applicants at the windows still there).  Before opening, and on days the hall is
closed (weekends and holidays; a make-up workday 调休 is open), nobody is there.

Besides the applicants who come one by one, every half hour a group arrives
together at one service (a firm sending its staff, a village's applicants on the
same bus): the windows cannot serve them at once, so at most moments of the day
somebody is waiting somewhere.

Configuration goes through :mod:`console.queue.services` (audited); the traffic
is simulated and bulk-inserted as tickets, events and counters.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models import Department, QueueCounter, Ticket, TicketEvent, Window, window_departments
from models.queue import RANK_ORDINARY, RANK_PRIORITY

from console.core.context import Context
from console.core.runner import use_case
from console.demo.acting import Acting
from console.queue.services import add_service, close_day, link_window, update_service
from console.queue.shared import ticket_number

OPENS, CLOSES = time(8, 30), time(17, 30)
#: tickets a day at the center (≈ 535,538 cases in five years, plus enquiries)
DAILY_TICKETS = 450
#: a group arriving together at one service every this many minutes, of so many people
GROUP_EVERY_MINUTES, GROUP_SIZE = 30, (3, 6)
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


def _configure_site(staff: Acting, site_code: str, site_id: int, *, hand_on: bool) -> dict:
    """One service per department with windows at the site; returns code → (service id, prefix, window ids)."""
    session = staff.base.session
    departments = {d.id: d for d in session.scalars(select(Department).order_by(Department.code))}
    by_dept = _windows_by_department(session, site_id)
    made = {}
    for index, dept_id in enumerate(sorted(by_dept, key=lambda d: departments[d].code)):
        dept = departments[dept_id]
        info = staff(add_service, dept.code, f"{dept.name}业务", prefix_for(index), site=site_code,
                     department=dept.code, opens_at=OPENS, closes_at=CLOSES, alarm_waiting=12,
                     max_service_minutes=20, max_queue_length=30)
        for _window_id, number in by_dept[dept_id]:
            staff(link_window, info.code, number, site=site_code)
        made[info.code] = dept_id
    if hand_on:
        for source, target in HAND_ON.items():
            if source in made and target in made:
                staff(update_service, source, site=site_code, next_service=target)
    from models import QueueService

    services = {}
    for svc in session.scalars(select(QueueService).where(QueueService.site_id == site_id)):
        services[svc.code] = (svc.id, svc.prefix, [w.id for w in svc.windows])
    return services



@dataclass
class _Applicant:
    """One simulated ticket: its row and everything that happens to it in the whole day."""

    row: dict
    events: list[tuple[str, datetime, int | None]] = field(default_factory=list)


def _draw_day(rng: random.Random, site_id: int, services: dict, day: date, count: int) -> list[_Applicant]:
    """The whole day's tickets at the site, each with all its events, served first come first served."""
    start, close = datetime.combine(day, OPENS), datetime.combine(day, CLOSES)
    codes = sorted(services)
    weights = [(len(services[code][2]) or 0.2) * (0.6 + rng.random()) for code in codes]
    span = (close - start).total_seconds() - 1800
    arrivals = [(start + timedelta(seconds=rng.random() * span), rng.choices(codes, weights)[0])
                for _ in range(count)]
    for slot in range(int(span // 60) // GROUP_EVERY_MINUTES):  # the groups, one a half hour
        code = rng.choices(codes, weights)[0]
        first = start + timedelta(minutes=slot * GROUP_EVERY_MINUTES + rng.randint(0, GROUP_EVERY_MINUTES - 5))
        arrivals += [(first + timedelta(seconds=rng.randint(0, 180)), code) for _ in range(rng.randint(*GROUP_SIZE))]
    arrivals.sort()
    free_at: dict[int, datetime] = {}
    seqs: dict[str, int] = defaultdict(int)
    day_tickets = []
    for taken, code in ((at.replace(microsecond=0), code) for at, code in arrivals):
        service_id, prefix, window_ids = services[code]
        seqs[code] += 1
        priority = "elderly" if rng.random() < 0.05 else "none"
        applicant = _Applicant({
            "site_id": site_id, "issued_service_id": service_id, "service_id": service_id, "day": day,
            "seq": seqs[code], "number": ticket_number(prefix, seqs[code]), "priority": priority,
            "rank": RANK_PRIORITY if priority != "none" else RANK_ORDINARY, "sort_at": taken,
            "taken_at": taken, "waiting_since": taken, "_code": code,
        }, [("waiting", taken, None)])
        if window_ids:
            window = min(window_ids, key=lambda w: free_at.get(w, start))
            called = max(taken, free_at.get(window, start)) + timedelta(seconds=rng.randint(10, 60))
            if called < close:
                applicant.events.append(("called", called, window))
                if rng.random() < 0.04:
                    gone = called + timedelta(minutes=2)
                    applicant.events += [("recalled", called + timedelta(minutes=1), window),
                                         ("no_show", gone, window)]
                    free_at[window] = gone
                else:
                    serving = called + timedelta(seconds=rng.randint(30, 90))
                    done = serving + timedelta(seconds=int(rng.triangular(180, 1500, 420)))
                    applicant.events += [("serving", serving, window), ("finished", done, window)]
                    free_at[window] = done
        day_tickets.append(applicant)
    return day_tickets


def _as_of(applicant: _Applicant, cut: datetime | None) -> tuple[dict, list]:
    """The ticket's row and events as they stood at ``cut`` (``None``: the end of the day)."""
    events = [e for e in applicant.events if cut is None or e[1] <= cut]
    row = {k: v for k, v in applicant.row.items() if not k.startswith("_")}
    row.update(status="waiting", window_id=None, called_at=None, serving_at=None, closed_at=None, recalls=0,
               version=len(events))
    for kind, at, window in events[1:]:
        if kind == "called":
            row.update(status="called", window_id=window, called_at=at)
        elif kind == "recalled":
            row["recalls"] += 1
        elif kind == "serving":
            row.update(status="serving", serving_at=at)
        else:  # finished, no_show
            row.update(status=kind, closed_at=at)
    return row, events


def _simulate(session: Session, rng: random.Random, site_id: int, services: dict, clerk_of: dict,
              day: date, cut: datetime | None, count: int) -> int:
    """Bulk-insert one day's tickets and events as they stood at ``cut``; returns the tickets made.

    The whole day is drawn whatever ``cut`` is (the same draws at any hour);
    ``cut=None`` is a past day, its applicants at the windows served to the end.
    """
    if not services:
        return 0
    kept = [_as_of(a, cut) for a in _draw_day(rng, site_id, services, day, count)
            if cut is None or a.row["taken_at"] <= cut]
    if not kept:
        return 0
    ids = session.execute(insert(Ticket.__table__).returning(Ticket.__table__.c.id, sort_by_parameter_order=True),
                          [row for row, _ in kept]).scalars().all()
    event_rows = [{"site_id": site_id, "ticket_id": ticket_id, "at": at, "kind": kind,
                   "service_id": row["service_id"], "window_id": window,
                   "staff_id": clerk_of.get(window) if window else None, "note": ""}
                  for ticket_id, (row, events) in zip(ids, kept) for kind, at, window in events]
    session.execute(insert(TicketEvent.__table__), event_rows)
    last: dict[int, int] = {}
    for row, _ in kept:
        last[row["service_id"]] = max(last.get(row["service_id"], 0), row["seq"])
    session.execute(insert(QueueCounter.__table__),
                    [{"service_id": service_id, "day": day, "last_seq": n} for service_id, n in sorted(last.items())])
    return len(kept)


def last_working_day(cal, day: date) -> date:
    """The last working day before ``day`` (the day before, if none in the four weeks before)."""
    for back in range(1, 29):
        candidate = day - timedelta(days=back)
        if cal.is_workday(candidate):
            return candidate
    return day - timedelta(days=1)  # pragma: no cover - no calendar has four weeks off


@use_case("queue.manage", write=True,
          unaudited="the services it configures and the day it closes audit themselves; "
                    "the simulated traffic is tickets with their own events")
def extend(ctx: Context, rng: random.Random, demo: dict) -> dict:
    """Queue services for every site of the demo hall; the last working day's and today's traffic at the center."""
    from console.calendar.workdays import load_calendar

    session = ctx.session
    staff = Acting(ctx, ctx.actor)
    center_code, center_id = demo["center_code"], demo["center_id"]
    services = _configure_site(staff, center_code, center_id, hand_on=True)
    code_of_site = {v: k for k, v in demo.get("site_ids", {}).items()}
    for township_id in demo.get("township_ids", ()):
        _configure_site(staff, code_of_site[township_id], township_id, hand_on=False)
    window_ids = demo.get("window_ids", {})
    staff_ids = demo.get("staff_ids", {})
    clerk_of = {}
    for employee_no, where in demo.get("clerk_windows", {}).items():
        window_id = window_ids.get(tuple(where))
        if window_id is not None and employee_no in staff_ids:
            clerk_of.setdefault(window_id, staff_ids[employee_no])
    now = ctx.now()
    cal = load_calendar(session)
    previous = last_working_day(cal, now.date())
    made = _simulate(session, rng, center_id, services, clerk_of, previous, None, DAILY_TICKETS)
    closed = staff(close_day, day=previous, site=center_code, at=datetime.combine(previous, CLOSES)).closed
    today = 0
    if cal.is_workday(now.date()):
        today = _simulate(session, rng, center_id, services, clerk_of, now.date(), now, DAILY_TICKETS)
    demo["queue_services"] = sorted(services)
    return {"services": len(services), "previous_day": previous, "yesterday": made, "closed": closed,
            "today": today}
