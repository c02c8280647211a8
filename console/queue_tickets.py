"""Taking a ticket (取号): at the kiosk with no log-in, or by a clerk for an applicant.

The number is allocated race-free: one ``INSERT … ON CONFLICT DO UPDATE …
RETURNING`` on the per-service, per-day counter row, which both engines run
atomically (PostgreSQL locks the row; SQLite writes under ``BEGIN IMMEDIATE``).
A daily cap beyond that number rolls the whole transaction back, counter
included.  "One waiting ticket per resident ID and service" is a partial unique
index; the read before it only gives the nicer message.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.base import now
from models.queue import (
    RANK_APPOINTMENT,
    RANK_ORDINARY,
    RANK_PRIORITY,
    EventKind,
    Priority,
    QueueCounter,
    QueueService,
    Ticket,
    TicketStatus,
    queue_window_services,
)
from models.org import Window, WindowStatus

from console.errors import Conflict, Invalid
from console.permissions import require
from console.queue import (
    DEFAULT_SERVICE_MINUTES,
    add_events,
    ceil_minutes,
    event,
    is_kiosk,
    resolve_service,
    signal_change,
    ticket_number,
)

#: finished tickets the expected wait learns from
RECENT_SAMPLE = 30
#: how far back they may lie
RECENT_DAYS = 7


@dataclass(frozen=True)
class TakenTicket:
    """The printed ticket: number, service, people ahead and the expected wait."""

    id: int
    number: str
    service: str
    service_name: str
    ahead: int
    expected_wait_minutes: int
    taken_at: datetime
    priority: str
    appointment_at: datetime | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def normalize_id_number(value: str | None) -> str | None:
    """A valid 18-character resident ID, upper-cased; :class:`Invalid` otherwise."""
    if value is None or not value.strip():
        return None
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError

    try:
        return ric.validate(value.strip().upper())
    except ValidationError:
        raise Invalid("queue.bad_id_number", field="id_number") from None


def _allocate(session: Session, service_id: int, day) -> int:
    """The next sequence number of the service for the day, atomically."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    table = QueueCounter.__table__
    stmt = insert(table).values(service_id=service_id, day=day, last_seq=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.service_id, table.c.day],
        set_={"last_seq": table.c.last_seq + 1},
    ).returning(table.c.last_seq)
    return session.execute(stmt).scalar_one()


def _mean_service_minutes(session: Session, service_id: int, day) -> float:
    """Mean minutes per applicant over the service's recent finished tickets."""
    t = Ticket.__table__
    rows = session.execute(
        select(t.c.called_at, t.c.closed_at)
        .where(t.c.service_id == service_id, t.c.day >= day - timedelta(days=RECENT_DAYS),
               t.c.status == TicketStatus.finished.value, t.c.called_at.is_not(None))
        .order_by(t.c.closed_at.desc()).limit(RECENT_SAMPLE)
    ).all()
    spans = [(r.closed_at - r.called_at).total_seconds() / 60 for r in rows if r.closed_at and r.called_at]
    spans = [s for s in spans if s >= 0]
    if not spans:
        return float(DEFAULT_SERVICE_MINUTES)
    return max(0.5, sum(spans) / len(spans))


def _open_windows(session: Session, service_id: int) -> int:
    return session.scalar(
        select(func.count()).select_from(queue_window_services)
        .join(Window, Window.id == queue_window_services.c.window_id)
        .where(queue_window_services.c.service_id == service_id, Window.active.is_(True),
               Window.status == WindowStatus.open)
    ) or 0


def ahead_of(session: Session, ticket_id: int) -> int:
    """Waiting tickets of the same service that will be called before this one."""
    t = Ticket.__table__
    me = session.execute(select(t.c.service_id, t.c.rank, t.c.sort_at).where(t.c.id == ticket_id)).one()
    return session.scalar(
        select(func.count()).select_from(t).where(
            t.c.service_id == me.service_id, t.c.status == TicketStatus.waiting.value, t.c.id != ticket_id,
            or_(t.c.rank < me.rank,
                and_(t.c.rank == me.rank, or_(t.c.sort_at < me.sort_at,
                                              and_(t.c.sort_at == me.sort_at, t.c.id < ticket_id)))))
    ) or 0


