"""The three-level network (市、乡、村三级便民服务网络): where a case is and the way it went.

A case is received at a village service room, a township center or the city
center; :func:`forward` (in :mod:`console.cases.forwarding`) moves it along the
online approval network, one audited :class:`~models.CaseHop` per move.  This
module holds the reading helpers other modules share: the route of a case and the
label of its queue ticket.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models import Case, CaseHop, Site, Staff, Ticket


def ticket_label(session: Session, ticket_id: int | None) -> str | None:
    """``"A003 2026-03-03"``: the number and day of a case's queue ticket, or None."""
    if ticket_id is None:
        return None
    row = session.execute(select(Ticket.number, Ticket.day).where(Ticket.id == ticket_id)).first()
    return f"{row[0]} {row[1].isoformat()}" if row else None


def case_route(session: Session, case: Case) -> tuple[dict, ...]:
    """Each hop of the case, oldest first: from, to (site codes), by (employee number), at, reason."""
    if case.id is None:
        return ()
    src, dst = aliased(Site), aliased(Site)
    stmt = (select(src.code, dst.code, Staff.employee_no, CaseHop.at, CaseHop.reason)
            .join(src, CaseHop.from_site_id == src.id).join(dst, CaseHop.to_site_id == dst.id)
            .outerjoin(Staff, CaseHop.staff_id == Staff.id)
            .where(CaseHop.case_id == case.id).order_by(CaseHop.id))
    return tuple({"from": a, "to": b, "by": by or "", "at": at.isoformat(sep=" "), "reason": reason}
                 for a, b, by, at, reason in session.execute(stmt))
