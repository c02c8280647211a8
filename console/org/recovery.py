"""When every administrator is locked out: the database's owner restores one (``hall staff unlock E --recover``).

No log-in is possible then, so the proof is the database itself: the
operating-system owner of the SQLite file, or a PostgreSQL role that owns (or is
a member of the owner of) the schema.  It is allowed only while no administrator
can log in, and audited as the system's act.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import func, select, text

from models import Role, Staff

from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from console.core.runner import PUBLIC, use_case


def owns_database(connection) -> bool:
    """True when this process runs as the owner of the database behind ``connection`` (a
    session or a connection): the OS owner of the SQLite file, or a PostgreSQL role that owns
    (or is a member of the owner of) the schema."""
    bind = connection.get_bind() if hasattr(connection, "get_bind") else connection
    if bind.dialect.name == "sqlite":
        path = bind.engine.url.database if hasattr(bind, "engine") else bind.url.database
        return bool(path) and path != ":memory:" and Path(path).stat().st_uid == os.geteuid()
    return bool(connection.scalar(text(
        "SELECT pg_has_role(current_user, n.nspowner, 'MEMBER') FROM pg_namespace n"
        " WHERE n.nspname = current_schema()")))


def _owns_database(ctx: Context) -> bool:
    """True when this process runs as the owner of the database (see the module)."""
    return owns_database(ctx.session)


@use_case(PUBLIC, write=True, audit="staff.recovered")
def recover_admin(ctx: Context, employee_no: str) -> str:
    """Unlock the administrator ``employee_no`` when no administrator can log in; the database owner only."""
    if not _owns_database(ctx):
        raise PermissionDenied("trust.recover_not_owner")
    staff = ctx.session.scalar(select(Staff).where(func.lower(Staff.employee_no) == employee_no.strip().lower()))
    if staff is None:
        raise NotFound("staff.not_found", employee_no=employee_no)
    if Role(staff.role) != Role.admin or not staff.active:
        raise Invalid("trust.recover_not_admin", field="employee_no", employee_no=staff.employee_no)
    able = ctx.session.scalar(select(func.count()).select_from(Staff).where(
        Staff.role == Role.admin, Staff.active.is_(True), Staff.locked.is_(False)))
    if able:
        raise Conflict("trust.recover_not_needed", employee_no=staff.employee_no)
    staff.locked, staff.locked_at, staff.failed_attempts = False, None, 0
    ctx.audit("staff.recovered", "staff", staff.employee_no, {"os_user": _os_user()}, actor=None)
    return staff.employee_no


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no name for this uid
        return str(os.geteuid())
