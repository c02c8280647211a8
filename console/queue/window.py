"""What a window does with the queue: call next (叫号), call a number out of order, recall (重呼),
no-show (过号), start serving, finish, hand on (多窗联办), transfer (转移), pause and resume.

**Call next is one atomic claim.**  A single ``UPDATE … WHERE id = (SELECT … ORDER
BY rank, sort_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) AND status = 'waiting'
RETURNING …``: on PostgreSQL concurrent callers skip each other's locked rows, on
SQLite the caller's ``BEGIN IMMEDIATE`` already serializes writers.  The subquery
walks the partial index of waiting tickets (``status = 'waiting'`` is written as a
literal so that both planners can use it).  An empty SKIP LOCKED result is not
proof of an empty queue (a row may be locked by a transfer, a close-day or a
caller that will roll back), so an empty claim is followed by a plain existence
check, short retries, and finally a claim that waits for the lock.

**Acting on the current ticket** (recall, transfer, …) reads it and then updates
it with its state *and* version in the ``WHERE``: when two clerks act at once,
one update matches and the other finds nothing and gets :class:`Conflict`.  A
screen passes the ``expected_version`` it showed, so an action is never applied
to a ticket that changed since.

Calls are not audited (the audit head lock would serialize every window); their
append-only ticket events name the clerk.  Out-of-order calls, pause and resume
are audited.
"""

from __future__ import annotations

import time as _time
from dataclasses import asdict, dataclass

from sqlalchemy import DateTime, Integer, and_, bindparam, case, literal_column, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.base import now
from models.org import Window, WindowStatus
from models.queue import (
    RANK_TRANSFER,
    queue_window_services,
    EventKind,
    QueueService,
    Ticket,
)

from console.core import audit
from console.core.errors import Conflict, Invalid, NotFound
from console.core.permissions import require
from console.queue.shared import (
    TicketInfo,
    WindowRef,
    add_events,
    event,
    mask_id_number,
    minutes_between,
    resolve_service,
    resolve_window,
    signal_change,
)

T = Ticket.__table__
S = QueueService.__table__

#: literal predicates, so that the partial indexes apply to these statements
WAITING = T.c.status == literal_column("'waiting'")
ACTIVE = T.c.status.in_([literal_column("'called'"), literal_column("'serving'")])

#: SKIP LOCKED attempts before the claim waits for a locked row
CLAIM_RETRIES = 4


@dataclass(frozen=True)
class CallResult:
    """The outcome of a call: the number called (``None`` when nobody waits) and what it closed."""

    window: str
    number: str | None
    ticket: TicketInfo | None = None
    #: the window's previous ticket, closed by this call (``finished`` or ``no_show``)
    closed_number: str | None = None
    closed_status: str | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["ticket"] = self.ticket.as_dict() if self.ticket else None
        return data


@dataclass(frozen=True)
class ActionResult:
    """The ticket after a window action (recall, serve, finish, no-show, transfer, hand-on)."""

    window: str
    number: str
    status: str
    service: str
    version: int
    recalls: int = 0
    #: the recall limit was reached and the ticket became a no-show by itself
    auto_no_show: bool = False
    #: where a transfer or hand-on sent it
    to_service: str | None = None
    to_window: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _operate(session: Session, actor, window, site) -> WindowRef:
    require(actor, "queue.operate")
    return resolve_window(session, actor, window, site)


def _service_codes(session: Session, ids) -> dict[int, tuple[str, str]]:
    return {r.id: (r.code, r.name) for r in session.execute(select(S.c.id, S.c.code, S.c.name).where(S.c.id.in_(ids)))}


def _info_from_row(row, service: tuple[str, str], window_number: str | None) -> TicketInfo:
    return TicketInfo(
        id=row.id, number=row.number, service=service[0], service_name=service[1],
        status=str(getattr(row.status, "value", row.status)),
        priority=str(getattr(row.priority, "value", row.priority)), window=window_number,
        taken_at=row.taken_at, waiting_since=row.waiting_since, called_at=row.called_at,
        serving_at=row.serving_at, recalls=row.recalls, version=row.version,
        appointment_at=row.slot_at, id_number=mask_id_number(row.id_number),
        waited_minutes=(round(minutes_between(row.waiting_since, row.called_at), 1)
                        if row.called_at else None),
    )


_RETURNING = (T.c.id, T.c.number, T.c.service_id, T.c.status, T.c.priority, T.c.taken_at,
              T.c.waiting_since, T.c.called_at, T.c.serving_at, T.c.recalls, T.c.version, T.c.slot_at,
              T.c.id_number)

