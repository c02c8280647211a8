"""Intake (受理): accept, accept with a waiver, deficiency notice, refusal, drafts.

A screen builds an :class:`IntakeForm` (item code, :class:`Applicant`, the
positions of the materials received) and calls one of the outcomes:

* :func:`accept` — a case number, the acceptance time, the due date and the fee
  due; with a :class:`WaiverInput` it is a waiver acceptance (容缺受理) where the
  item allows it;
* :func:`issue_deficiency_notice` — every missing required material at once
  (一次性告知书); the form is kept so reopening restores it;
* :func:`refuse` — the refusal decision (不予受理决定书) with reason and legal basis;
* :func:`save_draft` / :func:`load_draft` — keep and restore what was typed.

Validation errors are :class:`~console.core.errors.Invalid` with ``field`` naming the
form field (``item``, ``applicant.id_no``, ``materials``, ``waiver.deadline``…).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, joinedload

from models import (
    ApplicantKind,
    Case,
    CaseMaterial,
    CaseStatus,
    Department,
    Intake,
    IntakeStatus,
    Item,
    Site,
    Window,
    window_departments,
)
from models.base import now

from console.core import audit
from console.cases.numbering import next_document_no, next_number, number_pattern
from console.core.errors import Invalid, NotFound, PermissionDenied
from console.core.permissions import allowed, require
from console.core.personal import mask_id, mask_phone, validate_phone, validate_resident_id, validate_uscc


@dataclass(frozen=True)
class Applicant:
    """Who applies: a person (name, resident ID, phone) or an organization
    (name, unified social credit code, legal representative, contact and phone)."""

    kind: str = "person"
    name: str = ""
    id_no: str = ""
    phone: str = ""
    legal_rep: str = ""
    contact: str = ""


@dataclass(frozen=True)
class IntakeForm:
    """Everything typed at intake; ``received`` holds material positions ticked."""

    item_code: str = ""
    applicant: Applicant = field(default_factory=Applicant)
    received: tuple[int, ...] = ()
    note: str = ""

    def to_json(self) -> str:
        data = asdict(self)
        data["received"] = list(self.received)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> IntakeForm:
        data = json.loads(text or "{}")
        applicant = Applicant(**{k: v for k, v in (data.get("applicant") or {}).items()
                                 if k in Applicant.__dataclass_fields__})
        return cls(item_code=data.get("item_code", ""), applicant=applicant,
                   received=tuple(int(p) for p in data.get("received", ())), note=data.get("note", ""))


@dataclass(frozen=True)
class WaiverInput:
    """A waiver acceptance: the applicant's commitment and the deadline for the missing materials."""

    commitment: str
    deadline: date | None = None


@dataclass(frozen=True)
class AcceptResult:
    """The outcome of an acceptance, enough for the receipt (受理通知书)."""

    number: str
    accepted_at: datetime
    due_date: date
    fee_due_fen: int
    waiver_deadline: date | None
    missing: tuple[str, ...]


@dataclass(frozen=True)
class NoticeResult:
    """A deficiency notice or a refusal: its number and the kept intake record."""

    intake_id: int
    document_no: str
    issued_at: datetime
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftInfo:
    """A kept intake: its form and what became of it."""

    intake_id: int
    status: str
    form: IntakeForm
    document_no: str | None
    updated_at: datetime


# ------------------------------------------------------------------ validation

def validate_applicant(applicant: Applicant, *, today: date | None = None) -> Applicant:
    """The applicant with numbers checked and normalised; :class:`Invalid` names the field."""
    try:
        kind = ApplicantKind(applicant.kind)
    except ValueError:
        raise Invalid("case.applicant_kind", field="applicant.kind", value=applicant.kind) from None
    name = (applicant.name or "").strip()
    if not name:
        raise Invalid("case.applicant_name", field="applicant.name")
    if len(name) > 200:
        raise Invalid("case.field_too_long", field="applicant.name", limit=200)
    if kind is ApplicantKind.person:
        id_no = validate_resident_id(applicant.id_no, today=today, field="applicant.id_no").number
        phone = validate_phone(applicant.phone, field="applicant.phone") if applicant.phone.strip() else ""
        return Applicant("person", name, id_no, phone, "", "")
    id_no = validate_uscc(applicant.id_no, field="applicant.id_no")
    legal_rep = (applicant.legal_rep or "").strip()
    if not legal_rep:
        raise Invalid("case.legal_rep_required", field="applicant.legal_rep")
    contact = (applicant.contact or "").strip()
    if len(legal_rep) > 50 or len(contact) > 50:
        raise Invalid("case.field_too_long", field="applicant.contact", limit=50)
    phone = validate_phone(applicant.phone, field="applicant.phone") if applicant.phone.strip() else ""
    return Applicant("organization", name, id_no, phone, legal_rep, contact)


