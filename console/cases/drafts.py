"""Drafts: keep what was typed at intake and reopen it exactly as it was left.

A deficiency notice (:func:`console.cases.intake.issue_deficiency_notice`) keeps its
form the same way, so the clerk's list of drafts holds both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from models import Intake, IntakeStatus, Item

from console.cases.intake_form import DraftInfo, IntakeForm, _kept_intake, intake_place, masked_applicant
from console.core.errors import NotFound, PermissionDenied
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context


@use_case("case.accept", write=True, audit="case.draft_save")
def save_draft(ctx: Context, form: IntakeForm, *, intake_id: int | None = None,
               window_id: int | None = None) -> int:
    """Keep what was typed (no validation beyond the item); return the draft's id."""
    session, actor = ctx.session, ctx.actor
    intake = _kept_intake(ctx, intake_id)
    item = session.scalar(select(Item).where(Item.code == form.item_code.strip())) if form.item_code else None
    at = ctx.now()
    if intake is None:
        place = intake_place(ctx, window_id)
        intake = Intake(staff_id=actor.id or None, window_id=place.window_id, site_id=place.site_id,
                        status=IntakeStatus.draft, created_at=at, reason="", legal_basis="")
        session.add(intake)
    intake.item_id = item.id if item else None
    intake.applicant_name = form.applicant.name.strip()[:200]
    intake.data = form.to_json()
    intake.updated_at = at
    session.flush()
    ctx.audit("case.draft_save", "intake", intake.id,
              {"item": form.item_code, "applicant": masked_applicant(form.applicant)})
    return intake.id


@use_case("case.accept")
def load_draft(ctx: Context, intake_id: int) -> DraftInfo:
    """Reopen a draft or a deficiency notice exactly as it was left."""
    actor = ctx.actor
    intake = ctx.session.get(Intake, intake_id)
    if intake is None:
        raise NotFound("case.draft_not_found", id=intake_id)
    if intake.staff_id != actor.id and intake.window_id != actor.window_id \
            and not ctx.allowed("case.read_all"):
        raise PermissionDenied("case.draft_other")
    from console.cases.kept import kept_dialogs

    return DraftInfo(intake.id, intake.status.value, IntakeForm.from_json(intake.data), intake.document_no,
                     intake.updated_at, kept_dialogs(ctx.session, actor.id, intake.id))


@use_case("case.accept")
def list_drafts(ctx: Context, *, limit: int = 50) -> list[DraftInfo]:
    """The actor's (or their window's) open drafts, receipts and deficiency notices, newest first."""
    actor = ctx.actor
    stmt = select(Intake).where(Intake.status.in_((IntakeStatus.draft, IntakeStatus.received,
                                                  IntakeStatus.deficiency)))
    if not ctx.allowed("case.read_all"):
        if actor.window_id:
            stmt = stmt.where((Intake.staff_id == actor.id) | (Intake.window_id == actor.window_id))
        else:
            stmt = stmt.where(Intake.staff_id == actor.id)
    stmt = stmt.order_by(Intake.updated_at.desc(), Intake.id.desc()).limit(limit)
    return [DraftInfo(i.id, i.status.value, IntakeForm.from_json(i.data), i.document_no, i.updated_at)
            for i in ctx.session.scalars(stmt)]
