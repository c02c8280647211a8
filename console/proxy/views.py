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
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, contains_eager

from models import AuditEvent, Case, Department, Enterprise, Item, Project, ProjectItem, ProjectStatus, Staff
from models.base import today as hall_today
from models.cases import CaseStatus

from console.core.errors import NotFound
from console.core.i18n import t
from console.proxy.projects import (
    ENTITY,
    RISK_DAYS_KEY,
    fen_to_yuan_text,
    load_project,
    require_read,
    setting_int,
)
from console.proxy.compat import calendar, case_yellow_days, shown_phone, workdays_left

#: order of warnings, worst first
RANK = {"red": 0, "yellow": 1, "green": 2, "waiting": 3, "none": 4}
OPEN_CASE = (CaseStatus.accepted, CaseStatus.under_review, CaseStatus.decided)
CLOSED_CASE = (CaseStatus.completed, CaseStatus.withdrawn, CaseStatus.ended)


@dataclass(frozen=True)
class ItemRow:
    """One item of a project: its case, department, clock and blocker."""

    item_code: str
    item_name: str
    department: str
    case_number: str
    case_status: str
    due_date: date
    days_left: int | None
    warning: str
    blocker: str
    blocker_since: date | None

    def as_dict(self) -> dict:
        return {
            "item_code": self.item_code, "item_name": self.item_name, "department": self.department,
            "case_number": self.case_number, "case_status": self.case_status,
            "due_date": self.due_date.isoformat(), "days_left": self.days_left, "warning": self.warning,
            "blocker": self.blocker, "blocker_since": self.blocker_since.isoformat() if self.blocker_since else None,
        }


@dataclass(frozen=True)
class ProjectRow:
    """A worklist row: the project, its agent, its one clock and the next action."""

    number: str
    name: str
    enterprise: str
    status: str
    agent_no: str
    agent_name: str
    agent_open_load: int
    investment_fen: int
    materials_complete_on: date | None
    due_date: date | None
    days_left: int | None
    warning: str
    threat_date: date | None
    items_total: int
    items_closed: int
    blockers: int
    departments: int
    next_action: str
    next_action_key: str

    def as_dict(self) -> dict:
        return {
            "number": self.number, "name": self.name, "enterprise": self.enterprise, "status": self.status,
            "agent": self.agent_no or None, "agent_name": self.agent_name or None,
            "agent_open_load": self.agent_open_load,
            "investment_yuan": fen_to_yuan_text(self.investment_fen),
            "materials_complete_on": _iso(self.materials_complete_on), "due_date": _iso(self.due_date),
            "days_left": self.days_left, "warning": self.warning, "threat_date": _iso(self.threat_date),
            "items": self.items_total, "items_closed": self.items_closed, "blockers": self.blockers,
            "departments": self.departments, "next_action": self.next_action,
            "next_action_key": self.next_action_key,
        }


@dataclass(frozen=True)
class TimelineRow:
    """One step of a project's history, from the audit trail."""

    at: datetime
    actor_no: str
    action: str
    subject: str
    summary: dict

    @property
    def text(self) -> str:
        """The step in words (the action's catalog name, else the action code)."""
        key = f"proxy.action.{self.action}"
        name = t(key)
        return self.action if name == key else name

    def as_dict(self) -> dict:
        return {"at": self.at.isoformat(sep=" "), "actor": self.actor_no, "action": self.action,
                "text": self.text, "subject": self.subject, "summary": self.summary}


