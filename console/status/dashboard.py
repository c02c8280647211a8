"""``hall status``: the hall now — every window, what waits, today's figures, cases at risk, rectifications.

One read transaction (``case.supervise``: supervisors and administrators) that
composes the queue's live status and day statistics
(:mod:`console.queue.stats`), the case clock's warning counts and the open
rectifications of bad ratings.  The dashboard screen re-runs it each time the
queue watcher says something was committed; ``hall status --json`` prints it.

A window is ``paused`` (the clerk paused it), ``serving`` (a ticket is called or
served there), ``idle`` (open, nobody at it, but it has called today) or ``open``
(open and has not called anybody today).  ``since`` is when it entered that state:
the call or the start of service, the pause, the last ticket it closed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, literal_column, select

from models.cases import OPEN_STATUSES, Case
from models.org import Window
from models.queue import QueueService, Ticket, TicketEvent

from console.core.context import Context
from console.core.runner import use_case

T = Ticket.__table__
S = QueueService.__table__
E = TicketEvent.__table__


@dataclass(frozen=True)
class WindowNow:
    """One window now."""

    number: str
    name: str
    state: str
    ticket: str | None
    since: datetime | None
    minutes: float | None
    over_target: bool
    services: tuple[str, ...]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["services"] = list(self.services)
        data["since"] = self.since.isoformat(timespec="minutes") if self.since else None
        return data


@dataclass(frozen=True)
class ServiceNow:
    """What waits for one service: the count and the longest wait against the target."""

    code: str
    name: str
    prefix: str
    waiting: int
    longest_wait_minutes: float | None
    target_minutes: int | None
    over_target: int
    served_today: int

    @property
    def late(self) -> bool:
        return bool(self.target_minutes and self.longest_wait_minutes
                    and self.longest_wait_minutes > self.target_minutes)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["late"] = self.late
        return data


@dataclass(frozen=True)
class HourCount:
    """Tickets taken and served in one hour of today (for the chart)."""

    hour: int
    taken: int
    served: int


@dataclass(frozen=True)
class HallStatus:
    """The whole dashboard."""

    site: str
    at: datetime
    windows: tuple[WindowNow, ...]
    services: tuple[ServiceNow, ...]
    waiting: int
    served_today: int
    avg_wait_minutes: float | None
    avg_service_minutes: float | None
    cases_at_risk: int
    cases_overdue: int
    open_rectifications: int
    overdue_rectifications: int
    by_hour: tuple[HourCount, ...]

    def as_dict(self) -> dict:
        return {
            "site": self.site, "at": self.at.isoformat(timespec="seconds"),
            "windows": [w.as_dict() for w in self.windows],
            "services": [s.as_dict() for s in self.services],
            "waiting": self.waiting, "served_today": self.served_today,
            "avg_wait_minutes": self.avg_wait_minutes, "avg_service_minutes": self.avg_service_minutes,
            "cases_at_risk": self.cases_at_risk, "cases_overdue": self.cases_overdue,
            "open_rectifications": self.open_rectifications,
            "overdue_rectifications": self.overdue_rectifications,
            "by_hour": [asdict(h) for h in self.by_hour],
        }


def _weighted(pairs) -> float | None:
    total = sum(n for _, n in pairs if _ is not None)
    if not total:
        return None
    return round(sum(v * n for v, n in pairs if v is not None) / total, 1)


@use_case("case.supervise")
def hall_status(ctx: Context, *, site: str | None = None) -> HallStatus:
    """The hall now for one site (default: the supervisor's, else the only center)."""
    from console.assess.rectifications import list_rectifications
    from console.cases.access import yellow_threshold
    from console.queue.shared import minutes_between, resolve_site_id, round_minutes
    from console.queue.stats import queue_stats, queue_status

    session = ctx.session
    site_id = resolve_site_id(session, site, actor=ctx.actor)
    status = queue_status(ctx, site=site_id)
    at = status.at
    today = ctx.today()
    per_service = {r.key: r for r in queue_stats(ctx, by="service", site=site_id)}
    targets = dict(session.execute(select(S.c.code, S.c.max_wait_minutes).where(S.c.site_id == site_id)).all())

    start = datetime.combine(today, datetime.min.time())
    last_event = dict(session.execute(
        select(Window.number, func.max(E.c.at)).join(Window, Window.id == E.c.window_id)
        .where(E.c.site_id == site_id, E.c.at >= start).group_by(Window.number)).all())

    windows = []
    for w in status.windows:
        if w.current:
            state, since = "serving", w.since
        elif w.status == "paused":
            state, since = "paused", last_event.get(w.number)
        elif w.number in last_event:
            state, since = "idle", last_event[w.number]
        else:
            state, since = "open", None
        windows.append(WindowNow(
            number=w.number, name=w.name, state=state, ticket=w.current, since=since,
            minutes=round_minutes(minutes_between(since, at)) if since else None,
            over_target=w.over_target, services=w.services))

    services = tuple(ServiceNow(
        code=s.code, name=s.name, prefix=s.prefix, waiting=s.waiting,
        longest_wait_minutes=s.longest_wait_minutes, target_minutes=targets.get(s.code),
        over_target=s.over_wait,
        served_today=per_service[s.code].finished if s.code in per_service else 0)
        for s in status.services)
    rows = list(per_service.values())

    threshold = yellow_threshold(session, today)
    open_cases = Case.status.in_(OPEN_STATUSES)
    overdue = session.scalar(select(func.count()).select_from(Case).where(open_cases, Case.due_date < today))
    at_risk = session.scalar(select(func.count()).select_from(Case).where(
        open_cases, Case.due_date >= today, Case.due_date <= threshold))
    rects = list_rectifications(ctx, open_only=True)

    return HallStatus(
        site=status.site, at=at, windows=tuple(windows), services=services,
        waiting=sum(s.waiting for s in services), served_today=sum(r.finished for r in rows),
        avg_wait_minutes=_weighted([(r.avg_wait_minutes, r.called) for r in rows]),
        avg_service_minutes=_weighted([(r.avg_service_minutes, r.finished) for r in rows]),
        cases_at_risk=at_risk or 0, cases_overdue=overdue or 0,
        open_rectifications=len(rects), overdue_rectifications=sum(1 for r in rects if r.overdue),
        by_hour=_by_hour(session, site_id, start),
    )


def _by_hour(session, site_id: int, start: datetime) -> tuple[HourCount, ...]:
    """Tickets taken (``waiting`` events) and served (``finished``) per hour of the day starting at ``start``."""
    taken = [0] * 24
    served = [0] * 24
    for at, kind in session.execute(
            select(E.c.at, E.c.kind).where(E.c.site_id == site_id, E.c.at >= start,
                                           E.c.at < start + timedelta(days=1),
                                           E.c.kind.in_([literal_column("'waiting'"),
                                                         literal_column("'finished'")]))):
        kind = str(getattr(kind, "value", kind))
        (taken if kind == "waiting" else served)[at.hour] += 1
    hours = [h for h in range(24) if taken[h] or served[h]]
    if not hours:
        return ()
    return tuple(HourCount(h, taken[h], served[h]) for h in range(min(hours), max(hours) + 1))
