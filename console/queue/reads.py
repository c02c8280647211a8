"""The queue's most read views in plain SQL: the services of a site and the hall's queue now.

:func:`list_services` (public: the kiosk's and the web's list) and :func:`queue_status`
(supervisors, ``queue.read``) are declared ``light=True``: they read through SQL that a
light SQLite connection (:mod:`models.light`, no SQLAlchemy) and an ORM session both take,
so ``hall queue services`` and ``hall queue status`` start like a bare script on a SQLite
database at the current schema, and read through the engine elsewhere (PostgreSQL).  The
values are read with :mod:`models.light`'s readers, so both give the same records.

Nothing here writes; the service records are also what the configuration use cases return
(:mod:`console.queue.services`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime, time

from models.light import as_bool, as_datetime, as_time, rows

from console.core.context import Context
from console.core.errors import Invalid, NotFound
from console.core.runner import PUBLIC, use_case


def site_id_of(session, site: str | int | None = None, *, actor=None) -> int:
    """The site named by code (or id), else the actor's site, else the hall's only center.

    :func:`console.queue.shared.resolve_site_id` in plain SQL (the same answers and refusals).
    """
    if isinstance(site, int):
        found = rows(session, "SELECT id FROM sites WHERE id = :id", {"id": site})
        if not found:
            raise NotFound("queue.site_not_found", site=site)
        return found[0][0]
    if site:
        found = rows(session, "SELECT id FROM sites WHERE code = :code", {"code": site})
        if not found:
            raise NotFound("queue.site_not_found", site=site)
        return found[0][0]
    if getattr(actor, "site_id", None):
        return actor.site_id
    centers = rows(session, "SELECT id FROM sites WHERE kind = 'center' AND parent_id IS NULL LIMIT 2")
    if len(centers) == 1:
        return centers[0][0]
    raise Invalid("queue.site_required", field="site")


def _minutes(start: datetime | None, end: datetime | None) -> float | None:
    """As :func:`console.queue.shared.minutes_between`."""
    if start is None or end is None:
        return None
    return max(0.0, (end - start).total_seconds() / 60)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# --------------------------------------------------------------------------- the services


@dataclass(frozen=True)
class ServiceInfo:
    """One queue service with its windows (by number) and settings."""

    code: str
    name: str
    prefix: str
    site: str
    department: str | None
    windows: tuple[str, ...]
    items: tuple[str, ...]
    opens_at: time | None
    closes_at: time | None
    daily_cap: int | None
    alarm_waiting: int | None
    max_wait_minutes: int
    max_service_minutes: int | None
    max_queue_length: int | None
    recall_limit: int
    next_service: str | None
    active: bool

    def as_dict(self) -> dict:
        data = asdict(self)
        data["windows"] = list(self.windows)
        data["items"] = list(self.items)
        data["opens_at"] = self.opens_at.strftime("%H:%M") if self.opens_at else None
        data["closes_at"] = self.closes_at.strftime("%H:%M") if self.closes_at else None
        return data


_SERVICES = """
SELECT s.id, s.code, s.name, s.prefix, si.code, d.code, s.opens_at, s.closes_at, s.daily_cap, s.alarm_waiting,
       s.max_wait_minutes, s.max_service_minutes, s.max_queue_length, s.recall_limit, n.code, s.active
FROM queue_services s
JOIN sites si ON si.id = s.site_id
LEFT JOIN departments d ON d.id = s.department_id
LEFT JOIN queue_services n ON n.id = s.next_service_id
WHERE s.site_id = :site {active}
ORDER BY s.code
"""


@use_case(PUBLIC, light=True)
def list_services(ctx: Context, *, site: str | None = None,
                  include_inactive: bool = False) -> list[ServiceInfo]:
    """The queue services of a site by code, with the numbers of the windows serving each.

    Public: the services and their hours are what the hall publishes anyway.
    """
    session = ctx.session
    site_id = site_id_of(session, site, actor=ctx.actor)
    params = {"site": site_id, "yes": True}
    found = rows(session, _SERVICES.format(active="" if include_inactive else "AND s.active = :yes"), params)
    windows: dict[int, list[str]] = defaultdict(list)
    for service_id, number in rows(session, """
            SELECT l.service_id, w.number FROM queue_window_services l
            JOIN windows w ON w.id = l.window_id JOIN queue_services s ON s.id = l.service_id
            WHERE s.site_id = :site ORDER BY w.number""", params):
        windows[service_id].append(number)
    items: dict[int, list[str]] = defaultdict(list)
    for service_id, code in rows(session, """
            SELECT l.service_id, i.code FROM queue_service_items l
            JOIN items i ON i.id = l.item_id JOIN queue_services s ON s.id = l.service_id
            WHERE s.site_id = :site ORDER BY i.code""", params):
        items[service_id].append(code)
    return [ServiceInfo(
        code=code, name=name, prefix=prefix, site=site_code, department=department,
        windows=tuple(windows.get(service_id, ())), items=tuple(items.get(service_id, ())),
        opens_at=as_time(opens), closes_at=as_time(closes), daily_cap=cap, alarm_waiting=alarm,
        max_wait_minutes=max_wait, max_service_minutes=max_service, max_queue_length=max_length,
        recall_limit=recall_limit, next_service=next_code, active=as_bool(active),
    ) for (service_id, code, name, prefix, site_code, department, opens, closes, cap, alarm, max_wait,
           max_service, max_length, recall_limit, next_code, active) in found]


# --------------------------------------------------------------------------- the queue now


@dataclass(frozen=True)
class ServiceStatus:
    """One service right now: waiting count, longest wait, alarms."""

    code: str
    name: str
    prefix: str
    waiting: int
    longest_wait_minutes: float | None
    over_wait: int
    #: waiting count at or above the service's alarm level
    alarm: bool
    #: waiting count above the service's maximum queue length
    over_length: bool
    issued_today: int
    windows: tuple[str, ...]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["windows"] = list(self.windows)
        return data


@dataclass(frozen=True)
class WindowState:
    """One window right now: open or paused, and the ticket at it."""

    number: str
    name: str
    status: str
    services: tuple[str, ...]
    current: str | None
    current_status: str | None
    since: datetime | None
    over_target: bool

    def as_dict(self) -> dict:
        data = asdict(self)
        data["services"] = list(self.services)
        return data


@dataclass(frozen=True)
class QueueStatus:
    """The hall's queue now."""

    site: str
    at: datetime
    services: tuple[ServiceStatus, ...]
    windows: tuple[WindowState, ...]

    def as_dict(self) -> dict:
        return {"site": self.site, "at": self.at, "services": [s.as_dict() for s in self.services],
                "windows": [w.as_dict() for w in self.windows]}


