"""Organization: sites, the center's offices, departments, seals, windows and staff."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, enum_column
from models.roles import Role  # noqa: F401 - defined apart so that permissions need no ORM


class SiteKind(str, enum.Enum):
    """Level of a site in the three-level network."""

    center = "center"
    township = "township"
    village = "village"


class WindowStatus(str, enum.Enum):
    """Whether a window is taking applicants."""

    open = "open"
    paused = "paused"


department_sites = Table(
    "department_sites",
    Base.metadata,
    Column("department_id", ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True),
    Column("site_id", ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True),
)

window_departments = Table(
    "window_departments",
    Base.metadata,
    Column("window_id", ForeignKey("windows.id", ondelete="CASCADE"), primary_key=True),
    Column("department_id", ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True),
)


class Site(Base):
    """A place where cases are accepted: the city center, a township center or a village room."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[SiteKind] = mapped_column(enum_column(SiteKind, "site_kind"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    parent: Mapped[Site | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Site]] = relationship(back_populates="parent")
    windows: Mapped[list[Window]] = relationship(back_populates="site", order_by="Window.number")


class Office(Base):
    """One of the center's own offices (办公室, 业务室, 督查室, 代办科)."""

    __tablename__ = "offices"
    __table_args__ = (UniqueConstraint("site_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))

    site: Mapped[Site] = relationship()


class Department(Base):
    """A government department (职能委局) and its administrative service section."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    service_section: Mapped[str] = mapped_column(String(100), default="")
    chief_representative_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", use_alter=True, name="fk_departments_chief_staff")
    )
    letter_signer: Mapped[str] = mapped_column(String(50), default="")
    letter_date: Mapped[date | None] = mapped_column(Date)
    letter_scope: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    sites: Mapped[list[Site]] = relationship(secondary=department_sites)
    seals: Mapped[list[Seal]] = relationship(back_populates="department", order_by="Seal.number")
    chief_representative: Mapped[Staff | None] = relationship(
        foreign_keys=[chief_representative_id], post_update=True
    )
    windows: Mapped[list[Window]] = relationship(
        secondary=window_departments, back_populates="departments"
    )


class Seal(Base):
    """An approval seal (审批专用章) issued to a department."""

    __tablename__ = "seals"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    issued: Mapped[date] = mapped_column(Date)
    retired: Mapped[date | None] = mapped_column(Date)

    department: Mapped[Department] = relationship(back_populates="seals")


class Window(Base):
    """A numbered counter; a comprehensive window (综合窗口) serves several departments."""

    __tablename__ = "windows"
    __table_args__ = (UniqueConstraint("site_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    number: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[WindowStatus] = mapped_column(
        enum_column(WindowStatus, "window_status"), default=WindowStatus.open
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    site: Mapped[Site] = relationship(back_populates="windows")
    departments: Mapped[list[Department]] = relationship(
        secondary=window_departments, back_populates="windows", order_by="Department.code"
    )

    @property
    def is_comprehensive(self) -> bool:
        """True when the window serves more than one department."""
        return len(self.departments) > 1


class Staff(Base):
    """A person who logs in: window clerk, proxy agent, supervisor or administrator."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_no: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    role: Mapped[Role] = mapped_column(enum_column(Role, "staff_role"))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"), index=True)
    phone: Mapped[str] = mapped_column(String(20), default="")
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    #: when the account was locked by wrong PINs (an administrator's lock-out ends by itself)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    site: Mapped[Site | None] = relationship()
    department: Mapped[Department | None] = relationship(foreign_keys=[department_id])
    office: Mapped[Office | None] = relationship()
    window: Mapped[Window | None] = relationship()
