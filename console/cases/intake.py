"""Intake (受理): accept, accept with a waiver, deficiency notice, refusal.

A screen builds an :class:`~console.cases.intake_form.IntakeForm` (item code,
:class:`~console.cases.intake_form.Applicant`, the positions of the materials
received) and runs one of the outcomes:

* :func:`accept` — a case number, the acceptance time, the due date and the fee
  due; with a :class:`~console.cases.intake_form.WaiverInput` it is a waiver
  acceptance (容缺受理) where the item allows it;
* :func:`issue_deficiency_notice` — every missing required material at once
  (一次性告知书); the form is kept so reopening restores it;
* :func:`refuse` — the refusal decision (不予受理决定书) with reason and legal basis.

Drafts are :mod:`console.cases.drafts`; the form records and the applicant's
validation :mod:`console.cases.intake_form` (their names are importable from here too).
Validation errors are :class:`~console.core.errors.Invalid` with ``field`` naming the
form field (``item``, ``applicant.id_no``, ``materials``, ``waiver.deadline``…).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import insert, select
from sqlalchemy.orm import joinedload

from models import ApplicantKind, Case, CaseMaterial, CaseStatus, Department, Intake, IntakeStatus, Item

from console.cases.drafts import list_drafts, load_draft, save_draft
from console.cases.intake_form import (
    AcceptResult,
    Applicant,
    DraftInfo,
    IntakeForm,
    NoticeResult,
    Place,
    WaiverInput,
    _accepts_anywhere,
    _kept_intake,
    intake_place,
    masked_applicant,
    validate_applicant,
)
from console.cases.credit import check_waiver
from console.cases.numbering import next_document_no, next_number, number_pattern
from console.cases.receipt import check_in_time, deemed_accepted
from console.cases.visits import served_ticket
from console.core.errors import Invalid, NotFound, PermissionDenied
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

__all__ = [
    "AcceptResult", "Applicant", "DraftInfo", "IntakeForm", "NoticeResult", "Place", "WaiverInput",
    "accept", "intake_place", "issue_deficiency_notice", "list_drafts", "load_draft", "masked_applicant",
    "refuse", "save_draft", "validate_applicant",
]


def _item(ctx: Context, code: str) -> Item:
    code = (code or "").strip()
    if not code:
        raise Invalid("case.item_required", field="item")
    item = ctx.session.scalars(select(Item).where(Item.code == code)
                               .options(joinedload(Item.materials))).unique().first()
    if item is None:
        raise NotFound("case.unknown_item", code=code)
    if item.retired_year is not None:
        raise Invalid("case.item_retired", field="item", code=code, year=item.retired_year)
    return item


def _check_item_at(ctx: Context, place: Place, item: Item) -> None:
    """A clerk accepts only items of the departments the window serves."""
    if place.window_id is None:
        if _accepts_anywhere(ctx):
            return
        raise Invalid("case.no_window", field="window")
    if item.department_id not in place.departments:
        dept = ctx.session.get(Department, item.department_id)
        raise PermissionDenied("case.item_other_department", code=item.code, department=dept.name,
                               window=place.window_number)


def _missing(item: Item, received: tuple[int, ...]) -> list[str]:
    positions = {m.position for m in item.materials}
    unknown = [p for p in received if p not in positions]
    if unknown:
        raise Invalid("case.unknown_material", field="materials", positions=", ".join(map(str, unknown)))
    got = set(received)
    return [m.name for m in item.materials if m.required and m.position not in got]


def _where(ctx: Context, form: IntakeForm, window_id: int | None) -> tuple[Item, Place]:
    """The item applied for and the place, checked: the window serves the item's department."""
    item = _item(ctx, form.item_code)
    place = intake_place(ctx, window_id)
    _check_item_at(ctx, place, item)
    return item, place


