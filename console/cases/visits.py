"""One visit, one trace: the queue ticket a case was accepted from.

A case accepted from a served ticket (``hall case accept … --ticket NUMBER``; the
intake screen passes the ticket it serves) keeps the ticket's id, so a visit can be
followed from the queue to its case(s); ``hall case show`` carries ``ticket``, a
rating of the case is a rating of the visit, and the queue statistics count the
visits that became cases.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from models import Ticket, TicketStatus

from console.core.errors import Invalid

if TYPE_CHECKING:  # pragma: no cover
    from console.cases.intake_form import Place

#: a ticket a case may come from: being served, or served and finished
SERVED = (TicketStatus.serving, TicketStatus.finished)


def served_ticket(session, ticket: str | int | None, place: Place, day: date) -> int | None:
    """The id of the served ticket ``ticket`` (its number today at the place's site, or its id);
    :class:`Invalid` (field ``ticket``) unless it was served at this site — at this window when
    the intake has one."""
    if ticket is None or ticket == "":
        return None
    stmt = select(Ticket.id, Ticket.status, Ticket.window_id, Ticket.site_id)
    if isinstance(ticket, int):
        stmt = stmt.where(Ticket.id == ticket)
        label = str(ticket)
    else:
        label = ticket.strip().upper()
        stmt = stmt.where(Ticket.site_id == place.site_id, Ticket.day == day, Ticket.number == label)
    row = session.execute(stmt.order_by(Ticket.id.desc())).first()
    if row is None or row.site_id != place.site_id:
        raise Invalid("law.ticket_unknown", field="ticket", ticket=label, day=day.isoformat())
    if row.status not in SERVED or (place.window_id is not None and row.window_id != place.window_id):
        raise Invalid("law.ticket_not_served", field="ticket", ticket=label, status=row.status.value)
    return row.id
