"""The read services behind the case screens (:mod:`console.cases.views`), without a terminal."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.core.errors import Invalid
from tests.factories import actor
from tests.test_tui_supervision import accept_case


def test_acceptable_items_follow_the_windows_departments(db, hall):
    from console.cases.views import acceptable_items

    with db.read() as s:
        assert [r.code for r in acceptable_items(s, actor(db, "C001"), "")] == ["SCJG-001", "SCJG-002"]
        # the comprehensive window serves 民政局 and 人社局
        assert [r.code for r in acceptable_items(s, actor(db, "C002"), "")] == ["MZ-001", "RS-001"]
        assert [r.code for r in acceptable_items(s, actor(db, "C002"), "ldht")] == ["RS-001"]
        assert [r.code for r in acceptable_items(s, actor(db, "C001"), "ldht")] == []


def test_case_list_scopes_timeline_and_export(db, hall, tmp_path):
    from console.cases.lifecycle import start_review
    from console.cases.views import case_list, case_timeline, export_document

    mine = accept_case(db, datetime(2025, 9, 30, 10))
    other = accept_case(db, datetime(2025, 9, 30, 11), clerk="A001")
    clerk = actor(db, "C001")
    with db.write() as s:
        start_review(s, clerk, mine)
    with db.read() as s:
        assert [c.number for c in case_list(s, clerk, scope="mine")] == [mine]
        assert [c.number for c in case_list(s, clerk, scope="window")] == [mine]
        assert [c.number for c in case_list(s, clerk)] == [other, mine]
        assert [c.number for c in case_list(s, clerk, status="under_review")] == [mine]
        assert [c.number for c in case_list(s, actor(db, "C002"))] == []  # another department's cases
        with pytest.raises(Invalid):
            case_list(s, clerk, scope="everything")
        assert [e.action for e in case_timeline(s, clerk, mine)] == ["case.accept", "case.review"]
    with db.write() as s:
        path = export_document(s, clerk, "receipt", mine, "html", str(tmp_path / "r.html"))
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert path.endswith("r.html") and mine in text and "2025-10-11" in text
    with db.write() as s, pytest.raises(Invalid) as info:
        export_document(s, clerk, "receipt", mine, "text", str(tmp_path / "missing" / "r.txt"))
    assert info.value.field == "path"


def test_the_intake_knows_the_ticket_its_window_serves(db, hall):
    from console.cases.views import serving_ticket
    from console.queue.tickets import take_ticket
    from console.queue.window import call_next
    from tests.queue_fixtures import make_services

    people = make_services(db)
    with db.read() as s:
        assert serving_ticket(s, people["c001"]) is None
    with db.write() as s:
        number = take_ticket(s, people["admin"], "SCJG").number
        call_next(s, people["c001"])
    with db.read() as s:
        assert serving_ticket(s, people["c001"]).number == number
        assert serving_ticket(s, people["c002"]) is None
        assert serving_ticket(s, people["admin"]) is None  # no window
