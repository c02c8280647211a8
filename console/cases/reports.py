"""Case reports (accepted, completed, completion rate, overdue, fees) and the
efficiency supervision board (效能监察: yellow and red cases).

The report splits the period into whole months and the partial months at its
edges.  Whole months read the closed cases from ``case_month_stats`` (kept by
:mod:`console.cases.month_stats`; closed cases never change) plus the few open cases;
the edges group the ``cases`` rows themselves over the covering indexes
``ix_cases_report_department`` / ``ix_cases_report_month``.  The board reads the
open cases due by the yellow threshold through ``ix_cases_status_due``.  Names
are looked up afterwards in the small catalog and organization tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import and_, case as sql_case, func, or_, select
from sqlalchemy.orm import Session

from models import Case, CaseMonthStat, CaseStatus, Department, Item, Site, Window
from models.cases import OPEN_STATUSES

from console.core.errors import Invalid
from console.core.parsing import format_yuan
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

GROUPINGS = ("department", "window", "site", "item", "month", "level")


@dataclass(frozen=True)
class ReportRow:
    """One group of the case report."""

    key: str
    label: str
    accepted: int
    completed: int
    overdue: int
    fees_fen: int

    @property
    def completion_rate(self) -> float:
        """Completed / accepted, as a percentage with one decimal."""
        return round(100.0 * self.completed / self.accepted, 1) if self.accepted else 0.0

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "accepted": self.accepted, "completed": self.completed,
                "completion_rate": self.completion_rate, "overdue": self.overdue,
                "fees": format_yuan(self.fees_fen), "fees_fen": self.fees_fen}


@dataclass(frozen=True)
class CaseReport:
    """The report's groups and its total."""

    date_from: date
    date_to: date
    by: str
    rows: tuple[ReportRow, ...]
    total: ReportRow


_CASE_KEYS = {"department": Case.department_id, "window": Case.window_id, "site": Case.site_id,
              "item": Case.item_id, "month": Case.accepted_month}
_STAT_KEYS = {"department": CaseMonthStat.department_id, "window": CaseMonthStat.window_id,
              "site": CaseMonthStat.site_id, "item": CaseMonthStat.item_id, "month": CaseMonthStat.month}
_NOT_CLOSED = (*OPEN_STATUSES, CaseStatus.suspended)


def _sums(today: date):
    open_values = [s.value for s in OPEN_STATUSES]
    completed = func.sum(sql_case((Case.status == CaseStatus.completed, 1), else_=0))
    overdue = func.sum(sql_case((or_(Case.late.is_(True),
                                     and_(Case.status.in_(open_values), Case.due_date < today)), 1), else_=0))
    return func.count(), completed, overdue, func.sum(Case.fee_paid_fen)


def report_statement(date_from: date, date_to: date, by: str, today: date):
    """The plain aggregate over ``cases`` rows accepted in the period (used for partial months)."""
    key = _CASE_KEYS[by]
    # the month bounds let the month index seek to the period instead of scanning every case
    return (select(key, *_sums(today))
            .where(Case.accepted_month >= date_from.year * 100 + date_from.month,
                   Case.accepted_month <= date_to.year * 100 + date_to.month,
                   Case.accepted_date >= date_from, Case.accepted_date <= date_to)
            .group_by(key))


def _whole_months(date_from: date, date_to: date) -> tuple[date, date] | None:
    """The first and last day of the whole months inside the period, if any."""
    from datetime import timedelta

    first = date_from if date_from.day == 1 else (date_from.replace(day=28) + timedelta(days=4)).replace(day=1)
    after = date_to + timedelta(days=1)
    last = date_to if after.day == 1 else date_to.replace(day=1) - timedelta(days=1)
    return (first, last) if first <= last else None


