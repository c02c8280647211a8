"""A hand-off left half-typed is kept: the next ``d`` for the same ticket reopens it, after a
restart or on another terminal, until it is handed off or discarded.

What is kept is the staff member's own (:class:`models.trust.KeptForm`, form ``"handoff"``,
key the ticket's number and day): nobody else reads it.  Keeping is audited without the
values (they hold the investor's phone): the event names the ticket and the fields filled.
"""

from __future__ import annotations

import json
import unicodedata
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

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


def _plain(text: object) -> str:
    """What was typed, without control characters, at most :data:`FIELD_LIMIT` characters."""
    kept = "".join(ch for ch in str(text or "") if unicodedata.category(ch) not in ("Cc", "Cf"))
    return kept[:FIELD_LIMIT]


@use_case("proxy.handoff", write=True, audit="proxy.handoff_kept")
def keep_handoff(ctx: Context, ticket: str, values: dict[str, str] | None) -> bool:
    """Keep ``values`` (the hand-off form as typed) for ``ticket``; ``None`` or an empty form
    forgets what was kept.  True when something is kept."""
    from models import KeptForm

    session, key = ctx.session, _key(ctx, ticket)
    fields = {name: _plain((values or {}).get(name)) for name in HANDOFF_FIELDS}
    filled = [name for name, text in fields.items() if text.strip()]
    row = session.scalar(select(KeptForm).where(KeptForm.staff_id == ctx.actor.id, KeptForm.form == FORM,
                                                KeptForm.key == key))
    if not filled:
        if row is not None:
            session.delete(row)
            ctx.audit("proxy.handoff_kept", "ticket", key, {"forgotten": True})
        return False
    if row is None:
        row = KeptForm(staff_id=ctx.actor.id, form=FORM, key=key)
        session.add(row)
    row.data = json.dumps(fields, ensure_ascii=False)
    row.updated_at = ctx.now()
    ctx.audit("proxy.handoff_kept", "ticket", key, {"fields": filled})
    return True


@use_case("proxy.handoff")
def kept_handoff(ctx: Context, ticket: str) -> dict[str, str] | None:
    """The hand-off form kept for ``ticket`` today by this staff member, or ``None``."""
    from models import KeptForm

    data = ctx.session.scalar(select(KeptForm.data).where(
        KeptForm.staff_id == ctx.actor.id, KeptForm.form == FORM, KeptForm.key == _key(ctx, ticket)))
    if data is None:
        return None
    stored = json.loads(data)
    return {name: _plain(stored.get(name)) for name in HANDOFF_FIELDS}


@use_case("proxy.handoff", write=True,
          unaudited="a step of the hand-off, whose proxy.handoff event names the ticket")
def forget_handed_off(ctx: Context, ticket: str) -> None:
    """Inside the hand-off's transaction: what was kept for ``ticket`` goes with it."""
    from models import KeptForm

    ctx.session.execute(delete(KeptForm).where(KeptForm.staff_id == ctx.actor.id, KeptForm.form == FORM,
                                               KeptForm.key == _key(ctx, ticket)))
