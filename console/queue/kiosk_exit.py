"""Closing a public screen (the ticket kiosk): a staff member allowed to manage the queue, by PIN.

An applicant at the kiosk must not close it; a supervisor or an administrator does,
with their employee number and PIN.  :func:`close_public_screen` is the procedure:
the log-in (:func:`console.core.auth.log_in`: a wrong PIN counts towards the lock-out
and is audited there), then :func:`record_closed`, which needs ``queue.manage`` (a
clerk is refused with the usual typed error) and audits who closed which screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from console.core.context import Context
from console.core.runner import procedure, use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.auth import Actor
    from console.core.runner import Runner


@use_case("queue.manage", write=True, audit="public_screen.closed")
def record_closed(ctx: Context, screen: str, site: str | None = None) -> str:
    """Record that the acting staff member closed the public ``screen`` (``kiosk``) of ``site``."""
    ctx.audit("public_screen.closed", "public_screen", screen, {"site": site} if site else {})
    return ctx.actor.employee_no


@procedure
def close_public_screen(runner: Runner, employee_no: str, pin: str, screen: str, *, site: str | None = None,
                        actor: Actor | None = None) -> str:
    """Log ``employee_no`` in with ``pin`` and record that they close ``screen``; their number.

    Raises :class:`~console.core.errors.AuthFailed` for a wrong number or PIN (the
    log-in's one message) and :class:`~console.core.errors.PermissionDenied` for a staff
    member without ``queue.manage``; nothing closes then.
    """
    from console.core.auth import log_in
    from console.core.errors import PermissionDenied
    from console.core.permissions import allowed

    del actor  # the kiosk runs as nobody: who closes it is who logs in here
    who = runner.run(log_in, employee_no, pin).accepted()
    if not allowed(who.role, "queue.manage"):  # said in the words of the screen, not of the permission
        raise PermissionDenied("roles.kiosk.not_allowed", employee_no=who.employee_no)
    return runner.run(record_closed, screen, site, actor=who)
