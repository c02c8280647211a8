"""Cases (办件) and intake: acceptance, drafts and notices, the case clock, fees.

A :class:`Case` is one accepted application.  Columns the reports group by are
stored on the row (``accepted_date``, ``accepted_month`` as YYYYMM, ``late``) and
covered by indexes so that a report over the hall's whole history reads only the
index.  :class:`Intake` keeps what a clerk typed before an outcome (a draft, a
deficiency notice or a refusal); reopening it restores everything.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, enum_column


class ApplicantKind(str, enum.Enum):
    """A natural person or an organization."""

    person = "person"
    organization = "organization"


class CaseStatus(str, enum.Enum):
    """Where a case is in its life."""

    accepted = "accepted"
    under_review = "under_review"
    decided = "decided"
    completed = "completed"
    suspended = "suspended"
    withdrawn = "withdrawn"
    #: a waiver acceptance whose missing materials never came
    ended = "ended"


#: statuses on the clock (a suspended case is off it; the rest are closed)
OPEN_STATUSES = (CaseStatus.accepted, CaseStatus.under_review, CaseStatus.decided)


class Decision(str, enum.Enum):
    """The outcome of the review."""

    approved = "approved"
    not_approved = "not_approved"


class SuspendReason(str, enum.Enum):
    """The kinds of time the Administrative Licensing Law does not count (§45)."""

    supplement = "supplement"
    hearing = "hearing"
    tendering = "tendering"
    auction = "auction"
    inspection = "inspection"
    testing = "testing"
    quarantine = "quarantine"
    appraisal = "appraisal"
    expert_review = "expert_review"
    public_notice = "public_notice"


class FeeKind(str, enum.Enum):
    """A payment or a waiver of the fee."""

    payment = "payment"
    waiver = "waiver"


class PayMethod(str, enum.Enum):
    """How a fee was paid."""

    cash = "cash"
    card = "card"
    transfer = "transfer"
    other = "other"


class IntakeStatus(str, enum.Enum):
    """What became of what a clerk typed."""

    draft = "draft"
    #: the materials were received (收件): the 5-working-day notice limit runs
    received = "received"
    deficiency = "deficiency"
    refused = "refused"
    accepted = "accepted"


class CaseSequence(Base):
    """The last number handed out in one numbering scope (e.g. site + year)."""

    __tablename__ = "case_sequences"

    scope: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Case(Base):
    """One accepted application (办件) and its clock."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_report_department", "department_id", "accepted_date", "status", "late",
              "due_date", "fee_paid_fen"),
        Index("ix_cases_report_month", "accepted_month", "accepted_date", "status", "late",
              "due_date", "fee_paid_fen", "department_id", "window_id", "site_id", "item_id"),
        Index("ix_cases_status_due", "status", "due_date"),
        # the case lists, newest accepted first, filtered on one column (migration 0007_case_lists)
        Index("ix_cases_list_accepted", "accepted_at", "id"),
        Index("ix_cases_list_status", "status", "accepted_at", "id"),
        Index("ix_cases_list_department", "department_id", "accepted_at", "id"),
        Index("ix_cases_list_window", "window_id", "accepted_at", "id"),
        # only cases someone accepted (0009): imported history names nobody, and an index whose
        # every entry is NULL would tell the planner that one staff member's cases are all of them
        Index("ix_cases_list_staff", "staff_id", "accepted_at", "id", sqlite_where=text("staff_id IS NOT NULL"),
              postgresql_where=text("staff_id IS NOT NULL")),
        Index("ix_cases_list_site", "site_id", "accepted_at", "id"),
        # a window's cases of the clerk's departments, counted from the index alone (0009_case_counts)
        Index("ix_cases_count_window", "window_id", "department_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    intake_id: Mapped[int | None] = mapped_column(ForeignKey("intakes.id"))
    applicant_kind: Mapped[ApplicantKind] = mapped_column(enum_column(ApplicantKind, "applicant_kind"))
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_id_no: Mapped[str] = mapped_column(String(18), default="")
    applicant_phone: Mapped[str] = mapped_column(String(20), default="")
    legal_rep: Mapped[str] = mapped_column(String(50), default="")
    contact: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus, "case_status"))
    accepted_at: Mapped[datetime] = mapped_column(DateTime)
    accepted_date: Mapped[date] = mapped_column(Date)
    accepted_month: Mapped[int] = mapped_column(Integer)
    promised_days: Mapped[int] = mapped_column(Integer)
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    due_date: Mapped[date] = mapped_column(Date)
    decision: Mapped[Decision | None] = mapped_column(enum_column(Decision, "case_decision"))
    decision_no: Mapped[str] = mapped_column(String(60), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)
    completed_date: Mapped[date | None] = mapped_column(Date)
    #: closed after its due date
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    fee_due_fen: Mapped[int] = mapped_column(Integer, default=0)
    fee_paid_fen: Mapped[int] = mapped_column(Integer, default=0)
    fee_waived: Mapped[bool] = mapped_column(Boolean, default=False)
    waiver: Mapped[bool] = mapped_column(Boolean, default=False)
    waiver_commitment: Mapped[str] = mapped_column(Text, default="")
    waiver_deadline: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    #: the due date was counted through a year whose official calendar is not known yet
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: when the materials were received (收件): the legal clock of §32(4) starts here
    received_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: no deficiency notice within 5 working days of receipt: accepted from the day of receipt
    deemed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: handled jointly by several departments (one clock of at most 45 + 15 working days)
    joint: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: the queue ticket of the visit the case was accepted from
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("queue_tickets.id"), index=True)
    #: where the case is now (the three-level network); ``site_id`` is where it was received
    current_site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)

    materials: Mapped[list[CaseMaterial]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseMaterial.position"
    )
    suspensions: Mapped[list[CaseSuspension]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseSuspension.id"
    )
    extensions: Mapped[list[CaseExtension]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseExtension.id"
    )
    fees: Mapped[list[CaseFee]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseFee.id"
    )
    hops: Mapped[list[CaseHop]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseHop.id"
    )


