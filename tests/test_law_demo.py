"""The demo reproduces the source: on-site days on working days only (and the command refuses a
non-working day); curated disclosures."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from console.assess.onsite import add_onsite_day
from console.calendar.workdays import load_calendar
from console.core.errors import Invalid
from models import OnsiteDay
from tests.factories import actor


@pytest.mark.parametrize("day", [date(2025, 10, 1), date(2025, 3, 1)])  # National Day; a Saturday
def test_an_on_site_day_is_refused_on_a_non_working_day(db, hall, runner, day):
    with pytest.raises(Invalid) as info:
        runner.run(add_onsite_day, "SCJG", head="王局长", day=day, actor=actor(db, "S001"))
    assert info.value.key == "law.onsite_not_workday"


def test_a_make_up_working_day_is_a_working_day(db, hall, runner):
    row = runner.run(add_onsite_day, "SCJG", head="王局长", day=date(2025, 10, 11), actor=actor(db, "S001"))
    assert row.date == date(2025, 10, 11)  # a Saturday worked for National Day


def test_the_demo_on_site_days_fall_on_working_days(demo_db):
    db, _ = demo_db
    with db.read() as s:
        days = s.scalars(select(OnsiteDay.day)).all()
        calendar = load_calendar(s)
        assert days and [d for d in days if not calendar.is_workday(d)] == []
