"""Working days on the official Chinese calendar, with administrator overrides.

A :class:`WorkCalendar` answers "is this a workday", "how many workdays lie in
(start, end]" and "which is the N-th workday after start" by bisecting sorted
per-year lists of workday ordinals, built once per year and cached.  The years
2004–2026 come from the ``chinese_calendar`` library (weekends, statutory holidays,
make-up workdays 调休); an administrator's per-date overrides win over it; years
the library does not know yet count only once an administrator has imported them.
A question about a year with no data raises :class:`~console.core.errors.Invalid`
naming the year — never a guess.

Suspended periods (暂停计时) are off the clock: the working days in
``(suspended_on, resumed_on]`` do not count, just as the acceptance day itself
does not count.
"""

from __future__ import annotations

import csv
import io
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from console.core.errors import ImportRejected, Invalid, RowError
from console.core.i18n import t

#: the setting bumped on every calendar change, so cached calendars notice
VERSION_KEY = "calendar.version"


@cache
def library_years() -> frozenset[int]:
    """The years the ``chinese_calendar`` library has data for."""
    from chinese_calendar import constants

    years = {d.year for d in constants.holidays} | {d.year for d in constants.workdays}
    return frozenset(range(min(years), max(years) + 1))


@cache
def _library_year(year: int) -> tuple[frozenset[date], dict[date, tuple[str, str]], dict[date, tuple[str, str]]]:
    """(workdays, holidays with names, make-up workdays with names) of a library year."""
    from chinese_calendar import constants

    holidays = {d: _holiday_name(h) for d, h in constants.holidays.items() if d.year == year}
    makeups = {d: _holiday_name(h) for d, h in constants.workdays.items() if d.year == year}
    workdays = set()
    day = date(year, 1, 1)
    while day.year == year:
        if day in makeups or (day.weekday() < 5 and day not in holidays):
            workdays.add(day)
        day += timedelta(days=1)
    return frozenset(workdays), holidays, makeups


def _holiday_name(value) -> tuple[str, str]:
    from chinese_calendar import Holiday

    english = str(getattr(value, "value", value))
    chinese = {h.value: h.chinese for h in Holiday}.get(english, english)
    return english, chinese


def _pick(names: tuple[str, str]) -> str:
    from console.core.i18n import get_language

    return names[1] if get_language() == "zh_CN" else names[0]


@dataclass(frozen=True)
class CalendarEntry:
    """One date that is not an ordinary weekday/weekend: a holiday or a make-up workday."""

    day: date
    kind: str  # "holiday" | "workday"
    source: str  # "library" | "override"
    note: str = ""

    def as_dict(self) -> dict:
        return {"date": self.day.isoformat(), "kind": self.kind, "source": self.source, "note": self.note}


@dataclass
class WorkCalendar:
    """The working-day calendar: library years, imported years, and per-date overrides.

    ``overrides`` maps a date to ``(is_workday, note)``; ``imported_years`` are years
    the library does not know that an administrator declared complete.
    """

    overrides: Mapping[date, tuple[bool, str]] = field(default_factory=dict)
    imported_years: frozenset[int] = frozenset()
    _years: dict[int, list[int]] = field(default_factory=dict, repr=False)

    def knows(self, year: int) -> bool:
        """True when the calendar has data for ``year``."""
        return year in library_years() or year in self.imported_years

    def _ordinals(self, year: int) -> list[int]:
        days = self._years.get(year)
        if days is not None:
            return days
        if year in library_years():
            base = set(_library_year(year)[0])
        elif year in self.imported_years:
            base = set()
            day = date(year, 1, 1)
            while day.year == year:
                if day.weekday() < 5:
                    base.add(day)
                day += timedelta(days=1)
        else:
            raise Invalid("calendar.year_unknown", field="date", year=year)
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
        self._ordinals(year)  # raises for an unknown year
        result: dict[date, CalendarEntry] = {}
        if year in library_years():
            _, holidays, makeups = _library_year(year)
            for day, name in holidays.items():
                result[day] = CalendarEntry(day, "holiday", "library", _pick(name))
            for day, name in makeups.items():
                result[day] = CalendarEntry(day, "workday", "library", _pick(name))
        for day, (workday, note) in self.overrides.items():
            if day.year == year:
                result[day] = CalendarEntry(day, "workday" if workday else "holiday", "override", note)
        return [result[d] for d in sorted(result)]


# ---------------------------------------------------------------- database side

_cache: dict[tuple[str, str], WorkCalendar] = {}


def _version(session) -> str:
    from models.audit import Setting

    row = session.get(Setting, VERSION_KEY)
    return row.value if row is not None else "0"


def load_calendar(session) -> WorkCalendar:
    """The calendar of the database behind ``session`` (cached until the next change)."""
    from sqlalchemy import select

    from models.calendar import CalendarDay, CalendarYear, DayKind

    key = (str(session.get_bind().url), _version(session))
    cal = _cache.get(key)
    if cal is not None:
        return cal
    overrides = {
        day: (kind == DayKind.workday, note)
        for day, kind, note in session.execute(select(CalendarDay.day, CalendarDay.kind, CalendarDay.note))
    }
    years = frozenset(session.scalars(select(CalendarYear.year)))
    cal = WorkCalendar(overrides=overrides, imported_years=years)
    if len(_cache) > 32:
        _cache.clear()
    _cache[key] = cal
    return cal


