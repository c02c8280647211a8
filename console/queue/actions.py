"""What a window does with the ticket it called: recall (重呼), no-show (过号), start serving,
finish, hand on (多窗联办) and transfer (转移).

**Acting on the current ticket** reads it and then updates it with its state
*and* version in the ``WHERE``: when two clerks act at once, one update matches
and the other finds nothing and gets :class:`Conflict`.  A screen passes the
``expected_version`` it showed, so an action is never applied to a ticket that
changed since.

None of these is audited: the ticket's append-only events name the clerk.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import case, literal_column, select, update
from sqlalchemy.exc import IntegrityError

from models.queue import RANK_TRANSFER, EventKind

from console.core.context import Context
from console.core.errors import Conflict, Invalid
from console.core.runner import use_case
from console.queue.claim import ACTIVE, RETURNING, S, T, service_codes
from console.queue.shared import WindowRef, add_events, event, resolve_service, resolve_window, signal_change

#: why the window actions append no audit event
CALLS_UNAUDITED = "calls keep their own append-only ticket events, which name the clerk"


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


def _window(ctx: Context, window, site) -> WindowRef:
    return resolve_window(ctx.session, window, site, actor=ctx.actor)

def _current_row(ctx: Context, w: WindowRef, ticket: int | None, statuses: tuple[str, ...]):
    stmt = select(*RETURNING, T.c.window_id).where(T.c.window_id == w.id, ACTIVE)
    if ticket is not None:
        stmt = stmt.where(T.c.id == ticket)
    row = ctx.session.execute(stmt).first()
    if row is None:
        if ticket is not None:
            raise Conflict("queue.ticket_changed", number=ticket)
        raise Conflict("queue.no_current_ticket", window=w.number)
    status = str(getattr(row.status, "value", row.status))
    if status not in statuses:
        raise Conflict("queue.wrong_state", number=row.number, status=status)
    return row


def _apply(ctx: Context, row, w: WindowRef, statuses: tuple[str, ...], expected_version: int | None,
           values: dict):
    """Update the current ticket only if its state and version are still what we read."""
    version = row.version if expected_version is None else expected_version
    stmt = (
        update(T)
        .where(T.c.id == row.id, T.c.window_id == w.id, T.c.version == version,
               T.c.status.in_([literal_column(f"'{s}'") for s in statuses]))
        .values(version=T.c.version + 1, **values)
        .returning(*RETURNING)
    )
    try:
        updated = ctx.session.execute(stmt).first()
    except IntegrityError:
        raise Conflict("queue.already_waiting_there", number=row.number) from None
    if updated is None:
        raise Conflict("queue.ticket_changed", number=row.number)
    return updated


def _result(ctx: Context, row, w: WindowRef, **extra) -> ActionResult:
    code = service_codes(ctx.session, [row.service_id])[row.service_id][0]
    return ActionResult(window=w.number, number=row.number, status=str(getattr(row.status, "value", row.status)),
                        service=code, version=row.version, recalls=row.recalls, **extra)


@use_case("queue.operate", write=True, unaudited=CALLS_UNAUDITED)
def recall(ctx: Context, window: str | int | None = None, *, ticket: int | None = None,
           expected_version: int | None = None, site: str | None = None) -> ActionResult:
    """Call the current ticket again; once its recalls are used up it becomes a no-show by itself."""
    session, actor = ctx.session, ctx.actor
    w = _window(ctx, window, site)
    row = _current_row(ctx, w, ticket, ("called",))
    limit = session.scalar(select(S.c.recall_limit).where(S.c.id == row.service_id))
    at = ctx.now()
    if row.recalls >= limit:
        updated = _apply(ctx, row, w, ("called",), expected_version,
                         {"status": literal_column("'no_show'"), "closed_at": at})
        add_events(session, [event(EventKind.no_show, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                                   window_id=w.id, actor=actor, note="recall-limit")])
        signal_change(session, w.site_id)
        return _result(ctx, updated, w, auto_no_show=True)
    updated = _apply(ctx, row, w, ("called",), expected_version, {"recalls": T.c.recalls + 1})
    add_events(session, [event(EventKind.recalled, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                               window_id=w.id, actor=actor, note=str(row.recalls + 1))])
    signal_change(session, w.site_id)
    return _result(ctx, updated, w)


@use_case("queue.operate", write=True, unaudited=CALLS_UNAUDITED)
def no_show(ctx: Context, window: str | int | None = None, *, ticket: int | None = None,
            expected_version: int | None = None, site: str | None = None) -> ActionResult:
    """Mark the called ticket as not having come (过号)."""
    session, actor = ctx.session, ctx.actor
    w = _window(ctx, window, site)
    row = _current_row(ctx, w, ticket, ("called",))
    at = ctx.now()
    updated = _apply(ctx, row, w, ("called",), expected_version,
                     {"status": literal_column("'no_show'"), "closed_at": at})
    add_events(session, [event(EventKind.no_show, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                               window_id=w.id, actor=actor)])
    signal_change(session, w.site_id)
    return _result(ctx, updated, w)


@use_case("queue.operate", write=True, unaudited=CALLS_UNAUDITED)
def start_serving(ctx: Context, window: str | int | None = None, *, ticket: int | None = None,
                  expected_version: int | None = None, site: str | None = None) -> ActionResult:
    """The applicant has come to the window: serving starts."""
    session, actor = ctx.session, ctx.actor
    w = _window(ctx, window, site)
    row = _current_row(ctx, w, ticket, ("called",))
    at = ctx.now()
    updated = _apply(ctx, row, w, ("called",), expected_version,
                     {"status": literal_column("'serving'"), "serving_at": at})
    add_events(session, [event(EventKind.serving, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                               window_id=w.id, actor=actor)])
    signal_change(session, w.site_id)
    return _result(ctx, updated, w)


@use_case("queue.operate", write=True, unaudited=CALLS_UNAUDITED)
def finish(ctx: Context, window: str | int | None = None, *, ticket: int | None = None,
           expected_version: int | None = None, site: str | None = None) -> ActionResult:
    """The applicant is done at this window."""
    session, actor = ctx.session, ctx.actor
    w = _window(ctx, window, site)
    row = _current_row(ctx, w, ticket, ("called", "serving"))
    at = ctx.now()
    updated = _apply(ctx, row, w, ("called", "serving"), expected_version,
                     {"status": literal_column("'finished'"), "closed_at": at})
    add_events(session, [event(EventKind.finished, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                               window_id=w.id, actor=actor)])
    signal_change(session, w.site_id)
    return _result(ctx, updated, w)


def _send_back(ctx: Context, w: WindowRef, row, expected_version: int | None, *,
               service_id: int, target_window_id: int | None, events: list[dict], note: str):
    """Put the ticket back in the queue of another service/window, keeping its original time."""
    session = ctx.session
    at = ctx.now()
    rank = case((T.c.rank < RANK_TRANSFER, T.c.rank), else_=RANK_TRANSFER)
    updated = _apply(ctx, row, w, ("called", "serving"), expected_version, {
        "status": literal_column("'waiting'"), "service_id": service_id, "rank": rank,
        "sort_at": T.c.taken_at, "waiting_since": at, "called_at": None, "serving_at": None,
        "recalls": 0, "target_window_id": target_window_id,
    })
    events.append(event(EventKind.transferred, at, w.site_id, ticket_id=row.id, service_id=service_id,
                        window_id=w.id, actor=ctx.actor, note=note))
    add_events(session, events)
    signal_change(session, w.site_id)
    return updated


@use_case("queue.operate", write=True, unaudited=CALLS_UNAUDITED)
def transfer(ctx: Context, window: str | int | None = None, *, to_service: str | None = None,
             to_window: str | None = None, ticket: int | None = None, expected_version: int | None = None,
             site: str | None = None) -> ActionResult:
    """Send the current ticket to another service and/or window (转移).

    It keeps its original time and goes ahead of ordinary tickets there.  To a
    window: only that window calls it; the service stays when the window serves
    it, else becomes the window's first service.
    """
    session, actor = ctx.session, ctx.actor
    w = _window(ctx, window, site)
    if not to_service and not to_window:
        raise Invalid("queue.transfer_target_required", field="to")
    row = _current_row(ctx, w, ticket, ("called", "serving"))
    target_window = None
    if to_window:
        target_window = resolve_window(session, to_window, w.site_id, actor=actor)
        if target_window.site_id != w.site_id:
            raise Invalid("queue.other_site", field="to_window")
    if to_service:
        service_id = resolve_service(session, to_service, w.site_id, actor=actor).id
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
    svc_code = service_codes(session, [service_id])[service_id][0]
    updated = _send_back(ctx, w, row, expected_version, service_id=service_id,
                         target_window_id=target_window.id if target_window else None, events=[],
                         note=f"{svc_code}/{target_window.number}" if target_window else svc_code)
    return _result(ctx, updated, w, to_service=svc_code,
                   to_window=target_window.number if target_window else None)


@use_case("queue.operate", write=True, unaudited=CALLS_UNAUDITED)
def hand_on(ctx: Context, window: str | int | None = None, *, to_service: str | None = None,
            ticket: int | None = None, expected_version: int | None = None,
            site: str | None = None) -> ActionResult:
    """Finish here and hand the ticket on to the next linked business without queuing again (多窗联办).

    The next business is ``to_service`` or the service's configured next service.
    """
    session, actor = ctx.session, ctx.actor
    w = _window(ctx, window, site)
    row = _current_row(ctx, w, ticket, ("called", "serving"))
    if to_service:
        service_id = resolve_service(session, to_service, w.site_id, actor=actor).id
    else:
        service_id = session.scalar(select(S.c.next_service_id).where(S.c.id == row.service_id))
        if service_id is None:
            code, name = service_codes(session, [row.service_id])[row.service_id]
            raise Invalid("queue.no_linked_service", field="to_service", number=row.number,
                          service=f"{code} {name}")
    if service_id == row.service_id:
        raise Invalid("queue.transfer_to_self", field="to_service")
    svc_code = service_codes(session, [service_id])[service_id][0]
    at = ctx.now()
    finished = [event(EventKind.finished, at, w.site_id, ticket_id=row.id, service_id=row.service_id,
                      window_id=w.id, actor=actor, note="hand-on")]
    updated = _send_back(ctx, w, row, expected_version, service_id=service_id, target_window_id=None,
                         events=finished, note=f"hand-on {svc_code}")
    return _result(ctx, updated, w, to_service=svc_code)
