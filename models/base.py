"""Declarative base, naming convention and the hall clock used by every model."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextvars import ContextVar
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


#: TRANSITION: the clock of the use-case transaction running in this thread, so that code
#: not yet reading ``ctx.now()`` reads the same clock.  Removed with :func:`now`.
TRANSITION_CLOCK: ContextVar[Callable[[], datetime] | None] = ContextVar("hall_clock", default=None)


class clock_in_use:  # noqa: N801 - used as a context manager
    """TRANSITION: ``with clock_in_use(clock.now):`` makes :func:`now` read ``clock`` in this thread."""

    def __init__(self, read: Callable[[], datetime]) -> None:
        self.read = read

    def __enter__(self):
        self.token = TRANSITION_CLOCK.set(self.read)

    def __exit__(self, *exc):
        TRANSITION_CLOCK.reset(self.token)


def now() -> datetime:
    """TRANSITION: the clock of the running use case (``ctx.now()`` replaces this)."""
    clock = TRANSITION_CLOCK.get()
    if clock is not None:
        return clock()
    return datetime.now(hall_timezone()).replace(tzinfo=None, microsecond=0)


def today() -> date:
    """The hall's local date."""
    return now().date()


def enum_column(cls: type, name: str):
    """A portable enum column type: stored as text (no native PostgreSQL enum), values validated."""
    from sqlalchemy import Enum

    return Enum(cls, name=name, native_enum=False, validate_strings=True, length=20)
