"""The hall display (``hall display``): a call made on another terminal shows once the watch notices it."""

from __future__ import annotations

from console.queue.window import call_next, recall
from tests.queue_fixtures import qhall  # noqa: F401 - fixture
from tests.queue_fixtures import screen_clock as clock  # noqa: F401 - fixture: the data is made on the screens' day
from tests.test_tui_queue import qsettle, take
from tests.tuihelp import run


async def _until(pilot, condition, rounds: int = 100) -> None:
    """Let the app run until ``condition()`` holds (bounded; the test then asserts on content)."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.05)
        await qsettle(pilot, rounds=1)


def _find_card(screen, number):
    """The card of window ``number`` once it is drawn (a card mounted this instant has no label yet), else None."""
    for card in screen.query("WindowCard"):
        labels = card.query(".window-label")
        if labels and labels.first().render().plain.startswith(f"{number} 号窗口"):
            return card
    return None


def _card(screen, number):
    card = _find_card(screen, number)
    if card is None:
        raise AssertionError(number)
    return card


def _shows(screen, window, number) -> bool:
    """Whether the drawn card of ``window`` shows ``number`` (False while it is being drawn)."""
    card = _find_card(screen, window)
    numbers = card.query("BigNumber") if card is not None else []
    return bool(numbers) and numbers.first().text == number


def test_display_follows_calls_from_another_terminal_with_stars_in_chinese(db, runner, clock, qhall):
    from screens.apps.display import DisplayApp

    take(runner, "SCJG", "SCJG", "MZ")

    async def scenario():
        app = DisplayApp(db, lang="zh_CN", clock=clock, stars=lambda ctx, site_id: {"01": 2})
        async with app.run_test(size=(80, 24)) as pilot:
            await _until(pilot, lambda: app.screen.view is not None and _find_card(app.screen, "01") is not None)
            screen = app.screen
            assert screen.query_one("#display-title").render().plain == "登封市行政服务中心 · 叫号 · 09:30"
            assert screen.query_one("#display-calls").render().plain == "尚未叫号"
            assert "A 市场监管业务：2" in screen.query_one("#display-waiting").render().plain
            card = _card(screen, "01")
            assert card.query_one("BigNumber").text == ""
            assert card.query_one(".window-stars").render().plain == "★★"

            runner.run(call_next, actor=qhall["c001"])  # another terminal: clerk C001 calls at window 01
            await _until(pilot, lambda: _shows(screen, "01", "A001"))
            assert _card(screen, "01").query_one("BigNumber").text == "A001"
            assert screen.query_one("#display-calls").render().plain.startswith("A001 → 01号")
            assert "A 市场监管业务：1" in screen.query_one("#display-waiting").render().plain
            assert _card(screen, "01").has_class("-flash")

            runner.run(recall, actor=qhall["c001"])
            runner.run(call_next, actor=qhall["c002"])
            await _until(pilot, lambda: _shows(screen, "02", "B001"))
            calls = screen.query_one("#display-calls").render().plain.splitlines()
            assert calls[0].startswith("B001 → 02号")
            assert calls[1].startswith("A001 → 01号") and calls[1].endswith(" 重呼")

    run(scenario())
