"""Read use cases of the queue screens: the clerk's window, the kiosk menu, the hall display.

Each is one read built on the queue domain's own reads (:mod:`console.queue.window`,
:mod:`console.queue.watch`); nothing here writes.  The clerk's window needs
``queue.read``; the kiosk menu and the hall display are public (no log-in).

**Stars on the display.**  The display is given a provider of window number →
stars (挂星) for a site — the assessment's :func:`console.assess.quarter.window_stars`
by default (``DisplayApp(db, stars=fn)``); without one each window's star row
stays empty.  The queue itself knows nothing of the assessment.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, literal_column, select

from models.queue import Priority, QueueService, Ticket

from console.core.context import Context
from console.core.runner import PUBLIC, use_case
from console.queue.shared import TicketInfo, resolve_site_id, resolve_window
from console.queue.watch import DisplayState, display_state
from console.queue.window import current_ticket, window_queue

#: window number → stars, for one site: ``fn(ctx, site_id)`` (see
#: :func:`console.assess.quarter.window_stars`), run inside the display's read
StarsProvider = Callable[[Context, int], Mapping[str, int]]

#: priority kinds the kiosk offers, in key order (``1`` … ``4``; ``0`` is ordinary)
KIOSK_PRIORITIES: tuple[str, ...] = (Priority.elderly.value, Priority.disabled.value,
                                     Priority.military.value, Priority.green_channel.value)


# --------------------------------------------------------------------------- the clerk's window


@dataclass(frozen=True)
class WindowView:
    """What the clerk's window screen shows: the window, its current ticket, what waits for it."""

    number: str
    name: str
    paused: bool
    services: tuple[tuple[str, str], ...]
    current: TicketInfo | None
    waiting: tuple[TicketInfo, ...]
    #: how many wait in all (``waiting`` may be cut at ``limit``)
    waiting_total: int


@use_case("queue.read")
def window_view(ctx: Context, window: str | int | None = None, *, limit: int = 50) -> WindowView:
    """The window (default: the actor's own), its called/serving ticket and its waiting list."""
    w = resolve_window(ctx.session, window, actor=ctx.actor)
    current = current_ticket(ctx, w.id)
    waiting = window_queue(ctx, w.id, limit=limit + 1)
    total = len(waiting)
    if total > limit:
        total = _waiting_count(ctx.session, w)
    return WindowView(number=w.number, name=w.name, paused=w.paused,
                      services=tuple(w.services[i] for i in w.service_ids),
                      current=current, waiting=tuple(waiting[:limit]), waiting_total=total)


def _waiting_count(session, w) -> int:
    from sqlalchemy import or_

    T = Ticket.__table__
    return session.scalar(
        select(func.count()).select_from(T).where(
            T.c.status == literal_column("'waiting'"), T.c.service_id.in_(w.service_ids),
            or_(T.c.target_window_id.is_(None), T.c.target_window_id == w.id))) or 0


@dataclass(frozen=True)
class TransferTargets:
    """Where the clerk may send a ticket: the site's services (code, name) and windows (number, name)."""

    services: tuple[tuple[str, str], ...]
    windows: tuple[tuple[str, str], ...]


@use_case("queue.read")
def transfer_targets(ctx: Context) -> TransferTargets:
    """The services and windows of the actor's site, for the transfer dialog."""
    from models.org import Window

    session = ctx.session
    site_id = resolve_site_id(session, actor=ctx.actor)
    S = QueueService.__table__
    services = session.execute(select(S.c.code, S.c.name).where(S.c.site_id == site_id, S.c.active.is_(True))
                               .order_by(S.c.code)).all()
    windows = session.execute(select(Window.number, Window.name).where(Window.site_id == site_id,
                                                                      Window.active.is_(True))
                              .order_by(Window.number)).all()
    return TransferTargets(services=tuple((r.code, r.name) for r in services),
                           windows=tuple((r.number, r.name) for r in windows))


# --------------------------------------------------------------------------- the kiosk


@dataclass(frozen=True)
class KioskService:
    """One choice at the kiosk: the key that picks it, the service and how many wait."""

    key: str
    code: str
    name: str
    prefix: str
    waiting: int


@use_case(PUBLIC)
def kiosk_menu(ctx: Context, *, site: str | None = None) -> list[KioskService]:
    """The active services of a site with a one-letter key each (their prefix's first letter when free)."""
    session = ctx.session
    site_id = resolve_site_id(session, site, actor=ctx.actor)
    S, T = QueueService.__table__, Ticket.__table__
    waiting = dict(session.execute(
        select(T.c.service_id, func.count()).where(T.c.site_id == site_id,
                                                   T.c.status == literal_column("'waiting'"))
        .group_by(T.c.service_id)).all())
    rows = session.execute(select(S.c.id, S.c.code, S.c.name, S.c.prefix)
                           .where(S.c.site_id == site_id, S.c.active.is_(True)).order_by(S.c.prefix)).all()
    used: set[str] = set()
    keys: dict[int, str] = {}
    for r in rows:  # the prefix's first letter first, so that A001 is picked with "a"
        letter = r.prefix[0].lower()
        if letter not in used:
            keys[r.id] = letter
            used.add(letter)
    spare = (c for c in "abcdefghijklmnopqrstuvwxyz" if c not in used)
    out = []
    for r in rows:
        key = keys.get(r.id) or next(spare, "")
        used.add(key)
        out.append(KioskService(key=key, code=r.code, name=r.name, prefix=r.prefix,
                                waiting=waiting.get(r.id, 0)))
    return out


# --------------------------------------------------------------------------- the hall display


@dataclass(frozen=True)
class DisplayView:
    """The display's state and the stars of its windows."""

    state: DisplayState
    stars: Mapping[str, int]


@use_case(PUBLIC)
def display_view(ctx: Context, *, site: str | None = None, last: int = 8,
                 stars: StarsProvider | None = None) -> DisplayView:
    """:func:`console.queue.watch.display_state` plus each window's stars."""
    state = display_state(ctx, site=site, last=last)
    if stars is None:
        return DisplayView(state=state, stars={})
    site_id = resolve_site_id(ctx.session, site, actor=ctx.actor)
    return DisplayView(state=state, stars=dict(_stars(ctx, stars, site_id) or {}))


def _stars(ctx: Context, provider: Callable[..., Any], site_id: int):
    """Ask ``provider`` for the stars: ``provider(ctx, site_id)``.

    TRANSITION: a provider still on ``fn(session, site_id)`` (the assessment's
    :func:`~console.assess.quarter.window_stars` until its owner converts it) gets the
    session; removed once every provider takes the context.
    """
    if getattr(provider, "use_case", None) is not None or _first_parameter(provider) == "ctx":
        return provider(ctx, site_id)
    return provider(ctx.session, site_id)


def _first_parameter(fn: Callable[..., Any]) -> str | None:
    try:
        parameters = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return None
    return parameters[0] if parameters else None
