"""Log-in: PIN hashing with argon2, lock-out after five wrong PINs, the acting Actor.

The log-in itself is the use case :func:`log_in`, run by the runner like any
other (``runner.run(log_in, employee_no, pin).accepted()``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select

from models.org import Role, Staff

from console.core.context import Context
from console.core.errors import AuthFailed, Invalid
from console.core.runner import PUBLIC, use_case

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


@dataclass(frozen=True)
class LogIn:
    """The outcome of one log-in: the :class:`Actor`, or the :class:`AuthFailed` to raise.

    :func:`log_in` returns the refusal instead of raising it, so that the
    transaction that counted a wrong PIN is committed; the caller raises it
    afterwards with :meth:`accepted`.
    """

    actor: Actor | None = None
    error: AuthFailed | None = None

    def accepted(self) -> Actor:
        """The logged-in actor; raises the refusal when the log-in failed."""
        if self.error is not None:
            raise self.error
        assert self.actor is not None
        return self.actor


@use_case(PUBLIC, write=True, audit=("auth.failed", "staff.locked_out"))
def log_in(ctx: Context, employee_no: str, pin: str) -> LogIn:
    """Check ``employee_no``'s ``pin``; the :class:`LogIn` outcome (never raises for a refusal).

    A wrong PIN counts towards lock-out and is audited: the count is written with
    the transaction even though the log-in fails, which is why the refusal is
    returned rather than raised.  The message never says whether the number or
    the PIN was wrong.  Locked and deactivated accounts cannot log in; the
    fifth wrong PIN in a row locks the account.
    """
    global _DUMMY_HASH
    staff = ctx.session.scalar(select(Staff).where(Staff.employee_no == employee_no.strip()))
    if staff is None or not staff.active:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = _hasher().hash("000000")
        _verify(_DUMMY_HASH, pin)
        return LogIn(error=AuthFailed("errors.login_failed"))
    if staff.locked:
        return LogIn(error=AuthFailed("errors.account_locked"))
    if _verify(staff.pin_hash, pin):
        if staff.failed_attempts:
            staff.failed_attempts = 0
        return LogIn(actor=Actor.of(staff))
    staff.failed_attempts += 1
    who = Actor.of(staff)
    if staff.failed_attempts >= MAX_FAILED_ATTEMPTS:
        staff.locked = True
        ctx.audit("staff.locked_out", "staff", staff.employee_no,
                  {"failed_attempts": staff.failed_attempts}, actor=who)
        return LogIn(error=AuthFailed("errors.account_locked"))
    ctx.audit("auth.failed", "staff", staff.employee_no, {"failed_attempts": staff.failed_attempts}, actor=who)
    return LogIn(error=AuthFailed("errors.login_failed"))
