"""The supervision screen: yellow and red cases, live, drill into one and decide it."""

from __future__ import annotations

from datetime import datetime

from tests.factories import actor
from tests.tuihelp import log_in, run, settle, texts, until

#: Saturday 11 October 2025, a make-up workday after the National Day holiday
TODAY = datetime(2025, 10, 11, 9, 0)


def accept_case(runner, at: datetime, clerk: str = "C001", code: str = "SCJG-001") -> str:
    """A case accepted at ``at`` by ``clerk`` through ``runner`` (the test's runner, on the App's clock)."""
    from console.cases.intake import Applicant, IntakeForm, accept

    form = IntakeForm(code, Applicant("person", "王五", "11010519491231002X", "13800138000"), (1, 2))
    return runner.run(accept, form, at=at, actor=actor(runner.db, clerk)).number


def test_supervisor_sees_yellow_and_red_cases_live_and_drills_in(hall, db, runner, clock, tmp_path, monkeypatch):
    import screens.cases.supervision
    from tests.test_tui_intake import make_intake_app

    monkeypatch.setattr(screens.cases.supervision, "REFRESH_SECONDS", 0.2)
    yellow = accept_case(runner, datetime(2025, 9, 30, 10))  # due Sat 11 Oct: its last working day
    red = accept_case(runner, datetime(2025, 9, 25, 10))  # due Mon 29 Sep: overdue
    accept_case(runner, datetime(2025, 10, 10, 10))  # due 15 Oct: on time, not listed

    async def scenario():
        app = make_intake_app(db, tmp_path, clock, lang="zh_CN", at=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "S001")
            await pilot.press("o")
            await settle(pilot)
            screen = app.screen
            assert type(screen).__name__ == "SupervisionScreen"
            assert "临期 1 件，超期 1 件" in texts(screen, "#sup-summary")
            table = screen.query_one("#sup-cases")
            assert [str(k.value) for k in table.rows] == [red, yellow]
            first = table.get_row(red)
            assert str(first[0]) == "红牌（超期）" and "red" in str(first[0].style)
            assert str(table.get_row(yellow)[0]) == "黄牌（临期）"
            depts = screen.query_one("#sup-departments")
            assert [str(c) for c in depts.get_row_at(0)] == ["市场监管局", "1", "1"]
            # live: a new overdue case appears without a key press
            late = accept_case(runner, datetime(2025, 9, 24, 10))
            await until(pilot, lambda: late in [str(k.value) for k in table.rows])
            assert late in [str(k.value) for k in table.rows]
            assert "超期 2 件" in texts(screen, "#sup-summary")
            # drill into the first red case and decide it
            table.move_cursor(row=table.get_row_index(red))
            await pilot.press("enter")
            await settle(pilot)
            detail = app.screen
            assert type(detail).__name__ == "CaseDetailScreen" and detail.number == red
            assert "红牌" in texts(detail, "#case-heading")
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("enter", *"JD-2025-1", "enter")
            await settle(pilot)
            assert detail.view.status == "decided" and detail.view.decision_no == "JD-2025-1"
            timeline = texts(detail, "#case-timeline")
            assert "受理" in timeline and "作出决定" in timeline and "JD-2025-1" in timeline

    run(scenario())
