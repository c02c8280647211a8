"""The case list (mine / my window / all, status filter) and lifecycle keys on the detail."""

from __future__ import annotations

from datetime import datetime

from tests.test_tui_supervision import accept_case
from tests.tuihelp import log_in, run, settle, texts, until


def test_case_list_scopes_and_suspend_resume_withdraw(hall, db, runner, clock, tmp_path):
    from tests.test_tui_intake import make_intake_app

    mine = accept_case(runner, datetime(2025, 9, 30, 10))
    other = accept_case(runner, datetime(2025, 9, 30, 11), clerk="A001")  # no window

    async def scenario():
        app = make_intake_app(db, tmp_path, clock, at=datetime(2025, 10, 9, 9))
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            await pilot.press("n")
            await settle(pilot)
            screen = app.screen
            rows = lambda: [str(k.value) for k in screen.query_one("#cases-table").rows]  # noqa: E731
            assert rows() == [other, mine]
            await pilot.press("m")
            await settle(pilot)
            assert rows() == [mine]
            assert texts(screen, "#cases-filter").startswith("mine · any status · cases 1–1 of 1")
            await pilot.press("a", "s", "s")  # all, then "under review": none yet
            await settle(pilot)
            assert rows() == []
            await pilot.press("s", "s", "s", "s", "s", "s")  # round to "any status"
            await settle(pilot)
            assert rows() == [other, mine]
            await pilot.press("down", "enter")
            await settle(pilot)
            detail = app.screen
            assert detail.number == mine
            assert "due 2025-10-11" in texts(detail, "#case-info")
            await pilot.press("p")
            await settle(pilot)
            await pilot.press("down", "enter", *"听证会", "enter")  # hearing
            await settle(pilot)
            assert detail.view.status == "suspended"
            assert detail.view.suspensions[0]["reason"] == "hearing"
            # a refused step keeps its dialog open with the reason inline; corrected, it goes through
            await pilot.press("x")
            await settle(pilot)
            dialog = app.screen
            await pilot.press(*"99", "enter", *"王局长", "enter", "enter")  # more than 10 days
            await settle(pilot)
            # said under the days (the use case names the field), the cursor back there
            assert app.screen is dialog and "1 to 10 working days" in texts(dialog, "#e-days")
            assert app.focused is dialog.query_one("#f-days")
            await pilot.press("ctrl+u", *"abc", "ctrl+s")  # not a number at all: refused before submitting
            await settle(pilot)
            assert app.screen is dialog and "1 to 10 working days" in texts(dialog, "#e-days")
            assert dialog.query_one("#f-approved_by").value == "王局长"  # what was typed stays
            await pilot.press("ctrl+u", "2", "ctrl+s")  # no reason told to the applicant yet
            await settle(pilot)
            assert app.screen is dialog and texts(dialog, "#e-days") == ""  # the days are right now
            assert "reason" in texts(dialog, "#e-reason") and app.focused is dialog.query_one("#f-reason")
            await pilot.press(*"需现场核查", "ctrl+s")
            await settle(pilot)
            assert app.screen is detail and detail.view.extension_days == 2
            assert "due 2025-10-14" in texts(detail, "#case-info")  # 9, 10, 11 (Sat, worked), 13, 14 Oct
            await pilot.press("w")
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert detail.view.status == "withdrawn"
            await pilot.press("u")  # nothing to resume any more: the error is shown inline
            # on a busy machine the key's worker may start after the workers were waited for
            await until(pilot, lambda: "withdrawn" in texts(detail, "#case-message"))
            assert "withdrawn" in texts(detail, "#case-message")
            await pilot.press("escape")
            await settle(pilot)
            assert "withdrawn" in str(screen.query_one("#cases-table").get_row(mine))

    run(scenario())