@use_case("case.accept", write=True, audit=("case.accept", "case.waiver_accept"))
def accept(ctx: Context, form: IntakeForm, *, waiver: WaiverInput | None = None,
           intake_id: int | None = None, window_id: int | None = None,
           at: datetime | None = None, all_received: bool = False, joint: bool = False,
           joint_days: int | None = None, ticket: str | int | None = None) -> AcceptResult:
    """Accept the application as a case (受理), or with ``waiver`` as a waiver acceptance (容缺受理).

    Every required material must be ticked, unless the item allows a waiver and
    one is given; the waiver deadline is no later than the due date.
    ``all_received``: every material of the item was handed in (the form's
    positions are replaced by all of them).  ``joint``: handled jointly by several
    departments on one clock of ``joint_days`` (default the item's promise, at most
    45 working days, §42).  ``ticket``: the served queue ticket of the visit.
    """
    from console.calendar.workdays import load_calendar

    session, actor = ctx.session, ctx.actor
    at = at or ctx.now()
    item, place = _where(ctx, form, window_id)
    if all_received:
        form = replace(form, received=tuple(m.position for m in item.materials))
    applicant = validate_applicant(form.applicant, today=at.date())
    missing = _missing(item, form.received)
    intake = _kept_intake(ctx, intake_id)
    ticket_id = served_ticket(session, ticket, place, at.date())
    calendar = load_calendar(session)
    accepted_date = at.date()
    received_at = intake.received_at if intake is not None and intake.received_at else at
    deemed = deemed_accepted(session, intake, accepted_date)
    start = received_at.date() if deemed else accepted_date
    promised = promised_days(item, joint, joint_days)
    due = calendar.due_date(start, promised)
    provisional = bool(calendar.provisional_years(start, due))
    waiver_deadline = None
    if missing:
        if waiver is None:
            raise Invalid("case.materials_missing", field="materials", names="、".join(missing))
        if not item.waiver_allowed:
            raise Invalid("case.waiver_not_allowed", field="waiver", code=item.code)
    if waiver is not None:
        if not missing:
            raise Invalid("case.waiver_needless", field="waiver")
        if not (waiver.commitment or "").strip():
            raise Invalid("case.waiver_commitment", field="waiver.commitment")
        check_waiver(session, item, form.received, applicant.id_no)
        waiver_deadline = waiver.deadline or due
        if waiver_deadline > due:
            raise Invalid("case.waiver_deadline_late", field="waiver.deadline",
                          deadline=waiver_deadline.isoformat(), due=due.isoformat())
        if waiver_deadline < accepted_date:
            raise Invalid("case.waiver_deadline_past", field="waiver.deadline",
                          deadline=waiver_deadline.isoformat())
    pattern = number_pattern(session)
    dept_code = session.get(Department, item.department_id).code if "{dept" in pattern else ""
    number = next_number(session, site=place.site_code, dept=dept_code, window=place.window_number, at=at,
                         pattern=pattern)
    received = set(form.received)
    # Core inserts: one round trip for the case, one executemany for its materials
    case_id = session.execute(insert(Case).returning(Case.id), [dict(
        number=number, site_id=place.site_id, window_id=place.window_id, department_id=item.department_id,
        item_id=item.id, staff_id=actor.id or None, intake_id=intake.id if intake else None,
        applicant_kind=ApplicantKind(applicant.kind), applicant_name=applicant.name,
        applicant_id_no=applicant.id_no, applicant_phone=applicant.phone, legal_rep=applicant.legal_rep,
        contact=applicant.contact, status=CaseStatus.accepted, accepted_at=at, accepted_date=accepted_date,
        accepted_month=at.year * 100 + at.month, promised_days=promised, extension_days=0, joint=joint,
        due_date=due, decision_no="", late=False, fee_due_fen=item.fee_fen, fee_paid_fen=0,
        fee_waived=False, waiver=waiver is not None,
        due_provisional=provisional, received_at=received_at, deemed=deemed, ticket_id=ticket_id,
        waiver_commitment=(waiver.commitment.strip() if waiver else ""), waiver_deadline=waiver_deadline,
        closed_reason="", updated_at=at,
    )]).scalar_one()
    if item.materials:
        session.execute(insert(CaseMaterial), [
            dict(case_id=case_id, material_id=m.id, position=m.position, name=m.name, required=m.required,
                 received=m.position in received) for m in item.materials])
    if intake is not None:
        from console.cases.kept import forget_intake_dialogs

        intake.status = IntakeStatus.accepted
        intake.data = form.to_json()
        intake.updated_at = at
        intake.case_id = case_id
        forget_intake_dialogs(session, intake.id)
    ctx.audit("case.waiver_accept" if waiver else "case.accept", "case", number, {
        "item": item.code, "applicant": masked_applicant(applicant), "due_date": due.isoformat(),
        "fee_due_fen": item.fee_fen, "missing": missing, "received_at": received_at.isoformat(sep=" "),
        **({"deemed": True} if deemed else {}), **({"joint": True, "promised_days": promised} if joint else {}),
        **({"ticket_id": ticket_id} if ticket_id else {}),
        **({"waiver_deadline": waiver_deadline.isoformat()} if waiver_deadline else {}),
    })
    return AcceptResult(number, at, due, item.fee_fen, waiver_deadline, tuple(missing),
                        provisional=provisional, deemed=deemed)


