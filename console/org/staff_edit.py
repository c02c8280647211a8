"""Staff as the organization file lists them: created without a PIN, or brought to the file's values.

:func:`save_staff` is the staff row of ``hall org import``.  A staff member it
creates has **no PIN yet**: the stored hash is that of a random secret nobody
ever sees, so nobody can log in as them until an administrator gives them a PIN
(``hall staff reset-pin E``, which asks for it at a hidden prompt — the person
can type it there themselves).  No PIN is ever printed, written to a file or
chosen by the file's author, and a mistake in the file (a wrong role) opens no
account by itself.  Log-ins against such an account take the same argon2 time
as any other, so timing tells nobody which accounts have no PIN.
"""

from __future__ import annotations

from sqlalchemy import func, select

from models import Role, Staff

from console.core.context import Context
from console.core.errors import Conflict
from console.core.runner import use_case
from console.org.edit import Saved
from console.org.staff import _not_yourself, _target, check_identity, placement


def no_pin_hash() -> str:
    """The hash of an account given no PIN yet (:func:`console.core.auth.no_pin_hash`): no PIN matches it."""
    from console.core.auth import no_pin_hash as made

    return made()


@use_case("staff.manage", write=True, audit=("staff.added", "staff.changed"))
def save_staff(ctx: Context, employee_no: str, *, name: str, role: Role | str, department: str | None = None,
               window: str | None = None, site: str | None = None) -> Saved:
    """Create the staff member ``employee_no`` without a PIN, or bring them to these values.

    Name, role, site, department and window are checked as :func:`console.org.staff.add_staff`
    checks them; a deactivated staff member stays as they are (refused), and
    nobody changes their own role here.  The office, the PIN, locks and sessions
    are left alone.
    """
    session, actor = ctx.session, ctx.actor
    number, clean_name, the_role = check_identity(employee_no, name, role)
    other = session.scalar(select(Staff.employee_no).where(func.lower(Staff.employee_no) == number.lower()))
    if other is not None and other != number:
        raise Conflict("trust.staff_case_clash", employee_no=number, other=other)
    site_id, dept, win = placement(session, the_role, department=department, window=window, site=site,
                                      actor=actor)
    values = {"name": clean_name, "role": the_role, "site_id": site_id,
              "department_id": dept.id if dept else None, "window_id": win.id if win else None}
    shown = {"name": clean_name, "role": the_role.value, "department": dept.code if dept else None,
             "window": f"{win.site.code}:{win.number}" if win else None}
    if other is None:
        session.add(Staff(employee_no=number, pin_hash=no_pin_hash(), failed_attempts=0, locked=False,
                          active=True, created_at=ctx.now(), **values))
        session.flush()
        ctx.audit("staff.added", "staff", number, {**shown, "pin": "none yet"})
        return Saved("staff", number, "created")
    staff = _target(session, number)
    if not site and not window:  # no place given: the site stays (placement would take the actor's)
        values["site_id"] = staff.site_id
    if not staff.active:
        raise Conflict("staff.inactive", employee_no=number)
    before = {"name": staff.name, "role": Role(staff.role).value,
              "department": staff.department.code if staff.department else None,
              "window": f"{staff.window.site.code}:{staff.window.number}" if staff.window else None,
              "site": staff.site.code if staff.site else None}
    if Role(staff.role) != the_role:
        _not_yourself(actor, staff)
    changed = [k for k, v in values.items() if getattr(staff, k) != v]
    if not changed:
        return Saved("staff", number, "unchanged")
    for key in changed:
        setattr(staff, key, values[key])
    session.flush()
    session.refresh(staff)
    after = {**shown, "site": staff.site.code if staff.site else None}
    ctx.audit("staff.changed", "staff", number,
              {k: [before[k], after[k]] for k in before if before[k] != after[k]})
    names = {"site_id": "site", "department_id": "department", "window_id": "window"}
    return Saved("staff", number, "updated", tuple(names.get(k, k) for k in changed))