# The call path's statements are built once: a statement object keeps its cache key
# and compiled form, so a call costs only its round trips.
_P_WINDOW = bindparam("p_window", type_=Integer())
_P_AT = bindparam("p_at", type_=DateTime())
_P_SERVICES = bindparam("p_services", type_=Integer(), expanding=True)
_FOR_WINDOW = (WAITING, T.c.service_id.in_(_P_SERVICES),
               or_(T.c.target_window_id.is_(None), T.c.target_window_id == _P_WINDOW))
WS = queue_window_services
WT = Window.__table__
#: checked inside the claim, so that a WindowRef a screen resolved earlier cannot go stale:
#: the window is open, and the ticket's service is (still) linked to it
_STILL_VALID = (
    select(WT.c.id).where(WT.c.id == _P_WINDOW, WT.c.status == literal_column("'open'")).exists(),
    select(WS.c.window_id).where(WS.c.window_id == _P_WINDOW, WS.c.service_id == T.c.service_id).exists(),
)


def _close_previous_stmt():
    limit = select(S.c.recall_limit).where(S.c.id == T.c.service_id).scalar_subquery()
    gave_up = and_(T.c.status == literal_column("'called'"), T.c.recalls >= limit)
    return (
        update(T).where(T.c.window_id == _P_WINDOW, ACTIVE)
        .values(status=case((gave_up, literal_column("'no_show'")), else_=literal_column("'finished'")),
                closed_at=_P_AT, version=T.c.version + 1)
        .returning(T.c.id, T.c.number, T.c.service_id, T.c.status)
    )


def _claim_stmt(*, eligible_now: bool, skip_locked: bool):
    sub = select(T.c.id).where(*_FOR_WINDOW, *_STILL_VALID)
    if eligible_now:
        sub = sub.where(T.c.sort_at <= _P_AT)
    sub = sub.order_by(T.c.rank, T.c.sort_at, T.c.id).limit(1).with_for_update(skip_locked=skip_locked)
    return (
        update(T).where(T.c.id == sub.scalar_subquery(), WAITING)
        .values(status=literal_column("'called'"), window_id=_P_WINDOW, called_at=_P_AT, serving_at=None,
                recalls=0, target_window_id=None, version=T.c.version + 1)
        .returning(*_RETURNING)
    )


_CLOSE_PREVIOUS = _close_previous_stmt()
_CLAIMS = {(e, k): _claim_stmt(eligible_now=e, skip_locked=k) for e in (True, False) for k in (True, False)}
_ANY_WAITING = select(T.c.id).where(*_FOR_WINDOW, *_STILL_VALID).limit(1)
_IS_PAUSED = select(WT.c.status).where(WT.c.id == _P_WINDOW)


def _close_previous(session: Session, actor, w: WindowRef, at) -> tuple[list[dict], object | None]:
    """Close the window's called/serving ticket: finished, or no-show once its recalls ran out."""
    row = session.connection().execute(_CLOSE_PREVIOUS, {"p_window": w.id, "p_at": at}).first()
    if row is None:
        return [], None
    kind = EventKind.no_show if str(getattr(row.status, "value", row.status)) == "no_show" else EventKind.finished
    return [event(kind, at, w.site_id, ticket_id=row.id, service_id=row.service_id, window_id=w.id,
                  actor=actor, note="next")], row


def _claim(session: Session, w: WindowRef, at, *, eligible_now: bool, skip_locked: bool):
    return session.connection().execute(
        _CLAIMS[(eligible_now, skip_locked)],
        {"p_window": w.id, "p_at": at, "p_services": list(w.service_ids)},
    ).first()


def _anything_waiting(session: Session, w: WindowRef) -> bool:
    return session.connection().execute(
        _ANY_WAITING, {"p_window": w.id, "p_services": list(w.service_ids)}).first() is not None


def _paused_now(session: Session, w: WindowRef) -> bool:
    status = session.connection().execute(_IS_PAUSED, {"p_window": w.id}).scalar()
    return str(getattr(status, "value", status)) == "paused"


