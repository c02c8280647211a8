"""Reading staff: the list used by ``hall staff list`` and the staff screen."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Role, Staff

from console.permissions import require


@dataclass(frozen=True)
class StaffRow:
    """One staff member as listed (no PIN hash, ever)."""

    employee_no: str
    name: str
    role: str
    site: str | None
    department: str | None
    office: str | None
    window: str | None
    locked: bool
    active: bool
    failed_attempts: int

    def as_dict(self) -> dict:
        return asdict(self)


def list_staff(session: Session, actor, *, role: Role | str | None = None,
               include_inactive: bool = False) -> list[StaffRow]:
    """Staff by employee number; active staff only unless ``include_inactive``."""
    require(actor, "staff.read")
    stmt = select(Staff).options(
        selectinload(Staff.site), selectinload(Staff.department), selectinload(Staff.office),
        selectinload(Staff.window),
    ).order_by(Staff.employee_no)
    if role:
        stmt = stmt.where(Staff.role == Role(role))
    if not include_inactive:
        stmt = stmt.where(Staff.active.is_(True))
    return [
        StaffRow(
            employee_no=s.employee_no, name=s.name, role=Role(s.role).value,
            site=s.site.name if s.site else None,
            department=s.department.name if s.department else None,
            office=s.office.name if s.office else None,
            window=s.window.number if s.window else None,
            locked=s.locked, active=s.active, failed_attempts=s.failed_attempts,
        )
        for s in session.scalars(stmt)
    ]
