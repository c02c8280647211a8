"""Adding and changing sites, departments and windows (administrators: ``org.manage``).

One use case per kind of thing, keyed by its code: :func:`save_site`,
:func:`save_department`, :func:`save_window`.  Each checks every value first,
then creates the thing or brings an existing one to the values given, and says
which it did (:class:`Saved`: ``created``, ``updated`` or ``unchanged``).  An
unchanged thing appends no audit event, so importing the same file twice
changes nothing.  ``create_only`` (``hall site add`` and friends) refuses a code
that exists.  The organization file import (:mod:`console.org.orgfile_import`)
runs the same use cases, row by row.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import Department, Site, SiteKind, Staff, Window

from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import use_case
from console.core.text import check_text
from console.org.structure import _kind, find_site

#: codes of sites and departments: letters, digits, ``.``, ``-`` and ``_`` (the columns hold 20)
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$")
#: window numbers ("01", "A3"): the column holds 10
NUMBER_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,9}$")
#: a site's level in the three-level network: a site's parent is one level up
LEVEL = {SiteKind.center: 0, SiteKind.township: 1, SiteKind.village: 2}
#: "leave the chief representative as it is" (a department saved before its staff exist)
KEEP = object()


@dataclass(frozen=True)
class Saved:
    """What a save did: ``created``, ``updated`` (with the fields changed) or ``unchanged``."""

    kind: str
    code: str
    outcome: str
    changed: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["changed"] = list(self.changed)
        return data


def clean_code(value: str, field_name: str, pattern: re.Pattern = CODE_PATTERN) -> str:
    """``value`` stripped, of the shape of ``pattern``; :class:`Invalid` naming ``field_name`` otherwise."""
    code = (value or "").strip()
    if not pattern.match(code):
        raise Invalid("setup.bad_code", field=field_name, value=value, limit=20 if pattern is CODE_PATTERN else 10)
    return code


def clean_text(value: str | None, field_name: str, limit: int, *, required: bool = False,
               multiline: bool = False) -> str:
    """``value`` stripped, at most ``limit`` characters, no control characters; required when asked."""
    text = (value or "").strip()
    if required and not text:
        raise Invalid("setup.required", field=field_name)
    if len(text) > limit:
        raise Invalid("setup.too_long", field=field_name, length=len(text), limit=limit)
    check_text(text, field_name, multiline=multiline)
    return text


def _case_clash(session: Session, column, code: str, field_name: str) -> None:
    """Refuse ``code`` when another row's code differs from it only in case (``A1`` and ``a1``)."""
    other = session.scalar(select(column).where(func.lower(column) == code.lower(), column != code))
    if other is not None:
        raise Conflict("setup.code_case_clash", field=field_name, code=code, other=other)


