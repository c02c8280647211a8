"""The hook between a hand-off and the queue: the investor's ticket closes as handed off.

The queue (tickets) is built separately.  :func:`close_ticket_as_handed_off` is the
single place the proxy section touches it: when the queue module offers
``console.queue_tickets.close_handed_off(session, actor, ticket, project_number)``
it is called in the hand-off's transaction (so a refused ticket refuses the whole
hand-off); until then the ticket's number is only recorded on the project.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from console.errors import Invalid

#: the queue function this hook calls once it exists (module, function name)
QUEUE_HOOK = ("console.queue_tickets", "close_handed_off")


def close_ticket_as_handed_off(session: Session, actor, ticket: str, project_number: str) -> str:
    """Close ``ticket`` as handed off to project ``project_number``; return the reference to store."""
    import importlib

    reference = " ".join(str(ticket or "").split())
    if not reference or len(reference) > 40:
        raise Invalid("proxy.ticket_bad", field="ticket", value=ticket)
    module_name, function_name = QUEUE_HOOK
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return reference
    close = getattr(module, function_name, None)
    if close is None:
        return reference
    result = close(session, actor, reference, project_number)
    return str(result) if isinstance(result, str) and result else reference
