"""Where the logged-in staff member works: the names shown in the console header."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from models import Department, Office, Site, Staff, Window

from console.core.context import Context
from console.core.runner import use_case


@dataclass(frozen=True)
class SessionInfo:
    """Site, window, department and office names of one staff member (``None`` when unset)."""

    site: str | None
    window_number: str | None
    window_name: str | None
    department: str | None
    office: str | None


@use_case("org.read")
def session_info(ctx: Context) -> SessionInfo:
    """The names of the acting staff member's site, window, department and office.

    The window is the one the actor acts at: the terminal's bound window (``hall terminal
    bind``) when the log-in took it, else the staff record's.  One query (it runs on every
    log-in, in the same worker).
    """
    window_id = ctx.actor.window_id if ctx.actor.window_id is not None else Staff.window_id
    row = ctx.session.execute(
        select(Site.name, Window.number, Window.name, Department.name, Office.name)
        .select_from(Staff)
        .outerjoin(Site, Site.id == Staff.site_id)
        .outerjoin(Window, Window.id == window_id)
        .outerjoin(Department, Department.id == Staff.department_id)
        .outerjoin(Office, Office.id == Staff.office_id)
        .where(Staff.id == ctx.actor.id)
    ).first()
    if row is None:
        return SessionInfo(None, None, None, None, None)
    return SessionInfo(*row)
