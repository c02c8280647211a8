"""The supervisor's assessment screen: a month's scores from home (a), the breakdown, freezing with
confirmation, the quarter's evaluation confirmed from the console."""

from __future__ import annotations

from datetime import datetime

from tests.assess_helpers import ensure_rules, freeze
from tests.factories import actor
from tests.tuihelp import log_in, run, settle, texts


def test_supervisor_freezes_a_month_and_confirms_the_quarter(hall, db, runner, clock, tmp_path):
    from console.assess.months import month_scores
    from console.assess.quarter import evaluate_quarter
    from tests.test_tui_intake import make_intake_app

    ensure_rules(db)
    clock.set(datetime(2025, 10, 2, 10))
    freeze(runner, "2025-07", "2025-08")

    async def scenario():
        app = make_intake_app(db, tmp_path, clock, lang="zh_CN", at=datetime(2025, 10, 2, 10))
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "S001")
            await pilot.press("a")
            await settle(pilot)
            screen = app.screen
            assert type(screen).__name__ == "AssessmentScreen"
            assert texts(screen, "#assess-head").startswith("2025-09 · 草稿（未冻结） · 窗口")
            table = screen.query_one("#assess-table")
            assert table.row_count == len(screen.result.windows) > 0
            await pilot.press("enter")  # the first window's breakdown
            await settle(pilot)
            assert type(app.screen).__name__ == "TextDialog"
            assert "总分" in texts(app.screen, "#text-body")
            await pilot.press("escape")
            await pilot.press("z")
            await settle(pilot)
            assert app.screen.question == "冻结 2025-09 的评分？冻结后不再变动。"
            await pilot.press("n")  # no: nothing frozen
            await settle(pilot)
            assert runner.run(month_scores, "2025-09", actor=actor(db, "S001")).status == "draft"
            await pilot.press("z")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert screen.last_message == "2025-09 已冻结。"
            assert runner.run(month_scores, "2025-09", actor=actor(db, "S001")).status == "frozen"
            await pilot.press("z")  # frozen already: said at once, no question
            await settle(pilot)
            assert app.screen is screen and screen.last_message == "2025-09 已定稿，考核分数不能再改动"
            await pilot.press("]", "z")  # October is still running on 2 October: said before asking
            await settle(pilot)
            assert app.screen is screen and screen.last_message == "2025-10 尚未结束，请在月末之后定稿"
            await pilot.press("[")
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            dialog = app.screen
            assert type(dialog).__name__ == "TextDialog" and "流动红旗" in texts(dialog, "#text-body")
            await pilot.press("c")
            await settle(pilot)
            assert app.screen.question.startswith("记录 2025Q3 的评比结果？")
            await pilot.press("y")
            await settle(pilot)
            assert screen.last_message == "2025Q3 已确认，已挂星。"

    run(scenario())
    assert runner.run(evaluate_quarter, "2025Q3", actor=actor(db, "S001")).confirmed


def test_clerks_have_no_assessment_screen():
    from models.org import Role
    from screens.shell.registry import entries_for

    assert "assess" not in [e.id for e in entries_for(Role.clerk)]
    assert "assess" in [e.id for e in entries_for(Role.supervisor)]