def _bump_version(session) -> None:
    import uuid

    from models.audit import Setting

    row = session.get(Setting, VERSION_KEY)
    value = uuid.uuid4().hex
    if row is None:
        session.add(Setting(key=VERSION_KEY, value=value))
    else:
        row.value = value


_KINDS = {
    "workday": True, "work": True, "上班": True, "工作日": True, "班": True,
    "holiday": False, "off": False, "休息": False, "休息日": False, "节假日": False, "休": False,
}


@dataclass(frozen=True)
class CalendarImportResult:
    """What an import changed: dates written and years newly declared complete."""

    days: int
    years_added: tuple[int, ...]

    def as_dict(self) -> dict:
        return {"days": self.days, "years_added": list(self.years_added)}


def parse_date(value: str, field_name: str = "date") -> date:
    """``YYYY-MM-DD`` → date; :class:`Invalid` naming the field otherwise."""
    try:
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise Invalid("calendar.bad_date", field=field_name, value=value) from None


def parse_calendar_csv(text: str) -> list[tuple[date, bool, str]]:
    """Rows ``date,kind[,note]`` (an optional header) → ``(date, is_workday, note)``.

    Every bad row is reported (row number, column) in one :class:`ImportRejected`.
    """
    errors: list[RowError] = []
    rows: list[tuple[date, bool, str]] = []
    seen: dict[date, int] = {}
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for number, row in enumerate(reader, start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        if number == 1 and row[0].strip().lower() in {"date", "日期"}:
            continue
        if len(row) < 2 or len(row) > 3:
            errors.append(RowError(number, "-", t("calendar.row_shape")))
            continue
        try:
            day = date.fromisoformat(row[0].strip())
        except ValueError:
            errors.append(RowError(number, "date", t("calendar.bad_date", value=row[0])))
            continue
        kind = _KINDS.get(row[1].strip().lower())
        if kind is None:
            errors.append(RowError(number, "kind", t("calendar.bad_kind", value=row[1])))
            continue
        if day in seen:
            errors.append(RowError(number, "date", t("calendar.duplicate_date", value=day.isoformat(),
                                                     row=seen[day])))
            continue
        seen[day] = number
        note = row[2].strip() if len(row) > 2 else ""
        if len(note) > 200:
            errors.append(RowError(number, "note", t("calendar.note_too_long")))
            continue
        rows.append((day, kind, note))
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise Invalid("calendar.import_empty", field="file")
    return rows


def import_calendar(session, actor, text: str) -> CalendarImportResult:
    """Write the dates of a calendar CSV as overrides; years the library lacks become known.

    All or nothing: a bad row rejects the whole file.
    """
    from models.base import now
    from models.calendar import CalendarDay, CalendarYear, DayKind

    from console.core import audit
    from console.core.permissions import require

    require(actor, "calendar.manage")
    rows = parse_calendar_csv(text)
    staff_id = actor.id or None
    for day, workday, note in rows:
        existing = session.get(CalendarDay, day)
        kind = DayKind.workday if workday else DayKind.holiday
        if existing is None:
            session.add(CalendarDay(day=day, kind=kind, note=note, staff_id=staff_id, updated_at=now()))
        else:
            existing.kind, existing.note, existing.staff_id, existing.updated_at = kind, note, staff_id, now()
    years = sorted({day.year for day, _, _ in rows} - library_years())
    added = []
    for year in years:
        if session.get(CalendarYear, year) is None:
            session.add(CalendarYear(year=year, staff_id=staff_id, imported_at=now()))
            added.append(year)
    _bump_version(session)
    audit.record(session, actor, "calendar.import", "calendar", "*",
                 {"days": len(rows), "years": sorted({d.year for d, _, _ in rows}), "years_added": added})
    return CalendarImportResult(len(rows), tuple(added))


def year_entries(session, year: int) -> list[CalendarEntry]:
    """Holidays and make-up workdays of ``year`` (public information: no permission needed)."""
    if not 1900 <= year <= 2200:
        raise Invalid("calendar.year_unknown", field="year", year=year)
    return load_calendar(session).entries(year)


def due_date(session, start: date, days: int,
             off_clock: Sequence[tuple[date, date | None]] = ()) -> date:
    """The due date ``days`` working days after ``start`` on this database's calendar."""
    if days < 0:
        raise Invalid("calendar.days_negative", field="days")
    return load_calendar(session).due_date(start, days, off_clock)


def count_workdays(session, start: date, end: date) -> int:
    """Working days in ``(start, end]`` on this database's calendar."""
    return load_calendar(session).count(start, end)


def overrides_from(pairs: Iterable[tuple[date, bool]]) -> dict[date, tuple[bool, str]]:
    """Helper for tests and callers building a :class:`WorkCalendar` by hand."""
    return {day: (workday, "") for day, workday in pairs}