def masked_applicant(applicant: Applicant) -> dict:
    """The applicant for the audit trail: personal numbers masked."""
    return {
        "kind": applicant.kind, "name": applicant.name,
        "id_no": mask_id(applicant.id_no) if applicant.kind == "person" else applicant.id_no,
        "phone": mask_phone(applicant.phone),
    }


def _item(session: Session, code: str) -> Item:
    code = (code or "").strip()
    if not code:
        raise Invalid("case.item_required", field="item")
    item = session.scalars(select(Item).where(Item.code == code).options(joinedload(Item.materials))).unique().first()
    if item is None:
        raise NotFound("case.unknown_item", code=code)
    if item.retired_year is not None:
        raise Invalid("case.item_retired", field="item", code=code, year=item.retired_year)
    return item


@dataclass(frozen=True)
class Place:
    """Where an intake happens: site, window and the departments the window serves."""

    site_id: int
    site_code: str
    window_id: int | None
    window_number: str
    departments: frozenset[int]


def intake_place(session: Session, actor, window_id: int | None = None) -> Place:
    """The actor's window (or, for staff without one, the window or site they name)."""
    wid = actor.window_id or window_id
    if wid is None:
        if allowed(actor.role, "case.read_all") or actor.role.value == "proxy_agent":
            site = session.get(Site, actor.site_id) if actor.site_id else None
            if site is None:
                raise Invalid("case.no_window", field="window")
            return Place(site.id, site.code, None, "", frozenset())
        raise Invalid("case.no_window", field="window")
    if actor.window_id and window_id and window_id != actor.window_id and not allowed(actor.role, "case.read_all"):
        raise PermissionDenied("case.other_window")
    rows = session.execute(
        select(Window.number, Site.id, Site.code, window_departments.c.department_id)
        .join(Site, Window.site_id == Site.id)
        .outerjoin(window_departments, window_departments.c.window_id == Window.id)
        .where(Window.id == wid)).all()
    if not rows:
        raise NotFound("case.window_not_found", window=wid)
    number, site_id, site_code, _ = rows[0]
    return Place(site_id, site_code, wid, number, frozenset(r[3] for r in rows if r[3] is not None))


def check_item_at(session: Session, actor, place: Place, item: Item) -> None:
    """A clerk accepts only items of the departments the window serves."""
    if place.window_id is None:
        if actor.role.value in ("admin", "proxy_agent"):
            return
        raise Invalid("case.no_window", field="window")
    if item.department_id not in place.departments:
        dept = session.get(Department, item.department_id)
        raise PermissionDenied("case.item_other_department", code=item.code, department=dept.name,
                               window=place.window_number)


def _missing(item: Item, received: tuple[int, ...]) -> list[str]:
    positions = {m.position for m in item.materials}
    unknown = [p for p in received if p not in positions]
    if unknown:
        raise Invalid("case.unknown_material", field="materials", positions=", ".join(map(str, unknown)))
    got = set(received)
    return [m.name for m in item.materials if m.required and m.position not in got]


def _intake(session: Session, actor, intake_id: int | None) -> Intake | None:
    if intake_id is None:
        return None
    intake = session.get(Intake, intake_id)
    if intake is None:
        raise NotFound("case.draft_not_found", id=intake_id)
    if intake.status in (IntakeStatus.accepted, IntakeStatus.refused):
        raise Invalid("case.draft_closed", field="draft", id=intake_id, status=intake.status.value)
    if intake.staff_id != actor.id and not allowed(actor.role, "case.read_all"):
        scope = None
        if actor.window_id and intake.window_id == actor.window_id:
            scope = True
        if not scope:
            raise PermissionDenied("case.draft_other")
    return intake


