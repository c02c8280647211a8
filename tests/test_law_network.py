"""The three-level network: a village agent accepts on a villager's behalf, the township forwards the
case to the city department that decides it, the result goes back; every hop audited, the route told."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from console.cases import lifecycle as lc
from console.cases.access import get_case, list_cases
from console.cases.documents import receipt
from console.cases.forwarding import forward
from console.cases.intake import accept
from console.cases.reports import case_report
from console.core.errors import Invalid, NotFound, PermissionDenied
from console.org.staff import add_staff
from models import AuditEvent, Role, Site, SiteKind, Staff, Window
from tests import factories
from tests.factories import actor
from tests.test_cases import form

VILLAGE, TOWN, CITY = "410185101201", "410185101", "410185"


@pytest.fixture
def network(db, hall):
    with db.write() as s:
        town = s.scalar(select(Site).where(Site.code == TOWN))
        village = Site(code=VILLAGE, name="大金店镇大金店村便民服务室", kind=SiteKind.village, parent_id=town.id)
        s.add(village)
        s.flush()
        window = s.scalar(select(Window).where(Window.site_id == town.id))
        s.add_all([
            Staff(employee_no="V001", name="村代办员", role=Role.village_agent, site_id=village.id,
                  pin_hash=factories.pin_hash(), created_at=factories.CREATED_AT),
            Staff(employee_no="T001", name="乡窗口", role=Role.clerk, site_id=town.id,
                  department_id=hall["departments"]["MZ"], window_id=window.id,
                  pin_hash=factories.pin_hash(), created_at=factories.CREATED_AT),
        ])
    return hall


def test_village_to_township_to_city_and_back(db, network, runner):
    agent, town_clerk, city_clerk = actor(db, "V001"), actor(db, "T001"), actor(db, "C002")
    number = runner.run(accept, form("MZ-001", (1,)), at=datetime(2026, 3, 2, 9), actor=agent).number
    due = runner.run(get_case, number, actor=agent).due_date
    assert runner.run(get_case, number, actor=agent).site == VILLAGE
    with pytest.raises(NotFound):
        runner.run(forward, number, "410185999", actor=agent)
    runner.run(forward, number, TOWN, actor=agent)
    assert [c.number for c in runner.run(list_cases, scope="here", actor=town_clerk)] == [number]
    runner.run(forward, number, CITY, "乡级无权审批", actor=town_clerk)
    assert number in [c.number for c in runner.run(list_cases, scope="here", actor=city_clerk)]
    assert runner.run(list_cases, scope="here", actor=town_clerk) == []
    runner.run(lc.decide, number, "approved", "登民许〔2026〕3号", actor=city_clerk)
    with pytest.raises(Invalid) as info:
        runner.run(forward, number, VILLAGE, actor=city_clerk)
    assert info.value.field == "reason"
    view = runner.run(forward, number, VILLAGE, "准予许可，证件送回村室", actor=city_clerk)
    assert view.site == VILLAGE and view.due_date == due  # the clock ran from the first receipt
    assert [(h["from"], h["to"], h["by"]) for h in view.route] == [
        (VILLAGE, TOWN, "V001"), (TOWN, CITY, "T001"), (CITY, VILLAGE, "C002")]
    runner.run(lc.complete, number, actor=agent)
    with db.read() as s:
        hops = [json.loads(e.summary) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == "case.forward").order_by(AuditEvent.id))]
    assert [(h["from"], h["to"], h["direction"]) for h in hops] == [
        (VILLAGE, TOWN, "up"), (TOWN, CITY, "up"), (CITY, VILLAGE, "back")]
    text = runner.run(receipt, number, actor=agent)
    assert f"{VILLAGE} → {TOWN} → {CITY} → {VILLAGE}" in text
    levels = runner.run(case_report, datetime(2026, 3, 1).date(), datetime(2026, 3, 31).date(), "level",
                        actor=actor(db, "S001"))
    assert [(r.label, r.accepted, r.completed) for r in levels.rows] == [("village service rooms", 1, 1)]


def test_only_staff_where_the_case_is_may_send_it_and_only_along_the_network(db, network, runner):
    agent, town_clerk = actor(db, "V001"), actor(db, "T001")
    number = runner.run(accept, form("MZ-001", (1,)), at=datetime(2026, 3, 2, 9), actor=agent).number
    with pytest.raises(PermissionDenied):
        runner.run(forward, number, CITY, actor=town_clerk)  # it is at the village
    runner.run(forward, number, CITY, actor=agent)  # straight to the city department
    with pytest.raises(Invalid) as info:
        runner.run(forward, number, TOWN, "x", actor=actor(db, "C002"))  # it never went through the town
    assert info.value.field == "to"


def test_a_village_agent_works_at_a_village_without_a_window(db, network, runner):
    admin = actor(db, "A001")
    with pytest.raises(Invalid) as info:
        runner.run(add_staff, "V002", name="错代办", role="village_agent", pin="604718", site=CITY,
                   actor=admin)
    assert info.value.key == "law.agent_needs_village"
    row = runner.run(add_staff, "V002", name="村代办二", role="village_agent", pin="604718", site=VILLAGE,
                     actor=admin)
    assert row.role == "village_agent"


def test_cli_forward_and_show_route(db, network, runner, cli, clock):
    number = runner.run(accept, form("MZ-001", (1,)), actor=actor(db, "V001")).number
    sent = cli("case", "forward", number, "--to", TOWN, as_="V001")
    assert sent.exit_code == 0, sent.output
    shown = json.loads(cli("case", "show", number, "--json", as_="T001").stdout)
    assert shown["site"] == TOWN and shown["route"][0]["from"] == VILLAGE and shown["route"][0]["by"] == "V001"
    assert cli("case", "forward", number, "--to", "nowhere", as_="T001").exit_code != 0
    levels = json.loads(cli("report", "cases", "--from", "2026-03-01", "--to", "2026-03-31", "--by", "level",
                            "--json", as_="S001").stdout)
    assert [r["accepted"] for r in levels] == [1]


def test_the_demo_staffs_every_township_window_and_village_room(demo_db):
    from sqlalchemy import func

    db, result = demo_db
    with db.read() as s:
        town_windows = s.scalar(select(func.count()).select_from(Window).join(Site, Window.site_id == Site.id)
                                .where(Site.kind == SiteKind.township))
        staffed = s.scalar(select(func.count(func.distinct(Staff.window_id))).join(Site, Staff.site_id == Site.id)
                           .where(Site.kind == SiteKind.township, Staff.role == Role.clerk))
        agents = s.scalar(select(func.count(func.distinct(Staff.site_id))).join(Site, Staff.site_id == Site.id)
                          .where(Site.kind == SiteKind.village, Staff.role == Role.village_agent))
    assert staffed == town_windows == result.counts["township_clerks"] and town_windows >= 17 * 6
    assert agents == result.counts["village_agents"] == 256
