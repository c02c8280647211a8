"""The console's log-in, home and log-out, driven with the keyboard alone."""

from __future__ import annotations

from console.core.i18n import t
from tests.tuihelp import log_in, make_app, run, settle, texts


def _screen_name(app) -> str:
    return type(app.screen).__name__


def test_login_screen_is_first_and_focuses_the_employee_number(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert _screen_name(app) == "LoginScreen"
            assert app.focused.id == "employee-no"
            assert app.query_one("#pin").password is True

    run(scenario())


def test_clerk_logs_in_and_home_lists_only_what_a_clerk_may_open(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            assert _screen_name(app) == "HomeScreen"
            assert app.actor.employee_no == "C001"
            assert [e.id for e in app.screen.entries] == ["catalog", "intake", "cases", "queue"]
            header = texts(app.screen, "HallHeader Static")
            assert "张窗口 (clerk)" in header
            assert "登封市行政服务中心" in header and "window 01" in header
            assert "2026-03-02 09:30" in header

    run(scenario())


def test_admin_logs_in_and_sees_catalog_and_staff(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "A001")
            assert _screen_name(app) == "HomeScreen"
            assert [e.id for e in app.screen.entries] == ["catalog", "staff", "proxy", "intake", "cases", "supervision", "assess",
                                                         "queue", "status", "reports"]
            await pilot.press("s")
            await settle(pilot)
            assert _screen_name(app) == "StaffScreen"
            assert app.screen.query_one("#staff-table").row_count == 5

    run(scenario())


def test_proxy_agent_home_has_the_catalog_only(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "P001")
            assert [e.id for e in app.screen.entries] == ["catalog", "proxy", "intake", "cases"]
            await pilot.press("s")  # not the clerk's: nothing happens
            await settle(pilot)
            assert _screen_name(app) == "HomeScreen"

    run(scenario())


def test_wrong_pin_shows_one_message_and_the_fifth_locks(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "NOBODY", "123456")
            error = app.screen.query_one("#login-error")
            unknown_message = texts(app.screen, "#login-error")
            assert unknown_message == t("errors.login_failed")
            await pilot.press("escape")
            for attempt in range(1, 5):
                await log_in(pilot, "C001" if attempt == 1 else "", "654321")
                assert _screen_name(app) == "LoginScreen"
                # the same words for an unknown number and a wrong PIN
                assert texts(app.screen, "#login-error") == unknown_message
                assert app.screen.query_one("#pin").value == ""
                assert app.focused.id == "pin"
            await log_in(pilot, "", "654321")
            assert texts(app.screen, "#login-error") == unknown_message  # locked: still the same words
            assert error.has_class("-error")
            # even the right PIN does not open a locked account
            await log_in(pilot, "", "123456")
            assert _screen_name(app) == "LoginScreen"
            assert texts(app.screen, "#login-error") == unknown_message
            assert app.actor is None

    run(scenario())


def test_empty_form_asks_for_both_fields(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            assert texts(app.screen, "#login-error") == t("ui.login.missing")
            assert app.focused.id == "employee-no"

    run(scenario())


def test_log_out_returns_to_an_empty_log_in_screen(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "A001")
            await pilot.press("c")
            await settle(pilot)
            assert _screen_name(app) == "CatalogScreen"
            await pilot.press("f10")
            await settle(pilot)
            assert _screen_name(app) == "LoginScreen"
            assert len(app.screen_stack) == 1
            assert app.actor is None
            assert app.screen.query_one("#employee-no").value == ""
            assert "管理员" not in texts(app.screen, "HallHeader Static")
            await log_in(pilot, "C001")
            assert app.actor.employee_no == "C001"

    run(scenario())


def test_login_in_chinese(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            assert "工号" in texts(app.screen, "Label")
            await log_in(pilot, "C001", "000000")
            assert texts(app.screen, "#login-error") == "工号或密码不正确，或账号已锁定"
            await pilot.press("escape")
            await log_in(pilot, "C001")
            assert _screen_name(app) == "HomeScreen"
            assert "张窗口（窗口人员）" in texts(app.screen, "HallHeader Static")
            assert "01号窗口" in texts(app.screen, "HallHeader Static")

    run(scenario())


async def type_ahead(pilot, keys: str) -> None:
    """Queue every key at once, as a fast typist or a scanner does (no waiting between keys)."""
    from textual import events

    for ch in keys:
        key = "enter" if ch == "\n" else ch
        pilot.app.post_message(events.Key(key, None if ch == "\n" else ch))
    await settle(pilot)


def test_typing_ahead_of_the_focus_change_logs_in(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await type_ahead(pilot, "C001\n123456\n")
            assert _screen_name(app) == "HomeScreen"
            assert app.actor.employee_no == "C001"

    run(scenario())


def test_typing_ahead_of_the_search_opens_the_right_item(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            await pilot.press("c")
            await settle(pilot)
            await type_ahead(pilot, "gsdj\n")
            assert _screen_name(app) == "ItemDetailScreen"
            assert app.screen.code == "SCJG-001"

    run(scenario())


def test_typing_ahead_from_home_into_the_catalog(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C002")
            await type_ahead(pilot, "cgsdj\n")
            assert _screen_name(app) == "ItemDetailScreen"
            assert app.screen.code == "SCJG-001"

    run(scenario())


def test_typing_ahead_into_the_staff_filter(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "S001")
            await type_ahead(pilot, "szck")
            assert _screen_name(app) == "StaffScreen"
            assert app.screen.query_one("#staff-filter").value == "zck"
            table = app.screen.query_one("#staff-table")
            assert [str(k.value) for k in table.rows] == ["C001"]

    run(scenario())


def test_typing_ahead_at_start_up_reaches_the_employee_number(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            app.screen.set_focus(None)
            await pilot.press("C")
            assert app.screen.query_one("#employee-no").value == "C"

    run(scenario())


async def burst(pilot, *keys: str) -> None:
    """Queue ``keys`` on the App at once, right away (a multiplexer's ``send-keys`` in one burst)."""
    from tests.tuihelp import burst as send_burst

    send_burst(pilot.app, keys)
    await settle(pilot)


def test_a_burst_with_tab_right_after_start_logs_in(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await burst(pilot, *"C001", "tab", *"123456", "enter")
            assert _screen_name(app) == "HomeScreen"
            assert app.actor.employee_no == "C001"

    run(scenario())


def test_a_burst_with_tab_once_the_screen_is_focused_logs_in(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.focused.id == "employee-no"
            await burst(pilot, *"C001", "tab", *"123456", "enter")
            assert _screen_name(app) == "HomeScreen"
            assert app.actor.employee_no == "C001"

    run(scenario())


def test_a_burst_before_anything_has_focus_logs_in(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.screen.set_focus(None)
            await burst(pilot, *"C001", "tab", *"123456", "enter")
            assert _screen_name(app) == "HomeScreen"
            assert app.actor.employee_no == "C001"

    run(scenario())


def test_tab_and_shift_tab_by_hand_still_move_between_the_fields(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press(*"C001", "tab")
            assert app.focused.id == "pin"
            await pilot.press("shift+tab")
            assert app.focused.id == "employee-no"
            await pilot.press("tab", *"123456")
            assert app.screen.query_one("#employee-no").value == "C001"
            assert app.screen.query_one("#pin").value == "123456"

    run(scenario())


def test_enter_typed_while_the_terminal_starts_arrives_as_a_newline_and_still_logs_in(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await burst(pilot, *"C001", "tab", *"123456", "ctrl+j")
            assert _screen_name(app) == "HomeScreen"
            assert app.actor.employee_no == "C001"

    run(scenario())


def test_a_console_log_in_is_audited_once_and_a_refused_one_as_before(hall, db, tmp_path):
    import json

    from sqlalchemy import select

    from models import AuditEvent

    def trail():
        with db.read() as s:
            return [(e.action, e.actor_no, e.entity_id, json.loads(e.summary))
                    for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]

    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001", "654321")
            assert [e[0] for e in trail()] == ["auth.failed"]
            await pilot.press("escape")
            await log_in(pilot, "C001")
            assert _screen_name(app) == "HomeScreen"
            assert trail()[1:] == [("auth.logged_in", "C001", "C001", {"via": "console"})]
            await pilot.press("f10")
            await settle(pilot)
            await log_in(pilot, "S001")
            assert [e[:2] for e in trail()[2:]] == [("auth.logged_in", "S001")]

    run(scenario())


def test_home_composed_while_the_pin_is_typed_is_filled_for_whoever_logs_in(hall, db, tmp_path):
    """The log-in screen composes home off the stack while it waits; the log-in fills that one in
    (welcome, the role's entries, the header) and the next log-out prepares another."""
    from textual.widgets import OptionList

    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.3)
            prepared = app._prepared_home
            assert prepared is not None and prepared.is_mounted and prepared not in app.screen_stack
            await log_in(pilot, "C001")
            assert app.screen is prepared and app._prepared_home is None
            assert "张窗口" in texts(app.screen, "#home-welcome")
            assert [e.id for e in app.screen.entries] == ["catalog", "intake", "cases", "queue"]
            options = app.screen.query_one("#home-list", OptionList)
            assert options.option_count == 4 and options.highlighted == 0 and app.focused is options
            assert not app.screen.query_one("#home-empty").display
            assert "window 01" in texts(app.screen, "HallHeader Static")
            await pilot.press("f10")
            await settle(pilot)
            await pilot.pause(0.3)
            again = app._prepared_home
            assert again is not None and again is not prepared and again.is_mounted
            await log_in(pilot, "A001")
            assert app.screen is again
            assert [e.id for e in app.screen.entries][:2] == ["catalog", "staff"]
            assert app.screen.query_one("#home-list", OptionList).option_count == 10
            await pilot.press("s")
            await settle(pilot)
            assert _screen_name(app) == "StaffScreen"

    run(scenario())
