"""What the proxy section takes from the intake and personal-data services, in one place.

The proxy services use the case services of the intake issue (working-day calendar,
personal-data checks, case warnings).  They are reached only through the functions
of this module so that the proxy code depends on one narrow surface; each falls back
to an equivalent built on the same libraries while the intake modules are absent.
"""

from __future__ import annotations

import re
from datetime import date

from console.core.errors import Invalid

_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}$")


def validate_uscc(value: str, field: str = "uscc") -> str:
    """A unified social credit code (GB 32100), normalised; :class:`Invalid` otherwise."""
    try:
        from console.core.personal import validate_uscc as check
    except ImportError:  # pragma: no cover - the intake issue's module is present once merged
        check = None
    if check is not None:
        return check(value, field=field)
    from stdnum.cn import uscc  # pragma: no cover
    from stdnum.exceptions import ValidationError  # pragma: no cover

    number = (value or "").strip().upper().replace(" ", "").replace("-", "")  # pragma: no cover
    try:  # pragma: no cover
        return uscc.validate(number)
    except ValidationError:  # pragma: no cover
        raise Invalid("proxy.uscc_bad", field=field, value=value) from None


def validate_phone(value: str, field: str = "phone") -> str:
    """A mobile or landline number, normalised; :class:`Invalid` otherwise."""
    try:
        from console.core.personal import validate_phone as check
    except ImportError:  # pragma: no cover
        check = None
    if check is not None:
        return check(value, field=field)
    compact = (value or "").strip().replace(" ", "")  # pragma: no cover
    if _MOBILE.match(compact) or _LANDLINE.match(compact):  # pragma: no cover
        return compact
    raise Invalid("proxy.phone_bad", field=field, value=value)  # pragma: no cover


def shown_phone(actor, number: str) -> str:
    """The phone as ``actor`` may see it (masked unless the role sees personal data)."""
    try:
        from console.core.personal import shown_phone as show
    except ImportError:  # pragma: no cover
        show = None
    if show is not None:
        return show(actor, number)
    from console.core.permissions import allowed  # pragma: no cover

    if actor is not None and allowed(actor.role, "personal.full"):  # pragma: no cover
        return number
    return number[:3] + "*" * max(len(number) - 7, 0) + number[-4:] if len(number) > 7 else "*" * len(number)


class _LibraryCalendar:  # pragma: no cover - used only while console.calendar.workdays is absent
    """Working days straight from ``chinese_calendar`` (no administrator overrides)."""

    @staticmethod
    def is_workday(day: date) -> bool:
        import chinese_calendar

        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise Invalid("proxy.calendar_unknown", field="date", year=day.year) from None

    def count(self, start: date, end: date) -> int:
        from datetime import timedelta

        total, day = 0, start
        while day < end:
            day += timedelta(days=1)
            total += self.is_workday(day)
        return total

    def add(self, start: date, n: int) -> date:
        from datetime import timedelta

        day = start
        while n > 0:
            day += timedelta(days=1)
            n -= self.is_workday(day)
        return day


def calendar(session):
    """The working-day calendar of the database: ``.count(a, b)`` days in (a, b], ``.add(d, n)``."""
    try:
        from console.calendar.workdays import load_calendar
    except ImportError:  # pragma: no cover
        return _LibraryCalendar()
    return load_calendar(session)


def workdays_left(cal, today: date, due: date) -> int:
    """Working days from ``today`` to ``due`` (0 on the due day); negative once past it."""
    if due >= today:
        return cal.count(today, due)
    return -cal.count(due, today)


def case_yellow_days(session) -> int:
    """How many last working days make an open case at risk (the intake issue's setting)."""
    try:
        from console.cases.access import yellow_days
    except ImportError:  # pragma: no cover
        return 1
    return yellow_days(session)
