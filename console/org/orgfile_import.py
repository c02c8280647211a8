"""``hall org import`` and ``hall org export``: the organization file (:mod:`console.org.orgfile`).

The import checks the file's shape first, then runs the same use cases as the
single commands, row by row (sites by level, so a parent comes before its
children, then departments, windows, staff, and last the departments' chief
representatives, who are staff).  Every row is tried; any problem rejects the
whole file with every bad row and column (:class:`ImportRejected`) and nothing
is written.  A row that matches the database changes nothing, so importing a
file twice, or the export of a hall, changes nothing.  Nothing is ever deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import Department, Role, Site, SiteKind, Staff, Window

from console.core.context import Context
from console.core.errors import HallError, ImportRejected, RowError, classify
from console.core.runner import use_case
from console.core.tablefile import file_kind, read_table, write_table
from console.org.edit import KEEP, LEVEL, save_department, save_site, save_window, set_chief_representative
from console.org.orgfile import COLUMNS, TABLES, OrgRow, parse_active, parse_date, parse_rows
from console.org.staff_edit import save_staff

#: the column a use case's field is in
_FIELD_COLUMN = {"number": "code", "employee_no": "code", "departments": "department", "sites": "site"}
#: the column a "not found" is about, by its message key
_NOT_FOUND_COLUMN = {"org.site_not_found": "site", "staff.site_not_found": "site",
                     "org.department_not_found": "department", "staff.department_not_found": "department",
                     "staff.window_not_found": "window", "staff.not_found": "chief_representative"}


@dataclass
class OrgImportResult:
    """What an import did, table by table: ``{table: {"created": n, "updated": n, "unchanged": n}}``."""

    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {table: {"created": 0, "updated": 0, "unchanged": 0} for table in TABLES})
    #: employee numbers of the staff created (they have no PIN yet)
    new_staff: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"counts": self.counts, "new_staff": self.new_staff}


def _site_order(row: OrgRow) -> int:
    try:
        return LEVEL[SiteKind(row.text("kind").strip())]
    except ValueError:
        return 0


def _save(ctx: Context, row: OrgRow) -> str:
    """Run the row's use case; its outcome (``created``, ``updated`` or ``unchanged``)."""
    if row.table == "site":
        return save_site(ctx, row.code, name=row.text("name"), kind=row.text("kind"), parent=row.text("parent"),
                         address=row.text("address"), active=parse_active(row.text("active"))).outcome
    if row.table == "department":
        return save_department(
            ctx, row.code, name=row.text("name"), sites=row.codes("site"),
            service_section=row.text("service_section"), letter_signer=row.text("letter_signer"),
            letter_date=parse_date(row.text("letter_date"), "letter_date"), letter_scope=row.text("letter_scope"),
            active=parse_active(row.text("active")), chief_representative=KEEP).outcome
    if row.table == "window":
        return save_window(ctx, row.text("site"), row.code, name=row.text("name"), departments=row.codes("department"),
                           active=parse_active(row.text("active"))).outcome
    return save_staff(ctx, row.code, name=row.text("name"), role=row.text("role").strip(),
                      department=row.text("department") or None, window=row.text("window") or None,
                      site=row.text("site") or None).outcome


def _problem(row: OrgRow, error: HallError) -> RowError:
    column = getattr(error, "field", None) or _NOT_FOUND_COLUMN.get(error.key, "")
    return RowError(row.row, _FIELD_COLUMN.get(column, column), error.message)


def _tried(ctx: Context, row: OrgRow, step, errors: list[RowError]) -> str | None:
    """``step(ctx, row)`` in a savepoint; a problem becomes ``row``'s error and undoes only that row."""
    try:
        with ctx.session.begin_nested():
            return step(ctx, row)
    except Exception as error:  # noqa: BLE001 - typed errors and the database's, as the row's problem
        typed = classify(error)
        if typed is None:
            raise
        errors.append(_problem(row, typed))
        return None


#: the tables an organization import writes
ORG_TABLES = ("sites", "departments", "department_sites", "windows", "window_departments", "staff")


