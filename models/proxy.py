"""The proxy service section (代办科): enterprises, investment projects, their items, follow-up visits.

An :class:`Enterprise` (identified by its unified social credit code) brings a
:class:`Project`; a window hands it to the proxy section, an agent takes it and
adds the approval items it needs.  Each :class:`ProjectItem` is one case accepted
through the ordinary intake service.  The project's own clock starts the day its
materials are complete (``materials_complete_on``) and runs ``promised_days``
working days to ``due_date``.  After completion a :class:`ProjectVisit` (回访)
is scheduled and later recorded.

Money is kept exactly, as integer fen (``investment_fen``; a BigInteger, since a
project of 200 million yuan is 2·10¹⁰ fen).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.audit import AuditEvent
from models.base import Base


class ProjectStatus(str, enum.Enum):
    """Where a project is: waiting for an agent, being carried, or done."""

    handed_off = "handed_off"
    assigned = "assigned"
    completed = "completed"


class Enterprise(Base):
    """An investor enterprise, known by its unified social credit code (统一社会信用代码)."""

    __tablename__ = "proxy_enterprises"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    uscc: Mapped[str] = mapped_column(String(18), unique=True)
    #: the legal representative (法定代表人), when given; cases of the enterprise name them
    legal_rep: Mapped[str] = mapped_column(String(50), default="")
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)

    projects: Mapped[list[Project]] = relationship(back_populates="enterprise", order_by="Project.id")


class Project(Base):
    """An investment project carried through every department by one agent under one clock."""

    __tablename__ = "proxy_projects"
    __table_args__ = (CheckConstraint("investment_fen >= 0", name="investment_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("proxy_enterprises.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(200), default="")
    industry: Mapped[str] = mapped_column(String(100), default="")
    investment_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[ProjectStatus] = mapped_column(
        Enum(ProjectStatus, name="proxy_project_status", native_enum=False, validate_strings=True, length=20),
        index=True,
    )
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    handed_off_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    handed_off_at: Mapped[datetime] = mapped_column(DateTime)
    #: the queue ticket the investor was served under, if any (number text; the queue owns tickets)
    ticket_ref: Mapped[str] = mapped_column(String(40), default="")
    materials_complete_on: Mapped[date | None] = mapped_column(Date)
    promised_days: Mapped[int | None] = mapped_column(Integer)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)
    completed_date: Mapped[date | None] = mapped_column(Date)
    #: completed after its due date
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    enterprise: Mapped[Enterprise] = relationship(back_populates="projects")
    items: Mapped[list[ProjectItem]] = relationship(back_populates="project", order_by="ProjectItem.id")
    visits: Mapped[list[ProjectVisit]] = relationship(back_populates="project", order_by="ProjectVisit.id")


class ProjectItem(Base):
    """One approval a project needs: an item of the catalog, accepted as a case.

    ``blocker`` is what holds the item up, noted by the agent (empty when nothing does).
    """

    __tablename__ = "proxy_project_items"
    __table_args__ = (UniqueConstraint("project_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("proxy_projects.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    blocker: Mapped[str] = mapped_column(Text, default="")
    blocker_since: Mapped[date | None] = mapped_column(Date)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime)

    project: Mapped[Project] = relationship(back_populates="items")


class ProjectVisit(Base):
    """A follow-up visit (回访): scheduled at completion, recorded when made."""

    __tablename__ = "proxy_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("proxy_projects.id"), index=True)
    scheduled_on: Mapped[date] = mapped_column(Date)
    visited_on: Mapped[date | None] = mapped_column(Date)
    contact: Mapped[str] = mapped_column(String(50), default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    solutions: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime)

    project: Mapped[Project] = relationship(back_populates="visits")


#: a project's timeline reads the audit trail by entity (the project and its cases)
Index("ix_audit_events_entity", AuditEvent.entity_type, AuditEvent.entity_id)
