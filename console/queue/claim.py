"""The atomic claim of call next (叫号), and the rows the call path reads and returns.

**Call next is one atomic claim.**  A single ``UPDATE … WHERE id = (SELECT … ORDER
BY rank, sort_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) AND status = 'waiting'
RETURNING …``: on PostgreSQL concurrent callers skip each other's locked rows, on
SQLite the caller's ``BEGIN IMMEDIATE`` already serializes writers.  The subquery
walks the partial index of waiting tickets (``status = 'waiting'`` is written as a
literal so that both planners can use it).  An empty SKIP LOCKED result is not
proof of an empty queue (a row may be locked by a transfer, a close-day or a
caller that will roll back), so an empty claim is followed by a plain existence
check, short retries, and finally a claim that waits for the lock.

The statements are tuned and covered by ``tests/test_queue_concurrency.py``; the
use cases that run them are in :mod:`console.queue.window`.
"""

from __future__ import annotations

import time as _time

from sqlalchemy import DateTime, Integer, and_, bindparam, case, literal_column, or_, select, update
from sqlalchemy.orm import Session

from models import direct
from models.prepared import Prepared
from models.org import Window
from models.queue import EventKind, QueueService, Ticket, queue_window_services

from console.queue.shared import TicketInfo, WindowRef, event, mask_id_number, minutes_between

T = Ticket.__table__
S = QueueService.__table__

#: literal predicates, so that the partial indexes apply to these statements
WAITING = T.c.status == literal_column("'waiting'")
ACTIVE = T.c.status.in_([literal_column("'called'"), literal_column("'serving'")])

#: SKIP LOCKED attempts before the claim waits for a locked row
CLAIM_RETRIES = 4


def service_codes(session: Session, ids) -> dict[int, tuple[str, str]]:
    """Service id → (code, name) of the services ``ids``."""
    return {r.id: (r.code, r.name) for r in session.execute(select(S.c.id, S.c.code, S.c.name).where(S.c.id.in_(ids)))}


def info_from_row(row, service: tuple[str, str], window_number: str | None) -> TicketInfo:
    """A :data:`RETURNING` row as a :class:`~console.queue.shared.TicketInfo` (resident ID masked)."""
    status, priority, called_at = row.status, row.priority, row.called_at
    return TicketInfo(  # positional, in the order of TicketInfo's fields (the call path builds one per call)
        row.id, row.number, service[0], service[1], status if type(status) is str else str(status.value),
        priority if type(priority) is str else str(priority.value), window_number,
        row.taken_at, row.waiting_since, called_at, row.serving_at, row.recalls, row.version,
        row.slot_at, mask_id_number(row.id_number), None,
        round(minutes_between(row.waiting_since, called_at), 1) if called_at else None,
    )


#: the ticket columns every window action returns
RETURNING = (T.c.id, T.c.number, T.c.service_id, T.c.status, T.c.priority, T.c.taken_at,
             T.c.waiting_since, T.c.called_at, T.c.serving_at, T.c.recalls, T.c.version, T.c.slot_at,
             T.c.id_number)


# The call path's statements are compiled once per dialect and run on the driver's cursor
# (:mod:`models.direct`), so a call costs little more than its statements.
_P_WINDOW = bindparam("p_window", type_=Integer())
_P_AT = bindparam("p_at", type_=DateTime())
WS = queue_window_services
WT = Window.__table__
#: checked inside the claim, so that a WindowRef a screen resolved earlier cannot go stale:
#: the window is open, and the ticket's service is (still) linked to it
_STILL_VALID = (
    select(WT.c.id).where(WT.c.id == _P_WINDOW, WT.c.status == literal_column("'open'")).exists(),
    select(WS.c.window_id).where(WS.c.window_id == _P_WINDOW, WS.c.service_id == T.c.service_id).exists(),
)


def _for_window(services: int):
    """The waiting tickets a window may call: its ``services`` services (``p_s0`` …), for it or any window."""
    return (WAITING, T.c.service_id.in_([bindparam(f"p_s{i}", type_=Integer()) for i in range(services)]),
            or_(T.c.target_window_id.is_(None), T.c.target_window_id == _P_WINDOW))


