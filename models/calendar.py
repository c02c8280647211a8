"""Working-day calendar data an administrator adds: per-date overrides and imported years.

The official calendar comes from the ``chinese_calendar`` library for the years it
knows; rows of :class:`CalendarDay` win over it (a date declared a workday or a
holiday, with a note), and :class:`CalendarYear` marks a year the library does not
know yet as complete once an administrator has imported it.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, DateTime, Enum, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class DayKind(str, enum.Enum):
    """What an override makes of a date."""

    workday = "workday"
    holiday = "holiday"


class CalendarDay(Base):
    """An administrator's ruling on one date; it wins over the library."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[DayKind] = mapped_column(
        Enum(DayKind, name="calendar_day_kind", native_enum=False, validate_strings=True, length=20)
    )
    note: Mapped[str] = mapped_column(String(200), default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CalendarYear(Base):
    """A year the library does not know, declared complete by an administrator's import."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    imported_at: Mapped[datetime] = mapped_column(DateTime)
