"""The hook between a hand-off and the queue: the investor's ticket closes as handed off.

:func:`close_ticket_as_handed_off` is the single place the proxy section touches
the queue, inside the hand-off's transaction (a refused ticket refuses the whole
hand-off):

* when the queue offers a dedicated outcome,
  ``console.queue.tickets.close_handed_off(session, actor, ticket, project_number)``
  (:data:`QUEUE_HOOK`), it is called;
* otherwise, when the clerk's window is calling or serving that ticket, it is
  finished through :func:`console.queue.window.finish`; the hand-off's audit
  record names the ticket and the project, which is what "handed off" means;
* a clerk whose window serves another ticket has typed the wrong number: refused;
* without a window (the shell, an agent) the ticket number is only recorded.
"""

from __future__ import annotations

import importlib

from sqlalchemy.orm import Session

from console.core.errors import Conflict, Invalid

#: the dedicated queue outcome this hook calls once it exists (module, function name)
QUEUE_HOOK = ("console.queue.tickets", "close_handed_off")


def close_ticket_as_handed_off(session: Session, actor, ticket: str, project_number: str) -> str:
    """Close ``ticket`` as handed off to project ``project_number``; return the reference to store."""
    reference = " ".join(str(ticket or "").split()).upper()
    if not reference or len(reference) > 40:
        raise Invalid("proxy.ticket_bad", field="ticket", value=ticket)
    module_name, function_name = QUEUE_HOOK
    try:
        close = getattr(importlib.import_module(module_name), function_name, None)
    except ImportError:  # pragma: no cover - the queue is part of the product
        close = None
    if close is not None:
        result = close(session, actor, reference, project_number)
        return str(result) if isinstance(result, str) and result else reference
    if not getattr(actor, "window_id", None):
        return reference
    try:
        from console.queue.window import current_ticket, finish
    except ImportError:  # pragma: no cover
        return reference
    current = current_ticket(session, actor)
    if current is None:
        return reference
    if current.number.upper() != reference:
        raise Conflict("proxy.ticket_not_current", ticket=reference, current=current.number)
    finish(session, actor, ticket=current.id, expected_version=current.version)
    return current.number
