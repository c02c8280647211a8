"""The queue: services with their numbering and targets, tickets, and each ticket's time slices.

A :class:`QueueService` is a department's business (or a group of items) at one
site, served by one or more windows (``queue_window_services``).  A
:class:`Ticket` is one applicant's place in the queue; its number is the
service's prefix and a three-digit sequence allocated from
:class:`QueueCounter` (one row per service and day).  Every moment of a ticket
(waiting, called, recalled, serving, finished, no-show, transferred, …) is an
append-only :class:`TicketEvent` naming the staff member, from which wait,
service and idle times are reported.

Integrity that must hold under any number of terminals is enforced by the
database itself:

* ``uq_queue_tickets_service_day_seq``: a number is issued once per service and day;
* ``ux_queue_tickets_waiting_id_number``: at most one *waiting* ticket per
  resident ID per site and day (partial unique index);
* ``ux_queue_tickets_window_active``: at most one called/serving ticket per window;
* ``ix_queue_tickets_waiting``: the partial index the call-next claim walks.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, PartialIndex, enum_column
from models.org import Department, Site, Window


class TicketStatus(str, enum.Enum):
    """Where a ticket stands now."""

    waiting = "waiting"
    called = "called"
    serving = "serving"
    finished = "finished"
    no_show = "no_show"
    #: still waiting when the day was closed
    not_served = "not_served"


class Priority(str, enum.Enum):
    """Who goes before ordinary tickets (``none`` is ordinary)."""

    none = "none"
    elderly = "elderly"
    disabled = "disabled"
    military = "military"
    #: 绿色通道 for investment projects
    green_channel = "green_channel"


class EventKind(str, enum.Enum):
    """One moment of a ticket (or of a window, for pause and resume)."""

    waiting = "waiting"
    called = "called"
    recalled = "recalled"
    serving = "serving"
    finished = "finished"
    no_show = "no_show"
    transferred = "transferred"
    not_served = "not_served"
    paused = "paused"
    resumed = "resumed"


#: sort ranks of waiting tickets: lower is called first
RANK_PRIORITY = 0
RANK_TRANSFER = 1
RANK_APPOINTMENT = 2
RANK_ORDINARY = 3


queue_window_services = Table(
    "queue_window_services",
    Base.metadata,
    Column("window_id", ForeignKey("windows.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", ForeignKey("queue_services.id", ondelete="CASCADE"), primary_key=True),
)

queue_service_items = Table(
    "queue_service_items",
    Base.metadata,
    Column("service_id", ForeignKey("queue_services.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
)


class QueueService(Base):
    """A business the public queues for, with its ticket prefix, hours, cap and targets."""

    __tablename__ = "queue_services"
    __table_args__ = (
        UniqueConstraint("site_id", "code"),
        UniqueConstraint("site_id", "prefix"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(3))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    #: opening hours; ``None`` means no limit on that side
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    #: at most this many tickets a day (``None``: no cap; never above 999)
    daily_cap: Mapped[int | None] = mapped_column(Integer)
    #: waiting count at which the display and status raise the alarm
    alarm_waiting: Mapped[int | None] = mapped_column(Integer)
    max_wait_minutes: Mapped[int] = mapped_column(Integer, default=15)
    max_service_minutes: Mapped[int | None] = mapped_column(Integer)
    max_queue_length: Mapped[int | None] = mapped_column(Integer)
    #: recalls before the ticket becomes a no-show by itself
    recall_limit: Mapped[int] = mapped_column(Integer, default=3)
    #: the linked business a finished ticket is handed on to (多窗联办)
    next_service_id: Mapped[int | None] = mapped_column(ForeignKey("queue_services.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    site: Mapped[Site] = relationship()
    department: Mapped[Department | None] = relationship()
    next_service: Mapped[QueueService | None] = relationship(remote_side=[id])
    windows: Mapped[list[Window]] = relationship(secondary=queue_window_services,
                                                 order_by="Window.number")


class QueueCounter(Base):
    """The last number issued for a service on a day (numbering restarts every day)."""

    __tablename__ = "queue_counters"

    service_id: Mapped[int] = mapped_column(ForeignKey("queue_services.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


_WAITING = text("status = 'waiting'")
_ACTIVE = text("status IN ('called', 'serving')")
_WAITING_ID = text("status = 'waiting' AND id_number IS NOT NULL")


class Ticket(Base):
    """One applicant's place in the queue.

    Waiting tickets are called by ``(rank, sort_at, id)``: priority kinds first,
    then transferred and handed-on tickets (keeping their original time), then
    appointments from their slot time, then ordinary walk-ins.  ``service_id`` and
    ``window_id`` follow the ticket through transfers; ``version`` grows with every
    change so that a screen can act on exactly the state it showed.
    """

    __tablename__ = "queue_tickets"
    __table_args__ = (
        UniqueConstraint("issued_service_id", "day", "seq", name="uq_queue_tickets_issued_day_seq"),
        PartialIndex("ix_queue_tickets_waiting", "service_id", "rank", "sort_at", "id", where=_WAITING),
        PartialIndex("ux_queue_tickets_waiting_id_number", "site_id", "day", "id_number", unique=True,
                     where=_WAITING_ID),
        PartialIndex("ux_queue_tickets_window_active", "window_id", unique=True, where=_ACTIVE),
        Index("ix_queue_tickets_site_day", "site_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    #: the service the number was issued for (its prefix)
    issued_service_id: Mapped[int] = mapped_column(ForeignKey("queue_services.id"))
    #: the service the ticket waits for or is served under now
    service_id: Mapped[int] = mapped_column(ForeignKey("queue_services.id"))
    day: Mapped[date] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(10))
    status: Mapped[TicketStatus] = mapped_column(enum_column(TicketStatus, "ticket_status"),
                                                 default=TicketStatus.waiting)
    priority: Mapped[Priority] = mapped_column(enum_column(Priority, "ticket_priority"), default=Priority.none)
    rank: Mapped[int] = mapped_column(SmallInteger, default=RANK_ORDINARY)
    sort_at: Mapped[datetime] = mapped_column(DateTime)
    taken_at: Mapped[datetime] = mapped_column(DateTime)
    #: appointment slot (预约), when the ticket is an appointment check-in
    slot_at: Mapped[datetime | None] = mapped_column(DateTime)
    id_number: Mapped[str | None] = mapped_column(String(18))
    #: only this window may call it (a transfer to a window)
    target_window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    #: the window that called it last
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    #: when the current waiting spell began (taken, transferred or handed on)
    waiting_since: Mapped[datetime] = mapped_column(DateTime)
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    serving_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    service: Mapped[QueueService] = relationship(foreign_keys=[service_id])
    issued_service: Mapped[QueueService] = relationship(foreign_keys=[issued_service_id])
    window: Mapped[Window | None] = relationship(foreign_keys=[window_id])


class TicketEvent(Base):
    """One time slice boundary of a ticket, naming who did it (append-only).

    ``ticket_id`` is empty for window events (pause, resume).  ``service_id`` and
    ``window_id`` are where the ticket was at that moment.
    """

    __tablename__ = "queue_events"
    __table_args__ = (
        Index("ix_queue_events_site_at", "site_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("queue_tickets.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind, "queue_event_kind"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("queue_services.id"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str] = mapped_column(String(200), default="")
