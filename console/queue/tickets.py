"""Taking a ticket (取号): at the kiosk with no log-in (public), or by a clerk for an applicant.

The number is allocated race-free: one ``INSERT … ON CONFLICT DO UPDATE …
RETURNING`` on the per-service, per-day counter row, which both engines run
atomically (PostgreSQL locks the row; SQLite writes under ``BEGIN IMMEDIATE``).
A daily cap beyond that number rolls the whole transaction back, counter
included.  "One waiting ticket per resident ID and service" is a partial unique
index; the read before it only gives the nicer message.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Date, DateTime, Integer, String, and_, bindparam, func, insert, literal_column, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

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
from models.org import Window

from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import PUBLIC, use_case
from console.queue.shared import (
    DEFAULT_SERVICE_MINUTES,
    add_events,
    ceil_minutes,
    event,
    resolve_site_id,
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


def normalize_id_number(value: str | None, *, today: date) -> str | None:
    """A valid 18-character resident ID, upper-cased, by the same rules as ``hall check id``
    (:func:`console.core.personal.validate_resident_id`); :class:`Invalid` naming the fault otherwise."""
    if value is None or not value.strip():
        return None
    from console.core.personal import validate_resident_id

    return validate_resident_id(value, today=today, field="id_number").number


T = Ticket.__table__
S = QueueService.__table__
C = QueueCounter.__table__
WT = Window.__table__
_WS = queue_window_services

# The kiosk path's statements are built once (see console.queue.claim).
_P_SERVICE = bindparam("p_service", type_=Integer())
_P_DAY = bindparam("p_day", type_=Date())


def _allocate_stmt(dialect: str):
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(C).values(service_id=_P_SERVICE, day=_P_DAY, last_seq=1)
    return stmt.on_conflict_do_update(
        index_elements=[C.c.service_id, C.c.day], set_={"last_seq": C.c.last_seq + 1},
    ).returning(C.c.last_seq)


_ALLOCATE = {name: _allocate_stmt(name) for name in ("postgresql", "sqlite")}
#: one waiting ticket per resident ID per site and day (whatever the service)
_HOLDER = select(T.c.number).where(
    T.c.site_id == bindparam("p_site", type_=Integer()), T.c.day == _P_DAY,
    T.c.id_number == bindparam("p_id_number", type_=String()), T.c.status == literal_column("'waiting'"))
_INSERT_TICKET = insert(T).returning(T.c.id)
_RECENT = (
    select(T.c.called_at, T.c.closed_at)
    .where(T.c.service_id == _P_SERVICE, T.c.day >= _P_DAY, T.c.status == literal_column("'finished'"),
           T.c.called_at.is_not(None))
    .order_by(T.c.closed_at.desc()).limit(RECENT_SAMPLE)
)
_OPEN_WINDOWS = (
    select(func.count()).select_from(_WS).join(WT, WT.c.id == _WS.c.window_id)
    .where(_WS.c.service_id == _P_SERVICE, WT.c.active.is_(True), WT.c.status == literal_column("'open'"))
)
_P_RANK = bindparam("p_rank", type_=Integer())
_P_SORT = bindparam("p_sort", type_=DateTime())
_P_ID = bindparam("p_id", type_=Integer())
_AHEAD = select(func.count()).select_from(T).where(
    T.c.service_id == _P_SERVICE, T.c.status == literal_column("'waiting'"),
    or_(T.c.rank < _P_RANK,
        and_(T.c.rank == _P_RANK, or_(T.c.sort_at < _P_SORT, and_(T.c.sort_at == _P_SORT, T.c.id < _P_ID)))))
_ME = select(T.c.service_id, T.c.rank, T.c.sort_at).where(T.c.id == _P_ID)


_SERVICE_BY_CODE = select(S).where(S.c.code == bindparam("p_code", type_=String())).limit(5)


def _service_for_ticket(ctx: Context, code: str, site: str | None):
    """The service row (Core) a ticket is taken for: at ``site``, or wherever the code is unique."""
    session = ctx.session
    rows = session.connection().execute(_SERVICE_BY_CODE, {"p_code": code.strip()}).all()
    if site or len(rows) > 1:
        site_id = resolve_site_id(session, site, actor=ctx.actor)
        rows = [r for r in rows if r.site_id == site_id]
    if not rows:
        raise NotFound("queue.service_not_found", service=code)
    return rows[0]


def _allocate(session: Session, service_id: int, day) -> int:
    """The next sequence number of the service for the day, atomically."""
    conn = session.connection()
    return conn.execute(_ALLOCATE[conn.dialect.name], {"p_service": service_id, "p_day": day}).scalar_one()


def _mean_service_minutes(session: Session, service_id: int, day) -> float:
    """Mean minutes per applicant over the service's recent finished tickets."""
    rows = session.connection().execute(
        _RECENT, {"p_service": service_id, "p_day": day - timedelta(days=RECENT_DAYS)}).all()
    spans = [(r.closed_at - r.called_at).total_seconds() / 60 for r in rows if r.closed_at and r.called_at]
    spans = [s for s in spans if s >= 0]
    if not spans:
        return float(DEFAULT_SERVICE_MINUTES)
    return max(0.5, sum(spans) / len(spans))


