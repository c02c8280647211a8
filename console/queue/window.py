"""Calling at a window: call next (叫号), call a number out of order, pause and resume, and what
the window sees (its current ticket, what waits for it, a ticket of the day).

Call next is one atomic claim (:mod:`console.queue.claim`).  What a window then
does with the called ticket — recall (重呼), no-show (过号), start serving,
finish, hand on (多窗联办), transfer (转移) — is :mod:`console.queue.actions`
(re-exported here, where other parts import them from).

Calls are not audited (the audit head lock would serialize every window); their
append-only ticket events name the clerk.  Out-of-order calls, pause and resume
are audited.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import case, literal_column, or_, select, update

from models.org import Window, WindowStatus
from models.queue import EventKind

from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import Later, use_case
from console.queue.actions import (  # re-exported: other parts import the ticket actions from here
    CALLS_UNAUDITED,
    ActionResult,
    finish,
    hand_on,
    no_show,
    recall,
    start_serving,
    transfer,
)
from console.queue.claim import (
    ACTIVE,
    RETURNING,
    WAITING,
    S,
    T,
    claim_next,
    close_previous,
    info_from_row,
    paused_now,
    service_codes,
)
from console.queue.shared import (
    TicketInfo,
    WindowRef,
    add_events,
    event,
    minutes_between,
    resolve_site_id,
    resolve_window,
    signal_change,
)

__all__ = [
    "ActionResult", "CallResult", "call_next", "call_number", "current_ticket", "find_ticket", "finish",
    "hand_on", "no_show", "over_target", "pause", "recall", "resume", "start_serving", "transfer",
    "window_queue",
]


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


def _window(ctx: Context, window, site) -> WindowRef:
    return resolve_window(ctx.session, window, site, actor=ctx.actor)


def _closed(closed) -> dict:
    return {"closed_number": closed.number if closed is not None else None,
            "closed_status": str(getattr(closed.status, "value", closed.status)) if closed is not None else None}


@use_case("queue.operate", write=True, unaudited=CALLS_UNAUDITED, direct=True)
def call_next(ctx: Context, window: WindowRef | str | int | None = None, *,
              site: str | None = None) -> CallResult:
    """Call the next ticket for the services the window serves (by priority, then time).

    The window's previous ticket is closed first (finished; no-show once its recalls
    ran out).  ``number`` is ``None`` when nobody waits.  A screen may pass the
    :class:`~console.queue.shared.WindowRef` it resolved once (``resolve_window`` in a read
    transaction): the claim itself re-checks that the window is open and still
    serves the ticket's service, so the write transaction runs only the claim's
    own statements.  Every statement is a prepared one (:mod:`models.direct`): the runner
    runs a call on a driver connection, without an ORM session.
    """
    session, actor = ctx.session, ctx.actor
    if isinstance(window, WindowRef):
        w = window
    else:
        w = _window(ctx, window, site)
        if w.paused:
            raise Conflict("queue.window_paused", window=w.number)
    if not w.service_ids:
        raise Invalid("queue.window_no_services", field="window", window=w.number)
    at = ctx.now()
    events, closed = close_previous(session, w, at, actor)
    row = claim_next(session, w, at)
    if row is None and paused_now(session, w):
        raise Conflict("queue.window_paused", window=w.number)
    if row is not None:
        events.append(event(EventKind.called, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                            window_id=w.id, actor=actor))
    add_events(session, events)
    if events:
        signal_change(session, w.site_id)
    return Later(_call_result, w, row, closed)  # built after the commit: it needs no database


def _call_result(w: WindowRef, row, closed) -> CallResult:
    info = info_from_row(row, w.services[row.service_id], w.number) if row is not None else None
    if closed is None:
        return CallResult(w.number, info.number if info else None, info)
    return CallResult(w.number, info.number if info else None, info, **_closed(closed))


@use_case("queue.operate", write=True, audit="queue.called_out_of_order")
def call_number(ctx: Context, number: str, reason: str, window: str | int | None = None, *,
                site: str | None = None) -> CallResult:
    """Call a given waiting number out of order, for a reason (audited)."""
    session, actor = ctx.session, ctx.actor
    w = _window(ctx, window, site)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("queue.reason_required", field="reason")
    if w.paused:
        raise Conflict("queue.window_paused", window=w.number)
    at = ctx.now()
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
    events, closed = close_previous(session, w, at, actor)
    row = session.execute(
        update(T).where(T.c.id == target.id, WAITING, T.c.version == target.version)
        .values(status=literal_column("'called'"), window_id=w.id, called_at=at, serving_at=None, recalls=0,
                target_window_id=None, version=T.c.version + 1)
        .returning(*RETURNING)
    ).first()
    if row is None:
        raise Conflict("queue.ticket_changed", number=number)
    events.append(event(EventKind.called, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                        window_id=w.id, actor=actor, note=reason))
    add_events(session, events)
    ctx.audit("queue.called_out_of_order", "ticket", row.id,
              {"number": row.number, "window": w.number, "reason": reason})
    signal_change(session, w.site_id)
    info = info_from_row(row, service_codes(session, [row.service_id])[row.service_id], w.number)
    return CallResult(window=w.number, number=row.number, ticket=info, **_closed(closed))


@use_case("queue.read")
def current_ticket(ctx: Context, window: str | int | None = None, *,
                   site: str | None = None) -> TicketInfo | None:
    """The ticket called or being served at the window, or ``None``."""
    w = _window(ctx, window, site)
    row = ctx.session.execute(select(*RETURNING).where(T.c.window_id == w.id, ACTIVE)).first()
    if row is None:
        return None
    return _with_target(ctx, row, w.number)


def _with_target(ctx: Context, row, window_number: str | None) -> TicketInfo:
    svc = ctx.session.execute(select(S.c.code, S.c.name, S.c.max_wait_minutes, S.c.max_service_minutes)
                              .where(S.c.id == row.service_id)).one()
    info = info_from_row(row, (svc.code, svc.name), window_number)
    flag = over_target(info, svc.max_wait_minutes, svc.max_service_minutes, ctx.now())
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


def _set_paused(ctx: Context, window, site, paused: bool) -> WindowRef:
    session = ctx.session
    w = _window(ctx, window, site)
    want = WindowStatus.paused if paused else WindowStatus.open
    other = WindowStatus.open if paused else WindowStatus.paused
    done = session.execute(
        update(Window.__table__).where(Window.__table__.c.id == w.id, Window.__table__.c.status == other.value)
        .values(status=want.value)
    ).rowcount
    if not done:
        raise Conflict("queue.already_paused" if paused else "queue.not_paused", window=w.number)
    at = ctx.now()
    add_events(session, [event(EventKind.paused if paused else EventKind.resumed, at, w.site_id,
                               window_id=w.id, actor=ctx.actor)])
    ctx.audit("queue.window_paused" if paused else "queue.window_resumed", "window", w.id, {"window": w.number})
    signal_change(session, w.site_id)
    return w


@use_case("queue.operate", write=True, audit="queue.window_paused")
def pause(ctx: Context, window: str | int | None = None, *, site: str | None = None) -> str:
    """Stop calling at the window (a break, a meeting); returns the window number."""
    return _set_paused(ctx, window, site, True).number


@use_case("queue.operate", write=True, audit="queue.window_resumed")
def resume(ctx: Context, window: str | int | None = None, *, site: str | None = None) -> str:
    """Open the window again; returns the window number."""
    return _set_paused(ctx, window, site, False).number


@use_case("queue.read")
def window_queue(ctx: Context, window: str | int | None = None, *, site: str | None = None,
                 limit: int = 200) -> list[TicketInfo]:
    """What is waiting for this window, in the order it will be called, flagged past target."""
    session = ctx.session
    w = _window(ctx, window, site)
    if not w.service_ids:
        return []
    at = ctx.now()
    rows = session.execute(
        select(*RETURNING)
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
        info = info_from_row(row, (svc.code, svc.name), None)
        out.append(TicketInfo(**{**asdict(info), "waited_minutes": round(minutes_between(row.waiting_since, at), 1),
                                 "over_target": over_target(info, svc.max_wait_minutes,
                                                            svc.max_service_minutes, at)}))
    return out


@use_case("queue.read")
def find_ticket(ctx: Context, number: str, *, day=None, site: str | None = None) -> TicketInfo:
    """A ticket of the day by its number."""
    session = ctx.session
    site_id = resolve_site_id(session, site, actor=ctx.actor)
    day = day or ctx.today()
    row = session.execute(select(*RETURNING, T.c.window_id).where(
        T.c.site_id == site_id, T.c.day == day, T.c.number == number.strip().upper())).first()
    if row is None:
        raise NotFound("queue.ticket_not_found", number=number)
    number_of_window = None
    if row.window_id:
        number_of_window = session.scalar(select(Window.number).where(Window.id == row.window_id))
    return _with_target(ctx, row, number_of_window)
