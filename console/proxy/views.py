"""The agent's worklist and one project's detail: one clock over all departments.

A project is on two kinds of clock: its own promise (``due_date``, from the day its
materials were complete) and each item's case deadline.  Its warning is the worst
of them — ``red`` when any part is overdue, ``yellow`` when any part is at risk
(the project within ``proxy.risk_days`` working days of its due date, a case within
the intake's last-working-days rule), else ``green``; ``waiting`` before the
materials are complete and nothing is threatened, ``none`` once completed.  The
earliest threatened date orders the worklist and the items of a project.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, contains_eager

from models import AuditEvent, Case, Department, Enterprise, Item, Project, ProjectItem, ProjectStatus, Staff
from models.cases import CaseStatus

from console.calendar.workdays import load_calendar
from console.cases.access import yellow_days
from console.core.context import Context
from console.core.errors import NotFound
from console.core.i18n import t
from console.core.permissions import STAFF_ROLES, allowed
from console.core.personal import shown_phone
from console.core.runner import use_case
from console.proxy.projects import ENTITY, RISK_DAYS_KEY, load_project, setting_int
from console.proxy.rows import AgentLoad, ItemRow, ProjectDetail, ProjectRow, TimelineRow, WorklistView

#: order of warnings, worst first
RANK = {"red": 0, "yellow": 1, "green": 2, "waiting": 3, "none": 4}
OPEN_CASE = (CaseStatus.accepted, CaseStatus.under_review, CaseStatus.decided)
CLOSED_CASE = (CaseStatus.completed, CaseStatus.withdrawn, CaseStatus.ended)


class _Clock:
    """Warnings for one reading: the day read for, the calendar and both thresholds."""

    def __init__(self, session: Session, today: date) -> None:
        self.today = today
        self.cal = load_calendar(session)
        self.risk_days = setting_int(session, RISK_DAYS_KEY)
        yellow = yellow_days(session)
        self.case_yellow_from = self.cal.add(self.today, yellow - 1) if yellow > 1 else self.today

    def left(self, due: date) -> int:
        """Working days from the day read for to ``due`` (0 on the due day); negative once past it."""
        if due >= self.today:
            return self.cal.count(self.today, due)
        return -self.cal.count(due, self.today)

    def case_warning(self, status: CaseStatus, due: date) -> str:
        if status in CLOSED_CASE:
            return "none"
        if status not in OPEN_CASE:  # suspended: off the clock
            return "green"
        if due < self.today:
            return "red"
        return "yellow" if due <= self.case_yellow_from else "green"

    def project_warning(self, project: Project) -> str:
        if project.status == ProjectStatus.completed:
            return "none"
        if project.due_date is None:
            return "waiting"
        if project.due_date < self.today:
            return "red"
        return "yellow" if self.left(project.due_date) <= self.risk_days else "green"


def _item_rows(session: Session, clock: _Clock, project_ids: list[int]) -> dict[int, list[ItemRow]]:
    rows: dict[int, list[ItemRow]] = {pid: [] for pid in project_ids}
    if not project_ids:
        return rows
    stmt = (
        select(ProjectItem.project_id, Item.code, Item.name, Department.name, Case.number, Case.status,
               Case.due_date, ProjectItem.blocker, ProjectItem.blocker_since)
        .join(Item, ProjectItem.item_id == Item.id)
        .join(Case, ProjectItem.case_id == Case.id)
        .join(Department, Case.department_id == Department.id)
        .where(ProjectItem.project_id.in_(project_ids))
        .order_by(ProjectItem.id)
    )
    for pid, code, name, dept, case_no, status, due, blocker, since in session.execute(stmt):
        status = CaseStatus(status)
        warning = clock.case_warning(status, due)
        left = clock.left(due) if status not in CLOSED_CASE else None
        rows[pid].append(ItemRow(code, name, dept, case_no, status.value, due, left, warning, blocker or "", since))
    for pid in rows:
        rows[pid].sort(key=lambda r: (RANK[r.warning], r.due_date, r.item_code))
    return rows


def _next_action(project: Project, items: list[ItemRow], clock: _Clock, visit_due: date | None) -> tuple[str, str]:
    if project.status == ProjectStatus.completed:
        if visit_due is not None:
            return "proxy.next.visit", t("proxy.next.visit", day=visit_due.isoformat())
        return "proxy.next.none", t("proxy.next.none")
    if project.agent_id is None:
        return "proxy.next.assign", t("proxy.next.assign")
    if not items:
        return "proxy.next.add_items", t("proxy.next.add_items")
    blocked = [i for i in items if i.blocker and i.warning != "none"]
    if blocked:
        first = blocked[0]
        return "proxy.next.unblock", t("proxy.next.unblock", item=first.item_code, department=first.department,
                                       blocker=first.blocker)
    if project.materials_complete_on is None:
        return "proxy.next.materials", t("proxy.next.materials")
    open_items = [i for i in items if i.warning != "none"]
    if open_items:
        first = open_items[0]
        return "proxy.next.follow", t("proxy.next.follow", item=first.item_code, department=first.department,
                                      day=first.due_date.isoformat())
    return "proxy.next.complete", t("proxy.next.complete")


def _pending_visits(session: Session, project_ids: list[int]) -> dict[int, date]:
    from models import ProjectVisit

    if not project_ids:
        return {}
    stmt = (select(ProjectVisit.project_id, func.min(ProjectVisit.scheduled_on))
            .where(ProjectVisit.project_id.in_(project_ids), ProjectVisit.visited_on.is_(None))
            .group_by(ProjectVisit.project_id))
    return dict(session.execute(stmt).all())


def _agent_roles() -> list:
    """The roles of proxy agents: those who carry projects (``proxy.work``) without managing them."""
    return [role for role in STAFF_ROLES if allowed(role, "proxy.work") and not allowed(role, "proxy.manage")]


@use_case("proxy.work")
def agent_loads(ctx: Context) -> list[AgentLoad]:
    """Every active proxy agent (and anybody carrying a project) with their open projects and items."""
    session = ctx.session
    projects = dict(session.execute(
        select(Project.agent_id, func.count(Project.id))
        .where(Project.status == ProjectStatus.assigned, Project.agent_id.is_not(None))
        .group_by(Project.agent_id)
    ).all())
    items = dict(session.execute(
        select(Project.agent_id, func.count(ProjectItem.id))
        .join(ProjectItem, ProjectItem.project_id == Project.id)
        .join(Case, ProjectItem.case_id == Case.id)
        .where(Project.status == ProjectStatus.assigned, Project.agent_id.is_not(None),
               Case.status.not_in(CLOSED_CASE))
        .group_by(Project.agent_id)
    ).all())
    staff = session.scalars(
        select(Staff).where(or_(and_(Staff.role.in_(_agent_roles()), Staff.active.is_(True)),
                                Staff.id.in_(list(projects) or [-1])))
        .order_by(Staff.employee_no)
    ).all()
    return [AgentLoad(s.employee_no, s.name, projects.get(s.id, 0), items.get(s.id, 0)) for s in staff]


def _rows(ctx: Context, projects: list[Project], clock: _Clock,
          items: dict[int, list[ItemRow]] | None = None) -> list[ProjectRow]:
    session = ctx.session
    ids = [p.id for p in projects]
    items = items if items is not None else _item_rows(session, clock, ids)
    visits = _pending_visits(session, ids)
    loads = {a.employee_no: a.open_projects for a in agent_loads(ctx)}
    agents = {s.id: s for s in session.scalars(
        select(Staff).where(Staff.id.in_({p.agent_id for p in projects if p.agent_id} or {-1})))}
    result = []
    for p in projects:
        rows = items[p.id]
        own = clock.project_warning(p)
        parts = [(own, p.due_date)] if p.due_date else []
        parts += [(r.warning, r.due_date) for r in rows]
        warning = min([w for w, _ in parts if w in ("red", "yellow")] + [own], key=RANK.__getitem__)
        threatened = [d for w, d in parts if w in ("red", "yellow")]
        open_dates = [d for w, d in parts if w in ("green", "red", "yellow")]
        threat = min(threatened) if threatened else (min(open_dates) if open_dates else None)
        if p.status == ProjectStatus.completed:
            threat = None
        agent = agents.get(p.agent_id)
        key, text = _next_action(p, rows, clock, visits.get(p.id))
        result.append(ProjectRow(
            number=p.number, name=p.name, enterprise=p.enterprise.name, status=p.status.value,
            agent_no=agent.employee_no if agent else "", agent_name=agent.name if agent else "",
            agent_open_load=loads.get(agent.employee_no, 0) if agent else 0, investment_fen=p.investment_fen,
            materials_complete_on=p.materials_complete_on, due_date=p.due_date,
            days_left=clock.left(p.due_date) if p.due_date and p.status != ProjectStatus.completed else None,
            warning=warning, threat_date=threat, items_total=len(rows),
            items_closed=sum(1 for r in rows if r.warning == "none"),
            blockers=sum(1 for r in rows if r.blocker and r.warning != "none"),
            departments=len({r.department for r in rows}), next_action=text, next_action_key=key,
        ))
    return result


@use_case("proxy.work")
def worklist(ctx: Context, *, agent: str | None = None, include_completed: bool = False,
             today: date | None = None) -> list[ProjectRow]:
    """Projects, the most threatened first: every open one, or ``agent``'s (an employee number).

    ``include_completed`` adds the completed projects after the open ones; ``today``
    reads the clocks as on another day (default: the hall's today).
    """
    session = ctx.session
    clock = _Clock(session, today or ctx.today())
    stmt = select(Project).join(Enterprise, Project.enterprise_id == Enterprise.id)
    if agent:
        staff = session.scalar(select(Staff).where(Staff.employee_no == agent.strip()))
        if staff is None:
            raise NotFound("proxy.agent_not_found", employee_no=agent)
        stmt = stmt.where(Project.agent_id == staff.id)
    if not include_completed:
        stmt = stmt.where(Project.status != ProjectStatus.completed)
    projects = session.scalars(stmt.options(contains_eager(Project.enterprise)).order_by(Project.id)).all()
    rows = _rows(ctx, list(projects), clock)
    rows.sort(key=lambda r: (RANK[r.warning], r.threat_date or date.max, r.number))
    return rows


@use_case("proxy.work")
def worklist_view(ctx: Context, *, agent: str | None = None, include_completed: bool = False) -> WorklistView:
    """:func:`worklist` and :func:`agent_loads` read together, in one transaction."""
    return WorklistView(tuple(worklist(ctx, agent=agent, include_completed=include_completed)),
                        tuple(agent_loads(ctx)))


@use_case("proxy.work")
def timeline(ctx: Context, number: str) -> list[TimelineRow]:
    """Every step of the project and of its items' cases, oldest first, from the audit trail."""
    session = ctx.session
    project = load_project(session, number)
    cases = list(session.scalars(
        select(Case.number).join(ProjectItem, ProjectItem.case_id == Case.id)
        .where(ProjectItem.project_id == project.id)))
    condition = and_(AuditEvent.entity_type == ENTITY, AuditEvent.entity_id == project.number)
    if cases:
        condition = or_(condition, and_(AuditEvent.entity_type == "case", AuditEvent.entity_id.in_(cases)))
    events = session.execute(
        select(AuditEvent.at, AuditEvent.actor_no, AuditEvent.action, AuditEvent.entity_id, AuditEvent.summary)
        .where(condition).order_by(AuditEvent.id)
    ).all()
    return [TimelineRow(at, actor_no, action, subject, _summary(text)) for at, actor_no, action, subject, text in events]


def _summary(text: str) -> dict:
    try:
        value = json.loads(text or "{}")
    except ValueError:  # pragma: no cover - the audit trail writes JSON
        return {}
    return value if isinstance(value, dict) else {}


@use_case("proxy.work")
def project_detail(ctx: Context, number: str, *, today: date | None = None) -> ProjectDetail:
    """One project with its enterprise, items (worst first), visits and timeline.

    The contact phone is shown as the reader may see it (masked without ``personal.full``).
    """
    from console.proxy.visits import visit_rows

    session = ctx.session
    project = load_project(session, number)
    clock = _Clock(session, today or ctx.today())
    items = _item_rows(session, clock, [project.id])[project.id]
    row = _rows(ctx, [project], clock, {project.id: items})[0]
    by = session.get(Staff, project.handed_off_by) if project.handed_off_by else None
    ent = project.enterprise
    return ProjectDetail(
        row=row, uscc=ent.uscc, contact_name=ent.contact_name,
        contact_phone=shown_phone(ctx.actor, ent.contact_phone), legal_rep=ent.legal_rep, location=project.location,
        industry=project.industry, ticket_ref=project.ticket_ref, handed_off_at=project.handed_off_at,
        handed_off_by=by.employee_no if by else "", promised_days=project.promised_days,
        completed_date=project.completed_date, late=project.late, items=tuple(items),
        visits=tuple(v.as_dict() for v in visit_rows(session, project, clock.today)),
        timeline=tuple(timeline(ctx, project.number)),
    )