def _open_windows(session: Session, service_id: int) -> int:
    return session.connection().execute(_OPEN_WINDOWS, {"p_service": service_id}).scalar() or 0


def ahead_of(session: Session, ticket_id: int, me=None) -> int:
    """Waiting tickets of the same service that will be called before this one."""
    conn = session.connection()
    if me is None:
        me = conn.execute(_ME, {"p_id": ticket_id}).one()
        me = (me.service_id, me.rank, me.sort_at)
    service_id, rank, sort_at = me
    return conn.execute(_AHEAD, {"p_service": service_id, "p_rank": rank, "p_sort": sort_at,
                                 "p_id": ticket_id}).scalar() or 0


def expected_wait(session: Session, service_id: int, ahead: int, day) -> int:
    """Minutes until the ticket is likely called: people ahead × recent service time ÷ open windows."""
    if ahead <= 0:
        return 0
    windows = max(1, _open_windows(session, service_id))
    return ceil_minutes(ahead * _mean_service_minutes(session, service_id, day) / windows)


@use_case(PUBLIC, write=True, unaudited="tickets keep their own append-only events")
def take_ticket(ctx: Context, service: str, *, priority: Priority | str | None = None,
                id_number: str | None = None, appointment_at: datetime | time | None = None,
                site: str | None = None, at: datetime | None = None) -> TakenTicket:
    """Issue the next number of ``service`` (a service code) and say how long the wait is.

    Nobody logs in at the kiosk (the public scope); a logged-in staff member
    issuing one for an applicant needs ``queue.operate``.  ``appointment_at``
    checks in an appointment (预约; a time of day is one of the ticket's day):
    from its slot time it goes ahead of walk-ins.  ``at`` is the moment of issue
    (default now; the demo uses it to build past days).
    """
    if ctx.actor is not None:
        ctx.require("queue.operate")
    session, actor = ctx.session, ctx.actor
    at = at or ctx.now()
    if isinstance(appointment_at, time):
        appointment_at = datetime.combine(at.date(), appointment_at)
    try:
        kind = Priority(priority or Priority.none)
    except ValueError:
        raise Invalid("queue.bad_priority", field="priority", priority=priority) from None
    id_number = normalize_id_number(id_number, today=at.date())
    svc = _service_for_ticket(ctx, service, site)
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
        holder = session.connection().execute(
            _HOLDER, {"p_site": svc.site_id, "p_day": at.date(), "p_id_number": id_number}).scalar()
        if holder:
            raise Conflict("law.already_waiting_here", number=holder)
    seq = _allocate(session, svc.id, day)
    if (svc.daily_cap and seq > svc.daily_cap) or seq > 999:
        raise Conflict("queue.cap_reached", service=svc.code, cap=svc.daily_cap or 999)
    if kind is not Priority.none:
        rank, sort_at = RANK_PRIORITY, at
    elif appointment_at is not None:
        rank, sort_at = RANK_APPOINTMENT, appointment_at
    else:
        rank, sort_at = RANK_ORDINARY, at
    number = ticket_number(svc.prefix, seq)
    try:
        ticket_id = session.connection().execute(_INSERT_TICKET, {
            "site_id": svc.site_id, "issued_service_id": svc.id, "service_id": svc.id, "day": day, "seq": seq,
            "number": number, "status": TicketStatus.waiting, "priority": kind, "rank": rank,
            "sort_at": sort_at, "taken_at": at, "slot_at": appointment_at, "id_number": id_number,
            "waiting_since": at, "recalls": 0, "version": 1,
        }).scalar_one()
    except IntegrityError as error:
        if "id_number" in str(error.orig):
            raise Conflict("law.already_waiting_here", number="-") from None
        raise
    add_events(session, [event(EventKind.waiting, at, svc.site_id, ticket_id=ticket_id, service_id=svc.id,
                               actor=actor, note=kind.value if kind is not Priority.none else "")])
    ahead = ahead_of(session, ticket_id, (svc.id, rank, sort_at))
    signal_change(session, svc.site_id)
    return TakenTicket(
        id=ticket_id, number=number, service=svc.code, service_name=svc.name, ahead=ahead,
        expected_wait_minutes=expected_wait(session, svc.id, ahead, day), taken_at=at,
        priority=kind.value, appointment_at=appointment_at,
    )
