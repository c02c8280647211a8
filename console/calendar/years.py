"""Where a year's holidays come from: the official schedule, or a provisional one.

* :func:`library_years` / :func:`library_year`: the official schedules the
  ``chinese_calendar`` library knows (weekends, statutory holidays, make-up
  workdays 调休), 2004 onwards;
* :func:`provisional_year`: for a year nobody has announced yet, the statutory
  holidays by their fixed or lunar dates as the ``holidays`` package computes them
  (a holiday on a weekend is given the next working day, as the law provides),
  **without** make-up workdays — the State Council announces those late in the
  year before, and until then nobody knows them;
* :func:`missing_festivals`: the festivals an imported year's holidays leave out.

Only years from :data:`FIRST_YEAR` to :data:`LAST_YEAR` are answered; any other
is :class:`~console.core.errors.Invalid` (``calendar.year_out_of_range``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from console.core.errors import Invalid

#: the years the calendar answers for: from the founding of the People's Republic to 2100
FIRST_YEAR, LAST_YEAR = 1949, 2100

#: a holiday's name in English and Chinese
Names = tuple[str, str]


def check_year(year: int, field: str = "date") -> int:
    """``year`` when the calendar answers for it; :class:`Invalid` naming the range otherwise."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Invalid("calendar.year_out_of_range", field=field, year=year, first=FIRST_YEAR, last=LAST_YEAR)
    return year


@cache
def library_years() -> frozenset[int]:
    """The years the ``chinese_calendar`` library has the official schedule of."""
    from chinese_calendar import constants

    years = {d.year for d in constants.holidays} | {d.year for d in constants.workdays}
    return frozenset(range(min(years), max(years) + 1))


@cache
def library_year(year: int) -> tuple[frozenset[date], dict[date, Names], dict[date, Names]]:
    """(workdays, holidays with names, make-up workdays with names) of a library year."""
    from chinese_calendar import constants

    holidays = {d: _library_name(h) for d, h in constants.holidays.items() if d.year == year}
    makeups = {d: _library_name(h) for d, h in constants.workdays.items() if d.year == year}
    workdays = {day for day in _days_of(year) if day in makeups or (day.weekday() < 5 and day not in holidays)}
    return frozenset(workdays), holidays, makeups


def _library_name(value) -> Names:
    from chinese_calendar import Holiday

    english = str(getattr(value, "value", value))
    chinese = {h.value: h.chinese for h in Holiday}.get(english, english)
    return english, chinese


@cache
def provisional_year(year: int) -> tuple[frozenset[date], dict[date, Names]]:
    """(workdays, holidays with names) of a year whose official schedule is not known.

    Weekends and the statutory holidays are off; there are no make-up workdays, and
    the days off the ``holidays`` package knows only from an announced swap
    ("day off, substituted from …") are left out with the swap.
    """
    import holidays

    check_year(year)
    english = holidays.country_holidays("CN", years=year, language="en_US")
    chinese = holidays.country_holidays("CN", years=year, language="zh_CN")
    off: dict[date, Names] = {}
    for day, name in sorted(english.items()):
        if day.year != year or "substituted" in name.lower():
            continue
        off[day] = (name, chinese.get(day, name))
    workdays = {day for day in _days_of(year) if day.weekday() < 5 and day not in off}
    return frozenset(workdays), off


def weekdays_of(year: int) -> frozenset[date]:
    """Monday to Friday of ``year`` (an imported year starts from these)."""
    return frozenset(day for day in _days_of(year) if day.weekday() < 5)


def _days_of(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def pick(names: tuple[str, str]) -> str:
    """The English or the Chinese of a festival's ``(english, chinese)`` names, in the interface language."""
    from console.core.i18n import get_language

    return names[1] if get_language() == "zh_CN" else names[0]


def missing_festivals(year: int, holidays: Iterable[date]) -> list[str]:
    """The statutory festivals of ``year`` that a list of holidays does not cover.

    A festival is covered when one of the ``holidays`` falls within a week of the
    dates the provisional calendar gives it (the official schedule may shift the
    days off around the festival, never away from it).
    """
    groups: dict[str, list[date]] = {}
    for day, (english, chinese) in provisional_year(year)[1].items():
        name = english.split(" (observed)")[0].replace("Chinese New Year's Eve", "Chinese New Year (Spring Festival)")
        groups.setdefault(name, []).append(day)
    given = sorted(holidays)
    missing = []
    for name, days in groups.items():
        lo, hi = min(days).toordinal() - 7, max(days).toordinal() + 7
        if not any(lo <= d.toordinal() <= hi for d in given):
            missing.append(pick((name, provisional_year(year)[1][min(days)][1].split("（")[0])))
    return missing