# --------------------------------------------------------------------- outcomes

def accept(session: Session, actor, form: IntakeForm, *, waiver: WaiverInput | None = None,
           intake_id: int | None = None, window_id: int | None = None,
           at: datetime | None = None) -> AcceptResult:
    """Accept the application as a case (受理), or with ``waiver`` as a waiver acceptance (容缺受理).

    Every required material must be ticked, unless the item allows a waiver and
    one is given; the waiver deadline is no later than the due date.
    """
    from console.calendar.workdays import load_calendar

    require(actor, "case.accept")
    at = at or now()
    item = _item(session, form.item_code)
    place = intake_place(session, actor, window_id)
    check_item_at(session, actor, place, item)
    applicant = validate_applicant(form.applicant, today=at.date())
    missing = _missing(item, form.received)
    intake = _intake(session, actor, intake_id)
    calendar = load_calendar(session)
    accepted_date = at.date()
    due = calendar.due_date(accepted_date, item.promised_days)
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
        accepted_month=at.year * 100 + at.month, promised_days=item.promised_days, extension_days=0,
        due_date=due, decision_no="", late=False, fee_due_fen=item.fee_fen, fee_paid_fen=0,
        fee_waived=False, waiver=waiver is not None,
        waiver_commitment=(waiver.commitment.strip() if waiver else ""), waiver_deadline=waiver_deadline,
        closed_reason="", updated_at=at,
    )]).scalar_one()
    if item.materials:
        session.execute(insert(CaseMaterial), [
            dict(case_id=case_id, material_id=m.id, position=m.position, name=m.name, required=m.required,
                 received=m.position in received) for m in item.materials])
    if intake is not None:
        intake.status = IntakeStatus.accepted
        intake.data = form.to_json()
        intake.updated_at = at
        intake.case_id = case_id
    audit.record(session, actor, "case.waiver_accept" if waiver else "case.accept", "case", number, {
        "item": item.code, "applicant": masked_applicant(applicant), "due_date": due.isoformat(),
        "fee_due_fen": item.fee_fen, "missing": missing,
        **({"waiver_deadline": waiver_deadline.isoformat()} if waiver_deadline else {}),
    })
    return AcceptResult(number, at, due, item.fee_fen, waiver_deadline, tuple(missing))


def save_draft(session: Session, actor, form: IntakeForm, *, intake_id: int | None = None,
               window_id: int | None = None) -> int:
    """Keep what was typed (no validation beyond the item); return the draft's id."""
    require(actor, "case.accept")
    intake = _intake(session, actor, intake_id)
    item = session.scalar(select(Item).where(Item.code == form.item_code.strip())) if form.item_code else None
    at = now()
    if intake is None:
        place = intake_place(session, actor, window_id)
        intake = Intake(staff_id=actor.id or None, window_id=place.window_id, site_id=place.site_id,
                        status=IntakeStatus.draft, created_at=at, reason="", legal_basis="")
        session.add(intake)
    intake.item_id = item.id if item else None
    intake.applicant_name = form.applicant.name.strip()[:200]
    intake.data = form.to_json()
    intake.updated_at = at
    session.flush()
    audit.record(session, actor, "case.draft_save", "intake", intake.id,
                 {"item": form.item_code, "applicant": masked_applicant(form.applicant)})
    return intake.id


def load_draft(session: Session, actor, intake_id: int) -> DraftInfo:
    """Reopen a draft or a deficiency notice exactly as it was left."""
    require(actor, "case.accept")
    intake = session.get(Intake, intake_id)
    if intake is None:
        raise NotFound("case.draft_not_found", id=intake_id)
    if intake.staff_id != actor.id and intake.window_id != actor.window_id \
            and not allowed(actor.role, "case.read_all"):
        raise PermissionDenied("case.draft_other")
    return DraftInfo(intake.id, intake.status.value, IntakeForm.from_json(intake.data), intake.document_no,
                     intake.updated_at)


