"""The legal clock of a case: where it starts, its due date, and whether that date is provisional.

* The clock starts on the day of acceptance (民法典 §201: that day is not counted);
  a case **deemed accepted** (no deficiency notice within 5 working days of
  receipt, 行政许可法 §32(4)) starts on the day the materials were received.
* The due date is counted on the hall's calendar through the promised days, the
  extension and the closed suspensions (§45); when a year on the way has no
  official calendar yet, the date is **provisional** and says so.
* :func:`import_official_calendar` imports an administrator's calendar file and
  recomputes every open case whose due date was provisional or falls in a year the
  file names, auditing each change (``case.due_recomputed``) and listing the
  cases whose date moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models import Case, CaseStatus
from models.cases import OPEN_STATUSES

from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

#: statuses whose due date still matters (open, or suspended and coming back)
LIVE_STATUSES = (*OPEN_STATUSES, CaseStatus.suspended)


def clock_start(case: Case) -> date:
    """The day the case's clock starts from (not itself counted)."""
    if case.deemed and case.received_at is not None:
        return case.received_at.date()
    return case.accepted_date


def recompute_due(session: Session, case: Case) -> date:
    """The due date from the clock's start, promised + extension days and closed suspensions;
    sets whether it is provisional."""
    from console.calendar.workdays import load_calendar

    calendar = load_calendar(session)
    periods = [(s.started_on, s.resumed_on) for s in case.suspensions if s.resumed_on is not None]
    start = clock_start(case)
    case.due_date = calendar.due_date(start, case.promised_days + case.extension_days, periods)
    case.due_provisional = bool(calendar.provisional_years(start, case.due_date))
    return case.due_date


@dataclass(frozen=True)
class CalendarRecompute:
    """What an official calendar import changed: dates, years known, and the cases whose date moved."""

    days: int
    years_added: tuple[int, ...]
    moved: tuple[dict, ...] = field(default=())
    rechecked: int = 0

    def as_dict(self) -> dict:
        return {"days": self.days, "years_added": list(self.years_added), "rechecked": self.rechecked,
                "moved": list(self.moved)}


@use_case("calendar.manage", write=True, audit=("calendar.import", "case.due_recomputed"))
def import_official_calendar(ctx: Context, text: str, *, complete: bool = False) -> CalendarRecompute:
    """Import a calendar file (:func:`console.calendar.workdays.import_calendar`) and recompute
    the due dates of the open cases it may change; each change is audited."""
    from console.calendar.csvfile import parse_calendar_csv
    from console.calendar.workdays import import_calendar

    years = sorted({day.year for day, _, _ in parse_calendar_csv(text)})
    result = import_calendar(ctx, text, complete=complete)
    session = ctx.session
    first = date(years[0], 1, 1)
    stmt = (select(Case).where(Case.status.in_(LIVE_STATUSES),
                               or_(Case.due_provisional.is_(True), Case.due_date >= first))
            .order_by(Case.id))
    moved, rechecked = [], 0
    for case in session.scalars(stmt):
        rechecked += 1
        before, was = case.due_date, case.due_provisional
        recompute_due(session, case)
        if case.due_date != before or case.due_provisional != was:
            change = {"number": case.number, "due_before": before.isoformat(), "due_date": case.due_date.isoformat(),
                      "provisional": case.due_provisional}
            ctx.audit("case.due_recomputed", "case", case.number, change)
            if case.due_date != before:
                moved.append(change)
            case.updated_at = ctx.now()
    return CalendarRecompute(result.days, result.years_added, tuple(moved), rechecked)


def next_year_missing(session: Session, today: date) -> int | None:
    """From November on, next year when its official calendar is not known yet (the board warns)."""
    from console.calendar.workdays import load_calendar

    if today.month < 11 or today.year + 1 > 2100:
        return None
    year = today.year + 1
    return year if load_calendar(session).is_provisional(year) else None