@use_case("queue.read", light=True)
def queue_status(ctx: Context, *, site: str | int | None = None) -> QueueStatus:
    """Waiting counts, alarms and each window's current ticket, for one site."""
    session = ctx.session
    site_id = site_id_of(session, site, actor=ctx.actor)
    at = ctx.now()
    params = {"site": site_id, "yes": True, "today": at.date()}
    services = rows(session, """
        SELECT id, code, name, prefix, max_wait_minutes, max_service_minutes, alarm_waiting, max_queue_length
        FROM queue_services WHERE site_id = :site AND active = :yes ORDER BY code""", params)
    limits = {s[0]: s[4] for s in services}
    waiting: dict[int, int] = defaultdict(int)
    oldest: dict[int, datetime] = {}
    over: dict[int, int] = defaultdict(int)
    for service_id, since in rows(session, """
            SELECT service_id, waiting_since FROM queue_tickets
            WHERE status = 'waiting' AND site_id = :site""", params):
        since = as_datetime(since)
        waiting[service_id] += 1
        if service_id not in oldest or since < oldest[service_id]:
            oldest[service_id] = since
        limit = limits.get(service_id)
        if limit and _minutes(since, at) > limit:
            over[service_id] += 1
    issued = dict(rows(session, """
        SELECT issued_service_id, count(*) FROM queue_tickets WHERE site_id = :site AND day = :today
        GROUP BY issued_service_id""", params))
    links: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for service_id, window_id, number in rows(session, """
            SELECT l.service_id, l.window_id, w.number FROM queue_window_services l
            JOIN windows w ON w.id = l.window_id WHERE w.site_id = :site ORDER BY w.number""", params):
        links[service_id].append((window_id, number))
    service_rows = []
    for service_id, code, name, prefix, _max_wait, _max_service, alarm, max_length in services:
        count = waiting.get(service_id, 0)
        service_rows.append(ServiceStatus(
            code=code, name=name, prefix=prefix, waiting=count,
            longest_wait_minutes=_round(_minutes(oldest[service_id], at)) if count else None,
            over_wait=over.get(service_id, 0), alarm=bool(alarm and count >= alarm),
            over_length=bool(max_length and count > max_length), issued_today=issued.get(service_id, 0),
            windows=tuple(number for _, number in links.get(service_id, ())),
        ))
    codes = {s[0]: s for s in services}
    by_window: dict[int, list[str]] = defaultdict(list)
    for service_id, pairs in links.items():
        for window_id, _ in pairs:
            if service_id in codes:
                by_window[window_id].append(codes[service_id][1])
    current = {r[0]: r for r in rows(session, """
        SELECT window_id, number, status, called_at, serving_at, service_id FROM queue_tickets
        WHERE site_id = :site AND status IN ('called', 'serving')""", params)}
    window_rows = []
    for window_id, number, name, status in rows(session, """
            SELECT id, number, name, status FROM windows WHERE site_id = :site AND active = :yes
            ORDER BY number""", params):
        cur = current.get(window_id)
        since, late = None, False
        if cur is not None:
            since = as_datetime(cur[4]) or as_datetime(cur[3])
            svc = codes.get(cur[5])
            max_service = svc[5] if svc is not None else None
            late = bool(max_service and since and _minutes(since, at) > max_service)
        window_rows.append(WindowState(
            number=number, name=name, status=status, services=tuple(sorted(by_window.get(window_id, ()))),
            current=cur[1] if cur else None, current_status=cur[2] if cur else None, since=since,
            over_target=late,
        ))
    site_code = rows(session, "SELECT code FROM sites WHERE id = :site", params)[0][0]
    return QueueStatus(site=site_code, at=at, services=tuple(service_rows), windows=tuple(window_rows))
