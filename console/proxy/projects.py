"""The proxy service section (代办科): hand-off, assignment, the project clock, completion.

One use case per function, ``fn(ctx, ...)``, declared with its permission and the
audit actions it appends: validation first, then the writes, all in one transaction.
Items (each a case) live in :mod:`console.proxy.items`, follow-up visits in
:mod:`console.proxy.visits`, the worklist and detail views in
:mod:`console.proxy.views`, the figures in :mod:`console.proxy.report`.

Who may act on a project: the agent it is assigned to, or anybody holding
``proxy.manage`` (a supervisor).  An agent acting on another agent's project is
refused and nothing is written.  Reading projects needs ``proxy.work``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Enterprise, Project, ProjectStatus, ProjectVisit, Setting, Staff
from models.cases import CaseStatus

from console.calendar.workdays import load_calendar
from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from console.core.parsing import format_yuan
from console.core.permissions import allowed
from console.core.personal import validate_phone, validate_uscc
from console.core.runner import use_case
from console.proxy.fields import investment_fen

#: settings (``settings`` table) and their defaults
PROMISE_DAYS_KEY = "proxy.promise_days"
RISK_DAYS_KEY = "proxy.risk_days"
VISIT_DAYS_KEY = "proxy.visit_days"
DEFAULTS = {PROMISE_DAYS_KEY: 20, RISK_DAYS_KEY: 3, VISIT_DAYS_KEY: 10}

#: the audit trail's entity type of a project (its entity id is the project number)
ENTITY = "proxy_project"

#: case statuses that close an item (nothing more will happen to it)
CLOSED_CASE_STATUSES = (CaseStatus.completed, CaseStatus.withdrawn, CaseStatus.ended)


@dataclass(frozen=True)
class EnterpriseData:
    """The investor as the window takes it down: name, credit code, contact person and phone,
    and the legal representative when known."""

    name: str = ""
    uscc: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    legal_rep: str = ""


@dataclass(frozen=True)
class ProjectData:
    """The project as handed off: name, location, investment in yuan, industry."""

    name: str = ""
    location: str = ""
    investment_yuan: str | int | Decimal = "0"
    industry: str = ""


def setting_int(session: Session, key: str) -> int:
    """A proxy setting as a positive integer (the default when unset or unreadable)."""
    row = session.get(Setting, key)
    try:
        value = int(row.value) if row is not None else DEFAULTS[key]
    except ValueError:
        value = DEFAULTS[key]
    return value if value > 0 else DEFAULTS[key]


@use_case("proxy.work")
def settings(ctx: Context) -> dict[str, int]:
    """The proxy settings in force: promise, at-risk and follow-up days (working days)."""
    return {key: setting_int(ctx.session, key) for key in DEFAULTS}


@use_case("proxy.manage", write=True, audit="proxy.configure")
def configure(ctx: Context, values: Mapping[str, int]) -> dict[str, int]:
    """Change proxy settings (supervisors): each a whole number of working days, 1 to 250.

    A new promise applies to projects whose materials become complete from now on;
    each project keeps the promise it started under.
    """
    session = ctx.session
    changed = {}
    for key, value in values.items():
        if key not in DEFAULTS:
            raise Invalid("proxy.setting_unknown", field="setting", key=key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 250:
            raise Invalid("proxy.setting_range", field=key, key=key, value=value)
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=str(value)))
        else:
            row.value = str(value)
        changed[key] = value
    if changed:
        ctx.audit("proxy.configure", "setting", ",".join(sorted(changed)), changed)
    session.flush()
    return settings(ctx)


def promise_days(session: Session) -> int:
    """The working days the hall promises investors (default 20)."""
    return setting_int(session, PROMISE_DAYS_KEY)


def _data(cls, value):
    if value is None:
        return None
    if isinstance(value, cls):
        return value
    if isinstance(value, Mapping):
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in value.items() if k in names})
    raise TypeError(f"expected {cls.__name__} or a mapping")


def _text(value: object, key: str, field: str, limit: int) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise Invalid(key, field=field)
    if len(text) > limit:
        raise Invalid("proxy.too_long", field=field, limit=limit)
    return text


def next_project_number(session: Session, year: int) -> str:
    """The next project number of ``year``: ``XM2026-0001``, unique across terminals.

    The counter is the intake's numbering counter (scope ``proxy:YEAR``), so two
    terminals never draw the same number.
    """
    from console.cases.numbering import next_value

    return f"XM{year}-{next_value(session, f'proxy:{year}'):04d}"


def load_project(session: Session, number: str, *, for_update: bool = False) -> Project:
    """The project ``number`` (:class:`NotFound` otherwise)."""
    stmt = select(Project).where(Project.number == (number or "").strip().upper())
    if for_update and session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    project = session.scalar(stmt)
    if project is None:
        raise NotFound("proxy.project_not_found", number=number)
    return project


def require_own(actor, project: Project) -> None:
    """Allow the project's own agent and supervisors (``proxy.manage``); refuse anybody else.

    The use cases calling it declare ``proxy.work``; this is the finer check.
    """
    if allowed(actor.role, "proxy.manage"):
        return
    if project.agent_id is None:
        raise Conflict("proxy.take_first", number=project.number)
    if project.agent_id != actor.id:
        raise PermissionDenied("proxy.not_your_project", number=project.number)


def require_open(project: Project) -> None:
    """Refuse changes to a completed project."""
    if project.status == ProjectStatus.completed:
        raise Conflict("proxy.project_completed", number=project.number)


def _enterprise(ctx: Context, data: EnterpriseData | None) -> tuple[Enterprise, bool]:
    if data is None or not (str(data.name or "").strip() or str(data.uscc or "").strip()):
        raise Invalid("proxy.enterprise_required", field="enterprise")
    name = _text(data.name, "proxy.enterprise_name_required", "enterprise", 200)
    if not str(data.uscc or "").strip():
        raise Invalid("proxy.uscc_required", field="uscc")
    code = validate_uscc(data.uscc, field="uscc")
    contact = _text(data.contact_name, "proxy.contact_required", "contact", 50)
    if not str(data.contact_phone or "").strip():
        raise Invalid("proxy.phone_required", field="phone")
    phone = validate_phone(data.contact_phone, field="phone")
    legal_rep = " ".join(str(data.legal_rep or "").split())
    if len(legal_rep) > 50:
        raise Invalid("proxy.too_long", field="legal_rep", limit=50)
    session = ctx.session
    existing = session.scalar(select(Enterprise).where(Enterprise.uscc == code))
    if existing is not None:
        existing.name, existing.contact_name, existing.contact_phone = name, contact, phone
        existing.legal_rep = legal_rep or existing.legal_rep
        return existing, False
    enterprise = Enterprise(name=name, uscc=code, contact_name=contact, contact_phone=phone,
                            legal_rep=legal_rep, created_at=ctx.now())
    session.add(enterprise)
    return enterprise, True


@use_case("proxy.handoff", write=True, audit="proxy.handoff")
def handoff(ctx: Context, enterprise=None, project=None, ticket: str | None = None,
            at: datetime | None = None) -> Project:
    """Hand an investor's project to the proxy section (from a window, or the shell).

    ``enterprise`` is an :class:`EnterpriseData` (or a mapping of its fields): name,
    unified social credit code (checked, GB 32100), contact name and phone;
    ``project`` a :class:`ProjectData`: name, location, investment in yuan (stored
    exactly as fen, never negative), industry.  An existing enterprise (same code)
    is reused with the contact details given.  ``ticket`` names the queue ticket the
    investor was served under; it is closed as handed off
    (:func:`console.proxy.ticket.close_ticket_as_handed_off`).  ``at``: when it was handed off
    (history; default now) — the project is numbered in that year.
    """
    session, actor = ctx.session, ctx.actor
    enterprise_data = _data(EnterpriseData, enterprise)
    project_data = _data(ProjectData, project)
    if project_data is None:
        raise Invalid("proxy.project_required", field="project")
    name = _text(project_data.name, "proxy.project_name_required", "project", 200)
    location = _text(project_data.location, "proxy.location_required", "location", 200)
    industry = _text(project_data.industry, "proxy.industry_required", "industry", 100)
    investment = investment_fen(project_data.investment_yuan)
    ent, created = _enterprise(ctx, enterprise_data)
    session.flush()
    stamp = at or ctx.now()
    row = Project(
        number=next_project_number(session, stamp.year), enterprise=ent, name=name, location=location,
        industry=industry, investment_fen=investment, status=ProjectStatus.handed_off,
        handed_off_by=actor.id or None, handed_off_at=stamp, updated_at=stamp,
    )
    session.add(row)
    session.flush()
    if ticket is not None and str(ticket).strip():
        from console.proxy.ticket import close_ticket_as_handed_off

        from console.proxy.kept import forget_handed_off

        row.ticket_ref = close_ticket_as_handed_off(ctx, str(ticket).strip())
        forget_handed_off(ctx, str(ticket).strip())  # a form kept for it is done with
    ctx.audit("proxy.handoff", ENTITY, row.number, {
        "enterprise": ent.name, "uscc": ent.uscc, "enterprise_new": created, "project": name,
        "location": location, "industry": industry, "investment_yuan": format_yuan(investment),
        "ticket": row.ticket_ref,
    })
    return row


def _agent(session: Session, employee_no: str) -> Staff:
    staff = session.scalar(select(Staff).where(Staff.employee_no == (employee_no or "").strip()))
    if staff is None or not staff.active:
        raise NotFound("proxy.agent_not_found", employee_no=employee_no)
    if not allowed(staff.role, "proxy.work"):
        raise Invalid("proxy.not_an_agent", field="agent", employee_no=staff.employee_no)
    return staff


@use_case("proxy.work", write=True, audit="proxy.take")
def take(ctx: Context, number: str) -> Project:
    """A proxy agent takes a project nobody carries yet."""
    actor = ctx.actor
    project = load_project(ctx.session, number, for_update=True)
    require_open(project)
    if project.agent_id is not None:
        if project.agent_id == actor.id:
            raise Conflict("proxy.already_yours", number=project.number)
        raise Conflict("proxy.already_taken", number=project.number)
    project.agent_id = actor.id
    project.status = ProjectStatus.assigned
    project.updated_at = ctx.now()
    ctx.audit("proxy.take", ENTITY, project.number, {"agent": actor.employee_no})
    return project


@use_case("proxy.manage", write=True, audit="proxy.assign")
def assign(ctx: Context, number: str, agent: str) -> Project:
    """A supervisor gives a project (new or reassigned) to an agent."""
    session = ctx.session
    project = load_project(session, number, for_update=True)
    require_open(project)
    staff = _agent(session, agent)
    before = session.get(Staff, project.agent_id).employee_no if project.agent_id else None
    if project.agent_id == staff.id:
        raise Conflict("proxy.already_assigned", number=project.number, employee_no=staff.employee_no)
    project.agent_id = staff.id
    project.status = ProjectStatus.assigned
    project.updated_at = ctx.now()
    ctx.audit("proxy.assign", ENTITY, project.number, {"agent": staff.employee_no, "previous": before})
    return project


@use_case("proxy.work", write=True, audit="proxy.materials_complete")
def materials_complete(ctx: Context, number: str, on: date | None = None) -> Project:
    """Record the day the investor's materials are complete: the project clock starts.

    The due date is the ``proxy.promise_days``-th working day after ``on`` (default
    today); the promise in force that day is kept on the project.
    """
    session = ctx.session
    project = load_project(session, number, for_update=True)
    require_own(ctx.actor, project)
    require_open(project)
    if project.materials_complete_on is not None:
        raise Conflict("proxy.materials_already", number=project.number,
                       day=project.materials_complete_on.isoformat())
    day = on or ctx.today()
    if day > ctx.today():
        raise Invalid("proxy.date_in_future", field="on", day=day.isoformat())
    if day < project.handed_off_at.date():
        raise Invalid("proxy.date_before_handoff", field="on", day=day.isoformat())
    days = promise_days(session)
    project.materials_complete_on = day
    project.promised_days = days
    project.due_date = load_calendar(session).add(day, days)
    project.updated_at = ctx.now()
    ctx.audit("proxy.materials_complete", ENTITY, project.number,
              {"on": day.isoformat(), "promised_days": days, "due_date": project.due_date.isoformat()})
    return project


@use_case("proxy.work", write=True, audit="proxy.complete")
def complete(ctx: Context, number: str) -> Project:
    """Close a project whose items are all closed; schedule its follow-up visit.

    The completion date is the day its last case was completed; ``late`` records
    whether that was after the project's due date.  The visit is due
    ``proxy.visit_days`` working days later.
    """
    from models import Case, ProjectItem

    session = ctx.session
    project = load_project(session, number, for_update=True)
    require_own(ctx.actor, project)
    require_open(project)
    if project.materials_complete_on is None:
        raise Conflict("proxy.materials_not_complete", number=project.number)
    cases = session.scalars(
        select(Case).join(ProjectItem, ProjectItem.case_id == Case.id).where(ProjectItem.project_id == project.id)
    ).all()
    if not cases:
        raise Conflict("proxy.no_items", number=project.number)
    still_open = sorted(c.number for c in cases if c.status not in CLOSED_CASE_STATUSES)
    if still_open:
        raise Conflict("proxy.items_open", number=project.number, cases=", ".join(still_open))
    done = [c.completed_date or (c.completed_at.date() if c.completed_at else None)
            for c in cases if c.status == CaseStatus.completed]
    done = [d for d in done if d is not None]
    if not done:
        raise Conflict("proxy.nothing_completed", number=project.number)
    stamp = ctx.now()
    finished = max(max(done), project.materials_complete_on)
    project.status = ProjectStatus.completed
    project.completed_at = stamp
    project.completed_date = finished
    project.late = finished > project.due_date
    project.updated_at = stamp
    visit_on = load_calendar(session).add(finished, setting_int(session, VISIT_DAYS_KEY))
    project.visits.append(ProjectVisit(project_id=project.id, scheduled_on=visit_on))
    ctx.audit("proxy.complete", ENTITY, project.number, {
        "completed_date": finished.isoformat(), "due_date": project.due_date.isoformat(), "late": project.late,
        "visit_scheduled": visit_on.isoformat(),
    })
    return project
