"""Declarative base, naming convention and the hall clock used by every model."""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every Hall Console table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def hall_timezone() -> ZoneInfo:
    """The time zone the hall keeps its clock in (``HALL_TZ``, default Asia/Shanghai)."""
    return ZoneInfo(os.environ.get("HALL_TZ", "Asia/Shanghai"))


def now() -> datetime:
    """The hall's wall-clock time, naive, to the second.

    All times are stored as the hall's local wall clock: a hall lives in one time
    zone and its working days are local dates.
    """
    return datetime.now(hall_timezone()).replace(tzinfo=None, microsecond=0)


def today() -> date:
    """The hall's local date."""
    return now().date()


def enum_column(cls: type, name: str):
    """A portable enum column type: stored as text (no native PostgreSQL enum), values validated."""
    from sqlalchemy import Enum

    return Enum(cls, name=name, native_enum=False, validate_strings=True, length=20)
