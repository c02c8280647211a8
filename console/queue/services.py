"""Queue configuration: services (prefix, hours, cap, targets), window links, and the daily close.

Configuration changes and the daily close are written to the audit trail; the
calls themselves are not (their own append-only events name the clerk).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.catalog import Item
from models.org import Department, Window
from models.queue import EventKind, QueueService, Ticket, TicketStatus, queue_window_services

from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import use_case
from console.queue.reads import ServiceInfo, list_services  # noqa: F401 - re-exported
from console.queue.shared import add_events, event, resolve_service, resolve_site_id, resolve_window, signal_change

PREFIX_PATTERN = re.compile(r"^[A-Z]{1,3}$")
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,20}$")


def _info(service: QueueService, item_codes: tuple[str, ...] = ()) -> ServiceInfo:
    return ServiceInfo(
        code=service.code, name=service.name, prefix=service.prefix, site=service.site.code,
        department=service.department.code if service.department else None,
        windows=tuple(w.number for w in service.windows), items=item_codes,
        opens_at=service.opens_at, closes_at=service.closes_at, daily_cap=service.daily_cap,
        alarm_waiting=service.alarm_waiting, max_wait_minutes=service.max_wait_minutes,
        max_service_minutes=service.max_service_minutes, max_queue_length=service.max_queue_length,
        recall_limit=service.recall_limit,
        next_service=service.next_service.code if service.next_service else None,
        active=service.active,
    )


def _item_codes(session: Session, service_id: int) -> tuple[str, ...]:
    from models.queue import queue_service_items

    return tuple(session.scalars(
        select(Item.code).join(queue_service_items, queue_service_items.c.item_id == Item.id)
        .where(queue_service_items.c.service_id == service_id).order_by(Item.code)
    ))


def _check_settings(values: dict) -> None:
    for name in ("daily_cap", "alarm_waiting", "max_service_minutes", "max_queue_length"):
        value = values.get(name)
        if value is not None and value < 1:
            raise Invalid("queue.positive_required", field=name, name=name)
    if values.get("daily_cap") is not None and values["daily_cap"] > 999:
        raise Invalid("queue.cap_too_high", field="daily_cap")
    if values.get("max_wait_minutes") is not None and values["max_wait_minutes"] < 1:
        raise Invalid("queue.positive_required", field="max_wait_minutes", name="max_wait_minutes")
    if values.get("recall_limit") is not None and not 0 <= values["recall_limit"] <= 9:
        raise Invalid("queue.recall_limit_range", field="recall_limit")
    opens, closes = values.get("opens_at"), values.get("closes_at")
    if opens is not None and closes is not None and opens >= closes:
        raise Invalid("queue.hours_order", field="closes_at")


@use_case("queue.manage", write=True, audit="queue.service_added")
def add_service(ctx: Context, code: str, name: str, prefix: str, *,
                site: str | None = None, department: str | None = None,
                opens_at: time | None = None, closes_at: time | None = None,
                daily_cap: int | None = None, alarm_waiting: int | None = None,
                max_wait_minutes: int = 15, max_service_minutes: int | None = None,
                max_queue_length: int | None = None, recall_limit: int = 3,
                next_service: str | None = None, items: tuple[str, ...] = (),
                windows: tuple[str, ...] = ()) -> ServiceInfo:
    """Create a queue service at a site; its prefix and code are unique there.

    ``windows`` (numbers at the site) are linked to it in the same transaction
    (:func:`link_window`, audited as such).
    """
    session, actor = ctx.session, ctx.actor
    code, name, prefix = code.strip(), name.strip(), prefix.strip().upper()
    if not CODE_PATTERN.match(code):
        raise Invalid("queue.bad_code", field="code")
    if not name:
        raise Invalid("queue.name_required", field="name")
    if not PREFIX_PATTERN.match(prefix):
        raise Invalid("queue.bad_prefix", field="prefix")
    settings = dict(daily_cap=daily_cap, alarm_waiting=alarm_waiting, max_wait_minutes=max_wait_minutes,
                    max_service_minutes=max_service_minutes, max_queue_length=max_queue_length,
                    recall_limit=recall_limit, opens_at=opens_at, closes_at=closes_at)
    _check_settings(settings)
    site_id = resolve_site_id(session, site, actor=actor)
    taken = session.execute(
        select(QueueService.code, QueueService.prefix).where(
            QueueService.site_id == site_id,
            (QueueService.code == code) | (QueueService.prefix == prefix))
    ).first()
    if taken is not None:
        if taken.code == code:
            raise Conflict("queue.service_exists", service=code)
        raise Conflict("queue.prefix_taken", prefix=prefix, service=taken.code)
    dept_id = None
    if department:
        dept_id = session.scalar(select(Department.id).where(Department.code == department))
        if dept_id is None:
            raise NotFound("queue.department_not_found", department=department)
    next_id = resolve_service(session, next_service, site_id, actor=actor).id if next_service else None
    service = QueueService(site_id=site_id, code=code, name=name, prefix=prefix, department_id=dept_id,
                           next_service_id=next_id, active=True, **settings)
    session.add(service)
    session.flush()
    if items:
        _set_items(session, service, items)
    ctx.audit("queue.service_added", "queue_service", f"{site_id}:{code}",
              {"name": name, "prefix": prefix, "department": department, "daily_cap": daily_cap,
               "max_wait_minutes": max_wait_minutes, "next_service": next_service,
               "items": list(items)})
    session.refresh(service)
    info = _info(service, _item_codes(session, service.id))
    for number in windows:
        info = link_window(ctx, info.code, number, site=site_id)
    return info


def _set_items(session: Session, service: QueueService, codes: tuple[str, ...]) -> None:
    from models.queue import queue_service_items

    ids = []
    for item_code in codes:
        item_id = session.scalar(select(Item.id).where(Item.code == item_code))
        if item_id is None:
            raise NotFound("queue.item_not_found", item=item_code)
        ids.append(item_id)
    session.execute(queue_service_items.delete().where(queue_service_items.c.service_id == service.id))
    if ids:
        session.execute(queue_service_items.insert(), [{"service_id": service.id, "item_id": i} for i in ids])


#: settings :func:`update_service` may change
UPDATABLE = ("name", "opens_at", "closes_at", "daily_cap", "alarm_waiting", "max_wait_minutes",
             "max_service_minutes", "max_queue_length", "recall_limit", "next_service", "active")


@use_case("queue.manage", write=True, audit="queue.service_changed")
def update_service(ctx: Context, code: str, *, site: str | None = None,
                   **changes) -> ServiceInfo:
    """Change a service's settings (``None`` clears optional ones); the prefix never changes."""
    session, actor = ctx.session, ctx.actor
    unknown = set(changes) - set(UPDATABLE)
    if unknown:
        raise Invalid("queue.unknown_setting", field=sorted(unknown)[0], name=sorted(unknown)[0])
    service = resolve_service(session, code, site, actor=actor)
    merged = {name: getattr(service, name) for name in UPDATABLE if name not in ("next_service",)}
    merged.update({k: v for k, v in changes.items() if k != "next_service"})
    _check_settings(merged)
    for name, value in changes.items():
        if name == "next_service":
            if value and value == service.code:
                raise Invalid("queue.next_is_self", field="next_service")
            service.next_service_id = resolve_service(session, value, service.site_id, actor=actor).id if value else None
        elif name == "name":
            if not (value or "").strip():
                raise Invalid("queue.name_required", field="name")
            service.name = value.strip()
        else:
            setattr(service, name, value)
    session.flush()
    ctx.audit("queue.service_changed", "queue_service", f"{service.site_id}:{service.code}",
              {k: v for k, v in changes.items()})
    session.refresh(service)
    return _info(service, _item_codes(session, service.id))


