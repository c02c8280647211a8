"""What the proxy views return: worklist rows, a project's items, detail and timeline, agents' loads.

Plain frozen dataclasses with ``as_dict()`` (the CLI's ``--json``); computed by
:mod:`console.proxy.views`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from console.core.i18n import t
from console.core.parsing import format_yuan


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
            "investment_yuan": format_yuan(self.investment_fen),
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


@dataclass(frozen=True)
class WorklistView:
    """The worklist and, beside it, every agent's open load (the console's and ``proxy list``'s one read)."""

    rows: tuple[ProjectRow, ...]
    loads: tuple[AgentLoad, ...]

    def as_dict(self) -> dict:
        return {"rows": [r.as_dict() for r in self.rows], "loads": [a.as_dict() for a in self.loads]}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
