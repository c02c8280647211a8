"""What intake works on: the form as typed, the results of its outcomes, the applicant's
validation, and where the intake happens.

* :class:`IntakeForm` (item code, :class:`Applicant`, the positions of the materials
  received) is what the intake screen and ``hall case accept`` build;
* :class:`WaiverInput`, :class:`AcceptResult`, :class:`NoticeResult`, :class:`DraftInfo`
  are what the outcomes (:mod:`console.cases.intake`) and the drafts
  (:mod:`console.cases.drafts`) take and give back;
* :func:`validate_applicant` checks and normalises the applicant's numbers;
* :func:`intake_place` is the window (or, for the proxy section, the site) an intake
  happens at, with the departments it serves.

The underscored helpers taking the running use case's context (:func:`_kept_intake`,
:func:`_accepts_anywhere`) are shared with the outcomes and the drafts; they are
not use cases of their own.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from models import ApplicantKind, Intake, IntakeStatus, Site, Window, window_departments

from console.core.errors import Invalid, NotFound, PermissionDenied
from console.core.parsing import format_yuan
from console.core.personal import mask_id, mask_phone, validate_phone, validate_resident_id, validate_uscc
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context


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
    #: the due date was counted through a year whose official calendar is not known yet
    provisional: bool = False
    #: no deficiency notice within 5 working days of receipt: accepted from the day of receipt
    deemed: bool = False

    def as_dict(self) -> dict:
        return {"number": self.number, "accepted_at": self.accepted_at.isoformat(sep=" "),
                "due_date": self.due_date.isoformat(), "fee_due": format_yuan(self.fee_due_fen),
                "waiver_deadline": self.waiver_deadline.isoformat() if self.waiver_deadline else None,
                "missing": list(self.missing), "provisional": self.provisional, "deemed": self.deemed}


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
    #: the outcome dialogs (refusal, waiver) left half-typed on it: dialog → fields as typed
    dialogs: dict = field(default_factory=dict)


# ------------------------------------------------------------------ validation

def validate_applicant(applicant: Applicant, *, today: date) -> Applicant:
    """The applicant with numbers checked and normalised; :class:`Invalid` names the field.

    ``today`` bounds a resident's birth date.
    """
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


# ------------------------------------------------------------------ the place

@dataclass(frozen=True)
class Place:
    """Where an intake happens: site, window and the departments the window serves."""

    site_id: int
    site_code: str
    window_id: int | None
    window_number: str
    departments: frozenset[int]


def _accepts_anywhere(ctx: Context) -> bool:
    """True when the acting staff member takes applications without a window, for any
    department of their site: the proxy section (``proxy.work``), administrators, and a village
    service room's agent (代办员) on a villager's behalf."""
    return ctx.allowed("proxy.work") or ctx.actor.role.value == "village_agent"


@use_case("case.accept")
def intake_place(ctx: Context, window_id: int | None = None) -> Place:
    """The acting staff member's window (or, for staff without one, the window or site they name)."""
    session, actor = ctx.session, ctx.actor
    wid = actor.window_id or window_id
    if wid is None:
        if _accepts_anywhere(ctx):
            site = session.get(Site, actor.site_id) if actor.site_id else None
            if site is None:
                raise Invalid("case.no_window", field="window")
            return Place(site.id, site.code, None, "", frozenset())
        raise Invalid("case.no_window", field="window")
    if actor.window_id and window_id and window_id != actor.window_id and not ctx.allowed("case.read_all"):
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


def _kept_intake(ctx: Context, intake_id: int | None) -> Intake | None:
    """The open draft or deficiency notice ``intake_id`` that a form continues (``None``: a new one)."""
    if intake_id is None:
        return None
    intake = ctx.session.get(Intake, intake_id)
    if intake is None:
        raise NotFound("case.draft_not_found", id=intake_id)
    if intake.status in (IntakeStatus.accepted, IntakeStatus.refused):
        raise Invalid("case.draft_closed", field="draft", id=intake_id, status=intake.status.value)
    actor = ctx.actor
    if intake.staff_id != actor.id and not ctx.allowed("case.read_all"):
        if not (actor.window_id and intake.window_id == actor.window_id):
            raise PermissionDenied("case.draft_other")
    return intake