def _close_previous_stmt():
    limit = select(S.c.recall_limit).where(S.c.id == T.c.service_id).scalar_subquery()
    gave_up = and_(T.c.status == literal_column("'called'"), T.c.recalls >= limit)
    return (
        update(T).where(T.c.window_id == _P_WINDOW, ACTIVE)
        .values(status=case((gave_up, literal_column("'no_show'")), else_=literal_column("'finished'")),
                closed_at=_P_AT, version=T.c.version + 1)
        .returning(T.c.id, T.c.number, T.c.service_id, T.c.status)
    )


def _claim_stmt(services: int, *, eligible_now: bool, skip_locked: bool):
    sub = select(T.c.id).where(*_for_window(services), *_STILL_VALID)
    if eligible_now:
        sub = sub.where(T.c.sort_at <= _P_AT)
    sub = sub.order_by(T.c.rank, T.c.sort_at, T.c.id).limit(1).with_for_update(skip_locked=skip_locked)
    return (
        update(T).where(T.c.id == sub.scalar_subquery(), WAITING)
        .values(status=literal_column("'called'"), window_id=_P_WINDOW, called_at=_P_AT, serving_at=None,
                recalls=0, target_window_id=None, version=T.c.version + 1)
        .returning(*RETURNING)
    )


_CLOSE_PREVIOUS = Prepared(_close_previous_stmt())
_IS_PAUSED = Prepared(select(WT.c.status).where(WT.c.id == _P_WINDOW))
#: the claims and the existence check by the number of services a window serves (built when first needed)
_CLAIMS: dict[tuple[int, bool, bool], Prepared] = {}
_ANY_WAITING: dict[int, Prepared] = {}


def _claim_of(services: int, eligible_now: bool, skip_locked: bool) -> Prepared:
    key = (services, eligible_now, skip_locked)
    found = _CLAIMS.get(key)
    if found is None:
        found = _CLAIMS[key] = Prepared(_claim_stmt(services, eligible_now=eligible_now, skip_locked=skip_locked))
    return found


_SERVICE_NAMES = tuple(f"p_s{i}" for i in range(256))


def _params(w: WindowRef, at=None) -> dict:
    ids = w.service_ids
    names = _SERVICE_NAMES if len(ids) <= len(_SERVICE_NAMES) else [f"p_s{i}" for i in range(len(ids))]
    values = dict(zip(names, ids))
    values["p_window"] = w.id
    if at is not None:
        values["p_at"] = at
    return values


def close_previous(session: Session, w: WindowRef, at, actor) -> tuple[list[dict], object | None]:
    """Close the window's called/serving ticket: finished, or no-show once its recalls ran out."""
    row = direct.first(session, _CLOSE_PREVIOUS, {"p_window": w.id, "p_at": at})
    if row is None:
        return [], None
    kind = EventKind.no_show if row.status == "no_show" else EventKind.finished  # its text (or a str enum)
    return [event(kind, at, w.site_id, ticket_id=row.id, service_id=row.service_id, window_id=w.id,
                  actor=actor, note="next")], row


def _claim(session: Session, w: WindowRef, at, *, eligible_now: bool, skip_locked: bool):
    return direct.first(session, _claim_of(len(w.service_ids), eligible_now, skip_locked), _params(w, at))


def _anything_waiting(session: Session, w: WindowRef) -> bool:
    count = len(w.service_ids)
    found = _ANY_WAITING.get(count)
    if found is None:
        found = _ANY_WAITING[count] = Prepared(select(T.c.id).where(*_for_window(count), *_STILL_VALID).limit(1))
    return direct.first(session, found, _params(w)) is not None


def paused_now(session: Session, w: WindowRef) -> bool:
    """True when the window is paused now (read in the calling transaction)."""
    status = direct.scalar(session, _IS_PAUSED, {"p_window": w.id})
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
    postgres = direct.dialect_name(session) == "postgresql"
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