@dataclass(frozen=True)
class ProjectDetail:
    """Everything about one project for ``proxy show`` and the detail screen."""

    row: ProjectRow
    uscc: str
    contact_name: str
    contact_phone: str
    legal_rep: str
    location: str
    industry: str
    ticket_ref: str
    handed_off_at: datetime
    handed_off_by: str
    promised_days: int | None
    completed_date: date | None
    late: bool
    items: tuple[ItemRow, ...] = ()
    visits: tuple[dict, ...] = ()
    timeline: tuple[TimelineRow, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        data = self.row.as_dict()
        data.update({
            "uscc": self.uscc, "contact_name": self.contact_name, "contact_phone": self.contact_phone,
            "legal_rep": self.legal_rep, "location": self.location, "industry": self.industry,
            "ticket": self.ticket_ref or None, "handed_off_at": self.handed_off_at.isoformat(sep=" "),
            "handed_off_by": self.handed_off_by, "promised_days": self.promised_days,
            "completed_date": _iso(self.completed_date), "late": self.late,
            "item_rows": [i.as_dict() for i in self.items], "visits": list(self.visits),
            "timeline": [r.as_dict() for r in self.timeline],
        })
        return data


@dataclass(frozen=True)
class AgentLoad:
    """An agent and the projects and items they carry now."""

    employee_no: str
    name: str
    open_projects: int
    open_items: int

    def as_dict(self) -> dict:
        return {"employee_no": self.employee_no, "name": self.name, "open_projects": self.open_projects,
                "open_items": self.open_items}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


class _Clock:
    """Warnings for one reading: today's date, the calendar and both thresholds."""

    def __init__(self, session: Session, today: date | None = None) -> None:
        self.today = today or hall_today()
        self.cal = calendar(session)
        self.risk_days = setting_int(session, RISK_DAYS_KEY)
        yellow = case_yellow_days(session)
        self.case_yellow_from = self.cal.add(self.today, yellow - 1) if yellow > 1 else self.today

    def left(self, due: date) -> int:
        return workdays_left(self.cal, self.today, due)

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


def agent_loads(session: Session, actor) -> list[AgentLoad]:
    """Every active proxy agent (and anybody carrying a project) with their open projects and items."""
    require_read(actor)
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
    from models import Role

    staff = session.scalars(
        select(Staff).where(or_(and_(Staff.role == Role.proxy_agent, Staff.active.is_(True)),
                                Staff.id.in_(list(projects) or [-1])))
        .order_by(Staff.employee_no)
    ).all()
    return [AgentLoad(s.employee_no, s.name, projects.get(s.id, 0), items.get(s.id, 0)) for s in staff]


def _rows(session: Session, actor, projects: list[Project], clock: _Clock,
          items: dict[int, list[ItemRow]] | None = None) -> list[ProjectRow]:
    ids = [p.id for p in projects]
    items = items if items is not None else _item_rows(session, clock, ids)
    visits = _pending_visits(session, ids)
    loads = {a.employee_no: a.open_projects for a in agent_loads(session, actor)}
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


def worklist(session: Session, actor, *, agent: str | None = None, include_completed: bool = False,
             today: date | None = None) -> list[ProjectRow]:
    """Projects, the most threatened first: every open one, or ``agent``'s (an employee number).

    ``include_completed`` adds the completed projects after the open ones.
    """
    require_read(actor)
    clock = _Clock(session, today)
    stmt = select(Project).join(Enterprise, Project.enterprise_id == Enterprise.id)
    if agent:
        staff = session.scalar(select(Staff).where(Staff.employee_no == agent.strip()))
        if staff is None:
            raise NotFound("proxy.agent_not_found", employee_no=agent)
        stmt = stmt.where(Project.agent_id == staff.id)
    if not include_completed:
        stmt = stmt.where(Project.status != ProjectStatus.completed)
    projects = session.scalars(stmt.options(contains_eager(Project.enterprise)).order_by(Project.id)).all()
    rows = _rows(session, actor, list(projects), clock)
    rows.sort(key=lambda r: (RANK[r.warning], r.threat_date or date.max, r.number))
    return rows


def timeline(session: Session, actor, number: str) -> list[TimelineRow]:
    """Every step of the project and of its items' cases, oldest first, from the audit trail."""
    require_read(actor)
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


def project_detail(session: Session, actor, number: str, *, today: date | None = None) -> ProjectDetail:
    """One project with its enterprise, items (worst first), visits and timeline."""
    from console.proxy.visits import visit_rows

    require_read(actor)
    project = load_project(session, number)
    clock = _Clock(session, today)
    items = _item_rows(session, clock, [project.id])[project.id]
    row = _rows(session, actor, [project], clock, {project.id: items})[0]
    by = session.get(Staff, project.handed_off_by) if project.handed_off_by else None
    ent = project.enterprise
    return ProjectDetail(
        row=row, uscc=ent.uscc, contact_name=ent.contact_name,
        contact_phone=shown_phone(actor, ent.contact_phone), legal_rep=ent.legal_rep, location=project.location,
        industry=project.industry, ticket_ref=project.ticket_ref, handed_off_at=project.handed_off_at,
        handed_off_by=by.employee_no if by else "", promised_days=project.promised_days,
        completed_date=project.completed_date, late=project.late, items=tuple(items),
        visits=tuple(v.as_dict() for v in visit_rows(session, project, clock.today)),
        timeline=tuple(timeline(session, actor, project.number)),
    )
