"""Weekly reviews (周点评): a supervisor's short written review of a window or a staff member.

Writing one needs ``assess.manage``; reading them ``assess.read``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Site, Staff, TargetKind, WeeklyReview, Window

from console.assess.common import find_staff, find_window, resolve_target, week_start, window_label
from console.core.context import Context
from console.core.errors import Invalid
from console.core.runner import use_case

#: longest review text, in characters
MAX_REVIEW = 2000


@dataclass(frozen=True)
class ReviewRow:
    """A review as listed."""

    id: int
    week: date
    target_kind: str
    target: str
    target_name: str
    text: str
    author: str

    def as_dict(self) -> dict:
        data = asdict(self)
        data["week"] = self.week.isoformat()
        return data


def _row(session: Session, review: WeeklyReview) -> ReviewRow:
    if review.window_id:
        w = session.get(Window, review.window_id)
        target, name = window_label(w, session.get(Site, w.site_id)), w.name
    else:
        p = session.get(Staff, review.staff_id)
        target, name = p.employee_no, p.name
    author = session.get(Staff, review.author_id)
    return ReviewRow(id=review.id, week=review.week_start, target_kind=TargetKind(review.target_kind).value,
                     target=target, target_name=name, text=review.text, author=author.employee_no)


@use_case("assess.manage", write=True, audit="assess.review_added")
def add_review(ctx: Context, text: str, *, window: str | None = None, staff: str | None = None,
               week: date | None = None) -> ReviewRow:
    """Write the weekly review of a window or staff member for the week of ``week`` (default this week)."""
    session = ctx.session
    text = (text or "").strip()
    if not text:
        raise Invalid("assess.review_empty", field="text")
    if len(text) > MAX_REVIEW:
        raise Invalid("assess.review_too_long", field="text", max=MAX_REVIEW)
    monday = week_start(week or ctx.today())
    if monday > ctx.today():
        raise Invalid("assess.future_date", field="week", date=monday.isoformat())
    kind, win, person = resolve_target(session, window, staff)
    review = WeeklyReview(week_start=monday, target_kind=kind, window_id=win.id if win else None,
                          staff_id=person.id if person else None, text=text, author_id=ctx.actor.id,
                          created_at=ctx.now())
    session.add(review)
    session.flush()
    row = _row(session, review)
    ctx.audit("assess.review_added", "assess_review", review.id, row.as_dict())
    return row


@use_case("assess.read")
def list_reviews(ctx: Context, *, window: str | None = None, staff: str | None = None,
                 week: date | None = None, limit: int = 200) -> list[ReviewRow]:
    """Reviews, newest week first; optionally of one window, one staff member or one week."""
    session = ctx.session
    stmt = select(WeeklyReview).order_by(WeeklyReview.week_start.desc(), WeeklyReview.id.desc())
    if window:
        stmt = stmt.where(WeeklyReview.window_id == find_window(session, window).id)
    if staff:
        stmt = stmt.where(WeeklyReview.staff_id == find_staff(session, staff).id)
    if week:
        stmt = stmt.where(WeeklyReview.week_start == week_start(week))
    return [_row(session, r) for r in session.scalars(stmt.limit(limit))]
