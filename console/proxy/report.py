"""The proxy section's figures: enterprises served, projects, investment, the promise kept.

"Within the promise" means completed on or before the project's due date (the
promised working days after its materials were complete); "working days" of a
project are those from that day to its completion.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from models import Project, ProjectStatus, ProjectVisit

from console.calendar.workdays import load_calendar
from console.core.context import Context
from console.core.parsing import format_yuan
from console.core.runner import use_case
from console.proxy.projects import promise_days


@dataclass(frozen=True)
class ProxyFigures:
    """The section's figures at one moment."""

    enterprises: int
    projects: int
    open_projects: int
    completed: int
    completed_within_promise: int
    total_investment_fen: int
    average_workdays: float | None
    overdue_open: int
    visits_due: int
    visits_late: int
    promise_days: int

    @property
    def within_promise_share(self) -> float | None:
        """Completed within the promise ÷ completed (None before the first completion)."""
        return round(self.completed_within_promise / self.completed, 4) if self.completed else None

    @property
    def total_investment_yuan(self) -> int | float:
        """The total in yuan as a JSON number (exact: whole yuan as an integer)."""
        fen = self.total_investment_fen
        return fen // 100 if fen % 100 == 0 else float(format_yuan(fen))

    def as_dict(self) -> dict:
        return {
            "enterprises": self.enterprises, "projects": self.projects, "open_projects": self.open_projects,
            "completed": self.completed, "completed_within_promise": self.completed_within_promise,
            "within_promise_share": self.within_promise_share,
            "total_investment_yuan": self.total_investment_yuan,
            "total_investment_fen": self.total_investment_fen,
            "average_workdays": self.average_workdays, "overdue_open": self.overdue_open,
            "visits_due": self.visits_due, "visits_late": self.visits_late, "promise_days": self.promise_days,
        }


@use_case("proxy.work")
def figures(ctx: Context, *, today: date | None = None) -> ProxyFigures:
    """Count the section's work: every project ever handed off."""
    session = ctx.session
    today = today or ctx.today()
    enterprises, projects, investment = session.execute(
        select(func.count(func.distinct(Project.enterprise_id)), func.count(Project.id),
               func.coalesce(func.sum(Project.investment_fen), 0))
    ).one()
    completed_rows = session.execute(
        select(Project.materials_complete_on, Project.completed_date, Project.late)
        .where(Project.status == ProjectStatus.completed)
    ).all()
    cal = load_calendar(session)
    spans = [cal.count(start, end) for start, end, _ in completed_rows if start and end]
    overdue = session.scalar(select(func.count(Project.id)).where(
        Project.status != ProjectStatus.completed, Project.due_date < today))
    visits_due = session.scalar(select(func.count(ProjectVisit.id)).where(ProjectVisit.visited_on.is_(None)))
    late_pending = session.scalar(select(func.count(ProjectVisit.id)).where(
        ProjectVisit.visited_on.is_(None), ProjectVisit.scheduled_on < today))
    late_made = session.scalar(select(func.count(ProjectVisit.id)).where(
        ProjectVisit.visited_on.is_not(None), ProjectVisit.visited_on > ProjectVisit.scheduled_on))
    completed = len(completed_rows)
    return ProxyFigures(
        enterprises=enterprises, projects=projects, open_projects=projects - completed, completed=completed,
        completed_within_promise=sum(1 for *_, late in completed_rows if not late),
        total_investment_fen=int(investment), average_workdays=round(sum(spans) / len(spans), 1) if spans else None,
        overdue_open=overdue, visits_due=visits_due, visits_late=late_pending + late_made,
        promise_days=promise_days(session),
    )
