"""The working-day calendar: exact examples across 调休, properties, overrides, unknown years, CLI."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from console.core.errors import ImportRejected, Invalid
from console.calendar.workdays import WorkCalendar, library_years, overrides_from

#: the official calendar only: a year without data is refused, never answered provisionally
CAL = WorkCalendar(strict=True)


def test_library_years_cover_2004_to_2026():
    assert {2004, 2025, 2026} <= library_years()
    assert 2027 not in library_years() and 2003 not in library_years()


@pytest.mark.parametrize("start, days, due", [
    # 2025 National Day + Mid-Autumn: make-up workdays Sun 09-28 and Sat 10-11, off 10-01..10-08
    (date(2025, 9, 26), 1, date(2025, 9, 28)),
    (date(2025, 9, 26), 3, date(2025, 9, 30)),
    (date(2025, 9, 30), 1, date(2025, 10, 9)),
    (date(2025, 9, 30), 3, date(2025, 10, 11)),
    (date(2025, 9, 30), 4, date(2025, 10, 13)),
    # 2026 Spring Festival: make-up workdays Sat 02-14 and Sat 02-28, off 02-15..02-23
    (date(2026, 2, 13), 1, date(2026, 2, 14)),
    (date(2026, 2, 13), 2, date(2026, 2, 24)),
    (date(2026, 2, 13), 10, date(2026, 3, 5)),
    (date(2026, 2, 27), 1, date(2026, 2, 28)),
    (date(2026, 2, 14), 0, date(2026, 2, 14)),
])
def test_due_dates_across_make_up_workdays(start, days, due):
    assert CAL.add(start, days) == due


def test_make_up_days_are_workdays_and_the_break_is_not():
    for d in (date(2025, 9, 28), date(2025, 10, 11), date(2026, 2, 14), date(2026, 2, 28)):
        assert CAL.is_workday(d)
    for d in (date(2025, 10, 1), date(2025, 10, 8), date(2026, 2, 16), date(2026, 2, 23), date(2025, 10, 12)):
        assert not CAL.is_workday(d)
    assert CAL.count(date(2025, 9, 30), date(2025, 10, 12)) == 3


def test_unknown_year_is_an_error_naming_the_year():
    with pytest.raises(Invalid) as info:
        CAL.add(date(2026, 12, 20), 20)
    assert info.value.key == "calendar.year_unknown" and info.value.params["year"] == 2027
    assert "2027" in info.value.message
    with pytest.raises(Invalid):
        CAL.is_workday(date(2003, 5, 1))


def test_imported_year_counts_weekdays_plus_overrides():
    cal = WorkCalendar(overrides=overrides_from([(date(2027, 1, 1), False), (date(2027, 1, 9), True)]),
                       imported_years=frozenset({2027}))
    assert not cal.is_workday(date(2027, 1, 1))  # Friday declared a holiday
    assert cal.is_workday(date(2027, 1, 9))  # Saturday declared a workday
    assert cal.add(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_suspended_days_do_not_count():
    # accepted Mon 2025-11-03, 5 days → Mon 11-10; suspended 11-04, resumed 11-06: Wed, Thu lost
    assert CAL.due_date(date(2025, 11, 3), 5) == date(2025, 11, 10)
    assert CAL.due_date(date(2025, 11, 3), 5, [(date(2025, 11, 4), date(2025, 11, 6))]) == date(2025, 11, 12)
    # a period that starts after the due date changes nothing
    assert CAL.due_date(date(2025, 11, 3), 5, [(date(2025, 11, 20), date(2025, 11, 25))]) == date(2025, 11, 10)


starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2025, 12, 31))
days = st.integers(min_value=0, max_value=120)


@given(starts, days)
@settings(max_examples=300, deadline=None)
def test_due_is_a_workday_with_exactly_n_workdays_in_between(start, n):
    due = CAL.add(start, n)
    if n:
        assert CAL.is_workday(due)
        assert due > start
    assert CAL.count(start, due) == n
    # no earlier date already has n workdays
    if n:
        assert CAL.count(start, due - timedelta(days=1)) == n - 1


@given(starts, days)
@settings(max_examples=200, deadline=None)
def test_due_is_monotonic_in_n(start, n):
    assert CAL.add(start, n) < CAL.add(start, n + 1)


@given(starts, st.lists(st.tuples(st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 6, 30)),
                                  st.booleans()), max_size=20), st.integers(min_value=1, max_value=60))
@settings(max_examples=200, deadline=None)
def test_overrides_are_respected(start, pairs, n):
    overrides = overrides_from(pairs)
    cal = WorkCalendar(overrides=overrides)
    for day, (workday, _) in overrides.items():
        assert cal.is_workday(day) is workday
    due = cal.add(start, n)
    assert cal.is_workday(due) and cal.count(start, due) == n
    assert not any(cal.overrides.get(d, (True,))[0] is False and d == due for d in cal.overrides)


@given(starts, st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=30),
       st.integers(min_value=0, max_value=20))
@settings(max_examples=200, deadline=None)
def test_suspension_moves_the_due_date_by_the_lost_workdays(start, n, offset, length):
    begin = start + timedelta(days=offset)
    end = begin + timedelta(days=length)
    plain = CAL.add(start, n)
    due = CAL.due_date(start, n, [(begin, end)])
    counted = CAL.count(start, due) - CAL.count(max(begin, start), min(end, due))
    assert counted == n
    assert due >= plain


# -------------------------------------------------------------------- database

def test_import_overrides_and_new_year(db, hall, cli, runner, tmp_path):
    from console.calendar.workdays import due, due_date, load_calendar

    path = tmp_path / "cal.csv"
    path.write_text("date,kind,note\n2025-10-13,holiday,local flood day\n2027-01-01,holiday,New Year\n"
                    "2027-02-06,workday,调休\n", encoding="utf-8")
    with db.read() as s:
        assert load_calendar(s).add(date(2025, 10, 10), 1) == date(2025, 10, 11)
    with pytest.raises(Invalid):
        runner.run(due, date(2026, 12, 30), 3, strict=True)
    result = cli("calendar", "import", str(path), "--json", as_="A001")
    assert result.exit_code == 0, result.stderr
    # a few dates are overrides, not the year's schedule: 2027 stays provisional
    assert json.loads(result.stdout) == {"days": 3, "years_added": [], "rechecked": 0, "moved": []}
    with db.read() as s:
        assert due_date(s, date(2025, 10, 11), 1) == date(2025, 10, 14)  # the override won
        assert due_date(s, date(2026, 12, 30), 3) == date(2027, 1, 5)  # 12-31, 01-04, 01-05
        assert load_calendar(s).is_provisional(2027)
        assert not load_calendar(s).is_workday(date(2027, 2, 8))  # Spring Festival still off
    shown = cli("calendar", "show", "2027", "--json")
    assert shown.exit_code == 0
    rows = json.loads(shown.stdout)
    assert {"date": "2027-01-01", "kind": "holiday", "source": "override", "note": "New Year"} in rows
    assert {"date": "2027-02-06", "kind": "workday", "source": "override", "note": "调休"} in rows
    assert next(r for r in rows if r["date"] == "2027-02-08")["source"] == "provisional"
    rows = json.loads(cli("calendar", "show", "2025", "--json").stdout)
    assert {"date": "2025-10-11", "kind": "workday", "source": "library"}.items() <= next(
        r for r in rows if r["date"] == "2025-10-11").items()
    assert next(r for r in rows if r["date"] == "2025-10-13")["source"] == "override"


def test_bad_calendar_file_writes_nothing(db, hall, cli, tmp_path):
    from sqlalchemy import func, select

    from models import CalendarDay, CalendarYear

    path = tmp_path / "bad.csv"
    path.write_text("2027-01-01,holiday\n2027-02-30,holiday\n2027-03-01,maybe\n2027-01-01,workday\n",
                    encoding="utf-8")
    result = cli("calendar", "import", str(path), as_="A001")
    assert result.exit_code == 4
    assert "row 2, column date" in result.stderr and "row 3, column kind" in result.stderr
    assert "row 4, column date" in result.stderr
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(CalendarDay)) == 0
        assert s.scalar(select(func.count()).select_from(CalendarYear)) == 0


def test_calendar_import_needs_the_permission(db, hall, cli, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("2027-01-01,holiday\n", encoding="utf-8")
    assert cli("calendar", "import", str(path), as_="C001").exit_code == 5


def test_calendar_cli_due_and_workdays(db, cli):
    result = cli("calendar", "due", "2025-09-30", "3")
    assert result.exit_code == 0 and result.stdout.strip() == "2025-10-11"
    assert cli("calendar", "workdays", "2026-02-13", "2026-02-28").stdout.strip() == "6"
    bad = cli("calendar", "due", "2026-12-28", "10", "--strict")
    assert bad.exit_code == 4 and "2027" in bad.stderr
    assert cli("calendar", "due", "2025-02-30", "1").exit_code == 4
    assert cli("calendar", "show", "2030", "--strict").exit_code == 4


def test_parse_calendar_rejects_empty_and_wrong_shape():
    from console.calendar.workdays import parse_calendar_csv

    with pytest.raises(Invalid):
        parse_calendar_csv("date,kind\n")
    with pytest.raises(ImportRejected) as info:
        parse_calendar_csv("2027-01-01\n")
    assert info.value.errors[0].row == 1


def test_library_holiday_names_follow_the_language():
    from console.core.i18n import set_language

    try:
        set_language("zh_CN")
        notes = {e.day: e.note for e in WorkCalendar().entries(2025)}
        assert notes[date(2025, 10, 11)] == "国庆节" and notes[date(2025, 1, 1)] == "元旦"
    finally:
        set_language("en")
    assert {e.day: e.note for e in WorkCalendar().entries(2025)}[date(2025, 10, 11)] == "National Day"


# ----------------------------------------------------------- provisional years

def test_a_due_date_crossing_into_a_year_nobody_has_announced_is_provisional():
    cal = WorkCalendar()
    assert not cal.knows(2027) and cal.is_provisional(2027) and not cal.is_provisional(2026)
    # Dec 21–25, 28–31 (9), New Year's Day off, Jan 4–8, 11–15 (19), Jan 18
    assert cal.add(date(2026, 12, 20), 20) == date(2027, 1, 18)
    assert cal.provisional_years(date(2026, 12, 20), date(2027, 1, 18)) == (2027,)
    assert cal.provisional_years(date(2026, 3, 2), date(2026, 3, 20)) == ()


def test_spring_festival_2027_counts_as_holidays_provisionally():
    cal = WorkCalendar()
    # 除夕 Fri 02-05, 春节 Sat 02-06 … Mon 02-08, the weekend days given Tue 02-09 and Wed 02-10
    for day in (date(2027, 2, 5), date(2027, 2, 8), date(2027, 2, 9), date(2027, 2, 10)):
        assert not cal.is_workday(day), day
    assert cal.is_workday(date(2027, 2, 4)) and cal.is_workday(date(2027, 2, 11))
    # no make-up workdays are guessed: the weekends around the festival stay off
    assert not any(cal.is_workday(d) for d in (date(2027, 1, 30), date(2027, 2, 13), date(2027, 2, 20)))
    assert cal.add(date(2027, 2, 4), 1) == date(2027, 2, 11)
    entries = {e.day: e for e in cal.entries(2027)}
    assert entries[date(2027, 2, 8)].kind == "holiday" and entries[date(2027, 2, 8)].source == "provisional"
    assert "Spring Festival" in entries[date(2027, 2, 8)].note
    assert all(e.source == "provisional" and e.kind == "holiday" for e in entries.values())
    assert date(2027, 10, 1) in entries and date(2027, 1, 1) in entries


def test_provisional_holiday_names_follow_the_language():
    from console.core.i18n import set_language

    try:
        set_language("zh_CN")
        notes = {e.day: e.note for e in WorkCalendar().entries(2027)}
    finally:
        set_language("en")
    assert "春节" in notes[date(2027, 2, 8)] and "国庆" in notes[date(2027, 10, 1)]


def test_years_outside_the_calendar_are_invalid_never_a_crash(cli):
    for day in (date(1948, 12, 31), date(2101, 1, 1)):
        with pytest.raises(Invalid) as info:
            WorkCalendar().is_workday(day)
        assert info.value.key == "calendar.year_out_of_range" and str(day.year) in info.value.message
    with pytest.raises(Invalid):
        WorkCalendar().add(date(2100, 12, 1), 40)
    for args in (("show", "1948"), ("show", "2101"), ("due", "2100-12-01", "40"), ("due", "2026-01-01", "99999999"),
                 ("workdays", "1900-01-01", "2026-01-01")):
        result = cli("calendar", *args)
        assert result.exit_code == 4, (args, result.output)
        assert "1949" in result.stderr and "2100" in result.stderr


def test_due_before_any_2027_data_is_known_then_after_the_import(db, hall, cli, runner, tmp_path):
    from console.calendar.workdays import count_workdays, due

    result = cli("calendar", "due", "2026-12-28", "10", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"start": "2026-12-28", "days": 10, "due": "2027-01-12",
                                         "provisional": True, "provisional_years": [2027]}
    plain = cli("calendar", "due", "2026-12-28", "10")
    assert plain.exit_code == 0 and plain.stdout.strip() == "2027-01-12"
    assert "provisional" in plain.stderr and "2027" in plain.stderr
    known = json.loads(cli("calendar", "due", "2025-09-30", "3", "--json").stdout)
    assert known["due"] == "2025-10-11" and known["provisional"] is False
    counted = json.loads(cli("calendar", "workdays", "2026-12-28", "2027-01-12", "--json").stdout)
    assert counted["workdays"] == 10 and counted["provisional"] is True
    shown = json.loads(cli("calendar", "show", "2027", "--json").stdout)
    assert {"date": "2027-02-08", "kind": "holiday", "source": "provisional"}.items() <= next(
        r for r in shown if r["date"] == "2027-02-08").items()

    # the official 2027 schedule arrives: 01-01 and 01-04 off → the due date moves, no longer provisional
    from tests.law_helpers import OFFICIAL_2027

    path = tmp_path / "2027.csv"
    path.write_text(OFFICIAL_2027.replace("2027-01-03,holiday,元旦", "2027-01-03,holiday,元旦\n2027-01-04,holiday,元旦"),
                    encoding="utf-8")
    assert cli("calendar", "import", str(path), "--complete", as_="A001").exit_code == 0
    after = runner.run(due, date(2026, 12, 28), 10)
    assert after.due == date(2027, 1, 13) and not after.provisional
    assert runner.run(count_workdays, date(2026, 12, 28), date(2027, 1, 13)).workdays == 10
    assert cli("calendar", "due", "2026-12-28", "10", "--strict").stdout.strip() == "2027-01-13"


def test_import_needs_a_log_in_and_stamps_the_hall_clock(db, hall, cli, runner, clock, tmp_path):
    from sqlalchemy import func, select

    from console.calendar.workdays import import_calendar
    from console.core.errors import LoginRequired
    from console.core.exitcodes import ExitCode
    from models import CalendarDay, CalendarYear
    from tests.factories import actor

    path = tmp_path / "c.csv"
    path.write_text("2027-01-01,holiday\n", encoding="utf-8")
    assert cli("calendar", "import", str(path)).exit_code == ExitCode.AUTH
    with pytest.raises(LoginRequired):
        runner.run(import_calendar, "2027-01-01,holiday\n")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(CalendarDay)) == 0
    clock.set("2026-12-15 09:05:00")
    from tests.law_helpers import OFFICIAL_2027

    runner.run(import_calendar, OFFICIAL_2027, complete=True, actor=actor(db, "A001"))
    with db.read() as s:
        assert s.get(CalendarDay, date(2027, 1, 1)).updated_at.isoformat(sep=" ") == "2026-12-15 09:05:00"
        assert s.get(CalendarYear, 2027).imported_at == clock.now()


def test_a_year_out_of_range_in_an_import_is_a_row_error():
    from console.calendar.workdays import parse_calendar_csv

    with pytest.raises(ImportRejected) as info:
        parse_calendar_csv("1900-01-01,holiday\n2027-01-01,holiday\n")
    assert [(e.row, e.column) for e in info.value.errors] == [(1, "date")]
