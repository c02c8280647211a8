"""Proxy service: hand-off, assignment, items as cases, the one project clock, completion, visits, figures."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from console.cases import lifecycle as case_lifecycle
from console.core.errors import Conflict, Invalid, LoginRequired, NotFound, PermissionDenied
from console.core.parsing import parse_yuan
from console.proxy.projects import assign, complete, handoff, materials_complete, take
from console.proxy.items import add_item, note_blocker
from console.proxy.report import figures
from console.proxy.views import agent_loads, project_detail, timeline, worklist
from console.proxy.visits import list_visits, record_visit
from console.calendar.workdays import load_calendar
from models import AuditEvent, Case, Enterprise, Project, ProjectStatus, Setting
from tests.factories import actor
from tests.proxy_helpers import ENTERPRISE, FIVE_ITEMS, OTHER_ENTERPRISE, PROJECT, counts, extend_hall
from tests.proxy_helpers import handoff as _handoff
from tests.proxy_helpers import taken as _taken


@pytest.fixture
def ph(db, hall, clock):
    extend_hall(db, clock)
    return hall


def _add(runner, db, number, code, who="P001", **kw):
    return runner.run(add_item, number, code, actor=actor(db, who), **kw)


def _finish_case(runner, db, case_number, day=None):
    """The department decides and completes a case (as the supervisor, who reaches every case)."""
    from datetime import datetime

    with runner.transaction(actor(db, "S001"), write=True) as ctx:
        case_lifecycle.decide(ctx, case_number, "approved", f"决定-{case_number}")
        at = datetime.combine(day, datetime.min.time()).replace(hour=10) if day else None
        case_lifecycle.complete(ctx, case_number, at=at)


# ------------------------------------------------------------------ hand-off

def test_handoff_stores_the_project_exactly(runner, clock, db, ph):
    number = _handoff(runner, db, ticket="A012")
    with db.read() as s:
        p = s.scalar(select(Project).where(Project.number == number))
        assert number == f"XM{clock.today().year}-0001"
        assert p.investment_fen == 1_200_000_050
        assert p.status == ProjectStatus.handed_off and p.agent_id is None
        assert p.enterprise.uscc == ENTERPRISE["uscc"] and p.enterprise.contact_phone == "13812345678"
        assert p.ticket_ref == "A012"
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "proxy.handoff"))
        assert event.entity_id == number and event.actor_no == "C001"
        assert json.loads(event.summary)["investment_yuan"] == "12000000.50"


def test_rows_are_stamped_by_the_hall_clock(runner, clock, db, ph):
    from models import ProjectItem

    number = _taken(runner, db)
    clock.advance(minutes=5)
    _add(runner, db, number, "MZ-001")
    with db.read() as s:
        p = s.scalar(select(Project).where(Project.number == number))
        assert p.handed_off_at == p.enterprise.created_at == clock.now() - timedelta(minutes=5)
        assert s.scalar(select(ProjectItem.added_at)) == p.updated_at == clock.now()


def test_a_second_project_of_the_same_enterprise_reuses_it(runner, db, ph):
    first = _handoff(runner, db)
    second = _handoff(runner, db, enterprise={**ENTERPRISE, "contact_name": "新联系人", "contact_phone": "13700000000"},
                      project={**PROJECT, "name": "二期"})
    assert second.endswith("-0002") and first != second
    with db.read() as s:
        rows = s.scalars(select(Enterprise)).all()
        assert len(rows) == 1 and rows[0].contact_name == "新联系人"


def test_large_investment_is_exact(runner, db, ph):
    number = _handoff(runner, db, project={**PROJECT, "investment_yuan": "228800000"})
    with db.read() as s:
        assert s.scalar(select(Project.investment_fen).where(Project.number == number)) == 22_880_000_000


BAD_HANDOFFS = [
    (None, PROJECT, "proxy.enterprise_required"),
    ({"name": "", "uscc": ""}, PROJECT, "proxy.enterprise_required"),
    ({**ENTERPRISE, "uscc": "91410185MA3X00010A"}, PROJECT, "personal.uscc_check_digit"),
    ({**ENTERPRISE, "uscc": "1234"}, PROJECT, "personal.uscc_length"),
    ({**ENTERPRISE, "uscc": ""}, PROJECT, "proxy.uscc_required"),
    ({**ENTERPRISE, "contact_name": ""}, PROJECT, "proxy.contact_required"),
    ({**ENTERPRISE, "contact_phone": "12345"}, PROJECT, "personal.phone_format"),
    (ENTERPRISE, {**PROJECT, "investment_yuan": "-1"}, "proxy.investment_negative"),
    (ENTERPRISE, {**PROJECT, "investment_yuan": "-0.01"}, "proxy.investment_negative"),
    (ENTERPRISE, {**PROJECT, "investment_yuan": "12.345"}, "proxy.investment_bad"),
    (ENTERPRISE, {**PROJECT, "investment_yuan": "1e6"}, "proxy.investment_bad"),
    (ENTERPRISE, {**PROJECT, "investment_yuan": ""}, "proxy.investment_required"),
    (ENTERPRISE, {**PROJECT, "investment_yuan": "1000000000001"}, "errors.amount_too_large"),
    (ENTERPRISE, {**PROJECT, "name": " "}, "proxy.project_name_required"),
    (ENTERPRISE, {**PROJECT, "location": ""}, "proxy.location_required"),
    (ENTERPRISE, {**PROJECT, "industry": ""}, "proxy.industry_required"),
    (ENTERPRISE, None, "proxy.project_required"),
]


def test_bad_handoff_writes_nothing(runner, db, ph):
    before = counts(db)
    clerk = actor(db, "C001")
    for enterprise, project, key in BAD_HANDOFFS:
        with pytest.raises(Invalid) as caught:
            runner.run(handoff, enterprise=enterprise, project=project, actor=clerk)
        assert caught.value.key == key, (enterprise, project)
    assert counts(db) == before


def test_handoff_needs_the_permission(runner, db, ph):
    with pytest.raises(PermissionDenied):
        runner.run(handoff, enterprise=ENTERPRISE, project=PROJECT, actor=actor(db, "S001"))


def test_parse_yuan():
    assert parse_yuan("1,234.5") == 123450
    assert parse_yuan(7) == 700
    assert parse_yuan("0") == 0
    with pytest.raises(Invalid):
        parse_yuan("12 345")


def test_handing_off_the_called_ticket_finishes_it(runner, db, ph):
    from console.queue.tickets import take_ticket
    from console.queue.window import call_next, current_ticket
    from models import Ticket
    from tests.queue_fixtures import make_services

    make_services(db, runner)
    clerk = actor(db, "C001")
    runner.run(take_ticket, "SCJG")
    runner.run(take_ticket, "SCJG")
    called = runner.run(call_next, actor=clerk).number
    before = counts(db)
    with pytest.raises(Conflict) as caught:
        runner.run(handoff, enterprise=ENTERPRISE, project=PROJECT, ticket="A999", actor=clerk)
    assert caught.value.key == "proxy.ticket_not_current" and counts(db) == before
    number = _handoff(runner, db, ticket=called.lower())
    assert runner.run(current_ticket, actor=clerk) is None
    with db.read() as s:
        assert s.scalar(select(Ticket.status).where(Ticket.number == called)).value == "finished"
        assert s.scalar(select(Project.ticket_ref).where(Project.number == number)) == called


# ---------------------------------------------------------------- assignment

def test_take_assign_and_loads(runner, db, ph):
    a, b = _handoff(runner, db), _handoff(runner, db, enterprise=OTHER_ENTERPRISE)
    runner.run(take, a, actor=actor(db, "P001"))
    with pytest.raises(Conflict):
        runner.run(take, a, actor=actor(db, "P002"))
    with pytest.raises(PermissionDenied):
        runner.run(assign, b, "P001", actor=actor(db, "P001"))
    with pytest.raises(Invalid) as caught:
        runner.run(assign, b, "C001", actor=actor(db, "S001"))
    assert caught.value.key == "proxy.not_an_agent"
    with pytest.raises(NotFound):
        runner.run(assign, b, "NOBODY", actor=actor(db, "S001"))
    runner.run(assign, b, "P001", actor=actor(db, "S001"))
    loads = {x.employee_no: x.open_projects for x in runner.run(agent_loads, actor=actor(db, "S001"))}
    assert loads == {"P001": 2, "P002": 0}
    runner.run(assign, b, "P002", actor=actor(db, "S001"))
    loads = {x.employee_no: x.open_projects for x in runner.run(agent_loads, actor=actor(db, "S001"))}
    mine = [r.number for r in runner.run(worklist, agent="P002", actor=actor(db, "P002"))]
    assert loads == {"P001": 1, "P002": 1} and mine == [b]


# --------------------------------------------------------------------- items

def test_five_items_across_four_departments_become_cases(runner, db, ph):
    number = _taken(runner, db)
    added = [_add(runner, db, number, code) for code in FIVE_ITEMS]
    cal = None
    detail = runner.run(project_detail, number, actor=actor(db, "P001"))
    with db.read() as s:
        cal = load_calendar(s)
        cases = {c.number: c for c in s.scalars(select(Case))}
        assert len(cases) == 5 and {a.case_number for a in added} == set(cases)
        for a in added:
            case = cases[a.case_number]
            assert case.applicant_id_no == ENTERPRISE["uscc"] and case.applicant_kind.value == "organization"
            assert case.due_date == a.due_date == cal.add(case.accepted_date, case.promised_days)
            assert all(m.received for m in case.materials)
    assert detail.row.items_total == 5 and detail.row.departments == 4
    assert {i.department for i in detail.items} == {"市场监管局", "民政局", "人力资源和社会保障局", "住房和城乡建设局"}
    # the earliest threat first: RS-001 (1 working day) leads the items
    assert detail.items[0].item_code == "RS-001"
    assert detail.row.next_action_key == "proxy.next.materials"


def test_adding_an_item_twice_is_refused(runner, db, ph):
    number = _taken(runner, db)
    _add(runner, db, number, "MZ-001")
    before = counts(db)
    with pytest.raises(Conflict) as caught:
        _add(runner, db, number, "MZ-001")
    assert caught.value.key == "proxy.item_twice"
    assert counts(db) == before


def test_a_retired_or_unknown_item_is_refused(runner, db, ph):
    number = _taken(runner, db)
    before = counts(db)
    with pytest.raises(Invalid) as caught:
        _add(runner, db, number, "MZ-OLD")
    assert caught.value.key == "proxy.item_retired"
    with pytest.raises(NotFound):
        _add(runner, db, number, "NOPE-1")
    assert counts(db) == before


def test_an_agent_cannot_act_on_another_agents_project(runner, db, ph):
    number = _taken(runner, db, who="P001")
    _add(runner, db, number, "SCJG-001")
    before = counts(db)
    other = actor(db, "P002")
    for step in (lambda: runner.run(add_item, number, "MZ-001", actor=other),
                 lambda: runner.run(materials_complete, number, actor=other),
                 lambda: runner.run(note_blocker, number, "SCJG-001", "x", actor=other),
                 lambda: runner.run(complete, number, actor=other)):
        with pytest.raises(PermissionDenied) as caught:
            step()
        assert caught.value.key == "proxy.not_your_project"
    assert counts(db) == before


def test_an_unassigned_project_must_be_taken_first(runner, db, ph):
    number = _handoff(runner, db)
    with pytest.raises(Conflict) as caught:
        _add(runner, db, number, "MZ-001")
    assert caught.value.key == "proxy.take_first"


def test_missing_materials_refuse_the_item(runner, db, ph):
    number = _taken(runner, db)
    before = counts(db)
    with pytest.raises(Invalid) as caught:
        _add(runner, db, number, "SCJG-001", received=(3,))
    assert caught.value.key == "case.materials_missing"
    assert counts(db) == before


def test_a_supervisor_may_add_items_to_any_project_only_with_acceptance_rights(runner, db, ph):
    number = _taken(runner, db)
    with pytest.raises(PermissionDenied):
        _add(runner, db, number, "MZ-001", who="S001")  # supervisors do not accept cases
    added = _add(runner, db, number, "MZ-001", who="A001")
    assert added.case_number


# -------------------------------------------------------------- the one clock

def test_materials_complete_starts_the_configurable_clock(runner, clock, db, ph):
    number = _taken(runner, db)
    p = runner.run(materials_complete, number, actor=actor(db, "P001"))
    due, days = p.due_date, p.promised_days
    with db.read() as s:
        cal = load_calendar(s)
    assert days == 20 and due == cal.add(clock.today(), 20)
    with pytest.raises(Conflict):
        runner.run(materials_complete, number, actor=actor(db, "P001"))
    other = _taken(runner, db, enterprise=OTHER_ENTERPRISE)
    with db.write() as s:
        s.add(Setting(key="proxy.promise_days", value="15"))
    assert runner.run(materials_complete, other, actor=actor(db, "P001")).due_date == cal.add(clock.today(), 15)


def test_materials_date_cannot_be_in_the_future(runner, clock, db, ph):
    number = _taken(runner, db)
    with pytest.raises(Invalid):
        runner.run(materials_complete, number, clock.today() + timedelta(days=1), actor=actor(db, "P001"))


def test_project_warning_is_the_worst_part_and_the_earliest_threat_leads(runner, clock, db, ph):
    agent = actor(db, "P001")
    today = clock.today()
    a = _taken(runner, db)
    runner.run(materials_complete, a, actor=agent)
    b = _taken(runner, db, enterprise=OTHER_ENTERPRISE)
    _add(runner, db, b, "RS-001")  # 1 working day
    with db.read() as s:
        cal = load_calendar(s)
        due_a = s.scalar(select(Project.due_date).where(Project.number == a))
    rows = {r.number: r for r in runner.run(worklist, actor=agent)}
    assert rows[a].warning == "green" and rows[a].days_left == 20
    assert rows[b].warning == "waiting"  # no clock yet, its one item due tomorrow is not at risk
    # two working days on: RS-001 is overdue, so b is red and comes first
    later = cal.add(today, 2)
    ordered = runner.run(worklist, today=later, actor=agent)
    assert [r.number for r in ordered] == [b, a]
    assert ordered[0].warning == "red" and ordered[0].threat_date == cal.add(today, 1)
    # within three working days of its own promise a is at risk, past it red
    risk_day = [d for d in (today + timedelta(days=i) for i in range(40))
                if cal.is_workday(d) and cal.count(d, due_a) == 3][0]
    assert {r.number: r for r in runner.run(worklist, today=risk_day, actor=agent)}[a].warning == "yellow"
    past = due_a + timedelta(days=1)
    row_a = {r.number: r for r in runner.run(worklist, today=past, actor=agent)}[a]
    assert row_a.warning == "red" and row_a.days_left < 0
    _add(runner, db, a, "ZJ-001")  # 15 working days: overdue by then, so a is red already
    assert {r.number: r for r in runner.run(worklist, today=risk_day, actor=agent)}[a].warning == "red"


def test_blockers_are_noted_per_item_and_lead_the_next_action(runner, clock, db, ph):
    agent = actor(db, "P001")
    number = _taken(runner, db)
    _add(runner, db, number, "SCJG-001")
    _add(runner, db, number, "MZ-001")
    runner.run(note_blocker, number, "MZ-001", "等待消防意见", actor=agent)
    d = runner.run(project_detail, number, actor=agent)
    blocked = {i.item_code: i.blocker for i in d.items}
    assert blocked == {"SCJG-001": "", "MZ-001": "等待消防意见"}
    assert {i.item_code: i.blocker_since for i in d.items}["MZ-001"] == clock.today()
    assert d.row.blockers == 1 and d.row.next_action_key == "proxy.next.unblock"
    runner.run(note_blocker, number, "MZ-001", "", actor=agent)
    with pytest.raises(Conflict):
        runner.run(note_blocker, number, "MZ-001", "", actor=agent)
    with pytest.raises(NotFound):
        runner.run(note_blocker, number, "RS-001", "x", actor=agent)


# ------------------------------------------------------- completion and visits

def _completed_project(runner, db) -> str:
    agent = actor(db, "P001")
    number = _taken(runner, db)
    runner.run(materials_complete, number, actor=agent)
    for code in FIVE_ITEMS:
        _add(runner, db, number, code)
    cases = [i.case_number for i in runner.run(project_detail, number, actor=agent).items]
    with pytest.raises(Conflict) as caught:
        runner.run(complete, number, actor=agent)
    assert caught.value.key == "proxy.items_open"
    for case in cases:
        _finish_case(runner, db, case)
    runner.run(complete, number, actor=agent)
    return number


def test_complete_schedules_the_visit_and_the_timeline_has_every_step(runner, clock, db, ph):
    number = _completed_project(runner, db)
    today = clock.today()
    with db.read() as s:
        p = s.scalar(select(Project).where(Project.number == number))
        cal = load_calendar(s)
        assert p.status == ProjectStatus.completed and p.completed_date == today and not p.late
        assert [v.scheduled_on for v in p.visits] == [cal.add(today, 10)]
    steps = [r.action for r in runner.run(timeline, number, actor=actor(db, "S001"))]
    d = runner.run(project_detail, number, actor=actor(db, "P001"))
    assert steps[:3] == ["proxy.handoff", "proxy.take", "proxy.materials_complete"]
    assert steps.count("case.accept") == 5 and steps.count("proxy.add_item") == 5
    assert steps.count("case.complete") == 5 and steps[-1] == "proxy.complete"
    assert d.row.warning == "none" and d.row.next_action_key == "proxy.next.visit"
    with pytest.raises(Conflict):
        runner.run(add_item, number, "SCJG-001", actor=actor(db, "P001"))


def test_late_completion_is_recorded(runner, db, ph):
    with db.write() as s:
        s.add(Setting(key="proxy.promise_days", value="1"))
    number = _taken(runner, db)
    due = runner.run(materials_complete, number, actor=actor(db, "P001")).due_date
    case = _add(runner, db, number, "RS-001").case_number
    _finish_case(runner, db, case, day=due + timedelta(days=3))
    assert runner.run(complete, number, actor=actor(db, "P001")).late is True


def test_follow_up_visits(runner, clock, db, ph):
    agent, sup = actor(db, "P001"), actor(db, "S001")
    number = _taken(runner, db)
    with pytest.raises(Conflict):
        runner.run(record_visit, number, contact="王经理", actor=agent)
    number = _completed_project(runner, db)
    with db.read() as s:
        scheduled = s.scalar(select(Project).where(Project.number == number)).visits[0].scheduled_on
    assert runner.run(list_visits, late_only=True, actor=sup) == []
    late = runner.run(list_visits, late_only=True, today=scheduled + timedelta(days=1), actor=sup)
    assert [v.project for v in late] == [number]
    with pytest.raises(Invalid):
        runner.run(record_visit, number, contact="", actor=agent)
    with pytest.raises(Invalid):
        runner.run(record_visit, number, contact="王经理", problems="用电报装慢", actor=agent)
    with pytest.raises(PermissionDenied):
        runner.run(record_visit, number, contact="王经理", actor=actor(db, "P002"))
    runner.run(record_visit, number, contact="王经理", problems="用电报装慢", solutions="协调供电公司三日内接电",
               actor=agent)
    rows = runner.run(list_visits, actor=sup)
    d = runner.run(project_detail, number, actor=agent)
    assert len(rows) == 1 and rows[0].visited_on == clock.today() and not rows[0].late
    assert rows[0].problems == "用电报装慢" and d.row.next_action_key == "proxy.next.none"


def test_figures(runner, db, ph):
    number = _completed_project(runner, db)
    _taken(runner, db, enterprise=OTHER_ENTERPRISE, project={**PROJECT, "investment_yuan": "228800000"})
    f = runner.run(figures, actor=actor(db, "S001"))
    assert f.enterprises == 2 and f.projects == 2 and f.completed == 1 and f.open_projects == 1
    assert f.total_investment_fen == 1_200_000_050 + 22_880_000_000
    assert f.as_dict()["total_investment_yuan"] == 240800000.5
    assert f.within_promise_share == 1.0 and f.average_workdays == 0.0
    assert f.visits_due == 1 and number


def test_reading_needs_a_proxy_or_supervisor_role(runner, db, ph):
    with pytest.raises(PermissionDenied):
        runner.run(worklist, actor=actor(db, "C001"))


def test_nobody_may_read_or_change_projects_without_logging_in(runner, db, ph):
    from console.proxy.projects import configure, settings

    number = _handoff(runner, db)
    before = counts(db)
    for fn, args in ((worklist, ()), (agent_loads, ()), (project_detail, (number,)), (timeline, (number,)),
                     (list_visits, ()), (figures, ()), (settings, ()), (take, (number,)),
                     (handoff, ()), (configure, ({"proxy.promise_days": 5},))):
        with pytest.raises(LoginRequired):
            runner.run(fn, *args)
    assert counts(db) == before


def test_a_kept_handoff_is_the_clerks_own_without_control_characters_and_goes_with_the_handoff(runner, db, ph):
    from console.proxy.kept import keep_handoff, kept_handoff

    clerk, other = actor(db, "C001"), actor(db, "C002")
    typed = {"enterprise": "嵩阳\x1b[31m建材", "uscc": ENTERPRISE["uscc"], "phone": "13812345678", "junk": "x"}
    assert runner.run(keep_handoff, "a012", typed, actor=clerk) is True
    kept = runner.run(kept_handoff, "A012", actor=clerk)
    assert kept["enterprise"] == "嵩阳[31m建材" and kept["uscc"] == ENTERPRISE["uscc"]
    assert "junk" not in kept and kept["project"] == ""
    assert runner.run(kept_handoff, "A012", actor=other) is None
    with db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "proxy.handoff_kept")).all()[-1]
        assert "13812345678" not in event.summary and json.loads(event.summary)["fields"] == [
            "enterprise", "uscc", "phone"]
    assert runner.run(keep_handoff, "A012", {"enterprise": "  "}, actor=clerk) is False  # emptied: forgotten
    assert runner.run(kept_handoff, "A012", actor=clerk) is None
    runner.run(keep_handoff, "A012", typed, actor=clerk)
    _handoff(runner, db, ticket="A012")
    assert runner.run(kept_handoff, "A012", actor=clerk) is None  # handed off: nothing left to reopen
