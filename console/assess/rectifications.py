"""Rectifications (整改) of bad ratings: listed by due date, closed with a recorded call-back.

A bad rating (:mod:`console.assess.ratings`) opens its rectification, due
:data:`~console.assess.ratings.RECTIFY_WORKDAYS` working days later.  Staff with
``assess.read`` list them; a supervisor (``assess.manage``) closes one once the
applicant has been called back.  One closed after its due day stays marked overdue.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Rating, Rectification, RectificationStatus, Staff

from console.assess.common import window_text
from console.assess.ratings import level_name
from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import use_case


@dataclass(frozen=True)
class RectificationRow:
    """A bad rating's rectification."""

    id: int
    rating_id: int
    level_name: str
    reason: str
    window: str | None
    staff: str | None
    status: str
    opened_on: date
    due_on: date
    overdue: bool
    callback: str
    closed_on: date | None
    closed_by: str | None

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("opened_on", "due_on", "closed_on"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def _rect_row(session: Session, rect: Rectification, today: date) -> RectificationRow:
    """The row of ``rect``; an open one is overdue once ``today`` is past its due day."""
    rating = session.get(Rating, rect.rating_id)
    staff = session.get(Staff, rating.staff_id) if rating.staff_id else None
    closer = session.get(Staff, rect.closed_by_id) if rect.closed_by_id else None
    status = RectificationStatus(rect.status)
    overdue = (rect.closed_on or today) > rect.due_on
    return RectificationRow(id=rect.id, rating_id=rating.id, level_name=level_name(rating.level),
                            reason=rating.reason, window=window_text(session, rating.window_id),
                            staff=staff.employee_no if staff else None, status=status.value,
                            opened_on=rect.opened_on, due_on=rect.due_on, overdue=overdue, callback=rect.callback,
                            closed_on=rect.closed_on, closed_by=closer.employee_no if closer else None)


@use_case("assess.read")
def list_rectifications(ctx: Context, *, open_only: bool = True) -> list[RectificationRow]:
    """Rectifications by due date; open ones only unless ``open_only`` is false."""
    stmt = select(Rectification).order_by(Rectification.due_on, Rectification.id)
    if open_only:
        stmt = stmt.where(Rectification.status == RectificationStatus.open)
    today = ctx.today()
    return [_rect_row(ctx.session, r, today) for r in ctx.session.scalars(stmt)]


@use_case("assess.manage", write=True, audit="rating.rectification_closed")
def close_rectification(ctx: Context, rectification_id: int, callback: str) -> RectificationRow:
    """Close a rectification with the recorded call-back to the applicant."""
    session = ctx.session
    rect = session.get(Rectification, rectification_id)
    if rect is None:
        raise NotFound("rating.rectification_not_found", id=rectification_id)
    if RectificationStatus(rect.status) == RectificationStatus.closed:
        raise Conflict("rating.rectification_closed", id=rectification_id)
    callback = (callback or "").strip()
    if not callback:
        raise Invalid("rating.callback_required", field="callback")
    stamp = ctx.now()
    rect.status = RectificationStatus.closed
    rect.callback = callback
    rect.closed_at = stamp
    rect.closed_on = stamp.date()
    rect.closed_by_id = ctx.actor.id
    session.flush()
    row = _rect_row(session, rect, stamp.date())
    ctx.audit("rating.rectification_closed", "rectification", rect.id,
              {"callback": callback, "overdue": row.overdue})
    return row