def claim_next(session: Session, w: WindowRef, at):
    """The atomic claim with its retries: the claimed row, or ``None`` when nobody waits.

    First the tickets eligible now (appointments only from their slot time);
    when none is free, whether anything waits at all; then any waiting ticket
    (an early appointment beats an idle window), retrying past locked rows and
    finally waiting for a lock rather than reporting an empty queue that is not.
    """
    row = _claim(session, w, at, eligible_now=True, skip_locked=True)
    if row is not None:
        return row
    postgres = session.get_bind().dialect.name == "postgresql"
    for attempt in range(CLAIM_RETRIES + 1):
        if not _anything_waiting(session, w):
            return None
        last = attempt == CLAIM_RETRIES
        row = _claim(session, w, at, eligible_now=False, skip_locked=not last)
        if row is not None or not postgres:
            return row
        if not last:
            _time.sleep(0.002 * (attempt + 1))
    return None


def call_next(session: Session, actor, window: WindowRef | str | int | None = None, *,
              site: str | None = None) -> CallResult:
    """Call the next ticket for the services the window serves (by priority, then time).

    The window's previous ticket is closed first (finished; no-show once its recalls
    ran out).  ``number`` is ``None`` when nobody waits.  A screen may pass the
    :class:`~console.queue.shared.WindowRef` it resolved once (``resolve_window`` in a read
    transaction): the claim itself re-checks that the window is open and still
    serves the ticket's service, so the write transaction runs only the claim's
    own statements.
    """
    if isinstance(window, WindowRef):
        require(actor, "queue.operate")
        w = window
    else:
        w = _operate(session, actor, window, site)
        if w.paused:
            raise Conflict("queue.window_paused", window=w.number)
    if not w.service_ids:
        raise Invalid("queue.window_no_services", field="window", window=w.number)
    at = now()
    events, closed = _close_previous(session, actor, w, at)
    row = claim_next(session, w, at)
    if row is None and _paused_now(session, w):
        raise Conflict("queue.window_paused", window=w.number)
    info = None
    if row is not None:
        events.append(event(EventKind.called, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                            window_id=w.id, actor=actor))
        info = _info_from_row(row, w.services[row.service_id], w.number)
    add_events(session, events)
    if events:
        signal_change(session, w.site_id)
    return CallResult(
        window=w.number, number=info.number if info else None, ticket=info,
        closed_number=closed.number if closed is not None else None,
        closed_status=str(getattr(closed.status, "value", closed.status)) if closed is not None else None,
    )


def call_number(session: Session, actor, number: str, reason: str, window: str | int | None = None, *,
                site: str | None = None) -> CallResult:
    """Call a given waiting number out of order, for a reason (audited)."""
    w = _operate(session, actor, window, site)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("queue.reason_required", field="reason")
    if w.paused:
        raise Conflict("queue.window_paused", window=w.number)
    at = now()
    number = number.strip().upper()
    target = session.execute(
        select(T.c.id, T.c.status, T.c.service_id, T.c.version)
        .where(T.c.site_id == w.site_id, T.c.day == at.date(), T.c.number == number)
    ).first()
    if target is None:
        raise NotFound("queue.ticket_not_found", number=number)
    if target.service_id not in w.service_ids:
        raise Invalid("queue.not_this_window", field="number", number=number, window=w.number)
    if str(getattr(target.status, "value", target.status)) != "waiting":
        raise Conflict("queue.not_waiting", number=number)
    events, closed = _close_previous(session, actor, w, at)
    row = session.execute(
        update(T).where(T.c.id == target.id, WAITING, T.c.version == target.version)
        .values(status=literal_column("'called'"), window_id=w.id, called_at=at, serving_at=None, recalls=0,
                target_window_id=None, version=T.c.version + 1)
        .returning(*_RETURNING)
    ).first()
    if row is None:
        raise Conflict("queue.ticket_changed", number=number)
    events.append(event(EventKind.called, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                        window_id=w.id, actor=actor, note=reason))
    add_events(session, events)
    audit.record(session, actor, "queue.called_out_of_order", "ticket", row.id,
                 {"number": row.number, "window": w.number, "reason": reason})
    signal_change(session, w.site_id)
    info = _info_from_row(row, _service_codes(session, [row.service_id])[row.service_id], w.number)
    return CallResult(window=w.number, number=row.number, ticket=info,
                      closed_number=closed.number if closed is not None else None,
                      closed_status=str(getattr(closed.status, "value", closed.status)) if closed is not None else None)


def current_ticket(session: Session, actor, window: str | int | None = None, *,
                   site: str | None = None) -> TicketInfo | None:
    """The ticket called or being served at the window, or ``None``."""
    require(actor, "queue.read")
    w = resolve_window(session, actor, window, site)
    row = session.execute(select(*_RETURNING).where(T.c.window_id == w.id, ACTIVE)).first()
    if row is None:
        return None
    return _with_target(session, row, w.number)