def expected_wait(session: Session, service_id: int, ahead: int, day) -> int:
    """Minutes until the ticket is likely called: people ahead × recent service time ÷ open windows."""
    if ahead <= 0:
        return 0
    windows = max(1, _open_windows(session, service_id))
    return ceil_minutes(ahead * _mean_service_minutes(session, service_id, day) / windows)


def take_ticket(session: Session, actor, service: str, *, priority: Priority | str | None = None,
                id_number: str | None = None, appointment_at: datetime | None = None,
                site: str | None = None, at: datetime | None = None) -> TakenTicket:
    """Issue the next number of ``service`` (a service code) and say how long the wait is.

    ``actor`` is :data:`console.queue.KIOSK_ACTOR` at the kiosk, or a staff member
    allowed to operate the queue.  ``appointment_at`` checks in an appointment
    (预约): from its slot time it goes ahead of walk-ins.  ``at`` is the moment of
    issue (default now; the demo uses it to build past days).
    """
    if not is_kiosk(actor):
        require(actor, "queue.operate")
    at = at or now()
    try:
        kind = Priority(priority or Priority.none)
    except ValueError:
        raise Invalid("queue.bad_priority", field="priority", priority=priority) from None
    id_number = normalize_id_number(id_number)
    svc: QueueService = resolve_service(session, actor, service, site, any_site=True)
    if not svc.active:
        raise Conflict("queue.service_inactive", service=svc.code)
    clock = at.time()
    if (svc.opens_at and clock < svc.opens_at) or (svc.closes_at and clock >= svc.closes_at):
        raise Conflict("queue.service_closed", service=svc.code,
                       opens=svc.opens_at.strftime("%H:%M") if svc.opens_at else "-",
                       closes=svc.closes_at.strftime("%H:%M") if svc.closes_at else "-")
    if appointment_at is not None and appointment_at.date() != at.date():
        raise Invalid("queue.appointment_other_day", field="appointment_at")
    day = at.date()
    if id_number:
        holder = session.scalar(select(Ticket.number).where(
            Ticket.service_id == svc.id, Ticket.id_number == id_number,
            Ticket.status == TicketStatus.waiting))
        if holder:
            raise Conflict("queue.already_waiting", service=svc.code, number=holder)
    seq = _allocate(session, svc.id, day)
    if (svc.daily_cap and seq > svc.daily_cap) or seq > 999:
        raise Conflict("queue.cap_reached", service=svc.code, cap=svc.daily_cap or 999)
    if kind is not Priority.none:
        rank, sort_at = RANK_PRIORITY, at
    elif appointment_at is not None:
        rank, sort_at = RANK_APPOINTMENT, appointment_at
    else:
        rank, sort_at = RANK_ORDINARY, at
    ticket = Ticket(
        site_id=svc.site_id, issued_service_id=svc.id, service_id=svc.id, day=day, seq=seq,
        number=ticket_number(svc.prefix, seq), status=TicketStatus.waiting, priority=kind, rank=rank,
        sort_at=sort_at, taken_at=at, slot_at=appointment_at, id_number=id_number, waiting_since=at,
        recalls=0, version=1,
    )
    session.add(ticket)
    try:
        session.flush()
    except IntegrityError as error:
        if "ux_queue_tickets_waiting_id_number" in str(error.orig) or "id_number" in str(error.orig):
            raise Conflict("queue.already_waiting", service=svc.code, number="-") from None
        raise
    add_events(session, [event(EventKind.waiting, at, svc.site_id, ticket_id=ticket.id, service_id=svc.id,
                               actor=actor, note=kind.value if kind is not Priority.none else "")])
    ahead = ahead_of(session, ticket.id)
    signal_change(session, svc.site_id)
    return TakenTicket(
        id=ticket.id, number=ticket.number, service=svc.code, service_name=svc.name, ahead=ahead,
        expected_wait_minutes=expected_wait(session, svc.id, ahead, day), taken_at=at,
        priority=kind.value, appointment_at=appointment_at,
    )
