"""The hook between a hand-off and the queue: the investor's ticket closes as handed off.

:func:`close_ticket_as_handed_off` is the single place the proxy section touches
the queue, inside the hand-off's transaction (a refused ticket refuses the whole
hand-off):

* when the clerk's window is calling or serving that ticket, it is finished
  through :func:`console.queue.actions.finish`; the hand-off's audit record names
  the ticket and the project, which is what "handed off" means;
* a clerk whose window serves another ticket has typed the wrong number: refused;
* without a window (the shell, an agent), or with nobody called at the window,
  the ticket number is only recorded.
"""

from __future__ import annotations

from console.core.context import Context
from console.core.errors import Conflict, Invalid
from console.core.runner import use_case


@use_case("proxy.handoff", write=True,
          unaudited="a step of the hand-off, whose proxy.handoff event names the ticket; the queue keeps its own")
def close_ticket_as_handed_off(ctx: Context, ticket: str) -> str:
    """Close ``ticket`` as handed off; return the reference the project stores."""
    reference = " ".join(str(ticket or "").split()).upper()
    if not reference or len(reference) > 40:
        raise Invalid("proxy.ticket_bad", field="ticket", value=ticket)
    if not getattr(ctx.actor, "window_id", None):
        return reference
    from console.queue.actions import finish
    from console.queue.window import current_ticket

    current = current_ticket(ctx)
    if current is None:
        return reference
    if current.number.upper() != reference:
        raise Conflict("proxy.ticket_not_current", ticket=reference, current=current.number)
    finish(ctx, ticket=current.id, expected_version=current.version)
    return current.number
