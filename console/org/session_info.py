"""Where the logged-in staff member works: the names shown in the console header."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import Staff, Window

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
    bind``) when the log-in took it, else the staff record's.
    """
    staff = ctx.session.scalar(
        select(Staff).where(Staff.id == ctx.actor.id).options(
            selectinload(Staff.site), selectinload(Staff.window), selectinload(Staff.department),
            selectinload(Staff.office),
        )
    )
    if staff is None:
        return SessionInfo(None, None, None, None, None)
    window = staff.window
    if ctx.actor.window_id is not None and (window is None or window.id != ctx.actor.window_id):
        window = ctx.session.get(Window, ctx.actor.window_id)
    return SessionInfo(
        site=staff.site.name if staff.site else None,
        window_number=window.number if window else None,
        window_name=window.name if window else None,
        department=staff.department.name if staff.department else None,
        office=staff.office.name if staff.office else None,
    )
