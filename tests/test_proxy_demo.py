"""The proxy demo extension: the source's 13 enterprises and 228.8 million yuan, carried through the services."""

from __future__ import annotations

import random

from sqlalchemy import select

from console.demo.proxy import extend_demo
from console.proxy.report import figures
from console.proxy.views import project_detail, worklist
from console.proxy.visits import list_visits
from models import Project, ProjectStatus
from tests.factories import actor
from tests.proxy_helpers import extend_hall


def _ctx(db) -> dict:
    return {
        "managers": {"proxy_agent": ["P001", "P002"]},
        "clerks_by_department": {"SCJG": ["C001"], "MZ": ["C002"]},
        "items_by_department": {"SCJG": ["SCJG-001", "SCJG-002"], "MZ": ["MZ-001"], "RS": ["RS-001"],
                                "ZJ": ["ZJ-001"]},
        "admin": actor(db, "A001"),
    }


def test_demo_seeds_the_source_figures(db, hall):
    extend_hall(db)
    ctx = _ctx(db)
    with db.write() as s:
        extend_demo(s, random.Random(2004), ctx)
    assert len(ctx["proxy_projects"]) == 13
    sup = actor(db, "S001")
    with db.read() as s:
        f = figures(s, sup)
        assert f.enterprises == 13 and f.projects == 13
        assert f.as_dict()["total_investment_yuan"] == 228_800_000
        assert f.completed == 10 and f.completed_within_promise == 9
        assert f.average_workdays is not None and 0 < f.average_workdays <= 22
        assert [v.late for v in list_visits(s, sup)].count(True) == 1
        open_rows = worklist(s, sup)
        assert len(open_rows) == 3 and all(r.items_total >= 3 for r in open_rows)
        first = s.scalar(select(Project).where(Project.status == ProjectStatus.completed).order_by(Project.id))
        detail = project_detail(s, sup, first.number)
        steps = [r.action for r in detail.timeline]
        assert steps[0] == "proxy.handoff" and "case.complete" in steps and steps[-1] == "proxy.visit"
        assert detail.ticket_ref == "A001" and detail.completed_date.year == 2008


def test_demo_is_deterministic(db, hall):
    extend_hall(db)
    with db.write() as s:
        extend_demo(s, random.Random(7), _ctx(db))
    with db.read() as s:
        first = [(p.number, p.investment_fen, p.enterprise.uscc) for p in s.scalars(select(Project).order_by(Project.id))]
    from console.demo.proxy import _amounts

    assert [fen for _, fen, _ in first] == [a * 100 for a in _amounts(random.Random(7), 13, 228_800_000)]
    assert sum(fen for _, fen, _ in first) == 22_880_000_000
