"""The hall display (``hall display``): a call made on another terminal shows once the watch notices it."""

from __future__ import annotations

from console.queue.window import call_next, recall
from tests.queue_fixtures import qhall  # noqa: F401 - fixture
from tests.test_tui_queue import qsettle, take
from console.core.clock import FixedClock
from tests.tuihelp import FIXED_NOW, run


async def _until(pilot, condition, rounds: int = 100) -> None:
    """Let the app run until ``condition()`` holds (bounded; the test then asserts on content)."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.05)
        await qsettle(pilot, rounds=1)


def _card(screen, number):
    for card in screen.query("WindowCard"):
        if card.query_one(".window-label").render().plain.startswith(f"{number} 号窗口"):
            return card
    raise AssertionError(number)


def test_display_follows_calls_from_another_terminal_with_stars_in_chinese(db, qhall):
    from screens.apps.display import DisplayApp

    take(db, "SCJG", "SCJG", "MZ")

    async def scenario():
        app = DisplayApp(db, lang="zh_CN", clock=FixedClock(FIXED_NOW), stars=lambda session, site_id: {"01": 2})
        async with app.run_test(size=(80, 24)) as pilot:
            await _until(pilot, lambda: app.screen.view is not None and app.screen.query("WindowCard"))
            screen = app.screen
            assert screen.query_one("#display-title").render().plain == "登封市行政服务中心 · 叫号 · 09:30"
            assert screen.query_one("#display-calls").render().plain == "尚未叫号"
            assert "A 市场监管业务：2" in screen.query_one("#display-waiting").render().plain
            card = _card(screen, "01")
            assert card.query_one("BigNumber").text == ""
            assert card.query_one(".window-stars").render().plain == "★★"

            with db.write() as s:  # another terminal: clerk C001 calls at window 01
                call_next(s, qhall["c001"])
            await _until(pilot, lambda: _card(screen, "01").query_one("BigNumber").text == "A001")
            assert _card(screen, "01").query_one("BigNumber").text == "A001"
            assert screen.query_one("#display-calls").render().plain.startswith("A001 → 01号")
            assert "A 市场监管业务：1" in screen.query_one("#display-waiting").render().plain
            assert _card(screen, "01").has_class("-flash")

            with db.write() as s:
                recall(s, qhall["c001"])
                call_next(s, qhall["c002"])
            await _until(pilot, lambda: _card(screen, "02").query_one("BigNumber").text == "B001")
            calls = screen.query_one("#display-calls").render().plain.splitlines()
            assert calls[0].startswith("B001 → 02号")
            assert calls[1].startswith("A001 → 01号") and calls[1].endswith(" 重呼")

    run(scenario())