def _apply(thing, values: dict) -> tuple[str, ...]:
    """Set ``values`` on ``thing``; the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if getattr(thing, name) != value:
            setattr(thing, name, value)
            changed.append(name)
    return tuple(changed)


def _plain(values: dict) -> dict:
    return {k: (v.value if isinstance(v, SiteKind) else v.isoformat() if isinstance(v, date) else v)
            for k, v in values.items()}


# --------------------------------------------------------------------------- sites

def site_values(session: Session, code: str, *, name: str, kind: str | SiteKind, parent: str | None,
                address: str = "", active: bool = True) -> dict:
    """The checked values of a site (its kind fits its parent's); raises the first problem."""
    the_kind = _kind((kind or "").strip() if isinstance(kind, str) else kind)
    values: dict = {"name": clean_text(name, "name", 100, required=True), "kind": the_kind,
                    "address": clean_text(address, "address", 200), "active": bool(active)}
    parent_code = (parent or "").strip()
    if the_kind == SiteKind.center:
        if parent_code:
            raise Invalid("setup.center_has_no_parent", field="parent", site=code)
        values["parent_id"] = None
        return values
    if not parent_code:
        raise Invalid("setup.parent_required", field="parent", site=code, kind=the_kind.value)
    if parent_code == code:
        raise Invalid("setup.parent_self", field="parent", site=code)
    the_parent = find_site(session, parent_code)
    if LEVEL[SiteKind(the_parent.kind)] != LEVEL[the_kind] - 1:
        raise Invalid("setup.parent_level", field="parent", site=code, kind=the_kind.value,
                      parent=the_parent.code, parent_kind=SiteKind(the_parent.kind).value)
    values["parent_id"] = the_parent.id
    return values


@use_case("org.manage", write=True, audit=("org.site_added", "org.site_changed"))
def save_site(ctx: Context, code: str, *, name: str, kind: str | SiteKind, parent: str | None = None,
              address: str = "", active: bool = True, create_only: bool = False) -> Saved:
    """Create the site ``code``, or bring it to these values.

    A center has no parent; a township center's parent is a center, a village
    service room's a township center.  A site whose kind changes keeps children
    only of the level below it.
    """
    session = ctx.session
    code = clean_code(code, "code")
    values = site_values(session, code, name=name, kind=kind, parent=parent, address=address, active=active)
    _case_clash(session, Site.code, code, "code")
    site = session.scalar(select(Site).where(Site.code == code))
    if site is None:
        site = Site(code=code, **values)
        session.add(site)
        session.flush()
        ctx.audit("org.site_added", "site", code, _plain({**values, "parent": (parent or "").strip() or None}))
        return Saved("site", code, "created")
    if create_only:
        raise Conflict("setup.site_exists", code=code)
    children = session.scalars(select(Site).where(Site.parent_id == site.id)).all()
    for child in children:
        if LEVEL[SiteKind(child.kind)] != LEVEL[values["kind"]] + 1:
            raise Invalid("setup.children_level", field="kind", site=code, child=child.code,
                          kind=values["kind"].value)
    before = _plain({k: getattr(site, k) for k in values})
    changed = _apply(site, values)
    if not changed:
        return Saved("site", code, "unchanged")
    after = _plain(values)
    ctx.audit("org.site_changed", "site", code, {k: [before[k], after[k]] for k in changed})
    return Saved("site", code, "updated", changed)


# --------------------------------------------------------------------------- departments

@use_case("org.manage", write=True, audit=("org.department_added", "org.department_changed"))
def save_department(ctx: Context, code: str, *, name: str, sites: tuple[str, ...] = (),
                    service_section: str = "", letter_signer: str = "", letter_date: date | None = None,
                    letter_scope: str = "", active: bool = True, chief_representative: object = KEEP,
                    create_only: bool = False) -> Saved:
    """Create the department ``code``, or bring it to these values.

    ``sites`` are the codes of the sites it is stationed at (all of them: others
    are left);  ``chief_representative`` an employee number, ``None`` for none,
    or :data:`KEEP` to leave it (:func:`set_chief_representative` sets it).
    """
    session = ctx.session
    code = clean_code(code, "code")
    values: dict = {
        "name": clean_text(name, "name", 100, required=True),
        "service_section": clean_text(service_section, "service_section", 100),
        "letter_signer": clean_text(letter_signer, "letter_signer", 50),
        "letter_date": letter_date,
        "letter_scope": clean_text(letter_scope, "letter_scope", 4000, multiline=True),
        "active": bool(active),
    }
    wanted = [find_site(session, s) for s in dict.fromkeys(s.strip() for s in sites if s.strip())]
    _case_clash(session, Department.code, code, "code")
    dept = session.scalar(select(Department).where(Department.code == code)
                          .options(selectinload(Department.sites)))
    if dept is None:
        dept = Department(code=code, **values)
        dept.sites = wanted
        session.add(dept)
        session.flush()
        ctx.audit("org.department_added", "department", code,
                  {**_plain(values), "sites": sorted(s.code for s in wanted)})
        outcome = Saved("department", code, "created")
    elif create_only:
        raise Conflict("setup.department_exists", code=code)
    else:
        before = _plain({k: getattr(dept, k) for k in values})
        old_sites = sorted(s.code for s in dept.sites)
        changed = list(_apply(dept, values))
        diff = {k: [before[k], _plain(values)[k]] for k in changed}
        new_sites = sorted(s.code for s in wanted)
        if new_sites != old_sites:
            dept.sites = wanted
            changed.append("sites")
            diff["sites"] = [old_sites, new_sites]
        if changed:
            session.flush()
            ctx.audit("org.department_changed", "department", code, diff)
        outcome = Saved("department", code, "updated" if changed else "unchanged", tuple(changed))
    if chief_representative is not KEEP:
        chief = set_chief_representative(ctx, code, chief_representative)
        if chief.outcome == "updated" and outcome.outcome != "created":
            outcome = Saved("department", code, "updated", (*outcome.changed, "chief_representative"))
    return outcome


@use_case("org.manage", write=True, audit="org.department_changed")
def set_chief_representative(ctx: Context, department: str, employee_no: str | None) -> Saved:
    """Make the active staff member ``employee_no`` the department's chief representative (``None``: nobody)."""
    session = ctx.session
    dept = session.scalar(select(Department).where(Department.code == (department or "").strip()))
    if dept is None:
        raise NotFound("org.department_not_found", department=department)
    number = (employee_no or "").strip()
    staff = None
    if number:
        staff = session.scalar(select(Staff).where(Staff.employee_no == number, Staff.active.is_(True)))
        if staff is None:
            raise NotFound("staff.not_found", employee_no=number)
    new_id = staff.id if staff else None
    if dept.chief_representative_id == new_id:
        return Saved("department", dept.code, "unchanged")
    old = session.get(Staff, dept.chief_representative_id) if dept.chief_representative_id else None
    dept.chief_representative_id = new_id
    ctx.audit("org.department_changed", "department", dept.code,
              {"chief_representative": [old.employee_no if old else None, number or None]})
    return Saved("department", dept.code, "updated", ("chief_representative",))


# --------------------------------------------------------------------------- windows

@use_case("org.manage", write=True, audit=("org.window_added", "org.window_changed"))
def save_window(ctx: Context, site: str, number: str, *, name: str = "", departments: tuple[str, ...] = (),
                active: bool = True, create_only: bool = False) -> Saved:
    """Create window ``number`` at ``site``, or bring it to these values.

    ``departments`` (codes, at least one) are all it serves; a window serving
    several is a comprehensive window (综合窗口).  A department cannot be taken
    from a window while a clerk of it works there.
    """
    session = ctx.session
    the_site = find_site(session, site)
    number = clean_code(number, "number", NUMBER_PATTERN)
    label = f"{the_site.code}:{number}"
    values = {"name": clean_text(name, "name", 100), "active": bool(active)}
    codes = list(dict.fromkeys(c.strip() for c in departments if c.strip()))
    if not codes:
        raise Invalid("setup.window_needs_department", field="departments", window=label)
    found = {d.code: d for d in session.scalars(select(Department).where(Department.code.in_(codes)))}
    for c in codes:
        if c not in found:
            raise NotFound("org.department_not_found", department=c)
    wanted = sorted(found.values(), key=lambda d: d.code)
    window = session.scalar(select(Window).where(Window.site_id == the_site.id, Window.number == number)
                            .options(selectinload(Window.departments)))
    new_codes = [d.code for d in wanted]
    if window is None:
        window = Window(site_id=the_site.id, number=number, **values)
        window.departments = wanted
        session.add(window)
        session.flush()
        ctx.audit("org.window_added", "window", label, {**values, "departments": new_codes})
        return Saved("window", label, "created")
    if create_only:
        raise Conflict("setup.window_exists", code=label)
    kept = {d.id for d in wanted}
    stranded = session.scalar(select(Staff.employee_no).where(
        Staff.window_id == window.id, Staff.active.is_(True), Staff.department_id.is_not(None),
        Staff.department_id.not_in(kept)).limit(1))
    if stranded is not None:
        raise Invalid("setup.window_staff_department", field="departments", window=label, employee_no=stranded)
    before = {k: getattr(window, k) for k in values}
    changed = list(_apply(window, values))
    diff = {k: [before[k], values[k]] for k in changed}
    old_codes = sorted(d.code for d in window.departments)
    if old_codes != new_codes:
        window.departments = wanted
        changed.append("departments")
        diff["departments"] = [old_codes, new_codes]
    if not changed:
        return Saved("window", label, "unchanged")
    session.flush()
    ctx.audit("org.window_changed", "window", label, diff)
    return Saved("window", label, "updated", tuple(changed))