def _with_target(session: Session, row, window_number: str | None) -> TicketInfo:
    svc = session.execute(select(S.c.code, S.c.name, S.c.max_wait_minutes, S.c.max_service_minutes)
                          .where(S.c.id == row.service_id)).one()
    info = _info_from_row(row, (svc.code, svc.name), window_number)
    flag = over_target(info, svc.max_wait_minutes, svc.max_service_minutes, now())
    return TicketInfo(**{**asdict(info), "over_target": flag})


def over_target(info: TicketInfo, max_wait: int | None, max_service: int | None, at) -> str | None:
    """``"wait"`` when the ticket waited (or waits) past the target, ``"service"`` when served too long."""
    if info.status == "waiting":
        if max_wait and minutes_between(info.waiting_since, at) > max_wait:
            return "wait"
        return None
    if info.called_at and max_wait and minutes_between(info.waiting_since, info.called_at) > max_wait:
        return "wait"
    if info.status in ("called", "serving") and max_service:
        start = info.serving_at or info.called_at
        if start and minutes_between(start, at) > max_service:
            return "service"
    return None


def _current_row(session: Session, w: WindowRef, ticket: int | None, statuses: tuple[str, ...]):
    stmt = select(*_RETURNING, T.c.window_id).where(T.c.window_id == w.id, ACTIVE)
    if ticket is not None:
        stmt = stmt.where(T.c.id == ticket)
    row = session.execute(stmt).first()
    if row is None:
        if ticket is not None:
            raise Conflict("queue.ticket_changed", number=ticket)
        raise Conflict("queue.no_current_ticket", window=w.number)
    status = str(getattr(row.status, "value", row.status))
    if status not in statuses:
        raise Conflict("queue.wrong_state", number=row.number, status=status)
    return row


def _apply(session: Session, row, w: WindowRef, statuses: tuple[str, ...], expected_version: int | None,
           values: dict):
    """Update the current ticket only if its state and version are still what we read."""
    version = row.version if expected_version is None else expected_version
    stmt = (
        update(T)
        .where(T.c.id == row.id, T.c.window_id == w.id, T.c.version == version,
               T.c.status.in_([literal_column(f"'{s}'") for s in statuses]))
        .values(version=T.c.version + 1, **values)
        .returning(*_RETURNING)
    )
    try:
        updated = session.execute(stmt).first()
    except IntegrityError:
        raise Conflict("queue.already_waiting_there", number=row.number) from None
    if updated is None:
        raise Conflict("queue.ticket_changed", number=row.number)
    return updated


def _result(session: Session, row, w: WindowRef, **extra) -> ActionResult:
    code = _service_codes(session, [row.service_id])[row.service_id][0]
    return ActionResult(window=w.number, number=row.number, status=str(getattr(row.status, "value", row.status)),
                        service=code, version=row.version, recalls=row.recalls, **extra)


def recall(session: Session, actor, window: str | int | None = None, *, ticket: int | None = None,
           expected_version: int | None = None, site: str | None = None) -> ActionResult:
    """Call the current ticket again; once its recalls are used up it becomes a no-show by itself."""
    w = _operate(session, actor, window, site)
    row = _current_row(session, w, ticket, ("called",))
    limit = session.scalar(select(S.c.recall_limit).where(S.c.id == row.service_id))
    at = now()
    if row.recalls >= limit:
        updated = _apply(session, row, w, ("called",), expected_version,
                         {"status": literal_column("'no_show'"), "closed_at": at})
        add_events(session, [event(EventKind.no_show, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                                   window_id=w.id, actor=actor, note="recall-limit")])
        signal_change(session, w.site_id)
        return _result(session, updated, w, auto_no_show=True)
    updated = _apply(session, row, w, ("called",), expected_version, {"recalls": T.c.recalls + 1})
    add_events(session, [event(EventKind.recalled, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                               window_id=w.id, actor=actor, note=str(row.recalls + 1))])
    signal_change(session, w.site_id)
    return _result(session, updated, w)


def no_show(session: Session, actor, window: str | int | None = None, *, ticket: int | None = None,
            expected_version: int | None = None, site: str | None = None) -> ActionResult:
    """Mark the called ticket as not having come (过号)."""
    w = _operate(session, actor, window, site)
    row = _current_row(session, w, ticket, ("called",))
    at = now()
    updated = _apply(session, row, w, ("called",), expected_version,
                     {"status": literal_column("'no_show'"), "closed_at": at})
    add_events(session, [event(EventKind.no_show, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                               window_id=w.id, actor=actor)])
    signal_change(session, w.site_id)
    return _result(session, updated, w)


