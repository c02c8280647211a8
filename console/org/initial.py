"""A new hall's first two records: the center and its first administrator (``hall db init``).

Nobody can log in to a database without staff, so, as in
:mod:`console.org.recovery`, the proof is the database itself: only its owner
(the operating-system owner of the SQLite file, or a PostgreSQL role owning the
schema) may do it, and only while the database has no staff at all.  It is
audited as the system's act.  Everything else is set up by that administrator
(``hall org import``, ``hall staff add``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import func, select

from models import Role, Site, SiteKind, Staff

from console.core.auth import check_new_pin, hash_pin
from console.core.context import Context
from console.core.errors import Conflict, Invalid, PermissionDenied
from console.core.runner import PUBLIC, use_case
from console.org.edit import clean_code, site_values
from console.org.recovery import _os_user, _owns_database
from console.org.staff import check_identity


@dataclass(frozen=True)
class Founded:
    """What ``hall db init`` made."""

    site: str
    site_name: str
    admin: str
    admin_name: str
    site_created: bool

    def as_dict(self) -> dict:
        return asdict(self)


@use_case(PUBLIC)
def may_found(ctx: Context) -> None:
    """Refuse unless this process owns the database and the database has no staff (before asking for a PIN)."""
    if not _owns_database(ctx):
        raise PermissionDenied("setup.init_not_owner")
    count = ctx.session.scalar(select(func.count()).select_from(Staff))
    if count:
        raise Conflict("setup.init_has_staff", count=count)


@use_case(PUBLIC, write=True, audit="org.initialized")
def found_hall(ctx: Context, *, site: str, site_name: str, admin: str, name: str, pin: str) -> Founded:
    """Create the center ``site`` (kind center) and the administrator ``admin`` there with ``pin``.

    Only for the database's owner, only while there are no staff; a center with
    that code made earlier (without staff) is kept.  One audit event, the
    system's (no actor), names both and the operating-system account.
    """
    may_found(ctx)
    session = ctx.session
    code = clean_code(site, "site")
    values = site_values(session, code, name=site_name, kind=SiteKind.center, parent=None)
    number, clean_name, _ = check_identity(admin, name, Role.admin)
    check_new_pin(pin)
    center = session.scalar(select(Site).where(func.lower(Site.code) == code.lower()))
    created = center is None
    if center is None:
        center = Site(code=code, **values)
        session.add(center)
        session.flush()
    elif center.code != code or SiteKind(center.kind) != SiteKind.center:
        raise Invalid("setup.init_site_taken", field="site", site=center.code,
                      kind=SiteKind(center.kind).value)
    session.add(Staff(employee_no=number, name=clean_name, role=Role.admin, site_id=center.id,
                      pin_hash=hash_pin(pin), failed_attempts=0, locked=False, active=True, created_at=ctx.now()))
    session.flush()
    ctx.audit("org.initialized", "site", center.code, {
        "site": center.code, "site_name": center.name, "site_created": created,
        "admin": number, "admin_name": clean_name, "os_user": _os_user(),
    }, actor=None)
    return Founded(center.code, center.name, number, clean_name, created)
