"""The hall display through a whole simulated day: it keeps turning pages, following calls and quitting.

The display froze after a minute or two on a real hall (pages turning between a full and a
short page piled up window cards without end).  This drives a headless display on the
test's clock (moved by the test, never by waiting) from opening to closing: a call every
simulated minute, spread over fourteen windows (two pages of cards on an 80×24 screen),
the page turned every :data:`screens.queue.display.PAGE_SECONDS` of hall time, the day
closed at the end, and Ctrl+Q.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from console.queue.window import call_next
from tests.queue_fixtures import qhall  # noqa: F401 - fixture
from tests.queue_fixtures import screen_clock as clock  # noqa: F401 - fixture: the data is made on the screens' day
from tests.test_tui_queue import take
from tests.tuihelp import FIXED_NOW, run

#: a hang guard far above the scenario's few seconds (see ``guarded``)
HANG_GUARD_SECONDS = 900

#: the app gets the loop (and paints) every this many simulated minutes: painting 540 frames of
#: an 80×24 screen is most of the test's time, and every minute's state is checked either way
FRAME_EVERY = 3

#: windows 04…14 are added to the test hall's 01…03, all serving 市场监管 (prefix A)
EXTRA_WINDOWS = [f"{n:02d}" for n in range(4, 15)]
OPENING, CLOSING = datetime.combine(FIXED_NOW.date(), datetime.min.time()).replace(hour=8, minute=30), \
    datetime.combine(FIXED_NOW.date(), datetime.min.time()).replace(hour=17, minute=30)


def _more_windows(db, runner, qhall):
    from console.queue.services import link_window
    from models.org import Window

    with db.write() as s:
        dept = qhall["departments"]["SCJG"]
        from models.org import Department

        department = s.get(Department, dept)
        s.add_all([Window(site_id=qhall["center_id"], number=n, name=f"窗口{n}", departments=[department])
                   for n in EXTRA_WINDOWS])
    with runner.transaction(qhall["admin"], write=True) as ctx:
        for n in EXTRA_WINDOWS:
            link_window(ctx, "SCJG", n)


async def until(pilot, condition, *, timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds (bounded; never waits for the endless watch worker)."""
    import time

    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.02)


def _cards(screen):
    return list(screen.query("WindowCard"))


def _visible_cards(screen):
    return [c for c in _cards(screen) if c.display]


def _page_text(screen) -> str:
    return screen.query_one("#display-page").render().plain


def _painted(app) -> str:
    """The screen as the compositor paints it now, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def _shown_number(screen, window: str) -> str | None:
    for card in _visible_cards(screen):
        labels = card.query(".window-label")
        if labels and labels.first().render().plain.split()[:2] == ["Window", window]:
            return card.query_one("BigNumber").text
    return None


def test_display_runs_a_whole_day_turning_pages_following_calls_and_quits(db, runner, clock, qhall):
    from screens.apps.display import DisplayApp
    _more_windows(db, runner, qhall)
    windows = ["01", "03", *EXTRA_WINDOWS]  # the windows serving 市场监管
    clock.set(OPENING)
    take(runner, *["SCJG"] * 40)
    admin = qhall["admin"]

    async def scenario():
        app = DisplayApp(db, lang="en", clock=clock, stars=lambda ctx, site_id: {})
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            await until(pilot, lambda: screen.view is not None and len(_visible_cards(screen)) == 9
                        and _page_text(screen) != "")
            assert _page_text(screen) == "page 1/2"
            most_cards = len(_cards(screen))
            pages_seen = set()
            calls = 0
            last = None
            while clock.now() < CLOSING:
                # a call every simulated minute, at the next window in turn; a page turn each minute
                window = windows[calls % len(windows)]
                if calls % 30 == 29:
                    take(runner, *["SCJG"] * 30)
                last = runner.run(call_next, window, actor=admin).number
                calls += 1
                if calls % 60 == 0:  # every simulated hour: the display shows the call, on its page
                    await until(pilot, lambda w=window, n=last: _shown_number(screen, w) == n)
                    assert _shown_number(screen, window) == last, (clock.now(), window, last)
                    painted = _painted(app)  # what the terminal would show now
                    assert f"{last} → {window}" in painted and f"· {clock.now():%H:%M}" in painted
                clock.advance(minutes=1)
                screen.tick()
                if calls % FRAME_EVERY == 0:  # the TV paints; in between, its state moves on unpainted
                    await pilot.pause(0)
                pages_seen.add(_page_text(screen))
                most_cards = max(most_cards, len(_cards(screen)))
                assert len(_visible_cards(screen)) in (9, 5), _page_text(screen)
            assert calls == 540
            assert pages_seen == {"page 1/2", "page 2/2"}
            assert most_cards <= 14  # cards are reused, never piled up
            # closing: the day's waiting tickets are closed; the display follows
            from console.queue.services import close_day

            runner.run(close_day, actor=admin)
            await until(pilot, lambda: "A 市场监管业务: 0" in screen.query_one("#display-waiting").render().plain)
            assert "A 市场监管业务: 0" in screen.query_one("#display-waiting").render().plain
            assert app.is_running
            await pilot.press("ctrl+q")
            await until(pilot, lambda: not app.is_running, timeout=5)
            assert app.return_code == 0

    async def guarded():
        # a hang guard, not a timing check: a frozen display starves the test's own coroutine
        # (its UI loop busy for ever), so the test would otherwise never end
        try:
            await asyncio.wait_for(scenario(), timeout=HANG_GUARD_SECONDS)
        except TimeoutError:
            raise AssertionError("the display stopped answering (its event loop never came back)") from None

    run(guarded())
