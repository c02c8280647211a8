"""Follow-up visits (回访): scheduled when a project completes, recorded when made, late ones flagged.

A visit is late when it was made after the day it was scheduled for, or when that
day has passed and it has not been made yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Enterprise, Project, ProjectStatus, ProjectVisit, Staff

from console.core.context import Context
from console.core.errors import Conflict, Invalid
from console.core.runner import use_case
from console.proxy.projects import ENTITY, load_project, require_own


@dataclass(frozen=True)
class VisitRow:
    """A scheduled or recorded follow-up visit and whether it is late."""

    project: str
    enterprise: str
    scheduled_on: date
    visited_on: date | None
    contact: str
    problems: str
    solutions: str
    staff_no: str
    late: bool

    def as_dict(self) -> dict:
        return {
            "project": self.project, "enterprise": self.enterprise, "scheduled_on": self.scheduled_on.isoformat(),
            "visited_on": self.visited_on.isoformat() if self.visited_on else None, "contact": self.contact,
            "problems": self.problems, "solutions": self.solutions, "staff": self.staff_no or None,
            "late": self.late,
        }


def is_late(scheduled_on: date, visited_on: date | None, today: date) -> bool:
    """Made after the scheduled day, or not made and the day has passed."""
    return (visited_on or today) > scheduled_on


def _clean(value: str, key: str, field: str, limit: int, *, required: bool) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise Invalid(key, field=field)
    if len(text) > limit:
        raise Invalid("proxy.too_long", field=field, limit=limit)
    return text


@use_case("proxy.work", write=True, audit="proxy.visit")
def record_visit(ctx: Context, number: str, *, visited_on: date | None = None, contact: str = "",
                 problems: str = "", solutions: str = "") -> ProjectVisit:
    """Record a follow-up visit of a completed project: when, whom, problems raised, how solved.

    It fills the earliest visit still scheduled; a further visit is added as one
    scheduled for the day it was made.
    """
    session, actor = ctx.session, ctx.actor
    project = load_project(session, number, for_update=True)
    require_own(actor, project)
    if project.status != ProjectStatus.completed:
        raise Conflict("proxy.visit_before_completion", number=project.number)
    day = visited_on or ctx.today()
    if day > ctx.today():
        raise Invalid("proxy.date_in_future", field="date", day=day.isoformat())
    if day < project.completed_date:
        raise Invalid("proxy.visit_before_completed_date", field="date", day=day.isoformat(),
                      completed=project.completed_date.isoformat())
    contact = _clean(contact, "proxy.visit_contact_required", "contact", 50, required=True)
    problems = _clean(problems, "", "problems", 2000, required=False)
    solutions = _clean(solutions, "", "solutions", 2000, required=False)
    if problems and not solutions:
        raise Invalid("proxy.visit_solution_required", field="solutions")
    visit = session.scalar(
        select(ProjectVisit).where(ProjectVisit.project_id == project.id, ProjectVisit.visited_on.is_(None))
        .order_by(ProjectVisit.scheduled_on, ProjectVisit.id)
    )
    if visit is None:
        visit = ProjectVisit(project_id=project.id, scheduled_on=day)
        project.visits.append(visit)
    visit.visited_on, visit.contact, visit.problems, visit.solutions = day, contact, problems, solutions
    visit.staff_id = actor.id or None
    visit.recorded_at = ctx.now()
    late = is_late(visit.scheduled_on, day, day)
    ctx.audit("proxy.visit", ENTITY, project.number, {
        "visited_on": day.isoformat(), "scheduled_on": visit.scheduled_on.isoformat(), "contact": contact,
        "problems": problems, "solutions": solutions, "late": late,
    })
    return visit


def visit_rows(session: Session, project: Project, today: date) -> list[VisitRow]:
    """The visits of one loaded project, in schedule order."""
    staff = {s.id: s.employee_no for s in session.scalars(
        select(Staff).where(Staff.id.in_({v.staff_id for v in project.visits if v.staff_id} or {-1})))}
    return [VisitRow(project.number, project.enterprise.name, v.scheduled_on, v.visited_on, v.contact, v.problems,
                     v.solutions, staff.get(v.staff_id, ""), is_late(v.scheduled_on, v.visited_on, today))
            for v in sorted(project.visits, key=lambda v: (v.scheduled_on, v.id))]


@use_case("proxy.work")
def list_visits(ctx: Context, *, late_only: bool = False, pending_only: bool = False,
                today: date | None = None) -> list[VisitRow]:
    """Follow-up visits of every project, the most overdue first; ``late_only`` keeps late ones."""
    today = today or ctx.today()
    stmt = (
        select(ProjectVisit, Project.number, Enterprise.name, Staff.employee_no)
        .join(Project, ProjectVisit.project_id == Project.id)
        .join(Enterprise, Project.enterprise_id == Enterprise.id)
        .outerjoin(Staff, ProjectVisit.staff_id == Staff.id)
    )
    if pending_only:
        stmt = stmt.where(ProjectVisit.visited_on.is_(None))
    rows = [VisitRow(number, enterprise, v.scheduled_on, v.visited_on, v.contact, v.problems, v.solutions,
                     staff_no or "", is_late(v.scheduled_on, v.visited_on, today))
            for v, number, enterprise, staff_no in ctx.session.execute(stmt)]
    if late_only:
        rows = [r for r in rows if r.late]
    rows.sort(key=lambda r: (r.visited_on is not None, r.scheduled_on, r.project))
    return rows