class CaseMonthStat(Base):
    """Closed cases (completed, withdrawn, ended) counted per month, site, window,
    department and item: the pre-aggregated part of the case report.

    A case is added here when it closes and never changes afterwards (a fee paid
    after closing is added too), so a report over whole months reads these few
    rows plus the handful of open cases.  ``window_id`` 0 means no window.
    """

    __tablename__ = "case_month_stats"

    month: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    site_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    window_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    department_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    item_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    closed: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[int] = mapped_column(Integer, default=0)
    late: Mapped[int] = mapped_column(Integer, default=0)
    fees_fen: Mapped[int] = mapped_column(BigInteger, default=0)


class CaseMaterial(Base):
    """Whether one of the item's materials was received with the application."""

    __tablename__ = "case_materials"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("materials.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    received: Mapped[bool] = mapped_column(Boolean, default=False)

    case: Mapped[Case] = relationship(back_populates="materials")


class CaseSuspension(Base):
    """A period off the clock (暂停计时) with its legal reason."""

    __tablename__ = "case_suspensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    reason: Mapped[SuspendReason] = mapped_column(enum_column(SuspendReason, "suspend_reason"))
    note: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    resumed_on: Mapped[date | None] = mapped_column(Date)
    resumed_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: the status the case returns to when the clock resumes
    resume_status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus, "case_status"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    #: the written notices to the applicant (§45): the clock stopped, the clock restarted
    notice_no: Mapped[str | None] = mapped_column(String(40))
    resume_notice_no: Mapped[str | None] = mapped_column(String(40))

    case: Mapped[Case] = relationship(back_populates="suspensions")


class CaseExtension(Base):
    """Extra working days where the law allows them, with who approved."""

    __tablename__ = "case_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    days: Mapped[int] = mapped_column(Integer)
    approved_by: Mapped[str] = mapped_column(String(50))
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    case: Mapped[Case] = relationship(back_populates="extensions")


class CaseFee(Base):
    """A fee payment (amount, method, receipt) or a waiver with its reason."""

    __tablename__ = "case_fees"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[FeeKind] = mapped_column(enum_column(FeeKind, "fee_kind"))
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    method: Mapped[PayMethod | None] = mapped_column(enum_column(PayMethod, "pay_method"))
    receipt_no: Mapped[str] = mapped_column(String(40), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_date: Mapped[date] = mapped_column(Date, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))

    case: Mapped[Case] = relationship(back_populates="fees")


class Intake(Base):
    """What a clerk typed for one application, and the outcome short of acceptance.

    ``data`` is the JSON of the whole form, so a draft or a deficiency notice can be
    reopened exactly as it was left.  ``document_no`` numbers the deficiency notice
    (一次性告知书) or the refusal decision (不予受理决定书).
    """

    __tablename__ = "intakes"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"))
    status: Mapped[IntakeStatus] = mapped_column(enum_column(IntakeStatus, "intake_status"))
    applicant_name: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[str] = mapped_column(Text, default="{}")
    document_no: Mapped[str | None] = mapped_column(String(40), unique=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", use_alter=True, name="fk_intakes_case"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    #: when the materials were received (收件), the start of the 5-working-day notice limit
    received_at: Mapped[datetime | None] = mapped_column(DateTime)


class CaseHop(Base):
    """One move of a case across the three-level network (village → township → city, and back)."""

    __tablename__ = "case_hops"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    from_site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    to_site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="hops")


class CreditBlacklist(Base):
    """An applicant on the credit blacklist (失信名单): no 容缺 acceptance for them."""

    __tablename__ = "credit_blacklist"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: a resident ID number or a unified social credit code
    id_no: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    #: who published the listing (e.g. 信用中国, a court) and when
    source: Mapped[str] = mapped_column(String(200))
    listed_on: Mapped[date] = mapped_column(Date)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
