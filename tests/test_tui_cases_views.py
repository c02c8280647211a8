"""The use cases behind the case screens (:mod:`console.cases.views`, the case list), without a terminal."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.core.errors import Invalid
from tests.factories import actor
from tests.test_tui_supervision import accept_case


def test_acceptable_items_follow_the_windows_departments(db, hall, runner):
    from console.cases.views import acceptable_items

    def codes(employee_no: str, query: str) -> list[str]:
        return [r.code for r in runner.run(acceptable_items, query, actor=actor(db, employee_no))]

    assert codes("C001", "") == ["SCJG-001", "SCJG-002"]
    # the comprehensive window serves 民政局 and 人社局
    assert codes("C002", "") == ["MZ-001", "RS-001"]
    assert codes("C002", "ldht") == ["RS-001"]
    assert codes("C001", "ldht") == []


def test_case_list_scopes_timeline_and_export(db, hall, runner, tmp_path):
    from console.cases.access import list_cases
    from console.cases.lifecycle import start_review
    from console.cases.views import case_timeline, export_document

    mine = accept_case(runner, datetime(2025, 9, 30, 10))
    other = accept_case(runner, datetime(2025, 9, 30, 11), clerk="A001")
    clerk = actor(db, "C001")
    runner.run(start_review, mine, actor=clerk)
    with runner.transaction(clerk) as ctx:
        assert [c.number for c in list_cases(ctx, scope="mine")] == [mine]
        assert [c.number for c in list_cases(ctx, scope="window")] == [mine]
        assert [c.number for c in list_cases(ctx)] == [other, mine]
        assert [c.number for c in list_cases(ctx, status="under_review")] == [mine]
        with pytest.raises(Invalid):
            list_cases(ctx, scope="everything")
        assert [e.action for e in case_timeline(ctx, mine)] == ["case.accept", "case.review"]
    assert [c.number for c in runner.run(list_cases, actor=actor(db, "C002"))] == []  # another department's cases
    path = runner.run(export_document, "receipt", mine, "html", str(tmp_path / "r.html"), actor=clerk)
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert path.endswith("r.html") and mine in text and "2025-10-11" in text
    with pytest.raises(Invalid) as info:
        runner.run(export_document, "receipt", mine, "text", str(tmp_path / "missing" / "r.txt"), actor=clerk)
    assert info.value.field == "path"


def test_the_intake_knows_the_ticket_its_window_serves(db, hall, runner):
    from console.cases.views import serving_ticket
    from console.queue.tickets import take_ticket
    from console.queue.window import call_next
    from tests.queue_fixtures import make_services

    people = make_services(db)
    assert runner.run(serving_ticket, actor=people["c001"]) is None
    with runner.transaction(people["admin"], write=True) as ctx:  # the queue's own services
        number = take_ticket(ctx, "SCJG").number
    runner.run(call_next, actor=people["c001"])
    assert runner.run(serving_ticket, actor=people["c001"]).number == number
    assert runner.run(serving_ticket, actor=people["c002"]) is None
    assert runner.run(serving_ticket, actor=people["admin"]) is None  # no window
