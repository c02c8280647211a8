"""Revealing an applicant's full resident ID and phone on one case: ``personal.full``, audited.

Every screen and listing shows them masked, for every role
(:func:`console.core.personal.shown_id`).  A staff member whose role holds
``personal.full`` (proxy agents, supervisors, administrators) reveals them one case at a
time — the case screen's key, ``hall case show|list --reveal`` — through
:func:`reveal_cases`; each case revealed is one audit event naming the staff member,
the case and the fields.  Anybody else is refused (``PermissionDenied``) before any
work, and the case must be one they may read.
"""

from __future__ import annotations

from collections.abc import Sequence

from console.cases.access import _load_case
from console.core.context import Context
from console.core.permissions import require
from console.core.personal import REVEALED, Revealed
from console.core.runner import use_case


@use_case("personal.full", write=True, audit=REVEALED)
def reveal_cases(ctx: Context, numbers: str | Sequence[str]) -> list[Revealed]:
    """The full applicant ID (a person's; an organization's credit code is never masked) and phone of each case.

    Reading the case needs what reading it always needs (``case.process``, and a case of
    one's reach); one ``personal.revealed`` event per case with something revealed.
    """
    require(ctx.actor, "case.process")
    revealed = []
    for number in [numbers] if isinstance(numbers, str) else list(numbers):
        case = _load_case(ctx, number)
        person = case.applicant_kind.value == "person"
        shown = Revealed.of("case", case.number, {"id_no": case.applicant_id_no if person else "",
                                                  "phone": case.applicant_phone})
        if shown.values:
            ctx.audit(REVEALED, "case", case.number, shown.summary())
        revealed.append(shown)
    return revealed


def with_revealed(row, revealed: Revealed):
    """``row`` (a :class:`~console.cases.access.CaseView` or ``CaseSummary``) with the revealed numbers in."""
    import dataclasses

    changes = {}
    if "id_no" in revealed.values:
        changes["applicant_id"] = revealed.values["id_no"]
    if "phone" in revealed.values and hasattr(row, "applicant_phone"):
        changes["applicant_phone"] = revealed.values["phone"]
    return dataclasses.replace(row, **changes)


@use_case("personal.full", write=True, audit=REVEALED)
def reveal_blacklist(ctx: Context) -> list:
    """The credit blacklist (:func:`~console.cases.credit.list_blacklist`'s rows) with its ID numbers in full.

    One ``personal.revealed`` event for the list (its rows counted; no number in the trail).
    """
    from sqlalchemy import select

    from console.cases.credit import BlacklistEntry
    from models import CreditBlacklist

    require(ctx.actor, "case.process")
    stmt = select(CreditBlacklist).order_by(CreditBlacklist.listed_on.desc(), CreditBlacklist.id_no)
    rows = [BlacklistEntry(e.id_no, e.name, e.reason, e.source, e.listed_on) for e in ctx.session.scalars(stmt)]
    if rows:
        ctx.audit(REVEALED, "blacklist", "*", {"fields": ["id_no"], "rows": len(rows)})
    return rows
