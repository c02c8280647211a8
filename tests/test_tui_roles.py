"""What each role may do on the screens: the window queue without a window, revealing personal
data, the staff screen's administration, closing the kiosk, leaving a changed dialog."""

from __future__ import annotations

import dataclasses

from console.core.i18n import set_language, t
from tests.tuihelp import log_in, make_app, run, settle


def _screen_name(app) -> str:
    return type(app.screen).__name__


def test_q_on_home_for_an_administrator_says_to_log_in_as_the_windows_clerk(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "A001")
            assert app.actor.window_id is None
            await pilot.press("q")
            await settle(pilot)
            assert _screen_name(app) == "HomeScreen"  # the window screen is not opened
            assert app.last_error == t("roles.no_window_admin")
            assert "工号登录" in app.last_error and "管理员" not in app.last_error

    run(scenario())


def test_q_on_home_for_a_clerk_without_a_window_says_to_ask_an_administrator(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            app.actor = dataclasses.replace(app.actor, window_id=None)  # e.g. the window taken away today
            await pilot.press("q")
            await settle(pilot)
            assert _screen_name(app) == "HomeScreen"
            assert app.last_error == t("roles.no_window_staff")
            assert "administrator" in app.last_error

    run(scenario())


def test_q_on_home_for_a_clerk_at_a_window_opens_the_queue(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            await pilot.press("q")
            await settle(pilot)
            assert _screen_name(app) == "QueueWindowScreen"
            assert app.last_error is None

    run(scenario())


def test_the_palette_refuses_the_window_queue_the_same_way(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "A001")
            assert app.open_entry("queue") is False
            assert _screen_name(app) == "HomeScreen"
            assert app.last_error == t("roles.no_window_admin")
            set_language("en")

    run(scenario())