@use_case("queue.manage", write=True, audit=("queue.window_linked", "queue.window_unlinked"))
def link_window(ctx: Context, service: str, window: str, *, site: str | int | None = None,
                unlink: bool = False) -> ServiceInfo:
    """Let ``window`` serve ``service`` (or stop, with ``unlink``); both at the same site."""
    session, actor = ctx.session, ctx.actor
    svc = resolve_service(session, service, site, actor=actor)
    ref = resolve_window(session, window, svc.site_id, actor=actor)
    linked = svc.id in ref.service_ids
    if unlink:
        if not linked:
            raise Conflict("queue.not_linked", service=svc.code, window=ref.number)
        session.execute(queue_window_services.delete().where(
            queue_window_services.c.window_id == ref.id, queue_window_services.c.service_id == svc.id))
    else:
        if linked:
            raise Conflict("queue.already_linked", service=svc.code, window=ref.number)
        session.execute(queue_window_services.insert().values(window_id=ref.id, service_id=svc.id))
    ctx.audit("queue.window_unlinked" if unlink else "queue.window_linked",
              "queue_service", f"{svc.site_id}:{svc.code}", {"window": ref.number})
    session.flush()
    session.expire(svc)
    return _info(svc, _item_codes(session, svc.id))


@dataclass(frozen=True)
class CloseDayResult:
    """What the daily close did: the day, and how many waiting tickets it closed."""

    day: date
    site: str
    closed: int
    numbers: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"day": self.day.isoformat(), "site": self.site, "closed": self.closed,
                "numbers": list(self.numbers)}


@use_case("queue.manage", write=True, audit="queue.day_closed")
def close_day(ctx: Context, *, day: date | None = None, site: str | None = None,
              at: datetime | None = None) -> CloseDayResult:
    """Close every ticket of ``day`` (and earlier) still waiting as not served.

    Nothing is deleted; numbering restarts by itself the next day (counters are per day).
    ``at`` is the moment of the close (default now; the demo closes past days).
    """
    from models.org import Site

    session, actor = ctx.session, ctx.actor
    day = day or ctx.today()
    if day > ctx.today():
        raise Invalid("queue.close_future", field="date")
    site_id = resolve_site_id(session, site, actor=actor)
    at = at or ctx.now()
    rows = session.execute(
        update(Ticket)
        .where(Ticket.site_id == site_id, Ticket.day <= day, Ticket.status == TicketStatus.waiting)
        .values(status=TicketStatus.not_served, closed_at=at, version=Ticket.version + 1)
        .returning(Ticket.id, Ticket.number, Ticket.service_id)
    ).all()
    rows.sort(key=lambda r: r.id)  # RETURNING has no order; the events go in ticket order on every engine
    add_events(session, [
        event(EventKind.not_served, at, site_id, ticket_id=r.id, service_id=r.service_id, actor=actor,
              note="close-day")
        for r in rows
    ])
    site_code = session.scalar(select(Site.code).where(Site.id == site_id))
    numbers = tuple(sorted(r.number for r in rows))
    ctx.audit("queue.day_closed", "site", site_code, {"day": day.isoformat(), "closed": len(rows)})
    signal_change(session, site_id)
    return CloseDayResult(day=day, site=site_code, closed=len(rows), numbers=numbers)


@use_case("queue.read")
def windows_of_site(ctx: Context, *, site: str | None = None) -> list[tuple[str, str]]:
    """(number, name) of the site's active windows, for pickers."""
    session = ctx.session
    site_id = resolve_site_id(session, site, actor=ctx.actor)
    return [(r.number, r.name) for r in session.execute(
        select(Window.number, Window.name).where(Window.site_id == site_id, Window.active.is_(True))
        .order_by(Window.number))]
