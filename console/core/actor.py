"""The staff member acting: :class:`Actor`, detached from any session.

Apart from :mod:`console.core.auth` (argon2 and the ORM) so that a command acting in a
kept session (``hall login``) can say who acts without importing either.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.roles import Role


@dataclass(frozen=True)
class Actor:
    """The staff member acting, detached from any session (safe across threads)."""

    id: int
    employee_no: str
    name: str
    role: Role
    site_id: int | None = None
    department_id: int | None = None
    window_id: int | None = None

    @classmethod
    def of(cls, staff) -> Actor:
        """The actor of a :class:`models.org.Staff` row (or any record with its attributes)."""
        return cls(
            id=staff.id,
            employee_no=staff.employee_no,
            name=staff.name,
            role=Role(staff.role),
            site_id=staff.site_id,
            department_id=staff.department_id,
            window_id=staff.window_id,
        )
