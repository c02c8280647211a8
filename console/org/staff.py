"""Staff: listing, adding, locking, unlocking, PIN resets and deactivation.

Every use case declares its permission (``staff.read``, or ``staff.manage`` for
administrators), validates everything before writing, and appends one audit
event.  PINs and PIN hashes never appear in an audit summary or in a listing.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from models import Department, Role, Site, SiteKind, Staff, Window

from console.core.auth import check_new_pin, hash_pin, pin_given
from console.org.sessions import end_sessions
from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.permissions import STAFF_ROLES
from console.core.runner import use_case

#: employee numbers: letters, digits, ``-`` and ``_``, at most 20 characters (the column size)
EMPLOYEE_NO_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
#: the longest name the staff table holds
NAME_MAX = 50


@dataclass(frozen=True)
class StaffRow:
    """One staff member as listed (no PIN hash, ever).

    ``window`` is the window number, ``window_site`` the code of the site it is
    at; ``site`` and ``department`` are names.
    """

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
    department_code: str | None = None
    window_site: str | None = None
    #: False while the account was given no PIN yet (made by an import or ``hall org``): it cannot log in
    credential_set: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


def _row(s: Staff) -> StaffRow:
    return StaffRow(
        employee_no=s.employee_no, name=s.name, role=Role(s.role).value,
        site=s.site.name if s.site else None,
        department=s.department.name if s.department else None,
        office=s.office.name if s.office else None,
        window=s.window.number if s.window else None,
        locked=s.locked, active=s.active, failed_attempts=s.failed_attempts,
        department_code=s.department.code if s.department else None,
        window_site=s.window.site.code if s.window else None,
        credential_set=pin_given(s.pin_hash),
    )


def _with_relations(stmt):
    return stmt.options(
        selectinload(Staff.site), selectinload(Staff.department), selectinload(Staff.office),
        selectinload(Staff.window).selectinload(Window.site),
    )


@use_case("staff.read")
def list_staff(ctx: Context, *, role: Role | str | None = None,
               include_inactive: bool = False, site: str | None = None,
               department: str | None = None) -> list[StaffRow]:
    """Staff by employee number; active staff only unless ``include_inactive``.

    ``role`` filters by role, ``site`` by site code, ``department`` by department
    code or name (unknown ones raise :class:`NotFound`).
    """
    session = ctx.session
    stmt = _with_relations(select(Staff)).order_by(Staff.employee_no)
    if role:
        stmt = stmt.where(Staff.role == _role(role))
    if site:
        stmt = stmt.where(Staff.site_id == _site(session, site).id)
    if department:
        stmt = stmt.where(Staff.department_id == _department(session, department).id)
    if not include_inactive:
        stmt = stmt.where(Staff.active.is_(True))
    return [_row(s) for s in session.scalars(stmt)]


def _role(value: Role | str) -> Role:
    try:
        role = Role(value)
    except ValueError:
        raise Invalid("staff.bad_role", field="role", role=str(value),
                      roles=", ".join(r.value for r in STAFF_ROLES)) from None
    if role not in STAFF_ROLES:
        raise Invalid("staff.bad_role", field="role", role=role.value,
                      roles=", ".join(r.value for r in STAFF_ROLES))
    return role


def _site(session: Session, code: str) -> Site:
    site = session.scalar(select(Site).where(Site.code == code.strip()))
    if site is None:
        raise NotFound("staff.site_not_found", site=code)
    return site


def _department(session: Session, code: str) -> Department:
    value = code.strip()
    dept = session.scalar(select(Department).where(or_(Department.code == value, Department.name == value)))
    if dept is None:
        raise NotFound("staff.department_not_found", department=code)
    return dept


def _window(session: Session, spec: str, site: Site | None, actor) -> Window:
    """``SITECODE:NUMBER``, or ``NUMBER`` at ``site`` (else the actor's site, else the center)."""
    value = spec.strip()
    if ":" in value:
        site_code, number = (part.strip() for part in value.split(":", 1))
        site = _site(session, site_code)
    else:
        number = value
        if site is None and getattr(actor, "site_id", None):
            site = session.get(Site, actor.site_id)
        if site is None:
            site = session.scalar(select(Site).where(Site.kind == SiteKind.center).order_by(Site.id).limit(1))
    window = None
    if site is not None and number:
        window = session.scalar(
            select(Window).where(Window.site_id == site.id, Window.number == number)
            .options(selectinload(Window.departments))
        )
    if window is None:
        raise NotFound("staff.window_not_found", window=spec)
    return window


def _target(session: Session, employee_no: str) -> Staff:
    staff = session.scalar(_with_relations(select(Staff)).where(Staff.employee_no == employee_no.strip()))
    if staff is None:
        raise NotFound("staff.not_found", employee_no=employee_no)
    return staff


def check_identity(employee_no: str, name: str, role: Role | str) -> tuple[str, str, Role]:
    """The employee number, name and role of a staff member, checked: ``(number, name, role)``."""
    number = (employee_no or "").strip()
    if not EMPLOYEE_NO_PATTERN.match(number):
        raise Invalid("staff.bad_employee_no", field="employee_no", employee_no=employee_no)
    clean_name = (name or "").strip()
    if not clean_name:
        raise Invalid("staff.name_required", field="name")
    if len(clean_name) > NAME_MAX:
        raise Invalid("staff.name_too_long", field="name", max=NAME_MAX)
    return number, clean_name, _role(role)


def placement(session: Session, role: Role, *, department: str | None, window: str | None,
              site: str | None, actor) -> tuple[int | None, Department | None, Window | None]:
    """Where a staff member of ``role`` works: ``(site id, department, window)``, checked.

    ``window`` is ``SITECODE:NUMBER`` or a bare number at ``site`` (default: the
    acting staff member's site, else the center).  A clerk needs a window; a
    clerk's department defaults to the window's when the window serves exactly
    one department, and must be one the window serves.  The site follows the
    window, else ``site``, else the acting staff member's site.
    """
    the_site = _site(session, site) if site else None
    the_dept = _department(session, department) if department else None
    the_window = _window(session, window, the_site, actor) if window else None
    if role == Role.clerk and the_window is None:
        raise Invalid("staff.clerk_needs_window", field="window")
    if role == Role.village_agent and (the_site is None or the_site.kind.value != "village" or the_window):
        raise Invalid("law.agent_needs_village", field="site")
    if the_window is not None:
        if the_site is not None and the_window.site_id != the_site.id:
            raise Invalid("staff.window_not_at_site", field="window", window=window, site=site)
        served = list(the_window.departments)
        if the_dept is None:
            if len(served) == 1:
                the_dept = served[0]
            elif role == Role.clerk:
                raise Invalid("staff.department_required", field="department", window=window)
        elif served and the_dept.id not in {d.id for d in served}:
            raise Invalid("staff.window_department_mismatch", field="window",
                          window=window, department=the_dept.name)
        return the_window.site_id, the_dept, the_window
    if the_site is not None:
        return the_site.id, the_dept, None
    return getattr(actor, "site_id", None), the_dept, None


@use_case("staff.manage", write=True, audit="staff.added")
def add_staff(ctx: Context, employee_no: str, *, name: str, role: Role | str, pin: str,
              department: str | None = None, window: str | None = None,
              site: str | None = None) -> StaffRow:
    """Add a staff member with ``pin`` (6–8 digits, stored as an argon2 hash).

    ``window`` is ``SITECODE:NUMBER`` or a bare number at ``site`` (default: the
    acting administrator's site).  A clerk needs a window; a clerk's department
    defaults to the window's when the window serves exactly one department, and
    must be one the window serves.  The site follows the window, else ``site``,
    else the acting administrator's site.
    """
    session, actor = ctx.session, ctx.actor
    number, clean_name, the_role = check_identity(employee_no, name, role)
    check_new_pin(pin)
    other = session.scalar(select(Staff.employee_no).where(func.lower(Staff.employee_no) == number.lower()))
    if other is not None and other != number:
        raise Conflict("trust.staff_case_clash", employee_no=number, other=other)
    if other is not None:
        raise Conflict("staff.duplicate", employee_no=number)
    site_id, the_dept, the_window = placement(session, the_role, department=department, window=window,
                                              site=site, actor=actor)
    staff = Staff(
        employee_no=number, name=clean_name, role=the_role, site_id=site_id,
        department_id=the_dept.id if the_dept else None,
        window_id=the_window.id if the_window else None,
        pin_hash=hash_pin(pin), failed_attempts=0, locked=False, active=True, created_at=ctx.now(),
    )
    session.add(staff)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict("staff.duplicate", employee_no=number) from None
    ctx.audit("staff.added", "staff", number, {
        "name": clean_name, "role": the_role.value,
        "department": the_dept.code if the_dept else None,
        "window": f"{the_window.site.code}:{the_window.number}" if the_window else None,
    })
    return _row(_target(session, number))


def _not_yourself(actor, staff: Staff) -> None:
    if staff.id == getattr(actor, "id", None):
        raise Invalid("staff.not_yourself", field="employee_no")


@use_case("staff.manage", write=True, audit="staff.locked")
def lock_staff(ctx: Context, employee_no: str) -> StaffRow:
    """Lock an account so that it cannot log in (never your own)."""
    staff = _target(ctx.session, employee_no)
    _not_yourself(ctx.actor, staff)
    if not staff.active:
        raise Conflict("staff.inactive", employee_no=staff.employee_no)
    if staff.locked:
        raise Conflict("staff.already_locked", employee_no=staff.employee_no)
    staff.locked = True
    ctx.audit("staff.locked", "staff", staff.employee_no, {})
    return _row(staff)


@use_case("staff.manage", write=True, audit="staff.unlocked")
def unlock_staff(ctx: Context, employee_no: str) -> StaffRow:
    """Unlock an account and reset its count of wrong PINs."""
    staff = _target(ctx.session, employee_no)
    if not staff.active:
        raise Conflict("staff.inactive", employee_no=staff.employee_no)
    if not staff.locked and not staff.failed_attempts:
        raise Conflict("staff.not_locked", employee_no=staff.employee_no)
    previous = staff.failed_attempts
    staff.locked = False
    staff.locked_at = None
    staff.failed_attempts = 0
    ctx.audit("staff.unlocked", "staff", staff.employee_no,
                 {"failed_attempts_before": previous})
    return _row(staff)


@use_case("staff.manage", write=True, audit="staff.pin_reset")
def reset_pin(ctx: Context, employee_no: str, new_pin: str) -> StaffRow:
    """Give a staff member a new PIN (6–8 digits); the count of wrong PINs starts again.

    A locked account stays locked until it is unlocked.
    """
    check_new_pin(new_pin)
    staff = _target(ctx.session, employee_no)
    if not staff.active:
        raise Conflict("staff.inactive", employee_no=staff.employee_no)
    staff.pin_hash = hash_pin(new_pin)
    staff.failed_attempts = 0
    ended = end_sessions(ctx.session, staff.id, ctx.now())
    ctx.audit("staff.pin_reset", "staff", staff.employee_no, {"sessions_ended": ended} if ended else {})
    return _row(staff)


@use_case("staff.manage", write=True, audit="staff.deactivated")
def deactivate_staff(ctx: Context, employee_no: str) -> StaffRow:
    """Deactivate a staff member (never yourself): they can no longer log in; history stays."""
    staff = _target(ctx.session, employee_no)
    _not_yourself(ctx.actor, staff)
    if not staff.active:
        raise Conflict("staff.inactive", employee_no=staff.employee_no)
    staff.active = False
    ended = end_sessions(ctx.session, staff.id, ctx.now())
    ctx.audit("staff.deactivated", "staff", staff.employee_no, {"sessions_ended": ended} if ended else {})
    return _row(staff)