def report_figures(session: Session, date_from: date, date_to: date, by: str,
                   today: date) -> dict[object, list[int]]:
    """key → [accepted, completed, overdue, fees_fen] for the cases accepted in the period."""
    from datetime import timedelta

    totals: dict[object, list[int]] = {}

    def add(rows) -> None:
        for key, accepted, completed, overdue, fees in rows:
            if by == "window" and key == 0:
                key = None
            acc = totals.setdefault(key, [0, 0, 0, 0])
            acc[0] += int(accepted or 0)
            acc[1] += int(completed or 0)
            acc[2] += int(overdue or 0)
            acc[3] += int(fees or 0)

    whole = _whole_months(date_from, date_to)
    if whole is None:
        add(session.execute(report_statement(date_from, date_to, by, today)))
        return totals
    first, last = whole
    m_lo, m_hi = first.year * 100 + first.month, last.year * 100 + last.month
    skey = _STAT_KEYS[by]
    add(session.execute(
        select(skey, func.sum(CaseMonthStat.closed), func.sum(CaseMonthStat.completed),
               func.sum(CaseMonthStat.late), func.sum(CaseMonthStat.fees_fen))
        .where(CaseMonthStat.month >= m_lo, CaseMonthStat.month <= m_hi).group_by(skey)))
    key = _CASE_KEYS[by]
    add(session.execute(
        select(key, *_sums(today))
        .where(Case.status.in_(_NOT_CLOSED), Case.accepted_month >= m_lo, Case.accepted_month <= m_hi)
        .group_by(key)))
    if date_from < first:
        add(session.execute(report_statement(date_from, first - timedelta(days=1), by, today)))
    if last < date_to:
        add(session.execute(report_statement(last + timedelta(days=1), date_to, by, today)))
    return totals


def _labels(session: Session, by: str, keys: list) -> dict:
    ids = [k for k in keys if k is not None]
    if by == "department":
        return {d.id: f"{d.code} {d.name}" for d in session.scalars(select(Department).where(Department.id.in_(ids)))}
    if by == "site":
        return {s.id: f"{s.code} {s.name}" for s in session.scalars(select(Site).where(Site.id.in_(ids)))}
    if by == "item":
        return {i.id: f"{i.code} {i.name}" for i in session.scalars(select(Item).where(Item.id.in_(ids)))}
    if by == "window":
        rows = session.execute(select(Window.id, Site.code, Window.number, Window.name)
                               .join(Site, Window.site_id == Site.id).where(Window.id.in_(ids)))
        return {wid: f"{code}/{number} {name}" for wid, code, number, name in rows}
    return {k: f"{k // 100:04d}-{k % 100:02d}" for k in ids}


#: the levels of the three-level network, in order
LEVELS = ("center", "township", "village")


def _by_level(session: Session, by_site: dict) -> tuple[dict, dict]:
    """Site figures added up by the level of the site where the cases were received."""
    kinds = dict(session.execute(select(Site.id, Site.kind)).all())
    totals: dict[object, list[int]] = {}
    for site_id, values in by_site.items():
        kind = kinds.get(site_id)
        key = LEVELS.index(kind.value) if kind is not None else None
        acc = totals.setdefault(key, [0, 0, 0, 0])
        for i, v in enumerate(values):
            acc[i] += v
    from console.core.i18n import t

    return totals, {i: t(f"law.level_{name}") for i, name in enumerate(LEVELS)}