def list_drafts(session: Session, actor, *, limit: int = 50) -> list[DraftInfo]:
    """The actor's (or their window's) open drafts and deficiency notices, newest first."""
    require(actor, "case.accept")
    stmt = select(Intake).where(Intake.status.in_((IntakeStatus.draft, IntakeStatus.deficiency)))
    if not allowed(actor.role, "case.read_all"):
        if actor.window_id:
            stmt = stmt.where((Intake.staff_id == actor.id) | (Intake.window_id == actor.window_id))
        else:
            stmt = stmt.where(Intake.staff_id == actor.id)
    stmt = stmt.order_by(Intake.updated_at.desc(), Intake.id.desc()).limit(limit)
    return [DraftInfo(i.id, i.status.value, IntakeForm.from_json(i.data), i.document_no, i.updated_at)
            for i in session.scalars(stmt)]


def issue_deficiency_notice(session: Session, actor, form: IntakeForm, *, intake_id: int | None = None,
                            window_id: int | None = None, at: datetime | None = None) -> NoticeResult:
    """The deficiency notice (一次性告知书): every missing required material at once.

    The form is kept with the notice, so reopening it restores everything typed.
    """
    require(actor, "case.accept")
    at = at or now()
    item = _item(session, form.item_code)
    place = intake_place(session, actor, window_id)
    check_item_at(session, actor, place, item)
    if not (form.applicant.name or "").strip():
        raise Invalid("case.applicant_name", field="applicant.name")
    missing = _missing(item, form.received)
    if not missing:
        raise Invalid("case.nothing_missing", field="materials")
    intake = _intake(session, actor, intake_id)
    if intake is None:
        intake = Intake(staff_id=actor.id or None, window_id=place.window_id, site_id=place.site_id,
                        created_at=at, reason="", legal_basis="")
        session.add(intake)
    intake.status = IntakeStatus.deficiency
    intake.item_id = item.id
    intake.applicant_name = form.applicant.name.strip()[:200]
    intake.data = form.to_json()
    intake.reason = "\n".join(missing)
    intake.updated_at = at
    if not intake.document_no:
        intake.document_no = next_document_no(session, "GZ", site=place.site_code, at=at)
    session.flush()
    audit.record(session, actor, "case.deficiency_notice", "intake", intake.id, {
        "document_no": intake.document_no, "item": item.code, "missing": missing,
        "applicant": masked_applicant(form.applicant),
    })
    return NoticeResult(intake.id, intake.document_no, at, tuple(missing))


def refuse(session: Session, actor, form: IntakeForm, *, reason: str, legal_basis: str,
           intake_id: int | None = None, window_id: int | None = None,
           at: datetime | None = None) -> NoticeResult:
    """The refusal decision (不予受理决定书), with its reason and legal basis."""
    require(actor, "case.accept")
    at = at or now()
    item = _item(session, form.item_code)
    place = intake_place(session, actor, window_id)
    check_item_at(session, actor, place, item)
    if not (form.applicant.name or "").strip():
        raise Invalid("case.applicant_name", field="applicant.name")
    if not (reason or "").strip():
        raise Invalid("case.refuse_reason", field="reason")
    if not (legal_basis or "").strip():
        raise Invalid("case.refuse_basis", field="legal_basis")
    intake = _intake(session, actor, intake_id)
    if intake is None:
        intake = Intake(staff_id=actor.id or None, window_id=place.window_id, site_id=place.site_id,
                        created_at=at)
        session.add(intake)
    intake.status = IntakeStatus.refused
    intake.item_id = item.id
    intake.applicant_name = form.applicant.name.strip()[:200]
    intake.data = form.to_json()
    intake.reason = reason.strip()
    intake.legal_basis = legal_basis.strip()
    intake.updated_at = at
    intake.document_no = next_document_no(session, "BSL", site=place.site_code, at=at)
    session.flush()
    audit.record(session, actor, "case.refuse", "intake", intake.id, {
        "document_no": intake.document_no, "item": item.code, "reason": intake.reason,
        "legal_basis": intake.legal_basis, "applicant": masked_applicant(form.applicant),
    })
    return NoticeResult(intake.id, intake.document_no, at)
