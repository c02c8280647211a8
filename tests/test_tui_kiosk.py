"""The ticket kiosk (``hall kiosk``): a ticket with the keyboard alone, no log-in."""

from __future__ import annotations

from tests.queue_fixtures import qhall  # noqa: F401 - fixture
from tests.queue_fixtures import screen_clock as clock  # noqa: F401 - fixture: the data is made on the screens' day
from tests.test_tui_queue import qsettle, ticket
from tests.tuihelp import run


def test_kiosk_issues_tickets_by_letter_and_by_arrows_with_a_priority_key(db, runner, clock, qhall):
    from screens.apps.kiosk import KioskApp

    async def scenario():
        app = KioskApp(db, lang="zh_CN", return_after=600, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await qsettle(pilot)
            screen = app.screen
            assert [m.key for m in screen.menu] == ["a", "b", "c"]
            await pilot.press("2")  # 残疾人 priority
            assert screen.query_one("#kiosk-priority").render().plain == "取号类别：残疾人"
            await pilot.press("b")
            await qsettle(pilot)
            assert screen.showing_ticket
            assert (screen.ticket.number, screen.ticket.priority, screen.ticket.ahead) == ("B001", "disabled", 0)
            assert screen.query_one("#kiosk-number").text == "B001"
            assert screen.query_one("#kiosk-summary").render().plain == "B001：您前面还有 0 人，预计等候约 0 分钟"
            await pilot.press("space")  # any key: back to the choice, priority back to ordinary
            await qsettle(pilot)
            assert not screen.showing_ticket
            assert screen.query_one("#kiosk-priority").render().plain == "取号类别：普通"
            await pilot.press("down", "enter")  # B again, by arrows
            await qsettle(pilot)
            assert (screen.ticket.number, screen.ticket.ahead, screen.ticket.priority) == ("B002", 1, "none")
            assert screen.query_one("#kiosk-ahead").text == "1"

    run(scenario())
    assert ticket(runner, "B001").priority == "disabled"
    assert ticket(runner, "B002").status == "waiting"