@use_case("case.read_all")
def case_report(ctx: Context, date_from: date, date_to: date, by: str = "department",
                *, today: date | None = None) -> CaseReport:
    """Cases accepted between the two dates (inclusive), grouped ``by`` department, window,
    site, item or month: accepted, completed, completion rate, overdue, fees."""
    session = ctx.session
    if by not in GROUPINGS:
        raise Invalid("case.report_bad_by", field="by", value=by, choices=", ".join(GROUPINGS))
    if date_to < date_from:
        raise Invalid("case.report_bad_range", field="to")
    today = today or ctx.today()
    if by == "level":
        figures, labels = _by_level(session, report_figures(session, date_from, date_to, "site", today))
    else:
        figures = report_figures(session, date_from, date_to, by, today)
        labels = _labels(session, by, list(figures))
    rows = []
    for key, (accepted, completed, overdue, fees) in figures.items():
        label = labels.get(key, "-")
        rows.append(ReportRow("" if key is None else str(key), label, int(accepted), int(completed or 0),
                              int(overdue or 0), int(fees or 0)))
    rows.sort(key=lambda r: (r.key == "", r.label if by not in ("month", "level") else r.key))
    total = ReportRow("", "", sum(r.accepted for r in rows), sum(r.completed for r in rows),
                      sum(r.overdue for r in rows), sum(r.fees_fen for r in rows))
    return CaseReport(date_from, date_to, by, tuple(rows), total)


@dataclass(frozen=True)
class WarnCase:
    """An at-risk (yellow) or overdue (red) case on the supervision board."""

    number: str
    level: str
    due_date: date
    status: str
    department: str
    window: str
    item: str
    applicant: str

    def as_dict(self) -> dict:
        return {"number": self.number, "level": self.level, "due_date": self.due_date.isoformat(),
                "status": self.status, "department": self.department, "window": self.window,
                "item": self.item, "applicant": self.applicant}


@dataclass(frozen=True)
class WarnCount:
    """Yellow and red counts of one department or window."""

    label: str
    yellow: int
    red: int


@dataclass(frozen=True)
class SupervisionBoard:
    """Everything the supervisor screen shows, computed in one cheap query."""

    today: date
    yellow_from: date
    cases: tuple[WarnCase, ...]
    by_department: tuple[WarnCount, ...]
    by_window: tuple[WarnCount, ...]
    #: from November: next year, when its official calendar is not imported yet
    calendar_missing: int | None = None
    #: receipts past the 5-working-day notice limit without an outcome: deemed accepted (§32(4))
    deemed_receipts: int = 0

    @property
    def yellow(self) -> int:
        return sum(1 for c in self.cases if c.level == "yellow")

    @property
    def red(self) -> int:
        return sum(1 for c in self.cases if c.level == "red")


@use_case("case.supervise")
def supervision_board(ctx: Context, *, today: date | None = None, limit: int = 2000) -> SupervisionBoard:
    """Open cases in their last working day(s) (yellow) or past due (red), by department and window."""
    from console.cases.access import yellow_threshold
    from console.cases.clock import next_year_missing
    from console.cases.receipt import deemed_receipts

    session = ctx.session
    today = today or ctx.today()
    threshold = yellow_threshold(session, today)
    stmt = (select(Case.number, Case.due_date, Case.status, Department.name, Site.code, Window.number,
                   Item.name, Case.applicant_name)
            .join(Department, Case.department_id == Department.id)
            .join(Item, Case.item_id == Item.id)
            .join(Site, Case.site_id == Site.id)
            .outerjoin(Window, Case.window_id == Window.id)
            .where(Case.status.in_(OPEN_STATUSES), Case.due_date <= threshold)
            .order_by(Case.due_date, Case.number).limit(limit))
    cases = []
    by_dept: dict[str, list[int]] = {}
    by_window: dict[str, list[int]] = {}
    for number, due, status, dept, site, window, item, applicant in session.execute(stmt):
        level = "red" if due < today else "yellow"
        wlabel = f"{site}/{window}" if window else site
        cases.append(WarnCase(number, level, due, status.value, dept, wlabel, item, applicant))
        i = 1 if level == "red" else 0
        by_dept.setdefault(dept, [0, 0])[i] += 1
        by_window.setdefault(wlabel, [0, 0])[i] += 1
    return SupervisionBoard(
        today, threshold, tuple(cases),
        tuple(WarnCount(k, v[0], v[1]) for k, v in sorted(by_dept.items())),
        tuple(WarnCount(k, v[0], v[1]) for k, v in sorted(by_window.items())),
        next_year_missing(session, today), deemed_receipts(session, today),
    )
