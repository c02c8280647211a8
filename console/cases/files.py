"""Historical case import (all or nothing, errors by row and column); the bulk insert it
shares with the demo is :mod:`console.cases.bulk`.

The import file is a CSV with a header row naming the columns of
:data:`COLUMNS` (required: number, site, item, applicant_name, accepted_at,
status).  Every row is checked before anything is written; the rows go in with
one ``executemany`` (SQLite) or one ``COPY`` (PostgreSQL) inside the use case's
transaction, and the planner's statistics of the tables written are refreshed in it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, CaseStatus, Decision, Item, Site, Window

from console.core.errors import ImportRejected, Invalid, RowError
from console.core.text import csv_uncell, row_problem
from console.core.i18n import t
from console.core.runner import use_case
from console.cases.bulk import INSERT_FIELDS, insert_rows  # noqa: F401 - INSERT_FIELDS for the benchmarks

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

COLUMNS = ("number", "site", "window", "item", "applicant_kind", "applicant_name", "applicant_id",
           "applicant_phone", "accepted_at", "due_date", "status", "decision", "decision_no",
           "completed_at", "fee_paid")
REQUIRED = ("number", "site", "item", "applicant_name", "accepted_at", "status")
MAX_ERRORS = 200
_CLOSED = {CaseStatus.completed, CaseStatus.withdrawn, CaseStatus.ended}


@dataclass(frozen=True)
class ImportResult:
    """How many cases an import wrote."""

    cases: int

    def as_dict(self) -> dict:
        return {"cases": self.cases}


def parse_case_rows(session: Session, text: str, *, at: datetime, timezone: str = "Asia/Shanghai") -> list[tuple]:
    """Check every row of a historical-case CSV; return insertable rows or raise
    :class:`ImportRejected` listing each bad row and column.

    ``at`` is the moment of the import: the rows' ``updated_at``, and its day bounds
    the applicants' birth dates.  A time with an offset is converted to the hall's
    ``timezone``; statuses, decisions and times must agree; a text too long for its
    column is an error, never cut.
    """
    from zoneinfo import ZoneInfo

    hall_zone = ZoneInfo(timezone)

    def local(moment: datetime) -> datetime:
        if moment.tzinfo is not None:
            moment = moment.astimezone(hall_zone).replace(tzinfo=None)
        return moment.replace(microsecond=0)

    from console.cases.fees import fee_amount
    from console.core.parsing import parse_date
    from console.core.personal import validate_phone, validate_resident_id, validate_uscc
    from console.calendar.workdays import load_calendar

    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if not header:
        raise Invalid("case.import_empty", field="file")
    header = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        raise ImportRejected([RowError(1, c, t("case.import_missing_column")) for c in missing]
                             + [RowError(1, c, t("case.import_unknown_column")) for c in unknown])
    width = len(header)
    # a missing optional column reads the empty cell appended at the end of every row
    (i_number, i_site, i_window, i_item, i_kind, i_name, i_id, i_phone, i_accepted, i_due, i_status,
     i_decision, i_decision_no, i_completed, i_fee) = (header.index(c) if c in header else width for c in COLUMNS)
    sites = {code: sid for sid, code in session.execute(select(Site.id, Site.code))}
    windows = {(site_id, number): wid for wid, site_id, number in
               session.execute(select(Window.id, Window.site_id, Window.number))}
    items = {code: (iid, dept, days, fee) for iid, code, dept, days, fee in
             session.execute(select(Item.id, Item.code, Item.department_id, Item.promised_days, Item.fee_fen))}
    calendar = load_calendar(session, strict=True)  # history: official calendars only
    statuses = {s.value for s in CaseStatus if s is not CaseStatus.suspended}
    closed = {s.value for s in _CLOSED}
    decisions = {d.value for d in Decision}
    errors: list[RowError] = []
    rows: list[tuple] = []
    seen: dict[str, int] = {}
    stamp = at
    today = stamp.date()
    due_cache: dict[tuple[date, int], date] = {}
    fromiso = datetime.fromisoformat

    for line, raw in enumerate(reader, start=2):
        if len(errors) >= MAX_ERRORS:
            break
        if len(raw) != width:
            if not raw or all(not c.strip() for c in raw):
                continue
            errors.append(RowError(line, "-", t("case.import_row_shape", expected=width, got=len(raw))))
            continue
        cells = [csv_uncell(c.strip()) for c in raw]
        cells.append("")
        row_errors = len(errors)

        def bad(column: str, key: str, **params) -> None:
            errors.append(RowError(line, column, t(key, **params)))

        unsafe = row_problem(raw, names=header)
        if unsafe is not None:
            bad(unsafe[0], "trust.text_control", field=unsafe[0], char=unsafe[1])
            continue

        number = cells[i_number]
        if not number or len(number) > 40:
            bad("number", "case.import_number")
        elif number in seen:
            bad("number", "case.import_duplicate", row=seen[number])
        else:
            seen[number] = line
        site_id = sites.get(cells[i_site])
        if site_id is None:
            bad("site", "case.import_unknown_site", value=cells[i_site])
        window_id = None
        if cells[i_window] and site_id is not None:
            window_id = windows.get((site_id, cells[i_window]))
            if window_id is None:
                bad("window", "case.import_unknown_window", value=cells[i_window])
        item = items.get(cells[i_item])
        if item is None:
            bad("item", "case.import_unknown_item", value=cells[i_item])
        kind = cells[i_kind] or "person"
        if kind != "person" and kind != "organization":
            bad("applicant_kind", "case.applicant_kind", value=kind)
        name = cells[i_name]
        if not name or len(name) > 200:
            bad("applicant_name", "case.applicant_name")
        id_no = cells[i_id]
        if id_no:
            try:
                id_no = (validate_resident_id(id_no, field="applicant_id", today=today).number
                         if kind == "person" else validate_uscc(id_no, field="applicant_id"))
            except Invalid as error:
                bad("applicant_id", error.key, **error.params)
        phone = cells[i_phone]
        if phone:
            try:
                phone = validate_phone(phone, field="applicant_phone")
            except Invalid as error:
                bad("applicant_phone", error.key, **error.params)
        accepted_at = None
        try:
            accepted_at = local(fromiso(cells[i_accepted]))
        except ValueError:
            bad("accepted_at", "case.import_bad_time", value=cells[i_accepted])
        status = cells[i_status]
        if status not in statuses:
            bad("status", "case.import_bad_status", value=status)
        decision = cells[i_decision] or None
        if decision is not None and decision not in decisions:
            bad("decision", "case.bad_decision", value=decision)
        completed_at = None
        if cells[i_completed]:
            try:
                completed_at = local(fromiso(cells[i_completed]))
                if accepted_at and completed_at < accepted_at:
                    bad("completed_at", "case.import_completed_before")
            except ValueError:
                bad("completed_at", "case.import_bad_time", value=cells[i_completed])
        elif status in closed:
            bad("completed_at", "case.import_completed_required")
        if status in ("completed", "decided") and decision is None:
            bad("decision", "trust.import_decision_required", status=status)
        elif status in ("accepted", "under_review") and (decision or completed_at):
            bad("status", "trust.import_open_with_outcome", status=status)
        elif status == "decided" and completed_at:
            bad("completed_at", "trust.import_open_with_outcome", status=status)
        elif status in ("withdrawn", "ended") and decision:
            bad("decision", "trust.import_closed_without_decision", status=status)
        if len(cells[i_decision_no]) > 60:
            bad("decision_no", "trust.import_too_long", length=len(cells[i_decision_no]), limit=60)
        fee = 0
        if cells[i_fee]:
            try:
                fee = fee_amount(cells[i_fee], "fee_paid")
            except Invalid as error:
                bad("fee_paid", error.key, **error.params)
        due = None
        if cells[i_due]:
            try:
                due = parse_date(cells[i_due], "due_date")
                if accepted_at is not None and due < accepted_at.date():
                    bad("due_date", "trust.import_due_before_accepted")
            except Invalid as error:
                bad("due_date", error.key, **error.params)
        elif accepted_at is not None and item is not None:
            key = (accepted_at.date(), item[2])
            due = due_cache.get(key)
            if due is None:
                try:
                    due = due_cache[key] = calendar.add(key[0], key[1])
                except Invalid as error:
                    bad("accepted_at", error.key, **error.params)
        if len(errors) > row_errors:
            continue
        accepted_date = accepted_at.date()
        completed_date = completed_at.date() if completed_at else None
        rows.append((
            number, site_id, window_id, item[1], item[0], None, None, kind, name, id_no, phone, "", "",
            status, accepted_at, accepted_date, accepted_date.year * 100 + accepted_date.month,
            item[2], 0, due, decision, cells[i_decision_no],
            completed_at if decision else None, completed_at, completed_date,
            bool(completed_date and completed_date > due), item[3], fee, False, False, "", None, "", stamp,
        ))
    if not errors and seen:
        existing = []
        numbers = list(seen)
        for start in range(0, len(numbers), 900):
            existing += session.scalars(select(Case.number).where(Case.number.in_(numbers[start:start + 900]))).all()
        for number in sorted(existing)[:MAX_ERRORS]:
            errors.append(RowError(seen[number], "number", t("case.import_exists", number=number)))
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise Invalid("case.import_empty", field="file")
    return rows


@use_case("catalog.manage", write=True, audit="case.import")
def import_cases(ctx: Context, text: str) -> ImportResult:
    """Import historical cases from CSV text: all rows or none; the planner's statistics refreshed after."""
    from models.bulk import analyze

    rows = parse_case_rows(ctx.session, text, at=ctx.now(), timezone=ctx.clock.timezone)
    insert_rows(ctx.session, rows)
    analyze(ctx.session.connection(), "cases", "case_month_stats")  # the filtered case lists plan from these
    ctx.audit("case.import", "case", "*", {"cases": len(rows), "first": rows[0][0], "last": rows[-1][0]})
    return ImportResult(len(rows))
