"""The demo reproduces the source: on-site days on working days only (and the command refuses a
non-working day); curated disclosures."""

from __future__ import annotations

import os
from datetime import date, datetime

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


def _history(db, runner, count):
    import random

    from console.demo.cases import extend

    with runner.transaction(actor(db, "A001"), write=True) as ctx:
        return extend(ctx, random.Random(9), {"cases": count})


def test_the_history_reproduces_the_source_scaled(db, hall, runner):
    from console.cases.reports import case_report
    from console.demo.cases import _scaled

    n = 10_000
    assert _history(db, runner, n) == n + _scaled(n, 535_538, 37_032)
    report = runner.run(case_report, date(2004, 6, 1), date(2009, 5, 31), "level", actor=actor(db, "S001"))
    rows = {r.key: r for r in report.rows}
    center, towns = rows["0"], rows["1"]
    assert (center.accepted, center.completed) == (n, _scaled(n, 535_538, 532_825))
    assert center.fees_fen == _scaled(n, 535_538, 667_000_000_000) and towns.fees_fen == 0
    assert (towns.accepted, towns.completed) == (691, 691)  # 691 × 37,006 / 37,032 rounds to 691
    with db.read() as s:
        from sqlalchemy import func

        from models import Case, Site, SiteKind

        first_town_day = s.scalar(select(func.min(Case.accepted_date)).join(Site, Case.site_id == Site.id)
                                  .where(Site.kind == SiteKind.township))
    assert first_town_day >= date(2008, 9, 1)


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("HALL_TEST_FULL_HISTORY"),
                    reason="minutes long: set HALL_TEST_FULL_HISTORY=1 (hall demo --cases 535538 shows the same)")
def test_the_full_history_is_the_source(db, hall, runner):
    from console.cases.reports import case_report

    assert _history(db, runner, 535_538) == 535_538 + 37_032
    report = runner.run(case_report, date(2004, 6, 1), date(2009, 5, 31), "level", actor=actor(db, "S001"))
    rows = {r.key: r for r in report.rows}
    assert (rows["0"].accepted, rows["0"].completed, rows["0"].completion_rate) == (535_538, 532_825, 99.5)
    assert rows["0"].fees_fen == 667_000_000_000
    assert (rows["1"].accepted, rows["1"].completed, rows["1"].completion_rate) == (37_032, 37_006, 99.9)


def test_demo_projects_are_numbered_in_their_own_year(demo_db):
    from models import Project

    db, _ = demo_db
    with db.read() as s:
        rows = s.execute(select(Project.number, Project.handed_off_at)).all()
    assert rows and all(number.startswith(f"XM{at.year}-") for number, at in rows)


def test_curated_disclosures(demo_db):
    from models import Item, Material

    db, _ = demo_db
    with db.read() as s:
        items = {i.name: (i.id, i.legal_basis, i.promised_days, i.fee_fen) for i in s.scalars(select(Item))}
        materials: dict[int, list[str]] = {}
        for item_id, name in s.execute(select(Material.item_id, Material.name)):
            materials.setdefault(item_id, []).append(name)
    assert all("第" not in basis for _, basis, _, _ in items.values())  # no invented article numbers
    marriage_id, basis, days, fee = items["结婚登记"]
    assert basis == "《婚姻登记条例》" and days == 0 and fee == 0
    assert "环境影响评价批复" not in materials[marriage_id] and "双方户口簿" in materials[marriage_id]
    assert "居民身份证法" in items["居民身份证申领"][1]
    for name in ("法律援助申请审批", "农村五保供养审批", "城市居民最低生活保障审批"):
        assert items[name][3] == 0 and "行政许可法" not in items[name][1]


def test_the_history_counts_cases_already_at_the_center_and_continues_their_numbering(db, hall, runner):
    from console.cases.intake import accept
    from console.cases.reports import case_report
    from console.demo.cases import _scaled
    from tests.test_cases import form

    made = [runner.run(accept, form(), at=at, actor=actor(db, "C001")).number
            for at in (datetime(2008, 6, 2, 9), datetime(2008, 6, 3, 9))]  # as the proxy section's cases are
    n = 2000
    assert _history(db, runner, n) == n - 2 + _scaled(n, 535_538, 37_032)
    report = runner.run(case_report, date(2004, 6, 1), date(2009, 5, 31), "level", actor=actor(db, "S001"))
    center = {r.key: r for r in report.rows}["0"]
    assert center.accepted == n and made[0].endswith("000001")


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("HALL_TEST_FULL_HISTORY"),
                    reason="a whole demo with history: set HALL_TEST_FULL_HISTORY=1")
def test_a_demo_with_history_counts_the_proxy_cases_in_the_centers_figures(db):
    from console.cases.reports import case_report
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from console.demo.build import build_demo
    from console.demo.cases import _scaled
    from tests import factories
    from tests.demo_fixtures import DEMO_NOW

    runner = Runner(db, clock=FixedClock(DEMO_NOW))
    n = 1000
    runner.run(build_demo, cases=n, pin_hash=factories.pin_hash())
    report = runner.run(case_report, date(2004, 6, 1), date(2009, 5, 31), "level", actor=actor(db, "S001"))
    rows = {r.key: r for r in report.rows}
    assert (rows["0"].accepted, rows["0"].completed) == (n, _scaled(n, 535_538, 532_825))
    assert rows["0"].fees_fen == _scaled(n, 535_538, 667_000_000_000)
    assert rows["1"].accepted == _scaled(n, 535_538, 37_032)
