"""Reading the organization: sites, departments (with sections, letters, seals) and windows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from models import Department, Site, SiteKind, Staff, Window, department_sites

from console.core.context import Context
from console.core.errors import Invalid, NotFound
from console.core.runner import use_case


@dataclass(frozen=True)
class SiteRow:
    """A site: the center, a township center or a village service room."""

    code: str
    name: str
    kind: str
    parent: str | None
    parent_name: str | None
    address: str
    active: bool
    windows: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SealRow:
    """An approval seal (审批专用章)."""

    number: str
    name: str
    issued: date
    retired: date | None


@dataclass(frozen=True)
class DepartmentRow:
    """A department with its service section, chief representative, letter, seals and sites."""

    code: str
    name: str
    service_section: str
    chief_representative: str | None
    chief_representative_name: str | None
    letter_signer: str
    letter_date: date | None
    letter_scope: str
    active: bool
    sites: tuple[str, ...] = field(default_factory=tuple)
    seals: tuple[SealRow, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["sites"] = list(self.sites)
        data["seals"] = [asdict(s) for s in self.seals]
        return data


@dataclass(frozen=True)
class WindowRow:
    """A window: its site, number, the departments it serves and whether it is open."""

    site: str
    site_name: str
    number: str
    name: str
    departments: tuple[str, ...]
    department_names: tuple[str, ...]
    comprehensive: bool
    status: str
    active: bool
    staff: int

    def as_dict(self) -> dict:
        data = asdict(self)
        data["departments"] = list(self.departments)
        data["department_names"] = list(self.department_names)
        return data


def find_site(session: Session, code: str) -> Site:
    """The site with ``code``; :class:`NotFound` otherwise."""
    site = session.scalar(select(Site).where(Site.code == code.strip()))
    if site is None:
        raise NotFound("org.site_not_found", site=code)
    return site


def _kind(value: str | SiteKind) -> SiteKind:
    try:
        return SiteKind(value)
    except ValueError:
        raise Invalid("org.bad_kind", field="kind", kind=str(value),
                      kinds=", ".join(k.value for k in SiteKind)) from None


@use_case("org.read")
def list_sites(ctx: Context, *, kind: str | SiteKind | None = None,
               parent: str | None = None) -> list[SiteRow]:
    """Sites by code; ``kind`` (center/township/village) and ``parent`` (site code) filter."""
    session = ctx.session
    parent_site = aliased(Site)
    counts = (select(Window.site_id, func.count(Window.id).label("n"))
              .group_by(Window.site_id).subquery())
    stmt = (
        select(Site, parent_site.code, parent_site.name, func.coalesce(counts.c.n, 0))
        .outerjoin(parent_site, Site.parent_id == parent_site.id)
        .outerjoin(counts, counts.c.site_id == Site.id)
        .order_by(Site.code)
    )
    if kind:
        stmt = stmt.where(Site.kind == _kind(kind))
    if parent:
        stmt = stmt.where(Site.parent_id == find_site(session, parent).id)
    return [
        SiteRow(code=s.code, name=s.name, kind=SiteKind(s.kind).value, parent=pcode, parent_name=pname,
                address=s.address, active=s.active, windows=int(n))
        for s, pcode, pname, n in session.execute(stmt)
    ]


@use_case("org.read")
def list_departments(ctx: Context, *, site: str | None = None) -> list[DepartmentRow]:
    """Departments by code; ``site`` (a site code) keeps those stationed there."""
    session = ctx.session
    stmt = select(Department).options(
        selectinload(Department.sites), selectinload(Department.seals),
        selectinload(Department.chief_representative),
    ).order_by(Department.code)
    if site:
        the_site = find_site(session, site)
        stmt = stmt.where(Department.id.in_(
            select(department_sites.c.department_id).where(department_sites.c.site_id == the_site.id)))
    rows = []
    for d in session.scalars(stmt):
        chief = d.chief_representative
        rows.append(DepartmentRow(
            code=d.code, name=d.name, service_section=d.service_section,
            chief_representative=chief.employee_no if chief else None,
            chief_representative_name=chief.name if chief else None,
            letter_signer=d.letter_signer, letter_date=d.letter_date, letter_scope=d.letter_scope,
            active=d.active,
            sites=tuple(sorted(s.code for s in d.sites)),
            seals=tuple(SealRow(s.number, s.name, s.issued, s.retired) for s in d.seals),
        ))
    return rows


@use_case("org.read")
def list_windows(ctx: Context, *, site: str | None = None,
                 department: str | None = None) -> list[WindowRow]:
    """Windows by site and number; ``site`` (code) and ``department`` (code or name) filter."""
    session = ctx.session
    staff_counts = (select(Staff.window_id, func.count(Staff.id).label("n"))
                    .where(Staff.active.is_(True)).group_by(Staff.window_id).subquery())
    stmt = (
        select(Window, func.coalesce(staff_counts.c.n, 0))
        .join(Site, Window.site_id == Site.id)
        .outerjoin(staff_counts, staff_counts.c.window_id == Window.id)
        .options(selectinload(Window.departments), selectinload(Window.site))
        .order_by(Site.code, Window.number)
    )
    if site:
        stmt = stmt.where(Window.site_id == find_site(session, site).id)
    if department:
        value = department.strip()
        dept = session.scalar(select(Department).where(or_(Department.code == value, Department.name == value)))
        if dept is None:
            raise NotFound("org.department_not_found", department=department)
        stmt = stmt.where(Window.departments.any(Department.id == dept.id))
    rows = []
    for w, n in session.execute(stmt):
        depts = list(w.departments)
        rows.append(WindowRow(
            site=w.site.code, site_name=w.site.name, number=w.number, name=w.name,
            departments=tuple(d.code for d in depts), department_names=tuple(d.name for d in depts),
            comprehensive=len(depts) > 1, status=w.status.value if hasattr(w.status, "value") else str(w.status),
            active=w.active, staff=int(n),
        ))
    return rows
