"""Log-in: PIN hashing with argon2, lock-out after five wrong PINs, the acting Actor (:mod:`console.core.actor`).

The log-in itself is the procedure :func:`log_in`, run by the runner like a use
case (``runner.run(log_in, employee_no, pin).accepted()``): a read, argon2 with
no transaction open, then a short write only when there is something to record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import select

from models.org import Role, Staff

from console.core.actor import Actor  # also imported from here by the parts
from console.core.context import Context
from console.core.errors import AuthFailed, Invalid
from console.core.runner import PUBLIC, procedure, use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.runner import Runner

#: wrong PINs in a row that lock an account until an administrator unlocks it
MAX_FAILED_ATTEMPTS = 5
#: an administrator locked out by wrong PINs may try again after this long (nobody can lock them all for good)
ADMIN_LOCKOUT = timedelta(minutes=15)
#: the PIN every demo account has; never a real one
DEMO_PIN = "123456"
PIN_PATTERN = re.compile(r"^[0-9]{6,8}$")


@cache
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def warm_up() -> None:
    """Load what a first log-in needs before it is asked for (argon2 and the hash that hides a wrong
    number, the staff tables' mappers): the console calls it in a thread while the log-in screen
    waits for the number and PIN (a first log-in took twice as long as the next)."""
    from sqlalchemy.orm import configure_mappers

    import models.org  # noqa: F401 - Staff and what its mappers need
    import models.trust  # noqa: F401 - the sessions a log-in may open

    configure_mappers()
    _dummy_hash()


def check_pin_shape(pin: str) -> str:
    """A PIN is 6 to 8 digits; raise :class:`Invalid` otherwise."""
    if not isinstance(pin, str) or not PIN_PATTERN.match(pin):
        raise Invalid("errors.pin_shape", field="pin")
    return pin


def trivial_pin(pin: str) -> bool:
    """One digit repeated, a straight run up or down (wrapping 9→0 too), or the demo PIN."""
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:])}
    return pin == DEMO_PIN or steps in ({0}, {1}, {9})


def check_new_pin(pin: str) -> str:
    """A PIN a staff member may be given: well shaped (:func:`check_pin_shape`) and not trivial."""
    check_pin_shape(pin)
    if trivial_pin(pin):
        raise Invalid("trust.pin_trivial", field="pin")
    return pin


def hash_pin(pin: str) -> str:
    """The argon2 hash of a well-shaped PIN."""
    return _hasher().hash(check_pin_shape(pin))


#: the salt of :func:`no_pin_hash`'s hashes: it tells "no PIN yet" apart from a PIN
NO_PIN_SALT = b"hall:no-pin-yet!"


@cache
def no_pin_hash() -> str:
    """A PIN hash for an account that has no PIN yet: argon2 of a random secret thrown away at once
    (one per process: an import of many staff hashes once).

    No PIN matches it, and checking one against it costs what any check costs; its salt
    (:data:`NO_PIN_SALT`) marks it, so that :func:`pin_given` can tell (``hall staff list``).
    """
    import secrets

    return _hasher().hash(secrets.token_hex(32), salt=NO_PIN_SALT)


def pin_given(pin_hash: str) -> bool:
    """False for the hash of :func:`no_pin_hash` (an account given no PIN yet), True otherwise."""
    import base64

    marker = "$" + base64.b64encode(NO_PIN_SALT).decode().rstrip("=") + "$"
    return marker not in (pin_hash or "")


def _verify(pin_hash: str, pin: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    """Verified against when no account can log in, so that timing does not tell (made once per process)."""
    import secrets

    return _hasher().hash(f"{secrets.randbelow(10**8):08d}")


@dataclass(frozen=True)
class LogIn:
    """The outcome of one log-in: the :class:`Actor`, or the :class:`AuthFailed` to raise.

    :func:`log_in` returns the refusal instead of raising it, so that callers
    decide when to raise it (:meth:`accepted`); the count of a wrong PIN is
    committed by then.
    """

    actor: Actor | None = None
    error: AuthFailed | None = None

    def accepted(self) -> Actor:
        """The logged-in actor; raises the refusal when the log-in failed."""
        if self.error is not None:
            raise self.error
        assert self.actor is not None
        return self.actor


@dataclass(frozen=True)
class Credentials:
    """What a log-in reads about one account before checking its PIN (detached from any session)."""

    actor: Actor
    pin_hash: str
    active: bool
    locked: bool
    failed_attempts: int
    locked_at: datetime | None = None

    def locked_now(self, now: datetime) -> bool:
        """Locked, and not an administrator's lock-out that has run its time."""
        return self.locked and not lockout_over(self.actor.role, self.locked_at, now)


def lockout_over(role: Role, locked_at: datetime | None, now: datetime) -> bool:
    """An administrator's lock-out by wrong PINs ends by itself after :data:`ADMIN_LOCKOUT`."""
    return Role(role) == Role.admin and locked_at is not None and now - locked_at >= ADMIN_LOCKOUT


@use_case(PUBLIC)
def find_credentials(ctx: Context, employee_no: str) -> Credentials | None:
    """The account ``employee_no`` names, for a log-in; ``None`` when there is none (a read)."""
    staff = ctx.session.scalar(select(Staff).where(Staff.employee_no == employee_no.strip()))
    if staff is None:
        return None
    return Credentials(Actor.of(staff), staff.pin_hash, staff.active, staff.locked, staff.failed_attempts,
                       staff.locked_at)


#: the audit action of a successful log-in at the console or into a command-line session
LOGGED_IN = "auth.logged_in"


@use_case(PUBLIC, write=True, audit=("auth.failed", "staff.locked_out", "staff.lockout_ended", LOGGED_IN))
def record_log_in(ctx: Context, staff_id: int, pin_hash: str, right: bool, via: str | None = None) -> LogIn:
    """Record a checked PIN in one short write: a right one clears the count, a wrong one adds to it.

    ``via`` (``console``, ``cli_session``) names where a person logged in: a right PIN is
    then one ``auth.logged_in`` event by them.

    The PIN was verified before, outside any transaction; the account is read
    again here, so a PIN changed or an account locked meanwhile is not let in.
    The fifth wrong PIN in a row locks the account; an administrator's lock-out
    that has run its time is ended first (audited, by the system).
    """
    staff = ctx.session.get(Staff, staff_id)
    if staff is None or not staff.active or staff.pin_hash != pin_hash:
        return LogIn(error=AuthFailed("errors.login_failed"))
    if staff.locked:
        if not lockout_over(staff.role, staff.locked_at, ctx.now()):
            return LogIn(error=AuthFailed("errors.login_failed"))
        ctx.audit("staff.lockout_ended", "staff", staff.employee_no,
                  {"locked_at": staff.locked_at.isoformat(sep=" "), "after_minutes": ADMIN_LOCKOUT.seconds // 60},
                  actor=None)
        staff.locked, staff.locked_at, staff.failed_attempts = False, None, 0
    if right:
        if staff.failed_attempts:
            staff.failed_attempts = 0
        who = Actor.of(staff)
        if via is not None:
            ctx.audit(LOGGED_IN, "staff", staff.employee_no, {"via": via}, actor=who)
        return LogIn(actor=who)
    staff.failed_attempts += 1
    who = Actor.of(staff)
    if staff.failed_attempts >= MAX_FAILED_ATTEMPTS:
        staff.locked, staff.locked_at = True, ctx.now()
        ctx.audit("staff.locked_out", "staff", staff.employee_no,
                  {"failed_attempts": staff.failed_attempts}, actor=who)
        return LogIn(error=AuthFailed("errors.login_failed"))
    ctx.audit("auth.failed", "staff", staff.employee_no, {"failed_attempts": staff.failed_attempts}, actor=who)
    return LogIn(error=AuthFailed("errors.login_failed"))


@procedure
def log_in(runner: Runner, employee_no: str, pin: str, *, actor: Actor | None = None,
           via: str | None = None) -> LogIn:
    """Check ``employee_no``'s ``pin``; the :class:`LogIn` outcome (never raises for a refusal).

    ``via`` names a person's log-in (``console``: the log-in screen; ``cli_session``: ``hall
    login``): its success is audited (``auth.logged_in``, in the same short write).  A
    script's ``--as`` with ``HALL_PIN`` on every command passes none: its commands stay reads.

    Three steps, and the write lock is held by none of the slow ones: a read
    finds the account (:func:`find_credentials`), argon2 verifies the PIN with no
    transaction open, and a short write records the outcome
    (:func:`record_log_in`) — only when there is something to record: a wrong PIN
    (it counts towards lock-out and is audited), a count to clear, or a person's log-in.  An unknown
    number, a wrong PIN and a locked account get the same message after the same
    argon2 check (against a dummy hash made once when there is no hash to check).
    """
    del actor  # nobody is logged in yet
    dummy = _dummy_hash()
    found = runner.run(find_credentials, employee_no)
    usable = found is not None and found.active
    right = _verify(found.pin_hash if usable else dummy, pin)
    if not usable or found.locked_now(runner.clock.now()):
        return LogIn(error=AuthFailed("errors.login_failed"))
    if right and not found.failed_attempts and not found.locked and via is None:
        return LogIn(actor=found.actor)
    return runner.run(record_log_in, found.actor.id, found.pin_hash, right, via)