def start_serving(session: Session, actor, window: str | int | None = None, *, ticket: int | None = None,
                  expected_version: int | None = None, site: str | None = None) -> ActionResult:
    """The applicant has come to the window: serving starts."""
    w = _operate(session, actor, window, site)
    row = _current_row(session, w, ticket, ("called",))
    at = now()
    updated = _apply(session, row, w, ("called",), expected_version,
                     {"status": literal_column("'serving'"), "serving_at": at})
    add_events(session, [event(EventKind.serving, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                               window_id=w.id, actor=actor)])
    signal_change(session, w.site_id)
    return _result(session, updated, w)


def finish(session: Session, actor, window: str | int | None = None, *, ticket: int | None = None,
           expected_version: int | None = None, site: str | None = None) -> ActionResult:
    """The applicant is done at this window."""
    w = _operate(session, actor, window, site)
    row = _current_row(session, w, ticket, ("called", "serving"))
    at = now()
    updated = _apply(session, row, w, ("called", "serving"), expected_version,
                     {"status": literal_column("'finished'"), "closed_at": at})
    add_events(session, [event(EventKind.finished, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                               window_id=w.id, actor=actor)])
    signal_change(session, w.site_id)
    return _result(session, updated, w)


def _send_back(session: Session, actor, w: WindowRef, row, expected_version: int | None, *,
               service_id: int, target_window_id: int | None, events: list[dict], note: str):
    """Put the ticket back in the queue of another service/window, keeping its original time."""
    at = now()
    rank = case((T.c.rank < RANK_TRANSFER, T.c.rank), else_=RANK_TRANSFER)
    updated = _apply(session, row, w, ("called", "serving"), expected_version, {
        "status": literal_column("'waiting'"), "service_id": service_id, "rank": rank,
        "sort_at": T.c.taken_at, "waiting_since": at, "called_at": None, "serving_at": None,
        "recalls": 0, "target_window_id": target_window_id,
    })
    events.append(event(EventKind.transferred, at, w.site_id, ticket_id=row.id, service_id=service_id,
                        window_id=w.id, actor=actor, note=note))
    add_events(session, events)
    signal_change(session, w.site_id)
    return updated


def transfer(session: Session, actor, window: str | int | None = None, *, to_service: str | None = None,
             to_window: str | None = None, ticket: int | None = None, expected_version: int | None = None,
             site: str | None = None) -> ActionResult:
    """Send the current ticket to another service and/or window (转移).

    It keeps its original time and goes ahead of ordinary tickets there.  To a
    window: only that window calls it; the service stays when the window serves
    it, else becomes the window's first service.
    """
    w = _operate(session, actor, window, site)
    if not to_service and not to_window:
        raise Invalid("queue.transfer_target_required", field="to")
    row = _current_row(session, w, ticket, ("called", "serving"))
    target_window = None
    if to_window:
        target_window = resolve_window(session, actor, to_window, w.site_id)
        if target_window.site_id != w.site_id:
            raise Invalid("queue.other_site", field="to_window")
    if to_service:
        service_id = resolve_service(session, actor, to_service, w.site_id).id
        if target_window is not None and service_id not in target_window.service_ids:
            raise Invalid("queue.window_not_serving", field="to_window",
                          window=target_window.number, service=to_service)
    elif target_window is not None:
        if row.service_id in target_window.service_ids:
            service_id = row.service_id
        elif target_window.service_ids:
            service_id = target_window.service_ids[0]
        else:
            raise Invalid("queue.window_no_services", field="to_window", window=target_window.number)
    if target_window is not None and target_window.id == w.id and service_id == row.service_id:
        raise Invalid("queue.transfer_to_self", field="to")
    svc_code = _service_codes(session, [service_id])[service_id][0]
    updated = _send_back(session, actor, w, row, expected_version, service_id=service_id,
                         target_window_id=target_window.id if target_window else None, events=[],
                         note=f"{svc_code}/{target_window.number}" if target_window else svc_code)
    return _result(session, updated, w, to_service=svc_code,
                   to_window=target_window.number if target_window else None)


