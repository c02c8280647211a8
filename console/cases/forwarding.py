"""Forwarding a case across the three-level network (网上审批: village → township → city, and back).

A village service room's agent (代办员) accepts on a villager's behalf; the case
goes on to the village's township center, or straight to the city center where
the department that decides it works; it may come back the same way with a reason
(a result, or a question for the applicant).  Each hop is a :class:`~models.CaseHop`
and an audit record; the clock keeps running from the first receipt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from models import CaseHop, Site

from console.cases.access import _load_case, get_case
from console.cases.clock import LIVE_STATUSES
from console.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.cases.access import CaseView
    from console.core.context import Context


def _site(ctx: Context, code: str) -> Site:
    site = ctx.session.scalar(select(Site).where(Site.code == (code or "").strip()))
    if site is None:
        raise NotFound("law.site_unknown", site=code)
    return site


def _ancestors(ctx: Context, site: Site) -> list[Site]:
    chain, current = [], site
    while current.parent_id is not None:
        current = ctx.session.get(Site, current.parent_id)
        chain.append(current)
    return chain


@use_case("case.process", write=True, audit="case.forward")
def forward(ctx: Context, number: str, to: str, reason: str = "") -> CaseView:
    """Send case ``number`` from where it is now to site ``to``: up the network (its township, the
    city center) or back down to a site it came through, which needs a reason.

    The actor works at the site the case is at (or sees every case)."""
    case = _load_case(ctx, number, for_update=True)
    if case.status not in LIVE_STATUSES:
        raise Conflict("case.wrong_state", number=case.number, status=case.status.value, action="forward")
    here = ctx.session.get(Site, case.current_site_id or case.site_id)
    if ctx.actor.site_id != here.id and not ctx.allowed("case.read_all"):
        raise PermissionDenied("law.forward_not_here", number=case.number, site=here.code)
    target = _site(ctx, to)
    if target.id == here.id:
        raise Invalid("law.forward_same_site", field="to", site=target.code)
    reason = (reason or "").strip()
    up = [s.id for s in _ancestors(ctx, here)]
    came_through = {case.site_id, *(hop.from_site_id for hop in case.hops)}
    if target.id in up:
        direction = "up"
    elif target.id in came_through:
        direction = "back"
        if not reason:
            raise Invalid("law.forward_back_reason", field="reason")
    else:
        raise Invalid("law.forward_not_on_route", field="to", site=target.code, here=here.code)
    at = ctx.now()
    case.hops.append(CaseHop(from_site_id=here.id, to_site_id=target.id, staff_id=ctx.actor.id or None, at=at,
                             reason=reason))
    case.current_site_id = target.id
    case.updated_at = at
    ctx.session.flush()
    ctx.audit("case.forward", "case", case.number,
              {"from": here.code, "to": target.code, "direction": direction, "reason": reason})
    return get_case(ctx, case.number)
