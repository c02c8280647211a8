"""Who may do what: the permission each role holds.

Services call :func:`require` first thing; the TUI uses :func:`allowed` to decide
which screens to offer.  Roles are cumulative only where listed.
"""

from __future__ import annotations

from models.roles import Role

from console.core.errors import PermissionDenied

#: permission name → what it allows (documentation, and the test that every name is used)
PERMISSIONS: dict[str, str] = {
    "catalog.read": "browse the item catalog",
    "catalog.manage": "import, retire and edit catalog items",
    "org.read": "list sites, departments, windows",
    "org.manage": "change sites, departments, windows",
    "staff.read": "list staff",
    "staff.manage": "add, lock, unlock, reset PIN, deactivate staff",
    "audit.read": "read and verify the audit trail",
    "queue.operate": "call and serve tickets at a window",
    "queue.manage": "configure queue services, close the day",
    "queue.read": "see the queue status of the hall",
    "case.accept": "accept, refuse, and notify deficiencies at a window",
    "case.process": "move cases through review, decision and completion",
    "case.read_all": "see every case of the hall",
    "case.supervise": "efficiency supervision: at-risk and overdue cases",
    "calendar.manage": "import and correct working-day calendars",
    "fee.record": "record fee payments and waivers",
    "personal.full": "see resident ID numbers and phones unmasked",
    "proxy.work": "work on investment projects as a proxy agent",
    "proxy.manage": "assign projects to agents",
    "proxy.handoff": "hand an investor's project to the proxy section",
    "assess.manage": "write reviews, enter deductions, freeze months, confirm quarters",
    "assess.read": "see assessments and awards",
    "rating.record": "record an applicant's rating",
    "credit.manage": "import the credit blacklist",
    "settings.manage": "change the hall's settings",
    "db.backup": "back up the database",
}

_CLERK = {
    "catalog.read", "org.read", "queue.operate", "queue.read", "case.accept", "case.process",
    "fee.record", "proxy.handoff", "rating.record", "assess.read",
}
_PROXY = {
    "catalog.read", "org.read", "queue.read", "case.accept", "case.process", "fee.record",
    "proxy.work", "proxy.handoff", "personal.full", "assess.read", "rating.record",
}
_SUPERVISOR = {
    "catalog.read", "org.read", "staff.read", "audit.read", "queue.read", "queue.manage",
    "case.read_all", "case.supervise", "case.process", "personal.full", "proxy.work",
    "proxy.manage", "assess.manage", "assess.read", "rating.record",
}
#: a village service room's agent (代办员): accepts on villagers' behalf and forwards the case on
_VILLAGE_AGENT = {"catalog.read", "org.read", "case.accept", "case.process", "rating.record"}
_ADMIN = set(PERMISSIONS)

ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.clerk: frozenset(_CLERK),
    Role.proxy_agent: frozenset(_PROXY),
    Role.supervisor: frozenset(_SUPERVISOR),
    Role.admin: frozenset(_ADMIN),
    Role.village_agent: frozenset(_VILLAGE_AGENT),
}

#: roles a staff member can be given
STAFF_ROLES = (Role.clerk, Role.proxy_agent, Role.supervisor, Role.admin, Role.village_agent)


def allowed(role: Role | str, permission: str) -> bool:
    """True when ``role`` holds ``permission``."""
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    held = ROLE_PERMISSIONS.get(role) if type(role) is Role else None  # a Role already: no look-up by value
    return permission in (held if held is not None else ROLE_PERMISSIONS[Role(role)])


class _Label:
    """A message key translated when the error is printed (in the language of that moment)."""

    def __init__(self, key: str, fallback: str) -> None:
        self.key, self.fallback = key, fallback

    def __str__(self) -> str:
        from console.core.i18n import catalog, t

        return t(self.key) if self.key in catalog() else self.fallback

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def denied(actor, permission: str) -> PermissionDenied:
    """The refusal of ``permission`` to ``actor``: the role and the action in the user's language."""
    role = getattr(actor, "role", None)
    return PermissionDenied(
        "errors.permission_denied",
        action=_Label(f"trust.perm.{permission}", PERMISSIONS.get(permission, permission)),
        role=_Label(f"staff.role_{Role(role).value}", str(role)) if role is not None else "-",
    )


def require(actor, permission: str) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` (an Actor) holds ``permission``."""
    if actor is None or not allowed(actor.role, permission):
        raise denied(actor, permission)
