"""Head on-site days (一把手现场办公): each department head works one day a quarter at the hall.

A supervisor records the day (department, the head's name, the date, the window,
the problems solved); the compliance view lists every stationed department for a
quarter and flags those whose head has no day in it.  Recording needs
``assess.manage``; the lists ``assess.read``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models import Department, OnsiteDay, Site, Staff, Window

from console.assess.common import find_window, parse_quarter, quarter_of, window_label
from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import use_case


@dataclass(frozen=True)
class OnsiteRow:
    """One recorded on-site day."""

    id: int
    date: date
    department: str
    department_name: str
    head: str
    window: str | None
    problems: str
    solved: int
    recorded_by: str

    def as_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return data


@dataclass(frozen=True)
class ComplianceRow:
    """A department's on-site days in a quarter; ``compliant`` is false when it has none."""

    department: str
    department_name: str
    days: int
    last_day: date | None
    compliant: bool

    def as_dict(self) -> dict:
        data = asdict(self)
        data["last_day"] = self.last_day.isoformat() if self.last_day else None
        return data


def _department(session: Session, text: str) -> Department:
    dept = session.scalar(select(Department).where(or_(Department.code == (text or "").strip(),
                                                       Department.name == (text or "").strip())))
    if dept is None:
        raise NotFound("assess.department_not_found", department=text)
    return dept


def _row(session: Session, day: OnsiteDay) -> OnsiteRow:
    dept = session.get(Department, day.department_id)
    label = None
    if day.window_id:
        w = session.get(Window, day.window_id)
        label = window_label(w, session.get(Site, w.site_id))
    by = session.get(Staff, day.recorded_by_id)
    return OnsiteRow(id=day.id, date=day.day, department=dept.code, department_name=dept.name,
                     head=day.head_name, window=label, problems=day.problems, solved=day.solved,
                     recorded_by=by.employee_no)


@use_case("assess.manage", write=True, audit="assess.onsite_added")
def add_onsite_day(ctx: Context, department: str, *, head: str, day: date,
                   window: str | None = None, problems: str = "", solved: int = 0) -> OnsiteRow:
    """Record a department head's day at the hall; one per department and date."""
    session = ctx.session
    dept = _department(session, department)
    head = (head or "").strip()
    if not head or len(head) > 50:
        raise Invalid("assess.onsite_head_required", field="head")
    if day > ctx.today():
        raise Invalid("assess.future_date", field="date", date=day.isoformat())
    from console.calendar.workdays import load_calendar

    if not load_calendar(session).is_workday(day):
        raise Invalid("law.onsite_not_workday", field="date", date=day.isoformat())
    if not isinstance(solved, int) or solved < 0:
        raise Invalid("assess.onsite_bad_solved", field="solved")
    win = find_window(session, window) if window else None
    if session.scalar(select(OnsiteDay.id).where(OnsiteDay.department_id == dept.id, OnsiteDay.day == day)):
        raise Conflict("assess.onsite_exists", department=dept.code, date=day.isoformat())
    record = OnsiteDay(department_id=dept.id, head_name=head, day=day, window_id=win.id if win else None,
                       problems=(problems or "").strip(), solved=solved, recorded_by_id=ctx.actor.id,
                       recorded_at=ctx.now())
    session.add(record)
    session.flush()
    row = _row(session, record)
    ctx.audit("assess.onsite_added", "assess_onsite_day", record.id, row.as_dict())
    return row


@use_case("assess.read")
def list_onsite_days(ctx: Context, *, quarter: str | None = None,
                     department: str | None = None) -> list[OnsiteRow]:
    """On-site days by date, optionally of one quarter and one department."""
    session = ctx.session
    stmt = select(OnsiteDay).order_by(OnsiteDay.day, OnsiteDay.id)
    if quarter:
        q = parse_quarter(quarter)
        stmt = stmt.where(OnsiteDay.day >= q.start, OnsiteDay.day < q.end)
    if department:
        stmt = stmt.where(OnsiteDay.department_id == _department(session, department).id)
    return [_row(session, d) for d in session.scalars(stmt)]


@use_case("assess.read")
def onsite_compliance(ctx: Context, quarter: str | None = None) -> list[ComplianceRow]:
    """Every active department and its on-site days in ``quarter`` (default this one); missing ones first."""
    session = ctx.session
    q = parse_quarter(quarter) if quarter else quarter_of(ctx.today())
    days: dict[int, list[date]] = {}
    for dept_id, day in session.execute(select(OnsiteDay.department_id, OnsiteDay.day)
                                        .where(OnsiteDay.day >= q.start, OnsiteDay.day < q.end)):
        days.setdefault(dept_id, []).append(day)
    rows = [ComplianceRow(department=d.code, department_name=d.name, days=len(days.get(d.id, [])),
                          last_day=max(days[d.id]) if d.id in days else None, compliant=d.id in days)
            for d in session.scalars(select(Department).where(Department.active.is_(True)))]
    rows.sort(key=lambda r: (r.compliant, r.department))
    return rows
