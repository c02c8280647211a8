"""The proxy demo extension: the source's 13 enterprises and 228.8 million yuan, carried through the services."""

from __future__ import annotations

import random

from sqlalchemy import select

from console.demo.proxy import extend
from console.proxy.report import figures
from console.proxy.views import project_detail, worklist
from console.proxy.visits import list_visits
from models import Project, ProjectStatus
from tests.demo_fixtures import call
from tests.factories import actor
from tests.proxy_helpers import extend_hall
from tests.queue_fixtures import make_services


def _ctx(db) -> dict:
    return {
        "managers": {"proxy_agent": ["P001", "P002"]},
        "clerks_by_department": {"SCJG": ["C001"], "MZ": ["C002"]},
        "items_by_department": {"SCJG": ["SCJG-001", "SCJG-002"], "MZ": ["MZ-001"], "RS": ["RS-001"],
                                "ZJ": ["ZJ-001"]},
        "admin": actor(db, "A001"),
    }


def _serving_at_c001(db, runner) -> str:
    """Window 01 (C001) serves the first ticket of the day, as the demo's queue leaves one being served."""
    from console.queue.tickets import take_ticket
    from console.queue.window import call_next, start_serving

    make_services(db, runner)
    number = runner.run(take_ticket, "SCJG").number
    runner.run(call_next, actor=actor(db, "C001"))
    runner.run(start_serving, actor=actor(db, "C001"))
    return number


def test_demo_seeds_the_source_figures(db, hall, runner):
    from models import Ticket

    extend_hall(db)
    ctx = _ctx(db)
    assert _serving_at_c001(db, runner) == "A001"
    summary = runner.run(extend, random.Random(2004), ctx, actor=actor(db, "A001"))
    assert len(ctx["proxy_projects"]) == 13
    sup = actor(db, "S001")
    with db.read() as s:
        first = s.scalar(select(Project.number).where(Project.status == ProjectStatus.completed)
                         .order_by(Project.id))
        refs = s.scalars(select(Project.ticket_ref).order_by(Project.id)).all()
        handed = s.scalar(select(Ticket).where(Ticket.number == "A001"))
        assert handed.status.value == "finished" and handed.closed_at == runner.clock.now()
    # only the ticket really being served is handed off; the other projects have none
    assert summary["tickets"] == ["A001"] and [r for r in refs if r] == ["A001"]
    f = call(runner, figures, actor=sup)
    assert f.enterprises == 13 and f.projects == 13
    assert f.as_dict()["total_investment_yuan"] == 228_800_000
    assert f.completed == 10 and f.completed_within_promise == 9
    assert f.average_workdays is not None and 0 < f.average_workdays <= 22
    assert [v.late for v in call(runner, list_visits, actor=sup)].count(True) == 1
    open_rows = call(runner, worklist, actor=sup)
    assert len(open_rows) == 3 and all(r.items_total >= 3 for r in open_rows)
    detail = call(runner, project_detail, first, actor=sup)
    steps = [r.action for r in detail.timeline]
    assert steps[0] == "proxy.handoff" and "case.complete" in steps and steps[-1] == "proxy.visit"
    assert detail.ticket_ref == "A001" and detail.completed_date.year == 2008


def test_without_a_ticket_being_served_projects_are_handed_off_without_one(db, hall, runner):
    extend_hall(db)
    summary = runner.run(extend, random.Random(2004), _ctx(db), actor=actor(db, "A001"))
    with db.read() as s:
        refs = s.scalars(select(Project.ticket_ref)).all()
    assert summary["tickets"] == [] and len(refs) == 13 and not any(refs)


def test_demo_is_deterministic(db, hall, runner):
    extend_hall(db)
    runner.run(extend, random.Random(7), _ctx(db), actor=actor(db, "A001"))
    with db.read() as s:
        first = [(p.number, p.investment_fen, p.enterprise.uscc) for p in s.scalars(select(Project).order_by(Project.id))]
    from console.demo.proxy import _amounts

    assert [fen for _, fen, _ in first] == [a * 100 for a in _amounts(random.Random(7), 13, 228_800_000)]
    assert sum(fen for _, fen, _ in first) == 22_880_000_000
