"""The console keeps its long-lived objects out of full garbage collections (screens/apps/memory.py):
frozen once after start-up and once per kind of screen, never again for a screen seen before."""

from __future__ import annotations

import gc

from tests.tuihelp import log_in, make_app, run, settle, until


def test_the_console_freezes_its_start_up_objects_once_per_kind_of_screen(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        app.FREEZE_AFTER = 0.05  # the suite turns freezing off (tests/conftest.py); this App does it
        gc.unfreeze()
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.freezes >= 1)
                assert gc.get_freeze_count() > 50_000  # Textual, Rich and the console's own objects
                await log_in(pilot, "C001")
                await settle(pilot)
                await until(pilot, lambda: app.freezes >= 2)
                await pilot.pause(0.2)
                assert app.freezes == 2  # once started (the log-in screen is the first), once for home
                after_home = app.freezes
                for _ in range(2):
                    await pilot.press("c")  # the catalog
                    await settle(pilot)
                    assert type(app.screen).__name__ == "CatalogScreen"
                    await pilot.pause(0.2)
                    await pilot.press("escape")
                    await settle(pilot)
                assert app.freezes == after_home + 1  # the catalog's first showing only
                frozen = gc.get_freeze_count()
                for _ in range(3):
                    await pilot.press("c")
                    await settle(pilot)
                    await pilot.pause(0.1)
                    await pilot.press("escape")
                    await settle(pilot)
                assert app.freezes == after_home + 1
                assert gc.get_freeze_count() <= frozen  # screens seen before add nothing (freed ones leave)
        finally:
            gc.unfreeze()

    run(scenario())
