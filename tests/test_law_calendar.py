"""Years nobody has announced yet: provisional due dates on cases, recomputed when the official
year is imported; a year is known only after a complete import; the board warns from November."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from console.calendar.workdays import import_calendar, load_calendar
from console.cases.clock import import_official_calendar
from console.cases.documents import receipt
from console.cases.intake import accept
from console.cases.reports import supervision_board
from console.core.errors import Invalid
from models import AuditEvent, CalendarDay, Case
from tests.factories import actor
from tests.law_helpers import OFFICIAL_2027
from tests.test_cases import form


def _case(db, number) -> Case:
    with db.read() as s:
        case = s.scalar(select(Case).where(Case.number == number))
        s.expunge(case)
        return case


def test_a_due_date_in_2027_before_the_import_is_provisional_on_the_case_and_the_receipt(db, hall, runner, clock):
    clock.set("2026-12-30 10:00:00")
    clerk = actor(db, "C001")
    result = runner.run(accept, form(), actor=clerk)  # 3 days: 12-31, 01-04, 01-05 (01-01 off)
    assert result.due_date == date(2027, 1, 5) and result.provisional is True
    assert _case(db, result.number).due_provisional is True
    from console.core.i18n import t

    text = runner.run(receipt, result.number, actor=clerk)
    assert f"2027-01-05 {t('law.provisional_mark')}" in text  # in the language the process is in
    known = runner.run(accept, form(), at=datetime(2026, 12, 1, 10), actor=clerk)
    assert known.provisional is False and _case(db, known.number).due_provisional is False


def test_importing_2027_recomputes_the_open_cases_audits_and_lists_the_moved_ones(db, hall, runner, clock):
    clerk, admin = actor(db, "C001"), actor(db, "A001")
    clock.set("2026-12-30 10:00:00")
    short = runner.run(accept, form(), actor=clerk).number  # due 2027-01-05 either way
    # 10 days from Mon 2027-02-01: provisionally Feb 5-10 off → 02-19; officially Feb 5-12 off, Sat 13 and 20 work
    spring = runner.run(accept, form("SCJG-002", (1,)), at=datetime(2027, 2, 1, 9), actor=clerk).number
    assert _case(db, spring).due_date == date(2027, 2, 19)
    result = runner.run(import_official_calendar, OFFICIAL_2027, complete=True, actor=admin)
    assert result.years_added == (2027,) and result.rechecked == 2
    assert [m["number"] for m in result.moved] == [spring]
    assert result.moved[0] == {"number": spring, "due_before": "2027-02-19", "due_date": "2027-02-20",
                               "provisional": False}
    after = _case(db, spring)
    assert after.due_date == date(2027, 2, 20) and after.due_provisional is False
    assert _case(db, short).due_provisional is False and _case(db, short).due_date == date(2027, 1, 5)
    with db.read() as s:
        audited = {e.entity_id: json.loads(e.summary) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == "case.due_recomputed"))}
    assert set(audited) == {short, spring}  # the short one changed only its provisional mark
    assert audited[spring]["due_before"] == "2027-02-19" and audited[spring]["due_date"] == "2027-02-20"


def test_one_imported_date_does_not_make_the_year_known(db, hall, runner):
    admin = actor(db, "A001")
    runner.run(import_calendar, "2027-01-04,holiday,元旦补休\n", actor=admin)
    with db.read() as s:
        cal = load_calendar(s)
        assert cal.is_provisional(2027)
        assert not cal.is_workday(date(2027, 2, 8))  # Spring Festival still off
        assert not cal.is_workday(date(2027, 1, 4))  # and the override counts


def test_a_complete_import_must_cover_every_festival_and_writes_nothing_otherwise(db, hall, runner):
    admin = actor(db, "A001")
    no_spring = "\n".join(line for line in OFFICIAL_2027.splitlines() if "春节" not in line) + "\n"
    with pytest.raises(Invalid) as info:
        runner.run(import_official_calendar, no_spring, complete=True, actor=admin)
    assert info.value.key == "law.year_incomplete"
    with db.read() as s:
        assert s.scalar(select(CalendarDay).limit(1)) is None
        assert load_calendar(s).is_provisional(2027)


def test_the_board_warns_from_november_while_next_year_is_missing(db, hall, runner, clock):
    supervisor, admin = actor(db, "S001"), actor(db, "A001")
    assert runner.run(supervision_board, today=date(2026, 10, 31), actor=supervisor).calendar_missing is None
    assert runner.run(supervision_board, today=date(2026, 11, 1), actor=supervisor).calendar_missing == 2027
    runner.run(import_official_calendar, OFFICIAL_2027, complete=True, actor=admin)
    assert runner.run(supervision_board, today=date(2026, 12, 1), actor=supervisor).calendar_missing is None


def test_cli_due_and_import_say_provisional_and_moved(db, hall, cli, runner, clock, tmp_path):
    clock.set("2026-12-01 09:00:00")
    shown = json.loads(cli("calendar", "due", "2026-12-30", "3", "--json").stdout)
    assert shown["due"] == "2027-01-05" and shown["provisional"] is True
    spring = runner.run(accept, form("SCJG-002", (1,)), at=datetime(2027, 2, 1, 9), actor=actor(db, "C001")).number
    path = tmp_path / "2027.csv"
    path.write_text(OFFICIAL_2027, encoding="utf-8")
    refused = cli("calendar", "import", str(path.with_name("none.csv")), "--complete", as_="A001")
    assert refused.exit_code != 0
    done = cli("calendar", "import", str(path), "--complete", as_="A001")
    assert done.exit_code == 0, done.output
    assert f"{spring}: 2027-02-19 → 2027-02-20" in done.stdout
    after = json.loads(cli("calendar", "due", "2026-12-30", "3", "--json").stdout)
    assert after == {"start": "2026-12-30", "days": 3, "due": "2027-01-05", "provisional": False,
                     "provisional_years": []}
    overdue = cli("case", "overdue", as_="S001")
    assert "2027" not in overdue.stderr


def test_the_case_list_marks_a_provisional_due_date(db, hall, runner, cli, clock):
    from console.cases.access import list_cases

    clock.set("2026-12-30 10:00:00")
    number = runner.run(accept, form(), actor=actor(db, "C001")).number
    rows = runner.run(list_cases, actor=actor(db, "C001"))
    assert [(r.number, r.due_provisional) for r in rows] == [(number, True)]
    assert json.loads(cli("case", "list", "--json", as_="C001").stdout)[0]["due_provisional"] is True
