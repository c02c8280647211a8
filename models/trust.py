"""Log-in sessions of the command line (``hall login``): only a hash of each token is kept; and
the forms a staff member left half-typed (kept for the next time they open it, on any terminal)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.catalog import Item
from models.org import Department, Site, Staff


class StaffSession(Base):
    """One ``hall login``: whose, when it ends, whether it was revoked.

    ``token_hash`` is the SHA-256 of the random secret kept (0600) in the user's
    state directory; the secret itself is never stored here.
    """

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: where it was opened (host and user), to tell sessions apart in ``hall session list``
    origin: Mapped[str] = mapped_column(String(120), default="")


class KeptForm(Base):
    """What a staff member typed in a form they left without submitting (a hand-off, a refusal),
    kept until it is submitted or discarded: ``form`` names the kind, ``key`` what it was for
    (the ticket handed on), ``data`` the JSON of the fields as typed."""

    __tablename__ = "kept_forms"
    __table_args__ = (UniqueConstraint("staff_id", "form", "key", name="uq_kept_forms_staff_form_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    form: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(80))
    data: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


#: codes people type are unique regardless of case ("c001" cannot join "C001")
CASE_BLIND_UNIQUE = (
    Index("uq_staff_employee_no_lower", func.lower(Staff.__table__.c.employee_no), unique=True),
    Index("uq_items_code_lower", func.lower(Item.__table__.c.code), unique=True),
    Index("uq_departments_code_lower", func.lower(Department.__table__.c.code), unique=True),
    Index("uq_sites_code_lower", func.lower(Site.__table__.c.code), unique=True),
)
