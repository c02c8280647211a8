"""Use cases the case screens need beyond :mod:`console.cases.access`.

* :func:`acceptable_items` — the catalog search limited to the items the actor's
  window may accept (a comprehensive window serves several departments);
  :func:`intake_item` — one item with its materials and six disclosures;
* :func:`case_timeline` — every recorded step of one case from the audit trail;
  :func:`case_detail` — the case and its timeline in one round trip;
* :func:`serving_ticket` — the ticket the actor's window is serving, if any;
* :func:`accept_with_receipt` / :func:`notice_with_text` / :func:`refusal_with_text`
  — an intake outcome and its document text in the same transaction, so the
  screen needs one round trip;
* :func:`export_document` — a receipt, notice or decision written to a file.

The case list is :func:`console.cases.access.list_cases`, the same for the screen and
``hall case list``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from models import Item
from models.audit import AuditEvent

from console.cases.access import _load_case, get_case
from console.cases.intake_form import intake_place
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.catalog.browse import ItemDetail, ItemSummary
    from console.core.context import Context


@use_case("case.accept")
def acceptable_items(ctx: Context, query: str, *, limit: int = 50) -> list[ItemSummary]:
    """Items matching ``query`` (code, name, pinyin initials) that the actor's window may accept.

    Staff without a window who may accept anywhere (administrators, proxy agents)
    see every active item.
    """
    from console.catalog.browse import search_items

    rows = search_items(ctx, query, limit=500)
    place = intake_place(ctx)
    if place.window_id is None:
        return rows[:limit]
    codes = set(ctx.session.scalars(select(Item.code).where(Item.department_id.in_(place.departments or {-1}))))
    return [row for row in rows if row.code in codes][:limit]


@use_case("case.accept")
def intake_item(ctx: Context, code: str) -> ItemDetail:
    """The item picked at intake, with its materials and six disclosures."""
    from console.catalog.browse import get_item

    return get_item(ctx, code)


@dataclass(frozen=True)
class TimelineEntry:
    """One step of a case: when, who, what, and the recorded details."""

    at: datetime
    actor_no: str
    action: str
    details: dict


@use_case("case.process")
def case_timeline(ctx: Context, number: str) -> list[TimelineEntry]:
    """The case's steps in the audit trail, oldest first (the actor must be able to see the case)."""
    case = _load_case(ctx, number)
    stmt = (select(AuditEvent.at, AuditEvent.actor_no, AuditEvent.action, AuditEvent.summary)
            .where(AuditEvent.entity_type == "case", AuditEvent.entity_id == case.number)
            .order_by(AuditEvent.id))
    entries = []
    for at, actor_no, action, summary in ctx.session.execute(stmt):
        try:
            details = json.loads(summary or "{}")
        except ValueError:
            details = {}
        entries.append(TimelineEntry(at, actor_no, action, details if isinstance(details, dict) else {}))
    return entries


@use_case("case.process")
def case_detail(ctx: Context, number: str):
    """``(CaseView, [TimelineEntry])``: one case as :func:`get_case` shows it, and its timeline."""
    return get_case(ctx, number), case_timeline(ctx, number)


@use_case("case.accept")
def serving_ticket(ctx: Context):
    """The ticket called or served at the actor's window, or ``None`` (no window, no queue)."""
    from console.queue.window import current_ticket

    if not ctx.actor.window_id or not ctx.allowed("queue.read"):
        return None
    return current_ticket(ctx, ctx.actor.window_id)


@use_case("case.accept", write=True, audit=("case.accept", "case.waiver_accept"))
def accept_with_receipt(ctx: Context, form, **kwargs: Any):
    """:func:`console.cases.intake.accept` and the receipt text: ``(AcceptResult, text)``."""
    from console.cases.documents import receipt
    from console.cases.intake import accept

    result = accept(ctx, form, **kwargs)
    ctx.session.flush()
    return result, receipt(ctx, result.number, "text")


@use_case("case.accept", write=True, audit="case.deficiency_notice")
def notice_with_text(ctx: Context, form, **kwargs: Any):
    """:func:`console.cases.intake.issue_deficiency_notice` and the notice text."""
    from console.cases.documents import deficiency_notice
    from console.cases.intake import issue_deficiency_notice

    result = issue_deficiency_notice(ctx, form, **kwargs)
    ctx.session.flush()
    return result, deficiency_notice(ctx, result.intake_id, "text")


@use_case("case.accept", write=True, audit="case.refuse")
def refusal_with_text(ctx: Context, form, **kwargs: Any):
    """:func:`console.cases.intake.refuse` and the decision text."""
    from console.cases.documents import refusal_decision
    from console.cases.intake import refuse

    result = refuse(ctx, form, **kwargs)
    ctx.session.flush()
    return result, refusal_decision(ctx, result.intake_id, "text")


#: document kinds the screens export: kind → (module function name, what identifies it)
DOCUMENTS = {"receipt": "receipt", "notice": "deficiency_notice", "refusal": "refusal_decision"}


@use_case("case.process")
def export_document(ctx: Context, kind: str, ref, fmt: str, path: str) -> str:
    """Write the ``kind`` document (``receipt`` of a case number, ``notice`` / ``refusal`` of an
    intake id) as ``fmt`` (``text`` or ``html``) to ``path``; return the path written."""
    from pathlib import Path

    from console.cases import documents as case_documents
    from console.core.errors import Invalid

    render = getattr(case_documents, DOCUMENTS[kind])
    text = render(ctx, ref, fmt)
    target = Path(path).expanduser()
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise Invalid("intake_ui.export_failed", field="path", path=str(target), error=error.strerror or "") from None
    return str(target)
