"""Terminal bindings: the window a desk's terminal calls for, whoever logs in there.

Without a binding a clerk calls for the window of their staff record.  An
administrator binds a terminal (``HALL_TERMINAL``, else the tty, else the host:
:func:`console.core.terminal.terminal_name`) to a window with ``hall terminal bind
WINDOW``; from then on a clerk who logs in there calls for that window —
refused when the clerk may not serve it: the clerk's department must be one the
window serves (its departments or its queue services'), unless it is their own window.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from models.ops import TerminalBinding
from models.org import Window, window_departments
from models.queue import QueueService, queue_window_services

from console.core.context import Context
from console.core.errors import NotFound, PermissionDenied
from console.core.runner import procedure, use_case


@dataclass(frozen=True)
class BindingRow:
    terminal: str
    window: str
    bound_by: str | None
    bound_at: datetime

    def as_dict(self) -> dict:
        return {"terminal": self.terminal, "window": self.window, "bound_by": self.bound_by,
                "bound_at": self.bound_at.isoformat(sep=" ", timespec="minutes")}


def _row(session, binding: TerminalBinding) -> BindingRow:
    from models.org import Staff

    number = session.scalar(select(Window.number).where(Window.id == binding.window_id))
    by = session.scalar(select(Staff.employee_no).where(Staff.id == binding.bound_by_id)) if binding.bound_by_id else None
    return BindingRow(binding.terminal, number, by, binding.bound_at)


@use_case("org.manage", write=True, audit="terminal.bound")
def bind_terminal(ctx: Context, terminal: str, window: str, *, site: str | None = None) -> BindingRow:
    """Bind ``terminal`` to the window numbered ``window`` (replacing an earlier binding)."""
    from console.queue.shared import resolve_window

    ref = resolve_window(ctx.session, window, site, actor=ctx.actor)
    binding = ctx.session.get(TerminalBinding, terminal)
    if binding is None:
        binding = TerminalBinding(terminal=terminal, window_id=ref.id, bound_by_id=ctx.actor.id, bound_at=ctx.now())
        ctx.session.add(binding)
    else:
        binding.window_id, binding.bound_by_id, binding.bound_at = ref.id, ctx.actor.id, ctx.now()
    ctx.session.flush()
    ctx.audit("terminal.bound", "terminal", terminal, {"window": ref.number})
    return _row(ctx.session, binding)


@use_case("org.manage", write=True, audit="terminal.unbound")
def unbind_terminal(ctx: Context, terminal: str) -> str:
    """Remove ``terminal``'s binding; its clerks call for their own windows again."""
    binding = ctx.session.get(TerminalBinding, terminal)
    if binding is None:
        raise NotFound("ops.terminal_not_bound", terminal=terminal)
    ctx.session.delete(binding)
    ctx.audit("terminal.unbound", "terminal", terminal, {})
    return terminal


@use_case("org.read")
def list_bindings(ctx: Context) -> list[BindingRow]:
    """Every terminal binding, by terminal."""
    return [_row(ctx.session, b) for b in ctx.session.scalars(select(TerminalBinding)
                                                               .order_by(TerminalBinding.terminal))]


@use_case("queue.operate")
def desk_actor(ctx: Context, terminal: str):
    """The logged-in clerk as they act at ``terminal``: with its bound window, if it has one.

    Refused (:class:`PermissionDenied`) when the clerk may not serve the bound window.
    """
    actor = ctx.actor
    binding = ctx.session.get(TerminalBinding, terminal)
    if binding is None or binding.window_id == actor.window_id:
        return actor
    departments = set(ctx.session.scalars(select(window_departments.c.department_id)
                                          .where(window_departments.c.window_id == binding.window_id)))
    departments |= set(ctx.session.scalars(
        select(QueueService.department_id).join(queue_window_services,
                                                queue_window_services.c.service_id == QueueService.id)
        .where(queue_window_services.c.window_id == binding.window_id)))
    if actor.department_id is None or actor.department_id not in departments:
        number = ctx.session.scalar(select(Window.number).where(Window.id == binding.window_id))
        raise PermissionDenied("ops.terminal_refused", window=number, terminal=terminal)
    return replace(actor, window_id=binding.window_id)


@dataclass(frozen=True)
class DeskLogIn:
    """A log-in at a console terminal, as :func:`log_in_at_desk` leaves it.

    ``outcome`` is the :class:`console.core.auth.LogIn`; when it succeeded, ``actor`` is the
    person as they act at this terminal (a clerk with the terminal's bound window) and ``info``
    names where they work — or ``refusal`` says why a clerk may not serve this terminal's window.
    """

    outcome: object
    actor: object = None
    info: object = None
    refusal: PermissionDenied | None = None


@procedure
def log_in_at_desk(runner, employee_no: str, pin: str, *, terminal: str, actor=None) -> DeskLogIn:
    """Log in at the console terminal ``terminal``; everything home needs, in one worker's round trip.

    The log-in (:func:`console.core.auth.log_in`, audited as the console's), then for a clerk
    the window this terminal is bound to (:func:`desk_actor`), then the names for the header
    (:func:`console.org.session_info.session_info`): so that home opens with nothing more
    to read while it is laid out.
    """
    from console.core.auth import log_in
    from console.org.session_info import session_info

    del actor  # nobody is logged in yet
    outcome = log_in(runner, employee_no, pin, via="console")
    if outcome.error is not None:
        return DeskLogIn(outcome)
    placed = outcome.actor
    if placed.role.value == "clerk":
        try:
            placed = runner.run(desk_actor, terminal, actor=placed)
        except PermissionDenied as refused:
            return DeskLogIn(outcome, placed, refusal=refused)
    return DeskLogIn(outcome, placed, runner.run(session_info, actor=placed))
