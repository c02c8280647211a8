"""A hand-off left half-typed is kept: the next ``d`` for the same ticket reopens it, after a
restart or on another terminal, until it is handed off or discarded.

What is kept is the staff member's own (:mod:`console.core.kept_forms`, form ``"handoff"``, key
the ticket's number and day): nobody else reads it.  Keeping is audited without the values (they
hold the investor's phone): the event names the ticket and the fields filled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from console.core import kept_forms
from console.core.errors import Invalid
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

#: the hand-off form's fields, in order (the screen shows them so)
HANDOFF_FIELDS = ("enterprise", "uscc", "contact", "phone", "project", "location", "investment", "industry")
#: the longest text kept in one field
FIELD_LIMIT = 500
FORM = "handoff"


def _key(ctx: Context, ticket: str) -> str:
    reference = " ".join(str(ticket or "").split()).upper()
    if not reference or len(reference) > 40:
        raise Invalid("proxy.ticket_bad", field="ticket", value=ticket)
    return f"{ctx.now().date().isoformat()} {reference}"


@use_case("proxy.handoff", write=True, audit="proxy.handoff_kept")
def keep_handoff(ctx: Context, ticket: str, values: dict[str, str] | None) -> bool:
    """Keep ``values`` (the hand-off form as typed) for ``ticket``; ``None`` or an empty form
    forgets what was kept.  True when something is kept."""
    key = _key(ctx, ticket)
    fields = kept_forms.clean_fields(values, HANDOFF_FIELDS, limit=FIELD_LIMIT)
    filled = kept_forms.keep(ctx.session, ctx.actor.id, FORM, key, fields, at=ctx.now())
    ctx.audit("proxy.handoff_kept", "ticket", key, {"fields": filled} if filled else {"forgotten": True})
    return bool(filled)


@use_case("proxy.handoff")
def kept_handoff(ctx: Context, ticket: str) -> dict[str, str] | None:
    """The hand-off form kept for ``ticket`` today by this staff member, or ``None``."""
    stored = kept_forms.kept(ctx.session, ctx.actor.id, [FORM], _key(ctx, ticket)).get(FORM)
    return None if stored is None else kept_forms.clean_fields(stored, HANDOFF_FIELDS, limit=FIELD_LIMIT)


@use_case("proxy.handoff", write=True,
          unaudited="a step of the hand-off, whose proxy.handoff event names the ticket")
def forget_handed_off(ctx: Context, ticket: str) -> None:
    """Inside the hand-off's transaction: what was kept for ``ticket`` goes with it."""
    kept_forms.forget(ctx.session, [FORM], _key(ctx, ticket), staff_id=ctx.actor.id)
