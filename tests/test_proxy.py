"""Proxy service: hand-off, assignment, items as cases, the one project clock, completion, visits, figures."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from console.cases import lifecycle as case_lifecycle
from console.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from console.proxy.projects import assign, complete, handoff, materials_complete, parse_yuan, take
from console.proxy.items import add_item, note_blocker
from console.proxy.report import figures
from console.proxy.views import agent_loads, project_detail, timeline, worklist
from console.proxy.visits import list_visits, record_visit
from console.calendar.workdays import load_calendar
from models import AuditEvent, Case, Enterprise, Project, ProjectStatus, Setting
from models.base import today
from tests.factories import actor
from tests.proxy_helpers import ENTERPRISE, FIVE_ITEMS, OTHER_ENTERPRISE, PROJECT, counts, extend_hall


@pytest.fixture
def ph(db, hall):
    extend_hall(db)
    return hall


def _handoff(db, who="C001", enterprise=ENTERPRISE, project=PROJECT, ticket=None) -> str:
    with db.write() as s:
        return handoff(s, actor(db, who), enterprise=enterprise, project=project, ticket=ticket).number


def _taken(db, who="P001", **kw) -> str:
    number = _handoff(db, **kw)
    with db.write() as s:
        take(s, actor(db, who), number)
    return number


def _add(db, number, code, who="P001", **kw):
    with db.write() as s:
        return add_item(s, actor(db, who), number, code, **kw)


def _finish_case(db, case_number, day=None):
    """The department decides and completes a case (as the supervisor, who reaches every case)."""
    from datetime import datetime

    sup = actor(db, "S001")
    with db.write() as s:
        case_lifecycle.decide(s, sup, case_number, "approved", f"决定-{case_number}")
        at = datetime.combine(day, datetime.min.time()).replace(hour=10) if day else None
        case_lifecycle.complete(s, sup, case_number, at=at)


# ------------------------------------------------------------------ hand-off

def test_handoff_stores_the_project_exactly(db, ph):
    number = _handoff(db, ticket="A012")
    with db.read() as s:
        p = s.scalar(select(Project).where(Project.number == number))
        assert number == f"XM{today().year}-0001"
        assert p.investment_fen == 1_200_000_050
        assert p.status == ProjectStatus.handed_off and p.agent_id is None
        assert p.enterprise.uscc == ENTERPRISE["uscc"] and p.enterprise.contact_phone == "13812345678"
        assert p.ticket_ref == "A012"
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "proxy.handoff"))
        assert event.entity_id == number and event.actor_no == "C001"
        assert json.loads(event.summary)["investment_yuan"] == "12000000.50"


def test_a_second_project_of_the_same_enterprise_reuses_it(db, ph):
    first = _handoff(db)
    second = _handoff(db, enterprise={**ENTERPRISE, "contact_name": "新联系人", "contact_phone": "13700000000"},
                      project={**PROJECT, "name": "二期"})
    assert second.endswith("-0002") and first != second
    with db.read() as s:
        rows = s.scalars(select(Enterprise)).all()
        assert len(rows) == 1 and rows[0].contact_name == "新联系人"


def test_large_investment_is_exact(db, ph):
    number = _handoff(db, project={**PROJECT, "investment_yuan": "228800000"})
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
    (ENTERPRISE, {**PROJECT, "name": " "}, "proxy.project_name_required"),
    (ENTERPRISE, {**PROJECT, "location": ""}, "proxy.location_required"),
    (ENTERPRISE, {**PROJECT, "industry": ""}, "proxy.industry_required"),
    (ENTERPRISE, None, "proxy.project_required"),
]


def test_bad_handoff_writes_nothing(db, ph):
    before = counts(db)
    clerk = actor(db, "C001")
    for enterprise, project, key in BAD_HANDOFFS:
        with pytest.raises(Invalid) as caught, db.write() as s:
            handoff(s, clerk, enterprise=enterprise, project=project)
        assert caught.value.key == key, (enterprise, project)
    assert counts(db) == before


def test_handoff_needs_the_permission(db, ph):
    with pytest.raises(PermissionDenied), db.write() as s:
        handoff(s, actor(db, "S001"), enterprise=ENTERPRISE, project=PROJECT)


def test_parse_yuan():
    assert parse_yuan("1,234.5") == 123450
    assert parse_yuan(7) == 700
    assert parse_yuan("0") == 0
    with pytest.raises(Invalid):
        parse_yuan("12 345")


_closed = []


def _fake_close(session, actor_, ticket, project):
    _closed.append((ticket, project, actor_.employee_no))
    return f"T-{ticket}"


def test_ticket_hook_closes_the_ticket_in_the_same_transaction(db, ph, monkeypatch):
    from console.proxy import ticket as proxy_ticket

    monkeypatch.setattr(proxy_ticket, "QUEUE_HOOK", ("tests.test_proxy", "_fake_close"))
    _closed.clear()
    number = _handoff(db, ticket="A007")
    assert _closed == [("A007", number, "C001")]
    with db.read() as s:
        assert s.scalar(select(Project.ticket_ref).where(Project.number == number)) == "T-A007"


def test_handing_off_the_called_ticket_finishes_it(db, ph):
    from console.queue.shared import KIOSK_ACTOR
    from console.queue.tickets import take_ticket
    from console.queue.window import call_next, current_ticket
    from models import Ticket
    from tests.queue_fixtures import make_services

    make_services(db)
    clerk = actor(db, "C001")
    with db.write() as s:
        take_ticket(s, KIOSK_ACTOR, "SCJG")
        take_ticket(s, KIOSK_ACTOR, "SCJG")
    with db.write() as s:
        called = call_next(s, clerk).number
    before = counts(db)
    with pytest.raises(Conflict) as caught, db.write() as s:
        handoff(s, clerk, enterprise=ENTERPRISE, project=PROJECT, ticket="A999")
    assert caught.value.key == "proxy.ticket_not_current" and counts(db) == before
    number = _handoff(db, ticket=called.lower())
    with db.read() as s:
        assert current_ticket(s, clerk) is None
        assert s.scalar(select(Ticket.status).where(Ticket.number == called)).value == "finished"
        assert s.scalar(select(Project.ticket_ref).where(Project.number == number)) == called


# ---------------------------------------------------------------- assignment

def test_take_assign_and_loads(db, ph):
    a, b = _handoff(db), _handoff(db, enterprise=OTHER_ENTERPRISE)
    with db.write() as s:
        take(s, actor(db, "P001"), a)
    with pytest.raises(Conflict), db.write() as s:
        take(s, actor(db, "P002"), a)
    with pytest.raises(PermissionDenied), db.write() as s:
        assign(s, actor(db, "P001"), b, "P001")
    with pytest.raises(Invalid) as caught, db.write() as s:
        assign(s, actor(db, "S001"), b, "C001")
    assert caught.value.key == "proxy.not_an_agent"
    with pytest.raises(NotFound), db.write() as s:
        assign(s, actor(db, "S001"), b, "NOBODY")
    with db.write() as s:
        assign(s, actor(db, "S001"), b, "P001")
    with db.read() as s:
        loads = {x.employee_no: x.open_projects for x in agent_loads(s, actor(db, "S001"))}
    assert loads == {"P001": 2, "P002": 0}
    with db.write() as s:
        assign(s, actor(db, "S001"), b, "P002")
    with db.read() as s:
        loads = {x.employee_no: x.open_projects for x in agent_loads(s, actor(db, "S001"))}
        mine = [r.number for r in worklist(s, actor(db, "P002"), agent="P002")]
    assert loads == {"P001": 1, "P002": 1} and mine == [b]


# --------------------------------------------------------------------- items

def test_five_items_across_four_departments_become_cases(db, ph):
    number = _taken(db)
    added = [_add(db, number, code) for code in FIVE_ITEMS]
    cal = None
    with db.read() as s:
        cal = load_calendar(s)
        cases = {c.number: c for c in s.scalars(select(Case))}
        detail = project_detail(s, actor(db, "P001"), number)
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


def test_adding_an_item_twice_is_refused(db, ph):
    number = _taken(db)
    _add(db, number, "MZ-001")
    before = counts(db)
    with pytest.raises(Conflict) as caught:
        _add(db, number, "MZ-001")
    assert caught.value.key == "proxy.item_twice"
    assert counts(db) == before


def test_a_retired_or_unknown_item_is_refused(db, ph):
    number = _taken(db)
    before = counts(db)
    with pytest.raises(Invalid) as caught:
        _add(db, number, "MZ-OLD")
    assert caught.value.key == "proxy.item_retired"
    with pytest.raises(NotFound):
        _add(db, number, "NOPE-1")
    assert counts(db) == before


def test_an_agent_cannot_act_on_another_agents_project(db, ph):
    number = _taken(db, who="P001")
    _add(db, number, "SCJG-001")
    before = counts(db)
    other = actor(db, "P002")
    for step in (lambda s: add_item(s, other, number, "MZ-001"),
                 lambda s: materials_complete(s, other, number),
                 lambda s: note_blocker(s, other, number, "SCJG-001", "x"),
                 lambda s: complete(s, other, number)):
        with pytest.raises(PermissionDenied) as caught, db.write() as s:
            step(s)
        assert caught.value.key == "proxy.not_your_project"
    assert counts(db) == before


def test_an_unassigned_project_must_be_taken_first(db, ph):
    number = _handoff(db)
    with pytest.raises(Conflict) as caught:
        _add(db, number, "MZ-001")
    assert caught.value.key == "proxy.take_first"


def test_missing_materials_refuse_the_item(db, ph):
    number = _taken(db)
    before = counts(db)
    with pytest.raises(Invalid) as caught:
        _add(db, number, "SCJG-001", received=(3,))
    assert caught.value.key == "case.materials_missing"
    assert counts(db) == before


def test_a_supervisor_may_add_items_to_any_project_only_with_acceptance_rights(db, ph):
    number = _taken(db)
    with pytest.raises(PermissionDenied):
        _add(db, number, "MZ-001", who="S001")  # supervisors do not accept cases
    added = _add(db, number, "MZ-001", who="A001")
    assert added.case_number


# -------------------------------------------------------------- the one clock

def test_materials_complete_starts_the_configurable_clock(db, ph):
    number = _taken(db)
    with db.write() as s:
        p = materials_complete(s, actor(db, "P001"), number)
        due, days, cal = p.due_date, p.promised_days, load_calendar(s)
    assert days == 20 and due == cal.add(today(), 20)
    with pytest.raises(Conflict), db.write() as s:
        materials_complete(s, actor(db, "P001"), number)
    other = _taken(db, enterprise=OTHER_ENTERPRISE)
    with db.write() as s:
        s.add(Setting(key="proxy.promise_days", value="15"))
    with db.write() as s:
        assert materials_complete(s, actor(db, "P001"), other).due_date == cal.add(today(), 15)


def test_materials_date_cannot_be_in_the_future(db, ph):
    number = _taken(db)
    with pytest.raises(Invalid), db.write() as s:
        materials_complete(s, actor(db, "P001"), number, today() + timedelta(days=1))


def test_project_warning_is_the_worst_part_and_the_earliest_threat_leads(db, ph):
    a = _taken(db)
    with db.write() as s:
        materials_complete(s, actor(db, "P001"), a)
    b = _taken(db, enterprise=OTHER_ENTERPRISE)
    _add(db, b, "RS-001")  # 1 working day
    with db.read() as s:
        cal = load_calendar(s)
        due_a = s.scalar(select(Project.due_date).where(Project.number == a))
        rows = {r.number: r for r in worklist(s, actor(db, "P001"))}
        assert rows[a].warning == "green" and rows[a].days_left == 20
        assert rows[b].warning == "waiting"  # no clock yet, its one item due tomorrow is not at risk
        # two working days on: RS-001 is overdue, so b is red and comes first
        later = cal.add(today(), 2)
        ordered = worklist(s, actor(db, "P001"), today=later)
        assert [r.number for r in ordered] == [b, a]
        assert ordered[0].warning == "red" and ordered[0].threat_date == cal.add(today(), 1)
        # within three working days of its own promise a is at risk, past it red
        risk_day = [d for d in (today() + timedelta(days=i) for i in range(40))
                    if cal.is_workday(d) and cal.count(d, due_a) == 3][0]
        assert {r.number: r for r in worklist(s, actor(db, "P001"), today=risk_day)}[a].warning == "yellow"
        past = due_a + timedelta(days=1)
        row_a = {r.number: r for r in worklist(s, actor(db, "P001"), today=past)}[a]
        assert row_a.warning == "red" and row_a.days_left < 0
    _add(db, a, "ZJ-001")  # 15 working days: overdue by then, so a is red already
    with db.read() as s:
        assert {r.number: r for r in worklist(s, actor(db, "P001"), today=risk_day)}[a].warning == "red"


def test_blockers_are_noted_per_item_and_lead_the_next_action(db, ph):
    number = _taken(db)
    _add(db, number, "SCJG-001")
    _add(db, number, "MZ-001")
    with db.write() as s:
        note_blocker(s, actor(db, "P001"), number, "MZ-001", "等待消防意见")
    with db.read() as s:
        d = project_detail(s, actor(db, "P001"), number)
    blocked = {i.item_code: i.blocker for i in d.items}
    assert blocked == {"SCJG-001": "", "MZ-001": "等待消防意见"}
    assert d.row.blockers == 1 and d.row.next_action_key == "proxy.next.unblock"
    with db.write() as s:
        note_blocker(s, actor(db, "P001"), number, "MZ-001", "")
    with pytest.raises(Conflict), db.write() as s:
        note_blocker(s, actor(db, "P001"), number, "MZ-001", "")
    with pytest.raises(NotFound), db.write() as s:
        note_blocker(s, actor(db, "P001"), number, "RS-001", "x")


# ------------------------------------------------------- completion and visits

def _completed_project(db) -> str:
    number = _taken(db)
    with db.write() as s:
        materials_complete(s, actor(db, "P001"), number)
    for code in FIVE_ITEMS:
        _add(db, number, code)
    with db.read() as s:
        cases = [i.case_number for i in project_detail(s, actor(db, "P001"), number).items]
    with pytest.raises(Conflict) as caught, db.write() as s:
        complete(s, actor(db, "P001"), number)
    assert caught.value.key == "proxy.items_open"
    for case in cases:
        _finish_case(db, case)
    with db.write() as s:
        complete(s, actor(db, "P001"), number)
    return number


def test_complete_schedules_the_visit_and_the_timeline_has_every_step(db, ph):
    number = _completed_project(db)
    with db.read() as s:
        p = s.scalar(select(Project).where(Project.number == number))
        cal = load_calendar(s)
        assert p.status == ProjectStatus.completed and p.completed_date == today() and not p.late
        assert [v.scheduled_on for v in p.visits] == [cal.add(today(), 10)]
        steps = [r.action for r in timeline(s, actor(db, "S001"), number)]
        d = project_detail(s, actor(db, "P001"), number)
    assert steps[:3] == ["proxy.handoff", "proxy.take", "proxy.materials_complete"]
    assert steps.count("case.accept") == 5 and steps.count("proxy.add_item") == 5
    assert steps.count("case.complete") == 5 and steps[-1] == "proxy.complete"
    assert d.row.warning == "none" and d.row.next_action_key == "proxy.next.visit"
    with pytest.raises(Conflict), db.write() as s:
        add_item(s, actor(db, "P001"), number, "SCJG-001")


def test_late_completion_is_recorded(db, ph):
    with db.write() as s:
        s.add(Setting(key="proxy.promise_days", value="1"))
    number = _taken(db)
    with db.write() as s:
        due = materials_complete(s, actor(db, "P001"), number).due_date
    case = _add(db, number, "RS-001").case_number
    _finish_case(db, case, day=due + timedelta(days=3))
    with db.write() as s:
        assert complete(s, actor(db, "P001"), number).late is True


def test_follow_up_visits(db, ph):
    number = _taken(db)
    with pytest.raises(Conflict), db.write() as s:
        record_visit(s, actor(db, "P001"), number, contact="王经理")
    number = _completed_project(db)
    with db.read() as s:
        scheduled = s.scalar(select(Project).where(Project.number == number)).visits[0].scheduled_on
        assert list_visits(s, actor(db, "S001"), late_only=True) == []
        late = list_visits(s, actor(db, "S001"), late_only=True, today=scheduled + timedelta(days=1))
        assert [v.project for v in late] == [number]
    with pytest.raises(Invalid), db.write() as s:
        record_visit(s, actor(db, "P001"), number, contact="")
    with pytest.raises(Invalid), db.write() as s:
        record_visit(s, actor(db, "P001"), number, contact="王经理", problems="用电报装慢")
    with pytest.raises(PermissionDenied), db.write() as s:
        record_visit(s, actor(db, "P002"), number, contact="王经理")
    with db.write() as s:
        record_visit(s, actor(db, "P001"), number, contact="王经理", problems="用电报装慢",
                     solutions="协调供电公司三日内接电")
    with db.read() as s:
        rows = list_visits(s, actor(db, "S001"))
        d = project_detail(s, actor(db, "P001"), number)
    assert len(rows) == 1 and rows[0].visited_on == today() and not rows[0].late
    assert rows[0].problems == "用电报装慢" and d.row.next_action_key == "proxy.next.none"


def test_figures(db, ph):
    number = _completed_project(db)
    _taken(db, enterprise=OTHER_ENTERPRISE, project={**PROJECT, "investment_yuan": "228800000"})
    with db.read() as s:
        f = figures(s, actor(db, "S001"))
    assert f.enterprises == 2 and f.projects == 2 and f.completed == 1 and f.open_projects == 1
    assert f.total_investment_fen == 1_200_000_050 + 22_880_000_000
    assert f.as_dict()["total_investment_yuan"] == 240800000.5
    assert f.within_promise_share == 1.0 and f.average_workdays == 0.0
    assert f.visits_due == 1 and number


def test_reading_needs_a_proxy_or_supervisor_role(db, ph):
    with pytest.raises(PermissionDenied), db.read() as s:
        worklist(s, actor(db, "C001"))