@use_case("org.manage", write=True, audit="org.import")
def import_org(ctx: Context, path: Path | str) -> OrgImportResult:
    """Import an organization file (CSV or XLSX): all rows or none.

    Sites, departments and windows are created or updated by code (``org.manage``),
    staff by employee number (``staff.manage``: new ones get no PIN, see
    :mod:`console.org.staff_edit`).  One audit event records the import; each
    thing created or changed has its own.  The planner's statistics of the
    organization's tables are refreshed in the same transaction.
    """
    path = Path(path)
    rows, errors = parse_rows(read_table(path))
    ordered = sorted((r for r in rows if r.table == "site"), key=_site_order)
    for table in TABLES[1:]:
        ordered += [r for r in rows if r.table == table]
    result, outcomes = OrgImportResult(), {}
    for row in ordered:
        outcomes[row.row] = _tried(ctx, row, _save, errors)
    for row in (r for r in rows if r.table == "department" and outcomes[r.row] is not None):
        chief = _tried(ctx, row, lambda c, r: set_chief_representative(
            c, r.code, r.text("chief_representative") or None).outcome, errors)
        if chief == "updated" and outcomes[row.row] == "unchanged":
            outcomes[row.row] = "updated"  # unchanged but for its chief representative
    for row in ordered:
        if outcomes[row.row] is not None:
            result.counts[row.table][outcomes[row.row]] += 1
            if row.table == "staff" and outcomes[row.row] == "created":
                result.new_staff.append(row.code)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: (e.row, COLUMNS.index(e.column)
                                                           if e.column in COLUMNS else -1)))
    from models.bulk import analyze

    ctx.session.flush()
    analyze(ctx.session.connection(), *ORG_TABLES)  # the planner's statistics of what was written
    ctx.session.expire_all()
    ctx.audit("org.import", "org", path.name, {"file": path.name, **result.as_dict()})
    return result


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _export_rows(ctx: Context) -> list[list[object]]:
    """The hall's structure as rows of :data:`~console.org.orgfile.COLUMNS` (active staff only)."""
    session = ctx.session
    blank = dict.fromkeys(COLUMNS, "")
    rows: list[dict] = []
    sites = session.scalars(select(Site).options(selectinload(Site.parent))).all()
    for s in sorted(sites, key=lambda s: (LEVEL[SiteKind(s.kind)], s.code)):
        rows.append({**blank, "table": "site", "code": s.code, "name": s.name, "kind": SiteKind(s.kind).value,
                     "parent": s.parent.code if s.parent else "", "address": s.address, "active": _yes(s.active)})
    for d in session.scalars(select(Department).order_by(Department.code).options(
            selectinload(Department.sites), selectinload(Department.chief_representative))):
        rows.append({**blank, "table": "department", "code": d.code, "name": d.name,
                     "site": "; ".join(sorted(s.code for s in d.sites)), "service_section": d.service_section,
                     "chief_representative": d.chief_representative.employee_no if d.chief_representative else "",
                     "letter_signer": d.letter_signer, "letter_date": d.letter_date or "",
                     "letter_scope": d.letter_scope, "active": _yes(d.active)})
    for w in sorted(session.scalars(select(Window).options(selectinload(Window.site),
                                                           selectinload(Window.departments))),
                    key=lambda w: (w.site.code, w.number)):
        rows.append({**blank, "table": "window", "code": w.number, "name": w.name, "site": w.site.code,
                     "department": "; ".join(sorted(d.code for d in w.departments)), "active": _yes(w.active)})
    for p in session.scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.employee_no).options(
            selectinload(Staff.site), selectinload(Staff.department), selectinload(Staff.window))):
        rows.append({**blank, "table": "staff", "code": p.employee_no, "name": p.name, "role": Role(p.role).value,
                     "site": p.site.code if p.site else "", "department": p.department.code if p.department else "",
                     "window": p.window.number if p.window else ""})
    return [[row[c] for c in COLUMNS] for row in rows]


@use_case("org.manage")
def export_org(ctx: Context, path: Path | str) -> int:
    """Write the hall's structure to a CSV or XLSX organization file; the number of rows written."""
    path = Path(path)
    file_kind(path)
    rows = _export_rows(ctx)
    write_table(path, COLUMNS, rows, title="org")
    return len(rows)
