"""Log-in: PIN hashing with argon2, lock-out after five wrong PINs, the acting Actor."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.org import Role, Staff

from console.core import audit
from console.core.errors import AuthFailed, Invalid

#: wrong PINs in a row that lock an account until an administrator unlocks it
MAX_FAILED_ATTEMPTS = 5
PIN_PATTERN = re.compile(r"^[0-9]{6,8}$")


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
    def of(cls, staff: Staff) -> Actor:
        return cls(
            id=staff.id,
            employee_no=staff.employee_no,
            name=staff.name,
            role=Role(staff.role),
            site_id=staff.site_id,
            department_id=staff.department_id,
            window_id=staff.window_id,
        )


#: who reading commands act as when no --as is given (see console.cli.common.reader)
SHELL_ACTOR = Actor(id=0, employee_no="shell", name="shell", role=Role.shell)


@cache
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def check_pin_shape(pin: str) -> str:
    """A PIN is 6 to 8 digits; raise :class:`Invalid` otherwise."""
    if not isinstance(pin, str) or not PIN_PATTERN.match(pin):
        raise Invalid("errors.pin_shape", field="pin")
    return pin


def hash_pin(pin: str) -> str:
    """The argon2 hash of a well-shaped PIN."""
    return _hasher().hash(check_pin_shape(pin))


def _verify(pin_hash: str, pin: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


#: verified against when the employee number is unknown, so timing does not tell
_DUMMY_HASH = None


def authenticate(session: Session, employee_no: str, pin: str) -> Actor:
    """Log ``employee_no`` in with ``pin`` and return the :class:`Actor`.

    A wrong PIN counts towards lock-out: the failure is committed before the
    error is raised.  The message never says whether the number or the PIN was
    wrong.  Locked and deactivated accounts cannot log in.
    """
    global _DUMMY_HASH
    staff = session.scalar(select(Staff).where(Staff.employee_no == employee_no.strip()))
    if staff is None or not staff.active:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = _hasher().hash("000000")
        _verify(_DUMMY_HASH, pin)
        raise AuthFailed("errors.login_failed")
    if staff.locked:
        raise AuthFailed("errors.account_locked")
    if _verify(staff.pin_hash, pin):
        if staff.failed_attempts:
            staff.failed_attempts = 0
            session.commit()
        return Actor.of(staff)
    staff.failed_attempts += 1
    actor = Actor.of(staff)
    if staff.failed_attempts >= MAX_FAILED_ATTEMPTS:
        staff.locked = True
        audit.record(session, actor, "staff.locked_out", "staff", staff.employee_no,
                     {"failed_attempts": staff.failed_attempts})
    else:
        audit.record(session, actor, "auth.failed", "staff", staff.employee_no,
                     {"failed_attempts": staff.failed_attempts})
    session.commit()
    if staff.locked:
        raise AuthFailed("errors.account_locked")
    raise AuthFailed("errors.login_failed")
