"""Working days on the official Chinese calendar, with administrator overrides.

A :class:`WorkCalendar` answers "is this a workday", "how many workdays lie in
(start, end]" and "which is the N-th workday after start" by bisecting sorted
per-year lists of workday ordinals, built once per year and cached.  A year's
working days come from (see :mod:`console.calendar.years`):

* the ``chinese_calendar`` library for the years it knows (2004 onwards: weekends,
  statutory holidays, make-up workdays 调休);
* an administrator's import for a year the library does not know (weekdays plus
  the imported dates);
* otherwise a **provisional** calendar — weekends plus the statutory holidays by
  their fixed or lunar dates, without make-up workdays — so that a due date in a
  year nobody has announced yet is still given (and said to be provisional)
  instead of stopping the hall.

An administrator's per-date overrides win over all three.  A *strict* calendar
refuses a year without official data (``calendar.year_unknown``) instead of
answering provisionally.  Years outside 1949–2100 are always refused.

Suspended periods (暂停计时) are off the clock: the working days in
``(suspended_on, resumed_on]`` do not count, just as the acceptance day itself
does not count.

The use cases (:func:`import_calendar` needs ``calendar.manage``; :func:`year_entries`,
:func:`due` and :func:`count_workdays` are public) and the session helpers other
parts call inside their own use cases (:func:`load_calendar`, :func:`due_date`)
are at the end.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from console.calendar.years import (
    check_year, library_year, library_years, missing_festivals, pick as _pick, provisional_year, weekdays_of,
)
from console.core.context import Context
from console.core.errors import Invalid
from console.core.parsing import parse_date  # noqa: F401 - TRANSITION: other parts still import it from here
from console.core.runner import PUBLIC, use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.calendar.csvfile import CalendarImportResult


def __getattr__(name: str):
    """``CalendarImportResult`` and ``parse_calendar_csv``, from :mod:`console.calendar.csvfile` when
    asked for (reading a due date needs no CSV reader)."""
    if name in ("CalendarImportResult", "parse_calendar_csv"):
        from console.calendar import csvfile

        return getattr(csvfile, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "CalendarEntry", "CalendarImportResult", "DueDate", "WorkCalendar", "WorkdayCount", "count_workdays", "due",
    "due_date", "import_calendar", "library_years", "load_calendar", "overrides_from", "parse_calendar_csv",
    "year_entries",
]

#: the setting bumped on every calendar change, so cached calendars notice
VERSION_KEY = "calendar.version"


@dataclass(frozen=True)
class CalendarEntry:
    """One date that is not an ordinary weekday/weekend: a holiday or a make-up workday."""

    day: date
    kind: str  # "holiday" | "workday"
    source: str  # "library" | "override" | "provisional"
    note: str = ""

    def as_dict(self) -> dict:
        return {"date": self.day.isoformat(), "kind": self.kind, "source": self.source, "note": self.note}


@dataclass
class WorkCalendar:
    """The working-day calendar: library years, imported years, provisional years, per-date overrides.

    ``overrides`` maps a date to ``(is_workday, note)``; ``imported_years`` are years
    the library does not know that an administrator declared complete; ``strict``
    refuses the other years instead of answering on the provisional calendar.
    """

    overrides: Mapping[date, tuple[bool, str]] = field(default_factory=dict)
    imported_years: frozenset[int] = frozenset()
    strict: bool = False
    _years: dict[int, list[int]] = field(default_factory=dict, repr=False)

    def knows(self, year: int) -> bool:
        """True when the calendar has official data for ``year`` (the library's or an import)."""
        return year in library_years() or year in self.imported_years

    def is_provisional(self, year: int) -> bool:
        """True when ``year`` is answered on the provisional calendar (no official data yet)."""
        check_year(year)
        return not self.knows(year)

    def provisional_years(self, start: date, end: date) -> tuple[int, ...]:
        """The years from ``start`` to ``end`` (either order) answered provisionally."""
        first, last = sorted((start.year, end.year))
        return tuple(year for year in range(first, last + 1) if self.is_provisional(year))

    def _ordinals(self, year: int) -> list[int]:
        days = self._years.get(year)
        if days is not None:
            return days
        check_year(year)
        if year in library_years():
            base = set(library_year(year)[0])
        elif year in self.imported_years:
            base = set(weekdays_of(year))
        elif self.strict:
            raise Invalid("calendar.year_unknown", field="date", year=year)
        else:
            base = set(provisional_year(year)[0])
        for day, (workday, _note) in self.overrides.items():
            if day.year == year:
                if workday:
                    base.add(day)
                else:
                    base.discard(day)
        days = sorted(d.toordinal() for d in base)
        self._years[year] = days
        return days

    def is_workday(self, day: date) -> bool:
        """True when ``day`` is a working day."""
        days = self._ordinals(day.year)
        o = day.toordinal()
        i = bisect_left(days, o)
        return i < len(days) and days[i] == o

    def count(self, start: date, end: date) -> int:
        """The number of working days in ``(start, end]`` (0 when ``end <= start``)."""
        if end <= start:
            return 0
        total = 0
        for year in range(start.year, end.year + 1):
            days = self._ordinals(year)
            lo = bisect_right(days, start.toordinal()) if year == start.year else 0
            hi = bisect_right(days, end.toordinal()) if year == end.year else len(days)
            total += hi - lo
        return total

    def add(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself not counted); ``n=0`` is ``start``."""
        if n < 0:
            raise Invalid("calendar.days_negative", field="days")
        if n == 0:
            return start
        year = start.year
        days = self._ordinals(year)
        i = bisect_right(days, start.toordinal())
        while True:
            available = len(days) - i
            if n <= available:
                return date.fromordinal(days[i + n - 1])
            n -= available
            year += 1
            days = self._ordinals(year)
            i = 0

    def due_date(self, start: date, n: int,
                 off_clock: Sequence[tuple[date, date | None]] = ()) -> date:
        """The ``n``-th counted working day after ``start``, skipping periods off the clock.

        Each period ``(suspended_on, resumed_on)`` removes the working days in
        ``(suspended_on, resumed_on]``; an open period (``resumed_on`` None) is
        counted as resumed today by the caller.
        """
        current = start
        remaining = n
        for begin, end in sorted((b, e) for b, e in off_clock if e is not None):
            if end <= current:
                continue
            begin = max(begin, current)
            available = self.count(current, begin)
            if available >= remaining:
                return self.add(current, remaining)
            remaining -= available
            current = end
        return self.add(current, remaining)

    def entries(self, year: int) -> list[CalendarEntry]:
        """The holidays and make-up workdays of ``year``, with their source."""
        self._ordinals(year)  # refuses a year out of range (or unknown, when strict)
        result: dict[date, CalendarEntry] = {}
        if year in library_years():
            _, holidays, makeups = library_year(year)
            for day, name in holidays.items():
                result[day] = CalendarEntry(day, "holiday", "library", _pick(name))
            for day, name in makeups.items():
                result[day] = CalendarEntry(day, "workday", "library", _pick(name))
        elif year not in self.imported_years:
            for day, name in provisional_year(year)[1].items():
                result[day] = CalendarEntry(day, "holiday", "provisional", _pick(name))
        for day, (workday, note) in self.overrides.items():
            if day.year == year:
                result[day] = CalendarEntry(day, "workday" if workday else "holiday", "override", note)
        return [result[d] for d in sorted(result)]


# ---------------------------------------------------------------- database side

_cache: dict[tuple[str, str, bool], WorkCalendar] = {}


def _rows(session, sql: str, params: dict | None = None) -> list[tuple]:
    """Rows of plain ``sql`` on an ORM session or a light one (:class:`models.light.LightSession`)."""
    if getattr(session, "light", False):
        return session.execute(sql, params or {})
    from sqlalchemy import text

    return [tuple(row) for row in session.execute(text(sql), params or {})]


def _url(session) -> str:
    return session.url if getattr(session, "light", False) else str(session.get_bind().url)


def _version(session) -> str:
    rows = _rows(session, "SELECT value FROM settings WHERE key = :key", {"key": VERSION_KEY})
    return rows[0][0] if rows else "0"


def load_calendar(session, *, strict: bool = False) -> WorkCalendar:
    """The calendar of the database behind ``session`` (cached until the next change).

    Read in plain SQL, so that the public calendar commands can read it through a light
    session (:mod:`models.light`) without the ORM.
    """
    key = (_url(session), _version(session), strict)
    cal = _cache.get(key)
    if cal is not None:
        return cal
    overrides = {
        _day(day): (kind == "workday", note or "")
        for day, kind, note in _rows(session, "SELECT day, kind, note FROM calendar_days")
    }
    years = frozenset(int(year) for (year,) in _rows(session, "SELECT year FROM calendar_years"))
    cal = WorkCalendar(overrides=overrides, imported_years=years, strict=strict)
    if len(_cache) > 32:
        _cache.clear()
    _cache[key] = cal
    return cal


def _day(value) -> date:
    """A ``date`` column's value: a ``date`` (PostgreSQL) or its ISO text (SQLite)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _bump_version(session) -> None:
    import uuid

    from models.audit import Setting

    row = session.get(Setting, VERSION_KEY)
    value = uuid.uuid4().hex
    if row is None:
        session.add(Setting(key=VERSION_KEY, value=value))
    else:
        row.value = value


def due_date(session, start: date, days: int,
             off_clock: Sequence[tuple[date, date | None]] = ()) -> date:
    """The due date ``days`` working days after ``start`` on this database's calendar.

    For use inside another part's use case; a year without official data is
    counted on the provisional calendar (:meth:`WorkCalendar.provisional_years` tells).
    """
    if days < 0:
        raise Invalid("calendar.days_negative", field="days")
    return load_calendar(session).due_date(start, days, off_clock)


@use_case("calendar.manage", write=True, audit="calendar.import")
def import_calendar(ctx: Context, text: str, *, complete: bool = False) -> CalendarImportResult:
    """Write the dates of a calendar CSV as overrides; with ``complete``, the file is the whole
    official schedule of every year the library lacks that it names, and those years become known.

    Without ``complete`` the dates are overrides only: a year nobody has announced
    stays provisional (its other festivals still off).  A year declared complete
    must name a holiday at each statutory festival (``law.year_incomplete``).
    All or nothing: a bad row rejects the whole file.
    """
    from console.calendar.csvfile import CalendarImportResult, parse_calendar_csv
    from models.calendar import CalendarDay, CalendarYear, DayKind

    session = ctx.session
    rows = parse_calendar_csv(text)
    staff_id = ctx.actor.id or None
    stamp = ctx.now()
    years = sorted({day.year for day, _, _ in rows} - library_years()) if complete else []
    for year in years:
        missing = missing_festivals(year, [d for d, workday, _ in rows if d.year == year and not workday])
        if missing:
            raise Invalid("law.year_incomplete", field="file", year=year, festivals="、".join(missing))
    for day, workday, note in rows:
        existing = session.get(CalendarDay, day)
        kind = DayKind.workday if workday else DayKind.holiday
        if existing is None:
            session.add(CalendarDay(day=day, kind=kind, note=note, staff_id=staff_id, updated_at=stamp))
        else:
            existing.kind, existing.note, existing.staff_id, existing.updated_at = kind, note, staff_id, stamp
    added = []
    for year in years:
        if session.get(CalendarYear, year) is None:
            session.add(CalendarYear(year=year, staff_id=staff_id, imported_at=stamp))
            added.append(year)
    _bump_version(session)
    session.flush()
    ctx.audit("calendar.import", "calendar", "*",
              {"days": len(rows), "years": sorted({d.year for d, _, _ in rows}), "years_added": added,
               "complete": complete})
    return CalendarImportResult(len(rows), tuple(added))


@use_case(PUBLIC, light=True)
def year_entries(ctx: Context, year: int, *, strict: bool = False) -> list[CalendarEntry]:
    """Holidays and make-up workdays of ``year`` (public information).

    A year without official data lists its provisional holidays (source
    ``provisional``), or is refused when ``strict``.
    """
    check_year(year, "year")
    return load_calendar(ctx.session, strict=strict).entries(year)


@dataclass(frozen=True)
class DueDate:
    """A due date, and the years it was counted through on the provisional calendar."""

    start: date
    days: int
    due: date
    provisional_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        """True when a year without official data lies between the start and the due date."""
        return bool(self.provisional_years)

    def as_dict(self) -> dict:
        return {"start": self.start.isoformat(), "days": self.days, "due": self.due.isoformat(),
                "provisional": self.provisional, "provisional_years": list(self.provisional_years)}


@use_case(PUBLIC, light=True)
def due(ctx: Context, start: date, days: int, *, off_clock: Sequence[tuple[date, date | None]] = (),
        strict: bool = False) -> DueDate:
    """The due date ``days`` working days after ``start``, and whether it is provisional.

    ``strict`` refuses a year without official data (``calendar.year_unknown``).
    """
    if days < 0:
        raise Invalid("calendar.days_negative", field="days")
    cal = load_calendar(ctx.session, strict=strict)
    result = cal.due_date(start, days, off_clock)
    return DueDate(start, days, result, cal.provisional_years(start, result))


@dataclass(frozen=True)
class WorkdayCount:
    """The working days in ``(start, end]``, and the years counted provisionally."""

    start: date
    end: date
    workdays: int
    provisional_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    def as_dict(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "workdays": self.workdays,
                "provisional": self.provisional, "provisional_years": list(self.provisional_years)}


@use_case(PUBLIC, light=True)
def count_workdays(ctx: Context, start: date, end: date, *, strict: bool = False) -> WorkdayCount:
    """Working days in ``(start, end]`` on this database's calendar."""
    cal = load_calendar(ctx.session, strict=strict)
    return WorkdayCount(start, end, cal.count(start, end), cal.provisional_years(start, end))


def overrides_from(pairs: Iterable[tuple[date, bool]]) -> dict[date, tuple[bool, str]]:
    """Helper for tests and callers building a :class:`WorkCalendar` by hand."""
    return {day: (workday, "") for day, workday in pairs}
