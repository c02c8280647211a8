"""What each role may do on the screens: the window queue without a window, revealing personal
data, the staff screen's administration, closing the kiosk, leaving a changed dialog."""

from __future__ import annotations

import dataclasses

from console.core.i18n import set_language, t
from tests import factories
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


# -- the staff screen: an administrator's keys ---------------------------------------------------


def _staff_state(db, employee_no):
    from sqlalchemy import select

    from models import Staff

    with db.read() as session:
        staff = session.scalar(select(Staff).where(Staff.employee_no == employee_no))
        return staff.locked, staff.active, staff.failed_attempts, staff.pin_hash


async def _staff_screen(pilot, employee_no: str, who: str = "A001"):
    await log_in(pilot, who)
    await pilot.press("s")
    await settle(pilot)
    await pilot.press(*employee_no)
    await settle(pilot)
    assert _screen_name(pilot.app) == "StaffScreen"
    return pilot.app.screen


def _audit_actions(db, target: str) -> list[str]:
    from sqlalchemy import select

    from models import AuditEvent

    with db.read() as session:
        return [a for a, in session.execute(select(AuditEvent.action).where(AuditEvent.entity_id == target)
                                            .order_by(AuditEvent.id))]


def test_administrator_locks_and_unlocks_the_highlighted_account(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _staff_screen(pilot, "C002")
            await pilot.press("f3")
            await settle(pilot)
            assert _staff_state(db, "C002")[0] is True
            assert t("ui.staff.locked") in str(screen.query_one("#staff-table").get_row("C002"))
            await pilot.press("f2")
            await settle(pilot)
            assert _staff_state(db, "C002")[0] is False
            assert _audit_actions(db, "C002")[-2:] == ["staff.locked", "staff.unlocked"]

    run(scenario())


def test_administrator_gives_a_new_pin_typed_twice_and_the_old_one_stops_working(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await _staff_screen(pilot, "C002")
            before = _staff_state(db, "C002")[3]
            await pilot.press("f4")
            await settle(pilot)
            assert _screen_name(app) == "FormDialog"
            assert app.screen.query_one("#f-pin").password is True
            await pilot.press(*"135792", "enter", *"135790", "enter")  # the two differ
            await settle(pilot)
            assert _screen_name(app) == "FormDialog"
            assert t("staff.pin_mismatch") in str(app.screen.query_one("#e-again").render())
            assert _staff_state(db, "C002")[3] == before
            app.screen.query_one("#f-again").value = ""
            app.screen.query_one("#f-again").focus()
            await pilot.press(*"135792", "enter")
            await settle(pilot)
            assert _screen_name(app) == "StaffScreen"
            assert _staff_state(db, "C002")[3] != before
            assert _audit_actions(db, "C002")[-1] == "staff.pin_reset"

        from console.core.auth import log_in as check
        from console.core.runner import Runner
        runner = Runner(db)
        assert runner.run(check, "C002", "135792").actor is not None
        assert runner.run(check, "C002", "123456").error is not None

    run(scenario())


def test_a_trivial_new_pin_is_refused_in_the_dialog(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await _staff_screen(pilot, "C002")
            await pilot.press("f4")
            await settle(pilot)
            await pilot.press(*"111111", "enter")  # said as the field is left, before the second
            await settle(pilot)
            assert t("trust.pin_trivial") in str(app.screen.query_one("#e-pin").render())
            assert app.focused.id == "f-again"
            await pilot.press(*"111111", "enter")
            await settle(pilot)
            assert _screen_name(app) == "FormDialog"
            assert t("trust.pin_trivial") in str(app.screen.query_one("#e-pin").render())
            app.screen.query_one("#f-pin").value = "12"  # too short: the shape rule, as typed in the field
            app.screen.query_one("#f-pin").focus()
            await pilot.press("tab")
            await settle(pilot)
            assert t("errors.pin_shape") in str(app.screen.query_one("#e-pin").render())
            await pilot.press("escape")
            await settle(pilot)
            assert _screen_name(app) == "StaffScreen"

    run(scenario())


def test_deactivating_asks_first_and_no_keeps_the_account(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _staff_screen(pilot, "C002")
            await pilot.press("f8")
            await settle(pilot)
            assert _screen_name(app) == "ConfirmDialog"
            assert "C002" in str(app.screen.query_one("#confirm-question").render())
            await pilot.press("n")
            await settle(pilot)
            assert _staff_state(db, "C002")[1] is True
            await pilot.press("f8")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            assert _screen_name(app) == "StaffScreen"
            assert _staff_state(db, "C002")[1] is False
            assert "C002" not in [str(k.value) for k in screen.query_one("#staff-table").rows]
            assert _audit_actions(db, "C002")[-1] == "staff.deactivated"

    run(scenario())


def test_a_supervisor_sees_the_staff_list_without_the_administrators_keys(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await _staff_screen(pilot, "C002", who="S001")
            shown = {b.binding.action for b in app.active_bindings.values()}
            assert not shown & {"unlock", "lock", "reset_pin", "deactivate"}
            await pilot.press("f3")
            await settle(pilot)
            assert _staff_state(db, "C002")[0] is False

    run(scenario())


def test_the_administrators_keys_are_in_the_footer_and_the_keys_panel(hall, db, tmp_path):
    async def scenario():
        from screens.shell.keys import key_groups

        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _staff_screen(pilot, "C002")
            own = {item.action: item for item in key_groups(screen).own}
            for action in ("unlock", "lock", "reset_pin", "deactivate"):
                assert action in own and own[action].tooltip and own[action].enabled
            footer = str(screen.query_one("KeyBar").render())
            assert "unlock" in footer and "deactivate" in footer

    run(scenario())


# -- the kiosk: applicants cannot close it -------------------------------------------------------

from tests.queue_fixtures import qhall  # noqa: E402,F401 - fixture
from tests.queue_fixtures import screen_clock as clock  # noqa: E402,F401 - fixture


def _kiosk(db, clock, lang="en"):
    from screens.apps.kiosk import KioskApp

    return KioskApp(db, lang=lang, return_after=600, clock=clock)


def test_ctrl_q_at_the_kiosk_asks_for_staff_and_escape_keeps_it_open(db, clock, qhall):
    async def scenario():
        app = _kiosk(db, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert _screen_name(app) == "KioskExitDialog"
            await pilot.press("ctrl+q")  # again: still the one dialog
            assert [type(s).__name__ for s in app.screen_stack].count("KioskExitDialog") == 1
            await pilot.press("escape")
            await settle(pilot)
            assert _screen_name(app) == "KioskScreen"
            await pilot.press("ctrl+c")
            await settle(pilot)
            assert app.is_running and _screen_name(app) == "KioskScreen"
        assert app.return_code is None

    run(scenario())


def test_a_wrong_pin_or_a_clerk_cannot_close_the_kiosk(db, clock, qhall):
    async def scenario():
        app = _kiosk(db, clock, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+q")
            await settle(pilot)
            await pilot.press(*"S001", "enter", *"654321", "enter")
            await settle(pilot)
            assert _screen_name(app) == "KioskExitDialog"
            assert str(app.screen.query_one("#kiosk-exit-error").render()) == t("errors.login_failed")
            assert app.screen.query_one("#kiosk-exit-pin").value == ""
            app.screen.query_one("#kiosk-exit-no").value = "C001"
            app.screen.query_one("#kiosk-exit-pin").focus()
            await pilot.press(*"123456", "enter")  # a clerk: the right PIN, not allowed
            await settle(pilot)
            assert _screen_name(app) == "KioskExitDialog"
            assert str(app.screen.query_one("#kiosk-exit-error").render()) == t("roles.kiosk.not_allowed",
                                                                                employee_no="C001")
            assert app.is_running

    run(scenario())
    assert _audit_actions(db, "S001")[-1] == "auth.failed"  # the log-in's own audit of a wrong PIN
    assert "public_screen.closed" not in _audit_actions(db, "kiosk")


def test_a_supervisor_closes_the_kiosk_and_it_is_audited(db, clock, qhall):
    async def scenario():
        app = _kiosk(db, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+q")
            await settle(pilot)
            await pilot.press(*"S001", "tab", *"123456", "enter")
            await settle(pilot)
            await pilot.pause()
        assert not app.is_running

    run(scenario())
    from sqlalchemy import select

    from models import AuditEvent

    with db.read() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "public_screen.closed")).one()
        assert (event.actor_no, event.entity_id) == ("S001", "kiosk")


def test_closing_a_public_screen_is_the_same_use_case_from_anywhere(db, runner, qhall):
    from console.core.errors import AuthFailed, PermissionDenied
    from console.queue.kiosk_exit import close_public_screen

    import pytest

    with pytest.raises(AuthFailed):
        runner.run(close_public_screen, "A001", "999999", "kiosk")
    with pytest.raises(PermissionDenied):
        runner.run(close_public_screen, "C001", "123456", "kiosk")
    assert runner.run(close_public_screen, "A001", "123456", "kiosk", site="410185") == "A001"


# -- the hand-off form asks before Escape loses what was typed ------------------------------------


async def _window_calling(pilot, employee_no: str = "C001") -> None:
    """Log in, open the window screen and call the next ticket."""
    from tests.test_tui_queue import qlog_in, qsettle

    await qlog_in(pilot, employee_no)
    await pilot.press("q")
    await qsettle(pilot)
    await pilot.press("n")
    await qsettle(pilot)


def test_escape_on_a_changed_handoff_asks_and_keep_brings_it_back_with_d(db, runner, clock, qhall, tmp_path):
    from tests.test_tui_queue import qsettle, take

    [number] = take(runner, "SCJG")

    async def scenario():
        app = make_app(db, tmp_path, lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await _window_calling(pilot)
            window = app.screen
            await pilot.press("d")
            await qsettle(pilot)
            assert _screen_name(app) == "HandoffFormScreen"
            await pilot.press("escape")  # nothing typed: closes at once
            await qsettle(pilot)
            assert app.screen is window
            await pilot.press("d")
            await qsettle(pilot)
            await pilot.press(*"嵩阳建材")
            await pilot.press("escape")
            await qsettle(pilot)
            assert _screen_name(app) == "LeaveDialog"
            await pilot.press("escape")  # stay
            await qsettle(pilot)
            assert _screen_name(app) == "HandoffFormScreen"
            await pilot.press("escape")
            await qsettle(pilot)
            await pilot.press("k")
            await qsettle(pilot)
            assert app.screen is window
            await pilot.press("d")
            await qsettle(pilot)
            assert app.screen.query_one("#proxy-field-enterprise").value == "嵩阳建材"
            await pilot.press(*"有限公司", "escape")
            await qsettle(pilot)
            await pilot.press("d")  # discard: the next hand-off starts empty
            await qsettle(pilot)
            assert app.screen is window and not any(window.handoff_drafts.values())
            await pilot.press("d")
            await qsettle(pilot)
            assert app.screen.query_one("#proxy-field-enterprise").value == ""

    run(scenario())
    from console.proxy.kept import kept_handoff

    assert runner.run(kept_handoff, number, actor=factories.actor(db, "C001")) is None  # discarded: gone


def test_a_half_typed_handoff_survives_a_restart_and_goes_once_handed_off(db, runner, clock, qhall, tmp_path):
    """Fields are kept as they are left: the terminal closed mid-form, the next console's `d`
    for the same ticket brings them back; the hand-off itself forgets them."""
    from console.proxy.kept import kept_handoff
    from tests.test_tui_queue import qlog_in, qsettle, take

    [number] = take(runner, "SCJG")
    clerk = factories.actor(db, "C001")

    async def first():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await _window_calling(pilot)
            await pilot.press("d")
            await qsettle(pilot)
            await pilot.press(*"嵩阳建材有限公司", "enter", *"91410185MA3X00001K", "enter")
            await qsettle(pilot)
        # the App ends here as a closed terminal would: nothing asked, nothing submitted

    run(first())
    kept = runner.run(kept_handoff, number, actor=clerk)
    assert kept["enterprise"] == "嵩阳建材有限公司" and kept["uscc"] == "91410185MA3X00001K"
    assert kept["phone"] == ""

    async def second():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await qlog_in(pilot, "C001")
            await pilot.press("q")
            await qsettle(pilot)
            assert app.screen.view.current.number == number  # still being served
            await pilot.press("d")
            await qsettle(pilot)
            form = app.screen
            assert _screen_name(app) == "HandoffFormScreen"
            assert form.query_one("#proxy-field-enterprise").value == "嵩阳建材有限公司"
            assert form.query_one("#proxy-field-uscc").value == "91410185MA3X00001K"

    run(second())
    other = factories.actor(db, "C002")
    assert runner.run(kept_handoff, number, actor=other) is None  # the clerk's own


# -- personal numbers: masked on the case screen until revealed --------------------------------------


def _accepted_case(runner, db) -> tuple[str, str]:
    from console.cases.intake import Applicant, IntakeForm, accept
    from console.core.personal import id_check_digit
    from tests.factories import actor

    id_no = "41018519800101123" + id_check_digit("41018519800101123")
    form = IntakeForm(item_code="SCJG-001", received=(1, 2, 3),
                      applicant=Applicant(kind="person", name="王小明", id_no=id_no, phone="13812345678"))
    return runner.run(accept, form, actor=actor(db, "C001")).number, id_no


async def _case_screen(pilot, number: str, who: str):
    from screens.cases.case_screens import CaseDetailScreen

    await log_in(pilot, who)
    pilot.app.push_screen(CaseDetailScreen(number))
    await settle(pilot)
    return pilot.app.screen


def _info(screen) -> str:
    return str(screen.query_one("#case-info").render())


def test_a_supervisor_sees_the_case_masked_and_ctrl_r_reveals_it_audited(hall, db, runner, tmp_path):
    number, id_no = _accepted_case(runner, db)

    async def scenario():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _case_screen(pilot, number, "S001")
            assert "410185********" + id_no[-4:] in _info(screen) and "138****5678" in _info(screen)
            assert id_no not in _info(screen)
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert id_no in _info(screen) and "13812345678" in _info(screen)
            assert str(screen.query_one("#case-message").render()) == t("roles.revealed")
            await pilot.press("ctrl+r")  # again: masked, nothing more recorded
            await settle(pilot)
            assert id_no not in _info(screen)

    run(scenario())
    assert _audit_actions(db, number).count("personal.revealed") == 1


def test_a_clerk_is_refused_revealing_with_the_reason_in_both_languages(hall, db, runner, tmp_path):
    number, id_no = _accepted_case(runner, db)
    for lang, words in (("en", "see resident ID numbers and phones unmasked"), ("zh_CN", "查看完整的身份证号和电话")):
        async def scenario():
            app = make_app(db, tmp_path, lang=lang)
            async with app.run_test(size=(80, 24)) as pilot:
                screen = await _case_screen(pilot, number, "C001")
                await pilot.press("ctrl+r")
                await settle(pilot)
                assert words in str(screen.query_one("#case-message").render())
                assert id_no not in _info(screen)

        run(scenario())
    assert "personal.revealed" not in _audit_actions(db, number)
