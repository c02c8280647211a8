"""Receipt before acceptance (收件, 行政许可法 §32(4)).

Recording the materials received starts the legal clock.  The deficiency notice
(一次性告知书) must be given on the spot or within :data:`NOTICE_DAYS` working days
of receipt (the day of receipt not counted); past that the application counts as
accepted from the day of receipt (视为受理): a late notice or refusal is refused, and
the acceptance that follows is *deemed* — its clock starts on the day of receipt.

* :func:`receive` records a receipt (an :class:`~models.Intake` in status
  ``received``, its form kept like a draft);
* :func:`notice_deadline` / :func:`deemed_accepted` answer the 5-day rule for the
  intake outcomes in :mod:`console.cases.intake`;
* :func:`pending_receipts` lists the receipts still without an outcome, with
  their notice deadline and whether they are deemed accepted already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from models import Intake, IntakeStatus, Item

from console.cases.intake_form import IntakeForm, _kept_intake, intake_place, masked_applicant
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

#: working days after receipt within which the deficiency notice must be given (§32(4))
NOTICE_DAYS = 5


def notice_deadline(session, received: date) -> date:
    """The last day a deficiency notice may be given for materials received on ``received``."""
    from console.calendar.workdays import load_calendar

    return load_calendar(session).add(received, NOTICE_DAYS)


def deemed_accepted(session, intake: Intake | None, day: date) -> bool:
    """True when ``intake``'s materials were received and no notice was given by the deadline,
    so that on ``day`` the application counts as accepted from the day of receipt."""
    if intake is None or intake.received_at is None or intake.status is IntakeStatus.deficiency:
        return False
    return day > notice_deadline(session, intake.received_at.date())


def check_in_time(session, intake: Intake | None, day: date, action: str) -> None:
    """Refuse a deficiency notice or a refusal once the application is deemed accepted."""
    if deemed_accepted(session, intake, day):
        received = intake.received_at.date()
        raise Conflict(f"law.{action}_too_late", received=received.isoformat(),
                       deadline=notice_deadline(session, received).isoformat(), days=NOTICE_DAYS)


def deemed_receipts(session, today: date) -> int:
    """How many receipts without an outcome are past their notice deadline (deemed accepted)."""
    stmt = select(Intake.received_at).where(Intake.status.in_((IntakeStatus.received, IntakeStatus.draft)),
                                            Intake.received_at.is_not(None))
    return sum(1 for (received_at,) in session.execute(stmt) if today > notice_deadline(session, received_at.date()))


@dataclass(frozen=True)
class ReceiptResult:
    """A recorded receipt: the intake that keeps it and the last day for a deficiency notice."""

    intake_id: int
    received_at: datetime
    notice_by: date

    def as_dict(self) -> dict:
        return {"intake_id": self.intake_id, "received_at": self.received_at.isoformat(sep=" "),
                "notice_by": self.notice_by.isoformat()}


@use_case("case.accept", write=True, audit="case.receive")
def receive(ctx: Context, form: IntakeForm, *, intake_id: int | None = None, window_id: int | None = None,
            at: datetime | None = None) -> ReceiptResult:
    """Record the materials received (收件): the 5-working-day notice limit starts."""
    session, actor = ctx.session, ctx.actor
    at = at or ctx.now()
    code = (form.item_code or "").strip()
    item = session.scalar(select(Item).where(Item.code == code)) if code else None
    if item is None:
        raise NotFound("case.unknown_item", code=code) if code else Invalid("case.item_required", field="item")
    if not (form.applicant.name or "").strip():
        raise Invalid("case.applicant_name", field="applicant.name")
    intake = _kept_intake(ctx, intake_id)
    if intake is not None and intake.received_at is not None:
        raise Conflict("law.already_received", id=intake.id, at=intake.received_at.isoformat(sep=" "))
    if intake is None:
        place = intake_place(ctx, window_id)
        intake = Intake(staff_id=actor.id or None, window_id=place.window_id, site_id=place.site_id,
                        created_at=at, reason="", legal_basis="")
        session.add(intake)
    intake.status = IntakeStatus.received
    intake.item_id = item.id
    intake.applicant_name = form.applicant.name.strip()[:200]
    intake.data = form.to_json()
    intake.received_at = intake.updated_at = at
    session.flush()
    deadline = notice_deadline(session, at.date())
    ctx.audit("case.receive", "intake", intake.id, {
        "item": item.code, "applicant": masked_applicant(form.applicant), "received": list(form.received),
        "notice_by": deadline.isoformat()})
    return ReceiptResult(intake.id, at, deadline)


@dataclass(frozen=True)
class PendingReceipt:
    """A receipt without an outcome yet."""

    intake_id: int
    item_code: str
    applicant: str
    received_at: datetime
    notice_by: date
    deemed: bool

    def as_dict(self) -> dict:
        return {"intake_id": self.intake_id, "item": self.item_code, "applicant": self.applicant,
                "received_at": self.received_at.isoformat(sep=" "), "notice_by": self.notice_by.isoformat(),
                "deemed": self.deemed}


@use_case("case.accept")
def pending_receipts(ctx: Context, *, today: date | None = None, limit: int = 500) -> list[PendingReceipt]:
    """Receipts still without a notice, refusal or acceptance (the actor's window's, or all they
    may see), oldest first; ``deemed`` once past the notice deadline."""
    session, actor = ctx.session, ctx.actor
    today = today or ctx.today()
    stmt = (select(Intake.id, Item.code, Intake.applicant_name, Intake.received_at)
            .join(Item, Intake.item_id == Item.id)
            .where(Intake.status.in_((IntakeStatus.received, IntakeStatus.draft)), Intake.received_at.is_not(None)))
    if not ctx.allowed("case.read_all"):
        if actor.window_id:
            stmt = stmt.where((Intake.staff_id == actor.id) | (Intake.window_id == actor.window_id))
        else:
            stmt = stmt.where(Intake.staff_id == actor.id)
    rows = []
    for intake_id, code, applicant, received_at in session.execute(stmt.order_by(Intake.received_at).limit(limit)):
        deadline = notice_deadline(session, received_at.date())
        rows.append(PendingReceipt(intake_id, code, applicant, received_at, deadline, today > deadline))
    return rows
