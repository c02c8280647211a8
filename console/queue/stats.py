"""The queue as supervisors see it: a day's statistics; the live status of services and windows is
:func:`console.queue.reads.queue_status` (re-exported here), read in plain SQL.

Both are reads (read transactions, ``queue.read``): they never take the SQLite write lock, so a report
can run while every window is calling.  Statistics are rebuilt from the
append-only ticket events: a waiting spell runs from ``waiting`` (taken) or
``transferred`` to the next ``called``; a service spell from ``called`` (or
``serving``) to ``finished``, ``no_show`` or ``transferred``; a window's idle time
is the time between closing one ticket and calling the next, outside pauses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from models.org import Window
from models.queue import EventKind, QueueService, Ticket, TicketEvent

from console.core.context import Context
from console.core.errors import Invalid
from console.core.runner import use_case
from console.queue.reads import QueueStatus, ServiceStatus, WindowState, queue_status  # noqa: F401 - re-exported
from console.queue.shared import minutes_between, resolve_site_id, round_minutes

T = Ticket.__table__
S = QueueService.__table__
E = TicketEvent.__table__


@dataclass(frozen=True)
class StatsRow:
    """A day's figures for one window or one service (minutes to one decimal)."""

    key: str
    name: str
    taken: int
    called: int
    finished: int
    no_show: int
    transferred: int
    not_served: int
    avg_wait_minutes: float | None
    max_wait_minutes: float | None
    avg_service_minutes: float | None
    max_service_minutes: float | None
    over_wait_target: int
    over_service_target: int
    idle_minutes: float | None = None
    #: visits (tickets) that became at least one case
    became_cases: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def _visits_with_cases(session, site_id: int, day: date, by: str) -> dict[int, int]:
    """Tickets of the day that became at least one case, per window (last calling) or service."""
    from models import Case

    key = T.c.window_id if by == "window" else T.c.issued_service_id
    linked = select(Case.ticket_id).where(Case.ticket_id == T.c.id).exists()
    return dict(session.execute(select(key, func.count()).where(T.c.site_id == site_id, T.c.day == day, linked)
                                .group_by(key)).all())


class _Acc:
    def __init__(self) -> None:
        self.taken = self.called = self.finished = self.no_show = self.transferred = self.not_served = 0
        self.waits: list[float] = []
        self.services: list[float] = []
        self.over_wait = self.over_service = 0
        self.idle = 0.0


