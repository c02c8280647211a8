"""The star board (``hall stars``): layout at 80×24 and on a large screen, from the demo's past."""

import random

import pytest

from console.demo.assess import extend
from console.assess.quarter import StarRow
from screens.assess.stars import FLAG, STAR, render_windows
from tests.assess_helpers import grow_hall
from tests.factories import actor
from tests.tuihelp import until


def test_render_windows_fills_columns_and_marks_flags():
    rows = [StarRow(window=f"{i:02d}", name="", stars=3 - i % 4, quarters=[], red_flag=i < 2) for i in range(30)]
    text = render_windows(rows, 78, 20).plain
    lines = text.splitlines()
    assert len(lines) <= 20 and all(len(line) <= 78 for line in lines)
    assert " 00 ★★★ ⚑" in text and text.count(FLAG) == 2
    assert text.count(STAR) == sum(r.stars for r in rows)
    # a tiny screen still shows every window
    small = render_windows(rows, 40, 8).plain
    assert len(small.splitlines()) <= 8 and all(f"{i:02d}" in small for i in range(30))


@pytest.fixture
def demo(db, hall, runner, clock):
    """The demo's assessment past of 2026, built on the test's clock standing at the demo's day."""
    grow_hall(db)
    clock.set("2026-11-25 10:00:00")
    with runner.transaction(actor(db, "S001"), write=True) as ctx:  # the demo's freezing reads this clock
        extend(ctx, random.Random(3), {"assess_first_year": 2026})
    return db


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
def test_star_board_shows_stars_flags_and_models(demo, clock, size):
    import asyncio

    from screens.apps.boards import StarBoardApp
    from textual.widgets import Static

    async def run():
        app = StarBoardApp(demo, refresh_seconds=0, clock=clock)  # nobody logged in
        async with app.run_test(size=size) as pilot:
            for _ in range(50):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if app.screen.board is not None:
                    break
            await pilot.pause()
            assert app.actor is None and app.last_error is None
            screen = app.screen
            title = str(screen.query_one("#stars-title", Static).render())
            windows = str(screen.query_one("#stars-windows", Static).render())
            models = str(screen.query_one("#stars-models", Static).render())
            return screen.board, title, windows, models

    board, title, windows, models = asyncio.run(run())
    assert board.quarter == "2026Q3" and "2026" in title and "2026Q3" in title
    assert windows.count(FLAG) == 8
    assert windows.count(STAR) == sum(r.stars for r in board.windows) > 0
    assert all(r.window in windows for r in board.windows)
    assert board.business_models[0].name in models and board.discipline_models[0].name in models


@pytest.mark.parametrize("path", ["screens.assess.stars:StarBoardScreen", "screens.assess.rating:RatingScreen",
                                  "screens.apps.boards:BoardApp"])
def test_board_bindings_have_ids_and_translated_texts(path):
    import importlib

    from console.core.i18n import catalog

    module, _, name = path.partition(":")
    cls = getattr(importlib.import_module(module), name)
    assert cls.__doc__
    for binding in cls.__dict__["BINDINGS"]:
        assert binding.id and binding.tooltip in catalog() and binding.description in catalog(), binding


@pytest.mark.parametrize("failure", ["busy", "bug"])
def test_star_board_shows_a_failure_on_its_status_line(db, hall, clock, monkeypatch, failure):
    import asyncio

    from textual.widgets import Static

    import console.assess.quarter as quarter
    from console.core.errors import DatabaseBusy
    from console.core.runner import PUBLIC, use_case
    from screens.apps.boards import StarBoardApp

    @use_case(PUBLIC)
    def failing_board(ctx, year=None):
        raise DatabaseBusy("errors.database_busy") if failure == "busy" else RuntimeError("boom")

    monkeypatch.setattr(quarter, "star_board", failing_board)

    async def run():
        app = StarBoardApp(db, refresh_seconds=0, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            status = lambda: str(app.screen.query_one("#stars-status", Static).render())  # noqa: E731
            await until(pilot, lambda: "could not be loaded" in status()
                        and (failure == "busy" or app.last_error is not None))
            return status(), app.last_error, app.is_running

    status, last_error, running = asyncio.run(run())
    assert "could not be loaded" in status and running
    # a typed error stays on the board; anything else also reaches the App's one handler
    assert (last_error is None) == (failure == "busy")