#: joint handling by several departments: one clock of at most this many working days (§42)
JOINT_DAYS = 45


def promised_days(item: Item, joint: bool, joint_days: int | None) -> int:
    """The case's promised working days: the item's, or for joint handling the days agreed (≤ 45)."""
    if not joint:
        if joint_days is not None:
            raise Invalid("law.joint_days_alone", field="joint_days")
        return item.promised_days
    days = item.promised_days if joint_days is None else joint_days
    if not isinstance(days, int) or not 1 <= days <= JOINT_DAYS:
        raise Invalid("law.joint_limit", field="joint_days", max=JOINT_DAYS)
    return days


def _applicant_named(form: IntakeForm) -> None:
    if not (form.applicant.name or "").strip():
        raise Invalid("case.applicant_name", field="applicant.name")


@use_case("case.accept", write=True, audit="case.deficiency_notice")
def issue_deficiency_notice(ctx: Context, form: IntakeForm, *, intake_id: int | None = None,
                            window_id: int | None = None, at: datetime | None = None) -> NoticeResult:
    """The deficiency notice (一次性告知书): every missing required material at once.

    The form is kept with the notice, so reopening it restores everything typed.
    """
    session, actor = ctx.session, ctx.actor
    at = at or ctx.now()
    item, place = _where(ctx, form, window_id)
    _applicant_named(form)
    missing = _missing(item, form.received)
    if not missing:
        raise Invalid("case.nothing_missing", field="materials")
    intake = _kept_intake(ctx, intake_id)
    check_in_time(session, intake, at.date(), "notice")
    if intake is None:
        intake = Intake(staff_id=actor.id or None, window_id=place.window_id, site_id=place.site_id,
                        created_at=at, reason="", legal_basis="")
        session.add(intake)
    intake.status = IntakeStatus.deficiency
    intake.received_at = intake.received_at or at
    intake.item_id = item.id
    intake.applicant_name = form.applicant.name.strip()[:200]
    intake.data = form.to_json()
    intake.reason = "\n".join(missing)
    intake.updated_at = at
    if not intake.document_no:
        intake.document_no = next_document_no(session, "GZ", site=place.site_code, at=at)
    session.flush()
    ctx.audit("case.deficiency_notice", "intake", intake.id, {
        "document_no": intake.document_no, "item": item.code, "missing": missing,
        "applicant": masked_applicant(form.applicant),
    })
    return NoticeResult(intake.id, intake.document_no, at, tuple(missing))


@use_case("case.accept", write=True, audit="case.refuse")
def refuse(ctx: Context, form: IntakeForm, *, reason: str, legal_basis: str,
           intake_id: int | None = None, window_id: int | None = None,
           at: datetime | None = None) -> NoticeResult:
    """The refusal decision (不予受理决定书), with its reason and legal basis."""
    session, actor = ctx.session, ctx.actor
    at = at or ctx.now()
    item, place = _where(ctx, form, window_id)
    _applicant_named(form)
    if not (reason or "").strip():
        raise Invalid("case.refuse_reason", field="reason")
    if not (legal_basis or "").strip():
        raise Invalid("case.refuse_basis", field="legal_basis")
    intake = _kept_intake(ctx, intake_id)
    check_in_time(session, intake, at.date(), "refuse")
    if intake is None:
        intake = Intake(staff_id=actor.id or None, window_id=place.window_id, site_id=place.site_id,
                        created_at=at)
        session.add(intake)
    intake.status = IntakeStatus.refused
    intake.received_at = intake.received_at or at
    intake.item_id = item.id
    intake.applicant_name = form.applicant.name.strip()[:200]
    intake.data = form.to_json()
    intake.reason = reason.strip()
    intake.legal_basis = legal_basis.strip()
    intake.updated_at = at
    intake.document_no = next_document_no(session, "BSL", site=place.site_code, at=at)
    session.flush()
    from console.cases.kept import forget_intake_dialogs

    forget_intake_dialogs(session, intake.id)
    ctx.audit("case.refuse", "intake", intake.id, {
        "document_no": intake.document_no, "item": item.code, "reason": intake.reason,
        "legal_basis": intake.legal_basis, "applicant": masked_applicant(form.applicant),
    })
    return NoticeResult(intake.id, intake.document_no, at)
