"""The live hall dashboard: opened from home, it follows calls through the change watcher,
and Enter shows a window's queue read-only."""

from __future__ import annotations

from datetime import datetime

from console.queue.tickets import take_ticket
from console.queue.window import call_next
from tests.factories import actor
from tests.queue_fixtures import qhall  # noqa: F401 - fixture
from tests.test_tui_queue import qsettle
from tests.tuihelp import run, texts

NOW = datetime(2026, 3, 2, 9, 30)


async def until(pilot, condition, rounds: int = 200) -> None:
    """Let the app run until ``condition()`` holds (bounded), never waiting for the endless watcher."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.05)
        await qsettle(pilot, rounds=1)


def _cells(table, key):
    return [str(c) for c in table.get_row(key)]


def test_the_dashboard_follows_the_hall_live(db, qhall, runner, clock, tmp_path):
    from tests.test_tui_intake import make_intake_app

    app = make_intake_app(db, tmp_path, clock, at=NOW)
    for _ in range(3):
        runner.run(take_ticket, "SCJG")

    async def scenario():
        async with app.run_test(size=(80, 24)) as pilot:
            app.logged_in(actor(db, "S001"), None)
            await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
            await pilot.press("h")
            await until(pilot, lambda: getattr(app.screen, "status", None) is not None)
            screen = app.screen
            assert type(screen).__name__ == "StatusScreen"
            windows = screen.query_one("#status-windows")
            assert _cells(windows, "01")[1] == "open"
            assert "Waiting 3 · served 0" in texts(screen, "#status-summary")
            # a clerk calls: the dashboard shows it without a key press
            runner.run(call_next, actor=qhall["c001"])
            await until(pilot, lambda: _cells(windows, "01")[1] == "serving")
            assert _cells(windows, "01")[:3] == ["01", "serving", "A001"]
            assert "Waiting 2" in texts(screen, "#status-summary")
            # Enter on window 03: what waits for it, read-only
            windows.move_cursor(row=windows.get_row_index("03"))
            await pilot.press("enter")
            await until(pilot, lambda: type(app.screen).__name__ == "WindowQueueDialog")
            dialog = app.screen
            table = dialog.query_one("#window-queue")
            assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["A002", "A003"]
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is screen)
            assert app.screen is screen

    run(scenario())


def test_a_clerk_is_not_offered_the_dashboard(db, qhall):
    from screens.shell.registry import entries_for

    assert "status" not in [e.id for e in entries_for(actor(db, "C001").role)]
    assert "status" in [e.id for e in entries_for(actor(db, "S001").role)]
