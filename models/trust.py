"""Log-in sessions of the command line (``hall login``): only a hash of each token is kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, func
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


#: codes people type are unique regardless of case ("c001" cannot join "C001")
CASE_BLIND_UNIQUE = (
    Index("uq_staff_employee_no_lower", func.lower(Staff.__table__.c.employee_no), unique=True),
    Index("uq_items_code_lower", func.lower(Item.__table__.c.code), unique=True),
    Index("uq_departments_code_lower", func.lower(Department.__table__.c.code), unique=True),
    Index("uq_sites_code_lower", func.lower(Site.__table__.c.code), unique=True),
)