@use_case("queue.read")
def queue_stats(ctx: Context, *, day: date | None = None, by: str = "window",
                site: str | None = None) -> list[StatsRow]:
    """Wait, service and idle times of a day (default today), per window or per service."""
    if by not in ("window", "service"):
        raise Invalid("queue.bad_stats_by", field="by")
    session = ctx.session
    site_id = resolve_site_id(session, site, actor=ctx.actor)
    day = day or ctx.today()
    start = datetime.combine(day, datetime.min.time())
    end = start + timedelta(days=1)
    services = {r.id: r for r in session.execute(select(S).where(S.c.site_id == site_id))}
    windows = {r.id: r for r in session.execute(
        select(Window.id, Window.number, Window.name).where(Window.site_id == site_id))}
    events = session.execute(
        select(E.c.ticket_id, E.c.at, E.c.kind, E.c.service_id, E.c.window_id)
        .where(E.c.site_id == site_id, E.c.at >= start, E.c.at < end).order_by(E.c.at, E.c.id)
    ).all()
    acc: dict[object, _Acc] = defaultdict(_Acc)
    waiting_since: dict[int, datetime] = {}
    serving_since: dict[int, tuple[datetime, int | None, int | None]] = {}
    window_free_since: dict[int, datetime] = {}
    paused: set[int] = set()

    def key_of(service_id, window_id):
        return window_id if by == "window" else service_id

    for ev in events:
        kind = EventKind(getattr(ev.kind, "value", ev.kind))
        svc = services.get(ev.service_id)
        if kind in (EventKind.paused, EventKind.resumed):
            if kind is EventKind.paused:
                paused.add(ev.window_id)
                free = window_free_since.pop(ev.window_id, None)
                if free is not None and by == "window":
                    acc[ev.window_id].idle += minutes_between(free, ev.at)
            else:
                paused.discard(ev.window_id)
                window_free_since[ev.window_id] = ev.at
            continue
        if kind is EventKind.waiting:
            waiting_since[ev.ticket_id] = ev.at
            if by == "service":
                acc[ev.service_id].taken += 1
            continue
        if kind is EventKind.called:
            a = acc[key_of(ev.service_id, ev.window_id)]
            a.called += 1
            began = waiting_since.pop(ev.ticket_id, None)
            if began is not None:
                wait = minutes_between(began, ev.at)
                a.waits.append(wait)
                if svc is not None and svc.max_wait_minutes and wait > svc.max_wait_minutes:
                    a.over_wait += 1
            serving_since[ev.ticket_id] = (ev.at, ev.service_id, ev.window_id)
            free = window_free_since.pop(ev.window_id, None)
            if free is not None and by == "window" and ev.window_id not in paused:
                acc[ev.window_id].idle += minutes_between(free, ev.at)
            continue
        if kind is EventKind.serving:
            prev = serving_since.get(ev.ticket_id)
            serving_since[ev.ticket_id] = (ev.at, ev.service_id, ev.window_id) if prev is None else (
                ev.at, prev[1], prev[2])
            continue
        if kind in (EventKind.finished, EventKind.no_show, EventKind.transferred):
            began = serving_since.pop(ev.ticket_id, None)
            if began is not None:
                service_id, window_id = began[1], began[2]
                a = acc[key_of(service_id, window_id)]
                if kind is EventKind.finished:
                    a.finished += 1
                    span = minutes_between(began[0], ev.at)
                    a.services.append(span)
                    s = services.get(service_id)
                    if s is not None and s.max_service_minutes and span > s.max_service_minutes:
                        a.over_service += 1
                elif kind is EventKind.no_show:
                    a.no_show += 1
                else:
                    a.transferred += 1
                if window_id is not None:
                    window_free_since[window_id] = ev.at
            if kind is EventKind.transferred:
                waiting_since[ev.ticket_id] = ev.at
            continue
        if kind is EventKind.not_served:
            waiting_since.pop(ev.ticket_id, None)
            acc[key_of(ev.service_id, None) if by == "service" else None].not_served += 1
    rows = []
    cases = _visits_with_cases(session, site_id, day, by)
    if by == "window":
        keys = sorted((k for k in acc if k is not None), key=lambda k: windows[k].number if k in windows else "")
        for k in keys:
            rows.append(_row(windows[k].number, windows[k].name, acc[k], idle=True, cases=cases.get(k, 0)))
    else:
        taken = dict(session.execute(
            select(T.c.issued_service_id, func.count()).where(T.c.site_id == site_id, T.c.day == day)
            .group_by(T.c.issued_service_id)).all())
        keys = sorted(set(k for k in acc if k is not None) | set(taken), key=lambda k: services[k].code)
        for k in keys:
            a = acc[k]
            a.taken = taken.get(k, a.taken)
            rows.append(_row(services[k].code, services[k].name, a, idle=False, cases=cases.get(k, 0)))
    return rows


def _row(key: str, name: str, a: _Acc, *, idle: bool, cases: int = 0) -> StatsRow:
    def avg(values):
        return round_minutes(sum(values) / len(values)) if values else None

    return StatsRow(
        key=key, name=name, taken=a.taken, called=a.called, finished=a.finished, no_show=a.no_show,
        transferred=a.transferred, not_served=a.not_served, avg_wait_minutes=avg(a.waits),
        max_wait_minutes=round_minutes(max(a.waits)) if a.waits else None,
        avg_service_minutes=avg(a.services),
        max_service_minutes=round_minutes(max(a.services)) if a.services else None,
        over_wait_target=a.over_wait, over_service_target=a.over_service,
        idle_minutes=round_minutes(a.idle) if idle else None, became_cases=cases,
    )
