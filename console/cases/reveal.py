"""Revealing an applicant's full resident ID and phone on one case: ``personal.full``, audited.

Every screen and listing shows them masked, for every role
(:func:`console.core.personal.shown_id`).  A staff member whose role holds
``personal.full`` (proxy agents, supervisors, administrators) reveals them one case at a
time — the case screen's key, ``hall case show|list --reveal`` — through
:func:`reveal_cases`; each case revealed is one audit event naming the staff member,
the case and the fields.  ``hall case export --reveal`` writes a period's cases in full
through :func:`reveal_export`: one event for the export.  Anybody else is refused (``PermissionDenied``) before any
work, and the case must be one they may read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from console.cases.access import _load_case
from console.core.context import Context
from console.core.permissions import require
from console.core.personal import REVEALED, Revealed
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.cases.export_file import RevealedExport


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


@use_case("personal.full", write=True, audit=REVEALED)
def reveal_export(ctx: Context, date_from: date, date_to: date) -> RevealedExport:
    """Reveal the cases accepted in a period for an export in full (``hall case export --reveal``).

    One ``personal.revealed`` event for the export (the period, the fields and the rows
    counted; no number in the trail), before a row is read; the receipt returned is what
    :func:`console.cases.export_file.stream_export` needs to write the numbers in full.
    The cases are those the actor may reach, as the export's.
    """
    from console.cases.export_file import RevealedExport, _export_count

    require(ctx.actor, "case.process")
    rows = _export_count(ctx, date_from, date_to)
    if rows:
        ctx.audit(REVEALED, "case_export", f"{date_from.isoformat()}..{date_to.isoformat()}",
                  {"fields": ["id_no", "phone"], "rows": rows})
    return RevealedExport(date_from, date_to, ctx.actor.employee_no, rows)


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
