"""The queue, shared core: look-ups, result records and the change signal.

The use cases live beside this module:

* :mod:`console.queue.services` — configure services, link windows, close the day;
* :mod:`console.queue.tickets` — take a ticket (kiosk, ``hall ticket take``: public, no log-in);
* :mod:`console.queue.window` — calling at a window: call next, call a number, pause, what waits;
  its atomic claim is :mod:`console.queue.claim`;
* :mod:`console.queue.actions` — what a window does with the called ticket: recall, no-show,
  serve, finish, transfer, hand on;
* :mod:`console.queue.stats` — the hall's queue status and the daily statistics;
* :mod:`console.queue.watch` — what a hall display shows and how it learns of changes.

Every call-path write tells displays that something changed: on PostgreSQL a
``NOTIFY`` on :data:`NOTIFY_CHANNEL` inside the writing transaction (delivered at
commit); on SQLite the commit itself changes ``PRAGMA data_version``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import Integer, String, and_, bindparam, insert, select, text
from sqlalchemy.orm import Session

from models import direct
from models.prepared import Prepared
from models.org import Site, SiteKind, Window
from models.queue import EventKind, QueueService, TicketEvent, queue_window_services

from console.core.errors import Invalid, NotFound


#: the PostgreSQL channel the queue's writers NOTIFY; the payload is the site id
NOTIFY_CHANNEL = "hall_queue"

#: minutes one applicant takes when a service has no finished tickets to learn from
DEFAULT_SERVICE_MINUTES = 5


def staff_id(actor) -> int | None:
    """The staff id to name in a ticket event (``None`` for the kiosk: nobody)."""
    value = getattr(actor, "id", None)
    return value or None


def ticket_number(prefix: str, seq: int) -> str:
    """``("A", 7)`` → ``"A007"``."""
    return f"{prefix}{seq:03d}"


def mask_id_number(value: str | None) -> str | None:
    """A resident ID shown with only its first 3 and last 4 characters."""
    if not value:
        return None
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def minutes_between(start: datetime | None, end: datetime | None) -> float | None:
    """Minutes from ``start`` to ``end`` (``None`` when either is missing)."""
    if start is None or end is None:
        return None
    return max(0.0, (end - start).total_seconds() / 60)


def round_minutes(value: float | None) -> float | None:
    """Minutes to one decimal for reports."""
    return None if value is None else round(value, 1)


def ceil_minutes(value: float) -> int:
    return int(math.ceil(value - 1e-9)) if value > 0 else 0


# --------------------------------------------------------------------------- look-ups


@dataclass(frozen=True)
class WindowRef:
    """A window as the window actions need it: identity, site, state and the services it serves."""

    id: int
    number: str
    name: str
    site_id: int
    paused: bool
    service_ids: tuple[int, ...]
    #: service id → (code, name) of the services it serves
    services: dict = field(default_factory=dict, compare=False, hash=False)


_ST = Site.__table__
_SITE_BY_ID = Prepared(select(_ST.c.id).where(_ST.c.id == bindparam("p_id", type_=Integer())))
_SITE_BY_CODE = Prepared(select(_ST.c.id).where(_ST.c.code == bindparam("p_code", type_=String())))
_CENTERS = Prepared(select(_ST.c.id).where(_ST.c.kind == SiteKind.center, _ST.c.parent_id.is_(None)).limit(2))


def resolve_site_id(session: Session, site: str | int | None = None, *, actor=None) -> int:
    """The site named by code (or id), else the actor's site, else the hall's only center."""
    if isinstance(site, int):
        found = direct.scalar(session, _SITE_BY_ID, {"p_id": site})
        if found is None:
            raise NotFound("queue.site_not_found", site=site)
        return found
    if site:
        found_id = direct.scalar(session, _SITE_BY_CODE, {"p_code": site})
        if found_id is None:
            raise NotFound("queue.site_not_found", site=site)
        return found_id
    if getattr(actor, "site_id", None):
        return actor.site_id
    centers = [r[0] for r in direct.rows(session, _CENTERS)]
    if len(centers) == 1:
        return centers[0]
    raise Invalid("queue.site_required", field="site")


_W = queue_window_services
_QS = QueueService.__table__
_WINDOW_COLUMNS = (Window.id, Window.number, Window.name, Window.site_id, Window.status,
                   _W.c.service_id, _QS.c.code, _QS.c.name.label("service_name"))


def _window_stmt(where):
    return (
        select(*_WINDOW_COLUMNS)
        .outerjoin(_W, _W.c.window_id == Window.id)
        .outerjoin(_QS, _QS.c.id == _W.c.service_id)
        .where(Window.active.is_(True), where)
    )


#: compiled once per dialect and run on the driver (:mod:`models.direct`: the call path)
_WINDOW_BY_ID = Prepared(_window_stmt(Window.id == bindparam("window_id", type_=Integer())))
_WINDOW_BY_NUMBER = Prepared(_window_stmt(and_(Window.number == bindparam("number", type_=String()),
                                               Window.site_id == bindparam("site_id", type_=Integer()))))


def resolve_window(session: Session, window: str | int | None = None, site: str | int | None = None,
                   *, actor=None) -> WindowRef:
    """The window by id (int), by number at the site (str), or the actor's own window (None).

    One query: the window's row joined with the services linked to it.
    """
    if isinstance(window, int):
        rows = direct.rows(session, _WINDOW_BY_ID, {"window_id": window})
    elif window:
        rows = direct.rows(session, _WINDOW_BY_NUMBER, {"number": window.strip(),
                                                        "site_id": resolve_site_id(session, site, actor=actor)})
    elif getattr(actor, "window_id", None):
        rows = direct.rows(session, _WINDOW_BY_ID, {"window_id": actor.window_id})
    else:
        raise Invalid("queue.window_required", field="window")
    if not rows:
        raise NotFound("queue.window_not_found", window=window if window is not None else "-")
    first = rows[0]
    if len(rows) == 1:  # the usual window: one service (or none)
        sid = first.service_id
        ids, services = ((sid,), {sid: (first.code, first.service_name)}) if sid is not None else ((), {})
    else:
        linked = sorted((r.service_id, r.code, r.service_name) for r in rows if r.service_id is not None)
        ids, services = tuple([r[0] for r in linked]), {r[0]: (r[1], r[2]) for r in linked}
    status = first.status
    return WindowRef(  # positional, in the order of WindowRef's fields (the call path makes one per call)
        first.id, first.number, first.name, first.site_id,
        (status if type(status) is str else str(status.value)) == "paused", ids, services,
    )


def resolve_service(session: Session, code: str, site: str | int | None = None,
                    *, actor=None, any_site: bool = False) -> QueueService:
    """The queue service ``code`` at the site (or, with ``any_site``, wherever it is unique)."""
    stmt = select(QueueService).where(QueueService.code == code.strip())
    if not any_site or site or getattr(actor, "site_id", None):
        stmt = stmt.where(QueueService.site_id == resolve_site_id(session, site, actor=actor))
    found = session.scalars(stmt.limit(2)).all()
    if not found:
        raise NotFound("queue.service_not_found", service=code)
    if len(found) > 1:
        raise Invalid("queue.site_required", field="site")
    return found[0]


# --------------------------------------------------------------------------- writes shared by all


_EVENT_COLUMNS = ("site_id", "ticket_id", "at", "kind", "service_id", "window_id", "staff_id", "note")
_EV = TicketEvent.__table__
_INSERT_EVENT = Prepared(insert(_EV).inline().values(
    {name: bindparam(name, type_=_EV.c[name].type) for name in _EVENT_COLUMNS}))


def add_events(session: Session, rows: list[dict]) -> None:
    """Append ticket events (one statement on the driver, no ORM objects: this is the hot path)."""
    if rows:
        direct.execute_many(session, _INSERT_EVENT, rows)


def event(kind: EventKind, at: datetime, site_id: int, *, ticket_id: int | None = None,
          service_id: int | None = None, window_id: int | None = None, actor=None,
          note: str = "") -> dict:
    """One row for :func:`add_events`."""
    return {
        "site_id": site_id, "ticket_id": ticket_id, "at": at, "kind": kind,
        "service_id": service_id, "window_id": window_id, "staff_id": staff_id(actor),
        "note": note[:200],
    }


_NOTIFY = Prepared(text("SELECT pg_notify(:channel, :payload)"))


def signal_change(session: Session, site_id: int) -> None:
    """Tell displays that the queue of ``site_id`` changed (PostgreSQL: NOTIFY at commit).

    On SQLite nothing is needed: every commit changes ``PRAGMA data_version``,
    which :mod:`console.queue.watch` polls.
    """
    if direct.dialect_name(session) == "postgresql":
        direct.run(session, _NOTIFY, {"channel": NOTIFY_CHANNEL, "payload": str(site_id)})


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class TicketInfo:
    """A ticket as screens and scripts see it (resident ID masked)."""

    id: int
    number: str
    service: str
    service_name: str
    status: str
    priority: str
    window: str | None
    taken_at: datetime
    waiting_since: datetime
    called_at: datetime | None
    serving_at: datetime | None
    recalls: int
    version: int
    appointment_at: datetime | None = None
    id_number: str | None = None
    #: past the service's target: ``"wait"`` (waited too long) or ``"service"`` (served too long)
    over_target: str | None = None
    waited_minutes: float | None = None

    def as_dict(self) -> dict:
        return asdict(self)