def hand_on(session: Session, actor, window: str | int | None = None, *, to_service: str | None = None,
            ticket: int | None = None, expected_version: int | None = None,
            site: str | None = None) -> ActionResult:
    """Finish here and hand the ticket on to the next linked business without queuing again (多窗联办).

    The next business is ``to_service`` or the service's configured next service.
    """
    w = _operate(session, actor, window, site)
    row = _current_row(session, w, ticket, ("called", "serving"))
    if to_service:
        service_id = resolve_service(session, actor, to_service, w.site_id).id
    else:
        service_id = session.scalar(select(S.c.next_service_id).where(S.c.id == row.service_id))
        if service_id is None:
            raise Invalid("queue.no_linked_service", field="to_service", number=row.number)
    if service_id == row.service_id:
        raise Invalid("queue.transfer_to_self", field="to_service")
    svc_code = _service_codes(session, [service_id])[service_id][0]
    at = now()
    finished = [event(EventKind.finished, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                      window_id=w.id, actor=actor, note="hand-on")]
    updated = _send_back(session, actor, w, row, expected_version, service_id=service_id, target_window_id=None,
                         events=finished, note=f"hand-on {svc_code}")
    return _result(session, updated, w, to_service=svc_code)


def _set_paused(session: Session, actor, window, site, paused: bool) -> WindowRef:
    w = _operate(session, actor, window, site)
    want = WindowStatus.paused if paused else WindowStatus.open
    other = WindowStatus.open if paused else WindowStatus.paused
    done = session.execute(
        update(Window.__table__).where(Window.__table__.c.id == w.id, Window.__table__.c.status == other.value)
        .values(status=want.value)
    ).rowcount
    if not done:
        raise Conflict("queue.already_paused" if paused else "queue.not_paused", window=w.number)
    at = now()
    add_events(session, [event(EventKind.paused if paused else EventKind.resumed, at, w.site_id,
                               window_id=w.id, actor=actor)])
    audit.record(session, actor, "queue.window_paused" if paused else "queue.window_resumed", "window",
                 w.id, {"window": w.number})
    signal_change(session, w.site_id)
    return w


def pause(session: Session, actor, window: str | int | None = None, *, site: str | None = None) -> str:
    """Stop calling at the window (a break, a meeting); returns the window number."""
    return _set_paused(session, actor, window, site, True).number


def resume(session: Session, actor, window: str | int | None = None, *, site: str | None = None) -> str:
    """Open the window again; returns the window number."""
    return _set_paused(session, actor, window, site, False).number


def window_queue(session: Session, actor, window: str | int | None = None, *, site: str | None = None,
                 limit: int = 200) -> list[TicketInfo]:
    """What is waiting for this window, in the order it will be called, flagged past target."""
    require(actor, "queue.read")
    w = resolve_window(session, actor, window, site)
    if not w.service_ids:
        return []
    at = now()
    rows = session.execute(
        select(*_RETURNING)
        .where(WAITING, T.c.service_id.in_(w.service_ids),
               or_(T.c.target_window_id.is_(None), T.c.target_window_id == w.id))
        .order_by(case((T.c.sort_at > at, 1), else_=0), T.c.rank, T.c.sort_at, T.c.id)
        .limit(limit)
    ).all()
    services = {r.id: r for r in session.execute(
        select(S.c.id, S.c.code, S.c.name, S.c.max_wait_minutes, S.c.max_service_minutes)
        .where(S.c.id.in_(w.service_ids)))}
    out = []
    for row in rows:
        svc = services[row.service_id]
        info = _info_from_row(row, (svc.code, svc.name), None)
        out.append(TicketInfo(**{**asdict(info), "waited_minutes": round(minutes_between(row.waiting_since, at), 1),
                                 "over_target": over_target(info, svc.max_wait_minutes,
                                                            svc.max_service_minutes, at)}))
    return out


def find_ticket(session: Session, actor, number: str, *, day=None, site: str | None = None) -> TicketInfo:
    """A ticket of the day by its number."""
    from console.queue.shared import resolve_site_id

    require(actor, "queue.read")
    site_id = resolve_site_id(session, actor, site)
    day = day or now().date()
    row = session.execute(select(*_RETURNING, T.c.window_id).where(
        T.c.site_id == site_id, T.c.day == day, T.c.number == number.strip().upper())).first()
    if row is None:
        raise NotFound("queue.ticket_not_found", number=number)
    number_of_window = None
    if row.window_id:
        number_of_window = session.scalar(select(Window.number).where(Window.id == row.window_id))
    return _with_target(session, row, number_of_window)
